"""doclint benchmarks: latency, throughput, memory and scaling, each next to its baseline from the same run.

    python bench/run.py                 # everything except the 10,000-document point (a few minutes)
    python bench/run.py --quick         # smaller corpus, fewer repeats (a smoke run)
    python bench/run.py --scale 1,100,1000,10000
    python bench/run.py --only latency  # or throughput, scale

Writes bench/out/results-<time>.json and bench/out/latest.json, and prints a table. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import latency, scale
from bench.drafts import typical_draft
from bench.proc import REPO, run_measured
from bench.throughput import DEV_CORPUS

OUT = Path(__file__).resolve().parent / "out"


def _git_commit() -> str:
    head = run_measured(["git", "rev-parse", "--short", "HEAD"])
    dirty = run_measured(["git", "status", "--porcelain", "--", "doclint", "rules"])
    return head.stdout.decode().strip() + ("+dirty" if dirty.stdout.strip() else "")


def _throughput(corpus: str, n: int, repeats: int, exhaustive: bool = False) -> dict[str, Any]:
    """In a child process of its own, so its peak RSS is doclint's and not the harness's."""
    argv = [sys.executable, str(REPO / "bench" / "throughput.py"), "--corpus", corpus, "-n", str(n),
            "--repeats", str(repeats)] + (["--exhaustive"] if exhaustive else [])
    measured = run_measured(argv)
    if measured.returncode != 0:
        raise SystemExit(f"throughput child failed ({measured.returncode}): {' '.join(argv)}")
    result: dict[str, Any] = json.loads(measured.stdout)
    result["child_peak_rss_mb"] = measured.peak_rss_mb
    return result


def print_table(results: dict[str, Any]) -> None:
    rows: list[tuple[str, str, str, str]] = []
    lat = results.get("latency")
    if lat:
        s = lat["seconds"]
        rows.append(("cold latency, typical draft", f"{s['doclint check']:.3f} s",
                     f"jieba.initialize {s['jieba.initialize']:.3f} s", f"{lat['ratio_vs_jieba']:.2f}×"))
        rows.append(("  of which: import doclint.cli", f"{s['import doclint.cli']:.3f} s", "", ""))
        rss = lat["peak_rss_mb"]
        rows.append(("peak RSS, check", f"{rss['doclint check']:.0f} MB",
                     f"jieba.initialize {rss['jieba.initialize']:.0f} MB", ""))
        rows.append(("  jieba imported on the draft", str(lat["jieba_imported_on_draft"]), "", ""))
    for key, label in (("throughput_typical", "typical drafts, the target"),
                       ("throughput_dev", "real excerpts, dev corpus"),
                       ("throughput_generated", "short generated drafts"),
                       ("throughput_exhaustive", "generated, no pre-filter")):
        tp = results.get(key)
        if not tp:
            continue
        cps = tp["chars_per_second"]
        rows.append((f"throughput, {label} ({tp['documents']} docs)", f"{cps['doclint']:,.0f} chars/s",
                     f"jieba.lcut {cps['jieba']:,.0f} chars/s", f"{tp['ratio_vs_jieba']:.2f}×"))
        rows.append(("", "", f"regex floor {cps['regex-floor']:,.0f} chars/s",
                     f"{tp['ratio_vs_regex_floor']:.4f}×"))
        rows.append(("  peak RSS (throughput process)", f"{tp['child_peak_rss_mb']:.0f} MB", "", ""))
    for point in results.get("scale", []):
        rows.append((f"batch {point['documents']:>6} docs, --jobs {point['jobs']}", f"{point['seconds']:.2f} s",
                     f"{point['ms_per_document']:.1f} ms/doc", f"{point['peak_rss_mb']:.0f} MB peak"))
    widths = [max(len(row[i]) for row in rows) for i in range(4)] if rows else [0] * 4
    print(f"{'measure':<{widths[0]}}  {'doclint':>{widths[1]}}  {'baseline (same run)':<{widths[2]}}  ratio")
    for row in rows:
        print(f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}")


def main() -> None:
    parser = argparse.ArgumentParser(description="doclint 基准测试：延迟、吞吐、内存、规模曲线")
    parser.add_argument("--quick", action="store_true", help="small corpus and few repeats (smoke run)")
    parser.add_argument("--only", choices=("latency", "throughput", "scale"), action="append")
    parser.add_argument("--repeats", type=int, default=None, help="repetitions per measure (median reported)")
    parser.add_argument("-n", type=int, default=None, help="documents in the generated throughput corpus")
    parser.add_argument("--scale", default="1,100,1000", help="comma-separated corpus sizes for doclint batch")
    parser.add_argument("--jobs", type=int, default=1, help="--jobs for the scaling runs (1: per-core figures)")
    parser.add_argument("--exhaustive", action="store_true", help="also measure throughput without the pre-filter")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    repeats = args.repeats or (3 if args.quick else 7)
    n = args.n or (300 if args.quick else 2000)
    parts = set(args.only or ("latency", "throughput", "scale"))

    OUT.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "commit": _git_commit(),
        "python": platform.python_version(),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "loadavg_at_start": os.getloadavg()},
        "command": " ".join([Path(sys.argv[0]).as_posix(), *sys.argv[1:]]),
    }
    if "latency" in parts:
        draft = OUT / "typical-draft.txt"
        draft.write_text(typical_draft(args.seed), encoding="utf-8")
        results["latency"] = latency.measure(draft, repeats)
    if "throughput" in parts:
        results["throughput_generated"] = _throughput("generated", n, max(3, repeats // 2))
        results["throughput_typical"] = _throughput("typical", 10 if args.quick else 40, max(3, repeats // 2))
        if any(DEV_CORPUS.glob("*.txt")):
            results["throughput_dev"] = _throughput("dev", 0, max(3, repeats // 2))
        if args.exhaustive:
            results["throughput_exhaustive"] = _throughput("generated", n, max(3, repeats // 2), exhaustive=True)
    if "scale" in parts:
        sizes = [int(size) for size in args.scale.split(",") if size.strip()]
        if args.quick:
            sizes = [size for size in sizes if size <= 100] or [1]
        results["scale"] = scale.measure(sizes, args.seed, args.jobs)
    results["machine"]["loadavg_at_end"] = os.getloadavg()

    stamp = time.strftime("%Y%m%d-%H%M%S")
    text = json.dumps(results, ensure_ascii=False, indent=2)
    (OUT / f"results-{stamp}.json").write_text(text + "\n", encoding="utf-8")
    (OUT / "latest.json").write_text(text + "\n", encoding="utf-8")
    print_table(results)
    print(f"\n结果已写入 {OUT / f'results-{stamp}.json'}")


if __name__ == "__main__":
    main()
