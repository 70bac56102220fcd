"""Shadow limits never block and never consume enforced quota; their would-be refusals are counted."""

from __future__ import annotations

from moat.limits import Check, Demand, Limiter, LimitSpec, Usage, rate_limit_headers


async def test_a_shadow_limit_never_blocks_and_counts_would_be_refusals(limiter: Limiter) -> None:
    shadow = LimitSpec("strict", "requests", 2, 60, shadow=True)
    admissions = [await limiter.admit([Check(shadow, "acct")], Demand()) for _ in range(10)]
    assert all(a.allowed for a in admissions)
    assert [a.statuses[0].allowed for a in admissions] == [True, True] + [False] * 8
    assert limiter.stats.shadow_refusals["strict"] == 8
    assert limiter.stats.refusals["strict"] == 0
    assert all(a.retry_after == 0 and a.refused_by is None for a in admissions)


async def test_a_shadow_limit_never_consumes_the_enforced_quota(limiter: Limiter) -> None:
    # The same limit enforced and (e.g. while a policy change is trialled) in shadow mode.
    enforced = LimitSpec("tpm", "tokens", 1_000, 60)
    shadow = LimitSpec("tpm", "tokens", 1_000, 60, shadow=True)
    both = [Check(enforced, "acct"), Check(shadow, "acct")]
    first = await limiter.admit(both, Demand(0, 500))
    second = await limiter.admit(both, Demand(0, 500))
    assert first.allowed and second.allowed
    # Had the shadow twin consumed from "tpm", the second request would have been refused.
    assert not (await limiter.admit([Check(enforced, "acct")], Demand(0, 1))).allowed
    # Shadow concurrency likewise: slots apart from the enforced ones.
    slots = LimitSpec("conc", "concurrency", 1, 30)
    shadow_slots = LimitSpec("conc", "concurrency", 1, 30, shadow=True)
    held = await limiter.admit([Check(slots, "acct"), Check(shadow_slots, "acct")], Demand())
    assert held.allowed
    await limiter.settle(held, Usage())
    await limiter.release(held)
    assert (await limiter.admit([Check(slots, "acct")], Demand())).allowed


async def test_shadow_limits_stay_out_of_the_headers(limiter: Limiter) -> None:
    shadow = LimitSpec("strict", "requests", 1, 60, shadow=True)
    enforced = LimitSpec("rpm", "requests", 100, 60)
    await limiter.admit([Check(shadow, "a"), Check(enforced, "a")], Demand())
    admission = await limiter.admit([Check(shadow, "a"), Check(enforced, "a")], Demand())
    assert dict(rate_limit_headers(admission))["RateLimit-Limit"] == "100"
