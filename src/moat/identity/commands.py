"""`moat orgs|accounts|keys|entities`: the directory from the command line.

Thin wrappers over `moat.identity.admin`, against the store the settings name (SQLite under
MOAT_HOME by default, PostgreSQL with MOAT_DATABASE_URL). Every change is recorded in the admin
log as `cli:<os user>`. Exit codes: 0 success; 2 invalid input (click usage errors and
`BadRequest`); 1 anything else (unknown id, database unreachable, bad lines in an import).
"""

from __future__ import annotations

import sys
from typing import Any, TypeVar

import click

from moat.cli import actor, emit, with_store
from moat.identity import admin
from moat.identity.models import CREDENTIALS, PLANS, Organization
from moat.store import Store

T = TypeVar("T")
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


# ---- orgs ----------------------------------------------------------------------------------
@click.group()
def orgs() -> None:
    """Organizations: domains, IP ranges, ownership, restriction."""


@orgs.command("add")
@click.argument("org_id")
@click.option("--name", default="", help="Display name.")
@click.option("--domain", "domains", multiple=True, help="Email/web domain it owns (repeatable).")
@click.option("--ip-range", "ip_ranges", multiple=True, help="CIDR block it egresses from (repeatable).")
@click.option("--restricted/--not-restricted", default=None,
              help="Under a competitive-use restriction (an existing org keeps its own when omitted).")
@click.option("--owner", "owners", multiple=True, help="Owning org id (repeatable, each with a --share).")
@click.option("--share", "shares", multiple=True, type=float, help="Share the matching --owner holds, in (0, 1].")
@click.option("--payment-fingerprint", "payment_fingerprints", multiple=True)
@click.option("--sso-tenant", "sso_tenants", multiple=True)
@click.option("--alias", "aliases", multiple=True, help="Other names it goes by.")
@click.option("--replace", is_flag=True, help="Overwrite an existing org instead of adding to it.")
@json_option
@click.pass_context
def orgs_add(ctx: click.Context, org_id: str, name: str, domains: tuple[str, ...], ip_ranges: tuple[str, ...],
             restricted: bool | None, owners: tuple[str, ...], shares: tuple[float, ...],
             payment_fingerprints: tuple[str, ...], sso_tenants: tuple[str, ...], aliases: tuple[str, ...],
             replace: bool, as_json: bool) -> None:
    """Add an organization, or add to an existing one (domains, ranges, owners; --replace overwrites)."""
    if len(owners) != len(shares):
        raise click.UsageError("give each --owner a --share (e.g. --owner rival --share 0.6)")
    org = with_store(ctx, lambda store: admin.add_org(
        store, actor=actor(), org_id=org_id, name=name, domains=domains, ip_ranges=ip_ranges,
        restricted=restricted, owners=list(zip(owners, shares, strict=True)),
        payment_fingerprints=payment_fingerprints, sso_tenants=sso_tenants, aliases=aliases, replace=replace))
    emit(admin.org_summary(org), as_json, f"org {org.org_id} saved" + (" (restricted)" if org.restricted else ""))


def _restriction(org: Organization, effective: frozenset[str]) -> str:
    if org.restricted:
        return "restricted"
    return "restricted (via owners)" if org.org_id in effective else "-"


@orgs.command("list")
@click.option("--restricted", "restricted_only", is_flag=True, help="Only effectively restricted orgs.")
@json_option
@click.pass_context
def orgs_list(ctx: click.Context, restricted_only: bool, as_json: bool) -> None:
    """List organizations with their effective restriction."""
    from moat.identity.directory import effective_restrictions

    found = with_store(ctx, lambda store: store.list_orgs())
    effective = effective_restrictions(found)
    if restricted_only:
        found = [o for o in found if o.org_id in effective]
    rows = [{**admin.org_summary(o), "effectively_restricted": o.org_id in effective} for o in found]
    lines = [f"{o.org_id:<28} {_restriction(o, effective):<24} {', '.join(o.domains)}" for o in found]
    emit(rows, as_json, "\n".join(lines) if lines else "no organizations")


