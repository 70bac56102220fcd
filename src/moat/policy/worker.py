"""The compile worker: one thread per process where bundles are loaded off the event loop.

Hot reload (moat.policy.store) and the console's dry run (moat.console.dryrun) compile here, one
job at a time, so however many reloads and dry runs arrive, at most one core's worth of compiling
competes with the requests being served, and no job can leave a thread behind. A Python thread
cannot be stopped from outside, so what ends each job is inside it: the bounds of
moat.policy.bounds (sizes, steps, and the CPU-time limit) make every load return or refuse within
about a second. Around that, the worker keeps at most `max_queued` jobs waiting (more are refused
at once with `WorkerBusy`), and a caller waits at most WAIT_SECONDS for its result.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from moat.policy.bounds import WAIT_SECONDS

T = TypeVar("T")


class WorkerBusy(Exception):
    """Too many compile jobs are already waiting; try again shortly."""


class CompileWorker:
    def __init__(self, max_queued: int = 4, name: str = "moat-policy-compile") -> None:
        self.max_queued = max_queued
        self.name = name
        self.submitted = 0  # jobs accepted (a metric; tests count them)
        self._executor: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._pending = 0  # accepted and not finished

    @property
    def pending(self) -> int:
        """Jobs accepted and not finished (running or waiting)."""
        return self._pending

    @property
    def threads(self) -> int:
        """Threads the worker has started: 0 before the first job, then 1 for good."""
        executor = self._executor
        return 0 if executor is None else len(executor._threads)

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        with self._lock:
            if self._pending >= self.max_queued:
                raise WorkerBusy(f"{self._pending} policy compiles are already waiting")
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=self.name)
            self._pending += 1
            self.submitted += 1
        try:
            future = self._executor.submit(fn, *args)
        except BaseException:
            self._finished(None)
            raise
        future.add_done_callback(self._finished)
        return future

    def _finished(self, _: object) -> None:
        with self._lock:
            self._pending -= 1

    def run(self, fn: Callable[..., T], *args: Any, timeout: float = WAIT_SECONDS) -> T:
        """Run `fn(*args)` on the worker and wait for it (from a thread; never on the event loop).
        Raises TimeoutError after `timeout` seconds (a job not yet started is dropped)."""
        future = self.submit(fn, *args)
        try:
            return future.result(timeout)
        except TimeoutError:
            future.cancel()
            raise

    async def arun(self, fn: Callable[..., T], *args: Any, timeout: float = WAIT_SECONDS) -> T:
        """`run` for the event loop: awaits the job without blocking the loop."""
        future = self.submit(fn, *args)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout)
        except TimeoutError:
            future.cancel()
            raise

    def shutdown(self) -> None:
        """Stop the thread once its jobs are done (tests; a process exits without it)."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


COMPILER = CompileWorker()  # the process's compile worker
