"""SQLite DDL, one entry per schema version; `SQLiteStore.open()` applies the missing ones in order."""

from __future__ import annotations

MIGRATIONS: tuple[tuple[int, str], ...] = (
    (1, """
CREATE TABLE orgs (
    org_id TEXT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    domains TEXT NOT NULL DEFAULT '[]',
    ip_ranges TEXT NOT NULL DEFAULT '[]',
    payment_fingerprints TEXT NOT NULL DEFAULT '[]',
    sso_tenants TEXT NOT NULL DEFAULT '[]',
    aliases TEXT NOT NULL DEFAULT '[]',
    restricted INTEGER NOT NULL DEFAULT 0,
    owners TEXT NOT NULL DEFAULT '[]',
    created_at REAL NOT NULL DEFAULT 0
);
CREATE TABLE accounts (
    account_id TEXT PRIMARY KEY,
    email TEXT NOT NULL DEFAULT '',
    plan TEXT NOT NULL,
    org_id TEXT,
    credential TEXT NOT NULL DEFAULT 'api_key',
    verified INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL DEFAULT 0,
    declared_company TEXT,
    payment_fingerprint TEXT,
    signup_ip TEXT,
    sso_tenant TEXT,
    country TEXT,
    status TEXT NOT NULL DEFAULT 'active'
);
CREATE INDEX accounts_org ON accounts (org_id);
CREATE TABLE api_keys (
    key_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    prefix TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    created_at REAL NOT NULL,
    expires_at REAL,
    revoked_at REAL,
    name TEXT NOT NULL DEFAULT '',
    meta TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX api_keys_prefix ON api_keys (prefix);
CREATE INDEX api_keys_account ON api_keys (account_id);
CREATE TABLE directory_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    ts REAL NOT NULL
);
CREATE TABLE requests (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    ts REAL NOT NULL,
    request_id TEXT UNIQUE,
    account_id TEXT,  -- null: refused before authentication
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
    input_tokens INTEGER,
    output_tokens INTEGER,
    reasoning INTEGER,
    stream INTEGER,
    status INTEGER,
    decision TEXT,
    extra TEXT
);
CREATE INDEX requests_ts ON requests (ts, seq);
CREATE INDEX requests_account ON requests (account_id, ts);
CREATE TABLE decision_log (
    seq INTEGER PRIMARY KEY,
    ts REAL NOT NULL,
    entry_id TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TABLE admin_log (
    seq INTEGER PRIMARY KEY,
    ts REAL NOT NULL,
    entry_id TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
"""),
    # v2: a request refused before authentication (unknown key) has no account; it is recorded too.
    (2, """
CREATE TABLE requests_v2 (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    ts REAL NOT NULL,
    request_id TEXT UNIQUE,
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
    input_tokens INTEGER,
    output_tokens INTEGER,
    reasoning INTEGER,
    stream INTEGER,
    status INTEGER,
    decision TEXT,
    extra TEXT
);
INSERT INTO requests_v2 SELECT * FROM requests;
DROP TABLE requests;
ALTER TABLE requests_v2 RENAME TO requests;
CREATE INDEX requests_ts ON requests (ts, seq);
CREATE INDEX requests_account ON requests (account_id, ts);
"""),
    # v3: an enforcement action can block an organization (and so its >50% subsidiaries).
    (3, "ALTER TABLE orgs ADD COLUMN blocked INTEGER NOT NULL DEFAULT 0"),
    # v4: usage kinds metered apart (issue 12 item 3; docs/traffic-format-extensions.md).
    (4, "ALTER TABLE requests ADD COLUMN cache_read_tokens INTEGER; "
        "ALTER TABLE requests ADD COLUMN cache_write_tokens INTEGER; "
        "ALTER TABLE requests ADD COLUMN reasoning_tokens INTEGER"),
)

LATEST = MIGRATIONS[-1][0]
