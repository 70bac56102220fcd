"""The recorder's write path: `Store.append_records` throughput on SQLite and PostgreSQL.

Each batch stores traffic rows and chains their decisions in one transaction, as the recorder's
drain does; batches of 500 (a busy gateway) and of 20 (a quiet one flushing on its interval, where
the cost per transaction dominates). Every component's tables are opened first, as in a gateway (the
indexes on `requests` that enforcement and the console read through cost on every insert). Best of
`--rounds` runs, on a fresh database each; CPU is the process's (both the event loop and SQLite's
thread) per 1,000 records, steadier than the rate on a shared machine.

    PYTHONPATH=src python bench/bench_store.py [--postgres URL] [--records 20000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
import uuid

from moat.console.schema import open_tables
from moat.enforce.storage import EnforceStore
from moat.store import open_store
from moat.store.base import RecordBatchItem

BASE_TS = time.time()  # today: records land in a partition of their day (PostgreSQL), as a gateway's do


def item(i: int) -> RecordBatchItem:
    traffic = {"ts": BASE_TS + i / 1000, "request_id": f"req-{i}", "account_id": f"acct-{i % 97}",
               "key_id": f"key-{i % 97}", "channel": "direct", "endpoint": "/v1/chat/completions",
               "model": "moat-demo", "conversation_id": f"c{i % 13}", "turn": i % 7, "prompt": "hello " * 20,
               "input_tokens": 40, "output_tokens": 120, "reasoning": False, "stream": True, "status": 200,
               "decision": "allow", "decision_id": f"dec-{i}", "latency_ms": 3.2}
    return RecordBatchItem(traffic, {"decision_id": f"dec-{i}", "ts": traffic["ts"], "outcome": "allow",
                                     "rules": ["default.allow"], "policy_revision": "r1"})


async def run(url: str, records: int, batch: int) -> tuple[float, float]:
    """(records per second, CPU milliseconds per 1,000 records)."""
    store = open_store(url)
    await store.open()
    await EnforceStore(store).open()
    await open_tables(store.db)
    items = [item(i) for i in range(records)]
    try:
        start, cpu = time.perf_counter(), time.process_time()
        for at in range(0, records, batch):
            await store.append_records(items[at:at + batch])
        return records / (time.perf_counter() - start), (time.process_time() - cpu) * 1e6 / records
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
        results = []
        for _ in range(args.rounds):
            with tempfile.TemporaryDirectory() as tmp:
                results.append(await run(f"sqlite:///{tmp}/moat.db", args.records, batch))
        report("sqlite", batch, results)
        if args.postgres:
            results = []
            for _ in range(args.rounds):
                url, schema = await postgres_url(args.postgres)
                try:
                    results.append(await run(url, args.records, batch))
                finally:
                    await drop(args.postgres, schema)
            report("postgresql", batch, results)


def report(name: str, batch: int, results: list[tuple[float, float]]) -> None:
    rate, cpu = max(r[0] for r in results), min(r[1] for r in results)
    print(f"{name:<10} batch {batch:>3}: {rate:>8,.0f} records/s, {cpu:>6.0f} ms CPU per 1,000 records")


if __name__ == "__main__":
    asyncio.run(main())
