"""The one place that turns a MoatError into each API's error body, status and headers.

OpenAI:    {"error": {"message", "type", "param", "code"}}
Anthropic: {"type": "error", "error": {"type", "message"}, "request_id"}
Mid-stream, the same bodies travel as a final SSE event (OpenAI: `data: {"error": ...}`;
Anthropic: `event: error`), which both official SDKs raise as an API error.
"""

from __future__ import annotations

import math
from typing import Any

import orjson

from moat.errors import MoatError, RateLimited

# Anthropic's error types (anthropic-sdk-python types/shared/error_type.py); any other is api_error.
_ANTHROPIC_TYPES = {
    "invalid_request_error": "invalid_request_error",
    "authentication_error": "authentication_error",
    "permission_error": "permission_error",
    "not_found_error": "not_found_error",
    "request_too_large": "request_too_large",
    "rate_limit_error": "rate_limit_error",
    "api_error": "api_error",
    "overloaded_error": "overloaded_error",
    "timeout_error": "timeout_error",
}


def _message(error: MoatError) -> str:
    if error.decision_id and error.decision_id not in error.message:
        return f"{error.message} (decision id: {error.decision_id})"
    return error.message


def error_body(api: str, error: MoatError, request_id: str) -> dict[str, Any]:
    if api == "anthropic":
        return {
            "type": "error",
            "error": {"type": _ANTHROPIC_TYPES.get(error.type, "api_error"), "message": _message(error)},
            "request_id": request_id,
        }
    body: dict[str, Any] = {"message": _message(error), "type": error.type, "param": error.param, "code": error.code}
    if error.decision_id:
        body["decision_id"] = error.decision_id
    return {"error": body}


def error_headers(error: MoatError) -> list[tuple[bytes, bytes]]:
    headers = [(k.lower().encode(), v.encode()) for k, v in error.headers.items()]
    if error.decision_id:
        headers.append((b"moat-decision-id", error.decision_id.encode()))
    if isinstance(error, RateLimited) and not any(k == b"retry-after" for k, _ in headers):
        headers.append((b"retry-after", str(max(1, math.ceil(error.retry_after))).encode()))
    return headers


def stream_error_event(api: str, error: MoatError, request_id: str) -> bytes:
    body = orjson.dumps(error_body(api, error, request_id))
    if api == "anthropic":
        return b"event: error\ndata: " + body + b"\n\n"
    return b"data: " + body + b"\n\n"
