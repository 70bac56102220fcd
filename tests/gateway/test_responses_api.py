"""The Responses API (`POST /v1/responses`) and legacy completions through a running `moat serve`,
driven by the official `openai` SDK (issue 12 item 1): whole and streamed, tools, reasoning and its
redaction, metering and recording, failures inside the stream."""

from __future__ import annotations

import asyncio
from typing import Any

import openai
import pytest

from tests.gateway.conftest import ALICE_KEY, DAVE_KEY, GatewayProcess, wait_for_record

TOOLS: list[Any] = [{"type": "function", "name": "lookup", "description": "Look a term up",
                     "parameters": {"type": "object", "properties": {"query": {"type": "string"}},
                                    "required": ["query"]}}]
THINK: Any = {"effort": "high", "summary": "auto"}


def client(gateway: GatewayProcess, key: str = ALICE_KEY) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{gateway.url}/v1", api_key=key, max_retries=0, timeout=10)


def record_of(gateway: GatewayProcess, request_id: str) -> dict[str, Any]:
    return asyncio.run(wait_for_record(gateway.store_url, request_id))


def test_response_whole(gateway: GatewayProcess) -> None:
    raw = client(gateway).responses.with_raw_response.create(
        model="moat-demo", instructions="be brief", input="What is a gateway?")
    response = raw.parse()
    assert response.output_text.startswith("Demo answer to: 'What is a gateway?'")
    assert response.usage is not None and response.usage.output_tokens > 0
    record = record_of(gateway, raw.headers["x-request-id"])
    assert record["endpoint"] == "/v1/responses" and record["status"] == 200
    assert record["prompt"] == "What is a gateway?" and record["system"] == "be brief"
    assert record["output_tokens"] == response.usage.output_tokens and record["usage_reported"] is True


def test_response_streamed(gateway: GatewayProcess) -> None:
    with client(gateway).responses.stream(model="moat-demo", input="stream please") as stream:
        kinds = [event.type for event in stream]
        final = stream.get_final_response()
    assert kinds[:2] == ["response.created", "response.in_progress"] and kinds[-1] == "response.completed"
    for kind in ("response.output_item.added", "response.content_part.added", "response.output_text.delta",
                 "response.output_text.done", "response.content_part.done", "response.output_item.done"):
        assert kind in kinds
    assert final.output_text.startswith("Demo answer to: 'stream please'")


def test_stream_metered_from_the_final_event(gateway: GatewayProcess) -> None:
    """Fresh input, cache reads and reasoning apart, as the upstream's usage said."""
    raw = client(gateway).responses.with_raw_response.create(model="ok-1", input="hi", stream=True)
    events = list(raw.parse())
    assert events[-1].type == "response.completed"
    record = record_of(gateway, raw.headers["x-request-id"])
    assert record["status"] == 200 and record["usage_reported"] is True
    assert record["input_tokens"] == 10 and record["output_tokens"] == 12  # 40 in, 30 of them cached


def test_reasoning_passes_when_allowed(gateway: GatewayProcess) -> None:
    response = client(gateway).responses.create(model="moat-demo", input="think", reasoning=THINK)
    reasoning = [item for item in response.output if item.type == "reasoning"]
    assert len(reasoning) == 1 and "Step 1" in reasoning[0].summary[0].text
    assert reasoning[0].encrypted_content
    assert response.usage is not None and response.usage.output_tokens_details.reasoning_tokens > 0


@pytest.mark.parametrize("model", ["moat-demo", "think-1"])
def test_reasoning_redacted_whole_and_streamed(gateway: GatewayProcess, model: str) -> None:
    """dave's decision redacts reasoning: no summary, no encrypted_content, the answer intact."""
    c = client(gateway, DAVE_KEY)
    raw = c.responses.with_raw_response.create(model=model, input="think", reasoning=THINK,
                                               include=["reasoning.encrypted_content"])
    response = raw.parse()
    assert [item.type for item in response.output] == ["message"]
    assert "secret plan" not in raw.http_response.text and "encrypted_content" not in raw.http_response.text
    assert record_of(gateway, raw.headers["x-request-id"])["redacted"] is True
    with c.responses.stream(model=model, input="think", reasoning=THINK) as stream:
        events = list(stream)
        final = stream.get_final_response()
    assert not any("reasoning" in event.type for event in events)
    added = [e for e in events if e.type == "response.output_item.added"]
    assert [(e.output_index, e.item.type) for e in added] == [(0, "message")]  # renumbered from 1
    assert [item.type for item in final.output] == ["message"] and final.output_text


def test_function_tools_round_trip(gateway: GatewayProcess) -> None:
    c = client(gateway)
    first = c.responses.create(model="moat-demo", input="look up gateways", tools=TOOLS)
    call = next(item for item in first.output if item.type == "function_call")
    assert call.name == "lookup" and '"query"' in call.arguments
    second = c.responses.create(model="moat-demo", tools=TOOLS, input=[
        {"role": "user", "content": "look up gateways"}, call.model_dump(exclude_none=True),
        {"type": "function_call_output", "call_id": call.call_id, "output": "a gateway guards a door"}])
    assert "the tool said a gateway guards a door" in second.output_text
    with c.responses.stream(model="moat-demo", input="look up gateways", tools=TOOLS) as stream:
        kinds = {event.type for event in stream}
        final = stream.get_final_response()
    assert {"response.function_call_arguments.delta", "response.function_call_arguments.done"} <= kinds
    assert final.output[0].type == "function_call" and final.output[0].arguments == call.arguments


