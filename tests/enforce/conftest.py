"""Enforcement fixtures: a seeded store on SQLite and again on PostgreSQL, and its context."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from moat.cli import main
from moat.config import WebhookSettings
from moat.enforce.services import EnforceContext
from moat.identity import keys
from moat.identity.models import Account, ApiKey, Organization, Ownership
from moat.store import Store, open_store
from tests.gateway.conftest import postgres_schema

SECRETS = {a: f"sk-enforce-test-{a}-{'0' * 24}" for a in ("a1", "a2", "a3", "a4")}


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'moat.db'}"
    else:
        with postgres_schema() as url:
            yield url


async def seed(store: Store) -> None:
    """par owns 60% of sub; a1 and a2 form cluster c1 (once findings say so); a3 is sub's; a4 alone."""
    await store.upsert_org(Organization("par", name="Parent"))
    await store.upsert_org(Organization("sub", name="Subsidiary", owners=(Ownership("par", 0.6),)))
    await store.upsert_org(Organization("minor", name="Minority", owners=(Ownership("par", 0.5),)))
    for account, org in (("a1", None), ("a2", None), ("a3", "sub"), ("a4", None)):
        await store.upsert_account(Account(account, email=f"{account}@example.com", plan="api", org_id=org))
        secret = SECRETS[account]
        await store.insert_key(ApiKey(keys.new_key_id(), account, keys.key_prefix(secret), keys.hash_secret(secret),
                                      time.time()))


@pytest.fixture
async def store(store_url: str) -> AsyncIterator[Store]:
    s = open_store(store_url)
    await s.open()
    await seed(s)
    try:
        yield s
    finally:
        await s.close()


@pytest.fixture
def hooks() -> list[WebhookSettings]:
    return []


@pytest.fixture
async def cx(store: Store, hooks: list[WebhookSettings]) -> EnforceContext:
    return await EnforceContext.open(store, hooks)


async def admin_entries(store: Store) -> list[dict[str, object]]:
    return [e.payload async for e in store.iter_admin()]


FINDINGS = [
    {"account_id": "a1", "risk": 0.95, "scores": {"distillation": 0.95}, "cluster_id": "c1", "linked_org": None,
     "evidence": ["shares payment instrument pf_1 with a2", "templated prompts"]},
    {"account_id": "a2", "risk": 0.7, "scores": {"distillation": 0.7}, "cluster_id": "c1", "linked_org": None,
     "evidence": ["shares payment instrument pf_1 with a1"]},
    {"account_id": "a3", "risk": 0.85, "scores": {"competitor": 0.85}, "cluster_id": None, "linked_org": "par",
     "evidence": ["email domain"]},
    {"account_id": "a4", "risk": 0.1, "scores": {}, "cluster_id": None, "linked_org": None, "evidence": []},
]


def cli(home: Path, store_url: str) -> Callable[..., Any]:
    """`moat ...` through the real CLI with a config for `home` and `store_url`: the output, parsed
    when `--json` was asked and the command succeeded; `code` is the exit code it must give."""
    config = home / "moat.toml"
    config.write_text(f'home = "{home}"\ndatabase_url = "{store_url}"\n')
    runner = CliRunner()

    def moat(*args: str, code: int = 0) -> Any:
        result = runner.invoke(main, ["--config", str(config), *args], catch_exceptions=False)
        assert result.exit_code == code, result.output
        return json.loads(result.output) if "--json" in args and code == 0 else result.output

    return moat


# The real-gateway fixtures of tests/gateway, for test_gateway_enforcement.py.
from tests.gateway.conftest import fake_upstream  # noqa: E402, F401
