"""Upkeep of recorded traffic, off the request path: partitions made ahead, old days expired.

The recorder starts one `TrafficUpkeep` beside its drain task. At start and then every `interval`
(an hour) it asks the store for the traffic partitions due from yesterday to a few days ahead
(PostgreSQL: midnight never meets a missing partition; `moat.store.partitions`) and, when
`recording.retention_days` is above 0, removes the records of days older than that: whole
partitions dropped on PostgreSQL, batched deletes on SQLite. Records are kept at least
`retention_days` whole UTC days; the decision log and the admin log are never expired (they are
hash chains: the audit trail outlives the traffic it speaks of).

Each expiry writes one log line and counts into the recorder's stats (`expired_days`,
`expired_rows`, `upkeep_errors`: /metrics as `moat_recorder{stat=...}`). A store that is away makes
a run fail with a warning; the next try comes after `retry` seconds. Every replica runs its own
upkeep: the store serialises partition changes under one lock, and a repeated expiry finds nothing.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from moat.store.base import Store
from moat.store.partitions import day_of, partition_name

if TYPE_CHECKING:
    from moat.audit.recorder import RecorderStats

log = logging.getLogger(__name__)


class TrafficUpkeep:
    """Partitions ahead and retention for recorded traffic; `run_once` is one pass."""

    def __init__(self, store: Store, stats: RecorderStats, *, retention_days: int = 0,
                 interval: float = 3600.0, retry: float = 60.0,
                 clock: Callable[[], float] = time.time) -> None:
        if retention_days < 0:
            raise ValueError("retention_days must be 0 (keep forever) or more")
        self.store = store
        self.stats = stats
        self.retention_days = retention_days
        self._interval = interval
        self._retry = retry
        self._clock = clock
        self._task: asyncio.Task[None] | None = None

    async def run_once(self) -> None:
        """Create the partitions due and expire what retention says; raises what the store raises."""
        now = self._clock()
        created = await self.store.prepare_traffic_days(now)
        if created:
            log.info("traffic partitions created: %s", ", ".join(partition_name(d) for d in created))
        if self.retention_days <= 0:
            return
        first_kept = day_of(now) - self.retention_days
        dropped, deleted = await self.store.expire_traffic(first_kept)
        self.stats.expired_days += len(dropped)
        self.stats.expired_rows += deleted
        if dropped or deleted:
            days = f"{partition_name(dropped[0])[-8:]}..{partition_name(dropped[-1])[-8:]}" if dropped else "none"
            log.info("traffic retention (recording.retention_days=%d): dropped %d day partition(s) (%s) "
                     "and deleted %d record(s) older than %s", self.retention_days, len(dropped), days,
                     deleted, partition_name(first_kept)[-8:])

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._loop(), name="moat-traffic-upkeep")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    async def _loop(self) -> None:
        while True:
            try:
                await self.run_once()
                wait = self._interval
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self.stats.upkeep_errors += 1
                log.warning("traffic upkeep failed (partitions ahead, retention); retrying in %.0f s: %s",
                            self._retry, exc)
                wait = self._retry
            await asyncio.sleep(wait)
