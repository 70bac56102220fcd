"""One model call through the spine (`_spine` reads as it):

    authenticate → caller, attribute → attribution, resolve → entity, decide → decision,
    admit → admission, relay → usage, record → record

Each stage is a call on a collaborator held by `Runtime`; this module only sequences them, turns
refusals into the API's error, and makes sure every request — allowed, refused or failed — is
recorded exactly once, before its response completes (see moat.audit.recorder for why that
survives kill -9). The one exception is a background Responses call whose answer is still running
when it leaves: it is recorded, and its admission settled, when the response ends
(moat.gateway.background, which shares it through Redis when configured).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import orjson

from moat.context import Decision, RequestContext
from moat.errors import (
    AuthenticationFailed,
    ClientClosedRequest,
    MoatError,
    PermissionDenied,
    RateLimited,
    RecordingUnavailable,
    RequestTimeout,
    UpstreamError,
)
from moat.gateway.background import still_running
from moat.gateway.content_encoding import decode_body
from moat.gateway.endpoints import Endpoint
from moat.gateway.errors import error_body, error_headers, stream_error_event
from moat.gateway.facts import CallFacts, conversation_id
from moat.gateway.http import (
    JSON_HEADERS,
    SSE_HEADERS,
    ClientDisconnected,
    Headers,
    Receive,
    Scope,
    Send,
    parse_json_object,
    read_body,
    request_headers,
    send_response,
    unique_headers,
)
from moat.gateway.passthrough import WHOLE_BELOW, UsageTail, read_head
from moat.gateway.record import NO_USAGE
from moat.gateway.response_owners import StoredResponse
from moat.gateway.runtime import LimitRefused
from moat.gateway.sse import EventSplitter
from moat.gateway.upstream_errors import refusal_from_upstream, upstream_failure
from moat.identity.directory import AccountRefused
from moat.ids import new_id
from moat.limits.base import Admission, Usage
from moat.limits.headers import rate_limit_header_fields
from moat.store.base import RecordBatchItem

if TYPE_CHECKING:
    from moat.gateway.runtime import Runtime
    from moat.gateway.upstreams import Route

log = logging.getLogger("moat.gateway")

CLIENT_CLOSED = 499  # nginx's convention for "client closed the request"


def api_key_of(headers: dict[bytes, bytes]) -> str:
    auth = headers.get(b"authorization")
    if auth is not None:
        scheme, _, token = auth.decode("latin-1").partition(" ")
        if scheme.lower() == "bearer" and token.strip():
            return token.strip()
    key = headers.get(b"x-api-key")
    if key:
        return key.decode("latin-1").strip()
    raise AuthenticationFailed(
        "No API key provided. Send it as 'Authorization: Bearer <key>' or in the 'x-api-key' header.",
        code="missing_api_key")


class Call:
    """The state of one model call as it moves through the stages."""

    __slots__ = ("admission", "ctx", "decision", "endpoint", "facts", "headers", "own", "prepared", "query",
                 "redacted", "rt", "status", "upstream_name", "upstream_seconds")

    def __init__(self, rt: Runtime, endpoint: Endpoint, scope: Scope) -> None:
        self.rt = rt
        self.endpoint = endpoint
        self.headers: dict[bytes, bytes] = {}  # the headers the pipeline reads, each once (read_headers)
        self.query: bytes = scope.get("query_string") or b""  # passed to the upstream as it came
        client = scope.get("client")
        self.ctx = RequestContext(
            request_id=new_id("req"), started=rt.clock(), endpoint=endpoint.path, api=endpoint.api,
            client_ip=client[0] if client else None)
        self.facts: CallFacts | None = None
        self.decision: Decision | None = None
        self.admission: Admission | None = None
        self.status = 200
        self.redacted = False
        self.upstream_name = ""
        self.upstream_seconds = 0.0
        self.prepared: RecordBatchItem | None = None  # its record before the answer (prepare)
        self.own: Headers | None = None  # own_headers(), once decided and admitted (prepare)

    @property
    def background(self) -> bool:
        """A background Responses call (`background: true`): its answer may outlive the request."""
        return bool(self.facts is not None and self.facts.extra and "background" in self.facts.extra)

    def prepare(self) -> None:
        """What the answer's way back needs and the answer does not change, made while the upstream
        works on the call (scheduled before the upstream request, it runs when the relay first waits;
        issue 12, latency): the record as far as it is known, Moat's own response headers. Skipped
        if it comes too late; whatever it did not make is made when needed."""
        if self.status == 200 and self.decision is not None:
            self.own = self.own_headers()
            self.prepared = self.rt.prepare_record(self)

    def response_headers(self) -> Headers:
        """Moat's headers for an answer of its own (a refusal): its ids under every name."""
        return [*self.id_headers(), *self.own_headers()]

    def id_headers(self) -> Headers:
        """The request id under the names SDKs read; a relayed answer keeps the upstream's own."""
        rid = self.ctx.request_id.encode()
        return [(b"x-request-id", rid), (b"request-id", rid)]

    def relayed_headers(self, upstream: list[tuple[bytes, bytes]], defaults: Headers) -> Headers:
        """A relayed answer's headers: the upstream's that pass (moat.gateway.forwarding), Moat's own
        (replacing any of the same name), then `defaults` and the ids where the upstream set none."""
        own = self.own if self.own is not None else self.own_headers()
        return self.rt.forwarding.response_headers(upstream, own, [*defaults, *self.id_headers()])

    def own_headers(self) -> Headers:
        """Headers under Moat's own names, each once: request and decision ids, warnings, its limits."""
        headers: Headers = [(b"moat-request-id", self.ctx.request_id.encode())]
        if self.decision is not None:
            headers.append((b"moat-decision-id", self.decision.decision_id.encode()))
            for warning in self.decision.warnings:
                headers.append((b"moat-warning", warning.encode()))
        if self.admission is not None:
            headers += rate_limit_header_fields(self.admission)
        return headers

    def read_headers(self, scope: Scope) -> None:
        """Read the request's headers once, by one rule (moat.gateway.http.request_headers)."""
        self.headers = request_headers(scope)
        ua = self.headers.get(b"user-agent")
        if ua is not None:
            self.ctx.user_agent = ua.decode("utf-8")


