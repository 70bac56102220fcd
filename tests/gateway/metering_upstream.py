"""A real HTTP upstream whose answers carry the usage reports the metering tests need.

Models (others fall through to FakeUpstream):
  a-cached-cut     Anthropic stream: message_start with cache reads and writes, a thinking block and a
                   text block, then a 5 s pause before message_delta (the client hangs up meanwhile)
  a-cached-whole   Anthropic message whose usage has fresh input, cache reads and cache writes
  a-nousage-ok     Anthropic message without usage
  o-reasoning      OpenAI chat completion whose usage has cached prompt tokens and reasoning tokens
  o-nousage-tools  OpenAI chat stream of a tool call, without any usage (even when asked for)
  o-ok / a-ok      an ordinary answer with usage (streams when asked)
"""

from __future__ import annotations

import asyncio
from typing import Any

import orjson

from tests.gateway.fake_upstream import FakeUpstream

CUT_THINKING = ["Let me think about gateways. " * 4] * 2  # 232 characters
CUT_TEXT = ["A gateway stands between clients and models. " * 3] * 3  # 405 characters
CACHED_USAGE = {"input_tokens": 200, "cache_read_input_tokens": 18_000, "cache_creation_input_tokens": 1_000}
TOOL_NAME = "get_weather"
TOOL_ARGS = ['{"city": ', '"Paris", ', '"unit": "celsius", ', '"days": 14, ', '"detail": "hourly"}']


def _sse(obj: dict[str, Any], name: str | None = None) -> bytes:
    head = f"event: {name}\n".encode() if name else b""
    return head + b"data: " + orjson.dumps(obj) + b"\n\n"


def _anthropic_message(model: str, usage: dict[str, Any] | None) -> dict[str, Any]:
    body = {"id": "msg_m", "type": "message", "role": "assistant", "model": model,
            "content": [{"type": "text", "text": "metered answer"}], "stop_reason": "end_turn",
            "stop_sequence": None}
    if usage is not None:
        body["usage"] = usage
    return body


class MeteringUpstream(FakeUpstream):
    async def _answer(self, path: str, payload: dict[str, Any], headers: dict[str, str],
                      writer: asyncio.StreamWriter) -> bool:
        model = str(payload.get("model", ""))
        self.stats["last_max_tokens"] = payload.get("max_tokens") or payload.get("max_completion_tokens") or 0
        if model == "a-cached-cut":
            return await self._cut_stream(writer)
        if model == "a-cached-whole":
            usage = {**CACHED_USAGE, "output_tokens": 30}
            await self._send(writer, 200, orjson.dumps(_anthropic_message(model, usage)))
            return True
        if model == "a-nousage-ok":
            await self._send(writer, 200, orjson.dumps(_anthropic_message(model, None)))
            return True
        if model == "o-reasoning":
            await self._send(writer, 200, orjson.dumps({
                "id": "chatcmpl-r", "object": "chat.completion", "created": 1, "model": model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": "42"}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 1_200, "completion_tokens": 500, "total_tokens": 1_700,
                          "prompt_tokens_details": {"cached_tokens": 1_000},
                          "completion_tokens_details": {"reasoning_tokens": 300}}}))
            return True
        if model == "o-nousage-tools":
            return await self._stream(writer, self._tool_call_events(model))
        return await super()._answer(path, payload, headers, writer)

    async def _stream(self, writer: asyncio.StreamWriter, events: list[bytes], pause_before: int = -1) -> bool:
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n")
        for i, event in enumerate(events):
            if i == pause_before:
                await asyncio.sleep(5)
            writer.write(b"%x\r\n%s\r\n" % (len(event), event))
            await writer.drain()
        writer.write(b"0\r\n\r\n")
        await writer.drain()
        return True

    async def _cut_stream(self, writer: asyncio.StreamWriter) -> bool:
        start = {"type": "message_start", "message": {
            "id": "msg_cut", "type": "message", "role": "assistant", "model": "a-cached-cut", "content": [],
            "stop_reason": None, "stop_sequence": None, "usage": {**CACHED_USAGE, "output_tokens": 1}}}
        events = [_sse(start, "message_start"),
                  _sse({"type": "content_block_start", "index": 0,
                        "content_block": {"type": "thinking", "thinking": "", "signature": ""}}, "content_block_start")]
        events += [_sse({"type": "content_block_delta", "index": 0,
                         "delta": {"type": "thinking_delta", "thinking": t}}, "content_block_delta")
                   for t in CUT_THINKING]
        events += [_sse({"type": "content_block_delta", "index": 0,
                         "delta": {"type": "signature_delta", "signature": "c2ln"}}, "content_block_delta"),
                   _sse({"type": "content_block_stop", "index": 0}, "content_block_stop"),
                   _sse({"type": "content_block_start", "index": 1,
                         "content_block": {"type": "text", "text": ""}}, "content_block_start")]
        events += [_sse({"type": "content_block_delta", "index": 1, "delta": {"type": "text_delta", "text": t}},
                        "content_block_delta") for t in CUT_TEXT]
        events.append(_sse({"type": "content_block_stop", "index": 1}, "content_block_stop"))
        pause = len(events)
        events += [_sse({"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                         "usage": {"output_tokens": 9_999}}, "message_delta"),
                   _sse({"type": "message_stop"}, "message_stop")]
        try:
            return await self._stream(writer, events, pause_before=pause)
        except ConnectionError:
            return False

    @staticmethod
    def _tool_call_events(model: str) -> list[bytes]:
        def chunk(delta: dict[str, Any], finish: str | None = None) -> bytes:
            return _sse({"id": "chatcmpl-t", "object": "chat.completion.chunk", "created": 1, "model": model,
                         "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]})

        events = [chunk({"role": "assistant", "content": None, "tool_calls": [
            {"index": 0, "id": "call_1", "type": "function", "function": {"name": TOOL_NAME, "arguments": ""}}]})]
        events += [chunk({"tool_calls": [{"index": 0, "function": {"arguments": part}}]}) for part in TOOL_ARGS]
        events += [chunk({}, "tool_calls"), b"data: [DONE]\n\n"]
        return events
