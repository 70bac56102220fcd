"""Labelled set J: Myna AI, a Bengaluru model API serving South Asia (see README.md).

    python bench/heldout/j/generate.py OUT_DIR [--seed N] [--accounts 1000] [--days 7] [--careful 0..1] [--quiet]

Writes accounts.jsonl, requests.jsonl, entities.jsonl and labels.jsonl into OUT_DIR. Standard library
and orjson only; deterministic per seed (each persona draws from random.Random(f"{seed}:{persona}")).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import orjson  # noqa: E402

import adversaries as A  # noqa: E402
import personas as P  # noqa: E402
from engine import World  # noqa: E402

# (persona, accounts per 1,000, function)
BENIGN = [
    ("consumer_chat", 300, P.consumer_chat), ("student", 80, P.student), ("college_lab", 30, P.college_lab),
    ("developer_api", 65, P.developer_api), ("coding_agent_user", 25, P.coding_agent_user),
    ("enterprise_batch", 6, P.enterprise_batch), ("labelling_vendor", 18, P.labelling_vendor),
    ("translator", 14, P.translator), ("research_lab", 24, P.research_lab), ("hackathon_cohort", 40, P.hackathon_cohort),
    ("startup_team", 25, P.startup_team), ("platform_byok", 30, P.platform_byok), ("platform_account", 3, P.platform_account),
    ("former_rival_employee", 10, P.former_rival_employee), ("rival_office_visitor", 8, P.rival_office_visitor),
    ("namesake_staff", 12, P.namesake_staff), ("vpn_user", 18, P.vpn_user), ("corporate_proxy", 30, P.corporate_proxy),
    ("cloud_tenant", 14, P.cloud_tenant), ("household_shared", 12, P.household_shared), ("eval_harness", 5, P.eval_harness),
    ("support_bot", 5, P.support_bot), ("catalogue_pipeline", 4, P.catalogue_pipeline),
    ("quiz_bank_teacher", 12, P.quiz_bank_teacher), ("bpo_agents", 24, P.bpo_agents), ("news_desk", 6, P.news_desk),
]
ABUSIVE = [
    ("competitor", 30, A.competitor), ("rival_network", 16, A.rival_network), ("distill_bulk", 8, A.distill_bulk),
    ("distill_careful", 12, A.distill_careful), ("distill_platform", 6, A.distill_platform),
    ("distill_network", 30, A.distill_network), ("scraper", 12, A.scraper), ("scrape_network", 12, A.scrape_network),
    ("free_farm", 30, A.free_farm), ("reseller_network", 6, A.reseller_network), ("resold_plan", 8, A.resold_plan),
    ("consumer_pipeline", 10, A.consumer_pipeline),
]


def generate(out: Path, seed: int = 1, accounts: int = 1000, days: int = 7, careful: float = 0.5, quiet: bool = False) -> dict:
    t0 = time.perf_counter()
    w = World(seed, careful, days, accounts)
    for name, weight, fn in BENIGN + ABUSIVE:
        fn(w, w.count(weight))
    w.finish()
    ids = [a.id for a in w.accounts]
    assert len(set(ids)) == len(ids), "account id collision"
    assert len({q["request_id"] for q in w.requests}) == len(w.requests), "request id collision"
    out.mkdir(parents=True, exist_ok=True)
    order = sorted(w.accounts, key=lambda a: (a.rec["created_at"], a.id))
    labels = {lab["account_id"]: lab for lab in w.labels}
    dump = orjson.dumps
    (out / "accounts.jsonl").write_bytes(b"".join(dump(a.rec) + b"\n" for a in order))
    (out / "labels.jsonl").write_bytes(b"".join(dump(labels[a.id]) + b"\n" for a in order))
    (out / "entities.jsonl").write_bytes(b"".join(dump(e) + b"\n" for e in w.entities))
    with open(out / "requests.jsonl", "wb") as f:
        for i in range(0, len(w.requests), 20000):
            f.write(b"".join(dump(q) + b"\n" for q in w.requests[i:i + 20000]))
    persona_of = {a.id: a.persona for a in w.accounts}
    n_acc = Counter(a.persona for a in w.accounts)
    n_req = Counter(persona_of[q["account_id"]] for q in w.requests)
    abusive = sum(1 for lab in w.labels if lab["categories"])
    summary = {"accounts": len(w.accounts), "abusive": abusive, "requests": len(w.requests),
               "seconds": round(time.perf_counter() - t0, 2)}
    if not quiet:
        print(f"set J  seed {seed}  careful {careful}  days {days}")
        for name, _, _ in BENIGN + ABUSIVE:
            print(f"  {name:<24}{n_acc[name]:>6} accounts{n_req[name]:>9} requests")
        cats = Counter(c for lab in w.labels for c in lab["categories"])
        print(f"{summary['accounts']} accounts ({abusive} abusive), {summary['requests']} requests, "
              f"{summary['seconds']} s; positives: " + ", ".join(f"{k} {v}" for k, v in sorted(cats.items())))
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--accounts", type=int, default=1000)
    ap.add_argument("--days", type=int, default=7)
    ap.add_argument("--careful", type=float, default=0.5)
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if not 0.0 <= args.careful <= 1.0:
        ap.error("--careful must be between 0 and 1")
    if args.days < 1 or args.accounts < 1:
        ap.error("--days and --accounts must be positive")
    generate(args.out, args.seed, args.accounts, args.days, args.careful, args.quiet)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