@orgs.command("show")
@click.argument("org_id")
@json_option
@click.pass_context
def orgs_show(ctx: click.Context, org_id: str, as_json: bool) -> None:
    """Show one organization."""
    from moat.identity.directory import effective_restrictions

    async def work(store: Store) -> tuple[Organization, bool]:
        org = await admin.get_org(store, org_id)
        return org, org_id in effective_restrictions(await store.list_orgs())

    org, effective = with_store(ctx, work)
    summary = {**admin.org_summary(org), "effectively_restricted": effective}
    emit(summary, as_json, _text(summary))


def _text(summary: dict[str, Any]) -> str:
    return "\n".join(f"{k:<22} {_value(v)}" for k, v in summary.items())


def _value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value) or "-"
    if isinstance(value, dict):
        return " ".join(f"{k}={v}" for k, v in value.items())
    return "-" if value is None else str(value)


# ---- accounts ------------------------------------------------------------------------------
@click.group()
def accounts() -> None:
    """Accounts: email, plan, organization, credential."""


@accounts.command("add")
@click.argument("account_id")
@click.option("--email", required=True)
@click.option("--plan", required=True, type=click.Choice(PLANS))
@click.option("--org", "org_id", default=None, help="The organization the account belongs to.")
@click.option("--credential", default=None, type=click.Choice(CREDENTIALS),
              help="How it authenticates (new accounts: api_key).")
@click.option("--verified/--unverified", default=None, help="Whether the email domain is verified.")
@json_option
@click.pass_context
def accounts_add(ctx: click.Context, account_id: str, email: str, plan: str, org_id: str | None,
                 credential: str | None, verified: bool | None, as_json: bool) -> None:
    """Add an account, or update one (options left out keep their value; status is kept)."""
    account = with_store(ctx, lambda store: admin.add_account(
        store, actor=actor(), account_id=account_id, email=email, plan=plan, org_id=org_id,
        credential=credential, verified=verified))
    emit(admin.account_summary(account), as_json, f"account {account.account_id} saved")


