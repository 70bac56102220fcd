"""The decide stage: one compiled bundle, evaluated against one request.

How rules combine (the outcome never depends on file order; `priority` is the only ordering):

- `shadow` rules are evaluated and listed in `Decision.shadow`; they change nothing else.
- `warn` rules add `reason: message` to `Decision.warnings` (the gateway sends a warning header).
- `enforce` rules: refusals are `deny`, `require_attribution` when the request came through a
  platform without signed end-user attribution, and `cap` when the model is outside the allowed
  ones. An `allow` overrides refusals of *lower* priority only; at equal priority deny wins. The
  refusal shown to the customer is the first in canonical order (priority desc, then rule id).
- Exceptions granted to the caller (`lift`, from moat.enforce.exception_index) are evaluated before
  refusals: a refusal an exception covers (by reason code, rule id, or all) is dropped, and the
  decision names the exception (`exception:<id>` in `rules`, a line in `explanation`).
- Otherwise `throttle` rules name limits (`Decision.limits`: limit name -> key value, for the
  limiter), `redact_reasoning`/`flag` set their flags, `cap` lowers `max_tokens_cap` (the smallest
  wins) and narrows `allowed_models` (intersection). They apply even under an allow: an exception
  lets a request through a deny, not past quotas. A refused request consumes no limit.

Per request: look up the candidate rules for (org, plan, model, platform) in the index (memoised
per combination). Conditions in pyfast's subset run as generated Python (the unindexed ones all in
one function); the others run in CEL over ONE `cel.Context` per request holding only the flat
variables they read, and only when some candidate needs CEL. A rule whose evaluation errors does
not match; the error is explained and counted in `errors`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import cel

from moat.context import Decision, RequestContext
from moat.limits.base import Check
from moat.policy.analysis import flat_name
from moat.policy.batch import build_batches
from moat.policy.bundle import DIMENSIONS, Bundle, CompiledLimit, CompiledRule
from moat.policy.combine import Lift, combine
from moat.policy.pyfast import PyGroup, mask_group, value_function
from moat.policy.variables import DirectoryView, Getter, from_values, getter_for

Fetch = Callable[[str], Any]
FastRules = tuple[tuple[PyGroup, tuple[CompiledRule, ...]], ...]


@dataclass(frozen=True, slots=True)
class Plan:
    """What one index key needs evaluated. Built on first sight of the key, then memoised."""

    always: tuple[CompiledRule, ...]  # candidates whose index terms are their whole condition
    fast: FastRules  # generated-Python groups and the rules behind their bits
    slow: tuple[CompiledRule, ...]  # indexed candidates that need CEL
    cel_variables: tuple[tuple[str, str, Getter], ...]  # (CEL name, flat path, getter)
    needs_cel: bool
    # When only `always` matched, their combination depends on nothing but the values of these
    # limits' keys (see Engine._outcome); None when it may depend on more (the request's model,
    # its attribution) or the keys need CEL.
    outcome_limits: tuple[str, ...] | None = None


def _group(rules: Sequence[CompiledRule]) -> tuple[PyGroup, tuple[CompiledRule, ...]]:
    paths = sorted({p for cr in rules for p in cr.python_paths})
    exprs = [cr.python or "False" for cr in rules]
    return mask_group(exprs, paths, [getter_for(p) for p in paths]), tuple(rules)


def _value_getters(values: Mapping[str, Any], paths: Sequence[str]) -> list[Getter]:
    return [lambda c, d, p=p: from_values(values, p) for p in paths]  # type: ignore[misc]


class Engine:
    """Decides requests against one immutable bundle. Build once per bundle; share across requests."""

    def __init__(self, bundle: Bundle, *, plan_cache_size: int = 65536, fast: bool = True) -> None:
        """`fast=False` evaluates every condition in CEL (for benchmarks and equivalence tests)."""
        self.bundle = bundle
        self.revision = bundle.revision
        self.errors = 0  # rule evaluations that raised (a metric)
        self._cache: dict[tuple[str | None, ...], Plan] = {}
        self._cache_size = plan_cache_size
        self._checks: dict[tuple[str, str], tuple[Check, ...]] = {}  # (limit name, key value): see checks
        self._outcomes: dict[tuple[Any, ...], Decision] = {}  # see _outcome; one per key value (account)
        self._outcomes_size = min(plan_cache_size, 8192)  # ~1 KB each
        indexed = [cr for cr in bundle.rules if cr.index]
        self._known: list[frozenset[str]] = []
        self._by_value: list[dict[str, set[int]]] = []
        self._free: list[set[int]] = []
        for dim in DIMENSIONS:
            by_value: dict[str, set[int]] = {}
            for cr in indexed:
                for v in cr.index.get(dim, ()):
                    by_value.setdefault(v, set()).add(cr.order)
            self._known.append(frozenset(by_value))
            self._by_value.append(by_value)
            self._free.append({cr.order for cr in indexed if dim not in cr.index})
        unindexed = [cr for cr in bundle.rules if not cr.index]
        self._always = tuple(cr for cr in unindexed if cr.program is None)
        quick = [cr for cr in unindexed if cr.program is not None and cr.python is not None and fast]
        slow = [cr for cr in unindexed if cr.program is not None and (cr.python is None or not fast)]
        self._fast: FastRules = (_group(quick),) if quick else ()
        # CEL-only rules that run on every request: one program per 62 rules (moat.policy.batch).
        self._batches = build_batches(slow)
        self._batch_paths = {p for cr in slow for p in cr.variables}
        self._rule_groups = {cr.order: _group([cr]) for cr in indexed if cr.python is not None and fast}
        self._keys = {name: (value_function(lim.python, lim.python_paths), lim.python_paths,
                             tuple(getter_for(p) for p in lim.python_paths))
                      for name, lim in bundle.limits.items() if lim.python is not None and fast}

    # -- the hot path ---------------------------------------------------------------------------

    def decide(self, ctx: RequestContext, directory: DirectoryView | None = None,
               lift: Lift | None = None) -> Decision:
        """Decide one request. Pure CPU, no I/O; safe to call from the event loop. `lift`: the
        exceptions granted to this caller (moat.policy.combine), None for almost every caller."""
        org = ctx.org.org_id if ctx.org else None
        plan_name = ctx.account.plan if ctx.account else None
        k0, k1, k2, k3 = self._known
        key = (org if org in k0 else None, plan_name if plan_name in k1 else None,
               ctx.model if ctx.model in k2 else None, ctx.platform if ctx.platform in k3 else None)
        plan = self._cache.get(key) or self._plan(key)
        rid = ctx.request_id
        d = Decision(decision_id="dec_" + rid.partition("_")[2] if "_" in rid else rid,
                     policy_revision=self.revision)
        matched = list(plan.always)
        for group, rules in plan.fast:
            try:
                mask = group.fn(ctx, directory, group.hot_getters)
            except Exception as exc:
                self._fallback(rules, ctx, directory, d, matched, exc)
                continue
            while mask:
                low = mask & -mask
                matched.append(rules[low.bit_length() - 1])
                mask ^= low
        c: cel.Context | None = None
        if plan.needs_cel:
            c = cel.Context()
            for name, path, getter in plan.cel_variables:
                try:
                    c.add_variable(name, getter(ctx, directory))
                except Exception as exc:  # rules reading it will error, and not match
                    self._failed(d, (), exc, f"context field {path}")
            self._run_cel(plan, c, d, matched)
        if not matched:
            d.explanation.append("decision: allow (no rule matched)")
            return d
        if (plan.outcome_limits is not None and c is None and len(matched) == len(plan.always) and not d.explanation
                and lift is None):  # the memo holds combinations without exceptions
            outcome = self._outcome(key, plan, plan.outcome_limits, ctx, directory)
            if outcome is not None:
                return _copy(outcome, d)

        def limit_key(name: str) -> str | None:
            try:
                return self._limit_value(name, ctx, directory, c)
            except Exception as exc:
                self._failed(d, (), exc, f"limit {name} key")
                return None

        if len(matched) > 1:
            matched.sort(key=_order)
        combine(d, matched, lambda path: getter_for(path)(ctx, directory), ctx.model, limit_key, lift)
        return d

    def _limit_value(self, name: str, ctx: RequestContext, directory: DirectoryView | None,
                     c: cel.Context | None) -> str | None:
        """A limit's key value for this request (None: the limit does not apply); raises on error."""
        limit = self.bundle.limits[name]
        fast_key = self._keys.get(name)
        if fast_key is not None:
            return _key_value(limit, fast_key[0](ctx, directory, fast_key[2]))
        return _key_value(limit, limit.program.execute(c))

    def _outcome(self, key: tuple[str | None, ...], plan: Plan, names: tuple[str, ...], ctx: RequestContext,
                 directory: DirectoryView | None) -> Decision | None:
        """The combination of `plan.always` alone, memoised per (index key, limit key values).

        Only for plans where that combination reads nothing else from the request (`_plan` checks:
        no `require_attribution` or `cap` rule, fast limit keys, no `{` in a reason), so the memo
        holds exactly what `combine` would compute. Its message keeps `{decision_id}` for `_copy`.
        None when a limit key raises: the caller then runs `combine`, which explains the error.
        Rules are still evaluated on every request: this only runs when none but `always` matched.
        """
        try:
            values = tuple([self._limit_value(name, ctx, directory, None) for name in names])
        except Exception:
            return None
        memo_key = (key, values)
        outcome = self._outcomes.get(memo_key)
        if outcome is None:
            by_name = dict(zip(names, values, strict=True))
            outcome = Decision(decision_id="{decision_id}", policy_revision=self.revision)
            combine(outcome, sorted(plan.always, key=_order), lambda path: getter_for(path)(ctx, directory),
                    ctx.model, by_name.__getitem__)
            if len(self._outcomes) >= self._outcomes_size:
                self._outcomes.clear()
            self._outcomes[memo_key] = outcome
        return outcome

    # -- plain-JSON contexts: `moat policy test` and `explain` -------------------------------------

    def decide_values(self, values: Mapping[str, Any], decision_id: str = "dec_test",
                      lift: Lift | None = None) -> Decision:
        """Decide a context written as nested JSON in the schema's shape (missing fields are zero).

        Evaluates every candidate in CEL and the fast ones in Python too: a disagreement would be a
        bug in moat.policy.pyfast and raises AssertionError (tests and `moat policy test` catch it).
        """
        plan, c = self._values_context(values)
        d = Decision(decision_id=decision_id, policy_revision=self.revision)
        matched = list(plan.always)
        for group, rules in plan.fast:
            mask = group.fn(None, None, _value_getters(values, group.paths))
            for i, cr in enumerate(rules):
                in_cel = cr.program is not None and cr.program.execute(c) is True
                assert in_cel == bool(mask >> i & 1), f"pyfast and CEL disagree on rule {cr.rule.id}"
                if in_cel:
                    matched.append(cr)
        self._run_cel(plan, c, d, matched)

        def limit_key(name: str) -> str | None:
            try:
                return _key_value(self.bundle.limits[name], self.bundle.limits[name].program.execute(c))
            except Exception as exc:
                self._failed(d, (), exc, f"limit {name} key")
                return None

        matched.sort(key=_order)
        combine(d, matched, lambda path: from_values(values, path), str(from_values(values, "request.model")),
                limit_key, lift)
        if not matched:
            d.explanation.append("decision: allow (no rule matched)")
        return d

    def trace(self, values: Mapping[str, Any]) -> list[tuple[CompiledRule, str]]:
        """Every rule with what happened to it: matched, no match, error, or skipped by the index."""
        plan, c = self._values_context(values)
        candidates = {cr.order for cr in (*plan.always, *plan.slow, *(r for _, rs in plan.fast for r in rs))}
        candidates |= {cr.order for b in self._batches for cr in b.rules}
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

    def checks(self, decision: Decision) -> Sequence[Check]:
        """The limiter checks for a decision: every spec of every limit it names, with its key value."""
        if len(decision.limits) == 1:  # the usual case (a plan's limit): the memoised tuple itself
            for item in decision.limits.items():
                return self._checks.get(item) or self._limit_checks(item)
        out: list[Check] = []
        for item in decision.limits.items():
            checks = self._checks.get(item)
            if checks is None:
                checks = self._limit_checks(item)
            out += checks
        return out

    def _limit_checks(self, item: tuple[str, str]) -> tuple[Check, ...]:
        """One limit's checks for one key value, memoised: `Check`s are immutable and this engine's
        specs never change (a reload builds a new engine), so the memo can never be stale."""
        name, value = item
        lim = self.bundle.limits.get(name)
        checks = () if lim is None else tuple(Check(spec, value) for spec in lim.definition.specs)
        if len(self._checks) >= self._cache_size:
            self._checks.clear()
        self._checks[item] = checks
        return checks

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
        """The plan for a JSON context and a CEL context with every variable its candidates read."""
        raw = [from_values(values, p) for p in ("org.id", "account.plan", "request.model", "platform.name")]
        key = tuple(v if v in known else None for v, known in zip(raw, self._known, strict=True))
        plan = self._cache.get(key) or self._plan(key)
        paths = {p for _, p, _ in plan.cel_variables}
        for cr in (*plan.always, *(r for _, rs in plan.fast for r in rs)):
            paths.update(cr.variables)
        for lim in self.bundle.limits.values():
            paths.update(lim.variables)
        c = cel.Context()
        for path in sorted(paths):
            c.add_variable(flat_name(path), from_values(values, path))
        return plan, c

    def _plan(self, key: tuple[str | None, ...]) -> Plan:
        """Candidate rules for an index key: in every dimension, unconstrained or matching the value."""
        ids: set[int] = set.intersection(*(
            self._free[i] | (self._by_value[i].get(value, set()) if value is not None else set())
            for i, value in enumerate(key)))
        candidates = [cr for cr in self.bundle.rules if cr.order in ids]
        always = self._always + tuple(cr for cr in candidates if cr.program is None)
        fast = self._fast + tuple(self._rule_groups[cr.order] for cr in candidates if cr.order in self._rule_groups)
        slow = tuple(cr for cr in candidates if cr.program is not None and cr.order not in self._rule_groups)
        paths = set(self._batch_paths)
        for cr in slow:
            paths.update(cr.variables)
        unindexed = (*(r for _, rs in self._fast for r in rs), *(r for b in self._batches for r in b.rules))
        for cr in (*always, *candidates, *unindexed):
            for name in cr.rule.limits:
                if name not in self._keys:
                    paths.update(self.bundle.limits[name].variables)
        needs_cel = bool(self._batches or slow or paths)
        plan = Plan(always, fast, slow, tuple((flat_name(p), p, getter_for(p)) for p in sorted(paths)), needs_cel,
                    self._outcome_limits(always))
        if len(self._cache) >= self._cache_size:
            self._cache.clear()
        self._cache[key] = plan
        return plan

    def _outcome_limits(self, always: Sequence[CompiledRule]) -> tuple[str, ...] | None:
        """The limits whose key values decide how `always` alone combines, or None when that
        combination may read more of the request (see `_outcome`)."""
        names: list[str] = []
        for cr in sorted(always, key=_order):
            rule = cr.rule
            if rule.effect in ("require_attribution", "cap") or "{" in rule.reason:
                return None
            if rule.mode == "enforce" and rule.effect == "throttle":
                names += rule.limits
        if len(set(names)) != len(names) or not all(name in self._keys for name in names):
            return None  # a limit named twice is looked up again after an empty key; keys in CEL
        return tuple(names)

    def _run_cel(self, plan: Plan, c: cel.Context, d: Decision, matched: list[CompiledRule]) -> None:
        for batch in self._batches:
            try:
                mask = batch.program.execute(c)
            except Exception:
                self._run(batch.rules, c, d, matched)  # some rule errored: find out which
                continue
            while mask:
                low = mask & -mask
                matched.append(batch.rules[low.bit_length() - 1])
                mask ^= low
        self._run(plan.slow, c, d, matched)

    def _run(self, rules: Sequence[CompiledRule], c: cel.Context, d: Decision,
             matched: list[CompiledRule]) -> None:
        """Evaluate rules one by one in CEL; an error is no match, explained and counted."""
        for cr in rules:
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

    def _fallback(self, rules: Sequence[CompiledRule], ctx: RequestContext, directory: DirectoryView | None,
                  d: Decision, matched: list[CompiledRule], exc: Exception) -> None:
        """A fast group raised (a context field the gateway filled with a wrong type): evaluate its
        rules one by one in CEL, leaving out only the fields that cannot be read, so one bad field
        never switches off unrelated rules (a restriction must not fail open over a bad score)."""
        self.errors += 1
        d.explanation.append(f"fast path failed ({exc!r}); rules evaluated one by one")
        c = cel.Context()
        for path in sorted({p for cr in rules for p in cr.variables}):
            try:
                c.add_variable(flat_name(path), getter_for(path)(ctx, directory))
            except Exception as field_exc:
                d.explanation.append(f"context field {path} unreadable: {field_exc!r}")
        self._run(rules, c, d, matched)

    def _failed(self, d: Decision, rules: Sequence[CompiledRule], exc: Exception, what: str = "") -> None:
        """An evaluation that raised: no match (a limit key: the limit is not applied), explained."""
        self.errors += 1
        what = what or ", ".join(cr.rule.id for cr in rules)
        d.explanation.append(f"{what}: evaluation error, treated as no match: {exc!r}")


def _key_value(limit: CompiledLimit, value: Any) -> str | None:
    """`<namespace>=<value>` as moat.limits.keys spells it; None when the key is empty (not applied)."""
    text = value if isinstance(value, str) else str(value)
    return f"{limit.definition.namespace}={text}" if text else None


def _order(cr: CompiledRule) -> int:
    return cr.order


def _copy(outcome: Decision, d: Decision) -> Decision:
    """`d` (a fresh decision: id and revision only) given a memoised outcome's fields. Lists and
    the limits are copied: restrictions and the gateway change a decision after decide."""
    d.effect, d.reason_code, d.status, d.flag = outcome.effect, outcome.reason_code, outcome.status, outcome.flag
    d.redact_reasoning, d.max_tokens_cap = outcome.redact_reasoning, outcome.max_tokens_cap
    message = outcome.message
    d.message = message.replace("{decision_id}", d.decision_id) if "{" in message else message
    d.rules = outcome.rules.copy()
    d.explanation = outcome.explanation.copy()
    d.warnings = outcome.warnings.copy()
    d.shadow = outcome.shadow.copy()
    d.limits = outcome.limits.copy()
    if outcome.allowed_models is not None:
        d.allowed_models = outcome.allowed_models.copy()
    return d
