"""Enforcement against a real `moat serve` (SQLite, then PostgreSQL): a reviewer's action through the
admin API is in force on the gateway within a second and undone as fast; an organization's block
reaches its subsidiary; a refused customer's appeal round trip through the gateway's HTTP API."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from moat.identity import keys
from moat.identity.models import Account, ApiKey, Organization, Ownership
from moat.store import open_store
from tests.gateway.conftest import (
    ADMIN_TOKEN,
    BOB_KEY,
    GatewayProcess,
    admin_log,
    make_gateway,
    postgres_schema,
    wait_for_record,
)
from tests.gateway.fake_upstream import FakeUpstream

DAVE_KEY = "sk-test-enf-dave-00000000000000000000"  # acme, clean: blocked then appeals
ERIN_KEY = "sk-test-enf-erin-00000000000000000000"  # holdco-sub, 70% owned by holdco
FRED_KEY = "sk-test-enf-fred-00000000000000000000"  # cluster net1 with dave's colleague
DEADLINE = 5.0  # effective "within 1 s" on every replica; the deadline only bounds a failing test


async def seed_more(url: str) -> None:
    store = open_store(url)
    await store.open()
    try:
        await store.upsert_org(Organization("enf-holdco", name="HoldCo"))
        await store.upsert_org(Organization("enf-holdco-sub", name="HoldCo Sub",
                                            owners=(Ownership("enf-holdco", 0.7),)))
        for account, org, secret in (("enf-dave", "acme", DAVE_KEY), ("enf-erin", "enf-holdco-sub", ERIN_KEY),
                                     ("enf-fred", None, FRED_KEY)):
            await store.upsert_account(Account(account, email=f"{account}@mail.example", plan="api", org_id=org))
            await store.insert_key(ApiKey(keys.new_key_id(), account, keys.key_prefix(secret),
                                          keys.hash_secret(secret), time.time()))
    finally:
        await store.close()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def gw(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
       fake_upstream: FakeUpstream) -> Iterator[GatewayProcess]:
    home = tmp_path_factory.mktemp("enf-gw")
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(postgres_schema()) if request.param == "postgres" else \
            f"sqlite:///{home / 'moat.db'}"
        gateway = make_gateway(home, url, fake_upstream.base)
        asyncio.run(seed_more(url))
        gateway.start()
        stack.callback(gateway.stop)
        yield gateway


def chat(gw: GatewayProcess, key: str) -> httpx.Response:
    return httpx.post(f"{gw.url}/v1/chat/completions", headers={"authorization": f"Bearer {key}"},
                      json={"model": "moat-demo", "messages": [{"role": "user", "content": "hi"}]}, timeout=10)


def admin(gw: GatewayProcess, method: str, path: str, body: Any = None, actor: str = "ann") -> Any:
    response = httpx.request(method, f"{gw.url}/admin{path}", json=body, timeout=10,
                             headers={"authorization": f"Bearer {ADMIN_TOKEN}", "moat-actor": actor})
    assert response.status_code < 300, response.text
    return response.json()


def until(check: Callable[[], httpx.Response], accept: Callable[[httpx.Response], bool]) -> httpx.Response:
    deadline = time.monotonic() + DEADLINE
    while True:
        response = check()
        if accept(response) or time.monotonic() > deadline:
            return response
        time.sleep(0.1)


def code(response: httpx.Response) -> str | None:
    return response.json().get("error", {}).get("code") if response.status_code >= 400 else None


def test_block_cluster_refuses_its_next_request_and_undo_allows_it(gw: GatewayProcess) -> None:
    assert chat(gw, FRED_KEY).status_code == 200
    findings = [{"account_id": "enf-fred", "risk": 0.97, "cluster_id": "net1", "evidence": ["templated prompts"]},
                {"account_id": "enf-erin", "risk": 0.2, "cluster_id": "net9", "evidence": []}]
    report = admin(gw, "POST", "/cases/import-findings", {"threshold": 0.9, "findings": findings})
    assert len(report["opened"]) == 1
    case_id = report["opened"][0]
    action = admin(gw, "POST", "/actions", {"kind": "block", "subject": "cluster:net1", "reason": "distillation",
                                            "case_id": case_id})
    refused = until(lambda: chat(gw, FRED_KEY), lambda r: r.status_code == 403)
    assert refused.status_code == 403 and code(refused) == "account_blocked"
    assert refused.json()["error"]["decision_id"]
    detail = admin(gw, "GET", f"/cases/{case_id}")
    assert detail["case"]["status"] == "actioned" and detail["actions"][0]["action_id"] == action["action_id"]
    admin(gw, "POST", f"/actions/{action['action_id']}/undo", {"reason": "false positive"}, actor="bob")
    assert until(lambda: chat(gw, FRED_KEY), lambda r: r.status_code == 200).status_code == 200
    entries = [(e["action"], e["actor"]) for e in admin_log(gw.store_url)]
    assert ("enforce.block", "admin-api:ann") in entries and ("enforce.undo", "admin-api:bob") in entries
    assert ("accounts.status", "admin-api:ann") in entries and ("accounts.status", "admin-api:bob") in entries
    listed = admin(gw, "GET", "/actions?subject=cluster:net1&limit=1")
    assert [a["action_id"] for a in listed["data"]] == [action["action_id"]]


def test_block_org_refuses_subsidiary_accounts(gw: GatewayProcess) -> None:
    assert chat(gw, ERIN_KEY).status_code == 200
    action = admin(gw, "POST", "/actions", {"kind": "block", "subject": "org:enf-holdco", "reason": "rival group"})
    refused = until(lambda: chat(gw, ERIN_KEY), lambda r: r.status_code == 403)
    assert code(refused) == "organization_blocked"
    admin(gw, "POST", "/actions/clear", {"subject": "org:enf-holdco", "reason": "cleared"})
    allowed = until(lambda: chat(gw, ERIN_KEY), lambda r: r.status_code == 200)
    assert allowed.status_code == 200, allowed.text
    assert admin(gw, "GET", f"/actions/{action['action_id']}")["status"] == "undone"


def test_appeal_round_trip(gw: GatewayProcess, tmp_path: Path) -> None:
    admin(gw, "POST", "/actions", {"kind": "block", "subject": "account:enf-dave", "reason": "scraping"})
    refused = until(lambda: chat(gw, DAVE_KEY), lambda r: r.status_code == 403)
    decision_id = refused.json()["error"]["decision_id"]
    assert decision_id in refused.json()["error"]["message"]
    appeals_url = f"{gw.url}/v1/appeals"
    dave = {"authorization": f"Bearer {DAVE_KEY}"}
    body = {"decision_id": decision_id, "message": "We are a customer in good standing"}
    created = until(lambda: httpx.post(appeals_url, headers=dave, json=body, timeout=10),
                    lambda r: r.status_code != 404)  # the decision is recorded a moment after the refusal
    assert created.status_code == 201, created.text
    appeal = created.json()
    assert appeal["status"] == "pending" and appeal["decision_id"] == decision_id
    # someone else's decision id, someone else's appeal, no key
    bob_refused = chat(gw, BOB_KEY)
    assert bob_refused.status_code == 403
    bob_decision = bob_refused.json()["error"]["decision_id"]
    asyncio.run(wait_for_record(gw.store_url, bob_refused.headers["x-request-id"]))
    bob = {"authorization": f"Bearer {BOB_KEY}"}
    other = httpx.post(appeals_url, headers=dave, json={"decision_id": bob_decision, "message": "mine"}, timeout=10)
    assert other.status_code == 404 and other.json()["error"]["code"] == "unknown_decision"
    assert httpx.post(appeals_url, headers=bob, json={"decision_id": bob_decision, "message": "not a rival"},
                      timeout=10).status_code == 201  # while its owner may appeal it
    assert httpx.get(f"{appeals_url}/{appeal['id']}", headers=bob, timeout=10).status_code == 404
    assert httpx.post(appeals_url, json=body, timeout=10).status_code == 401
    assert httpx.post(appeals_url, headers=dave, json={"message": "x"}, timeout=10).status_code == 400
    # the reviewer accepts; the customer sees it and is allowed again
    pending = admin(gw, "GET", "/appeals?status=pending")
    assert appeal["id"] in [a["appeal_id"] for a in pending["data"]]
    admin(gw, "POST", f"/appeals/{appeal['id']}/decide", {"accept": True, "note": "verified"}, actor="cy")
    seen = httpx.get(f"{appeals_url}/{appeal['id']}", headers=dave, timeout=10)
    assert seen.status_code == 200 and seen.json()["status"] == "accepted" and seen.json()["note"] == "verified"
    assert until(lambda: chat(gw, DAVE_KEY), lambda r: r.status_code == 200).status_code == 200
    entries = [(e["action"], e["actor"]) for e in admin_log(gw.store_url)]
    assert ("appeals.create", "account:enf-dave") in entries and ("appeals.accept", "admin-api:cy") in entries
