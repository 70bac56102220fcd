#!/usr/bin/env python3
"""Labelled traffic set "e": Jua AI, a Nairobi/Lisbon model API, ten days of recorded traffic.

    python bench/heldout/e/generate.py OUT_DIR [--seed N] [--accounts 1000] [--days 10]
                                       [--careful 0..1] [--mix PERSONA=WEIGHT ...] [--rerecord 0.01]

Writes accounts.jsonl, requests.jsonl, entities.jsonl (the shared traffic format) and labels.jsonl
(`moat evaluate`'s labels).  Deterministic per seed.  Written without reading Moat's detectors; see
README.md for the world and the personas.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from abuse import ABUSE  # noqa: E402
from benign import BENIGN  # noqa: E402
from orgs import CUSTOMERS, public, rivals  # noqa: E402
from world import World  # noqa: E402

PERSONAS = {**BENIGN, **ABUSE}


def parse_mix(items: list[str]) -> dict[str, float]:
    mix = {}
    for item in items:
        name, _, weight = item.partition("=")
        if name not in PERSONAS:
            raise SystemExit(f"unknown persona {name!r}; known: {', '.join(sorted(PERSONAS))}")
        mix[name] = float(weight or 1)
    return mix


def build(seed: int, accounts: int, days: int, careful: float, mix: dict[str, float]) -> World:
    w = World(seed, days, careful)
    rv = rivals(w.rng("rivals"))
    w.entities.extend(public(e) for e in rv.values())
    for org, name, domains, sso, egress, _cc in CUSTOMERS:
        w.entities.append({"org_id": org, "name": name, "restricted": False, "domains": domains,
                           "ip_ranges": [egress], "payment_fingerprints": [], "sso_tenants": [sso] if sso else []})
    for plat in ("forge-ide", "relaykit", "souk-market"):
        w.entities.append({"org_id": f"org-{plat}", "name": plat, "restricted": False, "domains": [f"{plat}.dev"],
                           "ip_ranges": [], "payment_fingerprints": [], "sso_tenants": []})
    scale = accounts / 1000
    for name, (fn, base) in PERSONAS.items():
        n = round(base * scale * mix.get(name, 1.0))
        if name == "platform_account":
            n = min(n, 3)
        if n > 0:
            fn(w, n)
    return w


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--accounts", type=int, default=1000)
    ap.add_argument("--days", type=int, default=10)
    ap.add_argument("--careful", type=float, default=0.5)
    ap.add_argument("--mix", nargs="*", default=[], metavar="PERSONA=WEIGHT")
    ap.add_argument("--rerecord", type=float, default=0.01,
                    help="share of requests exported a second time (same request_id), as a re-run export does")
    args = ap.parse_args(argv)
    if not 0 <= args.careful <= 1:
        raise SystemExit("--careful must be within 0..1")
    t0 = time.time()
    w = build(args.seed, args.accounts, args.days, args.careful, parse_mix(args.mix))
    stats = w.write(args.out, args.rerecord)
    per = Counter(a.label["persona"] for a in w.accounts)
    abusive = {a.label["persona"] for a in w.accounts if a.label["categories"]}
    print(f"{stats['accounts']} accounts, {stats['requests']} requests ({stats['rerecorded']} re-recorded) "
          f"in {time.time() - t0:.1f}s -> {args.out}")
    for p, k in sorted(per.items(), key=lambda kv: (kv[0] in abusive, kv[0])):
        print(f"  {p:<24}{k:>5}{'  (abusive)' if p in abusive else ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
