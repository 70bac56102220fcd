"""The circuit breaker: back-off doubling, one probe at a time, no sticking open."""

from __future__ import annotations

from moat.limits.breaker import CircuitBreaker
from tests.limits.conftest import FakeClock


def test_backs_off_probes_once_and_closes_on_success() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(base=0.5, cap=2.0, probe=1.0, clock=clock)
    assert breaker.allow() and not breaker.is_open
    assert breaker.failure() is True  # opened
    assert not breaker.allow() and breaker.retry_in() == 0.5
    clock.advance(0.5)
    assert breaker.allow()  # the probe
    assert not breaker.allow()  # everyone else waits for it
    assert breaker.failure() is False  # already open: back-off doubles
    clock.advance(0.9)
    assert not breaker.allow()
    clock.advance(0.1)
    assert breaker.allow()
    breaker.success()
    assert breaker.allow() and breaker.allow() and breaker.retry_in() == 0


def test_a_lost_probe_does_not_keep_it_open() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(base=0.5, probe=1.0, clock=clock)
    breaker.failure()
    clock.advance(0.5)
    assert breaker.allow()  # this probe is cancelled and never reports
    clock.advance(1.0)
    assert breaker.allow()  # so the next caller probes


def test_back_off_is_capped() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(base=0.5, cap=2.0, clock=clock)
    for _ in range(50):
        breaker.failure()
    assert breaker.retry_in() == 2.0
