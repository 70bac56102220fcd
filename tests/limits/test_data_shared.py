"""Data counters shared through a real Redis: replicas agree, a month survives a restart, an
outage loses no count (moat.limits.data_redis)."""

from __future__ import annotations

import calendar
import socket
from collections.abc import Iterator

import pytest
import redis

from moat.limits.data import DataCap, DataCheck
from moat.limits.data_redis import SharedDataCounters

NOW = float(calendar.timegm((2026, 3, 14, 12, 0, 0)))
MONTH = DataCheck(DataCap("d/items_per_month", "items", "month", 100), "account=a")


@pytest.fixture
def redis_prefix(redis_url: str, redis_prefix: str) -> Iterator[str]:
    """The test's own prefix; its data keys are removed afterwards (they would live two months)."""
    yield redis_prefix
    client = redis.Redis.from_url(redis_url)
    try:
        keys = list(client.scan_iter(match=f"{redis_prefix}data:*", count=1000))
        if keys:
            client.delete(*keys)
    finally:
        client.close()


def counters(url: str, prefix: str) -> SharedDataCounters:
    return SharedDataCounters.from_url(url, prefix, clock=lambda: NOW)


async def test_two_replicas_agree_and_a_month_survives_a_restart(redis_url: str, redis_prefix: str) -> None:
    one, two = counters(redis_url, redis_prefix), counters(redis_url, redis_prefix)
    try:
        one.add(["account=a", "key=k"], 60, 6000, [1, 2, 3])
        two.add(["account=a"], 30, 3000, [3, 4])
        assert two.allowance([MONTH]) == (70, MONTH)  # before a sync: its own count only
        await one.sync(["account=a"])
        await two.sync(["account=a"])
        await one.sync(["account=a"])
        assert one.usage("account=a") == two.usage("account=a") == (90, 9000, 4)
        assert one.allowance([MONTH]) == (10, MONTH)
        one.add(["account=a"], 10, 0)  # counted here, not yet sent: the view still holds it
        await two.sync(["account=a"])
        assert one.refusal([MONTH]) is MONTH and two.refusal([MONTH]) is None
    finally:
        await one.stop()  # hands over the 10
        await two.stop()
    restarted = counters(redis_url, redis_prefix)
    try:
        await restarted.prepare(["account=a", "key=k"])
        assert restarted.usage("account=a") == (100, 9000, 4) and restarted.usage("key=k") == (60, 6000, 3)
        assert restarted.refusal([MONTH]) is MONTH
    finally:
        await restarted.stop()


async def test_redis_away_counts_in_memory_and_sends_later(redis_url: str, redis_prefix: str) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead_port = s.getsockname()[1]
    away = SharedDataCounters.from_url(f"redis://127.0.0.1:{dead_port}/0", redis_prefix, clock=lambda: NOW)
    away.add(["account=b"], 5, 50)
    await away.prepare(["account=b"])  # never raises, never waits past its deadline
    with pytest.raises((OSError, redis.RedisError)):
        await away.sync(["account=b"])
    assert away.errors >= 1 and away.usage("account=b") == (5, 50, 0)
    # the same pending counts, sent once Redis is reachable (the client is swapped for a live one)
    live = counters(redis_url, redis_prefix)
    live._pending, live._pending_res = away._pending, away._pending_res
    await live.sync(["account=b"])
    assert live.usage("account=b") == (5, 50, 0)
    await live.stop()
    await away._redis.aclose()
