"""Platforms and webhooks managed through the admin API, against two real `moat serve` replicas on one
store (SQLite, then PostgreSQL): a platform registered on one replica is accepted for signed
attribution by the other within a second and refused as soon after its removal; a registered
webhook receives an event another replica emits; invalid bodies get every problem named; the
settings file's entries win; every change is in the admin log (issue 13 item 5)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import orjson
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from moat.enforce.webhooks import verify_signature
from moat.identity import keys
from moat.identity.attribution import sign_attribution
from moat.identity.models import Account, ApiKey
from moat.platform.ed25519 import public_key_b64
from moat.store import open_store
from tests.enforce.test_gateway_exceptions import WITHIN, admin, code, until
from tests.enforce.webhook_server import WebhookServer
from tests.gateway.conftest import GatewayProcess, admin_log, started_replicas
from tests.gateway.fake_upstream import FakeUpstream

RELAY_KEY = "sk-test-reg-relay-000000000000000000"  # the account a newly onboarded platform uses
PLATFORM_KEY = Ed25519PrivateKey.generate()


async def seed_more(url: str) -> None:
    store = open_store(url)
    await store.open()
    try:
        await store.upsert_account(Account("relay-vendor", email="ops@relay.example", plan="enterprise"))
        await store.insert_key(ApiKey(keys.new_key_id(), "relay-vendor", keys.key_prefix(RELAY_KEY),
                                      keys.hash_secret(RELAY_KEY), time.time()))
    finally:
        await store.close()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def replicas(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
             fake_upstream: FakeUpstream) -> Iterator[tuple[GatewayProcess, GatewayProcess]]:
    with started_replicas(request.param, tmp_path_factory.mktemp("reg-gw"), fake_upstream.base, seed_more) as both:
        yield both


def signed_chat(gw: GatewayProcess) -> httpx.Response:
    """A relayed request with a fresh token (a nonce is single-use) signed by the new platform."""
    token = sign_attribution("relay-ide", PLATFORM_KEY, sub="end-user-7", org="acme.example")
    return httpx.post(f"{gw.url}/v1/chat/completions", timeout=10,
                      headers={"authorization": f"Bearer {RELAY_KEY}", "moat-attribution": token},
                      json={"model": "moat-demo", "messages": [{"role": "user", "content": "hi"}]})


def test_a_registered_platform_is_accepted_everywhere_within_a_second_and_refused_after_removal(
        replicas: tuple[GatewayProcess, GatewayProcess]) -> None:
    a, b = replicas
    assert code(signed_chat(b)) == "attribution_unknown_platform"
    added = admin(a, "POST", "/platforms", {"platform_id": "relay-ide", "account_id": "relay-vendor",
                                            "public_key": public_key_b64(PLATFORM_KEY), "name": "Relay IDE"},
                  status=201)
    assert added["source"] == "store" and added["key"] == "ed25519"
    assert signed_chat(a).status_code == 200  # the answering replica applied it before answering
    accepted, took = until(lambda: signed_chat(b), lambda r: r.status_code == 200)
    assert accepted.status_code == 200 and took < WITHIN, (accepted.text, took)
    listed = {p["platform_id"]: p for p in admin(b, "GET", "/platforms")["data"]}
    assert listed["codeide"]["source"] == "settings" and listed["relay-ide"]["in_force"] is True
    assert "hs256_secret" not in listed["codeide"]  # secrets are never listed
    admin(b, "DELETE", "/platforms/relay-ide", actor="dee")
    refused, took = until(lambda: signed_chat(a), lambda r: r.status_code == 401)
    assert code(refused) == "attribution_unknown_platform" and took < WITHIN, took
    admin(a, "DELETE", "/platforms/relay-ide", status=404)
    log = [(e["action"], e["actor"]) for e in admin_log(a.store_url) if e["target"] == "relay-ide"]
    assert log == [("platform.add", "admin-api:ann"), ("platform.remove", "admin-api:dee")]


def test_the_settings_file_wins_and_names_are_unique(replicas: tuple[GatewayProcess, GatewayProcess]) -> None:
    a, _ = replicas
    body = {"platform_id": "codeide", "account_id": "relay-vendor", "hs256_secret": "s"}
    assert admin(a, "POST", "/platforms", body, status=409)["error"]["code"] == "platform_in_settings"
    assert admin(a, "DELETE", "/platforms/codeide", status=409)["error"]["code"] == "platform_in_settings"
    # the settings file's codeide relays through ide-vendor: that account cannot relay a second platform
    taken = admin(a, "POST", "/platforms", {**body, "platform_id": "other", "account_id": "ide-vendor"}, status=409)
    assert taken["error"]["code"] == "platform_account_taken"
    admin(a, "POST", "/platforms", {**body, "platform_id": "twice"}, status=201)
    assert admin(a, "POST", "/platforms", {**body, "platform_id": "twice"}, status=409)["error"]["code"] == \
        "platform_exists"
    admin(a, "DELETE", "/platforms/twice")


@pytest.mark.parametrize(("path", "body", "message"), [
    ("/platforms", {}, "request body: platform_id is required; request body: account_id is required"),
    ("/platforms", {"platform_id": "p", "account_id": "relay-vendor"},
     "request body: a platform needs exactly one of public_key (Ed25519) and hs256_secret"),
    ("/platforms", {"platform_id": "p", "account_id": "relay-vendor", "public_key": "nope"},
     'request body: public_key = "nope": must be an Ed25519 public key, PEM or 32 bytes in base64'),
    ("/platforms", {"platform_id": "p", "account_id": "nobody", "hs256_secret": "s"},
     'request body: account_id = "nobody": must be an account in the directory (moat accounts add)'),
    ("/platforms", {"platform_id": "p", "acount_id": "relay-vendor", "hs256_secret": "s"},
     "request body: unknown setting acount_id; did you mean account_id?"),
    ("/platforms", {"platform_id": "p", "account_id": "relay-vendor", "hs256_secret": "s", "active": "yes"},
     'request body: active = "yes": must be true or false'),
    ("/platforms", {"platform_id": "a b", "account_id": "relay-vendor", "hs256_secret": "s"},
     'request body: platform_id = "a b": must be a name of letters, digits'),
    ("/webhooks", {"name": "w", "url": "ftp://example.com/x"},
     'request body: url = "ftp://example.com/x": must be an http:// or https:// URL'),
    ("/webhooks", {"name": "w", "url": "https://example.com/x", "events": ["case.nope"]},
     'request body: events = "case.nope": must be "*" or one of action.applied'),
    ("/webhooks", {"name": "w", "url": "https://example.com/x", "max_attempts": 0},
     "request body: max_attempts = 0: must be an integer at least 1"),
    ("/webhooks", {"url": "https://example.com/x"}, "request body: name is required"),
])
def test_invalid_bodies_get_precise_errors(replicas: tuple[GatewayProcess, GatewayProcess], path: str,
                                           body: dict[str, Any], message: str) -> None:
    a, _ = replicas
    error = admin(a, "POST", path, body, status=400)["error"]
    assert error["message"].startswith(message), error["message"]
    assert error["code"] in ("invalid_platform", "invalid_webhook")


def test_a_registered_webhook_receives_an_event_from_another_replica(
        replicas: tuple[GatewayProcess, GatewayProcess]) -> None:
    a, b = replicas
    receiver = WebhookServer().start()
    try:
        admin(a, "POST", "/webhooks", {"name": "soc", "url": receiver.url, "secret": "whsec-test",
                                       "events": ["case.opened"]}, status=201)
        listed = {h["name"]: h for h in admin(b, "GET", "/webhooks")["data"]}
        assert listed["soc"]["signed"] is True and "secret" not in listed["soc"]
        time.sleep(WITHIN)  # replica b follows the change feed
        opened = admin(b, "POST", "/cases", {"subject": "account:gina", "title": "hooked"}, status=201)
        deadline = time.monotonic() + 10
        while not receiver.received and time.monotonic() < deadline:
            time.sleep(0.05)
        assert receiver.received, "no delivery"
        delivery = receiver.received[0]
        event = orjson.loads(delivery.body)
        assert event["type"] == "case.opened" and event["data"]["case"]["case_id"] == opened["case_id"]
        assert verify_signature("whsec-test", delivery.body, delivery.headers["moat-signature"])
        admin(a, "POST", "/webhooks", {"name": "soc2", "url": receiver.url}, status=409)  # one URL, one entry
        admin(b, "DELETE", "/webhooks/soc")
    finally:
        receiver.stop()
    log = [(e["action"], e["details"]) for e in admin_log(a.store_url) if e["target"] == "soc"]
    assert [action for action, _ in log] == ["webhook.add", "webhook.remove"]
    assert "whsec-test" not in orjson.dumps(log).decode()
