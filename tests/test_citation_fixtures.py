"""Annotated drafts for the citation and form packs: per sentence, exactly the CIT/FRM rules the sidecar names.

Each `tests/fixtures/citation/NAME.txt` has a `NAME.yaml` beside it (same format as tests/fixtures/rules).
Findings of other categories are ignored here; the rule fixtures own those.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from doclint.config import Config
from doclint.document import Document
from doclint.lint import lint_document

FIXTURES = Path(__file__).parent / "fixtures" / "citation"
CASES = sorted(FIXTURES.glob("*.txt"))
OWN_CATEGORIES = ("citation", "form")


def sentence_index(doc: Document, offset: int) -> int:
    for index, sentence in enumerate(doc.structure.sentences):
        if sentence.start <= offset < max(sentence.end, sentence.start + 1):
            return index
    raise AssertionError(f"offset {offset} is in no sentence")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_citation_and_form_findings_match_sidecar(case: Path) -> None:
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
        if finding.category in OWN_CATEGORIES:
            assert text[finding.start:finding.end] == finding.excerpt
            actual.setdefault(sentence_index(doc, finding.start), set()).add(finding.rule)
    sentences = doc.structure.sentences
    problems = []
    for index in sorted(set(expected) | set(actual)):
        want, got = expected.get(index, set()), actual.get(index, set())
        if want != got:
            shown = text[sentences[index].start:sentences[index].end]
            problems.append(f"{shown}\n    expected {sorted(want)} got {sorted(got)}")
    assert not problems, f"{case.name}:\n" + "\n".join(problems)


def test_sample_draft_has_citation_and_form_findings() -> None:
    sample = Path(__file__).parent.parent / "samples" / "citation-form-draft.txt"
    doc = Document.from_text(sample.read_text(encoding="utf-8"), name=sample.name)
    rules = {f.rule for f in lint_document(doc, Config()).findings}
    assert {"CIT001", "CIT002", "CIT003", "FRM001", "FRM006", "FRM010"} <= rules
