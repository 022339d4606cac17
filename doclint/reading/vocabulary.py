"""The reading's vocabulary: lexicon terms as regex alternations, and grammar patterns compiled once per rule set.

A grammar pattern names a lexicon as ⟨name⟩; the pattern is compiled on first use with the lexicon's terms in
place (longest first, so 本行政区域内 wins over 本行政区域). Grammar lives in the reading modules, words in
rules/lexicons/: an office that adds a place word or a sanction word edits YAML, not Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from doclint import rx

MARKER = rx.compile(r"⟨([a-z_][a-z0-9_]*)⟩")


@dataclass
class Vocabulary:
    """Lexicon name → its (normalised) terms; patterns built from them on first use and kept."""

    terms: dict[str, tuple[str, ...]]
    _patterns: dict[str, re.Pattern[str]] = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        # A pickled rule set (snapshot) carries the words, not compiled patterns: most checks use few of them.
        return {"terms": self.terms, "_patterns": {}}

    def alternation(self, name: str) -> str:
        words = self.terms.get(name, ())
        if not words:
            return "(?!)"  # a lexicon an office removed matches nothing rather than everything
        # Equal-length words in a fixed order: the same lexicon gives the same pattern text in every process (a
        # set's order changes with the string hash seed), so its compiled form is found in rx's cache. Two
        # different words of one length never both match at one place, so their order changes no match.
        return "(?:" + "|".join(re.escape(w) for w in sorted(sorted(set(words)), key=len, reverse=True)) + ")"

    def pattern(self, template: str) -> re.Pattern[str]:
        """`template` with each ⟨lexicon⟩ replaced by its alternation, compiled once."""
        compiled = self._patterns.get(template)
        if compiled is None:
            compiled = rx.compile(MARKER.sub(lambda m: self.alternation(m.group(1)), template))
            self._patterns[template] = compiled
        return compiled

    def words(self, *names: str) -> frozenset[str]:
        """Every term of the named lexicons (for a matcher's pre-filter triggers)."""
        return frozenset(w for name in names for w in self.terms.get(name, ()))

    def lexicons_of(self, template: str) -> list[str]:
        return MARKER.findall(template)
