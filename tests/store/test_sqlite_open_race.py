"""Replicas opening one new SQLite file at the same moment all get in (none sees "database is locked").

Switching a file to WAL does not go through SQLite's busy handler while another process is
creating or migrating it; `moat.store.sqlite.connect` retries that step. Racing processes hit the
window in a few percent of rounds, so the test runs many rounds.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from pathlib import Path

from moat.store import open_store


def _open_and_close(url: str, results: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    async def run() -> None:
        store = open_store(url)
        await store.open()
        await store.close()

    try:
        asyncio.run(run())
        results.put("ok")
    except Exception as exc:  # reported to the parent, which asserts
        results.put(f"{type(exc).__name__}: {exc}")


def test_processes_opening_a_new_database_at_once_all_succeed(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    failures: list[str] = []
    for round_ in range(60):
        url = f"sqlite:///{tmp_path / f'race{round_}.db'}"
        results = ctx.Queue()
        procs = [ctx.Process(target=_open_and_close, args=(url, results)) for _ in range(6)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        failures += [r for r in (results.get(timeout=10) for _ in procs) if r != "ok"]
    assert failures == []
