"""Write labelled set "d": Quetzal AI's recorded traffic, in the shared traffic format, with labels.

    python bench/heldout/d/generate.py OUT_DIR [--seed N] [--accounts 1000] [--days 10]
        [--careful 0..1] [--mix PERSONA=WEIGHT ...]

Writes OUT_DIR/accounts.jsonl, requests.jsonl, entities.jsonl and labels.jsonl (the answer key,
which `moat evaluate` reads). Deterministic per seed. Written without reading Moat's detectors;
README.md describes the world and its personas.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))

import abuse
import benign
from orgs import Org, make_orgs
from world import World

Builder = Callable[[World, dict[str, Org], int], None]

# persona -> (accounts per 1,000 by default, builder). Order matters only for determinism.
PERSONAS: dict[str, tuple[float, Builder]] = {
    "consumer": (290, benign.consumer),
    "household": (22, benign.household),
    "student": (45, benign.student),
    "developer": (65, benign.developer),
    "startup_team": (40, benign.startup_team),
    "enterprise_staff": (50, benign.enterprise_staff),
    "hackathon": (40, benign.hackathon),
    "research_lab": (24, benign.research_lab),
    "eval_harness": (10, benign.eval_harness),
    "batch_etl": (10, benign.batch_etl),
    "labelling_vendor": (20, benign.labelling_vendor),
    "coding_agent_power": (30, benign.coding_agent_power),
    "translator": (15, benign.translator),
    "platform_user": (55, benign.platform_user),
    "reseller_platform": (3, benign.reseller_platform),
    "shared_egress_neighbour": (36, benign.shared_egress_neighbour),
    "former_rival_employee": (6, benign.former_rival_employee),
    "rival_office_visitor": (6, benign.rival_office_visitor),
    "namesake": (10, benign.namesake),
    "distiller": (20, abuse.distiller),
    "scraper": (20, abuse.scraper),
    "scraper_network": (10, abuse.scraper_network),
    "tier_pipeline": (10, abuse.tier_pipeline),
    "free_farm": (30, abuse.free_farm),
    "shared_plan": (8, abuse.shared_plan),
    "reseller_network": (6, abuse.reseller_network),
    "coord_network": (36, abuse.coord_network),
    "competitor": (40, abuse.competitor),
    "competitor_network": (8, abuse.competitor_network),
}


def parse_mix(items: list[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in items:
        name, _, w = item.partition("=")
        if name not in PERSONAS or not w:
            raise SystemExit(f"--mix {item!r}: expected PERSONA=WEIGHT with PERSONA one of {', '.join(PERSONAS)}")
        out[name] = float(w)
    return out


def counts(total: int, mix: dict[str, float]) -> dict[str, int]:
    """Accounts per persona: default shares times the --mix weights, scaled to `total`."""
    weights = {p: share * mix.get(p, 1.0) for p, (share, _) in PERSONAS.items()}
    s = sum(weights.values()) or 1.0
    out = {p: int(round(total * w / s)) for p, w in weights.items()}
    largest = max(out, key=lambda p: out[p])  # rounding's remainder goes to the largest persona
    out[largest] = max(0, out[largest] + total - sum(out.values()))
    return out


def generate(out: Path, seed: int, accounts: int, days: int, careful: float, mix: dict[str, float]) -> dict[str, int]:
    world = World(seed, days, careful)
    orgs = make_orgs(world)
    for persona, n in counts(accounts, mix).items():
        if n > 0:
            PERSONAS[persona][1](world, orgs, n)
    out.mkdir(parents=True, exist_ok=True)
    order = list(world.accounts)
    world.rng.shuffle(order)  # file order says nothing about persona
    world.requests.sort(key=lambda r: r["ts"])
    with open(out / "accounts.jsonl", "wb") as f:
        f.write(b"".join(orjson.dumps(a.record) + b"\n" for a in order))
    with open(out / "labels.jsonl", "wb") as f:
        f.write(b"".join(orjson.dumps(a.label) + b"\n" for a in order))
    with open(out / "entities.jsonl", "wb") as f:
        f.write(b"".join(orjson.dumps(e) + b"\n" for e in world.entities))
    with open(out / "requests.jsonl", "wb") as f:
        for i in range(0, len(world.requests), 20000):
            f.write(b"".join(orjson.dumps(r) + b"\n" for r in world.requests[i:i + 20000]))
    per = Counter(a.label["persona"] for a in world.accounts)
    reqs: Counter[str] = Counter()
    by_id = {a.account_id: a.label["persona"] for a in world.accounts}
    for r in world.requests:
        reqs[by_id[r["account_id"]]] += 1
    return {"accounts": len(world.accounts), "requests": len(world.requests),
            **{f"{p}": per[p] for p in PERSONAS}, **{f"requests:{p}": reqs[p] for p in PERSONAS}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--accounts", type=int, default=1000)
    ap.add_argument("--days", type=int, default=10)
    ap.add_argument("--careful", type=float, default=0.6, help="how careful adversaries are, 0..1")
    ap.add_argument("--mix", nargs="*", default=[], metavar="PERSONA=WEIGHT",
                    help="multiply a persona's default share (0 removes it)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if not 0.0 <= args.careful <= 1.0:
        ap.error("--careful must be within 0..1")
    t0 = time.perf_counter()
    stats = generate(args.out, args.seed, args.accounts, args.days, args.careful, parse_mix(args.mix))
    if not args.quiet:
        print(f"{stats['accounts']} accounts, {stats['requests']} requests in {time.perf_counter() - t0:.1f} s -> {args.out}")
        print(f"{'persona':<26}{'accounts':>9}{'requests':>10}")
        for p in PERSONAS:
            print(f"{p:<26}{stats[p]:>9}{stats['requests:' + p]:>10}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
