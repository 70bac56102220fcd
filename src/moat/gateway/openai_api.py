"""The OpenAI dialect: read a chat/embeddings body, meter and redact its responses.

Reasoning is "asked" when the body sets `reasoning_effort` (other than "none"/"minimal") or a
`reasoning` object. Reasoning output travels as `reasoning_content` (or `reasoning`) in the message
or in stream deltas; redaction removes both.
"""

from __future__ import annotations

from typing import Any

import orjson

from moat.errors import BadRequest
from moat.gateway.facts import CallFacts, optional_bool, optional_int, require_list, require_str
from moat.gateway.json_edit import replace_data, without_member
from moat.gateway.metering import openai_chat_usage
from moat.gateway.sse import data_event, event_fields
from moat.gateway.tokens import (
    content_text,
    estimate_tokens,
    estimate_tokens_of,
    openai_input_tokens,
    openai_uncacheable,
)
from moat.gateway.upstream_errors import stream_failure_status
from moat.limits.base import Usage

NAME = "openai"
_REASONING_KEYS = ("reasoning_content", "reasoning")
_ABSENT = object()


def parse_chat(payload: dict[str, Any]) -> CallFacts:
    model = require_str(payload, "model")
    messages = require_list(payload, "messages")
    system_parts: list[str] = []
    prompt = ""
    first_user = ""
    turns = 0
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or not isinstance(message.get("role"), str):
            raise BadRequest(f"'messages[{i}]' must be an object with a string 'role'", code="invalid_type")
        text = content_text(message.get("content"))
        role = message["role"]
        if role in ("system", "developer"):
            system_parts.append(text)
        elif role == "user":
            turns += 1
            prompt = text
            if turns == 1:
                first_user = text
    effort = payload.get("reasoning_effort")
    if effort is not None and not isinstance(effort, str):
        raise BadRequest("'reasoning_effort' must be a string", code="invalid_type")
    reasoning = (effort not in (None, "none", "minimal")) or isinstance(payload.get("reasoning"), dict)
    max_tokens = optional_int(payload, "max_completion_tokens") or optional_int(payload, "max_tokens")
    options = payload.get("stream_options")
    if options is not None and not isinstance(options, dict):
        raise BadRequest("'stream_options' must be an object", code="invalid_type")
    estimate = openai_input_tokens(messages, payload.get("tools"))
    return CallFacts(
        model=model,
        stream=optional_bool(payload, "stream"),
        reasoning=reasoning,
        max_tokens=max_tokens,
        prompt=prompt,
        system="\n".join(system_parts) if system_parts else None,
        turn=max(turns, 1),
        first_user=first_user,
        input_tokens=estimate,
        uncacheable_tokens=openai_uncacheable(estimate),
        include_usage=bool(options and options.get("include_usage")),
    )


def parse_embeddings(payload: dict[str, Any]) -> CallFacts:
    model = require_str(payload, "model")
    data = payload.get("input")
    if isinstance(data, str):
        texts = [data]
    elif isinstance(data, list) and data and all(isinstance(x, (str, int, list)) for x in data):
        texts = [x if isinstance(x, str) else " " * 4 * (len(x) if isinstance(x, list) else 1) for x in data]
    else:
        raise BadRequest("'input' must be a string or a non-empty array", code="invalid_input")
    return CallFacts(
        model=model,
        prompt=texts[0][:4000],
        input_tokens=sum(estimate_tokens(t) for t in texts),
    )


def upstream_body(payload: dict[str, Any], body: bytes, facts: CallFacts, *, upstream_model: str,
                  max_tokens_cap: int | None) -> bytes:
    """The body to send upstream: the client's bytes unless something must change."""
    changes: dict[str, Any] = {}
    if upstream_model and upstream_model != facts.model:
        changes["model"] = upstream_model
    if max_tokens_cap is not None and (facts.max_tokens is None or facts.max_tokens > max_tokens_cap):
        changes["max_completion_tokens" if "max_completion_tokens" in payload else "max_tokens"] = max_tokens_cap
    if facts.stream and not facts.include_usage:
        # Ask for the upstream's own count; StreamMeter hides the extra chunk from the client.
        changes["stream_options"] = {**(payload.get("stream_options") or {}), "include_usage": True}
    if not changes:
        return body
    return orjson.dumps({**payload, **changes})


def usage_of(obj: dict[str, Any], facts: CallFacts) -> Usage:
    usage = obj.get("usage")
    if isinstance(usage, dict):
        return openai_chat_usage(usage)
    chars = reasoning = 0
    for choice in obj.get("choices") or ():
        message = choice.get("message") if isinstance(choice, dict) else None
        if not isinstance(message, dict):
            continue
        chars += len(content_text(message.get("content")))
        for key in _REASONING_KEYS:
            value = message.get(key)
            if isinstance(value, str):
                reasoning += len(value)
        for call in message.get("tool_calls") or ():  # the arguments are output too
            function = call.get("function") if isinstance(call, dict) else None
            if isinstance(function, dict):
                chars += len(str(function.get("name") or "")) + len(str(function.get("arguments") or ""))
    return Usage(facts.input_tokens, estimate_tokens_of(chars + reasoning), False,
                 reasoning_tokens=estimate_tokens_of(reasoning))


