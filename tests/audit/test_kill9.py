"""A crash loses no record of a response already sent: kill -9 recording processes mid-run."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from moat.audit.recorder import Recorder
from moat.audit.verify import verify_log
from moat.store.base import Store
from tests.audit.records import stored_request_ids

ROOT = Path(__file__).resolve().parents[2]


class Writer:
    """A `kill_writer` subprocess whose "sent i" lines are collected as they come."""

    def __init__(self, store_url: str, wal_dir: Path, run: str, rescan: float = 30.0) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]))
        self.run = run
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.audit.kill_writer", store_url, str(wal_dir), run, str(rescan)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.sent: list[int] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            if raw.startswith(b"sent "):
                self.sent.append(int(raw.split()[1]))

    def wait_sent(self, n: int, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.sent) < n:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode() if self.proc.stderr else ""
                raise AssertionError(f"writer {self.run} ended early: {err}")
            assert time.monotonic() < deadline, f"writer {self.run} too slow"
            time.sleep(0.005)

    def kill(self) -> list[int]:
        """SIGKILL; then every index it printed (the client saw those responses)."""
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self._reader.join(10)
        assert self.proc.returncode == -signal.SIGKILL
        assert self.sent == list(range(len(self.sent)))
        return self.sent

    def ids(self) -> set[str]:
        return {f"req_{self.run}_{i:06d}" for i in self.sent}


async def test_kill_9_loses_no_record_that_was_sent(store: Store, tmp_path: Path) -> None:
    wal_dir = tmp_path / "wal"
    writer = Writer(store.url, wal_dir, "k9")
    writer.wait_sent(3000)
    sent = writer.kill()
    before = len(await stored_request_ids(store))

    recorder = Recorder(store, wal_dir)
    await recorder.start()
    assert await recorder.stop(timeout=30)

    stored = await stored_request_ids(store)
    assert len(stored) == len(set(stored)), "replay duplicated records"
    missing = writer.ids() - set(stored)
    assert not missing, f"{len(missing)} sent record(s) lost, e.g. {sorted(missing)[:3]}"
    # The crash really left work for recovery (else this test proves nothing).
    assert recorder.stats.recovered > 0 and before < len(sent)
    assert (await verify_log(store.iter_decisions())).ok
    assert [n for n in os.listdir(wal_dir) if not n.startswith(".")] == []


async def test_a_live_worker_takes_over_the_wal_of_a_worker_killed_beside_it(sqlite_url: str,
                                                                            tmp_path: Path) -> None:
    """Two worker processes share a data directory; one is killed; the other writes its records."""
    from moat.store import open_store

    wal_dir = tmp_path / "wal"
    a = Writer(sqlite_url, wal_dir, "wa", rescan=0.1)
    b = Writer(sqlite_url, wal_dir, "wb", rescan=0.1)
    try:
        a.wait_sent(1500)
        b.wait_sent(1500)
        # a's write-ahead group exists before the kill (after it, b may take it over within 0.1 s,
        # before this test looks: the files' going is checked below, with a's records stored).
        assert any(n.startswith(f"{a.proc.pid}-") for n in os.listdir(wal_dir))
        a.kill()
        store = open_store(sqlite_url)
        await store.open()
        deadline = time.monotonic() + 20
        while (a.ids() - set(await stored_request_ids(store))
               or any(n.startswith(f"{a.proc.pid}-") for n in os.listdir(wal_dir))):
            assert time.monotonic() < deadline, "the live worker never took over the dead one's WAL"
            await asyncio.sleep(0.05)
        assert b.proc.poll() is None  # b did it while serving
    finally:
        for w in (a, b):
            if w.proc.poll() is None:
                w.kill()
    stored = await stored_request_ids(store)
    assert len(stored) == len(set(stored))
    await store.close()
