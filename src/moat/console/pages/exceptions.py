"""Exceptions in the console: grant and revoke on the account and organization pages (the forms are in
`_exceptions.html`, included by `_enforcement.html`); an appeal's proposed exception is granted by the
appeal page's decision form (moat.console.pages.appeals). Reviewers and admins only, like actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from moat.console import enforcement as enf
from moat.console.http import Request, Response
from moat.console.pages.cases import _back, _with, actor
from moat.console.routing import Route
from moat.errors import MoatError

if TYPE_CHECKING:
    from moat.console.app import Console


def known_rules(c: Console) -> set[str]:
    """The rule ids of the bundle in force on this replica (a `rule:` exception must name one)."""
    return {cr.rule.id for cr in c.runtime.policy.engine.bundle.rules}


async def grant(c: Console, req: Request) -> Response:
    from moat.enforce.exceptions import grant_exception

    back = _back(req, "/console/accounts")
    try:
        granted = await grant_exception(
            await enf.context(c), actor=actor(req), subject=req.f("subject", limit=300),
            lifts=req.f("lifts", limit=300), purpose=req.f("purpose", limit=64), note=req.f("note", limit=4000),
            until=req.f("until", limit=64), key_purpose=req.f("key_purpose", limit=64) or None,
            known_rules=known_rules(c))
    except MoatError as exc:
        return Response.redirect(_with(back, "error", exc.message))
    return Response.redirect(_with(back, "notice", f"Exception {granted.exception_id} granted: lifts "
                                                   f"{granted.lifts} for {granted.subject_kind}:{granted.subject_id}."))


async def revoke(c: Console, req: Request, exception_id: str) -> Response:
    from moat.enforce.exceptions import revoke_exception

    back = _back(req, "/console/accounts")
    try:
        await revoke_exception(await enf.context(c), actor=actor(req), exception_id=exception_id,
                               reason=req.f("reason", limit=4000))
    except MoatError as exc:
        return Response.redirect(_with(back, "error", exc.message))
    return Response.redirect(_with(back, "notice", f"Exception {exception_id} revoked."))


ROUTES = [
    Route("POST", r"/exceptions", grant, "reviewer"),
    Route("POST", r"/exceptions/([^/]{1,200})/revoke", revoke, "reviewer"),
]
