"""One line per finding, `path:line:col: CODE message`, for editors, grep and pre-commit logs.

An unreadable file gets one line `path:1:1: E000 <error>`, so a pre-commit log never hides it.
A clean run prints nothing.
"""

from __future__ import annotations

from doclint.engine.ruleset import RuleSet
from doclint.model import FileResult

# Pseudo-code for "this file could not be read"; no rule uses the E prefix.
READ_ERROR_CODE = "E000"


def one_line(text: str) -> str:
    """Editors parse one finding per line, so a message never breaks the line."""
    return " ".join(text.split())


def render_concise(results: list[FileResult], ruleset: RuleSet) -> str:
    lines: list[str] = []
    for result in results:
        if result.error:
            lines.append(f"{result.path}:1:1: {READ_ERROR_CODE} {one_line(result.error)}")
            continue
        for finding in result.findings:
            where = f"{result.path}:{finding.location.line}:{finding.location.column}"
            lines.append(f"{where}: {finding.rule} {one_line(finding.message)}")
    return "".join(line + "\n" for line in lines)
