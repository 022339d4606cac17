"""Worker processes for the page: each upload runs in one, under a time limit after which the worker is killed.

A hostile or merely huge file can keep a parser busy for minutes (SECURITY.md: pypdf has no wall-clock limit);
in a thread it would hold the server, in a process it is killed and replaced while other users carry on.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import signal
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from doclint.engine.ruleset import RuleSet
from doclint.errors import DoclintError
from doclint.web.analysis import Job, MemoJob, analyse, render_memo_job

READY = "ready"
# Spawning imports doclint and compiles the rules; on a busy machine that is slow, and must not count
# against the first upload's time limit.
STARTUP_LIMIT_S = 120.0


class JobTimeout(DoclintError):
    """An upload ran past its time limit; its worker was killed."""

    exit_code = 2


class PoolClosed(DoclintError):
    exit_code = 2


def _exit_when_orphaned(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


def worker_main(connection: Connection, rule_dirs: tuple[str, ...], parent: int) -> None:
    """Compile the rules once, then analyse the jobs sent until the pipe closes."""
    from doclint.engine.ruleset import load_rules

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()
    ruleset = load_rules(rule_dirs)
    connection.send(READY)
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            answer: dict[str, Any] = run_job(job, ruleset)
        except Exception as exc:  # a bug on one upload answers that upload with an error, never kills the worker
            answer = {"error": f"处理时发生内部错误（{type(exc).__name__}: {exc}），请报告此问题"}
        try:
            connection.send(answer)
        except (BrokenPipeError, OSError):
            return


def run_job(job: Job | MemoJob, ruleset: RuleSet) -> dict[str, Any]:
    if isinstance(job, MemoJob):
        try:
            return {"data": render_memo_job(job)}
        except (DoclintError, ValueError) as exc:  # pydantic's ValidationError is a ValueError
            return {"error": f"意见书无法生成（{exc}）"}
    return analyse(job, ruleset)


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection


class AnalysisPool:
    """`workers` processes; `run(job, limit)` blocks the calling thread until an idle worker answers."""

    def __init__(self, workers: int, rule_dirs: tuple[str, ...]) -> None:
        self.size = max(1, workers)
        self.rule_dirs = rule_dirs
        self.context = multiprocessing.get_context("spawn")
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.closed = False
        self.replaced = 0

    def start(self) -> None:
        for _ in range(self.size):
            self.idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        parent_end, child_end = self.context.Pipe(duplex=True)
        process = self.context.Process(target=worker_main, args=(child_end, self.rule_dirs, os.getpid()),
                                       daemon=True, name="doclint-web")
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end)
        if not parent_end.poll(STARTUP_LIMIT_S):
            self._kill(worker)
            raise PoolClosed("审查进程未能在规定时间内启动")
        try:
            parent_end.recv()
        except (EOFError, OSError):
            self._kill(worker)
            raise PoolClosed("审查进程启动失败（规则无法加载？）") from None
        return worker

    def _kill(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.connection.close()

    def run(self, job: Job | MemoJob, limit: float) -> dict[str, Any]:
        """The worker's answer, or JobTimeout after `limit` seconds (the worker is then replaced)."""
        if self.closed:
            raise PoolClosed("服务正在关闭")
        worker = self.idle.get()
        healthy = False
        try:
            worker.connection.send(job)
            if worker.connection.poll(limit):
                answer: dict[str, Any] = worker.connection.recv()
                healthy = True
                return answer
            raise JobTimeout(f"处理时间超过 {limit:.0f} 秒上限，已中止；文件可能过大或已损坏")
        except (EOFError, OSError):
            raise JobTimeout("审查进程意外退出，已重新启动；请重试或检查文件是否损坏") from None
        finally:
            if healthy or self.closed:
                self.idle.put(worker)
            else:
                self._kill(worker)
                self.replaced += 1
                self.idle.put(self._spawn())

    def close(self) -> None:
        self.closed = True
        while True:
            try:
                worker = self.idle.get_nowait()
            except queue.Empty:
                return
            with contextlib.suppress(OSError):
                worker.connection.send(None)
            worker.process.join(timeout=5)
            self._kill(worker)
