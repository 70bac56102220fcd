"""Cases: a subject (account, cluster, organization) under review, with its evidence and timeline.

Opened by a finding above a threshold (`moat.enforce.findings.import_findings`), by a `flag` decision (`Enforcement.
note_flag`), or by a reviewer (`open_case`). A subject has one case: opening again adds the new
evidence to its open case, or re-opens its closed one, so a flagged account does not get a case per
request, nor a network a case per detection run (`moat.enforce.subjects` says which subject a signal
about an account belongs to).
At opening, the evidence that can change later is snapshotted (findings, linked accounts with the
evidence for each link); sample requests and decision history are read live from recorded traffic,
page by page (`case_detail`).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from moat.enforce.models import CASE_SOURCES, Case, CaseEvent, Evidence, Page, Subject
from moat.enforce.services import EnforceContext, check_text
from moat.errors import BadRequest, NotFound
from moat.ids import new_id

_LINKED_LIMIT = 200  # linked accounts snapshotted into a case


def _subject(subject: Subject | str) -> Subject:
    return subject if isinstance(subject, Subject) else Subject.parse(subject)


async def subject_accounts(cx: EnforceContext, subject: Subject, limit: int = 10_000) -> list[str]:
    """The accounts behind a subject: itself, the cluster's members (from imported findings), or the
    organization's accounts (declared, then those detection linked to it)."""
    if subject.kind == "account":
        return [subject.id]
    if subject.kind == "cluster":
        return await cx.es.cluster_members(subject.id, limit)
    declared = await cx.es.org_accounts([subject.id], limit)
    linked = [a for a in await cx.es.linked_accounts(subject.id, limit) if a not in set(declared)]
    return (declared + linked)[:limit]


def make_event(case_id: str, kind: str, actor: str, body: dict[str, Any], ts: float | None = None) -> CaseEvent:
    return CaseEvent(new_id("cev"), case_id, time.time() if ts is None else ts, kind, actor, body)


def make_evidence(case_id: str, kind: str, account_id: str | None, data: dict[str, Any]) -> Evidence:
    return Evidence(new_id("evd"), case_id, kind, account_id, time.time(), data)


async def _snapshot(cx: EnforceContext, case_id: str, subject: Subject) -> list[Evidence]:
    """Findings and linked accounts (with the evidence for each link) as they stand now."""
    accounts = (await subject_accounts(cx, subject, _LINKED_LIMIT))[:_LINKED_LIMIT]
    findings = await cx.es.findings(accounts)
    if subject.kind == "account" and findings.get(subject.id, {}).get("cluster_id"):
        cluster = findings[subject.id]["cluster_id"]
        members = [a for a in await cx.es.cluster_members(cluster, _LINKED_LIMIT) if a != subject.id]
        findings.update(await cx.es.findings(members))
        accounts += members
    out: list[Evidence] = []
    for account_id in accounts:
        finding = findings.get(account_id)
        if finding is None:
            continue
        if account_id == subject.id or subject.kind != "account":
            out.append(make_evidence(case_id, "finding", account_id, finding))
        if subject.kind != "org" and (account_id != subject.id or subject.kind == "cluster"):
            out.append(make_evidence(case_id, "link", account_id, {
                "account_id": account_id, "cluster_id": finding.get("cluster_id"),
                "linked_org": finding.get("linked_org"), "evidence": finding.get("evidence") or []}))
    return out


