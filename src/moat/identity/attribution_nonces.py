"""Replay protection for attribution tokens: each `(platform, jti)` may be claimed once.

In-process by default (`MemoryNonceCache`, a TTL dict); with Redis configured, every gateway replica
shares one cache (`RedisNonceCache` / `AsyncRedisNonceCache`: `SET key 1 NX PX ttl`, atomic on the
server, so two replicas racing on the same token cannot both win). A nonce is kept for as long as
its token could still be accepted (expiry plus the clock skew), after which the token itself is
refused as expired, so forgetting the nonce is safe.

The gateway uses `SharedNonceCache`: Redis with a hard timeout per claim, a circuit breaker (an
outage costs one timeout per back-off, not one per request) and a stated fail mode while Redis is
away: `fail_open` claims in the replica's own cache (which also holds every nonce the replica saw
while Redis was up, so a replay to the same replica is still refused), `fail_closed` refuses with
503 `attribution_replay_check_unavailable`. One log line when Redis goes away, one when it is back.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from moat.errors import DependencyUnavailable
from moat.limits.breaker import CircuitBreaker

log = logging.getLogger(__name__)

REPLAY_CHECK_UNAVAILABLE = "attribution_replay_check_unavailable"
FailMode = Literal["fail_open", "fail_closed"]


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


class ReplayCheckUnavailable(DependencyUnavailable):
    """`fail_closed` while the shared nonce cache is away: a signed request cannot be checked for replay."""

    code = REPLAY_CHECK_UNAVAILABLE


@dataclass(slots=True)
class NonceCacheStats:
    """Counters for Prometheus; read them, never write them."""

    claims: int = 0  # nonces claimed (any outcome)
    redis_errors: int = 0  # claims Redis did not answer in time (or refused to)
    local_claims: int = 0  # claims decided by this replica's cache while Redis was away (fail_open)
    refused: int = 0  # requests refused because Redis was away (fail_closed)
    outages: int = 0  # times Redis went away


class SharedNonceCache:
    """Nonces shared through Redis, with a timeout, a breaker and a fail mode (see the module doc)."""

    def __init__(self, client: Any, prefix: str = "moat:", *, timeout: float = 0.25,
                 fail_mode: FailMode = "fail_open", breaker: CircuitBreaker | None = None,
                 local: MemoryNonceCache | None = None) -> None:
        if fail_mode not in ("fail_open", "fail_closed"):
            raise ValueError(f"attribution fail_mode must be fail_open or fail_closed, not {fail_mode!r}")
        self._client = client
        self._prefix = f"{prefix}nonce:"
        self._timeout = timeout
        self.fail_mode: FailMode = fail_mode
        self._breaker = breaker or CircuitBreaker(base=0.5, cap=5.0)
        self._local = local or MemoryNonceCache()
        self.stats = NonceCacheStats()
        self._last_error = ""

    @classmethod
    def from_url(cls, url: str, prefix: str = "moat:", *, timeout: float = 0.25,
                 fail_mode: FailMode = "fail_open") -> SharedNonceCache:
        from redis.asyncio import BlockingConnectionPool, Redis
        from redis.asyncio.retry import Retry
        from redis.backoff import NoBackoff
        from redis.exceptions import ConnectionError as RedisConnectionError

        pool = BlockingConnectionPool.from_url(
            url, timeout=timeout, max_connections=32, socket_timeout=timeout, socket_connect_timeout=timeout,
            # Reconnect once, at once, on a dropped connection; never retry a timeout.
            retry=Retry(NoBackoff(), 1, supported_errors=(RedisConnectionError,)))
        return cls(Redis.from_pool(pool), prefix, timeout=timeout, fail_mode=fail_mode)

    @property
    def degraded(self) -> bool:
        """True while Redis is taken as away (the breaker is open)."""
        return self._breaker.is_open

    def state(self) -> str:
        """For /readyz: "ok", or what the replica does instead while Redis is away."""
        if not self._breaker.is_open:
            return "ok"
        doing = ("replay checked by this replica only" if self.fail_mode == "fail_open"
                 else "signed-attribution requests refused (503)")
        return f"degraded ({self.fail_mode}): redis unreachable ({self._last_error}); {doing}"

    async def claim_async(self, key: str, ttl_ms: int) -> bool:
        self.stats.claims += 1
        if self._breaker.allow():
            try:
                async with asyncio.timeout(self._timeout):
                    fresh = bool(await self._client.set(self._prefix + key, b"1", nx=True, px=max(1, int(ttl_ms))))
            except Exception as exc:  # down, frozen, refusing: all mean "away" (cancellation still propagates)
                self._failed(exc)
            else:
                if self._breaker.is_open:
                    log.warning("attribution nonces: Redis is back; replay is checked across replicas again")
                self._breaker.success()
                # Remember it here too, so a replay reaching this replica during a later outage is caught.
                return self._local.claim(key, ttl_ms) and fresh
        if self.fail_mode == "fail_closed":
            self.stats.refused += 1
            raise ReplayCheckUnavailable("Signed attribution cannot be checked for replay right now "
                                         "(the shared nonce cache is unreachable); retry shortly")
        self.stats.local_claims += 1
        return self._local.claim(key, ttl_ms)

    def _failed(self, exc: BaseException) -> None:
        self.stats.redis_errors += 1
        self._last_error = type(exc).__name__
        if self._breaker.failure():
            self.stats.outages += 1
            doing = ("claiming nonces in this replica's cache" if self.fail_mode == "fail_open"
                     else "refusing signed-attribution requests with 503")
            log.warning("attribution nonces: Redis unreachable (%s: %s); %s (%s) until it is back",
                        type(exc).__name__, exc or f"no answer within {self._timeout:g} s", doing, self.fail_mode)

    async def aclose(self) -> None:
        await self._client.aclose()
