"""Appeals as a service: ownership of the decision, idempotence, accept (undo / release) and reject."""

from __future__ import annotations

import time

import pytest

from moat.config import WebhookSettings
from moat.enforce import actions, appeals, webhooks
from moat.enforce.services import EnforceContext
from moat.errors import BadRequest, NotFound
from moat.store import Store
from moat.store.base import RecordBatchItem
from tests.enforce.conftest import FINDINGS, admin_entries


async def record_decision(store: Store, decision_id: str, account_id: str | None, reason: str,
                          effect: str = "deny") -> None:
    status = 403 if effect == "deny" else 200
    await store.append_records([RecordBatchItem(
        traffic={"ts": time.time(), "request_id": f"req_{decision_id}", "account_id": account_id,
                 "endpoint": "/v1/chat/completions", "status": status, "decision_id": decision_id,
                 "decision": f"deny:{reason}" if effect == "deny" else "allow"},
        decision={"decision_id": decision_id, "account_id": account_id, "effect": effect, "reason_code": reason,
                  "status": status})])


@pytest.fixture
def hooks() -> list[WebhookSettings]:
    return [WebhookSettings(url="http://127.0.0.1:9/x", secret="s", events=["appeal.created", "appeal.decided"])]


async def test_accepting_an_appeal_undoes_own_actions_and_releases_from_cluster(cx: EnforceContext,
                                                                                store: Store) -> None:
    await cx.es.upsert_findings(FINDINGS)
    own = await actions.apply_action(cx, actor="rev:ann", kind="restrict", subject="account:a1", reason="x",
                                     redact_reasoning=True)
    cluster = await actions.apply_action(cx, actor="rev:ann", kind="block", subject="cluster:c1", reason="net")
    # refused at authentication: the decision log does not name the account
    await record_decision(store, "dec_a1", None, "account_blocked")
    appeal = await appeals.create_appeal(cx, account_id="a1", decision_id="dec_a1", message="I am a student",
                                         refused_code="account_blocked")
    assert appeal.status == "pending" and appeal.case_id
    again = await appeals.create_appeal(cx, account_id="a1", decision_id="dec_a1", message="hello?",
                                        refused_code="account_blocked")
    assert again.appeal_id == appeal.appeal_id  # idempotent per decision
    decided = await appeals.decide_appeal(cx, actor="rev:bob", appeal_id=appeal.appeal_id, accept=True,
                                          note="verified student")
    assert decided.status == "accepted" and decided.decided_by == "rev:bob"
    assert sorted(decided.undone) == sorted([own.action_id, cluster.action_id])
    assert (await cx.es.get_action(own.action_id)).status == "undone"  # type: ignore[union-attr]
    assert (await cx.es.get_action(cluster.action_id)).status == "active"  # type: ignore[union-attr]
    assert [(await store.get_account(a)).status for a in ("a1", "a2")] == ["active", "blocked"]  # type: ignore[union-attr]
    with pytest.raises(BadRequest):
        await appeals.decide_appeal(cx, actor="rev:cy", appeal_id=appeal.appeal_id, accept=False, note="late")
    timeline = [e.kind for e in (await cx.es.list_events(appeal.case_id)).data]  # type: ignore[arg-type]
    assert timeline[0] == "opened" and timeline.count("appeal") == 2
    events = [d.event for d in (await webhooks.list_deliveries(cx.es)).data]
    assert sorted(events) == ["appeal.created", "appeal.decided"]
    log = {(e["action"], e["actor"]) for e in await admin_entries(store)}
    assert ("appeals.create", "account:a1") in log and ("appeals.accept", "rev:bob") in log
    assert ("enforce.release", "rev:bob") in log and ("enforce.undo", "rev:bob") in log


async def test_decision_must_be_the_appellants(cx: EnforceContext, store: Store) -> None:
    await record_decision(store, "dec_a2", "a2", "competitive_use_restricted")
    await record_decision(store, "dec_anon", None, "account_blocked")
    await record_decision(store, "dec_ok", "a4", "allowed", effect="allow")
    with pytest.raises(NotFound):
        await appeals.create_appeal(cx, account_id="a4", decision_id="dec_a2", message="mine")
    with pytest.raises(NotFound):  # unattributable, and a4 is not refused that way now
        await appeals.create_appeal(cx, account_id="a4", decision_id="dec_anon", message="mine")
    with pytest.raises(NotFound):
        await appeals.create_appeal(cx, account_id="a4", decision_id="dec_missing", message="mine")
    with pytest.raises(BadRequest):
        await appeals.create_appeal(cx, account_id="a4", decision_id="dec_ok", message="allowed?")
    appeal = await appeals.create_appeal(cx, account_id="a2", decision_id="dec_a2", message="not a rival")
    rejected = await appeals.decide_appeal(cx, actor="rev:ann", appeal_id=appeal.appeal_id, accept=False,
                                           note="linked by payment instrument")
    assert rejected.status == "rejected" and rejected.undone == []
    with pytest.raises(NotFound):
        await appeals.customer_appeal(cx, account_id="a4", appeal_id=appeal.appeal_id)
    seen = await appeals.customer_appeal(cx, account_id="a2", appeal_id=appeal.appeal_id)
    assert seen.public()["status"] == "rejected" and seen.public()["note"] == "linked by payment instrument"
    assert [a.appeal_id for a in (await appeals.list_appeals(cx, status="rejected")).data] == [appeal.appeal_id]
