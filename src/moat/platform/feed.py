"""The restricted-entity feed document: its format, its verification, and fast lookups.

Wire format (UTF-8 JSON), one envelope::

    {"alg": "Ed25519", "key_id": "<16 hex: SHA-256 of the raw public key>",
     "signature": "<base64url Ed25519 signature of canonical_json(feed)>",
     "feed": {"format": "moat.restricted-entities/1", "issuer": "...", "version": 7,
              "issued_at": 1764000000, "not_after": 1764086400, "salt": "<hex>",
              "entities": [{"org_id": "rival-labs", "name": "Rival Labs", "reason": "restricted",
                            "domains": ["rivallabs.com"], "sso_tenants": ["rival.okta.com"],
                            "names": ["rival labs"], "hashed": ["<hex>", ...]}]}}

`canonical_json` is sorted keys, no whitespace, no ASCII escaping: the provider signs exactly those
bytes and a verifier recomputes them from the parsed document, so any change to any field breaks
the signature. Identifiers that could be personal data (payment instruments, emails, end-user ids)
appear only as `hash_identifier(salt, kind, value)`: salted SHA-256, never in clear.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import time
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from moat.platform.ed25519 import load_public_key as load_public_key  # part of moat.platform's API

FEED_FORMAT = "moat.restricted-entities/1"
DEFAULT_CLOCK_SKEW = 300.0

_CORP_SUFFIXES = frozenset({
    "inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation", "co", "company", "plc",
    "gmbh", "ag", "sa", "sas", "sarl", "bv", "nv", "pte", "pty", "oy", "ab", "kk", "srl", "spa",
})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


class FeedError(Exception):
    """The feed cannot be used; the message says why."""


class FeedFormatError(FeedError):
    """Not a Moat restricted-entity feed (bad JSON, missing fields, unknown format)."""


class FeedSignatureError(FeedError):
    """The signature does not verify: the document was altered or signed by another key."""


class FeedExpiredError(FeedError):
    """Outside the feed's validity window (expired, or issued in the future)."""


class FeedRollbackError(FeedError):
    """Older than a version already accepted: a replayed old copy."""


class FeedFetchError(FeedError):
    """The feed could not be fetched (network, HTTP status)."""


