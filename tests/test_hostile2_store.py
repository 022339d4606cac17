"""A full disk or a damaged batch store is a clear error, never a traceback or a silent skip (issue 17, point 7)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from doclint.batch.store import Store, StoreError
from doclint.batch.worker import error_row
from doclint.cli import app


def drafts(folder: Path, count: int) -> Path:
    folder.mkdir()
    for number in range(count):
        (folder / f"草案{number:03d}.txt").write_text(
            f"清河县第{number}号摊点管理办法\n第一条 摊点经营者应当保持摊位整洁，每日收摊后清扫。\n", encoding="utf-8")
    return folder


def damage_one_page(db: Path, page: int) -> None:
    """Overwrite one page in place with other bytes of the same length, as a bad sector or a stray write would."""
    page_size = sqlite3.connect(db).execute("PRAGMA page_size").fetchone()[0]
    with open(db, "r+b") as handle:
        handle.seek(page_size * (page - 1))
        handle.write(bytes((index * 37 + 11) % 256 for index in range(page_size)))


def test_damaged_store_is_refused_with_recovery_advice(tmp_path: Path) -> None:
    folder = drafts(tmp_path / "已备案", 60)
    db = tmp_path / "b.sqlite"
    first = CliRunner().invoke(app, ["batch", str(folder), "--db", str(db), "--jobs", "1"])
    assert "本次检查 60 个" in first.output, first.output
    pages = db.stat().st_size // sqlite3.connect(db).execute("PRAGMA page_size").fetchone()[0]
    assert pages >= 4
    damage_one_page(db, pages - 1)
    again = CliRunner().invoke(app, ["batch", str(folder), "--db", str(db), "--jobs", "1"])
    assert again.exit_code == 2, again.output
    assert "Traceback" not in again.output
    assert again.exception is None or isinstance(again.exception, SystemExit), repr(again.exception)
    assert "已损坏" in again.output and "恢复办法" in again.output and str(db) in again.output
    assert "未变跳过" not in again.output, "files were skipped on the word of a damaged store"


def test_damaged_store_also_refuses_exports(tmp_path: Path) -> None:
    folder = drafts(tmp_path / "已备案", 30)
    db = tmp_path / "b.sqlite"
    CliRunner().invoke(app, ["batch", str(folder), "--db", str(db), "--jobs", "1"])
    damage_one_page(db, 2)
    result = CliRunner().invoke(app, ["batch", "--db", str(db), "--csv", str(tmp_path / "out.csv")])
    assert result.exit_code == 2 and "已损坏" in result.output
    assert not (tmp_path / "out.csv").exists()


def test_full_disk_is_a_clear_store_error(tmp_path: Path) -> None:
    db = tmp_path / "b.sqlite"
    with Store.open(db) as store:
        # SQLite reports a database that may not grow as "database or disk is full", as for a real full disk.
        pages = store.connection.execute("PRAGMA page_count").fetchone()[0]
        store.connection.execute(f"PRAGMA max_page_count = {pages + 1}")
        with pytest.raises(StoreError, match="磁盘已满") as caught:
            for number in range(500):
                store.put(error_row(f"/收件/草案{number}.txt", "无法读取：" + "损" * 2000), "r" * 16, "c" * 16)
        assert str(db) in str(caught.value)
