"""Expands the PATH arguments: files as given, folders searched recursively for supported documents."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
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
            found.extend(sorted(_walk(path)))
        else:
            found.append(raw)
    return list(dict.fromkeys(found))


def _walk(folder: Path) -> Iterator[str]:
    """Supported regular files below `folder`. scandir's entries know their type from the directory listing,
    so a folder of 10,000 files costs no stat per file (a FIFO or device is skipped, as before).

    A symlink loop, a dangling link or an entry that cannot be inspected is yielded as it is, when its name
    is a document's: reading it then gives an error entry naming it, and the rest of the folder is checked.
    A folder that cannot be listed is yielded too, for the same reason (`readers.folder_error`).
    """
    pending = [str(folder)]
    while pending:
        directory = pending.pop()
        try:
            entries = list(os.scandir(directory))
        except OSError:
            yield directory  # reading it reports why it could not be listed
            continue
        for entry in entries:
            if entry.name.startswith("~$"):
                continue  # Word's lock files beside an open draft
            try:
                if entry.is_dir(follow_symlinks=False):  # no symlink loops, as rglob
                    if entry.name not in SKIPPED_DIRS:
                        pending.append(entry.path)
                    continue
                wanted = entry.is_file() or entry.is_symlink()
            except OSError:
                wanted = True  # cannot tell what it is: its name decides, reading it reports why
            if wanted and is_supported(Path(entry.name)):
                yield entry.path

