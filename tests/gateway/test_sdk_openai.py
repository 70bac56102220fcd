"""The official `openai` SDK against a running `moat serve`, unchanged."""

from __future__ import annotations

import asyncio

import openai
import pytest

from tests.gateway.conftest import ALICE_KEY, BOB_KEY, CAROL_KEY, GatewayProcess, wait_for_record


def client(gateway: GatewayProcess, key: str = ALICE_KEY) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{gateway.url}/v1", api_key=key, max_retries=0, timeout=10)


def test_chat_completion(gateway: GatewayProcess) -> None:
    raw = client(gateway).chat.completions.with_raw_response.create(
        model="moat-demo", messages=[{"role": "user", "content": "What is a gateway?"}])
    completion = raw.parse()
    assert completion.choices[0].message.content.startswith("Demo answer to: 'What is a gateway?'")
    assert completion.usage is not None and completion.usage.completion_tokens > 0
    assert raw.headers["x-request-id"].startswith("req_")
    assert raw.headers["moat-decision-id"].startswith("dec_")
    record = asyncio.run(wait_for_record(gateway.store_url, raw.headers["x-request-id"]))
    assert record["account_id"] == "alice"
    assert record["status"] == 200 and record["decision"] == "allow"
    assert record["output_tokens"] == completion.usage.completion_tokens
    assert record["prompt"] == "What is a gateway?"


def test_chat_streaming_with_and_without_usage(gateway: GatewayProcess) -> None:
    c = client(gateway)
    stream = c.chat.completions.create(model="moat-demo", stream=True, stream_options={"include_usage": True},
                                       messages=[{"role": "user", "content": "stream please"}])
    chunks = list(stream)
    text = "".join(ch.choices[0].delta.content or "" for ch in chunks if ch.choices)
    assert text.startswith("Demo answer to: 'stream please'")
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens > 0
    # Without include_usage the gateway still meters (it asks upstream) but hides the usage chunk.
    plain = list(c.chat.completions.create(model="moat-demo", stream=True,
                                           messages=[{"role": "user", "content": "stream please"}]))
    assert all(ch.usage is None for ch in plain)
    assert all(ch.choices for ch in plain)


def test_reasoning_content_passes_when_allowed(gateway: GatewayProcess) -> None:
    completion = client(gateway).chat.completions.create(
        model="moat-demo", reasoning_effort="high", messages=[{"role": "user", "content": "think"}])
    assert "Step 1" in completion.choices[0].message.model_extra["reasoning_content"]


def test_embeddings_and_models(gateway: GatewayProcess) -> None:
    c = client(gateway)
    result = c.embeddings.create(model="moat-demo", input=["one", "two"])
    assert len(result.data) == 2 and len(result.data[0].embedding) == 16
    assert result.data[0].embedding != result.data[1].embedding
    assert "moat-demo" in {m.id for m in c.models.list()}


def test_fake_upstream_relay(gateway: GatewayProcess) -> None:
    completion = client(gateway).chat.completions.create(model="ok-1", messages=[{"role": "user", "content": "x"}])
    assert completion.choices[0].message.content == "fake answer"
    assert completion.usage is not None and completion.usage.prompt_tokens == 11


def test_stream_without_upstream_usage_is_counted(gateway: GatewayProcess) -> None:
    raw = client(gateway).chat.completions.with_raw_response.create(
        model="nousage-1", stream=True, messages=[{"role": "user", "content": "count me"}])
    text = "".join(ch.choices[0].delta.content or "" for ch in raw.parse() if ch.choices)
    assert text == "fake streamed answer"
    record = asyncio.run(wait_for_record(gateway.store_url, raw.headers["x-request-id"]))
    assert record["output_tokens"] == (len(text) + 3) // 4
    assert record["usage_reported"] is False


def test_errors_surface_as_sdk_exceptions(gateway: GatewayProcess) -> None:
    messages = [{"role": "user", "content": "hi"}]
    with pytest.raises(openai.AuthenticationError) as auth:
        client(gateway, "sk-unknown-key-00000000000000").chat.completions.create(model="moat-demo",
                                                                                messages=messages)
    assert auth.value.status_code == 401 and "decision id" in auth.value.message
    with pytest.raises(openai.PermissionDeniedError) as denied:
        client(gateway, BOB_KEY).chat.completions.create(model="moat-demo", messages=messages)
    assert denied.value.code == "competitive_use_restricted"
    assert "dec_" in denied.value.message and "appeal" in denied.value.message
    with pytest.raises(openai.PermissionDeniedError):  # subsidiary owned 60% by the rival
        client(gateway, CAROL_KEY).chat.completions.create(model="moat-demo", messages=messages)
    with pytest.raises(openai.NotFoundError):
        client(gateway).chat.completions.create(model="no_such_model", messages=messages)
    with pytest.raises(openai.BadRequestError):
        client(gateway).chat.completions.create(model="moat-demo", messages=[])
    with pytest.raises(openai.BadRequestError):  # the upstream's own 400 passes through
        client(gateway).chat.completions.create(model="status-400", messages=messages)
    with pytest.raises(openai.RateLimitError):  # the upstream's 429 passes through
        client(gateway).chat.completions.create(model="status-429", messages=messages)
    with pytest.raises(openai.InternalServerError) as upstream:  # keeps its status (issue 12 item 5)
        client(gateway).chat.completions.create(model="status-500", messages=messages)
    assert upstream.value.status_code == 500
    with pytest.raises(openai.InternalServerError) as creds:  # upstream refused our credentials: not leaked
        client(gateway).chat.completions.create(model="status-401", messages=messages)
    assert creds.value.status_code == 502


def test_upstream_failures(gateway: GatewayProcess) -> None:
    messages = [{"role": "user", "content": "hi"}]
    with pytest.raises(openai.InternalServerError) as down:
        client(gateway).chat.completions.create(model="dead-1", messages=messages)
    assert down.value.status_code == 503
    with pytest.raises(openai.InternalServerError) as slow:
        client(gateway).chat.completions.create(model="slow-1", messages=messages)
    assert slow.value.status_code == 504


def test_upstream_reset_mid_stream(gateway: GatewayProcess) -> None:
    stream = client(gateway).chat.completions.with_raw_response.create(
        model="reset-1", stream=True, messages=[{"role": "user", "content": "hi"}])
    request_id = stream.headers["x-request-id"]
    with pytest.raises(openai.APIError):
        for _ in stream.parse():
            pass
    record = asyncio.run(wait_for_record(gateway.store_url, request_id))
    assert record["status"] == 502
