"""Plain text and Markdown: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030, line by line if mixed."""

from __future__ import annotations

from doclint.errors import ReadError
from doclint.readers import SourceDocument

# Labels a web page or a caller may declare for the GB family; GB18030 decodes all of them.
_GB_LABELS = {"gb2312", "gbk", "gb18030", "cp936", "x-gbk", "euc-cn", "hz-gb-2312"}


def decode_text(data: bytes, name: str, declared: str | None = None) -> str:
    """Decode bytes the way Chinese government text files actually arrive; never raises on bad bytes."""
    text, _ = decode_with_warnings(data, name, declared)
    return text


def decode_with_warnings(data: bytes, name: str, declared: str | None = None) -> tuple[str, list[str]]:
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            raise ReadError(f"{name}: 带 UTF-16 标记的文件无法解码") from None
    if b"\x00" in data:
        raise ReadError(f"{name}: 不是文本文件（含有二进制内容）")
    # Whole-file GB18030 is tried only when declared: it accepts almost any byte pairs, so on a UTF-8 + GBK
    # mix it "succeeds" with garbled UTF-8 lines. Undeclared files go line by line once UTF-8 fails.
    prefer_gb = (declared or "").strip().lower() in _GB_LABELS
    try:
        return data.decode("gb18030" if prefer_gb else "utf-8-sig"), []
    except UnicodeDecodeError:
        return _decode_by_line(data, name)


def _decode_by_line(data: bytes, name: str) -> tuple[str, list[str]]:
    """Files pasted together from UTF-8 and GBK sources: each line in whichever encoding fits it.

    A line that fits neither keeps its readable part, with U+FFFD for the bad bytes, and is reported.
    """
    data = data.removeprefix(b"\xef\xbb\xbf")
    lines: list[str] = []
    damaged: list[int] = []
    mixed: set[str] = set()
    for number, raw in enumerate(data.split(b"\n"), start=1):
        for encoding in ("utf-8", "gb18030"):
            try:
                lines.append(raw.decode(encoding))
                if not raw.isascii():
                    mixed.add(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            lines.append(raw.decode("utf-8", errors="replace"))
            damaged.append(number)
    warnings = []
    if len(mixed) > 1:
        warnings.append(f"{name}: 文件混用了 UTF-8 和 GB18030 两种编码，已逐行识别")
    if damaged:
        shown = "、".join(str(n) for n in damaged[:10]) + ("等" if len(damaged) > 10 else "")
        warnings.append(f"{name}: 第 {shown} 行含有无法识别的字节，已替换为 �")
    return "\n".join(lines), warnings


def read_plain(data: bytes, name: str) -> SourceDocument:
    text, warnings = decode_with_warnings(data, name)
    return SourceDocument(name=name, text=text, format="text", warnings=warnings)
