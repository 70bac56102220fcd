"""Enforcement tables (cases, evidence, actions, restrictions, appeals, webhook outbox, reviewed labels,
exceptions), one DDL
for both backends (`moat.store.database` fills in the type names that differ).

Every list the console pages through is read by keyset on a time-ordered id (`moat.context.new_id`
sorts by creation), so each has an index led by its filter columns and ending in that id: pages stay
fast however many rows there are. Sample requests and decision history are read through the
store's `requests_for`.
"""

from __future__ import annotations

from moat.store.database import Migration

_V1 = """
CREATE TABLE enforce_cases (
    case_id TEXT PRIMARY KEY,
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    status TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL,
    risk {real},
    assignee TEXT,
    opened_by TEXT NOT NULL,
    opened_at {real} NOT NULL,
    updated_at {real} NOT NULL,
    closed_at {real}
);
CREATE UNIQUE INDEX enforce_cases_open_subject ON enforce_cases (subject_kind, subject_id)
    WHERE status <> 'closed';
CREATE INDEX enforce_cases_status ON enforce_cases (status, case_id);
CREATE INDEX enforce_cases_assignee ON enforce_cases (assignee, case_id);
CREATE INDEX enforce_cases_subject ON enforce_cases (subject_kind, subject_id, case_id);
CREATE TABLE enforce_case_events (
    event_id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL,
    ts {real} NOT NULL,
    kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '{{}}'
);
CREATE INDEX enforce_case_events_case ON enforce_case_events (case_id, event_id);
CREATE TABLE enforce_evidence (
    evidence_id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    account_id TEXT,
    ts {real} NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX enforce_evidence_case ON enforce_evidence (case_id, kind, evidence_id);
CREATE TABLE enforce_findings (
    account_id TEXT PRIMARY KEY,
    risk {real} NOT NULL,
    cluster_id TEXT,
    linked_org TEXT,
    data TEXT NOT NULL,
    imported_at {real} NOT NULL
);
CREATE INDEX enforce_findings_cluster ON enforce_findings (cluster_id, account_id);
CREATE INDEX enforce_findings_risk ON enforce_findings (risk, account_id);
CREATE TABLE enforce_actions (
    action_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    actor TEXT NOT NULL,
    created_at {real} NOT NULL,
    case_id TEXT,
    params TEXT NOT NULL DEFAULT '{{}}',
    undone_at {real},
    undone_by TEXT,
    undo_reason TEXT
);
CREATE INDEX enforce_actions_status ON enforce_actions (status, action_id);
CREATE INDEX enforce_actions_subject ON enforce_actions (subject_kind, subject_id, action_id);
CREATE INDEX enforce_actions_case ON enforce_actions (case_id, action_id);
CREATE TABLE enforce_action_accounts (
    action_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    prev_status TEXT,
    key_ids TEXT NOT NULL DEFAULT '[]',
    released INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (action_id, account_id)
);
CREATE INDEX enforce_action_accounts_account ON enforce_action_accounts (account_id, action_id);
CREATE TABLE enforce_restrictions (
    action_id TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (action_id, subject_kind, subject_id)
);
CREATE TABLE enforce_changes (
    seq {serial},
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    ts {real} NOT NULL
);
CREATE TABLE enforce_appeals (
    appeal_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    decision_id TEXT NOT NULL,
    reason_code TEXT,
    message TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at {real} NOT NULL,
    case_id TEXT,
    decided_at {real},
    decided_by TEXT,
    note TEXT,
    undone TEXT NOT NULL DEFAULT '[]'
);
CREATE UNIQUE INDEX enforce_appeals_decision ON enforce_appeals (account_id, decision_id);
CREATE INDEX enforce_appeals_status ON enforce_appeals (status, appeal_id);
CREATE INDEX enforce_appeals_account ON enforce_appeals (account_id, appeal_id);
CREATE TABLE enforce_outbox (
    delivery_id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    event TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at {real} NOT NULL,
    created_at {real} NOT NULL,
    delivered_at {real},
    last_error TEXT
);
CREATE INDEX enforce_outbox_due ON enforce_outbox (status, next_attempt_at);
CREATE INDEX enforce_outbox_list ON enforce_outbox (status, delivery_id)
"""


