"""Compare a draft's findings with its sidecar of expected rules per sentence (Semgrep-style fixtures).

A sidecar `NAME.yaml` beside `NAME.txt`:

    doc_type: normative          # optional
    expect:
      - text: 处二百元以上一千元以下罚款   # a substring of one sentence
        rules: [PEN001]                 # every rule that must fire on that sentence ([] = must stay silent)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from doclint.config import Config
from doclint.document import Document
from doclint.lint import lint_document


def sentence_index(doc: Document, offset: int) -> int:
    for index, sentence in enumerate(doc.structure.sentences):
        if sentence.start <= offset < max(sentence.end, sentence.start + 1):
            return index
    raise AssertionError(f"offset {offset} is in no sentence")


def sidecar_problems(case: Path, compared: Callable[[str], bool]) -> list[str]:
    """Sentences whose rules (of the compared categories) differ from the sidecar, as readable lines."""
    sidecar = yaml.safe_load(case.with_suffix(".yaml").read_text(encoding="utf-8"))
    text = case.read_text(encoding="utf-8")
    doc = Document.from_text(text, name=case.name, doc_type=sidecar.get("doc_type"))
    result = lint_document(doc, Config())
    expected: dict[int, set[str]] = {}
    for entry in sidecar["expect"]:
        position = text.find(entry["text"])
        assert position >= 0, f"{case.name}: sidecar text not in draft: {entry['text']}"
        expected.setdefault(sentence_index(doc, position), set()).update(entry["rules"])
    actual: dict[int, set[str]] = {}
    for finding in result.findings:
        if compared(finding.category):
            assert text[finding.start:finding.end] == finding.excerpt
            actual.setdefault(sentence_index(doc, finding.start), set()).add(finding.rule)
    sentences = doc.structure.sentences
    problems = []
    for index in sorted(set(expected) | set(actual)):
        want, got = expected.get(index, set()), actual.get(index, set())
        if want != got:
            shown = text[sentences[index].start:sentences[index].end]
            problems.append(f"{shown}\n    expected {sorted(want)} got {sorted(got)}")
    return problems
