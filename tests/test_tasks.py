"""The one polling loop of the replica-local caches: failures logged once per outage, never fatal."""

from __future__ import annotations

import asyncio
import logging

import pytest

from moat.tasks import Backoff, cancel, poll


async def test_poll_survives_an_outage_logging_it_once_and_its_end(caplog: pytest.LogCaptureFixture) -> None:
    outcomes = iter([None, OSError("down"), OSError("down"), OSError("down"), None, None])
    calls: list[int] = []
    errors: list[BaseException] = []
    done = asyncio.Event()

    async def step() -> None:
        calls.append(1)
        result = next(outcomes, None)
        if len(calls) >= 6:
            done.set()
        if isinstance(result, BaseException):
            raise result

    log = logging.getLogger("test.poll")
    with caplog.at_level(logging.INFO, logger="test.poll"):
        task = asyncio.create_task(poll(step, 0.001, log, "feed", errors.append))
        await asyncio.wait_for(done.wait(), 5)
        await cancel(task)
    assert len(errors) == 3  # every failure seen by the callback
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    infos = [r for r in caplog.records if r.levelno == logging.INFO and "reachable again" in r.getMessage()]
    assert len(warnings) == 1 and "feed" in warnings[0].getMessage()
    assert len(infos) == 1
    assert task.cancelled()


def test_backoff_doubles_from_first_up_to_the_cap() -> None:
    exact = Backoff(0.25, 3.0, jitter=0.0)
    assert [exact.delay(n) for n in range(1, 7)] == [0.25, 0.5, 1.0, 2.0, 3.0, 3.0]
    assert exact.delay(10_000) == 3.0  # no overflow however long the outage


def test_backoff_jitter_only_shortens_a_delay() -> None:
    assert Backoff(1.0, 8.0, rand=lambda: 0.0).delay(3) == 2.0  # half of 4 s at the least
    assert Backoff(1.0, 8.0, rand=lambda: 1.0).delay(3) == 4.0
    assert Backoff(1.0, 8.0, jitter=1.0, rand=lambda: 0.0).delay(2) == 0.0  # full jitter
    drawn = [Backoff(0.1, 2.0).delay(n) for n in range(1, 40) for _ in range(20)]
    assert max(drawn) <= 2.0 and min(drawn) >= 0.05 and len(set(drawn)) > 100
