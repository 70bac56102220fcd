"""Calls to an upstream beside the model calls: its model catalog, its stored responses.

They are rare next to model calls (a models listing every few minutes, a client reading back a
stored response), so they use a plain httpx client rather than the relay's pooled one
(moat.gateway.httpclient), and carry the upstream's own credentials as the relay does:
`Authorization: Bearer` for OpenAI, `x-api-key` and an `anthropic-version` for Anthropic.

Not so rare that a client may cost much: a client polling a background response reads it every
100 ms, and the settler polls every pending one. A new httpx client loads a CA bundle into a new
TLS context (10-45 ms of CPU, measured) and reads the environment for proxies (0.7 ms), so every
client is made with one TLS context per process (`tls_context`, the system's trust store, as the
relay's pool uses) and without the environment (the relay's pool uses no proxy either: the side
calls go where the model calls go, the same way): under 0.1 ms.

Moat's own calls (a models listing, the background settler's polls) send only those. A call made
for a client (reading back its stored response) also carries the client's headers, filtered by
the model calls' rules (moat.gateway.forwarding), so the upstream sees the same user agent,
`OpenAI-Organization`/`-Project` and `x-stainless-*` as it would directly; its answer is asked for
uncompressed (`Accept-Encoding: identity`), as the relay asks, so its headers describe the body the
client gets.
"""

from __future__ import annotations

import functools
import ssl
from collections.abc import Sequence

import httpx

from moat.config import UpstreamSettings

ANTHROPIC_VERSION = "2023-06-01"
TIMEOUT = 5.0  # seconds, at most: nobody waits long for a listing

Headers = list[tuple[bytes, bytes]]


@functools.cache
def tls_context() -> ssl.SSLContext:
    """One TLS context for every side call of this process (it is read-only once made)."""
    return ssl.create_default_context()


def side_client(timeout: float | httpx.Timeout) -> httpx.AsyncClient:
    """An httpx client for one side call (or one resumed stream), cheap to make: see the docstring."""
    return httpx.AsyncClient(timeout=timeout, verify=tls_context(), trust_env=False)


def auth_headers(settings: UpstreamSettings) -> dict[str, str]:
    headers = {"accept": "application/json"}
    credential = settings.credential()
    if settings.kind == "anthropic":
        headers["anthropic-version"] = ANTHROPIC_VERSION
        if credential:
            headers["x-api-key"] = credential
    elif credential:
        headers["authorization"] = f"Bearer {credential}"
    return headers


def client_call_headers(settings: UpstreamSettings, forwarded: Sequence[tuple[bytes, bytes]]) -> Headers:
    """The headers of a call made for a client: its `forwarded` headers (already filtered: never its
    credentials nor Accept-Encoding), then the upstream's credentials; Moat's `accept` (and
    `anthropic-version`) only where the client sent none."""
    sent = {name for name, _ in forwarded}
    out: Headers = [*forwarded, (b"accept-encoding", b"identity")]
    for name, value in auth_headers(settings).items():
        key = name.encode("latin-1")
        if key in (b"accept", b"anthropic-version") and key in sent:
            continue
        out.append((key, value.encode("latin-1")))
    return out


def upstream_headers(answer: httpx.Response) -> Headers:
    """An httpx answer's headers as the relay holds them: lower-case names, in order. The body was
    read decoded, so a Content-Encoding no longer describes it and is left out."""
    return [(name.lower(), value) for name, value in answer.headers.raw if name.lower() != b"content-encoding"]


async def side_call(settings: UpstreamSettings, method: str, path: str, *, query: bytes = b"",
                    forwarded: Sequence[tuple[bytes, bytes]] | None = None) -> httpx.Response:
    """`method` on `path` under the upstream's base URL; raises httpx.HTTPError when it cannot.
    `forwarded`: the client's headers, for a call made on its behalf (client_call_headers)."""
    url = settings.base_url.rstrip("/") + path + ("?" + query.decode("latin-1") if query else "")
    headers: Headers | dict[str, str] = auth_headers(settings) if forwarded is None else \
        client_call_headers(settings, forwarded)
    async with side_client(min(TIMEOUT, settings.timeout or TIMEOUT)) as client:
        return await client.request(method, url, headers=headers)
