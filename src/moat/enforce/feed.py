"""Provider side of the restricted-entity feed (issue 5 item 5): build, sign, version, serve.

The document format and its verification live in `moat.platform.feed` (the platform side uses the
very same `canonical_json` and `hash_identifier`, so both ends agree byte for byte). Here:

- `load_or_create_signing_key(home)`: the Ed25519 key under the data dir (`feed_signing_key.pem`,
  mode 0600), generated on first use; platforms pin its public key (`moat.platform.ed25519.public_key_b64`).
- `FeedPublisher`: keeps the version counter (`feed_state.json` under the data dir; the version
  goes up only when the restricted entities change), signs a document valid for `validity`
  seconds, re-signs it when it nears `not_after`, and answers HTTP with an ETag (the SHA-256 of
  the exact body) and 304 for a matching If-None-Match. The hashing salt is derived from the
  signing key, so every holder of the key hashes alike.
- `FeedFile`: serves a feed exported by `moat feed export` (re-read when the file changes). With
  several gateway replicas, one writer exports and every replica serves the same bytes, so
  versions and ETags agree whichever replica a platform reaches.

Only restricted entities appear (directly, or owned > 50% by restricted ones). Domains, SSO tenants,
names and IP ranges of organizations are published in clear; anything that may identify a person
(payment instruments, emails, end-user ids of linked accounts) only as salted SHA-256.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from moat.identity.linking_index import OrgIndex, is_personal_domain
from moat.platform.ed25519 import load_private_key as load_signing_key
from moat.platform.feed import FEED_FORMAT, canonical_json, hash_identifier, key_id, normalize_name

KEY_FILE = "feed_signing_key.pem"
STATE_FILE = "feed_state.json"
DEFAULT_VALIDITY = 24 * 3600.0
FEED_PATH = "/feed/restricted"


def salt_for(key: Ed25519PrivateKey) -> bytes:
    """The identifier-hashing salt: secret (derived from the private key) and stable across restarts."""
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                            serialization.NoEncryption())
    return hashlib.sha256(b"moat restricted-entity feed salt\0" + raw).digest()[:16]


def load_or_create_signing_key(home: str | Path) -> Ed25519PrivateKey:
    """The feed signing key under `home`, created (0600) on first use."""
    path = Path(home) / KEY_FILE
    if path.exists():
        try:
            return load_signing_key(path.read_bytes())
        except ValueError as exc:
            raise ValueError(f"{path}: {exc}") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first: use theirs
        return load_or_create_signing_key(home)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    return key


def public_key_pem(key: Ed25519PrivateKey) -> str:
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def _field(entity: Any, name: str) -> Any:
    return entity.get(name) if isinstance(entity, Mapping) else getattr(entity, name, None)


def _strings(value: Any) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value if v]


def restricted_entries(entities: Iterable[Any], salt: bytes,
                       identifiers: Mapping[str, Iterable[tuple[str, str]]] | None = None) -> list[dict[str, Any]]:
    """The feed's `entities`: one entry per effectively restricted organization, sorted by id.

    `identifiers` adds, per org_id, (kind, value) pairs published only hashed, e.g.
    ("email", "someone@gmail.com") for a personal account linked to the organization.
    """
    entities = list(entities)
    index = OrgIndex.build(entities)
    out: list[dict[str, Any]] = []
    for entity in entities:
        org_id = str(_field(entity, "org_id"))
        info = index.orgs.get(org_id)
        if info is None or not info.restricted:
            continue
        names = sorted({n for n in (normalize_name(x) for x in
                                    [org_id, info.name, *_strings(_field(entity, "aliases"))]) if n})
        hashed = {hash_identifier(salt, "payment", fp) for fp in _strings(_field(entity, "payment_fingerprints"))}
        hashed |= {hash_identifier(salt, kind, value) for kind, value in (identifiers or {}).get(org_id, ())}
        out.append({
            "org_id": org_id,
            "name": info.name,
            "reason": info.restricted_reason,
            "domains": sorted({d.lower().strip(".") for d in _strings(_field(entity, "domains"))
                               if not is_personal_domain(d)}),
            "sso_tenants": sorted({t.lower() for t in _strings(_field(entity, "sso_tenants"))}),
            "ip_ranges": sorted(set(_strings(_field(entity, "ip_ranges")))),
            "names": names,
            "hashed": sorted(hashed),
        })
    out.sort(key=lambda e: e["org_id"])
    return out


def sign_feed(document: dict[str, Any], key: Ed25519PrivateKey) -> bytes:
    """The served body: the document in a signed envelope (see `moat.platform.feed`)."""
    signature = base64.urlsafe_b64encode(key.sign(canonical_json(document))).rstrip(b"=").decode()
    envelope = {"alg": "Ed25519", "key_id": key_id(key.public_key()), "signature": signature, "feed": document}
    return canonical_json(envelope)


@dataclass(frozen=True, slots=True)
class FeedDocument:
    """One signed version, ready to serve."""

    body: bytes
    etag: str
    version: int
    issued_at: int
    not_after: int
    entities: int = 0
    headers: dict[str, str] = field(default_factory=dict)


def etag_of(body: bytes) -> str:
    return f'"sha256-{hashlib.sha256(body).hexdigest()}"'


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """RFC 9110 weak comparison against an If-None-Match list (or `*`)."""
    if not if_none_match:
        return False
    tags = [t.strip() for t in if_none_match.split(",")]
    return "*" in tags or any(t.removeprefix("W/") == etag for t in tags)


class FeedPublisher:
    """Signs and serves the current feed. Create at start-up; call `update` when entities change."""

    def __init__(self, home: str | Path, *, key: Ed25519PrivateKey | None = None, issuer: str = "moat",
                 validity: float = DEFAULT_VALIDITY, renew_before: float | None = None,
                 max_age: int = 300, clock: Callable[[], float] = time.time) -> None:
        self.home = Path(home)
        self.key = key or load_or_create_signing_key(self.home)
        self.issuer = issuer
        self.validity = validity
        self.renew_before = validity / 4 if renew_before is None else renew_before
        self.max_age = max_age
        self._clock = clock
        self._state_path = self.home / STATE_FILE
        self._state = self._load_state()
        self._entries: list[dict[str, Any]] = []
        self._current: FeedDocument | None = None
        self.salt = salt_for(self.key)

    def _load_state(self) -> dict[str, Any]:
        if self._state_path.exists():
            state: dict[str, Any] = json.loads(self._state_path.read_text())
            return state
        return {"version": 0, "content": ""}

    def _save_state(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        tmp = self._state_path.with_name(f"{STATE_FILE}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(self._state))
        os.replace(tmp, self._state_path)

    def update(self, entities: Iterable[Any],
               identifiers: Mapping[str, Iterable[tuple[str, str]]] | None = None) -> FeedDocument:
        """Rebuild from the directory's organizations; a new version only if the content changed."""
        entries = restricted_entries(entities, self.salt, identifiers)
        content = hashlib.sha256(canonical_json(entries)).hexdigest()
        if content != self._state["content"]:
            self._state["version"] = int(self._state["version"]) + 1
            self._state["content"] = content
            self._save_state()
            self._current = None
        self._entries = entries
        return self.document()

    def document(self) -> FeedDocument:
        """The current signed version: (body, etag, headers), re-signed near the end of its window."""
        now = self._clock()
        current = self._current
        if current is not None and now < current.not_after - self.renew_before:
            return current
        issued, version = int(now), int(self._state["version"])
        not_after = int(issued + self.validity)
        document = {"format": FEED_FORMAT, "issuer": self.issuer, "version": version, "issued_at": issued,
                    "not_after": not_after, "salt": self.salt.hex(), "entities": self._entries}
        body = sign_feed(document, self.key)
        etag = etag_of(body)
        headers = {
            "content-type": "application/json",
            "etag": etag,
            "cache-control": f"public, max-age={self.max_age}",
            "moat-feed-version": str(version),
            "moat-feed-not-after": str(not_after),
        }
        self._current = FeedDocument(body, etag, version, issued, not_after, len(self._entries), headers)
        return self._current

    def http_response(self, if_none_match: str | None = None) -> tuple[int, bytes, dict[str, str]]:
        """(status, body, headers) for GET /feed/restricted: 200 with the feed, or 304."""
        doc = self.document()
        if etag_matches(if_none_match, doc.etag):
            return 304, b"", {k: v for k, v in doc.headers.items() if k != "content-type"}
        return 200, doc.body, dict(doc.headers)


class FeedFile:
    """Serves an exported feed file; re-reads it when its modification time changes."""

    def __init__(self, path: str | Path, max_age: int = 300) -> None:
        self.path = Path(path)
        self.max_age = max_age
        self._stamp: float | None = None
        self._doc: tuple[bytes, str] | None = None

    def _load(self) -> tuple[bytes, str]:
        stamp = self.path.stat().st_mtime
        if self._doc is None or stamp != self._stamp:
            body = self.path.read_bytes()
            self._doc, self._stamp = (body, etag_of(body)), stamp
        return self._doc

    def http_response(self, if_none_match: str | None = None) -> tuple[int, bytes, dict[str, str]]:
        """(status, body, headers), like `FeedPublisher.http_response`; the file is served as is."""
        body, etag = self._load()
        headers = {"etag": etag, "cache-control": f"public, max-age={self.max_age}"}
        if etag_matches(if_none_match, etag):
            return 304, b"", headers
        return 200, body, {"content-type": "application/json", **headers}
