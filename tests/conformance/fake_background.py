"""The fake upstream's stored responses, and OpenAI's background mode (`background: true`).

What it emulates (OpenAI "Background mode" guide; openai-python `resources/responses/responses.py`
`retrieve`/`cancel`, `types/responses/response_status.py`, `response_queued_event.py`):

- `POST /v1/responses` with `background: true` answers at once with the response `queued`; the work then
  goes on by itself, whether anyone polls or streams or not: `queued` → `in_progress` → `completed`.
- `GET /v1/responses/{id}` answers its state now; a terminal one carries `usage`.
- `background` + `stream` streams events with `sequence_number` (`response.created` and
  `response.queued` while queued); `GET /v1/responses/{id}?stream=true&starting_after=N` streams again
  from event N + 1, each event when it is due (at once if it is past).
- `POST /v1/responses/{id}/cancel`: a queued or in-progress background response becomes `cancelled`;
  cancelling again (or a response already terminal) answers the response as it is; a response that was
  not created in the background cannot be cancelled (400, OpenAI's error shape).
- An unknown id is 404 `invalid_request_error` ("Response with id '…' not found.").

Every response runs on one timeline from its creation: its stream events fall due at fixed offsets
(queued events at once, `response.in_progress` after QUEUED_FOR, the rest evenly until DONE_AFTER;
models ending in `-slow-background` take SLOW_DONE_AFTER, long enough to cancel them surely), and its
state at any moment is the `response` of the last lifecycle event due by then. The objects are those of
`responses_plan`, a function of the request alone, so the run direct and the run through Moat see equal
objects. Responses are kept per upstream credential: the two runs make the same ids (a client talking
directly sends its own key, Moat sends the configured upstream key), and must not see each other's.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

QUEUED_FOR = 0.2
DONE_AFTER = 1.0
SLOW_DONE_AFTER = 60.0


@dataclass
class ResponsePlan:
    """One Responses API answer: the final `response` object and the full list of stream events
    (dicts with `type` and `sequence_number`); `broke` when the stream ends in an `error` event."""

    response: dict[str, Any]
    events: list[dict[str, Any]]
    broke: bool = False


@dataclass
class Answer:
    """What the fake sends: a JSON body, or (`events` not None) an SSE stream of bytes and pauses."""

    status: int
    body: Any
    headers: list[tuple[str, str]]
    events: list[bytes | float] | None = None


def sse(event: dict[str, Any]) -> bytes:
    return f"event: {event['type']}\ndata: {json.dumps(event, separators=(',', ':'))}\n\n".encode()


def error(status: int, message: str, headers: list[tuple[str, str]], code: str | None = None) -> Answer:
    return Answer(status, {"error": {"message": message, "type": "invalid_request_error", "param": None,
                                     "code": code}}, headers)


@dataclass
class Kept:
    """One stored response and its timeline (`due[i]`: seconds after `started` when event i happens)."""

    plan: ResponsePlan
    headers: list[tuple[str, str]]
    started: float
    due: list[float]
    cancelled: dict[str, Any] | None = None
    cancelled_at: float | None = None

    @property
    def background(self) -> bool:
        return bool(self.plan.response.get("background"))

    def state(self, now: float) -> dict[str, Any]:
        if self.cancelled is not None:
            return self.cancelled
        if not self.background:
            return self.plan.response
        current = self.plan.events[0]["response"]
        for event, at in zip(self.plan.events, self.due, strict=True):
            if self.started + at > now:
                break
            if "response" in event:
                current = event["response"]
        return dict(current)

    def cancel(self, now: float) -> dict[str, Any]:
        """Cancelled mid-way: no output kept; usage is the whole input and the reasoning already done."""
        usage = self.plan.response["usage"]
        reasoning = usage["output_tokens_details"]["reasoning_tokens"]
        self.cancelled = {**self.state(now), "status": "cancelled",
                          "usage": {**usage, "output_tokens": reasoning,
                                    "total_tokens": usage["input_tokens"] + reasoning}}
        self.cancelled_at = now
        return self.cancelled

    def stream(self, after: int, now: float) -> list[bytes | float]:
        """Events after sequence number `after`, each when it falls due (not past a cancellation)."""
        out: list[bytes | float] = []
        cursor = now
        for event, at in zip(self.plan.events, self.due, strict=True):
            if event["sequence_number"] <= after:
                continue
            when = self.started + at
            if self.cancelled_at is not None and when > self.cancelled_at:
                break
            if when > cursor:
                out.append(when - cursor)
                cursor = when
            out.append(sse(event))
        return out


def timeline(plan: ResponsePlan, done_after: float) -> list[float]:
    """Offsets of the events: queued ones at once, in_progress at QUEUED_FOR, the rest evenly to done_after."""
    types = [event["type"] for event in plan.events]
    start = types.index("response.in_progress") if "response.in_progress" in types else 0
    rest = len(types) - start - 1
    step = (done_after - QUEUED_FOR) / max(rest, 1)
    return [0.0 if i < start else QUEUED_FOR + (i - start) * step for i in range(len(types))]


class Background:
    """The stored responses of the fake upstream, per upstream credential and id."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str], Kept] = {}

    def keep(self, credential: str, plan: ResponsePlan, headers: list[tuple[str, str]], *, slow: bool) -> None:
        due = timeline(plan, SLOW_DONE_AFTER if slow else DONE_AFTER)
        self._kept[(credential, plan.response["id"])] = Kept(plan, headers, time.monotonic(), due)

    def stream(self, credential: str, response_id: str, after: int) -> list[bytes | float]:
        return self._kept[(credential, response_id)].stream(after, time.monotonic())

    def answer(self, credential: str, method: str, response_id: str, rest: list[str], query: str) -> Answer:
        kept = self._kept.get((credential, response_id))
        now = time.monotonic()
        if kept is None:
            return error(404, f"Response with id '{response_id}' not found.", [])
        headers = kept.headers
        if method == "GET" and not rest:
            params = {k: v[-1] for k, v in parse_qs(query).items()}
            if params.get("stream") == "true":
                if not kept.background:
                    return error(400, "This response was not created with background=true and cannot be "
                                      "streamed.", headers)
                return Answer(200, None, headers, kept.stream(int(params.get("starting_after", "-1")), now))
            return Answer(200, kept.state(now), headers)
        if method == "POST" and rest == ["cancel"]:
            if not kept.background:
                return error(400, "Only responses created with background=true can be cancelled.", headers)
            state = kept.state(now)
            if state["status"] in ("queued", "in_progress"):
                return Answer(200, kept.cancel(now), headers)
            return Answer(200, state, headers)
        if method == "DELETE" and not rest:
            del self._kept[(credential, response_id)]
            return Answer(200, {"id": response_id, "object": "response.deleted", "deleted": True}, headers)
        return error(404, f"Unknown request URL: {method} /v1/responses/{response_id}/{'/'.join(rest)}", [],
                     code="unknown_url")
