"""Run a child process and measure it: wall time and peak resident memory, from the kernel's own accounting."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_rss_mb: float
    returncode: int
    stdout: bytes


def run_measured(argv: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Measured:
    """Wall time of `argv` from spawn to exit, and the child's own ru_maxrss (not the harness's).

    os.wait4 reports the rusage of that one child; RUSAGE_CHILDREN would mix in every earlier run.
    """
    child_env = dict(os.environ if env is None else env)
    # The harness must measure the repository's code, whichever directory it is started from.
    child_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), child_env.get("PYTHONPATH", "")]))
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd or REPO, env=child_env, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    stdout = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    scale = 1 / (1024 * 1024) if sys.platform == "darwin" else 1 / 1024
    return Measured(seconds, usage.ru_maxrss * scale, process.returncode, stdout)


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
