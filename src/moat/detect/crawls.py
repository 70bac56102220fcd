"""One crawl split across the keys of one organization (issue 15 item 4).

An organization that wants a whole keyspace and knows per-account volume is watched splits the
crawl: each of its accounts sweeps its own slice (ids 1-700k, 700k-1.4M, ...; or every third id),
so no account alone looks like much. What it cannot hide is that the slices are *disjoint* (no two
accounts ask for the same resources, where independent clients of one company overlap as much as
chance makes them) and *complementary* (together they sweep the keyspace).

`coordination` never ties accounts that openly belong together (one organization, SSO tenant,
company email domain or payment instrument is one customer); here, precisely those are read
together, as one account (`AccountState.merged`), and only their data traffic. When the joint
harvest reaches `networks.ABUSE`, the slicing accounts form a network: coordination evidence, and
each inherits the joint harvest, as network members do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from moat.detect import data
from moat.detect.data_features import RES_BITS
from moat.detect.networks import ABUSE, INHERIT, Verdict
from moat.detect.scoring import Score, pct
from moat.detect.state import AccountState
from moat.identity.linking import AccountLink
from moat.identity.linking_index import email_domain, is_personal_domain
from moat.ids import cluster_id as cluster_name

MIN_SLICE = 20  # numbers or archive windows an account needs to count as a slice
MIN_WALK = 0.05  # share of its own densest id range an untied account must cover to be a slice
ADJACENT = 0.5  # untied slices must touch or interleave: a gap of at most this share of their width
DISJOINT = 0.1  # overlap beyond chance, as a share of the smaller slice, that is still disjoint


def _customer_keys(s: AccountState, link: AccountLink | None) -> list[str]:
    acct = s.account or {}
    keys = [f"{k}:{acct[k]}" for k in ("org_id", "sso_tenant", "payment_fingerprint") if acct.get(k)]
    domain = email_domain(acct.get("email"))
    if domain and not is_personal_domain(domain):
        keys.append(f"domain:{domain}")
    if link is not None and link.org_id and link.confidence >= 0.5:
        keys.append(f"org_id:{link.org_id}")
    return keys


def _slice(s: AccountState) -> str | None:
    """Which keyspace an account could be a slice of: ids (mostly numeric resources, new ones) or
    the archive (mostly time-bounded searches of it); None when neither."""
    if s.asks() < MIN_SLICE:
        return None
    if s.d_num_new >= MIN_SLICE and s.d_num_new >= 0.5 * s.asks():  # batched lookups count each id
        return "ids"
    if s.d_arch_n >= MIN_SLICE and s.d_arch_n >= 0.5 * s.d_n:
        return "archive"
    return None


def _customers(states: Mapping[str, AccountState], links: Mapping[str, AccountLink],
               kind: str) -> list[list[str]]:
    """Accounts slicing `kind`, grouped by the customer they openly are (union of shared keys)."""
    slices = [aid for aid, s in sorted(states.items()) if _slice(s) == kind]
    parent = {aid: aid for aid in slices}

    def find(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    owner: dict[str, str] = {}
    for aid in slices:
        for key in _customer_keys(states[aid], links.get(aid)):
            other = owner.setdefault(key, aid)
            if other != aid:
                parent[find(aid)] = find(other)
    groups: dict[str, list[str]] = {}
    for aid in slices:
        groups.setdefault(find(aid), []).append(aid)
    return [sorted(g) for g in groups.values() if len(g) >= 2]


def _ones(bits: bytearray | None) -> int:
    return int.from_bytes(bits, "little").bit_count() if bits is not None else 0


def overlap(x: AccountState, y: AccountState, kind: str) -> float:
    """What both asked for beyond what chance gives two sets of their sizes, as a share of the
    smaller one (0: disjoint): resources for ids, days of the archive for time windows."""
    if kind == "archive":
        a, b = len(x.d_arch_days), len(y.d_arch_days)
        return len(x.d_arch_days & y.d_arch_days) / min(a, b) if a and b else 1.0
    if x.d_res is None or y.d_res is None:
        return 1.0
    a, b = _ones(x.d_res), _ones(y.d_res)
    if not a or not b:
        return 1.0
    both = (int.from_bytes(x.d_res, "little") & int.from_bytes(y.d_res, "little")).bit_count()
    chance = a * b / RES_BITS
    return max(0.0, both - chance) / min(a, b)


def _extent(s: AccountState, kind: str) -> tuple[float, float]:
    """Where an account's slice lies: its densest id range, or the archive days it spans."""
    if kind == "archive":
        return (min(s.d_arch_days), max(s.d_arch_days)) if s.d_arch_days else (0.0, 0.0)
    if not s.d_nums:
        return (0.0, 0.0)
    lo, hi, _ = data.dense_range(s.d_nums, 0.65)
    return (float(lo), float(hi))