def refused_early(scope: Scope) -> MoatError | None:
    """A refusal decided before the app (the HTTP guard: headers too large, too slow...)."""
    extensions = scope.get("extensions")
    return extensions.get("moat.refusal") if extensions else None


async def handle_call(rt: Runtime, endpoint: Endpoint, scope: Scope, receive: Receive, send: Send,
                      refusal: MoatError | None = None) -> None:
    """One model call. `refusal`: the request was refused before it reached us (bad method, the HTTP
    guard); it is recorded and answered like any other refusal."""
    call = Call(rt, endpoint, scope)
    ctx = call.ctx
    try:
        if refusal is not None:
            raise refusal
        await _spine(call, scope, receive, send)
    except MoatError as error:
        if isinstance(error, AccountRefused):  # a genuine key whose account may not call: record whose
            ctx.key, ctx.account, ctx.org = error.authenticated
        await _refuse(call, error, send)
    except ClientDisconnected:
        # Gone before its request was whole: recorded like any refusal (own status, decision id), unanswered.
        call.status = CLIENT_CLOSED
        if call.decision is None:
            call.decision = rt.refusal_decision(
                ClientClosedRequest("The client closed the connection before its request was complete"))
        with contextlib.suppress(RecordingUnavailable):  # logged by record_call; nobody left to tell
            _record(call)
    except Exception:
        log.exception("unhandled error", extra={"request_id": ctx.request_id})
        await _refuse(call, UpstreamError("The gateway failed to process the request"), send)


