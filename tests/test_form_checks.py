"""Form detectors through the public API: 文号, title, numbering, cross-references, 施行日期."""

from __future__ import annotations

import pytest

from doclint.checks import load_detectors
from doclint.document import Document


def hits(name: str, text: str) -> list[tuple[str, dict[str, str]]]:
    doc = Document.from_text(text)
    return [(text[h.start:h.end], h.groups) for h in load_detectors()[name](doc)]


TITLE = "\n××市交通运输局关于规范网约车停靠点设置的通知"


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        ("交运发[2023]41号", "不用「[]」"),
        ("交运发（2023）41号", "不用「（）」"),
        ("交运发(2023)41号", "不用「()」"),
        ("交运发【2023】41号", "不用「【】」"),
        ("交运发〔23〕41号", "四位"),
        ("交运发〔2023〕第41号", "不加「第」"),
        ("交运发〔2023〕041号", "前导零"),
    ],
)
def test_each_wrong_doc_number_form_is_named_and_fixed(number: str, problem: str) -> None:
    ((excerpt, groups),) = hits("form.doc-number-format", number + TITLE)
    assert excerpt == number
    assert problem in groups["problems"]
    assert groups["fixed"] == "交运发〔2023〕41号"


def test_correct_doc_number_and_body_dates_pass() -> None:
    assert hits("form.doc-number-format", "交运发〔2023〕41号" + TITLE + "\n请于2023年5月1日前报送。") == []


def test_law_name_in_title_but_not_in_a_notice_about_a_law() -> None:
    assert hits("form.title-named-law", "××市电动自行车管理条例\n第一条 为了规范管理，制定本条例。\n第二条 适用于本市。")
    assert not hits("form.title-named-law", "××市人民政府关于实施《中华人民共和国道路交通安全法》的通知\n各区：\n通知如下。")


def test_numbering_gaps_repeats_and_reversals() -> None:
    text = "第一条 甲。\n第二条 乙。\n第四条 丙。\n第四条 丁。\n第三条 戊。"
    problems = [groups["problem"] for _, groups in hits("form.numbering-sequence", text)]
    assert problems == ["第二条之后是第四条，缺少第三条", "第四条重复", "第三条排在第四条之后，顺序颠倒"]


def test_numbering_restarting_in_an_annex_is_not_a_repeat() -> None:
    text = "第一条 甲。\n第二条 乙。\n附件\n第一条 丙。\n第二条 丁。"
    assert hits("form.numbering-sequence", text) == []


def test_sections_restart_in_each_chapter() -> None:
    text = ("第一章 总则\n第一节 一般规定\n第一条 甲。\n第二章 管理\n第一节 登记\n第二条 乙。\n"
            "第三节 检查\n第三条 丙。")
    assert [g["problem"] for _, g in hits("form.numbering-sequence", text)] == ["第一节之后是第三节，缺少第二节"]


def test_cross_references_inside_the_draft() -> None:
    text = ("第一条 为了规范停靠点设置，制定本办法。\n第二条 停靠点由区交通运输部门设置。\n前款规定的停靠点应当设置标志。\n"
            "第三条 违反本办法第二条第三款、第二条第二款或者第九条规定的，依照《中华人民共和国道路运输条例》第七十条处理。")
    found = [excerpt for excerpt, _ in hits("form.broken-cross-reference", text)]
    assert found == ["本办法第二条第三款", "第九条"]


def test_previous_paragraph_in_the_first_paragraph_points_at_nothing() -> None:
    text = "第一条 前款所列车辆不得停靠。\n第二条 本办法自2025年1月1日起施行。"
    assert [e for e, _ in hits("form.broken-cross-reference", text)] == ["前款"]


def test_mixed_styles_are_reported_once_each() -> None:
    text = ("第一条 下列区域不得设置停靠点：\n一、消防通道；\n二、公交专用道。\n第二条 设置要求：\n"
            "1. 标志清晰；\n2、位置醒目；\n3. 便于疏散。")
    problems = [g["problem"] for _, g in hits("form.mixed-numbering", text)]
    assert len(problems) == 2
    assert "共2处" in problems[0] and "「1、」共1处" in problems[1]


@pytest.mark.parametrize(
    ("clause", "malformed"),
    [
        ("本办法自2025年3月起施行。", True),
        ("本办法自2025年2月29日起施行。", True),
        ("本办法自2024年2月29日起施行。", False),
        ("本办法自2025年1月1日至2029年12月31日施行。", False),
        ("本办法自颁布之日起施行。", False),
        ("本办法自印发之日起三十日后施行。", False),
    ],
)
def test_effective_clause_must_name_a_real_day(clause: str, malformed: bool) -> None:
    assert bool(hits("form.effective-date-malformed", clause)) is malformed


def test_missing_effective_date_only_for_whole_drafts() -> None:
    draft = "××市网约车停靠点管理办法\n第一条 为了规范停靠点，制定本办法。\n第二条 本办法适用于本市。"
    assert hits("form.effective-date-missing", draft)
    assert not hits("form.effective-date-missing", draft + "\n第三条 本办法自2025年1月1日起施行。")
    assert not hits("form.effective-date-missing", "网约车应当在停靠点上下客。")


def test_effective_date_before_the_signing_date() -> None:
    tail = "\n\n××市交通运输局\n2025年4月1日"
    ((excerpt, groups),) = hits("form.effective-before-signing", "本办法自2025年3月1日起施行。" + tail)
    assert excerpt == "2025年3月1日"
    assert groups["which"] == "成文日期"
    assert hits("form.effective-before-signing", "本办法自2025年5月1日起施行。" + tail) == []
