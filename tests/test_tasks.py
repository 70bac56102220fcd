"""The one polling loop of the replica-local caches: failures logged once per outage, never fatal."""

from __future__ import annotations

import asyncio
import logging

import pytest

from moat.tasks import cancel, poll


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
