"""Admin HTTP API for the directory (`moat orgs|accounts|keys|entities` over HTTP):

    POST /admin/orgs {org_id, name, domains, ip_ranges, restricted, owner, share, ...}   GET /admin/orgs[/{id}]
    POST /admin/accounts {account_id, email, plan, org, credential, verified}        GET /admin/accounts[/{id}]
    POST /admin/keys {account, expires, name, purpose, use, use_description}
    POST /admin/keys/import {account, secret, expires, name, use, use_description}
    GET  /admin/keys[?account=ID]   POST /admin/keys/{id}/revoke   (a key's `use` and `use_description`:
                                  the use its owner declared, docs/data-apis.md)
    POST /admin/entities        the body is entities.jsonl itself

The handlers call `moat.identity.admin`, which holds the rules; this module only reads the request.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from moat.gateway.admin_request import AdminRequest, AdminRoutes
from moat.identity import admin

ROUTES = AdminRoutes()


# ---- organizations -------------------------------------------------------------------------
@ROUTES.route("POST", "/orgs")
async def _add_org(req: AdminRequest) -> tuple[int, Any]:
    org = await admin.add_org(
        req.rt.store, actor=req.actor, org_id=req.required("org_id"), name=req.text("name") or "",
        domains=req.texts("domains"), ip_ranges=req.texts("ip_ranges"),
        restricted=req.flag("restricted"), owner=req.text("owner"), share=req.body.get("share"),
        payment_fingerprints=req.texts("payment_fingerprints"), sso_tenants=req.texts("sso_tenants"),
        aliases=req.texts("aliases"))
    return 201, admin.org_summary(org)


@ROUTES.route("GET", "/orgs")
async def _list_orgs(req: AdminRequest) -> tuple[int, Any]:
    return 200, {"data": [admin.org_summary(o) for o in await req.rt.store.list_orgs()]}


@ROUTES.route("GET", "/orgs/([^/]+)")
async def _get_org(req: AdminRequest) -> tuple[int, Any]:
    return 200, admin.org_summary(await admin.get_org(req.rt.store, req.args[0]))


# ---- accounts ------------------------------------------------------------------------------
@ROUTES.route("POST", "/accounts")
async def _add_account(req: AdminRequest) -> tuple[int, Any]:
    account = await admin.add_account(
        req.rt.store, actor=req.actor, account_id=req.required("account_id"),
        email=req.required("email"), plan=req.required("plan"),
        org_id=req.text("org"), credential=req.text("credential"),
        verified=req.flag("verified"))
    return 201, admin.account_summary(account)


@ROUTES.route("GET", "/accounts")
async def _list_accounts(req: AdminRequest) -> tuple[int, Any]:
    return 200, {"data": [admin.account_summary(a) for a in await req.rt.store.list_accounts()]}


@ROUTES.route("GET", "/accounts/([^/]+)")
async def _get_account(req: AdminRequest) -> tuple[int, Any]:
    return 200, admin.account_summary(await admin.get_account(req.rt.store, req.args[0]))


# ---- keys ----------------------------------------------------------------------------------
_KEY_FIELDS = ("account", "expires", "name", "purpose", "use", "use_description")


@ROUTES.route("POST", "/keys")
async def _create_key(req: AdminRequest) -> tuple[int, Any]:
    req.only(*_KEY_FIELDS)
    created = await admin.create_key(req.rt.store, actor=req.actor, account_id=req.required("account"),
                                     expires=req.text("expires"), name=req.text("name") or "",
                                     purpose=req.text("purpose"), use=req.text("use") or "",
                                     use_description=req.text("use_description") or "")
    return 201, created.public()


@ROUTES.route("POST", "/keys/import")
async def _import_key(req: AdminRequest) -> tuple[int, Any]:
    req.only("secret", *(f for f in _KEY_FIELDS if f != "purpose"))
    key = await admin.import_key(req.rt.store, actor=req.actor, account_id=req.required("account"),
                                 secret=req.required("secret"), expires=req.text("expires"),
                                 name=req.text("name") or "", use=req.text("use") or "",
                                 use_description=req.text("use_description") or "")
    return 201, admin.key_summary(key)


@ROUTES.route("GET", "/keys")
async def _list_keys(req: AdminRequest) -> tuple[int, Any]:
    found = await admin.list_keys(req.rt.store, req.query.get("account") or None)
    return 200, {"data": [admin.key_summary(k) for k in found]}


@ROUTES.route("POST", "/keys/([^/]+)/revoke")
async def _revoke_key(req: AdminRequest) -> tuple[int, Any]:
    return 200, admin.key_summary(await admin.revoke_key(req.rt.store, actor=req.actor, key_id=req.args[0]))


# ---- entities ------------------------------------------------------------------------------
@ROUTES.route("POST", "/entities")
async def _import_entities(req: AdminRequest) -> tuple[int, Any]:
    """The body is entities.jsonl itself (one organization per line)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "entities.jsonl"
        path.write_bytes(req.raw)
        report = await admin.import_entities(req.rt.store, actor=req.actor, path=path)
    errors = [e.replace(str(path), "entities.jsonl") for e in report.errors]
    return 200, {"imported": report.imported, "errors": errors}
