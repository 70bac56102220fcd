-- A PostgreSQL schema as commit 2f9ae91 left it (tests/store/legacy/make_legacy.py, then pg_dump --inserts
-- with the schema name, psql commands and session settings removed): load it with search_path set.

CREATE TABLE accounts (
    account_id text NOT NULL,
    email text DEFAULT ''::text NOT NULL,
    plan text NOT NULL,
    org_id text,
    credential text DEFAULT 'api_key'::text NOT NULL,
    verified boolean DEFAULT false NOT NULL,
    created_at double precision DEFAULT 0 NOT NULL,
    declared_company text,
    payment_fingerprint text,
    signup_ip text,
    sso_tenant text,
    country text,
    status text DEFAULT 'active'::text NOT NULL
);

CREATE TABLE admin_log (
    seq bigint NOT NULL,
    ts double precision NOT NULL,
    entry_id text NOT NULL,
    payload json NOT NULL,
    prev_hash text NOT NULL,
    hash text NOT NULL
);

CREATE TABLE api_keys (
    key_id text NOT NULL,
    account_id text NOT NULL,
    prefix text NOT NULL,
    secret_hash text NOT NULL,
    created_at double precision NOT NULL,
    expires_at double precision,
    revoked_at double precision,
    name text DEFAULT ''::text NOT NULL,
    meta jsonb DEFAULT '{}'::jsonb NOT NULL
);

CREATE TABLE console_known_addresses (
    username text NOT NULL,
    address text NOT NULL,
    last_seen double precision NOT NULL
);

CREATE TABLE console_rollup_state (
    name text NOT NULL,
    rolled_until double precision NOT NULL
);

CREATE TABLE console_schema_version (
    version integer NOT NULL
);

CREATE TABLE console_sessions (
    id_hash text NOT NULL,
    username text NOT NULL,
    created_at double precision NOT NULL,
    last_seen double precision NOT NULL
);

CREATE TABLE console_signin_counters (
    subject text NOT NULL,
    window_end double precision NOT NULL,
    n integer NOT NULL,
    level integer NOT NULL
);

CREATE TABLE console_signin_failures (
    subject text NOT NULL,
    ts double precision NOT NULL
);

CREATE TABLE console_traffic_minutes (
    minute integer NOT NULL,
    decision text NOT NULL,
    n integer NOT NULL
);

CREATE TABLE console_users (
    username text NOT NULL,
    password_hash text NOT NULL,
    role text NOT NULL,
    created_at double precision NOT NULL,
    updated_at double precision NOT NULL,
    disabled integer DEFAULT 0 NOT NULL
);

CREATE TABLE decision_log (
    seq bigint NOT NULL,
    ts double precision NOT NULL,
    entry_id text NOT NULL,
    payload json NOT NULL,
    prev_hash text NOT NULL,
    hash text NOT NULL
);

CREATE TABLE detect_scores (
    subject text NOT NULL,
    payload text NOT NULL,
    version bigint NOT NULL
);

CREATE TABLE directory_changes (
    seq bigint NOT NULL,
    kind text NOT NULL,
    id text NOT NULL,
    ts double precision NOT NULL
);

CREATE SEQUENCE directory_changes_seq_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE directory_changes_seq_seq OWNED BY directory_changes.seq;

CREATE TABLE enforce_action_accounts (
    action_id text NOT NULL,
    account_id text NOT NULL,
    prev_status text,
    key_ids text DEFAULT '[]'::text NOT NULL,
    released integer DEFAULT 0 NOT NULL
);

CREATE TABLE enforce_actions (
    action_id text NOT NULL,
    kind text NOT NULL,
    subject_kind text NOT NULL,
    subject_id text NOT NULL,
    status text NOT NULL,
    reason text NOT NULL,
    actor text NOT NULL,
    created_at double precision NOT NULL,
    case_id text,
    params text DEFAULT '{}'::text NOT NULL,
    undone_at double precision,
    undone_by text,
    undo_reason text
);

CREATE TABLE enforce_appeals (
    appeal_id text NOT NULL,
    account_id text NOT NULL,
    decision_id text NOT NULL,
    reason_code text,
    message text NOT NULL,
    status text NOT NULL,
    created_at double precision NOT NULL,
    case_id text,
    decided_at double precision,
    decided_by text,
    note text,
    undone text DEFAULT '[]'::text NOT NULL
);

