"""docs/rules.md is generated from the rules and must be up to date."""

from __future__ import annotations

from pathlib import Path

from doclint.engine.ruleset import load_rules
from doclint.report.catalogue import render_catalogue

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_catalogue_is_up_to_date() -> None:
    expected = render_catalogue(load_rules())
    assert DOCS.read_text(encoding="utf-8") == expected, "run: doclint rules docs --output docs/rules.md"


def test_catalogue_lists_every_rule_with_its_basis() -> None:
    text = render_catalogue(load_rules())
    for compiled in load_rules().rules:
        assert f"### {compiled.rule.id} `{compiled.rule.name}`" in text
    assert "《中华人民共和国行政处罚法》第十六条" in text
