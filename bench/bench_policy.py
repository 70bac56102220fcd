"""Policy engine benchmark: `Engine.decide` latency with ~200 rules and 10,000 restricted entities.

    .venv/bin/python bench/bench_policy.py [--n 200000] [--profile]

The bundle is the shipped default plus generated rules of the kinds a provider writes: org-specific
exceptions and denials (10,000 organization ids across `org.id in [...]` index terms), per-model caps,
per-plan and per-platform rules, and unindexed score/time/request rules that every request runs.
The directory view holds 10,000 restricted organizations and their 10,000 domains. Each request kind is timed alone
(perf_counter_ns per call; median, p90, p99), after a warm-up that fills the plan cache.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

from moat.context import RequestContext, ResolvedEntity
from moat.identity.models import Account, ApiKey, Organization
from moat.policy.bundle import DEFAULT_DIR, load_bundle
from moat.policy.engine import Engine

RESTRICTED = 10_000
MODELS = [f"model-{i}" for i in range(20)]
PLATFORMS = [f"platform-{i}" for i in range(10)]


class SetDirectory:
    """Restricted ids and owned domains, looked up as moat.identity.directory.Directory does."""

    def __init__(self, restricted: frozenset[str]) -> None:
        self.restricted = restricted
        self.domains = {f"{org}.com": org for org in restricted}

    def is_restricted(self, org_id: str) -> bool:
        return org_id in self.restricted

    def org_for_domain(self, domain: str) -> Organization | None:
        name = domain.rpartition("@")[2].strip().lower()
        while name:
            org_id = self.domains.get(name)
            if org_id is not None:
                return Organization(org_id=org_id)
            name = name.partition(".")[2]
        return None


def generated_rules() -> list[dict[str, object]]:
    rules: list[dict[str, object]] = []
    ids = [f"rival-{i}" for i in range(RESTRICTED)]
    for g in range(50):  # 50 rules x 200 orgs: every restricted id sits in the index
        chunk = ids[g * 200:(g + 1) * 200]
        rules.append({"id": f"named-rivals-{g}", "when": f"org.id in {chunk!r}".replace("'", '"'),
                      "effect": "deny", "reason": "competitive_use_restricted", "priority": 50})
    for i, m in enumerate(MODELS):  # 40 model rules
        rules.append({"id": f"cap-{m}", "when": f'request.model == "{m}" && request.max_tokens > {4000 + i}',
                      "effect": "cap", "max_tokens": 4000 + i, "reason": "model_cap"})
        rules.append({"id": f"reasoning-{m}", "when": f'request.model == "{m}" && request.reasoning '
                      f'&& scores.distillation > 0.{5 + i % 4}', "effect": "redact_reasoning",
                      "reason": "distillation_risk"})
    for p in ("free", "pro", "max", "team", "enterprise", "api"):  # 30 plan rules
        for j in range(5):
            rules.append({"id": f"plan-{p}-{j}", "when": f'account.plan == "{p}" && request.input_tokens > '
                          f'{100000 * (j + 1)}', "effect": "flag", "reason": "large_input", "mode": "warn"})
    for p in PLATFORMS:  # 20 platform rules
        rules.append({"id": f"attr-{p}", "when": f'platform.name == "{p}"', "effect": "require_attribution",
                      "reason": "attribution_required"})
        rules.append({"id": f"plat-shadow-{p}", "when": f'platform.name == "{p}" && end_user.trust == "low"',
                      "effect": "deny", "reason": "weak_attribution", "mode": "shadow"})
    for k in range(45):  # 45 unindexed rules every request evaluates
        rules.append({"id": f"general-{k}", "when": [
            f"scores.scraping > 0.{90 + k % 9} && account.age_days < {k + 1}.0",
            f"scores.tier_abuse > 0.9{k % 9} || scores.coordination > 0.9{k % 9}",
            f'time.hour == {k % 24} && account.verified == false && account.country == "X{k}"',
        ][k % 3], "effect": "flag", "reason": f"general_{k}"})
    return rules


def make_bundle(directory: Path, fast: bool = True, generated: bool = True) -> Engine:
    for f in DEFAULT_DIR.glob("*.yaml"):
        if not f.stem.endswith("_test"):
            shutil.copy(f, directory / f.name)
    if generated:
        (directory / "generated.yaml").write_text(yaml.safe_dump({"rules": generated_rules()}, width=1 << 20))
    t0 = time.perf_counter()
    bundle = load_bundle(directory)
    print(f"bundle: {len(bundle.rules)} rules, load+compile {1000 * (time.perf_counter() - t0):.0f} ms")
    return Engine(bundle, fast=fast)


def contexts() -> dict[str, list[RequestContext]]:
    now = time.time()

    def ctx(i: int, plan: str, org: str | None, **kw: object) -> RequestContext:
        acct = Account(account_id=f"acct_{i}", email=f"u{i}@example.com", plan=plan, org_id=org,
                       created_at=now - 86400 * 30, verified=True,
                       credential=str(kw.pop("credential", "api_key")))
        c = RequestContext(request_id=f"req_{i:08d}", started=now, endpoint="/v1/chat/completions", api="openai",
                           key=ApiKey(f"key_{i}", acct.account_id, "mk_", "", now - 3600), account=acct,
                           org=Organization(org_id=org) if org else None, model=MODELS[i % len(MODELS)],
                           max_tokens=1024, input_tokens_estimate=900, reasoning=bool(i % 2))
        for k, v in kw.items():
            setattr(c, k, v)
        return c

    return {
        "ordinary api request": [ctx(i, "api", f"acme-{i % 50}", scores={"distillation": 0.1}) for i in range(64)],
        "restricted org (deny)": [ctx(i, "team", f"rival-{i * 97}") for i in range(64)],
        "linked to restricted": [ctx(i, "pro", None, entity=ResolvedEntity("rival-7", 0.9, True))
                                 for i in range(64)],
        "via platform": [ctx(i, "enterprise", "ide-co", channel="platform", platform=PLATFORMS[i % 10],
                             end_user_id=f"u{i}", end_user_org="example.org", attribution_trust="signed")
                         for i in range(64)],
        "consumer subscription": [ctx(i, "pro", None, credential="consumer_subscription",
                                      extra={"first_party": True}) for i in range(64)],
    }


def measure(engine: Engine, directory: SetDirectory, ctxs: list[RequestContext], n: int) -> list[int]:
    decide = engine.decide
    for c in ctxs:
        decide(c, directory)
    clock = time.perf_counter_ns
    samples = []
    m = len(ctxs)
    for i in range(n):
        c = ctxs[i % m]
        t0 = clock()
        decide(c, directory)
        samples.append(clock() - t0)
    return samples


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000, help="decisions per request kind")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--cel-only", action="store_true", help="evaluate every condition in CEL (no pyfast)")
    ap.add_argument("--default-only", action="store_true", help="the shipped default bundle alone")
    args = ap.parse_args()
    directory = SetDirectory(frozenset(f"rival-{i}" for i in range(RESTRICTED)))
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_bundle(Path(tmp), fast=not args.cel_only, generated=not args.default_only)
    print(f"python {sys.version.split()[0]}, restricted entities: {RESTRICTED}, "
          f"{'CEL only' if args.cel_only else 'pyfast + CEL'}")
    print(f"{'request kind':<26} {'median µs':>10} {'p90 µs':>8} {'p99 µs':>8}  effect")
    everything: list[int] = []
    for name, ctxs in contexts().items():
        samples = measure(engine, directory, ctxs, args.n)
        everything += samples
        qs = statistics.quantiles(samples, n=100)
        d = engine.decide(ctxs[0], directory)
        print(f"{name:<26} {statistics.median(samples) / 1000:>10.2f} {qs[89] / 1000:>8.2f} "
              f"{qs[98] / 1000:>8.2f}  {d.effect}:{d.reason_code}")
    qs = statistics.quantiles(everything, n=100)
    print(f"{'all kinds':<26} {statistics.median(everything) / 1000:>10.2f} {qs[89] / 1000:>8.2f} "
          f"{qs[98] / 1000:>8.2f}")
    if args.profile:
        ctxs = contexts()["ordinary api request"]
        prof = cProfile.Profile()
        prof.enable()
        measure(engine, directory, ctxs, 50_000)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(12)


if __name__ == "__main__":
    main()
