"""Recorded traffic in daily partitions on PostgreSQL (issue 14 item 5): layout, migration, upkeep.

`requests` is partitioned by RANGE on `ts` (seconds since the epoch, UTC), one partition per UTC
day named `requests_pYYYYMMDD` holding [day start, next day start), plus `requests_default` as a
safety net: a record whose day has no partition yet (a clock far ahead, a write-ahead log replayed
long after its day was dropped) lands there instead of failing its batch. Partitions are made
`AHEAD_DAYS` ahead, at start and by the hourly upkeep (`moat.audit.retention`), so midnight never
meets a missing partition; retention drops whole partitions (a catalogue change, no row deletes, no
bloat) and deletes the default's old rows in batches.

Keys: a partitioned table's unique indexes must contain the partition key, so the primary key is
`(seq, ts)` and a record's idempotency key is `UNIQUE (request_id, ts)`. The recorder replays a
write-ahead line byte for byte, so a replayed record carries the same `ts` and meets its first
copy: replay stays exactly-once. The edge: the same request id with a *different* timestamp is a
new row here (SQLite, unpartitioned, keeps `UNIQUE (request_id)`); the gateway never does that,
since each request gets a fresh id and its time once.

All of it runs under the `traffic_partitions` advisory lock, so replicas starting together never
race to create the same partition. Creating or dropping a partition takes a short exclusive lock on
`requests`: batches of the recorder wait for it (milliseconds), requests never do. The upkeep waits
at most `LOCK_TIMEOUT` for that lock: behind a long read it gives up and tries again later, rather
than queue the recorder's inserts behind itself for the read's duration.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from moat.store.database import Tx

DAY = 86400
AHEAD_DAYS = 3  # partitions made ahead of today: three missed upkeep days before the default is used
DEFAULT = "requests_default"
LOCK = "traffic_partitions"
# A migrated table's newest 90 days get their own partitions; older rows go to the default (still
# read, still under retention): one transaction creating hundreds of tables would run out of lock
# slots (max_locks_per_transaction).
MIGRATE_DAYS = 90
LOCK_TIMEOUT = "2s"  # the upkeep's wait for its exclusive lock on `requests`
COPY_ROWS = 200_000  # rows per statement of the migration's copy: each well inside the command timeout
_MAX_DAY = 2_932_896  # 9999-12-31: days past it (or before 1970) only ever live in the default
_PREFIX = "requests_p"

# The columns of `requests` at store migration v5, in table order; `seq` keeps its sequence.
_COLUMNS = """
    seq bigint NOT NULL DEFAULT nextval('{sequence}'),
    ts double precision NOT NULL,
    request_id TEXT,
    account_id TEXT,
    key_id TEXT,
    channel TEXT,
    platform TEXT,
    end_user_id TEXT,
    end_user_org TEXT,
    client_ip TEXT,
    user_agent TEXT,
    endpoint TEXT,
    model TEXT,
    conversation_id TEXT,
    turn INTEGER,
    system TEXT,
    prompt TEXT,
    input_tokens bigint,
    output_tokens bigint,
    reasoning boolean,
    stream boolean,
    status INTEGER,
    decision TEXT,
    extra json,
    cache_read_tokens bigint,
    cache_write_tokens bigint,
    reasoning_tokens bigint"""
_NAMES = ", ".join(line.split()[0] for line in _COLUMNS.strip().splitlines())
# The same keys and indexes as before (store migrations v1 and v4), the unique ones with `ts`.
_INDEXES = (
    "ALTER TABLE requests ADD PRIMARY KEY (seq, ts)",
    "ALTER TABLE requests ADD CONSTRAINT requests_request_id_ts_key UNIQUE (request_id, ts)",
    "CREATE INDEX requests_ts ON requests (ts, seq)",
    "CREATE INDEX requests_account ON requests (account_id, ts)",
    "CREATE INDEX enforce_requests_refused ON requests (account_id, ts) WHERE decision <> 'allow'",
    "CREATE INDEX console_requests_ts_decision ON requests (ts, decision, account_id)",
    "CREATE INDEX console_requests_account_decision ON requests (account_id, ts, seq, decision)",
)


# The old table's secondary indexes (store migrations v1 and v4), dropped before the copy: their
# names are the new table's.
_OLD_INDEXES = ("requests_ts", "requests_account", "enforce_requests_refused", "console_requests_ts_decision",
                "console_requests_account_decision")


def day_of(ts: float) -> int:
    """The UTC day number (days since 1970-01-01) holding `ts`."""
    return int(ts // DAY)


def partition_name(day: int) -> str:
    return _PREFIX + (dt.date(1970, 1, 1) + dt.timedelta(days=day)).strftime("%Y%m%d")


def day_from_name(name: str) -> int | None:
    """The day a partition holds, from its name; None for the default (or anything not ours)."""
    if not name.startswith(_PREFIX):
        return None
    try:
        return (dt.datetime.strptime(name[len(_PREFIX):], "%Y%m%d").date() - dt.date(1970, 1, 1)).days
    except ValueError:
        return None


async def partitioned(tx: Tx) -> bool:
    """Is `requests` (in the current schema) a partitioned table?"""
    found = await tx.fetch("SELECT relkind::text FROM pg_class WHERE oid = to_regclass('requests')")
    return bool(found) and found[0][0] == "p"


async def days(tx: Tx) -> list[int]:
    """The days that have a partition, oldest first."""
    found = await tx.fetch("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                           "WHERE i.inhparent = to_regclass('requests')")
    return sorted(d for d in (day_from_name(str(r[0])) for r in found) if d is not None)


async def partition_requests(tx: Tx, today: int | None = None, copy_rows: int = COPY_ROWS) -> None:
    """Store migration v6 on PostgreSQL: `requests` becomes partitioned by day, every row kept.

    The old table is locked for the move, so a replica of the release before cannot write into it
    meanwhile and lose the row; `seq` keeps its sequence, so new rows sort after old ones. The
    partitions and indexes are made first, then rows are copied in `seq` ranges of `copy_rows`, so
    no statement outlives the connection's command timeout however large the table; the whole move
    is one transaction and costs about as long as inserting every row once.
    """
    if await partitioned(tx):
        return
    now_day = today if today is not None else day_of(dt.datetime.now(dt.UTC).timestamp())
    sequence = (await tx.fetch("SELECT pg_get_serial_sequence('requests', 'seq')"))[0][0]
    await tx.execute("LOCK TABLE requests IN ACCESS EXCLUSIVE MODE")
    # Index reads (requests_ts, the primary key), never a scan of the table.
    newest, oldest = (await tx.fetch("SELECT max(ts), min(ts) FROM requests WHERE ts >= 0 AND ts < ?",
                                     float((_MAX_DAY + 1) * DAY)))[0]
    low, high = (await tx.fetch("SELECT min(seq), max(seq) FROM requests"))[0]
    await tx.execute("ALTER TABLE requests RENAME TO requests_unpartitioned")
    primary = await tx.fetch("SELECT conname FROM pg_constraint "
                             "WHERE conrelid = to_regclass('requests_unpartitioned') AND contype = 'p'")
    if primary:  # its name is the new table's primary key's; the old table is dropped below anyway
        await tx.execute(f'ALTER TABLE requests_unpartitioned RENAME CONSTRAINT "{primary[0][0]}" '
                         "TO requests_unpartitioned_pkey")
    for name in _OLD_INDEXES:
        await tx.execute(f"DROP INDEX IF EXISTS {name}")
    await tx.execute(f"CREATE TABLE requests ({_COLUMNS.format(sequence=sequence)}) PARTITION BY RANGE (ts)")
    await tx.execute(f"CREATE TABLE {DEFAULT} PARTITION OF requests DEFAULT")
    days = set(range(now_day - 1, now_day + AHEAD_DAYS + 1))
    if newest is not None:
        days |= set(range(max(day_of(oldest), day_of(newest) - MIGRATE_DAYS + 1), day_of(newest) + 1))
    for day in sorted(days):
        await _create(tx, day)
    for statement in _INDEXES:
        await tx.execute(statement)
    if low is not None:
        for start in range(int(low) - 1, int(high), copy_rows):
            await tx.execute(f"INSERT INTO requests ({_NAMES}) SELECT {_NAMES} FROM requests_unpartitioned "
                             "WHERE seq > ? AND seq <= ?", start, start + copy_rows)
    await tx.execute(f"ALTER SEQUENCE {sequence} OWNED BY requests.seq")
    await tx.execute("DROP TABLE requests_unpartitioned")


async def ensure(tx: Tx, wanted: Iterable[int]) -> list[int]:
    """Create the partitions of `wanted` days that are missing; the days created.

    A day whose records already sit in the default partition (written while its partition was
    missing) has them moved into its new partition: the default is detached for that moment, since
    PostgreSQL refuses a partition whose rows the default holds.
    """
    await tx.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
    have = set(await days(tx))
    made = []
    for day in sorted(set(wanted) - have):
        if not 0 <= day <= _MAX_DAY:
            continue
        low, high = float(day * DAY), float((day + 1) * DAY)
        if await tx.fetch(f"SELECT 1 FROM {DEFAULT} WHERE ts >= ? AND ts < ? LIMIT 1", low, high):
            await tx.execute(f"ALTER TABLE requests DETACH PARTITION {DEFAULT}")
            await _create(tx, day)
            await tx.execute(f"INSERT INTO requests SELECT * FROM {DEFAULT} WHERE ts >= ? AND ts < ?", low, high)
            await tx.execute(f"DELETE FROM {DEFAULT} WHERE ts >= ? AND ts < ?", low, high)
            await tx.execute(f"ALTER TABLE requests ATTACH PARTITION {DEFAULT} DEFAULT")
        else:
            await _create(tx, day)
        made.append(day)
    return made


async def drop_before(tx: Tx, day: int) -> list[int]:
    """Drop the partitions of days before `day`; the days dropped, oldest first."""
    await tx.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
    gone = [d for d in await days(tx) if d < day]
    for d in gone:
        await tx.execute(f"DROP TABLE {partition_name(d)}")
    return gone


async def _create(tx: Tx, day: int) -> None:
    # Bounds are our own integers (DDL takes no parameters); the name is made from the same day.
    await tx.execute(f"CREATE TABLE {partition_name(day)} PARTITION OF requests "
                     f"FOR VALUES FROM ({day * DAY}) TO ({(day + 1) * DAY})")
