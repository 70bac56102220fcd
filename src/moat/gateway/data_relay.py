"""One request on a data route (docs/data-apis.md, issue 15 items 1-3):

    authenticate → attribute → resolve → decide → limits → relay item by item → meter → record

The stages are the model calls' own (Runtime.directory / attribute / resolve / decide / admit,
the header rules of moat.gateway.forwarding, the recorder); what differs is the relay: the
request and the response pass unchanged (method, path, query, headers, body; status, headers,
body), and a response that is a stream (ndjson or sse, moat.gateway.items) is forwarded whole item
by whole item, metered as it flows against the data caps of the decision's limits
(moat.limits.data), and ended with a final error item when a cap is reached or when the caller
becomes refused while it is open (moat.gateway.data_streams).

Metering costs no round trip per item: a piece of the stream (whatever one upstream read brought,
usually many items) is counted at once in the process's counters, and written to the open-streams
journal before it is sent (moat.gateway.data_journal), so a kill -9 loses no delivered item's record.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import orjson

from moat.context import Decision
from moat.errors import (
    BadRequest,
    ClientClosedRequest,
    MoatError,
    PermissionDenied,
    RateLimited,
    RecordingUnavailable,
    UpstreamError,
)
from moat.gateway.data_errors import error_response, final_item, reason_of
from moat.gateway.data_record import MAX_RESOURCES_KEPT, build_data_record, record_data
from moat.gateway.data_streams import OpenStream
from moat.gateway.data_upstream import BODY_HEADERS
from moat.gateway.http import ClientDisconnected, Receive, Scope, Send, read_body, send_response, unique_headers
from moat.gateway.items import count_whole, format_for, splitter_for, whole_items
from moat.gateway.pipeline import CLIENT_CLOSED, Call, ClientWatch, api_key_of
from moat.gateway.record import NO_USAGE
from moat.gateway.runtime import LimitRefused
from moat.limits.data import DataCheck, resource_hash, window_left

if TYPE_CHECKING:
    from moat.gateway.data_api import DataApi, DataRoute
    from moat.identity.attribution import Attribution

log = logging.getLogger("moat.gateway")

WHOLE_KEPT = 8 << 20  # bytes of a non-stream body kept to count its items; a longer one counts as 1


class DataCall(Call):
    """A data request's state through the stages: the model call's, plus the data fields."""

    __slots__ = (
        "_seen",
        "api",
        "attribution",
        "bytes",
        "checks",
        "cut_decision_id",
        "cut_reason",
        "fmt",
        "items",
        "meter_keys",
        "method",
        "path",
        "resource",
        "resources",
        "route",
        "secret",
    )

    def __init__(self, api: DataApi, route: DataRoute, scope: Scope) -> None:
        super().__init__(api.rt, route.endpoint, scope)
        self.api = api
        self.route = route
        self.method: str = scope["method"]
        self.path: str = scope["path"]
        self.resource = ""
        self.items = 0
        self.bytes = 0
        self.resources: list[str] = []
        self._seen: set[str] = set()
        self.cut_reason: str | None = None
        self.cut_decision_id: str | None = None
        self.fmt = ""
        self.checks: list[DataCheck] = []
        self.meter_keys: tuple[str, ...] = ()
        self.secret = ""
        self.attribution: Attribution | None = None
        ctx = self.ctx
        ctx.api = "http"
        ctx.max_tokens = 0  # no model output: token quotas reserve nothing for a data request
        ctx.kind, ctx.path, ctx.method = "data", self.path, self.method

    def note_resource(self, value: str) -> None:
        if value not in self._seen and len(self.resources) < MAX_RESOURCES_KEPT:
            self._seen.add(value)
            self.resources.append(value)

    def journal_done(self) -> None:
        self.api.journal.done(self.ctx.request_id)


def refusal_of(decision: Decision) -> MoatError:
    if decision.effect == "throttle" or decision.retry_after is not None:
        return RateLimited(decision.message, retry_after=decision.retry_after or 1.0,
                           code=decision.reason_code, decision_id=decision.decision_id)
    return PermissionDenied(decision.message, code=decision.reason_code, decision_id=decision.decision_id)


def cap_refusal(check: DataCheck, decision_id: str | None, now: float) -> RateLimited:
    cap = check.cap
    per = {"minute": "a minute", "day": "a day", "month": "a month"}[cap.window]
    message = (f"The {cap.kind} limit '{cap.name}' of {cap.limit:,} {cap.kind} {per} is reached"
               f"{'; it renews with the next calendar month (UTC)' if cap.window == 'month' else ''}.")
    return RateLimited(message, retry_after=window_left(cap.window, now), code=cap.reason, decision_id=decision_id)


async def handle_data(api: DataApi, route: DataRoute, scope: Scope, receive: Receive, send: Send,
                      refusal: MoatError | None = None) -> None:
    rt = api.rt
    call = DataCall(api, route, scope)
    ctx = call.ctx
    try:
        if refusal is not None:
            raise refusal
        if route.methods and call.method not in route.methods:
            error = BadRequest(f"Method {call.method} is not allowed on {route.prefix}; use "
                               f"{', '.join(sorted(route.methods))}", code="method_not_allowed")
            error.status = 405
            error.headers["allow"] = ", ".join(sorted(route.methods))
            raise error
        call.read_headers(scope)
        call.secret = api_key_of(call.headers)
        ctx.key, ctx.account, ctx.org = await rt.directory.authenticate(call.secret)
        length = call.headers.get(b"content-length")
        body = await read_body(receive, rt.settings.server.max_body_bytes,
                               length.decode() if length is not None else None, scope)
        call.resource = ctx.resource = route.resource_of(call.path, call.query, scope["headers"])
        ctx.prompt = call.query.decode("latin-1")
        call.attribution = await rt.attribute(ctx, call.headers, {})
        ctx.entity = rt.resolve(ctx, call.attribution)
        metered = api.meter_keys(ctx, [])
        await api.counters.prepare(metered)  # shared counts: one read at admission, none per item
        ctx.usage_this_month = api.usage_of(ctx)
        decision = call.decision = rt.decide(ctx)
        if not decision.allowed:
            raise refusal_of(decision)
        call.checks = api.data_checks(decision)
        call.meter_keys = api.meter_keys(ctx, call.checks)
        if len(call.meter_keys) > len(metered):  # a cap counted by another key (entity, plan...)
            await api.counters.prepare(call.meter_keys[len(metered):])
        now = time.time()
        asked = resource_hash(call.resource) if call.resource else None
        spent = api.counters.refusal(call.checks, now, asked)
        if spent is not None:
            call.decision = replace(decision, effect="throttle_refused", reason_code=spent.cap.reason)
            raise cap_refusal(spent, decision.decision_id, now)
        try:
            call.admission = await rt.admit(ctx, decision)
        except LimitRefused as refused:
            call.decision = refused.decision
            raise refused.error from None
        try:
            if asked is not None:  # a distinct resource touched (the record's `resources` lists the items' own)
                api.counters.add(call.meter_keys, 0, 0, (asked,))
            await _relay(call, body, scope, receive, send)
        finally:
            # A data request uses no tokens (its items and bytes are counted apart, moat.gateway.data_metrics).
            if call.admission is not None and not rt.settle_now(call.admission, NO_USAGE):
                await rt.settle(call.admission, NO_USAGE)
    except ClientDisconnected:
        call.status = CLIENT_CLOSED
        if call.decision is None:
            call.decision = rt.refusal_decision(ClientClosedRequest("The client closed the request"))
        with contextlib.suppress(RecordingUnavailable):
            record_data(call)
    except MoatError as exc:
        await _refuse(call, exc, send)
    except Exception:
        log.exception("unhandled error on a data route", extra={"request_id": ctx.request_id})
        await _refuse(call, UpstreamError("The gateway failed to process the request"), send)


async def _refuse(call: DataCall, error: MoatError, send: Send) -> None:
    """A refusal of Moat's own, in the route's error shape, recorded before it is sent."""
    call.status = error.status
    if call.decision is None:
        call.decision = call.rt.refusal_decision(error)
    if not isinstance(error, RecordingUnavailable):
        try:
            record_data(call)
        except RecordingUnavailable as failure:
            error, call.status = failure, failure.status
    if error.decision_id is None:
        error.decision_id = call.decision.decision_id
    log.info("refused: %s", error.message, extra={"request_id": call.ctx.request_id, "status": error.status,
                                                  "reason_code": reason_of(error)})
    body, headers = error_response(call.route.shape, error)
    if error.status in (408, 414, 431) or error.code == "invalid_http_request":
        headers.append((b"connection", b"close"))  # what is left of this request is not worth reading
    await send_response(send, error.status, body, unique_headers([*headers, *call.response_headers()]))


async def _relay(call: DataCall, body: bytes, scope: Scope, receive: Receive, send: Send) -> None:
    route = call.route
    forward = call.rt.forwarding.request_headers(scope["headers"])
    forward += [(name, value) for name, value in scope["headers"] if name in BODY_HEADERS]
    t0 = time.perf_counter()
    response = await route.upstream.send(call.method, call.path, call.query, body, forward)
    call.upstream_name = route.upstream.name
    call.fmt = format_for(route.items, response.content_type) if response.status < 400 else "none"
    if call.fmt == "none":
        await _relay_whole(call, response, t0, receive, send)
    else:
        await _relay_stream(call, response, t0, receive, send)


async def _relay_whole(call: DataCall, response: Any, t0: float, receive: Receive, send: Send) -> None:
    """A response that is not a stream (or an upstream error): passed on as it arrives, counted at
    its end (moat.gateway.items.count_whole)."""
    client = ClientWatch(receive, response)
    kept: list[bytes] = []
    size = 0
    error: MoatError | None = None
    await send({"type": "http.response.start", "status": response.status,
                "headers": call.relayed_headers(response.headers, [])})
    try:
        async for chunk in response.chunks():
            size += len(chunk)
            if size <= WHOLE_KEPT:
                kept.append(chunk)
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
    except MoatError as exc:
        error = exc
    finally:
        client.stop()
        response.close()
    call.upstream_seconds = time.perf_counter() - t0
    call.bytes = size
    call.status = CLIENT_CLOSED if client.gone else response.status if error is None else error.status
    if response.status < 400 and error is None and not client.gone:
        whole = b"".join(kept) if size <= WHOLE_KEPT else b""
        call.items = count_whole(whole) if whole else (1 if size else 0)
        hashes: list[int] = []
        if call.route.item_field is not None and whole:
            for item in whole_items(whole):
                value = call.route.item_field(item)
                if value is not None:
                    call.note_resource(value)
                    hashes.append(resource_hash(value))
        call.api.counters.add(call.meter_keys, call.items, size, hashes)
        if call.api.metrics is not None:
            items_metric, bytes_metric = call.api.metrics.by_route[call.route.prefix]
            items_metric.inc(call.items)
            bytes_metric.inc(size)
    if client.gone:
        with contextlib.suppress(RecordingUnavailable):
            record_data(call)
        return
    record_data(call)
    if error is not None:  # half a body: the connection is cut rather than the body ended as if whole
        log.warning("a data response failed half-way: %s", error.message,
                    extra={"request_id": call.ctx.request_id, "status": error.status})
        return
    await send({"type": "http.response.body", "body": b"", "more_body": False})


async def _relay_stream(call: DataCall, response: Any, t0: float, receive: Receive, send: Send) -> None:
    """An ndjson / sse stream, forwarded whole item by whole item as it arrives; see the module docstring."""
    api = call.api
    counters = api.counters
    journal = api.journal
    splitter = splitter_for(call.fmt)  # type: ignore[arg-type]
    assert splitter is not None
    item_field = call.route.item_field
    payload = splitter.payload
    rid = call.ctx.request_id
    checks = call.checks
    other_checks = [c for c in checks if c.cap.kind not in ("items", "bytes")]
    volume_checks = len(other_checks) != len(checks)  # caps on items or bytes: fitted per read
    keys = call.meter_keys
    stream = OpenStream(call, call.secret, response)
    api.streams.add(stream)
    metrics = api.metrics
    assert metrics is not None  # built with the routes
    items_metric, bytes_metric = metrics.by_route[call.route.prefix]
    metrics.open_streams.inc()
    client = ClientWatch(receive, response)
    call.ctx.stream = True
    error: MoatError | None = None
    try:
        await send({"type": "http.response.start", "status": response.status,
                    "headers": call.relayed_headers(response.headers, [])})
        journal.opened(build_data_record(call, time.time()))
        async for chunk in response.chunks():
            data, ends = splitter.feed(chunk)
            if not data:
                continue
            limit_hit: DataCheck | None = None
            if checks:
                now = time.time()
                limit_hit = counters.refusal(other_checks, now) if other_checks else None
                if limit_hit is not None:
                    data, ends = b"", []
                elif volume_checks:
                    if counters.near(checks, now):  # a shared count is read fresh near its cap
                        await counters.refresh(keys)
                    allowed, bound = counters.fit(checks, ends, now)
                    if bound is not None:
                        data = data[:ends[allowed - 1]] if allowed else b""
                        ends = ends[:allowed]
                        limit_hit = bound
            hashes: list[int] = []
            if item_field is not None and ends:
                start = 0
                for end in ends:
                    try:
                        value = item_field(orjson.loads(payload(data[start:end])))
                    except orjson.JSONDecodeError:
                        value = None
                    if value is not None:
                        call.note_resource(value)
                        hashes.append(resource_hash(value))
                    start = end
            if ends or data:
                call.items += len(ends)
                call.bytes += len(data)
                counters.add(keys, len(ends), len(data), hashes)
                items_metric.inc(len(ends))
                bytes_metric.inc(len(data))
                journal.progress(rid, {"items": call.items, "bytes": call.bytes,
                                       "resources": call.resources or None})
                if data:
                    await send({"type": "http.response.body", "body": data, "more_body": True})
            if limit_hit is not None:
                stream.end(cap_refusal(limit_hit, call.decision.decision_id if call.decision else None, time.time()))
            if stream.cut is not None or client.gone:
                break
        if stream.cut is None and not client.gone:
            rest = splitter.rest()
            if rest:  # the upstream ended inside an item: what it sent passes as it came, uncounted
                call.bytes += len(rest)
                await send({"type": "http.response.body", "body": rest, "more_body": True})
    except MoatError as exc:
        if stream.cut is None and not client.gone:
            error = exc
    except asyncio.CancelledError:  # the server stops (its graceful timeout passed): record, then go
        call.cut_reason, call.upstream_seconds = "gateway_stopping", time.perf_counter() - t0
        with contextlib.suppress(RecordingUnavailable):
            record_data(call)
        raise
    finally:
        api.streams.discard(stream)
        metrics.open_streams.dec()
        if call.cut_reason is not None or stream.cut is not None:
            metrics.cuts.labels(call.cut_reason or reason_of(stream.cut)).inc()  # type: ignore[arg-type]
        client.stop()
        response.close()
    call.upstream_seconds = time.perf_counter() - t0
    if client.gone:
        call.status = CLIENT_CLOSED
        with contextlib.suppress(RecordingUnavailable):
            record_data(call)
        return
    ending: MoatError | None = stream.cut or error
    if ending is not None:
        call.cut_reason = reason_of(ending) if stream.cut is not None else None
        if stream.cut is not None and ending.decision_id and call.decision is not None \
                and ending.decision_id != call.decision.decision_id:
            call.cut_decision_id = ending.decision_id
        if error is not None:
            call.status = error.status
            log.warning("data stream ended by upstream error: %s", error.message,
                        extra={"request_id": rid, "status": error.status})
    try:
        record_data(call)
    except RecordingUnavailable as failure:
        ending = failure
    if ending is not None and ending.decision_id is None and call.decision is not None:
        ending.decision_id = call.decision.decision_id
    tail = final_item(call.fmt, ending) if ending is not None else b""
    await send({"type": "http.response.body", "body": tail, "more_body": False})

