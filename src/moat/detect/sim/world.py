"""Build a simulated world and stream it out as a labelled dataset.

Every account's requests come from its own generator with its own seeded RNG; `heapq.merge`
interleaves them in time order, so the output streams and memory grows with accounts only.
Labels go to labels.jsonl beside the spec's files (shared/spec/traffic-format.md).
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable, Iterator
from operator import itemgetter
from pathlib import Path
from typing import Any

import orjson

from moat.detect.sim.abuse import ABUSE
from moat.detect.sim.behaviour import requests
from moat.detect.sim.params import SimParams
from moat.detect.sim.personas import BENIGN, Member, World
from moat.traffic import DatasetWriter

LABELS_FILE = "labels.jsonl"
ORG_NAMES = ("Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell", "Cyberdyne",
             "Soylent", "Wonka", "Gringotts", "Oscorp", "Aperture", "Vandelay", "Pied Piper",
             "Dunder Mifflin", "Massive Dynamic", "Blue Sun", "Monarch")
RIVALS = (("rival-labs", "Rival Labs", "rival-labs.ai", ("203.0.113.0/24", "198.51.100.0/24")),
          ("frontier-ai", "Frontier AI", "frontier-ai.com", ("192.0.2.0/24",)))


def _entities(rng: random.Random) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    orgs = []
    for k, name in enumerate(ORG_NAMES):
        slug = name.lower().replace(" ", "")
        orgs.append({"org_id": slug, "name": f"{name} Inc", "restricted": False,
                     "domains": [f"{slug}.com"], "ip_ranges": [f"64.{10 + k}.{rng.randint(0, 255)}.0/24"],
                     "payment_fingerprints": [f"pf_{rng.getrandbits(48):012x}"],
                     "sso_tenants": [f"{slug}.okta.com"]})
    rivals = [{"org_id": oid, "name": name, "restricted": True, "domains": [domain],
               "ip_ranges": list(ranges),
               "payment_fingerprints": [f"pf_{rng.getrandbits(48):012x}" for _ in range(3)],
               "sso_tenants": [f"{oid}.okta.com"]} for oid, name, domain, ranges in RIVALS]
    return orgs, rivals


def build(params: SimParams) -> tuple[World, list[Member]]:
    """Decide who exists: entities and every account with its behaviour and label."""
    rng = random.Random(params.seed)
    orgs, rivals = _entities(rng)
    world = World(params, rng, orgs, rivals)
    builders: dict[str, Callable[[World, random.Random], list[Member]]] = {**BENIGN, **ABUSE}
    total = sum(params.mixture.values()) or 1.0
    members: list[Member] = []
    for persona, weight in params.mixture.items():
        if persona not in builders:
            raise ValueError(f"unknown persona in mixture: {persona}")
        target = round(params.accounts * weight / total)
        got: list[Member] = []
        while len(got) < target:
            group = builders[persona](world, rng)
            room = target - len(got)
            if len(group) > room and persona == "distill_network" and room < 3:
                break
            got.extend(group[:room])
        members.extend(got)
    rng.shuffle(members)
    return world, members


def _stream(params: SimParams, members: list[Member]) -> Iterator[dict[str, Any]]:
    gens = [requests(b, random.Random(f"{params.seed}:{acct['account_id']}"), params.start, params.days)
            for acct, b, _ in members]
    return heapq.merge(*gens, key=itemgetter("ts"))


def simulate(params: SimParams, out: Path, on_request: Callable[[], None] | None = None) -> dict[str, int]:
    """Write accounts, requests, entities and labels under `out`; return counts."""
    world, members = build(params)
    out = Path(out)
    n = 0
    with DatasetWriter(out, entities=True) as w, (out / LABELS_FILE).open("wb") as labels:
        for org in world.orgs + world.rivals:
            w.entity(org)
        for acct, _, lab in members:
            w.account(acct)
            labels.write(orjson.dumps({"account_id": acct["account_id"], **lab}) + b"\n")
        write = w.request
        for req in _stream(params, members):
            write(req)
            n += 1
            if on_request is not None and n % 10000 == 0:
                on_request()
    return {"accounts": len(members), "requests": n, "entities": len(world.orgs) + len(world.rivals)}
