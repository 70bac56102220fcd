"""`LimitSpec`: one named limit, as the policy bundle declares it (issue 4, items 6-8).

The policy compiler produces these from YAML; the limiters consume them. A spec says nothing about
*whose* usage it counts: the policy engine evaluates `key` (a key expression name such as
`account`, see `moat.limits.keys`) per request and pairs the spec with the value in a `Check`.

Kinds and what one request costs against them:

    requests        1 per request, GCRA over `period`
    input_tokens    the input-token estimate, reserved at admission, settled with real usage
    output_tokens   max_tokens, reserved at admission, settled with real usage
    tokens          input estimate + max_tokens (one budget for both), reserved and settled
    concurrency     1 slot while the request runs; `limit` slots; a lease lives `period` seconds

Rates and quotas are GCRA (one theoretical-arrival-time per key): `limit` units per `period`
seconds, at most `burst` units at once from a rested key (default: `limit`, so a fresh key may
spend a whole period's allowance at once, then refills smoothly). A single request costing more
than `burst` can never pass.

Shadow limits (`shadow=True`) never refuse and never touch the counters of enforced limits, even
one with the same name. To report *when* they would refuse they keep counters of their own, in a
separate namespace, advanced only by requests that were served and that they would have let through
(the dry-run of envoyproxy/ratelimit's `shadow_mode`); their would-be refusals go to metrics.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

LimitKind = Literal["requests", "input_tokens", "output_tokens", "tokens", "concurrency"]
LIMIT_KINDS: tuple[str, ...] = ("requests", "input_tokens", "output_tokens", "tokens", "concurrency")
# What a limit does while its shared backend (Redis) is unreachable:
#   open    admit without counting (availability over accuracy)
#   closed  refuse with 429 and a short Retry-After (accuracy over availability)
#   local   count in this replica's memory with the same spec (each replica admits up to `limit`)
FailMode = Literal["open", "closed", "local"]
FAIL_MODES: tuple[str, ...] = ("open", "closed", "local")


@dataclass(frozen=True, slots=True)
class LimitSpec:
    """One named limit. Frozen and hashable: build it once at policy load, share it everywhere."""

    name: str  # unique in the bundle; names the Redis key, the metric label and the refusal
    kind: LimitKind
    limit: int  # units per period (requests, tokens), or concurrent slots
    period: float = 60.0  # seconds; for `concurrency`, how long a lease outlives a crashed replica
    burst: int | None = None  # units admitted at once from a rested key; None means `limit`
    key: str = "account"  # key expression name; the policy engine turns it into a value per request
    fail_mode: FailMode = "local"
    shadow: bool = False  # never blocks, never consumes enforced quota; see the module docstring
    # Derived once here so the hot path does integer arithmetic only (not part of equality).
    period_us: int = field(init=False, repr=False, compare=False)
    tau_us: int = field(init=False, repr=False, compare=False)
    unit_us: int = field(init=False, repr=False, compare=False)  # cost_us(1)
    counter: str = field(init=False, repr=False, compare=False)  # the state's name, see `shadow`

    def __post_init__(self) -> None:
        if not self.name or any(c in self.name for c in "{}"):
            raise ValueError(f"limit name must be non-empty without braces: {self.name!r}")
        if self.kind not in LIMIT_KINDS:
            raise ValueError(f"limit {self.name}: unknown kind {self.kind!r} (one of {LIMIT_KINDS})")
        if self.fail_mode not in FAIL_MODES:
            raise ValueError(f"limit {self.name}: unknown fail_mode {self.fail_mode!r} (one of {FAIL_MODES})")
        if isinstance(self.limit, bool) or not isinstance(self.limit, int) or self.limit < 1:
            raise ValueError(f"limit {self.name}: limit must be a positive integer, not {self.limit!r}")
        if not self.period > 0:
            raise ValueError(f"limit {self.name}: period must be > 0 seconds, not {self.period!r}")
        if self.burst is not None and (not isinstance(self.burst, int) or self.burst < 1):
            raise ValueError(f"limit {self.name}: burst must be a positive integer, not {self.burst!r}")
        period_us = round(self.period * 1_000_000)
        object.__setattr__(self, "period_us", period_us)
        # Tolerance: the backlog (TAT - now) a key may carry after an admission, in microseconds.
        object.__setattr__(self, "tau_us", (self.burst or self.limit) * period_us // self.limit)
        object.__setattr__(self, "unit_us", self.cost_us(1))
        # Shadow limits count apart, so they never touch an enforced limit's state of the same name;
        # slots live apart from GCRA state, so a limit whose kind changes on reload never finds
        # a Redis value of the wrong type.
        counter = f"{self.name}~shadow" if self.shadow else self.name
        object.__setattr__(self, "counter", f"{counter}#slots" if self.kind == "concurrency" else counter)

    def cost_us(self, units: int) -> int:
        """The GCRA increment for `units`, rounded up to a whole microsecond (never under-charges)."""
        return -(-units * self.period_us // self.limit)
