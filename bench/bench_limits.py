"""Benchmark the limiters: µs per admission in process, and µs + round trips per Redis admission.

    .venv/bin/python bench/bench_limits.py [--redis redis://127.0.0.1:6379/0] [--n 200000]

Round trips are counted by Redis itself (INFO commandstats deltas), not assumed. Prints a
Markdown section for bench/RESULTS.md ("## Limits").
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import time
import uuid

from moat.limits import Check, Demand, LimitSpec, MemoryLimiter, Usage

RPM = LimitSpec("rpm", "requests", 10**9, 60)
TPM = LimitSpec("tpm", "tokens", 10**12, 60)
TPD = LimitSpec("tpd", "output_tokens", 10**12, 86_400)
CONC = LimitSpec("conc", "concurrency", 10**6, 60)
SHADOW = LimitSpec("rpm-trial", "requests", 10, 60, shadow=True)
ONE = [Check(RPM, "account=acct_1")]
PLAN = [Check(RPM, "account=acct_1"), Check(TPM, "account=acct_1"), Check(TPD, "organization=org_1"),
        Check(CONC, "account=acct_1")]
DEMAND = Demand(input_tokens=800, output_tokens=1024)


def per_op_us(run: object, n: int, repeats: int = 5) -> float:
    """Best of `repeats` means (µs per op): the machine's floor, not its noise."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter_ns()
        run(n)  # type: ignore[operator]
        best = min(best, (time.perf_counter_ns() - start) / n / 1000)
    return best


def bench_memory(n: int) -> list[tuple[str, float]]:
    limiter = MemoryLimiter()
    results = []

    def one(k: int) -> None:
        admit = limiter.admit_now
        for _ in range(k):
            admit(ONE, DEMAND)

    def plan(k: int) -> None:
        admit = limiter.admit_now
        for _ in range(k):
            admit(PLAN, DEMAND)

    def plan_full(k: int) -> None:
        admit, settle, release = limiter.admit_now, limiter.settle_now, limiter.release_now
        usage = Usage(800, 300)
        for _ in range(k):
            admission = admit(PLAN, DEMAND)
            settle(admission, usage, local_only=False)
            release(admission, local_only=False)

    def awaited(k: int) -> None:
        async def loop() -> None:
            for _ in range(k):
                await limiter.admit(ONE, DEMAND)

        asyncio.run(loop())

    results.append(("memory: admit, 1 limit (requests)", per_op_us(one, n)))
    results.append(("memory: `await admit`, 1 limit (incl. coroutine)", per_op_us(awaited, n)))
    results.append(("memory: admit, 4 limits (rpm, tpm, tpd, concurrency)", per_op_us(plan, n)))
    results.append(("memory: admit + settle + release, 4 limits", per_op_us(plan_full, n)))
    return results


async def bench_redis(url: str, n: int) -> list[tuple[str, float, float, float]]:
    import redis.asyncio as aioredis

    from moat.limits.redis_backend import RedisLimiter

    admin = aioredis.Redis.from_url(url)
    prefix = f"moat-bench:{uuid.uuid4().hex[:8]}:"
    limiter = RedisLimiter(url, prefix=prefix)

    async def commands() -> int:
        stats = await admin.info("commandstats")
        return sum(v["calls"] for k, v in stats.items() if k.startswith("cmdstat_") and k != "cmdstat_info")

    rows = []
    for label, checks, finish in (("redis: admit, 1 limit", ONE, False),
                                  ("redis: admit, 4 limits", PLAN, False),
                                  ("redis: admit, 5 limits incl. 1 shadow", [*PLAN, Check(SHADOW, "a")], False),
                                  ("redis: settle + release after a 4-limit admit", PLAN, True)):
        await limiter.admit(checks, DEMAND)  # load the script, open the connection
        samples: list[float] = []
        before = await commands()
        for _ in range(n):
            admission = await limiter.admit(checks, DEMAND)
            start = time.perf_counter_ns()
            if finish:
                await limiter.settle(admission, Usage(800, 300))
                await limiter.release(admission)
            else:
                await limiter.admit(checks, DEMAND)
            samples.append((time.perf_counter_ns() - start) / 1000)
        calls = await commands() - before
        assert limiter.stats.redis_errors == 0, limiter.stats
        samples.sort()
        rows.append((label, statistics.median(samples), samples[int(len(samples) * 0.99)], calls / (2 * n)))
    # Throughput with many requests in flight (the event loop's view of one replica).
    k = 32
    start = time.perf_counter()
    for _ in range(n // k):
        await asyncio.gather(*(limiter.admit(PLAN, DEMAND) for _ in range(k)))
    rate = (n // k * k) / (time.perf_counter() - start)
    rows.append((f"redis: admit, 4 limits, {k} in flight (admissions/s)", rate, 0.0, 0.0))
    await limiter.aclose()
    await admin.aclose()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--redis", default=os.environ.get("MOAT_TEST_REDIS_URL", ""))
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--redis-n", type=int, default=5_000)
    args = parser.parse_args()
    print(f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs\n")
    print("| in-process check | µs per op (best of 5) |\n| --- | --- |")
    for label, us in bench_memory(args.n):
        print(f"| {label} | {us:.2f} |")
    if args.redis:
        rows = asyncio.run(bench_redis(args.redis, args.redis_n))
        print("\n| Redis check (loopback) | median µs | p99 µs | Redis commands per call |\n| --- | --- | --- | --- |")
        for label, median, p99, trips in rows:
            if p99:
                print(f"| {label} | {median:.0f} | {p99:.0f} | {trips:.2f} |")
            else:
                print(f"| {label} | {median:,.0f} | | |")


if __name__ == "__main__":
    main()
