"""The whole pipeline in the test's own process (issue 14 item 2): `build_runtime` with an injected
upstream and clock, the gateway's ASGI app driven through httpx's ASGI transport, the SQLite store
of a temporary home. Allowed, refused, throttled, streamed and failed calls, each recorded."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from moat.config import load_settings
from moat.gateway.app import Gateway
from moat.gateway.build import build_runtime
from moat.gateway.http import Message
from moat.gateway.runtime import Runtime
from moat.limits.memory import MemoryLimiter
from tests.gateway.conftest import ALICE_KEY, BOB_KEY, ERIN_KEY, config_text, seed, write_policies
from tests.gateway.inprocess_upstream import InProcessUpstream

NOW = 1_900_000_000.0  # the injected clock's time: records carry it, not the machine's


@dataclass
class InProcessGateway:
    client: httpx.AsyncClient
    runtime: Runtime
    openai: InProcessUpstream
    app: Gateway

    async def chat(self, key: str, model: str = "ok-1", **body: Any) -> httpx.Response:
        return await self.client.post("/v1/chat/completions", headers={"authorization": f"Bearer {key}"},
                                      json={"model": model, "messages": [{"role": "user", "content": "hi"}], **body})

    async def record(self, request_id: str) -> dict[str, Any]:
        await self.runtime.recorder.flush(timeout=5.0)
        async for record in self.runtime.store.iter_requests():
            if record.get("request_id") == request_id:
                return record
        raise AssertionError(f"request {request_id} was not recorded")


@pytest.fixture
async def gw(tmp_path: Path) -> AsyncIterator[InProcessGateway]:
    url = f"sqlite:///{tmp_path / 'moat.db'}"
    write_policies(tmp_path / "policies")
    # The configured upstream URLs are never dialled: both fake upstreams are replaced by name.
    (tmp_path / "moat.toml").write_text(config_text("http://127.0.0.1:9/v1", tmp_path / "policies"))
    await seed(url)
    settings = load_settings(tmp_path / "moat.toml", env={"MOAT_HOME": str(tmp_path), "MOAT_DATABASE_URL": url})
    openai = InProcessUpstream("fake-openai", "openai")
    runtime = build_runtime(settings, clock=lambda: NOW, limiter=MemoryLimiter(), console=False,
                            upstreams={"fake-openai": openai,
                                       "fake-anthropic": InProcessUpstream("fake-anthropic", "anthropic")})
    await runtime.start()
    app = Gateway(settings, runtime)
    transport = httpx.ASGITransport(app=app, client=("10.0.0.7", 5555))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            yield InProcessGateway(client, runtime, openai, app)
    finally:
        await runtime.stop()


async def test_allowed_call_reaches_the_upstream_and_is_recorded(gw: InProcessGateway) -> None:
    answer = await gw.chat(ALICE_KEY, max_tokens=50)
    assert answer.status_code == 200, answer.text
    assert answer.json()["choices"][0]["message"]["content"].startswith("Demo answer")
    assert gw.openai.sent[-1]["model"] == "ok-1"
    record = await gw.record(answer.headers["moat-request-id"])
    assert record["account_id"] == "alice" and record["status"] == 200 and record["upstream"] == "fake-openai"
    assert record["decision_id"] == answer.headers["moat-decision-id"], record
    assert record["ts"] == NOW and record["client_ip"] == "10.0.0.7" and record["decision"] == "allow"
    assert record["output_tokens"] > 0 and record["usage_reported"] is True


async def test_refused_call_never_reaches_the_upstream(gw: InProcessGateway) -> None:
    refused = await gw.chat(BOB_KEY)
    assert refused.status_code == 403, refused.text
    error = refused.json()["error"]
    assert error["type"] == "permission_error" and error["code"]
    assert gw.openai.sent == []
    record = await gw.record(refused.headers["moat-request-id"])
    assert record["account_id"] == "bob" and record["status"] == 403 and record["reason_code"] == error["code"]
    # the policy's own decision is recorded, the one the refusal names (not a gateway refusal made after it)
    assert record["decision_id"] == refused.headers["moat-decision-id"] and record["policy_revision"] != "gateway"


async def test_throttled_after_the_limit(gw: InProcessGateway) -> None:
    statuses = [(await gw.chat(ERIN_KEY)).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    throttled = await gw.chat(ERIN_KEY)
    assert throttled.status_code == 429, throttled.text
    assert float(throttled.headers["retry-after"]) > 0
    assert "Tight limit reached" in throttled.json()["error"]["message"]
    assert len(gw.openai.sent) == 3
    record = await gw.record(throttled.headers["moat-request-id"])
    assert record["status"] == 429 and record["effect"] == "throttle_refused"


async def test_stream_is_relayed_and_metered(gw: InProcessGateway) -> None:
    answer = await gw.chat(ALICE_KEY, stream=True, stream_options={"include_usage": True})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/event-stream")
    events = [line[6:] for line in answer.text.splitlines() if line.startswith("data: ")]
    assert events[-1] == "[DONE]" and len(events) > 3
    text = "".join(c["choices"][0]["delta"].get("content") or ""
                   for c in map(orjson.loads, events[:-1]) if c.get("choices"))
    assert text.startswith("Demo answer")
    record = await gw.record(answer.headers["moat-request-id"])
    assert record["stream"] is True and record["status"] == 200 and record["output_tokens"] > 0


async def test_upstream_errors(gw: InProcessGateway) -> None:
    shaped = await gw.chat(ALICE_KEY, model="status-500")  # in the API's shape: passed on as it came
    assert shaped.status_code == 500 and shaped.json()["error"]["message"] == "upstream says no"
    raw = await gw.chat(ALICE_KEY, model="rawstatus-502")  # a proxy's page: Moat's own error instead
    assert raw.status_code == 502 and raw.json()["error"]["type"] != "invalid_request_error"
    assert "upstream says no" not in raw.text
    for answer, status in ((shaped, 500), (raw, 502)):
        record = await gw.record(answer.headers["moat-request-id"])
        assert record["status"] == status and record["upstream"] == "fake-openai"


async def test_refusal_before_decide_is_recorded(gw: InProcessGateway) -> None:
    missing = await gw.client.post("/v1/chat/completions", json={"model": "ok-1", "messages": []})
    assert missing.status_code == 401 and missing.json()["error"]["code"] == "missing_api_key"
    record = await gw.record(missing.headers["moat-request-id"])
    assert record["status"] == 401 and record["reason_code"] == "missing_api_key" and record["ts"] == NOW


async def test_anthropic_stream_through_its_own_upstream(gw: InProcessGateway) -> None:
    answer = await gw.client.post("/v1/messages", headers={"x-api-key": ALICE_KEY, "anthropic-version": "2023-06-01"},
                                  json={"model": "a-ok-1", "max_tokens": 50, "stream": True,
                                        "messages": [{"role": "user", "content": "hi"}]})
    assert answer.status_code == 200, answer.text
    kinds = [line[7:] for line in answer.text.splitlines() if line.startswith("event: ")]
    assert kinds[0] == "message_start" and kinds[-1] == "message_stop"
    assert gw.openai.sent == []  # routed by `a-*` to the Anthropic upstream
    record = await gw.record(answer.headers["moat-request-id"])
    assert record["upstream"] == "fake-anthropic" and record["stream"] is True and record["output_tokens"] > 0


async def _stream_messages(gw: InProcessGateway) -> list[Message]:
    """The ASGI messages the gateway sends for one streamed chat call."""
    body = orjson.dumps({"model": "ok-1", "stream": True, "stream_options": {"include_usage": True},
                         "messages": [{"role": "user", "content": "hi"}]})
    scope = {"type": "http", "method": "POST", "path": "/v1/chat/completions", "query_string": b"",
             "client": ("10.0.0.7", 5555), "headers": [(b"authorization", f"Bearer {ALICE_KEY}".encode()),
                                                       (b"content-length", str(len(body)).encode())]}
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    await gw.app(scope, receive, send)
    return [m for m in sent if m["type"] == "http.response.body"]


async def test_a_stream_whose_body_has_ended_sends_its_last_events_with_its_end(gw: InProcessGateway) -> None:
    """The events of the upstream's last piece, when the body ended with them, leave with the stream's
    end (one write, after the record: issue 12 speed); a piece the body may still follow leaves at once.
    The client's bytes are the same either way."""
    pieces = await _stream_messages(gw)  # the demo model's stream does not say when it has ended
    assert pieces[-1] == {"type": "http.response.body", "body": b"", "more_body": False}
    assert all(m["more_body"] for m in pieces[:-1]) and len(pieces) > 2
    gw.openai.says_when_ended = True
    ended = await _stream_messages(gw)
    assert ended[-1]["more_body"] is False and ended[-1]["body"].endswith(b"data: [DONE]\n\n")
    assert len(ended) == len(pieces) - 1

    def events(messages: list[Message]) -> list[bytes]:  # each call's own id and time blanked
        stream = re.sub(rb'"(id|created)":("[^"]*"|\d+)', b"", b"".join(m["body"] for m in messages))
        return stream.split(b"\n\n")

    assert events(ended) == events(pieces) and len(events(ended)) > 3

