"""The compiled rule set of an earlier process, pickled in the user cache: a new `doclint check` loads it
instead of parsing, validating and compiling every rule pack and building the pre-filter again.

A snapshot is found by a key over everything the compilation depends on: the rule directories and the bytes
of every file compilation reads from them, the package's Python source (path, size and modification time of
each file, so an edited or upgraded doclint never loads an old snapshot), and the Python, regex and pydantic
versions. The file carries the SHA-256 of its body; a truncated, damaged or foreign file is ignored and
replaced. Like any cache of pickles, the directory must be the user's own: a snapshot owned by another user
is never loaded.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from doclint.cachedir import read_entry, write_entry

if TYPE_CHECKING:
    from doclint.engine.compiled import RuleSet

FORMAT = b"doclint-ruleset-snapshot-1"
# Rule packs come and go (an office edits its own pack often): keep the newest few snapshots, not all.
KEEP = 8
PACKAGE = Path(__file__).resolve().parent.parent


def rule_source_files(directory: Path) -> list[Path]:
    """Every file compiling a rule directory reads (ruleset.load_rule_models, load_lexicons, the dictionary)."""
    files = sorted(directory.glob("*.yaml")) + sorted((directory / "lexicons").glob("*.yaml"))
    dictionary = directory / "dict" / "legal.txt"
    return [*files, dictionary] if dictionary.is_file() else files


def tree_stamp(root: Path, suffix: str = "") -> bytes:
    """Relative path, size and modification time of every file under `root` ending in `suffix` (caches and
    bundled rules left out): changes whenever a file is edited, added or removed, without reading any."""
    stamp = hashlib.sha256()
    for folder, folders, files in os.walk(root):
        folders[:] = sorted(f for f in folders if f not in ("__pycache__", "_bundled_rules"))
        for name in sorted(files):
            if name.endswith(suffix):
                path = os.path.join(folder, name)
                with contextlib.suppress(OSError):
                    info = os.stat(path)
                    stamp.update(f"{os.path.relpath(path, root)}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return stamp.digest()


def snapshot_key(directories: tuple[str, ...]) -> str | None:
    """The key of the rule set compiled from `directories`; None when one cannot be read (compile reports it)."""
    import pydantic
    import regex

    key = hashlib.sha256(FORMAT)
    for part in (sys.version, regex.__version__, pydantic.VERSION):
        key.update(part.encode() + b"\0")
    key.update(tree_stamp(PACKAGE, ".py"))
    try:
        for directory in directories:
            key.update(directory.encode() + b"\0")
            base = Path(directory)
            for path in rule_source_files(base):
                key.update(str(path.relative_to(base)).encode() + b"\0")
                key.update(hashlib.sha256(path.read_bytes()).digest())
    except (OSError, ValueError):
        return None
    return key.hexdigest()


def _path(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"ruleset-{key[:24]}.pickle"


def load_snapshot(cache_dir: Path, key: str) -> RuleSet | None:
    """The rule set stored under `key`, or None when there is none or it cannot be trusted."""
    from doclint.engine.compiled import RuleSet

    body = read_entry(_path(cache_dir, key), FORMAT + b" " + key.encode())
    if body is None:
        return None
    try:
        ruleset = pickle.loads(body)
    except Exception:  # a snapshot from code that no longer unpickles (any error): compile afresh
        return None
    return ruleset if isinstance(ruleset, RuleSet) else None


class _Pickler(pickle.Pickler):
    """Pickles an `re` pattern as a call to rx.compile: loading it then takes the compiled code from rx's cache
    instead of compiling again (the actor lexicon's alternation alone took ~10 ms of each load)."""

    def reducer_override(self, obj: object) -> Any:
        if isinstance(obj, re.Pattern) and isinstance(obj.pattern, str):
            from doclint import rx

            # A str pattern's flags always include UNICODE; the code compiled it without, and so finds it
            # in the cache under the flags it gave (re.compile treats the two alike).
            return rx.compile, (obj.pattern, obj.flags & ~int(re.UNICODE))
        return NotImplemented


def save_snapshot(cache_dir: Path, key: str, ruleset: RuleSet) -> None:
    """Store the rule set under `key` and prune old snapshots; a cache that cannot be written is no error."""
    try:
        buffer = io.BytesIO()
        _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(ruleset)
        body = buffer.getvalue()
    except (pickle.PicklingError, TypeError, AttributeError):  # tests/test_snapshot.py keeps this from happening
        return
    write_entry(_path(cache_dir, key), FORMAT + b" " + key.encode(), body, "ruleset-*.pickle", KEEP)
