"""Background responses (`background: true`, issue 12: the Responses API "streamed and not, metered and
recorded like the other endpoints"), with the official `openai` Python SDK, directly and through Moat.

The fake upstream emulates OpenAI's background mode (fake_background.py): the create answers `queued`
at once, the response completes about a second later whether anyone polls or not, `retrieve` answers
the state now, `retrieve(stream=True, starting_after=N)` resumes a stream, `cancel` cancels.

Relay cases (a)-(c): what the client sees through Moat is what it sees directly. Metering cases (e): the
create's line in `moat export` carries the response's final usage even when the client never asks
again (Moat must find it out by itself), and the usage is counted once across every request that
touched the response (retrieves, resumed streams, cancels). Another account cannot see or cancel a
response it did not make (404, OpenAI's error shape), and the upstream never hears of the attempt.
"""

from __future__ import annotations

import json
import shutil
import time
import uuid
from typing import Any

import openai
import pytest

from tests.conformance.conftest import API_KEY, PRO_KEY, Gateway
from tests.conformance.fake_upstream import RELAYED_OPENAI, FakeUpstream, Recorded
from tests.conformance.relay import Side, check, differ, dump, header_problems, request_problems, run_both
from tests.conformance.test_metering import field
from tests.conformance.test_openai_python import client_for

PENDING = ("queued", "in_progress")
ORDER = {"queued": 0, "in_progress": 1, "completed": 2, "cancelled": 2, "failed": 2, "incomplete": 2}
# Reasoning and a prompt cache key: the fake's usage then has cached and reasoning tokens to meter.
KWARGS: dict[str, Any] = dict(reasoning={"effort": "low"}, prompt_cache_key="conformance-cache")
METERED_WITHIN = 30.0  # seconds after the fake's completion for Moat's record to carry the final usage


def nonce() -> str:
    return f"conformance background {uuid.uuid4().hex[:8]}"


def create(client: openai.OpenAI, text: str, model: str = "gpt-5", **extra: Any) -> Any:
    return client.responses.with_raw_response.create(model=model, input=text, background=True, **KWARGS, **extra)


def poll(client: openai.OpenAI, response_id: str, until: tuple[str, ...] = PENDING,
         seen: list[Any] | None = None, within: float = 20.0) -> Any:
    """Retrieve until the status leaves `until` (raw response of the last retrieve)."""
    deadline = time.monotonic() + within
    while True:
        raw = client.responses.with_raw_response.retrieve(response_id)
        if seen is not None:
            seen.append(raw)
        if raw.parse().status not in until:
            return raw
        assert time.monotonic() < deadline, f"response {response_id} still {raw.parse().status} after {within} s"
        time.sleep(0.1)


def upstream(side: Side, method: str, suffix: str = "", query: str | None = None) -> list[Recorded]:
    return [r for r in side.records if r.method == method and r.path.endswith(suffix)
            and (query is None or r.query == query)]


def relayed(direct: Side, via: Side, method: str, suffix: str, query: str | None = None) -> list[str]:
    """(a) for one of the client's requests: the direct one against the through-Moat one that matches it
    best (Moat may make requests of its own to the same path, e.g. to learn how a response ended)."""
    wanted = upstream(direct, method, suffix, query)
    assert wanted, f"the direct run sent no {method} …{suffix} {query or ''}"
    candidates = upstream(via, method, suffix, query)
    if not candidates:
        return [f"the client's {method} …{suffix} {query or ''} never reached the upstream through Moat"]
    tries = [request_problems(wanted[-1], rec, API_KEY, dialect="openai") for rec in candidates]
    return min(tries, key=len)


def expect_equal(direct: Side, via: Side, *keys: str) -> list[str]:
    assert direct.error is None, f"direct run failed: {direct.error!r}"
    assert via.error is None, f"run through Moat failed: {via.error!r}"
    problems: list[str] = []
    for key in keys:
        problems += differ(key, direct.result[key], via.result[key])
    return problems


# -- (a)-(c): relay --------------------------------------------------------------------------------------


