"""Generate labelled set h (Tamarack AI, North America).

    python bench/heldout/h/generate.py OUT_DIR [--seed N] [--accounts 1000] [--days 7] [--careful 0..1]
                                       [--mix PERSONA=WEIGHT ...] [--rerecord 0.005]
"""
from __future__ import annotations

import argparse
import collections
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import orjson  # noqa: E402

import engine  # noqa: E402
import personas as P  # noqa: E402
import world as W  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--accounts", type=int, default=1000)
    ap.add_argument("--days", type=int, default=7)
    ap.add_argument("--careful", type=float, default=0.5)
    ap.add_argument("--mix", nargs="*", default=[], metavar="PERSONA=WEIGHT")
    ap.add_argument("--rerecord", type=float, default=0.005)
    args = ap.parse_args(argv)
    if not 0 <= args.careful <= 1:
        ap.error("--careful must be within 0..1")
    weights = {}
    for m in args.mix:
        name, _, w = m.partition("=")
        if name not in P.REGISTRY:
            ap.error(f"unknown persona {name!r}; known: {', '.join(P.REGISTRY)}")
        weights[name] = float(w)
    t0 = time.perf_counter()
    ctx = engine.Ctx(args.seed, args.days, args.careful)
    scale = args.accounts / sum(v[1] for v in P.REGISTRY.values())
    for name, (fn, base) in P.REGISTRY.items():
        n = int(round(base * scale * weights.get(name, 1.0)))
        if n > 0:
            fn(ctx, W.stream(args.seed, "persona/" + name), n)
    ctx.apply_free_cap()
    reqs = sorted(ctx.requests, key=lambda r: (r["ts"], r["request_id"]))
    # a re-run export of one day: the same records again at the end
    rng = W.stream(args.seed, "rerecord")
    rr_day = rng.randrange(args.days)
    lo, hi = ctx.start + rr_day * W.DAY, ctx.start + (rr_day + 1) * W.DAY
    day = [r for r in reqs if lo <= r["ts"] < hi]
    k = min(len(day), int(round(args.rerecord * len(reqs))))
    again = sorted(rng.sample(day, k), key=lambda r: (r["ts"], r["request_id"])) if k else []

    os.makedirs(args.out_dir, exist_ok=True)
    with open(os.path.join(args.out_dir, "accounts.jsonl"), "wb") as f:
        for a in ctx.accounts:
            f.write(orjson.dumps(a.rec) + b"\n")
    with open(os.path.join(args.out_dir, "labels.jsonl"), "wb") as f:
        for a in ctx.accounts:
            f.write(orjson.dumps(a.label) + b"\n")
    with open(os.path.join(args.out_dir, "entities.jsonl"), "wb") as f:
        for e in W.directory(args.seed):
            f.write(orjson.dumps(e) + b"\n")
    with open(os.path.join(args.out_dir, "requests.jsonl"), "wb") as f:
        for r in reqs:
            f.write(orjson.dumps(r) + b"\n")
        for r in again:
            f.write(orjson.dumps(r) + b"\n")
    dt = time.perf_counter() - t0

    per = collections.OrderedDict()
    for a in ctx.accounts:
        row = per.setdefault(a.persona, [0, 0, bool(a.label["categories"])])
        row[0] += 1
        row[1] += a.n
    cats = collections.Counter(c for a in ctx.accounts for c in a.label["categories"])
    benign = sum(1 for a in ctx.accounts if not a.label["categories"])
    print(f"set h seed {args.seed}: {len(ctx.accounts)} accounts ({benign} benign), {len(reqs)} requests "
          f"+ {len(again)} re-recorded, {dt:.1f}s -> {args.out_dir}")
    print("positives: " + ", ".join(f"{c} {cats[c]}" for c in sorted(cats)))
    for name, (na, nr, ab) in per.items():
        print(f"  {name:<24}{'abusive' if ab else 'benign':<9}{na:>5} accounts {nr:>8} requests")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
