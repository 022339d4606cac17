"""A wall-clock limit on one file's check, so no single file can hang `check` (or a pre-commit hook)."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

# A draft lints in milliseconds; the slack is for readers that convert through LibreOffice (.doc/.wps),
# whose first start builds a profile and whose own conversion limit is 120 s. `batch --timeout` has the same.
DEFAULT_TIMEOUT_S = 180.0


class FileTimeout(BaseException):
    """The file's time is up. A BaseException, so that no reader's `except Exception` turns it into a
    different error on the way out."""


def _expire(signum: int, frame: FrameType | None) -> None:
    raise FileTimeout


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise `FileTimeout` in the block after `seconds` (SIGALRM, main thread on POSIX; elsewhere no limit).

    Python code is interrupted between bytecodes; a long call inside a C extension ends first.
    """
    usable = (seconds is not None and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return
    assert seconds is not None
    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
