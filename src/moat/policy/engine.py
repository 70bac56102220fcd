"""The decide stage: one compiled bundle, evaluated against one request.

How rules combine (the outcome never depends on file order; `priority` is the only ordering):

- `shadow` rules are evaluated and listed in `Decision.shadow`; they change nothing else.
- `warn` rules add `reason: message` to `Decision.warnings` (the gateway sends a warning header).
- `enforce` rules: refusals are `deny`, `require_attribution` when the request came through a
  platform without signed end-user attribution, and `cap` when the model is outside the allowed
  ones. An `allow` overrides refusals of *lower* priority only; at equal priority deny wins. The
  refusal shown to the customer is the first in canonical order (priority desc, then rule id).
- Otherwise `throttle` rules name limits (`Decision.limits`: limit name -> key value, for the
  limiter), `redact_reasoning`/`flag` set their flags, `cap` lowers `max_tokens_cap` (the smallest
  wins) and narrows `allowed_models` (intersection). They apply even under an allow: an exception
  lets a request through a deny, not past quotas. A refused request consumes no limit.

Per request: look up the candidate rules for (org, plan, model, platform) in the index (memoised
per combination), build ONE `cel.Context` holding only the flat variables those candidates read,
run each candidate's program. A rule whose evaluation errors does not match; the error is explained
and counted in `errors`.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import cel

from moat.context import Decision, RequestContext
from moat.limits.base import Check
from moat.policy.analysis import flat_name
from moat.policy.bundle import DIMENSIONS, Bundle, CompiledRule
from moat.policy.variables import DirectoryView, Getter, from_values, getter_for

Fetch = Callable[[str], Any]


@dataclass(frozen=True, slots=True)
class Plan:
    """The candidate rules for one index key and the variables they (and their limit keys) read."""

    rules: tuple[CompiledRule, ...]
    variables: tuple[tuple[str, str, Getter], ...]  # (CEL name, flat path, getter)


class Engine:
    """Decides requests against one immutable bundle. Build once per bundle; share across requests."""

    def __init__(self, bundle: Bundle, *, plan_cache_size: int = 65536) -> None:
        self.bundle = bundle
        self.revision = bundle.revision
        self.errors = 0  # rule evaluations that raised (a metric)
        self._cache: dict[tuple[str | None, ...], Plan] = {}
        self._cache_size = plan_cache_size
        self._known: list[frozenset[str]] = []
        self._by_value: list[dict[str, set[int]]] = []
        self._free: list[set[int]] = []
        for dim in DIMENSIONS:
            by_value: dict[str, set[int]] = {}
            free: set[int] = set()
            for cr in bundle.rules:
                values = cr.index.get(dim)
                if values is None:
                    free.add(cr.order)
                for v in values or ():
                    by_value.setdefault(v, set()).add(cr.order)
            self._known.append(frozenset(by_value))
            self._by_value.append(by_value)
            self._free.append(free)

    # -- the hot path ---------------------------------------------------------------------------

    def decide(self, ctx: RequestContext, directory: DirectoryView | None = None) -> Decision:
        """Decide one request. Pure CPU, no I/O; safe to call from the event loop."""
        org = ctx.org.org_id if ctx.org else None
        plan_name = ctx.account.plan if ctx.account else None
        k0, k1, k2, k3 = self._known
        key = (org if org in k0 else None, plan_name if plan_name in k1 else None,
               ctx.model if ctx.model in k2 else None, ctx.platform if ctx.platform in k3 else None)
        plan = self._cache.get(key) or self._plan(key)
        c = cel.Context()
        for name, _, getter in plan.variables:
            c.add_variable(name, getter(ctx, directory))
        decision_id = "dec_" + ctx.request_id.partition("_")[2] if "_" in ctx.request_id else ctx.request_id
        return self._evaluate(plan, c, decision_id,
                              lambda path: getter_for(path)(ctx, directory), ctx.model)

    # -- plain-JSON contexts: `moat policy test` and `explain` -------------------------------------

    def decide_values(self, values: Mapping[str, Any], decision_id: str = "dec_test") -> Decision:
        """Decide a context written as nested JSON in the schema's shape (missing fields are zero)."""
        plan, c = self._values_context(values)
        return self._evaluate(plan, c, decision_id, lambda path: from_values(values, path),
                              str(from_values(values, "request.model")))

    def trace(self, values: Mapping[str, Any]) -> list[tuple[CompiledRule, str]]:
        """Every rule with what happened to it: matched, no match, error, or skipped by the index."""
        plan, c = self._values_context(values)
        candidates = {cr.order for cr in plan.rules}
        out: list[tuple[CompiledRule, str]] = []
        for cr in self.bundle.rules:
            if cr.order not in candidates:
                dims = ", ".join(f"{d} not in {sorted(v)[:5]}" for d, v in cr.index.items())
                out.append((cr, f"skipped by the index ({dims})"))
                continue
            try:
                hit = cr.program is None or cr.program.execute(c) is True
                out.append((cr, "matched" if hit else "no match"))
            except Exception as exc:
                out.append((cr, f"error: {exc}"))
        return out

    def checks(self, decision: Decision) -> list[Check]:
        """The limiter checks for a decision: every spec of every limit it names, with its key value."""
        out: list[Check] = []
        for name, value in decision.limits.items():
            lim = self.bundle.limits.get(name)
            if lim is not None:
                out.extend(Check(spec, value) for spec in lim.definition.specs)
        return out

    def limit_refusal(self, decision: Decision, spec_name: str) -> tuple[str, str]:
        """(reason code, message) for a 429 from a limit spec: those of the first rule applying it."""
        limit_name = spec_name.partition("/")[0]
        for cr in self.bundle.rules:
            if limit_name in cr.rule.limits and cr.rule.mode == "enforce":
                message = cr.rule.message.replace("{decision_id}", decision.decision_id)
                return cr.rule.reason, message.replace("{reason}", cr.rule.reason)
        return "rate_limited", f"Rate limit {spec_name} reached."

    # -- internals --------------------------------------------------------------------------------

    def _values_context(self, values: Mapping[str, Any]) -> tuple[Plan, cel.Context]:
        raw = [from_values(values, p) for p in ("org.id", "account.plan", "request.model", "platform.name")]
        key = tuple(v if v in known else None for v, known in zip(raw, self._known, strict=True))
        plan = self._cache.get(key) or self._plan(key)
        c = cel.Context()
        for name, path, _ in plan.variables:
            c.add_variable(name, from_values(values, path))
        return plan, c

    def _plan(self, key: tuple[str | None, ...]) -> Plan:
        """Candidate rules for an index key: in every dimension, unconstrained or matching the value."""
        ids: set[int] | None = None
        for i, value in enumerate(key):
            allowed = self._free[i] | (self._by_value[i].get(value, set()) if value is not None else set())
            ids = allowed if ids is None else ids & allowed
        rules = tuple(cr for cr in self.bundle.rules if cr.order in (ids or set()))
        paths: set[str] = set()
        for cr in rules:
            paths.update(cr.variables)
            for name in cr.rule.limits:
                paths.update(self.bundle.limits[name].variables)
        variables = tuple((flat_name(p), p, getter_for(p)) for p in sorted(paths))
        plan = Plan(rules, variables)
        if len(self._cache) >= self._cache_size:
            self._cache.clear()
        self._cache[key] = plan
        return plan

    def _evaluate(self, plan: Plan, c: cel.Context, decision_id: str, fetch: Fetch, model: str) -> Decision:
        d = Decision(decision_id=decision_id, policy_revision=self.revision)
        matched: list[CompiledRule] = []
        for cr in plan.rules:
            program = cr.program
            if program is not None:
                try:
                    if program.execute(c) is not True:
                        continue
                except Exception as exc:
                    self.errors += 1
                    d.explanation.append(f"{cr.rule.id}: evaluation error, treated as no match: {exc}")
                    continue
            matched.append(cr)
        if matched:
            _combine(d, matched, fetch, model, c, self.bundle)
        return d


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


