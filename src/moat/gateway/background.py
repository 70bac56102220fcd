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

Final status in the record: the HTTP status the create returned (shared/spec/traffic-format.md:
`status` is the status returned), i.e. 200 for `completed`, `incomplete` (cut by its own limits)
and `cancelled` (the client's own choice, after the create succeeded; metered with what the
upstream generated before it stopped), and for `failed` the status its error code stands for (the
generation failed: the create's 200 did not deliver an answer). The upstream's terminal status is
kept beside it, in the record's `background_status` (docs/traffic-format-extensions.md). Bounds: a response followed for
`background_lifetime` seconds (the upstream's 10-minute background limit plus a margin) without
becoming terminal is recorded with what is known (the input estimate, no output, `usage_reported`
false) as 504; one whose upstream fails `background_max_errors` polls in a row (down, 5xx, the id
forgotten) as 502; each with its reservation settled on that, i.e. released. At most
`background_max_pending` are followed at once; beyond, the call is recorded and settled at once on
what is known (logged and counted in `dropped`).

Pending settlements live in this process's memory and, when `redis_url` is set, in Redis
(moat.gateway.background_share): a replica that dies or stops gives them up there and another
takes them over after `background_claim` seconds, follows them to their end and writes their
records. Without Redis, a replica that stops gracefully records each with what is known (503);
one that is killed loses them. Either way a replica that stops releases the reservations it held
(settled on what is known); a killed one's stay charged until the keys rest, as a lost settle does
(moat.limits README).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any, Protocol

import orjson

from moat.config import RelaySettings, UpstreamSettings
from moat.errors import RecordingUnavailable
from moat.gateway.background_share import SharedPending
from moat.gateway.metering import responses_usage
from moat.gateway.record import FinishedCall
from moat.gateway.responses_api import failure_status
from moat.gateway.side_calls import side_call
from moat.limits.base import Admission, Usage
from moat.store.base import RecordBatchItem
from moat.tasks import cancel

log = logging.getLogger("moat.gateway")

TERMINAL = frozenset({"completed", "failed", "cancelled", "incomplete"})
RUNNING = frozenset({"queued", "in_progress"})
NEVER_FINISHED = 504
UPSTREAM_LOST = 502
STOPPED = 503


def still_running(obj: dict[str, Any]) -> bool:
    """True when a Responses answer is a background response not finished yet (queued, in progress)."""
    return obj.get("status") in RUNNING and isinstance(obj.get("id"), str)


def final_status(obj: dict[str, Any]) -> int:
    """The status a terminal response is recorded with: the create's 200, unless it failed."""
    if obj.get("status") == "failed":
        return failure_status(obj.get("error"))
    return 200


class Call(FinishedCall, Protocol):
    """What the settler holds of a call (`moat.gateway.pipeline.Call` is one): the record stage's
    view, and the admission it takes over."""

    admission: Admission | None


class Host(Protocol):
    """What the settler needs of the gateway (moat.gateway.runtime.Runtime is one)."""

    def record_call(self, call: FinishedCall, usage: Usage, *, extras: dict[str, Any] | None = None) -> object: ...

    def build_item(self, call: FinishedCall, usage: Usage) -> RecordBatchItem: ...

    def record_item(self, item: RecordBatchItem) -> None: ...

    async def finish_admission(self, admission: Admission, usage: Usage) -> None: ...

    def upstream_settings(self, name: str) -> UpstreamSettings | None: ...


@dataclass(slots=True)
class _Pending:
    call: Call | None  # None: taken over from another replica; its record is `shared`
    admission: Admission | None
    upstream: UpstreamSettings
    known: Usage  # what is known before the end: the input estimate, or what a stream delivered
    t0: float  # perf_counter when the create was sent upstream
    deadline: float  # monotonic: followed until then
    shared: dict[str, Any] | None = None
    task: asyncio.Task[None] | None = None


class BackgroundSettler:
    """Background responses not yet terminal, by id, and the tasks that follow them to the end."""

    def __init__(self, relay: RelaySettings, host: Host, share: SharedPending | None = None) -> None:
        self._relay = relay
        self._host = host
        self.share = share
        self._pending: dict[str, _Pending] = {}
        self._later_tasks: set[asyncio.Future[None]] = set()
        self.settled = 0
        self.taken_over = 0  # pending responses another replica gave up, followed here
        self.dropped = 0  # recorded at once, on what was known: too many pending

    def __len__(self) -> int:
        return len(self._pending)

    def stats(self) -> dict[str, int]:
        """For the `moat_background_responses` gauge."""
        return {"pending": len(self._pending), "settled": self.settled, "taken_over": self.taken_over,
                "dropped": self.dropped, "redis_errors": self.share.errors if self.share is not None else 0}

    def is_pending(self, response_id: str) -> bool:
        return response_id in self._pending

    async def adopt(self, response_id: str, call: Call, upstream: UpstreamSettings, known: Usage,
                    t0: float) -> None:
        """Take over `call` (its record and its admission) until `response_id` is terminal. The
        call's admission is the settler's from now on: the pipeline no longer settles it. With
        Redis, it is shared before this returns (one round trip, bounded), so before the create's
        answer leaves: a replica killed right after it still loses nothing."""
        admission, call.admission = call.admission, None
        if response_id in self._pending:  # adopted twice (cannot happen: ids are the upstream's)
            if admission is not None:
                self._later(self._host.finish_admission(admission, Usage()))
            return
        relay = self._relay
        pending = _Pending(call, admission, upstream, known, t0, time.monotonic() + relay.background_lifetime)
        if len(self._pending) >= relay.background_max_pending:
            self.dropped += 1
            log.warning("background responses: %d pending, %s is recorded now on what is known",
                        len(self._pending), response_id, extra={"request_id": call.ctx.request_id})
            self._later(self._settle(response_id, pending, call.status, known))
            return
        self._follow_now(response_id, pending)
        if self.share is not None:
            item = self._host.build_item(call, known)
            blob = orjson.dumps({"traffic": item.traffic, "decision": item.decision, "upstream": call.upstream_name,
                                 "deadline": time.time() + relay.background_lifetime})
            await self.share.put(response_id, blob, relay.background_lifetime + relay.background_claim,
                                 relay.background_claim)

    def _follow_now(self, response_id: str, pending: _Pending) -> None:
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
        await self._settle(response_id, pending, final_status(obj), self._usage(obj, pending), str(obj["status"]))

    async def take_over(self) -> None:
        """Forever (with Redis): every quarter of `background_claim`, follow the pending responses
        whose replica stopped renewing its claim."""
        assert self.share is not None
        claim = self._relay.background_claim
        while True:
            await asyncio.sleep(claim / 4)
            try:
                for response_id, blob in await self.share.orphans(claim):
                    if response_id not in self._pending:
                        self._take(response_id, blob)
            except Exception:  # never let one bad look end the loop
                log.exception("background responses: taking over failed")

    def _take(self, response_id: str, blob: bytes) -> None:
        try:
            shared = orjson.loads(blob)
            upstream = self._host.upstream_settings(shared["upstream"])
            traffic = shared["traffic"]
            known = Usage(int(traffic["input_tokens"]), int(traffic["output_tokens"]), False)
            left = float(shared["deadline"]) - time.time()
        except Exception as exc:  # not ours to read: left to expire
            log.warning("background responses: cannot take over %s (%s)", response_id, type(exc).__name__)
            return
        if upstream is None:
            log.warning("background responses: %s names an upstream not configured here", response_id)
            return
        self.taken_over += 1
        log.info("background responses: taking over %s from a replica that left", response_id)
        t0 = time.perf_counter() - max(time.time() - float(traffic["ts"]), 0.0)
        self._follow_now(response_id, _Pending(None, None, upstream, known, t0, time.monotonic() + left,
                                               shared))

    async def aclose(self) -> None:
        """Stopping: pending responses are given up to another replica (Redis) or recorded with what
        is known (503); the reservations this replica holds are released on what is known."""
        if self._later_tasks:
            await asyncio.wait(set(self._later_tasks), timeout=5.0)
        while self._pending:
            response_id, pending = self._pending.popitem()
            if pending.task is not None:
                await cancel(pending.task)
            if self.share is not None:
                await self.share.give_up(response_id)
                if pending.admission is not None:
                    await self._host.finish_admission(pending.admission, pending.known)
                continue
            log.warning("background response %s not finished at stop: recorded on what is known", response_id)
            await self._settle(response_id, pending, STOPPED, pending.known)
        if self.share is not None:
            await self.share.aclose()

    async def _follow(self, response_id: str, pending: _Pending) -> None:
        """Poll the upstream until the response is terminal, or a bound is reached."""
        relay = self._relay
        wait = relay.background_first_poll
        errors = 0
        while True:
            await asyncio.sleep(min(wait, max(pending.deadline - time.monotonic(), 0.0)))
            wait = min(wait * 2, relay.background_max_poll)
            obj = await self._poll(response_id, pending.upstream)
            if obj is None:
                errors += 1
            else:
                errors = 0
                if obj.get("status") in TERMINAL:
                    await self.observe(response_id, obj)
                    return
            if errors >= relay.background_max_errors or time.monotonic() >= pending.deadline:
                if self._pending.pop(response_id, None) is None:
                    return  # settled meanwhile by a client read
                status = UPSTREAM_LOST if errors >= relay.background_max_errors else NEVER_FINISHED
                log.warning("background response %s given up (%s): recorded on what is known", response_id,
                            "upstream not answering" if status == UPSTREAM_LOST else "never finished")
                await self._settle(response_id, pending, status, pending.known)
                return
            if self.share is not None:
                await self.share.renew(response_id, relay.background_claim)

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

    async def _settle(self, response_id: str, pending: _Pending, status: int, usage: Usage,
                      background_status: str | None = None) -> None:
        """Record the response (once) and settle its admission. `background_status`: the upstream's
        terminal status, when it was seen (not when the response was given up on)."""
        first = True if self.share is None else await self.share.take(response_id)
        self.settled += 1
        call = pending.call
        extras = {"background_status": background_status} if background_status is not None else None
        try:
            if call is not None:
                call.status = status
                call.upstream_seconds = time.perf_counter() - pending.t0
                self._host.record_call(call, usage, extras=extras)
            elif first and pending.shared is not None:
                self._host.record_item(_patched(pending.shared, status, usage, time.time(), extras))
        except RecordingUnavailable:
            pass  # logged by record_call; the write-ahead log is what failed, nobody to tell
        finally:
            if pending.admission is not None:
                await self._host.finish_admission(pending.admission, usage)

    def _later(self, work: Awaitable[None]) -> None:
        task = asyncio.ensure_future(work)
        self._later_tasks.add(task)
        task.add_done_callback(self._later_tasks.discard)
        task.add_done_callback(_log_failure)


def _patched(shared: dict[str, Any], status: int, usage: Usage, now: float,
             extras: dict[str, Any] | None = None) -> RecordBatchItem:
    """A taken-over response's record, as its replica wrote it down at create, with its end."""
    traffic = dict(shared["traffic"])
    decision = dict(shared["decision"])
    took = round((now - float(traffic["ts"])) * 1e6) / 1000
    traffic.update(status=status, input_tokens=usage.input_tokens, output_tokens=usage.output_tokens,
                   cache_read_tokens=usage.cache_read_tokens, cache_write_tokens=usage.cache_write_tokens,
                   reasoning_tokens=usage.reasoning_tokens, usage_reported=usage.reported, latency_ms=took,
                   upstream_ms=took)
    decision["status"] = status
    if extras:
        traffic.update(extras)
        decision.update(extras)
    return RecordBatchItem(traffic=traffic, decision=decision)


def _log_failure(task: asyncio.Future[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("background responses: settlement failed", exc_info=task.exception())
