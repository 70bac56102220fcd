"""The gateway's ASGI application: routing, lifespan, health, readiness and metrics.

A plain ASGI callable (no framework on the hot path): the model-call endpoints (exact paths,
`moat.gateway.endpoints`) go to `pipeline.handle_call`; every other path is looked up in one route
table assembled here from the areas' `ROUTES` (issue 14 item 3), then among the data routes
(docs/data-apis.md). A refusal made before the app (the HTTP guard, `moat.gateway.server`) is
answered by whoever owns the path, so a data route's answers it in the route's error shape, recorded.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import orjson

from moat import console
from moat.config import Settings, load_settings
from moat.errors import BadRequest, MoatError, NotFound
from moat.gateway import admin_api, appeals_api, feed_api, models_api, operations, responses_state
from moat.gateway.build import build_runtime
from moat.gateway.cors import Cors
from moat.gateway.degraded import StartRefused
from moat.gateway.endpoints import ENDPOINTS
from moat.gateway.errors import error_body
from moat.gateway.http import JSON_HEADERS, Message, Receive, Scope, Send, send_response, unique_headers
from moat.gateway.pipeline import handle_call, refused_early
from moat.gateway.routes import Route, RouteTable
from moat.gateway.runtime import Runtime
from moat.ids import new_id

log = logging.getLogger("moat.gateway")


def routes() -> list[Route]:
    """Every route besides the model calls, area by area (each area's module says what it serves)."""
    return [*models_api.ROUTES, *responses_state.ROUTES, *operations.ROUTES, *feed_api.ROUTES,
            *appeals_api.ROUTES, *admin_api.ROUTES, *console.ROUTES]


class Gateway:
    """The ASGI app over one runtime: `build_runtime(settings)` unless the caller built its own
    (tests inject upstreams, a limiter or a clock that way), serving `routes()` unless given others."""

    def __init__(self, settings: Settings, runtime: Runtime | None = None,
                 table: Iterable[Route] | None = None) -> None:
        self.settings = settings
        self.runtime = runtime or build_runtime(settings)
        self.routes = RouteTable(routes() if table is None else table)
        # Browser clients (moat.gateway.cors): a layer only when origins are configured, else no cost.
        cors = settings.server.cors
        self._handle_http = Cors(self._http, cors) if cors.allow_origins else self._http

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "http":
            await self._handle_http(scope, receive, send)
        elif kind == "lifespan":
            await self._lifespan(receive, send)

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope["path"]
        method: str = scope["method"]
        endpoint = ENDPOINTS.get(path)
        refusal = refused_early(scope)
        if endpoint is not None:
            # Model calls carry their own ids (and a decision id) and are recorded, refusals included.
            if refusal is None and method != "POST":
                refusal = BadRequest(f"Method {method} is not allowed here; use POST", code="method_not_allowed")
                refusal.status = 405
                refusal.headers["allow"] = "POST"
            await handle_call(self.runtime, endpoint, scope, receive, send, refusal)
            return
        handler = self.routes.find(path, method)
        route = self.runtime.data.match(path) if handler is None else None
        if route is not None:  # a data API (docs/data-apis.md): with ids of its own, refusals in its shape
            await self.runtime.data.handle(route, scope, receive, send, refusal)
            return
        request_id = new_id("req")
        send = _with_ids(send, request_id.encode())
        if refusal is not None:
            await _refuse(send, path, refusal, request_id)
        elif handler is not None:
            await handler(self.runtime, scope, receive, send, request_id)
        else:
            await _refuse(send, path, NotFound(f"Unknown path: {method} {path}", code="unknown_url"), request_id)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    await self.runtime.start()
                except StartRefused as exc:  # a known reason: one line, no traceback
                    log.error("%s", exc)
                    await send({"type": "lifespan.startup.failed", "message": ""})
                    return
                except Exception as exc:
                    log.exception("start-up failed")
                    await send({"type": "lifespan.startup.failed", "message": str(exc)})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.runtime.stop()
                await send({"type": "lifespan.shutdown.complete"})
                return


async def _refuse(send: Send, path: str, error: MoatError, request_id: str) -> None:
    """An error outside the model calls, in the API's shape its path suggests."""
    api = "anthropic" if path.startswith("/v1/messages") else "openai"
    headers = [*JSON_HEADERS, *((k.encode(), v.encode()) for k, v in error.headers.items())]
    if error.status in (408, 414, 431) or error.code == "invalid_http_request":
        headers.append((b"connection", b"close"))
    await send_response(send, error.status, orjson.dumps(error_body(api, error, request_id)), headers)


def _with_ids(send: Send, request_id: bytes) -> Send:
    """Every response carries `x-request-id` and `request-id` (the model calls set their own)."""

    async def send_with_ids(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [(b"x-request-id", request_id), (b"request-id", request_id), *message.get("headers", ())]
            message = {**message, "headers": unique_headers(headers)}
        await send(message)

    return send_with_ids


def create_app() -> Gateway:
    """uvicorn factory: each worker process builds its own gateway from the environment."""
    from moat.logs import configure_logging

    settings = load_settings()
    configure_logging(settings.log_level)
    return Gateway(settings)
