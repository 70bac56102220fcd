"""Actions: block / suspend / revoke keys / restrict on accounts, clusters and organizations, undo,
overlap, the directory and restrictions caches following them, and the admin log's actors."""

from __future__ import annotations

import pytest

from moat.enforce import actions
from moat.enforce.restrictions import Restrictions
from moat.enforce.services import EnforceContext
from moat.errors import AuthenticationFailed, BadRequest, NotFound
from moat.identity.directory import AccountRefused, Directory
from moat.store import Store
from tests.enforce.conftest import FINDINGS, SECRETS, admin_entries


async def statuses(store: Store, *ids: str) -> list[str]:
    return [(await store.get_account(a)).status for a in ids]  # type: ignore[union-attr]


async def test_block_cluster_then_undo_restores_statuses(cx: EnforceContext, store: Store) -> None:
    await cx.es.upsert_findings(FINDINGS)
    await actions.apply_action(cx, actor="rev:ann", kind="suspend", subject="account:a2", reason="first look")
    block = await actions.apply_action(cx, actor="rev:ann", kind="block", subject="cluster:c1", reason="network")
    assert sorted(block.accounts) == ["a1", "a2"]
    assert await statuses(store, "a1", "a2") == ["blocked", "blocked"]  # block outranks suspend
    await actions.undo_action(cx, actor="rev:bob", action_id=block.action_id, reason="false positive")
    assert await statuses(store, "a1", "a2") == ["active", "suspended"]  # a2 keeps its own suspension
    cleared = await actions.clear(cx, actor="rev:bob", subject="account:a2", reason="done")
    assert len(cleared) == 1 and await statuses(store, "a2") == ["active"]
    with pytest.raises(BadRequest):
        await actions.undo_action(cx, actor="rev:bob", action_id=block.action_id, reason="twice")
    log = await admin_entries(store)
    mine = [e for e in log if str(e["action"]).startswith("enforce.")]
    assert [(e["action"], e["actor"]) for e in mine] == [
        ("enforce.suspend", "rev:ann"), ("enforce.block", "rev:ann"), ("enforce.undo", "rev:bob"),
        ("enforce.undo", "rev:bob")]
    assert mine[1]["details"]["reason"] == "network"  # type: ignore[index]
    status_changes = [e for e in log if e["action"] == "accounts.status"]
    assert status_changes and {e["actor"] for e in status_changes} == {"rev:ann", "rev:bob"}


async def test_org_block_reaches_controlled_subsidiaries_through_the_directory(cx: EnforceContext,
                                                                                store: Store) -> None:
    directory = Directory(store, poll_interval=0.05)
    await directory.start()
    try:
        await directory.authenticate(SECRETS["a3"])  # warm: a3's key and account are cached
        block = await actions.apply_action(cx, actor="rev:ann", kind="block", subject="org:par", reason="rival")
        await directory.refresh()
        assert directory.is_blocked("par") and directory.is_blocked("sub") and not directory.is_blocked("minor")
        with pytest.raises(AccountRefused) as refused:
            await directory.authenticate(SECRETS["a3"])
        assert refused.value.code == "organization_blocked" and refused.value.authenticated[1].account_id == "a3"
        await directory.authenticate(SECRETS["a4"])  # unrelated account still fine
        # re-running `moat orgs add` (an upsert) never lifts a block
        org = await store.get_org("par")
        assert org is not None and org.blocked
        await store.upsert_org(org)
        assert (await store.get_org("par")).blocked  # type: ignore[union-attr]
        await actions.undo_action(cx, actor="rev:bob", action_id=block.action_id, reason="appeal")
        await directory.refresh()
        await directory.authenticate(SECRETS["a3"])
    finally:
        await directory.stop()


