"""Compiled matchers for each primitive and combinator. A result is None (no match) or a list of hits.

Each matcher also states its *triggers*: literal strings at least one of which must occur inside a unit for
the matcher to match there. The runner's pre-filter looks for every rule's triggers in one pass over the
text and evaluates a rule only on units that contain one; a matcher that cannot tell returns None and its
rule runs everywhere. A trigger set must never be wrong: a missing alternative would lose findings.
"""

from __future__ import annotations

import functools
import importlib
import operator
import re
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import regex

from doclint.engine.detector import Hit, find_detector
from doclint.facts.actors import MODAL
from doclint.facts.citations import basis_cites_law, cites_higher_law

if TYPE_CHECKING:
    from doclint.document import Document
    from doclint.engine.compiled import RuleSet
    from doclint.reading.vocabulary import Vocabulary

# A rule regex gets this long per unit before it is stopped: a pathological pattern must not hang a batch.
REGEX_TIMEOUT_SECONDS = 1.0


class RuleTimeout(Exception):
    """A rule's regex ran past its time limit on some unit."""


# Slots, not frozen: see text.structure.Span.
@dataclass(slots=True, unsafe_hash=True)
class Unit:
    """A span that a rule is evaluated on, with the enclosing full sentence (for citations)."""

    start: int
    end: int
    full_start: int
    full_end: int


Result = list[Hit] | None


def gate_admits(mask: int, gate: tuple[int, tuple[int, ...]]) -> bool:
    """Whether the words whose clause bits make up `mask` (a unit's, or a whole document's) satisfy one of
    the gate's conjunctions: (every clause bit the gate uses, the bits of each conjunction)."""
    if not mask & gate[0]:
        return False
    for bits in gate[1]:  # noqa: SIM110 (a loop, not any(<generator>): this runs for every gated matcher and unit)
        if mask & bits == bits:
            return True
    return False


@dataclass
class Context:
    doc: Document
    ruleset: RuleSet
    # Set by the pre-filtering runner: the gate bits of the words in the current unit, and every matcher's
    # gate (TriggerIndex). A combinator skips a child whose gate the unit fails: it could not match there.
    mask: int | None = None
    gates: dict[int, tuple[int, tuple[int, ...]]] | None = None

    def admits(self, matcher: Matcher) -> bool:
        """False only when the matcher's gate proves it cannot match in the current unit."""
        if self.mask is None or self.gates is None:
            return True
        gate = self.gates.get(id(matcher))
        return gate is None or gate_admits(self.mask, gate)

    def run(self, matcher: Matcher, unit: Unit) -> Result:
        """matcher.match, or None at once when its gate rules a match out."""
        return matcher.match(self, unit) if self.admits(matcher) else None


class Matcher:
    """Base class: `match` returns None when the condition fails, else the hits (possibly none)."""

    def match(self, ctx: Context, unit: Unit) -> Result:
        raise NotImplementedError

    def triggers(self) -> frozenset[str] | None:
        """Literal strings at least one of which must occur for a match; None when unknown."""
        return None

    def gate(self) -> Gate | None:
        """Literal conditions a unit must meet for a match (see Gate); None when unknown. Default: triggers()."""
        return gate_of(self.triggers())

    def parts(self) -> list[Matcher]:
        """The matchers this one combines (none for a primitive)."""
        return []

    def spans(self, ctx: Context) -> list[tuple[int, int]] | None:
        """This document's spans one of which must lie inside a unit for a match; None when unknown.

        "Inside" as CheckMatcher counts it: unit.start <= start and end <= max(unit.end, unit.start + 1).
        """
        return None


# Finite literal sets are expanded up to this many alternatives (处(?:以)?罚款 → 处罚款, 处以罚款).
_MAX_ALTERNATIVES = 64
# A `{` that is not a counted repeat is fuzzy matching or a literal to the `regex` module, which the stdlib
# parser (used to read the pattern) would take as plain text: such patterns declare no triggers.
_COUNTED_REPEAT = re.compile(r"\{\d*(?:,\d*)?\}")


