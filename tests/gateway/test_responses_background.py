"""Background Responses (`background: true`) through a running `moat serve`, driven by the official
`openai` SDK against a real upstream that implements background mode (fake_background.py): each is
recorded once, when it ends, with the upstream's real usage and its final status, whether or not
the client ever reads it (moat.gateway.background)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from moat.store import open_store
from tests.gateway.conftest import ALICE_KEY, DAVE_KEY, GINA_KEY, GatewayProcess, make_gateway, wait_for_record
from tests.gateway.fake_background import FakeBackground

RELAY = """
[relay]
background_first_poll = 0.2
background_max_poll = 0.4
background_max_errors = 3
background_lifetime = 30
"""

QUOTA_POLICY = """
rules:
  - {id: test-output-quota, when: 'account.id == "gina"', effect: throttle, limit: output_quota,
     reason: rate_limited, message: "Daily output quota reached."}
limits:
  - {name: output_quota, key: account, output_tokens_per_day: 40000}
"""


@pytest.fixture(scope="module")
def upstream() -> FakeBackground:
    return FakeBackground().start()


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory, upstream: FakeBackground) -> Iterator[GatewayProcess]:
    home = tmp_path_factory.mktemp("gwbg")
    gw = make_gateway(home, f"sqlite:///{home / 'moat.db'}", upstream.base)
    config = home / "moat.toml"
    config.write_text(config.read_text().replace("timeout = 1.0", "timeout = 10.0") + RELAY)
    (home / "policies" / "quota.yaml").write_text(QUOTA_POLICY)
    gw.start()
    yield gw
    gw.stop()


def client(gateway: GatewayProcess, key: str = ALICE_KEY) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{gateway.url}/v1", api_key=key, max_retries=0, timeout=10)


def record_of(gateway: GatewayProcess, request_id: str) -> dict[str, Any]:
    return asyncio.run(wait_for_record(gateway.store_url, request_id))


def records(gateway: GatewayProcess) -> list[dict[str, Any]]:
    async def read() -> list[dict[str, Any]]:
        store = open_store(gateway.store_url)
        await store.open()
        try:
            return [r async for r in store.iter_requests()]
        finally:
            await store.close()

    return asyncio.run(read())


def assert_metered_in_full(record: dict[str, Any]) -> None:
    """The fake's usage: 40 input of which 30 cached, 12 output of which 5 reasoning."""
    assert record["endpoint"] == "/v1/responses" and record["status"] == 200
    assert (record["input_tokens"], record["cache_read_tokens"]) == (10, 30)
    assert (record["output_tokens"], record["reasoning_tokens"]) == (12, 5)
    assert record["usage_reported"] is True


def test_create_then_poll(gateway: GatewayProcess) -> None:
    c = client(gateway)
    raw = c.responses.with_raw_response.create(model="bg-1", input="later please", background=True)
    made = raw.parse()
    assert made.status in ("queued", "in_progress") and made.background
    deadline = time.monotonic() + 10
    while made.status in ("queued", "in_progress") and time.monotonic() < deadline:
        time.sleep(0.1)
        made = c.responses.retrieve(made.id)
    assert made.status == "completed" and made.output_text == "background answer"
    assert made.usage is not None and made.usage.output_tokens == 12
    record = record_of(gateway, raw.headers["x-request-id"])
    assert_metered_in_full(record)
    assert record["prompt"] == "later please" and record["account_id"] == "alice"


def test_never_polled_is_still_metered(gateway: GatewayProcess, upstream: FakeBackground) -> None:
    before = upstream.stats["polls_with_credential"]
    raw = client(gateway).responses.with_raw_response.create(model="bg-1", input="fire and forget",
                                                             background=True)
    assert raw.parse().status in ("queued", "in_progress")
    assert_metered_in_full(record_of(gateway, raw.headers["x-request-id"]))
    assert upstream.stats["polls_with_credential"] > before  # the gateway asked, with its own key
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:  # published to /metrics once a second
        metrics = httpx.get(f"{gateway.url}/metrics", timeout=5).text
        name = 'moat_background_responses{stat="settled"}'
        settled = [line for line in metrics.splitlines() if line.startswith(name)]
        if settled and float(settled[0].split()[-1]) >= 1:
            break
        time.sleep(0.2)
    else:
        raise AssertionError("moat_background_responses{stat=\"settled\"} never counted the settlement")


