"""Open data streams, and cutting them when their caller becomes refused (issue 15 item 2).

A firehose response may stay open for days; the decision that let it open was taken once. When
the caller's standing changes — a reviewer's action, a restriction of its organization, an
updated restricted-entity list, a suspended account or revoked key, a new policy — every open
stream of that caller must end within a second, with a final error item and a record.

`OpenStreams` holds the open streams of this process. Its watcher looks every `interval` (0.1 s)
at a signature of everything a decision reads that can change while a stream is open: the
directory's change-feed position (accounts, keys, organizations and their restriction), the
enforcement followers' positions (restrictions and exceptions, which follow `enforce_changes`
every 0.3 s: moat.enforce.change_feed) and the policy bundle in force. When it moved, every open
stream is judged again (`judge`, the decide stage without its side effects); otherwise nothing is
done, so 5,000 idle streams cost no CPU. As a fallback every stream is judged again every
`full_every` seconds whatever the signature says. A change lands in at most follow interval +
watcher interval (about 0.4 s, plus the judging).

Ending a stream closes its upstream response: the relay's read wakes at once, sees `cut` and
sends the final item (moat.gateway.data_relay).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Hashable
from typing import Any

from moat.errors import MoatError
from moat.tasks import cancel

log = logging.getLogger("moat.gateway")


class OpenStream:
    """One open data stream: what judging it again needs, and how to end it."""

    __slots__ = ("call", "cut", "response", "secret")

    def __init__(self, call: Any, secret: str, response: Any) -> None:
        self.call = call  # the stream's DataCall (context, decision) — see moat.gateway.data_relay
        self.secret = secret  # to authenticate again: a revoked key or suspended account ends it
        self.response = response  # the upstream response, closed to wake the relay
        self.cut: MoatError | None = None

    def end(self, error: MoatError) -> None:
        """End the stream with `error` as its final item (the first reason wins)."""
        if self.cut is None:
            self.cut = error
            self.response.close()


Judge = Callable[[OpenStream], Awaitable["MoatError | None"]]


class OpenStreams:
    """This process's open data streams and the watcher that judges them again; see the module docstring."""

    def __init__(self, judge: Judge, signature: Callable[[], Hashable], *, interval: float = 0.1,
                 full_every: float = 10.0) -> None:
        self._judge = judge
        self._signature = signature
        self._interval = interval
        self._full_every = full_every
        self._open: set[OpenStream] = set()
        self._task: asyncio.Task[None] | None = None
        self.judged = 0  # streams judged again since start (metrics, tests)
        self.cuts = 0

    def __len__(self) -> int:
        return len(self._open)

    def add(self, stream: OpenStream) -> None:
        self._open.add(stream)

    def discard(self, stream: OpenStream) -> None:
        self._open.discard(stream)

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._watch(), name="moat-data-streams")

    async def stop(self) -> None:
        await cancel(self._task)
        self._task = None

    async def _watch(self) -> None:
        last = self._signature()
        full_at = time.monotonic() + self._full_every
        while True:
            await asyncio.sleep(self._interval)
            try:
                now = self._signature()
                due = time.monotonic() >= full_at
                if (now != last or due) and self._open:
                    await self.judge_all()
                if due:
                    full_at = time.monotonic() + self._full_every
                last = now
            except asyncio.CancelledError:
                raise
            except Exception:  # a bug here must not leave streams unjudged for good
                log.exception("judging open data streams failed")

    async def judge_all(self) -> int:
        """Judge every open stream again now; end the refused ones. Returns how many were ended."""
        ended = 0
        for n, stream in enumerate(list(self._open)):
            if n % 100 == 99:  # thousands of streams: let the relays run between judgements
                await asyncio.sleep(0)
            if stream.cut is not None:
                continue
            error = await self._judge(stream)
            self.judged += 1
            if error is not None:
                stream.end(error)
                ended += 1
        self.cuts += ended
        return ended
