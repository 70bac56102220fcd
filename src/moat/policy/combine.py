"""How matched rules combine into a decision (the semantics are stated in moat.policy.engine)."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable
from typing import Any

from moat.context import Decision
from moat.policy.bundle import CompiledRule

Fetch = Callable[[str], Any]
# Exceptions granted to the caller (moat.enforce.exception_index): given a refusal's rule id and
# reason code, the id of the exception that lifts it and the explanation line, or None.
Lift = Callable[[str, str], tuple[str, str] | None]


def lifts_refusal(lifts: str, rule_id: str, reason: str) -> bool:
    """Whether an exception's `lifts` ("all", "reason:<code>" or "rule:<id>") covers a refusal by
    this rule with this reason code (moat.enforce.exceptions grants them)."""
    if lifts == "all":
        return True
    kind, _, value = lifts.partition(":")
    return value == (reason if kind == "reason" else rule_id if kind == "rule" else None)


_REFUSING = frozenset({"deny", "require_attribution", "cap"})  # the effects `_refusal` may refuse with


def _refusal(cr: CompiledRule, fetch: Fetch, model: str) -> str | None:
    """Why an enforce rule refuses the request, or None when it does not refuse."""
    rule = cr.rule
    if rule.effect == "deny":
        return "denied"
    if rule.effect == "require_attribution":
        if fetch("platform.relayed") and fetch("end_user.trust") != "signed":
            return "relayed by a platform without signed end-user attribution"
        return None
    if rule.effect == "cap" and rule.models and not any(fnmatch.fnmatchcase(model, m) for m in rule.models):
        return f"model {model!r} is not among the allowed {list(rule.models)}"
    return None


def combine(d: Decision, matched: list[CompiledRule], fetch: Fetch, model: str,
            limit_key: Callable[[str], str | None], lift: Lift | None = None) -> None:
    """Fold the matched rules (already in canonical order) into the decision. `lift`: the caller's
    exceptions, evaluated before refusals take effect (a lifted refusal is as if its rule had not
    refused: throttles and modifiers still apply)."""
    refusals: list[tuple[CompiledRule, str]] = []
    allow_priority: int | None = None
    first_allow: CompiledRule | None = None
    modifier: CompiledRule | None = None
    throttles: list[CompiledRule] = []
    for cr in matched:
        rule = cr.rule
        if rule.mode == "shadow":
            d.shadow.append(f"{rule.id}:{rule.effect}")
            d.explanation.append(cr.explain + ": would apply")
            continue
        d.rules.append(rule.id)
        if rule.mode == "warn":
            d.warnings.append(f"{rule.reason}: {rule.message}" if rule.message else rule.reason)
            d.explanation.append(cr.explain)
            continue
        why = _refusal(cr, fetch, model) if rule.effect in _REFUSING else None
        if why is not None:
            refusals.append((cr, why))
        elif rule.effect == "allow":
            if allow_priority is None:
                allow_priority, first_allow = rule.priority, cr
        elif rule.effect == "throttle":
            throttles.append(cr)
        elif rule.effect in ("redact_reasoning", "flag", "cap"):
            d.redact_reasoning |= rule.effect == "redact_reasoning"
            d.flag |= rule.effect == "flag"
            if rule.effect == "cap":
                _apply_cap(d, rule.max_tokens, rule.models)
            if modifier is None:
                modifier = cr
        d.explanation.append(f"{cr.explain}: {why}" if why else cr.explain)
    if refusals and lift is not None:
        refusals = _lift(d, refusals, lift)
    effective = refusals
    if refusals and allow_priority is not None:
        effective = [(cr, why) for cr, why in refusals if cr.rule.priority >= allow_priority]
        overridden = [cr.rule.id for cr, _ in refusals if cr.rule.priority < allow_priority]
        if overridden and first_allow is not None:
            d.explanation.append(f"allow by {first_allow.rule.id} (priority {allow_priority}) overrides "
                                 + ", ".join(overridden))
    if effective:
        winner = effective[0][0].rule
        d.effect, d.reason_code, d.message = "deny", winner.reason, winner.message
        d.status = 403
        d.explanation.append(f"decision: deny by {winner.id}" + (
            f" (deny overrides allow by {first_allow.rule.id})" if first_allow else ""))
    else:
        for cr in throttles:
            for name in cr.rule.limits:
                if name not in d.limits:
                    value = limit_key(name)
                    if value is not None:  # an empty key: the limit does not apply to this request
                        d.limits[name] = value
        # The reason shown is the most telling rule: a modifier (redact, flag, cap) over a throttle
        # over an explicit allow. A 429 takes its reason from the limit's rule (limit_refusal).
        chosen = modifier or (throttles[0] if d.limits else None) or first_allow
        if d.limits:
            d.effect = "throttle"
        if chosen is not None:
            d.reason_code, d.message = chosen.rule.reason, chosen.rule.message
        limits = ", ".join([f"{k}[{v}]" for k, v in d.limits.items()])
        d.explanation.append(f"decision: {d.effect}" + (f" ({chosen.rule.id})" if chosen else "")
                             + (f", limits {limits}" if limits else ""))
    if "{" in d.message:
        d.message = d.message.replace("{decision_id}", d.decision_id).replace("{reason}", d.reason_code)


def _lift(d: Decision, refusals: list[tuple[CompiledRule, str]], lift: Lift) -> list[tuple[CompiledRule, str]]:
    """The refusals no exception lifts; each lifted one is named in the rules and explained."""
    kept: list[tuple[CompiledRule, str]] = []
    for cr, why in refusals:
        by = lift(cr.rule.id, cr.rule.reason)
        if by is None:
            kept.append((cr, why))
            continue
        exception_id, text = by
        if f"exception:{exception_id}" not in d.rules:
            d.rules.append(f"exception:{exception_id}")
        d.explanation.append(f"{text}: lifts {cr.rule.id} ({cr.rule.reason})")
    return kept


def _apply_cap(d: Decision, max_tokens: int | None, models: tuple[str, ...]) -> None:
    if max_tokens is not None:
        d.max_tokens_cap = max_tokens if d.max_tokens_cap is None else min(d.max_tokens_cap, max_tokens)
    if models:
        d.allowed_models = list(models) if d.allowed_models is None else [
            m for m in d.allowed_models if m in models]
