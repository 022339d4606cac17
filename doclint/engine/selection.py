"""Rule selection by code (PEN001), prefix (PEN), category (penalty) or dotted name (penalty.fine…)."""

from __future__ import annotations

from collections.abc import Iterable

from doclint.engine.schema import Rule


def selector_matches(selector: str, rule: Rule) -> bool:
    selector = selector.strip()
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
