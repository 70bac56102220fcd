"""A reference model of one GCRA limit, written independently of the limiters.

It is the *continuous-state leaky bucket* form of GCRA (ITU-T I.371), not the virtual-scheduling
(theoretical arrival time) form the limiters use: the bucket holds a backlog in microseconds that
drains one per microsecond; a request adds ceil(units * period / limit) µs and passes when the
bucket then holds at most burst * period / limit µs. Both forms decide identically, so any
difference is a bug in one of them.

A reservation holds at most what the bucket can (issue 12 item 6): a demand over `burst` units
reserves `burst` units, and never more than the bucket's capacity. Settlement weighs cache reads
and writes with exact fractions (`weighted`).
"""

from __future__ import annotations

import math
from fractions import Fraction


def weighted(fresh: int, read: int, write: int, read_weight: float, write_weight: float) -> int:
    """Input tokens as a quota counts them: cache reads and writes at their weights, rounded up."""
    return math.ceil(fresh + read * Fraction(str(read_weight)) + write * Fraction(str(write_weight)))


class LeakyBucket:
    def __init__(self, limit: int, period_us: int, burst: int | None = None) -> None:
        self.limit = limit
        self.period_us = period_us
        self.burst = burst or limit
        self.capacity = self.burst * period_us // limit
        self.level = 0
        self.last = 0

    def increment(self, units: int) -> int:
        whole, part = divmod(units * self.period_us, self.limit)
        return whole + (1 if part else 0)

    def reservation(self, units: int) -> int:
        """The increment an admission of `units` takes: at most `burst` units, at most capacity."""
        return min(self.increment(min(units, self.burst)), self.capacity)

    def drained(self, now: int) -> int:
        return max(0, self.level - (now - self.last))

    def passes(self, units: int, now: int) -> bool:
        return self.drained(now) + self.reservation(units) <= self.capacity

    def take(self, units: int, now: int) -> None:
        self.level = self.drained(now) + self.reservation(units)
        self.last = now

    def adjust(self, reserved: int, actual: int, now: int) -> None:
        """Settle an admission that reserved for a demand of `reserved` units with `actual` ones."""
        self.level = max(0, self.drained(now) + self.increment(actual) - self.reservation(reserved))
        self.last = now

    def remaining(self, now: int) -> int:
        """Unit-cost requests that would pass now."""
        return min(self.limit, max(0, (self.capacity - self.drained(now)) // self.increment(1)))

    def retry_after_us(self, units: int, now: int) -> int:
        return self.drained(now) + self.reservation(units) - self.capacity
