"""A store that is down or stalled: requests never wait, records wait in the WAL, nothing is lost."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import time
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from moat.audit.recorder import Recorder
from moat.audit.wal import WalGroup
from moat.store import open_store
from moat.store.sqlite import sqlite_path
from tests.audit.records import make_item, stored_request_ids


class TcpProxy:
    """A real network path to PostgreSQL that the test can cut (listener and live connections) and restore."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = 0
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    async def up(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def down(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        for writer in list(self._writers):
            writer.transport.abort()
        self._writers.clear()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        self._writers.update((writer, up_writer))

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(OSError, asyncio.CancelledError):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.transport.abort()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))


@pytest.fixture
async def proxy(postgres_url: str) -> AsyncIterator[tuple[TcpProxy, str]]:
    parts = urlsplit(postgres_url)
    p = TcpProxy(parts.hostname or "127.0.0.1", parts.port or 5432)
    await p.up()
    netloc = f"{parts.username}@127.0.0.1:{p.port}" if parts.username else f"127.0.0.1:{p.port}"
    yield p, urlunsplit(parts._replace(netloc=netloc))
    await p.down()


def max_record_seconds(recorder: Recorder, items: list) -> float:
    worst = 0.0
    for item in items:
        t = time.perf_counter()
        recorder.record(item)
        worst = max(worst, time.perf_counter() - t)
    return worst


@pytest.mark.postgres
async def test_postgres_down_then_back(proxy: tuple[TcpProxy, str], wal_dir: Path) -> None:
    tcp, url = proxy
    store = open_store(url)
    await store.open()
    recorder = Recorder(store, wal_dir, batch_size=50, flush_interval=0.01, max_backoff=0.3)
    await recorder.start()
    items = [make_item(i, run="pg") for i in range(400)]
    for item in items[:100]:
        recorder.record(item)
    assert await recorder.flush(timeout=10)

    await tcp.down()  # the database vanishes: live connections reset, new ones refused
    worst = max_record_seconds(recorder, items[100:])
    await asyncio.sleep(0.5)
    assert recorder.stats.errors > 0 and not recorder.stats.store_ok
    assert recorder.stats.queued == 300
    assert worst < 0.05  # requests never wait for the database

    await tcp.up()
    assert await recorder.flush(timeout=15)
    assert recorder.stats.store_ok and recorder.stats.queued == 0
    assert await recorder.stop()
    assert await stored_request_ids(store) == [i.traffic["request_id"] for i in items]
    await store.close()


@pytest.mark.postgres
async def test_stop_while_down_keeps_the_wal_for_the_next_start(proxy: tuple[TcpProxy, str],
                                                                wal_dir: Path) -> None:
    tcp, url = proxy
    store = open_store(url)
    await store.open()
    recorder = Recorder(store, wal_dir, flush_interval=0.01, max_backoff=0.1)
    await recorder.start()
    await tcp.down()
    items = [make_item(i, run="stop") for i in range(50)]
    for item in items:
        recorder.record(item)
    assert not await recorder.stop(timeout=0.5)  # could not write them: they stay on disk
    assert len(WalGroup.orphan_candidates(wal_dir, set())) == 1

    await tcp.up()
    again = Recorder(store, wal_dir)
    await again.start()
    assert await again.stop()
    assert again.stats.recovered == 50
    assert await stored_request_ids(store) == [i.traffic["request_id"] for i in items]
    await store.close()


async def test_sqlite_locked_by_another_writer_stalls_nothing(sqlite_url: str, wal_dir: Path) -> None:
    store = open_store(sqlite_url)
    await store.open()
    recorder = Recorder(store, wal_dir, batch_size=50, queue_size=100, flush_interval=0.01)
    await recorder.start()
    items = [make_item(i, run="lock") for i in range(2000)]

    # Another process (a backup, the CLI) holds SQLite's write lock: the store's writes wait.
    blocker = sqlite3.connect(sqlite_path(sqlite_url), isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    worst = 0.0
    for n in range(0, 2000, 200):
        worst = max(worst, max_record_seconds(recorder, items[n:n + 200]))
        await asyncio.sleep(0.05)
    assert recorder.stats.written == 0 and recorder.stats.spilled > 1000
    blocker.execute("COMMIT")
    blocker.close()

    assert worst < 0.05
    assert await recorder.flush(timeout=20)
    assert await recorder.stop()
    assert await stored_request_ids(store) == [i.traffic["request_id"] for i in items]
    await store.close()
