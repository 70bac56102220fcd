"""Following the enforcement change feed (`enforce_changes`) from a replica-local cache.

Restrictions, exceptions, and registered platforms and webhooks are read on the hot path from
memory and kept current the same way: load everything at `start()`, then poll the feed every
`poll_interval` seconds (0.3 by default) and reload exactly what changed, so a change made on any
replica is in force on every replica within about half a second. This base holds that loop once;
a cache says how to load itself (`load_all`) and how to apply a batch of changes (`apply`).
"""

from __future__ import annotations

import asyncio
import logging

from moat.enforce.storage import EnforceStore
from moat.tasks import cancel, poll

log = logging.getLogger(__name__)

# One row of the feed: (sequence number, kind, id of what changed)
Change = tuple[int, str, str]


class ChangeFollower:
    """A cache that follows `enforce_changes`; subclasses implement `load_all` and `apply`."""

    what = "the enforcement change feed"  # named in the log when polling fails

    def __init__(self, es: EnforceStore, poll_interval: float = 0.3) -> None:
        self._es = es
        self._poll_interval = poll_interval
        self._seq = 0
        self._task: asyncio.Task[None] | None = None

    async def load_all(self) -> None:
        """Load everything this cache serves (at start)."""
        raise NotImplementedError

    async def apply(self, changes: list[Change]) -> None:
        """Reload what these changes touched (kinds this cache does not serve are ignored)."""
        raise NotImplementedError

    async def start(self) -> None:
        if self._task is not None:
            return
        self._seq = await self._es.last_change()  # before loading: a change made meanwhile is re-read
        await self.load_all()
        self._task = asyncio.create_task(poll(self.refresh, self._poll_interval, log, self.what, wait_first=True),
                                         name=f"moat-follow: {self.what}")

    @property
    def position(self) -> int:
        """The last change applied: moves whenever this cache may have changed (open data streams
        are judged again when it does, moat.gateway.data_streams)."""
        return self._seq

    async def stop(self) -> None:
        await cancel(self._task)
        self._task = None

    async def refresh(self) -> int:
        """Apply pending changes now; returns how many were read."""
        applied = 0
        while changes := await self._es.changes_since(self._seq):
            await self.apply(changes)
            self._seq = changes[-1][0]
            applied += len(changes)
        return applied
