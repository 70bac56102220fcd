"""Appeals: the queue (pending first) and an appeal page with the refused decision, the account,
the actions holding it, and the reviewer's decision form (accept lifts the account's own actions
and takes it out of its cluster's; actions on its organization are lifted only when ticked).

A refusal by policy or linking has no action to undo, so the page shows the exception that would
unblock the caller and which of its recent refusals it would have allowed, before the reviewer
confirms (moat.enforce.exception_proposal); the exception is granted with the acceptance, its
scope and end as the reviewer left them in the form."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

from moat.console import enforcement as enf
from moat.console.http import Request, Response
from moat.console.pages.cases import actor
from moat.console.pages.directory import page_url
from moat.console.pages.exceptions import known_rules
from moat.console.routing import Route
from moat.errors import MoatError

if TYPE_CHECKING:
    from moat.console.app import Console

STATUSES = ("pending", "accepted", "rejected")


async def appeals(c: Console, req: Request) -> Response:
    from moat.enforce.appeals import list_appeals

    status = req.q("status", "pending")
    status = status if status in STATUSES or status == "all" else "pending"
    account = req.q("account")
    page = await list_appeals(await enf.context(c), status=None if status == "all" else status,
                              account_id=account or None, limit=c.settings.page_size, cursor=req.q("cursor") or None)
    nxt = page_url("/console/appeals", status=status, account=account, cursor=page.next_cursor or "") \
        if page.next_cursor else None
    return await c.render(req, "appeals.html", active="appeals", appeals=page.data, status_filter=status,
                          account=account, statuses=STATUSES, next_url=nxt)


async def appeal(c: Console, req: Request, appeal_id: str, *, status: int = 200, error: str = "") -> Response:
    from moat.enforce import exception_store
    from moat.enforce.appeals import get_appeal
    from moat.enforce.exception_proposal import propose, still_refused

    cx = await enf.context(c)
    found = await get_appeal(cx, appeal_id)
    decision = await cx.es.decision(found.decision_id)
    holding = await cx.es.active_actions_on(found.account_id)
    acct = await c.runtime.store.get_account(found.account_id)
    proposal = granted = None
    if found.status == "pending":
        try:
            proposal = await propose(cx, appeal_id, lifts=req.q("lifts") or None)
        except MoatError as exc:  # a reviewer's `lifts` that does not parse: shown, the default proposed
            error = error or exc.message
            proposal = await propose(cx, appeal_id)
    else:
        granted = await exception_store.for_appeal(cx.es, appeal_id)
        error = error or await still_refused(cx, appeal_id) or ""
    return await c.render(req, "appeal.html", http_status=status, active="appeals", appeal=found, decision=decision,
                          holding=holding, acct=acct, error=error, proposal=proposal, granted=granted)


async def decide(c: Console, req: Request, appeal_id: str) -> Response:
    from moat.enforce.appeals import decide_appeal

    verdict = req.f("verdict", limit=10)
    if verdict not in ("accept", "reject"):
        return await appeal(c, req, appeal_id, status=422, error="Choose accept or reject.")
    exception = None
    if req.f("grant_exception", limit=10) == "yes":
        exception = {"lifts": req.f("lifts", limit=300), "until": req.f("until", limit=64),
                     "key_purpose": req.f("key_purpose", limit=64) or None}
    try:
        await decide_appeal(await enf.context(c), actor=actor(req), appeal_id=appeal_id, accept=verdict == "accept",
                            note=req.f("note", limit=4000), undo=req.fall("undo"), exception=exception,
                            known_rules=known_rules(c))
    except MoatError as exc:
        return await appeal(c, req, appeal_id, status=422, error=exc.message)
    return Response.redirect(f"/console/appeals/{quote(appeal_id, safe='')}")


ROUTES = [
    Route("GET", r"/appeals", appeals),
    Route("GET", r"/appeals/([^/]{1,200})", appeal),
    Route("POST", r"/appeals/([^/]{1,200})/decision", decide, "reviewer"),
]
