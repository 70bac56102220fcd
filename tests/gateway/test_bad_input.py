"""Bad input gets a precise error in the API's own shape, a record, and loses nothing."""

from __future__ import annotations

import asyncio
import time

import httpx
import orjson
import pytest

from moat.identity import keys
from moat.identity.models import ApiKey
from moat.store import open_store
from tests.gateway.conftest import ALICE_KEY, GatewayProcess, wait_for_record
from tests.gateway.fake_upstream import FakeUpstream

CHAT = "/v1/chat/completions"
MESSAGES = "/v1/messages"
AUTH = {"authorization": f"Bearer {ALICE_KEY}"}


def post(gateway: GatewayProcess, path: str, content: bytes, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.post(gateway.url + path, content=content, headers=headers if headers is not None else AUTH,
                      timeout=10)


@pytest.mark.parametrize(("body", "fragment"), [
    (b"{not json", "not valid JSON"),
    (b"[1, 2]", "must be a JSON object"),
    (b"", "empty"),
    (b'{"model": 5, "messages": [{"role": "user", "content": "x"}]}', "'model'"),
    (b'{"model": "moat-demo", "messages": "hi"}', "'messages'"),
    (b'{"model": "moat-demo", "messages": [{"role": "user", "content": "x"}], "stream": "yes"}', "'stream'"),
    (b'{"model": "moat-demo", "messages": [{"role": "user", "content": "x"}], "max_tokens": "9"}', "'max_tokens'"),
    (b'{"model": "moat-demo", "messages": [{"content": "x"}]}', "role"),
])
def test_openai_bad_bodies(gateway: GatewayProcess, body: bytes, fragment: str) -> None:
    response = post(gateway, CHAT, body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "invalid_request_error" and fragment in error["message"]
    record = asyncio.run(wait_for_record(gateway.store_url, response.headers["x-request-id"]))
    assert record["status"] == 400 and record["account_id"] == "alice"


def test_anthropic_bad_body_shape(gateway: GatewayProcess) -> None:
    response = post(gateway, MESSAGES, b'{"model": "moat-demo", "messages": [{"role": "user", "content": "x"}]}',
                    {"x-api-key": ALICE_KEY})
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "error" and body["error"]["type"] == "invalid_request_error"
    assert "max_tokens" in body["error"]["message"] and body["request_id"] == response.headers["request-id"]


def test_oversized_body_declared_and_chunked(gateway: GatewayProcess) -> None:
    big = b'{"model": "moat-demo", "messages": [{"role": "user", "content": "' + b"x" * (33 << 20) + b'"}]}'
    response = post(gateway, CHAT, big)
    assert response.status_code == 413
    assert response.json()["error"]["type"] == "request_too_large"

    def chunks():  # no Content-Length: the gateway must count as it reads
        for i in range(0, len(big), 1 << 20):
            yield big[i:i + (1 << 20)]

    response = httpx.post(gateway.url + MESSAGES, content=chunks(), headers={"x-api-key": ALICE_KEY}, timeout=10)
    assert response.status_code == 413
    assert response.json()["error"]["type"] == "request_too_large"


def test_missing_and_unknown_keys(gateway: GatewayProcess) -> None:
    body = b'{"model": "moat-demo", "messages": [{"role": "user", "content": "x"}]}'
    missing = post(gateway, CHAT, body, {})
    assert missing.status_code == 401 and missing.json()["error"]["code"] == "missing_api_key"
    unknown = post(gateway, CHAT, body, {"authorization": "Bearer sk-never-issued-00000000000"})
    assert unknown.status_code == 401 and unknown.json()["error"]["type"] == "authentication_error"
    short = post(gateway, MESSAGES, body, {"x-api-key": "short"})
    assert short.status_code == 401 and short.json()["error"]["type"] == "authentication_error"
    record = asyncio.run(wait_for_record(gateway.store_url, unknown.headers["x-request-id"]))
    assert record["status"] == 401 and record["account_id"] is None


async def _add_key(store_url: str, secret: str, *, expires_at: float | None = None) -> str:
    store = open_store(store_url)
    await store.open()
    key = ApiKey(keys.new_key_id(), "alice", keys.key_prefix(secret), keys.hash_secret(secret), time.time(),
                 expires_at=expires_at)
    await store.insert_key(key)
    await store.close()
    return key.key_id


async def _revoke(store_url: str, key_id: str) -> None:
    store = open_store(store_url)
    await store.open()
    await store.revoke_key(key_id, time.time())
    await store.close()


def test_expired_and_revoked_keys(gateway: GatewayProcess) -> None:
    body = b'{"model": "moat-demo", "messages": [{"role": "user", "content": "x"}]}'
    expired = "sk-expired-000000000000000000000"
    asyncio.run(_add_key(gateway.store_url, expired, expires_at=time.time() - 5))
    response = post(gateway, CHAT, body, {"authorization": f"Bearer {expired}"})
    assert response.status_code == 401 and "expired" in response.json()["error"]["message"]

    secret = "sk-to-revoke-0000000000000000000"
    key_id = asyncio.run(_add_key(gateway.store_url, secret))
    assert post(gateway, CHAT, body, {"authorization": f"Bearer {secret}"}).status_code == 200
    asyncio.run(_revoke(gateway.store_url, key_id))
    deadline = time.monotonic() + 5
    status = 200
    while time.monotonic() < deadline and status == 200:
        status = post(gateway, CHAT, body, {"authorization": f"Bearer {secret}"}).status_code
    assert status == 401


def test_unknown_path_and_method(gateway: GatewayProcess) -> None:
    assert httpx.get(gateway.url + "/v1/nothing").status_code == 404
    wrong = httpx.get(gateway.url + CHAT)
    assert wrong.status_code == 405 and wrong.headers["allow"] == "POST"


def test_client_disconnect_cancels_upstream(gateway: GatewayProcess, fake_upstream: FakeUpstream) -> None:
    before = fake_upstream.stats["hang_cancelled"]
    body = orjson.dumps({"model": "hang-1", "stream": True, "messages": [{"role": "user", "content": "x"}]})
    with httpx.Client(timeout=10) as c, c.stream("POST", gateway.url + CHAT, content=body, headers=AUTH) as r:
        request_id = r.headers["x-request-id"]
        for _ in r.iter_bytes():
            break  # read the first events, then hang up
    record = asyncio.run(wait_for_record(gateway.store_url, request_id))
    assert record["status"] == 499
    deadline = time.monotonic() + 5  # the upstream sees its connection dropped: generation cancelled
    while fake_upstream.stats["hang_cancelled"] == before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert fake_upstream.stats["hang_cancelled"] == before + 1


def test_health_ready_metrics(gateway: GatewayProcess) -> None:
    assert httpx.get(gateway.url + "/healthz").json() == {"status": "ok"}
    ready = httpx.get(gateway.url + "/readyz").json()
    assert ready["status"] == "ready" and ready["checks"]["store"] == "ok"
    metrics = httpx.get(gateway.url + "/metrics").text
    assert "moat_requests_total" in metrics and "moat_added_latency_seconds_bucket" in metrics
