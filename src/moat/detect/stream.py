"""The record stream: every traffic record, published off the hot path for online detection.

Issue 6 item 3. `RecordPublisher.publish()` is what the gateway calls per request: it appends to a
bounded in-memory buffer and returns (microseconds, never raises, never awaits). A background task
moves the buffer on:

- Redis configured: pipelined `XADD ... MAXLEN ~ n` batches into `partitions` streams. A record goes
  to the partition of its account (`partition_of`), so one detector worker owns all of an account's
  traffic and its per-account state is whole (see `moat.detect.follow`). While Redis is down the
  buffer holds records and retries; only when it is full are new records dropped, and counted.
  Losing them is acceptable: the recorder's store keeps the durable copy; this stream only feeds
  the detectors' running state.
- Embedded default: an in-process `asyncio.Queue`-like buffer that an in-process follower drains
  (`LocalStream`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import zlib
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson

from moat.tasks import Backoff

log = logging.getLogger("moat.detect.stream")

FIELD = b"r"  # one field per stream entry: the record as JSON


def stream_key(prefix: str, partition: int) -> str:
    return f"{prefix}detect:stream:{partition}"


def partition_of(account_id: object, partitions: int) -> int:
    """Stable across processes and machines (unlike hash()): crc32 of the account id."""
    return zlib.crc32(str(account_id).encode()) % partitions


def encode(traffic: dict[str, Any]) -> bytes:
    return orjson.dumps(traffic, option=orjson.OPT_SERIALIZE_NUMPY)


def decode(raw: bytes) -> dict[str, Any]:
    record: dict[str, Any] = orjson.loads(raw)
    return record


@dataclass(slots=True)
class PublisherStats:
    """Counters for /metrics: published = sent + buffered + dropped (+ in flight)."""

    published: int = 0
    sent: int = 0
    dropped: int = 0
    errors: int = 0
    buffered: int = 0
    connected: bool = True


class RecordPublisher:
    """Publishes traffic records to the detectors' stream; `sink` picks the backend.

    With `redis_url`, records go to Redis Streams; without, to `local` (an in-process buffer the
    embedded follower reads). `clock` is injected for tests.
    """

    def __init__(self, *, redis_url: str = "", prefix: str = "moat:", partitions: int = 8,
                 maxlen: int = 100_000, buffer: int = 50_000, batch: int = 500, interval: float = 0.02,
                 local: LocalStream | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.redis_url = redis_url
        self.prefix = prefix
        self.partitions = max(1, partitions)
        self.maxlen = maxlen
        self.capacity = buffer
        self.batch = batch
        self.interval = interval
        self.local = local
        self.stats = PublisherStats()
        self._buffer: deque[dict[str, Any]] = deque()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._redis: Any = None
        self._clock = clock
        self._keys = [stream_key(prefix, p) for p in range(self.partitions)]

    # ---- hot path ------------------------------------------------------------------------------
    def publish(self, traffic: dict[str, Any]) -> None:
        """Queue one record (the caller must not mutate it afterwards); never blocks or raises."""
        stats = self.stats
        stats.published += 1
        if self.local is not None:
            self.local.put(traffic)
            return
        buf = self._buffer
        if len(buf) >= self.capacity:
            stats.dropped += 1
            return
        buf.append(traffic)
        if len(buf) >= self.batch:
            self._wake.set()

    # ---- lifecycle -----------------------------------------------------------------------------
    async def start(self) -> None:
        if self.local is not None or self._task is not None:
            return
        import redis.asyncio as aioredis

        self._redis = aioredis.from_url(self.redis_url, socket_timeout=1.0, socket_connect_timeout=0.5)
        self._task = asyncio.create_task(self._drain(), name="moat-detect-publish")

    async def stop(self, timeout: float = 2.0) -> None:
        """Send what is buffered (for up to `timeout` seconds), then close."""
        if self._task is None:
            return
        deadline = self._clock() + timeout
        while self._buffer and self.stats.connected and self._clock() < deadline:
            self._wake.set()
            await asyncio.sleep(0.01)
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._task = None
        self.stats.dropped += len(self._buffer)
        self._buffer.clear()
        await self._redis.aclose()

    # ---- background ----------------------------------------------------------------------------
    async def _drain(self) -> None:
        backoff, failures = Backoff(0.1, 2.0), 0
        while True:
            if not self._buffer:
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self.interval)
                continue
            try:
                await self._send()
                failures = 0
                self.stats.connected = True
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self.stats.errors += 1
                if self.stats.connected:
                    log.warning("detector stream unavailable, buffering records: %s", exc)
                self.stats.connected = False
                failures += 1
                await asyncio.sleep(backoff.delay(failures))
            self.stats.buffered = len(self._buffer)

    async def _send(self) -> None:
        """One pipelined batch; records leave the buffer only after Redis answered."""
        buf = self._buffer
        n = min(len(buf), self.batch)
        items = [buf[i] for i in range(n)]
        pipe = self._redis.pipeline(transaction=False)
        keys, parts, maxlen = self._keys, self.partitions, self.maxlen
        for traffic in items:
            key = keys[partition_of(traffic.get("account_id"), parts)]
            pipe.xadd(key, {FIELD: encode(traffic)}, maxlen=maxlen, approximate=True)
        await pipe.execute()
        for _ in range(n):
            buf.popleft()
        self.stats.sent += n


class LocalStream:
    """The embedded stream: a bounded in-process buffer with one reader (the in-process follower)."""

    def __init__(self, capacity: int = 50_000) -> None:
        self.capacity = capacity
        self.dropped = 0
        self._items: deque[dict[str, Any]] = deque()
        self._ready = asyncio.Event()

    def put(self, traffic: dict[str, Any]) -> None:
        if len(self._items) >= self.capacity:
            self.dropped += 1
            return
        self._items.append(traffic)
        self._ready.set()

    def __len__(self) -> int:
        return len(self._items)

    def wake(self) -> None:
        """End the reader's wait for a record now (it has something else to do: LocalFollower.settle)."""
        self._ready.set()

    async def take(self, limit: int, timeout: float) -> list[dict[str, Any]]:
        """Up to `limit` records; waits at most `timeout` seconds for the first."""
        if not self._items:
            self._ready.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._ready.wait(), timeout)
        items = self._items
        return [items.popleft() for _ in range(min(limit, len(items)))]
