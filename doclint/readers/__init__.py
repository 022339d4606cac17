"""Readers turn a file's bytes into the extracted source text that every offset refers to."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import regex

from doclint.errors import ReadError

# A draft is a few hundred KB at most; anything far beyond is not a normative document.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
# Lines (paragraphs) of extracted text. A long regulation has a few thousand; the structure and facts built
# for each line cost some hundred bytes, so 50 MB of one-character paragraphs (1.5 million) took 1.2 GB to check.
MAX_LINES = 200_000

SUPPORTED_SUFFIXES = (".docx", ".txt", ".md", ".markdown", ".text", ".pdf", ".ofd", ".html", ".htm",
                      ".doc", ".wps")

# The format each extension promises; the file's signature decides, a disagreement becomes a warning.
SUFFIX_FORMATS = {".docx": "docx", ".txt": "text", ".md": "text", ".markdown": "text", ".text": "text",
                  ".pdf": "pdf", ".ofd": "ofd", ".html": "html", ".htm": "html", ".doc": "doc", ".wps": "doc"}
# Binary formats: a file with one of these names that holds plain text is not what the sender meant.
_BINARY_SUFFIXES = {".docx", ".pdf", ".ofd", ".doc", ".wps"}
FORMAT_NAMES = {"docx": "Word 文档（.docx）", "text": "纯文本", "pdf": "PDF", "ofd": "OFD 版式文件",
                "html": "网页（HTML）", "doc": "旧版 Word/WPS 文档（.doc/.wps）", "ole": "OLE 复合文档",
                "rtf": "RTF 文档", "zip": "ZIP 压缩包"}

@dataclass(frozen=True)
class Comment:
    """A Word comment (批注) with the source-text span it is anchored on."""

    text: str
    start: int
    end: int


@dataclass
class SourceDocument:
    """What a reader yields: the extracted text (offsets refer to it) and where it came from."""

    name: str
    text: str
    format: str
    comments: list[Comment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Offsets where each page starts (PDF, OFD); empty for unpaged formats.
    page_starts: list[int] = field(default_factory=list)


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def sniff_format(data: bytes, name: str) -> str:
    """Decide the format by signature first, extension second.

    Returns one of docx, ofd, pdf, ole (an OLE container: .doc, .wps or an encrypted .docx), rtf, html, text.
    """
    suffix = Path(name).suffix.lower()
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data, suffix)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    # PDF allows up to 1 KB of junk before the header; some mail gateways add a few bytes.
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"
    if looks_like_html(data):
        return "html"
    if suffix in (".docx", ".ofd"):
        return suffix[1:]
    return "text"


def looks_like_html(data: bytes) -> bool:
    """A saved web page, by its first kilobyte (kept here so a .txt check never imports lxml.html)."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) or (
        head.startswith(b"<") and (b"<html" in head or b"<body" in head or b"<head" in head)
    )


def _zip_kind(data: bytes, suffix: str) -> str:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = {info.filename.lower() for info in archive.infolist()}
    except Exception:  # a damaged package: let the reader its extension names report the damage
        return "ofd" if suffix == ".ofd" else "docx"
    if "ofd.xml" in names:
        return "ofd"
    if "word/document.xml" in names or suffix != ".ofd":
        return "docx"
    return "ofd"


def _mismatch_warning(name: str, kind: str) -> str | None:
    suffix = Path(name).suffix.lower()
    expected = SUFFIX_FORMATS.get(suffix)
    actual = "doc" if kind in ("ole", "rtf") else kind
    if expected is None or expected == actual:
        return None
    return (f"{name}: 扩展名 {suffix} 与文件内容不符，文件实际是{FORMAT_NAMES.get(kind, kind)}，"
            f"已按实际格式读取")


