"""Policies and limits through the running gateway and the official SDKs."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import anthropic
import httpx
import openai
import pytest

from tests.gateway.conftest import DAVE_KEY, ERIN_KEY, FRANK_KEY, TEST_POLICY, GatewayProcess, admin_log

MESSAGES = [{"role": "user", "content": "think hard"}]


def oa(gateway: GatewayProcess, key: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{gateway.url}/v1", api_key=key, max_retries=0, timeout=10)


def an(gateway: GatewayProcess, key: str) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=gateway.url, api_key=key, max_retries=0, timeout=10)


def test_reasoning_redacted_openai(gateway: GatewayProcess) -> None:
    whole = oa(gateway, DAVE_KEY).chat.completions.create(model="moat-demo", reasoning_effort="high",
                                                          messages=MESSAGES)
    assert whole.choices[0].message.content.startswith("Demo answer")
    assert "reasoning_content" not in (whole.choices[0].message.model_extra or {})
    chunks = list(oa(gateway, DAVE_KEY).chat.completions.create(
        model="moat-demo", reasoning_effort="high", stream=True, messages=MESSAGES))
    assert all("reasoning_content" not in (c.choices[0].delta.model_extra or {}) for c in chunks if c.choices)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text.startswith("Demo answer")


def test_reasoning_redacted_anthropic(gateway: GatewayProcess) -> None:
    thinking = {"type": "enabled", "budget_tokens": 1024}
    whole = an(gateway, DAVE_KEY).messages.create(model="moat-demo", max_tokens=300, thinking=thinking,
                                                  messages=MESSAGES)
    assert [b.type for b in whole.content] == ["text"]
    with an(gateway, DAVE_KEY).messages.stream(model="moat-demo", max_tokens=300, thinking=thinking,
                                               messages=MESSAGES) as stream:
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
    assert text.startswith("Demo answer") and [b.type for b in final.content] == ["text"]


def test_rate_limit_429_in_both_shapes(gateway: GatewayProcess) -> None:
    ok = 0
    with pytest.raises(openai.RateLimitError) as refused:
        for _ in range(10):
            oa(gateway, ERIN_KEY).chat.completions.create(model="moat-demo", messages=MESSAGES)
            ok += 1
    assert ok == 3
    response = refused.value.response
    assert int(response.headers["retry-after"]) >= 1
    assert response.headers["ratelimit-limit"] == "3" and response.headers["ratelimit-remaining"] == "0"
    assert "Tight limit reached" in refused.value.message and "dec_" in refused.value.message
    with pytest.raises(anthropic.RateLimitError) as refused_a:
        an(gateway, ERIN_KEY).messages.create(model="moat-demo", max_tokens=10, messages=MESSAGES)
    assert refused_a.value.body["error"]["type"] == "rate_limit_error"  # type: ignore[index]


def test_warn_mode_allows_with_a_header(gateway: GatewayProcess) -> None:
    raw = oa(gateway, FRANK_KEY).chat.completions.with_raw_response.create(model="moat-demo", messages=MESSAGES)
    assert raw.http_response.status_code == 200
    assert "Heads up" in raw.headers["moat-warning"]
    assert int(raw.headers["ratelimit-limit"]) > 0  # the plan's limit is reported on success too


def test_hot_reload_under_load_fails_no_request(gateway: GatewayProcess) -> None:
    policies = Path(gateway.home) / "policies"
    failures: list[int] = []
    done = threading.Event()

    def load() -> None:
        with httpx.Client(timeout=10) as client:
            while not done.is_set():
                r = client.post(f"{gateway.url}/v1/chat/completions",
                                headers={"authorization": f"Bearer {FRANK_KEY}"},
                                json={"model": "moat-demo", "messages": MESSAGES})
                if r.status_code != 200:
                    failures.append(r.status_code)
                time.sleep(0.01)  # steady load, well inside frank's plan limit

    workers = [threading.Thread(target=load) for _ in range(4)]
    for w in workers:
        w.start()
    try:
        # a bad bundle is refused (the last good one stays), then a good change is picked up
        broken = TEST_POLICY.replace("limits:", "  - {id: broken, when: 'account.nope ==', effect: deny}\nlimits:")
        (policies / "tests.yaml").write_text(broken)
        time.sleep(2.5)
        (policies / "tests.yaml").write_text(TEST_POLICY.replace("Heads up", "Changed heads up"))
        deadline = time.monotonic() + 10
        changed = False
        while not changed and time.monotonic() < deadline:
            r = httpx.post(f"{gateway.url}/v1/chat/completions", headers={"authorization": f"Bearer {FRANK_KEY}"},
                           json={"model": "moat-demo", "messages": MESSAGES})
            changed = "Changed heads up" in r.headers.get("moat-warning", "")
            time.sleep(0.1)
        assert changed
    finally:
        done.set()
        for w in workers:
            w.join()
        (policies / "tests.yaml").write_text(TEST_POLICY)
    assert failures == []
    actions = [entry["action"] for entry in admin_log(gateway.store_url)]
    assert "policy.refused" in actions and "policy.reload" in actions  # each replica logs what it saw


