"""Human-readable output with rich: grouped by file and article, excerpt with the span marked."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from doclint.display import display_text
from doclint.engine.schema import CATEGORY_NAMES_ZH
from doclint.model import FileResult, Finding

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
CONTEXT_CHARS = 30


def excerpt_line(source: str, finding: Finding) -> tuple[str, int, int]:
    """The source line around the finding, clipped to a window, and the span's position in it."""
    line_start = source.rfind("\n", 0, finding.start) + 1
    line_end = source.find("\n", finding.start)
    line_end = len(source) if line_end < 0 else line_end
    span_end = min(finding.end, line_end)
    left = max(line_start, finding.start - CONTEXT_CHARS)
    right = min(line_end, span_end + CONTEXT_CHARS)
    prefix = "…" if left > line_start else ""
    suffix = "…" if right < line_end else ""
    text = prefix + source[left:right].rstrip("\r") + suffix
    start = len(prefix) + finding.start - left
    return text, start, start + (span_end - finding.start)


def render_finding(console: Console, finding: Finding, source: str | None) -> None:
    header = Text("  ")
    header.append(f"{SEVERITY_ZH[finding.severity]} ", style=SEVERITY_STYLE[finding.severity])
    header.append(f"{finding.rule} ", style="bold")
    header.append(display_text(finding.message))
    header.append(f"  [{finding.location.line}:{finding.location.column}]", style="dim")
    console.print(header)
    if source is not None:
        line, start, end = excerpt_line(source, finding)
        # A control character of the draft (an escape sequence in a .txt) is shown escaped, never sent as is.
        before, span, after = display_text(line[:start]), display_text(line[start:end]), display_text(line[end:])
        shown = Text("      │ ")
        shown.append(before)
        shown.append(span, style="bold red underline")
        shown.append(after)
        console.print(shown)
        caret = " " * (8 + cell_len(before)) + "^" * max(1, cell_len(span))
        console.print(Text(caret, style="red"))
    if finding.basis:
        console.print(Text("      依据：" + "；".join(finding.basis), style="dim"))
    if finding.suggestion:
        console.print(Text("      建议：" + finding.suggestion, style="green"))


def render_results(console: Console, results: list[FileResult], sources: dict[str, str]) -> None:
    totals = {"error": 0, "warning": 0, "info": 0}
    for result in results:
        title = Text(result.path, style="bold underline")
        if result.error:
            console.print(title)
            console.print(Text(f"  无法读取：{result.error}", style="bold red"))
            console.print()
            continue
        if not result.findings:
            continue
        console.print(title, Text(f"（文件类型：{result.doc_type}）", style="dim"))
        current_article: str | None = "\0"
        for finding in result.findings:
            totals[finding.severity] += 1
            if finding.location.article != current_article:
                current_article = finding.location.article
                label = current_article or "（条文之外）"
                console.print(Text(f" {label}", style="bold blue"))
            render_finding(console, finding, sources.get(result.path))
        console.print()
    unreadable = sum(1 for r in results if r.error)
    total = sum(totals.values())
    by_category: dict[str, int] = {}
    for result in results:
        for finding in result.findings:
            by_category[finding.category] = by_category.get(finding.category, 0) + 1
    summary = (
        f"共检查 {len(results)} 个文件，发现 {total} 处问题（错误 {totals['error']}，警告 {totals['warning']}，"
        f"提示 {totals['info']}）"
    )
    if unreadable:
        summary += f"，{unreadable} 个文件无法读取"
    if by_category:
        summary += "。按类别：" + "，".join(
            f"{CATEGORY_NAMES_ZH.get(cat, cat)} {n}" for cat, n in sorted(by_category.items(), key=lambda x: -x[1])
        )
    style = "bold red" if totals["error"] or unreadable else ("yellow" if total else "bold green")
    console.print(Text(summary, style=style))
