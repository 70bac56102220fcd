"""Coordinated account networks: accounts that act as one, clustered with evidence.

Two accounts are linked when they share prompt templates (MinHash over word 3-grams of prompt
skeletons and system prompts, candidates found by LSH banding, never all pairs) AND at least one
independent tie corroborates it: the same payment instrument or a shared /24 egress range, or
both signups within six hours of each other and synchronised activity (each weak alone); heavily
paraphrased templates (lower similarity, or only the same mix of topics) need a strong tie and
another one. Shared templates alone are not enough (two labs may run the same public benchmark);
shared infrastructure alone is not enough (a startup team shares a card and an office). Accounts
that openly belong together (same declared organization, SSO tenant or company email domain) are
one customer, not a hidden network, and are never linked here. Networks are the connected
components with at least MIN_CLUSTER accounts.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from moat.detect.scoring import Score, noisy_and, ramp
from moat.detect.state import BIN_S, AccountState
from moat.identity.linking_index import email_domain, is_personal_domain

HASHES = 63
BANDS, ROWS = 21, 3  # P(candidate) = 1 - (1 - J^3)^21: 44% at J=0.3, 0.3% at J=0.05
MAX_BUCKET = 300  # a bucket this full is generic phrasing, not a template
MIN_JACCARD = 0.3
LOW_JACCARD = 0.15
TOPIC_COSINE = 0.9
MIN_TOPIC_HITS = 20
MIN_CLUSTER = 3
MIN_REQUESTS = 10
MIN_TEMPLATE = 20  # repeated 3-grams: fewer is a habit of phrase, not a template
STRONG = frozenset({"payment", "ip_range"})  # one of these, or two of the weak ones (signup, timing)
SIGNUP_BURST = 6 * 3600
SYNC = 0.3  # share of the quieter account's 5-minute bins shared with the other
SYNC_LIFT = 3.0  # and at least this many times what chance would give
_P = np.uint64(4294967291)  # the largest prime below 2^32: a*x + b stays inside uint64


@dataclass(slots=True)
class Tie:
    jaccard: float
    kinds: tuple[str, ...]


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(20260101)
    a = rng.integers(1, int(_P), size=HASHES, dtype=np.uint64)
    b = rng.integers(0, int(_P), size=HASHES, dtype=np.uint64)
    return a, b


def signature(shingles: set[int], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """MinHash signature: per hash function, the least (a*x + b) mod p over the shingle set."""
    x = np.fromiter(shingles, dtype=np.uint64, count=len(shingles))
    return ((a[:, None] * x[None, :] + b[:, None]) % _P).min(axis=1)


def _ties(x: AccountState, y: AccountState) -> tuple[str, ...]:
    ax, ay = x.account or {}, y.account or {}
    kinds = []
    if ax.get("payment_fingerprint") and ax.get("payment_fingerprint") == ay.get("payment_fingerprint"):
        kinds.append("payment")
    shared = len(x.prefixes & y.prefixes)
    # One /24 in common among hundreds of residential addresses is a coincidence; two, or one
    # that is most of where a quiet account comes from (an office, a proxy), is a tie.
    if shared >= 2 or (shared and shared >= 0.5 * min(len(x.prefixes), len(y.prefixes))):
        kinds.append("ip_range")
    cx, cy = ax.get("created_at"), ay.get("created_at")
    if cx is not None and cy is not None and abs(float(cx) - float(cy)) < SIGNUP_BURST:
        kinds.append("signup")
    if x.bins and y.bins:
        # Shared 5-minute bins, against what two independent accounts would share by chance:
        # two always-on services overlap completely and prove nothing.
        inter = len(x.bins & y.bins)
        span = (max(x.last_ts, y.last_ts) - min(x.first_ts, y.first_ts)) / BIN_S + 1
        expected = len(x.bins) * len(y.bins) / span
        if inter >= SYNC * min(len(x.bins), len(y.bins)) and inter >= SYNC_LIFT * expected:
            kinds.append("timing")
    return tuple(kinds)


def _topic_cosine(x: AccountState, y: AccountState) -> float:
    """Cosine similarity of two accounts' topic mixes (0 when either has too few topic hits)."""
    hx, hy = x.topic_hits, y.topic_hits
    if sum(hx.values()) < MIN_TOPIC_HITS or sum(hy.values()) < MIN_TOPIC_HITS:
        return 0.0
    dot = sum(v * hy.get(k, 0) for k, v in hx.items())
    return dot / math.sqrt(sum(v * v for v in hx.values()) * sum(v * v for v in hy.values()))


def _same_customer(x: AccountState, y: AccountState) -> bool:
    """Openly one customer: the same declared organization, SSO tenant or company email domain."""
    ax, ay = x.account or {}, y.account or {}
    for key in ("org_id", "sso_tenant"):
        if ax.get(key) and ax.get(key) == ay.get(key):
            return True
    dx = email_domain(ax.get("email"))
    return bool(dx) and dx == email_domain(ay.get("email")) and not is_personal_domain(dx)


