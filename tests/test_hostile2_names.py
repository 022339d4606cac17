"""Odd file names and markup-like text: never a stop, never markup, never a forged line (issue 17, points 1 and 6).

Names are built in the test: GBK bytes as `unzip` leaves a Windows archive, a newline and an escape sequence,
and rich's `[/]` in a folder name. Every command that prints or stores a path is run over them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from doclint.cli import app
from doclint.display import display_path, display_text, json_safe

DRAFT = "清河县摊点管理办法\n第一条 为了规范摊点经营，制定本办法。\n第二条 违反本办法的，由县城管局处二百元罚款。\n"
GBK_NAME = "关于印发摊点管理办法的通知.txt".encode("gbk")
ESCAPE_NAME = "伪造\x1b[2J\n第九条 一切正常.txt"


def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "收件"
    (folder / "甲[").mkdir(parents=True)
    (folder / "甲[" / "]乙.txt").write_text(DRAFT, encoding="utf-8")  # the path holds rich's "[/]"
    with open(os.fsencode(folder) + b"/" + GBK_NAME, "wb") as handle:
        handle.write(DRAFT.encode("utf-8"))
    (folder / ESCAPE_NAME).write_text(DRAFT, encoding="utf-8")
    return folder


def assert_clean_output(output: str) -> None:
    assert "Traceback" not in output
    assert "\x1b[2J" not in output, "a file name reached the terminal as an escape sequence"
    assert "\n第九条 一切正常" not in output, "a file name forged a line of its own"


def test_display_escapes_controls_and_undecodable_bytes() -> None:
    gbk = os.fsdecode(b"/in/" + GBK_NAME)
    shown = display_path(gbk)
    assert "\\xb9\\xd8" in shown and "关于印发摊点管理办法的通知.txt" in shown
    assert display_text("a\x1b[2Jb\nc\u202ed") == "a\\x1b[2Jb\\nc\\u202ed"
    assert display_text("第一条　全角空格照常") == "第一条　全角空格照常"
    round_trip = json.loads(json_safe(json.dumps({"path": gbk}, ensure_ascii=False)))["path"]
    assert os.fsencode(round_trip) == b"/in/" + GBK_NAME


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "concise", "github", "junit"])
def test_check_over_odd_names_in_every_format(tmp_path: Path, fmt: str) -> None:
    folder = hostile_folder(tmp_path)
    result = CliRunner().invoke(app, ["check", "--format", fmt, str(folder)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1, result.output
    assert_clean_output(result.output)
    if fmt == "json":
        paths = [os.fsencode(entry["path"]) for entry in json.loads(result.stdout)["files"]]
        assert os.fsencode(folder) + b"/" + GBK_NAME in paths  # stored losslessly
        assert all(entry["findings"] for entry in json.loads(result.stdout)["files"])
    if fmt == "sarif":
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in json.loads(result.stdout)["runs"][0]["results"]}
        assert any("%B9%D8" in uri for uri in uris)
    if fmt == "text":
        assert "关于印发摊点管理办法的通知.txt" in result.output  # the GBK reading, for the reader


def test_write_baseline_over_odd_names(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    baseline = tmp_path / "基线[/].json"  # "基线[" is a folder: the path holds rich's "[/]"
    baseline.parent.mkdir()
    result = CliRunner().invoke(app, ["check", "--write-baseline", str(baseline), str(folder)])
    assert result.exit_code == 0, result.output
    assert_clean_output(result.output)
    recorded = json.loads(baseline.read_text(encoding="utf-8"))
    assert len(recorded["files"]) == 3
    again = CliRunner().invoke(app, ["check", "--baseline", str(baseline), "--format", "json", str(folder)])
    assert again.exit_code == 0, again.output
    assert all(entry["findings"] == [] for entry in json.loads(again.stdout)["files"])


@pytest.mark.parametrize("suffix", [".md", ".html", ".docx"])
def test_review_over_odd_names_and_markup(tmp_path: Path, suffix: str) -> None:
    folder = hostile_folder(tmp_path)
    memo = tmp_path / f"意见书[/]{suffix}"
    memo.parent.mkdir()
    result = CliRunner().invoke(app, ["review", str(folder), "--memo", str(memo)])
    assert result.exit_code in (0, 1), result.output
    assert_clean_output(result.output)
    assert "已写出合法性审核意见书" in result.output and "[/]" in result.output
    assert memo.exists()


def test_review_json_over_odd_names_is_valid_utf8(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    result = CliRunner().invoke(app, ["review", "--format", "json", str(folder)])
    assert result.exit_code in (0, 1), result.output
    materials = json.loads(result.stdout_bytes.decode("utf-8"))["materials"]
    assert os.fsencode(folder) + b"/" + GBK_NAME in [os.fsencode(m["path"]) for m in materials]


def test_batch_over_odd_names_stores_them_and_skips_them_next_time(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    db, jsonl, report = tmp_path / "b.sqlite", tmp_path / "出[/]口.jsonl", tmp_path / "r.html"
    jsonl.parent.mkdir()
    first = CliRunner().invoke(app, ["batch", str(folder), "--db", str(db), "--jobs", "1", "--jsonl", str(jsonl),
                                     "--report", str(report)])
    assert first.exit_code == 1, first.output
    assert_clean_output(first.output)
    assert "已导出 JSONL" in first.output and "[/]" in first.output
    paths = [os.fsencode(json.loads(line)["path"]) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert os.fsencode(folder) + b"/" + GBK_NAME in paths
    page = report.read_text(encoding="utf-8")
    assert "关于印发摊点管理办法的通知.txt" in page and "\\x1b" in page and "\x1b" not in page
    second = CliRunner().invoke(app, ["batch", str(folder), "--db", str(db), "--jobs", "1"])
    assert "未变跳过 3 个" in second.output, second.output


def test_error_text_with_markup_is_printed_as_text(tmp_path: Path) -> None:
    # An XML parser's message quotes the document: a broken .docx whose error holds "[/]" and "[bold]".
    folder = tmp_path / "稿[/]件"
    folder.mkdir(parents=True)
    (folder / "坏[bold].docx").write_bytes(b"PK\x03\x04[/]" + b"\0" * 40)
    result = CliRunner().invoke(app, ["review", str(folder)])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "坏[bold].docx" in result.output
    base = tmp_path / "b.json"
    result = CliRunner().invoke(app, ["check", "--write-baseline", str(base), str(folder)])
    assert result.exit_code == 2 and "坏[bold].docx" in result.output and "未计入基线" in result.output


def test_markdown_memo_escapes_html_from_the_draft(tmp_path: Path) -> None:
    folder = tmp_path / "送审"
    folder.mkdir()
    (folder / "草案.txt").write_text(
        "关于<script>alert(1)</script>的摊点管理办法\n第一条 违反本办法的，由县城管局处<b>二百元</b>罚款。\n",
        encoding="utf-8")
    memo = tmp_path / "意见书.md"
    result = CliRunner().invoke(app, ["review", str(folder), "--memo", str(memo)])
    assert result.exit_code in (0, 1), result.output
    text = memo.read_text(encoding="utf-8")
    assert "<script>" not in text and "<b>" not in text
    assert "&lt;script&gt;" in text
    assert "&amp;lt;" not in text, "escaped twice"


@pytest.mark.parametrize("fmt", ["text", "concise", "github", "junit"])
def test_escape_sequence_inside_the_draft_is_printed_escaped(tmp_path: Path, fmt: str) -> None:
    draft = tmp_path / "草案.txt"
    draft.write_text("第一条 违反本办法的，由县城管局处\x1b[2J二百元罚款。\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--format", fmt, str(draft)])
    assert result.exit_code == 1, result.output
    assert "\x1b" not in result.output
    if fmt in ("text", "concise"):
        assert "\\x1b[2J二百元罚款" in result.output


def test_annotate_output_path_with_markup(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "readers"))
    from readers_makers import make_docx, para

    draft = tmp_path / "草案[bold].docx"
    draft.write_bytes(make_docx(para("第一条 违反本办法的，由县城管局处二百元罚款。")))
    output = tmp_path / "批注[/]副本.docx"
    output.parent.mkdir()
    result = CliRunner().invoke(app, ["annotate", str(draft), "-o", str(output)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert output.exists() and "批注[/]副本.docx" in result.output and "草案[bold].docx" in result.output
