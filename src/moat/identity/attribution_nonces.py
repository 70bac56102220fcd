"""Replay protection for attribution tokens: each `(platform, jti)` may be claimed once.

In-process by default (`MemoryNonceCache`, a TTL dict); with Redis configured, every gateway replica
shares one cache (`RedisNonceCache` / `AsyncRedisNonceCache`: `SET key 1 NX PX ttl`, atomic on the
server, so two replicas racing on the same token cannot both win). A nonce is kept for as long as
its token could still be accepted (expiry plus the clock skew), after which the token itself is
refused as expired, so forgetting the nonce is safe.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import Any, Protocol


class NonceCache(Protocol):
    def claim(self, key: str, ttl_ms: int) -> bool:
        """True the first time `key` is claimed within `ttl_ms`; False for a replay."""
        ...


class AsyncNonceCache(Protocol):
    async def claim_async(self, key: str, ttl_ms: int) -> bool:
        ...


class MemoryNonceCache:
    """One process's nonces. Memory is bounded by request rate x token lifetime; expired entries
    are swept from an expiry queue as new ones arrive (amortised O(1))."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._expiry: dict[str, float] = {}
        self._queue: deque[tuple[float, str]] = deque()

    def __len__(self) -> int:
        return len(self._expiry)

    def claim(self, key: str, ttl_ms: int) -> bool:
        now = self._clock()
        self._sweep(now)
        expires = now + ttl_ms / 1000.0
        held = self._expiry.setdefault(key, expires)
        if held is not expires:  # setdefault is atomic under the GIL: exactly one claimer wins
            if held > now:
                return False
            self._expiry[key] = expires
        self._queue.append((expires, key))
        return True

    async def claim_async(self, key: str, ttl_ms: int) -> bool:
        return self.claim(key, ttl_ms)

    def _sweep(self, now: float) -> None:
        queue, expiry = self._queue, self._expiry
        for _ in range(64):  # bounded work per claim; TTLs are near-monotone so the head expires first
            if not queue or queue[0][0] > now:
                return
            when, key = queue.popleft()
            if expiry.get(key) == when:
                del expiry[key]


class RedisNonceCache:
    """Nonces shared by every replica through a synchronous `redis.Redis` client."""

    def __init__(self, client: Any, prefix: str = "moat:") -> None:
        self._client = client
        self._prefix = f"{prefix}nonce:"

    def claim(self, key: str, ttl_ms: int) -> bool:
        return bool(self._client.set(self._prefix + key, b"1", nx=True, px=max(1, int(ttl_ms))))

    @classmethod
    def from_url(cls, url: str, prefix: str = "moat:") -> RedisNonceCache:
        import redis

        return cls(redis.Redis.from_url(url), prefix)


class AsyncRedisNonceCache:
    """The same through a `redis.asyncio.Redis` client, for the gateway's event loop."""

    def __init__(self, client: Any, prefix: str = "moat:") -> None:
        self._client = client
        self._prefix = f"{prefix}nonce:"

    async def claim_async(self, key: str, ttl_ms: int) -> bool:
        return bool(await self._client.set(self._prefix + key, b"1", nx=True, px=max(1, int(ttl_ms))))

    @classmethod
    def from_url(cls, url: str, prefix: str = "moat:") -> AsyncRedisNonceCache:
        import redis.asyncio

        return cls(redis.asyncio.Redis.from_url(url), prefix)
