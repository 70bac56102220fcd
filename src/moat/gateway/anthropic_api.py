"""The Anthropic dialect: read a Messages body, meter and redact its responses.

Reasoning is "asked" when `thinking.type` is "enabled" (or "adaptive"). Thinking output travels as
`thinking` / `redacted_thinking` content blocks; redaction drops them and renumbers the stream's
block indexes so the SDK's accumulator still lines up.
"""

from __future__ import annotations

from typing import Any

import orjson

from moat.errors import BadRequest
from moat.gateway.facts import CallFacts, Usage, optional_bool, optional_int, require_list, require_str
from moat.gateway.sse import data_event, event_fields
from moat.gateway.tokens import content_text, estimate_tokens
from moat.gateway.upstream_errors import stream_failure_status

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
    chars = 0
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or message.get("role") not in ("user", "assistant"):
            raise BadRequest(f"'messages.{i}.role' must be 'user' or 'assistant'", code="invalid_type")
        text = content_text(message.get("content"))
        chars += len(text)
        if message["role"] == "user":
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
    return CallFacts(
        model=model,
        stream=optional_bool(payload, "stream"),
        reasoning=bool(thinking and thinking.get("type") in ("enabled", "adaptive")),
        max_tokens=max_tokens,
        prompt=prompt,
        system=system,
        turn=max(turns, 1),
        first_user=first_user,
        input_tokens=(chars + len(system or "") + 3) // 4 + 3 * len(messages),
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
    usage = obj.get("usage")
    if isinstance(usage, dict):
        return Usage(_input_tokens(usage), int(usage.get("output_tokens") or 0), True)
    text = "".join(content_text([b]) + str(b.get("thinking") or "") for b in obj.get("content") or ()
                   if isinstance(b, dict))
    return Usage(facts.input_tokens, estimate_tokens(text), False)


def _input_tokens(usage: dict[str, Any]) -> int:
    return sum(int(usage.get(k) or 0) for k in
               ("input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"))


def redact(obj: dict[str, Any]) -> bool:
    content = obj.get("content")
    if not isinstance(content, list):
        return False
    kept = [b for b in content if not (isinstance(b, dict) and b.get("type") in _THINKING)]
    obj["content"] = kept
    return len(kept) != len(content)


class StreamMeter:
    """Watches an Anthropic SSE stream: usage from message_start/message_delta, thinking redaction."""

    __slots__ = ("_chars", "_dropped", "_facts", "_input", "_output", "_redact", "_seen", "failed_status",
                 "redacted")

    def __init__(self, facts: CallFacts, redact_reasoning: bool) -> None:
        self._facts = facts
        self._redact = redact_reasoning
        self._chars = 0
        self._input: int | None = None
        self._output: int | None = None
        self._dropped: set[int] = set()
        self._seen = False
        self.redacted = False
        self.failed_status: int | None = None  # an `event: error` arrived: the status it stands for

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
        if kind == "message_start":
            usage = (obj.get("message") or {}).get("usage")
            if isinstance(usage, dict):
                self._input = _input_tokens(usage)
                self._output = int(usage.get("output_tokens") or 0)
                self._seen = True
        elif kind == "message_delta":
            usage = obj.get("usage")
            if isinstance(usage, dict):
                self._output = int(usage.get("output_tokens") or 0)
                if usage.get("input_tokens") is not None:
                    self._input = _input_tokens(usage)
                self._seen = True
        elif kind == "error":
            self.failed_status = stream_failure_status((obj.get("error") or {}).get("type"))
        elif kind == "content_block_delta":
            delta = obj.get("delta") or {}
            self._chars += len(delta.get("text") or delta.get("thinking") or "")
        if not self._redact or kind not in ("content_block_start", "content_block_delta", "content_block_stop"):
            return event
        index = obj.get("index")
        if not isinstance(index, int):
            return event
        if kind == "content_block_start" and (obj.get("content_block") or {}).get("type") in _THINKING:
            self._dropped.add(index)
        if index in self._dropped:
            self.redacted = True
            return None
        shift = sum(1 for d in self._dropped if d < index)
        if not shift:
            return event
        obj["index"] = index - shift
        return data_event(orjson.dumps(obj), name)

    def final_usage(self) -> Usage:
        if self._seen:
            return Usage(self._input or 0, self._output or 0, True)
        return Usage(self._facts.input_tokens, (self._chars + 3) // 4, False)
