"""The trigger pre-filter changes speed, never findings: both paths of run_rules agree on every text we have.

Texts: every rule's flag and pass examples (with all rules run on each, not just the owner), the sample
drafts in samples/, the annotated fixtures in tests/fixtures/rules/, and drafts stitched from examples of
many rules so that several rules meet in one document.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from doclint.document import Document
from doclint.engine import primitives as p
from doclint.engine import runner
from doclint.engine.primitives import regex_triggers
from doclint.engine.ruleset import RuleSet, load_rules
from doclint.engine.runner import run_rules
from doclint.lint import compute_facts
from doclint.readers import read_path

ROOT = Path(__file__).resolve().parent.parent
RULESET = load_rules()


def example_texts() -> list[tuple[str, str | None]]:
    texts: list[tuple[str, str | None]] = []
    for compiled in RULESET.rules:
        examples = compiled.rule.examples
        for example in [*examples.flag, *examples.pass_]:
            texts.append((example.text, example.doc_type))
    return texts


def file_texts() -> list[tuple[str, str]]:
    paths = sorted((ROOT / "samples").rglob("*.txt")) + sorted((ROOT / "samples").glob("*.docx"))
    paths += sorted((ROOT / "tests" / "fixtures" / "rules").glob("*.txt"))
    return [(str(path.relative_to(ROOT)), read_path(path).text) for path in paths]


def stitched_drafts(count: int) -> list[str]:
    """Drafts of 20–40 articles, each made of examples of different rules: rules meet and overlap."""
    rng = random.Random(9)
    pool = [text for text, _ in example_texts()]
    drafts = []
    for _ in range(count):
        articles = [f"第{index + 1}条　" + "".join(rng.sample(pool, rng.randint(1, 3)))
                    for index in range(rng.randint(20, 40))]
        drafts.append("关于规范某某事项的通知\n某市规〔2025〕3号\n\n" + "\n".join(articles) + "\n")
    return drafts


def findings(text: str, doc_type: str | None, ruleset: RuleSet, prefilter: bool) -> list[dict[str, Any]]:
    doc = Document.from_text(text, name="<prefilter>", doc_type=doc_type)
    compute_facts(doc)
    rules = [c for c in ruleset.rules if c.rule.category != "suppression"]
    return [f.model_dump() for f in run_rules(doc, ruleset, rules, prefilter=prefilter)]


def assert_same(text: str, doc_type: str | None, label: str) -> None:
    fast = findings(text, doc_type, RULESET, prefilter=True)
    full = findings(text, doc_type, RULESET, prefilter=False)
    assert fast == full, f"{label}: pre-filtered findings differ from the exhaustive run"


def test_rule_examples_same_with_and_without_prefilter() -> None:
    texts = example_texts()
    assert len(texts) > 400
    for index, (text, doc_type) in enumerate(texts):
        assert_same(text, doc_type, f"example #{index}: {text}")


@pytest.mark.parametrize(("name", "text"), file_texts(), ids=lambda value: str(value)[:40])
def test_sample_and_fixture_drafts_same_with_and_without_prefilter(name: str, text: str) -> None:
    for doc_type in (None, "normative"):
        assert_same(text, doc_type, name)


def test_stitched_drafts_same_with_and_without_prefilter() -> None:
    for index, text in enumerate(stitched_drafts(12)):
        assert_same(text, "normative", f"stitched draft #{index}")
        # Traditional characters and full-width forms are matched on the normalised twin, triggers too.
        assert_same(text.replace("应当", "應當").replace("罚款", "罰款").replace("1", "１"), "normative",
                    f"stitched draft #{index}, traditional")


def test_prefilter_skips_most_rule_evaluations() -> None:
    """The point of the pre-filter: most rules declare triggers, so most (rule, unit) pairs are skipped."""
    index = RULESET.trigger_index
    with_gates = [c for c in RULESET.rules if index.gate(c) is not None]
    assert len(with_gates) >= len(RULESET.rules) // 2


def test_a_rule_whose_words_are_nowhere_in_the_document_is_never_walked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Before any per-unit work, a gated rule is dropped when no conjunction of its gate has all its words
    anywhere in the text; only the rest reach the walk over units (gated_units)."""
    walked: list[Any] = []
    real_walk = runner.gated_units

    def counting_walk(*args: Any) -> Any:
        walked.append(args[3])
        return real_walk(*args)

    monkeypatch.setattr(runner, "gated_units", counting_walk)
    doc = Document.from_text("关于做好春季植树工作的通知\n各单位应当于3月31日前报送植树计划。\n", name="<walk>")
    compute_facts(doc)
    run_rules(doc, RULESET, [c for c in RULESET.rules if c.rule.category != "suppression"])
    index = RULESET.trigger_index
    [whole] = index.unit_masks(doc.norm, [(0, len(doc.norm))])
    gated = [c for c in RULESET.rules if index.gate(c) is not None]
    assert walked, "a rule whose words the text holds is walked"
    assert all(p.gate_admits(whole, gate) for gate in walked)
    assert len(walked) < len(gated) // 4


