"""The compiled-rule model: a rule with its matchers, and the rule set one run lints with."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from doclint.engine import primitives as p
from doclint.engine.prefilter import TriggerIndex
from doclint.engine.schema import Lexicon, Rule
from doclint.engine.selection import is_selected
from doclint.facts.actors import ActorClassifier
from doclint.reading.vocabulary import Vocabulary
from doclint.text.segment import Segmenter


@dataclass
class CompiledRule:
    rule: Rule
    match: p.Matcher
    unless: p.Matcher | None
    path: str
    basis_labels: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Every finding of the rule carries these; build them once, not per finding.
        self.basis_labels = [basis.label() for basis in self.rule.basis]


@dataclass
class RuleSet:
    rules: list[CompiledRule]
    lexicons: dict[str, Lexicon]
    hash: str
    segmenter: Segmenter
    actors: ActorClassifier
    vocabulary: Vocabulary = field(default_factory=lambda: Vocabulary({}))
    directories: tuple[str, ...] = ()
    by_id: dict[str, CompiledRule] = field(default_factory=dict)
    fallback_ids: frozenset[str] = frozenset()
    _trigger_index: TriggerIndex | None = field(default=None, repr=False, compare=False)
    # (select, ignore) → the rules they leave, so a batch does not re-run selection for every document.
    _selections: dict[tuple[tuple[str, ...], tuple[str, ...]], list[CompiledRule]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # The runner's per-selection plans (runner.plan), keyed by ids of this rule set's own objects.
    plans: dict[tuple[Any, ...], Any] = field(default_factory=dict, repr=False, compare=False)
    # A selection list (held, so its id cannot be reused) and its split by split_suppression.
    _last_split: tuple[list[CompiledRule], list[CompiledRule], list[CompiledRule]] | None = field(
        default=None, repr=False, compare=False
    )

    def __getstate__(self) -> dict[str, Any]:
        # Caches keyed by object ids mean nothing in another process (the snapshot): they start empty there.
        return {**self.__dict__, "plans": {}, "_selections": {}, "_last_split": None}

    def split_suppression(self, rules: list[CompiledRule]) -> tuple[list[CompiledRule], list[CompiledRule]]:
        """(content rules, suppression rules) of a selection, remembered for the last selection split."""
        last = self._last_split
        if last is not None and last[0] is rules:
            return last[1], last[2]
        content = [c for c in rules if c.rule.category != "suppression"]
        suppression = [c for c in rules if c.rule.category == "suppression"]
        self._last_split = (rules, content, suppression)
        return content, suppression

    def select(self, select: list[str], ignore: list[str]) -> list[CompiledRule]:
        """The rules that `select` (empty: all) keeps and `ignore` does not remove, in pack order."""
        key = (tuple(select), tuple(ignore))
        chosen = self._selections.get(key)
        if chosen is None:
            chosen = self._selections[key] = [c for c in self.rules if is_selected(c.rule, select, ignore)]
        return chosen

    def __post_init__(self) -> None:
        self.by_id = {compiled.rule.id: compiled for compiled in self.rules}
        self.fallback_ids = frozenset(c.rule.id for c in self.rules if c.rule.fallback)

    @property
    def trigger_index(self) -> TriggerIndex:
        """Built on first use: deriving triggers reads every regex, which a process may never need."""
        if self._trigger_index is None:
            self._trigger_index = TriggerIndex(self.rules)
        return self._trigger_index