def _combine(d: Decision, matched: list[CompiledRule], fetch: Fetch, model: str, c: cel.Context,
             bundle: Bundle) -> None:
    """Fold the matched rules (already in canonical order) into the decision."""
    refusals: list[tuple[CompiledRule, str]] = []
    allow_priority: int | None = None
    first_allow: CompiledRule | None = None
    modifier: CompiledRule | None = None
    throttles: list[CompiledRule] = []
    for cr in matched:
        rule = cr.rule
        where = f"{rule.file}:{rule.when_line}"
        if rule.mode == "shadow":
            d.shadow.append(f"{rule.id}:{rule.effect}")
            d.explanation.append(f"{rule.id}: shadow {rule.effect} ({rule.reason}) would apply [{where}]")
            continue
        d.rules.append(rule.id)
        if rule.mode == "warn":
            d.warnings.append(f"{rule.reason}: {rule.message}" if rule.message else rule.reason)
            d.explanation.append(f"{rule.id}: warn {rule.effect} ({rule.reason}) [{where}]")
            continue
        why = _refusal(cr, fetch, model)
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
        d.explanation.append(f"{rule.id}: {rule.effect} ({rule.reason}), priority {rule.priority}, "
                             f"when `{' '.join(rule.when.split())}` [{where}]"
                             + (f": {why}" if why else ""))
    effective = [(cr, why) for cr, why in refusals if allow_priority is None or cr.rule.priority >= allow_priority]
    overridden = [cr.rule.id for cr, _ in refusals if allow_priority is not None and cr.rule.priority < allow_priority]
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
                    value = bundle.limits[name].program.execute(c)
                    d.limits[name] = value if isinstance(value, str) else str(value)
        # The reason shown is the most telling rule: a modifier (redact, flag, cap) over a throttle
        # over an explicit allow. A 429 takes its reason from the limit's rule (limit_refusal).
        chosen = modifier or (throttles[0] if throttles else None) or first_allow
        if throttles:
            d.effect = "throttle"
        if chosen is not None:
            d.reason_code, d.message = chosen.rule.reason, chosen.rule.message
        limits = ", ".join(f"{k}[{v}]" for k, v in d.limits.items())
        d.explanation.append(f"decision: {d.effect}" + (f" ({chosen.rule.id})" if chosen else "")
                             + (f", limits {limits}" if limits else ""))
    if "{" in d.message:
        d.message = d.message.replace("{decision_id}", d.decision_id).replace("{reason}", d.reason_code)


def _apply_cap(d: Decision, max_tokens: int | None, models: tuple[str, ...]) -> None:
    if max_tokens is not None:
        d.max_tokens_cap = max_tokens if d.max_tokens_cap is None else min(d.max_tokens_cap, max_tokens)
    if models:
        d.allowed_models = list(models) if d.allowed_models is None else [
            m for m in d.allowed_models if m in models]
