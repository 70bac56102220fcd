"""The recorder's write path: `Store.append_records` throughput on SQLite and PostgreSQL.

Each batch stores traffic rows and chains their decisions in one transaction, as the recorder's
drain does; batches of 500 (a busy gateway) and of 20 (a quiet one flushing on its interval, where
the cost per transaction dominates). Best of `--rounds` runs, on a fresh database each.

    PYTHONPATH=src python bench/bench_store.py [--postgres URL] [--records 20000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
import uuid

from moat.store import open_store
from moat.store.base import RecordBatchItem


def item(i: int) -> RecordBatchItem:
    traffic = {"ts": 1_780_000_000.0 + i / 1000, "request_id": f"req-{i}", "account_id": f"acct-{i % 97}",
               "key_id": f"key-{i % 97}", "channel": "direct", "endpoint": "/v1/chat/completions",
               "model": "moat-demo", "conversation_id": f"c{i % 13}", "turn": i % 7, "prompt": "hello " * 20,
               "input_tokens": 40, "output_tokens": 120, "reasoning": False, "stream": True, "status": 200,
               "decision": "allow", "decision_id": f"dec-{i}", "latency_ms": 3.2}
    return RecordBatchItem(traffic, {"decision_id": f"dec-{i}", "ts": traffic["ts"], "outcome": "allow",
                                     "rules": ["default.allow"], "policy_revision": "r1"})


async def run(url: str, records: int, batch: int) -> float:
    store = open_store(url)
    await store.open()
    items = [item(i) for i in range(records)]
    try:
        start = time.perf_counter()
        for at in range(0, records, batch):
            await store.append_records(items[at:at + batch])
        return records / (time.perf_counter() - start)
    finally:
        await store.close()


async def postgres_url(base: str) -> tuple[str, str]:
    import asyncpg

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    conn = await asyncpg.connect(base)
    await conn.execute(f'CREATE SCHEMA "{schema}"')
    await conn.close()
    return f"{base}{'&' if '?' in base else '?'}schema={schema}", schema


async def drop(base: str, schema: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(base)
    await conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
    await conn.close()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", default="")
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    for batch in (500, 20):
        best = 0.0
        for _ in range(args.rounds):
            with tempfile.TemporaryDirectory() as tmp:
                best = max(best, await run(f"sqlite:///{tmp}/moat.db", args.records, batch))
        print(f"sqlite     batch {batch:>3}: {best:>8,.0f} records/s")
        if args.postgres:
            best = 0.0
            for _ in range(args.rounds):
                url, schema = await postgres_url(args.postgres)
                try:
                    best = max(best, await run(url, args.records, batch))
                finally:
                    await drop(args.postgres, schema)
            print(f"postgresql batch {batch:>3}: {best:>8,.0f} records/s")


if __name__ == "__main__":
    asyncio.run(main())