def test_the_reservation_is_settled_on_the_real_usage(gateway: GatewayProcess) -> None:
    """A create reserves its max_output_tokens against gina's output quota; once the response ends
    (12 output tokens) the reservation is replaced by them, not kept."""
    c = client(gateway, GINA_KEY)
    raw = c.responses.with_raw_response.create(model="bg-1", input="quota", background=True,
                                               max_output_tokens=15_000)
    assert raw.headers["ratelimit-limit"] == "40000"
    assert abs(int(raw.headers["ratelimit-remaining"]) - 25_000) <= 3  # reserved while it runs
    assert_metered_in_full(record_of(gateway, raw.headers["x-request-id"]))
    raw = c.responses.with_raw_response.create(model="bg-1", input="quota again", background=True,
                                               max_output_tokens=15_000)
    assert abs(int(raw.headers["ratelimit-remaining"]) - (40_000 - 12 - 15_000)) <= 3
    record_of(gateway, raw.headers["x-request-id"])


def test_cancel_settles_on_the_cancelled_usage(gateway: GatewayProcess) -> None:
    c = client(gateway)
    raw = c.responses.with_raw_response.create(model="bglong-1", input="too long", background=True)
    made = raw.parse()
    with pytest.raises(openai.NotFoundError):  # not dave's: as if it did not exist
        client(gateway, DAVE_KEY).responses.cancel(made.id)
    cancelled = c.responses.cancel(made.id)
    assert cancelled.status == "cancelled"
    assert c.responses.cancel(made.id).status == "cancelled"  # idempotent
    record = record_of(gateway, raw.headers["x-request-id"])
    # the create's status (it returned 200), the generation's end beside it, the cancelled usage
    assert record["status"] == 200 and record["background_status"] == "cancelled"
    assert record["output_tokens"] == 3 and record["input_tokens"] == 40
    assert record["usage_reported"] is True


def test_another_account_cannot_read_it(gateway: GatewayProcess) -> None:
    raw = client(gateway).responses.with_raw_response.create(model="bg-1", input="mine", background=True)
    made = raw.parse()
    dave = client(gateway, DAVE_KEY)
    with pytest.raises(openai.NotFoundError) as caught:
        dave.responses.retrieve(made.id)
    # OpenAI's own answer for an id it does not know: nothing says the response exists
    assert caught.value.body == {"message": f"Response with id '{made.id}' not found.",
                                 "type": "invalid_request_error", "param": None, "code": None}
    with pytest.raises(openai.NotFoundError):
        dave.responses.retrieve(made.id, stream=True, starting_after=0)
    assert_metered_in_full(record_of(gateway, raw.headers["x-request-id"]))  # alice's, whoever tried


def decisions(gateway: GatewayProcess, wanted: set[str], timeout: float = 10.0) -> list[dict[str, Any]]:
    """Every decision-log entry, once the `wanted` decision ids are all in the store."""
    async def read() -> list[dict[str, Any]]:
        store = open_store(gateway.store_url)
        await store.open()
        try:
            deadline = time.monotonic() + timeout
            while True:
                found = [e.payload async for e in store.iter_decisions()]
                if wanted <= {e["decision_id"] for e in found} or time.monotonic() > deadline:
                    return found
                await asyncio.sleep(0.05)
        finally:
            await store.close()

    return asyncio.run(read())


