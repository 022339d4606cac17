"""Runs every rule's own examples: each `flag` example must fire the rule, each `pass` example must not."""

from __future__ import annotations

from dataclasses import dataclass

from doclint.document import Document
from doclint.engine.ruleset import CompiledRule, RuleSet
from doclint.engine.runner import run_rules


@dataclass(frozen=True)
class ExampleFailure:
    rule: str
    kind: str  # flag | pass
    text: str
    detail: str


def example_findings(compiled: CompiledRule, ruleset: RuleSet, text: str, doc_type: str) -> list[str]:
    from doclint.lint import compute_facts, lint_document

    doc = Document.from_text(text, name=f"<{compiled.rule.id} example>", doc_type=doc_type)
    if compiled.rule.category == "suppression":
        # Whether a directive suppresses anything depends on every other rule: run the whole pipeline.
        return [f.excerpt for f in lint_document(doc, ruleset=ruleset).findings if f.rule == compiled.rule.id]
    # Examples get their facts from the same extraction as real drafts, so fact-reading rules are tested too.
    compute_facts(doc)
    return [f.excerpt for f in run_rules(doc, ruleset, [compiled])]


def check_rule(compiled: CompiledRule, ruleset: RuleSet) -> list[ExampleFailure]:
    failures = []
    rule = compiled.rule
    for example in rule.examples.flag:
        if not example_findings(compiled, ruleset, example.text, example.doc_type):
            failures.append(ExampleFailure(rule.id, "flag", example.text, "应当命中，但没有命中"))
    for example in rule.examples.pass_:
        hits = example_findings(compiled, ruleset, example.text, example.doc_type)
        if hits:
            failures.append(ExampleFailure(rule.id, "pass", example.text, f"不应命中，但命中了「{'、'.join(hits)}」"))
    return failures


def check_rules(ruleset: RuleSet, rules: list[CompiledRule] | None = None) -> list[ExampleFailure]:
    failures: list[ExampleFailure] = []
    for compiled in rules if rules is not None else ruleset.rules:
        failures.extend(check_rule(compiled, ruleset))
    return failures
