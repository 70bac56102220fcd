"""Moat's own refusals on a data route, in the shape the route chose (docs/data-apis.md).

upstream   {"errors": [{"title": <reason code>, "detail": <message>, "type": "about:blank"}],
            "moat": {"reason": <reason code>, "decision_id": ...}} — the list-of-errors shape the
            data APIs Moat fronts answer with, so their clients' error handling reads ours too.
problem    RFC 9457 application/problem+json: {"type": "https://moat.dev/problems/<reason code>",
            "title", "status", "detail", "reason", "decision_id"}.

A stream Moat ends mid-way gets one final item in the same words: an ndjson line, or for sse an
`event: error` whose data is that JSON (the shape of the route's `upstream` errors either way:
a problem document is an HTTP answer, not an item).
"""

from __future__ import annotations

from typing import Any

import orjson

from moat.errors import MoatError
from moat.gateway.errors import error_headers
from moat.gateway.http import Headers

PROBLEM_BASE = "https://moat.dev/problems/"
_TITLES = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
           405: "Method Not Allowed", 408: "Request Timeout", 413: "Content Too Large", 429: "Too Many Requests",
           499: "Client Closed Request", 500: "Internal Server Error", 502: "Bad Gateway",
           503: "Service Unavailable", 504: "Gateway Timeout"}


def reason_of(error: MoatError) -> str:
    return error.code or error.type


def upstream_shape(error: MoatError) -> dict[str, Any]:
    reason = reason_of(error)
    return {"errors": [{"title": reason, "detail": error.message, "type": "about:blank"}],
            "moat": {"reason": reason, "decision_id": error.decision_id}}


def problem_shape(error: MoatError) -> dict[str, Any]:
    reason = reason_of(error)
    return {"type": PROBLEM_BASE + reason, "title": _TITLES.get(error.status, "Error"), "status": error.status,
            "detail": error.message, "reason": reason, "decision_id": error.decision_id}


def error_response(shape: str, error: MoatError) -> tuple[bytes, Headers]:
    """The body and headers (content type, Retry-After, moat-decision-id...) of a refusal."""
    if shape == "problem":
        body, media = orjson.dumps(problem_shape(error)), b"application/problem+json"
    else:
        body, media = orjson.dumps(upstream_shape(error)), b"application/json"
    return body, [(b"content-type", media), *error_headers(error)]


def final_item(fmt: str, error: MoatError) -> bytes:
    """The last item of a stream Moat ends: an ndjson line, or an sse `event: error`."""
    body = orjson.dumps(upstream_shape(error))
    if fmt == "sse":
        return b"event: error\ndata: " + body + b"\n\n"
    return body + b"\n"
