"""Exact metering and policies real clients can live with (issue 12 items 3 and 6), end to end.

A real `moat serve` under the default bundle (plus one test quota), a real upstream that sends the
usage reports of each API, and the official SDKs as clients.
"""

from __future__ import annotations

import asyncio
import base64
import os
import struct
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import anthropic
import httpx
import openai
import pytest

from moat.identity import keys
from moat.identity.models import Account, ApiKey
from moat.store import open_store
from tests.gateway.conftest import ALICE_KEY, GINA_KEY, GatewayProcess, make_gateway, wait_for_record
from tests.gateway.metering_upstream import CUT_TEXT, CUT_THINKING, TOOL_ARGS, TOOL_NAME, MeteringUpstream

FRED_KEY = "sk-test-fred-0000000000000000000"  # free plan
QUINN_KEY = "sk-test-quinn-000000000000000000"  # api plan, with a 25,000 input tokens a day quota
QUOTA_POLICY = """
rules:
  - {id: test-cached-quota, when: 'account.id == "quinn"', effect: throttle, limit: cached_quota,
     reason: rate_limited, message: "Daily input quota reached."}
limits:
  - {name: cached_quota, key: account, input_tokens_per_day: 25000}
"""


async def _seed_more(store_url: str) -> None:
    store = open_store(store_url)
    await store.open()
    try:
        for account, plan, secret in (("fred", "free", FRED_KEY), ("quinn", "api", QUINN_KEY)):
            await store.upsert_account(Account(account, email=f"{account}@acme.example", plan=plan, org_id="acme"))
            await store.insert_key(ApiKey(keys.new_key_id(), account, keys.key_prefix(secret),
                                          keys.hash_secret(secret), time.time()))
    finally:
        await store.close()


@pytest.fixture(scope="module")
def upstream() -> MeteringUpstream:
    return MeteringUpstream().start()  # type: ignore[return-value]


@pytest.fixture(scope="module")
def gw(tmp_path_factory: pytest.TempPathFactory, upstream: MeteringUpstream) -> Iterator[GatewayProcess]:
    home = tmp_path_factory.mktemp("metering")
    gateway = make_gateway(home, f"sqlite:///{home / 'moat.db'}", upstream.base)
    asyncio.run(_seed_more(gateway.store_url))
    (home / "policies" / "quota.yaml").write_text(QUOTA_POLICY)
    gateway.start()
    yield gateway
    gateway.stop()


def record_of(gw: GatewayProcess, request_id: str) -> dict[str, object]:
    return asyncio.run(wait_for_record(gw.store_url, request_id))


