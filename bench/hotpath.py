"""Profile the hot path with pyinstrument (pip install pyinstrument): where a batch of drafts spends its time.

    python bench/hotpath.py                  # lint_text over 40 typical drafts, rules already compiled
    python bench/hotpath.py --corpus generated -n 2000
    python bench/hotpath.py --cold           # one `doclint check` of a typical draft, imports included

Writes bench/out/profile-<what>.txt (call tree) and prints the time per source file of the package
(self time, from a cProfile run of the same work), which is the summary that matters for ownership.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import cProfile
import os
import pstats
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.throughput import corpus_texts

OUT = Path(__file__).resolve().parent / "out"
REPO = Path(__file__).resolve().parent.parent


def by_file(stats: Any) -> list[tuple[float, str]]:
    """Self time per file; library and builtin time is charged to the package file that called it."""
    totals: collections.Counter[str] = collections.Counter()
    for (filename, _, _), (_, _, self_time, _, callers) in stats.stats.items():
        key = filename
        if str(REPO) not in filename and callers:
            caller = max(callers.items(), key=lambda item: item[1][2])[0][0]
            key = caller if str(REPO) in caller else "(libraries)"
        totals[key.replace(str(REPO) + "/", "")] += self_time
    return sorted(((seconds, name) for name, seconds in totals.items()), reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("generated", "typical"), default="typical")
    parser.add_argument("-n", type=int, default=40)
    parser.add_argument("--cold", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)

    def work() -> None:
        if args.cold:
            from bench.drafts import typical_draft

            draft = OUT / "typical-draft.txt"
            draft.write_text(typical_draft(1), encoding="utf-8")
            sys.argv = ["doclint", "check", str(draft), "--format", "json"]
            import doclint.cli

            with open(os.devnull, "w", encoding="utf-8") as sink, contextlib.redirect_stdout(sink), \
                    contextlib.suppress(SystemExit):
                doclint.cli.main()
            return
        for text in texts:
            lint_text(text)

    texts: list[str] = []
    if not args.cold:
        from doclint.lint import lint_text

        texts = corpus_texts(args.corpus, args.n, 1)
        lint_text(texts[0])  # rules compiled and caches warm, as in a batch
    what = "cold-check" if args.cold else f"{args.corpus}-{args.n}"

    import importlib.util

    if importlib.util.find_spec("pyinstrument") is not None and not args.cold:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
        work()
        profiler.stop()
        (OUT / f"profile-{what}.txt").write_text(profiler.output_text(unicode=True, show_all=False),
                                                 encoding="utf-8")
        print(f"调用树：{OUT / f'profile-{what}.txt'}")

    profile = cProfile.Profile()
    profile.enable()
    work()
    profile.disable()
    rows = by_file(pstats.Stats(profile, stream=sys.stderr))
    total = sum(seconds for seconds, _ in rows)
    print(f"{what}: {total:.3f} s (cProfile), self time by file:")
    for seconds, name in rows[:20]:
        print(f"  {seconds / total:6.1%}  {seconds:7.3f} s  {name}")


if __name__ == "__main__":
    main()
