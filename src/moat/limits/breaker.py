"""A circuit breaker for the shared backend: after a failure, stop waiting on it for a back-off.

Without it every request would pay the full Redis timeout during an outage. Closed: calls go
through. After a failure: open for `base` seconds, doubling per consecutive failure up to `cap`.
When the back-off ends, exactly one call probes (others keep using the fail mode for `probe`
seconds); a success closes the breaker. A probe that never reports (cancelled) simply lets the
next probe through after `probe` seconds, so the breaker cannot stick open.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from moat.tasks import Backoff


class CircuitBreaker:
    def __init__(self, *, base: float = 0.5, cap: float = 10.0, probe: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        # No jitter: one replica's breaker lets one probe through; its timing is what tests pin.
        self._backoff = Backoff(base, cap, jitter=0.0)
        self._probe = probe
        self._clock = clock
        self._failures = 0
        self._open_until = 0.0

    @property
    def is_open(self) -> bool:
        return self._failures > 0

    def allow(self) -> bool:
        """May this call use the backend? In the open state, only one probe per back-off."""
        if self._failures == 0:
            return True
        now = self._clock()
        if now < self._open_until:
            return False
        self._open_until = now + self._probe  # this caller probes; the others wait
        return True

    def retry_in(self) -> float:
        """Seconds until the backend is tried again (0 when closed)."""
        if self._failures == 0:
            return 0.0
        return max(0.0, self._open_until - self._clock())

    def success(self) -> None:
        self._failures = 0
        self._open_until = 0.0

    def failure(self) -> bool:
        """Record a failure; True when this one opened a closed breaker (for the metric)."""
        opened = self._failures == 0
        self._failures += 1
        self._open_until = self._clock() + self._backoff.delay(self._failures)
        return opened
