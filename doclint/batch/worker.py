"""The per-file job a batch worker runs: read once, hash, and lint unless the content is already known."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from doclint.config import Config
from doclint.display import json_safe
from doclint.lint import lint_bytes
from doclint.model import FileResult
from doclint.policy import conclusion
from doclint.readers import folder_error, is_supported


@dataclass(frozen=True)
class Task:
    """One file to look at; `known_hash` is the stored content hash, if the store has a current row."""

    path: str
    known_hash: str | None = None


@dataclass(frozen=True)
class Unchanged:
    """The file's content hash equals the stored one: only its size and mtime need refreshing."""

    path: str
    size: int
    mtime_ns: int
    checked_ns: int


@dataclass(frozen=True)
class Linted:
    """A row ready for the store, serialised in the worker so the parent only writes it."""

    path: str
    size: int | None
    mtime_ns: int | None
    checked_ns: int
    content_hash: str | None
    error: str | None
    doc_type: str | None
    title: str | None
    issuer: str | None
    doc_number: str | None
    conclusion: str | None
    errors: int
    warnings: int
    infos: int
    facts_json: str
    findings_json: str


def error_row(path: str, message: str, content_hash: str | None = None,
              size: int | None = None, mtime_ns: int | None = None) -> Linted:
    """A row for a file that could not be linted; without a hash it is retried on the next run."""
    return row_from_result(FileResult(path=path, error=message), content_hash, size, mtime_ns)


def row_from_result(result: FileResult, content_hash: str | None, size: int | None,
                    mtime_ns: int | None) -> Linted:
    severities = [finding.severity for finding in result.findings]
    facts = result.facts
    return Linted(
        path=result.path,
        size=size,
        mtime_ns=mtime_ns,
        checked_ns=time.time_ns(),
        content_hash=content_hash,
        error=result.error,
        doc_type=result.doc_type,
        title=facts.title,
        issuer=facts.issuer,
        doc_number=facts.doc_number,
        conclusion=None if result.error else conclusion(result.findings),
        errors=severities.count("error"),
        warnings=severities.count("warning"),
        infos=severities.count("info"),
        # json_safe: a fact or finding may quote an undecodable file name; SQLite only takes valid UTF-8.
        facts_json=json_safe(json.dumps(facts.model_dump(mode="json"), ensure_ascii=False)),
        findings_json=json_safe(json.dumps([f.model_dump(mode="json") for f in result.findings],
                                           ensure_ascii=False)),
    )


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def process(task: Task, config: Config) -> Linted | Unchanged:
    """Read and lint one file. Anything that can block (opening a FIFO, a stalled network share) happens here,
    in the worker, where the parent's timeout can abandon it."""
    path = task.path
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                return error_row(path, folder_error(path))
            if not is_supported(Path(path)):
                suffix = Path(path).suffix or "无扩展名"
                return error_row(path, f"{path}: 不支持的文件类型「{suffix}」（支持 .docx、.txt、.md、.pdf、.ofd、.html、.doc、.wps）")
            if info.st_size > config.max_bytes:
                return error_row(path, f"{path}: 文件过大（{info.st_size} 字节，上限 {config.max_bytes} 字节）",
                                 size=info.st_size, mtime_ns=info.st_mtime_ns)
            # Read one byte past the limit: a file that grows while being read is still caught as oversize.
            data = handle.read(config.max_bytes + 1)
    except IsADirectoryError:
        return error_row(path, folder_error(path))
    except OSError as exc:
        return error_row(path, f"{path}: 无法读取文件（{exc.strerror or exc}）")
    digest = content_hash(data)
    if digest == task.known_hash:
        return Unchanged(path, info.st_size, info.st_mtime_ns, time.time_ns())
    result = lint_bytes(data, path, config)
    return row_from_result(result, digest, info.st_size, info.st_mtime_ns)
