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
