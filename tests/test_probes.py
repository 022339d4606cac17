"""Clauses of our own wording, item by item of the statutes' lists: each F line is flagged, no P line errs."""

from __future__ import annotations

from pathlib import Path

import pytest

from doclint import lint_text

LEGALITY = {"licensing", "penalty", "coercion", "fee", "obligation", "competition"}
LINES = [line.split("\t", 1) for line in
         (Path(__file__).parent / "fixtures" / "probes" / "legality.tsv").read_text(encoding="utf-8").splitlines()
         if line and not line.startswith("#")]


@pytest.mark.parametrize("sentence", [text for label, text in LINES if label == "F"])
def test_an_unlawful_clause_is_flagged(sentence: str) -> None:
    findings = lint_text(sentence).findings
    assert any(f.category in LEGALITY and f.severity in ("error", "warning") for f in findings), sentence


@pytest.mark.parametrize("sentence", [text for label, text in LINES if label == "P"])
def test_a_lawful_clause_draws_no_error(sentence: str) -> None:
    errors = [f.rule for f in lint_text(sentence).findings if f.severity == "error"]
    assert not errors, (sentence, errors)
