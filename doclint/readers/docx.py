"""Word .docx reader: body paragraphs and table cells in reading order, accepted view of tracked changes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from doclint.errors import ReadError
from doclint.readers import Comment, SourceDocument
from doclint.readers.docx_numbering import Numbering

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# Limits against zip bombs: a real draft's document.xml is a few MB at most.
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_TOTAL_UNCOMPRESSED = 256 * 1024 * 1024

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


def safe_parse(data: bytes, part: str, name: str) -> Any:
    """Parse an OOXML part; DTDs never occur in real Office files, so any is refused (XXE, billion laughs)."""
    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data:
        raise ReadError(f"{name}: {part} 含有 DTD/实体声明，按安全策略拒绝读取")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"{name}: {part} 不是有效的 XML（{exc}）") from None


def read_part(archive: zipfile.ZipFile, part: str, name: str) -> bytes | None:
    """Read one zip member with a hard cap on the bytes actually inflated."""
    try:
        info = archive.getinfo(part)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise ReadError(f"{name}: {part} 解压后过大（声明 {info.file_size} 字节），疑似压缩炸弹，拒绝读取")
    try:
        with archive.open(info) as stream:
            data = stream.read(MAX_PART_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
        raise ReadError(f"{name}: ZIP 包已损坏，无法解压 {part}（{exc}）") from None
    except Exception as exc:  # zlib.error and friends from a damaged stream
        raise ReadError(f"{name}: ZIP 包已损坏，无法解压 {part}（{exc}）") from None
    if len(data) > MAX_PART_BYTES:
        raise ReadError(f"{name}: {part} 解压后超过上限，疑似压缩炸弹，拒绝读取")
    return data


def open_archive(data: bytes, name: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(f"{name}: 不是有效的 .docx（ZIP 包损坏或被截断：{exc}）") from None
    declared = sum(info.file_size for info in archive.infolist())
    if declared > MAX_TOTAL_UNCOMPRESSED:
        raise ReadError(f"{name}: 解压后总大小 {declared} 字节超过上限，疑似压缩炸弹，拒绝读取")
    return archive


class BodyWalker:
    """Walks w:body in reading order and yields one Block per paragraph (table cells included)."""

    def __init__(self, numbering: Numbering | None) -> None:
        self.numbering = numbering

    def blocks(self, body: Any) -> Iterator[Block]:
        for child in body:
            yield from self._block_level(child)

    def _block_level(self, element: Any) -> Iterator[Block]:
        tag = element.tag
        if tag == w("p"):
            yield from self._paragraph(element)
        elif tag == w("tbl"):
            for row in element.iter(w("tr")):
                if _nearest_table(row) is not element:
                    continue
                for cell in row:
                    if cell.tag != w("tc"):
                        continue
                    for child in cell:
                        yield from self._block_level(child)
        elif tag in (w("sdt"), w("sdtContent"), w("customXml")):
            for child in element:
                yield from self._block_level(child)

    def _paragraph(self, paragraph: Any) -> Iterator[Block]:
        block = Block(element=paragraph)
        extra: list[Block] = []
        if self.numbering is not None:
            label = self.numbering.label_for(paragraph)
            if label:
                block.pieces.append(Piece(label))
        self._inline(paragraph, block, extra)
        yield block
        # Text boxes are anchored inside a run; their paragraphs follow the anchoring paragraph.
        yield from extra

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
            elif tag == f"{{{MC}}}AlternateContent" or tag in (w("drawing"), w("pict"), w("object")):
                for box in _text_boxes(child):
                    for inner in box:
                        extra.extend(self._block_level(inner))


def _nearest_table(element: Any) -> Any:
    parent = element.getparent()
    while parent is not None and parent.tag != w("tbl"):
        parent = parent.getparent()
    return parent


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


def join_blocks(blocks: list[Block], comments: dict[str, str]) -> tuple[str, list[Comment]]:
    """Join paragraphs with newlines and turn comment marks into source spans."""
    parts: list[str] = []
    starts: dict[str, int] = {}
    anchored: list[Comment] = []
    offset = 0
    for index, block in enumerate(blocks):
        if index:
            parts.append("\n")
            offset += 1
        for kind, comment_id, position in block.comment_marks:
            if kind == "start":
                starts[comment_id] = offset + position
            elif comment_id in starts and comment_id in comments:
                anchored.append(Comment(comments[comment_id], starts.pop(comment_id), offset + position))
        text = block.text
        parts.append(text)
        offset += len(text)
    return "".join(parts), anchored


def read_docx(data: bytes, name: str) -> SourceDocument:
    archive = open_archive(data, name)
    with archive:
        document_xml = read_part(archive, "word/document.xml", name)
        if document_xml is None:
            raise ReadError(f"{name}: ZIP 包中没有 word/document.xml，不是 Word 文档")
        root = safe_parse(document_xml, "document.xml", name)
        numbering = load_numbering(archive, name)
        comments = comment_texts(archive, name)
    body = root.find(w("body"))
    if body is None:
        raise ReadError(f"{name}: document.xml 中没有正文（w:body）")
    blocks = list(BodyWalker(numbering).blocks(body))
    text, anchored = join_blocks(blocks, comments)
    return SourceDocument(name=name, text=text, format="docx", comments=anchored)
