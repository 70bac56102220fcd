"""Rule effects and how they combine: deny overrides, priorities, shadow, warn, order independence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from moat.policy import Engine, load_bundle
from tests.policy.conftest import SetDirectory, make_ctx

LIMITS = """
limits:
  - {name: per_account, key: account, requests_per_minute: 10}
  - {name: per_org, key: organization, requests_per_minute: 100, input_tokens_per_day: 5000}
  - {name: per_user, key: end_user, requests_per_minute: 5}
  - {name: per_model, key: 'request.model + ":" + account.id', concurrency: 2}
"""


def test_no_rule_allows(engine_for: Callable[..., Engine]) -> None:
    d = engine_for("rules:\n  - {id: never, effect: deny, when: 'false'}\n").decide(make_ctx())
    assert (d.effect, d.reason_code, d.rules, d.allowed) == ("allow", "allowed", [], True)
    assert d.policy_revision and d.decision_id == "dec_abc123"


def test_deny_with_reason_and_message(engine_for: Callable[..., Engine]) -> None:
    e = engine_for("""
        rules:
          - id: free-no-big-model
            when: account.plan == "free" && request.model == "big"
            effect: deny
            reason: plan_model
            message: "Upgrade to use this model (decision {decision_id})."
        """)
    d = e.decide(make_ctx(plan="free", model="big"))
    assert (d.effect, d.reason_code, d.status, d.label) == ("deny", "plan_model", 403, "deny:plan_model")
    assert d.message == "Upgrade to use this model (decision dec_abc123)."
    assert d.rules == ["free-no-big-model"] and "free-no-big-model" in d.explanation[0]
    assert e.decide(make_ctx(plan="pro", model="big")).effect == "allow"
    assert e.decide(make_ctx(plan="free", model="small")).effect == "allow"


def test_throttle_names_limits_with_key_values(engine_for: Callable[..., Engine]) -> None:
    e = engine_for(LIMITS, """
        rules:
          - {id: t1, effect: throttle, limit: per_account, reason: slow_down}
          - {id: t2, effect: throttle, limit: [per_org, per_user, per_model]}
        """)
    d = e.decide(make_ctx(org="acme", channel="platform", platform="ide", end_user_id="u7"))
    assert d.effect == "throttle" and d.allowed
    assert d.limits == {"per_account": "account=acct_1", "per_org": "organization=acme",
                        "per_user": "end_user=ide/u7", "per_model": "expr=m1:acct_1"}
    d2 = e.decide(make_ctx())  # no org, no end user: those limits do not apply
    assert d2.limits == {"per_account": "account=acct_1", "per_model": "expr=m1:acct_1"}
    checks = e.checks(d)
    names = sorted(c.spec.name for c in checks)
    assert names == ["per_account", "per_model", "per_org/input_tokens_per_day",
                     "per_org/requests_per_minute", "per_user"]
    assert {c.key for c in checks if c.spec.name.startswith("per_org")} == {"organization=acme"}
    assert e.limit_refusal(d, "per_account")[0] == "slow_down"
    assert e.limit_refusal(d, "per_org/requests_per_minute")[0] == "t2"


def test_redact_flag_cap(engine_for: Callable[..., Engine]) -> None:
    e = engine_for("""
        rules:
          - {id: redact, effect: redact_reasoning, when: scores.distillation > 0.8, reason: distill}
          - {id: case, effect: flag, when: scores.distillation > 0.8, reason: distill}
          - {id: cap-a, effect: cap, max_tokens: 2000, when: account.plan == "free"}
          - {id: cap-b, effect: cap, max_tokens: 1000, models: ["small-*", "mini"], when: account.plan == "free"}
        """)
    d = e.decide(make_ctx(plan="free", model="small-2", scores={"distillation": 0.9}))
    assert (d.effect, d.redact_reasoning, d.flag) == ("allow", True, True)
    assert d.max_tokens_cap == 1000 and d.allowed_models == ["small-*", "mini"]
    assert d.reason_code in ("distill", "cap-a", "cap-b")
    refused = e.decide(make_ctx(plan="free", model="large"))
    assert refused.effect == "deny" and refused.reason_code == "cap-b"
    assert "not among the allowed" in " ".join(refused.explanation)
    clean = e.decide(make_ctx(plan="pro", scores={"distillation": 0.1}))
    assert (clean.redact_reasoning, clean.flag, clean.max_tokens_cap) == (False, False, None)


def test_require_attribution(engine_for: Callable[..., Engine]) -> None:
    e = engine_for("""
        rules:
          - {id: attr, effect: require_attribution, when: platform.name == "ide", reason: attribution_required}
        """)
    unsigned = e.decide(make_ctx(channel="platform", platform="ide", attribution_trust="low"))
    assert (unsigned.effect, unsigned.reason_code) == ("deny", "attribution_required")
    signed = e.decide(make_ctx(channel="platform", platform="ide", end_user_id="u", attribution_trust="signed"))
    assert signed.effect == "allow" and signed.rules == ["attr"]
    assert e.decide(make_ctx()).effect == "allow"


def test_deny_overrides_allow_at_equal_priority(engine_for: Callable[..., Engine]) -> None:
    e = engine_for("""
        rules:
          - {id: a-allow, effect: allow, reason: partner}
          - {id: z-deny, effect: deny, reason: blocked}
        """)
    d = e.decide(make_ctx())
    assert (d.effect, d.reason_code) == ("deny", "blocked")
    assert d.rules == ["a-allow", "z-deny"]
    assert any("deny overrides allow" in line for line in d.explanation)


def test_higher_priority_allow_overrides_deny_but_not_limits(engine_for: Callable[..., Engine]) -> None:
    e = engine_for(LIMITS, """
        rules:
          - {id: restricted, effect: deny, when: org.restricted, priority: 10, reason: competitive_use_restricted}
          - {id: red-team-contract, effect: allow, when: account.id == "acct_rt", priority: 20, reason: contract}
          - {id: quota, effect: throttle, limit: per_account}
        """)
    dv = SetDirectory("rival")
    exception = e.decide(make_ctx(account_id="acct_rt", org="rival"), dv)
    assert exception.effect == "throttle" and exception.limits == {"per_account": "account=acct_rt"}
    assert any("overrides restricted" in line for line in exception.explanation)
    other = e.decide(make_ctx(account_id="acct_2", org="rival"), dv)
    assert (other.effect, other.reason_code, other.limits) == ("deny", "competitive_use_restricted", {})


def test_higher_priority_deny_beats_lower_allow(engine_for: Callable[..., Engine]) -> None:
    e = engine_for("""
        rules:
          - {id: allow-all, effect: allow, priority: 1}
          - {id: deny-free, effect: deny, when: account.plan == "free", priority: 5}
        """)
    assert e.decide(make_ctx(plan="free")).effect == "deny"
    assert e.decide(make_ctx(plan="pro")).effect == "allow"


def test_first_refusal_by_priority_then_id(engine_for: Callable[..., Engine]) -> None:
    e = engine_for("""
        rules:
          - {id: b, effect: deny, reason: second}
          - {id: a, effect: deny, reason: first}
          - {id: c, effect: deny, reason: top, priority: 3, when: account.plan == "free"}
        """)
    assert e.decide(make_ctx()).reason_code == "first"
    assert e.decide(make_ctx(plan="free")).reason_code == "top"


RULES = [
    "  - {id: r-allow, effect: allow, when: account.plan == \"team\", reason: team_ok}",
    "  - {id: r-deny, effect: deny, when: account.plan == \"team\" && scores.risk > 0.5, reason: risky}",
    "  - {id: r-flag, effect: flag, when: scores.risk > 0.3, reason: watch}",
    "  - {id: r-warn, effect: deny, when: scores.risk > 0.2, reason: warned, mode: warn}",
    "  - {id: r-shadow, effect: deny, when: scores.risk > 0.1, reason: shadowed, mode: shadow}",
    "  - {id: r-cap, effect: cap, max_tokens: 100, when: request.max_tokens > 100}",
]


def test_outcome_does_not_depend_on_file_order(bundle_dir: Callable[..., Path]) -> None:
    one = bundle_dir({"all.yaml": "rules:\n" + "\n".join(RULES) + "\n"})
    rev = bundle_dir({"all.yaml": "rules:\n" + "\n".join(reversed(RULES)) + "\n"})
    split = bundle_dir({f"{9 - i}.yaml": "rules:\n" + r + "\n" for i, r in enumerate(RULES)})
    engines = [Engine(load_bundle(d)) for d in (one, rev, split)]
    for risk in (0.0, 0.15, 0.25, 0.4, 0.6):
        for plan in ("team", "pro"):
            ctx = make_ctx(plan=plan, scores={"risk": risk}, max_tokens=500)
            got = [e.decide(ctx) for e in engines]
            keys = [(d.effect, d.reason_code, d.rules, d.flag, d.warnings, d.shadow, d.max_tokens_cap) for d in got]
            assert keys[0] == keys[1] == keys[2]


def test_shadow_records_but_never_changes_the_outcome(engine_for: Callable[..., Engine]) -> None:
    e = engine_for(LIMITS, """
        rules:
          - {id: s-deny, effect: deny, mode: shadow, reason: would_deny}
          - {id: s-throttle, effect: throttle, limit: per_account, mode: shadow}
          - {id: s-redact, effect: redact_reasoning, mode: shadow}
        """)
    d = e.decide(make_ctx())
    assert (d.effect, d.reason_code, d.redact_reasoning, d.limits) == ("allow", "allowed", False, {})
    assert sorted(d.shadow) == ["s-deny:deny", "s-redact:redact_reasoning", "s-throttle:throttle"]
    assert d.rules == [] and len(d.explanation) == 4


def test_warn_allows_with_a_warning(engine_for: Callable[..., Engine]) -> None:
    e = engine_for("""
        rules:
          - {id: w, effect: deny, mode: warn, reason: consumer_plan_automation, message: "Slow down."}
        """)
    d = e.decide(make_ctx())
    assert (d.effect, d.allowed) == ("allow", True)
    assert d.warnings == ["consumer_plan_automation: Slow down."] and d.rules == ["w"]


def test_evaluation_error_is_no_match_and_explained(engine_for: Callable[..., Engine]) -> None:
    e = engine_for("""
        rules:
          - {id: boom, effect: deny, when: 'limits.missing.remaining < 1.0'}
          - {id: fine, effect: flag, when: 'true'}
        """)
    d = e.decide(make_ctx())
    assert d.effect == "allow" and d.flag and d.rules == ["fine"]
    assert any("boom: evaluation error" in line for line in d.explanation)
    assert e.errors == 1
    ok = e.decide(make_ctx(extra={"limits": {"missing": {"remaining": 0.0, "limit": 5.0}}}))
    assert ok.effect == "deny"


def test_index_skips_rules_that_cannot_apply(engine_for: Callable[..., Engine]) -> None:
    e = engine_for("""
        rules:
          - {id: org-a, effect: deny, when: 'org.id in ["a", "b"] && request.max_tokens > 10'}
          - {id: model-x, effect: flag, when: request.model == "x"}
          - {id: plat, effect: flag, when: platform.name == "ide" && account.plan == "pro"}
        """)
    trace = dict((cr.rule.id, result) for cr, result in e.trace({"org": {"id": "c"}, "request": {"model": "y"}}))
    assert all(r.startswith("skipped by the index") for r in trace.values())
    assert e.decide(make_ctx(org="b", max_tokens=50)).effect == "deny"
    assert e.decide(make_ctx(org="b", max_tokens=5)).effect == "allow"
    assert e.decide(make_ctx(model="x")).flag
    assert e.decide(make_ctx(plan="pro", channel="platform", platform="ide")).flag
    assert not e.decide(make_ctx(plan="free", channel="platform", platform="ide")).flag


def test_cel_only_conditions(engine_for: Callable[..., Engine]) -> None:
    e = engine_for("""
        rules:
          - id: owned
            effect: deny
            when: org.owners.exists(o, o.id == "parent" && o.share > 0.5)
          - id: night
            effect: flag
            when: time.now > timestamp("2020-01-01T00:00:00Z") && time.hour >= 0
          - id: evidence
            effect: flag
            when: entity.evidence.exists(e, e.startsWith("sso"))
        """)
    from moat.context import ResolvedEntity
    from moat.identity.models import Organization, Ownership

    ctx = make_ctx(org="sub")
    ctx.org = Organization(org_id="sub", owners=(Ownership("parent", 0.6),))
    ctx.entity = ResolvedEntity(org_id="sub", evidence=["sso tenant acme"])
    d = e.decide(ctx)
    assert d.effect == "deny" and d.rules == ["evidence", "night", "owned"]
    assert e.decide(make_ctx()).rules == ["night"]


def test_cel_only_throttle_and_key(engine_for: Callable[..., Engine]) -> None:
    e = engine_for("""
        limits:
          - {name: by_owner, key: 'org.owners.filter(o, o.share > 0.5).map(o, o.id)[0]', requests_per_minute: 5}
        rules:
          - {id: owned, effect: throttle, limit: by_owner, when: 'org.owners.exists(o, o.share > 0.5)'}
        """)
    from moat.identity.models import Organization, Ownership

    ctx = make_ctx(org="sub")
    ctx.org = Organization(org_id="sub", owners=(Ownership("p1", 0.6), Ownership("p2", 0.4)))
    d = e.decide(ctx)
    assert (d.effect, d.limits) == ("throttle", {"by_owner": "expr=p1"})
    assert e.decide_values({"org": {"owners": [{"id": "p3", "share": 0.7}]}}).limits == {"by_owner": "expr=p3"}


def test_a_limit_key_that_fails_is_not_applied(engine_for: Callable[..., Engine]) -> None:
    e = engine_for("""
        limits:
          - {name: odd, key: 'limits.x.remaining > 0.0 ? "a" : "b"', requests_per_minute: 5}
          - {name: plain, key: account, requests_per_minute: 5}
        rules:
          - {id: t, effect: throttle, limit: [odd, plain]}
        """)
    d = e.decide(make_ctx())
    assert d.limits == {"plain": "account=acct_1"} and e.errors == 1
    assert any("limit odd key: evaluation error" in line for line in d.explanation)