async def open_case(cx: EnforceContext, *, actor: str, subject: Subject | str, source: str = "reviewer",
                    title: str = "", risk: float | None = None, evidence: Iterable[tuple[str, str | None,
                    dict[str, Any]]] = (), note: str | None = None) -> tuple[Case, bool]:
    """Open a case on `subject`, or add to its open one; returns (case, opened a new one).

    `evidence` items are (kind, account_id, data), e.g. ("flag", "acct_1", {"decision_id": ...}).
    """
    subject = _subject(subject)
    if source not in CASE_SOURCES:
        raise BadRequest(f"unknown case source {source!r}: expected one of {', '.join(CASE_SOURCES)}")
    title = check_text(title, "title", required=False, limit=300) or f"{source}: {subject}"
    note = check_text(note, "note", required=False) if note else None
    existing = await cx.es.open_case_for(subject.kind, subject.id) or await _reopen(cx, subject, actor, source)
    if existing is None:
        now = time.time()
        case = Case(new_id("case"), subject.kind, subject.id, "open", title, source, risk, None, actor, now, now)
        items = await _snapshot(cx, case.case_id, subject)
        items += [make_evidence(case.case_id, k, a, d) for k, a, d in evidence]
        body = {"source": source, "title": title, **({"note": note} if note else {})}
        if await cx.es.insert_case(case, make_event(case.case_id, "opened", actor, body, now), items):
            await cx.log(actor, "cases.open", case.case_id, {"subject": str(subject), "source": source})
            await cx.notify("case.opened", {"case": case.to_dict()})
            return case, True
        existing = await cx.es.open_case_for(subject.kind, subject.id)  # another replica won the race
        if existing is None:
            raise NotFound(f"the open case on {subject} vanished; retry")
    items = [make_evidence(existing.case_id, k, a, d) for k, a, d in evidence]
    events = [make_event(existing.case_id, "evidence", actor, {"source": source, "items": len(items)})] if items else []
    if note:
        events.append(make_event(existing.case_id, "note", actor, {"text": note}))
    changes: dict[str, Any] = {}
    if risk is not None and (existing.risk is None or risk > existing.risk):
        changes["risk"] = existing.risk = risk
    if items or events or changes:
        await cx.es.update_case(existing.case_id, changes, events, items)
    return existing, False


async def _reopen(cx: EnforceContext, subject: Subject, actor: str, source: str) -> Case | None:
    """The subject's latest case, re-opened, when it has one: a subject found again goes back to its
    case, with its history and evidence, never to a second one (issue 13 item 3). A reviewer's verdict
    on it stands until a reviewer closes it again."""
    latest = (await cx.es.list_cases(subject_kind=subject.kind, subject_id=subject.id, limit=1)).data
    if not latest:
        return None
    case: Case = latest[0]
    await cx.es.update_case(case.case_id, {"status": "open", "closed_at": None},
                            [make_event(case.case_id, "reopened", actor, {"status": "open", "source": source})])
    await cx.log(actor, "cases.reopened", case.case_id, {"subject": str(subject), "source": source})
    case.status, case.closed_at = "open", None
    return case


async def get_case(cx: EnforceContext, case_id: str) -> Case:
    case = await cx.es.get_case(case_id)
    if case is None:
        raise NotFound(f"unknown case {case_id!r}")
    return case


async def list_cases(cx: EnforceContext, *, status: str | None = None, assignee: str | None = None,
                     subject: str | None = None, limit: int | None = None, cursor: str | None = None) -> Page:
    parsed = Subject.parse(subject) if subject else None
    return await cx.es.list_cases(status=status, assignee=assignee, subject_kind=parsed.kind if parsed else None,
                                  subject_id=parsed.id if parsed else None, limit=limit, cursor=cursor)


async def case_detail(cx: EnforceContext, case_id: str, *, limit: int = 20) -> dict[str, Any]:
    """A case page's first screen: the case, timeline, evidence, linked accounts, sample requests,
    refused decisions and actions (each list with the cursor of its next page)."""
    case = await get_case(cx, case_id)
    accounts = await subject_accounts(cx, Subject(case.subject_kind, case.subject_id), 1000)
    events = await cx.es.list_events(case_id, limit=limit)
    evidence = await cx.es.list_evidence(case_id, limit=limit)
    requests = await cx.es.requests_for(accounts, limit=limit)
    decisions = await cx.es.requests_for(accounts, refused_only=True, limit=limit)
    actions = await cx.es.list_actions(subject_kind=case.subject_kind, subject_id=case.subject_id, limit=limit)
    by_case = await cx.es.list_actions(case_id=case_id, limit=limit)
    seen = {a.action_id for a in actions.data}
    return {
        "case": case.to_dict(), "accounts": accounts[:limit], "events": events.to_dict(),
        "evidence": evidence.to_dict(), "sample_requests": requests.to_dict(),
        "decision_history": decisions.to_dict(),
        "actions": [a.to_dict() for a in [*actions.data, *(a for a in by_case.data if a.action_id not in seen)]],
    }


