"""The legacy OpenAI Completions dialect (`POST /v1/completions`): a prompt in, `choices[].text` out.

Shapes follow openai-python `src/openai/types/completion_create_params.py` and `completion.py`.
It streams the chat way (`data:` chunks, usage on request, `[DONE]`), so the chat StreamMeter and
upstream body serve it; only reading the body and counting a whole answer differ. It has no
reasoning to redact.
"""

from __future__ import annotations

from typing import Any

from moat.errors import BadRequest
from moat.gateway.facts import CallFacts, optional_bool, optional_int, require_str
from moat.gateway.metering import openai_chat_usage
from moat.gateway.tokens import estimate_tokens
from moat.limits.base import Usage


def parse_completions(payload: dict[str, Any]) -> CallFacts:
    model = require_str(payload, "model")
    prompt = payload.get("prompt")
    if isinstance(prompt, str):
        texts = [prompt]
    elif isinstance(prompt, list) and all(isinstance(p, (str, int, list)) for p in prompt):
        # strings, or token ids (one list, or a list per prompt): count ids as tokens, keep no text
        texts = [p if isinstance(p, str) else " " * 4 * (len(p) if isinstance(p, list) else 1) for p in prompt]
    else:
        raise BadRequest("'prompt' is required and must be a string or an array", code="invalid_prompt")
    options = payload.get("stream_options")
    if options is not None and not isinstance(options, dict):
        raise BadRequest("'stream_options' must be an object", code="invalid_type")
    first = next((t for t in texts if t.strip()), "")
    return CallFacts(
        model=model,
        stream=optional_bool(payload, "stream"),
        max_tokens=optional_int(payload, "max_tokens"),
        prompt=first,
        first_user=first,
        input_tokens=sum(estimate_tokens(t) for t in texts),
        include_usage=bool(options and options.get("include_usage")),
    )


def usage_of(obj: dict[str, Any], facts: CallFacts) -> Usage:
    usage = obj.get("usage")
    if isinstance(usage, dict):
        return openai_chat_usage(usage)
    text = "".join(str(c.get("text") or "") for c in obj.get("choices") or () if isinstance(c, dict))
    return Usage(facts.input_tokens, estimate_tokens(text), False)
