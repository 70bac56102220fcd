"""Labelled traffic for Sakura Cloud AI ("Hoshi"): a held-out evaluation set for Moat's detectors.

    python3 bench/heldout/o/generate.py OUT_DIR --seed N --careful 0.5 [--accounts 1000] [--days 7] [--quiet]

Standard library only; the same arguments give byte-identical files under any PYTHONHASHSEED.
Writes accounts.jsonl, requests.jsonl (time order), entities.jsonl, labels.jsonl and meta.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import abusive
import benign
from behaviour import Traffic, apply_limits
from world import DAY, START, Pools, World, build_orgs

CATEGORIES = ("distillation", "scraping", "tier_abuse", "coordination", "competitor")


def build(seed: int, careful: float, accounts: int, days: int) -> tuple[World, Traffic]:
    pools = Pools.build(seed)
    w = World(seed=seed, careful=careful, days=days, scale=accounts / 1000, pools=pools, orgs=build_orgs(seed, pools))
    t = Traffic(seed, pools, START + days * DAY)
    for persona in (*benign.ALL, *abusive.ALL):
        persona(w, t)
    t.rows.sort(key=lambda r: (r["ts"], r["request_id"]))
    apply_limits(t.rows, t.accounts, seed)
    t.accounts.sort(key=lambda a: (a.created_at, a.account_id))
    return w, t


def _dump(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")))
            f.write("\n")


def write(out: Path, w: World, t: Traffic, args: argparse.Namespace, elapsed: float) -> dict[str, object]:
    out.mkdir(parents=True, exist_ok=True)
    _dump(out / "accounts.jsonl", [a.account_row() for a in t.accounts])
    _dump(out / "labels.jsonl", [a.label_row() for a in t.accounts])
    _dump(out / "entities.jsonl", [o.entity() for o in w.orgs.values()])
    _dump(out / "requests.jsonl", t.rows)
    per_account = Counter(str(r["account_id"]) for r in t.rows)
    personas: dict[str, dict[str, object]] = {}
    for a in t.accounts:
        p = personas.setdefault(a.persona, {"accounts": 0, "requests": 0, "categories": []})
        p["categories"] = sorted(set(p["categories"]) | set(a.categories))  # type: ignore[call-overload]
        p["accounts"] = int(p["accounts"]) + 1  # type: ignore[call-overload]
        p["requests"] = int(p["requests"]) + per_account[a.account_id]  # type: ignore[call-overload]
    abusive_n = sum(1 for a in t.accounts if a.categories)
    meta = {
        "generator": "bench/heldout/o/generate.py",
        "world": "Sakura Cloud AI (Hoshi), Tokyo; customers in Japan, Taiwan, Vietnam and the Philippines",
        "seed": args.seed,
        "careful": args.careful,
        "days": args.days,
        "accounts_requested": args.accounts,
        "window": {"start": START, "end": START + args.days * DAY, "start_iso": "2026-11-23T00:00:00+09:00"},
        "accounts": len(t.accounts),
        "requests": len(t.rows),
        "abusive_accounts": abusive_n,
        "abusive_share": round(abusive_n / max(1, len(t.accounts)), 4),
        "categories": {c: sum(1 for a in t.accounts if c in a.categories) for c in CATEGORIES},
        "networks": dict(sorted(Counter(a.network_id for a in t.accounts if a.network_id).items())),
        "restricted_orgs": [o.org_id for o in w.orgs.values() if o.restricted],
        "personas": dict(sorted(personas.items())),
        "status": dict(sorted(Counter(str(r["status"]) for r in t.rows).items())),
        "files": ["accounts.jsonl", "requests.jsonl", "entities.jsonl", "labels.jsonl", "meta.json"],
        "labels": "labels.jsonl: account_id, persona, categories, org_id (true restricted org for competitor accounts; "
        "employer for enterprise/team members), network_id (coordinated networks only), group, notes, careful",
        "generation_seconds": round(elapsed, 1),
    }
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, help="output directory")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--careful", type=float, default=0.5, help="0 = careless adversaries, 1 = very careful")
    ap.add_argument("--accounts", type=int, default=1000, help="approximate number of accounts")
    ap.add_argument("--days", type=int, default=7, help="length of the window (days, at most 7)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if not 0.0 <= args.careful <= 1.0:
        ap.error("--careful must be within [0, 1]")
    if not 1 <= args.days <= 7:
        ap.error("--days must be within [1, 7]")
    t0 = time.monotonic()
    w, t = build(args.seed, args.careful, args.accounts, args.days)
    meta = write(args.out, w, t, args, time.monotonic() - t0)
    if not args.quiet:
        print(
            f"{meta['accounts']} accounts ({meta['abusive_accounts']} abusive), {meta['requests']} requests "
            f"-> {args.out} in {meta['generation_seconds']}s"
        )
        for name, p in meta["personas"].items():  # type: ignore[attr-defined]
            print(f"  {name:<28}{p['accounts']:>5} accounts {p['requests']:>8} requests  {','.join(p['categories'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
