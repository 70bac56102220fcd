"""Admin HTTP API for exceptions (moat.enforce.exceptions), assembled by `moat.gateway.admin_api`:

    GET  /admin/exceptions?status=active|expired|revoked&subject=&limit=&cursor=
    POST /admin/exceptions {subject, lifts, purpose, note, until, key_purpose, case_id, appeal_id}
    GET  /admin/exceptions/{id}      POST /admin/exceptions/{id}/revoke {reason}
    GET  /admin/appeals/{id}/proposal?lifts=&undo=   what accepting would undo, grant and lift

A grant naming a `rule:` is checked against the bundle this replica has in force. The actor is the
admin API's (`admin-api[:<Moat-Actor>]`); grants and revocations are in the admin log.
"""

from __future__ import annotations

from typing import Any

from moat.enforce import exception_proposal, exceptions
from moat.enforce.runtime import context_for
from moat.gateway.admin_request import AdminRequest, AdminRoutes

ROUTES = AdminRoutes()


def known_rules(req: AdminRequest) -> set[str]:
    """The rule ids of the bundle in force on this replica (a `rule:` exception must name one)."""
    return {cr.rule.id for cr in req.rt.policy.engine.bundle.rules}


@ROUTES.route("GET", "/exceptions")
async def _list(req: AdminRequest) -> tuple[int, Any]:
    q = req.query
    limit = int(q["limit"]) if q.get("limit", "").isdigit() else None
    page = await exceptions.list_exceptions(await context_for(req.rt), status=q.get("status") or None,
                                            subject=q.get("subject") or None, limit=limit, cursor=q.get("cursor"))
    return 200, page.to_dict()


@ROUTES.route("POST", "/exceptions")
async def _grant(req: AdminRequest) -> tuple[int, Any]:
    until = req.body.get("until")
    grant = await exceptions.grant_exception(
        await context_for(req.rt), actor=req.actor, subject=req.required("subject"), lifts=req.required("lifts"),
        purpose=req.required("purpose"), note=req.required("note"),
        until=until if isinstance(until, (int, float)) and not isinstance(until, bool) else req.text("until"),
        key_purpose=req.text("key_purpose"), case_id=req.text("case_id"), appeal_id=req.text("appeal_id"),
        known_rules=known_rules(req))
    return 201, grant.to_dict()


@ROUTES.route("GET", "/exceptions/([^/]+)")
async def _get(req: AdminRequest) -> tuple[int, Any]:
    return 200, (await exceptions.get_exception(await context_for(req.rt), req.args[0])).to_dict()


@ROUTES.route("POST", "/exceptions/([^/]+)/revoke")
async def _revoke(req: AdminRequest) -> tuple[int, Any]:
    grant = await exceptions.revoke_exception(await context_for(req.rt), actor=req.actor, exception_id=req.args[0],
                                              reason=req.required("reason"))
    return 200, grant.to_dict()


@ROUTES.route("GET", "/appeals/([^/]+)/proposal")
async def _proposal(req: AdminRequest) -> tuple[int, Any]:
    q = req.query
    undo = [a for a in (q.get("undo") or "").split(",") if a]
    proposal = await exception_proposal.propose(await context_for(req.rt), req.args[0],
                                                lifts=q.get("lifts") or None, undo=undo)
    return 200, proposal.to_dict()
