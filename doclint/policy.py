"""The review conclusion (审核结论) a set of findings leads to, shared by the batch report and the memo."""

from __future__ import annotations

from collections.abc import Iterable

from doclint.model import Finding

ILLEGAL = "不合法（建议不予出台）"
NEEDS_REVISION = "应当予以修改"
LEGAL = "合法"

# Most severe first: the report sorts and filters by this order.
CONCLUSIONS: tuple[str, ...] = (ILLEGAL, NEEDS_REVISION, LEGAL)


def conclusion_for_severities(severities: Iterable[str]) -> str:
    """Any error makes the draft unlawful; any warning means it must be revised; info alone leaves it lawful."""
    seen = set(severities)
    if "error" in seen:
        return ILLEGAL
    if "warning" in seen:
        return NEEDS_REVISION
    return LEGAL


def conclusion(findings: Iterable[Finding]) -> str:
    """The conclusion of 合法性审核意见书 section 4 for one draft's findings."""
    return conclusion_for_severities(finding.severity for finding in findings)
