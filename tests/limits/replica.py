"""One gateway replica's limiter, hammering shared limits; run as a separate OS process.

    python tests/limits/replica.py REDIS_URL PREFIX START_AT

Connects, waits until START_AT (time.time()) so both replicas overlap, then sends 200
admissions per workload in small concurrent waves and prints how many each admitted, as JSON.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

from moat.limits import Check, Demand, LimitSpec
from moat.limits.redis_backend import RedisLimiter

REQUESTS = LimitSpec("rph", "requests", 150, 3600, fail_mode="closed")
TOKENS = LimitSpec("tph", "tokens", 12_000, 3600, fail_mode="closed")  # 120 reservations of 100
SLOTS = LimitSpec("conc", "concurrency", 5, 60, fail_mode="closed")
WAVE = 5
WORKLOADS = {
    "requests": ([Check(REQUESTS, "acct")], Demand()),
    "tokens": ([Check(TOKENS, "acct")], Demand(input_tokens=40, output_tokens=60)),
    "concurrency": ([Check(SLOTS, "acct")], Demand()),  # slots are held until the process ends
}


async def main(url: str, prefix: str, start_at: float) -> None:
    limiter = RedisLimiter(url, prefix=prefix, timeout=2.0, connect_timeout=2.0, deadline=5.0)
    counts = dict.fromkeys(WORKLOADS, 0)
    errors = 0
    warm_up = Check(LimitSpec("warm-up", "requests", 1000, 1), "replica")
    await asyncio.gather(*(limiter.admit([warm_up], Demand()) for _ in range(3 * WAVE)))  # open the pool
    await asyncio.sleep(max(0.0, start_at - time.time()))
    for _ in range(40):
        waves = [limiter.admit(checks, demand) for checks, demand in WORKLOADS.values() for _ in range(WAVE)]
        results = await asyncio.gather(*waves)
        for name, admission in zip([n for n in WORKLOADS for _ in range(WAVE)], results, strict=True):
            counts[name] += admission.allowed
            errors += admission.degraded
    print(json.dumps({"admitted": counts, "degraded": errors}))
    await limiter.aclose()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], float(sys.argv[3])))
