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

from moat.detect.sim import text as tx
from moat.detect.sim.abuse import ABUSE
from moat.detect.sim.behaviour import requests
from moat.detect.sim.data import DATA_ABUSE, DATA_BENIGN
from moat.detect.sim.data_hard import DATA_CAREFUL, DATA_HARD
from moat.detect.sim.hard import HARD
from moat.detect.sim.params import HARD_NEGATIVES, SimParams
from moat.detect.sim.personas import BENIGN, Member, World
from moat.traffic import DatasetWriter

LABELS_FILE = "labels.jsonl"
ORG_NAMES = ("Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell", "Cyberdyne",
             "Soylent", "Wonka", "Gringotts", "Oscorp", "Aperture", "Vandelay", "Pied Piper",
             "Dunder Mifflin", "Massive Dynamic", "Blue Sun", "Monarch")
# (org_id, name, domain, ranges only it uses, kinds of shared infrastructure it is also known to egress from)
RIVALS = (("rival-labs", "Rival Labs", "rival-labs.ai", ("203.0.113.0/24", "198.51.100.0/24"), ("coworking", "vpn")),
          ("frontier-ai", "Frontier AI", "frontier-ai.com", ("192.0.2.0/24",), ("cloud", "swg")))
# shared infrastructure: first octets of a cloud provider's egress, a commercial VPN's exits, a
# coworking building's floors, a secure-web-gateway vendor's proxies
SHARED = {"cloud": ("34", "35", "52"), "vpn": ("146.70", "89.187"), "coworking": ("72", "96"),
          "swg": ("165.225", "136.226")}
PLATFORMS = ("codeforge-ide", "quillcode")


def _shared(rng: random.Random) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for kind, prefixes in SHARED.items():
        out[kind] = []
        for prefix in prefixes:
            tail = ".".join(str(rng.randint(0, 255)) for _ in range(3 - prefix.count(".") - 1))
            out[kind].append(f"{prefix}.{tail}.0/24")
    return out


def _platforms(rng: random.Random) -> dict[str, tuple[list[str], str]]:
    """IDE platforms that relay their users' requests from a few addresses of their own."""
    out = {}
    for name in PLATFORMS:
        relay = f"44.{rng.randint(0, 255)}.{rng.randint(0, 255)}"
        out[name] = ([f"{relay}.{rng.randint(2, 250)}" for _ in range(rng.randint(2, 4))],
                     tx.platform_system(rng, name))
    return out


def _entities(rng: random.Random, shared: dict[str, list[str]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    orgs = []
    for k, name in enumerate(ORG_NAMES):
        slug = name.lower().replace(" ", "")
        orgs.append({"org_id": slug, "name": f"{name} Inc", "restricted": False,
                     "domains": [f"{slug}.com"], "ip_ranges": [f"64.{10 + k}.{rng.randint(0, 255)}.0/24"],
                     "payment_fingerprints": [f"pf_{rng.getrandbits(48):012x}"],
                     "sso_tenants": [f"{slug}.okta.com"]})
    rivals = [{"org_id": oid, "name": name, "restricted": True, "domains": [domain],
               "ip_ranges": [*ranges, *(shared[kind][0] for kind in kinds)],
               "payment_fingerprints": [f"pf_{rng.getrandbits(48):012x}" for _ in range(3)],
               "sso_tenants": [f"{oid}.okta.com"]} for oid, name, domain, ranges, kinds in RIVALS]
    return orgs, rivals


def build(params: SimParams) -> tuple[World, list[Member]]:
    """Decide who exists: entities and every account with its behaviour and label."""
    rng = random.Random(params.seed)
    shared = _shared(rng)
    orgs, rivals = _entities(rng, shared)
    world = World(params, rng, orgs, rivals, shared=shared,
                  exclusive={oid: list(ranges) for oid, _, _, ranges, _ in RIVALS}, platforms=_platforms(rng))
    builders: dict[str, Callable[[World, random.Random], list[Member]]] = {**BENIGN, **HARD, **ABUSE, **DATA_BENIGN,
                                                                           **DATA_ABUSE, **DATA_HARD, **DATA_CAREFUL}
    mixture = {k: v * params.hard_negatives if k in HARD_NEGATIVES else v for k, v in params.mixture.items()}
    total = sum(mixture.values()) or 1.0
    members: list[Member] = []
    for persona, weight in mixture.items():
        if persona not in builders:
            raise ValueError(f"unknown persona in mixture: {persona}")
        target = round(params.accounts * weight / total)
        got: list[Member] = []
        # Each persona draws from its own stream: adding a persona to the mixture, or changing
        # one, leaves every other persona's accounts and traffic as they were.
        mine = random.Random(f"{params.seed}:{persona}")
        while len(got) < target:
            group = builders[persona](world, mine)
            room = target - len(got)
            if len(group) > room and room < 3 and any(lab["network_id"] for _, _, lab in group):
                break  # a network needs at least three members
            got.extend(group[:room])
        members.extend(got)
    rng.shuffle(members)
    return world, members


def _stream(params: SimParams, members: list[Member]) -> Iterator[dict[str, Any]]:
    for acct, b, _ in members:
        b.active_from = acct["created_at"]
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
