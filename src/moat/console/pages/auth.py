"""Sign-in, sign-out and the static files.

Sign-in is protected against login CSRF by a double-submit token (a pre-session cookie that must
equal the form's hidden field) plus the Origin check, and throttled per client address and per
account name before the password is looked at (`moat.console.throttle`: atomic, shared through the
store or Redis; a user's known address passes the per-name limit). Failed, throttled and locked-out
attempts go to the admin log. A successful sign-in always issues a new session id (a cookie
presented before is ended, never adopted).
"""

from __future__ import annotations

import hmac
import secrets
import time
from importlib import resources
from typing import TYPE_CHECKING

from moat.console.http import Request, Response, local_path
from moat.console.routing import PUBLIC, Route
from moat.console.sessions import COOKIE
from moat.store.base import AdminAction

if TYPE_CHECKING:
    from moat.console.app import Console
    from moat.console.throttle import Admission

PRE_COOKIE = "moat_console_pre"
STATIC_TYPES = {"console.css": b"text/css; charset=utf-8", "console.js": b"text/javascript; charset=utf-8",
                "favicon.svg": b"image/svg+xml"}


def _safe_next(target: str) -> str:
    """Only a path inside the console: never another site (open redirect)."""
    return local_path(target, "/console/")


async def signin_form(c: Console, req: Request, *, status: int = 200, error: str = "",
                      username: str = "") -> Response:
    token = secrets.token_urlsafe(24)
    response = await c.render(req, "signin.html", http_status=status, pre=token, error=error, username=username,
                              next=_safe_next(req.q("next") or req.f("next")))
    response.set_cookie(PRE_COOKIE, token, secure=c.secure_cookie(req))
    return response


async def signin_page(c: Console, req: Request) -> Response:
    return await signin_form(c, req)


async def signin(c: Console, req: Request) -> Response:
    pre_cookie, pre_form = req.cookies.get(PRE_COOKIE, ""), req.f("pre")
    if not req.origin_ok(c.settings.public_origin) or not pre_cookie or not hmac.compare_digest(
            pre_cookie.encode(), pre_form.encode()):
        return await c.error_page(req, 403, "The sign-in form's security check failed; reload the page.")
    username = req.f("username", limit=100).strip()
    password = req.f("password", limit=1000)
    address = req.client_ip
    admission = await c.throttle.admit(username, address)
    if not admission.allowed:  # the password is not looked at
        await _audit_throttled(c, username, address, admission)
        wait = admission.retry_after
        response = await signin_form(c, req, status=429, username=username,
                                     error=f"Too many failed sign-ins. Try again in {wait} seconds.")
        response.headers.append((b"retry-after", str(wait).encode()))
        return response
    user = await c.users.authenticate(username, password)
    if user is None:
        await c.runtime.store.append_admin(AdminAction(
            "console", "console.signin.failed", username, {"ip": address, "known_address": admission.known}))
        return await signin_form(c, req, status=401, username=username, error="Wrong user name or password.")
    await c.throttle.succeeded(admission, user.username, address)
    old = req.cookies.get(COOKIE)
    if old:
        await c.sessions.end(old)  # fixation: whatever id the browser held is never the new session
    await c.sessions.prune()
    raw = await c.sessions.create(user.username)
    await c.runtime.store.append_admin(AdminAction(f"console:{user.username}", "console.signin", user.username,
                                                   {"ip": req.client_ip, "role": user.role}))
    response = Response.redirect(_safe_next(req.f("next")))
    response.set_cookie(COOKIE, raw, secure=c.secure_cookie(req))
    response.set_cookie(PRE_COOKIE, "", secure=c.secure_cookie(req), max_age=0)
    return response


async def _audit_throttled(c: Console, username: str, address: str, admission: Admission) -> None:
    """Each refused attempt, and the lockout that the first refusal of a window begins."""
    subject = f"address:{address}" if admission.limit == "address" else f"user:{username.lower()}"
    details = {"ip": address, "limit": admission.limit, "retry_after": admission.retry_after,
               "attempt": admission.count}
    if admission.lockout:
        await c.runtime.store.append_admin(AdminAction(
            "console", "console.signin.lockout", subject,
            {**details, "until": round(time.time() + admission.retry_after), "user": username}))
    await c.runtime.store.append_admin(AdminAction("console", "console.signin.throttled", username, details))


async def signout(c: Console, req: Request) -> Response:
    assert req.session is not None
    await c.sessions.end(req.session.raw_id)
    response = Response.redirect("/console/signin")
    response.set_cookie(COOKIE, "", secure=c.secure_cookie(req), max_age=0)
    return response


async def static(c: Console, req: Request, name: str) -> Response:
    kind = STATIC_TYPES.get(name)
    if kind is None:
        return Response(404, b"not found", [(b"content-type", b"text/plain")])
    body = resources.files("moat.console").joinpath("static", name).read_bytes()
    return Response(200, body, [(b"content-type", kind)])


ROUTES = [
    Route("GET", r"/signin", signin_page, PUBLIC),
    Route("POST", r"/signin", signin, PUBLIC),
    Route("POST", r"/signout", signout, "viewer"),
    Route("GET", r"/static/([a-z0-9.]+)", static, PUBLIC),
]
