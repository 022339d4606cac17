"""laws.json taken apart once per user: its name index, and each law's JSON kept as bytes, in the user cache.

Every check of a draft that cites a law parsed the whole 850 KB of laws.json (article texts of ~1,000 laws) and
indexed every title, ~25 ms of a cold start, to look up a handful of laws. The first process stores the index
and each law's entry re-encoded as its own small JSON text; later ones read that file (bytes, no decoding) and
decode a law's JSON when it is first looked up. A JSON value survives `json.dumps` then `json.loads` unchanged,
so a law built from its stored entry is the law built from the file.

The file is found by the SHA-256 of laws.json's bytes and of the code that indexes it (lawdata.py, this file):
an edited data file or index is a miss, never a stale hit. Like the other caches (cachedir.py), it carries the
SHA-256 of its body, one owned by another user is never read, and a damaged one is ignored and replaced.
"""

from __future__ import annotations

import hashlib
import json
import marshal
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from doclint.cachedir import read_entry, write_entry

FORMAT = b"doclint-laws-1"
# One file per laws.json an installation ships; keep the newest few.
KEEP = 4


class StoredLaws:
    """What LawData.from_index takes: laws.json's header fields, its name index, and law name → entry.

    A plain class: a dataclass costs ~1.5 ms to create, at every start.
    """

    __slots__ = ("candidates", "data_format", "index", "laws", "source")

    def __init__(self, data_format: int, source: str, index: dict[str, str], candidates: list[tuple[str, str]],
                 laws: Mapping[str, Any]) -> None:
        self.data_format = data_format
        self.source = source
        self.index = index
        self.candidates = candidates
        self.laws = laws


class _Entries(Mapping[str, Any]):
    """Law name → its entry, decoded from the stored JSON when first asked for (LawData keeps the built Law)."""

    def __init__(self, blobs: dict[str, bytes]) -> None:
        self._blobs = blobs

    def __getitem__(self, name: str) -> Any:
        return json.loads(self._blobs[name])

    def __iter__(self) -> Iterator[str]:
        return iter(self._blobs)

    def __len__(self) -> int:
        return len(self._blobs)


def _path(content: bytes) -> Path | None:
    from doclint.cachedir import user_cache_dir

    directory = user_cache_dir()
    if directory is None:
        return None
    key = hashlib.sha256(FORMAT)
    key.update(hashlib.sha256(content).digest())
    for code in (Path(__file__), Path(__file__).with_name("lawdata.py")):
        try:
            key.update(hashlib.sha256(code.read_bytes()).digest())
        except OSError:
            return None
    return directory / f"laws-{key.hexdigest()[:24]}.bin"


def load(content: bytes) -> StoredLaws | None:
    """What was stored for this laws.json, or None (no cache, not stored yet, or not trusted)."""
    path = _path(content)
    if path is None:
        return None
    body = read_entry(path, FORMAT)
    if body is None:
        return None
    try:
        stored = marshal.loads(body)
        data_format, source, index, candidates, blobs = stored
    except (ValueError, EOFError, TypeError):
        return None
    if not (isinstance(data_format, int) and isinstance(source, str) and isinstance(index, dict)
            and isinstance(candidates, list) and isinstance(blobs, dict)):
        return None
    return StoredLaws(data_format, source, index, candidates, _Entries(blobs))


def save(content: bytes, stored: StoredLaws) -> None:
    """Store what `load` gives back for this laws.json; a cache that cannot be written only costs the next start."""
    path = _path(content)
    if path is None:
        return
    blobs = {name: json.dumps(entry, ensure_ascii=False).encode("utf-8") for name, entry in stored.laws.items()}
    try:
        body = marshal.dumps((stored.data_format, stored.source, stored.index, stored.candidates, blobs))
    except ValueError:  # a value marshal cannot store: leave the cache alone
        return
    write_entry(path, FORMAT, body, "laws-*.bin", KEEP)
