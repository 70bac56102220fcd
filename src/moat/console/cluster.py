"""An account's linked cluster, for the account page: who it is tied to, and why.

Bounded work per page view: the cluster is grown from the account over shared payment instruments
and SSO tenants with indexed queries (at most `MAX_ACCOUNTS` accounts), then `moat.identity.linking`
scores those accounts (with their recent requests' addresses and attested end-user organizations)
against the directory's organizations, giving each link its evidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from moat.console.charts import Edge, Node
from moat.identity.linking import KIND_KEYS, Linker, LinkResult
from moat.identity.linking_index import OrgIndex
from moat.identity.models import Account

if TYPE_CHECKING:
    from moat.console.app import Console

MAX_ACCOUNTS = 60
REQUESTS_PER_ACCOUNT = 50


@dataclass(slots=True)
class ClusterView:
    account_ids: list[str]
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)  # account <-> account, with evidence
    org_links: list[dict[str, Any]] = field(default_factory=list)  # account -> org, with evidence
    cluster_id: str | None = None
    truncated: bool = False


def org_index(c: Console) -> OrgIndex:
    """The directory's organizations indexed for linking; rebuilt when the directory changes."""
    directory = c.runtime.directory
    hit = c.cache.get("org_index")
    if hit is not None and hit[0] == directory.seq:
        index: OrgIndex = hit[1]
        return index
    index = OrgIndex.build(directory.orgs())
    c.cache["org_index"] = (float(directory.seq), index)
    return index


async def _grow(c: Console, account_id: str) -> tuple[dict[str, Any], bool]:
    """The accounts reachable over shared identifiers, as account records (bounded)."""
    found: dict[str, Any] = {}
    frontier = [account_id]
    truncated = False
    while frontier and len(found) < MAX_ACCOUNTS:
        batch, frontier = frontier[:20], frontier[20:]
        for account in await c.store.get_accounts(batch):
            found[account.account_id] = account
        payments = sorted({a.payment_fingerprint for a in found.values() if a.payment_fingerprint})
        tenants = sorted({a.sso_tenant for a in found.values() if a.sso_tenant})
        for column, values in (("payment_fingerprint", payments), ("sso_tenant", tenants)):
            for value in values:
                more = await c.store.accounts_sharing(column, value, MAX_ACCOUNTS + 1)
                new = [m for m in more if m not in found and m not in frontier]
                if len(found) + len(frontier) + len(new) > MAX_ACCOUNTS:
                    truncated = True
                    new = new[:max(0, MAX_ACCOUNTS - len(found) - len(frontier))]
                frontier.extend(new)
    return found, truncated


async def link_accounts(c: Console, accounts: Iterable[Account]) -> LinkResult:
    """`moat.identity.linking` over these accounts and their recent requests (addresses, attested
    end-user organizations): the same evidence the batch linker weighs, for a page's few accounts."""
    linker = Linker(org_index(c))
    for a in accounts:
        linker.add_account({
            "account_id": a.account_id, "email": a.email, "verified": a.verified, "org_id": a.org_id,
            "sso_tenant": a.sso_tenant, "payment_fingerprint": a.payment_fingerprint,
            "declared_company": a.declared_company, "signup_ip": a.signup_ip})
        for r in await c.store.account_request_rows("client_ip, end_user_org, channel", a.account_id, None,
                                                    REQUESTS_PER_ACCOUNT):
            linker.add_request({"account_id": a.account_id, "client_ip": r[0], "end_user_org": r[1],
                                "channel": r[2]})
    return linker.result()


async def account_cluster(c: Console, account_id: str) -> ClusterView:
    accounts, truncated = await _grow(c, account_id)
    result = await link_accounts(c, accounts.values())
    view = ClusterView(sorted(accounts), truncated=truncated)
    link = result.accounts.get(account_id)
    view.cluster_id = link.cluster_id if link else None
    members = result.clusters[view.cluster_id].account_ids if view.cluster_id in result.clusters else [account_id]
    view.account_ids = members
    orgs: dict[str, bool] = {}
    for aid in members:
        a = accounts.get(aid)
        view.nodes.append(Node(aid, "account", aid, f"/console/accounts/{aid}", focus=aid == account_id,
                               status=a.status if a else "active"))
        al = result.accounts.get(aid)
        if al is not None and al.org_id:
            orgs[al.org_id] = al.restricted
            view.edges.append(Edge(aid, "org:" + al.org_id, f"{aid} → {al.org_id}: " + "; ".join(al.evidence[:3]),
                                   al.confidence, f"{al.confidence:.2f}"))
            view.org_links.append({"account_id": aid, "org_id": al.org_id, "confidence": al.confidence,
                                   "restricted": al.restricted, "evidence": al.evidence})
        elif a is not None and a.org_id:
            orgs.setdefault(a.org_id, c.runtime.directory.is_restricted(a.org_id))
            view.edges.append(Edge(aid, "org:" + a.org_id, f"{aid} declares {a.org_id}", 0.5, "declared"))
    for org_id, restricted in sorted(orgs.items()):
        view.nodes.append(Node("org:" + org_id, "org", org_id, f"/console/orgs/{org_id}",
                               restricted=restricted or c.runtime.directory.is_restricted(org_id)))
    cluster = result.clusters.get(view.cluster_id or "")
    for cl in cluster.links if cluster else []:
        ids = cl.account_ids
        for other in ids[1:]:
            view.edges.append(Edge(ids[0], other, cl.evidence, cl.weight, cl.kind))
        view.links.append({"kind": cl.kind, "value": cl.value, "accounts": ids, "weight": cl.weight,
                           "evidence": cl.evidence, "kind_index": KIND_KEYS.index(cl.kind)})
    return view
