"""What is recorded (docs/data-apis.md, "What is recorded"): one record per request in `moat export`,
with items and bytes equal to what the client received, counted client-side; and a kill -9 of
`moat serve` during open streams loses no record of the items already delivered.

Counting, client-side: an item is a non-blank ndjson line or a server-sent event with data (keep-alive
lines and comments are not items); bytes are the response body bytes the client read. Moat's own
final error item is not an item of the data (a caller is not billed for being cut off); its bytes
may or may not be counted in `bytes` ("response body bytes delivered"), so both are accepted.

kill -9 margin: a record must hold at least the items the client had received more than 1 second
before the kill (an implementation may checkpoint what it delivered up to once a second), and never
more than the upstream sent on that connection.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import httpx

from tests.data_conformance.clients import StreamReader, is_moat_error_item, split_events
from tests.data_conformance.conftest import BLOCKEE_KEY, READER_KEY, Gateway, headers_for
from tests.data_conformance.fake_data_api import UPSTREAM_TOKEN, FakeDataAPI

CHECKPOINT_MARGIN = 1.0  # seconds of items before a kill -9 that a record may miss
MAX_FIELD_CHARS = 1024  # recording.max_field_chars, its default (README, Configuration)


def tag(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def assert_data_record(record: dict[str, Any], *, method: str, path: str, endpoint: str, query: str | None,
                       items: int, body: bytes, stream: bool, status: int) -> None:
    assert record["kind"] == "data"
    assert record["account_id"] == "reader"
    assert (record["method"], record["path"], record["endpoint"]) == (method, path, endpoint)
    assert record["query"] == query
    assert record["items"] == items, f"recorded {record['items']} items, the client received {items}"
    assert record["bytes"] == len(body), f"recorded {record['bytes']} bytes, the client received {len(body)}"
    assert record["stream"] is stream
    assert record["status"] == status
    assert record["model"] == ""
    assert record["input_tokens"] == 0 and record["output_tokens"] == 0
    assert record["prompt"] == (query or "")
    assert record.get("cut_reason") is None
    assert record.get("key_use") is None


def test_one_record_per_request_with_what_the_client_received(gateway: Gateway, fake: FakeDataAPI) -> None:
    with httpx.Client(timeout=15) as client:
        def call(method: str, target: str, **kwargs: Any) -> httpx.Response:
            response = client.request(method, gateway.url + target, headers=headers_for(READER_KEY, tag("rec")),
                                      **kwargs)
            assert response.status_code in (200, 201), response.text
            return response

        ndjson_q = "tweet.fields=author_id&fake_rate=50&fake_count=25&fake_keepalive=0.01"
        ndjson = call("GET", f"/2/tweets/search/stream?{ndjson_q}")
        sample_q = "fake_rate=50&fake_count=12&fake_keepalive=0.01"
        sample = call("GET", f"/2/tweets/sample/stream?{sample_q}")
        sse_q = "fake_rate=50&fake_count=9&fake_keepalive=0.01"
        sse = call("GET", f"/2/tweets/firehose/sse?{sse_q}")
        search_q = "query=from%3Anasa%20lang%3Aen&max_results=17"
        search = call("GET", f"/2/tweets/search/recent?{search_q}")
        user = call("GET", "/2/users/6253282")
        post = call("POST", "/2/tweets", json={"text": "recorded once"})

    ndjson_items = [json.loads(line) for line in ndjson.content.split(b"\r\n") if line.strip()]
    assert len(ndjson_items) == 25 and b"\r\n\r\n" in ndjson.content, "keep-alive lines are in the body"
    record = gateway.exported(ndjson.headers["moat-request-id"])
    assert_data_record(record, method="GET", path="/2/tweets/search/stream", endpoint="/2/tweets/search/stream",
                       query=ndjson_q, items=25, body=ndjson.content, stream=True, status=200)
    assert record["resource"] in (None, ""), "the route has no resource rule"
    assert set(record["resources"]) == {item["data"]["author_id"] for item in ndjson_items}

    sample_items = [line for line in sample.content.split(b"\n") if line.strip()]
    assert len(sample_items) == 12
    assert_data_record(gateway.exported(sample.headers["moat-request-id"]), method="GET",
                       path="/2/tweets/sample/stream", endpoint="/2/tweets/sample/stream", query=sample_q,
                       items=12, body=sample.content, stream=True, status=200)

    events = [e for e in split_events([(0.0, sse.content)]) if e.data is not None]
    assert len(events) == 9
    record = gateway.exported(sse.headers["moat-request-id"])
    assert_data_record(record, method="GET", path="/2/tweets/firehose/sse", endpoint="/2/tweets/firehose/sse",
                       query=sse_q, items=9, body=sse.content, stream=True, status=200)
    assert set(record["resources"]) == {json.loads(e.data or "")["data"]["author_id"] for e in events}

    record = gateway.exported(search.headers["moat-request-id"])
    assert_data_record(record, method="GET", path="/2/tweets/search/recent", endpoint="/2/tweets/search/recent",
                       query=search_q, items=17, body=search.content, stream=False, status=200)
    assert record["resource"] == "from:nasa lang:en"
    assert set(record["resources"]) == {t["author_id"] for t in search.json()["data"]}

    record = gateway.exported(user.headers["moat-request-id"])
    assert_data_record(record, method="GET", path="/2/users/6253282", endpoint="/2/users", query=None, items=1,
                       body=user.content, stream=False, status=200)
    assert record["resource"] == "6253282"

    assert_data_record(gateway.exported(post.headers["moat-request-id"]), method="POST", path="/2/tweets",
                       endpoint="/2/tweets", query=None, items=1, body=post.content, stream=False, status=201)


def test_a_client_hanging_up_is_recorded_with_what_was_delivered(gateway: Gateway, fake: FakeDataAPI) -> None:
    t = tag("rec-hangup")
    reader = StreamReader(gateway.url + "/2/tweets/search/stream?fake_rate=20&fake_keepalive=0",
                          headers_for(READER_KEY, t)).start()
    assert reader.wait_for(lambda r: len(r.tweets()) >= 6, 5), reader.error
    reader.stop()
    read = len(reader.tweets())
    upstream = fake.one(t)
    record = gateway.exported(reader.header_values("moat-request-id")[0])
    # What Moat wrote after the client's last read may sit in socket buffers: at most what the upstream sent.
    assert read <= record["items"] <= upstream.items_sent
    assert record["bytes"] >= len(reader.raw)
    assert record.get("cut_reason") is None


def test_an_upstream_dropping_the_stream_is_recorded(gateway: Gateway, fake: FakeDataAPI) -> None:
    """The upstream's connection drops after 7 items, mid-response: the client has 7, and so has the record."""
    t = tag("rec-abort")
    reader = StreamReader(gateway.url + "/2/tweets/search/stream?fake_rate=50&fake_abort_after=7&fake_keepalive=0",
                          headers_for(READER_KEY, t)).start()
    assert reader.join(10), "the stream did not end when its upstream dropped"
    assert reader.status == 200 and len(reader.tweets()) == 7
    assert fake.one(t).items_sent == 7
    record = gateway.exported(reader.header_values("moat-request-id")[0])
    assert record["kind"] == "data" and record["items"] == 7


