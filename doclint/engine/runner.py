"""Runs compiled rules over a Document and turns hits into findings."""

from __future__ import annotations

import bisect
import hashlib
import string
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from doclint import rx
from doclint.document import Document
from doclint.engine.compiled import CompiledRule, RuleSet
from doclint.engine.detector import Hit
from doclint.engine.prefilter import RuleGate, TriggerHit
from doclint.engine.primitives import Context, RuleTimeout, Unit, gate_admits
from doclint.model import Finding, assemble
from doclint.reading.context import negated_spans
from doclint.text.structure import DOC_NUMBER_RE

# Rules skipped because their regex timed out on this document, reported by the caller.
TimeoutReporter = Callable[[CompiledRule, str], None]


def units_for(doc: Document, scope: str) -> list[Unit]:
    structure = doc.structure
    if scope == "sentence":
        return [Unit(s.start, s.end, s.full_start, s.full_end) for s in structure.sentences]
    if scope == "clause":
        units = []
        sentences = structure.sentences
        index = 0
        for clause in structure.clauses:
            while index + 1 < len(sentences) and sentences[index].end < clause.start:
                index += 1
            full_start = sentences[index].full_start if sentences else clause.start
            full_end = sentences[index].full_end if sentences else clause.end
            units.append(Unit(clause.start, clause.end, min(full_start, clause.start), max(full_end, clause.end)))
        return units
    if scope == "paragraph":
        return [Unit(p.start, p.end, p.start, p.end) for p in structure.paragraphs]
    if scope == "article":
        if structure.articles:
            return [Unit(a.start, a.end, a.start, a.end) for a in structure.articles]
        return [Unit(p.start, p.end, p.start, p.end) for p in structure.paragraphs]
    # document
    if not doc.norm.strip():
        return []
    return [Unit(0, len(doc.norm), 0, len(doc.norm))]


def document_anchor(doc: Document) -> tuple[int, int]:
    """Where a document-level finding points: the title, else the first paragraph."""
    if doc.structure.title_span is not None:
        return doc.structure.title_span.start, doc.structure.title_span.end
    for paragraph in doc.structure.paragraphs:
        # Skip index codes and 文号 lines above an untitled text: anchor on its first real sentence.
        line = doc.norm[paragraph.start:paragraph.end]
        if CJK_CHAR.search(line) and not DOC_NUMBER_RE.search(line):
            return paragraph.start, min(paragraph.end, paragraph.start + 60)
    if doc.structure.paragraphs:
        first = doc.structure.paragraphs[0]
        return first.start, min(first.end, first.start + 60)
    return 0, min(len(doc.source), 1)


CJK_CHAR = rx.compile(r"[\u4e00-\u9fff]")


class _Template(string.Formatter):
    """Leaves unknown {placeholders} as they are instead of failing."""

    def get_value(self, key: int | str, args: object, kwargs: dict[str, str]) -> str:  # type: ignore[override]
        if isinstance(key, str):
            return kwargs.get(key, "{" + key + "}")
        return ""


TEMPLATE = _Template()


class _KeepMissing(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, values: dict[str, str]) -> str:
    """`template` with {placeholders} filled from `values`, unknown ones left as written.

    str.format_map does this in C; string.Formatter (TEMPLATE) is the slow pure-Python path, kept for what
    format_map refuses (positional {0}, {a.b} on a str) so no rule text can make a finding fail.
    """
    if "{" not in template:
        return template  # most suggestions name no placeholder
    try:
        return template.format_map(_KeepMissing(values))
    except (ValueError, IndexError, KeyError, AttributeError, TypeError):
        return TEMPLATE.format(template, **values)
WHITESPACE = rx.compile(r"\s+")


# A clause's own numbering (第三条、（二）、3.) changes when articles are inserted; it is not its text.
LEADING_NUMBER = rx.compile(r"^\s*(?:第[零〇一二两三四五六七八九十百千0-9]+条(?:之[一二三四五六七八九十]+)?|"
                            r"[（(][零〇一二三四五六七八九十0-9]+[）)]|[零〇一二三四五六七八九十]+、|[0-9]+[.、])\s*")
