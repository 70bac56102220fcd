"""Findings from `moat detect` (findings.jsonl, shared/spec/traffic-format.md) into enforcement.

Every finding is stored (the latest per account): it is a case's evidence, and its `cluster_id`
is what a cluster subject means (`cluster:<id>` = the accounts whose latest finding names it).
A case is opened per cluster, organization linked to (for accounts in no cluster), or other
account, whose risk reaches the threshold; an open
case on the subject gets the new findings as evidence instead, a closed one is re-opened, and the
open cases of a cluster's members (the gateway's flags) are merged into the cluster's. An active action on a cluster
reaches the cluster's new members too, so blocking a network keeps blocking it as it grows. Every
finding at or above the threshold goes into the flag ledger (`moat.enforce.labels`).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from moat.enforce.actions import extend_cluster_actions
from moat.enforce.cases import make_event, make_evidence, open_case
from moat.enforce.labels import finding_flag, note_flags
from moat.enforce.models import Subject
from moat.enforce.services import EnforceContext
from moat.enforce.subjects import finding_subject, merge_member_cases
from moat.errors import BadRequest
from moat.traffic import BadLine, read_jsonl


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
    clusters = sorted({f["cluster_id"] for f in findings if f["cluster_id"]})
    for cluster_id in clusters:
        await extend_cluster_actions(cx, actor=actor, cluster_id=cluster_id)
    hits = [f for f in findings if f["risk"] >= threshold]
    now = time.time()
    await note_flags(cx, [finding_flag(f, threshold, now) for f in hits])
    await _open_for_findings(cx, actor, hits, report)
    await cx.log(actor, "cases.import_findings", str(file), {"read": report.read, "opened": len(report.opened),
                                                              "threshold": threshold, "errors": len(report.errors)})
    return report


async def _open_for_findings(cx: EnforceContext, actor: str, hits: Sequence[dict[str, Any]],
                             report: FindingsReport) -> None:
    groups: dict[Subject, list[dict[str, Any]]] = {}
    for f in hits:
        groups.setdefault(finding_subject(f), []).append(f)
    for subject, members in groups.items():
        risk = max(f["risk"] for f in members)
        top = max(members, key=lambda f: f["risk"])
        title = f"risk {risk:.2f}: " + "; ".join(top["evidence"][:2]) if top["evidence"] else f"risk {risk:.2f}"
        case, opened = await open_case(cx, actor=actor, subject=subject, source="finding", title=title[:300],
                                       risk=risk)
        await merge_member_cases(cx, case, actor)  # the members' own cases (gateway flags) join it
        if opened:
            report.opened.append(case.case_id)
            continue
        # An open case already: the new findings join its evidence (the snapshot was taken at opening).
        items = [make_evidence(case.case_id, "finding", f["account_id"], f) for f in members]
        await cx.es.update_case(case.case_id, {}, [make_event(case.case_id, "evidence", actor,
                                                          {"source": "finding", "items": len(items)})], items)
        report.updated.append(case.case_id)
