"""API keys: format, hashing, verification, expiry, revocation, import."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

import pytest

from moat.errors import AuthenticationFailed
from moat.identity import keys


def test_new_key_format_and_stored_form() -> None:
    key, secret = keys.new_key("acct-1", now=100.0, expires_at=200.0)
    assert re.fullmatch(r"moat_sk_[A-Za-z0-9_-]{40}", secret)
    assert re.fullmatch(r"key_[0-9a-f]{12}", key.key_id)
    assert key.prefix == secret[:16] and len(key.prefix) == 16
    assert key.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in repr(key)
    assert (key.account_id, key.created_at, key.expires_at, key.revoked_at) == ("acct-1", 100.0, 200.0, None)


def test_secrets_and_ids_are_unique() -> None:
    made = [keys.new_key("a") for _ in range(200)]
    assert len({s for _, s in made}) == 200
    assert len({k.key_id for k, _ in made}) == 200


LONG_A = "sk-bench-shared-prefix-0123456789-AAAA"
LONG_B = "sk-bench-shared-prefix-0123456789-BBBB"


def test_verify_picks_the_matching_candidate_among_shared_prefixes() -> None:
    a = keys.imported_key("acct-a", LONG_A)
    b = keys.imported_key("acct-b", LONG_B)
    assert a.prefix == b.prefix == "sk-bench-shared-"
    assert keys.verify(LONG_B, [a, b]) == b
    assert keys.verify(LONG_A, (a, b)) == a
    assert keys.verify(LONG_A.replace("AAAA", "CCCC"), [a, b]) is None
    assert keys.verify(LONG_A, []) is None


def test_check_accepts_a_live_key() -> None:
    key, secret = keys.new_key("acct-1", now=100.0, expires_at=200.0)
    assert keys.check(secret, [key], now=150.0) == key


@pytest.mark.parametrize("secret", ["", "short", "moat_sk_" + "x" * 40])
def test_check_rejects_unknown_secrets(secret: str) -> None:
    key, _ = keys.new_key("acct-1")
    with pytest.raises(AuthenticationFailed) as info:
        keys.check(secret, [key])
    assert info.value.message == "Invalid API key" and info.value.status == 401


def test_check_rejects_an_expired_key_saying_when() -> None:
    key, secret = keys.new_key("acct-1", now=0.0, expires_at=1_767_225_600.0)  # 2026-01-01T00:00:00Z
    with pytest.raises(AuthenticationFailed) as info:
        keys.check(secret, [key], now=1_767_225_600.0)
    assert info.value.message == "API key expired at 2026-01-01T00:00:00Z"
    assert info.value.code == "key_expired"
    assert keys.check(secret, [key], now=1_767_225_599.0) == key


def test_check_rejects_a_revoked_key() -> None:
    key, secret = keys.new_key("acct-1", now=0.0)
    revoked = replace(key, revoked_at=10.0)
    with pytest.raises(AuthenticationFailed) as info:
        keys.check(secret, [revoked], now=11.0)
    assert info.value.message == "API key has been revoked" and info.value.code == "key_revoked"


def test_revocation_wins_over_expiry() -> None:
    key, secret = keys.new_key("acct-1", now=0.0, expires_at=5.0)
    with pytest.raises(AuthenticationFailed, match="revoked"):
        keys.check(secret, [replace(key, revoked_at=1.0)], now=10.0)


def test_import_validates_the_secret() -> None:
    key = keys.imported_key("acct-1", LONG_A)
    assert key.prefix == LONG_A[:16] and key.meta == {"source": "imported"}
    assert keys.check(LONG_A, [key]) == key
    with pytest.raises(ValueError, match="at least 8"):
        keys.imported_key("acct-1", "x" * 7)
    with pytest.raises(ValueError, match="whitespace"):
        keys.imported_key("acct-1", "sk-bench 0123456789")


@pytest.mark.parametrize("secret", ["sk-bench-1234", "x" * 16, "sk-bench-0123456789abcdef", "y" * 31])
def test_a_short_secret_gets_a_hashed_prefix_that_reveals_none_of_it(secret: str) -> None:
    key = keys.imported_key("acct-1", secret)  # e.g. the benchmark harness's key
    assert key.prefix == keys.key_prefix(secret) and len(key.prefix) == 16 and key.prefix.startswith("~")
    assert secret[:4] not in key.prefix and secret[:4] not in repr(key)
    assert keys.check(secret, [key]) == key
    assert keys.key_prefix(secret + "!") != key.prefix
