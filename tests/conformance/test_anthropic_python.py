"""The official `anthropic` Python SDK, directly and through Moat: Messages (thinking, tool_use, cache
usage, betas), streaming, count_tokens and the models list."""

from __future__ import annotations

import uuid
from typing import Any

import anthropic
import httpx
import pytest

from tests.conformance.conftest import API_KEY, Gateway
from tests.conformance.fake_upstream import RELAYED_ANTHROPIC, FakeUpstream
from tests.conformance.relay import check, differ, dump, header_problems, request_problems, run_both

CLAUDE_CODE_HEADERS = {"x-app": "cli", "user-agent": "claude-cli/2.0.14 (external, cli)",
                       "anthropic-dangerous-direct-browser-access": "true"}
BETAS = ["claude-code-20250219", "interleaved-thinking-2025-05-14", "fine-grained-tool-streaming-2025-05-14"]
TOOLS = [{"name": "get_weather", "description": "Weather in a city",
          "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}]
SYSTEM = [{"type": "text", "text": "You are a terse assistant. " * 20, "cache_control": {"type": "ephemeral"}}]


def client_for(base: str, key: str, headers: dict[str, str] | None = None) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=base, api_key=key, max_retries=0, timeout=30, default_headers=headers)


def nonce() -> str:
    return f"conformance {uuid.uuid4().hex[:8]}"


def compare(fake: FakeUpstream, moat: Gateway, scenario: Any, *, keys: tuple[str, ...] = ("parsed",),
            raw: bool = False, headers: bool = True, client_headers: dict[str, str] | None = None) -> None:
    direct, via = run_both(fake, moat, API_KEY, lambda base, key: client_for(base, key, client_headers), scenario,
                           dialect="anthropic")
    assert direct.error is None, f"direct call failed: {direct.error!r}"
    assert via.error is None, f"call through Moat failed: {via.error!r}"
    problems = request_problems(direct.record, via.record, API_KEY, dialect="anthropic")
    for key in keys:
        problems += differ(key, direct.result[key], via.result[key])
    if raw:
        problems += differ("raw stream bytes", direct.result["raw"], via.result["raw"])
    if headers:
        problems += header_problems(direct.result["headers"], via.result["headers"], RELAYED_ANTHROPIC)
    check(problems)


def test_message_with_tool_use_and_cache(fake: FakeUpstream, moat: Gateway) -> None:
    text = nonce()

    def scenario(client: anthropic.Anthropic) -> dict[str, Any]:
        raw = client.messages.with_raw_response.create(
            model="claude-sonnet-4-5", max_tokens=1024, system=SYSTEM, tools=TOOLS,
            messages=[{"role": "user", "content": text}])
        return {"parsed": dump(raw.parse()), "headers": raw.headers}

    compare(fake, moat, scenario)


def test_beta_message_with_thinking(fake: FakeUpstream, moat: Gateway) -> None:
    """`client.beta.messages.create(betas=...)`: `?beta=true`, anthropic-beta and x-app must arrive."""
    text = nonce()

    def scenario(client: anthropic.Anthropic) -> dict[str, Any]:
        raw = client.beta.messages.with_raw_response.create(
            model="claude-sonnet-4-5", max_tokens=32000, betas=BETAS,
            thinking={"type": "enabled", "budget_tokens": 31999}, system=SYSTEM, tools=TOOLS,
            messages=[{"role": "user", "content": [{"type": "text", "text": text}]}])
        return {"parsed": dump(raw.parse()), "headers": raw.headers}

    compare(fake, moat, scenario, client_headers=CLAUDE_CODE_HEADERS)


@pytest.mark.parametrize("thinking", [False, True], ids=["text", "thinking+tool_use"])
def test_message_stream(fake: FakeUpstream, moat: Gateway, thinking: bool) -> None:
    text = nonce()
    extra: dict[str, Any] = ({"thinking": {"type": "enabled", "budget_tokens": 2048}, "tools": TOOLS}
                             if thinking else {})

    def scenario(client: anthropic.Anthropic) -> dict[str, Any]:
        kwargs = dict(model="claude-sonnet-4-5", max_tokens=4096, system=SYSTEM,
                      messages=[{"role": "user", "content": text}], **extra)
        with client.messages.with_streaming_response.create(stream=True, **kwargs) as response:
            raw = b"".join(response.iter_bytes())
            headers = response.headers
        with client.messages.stream(**kwargs) as stream:
            events = [dump(event) for event in stream]
            final = dump(stream.get_final_message())
        return {"raw": raw, "headers": headers, "events": events, "final": final}

    compare(fake, moat, scenario, keys=("events", "final"), raw=True)


def test_count_tokens(fake: FakeUpstream, moat: Gateway) -> None:
    text = nonce()

    def scenario(client: anthropic.Anthropic) -> dict[str, Any]:
        raw = client.messages.with_raw_response.count_tokens(model="claude-sonnet-4-5",
                                                             messages=[{"role": "user", "content": text}])
        return {"parsed": dump(raw.parse()), "headers": raw.headers}

    compare(fake, moat, scenario)


def test_models_list_is_anthropic_shaped_and_authenticated(moat: Gateway) -> None:
    """An Anthropic client listing models gets Anthropic's page shape, and only with a valid key."""
    client = client_for(moat.url, API_KEY)
    page = client.models.list()
    models = list(page)
    assert models, "no models listed"
    for model in models:
        assert model.type == "model" and model.id and model.display_name and model.created_at
    raw = client.models.with_raw_response.list().http_response.json()
    assert set(raw) >= {"data", "has_more", "first_id", "last_id"}, raw
    with pytest.raises(anthropic.AuthenticationError):
        list(client_for(moat.url, "sk-ant-not-a-key-000000000000000").models.list())
    bare = httpx.get(f"{moat.url}/v1/models", headers={"anthropic-version": "2023-06-01"}, timeout=10)
    assert bare.status_code == 401
    assert bare.json().get("type") == "error" and bare.json()["error"]["type"] == "authentication_error", bare.text