def canonical_json(obj: Any) -> bytes:
    """The bytes that get signed: sorted keys, compact, UTF-8."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode()


def normalize_name(name: str) -> str:
    """A company name reduced for comparison: lower case, punctuation and legal suffixes dropped."""
    words = [w for w in _NON_ALNUM.split(name.lower()) if w]
    while len(words) > 1 and words[-1] in _CORP_SUFFIXES:
        words.pop()
    return " ".join(words)


def hash_identifier(salt: bytes, kind: str, value: str) -> str:
    """Salted SHA-256 of `kind:value` (value trimmed and lower-cased), hex."""
    return hashlib.sha256(salt + kind.encode() + b":" + value.strip().lower().encode()).hexdigest()


def key_id(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class RestrictedMatch:
    org_id: str
    name: str
    reason: str
    matched: str  # what matched, e.g. "email domain eng.rivallabs.com"


class RestrictedFeed:
    """A verified feed, indexed for lookups that take a few dict probes."""

    def __init__(self, document: dict[str, Any], *, etag: str = "", key_id: str = "") -> None:
        self.document = document
        self.etag = etag
        self.key_id = key_id
        self.version: int = document["version"]
        self.issued_at: float = document["issued_at"]
        self.not_after: float = document["not_after"]
        self.issuer: str = document.get("issuer", "")
        self.salt = bytes.fromhex(document["salt"])
        self.entities: list[dict[str, Any]] = document["entities"]
        self._domains: dict[str, int] = {}
        self._tenants: dict[str, int] = {}
        self._names: dict[str, int] = {}
        self._hashes: dict[str, int] = {}
        for i, entity in enumerate(self.entities):
            for d in entity.get("domains", ()):
                self._domains.setdefault(d.lower(), i)
            for t in entity.get("sso_tenants", ()):
                self._tenants.setdefault(t.lower(), i)
            for n in [entity["org_id"], entity.get("name", ""), *entity.get("names", ())]:
                if n and normalize_name(n):
                    self._names.setdefault(normalize_name(n), i)
            for h in entity.get("hashed", ()):
                self._hashes.setdefault(h, i)

    def __len__(self) -> int:
        return len(self.entities)

    def valid_at(self, now: float, clock_skew: float = DEFAULT_CLOCK_SKEW) -> bool:
        return self.issued_at - clock_skew <= now <= self.not_after

    def _hit(self, i: int, matched: str) -> RestrictedMatch:
        e = self.entities[i]
        return RestrictedMatch(e["org_id"], e.get("name", ""), e.get("reason", "restricted"), matched)

    def _domain(self, domain: str) -> int | None:
        domain = domain.strip().strip(".").lower()
        while "." in domain:
            i = self._domains.get(domain)
            if i is not None:
                return i
            domain = domain.partition(".")[2]
        return None

    def match(self, *, end_user_org: str | None = None, email_domain: str | None = None,
              email: str | None = None, sso_tenant: str | None = None,
              identifiers: dict[str, str] | None = None) -> RestrictedMatch | None:
        """The restricted entity any of these identify, or None.

        `end_user_org` may be an organization id, name or alias, or a domain; `identifiers` maps a
        kind (`payment`, `end_user`, ...) to a value that is compared hashed.
        """
        if email_domain:
            i = self._domain(email_domain)
            if i is not None:
                return self._hit(i, f"email domain {email_domain}")
        if email and "@" in email:
            i = self._domain(email.rpartition("@")[2])
            if i is None:
                i = self._hashes.get(hash_identifier(self.salt, "email", email))
            if i is not None:
                return self._hit(i, "email address")
        if end_user_org:
            i = self._names.get(normalize_name(end_user_org))
            if i is None and "." in end_user_org:
                i = self._domain(end_user_org.rpartition("@")[2])
            if i is None:
                i = self._hashes.get(hash_identifier(self.salt, "org", end_user_org))
            if i is not None:
                return self._hit(i, f"end-user organization {end_user_org}")
        if sso_tenant:
            i = self._tenants.get(sso_tenant.strip().lower())
            if i is not None:
                return self._hit(i, f"SSO tenant {sso_tenant}")
        for kind, value in (identifiers or {}).items():
            i = self._hashes.get(hash_identifier(self.salt, kind, value))
            if i is not None:
                return self._hit(i, f"{kind} identifier")
        return None

    def is_restricted(self, **kwargs: Any) -> bool:
        return self.match(**kwargs) is not None


def verify_feed(body: bytes | str, public_key: str | bytes | Ed25519PublicKey, *, now: float | None = None,
                clock_skew: float = DEFAULT_CLOCK_SKEW, min_version: int = 0, etag: str = "") -> RestrictedFeed:
    """Check a served feed (signature, format, validity window, version) and index it.

    Raises FeedFormatError, FeedSignatureError, FeedExpiredError or FeedRollbackError.
    """
    key = load_public_key(public_key)
    try:
        envelope = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FeedFormatError(f"feed is not JSON: {exc}") from None
    if not isinstance(envelope, dict) or not isinstance(envelope.get("feed"), dict):
        raise FeedFormatError("feed envelope has no 'feed' object")
    if envelope.get("alg") != "Ed25519" or not isinstance(envelope.get("signature"), str):
        raise FeedFormatError("feed envelope must carry an Ed25519 signature")
    document: dict[str, Any] = envelope["feed"]
    try:
        sig_text = envelope["signature"]
        signature = base64.urlsafe_b64decode(sig_text + "=" * (-len(sig_text) % 4))
        key.verify(signature, canonical_json(document))
    except (InvalidSignature, ValueError):
        raise FeedSignatureError(
            f"feed signature does not verify with key {key_id(key)} (tampered, or signed by key "
            f"{envelope.get('key_id')!r})") from None
    if document.get("format") != FEED_FORMAT:
        raise FeedFormatError(f"unknown feed format {document.get('format')!r}")
    for name, kind in (("version", int), ("issued_at", int), ("not_after", int), ("salt", str),
                       ("entities", list)):
        if not isinstance(document.get(name), kind):
            raise FeedFormatError(f"feed field {name!r} is missing or not a {kind.__name__}")
    at = time.time() if now is None else now
    if at > document["not_after"]:
        raise FeedExpiredError(f"feed version {document['version']} expired {at - document['not_after']:.0f} s ago")
    if at < document["issued_at"] - clock_skew:
        raise FeedExpiredError(f"feed version {document['version']} is issued in the future")
    if document["version"] < min_version:
        raise FeedRollbackError(f"feed version {document['version']} is older than {min_version}")
    try:
        return RestrictedFeed(document, etag=etag, key_id=key_id(key))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise FeedFormatError(f"feed entities are malformed: {exc}") from None
