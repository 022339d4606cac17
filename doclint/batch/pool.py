"""A process pool that can abandon one stuck file: each worker is ours, so a hung worker is killed and replaced.

`concurrent.futures.ProcessPoolExecutor` cannot cancel a running task, and one hung read (a FIFO, a stalled
network share) would stall the whole batch, so workers are plain `multiprocessing` processes fed over pipes.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from doclint.batch.worker import Linted, Task, Unchanged, error_row, process
from doclint.config import Config
from doclint.engine.ruleset import load_rules
from doclint.errors import DoclintError

Outcome = Linted | Unchanged

READY = "ready"
FAILED = "failed"
# Two tasks in flight per worker: the next file is already waiting in the pipe when one finishes,
# so a worker never idles while the parent writes the previous row.
PREFETCH = 2
# Spawning a worker imports doclint and compiles the rules; on a loaded machine that can take a while,
# and it must not count against the first file's --timeout.
STARTUP_LIMIT_S = 120.0


class PoolError(DoclintError):
    """The pool itself failed: a worker could not start or loaded different rules."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def _exit_when_orphaned(parent: int) -> None:
    # If the batch process is killed (SIGKILL), a worker blocked on a file would otherwise live forever.
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


def worker_main(connection: Connection, config: Config, parent: int) -> None:
    """The worker's whole life: compile the rules once, then lint the files it is sent until told to stop."""
    # Ctrl-C reaches the whole process group; the parent alone handles it and stops the workers cleanly.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()
    try:
        ruleset = load_rules(tuple(config.rule_dirs))
    except DoclintError as exc:
        connection.send((FAILED, str(exc), exc.exit_code))
        return
    connection.send((READY, ruleset.hash))
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            outcome: Outcome = process(task, config)
        except Exception as exc:  # one bad file never stops the batch: it gets an error row instead
            outcome = error_row(task.path, f"{task.path}: 检查时发生内部错误（{type(exc).__name__}: {exc}）")
        try:
            connection.send(outcome)
        except (BrokenPipeError, OSError):
            return


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection
    started: float
    ready: bool = False
    since: float = 0.0  # when the file at the head of `pending` began
    pending: deque[Task] = field(default_factory=deque)


