"""Exceptions below the gateway (issue 13 item 1), on SQLite and PostgreSQL: grants with their
referential checks, revocation, the admin log, the replica's index (changes, expiry, key purpose,
clusters), the policy engine lifting refusals, an appeal's proposal and acceptance, and the CLI."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from moat.enforce import appeals, exception_proposal
from moat.enforce.exception_index import ExceptionIndex, ExceptionLookup
from moat.enforce.exceptions import grant_exception, list_exceptions, parse_until, revoke_exception
from moat.enforce.models import ExceptionGrant
from moat.enforce.services import EnforceContext
from moat.errors import BadRequest, NotFound
from moat.policy.bundle import DEFAULT_DIR, load_bundle
from moat.policy.engine import Engine
from moat.store import Store
from moat.store.base import RecordBatchItem
from tests.enforce.conftest import FINDINGS, admin_entries, cli

LIFTS_RESTRICTED = "reason:competitive_use_restricted"
RIVAL = {"account": {"id": "a3", "plan": "api"}, "org": {"id": "sub", "restricted": True}}


async def grant(cx: EnforceContext, subject: str = "account:a1", **over: Any) -> ExceptionGrant:
    args: dict[str, Any] = {"lifts": LIFTS_RESTRICTED, "purpose": "research", "note": "agreed", "until": "1d", **over}
    return await grant_exception(cx, actor="ann", subject=subject, **args)


async def test_grant_checks_what_it_names(cx: EnforceContext) -> None:
    for subject in ("account:nobody", "org:nobody", "key:key_nobody", "cluster:c-none"):
        with pytest.raises(NotFound):
            await grant(cx, subject)
    for bad in ({"lifts": "everything"}, {"lifts": "reason:"}, {"purpose": "Safety Eval"}, {"until": ""},
                {"until": "2001-01-01T00:00:00Z"}, {"until": "0d"}, {"note": ""}, {"key_purpose": "No!"}):
        with pytest.raises(BadRequest):
            await grant(cx, **bad)
    with pytest.raises(BadRequest):
        await grant(cx, "session:x")
    with pytest.raises(NotFound):
        await grant(cx, lifts="rule:no-such-rule", known_rules={"restricted-org-direct"})
    with pytest.raises(NotFound):
        await grant(cx, case_id="case_nope")
    assert (await grant(cx, lifts="rule:restricted-org-direct", known_rules={"restricted-org-direct"})).lifts == \
        "rule:restricted-org-direct"


def test_until_reads_durations_and_times() -> None:
    assert parse_until("90m", now=1000.0) == 1000.0 + 5400
    assert parse_until("12h", now=0.0) == 43200.0
    assert parse_until("30d", now=0.0) == 30 * 86400.0
    assert parse_until(time.time() + 60) > time.time()
    assert parse_until("2099-01-01T00:00:00Z") == 4070908800.0


async def test_grant_list_revoke_and_the_admin_log(cx: EnforceContext, store: Store) -> None:
    first = await grant(cx, "account:a1")
    org = await grant(cx, "org:sub", purpose="safety_evaluation", key_purpose="safety_evaluation", until="30d")
    assert org.state(time.time()) == "active" and org.granted_by == "ann"
    page = await list_exceptions(cx, status="active")
    assert [g.exception_id for g in page.data] == [org.exception_id, first.exception_id]  # newest first
    assert [g.exception_id for g in (await list_exceptions(cx, subject="org:sub")).data] == [org.exception_id]
    revoked = await revoke_exception(cx, actor="bea", exception_id=first.exception_id, reason="done")
    assert revoked.status == "revoked" and revoked.revoked_by == "bea"
    with pytest.raises(BadRequest):
        await revoke_exception(cx, actor="bea", exception_id=first.exception_id, reason="again")
    assert [g.exception_id for g in (await list_exceptions(cx, status="revoked")).data] == [first.exception_id]
    entries = [(e["action"], e["actor"], e["target"]) for e in await admin_entries(store)]
    assert ("exceptions.grant", "ann", "account:a1") in entries
    assert ("exceptions.grant", "ann", "org:sub") in entries
    assert ("exceptions.revoke", "bea", "account:a1") in entries


async def test_the_index_follows_grants_revocations_expiry_and_key_purpose(cx: EnforceContext) -> None:
    now = [time.time()]
    index = ExceptionIndex(cx.es, clock=lambda: now[0])
    await index.start()
    try:
        assert index.for_subjects("k1", "a1", None, None, None) is None
        plain = await grant(cx, "account:a1", until="1h")
        scoped = await grant(cx, "org:sub", purpose="safety_evaluation", key_purpose="safety_evaluation")
        await index.refresh()
        lift = index.for_subjects("k1", "a1", None, None, None)
        assert lift is not None and lift("restricted-org-direct", "competitive_use_restricted") is not None
        assert lift("some-rule", "other_reason") is None  # it lifts one reason code only
        assert index.for_subjects("k3", "a3", "sub", None, None) is None  # not a key of that purpose
        by = index.for_subjects("k3", "a3", None, "sub", "safety_evaluation")  # resolved org counts too
        assert by is not None
        exception_id, text = by("restricted-org-direct", "competitive_use_restricted") or ("", "")
        assert exception_id == scoped.exception_id
        assert text.startswith(f"allowed by exception {scoped.exception_id} granted by ann until ")
        now[0] += 3601  # the plain one expires; nothing was written
        assert index.for_subjects("k1", "a1", None, None, None) is None
        now[0] -= 3601
        await revoke_exception(cx, actor="ann", exception_id=plain.exception_id, reason="over")
        await index.refresh()
        assert index.for_subjects("k1", "a1", None, None, None) is None
        assert len(index) == 1
    finally:
        await index.stop()


async def test_a_key_exception_reaches_that_key_only(cx: EnforceContext, store: Store) -> None:
    key_id = (await store.list_keys("a4"))[0].key_id
    granted = await grant(cx, f"key:{key_id}", lifts="all", purpose="benchmarking")
    lookup = ExceptionLookup()
    lookup.load([granted])
    assert lookup.for_subjects(key_id, "a4", None, None, None) is not None
    assert lookup.for_subjects("key_other", "a4", None, None, None) is None


async def test_a_cluster_exception_reaches_its_members(cx: EnforceContext) -> None:
    await cx.es.upsert_findings(FINDINGS)
    granted = await grant(cx, "cluster:c1", lifts="all")
    assert sorted(granted.accounts) == ["a1", "a2"]
    lookup = ExceptionLookup()
    lookup.load([granted])
    assert lookup.for_subjects(None, "a2", None, None, None) is not None
    assert lookup.for_subjects(None, "a4", None, None, None) is None


def test_the_engine_lifts_refusals_the_exception_covers() -> None:
    engine = Engine(load_bundle(DEFAULT_DIR))
    refused = engine.decide_values(RIVAL)
    assert refused.effect == "deny" and refused.reason_code == "competitive_use_restricted"
    grant_ = ExceptionGrant("exc_1", "org", "sub", LIFTS_RESTRICTED, "safety_evaluation", "ok", "ann", 0.0,
                            time.time() + 60)
    lookup = ExceptionLookup()
    lookup.load([grant_])
    allowed = engine.decide_values(RIVAL, lift=lookup.for_subjects(None, "a3", "sub", None, None))
    assert allowed.allowed and "exception:exc_1" in allowed.rules
    assert any(line.startswith("allowed by exception exc_1 granted by ann until ") and
               line.endswith("lifts restricted-org-direct (competitive_use_restricted)")
               for line in allowed.explanation)
    assert allowed.limits  # the plan's limits still apply: an exception lifts a deny, not a quota
    other = ExceptionGrant("exc_2", "org", "sub", "reason:something_else", "research", "x", "ann", 0.0,
                           time.time() + 60)
    lookup.load([other])
    assert not engine.decide_values(RIVAL, lift=lookup.for_subjects(None, "a3", "sub", None, None)).allowed


async def refused_decision(store: Store, account_id: str, decision_id: str, reason: str) -> None:
    """A refusal by policy as the gateway records it: the traffic record and the decision-log entry."""
    await store.append_records([RecordBatchItem(
        traffic={"ts": time.time(), "request_id": f"req_{decision_id}", "account_id": account_id,
                 "endpoint": "/v1/chat/completions", "status": 403, "decision_id": decision_id,
                 "decision": f"deny:{reason}"},
        decision={"decision_id": decision_id, "account_id": account_id, "effect": "deny", "reason_code": reason,
                  "rules": ["restricted-org-direct"], "policy_revision": "rev1", "status": 403})])


async def test_accepting_an_appeal_grants_the_proposed_exception(cx: EnforceContext, store: Store) -> None:
    await refused_decision(store, "a3", "dec_r1", "competitive_use_restricted")
    appeal = await appeals.create_appeal(cx, account_id="a3", decision_id="dec_r1", message="we left")
    await refused_decision(store, "a3", "dec_r2", "attribution_required")  # another refusal it does not lift
    proposal = await exception_proposal.propose(cx, appeal.appeal_id)
    assert proposal.exception is not None and proposal.exception["lifts"] == LIFTS_RESTRICTED
    assert {r.decision_id: r.lifted for r in proposal.refusals} == {"dec_r1": True, "dec_r2": False}
    assert proposal.still_refused == 1 and proposal.warning and "still be refused" in proposal.warning
    wider = await exception_proposal.propose(cx, appeal.appeal_id, lifts="rule:restricted-org-direct")
    assert wider.still_refused == 0  # both were refused by that rule
    assert proposal.exception["subject"] == "account:a3" and proposal.exception["purpose"] == "appeal_accepted"
    with pytest.raises(BadRequest):  # a bad exception leaves the appeal pending
        await appeals.decide_appeal(cx, actor="cy", appeal_id=appeal.appeal_id, accept=True, note="ok",
                                    exception={"until": "yesterday"})
    assert (await appeals.get_appeal(cx, appeal.appeal_id)).status == "pending"
    decided = await appeals.decide_appeal(cx, actor="cy", appeal_id=appeal.appeal_id, accept=True,
                                          note="unblocking", exception={})
    assert decided.status == "accepted"
    granted = (await list_exceptions(cx, subject="account:a3")).data
    assert len(granted) == 1 and granted[0].appeal_id == appeal.appeal_id and granted[0].granted_by == "cy"
    accept = [e for e in await admin_entries(store) if e["action"] == "appeals.accept"]
    assert accept[0]["details"]["exception_id"] == granted[0].exception_id
    assert await exception_proposal.still_refused(cx, appeal.appeal_id) is None
    # accepted without the exception: the reviewer is told the caller is still refused
    await refused_decision(store, "a4", "dec_r4", "competitive_use_restricted")
    other = await appeals.create_appeal(cx, account_id="a4", decision_id="dec_r4", message="please")
    await appeals.decide_appeal(cx, actor="cy", appeal_id=other.appeal_id, accept=True, note="ok")
    warning = await exception_proposal.still_refused(cx, other.appeal_id)
    assert warning and "still refused by policy (competitive_use_restricted)" in warning
    # a block's refusal: nothing to grant (undoing the block lifts it), and none is proposed
    await store.append_records([RecordBatchItem(
        traffic={"ts": time.time(), "request_id": "req_b1", "account_id": "a1", "status": 403,
                 "endpoint": "/v1/chat/completions", "decision_id": "dec_b1", "decision": "deny:account_blocked"},
        decision={"decision_id": "dec_b1", "account_id": "a1", "effect": "deny", "reason_code": "account_blocked",
                  "policy_revision": "gateway", "status": 403})])
    blocked = await appeals.create_appeal(cx, account_id="a1", decision_id="dec_b1", message="why?")
    assert (await exception_proposal.propose(cx, blocked.appeal_id)).exception is None
    with pytest.raises(BadRequest):
        await appeals.decide_appeal(cx, actor="cy", appeal_id=blocked.appeal_id, accept=True, note="ok", exception={})
    assert (await appeals.get_appeal(cx, blocked.appeal_id)).status == "pending"


def test_the_cli_grants_lists_revokes_and_explains(tmp_path: Path, store_url: str, store: Store) -> None:
    moat = cli(tmp_path, store_url)
    key = moat("keys", "create", "--account", "a3", "--purpose", "safety_evaluation", "--json")
    assert key["purpose"] == "safety_evaluation"
    moat("keys", "create", "--account", "a3", "--purpose", "Not A Word", code=2)
    granted = moat("exceptions", "grant", "org:sub", "--lifts", LIFTS_RESTRICTED, "--purpose", "safety_evaluation",
                   "--key-purpose", "safety_evaluation", "--note", "evaluation agreement", "--until", "30d", "--json")
    assert granted["state"] == "active" and granted["granted_by"].startswith("cli:")
    moat("exceptions", "grant", "org:sub", "--lifts", "rule:not-a-rule", "--purpose", "research", "--note", "x",
         "--until", "1d", code=1)
    assert granted["exception_id"] in moat("exceptions", "list", "--subject", "org:sub")
    context = tmp_path / "ctx.json"
    context.write_text(json.dumps({**RIVAL, "key": {"id": key["key_id"], "purpose": "safety_evaluation"}}))
    explained = moat("policy", "explain", "--request", str(context), "--exceptions")
    assert f"allowed by exception {granted['exception_id']}" in explained
    assert "effect:  throttle" in explained  # allowed, under its plan's limit
    assert "effect:  deny" in moat("policy", "explain", "--request", str(context))  # without --exceptions
    moat("exceptions", "revoke", granted["exception_id"], "--reason", "agreement ended")
    assert moat("exceptions", "show", granted["exception_id"], "--json")["state"] == "revoked"