def read_bytes(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceDocument:
    """Read a document from memory; `name` is used for messages and format hints.

    `max_bytes` bounds the input and also the extracted text (as UTF-8), whatever the reader.
    """
    if len(data) > max_bytes:
        raise ReadError(f"{name}: 文件过大（{len(data)} 字节，上限 {max_bytes} 字节）")
    if not data.strip():
        raise ReadError(f"{name}: 文件是空的，没有可检查的内容")
    kind = sniff_format(data, name)
    suffix = Path(name).suffix.lower()
    if kind == "text" and suffix in _BINARY_SUFFIXES:
        raise ReadError(f"{name}: 扩展名为 {suffix}，但文件不是{FORMAT_NAMES[SUFFIX_FORMATS[suffix]]}"
                        "（文件签名不符，可能已损坏或被改名）")
    try:
        source = _dispatch(data, name, kind, max_bytes)
    except ReadError:
        raise
    except RecursionError:
        raise ReadError(f"{name}: 文件结构嵌套过深，疑似恶意构造，拒绝读取") from None
    except MemoryError:
        raise ReadError(f"{name}: 读取时内存不足，文件过大或疑似恶意构造") from None
    except Exception as exc:  # a reader bug must still name the file, not print a traceback
        raise ReadError(f"{name}: 读取失败（内部错误 {type(exc).__name__}: {exc}）") from None
    warning = _mismatch_warning(name, kind)
    if warning:
        source.warnings.insert(0, warning)
    _check_extracted(source, name, max_bytes)
    return source


def _dispatch(data: bytes, name: str, kind: str, max_bytes: int) -> SourceDocument:
    if kind == "docx":
        from doclint.readers.docx import read_docx

        return read_docx(data, name, max_bytes)
    if kind == "ofd":
        from doclint.readers.ofd import read_ofd

        return read_ofd(data, name, max_bytes)
    if kind == "pdf":
        from doclint.readers.pdf import read_pdf

        return read_pdf(data, name, max_bytes)
    if kind in ("ole", "rtf"):
        from doclint.readers.legacy import read_legacy

        suffix = Path(name).suffix.lower()
        return read_legacy(data, name, "wps" if suffix == ".wps" else "rtf" if kind == "rtf" else "doc", max_bytes)
    if kind == "html":
        from doclint.readers.html import read_html

        return read_html(data, name)
    from doclint.readers.plain import read_plain

    return read_plain(data, name)


# A visible character: not white space, not a control, format, private-use or unassigned code point (\p{C}).
_VISIBLE = regex.compile(r"[^\s\p{C}]")


def _check_extracted(source: SourceDocument, name: str, max_bytes: int) -> None:
    # A small package can inflate to a huge text; the configured limit holds for what we extract too.
    if len(source.text) > max_bytes or len(source.text.encode("utf-8", "surrogatepass")) > max_bytes:
        raise ReadError(f"{name}: 提取出的文字过多（超过上限 {max_bytes} 字节），拒绝读取")
    if source.text.count("\n") >= MAX_LINES:
        raise ReadError(too_many_lines(name))
    if not source.text.strip():
        raise ReadError(f"{name}: 没有可检查的文字（文件中没有文字内容）")
    if not _VISIBLE.search(source.text):
        # Only control characters or symbols: never a clean pass, which would say the draft was checked.
        raise ReadError(f"{name}: 没有可检查的文字（提取出的内容只有控制字符和空白，文件可能已损坏）")


def folder_error(path: str | Path) -> str:
    """What to say about a folder given where a file was expected: discovery passes on a folder it could not list."""
    try:
        with os.scandir(path):
            pass
    except OSError as exc:
        return f"{path}: 无法读取目录，其中的文件未检查（{exc.strerror or exc}）"
    return f"{path}: 是目录，不是文件"


def too_many_lines(name: str) -> str:
    return f"{name}: 文字行数（段落数）超过上限 {MAX_LINES:,} 行，不像一份规范性文件，疑似恶意构造，拒绝读取"


def read_path(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceDocument:
    """Read a file, or standard input when `path` is "-"."""
    if str(path) == "-":
        return read_bytes(sys.stdin.buffer.read(max_bytes + 1), "<stdin>", max_bytes)
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(f"{path}: 无法读取文件（{exc.strerror or exc}）") from None
    if path.is_dir():
        raise ReadError(folder_error(path))
    if not path.is_file():
        # A pipe or device would block or never end; only regular files are documents.
        raise ReadError(f"{path}: 不是普通文件（可能是管道或设备），无法读取")
    if size > max_bytes:
        raise ReadError(f"{path}: 文件过大（{size} 字节，上限 {max_bytes} 字节）")
    if not is_supported(path):
        raise ReadError(f"{path}: 不支持的文件类型「{path.suffix or '无扩展名'}」"
                        "（支持 .docx、.doc、.wps、.pdf、.ofd、.html、.txt、.md）")
    try:
        with path.open("rb") as handle:
            # Read one byte past the limit: a file that grew after stat() still cannot exceed it.
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ReadError(f"{path}: 无法读取文件（{exc.strerror or exc}）") from None
    return read_bytes(data, str(path), max_bytes)
