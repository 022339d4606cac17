"""Outputs are checked before the work: a bad --memo target fails at once, a missing folder is created
(and said so), and a second batch on the same database is refused instead of linting everything again."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from doclint.batch.lock import batch_lock
from doclint.cli import app

DRAFT = "青禾市集贸市场管理办法\n第一条 违反本办法规定的，由市场监管部门处五百元罚款。\n"


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "办法草案.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_a_memo_in_a_missing_folder_gets_the_folder_created_and_says_so(
        draft: Path, tmp_path: Path, runner: CliRunner) -> None:
    memo = tmp_path / "nodir" / "sub" / "memo.md"
    result = runner.invoke(app, ["review", str(draft), "--memo", str(memo), "--memo-date", "2026-03-01"])
    assert result.exit_code in (0, 1), result.output
    assert memo.is_file()
    assert f"已创建目录 {memo.parent}" in result.output


@pytest.mark.parametrize("target", ["blocker/sub/memo.docx", "memo.pdf", "existing.md"])
def test_an_unwritable_memo_target_fails_before_the_review(
        draft: Path, tmp_path: Path, runner: CliRunner, target: str) -> None:
    (tmp_path / "blocker").write_text("一个文件，不是目录", encoding="utf-8")
    (tmp_path / "existing.md").write_text("旧意见书", encoding="utf-8")
    result = runner.invoke(app, ["review", str(draft), "--memo", str(tmp_path / target)])
    assert result.exit_code == 2
    assert target.split("/")[0] in result.output
    assert result.stdout == ""  # nothing of the review was printed: it never ran
    assert (tmp_path / "existing.md").read_text(encoding="utf-8") == "旧意见书"


def test_a_batch_export_into_a_missing_folder_is_created_first(draft: Path, tmp_path: Path, runner: CliRunner) -> None:
    report = tmp_path / "out" / "报告.html"
    result = runner.invoke(app, ["batch", str(draft), "--db", str(tmp_path / "db" / "b.sqlite"),
                                 "--report", str(report), "--jobs", "1"])
    assert result.exit_code in (0, 1), result.output
    assert report.is_file() and (tmp_path / "db" / "b.sqlite").is_file()


def test_a_second_batch_on_the_same_database_is_refused_while_the_first_runs(
        draft: Path, tmp_path: Path, runner: CliRunner) -> None:
    db = tmp_path / "b.sqlite"
    with batch_lock(db):  # what a running `doclint batch --db b.sqlite` holds
        result = runner.invoke(app, ["batch", str(draft), "--db", str(db), "--jobs", "1"])
    assert result.exit_code == 2
    assert "另一个 doclint batch 正在使用这个数据库" in result.output
    again = runner.invoke(app, ["batch", str(draft), "--db", str(db), "--jobs", "1"])
    assert again.exit_code in (0, 1), again.output  # released with the first run


def test_the_lock_is_held_across_processes(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = tmp_path / "b.sqlite"
    probe = ("import sys; from pathlib import Path; from doclint.batch.lock import batch_lock\n"
             "try:\n    with batch_lock(Path(sys.argv[1])): print('got it')\n"
             "except Exception as exc: print(type(exc).__name__)")
    with batch_lock(db):
        held = subprocess.run([sys.executable, "-c", probe, str(db)], capture_output=True, text=True, timeout=60)
    free = subprocess.run([sys.executable, "-c", probe, str(db)], capture_output=True, text=True, timeout=60)
    assert held.stdout.strip() == "BatchLockedError"
    assert free.stdout.strip() == "got it"
