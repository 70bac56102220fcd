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
               on_error: Callable[[BaseException], None] | None = None, *, wait_first: bool = False) -> None:
    """Run `step` every `interval` seconds until cancelled, surviving its failures.

    The loop every replica-local cache runs over its change feed (directory, restrictions,
    exceptions, detector scores): a failure keeps the cache serving what it has, is logged once per
    outage (not once per poll, which would flood the log during a database outage) and once more
    when the feed answers again. `on_error` sees every failure (a counter, say). `wait_first`: the
    caller has just loaded everything, so the first step is one interval away.
    """
    failing = False
    if wait_first:
        await asyncio.sleep(interval)
    while True:
        try:
            await step()
            if failing:
                log.info("%s: reachable again", what)
            failing = False
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            if on_error is not None:
                on_error(exc)
            if not failing:
                # One line, no traceback: an outage of a dependency is expected, not a bug.
                log.warning("%s: polling failed, serving what is cached, retrying: %s: %s", what,
                            type(exc).__name__, exc)
            failing = True
        await asyncio.sleep(interval)
