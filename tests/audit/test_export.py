"""`moat export`: a dataset in exactly the recorded-traffic format (keys, order, types), then the
documented extension fields a record has (docs/traffic-format-extensions.md)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner, Result

from moat.audit import commands
from moat.audit.commands import parse_time
from moat.audit.prompts import apply_prompt_policy
from moat.audit.recorder import Recorder
from moat.cli import main
from moat.config import RecordingSettings
from moat.identity.models import Account, Organization, Ownership
from moat.store.base import Store
from moat.traffic import (
    ACCOUNT_EXTENSIONS,
    ACCOUNT_FIELDS,
    ENTITY_FIELDS,
    REQUEST_EXTENSIONS,
    REQUEST_FIELDS,
    read_accounts,
    read_requests,
)
from tests.audit.records import cli_env, make_item


def lines(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(raw) for raw in path.read_bytes().splitlines()]


def run_export(url: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["export", *args],
                              env=cli_env(url))


async def populate(store: Store, wal_dir: Path) -> list[dict[str, Any]]:
    await store.upsert_org(Organization("rival-labs", name="Rival Labs", domains=("rival.example",),
                                        ip_ranges=("198.51.100.0/24",), restricted=True))
    await store.upsert_org(Organization("rival-sub", name="Rival Sub", owners=(Ownership("rival-labs", 0.6),)))
    for n in range(205):  # three pages of accounts (the page size is cut to 100 below)
        await store.upsert_account(Account(f"acct_{n:05d}", email=f"u{n}@mail.example", plan="pro",
                                           created_at=1_700_000_000.0 + n, country="FR"))
    recorder = Recorder(store, wal_dir)
    await recorder.start()
    items = [make_item(i, run="exp") for i in range(30)]
    anonymous = make_item(99, run="exp")
    anonymous.traffic.update(account_id=None, key_id=None, status=401, decision="deny:authentication")
    recorder.record(anonymous)
    for item in items:
        item.traffic["latency_ms"] = 12.5  # an extra the gateway keeps: not in the export
        apply_prompt_policy(item.traffic, RecordingSettings(prompts="truncate", truncate_chars=8))
        recorder.record(item)
    assert await recorder.stop()
    return [i.traffic for i in items]


async def test_export_writes_exactly_the_spec_format(store: Store, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(commands, "_ACCOUNT_PAGE", 100)
    recorded = await populate(store, tmp_path / "wal")
    out = tmp_path / "dataset"
    result = await asyncio.to_thread(run_export, store.url, str(out), "--json")
    assert result.exit_code == 0, result.output
    assert orjson.loads(result.stdout) == {"directory": str(out), "requests": 30, "accounts": 205,
                                           "entities": 2, "skipped_unauthenticated": 1}

    requests = lines(out / "requests.jsonl")
    spec = len(REQUEST_FIELDS)
    assert all(tuple(r)[:spec] == REQUEST_FIELDS and set(tuple(r)[spec:]) <= set(REQUEST_EXTENSIONS)
               for r in requests)
    assert requests == [{**{k: t[k] for k in REQUEST_FIELDS}, **{k: t[k] for k in REQUEST_EXTENSIONS if k in t}}
                        for t in recorded]
    assert requests[0]["prompt"] == "question" and requests[0]["reasoning"] is False
    assert isinstance(requests[0]["turn"], int) and isinstance(requests[0]["status"], int)

    accounts = lines(out / "accounts.jsonl")
    assert len(accounts) == 205 and all(tuple(a) == (*ACCOUNT_FIELDS, *ACCOUNT_EXTENSIONS) for a in accounts)
    assert accounts[0] == {"account_id": "acct_00000", "created_at": 1_700_000_000.0,
                           "email": "u0@mail.example", "plan": "pro", "org_id": None,
                           "declared_company": None, "payment_fingerprint": None, "signup_ip": None,
                           "sso_tenant": None, "country": "FR",
                           "credential": "api_key", "verified": False, "status": "active"}

    entities = lines(out / "entities.jsonl")
    assert all(tuple(e) == ENTITY_FIELDS for e in entities)
    assert entities[0] == {"org_id": "rival-labs", "name": "Rival Labs", "restricted": True,
                           "domains": ["rival.example"], "ip_ranges": ["198.51.100.0/24"],
                           "payment_fingerprints": [], "sso_tenants": []}

    # The dataset reads back through the one reader, without a bad line.
    bad: list[object] = []
    assert len(list(read_requests(out, bad.append))) == 30
    assert len(list(read_accounts(out, bad.append))) == 205
    assert bad == []


async def test_export_since(store: Store, tmp_path: Path) -> None:
    recorded = await populate(store, tmp_path / "wal")
    cut = recorded[20]["ts"]
    out = tmp_path / "since"
    result = await asyncio.to_thread(run_export, store.url, str(out), "--since", repr(cut))
    assert result.exit_code == 0, result.output
    assert "exported 10 requests" in result.stdout
    assert [r["request_id"] for r in lines(out / "requests.jsonl")] == [t["request_id"] for t in recorded[20:]]


def test_a_bad_since_is_a_usage_error(tmp_path: Path) -> None:
    result = run_export(f"sqlite:///{tmp_path / 'x.db'}", str(tmp_path / "out"), "--since", "yesterday")
    assert result.exit_code == 2 and "--since" in result.output


@pytest.mark.parametrize(("text", "expected"), [
    ("1764000000", 1_764_000_000.0),
    ("1764000000.25", 1_764_000_000.25),
    ("2025-11-24T16:00:00Z", 1_764_000_000.0),
    ("2025-11-24T17:00:00+01:00", 1_764_000_000.0),
    ("2025-11-24T16:00:00", 1_764_000_000.0),  # no zone: UTC
    ("2025-11-24", 1_763_942_400.0),
])
def test_parse_time(text: str, expected: float) -> None:
    assert parse_time(text) == expected
