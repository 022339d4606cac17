"""`doclint batch` end to end: the store, resuming, re-linting what changed, bad files, hangs and exports."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import select
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from doclint.model import FileResult

STALL = "关于规范夜市摊位经营的通知\n一、违反本通知规定占道经营的，由区城管局处五百元以上二千元以下罚款。\n二、各街道办事处应当加强巡查。\n"
DEPOSIT = "江川市民宿经营管理办法\n第一条 民宿经营者应当向市文旅局缴纳履约保证金五万元。\n第二条 本办法自发布之日起施行。\n"
CLEAN = "关于做好汛期值班工作的通知\n一、各单位应当安排专人值班，保持通讯畅通。\n二、遇有险情及时报告。\n"

# What a password-protected .docx looks like: an OLE compound file (signature, then a directory naming the
# EncryptionInfo and EncryptedPackage streams in UTF-16LE) instead of a ZIP package.
ENCRYPTED_DOCX = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptionInfo".encode("utf-16-le")
                  + bytes(100) + "EncryptedPackage".encode("utf-16-le") + bytes(2048))

EXTRA_RULE = """rules:
  - id: VAG901
    name: vague.office-extra-check
    category: vague
    severity: warning
    what: 本单位附加规则：提示「加强巡查」这一笼统表述。
    why: 本单位要求巡查写明频次和责任人。
    match:
      regex: '加强巡查'
    message: 「{match}」未写明频次和责任人。
    suggestion: 写明巡查频次和责任单位。
    examples:
      flag: [各街道办事处应当加强巡查。]
      pass: [各街道办事处每周巡查一次。]
