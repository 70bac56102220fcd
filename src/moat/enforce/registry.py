"""Platforms and webhooks managed at run time (issue 13 item 5), beside the settings file's.

A provider onboards a platform (an IDE that signs its users' attribution) or a webhook endpoint
without editing every replica's settings file and restarting: `POST /admin/platforms`,
`moat platforms add`, and the same for webhooks. An entry is checked exactly as the settings file
checks one (`moat.config_validate` builds the same dataclass, `moat.config.platform_problems` /
`webhook_problems` add what types cannot say), then against what exists: a platform's account must
be in the directory and relay no other platform; names (and webhook URLs) are unique. Every change
is written to the admin log with its actor; secrets never appear in a listing or the log.

The settings file wins: an entry it defines cannot be added or removed here (409), and a stored
entry that a replica's file later defines too is listed as `shadowed` and not used by that replica
(`merged_platforms`, `merged_webhooks`). Every replica follows the tables (moat.enforce.registry_follow).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from moat.config import PlatformSettings, Settings, WebhookSettings, platform_problems, webhook_problems
from moat.config_validate import Builder, describe
from moat.enforce import registry_store
from moat.enforce.registry_store import Stored
from moat.enforce.services import EnforceContext
from moat.errors import BadRequest, Conflict, NotFound

ORIGIN = "request body"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,199}$")  # it travels in a URL path
_NAME_RULE = "a name of letters, digits and . _ : @ + - (at most 200, starting with a letter or digit)"


def _parse(cls: type[Any], body: dict[str, Any], required: Sequence[str], origin: str) -> Any:
    builder = Builder(origin=origin)
    entry = builder.build(cls, body)
    problems = builder.problems
    for name in required:
        if name not in body:
            problems.append(f"{origin}: {name} is required")
    if not problems and not _NAME.match(getattr(entry, required[0])):
        problems.append(describe(required[0], getattr(entry, required[0]), _NAME_RULE, origin=origin))
    if not problems:
        problems += (platform_problems(entry, "", origin) if cls is PlatformSettings
                     else webhook_problems(entry, "", origin))
    if problems:
        raise BadRequest("; ".join(problems), code=f"invalid_{'platform' if cls is PlatformSettings else 'webhook'}")
    return entry


def parse_platform(body: dict[str, Any], origin: str = ORIGIN) -> PlatformSettings:
    """A platform from an admin body (the fields of `[[platforms]]`); BadRequest naming every problem."""
    platform: PlatformSettings = _parse(PlatformSettings, body, ("platform_id", "account_id"), origin)
    return platform


def parse_webhook(body: dict[str, Any], origin: str = ORIGIN) -> WebhookSettings:
    """A webhook from an admin body (the fields of `[[webhooks]]`, `name` required)."""
    hook: WebhookSettings = _parse(WebhookSettings, body, ("name", "url"), origin)
    return hook


def hook_name(hook: WebhookSettings) -> str:
    return hook.name or hook.url


# ---- what a replica uses ----------------------------------------------------------------------
def merged_platforms(settings: Settings, stored: Sequence[Stored[PlatformSettings]]) -> list[PlatformSettings]:
    """The settings file's platforms, then the stored ones whose id the file does not define."""
    ids = {p.platform_id for p in settings.platforms}
    return [*settings.platforms, *(s.entry for s in stored if s.entry.platform_id not in ids)]


def _shadowed(settings: Settings, hook: WebhookSettings) -> bool:
    return any(hook.name == hook_name(h) or hook.url == h.url for h in settings.webhooks)


def merged_webhooks(settings_hooks: Sequence[WebhookSettings],
                    stored: Sequence[Stored[WebhookSettings]]) -> tuple[WebhookSettings, ...]:
    """The settings file's webhooks, then the stored ones it does not name (by name or by URL: the
    outbox addresses an endpoint by its URL, so one URL has one configuration)."""
    taken = {hook_name(h) for h in settings_hooks} | {h.url for h in settings_hooks}
    return (*settings_hooks, *(s.entry for s in stored if s.entry.name not in taken and s.entry.url not in taken))


# ---- listings (no secrets) ----------------------------------------------------------------------
def platform_summary(p: PlatformSettings, source: str, stored: Stored[PlatformSettings] | None = None,
                     shadowed: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"platform_id": p.platform_id, "account_id": p.account_id, "name": p.name,
                           "key": "ed25519" if p.public_key else "hs256", "public_key": p.public_key,
                           "audience": p.audience, "active": p.active, "source": source,
                           "in_force": not shadowed}
    if stored is not None:
        out.update(created_by=stored.created_by, created_at=stored.created_at)
    if shadowed:
        out["note"] = "the settings file defines this platform id; its entry is in force"
    return out


