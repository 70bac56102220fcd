"""`GET /v1/models` and `GET /v1/models/{id}`: the models the caller may name, in its API's shape.

The caller's own key is required (a list of what a provider serves is not public). The answer is
Anthropic's shape (anthropic-sdk-python types/model_info.py; a page with `has_more`, `first_id`,
`last_id`, paged by `limit`, `after_id`, `before_id`) to Anthropic clients, told by the headers
its SDKs send (`anthropic-version`, or the key in `x-api-key` without an OpenAI `Authorization`),
and OpenAI's (openai-python types/model.py) otherwise. Each API lists the models served on it
(moat.gateway.models_catalog) that the caller may use: the policy decides a bare call to each
(`Runtime.preview`: the same rules and reviewers' restrictions, nothing acted on), so a refused
caller lists nothing and a plan limited to some models lists those. Rules on the prompt, its size
or its attribution decide the call itself when it is made. Not recorded: nothing is generated.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote

import orjson

from moat.context import RequestContext
from moat.errors import BadRequest, MoatError, NotFound
from moat.gateway.errors import error_body
from moat.gateway.http import JSON_HEADERS, Receive, Scope, Send, request_headers, send_response
from moat.gateway.models_catalog import ModelEntry
from moat.gateway.pipeline import api_key_of
from moat.gateway.routes import Route, below, exact

if TYPE_CHECKING:
    from moat.gateway.runtime import Runtime

PREFIX = "/v1/models"
_MAX_LIMIT = 1000


def api_of(headers: dict[bytes, bytes]) -> str:
    """Anthropic for its SDKs' headers, OpenAI otherwise."""
    if b"anthropic-version" in headers:
        return "anthropic"
    return "anthropic" if b"x-api-key" in headers and b"authorization" not in headers else "openai"


async def handle_models(rt: Runtime, scope: Scope, receive: Receive, send: Send, request_id: str) -> None:
    api = "openai"
    try:
        headers = request_headers(scope)
        api = api_of(headers)
        if scope["method"] not in ("GET", "HEAD"):
            error = BadRequest(f"Method {scope['method']} is not allowed here; use GET", code="method_not_allowed")
            error.status = 405
            error.headers["allow"] = "GET"
            raise error
        ctx = _caller(scope, request_id, api, headers)
        ctx.key, ctx.account, ctx.org = await rt.directory.authenticate(api_key_of(headers))
        ctx.entity = rt.resolve(ctx, None)
        entries = [e for e in await rt.models.models(api) if _may_use(rt, ctx, e.id)]
        path: str = scope["path"]
        if path == PREFIX or path == PREFIX + "/":
            body = _page(api, entries, scope.get("query_string") or b"")
        else:
            model_id = unquote(path[len(PREFIX) + 1:])
            entry = next((e for e in entries if e.id == model_id), None)
            if entry is None:
                raise NotFound(f"The model '{model_id}' does not exist or you do not have access to it.",
                               code="model_not_found")
            body = _one(api, entry)
    except MoatError as error:
        await send_response(send, error.status, orjson.dumps(error_body(api, error, request_id)),
                            [*JSON_HEADERS, *((k.encode(), v.encode()) for k, v in error.headers.items())])
        return
    await send_response(send, 200, orjson.dumps(body), JSON_HEADERS)


def _caller(scope: Scope, request_id: str, api: str, headers: dict[bytes, bytes]) -> RequestContext:
    client = scope.get("client")
    ua = headers.get(b"user-agent")
    return RequestContext(request_id=request_id, started=time.time(), endpoint=PREFIX, api=api,
                          client_ip=client[0] if client else None, user_agent=ua.decode() if ua else None)


def _may_use(rt: Runtime, ctx: RequestContext, model: str) -> bool:
    """Whether a call to `model` by this caller would be allowed, as far as the request's model and
    the caller decide it (a rule on the prompt or its size decides the call itself, later)."""
    ctx.model = model
    decision = rt.preview(ctx)
    return decision.allowed and (decision.allowed_models is None or model in decision.allowed_models)


def _one(api: str, entry: ModelEntry) -> dict[str, Any]:
    if api == "anthropic":
        return {"type": "model", "id": entry.id, "display_name": entry.display_name or entry.id,
                "created_at": entry.created_at}
    return {"id": entry.id, "object": "model", "created": entry.created, "owned_by": entry.owned_by}


def _page(api: str, entries: list[ModelEntry], query: bytes) -> dict[str, Any]:
    if api != "anthropic":
        return {"object": "list", "data": [_one(api, e) for e in entries]}
    params = {k: v[-1] for k, v in parse_qs(query.decode("latin-1")).items()}
    try:
        limit = min(max(int(params.get("limit", "20")), 1), _MAX_LIMIT)
    except ValueError as exc:
        raise BadRequest("'limit' must be an integer", code="invalid_type") from exc
    ids = [e.id for e in entries]
    start, end = 0, len(entries)
    if "after_id" in params:
        start = ids.index(params["after_id"]) + 1 if params["after_id"] in ids else len(ids)
    if "before_id" in params:
        end = ids.index(params["before_id"]) if params["before_id"] in ids else 0
        start = max(start, end - limit)
    page = entries[start:min(end, start + limit)]
    more = (start + len(page) < end) if "before_id" not in params else start > 0
    return {"data": [_one(api, e) for e in page], "has_more": more,
            "first_id": page[0].id if page else None, "last_id": page[-1].id if page else None}


ROUTES: list[Route] = [exact(PREFIX, handle_models), below(PREFIX + "/", handle_models)]
