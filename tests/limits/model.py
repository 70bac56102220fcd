"""A reference model of one GCRA limit, written independently of the limiters.

It is the *continuous-state leaky bucket* form of GCRA (ITU-T I.371), not the virtual-scheduling
(theoretical arrival time) form the limiters use: the bucket holds a backlog in microseconds that
drains one per microsecond; a request adds ceil(units * period / limit) µs and passes when the
bucket then holds at most burst * period / limit µs. Both forms decide identically, so any
difference is a bug in one of them.
"""

from __future__ import annotations


class LeakyBucket:
    def __init__(self, limit: int, period_us: int, burst: int | None = None) -> None:
        self.limit = limit
        self.period_us = period_us
        self.capacity = (burst or limit) * period_us // limit
        self.level = 0
        self.last = 0

    def increment(self, units: int) -> int:
        whole, part = divmod(units * self.period_us, self.limit)
        return whole + (1 if part else 0)

    def drained(self, now: int) -> int:
        return max(0, self.level - (now - self.last))

    def passes(self, units: int, now: int) -> bool:
        return self.drained(now) + self.increment(units) <= self.capacity

    def take(self, units: int, now: int) -> None:
        self.level = self.drained(now) + self.increment(units)
        self.last = now

    def adjust(self, reserved: int, actual: int, now: int) -> None:
        self.level = max(0, self.drained(now) + self.increment(actual) - self.increment(reserved))
        self.last = now

    def remaining(self, now: int) -> int:
        """Unit-cost requests that would pass now."""
        return min(self.limit, max(0, (self.capacity - self.drained(now)) // self.increment(1)))

    def retry_after_us(self, units: int, now: int) -> int:
        return self.drained(now) + self.increment(units) - self.capacity
