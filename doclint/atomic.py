"""Atomic file writes: a reader of the target sees the old file or the new one, never half of either.

Memos, annotated copies, baselines and reports all go through here (DESIGN.md: "never lost output").
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from pathlib import Path

from doclint.errors import DoclintError


def _read_umask() -> int:
    # os.umask can only be read by setting it; done once at import, before any worker threads exist.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# mkstemp creates 0600 files; an output should get the permissions a plain open() would give it.
_NEW_FILE_MODE = 0o666 & ~_read_umask()


class OutputExistsError(DoclintError):
    """The output file already exists and the caller did not ask to overwrite it."""

    exit_code = 2


class OutputWriteError(DoclintError):
    """The output could not be written (folder missing, disk full, no permission)."""

    exit_code = 2


def atomic_write_bytes(path: str | Path, data: bytes, *, overwrite: bool) -> None:
    """Write `data` to `path` through a temp file in the same folder, fsync, then rename over.

    Without `overwrite` an existing file is refused, so an input is never clobbered by accident.
    On any failure the previous file (if any) is untouched and no temp file is left behind.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputWriteError(f"{target}: 是目录，不能作为输出文件")
    if not overwrite and target.exists():
        raise OutputExistsError(f"{target}: 文件已存在，未覆盖（如需覆盖请明确指定）")
    folder = target.parent if str(target.parent) else Path(".")
    remove_stale_temps(folder)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputWriteError(f"{target}: 无法写入（{exc.strerror or exc}）") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            with contextlib.suppress(OSError, AttributeError):
                os.fchmod(handle.fileno(), _existing_mode(target))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # Re-check right before the rename: another process may have created the file meanwhile.
        # os.link would be race-free but is not available on every filesystem users save to.
        if not overwrite and target.exists():
            raise OutputExistsError(f"{target}: 文件已存在，未覆盖（如需覆盖请明确指定）")
        os.replace(tmp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise OutputWriteError(f"{target}: 无法写入（{exc.strerror or exc}）") from None
        raise
    _fsync_folder(folder)


def atomic_write_text(path: str | Path, text: str, *, overwrite: bool, encoding: str = "utf-8") -> None:
    """Text twin of `atomic_write_bytes`; UTF-8 unless told otherwise.

    A lone surrogate (an undecodable byte of a file name) is written as `\\udcNN`: the output stays valid UTF-8,
    and inside a JSON string that is exactly the JSON escape that gives the name back.
    """
    atomic_write_bytes(path, text.encode(encoding, "backslashreplace"), overwrite=overwrite)


# mkstemp's names: "." + target name + "." + 8 characters from [a-z0-9_] + ".tmp".
_TEMP_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
# A temp file younger than this may belong to a write still in progress (another doclint process).
STALE_TEMP_SECONDS = 600.0


def remove_stale_temps(folder: str | Path, *, older_than: float = STALE_TEMP_SECONDS) -> list[str]:
    """Delete temp files of our own naming left in `folder` by a write that was killed mid-way (SIGKILL,
    power loss); only regular files older than `older_than` seconds, so a concurrent write is never touched.
    Returns the names removed."""
    removed: list[str] = []
    limit = time.time() - older_than
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _TEMP_NAME.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if entry.is_file(follow_symlinks=False) and info.st_mtime < limit:
                os.unlink(entry.path)
                removed.append(entry.name)
        except OSError:
            continue  # gone meanwhile, or not ours to delete
    return removed


def _existing_mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return _NEW_FILE_MODE


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; directories cannot be opened this way on Windows.
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
