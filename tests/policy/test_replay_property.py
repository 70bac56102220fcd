"""Replay reproduces, as a property (issue 13 item 2): random traffic — any plan, credential and
status, declared, linked and end-user organizations restricted directly or through ownership,
signed or unsigned attribution, any scores of the account and its cluster — decided by the default
bundle over the gateway's directory, recorded with its inputs, written as a dataset whose accounts
and entities have *since changed*, and replayed by the same bundle: 0 changed. Lowering the
distillation threshold to t changes exactly the admitted requests whose recorded score lies in
[t, 0.8)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from moat.context import RequestContext, ResolvedEntity
from moat.identity.directory import Directory
from moat.identity.models import Account, ApiKey, Organization, Ownership
from moat.identity.snapshot import DirectorySnapshot
from moat.policy.bundle import DEFAULT_DIR, load_bundle
from moat.policy.engine import Engine
from moat.policy.inputs import recorded_inputs
from moat.policy.replay import replay
from moat.traffic import DatasetWriter

ORGS = [Organization("rival", domains=("rival.example",), restricted=True),
        Organization("rival-sub", domains=("sub.example",), owners=(Ownership("rival", 0.6),)),
        Organization("acme", domains=("acme.example",)), Organization("ide-co", domains=("ide.example",))]
PLANS = ("free", "pro", "max", "team", "enterprise", "api")


def _directory() -> Directory:
    directory = Directory(store=None)  # type: ignore[arg-type]  # served from memory, as when offline
    directory.start_offline(DirectorySnapshot(0.0, 0, ORGS, [], []))
    return directory


def _score(rng: random.Random) -> float:
    return rng.choice([0.0, 0.8, round(rng.random(), 3), rng.random()])


def _context(rng: random.Random, n: int, directory: Directory) -> RequestContext:
    domain = rng.choice(["acme.example", "rival.example", "sub.example", "gmail.com", "eng.rival.example"])
    account = Account(f"acct-{rng.randrange(40)}", email=f"u{n}@{domain}", plan=rng.choice(PLANS),
                      org_id=rng.choice([None, "acme", "rival-sub", "ide-co"]),
                      credential=rng.choice(["api_key", "api_key", "consumer_subscription"]),
                      verified=rng.random() < 0.5, status=rng.choice(["active"] * 8 + ["suspended", "blocked"]))
    entity_org = rng.choice([None, None, "rival", "acme", "rival-sub"])
    relayed = rng.random() < 0.3
    ctx = RequestContext(
        request_id=f"req_{n}", started=1_800_000_000.0 + n, api="openai",
        endpoint=rng.choice(["/v1/chat/completions", "/v1/messages"]), client_ip="10.0.0.1",
        user_agent=rng.choice(["python-httpx/0.27", "moat-app/1.0"]),
        key=ApiKey(f"key_{n}", account.account_id, "", "", 0.0), account=account,
        org=directory.org(account.org_id) if account.org_id else None,
        channel="platform" if relayed else "direct", platform="ide" if relayed else None,
        end_user_id=f"eu{n}" if relayed else None,
        end_user_org=rng.choice([None, "rival.example", "acme", "rival", "sub.example"]) if relayed else None,
        attribution_trust=rng.choice(["signed", "low"]) if relayed else "none",
        entity=ResolvedEntity(entity_org, round(rng.random(), 2) if entity_org else 0.0,
                              directory.is_restricted(entity_org), [f"linked {n}"] if entity_org else []),
        model="moat-demo", stream=rng.random() < 0.5, reasoning=rng.random() < 0.5,
        max_tokens=rng.choice([None, 100, 4000]), input_tokens_estimate=rng.randrange(1, 2000))
    if rng.random() < 0.7:
        ctx.scores = {"distillation": _score(rng), "scraping": _score(rng), "risk": _score(rng)}
        if rng.random() < 0.4:
            ctx.scores["cluster.distillation"] = _score(rng)
            ctx.extra["cluster_id"] = "net-" + str(rng.randrange(3))
    ctx.first_party = ctx.user_agent == "moat-app/1.0"
    return ctx


def _record(ctx: RequestContext, label: str, revision: str, directory: Directory) -> dict[str, Any]:
    """What moat.gateway.record writes of a call: the spec's fields, the extras, the inputs."""
    assert ctx.account is not None
    return {"ts": ctx.started, "request_id": ctx.request_id, "account_id": ctx.account.account_id,
            "key_id": ctx.key.key_id if ctx.key else None, "channel": ctx.channel, "platform": ctx.platform,
            "end_user_id": ctx.end_user_id, "end_user_org": ctx.end_user_org, "client_ip": ctx.client_ip,
            "user_agent": ctx.user_agent, "endpoint": ctx.endpoint, "model": ctx.model, "turn": 1,
            "input_tokens": 10, "output_tokens": 20, "reasoning": ctx.reasoning, "stream": ctx.stream,
            "status": 200, "decision": label, "policy_revision": revision,
            "org_id": ctx.org.org_id if ctx.org else None, "entity_org": ctx.entity.org_id,
            "entity_confidence": ctx.entity.confidence, "attribution_trust": ctx.attribution_trust,
            **recorded_inputs(ctx, directory)}


def _between(records: list[dict[str, Any]], low: float) -> int:
    return sum(1 for r in records if not r["decision"].startswith("deny:")
               and low <= max(r["scores"].get("distillation", 0.0), r["scores"].get("cluster.distillation", 0.0)) < 0.8)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_replay_of_random_traffic_with_its_bundle_changes_nothing(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    directory, engine = _directory(), Engine(load_bundle(DEFAULT_DIR))
    records = []
    for n in range(400):
        ctx = _context(rng, n, directory)
        records.append(_record(ctx, engine.decide(ctx, directory).label, engine.revision, directory))
    labels = {r["decision"] for r in records}
    assert {"allow", "deny:competitive_use_restricted", "deny:consumer_plan_automation"} <= labels

    dataset = tmp_path / "dataset"
    with DatasetWriter(dataset, entities=True) as writer:
        for r in records:
            writer.request(r)
        for account_id in sorted({r["account_id"] for r in records}):  # the directory since: all changed
            writer.account({"account_id": account_id, "plan": "api", "status": "suspended",
                            "credential": "consumer_subscription", "email": "x@rival.example"})
        for org in ORGS:  # ... and the rival's restriction lifted
            writer.entity({"org_id": org.org_id, "restricted": False, "domains": list(org.domains)})
    report = replay(dataset, engine)
    assert (report.requests, report.changed, report.from_dataset) == (400, 0, 0), report.render()

    threshold = round(rng.uniform(0.05, 0.5), 3)
    lowered = tmp_path / "lowered"
    shutil.copytree(DEFAULT_DIR, lowered, ignore=shutil.ignore_patterns("*_test.yaml"))
    path = lowered / "distillation.yaml"
    path.write_text(path.read_text().replace(">= 0.8", f">= {threshold}"))
    moved = replay(dataset, Engine(load_bundle(lowered)), engine)
    assert moved.changed == _between(records, threshold) > 0
