"""The reviewers' web console, served by the gateway under /console/ (issue 7 item 5).

Server-rendered pages (Jinja2, autoescaped), inline SVG charts, one CSS file and a few lines of
JavaScript; nothing is fetched from elsewhere. `handle_console` is the gateway's entry point;
`moat console users ...` and `moat.console.bootstrap.ensure_admin` create users.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from moat.gateway.http import Receive, Scope, Send
    from moat.gateway.runtime import Runtime


async def handle_console(runtime: Runtime, scope: Scope, receive: Receive, send: Send) -> Any:
    from moat.console.app import handle_console as handle

    await handle(runtime, scope, receive, send)


__all__ = ["handle_console"]
