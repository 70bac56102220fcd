"""A whole answer leaves in one write, head and body together (moat.gateway.server._OneWriteCycle,
issue 12 speed); a streamed answer's head still leaves at once, before its first event.

The cycle is uvicorn's, driven through its ASGI `send` as the app drives it; the transport below
stands for the socket and keeps what each `write` carried (one write: one system call)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest
from uvicorn.protocols.http.flow_control import FlowControl

from moat.gateway.server import _OneWriteCycle


class _Socket:
    """The transport's side of a connection: each write, as it was made."""

    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        self.writes.append(bytes(data))

    def writelines(self, pieces: Any) -> None:  # one writev
        self.writes.append(b"".join(pieces))

    def close(self) -> None:
        self.closed = True

    def is_closing(self) -> bool:
        return self.closed

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass


def _cycle(sock: _Socket, method: str = "POST") -> _OneWriteCycle:
    logger = logging.getLogger("test")
    completed: list[bool] = []
    cycle = _OneWriteCycle(
        scope={"type": "http", "method": method, "path": "/v1/chat/completions", "headers": []},  # type: ignore[typeddict-item]
        transport=sock,  # type: ignore[arg-type]
        flow=FlowControl(sock),  # type: ignore[arg-type]
        logger=logger, access_logger=logger, access_log=False, default_headers=[],
        message_event=asyncio.Event(), expect_100_continue=False, keep_alive=True,
        on_response=lambda: completed.append(True))
    return cycle


def test_a_whole_answer_is_one_write() -> None:
    async def go() -> None:
        sock = _Socket()
        cycle = _cycle(sock)
        body = b'{"object":"chat.completion"}'
        await cycle.send({"type": "http.response.start", "status": 200,
                          "headers": [(b"content-type", b"application/json"),
                                      (b"content-length", str(len(body)).encode())]})
        assert sock.writes == []  # held for its body
        await cycle.send({"type": "http.response.body", "body": body})
        assert len(sock.writes) == 1
        assert sock.writes[0] == (b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 28\r\n\r\n"
                                  + body)
        assert cycle.response_complete and not sock.closed

    asyncio.run(go())


def test_a_large_whole_answer_is_one_write_uncopied() -> None:
    async def go() -> None:
        sock = _Socket()
        cycle = _cycle(sock)
        body = b"x" * (1 << 20)
        await cycle.send({"type": "http.response.start", "status": 200,
                          "headers": [(b"content-length", str(len(body)).encode())]})
        await cycle.send({"type": "http.response.body", "body": body})
        assert len(sock.writes) == 1 and sock.writes[0].endswith(b"\r\n\r\n" + body)

    asyncio.run(go())


def test_a_streamed_answer_sends_its_head_at_once() -> None:
    async def go() -> None:
        sock = _Socket()
        cycle = _cycle(sock)
        await cycle.send({"type": "http.response.start", "status": 200,
                          "headers": [(b"content-type", b"text/event-stream")]})
        assert len(sock.writes) == 1 and sock.writes[0].startswith(b"HTTP/1.1 200 OK\r\n")
        assert b"transfer-encoding: chunked" in sock.writes[0]
        await cycle.send({"type": "http.response.body", "body": b"data: 1\n\n", "more_body": True})
        await cycle.send({"type": "http.response.body", "body": b"", "more_body": False})
        assert sock.writes[1:] == [b"9\r\ndata: 1\n\n\r\n", b"0\r\n\r\n"]
        assert cycle.response_complete

    asyncio.run(go())


def test_an_answer_to_head_is_not_held() -> None:
    async def go() -> None:
        sock = _Socket()
        cycle = _cycle(sock, method="HEAD")
        await cycle.send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"5")]})
        assert len(sock.writes) == 1
        await cycle.send({"type": "http.response.body", "body": b""})
        assert cycle.response_complete

    asyncio.run(go())


def test_a_bad_header_value_is_still_refused() -> None:
    async def go() -> None:
        sock = _Socket()
        cycle = _cycle(sock)
        with pytest.raises(RuntimeError, match="header value"):
            await cycle.send({"type": "http.response.start", "status": 200,
                              "headers": [(b"x-bad", b"a\r\nb"), (b"content-length", b"0")]})
        assert sock.writes == []

    asyncio.run(go())
