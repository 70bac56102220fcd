"""What passes through the relay, checked at a recording upstream (issue 12 items 2 and 4).

A real `moat serve` in front of `RecordingUpstream`: request headers and query pass by rule (the
client's credentials never), response headers come back each once, streams arrive byte for byte,
bodies of tens of megabytes pass without stalling, timeouts are per phase, compressed request
bodies are decoded, and CORS answers browsers as configured.
"""

from __future__ import annotations

import asyncio
import gzip
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import httpx
import orjson
import pytest
import zstandard

from tests.gateway.conftest import ALICE_KEY, GatewayProcess, seed, wait_for_record
from tests.gateway.recording_upstream import (
    ANTHROPIC_HEADERS,
    OPENAI_HEADERS,
    RecordingUpstream,
    anthropic_stream_bytes,
    big_body,
    stream_bytes,
)

ORIGIN = "https://app.example"
CHAT = "/v1/chat/completions"
MESSAGES = "/v1/messages"


def config(upstream: str, policies: Path) -> str:
    timeouts = "connect_timeout = 1\nfirst_byte_timeout = 3\nidle_timeout = 1\napi_key = \"upstream-secret\""
    return f"""
policy_dir = "{policies}"

[recording]
flush_interval = 0.05

[server.cors]
allow_origins = ["{ORIGIN}"]

[[upstreams]]
name = "rec-openai"
kind = "openai"
base_url = "{upstream}"
{timeouts}

[[upstreams]]
name = "rec-anthropic"
kind = "anthropic"
base_url = "{upstream}"
{timeouts}

[[routes]]
model = "a-*"
upstream = "rec-anthropic"

[[routes]]
model = "*"
upstream = "rec-openai"
"""


@pytest.fixture(scope="module")
def upstream() -> RecordingUpstream:
    return RecordingUpstream()


@pytest.fixture(scope="module")
def gw(tmp_path_factory: pytest.TempPathFactory, upstream: RecordingUpstream) -> Iterator[GatewayProcess]:
    home = tmp_path_factory.mktemp("relay")
    policies = home / "policies"
    policies.mkdir()
    (policies / "none.yaml").write_text("rules: []\n")  # no limits: a 30 MB prompt is this test's to send
    (home / "moat.toml").write_text(config(upstream.base, policies))
    url = f"sqlite:///{home / 'moat.db'}"
    asyncio.run(seed(url))
    process = GatewayProcess(home, url).start()
    yield process
    process.stop()


def chat_body(model: str = "rec-1", **extra: object) -> dict[str, object]:
    return {"model": model, "messages": [{"role": "user", "content": "hi"}], **extra}


def names(response: httpx.Response) -> list[str]:
    return [k.decode().lower() for k, _ in response.headers.raw]


def test_request_headers_and_query_pass_by_rule(gw: GatewayProcess, upstream: RecordingUpstream) -> None:
    sent = {
        "authorization": f"Bearer {ALICE_KEY}", "user-agent": "OpenAI/Python 1.99.0",
        "x-stainless-lang": "python", "x-stainless-retry-count": "0", "openai-organization": "org-client",
        "openai-project": "proj_client", "moat-attribution": "not-a-token-for-upstream", "cookie": "moat_console=s",
        "x-custom-thing": "kept", "connection": "keep-alive, x-hop", "x-hop": "hop only", "te": "trailers",
    }
    response = httpx.post(gw.url + CHAT + "?api-version=2024-10-21&x=1", json=chat_body(), headers=sent)
    # A forged or garbage Moat-Attribution is refused (401) by Moat itself; without it the rest must pass.
    assert response.status_code == 401
    del sent["moat-attribution"]
    response = httpx.post(gw.url + CHAT + "?api-version=2024-10-21&x=1", json=chat_body(), headers=sent)
    assert response.status_code == 200, response.text
    got = upstream.last()
    assert got.target == "/v1/chat/completions?api-version=2024-10-21&x=1"
    for name in ("user-agent", "x-stainless-lang", "x-stainless-retry-count", "openai-organization",
                 "openai-project", "x-custom-thing"):
        assert got.header(name) == [sent[name]], name
    assert got.header("authorization") == ["Bearer upstream-secret"]  # the upstream's own, once
    for name in ("cookie", "moat-attribution", "x-hop", "te", "connection", "x-api-key"):
        assert got.header(name) == [], name
    assert got.header("content-type") == ["application/json"] and got.header("accept-encoding") == ["identity"]
    assert [k for k, _ in got.headers].count("host") == 1


