"""Networks are groups with abuse in them; everything else a group shares is not abuse.

`coordination.groups` finds accounts that act together. A hackathon cohort, a research lab on a
grant card, a startup team or a company behind one proxy do that too. What makes a *network* is
what the group does jointly, read as if it were one account (`AccountState.merged`): harvesting
reasoning on new questions at volume, walking a keyspace, carrying an automated workload on
consumer plans; or most of its members doing so on their own. A network's members inherit what
the network does (a careful network keeps each account's volume low on purpose), and its
affiliation: members tied to a restricted organization by strong evidence tie the network.
Groups without abuse are reported as groups, with no risk.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field

from moat.detect import detectors, rotation
from moat.detect.communities import MIN_CLUSTER, NAMES, OWNED, Group, Tie, grouped
from moat.detect.coordination import abused
from moat.detect.detectors import Scores
from moat.detect.scoring import Score, pct, ramp
from moat.detect.state import AccountState
from moat.identity.linking import AccountLink
from moat.identity.models import CONSUMER_PLANS

ABUSE = 0.4  # a group (already acting together) whose joint abuse reaches this is a network
INHERIT = 0.9  # members inherit this share of the network's joint score
MIN_DENSITY = 0.2  # share of a group's member pairs that are tied, below which it is no network
MIN_SPREAD = 4  # groups this large whose busiest member carries DOMINANT of the traffic must
DOMINANT = 2 / 3  # show their joint abuse without that member too
LINKED = 0.5  # a network's affiliation, and a member's tie to an insider, this strong name the organization
COPY = 0.9  # MinHash Jaccard of two accounts' templates: one template, copied
COPY_WEIGHT = 0.3  # the corroboration a copied template needs to name the organization along a chain


@dataclass(slots=True)
class Verdict:
    """What the cross-account pass concluded about every account in a group."""

    cluster_of: dict[str, str] = field(default_factory=dict)  # networks only
    group_of: dict[str, str] = field(default_factory=dict)  # benign groups
    coordination: dict[str, Score] = field(default_factory=dict)
    inherited: dict[str, dict[str, Score]] = field(default_factory=dict)  # account -> category -> score
    affiliation: dict[str, tuple[str, float, list[str]]] = field(default_factory=dict)  # org, conf, evidence
    linked: dict[str, str] = field(default_factory=dict)  # members linked to an org through the network

    def join(self, member: str, gid: str, coordination: Score, category: str, inherited: Score) -> None:
        """A member of a network found after the groups were judged (a split crawl, a rotation):
        its network, its coordination, and what it inherits (kept where already stronger)."""
        self.cluster_of[member] = gid
        self.group_of.pop(member, None)
        self.coordination[member] = coordination
        held = self.inherited.setdefault(member, {})
        if category not in held or held[category].value < inherited.value:
            held[category] = inherited


def _plan(states: list[AccountState]) -> str | None:
    """The plan a group reads as: a consumer plan when at least half its members are on one (the
    commonest of them), else its commonest plan (never whichever member happened to come first)."""
    plans = [s.plan for s in states if s.plan]
    if not plans:
        return None
    consumer = [p for p in plans if p in CONSUMER_PLANS]
    pool = consumer if len(consumer) >= 0.5 * len(plans) else plans
    return max(sorted(set(pool)), key=pool.count)


def _joint(members: list[AccountState], now: float) -> Scores:
    """What a group does jointly: its members read as one account. When one member carries most
    of the group's traffic, read again without it, keeping the lower score per category: a
    network's abuse is spread over its members; nine consumers and one resold plan carrying four
    fifths of their traffic are the resold plan's abuse (scored on its own) and nine people."""
    scores = _stronger_tier(detectors.score(AccountState.merged(members, _plan(members))),
                            rotation.rotated(members, now))
    busiest = max(range(len(members)), key=lambda i: members[i].n)
    if len(members) < MIN_SPREAD or members[busiest].n < DOMINANT * sum(s.n for s in members):
        return scores
    rest = members[:busiest] + members[busiest + 1:]
    without = _stronger_tier(detectors.score(AccountState.merged(rest, _plan(rest))),
                             rotation.rotated(rest, now))
    return {k: v if v.value <= without[k].value else without[k] for k, v in scores.items()}


def _stronger_tier(scores: Scores, found: Score) -> Scores:
    """`scores` with tier abuse read across the members too, where that reading is stronger
    (trial credit burned in rotation, a free quota multiplied: each shows only across them)."""
    return {**scores, "tier_abuse": found} if found.value > scores["tier_abuse"].value else scores


