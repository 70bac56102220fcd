"""Groups of accounts that act together: found by behaviour, weighed by base rates.

Two accounts are tied when they ask for the same things and something independent corroborates
it:

- *content*: shared prompt templates (MinHash over word 3-grams of prompt skeletons and system
  prompts, candidates by LSH banding, never all pairs), or, under paraphrase, semantically close
  prompts (`similarity`: mean embeddings, compared with how close unrelated accounts of the same
  population are);
- *corroboration*: the same payment instrument, /24 egress range, signup window or user agent,
  both refused at their plan's cap on most days (a farm's members each ask for all it gives),
  each weighed by how exclusive it is in this population (a card two accounts share says much, a
  venue's range forty share says little, an SDK's user agent nothing), and activity synchronised
  beyond chance at 5-minute or, under jitter, hourly resolution.

A platform's relay addresses and its own system prompt are the platform's, never its users'
(`AccountState` does not record them). Accounts that openly belong together (one declared
organization, SSO tenant or company email domain) are one customer and are never tied here.
The graph of ties is read into *groups* by `communities`. A group is not yet a network: `networks`
decides that from whether the group jointly harvests, scrapes or abuses a tier.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from moat.detect import keyspace, similarity
from moat.detect.communities import OWNED, Group, Tie, content, partition
from moat.detect.detectors import Scores
from moat.detect.scoring import ramp
from moat.detect.state import AccountState
from moat.identity.linking_index import email_domain, is_personal_domain

HASHES = 63
BANDS, ROWS = 21, 3  # P(candidate) = 1 - (1 - J^3)^21: 44% at J=0.3, 0.3% at J=0.05
MAX_BUCKET = 300  # a bucket this full is generic phrasing or generic infrastructure
MIN_REQUESTS = 10
MIN_TEMPLATE = 20  # repeated 3-grams: fewer is a habit of phrase, not a template
NEIGHBOURS = 8  # semantic candidates per account
SIGNUP_BURST = 6 * 3600
CAPPED = 0.5  # refused at the plan's cap on this share of active days: asks for all the plan gives
SYNC = 0.3  # share of the quieter account's bins shared with the other
SYNC_LIFT = 3.0  # and at least this many times what chance would give
SYNC_BINS = 12  # 5-minute bins in common, at least: an hour of synchronised activity
# How much each kind of corroboration weighs when exclusive; base rates scale it down.
KIND_WEIGHT = {"payment": 0.9, "keyspace": 0.8, "ip_range": 0.75, "signup_ip": 0.7, "email_series": 0.6,
               "timing": 0.6, "capped": 0.5, "signup": 0.45, "user_agent": 0.35}
_P = np.uint64(4294967291)  # the largest prime below 2^32: a*x + b stays inside uint64


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(20260101)
    a = rng.integers(1, int(_P), size=HASHES, dtype=np.uint64)
    b = rng.integers(0, int(_P), size=HASHES, dtype=np.uint64)
    return a, b


def signature(shingles: set[int], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """MinHash signature: per hash function, the least (a*x + b) mod p over the shingle set."""
    x = np.fromiter(shingles, dtype=np.uint64, count=len(shingles))
    return ((a[:, None] * x[None, :] + b[:, None]) % _P).min(axis=1)



POOL_COHORT = 4  # accounts on each /24, on average, before its users can be an operator's pool


class BaseRates:
    """How many eligible accounts carry each attribute value: its weight as evidence.

    Weight = log(N / k) / log(N): a value two accounts share among thousands is near 1, one that
    a tenth of the population shares is small, one everybody shares is 0. N counts PRIOR unseen
    accounts besides the population, so that in a small population (a test, a new provider) a
    value shared by all of a handful of accounts is not mistaken for a common one.
    """

    PRIOR = 1000

    def __init__(self, states: Mapping[str, AccountState]) -> None:
        self.n = len(states) + self.PRIOR
        self.counts: dict[str, int] = {}
        self.range_users: dict[str, set[int]] = {}  # /24 -> the accounts (by position) seen there
        self._rhythms: dict[int, Rhythm] = {}
        for i, s in enumerate(states.values()):
            for key in _attributes(s):
                self.counts[key] = self.counts.get(key, 0) + 1
            for prefix in s.prefixes:
                self.range_users.setdefault(prefix, set()).add(i)

    def rhythm(self, state: AccountState) -> Rhythm:
        """The account's `Rhythm`, computed once per pass (an account is in many candidate pairs)."""
        r = self._rhythms.get(id(state))
        if r is None:
            r = self._rhythms[id(state)] = Rhythm.of(state.bins)
        return r

    def private_pool(self, prefixes: set[str]) -> float:
        """How much several /24s are one operator's own pool: the share of their users who use
        them all (mean Jaccard of their user sets, pairwise). A public residential-proxy pool
        mixes different customers on every /24; an operator's own exits carry the same accounts
        on each."""
        users = [self.range_users.get(p, set()) for p in sorted(prefixes)[:8]]
        pairs = [(a, b) for n, a in enumerate(users) for b in users[n + 1:]]
        # A /24 only the two accounts ever used says nothing about a pool: that is a coincidence
        # of two footprints (the cosine above weighs it). A pool is a cohort of POOL_COHORT or more.
        if not pairs or sum(map(len, users)) < POOL_COHORT * len(users):
            return 0.0
        return sum(len(a & b) / len(a | b) for a, b in pairs) / len(pairs)

    def weight(self, key: str) -> float:
        k = self.counts.get(key, 1)
        return max(0.0, math.log(self.n / max(k, 1)) / math.log(self.n))


