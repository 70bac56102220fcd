"""The graph of ties into groups: who is tied to whom, and where one group ends.

`coordination` finds the ties (content corroborated by what accounts share, weighed by base
rates); this module reads them. A component of the tie graph is split into its communities
(Louvain over tie strength), so one stray tie between a lab and a network does not make them one
group; communities Louvain cut out of one evenly knit group are joined again (`_rejoin`); and a
community that is several operators running one playbook falls apart along each operator's own
infrastructure (`_by_operator`). What remains, MIN_CLUSTER accounts or more, are *groups*
(`Group`), named by the one naming rule (`moat.ids`). `networks` decides which are networks.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from moat.detect.scoring import ramp
from moat.ids import cluster_id as cluster_name

MIN_CLUSTER = 3
# The kinds of corroboration `coordination` ties accounts by, as a group's evidence names them.
NAMES = {"payment": "the same payment instrument", "keyspace": "disjoint parts of one keyspace",
         "ip_range": "a shared /24 egress range", "signup_ip": "signups from one address",
         "email_series": "numbered addresses of one series",
         "signup": "signups within 6 h", "timing": "synchronised activity", "user_agent": "a rare user agent",
         "capped": "both refused at their plan's cap on most days"}


def content(jaccard: float, semantic: float) -> float:
    """How much two accounts ask for the same things: shared templates, or the same meaning."""
    return max(ramp(jaccard, 0.15, 0.45), semantic)


@dataclass(slots=True)
class Tie:
    """Why two accounts are tied: content similarity and base-rate-weighted corroboration."""

    jaccard: float
    semantic: float  # 0..1: how far above unrelated pairs of this population
    kinds: tuple[str, ...]
    weight: float  # corroboration, 0..1 (noisy-OR of exclusive-weighted kinds)
    floor: float = 0.0  # content credited without shared content (accounts on one operator's own exits)

    @property
    def content(self) -> float:
        return max(content(self.jaccard, self.semantic), self.floor)


@dataclass(slots=True)
class Group:
    """Accounts tied together (a network only if `networks` finds abuse in it)."""

    group_id: str
    members: list[str]
    ties: dict[str, list[Tie]] = field(default_factory=dict)  # account -> its ties in the group
    pairs: dict[tuple[str, str], Tie] = field(default_factory=dict)  # (account, account) -> their tie

    def density(self) -> float:
        """The share of member pairs tied to each other (1: everyone to everyone)."""
        n = len(self.members)
        pairs = n * (n - 1) / 2
        return sum(len(t) for t in self.ties.values()) / 2 / pairs if pairs else 0.0

    def evidence(self, account_id: str) -> list[str]:
        ties = self.ties.get(account_id, [])
        if not ties:
            return []
        kinds = sorted({k for t in ties for k in t.kinds})
        counts = {k: sum(1 for t in ties if k in t.kinds) for k in kinds}
        jac = max(t.jaccard for t in ties)
        sem = max(t.semantic for t in ties)
        content = []
        if jac >= 0.15:
            content.append(f"prompt templates (MinHash Jaccard up to {jac:.2f})")
        if sem > 0:
            content.append("paraphrases of the same prompts")
        if any(t.floor for t in ties):
            content.append("one operator's own exit addresses")
        out = [f"tied to {len(ties)} of the {len(self.members) - 1} other accounts of group {self.group_id} by "
               + (" and ".join(content) or "shared behaviour")]
        out += [f"{NAMES[k]} with {c} of them" for k, c in counts.items()]
        return out



REJOIN = 0.15  # a cut carrying this share of the smaller side's ties is not a boundary


def _rejoin(graph: Any, parts: list[set[str]]) -> list[set[str]]:
    """Merge back communities that Louvain split out of one evenly knit group.

    Louvain always finds communities, even in a group that is uniformly tied (a large, sparsely
    tied network whose members all resemble each other). Two parts are one group when the ties
    between them carry a fair share (REJOIN) of the smaller part's ties: the conductance of the
    cut. A lab held to a network by a few stray ties sends almost nothing across and stays apart.
    """
    parts = [set(p) for p in parts]

    # Summed in sorted order: a float sum over a set of strings would follow string hashing,
    # and a cut at the threshold would then go either way from one process to the next.
    def volume(a: set[str]) -> float:
        return math.fsum(graph[u][v]["weight"] for u in sorted(a) for v in graph[u])

    def cut(a: set[str], b: set[str]) -> float:
        return math.fsum(graph[u][v]["weight"] for u in sorted(a) for v in graph[u] if v in b)

    while len(parts) > 1:
        vols = [volume(p) for p in parts]
        best, pair = REJOIN, None
        for i in range(len(parts)):
            for j in range(i + 1, len(parts)):
                across = cut(parts[i], parts[j])
                smaller = min(vols[i], vols[j])
                if across and smaller and across / smaller >= best:
                    best, pair = across / smaller, (i, j)
        if pair is None:
            break
        i, j = pair
        parts[i] |= parts.pop(j)
    return sorted(parts, key=min)


OPERATOR_KINDS = frozenset({"payment", "ip_range", "signup_ip", "email_series"})  # what an operator owns
# What one operator owns (its card, the address its accounts were made from, its numbered series of
# addresses) but not its exits, which a rented pool shares with other operators; nor prompts, a
# signup hour or a schedule, which a cohort shares with the one rival engineer among it.
OWNED = OPERATOR_KINDS - {"ip_range"}
SHARED_BY_CHANCE = frozenset({"capped"})  # two operators' accounts both asking for all their plan gives


def _by_operator(graph: Any, community: set[str]) -> list[set[str]]:
    """Split a community that is several operators running one playbook.

    Two free-plan farms, or two reseller rings, built from one public template look alike: their
    prompts tie them. What each operator cannot share with the other is its own infrastructure:
    the card it pays with, the exits it owns, the series it names its accounts by. When a
    community falls apart along those ties into several parts of MIN_CLUSTER or more, and
    nothing but their prompts (and the plan's cap both hit) ties the parts to each other (no
    rare client build, no signup batch, no synchronised schedule, no split keyspace), each part
    is one operator. Members with no operator tie of their own join the part they are most tied
    to, or form their own group when they hold together on their own.
    """
    if len(community) < 2 * MIN_CLUSTER:
        return [community]
    import networkx as nx

    sub = graph.subgraph(sorted(community))
    owned = nx.Graph()
    owned.add_edges_from((u, v) for u, v, tie in sub.edges(data="tie") if OPERATOR_KINDS.intersection(tie.kinds))
    parts = sorted((c for c in nx.connected_components(owned) if len(c) >= MIN_CLUSTER), key=min)
    if len(parts) < 2:
        return [community]
    part_of = {m: i for i, p in enumerate(parts) for m in p}
    across = {k for u, v, tie in sub.edges(data="tie")
              if u in part_of and v in part_of and part_of[u] != part_of[v] for k in tie.kinds}
    if across - SHARED_BY_CHANCE:
        return [community]
    out = [set(p) for p in parts]
    loose = sub.subgraph(sorted(community - set(part_of)))
    for c in sorted(nx.connected_components(loose), key=min):
        if len(c) >= MIN_CLUSTER:
            out.append(set(c))
            continue
        for m in sorted(c):
            pull = [math.fsum(sub[m][x]["weight"] for x in sorted(p) if sub.has_edge(m, x)) for p in parts]
            out[max(range(len(parts)), key=lambda i: (pull[i], -i))].add(m)
    return out


def partition(edges: Mapping[tuple[str, str], Tie]) -> list[Group]:
    """Communities of the tie graph (Louvain over tie strength), not connected components: one
    stray tie between a lab and a network must not make them one group."""
    import networkx as nx

    graph = nx.Graph()
    for (u, v), tie in edges.items():
        graph.add_edge(u, v, weight=tie.content * tie.weight, tie=tie)
    communities: list[set[str]] = []
    for component in nx.connected_components(graph):
        # A larger component may be several groups held together by a few stray ties: split it
        # into its communities. The subgraph is built in sorted order: Louvain's result depends on
        # node order, and a view over the component (a set) would follow string hashing, which
        # changes from one process to the next.
        if len(component) > 2 * MIN_CLUSTER:
            nodes = sorted(component)
            sub = nx.Graph()
            sub.add_nodes_from(nodes)
            sub.add_weighted_edges_from((u, v, graph[u][v]["weight"]) for u in nodes
                                        for v in sorted(graph[u]) if u < v)
            parts = _rejoin(sub, nx.community.louvain_communities(sub, weight="weight", seed=7))
        else:
            parts = [set(component)]
        for part in parts:
            communities.extend(_by_operator(graph, part))
    return sorted(grouped(communities, edges), key=lambda g: g.group_id)


def grouped(parts: Iterable[set[str]], edges: Mapping[tuple[str, str], Tie]) -> list[Group]:
    """Each part of MIN_CLUSTER accounts or more as a `Group`, named by the one naming rule
    (`moat.ids`, shared with linking), holding the ties among its members."""
    out = [Group(cluster_name(ms), ms) for part in parts if len(ms := sorted(part)) >= MIN_CLUSTER]
    by_member = {m: g for g in out for m in g.members}
    for (u, v), tie in edges.items():
        g = by_member.get(u)
        if g is not None and by_member.get(v) is g:
            g.ties.setdefault(u, []).append(tie)
            g.ties.setdefault(v, []).append(tie)
            g.pairs[(u, v)] = tie
    return out
