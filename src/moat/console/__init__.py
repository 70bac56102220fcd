"""The reviewers' web console, served by the gateway under /console/ (issue 7 item 5).

Server-rendered pages (Jinja2, autoescaped), inline SVG charts, one CSS file and a few lines of
JavaScript; nothing is fetched from elsewhere. `ROUTES` is the gateway's entry (assembled by
`moat.gateway.app`); the `Console` itself is built with the runtime (`moat.gateway.build`).
`moat console users ...` and `moat.console.bootstrap.ensure_admin` create users.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from moat.gateway.http import send_response
from moat.gateway.routes import Route, below, exact

if TYPE_CHECKING:
    from moat.gateway.http import Receive, Scope, Send
    from moat.gateway.runtime import Runtime


async def handle_console(runtime: Runtime, scope: Scope, receive: Receive, send: Send, request_id: str) -> None:
    """/console and below: the runtime's console, or 404 on a gateway built without one."""
    if runtime.console is None:
        await send_response(send, 404, b"There is no console on this gateway.", [(b"content-type", b"text/plain")])
        return
    await runtime.console(scope, receive, send)


ROUTES: list[Route] = [exact("/console", handle_console), below("/console/", handle_console)]

__all__ = ["ROUTES", "handle_console"]
