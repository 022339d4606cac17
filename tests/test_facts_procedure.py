"""Procedure facts read from a single text: what the words show, with the sentence kept as evidence."""

from __future__ import annotations

from doclint.document import Document
from doclint.lint import compute_facts, lint_text


def facts_of(text: str) -> dict[str, object]:
    doc = Document.from_text(text, name="draft.txt")
    compute_facts(doc)
    return doc.facts


def test_consultation_period_gives_dates_days_and_evidence() -> None:
    text = "本办法草案于2025年3月1日至3月31日在市政府门户网站向社会公开征求意见，共收到意见12条，采纳5条。"
    facts = facts_of(text)
    procedure = facts["procedure"]
    assert isinstance(procedure, dict)
    assert procedure["public_consultation"] is True
    assert procedure["consultation_from"] == "2025-03-01"
    assert procedure["consultation_to"] == "2025-03-31"
    assert procedure["consultation_days"] == 31
    assert procedure["consultation_comments"] == 12
    assert procedure["consultation_adopted"] == 5
    evidence = facts["evidence"]
    assert isinstance(evidence, dict)
    assert evidence["consultation_days"]["text"] == text
    assert text[evidence["public_consultation"]["start"]:evidence["public_consultation"]["end"]] == text


def test_announcement_period_and_traditional_characters() -> None:
    procedure = facts_of("現向社會公開征求意見。\n公告時間:2020年6月10日至2020年6月23日。")["procedure"]
    assert isinstance(procedure, dict)
    assert procedure["public_consultation"] is True
    assert procedure["consultation_days"] == 14


def test_from_until_form_and_length_in_days() -> None:
    first = facts_of("征求意见时间：自2025年4月1日起至2025年4月20日止，欢迎社会各界提出意见。")["procedure"]
    second = facts_of("本规定征求意见稿在市司法局网站向社会公开征求意见，为期十五天。")["procedure"]
    assert isinstance(first, dict) and isinstance(second, dict)
    assert first["consultation_days"] == 20
    assert second["consultation_days"] == 15


def test_single_draft_silent_on_steps_leaves_them_null() -> None:
    procedure = facts_of("第一条 为规范本市公园管理，制定本办法。\n第二条 本办法自2026年1月1日起施行。")["procedure"]
    assert isinstance(procedure, dict)
    for step in ("public_consultation", "expert_review", "risk_assessment", "fair_competition_review",
                 "legality_review", "collective_deliberation"):
        assert procedure[step] is None, step


def test_meeting_that_passed_the_document_is_collective_deliberation() -> None:
    facts = facts_of("《某某市公园管理办法》已经2025年4月10日市人民政府第35次常务会议审议通过，现予印发。")
    procedure = facts["procedure"]
    assert isinstance(procedure, dict)
    assert procedure["collective_deliberation"] is True
    assert procedure["deliberation_meeting"] == "市人民政府第35次常务会议"
    assert procedure["deliberation_date"] == "2025-04-10"


def test_duties_and_cited_titles_are_not_evidence_of_steps() -> None:
    procedure = facts_of(
        "各部门制定涉企政策，应当公开征求意见并进行公平竞争审查。"
        "根据《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》，建立合法性审核机制。"
    )["procedure"]
    assert isinstance(procedure, dict)
    assert procedure["public_consultation"] is None
    assert procedure["fair_competition_review"] is None
    assert procedure["legality_review"] is None


def test_stated_omissions_are_false() -> None:
    procedure = facts_of("起草过程中未向社会公开征求意见，也未开展公平竞争审查。")["procedure"]
    assert isinstance(procedure, dict)
    assert procedure["public_consultation"] is False
    assert procedure["fair_competition_review"] is False


def test_fair_competition_conclusion_is_read() -> None:
    procedure = facts_of("经公平竞争审查，本措施不含有排除、限制竞争的内容。")["procedure"]
    assert isinstance(procedure, dict)
    assert procedure["fair_competition_review"] is True
    assert procedure["fair_competition_conclusion"] == "不含有排除、限制竞争的内容"


