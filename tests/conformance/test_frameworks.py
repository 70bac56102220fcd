"""Framework clients through Moat and directly: LangChain's ChatOpenAI and ChatAnthropic, litellm as a
library (`completion`, `responses`), the OpenAI Agents SDK (its default model uses the Responses API),
and curl."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conformance.conftest import API_KEY, Gateway
from tests.conformance.fake_upstream import RELAYED_ANTHROPIC, RELAYED_OPENAI, FakeUpstream
from tests.conformance.relay import check, differ, dump, header_problems, request_problems, run_both

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # litellm must not fetch its price list
os.environ.setdefault("OPENAI_AGENTS_DISABLE_TRACING", "1")


def nonce() -> str:
    return f"conformance framework {uuid.uuid4().hex[:8]}"


def compare(fake: FakeUpstream, moat: Gateway, client_for: Any, scenario: Any, *, dialect: str = "openai") -> None:
    direct, via = run_both(fake, moat, API_KEY, client_for, scenario, dialect=dialect)
    assert direct.error is None, f"direct call failed: {direct.error!r}"
    assert via.error is None, f"call through Moat failed: {via.error!r}"
    problems = request_problems(direct.record, via.record, API_KEY, dialect=dialect)
    problems += differ("result", direct.result, via.result)
    check(problems)


def message_view(message: Any) -> dict[str, Any]:
    """What a LangChain caller reads off an AIMessage (its id is LangChain's own run id)."""
    return {"content": message.content, "response_metadata": dump(message.response_metadata),
            "usage_metadata": dump(message.usage_metadata), "tool_calls": dump(message.tool_calls)}


@pytest.mark.parametrize("stream", [False, True], ids=["invoke", "stream"])
def test_langchain_chat_openai(fake: FakeUpstream, moat: Gateway, stream: bool) -> None:
    from langchain_openai import ChatOpenAI

    text = nonce()

    def client_for(base: str, key: str) -> Any:
        return ChatOpenAI(model="gpt-4o", base_url=base, api_key=key, max_retries=0, timeout=30)  # type: ignore[arg-type]

    def scenario(chat: Any) -> Any:
        if stream:
            return [chunk.content for chunk in chat.stream(text)]
        return message_view(chat.invoke(text))

    compare(fake, moat, client_for, scenario)


@pytest.mark.parametrize("stream", [False, True], ids=["invoke", "stream"])
def test_langchain_chat_anthropic(fake: FakeUpstream, moat: Gateway, stream: bool) -> None:
    from langchain_anthropic import ChatAnthropic

    text = nonce()

    def client_for(base: str, key: str) -> Any:
        return ChatAnthropic(model="claude-sonnet-4-5", base_url=base, api_key=key, max_retries=0,  # type: ignore[call-arg]
                             max_tokens=1024, timeout=30)

    def scenario(chat: Any) -> Any:
        if stream:
            return [dump(chunk.content) for chunk in chat.stream(text)]
        return message_view(chat.invoke(text))

    compare(fake, moat, client_for, scenario, dialect="anthropic")


def test_litellm_completion(fake: FakeUpstream, moat: Gateway) -> None:
    import litellm

    text = nonce()

    def scenario(target: tuple[str, str]) -> Any:
        base, key = target
        response = litellm.completion(model="openai/gpt-4o", messages=[{"role": "user", "content": text}],
                                      api_base=base, api_key=key, max_retries=0, timeout=30)
        return {"id": response.id, "model": response.model, "choices": dump(response.choices),
                "usage": dump(response.usage)}

    compare(fake, moat, lambda base, key: (base, key), scenario)


def test_litellm_responses(fake: FakeUpstream, moat: Gateway) -> None:
    import litellm

    text = nonce()

    def scenario(target: tuple[str, str]) -> Any:
        base, key = target
        response = litellm.responses(model="openai/gpt-5", input=text, api_base=base, api_key=key, timeout=30)
        return {"id": response.id, "output": dump(response.output), "usage": dump(response.usage)}

    compare(fake, moat, lambda base, key: (base, key), scenario)


@pytest.mark.parametrize("streamed", [False, True], ids=["run", "run_streamed"])
def test_openai_agents_sdk(fake: FakeUpstream, moat: Gateway, streamed: bool) -> None:
    from agents import Agent, OpenAIResponsesModel, Runner, set_tracing_disabled
    from openai import AsyncOpenAI

    set_tracing_disabled(True)
    text = nonce()

    def client_for(base: str, key: str) -> Any:
        client = AsyncOpenAI(base_url=base, api_key=key, max_retries=0, timeout=30)
        return Agent(name="conformance", instructions="Be terse.",
                     model=OpenAIResponsesModel(model="gpt-5", openai_client=client))

    def scenario(agent: Any) -> Any:
        async def run() -> Any:
            if streamed:
                result = Runner.run_streamed(agent, text)
                kinds = [event.type async for event in result.stream_events()]
                return {"final": result.final_output, "events": kinds}
            result = await Runner.run(agent, text)
            return {"final": result.final_output, "raw": [dump(r.output) for r in result.raw_responses]}

        return asyncio.run(run())

    compare(fake, moat, client_for, scenario)


CURL = shutil.which("curl")


def curl(url: str, key: str, body: dict[str, Any], headers: dict[str, str], tmp: Path) -> dict[str, Any]:
    head, out = tmp / f"h-{uuid.uuid4().hex}", tmp / f"b-{uuid.uuid4().hex}"
    args = [CURL, "-sS", "-N", "--max-time", "30", "-D", str(head), "-o", str(out), url, "-d", json.dumps(body),
            "-H", "content-type: application/json"]
    for name, value in {**headers, **({"x-api-key": key} if "anthropic-version" in headers else
                                      {"authorization": f"Bearer {key}"})}.items():
        args += ["-H", f"{name}: {value}"]
    subprocess.run(args, check=True, timeout=40)
    lines = head.read_bytes().decode("latin-1").splitlines()
    status = int(lines[0].split()[1])
    parsed = httpx.Headers([tuple(line.split(": ", 1)) for line in lines[1:] if ": " in line])
    return {"status": status, "headers": parsed, "body": out.read_bytes()}


@pytest.mark.skipif(CURL is None, reason="curl is not installed (Debian's curl; `which curl` found none)")
@pytest.mark.parametrize(("dialect", "stream"), [("openai", False), ("openai", True), ("anthropic", True)],
                         ids=["openai", "openai-stream", "anthropic-stream"])
def test_curl(fake: FakeUpstream, moat: Gateway, tmp_path: Path, dialect: str, stream: bool) -> None:
    text = nonce()
    if dialect == "openai":
        path, headers = "/v1/chat/completions", {}
        body: dict[str, Any] = {"model": "gpt-4o", "messages": [{"role": "user", "content": text}], "stream": stream}
    else:
        path, headers = "/v1/messages", {"anthropic-version": "2023-06-01",
                                         "anthropic-beta": "interleaved-thinking-2025-05-14"}
        body = {"model": "claude-sonnet-4-5", "max_tokens": 2048, "stream": stream,
                "thinking": {"type": "enabled", "budget_tokens": 1024},
                "messages": [{"role": "user", "content": text}]}

    def scenario(target: tuple[str, str]) -> Any:
        return curl(target[0] + path, target[1], body, headers, tmp_path)

    direct, via = run_both(fake, moat, API_KEY, lambda base, key: (base.removesuffix("/v1"), key), scenario,
                           dialect=dialect)
    assert direct.error is None and via.error is None, (direct.error, via.error)
    problems = request_problems(direct.record, via.record, API_KEY, dialect=dialect)
    problems += differ("status", direct.result["status"], via.result["status"])
    problems += differ("body bytes", direct.result["body"], via.result["body"])
    problems += header_problems(direct.result["headers"], via.result["headers"],
                                RELAYED_OPENAI if dialect == "openai" else RELAYED_ANTHROPIC)
    check(problems)
