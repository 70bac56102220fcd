"""Followers: read the record stream and feed an `OnlineScorer` (issue 6 item 3).

`RedisFollower` is one detector worker (`moat detect-follow`); any number run against one Redis,
on any machines. Per-account state must see all of an account's traffic, so the stream is split
into partitions by account (`stream.partition_of`) and each partition is owned by one worker at a
time, through a lease (`<prefix>detect:lease:<p>`, renewed every second, expiring after
`lease_ttl`). Workers take a fair share (partitions / live workers) and give up extras when more
workers join. Within a partition the consumer group (`XREADGROUP` / `XACK`) tracks what was read:

- a worker that takes a partition over loads its last checkpoint (moat.detect.checkpoint: the
  owner writes one every `checkpoint_interval` and before handing a partition over), replays the
  stream from the checkpoint's id up to the group's last-delivered id, then claims what the
  previous owner read but never acknowledged (`XAUTOCLAIM`) and acknowledges it: the replay
  already counted it, so nothing is lost and nothing is counted twice (history older than both the
  checkpoint and the retained window, `MAXLEN ~`, is lost, and logged);
- then it reads new entries (`>`), folds them, and acknowledges them.

Cross-account detectors (coordination, linking) see the accounts of the worker's partitions: all
of them with one worker (which keeps up with 5,000 requests/s, bench/RESULTS.md), a share with more.

`LocalFollower` is the embedded default's: it drains the in-process `LocalStream` in the gateway.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import os
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from redis.exceptions import RedisError

from moat.detect import checkpoint
from moat.detect.online_scorer import OnlineScorer
from moat.detect.stream import FIELD, LocalStream, decode, partition_of, stream_key
from moat.tasks import Backoff, poll

log = logging.getLogger("moat.detect.follow")

GROUP = "moat-detect"
_REDIS_AWAY = Backoff(1.0, 1.0)  # a worker that lost Redis retries every 0.5 to 1 s
_BATCH_FAILED = Backoff(0.5, 0.5, jitter=0.0)
_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


def consumer_name() -> str:
    """Unique per process: host, pid and a random suffix (a restarted process is a new consumer)."""
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


@dataclass(slots=True)
class FollowerStats:
    records: int = 0
    replayed: int = 0
    claimed: int = 0
    takeovers: int = 0
    restored: int = 0  # accounts loaded from checkpoints
    checkpoints: int = 0


class RedisFollower:
    def __init__(self, redis: Any, scorer: OnlineScorer, *, prefix: str = "moat:", partitions: int = 8,
                 consumer: str | None = None, batch: int = 1000, lease_ttl: float = 10.0,
                 checkpoint_interval: float = 30.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.redis = redis
        self.scorer = scorer
        self.prefix = prefix
        self.partitions = max(1, partitions)
        self.consumer = consumer or consumer_name()
        self.batch = batch
        self.lease_ms = int(lease_ttl * 1000)
        self.clock = clock
        self.owned: set[int] = set()
        self.stats = FollowerStats()
        self._renew = redis.register_script(_RENEW)
        self._release = redis.register_script(_RELEASE)
        self._workers = f"{prefix}detect:workers"
        self._next_balance = 0.0
        self.checkpoint_interval = checkpoint_interval
        self._next_checkpoint = clock() + checkpoint_interval
        self._last_id: dict[int, str] = {}  # partition -> id of the last entry folded into the state
        self._partition_of_key = {self._key(p).encode(): p for p in range(self.partitions)}

    def _lease(self, p: int) -> str:
        return f"{self.prefix}detect:lease:{p}"

    def _key(self, p: int) -> str:
        return stream_key(self.prefix, p)

    def _checkpoint_key(self, p: int) -> str:
        return f"{self.prefix}detect:checkpoint:{p}"

    # ---- the loop ------------------------------------------------------------------------------
    async def run(self, stop: asyncio.Event) -> None:
        """Until `stop` is set: balance leases, read, fold, acknowledge, score. Redis away: keep the
        state and retry every second; leases lapse if it lasts, and balance() notices."""
        try:
            await poll(self._once, 0.0, log, "detector worker: Redis", retry=_REDIS_AWAY, stop=stop,
                       errors=(OSError, RedisError))
        finally:
            await self.release_all()

    async def _once(self) -> None:
        if self.clock() >= self._next_balance:
            await self.balance()
        if not self.owned:
            await asyncio.sleep(0.2)
            return
        await self.step(block_ms=100)
        await self.scorer.maybe_score()
        if self.clock() >= self._next_checkpoint:
            self._next_checkpoint = self.clock() + self.checkpoint_interval
            for p in sorted(self.owned):
                await self.checkpoint(p)

    async def step(self, block_ms: int = 100) -> int:
        """Read one batch of new entries from the owned partitions; fold and acknowledge them."""
        streams = {self._key(p): ">" for p in sorted(self.owned)}
        reply = await self.redis.xreadgroup(GROUP, self.consumer, streams, count=self.batch, block=block_ms)
        n = 0
        if not reply:
            return 0
        pipe = self.redis.pipeline(transaction=False)
        for key, entries in reply:
            ids = [eid for eid, _ in entries]
            await self.scorer.ingest(decode(fields[FIELD]) for _, fields in entries if fields)
            pipe.xack(key, GROUP, *ids)
            n += len(ids)
            if ids:
                self._last_id[self._partition_of_key[key]] = _text(ids[-1])
        await pipe.execute()
        self.stats.records += n
        return n

    # ---- ownership -----------------------------------------------------------------------------
    async def balance(self) -> None:
        """Renew leases, take a fair share of free partitions, give up extras."""
        self._next_balance = self.clock() + 1.0
        now_ms = int(time.time() * 1000)
        r = self.redis
        await r.zadd(self._workers, {self.consumer: now_ms})
        await r.zremrangebyscore(self._workers, "-inf", now_ms - self.lease_ms)
        live = max(1, int(await r.zcard(self._workers)))
        fair = math.ceil(self.partitions / live)
        for p in sorted(self.owned):
            if not await self._renew(keys=[self._lease(p)], args=[self.consumer, self.lease_ms]):
                log.warning("lost the lease of partition %d", p)
                self._lose(p)
        while len(self.owned) > fair:
            p = max(self.owned)
            await self.checkpoint(p)  # the next owner starts from here
            await self._release(keys=[self._lease(p)], args=[self.consumer])
            self._lose(p)
        if len(self.owned) < fair:
            start = partition_of(self.consumer, self.partitions)
            for i in range(self.partitions):
                p = (start + i) % self.partitions
                if len(self.owned) >= fair:
                    break
                if p not in self.owned and await r.set(self._lease(p), self.consumer, nx=True, px=self.lease_ms):
                    await self.take_over(p)

    def _lose(self, p: int) -> None:
        self.owned.discard(p)
        self._last_id.pop(p, None)
        parts = self.partitions
        owned = self.owned
        self.scorer.drop(lambda aid: partition_of(aid, parts) in owned)

    async def take_over(self, p: int) -> None:
        """Rebuild partition p's accounts from the stream, then settle what its last owner left pending."""
        r, key = self.redis, self._key(p)
        try:
            await r.xgroup_create(key, GROUP, id="0", mkstream=True)
        except Exception as exc:  # BUSYGROUP: it exists already
            if "BUSYGROUP" not in str(exc):
                raise
        groups = await r.xinfo_groups(key)
        last = next((g["last-delivered-id"] for g in groups if _text(g["name"]) == GROUP), b"0-0")
        last = _text(last)
        start = "-"
        saved = await r.hgetall(self._checkpoint_key(p))
        if saved.get(b"id") and saved.get(b"states"):
            states = checkpoint.decode(saved[b"states"])
            self.scorer.restore(states)
            self.stats.restored += len(states)
            saved_id = _text(saved[b"id"])
            self._last_id[p] = saved_id
            start = "(" + saved_id
            trimmed = _text((await r.xinfo_stream(key)).get("max-deleted-entry-id") or "0-0")  # Redis >= 7
            if _id_tuple(trimmed) > _id_tuple(saved_id):
                log.warning("partition %d: records after checkpoint %s were trimmed (up to %s) before being "
                            "checkpointed; their accounts' history is incomplete", p, saved_id, trimmed)
        replayed = 0
        if last != "0-0" and (start == "-" or _id_tuple(start[1:]) < _id_tuple(last)):
            while True:
                entries = await r.xrange(key, start, last, count=5000)
                if not entries:
                    break
                await self.scorer.ingest(decode(fields[FIELD]) for _, fields in entries if fields)
                replayed += len(entries)
                start = "(" + _text(entries[-1][0])
                self._last_id[p] = start[1:]
                if len(entries) < 5000:
                    break
        claimed = 0
        cursor = "0-0"
        while True:
            reply = await r.xautoclaim(key, GROUP, self.consumer, min_idle_time=0, start_id=cursor, count=1000)
            cursor, ids = _text(reply[0]), [eid for eid, _ in reply[1]]
            if ids:
                await r.xack(key, GROUP, *ids)
                claimed += len(ids)
            if cursor == "0-0" or not ids:
                break
        self.owned.add(p)
        self.stats.replayed += replayed
        self.stats.claimed += claimed
        self.stats.takeovers += 1
        log.info("took over partition %d: replayed %d records, settled %d pending", p, replayed, claimed)

    async def checkpoint(self, p: int) -> None:
        """Save partition p's account states with the id of the last record folded into them."""
        last = self._last_id.get(p)
        if last is None:
            return
        parts = self.partitions
        states = {aid: s for aid, s in self.scorer.engine.states.items() if partition_of(aid, parts) == p}
        raw = checkpoint.encode(states)  # here: the states must not change while they are read
        blob = await asyncio.to_thread(checkpoint.compress, raw)
        await self.redis.hset(self._checkpoint_key(p), mapping={"id": last, "states": blob})
        self.stats.checkpoints += 1

    async def release_all(self) -> None:
        """On a clean stop: checkpoint, then let others take the partitions at once (not after the
        lease expires)."""
        with contextlib.suppress(Exception):
            for p in sorted(self.owned):
                await self.checkpoint(p)
                await self._release(keys=[self._lease(p)], args=[self.consumer])
            await self.redis.zrem(self._workers, self.consumer)
        self.owned.clear()


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _id_tuple(stream_id: str) -> tuple[int, int]:
    ms, _, seq = stream_id.partition("-")
    return int(ms), int(seq or 0)


