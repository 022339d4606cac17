"""Document type detection: normative by default, 规章 by 政府令, 地方性法规 by 人大常委会, other for reports."""

from __future__ import annotations

from doclint import lint_text
from doclint.document import Document


def doc_type(text: str) -> str:
    return Document.from_text(text).doc_type


def test_normative_is_the_default() -> None:
    assert doc_type("青禾市人民政府关于加强养犬管理的通告\n一、养犬人应当文明养犬。") == "normative"


def test_government_order_is_a_rule() -> None:
    text = "青禾市公园管理办法\n青禾市人民政府令第12号\n《青禾市公园管理办法》已经市人民政府常务会议通过，现予公布。"
    assert doc_type(text) == "rule"


def test_regulation_adopted_by_a_standing_committee_is_a_local_regulation() -> None:
    text = "青禾市养犬管理条例\n2025年6月1日青禾市第十七届人民代表大会常务委员会第九次会议通过\n第一条 为了规范养犬行为，制定本条例。"
    assert doc_type(text) == "local_regulation"


def test_work_report_is_other_and_its_descriptions_flag_nothing() -> None:
    text = (
        "青禾市司法局2025年规范性文件审查工作总结\n"
        "一、全年审查文件八十件，纠正了三件自行设定罚款、要求企业须经审批后方可经营的文件。\n"
        "二、我们对违规设定停止供电、扣押财物等强制措施的条款提出了修改意见。\n"
    )
    result = lint_text(text)
    assert result.doc_type == "other"
    assert [f for f in result.findings if f.category in {"penalty", "licensing", "coercion", "obligation"}] == []


def test_doc_type_override_wins() -> None:
    doc = Document.from_text("青禾市某某工作总结\n一、处五百元罚款。", doc_type="normative")
    assert doc.doc_type == "normative"
    assert doc.detected_doc_type == "other"
