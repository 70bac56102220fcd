"""In-memory indexes of known organizations, shared by linking (batch) and resolve (hot path).

- `CidrIndex`: longest-prefix match of an IP against CIDR blocks. One dict per prefix length
  (a level-compressed binary trie): a lookup is one `inet_pton` plus one dict probe per distinct
  prefix length in use, never a scan over the ranges.
- `OrgIndex`: an organization's identifiers (email/web domains incl. subdomains, SSO tenants,
  payment fingerprints, names and aliases, CIDR ranges) mapped back to its org_id, and which
  organizations are restricted, directly or as a subsidiary owned more than 50% (issue 5 item 2).
- `PERSONAL_EMAIL_DOMAINS`: mailbox providers whose domains never tie an account to anyone.

Entities come either as entities.jsonl dicts (shared/spec/traffic-format.md, plus the optional
`aliases` and `owners`) or as `moat.identity.models.Organization` records from the directory.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")

# Mailbox providers: an address there says nothing about an employer (issue 5 item 3).
PERSONAL_EMAIL_DOMAINS: frozenset[str] = frozenset({
    "gmail.com", "googlemail.com", "google.com.invalid",
    "outlook.com", "hotmail.com", "live.com", "msn.com", "passport.com", "outlook.fr", "outlook.de",
    "hotmail.co.uk", "hotmail.fr", "hotmail.de", "hotmail.it", "hotmail.es", "live.co.uk", "live.fr",
    "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "yahoo.it", "yahoo.es", "yahoo.co.jp",
    "yahoo.co.in", "yahoo.com.br", "yahoo.com.au", "ymail.com", "rocketmail.com",
    "icloud.com", "me.com", "mac.com",
    "proton.me", "protonmail.com", "protonmail.ch", "pm.me", "tutanota.com", "tutanota.de",
    "tuta.io", "tutamail.com", "skiff.com", "startmail.com", "posteo.de", "posteo.net", "mailbox.org",
    "hushmail.com", "runbox.com", "fastmail.com", "fastmail.fm", "hey.com", "duck.com",
    "aol.com", "aim.com", "zoho.com", "zohomail.com", "gmx.com", "gmx.net", "gmx.de", "gmx.at",
    "gmx.ch", "web.de", "t-online.de", "freenet.de", "mail.com", "email.com", "usa.com",
    "yandex.com", "yandex.ru", "ya.ru", "mail.ru", "inbox.ru", "list.ru", "bk.ru", "rambler.ru",
    "qq.com", "foxmail.com", "163.com", "126.com", "yeah.net", "sina.com", "sina.cn", "sohu.com",
    "aliyun.com", "139.com", "189.cn", "naver.com", "hanmail.net", "daum.net", "kakao.com",
    "nate.com", "rediffmail.com", "libero.it", "virgilio.it", "tiscali.it", "laposte.net",
    "orange.fr", "free.fr", "sfr.fr", "wanadoo.fr", "btinternet.com", "sky.com", "virginmedia.com",
    "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "cox.net", "charter.net",
    "bellsouth.net", "earthlink.net", "optonline.net", "shaw.ca", "rogers.com", "sympatico.ca",
    "bigpond.com", "optusnet.com.au", "xtra.co.nz", "uol.com.br", "bol.com.br", "terra.com.br",
    "seznam.cz", "wp.pl", "o2.pl", "onet.pl", "interia.pl", "abv.bg", "ukr.net", "inbox.lv",
    "guerrillamail.com", "mailinator.com", "10minutemail.com", "temp-mail.org", "yopmail.com",
    "sharklasers.com", "trashmail.com", "getnada.com", "dispostable.com",
})

_CORP_SUFFIXES = frozenset({
    "inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation", "co", "company", "plc",
    "gmbh", "ag", "sa", "sas", "sarl", "bv", "nv", "pte", "pty", "pvt", "oy", "ab", "kk", "srl", "spa",
})
# Words that say what kind of firm a name is, not which: "Quillon Labs", "Quillon Research" and
# "Quillon" are one name. "Condor Travel" and "Condor Labs" are not (travel says which Condor).
_GENERIC = frozenset({
    "ai", "labs", "lab", "research", "intelligence", "technologies", "technology", "tech", "systems",
    "group", "holdings", "international", "global", "software", "ventures", "machine", "learning",
})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_CONTROL = 0.5  # a share strictly above this, held by restricted owners, restricts


def is_personal_domain(domain: str) -> bool:
    """True for a mailbox provider's domain or any subdomain of one."""
    domain = domain.lower().strip(".")
    while domain:
        if domain in PERSONAL_EMAIL_DOMAINS:
            return True
        _, _, domain = domain.partition(".")
    return False


def email_domain(email: str | None) -> str:
    """The lower-cased domain of an email address, '' when there is none."""
    if not email or "@" not in email:
        return ""
    return email.rpartition("@")[2].strip().strip(".").lower()


def normalize_name(name: str | None) -> str:
    """A company name reduced for comparison: lower case, punctuation and legal suffixes dropped."""
    if not name:
        return ""
    words = [w for w in _NON_ALNUM.split(name.lower()) if w]
    while len(words) > 1 and words[-1] in _CORP_SUFFIXES:
        words.pop()
    return " ".join(words)


