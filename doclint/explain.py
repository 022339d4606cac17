"""Why a sentence was (not) flagged: its clause reading, and for every rule what the rule saw there.

For a rule author and for a legal officer alike: each rule that could speak to the sentence is traced through
the same steps the runner takes — the document type it applies to, its pre-filter gate, its match, the `unless`
branch that stopped it, and whether a more specific finding covered it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from doclint.document import Document
from doclint.engine.primitives import Context, Unit, gate_admits
from doclint.engine.ruleset import CompiledRule, RuleSet
from doclint.engine.runner import run_rules, units_for
from doclint.engine.schema import Condition
from doclint.facts.voice import sentence_voice
from doclint.reading.basis import basis_of
from doclint.reading.consequence import KINDS as CONSEQUENCE_KINDS
from doclint.reading.consequence import consequences
from doclint.reading.favour import KINDS as FAVOUR_KINDS
from doclint.reading.favour import favours
from doclint.reading.modality import modalities
from doclint.reading.precondition import preconditions
from doclint.reading.upon import KINDS as UPON_KINDS
from doclint.reading.upon import upon

# What each trace status means, in the user's language.
STATUS_ZH = {
    "fired": "命中",
    "covered": "命中，但同句已有更具体的问题，未单独列出",
    "unless": "匹配，但被例外条件排除",
    "no-match": "未匹配",
    "gate": "本句没有该规则的关键词，预筛未放行",
    "doc-type": "该规则不适用于此文件类型",
}
BOUND_ZH = {"private": "私主体", "government": "行政机关", "unknown": "不明"}
MODALITY_ZH = {"duty": "义务", "prohibition": "禁止", "permission": "授权", "none": "无"}


@dataclass
class RuleTrace:
    rule: str
    name: str
    category: str
    status: str
    detail: str = ""
    gated: bool = True  # False: the rule has no pre-filter and looks at every sentence


@dataclass
class Reading:
    """The clause reading of one sentence, as the rules' primitives see it."""

    bound: list[dict[str, str]] = field(default_factory=list)
    modality: list[str] = field(default_factory=list)
    preconditions: list[str] = field(default_factory=list)
    consequences: list[dict[str, str]] = field(default_factory=list)
    upon: list[dict[str, str]] = field(default_factory=list)
    favours: list[dict[str, str]] = field(default_factory=list)
    basis: str = "none"
    voice: str = "own"
    doc_type: str = "normative"


@dataclass
class SentenceExplanation:
    start: int
    end: int
    line: int
    text: str
    reading: Reading
    traces: list[RuleTrace]


def read_clause(doc: Document, ruleset: RuleSet, unit: Unit) -> Reading:
    """Every question of the clause reading, answered for one sentence."""
    norm, source = doc.norm, doc.source
    vocab = ruleset.vocabulary
    duties = ruleset.actors.duties(norm, unit.start, unit.end, unit.full_start)
    reading = Reading(doc_type=doc.doc_type)
    reading.bound = [{"词": source[d.modal_start:d.modal_end], "约束": BOUND_ZH.get(d.actor, d.actor),
                      "主体": d.actor_text} for d in duties]
    kinds = sorted({kind for _, _, kind in modalities(norm, unit.start, unit.end)}) or ["none"]
    reading.modality = [MODALITY_ZH[k] for k in kinds]
    reading.preconditions = [source[s:e] for s, e in preconditions(vocab, ruleset.actors, norm, unit.start,
                                                                    unit.end, unit.full_start)]
    reading.consequences = [{"类": k, "原文": source[s:e]}
                            for s, e, k in consequences(vocab, norm, unit.start, unit.end, CONSEQUENCE_KINDS,
                                                        unit.full_start)]
    reading.upon = [{"类": k, "原文": source[s:e]}
                    for s, e, k in upon(vocab, norm, unit.full_start, unit.end, UPON_KINDS)]
    reading.favours = [{"类": k, "原文": source[s:e]}
                       for s, e, k in favours(vocab, norm, unit.start, unit.end, FAVOUR_KINDS, unit.full_start)]
    reading.basis = basis_of(norm[unit.full_start:unit.end], doc.structure.title)
    reading.voice = sentence_voice(norm[unit.full_start:unit.full_end])
    return reading