def test_claude_code_headers_and_beta_query(gw: GatewayProcess, upstream: RecordingUpstream) -> None:
    sent = {"x-api-key": ALICE_KEY, "anthropic-version": "2023-06-01",
            "anthropic-beta": "claude-code-20250219,interleaved-thinking-2025-05-14", "x-app": "cli",
            "user-agent": "claude-cli/2.0.0 (external, cli)", "x-claude-code-session-id": "sess-1",
            "anthropic-dangerous-direct-browser-access": "true", "x-stainless-package-version": "0.60.0"}
    body = {"model": "a-rec", "max_tokens": 64, "messages": [{"role": "user", "content": "hi"}]}
    response = httpx.post(gw.url + MESSAGES + "?beta=true", json=body, headers=sent)
    assert response.status_code == 200, response.text
    got = upstream.last()
    assert got.target == "/v1/messages?beta=true"
    for name, value in sent.items():
        assert got.header(name) == (["upstream-secret"] if name == "x-api-key" else [value]), name
    assert got.header("authorization") == []
    for name, value in ANTHROPIC_HEADERS:  # request-id, anthropic-ratelimit-*: each once, as sent
        assert response.headers.get_list(name.decode()) == [value.decode()]


def test_response_headers_return_each_once(gw: GatewayProcess) -> None:
    for stream in (False, True):
        response = httpx.post(gw.url + CHAT, json=chat_body(stream=stream),
                              headers={"authorization": f"Bearer {ALICE_KEY}"})
        assert response.status_code == 200
        for name, value in OPENAI_HEADERS:  # x-request-id, x-ratelimit-*, openai-processing-ms
            assert response.headers.get_list(name.decode()) == [value.decode()], name
        listed = names(response)
        assert len(listed) == len(set(listed)), listed
        for name in ("set-cookie", "alt-svc", "server", "keep-alive", "x-internal-trace",
                     "access-control-allow-origin"):
            assert name not in listed, name
        assert response.headers["moat-request-id"].startswith("req_")
        assert response.headers["moat-decision-id"].startswith("dec_")  # Moat's, not the upstream's
        assert response.headers["request-id"] == response.headers["moat-request-id"]  # OpenAI sends none
        asyncio.run(wait_for_record(gw.store_url, response.headers["moat-request-id"]))


def test_refusal_names_its_decision_once(gw: GatewayProcess) -> None:
    response = httpx.post(gw.url + CHAT, json=chat_body(), headers={"authorization": "Bearer sk-never-issued-000000"})
    assert response.status_code == 401
    listed = names(response)
    assert listed.count("moat-decision-id") == 1 and len(listed) == len(set(listed)), listed
    assert response.headers["x-request-id"] == response.headers["moat-request-id"]


@pytest.mark.parametrize("include_usage", [True, False])
def test_stream_byte_for_byte(gw: GatewayProcess, upstream: RecordingUpstream, include_usage: bool) -> None:
    options = {"stream_options": {"include_usage": True}} if include_usage else {}
    body = chat_body("rec-stream", stream=True, **options)
    with httpx.stream("POST", gw.url + CHAT, json=body, headers={"authorization": f"Bearer {ALICE_KEY}"}) as r:
        received = b"".join(r.iter_raw())
        request_id = r.headers["moat-request-id"]
    # Moat asked the upstream for usage either way; the client gets what it asked for, exactly.
    assert orjson.loads(upstream.last().body)["stream_options"] == {"include_usage": True}
    assert received == stream_bytes(body)
    assert (b'"usage":null' in received) is include_usage
    record = asyncio.run(wait_for_record(gw.store_url, request_id))
    assert record["input_tokens"] == 11 and record["output_tokens"] == 7  # metered from the upstream's usage


