"""Builds samples/farmers-market-draft.docx: a draft with real Word numbering (第N条 list style) and a table.

Run `python samples/build_docx.py`; the output is committed so the quick start needs no build step.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

ARTICLE_NUMBERING = f"""
<w:abstractNum {nsdecls('w')} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="第%1条"/><w:suff w:val="space"/><w:lvlJc w:val="left"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>
"""

TITLE = "青禾市农贸市场管理办法（征求意见稿）"
PREAMBLE = "第一章 总则"
ARTICLES: list[tuple[int, str]] = [
    (0, "为加强农贸市场管理，保障农产品质量安全，根据《中华人民共和国农产品质量安全法》，结合本市实际，制定本办法。"),
    (0, "本办法适用于本市行政区域内农贸市场的规划、建设、经营和管理。"),
    (0, "市商务局负责全市农贸市场的统筹管理，市场监管部门负责市场内经营行为的监督管理。"),
    (0, "在本市开办农贸市场的，须经市商务局审批同意后方可营业。"),
    (0, "入场经营者有下列情形之一的，由市场开办者报市场监管部门处理："),
    (1, "销售病死畜禽的；"),
    (1, "使用不合格计量器具的；"),
    (1, "拒不配合日常检查的。"),
    (0, "入场经营者应当优先采购本市农业龙头企业生产的农产品。"),
    (0, "违反本办法第四条规定擅自营业的，由市商务局处一万元以上三万元以下罚款，三年内不得申报市级专项资金。"),
    (0, "市场开办者应当在市场显著位置公示投诉电话。违反本办法规定的，由市场监管部门责令改正。"),
    (0, "本办法自2026年5月1日起施行，有效期五年。"),
]
TABLE_ROWS = [
    ("摊位类别", "收费项目", "标准"),
    ("蔬菜摊位", "摊位管理费", "每月三百元"),
    ("肉类摊位", "卫生保证金", "每户五千元，入场时缴纳"),
]


def add_numbering(document: Document) -> str:
    """Registers the 第N条 list style and returns its numId."""
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(ARTICLE_NUMBERING))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def numbered_paragraph(document: Document, text: str, num_id: str, level: int) -> None:
    paragraph = document.add_paragraph()
    properties = paragraph._p.get_or_add_pPr()
    num_pr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    properties.append(num_pr)
    # Split the clause into two runs, as Word does after an edit, so readers must join runs.
    middle = len(text) // 2
    paragraph.add_run(text[:middle])
    paragraph.add_run(text[middle:])


def build(path: Path) -> None:
    document = Document()
    style = document.styles["Normal"]
    style.font.size = Pt(16)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋")
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(TITLE).bold = True
    document.add_paragraph(PREAMBLE)
    num_id = add_numbering(document)
    for level, text in ARTICLES:
        numbered_paragraph(document, text, num_id, level)
    document.add_paragraph("附表：市场收费项目表")
    table = document.add_table(rows=len(TABLE_ROWS), cols=3)
    for row, values in zip(table.rows, TABLE_ROWS, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.core_properties.author = "doclint samples"
    document.save(str(path))


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("farmers-market-draft.docx")
    build(target)
    print(target)
