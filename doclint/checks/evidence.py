"""Detectors that point at the sentence a procedure fact was read from, so a finding lands on its evidence.

`check: evidence.consultation_to` hits the span of `facts.evidence["consultation_to"]` when that evidence is in
the linted document itself (evidence from another file of a package has no span here).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from doclint.engine.detector import Hit, detector
from doclint.model import Facts, Procedure

if TYPE_CHECKING:
    from doclint.document import Document

EVIDENCE_FACTS = sorted(set(Procedure.model_fields) | set(Facts.model_fields) - {"procedure", "evidence", "checks"})


def _evidence_detector(name: str) -> Callable[[Document], list[Hit]]:
    def find(doc: Document) -> list[Hit]:
        evidence = (doc.facts.get("evidence") or {}).get(name)
        if not evidence or evidence.get("start") is None or evidence.get("end") is None:
            return []
        if evidence.get("file") not in (None, doc.name):
            return []
        start, end = int(evidence["start"]), int(evidence["end"])
        if not 0 <= start < end <= len(doc.source):
            return []
        return [Hit(start, end)]

    return find


for _name in EVIDENCE_FACTS:
    detector(f"evidence.{_name}")(_evidence_detector(_name))
