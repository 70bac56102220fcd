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
