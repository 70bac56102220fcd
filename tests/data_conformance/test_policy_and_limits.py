"""Policies and volume limits on data routes (docs/data-apis.md: "Limits for data", "Declared use",
"The policy context gains").

The policy gateway's bundle is the default one plus conftest.DATA_BUNDLE:
- `research-no-stream`: key.use == "research" && request.path.startsWith("/2/tweets/search/stream") -> deny
  declared_use_mismatch (the contract's own example);
- `no-deletes`: request.kind == "data" && request.method == "DELETE" -> deny writes_not_permitted;
- `protected-user`: request.path.startsWith("/2/users/") && request.resource == "783214" -> deny
  protected_account (the route's resource rule is path:2);
- `usage-cap`: account.id == "counter" && usage.items_this_month >= 31 -> deny monthly_usage_cap;
- account `sweeper`: resources_per_month 5 (user lookups: the route's resource is the id);
- accounts `capped*`: items_per_minute 40 each; organization `consortium` (two accounts): 40 in all;
- accounts `monthly` and `bursty`: items_per_month 25 each; account `byter`: bytes_per_month 20000.

Each refusal is checked in its route's error shape, never reaches the upstream, and its twin request
that the rule does not match is served: the rule, not something else, refused.
"""

from __future__ import annotations

import time
import uuid

import httpx

from tests.data_conformance.clients import ReconnectingConsumer, StreamReader, assert_streams_share_one_cap
from tests.data_conformance.conftest import (
    BURSTY_KEY,
    BYTER_KEY,
    BYTES_PER_MONTH,
    CAPPED_KEY,
    COUNTER_KEY,
    ITEMS_PER_MINUTE,
    ITEMS_PER_MONTH,
    MEMBER_A_KEY,
    MEMBER_B_KEY,
    MONTHLY_KEY,
    PLAIN_KEY,
    RESEARCH_KEY,
    RESEARCH_USE_DESCRIPTION,
    RESOURCES_PER_MONTH,
    SWEEPER_KEY,
    Gateway,
    headers_for,
)
from tests.data_conformance.fake_data_api import FakeDataAPI
from tests.data_conformance.test_cuts import assert_final_error_item
from tests.data_conformance.test_refusals import problem_shape, upstream_shape


