"""Calls to an upstream beside the model calls: its model catalog, its stored responses.

They are rare (a models listing every few minutes, a client reading back a stored response), so
they use a plain httpx client rather than the relay's pooled one (moat.gateway.httpclient), and
carry the upstream's own credentials as the relay does: `Authorization: Bearer` for OpenAI,
`x-api-key` and an `anthropic-version` for Anthropic.
"""

from __future__ import annotations

import httpx

from moat.config import UpstreamSettings

ANTHROPIC_VERSION = "2023-06-01"
TIMEOUT = 5.0  # seconds, at most: nobody waits long for a listing


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


async def side_call(settings: UpstreamSettings, method: str, path: str, *, query: bytes = b"") -> httpx.Response:
    """`method` on `path` under the upstream's base URL; raises httpx.HTTPError when it cannot."""
    url = settings.base_url.rstrip("/") + path + ("?" + query.decode("latin-1") if query else "")
    async with httpx.AsyncClient(timeout=min(TIMEOUT, settings.timeout or TIMEOUT)) as client:
        return await client.request(method, url, headers=auth_headers(settings))