def test_anthropic_stream_byte_for_byte_with_its_headers(gw: GatewayProcess) -> None:
    body = {"model": "a-rec", "max_tokens": 64, "stream": True, "messages": [{"role": "user", "content": "hi"}]}
    with httpx.stream("POST", gw.url + MESSAGES, json=body,
                      headers={"x-api-key": ALICE_KEY, "anthropic-version": "2023-06-01"}) as r:
        received = b"".join(r.iter_raw())
        headers = r.headers
    assert received == anthropic_stream_bytes("a-rec")  # CRLF line ends and the comment kept
    for name, value in ANTHROPIC_HEADERS:
        assert headers.get_list(name.decode()) == [value.decode()]
    record = asyncio.run(wait_for_record(gw.store_url, headers["moat-request-id"]))
    assert record["input_tokens"] == 11 and record["output_tokens"] == 7


def test_twenty_megabyte_answer_passes_through(gw: GatewayProcess) -> None:
    expected = big_body(20)
    with httpx.stream("POST", gw.url + "/v1/embeddings", json={"model": "big-20", "input": "x"},
                      headers={"authorization": f"Bearer {ALICE_KEY}"}, timeout=30) as r:
        assert r.status_code == 200
        received = b"".join(r.iter_raw())
        request_id = r.headers["moat-request-id"]
    assert received == expected
    record = asyncio.run(wait_for_record(gw.store_url, request_id))
    assert record["status"] == 200 and record["input_tokens"] == 1234  # its usage, found at the end


def test_client_leaving_a_large_answer_stops_the_upstream(gw: GatewayProcess, upstream: RecordingUpstream) -> None:
    before = upstream.cut_off
    with httpx.stream("POST", gw.url + "/v1/embeddings", json={"model": "big-60", "input": "x"},
                      headers={"authorization": f"Bearer {ALICE_KEY}"}, timeout=30) as r:
        request_id = r.headers["moat-request-id"]
        for _ in r.iter_raw(1 << 20):
            break  # one megabyte of sixty, then gone
    record = asyncio.run(wait_for_record(gw.store_url, request_id))
    assert record["status"] == 499
    deadline = time.monotonic() + 10
    while upstream.cut_off == before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert upstream.cut_off == before + 1


def test_thirty_megabyte_request_body(gw: GatewayProcess, upstream: RecordingUpstream) -> None:
    body = orjson.dumps(chat_body("rec-big", messages=[{"role": "user", "content": "y" * (30 << 20)}]))
    response = httpx.post(gw.url + CHAT, content=body, timeout=60,
                          headers={"authorization": f"Bearer {ALICE_KEY}", "content-type": "application/json"})
    assert response.status_code == 200, response.text[:300]
    assert upstream.last().body == body  # unchanged bytes: nothing to rewrite in a non-streamed call


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "zstd"])
def test_compressed_request_bodies(gw: GatewayProcess, upstream: RecordingUpstream, encoding: str) -> None:
    body = orjson.dumps(chat_body(f"rec-{encoding}"))
    packed = {"gzip": gzip.compress, "deflate": zlib.compress, "zstd": zstandard.compress}[encoding](body)
    response = httpx.post(gw.url + CHAT, content=packed, headers={
        "authorization": f"Bearer {ALICE_KEY}", "content-type": "application/json", "content-encoding": encoding})
    assert response.status_code == 200, response.text
    got = upstream.last()
    assert got.body == body and got.header("content-encoding") == []  # relayed decoded, and said so


