"""A key's declared use (issue 15 item 5, docs/data-apis.md): stored, checked, shown, served by the
directory as `key.use` / `key.use_description`, kept by the snapshot, and exported per account."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from moat.audit.commands import declared_uses, export_dataset
from moat.cli import main
from moat.errors import BadRequest
from moat.identity import admin, snapshot
from moat.identity.directory import Directory
from moat.identity.models import ApiKey
from moat.store import Store, open_store

ACTOR = "test:admin"
SENTENCE = "academic research on public discourse"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path / 'moat.db'}"


@pytest.fixture
async def store(store_url: str) -> AsyncIterator[Store]:
    s = open_store(store_url)
    await s.open()
    try:
        yield s
    finally:
        await s.close()


async def test_declared_use_is_stored_and_served_by_the_directory(store: Store) -> None:
    await admin.add_account(store, actor=ACTOR, account_id="acct-r", email="r@uni.example", plan="api")
    created = await admin.create_key(store, actor=ACTOR, account_id="acct-r", use="research",
                                     use_description=f"  {SENTENCE}\n")
    imported = await admin.import_key(store, actor=ACTOR, account_id="acct-r", secret="sk-data-0123456789abcdef",
                                      use="commercial", use_description="a dashboard for our customers")
    plain = await admin.create_key(store, actor=ACTOR, account_id="acct-r")
    directory = Directory(store)
    await directory.start()
    try:
        key = (await directory.authenticate(created.secret))[0]
        assert (key.use, key.use_description) == ("research", SENTENCE)  # one line, trimmed
        key = (await directory.authenticate("sk-data-0123456789abcdef"))[0]
        assert (key.use, key.use_description) == ("commercial", "a dashboard for our customers")
        key = (await directory.authenticate(plain.secret))[0]
        assert (key.use, key.use_description) == ("", "")
    finally:
        await directory.stop()
    listed = {k["key_id"]: k for k in map(admin.key_summary, await admin.list_keys(store, "acct-r"))}
    assert listed[created.key.key_id]["use"] == "research"
    assert listed[imported.key_id]["use_description"] == "a dashboard for our customers"
    log = orjson.dumps([e.payload async for e in store.iter_admin()]).decode()
    assert SENTENCE in log and "a dashboard for our customers" in log  # the admin log says what was declared


@pytest.mark.parametrize(("use", "description", "message"), [
    ("Research", "", "invalid use 'Research'"),
    ("academic research", "", "invalid use 'academic research'"),
    ("", "a sentence without a category", "needs a use category"),
    ("research", "x" * 501, "too long: 501 characters"),
])
async def test_bad_declared_use_is_a_precise_error(tmp_path: Path, use: str, description: str,
                                                   message: str) -> None:
    s = open_store(f"sqlite:///{tmp_path / 'moat.db'}")
    await s.open()
    try:
        await admin.add_account(s, actor=ACTOR, account_id="acct-1", email="a@acme.com", plan="api")
        with pytest.raises(BadRequest, match=message):
            await admin.create_key(s, actor=ACTOR, account_id="acct-1", use=use, use_description=description)
        with pytest.raises(BadRequest, match=message):
            await admin.import_key(s, actor=ACTOR, account_id="acct-1", secret="sk-data-0123456789abcdef",
                                   use=use, use_description=description)
        assert await s.list_keys("acct-1") == []  # nothing half-written
    finally:
        await s.close()


def test_snapshot_keeps_declared_use_and_reads_older_snapshots() -> None:
    key = ApiKey("key_1", "acct-1", "moat_sk_abcdefgh", "f" * 64, 1.0, use="research", use_description=SENTENCE)
    snap = snapshot.DirectorySnapshot(10.0, 3, [], [], [key])
    back = snapshot.decode(snapshot.encode(snap)).keys[0]
    assert (back.use, back.use_description) == ("research", SENTENCE)
    doc = orjson.loads(snapshot.encode(snap))
    for k in doc["keys"]:  # a snapshot written before keys declared a use
        del k["use"], k["use_description"]
    older = snapshot.decode(orjson.dumps(doc)).keys[0]
    assert (older.key_id, older.use, older.use_description) == ("key_1", "", "")


def test_declared_uses_prefers_the_newest_live_key() -> None:
    keys = [
        ApiKey("k1", "a", "p", "h1", 1.0, use="research", use_description="old"),
        ApiKey("k2", "a", "p", "h2", 2.0, use="commercial", use_description="newer, live"),
        ApiKey("k3", "a", "p", "h3", 3.0, revoked_at=4.0, use="resale", use_description="revoked"),
        ApiKey("k4", "b", "p", "h4", 1.0),
        ApiKey("k5", "c", "p", "h5", 1.0, revoked_at=2.0, use="training", use_description="only one"),
    ]
    assert declared_uses(keys) == {"a": ("commercial", "newer, live"), "c": ("training", "only one")}


async def test_export_writes_declared_use_per_account(store: Store, tmp_path: Path) -> None:
    await admin.add_account(store, actor=ACTOR, account_id="acct-r", email="r@uni.example", plan="api")
    await admin.add_account(store, actor=ACTOR, account_id="acct-p", email="p@acme.example", plan="api")
    await admin.create_key(store, actor=ACTOR, account_id="acct-r", use="research", use_description=SENTENCE)
    await admin.create_key(store, actor=ACTOR, account_id="acct-p")
    await export_dataset(store, tmp_path / "out", progress=False)
    accounts = {a["account_id"]: a for a in map(orjson.loads, (tmp_path / "out" / "accounts.jsonl").read_bytes()
                                                  .splitlines())}
    assert (accounts["acct-r"]["declared_use"], accounts["acct-r"]["declared_use_description"]) == (
        "research", SENTENCE)
    assert "declared_use" not in accounts["acct-p"]  # optional: absent when nothing was declared


def test_cli_create_import_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    cli = CliRunner(env={"MOAT_HOME": str(tmp_path / "home"), "MOAT_DATABASE_URL": None, "MOAT_CONFIG": None})

    def run(*args: str, code: int = 0) -> str:
        result = cli.invoke(main, list(args))
        assert result.exit_code == code, (result.output, result.exception)
        assert "Traceback" not in result.output
        return result.output

    run("accounts", "add", "acct-1", "--email", "a@uni.example", "--plan", "api")
    run("keys", "create", "--account", "acct-1", "--use", "research", "--use-description", SENTENCE)
    run("keys", "import", "--account", "acct-1", "--secret", "sk-data-0123456789abcdef", "--use", "internal")
    out = run("keys", "create", "--account", "acct-1", "--use", "Not A Word", code=2)
    assert "invalid --use 'Not A Word'" in out  # named as the CLI spells it
    text = run("keys", "list")
    assert f"use research: {SENTENCE}" in text and "use internal" in text
    listed = json.loads(run("keys", "list", "--json"))
    assert sorted((k["use"], k["use_description"]) for k in listed) == [("internal", ""), ("research", SENTENCE)]
