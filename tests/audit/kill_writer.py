"""The kill -9 test's victim: records items through a Recorder, printing "sent i" after each.

Run as `python -m tests.audit.kill_writer STORE_URL WAL_DIR RUN [RESCAN_SECONDS]`. "sent i" is printed only after
`record(i)` returned, exactly when the gateway would complete the response.
"""

from __future__ import annotations

import asyncio
import sys

from moat.audit.recorder import Recorder
from moat.store import open_store
from tests.audit.records import make_item


async def main(url: str, wal_dir: str, run: str, rescan: str = "30") -> None:
    store = open_store(url)
    await store.open()
    recorder = Recorder(store, wal_dir, batch_size=50, flush_interval=0.005, rescan_interval=float(rescan))
    await recorder.start()
    out = sys.stdout
    i = 0
    while True:
        recorder.record(make_item(i, run=run))
        out.write(f"sent {i}\n")
        out.flush()
        i += 1
        # Yield as a server would between requests, so batches commit while the test runs.
        await asyncio.sleep(0.0005 if i % 20 == 0 else 0)


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:5]))
