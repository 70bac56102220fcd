"""The capability the gateway asks a limiter for (issue 14 item 2): the in-process limiter answers
without awaiting, the shared Redis one does not claim to, and both still are `Limiter`s."""

from __future__ import annotations

from moat.limits.base import ImmediateLimiter, Limiter
from moat.limits.memory import MemoryLimiter
from moat.limits.redis_backend import RedisLimiter


async def test_only_the_in_process_limiter_answers_immediately() -> None:
    memory = MemoryLimiter()
    shared = RedisLimiter("redis://127.0.0.1:9/0")  # never dialled: the capability is a type question
    try:
        assert isinstance(memory, ImmediateLimiter) and isinstance(memory, Limiter)
        assert not isinstance(shared, ImmediateLimiter) and isinstance(shared, Limiter)
    finally:
        await shared.aclose()