_SERIES = re.compile(r"^(.*?[a-z].*?)[._-]?\d{1,4}$")


def email_series(email: str | None) -> str | None:
    """`dataops_04@outlook.com` -> `dataops#@outlook.com`: the series an operator numbers its
    sign-ups in. Common stems (`emily#@gmail.com`) are common in the population too, and their
    base rate says so."""
    if not email or "@" not in email:
        return None
    local, _, domain = email.lower().rpartition("@")
    m = _SERIES.match(local.split("+", 1)[0])
    if m is None or len(m.group(1)) < 3:
        return None
    return f"{m.group(1)}#@{domain}"


def _attributes(s: AccountState) -> Iterable[str]:
    acct = s.account or {}
    if acct.get("payment_fingerprint"):
        yield f"payment:{acct['payment_fingerprint']}"
    if acct.get("signup_ip"):
        yield f"signup_ip:{acct['signup_ip']}"
    series = email_series(acct.get("email"))
    if series is not None:
        yield f"email_series:{series}"
    if acct.get("created_at") is not None:
        yield f"signup:{int(float(acct['created_at']) // SIGNUP_BURST)}"
    for prefix in s.prefixes:
        yield f"ip_range:{prefix}"
    for ua in s.uas:
        yield f"user_agent:{ua}"
    if s.capped_share() >= CAPPED:
        yield "capped"


