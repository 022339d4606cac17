"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff.

Escaping follows @actions/core (command.ts): `%`, CR and LF in the message; also `:` and `,` in properties.
"""

from __future__ import annotations

from doclint.engine.ruleset import RuleSet
from doclint.model import FileResult, Finding
from doclint.report.concise import READ_ERROR_CODE

COMMAND_FOR_SEVERITY = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def end_position(finding: Finding) -> tuple[int, int]:
    """Line and column just past the span, derived from the excerpt (source[start:end] == excerpt)."""
    newlines = finding.excerpt.count("\n")
    if not newlines:
        return finding.location.line, finding.location.column + len(finding.excerpt)
    return finding.location.line + newlines, len(finding.excerpt) - finding.excerpt.rfind("\n")


def workflow_command(command: str, properties: dict[str, str | int], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{command} {props}::{escape_data(message)}"


def finding_command(path: str, finding: Finding) -> str:
    end_line, end_column = end_position(finding)
    properties: dict[str, str | int] = {
        "file": path,
        "line": finding.location.line,
        "col": finding.location.column,
        "endLine": end_line,
    }
    # GitHub only honours endColumn on a single-line annotation.
    if end_line == finding.location.line:
        properties["endColumn"] = end_column
    properties["title"] = finding.rule
    where = f"（{finding.location.article}）" if finding.location.article else ""
    return workflow_command(COMMAND_FOR_SEVERITY[finding.severity], properties, finding.message + where)


def render_github(results: list[FileResult], ruleset: RuleSet) -> str:
    lines: list[str] = []
    for result in results:
        if result.error:
            lines.append(workflow_command("error", {"file": result.path, "title": READ_ERROR_CODE}, result.error))
            continue
        lines.extend(finding_command(result.path, finding) for finding in result.findings)
    return "".join(line + "\n" for line in lines)
