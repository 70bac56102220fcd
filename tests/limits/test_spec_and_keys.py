"""LimitSpec validation, key expressions from a RequestContext, and the auto factory."""

from __future__ import annotations

import pytest

from moat.config import Settings
from moat.context import RequestContext
from moat.identity.models import Account, ApiKey, Organization
from moat.limits import (
    Check,
    Demand,
    LimitSpec,
    MemoryLimiter,
    auto_limiter,
    checks_for,
    demand_for,
    key_value,
)


@pytest.mark.parametrize("bad", [
    {"name": "", "kind": "requests", "limit": 1},
    {"name": "a{b}", "kind": "requests", "limit": 1},
    {"name": "x", "kind": "bytes", "limit": 1},
    {"name": "x", "kind": "requests", "limit": 0},
    {"name": "x", "kind": "requests", "limit": 1.5},
    {"name": "x", "kind": "requests", "limit": 1, "period": 0},
    {"name": "x", "kind": "requests", "limit": 1, "burst": 0},
    {"name": "x", "kind": "requests", "limit": 1, "fail_mode": "maybe"},
])
def test_invalid_specs_are_refused_at_load(bad: dict) -> None:
    with pytest.raises(ValueError, match="limit"):
        LimitSpec(**bad)


def test_specs_are_hashable_values() -> None:
    assert LimitSpec("rpm", "requests", 10) == LimitSpec("rpm", "requests", 10)
    assert len({LimitSpec("rpm", "requests", 10), LimitSpec("rpm", "requests", 10)}) == 1
    spec = LimitSpec("tpd", "tokens", 7, period=86_400)
    assert spec.cost_us(1) == 12_342_857_143  # 86,400 s / 7 in µs, rounded up


def context(**extra: object) -> RequestContext:
    ctx = RequestContext(request_id="req_1", started=0.0, endpoint="/v1/chat/completions", api="openai",
                         client_ip="10.0.0.1", model="m1", max_tokens=None, input_tokens_estimate=120)
    ctx.key = ApiKey("key_1", "acct_1", "sk-x", "hash", 0.0)
    ctx.account = Account("acct_1", plan="pro", org_id="org_1")
    for name, value in extra.items():
        setattr(ctx, name, value)
    return ctx


def test_key_expressions_read_the_context() -> None:
    ctx = context(platform="ide", end_user_id="u7", org=Organization("org_2"))
    assert key_value("key", ctx) == "key=key_1"
    assert key_value("account", ctx) == "account=acct_1"
    assert key_value("organization", ctx) == "organization=org_2"  # the authenticated org wins
    assert key_value("entity", ctx) == "entity=org_2"
    assert key_value("plan", ctx) == "plan=pro"
    assert key_value("end_user", ctx) == "end_user=ide/u7"
    assert key_value("ip", ctx) == "ip=10.0.0.1"
    assert key_value("global", ctx) == "global=*"
    with pytest.raises(ValueError, match="unknown limit key expression"):
        key_value("colour", ctx)


def test_limits_whose_key_is_absent_do_not_apply() -> None:
    per_user = LimitSpec("per-user", "requests", 5, key="end_user")
    per_account = LimitSpec("per-account", "requests", 5, key="account")
    assert checks_for([per_user, per_account], context()) == [Check(per_account, "account=acct_1")]


def test_the_demand_reserves_max_tokens_or_the_default() -> None:
    assert demand_for(context(), default_max_tokens=4096) == Demand(120, 4096)
    assert demand_for(context(max_tokens=256), default_max_tokens=4096) == Demand(120, 256)


async def test_auto_picks_redis_when_configured_else_memory() -> None:
    from moat.limits.redis_backend import RedisLimiter

    assert isinstance(auto_limiter(Settings()), MemoryLimiter)
    limiter = auto_limiter(Settings(redis_url="redis://127.0.0.1:1/0", redis_prefix="x:"))
    assert isinstance(limiter, RedisLimiter)  # built without connecting
    assert limiter.redis_key(Check(LimitSpec("rpm", "requests", 1), "account=a")) == "{x:rpm:account=a}"
    await limiter.aclose()
