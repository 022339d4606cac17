"""Throughput in characters per second on one core: doclint against its two baselines, in one process.

    python bench/throughput.py --corpus generated -n 2000 --repeats 5      # prints one JSON object

Baselines over exactly the same texts, interleaved with the doclint runs a few drafts at a time, so that a
busy neighbour on a shared machine slows all three alike:
- `jieba`: plain `jieba.lcut(text)` (dictionary already loaded, as in a long batch);
- `regex-floor`: one compiled alternation of every trigger word of the rule set, `findall` over the text —
  every character looked at once, nothing else; no linter can be faster than this.
doclint runs the whole pipeline of `lint_text` (normalise, structure, facts, rules, findings) after one
warm-up document, so rule compilation is not counted (it happens once per process, see latency.py).
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import iter_documents
from bench.drafts import typical_draft
from bench.proc import median

# Real government texts (labelled excerpts) beside the repository, as on the development machines and CI;
# read in place, never copied into the project.
DEV_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"


def corpus_texts(kind: str, n: int, seed: int) -> list[str]:
    """`generated`: n short drafts from bench.corpus; `typical`: n drafts of about 20 KB from bench.drafts;
    `dev`: every text of ../shared/corpus/dev (n ignored)."""
    if kind == "generated":
        return [document.text for document in iter_documents(n, seed)]
    if kind == "dev":
        return [path.read_text(encoding="utf-8") for path in sorted(DEV_CORPUS.glob("*.txt"))]
    return [typical_draft(seed + index) for index in range(n)]


def trigger_words() -> list[str]:
    """Every literal the rule set's pre-filter looks for (rules whose triggers are unknown add none)."""
    from doclint.engine.ruleset import load_rules

    words: set[str] = set()
    for compiled in load_rules().rules:
        found = compiled.match.triggers()
        if found:
            words |= found
    return sorted(words, key=len, reverse=True)


def _interleaved(functions: dict[str, Callable[[str], object]], texts: list[str], chunk: int) -> dict[str, float]:
    """Seconds each function spends on all texts, taken `chunk` texts at a time in turn, so that a busy spell
    on a shared machine (seconds long, not minutes) falls on every function alike; the order alternates from
    chunk to chunk, so none always runs first on a freshly loaded chunk."""
    spent = dict.fromkeys(functions, 0.0)
    order = list(functions.items())
    for offset in range(0, len(texts), chunk):
        part = texts[offset:offset + chunk]
        for name, function in order:
            start = time.perf_counter()
            for text in part:
                function(text)
            spent[name] += time.perf_counter() - start
        order.reverse()
    return spent


def measure(texts: list[str], repeats: int, exhaustive: bool = False) -> dict[str, object]:
    import jieba

    import doclint.lint
    from doclint.engine import runner

    if exhaustive:
        # The bench's view of the exhaustive path: every rule on every unit, no trigger pre-filter.
        setattr(doclint.lint, "run_rules", functools.partial(runner.run_rules, prefilter=False))  # noqa: B010

    chars = sum(len(text) for text in texts)
    doclint.lint.lint_text(texts[0])  # rules compiled, caches warm: a batch pays this once
    rss_after_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    jieba.setLogLevel(60)
    jieba.initialize()
    words = trigger_words()
    floor = re.compile("|".join(re.escape(word) for word in words))

    functions = {"doclint": doclint.lint.lint_text, "jieba": jieba.lcut, "regex-floor": floor.findall}
    timings: dict[str, list[float]] = {name: [] for name in functions}
    # About 20,000 characters per turn: 60 short drafts, or one typical draft.
    chunk = max(1, 20_000 * len(texts) // max(1, sum(len(text) for text in texts)))
    for _ in range(repeats):
        for name, seconds in _interleaved(functions, texts, chunk).items():
            timings[name].append(seconds)
    seconds = {name: median(values) for name, values in timings.items()}
    return {
        "documents": len(texts),
        "chars": chars,
        "repeats": repeats,
        "trigger_words": len(words),
        "seconds": seconds,
        "chars_per_second": {name: chars / value for name, value in seconds.items()},
        "ratio_vs_jieba": seconds["jieba"] / seconds["doclint"],
        "ratio_vs_regex_floor": seconds["regex-floor"] / seconds["doclint"],
        "jieba_loaded_by_doclint": _doclint_segmenter_loaded(),
        "rss_after_rules_mb": rss_after_load,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _doclint_segmenter_loaded() -> bool:
    from doclint.engine.ruleset import load_rules

    return bool(load_rules().segmenter.loaded)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("generated", "typical", "dev"), default="generated")
    parser.add_argument("-n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--exhaustive", action="store_true", help="run every rule on every unit (no pre-filter)")
    args = parser.parse_args()
    texts = corpus_texts(args.corpus, args.n, args.seed)
    result = measure(texts, args.repeats, args.exhaustive)
    result["corpus"] = args.corpus
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
