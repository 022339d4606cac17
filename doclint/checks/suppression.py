"""Detectors over suppression directives: missing reasons and directives that suppress nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from doclint.engine.detector import Hit, detector

if TYPE_CHECKING:
    from doclint.document import Document

# The lint pipeline stores the document's directives here after applying them, with their `used` flags.
SUPPRESSIONS_KEY = "suppressions"


def _directives(doc: Document) -> list:  # type: ignore[type-arg]
    from doclint.suppress import find_suppressions

    found = doc.cache.get(SUPPRESSIONS_KEY)
    return find_suppressions(doc) if found is None else found


def _hit(doc: Document, start: int, end: int, codes: list[str]) -> Hit:
    """The directive's span, cut at the end of the paragraph it starts in.

    The rules are paragraph-scoped so that each directive (its own line in text, a comment in Word) is a
    finding of its own; a rule unit only takes hits lying wholly inside it, and a Word comment may run on
    over several paragraphs.
    """
    for paragraph in doc.structure.paragraphs:
        if paragraph.start <= start < paragraph.end:
            end = min(end, paragraph.end)
            break
    return Hit(start, max(end, start + 1), {"codes": "、".join(codes)})


@detector("suppression.missing-reason")
def missing_reason(doc: Document) -> list[Hit]:
    return [_hit(doc, s.start, s.end, s.codes) for s in _directives(doc) if not s.reason]


@detector("suppression.unused")
def unused(doc: Document) -> list[Hit]:
    if SUPPRESSIONS_KEY not in doc.cache:
        return []  # usage is only known after the other rules ran (see doclint.lint)
    return [_hit(doc, s.start, s.end, s.codes) for s in _directives(doc) if not s.used]
