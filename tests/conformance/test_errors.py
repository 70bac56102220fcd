"""(d) Upstream failures reach the SDKs as the same exception, status, body and retry-after as going direct."""

from __future__ import annotations

import uuid
from typing import Any

import anthropic
import openai
import pytest

from tests.conformance.conftest import API_KEY, Gateway
from tests.conformance.fake_upstream import RELAYED_ANTHROPIC, RELAYED_OPENAI, FakeUpstream
from tests.conformance.relay import Side, check, differ, header_problems, run_both


def error_problems(direct: Side, via: Side, expected: type[BaseException], relayed: list[str]) -> list[str]:
    problems = []
    assert isinstance(direct.error, expected), f"the fake upstream's failure was not scripted right: {direct.error!r}"
    if type(via.error) is not type(direct.error):
        problems.append(f"SDK raised {type(via.error).__name__} through Moat ({via.error!r}), "
                        f"{type(direct.error).__name__} direct")
        return problems
    status_d, status_v = getattr(direct.error, "status_code", None), getattr(via.error, "status_code", None)
    if status_v != status_d:
        problems.append(f"status {status_v} through Moat, {status_d} direct")
    # The error's type must be the upstream's (Moat may add its decision id to the message).
    type_d, type_v = error_type(getattr(direct.error, "body", None)), error_type(getattr(via.error, "body", None))
    if type_v != type_d:
        problems.append(f"error type {type_v!r} through Moat, {type_d!r} direct")
    response_d, response_v = getattr(direct.error, "response", None), getattr(via.error, "response", None)
    if response_d is not None and response_d.status_code != 200 and response_v is not None:
        # retry-after and the upstream's rate-limit headers drive the SDKs' back-off: they must arrive.
        problems += header_problems(response_d.headers, response_v.headers, relayed)
    return problems


def error_type(body: Any) -> Any:
    if isinstance(body, dict):
        inner = body.get("error", body)
        return inner.get("type") if isinstance(inner, dict) else None
    return None


def openai_client(base: str, key: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=base, api_key=key, max_retries=0, timeout=30)


def anthropic_client(base: str, key: str) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=base, api_key=key, max_retries=0, timeout=30)


@pytest.mark.parametrize(("model", "expected"), [("gpt-4o-fail-500", openai.InternalServerError),
                                                 ("gpt-4o-fail-503", openai.InternalServerError),
                                                 ("gpt-4o-fail-429", openai.RateLimitError)],
                         ids=["500", "503", "429-retry-after"])
def test_openai_error_status(fake: FakeUpstream, moat: Gateway, model: str, expected: type[BaseException]) -> None:
    text = f"conformance {uuid.uuid4().hex[:8]}"

    def scenario(client: openai.OpenAI) -> Any:
        return client.chat.completions.create(model=model, messages=[{"role": "user", "content": text}])

    direct, via = run_both(fake, moat, API_KEY, openai_client, scenario)
    check(error_problems(direct, via, expected, RELAYED_OPENAI))


def test_openai_error_mid_stream(fake: FakeUpstream, moat: Gateway) -> None:
    text = f"conformance {uuid.uuid4().hex[:8]}"
    seen: dict[str, list[str]] = {}

    def scenario(client: openai.OpenAI) -> Any:
        got = seen.setdefault(str(client.base_url), [])
        for chunk in client.chat.completions.create(model="gpt-4o-midstream-error", stream=True,
                                                    messages=[{"role": "user", "content": text}]):
            got.extend(choice.delta.content or "" for choice in chunk.choices)

    direct, via = run_both(fake, moat, API_KEY, openai_client, scenario)
    problems = error_problems(direct, via, openai.APIError, RELAYED_OPENAI)
    texts = list(seen.values())
    if len(texts) == 2 and texts[0] != texts[1]:
        problems.append(f"text delivered before the error: {texts[1]} through Moat, {texts[0]} direct")
    check(problems)


def test_openai_responses_error_event_mid_stream(fake: FakeUpstream, moat: Gateway) -> None:
    """A Responses stream that ends in an `error` event: the client sees the same events (or the same
    exception, depending on the SDK's stream mode) as going direct."""
    text = f"conformance {uuid.uuid4().hex[:8]}"

    def scenario(client: openai.OpenAI) -> Any:
        return [event.model_dump(mode="json") for event in
                client.responses.create(model="gpt-5-midstream-error", input=text, stream=True)]

    direct, via = run_both(fake, moat, API_KEY, openai_client, scenario)
    if direct.error is not None:
        check(error_problems(direct, via, openai.APIError, RELAYED_OPENAI))
        return
    assert direct.result[-1]["type"] == "error", direct.result[-1]
    check([f"through Moat the client got {via.error!r}"] if via.error is not None else
          differ("events", direct.result, via.result))


@pytest.mark.parametrize(("model", "expected"), [("claude-sonnet-4-5-fail-529", anthropic.OverloadedError),
                                                 ("claude-sonnet-4-5-fail-500", anthropic.InternalServerError),
                                                 ("claude-sonnet-4-5-fail-503", anthropic.InternalServerError),
                                                 ("claude-sonnet-4-5-fail-429", anthropic.RateLimitError)],
                         ids=["529-overloaded", "500", "503", "429-retry-after"])
def test_anthropic_error_status(fake: FakeUpstream, moat: Gateway, model: str, expected: type[BaseException]) -> None:
    text = f"conformance {uuid.uuid4().hex[:8]}"

    def scenario(client: anthropic.Anthropic) -> Any:
        return client.messages.create(model=model, max_tokens=100, messages=[{"role": "user", "content": text}])

    direct, via = run_both(fake, moat, API_KEY, anthropic_client, scenario, dialect="anthropic")
    check(error_problems(direct, via, expected, RELAYED_ANTHROPIC))


@pytest.mark.parametrize("stream", [False, True], ids=["plain", "stream"])
def test_anthropic_overloaded_is_overloaded_error(fake: FakeUpstream, moat: Gateway, stream: bool) -> None:
    """529 overloaded_error: the SDK's OverloadedError (a subclass of InternalServerError), status 529."""
    client = anthropic_client(moat.url, API_KEY)
    with pytest.raises(anthropic.OverloadedError) as raised:
        kwargs: dict[str, Any] = dict(model="claude-sonnet-4-5-fail-529", max_tokens=100,
                                      messages=[{"role": "user", "content": f"conformance {uuid.uuid4().hex[:8]}"}])
        if stream:
            with client.messages.stream(**kwargs) as events:
                list(events)
        else:
            client.messages.create(**kwargs)
    assert raised.value.status_code == 529
    assert isinstance(raised.value, anthropic.InternalServerError)


def test_anthropic_error_event_mid_stream(fake: FakeUpstream, moat: Gateway) -> None:
    text = f"conformance {uuid.uuid4().hex[:8]}"
    seen: dict[str, list[str]] = {}

    def scenario(client: anthropic.Anthropic) -> Any:
        got = seen.setdefault(str(client.base_url), [])
        with client.messages.stream(model="claude-sonnet-4-5-midstream-error", max_tokens=100,
                                    messages=[{"role": "user", "content": text}]) as stream:
            got.extend(stream.text_stream)

    direct, via = run_both(fake, moat, API_KEY, anthropic_client, scenario, dialect="anthropic")
    problems = error_problems(direct, via, anthropic.APIStatusError, RELAYED_ANTHROPIC)
    texts = list(seen.values())
    if len(texts) == 2 and texts[0] != texts[1]:
        problems.append(f"text delivered before the error: {texts[1]} through Moat, {texts[0]} direct")
    check(problems)
