"""A background response's stream, resumed: `GET /v1/responses/{id}?stream=true&starting_after=N`.

The upstream streams the events after N as the generation goes on (for as long as it runs, up to
its background limit), so the stream is relayed as it comes, never read whole: each event through
the Responses stream meter, which redacts reasoning as it did for the original stream (the
response's redaction, remembered with its owner, or the caller's restriction now). Nothing is
metered or recorded here: the response is recorded once, by moat.gateway.background; a final event
seen here only settles it sooner. Headers pass as for the other reads of a stored response (the
client's to the upstream, the upstream's back, Moat's ids added: moat.gateway.responses_state), and
the access decision is logged once the upstream has answered, before the answer starts. Timeouts
are the upstream's own: `connect_timeout` to connect, and the longer of `first_byte_timeout` and
`idle_timeout` for every wait after (the response may still be queued when the stream is resumed).
A client that leaves is noticed at the next event (its sends are dropped); the upstream read is
then closed with the stream's end.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx
import orjson

from moat.config import UpstreamSettings
from moat.errors import MoatError, UpstreamError, UpstreamUnavailable
from moat.gateway.errors import stream_error_event
from moat.gateway.facts import CallFacts
from moat.gateway.http import JSON_HEADERS, SSE_HEADERS, Headers, Send, send_response
from moat.gateway.responses_api import StreamMeter
from moat.gateway.side_calls import client_call_headers, side_client, upstream_headers
from moat.gateway.sse import EventSplitter, event_fields
from moat.gateway.stored_access import StoredAccess, refuse
from moat.gateway.upstream_errors import refusal_from_upstream, upstream_failure

if TYPE_CHECKING:
    from moat.gateway.runtime import Runtime

FINAL_EVENTS = frozenset({b"response.completed", b"response.failed", b"response.incomplete"})


@dataclass(frozen=True, slots=True)
class Resume:
    """A resumed stream to relay: whose upstream, which response, the client's query, redacted or
    not, and the client's headers that pass to the upstream."""

    upstream: UpstreamSettings
    response_id: str
    query: bytes
    redact: bool
    forwarded: Headers


def wants_stream(method: str, tail: str, query: bytes) -> bool:
    return method == "GET" and not tail and b"stream=true" in query


async def relay_resumed(rt: Runtime, resume: Resume, send: Send, access: StoredAccess) -> None:
    upstream = resume.upstream
    url = f"{upstream.base_url.rstrip('/')}/responses/{resume.response_id}?{resume.query.decode('latin-1')}"
    headers = client_call_headers(upstream, resume.forwarded)
    if not any(name == b"accept" for name, _ in resume.forwarded):
        headers = [(n, b"text/event-stream" if n == b"accept" else v) for n, v in headers]
    # one read timeout for every wait (httpx has no other): the longer of the two
    timeout = httpx.Timeout(connect=upstream.connect_timeout,
                            read=max(upstream.first_byte_timeout, upstream.idle_timeout), write=10.0, pool=10.0)
    try:
        async with side_client(timeout) as client, \
                client.stream("GET", url, headers=headers) as answer:
            relayed = upstream_headers(answer)
            if answer.status_code >= 400 or not answer.headers.get("content-type", "").startswith("text/event-stream"):
                raw = await answer.aread()
                await _whole(rt, access, answer.status_code, raw, relayed, send)
                return
            rt.stored_access.log(access, 200, rt.clock())
            await send({"type": "http.response.start", "status": 200,
                        "headers": rt.forwarding.response_headers(relayed, access.headers(), SSE_HEADERS)})
            await _events(rt, resume, answer, send, access.request_id)
    except MoatError as refused:
        await refuse(rt.stored_access, access, refused, send, rt.clock())
    except httpx.HTTPError as exc:
        unavailable = UpstreamUnavailable(f"The upstream model is unavailable: {type(exc).__name__}")
        await refuse(rt.stored_access, access, unavailable, send, rt.clock())


async def _whole(rt: Runtime, access: StoredAccess, status: int, raw: bytes, relayed: Headers, send: Send) -> None:
    """Not a stream (the upstream refused, or answered JSON): passed on as the other reads are."""
    if status >= 400:
        passthrough = refusal_from_upstream("openai", status, raw)
        if passthrough is None:
            raise upstream_failure(status)
        raw = passthrough
    rt.stored_access.log(access, status, rt.clock())
    await send_response(send, status, raw, rt.forwarding.response_headers(relayed, access.headers(), JSON_HEADERS))


async def _events(rt: Runtime, resume: Resume, answer: httpx.Response, send: Send, request_id: str) -> None:
    """Relay the events as they come, redacted; settle the response on its final event."""
    meter = StreamMeter(CallFacts(model=""), resume.redact)
    splitter = EventSplitter()
    tail = b""
    try:
        async for chunk in answer.aiter_bytes():  # decoded: its Content-Encoding is not passed on
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
