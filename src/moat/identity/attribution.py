"""The attribute stage: who is the end user behind a platform's request (issue 5 item 1).

Trust, stated: a platform (an IDE, an agent framework, a reseller) is registered with its Moat
account and a key. Its requests carry a compact JWT in the `Moat-Attribution` header, signed with
Ed25519 (`alg: EdDSA`) or an HS256 shared secret, with claims

    iss  platform id          aud  Moat's audience          sub  the end user's hashed id
    org  end user's organization (optional)   email_domain  verified email domain (optional)
    iat, exp  Unix seconds     jti  single-use nonce

We trust those claims only when the signature verifies with *that* platform's key, the token is
presented with the platform's own account key, the audience is ours, the times hold (bounded clock
skew, bounded lifetime) and the nonce was never seen (`attribution_nonces`). Any failure raises
`AuthenticationFailed` with one of the `attribution_*` codes below: a bad token is never silently
downgraded to "no attribution". The ecosystem's unsigned end-user fields (OpenAI
`safety_identifier` / `user`, Anthropic `metadata.user_id`) are read as low-trust attribution.

Tokens are checked on the compact form with `cryptography`/`hmac` directly (no PyJWT on the hot
path); keys are parsed once per platform, and the (identical) JOSE headers are parsed once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeGuard

import orjson
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from moat.errors import AuthenticationFailed
from moat.identity.attribution_nonces import AsyncNonceCache, MemoryNonceCache, NonceCache
from moat.platform.ed25519 import b64decode, load_public_key

log = logging.getLogger(__name__)

ATTRIBUTION_HEADER = "moat-attribution"  # `Moat-Attribution`; ASGI header names are lower-case
DEFAULT_AUDIENCE = "moat"

# Reason codes (AuthenticationFailed.code), one per failure.
MALFORMED = "attribution_malformed"
UNKNOWN_PLATFORM = "attribution_unknown_platform"
WRONG_PLATFORM = "attribution_wrong_platform"
BAD_ALGORITHM = "attribution_bad_algorithm"
INVALID_SIGNATURE = "attribution_invalid_signature"
WRONG_AUDIENCE = "attribution_wrong_audience"
EXPIRED = "attribution_expired"
NOT_YET_VALID = "attribution_not_yet_valid"
LIFETIME_TOO_LONG = "attribution_lifetime_too_long"
REPLAYED = "attribution_replayed"

_MAX_TOKEN = 4096
_MAX_CLAIM = 256


@dataclass(frozen=True, slots=True)
class PlatformRegistration:
    """A platform allowed to attribute requests to its end users.

    `public_key` is an Ed25519 public key, PEM or raw 32 bytes in base64; `hs256_secret` is the
    alternative shared secret. `account_id` is the Moat account whose API key the platform uses:
    a token is only accepted on that account's requests.
    """

    platform_id: str
    account_id: str
    public_key: str = ""
    hs256_secret: str = ""
    audience: str = DEFAULT_AUDIENCE
    name: str = ""
    active: bool = True


def platforms_from_records(records: Iterable[Mapping[str, Any]]) -> list[PlatformRegistration]:
    """Registrations from plain records (a JSON file, a settings table, the admin API's rows)."""
    out = []
    for r in records:
        out.append(PlatformRegistration(
            platform_id=str(r.get("platform_id") or r["id"]), account_id=str(r["account_id"]),
            public_key=str(r.get("public_key") or ""), hs256_secret=str(r.get("hs256_secret") or r.get("secret") or ""),
            audience=str(r.get("audience") or DEFAULT_AUDIENCE), name=str(r.get("name") or ""),
            active=bool(r.get("active", True))))
    return out


@dataclass(frozen=True, slots=True)
class AttributionConfig:
    clock_skew: float = 60.0  # seconds of disagreement tolerated on iat / nbf / exp
    max_lifetime: float = 300.0  # exp - iat may not exceed this: short-lived tokens only
    audience: str = DEFAULT_AUDIENCE  # used for platforms registered without one


@dataclass(frozen=True, slots=True)
class Attribution:
    """The end user behind a request. `trust` is "signed" (verified token) or "low" (unsigned field)."""

    trust: str
    source: str  # "Moat-Attribution", "safety_identifier", "user", "metadata.user_id"
    end_user_id: str | None
    platform_id: str | None = None
    end_user_org: str | None = None
    email_domain: str | None = None
    issued_at: float | None = None
    expires_at: float | None = None
    nonce: str | None = None

    @property
    def org_hint(self) -> str | None:
        """What the traffic format records as `end_user_org`: the organization, else the domain."""
        return self.end_user_org or self.email_domain


def _b64url(text: str) -> bytes:
    """base64url without padding, as JWS has it (the hot path: no alphabet translation)."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _b64encode(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def sign_attribution(platform_id: str, key: Ed25519PrivateKey | bytes | str, *, sub: str,
                     org: str | None = None, email_domain: str | None = None,
                     audience: str = DEFAULT_AUDIENCE, lifetime: float = 60.0,
                     now: float | None = None, jti: str | None = None,
                     extra: Mapping[str, Any] | None = None) -> str:
    """A compact attribution token, as a platform mints one per request.

    `key` is the platform's Ed25519 private key (EdDSA), or its HS256 secret (bytes or str).
    """
    issued = time.time() if now is None else now
    claims: dict[str, Any] = {"iss": platform_id, "aud": audience, "sub": sub,
                              "iat": int(issued), "exp": int(issued + lifetime),
                              "jti": jti or base64.urlsafe_b64encode(os.urandom(12)).decode()}
    if org is not None:
        claims["org"] = org
    if email_domain is not None:
        claims["email_domain"] = email_domain
    claims.update(extra or {})
    alg = "EdDSA" if isinstance(key, Ed25519PrivateKey) else "HS256"
    signing_input = (_b64encode(orjson.dumps({"alg": alg, "typ": "JWT"})) + b"."
                     + _b64encode(orjson.dumps(claims)))
    if isinstance(key, Ed25519PrivateKey):
        signature = key.sign(signing_input)
    else:
        secret = key.encode() if isinstance(key, str) else key
        signature = hmac.new(secret, signing_input, hashlib.sha256).digest()
    return (signing_input + b"." + _b64encode(signature)).decode()


@dataclass(frozen=True, slots=True)
class _Platform:
    registration: PlatformRegistration
    alg: str
    public_key: Ed25519PublicKey | None
    secret: bytes
    audience: str


def _fail(code: str, message: str) -> AuthenticationFailed:
    return AuthenticationFailed(f"invalid Moat-Attribution token: {message}", code=code)


class AttributionVerifier:
    """Checks attribution tokens against registered platforms. Build once at start-up; share."""

    def __init__(self, platforms: Iterable[PlatformRegistration] = (), config: AttributionConfig | None = None,
                 nonces: NonceCache | AsyncNonceCache | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.config = config or AttributionConfig()
        self.nonces = nonces if nonces is not None else MemoryNonceCache()
        self._clock = clock
        self._platforms: dict[str, _Platform] = {}
        self._by_account: dict[str, str] = {}  # account_id -> platform_id
        self._headers: dict[str, str] = {}  # header segment -> alg
        for platform in platforms:
            self.register(platform)

    def load(self, platforms: Iterable[PlatformRegistration]) -> None:
        """Serve exactly these platforms (the registry changed, moat.enforce.registry_follow): built
        aside and swapped in, so a request sees the old set or the new one, never half of each. A
        registration whose key does not load is skipped and logged (validated before it was stored)."""
        fresh = AttributionVerifier(config=self.config, nonces=self.nonces, clock=self._clock)
        for platform in platforms:
            try:
                fresh.register(platform)
            except ValueError as exc:
                log.warning("attribution: platform %r not loaded: %s", platform.platform_id, exc)
        self._platforms, self._by_account = fresh._platforms, fresh._by_account

    def register(self, platform: PlatformRegistration) -> None:
        """Add or replace a platform (keys are parsed here, once, not per request)."""
        if platform.public_key:
            key: Ed25519PublicKey | None = load_public_key(platform.public_key)
            alg, secret = "EdDSA", b""
        elif platform.hs256_secret:
            key, alg, secret = None, "HS256", platform.hs256_secret.encode()
        else:
            raise ValueError(f"platform {platform.platform_id} has neither a public key nor a secret")
        self.unregister(platform.platform_id)
        self._platforms[platform.platform_id] = _Platform(
            platform, alg, key, secret, platform.audience or self.config.audience)
        if platform.active:
            self._by_account[platform.account_id] = platform.platform_id

    def unregister(self, platform_id: str) -> None:
        old = self._platforms.pop(platform_id, None)
        if old is not None and self._by_account.get(old.registration.account_id) == platform_id:
            del self._by_account[old.registration.account_id]

    def platform_for_account(self, account_id: str | None) -> PlatformRegistration | None:
        """The active platform that relays through this account, if any (a dict lookup)."""
        platform_id = self._by_account.get(account_id) if account_id else None
        return self._platforms[platform_id].registration if platform_id else None

    def check(self, token: str, *, account_id: str | None = None, now: float | None = None) -> Attribution:
        """Everything but the replay check: structure, platform, signature, audience, times.

        `account_id` is the authenticated caller; a token from a platform registered to another
        account is refused (`attribution_wrong_platform`).
        """
        if not isinstance(token, str) or len(token) > _MAX_TOKEN or token.count(".") != 2:
            raise _fail(MALFORMED, "not a compact JWS (header.payload.signature)")
        header_b64, payload_b64, sig_b64 = token.split(".")
        alg = self._headers.get(header_b64)
        if alg is None:
            alg = self._parse_header(header_b64)
        try:
            claims = orjson.loads(_b64url(payload_b64))
            signature = _b64url(sig_b64)
        except (ValueError, orjson.JSONDecodeError):
            raise _fail(MALFORMED, "payload or signature is not base64url JSON") from None
        if not isinstance(claims, dict):
            raise _fail(MALFORMED, "payload is not a JSON object")
        iss = claims.get("iss")
        platform = self._platforms.get(iss) if isinstance(iss, str) else None
        if platform is None or not platform.registration.active:
            raise _fail(UNKNOWN_PLATFORM, f"issuer {str(iss)[:64]!r} is not a registered platform")
        if account_id is not None and platform.registration.account_id != account_id:
            raise _fail(WRONG_PLATFORM, f"token of platform {iss!r} presented by account {account_id!r}, "
                                        "which is not that platform's account")
        if alg != platform.alg:
            raise _fail(BAD_ALGORITHM, f"alg {alg!r} is not accepted for platform {iss!r} (expects {platform.alg})")
        signing_input = token[: len(header_b64) + 1 + len(payload_b64)].encode()
        if platform.public_key is not None:
            try:
                platform.public_key.verify(signature, signing_input)
            except InvalidSignature:
                raise _fail(INVALID_SIGNATURE, f"signature does not verify with platform {iss!r}'s key") from None
        else:
            expected = hmac.digest(platform.secret, signing_input, "sha256")  # one-shot C path
            if not hmac.compare_digest(expected, signature):
                raise _fail(INVALID_SIGNATURE, f"signature does not verify with platform {iss!r}'s secret")
        aud = claims.get("aud")
        if not (aud == platform.audience or (isinstance(aud, list) and platform.audience in aud)):
            raise _fail(WRONG_AUDIENCE, f"audience {aud!r} is not {platform.audience!r}")
        return self._claims(claims, platform.registration.platform_id, self._clock() if now is None else now)

    def _parse_header(self, header_b64: str) -> str:
        try:
            header = orjson.loads(b64decode(header_b64))
        except (ValueError, orjson.JSONDecodeError):
            raise _fail(MALFORMED, "header is not base64url JSON") from None
        if not isinstance(header, dict) or not isinstance(header.get("alg"), str):
            raise _fail(MALFORMED, "header has no alg")
        if header.get("crit"):
            raise _fail(MALFORMED, "critical header extensions are not supported")
        alg: str = header["alg"]
        if len(self._headers) < 1024:  # platforms send a handful of distinct headers
            self._headers[header_b64] = alg
        return alg

    def _claims(self, claims: dict[str, Any], iss: str, now: float) -> Attribution:
        skew, cfg = self.config.clock_skew, self.config
        iat, exp, nbf = claims.get("iat"), claims.get("exp"), claims.get("nbf", claims.get("iat"))
        if not _is_number(iat) or not _is_number(exp) or not _is_number(nbf):
            raise _fail(MALFORMED, "iat, exp (and nbf) must be numbers (Unix seconds)")
        if now > exp + skew:
            raise _fail(EXPIRED, f"expired {now - exp:.0f} s ago (clock skew allowed: {skew:.0f} s)")
        start = max(iat, nbf)
        if start > now + skew:
            raise _fail(NOT_YET_VALID, f"issued {start - now:.0f} s in the future (clock skew allowed: {skew:.0f} s)")
        if exp - iat > cfg.max_lifetime:
            raise _fail(LIFETIME_TOO_LONG, f"lifetime {exp - iat:.0f} s exceeds {cfg.max_lifetime:.0f} s")
        jti, sub = claims.get("jti"), claims.get("sub")
        if not isinstance(jti, str) or not jti or len(jti) > _MAX_CLAIM:
            raise _fail(MALFORMED, "jti (nonce) is missing")
        if not isinstance(sub, str) or not sub or len(sub) > _MAX_CLAIM:
            raise _fail(MALFORMED, "sub (end user's hashed id) is missing")
        org, domain = claims.get("org"), claims.get("email_domain")
        if (org is not None and not isinstance(org, str)) or (domain is not None and not isinstance(domain, str)):
            raise _fail(MALFORMED, "org and email_domain must be strings")
        return Attribution("signed", ATTRIBUTION_HEADER, sub, iss, org or None,
                           domain.lower() if domain else None, float(iat), float(exp), jti)

    def _nonce_ttl_ms(self, attribution: Attribution, now: float) -> int:
        assert attribution.expires_at is not None
        return max(1000, int((attribution.expires_at + self.config.clock_skew - now) * 1000))

    def verify(self, token: str, *, account_id: str | None = None) -> Attribution:
        """`check`, then claim the nonce in a synchronous cache (in-process or `RedisNonceCache`)."""
        now = self._clock()
        attribution = self.check(token, account_id=account_id, now=now)
        claim = getattr(self.nonces, "claim", None)
        if claim is None:
            raise TypeError("this verifier's nonce cache is async: use verify_async")
        if not claim(f"{attribution.platform_id}:{attribution.nonce}", self._nonce_ttl_ms(attribution, now)):
            raise _fail(REPLAYED, f"nonce {attribution.nonce!r} was already used")
        return attribution

    async def verify_async(self, token: str, *, account_id: str | None = None) -> Attribution:
        """`check`, then claim the nonce without blocking the event loop (any cache)."""
        now = self._clock()
        attribution = self.check(token, account_id=account_id, now=now)
        key, ttl = f"{attribution.platform_id}:{attribution.nonce}", self._nonce_ttl_ms(attribution, now)
        claim_async = getattr(self.nonces, "claim_async", None)
        fresh = await claim_async(key, ttl) if claim_async is not None else self.nonces.claim(key, ttl)  # type: ignore[union-attr]
        if not fresh:
            raise _fail(REPLAYED, f"nonce {attribution.nonce!r} was already used")
        return attribution


def _is_number(value: Any) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def unsigned_attribution(body: Mapping[str, Any], api: str) -> Attribution | None:
    """Low-trust end-user attribution from the request body, when the client sent one.

    OpenAI: `safety_identifier` (preferred), else `user`; Anthropic: `metadata.user_id`. An id that
    is an email address is replaced by its SHA-256 (no personal data in clear) and its domain kept.
    """
    value: Any = None
    source = ""
    if api == "anthropic":
        metadata = body.get("metadata")
        if isinstance(metadata, Mapping):
            value, source = metadata.get("user_id"), "metadata.user_id"
    else:
        for name in ("safety_identifier", "user"):
            if isinstance(body.get(name), str) and body[name]:
                value, source = body[name], name
                break
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()[:_MAX_CLAIM]
    domain = None
    if "@" in value:
        domain = value.rpartition("@")[2].lower() or None
        value = "sha256:" + hashlib.sha256(value.lower().encode()).hexdigest()
    return Attribution("low", source, value, None, None, domain)


async def attribute(ctx: Any, token: str | None, body: Mapping[str, Any],
                    verifier: AttributionVerifier | None) -> Attribution | None:
    """The attribute stage for one request (`ctx` is a `moat.context.RequestContext`).

    A `Moat-Attribution` token is verified against the caller's account (any failure raises
    `AuthenticationFailed`, 401); without one, the API's unsigned end-user fields count as low trust.
    A registered platform's account without a token is marked `channel="platform"` with
    `attribution_trust="none"`, which is what policy's `require_attribution` looks at.
    """
    account_id = getattr(ctx.account, "account_id", None)
    attribution: Attribution | None
    if token:
        if verifier is None:
            raise _fail(UNKNOWN_PLATFORM, "no platforms are registered with this gateway")
        attribution = await verifier.verify_async(token, account_id=account_id)
    else:
        attribution = unsigned_attribution(body, ctx.api)
        platform = verifier.platform_for_account(account_id) if verifier is not None else None
        if platform is not None:
            ctx.channel, ctx.platform = "platform", platform.platform_id
    apply_attribution(ctx, attribution)
    return attribution


def apply_attribution(ctx: Any, attribution: Attribution | None) -> None:
    """Fill a `moat.context.RequestContext`'s attribute fields."""
    if attribution is None:
        return
    if attribution.trust == "signed":
        ctx.channel = "platform"
        ctx.platform = attribution.platform_id
    ctx.end_user_id = attribution.end_user_id
    ctx.end_user_org = attribution.org_hint
    ctx.attribution_trust = attribution.trust
