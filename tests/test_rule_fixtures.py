"""Annotated drafts for the content packs: the whole result per sentence must match the sidecar exactly.

Each `tests/fixtures/rules/NAME.txt` has a `NAME.yaml` beside it (format in tests/sidecar.py). A finding on a
sentence that no entry names fails the test, so a change that adds or loses a finding is seen. Document-level
packs (procedure, form, citation) have fixtures of their own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sidecar import sidecar_problems

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
CASES = sorted(FIXTURES.glob("*.txt"))
DOCUMENT_LEVEL = ("procedure", "form", "citation")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_fixture_findings_match_sidecar(case: Path) -> None:
    problems = sidecar_problems(case, lambda category: category not in DOCUMENT_LEVEL)
    assert not problems, f"{case.name}:\n" + "\n".join(problems)


def test_fixtures_exist() -> None:
    assert {c.stem for c in CASES} >= {"licensing", "penalty", "coercion", "fee", "obligation", "competition",
                                       "ultra_vires", "vague"}
