"""Accounts in rotation: trial credit burned account after account, or one owner's subscriptions
used one after another (`succession`, below).

A resale relay (a "中转 API", a reseller's gateway) serves its own customers on the provider's
trial credit: it opens API accounts without a payment instrument, drains each one's credit, drops
it and moves on to the next. Read one at a time every account is an ordinary new developer;
read as the group the cross-account pass already tied (one operator's exits, signup address or
address series), the operator shows in three things it cannot avoid while the credit is the
point:

- the members carry no payment instrument (an API account without one spends only its credit);
- each was used for a while and then dropped, and the lives follow one another (or overlap a
  lot): the middle half of the members' first uses spans most of a life or more;
- each was dropped after spending about the same (the credit), whatever its traffic looked like.

Two ways in: a group the cross-account pass tied, read jointly (`networks._joint`); and, for
accounts it did not tie (a relay's customers ask for anything, so its accounts share no prompts,
and one rented address is no operator's exit pool), the dropped trial accounts that share a
signup address or an exit /24 mostly used by such accounts (`judge`).

A hackathon cohort on trial credit signs up on one venue network within hours too, but its
members start together (within an hour or two of a life of a day or more), each used as much
as its owner felt like. A team sharing a card has a payment instrument.

A trial is not only credit: a consumer subscription's trial (or its quota) renews when its owner
opens the next account on another card, and the group the cross-account pass tied (one home
line, one device, one ongoing project) shows its members' lives following one another, each
dropped, the work handed on from one to the next (`succession`, read in `networks._joint`).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from moat.detect.communities import MIN_CLUSTER
from moat.detect.scoring import Score, ramp
from moat.detect.state import AccountState
from moat.identity.models import CONSUMER_PLANS
from moat.ids import cluster_id as cluster_name

if TYPE_CHECKING:
    from moat.detect.networks import Verdict

DROPPED = 24 * 3600.0  # a member with no traffic for this long (before the latest request seen) was dropped
OUTPUT_WEIGHT = 4.0  # output tokens are billed at about four times input: spend in input-token units
MIN_SHARE = 0.6  # at least this share of the group are dropped trial accounts


def latest(states: Mapping[str, AccountState]) -> float:
    """The latest request seen in the population: a batch's end, or the online scorer's now."""
    return max((s.last_ts for s in states.values() if s.n), default=0.0)


def _dropped(state: AccountState, now: float) -> bool:
    """Used, then left: no traffic for DROPPED before `now`."""
    return state.n > 0 and state.last_ts <= now - DROPPED


def _trial(state: AccountState) -> bool:
    """An API account with no payment instrument: it can only spend credit it was given."""
    account = state.account or {}
    return state.n > 0 and account.get("plan") == "api" and not account.get("payment_fingerprint")


def _spend(state: AccountState) -> float:
    return state.in_tokens + OUTPUT_WEIGHT * state.out_tokens


def trial_rotation(members: Sequence[AccountState], now: float) -> Score:
    """How much a group reads as trial credit spent in rotation (0 when it does not).

    `now`: the latest request seen in the population (a batch's end, or the online scorer's now).
    """
    active = [s for s in members if s.n > 0]
    if len(active) < MIN_CLUSTER:
        return Score(0.0)
    dropped = [s for s in active if _trial(s) and _dropped(s, now)]
    if len(dropped) < MIN_CLUSTER or len(dropped) < MIN_SHARE * len(active):
        return Score(0.0)
    spends = [_spend(s) for s in dropped]
    mean = statistics.fmean(spends)
    if mean <= 0:
        return Score(0.0)
    spread = statistics.pstdev(spends) / mean
    life = statistics.median(s.last_ts - s.first_ts for s in dropped)
    starts = statistics.quantiles([s.first_ts for s in dropped], n=4)
    stagger = (starts[2] - starts[0]) / max(life, 60.0)  # middle half of first uses, in lives
    value = min(ramp(spread, 0.3, 0.12), ramp(stagger, 0.3, 1.0))
    if value <= 0:
        return Score(0.0)
    span = max(s.last_ts for s in dropped) - min(s.first_ts for s in dropped)
    return Score(round(value, 4), [
        f"{len(dropped)} of {len(active)} accounts without a payment instrument, each used for about "
        f"{life / 3600:.1f} h and dropped, one after another over {span / 3600:.0f} h, each after spending "
        f"about the same ({spread:.0%} spread): trial credit burned in rotation"])


GENERATIONS = (2.0, 3.5)  # members over how many are live at once: a cohort (1) .. lives in turn
AT_ONCE = (3.0, 2.0)  # members live at once, on average: a cohort arriving over a day .. one owner's hands
HANDED_ON = (0.3, 0.6)  # share of the group's whole span some member is live: gaps between lives .. handed on


def _rotatable(state: AccountState) -> bool:
    """An account whose plan a rotation gains from: a consumer plan (a trial, a quota) or trial credit."""
    return state.plan in CONSUMER_PLANS or _trial(state)


def succession(members: Sequence[AccountState], now: float) -> Score:
    """How much a group reads as one owner's accounts used one after another (0 when it does not).

    A trial cycler opens a subscription, uses it for its trial, drops it and opens the next, on
    the same project; a plan's quota can be renewed the same way. Each account is one person's
    ordinary use; the group shows the rotation: its members' lives follow one another, one or
    two at a time, over several generations (a cohort, a team or a household uses its accounts
    side by side: one generation, or a few when a cohort arrives over a day or two, many at
    once), each is dropped, and together they hand the work on with little time between lives
    (one-off visitors who happen to share a place come days apart)."""
    active = [s for s in members if s.n > 0]
    if len(active) < MIN_CLUSTER or sum(map(_rotatable, active)) < MIN_SHARE * len(active):
        return Score(0.0)
    dropped = [s for s in active if _dropped(s, now)]
    if len(dropped) < MIN_CLUSTER or len(dropped) < MIN_SHARE * len(active):
        return Score(0.0)
    lives = sorted((s.first_ts, s.last_ts) for s in active)
    lived = sum(end - start for start, end in lives)
    covered, reach = 0.0, -math.inf
    for start, end in lives:
        covered += max(0.0, end - max(start, reach))
        reach = max(reach, end)
    span = reach - lives[0][0]
    if covered <= 0 or span <= 0:
        return Score(0.0)
    overlap = lived / covered  # members live at once, on average: one, or a few side by side
    generations = len(lives) / overlap
    handed = covered / span
    value = min(ramp(generations, *GENERATIONS), ramp(overlap, *AT_ONCE), ramp(handed, *HANDED_ON))
    if value <= 0:
        return Score(0.0)
    life = statistics.median(end - start for start, end in lives)
    return Score(round(value, 4), [
        f"{len(active)} accounts used one after another, each for about {life / 3600:.1f} h and dropped "
        f"({len(dropped)} of them), over {span / 3600:.0f} h: {overlap:.1f} in use at a time, {generations:.1f} "
        f"generations, one of them in use {handed:.0%} of the time: one owner's accounts in rotation"])


def rotated(members: Sequence[AccountState], now: float) -> Score:
    """The stronger of the two rotations a group can show: trial credit burned, or accounts used in
    succession."""
    credit = trial_rotation(members, now)
    turns = succession(members, now)
    return credit if credit.value >= turns.value else turns


def _places(state: AccountState) -> set[str]:
    """Where an account was opened and where its traffic comes from (its signup address, its /24s)."""
    account = state.account or {}
    out = {f"/24 {p}" for p in state.prefixes}
    if account.get("signup_ip"):
        out.add(f"signup {account['signup_ip']}")
    return out


def judge(states: Mapping[str, AccountState], verdict: Verdict) -> None:
    """Add trial credit burned in rotation to `verdict`, for accounts in no network yet or in one
    made of nothing else.

    Candidates are dropped trial accounts; they are joined through the places they share, and a
    place counts only when most of the accounts ever seen there are candidates too (a carrier's
    NAT or a campus, where many people open trial accounts side by side, joins nobody)."""
    import networkx as nx

    from moat.detect.networks import ABUSE, INHERIT  # networks reads groups with `trial_rotation`

    now = latest(states)
    dropped = {aid for aid, s in states.items() if _trial(s) and _dropped(s, now)}
    # A network made only of dropped trial accounts may be a part of a larger rotation (the
    # cross-account pass tied those whose customers happened to ask alike): it joins in.
    members: dict[str, set[str]] = {}
    for aid, gid in verdict.cluster_of.items():
        members.setdefault(gid, set()).add(aid)
    candidates = {aid for aid in dropped
                  if aid not in verdict.cluster_of or members[verdict.cluster_of[aid]] <= dropped}
    if len(candidates) < MIN_CLUSTER:
        return
    seen: dict[str, list[str]] = {}
    for aid, s in states.items():
        if s.n:
            for place in _places(s):
                seen.setdefault(place, []).append(aid)
    graph = nx.Graph()
    for accounts in seen.values():
        mine = sorted(a for a in accounts if a in candidates)
        if len(mine) >= 2 and len(mine) >= MIN_SHARE * len(accounts):
            nx.add_path(graph, mine)
    for part in nx.connected_components(graph):
        rotation = sorted(part)
        found = trial_rotation([states[m] for m in rotation], now)
        if found.value < ABUSE:
            continue
        gid = cluster_name(rotation)
        network = Score(found.value, [f"network {gid} of {len(rotation)} accounts opened and dropped at the "
                                      "same places", *found.evidence])
        burned = Score(round(INHERIT * found.value, 4), [f"as network {gid} ({len(rotation)} accounts): "
                                                          + found.evidence[0]])
        for m in rotation:
            verdict.join(m, gid, network, "tier_abuse", burned)
