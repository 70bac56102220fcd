"""Online detection without Redis: in-process stream and follower, scores in the store's table."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from moat.config import DetectSettings, Settings
from moat.context import RequestContext
from moat.detect.online import OnlineDetection
from moat.detect.online_synthetic import chat, harvest
from moat.detect.scores import ScoreCache, TableScores
from moat.identity.models import Account
from moat.store import Store, open_store
from tests.gateway.conftest import postgres_schema


async def until(check: object, timeout: float = 10.0) -> None:
    """Poll `check()` (sync or async) until it is truthy; fail after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()  # type: ignore[operator]
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not met in time")


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'moat.db'}"
    else:
        with postgres_schema() as url:
            yield url


@pytest.fixture
async def store(store_url: str) -> AsyncIterator[Store]:
    s = open_store(store_url)
    await s.open()
    await s.upsert_account(Account("harvester", email="h@gmail.com", plan="pro"))
    await s.upsert_account(Account("chatter", email="c@gmail.com", plan="pro"))
    yield s
    await s.close()


async def test_embedded_publish_to_scores(store: Store, tmp_path: Path) -> None:
    settings = Settings(home=str(tmp_path), detect=DetectSettings(score_interval=0.05, poll_interval=0.1))
    online = OnlineDetection(settings, store)
    await online.start()
    try:
        assert online.local is not None  # no Redis: the in-process stream
        for r in harvest("harvester", 200) + chat("chatter", 100):
            online.publish(r)

        await until(lambda: online.cache.scores_for("harvester").get("distillation", 0) >= 0.8)
        await until(lambda: (online.cache.detail("chatter") or {}).get("requests") == 100)
        assert online.cache.scores_for("chatter")["distillation"] < 0.2
        assert (online.cache.detail("harvester") or {})["requests"] == 200
        assert online.cache.scores_for("harvester")["risk"] >= 0.8

        ctx = RequestContext("r1", time.time(), "/v1/chat/completions", "openai",
                             account=Account("harvester", plan="pro"))
        online.fill(ctx)
        assert ctx.scores["distillation"] >= 0.8
        assert online.stats()["published"] == 300 and online.stats()["dropped"] == 0
    finally:
        await online.stop()

    # The scores outlive the process: another replica's cache loads them from the table.
    board = TableScores(store)
    await board.open()
    cache = ScoreCache(board)
    await cache.refresh()
    assert cache.scores_for("harvester")["distillation"] >= 0.8
    assert cache.scores_for("nobody") == {}


async def test_settled_means_everything_published_is_scored(store: Store, tmp_path: Path) -> None:
    """`settled` is the promise the demo's returning network relies on: once it answers, the scores
    of every record published before it are in the cache, whatever the scoring intervals (an hour
    here: nothing but the settle itself scores after the first pass)."""
    settings = Settings(home=str(tmp_path), detect=DetectSettings(score_interval=3600, cross_interval=3600,
                                                                  poll_interval=3600))
    online = OnlineDetection(settings, store)
    await online.start()
    try:
        for r in chat("chatter", 5):
            online.publish(r)
        assert await online.settled(30)
        assert (online.cache.detail("chatter") or {}).get("requests") == 5
        for r in harvest("harvester", 200) + chat("chatter", 95, seed=1):
            online.publish(r)
        assert await online.settled(30)  # no polling: the scores are there when it answers
        assert (online.cache.detail("harvester") or {}).get("requests") == 200
        assert (online.cache.detail("chatter") or {}).get("requests") == 100
        assert online.cache.scores_for("harvester")["distillation"] >= 0.8
    finally:
        await online.stop()
    assert not await online.settled(1)  # stopped: nothing to wait for, and it says so
