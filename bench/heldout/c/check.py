#!/usr/bin/env python3
"""Self-checks of held-out set "c": determinism, the recorded format, label consistency, what --careful does.

    python bench/heldout/c/check.py [--work DIR]

Generates small sets (200 accounts, 2 days) into DIR (default: bench/out/heldout-c-check in this
repository, which is gitignored) and fails with a message on the first broken promise of README.md.
It checks the generator's own contract only; it never runs or reads Moat's detectors.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import ipaddress
import json
import os
import statistics
import sys
from collections import defaultdict
from contextlib import redirect_stderr

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC_REQUEST = {"ts": float, "request_id": str, "account_id": str, "key_id": str, "channel": str, "client_ip": str,
                "user_agent": str, "endpoint": str, "model": str, "turn": int, "prompt": str, "input_tokens": int,
                "output_tokens": int, "reasoning": bool, "stream": bool, "status": int, "decision": str}
NULLABLE = ("platform", "end_user_id", "end_user_org", "conversation_id", "system")
DATA_FIELDS = {"kind": str, "method": str, "path": str, "items": int, "bytes": int}
DATA_NULLABLE = {"query": str, "resource": str, "resources": list, "key_use": str, "cut_reason": str}
SMALL = {"accounts": 200, "days": 2}


def load_generator():
    spec = importlib.util.spec_from_file_location("heldout_c_generate", os.path.join(HERE, "generate.py"))
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def generate(gen, out: str, seed: int, careful: float) -> None:
    with open(os.devnull, "w") as quiet, redirect_stderr(quiet):
        gen.run(out, seed, SMALL["accounts"], SMALL["days"], careful, dict(gen.DEFAULT_MIX))


def digest(out: str) -> str:
    h = hashlib.sha256()
    for name in ("accounts.jsonl", "requests.jsonl", "entities.jsonl", "labels.jsonl"):
        with open(os.path.join(out, name), "rb") as f:
            h.update(f.read())
    return h.hexdigest()


def rows(out: str, name: str) -> list[dict]:
    with open(os.path.join(out, name), encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def fail(msg: str) -> None:
    print("FAIL:", msg, file=sys.stderr)
    sys.exit(1)


def check_format(out: str, gen) -> None:
    accounts, labels, entities = rows(out, "accounts.jsonl"), rows(out, "labels.jsonl"), rows(out, "entities.jsonl")
    ids = [a["account_id"] for a in accounts]
    if len(set(ids)) != len(ids) or [lab["account_id"] for lab in labels] != ids:
        fail("labels.jsonl must have exactly one line per account, in accounts.jsonl order")
    for a in accounts:
        if not a.get("declared_use") or not a.get("declared_use_description"):
            fail(f"account {a['account_id']} lacks declared_use / declared_use_description")
    last = -1.0
    seen_ids = set()
    t0 = gen.datetime(2026, 11, 9, tzinfo=gen.timezone.utc).timestamp()
    t1 = t0 + SMALL["days"] * gen.DAY
    acct_ids = set(ids)
    for n, r in enumerate(rows(out, "requests.jsonl")):
        where = f"requests.jsonl line {n + 1}"
        for k, typ in {**SPEC_REQUEST, **DATA_FIELDS}.items():
            if not isinstance(r.get(k), typ) or (typ is int and isinstance(r.get(k), bool)):
                fail(f"{where}: {k} must be {typ.__name__}, is {r.get(k)!r}")
        for k in NULLABLE:
            if k not in r:
                fail(f"{where}: {k} missing (spec fields are all present, null when unknown)")
        for k, typ in DATA_NULLABLE.items():
            if k not in r or (r[k] is not None and not isinstance(r[k], typ)):
                fail(f"{where}: {k} must be {typ.__name__} or null")
        if r["kind"] != "data" or r["model"] != "" or r["input_tokens"] or r["output_tokens"]:
            fail(f"{where}: a data record has kind 'data', model '' and zero tokens (docs/data-apis.md)")
        if r["prompt"] != (r["query"] or ""):
            fail(f"{where}: prompt must hold the query string")
        if r["resources"] is not None and (len(r["resources"]) > 100 or len(set(r["resources"])) != len(r["resources"])):
            fail(f"{where}: resources are distinct and at most 100")
        if r["status"] in (304,) and (r["items"] or r["bytes"]):
            fail(f"{where}: a 304 delivers nothing")
        if not t0 <= r["ts"] < t1 or r["ts"] < last:
            fail(f"{where}: ts outside the window or not sorted")
        last = r["ts"]
        if r["request_id"] in seen_ids or r["account_id"] not in acct_ids:
            fail(f"{where}: duplicate request_id or unknown account")
        seen_ids.add(r["request_id"])
        if not r["path"].startswith(r["endpoint"]):
            fail(f"{where}: endpoint must be the route prefix of path")
    if not any(e["restricted"] for e in entities):
        fail("entities.jsonl lists no restricted rival lab")


def check_labels(out: str, gen) -> None:
    accounts = {a["account_id"]: a for a in rows(out, "accounts.jsonl")}
    labels = rows(out, "labels.jsonl")
    entities = {e["org_id"]: e for e in rows(out, "entities.jsonl")}
    restricted = {k for k, e in entities.items() if e["restricted"]}
    office_ips: dict[str, set[str]] = defaultdict(set)
    for r in rows(out, "requests.jsonl"):
        office_ips[r["account_id"]].add(r["client_ip"])
    tied_networks: dict[str, bool] = defaultdict(bool)
    for lab in labels:
        cats = lab["categories"]
        if any(c not in gen.CATS for c in cats) or cats != [c for c in gen.CATS if c in cats]:
            fail(f"{lab['account_id']}: categories {cats} not in the label vocabulary and order {gen.CATS}")
        if ("coordination" in cats) != (lab["network_id"] is not None):
            fail(f"{lab['account_id']}: network_id is set exactly for members of an abusive network")
        if ("competitor" in cats) != (lab["org_id"] in restricted):
            fail(f"{lab['account_id']}: competitor exactly when org_id is a restricted organization")
        if lab["declared_use_mismatch"] and "scraping" not in cats:
            fail(f"{lab['account_id']}: a declared-use violator is labelled scraping")
        if "competitor" not in cats:
            continue
        rv = entities[lab["org_id"]]
        acc = accounts[lab["account_id"]]
        office = ipaddress.ip_network(rv["ip_ranges"][0])
        tie = ((acc["email"] or "").split("@")[-1] in rv["domains"] or acc["payment_fingerprint"] in rv["payment_fingerprints"]
               or acc["sso_tenant"] in rv["sso_tenants"] or acc["org_id"] == rv["org_id"]
               or any(_in(ip, office) for ip in [acc["signup_ip"], *office_ips[lab["account_id"]]]))
        if lab["network_id"]:
            tied_networks[lab["network_id"]] |= tie
        elif not tie:
            fail(f"{lab['account_id']} ({lab['persona']}): rival-affiliated with no exclusive tie (README promises one)")
    for net, tied in tied_networks.items():
        if not tied:
            fail(f"rival-run network {net} has no member with an exclusive tie")
    paas = [e for e in entities.values() if e["restricted"] and "52.44.118.0/24" in e["ip_ranges"]]
    shared = sum(1 for lab in labels if lab["persona"] == "cloud_app" and any(ip.startswith("52.44.118.") for ip in office_ips[lab["account_id"]]))
    if not paas or shared < 3:
        fail("the shared PaaS range must be listed by a rival and used by several benign cloud apps")


def _in(ip: str | None, net) -> bool:
    try:
        return ip is not None and ipaddress.ip_address(ip) in net
    except ValueError:
        return False


def adversary_profile(out: str) -> tuple[float, float]:
    """Median requests and distinct addresses per single-account scraper (id, time and handle sweeps)."""
    kinds = {lab["account_id"] for lab in rows(out, "labels.jsonl")
             if lab["persona"].startswith(("id_sweep", "time_sweep", "handle_sweep"))}
    n: dict[str, int] = defaultdict(int)
    ips: dict[str, set[str]] = defaultdict(set)
    for r in rows(out, "requests.jsonl"):
        if r["account_id"] in kinds:
            n[r["account_id"]] += 1
            ips[r["account_id"]].add(r["client_ip"])
    return statistics.median(n.values()), statistics.median(len(v) for v in ips.values())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", default=os.path.join(HERE, "..", "..", "out", "heldout-c-check"))
    work = os.path.abspath(ap.parse_args().work)
    gen = load_generator()
    a, b, c, sloppy, careful = (os.path.join(work, x) for x in ("a", "b", "c", "sloppy", "careful"))
    generate(gen, a, 7, 0.5)
    generate(gen, b, 7, 0.5)
    generate(gen, c, 8, 0.5)
    if digest(a) != digest(b):
        fail("the same seed must give byte-identical files")
    if digest(a) == digest(c):
        fail("another seed must give other traffic")
    check_format(a, gen)
    check_labels(a, gen)
    generate(gen, sloppy, 7, 0.0)
    generate(gen, careful, 7, 1.0)
    for d in (sloppy, careful):
        check_labels(d, gen)
    (n0, ip0), (n1, ip1) = adversary_profile(sloppy), adversary_profile(careful)
    if not n1 < n0 / 2:
        fail(f"--careful 1 must at least halve a scraper's volume (median {n0:.0f} -> {n1:.0f})")
    if not ip1 > ip0:
        fail(f"--careful 1 must spread scrapers over more addresses (median {ip0:.0f} -> {ip1:.0f})")
    print(f"ok: deterministic, format and labels hold; scraper volume {n0:.0f} -> {n1:.0f}, addresses {ip0:.0f} -> {ip1:.0f} "
          "from --careful 0 to 1")


if __name__ == "__main__":
    main()
