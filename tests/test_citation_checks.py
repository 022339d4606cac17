"""Citation detectors through the public API: a Document in, hits (span + message values) out."""

from __future__ import annotations

import datetime as dt

from doclint.checks import load_detectors
from doclint.citations.as_of import citation_date, signing_date
from doclint.citations.references import find_citations
from doclint.document import Document
from doclint.engine.detector import Hit
from doclint.lint import lint_text


def hits(name: str, text: str) -> list[tuple[str, dict[str, str]]]:
    doc = Document.from_text(text)
    found: list[Hit] = load_detectors()[name](doc)
    return [(text[h.start:h.end], h.groups) for h in found]


def test_short_form_declared_after_full_title_resolves_to_the_law() -> None:
    text = "依据《中华人民共和国行政处罚法》（以下简称《处罚法》）第三十二条、第三十三条制定。《处罚法》第十六条另有规定。处罚法第二十条也适用。"
    found = find_citations(text)
    assert [c.law.name if c.law else None for c in found] == ["中华人民共和国行政处罚法"] * 3
    assert [[r.article for r in c.articles] for c in found] == [[32, 33], [16], [20]]
    assert [c.via_alias for c in found] == [False, True, True]


def test_paragraph_and_item_references_attach_to_their_article() -> None:
    (cite,) = find_citations("依照《中华人民共和国行政许可法》第三十二条第一款第（五）项、第二款的规定办理。")
    assert [(r.article, r.paragraph, r.item) for r in cite.articles] == [(32, 1, 5), (32, 2, None)]


def test_repealed_law_names_its_successor() -> None:
    ((excerpt, groups),) = hits("citation.repealed-law", "依据《中华人民共和国担保法》第六条的规定办理。")
    assert excerpt == "《中华人民共和国担保法》第六条"
    assert groups["successor_name"] == "《中华人民共和国民法典》"
    assert groups["repealed_on"] == "2021年1月1日"


def test_law_repealed_after_the_document_date_is_not_flagged() -> None:
    text = "依据《中华人民共和国担保法》第六条的规定办理。\n本办法自2020年10月1日起施行。"
    assert hits("citation.repealed-law", text) == []


def test_short_form_of_a_repealed_law_is_reported_once() -> None:
    text = "依据《中华人民共和国物权法》（以下简称物权法）制定。物权法第七十条另有规定的除外。"
    assert len(hits("citation.repealed-law", text)) == 1


def test_article_count_follows_the_version_in_force_on_the_document_date() -> None:
    cite = "根据《中华人民共和国立法法》第一百一十条的规定，制定本办法。"
    assert hits("citation.article-out-of-range", cite + "\n本办法自2024年1月1日起施行。") == []
    ((excerpt, groups),) = hits("citation.article-out-of-range", cite + "\n本办法自2020年1月1日起施行。")
    assert excerpt == "第一百一十条"
    assert groups["count"] == "105"


def test_stale_number_after_renumbering_names_the_new_one() -> None:
    text = "依照《中华人民共和国立法法》第八十条的规定执行。\n本办法自2024年5月1日起施行。"
    ((excerpt, groups),) = hits("citation.stale-article-number", text)
    assert excerpt == "第八十条"
    assert groups["new_article"] == "第九十一条"


def test_stale_number_is_read_from_the_content_of_the_sentence() -> None:
    old_content = "根据《中华人民共和国行政处罚法》第三十二条，当事人有权进行陈述和申辩。"
    assert [g["new_article"] for _, g in hits("citation.stale-article-number", old_content)] == ["第四十五条"]
    current_content = "根据《中华人民共和国行政处罚法》第三十二条，当事人主动消除或者减轻违法行为危害后果的，应当从轻处罚。"
    assert hits("citation.stale-article-number", current_content) == []


def test_misnamed_law_suggests_the_real_title() -> None:
    ((_, groups),) = hits("citation.unknown-law", "根据《中华人民共和国反不正当竟争法》查处。")
    assert groups["names"] == "《中华人民共和国反不正当竞争法》"


def test_local_regulations_and_rules_are_not_called_unknown() -> None:
    text = "根据《××省大气污染防治条例》和《××市扬尘污染防治管理办法》，加强扬尘治理。"
    assert hits("citation.unknown-law", text) == []


def test_only_the_first_citation_needs_the_full_name() -> None:
    text = "依据《行政许可法》制定。《中华人民共和国行政许可法》另有规定的，从其规定。《行政许可法》第八条除外。"
    assert [excerpt for excerpt, _ in hits("citation.missing-prc-prefix", text)] == ["《行政许可法》"]


def test_rule_in_a_list_labelled_law_is_reported_with_the_label() -> None:
    text = "依照《中华人民共和国行政许可法》、《××市户外广告管理规定》等法律的规定执行。"
    ((excerpt, groups),) = hits("citation.rule-cited-as-law", text)
    assert excerpt == "《××市户外广告管理规定》等法律"
    assert groups["label"] == "法律"


def test_label_that_owns_up_to_rules_passes() -> None:
    text = "依照《中华人民共和国行政许可法》、《××市户外广告管理规定》等法律、法规、规章的规定执行。"
    assert hits("citation.rule-cited-as-law", text) == []


def test_citation_date_is_the_latest_own_date() -> None:
    doc = Document.from_text("本办法自2024年6月1日起施行。\n\n××市人民政府\n2024年5月10日")
    signed = signing_date(doc)
    assert signed is not None and signed.date == dt.date(2024, 5, 10)
    assert citation_date(doc) == dt.date(2024, 6, 1)
    assert citation_date(Document.from_text("没有日期。"), today=dt.date(2030, 1, 1)) == dt.date(2030, 1, 1)


def test_findings_point_at_the_source_text_of_a_traditional_draft() -> None:
    text = "依據《中華人民共和國合同法》第五十二條的規定辦理。"
    result = lint_text(text)
    (finding,) = [f for f in result.findings if f.rule == "CIT001"]
    assert text[finding.start:finding.end] == finding.excerpt == "《中華人民共和國合同法》第五十二條"


def test_a_stray_space_in_a_full_law_name_is_called_a_space_not_a_missing_prefix() -> None:
    from doclint import lint_text

    for cited in ("《中华人民 共和国行政许可法》", "《中华人民共和国 行政许可法》"):
        findings = [f for f in lint_text(f"依据{cited}的规定，对本市行政许可事项实行清单管理。").findings
                    if f.rule == "CIT005"]
        assert len(findings) == 1, cited
        assert "空格" in findings[0].message and "应当使用全称" not in findings[0].message
        assert findings[0].suggestion.startswith("删去名称中的空格，写作《中华人民共和国行政许可法》")
    short = [f for f in lint_text("依据《行政许可法》的规定，对本市行政许可事项实行清单管理。").findings if f.rule == "CIT005"]
    assert len(short) == 1 and "应当使用全称《中华人民共和国行政许可法》" in short[0].message
    # The full name is drafting practice (the 立法技术规范), not a rule of the 公文格式 standard.
    assert "起草惯例" in short[0].message
    assert short[0].basis == ["全国人大常委会法制工作委员会《立法技术规范（试行）（一）》（法工委发〔2009〕62号）"]
