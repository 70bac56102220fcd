"""The Anthropic dialect: read a Messages body, meter and redact its responses.

Reasoning is "asked" when `thinking.type` is "enabled" (or "adaptive"). Thinking output travels as
`thinking` / `redacted_thinking` content blocks; redaction drops them and renumbers the stream's
block indexes so the SDK's accumulator still lines up.

Metering (issue 12 item 3): `message_start`'s usage gives the input and cache tokens (its
`output_tokens` is a placeholder, 1, never a count); `message_delta`'s gives the final output. A
stream that ends before `message_delta` (the client hung up, the upstream or Moat cut it) is metered
from what went past: text, thinking and tool-input deltas, counted as they stream.
"""

from __future__ import annotations

from typing import Any

import orjson

from moat.errors import BadRequest
from moat.gateway.facts import CallFacts, optional_bool, optional_int, require_list, require_str
from moat.gateway.metering import anthropic_usage, count
from moat.gateway.sse import CutItems, event_fields
from moat.gateway.tokens import anthropic_estimate, content_text, estimate_tokens_of
from moat.gateway.upstream_errors import stream_failure_status
from moat.limits.base import Usage

NAME = "anthropic"
_THINKING = ("thinking", "redacted_thinking")


def parse_messages(payload: dict[str, Any], *, count_only: bool = False) -> CallFacts:
    model = require_str(payload, "model")
    messages = require_list(payload, "messages")
    max_tokens = optional_int(payload, "max_tokens")
    if max_tokens is None and not count_only:
        raise BadRequest("'max_tokens' is required and must be an integer", code="invalid_max_tokens")
    prompt = ""
    first_user = ""
    turns = 0
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or message.get("role") not in ("user", "assistant"):
            raise BadRequest(f"'messages.{i}.role' must be 'user' or 'assistant'", code="invalid_type")
        if message["role"] == "user":
            text = content_text(message.get("content"))
            turns += 1
            prompt = text
            if turns == 1:
                first_user = text
    system_value = payload.get("system")
    if system_value is not None and not isinstance(system_value, (str, list)):
        raise BadRequest("'system' must be a string or an array of text blocks", code="invalid_type")
    system = content_text(system_value) if system_value else None
    thinking = payload.get("thinking")
    if thinking is not None and not isinstance(thinking, dict):
        raise BadRequest("'thinking' must be an object", code="invalid_type")
    estimate, cache_marked = anthropic_estimate(payload, messages, system_value)
    return CallFacts(
        model=model,
        stream=optional_bool(payload, "stream"),
        reasoning=bool(thinking and thinking.get("type") in ("enabled", "adaptive")),
        max_tokens=max_tokens,
        prompt=prompt,
        system=system,
        turn=max(turns, 1),
        first_user=first_user,
        input_tokens=estimate,
        uncacheable_tokens=0 if cache_marked else estimate,
    )


def upstream_body(payload: dict[str, Any], body: bytes, facts: CallFacts, *, upstream_model: str,
                  max_tokens_cap: int | None) -> bytes:
    changes: dict[str, Any] = {}
    if upstream_model and upstream_model != facts.model:
        changes["model"] = upstream_model
    if max_tokens_cap is not None and facts.max_tokens is not None and facts.max_tokens > max_tokens_cap:
        changes["max_tokens"] = max_tokens_cap
    return orjson.dumps({**payload, **changes}) if changes else body


def usage_of(obj: dict[str, Any], facts: CallFacts) -> Usage:
    thinking = 0
    for block in obj.get("content") or ():
        if isinstance(block, dict) and block.get("type") == "thinking":
            thinking += len(str(block.get("thinking") or ""))
    usage = obj.get("usage")
    if isinstance(usage, dict):
        metered = anthropic_usage(usage)
        if not metered.reasoning_tokens:  # not reported: counted from the thinking returned
            metered.reasoning_tokens = min(estimate_tokens_of(thinking), metered.output_tokens)
        return metered
    chars = 0
    for block in obj.get("content") or ():
        if isinstance(block, dict):
            kind = block.get("type")
            if kind == "text":
                chars += len(str(block.get("text") or ""))
            elif kind in ("tool_use", "server_tool_use"):  # the arguments are output too
                chars += len(str(block.get("name") or "")) + len(orjson.dumps(block.get("input")))
    output = estimate_tokens_of(chars + thinking)
    return Usage(facts.input_tokens, output, False, reasoning_tokens=estimate_tokens_of(thinking))


