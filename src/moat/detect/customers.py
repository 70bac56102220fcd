"""What an open customer's accounts say about each other (issue 11 items 4 and 5).

`colleague_shares`: a research group's members run one evaluation set between them (a shared
script, the same numbered items), so most of each member's prompts a colleague also asked; a
harvester's accounts, even on one company's domain, ask each question once between them, since a
prompt asked twice is data bought twice. The share is read by distillation as a re-run of a fixed
set, not novelty.

`affiliate`: a customer working for a rival: its other accounts carry a weak affiliation.

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

import numpy as np

from moat.detect import coordination
from moat.detect.networks import Verdict
from moat.detect.state import SEEN_BITS, AccountState
from moat.identity.linking import AccountLink

MIN_TIED = 2
MIN_SHARE = 0.2
WEIGHT = 1.5  # a customer with two thirds of its accounts tied passes on the tie in full ...
CAP = 0.45  # ... but never enough to flag anyone on its own


def affiliate(states: Mapping[str, AccountState], links: Mapping[str, AccountLink], out: Verdict) -> None:
    """Weak affiliation for the untied accounts of customers several of whose accounts are tied
    to one restricted organization (kept only where stronger than what `out` already holds)."""
    for key, accounts in _customers(states).items():
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


MIN_PROMPTS = 20  # an account with fewer distinct prompts says nothing about sharing a set


def colleague_shares(states: Mapping[str, AccountState]) -> dict[str, float]:
    """Per account of an open customer with several accounts: the share of its distinct prompts
    that another account of the same customer also asked (exact text; hashed into each account's
    seen-prompt bitmap, so a few in a thousand match by chance).

    Two bitmaps per customer, whatever its size: prompts asked by one of its accounts, and by two
    or more. A prompt of this account's that two or more asked, another one asked too.
    """
    out: dict[str, float] = {}
    for accounts in _customers(states, MIN_PROMPTS).values():
        if len(accounts) < 2:
            continue
        once = np.zeros(SEEN_BITS >> 3, dtype=np.uint8)
        twice = np.zeros_like(once)
        for aid in accounts:
            bits = _bitmap(states[aid])
            twice |= once & bits
            once |= bits
        for aid in accounts:
            bits = _bitmap(states[aid])
            mine = _ones(bits)
            if mine >= MIN_PROMPTS:
                share = _ones(bits & twice) / mine
                out[aid] = max(out.get(aid, 0.0), share)
    return out


def _customers(states: Mapping[str, AccountState], min_requests: int = 0) -> dict[str, list[str]]:
    """Open customer (`coordination.customer_keys`) -> its accounts with at least `min_requests`."""
    members: dict[str, list[str]] = {}
    for aid, s in states.items():
        if s.n >= min_requests:
            for key in coordination.customer_keys(s.account):
                members.setdefault(key, []).append(aid)
    return members


def _bitmap(state: AccountState) -> np.ndarray:
    return np.frombuffer(state.seen_prompts(), dtype=np.uint8)


def _ones(bits: np.ndarray) -> int:
    return int(np.unpackbits(bits).sum())
