"""Every format drafts are filed in gives the text a reviewer sees, with pages located where they exist."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from doclint.cli import app
from doclint.document import Document
from doclint.errors import ReadError
from doclint.lint import lint_bytes
from doclint.readers import SUPPORTED_SUFFIXES, is_supported, read_bytes, read_path, sniff_format

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
sys.path.insert(0, str(FIXTURES))

from readers_makers import (  # noqa: E402
    make_docx,
    make_ofd,
    make_pdf,
    notes_xml,
    para,
)

needs_pypdf = pytest.mark.skipif(importlib.util.find_spec("pypdf") is None, reason="pypdf 未安装")
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) 未安装")

FEE_LINE = "第三条 经营者办理摊位登记时，应当缴纳管理费二百元。"
TITLE = "清河县农贸市场管理办法"


# ----------------------------------------------------------------------------------------------- PDF


@needs_pypdf
def test_pdf_text_layer_is_read_with_page_numbers() -> None:
    pdf = make_pdf([[TITLE, "第一条 为了规范农贸市场管理，制定本办法。"], ["第二条 本办法适用于本县。", FEE_LINE]])
    source = read_bytes(pdf, "办法.pdf")
    assert source.format == "pdf"
    assert source.text.splitlines() == [TITLE, "第一条 为了规范农贸市场管理，制定本办法。",
                                        "第二条 本办法适用于本县。", FEE_LINE]
    assert source.page_starts == [0, source.text.index("第二条")]
    doc = Document.from_source(source)
    assert doc.location(source.text.index("管理费")).page == 2
    assert doc.location(source.text.index("为了")).page == 1


@needs_pypdf
def test_pdf_wrapped_lines_join_and_page_numbers_drop() -> None:
    long_line = "第一条 市场开办者应当建立摊位档案，如实记录经营者姓名、经营品种、"
    pdf = make_pdf([[TITLE, long_line, "摊位编号和联系方式。", "- 1 -"], ["第二条 本办法自印发之日起施行。"]])
    text = read_bytes(pdf, "wrapped.pdf").text
    assert long_line + "摊位编号和联系方式。" in text
    assert "- 1 -" not in text
    assert text.startswith(TITLE + "\n")


@needs_pypdf
def test_pdf_without_text_layer_needs_ocr() -> None:
    with pytest.raises(ReadError) as info:
        read_bytes(make_pdf([[], []]), "扫描件.pdf")
    assert "需要 OCR" in str(info.value)
    assert "扫描件.pdf" in str(info.value)


@needs_pypdf
def test_pdf_finding_carries_page_in_json(tmp_path: Path) -> None:
    path = tmp_path / "收费.pdf"
    path.write_bytes(make_pdf([[TITLE, "第一条 为了规范管理，制定本办法。"],
                               ["第二条 违反本办法的，由县市场监管局处五百元以上二千元以下罚款。"]]))
    result = CliRunner().invoke(app, ["check", "--format", "json", str(path)])
    assert result.exit_code == 1, result.output

    findings = json.loads(result.stdout)["files"][0]["findings"]
    fines = [f for f in findings if "罚款" in f["excerpt"]]
    assert fines, "the fine on page 2 should be found"
    assert {f["location"]["page"] for f in fines} == {2}
    assert all(f["location"]["page"] in (1, 2) for f in findings)


@needs_pypdf
def test_libreoffice_pdf_fixture_reads_all_parts() -> None:
    source = read_path(FIXTURES / "lo_features.pdf")
    assert source.format == "pdf"
    for expected in ("第一条 为了规范农贸市场摊位管理", "文本框：摊位图示见附件。", "蔬菜区", "保证金标准"):
        assert expected in source.text
    assert source.page_starts == [0]


# ----------------------------------------------------------------------------------------------- OFD


def test_ofd_reads_pages_in_reading_order_from_coordinates() -> None:
    pages = [[TITLE, "第一条 为了规范农贸市场管理，制定本办法。"], ["第二条 本办法适用于本县。", FEE_LINE]]
    ofd = make_ofd(pages, reverse_objects=True, split_lines=True)
    source = read_bytes(ofd, "办法.ofd")
    assert source.format == "ofd"
    assert source.text.splitlines() == [line for page in pages for line in page]
    assert source.page_starts == [0, source.text.index("第二条")]
    assert Document.from_source(source).location(source.text.index("管理费")).page == 2


def test_ofd_image_only_needs_ocr() -> None:
    with pytest.raises(ReadError) as info:
        read_bytes(make_ofd([[]]), "扫描.ofd")
    assert "需要 OCR" in str(info.value)


def test_ofd_missing_page_part_is_a_clear_error() -> None:
    import io
    import zipfile

    good = make_ofd([[TITLE]])
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(broken, "w") as target:
        for member in source.infolist():
            if "Content.xml" not in member.filename:
                target.writestr(member, source.read(member))
    with pytest.raises(ReadError) as info:
        read_bytes(broken.getvalue(), "缺页.ofd")
    assert "缺页.ofd" in str(info.value) and "Content.xml" in str(info.value)


# ---------------------------------------------------------------------------------------------- HTML

GOV_PAGE = """<!DOCTYPE html>
<html><head><meta charset="gb2312"><title>清河县人民政府</title>
<style>.nav {{ color: red }}</style><script>var tracker = "第九条 脚本里的字";</script></head>
<body>
<div class="header"><a href="/">首页</a> | <a href="/zwgk">政务公开</a></div>
<nav><ul><li>机构设置</li><li>政策文件</li></ul></nav>
<div class="position">当前位置：首页 &gt; 政策文件</div>
<div class="article">
<h1>{title}</h1>
<div id="zoom" class="TRS_Editor">
<p>　　第一条 为了规范农贸市场管理，
根据有关规定，制定本办法。</p>
<p>　　{fee}</p>
<table><tr><td>区域</td><td>摊位数</td></tr></table>
</div></div>
<div class="share">分享到：微信 微博</div>
<div id="footer">主办单位：清河县人民政府办公室　网站标识码 1234</div>
</body></html>"""


def test_html_keeps_the_article_and_drops_navigation() -> None:
    page = GOV_PAGE.format(title=TITLE, fee=FEE_LINE).encode("gb18030")
    source = read_bytes(page, "办法.html")
    assert source.format == "html"
    assert source.text.splitlines() == [TITLE, "第一条 为了规范农贸市场管理，根据有关规定，制定本办法。", FEE_LINE,
                                        "区域", "摊位数"]
    for chrome in ("首页", "机构设置", "当前位置", "分享到", "主办单位", "脚本里的字", "color"):
        assert chrome not in source.text


def test_html_finding_points_into_extracted_text() -> None:
    page = GOV_PAGE.format(title=TITLE, fee="第三条 违反本办法的，由县市场监管局处五百元以上二千元以下罚款。")
    result = lint_bytes(page.encode("utf-8"), "page.htm")
    assert result.error is None
    assert result.findings
    text = read_bytes(page.encode("utf-8"), "page.htm").text
    for finding in result.findings:
        assert text[finding.start:finding.end] == finding.excerpt


# ---------------------------------------------------------------------------------------------- DOCX


def test_libreoffice_docx_numbering_table_textbox_and_footnote() -> None:
    source = read_path(FIXTURES / "lo_features.docx")
    lines = source.text.splitlines()
    assert lines[1] == "第一条 为了规范农贸市场摊位管理，制定本办法。"
    assert lines[2] == "第二条 摊位经营者应当按月缴纳卫生保证金。"
    assert lines[3] == "第三条 摊位分配按下表执行。"
    assert lines[4] == "文本框：摊位图示见附件。"
    assert lines[5:9] == ["区域", "摊位数", "蔬菜区", "四十"]
    # The footnote follows the body after an empty line, so body offsets are the same with or without it.
    assert lines[-2:] == ["", "脚注1：保证金标准由市场开办者另行公布。"]
    assert source.text.count("摊位图示") == 1


WORD_TEXTBOX = (
    '<w:p><w:r><w:t>第四条 摊位示意如下。</w:t></w:r><w:r><mc:AlternateContent>'
    '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>'
    '<w:txbxContent><w:p><w:r><w:t>东区为蔬菜区。</w:t></w:r></w:p></w:txbxContent>'
    '</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
    '<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>东区为蔬菜区。</w:t></w:r></w:p>'
    '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>'
)
WORD_TABLE_WITH_CONTROL = (
    '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>收费项目</w:t></w:r></w:p></w:tc>'
    '<w:sdt><w:sdtContent><w:tc><w:p><w:r><w:t>标准</w:t></w:r></w:p></w:tc></w:sdtContent></w:sdt></w:tr></w:tbl>'
)
WORD_NUMBERING = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{"http://schemas.openxmlformats.org/wordprocessingml/2006/main"}">'
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="第%1条"/><w:suff w:val="space"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
)


def numbered(text: str) -> str:
    return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            f'<w:r><w:t>{text}</w:t></w:r></w:p>')


def test_word_like_docx_textbox_once_numbering_table_and_notes() -> None:
    body = (para(TITLE) + numbered("为了规范管理，制定本办法。")
            + '<w:p><w:r><w:t>经营者应当公示价格</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>'
            '<w:r><w:t>。</w:t></w:r><w:r><w:endnoteReference w:id="1"/></w:r></w:p>'
            + WORD_TEXTBOX + WORD_TABLE_WITH_CONTROL + para("本办法自印发之日起施行。"))
    data = make_docx(body, {"word/numbering.xml": WORD_NUMBERING,
                            "word/footnotes.xml": notes_xml("footnote", {1: "价格目录另行制定。"}),
                            "word/endnotes.xml": notes_xml("endnote", {1: "本条参照省级规定。"})})
    source = read_bytes(data, "word.docx")
    assert source.text.splitlines() == [
        TITLE, "第一条 为了规范管理，制定本办法。", "经营者应当公示价格。", "第四条 摊位示意如下。", "东区为蔬菜区。",
        "收费项目", "标准", "本办法自印发之日起施行。", "", "脚注1：价格目录另行制定。", "尾注1：本条参照省级规定。",
    ]


def test_notes_do_not_move_body_offsets() -> None:
    body = '<w:p><w:r><w:t>经营者应当公示价格</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
    with_note = read_bytes(make_docx(body, {"word/footnotes.xml": notes_xml("footnote", {1: "注。"})}), "a.docx")
    without = read_bytes(make_docx(para("经营者应当公示价格")), "b.docx")
    assert with_note.text.startswith(without.text + "\n")


# ------------------------------------------------------------------------------------- .doc and .wps


@needs_soffice
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_legacy_word_converts_through_libreoffice(tmp_path: Path, suffix: str) -> None:
    # Kingsoft WPS .wps files use the Word 97 binary format; the fixture was saved by LibreOffice as Word 97.
    path = tmp_path / f"旧版{suffix}"
    path.write_bytes((FIXTURES / "lo_features.doc").read_bytes())
    source = read_path(path)
    assert source.format == suffix[1:]
    assert "第二条 摊位经营者应当按月缴纳卫生保证金。" in source.text
    assert "脚注1：保证金标准由市场开办者另行公布。" in source.text


def test_legacy_word_without_libreoffice_says_how_to_convert(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ReadError) as info:
        read_bytes((FIXTURES / "lo_features.doc").read_bytes(), "旧版.doc")
    message = str(info.value)
    assert "旧版.doc" in message and "LibreOffice" in message and "另存为" in message


# ------------------------------------------------------------------------------------------- dispatch


def test_supported_suffixes_cover_filed_formats() -> None:
    for suffix in (".pdf", ".ofd", ".html", ".htm", ".doc", ".wps", ".docx", ".txt"):
        assert suffix in SUPPORTED_SUFFIXES
        assert is_supported(Path(f"draft{suffix.upper()}"))


@pytest.mark.parametrize(
    ("maker", "wrong_name", "real_format"),
    [
        pytest.param(lambda: make_pdf([[FEE_LINE]]), "draft.docx", "pdf", marks=needs_pypdf),
        (lambda: make_docx(para(FEE_LINE)), "draft.pdf", "docx"),
        (lambda: make_ofd([[FEE_LINE]]), "draft.docx", "ofd"),
        (lambda: make_docx(para(FEE_LINE)), "draft.txt", "docx"),
        (lambda: GOV_PAGE.format(title=TITLE, fee=FEE_LINE).encode("utf-8"), "draft.doc", "html"),
    ],
)
def test_signature_wins_over_extension_with_a_warning(maker: object, wrong_name: str, real_format: str) -> None:
    data = maker()  # type: ignore[operator]
    assert sniff_format(data, wrong_name) == real_format
    source = read_bytes(data, wrong_name)
    assert source.format == real_format
    assert FEE_LINE in source.text
    assert any("扩展名" in w and wrong_name in w for w in source.warnings)


@needs_pypdf
def test_matching_extension_gives_no_warning() -> None:
    assert read_bytes(make_pdf([[FEE_LINE]]), "draft.pdf").warnings == []
    assert read_bytes(make_docx(para(FEE_LINE)), "draft.docx").warnings == []


@needs_pypdf
def test_extract_prints_pdf_text(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(make_pdf([[TITLE, FEE_LINE]]))
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == 0
    assert result.stdout == f"{TITLE}\n{FEE_LINE}\n"



def test_vml_only_text_box_is_read_once() -> None:
    # Word 2003-era files and some converters write text boxes as VML alone, without AlternateContent.
    body = ('<w:p><w:r><w:t>第五条 附图说明。</w:t></w:r><w:r><w:pict><v:shape><v:textbox><w:txbxContent>'
            '<w:p><w:r><w:t>图中阴影部分为禁止摆摊区域。</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape>'
            '</w:pict></w:r></w:p>' + para("第六条 本办法自印发之日起施行。"))
    source = read_bytes(make_docx(body), "vml.docx")
    assert source.text.splitlines() == ["第五条 附图说明。", "图中阴影部分为禁止摆摊区域。", "第六条 本办法自印发之日起施行。"]
