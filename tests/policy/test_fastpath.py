"""pyfast (generated Python for simple conditions) must decide exactly as CEL does."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moat.context import RequestContext
from moat.policy import Engine, load_bundle
from moat.policy.analysis import analyse
from tests.policy.conftest import make_ctx

CONDITIONS = [
    'account.plan == "free"',
    'account.plan != "free" && scores.distillation >= 0.5',
    "scores.distillation > 0.5 || scores.cluster.risk < 0.2",
    "!account.verified && account.age_days < 3.0",
    "account.age_days < 3",
    "request.max_tokens > 1000 && request.reasoning",
    "request.max_tokens == 0 || request.input_tokens >= 2048",
    'account.email_domain in ["gmail.com", "example.com"]',
    'account.email_domain.endsWith(".com") && !request.stream',
    'request.model.startsWith("big") ? scores.risk > 0.1 : scores.risk > 0.9',
    'request.user_agent.contains("python")',
    'account.country == "" || account.country < "M"',
    "time.hour >= 22 || time.hour < 6",
    "time.weekday == 5 || time.weekday == 6",
    'end_user.trust != "signed" && platform.relayed',
    '(account.id + "/" + key.id) == "acct_1/key_1"',
    "scores.distillation == 1 || request.turn > 3",
    "!(org.restricted || entity.restricted)",
]


def bundle_text() -> str:
    rules = "\n".join(f"  - {{id: r{i}, effect: flag, when: '{c}'}}" for i, c in enumerate(CONDITIONS))
    return f"rules:\n{rules}\n  - {{id: attr, effect: require_attribution, when: platform.relayed}}\n"


def test_every_condition_is_in_the_fast_subset() -> None:
    missing = [c for c in CONDITIONS if not analyse(c, indexable=False).python]
    assert not missing


def test_outside_the_subset_stays_in_cel() -> None:
    for cond in ('org.owners.exists(o, o.share > 0.5)', 'time.now > timestamp("2024-01-01T00:00:00Z")',
                 "request.max_tokens + 1 > 5", 'account.plan.matches("^f")', "size(entity.evidence) > 0",
                 "limits.x.remaining < 1.0", 'account.plan == 1 || true'):
        assert analyse(cond).python is None, cond


contexts = st.builds(
    lambda plan, verified, age, domain, distill, risk, max_tokens, reasoning, stream, model, ua, country,
    started, relayed, trust, turn, restricted: _ctx(
        plan, verified, age, domain, distill, risk, max_tokens, reasoning, stream, model, ua, country, started,
        relayed, trust, turn, restricted),
    st.sampled_from(["free", "pro", "api", ""]), st.booleans(), st.floats(0, 10),
    st.sampled_from(["gmail.com", "example.com", "acme.io", ""]), st.sampled_from([0.0, 0.5, 0.51, 1.0, 0.2]),
    st.floats(0, 1), st.sampled_from([None, 0, 1000, 1001, 4096]), st.booleans(), st.booleans(),
    st.sampled_from(["big-1", "small", ""]), st.sampled_from(["python-httpx", "curl", None]),
    st.sampled_from(["", "DE", "US", "FR"]), st.floats(0, 2e9), st.booleans(),
    st.sampled_from(["none", "low", "signed"]), st.integers(1, 6), st.booleans(),
)


def _ctx(plan: str, verified: bool, age: float, domain: str, distill: float, risk: float, max_tokens: int | None,
         reasoning: bool, stream: bool, model: str, ua: str | None, country: str, started: float, relayed: bool,
         trust: str, turn: int, restricted: bool) -> RequestContext:
    ctx = make_ctx(plan=plan, verified=verified, model=model, started=started, org="o" if restricted else None,
                   org_restricted=restricted)
    assert ctx.account is not None
    from dataclasses import replace

    ctx.account = replace(ctx.account, email=f"x@{domain}" if domain else "", country=country or None,
                          created_at=started - age * 86400)
    ctx.scores = {"distillation": distill, "cluster.risk": risk, "risk": risk}
    ctx.max_tokens, ctx.reasoning, ctx.stream, ctx.user_agent, ctx.turn = max_tokens, reasoning, stream, ua, turn
    ctx.input_tokens_estimate = 2048 if stream else 10
    ctx.channel, ctx.attribution_trust = ("platform" if relayed else "direct"), trust
    return ctx


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory) -> tuple[Engine, Engine]:
    directory = tmp_path_factory.mktemp("fastpath")
    (directory / "policy.yaml").write_text(bundle_text())
    bundle = load_bundle(directory)
    return Engine(bundle), Engine(bundle, fast=False)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ctx=contexts)
def test_fast_and_cel_engines_agree(engines: tuple[Engine, Engine], ctx: RequestContext) -> None:
    fast, slow = engines
    a, b = fast.decide(ctx), slow.decide(ctx)
    assert (a.effect, a.rules, a.flag, a.reason_code) == (b.effect, b.rules, b.flag, b.reason_code)