def test_background_create_then_poll_until_completed(fake: FakeUpstream, moat: Gateway) -> None:
    text = nonce()

    def scenario(client: openai.OpenAI) -> dict[str, Any]:
        created = create(client, text)
        seen: list[Any] = []
        final = poll(client, created.parse().id, seen=seen)
        return {"created": dump(created.parse()), "final": dump(final.parse()), "headers": created.headers,
                "final_headers": final.headers, "statuses": [raw.parse().status for raw in seen]}

    direct, via = run_both(fake, moat, API_KEY, client_for, scenario)
    problems = expect_equal(direct, via, "created", "final")
    assert direct.result["created"]["status"] == "queued" and direct.result["created"]["background"] is True
    assert direct.result["final"]["status"] == "completed" and direct.result["final"]["usage"]
    statuses = via.result["statuses"]
    if [ORDER[s] for s in statuses] != sorted(ORDER[s] for s in statuses):
        problems.append(f"statuses through Moat went backwards: {statuses}")
    problems += relayed(direct, via, "POST", "/v1/responses")
    problems += relayed(direct, via, "GET", "/v1/responses/" + direct.result["created"]["id"])
    problems += header_problems(direct.result["headers"], via.result["headers"], RELAYED_OPENAI)
    problems += header_problems(direct.result["final_headers"], via.result["final_headers"], RELAYED_OPENAI)
    check(problems)


def test_background_cancel(fake: FakeUpstream, moat: Gateway) -> None:
    """Cancel an in-progress response, then cancel again (idempotent) and retrieve: all as direct."""
    text = nonce()

    def scenario(client: openai.OpenAI) -> dict[str, Any]:
        created = create(client, text, model="gpt-5-slow-background")
        rid = created.parse().id
        in_progress = poll(client, rid, until=("queued",))
        cancelled = client.responses.with_raw_response.cancel(rid)
        again = client.responses.cancel(rid)
        after = client.responses.retrieve(rid)
        return {"created": dump(created.parse()), "in_progress": dump(in_progress.parse()),
                "cancelled": dump(cancelled.parse()), "again": dump(again), "after": dump(after),
                "headers": cancelled.headers}

    direct, via = run_both(fake, moat, API_KEY, client_for, scenario)
    problems = expect_equal(direct, via, "created", "in_progress", "cancelled", "again", "after")
    seen = direct.result
    assert seen["in_progress"]["status"] == "in_progress" and seen["cancelled"]["status"] == "cancelled"
    assert seen["cancelled"] == seen["again"] == seen["after"]
    problems += relayed(direct, via, "POST", f"/v1/responses/{seen['created']['id']}/cancel")
    problems += header_problems(direct.result["headers"], via.result["headers"], RELAYED_OPENAI)
    check(problems)


def test_cancel_of_a_response_not_in_background_is_a_400(fake: FakeUpstream, moat: Gateway) -> None:
    text = nonce()

    def scenario(client: openai.OpenAI) -> dict[str, Any]:
        made = client.responses.create(model="gpt-5", input=text)
        try:
            client.responses.cancel(made.id)
        except openai.APIStatusError as exc:
            return {"made": dump(made), "error": (type(exc).__name__, exc.status_code, exc.body)}
        return {"made": dump(made), "error": None}

    direct, via = run_both(fake, moat, API_KEY, client_for, scenario)
    problems = expect_equal(direct, via, "made")
    assert direct.result["error"] is not None and direct.result["error"][:2] == ("BadRequestError", 400)
    error = via.result["error"]
    if error is None or error[:2] != ("BadRequestError", 400) or not isinstance(error[2], dict) \
            or error[2].get("type") != "invalid_request_error":
        problems.append(f"cancel of a response not made in the background through Moat: {error!r}, "
                        f"direct: {direct.result['error']!r}")
    check(problems)


def test_background_stream_dropped_and_resumed(fake: FakeUpstream, moat: Gateway) -> None:
    """The client leaves after a few events and resumes with `starting_after`: the events it sees, before
    and after, are the direct run's, and together the whole stream once."""
    text = nonce()

    def scenario(client: openai.OpenAI) -> dict[str, Any]:
        first, resumed = drop_and_resume(client, text)
        return {"first": first["events"], "resumed": resumed["events"], "headers": first["headers"],
                "resumed_headers": resumed["headers"]}

    direct, via = run_both(fake, moat, API_KEY, client_for, scenario)
    problems = expect_equal(direct, via, "first", "resumed")
    events = direct.result["first"] + direct.result["resumed"]
    assert [e["sequence_number"] for e in events] == list(range(len(events)))
    assert events[0]["response"]["status"] == "queued" and events[-1]["type"] == "response.completed"
    last = direct.result["first"][-1]["sequence_number"]
    problems += relayed(direct, via, "POST", "/v1/responses")
    resume_query = upstream(direct, "GET")[-1].query
    assert f"starting_after={last}" in resume_query and "stream=true" in resume_query
    problems += relayed(direct, via, "GET", "/v1/responses/" + events[0]["response"]["id"], query=resume_query)
    problems += header_problems(direct.result["headers"], via.result["headers"], RELAYED_OPENAI)
    problems += header_problems(direct.result["resumed_headers"], via.result["resumed_headers"], RELAYED_OPENAI)
    check(problems)


