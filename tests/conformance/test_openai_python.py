"""The official `openai` Python SDK, directly and through Moat: every OpenAI endpoint of issue 12."""

from __future__ import annotations

import uuid
from typing import Any

import openai
import pytest

from tests.conformance.conftest import API_KEY, Gateway
from tests.conformance.fake_upstream import RELAYED_OPENAI, FakeUpstream
from tests.conformance.relay import check, differ, dump, header_problems, request_problems, run_both


def client_for(base: str, key: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=base, api_key=key, organization="org-conformance", project="proj_conformance",
                         max_retries=0, timeout=30)


def nonce() -> str:
    return f"conformance {uuid.uuid4().hex[:8]}"


TOOLS = [{"type": "function", "function": {"name": "get_weather", "description": "Weather in a city",
                                           "parameters": {"type": "object",
                                                          "properties": {"city": {"type": "string"}},
                                                          "required": ["city"]}}}]


def compare(fake: FakeUpstream, moat: Gateway, scenario: Any, *, keys: tuple[str, ...] = ("parsed",),
            raw: bool = False, headers: bool = True) -> None:
    """Run `scenario` both ways and check (a), (b) on `keys` (and raw stream bytes), and (c)."""
    direct, via = run_both(fake, moat, API_KEY, client_for, scenario)
    assert direct.error is None, f"direct call failed: {direct.error!r}"
    assert via.error is None, f"call through Moat failed: {via.error!r}"
    problems = request_problems(direct.record, via.record, API_KEY, dialect="openai")
    for key in keys:
        problems += differ(key, direct.result[key], via.result[key])
    if raw:
        problems += differ("raw stream bytes", direct.result["raw"], via.result["raw"])
    if headers:
        problems += header_problems(direct.result["headers"], via.result["headers"], RELAYED_OPENAI)
    check(problems)


@pytest.mark.parametrize("tools", [False, True], ids=["text", "tool_call"])
def test_chat_completion(fake: FakeUpstream, moat: Gateway, tools: bool) -> None:
    text = nonce()

    def scenario(client: openai.OpenAI) -> dict[str, Any]:
        extra = {"tools": TOOLS} if tools else {}
        raw = client.chat.completions.with_raw_response.create(
            model="gpt-4o", messages=[{"role": "system", "content": "Be terse."}, {"role": "user", "content": text}],
            temperature=0.2, max_completion_tokens=200, **extra)
        return {"parsed": dump(raw.parse()), "headers": raw.headers}

    compare(fake, moat, scenario)


@pytest.mark.parametrize("include_usage", [False, True], ids=["plain", "include_usage"])
def test_chat_completion_stream(fake: FakeUpstream, moat: Gateway, include_usage: bool) -> None:
    text = nonce()
    extra: dict[str, Any] = {"stream_options": {"include_usage": True}} if include_usage else {}

    def scenario(client: openai.OpenAI) -> dict[str, Any]:
        kwargs = dict(model="gpt-4o", messages=[{"role": "user", "content": text}], stream=True, **extra)
        with client.chat.completions.with_streaming_response.create(**kwargs) as response:
            raw = b"".join(response.iter_bytes())
            headers = response.headers
        chunks = [dump(c) for c in client.chat.completions.create(**kwargs)]
        return {"raw": raw, "headers": headers, "chunks": chunks}

    compare(fake, moat, scenario, keys=("chunks",), raw=True)


def test_chat_completion_stream_helper(fake: FakeUpstream, moat: Gateway) -> None:
    """`client.chat.completions.stream()` (the SDK's accumulating helper) with a tool call."""
    text = nonce()

    def scenario(client: openai.OpenAI) -> dict[str, Any]:
        with client.chat.completions.stream(model="gpt-4o", messages=[{"role": "user", "content": text}],
                                            tools=TOOLS) as stream:
            events = [event.type for event in stream]
            final = stream.get_final_completion()
        return {"events": events, "final": dump(final)}

    compare(fake, moat, scenario, keys=("events", "final"), headers=False)


