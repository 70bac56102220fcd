"""Accounts and organizations: searchable lists (keyset pages), an account's keys (with their
declared use), requests, outcomes and linked cluster, one key's page, an organization's owners and
its declared and linked accounts."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

import orjson

from moat.console import charts, queries
from moat.console.cluster import account_cluster
from moat.console.enforcement import finding, subject_summary
from moat.console.http import Request, Response
from moat.console.orgmembers import org_members
from moat.console.outcome import outcome_of
from moat.console.routing import Route
from moat.identity.admin import key_summary
from moat.identity.models import PLANS

if TYPE_CHECKING:
    from moat.console.app import Console

STATUSES = ("active", "suspended", "blocked")
OUTCOMES_READ = 10_000  # an account's newest requests its outcome chart counts (each is read whole)


def page_url(base: str, **params: str) -> str:
    kept = {k: v for k, v in params.items() if v}
    return f"{base}?{urlencode(kept)}" if kept else base


async def accounts(c: Console, req: Request) -> Response:
    q, status, plan, after = req.q("q"), req.q("status"), req.q("plan"), req.q("after")
    status = status if status in STATUSES else ""
    plan = plan if plan in PLANS else ""
    page = await queries.search_accounts(c.store, q, status, plan, after, c.settings.page_size)
    nxt = page_url("/console/accounts", q=q, status=status, plan=plan, after=page.next_cursor or "") \
        if page.next_cursor else None
    first = page_url("/console/accounts", q=q, status=status, plan=plan) if after else None
    return await c.render(req, "accounts.html", active="accounts", rows=page.rows, q=q, status=status, plan=plan,
                          statuses=STATUSES, plans=PLANS, next_url=nxt, first_url=first)


async def account(c: Console, req: Request, account_id: str) -> Response:
    acct = await c.runtime.store.get_account(account_id)
    if acct is None:
        return await c.error_page(req, 404, "There is no such account.")
    keys = [key_summary(k) for k in await c.runtime.store.list_keys(account_id)]
    cursor = req.q("before")
    page = await queries.account_requests(c.store, account_id, cursor, 25)
    counted: dict[str, int] = {}
    for fields, n in await c.store.account_outcomes(account_id, time.time() - 7 * 86400, OUTCOMES_READ):
        key = outcome_of(fields).key
        counted[key] = counted.get(key, 0) + n
    outcomes = sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))
    outcomes_capped = sum(counted.values()) >= OUTCOMES_READ
    outcomes_href = f"/console/audit?log=decisions&account_id={quote(account_id, safe='')}&outcome={{}}"
    cluster = await account_cluster(c, account_id)
    graph = charts.cluster_graph(cluster.nodes, cluster.edges)
    org = c.runtime.directory.org(acct.org_id) if acct.org_id else None
    nxt = page_url(f"/console/accounts/{account_id}", before=page.next_cursor) if page.next_cursor else None
    enforcement = await subject_summary(c, "account", account_id)
    found = await finding(c, account_id)
    cluster_subject, members, evidence = "", "", ""
    if found and found.get("cluster_id"):
        cluster_subject = f"cluster:{found['cluster_id']}"
        members = ",".join(cluster.account_ids)  # shown count only; findings name the members
    elif cluster.cluster_id and len(cluster.account_ids) > 1:
        cluster_subject = f"cluster:{cluster.cluster_id}"
        members = ",".join(cluster.account_ids)
        evidence = "; ".join(link["evidence"] for link in cluster.links)
    declared = [k for k in keys if k["use"] and k["status"] == "active"]
    return await c.render(req, "account.html", active="accounts", acct=acct, keys=keys, declared=declared,
                          requests=page.rows,
                          next_url=nxt, decisions=charts.bars(outcomes, href=outcomes_href), cluster=cluster,
                          outcomes_capped=outcomes_capped, outcomes_read=OUTCOMES_READ,
                          graph=graph,
                          org=org, org_restricted=c.runtime.directory.is_restricted(acct.org_id),
                          enforcement=enforcement, cluster_subject=cluster_subject, cluster_members=members,
                          cluster_evidence=evidence, finding=found)


async def orgs(c: Console, req: Request) -> Response:
    q, restricted, after = req.q("q"), req.q("restricted"), req.q("after")
    restricted = restricted if restricted in ("yes", "no") else ""
    page = await queries.search_orgs(c.store, q, restricted, after, c.settings.page_size)
    rows = [{"org_id": r[0], "name": r[1], "domains": orjson.loads(r[2]) if isinstance(r[2], str) else r[2],
             "restricted": bool(r[3]), "effective": c.runtime.directory.is_restricted(r[0]),
             "owners": orjson.loads(r[4]) if isinstance(r[4], str) else r[4]} for r in page.rows]
    nxt = page_url("/console/orgs", q=q, restricted=restricted, after=page.next_cursor or "") \
        if page.next_cursor else None
    first = page_url("/console/orgs", q=q, restricted=restricted) if after else None
    return await c.render(req, "orgs.html", active="orgs", rows=rows, q=q, restricted=restricted,
                          next_url=nxt, first_url=first)


async def org(c: Console, req: Request, org_id: str) -> Response:
    found = await c.runtime.store.get_org(org_id)
    if found is None:
        return await c.error_page(req, 404, "There is no such organization.")
    members = await org_members(c, found)
    owned = [o for o in c.runtime.directory.orgs() if any(s.owner_id == org_id for s in o.owners)][:100]
    nodes = [charts.Node("org:" + org_id, "org", org_id, f"/console/orgs/{org_id}", focus=True,
                         restricted=c.runtime.directory.is_restricted(org_id))]
    edges: list[charts.Edge] = []
    for s in found.owners:
        nodes.append(charts.Node("org:" + s.owner_id, "org", s.owner_id, f"/console/orgs/{s.owner_id}",
                                 restricted=c.runtime.directory.is_restricted(s.owner_id)))
        edges.append(charts.Edge("org:" + s.owner_id, "org:" + org_id, f"{s.owner_id} owns {s.share:.0%}", s.share,
                                 f"owns {s.share:.0%}"))
    for o in owned:
        share = next(s.share for s in o.owners if s.owner_id == org_id)
        nodes.append(charts.Node("org:" + o.org_id, "org", o.org_id, f"/console/orgs/{o.org_id}",
                                 restricted=c.runtime.directory.is_restricted(o.org_id)))
        edges.append(charts.Edge("org:" + org_id, "org:" + o.org_id, f"{org_id} owns {share:.0%}", share,
                                 f"owns {share:.0%}"))
    for m in members[:30]:
        nodes.append(charts.Node(m.account_id, "account", m.account_id, f"/console/accounts/{m.account_id}",
                                 status=m.status))
        label = f"{m.account_id} declares {org_id}" if m.how == "declared" else \
            f"{m.account_id} → {org_id}: " + "; ".join(m.evidence[:3])
        edges.append(charts.Edge(m.account_id, "org:" + org_id, label,
                                 0.3 if m.confidence is None else m.confidence, m.how))
    enforcement = await subject_summary(c, "org", org_id)
    return await c.render(req, "org.html", active="orgs", org=found, members=members, owned=owned,
                          graph=charts.cluster_graph(nodes, edges),
                          effective=c.runtime.directory.is_restricted(org_id), enforcement=enforcement)


async def key(c: Console, req: Request, key_id: str) -> Response:
    """One API key: its account, status, dates and the use its owner declared (never the secret)."""
    found = await c.runtime.store.get_key(key_id)
    if found is None:
        return await c.error_page(req, 404, "There is no such API key.")
    return await c.render(req, "key.html", active="accounts", key=key_summary(found))


ROUTES = [
    Route("GET", r"/accounts", accounts),
    Route("GET", r"/accounts/([^/]{1,200})", account),
    Route("GET", r"/keys/([^/]{1,200})", key),
    Route("GET", r"/orgs", orgs),
    Route("GET", r"/orgs/([^/]{1,200})", org),
]
