"""Rate limits and token quotas (GCRA) that hold across replicas: in-process and Redis backends.

    limiter = auto_limiter(settings)                       # once, at start-up
    checks = checks_for(specs, ctx)                        # the policy's limits for this request
    admission = await limiter.admit(checks, demand_for(ctx, default_max_tokens=4096))
    if not admission.allowed:
        raise rate_limited(admission)                      # 429 + Retry-After + RateLimit-*
    usage = Usage()                                        # nothing used unless the upstream says so
    try:
        ...relay; response headers += rate_limit_headers(admission); usage = Usage(in, out)...
    finally:
        await limiter.finish(admission, usage)             # settle tokens + release slots, one call
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from moat.limits.auto import auto_limiter
from moat.limits.base import Admission, Check, Demand, Limiter, LimiterStats, LimitStatus, Usage
from moat.limits.headers import rate_limit_headers, rate_limited
from moat.limits.keys import NAMED_KEYS, checks_for, demand_for, key_value
from moat.limits.memory import MemoryLimiter
from moat.limits.spec import LimitSpec

if TYPE_CHECKING:
    from moat.limits.redis_backend import RedisLimiter

__all__ = [
    "NAMED_KEYS",
    "Admission",
    "Check",
    "Demand",
    "LimitSpec",
    "LimitStatus",
    "Limiter",
    "LimiterStats",
    "MemoryLimiter",
    "RedisLimiter",
    "Usage",
    "auto_limiter",
    "checks_for",
    "demand_for",
    "key_value",
    "rate_limit_headers",
    "rate_limited",
]


def __getattr__(name: str) -> Any:
    # RedisLimiter imports redis-py; the embedded default never pays for it.
    if name == "RedisLimiter":
        from moat.limits.redis_backend import RedisLimiter

        return RedisLimiter
    raise AttributeError(f"module 'moat.limits' has no attribute {name!r}")
