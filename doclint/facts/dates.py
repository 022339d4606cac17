"""Dates in a draft: 施行日期, 有效期, and Chinese date expressions like 2025年3月1日."""

from __future__ import annotations

import datetime as dt
import re

from doclint.text.numerals import chinese_to_int

NUM = r"[0-9零〇一二两三四五六七八九十]+"
DATE_RE = re.compile(rf"({NUM})\s*年\s*({NUM})\s*月\s*({NUM})\s*日")
EFFECTIVE_RE = re.compile(
    rf"自\s*((?:{NUM}\s*年\s*{NUM}\s*月\s*{NUM}\s*日)|(?:印发|发布|公布|公告|签发)之日)\s*起\s*(?:施行|执行|实施|生效)"
)
VALIDITY_YEARS_RE = re.compile(rf"有效期(?:为|限为|限)?\s*({NUM})\s*年")
VALIDITY_UNTIL_RE = re.compile(rf"有效期(?:至|到)\s*({NUM}\s*年\s*{NUM}\s*月\s*{NUM}\s*日)")


def parse_date(text: str) -> dt.date | None:
    match = DATE_RE.search(text)
    if not match:
        return None
    year, month, day = (chinese_to_int(part) for part in match.groups())
    if year is None or month is None or day is None:
        return None
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def effective_date(norm: str) -> str | None:
    """ISO date when the draft names one; the phrase (自发布之日起施行) when it defers to publication."""
    matches = list(EFFECTIVE_RE.finditer(norm))
    if not matches:
        return None
    phrase = matches[-1].group(1)
    parsed = parse_date(phrase)
    return parsed.isoformat() if parsed else f"自{phrase}起施行"


def validity(norm: str) -> str | None:
    match = VALIDITY_YEARS_RE.search(norm)
    if match:
        years = chinese_to_int(match.group(1))
        if years is not None:
            return f"{years}年"
    match = VALIDITY_UNTIL_RE.search(norm)
    if match:
        parsed = parse_date(match.group(1))
        if parsed:
            return f"至{parsed.isoformat()}"
    return None