@accounts.command("list")
@click.option("--org", "org_id", default=None, help="Only accounts of this organization.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(min=1))
@click.option("--offset", default=0, type=click.IntRange(min=0))
@json_option
@click.pass_context
def accounts_list(ctx: click.Context, org_id: str | None, limit: int, offset: int, as_json: bool) -> None:
    """List accounts, by id."""
    async def work(store: Store) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        skip = offset
        page_offset = 0
        while len(out) < limit:
            page = await store.list_accounts(limit=1000, offset=page_offset)
            for account in page:
                if org_id is None or account.org_id == org_id:
                    if skip:
                        skip -= 1
                    elif len(out) < limit:
                        out.append(admin.account_summary(account))
            if len(page) < 1000:
                break
            page_offset += 1000
        return out

    found = with_store(ctx, work)
    lines = [f"{a['account_id']:<28} {a['plan']:<11} {a['status']:<10} {a['org_id'] or '-':<20} {a['email']}"
             for a in found]
    emit(found, as_json, "\n".join(lines) if lines else "no accounts")


@accounts.command("show")
@click.argument("account_id")
@json_option
@click.pass_context
def accounts_show(ctx: click.Context, account_id: str, as_json: bool) -> None:
    """Show one account and its keys."""
    async def work(store: Store) -> dict[str, Any]:
        account = await admin.get_account(store, account_id)
        found = await store.list_keys(account_id)
        return {**admin.account_summary(account), "keys": [admin.key_summary(k) for k in found]}

    summary = with_store(ctx, work)
    text = _text({k: v for k, v in summary.items() if k != "keys"})
    key_lines = [f"  {k['key_id']}  {k['status']:<8} {k['hint']}" for k in summary["keys"]]
    emit(summary, as_json, "\n".join([text, "keys:", *key_lines] if key_lines else [text, "keys: -"]))


# ---- keys ----------------------------------------------------------------------------------
CLI_USE_NAMES = ("--use", "--use-description")  # what a declared-use error calls the two fields here


def use_options(f: Any) -> Any:
    """--use and --use-description: the use the key's owner declared (docs/data-apis.md)."""
    f = click.option("--use-description", "use_description", default="", metavar="TEXT",
                     help="The owner's own sentence, e.g. \"academic research on public discourse\".")(f)
    return click.option("--use", "use", default="", metavar="WORD",
                        help="Declared use category, one lower-case word (research, commercial, internal, ...).")(f)


@click.group()
def keys() -> None:
    """API keys: create, import, revoke, list. Secrets are shown once, at creation."""


@keys.command("create")
@click.option("--account", "account_id", required=True)
@click.option("--expires", default=None, help="ISO 8601 expiry, e.g. 2026-12-31T23:59:59Z.")
@click.option("--name", default="", help="A label for the key.")
@click.option("--purpose", default=None,
              help="What the key is for, fixed for its life (e.g. safety_evaluation); exceptions may name it.")
@use_options
@json_option
@click.pass_context
def keys_create(ctx: click.Context, account_id: str, expires: str | None, name: str, purpose: str | None,
                use: str, use_description: str, as_json: bool) -> None:
    """Create a key; prints its secret this one time."""
    created = with_store(ctx, lambda store: admin.create_key(
        store, actor=actor(), account_id=account_id, expires=expires, name=name, purpose=purpose, use=use,
        use_description=use_description, use_names=CLI_USE_NAMES))
    public = created.public()
    emit(public, as_json, f"{created.secret}\n"
                          f"key {created.key.key_id} for {account_id}, expires {public['expires_at'] or 'never'}.\n"
                          "Store the secret now: it cannot be shown again.")


@keys.command("import")
@click.option("--account", "account_id", required=True)
@click.option("--secret", required=True, help="The existing secret (at least 8 characters); - reads stdin.")
@click.option("--expires", default=None, help="ISO 8601 expiry.")
@click.option("--name", default="")
@use_options
@json_option
@click.pass_context
def keys_import(ctx: click.Context, account_id: str, secret: str, expires: str | None, name: str,
                use: str, use_description: str, as_json: bool) -> None:
    """Register an existing key (any format) for an account."""
    if secret == "-":
        secret = sys.stdin.readline().strip()
    key = with_store(ctx, lambda store: admin.import_key(
        store, actor=actor(), account_id=account_id, secret=secret, expires=expires, name=name, use=use,
        use_description=use_description, use_names=CLI_USE_NAMES))
    emit(admin.key_summary(key), as_json, f"key {key.key_id} imported for {account_id}")


@keys.command("revoke")
@click.argument("key_id")
@json_option
@click.pass_context
def keys_revoke(ctx: click.Context, key_id: str, as_json: bool) -> None:
    """Revoke a key; every gateway replica refuses it within a second."""
    key = with_store(ctx, lambda store: admin.revoke_key(store, actor=actor(), key_id=key_id))
    emit(admin.key_summary(key), as_json, f"key {key.key_id} revoked")


@keys.command("list")
@click.option("--account", "account_id", default=None)
@json_option
@click.pass_context
def keys_list(ctx: click.Context, account_id: str | None, as_json: bool) -> None:
    """List keys (never their secrets)."""
    found = with_store(ctx, lambda store: admin.list_keys(store, account_id))
    rows = [admin.key_summary(k) for k in found]
    lines = [f"{k['key_id']:<18} {k['account_id']:<24} {k['status']:<8} {k['hint']:<12} "
             f"expires {k['expires_at'] or 'never'}"
             + (f"  use {k['use']}" + (f": {k['use_description']}" if k['use_description'] else "") if k['use'] else "")
             for k in rows]
    emit(rows, as_json, "\n".join(lines) if lines else "no keys")


# ---- entities ------------------------------------------------------------------------------
@click.group()
def entities() -> None:
    """Known organizations in bulk (entities.jsonl of the traffic format)."""


@entities.command("import")
@click.argument("file", type=click.Path(exists=True))
@json_option
@click.pass_context
def entities_import(ctx: click.Context, file: str, as_json: bool) -> None:
    """Import FILE (entities.jsonl, or a dataset directory); bad lines are reported and skipped."""
    report = with_store(ctx, lambda store: admin.import_entities(store, actor=actor(), path=file))
    for error in report.errors:
        click.echo(f"warning: {error}", err=True)
    emit({"path": report.path, "imported": report.imported, "errors": report.errors}, as_json,
         f"imported {report.imported} organization(s) from {report.path}"
         + (f"; {len(report.errors)} bad line(s) skipped" if report.errors else ""))
    if report.errors:
        sys.exit(1)
