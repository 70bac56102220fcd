"""Recorded traffic at scale on PostgreSQL (issue 14 item 5): records/s and bytes per record.

    PYTHONPATH=src python bench/bench_pg_records.py --postgres postgresql://postgres@127.0.0.1:5432/test \
        [--duration 30] [--conns 16] [--writer-seconds 20] [--keep] [--migration-rows 500000]

Needs `wrk` on the PATH and a PostgreSQL the URL may create a schema in; runs in about 75 seconds
with the defaults (under 3 minutes with any `--duration` up to 90). In a fresh schema it measures:

1. **Two gateway replicas.** Two real `moat serve` processes (their own data directories and
   write-ahead logs, one PostgreSQL) answer the built-in demo model under a `wrk` load each (an
   OpenAI chat request of about 1 KB, its prompt recorded in full, an empty policy bundle so every
   request is allowed and recorded). Sampled from PostgreSQL every second: the records committed,
   so the rate is what reached the table, not what the gateways answered; after the load stops, the
   time until every answered request is in the table (the recorders' backlog) and any shortfall.
2. **The store's ceiling.** Two processes appending records shaped like the gateway's (a row of
   phase 1 as template) in batches of 500, one batch in flight each, as two recorders drain a
   backlog: what PostgreSQL takes when the gateways are not the limit.
3. **Disk.** `pg_total_relation_size` over every partition of `requests` (table, TOAST and
   indexes) and over `decision_log` (one chained entry per request), per record, extrapolated to
   10 million requests a day. PostgreSQL's own write-ahead log and backups come on top.
4. **Migration 6** (only with `--migration-rows N`, about 45 s for 500,000 on a loaded machine):
   N gateway-sized rows over the last N*30 s in an unpartitioned table as store v5 left it, then
   the time `partition_requests` takes to move them into daily partitions.

On a shared machine the figures are a floor: the script says how busy the CPUs were beforehand.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from moat.identity import keys
from moat.identity.models import Account
from moat.store import open_store, schema
from moat.store.base import RecordBatchItem
from moat.store.database import Tx, open_database
from moat.store.partitions import partition_requests

KEY = "sk-bench-records-0000000000000000"
PER_DAY = 10_000_000
_BODY = ('{"model":"moat-demo","messages":[{"role":"system","content":"You are a concise, factual assistant for '
         'a travel company. Answer in plain English, cite well-known facts only, keep answers under three '
         'sentences, and never invent prices, opening hours or phone numbers."},{"role":"user","content":'
         '"We are thinking about France, mostly museums and food. Before anything else: what is the capital '
         'of France, and what are two landmarks there that we should not miss on a first visit? We have '
         'three days, arrive on a Friday morning and leave on Sunday night."}],"max_tokens":64,'
         '"user":"bench-user-0001"}')
_WRK_SCRIPT = """
wrk.method = "POST"
wrk.body = [==[%s]==]
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer %s"
function done(summary, latency, requests)
  io.write(string.format("BENCH requests=%%d non2xx=%%d errors=%%d p50_ms=%%.2f p99_ms=%%.2f\\n",
    summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_busy(seconds: float = 1.0) -> float:
    """The share of all CPUs busy over `seconds` (from /proc/stat), 0..1."""
    def sample() -> tuple[int, int]:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return sum(fields), fields[3] + fields[4]

    total0, idle0 = sample()
    time.sleep(seconds)
    total1, idle1 = sample()
    return 1.0 - (idle1 - idle0) / max(1, total1 - total0)


# ---- the schema and the replicas --------------------------------------------------------------
async def create_schema(base: str) -> tuple[str, str]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    conn = await asyncpg.connect(base)
    await conn.execute(f'CREATE SCHEMA "{schema}"')
    await conn.close()
    return f"{base}{'&' if '?' in base else '?'}schema={schema}", schema


async def drop_schema(base: str, schema: str) -> None:
    conn = await asyncpg.connect(base)
    await conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
    await conn.close()


async def seed(url: str) -> None:
    store = open_store(url)
    await store.open()
    try:
        await store.upsert_account(Account("bench", email="bench@bench.example", plan="api"))
        await store.insert_key(keys.imported_key("bench", KEY))
    finally:
        await store.close()


def start_replica(root: Path, name: str, url: str) -> tuple[subprocess.Popen[bytes], int]:
    home = root / name
    (home / "policies").mkdir(parents=True)
    (home / "policies" / "empty.yaml").write_text("rules: []\n")
    (home / "moat.toml").write_text(f'log_level = "warning"\npolicy_dir = "{home / "policies"}"\n')
    port = free_port()
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("MOAT_")},
           "MOAT_HOME": str(home), "MOAT_DATABASE_URL": url}
    log = (home / "serve.log").open("ab")
    proc = subprocess.Popen([sys.executable, "-m", "moat", "--config", str(home / "moat.toml"), "serve",
                             "--port", str(port)], env=env, stdout=log, stderr=log, cwd=home,
                            start_new_session=True)
    return proc, port


