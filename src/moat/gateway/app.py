"""The gateway's ASGI application: routing, lifespan, health, readiness and metrics.

A plain ASGI callable (no framework on the hot path): the model-call endpoints go to
`pipeline.handle_call`, `/admin/` to the admin API, the rest are small fixed answers.
"""

from __future__ import annotations

import logging

import orjson

from moat.config import Settings, load_settings
from moat.context import new_id
from moat.errors import BadRequest, MoatError, NotFound
from moat.gateway.build import build_runtime
from moat.gateway.cors import Cors
from moat.gateway.degraded import StartRefused
from moat.gateway.endpoints import ENDPOINTS
from moat.gateway.errors import error_body
from moat.gateway.http import (
    JSON_HEADERS,
    Message,
    Receive,
    Scope,
    Send,
    header,
    send_json,
    send_response,
    unique_headers,
)
from moat.gateway.models_api import handle_models
from moat.gateway.pipeline import handle_call, refused_early
from moat.gateway.responses_state import handle_stored_response
from moat.gateway.runtime import Runtime

log = logging.getLogger("moat.gateway")


class Gateway:
    """The ASGI app over one runtime: `build_runtime(settings)` unless the caller built its own
    (tests inject upstreams, a limiter or a clock that way)."""

    def __init__(self, settings: Settings, runtime: Runtime | None = None) -> None:
        self.settings = settings
        self.runtime = runtime or build_runtime(settings)
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
        request_id = new_id("req")
        send = _with_ids(send, request_id.encode())
        if refusal is not None:
            await _refuse(send, path, refusal, request_id)
            return
        if path == "/v1/models" or path.startswith("/v1/models/"):
            await handle_models(self.runtime, scope, send, request_id)
        elif path.startswith("/v1/responses/"):
            await handle_stored_response(self.runtime, scope, send, request_id)
        elif path == "/healthz":
            await send_json(send, 200, {"status": "ok"})
        elif path == "/readyz":
            await self._ready(send)
        elif path == "/feed/restricted" and method in ("GET", "HEAD"):
            await self._feed(scope, send)
        elif path == "/metrics":
            await send_response(send, 200, self.runtime.metrics.render(),
                                [(b"content-type", self.runtime.metrics.content_type.encode())])
        elif path == "/v1/appeals" or path.startswith("/v1/appeals/"):
            from moat.enforce.appeals_api import handle_appeals

            await handle_appeals(self.runtime, scope, receive, send)
        elif path.startswith("/admin/"):
            from moat.gateway.admin_api import handle_admin

            await handle_admin(self.runtime, scope, receive, send)
        elif path == "/console" or path.startswith("/console/"):
            from moat.console import handle_console

            await handle_console(self.runtime, scope, receive, send)
        else:
            await _refuse(send, path, NotFound(f"Unknown path: {method} {path}", code="unknown_url"), request_id)

    async def _feed(self, scope: Scope, send: Send) -> None:
        """The signed restricted-entity feed for platforms (ETag / If-None-Match aware)."""
        feed = self.runtime.feed
        if feed is None:
            await send_json(send, 503, {"error": {"message": "the feed is not ready", "type": "overloaded_error"}})
            return
        status, body, headers = feed.http_response(header(scope, b"if-none-match"))
        await send_response(send, status, body if scope["method"] == "GET" else b"",
                            [(k.encode(), v.encode()) for k, v in headers.items()])

    async def _ready(self, send: Send) -> None:
        status, body = await self.runtime.readiness()  # ready / degraded (200) or not ready (503)
        await send_json(send, status, body)

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
