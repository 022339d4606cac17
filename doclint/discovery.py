"""Expands the PATH arguments: files as given, folders searched recursively for supported documents."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from doclint.readers import is_supported

SKIPPED_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", "venv"}


def discover(paths: Iterable[str]) -> list[str]:
    """Files in a stable order; a path that does not exist is kept so that it gets an error entry."""
    found: list[str] = []
    for raw in paths:
        if raw == "-":
            found.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                if any(part in SKIPPED_DIRS or part.startswith("~$") for part in candidate.parts):
                    continue
                if candidate.is_file() and is_supported(candidate):
                    found.append(str(candidate))
        else:
            found.append(raw)
    return list(dict.fromkeys(found))
