"""Console users (admins only): add a user, change a role, disable or enable. Every change is in
the admin log with the acting admin; a disabled user's sessions end at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from moat.console.http import Request, Response
from moat.console.routing import Route
from moat.console.users import ROLES
from moat.errors import BadRequest, NotFound

if TYPE_CHECKING:
    from moat.console.app import Console


async def users(c: Console, req: Request, *, status: int = 200, error: str = "", notice: str = "") -> Response:
    return await c.render(req, "users.html", http_status=status, active="users", users=await c.users.list(),
                          roles=ROLES, error=error, notice=notice)


def _actor(req: Request) -> str:
    assert req.session is not None
    return f"console:{req.session.username}"


async def add(c: Console, req: Request) -> Response:
    try:
        user = await c.users.add(req.f("username", limit=100), req.f("role"), req.f("password", limit=1000),
                                 actor=_actor(req))
    except BadRequest as exc:
        return await users(c, req, status=422, error=exc.message)
    return await users(c, req, notice=f"Added {user.username} as {user.role}.")


async def set_role(c: Console, req: Request, username: str) -> Response:
    assert req.session is not None
    if username == req.session.username:
        return await users(c, req, status=422, error="You cannot change your own role (ask another admin).")
    try:
        user = await c.users.set_role(username, req.f("role"), actor=_actor(req))
    except (BadRequest, NotFound) as exc:
        return await users(c, req, status=422, error=exc.message)
    return await users(c, req, notice=f"{user.username} is now {user.role}.")


async def set_disabled(c: Console, req: Request, username: str) -> Response:
    assert req.session is not None
    disable = req.f("disabled") == "1"
    if disable and username == req.session.username:
        return await users(c, req, status=422, error="You cannot disable yourself.")
    try:
        await c.users.set_disabled(username, disable, actor=_actor(req))
    except NotFound as exc:
        return await users(c, req, status=422, error=exc.message)
    if disable:
        await c.sessions.end_all(username)
    return await users(c, req, notice=f"{username} {'disabled' if disable else 'enabled'}.")


ROUTES = [
    Route("GET", r"/users", users, "admin"),
    Route("POST", r"/users", add, "admin"),
    Route("POST", r"/users/([^/]{1,100})/role", set_role, "admin"),
    Route("POST", r"/users/([^/]{1,100})/disabled", set_disabled, "admin"),
]
