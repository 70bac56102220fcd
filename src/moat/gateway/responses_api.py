"""The OpenAI Responses dialect (`POST /v1/responses`): read its body, meter and redact its answers.

Shapes follow openai-python `src/openai/types/responses/` (response_create_params.py,
response_stream_event.py, response_reasoning_item.py, response_usage.py).

Reasoning is "asked" when `reasoning` names an effort other than "none", or `include` asks for
`reasoning.encrypted_content`. It comes back as `reasoning` output items (their `summary`, `content`
and `encrypted_content`). Redaction takes the outcome chat and Messages have (moat.gateway.openai_api,
anthropic_api): the reasoning is gone, the rest untouched. Whole reasoning items are dropped, like
Anthropic's thinking blocks, and in a stream every event of a dropped item too, with the later
items' `output_index` renumbered so the SDK's accumulator still lines up; the lifecycle events
(response.created ... response.completed) carry the whole response, whose `output` is filtered
the same way. Events are parsed only when their name says they can matter (a text delta's
length counts output when no usage comes: measured, orjson parses one as fast as a regex finds it).

A failure inside a stream (`error`, `response.failed`) is relayed as it came and recorded with the
status its code stands for (issue 12 item 5).

`background: true` marks the call (`extra["background"]`): the pipeline then hands a response
still queued or in progress to moat.gateway.background, which records and settles it when it ends.
"""

from __future__ import annotations

from typing import Any

import orjson

from moat.errors import BadRequest
from moat.gateway.facts import CallFacts, optional_bool, optional_int, require_str
from moat.gateway.metering import responses_usage
from moat.gateway.sse import CutItems, data_event, event_fields
from moat.gateway.tokens import (
    content_text,
    estimate_tokens,
    estimate_tokens_of,
    openai_uncacheable,
    responses_input_tokens,
)
from moat.gateway.upstream_errors import stream_failure_status
from moat.limits.base import Usage

_LIFECYCLE = frozenset({b"response.created", b"response.queued", b"response.in_progress",
                        b"response.completed", b"response.failed", b"response.incomplete"})
_FINAL = frozenset({"response.completed", "response.failed", "response.incomplete"})
_DELTAS = frozenset({b"response.output_text.delta", b"response.reasoning_summary_text.delta",
                     b"response.reasoning_text.delta", b"response.function_call_arguments.delta",
                     b"response.refusal.delta", b"response.custom_tool_call_input.delta"})


def parse_responses(payload: dict[str, Any]) -> CallFacts:
    model = require_str(payload, "model")
    data = payload.get("input")
    items: list[Any]
    if data is None:
        items = []
    elif isinstance(data, str):
        items = [{"role": "user", "content": data}]
    elif isinstance(data, list):
        items = data
    else:
        raise BadRequest("'input' must be a string or an array of input items", code="invalid_type")
    prompt = first_user = ""
    turns = 0
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise BadRequest(f"'input.{i}' must be an object", code="invalid_type")
        text = _item_text(item)
        if item.get("role") == "user" and item.get("type", "message") == "message":
            turns += 1
            prompt = text
            if turns == 1:
                first_user = text
    instructions = payload.get("instructions")
    if instructions is not None and not isinstance(instructions, str):
        raise BadRequest("'instructions' must be a string", code="invalid_type")
    reasoning = payload.get("reasoning")
    if reasoning is not None and not isinstance(reasoning, dict):
        raise BadRequest("'reasoning' must be an object", code="invalid_type")
    include = payload.get("include")
    if include is not None and not isinstance(include, list):
        raise BadRequest("'include' must be an array", code="invalid_type")
    previous = payload.get("previous_response_id")
    if previous is not None and not isinstance(previous, str):
        raise BadRequest("'previous_response_id' must be a string", code="invalid_type")
    extra: dict[str, Any] = {"previous_response_id": previous} if previous else {}
    background = optional_bool(payload, "background")
    if background:  # generated after the create returns: metered when it ends (moat.gateway.background)
        extra["background"] = True
    asked = bool(reasoning and reasoning.get("effort") not in ("none",)) or \
        "reasoning.encrypted_content" in (include or ())
    estimate = responses_input_tokens(items, instructions, payload.get("tools"))  # media priced (issue 12)
    return CallFacts(
        model=model,
        stream=optional_bool(payload, "stream"),
        reasoning=asked,
        max_tokens=optional_int(payload, "max_output_tokens"),
        prompt=prompt,
        system=instructions or None,
        turn=max(turns, 1),
        first_user=first_user,
        input_tokens=estimate,
        uncacheable_tokens=openai_uncacheable(estimate),
        extra=extra,
    )


def _item_text(item: dict[str, Any]) -> str:
    """The text the model reads in one input item (messages, tool results, tool calls, summaries)."""
    kind = item.get("type", "message")
    if kind == "message":
        return content_text(item.get("content"))
    if kind in ("function_call_output", "custom_tool_call_output"):
        output = item.get("output")
        return output if isinstance(output, str) else content_text(output)
    if kind == "function_call":
        return str(item.get("arguments") or "")
    if kind == "reasoning":
        return content_text(item.get("summary"))
    return ""


