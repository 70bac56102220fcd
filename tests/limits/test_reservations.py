"""Token quotas reserve at admission and settle afterwards, so parallel requests cannot overshoot."""

from __future__ import annotations

import asyncio

import pytest

from moat.limits import Check, Demand, Limiter, LimitSpec, Usage
from tests.limits.conftest import FakeClock

QUOTA = LimitSpec("tpm", "tokens", 10_000, 60)


async def test_parallel_admissions_cannot_overshoot_a_token_quota(limiter: Limiter) -> None:
    # 200 requests at once, each reserving 100 input + 400 max_tokens: exactly 20 fit in 10,000.
    checks = [Check(QUOTA, "acct")]
    admissions = await asyncio.gather(*(limiter.admit(checks, Demand(100, 400)) for _ in range(200)))
    assert sum(a.allowed for a in admissions) == 20
    refused = [a for a in admissions if not a.allowed]
    assert all(a.refused_by == "tpm" and a.retry_after > 0 for a in refused)


async def test_settling_returns_the_unused_reservation(limiter: Limiter) -> None:
    checks = [Check(QUOTA, "acct")]
    admitted = [await limiter.admit(checks, Demand(1_000, 4_000)) for _ in range(2)]
    assert all(a.allowed for a in admitted)
    assert not (await limiter.admit(checks, Demand(1_000, 4_000))).allowed  # 10,000 reserved
    for admission in admitted:
        await limiter.settle(admission, Usage(input_tokens=1_000, output_tokens=500))
    # 3,000 really used: 7,000 are free again, so one more 5,000-token reservation fits, not two.
    assert (await limiter.admit(checks, Demand(1_000, 4_000))).allowed
    assert not (await limiter.admit(checks, Demand(1_000, 1_001))).allowed


async def test_settling_charges_the_overshoot(limiter: Limiter, clock: FakeClock) -> None:
    checks = [Check(QUOTA, "acct")]
    admission = await limiter.admit(checks, Demand(100, 100))
    # The upstream ignored max_tokens: 15,000 tokens used, 5,000 more than a minute's quota.
    await limiter.settle(admission, Usage(input_tokens=100, output_tokens=14_900))
    refused = await limiter.admit(checks, Demand(0, 1))
    assert not refused.allowed
    assert 30 < refused.retry_after <= 30.01  # the 5,000-token debt drains at 10,000 per 60 s
    clock.advance(30.01)
    assert (await limiter.admit(checks, Demand(0, 1))).allowed


async def test_settle_is_once_only_and_ignores_refusals(limiter: Limiter) -> None:
    checks = [Check(QUOTA, "acct")]
    admission = await limiter.admit(checks, Demand(0, 10_000))
    await limiter.settle(admission, Usage(0, 0))
    await limiter.settle(admission, Usage(0, 0))  # would refund twice if it were not once-only
    # The refund restored the quota once: a full reservation fits, and then nothing more.
    assert (await limiter.admit(checks, Demand(0, 10_000))).allowed
    refused = await limiter.admit(checks, Demand(0, 1))
    assert not refused.allowed
    await limiter.settle(refused, Usage(0, 0))
    assert not (await limiter.admit(checks, Demand(0, 1))).allowed


async def test_kinds_reserve_their_own_part_of_the_demand(limiter: Limiter) -> None:
    inp = LimitSpec("in", "input_tokens", 1_000, 60)
    out = LimitSpec("out", "output_tokens", 1_000, 60)
    admission = await limiter.admit([Check(inp, "k"), Check(out, "k")], Demand(900, 100))
    assert admission.allowed
    assert [s.remaining for s in admission.statuses] == [100, 900]


async def test_a_refused_limit_consumes_nothing_from_the_others(limiter: Limiter) -> None:
    rpm = LimitSpec("rpm", "requests", 5, 60)
    small = LimitSpec("small", "tokens", 100, 60)
    assert (await limiter.admit([Check(small, "k")], Demand(0, 100))).allowed
    refused = await limiter.admit([Check(rpm, "k"), Check(small, "k")], Demand(0, 1))
    assert not refused.allowed and refused.refused_by == "small"
    admitted = [await limiter.admit([Check(rpm, "k")], Demand()) for _ in range(6)]
    assert [a.allowed for a in admitted] == [True] * 5 + [False]


async def test_a_demand_larger_than_the_quota_reserves_what_it_holds(limiter: Limiter, clock: FakeClock) -> None:
    # issue 12 item 6: max_tokens 32,000 against a 10,000-token quota is not "never": it reserves
    # the 10,000 the quota holds and settles on real usage.
    checks = [Check(QUOTA, "k")]
    admission = await limiter.admit(checks, Demand(0, 32_000))
    assert admission.allowed and admission.reservations[0].units == 10_000
    refused = await limiter.admit(checks, Demand(0, 1))
    assert not refused.allowed and 0 < refused.retry_after <= 0.01  # an honest wait, not a period
    await limiter.settle(admission, Usage(0, 2_000))  # a short answer gives back 8,000
    assert (await limiter.admit(checks, Demand(0, 8_000))).allowed
    assert not (await limiter.admit(checks, Demand(0, 1))).allowed
    clock.advance(60)
    big = await limiter.admit(checks, Demand(0, 32_000))
    await limiter.settle(big, Usage(0, 25_000))  # a long one leaves a 15,000-token debt to wait off
    refused = await limiter.admit(checks, Demand(0, 1))
    assert not refused.allowed and 89.9 < refused.retry_after <= 90.01


