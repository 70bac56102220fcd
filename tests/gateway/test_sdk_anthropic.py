"""The official `anthropic` SDK against a running `moat serve`, unchanged."""

from __future__ import annotations

import asyncio

import anthropic
import pytest

from tests.gateway.conftest import ALICE_KEY, BOB_KEY, GatewayProcess, wait_for_record


def client(gateway: GatewayProcess, key: str = ALICE_KEY) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=gateway.url, api_key=key, max_retries=0, timeout=10)


def test_messages(gateway: GatewayProcess) -> None:
    raw = client(gateway).messages.with_raw_response.create(
        model="moat-demo", max_tokens=200, system="be brief",
        messages=[{"role": "user", "content": "What is a gateway?"}])
    message = raw.parse()
    assert message.content[0].type == "text"
    assert message.content[0].text.startswith("Demo answer to: 'What is a gateway?'")
    assert message.usage.output_tokens > 0
    assert raw.headers["request-id"].startswith("req_")
    record = asyncio.run(wait_for_record(gateway.store_url, raw.headers["request-id"]))
    assert record["endpoint"] == "/v1/messages" and record["system"] == "be brief"
    assert record["input_tokens"] == message.usage.input_tokens


def test_streaming_with_thinking(gateway: GatewayProcess) -> None:
    with client(gateway).messages.stream(
            model="moat-demo", max_tokens=500, thinking={"type": "enabled", "budget_tokens": 1024},
            messages=[{"role": "user", "content": "think then answer"}]) as stream:
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
    assert text.startswith("Demo answer to: 'think then answer'")
    assert [b.type for b in final.content] == ["thinking", "text"]
    assert final.usage.output_tokens > 0


def test_fake_upstream_streaming(gateway: GatewayProcess) -> None:
    with client(gateway).messages.stream(model="a-ok-1", max_tokens=50,
                                         messages=[{"role": "user", "content": "hi"}]) as stream:
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
    assert text == "fake streamed answer"
    assert final.usage.output_tokens == 7


def test_count_tokens(gateway: GatewayProcess) -> None:
    count = client(gateway).messages.count_tokens(model="moat-demo",
                                                  messages=[{"role": "user", "content": "count these words"}])
    assert count.input_tokens > 0


def test_errors_surface_as_sdk_exceptions(gateway: GatewayProcess) -> None:
    messages = [{"role": "user", "content": "hi"}]
    with pytest.raises(anthropic.AuthenticationError):
        client(gateway, "sk-unknown-key-00000000000000").messages.create(model="moat-demo", max_tokens=10,
                                                                         messages=messages)
    with pytest.raises(anthropic.PermissionDeniedError) as denied:
        client(gateway, BOB_KEY).messages.create(model="moat-demo", max_tokens=10, messages=messages)
    assert "competitive-use" in denied.value.message and "dec_" in denied.value.message
    assert denied.value.body["error"]["type"] == "permission_error"  # type: ignore[index]
    with pytest.raises(anthropic.NotFoundError):
        client(gateway).messages.create(model="unknown_model", max_tokens=10, messages=messages)
    with pytest.raises(anthropic.NotFoundError):  # an OpenAI-only upstream is not served on this API
        client(gateway).messages.create(model="ok-1", max_tokens=10, messages=messages)
    with pytest.raises(anthropic.InternalServerError) as upstream:
        client(gateway).messages.create(model="a-status-503", max_tokens=10, messages=messages)
    assert upstream.value.status_code == 503


def test_reset_mid_stream_raises(gateway: GatewayProcess) -> None:
    with pytest.raises(anthropic.APIError), client(gateway).messages.stream(
            model="a-reset-1", max_tokens=50, messages=[{"role": "user", "content": "hi"}]) as stream:
        for _ in stream.text_stream:
            pass