DROP_AFTER = 6  # events seen before the client leaves: created, queued, in_progress and the first deltas


def drop_and_resume(client: openai.OpenAI, text: str) -> tuple[dict[str, Any], dict[str, Any]]:
    raw = client.responses.with_raw_response.create(model="gpt-5", input=text, background=True, stream=True,
                                                    **KWARGS)
    stream = raw.parse()
    first = []
    for event in stream:
        first.append(dump(event))
        if len(first) == DROP_AFTER:
            break
    stream.close()  # leaves: the connection closes mid-stream
    rid, last = first[0]["response"]["id"], first[-1]["sequence_number"]
    again = client.responses.with_raw_response.retrieve(rid, stream=True, starting_after=last)
    resumed = [dump(event) for event in again.parse()]
    return ({"events": first, "headers": raw.headers, "id": raw.headers.get("moat-request-id")},
            {"events": resumed, "headers": again.headers, "id": again.headers.get("moat-request-id")})


@pytest.mark.parametrize("background", [True, False], ids=["background", "stored"])
def test_another_account_cannot_retrieve_or_cancel(fake: FakeUpstream, moat: Gateway, background: bool) -> None:
    """A second account's key gets 404 in OpenAI's shape for the first account's response id, for
    retrieve, resume and cancel; the upstream never hears of it, and the response goes on. (`stored`:
    the same for a response made without `background`, which Moat keeps for its owner too.)"""
    owner = client_for(f"{moat.url}/v1", API_KEY)
    other = client_for(f"{moat.url}/v1", PRO_KEY)
    if background:
        rid = create(owner, nonce(), model="gpt-5-slow-background").parse().id
    else:
        rid = owner.responses.create(model="gpt-5", input=nonce()).id
    unknown: Any = None
    try:
        client_for(fake.base, "sk-direct").responses.retrieve(rid)
    except openai.NotFoundError as exc:
        unknown = exc.body  # what OpenAI answers for an id that is not the caller's
    assert isinstance(unknown, dict) and unknown["type"] == "invalid_request_error"
    mark = fake.mark()
    problems = []
    attempts = {"retrieve": lambda: other.responses.retrieve(rid),
                "retrieve stream": lambda: other.responses.retrieve(rid, stream=True, starting_after=0).close(),
                "cancel": lambda: other.responses.cancel(rid)}
    for name, attempt in attempts.items():
        try:
            attempt()
            problems.append(f"{name} by another account succeeded")
        except openai.APIStatusError as exc:
            body = exc.body if isinstance(exc.body, dict) else {}
            if not isinstance(exc, openai.NotFoundError) or exc.status_code != 404 \
                    or body.get("type") != unknown["type"] or not isinstance(body.get("message"), str):
                problems.append(f"{name} by another account: {type(exc).__name__} {exc.status_code} {exc.body!r}; "
                                f"expected NotFoundError 404 shaped like {unknown!r}")
    cancels = [r for r in fake.since(mark) if r.path.endswith("/cancel")]
    if cancels:
        problems.append(f"another account's cancel reached the upstream: {[(r.method, r.path) for r in cancels]}")
    still = owner.responses.retrieve(rid)
    if still.status not in (PENDING if background else ("completed",)):
        problems.append(f"the owner's response is {still.status} after another account's attempts")
    if background:
        owner.responses.cancel(rid)  # tidy: the slow response would otherwise run for a minute
    check(problems)


# -- (e): metering ---------------------------------------------------------------------------------------


def export_now(moat: Gateway) -> dict[str, dict[str, Any]]:
    """`moat export`'s requests.jsonl as it is now, by request id (the last line of an id wins)."""
    out = moat.home / "export-background"
    shutil.rmtree(out, ignore_errors=True)
    moat.cli("export", str(out))
    records: dict[str, dict[str, Any]] = {}
    with (out / "requests.jsonl").open() as f:
        for line in f:
            if line.strip():
                record = json.loads(line)
                records[str(record.get("request_id"))] = record
    return records