def _sre(name: str) -> Any:
    """The standard library's regex parser (re._parser, re._constants): untyped, imported on first use."""
    return importlib.import_module(f"re.{name}")


def best_triggers(candidates: Iterable[frozenset[str] | None]) -> frozenset[str] | None:
    """Of several trigger sets that are *each* necessary, the most selective: longest shortest word, fewest words."""
    known = [c for c in candidates if c]
    if not known:
        return None
    return max(known, key=lambda c: (min(len(word) for word in c), -len(c)))


def _finite(items: Any) -> set[str] | None:
    """Every string the sequence can match, when that is a small set of literals; else None."""
    c = _sre("_constants")
    out = {""}
    for op, av in items:
        options: set[str] | None
        if op is c.LITERAL:
            options = {chr(av)}
        elif op is c.AT:
            options = {""}  # an anchor consumes nothing
        elif op is c.IN:
            options = set()
            for item_op, item_av in av:
                if item_op is not c.LITERAL:
                    return None
                options.add(chr(item_av))
        elif op is c.SUBPATTERN:
            _, add_flags, _, sub = av
            options = None if add_flags & re.IGNORECASE else _finite(sub)
        elif op is c.BRANCH:
            options = set()
            for branch in av[1]:
                found = _finite(branch)
                if found is None:
                    return None
                options |= found
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, high, sub = av
            once = _finite(sub)
            if once is None or high > 3:
                return None
            options = set()
            for count in range(low, high + 1):
                repeated = {""}
                for _ in range(count):
                    repeated = {a + b for a in repeated for b in once}
                options |= repeated
        else:
            return None
        if options is None or len(out) * len(options) > _MAX_ALTERNATIVES:
            return None
        out = {a + b for a in out for b in options}
    return out


def _required(items: Any) -> list[frozenset[str]]:
    """Clauses the sequence's every match satisfies: each clause is a set of literals, one of which it contains."""
    c = _sre("_constants")
    clauses: list[frozenset[str]] = []
    run: set[str] = {""}  # the contiguous literal stretch being read, as its alternatives

    def flush() -> None:
        nonlocal run
        if "" not in run:
            clauses.append(frozenset(run))
        run = {""}

    for op, av in items:
        options = _finite([(op, av)])
        if options is not None:
            if len(run) * len(options) <= _MAX_ALTERNATIVES:
                run = {a + b for a in run for b in options}
                continue
            flush()
            run = options
            continue
        flush()
        if op is c.SUBPATTERN:
            _, add_flags, _, sub = av
            if not add_flags & re.IGNORECASE:
                clauses.extend(_required(sub))
        elif op is c.ATOMIC_GROUP:
            clauses.extend(_required(av))
        elif op is c.BRANCH:
            # Whichever branch matched, its best clause holds: their union is a clause of the whole.
            branches = [best_triggers(_required(branch)) for branch in av[1]]
            if all(branches):
                clauses.append(frozenset().union(*(b for b in branches if b)))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            clauses.extend(_required(av[2]))
        # Anything else (classes, lookarounds, backreferences, conditionals) just ends the literal stretch.
    flush()
    return clauses


def regex_clauses(pattern: str) -> list[frozenset[str]]:
    """Literal clauses every non-empty match of `pattern` satisfies (all of them); [] when none can be derived.

    The pattern is read with the standard library's parser. It understands the syntax rules use; where the
    `regex` module means something else (fuzzy `{e<=1}`, POSIX classes, \\K, \\p{…}…) the parser fails or
    warns, or the `{` guard above catches it, and the rule simply runs on every unit.
    """
    if "{" in _COUNTED_REPEAT.sub("", pattern):
        return []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "possible nested set" and the like: regex reads it differently
            parsed = _sre("_parser").parse(pattern)
    except (re.error, Warning, RecursionError, OverflowError, ValueError):
        return []
    if parsed.state.flags & re.IGNORECASE:
        return []
    return list(dict.fromkeys(_required(parsed)))


