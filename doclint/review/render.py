"""Text output of a review: the materials checklist, the procedure facts with their evidence, then findings."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from doclint.display import display_path, display_text, results_for_display
from doclint.model import MATERIAL_ROLES, Facts, ReviewResult
from doclint.report.text import render_results
from doclint.review.package import ROLE_STEP

STEP_NAMES: dict[str, str] = {
    "public_consultation": "公开征求意见",
    "expert_review": "专家论证",
    "risk_assessment": "风险评估",
    "fair_competition_review": "公平竞争审查",
    "legality_review": "合法性初审",
    "collective_deliberation": "集体审议",
}
EVIDENCE_CHARS = 60


def yes_no(value: object) -> Text:
    if value is True:
        return Text("有", style="green")
    if value is False:
        return Text("无", style="bold red")
    return Text("不明", style="dim")


def quote(facts: Facts, name: str) -> str:
    evidence = facts.evidence.get(name)
    if evidence is None:
        return ""
    text = " ".join(evidence.text.split())
    if len(text) > EVIDENCE_CHARS:
        text = text[:EVIDENCE_CHARS] + "…"
    return f"{Path(evidence.file).name}：「{text}」"


def step_detail(facts: Facts, step: str) -> str:
    extra = facts.procedure.model_dump()
    parts: list[str] = []
    if step == "public_consultation":
        if extra.get("consultation_from") and extra.get("consultation_to"):
            parts.append(f"{extra['consultation_from']} 至 {extra['consultation_to']}")
        elif extra.get("consultation_to"):
            parts.append(f"截止 {extra['consultation_to']}")
        if extra.get("consultation_days") is not None:
            parts.append(f"共{extra['consultation_days']}日")
        if extra.get("consultation_comments") is not None:
            parts.append(f"收到意见{extra['consultation_comments']}条")
        if extra.get("consultation_adopted") is not None:
            parts.append(f"采纳{extra['consultation_adopted']}条")
        if extra.get("consultation_feedback") is False:
            parts.append("未说明意见采纳情况")
        if extra.get("consultation_shortened_reason"):
            parts.append("已说明缩短期限的理由")
    elif step == "fair_competition_review" and extra.get("fair_competition_conclusion"):
        parts.append(str(extra["fair_competition_conclusion"]))
    elif step == "collective_deliberation":
        if extra.get("deliberation_meeting"):
            parts.append(str(extra["deliberation_meeting"]))
        if extra.get("deliberation_date"):
            parts.append(str(extra["deliberation_date"]))
    return "，".join(parts)


def render_materials(console: Console, review: ReviewResult) -> None:
    table = Table(title=Text(f"送审材料：{display_path(review.package)}"), title_justify="left", show_lines=False)
    for column in ("材料", "状态", "文件"):
        table.add_column(column)
    shown_steps = review.draft.facts.procedure.model_dump() if review.draft else {}
    for role, name in MATERIAL_ROLES.items():
        files = [m for m in review.materials if m.role == role]
        if role == "other" and not files:
            continue
        if files:
            for material in files:
                status = Text("无法读取", style="bold red") if material.error else Text("有", style="green")
                shown = display_path(Path(material.path).name) + (
                    f"（{display_text(material.error)}）" if material.error else "")
                table.add_row(name, status, Text(shown))
        elif role in review.missing:
            table.add_row(name, Text("缺少，需补正", style="bold red"), "")
        elif shown_steps.get(ROLE_STEP.get(role, "")) is True:
            table.add_row(name, Text("见其他材料", style="green"), "")
        else:
            table.add_row(name, Text("未提供", style="dim"), "")
    console.print(table)


def fact_line(console: Console, label: str, value: Text, detail: str, source: str) -> None:
    line = Text(f"  {label}：")
    line.append_text(value)
    if detail:
        line.append(f"（{display_text(detail)}）")
    console.print(line)
    if source:
        console.print(Text(f"      出处：{display_text(source)}", style="dim"))


def render_facts(console: Console, facts: Facts) -> None:
    console.print(Text("程序事实", style="bold"))
    checks = getattr(facts, "checks", None) or {}
    for label, value, key in (
        ("标题", facts.title, "title"),
        ("文号", facts.doc_number, "doc_number"),
        ("发布日期", facts.publication_date, "publication_date"),
        ("施行日期", facts.effective_date, "effective_date"),
        ("有效期", facts.validity, "validity"),
    ):
        shown = Text(value) if value else Text("未写明", style="dim")
        fact_line(console, label, shown, "", quote(facts, key))
    if facts.provisional is not None:
        years = checks.get("validity_years")
        fact_line(console, "暂行/试行", yes_no(facts.provisional), f"有效期约{years}年" if years else "", "")
    procedure = facts.procedure.model_dump()
    for step, label in STEP_NAMES.items():
        fact_line(console, label, yes_no(procedure.get(step)), step_detail(facts, step), quote(facts, step))


def render_review(console: Console, review: ReviewResult) -> None:
    render_materials(console, review)
    console.print()
    draft = review.draft
    if draft is None:
        return
    if draft.error is None:
        render_facts(console, draft.facts)
        console.print()
    sources = {draft.path: review.draft_text} if review.draft_text is not None else {}
    render_results(console, *results_for_display([draft], sources))
