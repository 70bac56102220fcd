"""What exceptions cost the decide stage (issue 13 item 1), default bundle, in-process.

    PYTHONPATH=src .venv/bin/python bench/bench_exceptions.py

Times `ExceptionLookup.for_call` + `Engine.decide` per request (best of five runs of 20,000) for
an ordinary caller with no exception in the replica (the usual case), the same caller while the
replica holds 10,000 exceptions of other subjects, and a restricted organization's caller whose
exception lifts its refusal (the memoised outcome is bypassed for it).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from moat.context import RequestContext
from moat.enforce.exception_index import ExceptionLookup
from moat.enforce.models import ExceptionGrant
from moat.identity.models import Account, ApiKey, Organization
from moat.policy.bundle import DEFAULT_DIR, load_bundle
from moat.policy.engine import Engine

LOOPS = 20_000


def best_us(fn: Callable[[], Any]) -> float:
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(LOOPS):
            fn()
        best = min(best, (time.perf_counter() - started) / LOOPS * 1e6)
    return best


def context(account: str, org: Organization | None) -> RequestContext:
    ctx = RequestContext(request_id="req_1", started=time.time(), endpoint="/v1/chat/completions", api="openai",
                         model="moat-demo")
    ctx.key = ApiKey("key_1", account, "p", "h", 0.0)
    ctx.account = Account(account, email=f"{account}@example.com", plan="api", org_id=org.org_id if org else None)
    ctx.org = org
    return ctx


def main() -> None:
    engine = Engine(load_bundle(DEFAULT_DIR))
    lookup = ExceptionLookup()
    ordinary = context("alice", None)
    rival = context("rita", Organization("rival", restricted=True))
    until = time.time() + 86400

    def decide(ctx: RequestContext) -> Callable[[], Any]:
        return lambda: engine.decide(ctx, None, lookup.for_call(ctx))

    rows = [("ordinary caller, no exceptions", best_us(decide(ordinary)))]
    lookup.load([ExceptionGrant(f"exc_{i:05d}", "account", f"other-{i}", "all", "research", "", "ann", 0.0, until)
                 for i in range(10_000)])
    rows.append(("ordinary caller, 10,000 exceptions of others", best_us(decide(ordinary))))
    assert not engine.decide(rival, None, lookup.for_call(rival)).allowed
    rows.append(("restricted caller, refused", best_us(decide(rival))))
    lookup.load([*lookup._grants.values(), ExceptionGrant("exc_rival", "org", "rival",
                                                          "reason:competitive_use_restricted", "safety_evaluation",
                                                          "", "ann", 0.0, until)])
    assert engine.decide(rival, None, lookup.for_call(rival)).allowed
    rows.append(("restricted caller, allowed by exception", best_us(decide(rival))))
    for name, us in rows:
        print(f"{name:48} {us:6.2f} µs")


if __name__ == "__main__":
    main()