def test_reads_are_access_decisions(gateway: GatewayProcess) -> None:
    """Every request on a stored response names its decision in `moat-decision-id`, once, and the
    decision is in the decision log (allow for the owner, deny for another account), one entry for
    the same request by the same key within a minute (a polling client); none of them is a traffic
    record (nothing was generated: the create's record is the one that meters it)."""
    alice, dave = client(gateway), client(gateway, DAVE_KEY)
    made = alice.responses.create(model="bg-1", input="whose is it", background=True)
    read = alice.responses.with_raw_response.retrieve(made.id)
    again = alice.responses.with_raw_response.retrieve(made.id)  # polling: covered by the first
    resumed = alice.responses.with_raw_response.retrieve(made.id, stream=True)
    resumed.http_response.read()
    with pytest.raises(openai.NotFoundError) as refused:
        dave.responses.cancel(made.id)
    answers = {"read": read.headers, "again": again.headers, "resumed": resumed.headers,
               "refused": refused.value.response.headers}
    for name, headers in answers.items():
        assert len(headers.get_list("moat-decision-id")) == 1, name
        assert len(headers.get_list("moat-request-id")) == 1 and len(headers.get_list("x-request-id")) == 1, name
    ids = {name: headers["moat-decision-id"] for name, headers in answers.items()}
    assert ids["again"] == ids["read"] and again.headers["moat-request-id"] != read.headers["moat-request-id"]
    logged = {e["decision_id"]: e for e in decisions(gateway, set(ids.values())) if e.get("response_id") == made.id}
    assert set(logged) == {ids["read"], ids["resumed"], ids["refused"]}
    for name, stream in (("read", False), ("resumed", True)):
        entry = logged[ids[name]]
        assert (entry["effect"], entry["account_id"], entry["method"], entry["status"], entry["stream"]) == \
            ("allow", "alice", "GET", 200, stream)
        assert entry["endpoint"] == "/v1/responses/{id}" and entry["covers_seconds"] == 60
        assert entry["request_id"] == answers[name]["moat-request-id"]
    entry = logged[ids["refused"]]
    assert (entry["effect"], entry["reason_code"], entry["account_id"], entry["status"]) == \
        ("deny", "response_not_found", "dave", 404)
    assert entry["endpoint"] == "/v1/responses/{id}/cancel" and entry["method"] == "POST"
    recorded = {r["request_id"] for r in records(gateway)}
    assert not recorded & {headers["moat-request-id"] for headers in answers.values()}


def test_stream_cut_and_resumed_is_metered_once(gateway: GatewayProcess) -> None:
    c = client(gateway)
    raw = c.responses.with_raw_response.create(model="bg-1", input="stream it", background=True, stream=True)
    stream = raw.parse()
    seen = []
    for event in stream:
        seen.append(event)
        if len(seen) == 4:
            break  # the client drops
    stream.close()
    response_id, last = seen[0].response.id, seen[-1].sequence_number  # type: ignore[union-attr]
    resumed = list(c.responses.retrieve(response_id, stream=True, starting_after=last))
    assert resumed[0].sequence_number == last + 1 and resumed[-1].type == "response.completed"
    deltas = [e.delta for e in (*seen, *resumed) if e.type == "response.output_text.delta"]
    assert "".join(deltas) == "background answer"
    assert_metered_in_full(record_of(gateway, raw.headers["x-request-id"]))
    time.sleep(1.0)  # a second settlement (the resumed stream's final event, the poll) would land by now
    assert [r["request_id"] for r in records(gateway) if r["prompt"] == "stream it"] == [raw.headers["x-request-id"]]


def test_reasoning_redacted_on_every_read(gateway: GatewayProcess) -> None:
    """dave's decision redacts reasoning: the create, every poll, the resumed stream and the
    cancel's answer come without the reasoning item; the rest is intact."""
    dave = client(gateway, DAVE_KEY)
    made = dave.responses.create(model="bgthink-1", input="think later", background=True)
    deadline = time.monotonic() + 10
    while made.status in ("queued", "in_progress") and time.monotonic() < deadline:
        time.sleep(0.1)
        made = dave.responses.retrieve(made.id)
    assert made.status == "completed" and [item.type for item in made.output] == ["message"]
    raw = dave.responses.with_raw_response.retrieve(made.id)
    assert "secret" not in raw.http_response.text and '"type":"reasoning"' not in raw.http_response.text
    resumed = dave.responses.with_raw_response.retrieve(made.id, stream=True, starting_after=0)
    text = resumed.http_response.read().decode()
    assert "response.output_text.delta" in text and "secret" not in text and "rs_bg" not in text
    assert "secret" not in dave.responses.with_raw_response.cancel(made.id).http_response.text
    # the same model for alice (not redacted) does carry it: the test can tell
    mine = client(gateway).responses.create(model="bgthink-1", input="think later", background=True)
    while mine.status in ("queued", "in_progress") and time.monotonic() < deadline:
        time.sleep(0.1)
        mine = client(gateway).responses.retrieve(mine.id)
    assert [item.type for item in mine.output] == ["reasoning", "message"]


def test_a_resumed_stream_is_relayed_as_it_comes(gateway: GatewayProcess) -> None:
    """Resumed while the response still runs, events reach the client as the upstream sends them
    (EVENT_GAP apart), not all at once at the end."""
    c = client(gateway)
    made = c.responses.create(model="bg-1", input="resume live", background=True)
    t0 = time.monotonic()
    arrivals = [(time.monotonic() - t0, event.type) for event in c.responses.retrieve(made.id, stream=True)]
    assert arrivals[-1][1] == "response.completed" and len(arrivals) >= 10
    assert arrivals[0][0] < 0.5 and arrivals[-1][0] - arrivals[0][0] > 0.6