def webhook_summary(h: WebhookSettings, source: str, stored: Stored[WebhookSettings] | None = None,
                    shadowed: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"name": hook_name(h), "url": h.url, "events": list(h.events),
                           "signed": bool(h.secret or h.secret_env), "secret_env": h.secret_env,
                           "max_attempts": h.max_attempts, "timeout": h.timeout, "source": source,
                           "in_force": not shadowed}
    if stored is not None:
        out.update(created_by=stored.created_by, created_at=stored.created_at)
    if shadowed:
        out["note"] = "the settings file defines this name or URL; its entry is in force"
    return out


async def list_platforms(cx: EnforceContext, settings: Settings) -> list[dict[str, Any]]:
    ids = {p.platform_id for p in settings.platforms}
    return [*(platform_summary(p, "settings") for p in settings.platforms),
            *(platform_summary(s.entry, "store", s, s.entry.platform_id in ids)
              for s in await registry_store.platforms(cx.es))]


async def list_webhooks(cx: EnforceContext, settings: Settings) -> list[dict[str, Any]]:
    return [*(webhook_summary(h, "settings") for h in settings.webhooks),
            *(webhook_summary(s.entry, "store", s, _shadowed(settings, s.entry))
              for s in await registry_store.webhooks(cx.es))]


# ---- changes ----------------------------------------------------------------------------------
async def add_platform(cx: EnforceContext, settings: Settings, body: dict[str, Any], *, actor: str,
                       origin: str = ORIGIN) -> dict[str, Any]:
    platform = parse_platform(body, origin)
    if any(p.platform_id == platform.platform_id for p in settings.platforms):
        raise Conflict(f"platform {platform.platform_id!r} is defined in the settings file, which wins; "
                       "change it there", code="platform_in_settings")
    if await cx.store.get_account(platform.account_id) is None:
        raise BadRequest(describe("account_id", platform.account_id, "an account in the directory "
                                  "(moat accounts add)", origin=origin), code="invalid_platform")
    stored = await registry_store.platforms(cx.es)
    relaying = [p for p in merged_platforms(settings, stored)
                if p.account_id == platform.account_id and p.active and p.platform_id != platform.platform_id]
    if relaying and platform.active:
        raise Conflict(f"account {platform.account_id!r} already relays platform {relaying[0].platform_id!r}: "
                       "a platform's account is its own", code="platform_account_taken")
    if not await registry_store.insert_platform(cx.es, platform, actor):
        raise Conflict(f"platform {platform.platform_id!r} is registered already: remove it first",
                       code="platform_exists")
    summary = platform_summary(platform, "store")
    await cx.log(actor, "platform.add", platform.platform_id, summary)
    return summary


async def add_webhook(cx: EnforceContext, settings: Settings, body: dict[str, Any], *, actor: str,
                      origin: str = ORIGIN) -> dict[str, Any]:
    hook = parse_webhook(body, origin)
    if _shadowed(settings, hook):
        raise Conflict(f"webhook {hook.name!r} ({hook.url}) is defined in the settings file, which wins; "
                       "change it there", code="webhook_in_settings")
    if not await registry_store.insert_webhook(cx.es, hook, actor):
        raise Conflict(f"a webhook named {hook.name!r} or sending to {hook.url} is registered already: "
                       "remove it first", code="webhook_exists")
    summary = webhook_summary(hook, "store")
    await cx.log(actor, "webhook.add", hook.name, summary)
    return summary


async def remove(cx: EnforceContext, settings: Settings, kind: str, name: str, *, actor: str) -> dict[str, Any]:
    """Remove a stored platform (`kind` "platform") or webhook ("webhook") by its name."""
    if await registry_store.delete(cx.es, kind, name):
        await cx.log(actor, f"{kind}.remove", name, {})
        return {"removed": name, "kind": kind}
    in_file = (any(p.platform_id == name for p in settings.platforms) if kind == "platform"
               else any(hook_name(h) == name for h in settings.webhooks))
    if in_file:
        raise Conflict(f"{kind} {name!r} is defined in the settings file: remove it there",
                       code=f"{kind}_in_settings")
    raise NotFound(f"unknown {kind} {name!r}", code=f"unknown_{kind}")
