"""The model-call endpoints the gateway serves, each bound to its API dialect."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from moat.gateway import anthropic_api, completions_api, openai_api, responses_api
from moat.gateway.facts import CallFacts
from moat.limits.base import Usage


@dataclass(frozen=True, slots=True)
class Endpoint:
    path: str  # as the client calls it, e.g. /v1/chat/completions
    api: str  # "openai" | "anthropic"
    upstream_path: str  # under the upstream's base URL
    parse: Callable[[dict[str, Any]], CallFacts]
    upstream_body: Callable[..., bytes]
    usage_of: Callable[[dict[str, Any], CallFacts], Usage]
    redact: Callable[[dict[str, Any]], bool] | None
    stream_meter: type | None  # None: the endpoint never streams
    generates: bool = True  # False: no model output (token counting); limits charge no output


def _embeddings_usage(obj: dict[str, Any], facts: CallFacts) -> Usage:
    usage = obj.get("usage")
    if isinstance(usage, dict):
        return Usage(int(usage.get("prompt_tokens") or 0), 0, True)
    return Usage(facts.input_tokens, 0, False)


def _count_usage(obj: dict[str, Any], facts: CallFacts) -> Usage:
    return Usage(0, 0, True)


def _plain_body(payload: dict[str, Any], body: bytes, facts: CallFacts, *, upstream_model: str,
                max_tokens_cap: int | None) -> bytes:
    return anthropic_api.upstream_body(payload, body, facts, upstream_model=upstream_model, max_tokens_cap=None)


ENDPOINTS: dict[str, Endpoint] = {
    e.path: e
    for e in (
        Endpoint("/v1/chat/completions", "openai", "/chat/completions", openai_api.parse_chat,
                 openai_api.upstream_body, openai_api.usage_of, openai_api.redact, openai_api.StreamMeter),
        Endpoint("/v1/responses", "openai", "/responses", responses_api.parse_responses,
                 responses_api.upstream_body, responses_api.usage_of, responses_api.redact,
                 responses_api.StreamMeter),
        # Codex-style clients compact a long conversation: a model call, never streamed.
        Endpoint("/v1/responses/compact", "openai", "/responses/compact", responses_api.parse_responses,
                 _plain_body, responses_api.usage_of, responses_api.redact, None),
        Endpoint("/v1/responses/input_tokens", "openai", "/responses/input_tokens", responses_api.parse_responses,
                 _plain_body, _count_usage, None, None, generates=False),
        Endpoint("/v1/completions", "openai", "/completions", completions_api.parse_completions,
                 openai_api.upstream_body, completions_api.usage_of, None, openai_api.StreamMeter),
        Endpoint("/v1/embeddings", "openai", "/embeddings", openai_api.parse_embeddings,
                 _plain_body, _embeddings_usage, None, None),
        Endpoint("/v1/messages", "anthropic", "/messages", anthropic_api.parse_messages,
                 anthropic_api.upstream_body, anthropic_api.usage_of, anthropic_api.redact,
                 anthropic_api.StreamMeter),
        Endpoint("/v1/messages/count_tokens", "anthropic", "/messages/count_tokens",
                 lambda p: anthropic_api.parse_messages(p, count_only=True), _plain_body, _count_usage,
                 None, None, generates=False),
    )
}
