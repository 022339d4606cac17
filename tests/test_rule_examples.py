"""Every shipped rule proves itself: its flag examples fire it and its pass examples do not."""

from __future__ import annotations

import pytest

from doclint.engine.ruleset import load_rules
from doclint.engine.ruletest import check_rule

RULESET = load_rules()


@pytest.mark.parametrize("rule_id", sorted(RULESET.by_id))
def test_rule_examples(rule_id: str) -> None:
    compiled = RULESET.by_id[rule_id]
    assert len(compiled.rule.examples.flag) >= 3, "a rule needs at least three flag examples"
    assert len(compiled.rule.examples.pass_) >= 3, "a rule needs at least three pass examples"
    failures = check_rule(compiled, RULESET)
    assert not failures, "\n".join(f"[{f.kind}] {f.detail}: {f.text}" for f in failures)


def test_every_rule_documents_itself() -> None:
    for compiled in RULESET.rules:
        rule = compiled.rule
        assert rule.what and rule.why and rule.suggestion and rule.message, rule.id
        if rule.category in {"licensing", "penalty", "coercion", "fee", "obligation", "competition"}:
            assert rule.basis, f"{rule.id} has no legal basis"