def tag(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def get(gateway: Gateway, method: str, target: str, key: str, t: str) -> httpx.Response:
    with httpx.Client(timeout=10) as client:
        return client.request(method, gateway.url + target, headers=headers_for(key, t))


def test_declared_use_denies_the_firehose_to_a_research_key(policy_gateway: Gateway, fake: FakeDataAPI) -> None:
    assert not policy_gateway.seed_errors, policy_gateway.seed_errors
    stream = "/2/tweets/search/stream?fake_count=3&fake_rate=50"
    t = tag("research-stream")
    upstream_shape(get(policy_gateway, "GET", stream, RESEARCH_KEY, t), 403, "declared_use_mismatch")
    assert fake.tagged(t) == []
    # The same key may search; the same account's key without a declared use may stream.
    t_search = tag("research-search")
    search = get(policy_gateway, "GET", "/2/tweets/search/recent?query=climate&max_results=10", RESEARCH_KEY, t_search)
    assert search.status_code == 200 and len(fake.tagged(t_search)) == 1
    t_plain = tag("plain-stream")
    plain = get(policy_gateway, "GET", stream, PLAIN_KEY, t_plain)
    assert plain.status_code == 200 and plain.content == bytes(fake.one(t_plain).sent)

    record = policy_gateway.exported(search.headers["moat-request-id"])
    assert record["key_use"] == "research"
    assert record["kind"] == "data" and record["resource"] == "climate"
    scholar = policy_gateway.accounts["scholar"]
    assert scholar["declared_use"] == "research"
    assert scholar["declared_use_description"] == RESEARCH_USE_DESCRIPTION


def test_a_rule_on_the_method_denies_deletes(policy_gateway: Gateway, fake: FakeDataAPI) -> None:
    t = tag("delete")
    upstream_shape(get(policy_gateway, "DELETE", "/2/tweets/1460323737035677698", PLAIN_KEY, t), 403,
                   "writes_not_permitted")
    assert fake.tagged(t) == []
    with httpx.Client(timeout=10) as client:
        t_post = tag("post")
        created = client.post(policy_gateway.url + "/2/tweets", json={"text": "still allowed"},
                              headers=headers_for(PLAIN_KEY, t_post))
    assert created.status_code == 201 and len(fake.tagged(t_post)) == 1


def test_a_rule_on_path_and_resource_denies_as_problem_json(policy_gateway: Gateway, fake: FakeDataAPI) -> None:
    t = tag("protected")
    problem_shape(get(policy_gateway, "GET", "/2/users/783214", PLAIN_KEY, t), 403, "protected_account")
    assert fake.tagged(t) == []
    t_other = tag("unprotected")
    assert get(policy_gateway, "GET", "/2/users/2244994945", PLAIN_KEY, t_other).status_code == 200
    assert len(fake.tagged(t_other)) == 1


def test_items_per_minute_cuts_the_stream_and_refuses_the_reconnect(policy_gateway: Gateway,
                                                                     fake: FakeDataAPI) -> None:
    t = tag("capped")
    stream = "/2/tweets/search/stream?fake_rate=200&fake_keepalive=0.2"
    consumer = ReconnectingConsumer(policy_gateway.url + stream, headers_for(CAPPED_KEY, t), max_attempts=3).start()
    assert consumer.join(20), f"the consumer is still connected: {consumer.attempts}"
    first, *rest = consumer.attempts
    assert first.status == 200 and first.clean_end, first.error
    elapsed = first.ended - first.started
    # 40 a minute: the first minute's 40 (a GCRA tolerance may round a few off), plus what refilled.
    assert ITEMS_PER_MINUTE * 0.9 <= first.tweets <= ITEMS_PER_MINUTE + elapsed * ITEMS_PER_MINUTE / 60 + 1, (
        first.tweets, elapsed)
    assert_final_error_item(first.final_item, "rate_limited")
    upstream = fake.tagged(t)[0]
    assert upstream.finished is None and fake.wait_disconnected(upstream, first.ended + 2.5), "upstream left open"

    # The reconnect after the consumer's 0.25 s back-off is refused with Retry-After, not served and cut.
    assert rest, "the consumer did not reconnect"
    refusal = rest[0]
    response = httpx.Response(refusal.status or 0, headers=refusal.headers, content=refusal.body)
    upstream_shape(response, 429, "rate_limited")
    retry_after = refusal.header("retry-after")
    assert retry_after is not None and retry_after.isdigit() and 1 <= int(retry_after) <= 60
    # Retry-After is truthful: waiting it out, the consumer is served again.
    if len(rest) > 1:
        assert rest[1].status == 200 and rest[1].tweets >= 1, (rest[1].status, rest[1].body)
    else:
        assert consumer.stopped_because.startswith("429"), consumer.stopped_because
    assert len(fake.tagged(t)) == 1 + sum(1 for a in rest if a.status == 200)


def test_items_per_month_cuts_with_quota_exhausted(policy_gateway: Gateway, fake: FakeDataAPI) -> None:
    t = tag("monthly")
    reader = StreamReader(policy_gateway.url + "/2/tweets/sample/stream?fake_rate=100&fake_keepalive=0.2",
                          headers_for(MONTHLY_KEY, t)).start()
    assert reader.join(10), "the stream was not cut"
    assert reader.status == 200 and reader.clean_end, reader.error
    items = [line.json() for line in reader.lines() if not line.blank]
    assert len(items) == ITEMS_PER_MONTH + 1, "the month's items, then the final error item"
    assert_final_error_item(items[-1], "quota_exhausted")
    record = policy_gateway.exported(reader.header_values("moat-request-id")[0])
    assert record["items"] == ITEMS_PER_MONTH and record["cut_reason"] == "quota_exhausted"

    again = get(policy_gateway, "GET", "/2/tweets/sample/stream?fake_rate=100", MONTHLY_KEY, tag("monthly-again"))
    upstream_shape(again, 429, "quota_exhausted")
    assert again.headers.get("retry-after", "").isdigit()
    # The same throttle on a problem-shaped route: application/problem+json, status 429, Retry-After.
    t_sse = tag("monthly-sse")
    as_problem = get(policy_gateway, "GET", "/2/tweets/firehose/sse?fake_rate=100", MONTHLY_KEY, t_sse)
    problem_shape(as_problem, 429, "quota_exhausted")
    assert as_problem.headers.get("retry-after", "").isdigit()
    assert fake.tagged(t_sse) == []


def test_a_rule_reads_the_items_delivered_this_month(policy_gateway: Gateway, fake: FakeDataAPI) -> None:
    """`usage.items_this_month >= 31` for the `counter` account: 1 user lookup + a 30-item stream reach it."""
    assert get(policy_gateway, "GET", "/2/users/6253282", COUNTER_KEY, tag("usage-before")).status_code == 200
    stream = get(policy_gateway, "GET", "/2/tweets/sample/stream?fake_rate=200&fake_count=30&fake_keepalive=0",
                 COUNTER_KEY, tag("usage-stream"))
    assert stream.status_code == 200 and len([x for x in stream.content.split(b"\n") if x.strip()]) == 30
    # Metering may trail the stream's end a little; a few polls (each allowed one adds 1 item, so polls
    # alone cannot reach the cap) must see the rule deny.
    for _ in range(8):
        t = tag("usage-after")
        response = get(policy_gateway, "GET", "/2/users/6253282", COUNTER_KEY, t)
        if response.status_code != 200:
            break
        time.sleep(0.25)
    problem_shape(response, 403, "monthly_usage_cap")
    assert fake.tagged(t) == []


def test_a_limit_reached_inside_a_burst_of_items_cuts_at_the_limit(policy_gateway: Gateway, fake: FakeDataAPI) -> None:
    """A busy firehose writes many items at once; the 25th of the month is in the middle of the third
    write of 10. The client gets exactly 25, not the rest of the write."""
    t = tag("bursty")
    reader = StreamReader(policy_gateway.url + "/2/tweets/sample/stream?fake_rate=100&fake_burst=10&fake_keepalive=0",
                          headers_for(BURSTY_KEY, t)).start()
    assert reader.join(10), "the stream was not cut"
    assert reader.status == 200 and reader.clean_end, reader.error
    items = [line.json() for line in reader.lines() if not line.blank]
    assert len(items) == ITEMS_PER_MONTH + 1, f"{len(items) - 1} items for a quota of {ITEMS_PER_MONTH}"
    assert_final_error_item(items[-1], "quota_exhausted")


def test_resources_per_month_refuses_the_sixth_distinct_user(policy_gateway: Gateway, fake: FakeDataAPI) -> None:
    """A keyspace sweep (user ids) meets a cap on distinct resources; looking an id up again is no new one."""
    ids = [str(1000 + i) for i in range(RESOURCES_PER_MONTH)]
    for ident in ids:
        response = get(policy_gateway, "GET", f"/2/users/{ident}", SWEEPER_KEY, tag("sweep"))
        assert response.status_code == 200, (ident, response.text)
    for ident in (ids[2], ids[0]):
        response = get(policy_gateway, "GET", f"/2/users/{ident}", SWEEPER_KEY, tag("sweep-repeat"))
        assert response.status_code == 200, f"{ident} was counted already; looking it up again is no new resource"
    t = tag("sweep-new")
    refused = get(policy_gateway, "GET", "/2/users/2000", SWEEPER_KEY, t)
    problem_shape(refused, 429, "quota_exhausted")
    assert refused.headers.get("retry-after", "").isdigit()
    assert fake.tagged(t) == []
    assert get(policy_gateway, "GET", f"/2/users/{ids[4]}", SWEEPER_KEY, tag("sweep-again")).status_code == 200


def test_an_organization_limit_is_shared_by_its_accounts(policy_gateway: Gateway, fake: FakeDataAPI) -> None:
    """`key: organization`: two accounts of one organization stream at once and get 40 items a minute
    between them, not 40 each."""
    stream = "/2/tweets/search/stream?fake_rate=20&fake_keepalive=0.2"
    readers = [StreamReader(policy_gateway.url + stream, headers_for(key, tag("member"))).start()
               for key in (MEMBER_A_KEY, MEMBER_B_KEY)]
    for reader in assert_streams_share_one_cap(readers, ITEMS_PER_MINUTE):
        assert_final_error_item([line for line in reader.lines() if not line.blank][-1].json(), "rate_limited")


def test_bytes_per_month_cuts_before_the_cap_is_passed(policy_gateway: Gateway, fake: FakeDataAPI) -> None:
    """~1.1 KB items against 20,000 bytes a month: the stream is cut with the last whole item that fits."""
    reader = StreamReader(policy_gateway.url + "/2/tweets/sample/stream?fake_rate=100&fake_keepalive=0",
                          headers_for(BYTER_KEY, tag("bytes"))).start()
    assert reader.join(10), "the stream was not cut"
    assert reader.status == 200 and reader.clean_end, reader.error
    lines = [line for line in reader.lines() if not line.blank]
    assert_final_error_item(lines[-1].json(), "quota_exhausted")
    data_bytes = sum(len(line.raw) + 1 for line in lines[:-1])  # each item and its "\n"
    item_size = len(lines[0].raw) + 1
    assert BYTES_PER_MONTH - item_size < data_bytes <= BYTES_PER_MONTH, (data_bytes, item_size)
