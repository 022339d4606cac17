"""Annotated drafts for the citation and form packs: per sentence, exactly the CIT/FRM rules the sidecar names.

Each `tests/fixtures/citation/NAME.txt` has a `NAME.yaml` beside it (format in tests/sidecar.py).
Findings of other categories are ignored here; the rule fixtures own those.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from doclint.config import Config
from doclint.document import Document
from doclint.lint import lint_document
from tests.sidecar import sidecar_problems

FIXTURES = Path(__file__).parent / "fixtures" / "citation"
CASES = sorted(FIXTURES.glob("*.txt"))
OWN_CATEGORIES = ("citation", "form")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_citation_and_form_findings_match_sidecar(case: Path) -> None:
    problems = sidecar_problems(case, lambda category: category in OWN_CATEGORIES)
    assert not problems, f"{case.name}:\n" + "\n".join(problems)


def test_sample_draft_has_citation_and_form_findings() -> None:
    sample = Path(__file__).parent.parent / "samples" / "citation-form-draft.txt"
    doc = Document.from_text(sample.read_text(encoding="utf-8"), name=sample.name)
    rules = {f.rule for f in lint_document(doc, Config()).findings}
    assert {"CIT001", "CIT002", "CIT003", "FRM001", "FRM006", "FRM010"} <= rules
