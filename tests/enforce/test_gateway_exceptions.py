"""Exceptions against two real `moat serve` replicas on one store (SQLite, then PostgreSQL): an
engineer of a restricted lab is refused, appeals, the reviewer reads the proposed exception and what
it lifts, confirms it, and the next request is allowed on both replicas with the exception named in
its decision; a grant and a revocation reach both replicas within a second; expiry; a purpose-scoped
key; the admin log (issue 13 item 1)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from moat.identity import keys
from moat.identity.models import Account, ApiKey
from moat.store import open_store
from tests.gateway.conftest import ADMIN_TOKEN, GatewayProcess, admin_log, started_replicas
from tests.gateway.fake_upstream import FakeUpstream

RITA_KEY = "sk-test-exc-rita-00000000000000000000"  # rival's engineer: appeals
TOM_KEY = "sk-test-exc-tom-000000000000000000000"  # rival: granted, then revoked
UMA_KEY = "sk-test-exc-uma-000000000000000000000"  # rival: an exception that expires
SAM_KEY = "sk-test-exc-sam-000000000000000000000"  # rival: an ordinary key beside a purpose-scoped one
WITHIN = 1.0  # the bound for every replica
DEADLINE = 5.0  # only bounds a failing wait


async def seed_more(url: str) -> None:
    store = open_store(url)
    await store.open()
    try:
        for account, secret in (("exc-rita", RITA_KEY), ("exc-tom", TOM_KEY), ("exc-uma", UMA_KEY),
                                ("exc-sam", SAM_KEY)):
            await store.upsert_account(Account(account, email=f"{account}@rival.example", plan="api", org_id="rival"))
            await store.insert_key(ApiKey(keys.new_key_id(), account, keys.key_prefix(secret),
                                          keys.hash_secret(secret), time.time()))
    finally:
        await store.close()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def replicas(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
             fake_upstream: FakeUpstream) -> Iterator[tuple[GatewayProcess, GatewayProcess]]:
    with started_replicas(request.param, tmp_path_factory.mktemp("exc-gw"), fake_upstream.base, seed_more) as both:
        yield both


def chat(gw: GatewayProcess, key: str) -> httpx.Response:
    return httpx.post(f"{gw.url}/v1/chat/completions", headers={"authorization": f"Bearer {key}"},
                      json={"model": "moat-demo", "messages": [{"role": "user", "content": "hi"}]}, timeout=10)


def admin(gw: GatewayProcess, method: str, path: str, body: Any = None, actor: str = "ann", status: int = 0) -> Any:
    response = httpx.request(method, f"{gw.url}/admin{path}", json=body, timeout=10,
                             headers={"authorization": f"Bearer {ADMIN_TOKEN}", "moat-actor": actor})
    if status:
        assert response.status_code == status, response.text
    else:
        assert response.status_code < 300, response.text
    return response.json()


def code(response: httpx.Response) -> str | None:
    return response.json().get("error", {}).get("code") if response.status_code >= 400 else None


def until(check: Callable[[], httpx.Response],
          accept: Callable[[httpx.Response], bool]) -> tuple[httpx.Response, float]:
    """The first response `accept`s (or the last, past the deadline) and the seconds it took."""
    t0 = time.monotonic()
    while True:
        response = check()
        if accept(response) or time.monotonic() - t0 > DEADLINE:
            return response, time.monotonic() - t0
        time.sleep(0.05)


def decision(store_url: str, decision_id: str) -> dict[str, Any]:
    """The decision-log entry, once the recorder has written it."""
    async def read() -> dict[str, Any]:
        store = open_store(store_url)
        await store.open()
        try:
            for _ in range(200):
                found = await store.decision(decision_id)
                if found is not None:
                    return found
                await asyncio.sleep(0.05)
        finally:
            await store.close()
        raise AssertionError(f"decision {decision_id} was never recorded")

    return asyncio.run(read())


def test_accepted_appeal_proposes_and_grants_the_exception_that_unblocks(
        replicas: tuple[GatewayProcess, GatewayProcess]) -> None:
    a, b = replicas
    refused = chat(a, RITA_KEY)
    assert refused.status_code == 403 and code(refused) == "competitive_use_restricted"
    appeals_url = f"{a.url}/v1/appeals"
    body = {"decision_id": refused.json()["error"]["decision_id"], "message": "we evaluate your model's safety"}
    created, _ = until(lambda: httpx.post(appeals_url, headers={"authorization": f"Bearer {RITA_KEY}"}, json=body,
                                          timeout=10), lambda r: r.status_code != 404)
    assert created.status_code == 201, created.text
    appeal_id = created.json()["id"]
    # before confirming: the proposal names the exception and the refusals it lifts
    proposal = admin(a, "GET", f"/appeals/{appeal_id}/proposal")
    assert proposal["exception"]["subject"] == "account:exc-rita"
    assert proposal["exception"]["lifts"] == "reason:competitive_use_restricted"
    assert proposal["exception"]["purpose"] == "appeal_accepted"
    lifted = {r["decision_id"]: r["lifted"] for r in proposal["refusals"]}
    assert lifted.get(body["decision_id"]) is True and proposal["still_refused"] == 0
    # confirmed with the decision: both replicas allow the next request, naming the exception
    decided = admin(a, "POST", f"/appeals/{appeal_id}/decide", {"accept": True, "note": "unblocking",
                                                                "exception": True}, actor="cy")
    assert decided["status"] == "accepted" and len(decided["exceptions"]) == 1
    granted = decided["exceptions"][0]
    assert granted["appeal_id"] == appeal_id and granted["granted_by"] == "admin-api:cy"
    for gw in (a, b):
        allowed, took = until(lambda gw=gw: chat(gw, RITA_KEY), lambda r: r.status_code == 200)
        assert allowed.status_code == 200, allowed.text
        assert took < WITHIN + 0.5
        entry = decision(gw.store_url, allowed.headers["moat-decision-id"])
        assert f"exception:{granted['exception_id']}" in entry["rules"]
        assert any(line.startswith(f"allowed by exception {granted['exception_id']} granted by admin-api:cy until ")
                   for line in entry["explanation"]), entry["explanation"]
    entries = admin_log(a.store_url)
    grants = [e for e in entries if e["action"] == "exceptions.grant"
              and e["details"]["exception_id"] == granted["exception_id"]]
    assert grants and grants[0]["actor"] == "admin-api:cy"
    accept = [e for e in entries if e["action"] == "appeals.accept" and e["target"] == appeal_id]
    assert accept[0]["details"]["exception_id"] == granted["exception_id"]


def test_grant_and_revoke_reach_both_replicas_within_a_second(replicas: tuple[GatewayProcess, GatewayProcess]) -> None:
    a, b = replicas
    assert code(chat(b, TOM_KEY)) == "competitive_use_restricted"
    grant = admin(a, "POST", "/exceptions", {"subject": "account:exc-tom", "lifts": "reason:competitive_use_restricted",
                                             "purpose": "benchmarking", "note": "published benchmark, ticket 42",
                                             "until": "1d"})
    for gw in (a, b):
        allowed, took = until(lambda gw=gw: chat(gw, TOM_KEY), lambda r: r.status_code == 200)
        assert allowed.status_code == 200 and took < WITHIN, (gw.url, took)
    listed = admin(b, "GET", "/exceptions?status=active&subject=account:exc-tom")
    assert [g["exception_id"] for g in listed["data"]] == [grant["exception_id"]]
    admin(b, "POST", f"/exceptions/{grant['exception_id']}/revoke", {"reason": "benchmark published"}, actor="dee")
    for gw in (a, b):
        refused, took = until(lambda gw=gw: chat(gw, TOM_KEY), lambda r: r.status_code == 403)
        assert code(refused) == "competitive_use_restricted" and took < WITHIN, (gw.url, took)
    assert admin(a, "GET", f"/exceptions/{grant['exception_id']}")["state"] == "revoked"
    admin(a, "POST", f"/exceptions/{grant['exception_id']}/revoke", {"reason": "again"}, status=400)
    actions = [(e["action"], e["actor"]) for e in admin_log(a.store_url) if e["target"] == "account:exc-tom"]
    assert ("exceptions.grant", "admin-api:ann") in actions and ("exceptions.revoke", "admin-api:dee") in actions


def test_an_exception_stops_applying_when_it_expires(replicas: tuple[GatewayProcess, GatewayProcess]) -> None:
    a, b = replicas
    ends = time.time() + 2.0
    grant = admin(a, "POST", "/exceptions", {"subject": "account:exc-uma", "lifts": "all", "purpose": "research",
                                             "note": "two seconds", "until": ends})
    assert until(lambda: chat(b, UMA_KEY), lambda r: r.status_code == 200)[0].status_code == 200
    time.sleep(max(0.0, ends - time.time()) + 0.1)
    for gw in (a, b):
        assert code(chat(gw, UMA_KEY)) == "competitive_use_restricted"
    assert admin(a, "GET", f"/exceptions/{grant['exception_id']}")["state"] == "expired"
    assert grant["exception_id"] in [g["exception_id"] for g in admin(a, "GET", "/exceptions?status=expired")["data"]]


def test_a_purpose_scoped_key_is_allowed_only_for_its_purpose(replicas: tuple[GatewayProcess, GatewayProcess]) -> None:
    a, b = replicas
    created = admin(a, "POST", "/keys", {"account": "exc-sam", "purpose": "safety_evaluation"})
    assert created["purpose"] == "safety_evaluation"
    evaluation_key = created["key"]
    admin(a, "POST", "/exceptions", {"subject": "org:rival", "lifts": "reason:competitive_use_restricted",
                                     "purpose": "safety_evaluation", "key_purpose": "safety_evaluation",
                                     "note": "pre-release safety evaluation under agreement", "until": "30d"})
    for gw in (a, b):
        allowed, _ = until(lambda gw=gw: chat(gw, evaluation_key), lambda r: r.status_code == 200)
        assert allowed.status_code == 200, allowed.text
        assert code(chat(gw, SAM_KEY)) == "competitive_use_restricted"  # the same account's other key
    # referential checks
    admin(a, "POST", "/exceptions", {"subject": "org:nobody", "lifts": "all", "purpose": "research", "note": "x",
                                     "until": "1d"}, status=404)
    admin(a, "POST", "/exceptions", {"subject": "account:exc-sam", "lifts": "rule:no-such-rule",
                                     "purpose": "research", "note": "x", "until": "1d"}, status=404)
    admin(a, "POST", "/exceptions", {"subject": "account:exc-sam", "lifts": "all", "purpose": "research",
                                     "note": "x"}, status=400)
