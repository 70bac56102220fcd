"""Background tasks: every replica-local component starts one; this is how they all stop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any


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
