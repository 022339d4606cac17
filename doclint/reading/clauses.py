"""The clause a position sits in: what the reading's negation checks look back over."""

from __future__ import annotations

from doclint import rx

CLAUSE_BREAK = rx.compile(r"[，；：,;:]")


def clause_before(text: str, floor: int, position: int, reach: int) -> str:
    """The text from the last clause break before `position` (at most `reach` back, never before `floor`)."""
    segment = text[max(floor, position - reach):position]
    breaks = list(CLAUSE_BREAK.finditer(segment))
    return segment[breaks[-1].end():] if breaks else segment
