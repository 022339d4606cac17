"""Baselines: record today's findings so that a run reports only the new ones (adopting doclint on old drafts).

Findings match by fingerprint (rule + normalised clause + article label), never by line number, so a
baseline survives edits elsewhere in the document. Matching is counted: a fingerprint recorded twice
absorbs two findings, a third one is new.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from doclint import __version__
from doclint.atomic import atomic_write_text
from doclint.errors import DoclintError
from doclint.model import FileResult

BASELINE_VERSION = 1


class BaselineError(DoclintError):
    """A baseline file is missing, unreadable or not a doclint baseline. The message names the file."""

    exit_code = 2


class BaselineEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    fingerprint: str
    rule: str
    excerpt: str = ""
    article: str | None = None


class BaselineTool(BaseModel):
    name: str = "doclint"
    version: str = ""


class BaselineFile(BaseModel):
    """The on-disk format; `files` maps a path (relative to the baseline's folder where possible) to entries."""

    model_config = ConfigDict(extra="forbid")

    version: int
    tool: BaselineTool
    files: dict[str, list[BaselineEntry]]


@dataclass
class Baseline:
    """A loaded baseline: fingerprint counts per file key, and the folder that the keys are relative to."""

    folder: Path
    counts: dict[str, Counter[str]] = field(default_factory=dict)


def path_key(path: str, folder: Path) -> str:
    """The file's name as a baseline stores it: relative to the baseline's folder (so the repository can move),
    absolute only when no relative path exists (another drive on Windows); always with forward slashes."""
    if path.startswith("<"):  # <stdin> and other pseudo-paths have no place on disk
        return path
    absolute = os.path.abspath(path)
    try:
        return Path(os.path.relpath(absolute, os.path.abspath(folder))).as_posix()
    except ValueError:
        return Path(absolute).as_posix()


def baseline_document(results: list[FileResult], folder: Path) -> dict[str, Any]:
    files: dict[str, list[dict[str, Any]]] = {}
    for result in results:
        if result.error or not result.findings:
            continue
        entries = files.setdefault(path_key(result.path, folder), [])
        entries.extend(
            {"fingerprint": f.fingerprint, "rule": f.rule, "excerpt": f.excerpt, "article": f.location.article}
            for f in result.findings
        )
    for entries in files.values():
        # Sorted by content, not position, so that moving a clause does not churn the file's diff.
        entries.sort(key=lambda e: (e["rule"], e["fingerprint"], e["article"] or "", e["excerpt"]))
    return {
        "version": BASELINE_VERSION,
        "tool": {"name": "doclint", "version": __version__},
        "files": dict(sorted(files.items())),
    }


def write_baseline(results: list[FileResult], path: str | Path, *, overwrite: bool) -> int:
    """Writes the baseline atomically; returns the number of findings recorded."""
    target = Path(path)
    document = baseline_document(results, target.parent)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    atomic_write_text(target, text, overwrite=overwrite)
    return sum(len(entries) for entries in document["files"].values())


def load_baseline(path: str | Path) -> Baseline:
    target = Path(path)
    try:
        raw = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"{target}: 基线文件不存在（可先用 --write-baseline 生成）") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{target}: 无法读取基线文件（{exc}）") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{target}: 不是有效的 JSON（第 {exc.lineno} 行：{exc.msg}）") from None
    try:
        parsed = BaselineFile.model_validate(data)
    except ValidationError as exc:
        problems = "；".join(
            f"{'.'.join(str(x) for x in item['loc'])}: {item['msg']}" for item in exc.errors()[:3]
        )
        raise BaselineError(f"{target}: 不是 doclint 基线文件（{problems}）") from None
    if parsed.version != BASELINE_VERSION:
        raise BaselineError(f"{target}: 基线格式版本 {parsed.version} 不受支持（应为 {BASELINE_VERSION}）")
    counts = {key: Counter(entry.fingerprint for entry in entries) for key, entries in parsed.files.items()}
    return Baseline(folder=target.parent, counts=counts)


def is_baseline_file(path: str | Path) -> bool:
    """True when `path` holds a doclint baseline, i.e. a file `--write-baseline` may replace."""
    try:
        load_baseline(path)
    except BaselineError:
        return False
    return True


def filter_new(results: list[FileResult], baseline: Baseline) -> list[FileResult]:
    """The results with baselined findings removed; each recorded fingerprint absorbs one finding."""
    filtered: list[FileResult] = []
    for result in results:
        remaining = Counter(baseline.counts.get(path_key(result.path, baseline.folder), Counter()))
        kept = []
        for finding in result.findings:
            if remaining[finding.fingerprint] > 0:
                remaining[finding.fingerprint] -= 1
            else:
                kept.append(finding)
        filtered.append(result.model_copy(update={"findings": kept}))
    return filtered


def check_baseline_target(path: str | Path, inputs: list[str]) -> None:
    """`--write-baseline` treats the named path as intent to (re)write a baseline, but never clobbers anything else:
    an input of this run, or an existing file that is not a doclint baseline (a draft given by mistake)."""
    target = Path(path)
    if any(item != "-" and Path(item).exists() and target.exists() and target.samefile(item) for item in inputs):
        raise BaselineError(f"{target}: 是本次检查的输入文件，不能用作基线文件")
    if target.is_dir():
        raise BaselineError(f"{target}: 是目录，不能用作基线文件")
    if target.exists() and not is_baseline_file(target):
        raise BaselineError(f"{target}: 文件已存在且不是 doclint 基线文件，拒绝覆盖")
