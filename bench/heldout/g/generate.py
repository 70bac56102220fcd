"""Labelled set g: Kestrel AI (Frankfurt / Dubai / Mumbai). See README.md.

    python bench/heldout/g/generate.py OUT_DIR [--seed N] [--accounts 1000] [--days 7] [--careful 0..1]
                                       [--mix PERSONA=WEIGHT ...] [--rerecord 0.005]
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import orjson  # noqa: E402

from engine import Engine  # noqa: E402
from personas import FIXED, PERSONAS  # noqa: E402
from world import entities, stream  # noqa: E402


def counts(total: int, mix: dict[str, float]) -> dict[str, int]:
    weights = {k: w * mix.get(k, 1.0) for k, (_, w) in PERSONAS.items()}
    fixed = {k: (PERSONAS[k][1] if mix.get(k, 1.0) > 0 else 0) for k in FIXED}
    free = sum(v for k, v in weights.items() if k not in FIXED)
    room = max(0, total - sum(fixed.values()))
    out = {}
    for k, w in weights.items():
        out[k] = fixed[k] if k in FIXED else int(round(room * w / free)) if free else 0
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--accounts", type=int, default=1000)
    ap.add_argument("--days", type=int, default=7)
    ap.add_argument("--careful", type=float, default=0.5)
    ap.add_argument("--mix", nargs="*", default=[], help="PERSONA=WEIGHT multipliers, e.g. free_farm=0 consumer_chat=2")
    ap.add_argument("--rerecord", type=float, default=0.005, help="share of one day's requests exported a second time")
    args = ap.parse_args(argv)
    mix = {}
    for m in args.mix:
        k, v = m.split("=")
        if k not in PERSONAS:
            ap.error(f"unknown persona {k}; known: {', '.join(PERSONAS)}")
        mix[k] = float(v)
    t0 = time.time()
    E = Engine(args.seed, args.days, max(0.0, min(1.0, args.careful)))
    plan = counts(args.accounts, mix)
    for name, (fn, _) in PERSONAS.items():
        if plan[name] > 0:
            fn(E, stream(args.seed, name), plan[name])
    reqs = sorted(E.requests, key=lambda r: (r["ts"], r["request_id"]))
    rr = stream(args.seed, "rerecord")
    if args.rerecord > 0 and reqs:
        day = rr.randrange(args.days)
        lo = reqs[0]["ts"] // 86400 * 0 + min(r["ts"] for r in reqs) + day * 86400
        dup = [r for r in reqs if lo <= r["ts"] < lo + 86400 and rr.random() < args.rerecord * args.days]
        reqs = reqs + dup
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "accounts.jsonl", "wb") as f:
        for a in E.accounts:
            f.write(orjson.dumps(a) + b"\n")
    with open(out / "labels.jsonl", "wb") as f:
        for lab in E.labels:
            f.write(orjson.dumps(lab) + b"\n")
    with open(out / "entities.jsonl", "wb") as f:
        for e in entities():
            f.write(orjson.dumps(e) + b"\n")
    with open(out / "requests.jsonl", "wb") as f:
        for r in reqs:
            f.write(orjson.dumps(r) + b"\n")
    per = collections.Counter(lab["persona"] for lab in E.labels)
    nreq = collections.Counter()
    owner = {lab["account_id"]: lab["persona"] for lab in E.labels}
    for r in E.requests:
        nreq[owner[r["account_id"]]] += 1
    cats = collections.Counter(c for lab in E.labels for c in lab["categories"])
    benign = sum(1 for lab in E.labels if not lab["categories"])
    print(f"set g seed {args.seed}: {len(E.accounts)} accounts ({benign} benign), {len(E.requests)} requests "
          f"+ {len(reqs) - len(E.requests)} re-recorded, {time.time() - t0:.1f}s -> {out}")
    print("positives: " + ", ".join(f"{k} {v}" for k, v in sorted(cats.items())))
    for k in PERSONAS:
        if per[k]:
            print(f"  {k:<22}{per[k]:>5} accounts {nreq[k]:>8} requests")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
