"""Benchmark online detection (issue 6 item 3, Speed): records/s on one core and end-to-end lag.

Three measurements against a real Redis (MOAT_BENCH_REDIS_URL, else MOAT_TEST_REDIS_URL, else
redis://127.0.0.1:6379/0), under a fresh key prefix that is deleted afterwards:

1. `publish()`: the gateway's per-request cost (µs per call; no I/O happens in the call).
2. Drain: a `moat simulate` dataset (--accounts, --days; cached under --data; its accounts seeded
   into a SQLite directory) is published through the real `RecordPublisher`, then one
   `RedisFollower` + `OnlineScorer` in this process (one core) consumes the stream and writes
   scores, cross-account passes included: records/s, CPU s.
3. Steady state: a `moat detect-follow` worker in a child process (pinned to CPU 0 when taskset is
   available) while this process publishes at --rate records/s for --seconds; every 50 ms a probe
   record from a new account is published and timed until its score is readable, (a) in Redis and
   (b) in a replica's `ScoreCache` polling every --poll s (default 0.25, the setting's default):
   end-to-end lag percentiles.

    .venv/bin/python bench/bench_detect_online.py [--accounts 2000] [--days 2] [--rate 5000] [--seconds 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any


def dataset(path: Path, accounts: int, days: int, seed: int = 7) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The simulator's labelled traffic (moat simulate), cached under `path`: accounts, requests."""
    from moat.detect.sim import SimParams, simulate
    from moat.traffic import read_accounts, read_requests

    if not (path / "requests.jsonl").exists():
        simulate(SimParams(accounts=accounts, days=days, seed=seed, volume=0.5), path)
    return list(read_accounts(path)), list(read_requests(path))


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else float("nan")


async def seed_store(url: str, accounts: list[dict[str, Any]]) -> None:
    """The directory the worker looks accounts up in: the dataset's accounts."""
    from dataclasses import fields

    from moat.identity.models import Account
    from moat.store import open_store

    names = {f.name for f in fields(Account)}
    store = open_store(url)
    await store.open()
    for a in accounts:
        await store.upsert_account(Account(**{k: v for k, v in a.items() if k in names and v is not None}))
    await store.close()


def bench_publish_call(rec: list[dict[str, Any]], n: int = 200_000) -> float:
    from moat.detect.stream import RecordPublisher

    pub = RecordPublisher(redis_url="redis://unused", buffer=n + 1, batch=n + 1)
    start = time.perf_counter()
    for i in range(n):
        pub.publish(rec[i % 1000])
    return (time.perf_counter() - start) / n * 1e6


async def publish_all(url: str, prefix: str, records: list[dict[str, Any]], partitions: int) -> float:
    from moat.detect.stream import RecordPublisher

    pub = RecordPublisher(redis_url=url, prefix=prefix, partitions=partitions, maxlen=10_000_000,
                          buffer=len(records) + 1)
    await pub.start()
    start = time.perf_counter()
    for r in records:
        pub.publish(r)
    while pub.stats.sent < len(records):
        await asyncio.sleep(0.005)
    took = time.perf_counter() - start
    await pub.stop()
    return len(records) / took


async def drain(url: str, prefix: str, store_url: str, total: int, partitions: int) -> dict[str, float]:
    import redis.asyncio as aioredis

    from moat.detect.follow import RedisFollower
    from moat.detect.online_scorer import AccountSource, OnlineScorer
    from moat.detect.scores import RedisScores
    from moat.store import open_store

    store = open_store(store_url)
    await store.open()
    board = RedisScores(url, prefix)
    await board.open()
    client = aioredis.from_url(url)
    scorer = OnlineScorer(AccountSource(store), board)
    await scorer.start()
    worker = RedisFollower(client, scorer, prefix=prefix, partitions=partitions, consumer="bench", batch=1000)
    cpu0, start = time.process_time(), time.perf_counter()
    await worker.balance()
    while worker.stats.records + worker.stats.replayed < total:
        await worker.step(block_ms=50)
        await scorer.maybe_score()
    await scorer.maybe_score(force=True)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu0
    ck = time.perf_counter()
    for p in sorted(worker.owned):
        await worker.checkpoint(p)
    ck = time.perf_counter() - ck
    size = sum([await client.memory_usage(f"{prefix}detect:checkpoint:{p}") or 0 for p in range(partitions)])
    await worker.release_all()
    await client.aclose()
    await board.close()
    await store.close()
    return {"records": total, "wall": wall, "cpu": cpu, "rate": total / wall, "accounts": len(scorer.engine.states),
            "written": scorer.written, "checkpoint_s": ck, "checkpoint_mb": size / 1e6}


