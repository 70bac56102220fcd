"""Directory operations: validation, effects on the store, and the admin log they leave."""

from __future__ import annotations

import hashlib
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from moat.errors import AuthenticationFailed, BadRequest, NotFound
from moat.identity import admin
from moat.identity.directory import Directory
from moat.identity.models import Ownership
from moat.store import Store, open_store

ACTOR = "test:admin"


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = open_store(f"sqlite:///{tmp_path / 'moat.db'}")
    await s.open()
    yield s
    await s.close()


async def admin_log(store: Store) -> list[dict[str, Any]]:
    return [e.payload async for e in store.iter_admin()]


async def test_add_org_normalises_and_logs(store: Store) -> None:
    await admin.add_org(store, actor=ACTOR, org_id="rival", restricted=True)
    org = await admin.add_org(store, actor=ACTOR, org_id="rival-eu", name="Rival EU",
                              domains=["EU.Rival.AI.", "eu.rival.ai"], ip_ranges=["10.1.2.3/8", "2001:db8::/32"],
                              owner="rival", share=0.6, aliases=["RivalEU"], sso_tenants=["rival.okta.com"],
                              payment_fingerprints=["pf-1"])
    assert org.domains == ("eu.rival.ai",) and org.ip_ranges == ("10.0.0.0/8", "2001:db8::/32")
    assert org.owners == (Ownership("rival", 0.6),)
    assert await store.get_org("rival-eu") == org
    again = await admin.add_org(store, actor=ACTOR, org_id="rival-eu", name="Renamed", replace=True)
    assert again.created_at == org.created_at and again.owners == () and again.domains == ()
    log = await admin_log(store)
    assert [(e["action"], e["target"]) for e in log] == [
        ("orgs.add", "rival"), ("orgs.add", "rival-eu"), ("orgs.update", "rival-eu")]
    assert log[1]["actor"] == ACTOR and log[1]["details"]["owners"] == [{"owner_id": "rival", "share": 0.6}]


async def test_adding_to_an_existing_org_merges_and_keeps_its_restriction(store: Store) -> None:
    await admin.add_org(store, actor=ACTOR, org_id="parent")
    first = await admin.add_org(store, actor=ACTOR, org_id="rival", name="Rival", restricted=True,
                                domains=["rival.ai"], owner="parent", share=0.3)
    merged = await admin.add_org(store, actor=ACTOR, org_id="rival", domains=["rival.dev", "rival.ai"],
                                 ip_ranges=["192.0.2.0/24"], owner="parent", share=0.4)
    assert merged.restricted and merged.name == "Rival" and merged.created_at == first.created_at
    assert merged.domains == ("rival.ai", "rival.dev") and merged.ip_ranges == ("192.0.2.0/24",)
    assert merged.owners == (Ownership("parent", 0.4),)
    lifted = await admin.add_org(store, actor=ACTOR, org_id="rival", restricted=False)
    assert not lifted.restricted and lifted.domains == merged.domains


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"ip_ranges": ["10.0.0.300/8"]}, "invalid CIDR '10.0.0.300/8'"),
    ({"domains": ["not a domain"]}, "invalid domain"),
    ({"owner": "parent", "share": 0.0}, "must be in (0, 1]"),
    ({"owner": "parent", "share": 1.5}, "must be in (0, 1]"),
    ({"owner": "parent"}, "an owner needs a share"),
    ({"share": 0.5}, "an owner needs a share"),
    ({"owner": "ghost", "share": 0.5}, "unknown owner org 'ghost'"),
    ({"owner": "sub", "share": 0.5}, "cannot own itself"),
    ({"owners": [("parent", 0.7), ("other", 0.4)]}, "more than 100%"),
    ({"org_id": "has space"}, "invalid org id"),
])
async def test_add_org_rejects_bad_input(store: Store, kwargs: dict[str, Any], message: str) -> None:
    await admin.add_org(store, actor=ACTOR, org_id="parent")
    await admin.add_org(store, actor=ACTOR, org_id="other")
    kwargs = {"org_id": "sub", **kwargs}
    with pytest.raises(BadRequest) as info:
        await admin.add_org(store, actor=ACTOR, **kwargs)
    assert message in info.value.message
    assert await store.get_org("sub") is None


