"""The `Limiter` interface and the values that cross it.

Per request the gateway makes two calls (envoyproxy/ratelimit's shape: one interface, one
implementation per backend, time injected into constructors):

    admission = await limiter.admit(checks, demand)   # before relaying; all limits at once
    try:
        ...relay, meter...
    finally:
        await limiter.finish(admission, usage)         # = settle(real usage) + release(slots)

`settle` and `release` exist separately for callers that release a slot before usage is known.

An admission is all-or-nothing: when one enforced limit refuses, no limit consumes anything.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol, runtime_checkable

from moat.limits.spec import LimitSpec


@dataclass(frozen=True, slots=True)
class Check:
    """A limit applied to one key value, e.g. `Check(rpm_spec, "acct_42")`."""

    spec: LimitSpec
    key: str
    # (counter, key): the state this check reads and writes in an in-process limiter. Built once:
    # the policy engine memoises its checks, so the hot path never rebuilds the tuple.
    state: tuple[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "state", (self.spec.counter, self.key))


class Demand(NamedTuple):
    """What a request may use, known before relaying: the reservation basis for token limits.
    (Named tuples: built for every request, and cheaper to build than frozen dataclasses.)"""

    input_tokens: int = 0  # the input-token estimate
    output_tokens: int = 0  # max_tokens (after any policy cap)
    uncacheable: int = 0  # of input_tokens, what no prompt cache can serve (only `floor_units` reads it)


@dataclass(slots=True)
class Usage:
    """What one call used, by kind: the upstream's report, or Moat's count (issue 12 item 3;
    `moat.gateway.metering` reads each API's report). The limiter settles reservations with it.

    The kinds never overlap except reasoning: `input_tokens` is the *fresh* (uncached) input, so the
    whole prompt is input + cache_read + cache_write; `reasoning_tokens` is the part of
    `output_tokens` that was reasoning / thinking (billed as output, so not added again).
    """

    input_tokens: int = 0  # fresh input, neither read from nor written to the prompt cache
    output_tokens: int = 0  # everything generated, reasoning included
    reported: bool = False  # True when the upstream said so; False when Moat counted
    cache_read_tokens: int = 0  # input served from the prompt cache (billed at a fraction)
    cache_write_tokens: int = 0  # input written to the prompt cache (billed at a premium)
    reasoning_tokens: int = 0  # of output_tokens, the reasoning / thinking part


TOKEN_KINDS = frozenset(("input_tokens", "output_tokens", "tokens"))


def units(kind: str, input_tokens: int, output_tokens: int) -> int:
    """What a request costs against a limit of `kind` (1 for requests and concurrency).

    Negative counts (a broken usage report) count as zero: they must never refund extra quota.
    """
    if kind == "input_tokens":
        return input_tokens if input_tokens > 0 else 0
    if kind == "output_tokens":
        return output_tokens if output_tokens > 0 else 0
    if kind == "tokens":
        return (input_tokens if input_tokens > 0 else 0) + (output_tokens if output_tokens > 0 else 0)
    return 1


def usage_units(spec: LimitSpec, usage: Usage) -> int:
    """What real `usage` costs against `spec` (settlement): `units` with the cache kinds at the
    quota's weights (`LimitSpec.cache_read_weight`, ...), in integer thousandths rounded up once."""
    kind = spec.kind
    if kind == "output_tokens":
        out = usage.output_tokens
        return out if out > 0 else 0
    if kind != "input_tokens" and kind != "tokens":
        return 1
    fresh, read, write = usage.input_tokens, usage.cache_read_tokens, usage.cache_write_tokens
    milli = ((fresh if fresh > 0 else 0) * 1000 + (read if read > 0 else 0) * spec.cache_read_milli
             + (write if write > 0 else 0) * spec.cache_write_milli)
    total = -(-milli // 1000)
    if kind == "tokens":
        out = usage.output_tokens
        total += out if out > 0 else 0
    return total


def floor_units(spec: LimitSpec, demand: Demand) -> int:
    """The least a request can cost against `spec`: its input estimate as if every token that a
    prompt cache could serve were read from it (at the quota's read weight when that is below 1),
    the rest fresh; output may be nothing."""
    if spec.kind != "input_tokens" and spec.kind != "tokens":
        return 0 if spec.kind == "output_tokens" else 1
    estimate = demand.input_tokens if demand.input_tokens > 0 else 0
    fresh = min(demand.uncacheable, estimate) if demand.uncacheable > 0 else 0
    return fresh - (-(estimate - fresh) * min(spec.cache_read_milli, 1000) // 1000)


def oversized(checks: Sequence[Check], demand: Demand) -> tuple[Check, int] | None:
    """The first enforced token quota this request could never fit, with its `floor_units`: a
    refusal to give once, without Retry-After (no wait makes it fit). None when every one can."""
    for check in checks:
        spec = check.spec
        if spec.kind in TOKEN_KINDS and not spec.shadow:
            floor = floor_units(spec, demand)
            if floor > spec.capacity:
                return check, floor
    return None


@dataclass(slots=True)
class LimitStatus:
    """One limit's verdict within an admission; feeds the RateLimit-* headers and the explanation."""

    name: str
    kind: str
    key: str
    allowed: bool
    shadow: bool
    limit: int  # the spec's limit (RateLimit-Limit)
    remaining: int  # unit-cost admissions still possible now (RateLimit-Remaining)
    reset: float  # seconds until the key is fully rested (RateLimit-Reset); 0 for concurrency
    retry_after: float = 0.0  # seconds until this request would pass; 0 when allowed
    fail_mode: str | None = None  # set when the backend was unreachable and the fail mode decided


@dataclass(slots=True)
class Reservation:
    """Units a token limit took at admission, returned or topped up by `settle`. Internal."""

    check: Check
    units: int
    local: bool  # taken from the fallback memory limiter, not the shared backend
    cost_us: int = 0  # the GCRA increment taken (what settlement gives back before charging usage)


@dataclass(slots=True)
class Lease:
    """A concurrency slot held until `release` or until it expires. Internal."""

    check: Check
    lease_id: str
    local: bool


# One check's outcome, as a backend reports it (see moat.limits.verdict): (passes, value,
# fail_mode, units, cost_us). A plain tuple: built per limit per request.
Outcome = tuple[bool, int, "str | None", int, int]


class Admission:
    """The answer to `admit`: whether to relay, why not, and what `settle`/`release` must undo.

    The checks and their outcomes are the whole record: reservations, leases and each limit's
    `LimitStatus` are derived from them when read (the hot path of an all-pass admission builds
    nothing else, see `moat.limits.verdict.decide`).
    """

    __slots__ = ("_statuses", "allowed", "checks", "closed_retry_after", "lease_id", "outcomes", "refused_by",
                 "released", "retry_after", "settled")

    def __init__(self, allowed: bool, checks: Sequence[Check] = (), outcomes: Sequence[Outcome] = (),
                 lease_id: str = "", refused_by: str | None = None, retry_after: float = 0.0,
                 closed_retry_after: float = 1.0) -> None:
        self.allowed = allowed
        self.checks = checks
        self.outcomes = outcomes
        self.lease_id = lease_id  # the concurrency slots' lease (a backend may set one without any)
        self.refused_by = refused_by  # the enforced limit that refused (the first, in check order)
        self.retry_after = retry_after  # seconds (the largest among refusing limits); 0 when allowed
        self.closed_retry_after = closed_retry_after  # what a `closed` fail mode tells clients
        self.settled = False
        self.released = False
        self._statuses: list[LimitStatus] | None = None

    def __repr__(self) -> str:
        return (f"Admission(allowed={self.allowed}, refused_by={self.refused_by!r}, "
                f"retry_after={self.retry_after}, checks={len(self.checks)})")

    def consumed(self) -> Iterator[tuple[Check, Outcome]]:
        """The checks this admission took from (they passed and counted), with their outcomes.

        A limit decided by the `open` or `closed` fail mode counted nothing; `local` counted in
        the fallback memory limiter (`Reservation.local`)."""
        if not self.allowed:
            return
        for check, outcome in zip(self.checks, self.outcomes, strict=True):
            if outcome[0] and (outcome[2] is None or outcome[2] == "local"):
                yield check, outcome

    @property
    def reservations(self) -> list[Reservation]:
        """The token units taken, which `settle` replaces by the real usage."""
        return [Reservation(check, outcome[3], outcome[2] is not None, outcome[4])
                for check, outcome in self.consumed()
                if check.spec.kind in TOKEN_KINDS]

    @property
    def leases(self) -> list[Lease]:
        """The concurrency slots taken, which `release` gives back."""
        return [Lease(check, self.lease_id, outcome[2] is not None) for check, outcome in self.consumed()
                if check.spec.kind == "concurrency"]

    @property
    def statuses(self) -> list[LimitStatus]:
        """Each limit's verdict, in check order."""
        if self._statuses is None:
            from moat.limits.verdict import statuses

            self._statuses = statuses(self)
        return self._statuses

    @property
    def degraded(self) -> bool:
        """True when a fail mode, not the shared backend, decided at least one limit."""
        return any(outcome[2] is not None for outcome in self.outcomes)


@dataclass
class LimiterStats:
    """Counters for metrics; the lead exports them with prometheus_client. Monotonic, never reset."""

    checks: int = 0  # admissions evaluated
    limits_evaluated: int = 0  # limit verdicts, shadow included
    refusals: Counter[str] = field(default_factory=Counter)  # by limit name, enforced only
    shadow_refusals: Counter[str] = field(default_factory=Counter)  # by limit name: would have refused
    redis_errors: int = 0  # failed or timed-out backend calls
    fallbacks: Counter[str] = field(default_factory=Counter)  # limit verdicts by fail mode used
    breaker_opens: int = 0  # times the circuit breaker stopped calling the backend
    settle_errors: int = 0  # settle/release calls lost to a backend error (leases then expire)


@runtime_checkable
class Limiter(Protocol):
    """Rate limits and token quotas for a set of checks; one instance per process, shared by requests."""

    stats: LimiterStats

    async def admit(self, checks: Sequence[Check], demand: Demand) -> Admission:
        """Evaluate every check at once and, if all enforced ones pass, consume from all of them.

        `checks` may mix kinds and keys; shadow specs are evaluated but never consume or refuse.
        Token limits reserve `LimitSpec.reserve(units(kind, demand))` (at most what the quota
        holds); concurrency limits take one slot (a lease).
        Never raises for backend trouble: each limit then follows its `fail_mode`. Returns
        promptly (bounded by the backend timeout). An empty `checks` admits.
        """
        ...

    async def settle(self, admission: Admission, usage: Usage) -> None:
        """Replace the admission's token reservations by real `usage` (`usage_units`: cache kinds at
        each quota's weights): refund, or charge the overshoot.

        Call once after the response (with `Usage()` when nothing reached the upstream, which
        returns the whole reservation). A second call, or one on a refused admission, does nothing.
        Never raises; a lost settle only means the reservation stands.
        """
        ...

    async def release(self, admission: Admission) -> None:
        """Give back the admission's concurrency slots. Idempotent; never raises.

        Call in a `finally`; a slot that is never released expires after its spec's `period`.
        """
        ...

    async def finish(self, admission: Admission, usage: Usage) -> None:
        """`settle` then `release`, in one backend call: what the gateway's `finally` should call."""
        ...

    async def aclose(self) -> None:
        """Close backend connections (shutdown)."""
        ...


@runtime_checkable
class ImmediateLimiter(Limiter, Protocol):
    """A limiter that answers on the event loop's thread without awaiting (the in-process one).

    The capability the gateway asks for once, when it is built (`isinstance(limiter, ImmediateLimiter)`),
    to skip one coroutine per call on the hot path; a shared (Redis) limiter does not have it.
    """

    def admit_now(self, checks: Sequence[Check], demand: Demand) -> Admission:
        """`admit` without the coroutine: the same answer."""
        ...

    def finish_now(self, admission: Admission, usage: Usage) -> None:
        """`finish` without the coroutine."""
        ...
