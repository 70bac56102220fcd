"""The reviewers' console: an ASGI sub-app the gateway serves under /console/.

One `Console` per gateway process, built with the `Runtime` (moat.gateway.build) and kept on it (whose store,
directory and policy it reads). Each request: parse, find the route, load the session, check the
route's role, check CSRF on state-changing methods, run the page handler, add security headers.
Page handlers live in `moat.console.pages.*`, one module per area, each exporting `ROUTES`.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import TYPE_CHECKING, Any

from moat.console.http import (
    MAX_FORM_BYTES,
    SECURITY_HEADERS,
    Request,
    Response,
    check_request_text,
    final_headers,
    html_headers,
    parse_form,
)
from moat.console.render import Renderer
from moat.console.routing import PUBLIC, Route
from moat.console.schema import open_tables
from moat.console.sessions import COOKIE, Sessions, csrf_ok
from moat.console.settings import ConsoleSettings, console_settings
from moat.console.throttle import build_throttle
from moat.console.users import UserBook, role_allows
from moat.errors import MoatError
from moat.gateway.http import ClientDisconnected, Receive, Scope, Send, read_body, send_response
from moat.ids import new_id
from moat.store import SQLStore
from moat.store.database import Database, open_database

if TYPE_CHECKING:
    from moat.gateway.runtime import Runtime

log = logging.getLogger("moat.console")


class Console:
    def __init__(self, runtime: Runtime, settings: ConsoleSettings | None = None,
                 db: Database | None = None) -> None:
        self.runtime = runtime
        self.settings = settings or console_settings(runtime.settings)
        # Its own connection to the store's database, so pages keep working while the gateway's
        # is busy recording; the store's tables are read through the store's methods on it.
        self.db = db or open_database(runtime.settings.store_url)
        self.store = SQLStore(self.db)
        self.users = UserBook(self.db, runtime.store)
        self.sessions = Sessions(self.db, idle=self.settings.idle_timeout, absolute=self.settings.absolute_timeout)
        limit = self.settings.signin_max_failures
        self.throttle = build_throttle(self.db, redis_url=runtime.settings.redis_url,
                                       redis_prefix=runtime.settings.redis_prefix, per_address=limit,
                                       per_user=limit, window=self.settings.signin_window,
                                       known_for=self.settings.signin_known_days * 86400.0)
        self.renderer = Renderer()
        self.cache: dict[str, tuple[float, Any]] = {}  # short-lived page aggregates (overview)
        self._routes = _compile_routes()
        self._opened = False
        self._open_lock = asyncio.Lock()

    async def open(self) -> None:
        async with self._open_lock:
            if not self._opened:
                await self.db.open()
                await open_tables(self.db)
                self._opened = True

    async def close(self) -> None:
        await self.throttle.close()
        await self.db.close()
        self._opened = False

    def secure_cookie(self, req: Request) -> bool:
        mode = self.settings.secure_cookies
        return mode == "always" or (mode == "auto" and req.https)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        rid = new_id("req").encode()
        if scope["path"] == "/console":
            await send_response(send, 308, b"", final_headers([(b"location", b"/console/"), *SECURITY_HEADERS], rid))
            return
        req = Request.from_scope(scope)
        try:
            response = await self._dispatch(req, receive)
        except MoatError as exc:
            response = await self.error_page(req, exc.status, exc.message)
        except ClientDisconnected:
            return  # gone mid-body: nobody to answer
        except Exception:
            log.exception("console: %s %s failed", req.method, req.path)
            response = await self.error_page(req, 500, "Something went wrong; the error was logged.")
        headers = list(response.headers)
        present = {k for k, _ in headers}
        defaults = SECURITY_HEADERS if b"content-type" in present else html_headers()
        headers += [(k, v) for k, v in defaults if k not in present]
        if response.status == 408:
            headers.append((b"connection", b"close"))  # the rest of a slow body is not worth reading
        await send_response(send, response.status, response.body, final_headers(headers, rid))

    async def _dispatch(self, req: Request, receive: Receive) -> Response:
        check_request_text(req)  # 400 for a path or query that is not text
        await self.open()
        route, args, allowed = self._match(req)
        if route is None:
            if allowed:
                return Response(405, b"Method not allowed", [(b"content-type", b"text/plain"),
                                                             (b"allow", ", ".join(sorted(allowed)).encode())])
            req.session = await self.sessions.lookup(req.cookies.get(COOKIE))
            return await self.error_page(req, 404, "There is no such page.")
        if req.method == "POST":
            # With the scope, a body still incomplete at `server.body_timeout` is refused with 408
            # (the HTTP guard's flag), so a slow form post cannot hold a connection open.
            body = await read_body(receive, MAX_FORM_BYTES, req.headers.get("content-length"), req.scope)
            req.form = parse_form(body)
        if route.role == PUBLIC:
            return await route.handler(self, req, *args)
        req.session = await self.sessions.lookup(req.cookies.get(COOKIE))
        if req.session is None:
            if req.method == "GET":
                from urllib.parse import quote

                return Response.redirect(f"/console/signin?next={quote('/console' + req.path)}")
            return await self.error_page(req, 401, "Your session has ended; sign in again.")
        if req.method == "POST":
            if not req.origin_ok(self.settings.public_origin):
                return await self.error_page(req, 403, "Cross-origin request refused.")
            if not csrf_ok(req.session.raw_id, req.f("csrf")):
                return await self.error_page(req, 403, "The form's security token is missing or wrong; "
                                                       "reload the page and try again.")
        if not role_allows(req.session.role, route.role):
            return await self.error_page(req, 403, f"This needs the {route.role} role; you are "
                                                   f"{req.session.role}.")
        return await route.handler(self, req, *args)

    def _match(self, req: Request) -> tuple[Route | None, tuple[str, ...], set[str]]:
        allowed: set[str] = set()
        for route, regex in self._routes:
            m = regex.fullmatch(req.path)
            if m is None:
                continue
            if route.method == req.method or (route.method == "GET" and req.method == "HEAD"):
                return route, m.groups(), allowed
            allowed.add(route.method)
        return None, (), allowed

    async def render(self, req: Request, template: str, http_status: int = 200, **context: Any) -> Response:
        body = self.renderer.render(template, req=req, session=req.session, **context)
        return Response(http_status, body.encode(), html_headers())

    async def error_page(self, req: Request, status: int, message: str) -> Response:
        return await self.render(req, "error.html", http_status=status, status_code=status, message=message)


def _compile_routes() -> list[tuple[Route, re.Pattern[str]]]:
    from moat.console.pages import all_routes

    return [(r, re.compile(r.pattern)) for r in all_routes()]
