"""How names and texts from outside are shown: lossless, readable, and never terminal control or rich markup.

A file name is whatever bytes the file system holds (GBK from a Windows archive, an escape sequence, a newline).
Python keeps undecodable bytes as surrogate escapes; these helpers turn them into `\\xNN`, control characters into
`\\n`/`\\x1b`/`\\u202e`, so no name can clear the screen, forge a result line or break an encoder.
"""

from __future__ import annotations

import os
import unicodedata
from typing import TYPE_CHECKING

from doclint import rx

if TYPE_CHECKING:
    from doclint.model import FileResult

# Characters a terminal or a line-based reader treats as something other than text.
_CONTROL_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}


def _needs_escape(char: str) -> bool:
    return not char.isprintable() and (char != " ") and unicodedata.category(char) in _CONTROL_CATEGORIES


def display_text(text: str) -> str:
    """`text` with undecodable bytes as `\\xNN` and control or format characters as Python-style escapes."""
    if text.isprintable():
        return text
    if any("\udc80" <= char <= "\udcff" for char in text):
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    out = []
    for char in text:
        if _needs_escape(char):
            out.append(char.encode("unicode_escape").decode("ascii"))
        else:
            out.append(char)
    return "".join(out)


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as it is printed: escaped as `display_text`, and a non-UTF-8 name also read as GBK, when that works
    (what `unzip` leaves of a Windows archive), so the reader can still tell which draft it is."""
    raw = os.fspath(path)
    shown = display_text(raw)
    if any("\udc80" <= char <= "\udcff" for char in raw):
        try:
            guess = os.path.basename(raw).encode("utf-8", "surrogateescape").decode("gb18030")
        except UnicodeError:
            return shown
        return f"{shown}（文件名不是 UTF-8 编码，按 GBK 读作「{display_text(guess)}」）"
    return shown


# Code points XML 1.0 cannot hold (a .docx is XML): C0 controls but tab and newlines, lone surrogates, U+FFFE/F.
_XML_INVALID = rx.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` with every character XML cannot hold written as an escape (`\\x1b`, `\\udcb9`), so a file name or a
    quote with control characters still goes into a Word document, readably."""
    if not _XML_INVALID.search(text):
        return text
    return _XML_INVALID.sub(lambda match: match.group().encode("unicode_escape", "backslashreplace").decode("ascii"),
                            text)


def json_safe(text: str) -> str:
    """Serialised JSON whose lone surrogates (undecodable file-name bytes) become `\\udcNN` JSON escapes:
    valid UTF-8 on disk, and `json.loads` plus `os.fsencode` give the original bytes back."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def results_for_display(results: list[FileResult], sources: dict[str, str]) -> tuple[list[FileResult], dict[str, str]]:
    """Copies of `results` with printable paths and error texts, and `sources` keyed by the printed path."""
    shown: list[FileResult] = []
    shown_sources: dict[str, str] = {}
    for result in results:
        path = display_path(result.path)
        error = display_text(result.error) if result.error else result.error
        # A finding quotes the draft: a control character there is escaped too (the text report escapes the
        # excerpt line itself, from the source, so offsets still work there).
        findings = [finding if finding.message.isprintable() and finding.excerpt.isprintable()
                    else finding.model_copy(update={"message": display_text(finding.message),
                                                    "excerpt": display_text(finding.excerpt)})
                    for finding in result.findings]
        if path == result.path and error == result.error and all(
                new is old for new, old in zip(findings, result.findings, strict=True)):
            shown.append(result)
        else:
            shown.append(result.model_copy(update={"path": path, "error": error, "findings": findings}))
        if result.path in sources:
            shown_sources[path] = sources[result.path]
    return shown, shown_sources
