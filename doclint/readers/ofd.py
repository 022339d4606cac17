"""OFD reader (GB/T 33190): text of each page's Content.xml, put in reading order, with page offsets.

Package path: OFD.xml → DocBody/DocRoot → Document.xml → Pages/Page@BaseLoc → Content.xml, whose
TextObject/TextCode elements carry the text and its position on the page (millimetres, y downwards).
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from typing import Any

from doclint.errors import ReadError
from doclint.readers import SourceDocument
from doclint.readers.layout import paged_text
from doclint.readers.zipsafe import MAX_TOTAL_UNCOMPRESSED, open_archive, read_part, safe_parse

MAX_PAGES = 2000
_DEFAULT_SIZE = 3.5  # mm, about 10 pt: used when a TextObject gives no font size


@dataclass(frozen=True)
class Glyphs:
    """One TextCode placed on the page: where it starts, where it ends, and how tall its font is."""

    x: float
    y: float
    end_x: float
    size: float
    text: str


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: Any, name: str) -> list[Any]:
    # Producers disagree on the namespace prefix (and a few omit the namespace); match by local name.
    return [child for child in element if _local(child) == name]


def _numbers(value: str | None, count: int) -> list[float] | None:
    if not value:
        return None
    try:
        numbers = [float(part) for part in value.replace(",", " ").split()]
    except ValueError:
        return None
    return numbers if len(numbers) >= count else None


def _advance(delta: str | None, count: int, size: float) -> float:
    """Width of a TextCode from its DeltaX list ("g N d" repeats d N times), else one em per glyph."""
    if not delta:
        return count * size
    total = 0.0
    parts = delta.split()
    index = 0
    used = 0
    try:
        while index < len(parts):
            if parts[index] == "g" and index + 2 < len(parts):
                repeat = min(int(parts[index + 1]), count)
                total += repeat * float(parts[index + 2])
                used += repeat
                index += 3
            else:
                total += float(parts[index])
                used += 1
                index += 1
    except ValueError:
        return count * size
    # DeltaX spaces the glyphs after the first; the last glyph still takes about one em.
    return total + max(count - used, 1) * size


class _Package:
    """Member lookup that resolves OFD's absolute and relative locations, tolerating case differences."""

    def __init__(self, archive: zipfile.ZipFile, name: str) -> None:
        self.archive = archive
        self.name = name
        self.by_lower = {info.filename.lower(): info.filename for info in archive.infolist()}
        # Bytes inflated so far, across all parts: the package limit counts what is read, not what is declared.
        self.inflated = 0

    def resolve(self, location: str, base_dir: str) -> str:
        location = location.strip().replace("\\", "/")
        path = location.lstrip("/") if location.startswith("/") else posixpath.join(base_dir, location)
        path = posixpath.normpath(path).lstrip("/")
        return self.by_lower.get(path.lower(), path)

    def xml(self, path: str) -> Any:
        data = read_part(self.archive, path, self.name)
        if data is None:
            raise ReadError(f"{self.name}: OFD 包中缺少 {path}")
        self.inflated += len(data)
        if self.inflated > MAX_TOTAL_UNCOMPRESSED:
            raise ReadError(f"{self.name}: OFD 解压出的内容超过上限 {MAX_TOTAL_UNCOMPRESSED} 字节，"
                            "疑似压缩炸弹，拒绝读取")
        return safe_parse(data, path, self.name)


def _page_glyphs(page_root: Any) -> list[Glyphs]:
    glyphs: list[Glyphs] = []
    for element in page_root.iter():
        if _local(element) == "TextObject":
            glyphs.extend(_text_object(element))
    return glyphs


