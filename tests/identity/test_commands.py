"""`moat orgs|accounts|keys|entities` through the real CLI entry point."""

from __future__ import annotations

import asyncio
import getpass
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from moat.cli import main
from moat.errors import AuthenticationFailed
from moat.identity.directory import Directory
from moat.store import open_store


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)  # no stray ./moat.toml
    return CliRunner(env={"MOAT_HOME": str(tmp_path / "home"), "MOAT_DATABASE_URL": None, "MOAT_CONFIG": None})


def invoke(cli: CliRunner, *args: str, code: int = 0, env: dict[str, str] | None = None) -> Result:
    result = cli.invoke(main, list(args), env=env)
    assert result.exit_code == code, (result.output, result.stderr, result.exception)
    assert "Traceback" not in result.output + result.stderr
    return result


def as_json(result: Result) -> Any:
    return json.loads(result.stdout)


def test_directory_round_trip(cli: CliRunner, tmp_path: Path) -> None:
    invoke(cli, "orgs", "add", "rival", "--name", "Rival Labs", "--restricted", "--domain", "rival.ai")
    invoke(cli, "orgs", "add", "rival-sub", "--owner", "rival", "--share", "0.6", "--ip-range", "10.0.0.0/8")
    invoke(cli, "orgs", "add", "acme", "--domain", "acme.com", "--owner", "rival", "--share", "0.5")
    listed = {o["org_id"]: o for o in as_json(invoke(cli, "orgs", "list", "--json"))}
    assert listed["rival-sub"]["effectively_restricted"] and not listed["rival-sub"]["restricted"]
    assert not listed["acme"]["effectively_restricted"]
    assert [o["org_id"] for o in as_json(invoke(cli, "orgs", "list", "--restricted", "--json"))] == [
        "rival", "rival-sub"]
    assert "restricted (via owners)" in invoke(cli, "orgs", "list").stdout
    shown = as_json(invoke(cli, "orgs", "show", "rival-sub", "--json"))
    assert shown["owners"] == [{"owner_id": "rival", "share": 0.6}] and shown["ip_ranges"] == ["10.0.0.0/8"]

    invoke(cli, "accounts", "add", "acct-1", "--email", "dev@rival.ai", "--plan", "pro", "--org", "rival",
           "--credential", "consumer_subscription", "--verified")
    account = as_json(invoke(cli, "accounts", "show", "acct-1", "--json"))
    assert (account["plan"], account["org_id"], account["verified"]) == ("pro", "rival", True)
    assert [a["account_id"] for a in as_json(invoke(cli, "accounts", "list", "--json"))] == ["acct-1"]

    created = as_json(invoke(cli, "keys", "create", "--account", "acct-1", "--expires", "2099-01-01T00:00:00Z",
                             "--json"))
    assert set(created) == {"key", "key_id", "account_id", "expires_at", "purpose", "use", "use_description"}
    assert created["key"].startswith("moat_sk_") and created["expires_at"] == "2099-01-01T00:00:00Z"
    text = invoke(cli, "keys", "create", "--account", "acct-1").stdout
    assert text.startswith("moat_sk_") and "cannot be shown again" in text
    listing = invoke(cli, "keys", "list", "--account", "acct-1", "--json").stdout
    assert created["key"] not in listing and len(json.loads(listing)) == 2
    revoked = as_json(invoke(cli, "keys", "revoke", created["key_id"], "--json"))
    assert revoked["status"] == "revoked"
    assert "revoked" in invoke(cli, "keys", "list").stdout
    imported = as_json(invoke(cli, "keys", "import", "--account", "acct-1", "--secret",
                              "sk-bench-imported-0001", "--json"))
    assert imported["source"] == "imported" and "sk-bench-imported-0001" not in json.dumps(imported)

    async def check() -> list[Any]:
        store = open_store(f"sqlite:///{tmp_path / 'home' / 'moat.db'}")
        await store.open()
        directory = Directory(store)
        await directory.start()
        try:
            with pytest.raises(AuthenticationFailed, match="revoked"):
                await directory.authenticate(created["key"])
            _, acct, org = await directory.authenticate("sk-bench-imported-0001")
            assert acct.account_id == "acct-1" and org is not None and directory.is_restricted(org.org_id)
            return [e.payload async for e in store.iter_admin()]
        finally:
            await directory.stop()
            await store.close()

    log = asyncio.run(check())
    assert {e["actor"] for e in log} == {f"cli:{getpass.getuser()}"}
    assert created["key"] not in json.dumps(log)


