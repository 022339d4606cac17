"""What the memo says, as plain data: built once from a ReviewResult, then rendered by any template."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import PurePath
from typing import Any

from pydantic import BaseModel, Field

from doclint import __version__
from doclint.display import display_path
from doclint.document import Document
from doclint.engine.ruleset import RuleSet
from doclint.engine.schema import CATEGORY_NAMES_ZH, BasisRef
from doclint.model import MATERIAL_ROLES, Facts, Finding, ReviewResult
from doclint.policy import DEFAULT_POLICY, Conclusion, ConclusionPolicy

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
DRAFT_MARKS = ("送审稿", "征求意见稿", "草案", "修改稿", "讨论稿", "审议稿")
# A quote longer than this is cut around the matched words, so one article-scope hit cannot fill a page.
MAX_QUOTE = 200
ITEM_LINE = re.compile(r"^（[一二三四五六七八九十]+）")
ARTICLE_LABEL = re.compile(r"^第[一二三四五六七八九十百零〇0-9]+条(?:之[一二三四五六七八九十]+)?[ \u3000]*")
BLANK = "＿＿＿＿＿＿"
# 「国务院办公厅关于…的通知（国办发〔2018〕37号）」: a policy document named with its number.
POLICY_NAME = re.compile(r"^(?P<title>[^《》（）]+)（(?P<number>[^（）]*〔[0-9]{4}〕[^（）]*号)）$")
NO_PROBLEM = "经审查，未发现问题。"
# The national instrument that sets up legality review of normative documents; cited in the memo's opening.
REVIEW_BASIS = "《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）"
# How the conclusion names what the draft may not do, per category (a normative document 「不得设定…」).
UNLAWFUL_PHRASES = {"licensing": "设定行政许可", "penalty": "设定行政处罚", "coercion": "设定行政强制措施",
                    "fee": "设立收费或者保证金", "obligation": "增加公民、法人和其他组织义务",
                    "competition": "排除、限制公平竞争"}
# Kinds of clause a normative document has no power to create (行政许可法第十七条、行政处罚法第十六条、
# 行政强制法第十条、优化营商环境条例第二十五条): the memo puts them under （二）权限.
POWER_CATEGORIES = ("licensing", "penalty", "coercion", "fee")
PROCEDURE_STEPS = (
    ("public_consultation", "公开征求意见"),
    ("expert_review", "专家论证"),
    ("risk_assessment", "风险评估"),
    ("fair_competition_review", "公平竞争审查"),
    ("legality_review", "起草单位合法性初审"),
    ("collective_deliberation", "集体审议"),
)


class Citation(BaseModel):
    """A legal basis: its label (《…》第十六条) and, when the project ships it, the article's text."""

    label: str
    text: str | None = None
    note: str | None = None


class Issue(BaseModel):
    """One finding, in the memo's words."""

    rule: str
    category: str
    category_zh: str
    severity: str
    severity_zh: str
    message: str


class QuotePart(BaseModel):
    """A run of the quoted clause; `mark` when a finding of the item covers it."""

    text: str
    mark: bool = False


class Item(BaseModel):
    """One clause of the draft (原条文) and the problems found in it, with basis and suggestions.

    `quote_parts` marks every hit in the clause; quote_before/match/after keep the first hit for older templates.
    """

    location: str
    quote: str
    quote_before: str = ""
    quote_match: str = ""
    quote_after: str = ""
    quote_parts: list[QuotePart] = Field(default_factory=list)
    issues: list[Issue]
    citations: list[Citation]
    suggestions: list[str]
    # Public corrections of this kind of clause (rule `precedents:`), one line each.
    precedents: list[str] = Field(default_factory=list)


class MaterialLine(BaseModel):
    """One line of the materials checklist."""

    role: str
    name: str
    status: str  # present | missing | unreadable
    files: list[str] = Field(default_factory=list)
    note: str = ""


class ProcedureLine(BaseModel):
    label: str
    value: str


