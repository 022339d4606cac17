"""Shipped precedents (issue 18 point 10): public corrections of a rule's kind of clause, stated as facts."""

from __future__ import annotations

import datetime as dt

from doclint.engine.ruleset import load_rules


def test_shipped_precedents_name_authority_year_finding_and_source() -> None:
    rules = [compiled.rule for compiled in load_rules(()).rules]
    carrying = {rule.id: rule.precedents for rule in rules if rule.precedents}
    # The kinds that authorities corrected in public: relatives, status bans, disguised sanctions and licences,
    # and the competition items.
    assert {"OBL001", "OBL009", "PEN003", "LIC002", "COM002", "COM005"} <= set(carrying)
    for rule_id, precedents in carrying.items():
        for precedent in precedents:
            assert 2000 <= precedent.year <= dt.date.today().year, rule_id
            assert precedent.authority and precedent.source, rule_id
            # One line each, in the project's own words: a summary, not a pasted passage.
            assert "\n" not in precedent.found and len(precedent.found) <= 120, rule_id
            assert precedent.label().startswith(f"{precedent.authority}（{precedent.year}年）："), rule_id
