"""Redis Cluster: one script per hash slot, and compensation keeps admissions all-or-nothing.

Runs on a standalone Redis with slot splitting forced on (the grouping and compensation logic is
the same), and on a real 3-node cluster (MOAT_TEST_REDIS_CLUSTER_URL, or one the fixture starts).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable

import pytest
from redis.crc import key_slot

from moat.limits import Check, Demand, Limiter, LimitSpec, Usage
from moat.limits.redis_backend import RedisLimiter
from tests.limits.conftest import RELAXED

pytestmark = pytest.mark.redis


def test_every_key_is_one_hash_tag() -> None:
    limiter = RedisLimiter("redis://127.0.0.1:1/0", prefix="moat:")
    key = limiter.redis_key(Check(LimitSpec("rpm", "requests", 1), "account=a"))
    assert key == "{moat:rpm:account=a}"
    assert key_slot(key.encode()) == key_slot(b"moat:rpm:account=a")
    shadow = limiter.redis_key(Check(LimitSpec("rpm", "requests", 1, shadow=True), "account=a"))
    assert shadow == "{moat:rpm~shadow:account=a}"


async def test_a_refusal_in_one_slot_refunds_the_others(make_redis_limiter: Callable[..., Limiter]) -> None:
    limiter = make_redis_limiter(split_by_slot=True)
    rpm = LimitSpec("rpm", "requests", 3, 3600)
    tokens = LimitSpec("tokens", "tokens", 1_000, 3600)
    slots = LimitSpec("conc", "concurrency", 1, 60)
    org = LimitSpec("org", "requests", 1, 3600)
    checks = [Check(rpm, "account=a"), Check(tokens, "account=a"), Check(slots, "account=a"),
              Check(org, "organization=o")]
    keys = {limiter.redis_key(c) for c in checks}  # type: ignore[attr-defined]
    assert len({key_slot(k.encode()) for k in keys}) == 4
    first = await limiter.admit(checks, Demand(0, 400))
    assert first.allowed
    await limiter.release(first)
    refused = await limiter.admit(checks, Demand(0, 400))
    assert not refused.allowed and refused.refused_by == "org"
    # The refused request consumed nothing anywhere: rpm has 2 left, tokens 600, the slot is free.
    alone = await limiter.admit(checks[:3], Demand(0, 600))
    assert alone.allowed
    assert [s.remaining for s in alone.statuses] == [1, 0, 0]
    await limiter.aclose()


async def test_on_a_real_cluster(redis_cluster_url: str) -> None:
    limiter = RedisLimiter(redis_cluster_url, cluster=True, prefix=f"moat-test:{uuid.uuid4().hex[:10]}:",
                           **RELAXED)
    rpm = LimitSpec("rpm", "requests", 3, 3600, fail_mode="closed")
    tokens = LimitSpec("tokens", "tokens", 1_000, 3600, fail_mode="closed")
    slots = LimitSpec("conc", "concurrency", 2, 60, fail_mode="closed")
    org = LimitSpec("org", "requests", 2, 3600, fail_mode="closed")
    checks = [Check(rpm, "account=a"), Check(tokens, "account=a"), Check(slots, "account=a"),
              Check(org, "organization=o")]
    try:
        for _ in range(2):
            admission = await limiter.admit(checks, Demand(0, 100))
            assert admission.allowed and not admission.degraded
            await limiter.finish(admission, Usage(0, 50))
        refused = await limiter.admit(checks, Demand(0, 100))
        assert refused.refused_by == "org" and not refused.degraded
        # Compensated: nothing else moved (1 request, 900 tokens, both slots left).
        assert [s.remaining for s in refused.statuses] == [1, 900, 2, 0]
        parallel = await asyncio.gather(*(limiter.admit(checks[:3], Demand(0, 100)) for _ in range(20)))
        # Slot groups race (never over-admitting; a racing request may be refused spuriously).
        assert sum(a.allowed for a in parallel) <= 1  # one request of the rpm limit is left
        assert limiter.stats.redis_errors == 0
    finally:
        await limiter.aclose()
