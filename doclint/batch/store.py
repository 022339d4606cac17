"""The batch store: one SQLite row per document, written in WAL mode, one transaction per document."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from doclint.batch.worker import Linted, Unchanged
from doclint.display import display_text
from doclint.errors import ReadError
from doclint.model import Facts, FileResult, Finding

# PRAGMA application_id marks the file as ours, so --db never writes into someone else's database.
APPLICATION_ID = 0x646F636C  # "docl"
SCHEMA_VERSION = 1

# A file modified this close to the moment it was read may change again within the same mtime tick,
# so its size+mtime cannot vouch for its content (git's "racily clean" problem): hash it instead.
RACY_WINDOW_NS = 2_000_000_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    path TEXT PRIMARY KEY,
    size INTEGER,
    mtime_ns INTEGER,
    checked_ns INTEGER NOT NULL,
    content_hash TEXT,
    rules_hash TEXT NOT NULL,
    config_hash TEXT NOT NULL,
    error TEXT,
    doc_type TEXT,
    title TEXT,
    issuer TEXT,
    doc_number TEXT,
    conclusion TEXT,
    errors INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    infos INTEGER NOT NULL,
    facts TEXT NOT NULL,
    findings TEXT NOT NULL
) WITHOUT ROWID;
"""

COLUMNS = ("path", "size", "mtime_ns", "checked_ns", "content_hash", "rules_hash", "config_hash", "error",
           "doc_type", "title", "issuer", "doc_number", "conclusion", "errors", "warnings", "infos", "facts",
           "findings")


# SQLite allows 999 host parameters in older builds; a few hundred paths per query is well inside that.
STATE_CHUNK = 500