def test_compression_bomb_and_unknown_coding_refused(gw: GatewayProcess) -> None:
    bomb = zstandard.compress(b"[" + b" " * (40 << 20) + b"]")  # 40 MB of JSON whitespace in a few KB
    assert len(bomb) < 100_000
    headers = {"authorization": f"Bearer {ALICE_KEY}", "content-encoding": "zstd"}
    refused = httpx.post(gw.url + CHAT, content=bomb, headers=headers)
    assert refused.status_code == 413 and refused.json()["error"]["type"] == "request_too_large"
    unknown = httpx.post(gw.url + CHAT, content=b"{}", headers={**headers, "content-encoding": "br"})
    assert unknown.status_code == 415 and unknown.json()["error"]["code"] == "unsupported_content_encoding"
    corrupt = httpx.post(gw.url + CHAT, content=b"not gzip", headers={**headers, "content-encoding": "gzip"})
    assert corrupt.status_code == 400 and corrupt.json()["error"]["code"] == "invalid_content_encoding"


def test_long_generation_within_per_phase_timeouts(gw: GatewayProcess) -> None:
    """idle 1 s, first byte 3 s: answers longer than either (the old single timeout) still arrive."""
    late = httpx.post(gw.url + CHAT, json=chat_body("late-1.5"), headers={"authorization": f"Bearer {ALICE_KEY}"})
    assert late.status_code == 200, late.text  # 1.5 s to the status line: within first_byte_timeout
    with httpx.stream("POST", gw.url + CHAT, json=chat_body("drip-0.4-6", stream=True),
                      headers={"authorization": f"Bearer {ALICE_KEY}"}, timeout=30) as r:
        body = b"".join(r.iter_raw())  # ~3 s in all, never 1 s of silence
    assert body.endswith(b"data: [DONE]\n\n") and b'"error"' not in body
    too_late = httpx.post(gw.url + CHAT, json=chat_body("late-4"), headers={"authorization": f"Bearer {ALICE_KEY}"},
                          timeout=30)
    assert too_late.status_code == 504 and "first-byte" in too_late.json()["error"]["message"]
    with httpx.stream("POST", gw.url + CHAT, json=chat_body("drip-1.5-1", stream=True),
                      headers={"authorization": f"Bearer {ALICE_KEY}"}, timeout=30) as r:
        stalled = b"".join(r.iter_raw())  # 1.5 s of silence after the first event: over idle_timeout
    assert stalled.startswith(b"data: ") and b"idle timeout" in stalled.splitlines()[-2]


def test_cors(gw: GatewayProcess) -> None:
    preflight = httpx.options(gw.url + CHAT, headers={
        "origin": ORIGIN, "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type, x-stainless-os"})
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == ORIGIN
    assert preflight.headers["access-control-allow-headers"] == "authorization, content-type, x-stainless-os"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    foreign = httpx.options(gw.url + CHAT, headers={"origin": "https://evil.example",
                                                    "access-control-request-method": "POST"})
    assert foreign.status_code == 403 and "access-control-allow-origin" not in foreign.headers
    response = httpx.post(gw.url + CHAT, json=chat_body(),
                          headers={"authorization": f"Bearer {ALICE_KEY}", "origin": ORIGIN})
    assert response.status_code == 200
    assert response.headers.get_list("access-control-allow-origin") == [ORIGIN]  # Moat's, not the upstream's "*"
    assert response.headers["access-control-expose-headers"] == "*"
    plain = httpx.post(gw.url + CHAT, json=chat_body(), headers={"authorization": f"Bearer {ALICE_KEY}"})
    assert "access-control-allow-origin" not in plain.headers
    console = httpx.options(gw.url + "/console/signin",
                            headers={"origin": ORIGIN, "access-control-request-method": "POST"})
    assert "access-control-allow-origin" not in console.headers  # the model API only