async def steady(url: str, prefix: str, store_url: str, home: Path, rate: int, seconds: float,
                 records: list[dict[str, Any]], partitions: int, poll: float) -> dict[str, Any]:
    from moat.detect.scores import RedisScores, ScoreCache
    from moat.detect.stream import RecordPublisher

    env = {**os.environ, "MOAT_REDIS_URL": url, "MOAT_REDIS_PREFIX": prefix, "MOAT_DATABASE_URL": store_url,
           "MOAT_HOME": str(home), "MOAT_DETECT__PARTITIONS": str(partitions)}
    cmd = [sys.executable, "-m", "moat", "detect-follow", "--consumer", "steady"]
    if shutil.which("taskset"):
        cmd = ["taskset", "-c", "0", *cmd]
    worker = subprocess.Popen(cmd, env=env, stderr=(home / "worker.log").open("wb"))
    boards = [RedisScores(url, prefix), RedisScores(url, prefix)]
    for b in boards:
        await b.open()
    fast, replica = ScoreCache(boards[0], interval=0.01), ScoreCache(boards[1], interval=poll)
    await fast.start()
    await replica.start()
    pub = RecordPublisher(redis_url=url, prefix=prefix, partitions=partitions, maxlen=100_000)
    await pub.start()
    from moat.detect.online_synthetic import record

    try:
        await asyncio.sleep(3.0)  # the worker starts and takes its leases
        probes: dict[str, float] = {}
        seen_fast: dict[str, float] = {}
        seen_replica: dict[str, float] = {}
        start = time.perf_counter()
        sent = 0
        i = 0
        cpu_start = _cpu(worker.pid)
        while (now := time.perf_counter()) - start < seconds:
            due = int((now - start) * rate)
            while sent < due:
                r = dict(records[sent % len(records)])
                r["ts"] = time.time()
                pub.publish(r)
                sent += 1
            if now - start >= i * 0.05:
                aid = f"probe-{i}"
                probes[aid] = time.perf_counter()
                pub.publish(record(aid, time.time(), "hello"))
                i += 1
            for aid, t in probes.items():
                if aid not in seen_fast and fast.detail(aid):
                    seen_fast[aid] = time.perf_counter() - t
                if aid not in seen_replica and replica.detail(aid):
                    seen_replica[aid] = time.perf_counter() - t
            await asyncio.sleep(0.002)
        elapsed = time.perf_counter() - start
        cpu = _cpu(worker.pid) - cpu_start
        deadline = time.perf_counter() + 5
        while len(seen_replica) < len(probes) and time.perf_counter() < deadline:
            await asyncio.sleep(0.01)
            for aid, t in probes.items():
                if aid not in seen_fast and fast.detail(aid):
                    seen_fast[aid] = time.perf_counter() - t
                if aid not in seen_replica and replica.detail(aid):
                    seen_replica[aid] = time.perf_counter() - t
    finally:
        await pub.stop()
        await fast.stop()
        await replica.stop()
        for b in boards:
            await b.close()
        worker.terminate()
        worker.wait(10)
    lf, lr = list(seen_fast.values()), list(seen_replica.values())
    return {"rate": sent / elapsed, "probes": len(probes), "lost": len(probes) - len(seen_replica),
            "worker_cpu_share": cpu / elapsed, "dropped": pub.stats.dropped,
            "redis_p50": pct(lf, 0.5), "redis_p99": pct(lf, 0.99), "redis_max": max(lf, default=float("nan")),
            "replica_p50": pct(lr, 0.5), "replica_p99": pct(lr, 0.99), "replica_max": max(lr, default=float("nan"))}


