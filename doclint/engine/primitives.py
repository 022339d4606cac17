"""Compiled matchers for each primitive and combinator. A result is None (no match) or a list of hits."""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex
import yaml

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


class RegexMatcher(Matcher):
    def __init__(self, pattern: str) -> None:
        self.source = pattern
        self.pattern = regex.compile(pattern, regex.V0)

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
        return self.a.triggers()


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
        for child in self.children:
            found = child.triggers()
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
