"""Labelled traffic set "l": Dalbit AI, a Seoul model API selling across East and Southeast Asia and the US west coast.

    python bench/heldout/l/generate.py OUT_DIR [--seed N] [--accounts 1000] [--days 7] [--careful 0..1] [--quiet]

Writes accounts.jsonl, requests.jsonl, entities.jsonl and labels.jsonl. Standard library + orjson; deterministic
per seed (each persona draws from random.Random(f"{seed}:{persona}")). See README.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import orjson
from engine import World
from personas import ABUSIVE, BENIGN


def build(seed: int, accounts: int, days: int, careful: float) -> World:
    w = World(seed, accounts, days, careful)
    for _name, fn, weight in BENIGN + ABUSIVE:
        fn(w, w.n(weight))
    w.apply_caps(w.rng("caps"))
    return w


def write(w: World, out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    recs = w.records(w.rng("records"))
    accts = sorted(w.accts, key=lambda a: a.id)
    with open(out / "accounts.jsonl", "wb") as f:
        for a in accts:
            f.write(orjson.dumps(a.rec) + b"\n")
    with open(out / "labels.jsonl", "wb") as f:
        for a in accts:
            f.write(orjson.dumps(a.label) + b"\n")
    with open(out / "entities.jsonl", "wb") as f:
        for e in w.entities:
            f.write(orjson.dumps(e) + b"\n")
    with open(out / "requests.jsonl", "wb") as f:
        f.write(b"".join(orjson.dumps(r) + b"\n" for r in recs))
    return {"accounts": len(accts), "requests": len(recs),
            "abusive": sum(1 for a in accts if a.label["categories"])}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--accounts", type=int, default=1000)
    ap.add_argument("--days", type=int, default=7)
    ap.add_argument("--careful", type=float, default=0.5)
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if not 0 <= args.careful <= 1:
        ap.error("--careful must be within 0..1")
    t0 = time.perf_counter()
    w = build(args.seed, args.accounts, args.days, args.careful)
    summary = write(w, args.out)
    if not args.quiet:
        per_acc = Counter(a.persona for a in w.accts)
        per_req = Counter()
        for a in w.accts:
            per_req[a.persona] += len(a.recs)
        abusive = {a.persona for a in w.accts if a.label["categories"]}
        print(f"{summary['accounts']} accounts ({summary['abusive']} abusive, "
              f"{100 * summary['abusive'] / summary['accounts']:.1f}%), {summary['requests']} requests, "
              f"seed {args.seed}, careful {args.careful}, {time.perf_counter() - t0:.1f}s")
        for name in sorted(per_acc, key=lambda k: (k in abusive, k)):
            print(f"  {name:<24}{per_acc[name]:>5} accounts {per_req[name]:>8} requests"
                  + ("  (abusive)" if name in abusive else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
