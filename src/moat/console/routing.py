"""A console route: method, path pattern (below /console), handler and the least role it needs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

Handler = Callable[..., Awaitable[Any]]
PUBLIC = ""  # a route anyone may open (sign-in, static files)


@dataclass(frozen=True, slots=True)
class Route:
    method: str
    pattern: str  # a regex over the path below /console, matched whole
    handler: Handler
    role: str = "viewer"  # least role allowed; PUBLIC for no session
