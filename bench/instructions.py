"""Instructions per draft (valgrind's callgrind) for doclint and plain jieba.lcut: a noise-free way to compare
two commits, where timings on a shared machine drift by more than the change being measured.

    python bench/instructions.py                    # 200 short generated drafts
    python bench/instructions.py --corpus typical -n 5
    python bench/instructions.py --only doclint --tree /tmp/other   # another commit (a git worktree)

Each side runs twice under callgrind, with and without the drafts, after the same warm-up (300 other drafts
linted, so lazy pattern compilation and imports are not counted; jieba's dictionary loaded); the difference,
divided by the number of drafts, is what one draft costs. Hash randomisation is fixed so that both runs take
the same paths. Instructions are not time: doclint runs more distinct code per character than jieba's tight
loop and loses more to instruction-cache misses, so the timed ratio (throughput.py) stays the figure to
report. Needs valgrind; nothing else calls it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

REPO = Path(__file__).resolve().parent.parent

# The measured child: the warm-up, then `count` drafts through one of the two functions. The drafts come from
# a file written by this process, so every tree measured sees the same texts whatever its bench/ generates.
CHILD = """
import json, sys
sys.path.insert(0, {tree!r})
texts_file, count, side = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(texts_file, encoding="utf-8") as handle:
    drafts, warm_up = json.load(handle)
texts = [(text + "x")[:-1] for text in drafts]  # fresh strings, as a batch reads them
if side == "doclint":
    import doclint.lint
    for warm in warm_up:
        doclint.lint.lint_text(warm)
    function = doclint.lint.lint_text
else:
    import jieba
    jieba.setLogLevel(60)
    jieba.initialize()
    jieba.lcut("预热一下分词器")
    function = jieba.lcut
for text in texts[:count]:
    function(text)
"""


def collected(texts_file: Path, count: int, side: str, tree: Path) -> int:
    """Instructions callgrind counted for one child run."""
    python = os.path.realpath(sys.executable)  # the interpreter itself, not a shell shim valgrind would trace
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", python, "-c",
               CHILD.format(tree=str(tree)), str(texts_file), str(count), side]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"callgrind run failed ({side}, {count} drafts):\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("generated", "typical", "dev"), default="generated")
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--only", choices=("doclint", "jieba"))
    parser.add_argument("--tree", type=Path, default=REPO, help="the checkout whose doclint is measured")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("bench/instructions.py needs valgrind (apt install valgrind)")
    from bench.throughput import corpus_texts

    drafts = corpus_texts(args.corpus, args.n, 1)[:args.n]
    warm_up = corpus_texts("generated", 300, 99)
    with tempfile.TemporaryDirectory() as scratch:
        texts_file = Path(scratch) / "texts.json"
        texts_file.write_text(json.dumps([drafts, warm_up], ensure_ascii=False), encoding="utf-8")
        # One plain run first: a stale rule snapshot is rewritten here, not inside a counted run.
        subprocess.run([sys.executable, "-c", CHILD.format(tree=str(args.tree)), str(texts_file), "1", "doclint"],
                       check=True)
        result: dict[str, object] = {"corpus": args.corpus, "drafts": len(drafts), "tree": str(args.tree)}
        for side in (args.only,) if args.only else ("doclint", "jieba"):
            counted = collected(texts_file, len(drafts), side, args.tree) - collected(texts_file, 0, side, args.tree)
            result[f"{side}_instructions_per_draft"] = round(counted / len(drafts))
    doclint = result.get("doclint_instructions_per_draft")
    jieba = result.get("jieba_instructions_per_draft")
    if isinstance(doclint, int) and isinstance(jieba, int):
        result["ratio_jieba_to_doclint"] = round(jieba / doclint, 3)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
