"""Online detection over real Redis: stream, consumer group, leases, claims, and Redis down."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis.asyncio as aioredis

from moat.detect.follow import GROUP, RedisFollower
from moat.detect.online_scorer import AccountSource, OnlineScorer
from moat.detect.online_synthetic import chat, harvest
from moat.detect.scores import RedisScores, ScoreCache
from moat.detect.stream import FIELD, RecordPublisher, encode, partition_of, stream_key
from moat.identity.models import Account
from moat.store import Store, open_store
from tests.detect.test_online_embedded import until

PARTS = 4


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = open_store(f"sqlite:///{tmp_path / 'moat.db'}")
    await s.open()
    await s.upsert_account(Account("harvester", email="h@gmail.com", plan="pro"))
    yield s
    await s.close()


@pytest.fixture
async def client(redis_url: str, redis_prefix: str) -> AsyncIterator[Any]:
    r = aioredis.from_url(redis_url)
    yield r
    keys = [k async for k in r.scan_iter(f"{redis_prefix}*")]
    if keys:
        await r.delete(*keys)
    await r.aclose()


@pytest.fixture
async def cache(redis_url: str, redis_prefix: str) -> AsyncIterator[ScoreCache]:
    board = RedisScores(redis_url, redis_prefix)
    await board.open()
    c = ScoreCache(board, interval=0.05)
    await c.start()
    yield c
    await c.stop()
    await board.close()


async def worker(client: Any, store: Store, url: str, prefix: str, name: str) -> RedisFollower:
    board = RedisScores(url, prefix)
    await board.open()
    scorer = OnlineScorer(AccountSource(store), board, score_interval=0.05)
    await scorer.start()
    return RedisFollower(client, scorer, prefix=prefix, partitions=PARTS, consumer=name, lease_ttl=2.0)


async def test_publish_follow_scores(client: Any, store: Store, cache: ScoreCache, redis_url: str,
                                     redis_prefix: str) -> None:
    publisher = RecordPublisher(redis_url=redis_url, prefix=redis_prefix, partitions=PARTS, maxlen=10_000)
    await publisher.start()
    follower = await worker(client, store, redis_url, redis_prefix, "w1")
    stop = asyncio.Event()
    task = asyncio.create_task(follower.run(stop))
    try:
        for r in harvest("harvester", 200) + chat("chatter", 60):
            publisher.publish(r)
        await until(lambda: cache.scores_for("harvester").get("distillation", 0) >= 0.8)
        await until(lambda: (cache.detail("chatter") or {}).get("requests") == 60)
        assert cache.scores_for("chatter")["distillation"] < 0.2
        assert publisher.stats.sent == 260 and publisher.stats.dropped == 0
        assert follower.owned == set(range(PARTS))  # alone, it owns every partition
    finally:
        stop.set()
        await task
        await publisher.stop()
    assert not await client.exists(f"{redis_prefix}detect:lease:0")  # released on a clean stop


@pytest.fixture
def two_workers(tmp_path: Path, redis_url: str, redis_prefix: str) -> Iterator[list[subprocess.Popen[bytes]]]:
    env = {**os.environ, "MOAT_REDIS_URL": redis_url, "MOAT_REDIS_PREFIX": redis_prefix,
           "MOAT_DATABASE_URL": f"sqlite:///{tmp_path / 'moat.db'}", "MOAT_HOME": str(tmp_path),
           "MOAT_DETECT__PARTITIONS": str(PARTS), "MOAT_DETECT__SCORE_INTERVAL": "0.05"}
    procs = [subprocess.Popen([sys.executable, "-m", "moat", "detect-follow", "--consumer", f"proc-{i}"],
                              env=env, cwd=tmp_path, stdout=subprocess.DEVNULL,
                              stderr=(tmp_path / f"w{i}.log").open("wb")) for i in range(2)]
    yield procs
    for p in procs:
        p.terminate()
    for p in procs:
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()


async def test_two_worker_processes_share_the_work(two_workers: list[subprocess.Popen[bytes]], client: Any,
                                                   cache: ScoreCache, redis_url: str, redis_prefix: str) -> None:
    async def holders() -> dict[int, str]:
        values = [await client.get(f"{redis_prefix}detect:lease:{p}") for p in range(PARTS)]
        return {p: v.decode() for p, v in enumerate(values) if v}

    async def balanced() -> bool:
        owners = await holders()
        return len(owners) == PARTS and set(owners.values()) == {"proc-0", "proc-1"}

    await until(balanced, timeout=20)
    accounts = [f"acct-{i}" for i in range(40)]
    publisher = RecordPublisher(redis_url=redis_url, prefix=redis_prefix, partitions=PARTS)
    await publisher.start()
    for i, aid in enumerate(accounts):
        for r in chat(aid, 25, seed=i):
            publisher.publish(r)
    await publisher.stop()
    assert publisher.stats.sent == 1000

    # Every account counted exactly once: all of its 25 requests, by the one worker owning it.
    await until(lambda: all((cache.detail(a) or {}).get("requests") == 25 for a in accounts), timeout=15)
    owners = await holders()
    assert {owners[partition_of(a, PARTS)] for a in accounts} == {"proc-0", "proc-1"}
    for p in range(PARTS):
        assert (await client.xpending(stream_key(redis_prefix, p), GROUP))["pending"] == 0
    assert all(proc.poll() is None for proc in two_workers)


async def test_crashed_consumer_pending_is_claimed_once(client: Any, store: Store, cache: ScoreCache,
                                                        redis_url: str, redis_prefix: str) -> None:
    p = partition_of("harvester", PARTS)
    key = stream_key(redis_prefix, p)
    for r in harvest("harvester", 200):
        await client.xadd(key, {FIELD: encode(r)})
    # A consumer reads everything, then dies before acknowledging, still holding its lease.
    await client.xgroup_create(key, GROUP, id="0", mkstream=True)
    got = await client.xreadgroup(GROUP, "dead", {key: ">"}, count=1000)
    assert len(got[0][1]) == 200
    await client.set(f"{redis_prefix}detect:lease:{p}", "dead", px=600)

    follower = await worker(client, store, redis_url, redis_prefix, "heir")
    await follower.balance()
    assert p not in follower.owned  # the dead consumer's lease has not expired yet

    async def taken() -> bool:
        follower._next_balance = 0.0
        await follower.balance()
        return p in follower.owned

    await until(taken, timeout=10)
    assert follower.stats.claimed == 200
    assert (await client.xpending(key, GROUP))["pending"] == 0
    await follower.scorer.maybe_score(force=True)
    await until(lambda: (cache.detail("harvester") or {}).get("requests") == 200)  # not 400: counted once
    assert cache.scores_for("harvester")["distillation"] >= 0.8

    # New records after the takeover are read normally and acknowledged.
    for r in harvest("harvester", 10, seed=5):
        await client.xadd(key, {FIELD: encode(r)})
    assert await follower.step(block_ms=1000) == 10
    await follower.scorer.maybe_score(force=True)
    await until(lambda: (cache.detail("harvester") or {}).get("requests") == 210)
    await follower.release_all()


async def test_redis_down_publish_never_blocks_and_counts_drops() -> None:
    publisher = RecordPublisher(redis_url="redis://127.0.0.1:1/0", buffer=1000, partitions=PARTS)
    await publisher.start()
    records = chat("someone", 5000)
    for r in records:
        publisher.publish(r)  # returns at once, never raises
    stats = publisher.stats
    assert stats.published == 5000 and stats.dropped == 4000
    await until(lambda: stats.errors >= 1 and not stats.connected)
    await publisher.stop(timeout=0.2)
    assert stats.sent == 0 and stats.dropped == 5000  # the buffer is given up at shutdown, and counted


async def test_checkpoint_carries_history_past_the_retained_window(client: Any, store: Store, cache: ScoreCache,
                                                                  redis_url: str, redis_prefix: str) -> None:
    p = partition_of("harvester", PARTS)
    key = stream_key(redis_prefix, p)
    first = await worker(client, store, redis_url, redis_prefix, "first")
    await first.balance()
    assert p in first.owned
    for r in harvest("harvester", 200):
        await client.xadd(key, {FIELD: encode(r)})
    while await first.step(block_ms=200):
        pass
    await first.checkpoint(p)
    for r in harvest("harvester", 5, seed=9):  # folded after the checkpoint, never acknowledged
        await client.xadd(key, {FIELD: encode(r)})
    await client.xreadgroup(GROUP, "first", {key: ">"}, count=100)
    # The stream's retention passes the checkpointed records; then the first worker dies.
    await client.xtrim(key, minid=(await client.xrange(key, "-", "+", count=201))[200][0])
    await client.delete(f"{redis_prefix}detect:lease:{p}")

    heir = await worker(client, store, redis_url, redis_prefix, "heir")
    await heir.balance()
    assert p in heir.owned
    assert heir.stats.restored == 1 and heir.stats.replayed == 5 and heir.stats.claimed == 5
    await heir.scorer.maybe_score(force=True)
    await until(lambda: (cache.detail("harvester") or {}).get("requests") == 205)
    assert cache.scores_for("harvester")["distillation"] >= 0.8
    await heir.release_all()
