"""Platform attribution tokens: every failure mode has its own 401 code; unsigned fields are low trust."""

from __future__ import annotations

import base64
import json

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from moat.context import RequestContext
from moat.errors import AuthenticationFailed
from moat.identity import attribution as attr
from moat.identity.attribution import (
    UNKNOWN_PLATFORM,
    AttributionConfig,
    AttributionVerifier,
    PlatformRegistration,
    apply_attribution,
    sign_attribution,
    unsigned_attribution,
)
from moat.identity.attribution_nonces import MemoryNonceCache
from moat.platform.ed25519 import public_key_b64

NOW = 1_800_000_000.0
KEY = Ed25519PrivateKey.generate()
OTHER_KEY = Ed25519PrivateKey.generate()
SECRET = "a-shared-secret-of-reasonable-length"


class Clock:
    def __init__(self, now: float = NOW) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def verifier(clock: Clock | None = None, **config: float) -> AttributionVerifier:
    clock = clock or Clock()
    platforms = [
        PlatformRegistration("ide", "acct_ide", public_key=public_key_b64(KEY)),
        PlatformRegistration("agents", "acct_agents", hs256_secret=SECRET),
        PlatformRegistration("retired", "acct_retired", hs256_secret=SECRET, active=False),
    ]
    return AttributionVerifier(platforms, AttributionConfig(**config), MemoryNonceCache(clock), clock)


def token(**overrides: object) -> str:
    kwargs: dict = {"sub": "u_hash_1", "org": "rival-labs", "email_domain": "RivalLabs.com", "now": NOW}
    kwargs.update(overrides)
    platform = kwargs.pop("platform", "ide")
    key = kwargs.pop("key", KEY)
    return sign_attribution(platform, key, **kwargs)  # type: ignore[arg-type]


def b64(obj: object) -> str:
    raw = obj if isinstance(obj, bytes) else json.dumps(obj).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def refused(v: AttributionVerifier, tok: str, code: str, account_id: str | None = "acct_ide") -> str:
    with pytest.raises(AuthenticationFailed) as info:
        v.verify(tok, account_id=account_id)
    assert info.value.code == code, info.value.message
    assert info.value.status == 401
    return info.value.message


def test_valid_ed25519_token() -> None:
    a = verifier().verify(token(), account_id="acct_ide")
    assert (a.trust, a.platform_id, a.end_user_id, a.end_user_org) == ("signed", "ide", "u_hash_1", "rival-labs")
    assert a.email_domain == "rivallabs.com" and a.org_hint == "rival-labs"
    assert a.expires_at == NOW + 60 and a.nonce