def distinctive_name(name: str | None) -> str:
    """A company name reduced to what tells it apart: `normalize_name` without trailing words that
    only say what kind of firm it is ("Quillon Research" -> "quillon"); '' for a name made only of
    such words ("AI Research")."""
    words = normalize_name(name).split()
    while words and words[-1] in _GENERIC:
        words.pop()
    return " ".join(words)


def parse_ip(text: str | None) -> tuple[int, int] | None:
    """(4 or 6, address as int), with IPv4-mapped IPv6 folded to IPv4; None if not an address."""
    if not text:
        return None
    try:
        if ":" in text:
            raw = socket.inet_pton(socket.AF_INET6, text)
            if raw[:12] == b"\0" * 10 + b"\xff\xff":
                return 4, int.from_bytes(raw[12:], "big")
            return 6, int.from_bytes(raw, "big")
        return 4, int.from_bytes(socket.inet_pton(socket.AF_INET, text), "big")
    except (OSError, ValueError):
        return None


def format_ip(version: int, value: int) -> str:
    if version == 4:
        return socket.inet_ntop(socket.AF_INET, value.to_bytes(4, "big"))
    return socket.inet_ntop(socket.AF_INET6, value.to_bytes(16, "big"))


def parse_cidr(text: str) -> tuple[int, int, int]:
    """(version, network int, prefix length); host bits are cleared. Raises ValueError."""
    addr, _, plen_text = text.strip().partition("/")
    parsed = parse_ip(addr)
    if parsed is None:
        raise ValueError(f"not a CIDR block: {text!r}")
    version, value = parsed
    bits = 32 if version == 4 else 128
    plen = int(plen_text) if plen_text else bits
    if ":" in addr and version == 4:  # ::ffff:a.b.c.d/n: the prefix counts IPv6 bits
        plen -= 96
    if not 0 <= plen <= bits:
        raise ValueError(f"bad prefix length in {text!r}")
    shift = bits - plen
    return version, (value >> shift) << shift, plen


class CidrIndex(Generic[T]):
    """Longest-prefix match over IPv4 and IPv6 blocks, each block carrying a tuple of values."""

    def __init__(self) -> None:
        # version -> prefix length -> network >> (bits - plen) -> (cidr text, values)
        self._tables: dict[int, dict[int, dict[int, tuple[str, tuple[T, ...]]]]] = {4: {}, 6: {}}
        self._lengths: dict[int, list[int]] = {4: [], 6: []}

    def __len__(self) -> int:
        return sum(len(t) for tables in self._tables.values() for t in tables.values())

    def add(self, cidr: str, value: T) -> None:
        version, network, plen = parse_cidr(cidr)
        bits = 32 if version == 4 else 128
        table = self._tables[version].setdefault(plen, {})
        key = network >> (bits - plen)
        text, values = table.get(key, (f"{format_ip(version, network)}/{plen}", ()))
        if value not in values:
            table[key] = (text, (*values, value))
        self._lengths[version] = sorted(self._tables[version], reverse=True)

    def lookup_int(self, version: int, value: int) -> tuple[str, tuple[T, ...]] | None:
        """The most specific block holding the address: (cidr text, values), or None."""
        bits = 32 if version == 4 else 128
        tables = self._tables[version]
        for plen in self._lengths[version]:
            hit = tables[plen].get(value >> (bits - plen))
            if hit is not None:
                return hit
        return None

    def lookup(self, ip: str | None) -> tuple[str, tuple[T, ...]] | None:
        parsed = parse_ip(ip)
        return None if parsed is None else self.lookup_int(*parsed)


@dataclass(frozen=True, slots=True)
class OrgInfo:
    """What the indexes keep per organization."""

    org_id: str
    name: str
    restricted: bool  # directly or through majority ownership
    restricted_reason: str  # '' when not restricted


def _field(entity: Any, name: str) -> Any:
    if isinstance(entity, Mapping):
        return entity.get(name)
    return getattr(entity, name, None)


def _strings(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if v]


def _owners(entity: Any) -> list[tuple[str, float]]:
    """Owners as (owner_id, share 0..1); accepts dicts, pairs, a mapping, or Ownership records."""
    raw = _field(entity, "owners")
    if not raw:
        return []
    items = raw.items() if isinstance(raw, Mapping) else raw
    out: list[tuple[str, float]] = []
    for item in items:
        if isinstance(item, Mapping):
            owner, share = item.get("owner_id") or item.get("org_id"), item.get("share")
        elif isinstance(item, (list, tuple)):
            owner, share = item[0], item[1]
        else:
            owner, share = getattr(item, "owner_id", None), getattr(item, "share", None)
        if owner is None or share is None:
            continue
        share = float(share)
        out.append((str(owner), share / 100.0 if share > 1.0 else share))
    return out


