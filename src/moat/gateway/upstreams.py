"""Upstream models behind one interface, and the routing table from model names to them.

An `Upstream` takes the client's API dialect, a path under it, the client's query string, the
headers to forward (already filtered by moat.gateway.forwarding) and the body to send, and returns an
`UpstreamResponse` whose body can be read whole or streamed and whose headers the relay passes on.
HTTP upstreams hold their own credentials (never shown to clients; added after the forwarded
headers, which never hold the client's), pool keep-alive connections and retry only before any byte
reached the client: connection failures and 502/503 answers, with a short back-off.
"""

from __future__ import annotations

import asyncio
import fnmatch
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from moat.config import RouteSettings, UpstreamSettings
from moat.errors import NotFound, UpstreamUnavailable
from moat.gateway.httpclient import Pool
from moat.tasks import Backoff

RETRY_STATUSES = frozenset({502, 503})
# Short: a client is waiting. A refused connection is retried sooner than a 502/503 answer.
_RETRY_UNREACHABLE = Backoff(0.05, 1.0)
_RETRY_STATUS = Backoff(0.1, 1.0)


ForwardHeaders = Sequence[tuple[bytes, bytes]]


class UpstreamResponse(Protocol):
    status: int
    content_type: str
    retry_after: str | None
    headers: list[tuple[bytes, bytes]]  # names lower-cased, as the upstream sent them

    async def read(self) -> bytes: ...
    def chunks(self) -> AsyncIterator[bytes]: ...
    def close(self) -> None: ...


class Upstream(Protocol):
    name: str
    dialects: frozenset[str]  # the client APIs it speaks: "openai", "anthropic"

    async def send(self, api: str, path: str, body: bytes, *, stream: bool,
                   headers: ForwardHeaders | Mapping[str, str], query: bytes = b"") -> UpstreamResponse: ...
    async def start(self) -> None: ...
    async def close(self) -> None: ...


class PooledUpstream:
    """An HTTP backend behind one connection pool, opened at start and closed at stop, with the
    credential headers Moat adds to every request (`_own`)."""

    def __init__(self, settings: UpstreamSettings) -> None:
        self.name = settings.name
        self.settings = settings
        self._pool: Pool | None = None
        self._own: list[tuple[bytes, bytes]] = []

    async def start(self) -> None:
        s = self.settings
        self._pool = Pool(s.base_url, max_connections=s.max_connections, connect_timeout=s.connect_timeout,
                          first_byte_timeout=s.first_byte_timeout, idle_timeout=s.idle_timeout)

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()


class HttpUpstream(PooledUpstream):
    """An OpenAI- or Anthropic-compatible HTTP backend."""

    def __init__(self, settings: UpstreamSettings) -> None:
        super().__init__(settings)
        self.dialects: frozenset[str] = frozenset({settings.kind})
        credential = settings.credential()
        # Moat always sends a JSON body it has read (and maybe decoded or rewritten) itself.
        self._own.append((b"content-type", b"application/json"))
        if credential:
            if settings.kind == "anthropic":
                self._own.append((b"x-api-key", credential.encode("latin-1")))
            else:
                self._own.append((b"authorization", b"Bearer " + credential.encode("latin-1")))

    async def send(self, api: str, path: str, body: bytes, *, stream: bool,
                   headers: ForwardHeaders | Mapping[str, str], query: bytes = b"") -> UpstreamResponse:
        assert self._pool is not None, "upstream not started"
        s = self.settings
        if isinstance(headers, Mapping):  # a caller's own few headers, by name
            headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
        request_headers = [*headers, *self._own]
        target = f"{path}?{query.decode('latin-1')}" if query else path
        attempt = 0
        while True:
            try:
                response = await self._pool.post(target, body, request_headers)
            except UpstreamUnavailable:
                if attempt < s.retries:
                    attempt += 1
                    await asyncio.sleep(_RETRY_UNREACHABLE.delay(attempt))
                    continue
                raise
            if response.status in RETRY_STATUSES and attempt < s.retries:
                response.close()
                attempt += 1
                await asyncio.sleep(_RETRY_STATUS.delay(attempt))
                continue
            return response


@dataclass(frozen=True, slots=True)
class Route:
    upstream: Upstream
    upstream_model: str  # empty: keep the client's model name


class Router:
    """Model name → upstream, exact names first, then globs in configured order."""

    def __init__(self, upstreams: dict[str, Upstream], routes: list[RouteSettings]) -> None:
        for route in routes:
            if route.upstream not in upstreams:
                raise ValueError(f"route for '{route.model}' names unknown upstream '{route.upstream}'")
        self.upstreams = upstreams
        self._exact = {r.model: r for r in routes if not any(c in r.model for c in "*?[")}
        self._globs = [r for r in routes if r.model not in self._exact]
        self._cache: dict[tuple[str, str], Route] = {}

    def route(self, model: str, api: str) -> Route:
        key = (model, api)
        found = self._cache.get(key)
        if found is not None:
            return found
        setting = self._exact.get(model) or next(
            (r for r in self._globs if fnmatch.fnmatchcase(model, r.model)), None)
        if setting is None:
            raise NotFound(f"The model '{model}' does not exist or you do not have access to it.",
                           code="model_not_found")
        upstream = self.upstreams[setting.upstream]
        if api not in upstream.dialects:
            raise NotFound(f"The model '{model}' is not served on the {api} API of this gateway.",
                           code="model_not_found")
        found = Route(upstream, setting.upstream_model)
        if len(self._cache) < 10_000:
            self._cache[key] = found
        return found

    async def start(self) -> None:
        for upstream in self.upstreams.values():
            await upstream.start()

    async def close(self) -> None:
        for upstream in self.upstreams.values():
            await upstream.close()
