"""Labelled traffic set "i": Tucano AI, a São Paulo model API serving South America.

    python bench/heldout/i/generate.py OUT_DIR [--seed N] [--accounts 1000] [--days 7] [--careful 0..1]

Writes accounts.jsonl, requests.jsonl, entities.jsonl and labels.jsonl. stdlib + orjson; deterministic
per seed (every persona draws from its own stream seeded by "seed:persona").
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import orjson  # noqa: E402

from engine import Recorder  # noqa: E402
from personas import PERSONAS, Ctx  # noqa: E402
from world import Directory, World  # noqa: E402


def generate(out: Path, seed: int, accounts: int, days: int, careful: float) -> dict:
    t = time.time()
    rec = Recorder(seed, days)
    ctx = Ctx(rec, World(seed), Directory(seed), careful, days)
    scale = accounts / 1000.0
    for name, (fn, weight) in PERSONAS.items():
        n = max(1, round(weight * scale))
        fn(ctx, random.Random(f"{seed}:{name}"), n)
    rec.finish()
    out.mkdir(parents=True, exist_ok=True)
    opt = orjson.OPT_APPEND_NEWLINE
    with open(out / "accounts.jsonl", "wb") as f:
        for a in rec.accounts:
            f.write(orjson.dumps(a.rec, option=opt))
    with open(out / "labels.jsonl", "wb") as f:
        for a in rec.accounts:
            f.write(orjson.dumps(a.label, option=opt))
    with open(out / "entities.jsonl", "wb") as f:
        for e in ctx.dir.entities:
            f.write(orjson.dumps(e, option=opt))
    with open(out / "requests.jsonl", "wb") as f:
        for r in rec.requests:
            f.write(orjson.dumps(r, option=opt))
    per = Counter(a.label["persona"] for a in rec.accounts)
    reqs = Counter()
    lab = {a.id: a.label["persona"] for a in rec.accounts}
    for r in rec.requests:
        reqs[lab[r["account_id"]]] += 1
    return {"accounts": len(rec.accounts), "requests": len(rec.requests), "seconds": round(time.time() - t, 1),
            "personas": {p: (per[p], reqs[p]) for p in per}}


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
        ap.error("--careful must be in 0..1")
    s = generate(args.out, args.seed, args.accounts, args.days, args.careful)
    print(f"{s['accounts']} accounts, {s['requests']} requests in {s['seconds']} s -> {args.out}")
    if not args.quiet:
        for p, (na, nr) in s["personas"].items():
            print(f"  {p:<24}{na:>5}{nr:>9}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