class Memo(BaseModel):
    """Everything a template needs; templates never compute, they only lay this out."""

    title: str
    draft_title: str
    addressee: str | None
    date: dt.date
    date_zh: str
    package: str
    materials: list[MaterialLine]
    missing: list[str]
    has_draft: bool
    draft_error: str | None = None
    issuer: str | None
    subject_text: str
    subject_items: list[Item]
    authority_items: list[Item]
    content_items: list[Item]
    procedure_lines: list[ProcedureLine]
    procedure_items: list[Item]
    procedure_text: str
    advice_items: list[Item]
    # Where the package's own papers say one thing and the draft or the facts another (公平竞争审查、征求意见).
    conflicts: list[str] = Field(default_factory=list)
    content_text: str = ""
    drafting_unit: str | None = None
    conclusion: Conclusion | None
    conclusion_text: str
    no_problem: str = NO_PROBLEM
    blank: str = BLANK
    # Said in the document's properties (and a comment in .md/.html), never on the signed page.
    generator: str


def date_zh(day: dt.date) -> str:
    """公文 dates use Arabic numerals with 年月日 and no leading zeros (GB/T 9704-2012 §7.3.5.3)."""
    return f"{day.year}年{day.month}月{day.day}日"


def draft_title_of(review: ReviewResult) -> str:
    """The draft's title with （送审稿） appended unless it already says which draft it is."""
    title: str | None = None
    if review.draft is not None:
        title = review.draft.facts.title
        if not title:
            title = PurePath(review.draft.path).stem
    if not title:
        return f"{BLANK}（送审稿）"
    # The memo title puts the draft title inside 《》, so inner 《》 become 〈〉 (GB/T 15834 nesting).
    title = title.strip().replace("《", "〈").replace("》", "〉")
    if any(mark in title for mark in DRAFT_MARKS):
        return title
    return f"{title}（送审稿）"


ITEM_NOTE = re.compile(r"^（([一二三四五六七八九十]+)）")


@functools.lru_cache(maxsize=1)
def policy_texts() -> dict[str, Any]:
    """Texts the statute data lacks (国办发〔2018〕115号 by item, the 公平竞争审查条例实施办法 by article);
    built by doclint/memo/build_policy_texts.py from the project's law sources."""
    try:
        raw = resources.files("doclint.memo").joinpath("data").joinpath("policy_texts.json").read_text(
            encoding="utf-8")
        data: dict[str, Any] = json.loads(raw)
    except (OSError, ValueError):
        return {}
    return data


def policy_entry(ref: BasisRef) -> dict[str, Any] | None:
    name = POLICY_NAME.match(ref.law)
    title = (name.group("title") if name else ref.law).strip("《》")
    entry = policy_texts().get(title)
    return entry if isinstance(entry, dict) else None


def quote_item(ref: BasisRef) -> tuple[str, str] | None:
    """(item label, text) when the basis names an item （五） of a policy document the memo ships."""
    item = ITEM_NOTE.match(ref.note or "")
    entry = policy_entry(ref)
    if item is None or entry is None:
        return None
    text = entry.get("items", {}).get(item.group(1))
    return (f"第（{item.group(1)}）项", text) if isinstance(text, str) else None


def quote_article(ref: BasisRef) -> str | None:
    """The text of the cited article (or 款) from the shipped law data, None when it is not shipped."""
    if ref.article is None:
        item = quote_item(ref)
        return item[1] if item else None
    try:
        from doclint.citations.lawdata import find_law

        law = find_law(ref.law)
    except (ImportError, OSError, ValueError, KeyError):
        # Law data missing or damaged: the memo still cites the label, just without the quote.
        law = None
    if law is None:
        entry = policy_entry(ref)
        article = entry.get("articles", {}).get(str(ref.article)) if entry else None
        return _paragraph(article, ref.paragraph) if isinstance(article, str) else None
    text = law.article_text(ref.article)
    if not text:
        return None
    return _paragraph(text, ref.paragraph)