def _text_object(obj: Any) -> list[Glyphs]:
    box = _numbers(obj.get("Boundary"), 4) or [0.0, 0.0, 0.0, 0.0]
    ctm = _numbers(obj.get("CTM"), 6) or [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    size_list = _numbers(obj.get("Size"), 1)
    size = size_list[0] if size_list and size_list[0] > 0 else _DEFAULT_SIZE
    # Glyph size on the page follows the CTM's vertical scale (producers often draw at size 1 and scale).
    scale = abs(ctm[3]) or 1.0
    out: list[Glyphs] = []
    x = y = 0.0
    for code in _children(obj, "TextCode"):
        text = code.text or ""
        x_list = _numbers(code.get("X"), 1)
        y_list = _numbers(code.get("Y"), 1)
        x = x_list[0] if x_list else x
        y = y_list[0] if y_list else y
        width = _advance(code.get("DeltaX"), len(text), size)
        page_x = box[0] + ctm[0] * x + ctm[2] * y + ctm[4]
        page_y = box[1] + ctm[1] * x + ctm[3] * y + ctm[5]
        if text.strip():
            out.append(Glyphs(page_x, page_y, page_x + ctm[0] * width, size * scale, text))
        x += width
    return out


def _lines(glyphs: list[Glyphs]) -> list[str]:
    """Group glyph runs whose baselines are within half a font height, top to bottom, left to right."""
    rows: list[list[Glyphs]] = []
    for glyph in sorted(glyphs, key=lambda g: (g.y, g.x)):
        if rows and abs(glyph.y - rows[-1][0].y) < 0.5 * min(glyph.size, rows[-1][0].size):
            rows[-1].append(glyph)
        else:
            rows.append([glyph])
    lines: list[str] = []
    for row in rows:
        row.sort(key=lambda g: g.x)
        parts: list[str] = []
        end = None
        for glyph in row:
            # A gap of two characters or more is a column or tab stop, not justification.
            if end is not None and glyph.x - end > 2 * glyph.size:
                parts.append(" ")
            parts.append(glyph.text)
            end = glyph.end_x
        lines.append("".join(parts))
    return lines


def _document_roots(package: _Package) -> list[str]:
    root = package.xml(package.resolve("OFD.xml", ""))
    if _local(root) != "OFD":
        raise ReadError(f"{package.name}: OFD.xml 的根元素不是 ofd:OFD，不是有效的 OFD 文件")
    roots = []
    for body in _children(root, "DocBody"):
        for doc_root in _children(body, "DocRoot"):
            if doc_root.text and doc_root.text.strip():
                roots.append(package.resolve(doc_root.text, ""))
    if not roots:
        raise ReadError(f"{package.name}: OFD.xml 中没有 DocBody/DocRoot，找不到文档")
    return roots


def _page_paths(package: _Package, document_path: str) -> list[str]:
    document = package.xml(document_path)
    base_dir = posixpath.dirname(document_path)
    paths = []
    for pages in _children(document, "Pages"):
        for page in _children(pages, "Page"):
            location = page.get("BaseLoc")
            if location:
                paths.append(package.resolve(location, base_dir))
    return paths


def read_ofd(data: bytes, name: str, max_chars: int) -> SourceDocument:
    archive = open_archive(data, name, ".ofd")
    with archive:
        package = _Package(archive, name)
        page_lines: list[list[str]] = []
        images = 0
        total = 0
        # Pages that share one content part are parsed once: 2,000 pages pointing at one 60 MB part must not
        # inflate and parse it 2,000 times.
        parsed: dict[str, tuple[list[str], int]] = {}
        for document_path in _document_roots(package):
            for page_path in _page_paths(package, document_path):
                if len(page_lines) >= MAX_PAGES:
                    raise ReadError(f"{name}: OFD 页数超过上限 {MAX_PAGES} 页，拒绝读取")
                if page_path not in parsed:
                    page_root = package.xml(page_path)
                    page_images = sum(1 for element in page_root.iter() if _local(element) == "ImageObject")
                    parsed[page_path] = (_lines(_page_glyphs(page_root)), page_images)
                    del page_root
                lines, page_images = parsed[page_path]
                images += page_images
                total += sum(len(line) for line in lines)
                if total > max_chars:
                    raise ReadError(f"{name}: OFD 提取出的文字超过上限（{max_chars} 字符），拒绝读取")
                page_lines.append(lines)
    text, starts = paged_text(page_lines)
    if not text.strip():
        what = "只有图像（可能是扫描件）" if images else "没有文字"
        raise ReadError(f"{name}: OFD 文件{what}，需要 OCR：请先识别成文字，或提供 .docx/.txt 原稿")
    return SourceDocument(name=name, text=text, format="ofd", page_starts=starts)
