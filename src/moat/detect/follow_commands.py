"""`moat detect-follow`: one online detector worker (issue 6 item 3).

Run as many as needed, on any machines, against the gateways' Redis: they share the stream's
partitions (moat.detect.follow) and write scores every replica reads (moat.detect.scores).
"""

from __future__ import annotations

import asyncio
import signal

import click

from moat.cli import run, settings_from
from moat.config import Settings


@click.command("detect-follow")
@click.option("--consumer", default=None, help="Consumer name (default: host-pid-random).")
@click.pass_context
def detect_follow(ctx: click.Context, consumer: str | None) -> None:
    """Follow the gateways' record stream and keep every account's scores current."""
    settings = settings_from(ctx)
    if not settings.redis_url:
        raise click.UsageError("detect-follow reads the Redis record stream: set redis_url (MOAT_REDIS_URL). "
                               "Without Redis, `moat serve` follows its own records in-process.")
    run(follow(settings, consumer))


async def follow(settings: Settings, consumer: str | None = None) -> None:
    """Run one worker until SIGTERM or SIGINT."""
    import redis.asyncio as aioredis

    from moat.detect.follow import RedisFollower
    from moat.detect.online_scorer import AccountSource, OnlineScorer
    from moat.detect.reviews import ReviewSource
    from moat.detect.scores import RedisScores
    from moat.store import open_store

    d = settings.detect
    store = open_store(settings.store_url)
    await store.open()
    board = RedisScores(settings.redis_url, settings.redis_prefix)
    await board.open()
    client = aioredis.from_url(settings.redis_url, socket_timeout=5.0, socket_connect_timeout=2.0)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        scorer = OnlineScorer(AccountSource(store), board, score_interval=d.score_interval,
                              cross_interval=d.cross_interval, reviews=ReviewSource(store, d.review_window_days),
                              benign_flag_rate=d.benign_flag_rate)
        await scorer.start()
        worker = RedisFollower(client, scorer, prefix=settings.redis_prefix, partitions=d.partitions,
                               consumer=consumer, batch=max(d.batch, 1000), lease_ttl=d.lease_ttl,
                               checkpoint_interval=d.checkpoint_interval)
        click.echo(f"following as {worker.consumer} ({d.partitions} partitions)", err=True)
        await worker.run(stop)
        await scorer.maybe_score(force=True)
    finally:
        await client.aclose()
        await board.close()
        await store.close()