def test_a_cut_stream_is_recorded_with_its_reason(gateway: Gateway, fake: FakeDataAPI) -> None:
    reader = StreamReader(gateway.url + "/2/tweets/search/stream?fake_rate=20&fake_keepalive=0.1",
                          headers_for(BLOCKEE_KEY, tag("rec-cut"))).start()
    assert reader.wait_for(lambda r: len(r.tweets()) >= 4, 5), (reader.status, reader.error, reader.body)
    gateway.cli("actions", "apply", "block", "account:blockee", "--reason", "conformance: record of a cut")
    assert reader.join(5), "the stream was not cut"
    lines = [line for line in reader.lines() if not line.blank]
    final = lines[-1].json()
    assert is_moat_error_item(final), final
    reason = final["moat"]["reason"]
    assert reason
    record = gateway.exported(reader.header_values("moat-request-id")[0])
    assert record["account_id"] == "blockee" and record["kind"] == "data"
    assert record["cut_reason"] == reason
    assert record["items"] == len(lines) - 1
    raw = reader.raw
    assert raw.endswith(b"\n"), "an ndjson item, the final one too, ends with its newline"
    final_bytes = len(lines[-1].raw) + (2 if raw.endswith(b"\r\n") else 1 if raw.endswith(b"\n") else 0)
    assert record["bytes"] in (len(raw), len(raw) - final_bytes)
    assert BLOCKEE_KEY not in json.dumps(record), "no secret in the record"


