"""Cases: a subject (account, cluster, organization) under review, with its evidence and timeline.

Opened by a finding above a threshold (`import_findings`), by a `flag` decision (`Enforcement.
note_flag`), or by a reviewer (`open_case`). A subject has at most one case that is not closed:
opening again adds the new evidence to it, so a flagged account does not get a case per request.
At opening, the evidence that can change later is snapshotted (findings, linked accounts with the
evidence for each link); sample requests and decision history are read live from recorded traffic,
page by page (`case_detail`).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from moat.enforce.models import CASE_SOURCES, Case, CaseEvent, Evidence, Page, Subject
from moat.enforce.services import EnforceContext, check_text, new_id
from moat.errors import BadRequest, NotFound
from moat.traffic import BadLine, read_jsonl

_LINKED_LIMIT = 200  # linked accounts snapshotted into a case


@dataclass(slots=True)
class FindingsReport:
    path: str
    read: int = 0
    opened: list[str] = field(default_factory=list)  # case ids opened
    updated: list[str] = field(default_factory=list)  # existing open cases that got new evidence
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "read": self.read, "opened": self.opened, "updated": self.updated,
                "errors": self.errors}


def _subject(subject: Subject | str) -> Subject:
    return subject if isinstance(subject, Subject) else Subject.parse(subject)


async def subject_accounts(cx: EnforceContext, subject: Subject, limit: int = 10_000) -> list[str]:
    """The accounts behind a subject: itself, the cluster's members (from imported findings), or the
    organization's accounts (declared org)."""
    if subject.kind == "account":
        return [subject.id]
    if subject.kind == "cluster":
        return await cx.es.cluster_members(subject.id, limit)
    return await cx.es.org_accounts([subject.id], limit)


def _event(case_id: str, kind: str, actor: str, body: dict[str, Any], ts: float | None = None) -> CaseEvent:
    return CaseEvent(new_id("cev"), case_id, time.time() if ts is None else ts, kind, actor, body)