async def case_requests(cx: EnforceContext, case_id: str, *, refused_only: bool = False, limit: int | None = None,
                        cursor: str | None = None) -> Page:
    """More sample requests (or refused decisions) of a case's accounts, newest first."""
    case = await get_case(cx, case_id)
    accounts = await subject_accounts(cx, Subject(case.subject_kind, case.subject_id), 1000)
    return await cx.es.requests_for(accounts, refused_only=refused_only, limit=limit, cursor=cursor)


async def add_note(cx: EnforceContext, *, actor: str, case_id: str, text: str) -> CaseEvent:
    await get_case(cx, case_id)
    event = make_event(case_id, "note", actor, {"text": check_text(text, "note")})
    await cx.es.update_case(case_id, {}, [event])
    return event


async def assign(cx: EnforceContext, *, actor: str, case_id: str, assignee: str | None) -> Case:
    case = await get_case(cx, case_id)
    assignee = check_text(assignee, "assignee", required=False, limit=200) or None
    await cx.es.update_case(case_id, {"assignee": assignee}, [make_event(case_id, "assigned", actor,
                                                                     {"assignee": assignee})])
    case.assignee = assignee
    return case


async def set_status(cx: EnforceContext, *, actor: str, case_id: str, status: str, text: str = "",
                     outcome: str | None = None) -> Case:
    """Close (or reopen) a case; `actioned` is set by applying an action with the case id.

    Closing with an `outcome` (`confirmed`: the abuse is real; `cleared`: a false positive) records
    the reviewer's verdict as a label (`moat.enforce.labels`); closing a closed case with an outcome
    replaces its label, and reopening withdraws it.
    """
    from moat.enforce import labels

    case = await get_case(cx, case_id)
    if status not in ("open", "actioned", "closed"):
        raise BadRequest(f"unknown case status {status!r}")
    if outcome is not None and outcome not in labels.OUTCOMES:
        raise BadRequest(f"unknown outcome {outcome!r}: expected one of {', '.join(labels.OUTCOMES)}")
    if outcome is not None and status != "closed":
        raise BadRequest("an outcome is given when closing a case")
    if case.status == status:
        if outcome is not None:  # resolved again: the verdict changes, the case stays closed
            await cx.es.update_case(case_id, {}, [make_event(case_id, "resolved", actor,
                                                             {"outcome": outcome, "text": text})])
            await cx.log(actor, "cases.resolved", case_id, {"outcome": outcome, "text": text})
            await labels.label_case(cx, case=case, outcome=outcome, reviewer=actor, note=text)
        return case
    if status != "closed" and await cx.es.open_case_for(case.subject_kind, case.subject_id) not in (None, case):
        raise BadRequest(f"{case.subject_kind}:{case.subject_id} has another open case")
    kind = "closed" if status == "closed" else ("reopened" if case.status == "closed" else "status")
    now = time.time()
    changes: dict[str, Any] = {"status": status, "closed_at": now if status == "closed" else None}
    body: dict[str, Any] = {"status": status, "text": text, **({"outcome": outcome} if outcome else {})}
    await cx.es.update_case(case_id, changes, [make_event(case_id, kind, actor, body)])
    await cx.log(actor, f"cases.{kind}", case_id, body)
    case.status, case.closed_at = status, changes["closed_at"]
    if outcome is not None:
        await labels.label_case(cx, case=case, outcome=outcome, reviewer=actor, note=text)
    elif kind == "reopened":
        await labels.withdraw_case_label(cx, case_id=case_id, actor=actor)
    return case


async def record_event(cx: EnforceContext, case_id: str | None, kind: str, actor: str, body: dict[str, Any],
                       status: str | None = None) -> None:
    """An action or appeal on a case's timeline (and its new status), when there is a case."""
    if case_id is None or await cx.es.get_case(case_id) is None:
        return
    await cx.es.update_case(case_id, {"status": status} if status else {}, [make_event(case_id, kind, actor, body)])