@pytest.mark.parametrize(("model", "status"), [("failed-1", 500), ("errorev-1", 429)])
def test_failure_inside_the_stream_is_recorded_with_its_status(gateway: GatewayProcess, model: str,
                                                               status: int) -> None:
    raw = client(gateway).responses.with_raw_response.create(model=model, input="hi", stream=True)
    kinds = [event.type for event in raw.parse()]
    assert kinds[-1] in ("response.failed", "error")
    assert record_of(gateway, raw.headers["x-request-id"])["status"] == status


def test_upstream_refusal_keeps_its_class(gateway: GatewayProcess) -> None:
    with pytest.raises(openai.RateLimitError):
        client(gateway).responses.create(model="status-429", input="hi")
    with pytest.raises(openai.InternalServerError) as raised:
        client(gateway).responses.create(model="status-503", input="hi", stream=True)
    assert raised.value.status_code == 503


def test_bad_input_is_refused_in_openai_shape(gateway: GatewayProcess) -> None:
    with pytest.raises(openai.BadRequestError) as raised:
        client(gateway).responses.create(model="moat-demo", input=[1, 2])  # type: ignore[list-item]
    assert raised.value.status_code == 400 and "input.0" in raised.value.message
    with pytest.raises(openai.BadRequestError) as background:  # background mode itself: test_responses_background
        client(gateway).responses.create(model="moat-demo", input="later", background="yes")  # type: ignore[call-overload]
    assert background.value.code == "invalid_type" and "background" in background.value.message


def test_legacy_completions(gateway: GatewayProcess) -> None:
    c = client(gateway)
    raw = c.completions.with_raw_response.create(model="moat-demo", prompt="Say hi", max_tokens=200)
    completion = raw.parse()
    assert completion.choices[0].text.startswith("Demo answer to: 'Say hi'")
    record = record_of(gateway, raw.headers["x-request-id"])
    assert record["endpoint"] == "/v1/completions" and record["prompt"] == "Say hi"
    assert completion.usage is not None and record["output_tokens"] == completion.usage.completion_tokens
    chunks = list(c.completions.create(model="moat-demo", prompt="Say hi", max_tokens=200, stream=True))
    assert "".join(ch.choices[0].text for ch in chunks if ch.choices) == completion.choices[0].text
    assert all(ch.usage is None for ch in chunks)  # the usage Moat asked for is not shown


def test_stored_response_is_its_owners_alone(gateway: GatewayProcess) -> None:
    """GET / DELETE / input_items and previous_response_id reach the upstream for the account that
    made the response; any other caller gets 404 (moat.gateway.response_owners)."""
    alice, dave = client(gateway), client(gateway, DAVE_KEY)
    made = alice.responses.create(model="think-1", input="hi")
    assert made.id == "resp_fake"
    stored = alice.responses.retrieve(made.id)
    assert [item.type for item in stored.output] == ["reasoning", "message"]
    assert [item.type for item in alice.responses.input_items.list(made.id)] == ["message", "reasoning"]
    with pytest.raises(openai.NotFoundError):
        dave.responses.retrieve(made.id)
    with pytest.raises(openai.NotFoundError):
        dave.responses.input_items.list(made.id)
    with pytest.raises(openai.NotFoundError):
        dave.responses.delete(made.id)
    with pytest.raises(openai.BadRequestError) as refused:  # nor may dave continue alice's conversation
        dave.responses.create(model="ok-1", input="and then?", previous_response_id=made.id)
    # as OpenAI answers a previous_response_id it does not know: dave cannot tell "not yours" from "none"
    assert refused.value.status_code == 400 and refused.value.code == "previous_response_not_found"
    assert refused.value.param == "previous_response_id" and refused.value.type == "invalid_request_error"
    assert refused.value.body["message"].startswith(f"Previous response with id '{made.id}' not found.")  # + our id
    assert alice.responses.create(model="ok-1", input="and then?", previous_response_id=made.id).output_text
    alice.responses.delete(made.id)
    with pytest.raises(openai.NotFoundError):
        alice.responses.retrieve(made.id)
    with pytest.raises(openai.NotFoundError):
        alice.responses.retrieve("resp_never_made")


def test_stored_response_read_back_redacted(gateway: GatewayProcess) -> None:
    """Made under a decision that redacted reasoning, it is redacted again when read."""
    dave = client(gateway, DAVE_KEY)
    made = dave.responses.create(model="think-1", input="hi", reasoning=THINK)
    assert [item.type for item in dave.responses.retrieve(made.id).output] == ["message"]
    assert [item.type for item in dave.responses.input_items.list(made.id)] == ["message"]


def test_input_tokens_and_compaction(gateway: GatewayProcess) -> None:
    """Codex-style clients count input and compact long conversations through the same gateway."""
    c = client(gateway)
    count = c.responses.input_tokens.count(model="moat-demo", input="count these words please")
    assert count.input_tokens > 0
    raw = c.responses.with_raw_response.compact(model="moat-demo", input=[
        {"role": "user", "content": "first question"}, {"role": "assistant", "content": "first answer"},
        {"role": "user", "content": "second question"}])
    compacted = raw.parse()
    assert [item.type for item in compacted.output] == ["message", "message", "compaction"]
    record = record_of(gateway, raw.headers["x-request-id"])
    assert record["endpoint"] == "/v1/responses/compact" and record["output_tokens"] == 16
