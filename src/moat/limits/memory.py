"""`MemoryLimiter`: the in-process backend (the embedded default, and Redis's `local` fallback).

State is two dicts keyed by (limit name, key value): a GCRA theoretical arrival time in integer
microseconds, and concurrency leases (lease id -> expiry). Everything runs synchronously on the
event loop, so one admission is atomic without locks (one instance per event loop; not
thread-safe). Rested keys are swept now and then, so memory follows the number of *active* keys,
not every key ever seen.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Sequence

from moat.limits.base import Admission, Check, Demand, LimiterStats, Outcome, Usage, usage_units
from moat.limits.verdict import decide

StateKey = tuple[str, str]


class MemoryLimiter:
    """Limits counted in this process only: exact, ~µs per check, not shared between replicas."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic, sweep_every: int = 4096) -> None:
        # `clock` returns seconds; any origin works, as long as it never goes backwards.
        self.stats = LimiterStats()
        self._clock = clock
        self._tat: dict[StateKey, int] = {}
        self._leases: dict[StateKey, _Leases] = {}
        self._sweep_every = sweep_every
        self._until_sweep = sweep_every
        self._lease_prefix = os.urandom(4).hex() + ":"
        self._lease_ids = itertools.count(1)

    def now_us(self) -> int:
        return round(self._clock() * 1_000_000)

    async def admit(self, checks: Sequence[Check], demand: Demand) -> Admission:
        """See `Limiter.admit`."""
        return self.admit_now(checks, demand)

    def admit_now(self, checks: Sequence[Check], demand: Demand) -> Admission:
        """`admit` without the coroutine, for callers already on the event loop's thread."""
        now = round(self._clock() * 1_000_000)  # now_us(), inlined
        outcomes = self.evaluate(checks, demand, now)
        # taken even without a concurrency limit (cheaper than looking for one)
        lease_id = f"{self._lease_prefix}{next(self._lease_ids)}"
        admission = decide(checks, outcomes, self.stats, lease_id=lease_id)
        if admission.allowed:
            self.commit(checks, outcomes, now, lease_id)
        self._until_sweep -= 1  # tick(now), inlined
        if self._until_sweep <= 0:
            self._sweep(now)
        return admission

    def evaluate(self, checks: Sequence[Check], demand: Demand, now: int,
                 fail_mode: str | None = None) -> list[Outcome]:
        """Each check's outcome at `now`, without changing any state."""
        outcomes: list[Outcome] = []
        # units() and LimitSpec.cost_us(), inlined (hot path): negative counts count as zero
        inp = demand.input_tokens if demand.input_tokens > 0 else 0
        out = demand.output_tokens if demand.output_tokens > 0 else 0
        for check in checks:
            spec = check.spec
            kind = spec.kind
            if kind == "concurrency":
                leases = self._leases.get(check.state)  # _live_leases(), inlined
                count = 0 if leases is None else leases.live(now)
                outcomes.append((count < spec.limit, count, fail_mode, 0, 0))
            else:
                tat = self._tat.get(check.state, 0)
                if kind == "requests":
                    n, cost = 1, spec.unit_us if spec.unit_us < spec.tau_us else spec.tau_us
                else:  # LimitSpec.reserve(), inlined: at most what the quota can hold
                    n = inp if kind == "input_tokens" else out if kind == "output_tokens" else inp + out
                    if n > spec.capacity:
                        n = spec.capacity
                    cost = -(-n * spec.period_us // spec.limit)
                    if cost > spec.tau_us:
                        cost = spec.tau_us
                backlog = (tat - now if tat > now else 0) + cost
                outcomes.append((backlog <= spec.tau_us, backlog, fail_mode, n, cost))
        return outcomes

    def commit(self, checks: Sequence[Check], outcomes: Sequence[Outcome], now: int, lease_id: str) -> None:
        """Consume for the checks of an allowed admission that passed (values from `evaluate`)."""
        for check, outcome in zip(checks, outcomes, strict=True):
            spec = check.spec
            if not outcome[0]:  # only a shadow limit can fail in an allowed admission
                continue
            state_key = check.state
            if spec.kind == "concurrency":
                leases = self._leases.get(state_key)
                if leases is None:
                    leases = self._leases[state_key] = _Leases()
                leases.add(lease_id, now + spec.period_us)
            else:
                self._tat[state_key] = now + outcome[1]

    async def settle(self, admission: Admission, usage: Usage) -> None:
        """See `Limiter.settle`."""
        if not admission.settled:
            admission.settled = True
            self.undo(admission, usage, release=False, local_only=False)

    async def release(self, admission: Admission) -> None:
        """See `Limiter.release`."""
        if not admission.released:
            admission.released = True
            self.undo(admission, None, release=True, local_only=False)

    async def finish(self, admission: Admission, usage: Usage) -> None:
        """See `Limiter.finish`."""
        self.finish_now(admission, usage)

    def finish_now(self, admission: Admission, usage: Usage) -> None:
        """`finish` (settle, then release) without the coroutines, like `admit_now`."""
        settle, release = not admission.settled, not admission.released
        if settle or release:
            admission.settled = admission.released = True
            self.undo(admission, usage if settle else None, release=release, local_only=False)

    def undo(self, admission: Admission, usage: Usage | None, *, release: bool, local_only: bool) -> None:
        """Settle the admission's token reservations with the real `usage` (unless None) and give
        back its concurrency slots (when `release`), in one pass over what it consumed (see
        `Admission.consumed`); with `local_only`, only what the `local` fail mode took here."""
        if not admission.allowed:
            return
        now = 0
        for check, (passes, _, fail_mode, _, reserved_us) in zip(admission.checks, admission.outcomes, strict=True):
            if not passes:
                continue
            if fail_mode is None:
                if local_only:
                    continue
            elif fail_mode != "local":
                continue  # decided by the `open` or `closed` fail mode: nothing was taken
            spec = check.spec
            kind = spec.kind
            if kind == "concurrency":
                if release:
                    leases = self._leases.get(check.state)
                    if leases is not None:
                        leases.expiry.pop(admission.lease_id, None)
            elif kind != "requests" and usage is not None:
                # the real usage's increment replaces the one taken (LimitSpec.cost_us, inlined)
                delta = -(-usage_units(spec, usage) * spec.period_us // spec.limit) - reserved_us
                if delta:
                    if not now:
                        now = self.now_us()
                    self.adjust(check.state, delta, now)

    def adjust(self, state_key: StateKey, delta_us: int, now: int) -> None:
        """Move a key's TAT by `delta_us` (negative refunds); a key never banks credit below now."""
        tat = self._tat.get(state_key, 0)
        tat = (tat if tat > now else now) + delta_us
        if tat > now:
            self._tat[state_key] = tat
        else:
            self._tat.pop(state_key, None)

    async def aclose(self) -> None:
        """Nothing to close; here for the `Limiter` protocol."""

    def _live_leases(self, state_key: StateKey, now: int) -> int:
        leases = self._leases.get(state_key)
        return 0 if leases is None else leases.live(now)

    def tick(self, now: int) -> None:
        """Count one admission; every `sweep_every`, forget what has rested."""
        self._until_sweep -= 1
        if self._until_sweep <= 0:
            self._sweep(now)

    def _sweep(self, now: int) -> None:
        """Forget rested keys and expired leases (they are indistinguishable from absent ones).

        The next sweep waits for at least as many admissions as keys survived, so sweeping
        costs O(1) per admission however many keys are active.
        """
        self._tat = {k: tat for k, tat in self._tat.items() if tat > now}
        for state_key in list(self._leases):
            if self._live_leases(state_key, now) == 0:
                del self._leases[state_key]
        self._until_sweep = max(self._sweep_every, len(self._tat) + len(self._leases))


class _Leases:
    """One key's leases; expired ones are dropped only when the earliest may have expired."""

    __slots__ = ("expiry", "next_expiry")

    def __init__(self) -> None:
        self.expiry: dict[str, int] = {}
        self.next_expiry = 0  # no lease expires before this (0: unknown, scan on next look)

    def add(self, lease_id: str, expires: int) -> None:
        if not self.expiry or expires < self.next_expiry:
            self.next_expiry = expires
        self.expiry[lease_id] = expires

    def live(self, now: int) -> int:
        if self.expiry and now >= self.next_expiry:
            self.expiry = {k: t for k, t in self.expiry.items() if t > now}
            self.next_expiry = min(self.expiry.values(), default=0)
        return len(self.expiry)
