"""API keys: generation, hashing, and the checks that turn a presented secret into a stored key.

A Moat key is `moat_sk_` plus 40 URL-safe random characters (240 bits). Only its SHA-256 (hex) is
stored, with a lookup prefix: the first 16 characters of the secret, so the gateway finds the few
candidates by an indexed equality and then compares hashes in constant time. Imported keys (a
provider's existing keys, any format, e.g. `sk-bench-1234`) use the same scheme and must be at
least 8 characters.

A secret shorter than 32 characters gets a *hashed* prefix instead (`~` + 15 hex digits of its
SHA-256): its first 16 characters would be all of it, or all but a brute-forceable few, and the
database must never hold a usable secret. A secret is returned exactly once, by `new_key`; nothing
here logs one.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from datetime import UTC, datetime

from moat.errors import AuthenticationFailed
from moat.identity.models import ApiKey

SECRET_PREFIX = "moat_sk_"
SECRET_RANDOM_CHARS = 40
PREFIX_LEN = 16
# Imported keys from other gateways may be short (e.g. `sk-bench-1234`); below 8 is no key at all.
MIN_SECRET_LEN = 8
# Below this length a literal prefix would leave too little of the secret unknown (see above).
LITERAL_PREFIX_MIN_LEN = 32
INVALID = "Invalid API key"
REVOKED = "API key has been revoked"


def generate_secret() -> str:
    """`moat_sk_` + 40 URL-safe characters (30 random bytes, base64url without padding)."""
    return SECRET_PREFIX + secrets.token_urlsafe(30)[:SECRET_RANDOM_CHARS]


def new_key_id() -> str:
    return "key_" + secrets.token_hex(6)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def key_prefix(secret: str) -> str:
    """The lookup prefix: the first `PREFIX_LEN` characters, or a hash for a short secret."""
    if len(secret) >= LITERAL_PREFIX_MIN_LEN:
        return secret[:PREFIX_LEN]
    return "~" + hash_secret(secret)[:PREFIX_LEN - 1]


def check_importable(secret: str) -> None:
    """Raise ValueError when `secret` cannot be imported as a key (too short, or whitespace)."""
    if len(secret) < MIN_SECRET_LEN:
        raise ValueError(f"an imported key must be at least {MIN_SECRET_LEN} characters long")
    if any(c.isspace() for c in secret) or not secret.isprintable():
        raise ValueError("an imported key must not contain whitespace or control characters")


def new_key(account_id: str, *, expires_at: float | None = None, name: str = "",
            now: float | None = None, purpose: str | None = None, use: str = "",
            use_description: str = "") -> tuple[ApiKey, str]:
    """A fresh key for `account_id` and its secret (the only time the secret exists in Moat).

    `purpose` (e.g. `safety_evaluation`) is fixed for the key's life: an exception limited to keys of
    a purpose (moat.enforce.exceptions) lets only such keys through, so another purpose needs
    another key, never an edit. `use` and `use_description` are the use its owner declared
    (docs/data-apis.md), checked by the caller (`admin.check_declared_use`)."""
    secret = generate_secret()
    key = _key_for(account_id, secret, expires_at, name, now, use=use, use_description=use_description)
    if purpose:
        key.meta["purpose"] = purpose
    return key, secret


def imported_key(account_id: str, secret: str, *, expires_at: float | None = None, name: str = "",
                 now: float | None = None, use: str = "", use_description: str = "") -> ApiKey:
    """The stored form of an existing secret; raises ValueError when it is not importable."""
    check_importable(secret)
    return _key_for(account_id, secret, expires_at, name, now, imported=True, use=use,
                    use_description=use_description)


def _key_for(account_id: str, secret: str, expires_at: float | None, name: str, now: float | None,
             imported: bool = False, use: str = "", use_description: str = "") -> ApiKey:
    return ApiKey(
        key_id=new_key_id(), account_id=account_id, prefix=key_prefix(secret),
        secret_hash=hash_secret(secret), created_at=time.time() if now is None else now,
        expires_at=expires_at, name=name, meta={"source": "imported"} if imported else {},
        use=use, use_description=use_description,
    )


def verify(secret: str, candidates: list[ApiKey] | tuple[ApiKey, ...]) -> ApiKey | None:
    """The candidate whose hash matches `secret`, comparing every candidate in constant time."""
    digest = hash_secret(secret)
    match = None
    for key in candidates:
        if hmac.compare_digest(digest, key.secret_hash):
            match = key
    return match


def format_ts(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def check_usable(key: ApiKey, now: float | None = None) -> None:
    """Raise AuthenticationFailed when the key is revoked or expired."""
    now = time.time() if now is None else now
    if key.revoked_at is not None and key.revoked_at <= now:
        raise AuthenticationFailed(REVOKED, code="key_revoked")
    if key.expires_at is not None and key.expires_at <= now:
        raise AuthenticationFailed(f"API key expired at {format_ts(key.expires_at)}", code="key_expired")


def check(secret: str, candidates: list[ApiKey] | tuple[ApiKey, ...], now: float | None = None) -> ApiKey:
    """The usable key for `secret` among `candidates`, or AuthenticationFailed saying why not."""
    key = verify(secret, candidates) if len(secret) >= MIN_SECRET_LEN else None
    if key is None:
        raise AuthenticationFailed(INVALID, code="invalid_api_key")
    check_usable(key, now)
    return key
