"""A real HTTP upstream implementing the Responses API's background mode, written from openai-python's
`resources/responses/responses.py` and `types/responses/` (and the public "Background mode" guide),
independently of the gateway's code:

- `POST /v1/responses` with `background: true` answers at once `queued`; the response then goes
  `in_progress` and `completed` (with usage) after `DELAY` seconds. With `stream: true` it streams
  its events as they happen, each with `sequence_number`, `EVENT_GAP` seconds apart.
- `GET /v1/responses/{id}` its state now; with `?stream=true&starting_after=N` its events after N,
  streamed (waiting for the ones not produced yet).
- `POST /v1/responses/{id}/cancel` cancels it (idempotent; a finished one is returned as it is).

Models: `bg-*` completes after DELAY; `bgmid-*` after MID (replica take-over); `bglong-*` after LONG
(cancel tests); `bgthink-*` like `bg-*` with a reasoning item first; `bgdie-*` is created, then
every read of it has its connection cut (the upstream dying: the stream too, after two events).
`GET /stats` counts the gateway's polls (`polls`) and whether they carried the upstream credential.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from typing import Any

import orjson

from tests.gateway.threaded_server import Request, ThreadedServer

DELAY = 0.6
LONG = 30.0
MID = 3.0
EVENT_GAP = 0.1
USAGE = {"input_tokens": 40, "input_tokens_details": {"cached_tokens": 30}, "output_tokens": 12,
         "output_tokens_details": {"reasoning_tokens": 5}, "total_tokens": 52}
CANCELLED_USAGE = {"input_tokens": 40, "input_tokens_details": {"cached_tokens": 0}, "output_tokens": 3,
                   "output_tokens_details": {"reasoning_tokens": 0}, "total_tokens": 43}
TEXT = ["back", "ground ", "answer"]


class _Response:
    def __init__(self, response_id: str, model: str) -> None:
        self.id = response_id
        self.model = model
        self.started = time.monotonic()
        self.cancelled = False
        self.duration = LONG if model.startswith("bglong-") else MID if model.startswith("bgmid-") else DELAY

    def status(self) -> str:
        if self.cancelled:
            return "cancelled"
        age = time.monotonic() - self.started
        return "queued" if age < 0.1 else "in_progress" if age < self.duration else "completed"

    def _output(self) -> list[dict[str, Any]]:
        """The finished output: a reasoning item first for `bgthink-*`, then the message."""
        message = {"id": "msg_bg", "type": "message", "status": "completed", "role": "assistant",
                   "content": [{"type": "output_text", "text": "".join(TEXT), "annotations": []}]}
        if not self.model.startswith("bgthink-"):
            return [message]
        return [{"id": "rs_bg", "type": "reasoning", "encrypted_content": "gAAAA-secret",
                 "summary": [{"type": "summary_text", "text": "secret plan"}]}, message]

    def body(self) -> dict[str, Any]:
        status = self.status()
        done = status == "completed"
        return {"id": self.id, "object": "response", "created_at": 1, "status": status, "background": True,
                "model": self.model, "output": self._output() if done else [], "error": None,
                "incomplete_details": None, "tools": [], "tool_choice": "auto", "parallel_tool_calls": True,
                "usage": USAGE if done else CANCELLED_USAGE if status == "cancelled" else None}

    def events(self) -> list[dict[str, Any]]:
        """Every event of its stream, in order (the response as it was at each)."""
        queued = {**self.body(), "status": "queued", "output": [], "usage": None}
        running = {**queued, "status": "in_progress"}
        output = self._output()
        out: list[dict[str, Any]] = [
            {"type": "response.created", "response": queued},
            {"type": "response.queued", "response": queued},
            {"type": "response.in_progress", "response": running},
        ]
        for index, item in enumerate(output):
            if item["type"] == "reasoning":
                at = {"item_id": "rs_bg", "output_index": index, "summary_index": 0}
                out += [
                    {"type": "response.output_item.added", "output_index": index,
                     "item": {**item, "summary": [], "encrypted_content": None}},
                    {"type": "response.reasoning_summary_part.added", **at,
                     "part": {"type": "summary_text", "text": ""}},
                    {"type": "response.reasoning_summary_text.delta", **at, "delta": "secret plan"},
                    {"type": "response.reasoning_summary_text.done", **at, "text": "secret plan"},
                    {"type": "response.reasoning_summary_part.done", **at,
                     "part": {"type": "summary_text", "text": "secret plan"}},
                ]
            else:
                at = {"item_id": "msg_bg", "output_index": index, "content_index": 0}
                out += [
                    {"type": "response.output_item.added", "output_index": index,
                     "item": {**item, "status": "in_progress", "content": []}},
                    {"type": "response.content_part.added", **at,
                     "part": {"type": "output_text", "text": "", "annotations": []}},
                    *({"type": "response.output_text.delta", **at, "delta": piece, "logprobs": []} for piece in TEXT),
                    {"type": "response.output_text.done", **at, "text": "".join(TEXT), "logprobs": []},
                    {"type": "response.content_part.done", **at,
                     "part": {"type": "output_text", "text": "".join(TEXT), "annotations": []}},
                ]
            out.append({"type": "response.output_item.done", "output_index": index, "item": item})
        out.append({"type": "response.completed", "response": {**running, "status": "completed", "usage": USAGE,
                                                               "output": output}})
        return [{**event, "sequence_number": n} for n, event in enumerate(out)]


class FakeBackground(ThreadedServer):
    def __init__(self) -> None:
        super().__init__()
        self.responses: dict[str, _Response] = {}
        self.stats: dict[str, int] = {"polls": 0, "polls_with_credential": 0, "creates": 0}
        self._ids = itertools.count(1)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    async def _serve(self, request: Request, writer: asyncio.StreamWriter) -> bool:
        method, target, pairs, body = request
        headers = dict(pairs)
        path, _, query = target.partition("?")
        params = dict(p.partition("=")[::2] for p in query.split("&") if p)
        if path == "/stats":
            await self._send(writer, 200, orjson.dumps(self.stats))
        elif method == "POST" and path == "/v1/responses":
            return await self._create(orjson.loads(body), writer)
        elif path.startswith("/v1/responses/"):
            response_id, _, tail = path.removeprefix("/v1/responses/").partition("/")
            response = self.responses.get(response_id)
            if response is None:
                await self._send(writer, 404, orjson.dumps({"error": {
                    "message": f"Response with id '{response_id}' not found.",
                    "type": "invalid_request_error", "param": None, "code": None}}))
                return True
            if response.model.startswith("bgdie-"):
                writer.transport.abort()  # the upstream dies
                return False
            if tail == "cancel" and method == "POST":
                if response.status() != "completed":
                    response.cancelled = True
                await self._send(writer, 200, orjson.dumps(response.body()))
            elif params.get("stream") == "true":
                await self._stream(response, writer, int(params.get("starting_after", "-1")))
            else:
                self.stats["polls"] += 1
                if headers.get("authorization") == "Bearer upstream-secret":
                    self.stats["polls_with_credential"] += 1
                await self._send(writer, 200, orjson.dumps(response.body()))
        else:
            await self._send(writer, 404, b'{"error": {"message": "no such path", "type": "x"}}')
        return True

    async def _create(self, payload: dict[str, Any], writer: asyncio.StreamWriter) -> bool:
        self.stats["creates"] += 1
        response = _Response(f"resp_bg{next(self._ids)}", str(payload.get("model")))
        self.responses[response.id] = response
        if payload.get("stream"):
            return await self._stream(response, writer, -1)
        await self._send(writer, 200, orjson.dumps(response.body()))
        return True

    async def _stream(self, response: _Response, writer: asyncio.StreamWriter, after: int) -> bool:
        """The events after `after`, each when it happens (EVENT_GAP apart from the start)."""
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n")
        for event in response.events():
            n = event["sequence_number"]
            wait = response.started + n * EVENT_GAP - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            if n <= after:
                continue
            if response.model.startswith("bgdie-") and n == 2:
                writer.transport.abort()
                return False
            chunk = f"event: {event['type']}\ndata: ".encode() + orjson.dumps(event) + b"\n\n"
            writer.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            await writer.drain()
        writer.write(b"0\r\n\r\n")
        await writer.drain()
        return True