def _paragraph(text: str, paragraph: int | None) -> str | None:
    """The whole article, or its 款 number `paragraph`; items （一）（二） stay with the 款 that introduces them."""
    paragraphs: list[str] = []
    for line in (line.strip() for line in text.split("\n")):
        # Items （一）（二） belong to the 款 that introduces them, so 款 numbers stay those of the statute.
        if paragraphs and ITEM_LINE.match(line):
            paragraphs[-1] += line
        elif line:
            paragraphs.append(line)
    if paragraph is not None:
        if paragraph > len(paragraphs):
            return None
        return paragraphs[paragraph - 1]
    return "".join(paragraphs)


# 行政许可法第五十八条 forbids fees for a licence; a deposit or charge on anything else rests on 优化营商环境条例
# 第二十五条 and the 涉企保证金 list, so the memo cites art 58 only where the clause is about a licence.
LICENCE_ONLY_BASIS = (("中华人民共和国行政许可法", 58),)
LICENCE_WORDS = re.compile(r"许可|审批|批准|核准|准予|证照|许可证")


def applies_to_clause(ref: BasisRef, clause: str) -> bool:
    if (ref.law.strip("《》"), ref.article) in LICENCE_ONLY_BASIS:
        return bool(LICENCE_WORDS.search(clause))
    return True


def citation_label(ref: BasisRef) -> str:
    """《标题》（文号）, with 第（五）项 when an item is cited, for a policy document named with its number."""
    match = POLICY_NAME.match(ref.law)
    if match and ref.article is None:
        item = quote_item(ref)
        return f"《{match.group('title')}》（{match.group('number')}）" + (item[0] if item else "")
    return ref.label()


def citations_for(finding: Finding, ruleset: RuleSet, clause: str | None = None) -> list[Citation]:
    compiled = ruleset.by_id.get(finding.rule)
    if compiled is None:
        # A rule from a pack not loaded now: keep the labels the finding carries.
        return [Citation(label=label) for label in finding.basis]
    refs = [ref for ref in compiled.rule.basis if clause is None or applies_to_clause(ref, clause)]
    # A note that only names the quoted item （五） is said by the label already.
    return [Citation(label=citation_label(ref), text=quote_article(ref),
                     note=None if quote_item(ref) else ref.note)
            for ref in refs or compiled.rule.basis]


def is_document_level(finding: Finding, ruleset: RuleSet) -> bool:
    compiled = ruleset.by_id.get(finding.rule)
    return compiled is not None and compiled.rule.scope == "document"


