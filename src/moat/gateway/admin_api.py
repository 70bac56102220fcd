"""The admin HTTP API under /admin/: the directory operations of `moat orgs|accounts|keys|entities`.

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
import re
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from moat.errors import AuthenticationFailed, BadRequest, MoatError, NotFound, PermissionDenied
from moat.gateway.errors import error_body
from moat.gateway.http import Receive, Scope, Send, header, parse_json_object, read_body, send_json
from moat.hygiene import check_fields, check_json, check_path, check_text, decode_utf8, parse_query_strict
from moat.identity import admin
from moat.ids import new_id

if TYPE_CHECKING:
    from moat.gateway.runtime import Runtime



@dataclass(frozen=True, slots=True)
class AdminRequest:
    rt: Runtime
    actor: str
    body: dict[str, Any]  # the parsed JSON body ({} when empty)
    args: tuple[str, ...]  # the path's captured parts
    raw: bytes
    query: dict[str, str] = field(default_factory=dict)  # the query string (last value of each name)

    def texts(self, name: str) -> list[str]:
        value = self.body.get(name) or []
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise BadRequest(f"'{name}' must be a string or an array of strings")
        return value

    def text(self, name: str) -> str | None:
        value = self.body.get(name)
        if value is not None and not isinstance(value, str):
            raise BadRequest(f"'{name}' must be a string")
        return value

    def flag(self, name: str) -> bool | None:
        """A boolean field; None when absent, so an update leaves the stored value alone."""
        value = self.body.get(name)
        if value is not None and not isinstance(value, bool):
            raise BadRequest(f"'{name}' must be a boolean")
        return value

    def required(self, name: str) -> str:
        value = self.text(name)
        if not value:
            raise BadRequest(f"'{name}' is required")
        return value


Handler = Callable[[AdminRequest], Awaitable[tuple[int, Any]]]
_ROUTES: list[tuple[str, re.Pattern[str], Handler]] = []
_ADMIN_BODY_LIMIT = 64 << 20
# Body fields that may hold tab and line breaks (a platform's `public_key` may be PEM).
FREE_TEXT = frozenset({"text", "note", "reason", "title", "public_key"})


def route(method: str, pattern: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        _ROUTES.append((method, re.compile(f"^/admin{pattern}$"), fn))
        return fn
    return register


async def handle_admin(rt: Runtime, scope: Scope, receive: Receive, send: Send) -> None:
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
    for verb, pattern, handler in _ROUTES:
        found = pattern.match(path)
        if found:
            if verb == method:
                return handler, found.groups()
            allowed = True
    if allowed:
        raise BadRequest(f"Method {method} is not allowed on {path}")
    raise NotFound(f"Unknown admin path: {path}", code="unknown_url")


# ---- organizations -------------------------------------------------------------------------
@route("POST", "/orgs")
async def _add_org(req: AdminRequest) -> tuple[int, Any]:
    org = await admin.add_org(
        req.rt.store, actor=req.actor, org_id=req.required("org_id"), name=req.text("name") or "",
        domains=req.texts("domains"), ip_ranges=req.texts("ip_ranges"),
        restricted=req.flag("restricted"), owner=req.text("owner"), share=req.body.get("share"),
        payment_fingerprints=req.texts("payment_fingerprints"), sso_tenants=req.texts("sso_tenants"),
        aliases=req.texts("aliases"))
    return 201, admin.org_summary(org)


@route("GET", "/orgs")
async def _list_orgs(req: AdminRequest) -> tuple[int, Any]:
    return 200, {"data": [admin.org_summary(o) for o in await req.rt.store.list_orgs()]}


@route("GET", "/orgs/([^/]+)")
async def _get_org(req: AdminRequest) -> tuple[int, Any]:
    return 200, admin.org_summary(await admin.get_org(req.rt.store, req.args[0]))


# ---- accounts ------------------------------------------------------------------------------
@route("POST", "/accounts")
async def _add_account(req: AdminRequest) -> tuple[int, Any]:
    account = await admin.add_account(
        req.rt.store, actor=req.actor, account_id=req.required("account_id"),
        email=req.required("email"), plan=req.required("plan"),
        org_id=req.text("org"), credential=req.text("credential"),
        verified=req.flag("verified"))
    return 201, admin.account_summary(account)


@route("GET", "/accounts")
async def _list_accounts(req: AdminRequest) -> tuple[int, Any]:
    return 200, {"data": [admin.account_summary(a) for a in await req.rt.store.list_accounts()]}


@route("GET", "/accounts/([^/]+)")
async def _get_account(req: AdminRequest) -> tuple[int, Any]:
    return 200, admin.account_summary(await admin.get_account(req.rt.store, req.args[0]))


# ---- keys ----------------------------------------------------------------------------------
@route("POST", "/keys")
async def _create_key(req: AdminRequest) -> tuple[int, Any]:
    created = await admin.create_key(req.rt.store, actor=req.actor, account_id=req.required("account"),
                                     expires=req.text("expires"), purpose=req.text("purpose"))
    return 201, created.public()


@route("POST", "/keys/import")
async def _import_key(req: AdminRequest) -> tuple[int, Any]:
    key = await admin.import_key(req.rt.store, actor=req.actor, account_id=req.required("account"),
                                 secret=req.required("secret"), expires=req.text("expires"))
    return 201, admin.key_summary(key)


@route("GET", "/keys")
async def _list_keys(req: AdminRequest) -> tuple[int, Any]:
    return 200, {"data": [admin.key_summary(k) for k in await admin.list_keys(req.rt.store)]}


@route("POST", "/keys/([^/]+)/revoke")
async def _revoke_key(req: AdminRequest) -> tuple[int, Any]:
    return 200, admin.key_summary(await admin.revoke_key(req.rt.store, actor=req.actor, key_id=req.args[0]))


# ---- entities ------------------------------------------------------------------------------
@route("POST", "/entities")
async def _import_entities(req: AdminRequest) -> tuple[int, Any]:
    """The body is entities.jsonl itself (one organization per line)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "entities.jsonl"
        path.write_bytes(req.raw)
        report = await admin.import_entities(req.rt.store, actor=req.actor, path=path)
    errors = [e.replace(str(path), "entities.jsonl") for e in report.errors]
    return 200, {"imported": report.imported, "errors": errors}


# ---- enforcement: cases, actions, appeals (routes in their own module, registered on import) --
from moat.enforce import admin_routes as _enforce_routes  # noqa: E402, F401