def test_dates_validity_and_provisional_title() -> None:
    result = lint_text("某某市公共租赁住房管理暂行办法\n第一条 为规范管理，制定本办法。\n"
                       "第二条 本办法自2026年1月1日起施行，有效期至2030年12月31日。", name="d.txt")
    facts = result.facts
    assert facts.effective_date == "2026-01-01"
    assert facts.validity == "至2030-12-31"
    assert facts.provisional is True
    assert facts.evidence["validity"].text.endswith("有效期至2030年12月31日。")
    checks = facts.checks
    assert checks["provisional_validity_too_long"] is True
    assert checks["validity_too_long"] is False


def test_publication_date_from_signature_line() -> None:
    facts = facts_of("本办法自2025年7月1日起施行。\n某某市人民政府\n2025年6月20日")
    assert facts["publication_date"] == "2025-06-20"
    checks = facts["checks"]
    assert isinstance(checks, dict)
    assert checks["effective_gap_days"] == 11
    assert checks["effective_too_soon"] is True


def test_step_keywords_cover_every_pattern() -> None:
    """A step is skipped on a text without its keywords; that must never hide a match of its patterns."""
    from doclint.engine.primitives import regex_triggers
    from doclint.facts.procedure import STEP_PATTERNS

    for step, patterns in STEP_PATTERNS.items():
        assert patterns.keywords, step
        for pattern in (*patterns.done, patterns.not_done):
            triggers = regex_triggers(pattern)
            assert triggers, f"{step}: no literal can be derived from {pattern}"
            for word in triggers:
                assert any(keyword in word for keyword in patterns.keywords), f"{step}: {word} escapes the keywords"


# --- wording of real consultation notices and reports (issue 18 point 2) -----------------------------------


def procedure_of(text: str) -> dict[str, object]:
    procedure = facts_of(text)["procedure"]
    assert isinstance(procedure, dict)
    return procedure


def test_notice_date_and_deadline_make_the_period() -> None:
    text = ("青禾市住房局关于《青禾市物业服务收费管理办法（征求意见稿）》公开征求意见的公告\n"
            "现将《青禾市物业服务收费管理办法（征求意见稿）》向社会公开征求意见，公众可通过以下方式提出意见：\n"
            "电子邮箱：wy@example.org。\n意见反馈截止时间为2025年4月30日。\n青禾市住房局\n2025年4月1日\n")
    procedure = procedure_of(text)
    assert procedure["public_consultation"] is True
    assert procedure["consultation_from"] == "2025-04-01"
    assert procedure["consultation_to"] == "2025-04-30"
    assert procedure["consultation_days"] == 30
    result = lint_text(text, name="notice.txt")
    # A notice that gives a deadline has a period, and a consultation notice is not a draft lacking validity.
    assert {"PRO003", "PRO011"}.isdisjoint(f.rule for f in result.findings)


def test_deadline_with_before_and_notice_signature() -> None:
    text = ("现将《青禾县河道采砂管理规定（草案）》全文公布，征求社会各界意见。"
            "有关单位和个人可以在2024年7月15日前，通过信函方式提出意见。\n青禾县水利局\n2024年6月16日\n")
    procedure = procedure_of(text)
    assert procedure["public_consultation"] is True
    assert procedure["consultation_days"] == 30


def test_days_counted_from_the_announcement() -> None:
    procedure = procedure_of("本方案草案在区政府网站公开征求意见，期限为自公示之日起30日。")
    assert procedure["consultation_days"] == 30


def test_date_range_on_the_line_after_its_heading() -> None:
    procedure = procedure_of("本办法草案已在市政府网站向社会公开征求意见。\n征求意见时间：\n2025年5月6日至2025年6月4日\n")
    assert procedure["consultation_days"] == 30