@dataclass(slots=True, frozen=True)
class Rhythm:
    """An account's activity by hour of the day: what chance is read against (computed once)."""

    bins: frozenset[int]  # 5-minute bins
    hours: frozenset[int]  # absolute hours
    bins_by_hour: np.ndarray  # 24: 5-minute bins per hour of the day
    hours_by_hour: np.ndarray  # 24: active hours per hour of the day

    @classmethod
    def of(cls, bins: Iterable[int]) -> Rhythm:
        fine = frozenset(bins)
        hours = frozenset(b // 12 for b in fine)
        by_bin = np.bincount(np.fromiter(((b // 12) % 24 for b in fine), dtype=np.int64, count=len(fine)),
                             minlength=24).astype(np.float64)
        by_hour = np.bincount(np.fromiter((h % 24 for h in hours), dtype=np.int64, count=len(hours)),
                              minlength=24).astype(np.float64)
        return cls(fine, hours, by_bin, by_hour)


def _beyond_chance(shared: int, smaller: int, x: np.ndarray, y: np.ndarray, slots: float) -> bool:
    """`shared` common bins against chance, where chance spreads each account's activity at
    random over the days within its own hours of the day (`x`, `y`: per hour of the day)."""
    if shared < 3 or shared < SYNC * smaller:
        return False
    return shared >= SYNC_LIFT * float(x @ y) / slots


def _synchronised(x: Rhythm, y: Rhythm, first: float, last: float) -> bool:
    """The same 5-minute bins beyond chance, where chance spreads each account's activity at
    random over the days within its own hours of the day: two office workers of one time zone,
    busy in the same hours every day, are not synchronised for that alone. And at least an hour
    of them (SYNC_BINS): among the thousands of pairs a population is read for, two quiet accounts
    meet in a few common bins by chance more often than the per-pair odds say (measured on the
    labelled sets: fewer than 15 common bins were 308 pairs of unrelated accounts to 7 of one
    network; 15 or more, 124 of one network to 27)."""
    if not x.bins or not y.bins:
        return False
    shared = len(x.bins & y.bins)
    if shared < SYNC_BINS:
        return False
    days = max(1.0, (last - first) / 86400.0)
    return _beyond_chance(shared, min(len(x.bins), len(y.bins)), x.bins_by_hour, y.bins_by_hour, 12.0 * days)


def _synchronised_hours(x: Rhythm, y: Rhythm, first: float, last: float) -> bool:
    """The same hours (jittered schedules) beyond what each account's hours of the day give."""
    if not x.hours or not y.hours:
        return False
    days = max(1.0, (last - first) / 86400.0)
    return _beyond_chance(len(x.hours & y.hours), min(len(x.hours), len(y.hours)), x.hours_by_hour,
                          y.hours_by_hour, days)


OWN_EXITS = 0.6  # with different templates, accounts tie only on a pool this much their own
OWN_EXITS_CONTENT = 0.5  # the content such a tie counts for in the graph (a weak template's worth)


def _footprint(x: AccountState, y: AccountState) -> tuple[set[str], float]:
    """The /24s two accounts share, and how much of both footprints they are (cosine of the two
    sets): what ties accounts is a shared footprint, not a count of ranges in common."""
    shared = x.prefixes & y.prefixes
    return shared, (len(shared) / math.sqrt(len(x.prefixes) * len(y.prefixes)) if shared else 0.0)


def _own_exits(x: AccountState, y: AccountState, rates: BaseRates) -> float:
    """How much two accounts come from one operator's own exits: several /24s that carry the
    same cohort on each, exclusive to it, and most of both footprints."""
    shared, overlap = _footprint(x, y)
    if len(shared) < 2:
        return 0.0
    exclusive = min(rates.weight(f"ip_range:{p}") for p in shared)
    return min(rates.private_pool(shared), exclusive, ramp(overlap, 0.2, 0.5))


def _ties(x: AccountState, y: AccountState, rates: BaseRates) -> tuple[tuple[str, ...], float]:
    """The corroborating kinds two accounts share and their base-rate-weighted strength."""
    ax, ay = x.account or {}, y.account or {}
    found: dict[str, float] = {}
    if ax.get("payment_fingerprint") and ax.get("payment_fingerprint") == ay.get("payment_fingerprint"):
        found["payment"] = rates.weight(f"payment:{ax['payment_fingerprint']}")
    # One /24 in common among hundreds of residential addresses is a coincidence; two, or one
    # that is most of where a quiet account comes from (an office, a proxy), is a tie. Two
    # accounts rotating through one residential proxy pool share many /24s by chance alone, and
    # a rotator passing through a lab's /24 once shares "half" of the lab's two, so a tie is one of:
    # - a footprint in common, counted by how exclusive its ranges are, steeply (a carrier's NAT
    #   that a few percent of all accounts use is no tie);
    # - two footprints nearly one (most of each in common), whatever the ranges;
    # - several /24s that only this cohort uses (an operator's own exits: exclusive to the cohort
    #   by construction, however large the cohort).
    shared, overlap = _footprint(x, y)
    if len(shared) >= 2 or overlap >= 0.5:
        pool = rates.private_pool(shared) if len(shared) >= 2 else 0.0
        plain = max(rates.weight(f"ip_range:{p}") for p in shared)
        found["ip_range"] = max(plain ** 2 * ramp(overlap, 0.1, 0.4), plain * ramp(overlap, 0.5, 0.8),
                                ramp(pool, 0.5, 0.9))
    signup_ip = ax.get("signup_ip")
    if signup_ip and signup_ip == ay.get("signup_ip"):
        found["signup_ip"] = rates.weight(f"signup_ip:{signup_ip}")
    series = email_series(ax.get("email"))
    if series is not None and series == email_series(ay.get("email")):
        found["email_series"] = rates.weight(f"email_series:{series}")
    cx, cy = ax.get("created_at"), ay.get("created_at")
    if cx is not None and cy is not None and abs(float(cx) - float(cy)) < SIGNUP_BURST:
        found["signup"] = min(rates.weight(f"signup:{int(float(c) // SIGNUP_BURST)}") for c in (cx, cy))
    if x.capped_share() >= CAPPED and y.capped_share() >= CAPPED:
        found["capped"] = rates.weight("capped")  # as common as refusals at the cap are here
    uas = x.uas & y.uas
    if uas:
        found["user_agent"] = max(rates.weight(f"user_agent:{u}") for u in uas)
    first, last = min(x.first_ts, y.first_ts), max(x.last_ts, y.last_ts)
    rx, ry = rates.rhythm(x), rates.rhythm(y)
    if _synchronised(rx, ry, first, last):
        found["timing"] = 1.0
    elif _synchronised_hours(rx, ry, first, last):
        found["timing"] = 0.5  # the same hours: jittered schedules, but also two office workers
    miss = 1.0
    for kind, w in found.items():
        miss *= 1.0 - KIND_WEIGHT[kind] * w
    kinds = tuple(k for k, w in found.items() if w >= 0.3)
    return kinds, 1.0 - miss


SPLIT_CONTENT = 0.8  # one template, near enough word for word
NEAR_COPY = 0.6  # raw MinHash Jaccard (or semantic closeness): one template, filled in; weak corroboration suffices
SPLIT_OVERLAP = 0.1  # at most this share of the smaller key set in common
SPLIT_WALKING = 0.5  # each part walks (in order, densely, or across a grid), not just varies


def _split_keyspace(x: AccountState, y: AccountState) -> bool:
    """One template, each account asking it for keys the other never asks: a keyspace split.

    What a careful scraping network cannot hide (it may rotate addresses, agents and timing): its
    accounts cover disjoint parts of one space. An evaluation harness run from two accounts asks
    the same keys, a shared starter kit the same prompt; neither is disjoint coverage.
    """
    found = []
    for s in (x, y):
        walk = keyspace.walk_of(s)
        if (walk is None or walk.walking < SPLIT_WALKING or walk.distinct < 0.8 or walk.slot_words > 4
                or walk.share < 0.5 or len(walk.keys) < keyspace.MIN_FAMILY):
            return False
        found.append(walk.keys)
    a, b = found
    return len(a & b) <= SPLIT_OVERLAP * min(len(a), len(b))


def customer_keys(account: Mapping[str, Any] | None) -> list[str]:
    """The customers an account openly belongs to: its declared organization, its SSO tenant and
    its company email domain (a personal one is no customer)."""
    if not account:
        return []
    out = [f"{k} {v}" for k in ("org_id", "sso_tenant") if (v := account.get(k))]
    email = account.get("email")
    domain = email_domain(email) if isinstance(email, str) else ""
    if domain and not is_personal_domain(domain):
        out.append(f"email domain {domain}")
    return out


def _same_customer(x: AccountState, y: AccountState) -> bool:
    """Openly one customer: the same declared organization, SSO tenant or company email domain."""
    return not set(customer_keys(x.account)).isdisjoint(customer_keys(y.account))


def _pairs(groups: Iterable[list[int]]) -> set[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    for members in groups:
        if 1 < len(members) <= MAX_BUCKET:
            out.update((p, q) for n, p in enumerate(members) for q in members[n + 1:])
    return out


def _lsh_pairs(sigs: np.ndarray) -> set[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    for band in range(BANDS):
        buckets: dict[bytes, list[int]] = {}
        block = np.ascontiguousarray(sigs[:, band * ROWS:(band + 1) * ROWS])
        for i, row in enumerate(block):
            buckets.setdefault(row.tobytes(), []).append(i)
        out |= _pairs(buckets.values())
    return out


def _semantic(vecs: np.ndarray) -> tuple[set[tuple[int, int]], float]:
    """Nearest neighbours by meaning, and the population's own level of similarity.

    Returns candidate pairs and the 99th percentile of the similarity of random pairs, so that
    "close" means close for this population (all code assistants look alike to a text model).
    """
    n = len(vecs)
    rng = np.random.default_rng(7)
    i = rng.integers(0, n, size=min(20000, n * n))
    j = rng.integers(0, n, size=len(i))
    keep = i != j
    base = np.einsum("ij,ij->i", vecs[i[keep]], vecs[j[keep]]) if keep.any() else np.zeros(1)
    high = float(np.quantile(base, 0.99))
    out: set[tuple[int, int]] = set()
    k = min(NEIGHBOURS, n - 1)
    for start in range(0, n, 1024):
        sims = vecs[start:start + 1024] @ vecs.T
        for row, line in enumerate(sims):
            a = start + row
            line[a] = -1.0
            for b in np.argpartition(-line, k)[:k]:
                if line[b] >= high:
                    out.add((min(a, int(b)), max(a, int(b))))
    return out, high


SAME_ABUSE = 0.5  # both accounts, each on its own, at least this abusive in one category
ABUSES = ("distillation", "scraping", "tier_abuse")
SAME_ABUSE_WEIGHT = 0.3  # the corroboration that then ties them: something one operator owns (OWNED)


def abused(scores: Scores) -> set[str]:
    """The abuses an account does on its own (SAME_ABUSE or more in the category)."""
    return {c for c in ABUSES if c in scores and scores[c].value >= SAME_ABUSE}


def _same_abuse(x: Scores | None, y: Scores | None) -> bool:
    """Whether two accounts each, on their own, do the same abuse (both harvest reasoning, both
    walk keyspaces, both carry a workload on a consumer plan)."""
    return x is not None and y is not None and bool(abused(x) & abused(y))


def groups(states: Mapping[str, AccountState], own: Mapping[str, Scores] | None = None) -> list[Group]:
    """Accounts tied by content and corroboration, read into groups (`communities.partition`).

    `own`: the accounts' per-account scores. Two accounts that each do the same abuse ask for the
    same kind of thing whatever their words (a network's members paraphrase in different
    languages): that stands for shared content, and weaker corroboration ties them."""
    # Accounts with no prompt sampled (only data-API traffic, whose queries are not read as text)
    # share no content with anyone; data splits are `crawls`' to find.
    eligible = {k: s for k, s in states.items() if s.n >= MIN_REQUESTS and s.samples}
    ids = sorted(eligible)
    if len(ids) < 2:
        return []
    pos = {k: i for i, k in enumerate(ids)}
    rates = BaseRates(eligible)
    templates = {k: eligible[k].template_shingles() for k in ids}
    templated = [k for k in ids if len(templates[k]) >= MIN_TEMPLATE]
    cand: set[tuple[int, int]] = set()
    sig_of: dict[str, np.ndarray] = {}
    if len(templated) >= 2:
        a, b = _permutations()
        sigs = np.stack([signature(templates[k], a, b) for k in templated])
        sig_of = {k: sigs[i] for i, k in enumerate(templated)}
        cand |= {(pos[templated[p]], pos[templated[q]]) for p, q in _lsh_pairs(sigs)}
    vecs = similarity.vectors(eligible, ids)
    high = 1.0
    if vecs is not None and len(ids) > 2:
        sem_pairs, high = _semantic(vecs)
        cand |= sem_pairs
    # Careful operators rewrite their templates, but may still share infrastructure: block on it
    # too (blocks as big as a carrier NAT are skipped by MAX_BUCKET).
    blocks: dict[str, list[int]] = {}
    for i, k in enumerate(ids):
        for key in _attributes(eligible[k]):
            if not key.startswith("user_agent:"):
                blocks.setdefault(key, []).append(i)
    cand |= _pairs(blocks.values())
    edges: dict[tuple[str, str], Tie] = {}
    for i, j in sorted(cand):
        x, y = eligible[ids[i]], eligible[ids[j]]
        if _same_customer(x, y):
            continue
        sx, sy = sig_of.get(ids[i]), sig_of.get(ids[j])
        jac = float(np.count_nonzero(sx == sy)) / HASHES if sx is not None and sy is not None else 0.0
        sem = 0.0
        if vecs is not None:
            cos = float(vecs[i] @ vecs[j])
            sem = ramp(cos, high, high + 0.5 * (1.0 - high)) if high < 1.0 else 0.0
        sem = round(sem, 4)
        floor = 0.0
        same = own is not None and _same_abuse(own.get(ids[i]), own.get(ids[j]))
        kinds, weight = _ties(x, y, rates)
        if content(jac, sem) < 0.3:
            # Different templates (one operator's two scripts) on an operator's own exits: the
            # exits are the tie. Only a private pool counts, never a shared office or venue. The
            # same abuse stands for shared content too (see the docstring), and so do two things
            # one operator owns (a numbered series of addresses opened from one signup address).
            if not same and _own_exits(x, y, rates) < OWN_EXITS and len(OWNED.intersection(kinds)) < 2:
                continue
            floor = OWN_EXITS_CONTENT
        tie = Tie(jac, sem, kinds, weight, floor)
        if tie.content >= SPLIT_CONTENT and tie.weight < 0.5 and _split_keyspace(x, y):
            tie = Tie(jac, sem, (*tie.kinds, "keyspace"), 1.0 - (1.0 - tie.weight) * (1.0 - KIND_WEIGHT["keyspace"]),
                      floor)
        one_operator = same and tie.weight >= SAME_ABUSE_WEIGHT and bool(OWNED.intersection(tie.kinds))
        if tie.weight >= 0.5 or (max(jac, sem) >= NEAR_COPY and tie.weight >= 0.2) or one_operator:
            edges[(ids[i], ids[j])] = tie
    return partition(edges)
