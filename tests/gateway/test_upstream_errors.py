"""Upstream errors keep their meaning through Moat (issue 12 item 5): the official SDKs raise the
class they would raise against the upstream itself, and the record carries the failing status, also
when the failure arrives inside a stream whose status line said 200."""

from __future__ import annotations

import asyncio

import anthropic
import httpx
import openai
import pytest

from tests.gateway.conftest import ALICE_KEY, GatewayProcess, wait_for_record

MESSAGES = [{"role": "user", "content": "hi"}]


def claude(gateway: GatewayProcess) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=gateway.url, api_key=ALICE_KEY, max_retries=0, timeout=10)


def gpt(gateway: GatewayProcess) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{gateway.url}/v1", api_key=ALICE_KEY, max_retries=0, timeout=10)


@pytest.mark.parametrize(("status", "exception", "kind"), [
    (529, anthropic.OverloadedError, "overloaded_error"),
    (500, anthropic.InternalServerError, "api_error"),
    (503, anthropic.ServiceUnavailableError, "overloaded_error"),
    (429, anthropic.RateLimitError, "rate_limit_error"),
    (400, anthropic.BadRequestError, "invalid_request_error"),
])
def test_anthropic_upstream_error_passes_through(gateway: GatewayProcess, status: int,
                                                 exception: type[Exception], kind: str) -> None:
    with pytest.raises(exception) as raised:
        claude(gateway).messages.create(model=f"a-status-{status}", max_tokens=10, messages=MESSAGES)
    error = raised.value
    assert isinstance(error, anthropic.APIStatusError) and error.status_code == status
    assert error.body["error"] == {"type": kind, "message": f"upstream says {status}"}  # type: ignore[index]
    request_id = error.response.headers["request-id"]
    assert error.response.headers["moat-decision-id"].startswith("dec_")
    record = asyncio.run(wait_for_record(gateway.store_url, request_id))
    assert record["status"] == status


@pytest.mark.parametrize(("status", "exception", "kind"), [
    (529, anthropic.OverloadedError, "overloaded_error"),
    (500, anthropic.InternalServerError, "api_error"),
    (503, anthropic.ServiceUnavailableError, "overloaded_error"),
    (504, anthropic.GatewayTimeoutError, "timeout_error"),
    (429, anthropic.RateLimitError, "rate_limit_error"),
    (404, anthropic.NotFoundError, "not_found_error"),
])
def test_anthropic_error_without_a_proper_body_keeps_its_status(gateway: GatewayProcess, status: int,
                                                                exception: type[Exception], kind: str) -> None:
    """A proxy's HTML page is not passed on: Moat answers the same status in Anthropic's shape."""
    with pytest.raises(exception) as raised:
        claude(gateway).messages.create(model=f"a-rawstatus-{status}", max_tokens=10, messages=MESSAGES)
    assert raised.value.status_code == status  # type: ignore[attr-defined]
    body = raised.value.body  # type: ignore[attr-defined]
    assert body["type"] == "error" and body["error"]["type"] == kind
    assert "dec_" in body["error"]["message"] and body["request_id"].startswith("req_")


@pytest.mark.parametrize(("status", "exception"), [
    (500, openai.InternalServerError), (503, openai.InternalServerError), (429, openai.RateLimitError),
    (404, openai.NotFoundError), (422, openai.UnprocessableEntityError),
])
def test_openai_upstream_error_keeps_status(gateway: GatewayProcess, status: int,
                                            exception: type[Exception]) -> None:
    for model in (f"status-{status}", f"rawstatus-{status}"):
        with pytest.raises(exception) as raised:
            gpt(gateway).chat.completions.create(model=model, messages=MESSAGES)
        assert raised.value.status_code == status  # type: ignore[attr-defined]
        assert isinstance(raised.value.body, dict) and raised.value.body["message"]  # type: ignore[attr-defined]


def test_upstream_refusing_our_credentials_stays_ours(gateway: GatewayProcess) -> None:
    for model in ("a-status-401", "a-status-403"):
        with pytest.raises(anthropic.InternalServerError) as raised:
            claude(gateway).messages.create(model=model, max_tokens=10, messages=MESSAGES)
        assert raised.value.status_code == 502
        assert "upstream says" not in raised.value.message


def test_anthropic_stream_error_event_is_recorded_with_its_status(gateway: GatewayProcess) -> None:
    with claude(gateway).messages.with_streaming_response.create(
            model="a-midfail-1", max_tokens=50, stream=True, messages=MESSAGES) as response:
        request_id = response.headers["request-id"]
        with pytest.raises(anthropic.APIStatusError) as raised:
            for _ in response.parse():
                pass
    assert raised.value.body["error"]["type"] == "overloaded_error"  # type: ignore[index]
    record = asyncio.run(wait_for_record(gateway.store_url, request_id))
    assert record["status"] == 529


def test_openai_stream_error_chunk_is_recorded_with_its_status(gateway: GatewayProcess) -> None:
    raw = gpt(gateway).chat.completions.with_raw_response.create(model="midfail-1", stream=True, messages=MESSAGES)
    with pytest.raises(openai.APIError) as raised:
        for _ in raw.parse():
            pass
    assert "server had an error" in raised.value.message
    record = asyncio.run(wait_for_record(gateway.store_url, raw.headers["x-request-id"]))
    assert record["status"] == 500


def test_error_outside_model_calls_keeps_the_api_shape(gateway: GatewayProcess) -> None:
    answer = httpx.post(f"{gateway.url}/v1/messages", headers={"x-api-key": ALICE_KEY},
                        json={"model": "a-status-529", "max_tokens": 5, "messages": MESSAGES})
    assert answer.status_code == 529 and answer.headers["x-request-id"].startswith("req_")
    assert answer.json() == {"type": "error", "error": {"type": "overloaded_error", "message": "upstream says 529"}}
