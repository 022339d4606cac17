"""Uploaded files into a private folder: safe names (never the client's path), size and count limits, .zip unpacked."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from doclint.errors import DoclintError, ReadError
from doclint.readers.zipsafe import open_archive, read_part

# What a clerk may drop: the formats the readers know (.doc/.wps go through LibreOffice when it is present).
DOCUMENT_SUFFIXES = (".docx", ".doc", ".wps", ".pdf", ".ofd", ".txt", ".md", ".html", ".htm")
# A package is a few to a few dozen files; a zip with hundreds is not a 送审材料 package.
MAX_FILES = 50
MAX_NAME_CHARS = 80
_UNSAFE = re.compile(r"[^\w\u3000-\u303f\uff01-\uff5e（）〔〕《》【】·.\- ]")


class UploadError(DoclintError):
    """The upload cannot be taken as given; the message names the file."""

    exit_code = 2


@dataclass(frozen=True)
class Upload:
    """One file as the browser sent it: the name it gave (display only) and the bytes."""

    name: str
    data: bytes


def safe_name(client_name: str, taken: set[str]) -> str:
    """A file name for the private folder: the last path component, stripped of anything but words and the
    punctuation a title uses. The name itself is kept where it can be, because a package's roles are read from
    names (起草说明…) and its doclint.yaml names files; a name already `taken` gets -2, -3…"""
    name = PureWindowsPath(PurePosixPath(client_name).name).name  # both separators, whatever the client's OS
    name = unicodedata.normalize("NFC", name).replace("\x00", "")
    name = _UNSAFE.sub("_", name).strip(" .")
    suffix = PurePosixPath(name).suffix.lower()
    stem = name[: len(name) - len(suffix)] if suffix else name
    stem = stem[:MAX_NAME_CHARS].strip(" .") or "文件"
    candidate = f"{stem}{suffix}"
    number = 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{stem}-{number}{suffix}"
    taken.add(candidate.lower())
    return candidate


def expand(uploads: list[Upload], max_bytes: int, max_total: int) -> list[Upload]:
    """Uploads with each .zip replaced by the documents inside it (folders flattened, other files skipped).

    `max_total` bounds everything unpacked, so a package of small zips cannot add up to a bomb."""
    expanded: list[Upload] = []
    for upload in uploads:
        if PurePosixPath(upload.name.lower()).suffix != ".zip":
            expanded.append(upload)
            continue
        expanded.extend(unzip(upload, max_bytes))
        total = sum(len(item.data) for item in expanded)
        if total > max_total:
            raise UploadError(f"{upload.name}: 解压后共 {total} 字节，超过本次上传的上限 {max_total} 字节")
    if len(expanded) > MAX_FILES:
        raise UploadError(f"一次最多上传 {MAX_FILES} 个文件（本次 {len(expanded)} 个）")
    return expanded


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author wrote it. Without the UTF-8 flag Python decodes names as cp437; Linux
    zip tools write UTF-8 there without setting the flag, and Chinese Windows writes GBK."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for encoding in ("utf-8", "gbk"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def unzip(upload: Upload, max_bytes: int) -> list[Upload]:
    """The documents of a .zip package, read through the same bomb limits as a .docx."""
    archive = open_archive(upload.data, upload.name, ".zip")
    members: list[Upload] = []
    with archive:
        for info in archive.infolist():
            name = _member_name(info)
            base = PurePosixPath(name.replace("\\", "/")).name
            if info.is_dir() or "__MACOSX" in name or base.startswith(("~$", ".")):
                continue
            if PurePosixPath(base.lower()).suffix not in DOCUMENT_SUFFIXES and base != "doclint.yaml":
                continue
            if info.file_size > max_bytes:
                raise UploadError(f"{upload.name}: 其中的 {base} 解压后 {info.file_size} 字节，超过上限 {max_bytes} 字节")
            data = read_part(archive, info.filename, upload.name)
            if data is None:
                raise ReadError(f"{upload.name}: 无法读取其中的 {base}")
            members.append(Upload(name=base, data=data))
    if not members:
        raise UploadError(f"{upload.name}: 压缩包中没有可审查的文件（支持 {'、'.join(DOCUMENT_SUFFIXES)}）")
    return members


def save(uploads: list[Upload], folder: Path, max_bytes: int) -> list[Path]:
    """Write the uploads into `folder` (private, made by the caller) under safe names; returns their paths."""
    if not uploads:
        raise UploadError("没有收到文件，请选择草案或送审材料")
    paths: list[Path] = []
    taken = {"doclint.yaml"}
    for upload in uploads:
        if len(upload.data) > max_bytes:
            raise UploadError(f"{upload.name}: 文件大小 {len(upload.data)} 字节，超过上限 {max_bytes} 字节")
        if upload.name == "doclint.yaml":
            target = folder / "doclint.yaml"  # the package's own role sidecar keeps the name review looks for
        else:
            suffix = PurePosixPath(upload.name.lower()).suffix
            if suffix not in DOCUMENT_SUFFIXES:
                raise UploadError(f"{upload.name}: 不支持的文件类型（支持 {'、'.join(DOCUMENT_SUFFIXES)}、.zip）")
            target = folder / safe_name(upload.name, taken)
        with open(target, "xb") as handle:  # never replaces anything, even if two names collided
            handle.write(upload.data)
        paths.append(target)
    return paths
