"""Admin HTTP API for platforms and webhooks (moat.enforce.registry), assembled
by `moat.gateway.admin_api`:

    GET    /admin/platforms                  the settings file's and the registered ones (`source`, `in_force`)
    POST   /admin/platforms {platform_id, account_id, public_key | hs256_secret, audience, name, active}
    DELETE /admin/platforms/{platform_id}
    GET    /admin/webhooks
    POST   /admin/webhooks  {name, url, secret | secret_env, events, max_attempts, timeout}
    DELETE /admin/webhooks/{name}

A body is validated as the settings file's `[[platforms]]` / `[[webhooks]]` entry is (400 naming
every problem), then checked against what exists (409 on a taken name, or one the settings file
holds). The answering replica applies the change before it answers; the others within a second.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from moat.enforce import registry
from moat.enforce.runtime import context_for
from moat.gateway.admin_request import AdminRequest, AdminRoutes

ROUTES = AdminRoutes()
Lister = Callable[[Any, Any], Awaitable[Any]]
Adder = Callable[..., Awaitable[Any]]


async def _applied(req: AdminRequest) -> None:
    """Make this replica serve the change at once (the others follow the change feed)."""
    enforcement = getattr(req.rt, "enforcement", None)
    if enforcement is not None and enforcement.started:
        await enforcement.registry.refresh()


def _declare(kind: str, lister: Lister, adder: Adder) -> None:
    """List, add and remove for one kind of registry entry (`platform` or `webhook`): the same
    three routes, each naming its kind to the registry."""
    base = f"/{kind}s"

    async def list_all(req: AdminRequest) -> tuple[int, Any]:
        return 200, {"data": await lister(await context_for(req.rt), req.rt.settings)}

    async def add(req: AdminRequest) -> tuple[int, Any]:
        added = await adder(await context_for(req.rt), req.rt.settings, req.body, actor=req.actor)
        await _applied(req)
        return 201, added

    async def remove(req: AdminRequest) -> tuple[int, Any]:
        removed = await registry.remove(await context_for(req.rt), req.rt.settings, kind, req.args[0],
                                        actor=req.actor)
        await _applied(req)
        return 200, removed

    ROUTES.route("GET", base)(list_all)
    ROUTES.route("POST", base)(add)
    ROUTES.route("DELETE", base + "/([^/]+)")(remove)


_declare("platform", registry.list_platforms, registry.add_platform)
_declare("webhook", registry.list_webhooks, registry.add_webhook)
