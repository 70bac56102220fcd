"""Issue 12's gateway cases: a 20 MB answer, gzip request bodies, CORS preflight, and the default policy
bundle allowing ordinary requests (Claude Code's on a `pro` plan, an OpenAI one without max_tokens on `free`)."""

from __future__ import annotations

import gzip
import hashlib
import json
import time
import uuid
from collections.abc import Iterator

import anthropic
import httpx
import openai
import pytest

from tests.conformance.conftest import API_KEY, CORS_ORIGIN, DIRECT_KEY, FREE_KEY, PRO_KEY, Gateway, make_gateway
from tests.conformance.fake_upstream import FakeUpstream
from tests.conformance.relay import body_problems, check


def test_twenty_megabyte_response_relays_without_hanging(fake: FakeUpstream, moat: Gateway) -> None:
    body = {"model": "text-embedding-big", "input": ["x"] * 2600, "encoding_format": "float"}
    direct = httpx.post(f"{fake.base}/embeddings", json=body, headers={"authorization": f"Bearer {DIRECT_KEY}"},
                        timeout=30)
    assert len(direct.content) > 20_000_000
    started = time.monotonic()
    via = httpx.post(f"{moat.url}/v1/embeddings", json=body, headers={"authorization": f"Bearer {API_KEY}"},
                     timeout=30)
    elapsed = time.monotonic() - started
    assert via.status_code == 200, via.text[:500]
    assert hashlib.sha256(via.content).hexdigest() == hashlib.sha256(direct.content).hexdigest(), (
        f"{len(via.content)} bytes through Moat, {len(direct.content)} direct")
    assert elapsed < 20, f"a 20 MB answer took {elapsed:.1f} s through Moat"


def test_gzip_request_body_is_accepted(fake: FakeUpstream, moat: Gateway) -> None:
    payload = json.dumps({"model": "gpt-4o", "messages": [
        {"role": "user", "content": f"conformance gzip {uuid.uuid4().hex[:8]}"}]}).encode()
    headers = {"content-type": "application/json", "content-encoding": "gzip"}
    mark = fake.mark()
    direct = httpx.post(f"{fake.base}/chat/completions", content=gzip.compress(payload),
                        headers={**headers, "authorization": f"Bearer {DIRECT_KEY}"}, timeout=30)
    direct_rec = fake.since(mark)[-1]
    mark = fake.mark()
    via = httpx.post(f"{moat.url}/v1/chat/completions", content=gzip.compress(payload),
                     headers={**headers, "authorization": f"Bearer {API_KEY}"}, timeout=30)
    assert via.status_code == 200, via.text[:500]
    records = fake.since(mark)
    assert records, "nothing reached the upstream"
    problems = [p for p in body_problems(direct_rec, records[-1]) if "bytes" not in p]
    if via.json() != direct.json():
        problems.append(f"answer differs: {via.text[:300]} through Moat, {direct.text[:300]} direct")
    check(problems)


@pytest.fixture(scope="module")
def cors_moat(tmp_path_factory: pytest.TempPathFactory, fake: FakeUpstream) -> Iterator[Gateway]:
    """A gateway answering browsers from one origin (`[server.cors] allow_origins`, as the README says)."""
    try:
        gateway = make_gateway(tmp_path_factory.mktemp("moat-cors"), fake.base,
                               extra=f'[server.cors]\nallow_origins = ["{CORS_ORIGIN}"]\n').start()
    except RuntimeError as exc:
        pytest.fail(f"a gateway with `[server.cors] allow_origins` does not start: {str(exc)[-300:]}")
    yield gateway
    gateway.stop()


@pytest.mark.parametrize(("path", "request_headers"), [
    ("/v1/chat/completions", "authorization,content-type,x-stainless-os,x-stainless-lang"),
    ("/v1/messages", "x-api-key,anthropic-version,anthropic-dangerous-direct-browser-access,content-type"),
], ids=["openai", "anthropic"])
def test_cors_preflight_answered_when_configured(cors_moat: Gateway, path: str, request_headers: str) -> None:
    preflight = httpx.options(f"{cors_moat.url}{path}", headers={
        "origin": CORS_ORIGIN, "access-control-request-method": "POST",
        "access-control-request-headers": request_headers}, timeout=10)
    assert preflight.status_code in (200, 204), preflight.text[:300]
    assert preflight.headers.get("access-control-allow-origin") in (CORS_ORIGIN, "*")
    assert "POST" in preflight.headers.get("access-control-allow-methods", "").upper()
    allowed = {h.strip().lower() for h in preflight.headers.get("access-control-allow-headers", "").split(",")}
    assert "*" in allowed or set(request_headers.split(",")) <= allowed, allowed
    if path == "/v1/chat/completions":
        answer = httpx.post(f"{cors_moat.url}{path}", headers={"origin": CORS_ORIGIN,
                                                                "authorization": f"Bearer {API_KEY}"},
                            json={"model": "gpt-4o", "messages": [{"role": "user", "content": "cors"}]}, timeout=10)
        assert answer.status_code == 200
        assert answer.headers.get("access-control-allow-origin") in (CORS_ORIGIN, "*")
    other = httpx.options(f"{cors_moat.url}{path}", headers={
        "origin": "https://evil.example", "access-control-request-method": "POST"}, timeout=10)
    assert other.headers.get("access-control-allow-origin") not in ("https://evil.example", "*")


def test_pro_account_claude_code_request_is_allowed(fake: FakeUpstream, moat: Gateway) -> None:
    """Claude Code's usual request: beta Messages, max_tokens 32000, thinking, its betas and x-app header."""
    client = anthropic.Anthropic(base_url=moat.url, api_key=PRO_KEY, max_retries=0, timeout=30,
                                 default_headers={"x-app": "cli", "user-agent": "claude-cli/2.0.14 (external, cli)"})
    message = client.beta.messages.create(
        model="claude-sonnet-4-5", max_tokens=32000, thinking={"type": "enabled", "budget_tokens": 31999},
        betas=["claude-code-20250219", "interleaved-thinking-2025-05-14"], stream=False,
        system=[{"type": "text", "text": "You are Claude Code, Anthropic's official CLI for Claude."}],
        messages=[{"role": "user", "content": [{"type": "text", "text": f"conformance cc {uuid.uuid4().hex[:6]}",
                                                "cache_control": {"type": "ephemeral"}}]}])
    assert [block.type for block in message.content][:2] == ["thinking", "text"]


def test_free_account_openai_request_without_max_tokens_is_allowed(fake: FakeUpstream, moat: Gateway) -> None:
    client = openai.OpenAI(base_url=f"{moat.url}/v1", api_key=FREE_KEY, max_retries=0, timeout=30)
    completion = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": f"conformance free {uuid.uuid4().hex[:6]}"}])
    assert completion.choices[0].message.content
