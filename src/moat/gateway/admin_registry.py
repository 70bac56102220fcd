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

from typing import Any

from moat.enforce import registry
from moat.enforce.runtime import context_for
from moat.gateway.admin_request import AdminRequest, AdminRoutes

ROUTES = AdminRoutes()


async def _applied(req: AdminRequest) -> None:
    """Make this replica serve the change at once (the others follow the change feed)."""
    enforcement = getattr(req.rt, "enforcement", None)
    if enforcement is not None and enforcement.started:
        await enforcement.registry.refresh()


@ROUTES.route("GET", "/platforms")
async def _list_platforms(req: AdminRequest) -> tuple[int, Any]:
    return 200, {"data": await registry.list_platforms(await context_for(req.rt), req.rt.settings)}


@ROUTES.route("POST", "/platforms")
async def _add_platform(req: AdminRequest) -> tuple[int, Any]:
    added = await registry.add_platform(await context_for(req.rt), req.rt.settings, req.body, actor=req.actor)
    await _applied(req)
    return 201, added


@ROUTES.route("DELETE", "/platforms/([^/]+)")
async def _remove_platform(req: AdminRequest) -> tuple[int, Any]:
    removed = await registry.remove(await context_for(req.rt), req.rt.settings, "platform", req.args[0],
                                    actor=req.actor)
    await _applied(req)
    return 200, removed


@ROUTES.route("GET", "/webhooks")
async def _list_webhooks(req: AdminRequest) -> tuple[int, Any]:
    return 200, {"data": await registry.list_webhooks(await context_for(req.rt), req.rt.settings)}


@ROUTES.route("POST", "/webhooks")
async def _add_webhook(req: AdminRequest) -> tuple[int, Any]:
    added = await registry.add_webhook(await context_for(req.rt), req.rt.settings, req.body, actor=req.actor)
    await _applied(req)
    return 201, added


@ROUTES.route("DELETE", "/webhooks/([^/]+)")
async def _remove_webhook(req: AdminRequest) -> tuple[int, Any]:
    removed = await registry.remove(await context_for(req.rt), req.rt.settings, "webhook", req.args[0],
                                    actor=req.actor)
    await _applied(req)
    return 200, removed
