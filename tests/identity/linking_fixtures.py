"""A generated linking population with known truth: who really works where.

Built to trip naive linkers: employees on personal mailboxes, a corporate NAT shared with a
coworking space, a cloud egress block that one organization lists as its own, a device fingerprint
that hundreds of unrelated browsers share, consumers on every big mailbox provider.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

PERSONAL = ["gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "icloud.com", "proton.me", "qq.com",
            "163.com"]


@dataclass
class Population:
    entities: list[dict[str, Any]]
    accounts: list[dict[str, Any]] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    truth: dict[str, str | None] = field(default_factory=dict)  # account_id -> org_id or None
    detectable: set[str] = field(default_factory=set)  # truth-linked accounts with usable evidence


def generate(seed: int = 7, orgs: int = 12, employees: int = 30, consumers: int = 1500) -> Population:
    rnd = random.Random(seed)
    entities = []
    for i in range(orgs):
        entities.append({
            "org_id": f"org{i}", "name": f"Org {i} Inc", "restricted": i < 2,
            "domains": [f"org{i}.com"], "ip_ranges": [f"198.18.{i}.0/24"],
            "payment_fingerprints": [f"pf_corp_{i}"], "sso_tenants": [f"org{i}.okta.com"],
        })
    # org0 also lists a cloud egress block its engineers use: shared with half the internet.
    entities[0]["ip_ranges"].append("100.64.0.0/16")
    pop = Population(entities)
    n = 0

    def account(truth: str | None, detectable: bool, **fields: Any) -> str:
        nonlocal n
        n += 1
        aid = f"acct_{n:05d}"
        pop.accounts.append({"account_id": aid, **fields})
        pop.truth[aid] = truth
        if truth and detectable:
            pop.detectable.add(aid)
        return aid

    def request(aid: str, **fields: Any) -> None:
        pop.requests.append({"ts": 0.0, "account_id": aid, **fields})

    for i in range(orgs):
        org = f"org{i}"
        nat = f"198.18.{i}.1"  # the office NAT, inside the org's range
        colleagues = []
        for e in range(employees):
            kind = e % 10
            ip = f"203.0.{rnd.randrange(1, 250)}.{rnd.randrange(1, 250)}"
            if kind <= 3:  # corporate mailbox (a few on a subdomain)
                dom = f"eng.{org}.com" if kind == 3 else f"{org}.com"
                aid = account(org, True, email=f"e{e}@{dom}", payment_fingerprint=f"pf_p_{i}_{e}",
                              signup_ip=ip)
                colleagues.append(aid)
            elif kind == 4:  # SSO
                account(org, True, email=f"e{e}@{rnd.choice(PERSONAL)}", sso_tenant=f"{org}.okta.com")
            elif kind == 5:  # personal mailbox, company card
                account(org, True, email=f"e{e}@{rnd.choice(PERSONAL)}", payment_fingerprint=f"pf_corp_{i}")
            elif kind == 6 and colleagues:  # personal mailbox, shares a personal card with a colleague
                card = next(a for a in pop.accounts if a["account_id"] == colleagues[0])["payment_fingerprint"]
                account(org, True, email=f"e{e}@{rnd.choice(PERSONAL)}", payment_fingerprint=card)
            elif kind == 7 and colleagues:  # personal mailbox, works on a colleague's laptop
                aid = account(org, True, email=f"e{e}@{rnd.choice(PERSONAL)}")
                request(aid, device=f"dev_{colleagues[-1]}")
                request(colleagues[-1], device=f"dev_{colleagues[-1]}")
            elif kind == 8:  # personal mailbox, signs up and calls from the office NAT
                # An address alone is a weak tie, never a link (org1's NAT is also a coworking
                # space's, below): not detectable by linking, however exclusive the range.
                aid = account(org, False, email=f"e{e}@{rnd.choice(PERSONAL)}", signup_ip=nat)
                request(aid, client_ip=nat)
            else:  # personal mailbox, nothing but a shared generic browser fingerprint: undetectable
                aid = account(org, False, email=f"e{e}@{rnd.choice(PERSONAL)}")
                request(aid, device="generic-chrome")
        for a in colleagues[:3]:
            request(a, client_ip=nat)

    # The coworking space downstairs from org1 shares its NAT: many unrelated accounts.
    shared_nat = "198.18.1.1"
    for c in range(consumers):
        kind = c % 6
        email = f"c{c}@{rnd.choice(PERSONAL)}"
        if kind == 0:  # cloud egress listed by org0, shared by many
            aid = account(None, False, email=email, signup_ip=f"100.64.{rnd.randrange(4)}.{rnd.randrange(4)}")
            request(aid, client_ip=f"100.64.{rnd.randrange(4)}.{rnd.randrange(4)}")
        elif kind == 1 and c < 240:  # coworking tenants on org1's NAT
            aid = account(None, False, email=email, signup_ip=shared_nat)
            request(aid, client_ip=shared_nat)
        elif kind == 2:  # generic device fingerprint shared by hundreds
            aid = account(None, False, email=email, payment_fingerprint=f"pf_c_{c}")
            request(aid, device="generic-chrome")
        elif kind == 3:  # unknown companies, unknown orgs
            account(None, False, email=f"c{c}@startup{c % 40}.io", sso_tenant=f"startup{c % 40}.okta.com")
        elif kind == 4:  # personal accounts, some sharing a family card
            account(None, False, email=email, payment_fingerprint=f"pf_family_{c // 8}")
        else:
            account(None, False, email=email, signup_ip=f"192.0.2.{c % 250}")
    return pop
