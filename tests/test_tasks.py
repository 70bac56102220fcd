"""The one polling loop of the replica-local caches: failures logged once per outage, never fatal."""

from __future__ import annotations

import asyncio
import itertools
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


async def test_poll_waits_its_backoff_after_failures_and_stops_when_told(caplog: pytest.LogCaptureFixture) -> None:
    stop = asyncio.Event()
    outcomes = iter([OSError("away"), OSError("away"), None])
    loop = asyncio.get_running_loop()
    started: list[float] = []

    async def step() -> None:
        started.append(loop.time())
        result = next(outcomes, None)
        if result is None:
            stop.set()
        else:
            raise result

    with caplog.at_level(logging.INFO, logger="test.poll"):
        await asyncio.wait_for(poll(step, 5.0, logging.getLogger("test.poll"), "worker",
                                    retry=Backoff(0.05, 0.1, jitter=0.0), stop=stop), 2)
    assert len(started) == 3  # returned once stop was set, without waiting the 5 s interval
    gaps = [b - a for a, b in itertools.pairwise(started)]
    assert 0.045 <= gaps[0] < 0.5 and 0.095 <= gaps[1] < 0.5  # 0.05 then 0.1, not the interval
    assert any("reachable again after 2 failure(s)" in r.getMessage() for r in caplog.records)


async def test_poll_survives_only_the_errors_it_is_told_to() -> None:
    async def bug() -> None:
        raise KeyError("a bug, not an outage")

    with pytest.raises(KeyError):
        await asyncio.wait_for(poll(bug, 0.01, logging.getLogger("test.poll"), "worker", errors=(OSError,)), 2)
