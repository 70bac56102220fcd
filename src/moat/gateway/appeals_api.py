"""The customer's appeal endpoints, authenticated with the customer's own API key:

    POST /v1/appeals        {"decision_id": "...", "message": "..."}  → 201 the appeal
    GET  /v1/appeals/{id}                                            → 200 the appeal and its status

A refused customer is still a genuine caller: a key whose account is blocked or suspended (or whose
organization is blocked) is accepted here — that is who appeals — while unknown, revoked and
expired keys are not (401). Another account's decision or appeal is reported as not found, never as
someone else's. Errors use the OpenAI error shape.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import orjson

from moat.enforce import appeals
from moat.enforce.runtime import context_for
from moat.errors import BadRequest, MoatError, NotFound
from moat.gateway.errors import error_body, error_headers
from moat.gateway.http import JSON_HEADERS, Receive, Scope, Send, parse_json_object, read_body, send_response
from moat.gateway.pipeline import api_key_of
from moat.gateway.routes import Route, below, exact
from moat.identity.directory import AccountRefused

if TYPE_CHECKING:
    from moat.gateway.runtime import Runtime

PREFIX = "/v1/appeals"
_BODY_LIMIT = 64 * 1024


async def handle_appeals(rt: Runtime, scope: Scope, receive: Receive, send: Send, request_id: str) -> None:
    try:
        status, result = await _dispatch(rt, scope, receive)
        await send_response(send, status, orjson.dumps(result), JSON_HEADERS)
    except MoatError as error:
        await send_response(send, error.status, orjson.dumps(error_body("openai", error, "")),
                            [*JSON_HEADERS, *error_headers(error)])


async def _dispatch(rt: Runtime, scope: Scope, receive: Receive) -> tuple[int, Any]:
    path: str = scope["path"]
    method: str = scope["method"]
    account_id, refused_code = await _caller(rt, scope)
    cx = await context_for(rt)
    if path == PREFIX and method == "POST":
        length = dict(scope["headers"]).get(b"content-length")
        body = parse_json_object(await read_body(receive, _BODY_LIMIT, length.decode() if length else None, scope))
        decision_id, message = body.get("decision_id"), body.get("message")
        if not isinstance(decision_id, str) or not decision_id:
            raise BadRequest("'decision_id' is required: the decision id quoted in the error you received")
        if not isinstance(message, str):
            raise BadRequest("'message' is required: tell the reviewer why the decision is wrong")
        try:
            appeal = await appeals.create_appeal(cx, account_id=account_id, decision_id=decision_id,
                                                 message=message, refused_code=refused_code)
        except NotFound as missing:
            if missing.code != "unknown_decision":
                raise
            # A refusal a moment ago on this replica may still be on its way to the store (the recorder
            # writes in batches): write it now and look once more, so a script can appeal at once.
            await rt.recorder.flush(timeout=2.0)
            appeal = await appeals.create_appeal(cx, account_id=account_id, decision_id=decision_id,
                                                 message=message, refused_code=refused_code)
        return 201, appeal.public()
    appeal_id = path[len(PREFIX) + 1:]
    if method == "GET" and appeal_id and "/" not in appeal_id:
        return 200, (await appeals.customer_appeal(cx, account_id=account_id, appeal_id=appeal_id)).public()
    if path == PREFIX:
        raise BadRequest(f"Method {method} is not allowed on {path}; use POST")
    raise NotFound(f"Unknown path: {method} {path}", code="unknown_url")


async def _caller(rt: Runtime, scope: Scope) -> tuple[str, str | None]:
    """The calling account, and the reason code it is refused with right now (None: not refused)."""
    secret = api_key_of(dict(scope["headers"]))
    try:
        _, account, _ = await rt.directory.authenticate(secret)
    except AccountRefused as refused:
        return refused.authenticated[1].account_id, refused.code
    return account.account_id, None


ROUTES: list[Route] = [exact(PREFIX, handle_appeals), below(PREFIX + "/", handle_appeals)]
