"""A recording fake data API: a social network's v2 API, the way firehose and search clients meet it.

Written from the public shape of such APIs (a filtered-stream firehose, recent search, user lookup,
tweet creation), not from Moat's code. It is a real HTTP server (uvicorn, in a thread of the test
process), so Moat relays to it over a socket exactly as it would to the real thing.

Endpoints (every one needs `Authorization: Bearer UPSTREAM_TOKEN`, else 401 in the API's own shape):

  GET    /2/tweets/search/stream   the firehose: one ~1 KB tweet per line ("\\r\\n" after each, as the
                                   real one), keep-alive blank lines ("\\r\\n") while idle, never ending;
                                   content-type application/json (like the real one: a route must say
                                   `items = "ndjson"`)
  GET    /2/tweets/sample/stream   the same with "\\n" and content-type application/x-ndjson
  GET    /2/tweets/firehose/sse    the same as server-sent events (`event: tweet`, `: keep-alive` comments)
  GET    /2/tweets/search/recent   ?query=&max_results= (10..100, else 400): {"data": [...], "meta": {...}}
  GET    /2/tweets/bulk?count=N    one page of N tweets, {"data": [...], "meta": {...}} (1,500: ~1.6 MB)
  GET    /2/users/:id              {"data": {"id", "name", "username"}} (HEAD: its headers alone)
  POST   /2/tweets                 a JSON body {"text": ...}: 201 {"data": {"id", "text", ...}}
  DELETE /2/tweets/:id             {"data": {"deleted": true}}
  GET    /2/errors/429, /2/errors/503   the upstream's own errors (429 with x-rate-limit-* headers)
  GET    /labs/datasets/:name/rows?limit=   another API under a base path, keyed by `x-api-key: LABS_TOKEN`
                                   (bare): {"data": [rows], "meta": {...}}

Streams take their pace from the query string (the parameters pass through Moat unchanged):
`fake_rate` items per second (default 20), `fake_count` items then the stream ends (default: never),
`fake_keepalive` seconds of silence before a keep-alive line (default 0.5, 0 for none), `fake_burst`
items written at once (default 1: a busy firehose coalesces items into one write), `fake_size`
characters of text per tweet (default 860, non-ASCII included), `fake_split=1` to write each write in
two halves 20 ms apart, cut mid-item inside a multi-byte character; `fake_abort_after=N` to drop the
connection after N items, with no end to the HTTP response (an upstream crashing mid-stream).

Every answer except the streams' `created_at` is a deterministic function of the request, so the same
call made directly and through Moat gets byte-identical answers. Every request is recorded (method,
path, raw query, headers in order, raw body) with the exact bytes sent back, the number of items
sent and when the client (Moat) went away.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs

from tests.moat_process import ServedInThread

UPSTREAM_TOKEN = "upstream-social-bearer-AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0"
LABS_TOKEN = "upstream-labs-key-5f0c1d2e3a4b"  # the /labs/ API takes its key bare, in x-api-key

# Authors the firehose cycles through: item resources are these ids, in this order.
AUTHORS = ["2244994945", "783214", "17874544", "6253282", "95731075", "50393960", "1349149096909668363"]

COMMON_HEADERS = [
    ("cache-control", "no-cache, no-store, max-age=0"),
    ("x-access-level", "read"),
    ("x-rate-limit-limit", "450"),
    ("x-rate-limit-remaining", "449"),
    ("x-rate-limit-reset", "1796000000"),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "SAMEORIGIN"),
    ("x-response-time", "17"),
]

FILLER = ("Public conversation about open data, research access and the weather in the café today ☕; "
          "people share links, photos and opinions 🚀, and the thread keeps growing as replies arrive — ")


@dataclass
class Received:
    """One request as the upstream saw it, and what it sent back."""

    method: str
    path: str
    query: str
    headers: list[tuple[str, str]]
    body: bytes
    status: int = 0
    sent: bytearray = field(default_factory=bytearray)
    items_sent: int = 0
    started: float = field(default_factory=time.time)
    finished: float | None = None  # the upstream ended the body itself
    disconnected: float | None = None  # the client (Moat) went away

    def header(self, name: str) -> str | None:
        values = self.header_list(name)
        return values[0] if values else None

    def header_list(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k == name.lower()]


def _dumps(obj: Any) -> bytes:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode()


def _digits(seed: str, n: int = 19) -> str:
    value = int(hashlib.sha256(seed.encode()).hexdigest(), 16)
    return str(value)[:n]


def tweet(seq: int, seed: str, created_at: str, size: int = 860) -> dict[str, Any]:
    """A tweet of about 1 KB (or `size` characters of text): id, author_id, text (what consumers read)."""
    ident = _digits(f"{seed}/{seq}")
    text = f"#{seq} {FILLER * (size // len(FILLER) + 1)}"[:size]
    return {"id": ident, "author_id": AUTHORS[seq % len(AUTHORS)], "text": text, "created_at": created_at,
            "edit_history_tweet_ids": [ident], "lang": "en"}


def _now_iso() -> str:
    now = datetime.now(UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def _problem(status: int, title: str, detail: str) -> dict[str, Any]:
    return {"title": title, "detail": detail, "type": "about:blank", "status": status}


class UpstreamAbort(Exception):
    """Raised inside a response to make the server drop the connection mid-body."""


class FakeDataAPI(ServedInThread):
    what = "fake data API"

    def __init__(self) -> None:
        self.records: list[Received] = []
        self._lock = threading.Lock()
        super().__init__()

    def tagged(self, tag: str) -> list[Received]:
        """The requests that carried `x-conformance-id: tag` (clients set it; a relay passes it on)."""
        with self._lock:
            return [r for r in self.records if r.header("x-conformance-id") == tag]

    def one(self, tag: str, timeout: float = 5.0) -> Received:
        deadline = time.monotonic() + timeout
        while True:
            found = self.tagged(tag)
            if found or time.monotonic() > deadline:
                break
            time.sleep(0.02)
        assert len(found) == 1, f"the upstream received {len(found)} requests tagged {tag}, expected 1"
        return found[0]

    @staticmethod
    def wait_disconnected(rec: Received, deadline: float) -> float | None:
        """When the client (Moat) closed this request's connection, waiting until `deadline` (wall clock)."""
        while rec.disconnected is None and time.time() < deadline:
            time.sleep(0.02)
        return rec.disconnected

    # -- ASGI -------------------------------------------------------------------------------------

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        chunks = []
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        rec = Received(scope["method"], scope["path"], scope.get("query_string", b"").decode("latin-1"),
                       [(k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in scope["headers"]],
                       b"".join(chunks))
        with self._lock:
            self.records.append(rec)
        watch = asyncio.ensure_future(self._watch(receive, rec))
        try:
            await self._route(rec, send)
        except UpstreamAbort:
            rec.finished = time.time()
            raise  # uvicorn closes the connection without ending the chunked body
        except Exception as exc:  # a bug in the fake must show, not hang
            await self._json(rec, send, 599, {"fake_upstream_bug": repr(exc)})
        finally:
            watch.cancel()

    @staticmethod
    async def _watch(receive: Any, rec: Received) -> None:
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                rec.disconnected = time.time()
                return

    async def _route(self, rec: Received, send: Any) -> None:
        if rec.path.startswith("/labs/"):
            return await self._labs(rec, send)
        if rec.header("authorization") != f"Bearer {UPSTREAM_TOKEN}":
            return await self._json(rec, send, 401, _problem(401, "Unauthorized", "Unauthorized"))
        path, method = rec.path, rec.method
        params = parse_qs(rec.query, keep_blank_values=True)
        if method == "GET" and path == "/2/tweets/search/stream":
            return await self._firehose(rec, send, params, "ndjson-crlf")
        if method == "GET" and path == "/2/tweets/sample/stream":
            return await self._firehose(rec, send, params, "ndjson")
        if method == "GET" and path == "/2/tweets/firehose/sse":
            return await self._firehose(rec, send, params, "sse")
        if method == "GET" and path == "/2/tweets/search/recent":
            return await self._search(rec, send, params)
        if method == "GET" and path == "/2/tweets/bulk":
            count = int((params.get("count") or ["100"])[0])
            data = [tweet(i, "bulk", "2026-11-30T00:00:00.000Z") for i in range(count)]
            return await self._json(rec, send, 200, {"data": data, "meta": {"result_count": count}})
        if method in ("GET", "HEAD") and path.startswith("/2/users/"):  # HEAD: uvicorn drops the body
            return await self._user(rec, send, path.removeprefix("/2/users/"))
        if method == "POST" and path == "/2/tweets":
            return await self._create(rec, send)
        if method == "DELETE" and path.startswith("/2/tweets/"):
            return await self._json(rec, send, 200, {"data": {"deleted": True}})
        if path == "/2/errors/429":
            reset = [("x-rate-limit-limit", "450"), ("x-rate-limit-remaining", "0"),
                     ("x-rate-limit-reset", "1796000900")]
            return await self._json(rec, send, 429, _problem(429, "Too Many Requests", "Too Many Requests"),
                                    headers=reset)
        if path == "/2/errors/503":
            return await self._json(rec, send, 503, {"errors": [{"message": "Service Unavailable", "code": 130}],
                                                     "title": "Service Unavailable", "type": "about:blank"},
                                    headers=[("retry-after", "30")])
        await self._json(rec, send, 404, {"errors": [{"message": "The requested resource could not be found"}],
                                          "title": "Not Found Error", "detail": f"Cannot {method} {path}",
                                          "type": "https://api.twitter.com/2/problems/resource-not-found"})

    # -- endpoints ---------------------------------------------------------------------------------

    async def _search(self, rec: Received, send: Any, params: dict[str, list[str]]) -> None:
        query = (params.get("query") or [""])[0]
        raw_max = (params.get("max_results") or ["10"])[0]
        if not query or not raw_max.isdigit() or not 10 <= int(raw_max) <= 100:
            bad = "query" if not query else "max_results"
            value = query if not query else raw_max
            return await self._json(rec, send, 400, {
                "errors": [{"parameters": {bad: [value]},
                            "message": f"The `{bad}` query parameter value [{value}] is not valid"}],
                "title": "Invalid Request", "detail": "One or more parameters to your request was invalid.",
                "type": "https://api.twitter.com/2/problems/invalid-request"})
        data = [tweet(i, f"search/{query}", "2026-12-01T12:00:00.000Z") for i in range(int(raw_max))]
        meta = {"newest_id": data[0]["id"], "oldest_id": data[-1]["id"], "result_count": len(data),
                "next_token": "b26v89c19zqg8o3fpe17lmh6twt2kts3fyr8ne7wpj0f1"}
        await self._json(rec, send, 200, {"data": data, "meta": meta})

    async def _labs(self, rec: Received, send: Any) -> None:
        if rec.header_list("x-api-key") != [LABS_TOKEN]:
            return await self._json(rec, send, 401, _problem(401, "Unauthorized", "x-api-key"))
        parts = rec.path.split("/")  # ["", "labs", "datasets", name, "rows"]
        if len(parts) != 5 or parts[2] != "datasets" or parts[4] != "rows":
            return await self._json(rec, send, 404, _problem(404, "Not Found", rec.path))
        limit = int((parse_qs(rec.query).get("limit") or ["5"])[0])
        rows = [{"row": i, "dataset": parts[3], "author_id": AUTHORS[i % len(AUTHORS)]} for i in range(limit)]
        await self._json(rec, send, 200, {"data": rows, "meta": {"result_count": limit}})

    async def _user(self, rec: Received, send: Any, ident: str) -> None:
        if not ident.isdigit():
            return await self._json(rec, send, 400, {
                "errors": [{"parameters": {"id": [ident]}, "message": "The `id` query parameter value "
                            f"[{ident}] does not match ^[0-9]{{1,19}}$"}],
                "title": "Invalid Request", "detail": "One or more parameters to your request was invalid.",
                "type": "https://api.twitter.com/2/problems/invalid-request"})
        await self._json(rec, send, 200, {"data": {"id": ident, "name": f"User {ident}", "username": f"user_{ident}"}})

    async def _create(self, rec: Received, send: Any) -> None:
        try:
            body = json.loads(rec.body)
            text = body["text"]
        except (ValueError, KeyError, TypeError):
            return await self._json(rec, send, 400, _problem(400, "Invalid Request", "A JSON body with `text`."))
        ident = _digits(f"create/{text}")
        await self._json(rec, send, 201, {"data": {"id": ident, "text": text, "edit_history_tweet_ids": [ident]}})

    async def _firehose(self, rec: Received, send: Any, params: dict[str, list[str]], framing: str) -> None:
        rate = float((params.get("fake_rate") or ["20"])[0])
        count_text = (params.get("fake_count") or [""])[0]
        count = int(count_text) if count_text else None
        keepalive = float((params.get("fake_keepalive") or ["0.5"])[0])
        burst = int((params.get("fake_burst") or ["1"])[0])
        size = int((params.get("fake_size") or ["860"])[0])
        split = (params.get("fake_split") or ["0"])[0] == "1"
        abort_text = (params.get("fake_abort_after") or [""])[0]
        abort_after = int(abort_text) if abort_text else None
        content_type = {"ndjson-crlf": b"application/json; charset=utf-8", "ndjson": b"application/x-ndjson",
                        "sse": b"text/event-stream; charset=utf-8"}[framing]
        headers = [(b"content-type", content_type), *[(k.encode(), v.encode()) for k, v in self._headers(rec)]]
        rec.status = 200
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        seed = f"stream/{rec.query}/{rec.started}"
        start = time.monotonic()
        next_item, last_write, seq = start, start, 0
        while count is None or seq < count:
            if rec.disconnected is not None:
                return
            if abort_after is not None and seq >= abort_after:
                await asyncio.sleep(0.05)
                raise UpstreamAbort
            now = time.monotonic()
            if now >= next_item:
                chunk = b""
                for _ in range(burst if count is None else min(burst, count - seq)):
                    item = {"data": tweet(seq, seed, _now_iso(), size),
                            "matching_rules": [{"id": "1795000000000000000", "tag": "conformance"}]}
                    if framing == "sse":
                        chunk += b"id: %d\nevent: tweet\ndata: " % seq + _dumps(item) + b"\n\n"
                    else:
                        chunk += _dumps(item) + (b"\r\n" if framing == "ndjson-crlf" else b"\n")
                    seq += 1
                if split:
                    half = len(chunk) // 2
                    while half < len(chunk) - 1 and not 0x80 <= chunk[half] < 0xC0:
                        half += 1  # inside a multi-byte UTF-8 character, when the write has one past its middle
                    await self._write(rec, send, chunk[:half])
                    await asyncio.sleep(0.02)
                    chunk = chunk[half:]
                await self._write(rec, send, chunk)
                rec.items_sent = seq
                next_item += burst / rate
                last_write = time.monotonic()
            elif keepalive and now - last_write >= keepalive:
                await self._write(rec, send, b": keep-alive\n\n" if framing == "sse" else
                                  b"\r\n" if framing == "ndjson-crlf" else b"\n")
                last_write = time.monotonic()
            else:
                wake = next_item if not keepalive else min(next_item, last_write + keepalive)
                await asyncio.sleep(max(0.0, wake - now))
        await send({"type": "http.response.body", "body": b""})
        rec.finished = time.time()

    # -- helpers -----------------------------------------------------------------------------------

    @staticmethod
    def _headers(rec: Received) -> list[tuple[str, str]]:
        transaction = hashlib.sha256(f"{rec.method} {rec.path}?{rec.query}".encode()).hexdigest()[:16]
        return [("x-transaction-id", transaction), *COMMON_HEADERS]

    @staticmethod
    async def _write(rec: Received, send: Any, chunk: bytes) -> None:
        await send({"type": "http.response.body", "body": chunk, "more_body": True})
        rec.sent += chunk

    async def _json(self, rec: Received, send: Any, status: int, obj: Any,
                    headers: list[tuple[str, str]] | None = None) -> None:
        data = _dumps(obj)
        own = dict(headers or [])
        merged = [(k, v) for k, v in self._headers(rec) if k not in own] + list(own.items())
        rec.status = status
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json; charset=utf-8"),
                                (b"content-length", str(len(data)).encode()),
                                *[(k.encode(), v.encode()) for k, v in merged]]})
        await send({"type": "http.response.body", "body": data})
        rec.sent += data
        rec.finished = time.time()
