"""Plain text and Markdown: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030."""

from __future__ import annotations

from doclint.errors import ReadError
from doclint.readers import SourceDocument


def decode_text(data: bytes, name: str) -> str:
    """Decode bytes the way Chinese government text files actually arrive."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReadError(f"{name}: 带 UTF-16 标记的文件无法解码") from None
    if b"\x00" in data:
        raise ReadError(f"{name}: 不是文本文件（含有二进制内容）")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # GB18030 is a superset of GBK and GB2312, the usual legacy encodings.
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"{name}: 无法识别文本编码（既不是 UTF-8 也不是 GB18030，第 {exc.start} 字节处出错）"
        ) from None


def read_plain(data: bytes, name: str) -> SourceDocument:
    return SourceDocument(name=name, text=decode_text(data, name), format="text")