ARTICLE_ONLY = rx.compile(r"^(第[零〇一二两三四五六七八九十百千0-9]+条(?:之[一二三四五六七八九十]+)?)")


def fingerprint(rule_id: str, clause_norm: str, article: str | None) -> str:
    """Stable across edits elsewhere: rule + normalised clause text + article label, not line numbers.

    Only the 条 part of the label counts, so a 款 inserted earlier in the same article keeps the fingerprint.
    """
    label = article or ""
    article_only = ARTICLE_ONLY.match(label)
    label = article_only.group(1) if article_only else label
    text = WHITESPACE.sub("", LEADING_NUMBER.sub("", clause_norm, count=1))
    payload = "\x1f".join((rule_id, text, label))
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]


def make_finding(doc: Document, compiled: CompiledRule, unit: Unit, hits: list[Hit]) -> Finding:
    rule = compiled.rule
    if hits:
        # The earliest hit, the longest of those starting there (most findings have one hit).
        first = hits[0] if len(hits) == 1 else min(hits, key=lambda h: (h.start, -h.end))
        start, end, groups = first.start, first.end, dict(first.groups)
    elif rule.scope == "document":
        start, end = document_anchor(doc)
        groups = {}
    else:
        start, end, groups = unit.start, unit.end, {}
    matched = doc.source[start:end]
    distinct = list(dict.fromkeys(doc.source[h.start:h.end] for h in hits)) if len(hits) > 1 else [matched]
    values = {"match": matched, "matches": "、".join(distinct), **groups}
    location = doc.location(start)
    # Every value comes from a validated rule or is built here with its declared type: skip re-validation,
    # which was a tenth of the per-finding cost in a batch.
    return assemble(
        Finding,
        rule=rule.id,
        name=rule.name,
        category=rule.category,
        severity=rule.severity,
        message=fill(rule.message, values),
        start=start,
        end=end,
        excerpt=matched,
        location=location,
        basis=list(compiled.basis_labels),
        suggestion=fill(rule.suggestion, values),
        fingerprint=fingerprint(rule.id, doc.norm[unit.start:unit.end], location.article),
    )


def gated_units(units: list[Unit], masks: list[int], total: int, gate: RuleGate) -> list[tuple[Unit, int]]:
    """The units (with their masks) whose words satisfy every clause of one of the gate's conjunctions."""
    any_bits, conjunctions = gate
    if not total & any_bits:
        return []  # the words are nowhere in the document: the usual case for most rules
    if len(conjunctions) == 1:  # the common case, without the inner loop
        [bits] = conjunctions
        return [(unit, mask) for unit, mask in zip(units, masks, strict=True) if mask & bits == bits]
    out = []
    for unit, mask in zip(units, masks, strict=True):
        if mask & any_bits:
            for bits in conjunctions:
                if mask & bits == bits:
                    out.append((unit, mask))
                    break
    return out


def units_holding(
    candidates: Sequence[tuple[Unit, int | None]], spans: list[tuple[int, int]]
) -> list[tuple[Unit, int | None]]:
    """The candidates holding one of the spans (see holds_span). A detector's hits on a draft are few, most
    often one: that case is compared inline, without a call per unit."""
    if not spans:
        return []
    if len(spans) == 1:
        [(start, stop)] = spans
        return [(u, m) for u, m in candidates if u.start <= start and stop <= max(u.end, u.start + 1)]
    return [(u, m) for u, m in candidates if holds_span(u, spans)]


def holds_span(unit: Unit, spans: list[tuple[int, int]]) -> bool:
    """Whether a span lies inside the unit, as CheckMatcher counts it (an empty unit holds what starts there)."""
    if not spans:
        return False
    end = max(unit.end, unit.start + 1)
    return any(unit.start <= start and stop <= end for start, stop in spans)


