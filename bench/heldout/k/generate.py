"""Labelled traffic set K: Alcor AI, a Madrid model API selling across the EU and to North Africa.

    python bench/heldout/k/generate.py OUT_DIR [--seed N] [--accounts 1000] [--days 7] [--careful 0..1] [--quiet]

Writes accounts.jsonl, requests.jsonl, entities.jsonl and labels.jsonl (see README.md). Written without
access to Moat's detectors.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import orjson
from abuse import ABUSIVE
from benign import BENIGN
from engine import Engine
from world import World


def build(seed: int, accounts: int, days: int, careful: float) -> tuple[list, list, list, list]:
    world = World(seed)
    eng = Engine(seed, days, careful, world)
    for name, weight, fn in BENIGN + ABUSIVE:
        n = max(1, round(weight * accounts / 1000))
        fn(eng, random.Random(f"{seed}:{name}"), n)
    acc, req, lab = eng.finalize()
    return acc, req, lab, world.entities


def write(path: Path, rows: list) -> None:
    with open(path, "wb") as f:
        f.write(b"".join(orjson.dumps(r) + b"\n" for r in rows))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--accounts", type=int, default=1000)
    ap.add_argument("--days", type=int, default=7)
    ap.add_argument("--careful", type=float, default=0.5)
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if not 0 <= args.careful <= 1:
        ap.error("--careful must be within 0..1")
    if args.days < 1 or args.accounts < 1:
        ap.error("--days and --accounts must be positive")
    t0 = time.perf_counter()
    acc, req, lab, ents = build(args.seed, args.accounts, args.days, args.careful)
    args.out.mkdir(parents=True, exist_ok=True)
    write(args.out / "accounts.jsonl", acc)
    write(args.out / "requests.jsonl", req)
    write(args.out / "entities.jsonl", ents)
    write(args.out / "labels.jsonl", lab)
    if not args.quiet:
        per_acc = Counter(r["account_id"] for r in req)
        persona = {x["account_id"]: x["persona"] for x in lab}
        rows: dict[str, list[int]] = {}
        for x in lab:
            row = rows.setdefault(x["persona"], [0, 0, int(bool(x["categories"]))])
            row[0] += 1
        for aid, k in per_acc.items():
            rows[persona[aid]][1] += k
        abusive = sum(1 for x in lab if x["categories"])
        print(f"set K seed {args.seed} careful {args.careful}: {len(acc)} accounts ({abusive} abusive, "
              f"{100 * abusive / len(acc):.1f}%), {len(req)} requests, {len(ents)} entities "
              f"in {time.perf_counter() - t0:.1f}s -> {args.out}")
        for name, (n, k, bad) in sorted(rows.items(), key=lambda kv: (kv[1][2], kv[0])):
            print(f"  {name:<24}{n:>6}{k:>9}{'  abusive' if bad else ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
