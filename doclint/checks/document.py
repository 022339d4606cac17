"""Detectors about the document as a whole: is this a complete draft, or a pasted passage?"""

from __future__ import annotations

from typing import TYPE_CHECKING

from doclint.checks.form import _looks_complete, _title_core, plausible_title
from doclint.engine.detector import Hit, detector

if TYPE_CHECKING:
    from doclint.document import Document


@detector("document.whole-draft")
def whole_draft(doc: Document) -> list[Hit]:
    """Hits the title of a complete draft (a plausible title with 条 or several paragraphs).

    Rules about what a whole document lacks (no validity period, no 施行日期) use it so that a single clause
    or an excerpt pasted for checking is not told it lacks a validity period.
    """
    found = _title_core(doc)
    if found is None or not _looks_complete(doc) or not plausible_title(doc, found[0]):
        return []
    return [Hit(found[1], found[2])]
