"""Single-draft latency of a cold process: `doclint check` on a typical draft against `jieba.initialize()`.

Each repetition starts both processes afresh, alternating them, so a busy neighbour slows both alike;
the figure is the median. A third process shows what importing the CLI alone costs.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.proc import REPO, Measured, median, run_measured

JIEBA_BASELINE = "import jieba, logging; jieba.setLogLevel(logging.WARNING); jieba.initialize()"
PROBE = ("import sys; from doclint.lint import lint_file; lint_file(sys.argv[1]); "
         "print(int('jieba' in sys.modules))")


def measure(draft: Path, repeats: int) -> dict[str, object]:
    commands = {
        "doclint check": [sys.executable, "-m", "doclint", "check", str(draft), "--format", "json"],
        "jieba.initialize": [sys.executable, "-c", JIEBA_BASELINE],
        "import doclint.cli": [sys.executable, "-c", "import doclint.cli"],
    }
    runs: dict[str, list[Measured]] = {name: [] for name in commands}
    # `pip install` byte-compiles a package, as it did jieba; a checkout run with PYTHONDONTWRITEBYTECODE set
    # would otherwise compile doclint's source on every start and measure something no user runs.
    import compileall

    compileall.compile_dir(str(REPO / "doclint"), quiet=1)
    # One untimed round: the first start after writing files pays for the page cache and .pyc files.
    for argv in commands.values():
        run_measured(argv)
    for _ in range(repeats):
        for name, argv in commands.items():
            runs[name].append(run_measured(argv))
    seconds = {name: median([r.seconds for r in measured]) for name, measured in runs.items()}
    rss = {name: median([r.peak_rss_mb for r in measured]) for name, measured in runs.items()}
    probe = run_measured([sys.executable, "-c", PROBE, str(draft)])
    return {
        "draft": str(draft),
        "draft_bytes": draft.stat().st_size,
        "repeats": repeats,
        "seconds": seconds,
        "peak_rss_mb": rss,
        "ratio_vs_jieba": seconds["doclint check"] / seconds["jieba.initialize"],
        "jieba_imported_on_draft": probe.stdout.strip() == b"1",
        "check_exit_codes": sorted({r.returncode for r in runs["doclint check"]}),
    }