def upstream_body(payload: dict[str, Any], body: bytes, facts: CallFacts, *, upstream_model: str,
                  max_tokens_cap: int | None) -> bytes:
    """The client's bytes unless the model is renamed or the output capped."""
    changes: dict[str, Any] = {}
    if upstream_model and upstream_model != facts.model:
        changes["model"] = upstream_model
    if max_tokens_cap is not None and (facts.max_tokens is None or facts.max_tokens > max_tokens_cap):
        changes["max_output_tokens"] = max_tokens_cap
    return orjson.dumps({**payload, **changes}) if changes else body


def usage_of(obj: dict[str, Any], facts: CallFacts) -> Usage:
    if isinstance(obj.get("id"), str):  # whose it is, remembered at record (moat.gateway.response_owners)
        facts.extra["response_id"] = obj["id"]
    usage = obj.get("usage")
    if isinstance(usage, dict):
        return responses_usage(usage)
    return Usage(facts.input_tokens, estimate_tokens(_output_text(obj.get("output"))), False)


def _output_text(output: Any) -> str:
    parts: list[str] = []
    for item in output if isinstance(output, list) else ():
        if isinstance(item, dict):
            parts.append(content_text(item.get("content")))
            parts.append(content_text(item.get("summary")))
            parts.append(str(item.get("arguments") or ""))
    return "".join(parts)


def _is_reasoning(item: Any) -> bool:
    return isinstance(item, dict) and item.get("type") == "reasoning"


def redact(obj: dict[str, Any]) -> bool:
    """Drop reasoning items from a response's `output` in place; True if any was there."""
    output = obj.get("output")
    if not isinstance(output, list):
        return False
    kept = [item for item in output if not _is_reasoning(item)]
    obj["output"] = kept
    return len(kept) != len(output)


def failure_status(error: Any) -> int:
    """The status a Responses error (an `error` event, `response.error`) stands for."""
    code = error.get("code") if isinstance(error, dict) else None
    if isinstance(code, str) and (code.startswith(("invalid_", "image_")) or code.endswith("_policy")):
        return 400
    return stream_failure_status(code)


class StreamMeter:
    """Watches a Responses SSE stream: usage from its final event, failures, reasoning redaction."""

    __slots__ = ("_chars", "_dropped", "_facts", "_redact", "failed_status", "finished", "redacted", "response_id",
                 "usage")

    def __init__(self, facts: CallFacts, redact_reasoning: bool) -> None:
        self._facts = facts
        self._redact = redact_reasoning
        self._chars = 0
        self._dropped = CutItems("output_index")  # reasoning items cut by redaction
        self.usage: Usage | None = None
        self.redacted = False
        self.failed_status: int | None = None
        self.response_id: str | None = None
        self.finished = False  # a final event (completed, failed, incomplete) went past

    def event(self, event: bytes) -> bytes | None:
        """The event to forward (possibly rewritten), or None to drop it."""
        name, data = event_fields(event)
        if data is None:
            return event
        if name is not None and not self._redact and name not in _LIFECYCLE and name not in _DELTAS \
                and name != b"error":
            return event  # nothing to read in it: not parsed
        try:
            obj = orjson.loads(data)
        except orjson.JSONDecodeError:
            return event
        if not isinstance(obj, dict):
            return event
        kind = obj.get("type")
        if isinstance(kind, str) and kind.endswith(".delta"):
            delta = obj.get("delta")
            if isinstance(delta, str):
                self._chars += len(delta)
        elif kind == "error":
            self.failed_status = failure_status(obj)
        response = obj.get("response")
        if isinstance(response, dict):
            self._lifecycle(kind, response)
        if not self._redact:
            return event
        return self._redacted(event, name, obj, response)

    def _lifecycle(self, kind: Any, response: dict[str, Any]) -> None:
        if self.response_id is None and isinstance(response.get("id"), str):
            self.response_id = self._facts.extra["response_id"] = response["id"]
        if kind in _FINAL:
            self.finished = True
            usage = response.get("usage")
            if isinstance(usage, dict):
                self.usage = responses_usage(usage)
            if kind == "response.failed":
                self.failed_status = failure_status(response.get("error"))

    def _redacted(self, event: bytes, name: bytes | None, obj: dict[str, Any],
                  response: dict[str, Any] | None) -> bytes | None:
        if response is not None:
            if redact(response):
                self.redacted = True
                return data_event(orjson.dumps(obj), name)
            return event
        starts = obj.get("type") == "response.output_item.added" and _is_reasoning(obj.get("item"))
        out = self._dropped.pass_on(event, name, obj, starts)
        if out is None:
            self.redacted = True
        return out

    def final_usage(self) -> Usage:
        if self.usage is not None:
            return self.usage
        return Usage(self._facts.input_tokens, estimate_tokens_of(self._chars), False)