@pytest.mark.parametrize("reasoning", [False, True], ids=["plain", "reasoning"])
def test_responses(fake: FakeUpstream, moat: Gateway, reasoning: bool) -> None:
    text = nonce()
    extra: dict[str, Any] = {"reasoning": {"effort": "low", "summary": "auto"}} if reasoning else {}

    def scenario(client: openai.OpenAI) -> dict[str, Any]:
        raw = client.responses.with_raw_response.create(model="gpt-5", input=text, instructions="Be terse.",
                                                        max_output_tokens=300, **extra)
        parsed = raw.parse()
        return {"parsed": dump(parsed), "text": parsed.output_text, "headers": raw.headers}

    compare(fake, moat, scenario, keys=("parsed", "text"))


@pytest.mark.parametrize("kind", ["reasoning_text", "function_call"])
def test_responses_stream(fake: FakeUpstream, moat: Gateway, kind: str) -> None:
    text = nonce()
    extra: dict[str, Any] = ({"reasoning": {"effort": "medium", "summary": "auto"}} if kind == "reasoning_text" else
                             {"tools": [{"type": "function", "name": "get_weather", "description": "Weather",
                                         "parameters": {"type": "object", "properties": {"city": {"type": "string"}},
                                                        "required": ["city"], "additionalProperties": False},
                                         "strict": True}]})

    def scenario(client: openai.OpenAI) -> dict[str, Any]:
        kwargs = dict(model="gpt-5", input=[{"role": "user", "content": text}], stream=True, **extra)
        with client.responses.with_streaming_response.create(**kwargs) as response:
            raw = b"".join(response.iter_bytes())
            headers = response.headers
        events = [dump(e) for e in client.responses.create(**kwargs)]
        return {"raw": raw, "headers": headers, "events": events}

    compare(fake, moat, scenario, keys=("events",), raw=True)


@pytest.mark.parametrize("stream", [False, True], ids=["plain", "stream"])
def test_legacy_completions(fake: FakeUpstream, moat: Gateway, stream: bool) -> None:
    text = nonce()

    def scenario(client: openai.OpenAI) -> Any:
        if stream:
            with client.completions.with_streaming_response.create(model="gpt-3.5-turbo-instruct", prompt=text,
                                                                   max_tokens=50, stream=True) as response:
                raw = b"".join(response.iter_bytes())
                headers = response.headers
            return {"raw": raw, "headers": headers, "parsed": [dump(c) for c in client.completions.create(
                model="gpt-3.5-turbo-instruct", prompt=text, max_tokens=50, stream=True)]}
        raw_response = client.completions.with_raw_response.create(model="gpt-3.5-turbo-instruct", prompt=text,
                                                                   max_tokens=50)
        return {"parsed": dump(raw_response.parse()), "headers": raw_response.headers}

    compare(fake, moat, scenario, raw=stream)


@pytest.mark.parametrize("encoding", ["sdk-default", "float"])
def test_embeddings(fake: FakeUpstream, moat: Gateway, encoding: str) -> None:
    texts = [nonce(), "second input"]

    def scenario(client: openai.OpenAI) -> Any:
        extra: dict[str, Any] = {"encoding_format": "float"} if encoding == "float" else {}
        raw = client.embeddings.with_raw_response.create(model="text-embedding-3-small", input=texts, dimensions=16,
                                                         **extra)
        return {"parsed": dump(raw.parse()), "headers": raw.headers}

    compare(fake, moat, scenario)


def test_models_list_and_retrieve(fake: FakeUpstream, moat: Gateway) -> None:
    """GET /v1/models and /v1/models/{id} answer an OpenAI client in OpenAI's shape, authenticated."""
    client = client_for(f"{moat.url}/v1", API_KEY)
    models = list(client.models.list())
    assert models, "no models listed"
    for model in models:
        assert model.object == "model" and model.id and isinstance(model.owned_by, str)
    one = client.models.retrieve(models[0].id)
    assert one.id == models[0].id and one.object == "model"
    with pytest.raises(openai.AuthenticationError):
        list(client_for(f"{moat.url}/v1", "sk-not-a-key-000000000000000000").models.list())
