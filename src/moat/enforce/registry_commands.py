"""`moat platforms add|list|remove` and `moat webhooks add|list|remove`: the registry from the command line.

Thin wrappers over `moat.enforce.registry` against the configured store, checked exactly as the admin
API checks a body; a problem exits 2 with every problem named, a clash with the settings file or a
taken name exits 1. Running replicas follow the change within about a second; the admin log names
the actor `cli:<os user>`. Listings show the settings file's entries too (`source`), and say when a
stored entry is shadowed by the file's.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import click

from moat.cli import actor, emit, settings_from, with_store
from moat.enforce import registry
from moat.enforce.services import EnforceContext
from moat.store import Store

T = TypeVar("T")
ORIGIN = "command line"
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def _with_cx(ctx: click.Context, work: Callable[[EnforceContext], Awaitable[T]]) -> T:
    async def enforce(store: Store) -> T:
        return await work(await EnforceContext.open(store))

    return with_store(ctx, enforce)


def _body(**options: Any) -> dict[str, Any]:
    """The options given, as the admin API's body (options left out are not in it)."""
    return {k: v for k, v in options.items() if v is not None and v != ()}


def _lines(rows: list[dict[str, Any]], key: str, describe: Callable[[dict[str, Any]], str]) -> str:
    if not rows:
        return "(none)"
    return "\n".join(f"{r[key]}  [{r['source']}{'' if r['in_force'] else ', shadowed by the settings file'}]  "
                     f"{describe(r)}" for r in rows)


# ---- platforms -----------------------------------------------------------------------------------
@click.group()
def platforms() -> None:
    """Platforms that relay their users' requests and sign attribution (beside `[[platforms]]`)."""


@platforms.command("add")
@click.argument("platform_id")
@click.option("--account", "account_id", required=True, help="The Moat account whose API key the platform uses.")
@click.option("--public-key", default=None, help="Ed25519 public key: PEM, or 32 bytes in base64.")
@click.option("--hs256-secret", default=None, help="A shared secret instead of a public key.")
@click.option("--audience", default=None)
@click.option("--name", default=None)
@click.option("--inactive", is_flag=True, help="Register it switched off.")
@json_option
@click.pass_context
def platforms_add(ctx: click.Context, platform_id: str, account_id: str, public_key: str | None,
                  hs256_secret: str | None, audience: str | None, name: str | None, inactive: bool,
                  as_json: bool) -> None:
    body = _body(platform_id=platform_id, account_id=account_id, public_key=public_key, hs256_secret=hs256_secret,
                 audience=audience, name=name, active=False if inactive else None)
    settings = settings_from(ctx)
    added = _with_cx(ctx, lambda cx: registry.add_platform(cx, settings, body, actor=actor(), origin=ORIGIN))
    emit(added, as_json, f"platform {platform_id} added (account {account_id})")


@platforms.command("list")
@json_option
@click.pass_context
def platforms_list(ctx: click.Context, as_json: bool) -> None:
    settings = settings_from(ctx)
    rows = _with_cx(ctx, lambda cx: registry.list_platforms(cx, settings))
    emit({"data": rows}, as_json, _lines(rows, "platform_id", lambda r: f"account={r['account_id']} key={r['key']}"
                                         f"{'' if r['active'] else ' inactive'}"))


@platforms.command("remove")
@click.argument("platform_id")
@json_option
@click.pass_context
def platforms_remove(ctx: click.Context, platform_id: str, as_json: bool) -> None:
    settings = settings_from(ctx)
    removed = _with_cx(ctx, lambda cx: registry.remove(cx, settings, "platform", platform_id, actor=actor()))
    emit(removed, as_json, f"platform {platform_id} removed")


# ---- webhook endpoints (added to `moat webhooks` by moat.enforce.commands) ----------------------
@click.command("add")
@click.argument("name")
@click.option("--url", required=True)
@click.option("--secret", default=None, help="HMAC-SHA256 key of the Moat-Signature header.")
@click.option("--secret-env", default=None, help="The variable each replica reads the key from instead.")
@click.option("--event", "events", multiple=True, help="An event to send (repeatable; default: all).")
@click.option("--max-attempts", type=int, default=None)
@click.option("--timeout", type=float, default=None)
@json_option
@click.pass_context
def webhooks_add(ctx: click.Context, name: str, url: str, secret: str | None, secret_env: str | None,
                 events: tuple[str, ...], max_attempts: int | None, timeout: float | None, as_json: bool) -> None:
    """Register a webhook endpoint."""
    body = _body(name=name, url=url, secret=secret, secret_env=secret_env, events=list(events) or None,
                 max_attempts=max_attempts, timeout=timeout)
    settings = settings_from(ctx)
    added = _with_cx(ctx, lambda cx: registry.add_webhook(cx, settings, body, actor=actor(), origin=ORIGIN))
    emit(added, as_json, f"webhook {name} added ({url})")


@click.command("list")
@json_option
@click.pass_context
def webhooks_list(ctx: click.Context, as_json: bool) -> None:
    """The webhook endpoints: the settings file's and the registered ones."""
    settings = settings_from(ctx)
    rows = _with_cx(ctx, lambda cx: registry.list_webhooks(cx, settings))
    emit({"data": rows}, as_json, _lines(rows, "name", lambda r: f"{r['url']} events={','.join(r['events'])}"))


@click.command("remove")
@click.argument("name")
@json_option
@click.pass_context
def webhooks_remove(ctx: click.Context, name: str, as_json: bool) -> None:
    """Remove a registered webhook endpoint."""
    settings = settings_from(ctx)
    removed = _with_cx(ctx, lambda cx: registry.remove(cx, settings, "webhook", name, actor=actor()))
    emit(removed, as_json, f"webhook {name} removed")
