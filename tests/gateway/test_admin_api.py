"""The admin HTTP API: token required, directory operations end to end, keys that work at once."""

from __future__ import annotations

import time

import httpx
import openai
import pytest

from tests.gateway.conftest import ADMIN_TOKEN, GatewayProcess, admin_log

ADMIN = {"authorization": f"Bearer {ADMIN_TOKEN}", "moat-actor": "tester"}


def test_admin_requires_the_token(gateway: GatewayProcess) -> None:
    assert httpx.get(gateway.url + "/admin/orgs").status_code == 401
    wrong = httpx.get(gateway.url + "/admin/orgs", headers={"authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "invalid_admin_token"


def test_directory_round_trip_through_the_api(gateway: GatewayProcess) -> None:
    with httpx.Client(base_url=gateway.url, headers=ADMIN, timeout=10) as api:
        org = api.post("/admin/orgs", json={"org_id": "initech", "name": "Initech", "domains": ["initech.example"]})
        assert org.status_code == 201, org.text
        assert api.get("/admin/orgs/initech").json()["name"] == "Initech"
        bad = api.post("/admin/accounts", json={"account_id": "peter", "email": "p@initech.example", "plan": "gold"})
        assert bad.status_code == 400 and "plan" in bad.json()["error"]["message"]
        account = api.post("/admin/accounts", json={"account_id": "peter", "email": "peter@initech.example",
                                                   "plan": "team", "org": "initech"})
        assert account.status_code == 201, account.text
        created = api.post("/admin/keys", json={"account": "peter"}).json()
        secret, key_id = created["key"], created["key_id"]
        listed = api.get("/admin/keys").json()["data"]
        assert key_id in {k["key_id"] for k in listed}
        assert secret not in str(listed)  # never shown again
        assert api.get("/admin/orgs/nope").status_code == 404

        sdk = openai.OpenAI(base_url=f"{gateway.url}/v1", api_key=secret, max_retries=0)
        sdk.chat.completions.create(model="moat-demo", messages=[{"role": "user", "content": "hi"}])
        assert api.post(f"/admin/keys/{key_id}/revoke").status_code == 200
        deadline = time.monotonic() + 5
        refused = False
        while not refused and time.monotonic() < deadline:
            try:
                sdk.chat.completions.create(model="moat-demo", messages=[{"role": "user", "content": "hi"}])
            except openai.AuthenticationError:
                refused = True
        assert refused

        entities = b'{"org_id": "globex", "name": "Globex", "restricted": true, "domains": ["globex.example"]}\n{bad\n'
        report = api.post("/admin/entities", content=entities).json()
        assert report["imported"] == 1 and report["errors"] and "entities.jsonl:2" in report["errors"][0]

    log = admin_log(gateway.store_url)
    actions = [(entry["action"], entry["actor"], entry["target"]) for entry in log]
    assert ("keys.revoke", "admin-api:tester", key_id) in actions
    assert ("orgs.add", "admin-api:tester", "initech") in actions
    assert all(secret not in str(entry) for entry in log)


@pytest.mark.parametrize("path", ["/admin/keys", "/admin/orgs"])
def test_admin_bad_json(gateway: GatewayProcess, path: str) -> None:
    response = httpx.post(gateway.url + path, content=b"{oops", headers=ADMIN)
    assert response.status_code == 400


SENTENCE = "academic research on public discourse"


def test_keys_carry_a_declared_use_through_the_api(gateway: GatewayProcess) -> None:
    """`POST /admin/keys` and `/admin/keys/import` take `use` and `use_description` as `moat keys
    create --use --use-description` does, and the listing returns them (docs/data-apis.md)."""
    with httpx.Client(base_url=gateway.url, headers=ADMIN, timeout=10) as api:
        made = api.post("/admin/keys", json={"account": "alice", "use": "research", "name": "lab",
                                             "use_description": f"  {SENTENCE}  "})
        assert made.status_code == 201, made.text
        created = made.json()
        assert (created["use"], created["use_description"]) == ("research", SENTENCE)  # trimmed
        imported = api.post("/admin/keys/import", json={"account": "alice", "secret": "sk-declared-0123456789ab",
                                                        "use": "commercial", "use_description": "a dashboard"})
        assert imported.status_code == 201, imported.text
        assert imported.json()["use"] == "commercial"
        plain = api.post("/admin/keys", json={"account": "alice"}).json()
        assert (plain["use"], plain["use_description"]) == ("", "")

        listed = {k["key_id"]: k for k in api.get("/admin/keys", params={"account": "alice"}).json()["data"]}
        assert {k["account_id"] for k in listed.values()} == {"alice"}
        assert listed[created["key_id"]]["use_description"] == SENTENCE and listed[created["key_id"]]["name"] == "lab"
        assert listed[imported.json()["key_id"]]["use_description"] == "a dashboard"
        assert listed[plain["key_id"]]["use"] == ""
        assert api.get("/admin/keys", params={"account": "nobody"}).status_code == 404

    # The directory serves the declared use to the gateway: the key works at once.
    works = httpx.post(gateway.url + "/v1/chat/completions", headers={"authorization": f"Bearer {created['key']}"},
                       json={"model": "moat-demo", "messages": [{"role": "user", "content": "hi"}]}, timeout=10)
    assert works.status_code == 200, works.text
    log = [e for e in admin_log(gateway.store_url) if e["target"] == created["key_id"]]
    assert log and SENTENCE in str(log)


@pytest.mark.parametrize(("path", "body", "param", "code", "message"), [
    ("/admin/keys", {"use": "Research"}, "use", "invalid_use", "invalid use 'Research'"),
    ("/admin/keys", {"use": "academic research"}, "use", "invalid_use", "one lower-case word"),
    ("/admin/keys", {"use_description": "a sentence"}, "use", "invalid_use_description",
     "a use description (use_description) needs a use category (use)"),
    ("/admin/keys", {"use": "research", "use_description": "x" * 501}, "use_description",
     "invalid_use_description", "use_description too long: 501 characters, at most 500"),
    ("/admin/keys", {"use": 7}, "use", "invalid_type", "'use' must be a string"),
    ("/admin/keys", {"use": "research", "use_desc": "typo"}, "use_desc", "unknown_field", "unknown field 'use_desc'"),
    ("/admin/keys/import", {"secret": "sk-declared-bad-000000", "use": "Resale!"}, "use", "invalid_use",
     "invalid use 'Resale!'"),
    ("/admin/keys/import", {"secret": "sk-declared-bad-000000", "purpose": "x"}, "purpose", "unknown_field",
     "unknown field 'purpose'"),
])
def test_a_bad_declared_use_is_a_precise_400(gateway: GatewayProcess, path: str, body: dict[str, object],
                                            param: str, code: str, message: str) -> None:
    response = httpx.post(gateway.url + path, json={"account": "alice", **body}, headers=ADMIN, timeout=10)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert (error["param"], error["code"]) == (param, code) and message in error["message"], error
    keys = httpx.get(gateway.url + "/admin/keys", params={"account": "alice"}, headers=ADMIN, timeout=10).json()
    assert not any(k["use"] in ("Research", "Resale!") for k in keys["data"])  # nothing was created