@dataclass(frozen=True)
class PlannedRule:
    """What the runner needs of one rule, looked up once per rule selection instead of once per document."""

    compiled: CompiledRule
    scope: str
    applies_to: frozenset[str]
    gate: RuleGate | None
    # The bits of the gate's only conjunction (most gates have one): the document test is one AND then.
    # 0 for a gate of several conjunctions, or none.
    single: int = 0


# One scope's share of a plan: (scope, whether its units get masks, its rules in selection order).
ScopeGroup = tuple[str, bool, list[PlannedRule]]


@dataclass
class Plan:
    """A rule selection grouped the way run_rules walks it: by document type, then by scope."""

    rules: list[PlannedRule]
    selected: list[CompiledRule]
    # Scopes with a gated rule: their units get masks (see run_rules); others skip the scan.
    masked_scopes: frozenset[str]
    _by_doc_type: dict[str | None, list[ScopeGroup]] = field(default_factory=dict)

    def groups(self, doc_type: str | None) -> list[ScopeGroup]:
        found = self._by_doc_type.get(doc_type)
        if found is None:
            by_scope: dict[str, list[PlannedRule]] = {}
            for planned in self.rules:
                if doc_type in planned.applies_to:
                    by_scope.setdefault(planned.scope, []).append(planned)
            found = self._by_doc_type[doc_type] = [
                (scope, scope in self.masked_scopes, rules) for scope, rules in by_scope.items()
            ]
        return found


def plan(ruleset: RuleSet, selected: list[CompiledRule], prefilter: bool) -> Plan:
    """The selected rules as the runner walks them, cached on the rule set per (selection, prefilter)."""
    # A batch asks for the same selection document after document: try the last plan before building a key
    # of every rule's id. (List equality tests identity first, element by element, in C.)
    last_key = ("last", prefilter)
    last: Plan | None = ruleset.plans.get(last_key)
    if last is not None and last.selected == selected:
        return last
    key = (prefilter, *map(id, selected))
    cached: Plan | None = ruleset.plans.get(key)
    # Ids can be reused once an object is gone (a caller's own CompiledRule list): trust only the same objects.
    if cached is not None and cached.selected == selected:
        ruleset.plans[last_key] = cached
        return cached
    index = ruleset.trigger_index if prefilter else None
    planned = []
    for compiled in selected:
        gate = index.gate(compiled) if index else None
        single = gate[1][0] if gate is not None and len(gate[1]) == 1 else 0
        planned.append(PlannedRule(compiled, compiled.rule.scope, frozenset(compiled.rule.applies_to), gate, single))
    masked = frozenset(p.scope for p in planned if p.gate is not None)
    result = Plan(planned, list(selected), masked)
    if len(ruleset.plans) < 64:  # selections are few (config, per-file ignores); never grow without bound
        ruleset.plans[key] = result
    ruleset.plans[last_key] = result
    return result


