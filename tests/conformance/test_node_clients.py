"""The official Node SDKs (`openai`, `@anthropic-ai/sdk`, pinned in node/package-lock.json) through Moat
and directly: node/client.mjs runs one scenario and prints what the client saw."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conformance.conftest import API_KEY, DIRECT_KEY, Gateway, run_node
from tests.conformance.fake_upstream import RELAYED_ANTHROPIC, RELAYED_OPENAI, FakeUpstream
from tests.conformance.relay import check, differ, header_problems, request_problems

SCENARIOS = [("openai", "chat"), ("openai", "chat.stream"), ("openai", "responses.stream"), ("openai", "embeddings"),
             ("openai", "error429"), ("openai", "error500"), ("anthropic", "beta.thinking"),
             ("anthropic", "stream"), ("anthropic", "error529")]


@pytest.mark.parametrize(("sdk", "scenario"), SCENARIOS, ids=[f"{a}.{b}" for a, b in SCENARIOS])
def test_node_sdk(node_modules: Path, fake: FakeUpstream, moat: Gateway, sdk: str, scenario: str) -> None:
    text = f"conformance node {uuid.uuid4().hex[:8]}"
    sides: list[dict[str, Any]] = []
    for base, key in (((fake.base, DIRECT_KEY), (f"{moat.url}/v1", API_KEY)) if sdk == "openai" else
                      ((fake.url, DIRECT_KEY), (moat.url, API_KEY))):
        mark = fake.mark()
        out = run_node("client.mjs", {"sdk": sdk, "base": base, "key": key, "scenario": scenario, "text": text})
        out["records"] = fake.since(mark)
        sides.append(out)
    direct, via = sides
    if "error" in direct:
        check(differ("error the SDK raised", direct["error"], via.get("error")))
        return
    assert "error" not in via, f"call through Moat failed: {via['error']}"
    problems = request_problems(direct["records"][-1], via["records"][-1], API_KEY, dialect=sdk)
    problems += differ("result", direct["result"], via["result"])
    if "headers" in direct:
        problems += header_problems(httpx.Headers(direct["headers"]), httpx.Headers(via["headers"]),
                                    RELAYED_OPENAI if sdk == "openai" else RELAYED_ANTHROPIC)
    check(problems)


def test_node_anthropic_models_list_is_anthropic_shaped(node_modules: Path, moat: Gateway) -> None:
    out = run_node("client.mjs", {"sdk": "anthropic", "base": moat.url, "key": API_KEY, "scenario": "models",
                                  "text": ""})
    assert "error" not in out, out
    assert out["result"], "no models"
    for model in out["result"]:
        assert model.get("type") == "model" and model.get("id") and model.get("display_name"), model


BACKGROUND = ["responses.background", "responses.background.cancel", "responses.background.resume"]


@pytest.mark.parametrize("scenario", BACKGROUND)
def test_node_background(node_modules: Path, fake: FakeUpstream, moat: Gateway, scenario: str) -> None:
    """Node `openai` with `background: true`: poll until completed, cancel twice, a stream left after six
    events and resumed with `starting_after` (test_background.py has the Python SDK's cases)."""
    text = f"conformance node background {uuid.uuid4().hex[:8]}"
    sides: list[dict[str, Any]] = []
    for base, key in ((fake.base, DIRECT_KEY), (f"{moat.url}/v1", API_KEY)):
        mark = fake.mark()
        out = run_node("client.mjs", {"sdk": "openai", "base": base, "key": key, "scenario": scenario, "text": text})
        out["creates"] = [r for r in fake.since(mark) if r.method == "POST" and r.path == "/v1/responses"]
        sides.append(out)
    direct, via = sides
    assert "error" not in direct, f"direct run failed: {direct['error']}"
    seen = direct["result"]
    if scenario == "responses.background":
        assert seen["created"]["status"] == "queued" and seen["final"]["status"] == "completed"
    elif scenario == "responses.background.cancel":
        assert seen["state"]["status"] == "in_progress" and seen["cancelled"]["status"] == "cancelled"
        assert seen["cancelled"] == seen["again"]
    else:
        events = seen["first"] + seen["resumed"]
        assert [e["sequence_number"] for e in events] == list(range(len(events)))
        assert events[-1]["type"] == "response.completed"
    assert "error" not in via, f"call through Moat failed: {via['error']}"
    problems = request_problems(direct["creates"][-1], via["creates"][-1], API_KEY, dialect="openai")
    problems += differ("result", direct["result"], via["result"])
    problems += header_problems(httpx.Headers(direct["headers"]), httpx.Headers(via["headers"]), RELAYED_OPENAI)
    check(problems)
