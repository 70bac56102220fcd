"""`moat export` (recorded traffic as a dataset) and `moat audit verify` (the hash chains)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from moat.audit.verify import VerifyResult, verify_log
from moat.cli import emit, fail, run, settings_from
from moat.config import Settings
from moat.identity.models import Account, ApiKey, Organization
from moat.store import open_store
from moat.store.base import Store
from moat.traffic import ACCOUNT_EXTENSIONS, ACCOUNT_FIELDS, ENTITY_FIELDS, DatasetWriter

_ACCOUNT_PAGE = 1000


def parse_time(text: str) -> float:
    """Unix seconds (`1764000000`, `1764000000.5`) or ISO 8601 (UTC unless it names a zone)."""
    try:
        return float(text)
    except ValueError:
        pass
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"not Unix seconds or an ISO 8601 time: {text!r}") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.timestamp()


def account_record(account: Account, declared: tuple[str, str] | None = None) -> dict[str, Any]:
    """An account as an accounts.jsonl line (shared/spec/traffic-format.md); `declared`: the use
    its keys declare (`declared_uses`), written as the optional declared_use fields."""
    record = {name: getattr(account, name) for name in (*ACCOUNT_FIELDS, *ACCOUNT_EXTENSIONS)}
    record["email"] = account.email or None
    if declared is not None:
        record["declared_use"], record["declared_use_description"] = declared
    return record


def declared_uses(keys: Iterable[ApiKey]) -> dict[str, tuple[str, str]]:
    """Per account, the use its keys declare (docs/data-apis.md): that of its newest unrevoked key
    with one, else its newest key with one. Keys arrive oldest first (`Store.list_keys`)."""
    out: dict[str, tuple[str, str]] = {}
    live: set[str] = set()
    for key in keys:
        if not key.use:
            continue
        revoked = key.revoked_at is not None
        if revoked and key.account_id in live:
            continue
        out[key.account_id] = (key.use, key.use_description)
        if not revoked:
            live.add(key.account_id)
    return out


def entity_record(org: Organization) -> dict[str, Any]:
    """An organization as an entities.jsonl line."""
    return {name: list(value) if isinstance(value := getattr(org, name), tuple) else value
            for name in ENTITY_FIELDS}


async def _with_store(settings: Settings) -> Store:
    store = open_store(settings.store_url)
    try:
        await store.open()
    except (OSError, ConnectionError) as exc:
        fail(f"cannot open the store at {_redacted(settings.store_url)}: {exc}")
    return store


def _redacted(url: str) -> str:
    """A database URL without its password."""
    scheme, sep, rest = url.partition("://")
    if "@" not in rest:
        return url
    creds, _, host = rest.rpartition("@")
    return f"{scheme}{sep}{creds.split(':', 1)[0]}:***@{host}" if ":" in creds else url


async def export_dataset(store: Store, directory: Path, since: float | None = None,
                         progress: bool = True) -> dict[str, Any]:
    """Write the recorded traffic, accounts and known organizations as a dataset directory."""
    from tqdm import tqdm

    counts = {"requests": 0, "accounts": 0, "entities": 0, "skipped_unauthenticated": 0}
    with DatasetWriter(directory, entities=True) as writer:
        with tqdm(desc="requests", unit=" req", file=sys.stderr, disable=None if progress else True) as bar:
            async for record in store.iter_requests(since=since):
                if record.get("account_id") is None:
                    # Refused before authentication: no account, and the spec requires one. Such
                    # requests stay in the store and the decision log; they are not traffic to score.
                    counts["skipped_unauthenticated"] += 1
                    continue
                writer.request(record)
                counts["requests"] += 1
                bar.update()
        declared = declared_uses(await store.list_keys())
        with tqdm(desc="accounts", unit=" acct", file=sys.stderr, disable=None if progress else True) as bar:
            offset = 0
            while page := await store.list_accounts(limit=_ACCOUNT_PAGE, offset=offset):
                for account in page:
                    writer.account(account_record(account, declared.get(account.account_id)))
                counts["accounts"] += len(page)
                bar.update(len(page))
                if len(page) < _ACCOUNT_PAGE:
                    break
                offset += len(page)
        for org in await store.list_orgs():
            writer.entity(entity_record(org))
            counts["entities"] += 1
    return {"directory": str(directory), **counts}


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--since", default=None, metavar="T",
              help="Only requests from T on: Unix seconds or ISO 8601 (UTC unless a zone is given).")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.pass_context
def export(ctx: click.Context, directory: Path, since: str | None, as_json: bool) -> None:
    """Write recorded traffic to DIRECTORY in the recorded-traffic format (requests, accounts, entities)."""
    settings = settings_from(ctx)
    try:
        since_ts = parse_time(since) if since is not None else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--since") from exc

    async def go() -> dict[str, Any]:
        store = await _with_store(settings)
        try:
            return await export_dataset(store, directory, since_ts)
        finally:
            await store.close()

    counts = run(go())
    skipped = counts["skipped_unauthenticated"]
    emit(counts, as_json, text=(f"exported {counts['requests']} requests, {counts['accounts']} accounts and "
                                f"{counts['entities']} entities to {directory}"
                                + (f" ({skipped} unauthenticated requests left out)" if skipped else "")))


@click.group()
def audit() -> None:
    """The append-only, hash-chained decision and admin logs."""


@audit.command()
@click.option("--log", "which", type=click.Choice(["decisions", "admin", "all"]), default="all",
              show_default=True, help="Which log to verify.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_context
def verify(ctx: click.Context, which: str, as_json: bool) -> None:
    """Check the hash chains; exit 1 naming the first entry that was altered, removed or reordered."""
    settings = settings_from(ctx)
    names = ["decisions", "admin"] if which == "all" else [which]

    async def go() -> list[VerifyResult]:
        store = await _with_store(settings)
        try:
            results = []
            for name in names:
                entries = store.iter_decisions() if name == "decisions" else store.iter_admin()
                results.append(await verify_log(entries, log=name))
            return results
        finally:
            await store.close()

    results = run(go())
    ok = all(r.ok for r in results)
    if as_json:
        emit({"ok": ok, "logs": {r.log: _result_json(r) for r in results}}, True)
    else:
        for r in results:
            if r.ok:
                click.echo(f"{r.log} log: intact, {r.entries} entries, head seq {r.head_seq} hash {r.head_hash}")
    if not ok:
        first = next(r for r in results if not r.ok)
        fail(f"{first.log} log: {first.problem} (the {first.entries} entries before it are intact)")


def _result_json(r: VerifyResult) -> dict[str, Any]:
    problem = r.problem
    return {
        "ok": r.ok, "entries": r.entries, "head_seq": r.head_seq, "head_hash": r.head_hash,
        "problem": None if problem is None else {
            "seq": problem.seq, "entry_id": problem.entry_id, "reason": problem.reason,
            "detail": problem.detail,
        },
    }
