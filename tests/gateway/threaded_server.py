"""The plumbing the gateway tests' upstreams share: a real HTTP/1.1 server on its own asyncio loop in a
daemon thread, and the reading of one request off a connection. Each upstream writes its answers."""

from __future__ import annotations

import asyncio
import threading
from typing import Self

Request = tuple[str, str, list[tuple[str, str]], bytes]  # method, target, headers (lower-case names), body


class ThreadedServer:
    """Listens on 127.0.0.1 (a free port, in `port` once `start()` returned); `_serve` answers each request."""

    read_limit = 1 << 16  # asyncio's stream buffer: the longest request head and line it reads

    def __init__(self) -> None:
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> Self:
        self._thread.start()
        self._ready.wait(10)
        return self

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(
            asyncio.start_server(self._handle, "127.0.0.1", 0, limit=self.read_limit))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Serve one kept-alive connection, request by request, until the client leaves or `_serve`
        says to close it (False)."""
        try:
            while await self._serve(await read_request(reader), writer):
                pass
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def _serve(self, request: Request, writer: asyncio.StreamWriter) -> bool:
        """Answer one request; False closes the connection."""
        raise NotImplementedError

    @staticmethod
    async def _send(writer: asyncio.StreamWriter, status: int, body: bytes, content_type: str = "application/json",
                    extra: str = "") -> None:
        """A whole answer: status, content type, length, `extra` header lines (each ending in CRLF), body."""
        writer.write(f"HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ncontent-length: {len(body)}\r\n"
                     f"{extra}\r\n".encode() + body)
        await writer.drain()


async def read_request(reader: asyncio.StreamReader) -> Request:
    """The next request on a kept-alive connection (IncompleteReadError when the client left)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, target, _ = lines[0].split(" ", 2)
    headers = [(k.strip().lower(), v.strip()) for k, _, v in (line.partition(":") for line in lines[1:] if line)]
    body = await reader.readexactly(int(dict(headers).get("content-length", "0")))
    return method, target, headers, body
