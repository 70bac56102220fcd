"""A background response's stream, resumed: `GET /v1/responses/{id}?stream=true&starting_after=N`.

The upstream streams the events after N as the generation goes on (for as long as it runs, up to
its background limit), so the stream is relayed as it comes, never read whole: each event through
the Responses stream meter, which redacts reasoning as it did for the original stream (the
response's redaction, remembered with its owner, or the caller's restriction now). Nothing is
metered or recorded here: the response is recorded once, by moat.gateway.background; a final event
seen here only settles it sooner. Timeouts are the upstream's own: `connect_timeout` to connect,
and the longer of `first_byte_timeout` and `idle_timeout` for every wait after (the response may
still be queued when the stream is resumed). A client that leaves is noticed at the next event
(its sends are dropped); the upstream read is then closed with the stream's end.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx
import orjson

from moat.config import UpstreamSettings
from moat.errors import MoatError, UpstreamError, UpstreamUnavailable
from moat.gateway.errors import error_body, stream_error_event
from moat.gateway.facts import CallFacts
from moat.gateway.http import JSON_HEADERS, SSE_HEADERS, Send, send_response
from moat.gateway.responses_api import StreamMeter
from moat.gateway.side_calls import auth_headers
from moat.gateway.sse import EventSplitter, event_fields
from moat.gateway.upstream_errors import refusal_from_upstream, upstream_failure

if TYPE_CHECKING:
    from moat.gateway.runtime import Runtime

FINAL_EVENTS = frozenset({b"response.completed", b"response.failed", b"response.incomplete"})


@dataclass(frozen=True, slots=True)
class Resume:
    """A resumed stream to relay: whose upstream, which response, the client's query, redacted or not."""

    upstream: UpstreamSettings
    response_id: str
    query: bytes
    redact: bool


def wants_stream(method: str, tail: str, query: bytes) -> bool:
    return method == "GET" and not tail and b"stream=true" in query


async def relay_resumed(rt: Runtime, resume: Resume, send: Send, request_id: str) -> None:
    upstream = resume.upstream
    url = f"{upstream.base_url.rstrip('/')}/responses/{resume.response_id}?{resume.query.decode('latin-1')}"
    headers = {**auth_headers(upstream), "accept": "text/event-stream"}
    # one read timeout for every wait (httpx has no other): the longer of the two
    timeout = httpx.Timeout(connect=upstream.connect_timeout,
                            read=max(upstream.first_byte_timeout, upstream.idle_timeout), write=10.0, pool=10.0)
    try:
        async with httpx.AsyncClient(timeout=timeout) as client, \
                client.stream("GET", url, headers=headers) as answer:
            if answer.status_code >= 400 or not answer.headers.get("content-type", "").startswith("text/event-stream"):
                raw = await answer.aread()
                await _whole(answer.status_code, raw, send)
                return
            await send({"type": "http.response.start", "status": 200, "headers": SSE_HEADERS})
            await _events(rt, resume, answer, send, request_id)
    except MoatError as refused:
        await _refuse(refused, send, request_id)
    except httpx.HTTPError as exc:
        await _refuse(UpstreamUnavailable(f"The upstream model is unavailable: {type(exc).__name__}"), send,
                      request_id)


async def _refuse(error: MoatError, send: Send, request_id: str) -> None:
    await send_response(send, error.status, orjson.dumps(error_body("openai", error, request_id)), JSON_HEADERS)


async def _whole(status: int, raw: bytes, send: Send) -> None:
    """Not a stream (the upstream refused, or answered JSON): passed on as the other reads are."""
    if status >= 400:
        passthrough = refusal_from_upstream("openai", status, raw)
        if passthrough is None:
            raise upstream_failure(status)
        raw = passthrough
    await send_response(send, status, raw, JSON_HEADERS)


async def _events(rt: Runtime, resume: Resume, answer: httpx.Response, send: Send, request_id: str) -> None:
    """Relay the events as they come, redacted; settle the response on its final event."""
    meter = StreamMeter(CallFacts(model=""), resume.redact)
    splitter = EventSplitter()
    tail = b""
    try:
        async for chunk in answer.aiter_raw():
            events = splitter.feed(chunk)
            out = [e for e in map(meter.event, events) if e is not None]
            if out:
                await send({"type": "http.response.body", "body": b"".join(out), "more_body": True})
            if meter.finished and rt.background.is_pending(resume.response_id):
                await rt.background.observe(resume.response_id, _final_response(events))
        tail = splitter.rest()
    except httpx.HTTPError as exc:
        tail = stream_error_event("openai", UpstreamError(f"The upstream stream failed: {type(exc).__name__}"),
                                  request_id)
    await send({"type": "http.response.body", "body": tail, "more_body": False})


def _final_response(events: list[bytes]) -> object:
    """The response a final event carries (None when none of `events` is one)."""
    for event in reversed(events):
        name, data = event_fields(event)
        if name in FINAL_EVENTS and data is not None:
            try:
                final = orjson.loads(data)
            except orjson.JSONDecodeError:
                return None
            return final.get("response") if isinstance(final, dict) else None
    return None
