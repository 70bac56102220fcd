"""What a model call says about itself, read once from the body by the API's dialect."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from moat.errors import BadRequest


@dataclass(slots=True)
class CallFacts:
    model: str
    stream: bool = False
    reasoning: bool = False
    max_tokens: int | None = None
    prompt: str = ""
    system: str | None = None
    turn: int = 1
    first_user: str = ""  # the conversation's opening user text, to group its turns
    input_tokens: int = 0
    uncacheable_tokens: int = 0  # of input_tokens, what no prompt cache can serve (RequestContext)
    include_usage: bool = False  # OpenAI: the client itself asked for stream usage
    extra: dict[str, Any] = field(default_factory=dict)


def require_str(payload: dict[str, Any], name: str) -> str:
    value = payload.get(name)
    if not isinstance(value, str) or not value:
        raise BadRequest(f"'{name}' is required and must be a non-empty string", code="invalid_" + name)
    return value


def optional_bool(payload: dict[str, Any], name: str) -> bool:
    value = payload.get(name, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise BadRequest(f"'{name}' must be a boolean", code="invalid_type")
    return value


def optional_int(payload: dict[str, Any], name: str, *, minimum: int = 1) -> int | None:
    value = payload.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadRequest(f"'{name}' must be an integer", code="invalid_type")
    if value < minimum:
        raise BadRequest(f"'{name}' must be at least {minimum}", code="invalid_value")
    return value


def require_list(payload: dict[str, Any], name: str) -> list[Any]:
    value = payload.get(name)
    if not isinstance(value, list) or not value:
        raise BadRequest(f"'{name}' is required and must be a non-empty array", code="invalid_" + name)
    return value


def conversation_id(account_id: str, facts: CallFacts) -> str | None:
    """Turns of one conversation share their opening user message; hash it with the account."""
    if not facts.first_user:
        return None
    digest = hashlib.blake2b(f"{account_id}\x00{facts.first_user}".encode(), digest_size=8)
    return "conv_" + digest.hexdigest()
