"""One conclusion policy for the memo and the batch report (doclint.policy)."""

from __future__ import annotations

from doclint.lint import lint_text
from doclint.model import Finding, Location, Severity
from doclint.policy import ILLEGAL, LEGAL, NEEDS_REVISION, ConclusionPolicy, conclusion


def _finding(severity: Severity, category: str = "penalty") -> Finding:
    return Finding(
        rule="X001", name="x.y", category=category, severity=severity,
        message="测试", start=0, end=1, excerpt="罚", location=Location(line=1, column=1, paragraph=1),
    )


def test_no_findings_or_info_alone_is_lawful() -> None:
    assert conclusion([]) == LEGAL
    assert conclusion([_finding("info")]) == LEGAL


def test_an_error_in_a_prohibited_category_makes_the_draft_unlawful() -> None:
    assert conclusion([_finding("warning"), _finding("error"), _finding("info")]) == ILLEGAL


def test_an_error_of_form_or_a_legality_warning_requires_revision() -> None:
    assert conclusion([_finding("error", "form")]) == NEEDS_REVISION
    assert conclusion([_finding("warning", "procedure")]) == NEEDS_REVISION
    assert conclusion([_finding("warning", "obligation")]) == NEEDS_REVISION


def test_drafting_quality_warnings_are_advice_only() -> None:
    assert conclusion([_finding("warning", "vague"), _finding("warning", "form")]) == LEGAL


def test_an_office_can_make_the_policy_stricter() -> None:
    strict = ConclusionPolicy(amend_legality_severities=["warning", "info"], legality_categories=["vague"])
    assert conclusion([_finding("info", "vague")], strict) == NEEDS_REVISION


def test_a_fine_set_by_a_normative_document_is_unlawful() -> None:
    text = "关于加强摊点管理的通知\n违反本通知规定的，由区城管局处一千元以上五千元以下罚款。\n"
    result = lint_text(text, "摊点.txt")
    assert conclusion(result.findings) == ILLEGAL
