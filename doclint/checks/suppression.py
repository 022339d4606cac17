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


@detector("suppression.missing-reason")
def missing_reason(doc: Document) -> list[Hit]:
    return [Hit(s.start, s.end, {"codes": "、".join(s.codes)}) for s in _directives(doc) if not s.reason]


@detector("suppression.unused")
def unused(doc: Document) -> list[Hit]:
    if SUPPRESSIONS_KEY not in doc.cache:
        return []  # usage is only known after the other rules ran (see doclint.lint)
    return [Hit(s.start, s.end, {"codes": "、".join(s.codes)}) for s in _directives(doc) if not s.used]
