"""A reviewer's restriction tightens the decide stage's decision into a new value (issue 14 item 2):
the bundle's decision, which the decision log explains, is never rewritten."""

from __future__ import annotations

import copy

from moat.context import Decision, RequestContext
from moat.enforce.models import Restriction
from moat.gateway.restrict import apply_restriction
from moat.identity.models import Account
from moat.policy import Engine
from moat.policy.bundle import DEFAULT_DIR, load_bundle


def test_a_restriction_makes_a_new_decision() -> None:
    engine = Engine(load_bundle(DEFAULT_DIR))
    ctx = RequestContext(request_id="req_1", started=0.0, endpoint="/v1/chat/completions", api="openai",
                         account=Account("acct", plan="pro"))
    decided = Decision("dec_1", max_tokens_cap=4000, allowed_models=["a", "b"], rules=["r1"],
                       limits={"plan_pro": "acct"})
    before = copy.deepcopy(decided)
    restricted = apply_restriction(decided, Restriction(limit="plan_free", redact_reasoning=True, max_tokens=1000,
                                                        models=("b", "c"), action_ids=("act_9",)), ctx, engine)
    assert decided == before  # untouched, its lists included
    assert restricted is not decided and restricted.decision_id == "dec_1"
    assert restricted.effect == "throttle" and restricted.limits == {"plan_pro": "acct", "plan_free": "account=acct"}
    assert restricted.redact_reasoning and restricted.max_tokens_cap == 1000 and restricted.allowed_models == ["b"]
    assert restricted.rules == ["r1", "restriction:act_9"] and restricted.explanation == ["restricted by act_9"]


def test_an_unknown_limit_is_explained_not_applied() -> None:
    engine = Engine(load_bundle(DEFAULT_DIR))
    ctx = RequestContext(request_id="req_1", started=0.0, endpoint="/v1/messages", api="anthropic")
    restricted = apply_restriction(Decision("dec_2"), Restriction(limit="no_such_limit"), ctx, engine)
    assert restricted.effect == "allow" and restricted.limits == {}
    assert restricted.explanation[0] == "restriction names unknown limit 'no_such_limit'; not applied"
    assert restricted.rules == ["restriction:a reviewer's action"]
