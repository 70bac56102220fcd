"""Replay protection shared through real Redis: across cache instances and across processes."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import moat
from moat.errors import AuthenticationFailed
from moat.identity.attribution import REPLAYED, AttributionVerifier, PlatformRegistration, sign_attribution
from moat.identity.attribution_nonces import AsyncRedisNonceCache, RedisNonceCache

pytestmark = pytest.mark.redis
SECRET = "shared-secret-for-redis-tests"
PLATFORM = PlatformRegistration("ide", "acct_ide", hs256_secret=SECRET)


def test_replay_across_two_cache_instances(redis_url: str, redis_prefix: str) -> None:
    first = AttributionVerifier([PLATFORM], nonces=RedisNonceCache.from_url(redis_url, redis_prefix))
    second = AttributionVerifier([PLATFORM], nonces=RedisNonceCache.from_url(redis_url, redis_prefix))
    tok = sign_attribution("ide", SECRET, sub="u1")
    first.verify(tok, account_id="acct_ide")
    with pytest.raises(AuthenticationFailed) as info:
        second.verify(tok, account_id="acct_ide")
    assert info.value.code == REPLAYED
    # The nonce expires with the token (exp + skew), not never.
    import redis

    ttl = redis.Redis.from_url(redis_url).pttl(f"{redis_prefix}nonce:ide:{tok and first.check(tok).nonce}")
    assert 60_000 < ttl <= 120_000


async def test_replay_across_async_instances(redis_url: str, redis_prefix: str) -> None:
    caches = [AsyncRedisNonceCache.from_url(redis_url, redis_prefix) for _ in range(2)]
    verifiers = [AttributionVerifier([PLATFORM], nonces=c) for c in caches]
    tok = sign_attribution("ide", SECRET, sub="u2")
    await verifiers[0].verify_async(tok, account_id="acct_ide")
    with pytest.raises(AuthenticationFailed) as info:
        await verifiers[1].verify_async(tok, account_id="acct_ide")
    assert info.value.code == REPLAYED
    for c in caches:
        await c._client.aclose()


WORKER = textwrap.dedent("""
    import sys, time
    from moat.errors import AuthenticationFailed
    from moat.identity.attribution import AttributionVerifier, PlatformRegistration
    from moat.identity.attribution_nonces import RedisNonceCache
    url, prefix, secret, start = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    v = AttributionVerifier([PlatformRegistration("ide", "acct_ide", hs256_secret=secret)],
                            nonces=RedisNonceCache.from_url(url, prefix))
    tokens = sys.stdin.read().split()
    v.check(tokens[0])  # warm up before the shared start time
    while time.time() < start:
        pass
    for tok in tokens:
        try:
            v.verify(tok, account_id="acct_ide")
            print("ok")
        except AuthenticationFailed as exc:
            print(exc.code)
""")


def test_replay_across_two_processes(redis_url: str, redis_prefix: str, tmp_path: Path) -> None:
    """Two gateway processes race on the same 200 tokens: each token is accepted exactly once."""
    tokens = [sign_attribution("ide", SECRET, sub=f"u{i}", lifetime=120) for i in range(200)]
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    src = str(Path(moat.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    start = time.time() + 1.5
    procs = [subprocess.Popen([sys.executable, str(script), redis_url, redis_prefix, SECRET, str(start)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=env, text=True) for _ in range(2)]
    outputs = []
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("\n".join(tokens))
        p.stdin.close()
    for p in procs:
        assert p.stdout is not None and p.stderr is not None
        out, err = p.stdout.read(), p.stderr.read()
        assert p.wait(timeout=30) == 0, err
        outputs.append(out.split())
    for a, b in zip(*outputs, strict=True):
        assert sorted([a, b]) == ["attribution_replayed", "ok"]
