"""The store's tables (directory, recorded traffic, the two hash-chained logs), one migration per
version; `moat.store.database` fills in the type names that differ between SQLite and PostgreSQL.

Adding a column is one line at the end, e.g. an optional traffic field (and its name in
`moat.traffic.REQUEST_FIELDS`, plus `INT_REQUEST_FIELDS` in `_rows.py` when it is a count):

    (6, "ALTER TABLE requests ADD COLUMN some_count {bigint}"),

A change to `requests` on PostgreSQL applies to its daily partitions too (ALTER TABLE and CREATE
INDEX on a partitioned table reach every partition); a new unique index must include `ts`.

Log payloads are `{json}`, not `{jsonb}`: PostgreSQL's `json` keeps the exact text that was hashed,
so a verifier recomputes the same hash; `jsonb` would renormalise numbers and key order.
"""

from __future__ import annotations

from moat.store.database import Migration
from moat.store.partitions import partition_requests

COMPONENT = "store"
LEGACY = ("schema_version", "SELECT COALESCE(MAX(version), 0) FROM schema_version")

_LOG = """
CREATE TABLE {name} (
    seq {bigint} PRIMARY KEY,
    ts {real} NOT NULL,
    entry_id TEXT NOT NULL UNIQUE,
    payload {json} NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
)"""

_V1 = """
CREATE TABLE orgs (
    org_id TEXT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    domains {jsonb} NOT NULL DEFAULT '[]',
    ip_ranges {jsonb} NOT NULL DEFAULT '[]',
    payment_fingerprints {jsonb} NOT NULL DEFAULT '[]',
    sso_tenants {jsonb} NOT NULL DEFAULT '[]',
    aliases {jsonb} NOT NULL DEFAULT '[]',
    restricted {bool} NOT NULL DEFAULT {false},
    owners {jsonb} NOT NULL DEFAULT '[]',
    created_at {real} NOT NULL DEFAULT 0
);
CREATE TABLE accounts (
    account_id TEXT PRIMARY KEY,
    email TEXT NOT NULL DEFAULT '',
    plan TEXT NOT NULL,
    org_id TEXT,
    credential TEXT NOT NULL DEFAULT 'api_key',
    verified {bool} NOT NULL DEFAULT {false},
    created_at {real} NOT NULL DEFAULT 0,
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
    created_at {real} NOT NULL,
    expires_at {real},
    revoked_at {real},
    name TEXT NOT NULL DEFAULT '',
    meta {jsonb} NOT NULL DEFAULT '{{}}'
);
CREATE INDEX api_keys_prefix ON api_keys (prefix);
CREATE INDEX api_keys_account ON api_keys (account_id);
CREATE TABLE directory_changes (
    seq {serial},
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    ts {real} NOT NULL
);
CREATE TABLE requests (
    seq {serial},
    ts {real} NOT NULL,
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
    input_tokens {bigint},
    output_tokens {bigint},
    reasoning {bool},
    stream {bool},
    status INTEGER,
    decision TEXT,
    extra {json}
);
CREATE INDEX requests_ts ON requests (ts, seq);
CREATE INDEX requests_account ON requests (account_id, ts);
""" + _LOG.replace("{name}", "decision_log") + ";" + _LOG.replace("{name}", "admin_log")

# v2 (a request refused before authentication has no account) was a table rebuild on SQLite for
# files made before v1 allowed NULL there.
_REQUESTS_V2 = _V1[_V1.index("CREATE TABLE requests ("):_V1.index("CREATE INDEX requests_ts")].replace(
    "CREATE TABLE requests (", "CREATE TABLE requests_v2 (")

MIGRATIONS: tuple[Migration, ...] = (
    (1, _V1),
    (2, {"sqlite": _REQUESTS_V2 + """
INSERT INTO requests_v2 SELECT * FROM requests;
DROP TABLE requests;
ALTER TABLE requests_v2 RENAME TO requests;
CREATE INDEX requests_ts ON requests (ts, seq);
CREATE INDEX requests_account ON requests (account_id, ts)
""", "postgres": "ALTER TABLE requests ALTER COLUMN account_id DROP NOT NULL"}),
    # v3: an enforcement action can block an organization (and so its >50% subsidiaries).
    (3, "ALTER TABLE orgs ADD COLUMN blocked {bool} NOT NULL DEFAULT {false}"),
    # v4: the indexes other components' reads need, owned here with the tables (releases before
    # this one made them from the enforcement and console migrations, hence IF NOT EXISTS):
    # a case's refused decisions per account (most requests are allowed: a partial index keeps
    # that read short), the overview's aggregates over a time window by decision and account
    # (index-only), an account's requests page, and accounts sharing a payment instrument or
    # SSO tenant (the console's cluster view).
    (4, """
CREATE INDEX IF NOT EXISTS enforce_requests_refused ON requests (account_id, ts) WHERE decision <> 'allow';
CREATE INDEX IF NOT EXISTS console_requests_ts_decision ON requests (ts, decision, account_id);
CREATE INDEX IF NOT EXISTS console_requests_account_decision ON requests (account_id, ts, seq, decision);
CREATE INDEX IF NOT EXISTS console_accounts_payment ON accounts (payment_fingerprint);
CREATE INDEX IF NOT EXISTS console_accounts_sso ON accounts (sso_tenant)
"""),
    # v5: usage kinds metered apart (issue 12 item 3; docs/traffic-format-extensions.md).
    (5, """
ALTER TABLE requests ADD COLUMN cache_read_tokens {bigint};
ALTER TABLE requests ADD COLUMN cache_write_tokens {bigint};
ALTER TABLE requests ADD COLUMN reasoning_tokens {bigint}
"""),
    # v6: recorded traffic in daily partitions on PostgreSQL, for retention by dropping whole days
    # (issue 14 item 5; moat.store.partitions). SQLite keeps one table and deletes old days in batches.
    (6, {"sqlite": "", "postgres": partition_requests}),
    # v7: data APIs' request fields (issue 15; docs/data-apis.md "What is recorded"). (v6 is partitioning.)
    (7, """
ALTER TABLE requests ADD COLUMN kind TEXT;
ALTER TABLE requests ADD COLUMN method TEXT;
ALTER TABLE requests ADD COLUMN path TEXT;
ALTER TABLE requests ADD COLUMN query TEXT;
ALTER TABLE requests ADD COLUMN resource TEXT;
ALTER TABLE requests ADD COLUMN items {bigint};
ALTER TABLE requests ADD COLUMN bytes {bigint};
ALTER TABLE requests ADD COLUMN key_use TEXT;
ALTER TABLE requests ADD COLUMN cut_reason TEXT
"""),
)
