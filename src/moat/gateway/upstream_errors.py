"""What an upstream's error answer becomes for the client (issue 12 item 5: errors keep their meaning).

An error in the API's own shape passes through unchanged, with its status: the client's SDK raises
the class it would raise without Moat (Anthropic's 529 `OverloadedError`, 500 `InternalServerError`,
429 `RateLimitError`, 400 `BadRequestError`...) and reads the upstream's own message and type. Moat
adds only its ids, in headers.

Two exceptions, both about the gateway rather than the client:
- 401/403: the upstream refused the *gateway's* credentials. Passed on, the client would believe its
  own key was wrong; it becomes our 502, without the upstream's words (they may name the key).
- an error whose body is not in the API's shape (an HTML page from a proxy, nothing at all): the
  client gets the same status in the API's shape (`upstream_failure`), never a foreign body.

Inside a stream the status line has long been sent, so the failure travels as an event; its status
for the record comes from `stream_failure_status`.
"""

from __future__ import annotations

from typing import Any

import orjson

from moat.errors import (
    MoatError,
    UpstreamError,
    UpstreamFailed,
    UpstreamOverloaded,
    UpstreamRefused,
    UpstreamTimeout,
    UpstreamUnavailable,
)

_CREDENTIALS = frozenset({401, 403})


def refusal_from_upstream(api: str, status: int, raw: bytes) -> bytes | None:
    """The upstream's body to pass through unchanged, or None when the gateway must answer itself."""
    if status in _CREDENTIALS or raw.lstrip()[:1] != b"{":
        return None
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    return raw if _in_api_shape(api, body) else None


def _in_api_shape(api: str, body: Any) -> bool:
    """Anthropic: {"type": "error", "error": {"type", "message"}}; OpenAI: {"error": {"message", ...}}."""
    if not isinstance(body, dict):
        return False
    error = body.get("error")
    if not isinstance(error, dict) or not isinstance(error.get("message"), str):
        return False
    if api == "anthropic":
        return body.get("type") == "error" and isinstance(error.get("type"), str)
    return True


def upstream_failure(status: int) -> MoatError:
    """The gateway's own error for an upstream status it cannot pass through: the same status."""
    if status in _CREDENTIALS:
        return UpstreamError("The upstream model refused the gateway's credentials")
    if status == 529:
        return UpstreamOverloaded("The upstream model is overloaded")
    if status == 503:
        return UpstreamUnavailable("The upstream model is overloaded or unavailable")
    if status == 504:
        return UpstreamTimeout("The upstream model timed out")
    if 400 <= status < 500:
        return UpstreamRefused(f"The upstream model refused the request with status {status}", status=status)
    if status == 500:
        return UpstreamFailed("The upstream model failed")
    return UpstreamError(f"The upstream model failed with status {status}")


# Error types and codes seen inside streams, to the HTTP status they stand for. Anthropic's are its
# error types (docs.anthropic.com/en/api/errors); OpenAI's are chat error chunks' types and the
# Responses API's `error` / `response.failed` codes (openai-python types/responses/response_error.py).
_STREAM_STATUS = {
    "invalid_request_error": 400, "authentication_error": 401, "billing_error": 402, "permission_error": 403,
    "not_found_error": 404, "request_too_large": 413, "rate_limit_error": 429, "api_error": 500,
    "timeout_error": 504, "overloaded_error": 529,
    "server_error": 500, "rate_limit_exceeded": 429, "insufficient_quota": 429, "vector_store_timeout": 504,
}


def stream_failure_status(kind: Any, default: int = 500) -> int:
    """The status to record for an error event whose type or code is `kind`."""
    return _STREAM_STATUS.get(kind, default) if isinstance(kind, str) else default
