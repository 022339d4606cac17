"""The two JSON caches in the user cache dir: parsed YAML files and what rule regexes compile to."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from doclint.engine import primitives as p
from doclint.engine import rulefiles
from doclint.engine.snapshot import tree_stamp


class _JsonCache:
    """A JSON file of entries in the user cache dir, valid for one `key`, guarded by a digest.

    The file name carries the key (everything the entries depend on besides their own lookup key), so a new
    version of a dependency starts a new file. A file that is unreadable, truncated, of the wrong shape or
    fails its digest is ignored and rewritten; a cache directory that cannot be written is no error.
    """

    MAX_ENTRIES = 20_000  # office packs come and go; start afresh rather than grow without bound

    def __init__(self, directory: Path | None, name: str, key_parts: list[bytes]) -> None:
        self.path: Path | None = None
        self.entries: dict[str, Any] = {}
        self.added: dict[str, Any] = {}
        digest = hashlib.sha256()
        for part in key_parts:
            digest.update(hashlib.sha256(part).digest())
        self.key = digest.hexdigest()
        if directory is None:
            return
        self.path = directory / f"{name}-{self.key[:20]}.json"
        self.entries = self._read()

    @staticmethod
    def _digest(entries: dict[str, Any]) -> str:
        return hashlib.sha256(json.dumps(entries, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()

    def _read(self) -> dict[str, Any]:
        assert self.path is not None
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            entries = raw["entries"]
            if raw.get("key") != self.key or not isinstance(entries, dict) or raw.get("digest") != self._digest(entries):
                return {}
            return entries
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def save(self) -> None:
        """Write back, atomically, when this process learnt something; failures only cost the next start."""
        if self.path is None or not self.added:
            return
        merged = {} if len(self.entries) + len(self.added) > self.MAX_ENTRIES else dict(self.entries)
        merged.update(self.added)
        payload = {"key": self.key, "digest": self._digest(merged), "entries": merged}
        import tempfile  # only when writing: importing it costs a cold start more than the write

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{self.path.stem}-", dir=self.path.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(payload, out, ensure_ascii=False)
                os.replace(temporary, self.path)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temporary)
        except OSError:
            return
        self.entries, self.added = merged, {}


class PatternCache(_JsonCache):
    """What earlier processes learnt about rule regexes: that each compiles, and its literal clauses.

    Compiling ~180 patterns and reading them for their pre-filter clauses was most of the cost of loading
    the rules, paid again by every `doclint check`. Entries are looked up by the pattern's exact text, so
    they cannot go stale as rules change: a new or edited pattern is simply not there, and is compiled
    (and so validated) at load. The key covers the regex module's version, Python's, and the source of
    the code that derives clauses (primitives.py).
    """

    def __init__(self, directory: Path | None) -> None:
        import regex as regex_module

        try:
            code = Path(p.__file__).read_bytes()
        except OSError:
            directory, code = None, b""
        parts = [b"patterns-1", regex_module.__version__.encode(), sys.version.encode(), code]
        super().__init__(directory, "patterns", parts)

    def get(self, pattern: str) -> list[frozenset[str]] | None:
        clauses = self.entries.get(pattern)
        if not isinstance(clauses, list):
            return None
        if not all(isinstance(c, list) and all(isinstance(word, str) and word for word in c) for c in clauses):
            return None
        return [frozenset(clause) for clause in clauses]

    def add(self, pattern: str, clauses: list[frozenset[str]]) -> None:
        self.added[pattern] = [sorted(clause) for clause in clauses]


class YamlCache(_JsonCache):
    """Parsed rule and lexicon files, looked up by the SHA-256 of their bytes: an edited file is a miss.

    Only data that survives a JSON round trip unchanged is stored (a YAML date or a non-string key would
    not), so a hit gives exactly what the YAML loader gave. The key covers the installed PyYAML (its files'
    sizes and times, read without importing it: a hit must not pay for the import) and the loader's source.
    `name` keeps unrelated files (rule packs, procedure profiles) in separate cache files.
    """

    def __init__(self, directory: Path | None, name: str = "yaml") -> None:
        # The loader's source (rulefiles.py) as well as this one's: a change to either may change a value.
        parts = [b"yaml-2", _package_stamp("yaml"), Path(__file__).read_bytes(),
                 Path(rulefiles.__file__).read_bytes()]
        super().__init__(directory, name, parts)

    def parsed(self, data: bytes, parse: Callable[[str], Any]) -> Any:
        """The value cached for these bytes, else `parse` of their UTF-8 text (remembered for `save`)."""
        digest, value = self.load(data)
        if value is _MISS:
            value = parse(data.decode("utf-8"))
            self.add(digest, value)
        return value

    def load(self, data: bytes) -> tuple[str, Any]:
        """(lookup key, parsed value or the _MISS sentinel)."""
        digest = hashlib.sha256(data).hexdigest()
        return digest, self.entries.get(digest, _MISS)

    def add(self, digest: str, value: Any) -> None:
        try:
            if json.loads(json.dumps(value, ensure_ascii=False)) != value:
                return
        except (TypeError, ValueError):
            return
        self.added[digest] = value


_MISS = object()


def _package_stamp(name: str) -> bytes:
    """Every file of an installed package (path, size, mtime), without importing it."""
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return b"missing"
    return b"".join(tree_stamp(Path(folder)) for folder in spec.submodule_search_locations)