"""


def batch(*args: str | Path, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "doclint", "batch", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


def rows(db: Path) -> dict[str, dict[str, object]]:
    with sqlite3.connect(db) as connection:
        connection.row_factory = sqlite3.Row
        return {row["path"]: dict(row) for row in connection.execute("SELECT * FROM documents")}


def make_folder(root: Path) -> Path:
    folder = root / "已备案"
    (folder / "2024").mkdir(parents=True)
    (folder / "2024" / "摊位.txt").write_text(STALL, encoding="utf-8")
    (folder / "2024" / "民宿.txt").write_text(DEPOSIT, encoding="utf-8")
    (folder / "值班.txt").write_text(CLEAN, encoding="utf-8")
    return folder


def age(paths: list[Path]) -> None:
    """Files written an hour ago: the size+mtime fast path applies (it distrusts very recent mtimes)."""
    old = time.time() - 3600
    for path in paths:
        os.utime(path, (old, old))


def test_batch_stores_one_row_per_document_with_facts_findings_and_hashes(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    done = batch(folder, "--jobs", "2", cwd=tmp_path)
    assert done.returncode == 1, done.stderr  # error-level findings, no unreadable file
    stored = rows(tmp_path / "doclint-batch.sqlite")
    assert set(stored) == {str(folder / "2024" / "摊位.txt"), str(folder / "2024" / "民宿.txt"),
                           str(folder / "值班.txt")}
    for path, row in stored.items():
        assert row["content_hash"] == hashlib.sha256(Path(path).read_bytes()).hexdigest()
        assert row["error"] is None
        findings = json.loads(str(row["findings"]))
        assert row["errors"] == sum(1 for f in findings if f["severity"] == "error")
        assert json.loads(str(row["facts"]))["title"]
    stall = next(row for path, row in stored.items() if path.endswith("摊位.txt"))
    assert stall["conclusion"] == "不合法（建议不予出台）"
    assert any(f["category"] == "penalty" for f in json.loads(str(stall["findings"])))
    clean = next(row for path, row in stored.items() if path.endswith("值班.txt"))
    assert clean["conclusion"] in ("合法", "应当予以修改")


def test_rerun_skips_unchanged_and_relints_changed_files_and_changed_rules(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    age(list(folder.rglob("*.txt")))
    db = tmp_path / "store.sqlite"
    assert batch(folder, "--db", db, "-j", "1", cwd=tmp_path).returncode == 1
    first = rows(db)

    again = batch(folder, "--db", db, "-j", "1", cwd=tmp_path)
    assert "本次检查 0 个，未变跳过 3 个" in again.stderr
    assert rows(db) == first  # not even checked_ns moved: nothing was re-read

    changed = folder / "值班.txt"
    changed.write_text(CLEAN + "三、值班人员应当缴纳保证金五千元。\n", encoding="utf-8")
    third = batch(folder, "--db", db, "-j", "1", cwd=tmp_path)
    assert "本次检查 1 个，未变跳过 2 个" in third.stderr
    after = rows(db)
    key = next(path for path in after if path.endswith("值班.txt"))
    assert after[key]["content_hash"] != first[key]["content_hash"]
    assert after[key]["findings"] != first[key]["findings"]

    pack = tmp_path / "本单位规则"
    pack.mkdir()
    (pack / "extra.yaml").write_text(EXTRA_RULE, encoding="utf-8")
    fourth = batch(folder, "--db", db, "-j", "1", "--rules-dir", pack, cwd=tmp_path)
    assert "本次检查 3 个，未变跳过 0 个" in fourth.stderr, fourth.stderr
    relinted = rows(db)
    assert {row["rules_hash"] for row in relinted.values()} != {row["rules_hash"] for row in first.values()}
    stall = next(row for path, row in relinted.items() if path.endswith("摊位.txt"))
    assert "VAG901" in str(stall["findings"])


def test_touched_but_identical_file_is_rehashed_not_relinted(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    files = list(folder.rglob("*.txt"))
    age(files)
    db = tmp_path / "store.sqlite"
    assert batch(folder, "--db", db, "-j", "1", cwd=tmp_path).returncode == 1
    before = rows(db)
    os.utime(files[0])  # new mtime, same bytes (a copy, a checkout)
    rerun = batch(folder, "--db", db, "-j", "1", cwd=tmp_path)
    assert "本次检查 0 个，未变跳过 3 个" in rerun.stderr
    key = next(path for path in before if files[0].name in path)
    assert rows(db)[key]["findings"] == before[key]["findings"]
    assert rows(db)[key]["mtime_ns"] != before[key]["mtime_ns"]


def test_same_size_edit_within_the_mtime_tick_is_still_caught(tmp_path: Path) -> None:
    """An edit that keeps size and mtime (same timestamp tick) must not hide behind the fast path."""
    folder = make_folder(tmp_path)
    target = folder / "值班.txt"
    future_ns = time.time_ns() + 30_000_000_000  # the mtime cannot vouch for content read before it
    os.utime(target, ns=(future_ns, future_ns))
    db = tmp_path / "store.sqlite"
    batch(folder, "--db", db, "-j", "1", cwd=tmp_path)
    edited = CLEAN.replace("专人值班", "专人值守")
    assert len(edited.encode()) == len(CLEAN.encode())
    target.write_text(edited, encoding="utf-8")
    os.utime(target, ns=(future_ns, future_ns))
    rerun = batch(folder, "--db", db, "-j", "1", cwd=tmp_path)
    assert "本次检查 1 个" in rerun.stderr, rerun.stderr
    key = next(path for path in rows(db) if path.endswith("值班.txt"))
    assert rows(db)[key]["content_hash"] == hashlib.sha256(edited.encode()).hexdigest()


def test_bad_files_get_error_rows_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    (folder / "截断.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    (folder / "加密.docx").write_bytes(ENCRYPTED_DOCX)
    with open(folder / "超大.txt", "wb") as handle:
        handle.truncate(51 * 1024 * 1024)  # sparse: over the 50 MB limit without writing 51 MB
    done = batch(folder, "-j", "2", cwd=tmp_path)
    assert done.returncode == 2
    stored = rows(tmp_path / "doclint-batch.sqlite")
    errors = {Path(path).name: row["error"] for path, row in stored.items() if row["error"]}
    assert set(errors) == {"截断.docx", "加密.docx", "超大.txt"}
    assert "加密" in str(errors["加密.docx"])
    assert "文件过大" in str(errors["超大.txt"])
    assert all(name in str(message) for name, message in errors.items())
    assert sum(1 for row in stored.values() if row["error"] is None and row["conclusion"]) == 3
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
def test_a_file_whose_read_hangs_is_abandoned_after_the_timeout(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    fifo = tmp_path / "卡住的管道.txt"
    os.mkfifo(fifo)  # open() for reading blocks until a writer appears, which never happens
    started = time.monotonic()
    done = batch(folder, fifo, "--jobs", "1", "--timeout", "2", cwd=tmp_path, timeout=90)
    assert done.returncode == 2, done.stderr
    stored = rows(tmp_path / "doclint-batch.sqlite")
    hung = stored[str(fifo)]
    assert "超过 2 秒" in str(hung["error"]) and str(fifo) in str(hung["error"])
    # The replacement worker finished the other files.
    assert sum(1 for row in stored.values() if row["error"] is None) == 3
    assert time.monotonic() - started < 80


def test_exports_read_the_store_without_relinting(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    db = tmp_path / "store.sqlite"
    assert batch(folder, "--db", db, "-j", "1", cwd=tmp_path).returncode == 1
    checked = subprocess.run([sys.executable, "-m", "doclint", "check", "--format", "json", str(folder)],
                             capture_output=True, text=True, timeout=120)
    expected = {Path(f["path"]).name: f for f in json.loads(checked.stdout)["files"]}
    for path in folder.rglob("*.txt"):
        path.unlink()  # the exports below can only come from the store

    out = tmp_path / "导出"
    out.mkdir()
    done = batch("--db", db, "--jsonl", out / "r.jsonl", "--csv", out / "r.csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = (out / "r.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    for line in lines:
        got = json.loads(line)
        assert got == FileResult.model_validate_json(line).model_dump(mode="json")  # exactly a JSON v1 file object
        for finding in got["findings"]:
            if finding["location"]["page"] is None:
                del finding["location"]["page"]  # `check --format json` omits an empty page; the model keeps it
        want = expected[Path(got["path"]).name]
        assert got["findings"] == want["findings"]
        assert got["facts"] == want["facts"]
    raw = (out / "r.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel/WPS need the BOM to read UTF-8 Chinese
    table = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(table) == 3
    assert {row["conclusion"] for row in table} >= {"建议撤销或者纠正"}  # filing review is the batch default


def test_existing_outputs_are_never_overwritten_without_force(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    report = tmp_path / "报告.html"
    report.write_text("旧报告", encoding="utf-8")
    refused = batch(folder, "--report", report, cwd=tmp_path)
    assert refused.returncode == 2
    assert "--force" in refused.stderr and "报告.html" in refused.stderr
    assert report.read_text(encoding="utf-8") == "旧报告"
    assert not (tmp_path / "doclint-batch.sqlite").exists()  # refused before any work
    forced = batch(folder, "--report", report, "--force", cwd=tmp_path)
    assert forced.returncode == 1, forced.stderr
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_unusable_store_is_a_clear_error_and_left_untouched(tmp_path: Path) -> None:
    missing = batch("--db", tmp_path / "无.sqlite", "--report", tmp_path / "r.html", cwd=tmp_path)
    assert missing.returncode == 2 and "无.sqlite" in missing.stderr and "不存在" in missing.stderr
    foreign = tmp_path / "账本.sqlite"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE ledger (amount INTEGER)")
    before = foreign.read_bytes()
    refused = batch(make_folder(tmp_path), "--db", foreign, cwd=tmp_path)
    assert refused.returncode == 2 and "账本.sqlite" in refused.stderr
    assert foreign.read_bytes() == before
    assert "Traceback" not in missing.stderr + refused.stderr
    usage = batch(cwd=tmp_path)
    assert usage.returncode == 2 and "Traceback" not in usage.stderr


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_progress_bar_shows_rate_and_eta_on_a_terminal_and_stays_out_of_pipes(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    piped = batch(folder, "--db", tmp_path / "a.sqlite", cwd=tmp_path)
    assert "个/秒" not in piped.stderr and "━" not in piped.stderr
    assert "批量检查完成" in piped.stderr  # the one-line summary is still there

    controller, terminal = os.openpty()
    command = [sys.executable, "-m", "doclint", "batch", str(folder), "--db", str(tmp_path / "b.sqlite")]
    run = subprocess.Popen(command, cwd=tmp_path, stdin=subprocess.DEVNULL, stdout=terminal, stderr=terminal,
                           env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "160"})
    os.close(terminal)
    shown = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([controller], [], [], 1.0)
        if not ready:
            if run.poll() is not None:
                break
            continue
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: the terminal's last writer has gone
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    assert run.wait(30) == 1
    text = shown.decode("utf-8", "replace")
    assert "个/秒" in text and "剩余" in text and "3/3" in text
