"""A stored response, read back: `GET` / `DELETE /v1/responses/{id}`, `GET .../input_items`,
`POST .../cancel` (openai-python resources/responses/responses.py and input_items.py).

Passed to the upstream that made the response, with the caller's key checked and ownership
enforced (moat.gateway.response_owners); a response made with reasoning redacted is redacted again
when read, and so is a caller whose reviewers' restriction now redacts. The request passes by the
model calls' rules (moat.gateway.forwarding): the client's headers reach the upstream (with the
upstream's credential instead of the client's), the upstream's reach the client, and Moat adds its
ids under its own names. Each request is an access decision, logged in the decision log and named
in `moat-decision-id` (moat.gateway.stored_access). Answers are read whole (these are small; a
background response's resumed stream, `?stream=true`, is relayed as it comes by
moat.gateway.responses_resume) and not metered: nothing new is generated, and a background
response is recorded once, by moat.gateway.background. A read that shows a pending background
response terminal (a GET, a cancel, a resumed stream's final event) settles it there and then.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import orjson

from moat.errors import BadRequest, MoatError, UpstreamError, UpstreamUnavailable
from moat.gateway.http import JSON_HEADERS, Headers, Receive, Scope, Send, request_headers, send_response
from moat.gateway.pipeline import api_key_of
from moat.gateway.response_owners import not_found
from moat.gateway.responses_api import redact
from moat.gateway.responses_resume import Resume, relay_resumed, wants_stream
from moat.gateway.routes import Route, below
from moat.gateway.side_calls import side_call, upstream_headers
from moat.gateway.stored_access import StoredAccess, refuse
from moat.gateway.upstream_errors import refusal_from_upstream, upstream_failure

if TYPE_CHECKING:
    from moat.gateway.runtime import Runtime

PREFIX = "/v1/responses/"
_PATH = re.compile(r"^/v1/responses/([A-Za-z0-9_\-]{1,200})(/input_items|/cancel)?$")
_METHODS = {"": ("GET", "DELETE"), "/input_items": ("GET",), "/cancel": ("POST",)}


async def handle_stored_response(rt: Runtime, scope: Scope, receive: Receive, send: Send,
                                 request_id: str) -> None:
    access = StoredAccess(request_id, scope["method"], _endpoint(scope["path"]), rt.clock())
    try:
        answer = await _answer(rt, scope, access)
        if isinstance(answer, Resume):
            await relay_resumed(rt, answer, send, access)
            return
        status, raw, headers = answer
    except MoatError as error:
        await refuse(rt.stored_access, access, error, send, rt.clock())
        return
    await send_response(send, status, raw, headers)


def _endpoint(path: str) -> str:
    """The route asked for, without the response id (that is logged on its own)."""
    match = _PATH.match(path)
    return f"{PREFIX}{{id}}{match.group(2) or ''}" if match is not None else path[:200]


async def _answer(rt: Runtime, scope: Scope, access: StoredAccess) -> tuple[int, bytes, Headers] | Resume:
    """The status, body and headers to answer, or the resumed stream to relay."""
    headers = request_headers(scope)
    key, account, org = await rt.directory.authenticate(api_key_of(headers))
    access.caller(key, account, org)
    match = _PATH.match(scope["path"])
    if match is None:
        raise not_found(scope["path"].removeprefix(PREFIX))
    response_id, tail = match.group(1), match.group(2) or ""
    access.response_id = response_id
    method: str = scope["method"]
    if method not in _METHODS[tail]:
        error = BadRequest(f"Method {method} is not allowed here", code="method_not_allowed")
        error.status = 405
        error.headers["allow"] = ", ".join(_METHODS[tail])
        raise error
    stored = await rt.response_owners.owned(response_id, account.account_id)
    upstream = next((u for u in rt.settings.upstream_table() if u.name == stored.upstream), None)
    if upstream is None or upstream.kind == "demo":
        raise not_found(response_id)  # the demo model stores nothing
    restriction = rt.enforcement.for_call(account.account_id, org.org_id if org else None)
    cut = stored.redact_reasoning or (restriction is not None and restriction.redact_reasoning)
    access.allow(redacted=cut)
    query: bytes = scope.get("query_string") or b""
    forwarded = rt.forwarding.request_headers(scope["headers"])
    if wants_stream(method, tail, query):
        access.stream = True
        return Resume(upstream, response_id, query, cut, forwarded)
    try:
        answer = await side_call(upstream, method, f"/responses/{response_id}{tail}", query=query,
                                 forwarded=forwarded)
    except Exception as exc:
        raise UpstreamUnavailable(f"The upstream model is unavailable: {type(exc).__name__}") from exc
    raw = answer.content
    if answer.status_code >= 400:
        passthrough = refusal_from_upstream("openai", answer.status_code, raw)
        if passthrough is None:
            raise upstream_failure(answer.status_code)
        raw = passthrough
    else:
        if method == "DELETE":
            await rt.response_owners.forget(response_id)
        if cut or rt.background.is_pending(response_id):
            obj = _parsed(raw)
            if rt.background.is_pending(response_id) and tail != "/input_items":
                await rt.background.observe(response_id, obj)
            if cut:
                raw = _redacted(obj, raw, listing=tail == "/input_items")
    rt.stored_access.log(access, answer.status_code, rt.clock())  # before its id goes in the headers
    return answer.status_code, raw, rt.forwarding.response_headers(upstream_headers(answer), access.headers(),
                                                                    JSON_HEADERS)


def _parsed(raw: bytes) -> object:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise UpstreamError("The upstream model sent a response that is not JSON") from exc


def _redacted(obj: object, raw: bytes, *, listing: bool) -> bytes:
    if not isinstance(obj, dict):
        return raw
    if listing:  # input items: the same filter over `data`
        data = obj.get("data")
        if isinstance(data, list):
            obj["data"] = [i for i in data if not (isinstance(i, dict) and i.get("type") == "reasoning")]
    else:
        redact(obj)
    return orjson.dumps(obj)


ROUTES: list[Route] = [below(PREFIX, handle_stored_response)]
