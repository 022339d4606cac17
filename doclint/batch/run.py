"""One batch run: decide which files need linting, feed them to the pool, stream each outcome into the store."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from doclint import __version__
from doclint.batch.pool import WorkerPool
from doclint.batch.store import Store, StoredState
from doclint.batch.worker import Linted, Task
from doclint.config import Config
from doclint.model import SEVERITY_RANK


def config_hash(config: Config) -> str:
    """Results depend on the configuration and the program as well as on the rules."""
    payload = f"{__version__}\n{config.model_dump_json()}"
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


# Stored states are looked up a chunk of files at a time: one query instead of one per file, memory bounded.
PLAN_CHUNK = 500


@dataclass
class Tally:
    """What happened to this run's files; enough for the summary line and the exit code."""

    files: int = 0
    linted: int = 0
    unchanged: int = 0
    failed: int = 0
    worst: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0, "none": 0})

    def count(self, error: str | None, errors: int, warnings: int, infos: int) -> None:
        self.files += 1
        if error:
            self.failed += 1
        elif errors:
            self.worst["error"] += 1
        elif warnings:
            self.worst["warning"] += 1
        elif infos:
            self.worst["info"] += 1
        else:
            self.worst["none"] += 1

    def exit_code(self, fail_on: str) -> int:
        """DESIGN.md: 2 when a file could not be read, 1 when findings reach --fail-on, else 0."""
        if self.failed:
            return 2
        if fail_on == "never":
            return 0
        threshold = SEVERITY_RANK[fail_on]
        reached = sum(n for severity, n in self.worst.items() if severity != "none"
                      and SEVERITY_RANK[severity] >= threshold)
        return 1 if reached else 0


@dataclass
class BatchRun:
    """Lints `files` into `store`; `on_file` is called once per file (for the progress bar)."""

    store: Store
    config: Config
    rules_hash: str
    jobs: int
    timeout: float
    on_file: Callable[[], None] = lambda: None
    tally: Tally = field(default_factory=Tally)
    # Rows sent with a known hash, waiting to hear whether the content changed; bounded by the tasks in flight.
    _known: dict[str, StoredState] = field(default_factory=dict)

    def _skip(self, state: StoredState) -> None:
        self.tally.unchanged += 1
        self.tally.count(state.error, state.errors, state.warnings, state.infos)
        self.on_file()

    def plan(self, files: list[str]) -> Iterator[Task]:
        """Tasks for files that may have changed; unchanged ones are counted and skipped here.

        Fast path: same size and mtime as stored (and not racily recent) means unchanged without reading.
        Otherwise the worker reads and hashes the file, and an equal content hash still avoids linting.
        Only `os.stat` runs here, never `open`: stat does not block on a FIFO or a device, open may.
        """
        config_key = config_hash(self.config)
        for start in range(0, len(files), PLAN_CHUNK):
            chunk = files[start:start + PLAN_CHUNK]
            yield from self._plan_chunk(chunk, self.store.states(chunk), config_key)

    def _plan_chunk(self, files: list[str], states: dict[str, StoredState], config_key: str) -> Iterator[Task]:
        for path in files:
            state = states.get(path)
            if state is None or not state.is_current(self.rules_hash, config_key):
                yield Task(path)
                continue
            try:
                info = os.stat(path)
            except OSError:
                yield Task(path)  # vanished or unreadable: the worker writes the error row
                continue
            if state.matches_stat(info.st_size, info.st_mtime_ns):
                self._skip(state)
                continue
            self._known[path] = state
            yield Task(path, state.content_hash)

    def run(self, files: list[str]) -> Tally:
        config_key = config_hash(self.config)
        with WorkerPool(self.jobs, self.config, self.timeout, self.rules_hash) as pool:
            for outcome in pool.run(self.plan(files)):
                known = self._known.pop(outcome.path, None)
                if isinstance(outcome, Linted):
                    self.store.put(outcome, self.rules_hash, config_key)
                    self.tally.linted += 1
                    self.tally.count(outcome.error, outcome.errors, outcome.warnings, outcome.infos)
                    self.on_file()
                else:
                    self.store.touch(outcome)
                    assert known is not None
                    self._skip(known)
        return self.tally
