"""Conclusions for documents already in force: filing review (备案审查) and clean-up (清理), with their reasons.

A filed document is not a draft: it is never told 「建议不予出台」. Filing review concludes 无问题 / 建议制定机关修改 /
建议撤销或者纠正; a clean-up run proposes 保留 / 修改 / 废止 / 宣布失效. Both are read from what the store holds
(the draft-review conclusion, the facts and the findings), so a report can be rewritten in either mode without
linting again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from doclint.batch.modes import Mode
from doclint.facts.dates import iso_date, validity_years
from doclint.model import Finding
from doclint.policy import CONCLUSIONS, DEFAULT_POLICY, ConclusionPolicy

NO_PROBLEM = "无问题"
AMEND = "建议制定机关修改"
REVOKE = "建议撤销或者纠正"
# Most severe first: the report ranks and colours by this order.
FILING_CONCLUSIONS: tuple[str, ...] = (REVOKE, AMEND, NO_PROBLEM)

REPEAL = "废止"
LAPSE = "宣布失效"
REVISE = "修改"
KEEP = "保留"
CLEANUP_DECISIONS: tuple[str, ...] = (REPEAL, LAPSE, REVISE, KEEP)
# A document with unlawful clauses in this many articles or more is proposed for repeal rather than revision:
# what is left after striking them seldom stands on its own. An office reviews every proposal.
REPEAL_ARTICLES = 3
MAX_REASONS = 5


def labels(mode: Mode) -> tuple[str, ...]:
    if mode is Mode.filing:
        return FILING_CONCLUSIONS
    if mode is Mode.cleanup:
        return CLEANUP_DECISIONS
    return CONCLUSIONS


@dataclass(frozen=True)
class Outcome:
    conclusion: str
    reasons: str


def _reason_lines(findings: list[Finding], keep: Any) -> list[str]:
    lines: list[str] = []
    for finding in findings:
        if not keep(finding):
            continue
        where = finding.location.article or f"第{finding.location.line}行"
        line = f"{where}：{finding.message}"
        if line not in lines:
            lines.append(line)
    if len(lines) > MAX_REASONS:
        lines = [*lines[:MAX_REASONS], f"等{len(lines)}处"]
    return lines


def expired_on(facts: dict[str, Any]) -> dt.date | None:
    """The day the validity period ended, when the facts state it (至 a date, or N年 from the start)."""
    validity = facts.get("validity")
    if not isinstance(validity, str):
        return None
    if validity.startswith("至"):
        return iso_date(validity[1:])
    start = iso_date(facts.get("effective_date")) or iso_date(facts.get("publication_date"))
    years = validity_years(validity, start.isoformat() if start else None)
    if start is None or years is None:
        return None
    try:
        return start.replace(year=start.year + int(years)) - dt.timedelta(days=1)
    except ValueError:  # 29 February plus whole years
        return start + dt.timedelta(days=round(365.25 * years) - 1)


def outcome(mode: Mode, stored: str | None, facts: dict[str, Any], findings: list[Finding],
            today: dt.date, policy: ConclusionPolicy = DEFAULT_POLICY) -> Outcome | None:
    """The conclusion in the mode's words and the reasons for it; None for a file that could not be read."""
    if stored is None:
        return None
    unlawful = [f for f in findings if policy.makes_unlawful(f)]
    binding = [f for f in findings if policy.is_binding(f)]
    if mode is Mode.review:
        return Outcome(stored, "；".join(_reason_lines(binding, lambda f: True)))
    if mode is Mode.filing:
        if unlawful:
            return Outcome(REVOKE, "；".join(_reason_lines(unlawful, lambda f: True)))
        if binding:
            return Outcome(AMEND, "；".join(_reason_lines(binding, lambda f: True)))
        return Outcome(NO_PROBLEM, "")
    ended = expired_on(facts)
    if ended is not None and ended < today:
        return Outcome(LAPSE, f"有效期已于{ended.year}年{ended.month}月{ended.day}日届满")
    articles = {f.location.article or f.start for f in unlawful}
    if len(articles) >= REPEAL_ARTICLES:
        return Outcome(REPEAL, "多处条款与上位法相抵触：" + "；".join(_reason_lines(unlawful, lambda f: True)))
    if binding:
        return Outcome(REVISE, "；".join(_reason_lines(binding, lambda f: True)))
    return Outcome(KEEP, "")
