"""The trigger pre-filter: one automaton pass over a text decides which (rule, unit) pairs can match."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any

from doclint.engine import primitives as p

if TYPE_CHECKING:  # annotations only: compiled.py imports this module to build a rule set's index
    from doclint.engine.compiled import CompiledRule

# A gate word found in a text: (its index in TriggerIndex.words, where it starts, where it ends) — the
# automaton's own output, so a scan builds no tuple per hit. The word's clause bits are TriggerIndex.bits[index].
TriggerHit = tuple[int, int, int]
# A rule's gate compiled to bits: (every clause bit it uses, the bits of each of its conjunctions).
RuleGate = tuple[int, tuple[int, ...]]


class TriggerIndex:
    """Every rule's gate (see primitives.Gate) as bits over one automaton of all their words.

    Each distinct clause owns a bit; a word hit carries the bits of every clause that lists the word. A unit
    whose hits' bits cover all bits of one of a rule's conjunctions is a candidate for the rule; rules
    without a gate own no bits and always run. One pass over a text then decides every (rule, unit) pair.
    """

    def __init__(self, rules: list[CompiledRule]) -> None:
        # id(matcher) → its gate, for every matcher of every rule (match and unless trees, roots and parts).
        self.gates: dict[int, RuleGate] = {}
        # The same, by object: ids do not survive pickling (see __getstate__).
        self._gated: list[tuple[p.Matcher, RuleGate]] = []
        self._clause_bits: dict[frozenset[str], int] = {}
        self._masks: dict[str, int] = {}
        for compiled in rules:
            for root in (compiled.match, compiled.unless):
                if root is not None:
                    self._add_tree(root)
        self._finish()

    def _finish(self) -> None:
        masks = self._masks
        self.masks = masks
        self.words = list(masks)
        self.bits = [masks[word] for word in self.words]
        self._automaton: Any = None
        try:
            import ahocorasick_rs
        except ImportError:  # the slower exact fallback in scan() gives the same hits
            return
        if masks:
            # pyahocorasick, used before, searched a node's children one by one, and the root has one child per
            # distinct first character (about 400): every character of a text cost a long scan. A contiguous
            # NFA scans a short draft in ~19 µs (pyahocorasick: 46–64); a DFA would take ~15 µs but 12 ms to
            # build in every process (the snapshot rebuilds it) and 4.5 MB more memory, this one 4 ms and none.
            self._automaton = ahocorasick_rs.AhoCorasick(
                self.words, implementation=ahocorasick_rs.Implementation.ContiguousNFA)

    def __getstate__(self) -> dict[str, Any]:
        # Pickled inside its RuleSet (the snapshot), so the matchers here are the rules' own objects; a new
        # process re-keys the gates by their new ids and rebuilds the automaton (cheaper than unpickling it).
        return {"gated": self._gated, "masks": self._masks}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._gated = state["gated"]
        self._masks = state["masks"]
        self._clause_bits = {}
        self.gates = {id(matcher): gate for matcher, gate in self._gated}
        self._finish()

    def _add_tree(self, matcher: p.Matcher) -> None:
        if id(matcher) in self.gates:
            return
        gate = matcher.gate()
        if gate:
            conjunctions = {self._bits(conjunction) for conjunction in gate}
            any_bits = 0
            for bits in conjunctions:
                any_bits |= bits
            self.gates[id(matcher)] = (any_bits, tuple(sorted(conjunctions)))
            self._gated.append((matcher, self.gates[id(matcher)]))
        for part in matcher.parts():
            self._add_tree(part)

    def _bits(self, conjunction: frozenset[frozenset[str]]) -> int:
        bits = 0
        for clause in conjunction:
            bit = self._clause_bits.get(clause)
            if bit is None:
                bit = self._clause_bits[clause] = 1 << len(self._clause_bits)
                for word in _minimal(clause):
                    self._masks[word] = self._masks.get(word, 0) | bit
            bits |= bit
        return bits

    def gate(self, compiled: CompiledRule) -> RuleGate | None:
        """The rule's gate, or None when it has none (or is not in this rule set): it always runs."""
        return self.gates.get(id(compiled.match))

    def unit_masks(self, text: str, spans: list[tuple[int, int]], hits: list[TriggerHit] | None = None) -> list[int]:
        """For each (start, end), the OR of the clause bits of the words lying wholly inside text[start:end].

        A matcher sees only norm[unit.start:unit.end], so only words inside those bounds count. `hits` is
        scan(text), passed in when several scopes of one document need masks: one pass over the text serves
        them all (it was one automaton pass per unit and per scope).
        """
        if hits is None:
            hits = self.scan(text)
        ends = [hit[2] for hit in hits]
        bits = self.bits
        masks = []
        for start, end in spans:
            # The hits ending inside the span are one run of the list; of those, the ones starting inside.
            mask = 0
            for index, word_start, _ in hits[bisect.bisect_right(ends, start):bisect.bisect_right(ends, end)]:
                if word_start >= start:
                    mask |= bits[index]
            masks.append(mask)
        return masks

    def scan(self, text: str) -> list[TriggerHit]:
        """All occurrences of all gate words, overlapping ones included, sorted by where they end.

        One Aho–Corasick pass; without ahocorasick_rs, str.find for each word (the same hits, slower).
        """
        automaton = self._automaton
        if automaton is not None:
            hits: list[TriggerHit] = automaton.find_matches_as_indexes(text, overlapping=True)
            return hits  # already in order of where they end
        hits = []
        for index, word in enumerate(self.words):
            start = text.find(word)
            while start >= 0:
                hits.append((index, start, start + len(word)))
                start = text.find(word, start + 1)
        hits.sort(key=lambda hit: hit[2])
        return hits


def _minimal(clause: frozenset[str]) -> frozenset[str]:
    """The clause without words that contain another of its words: 应当 adds nothing where 应 is listed (a
    unit holding 应当 holds 应), but every extra word is more hits to collect. Same truth value, fewer hits."""
    return frozenset(word for word in clause
                     if not any(word[i:j] in clause for i in range(len(word)) for j in range(i + 1, len(word) + 1)
                                if j - i < len(word)))