def _regexes(matcher: p.Matcher) -> list[p.RegexMatcher]:
    if isinstance(matcher, p.RegexMatcher):
        return [matcher]
    children: list[p.Matcher] = []
    if isinstance(matcher, (p.AllMatcher, p.AnyMatcher)):
        children = matcher.children
    elif isinstance(matcher, p.NearMatcher):
        children = [matcher.a, matcher.b]
    elif isinstance(matcher, p.NotMatcher):
        children = [matcher.child]
    return [found for child in children for found in _regexes(child)]


def test_every_regex_match_contains_one_of_its_triggers() -> None:
    """Stronger than the pre-filter needs: the derived literal lies inside every non-empty match."""
    from doclint.text.normalise import normalise

    texts = [normalise(text) for text, _ in example_texts()] + [normalise(text) for _, text in file_texts()]
    matchers = [m for c in RULESET.rules for root in (c.match, c.unless) if root for m in _regexes(root)]
    checked = 0
    for matcher in matchers:
        words = matcher.triggers()
        if words is None:
            continue
        for text in texts:
            for found in matcher.pattern.finditer(text):
                if found.end() > found.start():
                    checked += 1
                    assert any(word in found.group(0) for word in words), (matcher.source, found.group(0))
    assert checked > 500


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"处(?:以)?\S{0,12}?罚款", {"罚款"}),
        (r"(?:责令|要求)(?:停产|停业)", {"责令停产", "责令停业", "要求停产", "要求停业"}),
        (r"处(?:以)?罚款", {"处罚款", "处以罚款"}),
        (r"(?:罚款|\d+元)", {"罚款", "元"}),
        (r"吊销\S{0,6}?(?:许可证|执照)", {"吊销"}),  # of two necessary sets, the one with fewer words
        (r"^第.条$", {"第"}),
        (r"(?:押金)+", {"押金"}),
        (r"[收缴]取", {"收取", "缴取"}),
        (r"(罚)\1?\S", {"罚"}),  # the backreference is optional, the group's literal is not
    ],
)
def test_regex_triggers_are_necessary_literals(pattern: str, expected: set[str]) -> None:
    assert regex_triggers(pattern) == frozenset(expected)


@pytest.mark.parametrize(
    "pattern",
    [
        r"\S+",                  # nothing literal
        r"(?:罚款)?\S",           # the literal is optional
        r"罚款|\S",               # one branch has no literal
        r"(?i)fine",             # case-insensitive: literals do not say what must occur
        r"(?:罚款){e<=1}",        # fuzzy matching in the regex module: 罚 alone may match
        r"[[:alpha:]]款",         # a POSIX class to the regex module, a nested set to the stdlib parser
        r"\K罚款",                # regex-module syntax the stdlib parser does not know
        r"(?(1)罚款|\S)",         # conditional
    ],
)
def test_regex_triggers_decline_when_unsafe(pattern: str) -> None:
    assert regex_triggers(pattern) is None


def test_unit_masks_without_the_automaton_are_the_same() -> None:
    """Without ahocorasick_rs the exact str.find fallback must give the very same masks."""
    from doclint.engine.ruleset import TriggerIndex

    with_automaton = TriggerIndex(RULESET.rules)
    fallback = TriggerIndex(RULESET.rules)
    fallback._automaton = None
    for _, text in [*file_texts(), *(("", draft) for draft in stitched_drafts(3))]:
        doc = Document.from_text(text, name="<masks>")
        for spans in ([(s.start, s.end) for s in doc.structure.sentences],
                      [(c.start, c.end) for c in doc.structure.clauses], [(0, len(doc.norm)), (5, 5)]):
            assert with_automaton.unit_masks(doc.norm, spans) == fallback.unit_masks(doc.norm, spans)


def test_a_detector_that_declares_triggers_is_prefiltered_without_changing_findings(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """doc-number hits always contain 号: declared, the FRM001 rule gets a gate and the same findings."""
    from doclint.checks import load_detectors
    from doclint.engine.ruleset import bundled_rules_dir, compile_rules

    detector = load_detectors()["form.doc-number-format"]
    monkeypatch.setattr(detector, "triggers", frozenset({"号"}), raising=False)
    ruleset = compile_rules((str(bundled_rules_dir()),))
    assert ruleset.trigger_index.gate(ruleset.by_id["FRM001"]) is not None
    texts = [text for _, text in file_texts()] + stitched_drafts(3) + ["某市规[2025]3号\n第一条　本办法自公布之日起施行。\n"]
    seen = 0
    for text in texts:
        fast = findings(text, None, ruleset, prefilter=True)
        assert fast == findings(text, None, ruleset, prefilter=False)
        seen += sum(1 for finding in fast if finding["rule"] == "FRM001")
    assert seen
