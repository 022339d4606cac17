"""Lint every file under a directory twice — with and without the trigger pre-filter — and report differences.

    python bench/compare_prefilter.py DIR [DIR…]

Exit code 0 when every file gives identical findings both ways, 1 otherwise (the differing files are named).
For corpora that cannot be copied into tests (labelled real documents), this is the equivalence check.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from doclint.config import Config
from doclint.document import Document
from doclint.engine.ruleset import load_rules
from doclint.engine.runner import run_rules
from doclint.errors import DoclintError
from doclint.lint import compute_facts
from doclint.readers import read_path

SUFFIXES = {".txt", ".md", ".docx"}


def findings(path: Path, prefilter: bool) -> list[dict[str, Any]]:
    ruleset = load_rules()
    source = read_path(path)
    doc = Document.from_source(source, None)
    compute_facts(doc, Config())
    rules = [c for c in ruleset.rules if c.rule.category != "suppression"]
    return [f.model_dump() for f in run_rules(doc, ruleset, rules, prefilter=prefilter)]


def main() -> int:
    paths = [path for arg in sys.argv[1:] for path in sorted(Path(arg).rglob("*")) if path.suffix in SUFFIXES]
    differing = 0
    total = 0
    for path in paths:
        try:
            fast, full = findings(path, True), findings(path, False)
        except DoclintError:
            continue
        total += len(full)
        if fast != full:
            differing += 1
            print(f"不一致：{path}")
    print(f"{len(paths)} 个文件，{total} 处问题；预筛选与全量运行结果不一致的文件：{differing}")
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main())