def metered_once(moat: Gateway, create_id: str, others: list[str], usage: dict[str, Any],
                 within: float = METERED_WITHIN) -> None:
    """The create's record carries `usage` (a success), and every request of the response together
    counts it once: retrieves, resumes and cancels add no tokens of their own."""
    cached = usage["input_tokens_details"]["cached_tokens"]
    reasoning = usage["output_tokens_details"]["reasoning_tokens"]
    deadline = time.monotonic() + within
    while True:
        records = export_now(moat)
        problems = []
        record = records.get(create_id)
        if record is None:
            problems.append(f"request {create_id} is not in `moat export`")
        else:
            if record.get("status") != 200:
                problems.append(f"status: recorded {record.get('status')!r}, expected 200")
            if record.get("endpoint") != "/v1/responses":
                problems.append(f"endpoint: recorded {record.get('endpoint')!r}")
            lines = [record, *[records[i] for i in others if i in records]]
            total = {name: sum(field(r, name) or 0 for r in lines)
                     for name in ("input_tokens", "output_tokens", "cache_read_tokens", "reasoning_tokens")}
            own = {name: field(record, name) for name in total}
            wanted = {"input_tokens": (usage["input_tokens"], usage["input_tokens"] - cached),
                      "output_tokens": (usage["output_tokens"],), "cache_read_tokens": (cached,),
                      "reasoning_tokens": (reasoning,)}
            for name, allowed in wanted.items():
                if own[name] not in allowed:
                    problems.append(f"{name}: the create's record has {own[name]!r}, expected {allowed}")
                elif total[name] != own[name]:
                    problems.append(f"{name}: counted {total[name]} over the response's {len(lines)} requests, "
                                    f"the usage is {own[name]} (counted more than once)")
        if not problems or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert not problems, ("background response metered wrong:\n" + "\n".join(problems)
                          + f"\nrecords: {json.dumps([records.get(i) for i in [create_id, *others]])[:2500]}")


def moat_client(moat: Gateway) -> openai.OpenAI:
    return client_for(f"{moat.url}/v1", API_KEY)


def test_background_polled_is_metered_with_final_usage(fake: FakeUpstream, moat: Gateway) -> None:
    client = moat_client(moat)
    created = create(client, nonce())
    seen: list[Any] = []
    final = poll(client, created.parse().id, seen=seen).parse()
    assert final.status == "completed" and final.usage is not None
    metered_once(moat, created.headers["moat-request-id"], [raw.headers.get("moat-request-id") for raw in seen],
                 final.usage.model_dump())


def test_background_never_polled_is_metered_with_final_usage(fake: FakeUpstream, moat: Gateway) -> None:
    """Nobody asks again after the create: Moat must learn the final usage by itself."""
    text = nonce()
    direct = client_for(fake.base, "sk-direct")
    final = poll(direct, create(direct, text).parse().id).parse()  # the upstream's own final answer
    assert final.status == "completed" and final.usage is not None
    created = create(moat_client(moat), text)
    assert created.parse().status == "queued"
    metered_once(moat, created.headers["moat-request-id"], [], final.usage.model_dump())


def test_background_cancelled_is_metered_with_cancelled_usage(fake: FakeUpstream, moat: Gateway) -> None:
    client = moat_client(moat)
    created = create(client, nonce(), model="gpt-5-slow-background")
    rid = created.parse().id
    seen: list[Any] = []
    poll(client, rid, until=("queued",), seen=seen)
    cancelled = client.responses.with_raw_response.cancel(rid)
    result = cancelled.parse()
    assert result.status == "cancelled" and result.usage is not None
    ids = [raw.headers.get("moat-request-id") for raw in seen] + [cancelled.headers.get("moat-request-id")]
    metered_once(moat, created.headers["moat-request-id"], ids, result.usage.model_dump())


def test_background_stream_resumed_is_metered_once(fake: FakeUpstream, moat: Gateway) -> None:
    first, resumed = drop_and_resume(moat_client(moat), nonce())
    completed = resumed["events"][-1]
    assert completed["type"] == "response.completed", completed
    assert first["id"] and resumed["id"], "no moat-request-id on the stream's answers"
    metered_once(moat, first["id"], [resumed["id"]], completed["response"]["usage"])

