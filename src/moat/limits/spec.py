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

How each kind of token counts against `input_tokens` and `tokens` quotas (issue 12 item 3): fresh
input at 1, cache reads at `cache_read_weight` (default 0.1, what providers bill a cache hit) and
cache writes at `cache_write_weight` (default 1.25, the 5-minute cache write premium), both per
quota; weights have at most three decimals and are applied in integer thousandths, rounded up once
per request, so every replica charges the same. Reasoning is output (billed as output) and counts
once, inside `output_tokens`. Admission cannot know what the cache will serve, so it reserves the
whole input estimate at weight 1 and settlement charges the weighted real usage.

Reservations never exceed what a quota can hold (issue 12 item 6): a demand larger than `burst`
reserves `burst` (a rested key admits it) and settles on real usage like any other; a request
that overshoots leaves a debt the key waits off (`Retry-After` then says how long). Only a request
whose *smallest possible* cost exceeds `burst` can never be served: its input estimate with every
token a prompt cache could serve read from it (`floor_units`); the gateway refuses it once, without
`Retry-After` (`moat.limits.base.oversized`).

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
    cache_read_weight: float = 0.1  # input_tokens / tokens: what one cache-read token counts
    cache_write_weight: float = 1.25  # input_tokens / tokens: what one cache-write token counts
    # Derived once here so the hot path does integer arithmetic only (not part of equality).
    period_us: int = field(init=False, repr=False, compare=False)
    tau_us: int = field(init=False, repr=False, compare=False)
    unit_us: int = field(init=False, repr=False, compare=False)  # cost_us(1)
    counter: str = field(init=False, repr=False, compare=False)  # the state's name, see `shadow`
    capacity: int = field(init=False, repr=False, compare=False)  # burst or limit: the most one request reserves
    cache_read_milli: int = field(init=False, repr=False, compare=False)  # weights in integer thousandths
    cache_write_milli: int = field(init=False, repr=False, compare=False)

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
        milli = []
        for name in ("cache_read_weight", "cache_write_weight"):
            weight = getattr(self, name)
            scaled = weight * 1000 if isinstance(weight, (int, float)) and not isinstance(weight, bool) else -1.0
            if not 0 <= scaled <= 100_000 or abs(scaled - round(scaled)) > 1e-6:
                raise ValueError(f"limit {self.name}: {name} must be a number from 0 to 100 with at most "
                                 f"three decimals, not {weight!r}")
            milli.append(round(scaled))
        object.__setattr__(self, "cache_read_milli", milli[0])
        object.__setattr__(self, "cache_write_milli", milli[1])
        object.__setattr__(self, "capacity", self.burst or self.limit)
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

    def reserve(self, units: int) -> tuple[int, int]:
        """(units, cost in µs) an admission takes for a demand of `units`: at most what the quota
        can hold (`capacity` units, `tau_us`), so a rested key always admits it."""
        if units > self.capacity:
            units = self.capacity
        cost = -(-units * self.period_us // self.limit)
        return units, (cost if cost < self.tau_us else self.tau_us)