async def test_add_account_validates(store: Store) -> None:
    await admin.add_org(store, actor=ACTOR, org_id="acme")
    account = await admin.add_account(store, actor=ACTOR, account_id="acct-1", email="a@acme.com",
                                      plan="team", org_id="acme", credential="consumer_subscription",
                                      verified=True)
    assert await store.get_account("acct-1") == account and account.status == "active"
    for kwargs, message in [
        ({"plan": "gold"}, "unknown plan 'gold'"),
        ({"org_id": "ghost"}, "unknown org 'ghost'"),
        ({"credential": "password"}, "unknown credential"),
        ({"email": "not-an-email"}, "invalid email"),
    ]:
        args: dict[str, Any] = {"account_id": "acct-2", "email": "b@acme.com", "plan": "pro", **kwargs}
        with pytest.raises(BadRequest) as info:
            await admin.add_account(store, actor=ACTOR, **args)
        assert message in info.value.message
    suspended = await admin.set_account_status(store, actor=ACTOR, account_id="acct-1", status="suspended")
    updated = await admin.add_account(store, actor=ACTOR, account_id="acct-1", email="a@acme.com", plan="api")
    assert updated.status == "suspended" == suspended.status and updated.created_at == account.created_at
    # Options left out keep their value.
    assert (updated.org_id, updated.credential, updated.verified) == ("acme", "consumer_subscription", True)
    fresh = await admin.add_account(store, actor=ACTOR, account_id="acct-3", email="c@acme.com", plan="free")
    assert (fresh.credential, fresh.verified, fresh.org_id, fresh.status) == ("api_key", False, None, "active")
    assert [e["action"] for e in await admin_log(store)][-3:] == ["accounts.status", "accounts.update",
                                                                  "accounts.add"]
    with pytest.raises(NotFound):
        await admin.set_account_status(store, actor=ACTOR, account_id="ghost", status="active")


async def test_keys_lifecycle_through_a_directory(store: Store) -> None:
    await admin.add_account(store, actor=ACTOR, account_id="acct-1", email="a@acme.com", plan="api")
    created = await admin.create_key(store, actor=ACTOR, account_id="acct-1", expires="2099-01-01T00:00:00Z")
    assert created.public() == {"key": created.secret, "key_id": created.key.key_id, "account_id": "acct-1",
                                "expires_at": "2099-01-01T00:00:00Z", "purpose": None, "use": "",
                                "use_description": ""}
    imported = await admin.import_key(store, actor=ACTOR, account_id="acct-1", secret="sk-bench-0123456789abcdef")
    directory = Directory(store)
    await directory.start()
    try:
        assert (await directory.authenticate(created.secret))[0].key_id == created.key.key_id
        assert (await directory.authenticate("sk-bench-0123456789abcdef"))[0].key_id == imported.key_id
        assert [k.key_id for k in await admin.list_keys(store, "acct-1")] == [created.key.key_id,
                                                                             imported.key_id]
        revoked = await admin.revoke_key(store, actor=ACTOR, key_id=created.key.key_id)
        assert revoked.revoked_at is not None and admin.key_status(revoked) == "revoked"
        await directory.refresh()
        with pytest.raises(AuthenticationFailed, match="revoked"):
            await directory.authenticate(created.secret)
    finally:
        await directory.stop()
    text = orjson.dumps(await admin_log(store)).decode()
    assert created.secret not in text and hashlib.sha256(created.secret.encode()).hexdigest() not in text
    assert "sk-bench-0123456789abcdef" not in text
    assert [e["action"] for e in await admin_log(store)][-3:] == ["keys.create", "keys.import", "keys.revoke"]


