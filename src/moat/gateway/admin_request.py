"""One admin API request as its handlers see it, and the route tables the areas declare them in.

Each admin area (`admin_directory`, `admin_registry`, `admin_exceptions`, `admin_cases`) declares its
routes on its own `AdminRoutes` table beside the handlers; `moat.gateway.admin_api` assembles the
tables in one list, so which routes exist never depends on which module happened to be imported.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from moat.errors import BadRequest

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
            error = BadRequest(f"'{name}' must be a string", code="invalid_type")
            error.param = name
            raise error
        return value

    def only(self, *names: str) -> None:
        """Refuse a field this endpoint does not take: a misspelt `use_desc` would otherwise be
        dropped silently and the key created without what its owner declared."""
        unknown = sorted(set(self.body) - set(names))
        if unknown:
            error = BadRequest(f"unknown field '{unknown[0]}'; this endpoint takes {', '.join(names)}",
                               code="unknown_field")
            error.param = unknown[0]
            raise error

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


class AdminRoute(NamedTuple):
    method: str
    pattern: re.Pattern[str]  # over the whole path, /admin included
    handler: Handler


class AdminRoutes:
    """One area's admin routes, in declaration order: `@routes.route("GET", "/cases/([^/]+)")`."""

    def __init__(self) -> None:
        self.table: list[AdminRoute] = []

    def route(self, method: str, pattern: str) -> Callable[[Handler], Handler]:
        def declare(fn: Handler) -> Handler:
            self.table.append(AdminRoute(method, re.compile(f"^/admin{pattern}$"), fn))
            return fn
        return declare
