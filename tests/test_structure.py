"""Structure: title, 文号, chapters, articles, 款, 项 and plain 公文 numbering labels."""

from __future__ import annotations

from doclint.document import Document
from doclint.text.numerals import int_to_chinese

ARTICLES = """青禾市人民政府关于印发青禾市停车场管理办法的通知
青政发〔2026〕3号
第一章 总则
第一条 为了规范停车场管理，制定本办法。
第二条 本办法适用于本市行政区域。
第二章 管理
第三条 停车场经营者应当遵守下列规定：
（一）公示收费标准；
（二）建立管理制度；
（三）按规定保存记录。
经营者应当配合检查。
第四条 本办法自2026年3月1日起施行。
青禾市人民政府
2026年1月10日
"""

PLAIN = """青禾市城市管理局关于做好汛期工作的通知
一、总体要求
（一）压实责任。各区要落实防汛责任。
1.建立台账。各街道建立隐患台账。
（二）加强巡查。
二、工作措施
各部门应当加强值守。
"""


def label_of(doc: Document, needle: str) -> str | None:
    return doc.location(doc.source.index(needle)).article


def test_title_and_doc_number() -> None:
    doc = Document.from_text(ARTICLES)
    assert doc.structure.title == "青禾市人民政府关于印发青禾市停车场管理办法的通知"
    assert doc.structure.doc_number == "青政发〔2026〕3号"


def test_article_paragraph_and_item_labels() -> None:
    doc = Document.from_text(ARTICLES)
    assert label_of(doc, "为了规范停车场管理") == "第一条"
    assert label_of(doc, "建立管理制度") == "第三条第一款第（二）项"
    assert label_of(doc, "经营者应当配合检查") == "第三条第二款"
    assert label_of(doc, "本办法自2026年") == "第四条"
    assert [a.label for a in doc.structure.articles] == ["第一条", "第二条", "第三条", "第四条"]
    chapters = [h.label for h in doc.structure.headings if h.kind == "chapter"]
    assert chapters == ["第一章", "第二章"]


def test_location_has_line_column_and_paragraph() -> None:
    doc = Document.from_text(ARTICLES)
    location = doc.location(doc.source.index("公示收费标准"))
    assert location.line == 8
    assert location.column == 4
    assert location.paragraph == 8


def test_articles_up_to_one_hundred_ninety_nine() -> None:
    text = "青禾市某某管理办法\n" + "".join(f"第{int_to_chinese(n)}条 第{n}条的内容。\n" for n in range(1, 200))
    doc = Document.from_text(text)
    assert len(doc.structure.articles) == 199
    assert doc.structure.articles[-1].label == "第一百九十九条"
    assert doc.structure.articles[-1].number == 199
    assert label_of(doc, "第105条的内容") == "第一百零五条"


def test_plain_official_numbering_labels() -> None:
    doc = Document.from_text(PLAIN)
    assert not doc.structure.has_articles
    assert label_of(doc, "各区要落实") == "一、（一）"
    assert label_of(doc, "各街道建立") == "一、（一）1."
    assert label_of(doc, "各部门应当加强值守") == "二、"


def test_sentences_split_at_full_stops_and_semicolons_and_clauses_at_commas() -> None:
    doc = Document.from_text("甲应当报告；乙不得拒绝。丙，丁。")
    sentences = [doc.source[s.start:s.end] for s in doc.structure.sentences]
    assert sentences == ["甲应当报告；", "乙不得拒绝。", "丙，丁。"]
    assert doc.structure.sentences[1].full_start == 0
    clauses = [doc.source[c.start:c.end] for c in doc.structure.clauses]
    assert clauses[-2:] == ["丙，", "丁。"]
