"""A crash loses no record of a response already sent: kill -9 a recording process mid-run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from moat.audit.recorder import Recorder
from moat.audit.verify import verify_log
from moat.store.base import Store
from tests.audit.records import stored_request_ids

ROOT = Path(__file__).resolve().parents[2]


def run_and_kill(store_url: str, wal_dir: Path, run: str, after: int) -> list[int]:
    """Start the writer, SIGKILL it once it has sent `after` items; every index it said it sent."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]))
    proc = subprocess.Popen([sys.executable, "-m", "tests.audit.kill_writer", store_url, str(wal_dir), run],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    sent: list[int] = []
    try:
        for raw in proc.stdout:
            sent.append(int(raw.split()[1]))
            if len(sent) >= after:
                os.kill(proc.pid, signal.SIGKILL)
                break
        else:
            raise AssertionError(f"writer ended early: {proc.stderr.read().decode() if proc.stderr else ''}")
        # Whatever it printed before dying still counts: the client saw those responses.
        sent.extend(int(raw.split()[1]) for raw in proc.stdout if raw.startswith(b"sent "))
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    return sent


async def test_kill_9_loses_no_record_that_was_sent(store: Store, tmp_path: Path) -> None:
    wal_dir = tmp_path / "wal"
    sent = run_and_kill(store.url, wal_dir, "k9", after=3000)
    assert sent == list(range(len(sent)))
    before = len(await stored_request_ids(store))

    recorder = Recorder(store, wal_dir)
    await recorder.start()
    assert await recorder.stop(timeout=30)

    stored = await stored_request_ids(store)
    assert len(stored) == len(set(stored)), "replay duplicated records"
    missing = {f"req_k9_{i:06d}" for i in sent} - set(stored)
    assert not missing, f"{len(missing)} sent record(s) lost, e.g. {sorted(missing)[:3]}"
    # The crash really left work for recovery (else this test proves nothing).
    assert recorder.stats.recovered > 0 and before < len(sent)
    assert (await verify_log(store.iter_decisions())).ok
    assert [n for n in os.listdir(wal_dir) if not n.startswith(".")] == []