@functools.lru_cache(maxsize=8)
def _modal_triggers(pattern: str) -> frozenset[str] | None:
    return regex_triggers(pattern)


def regex_triggers(pattern: str) -> frozenset[str] | None:
    """Literals one of which must occur in any non-empty match of `pattern`; None when none can be derived."""
    return best_triggers(regex_clauses(pattern))


# A gate says where a matcher can match at all, as literals: it passes a unit when, for at least one of its
# conjunctions, every clause of that conjunction has one of its words inside the unit (OR of ANDs of ORs).
Clause = frozenset[str]
Conjunction = frozenset[Clause]
Gate = frozenset[Conjunction]
# Conjunctions kept when combining gates (all: the product of the children's); beyond that, fewer children count.
_MAX_CONJUNCTIONS = 16


def gate_of(words: frozenset[str] | None) -> Gate | None:
    return None if not words else frozenset({frozenset({words})})


def gate_and(gates: Iterable[Gate | None]) -> Gate | None:
    """Every gate must pass: the product of their conjunctions (gates that would make it too large are left out)."""
    result: Gate | None = None
    for gate in gates:
        if gate is None:
            continue
        if result is None:
            result = gate
            continue
        product = frozenset(left | right for left in result for right in gate)
        if len(product) <= _MAX_CONJUNCTIONS:
            result = product
    return result


def gate_or(gates: Iterable[Gate | None]) -> Gate | None:
    """Any gate may pass: the union of their conjunctions, unknown when any of them is."""
    conjunctions: set[Conjunction] = set()
    for gate in gates:
        if gate is None:
            return None
        conjunctions |= gate
    return frozenset(conjunctions) if conjunctions else None


class RegexMatcher(Matcher):
    """A `regex` (V0) pattern over the unit's normalised text.

    `known` carries what an earlier process already established for this exact pattern (see ruleset's
    PatternCache): that it compiles, and its literal clauses. Such a pattern is compiled on first use
    only — a check whose pre-filter never reaches the rule never pays for it. An unknown pattern is
    compiled at once, so an invalid one fails while the rules load, naming its rule.
    """

    def __init__(self, pattern: str, known: list[frozenset[str]] | None = None) -> None:
        self.source = pattern
        self._compiled: Any = None if known is not None else regex.compile(pattern, regex.V0)
        self._clause_list: list[frozenset[str]] = known or []
        # Reading the pattern for its clauses costs as much as compiling it: on first use, unless known.
        self._derived = known is not None

    @property
    def pattern(self) -> Any:
        if self._compiled is None:
            self._compiled = regex.compile(self.source, regex.V0)
        return self._compiled

    def __getstate__(self) -> dict[str, Any]:
        # A pickled rule set (ruleset snapshot) keeps the source, not the compiled pattern: unpickling a
        # pattern compiles it, and most of a check's patterns are never reached.
        return {**self.__dict__, "_compiled": None}

    def triggers(self) -> frozenset[str] | None:
        return best_triggers(self.clauses())

    def gate(self) -> Gate | None:
        clauses = self.clauses()
        return frozenset({frozenset(clauses)}) if clauses else None

    def clauses(self) -> list[frozenset[str]]:
        if not self._derived:
            self._clause_list = regex_clauses(self.source)
            self._derived = True
        return self._clause_list

    def match(self, ctx: Context, unit: Unit) -> Result:
        text = ctx.doc.norm[unit.start:unit.end]
        hits = []
        pattern = self.pattern
        named = bool(pattern.groupindex)  # most rule regexes name no group: no dict to read per match
        try:
            for found in pattern.finditer(text, timeout=REGEX_TIMEOUT_SECONDS):
                if found.end() == found.start():
                    continue
                groups = {
                    name: ctx.doc.source[unit.start + found.start(name):unit.start + found.end(name)]
                    for name, value in found.groupdict().items()
                    if value is not None
                } if named else {}
                hits.append(Hit(unit.start + found.start(), unit.start + found.end(), groups))
        except TimeoutError:
            raise RuleTimeout(self.source) from None
        return hits or None


