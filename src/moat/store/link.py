"""One replica's view of its database: up, or down since when and why, and the loop that brings it back.

`connect()` is start-up's single attempt, bounded by `database.connect_timeout`. `run()` then
follows the database in the background:

  * never opened (the replica started degraded): retry `Store.open()` with exponential back-off
    (0.25 s doubling to `database.retry_max`); once it opens, run `on_back` (the runtime's
    catch-up: reload the directory, start what needs the database) and only then call it up;
  * open: ping every `database.probe_interval` within `database.probe_timeout`; a failed ping
    marks it down (the pool reconnects by itself) and pings continue with the same back-off.

`down_since` is the wall-clock time the current outage was first seen and `reason` its error;
`on_change(up)` hears every transition (the runtime points the directory's `offline` flag at it).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from moat.config import DatabaseSettings
from moat.store.base import Store
from moat.tasks import Backoff

log = logging.getLogger("moat.store")

_FIRST_RETRY = 0.25


def describe(exc: BaseException) -> str:
    """`ConnectionRefusedError: [Errno 111] Connect call failed` in one short line."""
    text = " ".join(str(exc).split())
    name = type(exc).__name__
    return f"{name}: {text[:200]}" if text else name


class StoreLink:
    def __init__(self, store: Store, settings: DatabaseSettings, *,
                 on_back: Callable[[], Awaitable[None]] | None = None,
                 on_change: Callable[[bool], None] | None = None) -> None:
        self._store = store
        self._settings = settings
        self._on_back = on_back
        self._on_change = on_change
        self.opened = False
        self.caught_up = True  # False after a degraded start, until `on_back` has run
        self.down_since: float | None = None
        self.reason = ""

    @property
    def up(self) -> bool:
        return self.down_since is None

    async def connect(self) -> bool:
        """Open the store within `connect_timeout`; False (and down) when it does not answer."""
        try:
            await asyncio.wait_for(self._store.open(), self._settings.connect_timeout)
        except Exception as exc:
            self._down(exc)
            self.caught_up = False
            return False
        self.opened = True
        return True

    async def probe(self) -> bool:
        """Ping now (readiness and the background loop); a failure marks the database down."""
        if not (self.opened and self.caught_up):
            return False
        try:
            await asyncio.wait_for(self._store.ping(), self._settings.probe_timeout)
        except Exception as exc:
            self._down(exc)
            return False
        self._up()
        return True

    async def run(self) -> None:
        backoff = Backoff(_FIRST_RETRY, max(self._settings.retry_max, _FIRST_RETRY))
        failures = 0
        while True:
            if await self._attempt():
                failures = 0
                await asyncio.sleep(self._settings.probe_interval)
            else:
                failures += 1
                await asyncio.sleep(backoff.delay(failures))

    async def _attempt(self) -> bool:
        if not self.opened:
            try:
                await asyncio.wait_for(self._store.open(), self._settings.connect_timeout)
            except Exception as exc:
                self._down(exc)
                return False
            self.opened = True
        if not self.caught_up:
            try:
                if self._on_back is not None:
                    await self._on_back()
            except Exception as exc:
                log.warning("database: reachable, but catching up failed; retrying", exc_info=True)
                self._down(exc)
                return False
            self.caught_up = True
        return await self.probe()

    def _down(self, exc: BaseException) -> None:
        self.reason = describe(exc)
        if self.down_since is None:
            self.down_since = time.time()
            log.warning("database unreachable (%s): degraded until it answers", self.reason)
            if self._on_change is not None:
                self._on_change(False)

    def _up(self) -> None:
        if self.down_since is not None:
            log.info("database reachable again after %.1f s", time.time() - self.down_since)
            self.down_since = None
            self.reason = ""
            if self._on_change is not None:
                self._on_change(True)
