"""Background Responses (`background: true`): metered when they finish, not when the create returns.

`POST /v1/responses` with `background: true` answers at once with a response `queued` (or
`in_progress`); the upstream generates it afterwards and its usage exists only once it reaches a
terminal status (`completed`, `failed`, `cancelled`, `incomplete`). So the pipeline hands such a
call here instead of recording it and settling its quota admission on the spot
(moat.gateway.pipeline `_relay_whole` / `_relay_stream`), and the settler finishes both later:

- One task per pending response polls the upstream's `GET /responses/{id}` with the gateway's own
  credential (moat.gateway.side_calls), off the request path, first after `background_first_poll`
  seconds, then doubling up to `background_max_poll`. It does not depend on the client: a response
  created and never read is metered all the same.
- A client read that sees the response terminal (GET, cancel, a resumed stream; moat.gateway.
  responses_state) settles it at once, with what it saw.
- Settlement happens once per response id (the first to see it terminal pops it): the call is
  recorded with the real usage (fresh input, cache reads, output, reasoning) and its final status,
  and the admission is settled on that usage, refunding what was reserved and not used.

Final status in the record: `completed` and `incomplete` 200 (an answer was given; `incomplete`
is one cut by its own limits), `failed` the status its error code stands for, `cancelled` 499
(the client's own choice, as a client hanging up is recorded). Bounds: a response followed for
`background_lifetime` seconds (the upstream's 10-minute background limit plus a margin) without
becoming terminal is recorded with what is known (the input estimate, no output, `usage_reported`
false) as 504; one whose upstream fails `background_max_errors` polls in a row (down, 5xx, the id
forgotten) as 502; each with its reservation settled on that, i.e. released. At most
`background_max_pending` are followed at once; beyond, the call is recorded and settled at once on
what is known (logged and counted in `dropped`).

Pending settlements live in this process's memory. A replica that stops gracefully records each
with what is known (503) and releases its reservation; one that is killed loses them: their
records are never written and their reservations stay charged until the keys rest, as a lost
settle does (moat.limits README). Sharing them through Redis, so that another replica takes over,
is not done yet.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

import orjson

from moat.config import RelaySettings, UpstreamSettings
from moat.errors import RecordingUnavailable
from moat.gateway.metering import responses_usage
from moat.gateway.record import FinishedCall
from moat.gateway.responses_api import failure_status
from moat.gateway.side_calls import side_call
from moat.limits.base import Admission, Usage
from moat.tasks import cancel

log = logging.getLogger("moat.gateway")

TERMINAL = frozenset({"completed", "failed", "cancelled", "incomplete"})
RUNNING = frozenset({"queued", "in_progress"})
CANCELLED = 499  # as the pipeline records a client that hung up (nginx's convention)
NEVER_FINISHED = 504
UPSTREAM_LOST = 502
STOPPED = 503


def still_running(obj: dict[str, Any]) -> bool:
    """True when a Responses answer is a background response not finished yet (queued, in progress)."""
    return obj.get("status") in RUNNING and isinstance(obj.get("id"), str)


def final_status(obj: dict[str, Any]) -> int:
    """The status a terminal response is recorded with."""
    status = obj.get("status")
    if status == "failed":
        return failure_status(obj.get("error"))
    if status == "cancelled":
        return CANCELLED
    return 200


class Call(FinishedCall, Protocol):
    """What the settler holds of a call (`moat.gateway.pipeline.Call` is one): the record stage's
    view, and the admission it takes over."""

    admission: Admission | None


@dataclass(slots=True)
class _Pending:
    call: Call
    admission: Admission | None
    upstream: UpstreamSettings
    known: Usage  # what is known before the end: the input estimate, or what a stream delivered
    t0: float  # perf_counter when the create was sent upstream
    task: asyncio.Task[None] | None = None


Finish = Callable[[Admission, Usage], Awaitable[None]]
Record = Callable[[FinishedCall, Usage], object]


class BackgroundSettler:
    """Background responses not yet terminal, by id, and the tasks that follow them to the end."""

    def __init__(self, relay: RelaySettings, record: Record, finish: Finish) -> None:
        self._relay = relay
        self._record = record  # Runtime.record_call
        self._finish = finish  # settles an admission on a usage (any limiter)
        self._pending: dict[str, _Pending] = {}
        self._later_tasks: set[asyncio.Future[None]] = set()
        self.settled = 0
        self.dropped = 0  # recorded at once, on what was known: too many pending

    def __len__(self) -> int:
        return len(self._pending)

    def is_pending(self, response_id: str) -> bool:
        return response_id in self._pending

    def adopt(self, response_id: str, call: Call, upstream: UpstreamSettings, known: Usage, t0: float) -> None:
        """Take over `call` (its record and its admission) until `response_id` is terminal. The
        call's admission is the settler's from now on: the pipeline no longer settles it."""
        admission, call.admission = call.admission, None
        if response_id in self._pending:  # a resumed stream's id adopted twice: the first holds it
            if admission is not None:
                self._later(self._finish(admission, Usage()))
            return
        pending = _Pending(call, admission, upstream, known, t0)
        if len(self._pending) >= self._relay.background_max_pending:
            self.dropped += 1
            log.warning("background responses: %d pending, %s is recorded now on what is known",
                        len(self._pending), response_id, extra={"request_id": call.ctx.request_id})
            self._later(self._settle(pending, call.status, known))
            return
        self._pending[response_id] = pending
        pending.task = asyncio.get_running_loop().create_task(self._follow(response_id, pending),
                                                               name=f"moat-background-{response_id}")

    async def observe(self, response_id: str, obj: Any) -> None:
        """A client read saw this response: when it is terminal, settle now (once)."""
        if not isinstance(obj, dict) or obj.get("status") not in TERMINAL:
            return
        pending = self._pending.pop(response_id, None)
        if pending is None:
            return
        if pending.task is not None and pending.task is not asyncio.current_task():
            pending.task.cancel()
        await self._settle(pending, final_status(obj), self._usage(obj, pending))

    async def aclose(self) -> None:
        """Stopping: record every pending response with what is known (503), release its reservation."""
        if self._later_tasks:
            await asyncio.wait(set(self._later_tasks), timeout=5.0)
        while self._pending:
            response_id, pending = self._pending.popitem()
            if pending.task is not None:
                await cancel(pending.task)
            log.warning("background response %s not finished at stop: recorded on what is known", response_id,
                        extra={"request_id": pending.call.ctx.request_id})
            await self._settle(pending, STOPPED, pending.known)

    async def _follow(self, response_id: str, pending: _Pending) -> None:
        """Poll the upstream until the response is terminal, or a bound is reached."""
        relay = self._relay
        deadline = time.monotonic() + relay.background_lifetime
        wait = relay.background_first_poll
        errors = 0
        while True:
            await asyncio.sleep(min(wait, max(deadline - time.monotonic(), 0.0)))
            wait = min(wait * 2, relay.background_max_poll)
            obj = await self._poll(response_id, pending.upstream)
            if obj is None:
                errors += 1
            else:
                errors = 0
                if obj.get("status") in TERMINAL:
                    await self.observe(response_id, obj)
                    return
            if errors >= relay.background_max_errors or time.monotonic() >= deadline:
                if self._pending.pop(response_id, None) is None:
                    return  # settled meanwhile by a client read
                status = UPSTREAM_LOST if errors >= relay.background_max_errors else NEVER_FINISHED
                log.warning("background response %s given up (%s): recorded on what is known", response_id,
                            "upstream not answering" if status == UPSTREAM_LOST else "never finished",
                            extra={"request_id": pending.call.ctx.request_id})
                await self._settle(pending, status, pending.known)
                return

    @staticmethod
    async def _poll(response_id: str, upstream: UpstreamSettings) -> dict[str, Any] | None:
        """The upstream's view of the response, or None when it did not give one."""
        try:
            answer = await side_call(upstream, "GET", f"/responses/{response_id}")
            if answer.status_code != 200:
                return None
            obj = orjson.loads(answer.content)
        except Exception as exc:  # down, timed out, not JSON: counted as a failed poll
            log.info("background response %s: poll failed (%s)", response_id, type(exc).__name__)
            return None
        return obj if isinstance(obj, dict) else None

    @staticmethod
    def _usage(obj: dict[str, Any], pending: _Pending) -> Usage:
        usage = obj.get("usage")
        if isinstance(usage, dict):
            return responses_usage(usage)
        return pending.known

    async def _settle(self, pending: _Pending, status: int, usage: Usage) -> None:
        call = pending.call
        call.status = status
        call.upstream_seconds = time.perf_counter() - pending.t0
        self.settled += 1
        try:
            self._record(call, usage)
        except RecordingUnavailable:
            pass  # logged by record_call; the write-ahead log is what failed, nobody to tell
        finally:
            if pending.admission is not None:
                await self._finish(pending.admission, usage)

    def _later(self, work: Awaitable[None]) -> None:
        task = asyncio.ensure_future(work)
        self._later_tasks.add(task)
        task.add_done_callback(self._later_tasks.discard)
        task.add_done_callback(_log_failure)


def _log_failure(task: asyncio.Future[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("background responses: settlement failed", exc_info=task.exception())
