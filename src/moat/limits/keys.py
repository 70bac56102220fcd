"""From a `RequestContext` to limit checks and the reservation demand.

A `LimitSpec.key` names a key expression; `KEY_EXPRESSIONS` holds the built-in ones. A value of
None means the limit does not apply to this request (e.g. `end_user` on a direct call). The policy
engine may evaluate its own expressions (CEL) and build `Check(spec, value)` itself: the limiters
only see strings. Values are namespaced by their expression so `plan` "free" and `account` "free"
never share a counter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from moat.context import RequestContext
from moat.limits.base import Check, Demand
from moat.limits.spec import LimitSpec

KeyExpression = Callable[[RequestContext], "str | None"]


def _organization(ctx: RequestContext) -> str | None:
    if ctx.org is not None:
        return ctx.org.org_id
    return ctx.account.org_id if ctx.account is not None else None


def _end_user(ctx: RequestContext) -> str | None:
    # Scoped by platform: two platforms may both have an end user "42".
    if ctx.platform and ctx.end_user_id:
        return f"{ctx.platform}/{ctx.end_user_id}"
    return None


KEY_EXPRESSIONS: dict[str, KeyExpression] = {
    "key": lambda ctx: ctx.key.key_id if ctx.key is not None else None,
    "account": lambda ctx: ctx.account.account_id if ctx.account is not None else None,
    "organization": _organization,
    # The entity resolved behind the call: limits that follow an organization through platforms.
    "entity": lambda ctx: ctx.entity.org_id or _organization(ctx),
    "plan": lambda ctx: ctx.plan,
    "platform": lambda ctx: ctx.platform,
    "end_user": _end_user,
    "ip": lambda ctx: ctx.client_ip,
    "model": lambda ctx: ctx.model or None,
    "global": lambda ctx: "*",
}


def key_value(expression: str, ctx: RequestContext) -> str | None:
    """The counter key for `expression` on this request, or None when the limit does not apply."""
    try:
        extract = KEY_EXPRESSIONS[expression]
    except KeyError:
        raise ValueError(f"unknown limit key expression {expression!r} "
                         f"(one of {', '.join(KEY_EXPRESSIONS)})") from None
    value = extract(ctx)
    return None if value is None else f"{expression}={value}"


def checks_for(specs: Iterable[LimitSpec], ctx: RequestContext) -> list[Check]:
    """The checks for the built-in key expressions; limits whose key is absent are skipped."""
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