async def _spine(call: Call, scope: Scope, receive: Receive, send: Send) -> None:
    """The stages in order, each a function with a typed output; a refusal is raised as the error
    to answer with (handle_call records and answers it). The record stage runs inside the relay,
    because an answer may not complete before its record is written (moat.audit.recorder)."""
    rt, ctx = call.rt, call.ctx
    call.read_headers(scope)
    ctx.key, ctx.account, ctx.org = await rt.directory.authenticate(api_key_of(call.headers))  # → caller
    body, payload, facts = await _read_request(call, scope, receive)
    route = rt.router.route(facts.model, call.endpoint.api)
    attribution = await rt.attribute(ctx, call.headers, payload)  # → attribution
    ctx.entity = rt.resolve(ctx, attribution)  # → entity
    decision = call.decision = rt.decide(ctx)  # → decision (recorded, refusal or not)
    _check_permitted(decision, facts)
    try:
        call.admission = await rt.admit(ctx, decision)  # → admission
    except LimitRefused as refused:
        call.decision = refused.decision
        raise refused.error from None
    usage = NO_USAGE  # what settles the admission when the relay fails before it metered anything
    try:
        usage = await _relay(call, route, body, payload, facts, scope, receive, send)  # → usage, recorded
    finally:
        if call.admission is not None and not rt.settle_now(call.admission, usage):
            await rt.settle(call.admission, usage)


async def _read_request(call: Call, scope: Scope, receive: Receive) -> tuple[bytes, dict[str, Any], CallFacts]:
    """The request's body, its JSON object and the facts the endpoint reads from it, into the context."""
    rt, ctx = call.rt, call.ctx
    max_bytes = rt.settings.server.max_body_bytes
    length = call.headers.get(b"content-length")
    body = await read_body(receive, max_bytes, length.decode() if length is not None else None, scope)
    encoding = call.headers.get(b"content-encoding")
    if encoding is not None:
        body = decode_body(body, encoding, max_bytes)
    payload = parse_json_object(body)
    facts = call.facts = call.endpoint.parse(payload)
    _fill_context(ctx, facts)
    if facts.extra:  # it names an earlier answer: the Responses API's previous_response_id
        await rt.response_owners.check_continuation(ctx, facts)
    return body, payload, facts


def _check_permitted(decision: Decision, facts: CallFacts) -> None:
    """Raise the decision's refusal unless it lets this call (and its model) through."""
    if not decision.allowed:
        raise _refusal(decision)
    if decision.allowed_models is not None and facts.model not in decision.allowed_models:
        raise PermissionDenied(f"The model '{facts.model}' is not available to this account; "
                               f"allowed: {', '.join(decision.allowed_models)}", code="model_not_allowed")


async def _relay(call: Call, route: Route, body: bytes, payload: dict[str, Any], facts: CallFacts, scope: Scope,
                 receive: Receive, send: Send) -> Usage:
    """The relay stage: the upstream's answer to the client, metered; returns what the call used."""
    endpoint = call.endpoint
    assert call.decision is not None
    upstream_body = endpoint.upstream_body(payload, body, facts, upstream_model=route.upstream_model,
                                           max_tokens_cap=call.decision.max_tokens_cap)
    call.upstream_name = route.upstream.name
    forward = call.rt.forwarding.request_headers(scope["headers"])
    (call.rt.loop or asyncio.get_running_loop()).call_soon(call.prepare)  # runs while the upstream works
    if facts.stream and endpoint.stream_meter is not None:
        return await _relay_stream(call, route.upstream, upstream_body, forward, receive, send)
    return await _relay_whole(call, route.upstream, upstream_body, forward, receive, send)


def _fill_context(ctx: RequestContext, facts: CallFacts) -> None:
    ctx.model = facts.model
    ctx.stream = facts.stream
    ctx.reasoning = facts.reasoning
    ctx.max_tokens = facts.max_tokens
    ctx.input_tokens_estimate = facts.input_tokens
    ctx.input_tokens_uncacheable = facts.uncacheable_tokens
    ctx.system = facts.system
    ctx.prompt = facts.prompt
    ctx.turn = facts.turn
    if ctx.account is not None:
        ctx.conversation_id = conversation_id(ctx.account.account_id, facts)


