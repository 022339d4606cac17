"""One `doclint batch` at a time per database: a second run on the same --db is refused, not run twice.

The lock is an OS file lock on `<db>.lock`, held for the whole run and released by the OS when the process
ends, however it ends: a killed run never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from doclint.errors import DoclintError


class BatchLockedError(DoclintError):
    """Another batch run holds the database."""

    exit_code = 2


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


@contextlib.contextmanager
def batch_lock(db: Path) -> Iterator[None]:
    """Hold the database's lock for the duration of the block; refuse at once if another run holds it."""
    path = lock_path(db)
    try:
        handle = open(path, "a+")  # noqa: SIM115 (kept open for the whole run: the open file is the lock)
    except OSError as exc:
        raise DoclintError(f"{path}: 无法创建锁文件（{exc.strerror or exc}）") from None
    with handle:
        if not _try_lock(handle.fileno()):
            handle.seek(0)
            holder = handle.read().strip()
            who = f"（进程 {holder}）" if holder.isdigit() else ""
            raise BatchLockedError(f"{db}: 另一个 doclint batch 正在使用这个数据库{who}；请等它结束后再运行，"
                                   f"或用 --db 指定另一个数据库")
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
