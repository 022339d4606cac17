"""Compiled matchers for each primitive and combinator. A result is None (no match) or a list of hits.

Each matcher also states its *triggers*: literal strings at least one of which must occur inside a unit for
the matcher to match there. The runner's pre-filter looks for every rule's triggers in one pass over the
text and evaluates a rule only on units that contain one; a matcher that cannot tell returns None and its
rule runs everywhere. A trigger set must never be wrong: a missing alternative would lose findings.
"""

from __future__ import annotations

import importlib
import operator
import re
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex
import yaml

from doclint.facts.actors import MODAL
from doclint.facts.citations import basis_cites_law, cites_higher_law

if TYPE_CHECKING:
    from doclint.document import Document
    from doclint.engine.ruleset import RuleSet

# A rule regex gets this long per unit before it is stopped: a pathological pattern must not hang a batch.
REGEX_TIMEOUT_SECONDS = 1.0


class RuleTimeout(Exception):
    """A rule's regex ran past its time limit on some unit."""


@dataclass(frozen=True)
class Unit:
    """A span that a rule is evaluated on, with the enclosing full sentence (for citations)."""

    start: int
    end: int
    full_start: int
    full_end: int


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    groups: dict[str, str] = field(default_factory=dict)


Result = list[Hit] | None


@dataclass
class Context:
    doc: Document
    ruleset: RuleSet


class Matcher:
    """Base class: `match` returns None when the condition fails, else the hits (possibly none)."""

    def match(self, ctx: Context, unit: Unit) -> Result:
        raise NotImplementedError

    def triggers(self) -> frozenset[str] | None:
        """Literal strings at least one of which must occur for a match; None when unknown."""
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


def _required(items: Any) -> frozenset[str] | None:
    """A set of literals one of which every match of the sequence contains; None when there is none."""
    c = _sre("_constants")
    candidates: list[frozenset[str] | None] = []
    run: set[str] = {""}  # the contiguous literal stretch being read, as its alternatives

    def flush() -> None:
        nonlocal run
        if "" not in run:
            candidates.append(frozenset(run))
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
                candidates.append(_required(sub))
        elif op is c.ATOMIC_GROUP:
            candidates.append(_required(av))
        elif op is c.BRANCH:
            branches = [_required(branch) for branch in av[1]]
            if all(branches):
                candidates.append(frozenset().union(*(b for b in branches if b)))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            candidates.append(_required(av[2]))
        # Anything else (classes, lookarounds, backreferences, conditionals) just ends the literal stretch.
    flush()
    return best_triggers(candidates)


def regex_triggers(pattern: str) -> frozenset[str] | None:
    """Literals one of which must occur in any non-empty match of `pattern`; None when none can be derived.

    The pattern is read with the standard library's parser. It understands the syntax rules use; where the
    `regex` module means something else (fuzzy `{e<=1}`, POSIX classes, \\K, \\p{…}…) the parser fails or
    warns, or the `{` guard above catches it, and the rule simply runs on every unit.
    """
    if "{" in _COUNTED_REPEAT.sub("", pattern):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "possible nested set" and the like: regex reads it differently
            parsed = _sre("_parser").parse(pattern)
    except (re.error, Warning, RecursionError, OverflowError, ValueError):
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    return _required(parsed)


class RegexMatcher(Matcher):
    def __init__(self, pattern: str) -> None:
        self.source = pattern
        self.pattern = regex.compile(pattern, regex.V0)
        self._triggers: frozenset[str] | None = None
        self._derived = False

    def triggers(self) -> frozenset[str] | None:
        if not self._derived:
            self._triggers = regex_triggers(self.source)
            self._derived = True
        return self._triggers

    def match(self, ctx: Context, unit: Unit) -> Result:
        text = ctx.doc.norm[unit.start:unit.end]
        hits = []
        try:
            for found in self.pattern.finditer(text, timeout=REGEX_TIMEOUT_SECONDS):
                if found.end() == found.start():
                    continue
                groups = {
                    name: ctx.doc.source[unit.start + found.start(name):unit.start + found.end(name)]
                    for name, value in found.groupdict().items()
                    if value is not None
                }
                hits.append(Hit(unit.start + found.start(), unit.start + found.end(), groups))
        except TimeoutError:
            raise RuleTimeout(self.source) from None
        return hits or None


