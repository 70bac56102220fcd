"""The console's view of enforcement (cases, actions, appeals, findings), in one place.

The services live in `moat.enforce`; this adapter uses the replica's `Enforcement` context when
the runtime has one (so restrictions and webhooks share its workers), else opens a context over the
runtime's store. Cluster actions: a cluster's members are those of imported findings; when a
reviewer acts on a cluster the console computed itself (no findings yet), the members it found are
registered first as findings of risk 0 carrying the link evidence, so the action reaches exactly
the accounts the reviewer saw.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from moat.console.outcome import outcome_of

if TYPE_CHECKING:
    from moat.console.app import Console
    from moat.enforce.services import EnforceContext

log = logging.getLogger("moat.console")


async def context(c: Console) -> EnforceContext:
    from moat.enforce.runtime import Enforcement
    from moat.enforce.services import EnforceContext

    enforcement = getattr(c.runtime, "enforcement", None)
    if isinstance(enforcement, Enforcement) and enforcement.started:
        return enforcement.cx
    hit = c.cache.get("enforce_cx")
    if hit is None:
        cx = await EnforceContext.open(c.runtime.store, tuple(getattr(c.runtime.settings, "webhooks", ())))
        hit = (0.0, cx)
        c.cache["enforce_cx"] = hit
    cx_cached: EnforceContext = hit[1]
    return cx_cached


async def top_risk(c: Console, since: float, limit: int = 10) -> list[dict[str, Any]]:
    """The riskiest accounts: stored findings when detection has written some, else the accounts
    with the most refused requests in the window."""
    try:
        rows = await (await context(c)).es.top_findings(limit)
    except Exception:  # no enforcement tables (yet): fall back to the traffic
        log.debug("console: findings unavailable", exc_info=True)
        rows = []
    if rows:  # a finding's account may have no traffic in the window: then its counts are 0, not unknown
        out = []
        for r in rows:
            counts = [(outcome_of(fields).served, n) for fields, n in await c.store.account_outcomes(r[0], since)]
            out.append({"account_id": r[0], "risk": float(r[1]), "requests": sum(n for _, n in counts),
                        "refused": sum(n for served, n in counts if not served), "source": "findings",
                        "detail": " · ".join(x for x in (r[2], r[3]) if x)})
        return out
    found = await c.store.top_refused_accounts(since, limit)
    return [{"account_id": a, "requests": n, "refused": d, "risk": (d / n) if n else 0.0, "source": "decisions",
             "detail": ""} for a, n, d in found]


async def finding(c: Console, account_id: str) -> dict[str, Any] | None:
    cx = await context(c)
    return (await cx.es.findings([account_id])).get(account_id)


async def subject_summary(c: Console, kind: str, subject_id: str) -> dict[str, Any]:
    """Active actions and the open case on a subject (for the account and organization pages)."""
    cx = await context(c)
    actions = await cx.es.list_actions(status="active", subject_kind=kind, subject_id=subject_id, limit=50)
    case = await cx.es.open_case_for(kind, subject_id)
    covering = await cx.es.active_actions_on(subject_id) if kind == "account" else []
    seen = {a.action_id for a in actions.data}
    return {"subject": f"{kind}:{subject_id}", "actions": actions.data, "case": case,
            "covering": [a for a in covering if a.action_id not in seen],
            "exceptions": await subject_exceptions(c, cx, kind, subject_id)}


async def subject_exceptions(c: Console, cx: EnforceContext, kind: str, subject_id: str) -> list[Any]:
    """The subject's exceptions, newest first (in force, expired and revoked: the page shows which);
    for an account also its declared organization's, which reach it too."""
    from moat.enforce.exceptions import list_exceptions

    found = (await list_exceptions(cx, subject=f"{kind}:{subject_id}", limit=50)).data
    account = await c.runtime.store.get_account(subject_id) if kind == "account" else None
    if account is not None and account.org_id:
        found += (await list_exceptions(cx, subject=f"org:{account.org_id}", limit=50)).data
    return found


async def register_cluster(c: Console, cluster_id: str, members: list[str], evidence: list[str]) -> None:
    """Record the console-computed cluster's members as findings, for those without one."""
    cx = await context(c)
    known = await cx.es.findings(members)
    fresh: list[dict[str, Any]] = [
        {"account_id": a, "risk": 0.0, "scores": {}, "cluster_id": cluster_id, "linked_org": None,
         "evidence": evidence[:20], "source": "console"} for a in members if a not in known]
    if fresh:
        await cx.es.upsert_findings(fresh)


async def queue_counts(c: Console) -> dict[str, int]:
    """Open cases and pending appeals, for the overview (indexed counts; empty without the tables)."""
    try:
        return await (await context(c)).es.queue_counts()
    except Exception:
        log.debug("console: enforcement counts unavailable", exc_info=True)
        return {}
