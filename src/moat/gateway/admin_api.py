"""The admin HTTP API under /admin/: authorization, input hygiene and dispatch for the areas'
routes (the directory's in `admin_directory`, enforcement's in `admin_cases`, `admin_exceptions` and
`admin_registry`), assembled in `ADMIN_ROUTES`.

Every call needs `Authorization: Bearer <admin_token>` (compared in constant time); with no
admin_token configured the API is off. The actor written to the admin log is `admin-api`, or
`admin-api:<name>` when the caller sends `Moat-Actor: <name>`. Errors use the OpenAI error shape.

Input hygiene (`moat.hygiene`): the path, the query, Moat-Actor and every string of the body (keys
included, to the leaves) must be valid text: invalid UTF-8, lone surrogates and NUL are refused with
a 400 naming the field, and so are control characters in names (every field but the free-text
`text`, `note`, `reason` and `title`, and a platform's PEM `public_key`, which may hold tab and line
breaks). Every response carries
`x-request-id` and `request-id`, each header once.
"""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING, Any

import orjson

from moat.errors import AuthenticationFailed, BadRequest, MoatError, NotFound, PermissionDenied
from moat.gateway import admin_cases, admin_directory, admin_exceptions, admin_registry
from moat.gateway.admin_request import AdminRequest, AdminRoute, Handler
from moat.gateway.errors import error_body
from moat.gateway.http import Receive, Scope, Send, header, parse_json_object, read_body, send_json
from moat.gateway.routes import Route, below
from moat.hygiene import check_fields, check_json, check_path, check_text, decode_utf8, parse_query_strict
from moat.ids import new_id

if TYPE_CHECKING:
    from moat.gateway.runtime import Runtime

# Every admin route, assembled here in one list (the first whose pattern and method match answers).
ADMIN_ROUTES: list[AdminRoute] = [*admin_directory.ROUTES.table, *admin_registry.ROUTES.table,
                                  *admin_exceptions.ROUTES.table, *admin_cases.ROUTES.table]
_ADMIN_BODY_LIMIT = 64 << 20
# Body fields that may hold tab and line breaks (a platform's `public_key` may be PEM).
FREE_TEXT = frozenset({"text", "note", "reason", "title", "public_key"})


async def handle_admin(rt: Runtime, scope: Scope, receive: Receive, send: Send, request_id: str) -> None:
    rid = new_id("req").encode()
    ids = [(b"x-request-id", rid), (b"request-id", rid)]
    try:
        actor = _authorize(rt, scope)
        check_path(scope.get("raw_path"), scope["path"])
        handler, args = _match(scope["method"], scope["path"])
        fields = parse_query_strict(scope.get("query_string", b""))
        check_fields(fields)
        query = {k: v[-1] for k, v in fields.items()}
        raw = await read_body(receive, _ADMIN_BODY_LIMIT, header(scope, b"content-length"), scope)
        if scope["path"].endswith("/entities"):
            _check_lines(raw)
            body: dict[str, Any] = {}
        else:
            body = parse_json_object(raw) if raw.strip() else {}
            check_json(body, free_text=FREE_TEXT)
        status, result = await handler(AdminRequest(rt, actor, body, args, raw, query))
        await send_json(send, status, result, ids)
    except MoatError as error:
        await send_json(send, error.status, error_body("openai", error, ""), ids)


def _check_lines(raw: bytes) -> None:
    """A JSON-lines body: valid UTF-8, and every line that parses holds only valid text (lines that do
    not parse are the importer's to report, line by line)."""
    for number, line in enumerate(decode_utf8(raw, "the request body").splitlines(), 1):
        if "\x00" in line:
            raise BadRequest(f"line {number} contains a NUL character", code="invalid_text")
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError:
            continue
        try:
            check_json(value, free_text=FREE_TEXT)
        except BadRequest as exc:
            raise BadRequest(f"line {number}: {exc.message}", code="invalid_text") from None


def _authorize(rt: Runtime, scope: Scope) -> str:
    token = rt.settings.admin_token
    if not token:
        raise PermissionDenied("The admin API is disabled: set admin_token (MOAT_ADMIN_TOKEN) to enable it",
                               code="admin_disabled")
    given = header(scope, b"authorization") or ""
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise AuthenticationFailed("Invalid or missing admin token", code="invalid_admin_token")
    name = _header_text(scope, b"moat-actor")
    return f"admin-api:{check_text('Moat-Actor', name, name=True)}" if name else "admin-api"


def _header_text(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return decode_utf8(value, f"the {name.decode()} header")
    return None


def _match(method: str, path: str) -> tuple[Handler, tuple[str, ...]]:
    allowed = False
    for verb, pattern, handler in ADMIN_ROUTES:
        found = pattern.match(path)
        if found:
            if verb == method:
                return handler, found.groups()
            allowed = True
    if allowed:
        raise BadRequest(f"Method {method} is not allowed on {path}")
    raise NotFound(f"Unknown admin path: {path}", code="unknown_url")


ROUTES: list[Route] = [below("/admin/", handle_admin)]
