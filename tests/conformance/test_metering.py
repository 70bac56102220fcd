"""(e) What Moat records, read back with `moat export` (shared/spec/traffic-format.md's requests.jsonl).

Issue 12 asks for new optional fields beside input_tokens/output_tokens: cache reads, cache writes and
reasoning tokens recorded separately. This suite reads them as `cache_read_tokens`,
`cache_write_tokens` and `reasoning_tokens` (Anthropic's own names `cache_read_input_tokens` and
`cache_creation_input_tokens` are accepted too). An Anthropic stream that the client abandons after
the last content block must be metered with the output it was delivered, not the 1 token of
message_start.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import anthropic
import openai
import pytest

from tests.conformance.conftest import API_KEY, Gateway
from tests.conformance.fake_upstream import (
    ANTHROPIC_CACHE_READ,
    ANTHROPIC_CACHE_WRITE,
    ANTHROPIC_THINKING_TOKENS,
    OPENAI_CACHED,
    OPENAI_REASONING,
    FakeUpstream,
)

ALIASES = {"cache_read_tokens": ("cache_read_tokens", "cache_read_input_tokens"),
           "cache_write_tokens": ("cache_write_tokens", "cache_creation_input_tokens"),
           "reasoning_tokens": ("reasoning_tokens",)}


def field(record: dict[str, Any], name: str) -> Any:
    for alias in ALIASES.get(name, (name,)):
        if record.get(alias) is not None:
            return record[alias]
    return None


def nonce() -> str:
    return f"conformance metering {uuid.uuid4().hex[:8]}"


def expect(record: dict[str, Any], **wanted: Any) -> None:
    problems = []
    for name, value in wanted.items():
        got = field(record, name)
        ok = got in value if isinstance(value, tuple) else got == value
        if not ok:
            problems.append(f"{name}: recorded {got!r}, expected {value!r}")
    assert not problems, "metering is wrong:\n" + "\n".join(problems) + f"\nrecord: {json.dumps(record)[:1500]}"


def oai(moat: Gateway) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{moat.url}/v1", api_key=API_KEY, max_retries=0, timeout=30)


def ant(moat: Gateway) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=moat.url, api_key=API_KEY, max_retries=0, timeout=30)


def test_openai_chat_usage_with_cache_and_reasoning(fake: FakeUpstream, moat: Gateway) -> None:
    raw = oai(moat).chat.completions.with_raw_response.create(
        model="o4-mini", messages=[{"role": "user", "content": nonce()}], reasoning_effort="low",
        prompt_cache_key="conformance-cache")
    usage = raw.parse().usage
    assert usage is not None
    record = moat.exported(raw.headers["moat-request-id"])
    expect(record, input_tokens=(usage.prompt_tokens, usage.prompt_tokens - OPENAI_CACHED),
           output_tokens=usage.completion_tokens, cache_read_tokens=OPENAI_CACHED, reasoning_tokens=OPENAI_REASONING,
           stream=False, endpoint="/v1/chat/completions", model="o4-mini", status=200)


def test_openai_chat_stream_is_metered_without_include_usage(fake: FakeUpstream, moat: Gateway) -> None:
    """A client that does not ask for usage still gets metered exactly (not estimated)."""
    text = nonce()
    with oai(moat).chat.completions.with_streaming_response.create(
            model="gpt-4o", messages=[{"role": "user", "content": text}], stream=True) as response:
        request_id = response.headers["moat-request-id"]
        for _ in response.iter_bytes():
            pass
    direct = openai.OpenAI(base_url=fake.base, api_key="sk-direct", max_retries=0).chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": text}])
    assert direct.usage is not None
    record = moat.exported(request_id)
    expect(record, input_tokens=direct.usage.prompt_tokens, output_tokens=direct.usage.completion_tokens, stream=True)


@pytest.mark.parametrize("stream", [False, True], ids=["plain", "stream"])
def test_openai_responses_usage(fake: FakeUpstream, moat: Gateway, stream: bool) -> None:
    client = oai(moat)
    kwargs: dict[str, Any] = dict(model="gpt-5", input=nonce(), reasoning={"effort": "low"},
                                  prompt_cache_key="conformance-cache")
    if stream:
        with client.responses.with_streaming_response.create(stream=True, **kwargs) as response:
            request_id = response.headers["moat-request-id"]
            completed = [json.loads(line[5:]) for line in response.iter_lines()
                         if line.startswith("data:") and '"response.completed"' in line]
        usage = completed[-1]["response"]["usage"]
    else:
        raw = client.responses.with_raw_response.create(**kwargs)
        request_id = raw.headers["moat-request-id"]
        usage = raw.parse().usage.model_dump()  # type: ignore[union-attr]
    record = moat.exported(request_id)
    expect(record, input_tokens=(usage["input_tokens"], usage["input_tokens"] - OPENAI_CACHED),
           output_tokens=usage["output_tokens"], cache_read_tokens=OPENAI_CACHED, reasoning_tokens=OPENAI_REASONING,
           endpoint="/v1/responses", stream=stream, reasoning=True)


def test_openai_embeddings_usage(fake: FakeUpstream, moat: Gateway) -> None:
    raw = oai(moat).embeddings.with_raw_response.create(model="text-embedding-3-small", input=[nonce(), "two"])
    usage = raw.parse().usage
    record = moat.exported(raw.headers["moat-request-id"])
    expect(record, input_tokens=usage.prompt_tokens, output_tokens=0, endpoint="/v1/embeddings")


SYSTEM = [{"type": "text", "text": "Conformance system prompt. " * 20, "cache_control": {"type": "ephemeral"}}]


@pytest.mark.parametrize("stream", [False, True], ids=["plain", "stream"])
def test_anthropic_usage_with_cache_and_thinking(fake: FakeUpstream, moat: Gateway, stream: bool) -> None:
    client = ant(moat)
    kwargs: dict[str, Any] = dict(model="claude-sonnet-4-5", max_tokens=4096, system=SYSTEM,
                                  thinking={"type": "enabled", "budget_tokens": 2048},
                                  messages=[{"role": "user", "content": nonce()}])
    if stream:
        with client.messages.with_streaming_response.create(stream=True, **kwargs) as response:
            request_id = response.headers["moat-request-id"]
            for _ in response.iter_bytes():
                pass
        direct = anthropic.Anthropic(base_url=fake.url, api_key="sk-direct", max_retries=0).messages.create(**kwargs)
        usage = direct.usage
    else:
        raw = client.messages.with_raw_response.create(**kwargs)
        request_id = raw.headers["moat-request-id"]
        usage = raw.parse().usage
    uncached = usage.input_tokens
    record = moat.exported(request_id)
    expect(record, input_tokens=(uncached, uncached + ANTHROPIC_CACHE_READ + ANTHROPIC_CACHE_WRITE),
           output_tokens=usage.output_tokens, cache_read_tokens=ANTHROPIC_CACHE_READ,
           cache_write_tokens=ANTHROPIC_CACHE_WRITE, reasoning_tokens=ANTHROPIC_THINKING_TOKENS,
           endpoint="/v1/messages", stream=stream, reasoning=True)


def test_anthropic_stream_abandoned_after_last_block_meters_delivered_output(fake: FakeUpstream,
                                                                              moat: Gateway) -> None:
    """The client leaves at the last content_block_stop, before message_delta (the upstream pauses there)."""
    text = nonce()
    kwargs: dict[str, Any] = dict(model="claude-sonnet-4-5-slow-tail", max_tokens=1024,
                                  messages=[{"role": "user", "content": text}])
    delivered = []
    with ant(moat).messages.with_streaming_response.create(stream=True, **kwargs) as response:
        request_id = response.headers["moat-request-id"]
        for line in response.iter_lines():
            if line.startswith("data:"):
                event = json.loads(line[5:])
                if event["type"] == "content_block_delta":
                    delivered.append(event["delta"].get("text", ""))
                if event["type"] == "content_block_stop":
                    break  # leaves: the connection closes with the context
    full = anthropic.Anthropic(base_url=fake.url, api_key="sk-direct", max_retries=0).messages.create(**kwargs)
    assert "".join(delivered) == full.content[0].text  # type: ignore[union-attr]
    record = moat.exported(request_id, timeout=15)
    output = record.get("output_tokens")
    assert isinstance(output, int) and output > 1, f"abandoned stream metered as {output!r} output tokens: {record}"
    # The delivered text is `full.usage.output_tokens` tokens; an estimate may differ, but not by half.
    assert full.usage.output_tokens / 2 <= output <= full.usage.output_tokens * 2, (output, full.usage.output_tokens)
