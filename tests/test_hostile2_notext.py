"""A file that yields no text is never a clean pass (issue 17, point 9): 「没有可检查的文字」 with the reason, exit 2."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest
from pypdf import PdfWriter
from typer.testing import CliRunner

from doclint.cli import app

DRAFT = "清河县摊点管理办法\n第一条 为了规范摊点经营，制定本办法。\n第二条 违反本办法的，由县城管局处二百元罚款。\n"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_beside_draft(tmp_path: Path, name: str, data: bytes) -> str:
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "草案.txt"
    good.write_text(DRAFT, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--format", "json", str(bad), str(good)])
    assert result.exit_code == 2, result.output
    files = {Path(entry["path"]).name: entry for entry in json.loads(result.stdout)["files"]}
    assert files["草案.txt"]["findings"], "the good draft must still be checked"
    assert files[name]["findings"] == []
    error = files[name]["error"]
    assert error and name in error
    return str(error)


@pytest.mark.parametrize("content", [
    bytes(range(1, 9)) * 200,
    b"\x0b\x0c\x1c\x1d\x1e\x1f \t\r\n" * 100,
    "\u200b\u200e\u2060\ufeff".encode() * 100,
])
def test_only_control_characters_is_no_text(tmp_path: Path, content: bytes) -> None:
    error = check_beside_draft(tmp_path, "控制字符.txt", content)
    assert "没有可检查的文字" in error and "控制字符" in error


def test_random_ole_named_docx_is_no_text_not_a_clean_pass(tmp_path: Path) -> None:
    # What a damaged or encrypted Word file looks like: the OLE signature, then nothing LibreOffice can use.
    noise = random.Random(17).randbytes(20_000)
    error = check_beside_draft(tmp_path, "损坏.docx", OLE_SIGNATURE + noise)
    assert "没有可检查的文字" in error and "WordDocument" in error


def test_aes256_pdf_with_open_password_says_so(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password="口令", owner_password="owner", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    error = check_beside_draft(tmp_path, "加密.pdf", buffer.getvalue())
    assert "设有打开密码" in error
