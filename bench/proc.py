"""Run a child process and measure it: wall time and peak resident memory, from the kernel's own accounting."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_rss_mb: float
    returncode: int
    stdout: bytes


# Runs the measured command and reports (seconds, ru_maxrss, exit code) on stderr. The harness starts it, and
# it starts the command: a child forked straight from the harness would inherit the harness's high-water mark
# (Linux carries the pre-exec mm's peak into ru_maxrss), which after generating a corpus is larger than
# doclint's own. The launcher is a bare `python -S` of a few MB, so what it passes on is negligible.
LAUNCHER = """
import json, os, sys, time
devnull = [(os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)]
start = time.perf_counter()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ, file_actions=devnull)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
os.write(2, json.dumps([seconds, usage.ru_maxrss, os.waitstatus_to_exitcode(status)]).encode())
"""


def run_measured(argv: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Measured:
    """Wall time of `argv` from spawn to exit, and that process tree's own peak RSS (ru_maxrss).

    Peak RSS covers the command and its reaped descendants (batch workers), as the kernel reports it for
    the waited-for child: the largest of them, not their sum.
    """
    child_env = dict(os.environ if env is None else env)
    # The harness must measure the repository's code, whichever directory it is started from.
    child_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), child_env.get("PYTHONPATH", "")]))
    executable = argv[0] if os.path.isabs(argv[0]) else (shutil.which(argv[0]) or argv[0])
    process = subprocess.run([sys.executable, "-S", "-c", LAUNCHER, executable, *argv[1:]], cwd=cwd or REPO,
                             env=child_env, capture_output=True, check=True)
    seconds, maxrss, returncode = json.loads(process.stderr)
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    scale = 1 / (1024 * 1024) if sys.platform == "darwin" else 1 / 1024
    return Measured(seconds, maxrss * scale, returncode, process.stdout)


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
