"""A kind = "http" upstream: any HTTP API, relayed with the client's method, path and body.

Unlike a model upstream (moat.gateway.upstreams.HttpUpstream, which always POSTs the JSON body Moat
rewrote), a data upstream gets the request as the client sent it: method, path (appended to
`base_url`), query string, body and its content type and encoding. Moat adds only the upstream's own
credential (`api_key` / `api_key_env`) under `auth_header`: `Authorization: Bearer <token>`, or the
bare token under any other header name. The transport is the same pooled client
(moat.gateway.httpclient) with its connect / first-byte / idle timeouts; a firehose's keep-alive
newlines keep the idle timeout from ending it.

Retries: only a request that never reached the upstream (the connection failed) is retried, and
only for methods that are safe to repeat (GET, HEAD, OPTIONS): a data API's POST may not be.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from moat.config import UpstreamSettings
from moat.errors import UpstreamUnavailable
from moat.gateway.httpclient import Pool, Response

_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
# Request headers the model relay sets itself but a data relay passes on: the body is the client's own.
BODY_HEADERS = (b"content-type", b"content-encoding")


class DataUpstream:
    def __init__(self, settings: UpstreamSettings) -> None:
        self.name = settings.name
        self.settings = settings
        self._pool: Pool | None = None
        credential = settings.credential()
        self._own: list[tuple[bytes, bytes]] = []
        if credential:
            name = settings.auth_header.strip().lower().encode("latin-1")
            value = credential.encode("latin-1")
            self._own.append((name, b"Bearer " + value if name == b"authorization" else value))

    async def start(self) -> None:
        s = self.settings
        self._pool = Pool(s.base_url, max_connections=s.max_connections, connect_timeout=s.connect_timeout,
                          first_byte_timeout=s.first_byte_timeout, idle_timeout=s.idle_timeout)

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()

    async def send(self, method: str, path: str, query: bytes, body: bytes,
                   headers: Sequence[tuple[bytes, bytes]]) -> Response:
        """Send the client's request; returns once the upstream's status line and headers arrived."""
        assert self._pool is not None, "upstream not started"
        target = f"{path}?{query.decode('latin-1')}" if query else path
        request_headers = [*headers, *self._own]
        attempts = self.settings.retries if method in _SAFE else 0
        attempt = 0
        while True:
            try:
                return await self._pool.post(target, body, request_headers, method=method.encode("latin-1"))
            except UpstreamUnavailable:
                if attempt >= attempts:
                    raise
                attempt += 1
                await asyncio.sleep(0.05 * attempt)
