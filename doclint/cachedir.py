"""Where doclint keeps its per-user caches (rule snapshot, parsed YAML, compiled patterns); nothing else.

Its own module, importing only the standard library: the pattern cache (rx.py) asks for it while the text
modules are being imported, before the engine is.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def user_cache_dir() -> Path | None:
    """Where doclint may keep caches: $DOCLINT_CACHE_DIR, else the platform's per-user cache directory.

    DOCLINT_NO_CACHE=1 turns caching off (None).
    """
    if os.environ.get("DOCLINT_NO_CACHE"):
        return None
    override = os.environ.get("DOCLINT_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "doclint" / "Cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "doclint"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "doclint"


def read_entry(path: Path, header: bytes) -> memoryview | None:
    """The body of a cache file written by `write_entry` with this header, or None: missing, unreadable, owned by
    another user, written for another key, or damaged (its SHA-256 does not match)."""
    import hashlib

    try:
        with path.open("rb") as handle:
            if hasattr(os, "getuid") and os.fstat(handle.fileno()).st_uid != os.getuid():
                return None
            data = handle.read()
    except OSError:
        return None
    # Views, not copies: a body may be most of a megabyte, and a fresh process pays for every page it touches.
    header_end = data.find(b"\n")
    view = memoryview(data)
    digest, body = view[header_end + 1:header_end + 65], view[header_end + 66:]
    if header_end < 0 or view[:header_end] != header or hashlib.sha256(body).hexdigest().encode() != digest:
        return None
    return body


def write_entry(path: Path, header: bytes, body: bytes, siblings: str, keep: int) -> None:
    """Write `body` under `header` with its SHA-256, atomically, and keep the newest `keep` files matching the
    glob `siblings` beside it. A cache that cannot be written only costs the next start: failures pass silently."""
    import hashlib

    from doclint.atomic import atomic_write_bytes
    from doclint.errors import DoclintError

    data = header + b"\n" + hashlib.sha256(body).hexdigest().encode() + b"\n" + body
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, data, overwrite=True)
        others = sorted((p for p in path.parent.glob(siblings) if p != path),
                        key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for stale in others[keep - 1:]:
            stale.unlink()
    except (OSError, DoclintError):
        return