def test_kill_9_during_open_streams_loses_no_delivered_items(crash_gateway: Gateway, fake: FakeDataAPI) -> None:
    readers = [StreamReader(crash_gateway.url + "/2/tweets/search/stream?fake_rate=40&fake_keepalive=0.2",
                            headers_for(READER_KEY, tag(f"crash{i}"))).start() for i in range(3)]
    for reader in readers:
        assert reader.wait_for(lambda r: len(r.tweets()) >= 60, 8), (reader.status, reader.error, reader.body)
    killed = time.time()
    crash_gateway.kill9()
    for reader in readers:
        assert reader.join(5)
    counted = [len(r.tweets()) for r in readers]
    settled = [sum(1 for line in r.tweets() if line.at < killed - CHECKPOINT_MARGIN) for r in readers]
    sent = [fake.tagged(r.headers["x-conformance-id"])[0].items_sent for r in readers]

    crash_gateway.start()
    for reader, got, floor, ceiling in zip(readers, counted, settled, sent, strict=True):
        record = crash_gateway.exported(reader.header_values("moat-request-id")[0], timeout=20)
        assert record["kind"] == "data" and record["path"] == "/2/tweets/search/stream"
        assert floor <= record["items"] <= ceiling, (
            f"recorded {record['items']}; the client had {got} ({floor} more than {CHECKPOINT_MARGIN} s before "
            f"the kill); the upstream sent {ceiling}")


def test_a_long_query_is_cut_to_max_field_chars(gateway: Gateway, fake: FakeDataAPI) -> None:
    words = "%20OR%20".join(f"keyword{i:04d}" for i in range(150))
    query = f"query={words}&max_results=10"
    assert len(query) > 2 * MAX_FIELD_CHARS
    with httpx.Client(timeout=10) as client:
        response = client.get(f"{gateway.url}/2/tweets/search/recent?{query}",
                              headers=headers_for(READER_KEY, tag("rec-long")))
    assert response.status_code == 200
    record = gateway.exported(response.headers["moat-request-id"])
    assert record["query"] == query[:MAX_FIELD_CHARS]


def test_model_routes_still_answer_beside_data_routes(gateway: Gateway) -> None:
    """A model route and data routes in one configuration (no model route: the demo model answers)."""
    with httpx.Client(timeout=10) as client:
        response = client.post(gateway.url + "/v1/chat/completions", headers={"authorization": f"Bearer {READER_KEY}"},
                               json={"model": "moat-demo", "messages": [{"role": "user", "content": "hello"}]})
    assert response.status_code == 200 and response.json()["object"] == "chat.completion"
    record = gateway.exported(response.headers["moat-request-id"])
    assert record.get("kind") in (None, "model") and record["model"] == "moat-demo"
    assert record.get("items") in (None, 0)


def test_a_page_over_a_mebibyte_is_relayed_whole_and_counted(gateway: Gateway, fake: FakeDataAPI) -> None:
    """A full-archive page of 1,500 tweets (~1.6 MB, past the size Moat reads whole): byte for byte,
    and its items are the length of its `data` list."""
    with httpx.Client(timeout=15) as client:
        via = client.get(gateway.url + "/2/tweets/bulk?count=1500", headers=headers_for(READER_KEY, tag("bulk")))
        direct = client.get(fake.url + "/2/tweets/bulk?count=1500",
                            headers={"authorization": f"Bearer {UPSTREAM_TOKEN}"})
    assert len(direct.content) > 1024 * 1024 and via.status_code == 200
    assert via.content == direct.content
    record = gateway.exported(via.headers["moat-request-id"])
    assert record["items"] == 1500 and record["bytes"] == len(direct.content)
    assert set(record["resources"]) == {t["author_id"] for t in direct.json()["data"]}


def test_a_header_resource_rule_is_recorded(gateway: Gateway, fake: FakeDataAPI) -> None:
    """The /datasets route's `resource = "header:x-dataset-tenant"`; its upstream lives under a base path."""
    with httpx.Client(timeout=10) as client:
        headers = headers_for(READER_KEY, tag("rec-header"), **{"x-dataset-tenant": "acme-research"})
        response = client.get(gateway.url + "/datasets/public-posts/rows?limit=3", headers=headers)
    assert response.status_code == 200
    record = gateway.exported(response.headers["moat-request-id"])
    assert (record["kind"], record["path"], record["endpoint"]) == ("data", "/datasets/public-posts/rows", "/datasets")
    assert record["items"] == 3
    assert record["resource"] == "acme-research"