class TermsMatcher(Matcher):
    """Any occurrence of a literal term (longest first), no segmentation."""

    def __init__(self, terms: list[str]) -> None:
        self.terms = sorted(set(terms), key=len, reverse=True)
        self._pattern: Any = None

    @property
    def pattern(self) -> Any:
        if self._pattern is None:  # on first use: most rules never reach their terms on a given draft
            self._pattern = regex.compile("|".join(regex.escape(t) for t in self.terms))
        return self._pattern

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_pattern": None}

    def match(self, ctx: Context, unit: Unit) -> Result:
        hits = [Hit(m.start(), m.end()) for m in self.pattern.finditer(ctx.doc.norm, unit.start, unit.end)]
        return hits or None

    def triggers(self) -> frozenset[str] | None:
        return frozenset(self.terms)


class WordsMatcher(Matcher):
    """A term that stands as whole jieba tokens: 罚款 in 处以罚款, not in 罚款项目 merged into one word."""

    def __init__(self, terms: list[str]) -> None:
        self.terms = frozenset(terms)
        self._substring: Any = None

    @property
    def substring(self) -> Any:
        if self._substring is None:
            self._substring = regex.compile(
                "|".join(regex.escape(t) for t in sorted(self.terms, key=len, reverse=True)))
        return self._substring

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_substring": None}

    def match(self, ctx: Context, unit: Unit) -> Result:
        norm = ctx.doc.norm
        if not self.substring.search(norm, unit.start, unit.end):
            return None
        tokens = segment_unit(ctx, unit)
        hits = []
        for index, (_, start, _) in enumerate(tokens):
            joined = ""
            for _, _, end in tokens[index:index + 4]:
                joined = norm[start:end]
                if joined in self.terms:
                    hits.append(Hit(start, end))
                    break
                if len(joined) >= 12:
                    break
        return hits or None

    def triggers(self) -> frozenset[str] | None:
        return self.terms


def segment_unit(ctx: Context, unit: Unit) -> list[tuple[str, int, int]]:
    """Tokens of the unit's full sentence (cached per document), with absolute offsets, clipped to the unit."""
    key = ("tokens", unit.full_start, unit.full_end)
    tokens = ctx.doc.cache.get(key)
    if tokens is None:
        text = ctx.doc.norm[unit.full_start:unit.full_end]
        tokens = [(w, unit.full_start + s, unit.full_start + e) for w, s, e in ctx.ruleset.segmenter.tokens(text)]
        ctx.doc.cache[key] = tokens
    return [t for t in tokens if t[1] >= unit.start and t[2] <= unit.end]


class NearMatcher(Matcher):
    def __init__(self, a: Matcher, b: Matcher, within: int, ordered: bool) -> None:
        self.a, self.b, self.within, self.ordered = a, b, within, ordered

    def match(self, ctx: Context, unit: Unit) -> Result:
        hits_a = ctx.run(self.a, unit)
        if not hits_a:
            return None
        hits_b = ctx.run(self.b, unit)
        if not hits_b:
            return None
        pairs = []
        for ha in hits_a:
            for hb in hits_b:
                if self.ordered and hb.start < ha.end:
                    continue
                gap = max(hb.start - ha.end, ha.start - hb.end, 0)
                if gap <= self.within:
                    pairs.append(Hit(min(ha.start, hb.start), max(ha.end, hb.end), {**ha.groups, **hb.groups}))
        return pairs or None

    def triggers(self) -> frozenset[str] | None:
        # Both sides must match inside the unit, so either side's triggers are necessary.
        return best_triggers((self.a.triggers(), self.b.triggers()))

    def gate(self) -> Gate | None:
        return gate_and((self.a.gate(), self.b.gate()))

    def parts(self) -> list[Matcher]:
        return [self.a, self.b]


