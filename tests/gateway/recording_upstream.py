"""A real HTTP upstream that records what reached it and answers like OpenAI and Anthropic do.

It keeps every request's method, target (path and query), raw header list and body, and answers
with the response headers real upstreams send (request ids, rate limits, processing time, and some
that must not reach a client: a cookie, Alt-Svc, its own Date and CORS answer). Models:

  rec-*        an answer; streamed like OpenAI: with `stream_options.include_usage` every chunk
               carries `"usage":null` and a last chunk carries the usage; without, neither.
               Anthropic streams (`anthropic_stream_bytes`) come with CRLF line ends
  big-N        a non-streamed embeddings-like answer of about N MiB, usage at the end
  late-S       waits S seconds before the status line (a long non-streamed generation)
  drip-S-N     streams N events S seconds apart (a slow reasoning answer)

`stream_bytes(payload)` is the exact body it streams for a request: a test compares what a client
received through Moat with what the upstream would have sent for the client's own request.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import orjson

from tests.gateway.threaded_server import Request, ThreadedServer

OPENAI_HEADERS = [
    (b"x-request-id", b"req_upstream_0123456789"),
    (b"openai-processing-ms", b"321"),
    (b"openai-version", b"2020-10-01"),
    (b"x-ratelimit-limit-requests", b"10000"),
    (b"x-ratelimit-remaining-requests", b"9999"),
    (b"x-ratelimit-limit-tokens", b"2000000"),
    (b"x-ratelimit-remaining-tokens", b"1999990"),
    (b"x-ratelimit-reset-requests", b"6ms"),
]
ANTHROPIC_HEADERS = [
    (b"request-id", b"req_011CUpstreamAnthropic"),
    (b"anthropic-organization-id", b"org-upstream"),
    (b"anthropic-ratelimit-requests-limit", b"4000"),
    (b"anthropic-ratelimit-requests-remaining", b"3999"),
    (b"anthropic-ratelimit-input-tokens-limit", b"400000"),
    (b"anthropic-ratelimit-input-tokens-remaining", b"399990"),
]
# What an upstream sends that must not reach the client (hop-by-hop, Moat's own, provider-internal).
FOREIGN_HEADERS = [
    (b"date", b"Thu, 01 Jan 2026 00:00:00 GMT"),
    (b"server", b"upstream-edge"),
    (b"set-cookie", b"__cf_bm=secret; path=/"),
    (b"alt-svc", b'h3=":443"'),
    (b"access-control-allow-origin", b"*"),
    (b"keep-alive", b"timeout=5"),
    (b"x-internal-trace", b"named-by-connection"),
    (b"connection", b"keep-alive, x-internal-trace"),
    (b"moat-decision-id", b"dec_not_ours"),
]


@dataclass
class Received:
    method: str
    target: str
    headers: list[tuple[str, str]]  # as sent, names lower-cased
    body: bytes

    def header(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k == name]


def _chunk(model: str, delta: dict[str, Any], finish: str | None, include_usage: bool) -> bytes:
    obj: dict[str, Any] = {"id": "chatcmpl-rec", "object": "chat.completion.chunk", "created": 1, "model": model,
                           "system_fingerprint": "fp_rec",
                           "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]}
    if include_usage:
        obj["usage"] = None
    return b"data: " + orjson.dumps(obj) + b"\n\n"


def stream_bytes(payload: dict[str, Any]) -> bytes:
    """The whole SSE body this upstream streams for a chat request, exactly."""
    model = payload["model"]
    include = bool((payload.get("stream_options") or {}).get("include_usage"))
    out = [_chunk(model, {"role": "assistant", "content": "", "refusal": None}, None, include)]
    out += [_chunk(model, {"content": word}, None, include) for word in ("Ünïcode ", "\"quoted\" ", "answer")]
    out.append(_chunk(model, {}, "stop", include))
    if include:
        usage = {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18,
                 "prompt_tokens_details": {"cached_tokens": 0}}
        out.append(b"data: " + orjson.dumps({"id": "chatcmpl-rec", "object": "chat.completion.chunk", "created": 1,
                                              "model": model, "system_fingerprint": "fp_rec", "choices": [],
                                              "usage": usage}) + b"\n\n")
    out.append(b"data: [DONE]\n\n")
    return b"".join(out)


def anthropic_stream_bytes(model: str) -> bytes:
    """A Messages stream, each line ended by CRLF (as some servers frame SSE)."""
    def event(name: str, obj: dict[str, Any]) -> bytes:
        return b"event: %s\r\ndata: %s\r\n\r\n" % (name.encode(), orjson.dumps(obj))

    message = {"id": "msg_rec", "type": "message", "role": "assistant", "model": model, "content": [],
               "stop_reason": None, "stop_sequence": None, "usage": {"input_tokens": 11, "output_tokens": 1}}
    return b"".join([
        event("message_start", {"type": "message_start", "message": message}),
        event("content_block_start", {"type": "content_block_start", "index": 0,
                                      "content_block": {"type": "text", "text": ""}}),
        b": a comment line, kept\r\n\r\n",
        event("content_block_delta", {"type": "content_block_delta", "index": 0,
                                      "delta": {"type": "text_delta", "text": "r\u00e9corded"}}),
        event("content_block_stop", {"type": "content_block_stop", "index": 0}),
        event("message_delta", {"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                                "usage": {"output_tokens": 7}}),
        event("message_stop", {"type": "message_stop"}),
    ])


def big_body(mib: int) -> bytes:
    """An embeddings-like answer of about `mib` MiB, its usage last (as OpenAI sends it)."""
    vector = "A" * 8190  # 1536 float32 as base64 is ~8 KB
    item = orjson.dumps({"object": "embedding", "index": 0, "embedding": vector})
    count = (mib << 20) // len(item)
    data = b",".join(item for _ in range(count))
    usage = b'"usage":{"prompt_tokens":1234,"total_tokens":1234}'
    return b'{"object":"list","data":[' + data + b'],"model":"big",' + usage + b"}"


class RecordingUpstream(ThreadedServer):
    read_limit = 1 << 20

    def __init__(self) -> None:
        super().__init__()
        self.received: list[Received] = []
        self.cut_off = 0  # answers whose reader went away before their end
        self.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def last(self) -> Received:
        return self.received[-1]

    async def _serve(self, request: Request, writer: asyncio.StreamWriter) -> bool:
        method, target, headers, body = request
        self.received.append(Received(method, target, headers, body))
        await self._answer(target, orjson.loads(body) if body else {}, writer)
        return True

    async def _answer(self, target: str, payload: dict[str, Any], writer: asyncio.StreamWriter) -> None:
        anthropic = target.split("?")[0].endswith("/messages")
        model = str(payload.get("model", ""))
        own = ANTHROPIC_HEADERS if anthropic else OPENAI_HEADERS
        if model.startswith("late-"):
            await asyncio.sleep(float(model.split("-")[1]))
        if model.startswith("big-"):
            await self._whole(writer, big_body(int(model.split("-")[1])), own)
            return
        if anthropic and payload.get("stream"):
            self._head(writer, 200, own, [(b"content-type", b"text/event-stream; charset=utf-8"),
                                          (b"transfer-encoding", b"chunked")])
            body = anthropic_stream_bytes(model)
            for i in range(0, len(body), 37):  # odd pieces: events and CRLFs split anywhere
                piece = body[i:i + 37]
                writer.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                await writer.drain()
            writer.write(b"0\r\n\r\n")
            await writer.drain()
            return
        if anthropic:
            whole = {"id": "msg_rec", "type": "message", "role": "assistant", "model": model,
                     "content": [{"type": "text", "text": "recorded"}], "stop_reason": "end_turn",
                     "stop_sequence": None, "usage": {"input_tokens": 11, "output_tokens": 7}}
            await self._whole(writer, orjson.dumps(whole), own)
            return
        if not payload.get("stream"):
            whole = {"id": "chatcmpl-rec", "object": "chat.completion", "created": 1, "model": model,
                     "choices": [{"index": 0, "message": {"role": "assistant", "content": "recorded"},
                                  "finish_reason": "stop"}],
                     "usage": {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18}}
            await self._whole(writer, orjson.dumps(whole), own)
            return
        events: list[bytes] = []
        body = stream_bytes(payload)
        start = 0
        while (end := body.find(b"\n\n", start)) >= 0:
            events.append(body[start:end + 2])
            start = end + 2
        delay = 0.0
        if model.startswith("drip-"):
            _, seconds, count = model.split("-")[:3]
            delay = float(seconds)
            first, rest = events[0], events[1:]
            include = bool((payload.get("stream_options") or {}).get("include_usage"))
            filler = _chunk(model, {"content": ""}, None, include)
            events = [first, *[filler] * int(count), *rest]
        self._head(writer, 200, own, [(b"content-type", b"text/event-stream; charset=utf-8"),
                                      (b"transfer-encoding", b"chunked")])
        for event in events:
            writer.write(b"%x\r\n%s\r\n" % (len(event), event))
            await writer.drain()
            if delay:
                await asyncio.sleep(delay)
        writer.write(b"0\r\n\r\n")
        await writer.drain()

    def _head(self, writer: asyncio.StreamWriter, status: int, own: list[tuple[bytes, bytes]],
              extra: list[tuple[bytes, bytes]]) -> None:
        lines = [b"HTTP/1.1 %d OK" % status]
        lines += [k + b": " + v for k, v in (*own, *FOREIGN_HEADERS, *extra)]
        writer.write(b"\r\n".join(lines) + b"\r\n\r\n")

    async def _whole(self, writer: asyncio.StreamWriter, body: bytes, own: list[tuple[bytes, bytes]]) -> None:
        self._head(writer, 200, own, [(b"content-type", b"application/json"),
                                      (b"content-length", str(len(body)).encode())])
        view = memoryview(body)
        try:
            for i in range(0, len(body), 1 << 18):
                writer.write(view[i:i + (1 << 18)])
                await writer.drain()
        except ConnectionError:
            self.cut_off += 1
            raise
