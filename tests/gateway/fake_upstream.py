"""A real HTTP upstream for tests, misbehaving on request: the model name says how.

OpenAI shape under /v1/chat/completions, Responses under /v1/responses (fake_responses.py),
Anthropic shape under /v1/messages. Models:
  ok-*          a normal answer (streams when asked, with usage)
  nousage-*     streams without any usage (the gateway must count)
  slow-*        waits 3 s before answering (upstream timeout)
  reset-*       streams two events, then resets the connection
  hang-*        streams two events, then waits; counts how it ends (client-disconnect test)
  drip-*        streams its events 0.1 s apart, then finishes (graceful-shutdown test)
  status-NNN    answers with that HTTP status and an error body in the API's shape
  rawstatus-NNN answers with that HTTP status and a body in no API's shape (a proxy's page)
  midfail-*     streams two events, then an error event (Anthropic overloaded_error, OpenAI server_error)
GET /v1/models lists a catalog in the API's shape (Anthropic's when `anthropic-version` is sent).
GET /stats returns counters (connections closed by the gateway while hanging).
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import orjson

from tests.gateway import fake_responses
from tests.gateway.threaded_server import Request, ThreadedServer


class FakeUpstream(ThreadedServer):
    def __init__(self) -> None:
        super().__init__()
        self.stats: dict[str, int] = {"requests": 0, "hang_cancelled": 0}

    def stop(self) -> None:
        """Nothing to do: the loop runs in a daemon thread that ends with the test process."""

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    async def _serve(self, request: Request, writer: asyncio.StreamWriter) -> bool:
        method, path, pairs, body = request
        self.stats["requests"] += 1
        if path == "/stats":
            await self._send(writer, 200, orjson.dumps(self.stats))
            return True
        if path.startswith("/v1/responses/"):  # a stored response (fake_responses.stored)
            await self._send(writer, *fake_responses.stored(method, path))
            return True
        return await self._answer(path, orjson.loads(body) if body else {}, dict(pairs), writer)

    async def _answer(self, path: str, payload: dict[str, Any], headers: dict[str, str],
                      writer: asyncio.StreamWriter) -> bool:
        if path.split("?")[0].endswith("/models"):  # the upstream's own catalog, in its API's shape
            await self._send(writer, 200, orjson.dumps(_catalog("anthropic-version" in headers)))
            return True
        model = str(payload.get("model", "")).removeprefix("a-")
        anthropic = path.endswith("/messages")
        self.stats["last_auth_" + ("anthropic" if anthropic else "openai")] = int(
            bool(headers.get("x-api-key") or headers.get("authorization")))
        if model.startswith("status-"):
            status = int(model.split("-")[1])
            await self._send(writer, status, orjson.dumps(_error(anthropic, f"upstream says {status}", status)))
            return True
        if model.startswith("rawstatus-"):
            await self._send(writer, int(model.split("-")[1]), b"<html>bad gateway</html>", "text/html")
            return True
        if model.startswith("slow-"):
            await asyncio.sleep(3)
        if path.endswith("/responses"):  # the Responses API (tests/gateway/fake_responses.py)
            events = fake_responses.events(model)
            whole = fake_responses.whole(model)
        else:
            events = _events(anthropic, model, usage=not model.startswith("nousage-"))
            whole = _whole(anthropic, model)
        if not payload.get("stream"):
            await self._send(writer, 200, orjson.dumps(whole))
            return True
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n")
        for i, event in enumerate(events):
            writer.write(b"%x\r\n%s\r\n" % (len(event), event))
            await writer.drain()
            if i == 1 and model.startswith("midfail-"):
                failure = _stream_error(anthropic)
                writer.write(b"%x\r\n%s\r\n0\r\n\r\n" % (len(failure), failure))
                await writer.drain()
                return True
            if model.startswith("drip-"):
                await asyncio.sleep(0.1)
            if i == 1 and model.startswith("reset-"):
                sock = writer.get_extra_info("socket")
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                writer.transport.abort()
                return False
            if i == 1 and model.startswith("hang-"):
                try:
                    for _ in range(100):
                        await asyncio.sleep(0.05)
                        writer.write(b"1\r\n\n\r\n")  # keep writing: a closed peer shows up as an error
                        await writer.drain()
                except ConnectionError:
                    self.stats["hang_cancelled"] += 1
                    return False
                return False
        writer.write(b"0\r\n\r\n")
        await writer.drain()
        return True


def _error(anthropic: bool, message: str, status: int = 400) -> dict[str, Any]:
    kind = {429: "rate_limit_error", 500: "api_error", 503: "overloaded_error", 529: "overloaded_error"}.get(
        status, "invalid_request_error")
    if anthropic:
        return {"type": "error", "error": {"type": kind, "message": message}}
    return {"error": {"message": message, "type": kind, "param": None, "code": None}}


def _catalog(anthropic: bool) -> dict[str, Any]:
    if anthropic:
        return {"data": [{"type": "model", "id": i, "display_name": d, "created_at": "2025-01-01T00:00:00Z"}
                         for i, d in (("a-claude-fake", "Claude Fake"), ("a-ok-1", "OK"), ("claude-x", "X"))],
                "has_more": False, "first_id": "a-claude-fake", "last_id": "claude-x"}
    return {"object": "list", "data": [{"id": i, "object": "model", "created": 1700000000, "owned_by": "fake"}
                                       for i in ("gpt-fake-4", "ok-1", "a-openai-only", "internal")]}


def _stream_error(anthropic: bool) -> bytes:
    if anthropic:
        body = {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}
        return b"event: error\ndata: " + orjson.dumps(body) + b"\n\n"
    return b"data: " + orjson.dumps({"error": {"message": "The server had an error", "type": "server_error",
                                              "param": None, "code": None}}) + b"\n\n"


def _whole(anthropic: bool, model: str) -> dict[str, Any]:
    if anthropic:
        return {"id": "msg_fake", "type": "message", "role": "assistant", "model": model,
                "content": [{"type": "text", "text": "fake answer"}], "stop_reason": "end_turn",
                "stop_sequence": None, "usage": {"input_tokens": 11, "output_tokens": 7}}
    return {"id": "chatcmpl-fake", "object": "chat.completion", "created": 1, "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": "fake answer"},
                         "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18}}


def _events(anthropic: bool, model: str, usage: bool) -> list[bytes]:
    def ev(obj: dict[str, Any], name: str | None = None) -> bytes:
        head = f"event: {name}\n".encode() if name else b""
        return head + b"data: " + orjson.dumps(obj) + b"\n\n"

    if anthropic:
        start_usage = {"input_tokens": 11, "output_tokens": 1} if usage else {}
        out = [ev({"type": "message_start", "message": {"id": "msg_fake", "type": "message", "role": "assistant",
                                                        "model": model, "content": [], "stop_reason": None,
                                                        "stop_sequence": None, "usage": start_usage}},
                  "message_start"),
               ev({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
                  "content_block_start")]
        out += [ev({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": w}},
                   "content_block_delta") for w in ("fake ", "streamed ", "answer")]
        out.append(ev({"type": "content_block_stop", "index": 0}, "content_block_stop"))
        delta: dict[str, Any] = {"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": None}}
        if usage:
            delta["usage"] = {"output_tokens": 7}
        out += [ev(delta, "message_delta"), ev({"type": "message_stop"}, "message_stop")]
        return out
    base = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 1, "model": model}
    first = {"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}
    out = [ev({**base, "choices": [first]})]
    out += [ev({**base, "choices": [{"index": 0, "delta": {"content": w}, "finish_reason": None}]})
            for w in ("fake ", "streamed ", "answer")]
    out.append(ev({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}))
    if usage:
        out.append(ev({**base, "choices": [], "usage": {"prompt_tokens": 11, "completion_tokens": 7,
                                                        "total_tokens": 18}}))
    out.append(b"data: [DONE]\n\n")
    return out
