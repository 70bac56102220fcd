"""The meter stage's vocabulary: each API's usage report turned into one `Usage` (issue 12 item 3).

    Anthropic Messages    input_tokens, output_tokens (thinking included), cache_read_input_tokens,
                          cache_creation_input_tokens, output_tokens_details.thinking_tokens
                          (when the API reports it; otherwise counted from the thinking sent)
    OpenAI chat           prompt_tokens (cached included), completion_tokens (reasoning included),
                          prompt_tokens_details.cached_tokens, completion_tokens_details.reasoning_tokens
    OpenAI Responses      input_tokens (cached included), output_tokens (reasoning included),
                          input_tokens_details.cached_tokens, output_tokens_details.reasoning_tokens

`Usage.input_tokens` is always the fresh input: OpenAI's cached tokens are taken out of its prompt
count, so a quota weighs each kind once (see `moat.limits.spec` for the weights). A report that is
not a number (or is negative) counts as 0: a broken report must never refund quota.
"""

from __future__ import annotations

from typing import Any

from moat.limits.base import Usage


def count(value: Any) -> int:
    """A token count from a usage report: a non-negative int, anything else 0."""
    if value.__class__ is int and value > 0:
        return int(value)
    return 0


def _detail(usage: dict[str, Any], name: str, field: str) -> int:
    details = usage.get(name)
    return count(details.get(field)) if isinstance(details, dict) else 0


def anthropic_usage(usage: dict[str, Any]) -> Usage:
    """An Anthropic `usage` object (a whole message's, or message_delta's cumulative one)."""
    output = count(usage.get("output_tokens"))
    thinking = _detail(usage, "output_tokens_details", "thinking_tokens")
    return Usage(count(usage.get("input_tokens")), output, True,
                 cache_read_tokens=count(usage.get("cache_read_input_tokens")),
                 cache_write_tokens=count(usage.get("cache_creation_input_tokens")),
                 reasoning_tokens=min(thinking, output) if output else thinking)


def _openai_usage(usage: dict[str, Any], prompt: str, output: str, prompt_details: str, output_details: str) -> Usage:
    """OpenAI's two layouts: the prompt count includes its cached part, the output its reasoning."""
    cached = _detail(usage, prompt_details, "cached_tokens")
    prompt_tokens = count(usage.get(prompt))
    output_tokens = count(usage.get(output))
    reasoning = _detail(usage, output_details, "reasoning_tokens")
    return Usage(max(prompt_tokens - cached, 0), output_tokens, True, cache_read_tokens=cached,
                 reasoning_tokens=min(reasoning, output_tokens) if output_tokens else reasoning)


def openai_chat_usage(usage: dict[str, Any]) -> Usage:
    """A Chat Completions (or embeddings) `usage` object."""
    return _openai_usage(usage, "prompt_tokens", "completion_tokens", "prompt_tokens_details",
                         "completion_tokens_details")


def responses_usage(usage: dict[str, Any]) -> Usage:
    """A Responses API `usage` object."""
    return _openai_usage(usage, "input_tokens", "output_tokens", "input_tokens_details", "output_tokens_details")