def test_public_range_preferred_over_departments_range() -> None:
    text = ("本次征求意见分两步：一是2025年3月3日至3月10日书面征求各部门意见。"
            "二是2025年3月5日至4月3日在市政府网站向社会公开征求意见。")
    assert procedure_of(text)["consultation_days"] == 30


def test_social_stability_risk_assessment_with_a_word_between() -> None:
    procedure = procedure_of("3月2日，完成隧道收费事项社会稳定风险总体评估，并报市委政法委备案。")
    assert procedure["risk_assessment"] is True


def test_experts_consulted_or_convened() -> None:
    assert procedure_of("起草过程中，书面征求了法律顾问和行业专家的意见。")["expert_review"] is True
    assert procedure_of("市城管局组织专家对收费标准进行了研究。")["expert_review"] is True
    assert procedure_of("重大事项应当征求专家意见。").get("expert_review") is None


def test_consulting_the_public_without_the_word_open() -> None:
    assert procedure_of("草案形成后，我局广泛征求社会各界意见，共收到意见6条。")["public_consultation"] is True


def test_issued_and_in_force_on_a_date() -> None:
    facts = facts_of("《青禾市菜市场管理办法》于2023年5月1日印发实施。")
    assert facts["effective_date"] == "2023-05-01"


def test_meeting_that_adopted_another_plan_is_not_this_drafts_deliberation() -> None:
    text = ("青禾县农村生活污水治理实施方案\n"
            "县十八届人大常委会第十二次会议审议通过了《青禾县国土空间总体规划（2021-2035年）》。\n"
            "一、各乡镇应当按照规划建设污水处理设施。\n")
    assert procedure_of(text).get("collective_deliberation") is None
    other = ("青禾县农村生活污水治理实施方案\n"
             "县政府第9次常务会议研究通过了《青禾县乡村道路养护经费管理办法》。\n")
    assert procedure_of(other).get("collective_deliberation") is None
    own = ("青禾县农村生活污水治理实施方案\n"
           "《青禾县农村生活污水治理实施方案》已经县政府第9次常务会议审议通过，现予印发。\n")
    assert procedure_of(own)["collective_deliberation"] is True


def test_evidence_is_a_whole_sentence_even_when_a_title_wraps() -> None:
    text = ("起草说明\n《青禾市公共停车场收费\n管理办法》已经市政府第20次常务会议审议通过。\n")
    facts = facts_of(text)
    evidence = facts["evidence"]
    assert isinstance(evidence, dict)
    quoted = evidence["collective_deliberation"]["text"]
    assert quoted.startswith("《青禾市公共停车场收费") and quoted.endswith("审议通过。")


def test_issued_document_is_not_told_its_draft_lacks_validity() -> None:
    text = ("青禾市人民政府关于印发青禾市公园管理办法的通知\n青政发〔2024〕3号\n"
            "第一条 为规范本市公园管理，制定本办法。\n第二条 本办法适用于本市城市公园。\n"
            "第三条 本办法自2024年3月1日起施行。\n青禾市人民政府\n2024年1月20日\n")
    rules = {f.rule for f in lint_text(text, name="issued.txt").findings}
    assert "PRO011" not in rules
    assert "PRO015" in rules


def test_missing_validity_points_at_the_last_article_not_the_title() -> None:
    text = ("青禾市公园管理办法\n第一条 为规范本市公园管理，制定本办法。\n"
            "第二条 本办法适用于本市城市公园。\n第三条 本办法由市园林局负责解释。\n")
    found = [f for f in lint_text(text, name="draft.txt").findings if f.rule == "PRO011"]
    assert len(found) == 1
    assert found[0].excerpt.startswith("第三条")


def test_a_portals_posting_date_opens_a_notice_without_a_signature_date() -> None:
    text = ("关于《青禾市停车收费管理办法（征求意见稿）》公开征求意见的通知\n2025-03-03 来源：市发展改革委\n"
            "现将《青禾市停车收费管理办法（征求意见稿）》向社会公开征求意见，请于2025年4月1日前反馈。\n")
    assert procedure_of(text)["consultation_days"] == 30
