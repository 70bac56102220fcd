"""Cases queue and case page (evidence, timeline, actions), and the action forms every page with a
subject posts to. Reviewers and admins act; viewers read. Every form is a POST with the session's
CSRF token, and each service call names the reviewer as `console:<user>` in the admin log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from moat.console import enforcement as enf
from moat.console.evidence import case_signals
from moat.console.http import Request, Response, local_path
from moat.console.pages.directory import page_url
from moat.console.routing import Route
from moat.errors import BadRequest, MoatError

if TYPE_CHECKING:
    from moat.console.app import Console

CASE_STATUSES = ("open", "actioned", "closed")


def actor(req: Request) -> str:
    assert req.session is not None
    return f"console:{req.session.username}"


async def cases(c: Console, req: Request) -> Response:
    from moat.enforce.cases import list_cases

    cx = await enf.context(c)
    status = req.q("status", "open")
    status = status if status in CASE_STATUSES or status == "all" else "open"
    subject = req.q("subject")
    try:
        page = await list_cases(cx, status=None if status == "all" else status, subject=subject or None,
                                limit=c.settings.page_size, cursor=req.q("cursor") or None)
    except BadRequest as exc:
        return await c.render(req, "cases.html", http_status=422, active="cases", cases=[], status_filter=status,
                              subject=subject, next_url=None, statuses=CASE_STATUSES, error=exc.message)
    nxt = page_url("/console/cases", status=status, subject=subject, cursor=page.next_cursor or "") \
        if page.next_cursor else None
    return await c.render(req, "cases.html", active="cases", cases=page.data, status_filter=status, subject=subject,
                          next_url=nxt, statuses=CASE_STATUSES, error="")


async def case(c: Console, req: Request, case_id: str, *, status: int = 200, error: str = "",
               notice: str = "") -> Response:
    from moat.enforce.cases import case_detail
    from moat.enforce.labels import get_label

    cx = await enf.context(c)
    detail = await case_detail(cx, case_id, limit=25)
    label = await get_label(cx, f"case:{case_id}")
    signals, read, more = await case_signals(cx, case_id)  # evidence per signal, not line by line
    return await c.render(req, "case.html", http_status=status, active="cases", d=detail, case=detail["case"],
                          label=label, signals=signals, evidence_read=read, evidence_more=more,
                          error=error or req.q("error"), notice=notice or req.q("notice"))


def _back(req: Request, fallback: str) -> str:
    return local_path(req.f("back", limit=300), fallback)


def _int(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise BadRequest("max tokens must be a whole number")
    return int(text)


async def apply(c: Console, req: Request) -> Response:
    """Apply an action to the subject named in the form, then go back to the page it came from."""
    from moat.enforce.actions import apply_action
    from moat.enforce.models import Subject

    back = _back(req, "/console/cases")
    try:
        subject = Subject.parse(req.f("subject", limit=300))
        if subject.kind == "cluster" and req.f("members"):
            members = [m for m in req.f("members", limit=20_000).split(",") if m][:500]
            await enf.register_cluster(c, subject.id, members, [req.f("evidence", limit=2000)])
        models = [m.strip() for m in req.f("models", limit=1000).split(",") if m.strip()] or None
        action = await apply_action(
            await enf.context(c), actor=actor(req), kind=req.f("kind", limit=40), subject=subject,
            reason=req.f("reason", limit=4000), case_id=req.f("case_id", limit=200) or None,
            limit=req.f("limit", limit=200) or None, redact_reasoning=req.f("redact") == "1",
            max_tokens=_int(req.f("max_tokens", limit=12)), models=models)
    except MoatError as exc:
        return Response.redirect(_with(back, "error", exc.message))
    reached = f" ({len(action.accounts)} account(s))" if action.accounts else ""
    return Response.redirect(_with(back, "notice", f"{action.kind} applied to {subject}{reached}: {action.action_id}"))


async def undo(c: Console, req: Request, action_id: str) -> Response:
    from moat.enforce.actions import undo_action

    back = _back(req, "/console/cases")
    try:
        await undo_action(await enf.context(c), actor=actor(req), action_id=action_id,
                          reason=req.f("reason", limit=4000))
    except MoatError as exc:
        return Response.redirect(_with(back, "error", exc.message))
    return Response.redirect(_with(back, "notice", f"Action {action_id} undone."))


async def open_new(c: Console, req: Request) -> Response:
    from moat.enforce.cases import open_case

    try:
        opened, _ = await open_case(await enf.context(c), actor=actor(req), subject=req.f("subject", limit=300),
                                    title=req.f("title", limit=300), note=req.f("note", limit=4000) or None)
    except MoatError as exc:
        return Response.redirect(_with(_back(req, "/console/cases"), "error", exc.message))
    return Response.redirect(f"/console/cases/{quote(opened.case_id, safe='')}")


async def update(c: Console, req: Request, case_id: str) -> Response:
    """A note, a status change or an assignment on a case."""
    from moat.enforce import cases as svc

    cx = await enf.context(c)
    what = req.f("what", limit=20)
    try:
        if what == "note":
            await svc.add_note(cx, actor=actor(req), case_id=case_id, text=req.f("text", limit=4000))
        elif what == "status":
            await svc.set_status(cx, actor=actor(req), case_id=case_id, status=req.f("status", limit=20),
                                 text=req.f("text", limit=4000), outcome=req.f("outcome", limit=20) or None)
        elif what == "assign":
            assert req.session is not None
            await svc.assign(cx, actor=actor(req), case_id=case_id,
                             assignee=req.session.username if req.f("assignee") == "me" else None)
        else:
            raise BadRequest("unknown case update")
    except MoatError as exc:
        return await case(c, req, case_id, status=422, error=exc.message)
    return Response.redirect(f"/console/cases/{quote(case_id, safe='')}")


def _with(url: str, key: str, value: str) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}{key}={quote(value[:300], safe='')}"


def flash(req: Request) -> dict[str, Any]:
    return {"error": req.q("error"), "notice": req.q("notice")}


ROUTES = [
    Route("GET", r"/cases", cases),
    Route("GET", r"/cases/([^/]{1,200})", case),
    Route("POST", r"/cases", open_new, "reviewer"),
    Route("POST", r"/cases/([^/]{1,200})", update, "reviewer"),
    Route("POST", r"/actions", apply, "reviewer"),
    Route("POST", r"/actions/([^/]{1,200})/undo", undo, "reviewer"),
]
