"""Defensive ZIP and XML access for package formats (.docx, .ofd): bomb limits, no DTDs, clear errors."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from doclint.errors import ReadError

# A real draft's largest XML part is a few MB; these caps are far above that and far below a bomb.
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_TOTAL_UNCOMPRESSED = 256 * 1024 * 1024
# A document package has dozens of members; a central directory with millions is an attack on parse time.
MAX_MEMBERS = 20_000

_DAMAGED = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError)


def safe_parse(data: bytes, part: str, name: str) -> Any:
    """Parse one XML part. DTDs never occur in Office or OFD packages, so any is refused (XXE, billion laughs)."""
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise ReadError(f"{name}: {part} 含有 DTD/实体声明，按安全策略拒绝读取")
    from lxml import etree  # imported when a package is read, so a plain-text check never loads libxml2

    # Belt and braces: even if a declaration slipped past the check, nothing is loaded or expanded.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise ReadError(f"{name}: {part} 不是有效的 XML（{exc}）") from None
    # A DTD in another encoding (UTF-16) escapes the byte check above; the parsed tree still shows it.
    if root.getroottree().docinfo.internalDTD is not None:
        raise ReadError(f"{name}: {part} 含有 DTD/实体声明，按安全策略拒绝读取")
    return root


def stream_children(data: bytes, part: str, name: str, container: str) -> Iterator[Any]:
    """The children of the first `container` element (a Clark-notation tag such as w:body), each yielded once
    it is complete and cleared right after, so a part of a million small paragraphs never exists as one tree.

    The same refusals as `safe_parse`: no DTD or entity, nothing loaded, nesting within libxml2's limit.
    """
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise ReadError(f"{name}: {part} 含有 DTD/实体声明，按安全策略拒绝读取")
    from lxml import etree

    events = etree.iterparse(io.BytesIO(data), events=("start", "end"), resolve_entities=False, no_network=True,
                             load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True)
    container_element = None
    depth = 0  # depth below the container of the element being read (1: a direct child)
    try:
        for event, element in events:
            if container_element is None:
                if event == "start" and element.tag == container:
                    container_element = element
                    if element.getroottree().docinfo.internalDTD is not None:
                        raise ReadError(f"{name}: {part} 含有 DTD/实体声明，按安全策略拒绝读取")
                continue
            if event == "start":
                depth += 1
                continue
            if element is container_element:
                return
            depth -= 1
            if depth == 0:
                yield element
                element.clear()
                # Drop the finished children themselves too, not only their content.
                while element.getprevious() is not None:
                    del container_element[0]
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"{name}: {part} 不是有效的 XML（{exc}）") from None
    if container_element is None:
        raise MissingContainer(f"{name}: {part} 中没有 {container.rsplit('}', 1)[-1]}")


class MissingContainer(ReadError):
    """The part has no element of the container's name (a .docx without w:body)."""


def open_archive(data: bytes, name: str, kind: str = ".docx") -> zipfile.ZipFile:
    """Open a ZIP package after checking the declared sizes in its central directory."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (*_DAMAGED, RuntimeError) as exc:
        raise ReadError(f"{name}: 不是有效的 {kind}（ZIP 包损坏或被截断：{exc}）") from None
    if len(members) > MAX_MEMBERS:
        raise ReadError(f"{name}: ZIP 包含 {len(members)} 个成员，超过上限 {MAX_MEMBERS}，拒绝读取")
    declared = sum(info.file_size for info in members)
    if declared > MAX_TOTAL_UNCOMPRESSED:
        raise ReadError(f"{name}: 解压后总大小 {declared} 字节超过上限，疑似压缩炸弹，拒绝读取")
    return archive


def member_names(archive: zipfile.ZipFile) -> list[str]:
    return [info.filename for info in archive.infolist()]


def read_part(archive: zipfile.ZipFile, part: str, name: str) -> bytes | None:
    """Read one member with a hard cap on the bytes actually inflated, whatever its header declares."""
    try:
        info = archive.getinfo(part)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise ReadError(f"{name}: {part} 解压后过大（声明 {info.file_size} 字节），疑似压缩炸弹，拒绝读取")
    if info.flag_bits & 0x1:
        raise ReadError(f"{name}: {part} 已加密（ZIP 密码保护），无法读取；请解除密码后再检查")
    try:
        with archive.open(info) as stream:
            # Read one byte past the cap: a header that understates the size cannot make us inflate more.
            data = stream.read(MAX_PART_BYTES + 1)
    except (*_DAMAGED, RuntimeError) as exc:
        raise ReadError(f"{name}: ZIP 包已损坏，无法解压 {part}（{exc}）") from None
    if len(data) > MAX_PART_BYTES:
        raise ReadError(f"{name}: {part} 解压后超过上限，疑似压缩炸弹，拒绝读取")
    return data