class CitesLawMatcher(Matcher):
    """True when the full sentence up to the unit's end cites higher law (a citation earlier still governs)."""

    def __init__(self, value: bool | str) -> None:
        self.expect = value is not False
        self.allow_bare = value is True or value is False

    def match(self, ctx: Context, unit: Unit) -> Result:
        text = ctx.doc.norm[unit.full_start:max(unit.end, unit.full_start)]
        found = cites_higher_law(text, allow_bare=self.allow_bare, own_title=ctx.doc.structure.title)
        return [] if found == self.expect else None


class BasisCitesLawMatcher(Matcher):
    """True when the document's statement of basis (preamble or 第一条) names higher law; computed once."""

    def __init__(self, expect: bool) -> None:
        self.expect = expect

    def match(self, ctx: Context, unit: Unit) -> Result:
        found = ctx.doc.cache.get("basis_cites_law")
        if found is None:
            structure = ctx.doc.structure
            paragraphs = [(p.start, p.end) for p in structure.paragraphs]
            first = next(((a.start, a.end) for a in structure.articles if a.number == 1), None)
            found = basis_cites_law(ctx.doc.norm, paragraphs, first, structure.title)
            ctx.doc.cache["basis_cites_law"] = found
        return [] if found == self.expect else None


class ActorMatcher(Matcher):
    """Hits on each duty word (应当、不得…) whose bearer is of the given kind."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def match(self, ctx: Context, unit: Unit) -> Result:
        key = ("duties", unit.start, unit.end)
        duties = ctx.doc.cache.get(key)
        if duties is None:
            duties = ctx.ruleset.actors.duties(ctx.doc.norm, unit.start, unit.end, unit.full_start)
            ctx.doc.cache[key] = duties
        hits = [Hit(d.modal_start, d.modal_end, {"actor": d.actor_text}) for d in duties if d.actor == self.kind]
        return hits or None

    def triggers(self) -> frozenset[str] | None:
        # A duty is a MODAL match inside the unit (ActorClassifier.duties), so MODAL's literals are necessary.
        return _modal_triggers(MODAL.pattern)


OPERATORS = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt,
             ">=": operator.ge}


class FactMatcher(Matcher):
    """`procedure.public_consultation == false`: compares a document fact with a YAML scalar."""

    def __init__(self, expression: str) -> None:
        parts = expression.split()
        if len(parts) == 1:
            self.path, self.op, self.value = parts[0], "truthy", None
        elif len(parts) == 3 and parts[1] in OPERATORS:
            import yaml  # only while compiling rules: a rule set loaded from its snapshot never needs it

            self.path, self.op = parts[0], parts[1]
            self.value = yaml.safe_load(parts[2])
        else:
            raise ValueError(f"无法解析的 fact 表达式「{expression}」（应为「路径 运算符 值」）")

    @functools.cached_property
    def keys(self) -> tuple[str, ...]:
        return tuple(self.path.split("."))  # split once, not on every document

    def lookup(self, facts: dict[str, Any]) -> Any:
        value: Any = facts
        for key in self.keys:
            if not isinstance(value, dict):
                return None
            value = value.get(key)
        return value

    def match(self, ctx: Context, unit: Unit) -> Result:
        actual = self.lookup(ctx.doc.facts)
        if self.op == "truthy":
            return [] if actual else None
        if self.op in ("<", "<=", ">", ">=") and (actual is None or self.value is None):
            return None
        compare: Any = OPERATORS[self.op]
        try:
            return [] if compare(actual, self.value) else None
        except TypeError:
            return None


class CheckMatcher(Matcher):
    """Hits of a named document-level detector (doclint.checks) that fall inside the unit.

    A detector may declare `triggers` (a function attribute: literals one of which lies inside every hit it
    returns); its rules are then pre-filtered like any other, and the detector runs only on documents that
    contain one. Without it, the rule runs on the units its hits fall in (spans), after the detector ran.
    """

    def __init__(self, name: str, detector: Callable[[Document], list[Hit]]) -> None:
        self.name = name
        self._detector: Callable[[Document], list[Hit]] | None = detector

    @property
    def detector(self) -> Callable[[Document], list[Hit]]:
        if self._detector is None:
            self._detector = find_detector(self.name)
        return self._detector

    def __getstate__(self) -> dict[str, Any]:
        # Pickled by name (detectors may be closures); resolved, and its module imported, on first use.
        return {**self.__dict__, "_detector": None}

    def triggers(self) -> frozenset[str] | None:
        declared = getattr(self.detector, "triggers", None)
        return frozenset(declared) if declared else None

    @functools.cached_property
    def cache_key(self) -> tuple[str, str]:
        return ("check", self.name)

    def hits(self, ctx: Context) -> list[Hit]:
        key = self.cache_key
        hits: list[Hit] | None = ctx.doc.cache.get(key)
        if hits is None:
            hits = self.detector(ctx.doc)
            ctx.doc.cache[key] = hits
        return hits

    def match(self, ctx: Context, unit: Unit) -> Result:
        inside = [hit for hit in self.hits(ctx)
                  if unit.start <= hit.start and hit.end <= max(unit.end, unit.start + 1)]
        return inside or None

    def spans(self, ctx: Context) -> list[tuple[int, int]] | None:
        # The detector runs once per document anyway; its hits say exactly which units can match.
        return [(hit.start, hit.end) for hit in self.hits(ctx)]


class AllMatcher(Matcher):
    def __init__(self, children: list[Matcher]) -> None:
        self.children = children

    def match(self, ctx: Context, unit: Unit) -> Result:
        hits: list[Hit] = []
        for child in self.children:
            result = ctx.run(child, unit)
            if result is None:
                return None
            if not hits:
                # The first child that yields spans locates the finding; rule authors list the key term first.
                hits = result
        return hits

    def triggers(self) -> frozenset[str] | None:
        # Every child must match, so any child's triggers are necessary: take the most selective.
        return best_triggers(child.triggers() for child in self.children)

    def gate(self) -> Gate | None:
        return gate_and(child.gate() for child in self.children)

    def parts(self) -> list[Matcher]:
        return self.children

    def spans(self, ctx: Context) -> list[tuple[int, int]] | None:
        for child in self.children:
            found = child.spans(ctx)
            if found is not None:
                return found
        return None


class AnyMatcher(Matcher):
    def __init__(self, children: list[Matcher]) -> None:
        self.children = children

    def match(self, ctx: Context, unit: Unit) -> Result:
        hits: list[Hit] = []
        matched = False
        for child in self.children:
            result = ctx.run(child, unit)
            if result is not None:
                matched = True
                hits.extend(result)
        return sorted(hits, key=lambda h: (h.start, -h.end)) if matched else None

    def triggers(self) -> frozenset[str] | None:
        found: set[str] = set()
        for child in self.children:
            child_triggers = child.triggers()
            if child_triggers is None:
                return None
            found |= child_triggers
        return frozenset(found)

    def gate(self) -> Gate | None:
        return gate_or(child.gate() for child in self.children)

    def parts(self) -> list[Matcher]:
        return self.children

    def spans(self, ctx: Context) -> list[tuple[int, int]] | None:
        found: list[tuple[int, int]] = []
        for child in self.children:
            child_spans = child.spans(ctx)
            if child_spans is None:
                return None
            found += child_spans
        return found


class FirstMatcher(Matcher):
    """The hits of the first child that matches: a preference order for where a finding points."""

    def __init__(self, children: list[Matcher]) -> None:
        self.children = children

    def match(self, ctx: Context, unit: Unit) -> Result:
        for child in self.children:
            result = ctx.run(child, unit)
            if result is not None:
                return result
        return None


class NotMatcher(Matcher):
    def __init__(self, child: Matcher) -> None:
        self.child = child

    def match(self, ctx: Context, unit: Unit) -> Result:
        return [] if ctx.run(self.child, unit) is None else None

    def parts(self) -> list[Matcher]:
        return [self.child]


# --- The clause reading (doclint.reading): matchers that ask a clause a legal question. ---


def grammar_triggers(vocab: Vocabulary, templates: Iterable[str]) -> frozenset[str] | None:
    """Literals one of which every match of any of the grammar templates contains; None when one has none."""
    found: set[str] = set()
    for template in templates:
        words = regex_triggers(vocab.pattern(template).pattern)
        if not words:
            return None
        found |= words
    return frozenset(found)


class ReadingMatcher(Matcher):
    """Base of the reading's matchers: results cached per document and unit, triggers from the grammar."""

    def __init__(self, vocab: Vocabulary, kinds: tuple[str, ...]) -> None:
        self.vocab = vocab
        self.kinds = kinds
        self._triggers: frozenset[str] | None = None
        self._derived = False

    def templates(self) -> list[str] | None:
        """The grammar whose literals gate this matcher; None when it cannot be gated."""
        return None

    def triggers(self) -> frozenset[str] | None:
        if not self._derived:
            templates = self.templates()
            self._triggers = grammar_triggers(self.vocab, templates) if templates else None
            self._derived = True
        return self._triggers

    def gate(self) -> Gate | None:
        """Any one template's literal clauses, all of them (an OR of ANDs): much narrower than its triggers,
        which take one clause per template. 「须…本县…企业」 needs all three words in the unit, not just 须."""
        templates = self.templates()
        if not templates:
            return gate_of(self.triggers())
        conjunctions = []
        for template in templates:
            clauses = regex_clauses(self.vocab.pattern(template).pattern)
            if not clauses:
                return gate_of(self.triggers())
            conjunctions.append(frozenset({frozenset(clauses)}))
        return gate_or(conjunctions)

    def spans_in(self, ctx: Context, unit: Unit) -> list[tuple[int, int, str]]:
        raise NotImplementedError

    def match(self, ctx: Context, unit: Unit) -> Result:
        key = (type(self).__name__, self.kinds, unit.start, unit.end, unit.full_start)
        spans = ctx.doc.cache.get(key)
        if spans is None:
            spans = self.spans_in(ctx, unit)
            ctx.doc.cache[key] = spans
        return [Hit(s, e, {"kind": k}) for s, e, k in spans] or None


