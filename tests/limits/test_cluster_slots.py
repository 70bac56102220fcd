"""Redis Cluster: one script per hash slot, and compensation keeps admissions all-or-nothing.

Runs on a standalone Redis with slot splitting forced on: the grouping and compensation logic is
the same; only the routing of each group to its node is the cluster client's.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from redis.crc import key_slot

from moat.limits import Check, Demand, Limiter, LimitSpec
from moat.limits.redis_backend import RedisLimiter

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
