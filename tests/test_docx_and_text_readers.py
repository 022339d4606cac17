"""The .docx reader gives the accepted view of the body; the text reader handles BOMs and GB encodings."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as WordDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from doclint.errors import ReadError
from doclint.readers import read_bytes, read_path


def tracked_paragraph() -> str:
    return (
        f'<w:p {nsdecls("w")}>'
        "<w:r><w:t>违反本办法的，由城管局</w:t></w:r>"
        '<w:del w:id="1" w:author="科员" w:date="2026-01-01T00:00:00Z"><w:r><w:delText>处五百元罚款</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="科员" w:date="2026-01-01T00:00:00Z"><w:r><w:t>责令改正</w:t></w:r></w:ins>'
        "<w:r><w:t>。</w:t></w:r></w:p>"
    )


def build_docx(path: Path) -> None:
    document = WordDocument()
    document.add_paragraph("青禾市某某管理办法")
    document.element.body.insert(len(document.element.body) - 1, parse_xml(tracked_paragraph()))
    table = document.add_table(rows=2, cols=2)
    for (row, col), text in {(0, 0): "项目", (0, 1): "标准", (1, 0): "摊位费", (1, 1): "每月三百元"}.items():
        table.cell(row, col).text = text
    commented = document.add_paragraph().add_run("第二条 本办法自2026年1月1日起施行。")
    document.add_comment(commented, text="批注里的文字不是正文", author="法制科")
    section = document.sections[0]
    section.header.paragraphs[0].text = "页眉里的机关名称"
    section.footer.paragraphs[0].text = "页脚页码"
    document.save(str(path))


def test_docx_accepted_view_tables_in_reading_order_no_headers_or_comments(tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    build_docx(path)
    text = read_path(path).text
    assert text.split("\n") == [
        "青禾市某某管理办法",
        "违反本办法的，由城管局责令改正。",
        "项目", "标准", "摊位费", "每月三百元",
        "第二条 本办法自2026年1月1日起施行。",
    ]
    assert "处五百元罚款" not in text
    assert "页眉" not in text and "页脚" not in text and "批注" not in text


def test_docx_comment_is_anchored_on_its_text(tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    build_docx(path)
    source = read_path(path)
    [comment] = source.comments
    assert comment.text == "批注里的文字不是正文"
    assert source.text[comment.start:comment.end] == "第二条 本办法自2026年1月1日起施行。"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("\ufeff青禾市通知".encode(), "青禾市通知"),
        ("青禾市通知".encode(), "青禾市通知"),
        ("青禾市通知".encode("gbk"), "青禾市通知"),
        ("青禾市通知𠀀".encode("gb18030"), "青禾市通知𠀀"),
        ("青禾市通知".encode("utf-16"), "青禾市通知"),
    ],
    ids=["utf8-bom", "utf8", "gbk", "gb18030", "utf16-bom"],
)
def test_text_encodings(data: bytes, expected: str) -> None:
    assert read_bytes(data, "draft.txt").text == expected


def test_text_offsets_are_the_decoded_content_unchanged() -> None:
    raw = "第一条 内容。\r\n第二条 内容。\r\n"
    assert read_bytes(raw.encode(), "draft.txt").text == raw


def test_unsupported_file_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "图片.png"
    path.write_bytes(b"\x89PNG\r\n")
    with pytest.raises(ReadError, match=r"图片\.png"):
        read_path(path)
