"""Pending background responses shared through Redis, so that one replica's death loses none.

The settler (moat.gateway.background) follows a pending response in the memory of the replica
that relayed its create. When `redis_url` is set it also writes it here, with the record it will
become (its traffic line and decision-log entry as known at create), and claims it for a while:

    <prefix>bg:<response id>   JSON {traffic, decision, upstream, deadline}; expires after the deadline
    <prefix>bg-claims          sorted set: response id -> until when (unix seconds) a replica claims it

The following replica renews its claim at every poll. Every replica looks for claims that ran out
(`relay.background_claim` seconds unrenewed: the replica died, or stopped and gave them up) and
takes them, each to exactly one replica (one Lua call moves the claim); the taker follows the
response to its end and writes the record, patched with the real usage and final status. Settling
deletes the key: whoever deletes it records (DEL answers 1 once), and the store drops a second
record of the same request id anyway. A taken-over response has no quota admission (that lived in
the dead replica's memory): its reservation stands until the keys rest, as a lost settle does.

Every call has a timeout (`TIMEOUT`) and never raises: Redis away means pending responses are
followed by their own replica only, as without Redis.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from redis.asyncio import Redis

log = logging.getLogger("moat.gateway")

T = TypeVar("T")
TIMEOUT = 0.5  # seconds for one Redis call
BATCH = 50  # ids taken over at most per look

# Claims whose time ran out, each moved to `ARGV[2]` (the taker's claim) in the same call.
_TAKE = """
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], ARGV[2], id) end
return ids
"""


class SharedPending:
    def __init__(self, redis: Redis, prefix: str) -> None:
        self._redis = redis
        self._key = prefix + "bg:"
        self._claims = prefix + "bg-claims"
        self.errors = 0

    @classmethod
    def from_url(cls, redis_url: str, prefix: str) -> SharedPending | None:
        if not redis_url:
            return None
        import redis.asyncio as aioredis

        return cls(aioredis.from_url(redis_url, socket_timeout=TIMEOUT, socket_connect_timeout=TIMEOUT,
                                     max_connections=4), prefix)

    async def aclose(self) -> None:
        await self._redis.aclose()

    async def put(self, response_id: str, blob: bytes, ttl: float, claim: float) -> None:
        """Share a pending response, claimed by this replica for `claim` seconds."""
        async def run() -> None:
            pipe = self._redis.pipeline(transaction=False)
            pipe.set(self._key + response_id, blob, ex=max(int(ttl), 1))
            pipe.zadd(self._claims, {response_id: time.time() + claim})
            await pipe.execute()

        await self._call(run(), "share", response_id)

    async def renew(self, response_id: str, claim: float) -> None:
        """This replica still follows it: claim it `claim` seconds more (only while it is shared)."""
        await self._call(self._redis.zadd(self._claims, {response_id: time.time() + claim}, xx=True),
                         "renew", response_id)

    async def give_up(self, response_id: str) -> None:
        """This replica stops following it (shutdown): any other may take it now."""
        await self._call(self._redis.zadd(self._claims, {response_id: 0}, xx=True), "give up", response_id)

    async def take(self, response_id: str) -> bool:
        """Settling: remove it; True when this call removed it (False: settled elsewhere already).
        Redis away counts as True: a record written twice is dropped by the store (one request id)."""
        async def run() -> bool:
            pipe = self._redis.pipeline(transaction=False)
            pipe.delete(self._key + response_id)
            pipe.zrem(self._claims, response_id)
            deleted, _ = await pipe.execute()
            return bool(deleted)

        taken = await self._call(run(), "settle", response_id)
        return True if taken is None else taken

    async def orphans(self, claim: float) -> list[tuple[str, bytes]]:
        """Pending responses whose claim ran out, now claimed by this replica: (id, shared JSON)."""
        now = time.time()
        ids = await self._call(self._redis.eval(_TAKE, 1, self._claims, now, now + claim, BATCH), "look", "")
        if not ids:
            return []
        names = [i.decode() if isinstance(i, bytes) else str(i) for i in ids]
        blobs = await self._call(self._redis.mget([self._key + n for n in names]), "read", "")
        if blobs is None:
            return []
        gone = [n for n, b in zip(names, blobs, strict=True) if b is None]
        if gone:  # settled (or expired) meanwhile
            await self._call(self._redis.zrem(self._claims, *gone), "forget", "")
        return [(n, b if isinstance(b, bytes) else str(b).encode()) for n, b in zip(names, blobs, strict=True)
                if b is not None]

    async def _call(self, work: Awaitable[T], what: str, response_id: str) -> T | None:
        try:
            return await asyncio.wait_for(work, TIMEOUT)
        except Exception as exc:
            self.errors += 1
            log.warning("background responses: Redis did not answer (%s %s: %s)", what, response_id,
                        type(exc).__name__)
            return None