async def test_key_errors(store: Store) -> None:
    await admin.add_account(store, actor=ACTOR, account_id="acct-1", email="a@acme.com", plan="api")
    cases: list[tuple[dict[str, Any], str]] = [
        ({"account_id": "ghost"}, "unknown account 'ghost'"),
        ({"expires": "next tuesday"}, "invalid expiry 'next tuesday'"),
        ({"expires": "2001-01-01"}, "is in the past"),
    ]
    for kwargs, message in cases:
        with pytest.raises(BadRequest) as info:
            await admin.create_key(store, actor=ACTOR, **{"account_id": "acct-1", **kwargs})
        assert message in info.value.message
    await admin.import_key(store, actor=ACTOR, account_id="acct-1", secret="x" * 20)
    with pytest.raises(BadRequest, match="already registered"):
        await admin.import_key(store, actor=ACTOR, account_id="acct-1", secret="x" * 20)
    with pytest.raises(BadRequest, match="at least 8"):
        await admin.import_key(store, actor=ACTOR, account_id="acct-1", secret="short")
    with pytest.raises(NotFound):
        await admin.revoke_key(store, actor=ACTOR, key_id="key_missing")
    with pytest.raises(NotFound):
        await admin.list_keys(store, "ghost")


def test_parse_expiry() -> None:
    assert admin.parse_expiry("2030-01-01T00:00:00Z", now=0) == 1893456000.0
    assert admin.parse_expiry("2030-01-01T01:00:00+01:00", now=0) == 1893456000.0
    assert admin.parse_expiry("2030-01-01", now=0) == 1893456000.0  # naive means UTC
    assert admin.parse_expiry(None) is None
    assert admin.parse_expiry(time.time() + 60) is not None


async def test_import_entities_reports_bad_lines_and_goes_on(store: Store, tmp_path: Path) -> None:
    lines = [
        '{"org_id": "rival", "name": "Rival", "restricted": true, "domains": ["rival.ai"]}',
        "",
        "{not json",
        '{"name": "no id"}',
        '{"org_id": "bad-net", "ip_ranges": ["300.0.0.0/8"]}',
        '{"org_id": "rival-sub", "owners": [{"owner_id": "rival", "share": 0.8}], "sso_tenants": ["t1"],'
        ' "payment_fingerprints": ["pf"], "unknown_field": 1}',
        '{"org_id": "flag", "restricted": "yes"}',
    ]
    path = tmp_path / "entities.jsonl"
    path.write_text("\n".join(lines) + "\n")
    report = await admin.import_entities(store, actor=ACTOR, path=path)
    assert report.imported == 2
    assert [e.split(": ")[0] for e in report.errors] == [f"{path}:3", f"{path}:4", f"{path}:5", f"{path}:7"]
    assert "invalid CIDR" in report.errors[2] and "missing required" in report.errors[1]
    assert {o.org_id for o in await store.list_orgs()} == {"rival", "rival-sub"}
    sub = await store.get_org("rival-sub")
    assert sub is not None and sub.owners == (Ownership("rival", 0.8),) and sub.sso_tenants == ("t1",)
    again = await admin.import_entities(store, actor=ACTOR, path=tmp_path)  # a dataset directory works too
    assert again.imported == 2 and (await store.get_org("rival-sub")) == sub
    log = await admin_log(store)
    assert log[-1]["action"] == "entities.import" and log[-1]["details"] == {"imported": 2, "errors": 4}
    with pytest.raises(BadRequest, match="no such file"):
        await admin.import_entities(store, actor=ACTOR, path=tmp_path / "missing.jsonl")


async def test_import_many_entities_reaches_a_directory(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "entities.jsonl"
    with path.open("w") as f:
        for i in range(2500):
            f.write(json_line({"org_id": f"org-{i}", "restricted": i % 2 == 0, "domains": [f"d{i}.example"]}))
    directory = Directory(store, poll_interval=0.05)
    await directory.start()
    try:
        report = await admin.import_entities(store, actor=ACTOR, path=path)
        assert report.imported == 2500 and report.errors == []
        await directory.refresh()
        assert len(directory.orgs()) == 2500 and len(directory.restricted_ids()) == 1250
        found = directory.org_for_domain("x.d2498.example")
        assert found is not None and directory.is_restricted(found.org_id)
    finally:
        await directory.stop()


def json_line(obj: dict[str, Any]) -> str:
    return orjson.dumps(obj).decode() + "\n"
