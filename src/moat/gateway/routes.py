"""The gateway's routes outside the model calls, and the one table they are assembled in.

Each area (models, stored responses, operations, feed, appeals, admin, console) exports `ROUTES`, a
list of `Route`; `moat.gateway.app` concatenates them into a `RouteTable` when the app is built, so
adding an area is one export and one line there, and nothing registers itself at import. The model
calls (`moat.gateway.endpoints.ENDPOINTS`) are looked up before this table, by exact path.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from moat.gateway.http import Receive, Scope, Send
    from moat.gateway.runtime import Runtime

# (runtime, scope, receive, send, request id): the id is the one the app put on the response's headers.
Handler = Callable[["Runtime", "Scope", "Receive", "Send", str], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Route:
    path: str  # the exact path; with `below`, a prefix ending in "/" that takes every path under it
    handler: Handler
    methods: frozenset[str] = frozenset()  # empty: any (the handler answers a wrong method itself)
    below: bool = False


def exact(path: str, handler: Handler, *methods: str) -> Route:
    return Route(path, handler, frozenset(methods))


def below(prefix: str, handler: Handler) -> Route:
    return Route(prefix, handler, below=True)


class RouteTable:
    """Exact paths by dictionary, then prefixes in the order given; a path matching none is 404."""

    def __init__(self, routes: Iterable[Route]) -> None:
        self._exact: dict[str, Route] = {}
        self._below: list[Route] = []
        for route in routes:
            if route.below:
                if not route.path.endswith("/"):
                    raise ValueError(f"a prefix route must end in '/': {route.path!r}")
                self._below.append(route)
            elif route.path in self._exact:
                raise ValueError(f"two routes for {route.path!r}")
            else:
                self._exact[route.path] = route

    def find(self, path: str, method: str) -> Handler | None:
        route = self._exact.get(path)
        if route is None:
            route = next((r for r in self._below if path.startswith(r.path)), None)
        if route is None or (route.methods and method not in route.methods):
            return None
        return route.handler
