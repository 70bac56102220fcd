"""Pick the limiter backend from settings: Redis when configured, in-process otherwise.

The same shape as uvicorn's `loops/auto.py`: the caller asks for "the limiter" and gets the
shared one when the deployment has Redis (N replicas must agree), the exact in-process one when
it does not (the embedded default).
"""

from __future__ import annotations

from typing import Any

from moat.config import Settings
from moat.limits.base import Limiter
from moat.limits.memory import MemoryLimiter


def auto_limiter(settings: Settings, **options: Any) -> Limiter:
    """A `RedisLimiter` on `settings.redis_url` (keys under `settings.redis_prefix`), else memory.

    `options` go to the chosen constructor (e.g. `clock=` in tests, `timeout=` for Redis).
    """
    if settings.redis_url:
        from moat.limits.redis_backend import RedisLimiter  # imports redis only when used

        return RedisLimiter(settings.redis_url, prefix=settings.redis_prefix, **options)
    return MemoryLimiter(**options)