def _crawls(states: Mapping[str, AccountState], members: list[str], kind: str,
            gap: float | None = None) -> list[list[str]]:
    """One customer's slices, grouped into crawls: slices whose extents touch or interleave (a gap
    no wider than the slices themselves) are parts of one crawl; far apart, of two. With `gap`
    (slices tied by nothing else), stricter: a gap of at most `gap` times the narrower slice."""
    spans = sorted((_extent(states[m], kind), m) for m in members)
    out: list[list[str]] = []
    end = width = 0.0
    for (lo, hi), m in spans:
        room = max(width, hi - lo, 1.0) if gap is None else gap * max(min(width, hi - lo), 1.0)
        if out and lo - end <= room:
            out[-1].append(m)
            end, width = max(end, hi), max(width, hi - lo)
        else:
            out.append([m])
            end, width = hi, hi - lo
    return [sorted(c) for c in out]


def _walkers(states: Mapping[str, AccountState], verdict: Verdict) -> list[str]:
    """Accounts openly tied to no one whose ids are a slice in themselves: a dense walk of a part of
    the id space (contiguous, or every n-th id). A sample of accounts around a topic, however large,
    is spread over the whole space and covers nothing densely: it is not a slice of anything."""
    out = []
    for aid, s in sorted(states.items()):
        if aid in verdict.cluster_of or _slice(s) != "ids" or len(s.d_nums) < MIN_SLICE:
            continue
        coverage = data.densest(s)[0]
        if coverage >= MIN_WALK:
            out.append(aid)
    return out


def judge(states: Mapping[str, AccountState], links: Mapping[str, AccountLink], verdict: Verdict) -> None:
    """Add split crawls to `verdict` (accounts already in a network keep theirs)."""
    for kind, read in (("ids", data.id_sweep), ("archive", data.time_sweep)):
        for customer in _customers(states, links, kind):
            free = [m for m in customer if m not in verdict.cluster_of]
            for members in _crawls(states, free, kind):
                _judge(states, members, kind, read, verdict)
    # Accounts that hide who they are (personal emails, residential addresses, no shared card) but
    # walk adjacent or interleaved, disjoint slices of one id range: unrelated clients do not walk
    # the neighbouring ids of each other's walks, so the slices themselves are the tie.
    for members in _crawls(states, _walkers(states, verdict), "ids", gap=ADJACENT):
        _judge(states, members, "ids", data.id_sweep, verdict, tied=False)


def _judge(states: Mapping[str, AccountState], members: list[str], kind: str,
           read: Callable[[AccountState], data.Part], verdict: Verdict, *, tied: bool = True) -> None:
    """One customer's slicing accounts: a network when disjoint slices make one sweep together."""
    if len(members) < 2:
        return
    ss = [states[m] for m in members]
    worst = max(overlap(x, y, kind) for i, x in enumerate(ss) for y in ss[i + 1:])
    if worst > DISJOINT:
        return
    best = read(AccountState.merged(ss, ss[0].plan))
    if best.value < ABUSE:
        return
    gid = cluster_name(members)
    names = ", ".join(members[:3]) + (f" and {len(members) - 3} more" if len(members) > 3 else "")
    who = "of one customer" if tied else "with nothing openly in common (each walking a dense slice)"
    split = (f"accounts {names} {who} split one crawl: disjoint slices (overlap beyond "
             f"chance at most {pct(worst)}) that together make a {best.observed}")
    network = Score(round(best.value, 4), [f"network {gid} of {len(members)} accounts; " + split])
    for m in members:
        mine = Score(round(INHERIT * best.value, 4),
                     [f"as network {gid} ({len(members)} accounts): " + "; ".join(best.evidence[:2]),
                      *data.observed(states[m], best)])
        verdict.join(m, gid, network, "scraping", mine)
