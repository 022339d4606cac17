"""Suppressions with a reason: `<!-- doclint: ignore[PEN001] 理由：… -->` in text, or a Word comment in .docx.

A directive on its own line covers the next non-empty line; `ignore-file[…]` covers the whole document. In a
.docx, a comment whose text starts with `doclint: ignore[…]` covers the text it is anchored on. Codes are rule
selectors (PEN001, PEN, penalty). A directive without a reason, or one that suppresses nothing, is reported
by the suppression rules (SUP001, SUP002), as ruff reports an unused noqa.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from doclint import rx
from doclint.document import Document
from doclint.engine.selection import selector_matches
from doclint.model import Finding

if TYPE_CHECKING:
    from doclint.engine.compiled import RuleSet

TEXT_DIRECTIVE = rx.compile(r"<!--\s*doclint\s*[:：]\s*(ignore-file|ignore)\s*\[([^\]\n]*)\]\s*(.*?)\s*-->")
COMMENT_DIRECTIVE = rx.compile(r"^\s*doclint\s*[:：]\s*(ignore-file|ignore)\s*\[([^\]\n]*)\]\s*(.*)$", re.S)
REASON = rx.compile(r"^(?:理由|原因|reason)\s*[：:]\s*(\S.*)$", re.S | re.I)


@dataclass
class Suppression:
    codes: list[str]
    reason: str | None
    start: int  # the directive (or the anchored comment) in the source text
    end: int
    target_start: int
    target_end: int
    file_level: bool
    used: bool = False

    def covers(self, finding: Finding) -> bool:
        return self.file_level or (self.target_start <= finding.start < max(self.target_end, self.target_start + 1))


def _reason(text: str) -> str | None:
    match = REASON.match(text.strip())
    return match.group(1).strip() if match and match.group(1).strip() else None


def _codes(raw: str) -> list[str]:
    return [code.strip() for code in re.split(r"[,，、\s]+", raw) if code.strip()]


def _next_content_line(source: str, position: int) -> tuple[int, int]:
    """The next non-empty line after `position` that is not itself a directive."""
    cursor = source.find("\n", position)
    while cursor != -1:
        start = cursor + 1
        end = source.find("\n", start)
        end = len(source) if end == -1 else end
        line = source[start:end]
        if line.strip() and not TEXT_DIRECTIVE.fullmatch(line.strip()):
            return start, end
        cursor = source.find("\n", start) if end < len(source) else -1
    return len(source), len(source)


def find_suppressions(doc: Document) -> list[Suppression]:
    found: list[Suppression] = []
    for match in TEXT_DIRECTIVE.finditer(doc.source):
        file_level = match.group(1) == "ignore-file"
        target = (0, len(doc.source)) if file_level else _next_content_line(doc.source, match.end())
        found.append(Suppression(_codes(match.group(2)), _reason(match.group(3)), match.start(), match.end(),
                                 target[0], target[1], file_level))
    for comment in doc.comments:
        anchored = COMMENT_DIRECTIVE.match(comment.text)
        if not anchored:
            continue
        match = anchored
        file_level = match.group(1) == "ignore-file"
        end = max(comment.end, comment.start + 1)
        target_start, target_end = _enclosing_paragraphs(doc, comment.start, end)
        found.append(Suppression(_codes(match.group(2)), _reason(match.group(3)), comment.start, end,
                                 target_start, target_end, file_level))
    return found


def _enclosing_paragraphs(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The whole paragraphs (条款) a comment's anchored words lie in.

    A reviewer selects a few words of a clause and comments on them; the finding may start anywhere in the
    clause (the README promises 「在该条款上加批注」), so the comment covers the clause, not just its anchor.
    """
    for paragraph in doc.structure.paragraphs:
        if paragraph.end > start and paragraph.start < end:
            start = min(start, paragraph.start)
            end = max(end, paragraph.end)
    return start, end


def apply_suppressions(findings: list[Finding], suppressions: list[Suppression], ruleset: RuleSet) -> list[Finding]:
    """Drop suppressed findings and mark which directives were used."""
    kept = []
    for finding in findings:
        compiled = ruleset.by_id.get(finding.rule)
        suppressed = False
        for suppression in suppressions:
            if compiled is None or not suppression.covers(finding):
                continue
            if any(selector_matches(code, compiled.rule) for code in suppression.codes):
                suppression.used = True
                suppressed = True
        if not suppressed:
            kept.append(finding)
    return kept
