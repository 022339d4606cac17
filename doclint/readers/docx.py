"""Word .docx reader: body paragraphs and table cells in reading order, accepted view of tracked changes."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from doclint.errors import ReadError
from doclint.readers import MAX_LINES, Comment, SourceDocument, too_many_lines
from doclint.readers.docx_numbering import Numbering
from doclint.readers.zipsafe import (
    MAX_PART_BYTES,
    MAX_TOTAL_UNCOMPRESSED,
    MissingContainer,
    open_archive,
    read_part,
    safe_parse,
    stream_children,
)

__all__ = ["MAX_PART_BYTES", "MAX_TOTAL_UNCOMPRESSED", "Block", "BodyWalker", "Piece", "open_archive",
           "read_docx", "read_part", "safe_parse"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# Containers whose children are read as if they stood in place (content controls, links, fields…).
TRANSPARENT = {w("hyperlink"), w("smartTag"), w("customXml"), w("fldSimple"), w("ins"), w("moveTo"),
               w("sdtContent"), w("dir"), w("bdo")}
# Containers whose content is not part of the accepted text.
SKIPPED = {w("del"), w("moveFrom"), w("rPr"), w("pPr"), w("sdtPr"), w("sdtEndPr")}


@dataclass
class Piece:
    """A run of extracted text and the w:r element it came from (None for generated text)."""

    text: str
    run: Any = None


@dataclass
class Block:
    """One extracted paragraph: its pieces and the comment anchors met inside it."""

    pieces: list[Piece] = field(default_factory=list)
    comment_marks: list[tuple[str, str, int]] = field(default_factory=list)  # (start|end, id, offset)
    element: Any = None

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)


class BodyWalker:
    """Walks w:body in reading order and yields one Block per paragraph (table cells included)."""

    def __init__(self, numbering: Numbering | None) -> None:
        self.numbering = numbering
        # Footnote and endnote references met in reading order: ("footnote" | "endnote", id).
        self.note_refs: list[tuple[str, str]] = []
        self.alt_chunks = 0

    def blocks(self, body: Any) -> Iterator[Block]:
        for child in body:
            # Collected into a list per top-level element, not yielded through one generator per nesting level:
            # a paragraph 80 tables deep would otherwise pass through 80 frames on its way out.
            out: list[Block] = []
            self._block_level(child, out)
            yield from out

    def _block_level(self, element: Any, out: list[Block]) -> None:
        tag = element.tag
        if tag == w("p"):
            self._paragraph(element, out)
        elif tag == w("tbl"):
            for row in _rows(element):
                for cell in _cells(row):
                    for child in cell:
                        self._block_level(child, out)
        elif tag in (w("sdt"), w("sdtContent"), w("customXml")):
            for child in element:
                self._block_level(child, out)
        elif tag == w("altChunk"):
            # Imported HTML/RTF kept as a separate part; Word merges it on open, we cannot.
            self.alt_chunks += 1

    def _paragraph(self, paragraph: Any, out: list[Block]) -> None:
        block = Block(element=paragraph)
        extra: list[Block] = []
        if self.numbering is not None:
            label = self.numbering.label_for(paragraph)
            if label:
                block.pieces.append(Piece(label))
        self._inline(paragraph, block, extra)
        out.append(block)
        # Text boxes are anchored inside a run; their paragraphs follow the anchoring paragraph.
        out.extend(extra)

    def _inline(self, element: Any, block: Block, extra: list[Block]) -> None:
        for child in element:
            tag = child.tag
            if tag in SKIPPED:
                continue
            if tag == w("r"):
                self._run(child, block, extra)
            elif tag == w("commentRangeStart") or tag == w("commentRangeEnd"):
                kind = "start" if tag == w("commentRangeStart") else "end"
                block.comment_marks.append((kind, child.get(w("id"), ""), len(block.text)))
            elif tag in TRANSPARENT or tag == w("sdt"):
                self._inline(child, block, extra)
            elif tag == f"{{{MC}}}AlternateContent":
                self._alternate(child, block, extra)

    def _alternate(self, element: Any, block: Block, extra: list[Block]) -> None:
        # Choice and Fallback hold the same content twice; read one of them only.
        for branch in element:
            self._inline(branch, block, extra)
            return

    def _run(self, run: Any, block: Block, extra: list[Block]) -> None:
        for child in run:
            tag = child.tag
            if tag == w("t"):
                block.pieces.append(Piece(child.text or "", run))
            elif tag == w("tab") or tag == w("ptab"):
                block.pieces.append(Piece("\t", run))
            elif tag in (w("br"), w("cr")):
                if child.get(w("type")) not in ("page", "column"):
                    block.pieces.append(Piece("\n", run))
            elif tag == w("noBreakHyphen"):
                block.pieces.append(Piece("-", run))
            elif tag == w("footnoteReference") or tag == w("endnoteReference"):
                kind = "footnote" if tag == w("footnoteReference") else "endnote"
                self.note_refs.append((kind, child.get(w("id"), "")))
            elif tag == f"{{{MC}}}AlternateContent" or tag in (w("drawing"), w("pict"), w("object")):
                for box in _text_boxes(child):
                    for inner in box:
                        self._block_level(inner, extra)


def _rows(table: Any) -> Iterator[Any]:
    """The table's own w:tr rows, looking through wrappers but never into nested tables: each level walks only
    its children, so nested tables cost time linear in their size (descendant rows at every level: quadratic)."""
    for child in table:
        if child.tag == w("tr"):
            yield child
        elif child.tag in (w("sdt"), w("sdtContent"), w("customXml")):
            yield from _rows(child)


def _cells(row: Any) -> Iterator[Any]:
    """The w:tc cells of a row, looking through content controls and custom XML that wrap cells."""
    for child in row:
        if child.tag == w("tc"):
            yield child
        elif child.tag in (w("sdt"), w("sdtContent"), w("customXml")):
            yield from _cells(child)


def _text_boxes(element: Any) -> list[Any]:
    """w:txbxContent elements under a drawing, reading only the first branch of AlternateContent."""
    if element.tag == f"{{{MC}}}AlternateContent":
        for branch in element:
            return _text_boxes(branch)
        return []
    boxes = []
    for box in element.iter(w("txbxContent")):
        ancestor = box.getparent()
        nested = False
        while ancestor is not None and ancestor is not element:
            if ancestor.tag == w("txbxContent"):
                nested = True
                break
            ancestor = ancestor.getparent()
        if not nested:
            boxes.append(box)
    return boxes


def load_numbering(archive: zipfile.ZipFile, name: str) -> Numbering | None:
    numbering_xml = read_part(archive, "word/numbering.xml", name)
    styles_xml = read_part(archive, "word/styles.xml", name)
    numbering_root = safe_parse(numbering_xml, "numbering.xml", name) if numbering_xml else None
    styles_root = safe_parse(styles_xml, "styles.xml", name) if styles_xml else None
    if numbering_root is None:
        return None
    return Numbering(numbering_root, styles_root)


def comment_texts(archive: zipfile.ZipFile, name: str) -> dict[str, str]:
    data = read_part(archive, "word/comments.xml", name)
    if not data:
        return {}
    root = safe_parse(data, "comments.xml", name)
    texts: dict[str, str] = {}
    for comment in root.iter(w("comment")):
        paragraphs = ["".join(t.text or "" for t in p.iter(w("t"))) for p in comment.iter(w("p"))]
        texts[comment.get(w("id"), "")] = "\n".join(paragraphs)
    return texts


class Joiner:
    """Joins paragraphs with newlines as they arrive and turns comment marks into source spans.

    Blocks are taken one at a time and dropped, and the extracted-text limit is enforced as they come:
    generated text (a numbering label reused by every paragraph) is counted before it can pile up.
    """

    def __init__(self, comments: dict[str, str], max_chars: int | None = None, name: str = "") -> None:
        self.comments = comments
        self.max_chars = max_chars
        self.name = name
        self.parts: list[str] = []
        self.starts: dict[str, int] = {}
        self.anchored: list[Comment] = []
        self.offset = 0
        self.count = 0

    def add(self, block: Block) -> None:
        if self.count:
            self.parts.append("\n")
            self.offset += 1
        self.count += 1
        if self.max_chars is not None and self.count > MAX_LINES:
            raise ReadError(too_many_lines(self.name))
        for kind, comment_id, position in block.comment_marks:
            if kind == "start":
                self.starts[comment_id] = self.offset + position
            elif comment_id in self.starts and comment_id in self.comments:
                self.anchored.append(Comment(self.comments[comment_id], self.starts.pop(comment_id),
                                             self.offset + position))
        text = block.text
        self.offset += len(text)
        if self.max_chars is not None and self.offset > self.max_chars:
            raise ReadError(f"{self.name}: 提取出的文字过多（超过上限 {self.max_chars} 字符），拒绝读取")
        self.parts.append(text)

    def result(self) -> tuple[str, list[Comment]]:
        return "".join(self.parts), self.anchored


def join_blocks(blocks: Iterable[Block], comments: dict[str, str]) -> tuple[str, list[Comment]]:
    """Join paragraphs with newlines and turn comment marks into source spans."""
    joiner = Joiner(comments)
    for block in blocks:
        joiner.add(block)
    return joiner.result()


NOTE_LABELS = {"footnote": "脚注", "endnote": "尾注"}


def note_elements(archive: zipfile.ZipFile, kind: str, name: str) -> dict[str, Any]:
    """Footnotes or endnotes by id, without the separator notes Word keeps in the same part."""
    data = read_part(archive, f"word/{kind}s.xml", name)
    if not data:
        return {}
    root = safe_parse(data, f"{kind}s.xml", name)
    notes: dict[str, Any] = {}
    for note in root.iter(w(kind)):
        if note.get(w("type")) in (None, "normal"):
            notes[note.get(w("id"), "")] = note
    return notes


def note_blocks(walker: BodyWalker, notes: dict[str, dict[str, Any]]) -> list[Block]:
    """Notes in the order the body refers to them, each marked 脚注N/尾注N, after one empty separator line.

    They go after the body so that every body offset is the same with or without notes.
    """
    blocks: list[Block] = []
    seen: set[tuple[str, str]] = set()
    counters = {"footnote": 0, "endnote": 0}
    refs = list(walker.note_refs)
    for kind, note_id in refs:
        note = notes.get(kind, {}).get(note_id)
        if note is None or (kind, note_id) in seen:
            continue
        seen.add((kind, note_id))
        counters[kind] += 1
        inner = list(walker.blocks(note)) or [Block()]
        # Word and LibreOffice put a tab or space after the note mark; our label replaces the mark.
        first = inner[0]
        while first.pieces and not first.pieces[0].text.strip():
            first.pieces.pop(0)
        if first.pieces:
            first.pieces[0] = Piece(first.pieces[0].text.lstrip(), first.pieces[0].run)
        first.pieces.insert(0, Piece(f"{NOTE_LABELS[kind]}{counters[kind]}："))
        blocks.extend(inner)
    return [Block(), *blocks] if blocks else []


def read_docx(data: bytes, name: str, max_chars: int | None = None) -> SourceDocument:
    """The text of a .docx; `max_chars` bounds the extracted text while it is extracted.

    document.xml is streamed: each body element is read, turned into text and dropped, so memory follows the
    extracted text, not the XML tree (50 MB of tiny paragraphs is 1.5 million elements).
    """
    archive = open_archive(data, name)
    with archive:
        document_xml = read_part(archive, "word/document.xml", name)
        if document_xml is None:
            raise ReadError(f"{name}: ZIP 包中没有 word/document.xml，不是 Word 文档")
        numbering = load_numbering(archive, name)
        joiner = Joiner(comment_texts(archive, name), max_chars, name)
        walker = BodyWalker(numbering)
        try:
            for element in stream_children(document_xml, "document.xml", name, w("body")):
                for block in walker.blocks([element]):
                    joiner.add(block)
        except MissingContainer:
            raise ReadError(f"{name}: document.xml 中没有正文（w:body）") from None
        del document_xml
        notes = {}
        if walker.note_refs:
            notes = {kind: note_elements(archive, kind, name) for kind in ("footnote", "endnote")}
    for block in note_blocks(walker, notes):
        joiner.add(block)
    text, anchored = joiner.result()
    warnings = []
    if walker.alt_chunks:
        warnings.append(f"{name}: 文档含 {walker.alt_chunks} 处嵌入的外部内容（altChunk），其中文字未读取；"
                        "请在 Word 中打开后另存为 .docx 再检查")
    return SourceDocument(name=name, text=text, format="docx", comments=anchored, warnings=warnings)
