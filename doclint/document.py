"""The text model: source text, its normalised twin (same length), structure, doc type and facts."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from doclint.facts.doctype import detect_doc_type
from doclint.model import Location, assemble
from doclint.readers import Comment, SourceDocument
from doclint.text.normalise import normalise
from doclint.text.structure import Structure, article_label_at, parse_structure

T = TypeVar("T")


@dataclass
class Document:
    """Every offset anywhere in doclint is a code-point offset into `source`; `norm[i]` is `source[i]` folded."""

    name: str
    source: str
    norm: str
    structure: Structure
    doc_type: str
    detected_doc_type: str
    format: str = "text"
    comments: list[Comment] = field(default_factory=list)
    page_starts: list[int] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    # Per-document caches filled lazily by primitives (segmentation, duties); never shared across documents.
    cache: dict[Any, Any] = field(default_factory=dict)

    @classmethod
    def from_source(cls, source: SourceDocument, doc_type: str | None = None) -> Document:
        norm = normalise(source.text)
        structure = parse_structure(norm)
        detected = detect_doc_type(norm, structure)
        return cls(
            name=source.name,
            source=source.text,
            norm=norm,
            structure=structure,
            doc_type=doc_type or detected,
            detected_doc_type=detected,
            format=source.format,
            comments=list(source.comments),
            page_starts=list(source.page_starts),
        )

    @classmethod
    def from_text(cls, text: str, name: str = "<text>", doc_type: str | None = None) -> Document:
        return cls.from_source(SourceDocument(name=name, text=text, format="text"), doc_type)

    def memo(self, key: Hashable, compute: Callable[[Document], T]) -> T:
        """compute(self), once per document: several detectors read the same analysis (citations, title…)."""
        if key not in self.cache:
            self.cache[key] = compute(self)
        value: T = self.cache[key]
        return value

    def location(self, offset: int) -> Location:
        line_index = bisect.bisect_right(self.structure.line_starts, offset) - 1
        line_index = max(line_index, 0)
        column = offset - self.structure.line_starts[line_index] + 1
        paragraph = bisect.bisect_right(self.structure.nonempty_lines, line_index)
        page = bisect.bisect_right(self.page_starts, offset) if self.page_starts else None
        return assemble(  # all ints and str built here: no validation needed
            Location,
            line=line_index + 1,
            column=column,
            paragraph=max(paragraph, 1),
            article=article_label_at(self.structure, offset),
            page=page or None,
        )

    def line_text(self, offset: int) -> tuple[int, str]:
        """The source line holding `offset`, with the offset of its first character."""
        line_index = max(bisect.bisect_right(self.structure.line_starts, offset) - 1, 0)
        start = self.structure.line_starts[line_index]
        end = self.source.find("\n", start)
        end = len(self.source) if end < 0 else end
        return start, self.source[start:end].rstrip("\r")
