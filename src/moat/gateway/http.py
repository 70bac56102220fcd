"""Minimal ASGI plumbing: read a bounded body, send a response. No framework on the hot path."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import orjson

from moat.errors import BadRequest, RequestTimeout, RequestTooLarge

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Headers = list[tuple[bytes, bytes]]

BODY_TIMEOUT_FLAG = "moat.body_timeout"  # set in scope["extensions"] by moat.gateway.server

JSON_HEADERS: Headers = [(b"content-type", b"application/json")]
SSE_HEADERS: Headers = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-cache"),
    (b"x-accel-buffering", b"no"),
]


class ClientDisconnected(Exception):
    """The client went away before the body was read or while we were streaming."""


def header(scope: Scope, name: bytes) -> str | None:
    """First value of a request header (names are lower-case in ASGI)."""
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None


def header_map(scope: Scope) -> dict[bytes, bytes]:
    return dict(scope["headers"])


# The request headers the model-call pipeline reads. One rule for all of them: each may appear
# once (a second copy is refused, never "first wins" in one place and "last wins" in another) and
# its value must be text (UTF-8, no control characters).
READ_HEADERS = frozenset({b"authorization", b"x-api-key", b"content-length", b"content-encoding", b"user-agent",
                          b"moat-attribution", b"anthropic-version", b"anthropic-beta", b"openai-beta"})
_CONTROL = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]")


def request_headers(scope: Scope) -> dict[bytes, bytes]:
    """The headers of READ_HEADERS, each read once; BadRequest (400) for a repeated or non-text one."""
    found: dict[bytes, bytes] = {}
    for name, value in scope["headers"]:
        if name not in READ_HEADERS:
            continue
        if name in found:
            raise BadRequest(f"The '{name.decode()}' header appears more than once; send it once",
                             code="duplicate_header")
        if not _is_text(value):
            raise BadRequest(f"The '{name.decode()}' header is not valid text (UTF-8 without control characters)",
                             code="invalid_header")
        found[name] = value
    return found


def _is_text(value: bytes) -> bool:
    """UTF-8 without control characters (tab allowed). ASCII is checked for NUL alone: the HTTP
    parsers (llhttp, h11) already refuse every other control character in a header value."""
    if value.isascii():
        return b"\x00" not in value
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return _CONTROL.search(value) is None


async def read_body(receive: Receive, limit: int, declared: str | None, scope: Scope | None = None) -> bytes:
    """The whole request body, refusing more than `limit` bytes before reading it when declared.

    With `scope`, a body still incomplete at the server's `body_timeout` is refused with 408: the
    HTTP guard (moat.gateway.server) flags the scope and wakes us with an empty chunk, so the hot
    path pays no timer of its own."""
    if declared is not None:
        try:
            size = int(declared)
        except ValueError as exc:
            raise BadRequest("Invalid Content-Length header") from exc
        if size > limit:
            raise RequestTooLarge(f"Request body of {size} bytes exceeds the limit of {limit} bytes")
    chunks: list[bytes] = []
    total = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnected()
        chunk = message.get("body", b"")
        if chunk:
            total += len(chunk)
            if total > limit:
                raise RequestTooLarge(f"Request body exceeds the limit of {limit} bytes")
            chunks.append(chunk)
        elif scope is not None and message.get("more_body", False):
            seconds = (scope.get("extensions") or {}).get(BODY_TIMEOUT_FLAG)
            if seconds is not None:
                raise RequestTimeout(f"The request body was not received within {seconds:g} seconds")
        if not message.get("more_body", False):
            break
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def parse_json_object(body: bytes) -> dict[str, Any]:
    """The body as a JSON object. Invalid UTF-8 and lone surrogates are refused by the parser; NUL
    (which JSON can only spell `\\u0000`) is refused here: no text Moat stores or forwards holds it."""
    if not body:
        raise BadRequest("Request body is empty; expected a JSON object")
    try:
        value = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise BadRequest(f"Request body is not valid JSON: {exc}", code="invalid_json") from exc
    if not isinstance(value, dict):
        raise BadRequest("Request body must be a JSON object")
    if b"\\u0000" in body and _has_nul(value):
        raise BadRequest("Request body contains a NUL character (\\u0000) in a string", code="invalid_text")
    return value


def _has_nul(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            for key, inner in item.items():
                if "\x00" in key:
                    return True
                stack.append(inner)
        elif isinstance(item, list):
            stack.extend(item)
    return False


# Response headers that may legitimately repeat; every other one is sent once.
_REPEATABLE = frozenset({b"moat-warning", b"set-cookie", b"vary"})


def unique_headers(headers: Headers) -> Headers:
    """Each response header once: a later value of a name replaces the earlier one."""
    if len({name for name, _ in headers}) == len(headers):
        return headers
    seen: dict[bytes, int] = {}
    out: Headers = []
    for name, value in headers:
        at = seen.get(name)
        if at is None or name in _REPEATABLE:
            seen[name] = len(out)
            out.append((name, value))
        else:
            out[at] = (name, value)
    return out


async def send_response(send: Send, status: int, body: bytes, headers: Headers) -> None:
    """`headers` must name each header once (unique_headers where sources may overlap)."""
    await send({"type": "http.response.start", "status": status,
                "headers": [*headers, (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def send_json(send: Send, status: int, obj: Any, headers: Headers | None = None) -> None:
    await send_response(send, status, orjson.dumps(obj), [*JSON_HEADERS, *(headers or [])])