def explain(doc: Document, ruleset: RuleSet, rules: list[CompiledRule], line: int | None = None,
            everything: bool = False) -> list[SentenceExplanation]:
    """The sentences on `line` (1-based; every sentence when None), each with its reading and rule traces.

    Without `everything`, a trace is kept only for rules that got past their pre-filter gate: the rules that
    really looked at the sentence.
    """
    findings = run_rules(doc, ruleset, rules)
    sentence_rules = [c for c in rules if c.rule.scope in ("sentence", "clause")]
    out = []
    for unit in units_for(doc, "sentence"):
        unit_line = doc.location(unit.start).line
        if line is not None and unit_line != line:
            continue
        traces = [trace_rule(doc, ruleset, compiled, unit, findings) for compiled in sentence_rules]
        if not everything:
            # Rules without a pre-filter look at every sentence: their "no match" says nothing about this one.
            traces = [t for t in traces if t.status not in ("gate", "doc-type")
                      and (t.gated or t.status != "no-match")]
        out.append(SentenceExplanation(unit.start, unit.end, unit_line, doc.source[unit.start:unit.end],
                                       read_clause(doc, ruleset, unit), traces))
    return out


def trace_rule(doc: Document, ruleset: RuleSet, compiled: CompiledRule, unit: Unit,
               findings: list[Any]) -> RuleTrace:
    """What one rule saw in one sentence, step by step as the runner takes them."""
    rule = compiled.rule
    trace = RuleTrace(rule.id, rule.name, rule.category, "no-match")
    if doc.doc_type not in rule.applies_to:
        trace.status = "doc-type"
        trace.detail = f"适用于：{'、'.join(rule.applies_to)}；本文件：{doc.doc_type}"
        return trace
    index = ruleset.trigger_index
    gate = index.gate(compiled)
    trace.gated = gate is not None
    units = [u for u in units_for(doc, rule.scope) if u.start < unit.end and u.end > unit.start]
    ctx = Context(doc, ruleset)
    for candidate in units:
        if gate is not None:
            [mask] = index.unit_masks(doc.norm, [(candidate.start, candidate.end)])
            if not gate_admits(mask, gate):
                trace.status = "gate"
                continue
        hits = compiled.match.match(ctx, candidate)
        if hits is None:
            trace.status = "no-match"
            continue
        matched = "、".join(dict.fromkeys(doc.source[h.start:h.end] for h in hits)) or "（整句）"
        if compiled.unless is not None and compiled.unless.match(ctx, candidate) is not None:
            trace.status = "unless"
            trace.detail = f"匹配「{matched}」；例外：{stopping_branch(rule.unless, compiled, ctx, candidate)}"
            return trace
        fired = any(f.rule == rule.id and unit.start <= f.start < unit.end for f in findings)
        trace.status = "fired" if fired else "covered"
        trace.detail = f"匹配「{matched}」"
        return trace
    return trace


def stopping_branch(condition: Condition | None, compiled: CompiledRule, ctx: Context, unit: Unit) -> str:
    """The `unless` branch that matched, written the way the rule file writes it."""
    if condition is None or compiled.unless is None:
        return ""
    matcher = compiled.unless
    children = condition.any_ if condition.any_ is not None else None
    parts = matcher.parts()
    if children is not None and len(parts) == len(children):
        for child, part in zip(children, parts, strict=True):
            if part.match(ctx, unit) is not None:
                return describe(child)
    return describe(condition)


def describe(condition: Condition) -> str:
    dumped = condition.model_dump(mode="json", by_alias=True, exclude_none=True)
    return json.dumps(dumped, ensure_ascii=False)


def as_json(explanations: list[SentenceExplanation]) -> str:
    return json.dumps([asdict(e) for e in explanations], ensure_ascii=False, indent=2)


def reading_line(reading: Reading) -> str:
    """The clause reading as one line of Chinese, for a finding card or a Word comment."""
    parts = []
    if reading.bound:
        parts.append("约束对象：" + "、".join(f"{b['约束']}（{b['主体'] or b['词']}）" for b in reading.bound))
    parts.append("情态：" + "、".join(reading.modality))
    if reading.preconditions:
        parts.append("前置条件：" + "；".join(reading.preconditions))
    if reading.consequences:
        parts.append("不利后果：" + "；".join(c["原文"] for c in reading.consequences))
    if reading.upon:
        parts.append("针对：" + "；".join(c["原文"] for c in reading.upon))
    if reading.favours:
        parts.append("偏向或排斥：" + "；".join(c["原文"] for c in reading.favours))
    parts.append("依据：" + BASIS_ZH.get(reading.basis, reading.basis))
    return "；".join(parts)


BASIS_ZH = {"article": "写明了法律、法规条款", "statute": "写明了法律、法规", "rules": "引用了其他规定",
            "bare": "只写「依法」", "none": "未写依据"}


def sentence_readings(doc: Document, ruleset: RuleSet) -> list[tuple[int, int, str]]:
    """(start, end, reading line) of every sentence: what a page shows beside each finding."""
    return [(u.start, u.end, reading_line(read_clause(doc, ruleset, u))) for u in units_for(doc, "sentence")]
