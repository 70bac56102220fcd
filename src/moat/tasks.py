"""Background tasks: how every replica-local component polls, backs off between retries, and stops.

One polling loop (`poll`) and one back-off rule (`Backoff`) for all of them (issue 14 item 4: five
back-off loops and four polling loops were written separately, each with its own doubling and its
own `failing` flag).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Backoff:
    """How long to wait before retry number `attempt`: `first` seconds, doubling, at most `cap`.

    `jitter` is the share of each delay drawn at random (0.5: between half and all of it), so that
    replicas which lost a dependency together do not all come back to it in the same instant; jitter
    only ever shortens a delay, so `cap` stays the longest wait. `rand` is injected for tests.
    """

    first: float
    cap: float
    jitter: float = 0.5
    rand: Callable[[], float] = random.random

    def delay(self, attempt: int) -> float:
        """Seconds before retry `attempt` (1-based)."""
        base = min(self.cap, self.first * 2.0 ** min(max(attempt - 1, 0), 60))
        return base * (1.0 - self.jitter) + base * self.jitter * self.rand() if self.jitter else base


async def cancel(task: asyncio.Task[Any] | None) -> None:
    """Cancel `task` (if any) and wait until it has finished."""
    if task is None:
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def poll(step: Callable[[], Awaitable[Any]], interval: float, log: logging.Logger, what: str,
               on_error: Callable[[BaseException], None] | None = None, *, wait_first: bool = False,
               retry: Backoff | None = None, stop: asyncio.Event | None = None,
               errors: tuple[type[Exception], ...] = (Exception,)) -> None:
    """Run `step` every `interval` seconds until cancelled (or `stop` is set), surviving its failures.

    The loop of every replica-local cache over its change feed (directory, restrictions, exceptions,
    detector scores), of the snapshot writer, the webhook deliveries, the policy watcher and the
    detector worker: a failure keeps the caller serving what it has, is logged once per outage (not
    once per step, which would flood the log during a database outage) and once more when the step
    succeeds again. `on_error` sees every failure (a counter, say). `wait_first`: the caller has just
    loaded everything, so the first step is one interval away. `retry`: how long to wait after the
    n-th failure in a row (default: `interval`). `errors`: the failures to survive; any other
    exception ends the loop (a bug, not an outage).
    """
    failures = 0
    if wait_first:
        await asyncio.sleep(interval)
    while stop is None or not stop.is_set():
        try:
            await step()
        except asyncio.CancelledError:
            raise
        except errors as exc:
            if on_error is not None:
                on_error(exc)
            failures += 1
            if failures == 1:
                # One line, no traceback: an outage of a dependency is expected, not a bug.
                log.warning("%s: failed, retrying: %s: %s", what, type(exc).__name__, exc)
            await _pause(interval if retry is None else retry.delay(failures), stop)
            continue
        if failures:
            log.info("%s: reachable again after %d failure(s)", what, failures)
            failures = 0
        await _pause(interval, stop)


async def _pause(seconds: float, stop: asyncio.Event | None) -> None:
    """Sleep, cut short when `stop` is set."""
    if stop is None or seconds <= 0:
        await asyncio.sleep(seconds)
    else:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), seconds)
