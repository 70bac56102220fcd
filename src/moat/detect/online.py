"""Online detection inside a gateway process: publish records, read scores (issue 6 item 3).

`OnlineDetection` is what `Runtime` holds. With Redis it publishes to the shared stream and reads
the scores that `moat detect-follow` workers write; in the embedded default it also runs the
follower in-process (scores then go straight into this process's cache, and to the store's
`detect_scores` table so they outlive a restart). Nothing here is awaited on a request's path:
`publish` appends to a buffer, `fill` reads a dict.

Without Redis there is no shared stream: with `moat serve --workers N` (N > 1) each process scores
only the traffic it served (a warning says so at start-up); production runs Redis and workers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING, Any

from moat.config import Settings
from moat.detect.scores import RedisScores, ScoreBoard, ScoreCache, TableScores
from moat.detect.stream import LocalStream, PublisherStats, RecordPublisher
from moat.store import Store

if TYPE_CHECKING:
    from moat.context import RequestContext
    from moat.detect.follow import LocalFollower
    from moat.detect.online_scorer import OnlineScorer

log = logging.getLogger("moat.detect.online")


class OnlineDetection:
    def __init__(self, settings: Settings, store: Store) -> None:
        d = settings.detect
        self.enabled = d.online
        self.local: LocalStream | None = None
        self.scorer: OnlineScorer | None = None
        self.follower: LocalFollower | None = None
        board: ScoreBoard
        if settings.redis_url:
            board = RedisScores(settings.redis_url, settings.redis_prefix)
        else:
            board = TableScores(store)
            self.local = LocalStream(d.buffer)
        self.board = board
        self.cache = ScoreCache(board, d.poll_interval)
        self.publisher = RecordPublisher(redis_url=settings.redis_url, prefix=settings.redis_prefix,
                                         partitions=d.partitions, maxlen=d.stream_maxlen, buffer=d.buffer,
                                         batch=d.batch, local=self.local)
        if self.local is not None:
            # Imported here: a replica that only publishes (Redis) never loads the detectors.
            from moat.detect.follow import LocalFollower
            from moat.detect.online_scorer import AccountSource, OnlineScorer
            from moat.detect.reviews import ReviewSource

            self.scorer = OnlineScorer(AccountSource(store), board, on_scores=self.cache.apply,
                                       score_interval=d.score_interval, cross_interval=d.cross_interval,
                                       reviews=ReviewSource(store, d.review_window_days),
                                       benign_flag_rate=d.benign_flag_rate)
            self.follower = LocalFollower(self.local, self.scorer, d.batch)
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._processes = settings.server.workers

    async def start(self) -> None:
        """After the store is open: load the last scores, start publishing (and following)."""
        if not self.enabled:
            return
        await self.board.open()
        with contextlib.suppress(Exception):  # Redis down at start: the poll retries
            await self.cache.refresh()
        await self.cache.start()
        await self.publisher.start()
        if self.follower is not None and self.scorer is not None:
            if self._processes > 1:
                log.warning("online detection without Redis sees only this worker process's share of the "
                            "traffic (%d processes): set redis_url and run `moat detect-follow`",
                            self._processes)
            await self.scorer.start()
            self._task = asyncio.create_task(self.follower.run(self._stop), name="moat-detect-follow")

    async def stop(self) -> None:
        if not self.enabled:
            return
        self._stop.set()
        if self._task is not None:
            # The follower ends after its batch, so scores it has shown are in the table too (a
            # cancel could land in the middle of that write); one that hangs is cancelled.
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(self._task, 5.0)
        await self.publisher.stop()
        await self.cache.stop()
        await self.board.close()

    async def settled(self, timeout: float) -> bool:
        """Wait (at most `timeout` seconds) until what this process published so far is scored,
        a whole cross-account pass included (LocalFollower.settle). Only the embedded follower can
        promise that; with Redis the workers are elsewhere, and this answers False at once."""
        if not self.enabled or self.follower is None or self._task is None or self._task.done():
            return False
        try:
            await asyncio.wait_for(self.follower.settle(), timeout)
        except TimeoutError:
            return False
        return True

    # ---- hot path ------------------------------------------------------------------------------
    def publish(self, traffic: dict[str, Any]) -> None:
        """Hand a record to the detectors (never blocks; the caller must not mutate it after)."""
        if self.enabled:
            self.publisher.publish(traffic)

    def fill(self, ctx: RequestContext) -> None:
        """Put the account's scores (and its cluster's) into the context before decide."""
        if ctx.account is None:
            return
        aid = ctx.account.account_id
        scores = self.cache.scores_for(aid)
        if scores:
            ctx.scores = scores
            cid = self.cache.cluster_of(aid)
            if cid:
                ctx.extra["cluster_id"] = cid

    def stats(self) -> dict[str, Any]:
        """For /metrics: the publisher's counters and the cache's size."""
        p: PublisherStats = self.publisher.stats
        dropped = p.dropped + (self.local.dropped if self.local is not None else 0)
        return {"published": p.published, "sent": p.sent, "dropped": dropped, "errors": p.errors,
                "buffered": len(self.local) if self.local is not None else p.buffered,
                "stream_up": p.connected, "scored_accounts": len(self.cache), "score_version": self.cache.version}


def attach(settings: Settings, store: Store) -> OnlineDetection:
    """The runtime's online detection; `Runtime` calls start/stop/publish/fill on it."""
    return OnlineDetection(settings, store)
