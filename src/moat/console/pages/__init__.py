"""The console's pages, one module per area; each exports `ROUTES`."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from moat.console.app import Route

MODULES = ("auth", "overview", "directory", "policies", "audit", "feed", "users", "cases", "appeals", "exceptions",
           "reviewed")


def all_routes() -> list[Route]:
    routes: list[Route] = []
    for name in MODULES:
        routes.extend(importlib.import_module(f"moat.console.pages.{name}").ROUTES)
    return routes