def test_stream_read_to_its_end_is_metered_from_the_final_event(gateway: GatewayProcess) -> None:
    raw = client(gateway).responses.with_raw_response.create(model="bg-1", input="whole stream",
                                                             background=True, stream=True)
    events = list(raw.parse())
    assert events[-1].type == "response.completed"
    assert_metered_in_full(record_of(gateway, raw.headers["x-request-id"]))


@pytest.mark.parametrize("stream", [False, True])
def test_upstream_dies_recorded_as_failed(gateway: GatewayProcess, stream: bool) -> None:
    body = {"model": "bgdie-1", "input": "doomed", "background": True, "stream": stream}
    answer = httpx.post(f"{gateway.url}/v1/responses", json=body, timeout=10,
                        headers={"authorization": f"Bearer {ALICE_KEY}"})
    assert answer.status_code == 200
    record = record_of(gateway, answer.headers["x-request-id"])
    assert record["status"] == 502 and record["usage_reported"] is False
    assert record["output_tokens"] == 0 and record["input_tokens"] > 0  # what is known: the input



@pytest.mark.parametrize("leaves", ["killed", "stopped"])
def test_a_replica_that_leaves_loses_none_with_redis(tmp_path: Path, upstream: FakeBackground, redis_url: str,
                                                     redis_prefix: str, leaves: str) -> None:
    """Pending responses are shared through Redis: one replica is killed (or stopped) right after
    the create, the other takes the response over (when its claim runs out, or at once when it was
    given up) and records it in full."""
    store_url = f"sqlite:///{tmp_path / 'moat.db'}"
    first = make_gateway(tmp_path / "a", store_url, upstream.base)
    second = make_gateway(tmp_path / "b", store_url, upstream.base, seeded=False)
    for gw in (first, second):
        config = gw.home / "moat.toml"
        config.write_text(config.read_text() + RELAY + "background_claim = 1.0\n")
        gw.env = {"MOAT_REDIS_URL": redis_url, "MOAT_REDIS_PREFIX": redis_prefix}
        gw.start()
    try:
        raw = client(first).responses.with_raw_response.create(model="bgmid-1", input="survive", background=True)
        assert raw.parse().status in ("queued", "in_progress")
        if leaves == "killed":
            first.kill9()
        else:
            first.stop()
        record: dict[str, Any] = asyncio.run(wait_for_record(store_url, raw.headers["x-request-id"], timeout=15))
        assert_metered_in_full(record)
        assert record["account_id"] == "alice" and record["prompt"] == "survive"
        assert record["latency_ms"] >= 2500  # recorded when it ended (MID s), not at the create
    finally:
        first.stop()
        second.stop()


def test_never_finished_is_recorded_at_the_bound(tmp_path: Path, upstream: FakeBackground) -> None:
    gw = make_gateway(tmp_path, f"sqlite:///{tmp_path / 'moat.db'}", upstream.base)
    config = gw.home / "moat.toml"
    config.write_text(config.read_text() + RELAY.replace("background_lifetime = 30", "background_lifetime = 1"))
    gw.start()
    try:
        raw = client(gw).responses.with_raw_response.create(model="bglong-1", input="forever", background=True)
        record: dict[str, Any] = asyncio.run(wait_for_record(gw.store_url, raw.headers["x-request-id"]))
    finally:
        gw.stop()
    assert record["status"] == 504 and record["usage_reported"] is False and record["output_tokens"] == 0


def test_without_redis_a_stopping_replica_records_what_it_knows(tmp_path: Path, upstream: FakeBackground) -> None:
    gw = make_gateway(tmp_path, f"sqlite:///{tmp_path / 'moat.db'}", upstream.base)
    config = gw.home / "moat.toml"
    config.write_text(config.read_text() + RELAY)
    gw.start()
    try:
        raw = client(gw).responses.with_raw_response.create(model="bglong-1", input="cut short", background=True)
    finally:
        gw.stop()
    record: dict[str, Any] = asyncio.run(wait_for_record(gw.store_url, raw.headers["x-request-id"]))
    assert record["status"] == 503 and record["usage_reported"] is False
    assert record["output_tokens"] == 0 and record["input_tokens"] > 0