def _refusal(decision: Decision) -> MoatError:
    if decision.effect == "throttle" or decision.retry_after is not None:
        return RateLimited(decision.message, retry_after=decision.retry_after or 1.0,
                           code=decision.reason_code, decision_id=decision.decision_id)
    return PermissionDenied(decision.message, code=decision.reason_code, decision_id=decision.decision_id)


async def _refuse(call: Call, error: MoatError, send: Send) -> None:
    call.status = error.status
    if call.decision is None:
        # Refusals before decide (bad key, bad body) still get a decision id to appeal or trace.
        call.decision = call.rt.refusal_decision(error)
    if not isinstance(error, RecordingUnavailable):
        try:
            _record(call)
        except RecordingUnavailable as failure:
            error = failure
            call.status = error.status
    if error.decision_id is None:
        error.decision_id = call.decision.decision_id
    if error.status >= 500:
        log.warning("upstream trouble: %s", error.message,
                    extra={"request_id": call.ctx.request_id, "status": error.status})
    else:
        log.info("refused: %s", error.message,
                 extra={"request_id": call.ctx.request_id, "status": error.status,
                        "reason_code": error.code or error.type})
    body = orjson.dumps(error_body(call.endpoint.api, error, call.ctx.request_id))
    headers = [*JSON_HEADERS, *call.response_headers(), *error_headers(error)]
    if isinstance(error, RequestTimeout) or error.status == 431:
        headers.append((b"connection", b"close"))  # what is left of this request is not worth reading
    await send_response(send, error.status, body, unique_headers(headers))


async def _send_upstream(call: Call, upstream: Any, body: bytes, forward: Headers, stream: bool, t0: float,
                         send: Send) -> Any:
    """Send the call upstream: its response, or None when the upstream refused it (an error status),
    which has then been answered to the client in the API's own shape and recorded."""
    response = await upstream.send(call.endpoint.api, call.endpoint.upstream_path, body, stream=stream,
                                   headers=forward, query=call.query)
    if response.status < 400:
        return response
    raw = await response.read()
    call.upstream_seconds = time.perf_counter() - t0
    await _upstream_refused(call, response.status, raw, response.retry_after, send, response.headers)
    return None


async def _relay_whole(call: Call, upstream: Any, body: bytes, forward: Headers, receive: Receive,
                       send: Send) -> Usage:
    """The relay stage for an answer sent whole (or passed through): returns what the call used,
    recorded with it before the answer completes."""
    assert call.facts is not None and call.decision is not None
    t0 = time.perf_counter()
    response = await _send_upstream(call, upstream, body, forward, False, t0, send)
    if response is None:
        return NO_USAGE
    length = getattr(response, "content_length", None)
    if length is not None and length <= WHOLE_BELOW:  # the common case, said up front: read it whole
        raw = await response.read()
    else:
        chunks = response.chunks()
        try:
            head, whole = await read_head(chunks)
        except BaseException:
            response.close()
            raise
        if not whole and not (call.decision.redact_reasoning and call.endpoint.redact is not None):
            return await _pass_through(call, response, head, chunks, t0, receive, send)
        try:
            async for chunk in chunks:  # a body to rewrite is read whole: parsing needs it
                head.append(chunk)
        finally:
            response.close()
        raw = head[0] if len(head) == 1 else b"".join(head)
    call.upstream_seconds = time.perf_counter() - t0
    try:
        obj = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise UpstreamError("The upstream model sent a response that is not JSON") from exc
    usage = call.endpoint.usage_of(obj, call.facts)
    if call.decision.redact_reasoning and call.endpoint.redact is not None and call.endpoint.redact(obj):
        call.redacted = True
        raw = orjson.dumps(obj)
    call.status = response.status
    if call.background and still_running(obj):
        headers = call.relayed_headers(response.headers, JSON_HEADERS)  # its rate limits: before the hand-over
        await _hand_over(call, upstream, obj["id"], Usage(call.facts.input_tokens, 0, False), t0)
        await send_response(send, response.status, raw, headers)
        return usage  # recorded and settled when it ends (moat.gateway.background)
    _record(call, usage)
    await send_response(send, response.status, raw, call.relayed_headers(response.headers, JSON_HEADERS))
    return usage