def _evidence(case_id: str, kind: str, account_id: str | None, data: dict[str, Any]) -> Evidence:
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
            out.append(_evidence(case_id, "finding", account_id, finding))
        if subject.kind != "org" and (account_id != subject.id or subject.kind == "cluster"):
            out.append(_evidence(case_id, "link", account_id, {
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
    existing = await cx.es.open_case_for(subject.kind, subject.id)
    if existing is None:
        now = time.time()
        case = Case(new_id("case"), subject.kind, subject.id, "open", title, source, risk, None, actor, now, now)
        items = await _snapshot(cx, case.case_id, subject)
        items += [_evidence(case.case_id, k, a, d) for k, a, d in evidence]
        body = {"source": source, "title": title, **({"note": note} if note else {})}
        if await cx.es.insert_case(case, _event(case.case_id, "opened", actor, body, now), items):
            await cx.log(actor, "cases.open", case.case_id, {"subject": str(subject), "source": source})
            await cx.notify("case.opened", {"case": case.to_dict()})
            return case, True
        existing = await cx.es.open_case_for(subject.kind, subject.id)  # another replica won the race
        if existing is None:
            raise NotFound(f"the open case on {subject} vanished; retry")
    items = [_evidence(existing.case_id, k, a, d) for k, a, d in evidence]
    events = [_event(existing.case_id, "evidence", actor, {"source": source, "items": len(items)})] if items else []
    if note:
        events.append(_event(existing.case_id, "note", actor, {"text": note}))
    changes: dict[str, Any] = {}
    if risk is not None and (existing.risk is None or risk > existing.risk):
        changes["risk"] = existing.risk = risk
    if items or events or changes:
        await cx.es.update_case(existing.case_id, changes, events, items)
    return existing, False


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
    event = _event(case_id, "note", actor, {"text": check_text(text, "note")})
    await cx.es.update_case(case_id, {}, [event])
    return event


async def assign(cx: EnforceContext, *, actor: str, case_id: str, assignee: str | None) -> Case:
    case = await get_case(cx, case_id)
    assignee = check_text(assignee, "assignee", required=False, limit=200) or None
    await cx.es.update_case(case_id, {"assignee": assignee}, [_event(case_id, "assigned", actor,
                                                                     {"assignee": assignee})])
    case.assignee = assignee
    return case


async def set_status(cx: EnforceContext, *, actor: str, case_id: str, status: str, text: str = "") -> Case:
    """Close (or reopen) a case; `actioned` is set by applying an action with the case id."""
    case = await get_case(cx, case_id)
    if status not in ("open", "actioned", "closed"):
        raise BadRequest(f"unknown case status {status!r}")
    if case.status == status:
        return case
    if status != "closed" and await cx.es.open_case_for(case.subject_kind, case.subject_id) not in (None, case):
        raise BadRequest(f"{case.subject_kind}:{case.subject_id} has another open case")
    kind = "closed" if status == "closed" else ("reopened" if case.status == "closed" else "status")
    now = time.time()
    changes: dict[str, Any] = {"status": status, "closed_at": now if status == "closed" else None}
    await cx.es.update_case(case_id, changes, [_event(case_id, kind, actor, {"status": status, "text": text})])
    await cx.log(actor, f"cases.{kind}", case_id, {"status": status, "text": text})
    case.status, case.closed_at = status, changes["closed_at"]
    return case


async def record_event(cx: EnforceContext, case_id: str | None, kind: str, actor: str, body: dict[str, Any],
                       status: str | None = None) -> None:
    """An action or appeal on a case's timeline (and its new status), when there is a case."""
    if case_id is None or await cx.es.get_case(case_id) is None:
        return
    await cx.es.update_case(case_id, {"status": status} if status else {}, [_event(case_id, kind, actor, body)])


# ---- findings ------------------------------------------------------------------------------
def _finding(raw: dict[str, Any]) -> dict[str, Any]:
    risk = raw.get("risk")
    if isinstance(risk, bool) or not isinstance(risk, (int, float)) or not 0.0 <= float(risk) <= 1.0:
        raise BadRequest(f"risk must be a number in [0, 1], not {risk!r}")
    evidence = raw.get("evidence") or []
    if not isinstance(evidence, list):
        raise BadRequest("evidence must be a list of strings")
    return {"account_id": str(raw["account_id"]), "risk": float(risk), "scores": raw.get("scores") or {},
            "cluster_id": raw.get("cluster_id") or None, "linked_org": raw.get("linked_org") or None,
            "evidence": [str(e) for e in evidence]}


async def import_findings(cx: EnforceContext, *, actor: str, path: str | Path, threshold: float
                          ) -> FindingsReport:
    """Read `moat detect`'s findings.jsonl; open a case per cluster (or unclustered account) whose
    risk reaches `threshold`, with the findings and links as evidence."""
    if not 0.0 <= threshold <= 1.0:
        raise BadRequest(f"threshold must be in [0, 1], not {threshold}")
    file = Path(path)
    if file.is_dir():
        file = file / "findings.jsonl"
    if not file.is_file():
        raise BadRequest(f"no such file: {file}")
    report = FindingsReport(str(file))

    def on_error(line: BadLine) -> None:
        report.errors.append(str(line))

    findings: list[dict[str, Any]] = []
    for raw in read_jsonl(file, ("account_id", "risk"), on_error):
        try:
            findings.append(_finding(raw))
        except BadRequest as exc:
            report.errors.append(f"{file}: account {raw.get('account_id')!r}: {exc.message}")
    report.read = len(findings)
    for start in range(0, len(findings), 1000):
        await cx.es.upsert_findings(findings[start:start + 1000])
    await _open_for_findings(cx, actor, [f for f in findings if f["risk"] >= threshold], report)
    await cx.log(actor, "cases.import_findings", str(file), {"read": report.read, "opened": len(report.opened),
                                                              "threshold": threshold, "errors": len(report.errors)})
    return report


async def _open_for_findings(cx: EnforceContext, actor: str, hits: Sequence[dict[str, Any]],
                             report: FindingsReport) -> None:
    groups: dict[Subject, list[dict[str, Any]]] = {}
    for f in hits:
        subject = Subject("cluster", f["cluster_id"]) if f["cluster_id"] else Subject("account", f["account_id"])
        groups.setdefault(subject, []).append(f)
    for subject, members in groups.items():
        risk = max(f["risk"] for f in members)
        top = max(members, key=lambda f: f["risk"])
        title = f"risk {risk:.2f}: " + "; ".join(top["evidence"][:2]) if top["evidence"] else f"risk {risk:.2f}"
        case, opened = await open_case(cx, actor=actor, subject=subject, source="finding", title=title[:300],
                                       risk=risk)
        if opened:
            report.opened.append(case.case_id)
            continue
        # An open case already: the new findings join its evidence (the snapshot was taken at opening).
        items = [_evidence(case.case_id, "finding", f["account_id"], f) for f in members]
        await cx.es.update_case(case.case_id, {}, [_event(case.case_id, "evidence", actor,
                                                          {"source": "finding", "items": len(items)})], items)
        report.updated.append(case.case_id)
