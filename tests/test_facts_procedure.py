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
