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
from moat.gateway.httpclient import Response
from moat.gateway.upstreams import PooledUpstream

_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
# Request headers the model relay sets itself but a data relay passes on: the body is the client's own.
BODY_HEADERS = (b"content-type", b"content-encoding")


class DataUpstream(PooledUpstream):
    """Any HTTP API (`kind = "http"`): Moat adds only its credential, under `auth_header`."""

    def __init__(self, settings: UpstreamSettings) -> None:
        super().__init__(settings)
        credential = settings.credential()
        if credential:
            name = settings.auth_header.strip().lower().encode("latin-1")
            value = credential.encode("latin-1")
            self._own.append((name, b"Bearer " + value if name == b"authorization" else value))

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