class PreconditionMatcher(ReadingMatcher):
    """Spans where a private party's activity waits on someone else's yes (reading.precondition)."""

    def templates(self) -> list[str] | None:
        from doclint.reading.precondition import GRAMMAR

        return list(GRAMMAR)

    def spans_in(self, ctx: Context, unit: Unit) -> list[tuple[int, int, str]]:
        from doclint.reading.precondition import preconditions

        found = preconditions(self.vocab, ctx.ruleset.actors, ctx.doc.norm, unit.start, unit.end, unit.full_start)
        return [(s, e, "precondition") for s, e in found]


class ConsequenceMatcher(ReadingMatcher):
    """Adverse consequences for a private party of the given kinds (reading.consequence)."""

    def templates(self) -> list[str] | None:
        from doclint.reading.consequence import DENIAL_GRAMMAR, ITEM_GRAMMAR, KIND_LEXICONS, PENALTY_ITEMS

        kinds = [k for k in self.kinds if k != "penalty"] + (list(PENALTY_ITEMS) if "penalty" in self.kinds else [])
        grammar = [DENIAL_GRAMMAR] if "denial" in kinds else []
        grammar += [ITEM_GRAMMAR[k] for k in kinds if k in ITEM_GRAMMAR]
        return ["⟨" + KIND_LEXICONS[kind] + "⟩" for kind in kinds] + grammar

    def spans_in(self, ctx: Context, unit: Unit) -> list[tuple[int, int, str]]:
        from doclint.reading.consequence import consequences

        return consequences(self.vocab, ctx.doc.norm, unit.start, unit.end, self.kinds, unit.full_start)