class LocalFollower:
    """The embedded follower: drains the in-process stream inside the gateway's event loop."""

    def __init__(self, stream: LocalStream, scorer: OnlineScorer, batch: int = 500, gather: float = 0.05) -> None:
        self.stream = stream
        self.scorer = scorer
        self.batch = batch
        # After a batch that was not full, records are let gather this long before the next take:
        # woken by every record, the follower cost a loop wake-up, a task and a timer per request at
        # low concurrency (issue 12, speed). Scores are computed on their own interval anyway.
        self.gather = gather
        self._settling: list[asyncio.Future[None]] = []

    async def run(self, stop: asyncio.Event) -> None:
        """Until `stop` is set; a failing batch never takes the gateway down (the next one is 0.5 s away)."""
        await poll(self._once, 0.0, log, "online detection (a batch)", retry=_BATCH_FAILED, stop=stop)

    def settle(self) -> asyncio.Future[None]:
        """Done once every record published before this call is folded and scored, with a whole
        cross-account pass (networks, linking) after it: what a caller that must act on the scores
        of the traffic it just sent waits for (the demo's network coming back). Scores otherwise
        settle on their own intervals, and a cross pass may be ten of its own durations away, so
        "the scores stopped changing" is no proof that they are done."""
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._settling.append(waiter)
        self.stream.wake()
        return waiter

    async def _once(self) -> None:
        items = await self.stream.take(self.batch, 0.1)
        if items:
            await self.scorer.ingest(items)
        if self._settling and not len(self.stream):
            waiting, self._settling = self._settling, []
            await self.scorer.maybe_score(force=True)  # the one writer forces the pass: no race
            for waiter in waiting:
                if not waiter.done():
                    waiter.set_result(None)
            return
        await self.scorer.maybe_score()
        if items and len(items) < self.batch and self.gather > 0:
            await asyncio.sleep(self.gather)
