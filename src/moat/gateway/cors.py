"""CORS for browser clients (`server.cors`), off unless the provider names origins.

Off by default: a page that calls the API from a browser holds an API key any visitor can read, so
a provider opts in origin by origin (or with "*"). It covers the model API (`/v1/...`) only: the
console, the admin API and the operations endpoints are never for other origins. When on:

- a preflight (OPTIONS with `Origin` and `Access-Control-Request-Method`) from an allowed origin is
  answered here with 204 and the `Access-Control-Allow-*` headers; from any other origin, or for a
  method not allowed, with 403 and no CORS headers (the browser then refuses the real request);
- every other response to an allowed origin carries `Access-Control-Allow-Origin` (and
  `-Expose-Headers`, so a page can read request ids and rate limits; `-Allow-Credentials` if set).

"*" in `allow_headers` answers a preflight with the headers it asked for (a literal "*" would not
cover `Authorization`); with `allow_credentials`, "*" origins are answered with the origin itself,
as the Fetch standard requires. Upstream `Access-Control-*` headers never reach the client
(moat.gateway.forwarding): only this layer speaks for Moat's origin.
"""

from __future__ import annotations

from typing import Any

import orjson

from moat.config import CorsSettings
from moat.gateway.http import Message, Receive, Scope, Send

App = Any  # an ASGI callable for HTTP scopes


class Cors:
    """Wraps the gateway's HTTP handler; built once from settings, used only when origins are set."""

    def __init__(self, app: App, settings: CorsSettings) -> None:
        self.app = app
        self._any_origin = "*" in settings.allow_origins
        self._origins = frozenset(o.rstrip("/").encode() for o in settings.allow_origins if o != "*")
        self._methods = frozenset(m.upper().encode() for m in settings.allow_methods)
        self._any_header = "*" in settings.allow_headers
        self._allow_headers = ", ".join(h for h in settings.allow_headers if h != "*").encode()
        self._credentials = settings.allow_credentials
        expose = settings.expose_headers
        self._expose = ("*" if "*" in expose and not self._credentials
                        else ", ".join(h for h in expose if h != "*")).encode()
        self._preflight_headers = [
            (b"access-control-allow-methods", ", ".join(sorted(m.decode() for m in self._methods)).encode()),
            (b"access-control-max-age", str(int(settings.max_age)).encode()),
        ]

    def _allowed(self, origin: bytes) -> bool:
        return self._any_origin or origin in self._origins

    def _origin_headers(self, origin: bytes) -> list[tuple[bytes, bytes]]:
        literal_any = self._any_origin and not self._credentials and origin not in self._origins
        headers = [(b"access-control-allow-origin", b"*" if literal_any else origin)]
        if not literal_any:
            headers.append((b"vary", b"Origin"))
        if self._credentials:
            headers.append((b"access-control-allow-credentials", b"true"))
        return headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        origin = request_method = requested = None
        for name, value in scope["headers"]:
            if name == b"origin":
                origin = value
            elif name == b"access-control-request-method":
                request_method = value
            elif name == b"access-control-request-headers":
                requested = value
        if origin is None or not scope["path"].startswith("/v1/"):
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS" and request_method is not None:
            await self._preflight(origin, request_method, requested, send)
            return
        if not self._allowed(origin):
            await self.app(scope, receive, send)
            return
        extra = self._origin_headers(origin)
        if self._expose:
            extra.append((b"access-control-expose-headers", self._expose))

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", ()), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_cors)

    async def _preflight(self, origin: bytes, method: bytes, requested: bytes | None, send: Send) -> None:
        if not self._allowed(origin) or method.upper() not in self._methods:
            body = orjson.dumps({"error": {"message": "CORS preflight refused: origin or method not allowed",
                                           "type": "permission_error", "param": None, "code": "cors_refused"}})
            await send({"type": "http.response.start", "status": 403,
                        "headers": [(b"content-type", b"application/json"),
                                    (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        headers = [*self._origin_headers(origin), *self._preflight_headers]
        allow = requested if self._any_header and requested else self._allow_headers
        if allow:
            headers.append((b"access-control-allow-headers", allow))
        headers.append((b"content-length", b"0"))
        await send({"type": "http.response.start", "status": 204, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
