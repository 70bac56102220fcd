"""An organization's accounts for its page: those that declare it, and those the evidence ties to
it (issue 13 item 4: "organization pages list declared and linked accounts with their evidence").

Linked accounts are found the way the linker would find them, bounded per page view: candidates are
the accounts with an email at one of the organization's domains, or sharing one of its SSO tenants
or payment instruments (indexed reads, at most MAX_CANDIDATES), and `moat.identity.linking` then
weighs the evidence of at most MAX_LINKED accounts (candidates first, then declared ones: each costs
a read of its recent requests) (how exclusive each shared attribute is, corroboration of another
kind). An account is listed as linked when the linker ties it to this organization, and as a weaker
candidate when this is its best-supported organization below the threshold, each with the evidence
the linker gave; the declared ones say what else (if anything) ties them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from moat.console.cluster import link_accounts
from moat.identity.models import Organization

if TYPE_CHECKING:
    from moat.console.app import Console

MAX_CANDIDATES = 200
MAX_LINKED = 60  # as many as the account page's cluster view weighs


@dataclass(slots=True)
class Member:
    account_id: str
    email: str
    plan: str
    status: str
    how: str  # "declared" | "linked" | "candidate"
    confidence: float | None = None  # the linker's, for linked and candidate accounts
    evidence: list[str] = field(default_factory=list)


async def _candidates(c: Console, org: Organization) -> list[str]:
    found: dict[str, None] = {}
    for domain in org.domains:
        for row in await c.store.search_accounts(f"@{domain}", "", "", "", MAX_CANDIDATES):
            if str(row[1] or "").lower().endswith(f"@{domain.lower()}"):
                found[row[0]] = None
    for column, values in (("sso_tenant", org.sso_tenants), ("payment_fingerprint", org.payment_fingerprints)):
        for value in values:
            found.update(dict.fromkeys(await c.store.accounts_sharing(column, value, MAX_CANDIDATES)))
    return list(found)[:MAX_CANDIDATES]


async def org_members(c: Console, org: Organization) -> list[Member]:
    """Declared accounts first, then linked, then candidates; each group by account id."""
    declared = {r[0]: r for r in await c.store.org_account_rows(org.org_id)}
    candidates = [a for a in await _candidates(c, org) if a not in declared]
    accounts = await c.store.get_accounts(sorted(set(declared) | set(candidates)))
    weighed = set(candidates[:MAX_LINKED]) | set(sorted(declared)[:max(0, MAX_LINKED - len(candidates))])
    result = await link_accounts(c, [a for a in accounts if a.account_id in weighed])
    out: list[Member] = []
    for a in accounts:
        al = result.accounts.get(a.account_id)
        ours = al is not None and al.org_id == org.org_id
        leaning = al is not None and al.org_id is None and al.candidate_org == org.org_id
        if a.account_id in declared:
            how = "declared"
        elif ours:
            how = "linked"
        elif leaning:
            how = "candidate"
        else:
            continue
        evidence = list(al.evidence) if al is not None and (ours or leaning) else []
        out.append(Member(a.account_id, a.email, a.plan, a.status, how,
                          al.confidence if al is not None and (ours or leaning) else None, evidence))
    rank = {"declared": 0, "linked": 1, "candidate": 2}
    return sorted(out, key=lambda m: (rank[m.how], m.account_id))
