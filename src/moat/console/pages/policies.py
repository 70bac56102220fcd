"""Policies: the bundle in force (revision, files, rules) and a dry run of an edited file against
recently recorded traffic. Saving an edited file into the policy directory (admins only) lets the
gateway's hot reload put it in force; the shipped default bundle is never written.

No policy work on the event loop (issue 16): bundles load and engines build on the compile worker
(moat.policy.worker), file reads and the replay run in a thread. The directory may hold a file that
does not load (not UTF-8, say, written after the gateway's last good reload): the page names the
file and the reason instead of failing.
"""

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
from moat.policy.worker import COMPILER, WorkerBusy
from moat.policy.yamlread import BundleError, PolicyError, decode
from moat.store.base import AdminAction

if TYPE_CHECKING:
    from moat.console.app import Console


async def bundle_in_force(c: Console) -> tuple[Bundle, bool]:
    """The gateway's bundle when it runs the policy engine, else the configured directory's
    (second value: whether the gateway is known to enforce it). BundleError when the directory's
    bundle does not load or the compile worker is too busy to load it now."""
    store = getattr(c.runtime, "policy", None)
    engine = getattr(store, "engine", None)
    if isinstance(engine, Engine):
        return engine.bundle, True
    directory = Path(c.runtime.settings.policy_dir) if c.runtime.settings.policy_dir else DEFAULT_DIR
    signature = await asyncio.to_thread(directory_signature, directory)  # reload when a file changes
    hit = c.cache.get("bundle")
    if hit is None or hit[1][0] != signature:
        try:
            loaded = await COMPILER.arun(load_bundle, directory)
        except (WorkerBusy, TimeoutError):
            raise BundleError([PolicyError(str(directory), 0, "the policy compiler is busy with other checks; "
                                                              "reload in a moment")]) from None
        hit = (0.0, (signature, loaded))
        c.cache["bundle"] = hit
    bundle: Bundle = hit[1][1]
    return bundle, False


def _files(bundle: Bundle) -> tuple[dict[str, str], list[str]]:
    """Each file's text, and one line per file that cannot be shown (its name and why). Blocking."""
    root = Path(bundle.source)
    files: dict[str, str] = {}
    problems: list[str] = []
    for path in policy_files(root):
        name = path.relative_to(root).as_posix()
        try:
            files[name] = decode(path, path.read_bytes())
        except BundleError as exc:
            problems += [f"{name}:{e.line}: {e.reason}" if e.line else f"{name}: {e.reason}" for e in exc.errors]
        except OSError as exc:
            problems.append(f"{name}: cannot be read: {exc.strerror or exc}")
    return files, problems


def _located(exc: BundleError) -> list[str]:
    return [f"{e.file.rsplit('/', 1)[-1]}:{e.line}: {e.reason}" if e.line else
            f"{e.file.rsplit('/', 1)[-1]}: {e.reason}" for e in exc.errors]


async def _page(c: Console, req: Request, status: int = 200, **extra: Any) -> Response:
    try:
        bundle, enforced = await bundle_in_force(c)
    except BundleError as exc:
        return await c.render(req, "policies.html", http_status=422, active="policies", bundle=None,
                              unreadable=_located(exc), files={}, errors=[], report=None)
    files, unreadable = await asyncio.to_thread(_files, bundle)
    selected = extra.pop("selected", None) or req.q("file") or next(iter(files), "")
    if selected not in files and extra.get("text") is None:
        selected = next(iter(files), "")
    text = extra.pop("text", None)
    writable = bool(c.runtime.settings.policy_dir) and Path(bundle.source).resolve() != DEFAULT_DIR.resolve()
    return await c.render(req, "policies.html", http_status=status, active="policies", bundle=bundle, enforced=enforced,
                          files=files, unreadable=unreadable, selected=selected,
                          text=files.get(selected, "") if text is None else text,
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


async def _edited(c: Console, file_name: str, text: str) -> tuple[Bundle | None, Bundle | list[str]]:
    """The bundle in force (None when it does not load) and the edited one, or the lines saying
    why the edit does not load."""
    try:
        bundle, _ = await bundle_in_force(c)
    except BundleError as exc:
        return None, _located(exc)
    try:
        return bundle, await asyncio.to_thread(edited_bundle, Path(bundle.source), file_name, text)
    except BundleError as exc:
        return bundle, _located(exc)
    except ValueError as exc:
        return bundle, [str(exc)]


async def dry_run(c: Console, req: Request) -> Response:
    file_name, text = req.f("file", limit=200), req.f("text", limit=512_000)
    bundle, new = await _edited(c, file_name, text)
    if bundle is None:  # the bundle in force itself does not load: the page says why
        return await _page(c, req, 422)
    if isinstance(new, list):
        return await _page(c, req, 422, selected=file_name, text=text, errors=new)
    records = await c.store.recent_requests(c.settings.replay_limit)
    accounts = await _accounts(c, records)
    directory = c.runtime.directory
    running = getattr(getattr(c.runtime, "policy", None), "engine", None)
    try:  # engines are built on the compile worker, never on the event loop
        old_engine = running if isinstance(running, Engine) and running.bundle is bundle else \
            await COMPILER.arun(Engine, bundle)
        new_engine = await COMPILER.arun(Engine, new)
    except (WorkerBusy, TimeoutError):
        return await _page(c, req, 503, selected=file_name, text=text,
                           errors=["the policy compiler is busy with other checks; try again in a moment"])
    report = await asyncio.to_thread(compare, records, old_engine, new_engine, accounts, directory.orgs(),
                                     directory.restricted_ids())
    return await _page(c, req, selected=file_name, text=text, report=report.to_json(), new_revision=new.revision)


async def save(c: Console, req: Request) -> Response:
    file_name, text = req.f("file", limit=200), req.f("text", limit=512_000)
    bundle, new = await _edited(c, file_name, text)
    if bundle is None:
        return await _page(c, req, 422)
    root = Path(bundle.source)
    if not (bool(c.runtime.settings.policy_dir) and root.resolve() != DEFAULT_DIR.resolve()):
        return await c.error_page(req, 409, "The bundle in force is the shipped default; configure policy_dir "
                                            "to edit policies from the console.")
    if isinstance(new, list):
        return await _page(c, req, 422, selected=file_name, text=text, errors=new)
    await asyncio.to_thread(_write, root / file_name, text)
    assert req.session is not None
    await c.runtime.store.append_admin(AdminAction(f"console:{req.session.username}", "policy.edit", file_name,
                                                   {"from_revision": bundle.revision,
                                                    "to_revision": new.revision}))
    c.cache.pop("bundle", None)
    return await _page(c, req, selected=file_name, saved=True)


def _write(target: Path, text: str) -> None:
    tmp = target.with_suffix(target.suffix + ".console-tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)  # atomic: the hot reload never reads a half-written file


ROUTES = [
    Route("GET", r"/policies", policies),
    Route("POST", r"/policies/dry-run", dry_run, "reviewer"),
    Route("POST", r"/policies/save", save, "admin"),
]