CREATE TABLE enforce_case_events (
    event_id text NOT NULL,
    case_id text NOT NULL,
    ts double precision NOT NULL,
    kind text NOT NULL,
    actor text NOT NULL,
    body text DEFAULT '{}'::text NOT NULL
);

CREATE TABLE enforce_cases (
    case_id text NOT NULL,
    subject_kind text NOT NULL,
    subject_id text NOT NULL,
    status text NOT NULL,
    title text DEFAULT ''::text NOT NULL,
    source text NOT NULL,
    risk double precision,
    assignee text,
    opened_by text NOT NULL,
    opened_at double precision NOT NULL,
    updated_at double precision NOT NULL,
    closed_at double precision
);

CREATE TABLE enforce_changes (
    seq bigint NOT NULL,
    kind text NOT NULL,
    id text NOT NULL,
    ts double precision NOT NULL
);

CREATE SEQUENCE enforce_changes_seq_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE enforce_changes_seq_seq OWNED BY enforce_changes.seq;

CREATE TABLE enforce_evidence (
    evidence_id text NOT NULL,
    case_id text NOT NULL,
    kind text NOT NULL,
    account_id text,
    ts double precision NOT NULL,
    data text NOT NULL
);

CREATE TABLE enforce_findings (
    account_id text NOT NULL,
    risk double precision NOT NULL,
    cluster_id text,
    linked_org text,
    data text NOT NULL,
    imported_at double precision NOT NULL
);

CREATE TABLE enforce_flags (
    day integer NOT NULL,
    account_id text NOT NULL,
    category text NOT NULL,
    source text NOT NULL,
    ts double precision NOT NULL,
    risk double precision
);

CREATE TABLE enforce_label_accounts (
    label_id text NOT NULL,
    account_id text NOT NULL
);

CREATE TABLE enforce_labels (
    label_id text NOT NULL,
    source text NOT NULL,
    source_id text NOT NULL,
    case_id text,
    subject_kind text NOT NULL,
    subject_id text NOT NULL,
    outcome text NOT NULL,
    categories text DEFAULT '[]'::text NOT NULL,
    reason_codes text DEFAULT '[]'::text NOT NULL,
    reviewer text NOT NULL,
    decided_at double precision NOT NULL,
    flagged_at double precision,
    note text DEFAULT ''::text NOT NULL
);

CREATE TABLE enforce_outbox (
    delivery_id text NOT NULL,
    event_id text NOT NULL,
    event text NOT NULL,
    endpoint text NOT NULL,
    body text NOT NULL,
    status text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    next_attempt_at double precision NOT NULL,
    created_at double precision NOT NULL,
    delivered_at double precision,
    last_error text
);

CREATE TABLE enforce_restrictions (
    action_id text NOT NULL,
    subject_kind text NOT NULL,
    subject_id text NOT NULL,
    data text NOT NULL
);

CREATE TABLE enforce_schema_version (
    version integer NOT NULL
);

CREATE TABLE orgs (
    org_id text NOT NULL,
    name text DEFAULT ''::text NOT NULL,
    domains jsonb DEFAULT '[]'::jsonb NOT NULL,
    ip_ranges jsonb DEFAULT '[]'::jsonb NOT NULL,
    payment_fingerprints jsonb DEFAULT '[]'::jsonb NOT NULL,
    sso_tenants jsonb DEFAULT '[]'::jsonb NOT NULL,
    aliases jsonb DEFAULT '[]'::jsonb NOT NULL,
    restricted boolean DEFAULT false NOT NULL,
    owners jsonb DEFAULT '[]'::jsonb NOT NULL,
    created_at double precision DEFAULT 0 NOT NULL,
    blocked boolean DEFAULT false NOT NULL
);

