"""`doclint annotate`: one Word comment per finding, anchored on exactly the matched text; the input untouched."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import docx
import pytest
from typer.testing import CliRunner

from doclint.cli import app
from doclint.readers import read_path

runner = CliRunner()


def build_draft(path: Path) -> None:
    """A draft whose penalty clauses are spread over split runs, a bold run and a table cell."""
    document = docx.Document()
    document.add_paragraph("某县城市管理局关于规范夜市摊点经营的规定")
    split = document.add_paragraph()
    for piece in ("第一条 违反本规定", "在人行道上摆摊的，由县城市管理局处", "二百元", "罚款。"):
        split.add_run(piece)
    bold = document.add_paragraph()
    bold.add_run("第二条 ")
    strong = bold.add_run("逾期不清理的，处五百元罚款并公开曝光")
    strong.bold = True
    bold.add_run("。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "第三条"
    table.cell(0, 1).text = "情节严重的，由县城市管理局吊销其营业执照。"
    document.add_paragraph("第四条 本规定自2026年5月1日起施行。")
    document.save(str(path))


def findings_of(path: Path, *extra: str) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["check", "--format", "json", *extra, str(path)])
    assert result.exit_code in (0, 1), result.output
    findings: list[dict[str, Any]] = json.loads(result.stdout)["files"][0]["findings"]
    return findings


@pytest.fixture()
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "夜市规定.docx"
    build_draft(path)
    return path


def test_each_comment_is_anchored_on_its_finding(draft: Path, tmp_path: Path) -> None:
    before = hashlib.sha256(draft.read_bytes()).hexdigest()
    out = tmp_path / "reviewed.docx"
    result = runner.invoke(app, ["annotate", str(draft), "-o", str(out)])
    assert result.exit_code == 1, result.output  # penalty errors, as `check` would exit
    assert hashlib.sha256(draft.read_bytes()).hexdigest() == before
    expected = findings_of(draft)
    assert {f["rule"] for f in expected} >= {"PEN001", "PEN002"}

    reopened = docx.Document(str(out))
    comments = list(reopened.comments)
    assert len(comments) == len(expected)
    assert all(c.author == "doclint" for c in comments)
    source = read_path(out)
    assert source.text == read_path(draft).text  # comments add no text, so offsets still agree
    anchored = sorted((c.start, c.end, source.text[c.start:c.end], c.text) for c in source.comments)
    wanted = sorted((f["start"], f["end"], f["excerpt"]) for f in expected)
    assert [(s, e, t) for s, e, t, _ in anchored] == wanted
    for (_, _, _, text), finding in zip(anchored, sorted(expected, key=lambda f: (f["start"], f["end"])),
                                        strict=True):
        assert text.startswith(str(finding["rule"]))
        assert f"问题：{finding['message']}" in text
        if finding["suggestion"]:
            assert f"修改建议：{finding['suggestion']}" in text
    fine = next(text for _, _, excerpt, text in anchored if "二百元" in excerpt)
    assert "依据：《中华人民共和国行政处罚法》第十六条" in fine


def test_split_runs_keep_their_formatting(draft: Path, tmp_path: Path) -> None:
    out = tmp_path / "reviewed.docx"
    runner.invoke(app, ["annotate", str(draft), "-o", str(out), "--select", "PEN001"])
    paragraph = docx.Document(str(out)).paragraphs[2]
    texts = [(run.text, bool(run.bold)) for run in paragraph.runs if run.text]
    assert "".join(t for t, _ in texts) == "第二条 逾期不清理的，处五百元罚款并公开曝光。"
    # The bold run was cut around 「处五百元罚款」: every piece that came from it is still bold.
    assert ("处五百元罚款", True) in texts
    assert all(bold for text, bold in texts if text not in ("第二条 ", "。"))
    assert len(texts) > 3


def test_a_clause_in_a_table_cell_is_commented(draft: Path, tmp_path: Path) -> None:
    out = tmp_path / "reviewed.docx"
    runner.invoke(app, ["annotate", str(draft), "-o", str(out), "--select", "PEN002"])
    source = read_path(out)
    assert "吊销其营业执照" in [source.text[c.start:c.end] for c in source.comments]


def test_ignore_leaves_out_those_rules(draft: Path, tmp_path: Path) -> None:
    out = tmp_path / "reviewed.docx"
    runner.invoke(app, ["annotate", str(draft), "-o", str(out), "--ignore", "PEN"])
    codes = {c.text.split("（", 1)[0] for c in read_path(out).comments}
    assert codes and not any(code.startswith("PEN") for code in codes)


def test_existing_output_needs_force(draft: Path, tmp_path: Path) -> None:
    out = tmp_path / "reviewed.docx"
    out.write_bytes(b"keep me")
    result = runner.invoke(app, ["annotate", str(draft), "-o", str(out)])
    assert result.exit_code == 2 and "--force" in result.output
    assert out.read_bytes() == b"keep me"
    result = runner.invoke(app, ["annotate", str(draft), "-o", str(out), "--force"])
    assert result.exit_code == 1
    assert read_path(out).comments


def test_input_is_never_the_output(draft: Path) -> None:
    before = draft.read_bytes()
    result = runner.invoke(app, ["annotate", str(draft), "-o", str(draft), "--force"])
    assert result.exit_code == 2 and "输入文件相同" in result.output
    assert draft.read_bytes() == before


def test_text_input_is_refused(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("违反本规定的，由市城管局处五百元罚款。", encoding="utf-8")
    result = runner.invoke(app, ["annotate", str(draft), "-o", str(tmp_path / "out.docx")])
    assert result.exit_code == 2 and "draft.txt" in result.output
    assert not (tmp_path / "out.docx").exists()


def test_damaged_docx_is_an_error_naming_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    result = runner.invoke(app, ["annotate", str(broken), "-o", str(tmp_path / "out.docx")])
    assert result.exit_code == 2 and "broken.docx" in result.output
    assert "Traceback" not in result.output


def test_annotating_an_annotated_copy_adds_no_second_comment(draft: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.docx"
    again = tmp_path / "again.docx"
    assert runner.invoke(app, ["annotate", str(draft), "-o", str(first)]).exit_code == 1
    comments = len(list(docx.Document(str(first)).comments))
    assert comments >= 2
    result = runner.invoke(app, ["annotate", str(first), "-o", str(again)])
    assert result.exit_code == 1, result.output  # the findings are still there; only the comments are not doubled
    assert "已写入 0 条批注" in result.output
    assert len(list(docx.Document(str(again)).comments)) == comments


def test_a_reviewers_own_comment_does_not_stop_doclints(draft: Path, tmp_path: Path) -> None:
    document = docx.Document(str(draft))
    document.add_comment(document.paragraphs[1].runs[1], text="请法制科再看一下这一句。", author="起草人")
    reviewed = tmp_path / "reviewed-by-hand.docx"
    document.save(str(reviewed))
    out = tmp_path / "out.docx"
    assert runner.invoke(app, ["annotate", str(reviewed), "-o", str(out)]).exit_code == 1
    authors = [c.author for c in docx.Document(str(out)).comments]
    assert authors.count("起草人") == 1 and authors.count("doclint") == len(findings_of(draft))