class UponMatcher(ReadingMatcher):
    """What a consequence answers to: misconduct, a status, a missing paper (reading.upon)."""

    def templates(self) -> list[str] | None:
        from doclint.reading.upon import GRAMMAR

        return [t for kind in self.kinds for t in GRAMMAR[kind]]

    def spans_in(self, ctx: Context, unit: Unit) -> list[tuple[int, int, str]]:
        from doclint.reading.upon import upon

        return upon(self.vocab, ctx.doc.norm, unit.full_start, unit.end, self.kinds)


class FavoursMatcher(ReadingMatcher):
    """Whom the clause favours or shuts out among market players (reading.favour)."""

    def templates(self) -> list[str] | None:
        from doclint.reading.favour import GRAMMAR

        return [t for kind in self.kinds for t in GRAMMAR[kind]]

    def spans_in(self, ctx: Context, unit: Unit) -> list[tuple[int, int, str]]:
        from doclint.reading.favour import favours

        return favours(self.vocab, ctx.doc.norm, unit.start, unit.end, self.kinds, unit.full_start)


class ModalityMatcher(ReadingMatcher):
    """The modal words of the given kinds; `none` matches a clause without any (reading.modality)."""

    def triggers(self) -> frozenset[str] | None:
        if "none" in self.kinds:
            return None
        from doclint.reading.modality import MODALITY

        return regex_triggers(MODALITY.pattern)  # a superset is safe: any modal word admits the unit

    def spans_in(self, ctx: Context, unit: Unit) -> list[tuple[int, int, str]]:
        from doclint.reading.modality import modalities

        found = modalities(ctx.doc.norm, unit.start, unit.end)
        return [m for m in found if m[2] in self.kinds]

    def match(self, ctx: Context, unit: Unit) -> Result:
        hits = super().match(ctx, unit)
        if hits is None and "none" in self.kinds:
            from doclint.reading.modality import modalities

            return [] if not modalities(ctx.doc.norm, unit.start, unit.end) else None
        return hits


