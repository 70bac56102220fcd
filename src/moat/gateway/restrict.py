"""Reviewers' actions, folded into the decision the policy bundle produced, and the hooks that
turn decisions into cases and notifications (memory only: the enforcement worker does the rest).

Restrictions only ever tighten: a throttle adds a named limit of the bundle (keyed as the bundle
keys it, or by account), redaction is switched on, caps take the minimum, models the intersection.
"""

from __future__ import annotations

from dataclasses import replace

from moat.context import Decision, RequestContext
from moat.enforce.models import Restriction
from moat.enforce.runtime import Enforcement
from moat.limits.keys import NAMED_KEYS, key_value
from moat.policy import Engine


def apply_restriction(decision: Decision, restriction: Restriction, ctx: RequestContext, engine: Engine) -> Decision:
    """The decision tightened by a reviewer's restriction: a new value (the bundle's decision, which
    the decision log explains, is left as the engine made it)."""
    actions = ", ".join(restriction.action_ids) or "a reviewer's action"
    explanation = list(decision.explanation)
    cap = decision.max_tokens_cap
    if restriction.max_tokens is not None:
        cap = restriction.max_tokens if cap is None else min(cap, restriction.max_tokens)
    models = decision.allowed_models
    if restriction.models is not None:
        allowed = set(restriction.models)
        if models is not None:
            allowed &= set(models)
        models = sorted(allowed)
    effect, limits = decision.effect, decision.limits
    if restriction.limit is not None:
        compiled = engine.bundle.limits.get(restriction.limit)
        if compiled is None:
            explanation.append(f"restriction names unknown limit '{restriction.limit}'; not applied")
        else:
            key = compiled.definition.key
            value = key_value(key if key in NAMED_KEYS else "account", ctx)
            if value is not None:
                limits = {**limits, restriction.limit: value}
                if effect == "allow":
                    effect = "throttle"
    explanation.append(f"restricted by {actions}")
    return replace(decision, effect=effect, rules=[*decision.rules, f"restriction:{actions}"],
                   explanation=explanation, redact_reasoning=decision.redact_reasoning or restriction.redact_reasoning,
                   max_tokens_cap=cap, allowed_models=models, limits=limits)


def apply_enforcement(enforcement: Enforcement, engine: Engine, ctx: RequestContext, decision: Decision) -> Decision:
    """The decision with the caller's restriction applied (the same value when there is none), after
    handing flags and refusals to the enforcement worker's hooks (memory only, never awaited)."""
    account_id = ctx.account.account_id if ctx.account else None
    restriction = enforcement.for_call(account_id, ctx.org.org_id if ctx.org else None)
    if restriction is not None and decision.allowed:
        decision = apply_restriction(decision, restriction, ctx, engine)
    if account_id is not None and decision.flag:
        enforcement.note_flag(account_id, decision_id=decision.decision_id, reason_code=decision.reason_code,
                              rules=decision.rules, org_id=ctx.entity.org_id, request_id=ctx.request_id,
                              cluster_id=ctx.extra.get("cluster_id"))
    if not decision.allowed:
        enforcement.note_denied(account_id, decision_id=decision.decision_id, reason_code=decision.reason_code,
                                org_id=ctx.entity.org_id, request_id=ctx.request_id)
    return decision
