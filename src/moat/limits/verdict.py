"""Turning per-limit outcomes into one `Admission`: shared by every backend, so they agree exactly.

A backend evaluates each check against its state and reports an `Outcome`:

    GCRA limits         passes: new_tat - now <= tau;  value: new_tat - now in microseconds
                        (new_tat = max(tat, now) + cost, the state the admission would leave)
    concurrency limits  passes: live leases < limit;    value: live leases before this request

`decide` applies the all-or-nothing rule (shadow limits never refuse), computes the retry-after,
records stats, and lists what `settle` and `release` must undo. Each limit's `LimitStatus` (its
header values) is computed from the outcomes only when asked for (`status`, `headline`): a
response's headers describe one limit, so building every limit's status per request was waste.
"""

from __future__ import annotations

from collections.abc import Sequence

from moat.limits.base import Admission, Check, LimiterStats, LimitStatus, Outcome
from moat.limits.spec import LimitSpec

# A refused concurrency slot frees whenever a running request ends; one second is a fair guess.
CONCURRENCY_RETRY_AFTER = 1.0


def decide(checks: Sequence[Check], outcomes: Sequence[Outcome], stats: LimiterStats,
           *, lease_id: str = "", closed_retry_after: float = 1.0) -> Admission:
    """The admission for `checks` given each one's outcome (same order). Hot path: kept flat.

    Outcomes are `(passes, value, fail_mode, units, cost_us)`: value as above (ignored for fail
    modes "open" and "closed"); fail_mode is set when the backend was unreachable; units and
    cost_us are what the request costs against a GCRA limit (0 otherwise). An admission where
    every limit passed on its backend needs nothing more than its outcomes; the rest (refusals,
    fail modes, shadow would-be refusals) is counted here."""
    checks = checks if type(checks) is tuple else tuple(checks)  # kept: a caller's list may change
    stats.checks += 1
    stats.limits_evaluated += len(checks)
    for outcome in outcomes:
        if not outcome[0] or outcome[2] is not None:
            break
    else:  # every limit passed on its backend: the common case
        return Admission(True, checks, outcomes, lease_id, None, 0.0, closed_retry_after)
    allowed = True
    for check, outcome in zip(checks, outcomes, strict=True):
        if not outcome[0] and not check.spec.shadow:
            allowed = False
            break
    refused_by: str | None = None
    retry_after = 0.0
    for check, (passes, value, fail_mode, _, cost) in zip(checks, outcomes, strict=True):
        spec = check.spec
        if fail_mode is None:
            refuses = not passes
        else:
            stats.fallbacks[fail_mode] += 1
            refuses = fail_mode == "closed" or (fail_mode == "local" and not passes)
        if refuses:
            if spec.shadow:
                stats.shadow_refusals[spec.name] += 1
            else:
                stats.refusals[spec.name] += 1
                if refused_by is None:
                    refused_by = spec.name
                wait = _retry_after(spec, value, fail_mode, cost, closed_retry_after)
                if wait > retry_after:
                    retry_after = wait
    return Admission(allowed, checks, outcomes, lease_id, refused_by, retry_after, closed_retry_after)


def _retry_after(spec: LimitSpec, value: int, fail_mode: str | None, cost: int, closed_retry_after: float) -> float:
    """Seconds until a refusing limit would pass (`LimitStatus.retry_after`)."""
    if fail_mode == "closed":
        return closed_retry_after
    if spec.kind == "concurrency":
        return CONCURRENCY_RETRY_AFTER
    if cost > spec.tau_us:  # unreachable from the backends: they cap every cost at tau (LimitSpec.reserve)
        return spec.period  # can never pass; the honest hint is "not within a period"
    return (value - spec.tau_us) / 1_000_000


def status(admission: Admission, index: int) -> LimitStatus:
    """The verdict on the admission's `index`th check, as `decide` computed it."""
    check = admission.checks[index]
    closed_retry_after = admission.closed_retry_after
    passes, value, fail_mode, _, cost = admission.outcomes[index]
    spec = check.spec
    kind = spec.kind
    if fail_mode == "open":
        return LimitStatus(spec.name, kind, check.key, True, spec.shadow, spec.limit, spec.limit, 0.0, 0.0,
                           fail_mode)
    if fail_mode == "closed":
        return LimitStatus(spec.name, kind, check.key, False, spec.shadow, spec.limit, 0, 0.0,
                           closed_retry_after, fail_mode)
    consumed = admission.allowed and passes
    wait = 0.0 if passes else _retry_after(spec, value, fail_mode, cost, closed_retry_after)
    if kind == "concurrency":
        after = value + 1 if consumed else value
        return LimitStatus(spec.name, kind, check.key, passes, spec.shadow, spec.limit,
                           spec.limit - after if after < spec.limit else 0, 0.0, wait, fail_mode)
    backlog = _backlog(value, cost, consumed)
    return LimitStatus(spec.name, kind, check.key, passes, spec.shadow, spec.limit,
                       _remaining(spec, backlog), backlog / 1_000_000, wait, fail_mode)


def _backlog(value: int, cost: int, consumed: bool) -> int:
    """TAT - now after this admission, in microseconds."""
    backlog = value if consumed else value - cost
    return backlog if backlog > 0 else 0


def _remaining(spec: LimitSpec, backlog: int) -> int:
    remaining = (spec.tau_us - backlog) // spec.unit_us if backlog < spec.tau_us else 0
    return remaining if remaining < spec.limit else spec.limit


def statuses(admission: Admission) -> list[LimitStatus]:
    """Every check's status, in check order (`Admission.statuses`)."""
    return [status(admission, i) for i in range(len(admission.checks))]


def headline(admission: Admission) -> LimitStatus | None:
    """The status the RateLimit-* headers describe (see moat.limits.headers): the refusing limit
    when refused, else the enforced rate or quota with the smallest remaining fraction."""
    if not admission.allowed:
        for i, check in enumerate(admission.checks):
            if check.spec.name == admission.refused_by:
                return status(admission, i)
    best = least_remaining(admission)
    return status(admission, best[0]) if best is not None else None


def least_remaining(admission: Admission) -> tuple[int, int, int, int] | None:
    """(index, remaining, limit, backlog µs) of the enforced rate or quota with the smallest
    remaining fraction (the first such in check order); None when there is none."""
    best: tuple[int, int, int, int] | None = None
    best_remaining = best_limit = 0
    consumed = admission.allowed
    i = -1
    for check, outcome in zip(admission.checks, admission.outcomes, strict=True):
        i += 1
        spec = check.spec
        if spec.kind == "concurrency" or spec.shadow:
            continue
        passes, value, fail_mode, _, cost = outcome
        if fail_mode == "open" or fail_mode == "closed":
            continue
        # _remaining(spec, _backlog(...)), inlined: this runs for every response
        backlog = value if consumed and passes else value - cost
        if backlog < 0:
            backlog = 0
        tau = spec.tau_us
        remaining = (tau - backlog) // spec.unit_us if backlog < tau else 0
        limit = spec.limit
        if remaining > limit:
            remaining = limit
        if best is None or remaining * best_limit < best_remaining * limit:
            best = (i, remaining, limit, backlog)
            best_remaining, best_limit = remaining, limit
    return best


def state_name(check: Check) -> str:
    """The counter a limit uses: shadow limits count apart, so they never touch an enforced quota."""
    return check.spec.counter