async def test_cache_kinds_settle_at_the_quotas_weights(limiter: Limiter) -> None:
    # A Claude Code-style turn: 200 fresh input, 18,000 read from the cache, 1,000 written to it.
    weighted = LimitSpec("in", "input_tokens", 10_000, 60)  # defaults: reads 0.1, writes 1.25
    flat = LimitSpec("flat", "input_tokens", 100_000, 60, cache_read_weight=1, cache_write_weight=1)
    checks = [Check(weighted, "k"), Check(flat, "k")]
    admission = await limiter.admit(checks, Demand(19_200, 0))
    assert admission.allowed  # the estimate (19,200) is reserved as far as each quota holds it
    await limiter.settle(admission, Usage(input_tokens=200, cache_read_tokens=18_000, cache_write_tokens=1_000))
    # weighted: 200 + 1,800 + 1,250 = 3,250 used; flat: 19,200
    assert [s.remaining for s in (await limiter.admit(checks, Demand(0, 0))).statuses] == [6_750, 80_800]


def test_oversized_names_the_quota_a_request_can_never_fit() -> None:
    from moat.limits.base import oversized

    small = LimitSpec("small", "input_tokens", 1_000, 60)  # reads weigh 0.1: a 10,000 estimate may fit
    out = LimitSpec("out", "output_tokens", 10, 60)  # max_tokens never makes a request oversized
    shadow = LimitSpec("shadow", "tokens", 1, 60, shadow=True)
    checks = [Check(shadow, "k"), Check(out, "k"), Check(small, "k")]
    assert oversized(checks, Demand(10_000, 10**6)) is None
    assert oversized(checks, Demand(10_001, 0)) == (checks[2], 1_001)
    flat = LimitSpec("flat", "tokens", 1_000, 60, cache_read_weight=1)
    assert oversized([Check(flat, "k")], Demand(1_001, 0)) == (Check(flat, "k"), 1_001)
    # What no cache can serve (no cache marker, a short OpenAI prompt) counts whole in the floor.
    assert oversized(checks, Demand(5_000, 0, uncacheable=2_000)) == (checks[2], 2_300)
    assert oversized(checks, Demand(1_000, 0, uncacheable=1_000)) is None
    assert oversized(checks, Demand(1_001, 0, uncacheable=5_000)) == (checks[2], 1_001)


def test_weights_are_validated() -> None:
    for bad in (-0.1, 0.0001, 101, "x", True):
        with pytest.raises(ValueError, match="cache_read_weight"):
            LimitSpec("w", "tokens", 1, 60, cache_read_weight=bad)  # type: ignore[arg-type]


async def test_no_checks_admits(limiter: Limiter) -> None:
    admission = await limiter.admit([], Demand(1, 1))
    assert admission.allowed and admission.statuses == []
    await limiter.settle(admission, Usage(1, 1))
    await limiter.release(admission)


async def test_a_negative_usage_report_refunds_no_more_than_the_reservation(limiter: Limiter) -> None:
    checks = [Check(QUOTA, "acct")]
    admission = await limiter.admit(checks, Demand(0, 5_000))
    await limiter.settle(admission, Usage(input_tokens=-10**9, output_tokens=-10**9))
    assert (await limiter.admit(checks, Demand(0, 10_000))).allowed
    assert not (await limiter.admit(checks, Demand(0, 1))).allowed


async def test_a_limit_may_change_kind_on_reload(limiter: Limiter) -> None:
    before = LimitSpec("plan-limit", "requests", 1, 60)
    after = LimitSpec("plan-limit", "concurrency", 1, 60)
    assert (await limiter.admit([Check(before, "acct")], Demand())).allowed
    assert (await limiter.admit([Check(after, "acct")], Demand())).allowed
    assert not (await limiter.admit([Check(after, "acct")], Demand())).allowed
    assert limiter.stats.redis_errors == 0


async def test_memory_forgets_rested_keys(clock: FakeClock) -> None:
    from moat.limits import MemoryLimiter

    limiter = MemoryLimiter(clock=clock, sweep_every=100)
    rpm = LimitSpec("rpm", "requests", 10, 1)
    slots = LimitSpec("conc", "concurrency", 1, 1)
    for i in range(1_000):
        await limiter.admit([Check(rpm, f"k{i}"), Check(slots, f"k{i}")], Demand())
    clock.advance(2)
    for _ in range(2_100):  # sweeps wait for as many admissions as there were live keys
        await limiter.admit([Check(rpm, "live")], Demand())
        clock.advance(0.001)
    assert len(limiter._tat) <= 2 and len(limiter._leases) == 0  # internal: the memory bound itself


@pytest.mark.redis
async def test_replicas_share_weighted_settlements_and_capped_reservations(redis_url: str, redis_prefix: str) -> None:
    # issue 12 items 3 and 6 across replicas: what one settles (cache kinds weighed), the other sees,
    # and a capped reservation on one leaves nothing for the other until it settles.
    from moat.limits.redis_backend import RedisLimiter
    from tests.limits.conftest import RELAXED

    quota = LimitSpec("in-day", "input_tokens", 10_000, 86_400)
    checks = [Check(quota, "acct")]
    a, b = (RedisLimiter(redis_url, prefix=redis_prefix, **RELAXED) for _ in range(2))
    try:
        first = await a.admit(checks, Demand(19_200, 0))  # a cached 19,200-token prompt: capped at 10,000
        assert first.allowed
        assert not (await b.admit(checks, Demand(1, 0))).allowed
        await a.settle(first, Usage(input_tokens=200, cache_read_tokens=18_000, cache_write_tokens=1_000))
        second = await b.admit(checks, Demand(6_700, 0))  # 3,250 used: 6,750 left (less a few of refill)
        assert second.allowed and second.statuses[0].remaining in range(40, 52)
        assert not (await a.admit(checks, Demand(60, 0))).allowed
        assert a.stats.redis_errors == b.stats.redis_errors == 0
    finally:
        await a.aclose()
        await b.aclose()