MULTIPLIED_FREE = 0.6  # share of a group's members on the free plan for its quota to be multiplied


def _multiplied(group: Group, members: list[AccountState]) -> Score:
    """One operator's free accounts, each asking for all its plan gives day after day: the free
    quota multiplied, whatever they carry (a homework bot passes its users' questions on, so no
    template shows). One operator: most members tied to another by something an operator owns
    (numbered addresses, a signup address, a card), not by a venue or a schedule; a dorm of
    students at their caps shares a NAT, not a series of addresses."""
    free = [s for s in members if s.plan == "free"]
    if len(members) < MIN_CLUSTER or len(free) < MULTIPLIED_FREE * len(members):
        return Score()
    owned = {m for (a, b), tie in group.pairs.items() if _owned(tie) for m in (a, b)}
    operator = len(owned) / len(group.members)
    capped = sorted(s.capped_share() for s in free)[len(free) // 2]
    value = round(min(ramp(capped, 0.3, 0.7), ramp(operator, 0.5, 0.8)), 4)
    if value <= 0:
        return Score()
    return Score(value, [f"{len(free)} free accounts, {pct(operator)} of the group tied by what one operator "
                         f"owns, the typical one refused at its cap on {pct(capped)} of its active days: one "
                         "operator's free quota, multiplied"])


def judge(groups: list[Group], states: Mapping[str, AccountState],
          links: Mapping[str, AccountLink] | None = None, *, own: Mapping[str, Scores] | None = None) -> Verdict:
    """Networks and benign groups. `own`: members' per-account scores, when already computed."""
    out = Verdict()
    now = rotation.latest(states)
    pending = list(groups)
    while pending:
        group = pending.pop(0)
        mine = {m: own[m] if own else detectors.score(states[m]) for m in group.members}
        if group.density() < MIN_DENSITY:
            # A chain of pairwise coincidences (two consumers share a phrase and a phone model,
            # one of them a carrier range with a third, ...) is not one operator: members of a
            # network are tied to many of each other.
            for m in group.members:
                out.group_of[m] = group.group_id
            pending.extend(_cores(group, mine))
            continue
        members = [states[m] for m in group.members]
        scores = _stronger_tier(_joint(members, now), _multiplied(group, members))
        alone = sorted((max(s.value for s in mine[m].values()) for m in group.members), reverse=True)
        median_alone = alone[len(alone) // 2]
        abuse = max(max(s.value for s in scores.values()), median_alone)
        if abuse < ABUSE:
            for m in group.members:
                out.group_of[m] = group.group_id
            pending.extend(_cores(group, mine))
            continue
        top = max(scores, key=lambda c: scores[c].value)
        what = (f"jointly: {top.replace('_', ' ')} {scores[top].value:.2f} over {len(members)} accounts"
                if scores[top].value >= median_alone else
                f"most members abuse on their own (median {median_alone:.2f})")
        for m in group.members:
            out.cluster_of[m] = group.group_id
            ties = group.ties.get(m, [])
            cohesion = max((t.content for t in ties), default=0.0)
            value = round(abuse * (0.7 + 0.3 * cohesion), 4)
            out.coordination[m] = Score(value, [f"network {group.group_id} of {len(members)} accounts; {what}",
                                                *group.evidence(m)])
            inherit: dict[str, Score] = {}
            for cat, s in scores.items():
                if s.value >= ABUSE:
                    inherit[cat] = Score(round(INHERIT * s.value, 4),
                                         [f"as network {group.group_id} ({len(members)} accounts): "
                                          + "; ".join(s.evidence[:2])])
            if inherit:
                out.inherited[m] = inherit
        if links:
            _affiliate(group, links, out)
    for m in out.cluster_of:  # a network found inside a larger group (`_cores`) is what its members are
        out.group_of.pop(m, None)
    return out


def _cores(group: Group, own: Mapping[str, Scores]) -> list[Group]:
    """The networks inside a group that is none as a whole: its members who each abuse on their
    own, held together by their ties to each other. A rival's four harvesters can share a rented
    exit pool with a relay's eight chat accounts; read as one, twelve accounts' chat dilutes four
    accounts' harvest, but the four are tied to each other and harvest."""
    import networkx as nx

    core = sorted(m for m in group.members if abused(own[m]))
    if len(core) < MIN_CLUSTER or len(core) == len(group.members):
        return []
    inside = set(core)
    graph = nx.Graph()
    graph.add_nodes_from(core)
    graph.add_edges_from((a, b) for a, b in group.pairs if a in inside and b in inside)
    return grouped(sorted(nx.connected_components(graph), key=min), group.pairs)


def _affiliate(group: Group, links: Mapping[str, AccountLink], out: Verdict) -> None:
    """Members tied to a restricted organization by corroborated evidence tie their network."""
    tied: dict[str, list[tuple[float, str]]] = {}
    for m in group.members:
        link = links.get(m)
        if link is not None and link.restricted and link.org_id:
            tied.setdefault(link.org_id, []).append((link.confidence, m))
    if not tied:
        return
    org, found = max(tied.items(), key=lambda kv: (len(kv[1]), max(kv[1])))
    conf = max(c for c, _ in found)
    names = ", ".join(m for _, m in sorted(found, reverse=True)[:3])
    more = f" and {len(found) - 3} more" if len(found) > 3 else ""
    share = len(found) / len(group.members)
    value = round(conf * (0.75 + 0.2 * min(1.0, share * 4)), 4)
    insiders = {x: c for c, x in found}
    owned = _owned_ties(group) if len(tied) == 1 and value >= LINKED else {}
    for m in group.members:
        if m in insiders:
            continue
        evidence = [f"member of network {group.group_id}, whose members {names}{more} ({len(found)} of "
                    f"{len(group.members)}) are tied to restricted organization {org} (confidence up to {conf:.2f})"]
        chain = _linked_through(owned, m, insiders)
        if chain:
            out.linked[m] = org
            hops = ", which shares ".join(f"{_shared(tie)} with {b}" for _, b, tie in chain)
            evidence.append(f"linked to {org} through network {group.group_id}: shares {hops}, "
                            f"whose own evidence ties it to {org}")
        out.affiliation[m] = (org, value, evidence)


def _owned(tie: Tie) -> bool:
    """A strong tie by something one operator owns (OWNED): a card, a signup address, a series."""
    return tie.weight >= LINKED and bool(OWNED.intersection(tie.kinds))


def _one_operators(tie: Tie) -> bool:
    """A tie that says one operator runs both accounts: something it owns (OWNED), strongly; or
    one prompt template copied word for word (COPY), corroborated (a signup hour, a rare client):
    inside a network that abuses, a template is a script, and a script has one owner. Shared
    topics, paraphrases or a public keyspace are not enough: two operators work alike that way."""
    return _owned(tie) or (tie.jaccard >= COPY and tie.weight >= COPY_WEIGHT)


def _shared(tie: Tie) -> str:
    """What a hop of a chain shares, in the evidence's words."""
    if _owned(tie):
        return " and ".join(NAMES[k] for k in tie.kinds if k in OWNED)
    return " and ".join([f"one prompt template (MinHash Jaccard {tie.jaccard:.2f})", *(NAMES[k] for k in tie.kinds)])


def _owned_ties(group: Group) -> dict[str, list[tuple[str, Tie]]]:
    """Each member's ties, within the group, that say one operator runs both (`_one_operators`)."""
    out: dict[str, list[tuple[str, Tie]]] = {}
    for (a, b), tie in sorted(group.pairs.items()):
        if _one_operators(tie):
            out.setdefault(a, []).append((b, tie))
            out.setdefault(b, []).append((a, tie))
    return out


def _linked_through(owned: Mapping[str, list[tuple[str, Tie]]], member: str,
                    insiders: Mapping[str, float]) -> list[tuple[str, str, Tie]]:
    """The shortest chain of ties that say one operator runs both accounts (the same card, signup
    address or numbered series of addresses; one template copied, with a signup hour or a rare
    client in common) from a member to an insider, hop by hop, or [] when there is none: every
    account along it is that operator's, and the network's link to the organization is the
    member's too (one card pays for A and B, B was made from the address the insider was, C runs
    B's script).

    A network's members inherit its affiliation as a score; only those an insider's operator runs
    name the organization (`linked_org`). A member held to the network only by exits (a rented
    proxy pool several operators use), by paraphrases or a public keyspace walked alike (two
    operators harvesting one topic space), is affiliated but not linked; so is every member of a
    network whose insiders name different organizations (`owned` is then empty).
    """
    came: dict[str, tuple[str, Tie] | None] = {member: None}
    queue = deque([member])
    while queue:
        x = queue.popleft()
        if x != member and x in insiders:
            chain: list[tuple[str, str, Tie]] = []
            while (step := came[x]) is not None:
                chain.append((step[0], x, step[1]))
                x = step[0]
            return chain[::-1]
        for y, tie in owned.get(x, []):
            if y not in came:
                came[y] = (x, tie)
                queue.append(y)
    return []
