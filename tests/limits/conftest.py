"""Fixtures for the limiter tests: a settable clock and each backend built on it."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest

from moat.limits import Limiter, MemoryLimiter

# Accuracy tests must not depend on how busy the test machine is: a connection storm on a loaded
# CI box may take longer than the production timeouts, and the fail mode would then decide.
# The fail-mode tests build their limiters with the production defaults.
RELAXED: dict[str, Any] = {"timeout": 2.0, "connect_timeout": 2.0, "deadline": 5.0}


class FakeClock:
    """Seconds since an arbitrary epoch; tests move it by hand."""

    def __init__(self, start: float = 1_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def redis_prefix(redis_prefix: str) -> Iterator[str]:
    """The shared fixture's unique prefix, plus clean-up: limit keys are `{prefix...}`."""
    yield redis_prefix
    url = os.environ.get("MOAT_TEST_REDIS_URL")
    if url:
        import redis

        client = redis.Redis.from_url(url)
        try:
            keys = list(client.scan_iter(match=f"{{{redis_prefix}*", count=1000))
            if keys:
                client.delete(*keys)
        except redis.RedisError:
            pass  # the keys expire on their own
        finally:
            client.close()


@pytest.fixture
def redis_cluster_url() -> str:
    """A Redis Cluster node (MOAT_TEST_REDIS_CLUSTER_URL); optional even in CI, so it skips."""
    url = os.environ.get("MOAT_TEST_REDIS_CLUSTER_URL", "")
    if not url:
        pytest.skip("MOAT_TEST_REDIS_CLUSTER_URL is not set")
    return url


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(params=["memory", "redis"])
async def limiter(request: pytest.FixtureRequest, clock: FakeClock) -> AsyncIterator[Limiter]:
    """Each backend on the fake clock; the Redis one isolated by the test's key prefix."""
    made: Limiter
    if request.param == "memory":
        made = MemoryLimiter(clock=clock)
    else:
        from moat.limits.redis_backend import RedisLimiter

        url = request.getfixturevalue("redis_url")
        made = RedisLimiter(url, prefix=request.getfixturevalue("redis_prefix"), clock=clock, **RELAXED)
    yield made
    await made.aclose()


@pytest.fixture
def make_redis_limiter(redis_url: str, redis_prefix: str) -> Callable[..., Limiter]:
    from moat.limits.redis_backend import RedisLimiter

    def make(**options: object) -> Limiter:
        options.setdefault("prefix", redis_prefix)
        for name, value in RELAXED.items():
            options.setdefault(name, value)
        return RedisLimiter(redis_url, **options)  # type: ignore[arg-type]

    return make