async def _hand_over(call: Call, upstream: Any, response_id: str, known: Usage, t0: float) -> None:
    """A background response not finished yet: whose it is, remembered now (the client polls it
    before it is recorded), and its record and admission to the settler."""
    _remember_owner(call, response_id)
    await call.rt.background.adopt(response_id, call, upstream.settings, known, t0)


def _remember_owner(call: Call, response_id: str) -> None:
    if call.ctx.account is not None:
        call.rt.response_owners.remember(response_id, StoredResponse(
            call.ctx.account.account_id, call.upstream_name,
            call.decision is not None and call.decision.redact_reasoning))


class ClientWatch:
    """Watches for the client hanging up while an answer goes out: then the upstream response is
    closed (dropping its connection cancels the generation) and `gone` says so."""

    __slots__ = ("_response", "_task", "gone")

    def __init__(self, receive: Receive, response: Any) -> None:
        self.gone = False
        self._response = response
        self._task = asyncio.ensure_future(receive())
        self._task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[Any]) -> None:
        if not task.cancelled() and task.exception() is None and task.result()["type"] == "http.disconnect":
            self.gone = True
            self._response.close()

    def stop(self) -> None:
        self._task.remove_done_callback(self._done)
        if not self._task.done():
            self._task.cancel()


async def _pass_through(call: Call, response: Any, head: list[bytes], chunks: AsyncIterator[bytes], t0: float,
                        receive: Receive, send: Send) -> Usage:
    """A large non-streamed answer, passed on as it arrives (moat.gateway.passthrough); metered from
    the `usage` at its end. Failing half-way, the client's connection is cut rather than the
    answer ended as if whole: a client must never take half a JSON body for an answer. A client
    that leaves stops the upstream read (the server drops what is sent to a closed connection)."""
    assert call.facts is not None
    tail = UsageTail()
    client = ClientWatch(receive, response)
    await send({"type": "http.response.start", "status": response.status,
                "headers": call.relayed_headers(response.headers, JSON_HEADERS)})
    error: MoatError | None = None
    try:
        for chunk in head:  # piece by piece: joining them would copy a megabyte for nothing
            tail.feed(chunk)
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
        head.clear()
        async for chunk in chunks:
            tail.feed(chunk)
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
    except MoatError as exc:
        error = exc
    finally:
        client.stop()
        response.close()
    call.upstream_seconds = time.perf_counter() - t0
    reported = tail.usage()
    usage = call.endpoint.usage_of({"usage": reported} if reported is not None else {}, call.facts)
    call.status = CLIENT_CLOSED if client.gone else response.status if error is None else error.status
    if client.gone:
        with contextlib.suppress(RecordingUnavailable):  # logged by record_call; nobody left to tell
            _record(call, usage)
        return usage
    _record(call, usage)
    if error is not None:
        log.warning("a passed-through answer failed half-way: %s", error.message,
                    extra={"request_id": call.ctx.request_id, "status": error.status})
        return usage  # no final message: the server closes the connection, the client sees a broken body
    await send({"type": "http.response.body", "body": b"", "more_body": False})
    return usage


