"""GET|HEAD /feed/restricted: the signed restricted-entity feed for platforms (moat.enforce.feed),
ETag / If-None-Match aware; 503 until this replica has signed its first feed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from moat.gateway.http import Receive, Scope, Send, header, send_json, send_response
from moat.gateway.routes import Route, exact

if TYPE_CHECKING:
    from moat.gateway.runtime import Runtime


async def handle_feed(rt: Runtime, scope: Scope, receive: Receive, send: Send, request_id: str) -> None:
    feed = rt.feed
    if feed is None:
        await send_json(send, 503, {"error": {"message": "the feed is not ready", "type": "overloaded_error"}})
        return
    status, body, headers = feed.http_response(header(scope, b"if-none-match"))
    await send_response(send, status, body if scope["method"] == "GET" else b"",
                        [(k.encode(), v.encode()) for k, v in headers.items()])


ROUTES: list[Route] = [exact("/feed/restricted", handle_feed, "GET", "HEAD")]
