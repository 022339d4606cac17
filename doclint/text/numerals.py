"""Chinese numerals: 一百零五 ↔ 105, as used in 第X章 / 第X条 / （X） labels."""

from __future__ import annotations

from functools import lru_cache

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS) + "万"
_CN_DIGITS = "零一二三四五六七八九"


@lru_cache(maxsize=4096)  # the same few labels (一 … 一百) recur in every document of a batch
def chinese_to_int(text: str) -> int | None:
    """Parse 一百零五 → 105, 十二 → 12, 二〇二五 → 2025; ASCII digits pass through. None if not a numeral."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if any(ch not in DIGITS and ch not in UNITS and ch != "万" for ch in text):
        return None
    if all(ch in DIGITS for ch in text) and len(text) > 1:
        # Digit-by-digit form (二〇二五), used for years.
        return int("".join(str(DIGITS[ch]) for ch in text))
    total = 0
    section = 0
    digit = 0
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in UNITS:
            section += (digit or 1) * UNITS[ch]
            digit = 0
        else:  # 万
            total += (section + digit) * 10000
            section = 0
            digit = 0
    return total + section + digit


@lru_cache(maxsize=4096)
def int_to_chinese(number: int) -> str:
    """105 → 一百零五, 12 → 十二, 110 → 一百一十 (the form used in article numbers)."""
    if number < 0:
        raise ValueError("negative numbers have no article numeral")
    if number == 0:
        return "零"
    if number >= 10000:
        high, low = divmod(number, 10000)
        rest = int_to_chinese(low) if low else ""
        if low and low < 1000:
            rest = "零" + rest
        return int_to_chinese(high) + "万" + rest
    parts: list[str] = []
    pending_zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, number = divmod(number, value)
        if digit:
            if pending_zero:
                parts.append("零")
                pending_zero = False
            parts.append(_CN_DIGITS[digit] + unit)
        elif parts:
            pending_zero = True
    text = "".join(parts)
    # 一十二 is written 十二 when it leads.
    return text[1:] if text.startswith("一十") else text
