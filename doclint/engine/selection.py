"""Rule selection by code (PEN001), prefix (PEN), category (penalty, 处罚) or dotted name (penalty.fine…).

A selector that selects nothing is an error, not a silent off-switch: `unknown_selectors` finds them and
`nearest_selector` proposes what was probably meant.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from doclint.engine.schema import CATEGORY_NAMES_ZH, Rule

# Chinese category names, full (行政处罚) and short (处罚), to the category they name.
_SHORT_ZH = {"增加义务": "义务", "公平竞争": "竞争", "模糊表述": "模糊", "制定程序": "程序", "公文形式": "形式",
             "引用上位法": "引用", "豁免注释": "豁免"}
CATEGORY_ALIASES_ZH: dict[str, str] = {}
for _category, _name in CATEGORY_NAMES_ZH.items():
    CATEGORY_ALIASES_ZH[_name] = _category
    CATEGORY_ALIASES_ZH[_name.removeprefix("行政")] = _category
    if _name in _SHORT_ZH:
        CATEGORY_ALIASES_ZH[_SHORT_ZH[_name]] = _category


def canonical_selector(selector: str) -> str:
    """The selector as rules spell it: a Chinese category name becomes the category (处罚 → penalty)."""
    selector = selector.strip()
    return CATEGORY_ALIASES_ZH.get(selector, selector)


def selector_matches(selector: str, rule: Rule) -> bool:
    selector = canonical_selector(selector)
    if not selector:
        return False
    if selector.upper() == "ALL":
        return True
    if selector == rule.id or selector in rule.aliases or selector == rule.name:
        return True
    if selector == rule.category or selector.replace("-", "_") == rule.category:
        return True
    if selector.isalpha() and selector.isupper() and rule.id.startswith(selector):
        return True
    # A prefix of the code with digits (PEN0) or of the dotted name (penalty.fine).
    return rule.id.startswith(selector) or rule.name.startswith(selector + ".")


def is_selected(rule: Rule, select: Iterable[str] | None, ignore: Iterable[str] | None) -> bool:
    selected = list(select or [])
    if selected and not any(selector_matches(s, rule) for s in selected):
        return False
    return not any(selector_matches(s, rule) for s in (ignore or []))


def split_selectors(values: Iterable[str] | None) -> list[str]:
    """Accept repeated options and comma-separated lists alike."""
    out: list[str] = []
    for value in values or []:
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return out


def unknown_selectors(selectors: Iterable[str], rules: list[Rule]) -> list[str]:
    """The selectors that match no rule at all, in the order given."""
    return [s for s in selectors if not any(selector_matches(s, rule) for rule in rules)]


def nearest_selector(selector: str, rules: list[Rule]) -> str | None:
    """The known code, prefix, category or name closest to a mistyped selector, if one is close enough."""
    candidates: set[str] = set(CATEGORY_ALIASES_ZH)
    for rule in rules:
        candidates.update((rule.id, rule.id[:3], rule.category, rule.name, *rule.aliases))
    # Case first: `pen001` means PEN001 far more often than anything else.
    folded = {candidate.casefold(): candidate for candidate in sorted(candidates)}
    if selector.strip().casefold() in folded:
        return folded[selector.strip().casefold()]
    close = difflib.get_close_matches(selector.strip().casefold(), list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


def describe_unknown(selector: str, rules: list[Rule], known: str = "规则编号、前缀、类别或名称") -> str:
    """「X」不是已知的……（是否想写 Y？）: the message part shared by the command line and config files."""
    return f"「{selector}」不是已知的{known}{nearest_hint(selector, rules)}"


def nearest_hint(selector: str, rules: list[Rule]) -> str:
    nearest = nearest_selector(selector, rules)
    return f"（是否想写「{nearest}」？）" if nearest else "（用 doclint rules list 查看全部规则）"
