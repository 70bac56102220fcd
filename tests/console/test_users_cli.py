"""`moat console users`: add, list, set-role, passwd, disable, and a clear refusal."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from moat.cli import main


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MOAT_HOME", str(tmp_path))
    monkeypatch.delenv("MOAT_DATABASE_URL", raising=False)
    runner = CliRunner()
    return lambda *args, stdin=None: runner.invoke(main, ["console", "users", *args], input=stdin)


def test_users_round_trip(run) -> None:  # type: ignore[no-untyped-def]
    added = run("add", "rita", "--role", "reviewer", "--password-stdin", stdin="s3cret-pass\n")
    assert added.exit_code == 0, added.output
    assert "added rita (reviewer)" in added.output
    assert run("set-role", "rita", "admin").exit_code == 0
    assert run("passwd", "rita", "--password-stdin", stdin="another-pass\n").exit_code == 0
    assert run("disable", "rita").exit_code == 0
    listed = run("list", "--json")
    users = orjson.loads(listed.output)
    assert [(u["username"], u["role"], u["disabled"]) for u in users] == [("rita", "admin", True)]
    again = run("add", "rita", "--role", "viewer", "--password-stdin", stdin="x-password\n")
    assert again.exit_code == 1 and "error:" in again.output