@pytest.mark.parametrize(("args", "code", "message"), [
    (("orgs", "add", "x", "--ip-range", "10.0.0.0/33"), 2, "error: invalid CIDR '10.0.0.0/33'"),
    (("orgs", "add", "x", "--owner", "ghost", "--share", "0.6"), 2, "unknown owner org 'ghost'"),
    (("orgs", "add", "x", "--owner", "ghost"), 2, "give each --owner a --share"),
    (("orgs", "add", "x", "--owner", "rival", "--share", "1.2"), 2, "must be in (0, 1]"),
    (("orgs", "show", "ghost"), 1, "error: unknown org 'ghost'"),
    (("accounts", "add", "a", "--email", "a@b.com", "--plan", "gold"), 2, "'gold' is not one of"),
    (("accounts", "add", "a", "--email", "a@b.com", "--plan", "pro", "--org", "ghost"), 2, "unknown org"),
    (("keys", "create", "--account", "ghost"), 2, "unknown account 'ghost'"),
    (("keys", "create", "--account", "acct-1", "--expires", "soon"), 2, "invalid expiry 'soon'"),
    (("keys", "import", "--account", "acct-1", "--secret", "short"), 2, "at least 8 characters"),
    (("keys", "revoke", "key_nope"), 1, "unknown API key 'key_nope'"),
])
def test_errors_are_messages_not_tracebacks(cli: CliRunner, args: tuple[str, ...], code: int,
                                            message: str) -> None:
    invoke(cli, "orgs", "add", "rival")
    invoke(cli, "accounts", "add", "acct-1", "--email", "a@b.com", "--plan", "api")
    result = invoke(cli, *args, code=code)
    assert message in result.stderr


def test_unreachable_database_is_a_clear_error(cli: CliRunner) -> None:
    result = invoke(cli, "orgs", "list", code=1,
                    env={"MOAT_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"})
    assert result.stderr.startswith("error: ")


def test_entities_import(cli: CliRunner, tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text('{"org_id": "rival", "restricted": true, "domains": ["rival.ai"]}\n'
                    '{"org_id": "acme", "name": "Acme"}\n')
    report = as_json(invoke(cli, "entities", "import", str(good), "--json"))
    assert report == {"path": str(good), "imported": 2, "errors": []}
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"org_id": "beta"}\nnot json\n{"org_id": "gamma", "domains": ["bad domain"]}\n')
    result = invoke(cli, "entities", "import", str(bad), code=1)
    assert "imported 1 organization(s)" in result.stdout and "2 bad line(s) skipped" in result.stdout
    assert f"warning: {bad}:2: invalid JSON" in result.stderr and f"{bad}:3: invalid domain" in result.stderr
    assert {o["org_id"] for o in as_json(invoke(cli, "orgs", "list", "--json"))} == {"rival", "acme", "beta"}
    invoke(cli, "entities", "import", str(tmp_path / "missing.jsonl"), code=2)


@pytest.mark.postgres
def test_cli_against_postgres(cli: CliRunner, postgres_url: str) -> None:
    env = {"MOAT_DATABASE_URL": postgres_url}
    invoke(cli, "orgs", "add", "rival", "--restricted", "--domain", "rival.ai", env=env)
    invoke(cli, "accounts", "add", "acct-1", "--email", "a@rival.ai", "--plan", "api", "--org", "rival", env=env)
    created = as_json(invoke(cli, "keys", "create", "--account", "acct-1", "--json", env=env))
    keys = as_json(invoke(cli, "keys", "list", "--json", env=env))
    assert [k["key_id"] for k in keys] == [created["key_id"]]
    invoke(cli, "keys", "revoke", created["key_id"], env=env)
    assert as_json(invoke(cli, "keys", "list", "--json", env=env))[0]["status"] == "revoked"
    # The SQLite default was not touched.
    assert as_json(invoke(cli, "orgs", "list", "--json")) == []