async def test_revoke_keys_and_undo(cx: EnforceContext, store: Store) -> None:
    directory = Directory(store)
    await directory.start()
    try:
        await directory.authenticate(SECRETS["a4"])
        action = await actions.apply_action(cx, actor="rev:ann", kind="revoke_keys", subject="account:a4",
                                            reason="leaked")
        assert len(action.params["key_ids"]) == 1
        await directory.refresh()
        with pytest.raises(AuthenticationFailed):
            await directory.authenticate(SECRETS["a4"])
        await actions.undo_action(cx, actor="rev:ann", action_id=action.action_id, reason="mistake")
        await directory.refresh()
        await directory.authenticate(SECRETS["a4"])
    finally:
        await directory.stop()
    log = [(e["action"], e["actor"]) for e in await admin_entries(store)]
    assert ("keys.revoke", "rev:ann") in log and ("keys.restore", "rev:ann") in log
    with pytest.raises(BadRequest):
        await actions.apply_action(cx, actor="r", kind="revoke_keys", subject="account:a4", reason="x",
                                   key_ids=["key_of_someone_else"])


async def test_restrictions_cache_follows_actions(cx: EnforceContext) -> None:
    await cx.es.upsert_findings(FINDINGS)
    cache = Restrictions(cx.es, poll_interval=0.05)
    await cache.start()
    try:
        assert cache.for_call("a1", None) is None
        on_org = await actions.apply_action(cx, actor="r", kind="restrict", subject="org:sub", reason="tier",
                                            max_tokens=256, models=["small", "medium"])
        on_cluster = await actions.apply_action(cx, actor="r", kind="restrict", subject="cluster:c1",
                                                reason="distillation", redact_reasoning=True, limit="slow",
                                                models=["small"], max_tokens=1000)
        await cache.refresh()
        r1 = cache.for_call("a1", None)
        assert r1 is not None and r1.redact_reasoning and r1.limit == "slow" and r1.models == ("small",)
        r3 = cache.for_call("a3", "sub")
        assert r3 is not None and r3.max_tokens == 256 and not r3.redact_reasoning
        both = cache.for_call("a1", "sub")
        assert both is not None and both.max_tokens == 256 and both.redact_reasoning and both.models == ("small",)
        assert cache.for_call("a4", None) is None
        await actions.undo_action(cx, actor="r", action_id=on_cluster.action_id, reason="ok")
        await cache.refresh()
        assert cache.for_call("a1", None) is None and cache.for_call("a3", "sub") is not None
        # a second replica starting now sees exactly what is in force
        other = Restrictions(cx.es)
        await other.start()
        assert other.for_call("a3", "sub") == cache.for_call("a3", "sub")
        await other.stop()
        await actions.undo_action(cx, actor="r", action_id=on_org.action_id, reason="ok")
        await cache.refresh()
        assert cache.for_call("a3", "sub") is None
    finally:
        await cache.stop()
    with pytest.raises(BadRequest):
        await actions.apply_action(cx, actor="r", kind="restrict", subject="account:a1", reason="nothing")


async def test_bad_actions(cx: EnforceContext) -> None:
    with pytest.raises(BadRequest):
        await actions.apply_action(cx, actor="r", kind="nuke", subject="account:a1", reason="x")
    with pytest.raises(BadRequest):
        await actions.apply_action(cx, actor="r", kind="block", subject="account:a1", reason=" ")
    with pytest.raises(NotFound):
        await actions.apply_action(cx, actor="r", kind="block", subject="account:ghost", reason="x")
    with pytest.raises(BadRequest):
        await actions.apply_action(cx, actor="r", kind="block", subject="cluster:unknown", reason="x")
    with pytest.raises(BadRequest):
        await actions.apply_action(cx, actor="r", kind="suspend", subject="org:par", reason="x")


async def test_cluster_action_reaches_members_that_join_later(cx: EnforceContext, store: Store,
                                                              tmp_path: object) -> None:
    from pathlib import Path

    from moat.enforce import findings

    await cx.es.upsert_findings(FINDINGS)
    block = await actions.apply_action(cx, actor="rev:ann", kind="block", subject="cluster:c1", reason="network")
    grown = Path(str(tmp_path)) / "findings.jsonl"
    grown.write_text('{"account_id": "a4", "risk": 0.3, "cluster_id": "c1", "evidence": ["shares a device"]}\n')
    await findings.import_findings(cx, actor="detector", path=grown, threshold=0.9)
    assert await statuses(store, "a4") == ["blocked"]
    assert "a4" in (await actions.get_action(cx, block.action_id)).accounts
    await actions.undo_action(cx, actor="rev:ann", action_id=block.action_id, reason="over")
    assert await statuses(store, "a1", "a2", "a4") == ["active", "active", "active"]