# The reading says "organ" where the actor lexicons say "government".
ACTOR_KIND = {"private": "private", "organ": "government", "unknown": "unknown"}


class BoundMatcher(ReadingMatcher):
    """The duty and prohibition words whose bearer is of the given kinds (private, organ, unknown)."""

    def triggers(self) -> frozenset[str] | None:
        return _modal_triggers(MODAL.pattern)

    def spans_in(self, ctx: Context, unit: Unit) -> list[tuple[int, int, str]]:
        wanted = {ACTOR_KIND[kind] for kind in self.kinds}
        duties = ctx.ruleset.actors.duties(ctx.doc.norm, unit.start, unit.end, unit.full_start)
        return [(d.modal_start, d.modal_end, d.actor) for d in duties if d.actor in wanted]


class BasisMatcher(Matcher):
    """True when the basis the sentence gives up to the unit's end is one of the given kinds (reading.basis)."""

    def __init__(self, kinds: tuple[str, ...]) -> None:
        self.kinds = kinds

    def match(self, ctx: Context, unit: Unit) -> Result:
        from doclint.reading.basis import basis_of

        key = ("basis", unit.full_start, unit.end)
        found = ctx.doc.cache.get(key)
        if found is None:
            text = ctx.doc.norm[unit.full_start:max(unit.end, unit.full_start)]
            found = basis_of(text, ctx.doc.structure.title)
            ctx.doc.cache[key] = found
        return [] if found in self.kinds else None


class VoiceMatcher(Matcher):
    """True when the sentence is in the given voice: the document's own provision, or a report of another's."""

    def __init__(self, voice: str) -> None:
        self.voice = voice

    def match(self, ctx: Context, unit: Unit) -> Result:
        from doclint.facts.voice import sentence_voice

        key = ("voice", unit.full_start, unit.full_end)
        found = ctx.doc.cache.get(key)
        if found is None:
            found = sentence_voice(ctx.doc.norm[unit.full_start:unit.full_end])
            ctx.doc.cache[key] = found
        return [] if found == self.voice else None
