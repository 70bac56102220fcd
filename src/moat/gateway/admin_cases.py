"""Admin HTTP API for enforcement's cases, actions, appeals and labels (assembled by `moat.gateway.admin_api`):

    GET  /admin/cases?status=&assignee=&subject=&limit=&cursor=      POST /admin/cases  {subject, title, note}
    GET  /admin/cases/{id}                (case, timeline, evidence, linked accounts, requests, actions)
    GET  /admin/cases/{id}/requests?refused=1&limit=&cursor=
    GET  /admin/cases/{id}/events?cursor=   GET /admin/cases/{id}/evidence?kind=&cursor=
    POST /admin/cases/{id}/notes {text}  /assign {assignee}  /close {text, outcome}  /reopen {text}
    POST /admin/cases/import-findings     {"threshold": 0.8, "findings": [finding, ...]}
    GET  /admin/actions?status=&subject=&case_id=&limit=&cursor=
    POST /admin/actions {kind, subject, reason, case_id, key_ids, limit, redact_reasoning, max_tokens, models}
    GET  /admin/actions/{id}   POST /admin/actions/{id}/undo {reason}   POST /admin/actions/clear {subject, reason}
    GET  /admin/appeals?status=&account_id=&limit=&cursor=   GET /admin/appeals/{id}
    POST /admin/appeals/{id}/decide {"accept": true, "note": "...", "undo": [action ids], "exception": true | {...}}
    GET  /admin/labels?outcome=&since=&limit=   GET /admin/labels/{case:<id>|appeal:<id>}
    GET  /admin/webhooks/deliveries?status=&cursor=

Exceptions (and an appeal's proposal) are in `moat.gateway.admin_exceptions`, platforms and webhooks
in `moat.gateway.admin_registry`. The handlers call `moat.enforce`, which holds the rules.
The actor is the admin API's (`admin-api[:<Moat-Actor>]`), as for the directory routes.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import orjson

from moat.enforce import actions, appeals, cases, exception_proposal, exception_store, findings, labels, webhooks
from moat.enforce.models import Subject
from moat.enforce.runtime import context_for
from moat.enforce.services import EnforceContext
from moat.errors import BadRequest, NotFound
from moat.gateway.admin_exceptions import known_rules
from moat.gateway.admin_request import AdminRequest, AdminRoutes
from moat.identity import admin

ROUTES = AdminRoutes()


async def _existing_subject(cx: EnforceContext, text: str) -> Subject:
    """The subject a write names, which must exist: the account or organization in the directory, the
    cluster among imported findings (404 naming it otherwise)."""
    subject = Subject.parse(text)
    if subject.kind == "account":
        await admin.get_account(cx.store, subject.id)
    elif subject.kind == "org":
        await admin.get_org(cx.store, subject.id)
    elif not await cases.subject_accounts(cx, subject, 1):
        raise NotFound(f"unknown cluster {subject.id!r}: import findings that name it first")
    return subject


async def _cx(req: AdminRequest) -> EnforceContext:
    return await context_for(req.rt)


def _query(req: AdminRequest) -> dict[str, str]:
    return req.query


def _limit(q: dict[str, str]) -> int | None:
    try:
        return int(q["limit"]) if q.get("limit") else None
    except ValueError:
        raise BadRequest("'limit' must be an integer") from None


# ---- cases ---------------------------------------------------------------------------------
@ROUTES.route("GET", "/cases")
async def _list_cases(req: AdminRequest) -> tuple[int, Any]:
    q = _query(req)
    page = await cases.list_cases(await _cx(req), status=q.get("status"), assignee=q.get("assignee"),
                                  subject=q.get("subject"), limit=_limit(q), cursor=q.get("cursor"))
    return 200, page.to_dict()


@ROUTES.route("POST", "/cases")
async def _open_case(req: AdminRequest) -> tuple[int, Any]:
    cx = await _cx(req)
    subject = await _existing_subject(cx, req.required("subject"))
    case, opened = await cases.open_case(cx, actor=req.actor, subject=subject,
                                         title=req.text("title") or "", note=req.text("note"))
    return (201 if opened else 200), {**case.to_dict(), "opened": opened}


@ROUTES.route("POST", "/cases/import-findings")
async def _import_findings(req: AdminRequest) -> tuple[int, Any]:
    lines = req.body.get("findings")
    threshold = req.body.get("threshold")
    if not isinstance(lines, list) or not isinstance(threshold, (int, float)):
        raise BadRequest("expected {\"threshold\": <0..1>, \"findings\": [<findings.jsonl objects>]}")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "findings.jsonl"
        path.write_bytes(b"".join(orjson.dumps(f) + b"\n" for f in lines))
        report = await findings.import_findings(await _cx(req), actor=req.actor, path=path, threshold=float(threshold))
    result = report.to_dict()
    result["path"] = "findings.jsonl"
    result["errors"] = [e.replace(str(path), "findings.jsonl") for e in report.errors]
    return 200, result


@ROUTES.route("GET", "/cases/([^/]+)")
async def _get_case(req: AdminRequest) -> tuple[int, Any]:
    return 200, await cases.case_detail(await _cx(req), req.args[0], limit=_limit(_query(req)) or 20)


@ROUTES.route("GET", "/cases/([^/]+)/requests")
async def _case_requests(req: AdminRequest) -> tuple[int, Any]:
    q = _query(req)
    page = await cases.case_requests(await _cx(req), req.args[0], refused_only=q.get("refused") in ("1", "true"),
                                     limit=_limit(q), cursor=q.get("cursor"))
    return 200, page.to_dict()


@ROUTES.route("GET", "/cases/([^/]+)/events")
async def _case_events(req: AdminRequest) -> tuple[int, Any]:
    cx, q = await _cx(req), _query(req)
    await cases.get_case(cx, req.args[0])
    return 200, (await cx.es.list_events(req.args[0], limit=_limit(q), cursor=q.get("cursor"))).to_dict()


@ROUTES.route("GET", "/cases/([^/]+)/evidence")
async def _case_evidence(req: AdminRequest) -> tuple[int, Any]:
    cx, q = await _cx(req), _query(req)
    await cases.get_case(cx, req.args[0])
    page = await cx.es.list_evidence(req.args[0], kind=q.get("kind"), limit=_limit(q), cursor=q.get("cursor"))
    return 200, page.to_dict()


@ROUTES.route("POST", "/cases/([^/]+)/notes")
async def _note(req: AdminRequest) -> tuple[int, Any]:
    event = await cases.add_note(await _cx(req), actor=req.actor, case_id=req.args[0], text=req.required("text"))
    return 201, event.to_dict()


@ROUTES.route("POST", "/cases/([^/]+)/assign")
async def _assign(req: AdminRequest) -> tuple[int, Any]:
    case = await cases.assign(await _cx(req), actor=req.actor, case_id=req.args[0], assignee=req.text("assignee"))
    return 200, case.to_dict()


@ROUTES.route("POST", "/cases/([^/]+)/close")
async def _close(req: AdminRequest) -> tuple[int, Any]:
    case = await cases.set_status(await _cx(req), actor=req.actor, case_id=req.args[0], status="closed",
                                  text=req.text("text") or "", outcome=req.text("outcome") or None)
    return 200, case.to_dict()


@ROUTES.route("POST", "/cases/([^/]+)/reopen")
async def _reopen(req: AdminRequest) -> tuple[int, Any]:
    case = await cases.set_status(await _cx(req), actor=req.actor, case_id=req.args[0], status="open",
                                  text=req.text("text") or "")
    return 200, case.to_dict()


# ---- actions -------------------------------------------------------------------------------
@ROUTES.route("GET", "/actions")
async def _list_actions(req: AdminRequest) -> tuple[int, Any]:
    q = _query(req)
    page = await actions.list_actions(await _cx(req), status=q.get("status"), subject=q.get("subject"),
                                      case_id=q.get("case_id"), limit=_limit(q), cursor=q.get("cursor"))
    return 200, page.to_dict()


@ROUTES.route("POST", "/actions")
async def _apply(req: AdminRequest) -> tuple[int, Any]:
    max_tokens = req.body.get("max_tokens")
    models = req.body.get("models")
    action = await actions.apply_action(
        await _cx(req), actor=req.actor, kind=req.required("kind"), subject=req.required("subject"),
        reason=req.required("reason"), case_id=req.text("case_id"), key_ids=req.texts("key_ids"),
        limit=req.text("limit"), redact_reasoning=bool(req.body.get("redact_reasoning", False)),
        max_tokens=max_tokens, models=req.texts("models") if models is not None else None)
    return 201, action.to_dict()


@ROUTES.route("POST", "/actions/clear")
async def _clear(req: AdminRequest) -> tuple[int, Any]:
    cx = await _cx(req)
    subject = await _existing_subject(cx, req.required("subject"))
    undone = await actions.clear(cx, actor=req.actor, subject=subject, reason=req.required("reason"))
    return 200, {"data": [a.to_dict() for a in undone]}


@ROUTES.route("GET", "/actions/([^/]+)")
async def _get_action(req: AdminRequest) -> tuple[int, Any]:
    return 200, (await actions.get_action(await _cx(req), req.args[0])).to_dict()


@ROUTES.route("POST", "/actions/([^/]+)/undo")
async def _undo(req: AdminRequest) -> tuple[int, Any]:
    action = await actions.undo_action(await _cx(req), actor=req.actor, action_id=req.args[0],
                                       reason=req.required("reason"))
    return 200, action.to_dict()


# ---- appeals -------------------------------------------------------------------------------
@ROUTES.route("GET", "/appeals")
async def _list_appeals(req: AdminRequest) -> tuple[int, Any]:
    q = _query(req)
    page = await appeals.list_appeals(await _cx(req), status=q.get("status"), account_id=q.get("account_id"),
                                      limit=_limit(q), cursor=q.get("cursor"))
    return 200, page.to_dict()


@ROUTES.route("GET", "/appeals/([^/]+)")
async def _get_appeal(req: AdminRequest) -> tuple[int, Any]:
    return 200, (await appeals.get_appeal(await _cx(req), req.args[0])).to_dict()


@ROUTES.route("POST", "/appeals/([^/]+)/decide")
async def _decide(req: AdminRequest) -> tuple[int, Any]:
    accept = req.body.get("accept")
    if not isinstance(accept, bool):
        raise BadRequest("'accept' must be true or false")
    exception = req.body.get("exception")
    if exception is not None and exception is not True and not isinstance(exception, dict):
        raise BadRequest("'exception' must be true (grant the proposed one) or an object of its fields")
    cx = await _cx(req)
    appeal = await appeals.decide_appeal(cx, actor=req.actor, appeal_id=req.args[0], accept=accept,
                                         note=req.required("note"), undo=req.texts("undo"),
                                         exception={} if exception is True else exception,
                                         known_rules=known_rules(req))
    granted = await exception_store.for_appeal(cx.es, appeal.appeal_id)
    warning = await exception_proposal.still_refused(cx, appeal.appeal_id) if accept else None
    return 200, {**appeal.to_dict(), "exceptions": [g.to_dict() for g in granted], "warning": warning}


# ---- labels --------------------------------------------------------------------------------
@ROUTES.route("GET", "/labels")
async def _list_labels(req: AdminRequest) -> tuple[int, Any]:
    q = _query(req)
    try:
        since = float(q["since"]) if q.get("since") else None
    except ValueError:
        raise BadRequest("'since' must be a Unix time") from None
    found = await labels.list_labels(await _cx(req), outcome=q.get("outcome") or None, since=since,
                                     limit=min(_limit(q) or 100, 1000))
    return 200, {"data": [label.to_dict() for label in found]}


@ROUTES.route("GET", "/labels/([^/]+)")
async def _get_label(req: AdminRequest) -> tuple[int, Any]:
    label = await labels.get_label(await _cx(req), req.args[0])
    if label is None:
        raise NotFound(f"unknown label {req.args[0]!r}")
    return 200, label.to_dict()


@ROUTES.route("GET", "/webhooks/deliveries")
async def _deliveries(req: AdminRequest) -> tuple[int, Any]:
    q = _query(req)
    page = await webhooks.list_deliveries((await _cx(req)).es, status=q.get("status"), limit=_limit(q),
                                          cursor=q.get("cursor"))
    return 200, page.to_dict()