class TermsMatcher(Matcher):
    """Any occurrence of a literal term (longest first), no segmentation."""

    def __init__(self, terms: list[str]) -> None:
        self.terms = sorted(set(terms), key=len, reverse=True)
        self.pattern = regex.compile("|".join(regex.escape(t) for t in self.terms))

    def match(self, ctx: Context, unit: Unit) -> Result:
        hits = [Hit(m.start(), m.end()) for m in self.pattern.finditer(ctx.doc.norm, unit.start, unit.end)]
        return hits or None

    def triggers(self) -> frozenset[str] | None:
        return frozenset(self.terms)


class WordsMatcher(Matcher):
    """A term that stands as whole jieba tokens: 罚款 in 处以罚款, not in 罚款项目 merged into one word."""

    def __init__(self, terms: list[str]) -> None:
        self.terms = frozenset(terms)
        self.substring = regex.compile("|".join(regex.escape(t) for t in sorted(self.terms, key=len, reverse=True)))

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
        hits_a = self.a.match(ctx, unit)
        if not hits_a:
            return None
        hits_b = self.b.match(ctx, unit)
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
        return regex_triggers(MODAL.pattern)


OPERATORS = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt,
             ">=": operator.ge}


class FactMatcher(Matcher):
    """`procedure.public_consultation == false`: compares a document fact with a YAML scalar."""

    def __init__(self, expression: str) -> None:
        parts = expression.split()
        if len(parts) == 1:
            self.path, self.op, self.value = parts[0], "truthy", None
        elif len(parts) == 3 and parts[1] in OPERATORS:
            self.path, self.op = parts[0], parts[1]
            self.value = yaml.safe_load(parts[2])
        else:
            raise ValueError(f"无法解析的 fact 表达式「{expression}」（应为「路径 运算符 值」）")

    def lookup(self, facts: dict[str, Any]) -> Any:
        value: Any = facts
        for key in self.path.split("."):
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
    """Hits of a named document-level detector (doclint.checks) that fall inside the unit."""

    def __init__(self, name: str, detector: Callable[[Document], list[Hit]]) -> None:
        self.name = name
        self.detector = detector

    def match(self, ctx: Context, unit: Unit) -> Result:
        key = ("check", self.name)
        hits = ctx.doc.cache.get(key)
        if hits is None:
            hits = self.detector(ctx.doc)
            ctx.doc.cache[key] = hits
        inside = [hit for hit in hits if unit.start <= hit.start and hit.end <= max(unit.end, unit.start + 1)]
        return inside or None


class AllMatcher(Matcher):
    def __init__(self, children: list[Matcher]) -> None:
        self.children = children

    def match(self, ctx: Context, unit: Unit) -> Result:
        hits: list[Hit] = []
        for child in self.children:
            result = child.match(ctx, unit)
            if result is None:
                return None
            if not hits:
                # The first child that yields spans locates the finding; rule authors list the key term first.
                hits = result
        return hits

    def triggers(self) -> frozenset[str] | None:
        # Every child must match, so any child's triggers are necessary: take the most selective.
        return best_triggers(child.triggers() for child in self.children)


class AnyMatcher(Matcher):
    def __init__(self, children: list[Matcher]) -> None:
        self.children = children

    def match(self, ctx: Context, unit: Unit) -> Result:
        hits: list[Hit] = []
        matched = False
        for child in self.children:
            result = child.match(ctx, unit)
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


class FirstMatcher(Matcher):
    """The hits of the first child that matches: a preference order for where a finding points."""

    def __init__(self, children: list[Matcher]) -> None:
        self.children = children

    def match(self, ctx: Context, unit: Unit) -> Result:
        for child in self.children:
            result = child.match(ctx, unit)
            if result is not None:
                return result
        return None


class NotMatcher(Matcher):
    def __init__(self, child: Matcher) -> None:
        self.child = child

    def match(self, ctx: Context, unit: Unit) -> Result:
        return [] if self.child.match(ctx, unit) is None else None