def _cpu(pid: int) -> float:
    """utime + stime of a process and its children so far, in seconds (Linux /proc)."""
    try:
        parts = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = sum(int(parts[i]) for i in (11, 12, 13, 14))
        return ticks / os.sysconf("SC_CLK_TCK")
    except OSError:
        return float("nan")


async def run(args: argparse.Namespace) -> None:
    import redis.asyncio as aioredis

    url = args.redis
    prefix = f"moat-bench:{uuid.uuid4().hex[:8]}:"
    home = Path(tempfile.mkdtemp(prefix="moat-bench-online-"))
    store_url = f"sqlite:///{home / 'moat.db'}"
    accounts, records = dataset(args.data, args.accounts, args.days)
    records = records[:args.records]
    await seed_store(store_url, accounts)
    print(f"dataset: {len(accounts):,} accounts, {len(records):,} requests (moat simulate, {args.days} days)")
    try:
        us = bench_publish_call(records[:1000])
        print(f"publish(): {us:.2f} µs per call")
        pub_rate = await publish_all(url, prefix + "d:", records, args.partitions)
        print(f"stream: {len(records):,} records published through Redis at {pub_rate:,.0f} records/s")
        d = await drain(url, prefix + "d:", store_url, len(records), args.partitions)
        print(f"drain (one core): {d['records']:,} records, {d['accounts']:,} accounts in {d['wall']:.2f} s "
              f"= {d['rate']:,.0f} records/s (CPU {d['cpu']:.2f} s; {d['written']:,} score writes)")
        print(f"checkpoint of every partition: {d['checkpoint_s']:.2f} s, {d['checkpoint_mb']:.1f} MB in Redis")
        s = await steady(url, prefix + "s:", store_url, home, args.rate, args.seconds, records, args.partitions,
                         args.poll)
        print(f"steady: {s['rate']:,.0f} records/s for {args.seconds:.0f} s; worker CPU "
              f"{100 * s['worker_cpu_share']:.0f}% of one core; {s['probes']} probes, {s['lost']} not seen, "
              f"{s['dropped']} dropped")
        print(f"  lag to Redis:          p50 {s['redis_p50'] * 1000:.0f} ms, p99 {s['redis_p99'] * 1000:.0f} ms, "
              f"max {s['redis_max'] * 1000:.0f} ms")
        print(f"  lag to replica cache:  p50 {s['replica_p50'] * 1000:.0f} ms, p99 {s['replica_p99'] * 1000:.0f} ms, "
              f"max {s['replica_max'] * 1000:.0f} ms ({args.poll} s poll)")
    finally:
        r = aioredis.from_url(url)
        keys = [k async for k in r.scan_iter(f"{prefix}*")]
        for i in range(0, len(keys), 1000):
            await r.delete(*keys[i:i + 1000])
        await r.aclose()
        shutil.rmtree(home, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--redis", default=os.environ.get("MOAT_BENCH_REDIS_URL")
                    or os.environ.get("MOAT_TEST_REDIS_URL") or "redis://127.0.0.1:6379/0")
    ap.add_argument("--data", type=Path, default=Path("/tmp/moat-bench-online-data"))
    ap.add_argument("--accounts", type=int, default=2000)
    ap.add_argument("--days", type=int, default=2)
    ap.add_argument("--records", type=int, default=300_000)
    ap.add_argument("--rate", type=int, default=5000)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--poll", type=float, default=0.25, help="The replica cache's poll interval (default setting).")
    asyncio.run(run(ap.parse_args()))


if __name__ == "__main__":
    main()
