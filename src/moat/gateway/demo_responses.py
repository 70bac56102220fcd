"""The demo model's Responses API answers (`POST /v1/responses`), whole or as the event stream.

Builds the shapes of openai-python `types/responses/` (response.py, response_stream_event.py) around
an answer and a reasoning text the demo model derived from the prompt: a `reasoning` item with a
summary and `encrypted_content` when reasoning was asked, a `function_call` item when function
tools were offered and no tool output came back yet (so agent loops run against the demo), else a
`message` with one `output_text` part. Deterministic apart from `created_at`.
"""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any

import orjson

from moat.gateway.sse import data_event


class ResponsesAnswer:
    """One Responses answer: its items, in order, and the whole response object."""

    def __init__(self, payload: dict[str, Any], *, prompt: str, answer: str, reasoning: str | None,
                 input_tokens: int, output_tokens: int, reasoning_tokens: int, truncated: bool) -> None:
        digest = hashlib.sha1(f"{payload.get('model')}\x00{prompt}".encode()).hexdigest()[:24]
        self.id = "resp_demo" + digest
        self.items: list[dict[str, Any]] = []
        if reasoning is not None:
            self.items.append({"id": "rs_demo" + digest, "type": "reasoning", "status": "completed",
                               "summary": [{"type": "summary_text", "text": reasoning}],
                               "encrypted_content": "enc_demo" + hashlib.sha256(reasoning.encode()).hexdigest()})
        tool = _function_tool(payload)
        if tool is not None:
            self.items.append({"id": "fc_demo" + digest, "type": "function_call", "status": "completed",
                               "call_id": "call_demo" + digest, "name": tool,
                               "arguments": json.dumps({"query": prompt[:200]})})
        else:
            self.items.append({"id": "msg_demo" + digest, "type": "message", "status": "completed",
                               "role": "assistant", "content": [
                                   {"type": "output_text", "text": answer, "annotations": [], "logprobs": []}]})
        self.response: dict[str, Any] = {
            "id": self.id, "object": "response", "created_at": int(time.time()),
            "status": "incomplete" if truncated else "completed", "model": payload.get("model"),
            "output": self.items, "parallel_tool_calls": True, "tool_choice": payload.get("tool_choice", "auto"),
            "tools": payload.get("tools") or [], "instructions": payload.get("instructions"),
            "previous_response_id": payload.get("previous_response_id"), "error": None,
            "incomplete_details": {"reason": "max_output_tokens"} if truncated else None,
            "reasoning": payload.get("reasoning") or {"effort": None, "summary": None},
            "text": {"format": {"type": "text"}}, "metadata": payload.get("metadata") or {},
            "temperature": 1.0, "top_p": 1.0, "truncation": "disabled", "store": payload.get("store", True),
            "usage": {"input_tokens": input_tokens, "input_tokens_details": {"cached_tokens": 0},
                      "output_tokens": output_tokens,
                      "output_tokens_details": {"reasoning_tokens": reasoning_tokens},
                      "total_tokens": input_tokens + output_tokens},
        }

    def body(self) -> bytes:
        return orjson.dumps(self.response)

    def events(self, pieces: int) -> list[bytes]:
        out: list[bytes] = []

        def emit(kind: str, **fields: Any) -> None:
            out.append(data_event(orjson.dumps({"type": kind, "sequence_number": len(out), **fields}),
                                  kind.encode()))

        pending = {**self.response, "status": "in_progress", "output": [], "usage": None,
                   "incomplete_details": None}
        emit("response.created", response=pending)
        emit("response.in_progress", response=pending)
        for index, item in enumerate(self.items):
            at = {"item_id": item["id"], "output_index": index}
            if item["type"] == "reasoning":
                text = item["summary"][0]["text"]
                emit("response.output_item.added", output_index=index,
                     item={**item, "summary": [], "encrypted_content": None, "status": "in_progress"})
                emit("response.reasoning_summary_part.added", **at, summary_index=0,
                     part={"type": "summary_text", "text": ""})
                for piece in _pieces(text, max(1, pieces // 4)):
                    emit("response.reasoning_summary_text.delta", **at, summary_index=0, delta=piece)
                emit("response.reasoning_summary_text.done", **at, summary_index=0, text=text)
                emit("response.reasoning_summary_part.done", **at, summary_index=0,
                     part={"type": "summary_text", "text": text})
            elif item["type"] == "function_call":
                emit("response.output_item.added", output_index=index,
                     item={**item, "arguments": "", "status": "in_progress"})
                for piece in _pieces(item["arguments"], max(1, pieces // 4)):
                    emit("response.function_call_arguments.delta", **at, delta=piece)
                emit("response.function_call_arguments.done", **at, name=item["name"],
                     arguments=item["arguments"])
            else:
                part = item["content"][0]
                emit("response.output_item.added", output_index=index,
                     item={**item, "content": [], "status": "in_progress"})
                emit("response.content_part.added", **at, content_index=0, part={**part, "text": ""})
                for piece in _pieces(part["text"], pieces):
                    emit("response.output_text.delta", **at, content_index=0, delta=piece, logprobs=[])
                emit("response.output_text.done", **at, content_index=0, text=part["text"], logprobs=[])
                emit("response.content_part.done", **at, content_index=0, part=part)
            emit("response.output_item.done", output_index=index, item=item)
        final = self.response["status"]
        emit("response.incomplete" if final == "incomplete" else "response.completed", response=self.response)
        return out


def _function_tool(payload: dict[str, Any]) -> str | None:
    """The first function tool's name, unless the input already carries a tool's output."""
    if payload.get("tool_choice") == "none":
        return None
    items = payload.get("input")
    if isinstance(items, list) and any(isinstance(i, dict) and i.get("type") == "function_call_output"
                                       for i in items):
        return None
    for tool in payload.get("tools") or ():
        if isinstance(tool, dict) and tool.get("type") == "function" and isinstance(tool.get("name"), str):
            return str(tool["name"])
    return None


def _pieces(text: str, n: int) -> list[str]:
    size = max(1, -(-len(text) // n))
    return [text[i:i + size] for i in range(0, len(text), size)] or [""]