CREATE TABLE requests (
    seq bigint NOT NULL,
    ts double precision NOT NULL,
    request_id text,
    account_id text,
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

CREATE SEQUENCE requests_seq_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE requests_seq_seq OWNED BY requests.seq;

CREATE TABLE schema_version (
    version integer NOT NULL
);

ALTER TABLE ONLY directory_changes ALTER COLUMN seq SET DEFAULT nextval('directory_changes_seq_seq'::regclass);

ALTER TABLE ONLY enforce_changes ALTER COLUMN seq SET DEFAULT nextval('enforce_changes_seq_seq'::regclass);

ALTER TABLE ONLY requests ALTER COLUMN seq SET DEFAULT nextval('requests_seq_seq'::regclass);

INSERT INTO accounts VALUES ('acct-0', 'a0@ex.example', 'api', NULL, 'api_key', false, 1780000000, NULL, 'pf-1', NULL, NULL, 'FR', 'active');
INSERT INTO accounts VALUES ('acct-1', 'a1@ex.example', 'consumer', 'rival', 'api_key', true, 1780000001, NULL, 'pf-1', NULL, 't-1', 'FR', 'active');
INSERT INTO accounts VALUES ('acct-2', 'a2@ex.example', 'api', 'rival-sub', 'api_key', false, 1780000002, NULL, 'pf-1', NULL, 't-1', 'FR', 'active');

INSERT INTO admin_log VALUES (1, 1796574046.381924, 'adm_1a24c2868ad5767eff739ce8043', '{"actor":"admin","action":"orgs.add","target":"rival","details":{"why":"fixture"}}', '0000000000000000000000000000000000000000000000000000000000000000', 'ab28091ac6629a8826503c9e01d5325a0cf1aba203629a8fe62182055643abbb');
INSERT INTO admin_log VALUES (2, 1796574046.4881244, 'adm_1a24c2869181adb0b432e2066af', '{"actor":"fixture","action":"console.users.add","target":"admin","details":{"role":"admin"}}', 'ab28091ac6629a8826503c9e01d5325a0cf1aba203629a8fe62182055643abbb', 'f752a63cfd2309260b78846edfae2a3da8e618134a55b1e0d1e403ca00508111');

INSERT INTO api_keys VALUES ('key-0', 'acct-0', 'mk_0000', 'hash-0', 1780000000, NULL, NULL, 'k0', '{"n": 0}');
INSERT INTO api_keys VALUES ('key-2', 'acct-2', 'mk_0002', 'hash-2', 1780000002, NULL, NULL, 'k2', '{"n": 2}');
INSERT INTO api_keys VALUES ('key-1', 'acct-1', 'mk_0001', 'hash-1', 1780000001, NULL, 1780000050, 'k1', '{"n": 1}');

INSERT INTO console_known_addresses VALUES ('admin', '1.2.3.4', 1780000000);

INSERT INTO console_rollup_state VALUES ('traffic', 1780000000);

INSERT INTO console_schema_version VALUES (1);
INSERT INTO console_schema_version VALUES (2);
INSERT INTO console_schema_version VALUES (3);
INSERT INTO console_schema_version VALUES (4);

INSERT INTO console_sessions VALUES ('sess-hash', 'admin', 1780000000, 1780000000);

INSERT INTO console_signin_counters VALUES ('1.2.3.4', 1780000000, 1, 0);

INSERT INTO console_signin_failures VALUES ('1.2.3.4', 1780000000);

INSERT INTO console_traffic_minutes VALUES (29666666, 'allow', 7);

INSERT INTO console_users VALUES ('admin', '$argon2id$v=19$m=19456,t=2,p=1$cw3hmld3iRdd/LH/zG4IgA$TKM6YLvyYaGuDfGtpF4wmx/qriz1DI96XxlvtZWpU+E', 'admin', 1796574046.4865603, 1796574046.4865603, 0);

INSERT INTO decision_log VALUES (1, 1780000000, 'dec-0', '{"decision_id":"dec-0","ts":1780000000.0,"outcome":"deny"}', '0000000000000000000000000000000000000000000000000000000000000000', 'fcdb3730e26bba99918f1d3eababd16389f61c2af6c81a995b992039628f489a');
INSERT INTO decision_log VALUES (2, 1780000060, 'dec-1', '{"decision_id":"dec-1","ts":1780000060.0,"outcome":"allow"}', 'fcdb3730e26bba99918f1d3eababd16389f61c2af6c81a995b992039628f489a', '2706f5748066e2ea1a73a183eaf161907179b397d150695c30fd5f7d7e0ef129');
INSERT INTO decision_log VALUES (3, 1780000120, 'dec-2', '{"decision_id":"dec-2","ts":1780000120.0,"outcome":"allow"}', '2706f5748066e2ea1a73a183eaf161907179b397d150695c30fd5f7d7e0ef129', '69ff74b26a374dc308b5ea128b83895e9bcd47f6d3adbdb01076fdb5719da3bc');
INSERT INTO decision_log VALUES (4, 1780000180, 'dec-3', '{"decision_id":"dec-3","ts":1780000180.0,"outcome":"allow"}', '69ff74b26a374dc308b5ea128b83895e9bcd47f6d3adbdb01076fdb5719da3bc', '6f6ca4fe616f4c47a5d49b80a5e0c0322b11eff1d5aeee7d936dfe652357d22e');
INSERT INTO decision_log VALUES (5, 1780000240, 'dec-4', '{"decision_id":"dec-4","ts":1780000240.0,"outcome":"deny"}', '6f6ca4fe616f4c47a5d49b80a5e0c0322b11eff1d5aeee7d936dfe652357d22e', 'e3b0220375c48ab1d35aca5c282a6f92387de38a95a45f29dff98a4f8db7d66c');
INSERT INTO decision_log VALUES (6, 1780000300, 'dec-5', '{"decision_id":"dec-5","ts":1780000300.0,"outcome":"allow"}', 'e3b0220375c48ab1d35aca5c282a6f92387de38a95a45f29dff98a4f8db7d66c', '4146c86e81bfcfec31f41faa979624c99f45cb5a3385d124b8c50e8c9b30d6dd');
INSERT INTO decision_log VALUES (7, 1780000360, 'dec-6', '{"decision_id":"dec-6","ts":1780000360.0,"outcome":"allow"}', '4146c86e81bfcfec31f41faa979624c99f45cb5a3385d124b8c50e8c9b30d6dd', '4742aeec63a55489f860e93a9f297356694be7a084a971bee52f6d0536233e69');
INSERT INTO decision_log VALUES (8, 1780000420, 'dec-7', '{"decision_id":"dec-7","ts":1780000420.0,"outcome":"allow"}', '4742aeec63a55489f860e93a9f297356694be7a084a971bee52f6d0536233e69', 'acf4b1653481930108e432e511e7f61d44fc655ad8891561a39cb5861ab80a32');
INSERT INTO decision_log VALUES (9, 1780000480, 'dec-8', '{"decision_id":"dec-8","ts":1780000480.0,"outcome":"deny"}', 'acf4b1653481930108e432e511e7f61d44fc655ad8891561a39cb5861ab80a32', '05e157b7ca6015e6a0f148dba95969722754dbd609b1828cc3e836e0b88170ea');
INSERT INTO decision_log VALUES (10, 1780000540, 'dec-9', '{"decision_id":"dec-9","ts":1780000540.0,"outcome":"allow"}', '05e157b7ca6015e6a0f148dba95969722754dbd609b1828cc3e836e0b88170ea', '3775d5d26d19028d49e0f32b37d9df6d68dd3fcad3db8e03c8201de5ad4acfaa');
INSERT INTO decision_log VALUES (11, 1780000600, 'dec-10', '{"decision_id":"dec-10","ts":1780000600.0,"outcome":"allow"}', '3775d5d26d19028d49e0f32b37d9df6d68dd3fcad3db8e03c8201de5ad4acfaa', 'd1c845fd27865a76efb1296af6e2449a6fb5290c9ed15e64c9efd2eb44f3520a');
INSERT INTO decision_log VALUES (12, 1780000660, 'dec-11', '{"decision_id":"dec-11","ts":1780000660.0,"outcome":"allow"}', 'd1c845fd27865a76efb1296af6e2449a6fb5290c9ed15e64c9efd2eb44f3520a', 'eea0e7217c99c1611993a8f53cdee434296f00db930c176338f277934495f49d');

INSERT INTO detect_scores VALUES ('a:acct-1', '{"scores":{"distillation":0.9},"cluster_id":"cl-1","requests":12}', 1);
INSERT INTO detect_scores VALUES ('c:cl-1', '{"scores":{"distillation":0.8},"size":2}', 2);

INSERT INTO directory_changes VALUES (1, 'org', 'rival', 1796574046.3665643);
INSERT INTO directory_changes VALUES (2, 'org', 'rival-sub', 1796574046.3665643);
INSERT INTO directory_changes VALUES (3, 'org', 'rival-sub', 1796574046.3681207);
INSERT INTO directory_changes VALUES (4, 'account', 'acct-0', 1796574046.3695676);
INSERT INTO directory_changes VALUES (5, 'key', 'key-0', 1796574046.3711038);
INSERT INTO directory_changes VALUES (6, 'account', 'acct-1', 1796574046.3722641);
INSERT INTO directory_changes VALUES (7, 'key', 'key-1', 1796574046.3732696);
INSERT INTO directory_changes VALUES (8, 'account', 'acct-2', 1796574046.3742917);
INSERT INTO directory_changes VALUES (9, 'key', 'key-2', 1796574046.3758278);
INSERT INTO directory_changes VALUES (10, 'key', 'key-1', 1796574046.3770459);

INSERT INTO enforce_action_accounts VALUES ('act_0001', 'acct-1', 'active', '["key-1"]', 0);

INSERT INTO enforce_actions VALUES ('act_0001', 'restrict', 'account', 'acct-1', 'active', 'fixture', 'rev', 1780000000, 'case_0001', '{"max_tokens":5}', NULL, NULL, NULL);

INSERT INTO enforce_appeals VALUES ('apl_0001', 'acct-1', 'dec-4', 'competitor', 'please', 'pending', 1780000000, NULL, NULL, NULL, NULL, '[]');

INSERT INTO enforce_case_events VALUES ('evt_0001', 'case_0001', 1780000000, 'opened', 'moat', '{"n":1}');

INSERT INTO enforce_cases VALUES ('case_0001', 'account', 'acct-1', 'open', 'fixture', 'finding', 0.9, 'rev', 'moat', 1780000000, 1780000000, NULL);

INSERT INTO enforce_changes VALUES (1, 'restriction', 'act_0001', 1796574046.4186845);

INSERT INTO enforce_evidence VALUES ('ev_0001', 'case_0001', 'finding', 'acct-1', 1780000000, '{"risk":0.9}');

INSERT INTO enforce_findings VALUES ('acct-1', 0.9, 'cl-1', 'rival', '{"account_id":"acct-1","risk":0.9,"cluster_id":"cl-1","linked_org":"rival"}', 1796574046.416763);

INSERT INTO enforce_flags VALUES (20601, 'acct-1', 'distillation', 'finding', 1780000000, 0.9);

INSERT INTO enforce_label_accounts VALUES ('case:c0', 'acct-2');

INSERT INTO enforce_labels VALUES ('case:c0', 'case', 'c0', 'c0', 'account', 'acct-2', 'cleared', '[]', '[]', 'rev', 1780000000, 1780000000, '');

INSERT INTO enforce_outbox VALUES ('whd_1', 'evt_1', 'case.opened', 'http://hook', '{}', 'pending', 0, 1780000000, 1780000000, NULL, NULL);

INSERT INTO enforce_restrictions VALUES ('act_0001', 'account', 'acct-1', '{"max_tokens":5}');

INSERT INTO enforce_schema_version VALUES (1);
INSERT INTO enforce_schema_version VALUES (2);
INSERT INTO enforce_schema_version VALUES (3);

INSERT INTO orgs VALUES ('rival', 'Rival Labs', '["rival.example"]', '["203.0.113.0/24"]', '[]', '[]', '["Rival"]', true, '[]', 1780000000, false);
INSERT INTO orgs VALUES ('rival-sub', 'Rival Sub', '[]', '[]', '[]', '[]', '[]', false, '[{"share": 0.6, "owner_id": "rival"}]', 1780000000, true);

INSERT INTO requests VALUES (1, 1780000000, 'req-0', 'acct-0', 'key-0', 'direct', NULL, NULL, NULL, NULL, NULL, '/v1/messages', 'moat-demo', 'c0', 0, NULL, 'prompt 0', 10, 20, false, false, 403, 'deny', '{"decision_id":"dec-0","latency_ms":5.0}');
INSERT INTO requests VALUES (2, 1780000060, 'req-1', 'acct-1', 'key-1', 'direct', NULL, NULL, NULL, NULL, NULL, '/v1/messages', 'moat-demo', 'c1', 1, NULL, 'prompt 1', 11, 21, true, false, 200, 'allow', '{"decision_id":"dec-1","latency_ms":6.0}');
INSERT INTO requests VALUES (3, 1780000120, 'req-2', 'acct-2', 'key-2', 'direct', NULL, NULL, NULL, NULL, NULL, '/v1/messages', 'moat-demo', 'c0', 2, NULL, 'prompt 2', 12, 22, false, false, 200, 'allow', '{"decision_id":"dec-2","latency_ms":7.0}');
INSERT INTO requests VALUES (4, 1780000180, 'req-3', 'acct-0', 'key-0', 'direct', NULL, NULL, NULL, NULL, NULL, '/v1/messages', 'moat-demo', 'c1', 3, NULL, 'prompt 3', 13, 23, true, false, 200, 'allow', '{"decision_id":"dec-3","latency_ms":8.0}');
INSERT INTO requests VALUES (5, 1780000240, 'req-4', 'acct-1', 'key-1', 'direct', NULL, NULL, NULL, NULL, NULL, '/v1/messages', 'moat-demo', 'c0', 4, NULL, 'prompt 4', 14, 24, false, false, 403, 'deny', '{"decision_id":"dec-4","latency_ms":9.0}');
INSERT INTO requests VALUES (6, 1780000300, 'req-5', 'acct-2', 'key-2', 'direct', NULL, NULL, NULL, NULL, NULL, '/v1/messages', 'moat-demo', 'c1', 5, NULL, 'prompt 5', 15, 25, true, false, 200, 'allow', '{"decision_id":"dec-5","latency_ms":10.0}');
INSERT INTO requests VALUES (7, 1780000360, 'req-6', 'acct-0', 'key-0', 'direct', NULL, NULL, NULL, NULL, NULL, '/v1/messages', 'moat-demo', 'c0', 6, NULL, 'prompt 6', 16, 26, false, false, 200, 'allow', '{"decision_id":"dec-6","latency_ms":11.0}');
INSERT INTO requests VALUES (8, 1780000420, 'req-7', 'acct-1', 'key-1', 'direct', NULL, NULL, NULL, NULL, NULL, '/v1/messages', 'moat-demo', 'c1', 7, NULL, 'prompt 7', 17, 27, true, false, 200, 'allow', '{"decision_id":"dec-7","latency_ms":12.0}');
INSERT INTO requests VALUES (9, 1780000480, 'req-8', 'acct-2', 'key-2', 'direct', NULL, NULL, NULL, NULL, NULL, '/v1/messages', 'moat-demo', 'c0', 8, NULL, 'prompt 8', 18, 28, false, false, 403, 'deny', '{"decision_id":"dec-8","latency_ms":13.0}');
INSERT INTO requests VALUES (10, 1780000540, 'req-9', 'acct-0', 'key-0', 'direct', NULL, NULL, NULL, NULL, NULL, '/v1/messages', 'moat-demo', 'c1', 9, NULL, 'prompt 9', 19, 29, true, false, 200, 'allow', '{"decision_id":"dec-9","latency_ms":14.0}');
INSERT INTO requests VALUES (11, 1780000600, 'req-10', 'acct-1', 'key-1', 'direct', NULL, NULL, NULL, NULL, NULL, '/v1/messages', 'moat-demo', 'c0', 10, NULL, 'prompt 10', 20, 30, false, false, 200, 'allow', '{"decision_id":"dec-10","latency_ms":15.0}');
INSERT INTO requests VALUES (12, 1780000660, 'req-11', 'acct-2', 'key-2', 'direct', NULL, NULL, NULL, NULL, NULL, '/v1/messages', 'moat-demo', 'c1', 11, NULL, 'prompt 11', 21, 31, true, false, 200, 'allow', '{"decision_id":"dec-11","latency_ms":16.0}');
INSERT INTO requests VALUES (13, 1780000999, 'req-anon', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 401, 'deny', '{"turn":"two"}');

INSERT INTO schema_version VALUES (1);
INSERT INTO schema_version VALUES (2);
INSERT INTO schema_version VALUES (3);

SELECT pg_catalog.setval('directory_changes_seq_seq', 10, true);

SELECT pg_catalog.setval('enforce_changes_seq_seq', 1, true);

SELECT pg_catalog.setval('requests_seq_seq', 13, true);

ALTER TABLE ONLY accounts
    ADD CONSTRAINT accounts_pkey PRIMARY KEY (account_id);

ALTER TABLE ONLY admin_log
    ADD CONSTRAINT admin_log_entry_id_key UNIQUE (entry_id);

ALTER TABLE ONLY admin_log
    ADD CONSTRAINT admin_log_pkey PRIMARY KEY (seq);

ALTER TABLE ONLY api_keys
    ADD CONSTRAINT api_keys_pkey PRIMARY KEY (key_id);

ALTER TABLE ONLY api_keys
    ADD CONSTRAINT api_keys_secret_hash_key UNIQUE (secret_hash);

ALTER TABLE ONLY console_known_addresses
    ADD CONSTRAINT console_known_addresses_pkey PRIMARY KEY (username, address);

ALTER TABLE ONLY console_rollup_state
    ADD CONSTRAINT console_rollup_state_pkey PRIMARY KEY (name);

ALTER TABLE ONLY console_sessions
    ADD CONSTRAINT console_sessions_pkey PRIMARY KEY (id_hash);

ALTER TABLE ONLY console_signin_counters
    ADD CONSTRAINT console_signin_counters_pkey PRIMARY KEY (subject);

ALTER TABLE ONLY console_traffic_minutes
    ADD CONSTRAINT console_traffic_minutes_pkey PRIMARY KEY (minute, decision);

ALTER TABLE ONLY console_users
    ADD CONSTRAINT console_users_pkey PRIMARY KEY (username);

ALTER TABLE ONLY decision_log
    ADD CONSTRAINT decision_log_entry_id_key UNIQUE (entry_id);

ALTER TABLE ONLY decision_log
    ADD CONSTRAINT decision_log_pkey PRIMARY KEY (seq);

ALTER TABLE ONLY detect_scores
    ADD CONSTRAINT detect_scores_pkey PRIMARY KEY (subject);

ALTER TABLE ONLY directory_changes
    ADD CONSTRAINT directory_changes_pkey PRIMARY KEY (seq);

ALTER TABLE ONLY enforce_action_accounts
    ADD CONSTRAINT enforce_action_accounts_pkey PRIMARY KEY (action_id, account_id);

ALTER TABLE ONLY enforce_actions
    ADD CONSTRAINT enforce_actions_pkey PRIMARY KEY (action_id);

ALTER TABLE ONLY enforce_appeals
    ADD CONSTRAINT enforce_appeals_pkey PRIMARY KEY (appeal_id);

ALTER TABLE ONLY enforce_case_events
    ADD CONSTRAINT enforce_case_events_pkey PRIMARY KEY (event_id);

ALTER TABLE ONLY enforce_cases
    ADD CONSTRAINT enforce_cases_pkey PRIMARY KEY (case_id);

ALTER TABLE ONLY enforce_changes
    ADD CONSTRAINT enforce_changes_pkey PRIMARY KEY (seq);

ALTER TABLE ONLY enforce_evidence
    ADD CONSTRAINT enforce_evidence_pkey PRIMARY KEY (evidence_id);

ALTER TABLE ONLY enforce_findings
    ADD CONSTRAINT enforce_findings_pkey PRIMARY KEY (account_id);

ALTER TABLE ONLY enforce_flags
    ADD CONSTRAINT enforce_flags_pkey PRIMARY KEY (day, account_id, category);

ALTER TABLE ONLY enforce_label_accounts
    ADD CONSTRAINT enforce_label_accounts_pkey PRIMARY KEY (label_id, account_id);

ALTER TABLE ONLY enforce_labels
    ADD CONSTRAINT enforce_labels_pkey PRIMARY KEY (label_id);

ALTER TABLE ONLY enforce_outbox
    ADD CONSTRAINT enforce_outbox_pkey PRIMARY KEY (delivery_id);

ALTER TABLE ONLY enforce_restrictions
    ADD CONSTRAINT enforce_restrictions_pkey PRIMARY KEY (action_id, subject_kind, subject_id);

ALTER TABLE ONLY orgs
    ADD CONSTRAINT orgs_pkey PRIMARY KEY (org_id);

ALTER TABLE ONLY requests
    ADD CONSTRAINT requests_pkey PRIMARY KEY (seq);

ALTER TABLE ONLY requests
    ADD CONSTRAINT requests_request_id_key UNIQUE (request_id);

CREATE INDEX accounts_org ON accounts USING btree (org_id);

CREATE INDEX api_keys_account ON api_keys USING btree (account_id);

CREATE INDEX api_keys_prefix ON api_keys USING btree (prefix);

CREATE INDEX console_accounts_payment ON accounts USING btree (payment_fingerprint);

CREATE INDEX console_accounts_sso ON accounts USING btree (sso_tenant);

CREATE INDEX console_requests_account_decision ON requests USING btree (account_id, ts, seq, decision);

CREATE INDEX console_requests_ts_decision ON requests USING btree (ts, decision, account_id);

CREATE INDEX console_sessions_user ON console_sessions USING btree (username);

CREATE INDEX console_signin_counters_end ON console_signin_counters USING btree (window_end);

CREATE INDEX console_signin_failures_subject ON console_signin_failures USING btree (subject, ts);

CREATE INDEX detect_scores_version ON detect_scores USING btree (version);

CREATE INDEX enforce_action_accounts_account ON enforce_action_accounts USING btree (account_id, action_id);

CREATE INDEX enforce_actions_case ON enforce_actions USING btree (case_id, action_id);

CREATE INDEX enforce_actions_status ON enforce_actions USING btree (status, action_id);

CREATE INDEX enforce_actions_subject ON enforce_actions USING btree (subject_kind, subject_id, action_id);

CREATE INDEX enforce_appeals_account ON enforce_appeals USING btree (account_id, appeal_id);

CREATE UNIQUE INDEX enforce_appeals_decision ON enforce_appeals USING btree (account_id, decision_id);

CREATE INDEX enforce_appeals_status ON enforce_appeals USING btree (status, appeal_id);

CREATE INDEX enforce_case_events_case ON enforce_case_events USING btree (case_id, event_id);

CREATE INDEX enforce_cases_assignee ON enforce_cases USING btree (assignee, case_id);

CREATE UNIQUE INDEX enforce_cases_open_subject ON enforce_cases USING btree (subject_kind, subject_id) WHERE (status <> 'closed'::text);

CREATE INDEX enforce_cases_status ON enforce_cases USING btree (status, case_id);

CREATE INDEX enforce_cases_subject ON enforce_cases USING btree (subject_kind, subject_id, case_id);

CREATE INDEX enforce_evidence_case ON enforce_evidence USING btree (case_id, kind, evidence_id);

CREATE INDEX enforce_evidence_order ON enforce_evidence USING btree (case_id, evidence_id);

CREATE INDEX enforce_findings_cluster ON enforce_findings USING btree (cluster_id, account_id);

CREATE INDEX enforce_findings_risk ON enforce_findings USING btree (risk, account_id);

CREATE INDEX enforce_flags_account ON enforce_flags USING btree (account_id, day);

CREATE INDEX enforce_label_accounts_account ON enforce_label_accounts USING btree (account_id, label_id);

CREATE INDEX enforce_labels_decided ON enforce_labels USING btree (decided_at, label_id);

CREATE INDEX enforce_labels_outcome ON enforce_labels USING btree (outcome, decided_at);

CREATE INDEX enforce_outbox_due ON enforce_outbox USING btree (status, next_attempt_at);

CREATE INDEX enforce_outbox_list ON enforce_outbox USING btree (status, delivery_id);

CREATE INDEX enforce_requests_refused ON requests USING btree (account_id, ts) WHERE (decision <> 'allow'::text);

CREATE INDEX requests_account ON requests USING btree (account_id, ts);

CREATE INDEX requests_ts ON requests USING btree (ts, seq);

