"""A batch killed with SIGKILL mid-way keeps every committed row, and the next run finishes the rest only."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from doclint.model import Finding
from doclint.policy import conclusion

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists() or not hasattr(signal, "SIGKILL"),
                                reason="needs SIGKILL and /proc to find the workers")

FILES = 800
ARTICLES = ("第{n}条 从事户外广告设置的，应当经区城管局审批同意后方可设置。",
            "第{n}条 违反本办法第{m}条规定的，由区城管局处{k}千元以上罚款。",
            "第{n}条 区城管局应当在五个工作日内公开办理结果。",
            "第{n}条 广告设置人应当缴纳设施安全保证金{k}万元。",
            "第{n}条 对拒不拆除的，区城管局可以扣押其广告设施。")


def write_corpus(folder: Path) -> None:
    old = time.time() - 3600  # an hour old: the size+mtime fast path applies on the rerun
    for index in range(FILES):
        lines = [f"临河县户外广告设置管理办法（第{index}稿）"]
        lines += [ARTICLES[(index + n) % len(ARTICLES)].format(n=n + 1, m=n, k=index % 9 + 1) for n in range(12)]
        path = folder / f"{index // 100:02d}" / f"{index:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        os.utime(path, (old, old))


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # Field 4 (after the parenthesised command name) is the parent pid.
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; reaping it is up to whoever adopted it


def assert_exit_soon(pids: list[int]) -> None:
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in pids):
        assert time.monotonic() < deadline, f"still running: {[pid for pid in pids if alive(pid)]}"
        time.sleep(0.05)


def count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
            return int(connection.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # the table is not created yet


def snapshot(db: Path) -> dict[str, tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        return {row[0]: tuple(row) for row in connection.execute("SELECT * FROM documents")}


def test_sigkill_loses_no_committed_row_and_the_rerun_resumes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    db = tmp_path / "batch.sqlite"
    command = [sys.executable, "-m", "doclint", "batch", str(corpus), "--db", str(db), "--jobs", "2"]
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while count(db) < 50:
        assert run.poll() is None, "the batch ended before it could be killed mid-way"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    workers = children(run.pid)
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert run.returncode == -signal.SIGKILL

    # Orphaned workers notice their parent is gone and exit on their own.
    assert_exit_soon(workers)

    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    committed = snapshot(db)
    assert 50 <= len(committed) < FILES
    with sqlite3.connect(db) as connection:
        connection.row_factory = sqlite3.Row
        for row in connection.execute("SELECT * FROM documents"):
            assert row["content_hash"] == hashlib.sha256(Path(row["path"]).read_bytes()).hexdigest()
            findings = [Finding.model_validate(item) for item in json.loads(row["findings"])]
            assert row["errors"] == sum(1 for f in findings if f.severity == "error")
            assert row["conclusion"] == conclusion(findings)

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 1, rerun.stderr
    assert f"本次检查 {FILES - len(committed)} 个，未变跳过 {len(committed)} 个" in rerun.stderr
    finished = snapshot(db)
    assert len(finished) == FILES
    # Committed rows were not redone: byte-identical, down to the time each file was read.
    assert {path: finished[path] for path in committed} == committed


def test_ctrl_c_stops_cleanly_keeping_committed_rows(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    db = tmp_path / "batch.sqlite"
    command = [sys.executable, "-m", "doclint", "batch", str(corpus), "--db", str(db), "--jobs", "2"]
    # Its own process group, like a terminal's foreground job: Ctrl-C signals the batch and its workers alike.
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                           start_new_session=True)
    deadline = time.monotonic() + 120
    while count(db) < 50:
        assert run.poll() is None, "the batch ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    # multiprocessing's resource tracker leaves on its own once the batch is gone; the workers must be stopped.
    workers = [pid for pid in children(run.pid)
               if b"resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes()]
    os.killpg(run.pid, signal.SIGINT)
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 130
    assert "已中断" in stderr and "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert workers and not any(alive(pid) for pid in workers)  # stopped by the batch, not left to orphan
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert 50 <= count(db) < FILES


def test_a_worker_killed_from_outside_costs_one_error_row_and_is_replaced(tmp_path: Path) -> None:
    """What the OOM killer does to a worker: its file gets an error row, a fresh worker does the rest."""
    corpus = tmp_path / "corpus"
    (corpus / "a").mkdir(parents=True)
    for index in range(3):
        (corpus / "a" / f"{index}.txt").write_text(f"关于第{index}批摊位的通知\n一、摊主应当缴纳保证金一千元。\n",
                                                  encoding="utf-8")
    fifo = tmp_path / "管道.txt"
    os.mkfifo(fifo)  # holds the only worker still, so we know which process to kill and which file it had
    db = tmp_path / "batch.sqlite"
    run = subprocess.Popen([sys.executable, "-m", "doclint", "batch", str(fifo), str(corpus), "--db", str(db),
                            "--jobs", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    stuck = None
    while stuck is None:
        assert run.poll() is None and time.monotonic() < deadline
        for pid in children(run.pid):
            with contextlib.suppress(OSError):
                if Path(f"/proc/{pid}/wchan").read_text() == "wait_for_partner":  # blocked opening the FIFO
                    stuck = pid
        time.sleep(0.05)
    os.kill(stuck, signal.SIGKILL)
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 2, stderr
    with sqlite3.connect(db) as connection:
        rows = dict(connection.execute("SELECT path, error FROM documents").fetchall())
    assert "进程意外退出" in rows.pop(str(fifo))
    assert len(rows) == 3 and all(error is None for error in rows.values())
