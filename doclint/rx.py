"""`re.compile` that remembers: the compiled code of doclint's own patterns, kept in the user cache.

Python compiles a regular expression in Python (parse, then code generation), and a cold `doclint check`
compiled ~350 of them — the structure parser, the facts, the form and citation detectors, the clause
reading's grammar with its lexicons in place: ~150 ms of a ~0.7 s start, paid again by every process. What
compilation produces is a list of integers that `_sre.compile` turns into a pattern in microseconds. This
module keeps those lists in one file of the user cache (`cachedir.py`, like the rule snapshot) and, when the
same pattern text and flags come again, hands `_sre.compile` the stored list.

A hit is exactly the pattern `re.compile` gives: an entry is stored only after the pattern built from it was
compared with `re.compile`'s own (same code, flags and groups; CPython's pattern equality compares the code),
and the file is keyed by the Python build (its version string, `_sre.MAGIC`, the code word size), so no entry
crosses interpreters. The file carries the SHA-256 of its body; a damaged or foreign one (owned by another
user) is ignored and replaced. Anything unexpected — another Python's internals, an unreadable directory —
falls back to plain `re.compile`.

Only patterns written in doclint's code or built from rule lexicons go through here, never one made from a
document's text (those call `re.compile` directly), so the cache holds nothing of what was checked.
"""

from __future__ import annotations

import array
import atexit
import contextlib
import hashlib
import importlib
import marshal
import os
import re
import sys
import threading
from pathlib import Path
from typing import Any

from doclint.cachedir import read_entry, write_entry

FORMAT = b"doclint-re-1"
# Old lexicons' patterns accumulate across edits; past this many entries a save starts afresh.
MAX_ENTRIES = 5_000
# One file per Python build that ran doclint; keep the newest few.
KEEP = 4

# The C engine and the pure-Python compiler that feeds it (private, but stable from 3.11 to 3.13; a change
# shows as an exception or a mismatch below, and compiling falls back to re.compile).
_sre: Any = importlib.import_module("_sre")
_compiler: Any = importlib.import_module("re._compiler")
_parser: Any = importlib.import_module("re._parser")

Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]


class _Store:
    """The entries of this Python build: (pattern, flags) → the arguments `_sre.compile` takes, code packed."""

    def __init__(self, directory: Path | None) -> None:
        self.lock = threading.Lock()
        self.entries: dict[tuple[str, int], Entry] = {}
        self.learnt = False
        self.key = ""
        self.path: Path | None = None
        self.typecode = next((code for code in "IL" if array.array(code).itemsize == _sre.CODESIZE), None)
        if directory is None or self.typecode is None:
            return
        key = hashlib.sha256(FORMAT)
        for part in (sys.version, str(_sre.MAGIC), str(_sre.CODESIZE), str(sys.maxunicode), _own_stamp()):
            key.update(part.encode() + b"\0")
        self.key = key.hexdigest()
        self.path = directory / f"re-{self.key[:24]}.bin"
        self.entries = self._read()

    def _read(self) -> dict[tuple[str, int], Entry]:
        assert self.path is not None
        body = read_entry(self.path, FORMAT + b" " + self.key.encode())
        if body is None:
            return {}
        try:
            entries = marshal.loads(body)
        except (ValueError, EOFError, TypeError):
            return {}
        return entries if isinstance(entries, dict) else {}

    def compiled(self, pattern: str, flags: int) -> re.Pattern[str] | None:
        """The pattern built from a stored entry, or None (not stored, or the entry does not build)."""
        entry = self.entries.get((pattern, int(flags)))
        if entry is None:
            return None
        try:
            out_flags, packed, groups, groupindex, indexgroup = entry
            code = array.array(self.typecode or "I", packed).tolist()
            built: re.Pattern[str] = _sre.compile(pattern, out_flags, code, groups, groupindex, indexgroup)
        except Exception:  # a malformed entry (the digest matched, so only a bug writes one): compile afresh
            return None
        return built

    def learn(self, pattern: str, flags: int, reference: re.Pattern[str]) -> None:
        """Store the arguments `re._compiler.compile` passes to `_sre.compile`, if they rebuild `reference`."""
        if self.path is None or self.typecode is None:
            return
        flags = int(flags)  # a RegexFlag is an int that marshal cannot store
        try:
            parsed = _parser.parse(pattern, flags)
            code = _compiler._code(parsed, flags)
            groupindex = dict(parsed.state.groupdict)
            indexgroup: list[str | None] = [None] * parsed.state.groups
            for name, index in groupindex.items():
                indexgroup[index] = name
            entry: Entry = (flags | parsed.state.flags, array.array(self.typecode, code).tobytes(),
                            parsed.state.groups - 1, groupindex, tuple(indexgroup))
            built = _sre.compile(pattern, entry[0], code, entry[2], entry[3], entry[4])
        except Exception:  # internals of another Python version: this pattern is simply not cached
            return
        if built != reference or built.groups != reference.groups or built.groupindex != reference.groupindex:
            return
        with self.lock:
            self.entries[(pattern, flags)] = entry
            if not self.learnt:
                self.learnt = True
                atexit.register(self.save)

    def save(self) -> None:
        """Write the entries back (at exit, when this process learnt one); failures only cost the next start."""
        if self.path is None:
            return
        with self.lock:
            entries = dict(self.entries)
        if len(entries) > MAX_ENTRIES:
            entries = dict(list(entries.items())[-MAX_ENTRIES // 2:])
        try:
            body = marshal.dumps(entries)
        except ValueError:  # only plain ints, strings, tuples and dicts are stored: a bug, never a crash at exit
            return
        write_entry(self.path, FORMAT + b" " + self.key.encode(), body, "re-*.bin", KEEP)


def _own_stamp() -> str:
    # This file's size and time: a change to how entries are made starts a new file.
    with contextlib.suppress(OSError):
        info = os.stat(__file__)
        return f"{info.st_size}:{info.st_mtime_ns}"
    return ""


_store: _Store | None = None
_store_lock = threading.Lock()


def _the_store() -> _Store:
    global _store
    if _store is None:
        with _store_lock:
            if _store is None:
                from doclint.cachedir import user_cache_dir

                _store = _Store(user_cache_dir())
    return _store


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, from the user cache when an earlier process compiled the same pattern."""
    flags = int(flags)
    if flags & (re.DEBUG | re.LOCALE):  # DEBUG prints, LOCALE depends on the locale: never from a cache
        return re.compile(pattern, flags)
    store = _the_store()
    built = store.compiled(pattern, flags)
    if built is not None:
        return built
    compiled = re.compile(pattern, flags)
    store.learn(pattern, flags, compiled)
    return compiled
