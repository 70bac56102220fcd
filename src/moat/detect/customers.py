"""A customer working for a rival: its other accounts carry a weak affiliation (issue 11 item 4).

Accounts that openly belong together (one declared organization, SSO tenant or company email
domain: `coordination.customer_keys`) are one customer; coordination never ties them, so a
network's affiliation (`networks`) cannot reach them. Yet when a rival pays for several of a
contractor's accounts, or several of a firm's staff are tied to it by their own strong evidence,
the firm is doing the rival's work, and its colleagues' accounts say so too, weakly: they get a
competitor score in proportion to the share of the customer's accounts so tied, capped below 0.5
(a weak tie: reported and ranked, never a refusal on its own), with evidence naming the tied
members and their ties.

Two guards keep it to real relationships: at least MIN_TIED accounts tied to one restricted
organization (one employee paid with a former employer's card is one person's history, not the
firm's), and at least MIN_SHARE of the customer's accounts (a webmail domain the personal-domain
list does not know, one address in twenty tied, is no firm).
"""

from __future__ import annotations

from collections.abc import Mapping

from moat.detect import coordination
from moat.detect.networks import Verdict
from moat.detect.state import AccountState
from moat.identity.linking import AccountLink

MIN_TIED = 2
MIN_SHARE = 0.2
WEIGHT = 1.5  # a customer with two thirds of its accounts tied passes on the tie in full ...
CAP = 0.45  # ... but never enough to flag anyone on its own


def affiliate(states: Mapping[str, AccountState], links: Mapping[str, AccountLink], out: Verdict) -> None:
    """Weak affiliation for the untied accounts of customers several of whose accounts are tied
    to one restricted organization (kept only where stronger than what `out` already holds)."""
    members: dict[str, list[str]] = {}
    for aid, s in states.items():
        for key in coordination.customer_keys(s.account):
            members.setdefault(key, []).append(aid)
    for key, accounts in members.items():
        if len(accounts) <= MIN_TIED:
            continue
        tied: dict[str, list[tuple[float, str]]] = {}
        for aid in accounts:
            link = links.get(aid)
            if link is not None and link.restricted and link.org_id:
                tied.setdefault(link.org_id, []).append((link.confidence, aid))
        if not tied:
            continue
        org, found = max(tied.items(), key=lambda kv: (len(kv[1]), max(kv[1])))
        share = len(found) / len(accounts)
        if len(found) < MIN_TIED or share < MIN_SHARE:
            continue
        conf = max(c for c, _ in found)
        value = round(min(CAP, conf * min(1.0, WEIGHT * share)), 4)
        named = sorted(found, reverse=True)
        names = ", ".join(f"{aid} ({(links[aid].evidence or ['tied'])[0]})" for _, aid in named[:2])
        more = f" and {len(found) - 2} more" if len(found) > 2 else ""
        text = (f"one customer ({key}) with {len(accounts)} accounts, {len(found)} of them tied to restricted "
                f"organization {org}: {names}{more}; a weak tie, not a link")
        done = {aid for _, aid in found}
        for aid in accounts:
            link = links.get(aid)
            if aid in done or (link is not None and link.restricted):
                continue
            held = out.affiliation.get(aid)
            if held is None or held[1] < value:
                out.affiliation[aid] = (org, value, [text])
