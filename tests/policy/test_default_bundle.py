"""The bundle shipped with Moat expresses the product's scenario (issue 4, item 5)."""

from __future__ import annotations

import pytest

from moat.context import ResolvedEntity
from moat.policy import Engine, load_bundle
from moat.policy.bundle import DEFAULT_DIR
from moat.policy.testing import run_tests
from tests.policy.conftest import SetDirectory, make_ctx

# rival-sub is not marked restricted itself: the directory restricts it through >50% ownership.
DIRECTORY = SetDirectory("rival-labs", "rival-sub", domains={"rival.ai": "rival-labs", "acme.com": "acme"})


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_bundle(None))


def test_shipped_policy_tests_pass(engine: Engine) -> None:
    results = run_tests(engine, DEFAULT_DIR)
    assert len(results) >= 10
    assert [r.failures for r in results if not r.passed] == []


@pytest.mark.parametrize("org", ["rival-labs", "rival-sub"])
def test_restricted_org_and_subsidiary_denied_directly(engine: Engine, org: str) -> None:
    d = engine.decide(make_ctx(org=org, plan="team", request_id="req_xyz"), DIRECTORY)
    assert (d.effect, d.reason_code, d.status) == ("deny", "competitive_use_restricted", 403)
    assert "appeal" in d.message and "dec_xyz" in d.message
    assert d.limits == {} and d.label == "deny:competitive_use_restricted"


def test_restricted_end_user_through_a_platform_denied(engine: Engine) -> None:
    ctx = make_ctx(org="ide-vendor", plan="enterprise", channel="platform", platform="some-ide",
                   end_user_id="u1", end_user_org="rival-sub", attribution_trust="signed")
    d = engine.decide(ctx, DIRECTORY)
    assert (d.effect, d.reason_code) == ("deny", "competitive_use_restricted")
    assert "restricted-org-via-platform" in d.rules
    ok = make_ctx(org="ide-vendor", plan="enterprise", channel="platform", platform="some-ide",
                  end_user_id="u2", end_user_org="acme", attribution_trust="signed")
    assert engine.decide(ok, DIRECTORY).allowed


def test_account_on_a_restricted_domain_denied(engine: Engine) -> None:
    d = engine.decide(make_ctx(plan="pro", email="jo@rival.ai"), DIRECTORY)
    assert (d.effect, d.reason_code) == ("deny", "competitive_use_restricted")
    assert engine.decide(make_ctx(plan="pro", email="jo@acme.com"), DIRECTORY).allowed
    via_domain = make_ctx(org="ide-vendor", plan="enterprise", channel="platform", platform="some-ide",
                          end_user_id="u1", end_user_org="rival.ai", attribution_trust="signed")
    assert engine.decide(via_domain, DIRECTORY).reason_code == "competitive_use_restricted"


def test_linked_personal_account_denied(engine: Engine) -> None:
    ctx = make_ctx(plan="pro", entity=ResolvedEntity(org_id="rival-labs", confidence=0.8))
    assert engine.decide(ctx, DIRECTORY).reason_code == "competitive_use_restricted"


def test_consumer_subscription_automation(engine: Engine) -> None:
    outside = engine.decide(make_ctx(plan="pro", credential="consumer_subscription", user_agent="curl/8"))
    assert (outside.effect, outside.reason_code) == ("deny", "consumer_plan_automation")
    inside = engine.decide(make_ctx(plan="pro", credential="consumer_subscription", first_party=True))
    assert inside.allowed and set(inside.limits) == {"consumer_human_pace", "plan_pro"}
    spec_names = {c.spec.name for c in engine.checks(inside)}
    assert "consumer_human_pace/requests_per_minute" in spec_names
    assert engine.limit_refusal(inside, "consumer_human_pace/requests_per_minute")[0] == "consumer_plan_automation"
    assert engine.limit_refusal(inside, "plan_pro/requests_per_minute")[0] == "rate_limited"


def test_high_distillation_risk_redacts_and_flags(engine: Engine) -> None:
    d = engine.decide(make_ctx(reasoning=True, scores={"distillation": 0.95}))
    assert d.allowed and d.redact_reasoning and d.flag and d.reason_code == "distillation_risk"
    cluster = engine.decide(make_ctx(scores={"cluster.distillation": 0.9}))
    assert cluster.redact_reasoning and cluster.flag
    low = engine.decide(make_ctx(scores={"distillation": 0.3}))
    assert not low.redact_reasoning and not low.flag


@pytest.mark.parametrize("plan", ["free", "pro", "max", "team", "enterprise", "api"])
def test_every_plan_has_rate_limits_and_token_quotas(engine: Engine, plan: str) -> None:
    d = engine.decide(make_ctx(plan=plan, org="acme"))
    assert d.effect == "throttle" and list(d.limits) == [f"plan_{plan}"]
    kinds = {c.spec.kind for c in engine.checks(d)}
    assert {"requests", "input_tokens", "output_tokens", "concurrency"} <= kinds
    org_keyed = plan in ("team", "enterprise")
    assert d.limits[f"plan_{plan}"] == ("organization=acme" if org_keyed else "account=acct_1")


def test_bare_context_without_account(engine: Engine) -> None:
    from moat.context import RequestContext

    d = engine.decide(RequestContext(request_id="req_anon", started=0.0, endpoint="/v1/messages", api="anthropic"))
    assert d.allowed and d.limits == {} and d.decision_id == "dec_anon"


def test_a_bad_context_field_does_not_switch_off_other_rules(engine: Engine) -> None:
    ctx = make_ctx(org="rival-labs", scores={"distillation": "very high"})
    d = engine.decide(ctx, DIRECTORY)
    assert (d.effect, d.reason_code) == ("deny", "competitive_use_restricted")
    assert any("scores.distillation unreadable" in line for line in d.explanation)