def test_valid_hs256_token_and_pem_key() -> None:
    assert verifier().verify(token(platform="agents", key=SECRET), account_id="acct_agents").platform_id == "agents"
    pem = KEY.public_key().public_bytes(serialization.Encoding.PEM,
                                        serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    v = AttributionVerifier([PlatformRegistration("ide", "acct_ide", public_key=pem)], clock=Clock())
    assert v.verify(token()).platform_id == "ide"


def test_interoperates_with_pyjwt() -> None:
    claims = {"iss": "ide", "aud": "moat", "sub": "u", "iat": int(NOW), "exp": int(NOW) + 30, "jti": "n-1"}
    from_pyjwt = jwt.encode(claims, KEY, algorithm="EdDSA")
    assert verifier().verify(from_pyjwt, account_id="acct_ide").nonce == "n-1"
    ours = token(platform="agents", key=SECRET)
    decoded = jwt.decode(ours, SECRET, algorithms=["HS256"], audience="moat", options={"verify_exp": False,
                                                                                      "verify_iat": False})
    assert decoded["iss"] == "agents"


@pytest.mark.parametrize("bad", [
    "", "abc", "a.b", "a.b.c.d", "!!!.e30.sig",
    f"{b64({'typ': 'JWT'})}.{b64({})}.c2ln",  # header without alg
    f"{b64({'alg': 'EdDSA', 'crit': ['x']})}.{b64({})}.c2ln",
    f"{b64({'alg': 'EdDSA'})}.{b64(b'not json')}.c2ln",
    f"{b64({'alg': 'EdDSA'})}.{b64([1, 2])}.c2ln",
    "x" * 5000,
])
def test_malformed(bad: str) -> None:
    refused(verifier(), bad, attr.MALFORMED)


@pytest.mark.parametrize(("drop", "fragment"), [("jti", "jti"), ("sub", "sub"), ("iat", "iat"), ("exp", "iat")])
def test_malformed_missing_claims(drop: str, fragment: str) -> None:
    claims = {"iss": "agents", "aud": "moat", "sub": "u", "iat": int(NOW), "exp": int(NOW) + 30, "jti": "n"}
    del claims[drop]
    tok = jwt.encode(claims, SECRET, algorithm="HS256")
    assert fragment in refused(verifier(), tok, attr.MALFORMED, "acct_agents")


def test_malformed_claim_types() -> None:
    tok = token(platform="agents", key=SECRET, extra={"org": 5})
    refused(verifier(), tok, attr.MALFORMED, "acct_agents")
    tok = token(platform="agents", key=SECRET, extra={"iat": "yesterday"})
    refused(verifier(), tok, attr.MALFORMED, "acct_agents")


def test_unknown_and_inactive_platform() -> None:
    assert "'nobody'" in refused(verifier(), token(platform="nobody"), attr.UNKNOWN_PLATFORM)
    refused(verifier(), token(platform="retired", key=SECRET), attr.UNKNOWN_PLATFORM, "acct_retired")


def test_wrong_platform_for_the_calling_account() -> None:
    # A valid token of platform "ide" presented with the key of another account.
    message = refused(verifier(), token(), attr.WRONG_PLATFORM, account_id="acct_agents")
    assert "acct_agents" in message


def test_invalid_signature_other_key_and_tampering() -> None:
    refused(verifier(), token(key=OTHER_KEY), attr.INVALID_SIGNATURE)
    header, payload, sig = token().split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["org"] = "harmless-co"
    refused(verifier(), f"{header}.{b64(claims)}.{sig}", attr.INVALID_SIGNATURE)
    refused(verifier(), token(platform="agents", key="wrong-secret"), attr.INVALID_SIGNATURE, "acct_agents")


def test_algorithm_confusion_and_none_are_refused() -> None:
    # HS256 "signed" with the platform's public key, for an Ed25519 platform.
    public = base64.b64decode(public_key_b64(KEY))
    refused(verifier(), token(key=public), attr.BAD_ALGORITHM)
    header = b64({"alg": "none"})
    _, payload, _ = token().split(".")
    refused(verifier(), f"{header}.{payload}.", attr.BAD_ALGORITHM)


def test_wrong_audience() -> None:
    refused(verifier(), token(audience="someone-else"), attr.WRONG_AUDIENCE)
    assert verifier().verify(token(extra={"aud": ["x", "moat"]}), account_id="acct_ide")


def test_expiry_with_bounded_clock_skew() -> None:
    clock = Clock(NOW + 60 + 59)  # exp = NOW + 60; 59 s late is inside the 60 s skew
    assert verifier(clock).verify(token(), account_id="acct_ide")
    clock = Clock(NOW + 60 + 61)
    assert "expired" in refused(verifier(clock), token(), attr.EXPIRED)
    refused(verifier(Clock(NOW + 70), clock_skew=5), token(), attr.EXPIRED)


def test_not_yet_valid() -> None:
    refused(verifier(), token(now=NOW + 120), attr.NOT_YET_VALID)
    assert verifier().verify(token(now=NOW + 30), account_id="acct_ide")  # inside the skew
    refused(verifier(), token(extra={"nbf": int(NOW) + 500, "exp": int(NOW) + 600}), attr.NOT_YET_VALID)


def test_lifetime_too_long() -> None:
    refused(verifier(), token(lifetime=3600), attr.LIFETIME_TOO_LONG)
    assert verifier(max_lifetime=7200).verify(token(lifetime=3600), account_id="acct_ide")


def test_replay_in_process() -> None:
    v = verifier()
    tok = token()
    v.verify(tok, account_id="acct_ide")
    assert "already used" in refused(v, tok, attr.REPLAYED)
    # Same nonce from another platform is a different nonce.
    v.verify(token(platform="agents", key=SECRET, jti=tok and "same"), account_id="acct_agents")
    v.verify(token(jti="same"), account_id="acct_ide")


async def test_verify_async_with_memory_cache() -> None:
    v = verifier()
    tok = token()
    assert (await v.verify_async(tok, account_id="acct_ide")).platform_id == "ide"
    with pytest.raises(AuthenticationFailed) as info:
        await v.verify_async(tok, account_id="acct_ide")
    assert info.value.code == attr.REPLAYED


def test_memory_nonce_cache_forgets_after_ttl() -> None:
    clock = Clock(0.0)
    cache = MemoryNonceCache(clock)
    assert cache.claim("p:n", 1000) and not cache.claim("p:n", 1000)
    clock.now = 2.0
    assert cache.claim("other", 1000)  # sweeps the expired entry
    assert cache.claim("p:n", 1000)
    assert len(cache) == 2


def test_unsigned_fields_are_low_trust() -> None:
    a = unsigned_attribution({"safety_identifier": "sid-1", "user": "u-2"}, "openai")
    assert a is not None and (a.trust, a.source, a.end_user_id) == ("low", "safety_identifier", "sid-1")
    a = unsigned_attribution({"user": "Jane@RivalLabs.com"}, "openai")
    assert a is not None and a.source == "user" and a.email_domain == "rivallabs.com"
    assert a.end_user_id is not None and a.end_user_id.startswith("sha256:") and "jane" not in a.end_user_id
    a = unsigned_attribution({"metadata": {"user_id": "abc"}}, "anthropic")
    assert a is not None and (a.source, a.end_user_id) == ("metadata.user_id", "abc")
    assert unsigned_attribution({"user": ""}, "openai") is None
    assert unsigned_attribution({"metadata": "x"}, "anthropic") is None
    assert unsigned_attribution({"user": 5}, "openai") is None


def test_apply_attribution_fills_the_context() -> None:
    ctx = RequestContext("req_1", NOW, "/v1/messages", "anthropic")
    apply_attribution(ctx, verifier().verify(token(), account_id="acct_ide"))
    assert (ctx.channel, ctx.platform, ctx.end_user_id, ctx.end_user_org, ctx.attribution_trust) == (
        "platform", "ide", "u_hash_1", "rival-labs", "signed")
    ctx = RequestContext("req_2", NOW, "/v1/chat/completions", "openai")
    apply_attribution(ctx, unsigned_attribution({"user": "u9"}, "openai"))
    assert (ctx.channel, ctx.end_user_id, ctx.attribution_trust) == ("direct", "u9", "low")


def test_platform_registration_needs_a_key() -> None:
    with pytest.raises(ValueError):
        AttributionVerifier([PlatformRegistration("p", "a")])
    with pytest.raises(ValueError):
        AttributionVerifier([PlatformRegistration("p", "a", public_key="c2hvcnQ=")])
    v = verifier()
    assert v.platform_for_account("acct_ide") is not None and v.platform_for_account("zzz") is None
    v.unregister("ide")
    refused(v, token(), attr.UNKNOWN_PLATFORM)


async def test_attribute_stage() -> None:
    from moat.identity.attribution import attribute
    from moat.identity.models import Account

    v = verifier()
    ctx = RequestContext("r1", NOW, "/v1/messages", "anthropic", account=Account("acct_ide"))
    a = await attribute(ctx, token(), {"metadata": {"user_id": "ignored"}}, v)
    assert a is not None and (ctx.channel, ctx.platform, ctx.attribution_trust) == ("platform", "ide", "signed")
    # A platform's account without a token: left to policy (require_attribution), marked as a platform call.
    ctx = RequestContext("r2", NOW, "/v1/messages", "anthropic", account=Account("acct_ide"))
    a = await attribute(ctx, None, {"metadata": {"user_id": "u5"}}, v)
    assert (ctx.channel, ctx.platform, ctx.attribution_trust, ctx.end_user_id) == ("platform", "ide", "low", "u5")
    ctx = RequestContext("r3", NOW, "/v1/messages", "anthropic", account=Account("acct_ide"))
    assert await attribute(ctx, None, {}, v) is None
    assert (ctx.channel, ctx.attribution_trust) == ("platform", "none")
    # An ordinary account with a forged token: 401, never silently ignored.
    ctx = RequestContext("r4", NOW, "/v1/chat/completions", "openai", account=Account("acct_other"))
    with pytest.raises(AuthenticationFailed) as info:
        await attribute(ctx, token(), {}, v)
    assert info.value.code == attr.WRONG_PLATFORM
    with pytest.raises(AuthenticationFailed):
        await attribute(ctx, token(), {}, None)
    ctx = RequestContext("r5", NOW, "/v1/chat/completions", "openai", account=Account("acct_other"))
    await attribute(ctx, None, {"user": "x"}, None)
    assert (ctx.channel, ctx.attribution_trust) == ("direct", "low")


def test_platforms_from_records() -> None:
    from moat.identity.attribution import platforms_from_records

    regs = platforms_from_records([{"id": "ide", "account_id": "acct_ide", "public_key": public_key_b64(KEY)},
                                   {"platform_id": "agents", "account_id": "acct_agents", "secret": SECRET,
                                    "audience": "moat-prod", "active": False}])
    assert regs[0] == PlatformRegistration("ide", "acct_ide", public_key=public_key_b64(KEY))
    assert (regs[1].hs256_secret, regs[1].audience, regs[1].active) == (SECRET, "moat-prod", False)
    assert AttributionVerifier(regs, clock=Clock()).verify(token()).platform_id == "ide"


def test_load_swaps_the_whole_set_of_platforms_and_skips_a_bad_key() -> None:
    """The registry (moat.enforce.registry_follow) replaces the platforms at run time: the new set
    serves at once, a removed platform is unknown, its account no longer maps to it."""
    v = verifier()
    v.check(token(), account_id="acct_ide")
    v.load([PlatformRegistration("agents", "acct_agents", hs256_secret=SECRET),
            PlatformRegistration("broken", "acct_broken", public_key="not-a-key")])
    with pytest.raises(AuthenticationFailed) as removed:
        v.check(token(), account_id="acct_ide")
    assert removed.value.code == UNKNOWN_PLATFORM
    assert v.platform_for_account("acct_ide") is None
    assert v.check(token(platform="agents", key=SECRET), account_id="acct_agents").platform_id == "agents"
    assert v.platform_for_account("acct_broken") is None
