"""Long-lived streams are relayed item by item as they arrive, never buffered to their end.

Each test paces the fake firehose (items per second, then its end) and measures, on the client, when
each item arrives: through Moat against going direct, and against the item's own `created_at` (the
fake stamps it when it writes the item). The bytes the client reads through Moat must be the bytes
the upstream wrote, keep-alive lines included.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from datetime import datetime

import httpx
import pytest

from tests.data_conformance.clients import (
    CurlStream,
    StreamReader,
    assert_relayed_headers,
    is_tweet,
    split_events,
    split_lines,
)
from tests.data_conformance.conftest import READER_KEY, Gateway, headers_for
from tests.data_conformance.fake_data_api import UPSTREAM_TOKEN, FakeDataAPI


def tag(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def created(item: dict[str, object]) -> float:
    data = item["data"]
    assert isinstance(data, dict)
    return datetime.fromisoformat(str(data["created_at"]).replace("Z", "+00:00")).timestamp()


def read(base: str, target: str, key: str, t: str, timeout: float = 15) -> StreamReader:
    reader = StreamReader(base + target, headers_for(key, t)).start()
    assert reader.join(timeout), f"stream {target} did not end within {timeout} s"
    return reader


def test_ndjson_items_arrive_as_they_are_written(gateway: Gateway, fake: FakeDataAPI) -> None:
    target = "/2/tweets/search/stream?tweet.fields=created_at,author_id&fake_rate=4&fake_count=8&fake_keepalive=0.1"
    t_direct, t_moat = tag("first-direct"), tag("first-moat")
    direct = read(fake.url, target, UPSTREAM_TOKEN, t_direct)
    via = read(gateway.url, target, READER_KEY, t_moat)
    assert via.status == 200 and via.clean_end, via.error or via.body
    tweets = via.tweets()
    assert len(tweets) == 8
    first_direct = direct.tweets()[0].at - direct.started
    first_via = tweets[0].at - via.started
    duration = tweets[-1].at - via.started
    assert duration > 1.5, "the upstream paces 8 items at 4/s"
    assert first_via < 1.0 and first_via < first_direct + 0.5, (first_via, first_direct)
    lags = [line.at - created(line.json()) for line in tweets]
    assert max(lags) < 0.5, f"items were held back: lags {lags}"
    # Byte for byte, keep-alive lines and "\r\n" included.
    assert via.raw == bytes(fake.one(t_moat).sent)
    assert b"\r\n\r\n" in via.raw, "keep-alive lines must reach the client"
    assert direct.header_values("x-transaction-id") == via.header_values("x-transaction-id")
    assert_relayed_headers(via.response_headers, direct.response_headers)


def test_sse_events_arrive_as_they_are_written(gateway: Gateway, fake: FakeDataAPI) -> None:
    target = "/2/tweets/firehose/sse?fake_rate=5&fake_count=6&fake_keepalive=0.05"
    t = tag("sse")
    # An SSE client resuming after a reconnect names the last event it saw; the upstream must get it.
    via = StreamReader(gateway.url + target, headers_for(READER_KEY, t, **{"last-event-id": "41"})).start()
    assert via.join(15), "the stream did not end"
    assert fake.one(t).header_list("last-event-id") == ["41"]
    assert via.status == 200 and via.clean_end, via.error or via.body
    assert via.header_values("content-type") == ["text/event-stream; charset=utf-8"]
    events = via.events()
    tweets = [e for e in events if e.event == "tweet"]
    assert [e.id for e in tweets] == [str(i) for i in range(6)]
    assert any(e.comment_only for e in events), "keep-alive comments must reach the client"
    lags = [e.at - created(json.loads(e.data or "")) for e in tweets]
    assert max(lags) < 0.5, f"events were held back: lags {lags}"
    assert tweets[0].at - via.started < 1.0
    assert via.raw == bytes(fake.one(t).sent)


def test_curl_no_buffer_prints_items_as_they_come(gateway: Gateway, fake: FakeDataAPI) -> None:
    t = tag("curl")
    curl = CurlStream(gateway.url + "/2/tweets/search/stream?fake_rate=4&fake_count=6&fake_keepalive=0",
                      headers_for(READER_KEY, t))
    code, stderr = curl.finish()
    assert code == 0, stderr
    head, body = curl.head_and_body()
    assert head[0].startswith("HTTP/1.1 200"), head
    assert len([h for h in head if h.lower().startswith("moat-request-id:")]) == 1
    items = [line for line in body if not line.blank]
    assert len(items) == 6 and all(is_tweet(json.loads(line.raw)) for line in items)
    assert items[0].at - curl.started < 1.0, "curl saw nothing until late: the stream was buffered"
    assert items[-1].at - items[0].at > 0.9, "the items arrived together: the stream was buffered"


def test_async_clients_read_two_streams_at_once(gateway: Gateway, fake: FakeDataAPI) -> None:
    async def consume(client: httpx.AsyncClient, target: str, t: str) -> list[tuple[float, bytes]]:
        chunks: list[tuple[float, bytes]] = []
        async with client.stream("GET", gateway.url + target, headers=headers_for(READER_KEY, t)) as response:
            assert response.status_code == 200
            async for chunk in response.aiter_raw():
                chunks.append((time.time(), chunk))
        return chunks

    async def both() -> tuple[list[tuple[float, bytes]], list[tuple[float, bytes]]]:
        async with httpx.AsyncClient(timeout=15) as client:
            return await asyncio.gather(
                consume(client, "/2/tweets/search/stream?fake_rate=8&fake_count=10", t_ndjson),
                consume(client, "/2/tweets/firehose/sse?fake_rate=8&fake_count=10", t_sse))

    t_ndjson, t_sse = tag("async-ndjson"), tag("async-sse")
    started = time.time()
    ndjson_chunks, sse_chunks = asyncio.run(both())
    ndjson = [line for line in split_lines(ndjson_chunks) if not line.blank]
    sse = [event for event in split_events(sse_chunks) if event.event == "tweet"]
    assert len(ndjson) == 10 and len(sse) == 10
    assert ndjson[0].at - started < 1.0 and sse[0].at - started < 1.0
    # Both flow at once: each stream's first item comes before the other's last.
    assert ndjson[0].at < sse[-1].at and sse[0].at < ndjson[-1].at
    assert b"".join(c for _, c in ndjson_chunks) == bytes(fake.one(t_ndjson).sent)
    assert b"".join(c for _, c in sse_chunks) == bytes(fake.one(t_sse).sent)


def test_client_hanging_up_closes_the_upstream_stream(gateway: Gateway, fake: FakeDataAPI) -> None:
    t = tag("hangup")
    reader = StreamReader(gateway.url + "/2/tweets/search/stream?fake_rate=20", headers_for(READER_KEY, t)).start()
    assert reader.wait_for(lambda r: len(r.tweets()) >= 5, 5), reader.error
    left = time.time()
    reader.stop()
    assert fake.wait_disconnected(fake.one(t), left + 2.5), "Moat kept reading the firehose after its client left"


def test_keep_alive_lines_keep_a_quiet_stream_open_and_silence_ends_it(gateway: Gateway, fake: FakeDataAPI) -> None:
    """idle_timeout = 2: items 3.3 s apart, with keep-alive lines every 0.5 s between them or none."""
    quiet = "/2/tweets/search/stream?fake_rate=0.3&fake_count=2&fake_keepalive="
    t_alive, t_silent = tag("idle-alive"), tag("idle-silent")
    alive = StreamReader(gateway.url + quiet + "0.5", headers_for(READER_KEY, t_alive)).start()
    silent = StreamReader(gateway.url + quiet + "0", headers_for(READER_KEY, t_silent)).start()
    assert alive.join(8) and silent.join(8)
    assert alive.status == 200 and alive.clean_end and len(alive.tweets()) == 2, alive.error
    assert alive.raw == bytes(fake.one(t_alive).sent)
    assert silent.status == 200 and len(silent.tweets()) == 1
    assert silent.ended is not None and 1.8 < silent.ended - silent.tweets()[0].at < 3.2, "ended by idle_timeout"
    assert fake.wait_disconnected(fake.one(t_silent), time.time() + 1), "the silent upstream stream stays open"


@pytest.mark.parametrize("route", ["/2/tweets/search/stream", "/2/tweets/firehose/sse"])
def test_large_items_cut_across_writes_arrive_whole_and_are_counted(gateway: Gateway, fake: FakeDataAPI,
                                                                     route: str) -> None:
    """300 KB items, each written in two halves cut inside a UTF-8 character."""
    t = tag("large")
    via = read(gateway.url, f"{route}?fake_rate=10&fake_count=5&fake_size=300000&fake_split=1&fake_keepalive=0",
               READER_KEY, t)
    assert via.status == 200 and via.clean_end, via.error or via.body
    assert via.raw == bytes(fake.one(t).sent)
    if route.endswith("sse"):
        texts = [json.loads(e.data or "")["data"]["text"] for e in via.events() if e.event == "tweet"]
    else:
        texts = [line.json()["data"]["text"] for line in via.tweets()]
    assert len(texts) == 5 and all(len(text) == 300000 for text in texts)
    record = gateway.exported(via.header_values("moat-request-id")[0])
    assert record["items"] == 5 and record["bytes"] == len(via.raw)
