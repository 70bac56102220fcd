"""Labelled traffic set "m": one week of Lodos AI, an Istanbul model API provider.

    python bench/heldout/m/generate.py OUT_DIR [--seed N] [--accounts 1000] [--days 7] [--careful 0..1]
                                       [--quiet] [--stats]

Writes accounts.jsonl, requests.jsonl, entities.jsonl and labels.jsonl (see README.md).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import orjson
import world as W
from engine import Ctx
from personas import CAST, count


def build(seed: int, accounts: int, days: int, careful: float) -> Ctx:
    ctx = Ctx(seed, days, careful, accounts)
    for name, weight, fn, minimum in CAST:
        fn(ctx, ctx.rng(name), count(weight, accounts, minimum))
    # a gateway replica restarted and re-recorded the tail of its write-ahead log: the same records twice
    lo, hi = W.REPLAY_WINDOW
    again = [dict(r) for r in ctx.requests if lo <= r["ts"] < hi and int(r["request_id"][-4:], 16) % 4 == 0]
    ctx.requests.extend(again)
    ctx.requests.sort(key=lambda r: (r["ts"], r["request_id"]))
    return ctx


def write(path: Path, rows) -> None:
    with open(path, "wb") as f:
        for r in rows:
            f.write(orjson.dumps(r))
            f.write(b"\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--accounts", type=int, default=1000)
    ap.add_argument("--days", type=int, default=7)
    ap.add_argument("--careful", type=float, default=0.5)
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--stats", action="store_true", help="print accounts and requests per persona")
    args = ap.parse_args(argv)
    if not 0.0 <= args.careful <= 1.0:
        ap.error("--careful must be within 0..1")
    if args.days < 1 or args.accounts < 1:
        ap.error("--days and --accounts must be positive")
    started = time.perf_counter()
    ctx = build(args.seed, args.accounts, args.days, args.careful)
    args.out.mkdir(parents=True, exist_ok=True)
    accts = sorted(ctx.accounts, key=lambda a: a.id)
    write(args.out / "accounts.jsonl", (a.rec for a in accts))
    write(args.out / "labels.jsonl", (a.label for a in accts))
    write(args.out / "entities.jsonl", (o.entity() for o in W.ORGS.values() if o.listed))
    write(args.out / "requests.jsonl", ctx.requests)
    took = time.perf_counter() - started
    if not args.quiet:
        cats = Counter(c for a in accts for c in a.label["categories"])
        benign = sum(1 for a in accts if not a.label["categories"])
        print(f"set m: {len(accts)} accounts ({benign} benign), {len(ctx.requests)} requests, "
              f"{args.days} days, seed {args.seed}, careful {args.careful} -> {args.out} in {took:.1f}s",
              file=sys.stderr)
        print("positives: " + ", ".join(f"{k} {v}" for k, v in sorted(cats.items())), file=sys.stderr)
    if args.stats:
        per_acc = Counter(a.label["persona"] for a in accts)
        owner = {a.id: a.label["persona"] for a in accts}
        per_req = Counter(owner[r["account_id"]] for r in ctx.requests)
        for name, *_ in CAST:
            print(f"{name:<24}{per_acc[name]:>6}{per_req[name]:>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
