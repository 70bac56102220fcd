"""Redis trouble: each limit follows its fail mode, the call always returns, the breaker backs off.

No wall-clock assertions: "bounded" is shown in behaviour (the call returns a verdict, the
breaker stops calling the backend). `asyncio.wait_for` guards only turn a hang into a failure.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest
import redis.asyncio as aioredis

from moat.limits import Admission, Check, Demand, Limiter, LimitSpec, Usage, rate_limit_headers, rate_limited
from moat.limits.breaker import CircuitBreaker
from moat.limits.redis_backend import RedisLimiter
from tests.limits.conftest import FakeClock

DOWN = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connection refused


def spec(name: str, fail_mode: str, limit: int = 2, kind: str = "requests") -> LimitSpec:
    return LimitSpec(name, kind, limit, 60, fail_mode=fail_mode)  # type: ignore[arg-type]


async def guarded(limiter: Limiter, checks: list[Check], demand: Demand = Demand()) -> Admission:
    return await asyncio.wait_for(limiter.admit(checks, demand), 10)


async def test_open_admits_without_counting() -> None:
    limiter = RedisLimiter(DOWN)
    admissions = [await guarded(limiter, [Check(spec("rpm", "open"), "a")]) for _ in range(5)]
    assert all(a.allowed and a.degraded for a in admissions)
    assert admissions[0].statuses[0].fail_mode == "open"
    assert limiter.stats.redis_errors >= 1 and limiter.stats.fallbacks["open"] == 5
    assert limiter.stats.breaker_opens == 1
    await limiter.aclose()


async def test_closed_refuses_with_429_and_a_short_retry_after() -> None:
    limiter = RedisLimiter(DOWN)
    admission = await guarded(limiter, [Check(spec("rpm", "closed"), "a")])
    assert not admission.allowed and admission.refused_by == "rpm"
    assert 1 <= admission.retry_after <= 10
    error = rate_limited(admission)
    assert error.status == 429 and "temporarily unavailable" in error.message
    assert ("Retry-After", "1") in rate_limit_headers(admission)
    assert limiter.stats.refusals["rpm"] == 1 and limiter.stats.fallbacks["closed"] == 1
    await limiter.aclose()


async def test_local_counts_in_process_with_the_same_spec() -> None:
    clock = FakeClock()
    limiter = RedisLimiter(DOWN, clock=clock)
    rpm = spec("rpm", "local", limit=3)
    tokens = spec("tpm", "local", limit=1_000, kind="tokens")
    slots = LimitSpec("conc", "concurrency", 1, 30, fail_mode="local")
    checks = [Check(rpm, "a"), Check(tokens, "a"), Check(slots, "a")]
    first = await guarded(limiter, checks, Demand(0, 600))
    assert first.allowed and first.statuses[0].fail_mode == "local"
    assert not (await guarded(limiter, checks, Demand(0, 100))).allowed  # the slot is held
    await limiter.settle(first, Usage(0, 100))  # refunds 500 tokens in the local limiter
    await limiter.release(first)
    second = await guarded(limiter, checks, Demand(0, 900))
    assert second.allowed  # 100 + 900 = 1,000 tokens: fits only because the refund happened
    await limiter.release(second)
    assert (await guarded(limiter, checks, Demand(0, 0))).allowed
    refused = await guarded(limiter, checks, Demand(0, 0))
    assert refused.refused_by == "rpm"  # the fourth request: the local rpm limit holds
    await limiter.aclose()


async def test_mixed_fail_modes_stay_all_or_nothing() -> None:
    limiter = RedisLimiter(DOWN)
    local = spec("local", "local", limit=1)
    checks = [Check(spec("open", "open"), "a"), Check(local, "a"), Check(spec("closed", "closed"), "a")]
    refused = await guarded(limiter, checks)
    assert not refused.allowed and refused.refused_by == "closed"
    # The refusal consumed nothing from the local limit: its single unit is still there.
    assert (await guarded(limiter, [Check(local, "a")])).allowed
    await limiter.aclose()


async def test_the_breaker_stops_calling_redis_then_probes_again() -> None:
    monotonic = FakeClock()
    limiter = RedisLimiter(DOWN, breaker=CircuitBreaker(base=0.5, cap=4, clock=monotonic))
    checks = [Check(spec("rpm", "open"), "a")]
    await guarded(limiter, checks)
    assert limiter.stats.redis_errors == 1
    for _ in range(20):  # while open, nobody waits on Redis
        assert (await guarded(limiter, checks)).allowed
    assert limiter.stats.redis_errors == 1
    monotonic.advance(0.6)  # back-off over: one probe, which fails and doubles the back-off
    await guarded(limiter, checks)
    await guarded(limiter, checks)
    assert limiter.stats.redis_errors == 2
    monotonic.advance(0.6)
    await guarded(limiter, checks)
    assert limiter.stats.redis_errors == 2  # still inside the 1 s back-off
    await limiter.aclose()


@pytest.fixture
async def stalled_server() -> AsyncIterator[str]:
    """A TCP server that accepts connections and never answers (a hung Redis)."""
    writers: list[asyncio.StreamWriter] = []

    async def accept(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writers.append(writer)

    server = await asyncio.start_server(accept, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    yield f"redis://127.0.0.1:{port}/0"
    for writer in writers:
        writer.close()
    server.close()
    await server.wait_closed()


async def test_a_hung_redis_times_out_into_the_fail_mode(stalled_server: str) -> None:
    limiter = RedisLimiter(stalled_server)
    admissions = await asyncio.gather(*(
        guarded(limiter, [Check(spec("rpm", "open"), str(i))]) for i in range(10)))
    assert all(a.allowed and a.degraded for a in admissions)
    assert limiter.stats.redis_errors >= 1
    settle_target = admissions[0]
    await asyncio.wait_for(limiter.settle(settle_target, Usage()), 10)
    await asyncio.wait_for(limiter.release(settle_target), 10)
    await limiter.aclose()


@pytest.mark.redis
async def test_killed_connections_reconnect_without_losing_accuracy(
        redis_url: str, redis_prefix: str, make_redis_limiter: Callable[..., Limiter]) -> None:
    name = f"moat-kill-{redis_prefix.split(':')[1]}"
    limiter = make_redis_limiter(client_name=name)
    admin = aioredis.Redis.from_url(redis_url)
    rpm = LimitSpec("rpm", "requests", 30, 3600, fail_mode="closed")
    admitted = kills = 0
    for i in range(60):
        if i % 7 == 3:  # kill every connection the limiter holds, mid-run
            for client in await admin.client_list():
                if client.get("name") == name:
                    await admin.client_kill_filter(_id=client["id"])
                    kills += 1
        admission = await guarded(limiter, [Check(rpm, "acct")])
        assert not admission.degraded  # reconnected at once, never fell back
        admitted += admission.allowed
    assert kills >= 8
    assert admitted == 30
    assert limiter.stats.redis_errors == 0
    await admin.aclose()
    await limiter.aclose()


async def test_settle_during_an_outage_is_counted_not_raised() -> None:
    clock = FakeClock()
    limiter = RedisLimiter(DOWN, clock=clock)
    admission = await guarded(limiter, [Check(spec("tpm", "open", kind="tokens", limit=100), "a")])
    await limiter.settle(admission, Usage(1, 1))  # open mode reserved nothing: nothing to send
    assert limiter.stats.settle_errors == 0
    await limiter.aclose()


@pytest.mark.redis
async def test_a_lost_settle_is_counted_not_raised(make_redis_limiter: Callable[..., Limiter]) -> None:
    up = make_redis_limiter()
    quota = spec("tpm", "closed", kind="tokens", limit=1_000)
    admission = await up.admit([Check(quota, "a")], Demand(0, 500))
    assert admission.allowed and not admission.degraded
    down = RedisLimiter(DOWN)  # the same admission settled while Redis has gone away
    await asyncio.wait_for(down.settle(admission, Usage(0, 10)), 10)
    assert down.stats.settle_errors == 1 and down.stats.redis_errors == 1
    await down.aclose()
    await up.aclose()
