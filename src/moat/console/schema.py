"""The console's tables (users, sessions, sign-in throttling, the traffic rollup), one migration per
version, over the store's `Database` (`moat.store.database` fills in the type names).

`console_outcome_minutes` keeps the overview's charts cheap however many requests are recorded.
The indexes the console's reads of the store's tables need belong to the store (its v4); releases
before it made them here, in v1.
"""

from __future__ import annotations

from moat.store.database import Database, Migration

COMPONENT = "console"
LEGACY = ("console_schema_version", "SELECT COALESCE(MAX(version), 0) FROM console_schema_version")


async def open_tables(db: Database) -> None:
    """Create or migrate the console's tables (idempotent)."""
    await db.migrate(COMPONENT, MIGRATIONS, legacy=LEGACY)


MIGRATIONS: tuple[Migration, ...] = (
    (1, """
CREATE TABLE console_users (
    username TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at {real} NOT NULL,
    updated_at {real} NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE console_sessions (
    id_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    created_at {real} NOT NULL,
    last_seen {real} NOT NULL
);
CREATE INDEX console_sessions_user ON console_sessions (username);
CREATE TABLE console_signin_failures (
    subject TEXT NOT NULL,
    ts {real} NOT NULL
);
CREATE INDEX console_signin_failures_subject ON console_signin_failures (subject, ts)
"""),
    # v2: per-minute traffic counts by decision, rolled up incrementally from `requests` (rollup.py)
    (2, """
CREATE TABLE console_traffic_minutes (
    minute INTEGER NOT NULL,
    decision TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (minute, decision)
);
CREATE TABLE console_rollup_state (
    name TEXT PRIMARY KEY,
    rolled_until {real} NOT NULL
)
"""),
    # v3: sign-in throttling (throttle.py): one counter per subject (address or user name), taken and
    # checked in one statement; the addresses each user signed in from (the known-address pass)
    (3, """
CREATE TABLE console_signin_counters (
    subject TEXT PRIMARY KEY,
    window_start {real} NOT NULL,
    n INTEGER NOT NULL
);
CREATE INDEX console_signin_counters_window ON console_signin_counters (window_start);
CREATE TABLE console_known_addresses (
    username TEXT NOT NULL,
    address TEXT NOT NULL,
    last_seen {real} NOT NULL,
    PRIMARY KEY (username, address)
)
"""),
    # v4: back-off: a counter's window doubles each time the one before it was used up (`level`);
    # counters are transient, so the table is simply made anew
    (4, """
DROP TABLE console_signin_counters;
CREATE TABLE console_signin_counters (
    subject TEXT PRIMARY KEY,
    window_end {real} NOT NULL,
    n INTEGER NOT NULL,
    level INTEGER NOT NULL
);
CREATE INDEX console_signin_counters_end ON console_signin_counters (window_end)
"""),
    # v5: the traffic rollup counts outcomes (moat.console.outcome), not the traffic format's
    # decision label, in a table of its own that rolls the last 31 days up anew (its watermark is
    # the `outcomes` row of console_rollup_state). `console_traffic_minutes` is no longer read; it
    # is left as it was, like every row of an earlier release's data directory.
    (5, """
CREATE TABLE console_outcome_minutes (
    minute INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (minute, outcome)
)
"""),
)
