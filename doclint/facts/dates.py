"""Dates in a draft: 施行日期, 有效期, and Chinese date expressions like 2025年3月1日."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re

from doclint import rx
from doclint.text.numerals import chinese_to_int

# Bounded, with no digit before it: a date's number is a few characters, and an unbounded run re-scanned from
# every position of a long digit string (a hostile "1" × 200,000) made each date pattern quadratic.
NUM = r"(?<![0-9零〇一二两三四五六七八九十])[0-9零〇一二两三四五六七八九十]{1,6}"
DATE_RE = rx.compile(rf"({NUM})\s*年\s*({NUM})\s*月\s*({NUM})\s*日")
EFFECTIVE_RE = rx.compile(
    rf"自\s*((?:{NUM}\s*年\s*{NUM}\s*月\s*{NUM}\s*日)|(?:印发|发布|公布|公告|签发|颁布|下发)之日)\s*起\s*(?:施行|执行|实施|生效)"
)
# 「该办法于2023年5月1日印发实施」「2019年3月1日起发布施行」: the date it was issued is the date it took effect.
ISSUED_IN_FORCE_RE = rx.compile(
    rf"({NUM}\s*年\s*{NUM}\s*月\s*{NUM}\s*日)\s*(?:起)?\s*(?:印发|发布|公布|颁布|出台)\s*(?:并)?\s*(?:施行|实施|执行|生效)"
)
VALIDITY_YEARS_RE = rx.compile(rf"(?:有效期|试行期)(?:限)?(?:为|是)?\s*({NUM})\s*年")
VALIDITY_UNTIL_RE = rx.compile(rf"(?:有效期|试行期)(?:限)?(?:至|到|截至|截止(?:至|到)?)\s*({NUM}\s*年\s*{NUM}\s*月\s*{NUM}\s*日)")


@functools.lru_cache(maxsize=4096)  # the same few dates (2024年3月1日) recur across a batch
def parse_date(text: str) -> dt.date | None:
    match = DATE_RE.search(text)
    if not match:
        return None
    year, month, day = (chinese_to_int(part) for part in match.groups())
    return _make_date(year, month, day)


def effective_date(norm: str) -> str | None:
    """ISO date when the draft names one; the phrase (自发布之日起施行) when it defers to publication."""
    matches = list(EFFECTIVE_RE.finditer(norm))
    return effective_date_of(matches[-1]) if matches else None


def effective_date_of(clause: re.Match[str]) -> str:
    """effective_date() of the one EFFECTIVE_RE clause that decides it (the last)."""
    phrase = clause.group(1)
    parsed = parse_date(phrase)
    return parsed.isoformat() if parsed else f"自{phrase}起施行"


# A 有效期 is the document's own when its sentence speaks of the document (本办法…, 施行) or opens with it;
# 「临时号牌有效期为五年」 is a licence plate's, 「证书有效期3年」 a certificate's.
OWN_VALIDITY_RE = rx.compile(r"本(?:办法|规定|细则|通知|通告|意见|决定|方案|规则|制度|文件|措施|公告|标准|准则|政策)|"
                             r"施行|实施|执行|生效|印发之日|发布之日|^\s*(?:[（(]?[一二三四五六七八九十0-9]+[、.．)）])?\s*有效期")
SENTENCE_MARKS = "。！？!?\n"


def own_validity(norm: str, match: re.Match[str]) -> bool:
    start = max(norm.rfind(mark, 0, match.start()) for mark in SENTENCE_MARKS) + 1
    ends = [found for mark in SENTENCE_MARKS if (found := norm.find(mark, match.end())) >= 0]
    sentence = norm[start:min(ends) if ends else len(norm)]
    return bool(OWN_VALIDITY_RE.search(sentence))


def validity_match(norm: str) -> re.Match[str] | None:
    """The first 有效期 clause about the document itself (years or an end date)."""
    for pattern in (VALIDITY_YEARS_RE, VALIDITY_UNTIL_RE):
        for match in pattern.finditer(norm):
            if own_validity(norm, match):
                return match
    return None


def validity(norm: str) -> str | None:
    for match in VALIDITY_YEARS_RE.finditer(norm):
        years = chinese_to_int(match.group(1))
        if years is not None and own_validity(norm, match):
            return f"{years}年"
    for match in VALIDITY_UNTIL_RE.finditer(norm):
        parsed = parse_date(match.group(1))
        if parsed and own_validity(norm, match):
            return f"至{parsed.isoformat()}"
    return None


# --- Ranges, publication dates and validity in years (procedure facts build on these) ---

# A date whose year may be left out when it repeats the year before it: 2025年3月1日至3月31日.
PART_DATE_RE = rx.compile(rf"(?:({NUM})\s*年\s*)?({NUM})\s*月\s*({NUM})\s*[日号]")
ISO_DATE_RE = rx.compile(r"(?<![0-9])((?:19|20)[0-9]{2})[-./]([01]?[0-9])[-./]([0-3]?[0-9])(?![0-9])")
RANGE_JOIN_RE = rx.compile(r"^\s*(?:起)?\s*(?:至|到|—|－|-|~|～|－－|——)\s*$")
PUBLICATION_LABEL_RE = rx.compile(
    rf"(?:发布|印发|公布|成文|发文)(?:日期|时间)\s*[：:]?\s*((?:{NUM}\s*年\s*{NUM}\s*月\s*{NUM}\s*日)|"
    r"(?:(?:19|20)[0-9]{2}[-./][01]?[0-9][-./][0-3]?[0-9]))"
)
DATE_LINE_RE = rx.compile(rf"^\s*(?:{NUM}\s*年\s*{NUM}\s*月\s*{NUM}\s*日)\s*$")
PROVISIONAL_RE = rx.compile(r"暂行|试行")


def _make_date(year: int | None, month: int | None, day: int | None) -> dt.date | None:
    if year is None or month is None or day is None:
        return None
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _num(text: str | None) -> int | None:
    return chinese_to_int(text) if text else None


def date_range(text: str) -> tuple[dt.date, dt.date, int, int] | None:
    """The first 「A至B」 range of dates in `text` (B may omit the year), with the span it covers.

    Handles 2025年3月1日至3月31日, 自2025年3月1日起至2025年3月31日止, 2025年3月1日—3月31日.
    """
    parts = list(PART_DATE_RE.finditer(text))
    for first, second in itertools.pairwise(parts):
        if not RANGE_JOIN_RE.match(text[first.end():second.start()]):
            continue
        year = _num(first.group(1))
        start = _make_date(year, _num(first.group(2)), _num(first.group(3)))
        end_year = _num(second.group(1)) or year
        end = _make_date(end_year, _num(second.group(2)), _num(second.group(3)))
        if start is None or end is None or end < start:
            continue
        return start, end, first.start(), second.end()
    return None


def days_inclusive(start: dt.date, end: dt.date) -> int:
    """A consultation from the 1st to the 30th runs 30 days: both ends count."""
    return (end - start).days + 1


def publication_date(norm: str) -> str | None:
    """ISO date of publication when the text states it: a 发布日期 label, else the signature date line (落款)."""
    match = PUBLICATION_LABEL_RE.search(norm)
    if match:
        found = parse_date(match.group(1)) or _iso(match.group(1))
        if found:
            return found.isoformat()
    signature: dt.date | None = None
    for line in norm.splitlines():
        if "日" in line and DATE_LINE_RE.match(line):  # the 日 test is cheaper than the match, and implied by it
            signature = parse_date(line) or signature
    return signature.isoformat() if signature else None


def _iso(text: str) -> dt.date | None:
    match = ISO_DATE_RE.search(text)
    if not match:
        return None
    return _make_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))


def validity_years(validity_text: str | None, start_iso: str | None) -> float | None:
    """Years of validity: 「5年」 directly, 「至2030-12-31」 counted from the effective (or publication) date."""
    if not validity_text:
        return None
    if validity_text.endswith("年") and not validity_text.startswith("至"):
        number = chinese_to_int(validity_text[:-1])
        return float(number) if number is not None else None
    if validity_text.startswith("至") and start_iso:
        try:
            until = dt.date.fromisoformat(validity_text[1:])
            start = dt.date.fromisoformat(start_iso)
        except ValueError:
            return None
        return round(((until - start).days + 1) / 365.25, 2)
    return None


def is_provisional(title: str | None) -> bool | None:
    """True when the title marks the document 暂行 or 试行; None without a title."""
    if not title:
        return None
    return bool(PROVISIONAL_RE.search(title))


def iso_date(value: object) -> dt.date | None:
    """A fact's ISO date string as a date; None for anything else (a phrase such as 自发布之日起施行)."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
