"""Which part of a submission package a file is: the draft or one of the evidence documents (MATERIAL_ROLES)."""

from __future__ import annotations

import re
from pathlib import Path

from doclint.text.normalise import normalise

# Most specific first: 「《××办法（送审稿）》公平竞争审查意见」 is the review, not the draft, and
# 「征求意见采纳情况」 is the consultation report even though it says 征求意见.
ROLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("drafting_explanation", re.compile(r"起草说明|编制说明|制定说明|起草情况的?说明|关于.{0,40}的说明$")),
    ("consultation", re.compile(r"征求意见(?:的)?(?:情况|及采纳|采纳|汇总|反馈)|意见(?:采纳|反馈|汇总|处理)|采纳情况")),
    ("fair_competition", re.compile(r"公平竞争")),
    ("risk_assessment", re.compile(r"风险评估|稳定风险")),
    ("expert_opinion", re.compile(r"专家(?:论证|意见|评审|咨询)|论证(?:意见|报告|会)")),
    ("legality_pre_review", re.compile(r"合法性(?:初审|审核|审查)")),
    ("deliberation", re.compile(r"纪要|会议记录|会议决定|审议(?:意见|情况|结果)|(?:常务|局务|党组|全体)会议")),
    ("basis_table", re.compile(r"对照表|依据对照|制定依据")),
    ("draft", re.compile(r"送审稿|草案|征求意见稿|代拟稿|审议稿|修订稿")),
)
ARTICLE_RE = re.compile(r"^[ \t]*第[一二三四五六七八九十百0-9]+条", re.MULTILINE)


def role_from_label(label: str) -> str | None:
    """The role a file name or a title names, if any."""
    folded = normalise(label)
    for role, pattern in ROLE_PATTERNS:
        if pattern.search(folded):
            return role
    return None


def first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:120]
    return None


def article_count(norm: str) -> int:
    return len(ARTICLE_RE.findall(norm))


def guess_role(path: str, title: str | None, norm: str) -> str:
    """File name first (offices name their attachments), then the title, then the shape of the content."""
    for label in (Path(path).stem, title or "", first_line(norm) or ""):
        role = role_from_label(label)
        if role is not None:
            return role
    return "draft" if article_count(norm) >= 2 else "other"
