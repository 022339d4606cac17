"""Readers turn a file's bytes into the extracted source text that every offset refers to."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from doclint.errors import ReadError

# A draft is a few hundred KB at most; anything far beyond is not a normative document.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

SUPPORTED_SUFFIXES = (".docx", ".txt", ".md", ".markdown", ".text")


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
    """Decide the format by signature first, extension second."""
    suffix = Path(name).suffix.lower()
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if data.startswith(b"%PDF"):
        return "pdf"
    if suffix == ".docx":
        return "docx"
    return "text"


def read_bytes(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceDocument:
    """Read a document from memory; `name` is used for messages and format hints."""
    if len(data) > max_bytes:
        raise ReadError(f"{name}: 文件过大（{len(data)} 字节，上限 {max_bytes} 字节）")
    kind = sniff_format(data, name)
    suffix = Path(name).suffix.lower()
    if kind == "ole":
        raise ReadError(
            f"{name}: 文件是加密的 Word 文档或旧版 .doc/.wps 格式，无法读取；请解除密码保护或另存为 .docx"
        )
    if kind == "pdf":
        raise ReadError(f"{name}: 暂不支持 PDF 文件；请提供 .docx 或 .txt 文本")
    if kind == "docx":
        from doclint.readers.docx import read_docx

        return read_docx(data, name)
    if suffix == ".docx":
        raise ReadError(f"{name}: 扩展名为 .docx，但文件不是 Word 文档（不是 ZIP 包）")
    from doclint.readers.plain import read_plain

    return read_plain(data, name)


def read_path(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceDocument:
    """Read a file, or standard input when `path` is "-"."""
    if str(path) == "-":
        return read_bytes(sys.stdin.buffer.read(), "<stdin>", max_bytes)
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(f"{path}: 无法读取文件（{exc.strerror or exc}）") from None
    if path.is_dir():
        raise ReadError(f"{path}: 是目录，不是文件")
    if size > max_bytes:
        raise ReadError(f"{path}: 文件过大（{size} 字节，上限 {max_bytes} 字节）")
    if not is_supported(path):
        raise ReadError(f"{path}: 不支持的文件类型「{path.suffix or '无扩展名'}」（支持 .docx、.txt、.md）")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{path}: 无法读取文件（{exc.strerror or exc}）") from None
    return read_bytes(data, str(path), max_bytes)