async def _upstream_refused(call: Call, status: int, raw: bytes, retry_after: str | None, send: Send,
                            upstream_headers: list[tuple[bytes, bytes]] | None = None) -> None:
    """An upstream error answer: in the API's shape it passes through, else ours with its status."""
    passthrough = refusal_from_upstream(call.endpoint.api, status, raw)
    if passthrough is None:
        error = upstream_failure(status)
        if retry_after:
            error.headers["retry-after"] = retry_after
        await _refuse(call, error, send)
        return
    call.status = status
    _record(call)
    if upstream_headers is not None:  # the upstream's own headers (its request id, rate limits) pass too
        await send_response(send, status, passthrough, call.relayed_headers(upstream_headers, JSON_HEADERS))
        return
    headers = [*JSON_HEADERS, *call.response_headers()]
    if retry_after:
        headers.append((b"retry-after", retry_after.encode()))
    await send_response(send, status, passthrough, unique_headers(headers))


async def _relay_stream(call: Call, upstream: Any, body: bytes, forward: Headers,
                        receive: Receive, send: Send) -> Usage:
    """The relay stage for a streamed answer, metered event by event: returns what the call used,
    recorded with it before the stream's last message."""
    assert call.facts is not None and call.decision is not None and call.endpoint.stream_meter is not None
    t0 = time.perf_counter()
    response = await _send_upstream(call, upstream, body, forward, True, t0, send)
    if response is None:
        return NO_USAGE
    meter = call.endpoint.stream_meter(call.facts, call.decision.redact_reasoning)
    splitter = EventSplitter()
    client = ClientWatch(receive, response)
    await send({"type": "http.response.start", "status": 200,
                "headers": call.relayed_headers(response.headers, SSE_HEADERS)})
    error: MoatError | None = None
    # A background stream's owner is remembered as soon as its id is seen: the client may resume it
    # from another connection before this one ends (moat.gateway.background).
    unowned = call.background
    # The events of the upstream's last piece, when its body had ended with them: nothing can follow, so
    # they leave with the stream's end (after the record), in one write instead of two (issue 12 speed).
    held = b""
    try:
        async for chunk in response.chunks():
            out = [e for e in map(meter.event, splitter.feed(chunk)) if e is not None]
            if unowned and meter.response_id is not None:
                unowned = False
                _remember_owner(call, meter.response_id)
            if out and not client.gone:
                if getattr(response, "complete", False):
                    held += b"".join(out)
                else:
                    await send({"type": "http.response.body", "body": b"".join(out), "more_body": True})
            if client.gone:
                break
        if not client.gone and splitter.rest().strip():
            error = UpstreamError("The upstream model's stream ended in the middle of an event")
    except MoatError as exc:
        error = exc
    except Exception as exc:  # a closed response after a disconnect surfaces as a client error
        if not client.gone:
            log.exception("stream relay failed", extra={"request_id": call.ctx.request_id})
            error = UpstreamError(f"The stream failed: {exc}")
    finally:
        client.stop()
        response.close()
    call.upstream_seconds = time.perf_counter() - t0
    usage = meter.final_usage()
    call.redacted = meter.redacted
    if meter.failed_status is not None:  # the upstream's own error event, relayed as it came (issue 12 item 5)
        call.status = meter.failed_status
    background = call.background and not meter.finished and meter.response_id is not None
    if background:  # cut before its end, but still generated upstream: metered when it ends
        assert meter.response_id is not None
        await _hand_over(call, upstream, meter.response_id, usage, t0)
    if client.gone:
        call.status = CLIENT_CLOSED
        if not background:
            with contextlib.suppress(RecordingUnavailable):  # logged by record_call; nobody left to tell
                _record(call, usage)
        return usage
    if error is not None:
        call.status = error.status
        log.warning("stream ended by upstream error: %s", error.message,
                    extra={"request_id": call.ctx.request_id, "status": error.status})
    try:
        if not background:
            _record(call, usage)
    except RecordingUnavailable as failure:
        error = failure
    tail = stream_error_event(call.endpoint.api, error, call.ctx.request_id) if error is not None else b""
    await send({"type": "http.response.body", "body": held + tail, "more_body": False})
    return usage


def _record(call: Call, usage: Usage = NO_USAGE) -> None:
    """The record stage, with what the relay returned (nothing, for a refusal)."""
    prepared, call.prepared = call.prepared, None
    call.rt.record_call(call, usage, prepared)
