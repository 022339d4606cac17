"""The dates a draft speaks as of: its 成文日期 (the date under the signature) and the date its citations must hold on.

Citations are judged on the latest of the document's own dates (effective, publication, 成文日期), because a
text must be right on the day it applies; with no date at all, on today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from doclint import rx
from doclint.facts.dates import DATE_RE, effective_date, iso_date, parse_date

if TYPE_CHECKING:
    from doclint.document import Document

__all__ = ["SignedDate", "citation_date", "signing_date"]

# A line that is nothing but a date: 2024年3月1日 / 二〇二四年三月一日, perhaps with (印发|发布) after it.
DATE_LINE_RE = rx.compile(rf"^\s*[（(]?\s*{DATE_RE.pattern}\s*[）)]?\s*(?:印发|发布|公布|制定)?\s*$")
# The signature block sits in the last few non-empty lines (机关署名, 成文日期, 印章, maybe （此件公开发布）).
TAIL_LINES = 6


@dataclass(frozen=True)
class SignedDate:
    """The 成文日期 found at the end of a draft: its date and its span in the text."""

    date: dt.date
    start: int
    end: int


def signing_date(doc: Document) -> SignedDate | None:
    """The date standing alone on one of the last lines (成文日期), when there is one (read once per document:
    the citation date and the form detectors both ask)."""
    return doc.memo(("as_of", "signing-date"), _read_signing_date)


def _read_signing_date(doc: Document) -> SignedDate | None:
    structure = doc.structure
    for index in reversed(structure.nonempty_lines[-TAIL_LINES:]):
        start = structure.line_starts[index]
        end = doc.norm.find("\n", start)
        end = len(doc.norm) if end < 0 else end
        line = doc.norm[start:end]
        if not DATE_LINE_RE.match(line):
            continue
        found = DATE_RE.search(line)
        parsed = parse_date(line)
        if found and parsed:
            return SignedDate(parsed, start + found.start(), start + found.end())
    return None




def citation_date(doc: Document, today: dt.date | None = None) -> dt.date:
    """The day the draft's citations must be right on: its latest own date, else today."""
    facts: Mapping[str, Any] = doc.facts or {}
    # Facts are filled by the lint pipeline; a Document built by hand still has its text to read.
    effective = facts["effective_date"] if "effective_date" in facts else effective_date(doc.norm)
    known = [d for d in (iso_date(effective), iso_date(facts.get("publication_date"))) if d]
    signed = signing_date(doc)
    if signed is not None:
        known.append(signed.date)
    if known:
        return max(known)
    return today or dt.date.today()
