"""Turns the visual lines of a fixed-layout page (PDF, OFD) back into paragraphs, and pages into one text.

A printed line ends where the paper ends, not where the sentence ends; rules match within sentences,
so a wrapped line must be joined to the next one. Short lines (titles, signatures, dates) stay lines.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# Page numbers printed in the margin: "- 3 -", "— 3 —", "第 3 页", "3/12".
_PAGE_NUMBER = re.compile(r"[\s\-—–－]*(?:第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+(?:\s*/\s*\d+)?)[\s\-—–－]*")
# A line that opens a new unit of a draft: 第X条/章, 一、 (一) 1. and the like.
_OPENS_UNIT = re.compile(
    r"[\s\u3000]*(?:第[一二三四五六七八九十百千零〇\d]+[条章节款项]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、])"
)
# Where a sentence or a heading may end; a full line ending in anything else continues on the next line.
_ENDS_PARAGRAPH = "。；：！？!?;:」』”）)"
# A line at least this share of the page's widest line counts as full (wrapped by the layout).
_FULL_LINE_SHARE = 0.8


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def is_page_number(line: str) -> bool:
    return bool(line.strip()) and _PAGE_NUMBER.fullmatch(line) is not None


def drop_page_numbers(lines: list[str]) -> list[str]:
    """Remove a printed page number from the first or last line of a page."""
    trimmed = list(lines)
    while trimmed and not trimmed[-1].strip():
        trimmed.pop()
    if trimmed and is_page_number(trimmed[-1]):
        trimmed.pop()
    if trimmed and is_page_number(trimmed[0]):
        trimmed.pop(0)
    return trimmed


def paged_text(pages: Sequence[Sequence[str]]) -> tuple[str, list[int]]:
    """One text from the visual lines of each page, and the offset where each page starts.

    Wrapped lines are joined, also across a page break; page numbers in the margin are dropped.
    """
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    previous: str | None = None
    previous_widest = 0
    for page in pages:
        lines = drop_page_numbers([line.rstrip() for line in page])
        widest = max((display_width(line) for line in lines), default=0)
        first = True
        for line in lines:
            if previous is not None and not _continues(previous, line, previous_widest):
                parts.append("\n")
                offset += 1
            if first:
                starts.append(offset)
                first = False
            parts.append(line)
            offset += len(line)
            previous, previous_widest = line, widest
        if first:
            starts.append(offset)
    return "".join(parts), starts


def _continues(line: str, following: str, widest: int) -> bool:
    if not line or not following.strip():
        return False
    if line[-1] in _ENDS_PARAGRAPH or _OPENS_UNIT.match(following):
        return False
    if widest == 0 or display_width(line) < _FULL_LINE_SHARE * widest:
        return False
    # A Latin word cut at the margin keeps a line break as its space; CJK text runs on without one.
    return not (line[-1].isascii() and line[-1].isalnum() and following[:1].isascii() and following[:1].isalnum())