def redact(obj: dict[str, Any]) -> bool:
    content = obj.get("content")
    if not isinstance(content, list):
        return False
    kept = [b for b in content if not (isinstance(b, dict) and b.get("type") in _THINKING)]
    obj["content"] = kept
    return len(kept) != len(content)


class StreamMeter:
    """Watches an Anthropic SSE stream: usage from message_start / message_delta, a count of what
    went past for a stream cut short, thinking redaction. Counts incrementally, one event at a time."""

    __slots__ = ("_chars", "_dropped", "_facts", "_output", "_redact", "_start", "_thinking", "_thinking_reported",
                 "failed_status",
                 "redacted")

    def __init__(self, facts: CallFacts, redact_reasoning: bool) -> None:
        self._facts = facts
        self._redact = redact_reasoning
        self._chars = 0  # text, thinking and tool-input characters streamed
        self._thinking = 0  # of which thinking
        self._start: Usage | None = None  # message_start's input and cache counts
        self._output: int | None = None  # message_delta's output count: the final one
        self._dropped = CutItems("index")  # thinking blocks cut by redaction
        self.redacted = False
        self.failed_status: int | None = None  # an `event: error` arrived: the status it stands for
        self._thinking_reported: int | None = None  # usage.output_tokens_details.thinking_tokens, if sent

    def event(self, event: bytes) -> bytes | None:
        name, data = event_fields(event)
        if data is None:
            return event
        try:
            obj = orjson.loads(data)
        except orjson.JSONDecodeError:
            return event
        if not isinstance(obj, dict):
            return event
        kind = obj.get("type")
        if kind == "content_block_delta":
            delta = obj.get("delta")
            if isinstance(delta, dict):
                dtype = delta.get("type")
                if dtype == "text_delta":
                    self._chars += len(str(delta.get("text") or ""))
                elif dtype == "thinking_delta":
                    n = len(str(delta.get("thinking") or ""))
                    self._chars += n
                    self._thinking += n
                elif dtype == "input_json_delta":
                    self._chars += len(str(delta.get("partial_json") or ""))
        elif kind == "message_start":
            usage = (obj.get("message") or {}).get("usage")
            if isinstance(usage, dict):
                self._start = anthropic_usage(usage)  # its output_tokens is a placeholder: not kept
        elif kind == "message_delta":
            usage = obj.get("usage")
            if isinstance(usage, dict):
                if usage.get("output_tokens") is not None:
                    self._output = count(usage.get("output_tokens"))
                details = usage.get("output_tokens_details")
                if isinstance(details, dict) and details.get("thinking_tokens") is not None:
                    self._thinking_reported = count(details.get("thinking_tokens"))
                if any(usage.get(k) is not None for k in _INPUT_KEYS):  # cumulative counts, when sent
                    self._start = anthropic_usage({**_start_fields(self._start), **usage})
        elif kind == "error":
            self.failed_status = stream_failure_status((obj.get("error") or {}).get("type"))
        elif kind == "content_block_start":
            block = obj.get("content_block")
            if isinstance(block, dict) and block.get("type") in ("tool_use", "server_tool_use"):
                self._chars += len(str(block.get("name") or ""))
        if not self._redact or kind not in ("content_block_start", "content_block_delta", "content_block_stop"):
            return event
        starts = kind == "content_block_start" and (obj.get("content_block") or {}).get("type") in _THINKING
        out = self._dropped.pass_on(event, name, obj, starts)
        if out is None:
            self.redacted = True
        return out

    def final_usage(self) -> Usage:
        """Reported counts where the stream carried them; the rest counted from what went past."""
        start = self._start
        counted = estimate_tokens_of(self._chars)
        output = self._output if self._output is not None else counted
        usage = Usage(start.input_tokens if start is not None else self._facts.input_tokens, output,
                      start is not None and self._output is not None,
                      cache_read_tokens=start.cache_read_tokens if start is not None else 0,
                      cache_write_tokens=start.cache_write_tokens if start is not None else 0)
        reported = self._thinking_reported
        usage.reasoning_tokens = min(reported if reported is not None else estimate_tokens_of(self._thinking), output)
        return usage


_INPUT_KEYS = ("input_tokens", "cache_read_input_tokens", "cache_creation_input_tokens")


def _start_fields(start: Usage | None) -> dict[str, int]:
    if start is None:
        return {}
    return {"input_tokens": start.input_tokens, "cache_read_input_tokens": start.cache_read_tokens,
            "cache_creation_input_tokens": start.cache_write_tokens}
