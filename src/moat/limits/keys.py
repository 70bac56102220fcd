"""Whose usage a limit counts (its key), and what a request reserves.

A `LimitSpec.key` names one of `NAMED_KEYS`, each defined once over fields of the policy context
(`moat.context_fields`): the policy engine evaluates its `cel` (moat.policy.limitdefs compiles it
with the bundle's own key expressions), and `key_value` reads the same fields through their declared
getters, so both sides count the same counter (issue 14 item 4: the keys were written twice, as
Python lambdas and as CEL strings). An empty value means the limit does not apply to this request
(e.g. `end_user` on a direct call). Values are namespaced by their key, so `plan` "free" and
`account` "free" never share a counter.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from moat.context import RequestContext
from moat.context_fields import field_at
from moat.limits.base import Check, Demand
from moat.limits.spec import LimitSpec


@dataclass(frozen=True, slots=True)
class NamedKey:
    """A key over declared string fields of the context: the first of `paths` that is not empty;
    with `join`, all of them (none empty) joined by it; or one `constant` for every request."""

    paths: tuple[str, ...] = ()
    join: str | None = None
    constant: str | None = None

    @property
    def cel(self) -> str:
        """The key as the policy engine evaluates it."""
        if self.constant is not None:
            return json.dumps(self.constant)
        if self.join is not None:
            present = " && ".join(f'{p} != ""' for p in self.paths)
            return f'{present} ? {f" + {json.dumps(self.join)} + ".join(self.paths)} : ""'
        return _first(self.paths)

    def value(self, ctx: RequestContext) -> str:
        """The key's value on this request, "" when the limit does not apply."""
        if self.constant is not None:
            return self.constant
        values = [str(field_at(p).get(ctx, None)) for p in self.paths]  # type: ignore[misc]
        if self.join is not None:
            return self.join.join(values) if all(values) else ""
        return next((v for v in values if v), "")


def _first(paths: tuple[str, ...]) -> str:
    head, rest = paths[0], paths[1:]
    if not rest:
        return head
    tail = _first(rest)
    return f'{head} != "" ? {head} : {f"({tail})" if len(rest) > 1 else tail}'


NAMED_KEYS: dict[str, NamedKey] = {
    "key": NamedKey(("key.id",)),
    "account": NamedKey(("account.id",)),
    "organization": NamedKey(("org.id", "account.org_id")),  # the authenticated org, else the declared one
    "entity": NamedKey(("entity.org_id", "org.id", "account.org_id")),  # follows an org through platforms
    "plan": NamedKey(("account.plan",)),
    "platform": NamedKey(("platform.name",)),
    "end_user": NamedKey(("platform.name", "end_user.id"), join="/"),  # two platforms may both have a "42"
    "ip": NamedKey(("request.client_ip",)),
    "model": NamedKey(("request.model",)),
    "global": NamedKey(constant="*"),
}


def key_value(name: str, ctx: RequestContext) -> str | None:
    """The counter key for the named key on this request, or None when the limit does not apply."""
    try:
        key = NAMED_KEYS[name]
    except KeyError:
        raise ValueError(f"unknown limit key expression {name!r} "
                         f"(one of {', '.join(NAMED_KEYS)})") from None
    value = key.value(ctx)
    return f"{name}={value}" if value else None


def checks_for(specs: Iterable[LimitSpec], ctx: RequestContext) -> list[Check]:
    """The checks for the named keys; limits whose key is absent are skipped."""
    checks: list[Check] = []
    for spec in specs:
        value = key_value(spec.key, ctx)
        if value is not None:
            checks.append(Check(spec, value))
    return checks


def demand_for(ctx: RequestContext, *, default_max_tokens: int) -> Demand:
    """What to reserve: the input estimate, and max_tokens (the model's default when unset); and how
    much of the estimate no cache can serve (for `moat.limits.base.oversized`)."""
    max_tokens = ctx.max_tokens if ctx.max_tokens is not None else default_max_tokens
    estimate = ctx.input_tokens_estimate
    return Demand(estimate if estimate > 0 else 0, max_tokens if max_tokens > 0 else 0,
                  ctx.input_tokens_uncacheable)
