"""The review conclusion (审核结论) a draft's findings lead to: one policy for the memo and the batch report.

Default policy, checked in this order (the first that holds wins):

1. 不合法（建议不予出台）: any finding of severity ``error`` in a category that sets what a normative document
   may never set — licensing, penalty, coercion, fee, obligation, competition (行政许可法第十四至十七条、
   行政处罚法第十六条、行政强制法第十条、立法法第九十三条、公平竞争审查条例).
2. 应当予以修改: any other ``error`` (any category), or any ``warning`` in a legality category (the six above plus
   ultra_vires, citation and procedure). These are the findings the memo treats as binding.
3. 合法: everything else. Warnings of the drafting-quality categories (vague, form) and every ``info`` finding are
   advice only; they appear under 其他建议, marked 「以下意见供参考」.

An office changes the policy by passing its own ``ConclusionPolicy`` (every field is plain data, so it can come
from a TOML or YAML file); the memo never hard-codes a category outside this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from doclint.model import Finding

ILLEGAL = "不合法（建议不予出台）"
NEEDS_REVISION = "应当予以修改"
LEGAL = "合法"

# Most severe first: the batch report sorts and filters by this order.
CONCLUSIONS: tuple[str, ...] = (ILLEGAL, NEEDS_REVISION, LEGAL)

PROHIBITED_CATEGORIES = ("licensing", "penalty", "coercion", "fee", "obligation", "competition")


class Conclusion(StrEnum):
    """The three conclusions a legality review can reach, in the words an office writes."""

    lawful = LEGAL
    amend = NEEDS_REVISION
    unlawful = ILLEGAL


class ConclusionPolicy(BaseModel):
    """Which (severity, category) pairs lead to which conclusion; see the module docstring for the defaults."""

    model_config = ConfigDict(extra="forbid")

    unlawful_categories: list[str] = Field(default_factory=lambda: list(PROHIBITED_CATEGORIES))
    unlawful_severities: list[str] = Field(default_factory=lambda: ["error"])
    # Any finding of these severities, whatever its category, requires changes.
    amend_severities: list[str] = Field(default_factory=lambda: ["error"])
    # Findings of these severities require changes only in a legality category.
    amend_legality_severities: list[str] = Field(default_factory=lambda: ["warning"])
    legality_categories: list[str] = Field(
        default_factory=lambda: [*PROHIBITED_CATEGORIES, "ultra_vires", "citation", "procedure"]
    )

    def makes_unlawful(self, finding: Finding) -> bool:
        return finding.severity in self.unlawful_severities and finding.category in self.unlawful_categories

    def is_binding(self, finding: Finding) -> bool:
        """Whether the finding alone keeps the draft from being 合法 (it then sits in 审核意见, not 其他建议)."""
        if self.makes_unlawful(finding) or finding.severity in self.amend_severities:
            return True
        return finding.severity in self.amend_legality_severities and finding.category in self.legality_categories

    def conclude(self, findings: Iterable[Finding]) -> Conclusion:
        conclusion = Conclusion.lawful
        for finding in findings:
            if self.makes_unlawful(finding):
                return Conclusion.unlawful
            if self.is_binding(finding):
                conclusion = Conclusion.amend
        return conclusion


DEFAULT_POLICY = ConclusionPolicy()


def conclusion(findings: Iterable[Finding], policy: ConclusionPolicy = DEFAULT_POLICY) -> str:
    """The conclusion of 合法性审核意见书 for one draft's findings, in the office's words."""
    return policy.conclude(findings).value
