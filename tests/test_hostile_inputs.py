"""Hostile and broken input: a clear error naming the file, exit 2, no traceback, and the other files still checked.

Each case runs `doclint check` on the bad file next to a good draft whose fine must still be reported.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from doclint.cli import app
from doclint.config import Config
from doclint.errors import ReadError
from doclint.lint import lint_bytes, lint_text
from doclint.readers import read_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
sys.path.insert(0, str(FIXTURES))

from readers_makers import (  # noqa: E402
    document_xml,
    lie_about_size,
    make_docx,
    make_ofd,
    make_ole,
    make_pdf,
    make_zip,
    para,
)

FINE = "第二条 违反本办法规定的，由县城市管理局处五百元以上二千元以下罚款。"
GOOD_DRAFT = f"清河县城市绿地管理办法\n第一条 为了加强城市绿地管理，制定本办法。\n{FINE}\n"


def check_beside_good_draft(tmp_path: Path, bad_name: str, bad: bytes, *extra: str) -> str:
    """Run the CLI on the bad file and a good one; return the bad file's error after the shared checks."""
    bad_path = tmp_path / bad_name
    bad_path.write_bytes(bad)
    good_path = tmp_path / "good.txt"
    good_path.write_text(GOOD_DRAFT, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--format", "json", *extra, str(bad_path), str(good_path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.exit_code == 2, result.output
    files = {entry["path"]: entry for entry in json.loads(result.stdout)["files"]}
    assert files[str(good_path)]["error"] is None
    assert any("罚款" in f["excerpt"] for f in files[str(good_path)]["findings"]), "the good draft lost its finding"
    error = files[str(bad_path)]["error"]
    assert error and str(bad_path) in error
    assert files[str(bad_path)]["findings"] == []
    return str(error)


def docx_bytes() -> bytes:
    return make_docx(para("清河县城市绿地管理办法") + para(FINE))


# ------------------------------------------------------------------------------------------ packages


def test_truncated_zip(tmp_path: Path) -> None:
    data = docx_bytes()
    error = check_beside_good_draft(tmp_path, "截断.docx", data[: len(data) // 2])
    assert "ZIP" in error


def test_corrupt_deflate_stream(tmp_path: Path) -> None:
    data = bytearray(make_docx(para(FINE * 50)))
    member = bytes(data).find(b"word/document.xml") + len("word/document.xml")
    for offset in range(member + 20, member + 60):
        data[offset] ^= 0x5A
    error = check_beside_good_draft(tmp_path, "损坏.docx", bytes(data))
    assert "损坏" in error


def test_zip_bomb_refused_by_declared_size(tmp_path: Path) -> None:
    bomb = lie_about_size(docx_bytes(), "word/document.xml", 3 * 1024**3)
    error = check_beside_good_draft(tmp_path, "炸弹.docx", bomb)
    assert "压缩炸弹" in error


def test_zip_bomb_refused_by_declared_total(tmp_path: Path) -> None:
    members = {f"word/media/image{n}.xml": b"0" for n in range(6)}
    package = make_zip({"word/document.xml": document_xml(para(FINE)).encode(), **members})
    for name in members:
        package = lie_about_size(package, name, 60 * 1024**2)
    error = check_beside_good_draft(tmp_path, "总量炸弹.docx", package)
    assert "压缩炸弹" in error


def test_zip_bomb_whose_header_understates_the_size(tmp_path: Path) -> None:
    # 100 MB of zeros compress to ~100 KB; the header claims 1 KB. Inflation must stop near the claim.
    package = make_zip({"word/document.xml": b"<w:document>" + b"\0" * (100 * 1024**2)})
    liar = lie_about_size(package, "word/document.xml", 1024)
    error = check_beside_good_draft(tmp_path, "说谎.docx", liar)
    assert "损坏" in error or "XML" in error


def test_password_protected_docx(tmp_path: Path) -> None:
    encrypted = make_ole({"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00",
                          "EncryptedPackage": bytes(range(256)) * 16})
    error = check_beside_good_draft(tmp_path, "加密.docx", encrypted)
    assert "密码" in error


@pytest.mark.parametrize("junk", [b"this is not a word file", bytes(range(256)) * 8, b"PK\x03\x04garbage"])
def test_non_document_named_docx(tmp_path: Path, junk: bytes) -> None:
    error = check_beside_good_draft(tmp_path, "假文档.docx", junk)
    assert "假文档.docx" in error


def test_docx_nested_beyond_parser_depth(tmp_path: Path) -> None:
    deep = "<w:sdt><w:sdtContent>" * 3000 + para(FINE) + "</w:sdtContent></w:sdt>" * 3000
    check_beside_good_draft(tmp_path, "深层.docx", make_docx(deep))


def test_hostile_numbering_values_do_not_explode() -> None:
    numbering = (
        '<?xml version="1.0" encoding="UTF-8"?><w:numbering '
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="x"><w:start w:val="999999999999"/>'
        '<w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    item = '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>条款</w:t></w:r></w:p>'
    source = read_bytes(make_docx(item * 3, {"word/numbering.xml": numbering}), "编号.docx")
    assert len(source.text) < 10_000
    assert source.text.count("条款") == 3


# ----------------------------------------------------------------------------------------------- XML

XXE = (
    '<?xml version="1.0" encoding="{encoding}"?>'
    '<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file://{path}">]>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    '<w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:body></w:document>'
)


@pytest.mark.parametrize("encoding", ["UTF-8", "UTF-16"])
def test_external_entity_is_never_resolved(tmp_path: Path, encoding: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7731", encoding="utf-8")
    xml = XXE.format(encoding=encoding, path=secret).encode(encoding.lower())
    package = make_zip({"word/document.xml": xml})
    error = check_beside_good_draft(tmp_path, "外部实体.docx", package)
    assert "DTD" in error
    assert "TOP-SECRET" not in error


def test_billion_laughs_is_not_expanded(tmp_path: Path) -> None:
    entities = '<!ENTITY lol0 "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    xml = ('<?xml version="1.0"?><!DOCTYPE w:document [' + entities + ']>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           '<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>').encode()
    error = check_beside_good_draft(tmp_path, "笑话.docx", make_zip({"word/document.xml": xml}))
    assert "DTD" in error


def test_entity_in_ofd_page_is_refused(tmp_path: Path) -> None:
    package = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(make_ofd([["第一条 正文。"]]))) as source, zipfile.ZipFile(package, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename.endswith("Content.xml"):
                data = data.replace(b"?>", b'?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
            target.writestr(member, data)
    error = check_beside_good_draft(tmp_path, "实体.ofd", package.getvalue())
    assert "DTD" in error


def test_html_external_entity_is_not_resolved() -> None:
    page = (f'<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><body><p>&x;{FINE}</p>'
            "</body></html>").encode()
    text = read_bytes(page, "page.html").text
    assert FINE in text
    assert "root:" not in text and "]>" not in text


def test_html_nested_past_parser_limit_is_refused_not_truncated(tmp_path: Path) -> None:
    page = ("<html><body>" + "<div>" * 50_000 + f"<p>{FINE}</p>" + "</div>" * 50_000 + "</body></html>").encode()
    error = check_beside_good_draft(tmp_path, "深层.html", page)
    assert "嵌套过深" in error


# ---------------------------------------------------------------------------------------- PDF and OFD


def test_damaged_pdf(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    pdf = make_pdf([["第一条 正文。"]])
    error = check_beside_good_draft(tmp_path, "损坏.pdf", pdf[:40] + bytes(range(256)) * 4)
    assert "PDF" in error


def test_scanned_pdf_is_not_an_empty_pass(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    error = check_beside_good_draft(tmp_path, "扫描.pdf", make_pdf([[]]))
    assert "需要 OCR" in error


def test_ofd_without_ofd_xml_root(tmp_path: Path) -> None:
    package = make_zip({"OFD.xml": b'<?xml version="1.0"?><Other/>'})
    error = check_beside_good_draft(tmp_path, "坏.ofd", package)
    assert "OFD" in error


# --------------------------------------------------------------------------------------- empty, huge


@pytest.mark.parametrize(
    ("name", "data"),
    [("空.txt", b""), ("空白.txt", b" \n\r\n\t  \n"), ("空.docx", b""), ("空正文.docx", make_docx(""))],
)
def test_empty_document(tmp_path: Path, name: str, data: bytes) -> None:
    error = check_beside_good_draft(tmp_path, name, data)
    assert "空" in error or "没有文字" in error


def test_size_limit_from_config_applies_to_the_file(tmp_path: Path) -> None:
    config = tmp_path / "doclint.toml"
    config.write_text("max-bytes = 400\n", encoding="utf-8")
    big = ("第一条 本办法适用于本县行政区域。\n" * 40).encode("utf-8")
    assert len(big) > 400 > len(GOOD_DRAFT.encode("utf-8"))
    error = check_beside_good_draft(tmp_path, "大.txt", big, "--config", str(config))
    assert "过大" in error and "400" in error


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("大.docx", lambda text: make_docx(para(text))),
        ("大.ofd", lambda text: make_ofd([[text]])),
        ("大.pdf", lambda text: make_pdf([[text[:15000]], [text[15000:]]], compress=True)),
    ],
)
def test_extracted_text_limit_holds_for_every_reader(name: str, make: object) -> None:
    if name.endswith(".pdf"):
        pytest.importorskip("pypdf")
    # Highly repetitive text: the package is small, the text it holds is not.
    text = "经营者应当依法经营。" * 3000
    data = make(text)  # type: ignore[operator]
    limit = 20_000
    assert len(data) < limit < len(text.encode("utf-8"))
    result = lint_bytes(data, name, Config(max_bytes=limit))
    assert result.error is not None and name in result.error
    assert "上限" in result.error
    assert lint_bytes(data, name, Config()).error is None


@pytest.mark.parametrize("name", ["big.txt", "big.html", "big.docx", "big.pdf", "big.ofd", "big.doc"])
def test_input_over_limit_is_refused_before_reading(name: str) -> None:
    # Uncompressed formats cannot extract more than they hold, so the input limit bounds them.
    with pytest.raises(ReadError) as info:
        read_bytes(b"<html>" + b"x" * 1001, name, max_bytes=1000)
    assert name in str(info.value) and "1000" in str(info.value)


# ------------------------------------------------------------------------------------ long sentences

LONG = 200_000


@pytest.mark.parametrize(
    "unit",
    [
        "本市行政区域内的城市绿地养护和管理工作适用本办法规定",  # no modal, no punctuation
        "处五百元以上二千元以下",
        "《",
        "1",
        "第一条",
        "（一）",
    ],
)
def test_single_200k_sentence_finishes_through_api_and_cli(tmp_path: Path, unit: str) -> None:
    text = (unit * (LONG // len(unit) + 1))[:LONG]
    result = lint_text(text)
    for finding in result.findings:
        assert text[finding.start:finding.end] == finding.excerpt
    path = tmp_path / "长句.txt"
    path.write_text(text, encoding="utf-8")
    cli = CliRunner().invoke(app, ["check", "--format", "json", str(path)])
    assert "Traceback" not in cli.output
    assert cli.exit_code in (0, 1)


def test_single_200k_sentence_full_of_duties_finishes() -> None:
    text = ("经营者应当按照规定办理登记手续并接受监督检查，" * 10_000)[:LONG]
    result = lint_text(text)
    for finding in result.findings:
        assert text[finding.start:finding.end] == finding.excerpt


# ----------------------------------------------------------------------------------------- encodings


def test_invalid_utf8_and_mixed_encodings(tmp_path: Path) -> None:
    mixed = ("清河县城市绿地管理办法\n".encode() + "第一条 为了加强管理，制定本办法。\n".encode("gbk")
             + b"\xff\xfe\xfd broken \x80\n" + FINE.encode("utf-8") + b"\n")
    source = read_bytes(mixed, "混合.txt")
    lines = source.text.split("\n")
    assert lines[0] == "清河县城市绿地管理办法"
    assert lines[1] == "第一条 为了加强管理，制定本办法。"
    assert "\ufffd" in lines[2] and "broken" in lines[2]
    assert lines[3] == FINE
    assert any("混用" in w for w in source.warnings) and any("第 3 行" in w for w in source.warnings)
    path = tmp_path / "混合.txt"
    path.write_bytes(mixed)
    result = CliRunner().invoke(app, ["check", "--format", "json", str(path)])
    assert "Traceback" not in result.output
    assert result.exit_code == 1
    assert any("罚款" in f["excerpt"] for f in json.loads(result.stdout)["files"][0]["findings"])


def test_gbk_file_still_reads_whole() -> None:
    text = f"清河县城市绿地管理办法\n{FINE}\n"
    source = read_bytes(text.encode("gbk"), "旧编码.txt")
    assert source.text == text
    assert source.warnings == []


def test_binary_junk_with_text_name(tmp_path: Path) -> None:
    error = check_beside_good_draft(tmp_path, "乱码.txt", b"\x00\x01\x02binary\x00")
    assert "二进制" in error


# ------------------------------------------------------------------------------------------ user rules

SLOW_RULE = """
rules:
  - id: PEN901
    name: penalty.user-slow-pattern
    category: penalty
    severity: warning
    scope: sentence
    what: 本单位规则：回溯灾难的正则。
    why: 测试用，证明一条写坏的规则不会拖住整个检查。
    match:
      any:
        - regex: '(处|处处)+$'
    message: 命中「{match}」。
    suggestion: 无。
    examples:
      flag: [处处处]
      pass: [正常句子。]
"""


def test_catastrophic_user_regex_is_stopped_and_other_rules_fire(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "slow.yaml").write_text(SLOW_RULE, encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(GOOD_DRAFT + "第三条 " + "处" * 60 + "罚\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--format", "json", "--rules-dir", str(rules), str(draft)])
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    assert "PEN901" in result.stderr and "超时" in result.stderr
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert any(f["rule"] == "PEN001" for f in findings)
    assert not any(f["rule"] == "PEN901" for f in findings)


# ------------------------------------------------------------------------------------- .doc via soffice


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) 未安装")
def test_corrupt_legacy_word_file(tmp_path: Path) -> None:
    junk = make_ole({"WordDocument": bytes(range(256)) * 20})
    error = check_beside_good_draft(tmp_path, "损坏.doc", junk)
    assert "LibreOffice 无法转换" in error


def test_hanging_converter_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from doclint.readers import legacy

    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nsleep 600\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setattr(legacy, "CONVERT_TIMEOUT_SECONDS", 1)
    with pytest.raises(ReadError) as info:
        read_bytes((FIXTURES / "lo_features.doc").read_bytes(), "挂起.doc")
    assert "挂起.doc" in str(info.value) and "已中止" in str(info.value)