def redact(obj: dict[str, Any]) -> bool:
    """Remove reasoning from a non-streaming response in place; True if anything was removed."""
    removed = False
    for choice in obj.get("choices") or ():
        message = choice.get("message")
        if isinstance(message, dict):
            for key in _REASONING_KEYS:
                if message.pop(key, None) is not None:
                    removed = True
    return removed


class StreamMeter:
    """Watches an OpenAI SSE stream (chat, or legacy completions): takes its usage, counts when there
    is none, redacts reasoning."""

    __slots__ = ("_chars", "_facts", "_reasoning", "_redact", "failed_status", "redacted", "usage")

    def __init__(self, facts: CallFacts, redact_reasoning: bool) -> None:
        self._facts = facts
        self._redact = redact_reasoning
        self._chars = 0  # content, reasoning and tool-call characters streamed (issue 12 item 3)
        self._reasoning = 0  # of which reasoning
        self.usage: Usage | None = None
        self.redacted = False
        self.failed_status: int | None = None  # an error chunk arrived: the status it stands for

    def event(self, event: bytes) -> bytes | None:
        """The event to forward (possibly rewritten), or None to drop it."""
        _, data = event_fields(event)
        if data is None or data == b"[DONE]":
            return event
        try:
            chunk = orjson.loads(data)
        except orjson.JSONDecodeError:
            return event
        if not isinstance(chunk, dict):
            return event
        error = chunk.get("error")
        if isinstance(error, dict):  # what the openai SDKs raise as APIError mid-stream
            self.failed_status = stream_failure_status(error.get("type") or error.get("code"))
            return event
        changed = False
        usage = chunk.get("usage")
        if isinstance(usage, dict):
            self.usage = openai_chat_usage(usage)
            if not self._facts.include_usage and not chunk.get("choices"):
                return None  # the usage-only chunk Moat asked for (upstream_body); the client did not
        # Asked for by Moat, not by the client: every chunk loses the `usage` member the upstream
        # added (`null` until the end), cut from the original bytes (moat.gateway.json_edit).
        hide_usage = not self._facts.include_usage and chunk.pop("usage", _ABSENT) is not _ABSENT
        for choice in chunk.get("choices") or ():
            delta = choice.get("delta")
            if not isinstance(delta, dict):
                text = choice.get("text")  # a legacy /v1/completions chunk (moat.gateway.completions_api)
                if isinstance(text, str):
                    self._chars += len(text)
                continue
            content = delta.get("content")
            if isinstance(content, str):
                self._chars += len(content)
            calls = delta.get("tool_calls")
            if calls:
                self._chars += _tool_call_chars(calls)
            for key in _REASONING_KEYS:
                value = delta.get(key)
                if isinstance(value, str):
                    self._chars += len(value)
                    self._reasoning += len(value)
                    if self._redact:
                        del delta[key]
                        changed = self.redacted = True
        if self._redact and changed and _empty_chunk(chunk):
            return None
        if changed:
            return data_event(orjson.dumps(chunk))
        if hide_usage:
            cut = without_member(data, "usage", chunk)
            rewritten = replace_data(event, data, cut) if cut is not None else None
            return rewritten if rewritten is not None else data_event(orjson.dumps(chunk))
        return event

    def final_usage(self) -> Usage:
        """The upstream's report when it came; else what went past, counted (a stream cut short)."""
        if self.usage is not None:
            return self.usage
        return Usage(self._facts.input_tokens, estimate_tokens_of(self._chars), False,
                     reasoning_tokens=estimate_tokens_of(self._reasoning))


def _tool_call_chars(calls: Any) -> int:
    """Characters of streamed tool-call deltas: function names and argument fragments."""
    chars = 0
    if isinstance(calls, list):
        for call in calls:
            function = call.get("function") if isinstance(call, dict) else None
            if isinstance(function, dict):
                name, arguments = function.get("name"), function.get("arguments")
                chars += (len(name) if isinstance(name, str) else 0) + (
                    len(arguments) if isinstance(arguments, str) else 0)
    return chars


def _empty_chunk(chunk: dict[str, Any]) -> bool:
    for choice in chunk.get("choices") or ():
        delta = choice.get("delta") or {}
        if choice.get("finish_reason") or any(v not in (None, "") for v in delta.values()):
            return False
    return not chunk.get("usage")

