"""Links and leftovers in a folder (issue 17, points 2 and 8).

A symlink loop or a dangling link is an error entry of its own and the rest of the folder is checked, in
`check`, `batch` and `review`; a temp file left by a killed write is cleaned up by the next write there.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from doclint.atomic import atomic_write_text, remove_stale_temps
from doclint.cli import app
from doclint.discovery import discover

DRAFT = "清河县摊点管理办法\n第一条 为了规范摊点经营，制定本办法。\n第二条 违反本办法的，由县城管局处二百元罚款。\n"


def folder_with_bad_links(tmp_path: Path) -> Path:
    folder = tmp_path / "收件"
    folder.mkdir()
    (folder / "草案.txt").write_text(DRAFT, encoding="utf-8")
    os.symlink("循环.docx", folder / "循环.docx")  # `ln -s x.docx x.docx`
    os.symlink("不存在.txt", folder / "断链.txt")
    (folder / "子目录").mkdir()
    os.symlink("../子目录", folder / "子目录" / "回环")  # a folder loop is not followed at all
    return folder


def test_discovery_keeps_bad_links_as_entries(tmp_path: Path) -> None:
    folder = folder_with_bad_links(tmp_path)
    found = {Path(path).name for path in discover([str(folder)])}
    assert found == {"草案.txt", "循环.docx", "断链.txt"}


def test_check_reports_each_bad_link_and_checks_the_rest(tmp_path: Path) -> None:
    folder = folder_with_bad_links(tmp_path)
    result = CliRunner().invoke(app, ["check", "--format", "json", str(folder)])
    assert result.exit_code == 2, result.output
    files = {Path(entry["path"]).name: entry for entry in json.loads(result.stdout)["files"]}
    assert files["草案.txt"]["error"] is None and files["草案.txt"]["findings"]
    assert "循环.docx" in files["循环.docx"]["error"] and "无法读取" in files["循环.docx"]["error"]
    assert "断链.txt" in files["断链.txt"]["error"]


def test_check_of_a_link_loop_named_directly(tmp_path: Path) -> None:
    folder = folder_with_bad_links(tmp_path)
    result = CliRunner().invoke(app, ["check", str(folder / "循环.docx"), str(folder / "草案.txt")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "循环.docx" in result.output and "罚款" in result.output


def test_batch_and_review_over_bad_links(tmp_path: Path) -> None:
    folder = folder_with_bad_links(tmp_path)
    batch = CliRunner().invoke(app, ["batch", str(folder), "--db", str(tmp_path / "b.sqlite"), "--jobs", "1",
                                     "--jsonl", str(tmp_path / "out.jsonl")])
    assert batch.exit_code == 2, batch.output
    assert "无法检查 2 个" in batch.output
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {Path(row["path"]).name for row in rows if row["error"]} == {"循环.docx", "断链.txt"}
    review = CliRunner().invoke(app, ["review", str(folder)])
    assert "Traceback" not in review.output
    assert review.exception is None or isinstance(review.exception, SystemExit), repr(review.exception)
    assert "循环.docx" in review.output and "罚款" in review.output


def test_stale_temp_file_of_a_killed_write_is_removed_on_the_next_write(tmp_path: Path) -> None:
    stale = tmp_path / ".意见书.md.k3x9_q2a.tmp"  # what mkstemp left when the write was killed mid-fsync
    stale.write_bytes(b"half a memo")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    fresh = tmp_path / ".其他.md.ab12cd34.tmp"  # a write in progress right now: not ours to remove
    fresh.write_bytes(b"being written")
    lookalike = tmp_path / ".notes.tmp"  # not doclint's naming
    lookalike.write_bytes(b"keep")
    os.utime(lookalike, (old, old))
    atomic_write_text(tmp_path / "意见书.md", "# 意见\n", overwrite=True)
    assert not stale.exists()
    assert fresh.exists() and lookalike.exists()
    assert (tmp_path / "意见书.md").read_text(encoding="utf-8") == "# 意见\n"
    assert remove_stale_temps(tmp_path, older_than=0) == [fresh.name]


def test_folder_that_cannot_be_listed_is_an_error_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root reads every folder, so the refusal a user without permission meets is simulated at os.scandir.
    folder = tmp_path / "收件"
    locked = folder / "他人目录"
    locked.mkdir(parents=True)
    (locked / "看不到.txt").write_text(DRAFT, encoding="utf-8")
    (folder / "草案.txt").write_text(DRAFT, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if os.fspath(path) == str(locked):  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    result = CliRunner().invoke(app, ["check", "--format", "json", str(folder)])
    assert result.exit_code == 2, result.output
    files = {Path(entry["path"]).name: entry for entry in json.loads(result.stdout)["files"]}
    assert "无法读取目录" in files["他人目录"]["error"] and str(locked) in files["他人目录"]["error"]
    assert files["草案.txt"]["findings"]
