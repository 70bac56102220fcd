"""Turning per-limit outcomes into one `Admission`: shared by every backend, so they agree exactly.

A backend evaluates each check against its state and reports an `Outcome`:

    GCRA limits         passes: new_tat - now <= tau;  value: new_tat - now in microseconds
                        (new_tat = max(tat, now) + cost, the state the admission would leave)
    concurrency limits  passes: live leases < limit;    value: live leases before this request

`decide` applies the all-or-nothing rule (shadow limits never refuse), computes the header values
and the retry-after, records stats, and lists what `settle` and `release` must undo.
"""

from __future__ import annotations

from collections.abc import Sequence

from moat.limits.base import Admission, Check, Lease, LimiterStats, LimitStatus, Reservation

# A refused concurrency slot frees whenever a running request ends; one second is a fair guess.
CONCURRENCY_RETRY_AFTER = 1.0


# (passes, value, fail_mode, units, cost_us): value as above, ignored for fail modes "open" and
# "closed"; fail_mode is set when the backend was unreachable; units and cost_us are what the
# request costs against a GCRA limit (0 otherwise). A plain tuple: built per limit per request.
Outcome = tuple[bool, int, "str | None", int, int]


def decide(checks: Sequence[Check], outcomes: Sequence[Outcome], stats: LimiterStats,
           *, lease_id: str = "", closed_retry_after: float = 1.0) -> Admission:
    """The admission for `checks` given each one's outcome (same order). Hot path: kept flat."""
    allowed = True
    for check, outcome in zip(checks, outcomes, strict=True):
        if not outcome[0] and not check.spec.shadow:
            allowed = False
            break
    statuses: list[LimitStatus] = []
    reservations: list[Reservation] = []
    leases: list[Lease] = []
    refused_by: str | None = None
    retry_after = 0.0
    for check, (passes, value, fail_mode, n, cost) in zip(checks, outcomes, strict=True):
        spec = check.spec
        kind = spec.kind
        if fail_mode is None:
            consumed = allowed and passes
            local = False
        else:
            stats.fallbacks[fail_mode] += 1
            # Shadow limits consume only their own counters (`LimitSpec.counter`), when they pass.
            consumed = allowed and passes and fail_mode == "local"
            local = True
        if fail_mode == "open":
            status = LimitStatus(spec.name, kind, check.key, True, spec.shadow, spec.limit,
                                 spec.limit, 0.0, 0.0, fail_mode)
        elif fail_mode == "closed":
            status = LimitStatus(spec.name, kind, check.key, False, spec.shadow, spec.limit,
                                 0, 0.0, closed_retry_after, fail_mode)
        elif kind == "concurrency":
            after = value + 1 if consumed else value
            status = LimitStatus(spec.name, kind, check.key, passes, spec.shadow, spec.limit,
                                 spec.limit - after if after < spec.limit else 0, 0.0,
                                 0.0 if passes else CONCURRENCY_RETRY_AFTER, fail_mode)
            if consumed:
                leases.append(Lease(check, lease_id, local))
        else:
            tau = spec.tau_us
            backlog = value if consumed else value - cost  # TAT - now after this admission
            if backlog < 0:
                backlog = 0
            remaining = (tau - backlog) // spec.unit_us if backlog < tau else 0
            if passes:
                wait = 0.0
            elif cost > tau:
                wait = spec.period  # can never pass; the honest hint is "not within a period"
            else:
                wait = (value - tau) / 1_000_000
            status = LimitStatus(spec.name, kind, check.key, passes, spec.shadow, spec.limit,
                                 remaining if remaining < spec.limit else spec.limit,
                                 backlog / 1_000_000, wait, fail_mode)
            if consumed and kind != "requests":
                reservations.append(Reservation(check, n, local))
        statuses.append(status)
        if not status.allowed:
            if spec.shadow:
                stats.shadow_refusals[spec.name] += 1
            else:
                stats.refusals[spec.name] += 1
                if refused_by is None:
                    refused_by = spec.name
                if status.retry_after > retry_after:
                    retry_after = status.retry_after
    stats.checks += 1
    stats.limits_evaluated += len(statuses)
    return Admission(allowed, statuses, refused_by, retry_after, reservations, leases)

def state_name(check: Check) -> str:
    """The counter a limit uses: shadow limits count apart, so they never touch an enforced quota."""
    return check.spec.counter
