"""Annotated drafts (Semgrep-style, with a sidecar): the whole result per sentence must match exactly.

Each `tests/fixtures/rules/NAME.txt` has a `NAME.yaml` beside it:

    doc_type: normative          # optional
    expect:
      - text: 处二百元以上一千元以下罚款   # a substring of one sentence
        rules: [PEN001]                 # every rule that must fire on that sentence ([] = must stay silent)

A finding on a sentence that no entry names fails the test, so a change that adds or loses a finding is seen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from doclint.config import Config
from doclint.document import Document
from doclint.lint import lint_document

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
CASES = sorted(FIXTURES.glob("*.txt"))


def sentence_index(doc: Document, offset: int) -> int:
    for index, sentence in enumerate(doc.structure.sentences):
        if sentence.start <= offset < max(sentence.end, sentence.start + 1):
            return index
    raise AssertionError(f"offset {offset} is in no sentence")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_fixture_findings_match_sidecar(case: Path) -> None:
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
        if finding.category in ("procedure", "form", "citation"):
            continue  # document-level packs have their own fixtures
        actual.setdefault(sentence_index(doc, finding.start), set()).add(finding.rule)
    sentences = doc.structure.sentences
    problems = []
    for index in sorted(set(expected) | set(actual)):
        want, got = expected.get(index, set()), actual.get(index, set())
        if want != got:
            shown = text[sentences[index].start:sentences[index].end]
            problems.append(f"{shown}\n    expected {sorted(want)} got {sorted(got)}")
    assert not problems, f"{case.name}:\n" + "\n".join(problems)


def test_fixtures_exist() -> None:
    assert CASES, "no rule fixtures found"
