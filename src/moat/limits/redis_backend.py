"""`RedisLimiter`: limits shared by every gateway replica, one Lua script (one round trip) per check.

Why each choice (issue 4, item 7):
- One script evaluates every limit of a request and consumes from all or none, so two replicas
  can never both take the last unit, and a refused request consumes nothing.
- Time is Redis's `TIME` inside the script: replicas with skewed clocks still agree. Tests pass
  `clock=` instead, which sends the time as an argument (deterministic, and how the reference
  model is compared).
- Keys are `{<prefix><limit name>:<key value>}`: the whole key is a hash tag. On Redis Cluster
  (`cluster=True`) the checks of one request are grouped by slot, one script per slot, run
  concurrently; if one group refuses, the groups that consumed are refunded (compensation),
  keeping all-or-nothing without cross-slot scripts. Never over-admits; two requests racing for
  the last units may both be refused. Without `cluster`, one script holds every key (one trip).
- Trouble never crashes a request nor holds it: short socket timeouts, a hard deadline per call,
  one immediate reconnect-and-retry on a dropped connection (a killed or stale connection; a
  timeout is never retried, since the script may have run), then a circuit breaker so an outage
  costs one timeout per back-off, not one per request. Meanwhile each limit follows its fail mode
  (see `moat.limits.spec`); `local` limits are counted by an in-process `MemoryLimiter`.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import time
from collections.abc import Callable, Sequence
from importlib import resources
from typing import Any

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.crc import key_slot
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import NoScriptError

from moat.limits.base import Admission, Check, Demand, LimiterStats, Outcome, Usage, units, usage_units
from moat.limits.breaker import CircuitBreaker
from moat.limits.memory import MemoryLimiter
from moat.limits.verdict import decide, state_name

log = logging.getLogger(__name__)

# Anything the backend call raises (redis-py's errors, cluster-topology errors that are not
# RedisError, OS and timeout errors, a malformed reply) means "backend unavailable" for this
# request, never a crashed request. Cancellation (BaseException) still propagates.
_BACKEND_ERRORS = (Exception,)


def _script(name: str) -> str:
    return resources.files("moat.limits").joinpath(name).read_text(encoding="utf-8")


class _Script:
    """EVALSHA with a fallback to EVAL (which also caches the script on that node)."""

    def __init__(self, source: str) -> None:
        import hashlib

        self.source = source
        self.sha = hashlib.sha1(source.encode()).hexdigest()

    async def __call__(self, client: Any, keys: Sequence[str], args: Sequence[Any]) -> Any:
        try:
            return await client.evalsha(self.sha, len(keys), *keys, *args)
        except NoScriptError:
            return await client.eval(self.source, len(keys), *keys, *args)


class RedisLimiter:
    """Limits shared through Redis. Construct once at start-up; no I/O until the first check.

    url: redis:// or rediss:// (any node, with `cluster=True`). prefix: starts every key.
    clock: None in production (Redis TIME); tests pass one to drive time. timeout and
    connect_timeout: per socket operation; deadline: the most one call may take, pool wait
    included. breaker: the back-off policy. local: the `local` fail mode's MemoryLimiter.
    """

    def __init__(self, url: str = "", *, prefix: str = "moat:", client: Any = None,
                 clock: Callable[[], float] | None = None, timeout: float = 0.1,
                 connect_timeout: float = 0.1, deadline: float = 0.25, cluster: bool = False,
                 split_by_slot: bool | None = None, breaker: CircuitBreaker | None = None,
                 local: MemoryLimiter | None = None, client_name: str | None = None,
                 max_connections: int | None = None) -> None:
        # max_connections: standalone, a blocking pool of 32 by default (a burst waits for one);
        # cluster, per node and non-blocking in redis-py (over it a call fails), so 512.
        self.stats = LimiterStats()
        self._prefix = prefix
        self._clock = clock
        self._deadline = deadline
        self._breaker = breaker or CircuitBreaker()
        self._local = local or MemoryLimiter(clock=clock or time.time)
        self._split = cluster if split_by_slot is None else split_by_slot
        self._lease_prefix = os.urandom(6).hex() + ":"
        self._lease_ids = itertools.count(1)
        self._admit = _Script(_script("admit.lua"))
        self._settle = _Script(_script("settle.lua"))
        if client is None:
            options: dict[str, Any] = {
                "socket_timeout": timeout,
                "socket_connect_timeout": connect_timeout,
                # Reconnect once, at once, on a dropped connection; never retry a timeout.
                "retry": Retry(NoBackoff(), 1, supported_errors=(RedisConnectionError,)),
                "client_name": client_name,
                "max_connections": max_connections or (512 if cluster else 32),
            }
            if cluster:
                from redis.asyncio.cluster import RedisCluster

                options.pop("retry")
                options.pop("client_name")
                client = RedisCluster.from_url(url, **options)
            else:
                # A blocking pool: a burst beyond `max_connections` waits (within the deadline)
                # for a connection instead of failing over to the fail mode.
                pool = BlockingConnectionPool.from_url(url, timeout=deadline, **options)
                client = Redis.from_pool(pool)  # closing the client closes the pool
        self._client = client
        # A cluster client learns the slot map on first use; concurrent first calls must not race it.
        self._cluster_ready = not cluster
        self._cluster_lock = asyncio.Lock()

    @property
    def breaker(self) -> CircuitBreaker:
        return self._breaker

    def redis_key(self, check: Check) -> str:
        """`{prefix name:key}`: the braces make the whole key the hash tag (one slot per limit key)."""
        return f"{{{self._prefix}{state_name(check)}:{check.key}}}"

    def _now_arg(self) -> str:
        return "" if self._clock is None else str(round(self._clock() * 1_000_000))

    async def admit(self, checks: Sequence[Check], demand: Demand) -> Admission:
        """See `Limiter.admit`: one script call (one per slot group on a cluster)."""
        if not checks:
            return decide(checks, [], self.stats)
        lease_id = f"{self._lease_prefix}{next(self._lease_ids)}"
        if self._breaker.allow():
            try:
                async with asyncio.timeout(self._deadline):
                    outcomes = await self._admit_remote(checks, demand, lease_id)
            except _BACKEND_ERRORS as exc:
                self._backend_failed(exc)
            else:
                self._breaker.success()
                return decide(checks, outcomes, self.stats, lease_id=lease_id)
        return self._admit_failed(checks, demand, lease_id)

    async def _ensure_cluster(self) -> None:
        async with self._cluster_lock:
            if not self._cluster_ready:
                await self._client.initialize()
                self._cluster_ready = True

    async def _admit_remote(self, checks: Sequence[Check], demand: Demand, lease_id: str) -> list[Outcome]:
        if not self._cluster_ready:
            await self._ensure_cluster()
        keys = [self.redis_key(c) for c in checks]
        if not self._split or len({key_slot(k.encode()) for k in keys}) == 1:
            return await self._run_admit(checks, keys, demand, lease_id)
        groups: dict[int, list[int]] = {}
        for i, key in enumerate(keys):
            groups.setdefault(key_slot(key.encode()), []).append(i)
        parts = list(groups.values())
        results = await asyncio.gather(*(
            self._run_admit([checks[i] for i in part], [keys[i] for i in part], demand, lease_id)
            for part in parts))
        outcomes: list[Outcome] = [(True, 0, None, 0, 0)] * len(checks)
        for part, part_outcomes in zip(parts, results, strict=True):
            for i, outcome in zip(part, part_outcomes, strict=True):
                outcomes[i] = outcome
        refused = any(not o[0] and not c.spec.shadow for c, o in zip(checks, outcomes, strict=True))
        if refused:
            await self._compensate(checks, keys, lease_id, parts, results)
        return outcomes

    async def _run_admit(self, checks: Sequence[Check], keys: Sequence[str], demand: Demand,
                         lease_id: str) -> list[Outcome]:
        parts: list[str] = []
        costs: list[tuple[int, int]] = []
        for check in checks:
            spec = check.spec
            if spec.kind == "concurrency":
                parts.append(f"{'C' if spec.shadow else 'c'} {spec.limit} {spec.period_us}")
                costs.append((0, 0))
            else:
                n, cost = spec.reserve(units(spec.kind, demand.input_tokens, demand.output_tokens))
                parts.append(f"{'G' if spec.shadow else 'g'} {cost} {spec.tau_us}")
                costs.append((n, cost))
        raw = await self._admit(self._client, keys, (self._now_arg(), lease_id, " ".join(parts)))
        return [(raw[2 + 2 * i] == 1, int(raw[3 + 2 * i]), None, n, cost) for i, (n, cost) in enumerate(costs)]

    async def _compensate(self, checks: Sequence[Check], keys: Sequence[str], lease_id: str,
                          parts: list[list[int]], results: list[list[Outcome]]) -> None:
        """Undo what slot groups that admitted consumed, because another group refused."""
        for part, part_outcomes in zip(parts, results, strict=True):
            group_admitted = all(o[0] or checks[i].spec.shadow
                                 for i, o in zip(part, part_outcomes, strict=True))
            if not group_admitted:
                continue
            ops_keys: list[str] = []
            args: list[Any] = [self._now_arg()]
            for i, outcome in zip(part, part_outcomes, strict=True):
                spec = checks[i].spec
                if not outcome[0]:
                    continue
                ops_keys.append(keys[i])
                if spec.kind == "concurrency":
                    args += ["r", lease_id]
                else:
                    args += ["a", -outcome[4]]
            if ops_keys:
                await self._settle(self._client, ops_keys, args)

    def _backend_failed(self, exc: BaseException) -> None:
        self.stats.redis_errors += 1
        if self._breaker.failure():
            self.stats.breaker_opens += 1
            log.warning("limits: Redis unreachable (%s: %s); using each limit's fail mode",
                        type(exc).__name__, exc)

    def _admit_failed(self, checks: Sequence[Check], demand: Demand, lease_id: str) -> Admission:
        """Decide by fail modes: open admits, closed refuses, local counts in this process."""
        local = [c for c in checks if c.spec.fail_mode == "local"]
        now = self._local.now_us()
        local_outcomes = iter(self._local.evaluate(local, demand, now, "local"))
        outcomes = [next(local_outcomes) if c.spec.fail_mode == "local"
                    else (c.spec.fail_mode == "open", 0, c.spec.fail_mode, 0, 0) for c in checks]
        closed_retry = max(1.0, self._breaker.retry_in())
        admission = decide(checks, outcomes, self.stats, lease_id=lease_id,
                           closed_retry_after=closed_retry)
        if admission.allowed and local:
            local_only = [o for c, o in zip(checks, outcomes, strict=True) if c.spec.fail_mode == "local"]
            self._local.commit(local, local_only, now, lease_id)
        if local:
            self._local.tick(now)
        return admission

    async def settle(self, admission: Admission, usage: Usage) -> None:
        """See `Limiter.settle`: one script call for all shared reservations, none if nothing changes."""
        await self._settle_remote(*self._settle_ops(admission, usage, [], [self._now_arg()]))

    async def release(self, admission: Admission) -> None:
        """See `Limiter.release`."""
        await self._settle_remote(*self._release_ops(admission, [], [self._now_arg()]))

    async def finish(self, admission: Admission, usage: Usage) -> None:
        """See `Limiter.finish`: settle and release in one script call."""
        keys, args = self._settle_ops(admission, usage, [], [self._now_arg()])
        await self._settle_remote(*self._release_ops(admission, keys, args))

    def _settle_ops(self, admission: Admission, usage: Usage, keys: list[str],
                    args: list[Any]) -> tuple[list[str], list[Any]]:
        if admission.settled or not admission.allowed:
            return keys, args
        admission.settled = True
        self._local.undo(admission, usage, release=False, local_only=True)
        for reservation in admission.reservations:
            if reservation.local:
                continue
            spec = reservation.check.spec
            delta = spec.cost_us(usage_units(spec, usage)) - reservation.cost_us
            if delta:
                keys.append(self.redis_key(reservation.check))
                args += ["a", delta]
        return keys, args

    def _release_ops(self, admission: Admission, keys: list[str],
                     args: list[Any]) -> tuple[list[str], list[Any]]:
        if admission.released:
            return keys, args
        admission.released = True
        self._local.undo(admission, None, release=True, local_only=True)
        for lease in admission.leases:
            if not lease.local:
                keys.append(self.redis_key(lease.check))
                args += ["r", lease.lease_id]
        return keys, args

    async def _settle_remote(self, keys: list[str], args: list[Any]) -> None:
        if not keys:
            return
        if not self._breaker.allow():
            self.stats.settle_errors += 1
            return
        try:
            async with asyncio.timeout(self._deadline):
                if not self._cluster_ready:
                    await self._ensure_cluster()
                if self._split and len({key_slot(k.encode()) for k in keys}) > 1:
                    await asyncio.gather(*(
                        self._settle(self._client, [k], [args[0], args[1 + 2 * i], args[2 + 2 * i]])
                        for i, k in enumerate(keys)))
                else:
                    await self._settle(self._client, keys, args)
        except _BACKEND_ERRORS as exc:
            self.stats.settle_errors += 1
            self._backend_failed(exc)
        else:
            self._breaker.success()

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._client.aclose()