def path_key(path: str) -> str | bytes:
    """The stored form of a path: text when it is valid UTF-8, else its raw bytes (SQLite keeps a BLOB in the
    TEXT column as is), so a GBK name from a Windows archive is stored losslessly and found again."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path)
    return path


def path_from_key(key: str | bytes) -> str:
    return os.fsdecode(key) if isinstance(key, bytes) else key


# What to do when the store is damaged: its rows are a cache of the files' results, so starting afresh loses
# nothing but time. Reports and exports already written are separate files and stay as they are.
RECOVERY = ("恢复办法：把该文件改名留存（或删除，连同同名的 -wal、-shm 文件），再运行同一命令，"
            "所有文件会重新检查；也可用 --db 指定新的数据库文件")


def store_error(path: Path, exc: sqlite3.Error, doing: str) -> StoreError:
    """A clear message for an SQLite failure: a full disk and a damaged file say what happened and what to do."""
    text = str(exc)
    if "full" in text:
        return StoreError(f"{path}: {doing}失败：磁盘已满（{text}）。请腾出磁盘空间后再运行同一命令，已完成的文件不会重做")
    if any(word in text for word in ("malformed", "not a database", "corrupt")):
        return StoreError(f"{path}: {doing}失败：批量检查数据库已损坏（{text}）。{RECOVERY}")
    return StoreError(f"{path}: {doing}失败（{text}）")


class StoreError(ReadError):
    """The --db file cannot be used as a batch store (exit code 2, like any unusable input)."""


@dataclass(frozen=True)
class StoredState:
    """What the store knows about a path: enough to decide whether it must be linted again."""

    size: int | None
    mtime_ns: int | None
    checked_ns: int
    content_hash: str | None
    rules_hash: str
    config_hash: str
    error: str | None
    errors: int
    warnings: int
    infos: int

    def is_current(self, rules_hash: str, config_hash: str) -> bool:
        """Linted with these rules and this configuration, and its content is known by hash."""
        return self.rules_hash == rules_hash and self.config_hash == config_hash and self.content_hash is not None

    def matches_stat(self, size: int, mtime_ns: int) -> bool:
        """The cheap fast path: same size and mtime, and the mtime was not racy when the file was read."""
        return (self.size == size and self.mtime_ns == mtime_ns
                and mtime_ns < self.checked_ns - RACY_WINDOW_NS)


class Store:
    """Open with `Store.open(path)`; rows are committed one document at a time."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Store:
        path = Path(path)
        if not create and not path.exists():
            raise StoreError(f"{path}: 批量检查数据库不存在")
        if path.is_dir():
            raise StoreError(f"{path}: 是目录，不能用作批量检查数据库")
        existed = path.exists() and path.stat().st_size > 0
        try:
            connection = sqlite3.connect(path, timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: 无法打开批量检查数据库（{exc}）") from None
        try:
            cls._prepare(connection, path, existed)
        except sqlite3.Error as exc:
            connection.close()
            raise store_error(path, exc, "不是可用的批量检查数据库") from None
        except StoreError:
            connection.close()
            raise
        return cls(connection, path)

    @staticmethod
    def _prepare(connection: sqlite3.Connection, path: Path, existed: bool) -> None:
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        if existed and app_id != APPLICATION_ID:
            raise StoreError(f"{path}: 不是 doclint 批量检查数据库，为免破坏其内容，拒绝写入")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if existed and version != SCHEMA_VERSION:
            raise StoreError(f"{path}: 数据库版本为 {version}，本程序使用版本 {SCHEMA_VERSION}；请换用新的 --db 文件")
        if existed:
            # A damaged page can make lookups miss or return the wrong row, and a batch would then skip files
            # as "unchanged" on its word: a store that fails the check is not used at all.
            problems = [row[0] for row in connection.execute("PRAGMA quick_check(5)").fetchall()]
            if problems != ["ok"]:
                raise StoreError(f"{path}: 批量检查数据库已损坏（SQLite 完整性检查未通过：{'；'.join(problems)}）。"
                                 f"{RECOVERY}")
        connection.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode: a commit survives the process being killed (SIGKILL); only an OS crash or
        # power loss may drop the last commits, which the next run simply redoes.
        connection.execute("PRAGMA synchronous=NORMAL")
        if not existed:
            connection.execute(f"PRAGMA application_id={APPLICATION_ID}")
            connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        connection.executescript(SCHEMA)

    def close(self) -> None:
        self.connection.close()

    def _execute(self, sql: str, parameters: Any = (), doing: str = "读写批量检查数据库") -> sqlite3.Cursor:
        try:
            return self.connection.execute(sql, parameters)
        except sqlite3.Error as exc:
            raise store_error(self.path, exc, doing) from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def state(self, path: str) -> StoredState | None:
        row = self._execute(
            "SELECT size, mtime_ns, checked_ns, content_hash, rules_hash, config_hash, error, errors, warnings,"
            " infos FROM documents WHERE path = ?", (path_key(path),)).fetchone()
        return StoredState(*row) if row else None

    def states(self, paths: list[str]) -> dict[str, StoredState]:
        """The stored state of each of `paths` that has a row, in one query per chunk rather than one per file."""
        found: dict[str, StoredState] = {}
        for start in range(0, len(paths), STATE_CHUNK):
            chunk = [path_key(path) for path in paths[start:start + STATE_CHUNK]]
            marks = ", ".join("?" for _ in chunk)
            for path, *values in self._execute(
                "SELECT path, size, mtime_ns, checked_ns, content_hash, rules_hash, config_hash, error, errors,"
                f" warnings, infos FROM documents WHERE path IN ({marks})", chunk):
                found[path_from_key(path)] = StoredState(*values)
        return found

    def put(self, row: Linted, rules_hash: str, config_hash: str) -> None:
        """Insert or replace one document's row; the autocommit connection makes it its own transaction."""
        # An error text may quote an undecodable name; it is shown, never used to find the file again.
        error = display_text(row.error) if row.error else row.error
        values = (path_key(row.path), row.size, row.mtime_ns, row.checked_ns, row.content_hash, rules_hash, config_hash,
                  error, row.doc_type, row.title, row.issuer, row.doc_number, row.conclusion, row.errors,
                  row.warnings, row.infos, row.facts_json, row.findings_json)
        placeholders = ", ".join("?" for _ in COLUMNS)
        self._execute(
            f"INSERT OR REPLACE INTO documents ({', '.join(COLUMNS)}) VALUES ({placeholders})", values, "写入检查结果")

    def touch(self, unchanged: Unchanged) -> None:
        """Same content as stored: refresh size and mtime so the next run can take the fast path."""
        self._execute(
            "UPDATE documents SET size = ?, mtime_ns = ?, checked_ns = ? WHERE path = ?",
            (unchanged.size, unchanged.mtime_ns, unchanged.checked_ns, path_key(unchanged.path)), "写入检查结果")

    def count(self) -> int:
        return int(self._execute("SELECT count(*) FROM documents").fetchone()[0])

    def rows(self) -> Iterator[dict[str, Any]]:
        """Every row in path order, streamed from the cursor (never all in memory)."""
        cursor = self._execute(f"SELECT {', '.join(COLUMNS)} FROM documents ORDER BY path")
        while True:
            try:
                values = cursor.fetchone()
            except sqlite3.Error as exc:
                raise store_error(self.path, exc, "读取批量检查数据库") from None
            if values is None:
                return
            row = dict(zip(COLUMNS, values, strict=True))
            row["path"] = path_from_key(row["path"])
            yield row

    def results(self) -> Iterator[FileResult]:
        """The stored rows as JSON v1 file objects."""
        for row in self.rows():
            yield file_result(row)

    def query(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Aggregates for the report (small result sets only)."""
        try:
            return self._execute(sql, parameters, "读取批量检查数据库").fetchall()
        except sqlite3.Error as exc:
            raise store_error(self.path, exc, "读取批量检查数据库") from None


def file_result(row: dict[str, Any]) -> FileResult:
    return FileResult(
        path=row["path"],
        error=row["error"],
        doc_type=row["doc_type"],
        facts=Facts.model_validate(json.loads(row["facts"])),
        findings=[Finding.model_validate(item) for item in json.loads(row["findings"])],
    )