def _pairs(groups: Iterable[list[int]]) -> set[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    for members in groups:
        if 1 < len(members) <= MAX_BUCKET:
            out.update((p, q) for n, p in enumerate(members) for q in members[n + 1:])
    return out


def _candidates(ids: list[str], sigs: np.ndarray, states: Mapping[str, AccountState]) -> set[tuple[int, int]]:
    """Pairs worth comparing: same LSH bucket in some band, or a shared card, /24 or signup window."""
    out: set[tuple[int, int]] = set()
    for band in range(BANDS):
        buckets: dict[bytes, list[int]] = {}
        block = np.ascontiguousarray(sigs[:, band * ROWS:(band + 1) * ROWS])
        for i, row in enumerate(block):
            buckets.setdefault(row.tobytes(), []).append(i)
        out |= _pairs(buckets.values())
    # Careful operators rewrite their templates until LSH rarely pairs them, but still share
    # infrastructure: block on it too (blocks as big as a carrier NAT are skipped by MAX_BUCKET).
    blocks: dict[str, list[int]] = {}
    for i, k in enumerate(ids):
        s = states[k]
        acct = s.account or {}
        if acct.get("payment_fingerprint"):
            blocks.setdefault(f"p:{acct['payment_fingerprint']}", []).append(i)
        if acct.get("created_at") is not None:
            blocks.setdefault(f"s:{int(float(acct['created_at']) // SIGNUP_BURST)}", []).append(i)
        for prefix in s.prefixes:
            blocks.setdefault(f"i:{prefix}", []).append(i)
    return out | _pairs(blocks.values())


def links(states: Mapping[str, AccountState]) -> dict[tuple[str, str], Tie]:
    """Corroborated template-sharing ties between accounts (the edges of the network graph).

    Shared templates (Jaccard >= MIN_JACCARD) need one strong tie or two weak ones; weaker
    template overlap (>= LOW_JACCARD, heavy paraphrasing) or only the same topic mix needs a
    strong tie and another one.
    """
    templates = {k: s.template_shingles() for k, s in states.items() if s.n >= MIN_REQUESTS}
    ids = sorted(k for k, t in templates.items() if len(t) >= MIN_TEMPLATE)
    if len(ids) < 2:
        return {}
    a, b = _permutations()
    sigs = np.stack([signature(templates[k], a, b) for k in ids])
    out: dict[tuple[str, str], Tie] = {}
    for i, j in sorted(_candidates(ids, sigs, states)):
        jac = float(np.count_nonzero(sigs[i] == sigs[j])) / HASHES
        x, y = states[ids[i]], states[ids[j]]
        if _same_customer(x, y):
            continue
        kinds = _ties(x, y)
        strong = bool(STRONG.intersection(kinds))
        if jac >= MIN_JACCARD and (strong or len(kinds) >= 2):
            out[(ids[i], ids[j])] = Tie(jac, kinds)
        elif strong and len(kinds) >= 2 and (jac >= LOW_JACCARD or _topic_cosine(x, y) >= TOPIC_COSINE):
            # Paraphrased past template similarity, but the same mix of topics on shared infrastructure.
            out[(ids[i], ids[j])] = Tie(jac, (*kinds, "topics"))
    return out


def clusters(states: Mapping[str, AccountState]) -> tuple[dict[str, Score], dict[str, str]]:
    """Per-account coordination score with evidence, and cluster_id per clustered account."""
    edges = links(states)
    parent: dict[str, str] = {}

    def find(u: str) -> str:
        while parent.get(u, u) != u:
            parent[u] = parent.get(parent[u], parent[u])
            u = parent[u]
        return u

    for u, v in edges:
        ru, rv = find(u), find(v)
        if ru != rv:
            parent[max(ru, rv)] = min(ru, rv)
    groups: dict[str, list[str]] = {}
    for u in {x for e in edges for x in e}:
        groups.setdefault(find(u), []).append(u)
    per: dict[str, list[Tie]] = {}
    for (u, v), tie in edges.items():
        per.setdefault(u, []).append(tie)
        per.setdefault(v, []).append(tie)
    scores: dict[str, Score] = {}
    cluster_of: dict[str, str] = {}
    for members in groups.values():
        if len(members) < MIN_CLUSTER:
            continue
        members.sort()
        cid = "net-" + hashlib.sha1(members[0].encode()).hexdigest()[:10]
        size = len(members)
        for m in members:
            ties = per[m]
            kinds = sorted({k for t in ties for k in t.kinds})
            jac = max(t.jaccard for t in ties)
            value = ramp(size, 2, 6) * noisy_and((ramp(len(kinds), 0, 2), 0.5), (ramp(jac, 0.15, 0.5), 0.4))
            counts = {k: sum(1 for t in ties if k in t.kinds) for k in kinds}
            names = {"payment": "the same payment instrument", "ip_range": "a shared /24 egress range",
                     "signup": "signups within 6 h", "timing": "synchronised activity",
                     "topics": "the same mix of topics"}
            ev = [f"acts as one with {size - 1} other accounts in network {cid}: prompt templates shared "
                  f"with {len(ties)} of them (MinHash Jaccard up to {jac:.2f})"]
            ev += [f"{names[k]} with {c} of them" for k, c in counts.items()]
            scores[m] = Score(round(value, 4), ev)
            cluster_of[m] = cid
    return scores, cluster_of
