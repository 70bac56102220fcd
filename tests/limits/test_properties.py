"""Property-based tests: both backends against the reference leaky bucket (tests/limits/model.py).

A scenario is a request limit, a token quota and a shadow request limit checked together on one
key, and a random sequence of clock steps, admissions (with random token demands) and settlements
(with random real usage). Every verdict, remaining count and retry-after must match the model
exactly; all-or-nothing must hold (a request refused by one limit consumes from none); the shadow
limit never refuses and counts only served requests it would have let through.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moat.limits import Admission, Check, Demand, Limiter, LimitSpec, MemoryLimiter, Usage
from tests.limits.conftest import RELAXED, FakeClock
from tests.limits.model import LeakyBucket, weighted


@dataclass
class Scenario:
    rpm: LimitSpec
    tokens: LimitSpec
    trial: LimitSpec  # shadow
    steps: list[tuple[int, str, int, int]]  # (ms to advance, "admit" | "settle", a, b)


periods = st.sampled_from([0.5, 1.0, 2.0, 7.0, 60.0])


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    rpm_limit = draw(st.integers(1, 12))
    tok_limit = draw(st.integers(1, 300))
    rpm = LimitSpec("rpm", "requests", rpm_limit, draw(periods),
                    burst=draw(st.none() | st.integers(1, 2 * rpm_limit)))
    tokens = LimitSpec("tok", "tokens", tok_limit, draw(periods),
                       burst=draw(st.none() | st.integers(1, 2 * tok_limit)),
                       cache_read_weight=draw(st.sampled_from([0.1, 0.5, 1, 0, 0.333])),
                       cache_write_weight=draw(st.sampled_from([1.25, 2, 0.125, 1])))
    trial = LimitSpec("rpm", "requests", draw(st.integers(1, 6)), draw(periods), shadow=True)
    step = st.tuples(st.integers(0, 1500), st.sampled_from(["admit", "admit", "settle"]),
                     st.integers(0, 60), st.integers(0, 80))
    return Scenario(rpm, tokens, trial, draw(st.lists(step, min_size=1, max_size=40)))


def _expect_status(bucket: LeakyBucket, spec: LimitSpec, units: int, passes: bool, now: int) -> tuple:
    """(remaining, retry_after) the model predicts for a status, given the verdict."""
    retry = 0.0
    if not passes:
        retry = bucket.retry_after_us(units, now) / 1_000_000
    return bucket.remaining(now), retry


async def run_scenario(limiter: Limiter, clock: FakeClock, scenario: Scenario) -> None:
    rpm_model = LeakyBucket(scenario.rpm.limit, scenario.rpm.period_us, scenario.rpm.burst)
    tok_model = LeakyBucket(scenario.tokens.limit, scenario.tokens.period_us, scenario.tokens.burst)
    trial_model = LeakyBucket(scenario.trial.limit, scenario.trial.period_us)
    checks = [Check(scenario.rpm, "acct"), Check(scenario.tokens, "acct"), Check(scenario.trial, "acct")]
    would_refuse = 0
    open_admissions: list[tuple[Admission, int]] = []
    served: list[int] = []
    for advance_ms, op, a, b in scenario.steps:
        clock.advance(advance_ms / 1000)
        now = round(clock() * 1_000_000)
        if op == "settle" and open_admissions:
            admission, reserved = open_admissions.pop(a % len(open_admissions))
            # cache reads and writes beside fresh input, each at the quota's weight
            reads, writes = a * 7 % 50, a % 5
            await limiter.settle(admission, Usage(input_tokens=b // 2, output_tokens=b - b // 2,
                                                  cache_read_tokens=reads, cache_write_tokens=writes))
            actual = b - b // 2 + weighted(b // 2, reads, writes, scenario.tokens.cache_read_weight,
                                           scenario.tokens.cache_write_weight)
            tok_model.adjust(reserved, actual, now)
            continue
        demand = Demand(input_tokens=a, output_tokens=b)
        want_rpm, want_tok = rpm_model.passes(1, now), tok_model.passes(a + b, now)
        want_trial = trial_model.passes(1, now)
        would_refuse += not want_trial
        admission = await limiter.admit(checks, demand)
        assert admission.allowed == (want_rpm and want_tok)
        assert [s.allowed for s in admission.statuses] == [want_rpm, want_tok, want_trial]
        if admission.allowed:
            rpm_model.take(1, now)
            tok_model.take(a + b, now)
            if want_trial:
                trial_model.take(1, now)
            open_admissions.append((admission, a + b))
            served.append(now)
            assert admission.retry_after == 0
        else:
            assert admission.refused_by == ("rpm" if not want_rpm else "tok")
        for status, bucket, spec, units in ((admission.statuses[0], rpm_model, scenario.rpm, 1),
                                            (admission.statuses[1], tok_model, scenario.tokens, a + b)):
            remaining, retry = _expect_status(bucket, spec, units, status.allowed, now)
            assert (status.remaining, status.retry_after) == (remaining, pytest.approx(retry, abs=1e-9))
    assert limiter.stats.shadow_refusals["rpm"] == would_refuse
    # GCRA's defining bound, independent of either model: in any span, requests served
    # <= burst + span / emission interval.
    burst = scenario.rpm.burst or scenario.rpm.limit
    for i, start in enumerate(served):
        for j in range(i, len(served)):
            span = served[j] - start
            assert j - i + 1 <= burst + span * scenario.rpm.limit // scenario.rpm.period_us


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_memory_limiter_matches_the_reference_model(scenario: Scenario) -> None:
    clock = FakeClock()
    asyncio.run(run_scenario(MemoryLimiter(clock=clock), clock, scenario))


@pytest.mark.redis
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scenario=scenarios())
def test_redis_limiter_matches_the_reference_model(redis_url: str, scenario: Scenario) -> None:
    from moat.limits.redis_backend import RedisLimiter

    async def main() -> None:
        clock = FakeClock()
        limiter = RedisLimiter(redis_url, prefix=f"moat-test:{uuid.uuid4().hex[:10]}:", clock=clock, **RELAXED)
        try:
            await run_scenario(limiter, clock, scenario)
            assert limiter.stats.redis_errors == 0
        finally:
            await limiter.aclose()

    asyncio.run(main())
