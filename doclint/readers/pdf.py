"""PDF reader: the text layer page by page (pypdf, imported only when a PDF arrives), with page offsets."""

from __future__ import annotations

import io
import logging
from typing import Any

from doclint.errors import ReadError
from doclint.readers import SourceDocument
from doclint.readers.layout import paged_text

# Thousands of pages is a book, not a draft; also bounds the time a crafted file can cost.
MAX_PAGES = 2000
_NEEDS_OCR = "需要 OCR"


def read_pdf(data: bytes, name: str, max_chars: int) -> SourceDocument:
    try:
        from pypdf import PdfReader
    except ImportError:
        raise ReadError(f"{name}: 读取 PDF 需要安装 pypdf（pip install pypdf）；或提供 .docx/.txt 文本") from None
    # pypdf reports every repaired cross-reference on the root logger; a damaged file is our error to tell.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not _opens_without_password(reader, name):
            raise ReadError(f"{name}: PDF 文件设有打开密码，无法读取；请解除密码保护后再检查")
        pages = reader.pages
        count = len(pages)
        if count > MAX_PAGES:
            raise ReadError(f"{name}: PDF 共 {count} 页，超过上限 {MAX_PAGES} 页，拒绝读取")
        page_lines: list[list[str]] = []
        total = 0
        for page in pages:
            text = page.extract_text() or ""
            total += len(text)
            if total > max_chars:
                raise ReadError(f"{name}: PDF 提取出的文字超过上限（{max_chars} 字符），拒绝读取")
            page_lines.append(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    except ReadError:
        raise
    except RecursionError:
        raise ReadError(f"{name}: PDF 对象嵌套过深，疑似恶意构造，拒绝读取") from None
    except Exception as exc:  # pypdf raises many kinds on damaged files; all mean the same to the user
        raise ReadError(f"{name}: PDF 文件已损坏或格式不受支持（{type(exc).__name__}: {exc}）") from None
    text, starts = paged_text(page_lines)
    if not text.strip():
        raise ReadError(
            f"{name}: PDF 没有文字层（可能是扫描件），{_NEEDS_OCR}：请先用 OCR 软件识别成文字，"
            "或提供 .docx/.txt 原稿"
        )
    return SourceDocument(name=name, text=text, format="pdf", page_starts=starts)


def _opens_without_password(reader: Any, name: str) -> bool:
    # Many government PDFs are "encrypted" only against editing, with an empty open password.
    from pypdf.errors import DependencyError

    try:
        return bool(reader.decrypt(""))
    except DependencyError:
        raise ReadError(
            f"{name}: PDF 使用 AES 加密，判断是否设有打开密码和解密都需要安装 cryptography"
            "（pip install cryptography）"
        ) from None
    except Exception:  # a damaged encryption dictionary
        return False
