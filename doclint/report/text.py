"""Human-readable output with rich: grouped by file and article, excerpt with the span marked."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from doclint.display import display_text
from doclint.engine.schema import CATEGORY_NAMES_ZH
from doclint.model import FileResult, Finding
from doclint.report.ruledoc import DOC_TYPE_ZH

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
# The excerpt's frame and elision marks are ASCII: a CJK terminal draws │ and … two columns wide, which
# would shift the ^^^ underline off the characters it marks.
GUTTER = "      | "
ELLIPSIS = "..."
# Narrower than this, a terminal is not worth fitting: show at least this many columns of text.
MIN_TEXT_COLUMNS = 20


def _take_cells(text: str, cells: int, from_end: bool = False) -> str:
    """The longest head (or tail) of `text` that fits in `cells` columns (CJK characters count two)."""
    taken: list[str] = []
    used = 0
    for char in reversed(text) if from_end else text:
        width = cell_len(char)
        if used + width > cells:
            break
        taken.append(char)
        used += width
    return "".join(reversed(taken)) if from_end else "".join(taken)


def excerpt_line(source: str, finding: Finding, columns: int = 72) -> tuple[str, int, int]:
    """The source line around the finding, clipped to `columns` terminal cells, and the span's position in it.

    The span is shown whole when it fits (else its head); the rest of the width goes to the text around it,
    left and right alike, the unused share of one side to the other.
    """
    line_start = source.rfind("\n", 0, finding.start) + 1
    line_end = source.find("\n", finding.start)
    line_end = len(source) if line_end < 0 else line_end
    line = source[line_start:line_end].rstrip("\r")
    start = min(finding.start - line_start, len(line))
    end = max(start, min(finding.end - line_start, len(line)))
    if cell_len(line) <= columns:
        return line, start, end
    marks = 2 * len(ELLIPSIS)
    span = line[start:end]
    if cell_len(span) > columns - marks:
        span = _take_cells(span, columns - marks)
        shown_left = ELLIPSIS if start else ""
        return shown_left + span + ELLIPSIS, len(shown_left), len(shown_left) + len(span)
    room = columns - marks - cell_len(span)
    before, after = line[:start], line[end:]
    left_room = max(room // 2, room - cell_len(after))
    left = _take_cells(before, left_room, from_end=True)
    right = _take_cells(after, room - cell_len(left))
    prefix = ELLIPSIS if len(left) < len(before) else ""
    suffix = ELLIPSIS if len(right) < len(after) else ""
    text = prefix + left + span + right + suffix
    begin = len(prefix) + len(left)
    return text, begin, begin + len(span)


def render_finding(console: Console, finding: Finding, source: str | None) -> None:
    header = Text("  ")
    header.append(f"{SEVERITY_ZH[finding.severity]} ", style=SEVERITY_STYLE[finding.severity])
    header.append(f"{finding.rule} ", style="bold")
    header.append(display_text(finding.message))
    header.append(f"  [{finding.location.line}:{finding.location.column}]", style="dim")
    console.print(header)
    if source is not None:
        columns = max(MIN_TEXT_COLUMNS, console.width - cell_len(GUTTER) - 1)
        line, start, end = excerpt_line(source, finding, columns)
        # A control character of the draft (an escape sequence in a .txt) is shown escaped, never sent as is.
        before, span, after = display_text(line[:start]), display_text(line[start:end]), display_text(line[end:])
        shown = Text(GUTTER)
        shown.append(before)
        shown.append(span, style="bold red underline")
        shown.append(after)
        console.print(shown)
        caret = " " * (cell_len(GUTTER) + cell_len(before)) + "^" * max(1, cell_len(span))
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
        kind = DOC_TYPE_ZH.get(result.doc_type or "", result.doc_type or "未识别")
        console.print(title, Text(f"（文件类型：{kind}）", style="dim"))
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
