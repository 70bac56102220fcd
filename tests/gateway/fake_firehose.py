"""A real HTTP data API for the data-route tests: a firehose that never ends, lookups, an echo.

  GET  /2/tweets/search/stream?count=N&every=S&format=ndjson|sse&size=B&batch=K&stamp=1
        N items (0: without end), K at a time (default 1) every S seconds (default 0.01), each about
        B bytes, with a keep-alive line (ndjson "\\r\\n", sse ": ka") after each batch; chunked
        transfer encoding. `stamp=1` puts the send time in each item ("t", for latency benchmarks)
  GET  /2/users/<id>/tweets      {"data": [3 items]} (a lookup: counted as 3 items)
  ANY  /echo/...                 what arrived: method, path, query, headers, body (as text)
  GET  /fail/<status>            that status with the API's own error body and a header of its own

Every item is {"data": {"id": "<n>", "author_id": "u<n % 7>", "text": "..."}}. `stats` counts
requests and streams the gateway closed.
"""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import orjson

from tests.gateway.threaded_server import Request, ThreadedServer


def item(n: int, size: int = 100, stamp: float | None = None) -> bytes:
    text = "x" * max(0, size - (60 if stamp is None else 80))
    data: dict[str, Any] = {"id": str(n), "author_id": f"u{n % 7}", "text": text}
    if stamp is not None:
        data["t"] = stamp
    return orjson.dumps({"data": data})


class FakeFirehose(ThreadedServer):
    def __init__(self) -> None:
        super().__init__()
        self.stats: dict[str, Any] = {"requests": 0, "closed_by_client": 0, "last_headers": {}}

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _serve(self, request: Request, writer: asyncio.StreamWriter) -> bool:
        method, target, headers, body = request
        self.stats["requests"] += 1
        self.stats["last_headers"] = dict(headers)
        parts = urlsplit(target)
        return await self._answer(method, parts.path, parts.query, headers, body, writer)

    async def _answer(self, method: str, path: str, query: str, headers: list[tuple[str, str]], body: bytes,
                      writer: asyncio.StreamWriter) -> bool:
        if path.startswith("/echo"):
            echo = orjson.dumps({"method": method, "path": path, "query": query, "headers": headers,
                                 "body": body.decode()})
            if method == "HEAD":  # the headers a GET would have, no body
                writer.write(f"HTTP/1.1 200 X\r\ncontent-type: application/json\r\ncontent-length: {len(echo)}\r\n"
                             "x-upstream-own: yes\r\n\r\n".encode())
                await writer.drain()
                return True
            await self._send(writer, 200, echo, extra="x-upstream-own: yes\r\n")
            return True
        if path.startswith("/fail/"):
            status = int(path.rsplit("/", 1)[1])
            error = {"errors": [{"title": "Upstream says no", "detail": f"status {status}", "type": "about:blank"}]}
            await self._send(writer, status, orjson.dumps(error), extra="x-upstream-own: yes\r\n")
            return True
        if path.startswith("/2/users/"):
            user = path.split("/")[3]
            data = [orjson.loads(item(int(user) * 10 + i)) for i in range(3)]
            await self._send(writer, 200, orjson.dumps({"data": data, "meta": {"result_count": 3}}))
            return True
        if path.startswith("/2/tweets/search/stream"):
            return await self._stream(parse_qs(query), writer)
        await self._send(writer, 404, b'{"errors":[{"title":"Not Found Error"}]}')
        return True

    async def _stream(self, args: dict[str, list[str]], writer: asyncio.StreamWriter) -> bool:
        count = int(args.get("count", ["0"])[0])
        every = float(args.get("every", ["0.01"])[0])
        size = int(args.get("size", ["100"])[0])
        batch = int(args.get("batch", ["1"])[0])
        stamp = args.get("stamp", ["0"])[0] == "1"
        sse = args.get("format", ["ndjson"])[0] == "sse"
        kind = "text/event-stream" if sse else "application/x-ndjson"
        writer.write(f"HTTP/1.1 200 OK\r\ncontent-type: {kind}\r\ntransfer-encoding: chunked\r\n"
                     "x-upstream-own: yes\r\n\r\n".encode())
        keep_alive = b": ka\n\n" if sse else b"\r\n"
        body = [item(n, size) for n in range(batch)] if batch > 1 and not stamp else None  # the same ones: speed
        n = 0
        try:
            while count == 0 or n < count:
                k = batch if count == 0 else min(batch, count - n)
                now = time.time() if stamp else None
                items = [item(n + i, size, now) for i in range(k)] if body is None else body[:k]
                pieces = [b"data: " + one + b"\n\n" for one in items] if sse else [one + b"\n" for one in items]
                chunk = b"".join(pieces) + keep_alive
                writer.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                await writer.drain()
                n += k
                if every:
                    await asyncio.sleep(every)
            writer.write(b"0\r\n\r\n")
            await writer.drain()
            return True
        except ConnectionError:
            self.stats["closed_by_client"] += 1
            return False


if __name__ == "__main__":  # a firehose in a process of its own (bench/bench_firehose.py)
    fake = FakeFirehose().start()
    print(fake.port, flush=True)
    threading.Event().wait()
