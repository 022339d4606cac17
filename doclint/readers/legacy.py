"""Old binary formats (.doc, .wps, RTF): converted to .docx by LibreOffice in a temp folder, then read as .docx.

OLE containers are also what an encrypted .docx looks like, so that case is told apart first.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from doclint.errors import ReadError
from doclint.readers import SourceDocument

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RTF_SIGNATURE = b"{\\rtf"
# A first LibreOffice start builds its profile (~10 s on a slow machine); a draft converts in a few more.
CONVERT_TIMEOUT_SECONDS = 120

# OLE directory entries store stream names in UTF-16LE; these names are fixed by the file formats.
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_WORD_DOCUMENT = "WordDocument".encode("utf-16-le")

_RESAVE = "请在 Word/WPS 中打开后“另存为” .docx 再检查"
_HOW_TO_CONVERT = (
    "请安装 LibreOffice（提供 soffice 命令），或在 Word/WPS 中“另存为” .docx 后再检查；"
    "也可手动转换：soffice --headless --convert-to docx 文件名"
)


def ole_kind(data: bytes) -> str:
    """"encrypted" for a password-protected Office Open XML file, "word" for Word 97-2003/WPS, else "other"."""
    if _ENCRYPTED_PACKAGE in data:
        return "encrypted"
    if _WORD_DOCUMENT in data:
        return "word"
    return "other"


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy(data: bytes, name: str, kind: str, max_chars: int | None = None) -> SourceDocument:
    """Read a .doc/.wps/RTF file through LibreOffice; `kind` is the format named in the result."""
    if data.startswith(OLE_SIGNATURE) and ole_kind(data) == "encrypted":
        raise ReadError(f"{name}: 文件设有打开密码（加密的 Word 文档），无法读取；请解除密码保护后另存为 .docx 再检查")
    if data.startswith(OLE_SIGNATURE) and kind != "wps" and ole_kind(data) != "word":
        # LibreOffice "converts" any OLE container, random bytes included, into a page of noise or nothing;
        # a .doc without its WordDocument stream has no text we could check. (.wps may be a Works file.)
        raise ReadError(f"{name}: 没有可检查的文字：文件是 OLE 复合文档，但其中没有 Word 正文（WordDocument 流），"
                        f"可能已损坏、已加密或是其他程序的文件；{_RESAVE}")
    soffice = find_soffice()
    if soffice is None:
        raise ReadError(f"{name}: 读取 .{kind} 文件需要 LibreOffice，但未找到 soffice 命令。{_HOW_TO_CONVERT}")
    converted = convert_to_docx(data, name, kind, soffice)
    from doclint.readers.docx import read_docx

    source = read_docx(converted, name, max_chars)
    source.format = kind
    return source


def convert_to_docx(data: bytes, name: str, kind: str, soffice: str) -> bytes:
    """Run `soffice --headless --convert-to docx` on a private copy, with its own profile and a timeout."""
    with tempfile.TemporaryDirectory(prefix="doclint-convert-") as folder:
        work = Path(folder)
        # A fixed input name: the user's file name may hold characters soffice or the shell would misread.
        source = work / f"input.{kind}"
        source.write_bytes(data)
        outdir = work / "out"
        # A private profile: otherwise soffice hands the job to a running LibreOffice and returns at once.
        profile = (work / "profile").as_uri()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--invisible", "--norestore",
                   "--nolockcheck", "--nodefault", "--nologo", "--convert-to", "docx:MS Word 2007 XML",
                   "--outdir", str(outdir), str(source)]
        _run(command, name)
        target = outdir / "input.docx"
        if not target.is_file():
            raise ReadError(
                f"{name}: LibreOffice 无法转换此文件（文件可能已损坏、设有密码或不是 Word/WPS 文档）；{_RESAVE}"
            )
        return target.read_bytes()


def _run(command: list[str], name: str) -> None:
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, start_new_session=True)
    except OSError as exc:
        raise ReadError(f"{name}: 无法启动 LibreOffice（{exc}）。{_HOW_TO_CONVERT}") from None
    try:
        process.communicate(timeout=CONVERT_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        # soffice forks soffice.bin; kill the whole session so nothing outlives the timeout.
        _kill_group(process)
        process.communicate()
        raise ReadError(
            f"{name}: LibreOffice 转换超过 {CONVERT_TIMEOUT_SECONDS} 秒未完成，已中止；{_RESAVE}"
        ) from None
    except BaseException:
        _kill_group(process)
        raise


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        process.kill()
