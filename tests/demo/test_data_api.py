"""The demo data API (issue 15 item 6), served as `moat demo` serves it (moat.demo.serving), over real HTTP:
a deterministic firehose with keep-alives, a search that checks its input, user lookups."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import orjson
import pytest

from moat.demo.posts import FIRST_POST_ID
from moat.demo.serving import Serving, take_port


@pytest.fixture
async def api() -> AsyncIterator[httpx.AsyncClient]:
    serving = Serving(take_port("127.0.0.1", 0))
    base = await serving.start_data_api()
    try:
        async with httpx.AsyncClient(base_url=base, timeout=10) as client:
            yield client
    finally:
        await serving.stop()


async def _firehose(client: httpx.AsyncClient, items: int) -> tuple[list[dict[str, object]], int, float]:
    """The first `items` posts, how many keep-alive lines came with them, and how long they took."""
    posts: list[dict[str, object]] = []
    keep_alives = 0
    started = time.monotonic()
    async with client.stream("GET", "/2/tweets/search/stream") as response:
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/x-ndjson"
        async for line in response.aiter_lines():
            if not line.strip():
                keep_alives += 1
                continue
            assert 900 < len(line) < 1300  # about 1 KB a post
            posts.append(orjson.loads(line)["data"])
            if len(posts) == items:
                break
    return posts, keep_alives, time.monotonic() - started


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


async def test_the_firehose_is_deterministic_paced_and_kept_alive(api: httpx.AsyncClient) -> None:
    first, keep_alives, took = await _firehose(api, 300)
    again, _, _ = await _firehose(api, 20)
    assert again == first[:20]  # every connection sees the same posts
    assert [p["id"] for p in first] == [str(FIRST_POST_ID + n) for n in range(300)]
    assert all(set(p) == {"id", "author_id", "text", "created_at"} for p in first)
    assert len({p["author_id"] for p in first}) > 250
    assert keep_alives >= 1 and took > 1.0  # 200 posts a second, a blank line every second


async def test_search_answers_inside_its_window_and_refuses_bad_input(api: httpx.AsyncClient) -> None:
    end = time.time() - 3600
    window = {"query": "weather", "start_time": _iso(end - 7200), "end_time": _iso(end), "max_results": "25"}
    answer = await api.get("/2/tweets/search/recent", params=window)
    assert answer.status_code == 200
    body = answer.json()
    assert body["meta"]["result_count"] == len(body["data"]) == 25
    times = [datetime.fromisoformat(p["created_at"].replace("Z", "+00:00")).timestamp() for p in body["data"]]
    assert all(end - 7200 <= t < end for t in times) and times == sorted(times, reverse=True)
    assert (await api.get("/2/tweets/search/recent", params=window)).json() == body

    old = {**window, "start_time": _iso(end - 40 * 86400), "end_time": _iso(end - 39 * 86400)}
    refused = await api.get("/2/tweets/search/recent", params=old)
    assert refused.status_code == 400
    assert "/2/tweets/search/all" in refused.json()["errors"][0]["detail"]
    assert (await api.get("/2/tweets/search/all", params=old)).status_code == 200  # the archive

    for params, says in (({"start_time": window["start_time"]}, "query is required"),
                         ({**window, "max_results": "500"}, "max_results must be a number from 10 to 100"),
                         ({**window, "end_time": "yesterday"}, "end_time must be an ISO 8601 time"),
                         ({**window, "start_time": window["end_time"]}, "start_time must be before end_time")):
        bad = await api.get("/2/tweets/search/recent", params=params)
        assert bad.status_code == 400
        error = bad.json()["errors"][0]
        assert error["title"] == "Invalid Request" and error["detail"].startswith(says), error


async def test_users_and_what_is_not_an_endpoint(api: httpx.AsyncClient) -> None:
    found = await api.get("/2/users/42")
    assert found.status_code == 200 and found.json()["data"]["id"] == "42"
    assert (await api.get("/2/users/42")).json() == found.json()
    assert (await api.get("/2/users/abc")).status_code == 400
    missing = await api.get("/2/users/999999999")
    assert missing.status_code == 404 and "999999999" in missing.json()["errors"][0]["detail"]
    assert (await api.get("/2/nothing")).status_code == 404
    assert (await api.post("/2/users/42")).status_code == 405
