"""The resolve stage: the organization really behind a request, in microseconds (issue 5 item 4).

Inputs are what authenticate and attribute produced (account, its organization, the platform's
attribution, the client IP); the lookups are in-memory: `OrgIndex` (domains, SSO tenants, payment
fingerprints, names, CIDR prefix table) built from the directory's organizations, plus the account
links that `Linker` found (a card shared with a rival's account, a device, ...). No I/O.

Evidence about the *account* (its organization, email domain, SSO tenant, payment instrument,
known links) is computed once per account and cached; per request only the client IP and the
attribution are looked up. Choice of entity, among organizations at or above the threshold:
a restricted one first (enforcement must not be dodged by also belonging to a harmless org), then
the signed end-user's organization over the relaying account's (a platform's own organization is
not who is calling), then the highest confidence.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from moat.context import RequestContext, ResolvedEntity
from moat.identity.attribution import Attribution
from moat.identity.linking import AccountLink, Linker, noisy_or
from moat.identity.linking_addresses import SHARED, exclusivity
from moat.identity.linking_index import OrgIndex, email_domain
from moat.identity.linking_signup import HALF_LIFE_DAYS, staleness

_ACCOUNT, _END_USER = 1, 2
_CACHE_MAX = 1 << 16
RANGE_SEEN = 64  # accounts remembered per listed range and organization, each kind: enough to call it shared

# org_id -> (source priority, [(weight, evidence)])
_Cands = dict[str, tuple[int, list[tuple[float, str]]]]


@dataclass(frozen=True, slots=True)
class ResolveConfig:
    threshold: float = 0.5
    w_account_org: float = 0.95  # the directory says the account belongs to the organization
    w_email_domain: float = 0.9
    w_email_unverified: float = 0.6  # `Account.verified` is False: as the linker weighs it
    w_sso: float = 0.95
    w_payment: float = 0.9
    w_client_ip: float = 0.35  # corroborates; never links on its own
    w_signed_org: float = 0.9  # a registered platform's signed claim
    w_signed_domain: float = 0.9
    w_low_trust: float = 0.4  # unsigned end-user fields: corroborate only
    ip_free_accounts: int = 4  # a listed range seen from this few accounts is the organization's own
    # A work email nothing else renews ages with the account, as the linker weighs it: a former
    # employee's account keeps its old address (`moat.identity.linking_signup`).
    signup_half_life_days: float = HALF_LIFE_DAYS


class Resolver:
    """In-memory resolve. Build at start-up from the directory; `learn` keeps account links current.

    Safe to share between requests of one event loop; updates replace whole entries.
    """

    def __init__(self, orgs: Iterable[Any] | OrgIndex, account_links: Mapping[str, AccountLink] | None = None,
                 config: ResolveConfig | None = None) -> None:
        self.config = config or ResolveConfig()
        self.index = orgs if isinstance(orgs, OrgIndex) else OrgIndex.build(orgs)
        self._links: dict[str, AccountLink] = {k: v for k, v in (account_links or {}).items() if v.org_id}
        # account -> (record, evidence, evidence with an aged work email renewed, when one aged)
        self._accounts: dict[str, tuple[Any, _Cands, _Cands | None]] = {}
        self._hints: dict[tuple[str, str, str, str], _Cands] = {}  # (trust, platform|source, org, domain)
        # client IP -> (the listed range it falls in, or "", and its evidence): most traffic repeats addresses
        self._ips: dict[str, tuple[str, _Cands]] = {}
        # (listed range, org) -> (accounts tied to the org otherwise, other accounts) seen calling
        # from it, up to RANGE_SEEN each: whether the range is the org's own or shared, from this
        # replica's own traffic (a gateway node, a coworking floor many unrelated accounts use)
        self._range_seen: dict[tuple[str, str], tuple[set[str], set[str]]] = {}

    # ---- keeping current ---------------------------------------------------------------------

    def set_link(self, link: AccountLink) -> None:
        """Record (or clear, when `link.org_id` is None) what linking knows about an account."""
        if link.org_id:
            self._links[link.account_id] = link
        else:
            self._links.pop(link.account_id, None)
        self._accounts.pop(link.account_id, None)

    def learn(self, linker: Linker, account_id: str) -> list[str]:
        """After `linker.add_account(...)`: refresh the links of that account's whole cluster.

        Returns the account ids whose resolution may have changed.
        """
        links = linker.cluster_links(account_id)
        for link in links:
            self.set_link(link)
        return [link.account_id for link in links]

    def forget_account(self, account_id: str) -> None:
        """Drop cached evidence (call when the directory changes an account)."""
        self._accounts.pop(account_id, None)

    # ---- the stage ---------------------------------------------------------------------------

    def resolve(self, *, account: Any = None, org: Any = None, attribution: Attribution | None = None,
                client_ip: str | None = None) -> ResolvedEntity:
        """The entity behind one request. `account`/`org` are directory records (or None)."""
        cands, renewable = self._account_cands(account, org) if account is not None or org is not None \
            else ({}, None)
        extra: list[_Cands] = []
        if attribution is not None:
            extra.append(self._attribution_cands(attribution))
        signed = attribution is not None and attribution.trust == "signed"
        if client_ip and not signed:  # a platform's egress IP says nothing about its end user
            seen = self._ips.get(client_ip)
            cidr, by_ip = seen if seen is not None else self._ip_cands(client_ip)
            if by_ip:
                extra.append(by_ip)
                own = self._tally(cidr, by_ip, account, cands, renewable) if account is not None else set()
                if renewable is not None and any(o in renewable for o in own):
                    cands = renewable  # a request from the organization's own network renews the email
        if extra:
            cands = _merge(cands, *extra)
        if not cands:
            return ResolvedEntity()
        return self._choose(cands)

    def resolve_context(self, ctx: RequestContext, attribution: Attribution | None = None) -> ResolvedEntity:
        """Fill `ctx.entity` from the context's account, organization, client IP and attribution
        (the attribute stage's `Attribution`, or else what it wrote into the context)."""
        if attribution is None and ctx.end_user_org and ctx.attribution_trust in ("signed", "low"):
            attribution = Attribution(ctx.attribution_trust, "context", ctx.end_user_id, ctx.platform,
                                      ctx.end_user_org)
        ctx.entity = self.resolve(account=ctx.account, org=ctx.org, attribution=attribution,
                                  client_ip=ctx.client_ip)
        return ctx.entity

    def _choose(self, cands: _Cands) -> ResolvedEntity:
        threshold, index = self.config.threshold, self.index
        best: tuple[Any, ...] | None = None
        top: tuple[float, str] | None = None
        for org, (priority, evs) in cands.items():
            conf = evs[0][0] if len(evs) == 1 else noisy_or(w for w, _ in evs)
            if top is None or conf > top[0]:
                top = (conf, org)
            if conf < threshold:
                continue
            key = (index.is_restricted(org), priority, conf, org)
            if best is None or key > best:
                best = key
        if best is None:
            assert top is not None
            conf, org = top
            return ResolvedEntity(None, round(conf, 4), False,
                                  [f"below threshold for {org}: {t}" for _, t in cands[org][1]])
        restricted, _, conf, org = best
        evidence = [t for _, t in cands[org][1]]
        if restricted:
            reason = index.orgs[org].restricted_reason
            if reason != "restricted":
                evidence.append(f"{org} is {reason}")
        return ResolvedEntity(org, round(conf, 4), restricted, evidence)

    def _account_cands(self, account: Any, org: Any) -> tuple[_Cands, _Cands | None]:
        account_id = getattr(account, "account_id", None)
        key = account_id or f"org:{getattr(org, 'org_id', '')}"
        hit = self._accounts.get(key)
        if hit is not None and hit[0] is account:
            return hit[1], hit[2]
        cfg, index = self.config, self.index
        found: list[tuple[str, float, str]] = []
        org_id = getattr(org, "org_id", None) or getattr(account, "org_id", None)
        if org_id and org_id in index.orgs:
            found.append((org_id, cfg.w_account_org, f"account belongs to organization {org_id}"))
        emails: list[tuple[str, float, str]] = []
        if account is not None:
            domain = email_domain(getattr(account, "email", None))
            by_domain = index.by_domain(domain) if domain else None
            if by_domain:
                verified = getattr(account, "verified", True) is not False
                w = cfg.w_email_domain if verified else cfg.w_email_unverified
                what = "verified email domain" if verified else "unverified email domain"
                emails.extend((o, w, f"account {what} {domain} belongs to {o}") for o in by_domain[1])
            tenant = (getattr(account, "sso_tenant", None) or "").lower()
            found.extend((o, cfg.w_sso, f"account SSO tenant {tenant} belongs to {o}")
                         for o in index.sso_tenants.get(tenant, ()))
            payment = getattr(account, "payment_fingerprint", None) or ""
            found.extend((o, cfg.w_payment, f"account payment instrument {payment} is {o}'s own")
                         for o in index.payment_fingerprints.get(payment, ()))
            link = self._links.get(account_id) if account_id else None
            if link is not None and link.org_id:
                found.append((link.org_id, link.confidence, "linked: " + "; ".join(link.evidence[:3])))
        aged = self._aged_emails(account, emails, {o for o, _, _ in found}) if emails else []
        cands = _account_evidence(found + aged)
        renewable = _account_evidence(found + emails) if aged != emails else None
        if len(self._accounts) >= _CACHE_MAX:
            self._accounts.clear()
        self._accounts[key] = (account, cands, renewable)
        return cands, renewable

    def _aged_emails(self, account: Any, emails: list[tuple[str, float, str]],
                     renewed: set[str]) -> list[tuple[str, float, str]]:
        """A work email's weight, aged with the account unless other account evidence renews it.

        As the linker weighs it: the address says where the person worked when the account was
        made. A request from the organization's network renews it (`resolve` then uses the
        email at full weight).
        """
        created = getattr(account, "created_at", None)
        if not isinstance(created, (int, float)) or created <= 0:  # a directory record of unknown age
            return emails
        now = time.time()
        stale = staleness(created, now, self.config.signup_half_life_days)
        if stale >= 1.0:
            return emails
        years = (now - created) / 86400.0 / 365.25
        note = f" (account made {years:.1f} years ago, nothing current renews it: weight x{stale:.2f})"
        return [(o, w, text) if o in renewed else (o, w * stale, text + note) for o, w, text in emails]

    def _tally(self, cidr: str, orgs: Iterable[str], account: Any, cands: _Cands,
               renewable: _Cands | None) -> set[str]:
        """Count the account among those seen in the listed range `cidr` (of `orgs`); the
        organizations for which that range is their own (`linking_addresses.exclusivity`: not
        shared with many accounts nothing else ties to them). Runs only for requests from a listed
        range."""
        account_id = getattr(account, "account_id", None)
        if not account_id:
            return set()
        own: set[str] = set()
        for org in orgs:
            tied, others = self._range_seen.setdefault((cidr, org), (set(), set()))
            mine = org in cands or (renewable is not None and org in renewable)
            into = tied if mine else others
            if len(into) < RANGE_SEEN:
                into.add(account_id)
            t, o = len(tied) - (account_id in tied), len(others) - (account_id in others)
            if exclusivity(t, o, t + o + 1, self.config.ip_free_accounts) >= SHARED:
                own.add(org)
        return own

    def _ip_cands(self, client_ip: str) -> tuple[str, _Cands]:
        hit = self.index.cidrs.lookup(client_ip)
        cidr = ""
        cands: _Cands = {}
        if hit is not None:
            cidr, orgs = hit
            w = self.config.w_client_ip
            cands = {o: (_ACCOUNT, [(w, f"client IP {client_ip} in {o}'s range {cidr}")]) for o in orgs}
        if len(self._ips) >= _CACHE_MAX:
            self._ips.clear()
        self._ips[client_ip] = (cidr, cands)
        return cidr, cands

    def _attribution_cands(self, attribution: Attribution) -> _Cands:
        key = (attribution.trust, attribution.platform_id or attribution.source, attribution.end_user_org or "",
               attribution.email_domain or "")
        hit = self._hints.get(key)
        if hit is not None:
            return hit
        cfg, index = self.config, self.index
        signed = attribution.trust == "signed"
        who = f"platform {attribution.platform_id}" if signed else f"unsigned {attribution.source}"
        cands: _Cands = {}
        if attribution.end_user_org:
            found = index.by_org_hint(attribution.end_user_org)
            for o in found[1] if found else ():
                w = cfg.w_signed_org if signed else cfg.w_low_trust
                cands.setdefault(o, (_END_USER, []))[1].append(
                    (w, f"{who} attests end-user organization {attribution.end_user_org!r}"))
        if attribution.email_domain:
            by_domain = index.by_domain(attribution.email_domain)
            for o in by_domain[1] if by_domain else ():
                w = cfg.w_signed_domain if signed else cfg.w_low_trust
                cands.setdefault(o, (_END_USER, []))[1].append(
                    (w, f"{who} attests end-user email domain {attribution.email_domain}"))
        if len(self._hints) >= _CACHE_MAX:
            self._hints.clear()
        self._hints[key] = cands
        return cands


def _account_evidence(found: list[tuple[str, float, str]]) -> _Cands:
    cands: _Cands = {}
    for o, w, text in found:
        cands.setdefault(o, (_ACCOUNT, []))[1].append((w, text))
    return cands


def _merge(*parts: _Cands) -> _Cands:
    out: _Cands = {}
    for part in parts:
        for org, (priority, evs) in part.items():
            if org in out:
                p, existing = out[org]
                out[org] = (max(p, priority), existing + evs)
            else:
                out[org] = (priority, evs)
    return out
