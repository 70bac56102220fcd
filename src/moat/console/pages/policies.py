"""Policies: the bundle in force (revision, files, rules) and a dry run of an edited file against
recently recorded traffic. Saving an edited file into the policy directory (admins only) lets the
gateway's hot reload put it in force; the shipped default bundle is never written."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from moat.console.dryrun import compare, edited_bundle
from moat.console.http import Request, Response
from moat.console.routing import Route
from moat.identity.models import Account
from moat.policy.bundle import DEFAULT_DIR, Bundle, load_bundle, policy_files
from moat.policy.engine import Engine
from moat.policy.store import directory_signature
from moat.policy.yamlread import BundleError
from moat.store.base import AdminAction

if TYPE_CHECKING:
    from moat.console.app import Console


def bundle_in_force(c: Console) -> tuple[Bundle, bool]:
    """The gateway's bundle when it runs the policy engine, else the configured directory's
    (second value: whether the gateway is known to enforce it)."""
    store = getattr(c.runtime, "policy", None)
    engine = getattr(store, "engine", None)
    if isinstance(engine, Engine):
        return engine.bundle, True
    directory = Path(c.runtime.settings.policy_dir) if c.runtime.settings.policy_dir else DEFAULT_DIR
    signature = directory_signature(directory)  # reload when a file changes, like the gateway does
    hit = c.cache.get("bundle")
    if hit is None or hit[1][0] != signature:
        hit = (0.0, (signature, load_bundle(directory)))
        c.cache["bundle"] = hit
    bundle: Bundle = hit[1][1]
    return bundle, False


def _files(bundle: Bundle) -> dict[str, str]:
    root = Path(bundle.source)
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in policy_files(root)}


async def _page(c: Console, req: Request, status: int = 200, **extra: Any) -> Response:
    bundle, enforced = bundle_in_force(c)
    files = _files(bundle)
    selected = extra.pop("selected", None) or req.q("file") or next(iter(files), "")
    if selected not in files:
        selected = next(iter(files), "")
    text = extra.pop("text", None)
    writable = bool(c.runtime.settings.policy_dir) and Path(bundle.source).resolve() != DEFAULT_DIR.resolve()
    return await c.render(req, "policies.html", http_status=status, active="policies", bundle=bundle, enforced=enforced,
                          files=files, selected=selected, text=files.get(selected, "") if text is None else text,
                          writable=writable, report=extra.pop("report", None), errors=extra.pop("errors", []),
                          saved=extra.pop("saved", False), replay_limit=c.settings.replay_limit, **extra)


async def policies(c: Console, req: Request) -> Response:
    return await _page(c, req)


async def _accounts(c: Console, records: list[dict[str, Any]]) -> dict[str, Account]:
    out: dict[str, Account] = {}
    for account_id in {r.get("account_id") for r in records if r.get("account_id")}:
        found = await c.runtime.store.get_account(str(account_id))
        if found is not None:
            out[found.account_id] = found
    return out


async def dry_run(c: Console, req: Request) -> Response:
    bundle, _ = bundle_in_force(c)
    file_name, text = req.f("file", limit=200), req.f("text", limit=512_000)
    try:
        new = await asyncio.to_thread(edited_bundle, Path(bundle.source), file_name, text)
    except BundleError as exc:
        return await _page(c, req, 422, selected=file_name, text=text,
                           errors=[f"{e.file.rsplit('/', 1)[-1]}:{e.line}: {e.reason}" for e in exc.errors])
    except ValueError as exc:
        return await _page(c, req, 422, selected=file_name, text=text, errors=[str(exc)])
    records = await c.store.recent_requests(c.settings.replay_limit)
    accounts = await _accounts(c, records)
    directory = c.runtime.directory
    report = await asyncio.to_thread(compare, records, Engine(bundle), Engine(new), accounts, directory.orgs(),
                                     directory.restricted_ids())
    return await _page(c, req, selected=file_name, text=text, report=report.to_json(), new_revision=new.revision)


async def save(c: Console, req: Request) -> Response:
    bundle, _ = bundle_in_force(c)
    root = Path(bundle.source)
    writable = bool(c.runtime.settings.policy_dir) and root.resolve() != DEFAULT_DIR.resolve()
    file_name, text = req.f("file", limit=200), req.f("text", limit=512_000)
    if not writable:
        return await c.error_page(req, 409, "The bundle in force is the shipped default; configure policy_dir "
                                            "to edit policies from the console.")
    try:
        new = await asyncio.to_thread(edited_bundle, root, file_name, text)
    except BundleError as exc:
        return await _page(c, req, 422, selected=file_name, text=text,
                           errors=[f"{e.file.rsplit('/', 1)[-1]}:{e.line}: {e.reason}" for e in exc.errors])
    except ValueError as exc:
        return await _page(c, req, 422, selected=file_name, text=text, errors=[str(exc)])
    target = root / file_name
    tmp = target.with_suffix(target.suffix + ".console-tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)  # atomic: the hot reload never reads a half-written file
    assert req.session is not None
    await c.runtime.store.append_admin(AdminAction(f"console:{req.session.username}", "policy.edit", file_name,
                                                   {"from_revision": bundle.revision,
                                                    "to_revision": new.revision}))
    c.cache.pop("bundle", None)
    return await _page(c, req, selected=file_name, saved=True)


ROUTES = [
    Route("GET", r"/policies", policies),
    Route("POST", r"/policies/dry-run", dry_run, "reviewer"),
    Route("POST", r"/policies/save", save, "admin"),
]
