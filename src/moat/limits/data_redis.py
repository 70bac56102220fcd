"""Data counters shared through Redis, so replicas agree on a stream's caps (issue 15 item 3).

The relay reads and counts in memory, as with `DataCounters`, so a stream never waits on Redis
per item; a background sync every `interval` (0.1 s) sends what this replica counted since the
last one (INCRBY per key, kind and window, PFADD of resource hashes) and reads the totals back
(GET, PFCOUNT) in one pipelined round trip. The local view of a key is then Redis's total plus
what was counted here since that round trip left. So across replicas a cap is exact up to what
the others counted in the last `interval` (a stream may overshoot by that much, never by more).

A request whose keys this replica has not read in the last `FRESH` seconds reads them first
(`prepare`: one round trip at admission, never during a stream): a month's count survives
restarts and is the same on every replica. Distinct resources are a HyperLogLog per key and month
(PFCOUNT: about 0.8% error, 12 KB a key at most), not a set.

Redis away: counting goes on in memory (the local fail mode of moat.limits.spec); what was not
sent is kept and sent when Redis answers again; `errors` counts failed syncs, one warning per
outage. Keys: `<prefix>data:<kind>:<window>:<window id>:<key value>`, expiring two windows on.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from moat.limits.data import DataCounters, Window, _Counts, window_id
from moat.tasks import cancel

if TYPE_CHECKING:
    from redis.asyncio import Redis

log = logging.getLogger("moat.limits")

PREPARE_DEADLINE = 0.5  # seconds a request waits for its keys' counts at most
FRESH = 1.0  # seconds: a key read this recently needs no read at admission
WATCH = 120.0  # seconds: a key used this recently is synced with every round
_WINDOWS: tuple[Window, ...] = ("minute", "day", "month")
_TTL = {"minute": 180, "day": 3 * 86400, "month": 70 * 86400}


class SharedDataCounters(DataCounters):
    def __init__(self, redis: Redis, prefix: str, *, interval: float = 0.1,
                 clock: Callable[[], float] = time.time) -> None:
        super().__init__(clock)
        self._redis = redis
        self._prefix = f"{prefix}data:"
        self._interval = interval
        self._pending: dict[tuple[str, str, str, int], int] = {}  # (key, kind, window, wid) -> count
        self._pending_res: dict[tuple[str, int], set[int]] = {}  # (key, month id) -> hashes
        self._used: dict[str, float] = {}  # key -> last use (monotonic)
        self._read: dict[str, float] = {}  # key -> last read from Redis (monotonic)
        self._task: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()
        self.errors = 0
        self._down = False

    @classmethod
    def from_url(cls, url: str, prefix: str, **kw: Any) -> SharedDataCounters:
        import redis.asyncio as aioredis

        return cls(aioredis.from_url(url, socket_timeout=0.25, socket_connect_timeout=0.25), prefix, **kw)

    def _name(self, kind: str, window: str, wid: int, key: str) -> str:
        return f"{self._prefix}{kind}:{window}:{wid}:{key}"

    # ---- counting (memory, no await) -------------------------------------------------------------
    def add(self, keys: Iterable[str], items: int, nbytes: int, resources: Iterable[int] = (),
            windows: Iterable[Window] = _WINDOWS, now: float | None = None) -> None:
        now = self.clock() if now is None else now
        keys = tuple(keys)
        hashes = tuple(resources)
        windows = tuple(windows)
        super().add(keys, items, nbytes, hashes, windows, now)
        used = time.monotonic()
        month = window_id("month", now)
        for key in keys:
            self._used[key] = used
            for window in windows:
                wid = window_id(window, now)
                for kind, n in (("items", items), ("bytes", nbytes)):
                    if n:
                        slot = (key, kind, window, wid)
                        self._pending[slot] = self._pending.get(slot, 0) + n
            if hashes:
                self._pending_res.setdefault((key, month), set()).update(hashes)

    # ---- keeping the view current ----------------------------------------------------------------
    async def refresh(self, keys: Sequence[str]) -> None:
        """Near a cap, each piece of a stream waits one round trip for the replicas' totals, so they
        overshoot it by at most what they pass at the same instant, not by a sync interval's worth."""
        if not self._down:
            try:
                await asyncio.wait_for(self.sync(keys), timeout=PREPARE_DEADLINE)
            except Exception:  # logged by sync (or a timeout): the memory view decides this piece
                pass

    async def prepare(self, keys: Sequence[str]) -> None:
        now = time.monotonic()
        for key in keys:
            self._used[key] = now
        stale = [key for key in keys if now - self._read.get(key, 0.0) > FRESH]
        if stale and not self._down:  # while Redis is away, the memory view decides (no wait per request)
            try:
                await asyncio.wait_for(self.sync(stale), timeout=PREPARE_DEADLINE)
            except Exception:  # logged by sync (or a timeout): the memory view decides this once
                pass

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="moat-data-counters")

    async def stop(self) -> None:
        await cancel(self._task)
        self._task = None
        try:
            await asyncio.wait_for(self.sync([]), timeout=2.0)  # hand over what was counted here
        except Exception:
            log.warning("data counters: %d pending counts not shared at stop", len(self._pending))
        await self._redis.aclose()

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            now = time.monotonic()
            for key in [k for k, at in self._used.items() if now - at > WATCH]:
                del self._used[key]
                self._read.pop(key, None)
                self._keys.pop(key, None)
            try:
                await self.sync(list(self._used))
            except asyncio.CancelledError:
                raise
            except Exception:  # sync() already logged and kept the counts
                pass

    async def sync(self, keys: Sequence[str]) -> None:
        """Send what was counted here, then read the totals of `keys` back (one round trip)."""
        async with self._lock:
            pending, self._pending = self._pending, {}
            pending_res, self._pending_res = self._pending_res, {}
            now = self.clock()
            pipe = self._redis.pipeline(transaction=False)
            for (key, kind, window, wid), n in pending.items():
                name = self._name(kind, window, wid, key)
                pipe.incrby(name, n)
                pipe.expire(name, _TTL[window])
            for (key, month), hashes in pending_res.items():
                name = self._name("resources", "month", month, key)
                pipe.pfadd(name, *hashes)
                pipe.expire(name, _TTL["month"])
            sent = len(pipe)
            month = window_id("month", now)
            for key in keys:
                for kind in ("items", "bytes"):
                    for window in _WINDOWS:
                        pipe.get(self._name(kind, window, window_id(window, now), key))
                    pipe.get(self._name(kind, "minute", window_id("minute", now) - 1, key))  # sliding minute
                pipe.pfcount(self._name("resources", "month", month, key))
            try:
                replies = await pipe.execute() if len(pipe) else []
            except BaseException as exc:  # a timeout's cancellation too: nothing counted may be lost
                for slot, n in pending.items():  # kept, to send with the next round
                    self._pending[slot] = self._pending.get(slot, 0) + n
                for res_slot, hashes in pending_res.items():
                    self._pending_res.setdefault(res_slot, set()).update(hashes)
                self.errors += 1
                if not self._down and isinstance(exc, Exception):
                    log.warning("data counters: Redis unreachable (%s); counting in memory until it answers",
                                type(exc).__name__)
                self._down = isinstance(exc, Exception) or self._down
                raise
            if self._down:
                log.info("data counters: Redis answers again; counts shared")
                self._down = False
            self._apply(keys, replies[sent:], now)

    def _apply(self, keys: Sequence[str], replies: list[Any], now: float) -> None:
        """The view of each key: Redis's totals plus what was counted here since the round trip left."""
        read_at = time.monotonic()
        month = window_id("month", now)
        at = 0
        for key in keys:
            counts = self._keys.get(key)
            if counts is None:
                counts = self._keys[key] = _Counts()
            for kind in ("items", "bytes"):
                for window in _WINDOWS:
                    wid = window_id(window, now)
                    total = int(replies[at] or 0) + self._pending.get((key, kind, window, wid), 0)
                    at += 1
                    counts.counts[(kind, window)] = [wid, total, 0]
                minute = counts.counts[(kind, "minute")]
                minute[2] = int(replies[at] or 0) + self._pending.get((key, kind, "minute", minute[0] - 1), 0)
                at += 1
            counts.resource_month = month
            counts.resource_base = int(replies[at] or 0)
            counts.resources = set(self._pending_res.get((key, month), ()))
            at += 1
            self._read[key] = read_at