def restricted_by_ownership(direct: Mapping[str, bool],
                            owners: Mapping[str, list[tuple[str, float]]]) -> dict[str, str]:
    """org_id -> why it is restricted: itself, or more than 50% held by restricted organizations.

    Same rule as `moat.identity.directory.effective_restrictions`: shares held by effectively
    restricted owners are added up (two restricted 30% owners control it), the threshold is strict
    (exactly 50% does not restrict), and it propagates down ownership chains to a fixed point, so
    cycles terminate.
    """
    reasons = {org: "restricted" for org, flag in direct.items() if flag}
    holdings: dict[str, list[str]] = {}  # owner -> organizations it holds shares of
    for owned, stakes in owners.items():
        for owner, _ in stakes:
            holdings.setdefault(owner, []).append(owned)
    pending = sorted(reasons)
    while pending:
        owner = pending.pop()
        for org in holdings.get(owner, ()):
            if org in reasons:
                continue
            held = [(o, s) for o, s in owners.get(org, ()) if o in reasons]
            if sum(s for _, s in held) > _CONTROL + 1e-9:
                via = ", ".join(f"{o} {s:.0%}" for o, s in held)
                reasons[org] = f"owned > 50% by restricted organizations ({via})"
                pending.append(org)
    return reasons


@dataclass
class OrgIndex:
    """Identifier -> org_ids lookups for every known organization. Build once, read concurrently."""

    orgs: dict[str, OrgInfo] = field(default_factory=dict)
    domains: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sso_tenants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    payment_fingerprints: dict[str, tuple[str, ...]] = field(default_factory=dict)
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    distinctive: dict[str, tuple[str, ...]] = field(default_factory=dict)  # `distinctive_name` -> org ids
    cidrs: CidrIndex[str] = field(default_factory=CidrIndex)

    @classmethod
    def build(cls, entities: Iterable[Any]) -> OrgIndex:
        """Index entities.jsonl dicts or directory `Organization` records."""
        index = cls()
        direct: dict[str, bool] = {}
        owners: dict[str, list[tuple[str, float]]] = {}
        names: dict[str, str] = {}
        for entity in entities:
            org_id = str(_field(entity, "org_id"))
            direct[org_id] = bool(_field(entity, "restricted"))
            owners[org_id] = _owners(entity)
            names[org_id] = str(_field(entity, "name") or org_id)
            for domain in _strings(_field(entity, "domains")):
                domain = domain.lower().strip().strip(".")
                if domain and not is_personal_domain(domain):  # an entity listing gmail.com links no one
                    _append(index.domains, domain, org_id)
            for tenant in _strings(_field(entity, "sso_tenants")):
                if not is_personal_domain(tenant):
                    _append(index.sso_tenants, tenant.lower().strip(), org_id)
            for fp in _strings(_field(entity, "payment_fingerprints")):
                _append(index.payment_fingerprints, fp, org_id)
            for alias in [org_id, names[org_id], *_strings(_field(entity, "aliases"))]:
                key = normalize_name(alias)
                if key:
                    _append(index.names, key, org_id)
                loose = distinctive_name(alias)
                if loose:
                    _append(index.distinctive, loose, org_id)
            for cidr in _strings(_field(entity, "ip_ranges")):
                try:
                    index.cidrs.add(cidr, org_id)
                except ValueError:
                    continue  # a malformed range in imported data links nothing
        reasons = restricted_by_ownership(direct, owners)
        for org_id in direct:
            reason = reasons.get(org_id, "")
            index.orgs[org_id] = OrgInfo(org_id, names[org_id], bool(reason), reason)
        return index

    def is_restricted(self, org_id: str | None) -> bool:
        info = self.orgs.get(org_id) if org_id else None
        return info is not None and info.restricted

    def by_domain(self, domain: str) -> tuple[str, tuple[str, ...]] | None:
        """(matched org domain, org_ids) for a domain or any parent of it; personal domains never match."""
        domain = domain.lower().strip(".")
        if not domain or is_personal_domain(domain):
            return None
        while "." in domain:
            hit = self.domains.get(domain)
            if hit:
                return domain, hit
            _, _, domain = domain.partition(".")
        return None

    def by_name(self, text: str | None) -> tuple[str, ...]:
        """Organizations whose id, name or alias matches `text` after normalisation."""
        if not text:
            return ()
        if text in self.orgs:
            return (text,)
        return self.names.get(normalize_name(text), ())

    def by_declared_name(self, text: str | None) -> tuple[tuple[str, ...], bool]:
        """Organizations a company name someone typed names: exactly (`by_name`), or else by its
        distinctive part ("Quillon Labs" for Quillon Research); and whether the match was loose."""
        exact = self.by_name(text)
        if exact or not text:
            return exact, False
        return self.distinctive.get(distinctive_name(text), ()), True

    def by_org_hint(self, text: str | None) -> tuple[str, tuple[str, ...]] | None:
        """An attested end-user organization: an org id, name or alias, or else an email/web domain."""
        if not text:
            return None
        hit = self.by_name(text)
        if hit:
            return "name", hit
        by_domain = self.by_domain(email_domain(text) or text)
        return ("domain", by_domain[1]) if by_domain else None


def _append(table: dict[str, tuple[str, ...]], key: str, org_id: str) -> None:
    existing = table.get(key, ())
    if org_id not in existing:
        table[key] = (*existing, org_id)
