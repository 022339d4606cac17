"""Renders Word automatic numbering (第一条、（一）、1.) as text, since drafts often number by list style."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from doclint.text.numerals import int_to_chinese

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(element: Any, tag: str) -> str | None:
    if element is None:
        return None
    child = element.find(w(tag))
    return None if child is None else child.get(w("val"))


# Word itself caps list starts and levels there; a hostile file must not ask for a 10^18-letter label.
MAX_START = 32767
MAX_LEVEL = 8


def _int(value: str | None, default: int, upper: int) -> int:
    """A bounded integer attribute; junk or out-of-range values fall back instead of raising."""
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return default
    return min(max(number, 0), upper)


@dataclass
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    suffix: str = "tab"


@dataclass
class ListInstance:
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)


def _roman(number: int) -> str:
    pairs = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
             (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for value, letters in pairs:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _letters(number: int) -> str:
    # Word repeats the letter: a … z, aa … zz.
    index = (number - 1) % 26
    return chr(ord("A") + index) * ((number - 1) // 26 + 1)


def format_number(number: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting"):
        return int_to_chinese(number)
    if fmt == "ideographDigital":
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(number))
    if fmt == "ideographTraditional":
        return "甲乙丙丁戊己庚辛壬癸"[(number - 1) % 10]
    if fmt == "upperRoman":
        return _roman(number)
    if fmt == "lowerRoman":
        return _roman(number).lower()
    if fmt == "upperLetter":
        return _letters(number)
    if fmt == "lowerLetter":
        return _letters(number).lower()
    if fmt == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(number))
    if fmt == "decimalEnclosedCircle" and 1 <= number <= 20:
        return chr(0x2460 + number - 1)
    if fmt == "none":
        return ""
    return str(number)


class Numbering:
    """Keeps list counters while paragraphs are read in order."""

    def __init__(self, numbering_root: Any, styles_root: Any | None) -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        for abstract in numbering_root.iter(w("abstractNum")):
            levels: dict[int, Level] = {}
            for lvl in abstract.iter(w("lvl")):
                levels[_int(lvl.get(w("ilvl")), 0, MAX_LEVEL)] = Level(
                    fmt=_val(lvl, "numFmt") or "decimal",
                    text=_val(lvl, "lvlText") or "",
                    start=_int(_val(lvl, "start"), 1, MAX_START),
                    suffix=_val(lvl, "suff") or "tab",
                )
            self.abstract[abstract.get(w("abstractNumId"), "")] = levels
        self.instances: dict[str, ListInstance] = {}
        for num in numbering_root.iter(w("num")):
            instance = ListInstance(_val(num, "abstractNumId") or "")
            for override in num.iter(w("lvlOverride")):
                start = _val(override, "startOverride")
                if start is not None:
                    level = _int(override.get(w("ilvl")), 0, MAX_LEVEL)
                    instance.start_overrides[level] = _int(start, 1, MAX_START)
            self.instances[num.get(w("numId"), "")] = instance
        self.style_numbering: dict[str, tuple[str | None, int | None]] = {}
        self.style_parent: dict[str, str] = {}
        if styles_root is not None:
            for style in styles_root.iter(w("style")):
                style_id = style.get(w("styleId"), "")
                parent = _val(style, "basedOn")
                if parent:
                    self.style_parent[style_id] = parent
                num_pr = style.find(f"{w('pPr')}/{w('numPr')}")
                if num_pr is not None:
                    ilvl = _val(num_pr, "ilvl")
                    self.style_numbering[style_id] = (
                        _val(num_pr, "numId"), _int(ilvl, 0, MAX_LEVEL) if ilvl else None
                    )
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()

    def _paragraph_numbering(self, paragraph: Any) -> tuple[str | None, int]:
        ppr = paragraph.find(w("pPr"))
        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        num_id = _val(num_pr, "numId") if num_pr is not None else None
        ilvl_text = _val(num_pr, "ilvl") if num_pr is not None else None
        style_id = _val(ppr, "pStyle") if ppr is not None else None
        seen: set[str] = set()
        while (num_id is None or ilvl_text is None) and style_id and style_id not in seen:
            seen.add(style_id)
            style_num, style_lvl = self.style_numbering.get(style_id, (None, None))
            num_id = num_id or style_num
            if ilvl_text is None and style_lvl is not None:
                ilvl_text = str(style_lvl)
            style_id = self.style_parent.get(style_id)
        return num_id, _int(ilvl_text, 0, MAX_LEVEL)

    def label_for(self, paragraph: Any) -> str:
        """The generated label for this paragraph ("第一条 ", "（二）"), advancing the counters."""
        num_id, ilvl = self._paragraph_numbering(paragraph)
        if not num_id or num_id == "0" or num_id not in self.instances:
            return ""
        instance = self.instances[num_id]
        levels = self.abstract.get(instance.abstract_id, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(instance.abstract_id, {})
        if num_id not in self.started:
            # A new list instance with a start override restarts the shared abstract list.
            self.started.add(num_id)
            for override_level, start in instance.start_overrides.items():
                counters[override_level] = start - 1
        level = levels[ilvl]
        counters[ilvl] = min(counters.get(ilvl, level.start - 1) + 1, MAX_START)
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return ""
        text = level.text
        for index in range(ilvl, -1, -1):
            placeholder = f"%{index + 1}"
            if placeholder in text:
                this_level = levels.get(index, Level())
                value = counters.get(index, this_level.start)
                text = text.replace(placeholder, format_number(value, this_level.fmt))
        if not text:
            return ""
        return text + {"tab": " ", "space": " ", "nothing": ""}.get(level.suffix, " ")
