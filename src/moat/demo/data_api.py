"""The built-in demo data API: a firehose, a search and user lookups, shaped like a social network's v2 API.

`moat demo` serves it on its own local port and reaches it the way an operator reaches a real
provider: a `kind = "http"` upstream with data routes (moat.demo.data_setup), so every request goes
through the data relay's real code path (authentication, decide, metering, cutting, recording).
It trusts nothing and checks nothing about the caller: keys are Moat's business, in front of it.

    GET /2/tweets/search/stream          ndjson, one {"data": post} line every 50 ms in bursts,
                                         a keep-alive blank line every second; never ends
    GET /2/tweets/search/recent          ?query=&start_time=&end_time=&max_results= (last 7 days)
    GET /2/tweets/search/all             the same over the whole archive
    GET /2/users/:id                     {"data": user}

Bad input is a 400 in the API's own error shape, `{"errors": [{"title", "detail", "type"}]}`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs

import orjson

from moat.demo import posts

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

BURST = 10  # posts per burst of the firehose
BURST_INTERVAL = 0.05  # seconds between bursts: 200 posts a second
KEEP_ALIVE = 1.0  # seconds between keep-alive lines
RECENT_DAYS = 7
MAX_RESULTS = (10, 100)


class BadInput(Exception):
    def __init__(self, status: int, title: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail = status, title, detail


def _time(params: dict[str, list[str]], name: str, default: float) -> float:
    values = params.get(name)
    if not values:
        return default
    try:
        return datetime.fromisoformat(values[0].replace("Z", "+00:00")).timestamp()
    except ValueError:
        raise BadInput(400, "Invalid Request", f"{name} must be an ISO 8601 time such as "
                                               f"2026-01-31T00:00:00Z, got {values[0]!r}") from None


def search_answer(path: str, query_string: bytes, now: float) -> dict[str, Any]:
    params = parse_qs(query_string.decode("latin-1"))
    query = (params.get("query") or [""])[0].strip()
    if not query:
        raise BadInput(400, "Invalid Request", "query is required, e.g. ?query=weather")
    end = _time(params, "end_time", now - 30)
    start = _time(params, "start_time", end - 86400)
    if not start < end <= now:
        raise BadInput(400, "Invalid Request", "start_time must be before end_time, and end_time not in the future")
    if path.endswith("/recent") and start < now - RECENT_DAYS * 86400:
        raise BadInput(400, "Invalid Request", f"start_time must be within the last {RECENT_DAYS} days; "
                                               "search the archive at /2/tweets/search/all")
    raw = (params.get("max_results") or ["10"])[0]
    if not raw.isdigit() or not MAX_RESULTS[0] <= int(raw) <= MAX_RESULTS[1]:
        raise BadInput(400, "Invalid Request", f"max_results must be a number from {MAX_RESULTS[0]} to "
                                               f"{MAX_RESULTS[1]}, got {raw!r}")
    found = posts.search(query, start, end, int(raw))
    meta = {"result_count": len(found), "newest_id": found[0]["id"], "oldest_id": found[-1]["id"]}
    return {"data": found, "meta": meta}


def user_answer(path: str) -> dict[str, Any]:
    user_id = path.removeprefix("/2/users/")
    if not user_id.isdigit():
        raise BadInput(400, "Invalid Request", f"the user id must be a number, got {user_id!r}")
    if not 1 <= int(user_id) <= posts.USERS:
        raise BadInput(404, "Not Found Error", f"Could not find user with id: [{user_id}].")
    return {"data": posts.user(int(user_id))}


class DemoDataApi:
    """The ASGI app; `clock` is injected so tests can pin "now" for the search windows."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # served with lifespan off: nothing to start or stop
            return
        path: str = scope["path"]
        try:
            if scope["method"] != "GET":
                raise BadInput(405, "Method Not Allowed", f"{scope['method']} is not allowed; use GET")
            if path == "/2/tweets/search/stream":
                await self._firehose(receive, send)
                return
            if path in ("/2/tweets/search/recent", "/2/tweets/search/all"):
                body = search_answer(path, scope["query_string"], self.clock())
            elif path.startswith("/2/users/"):
                body = user_answer(path)
            else:
                raise BadInput(404, "Not Found Error", f"no endpoint at {path}")
        except BadInput as exc:
            error = {"errors": [{"title": exc.title, "detail": exc.detail, "type": "about:blank"}]}
            await _send(send, exc.status, "application/json", orjson.dumps(error))
            return
        await _send(send, 200, "application/json", orjson.dumps(body))

    async def _firehose(self, receive: Receive, send: Send) -> None:
        """Posts in bursts until the client goes away (a disconnect, or a send that fails)."""
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/x-ndjson")]})
        gone = asyncio.create_task(_disconnected(receive))
        n, quiet = 0, 0.0
        try:
            while not gone.done():
                lines = [orjson.dumps({"data": posts.firehose_post(i)}) + b"\n" for i in range(n, n + BURST)]
                n += BURST
                quiet += BURST_INTERVAL
                if quiet >= KEEP_ALIVE:
                    lines.append(b"\r\n")
                    quiet = 0.0
                await send({"type": "http.response.body", "body": b"".join(lines), "more_body": True})
                await asyncio.wait({gone}, timeout=BURST_INTERVAL)
        except OSError:  # the client's connection is gone mid-write
            pass
        finally:
            gone.cancel()


async def _disconnected(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


async def _send(send: Send, status: int, content_type: str, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