# v2: evidence in id order per case. (Releases before store v4 also made the store's partial index
# over refused requests here; the store owns it now.)
_V2 = "CREATE INDEX enforce_evidence_order ON enforce_evidence (case_id, evidence_id)"


# v3: reviewers' outcomes as labels (moat.enforce.labels). One label per resolved case or decided
# appeal (`label_id` is `case:<id>` / `appeal:<id>`, so resolving again updates it), the accounts it
# reached, and a ledger of the days an account was flagged (a finding at or above the import
# threshold, or a policy `flag`), one row per account, day and detector category.
_V3 = """
CREATE TABLE enforce_labels (
    label_id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    source_id TEXT NOT NULL,
    case_id TEXT,
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    categories TEXT NOT NULL DEFAULT '[]',
    reason_codes TEXT NOT NULL DEFAULT '[]',
    reviewer TEXT NOT NULL,
    decided_at {real} NOT NULL,
    flagged_at {real},
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX enforce_labels_decided ON enforce_labels (decided_at, label_id);
CREATE INDEX enforce_labels_outcome ON enforce_labels (outcome, decided_at);
CREATE TABLE enforce_label_accounts (
    label_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    PRIMARY KEY (label_id, account_id)
);
CREATE INDEX enforce_label_accounts_account ON enforce_label_accounts (account_id, label_id);
CREATE TABLE enforce_flags (
    day INTEGER NOT NULL,
    account_id TEXT NOT NULL,
    category TEXT NOT NULL,
    source TEXT NOT NULL,
    ts {real} NOT NULL,
    risk {real},
    PRIMARY KEY (day, account_id, category)
);
CREATE INDEX enforce_flags_account ON enforce_flags (account_id, day)
"""


# v4: exceptions (moat.enforce.exceptions): refusals lifted for a subject, for a purpose, until a
# time. Every replica loads the active ones into memory (moat.enforce.exception_index) and follows
# `enforce_changes` (kind `exception`); the console reads an account's, an org's and an appeal's.
_V4 = """
CREATE TABLE enforce_exceptions (
    exception_id TEXT PRIMARY KEY,
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    lifts TEXT NOT NULL,
    purpose TEXT NOT NULL,
    key_purpose TEXT,
    note TEXT NOT NULL,
    granted_by TEXT NOT NULL,
    granted_at {real} NOT NULL,
    expires_at {real} NOT NULL,
    status TEXT NOT NULL,
    appeal_id TEXT,
    case_id TEXT,
    accounts TEXT NOT NULL DEFAULT '[]',
    revoked_at {real},
    revoked_by TEXT,
    revoke_reason TEXT
);
CREATE INDEX enforce_exceptions_status ON enforce_exceptions (status, exception_id);
CREATE INDEX enforce_exceptions_subject ON enforce_exceptions (subject_kind, subject_id, exception_id);
CREATE INDEX enforce_exceptions_appeal ON enforce_exceptions (appeal_id, exception_id)
"""


COMPONENT = "enforce"
LEGACY = ("enforce_schema_version", "SELECT COALESCE(MAX(version), 0) FROM enforce_schema_version")
# v5 (issue 13 item 3): an organization's case lists the accounts detection linked to it.
_V5 = "CREATE INDEX IF NOT EXISTS enforce_findings_linked ON enforce_findings (linked_org, account_id)"
# v6 (issue 13 item 5): platforms and webhooks registered through the admin API or the CLI, beside the
# settings file's (moat.enforce.registry). `data` holds the settings fields as JSON, so a new field of
# PlatformSettings / WebhookSettings needs no migration; every write adds an `enforce_changes` row
# (kind `platform` / `webhook`) that every replica follows (moat.enforce.registry_follow).
_V6 = """
CREATE TABLE enforce_platforms (
    platform_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    data TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at {real} NOT NULL
);
CREATE TABLE enforce_webhooks (
    name TEXT PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    data TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at {real} NOT NULL
)
"""
MIGRATIONS: tuple[Migration, ...] = ((1, _V1), (2, _V2), (3, _V3), (4, _V4), (5, _V5), (6, _V6))
