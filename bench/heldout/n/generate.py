#!/usr/bin/env python3
"""Held-out labelled traffic for Moat: the Nusantara AI world (see README.md).

    python bench/heldout/n/generate.py OUT_DIR --seed N --careful 0.5 [--accounts 1000] [--days 7] [--quiet]

Writes OUT_DIR/accounts.jsonl, requests.jsonl, entities.jsonl (shared/spec/traffic-format.md) and
labels.jsonl (what `moat evaluate` reads), plus meta.json. Standard library only; deterministic for
a seed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import abuse as A  # noqa: E402
import benign as Bn  # noqa: E402
import orgs  # noqa: E402
from world import START, World  # noqa: E402

# accounts per persona group at 1,000 accounts (developers fill the rest)
BENIGN = {
    "consumer": 95, "students": 60, "hackathon": 48, "labs": 26, "startups": 36, "enterprise": 70,
    "kodekilat": 55, "sembang": 35, "rakit": 22, "pools": 3, "power": 14, "localisation": 14, "support": 10,
    "labelling": 12, "eval": 9, "pipelines": 10, "catalogue": 5, "coworking": 18, "vpn": 14, "cloud": 16,
    "former": 8, "visitors": 6, "collisions": 5, "families": 17, "inactive": 36,
}
ABUSE = {
    "harvesters": 10, "coverage": 6, "paraphrase": 6,
    "scrape_alphabet": 4, "scrape_number_range": 4, "scrape_directory": 5, "scrape_catalogue": 3,
    "probe_grid": 3, "hidden": 4, "shared_plans": 6, "consumer_pipelines": 5,
}
NETWORKS = [  # (id, kind, size at 1,000, details)
    ("net-d1", "distill", 12, dict(theme="math", langs=["en", "id"], countries=["ID", "SG", "MY"])),
    ("net-d2", "distill", 10, dict(theme="coverage", langs=["zh", "en", "vi"], countries=["CN", "SG", "VN"], rival="zhongshu-ai")),
    ("net-d3", "distill", 8, dict(theme="code", langs=["en"], countries=["SG", "MY", "ID"], rival="halcyon-labs")),
    ("net-d4", "distill", 9, dict(theme="math", langs=["th", "vi", "id", "tl", "en"], countries=["TH", "VN", "ID", "PH"])),
    ("net-s1", "scrape", 6, dict(space="kabupaten", countries=["ID"])),
    ("net-s2", "scrape", 6, dict(space="hs_codes", countries=["ID", "SG", "CN"])),
    ("farm-1", "farm", 12, dict(workload="seo")),
    ("farm-2", "farm", 12, dict(workload="reason")),
    ("trial-1", "trial", 5, {}),
    ("trial-2", "trial", 5, {}),
    ("resell-1", "reseller", 6, {}),
]
RIVAL_STAFF = {"halcyon-labs": 8, "zhongshu-ai": 6, "garuda-cognitive": 5, "garuda-data": 3, "hanbit-reasoning": 3}
SAFETY_TEAM = 3


def scaled(x: int, s: float, lo: int = 1) -> int:
    return max(lo, int(round(x * s)))


def build(seed: int, careful: float, n_accounts: int, days: int) -> World:
    w = World(seed, careful, n_accounts, days)
    s = n_accounts / 1000.0
    reg = orgs.setup(w)
    anchors: dict = {}
    # restricted labs' staff first: their cards anchor the networks tied to them
    pool_rivals = A.rival_staff(w, reg, {k: scaled(v, s) for k, v in RIVAL_STAFF.items()}, anchors)
    A.rival_safety_team(w, reg, scaled(SAFETY_TEAM, s))
    for nid, kind, size, d in NETWORKS:
        size = scaled(size, s, 3 if kind != "trial" else 2)
        if kind == "distill":
            rival = reg["rivals"][d["rival"]] if d.get("rival") else None
            A.network(w, nid, size, d["theme"], d["langs"], d["countries"], rival=rival, anchor_cards=anchors)
        elif kind == "scrape":
            A.scrape_network(w, nid, size, d["space"], d["countries"])
        elif kind == "farm":
            A.free_farm(w, nid, size, d["workload"])
        elif kind == "trial":
            A.trial_cycling(w, nid, size)
        elif kind == "reseller":
            A.reseller_network(w, nid, size)
    A.distill_harvesters(w, scaled(ABUSE["harvesters"], s))
    A.distill_coverage(w, scaled(ABUSE["coverage"], s))
    A.distill_paraphrase(w, scaled(ABUSE["paraphrase"], s))
    for p in ("scrape_alphabet", "scrape_number_range", "scrape_directory", "scrape_catalogue"):
        A.scrapers(w, p, scaled(ABUSE[p], s))
    A.probe_grid(w, scaled(ABUSE["probe_grid"], s))
    A.hidden_scrapers(w, scaled(ABUSE["hidden"], s))
    A.shared_consumer_plans(w, scaled(ABUSE["shared_plans"], s))
    A.consumer_pipelines(w, scaled(ABUSE["consumer_pipelines"], s))

    b = {k: scaled(v, s) for k, v in BENIGN.items()}
    Bn.consumer(w, b["consumer"])
    Bn.students(w, b["students"])
    Bn.hackathon(w, b["hackathon"])
    Bn.university_labs(w, b["labs"])
    Bn.startups(w, b["startups"])
    Bn.enterprise(w, b["enterprise"], reg)
    Bn.kodekilat_users(w, b["kodekilat"], reg)
    Bn.sembang_users(w, b["sembang"], reg)
    Bn.rakit_users(w, b["rakit"], reg)
    Bn.platform_pools(w, b["pools"], reg, pool_rivals)
    Bn.power_users(w, b["power"])
    Bn.localisation(w, b["localisation"])
    Bn.support_bots(w, b["support"])
    Bn.labelling(w, b["labelling"])
    Bn.eval_harnesses(w, b["eval"])
    Bn.pipelines(w, b["pipelines"])
    Bn.catalogue(w, b["catalogue"])
    Bn.coworking(w, b["coworking"])
    Bn.vpn_users(w, b["vpn"])
    Bn.cloud_tenants(w, b["cloud"])
    Bn.former_employees(w, b["former"], reg)
    Bn.office_visitors(w, b["visitors"], reg)
    Bn.name_collisions(w, b["collisions"])
    Bn.families(w, b["families"])
    Bn.inactive(w, b["inactive"])
    Bn.developer(w, max(0, n_accounts - len(w.accounts)))
    return w


def free_quota(w: World) -> None:
    """The free plan's daily quota, per account and local day, in time order: past it, 429."""
    tz = {a.id: a.tz for a in w.accounts if a.rec["plan"] == "free"}
    used: Counter = Counter()
    for r in w.requests:
        z = tz.get(r["account_id"])
        if z is None:
            continue
        day = int((r["ts"] - START + (z - 7) * 3600) // 86400)
        used[(r["account_id"], day)] += 1
        if used[(r["account_id"], day)] > A.FREE_DAILY_QUOTA:
            r.update(status=429, decision="deny:quota_exceeded", output_tokens=0)
        elif r["decision"] == "deny:quota_exceeded":
            r.update(status=200, decision="allow")


def write(w: World, out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    accounts = sorted(w.accounts, key=lambda a: a.id)
    with (out / "accounts.jsonl").open("w", encoding="utf-8") as f:
        for a in accounts:
            f.write(dumps(a.rec) + "\n")
    with (out / "labels.jsonl").open("w", encoding="utf-8") as f:
        for a in accounts:
            f.write(dumps(a.label) + "\n")
    with (out / "entities.jsonl").open("w", encoding="utf-8") as f:
        for e in w.entities:
            f.write(dumps(e) + "\n")
    w.requests.sort(key=lambda r: (r["ts"], r["request_id"]))
    free_quota(w)
    with (out / "requests.jsonl").open("w", encoding="utf-8", buffering=1 << 20) as f:
        f.writelines(dumps(r) + "\n" for r in w.requests)
    abusive = {a.id for a in accounts if a.label["categories"]}
    cats = Counter(c for a in accounts for c in a.label["categories"])
    meta = {"world": "nusantara-ai", "seed": w.seed, "careful": w.careful, "days": w.days,
            "accounts": len(accounts), "abusive_accounts": len(abusive),
            "abusive_share": round(len(abusive) / max(1, len(accounts)), 4), "requests": len(w.requests),
            "abusive_requests": sum(1 for r in w.requests if r["account_id"] in abusive),
            "categories": dict(sorted(cats.items())),
            "networks": dict(sorted(Counter(a.label["network_id"] for a in accounts if a.label["network_id"]).items())),
            "personas": dict(sorted(Counter(a.label["persona"] for a in accounts).items()))}
    (out / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--careful", type=float, default=0.5, help="how careful adversaries are, 0..1")
    ap.add_argument("--accounts", type=int, default=1000)
    ap.add_argument("--days", type=int, default=7)
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if not 0.0 <= args.careful <= 1.0:
        ap.error("--careful must be within [0, 1]")
    if args.days < 1 or args.accounts < 50:
        ap.error("need --days >= 1 and --accounts >= 50")
    t0 = time.time()
    w = build(args.seed, args.careful, args.accounts, args.days)
    meta = write(w, args.out_dir)
    if not args.quiet:
        print(f"{meta['accounts']} accounts ({meta['abusive_accounts']} abusive, {100 * meta['abusive_share']:.1f}%), "
              f"{meta['requests']} requests ({meta['abusive_requests']} from abusive accounts) "
              f"-> {args.out_dir} in {time.time() - t0:.1f}s")
        print("categories:", meta["categories"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
