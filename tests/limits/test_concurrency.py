"""Concurrency limits: slots are leases, released by the request or expired after a crash."""

from __future__ import annotations

import asyncio

from moat.limits import Check, Demand, Limiter, LimitSpec, Usage
from tests.limits.conftest import FakeClock

SLOTS = LimitSpec("conc", "concurrency", 3, period=30)


async def test_slots_are_taken_and_released(limiter: Limiter) -> None:
    checks = [Check(SLOTS, "acct")]
    held = [await limiter.admit(checks, Demand()) for _ in range(3)]
    assert all(a.allowed for a in held)
    assert [a.statuses[0].remaining for a in held] == [2, 1, 0]
    refused = await limiter.admit(checks, Demand())
    assert not refused.allowed and refused.refused_by == "conc" and refused.retry_after > 0
    await limiter.release(held[0])
    await limiter.release(held[0])  # idempotent: must not free a second slot
    assert (await limiter.admit(checks, Demand())).allowed
    assert not (await limiter.admit(checks, Demand())).allowed


async def test_parallel_admissions_take_at_most_the_slots(limiter: Limiter) -> None:
    checks = [Check(SLOTS, "acct")]
    admissions = await asyncio.gather(*(limiter.admit(checks, Demand()) for _ in range(50)))
    assert sum(a.allowed for a in admissions) == 3


async def test_leases_of_a_crashed_replica_expire(limiter: Limiter, clock: FakeClock) -> None:
    checks = [Check(SLOTS, "acct")]
    for _ in range(3):
        assert (await limiter.admit(checks, Demand())).allowed  # never released: the replica "died"
    assert not (await limiter.admit(checks, Demand())).allowed
    clock.advance(29.9)
    assert not (await limiter.admit(checks, Demand())).allowed
    clock.advance(0.2)
    assert (await limiter.admit(checks, Demand())).allowed


async def test_keys_are_independent(limiter: Limiter) -> None:
    for key in ("a", "b"):
        for _ in range(3):
            assert (await limiter.admit([Check(SLOTS, key)], Demand())).allowed


async def test_a_refused_request_takes_no_slot(limiter: Limiter) -> None:
    rpm = LimitSpec("rpm", "requests", 1, 60)
    checks = [Check(SLOTS, "acct"), Check(rpm, "acct")]
    assert (await limiter.admit(checks, Demand())).allowed
    for _ in range(5):
        assert not (await limiter.admit(checks, Demand())).allowed
    # Only the first request holds a slot: two more fit.
    assert [(await limiter.admit([Check(SLOTS, "acct")], Demand())).allowed for _ in range(3)] == [
        True, True, False]


async def test_finish_settles_and_releases_once(limiter: Limiter) -> None:
    tokens = LimitSpec("tpm", "tokens", 1_000, 60)
    checks = [Check(SLOTS, "acct"), Check(tokens, "acct")]
    held = [await limiter.admit(checks, Demand(0, 300)) for _ in range(3)]
    assert all(a.allowed for a in held)
    for admission in held:
        await limiter.finish(admission, Usage(0, 100))
        await limiter.finish(admission, Usage(0, 0))  # a second finish changes nothing
    # All slots are back and 300 of 1,000 tokens are used: 7 more 100-token requests fit.
    assert (await limiter.admit([Check(tokens, "acct")], Demand(0, 700))).allowed
    assert not (await limiter.admit([Check(tokens, "acct")], Demand(0, 1))).allowed
    assert all([(await limiter.admit([Check(SLOTS, "acct")], Demand())).allowed for _ in range(3)])