def png(width: int, height: int, size: int) -> bytes:
    """A PNG header of the given dimensions, padded with an IDAT chunk to `size` bytes."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    head = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    filler = os.urandom(size - len(head) - 12)
    return head + struct.pack(">I", len(filler)) + b"IDAT" + filler + b"\0\0\0\0"


def anthropic_client(gw: GatewayProcess, key: str) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=gw.url, api_key=key, max_retries=0, timeout=20)


def openai_client(gw: GatewayProcess, key: str, retries: int = 0) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{gw.url}/v1", api_key=key, max_retries=retries, timeout=20)


def _wait_for_status(gw: GatewayProcess, model: str, status: int) -> dict[str, object]:
    async def find() -> dict[str, object]:
        store = open_store(gw.store_url)
        await store.open()
        try:
            for _ in range(200):
                async for record in store.iter_requests():
                    if record.get("model") == model and record.get("status") == status:
                        return record
                await asyncio.sleep(0.05)
        finally:
            await store.close()
        raise AssertionError(f"no {status} record for {model}")

    return asyncio.run(find())


def test_a_client_hanging_up_after_the_last_block_is_metered_by_what_it_got(gw: GatewayProcess) -> None:
    # The upstream pauses before message_delta; the client leaves after the last content block.
    seen = []
    with anthropic_client(gw, ALICE_KEY).messages.stream(
            model="a-cached-cut", max_tokens=32_000, thinking={"type": "enabled", "budget_tokens": 10_000},
            messages=[{"role": "user", "content": "explain gateways"}]) as stream:
        for event in stream:
            seen.append(event.type)
            if event.type == "content_block_stop" and event.index == 1:
                break
    assert seen.count("content_block_stop") == 2
    record = _wait_for_status(gw, "a-cached-cut", 499)
    delivered = sum(map(len, CUT_THINKING)) + sum(map(len, CUT_TEXT))
    assert record["output_tokens"] == (delivered + 3) // 4  # not message_start's placeholder 1
    assert record["reasoning_tokens"] == (sum(map(len, CUT_THINKING)) + 3) // 4
    # message_start's usage still gives the input side, kind by kind
    assert (record["input_tokens"], record["cache_read_tokens"], record["cache_write_tokens"]) == (200, 18_000, 1_000)
    assert record["usage_reported"] is False


def test_cache_reads_and_writes_are_recorded_apart_and_weighed_against_a_quota(gw: GatewayProcess) -> None:
    c = anthropic_client(gw, QUINN_KEY)
    raw = c.messages.with_raw_response.create(model="a-cached-whole", max_tokens=100,
                                              messages=[{"role": "user", "content": "hi"}])
    record = record_of(gw, raw.headers["request-id"])
    assert (record["input_tokens"], record["cache_read_tokens"], record["cache_write_tokens"],
            record["output_tokens"]) == (200, 18_000, 1_000, 30)
    # Against cached_quota (25,000 input a day) that costs 200 + 0.1 x 18,000 + 1.25 x 1,000 = 3,250,
    # not 19,200: a 10,003-token request still fits (merged counting would refuse it: 29,203).
    raw = c.messages.with_raw_response.create(model="a-ok", max_tokens=10,
                                              messages=[{"role": "user", "content": "x" * 40_000}])
    assert raw.http_response.status_code == 200
    assert raw.headers["ratelimit-limit"] == "25000"
    assert abs(int(raw.headers["ratelimit-remaining"]) - (25_000 - 3_250 - 10_003)) <= 3


def test_reasoning_and_cached_tokens_of_an_openai_answer_are_recorded(gw: GatewayProcess) -> None:
    raw = openai_client(gw, ALICE_KEY).chat.completions.with_raw_response.create(
        model="o-reasoning", reasoning_effort="high", messages=[{"role": "user", "content": "6 x 7?"}])
    assert raw.parse().usage.completion_tokens_details.reasoning_tokens == 300
    record = record_of(gw, raw.headers["x-request-id"])
    assert (record["input_tokens"], record["cache_read_tokens"], record["output_tokens"],
            record["reasoning_tokens"]) == (200, 1_000, 500, 300)
    metrics = httpx.get(f"{gw.url}/metrics", timeout=10).text
    for kind in ("input", "output", "cache_read", "reasoning"):
        assert f'moat_tokens_total{{direction="{kind}",upstream="fake-openai"}}' in metrics


def test_tool_call_arguments_and_a_200_kb_png_count_without_upstream_usage(gw: GatewayProcess) -> None:
    image = base64.b64encode(png(1024, 768, 200_000)).decode()
    stream = openai_client(gw, ALICE_KEY).chat.completions.with_raw_response.create(
        model="o-nousage-tools", stream=True,
        tools=[{"type": "function", "function": {"name": TOOL_NAME, "parameters": {"type": "object"}}}],
        messages=[{"role": "user", "content": [
            {"type": "text", "text": "weather?"},
            {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{image}"}}]}])
    chunks = list(stream.parse())
    arguments = "".join(c.choices[0].delta.tool_calls[0].function.arguments or ""
                        for c in chunks if c.choices and c.choices[0].delta.tool_calls)
    assert arguments == "".join(TOOL_ARGS)
    record = record_of(gw, stream.headers["x-request-id"])
    assert record["usage_reported"] is False
    assert record["output_tokens"] == (len(TOOL_NAME) + len(arguments) + 3) // 4
    # OpenAI's tile rule: 1024 x 768 is 2 x 2 tiles, 85 + 4 x 170 = 765 tokens (not 50,000 of base64)
    assert 765 < record["input_tokens"] < 765 + 40

    raw = anthropic_client(gw, ALICE_KEY).messages.with_raw_response.create(
        model="a-nousage-ok", max_tokens=100, messages=[{"role": "user", "content": [
            {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": image}},
            {"type": "text", "text": "describe"}]}])
    record = record_of(gw, raw.headers["request-id"])
    # Anthropic's rule: 1024 x 768 / 750 = 1,049 tokens
    assert 1_049 < record["input_tokens"] < 1_049 + 10
    assert record["output_tokens"] == (len("metered answer") + 3) // 4


def test_claude_code_on_pro_and_no_max_tokens_on_free_pass_the_default_bundle(gw: GatewayProcess) -> None:
    # Claude Code's usual turn: max_tokens 32000, a thinking budget, a cached system prompt and tools.
    system = [{"type": "text", "text": "You are Claude Code. " * 400, "cache_control": {"type": "ephemeral"}}]
    tools = [{"name": f"tool_{i}", "description": "does things " * 30,
              "input_schema": {"type": "object", "properties": {"path": {"type": "string"}}}} for i in range(15)]
    for _ in range(3):  # and again: nothing is left waiting for a reservation that can never fit
        with anthropic_client(gw, GINA_KEY).messages.stream(
                model="a-ok", max_tokens=32_000, thinking={"type": "enabled", "budget_tokens": 31_999},
                system=system, tools=tools,  # type: ignore[arg-type]
                messages=[{"role": "user", "content": "fix the failing test"}]) as stream:
            assert stream.get_final_message().content
    # On the free plan: an OpenAI request asking more than a minute's output quota holds (it reserves
    # all 8,000, settles on its 7), then one without max_tokens (reserves default_max_tokens, 4,096).
    c = openai_client(gw, FRED_KEY)
    for extra in ({"max_tokens": 32_000}, {}):
        answer = c.chat.completions.create(model="o-ok", messages=[{"role": "user", "content": "hi"}], **extra)
        assert answer.choices[0].message.content


def test_codex_on_pro_passes_the_default_bundle_and_is_metered_by_kind(gw: GatewayProcess) -> None:
    # Codex's usual turn: the Responses API, streamed, long instructions and tools, reasoning, no
    # max_output_tokens (it reserves default_max_tokens and settles on the real count).
    c = openai_client(gw, GINA_KEY)
    tools = [{"type": "function", "name": f"shell_{i}", "description": "runs " * 50,
              "parameters": {"type": "object", "properties": {"cmd": {"type": "string"}}}} for i in range(8)]
    history = [{"role": "user" if i % 2 == 0 else "assistant", "content": "turn " * 500} for i in range(40)]
    for _ in range(3):
        with c.responses.with_streaming_response.create(
                model="think-1", instructions="You are Codex. " * 1500, tools=tools,  # type: ignore[arg-type]
                reasoning={"effort": "medium", "summary": "auto"}, stream=True,
                input=[*history, {"role": "user", "content": "run the tests"}]) as raw:
            assert raw.http_response.status_code == 200
            events = [event.type for event in raw.parse()]
        assert events[-1] == "response.completed"
    record = record_of(gw, raw.headers["x-request-id"])
    assert (record["input_tokens"], record["cache_read_tokens"], record["output_tokens"],
            record["reasoning_tokens"]) == (10, 30, 12, 5)


def test_a_request_beyond_the_plan_by_itself_is_refused_once_without_retry_after(gw: GatewayProcess) -> None:
    # 1.7 MB of prompt: ~425,000 tokens, ~42,500 even if all were cache reads; free holds 40,000 a minute.
    body = {"model": "o-ok", "messages": [{"role": "user", "content": "y" * 1_700_000}]}
    response = httpx.post(f"{gw.url}/v1/chat/completions", json=body, timeout=20,
                          headers={"Authorization": f"Bearer {FRED_KEY}"})
    assert response.status_code == 400
    assert "retry-after" not in response.headers
    error = response.json()["error"]
    assert error["code"] == "request_exceeds_plan" and error["type"] == "invalid_request_error"
    assert "plan_free/input_tokens_per_minute" in error["message"] and "40,000" in error["message"]
    assert "free plan" in error["message"]
    record = record_of(gw, response.headers["x-request-id"])
    assert record["status"] == 400 and record["decision"] == "throttle_refused:request_exceeds_plan"
    # The SDK takes it as final (no retries), and the account is not held up by it.
    with pytest.raises(openai.BadRequestError):
        openai_client(gw, FRED_KEY, retries=3).chat.completions.create(**body)
    # An Anthropic prompt without a cache marker can only be fresh input: 50,003 tokens never fit
    # 40,000; marked for caching, it might be read from the cache (~5,000), so it is served.
    c = anthropic_client(gw, FRED_KEY)
    with pytest.raises(anthropic.BadRequestError, match="at least 50,003 input tokens"):
        c.messages.create(model="a-ok", max_tokens=100, messages=[{"role": "user", "content": "z" * 200_000}])
    cached = [{"type": "text", "text": "z" * 200_000, "cache_control": {"type": "ephemeral"}}]
    assert c.messages.create(model="a-ok", max_tokens=100, messages=[{"role": "user", "content": cached}]).content
    assert openai_client(gw, FRED_KEY).chat.completions.create(
        model="o-ok", messages=[{"role": "user", "content": "hi"}]).choices


def test_exported_traffic_carries_the_usage_kinds(gw: GatewayProcess, tmp_path: Path) -> None:
    import subprocess
    import sys

    import orjson

    raw = openai_client(gw, ALICE_KEY).chat.completions.with_raw_response.create(
        model="o-reasoning", messages=[{"role": "user", "content": "export me"}])
    request_id = raw.headers["x-request-id"]
    record_of(gw, request_id)
    out = tmp_path / "export"
    subprocess.run([sys.executable, "-m", "moat", "--config", str(gw.home / "moat.toml"), "export", str(out)],
                   check=True, env={**os.environ, "MOAT_HOME": str(gw.home), "MOAT_DATABASE_URL": gw.store_url},
                   cwd=gw.home, capture_output=True)
    lines = [orjson.loads(line) for line in (out / "requests.jsonl").read_bytes().splitlines()]
    exported = next(r for r in lines if r["request_id"] == request_id)
    assert (exported["input_tokens"], exported["cache_read_tokens"], exported["reasoning_tokens"]) == (200, 1_000, 300)