def run_rules(
    doc: Document,
    ruleset: RuleSet,
    rules: Iterable[CompiledRule] | None = None,
    on_timeout: TimeoutReporter | None = None,
    prefilter: bool = True,
) -> list[Finding]:
    """All findings of the given rules (default: every rule) that apply to the document's type.

    With `prefilter` (the default) a rule is evaluated only on the units that contain one of its trigger
    words (see TriggerIndex); `prefilter=False` evaluates every rule on every unit. Both give the same
    findings — tests/test_prefilter.py holds them to it — except that a regex timing out on a unit the
    pre-filter skips no longer costs the rule its other findings.
    """
    ctx = Context(doc, ruleset)
    findings: list[Finding] = []
    index = ruleset.trigger_index if prefilter else None
    if index is not None:
        ctx.gates = index.gates
    selected = list(rules if rules is not None else ruleset.rules)
    trigger_hits: list[TriggerHit] | None = None  # one pass over the text serves every scope's masks
    for scope, masked, scope_rules in plan(ruleset, selected, prefilter).groups(doc.doc_type):
        units = units_for(doc, scope)
        masks: list[int] | None = None
        total = 0
        active = scope_rules
        # Every unit with its mask: the candidates of a rule without a gate (one list per scope, not per rule).
        # Mask None where the scope has no masks: nothing is skipped.
        every_unit: list[tuple[Unit, int | None]]
        if index is not None and masked:
            if trigger_hits is None:
                trigger_hits = index.scan(doc.norm)
            masks = index.unit_masks(doc.norm, [(unit.start, unit.end) for unit in units], trigger_hits)
            every_unit = list(zip(units, masks, strict=True))
            for mask in masks:
                total |= mask
            # Most rules cannot match anywhere in the document: no conjunction of their gate has all its words
            # in it (in one unit or not). Drop them before any per-unit work.
            active = [p for p in scope_rules if p.gate is None or (
                total & p.single == p.single if p.single else gate_admits(total, p.gate))]
        else:
            # Masks only help inside a scope that has gated rules; elsewhere (the document scope, usually)
            # scanning the text for them would cost more than it saves.
            every_unit = [(unit, None) for unit in units]
        for planned in active:
            compiled, gate = planned.compiled, planned.gate
            candidates: Sequence[tuple[Unit, int | None]]
            if masks is not None and gate is not None:
                candidates = gated_units(units, masks, total, gate)
            else:
                candidates = every_unit  # read, never changed
            if index is not None and gate is None:
                # No literal gate: a detector-backed rule can still say which units its hits fall in.
                spans = compiled.match.spans(ctx)
                if spans is not None:
                    candidates = units_holding(candidates, spans)
            try:
                for unit, unit_mask in candidates:
                    ctx.mask = unit_mask
                    hits = compiled.match.match(ctx, unit)
                    if hits is None:
                        continue
                    if compiled.unless is not None and compiled.unless.match(ctx, unit) is not None:
                        continue
                    findings.append(make_finding(doc, compiled, unit, hits))
            except RuleTimeout as exc:
                if on_timeout is not None:
                    on_timeout(compiled, str(exc))
    ctx.mask = None
    findings = drop_forbidden_items(doc, findings)
    findings = drop_covered_fallbacks(doc, findings, ruleset)
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return findings


# Categories whose findings say "the document creates this": an item the document itself forbids creates nothing.
CREATES = frozenset({"licensing", "penalty", "coercion", "fee", "obligation", "competition", "ultra_vires"})


def drop_forbidden_items(doc: Document, findings: list[Finding]) -> list[Finding]:
    """Findings inside an item of a list led in by 「不得有下列行为：」: the document forbids what they name.

    (A sentence in the reporting voice is not dropped here: a lone clause quoted from a case notice reads as
    reported, yet is the very clause to flag. Whole reports are typed `other` and get no legality rules.)
    """
    if not findings:
        return findings
    spans = negated_spans(doc)
    if not spans:
        return findings
    return [f for f in findings
            if f.category not in CREATES or not any(s <= f.start and f.end <= e for s, e in spans)]


def drop_covered_fallbacks(doc: Document, findings: list[Finding], ruleset: RuleSet) -> list[Finding]:
    """A catch-all finding adds nothing where a specific rule of the same category already speaks."""
    fallback_ids = ruleset.fallback_ids
    if not fallback_ids or not findings:
        return findings
    starts = [s.start for s in doc.structure.sentences]

    def sentence_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset) - 1

    # Covered where a specific rule of the same category, or any error, speaks on the same sentence; a catch-all
    # error also covers a catch-all warning (but two catch-all errors of different categories both stand).
    same_category = {(f.category, sentence_of(f.start)) for f in findings if f.rule not in fallback_ids}
    with_error = {sentence_of(f.start) for f in findings if f.rule not in fallback_ids and f.severity == "error"}
    with_any_error = {sentence_of(f.start) for f in findings if f.severity == "error"}
    return [
        f for f in findings
        if f.rule not in fallback_ids
        or ((f.category, sentence_of(f.start)) not in same_category and sentence_of(f.start) not in with_error
            and (f.severity == "error" or sentence_of(f.start) not in with_any_error))
    ]
