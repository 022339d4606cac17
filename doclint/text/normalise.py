"""Matching twin of the source text: traditional→simplified and width folding, same length, same offsets."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from doclint import rx

# ASCII punctuation that Chinese drafts use interchangeably with the full-width forms. Rules are written
# with the Chinese forms, so these fold *to* full width; digits and Latin letters fold to half width.
_TO_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
_EXTRA = {"\u3000": " ", "\u00a0": " ", "［": "[", "］": "]", "〔": "〔", "﹝": "〔", "﹞": "〕",
          "‘": "'", "’": "'", "“": "\"", "”": "\"", "﹐": "，", "﹔": "；", "﹕": "："}


def _build_width_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF10, 0xFF1A):  # ０-９
        table[code] = chr(code - 0xFEE0)
    for code in list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B)):  # Ａ-Ｚ ａ-ｚ
        table[code] = chr(code - 0xFEE0)
    for half, full in _TO_FULL.items():
        table[ord(half)] = full
    for src, dst in _EXTRA.items():
        table[ord(src)] = dst
    table[0xFF0E] = "."  # ．
    table[0xFF05] = "%"  # ％
    table[0xFF0B] = "+"
    table[0xFF0D] = "-"
    return table


WIDTH_TABLE = _build_width_table()
# The characters WIDTH_TABLE changes, as one class: most drafts hold few of them, and substituting just those
# is several times faster than str.translate looking up every character of the text in a dict.
_FOLDABLE = rx.compile("[" + "".join(re.escape(chr(code)) for code in sorted(WIDTH_TABLE)) + "]")


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def _has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text)


def to_simplified(text: str) -> str:
    """Traditional to simplified with exactly the same length, so offsets carry over unchanged."""
    if not _has_han(text):
        return text
    converter = _converter()
    converted: str = converter.convert(text)
    if len(converted) == len(text):
        return converted
    # OpenCC phrase tables can change length in rare cases; fall back line by line, then char by char.
    out: list[str] = []
    for line in text.splitlines(keepends=True):
        line_converted: str = converter.convert(line)
        if len(line_converted) != len(line):
            chars = []
            for ch in line:
                single: str = converter.convert(ch)
                chars.append(single if len(single) == 1 else ch)
            line_converted = "".join(chars)
        out.append(line_converted)
    return "".join(out)


def _fold(match: re.Match[str]) -> str:
    return WIDTH_TABLE[ord(match.group())]


def fold_width(text: str) -> str:
    """text.translate(WIDTH_TABLE), character for character (every mapping is one character to one)."""
    return _FOLDABLE.sub(_fold, text)


def normalise(text: str) -> str:
    """The text rules match against. Always `len(normalise(t)) == len(t)`."""
    result = fold_width(to_simplified(text))
    assert len(result) == len(text)
    return result