def wait_ready(proc: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"moat serve exited:\n{log.read_text()[-2000:]}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                reply = httpx.post(f"http://127.0.0.1:{port}/v1/chat/completions", content=_BODY, timeout=10,
                                   headers={"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"})
                if reply.status_code != 200:
                    raise SystemExit(f"the demo model answered {reply.status_code}: {reply.text[:300]}")
                return
        time.sleep(0.2)
    raise SystemExit(f"moat serve on port {port} was not ready within 60 s")


def stop(proc: subprocess.Popen[Any]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# ---- measuring ---------------------------------------------------------------------------------
async def count(conn: asyncpg.Connection) -> int:
    return int(await conn.fetchval("SELECT count(*) FROM requests"))


async def phase_gateways(url: str, ports: list[int], duration: int, conns: int, tmp: Path) -> dict[str, Any]:
    script = tmp / "post.lua"
    script.write_text(_WRK_SCRIPT % (_BODY, KEY))
    base, schema = url.split("?schema=")[0], url.split("schema=")[1]
    conn = await asyncpg.connect(base, server_settings={"search_path": schema})
    try:
        before = await count(conn)
        loads = [subprocess.Popen(["wrk", "-t1", f"-c{conns}", f"-d{duration}s", "-s", str(script),
                                   f"http://127.0.0.1:{p}/v1/chat/completions"], stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True) for p in ports]
        samples: list[tuple[float, int]] = []
        start = time.monotonic()
        while any(w.poll() is None for w in loads):
            samples.append((time.monotonic() - start, await count(conn)))
            await asyncio.sleep(1.0)
        ended = time.monotonic() - start
        outputs = [w.communicate()[0] for w in loads]
        answered = 0
        for out in outputs:
            found = re.search(r"BENCH requests=(\d+) non2xx=(\d+) errors=(\d+) p50_ms=([\d.]+) p99_ms=([\d.]+)", out)
            if not found:
                raise SystemExit(f"wrk said:\n{out}")
            answered += int(found[1]) - int(found[2]) - int(found[3])
        target = before + answered
        drained_at = None
        while time.monotonic() - start < ended + 60:
            now = await count(conn)
            if now >= target:
                drained_at = time.monotonic() - start
                break
            await asyncio.sleep(0.2)
        final = await count(conn)
    finally:
        await conn.close()
    # Steady state: skip the first 20% (connections opening, first batches) and the last second.
    steady = [s for s in samples if duration * 0.2 <= s[0] <= duration - 1] or samples
    rate = (steady[-1][1] - steady[0][1]) / max(1e-9, steady[-1][0] - steady[0][0])
    return {"answered": answered, "answered_per_s": answered / duration, "committed_per_s": rate,
            "stored": final - before, "drain_s": None if drained_at is None else max(0.0, drained_at - ended),
            "wrk": [o.strip().splitlines()[-1] for o in outputs]}


async def template(url: str) -> RecordBatchItem:
    """A record and decision of phase 1, as the gateway wrote them: the writers' model."""
    store = open_store(url)
    await store.open()
    try:
        traffic = (await store.recent_requests(1))[0]
        decision = await store.decision(str(traffic.get("decision_id"))) or {}
    finally:
        await store.close()
    return RecordBatchItem(traffic, decision)


async def writer(url: str, seconds: float, tag: str) -> None:
    """One recorder-shaped writer: batches of 500, one in flight, for `seconds`; prints its count."""
    model = await template(url)
    store = open_store(url)
    await store.open()
    written, n = 0, 0
    try:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            batch = []
            for _ in range(500):
                n += 1
                ident = f"{tag}-{n}"
                batch.append(RecordBatchItem({**model.traffic, "ts": time.time(), "request_id": f"req_{ident}",
                                              "decision_id": f"dec_{ident}"},
                                             {**model.decision, "decision_id": f"dec_{ident}", "ts": time.time()}))
            await store.append_records(batch)
            written += len(batch)
    finally:
        await store.close()
    print(f"WRITER {written}", flush=True)


def phase_writers(url: str, seconds: int) -> float:
    procs = [subprocess.Popen([sys.executable, __file__, "--writer", url, "--writer-seconds", str(seconds),
                               "--tag", f"w{i}"], stdout=subprocess.PIPE, text=True) for i in range(2)]
    start = time.monotonic()
    total = 0
    for p in procs:
        out = p.communicate(timeout=seconds + 60)[0]
        found = re.search(r"WRITER (\d+)", out)
        if not found:
            raise SystemExit(f"a writer failed: {out}")
        total += int(found[1])
    return total / (time.monotonic() - start)


async def disk(url: str) -> dict[str, float]:
    base, schema = url.split("?schema=")[0], url.split("schema=")[1]
    conn = await asyncpg.connect(base, server_settings={"search_path": schema})
    try:
        await conn.execute("ANALYZE requests; ANALYZE decision_log")
        tree = "FROM pg_partition_tree('requests')"  # a partitioned table's own size is 0: sum its partitions
        traffic = int(await conn.fetchval(f"SELECT sum(pg_total_relation_size(relid)) {tree}"))
        heap = int(await conn.fetchval(f"SELECT sum(pg_relation_size(relid)) {tree}"))
        log = int(await conn.fetchval("SELECT pg_total_relation_size('decision_log')"))
        rows = await count(conn)
        entries = int(await conn.fetchval("SELECT count(*) FROM decision_log"))
    finally:
        await conn.close()
    return {"rows": rows, "traffic_bytes": traffic / rows, "heap_bytes": heap / rows,
            "log_bytes": log / max(1, entries)}


async def migration(base: str, rows: int) -> float:
    """Seconds store migration 6 takes over `rows` generated rows (in a schema of its own)."""
    url, schema_name = await create_schema(base)
    db = open_database(url)
    await db.open()
    try:
        await db.migrate("store", schema.MIGRATIONS[:5])
        await db.execute(
            "INSERT INTO requests (ts, request_id, account_id, key_id, channel, endpoint, model, prompt, system, "
            "input_tokens, output_tokens, status, decision, extra) SELECT ? - g * 30.0, 'req_' || g, "
            "'acct_' || (g % 997), 'key_' || (g % 997), 'direct', '/v1/chat/completions', 'moat-demo', "
            "repeat('p', 256), repeat('s', 204), 100, 200, 200, 'allow', "
            "json_build_object('decision_id', 'dec_' || g, 'fields', repeat('x', 600)) FROM generate_series(1, ?) g",
            time.time(), rows)

        async def move(tx: Tx) -> None:
            await partition_requests(tx)

        start = time.perf_counter()
        await db.run(move)
        return time.perf_counter() - start
    finally:
        await db.close()
        await drop_schema(base, schema_name)


async def main(args: argparse.Namespace) -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not on the PATH (apt-get install wrk)")
    busy = cpu_busy()
    url, schema = await create_schema(args.postgres)
    procs: list[subprocess.Popen[bytes]] = []
    try:
        with tempfile.TemporaryDirectory(prefix="moat-bench-pg-") as tmp:
            root = Path(tmp)
            await seed(url)
            started = [start_replica(root, name, url) for name in ("a", "b")]
            procs = [p for p, _ in started]
            for (proc, port), name in zip(started, ("a", "b"), strict=True):
                wait_ready(proc, port, root / name / "serve.log")
            gw = await phase_gateways(url, [port for _, port in started], args.duration, args.conns, root)
            for proc in procs:
                stop(proc)
            store_rate = phase_writers(url, args.writer_seconds)
            sizes = await disk(url)
    finally:
        for proc in procs:
            stop(proc)
        if args.keep:
            print(f"kept schema {schema}")
        else:
            await drop_schema(args.postgres, schema)
    report(busy, args, gw, store_rate, sizes)
    if args.migration_rows:
        seconds = await migration(args.postgres, args.migration_rows)
        print(f"migration 6: {args.migration_rows:,} rows over {args.migration_rows * 30 / 86400:,.0f} days "
              f"moved into daily partitions in {seconds:.1f} s ({args.migration_rows / seconds:,.0f} rows/s)")


def report(busy: float, args: argparse.Namespace, gw: dict[str, Any], store_rate: float,
           sizes: dict[str, float]) -> None:
    cores = os.cpu_count() or 1
    per_record = sizes["traffic_bytes"] + sizes["log_bytes"]
    print(f"machine: {cores} CPUs, {busy:.0%} busy before the run (other work on the machine)")
    print(f"two replicas, {args.conns} connections each, {args.duration} s:")
    for line in gw["wrk"]:
        print(f"  wrk: {line}")
    drain = "never within 60 s" if gw["drain_s"] is None else f"{gw['drain_s']:.1f} s"
    print(f"  answered {gw['answered']:,} requests ({gw['answered_per_s']:,.0f}/s); committed to PostgreSQL "
          f"{gw['committed_per_s']:,.0f} records/s (steady state); backlog drained {drain} after the load; "
          f"stored {gw['stored']:,} ({gw['stored'] - gw['answered']:+,} against answered: the probes and the "
          "requests in flight when wrk stopped count too; a negative figure would be a loss)")
    print(f"store ceiling, two recorder-shaped writers, batches of 500: {store_rate:,.0f} records/s")
    print(f"disk over {sizes['rows']:,.0f} records: traffic {sizes['traffic_bytes']:,.0f} B/record "
          f"(heap {sizes['heap_bytes']:,.0f}, TOAST and indexes the rest), decision log "
          f"{sizes['log_bytes']:,.0f} B/entry")
    day = per_record * PER_DAY
    print(f"10 million requests a day ({PER_DAY / 86400:,.0f} records/s on average): "
          f"{sizes['traffic_bytes'] * PER_DAY / 1e9:,.1f} GB traffic + {sizes['log_bytes'] * PER_DAY / 1e9:,.1f} GB "
          f"decision log = {day / 1e9:,.1f} GB/day; traffic under 30 days' retention "
          f"{sizes['traffic_bytes'] * PER_DAY * 30 / 1e12:,.2f} TB, the decision log (never expired) "
          f"{sizes['log_bytes'] * PER_DAY * 365 / 1e12:,.1f} TB a year")


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", default=os.environ.get("MOAT_BENCH_POSTGRES_URL", ""),
                        help="PostgreSQL URL (a fresh schema is made in it and dropped afterwards)")
    parser.add_argument("--duration", type=int, default=30, help="seconds of load on the gateways (max 90)")
    parser.add_argument("--conns", type=int, default=16, help="connections per replica")
    parser.add_argument("--writer-seconds", type=int, default=20, help="seconds of the store-ceiling phase")
    parser.add_argument("--keep", action="store_true", help="keep the schema for a look afterwards")
    parser.add_argument("--migration-rows", type=int, default=0,
                        help="also time store migration 6 over this many rows (0: skip; at most 1,000,000)")
    parser.add_argument("--writer", default="", help=argparse.SUPPRESS)  # internal: one writer process
    parser.add_argument("--tag", default="w", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.writer and not args.postgres:
        parser.error("--postgres URL (or MOAT_BENCH_POSTGRES_URL) is required")
    if not 5 <= args.duration <= 90 or not 5 <= args.writer_seconds <= 60 or not 0 <= args.migration_rows <= 1e6:
        parser.error("--duration must be 5..90, --writer-seconds 5..60 and --migration-rows 0..1,000,000 "
                     "(the run stays under 3 minutes)")
    return args


if __name__ == "__main__":
    options = parse()
    if options.writer:
        asyncio.run(writer(options.writer, options.writer_seconds, options.tag))
    else:
        asyncio.run(main(options))
