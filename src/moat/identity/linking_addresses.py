"""Address evidence for linking: the listed ranges an account was seen in, weighed by base rate.

An organization's listed range counts in proportion to how exclusive it is among the accounts
seen inside it (few of them, or most of them tied to that organization by other evidence, with a
prior that an unknown range is shared), once per range however many of its addresses the account
used, and by how many days the account was seen there (based there, not passing through). What
dates from signup ages with the account (`stale`, from the linker). The linker caps and labels
the result: addresses alone never link (moat.identity.linking).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from moat.identity.linking_config import LinkingConfig
from moat.identity.linking_index import OrgIndex, format_ip, parse_ip
from moat.identity.linking_result import noisy_or

SIGNUP, REQUEST = 1, 2  # how an address was seen (flags)
CACHE_MAX = 1 << 20
SHARED = 0.5  # a listed range less exclusive than this is shared: weak evidence, and it renews no tie
_NUMBER = (int, float)  # for isinstance on the hot path (a tuple is built once; `int | float` each call)
# (listed range, org_id) -> how many of the range's accounts are tied to org_id otherwise
Purity = dict[tuple[str, str], int]
Tied = Callable[[int, str], bool]


def exclusivity(tied: int, others: int, seen: int, free_accounts: int) -> float:
    """How exclusive a listed range is to its organization (0..1), from the accounts seen in it:
    `tied` of the `others` (not counting the one asking) tied to it by other evidence, with a prior
    that an unknown range is shared; or in full when `seen` is no more than `free_accounts`."""
    return max((tied + 1) / (others + 2), min(1.0, free_accounts / max(1, seen)))


class AddressEvidence:
    """Addresses inside listed ranges, per account and per range. Not thread-safe: one writer."""

    def __init__(self, index: OrgIndex, config: LinkingConfig) -> None:
        self._index = index
        self._config = config
        self._ips: dict[int, dict[tuple[int, int], int]] = {}  # in-range addresses per account -> flags
        self._range_days: dict[tuple[int, str], set[int]] = {}  # (account, listed range) -> days seen there
        self._range_members: dict[str, set[int]] = {}  # listed range -> accounts seen inside it
        self._ip_hits: dict[tuple[int, int], tuple[str, tuple[str, ...]]] = {}
        self._ip_cache: dict[str, tuple[tuple[int, int], tuple[str, tuple[str, ...]]] | None] = {}

    def accounts(self) -> Iterable[int]:
        """Accounts seen inside some listed range."""
        return self._ips.keys()

    def note(self, idx: int, ip: str | None, flag: int, ts: Any = None) -> None:
        """An address the account signed up (SIGNUP) or called (REQUEST, at `ts`) from; only
        addresses inside an organization's listed ranges are kept, at most `max_ips_per_account`."""
        if not ip:
            return
        cache = self._ip_cache
        if ip in cache:
            hit = cache[ip]
        else:
            parsed = parse_ip(ip)
            found = self._index.cidrs.lookup_int(*parsed) if parsed else None
            hit = (parsed, found) if parsed and found else None
            if len(cache) >= CACHE_MAX:
                cache.clear()
            cache[ip] = hit
        if hit is None:
            return
        key, found = hit
        if isinstance(ts, _NUMBER):  # a tuple: `int | float` builds a union per call
            days = self._range_days.get((idx, found[0]))
            if days is None:
                days = self._range_days[(idx, found[0])] = set()
            if len(days) < self._config.regular_days:
                days.add(int(ts // 86400))
        ips = self._ips.get(idx)
        if ips is None:
            ips = self._ips[idx] = {}
        if key in ips:
            ips[key] |= flag
            return
        if len(ips) >= self._config.max_ips_per_account:
            return
        ips[key] = flag
        self._ip_hits[key] = found
        in_range = self._range_members.get(found[0])
        if in_range is None:
            in_range = self._range_members[found[0]] = set()
        in_range.add(idx)

    def called_from(self, idx: int, org: str, tied_to: Tied, cache: Purity) -> bool:
        """Whether the account made a request from inside one of `org`'s own listed ranges: one
        that is not shared (a Zscaler node, a coworking floor or a VPN exit the organization lists
        is where many unrelated accounts come from; passing through it renews no tie)."""
        ips = self._ips.get(idx)
        if not ips:
            return False
        return any(flags & REQUEST and org in self._ip_hits[key][1]
                   and self._spread(self._ip_hits[key][0], org, idx, tied_to, cache) >= SHARED
                   for key, flags in ips.items())

    def _spread(self, cidr: str, org: str, idx: int, tied_to: Tied, cache: Purity) -> float:
        """How exclusive a listed range is to `org` (0..1): the share of the accounts seen inside it
        that other evidence ties to it, with a prior that an unknown range is shared; or 1 when
        few accounts are seen there at all."""
        tied, others = self._purity(cidr, org, idx, tied_to, cache)
        return exclusivity(tied, others, len(self._range_members[cidr]), self._config.ip_free_accounts)

    def evidence(self, idx: int, stale: float, age_note: str, tied_to: Tied,
                 cache: Purity) -> dict[str, tuple[float, str]]:
        """Per organization: (weight, evidence text) of the account's addresses in its ranges.

        `stale`: how much signup-time evidence still says; `age_note` says why in the text;
        `tied_to(account, org)`: whether non-address evidence ties an account to an organization.
        """
        cfg = self._config
        ips = self._ips.get(idx)
        if not ips:
            return {}
        # One entry per listed range: more addresses inside one range are not more evidence.
        per_range: dict[tuple[str, str], list[Any]] = {}
        for key, flags in ips.items():
            cidr, orgs = self._ip_hits[key]
            for org in orgs:
                entry = per_range.get((org, cidr))
                if entry is None:
                    per_range[(org, cidr)] = [flags, [key]]
                else:
                    entry[0] |= flags
                    entry[1].append(key)
        ip_ev: dict[str, list[tuple[float, str]]] = {}
        for (org, cidr), (flags, keys) in per_range.items():
            n = len(self._range_members[cidr])
            tied, others = self._purity(cidr, org, idx, tied_to, cache)
            # Base rate: a range is evidence in proportion to how exclusive it is among the
            # accounts seen inside it (most of them tied to the org otherwise, or few at all),
            # with a prior that an unknown range is shared.
            spread = exclusivity(tied, others, n, cfg.ip_free_accounts)
            # Where the account is based, not where it passed: days seen in the range count.
            days = len(self._range_days.get((idx, cidr), ()))
            regular = min(1.0, days / cfg.regular_days) if days else 1.0
            weights = []
            if flags & SIGNUP:
                weights.append(cfg.w_signup_ip * stale)
            if flags & REQUEST:
                weights.append(cfg.w_request_ip * regular)
            base = noisy_or(weights)
            where = " and ".join(s for f, s in ((SIGNUP, "signup"), (REQUEST, "request")) if flags & f)
            shown = ", ".join(_ip_text(k) for k in keys[:3]) + (f" and {len(keys) - 3} more" if len(keys) > 3
                                                                  else "")
            if spread >= 1.0:
                note = f" (seen from {n} account{'s' if n != 1 else ''})"
            else:
                note = (f", a range shared by {n} accounts of which {tied} are otherwise tied to "
                        f"{org}: {'weak' if spread < SHARED else 'moderate'} (weight x{spread:.2f})")
            if flags & REQUEST and days:
                note += f"; requests on {days}{'+' if days >= cfg.regular_days else ''} day(s)"
            if flags & SIGNUP and stale < 1.0:
                note += age_note
            ip_ev.setdefault(org, []).append(
                (base * spread, f"{where} IP {shown} in {org}'s range {cidr}{note}"))
        # Addresses are one kind of evidence: fold them into a single capped entry per organization.
        return {org: (min(cfg.ip_weight_cap, noisy_or(w for w, _ in evs)), "; ".join(t for _, t in evs))
                for org, evs in ip_ev.items()}

    def _purity(self, cidr: str, org: str, idx: int, tied_to: Tied, cache: Purity) -> tuple[int, int]:
        """(other accounts in a listed range that non-address evidence ties to `org`, other accounts)."""
        ck = (cidr, org)
        members = self._range_members[cidr]
        tied = cache.get(ck)
        if tied is None:
            tied = sum(1 for m in members if tied_to(m, org))
            cache[ck] = tied
        if tied_to(idx, org):
            tied -= 1
        return max(0, tied), len(members) - 1


def _ip_text(key: tuple[int, int]) -> str:
    return format_ip(*key)
