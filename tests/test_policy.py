"""The conclusion policy: error → 不合法, warning → 应当予以修改, otherwise 合法."""

from __future__ import annotations

from doclint.lint import lint_text
from doclint.model import Finding, Location, Severity
from doclint.policy import ILLEGAL, LEGAL, NEEDS_REVISION, conclusion


def _finding(severity: Severity) -> Finding:
    return Finding(
        rule="X001", name="x.y", category="penalty", severity=severity,
        message="测试", start=0, end=1, excerpt="罚", location=Location(line=1, column=1, paragraph=1),
    )


def test_no_findings_is_lawful() -> None:
    assert conclusion([]) == LEGAL


def test_info_alone_is_lawful() -> None:
    assert conclusion([_finding("info")]) == LEGAL


def test_warning_requires_revision() -> None:
    assert conclusion([_finding("info"), _finding("warning")]) == NEEDS_REVISION


def test_any_error_makes_the_draft_unlawful() -> None:
    assert conclusion([_finding("warning"), _finding("error"), _finding("info")]) == ILLEGAL


def test_a_fine_set_by_a_normative_document_is_unlawful() -> None:
    text = "关于加强摊点管理的通知\n违反本通知规定的，由区城管局处一千元以上五千元以下罚款。\n"
    result = lint_text(text, "摊点.txt")
    assert any(f.severity == "error" for f in result.findings)
    assert conclusion(result.findings) == ILLEGAL
