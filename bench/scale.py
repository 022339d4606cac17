"""Scaling curve of `doclint batch`: wall time and peak memory for 1, 100, 1,000 (and 10,000) documents.

Each point writes its corpus with `bench.corpus.generate(dir, n, seed)` (cached under bench/out/ between
runs: same n and seed, same files), then runs `doclint batch DIR --db fresh.sqlite --jobs J` in a child
process. Peak RSS is the largest of the batch process and its workers (ru_maxrss of the waited-for
children as the kernel reports them to the parent: the maximum over the process tree, not the sum).
Cost per document should stay flat as n grows (linear total), and so should memory: results stream
into SQLite, nothing accumulates per document.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import generate
from bench.proc import run_measured

OUT = Path(__file__).resolve().parent / "out"


def corpus_dir(n: int, seed: int) -> Path:
    directory = OUT / f"corpus-{n}-seed{seed}"
    marker = directory / ".complete"
    if not marker.exists():
        shutil.rmtree(directory, ignore_errors=True)
        generate(directory / "files", n, seed)
        marker.write_text("ok\n", encoding="utf-8")
    return directory


def measure_point(n: int, seed: int, jobs: int) -> dict[str, object]:
    directory = corpus_dir(n, seed)
    files = directory / "files"
    chars = sum(len(path.read_bytes()) for path in files.rglob("*") if path.is_file())
    database = directory / f"batch-j{jobs}.sqlite"
    for stale in directory.glob(database.name + "*"):
        stale.unlink()
    measured = run_measured([sys.executable, "-m", "doclint", "batch", str(files), "--db", str(database),
                             "--jobs", str(jobs), "--fail-on", "never"])
    return {
        "documents": n,
        "bytes": chars,
        "jobs": jobs,
        "seconds": measured.seconds,
        "ms_per_document": 1000 * measured.seconds / n,
        "peak_rss_mb": measured.peak_rss_mb,
        "exit_code": measured.returncode,
    }


def measure(sizes: list[int], seed: int, jobs: int) -> list[dict[str, object]]:
    return [measure_point(n, seed, jobs) for n in sizes]
