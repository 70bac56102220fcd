"""Which case a signal about an account goes to: one case per subject (issue 13 item 3).

A network used to open nine cases: one per account the gateway flagged, and one for the cluster
detection found, unlinked. Now a signal about an account goes to the case of the network it belongs
to — the one its latest finding names, else the cluster id the online scorer gave it at decide
time — or of the organization detection linked it to, and only an account in neither gets a case of
its own. A cluster id names the same
accounts everywhere (`moat.ids.cluster_id`), so the gateway's flags and detection's findings meet
in one case; when a network's or an organization's case opens, its members' own open cases are
merged into it.
"""

from __future__ import annotations

import time
from typing import Any

from moat.enforce.cases import make_event, make_evidence, subject_accounts
from moat.enforce.models import Case, Subject
from moat.enforce.services import EnforceContext


def finding_subject(finding: dict[str, Any]) -> Subject:
    """A finding's subject: its network, else the organization detection linked it to (the hidden
    affiliation of several personal accounts is one matter), else the account."""
    if finding.get("cluster_id"):
        return Subject("cluster", finding["cluster_id"])
    if finding.get("linked_org"):
        return Subject("org", finding["linked_org"])
    return Subject("account", finding["account_id"])


async def subject_for(cx: EnforceContext, account_id: str, cluster_id: str | None = None) -> Subject:
    """The subject whose case a signal about `account_id` belongs to: its finding's (network or
    organization), else the network the gateway saw it in, else the account.

    A cluster id from the gateway (the online scorer's) makes the account a member of that cluster
    for the cases' purposes when no finding says otherwise yet, so the case lists it."""
    finding = (await cx.es.findings([account_id])).get(account_id)
    known = finding.get("cluster_id") if finding else None
    if known:
        return Subject("cluster", known)
    if finding and finding.get("linked_org") and not cluster_id:
        return Subject("org", finding["linked_org"])
    if cluster_id:
        if finding is None:
            await cx.es.upsert_findings([{"account_id": account_id, "risk": 0.0, "scores": {},
                                          "cluster_id": cluster_id, "linked_org": None,
                                          "evidence": [], "source": "gateway"}])
        return Subject("cluster", cluster_id)
    return Subject("account", account_id)


async def merge_member_cases(cx: EnforceContext, case: Case, actor: str) -> list[str]:
    """Close the open cases of a cluster's or organization's accounts as merged into its case, their evidence moved
    over, each side's timeline saying so; returns the merged cases' ids."""
    if case.subject_kind == "account":
        return []
    merged: list[str] = []
    for account_id in await subject_accounts(cx, Subject(case.subject_kind, case.subject_id)):
        own = await cx.es.open_case_for("account", account_id)
        if own is None:
            continue
        moved: list[Any] = []
        cursor: str | None = None
        while True:
            page = await cx.es.list_evidence(own.case_id, limit=500, cursor=cursor)
            moved += [make_evidence(case.case_id, e.kind, e.account_id, {**e.data, "merged_from": own.case_id})
                      for e in page.data]
            cursor = page.next_cursor
            if not cursor:
                break
        now = time.time()
        await cx.es.update_case(own.case_id, {"status": "closed", "closed_at": now},
                                [make_event(own.case_id, "merged", actor, {"into": case.case_id})])
        await cx.es.update_case(case.case_id, {}, [make_event(case.case_id, "merged", actor, {
            "from": own.case_id, "account_id": account_id, "items": len(moved)})], moved)
        await cx.log(actor, "cases.merged", own.case_id, {"into": case.case_id})
        merged.append(own.case_id)
    return merged
