"""The console's tables, and the indexes it adds to the store's tables (additive, prefixed
`console_`), one entry per version. The same DDL serves SQLite and PostgreSQL (REAL becomes
double precision there).

`console_traffic_minutes` keeps the overview's charts cheap however many requests are recorded.
Why each index: the overview aggregates traffic over a time window by decision and account, so
`(ts, decision, account_id)` makes those queries index-only scans; the cluster view finds accounts
sharing a payment instrument or SSO tenant without scanning every account.
"""

from __future__ import annotations

SCHEMA_TABLE = "console_schema_version"

MIGRATIONS: tuple[tuple[int, str], ...] = (
    (1, """
CREATE TABLE console_users (
    username TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE console_sessions (
    id_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    created_at REAL NOT NULL,
    last_seen REAL NOT NULL
);
CREATE INDEX console_sessions_user ON console_sessions (username);
CREATE TABLE console_signin_failures (
    subject TEXT NOT NULL,
    ts REAL NOT NULL
);
CREATE INDEX console_signin_failures_subject ON console_signin_failures (subject, ts);
CREATE INDEX IF NOT EXISTS console_requests_ts_decision ON requests (ts, decision, account_id);
CREATE INDEX IF NOT EXISTS console_requests_account_decision ON requests (account_id, ts, seq, decision);
CREATE INDEX IF NOT EXISTS console_accounts_payment ON accounts (payment_fingerprint);
CREATE INDEX IF NOT EXISTS console_accounts_sso ON accounts (sso_tenant)
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
    rolled_until REAL NOT NULL
)
"""),
    # v3: sign-in throttling (throttle.py): one counter per subject (address or user name), taken and
    # checked in one statement; the addresses each user signed in from (the known-address pass)
    (3, """
CREATE TABLE console_signin_counters (
    subject TEXT PRIMARY KEY,
    window_start REAL NOT NULL,
    n INTEGER NOT NULL
);
CREATE INDEX console_signin_counters_window ON console_signin_counters (window_start);
CREATE TABLE console_known_addresses (
    username TEXT NOT NULL,
    address TEXT NOT NULL,
    last_seen REAL NOT NULL,
    PRIMARY KEY (username, address)
)
"""),
    # v4: back-off: a counter's window doubles each time the one before it was used up (`level`);
    # counters are transient, so the table is simply made anew
    (4, """
DROP TABLE console_signin_counters;
CREATE TABLE console_signin_counters (
    subject TEXT PRIMARY KEY,
    window_end REAL NOT NULL,
    n INTEGER NOT NULL,
    level INTEGER NOT NULL
);
CREATE INDEX console_signin_counters_end ON console_signin_counters (window_end)
"""),
)