class Quoter:
    """Finds the sentence around a finding in the draft text, for 原条文."""

    def __init__(self, draft_text: str | None) -> None:
        self.text = draft_text
        self.doc = Document.from_text(draft_text) if draft_text else None

    def span(self, finding: Finding) -> tuple[int, int] | None:
        if self.doc is None or self.text is None or finding.end > len(self.text):
            return None
        sentences = self.doc.structure.sentences
        covering = [s for s in sentences if s.full_end > finding.start and s.full_start < max(finding.end,
                                                                                                finding.start + 1)]
        if not covering:
            return finding.start, finding.end
        return min(s.full_start for s in covering), max(s.full_end for s in covering)

    def parts(self, findings: list[Finding]) -> list[QuotePart]:
        """The clause around the first finding, every finding's words in it marked, trimmed like quote()."""
        first = findings[0]
        span = self.span(first)
        if span is None or self.text is None:
            return [QuotePart(text=first.excerpt, mark=True)]
        start, end = span
        marks = sorted((max(f.start, start), min(f.end, end)) for f in findings if f.start < end and f.end > start)
        merged: list[tuple[int, int]] = []
        for left, right in marks:
            if merged and left <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], right))
            elif right > left:
                merged.append((left, right))
        pieces: list[QuotePart] = []
        position = start
        for left, right in merged:
            if left > position:
                pieces.append(QuotePart(text=self.text[position:left]))
            pieces.append(QuotePart(text=self.text[left:right], mark=True))
            position = right
        if position < end:
            pieces.append(QuotePart(text=self.text[position:end]))
        pieces = [QuotePart(text=_squash(piece.text), mark=piece.mark) for piece in pieces]
        if pieces and not pieces[0].mark:
            text = pieces[0].text.lstrip()
            label = ARTICLE_LABEL.match(text)
            pieces[0] = QuotePart(text=text[label.end():] if label else text)
        if pieces and not pieces[-1].mark:
            pieces[-1] = QuotePart(text=pieces[-1].text.rstrip())
        return _trim_parts([piece for piece in pieces if piece.text])

    def quote(self, finding: Finding) -> tuple[str, str, str]:
        """(before, match, after): the sentence split around the matched words, trimmed to MAX_QUOTE."""
        span = self.span(finding)
        if span is None or self.text is None:
            return "", finding.excerpt, ""
        start, end = span
        before = self.text[start:finding.start]
        match = self.text[finding.start:finding.end]
        after = self.text[finding.end:end]
        before, after = _squash(before).lstrip(), _squash(after).rstrip()
        # The item's heading already names the article; the quote starts with the clause itself.
        label = ARTICLE_LABEL.match(before)
        if label:
            before = before[label.end():]
        match = _squash(match)
        room = max(MAX_QUOTE - len(match), 0)
        if len(before) + len(after) > room:
            keep_before = min(len(before), room // 2)
            keep_after = min(len(after), room - keep_before)
            keep_before = min(len(before), room - keep_after)
            before = ("……" + before[len(before) - keep_before:]) if keep_before < len(before) else before
            after = (after[:keep_after] + "……") if keep_after < len(after) else after
        return before, match, after


def _trim_parts(parts: list[QuotePart]) -> list[QuotePart]:
    """Unmarked runs shortened from the far ends (……) until the quote fits MAX_QUOTE; marked runs stay whole."""
    total = sum(len(part.text) for part in parts)
    if total <= MAX_QUOTE:
        return parts
    excess = total - MAX_QUOTE
    trimmed = list(parts)
    for index in (0, len(trimmed) - 1):
        part = trimmed[index]
        if excess <= 0 or part.mark or not part.text:
            continue
        cut = min(excess, len(part.text))
        text = ("……" + part.text[cut:]) if index == 0 else (part.text[:len(part.text) - cut] + "……")
        trimmed[index] = QuotePart(text=text)
        excess -= cut
    return trimmed


def _squash(text: str) -> str:
    """A quote sits on one line: paragraph breaks inside an article become nothing, tabs a space."""
    return re.sub(r"[ \t]*\n[ \t]*", "", text).replace("\t", " ")


def location_of(finding: Finding) -> str:
    return finding.location.article or f"第{finding.location.paragraph}段"


# Rules on 施行日期 and 有效期: their basis is the normative-document rules of the profile (国办发〔2018〕37号 and the
# province's 行政规范性文件管理办法), never 立法法 or 规章制定程序条例.
DATE_RULE_WORDS = ("effective", "validity")


def measures_citation(finding: Finding, measures: str | None) -> Citation | None:
    if not measures or finding.category != "procedure":
        return None
    if not any(word in finding.name for word in DATE_RULE_WORDS):
        return None
    label = citation_label(BasisRef(law=measures)) if "〔" in measures else (
        measures if measures.startswith("《") else f"《{measures}》")
    return Citation(label=label, note="行政规范性文件的施行日期和有效期")


# A law's full name at first citation is drafting practice (the 立法技术规范, the rule's own basis); the memo also
# names the province's rules on drafting normative documents when the profile has them.
DRAFTING_PRACTICE_RULES = ("citation.missing-prc-prefix",)


def drafting_rules_citation(finding: Finding, drafting_rules: str | None) -> Citation | None:
    if not drafting_rules or finding.name not in DRAFTING_PRACTICE_RULES:
        return None
    label = drafting_rules if drafting_rules.startswith("《") else f"《{drafting_rules}》"
    return Citation(label=label, note="本省规范性文件的起草要求")


def make_items(findings: Iterable[Finding], quoter: Quoter, ruleset: RuleSet, *, quote: bool = True,
               measures: str | None = None, drafting_rules: str | None = None) -> list[Item]:
    """Group findings by the clause they sit in (in article order) and turn each group into an Item."""
    groups: dict[tuple[int, int] | str, list[Finding]] = {}
    for finding in sorted(findings, key=lambda f: (f.start, f.end, f.rule)):
        document_level = is_document_level(finding, ruleset) or not quote
        key: tuple[int, int] | str = f"doc:{finding.rule}" if document_level else (
            quoter.span(finding) or (finding.start, finding.end))
        groups.setdefault(key, []).append(finding)
    items: list[Item] = []
    for key, members in groups.items():
        first = members[0]
        if isinstance(key, str):
            before, match, after = "", "", ""
            location = "全文"
        else:
            before, match, after = quoter.quote(first)
            location = location_of(first)
        citations: list[Citation] = []
        suggestions: list[str] = []
        precedents: list[str] = []
        for finding in members:
            compiled = ruleset.by_id.get(finding.rule)
            for precedent in compiled.rule.precedents if compiled is not None else []:
                if precedent.label() not in precedents:
                    precedents.append(precedent.label())
            extras = [extra for extra in (measures_citation(finding, measures),
                                          drafting_rules_citation(finding, drafting_rules)) if extra]
            found = citations_for(finding, ruleset, None if isinstance(key, str) else before + match + after)
            for citation in [*found, *extras]:
                if all(c.label != citation.label for c in citations):
                    citations.append(citation)
            if finding.suggestion and finding.suggestion not in suggestions:
                suggestions.append(finding.suggestion)
        issues = [
            Issue(rule=f.rule, category=f.category, category_zh=CATEGORY_NAMES_ZH.get(f.category, f.category),
                  severity=f.severity, severity_zh=SEVERITY_ZH.get(f.severity, f.severity), message=f.message)
            for f in members
        ]
        parts = quoter.parts(members) if not isinstance(key, str) else []
        items.append(Item(location=location, quote=before + match + after, quote_before=before,
                          quote_match=match, quote_after=after, quote_parts=parts, issues=issues,
                          citations=citations, suggestions=suggestions, precedents=precedents))
    return items


def is_subject_finding(finding: Finding) -> bool:
    """ultra_vires findings about who issues the document (rule names …issuer / …subject) belong to 制定主体."""
    return finding.category == "ultra_vires" and any(
        word in finding.name.rsplit(".", 1)[-1] for word in ("issuer", "subject"))


def material_lines(review: ReviewResult) -> list[MaterialLine]:
    present: dict[str, list[str]] = {}
    errors: dict[str, list[str]] = {}
    for material in review.materials:
        name = display_path(PurePath(material.path).name)  # a GBK or control-laden name, printable
        present.setdefault(material.role, []).append(name)
        if material.error:
            errors.setdefault(material.role, []).append(f"{name}无法读取")
    lines: list[MaterialLine] = []
    roles = list(MATERIAL_ROLES) + [r for r in [*present, *review.missing] if r not in MATERIAL_ROLES]
    for role in dict.fromkeys(roles):
        name = MATERIAL_ROLES.get(role, role)
        if role in present:
            if role in errors:
                lines.append(MaterialLine(role=role, name=name, status="unreadable", files=present[role],
                                          note="；".join(errors[role])))
            else:
                lines.append(MaterialLine(role=role, name=name, status="present", files=present[role]))
        elif role in review.missing:
            lines.append(MaterialLine(role=role, name=name, status="missing"))
    return lines


def procedure_lines(facts: Facts) -> list[ProcedureLine]:
    procedure = facts.procedure
    lines: list[ProcedureLine] = []
    for key, label in PROCEDURE_STEPS:
        value = getattr(procedure, key, None)
        if value is True:
            text = "已开展"
            if key == "public_consultation" and procedure.consultation_days is not None:
                text += f"，征求意见期{procedure.consultation_days}日"
            evidence = facts.evidence.get(key)
            if evidence is not None:
                text += f"（见{PurePath(evidence.file).name}）"
        elif value is False:
            text = "送审材料中未见相关材料"
        else:
            text = "无法从送审材料中判断"
        lines.append(ProcedureLine(label=label, value=text))
    lines.append(ProcedureLine(label="施行日期", value=_iso_to_zh(facts.effective_date) or "送审稿未载明"))
    lines.append(ProcedureLine(label="有效期", value=facts.validity or "送审稿未载明"))
    return lines


def procedure_summary(facts: Facts, procedure_findings: list[Finding]) -> str:
    """The closing sentence of （四）程序: only 未发现问题 when every step is evidenced and nothing was found."""
    unclear = [label for key, label in PROCEDURE_STEPS if getattr(facts.procedure, key, None) is not True]
    if unclear:
        return f"请起草单位对{'、'.join(unclear)}等程序的开展情况予以说明，并补充相关材料。"
    return "" if procedure_findings else NO_PROBLEM


def _iso_to_zh(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date_zh(dt.date.fromisoformat(value))
    except ValueError:
        return value


def conclusion_text(conclusion: Conclusion | None, findings: list[Finding], draft_title: str,
                    review: ReviewResult, policy: ConclusionPolicy) -> str:
    title = f"《{draft_title}》"
    if conclusion is None:
        return "送审材料中没有可供审核的送审稿，本机构无法出具审核结论。请补正后重新报送。"
    if conclusion is Conclusion.unlawful:
        kinds = list(dict.fromkeys(
            UNLAWFUL_PHRASES.get(f.category, CATEGORY_NAMES_ZH.get(f.category, f.category))
            for f in findings if policy.makes_unlawful(f)))
        text = (f"经审核，{title}存在违法{'，'.join(kinds)}等问题，不符合法律、法规、规章规定，"
                f"审核结论为：{conclusion.value}。")
    elif conclusion is Conclusion.amend:
        text = (f"经审核，{title}存在上述问题，审核结论为：{conclusion.value}。"
                "请起草单位根据本意见修改完善后，按程序提请集体审议。")
    else:
        text = (f"经审核，未发现{title}存在违反法律、法规、规章和国家政策规定的情形，"
                f"审核结论为：{conclusion.value}。")
    if review.missing:
        names = "、".join(MATERIAL_ROLES.get(role, role) for role in review.missing)
        text += f"送审材料缺少{names}，请一并补正。"
    return text


def package_conflicts(facts: Facts, findings: list[Finding]) -> list[str]:
    """Where the package's own papers contradict the draft or the facts read from them."""
    conflicts: list[str] = []
    procedure = facts.procedure
    competition = [f for f in findings if f.category == "competition"]
    conclusion = procedure.fair_competition_conclusion
    if competition and conclusion and conclusion.startswith("不含有"):
        evidence = facts.evidence.get("fair_competition_conclusion")
        where = f"（见{PurePath(evidence.file).name}）" if evidence is not None and evidence.file else ""
        places = "、".join(dict.fromkeys(location_of(f) for f in competition))
        conflicts.append(f"公平竞争审查结论认为草案「不含有排除、限制竞争的内容」{where}，但送审稿{places}含有排除、"
                         "限制竞争的内容（见上文）。请起草单位重新开展公平竞争审查，如实填写审查结论。")
    claimed = getattr(procedure, "consultation_days_stated", None)
    days = procedure.consultation_days
    if isinstance(claimed, int) and days is not None and claimed != days:
        conflicts.append(f"材料称公开征求意见{claimed}日，但所载起止日期（{procedure.consultation_from}至"
                         f"{procedure.consultation_to}）实为{days}日。请起草单位核实并说明。")
    return conflicts


def build_memo(review: ReviewResult, ruleset: RuleSet, *, date: dt.date | None = None,
               policy: ConclusionPolicy | None = None) -> Memo:
    """Turn a reviewed package into the memo's content; pure, so the same input and date give the same memo."""
    policy = policy or DEFAULT_POLICY
    day = date or dt.date.today()
    draft = review.draft
    title = draft_title_of(review)
    has_draft = draft is not None and draft.error is None
    findings = list(draft.findings) if draft is not None and has_draft else []
    facts = draft.facts if draft is not None else Facts()
    quoter = Quoter(review.draft_text if has_draft else None)

    procedure = [f for f in findings if f.category == "procedure"]
    ultra_vires = [f for f in findings if f.category == "ultra_vires"]
    rest = [f for f in findings if f.category not in ("procedure", "ultra_vires")]
    binding = [f for f in rest if policy.is_binding(f)]
    advice = [f for f in rest if not policy.is_binding(f)]
    # A licence, penalty, coercive measure or fee set by a normative document is beyond its power: （二）权限.
    beyond_power = [f for f in binding if f.category in POWER_CATEGORIES]
    content = [f for f in binding if f.category not in POWER_CATEGORIES]
    drafting_unit = getattr(facts, "drafting_unit", None)

    if not has_draft:
        subject_text = "未收到可供审核的送审稿。"
    elif facts.issuer:
        subject_text = f"送审稿的制定机关为{facts.issuer}。"
    elif drafting_unit:
        subject_text = (f"送审稿未写明制定机关，起草单位为{drafting_unit}。请在标题或落款中写明制定机关，"
                        "并核实其是否具有制定行政规范性文件的主体资格。")
    else:
        subject_text = "送审稿中未能识别制定机关，请在标题或落款中写明，并核实其是否具有制定行政规范性文件的主体资格。"
    subject_items = make_items([f for f in ultra_vires if is_subject_finding(f)], quoter, ruleset)
    if has_draft and facts.issuer and not subject_items:
        subject_text += NO_PROBLEM
    conclusion = policy.conclude(findings) if has_draft else None
    authority_items = make_items([f for f in ultra_vires if not is_subject_finding(f)] + beyond_power, quoter,
                                 ruleset)
    drafting_rules = getattr(facts, "drafting_rules", None)
    content_items = make_items(content, quoter, ruleset, drafting_rules=drafting_rules)
    if content_items:
        content_text = "送审稿以下条款与法律、法规、规章和国家政策规定不一致，应当修改："
    elif beyond_power:
        content_text = "除上述超越权限设定的事项外，未发现其他问题。"
    else:
        content_text = NO_PROBLEM
    return Memo(
        title=f"关于《{title}》的合法性审核意见",
        draft_title=title,
        # The memo answers whoever submitted the draft: the drafting unit that signed the package, else the issuer.
        addressee=drafting_unit or facts.issuer,
        drafting_unit=drafting_unit,
        conflicts=package_conflicts(facts, findings) if has_draft else [],
        content_text=content_text,
        date=day,
        date_zh=date_zh(day),
        package=PurePath(review.package).name,
        materials=material_lines(review),
        missing=[MATERIAL_ROLES.get(role, role) for role in review.missing],
        has_draft=has_draft,
        draft_error=draft.error if draft is not None else None,
        issuer=facts.issuer,
        subject_text=subject_text,
        subject_items=subject_items,
        authority_items=authority_items,
        content_items=content_items,
        procedure_lines=procedure_lines(facts),
        procedure_items=make_items(procedure, quoter, ruleset, measures=getattr(facts, "normative_measures", None)),
        procedure_text=procedure_summary(facts, procedure),
        advice_items=make_items(advice, quoter, ruleset, drafting_rules=drafting_rules),
        conclusion=conclusion,
        conclusion_text=conclusion_text(conclusion, findings, title, review, policy),
        generator=f"doclint {__version__}（规则集 {ruleset.hash[:12]}）",
    )
