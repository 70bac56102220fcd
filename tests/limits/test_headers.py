"""RateLimit-* and Retry-After headers, and the 429 error, from an admission."""

from __future__ import annotations

from moat.errors import RateLimited
from moat.limits import Check, Demand, LimitSpec, MemoryLimiter, rate_limit_headers, rate_limited
from tests.limits.conftest import FakeClock

RPM = LimitSpec("rpm", "requests", 10, 60)
TPM = LimitSpec("tpm", "tokens", 1_000, 60)


async def test_headers_describe_the_limit_closest_to_exhaustion() -> None:
    limiter = MemoryLimiter(clock=FakeClock())
    admission = await limiter.admit([Check(RPM, "a"), Check(TPM, "a")], Demand(0, 800))
    # rpm: 9 of 10 left (90%); tpm: 200 of 1,000 (20%) -> tpm is reported.
    assert rate_limit_headers(admission) == [
        ("RateLimit-Limit", "1000"), ("RateLimit-Remaining", "200"), ("RateLimit-Reset", "48")]


async def test_a_refusal_reports_the_refusing_limit_and_retry_after() -> None:
    limiter = MemoryLimiter(clock=FakeClock())
    for _ in range(10):
        await limiter.admit([Check(RPM, "a"), Check(TPM, "a")], Demand(0, 1))
    refused = await limiter.admit([Check(RPM, "a"), Check(TPM, "a")], Demand(0, 1))
    assert not refused.allowed and refused.refused_by == "rpm"
    assert refused.retry_after == 6.0  # one request drains every 60 / 10 s
    assert rate_limit_headers(refused) == [
        ("RateLimit-Limit", "10"), ("RateLimit-Remaining", "0"), ("RateLimit-Reset", "60"),
        ("Retry-After", "6")]
    error = rate_limited(refused)
    assert isinstance(error, RateLimited) and error.status == 429 and error.retry_after == 6.0
    assert error.headers["Retry-After"] == "6" and "'rpm'" in error.message


async def test_no_enforced_window_limit_means_no_ratelimit_headers() -> None:
    limiter = MemoryLimiter(clock=FakeClock())
    slots = LimitSpec("conc", "concurrency", 2, 60)
    assert rate_limit_headers(await limiter.admit([Check(slots, "a")], Demand())) == []
    assert rate_limit_headers(await limiter.admit([], Demand())) == []


async def test_retry_after_is_at_least_one_second() -> None:
    limiter = MemoryLimiter(clock=FakeClock())
    fast = LimitSpec("rps", "requests", 100, 1)  # refills every 10 ms
    for _ in range(100):
        await limiter.admit([Check(fast, "a")], Demand())
    refused = await limiter.admit([Check(fast, "a")], Demand())
    assert 0 < refused.retry_after < 1
    assert dict(rate_limit_headers(refused))["Retry-After"] == "1"
