"""Per-stage cost of one captured gateway call, default bundle against no rules.

    .venv/bin/python bench/policy_stages.py

Runs one real call through the ASGI app (as bench/policy_overhead_inproc.py), keeps its `Call`,
then times each stage that the bundle changes in a loop (best of five runs of 20,000): decide,
admit + settle, the response headers and the record. A loop keeps the code hot, so in the
request path each figure is higher; the differences between the two bundles are what to read.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import uvloop
from policy_overhead_inproc import started_gateway

from moat.gateway import pipeline
from moat.gateway.record import NO_USAGE, build_record
from moat.limits.base import Usage
from moat.limits.keys import demand_for

LOOPS = 20_000


def best_us(fn: Callable[[], Any]) -> float:
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(LOOPS):
            fn()
        best = min(best, (time.perf_counter() - started) / LOOPS * 1e6)
    return best


async def stages(mode: str) -> dict[str, float]:
    captured: list[Any] = []
    record = pipeline._record

    def keep(call: Any, usage: Usage = NO_USAGE) -> None:
        captured.append((call, usage))
        record(call, usage)

    pipeline._record = keep
    gateway, one_call = await started_gateway(mode)
    rt = gateway.runtime
    await one_call()
    pipeline._record = record
    call, usage = captured[0]
    ctx = call.ctx
    engine = rt.policy.engine

    def admit_settle() -> None:
        decision = call.decision
        if decision.limits:
            admission = rt.limiter.admit_now(engine.checks(decision), demand_for(ctx, default_max_tokens=4096))
            rt.limiter.finish_now(admission, usage)

    cut = rt.settings.recording.max_field_chars
    out = {
        "decide": best_us(lambda: rt.decide(ctx)),
        "admit + settle": best_us(admit_settle),
        "response headers": best_us(call.response_headers),
        "build_record": best_us(lambda: build_record(call, usage, time.time(), cut)),
        "record": best_us(lambda: rt.recorder.record(build_record(call, usage, time.time(), cut))),
    }
    await rt.stop()
    return out


def main() -> None:
    results = {mode: uvloop.run(stages(mode)) for mode in ("default", "none")}
    print(f"{'stage':20s} {'default µs':>11s} {'none µs':>9s} {'difference':>11s}")
    total = 0.0
    for stage in results["default"]:
        a, b = results["default"][stage], results["none"][stage]
        total += a - b
        print(f"{stage:20s} {a:11.2f} {b:9.2f} {a - b:11.2f}")
    print(f"{'total':20s} {'':11s} {'':9s} {total:11.2f}")


if __name__ == "__main__":
    main()