class WorkerPool:
    """Lints tasks in `jobs` worker processes, yielding outcomes as they finish (in completion order)."""

    def __init__(self, jobs: int, config: Config, timeout: float, rules_hash: str | None = None) -> None:
        self.jobs = max(1, jobs)
        self.config = config
        self.timeout = timeout
        # Rows are stored under the parent's rule-set hash, so every worker must have compiled the same rules.
        self.rules_hash = rules_hash
        self.context = multiprocessing.get_context("spawn")
        self.workers: list[_Worker] = []
        self.requeued: deque[Task] = deque()
        self.replaced = 0

    def _start(self) -> _Worker:
        parent_end, child_end = self.context.Pipe(duplex=True)
        worker = self.context.Process(
            target=worker_main, args=(child_end, self.config, os.getpid()), daemon=True, name="doclint-batch"
        )
        worker.start()
        child_end.close()
        return _Worker(worker, parent_end, time.monotonic())

    def _kill(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.connection.close()

    def _replace(self, worker: _Worker) -> _Worker:
        self._kill(worker)
        self.replaced += 1
        fresh = self._start()
        self.workers[self.workers.index(worker)] = fresh
        return fresh

    def _next(self, tasks: Iterator[Task]) -> Task | None:
        if self.requeued:
            return self.requeued.popleft()
        return next(tasks, None)

    def _fill(self, worker: _Worker, tasks: Iterator[Task]) -> None:
        while worker.ready and len(worker.pending) < PREFETCH:
            task = self._next(tasks)
            if task is None:
                return
            if not worker.pending:
                worker.since = time.monotonic()
            try:
                worker.connection.send(task)
            except OSError:
                # Died while idle (nothing of ours to blame on it): retry the file on a fresh worker.
                self.requeued.appendleft(task)
                if not worker.pending:
                    self._replace(worker)
                return
            worker.pending.append(task)

    def _abandon(self, worker: _Worker, reason: str) -> Outcome:
        """Blame the head file, give the rest back to the queue, and replace the worker."""
        head = worker.pending.popleft()
        self.requeued.extendleft(reversed(worker.pending))
        worker.pending.clear()
        self._replace(worker)
        return error_row(head.path, f"{head.path}: {reason}")

    def _wait_timeout(self) -> float | None:
        now = time.monotonic()
        deadlines = []
        for worker in self.workers:
            if not worker.ready:
                deadlines.append(worker.started + STARTUP_LIMIT_S)
            elif worker.pending:
                deadlines.append(worker.since + self.timeout)
        return max(0.0, min(deadlines) - now) if deadlines else None

    def _on_startup(self, worker: _Worker, message: tuple[str, ...]) -> None:
        if message[0] == FAILED:
            raise PoolError(f"批量检查进程无法加载规则：{message[1]}", int(message[2]))
        if self.rules_hash is not None and message[1] != self.rules_hash:
            raise PoolError("规则文件在本次运行期间被修改（检查进程加载的规则与主进程不同）；请待规则修改完成后重新运行", 3)
        worker.ready = True

    def _on_message(self, worker: _Worker, tasks: Iterator[Task]) -> Outcome | None:
        message = worker.connection.recv()
        if isinstance(message, tuple):
            self._on_startup(worker, message)
            self._fill(worker, tasks)
            return None
        worker.pending.popleft()
        worker.since = time.monotonic()
        # Send the next file before the caller writes this row, so the worker keeps busy meanwhile.
        self._fill(worker, tasks)
        assert isinstance(message, Linted | Unchanged)
        return message

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        """Lint every task; a file that hangs past the timeout or kills its worker gets an error row."""
        source = iter(tasks)
        first = next(source, None)
        if first is None:
            return  # nothing to lint: do not pay for starting workers (the unchanged re-run stays cheap)
        self.requeued.append(first)
        try:
            self.workers = [self._start() for _ in range(self.jobs)]
            yield from self._loop(source)
        finally:
            self.close()

    def _loop(self, source: Iterator[Task]) -> Iterator[Outcome]:
        while True:
            busy = [w for w in self.workers if w.pending or not w.ready]
            if not busy:
                # Every worker is idle and nothing is left to give them.
                if self.requeued:
                    for worker in self.workers:
                        self._fill(worker, source)
                    continue
                return
            waitables: list[object] = [w.connection for w in busy] + [w.process.sentinel for w in busy]
            ready = set(wait(waitables, timeout=self._wait_timeout()))  # type: ignore[arg-type]
            for worker in busy:
                if worker.connection in ready or (worker.process.sentinel in ready and worker.connection.poll()):
                    try:
                        outcome = self._on_message(worker, source)
                    except (EOFError, OSError):
                        outcome = self._died(worker)
                    if outcome is not None:
                        yield outcome
                elif worker.process.sentinel in ready:
                    died = self._died(worker)
                    if died is not None:
                        yield died
            yield from self._expired()

    def _died(self, worker: _Worker) -> Outcome | None:
        if not worker.ready:
            worker.process.join(5.0)
            raise PoolError(f"批量检查进程启动失败（退出码 {worker.process.exitcode}）")
        if not worker.pending:
            self._replace(worker)
            return None
        worker.process.join(1.0)  # reap it, so the exit code (a signal number when negative) is known
        return self._abandon(worker, f"检查该文件时进程意外退出（退出码 {worker.process.exitcode}），已跳过该文件")

    def _expired(self) -> Iterator[Outcome]:
        now = time.monotonic()
        for worker in list(self.workers):
            if not worker.ready and now - worker.started > STARTUP_LIMIT_S:
                raise PoolError(f"批量检查进程在 {STARTUP_LIMIT_S:.0f} 秒内未能启动")
            if worker.ready and worker.pending and now - worker.since > self.timeout:
                yield self._abandon(worker, f"检查超过 {self.timeout:g} 秒仍未完成，已终止该检查进程并跳过该文件"
                                            "（文件可能是管道、设备或读取受阻的网络文件）")

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        # Also when the caller is interrupted between two outcomes, with the generator left suspended.
        self.close()

    def close(self) -> None:
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.connection.send(None)
        deadline = time.monotonic() + 5.0
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            self._kill(worker)
        self.workers = []
