"""Where the shipped rule packs, lexicons and law data live: inside the wheel, or `rules/` in a checkout."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def bundled_rules_dir() -> Path:
    """`rules/` inside the wheel (doclint/_bundled_rules), or the repository's `rules/` in a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "_bundled_rules"
    if packaged.is_dir():
        return packaged
    return here.parent / "rules"
