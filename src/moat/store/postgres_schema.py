"""PostgreSQL DDL, one entry per schema version; `PostgresStore.open()` applies the missing ones.

Log payloads are `json`, not `jsonb`: `json` keeps the exact text that was hashed, so a verifier
recomputes the same hash; `jsonb` would renormalise numbers and key order.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[int, str], ...] = (
    (1, """
CREATE TABLE orgs (
    org_id text PRIMARY KEY,
    name text NOT NULL DEFAULT '',
    domains jsonb NOT NULL DEFAULT '[]',
    ip_ranges jsonb NOT NULL DEFAULT '[]',
    payment_fingerprints jsonb NOT NULL DEFAULT '[]',
    sso_tenants jsonb NOT NULL DEFAULT '[]',
    aliases jsonb NOT NULL DEFAULT '[]',
    restricted boolean NOT NULL DEFAULT false,
    owners jsonb NOT NULL DEFAULT '[]',
    created_at double precision NOT NULL DEFAULT 0
);
CREATE TABLE accounts (
    account_id text PRIMARY KEY,
    email text NOT NULL DEFAULT '',
    plan text NOT NULL,
    org_id text,
    credential text NOT NULL DEFAULT 'api_key',
    verified boolean NOT NULL DEFAULT false,
    created_at double precision NOT NULL DEFAULT 0,
    declared_company text,
    payment_fingerprint text,
    signup_ip text,
    sso_tenant text,
    country text,
    status text NOT NULL DEFAULT 'active'
);
CREATE INDEX accounts_org ON accounts (org_id);
CREATE TABLE api_keys (
    key_id text PRIMARY KEY,
    account_id text NOT NULL,
    prefix text NOT NULL,
    secret_hash text NOT NULL UNIQUE,
    created_at double precision NOT NULL,
    expires_at double precision,
    revoked_at double precision,
    name text NOT NULL DEFAULT '',
    meta jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX api_keys_prefix ON api_keys (prefix);
CREATE INDEX api_keys_account ON api_keys (account_id);
CREATE TABLE directory_changes (
    seq bigserial PRIMARY KEY,
    kind text NOT NULL,
    id text NOT NULL,
    ts double precision NOT NULL
);
CREATE TABLE requests (
    seq bigserial PRIMARY KEY,
    ts double precision NOT NULL,
    request_id text UNIQUE,
    account_id text,  -- null: refused before authentication
    key_id text,
    channel text,
    platform text,
    end_user_id text,
    end_user_org text,
    client_ip text,
    user_agent text,
    endpoint text,
    model text,
    conversation_id text,
    turn integer,
    system text,
    prompt text,
    input_tokens bigint,
    output_tokens bigint,
    reasoning boolean,
    stream boolean,
    status integer,
    decision text,
    extra json
);
CREATE INDEX requests_ts ON requests (ts, seq);
CREATE INDEX requests_account ON requests (account_id, ts);
CREATE TABLE decision_log (
    seq bigint PRIMARY KEY,
    ts double precision NOT NULL,
    entry_id text NOT NULL UNIQUE,
    payload json NOT NULL,
    prev_hash text NOT NULL,
    hash text NOT NULL
);
CREATE TABLE admin_log (
    seq bigint PRIMARY KEY,
    ts double precision NOT NULL,
    entry_id text NOT NULL UNIQUE,
    payload json NOT NULL,
    prev_hash text NOT NULL,
    hash text NOT NULL
);
"""),
    # v2: a request refused before authentication (unknown key) has no account; it is recorded too.
    (2, "ALTER TABLE requests ALTER COLUMN account_id DROP NOT NULL"),
    # v3: an enforcement action can block an organization (and so its >50% subsidiaries).
    (3, "ALTER TABLE orgs ADD COLUMN blocked boolean NOT NULL DEFAULT false"),
    # v4: usage kinds metered apart (issue 12 item 3; docs/traffic-format-extensions.md).
    (4, "ALTER TABLE requests ADD COLUMN cache_read_tokens bigint, ADD COLUMN cache_write_tokens bigint, "
        "ADD COLUMN reasoning_tokens bigint"),
)

LATEST = MIGRATIONS[-1][0]
