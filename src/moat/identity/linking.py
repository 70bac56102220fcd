"""Linking: which organization is really behind an account, and which accounts belong together.

Issue 5 item 3. Two kinds of link, each with a confidence and human-readable evidence:

- account -> organization, from the account's own signals matched against known entities
  (`OrgIndex`): verified email domain or a subdomain of it, SSO tenant, a payment fingerprint that
  is the organization's, declared organization / company name (exactly, or by its distinctive part:
  "Quillon Labs" for Quillon Research; a weak tie alone), signup and request IPs inside the
  organization's CIDR ranges, and the platform-attested end-user organization;
- account <-> account, from shared identifiers (payment instrument, SSO tenant, device fingerprint),
  transitively: a union-find over accounts gives the clusters. An account inherits an organization
  from a linked account (a card shared with one of its accounts) at the product of the link weights.

Evidence combines as independent signals (noisy-OR: 1 - prod(1 - w)); a link needs a confidence of
at least `LinkingConfig.threshold`. Guards against false links: personal email domains never link;
an organization's listed range counts in proportion to how exclusive it is among the accounts seen
inside it (few of them, or most of them tied to that organization by other evidence), once per
range however many of its addresses the account used, and by how many days the account was seen
there (based there, not passing through); addresses alone never link however the range is listed
(a weak tie, scaled below the threshold: a carrier NAT, a cloud egress block, a VPN exit or a
coworking floor); a platform's relay addresses are the platform's; what dates from signup (the
signup address, a company name typed in then) halves with every `signup_half_life_days` of the
account's age, since people change jobs, and with nothing current beside it is one fact aged once
(`moat.identity.linking_signup`); a device fingerprint or payment instrument shared by
more than `max_group` accounts is generic and ignored, and one shared by a few passes on
affiliation in proportion to how few.

Address evidence (ranges, base rates, days seen) is kept and weighed by
`moat.identity.linking_addresses`; this module combines it with the other kinds.

Signals read from requests.jsonl: `client_ip`, `end_user_org` (with `channel`: an account that
relays for a platform links to an attested organization only when it dominates its traffic), and
an explicit device fingerprint (`device_fingerprint` or `device`; accounts may carry one too).
`user_agent` is not a device fingerprint (every SDK user shares one) and is not used.

Memory grows with accounts and distinct identifiers, never with requests: `add_request` keeps a
bounded set of in-range addresses per account and per-organization counters. Updates are
incremental (`add_account`, `add_request` keep the union-find current; `link_for` and
`cluster_links` answer for one account or its cluster at once); `result()` produces every
account's link and every cluster in one pass.

Usage::

    linker = Linker(read_entities(dataset))
    for account in read_accounts(dataset):
        linker.add_account(account)
    for request in read_requests(dataset):
        linker.add_request(request)
    result = linker.result()
    result.accounts["acct_1"].org_id, result.accounts["acct_1"].restricted_score
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from moat.identity.linking_addresses import REQUEST, SIGNUP, AddressEvidence, Purity
from moat.identity.linking_config import LinkingConfig
from moat.identity.linking_index import OrgIndex, email_domain, is_personal_domain
from moat.identity.linking_result import (
    DEVICE,
    KIND_KEYS,
    KIND_NAMES,
    PAYMENT,
    SSO,
    AccountLink,
    Cluster,
    ClusterLink,
    LinkResult,
    noisy_or,
)
from moat.identity.linking_signup import (
    ADDRESS,
    AT_SIGNUP,
    EMAIL,
    INHERITED,
    OWN,
    dates_from_signup,
    one_moment,
    staleness,
)
from moat.ids import cluster_id as cluster_name

__all__ = ["AccountLink", "Cluster", "ClusterLink", "LinkResult", "Linker", "LinkingConfig", "link_dataset",
           "noisy_or"]

_ACCOUNT_ATTRS = ("account_id", "email", "verified", "org_id", "declared_company", "payment_fingerprint",
                  "signup_ip", "sso_tenant", "device_fingerprint")
_CACHE_MAX = 1 << 20
_NUMBER = (int, float)  # for isinstance on the hot path (a tuple is built once; `int | float` each call)


@dataclass(slots=True)
class _Group:
    """An identifier shared by two or more accounts."""

    kind: int
    value: str
    first: int  # the account that had it first: every later member is unioned with it
    members: set[int]
    generic: bool = False


# (org_id) -> list of (weight, evidence text, kind)
_Candidates = dict[str, list[tuple[float, str, str]]]


class Linker:
    """Incremental account linker; see the module docstring. Not thread-safe: one writer."""

    def __init__(self, entities: Iterable[Any] | OrgIndex = (), config: LinkingConfig | None = None) -> None:
        self.config = config or LinkingConfig()
        self.index = entities if isinstance(entities, OrgIndex) else OrgIndex.build(entities)
        self._ids: list[str] = []
        self._pos: dict[str, int] = {}
        self._parent = array("q")
        self._size = array("q")
        self._direct: dict[int, _Candidates] = {}  # static evidence, sparse
        self._addresses = AddressEvidence(self.index, self.config)  # addresses inside listed ranges
        self._created: dict[int, float] = {}  # signup time, for accounts with signup-time evidence
        self._declared: dict[int, list[tuple[str, str]]] = {}  # declared company -> (org, text)
        self._now = 0.0  # the latest request time seen: signup-time evidence ages against it
        self._hint_cache: dict[str, tuple[str, tuple[str, ...]] | None] = {}
        self._end_users: dict[int, list[Any]] = {}  # idx -> [attested total, platform?, {org: n}]
        self._owners: tuple[dict[int, int], ...] = ({}, {}, {})  # hash(value) -> idx, or -(gid+1)
        self._groups: list[_Group] = []
        self._acc_groups: dict[int, list[int]] = {}
        self._dirty = False  # a group turned generic: the union-find needs a rebuild

    # ---- input ---------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._ids)

    def _idx(self, account_id: str) -> int:
        idx = self._pos.get(account_id)
        if idx is None:
            idx = len(self._ids)
            self._pos[account_id] = idx
            self._ids.append(account_id)
            self._parent.append(idx)
            self._size.append(1)
        return idx

    def add_account(self, account: Mapping[str, Any] | Any) -> None:
        """Add an accounts.jsonl record, or a directory `Account` (again: its signals are merged)."""
        if not isinstance(account, Mapping):
            account = {name: getattr(account, name, None) for name in _ACCOUNT_ATTRS}
        cfg, index = self.config, self.index
        idx = self._idx(str(account["account_id"]))
        found: list[tuple[str, float, str, str]] = []
        domain = email_domain(account.get("email"))
        if domain:
            hit = index.by_domain(domain)
            if hit is not None:
                matched, orgs = hit
                verified = account.get("verified") is not False
                w = (cfg.w_email_domain if matched == domain else cfg.w_email_subdomain) if verified \
                    else cfg.w_email_unverified
                what = "verified email domain" if verified else "unverified email domain"
                sub = "" if matched == domain else f" (subdomain of {matched})"
                found.extend((o, w, f"{what} {domain}{sub} belongs to {o}", EMAIL) for o in orgs)
        tenant = account.get("sso_tenant")
        if tenant:
            tenant = str(tenant).lower().strip()
            found.extend((o, cfg.w_sso, f"SSO tenant {tenant} belongs to {o}", OWN)
                         for o in index.sso_tenants.get(tenant, ()))
            if not is_personal_domain(tenant):
                self._link_key(idx, SSO, tenant)
        payment = account.get("payment_fingerprint")
        if payment:
            payment = str(payment)
            found.extend((o, cfg.w_payment, f"payment instrument {payment} is {o}'s own", OWN)
                         for o in index.payment_fingerprints.get(payment, ()))
            self._link_key(idx, PAYMENT, payment)
        declared = account.get("org_id")
        if declared and declared in index.orgs:
            found.append((declared, cfg.w_declared_org, f"account declares organization {declared}", OWN))
        company = account.get("declared_company")
        named, loose = index.by_declared_name(company)
        for o in named:
            if o != declared:
                texts = self._declared.setdefault(idx, [])
                text = f"declared company {company!r} names {o}" + (" by its distinctive name" if loose else "")
                if (o, text) not in texts:
                    texts.append((o, text))
        device = account.get("device_fingerprint")
        if device:
            self._link_key(idx, DEVICE, str(device))
        if found:
            cands = self._direct.setdefault(idx, {})
            for org, w, text, kind in found:
                entries = cands.setdefault(org, [])
                if all(t != text for _, t, _ in entries):
                    entries.append((w, text, kind))
        created = account.get("created_at")
        if isinstance(created, _NUMBER):
            self._created[idx] = float(created)
        self._addresses.note(idx, account.get("signup_ip"), SIGNUP)

    def add_request(self, request: dict[str, Any]) -> None:
        """Fold one requests.jsonl record into its account's signals. Cheap: a few dict probes."""
        idx = self._pos.get(request["account_id"])
        if idx is None:
            idx = self._idx(str(request["account_id"]))
        ts = request.get("ts")
        if isinstance(ts, _NUMBER) and ts > self._now:  # a tuple: `int | float` builds a union per call
            self._now = float(ts)
        ip = request.get("client_ip")
        if ip and request.get("channel") != "platform":  # a platform's relay address is the platform's
            self._addresses.note(idx, ip, REQUEST, ts)
        hint = request.get("end_user_org")
        if hint:
            self._note_end_user(idx, hint, request.get("channel") == "platform")
        device = request.get("device_fingerprint") or request.get("device")
        if device:
            self._link_key(idx, DEVICE, str(device))

    def _note_end_user(self, idx: int, hint: str, platform: bool) -> None:
        cache = self._hint_cache
        if hint in cache:
            hit = cache[hint]
        else:
            hit = self.index.by_org_hint(hint)
            if len(cache) >= _CACHE_MAX:
                cache.clear()
            cache[hint] = hit
        state = self._end_users.get(idx)
        if state is None:
            state = self._end_users[idx] = [0, False, {}]
        state[0] += 1
        state[1] = state[1] or platform
        if hit is not None:
            counts = state[2]
            for org in hit[1]:
                counts[org] = counts.get(org, 0) + 1

    def _link_key(self, idx: int, kind: int, value: str) -> None:
        table = self._owners[kind]
        h = hash(value)
        cur = table.get(h)
        if cur is None:
            table[h] = idx
            return
        if cur >= 0:
            if cur == idx:
                return
            gid = len(self._groups)
            group = _Group(kind, value, cur, {cur, idx})
            self._groups.append(group)
            table[h] = -(gid + 1)
            self._acc_groups.setdefault(cur, []).append(gid)
            self._acc_groups.setdefault(idx, []).append(gid)
            if self._joins(group):
                self._union(cur, idx)
            return
        gid = -cur - 1
        group = self._groups[gid]
        if group.generic or idx in group.members:
            return
        group.members.add(idx)
        self._acc_groups.setdefault(idx, []).append(gid)
        cap = self.config.max_group[kind]
        if cap and len(group.members) > cap:
            group.generic = True
            self._dirty = True
        elif self._joins(group):
            self._union(group.first, idx)

    def _joins(self, group: _Group) -> bool:
        return not group.generic and self.config.link_weights[group.kind] >= self.config.link_threshold

    # ---- union-find ----------------------------------------------------------------------------

    def _find(self, i: int) -> int:
        parent = self._parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def _union(self, a: int, b: int) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return
        size = self._size
        if size[ra] < size[rb]:
            ra, rb = rb, ra
        self._parent[rb] = ra
        size[ra] += size[rb]

    def _rebuild(self) -> None:
        """Recompute clusters without generic identifiers (rare: only after one turned generic)."""
        n = len(self._ids)
        self._parent = array("q", range(n))
        self._size = array("q", [1]) * n
        for group in self._groups:
            if self._joins(group):
                for m in group.members:
                    self._union(group.first, m)
        self._dirty = False

    # ---- evidence ------------------------------------------------------------------------------

    def _own(self, idx: int, purity_cache: Purity) -> _Candidates:
        """An account's own evidence per organization (not inherited from linked accounts)."""
        cfg = self.config
        direct = self._direct.get(idx)
        cands: _Candidates = {org: list(ev) for org, ev in direct.items()} if direct else {}
        stale = staleness(self._created.get(idx), self._now, cfg.signup_half_life_days)
        note = self._age_note(idx, stale)
        for org, text in self._declared.get(idx, ()):
            cands.setdefault(org, []).append((cfg.w_declared_company * stale, text + note, AT_SIGNUP))
        found = self._addresses.evidence(idx, stale, note, self._tied, purity_cache)
        for org, (total, text) in found.items():
            cands.setdefault(org, []).append((total, text, ADDRESS))
        eu = self._end_users.get(idx)
        if eu and eu[2]:
            total, platform, counts = eu
            for org, n in counts.items():
                if n >= cfg.end_user_min_requests and n / total >= cfg.end_user_min_share:
                    w = cfg.w_end_user_org_platform if platform else cfg.w_end_user_org
                    cands.setdefault(org, []).append(
                        (w, f"attested end-user organization {org} on {n} of {total} requests", OWN))
        if stale < 1.0:  # what dates from signup, with nothing current beside it, is one fact
            for org, entries in cands.items():
                if dates_from_signup(entries, partial(self._addresses.called_from, idx, org, self._tied, purity_cache)):
                    cands[org] = one_moment(entries, stale, note)
        return cands

    def _age_note(self, idx: int, stale: float) -> str:
        if stale >= 1.0:
            return ""
        years = (self._now - self._created[idx]) / 86400.0 / 365.25
        return f" (at signup {years:.1f} years ago: weight x{stale:.2f})"

    def _tied(self, idx: int, org: str) -> bool:
        direct = self._direct.get(idx)
        return direct is not None and noisy_or(w for w, _, _ in direct.get(org, ())) >= self.config.threshold

    def _component(self, idx: int) -> list[int]:
        """The account's cluster, by walking its shared identifiers."""
        seen = {idx}
        stack = [idx]
        while stack:
            i = stack.pop()
            for gid in self._acc_groups.get(i, ()):
                group = self._groups[gid]
                if self._joins(group):
                    for m in group.members - seen:
                        seen.add(m)
                        stack.append(m)
        return sorted(seen)

    def _propagate(self, members: list[int], own: dict[int, _Candidates]) -> dict[int, _Candidates]:
        """Organizations inherited through shared identifiers: max-product paths from linked members."""
        cfg = self.config
        inherited: dict[int, _Candidates] = {}
        seeds: dict[str, list[tuple[float, int, str]]] = {}
        for m in members:
            for org, evs in own.get(m, {}).items():
                conf, corroborated = self._confidence(evs)
                if conf >= cfg.threshold and corroborated:
                    seeds.setdefault(org, []).append((conf, m, evs[0][1]))
        for org, starts in seeds.items():
            best: dict[int, float] = {}
            origin: dict[int, tuple[int, int, int]] = {}  # node -> (seed, via group, from node)
            heap = [(-conf, m, m, -1, m) for conf, m, _ in starts]
            seed_text = {m: text for _, m, text in starts}
            heapq.heapify(heap)
            expanded: set[int] = set()
            while heap:
                neg, node, seed, gid, prev = heapq.heappop(heap)
                if node in best:
                    continue
                best[node] = -neg
                origin[node] = (seed, gid, prev)
                for g in self._acc_groups.get(node, ()):
                    if g in expanded or not self._joins(self._groups[g]):
                        continue
                    expanded.add(g)
                    group = self._groups[g]
                    # An identifier counts in proportion to how exclusive it is: a card used by a
                    # lab of twelve says less about each holder than one shared by two accounts.
                    exclusive = min(1.0, cfg.exclusive_group / len(group.members))
                    value = -neg * cfg.link_weights[group.kind] * exclusive
                    for m in group.members:
                        if m not in best:
                            heapq.heappush(heap, (-value, m, seed, g, node))
            for node, value in best.items():
                seed, gid, prev = origin[node]
                if node == seed:
                    continue
                group = self._groups[gid]
                hops = "" if prev == seed else f", linked in turn to {self._ids[seed]}"
                size = len(group.members)
                text = (f"shares {KIND_NAMES[group.kind]} {group.value} with {self._ids[prev]}{hops} "
                        f"({size} accounts use it), which is tied to {org}: {seed_text[seed]}")
                inherited.setdefault(node, {})[org] = [(value, text, INHERITED)]
        return inherited

    def _decide(self, idx: int, own: _Candidates | None, inherited: _Candidates | None,
                cluster_id: str | None) -> AccountLink:
        account_id = self._ids[idx]
        if not own and not inherited:
            return AccountLink(account_id, None, 0.0, False, [], cluster_id)
        if inherited:
            merged: _Candidates = {org: list(evs) for org, evs in (own or {}).items()}
            for org, evs in inherited.items():
                merged.setdefault(org, []).extend(evs)
        else:
            merged = own or {}  # read-only below: no copy needed
        is_restricted = self.index.is_restricted
        threshold = self.config.threshold
        scored = {org: self._confidence(evs) for org, evs in merged.items()}  # org -> (confidence, corroborated)
        restricted_orgs = [org for org in scored if is_restricted(org)]
        restricted_score = max((scored[org][0] for org in restricted_orgs), default=0.0)
        # The best-supported organization (ties to the first name); but a contractor paid with the
        # rival's own card, an employee of a customer on the rival's SSO tenant: a restricted
        # organization that passes the threshold on its own evidence is who is behind the account,
        # whoever else it works with (named below).
        rivals = [org for org in restricted_orgs if scored[org][1] and scored[org][0] >= threshold]
        best = min(rivals or scored, key=lambda org: (-scored[org][0], org))
        conf, corroborated = scored[best]
        linked = conf >= threshold and corroborated
        evidence = [t for _, t, _ in sorted(merged[best], key=lambda e: -e[0])]
        if linked:
            for org, (c, other_corroborated) in scored.items():
                if org != best and other_corroborated and c >= threshold:
                    evidence.append(f"also tied to {org} (confidence {c:.2f}): "
                                    + "; ".join(t for _, t, _ in sorted(merged[org], key=lambda e: -e[0])[:2]))
        restricted = linked and is_restricted(best)
        if restricted:
            reason = self.index.orgs[best].restricted_reason
            if reason != "restricted":
                evidence.append(f"{best} is {reason}")
        if not linked:
            why = "weak tie" if conf > 0 else "no tie"
            evidence = [f"{why}, below threshold {threshold:.2f} for {best}: {t}" for t in evidence]
            if not corroborated:
                evidence.append("addresses alone never link an account: no corroborating evidence of "
                                "another kind (payment, SSO tenant, verified domain, attested organization)")
        return AccountLink(account_id, best if linked else None, round(conf, 4), restricted, evidence,
                           cluster_id, best, round(restricted_score, 4))

    def _confidence(self, evs: list[tuple[float, str, str]]) -> tuple[float, bool]:
        """(confidence, corroborated) of one organization's evidence.

        Address evidence alone is capped below the threshold however the range is listed: it
        ranks exclusive ranges above shared ones but links no one without another kind.
        """
        conf = noisy_or(w for w, _, _ in evs)
        corroborated = any(kind != ADDRESS and w > 0 for w, _, kind in evs)
        if self.config.addresses_link_alone:
            return conf, True
        if not corroborated:
            # Scaled, not clipped: an exclusive office range still ranks above a shared VPN exit.
            conf = self.config.address_only_cap * min(1.0, conf / self.config.ip_weight_cap)
        return conf, corroborated

    # ---- output --------------------------------------------------------------------------------

    def link_for(self, account_id: str) -> AccountLink | None:
        """One account's link from the current state (incremental: no rebuild)."""
        links = self._cluster_links(account_id, just_this_account=True)
        return links[0] if links else None

    def cluster_links(self, account_id: str) -> list[AccountLink]:
        """The links of every account in `account_id`'s cluster, computed together (one pass over
        the cluster, however large), e.g. to refresh a resolver after the account changed."""
        return self._cluster_links(account_id, just_this_account=False)

    def _cluster_links(self, account_id: str, just_this_account: bool) -> list[AccountLink]:
        idx = self._pos.get(account_id)
        if idx is None:
            return []
        purity: Purity = {}
        members = self._component(idx)
        own = {m: c for m in members if (c := self._own(m, purity))}
        inherited = self._propagate(members, own) if len(members) > 1 else {}
        cluster_id = self._cluster_id(members) if len(members) > 1 else None
        wanted = [idx] if just_this_account else members
        return [self._decide(m, own.get(m), inherited.get(m), cluster_id) for m in wanted]

    def cluster_account_ids(self, account_id: str) -> list[str]:
        """The account and every account linked to it (just the account when it has no links)."""
        idx = self._pos.get(account_id)
        return [] if idx is None else [self._ids[m] for m in self._component(idx)]

    def _cluster_id(self, members: list[int]) -> str:
        return cluster_name(self._ids[m] for m in members)  # the one naming rule, shared with detection

    def clusters(self) -> dict[int, list[int]]:
        """root -> member indexes, for clusters of two or more accounts."""
        if self._dirty:
            self._rebuild()
        by_root: dict[int, list[int]] = {}
        for idx in self._acc_groups:
            by_root.setdefault(self._find(idx), []).append(idx)
        return {r: sorted(ms) for r, ms in by_root.items() if len(ms) > 1}

    def result(self) -> LinkResult:
        """Every account's link and every cluster, from the current state."""
        purity: Purity = {}
        own: dict[int, _Candidates] = {}
        for idx in {*self._direct, *self._addresses.accounts(), *self._end_users, *self._declared}:
            cands = self._own(idx, purity)
            if cands:
                own[idx] = cands
        out = LinkResult()
        cluster_of: dict[int, str] = {}
        inherited: dict[int, _Candidates] = {}
        for members in self.clusters().values():
            cid = self._cluster_id(members)
            for m in members:
                cluster_of[m] = cid
            if any(m in own for m in members):
                inherited.update(self._propagate(members, own))
            gids = sorted({g for m in members for g in self._acc_groups.get(m, ())
                           if self._joins(self._groups[g])})
            links = [ClusterLink(KIND_KEYS[self._groups[g].kind], self._groups[g].value,
                                 sorted(self._ids[m] for m in self._groups[g].members),
                                 self.config.link_weights[self._groups[g].kind]) for g in gids]
            out.clusters[cid] = Cluster(cid, [self._ids[m] for m in members], links)
        accounts = out.accounts
        ids = self._ids
        for idx in range(len(ids)):
            o, i, c = own.get(idx), inherited.get(idx), cluster_of.get(idx)
            if o is None and i is None:
                accounts[ids[idx]] = AccountLink(ids[idx], None, 0.0, False, [], c)
            else:
                accounts[ids[idx]] = self._decide(idx, o, i, c)
        for cluster in out.clusters.values():
            votes: dict[str, float] = {}
            for aid in cluster.account_ids:
                link = accounts[aid]
                if link.org_id:
                    votes[link.org_id] = max(votes.get(link.org_id, 0.0), link.confidence)
            if votes:
                cluster.org_id = max(sorted(votes), key=lambda o: votes[o])
                cluster.restricted = self.index.is_restricted(cluster.org_id)
        return out


def link_dataset(dataset: Any, config: LinkingConfig | None = None,
                 on_record: Any = None) -> tuple[Linker, LinkResult]:
    """Batch-link a traffic dataset directory (entities, accounts, then requests).

    `on_record`, when given, is called once per account or request read (a progress bar's update).
    """
    from pathlib import Path

    from moat.traffic import read_accounts, read_entities, read_requests

    path = Path(dataset)
    linker = Linker(read_entities(path), config)
    for account in read_accounts(path):
        linker.add_account(account)
        if on_record is not None:
            on_record()
    if (path / "requests.jsonl").exists():
        for request in read_requests(path):
            linker.add_request(request)
            if on_record is not None:
                on_record()
    return linker, linker.result()
