# ruff: noqa: I001  (imports of the previous release: first-party then, unknown to this tree)
"""How `legacy-sqlite.sql` and `legacy-postgres.sql` were made: run at commit 2f9ae91 (before the
one database layer), through that day's APIs, so the dumps are data directories as those releases
left them (each component's own version table, the console's own connection, `detect_scores` made by
`TableScores`). Kept for the record; it imports modules that no longer exist.

    PYTHONPATH=src python tests/store/legacy/make_legacy.py sqlite:////tmp/legacy/moat.db
    PYTHONPATH=src python tests/store/legacy/make_legacy.py 'postgresql://postgres@127.0.0.1/test?schema=moat_legacy'
"""

from __future__ import annotations

import asyncio
import sys

from moat.console.db import open_console_db  # type: ignore[import-not-found]
from moat.console.users import UserBook
from moat.detect.scores import TableScores
from moat.enforce.db import Stmt  # type: ignore[import-not-found]
from moat.enforce.models import Action, Appeal, Case, CaseEvent, Evidence
from moat.enforce.storage import EnforceStore
from moat.identity.models import Account, ApiKey, Organization, Ownership
from moat.store import open_store
from moat.store.base import AdminAction, RecordBatchItem

T0 = 1_780_000_000.0


async def main(url: str) -> None:
    store = open_store(url)
    await store.open()
    await store.upsert_orgs([
        Organization("rival", name="Rival Labs", domains=("rival.example",), ip_ranges=("203.0.113.0/24",),
                     restricted=True, aliases=("Rival",), created_at=T0),
        Organization("rival-sub", name="Rival Sub", owners=(Ownership("rival", 0.6),), created_at=T0)])
    await store.set_org_blocked("rival-sub", True)
    for i, (plan, org) in enumerate((("api", None), ("consumer", "rival"), ("api", "rival-sub"))):
        await store.upsert_account(Account(f"acct-{i}", email=f"a{i}@ex.example", plan=plan, org_id=org,
                                           verified=bool(i % 2), created_at=T0 + i, payment_fingerprint="pf-1",
                                           sso_tenant="t-1" if i else None, country="FR"))
        await store.insert_key(ApiKey(f"key-{i}", f"acct-{i}", f"mk_{i:04d}", f"hash-{i}", T0 + i, name=f"k{i}",
                                      meta={"n": i}))
    await store.revoke_key("key-1", T0 + 50)
    items = []
    for i in range(12):
        traffic = {"ts": T0 + 60 * i, "request_id": f"req-{i}", "account_id": f"acct-{i % 3}",
                   "key_id": f"key-{i % 3}", "channel": "direct", "endpoint": "/v1/messages", "model": "moat-demo",
                   "conversation_id": f"c{i % 2}",
                   "turn": i, "prompt": f"prompt {i}", "input_tokens": 10 + i, "output_tokens": 20 + i,
                   "reasoning": bool(i % 2), "stream": False, "status": 200 if i % 4 else 403,
                   "decision": "allow" if i % 4 else "deny", "decision_id": f"dec-{i}", "latency_ms": 5.0 + i}
        items.append(RecordBatchItem(traffic, {"decision_id": f"dec-{i}", "ts": T0 + 60 * i,
                                               "outcome": traffic["decision"]}))
    items.append(RecordBatchItem({"ts": T0 + 999, "request_id": "req-anon", "status": 401, "decision": "deny",
                                  "turn": "two"}, {}))
    assert await store.append_records(items) == 12
    await store.append_admin(AdminAction("admin", "orgs.add", "rival", {"why": "fixture"}))

    es = EnforceStore(store)
    await es.open()
    case = Case("case_0001", "account", "acct-1", "open", "fixture", "finding", 0.9, "rev", "moat", T0, T0)
    await es.insert_case(case, CaseEvent("evt_0001", case.case_id, T0, "opened", "moat", {"n": 1}),
                         [Evidence("ev_0001", case.case_id, "finding", "acct-1", T0, {"risk": 0.9})])
    await es.upsert_findings([{"account_id": "acct-1", "risk": 0.9, "cluster_id": "cl-1", "linked_org": "rival"}])
    await es.insert_action(Action("act_0001", "restrict", "account", "acct-1", "active", "fixture", "rev", T0,
                                  case_id=case.case_id, params={"max_tokens": 5}),
                           [("acct-1", "active", ["key-1"])], [("account", "acct-1", {"max_tokens": 5})])
    await es.insert_appeal(Appeal("apl_0001", "acct-1", "dec-4", "competitor", "please", "pending", T0))
    await es.db.transaction([
        Stmt("INSERT INTO enforce_outbox VALUES ('whd_1', 'evt_1', 'case.opened', 'http://hook', '{}', 'pending', "
             "0, ?, ?, NULL, NULL)", (T0, T0)),
        Stmt("INSERT INTO enforce_labels VALUES ('case:c0', 'case', 'c0', 'c0', 'account', 'acct-2', 'cleared', "
             "'[]', '[]', 'rev', ?, ?, '')", (T0, T0)),
        Stmt("INSERT INTO enforce_label_accounts VALUES ('case:c0', 'acct-2')"),
        Stmt("INSERT INTO enforce_flags VALUES (?, 'acct-1', 'distillation', 'finding', ?, 0.9)",
             (int(T0 // 86400), T0))])

    scores = TableScores(store)
    await scores.open()
    await scores.write([("a:acct-1", {"scores": {"distillation": 0.9}, "cluster_id": "cl-1", "requests": 12}),
                        ("c:cl-1", {"scores": {"distillation": 0.8}, "size": 2})])

    db = open_console_db(url)
    await db.open()
    await UserBook(db, store).add("admin", "admin", "correct horse battery", actor="fixture")
    await db.execute("INSERT INTO console_sessions VALUES ('sess-hash', 'admin', ?, ?)", (T0, T0))
    await db.execute("INSERT INTO console_signin_failures VALUES ('1.2.3.4', ?)", (T0,))
    await db.execute("INSERT INTO console_traffic_minutes VALUES (?, 'allow', 7)", (int(T0 // 60),))
    await db.execute("INSERT INTO console_rollup_state VALUES ('traffic', ?)", (T0,))
    await db.execute("INSERT INTO console_signin_counters VALUES ('1.2.3.4', ?, 1, 0)", (T0,))
    await db.execute("INSERT INTO console_known_addresses VALUES ('admin', '1.2.3.4', ?)", (T0,))
    await db.close()
    await store.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
