-- SQLite database as commit 2f9ae91 left it (tests/store/legacy/make_legacy.py, then sqlite3 .dump).
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version VALUES(1);
INSERT INTO schema_version VALUES(2);
INSERT INTO schema_version VALUES(3);
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
, blocked INTEGER NOT NULL DEFAULT 0);
INSERT INTO orgs VALUES('rival','Rival Labs','["rival.example"]','["203.0.113.0/24"]','[]','[]','["Rival"]',1,'[]',1780000000.0,0);
INSERT INTO orgs VALUES('rival-sub','Rival Sub','[]','[]','[]','[]','[]',0,'[{"owner_id":"rival","share":0.6}]',1780000000.0,1);
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
INSERT INTO accounts VALUES('acct-0','a0@ex.example','api',NULL,'api_key',0,1780000000.0,NULL,'pf-1',NULL,NULL,'FR','active');
INSERT INTO accounts VALUES('acct-1','a1@ex.example','consumer','rival','api_key',1,1780000001.0,NULL,'pf-1',NULL,'t-1','FR','active');
INSERT INTO accounts VALUES('acct-2','a2@ex.example','api','rival-sub','api_key',0,1780000002.0,NULL,'pf-1',NULL,'t-1','FR','active');
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
INSERT INTO api_keys VALUES('key-0','acct-0','mk_0000','hash-0',1780000000.0,NULL,NULL,'k0','{"n":0}');
INSERT INTO api_keys VALUES('key-1','acct-1','mk_0001','hash-1',1780000001.0,NULL,1780000050.0,'k1','{"n":1}');
INSERT INTO api_keys VALUES('key-2','acct-2','mk_0002','hash-2',1780000002.0,NULL,NULL,'k2','{"n":2}');
CREATE TABLE directory_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    ts REAL NOT NULL
);
INSERT INTO directory_changes VALUES(1,'org','rival',1796574044.4258987904);
INSERT INTO directory_changes VALUES(2,'org','rival-sub',1796574044.4258987904);
INSERT INTO directory_changes VALUES(3,'org','rival-sub',1796574044.4261143207);
INSERT INTO directory_changes VALUES(4,'account','acct-0',1796574044.4263734817);
INSERT INTO directory_changes VALUES(5,'key','key-0',1796574044.426598072);
INSERT INTO directory_changes VALUES(6,'account','acct-1',1796574044.426744461);
INSERT INTO directory_changes VALUES(7,'key','key-1',1796574044.4268867969);
INSERT INTO directory_changes VALUES(8,'account','acct-2',1796574044.4270577431);
INSERT INTO directory_changes VALUES(9,'key','key-2',1796574044.4272530079);
INSERT INTO directory_changes VALUES(10,'key','key-1',1796574044.4274137019);
CREATE TABLE decision_log (
    seq INTEGER PRIMARY KEY,
    ts REAL NOT NULL,
    entry_id TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO decision_log VALUES(1,1780000000.0,'dec-0','{"decision_id":"dec-0","ts":1780000000.0,"outcome":"deny"}','0000000000000000000000000000000000000000000000000000000000000000','fcdb3730e26bba99918f1d3eababd16389f61c2af6c81a995b992039628f489a');
INSERT INTO decision_log VALUES(2,1780000060.0,'dec-1','{"decision_id":"dec-1","ts":1780000060.0,"outcome":"allow"}','fcdb3730e26bba99918f1d3eababd16389f61c2af6c81a995b992039628f489a','2706f5748066e2ea1a73a183eaf161907179b397d150695c30fd5f7d7e0ef129');
INSERT INTO decision_log VALUES(3,1780000120.0,'dec-2','{"decision_id":"dec-2","ts":1780000120.0,"outcome":"allow"}','2706f5748066e2ea1a73a183eaf161907179b397d150695c30fd5f7d7e0ef129','69ff74b26a374dc308b5ea128b83895e9bcd47f6d3adbdb01076fdb5719da3bc');
INSERT INTO decision_log VALUES(4,1780000180.0,'dec-3','{"decision_id":"dec-3","ts":1780000180.0,"outcome":"allow"}','69ff74b26a374dc308b5ea128b83895e9bcd47f6d3adbdb01076fdb5719da3bc','6f6ca4fe616f4c47a5d49b80a5e0c0322b11eff1d5aeee7d936dfe652357d22e');
INSERT INTO decision_log VALUES(5,1780000240.0,'dec-4','{"decision_id":"dec-4","ts":1780000240.0,"outcome":"deny"}','6f6ca4fe616f4c47a5d49b80a5e0c0322b11eff1d5aeee7d936dfe652357d22e','e3b0220375c48ab1d35aca5c282a6f92387de38a95a45f29dff98a4f8db7d66c');
INSERT INTO decision_log VALUES(6,1780000300.0,'dec-5','{"decision_id":"dec-5","ts":1780000300.0,"outcome":"allow"}','e3b0220375c48ab1d35aca5c282a6f92387de38a95a45f29dff98a4f8db7d66c','4146c86e81bfcfec31f41faa979624c99f45cb5a3385d124b8c50e8c9b30d6dd');
INSERT INTO decision_log VALUES(7,1780000360.0,'dec-6','{"decision_id":"dec-6","ts":1780000360.0,"outcome":"allow"}','4146c86e81bfcfec31f41faa979624c99f45cb5a3385d124b8c50e8c9b30d6dd','4742aeec63a55489f860e93a9f297356694be7a084a971bee52f6d0536233e69');
INSERT INTO decision_log VALUES(8,1780000420.0,'dec-7','{"decision_id":"dec-7","ts":1780000420.0,"outcome":"allow"}','4742aeec63a55489f860e93a9f297356694be7a084a971bee52f6d0536233e69','acf4b1653481930108e432e511e7f61d44fc655ad8891561a39cb5861ab80a32');
INSERT INTO decision_log VALUES(9,1780000480.0,'dec-8','{"decision_id":"dec-8","ts":1780000480.0,"outcome":"deny"}','acf4b1653481930108e432e511e7f61d44fc655ad8891561a39cb5861ab80a32','05e157b7ca6015e6a0f148dba95969722754dbd609b1828cc3e836e0b88170ea');
INSERT INTO decision_log VALUES(10,1780000540.0,'dec-9','{"decision_id":"dec-9","ts":1780000540.0,"outcome":"allow"}','05e157b7ca6015e6a0f148dba95969722754dbd609b1828cc3e836e0b88170ea','3775d5d26d19028d49e0f32b37d9df6d68dd3fcad3db8e03c8201de5ad4acfaa');
INSERT INTO decision_log VALUES(11,1780000600.0,'dec-10','{"decision_id":"dec-10","ts":1780000600.0,"outcome":"allow"}','3775d5d26d19028d49e0f32b37d9df6d68dd3fcad3db8e03c8201de5ad4acfaa','d1c845fd27865a76efb1296af6e2449a6fb5290c9ed15e64c9efd2eb44f3520a');
INSERT INTO decision_log VALUES(12,1780000660.0,'dec-11','{"decision_id":"dec-11","ts":1780000660.0,"outcome":"allow"}','d1c845fd27865a76efb1296af6e2449a6fb5290c9ed15e64c9efd2eb44f3520a','eea0e7217c99c1611993a8f53cdee434296f00db930c176338f277934495f49d');
CREATE TABLE admin_log (
    seq INTEGER PRIMARY KEY,
    ts REAL NOT NULL,
    entry_id TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO admin_log VALUES(1,1796574044.4282801151,'adm_1a24c28610ce9cbbd2567bf1938','{"actor":"admin","action":"orgs.add","target":"rival","details":{"why":"fixture"}}','0000000000000000000000000000000000000000000000000000000000000000','95b907aa824796a5a3e036a85d767bba29b33c0b8e634219a778ae0cf2be5d75');
INSERT INTO admin_log VALUES(2,1796574044.4670097828,'adm_1a24c286132bbc5e9279dd0e214','{"actor":"fixture","action":"console.users.add","target":"admin","details":{"role":"admin"}}','95b907aa824796a5a3e036a85d767bba29b33c0b8e634219a778ae0cf2be5d75','3ca508263771ddd782498ffae3575bf3fd2772dfbe5aabecde69273ded4cefc6');
CREATE TABLE IF NOT EXISTS "requests" (
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
INSERT INTO requests VALUES(1,1780000000.0,'req-0','acct-0','key-0','direct',NULL,NULL,NULL,NULL,NULL,'/v1/messages','moat-demo','c0',0,NULL,'prompt 0',10,20,0,0,403,'deny','{"decision_id":"dec-0","latency_ms":5.0}');
INSERT INTO requests VALUES(2,1780000060.0,'req-1','acct-1','key-1','direct',NULL,NULL,NULL,NULL,NULL,'/v1/messages','moat-demo','c1',1,NULL,'prompt 1',11,21,1,0,200,'allow','{"decision_id":"dec-1","latency_ms":6.0}');
INSERT INTO requests VALUES(3,1780000120.0,'req-2','acct-2','key-2','direct',NULL,NULL,NULL,NULL,NULL,'/v1/messages','moat-demo','c0',2,NULL,'prompt 2',12,22,0,0,200,'allow','{"decision_id":"dec-2","latency_ms":7.0}');
INSERT INTO requests VALUES(4,1780000180.0,'req-3','acct-0','key-0','direct',NULL,NULL,NULL,NULL,NULL,'/v1/messages','moat-demo','c1',3,NULL,'prompt 3',13,23,1,0,200,'allow','{"decision_id":"dec-3","latency_ms":8.0}');
INSERT INTO requests VALUES(5,1780000240.0,'req-4','acct-1','key-1','direct',NULL,NULL,NULL,NULL,NULL,'/v1/messages','moat-demo','c0',4,NULL,'prompt 4',14,24,0,0,403,'deny','{"decision_id":"dec-4","latency_ms":9.0}');
INSERT INTO requests VALUES(6,1780000300.0,'req-5','acct-2','key-2','direct',NULL,NULL,NULL,NULL,NULL,'/v1/messages','moat-demo','c1',5,NULL,'prompt 5',15,25,1,0,200,'allow','{"decision_id":"dec-5","latency_ms":10.0}');
INSERT INTO requests VALUES(7,1780000360.0,'req-6','acct-0','key-0','direct',NULL,NULL,NULL,NULL,NULL,'/v1/messages','moat-demo','c0',6,NULL,'prompt 6',16,26,0,0,200,'allow','{"decision_id":"dec-6","latency_ms":11.0}');
INSERT INTO requests VALUES(8,1780000420.0,'req-7','acct-1','key-1','direct',NULL,NULL,NULL,NULL,NULL,'/v1/messages','moat-demo','c1',7,NULL,'prompt 7',17,27,1,0,200,'allow','{"decision_id":"dec-7","latency_ms":12.0}');
INSERT INTO requests VALUES(9,1780000480.0,'req-8','acct-2','key-2','direct',NULL,NULL,NULL,NULL,NULL,'/v1/messages','moat-demo','c0',8,NULL,'prompt 8',18,28,0,0,403,'deny','{"decision_id":"dec-8","latency_ms":13.0}');
INSERT INTO requests VALUES(10,1780000540.0,'req-9','acct-0','key-0','direct',NULL,NULL,NULL,NULL,NULL,'/v1/messages','moat-demo','c1',9,NULL,'prompt 9',19,29,1,0,200,'allow','{"decision_id":"dec-9","latency_ms":14.0}');
INSERT INTO requests VALUES(11,1780000600.0,'req-10','acct-1','key-1','direct',NULL,NULL,NULL,NULL,NULL,'/v1/messages','moat-demo','c0',10,NULL,'prompt 10',20,30,0,0,200,'allow','{"decision_id":"dec-10","latency_ms":15.0}');
INSERT INTO requests VALUES(12,1780000660.0,'req-11','acct-2','key-2','direct',NULL,NULL,NULL,NULL,NULL,'/v1/messages','moat-demo','c1',11,NULL,'prompt 11',21,31,1,0,200,'allow','{"decision_id":"dec-11","latency_ms":16.0}');
INSERT INTO requests VALUES(13,1780000999.0,'req-anon',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,401,'deny','{"turn":"two"}');
CREATE TABLE enforce_schema_version (version INTEGER NOT NULL);
INSERT INTO enforce_schema_version VALUES(1);
INSERT INTO enforce_schema_version VALUES(2);
INSERT INTO enforce_schema_version VALUES(3);
CREATE TABLE enforce_cases (
    case_id TEXT PRIMARY KEY,
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    status TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL,
    risk REAL,
    assignee TEXT,
    opened_by TEXT NOT NULL,
    opened_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    closed_at REAL
);
INSERT INTO enforce_cases VALUES('case_0001','account','acct-1','open','fixture','finding',0.9000000000000000222,'rev','moat',1780000000.0,1780000000.0,NULL);
CREATE TABLE enforce_case_events (
    event_id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL,
    ts REAL NOT NULL,
    kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO enforce_case_events VALUES('evt_0001','case_0001',1780000000.0,'opened','moat','{"n":1}');
CREATE TABLE enforce_evidence (
    evidence_id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    account_id TEXT,
    ts REAL NOT NULL,
    data TEXT NOT NULL
);
INSERT INTO enforce_evidence VALUES('ev_0001','case_0001','finding','acct-1',1780000000.0,'{"risk":0.9}');
CREATE TABLE enforce_findings (
    account_id TEXT PRIMARY KEY,
    risk REAL NOT NULL,
    cluster_id TEXT,
    linked_org TEXT,
    data TEXT NOT NULL,
    imported_at REAL NOT NULL
);
INSERT INTO enforce_findings VALUES('acct-1',0.9000000000000000222,'cl-1','rival','{"account_id":"acct-1","risk":0.9,"cluster_id":"cl-1","linked_org":"rival"}',1796574044.4303600788);
CREATE TABLE enforce_actions (
    action_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    actor TEXT NOT NULL,
    created_at REAL NOT NULL,
    case_id TEXT,
    params TEXT NOT NULL DEFAULT '{}',
    undone_at REAL,
    undone_by TEXT,
    undo_reason TEXT
);
INSERT INTO enforce_actions VALUES('act_0001','restrict','account','acct-1','active','fixture','rev',1780000000.0,'case_0001','{"max_tokens":5}',NULL,NULL,NULL);
CREATE TABLE enforce_action_accounts (
    action_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    prev_status TEXT,
    key_ids TEXT NOT NULL DEFAULT '[]',
    released INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (action_id, account_id)
);
INSERT INTO enforce_action_accounts VALUES('act_0001','acct-1','active','["key-1"]',0);
CREATE TABLE enforce_restrictions (
    action_id TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (action_id, subject_kind, subject_id)
);
INSERT INTO enforce_restrictions VALUES('act_0001','account','acct-1','{"max_tokens":5}');
CREATE TABLE enforce_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    ts REAL NOT NULL
);
INSERT INTO enforce_changes VALUES(1,'restriction','act_0001',1796574044.4309599399);
CREATE TABLE enforce_appeals (
    appeal_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    decision_id TEXT NOT NULL,
    reason_code TEXT,
    message TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at REAL NOT NULL,
    case_id TEXT,
    decided_at REAL,
    decided_by TEXT,
    note TEXT,
    undone TEXT NOT NULL DEFAULT '[]'
);
INSERT INTO enforce_appeals VALUES('apl_0001','acct-1','dec-4','competitor','please','pending',1780000000.0,NULL,NULL,NULL,NULL,'[]');
CREATE TABLE enforce_outbox (
    delivery_id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    event TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL,
    created_at REAL NOT NULL,
    delivered_at REAL,
    last_error TEXT
);
INSERT INTO enforce_outbox VALUES('whd_1','evt_1','case.opened','http://hook','{}','pending',0,1780000000.0,1780000000.0,NULL,NULL);
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
    decided_at REAL NOT NULL,
    flagged_at REAL,
    note TEXT NOT NULL DEFAULT ''
);
INSERT INTO enforce_labels VALUES('case:c0','case','c0','c0','account','acct-2','cleared','[]','[]','rev',1780000000.0,1780000000.0,'');
CREATE TABLE enforce_label_accounts (
    label_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    PRIMARY KEY (label_id, account_id)
);
INSERT INTO enforce_label_accounts VALUES('case:c0','acct-2');
CREATE TABLE enforce_flags (
    day INTEGER NOT NULL,
    account_id TEXT NOT NULL,
    category TEXT NOT NULL,
    source TEXT NOT NULL,
    ts REAL NOT NULL,
    risk REAL,
    PRIMARY KEY (day, account_id, category)
);
INSERT INTO enforce_flags VALUES(20601,'acct-1','distillation','finding',1780000000.0,0.9000000000000000222);
CREATE TABLE detect_scores (subject TEXT PRIMARY KEY, payload TEXT NOT NULL, version BIGINT NOT NULL);
INSERT INTO detect_scores VALUES('a:acct-1','{"scores":{"distillation":0.9},"cluster_id":"cl-1","requests":12}',1);
INSERT INTO detect_scores VALUES('c:cl-1','{"scores":{"distillation":0.8},"size":2}',2);
CREATE TABLE console_schema_version (version INTEGER NOT NULL);
INSERT INTO console_schema_version VALUES(1);
INSERT INTO console_schema_version VALUES(2);
INSERT INTO console_schema_version VALUES(3);
INSERT INTO console_schema_version VALUES(4);
CREATE TABLE console_users (
    username TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0
);
INSERT INTO console_users VALUES('admin','$argon2id$v=19$m=19456,t=2,p=1$uDpXQch5MKThAU7hM+kmtQ$6f+1X8frP82mZ6V2LPCvIwQZjavq2XlrMHX0W+BsarA','admin',1796574044.4662113189,1796574044.4662113189,0);
CREATE TABLE console_sessions (
    id_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    created_at REAL NOT NULL,
    last_seen REAL NOT NULL
);
INSERT INTO console_sessions VALUES('sess-hash','admin',1780000000.0,1780000000.0);
CREATE TABLE console_signin_failures (
    subject TEXT NOT NULL,
    ts REAL NOT NULL
);
INSERT INTO console_signin_failures VALUES('1.2.3.4',1780000000.0);
CREATE TABLE console_traffic_minutes (
    minute INTEGER NOT NULL,
    decision TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (minute, decision)
);
INSERT INTO console_traffic_minutes VALUES(29666666,'allow',7);
CREATE TABLE console_rollup_state (
    name TEXT PRIMARY KEY,
    rolled_until REAL NOT NULL
);
INSERT INTO console_rollup_state VALUES('traffic',1780000000.0);
CREATE TABLE console_known_addresses (
    username TEXT NOT NULL,
    address TEXT NOT NULL,
    last_seen REAL NOT NULL,
    PRIMARY KEY (username, address)
);
INSERT INTO console_known_addresses VALUES('admin','1.2.3.4',1780000000.0);
CREATE TABLE console_signin_counters (
    subject TEXT PRIMARY KEY,
    window_end REAL NOT NULL,
    n INTEGER NOT NULL,
    level INTEGER NOT NULL
);
INSERT INTO console_signin_counters VALUES('1.2.3.4',1780000000.0,1,0);
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('requests',13);
INSERT INTO sqlite_sequence VALUES('directory_changes',10);
INSERT INTO sqlite_sequence VALUES('enforce_changes',1);
CREATE INDEX accounts_org ON accounts (org_id);
CREATE INDEX api_keys_prefix ON api_keys (prefix);
CREATE INDEX api_keys_account ON api_keys (account_id);
CREATE INDEX requests_ts ON requests (ts, seq);
CREATE INDEX requests_account ON requests (account_id, ts);
CREATE UNIQUE INDEX enforce_cases_open_subject ON enforce_cases (subject_kind, subject_id)
    WHERE status <> 'closed';
CREATE INDEX enforce_cases_status ON enforce_cases (status, case_id);
CREATE INDEX enforce_cases_assignee ON enforce_cases (assignee, case_id);
CREATE INDEX enforce_cases_subject ON enforce_cases (subject_kind, subject_id, case_id);
CREATE INDEX enforce_case_events_case ON enforce_case_events (case_id, event_id);
CREATE INDEX enforce_evidence_case ON enforce_evidence (case_id, kind, evidence_id);
CREATE INDEX enforce_findings_cluster ON enforce_findings (cluster_id, account_id);
CREATE INDEX enforce_findings_risk ON enforce_findings (risk, account_id);
CREATE INDEX enforce_actions_status ON enforce_actions (status, action_id);
CREATE INDEX enforce_actions_subject ON enforce_actions (subject_kind, subject_id, action_id);
CREATE INDEX enforce_actions_case ON enforce_actions (case_id, action_id);
CREATE INDEX enforce_action_accounts_account ON enforce_action_accounts (account_id, action_id);
CREATE UNIQUE INDEX enforce_appeals_decision ON enforce_appeals (account_id, decision_id);
CREATE INDEX enforce_appeals_status ON enforce_appeals (status, appeal_id);
CREATE INDEX enforce_appeals_account ON enforce_appeals (account_id, appeal_id);
CREATE INDEX enforce_outbox_due ON enforce_outbox (status, next_attempt_at);
CREATE INDEX enforce_outbox_list ON enforce_outbox (status, delivery_id)
;
CREATE INDEX enforce_requests_refused ON requests (account_id, ts) WHERE decision <> 'allow';
CREATE INDEX enforce_evidence_order ON enforce_evidence (case_id, evidence_id)
;
CREATE INDEX enforce_labels_decided ON enforce_labels (decided_at, label_id);
CREATE INDEX enforce_labels_outcome ON enforce_labels (outcome, decided_at);
CREATE INDEX enforce_label_accounts_account ON enforce_label_accounts (account_id, label_id);
CREATE INDEX enforce_flags_account ON enforce_flags (account_id, day)
;
CREATE INDEX detect_scores_version ON detect_scores (version);
CREATE INDEX console_sessions_user ON console_sessions (username);
CREATE INDEX console_signin_failures_subject ON console_signin_failures (subject, ts);
CREATE INDEX console_requests_ts_decision ON requests (ts, decision, account_id);
CREATE INDEX console_requests_account_decision ON requests (account_id, ts, seq, decision);
CREATE INDEX console_accounts_payment ON accounts (payment_fingerprint);
CREATE INDEX console_accounts_sso ON accounts (sso_tenant)
;
CREATE INDEX console_signin_counters_end ON console_signin_counters (window_end)
;
COMMIT;
