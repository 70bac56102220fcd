"""The hash chains: an altered, a removed and a reordered entry are found, first one named.

The tamper tests edit the real database rows with SQL, on both backends, and run `moat audit verify`.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterable
from dataclasses import replace
from typing import Any

import asyncpg
import orjson
import pytest
from click.testing import CliRunner, Result

from moat.audit.chain import GENESIS, entry_hash
from moat.audit.verify import Problem, verify_log
from moat.cli import main
from moat.store.base import AdminAction, LogEntry, Store
from moat.store.postgres import split_schema
from moat.store.sqlite import sqlite_path
from tests.audit.records import cli_env, make_item


# ---- the verifier on its own -------------------------------------------------------------------
def chained(n: int) -> list[LogEntry]:
    entries, prev = [], GENESIS
    for seq in range(1, n + 1):
        payload = {"decision_id": f"d{seq}", "effect": "allow", "n": seq}
        h = entry_hash(prev, seq, 1000.0 + seq, f"d{seq}", payload)
        entries.append(LogEntry(seq, 1000.0 + seq, f"d{seq}", payload, prev, h))
        prev = h
    return entries


async def aiter_of(entries: Iterable[LogEntry]) -> AsyncIterator[LogEntry]:
    for e in entries:
        yield e


async def check(entries: list[LogEntry]) -> Problem | None:
    return (await verify_log(aiter_of(entries))).problem


async def test_an_intact_log_and_an_empty_one() -> None:
    result = await verify_log(aiter_of(chained(50)))
    assert result.ok and result.entries == 50 and result.head_seq == 50
    assert result.head_hash == chained(50)[-1].hash
    empty = await verify_log(aiter_of([]))
    assert empty.ok and empty.entries == 0 and empty.head_hash == GENESIS


async def test_altered_payload() -> None:
    log = chained(10)
    log[3] = replace(log[3], payload={**log[3].payload, "effect": "deny"})
    problem = await check(log)
    assert problem is not None and (problem.seq, problem.entry_id, problem.reason) == (4, "d4", "altered")


async def test_altered_time_or_hash() -> None:
    log = chained(10)
    log[6] = replace(log[6], ts=log[6].ts + 1)
    assert (await check(log)) == Problem(7, "d7", "altered", "its contents do not match its hash")
    log = chained(10)
    log[0] = replace(log[0], hash="f" * 64)
    problem = await check(log)
    assert problem is not None and problem.seq == 1 and problem.reason == "altered"


async def test_removed_leaves_a_gap() -> None:
    log = chained(10)
    del log[4]
    problem = await check(log)
    assert problem is not None and (problem.seq, problem.reason) == (6, "removed")
    assert "seq 5 missing" in problem.detail
    assert (await check(chained(10)[2:])) == Problem(3, "d3", "removed", "seqs 1..2 missing before it")


async def test_removed_and_renumbered() -> None:
    log = chained(10)
    del log[4]
    log = [replace(e, seq=e.seq - 1) if e.seq > 5 else e for e in log]
    problem = await check(log)
    assert problem is not None and (problem.seq, problem.entry_id, problem.reason) == (5, "d6", "removed")


async def test_removed_at_the_end_is_only_visible_against_a_kept_head() -> None:
    result = await verify_log(aiter_of(chained(10)[:-1]))
    assert result.ok and result.head_hash != chained(10)[-1].hash


async def test_reordered() -> None:
    log = chained(10)
    log[3], log[4] = replace(log[4], seq=4), replace(log[3], seq=5)
    problem = await check(log)
    assert problem is not None and (problem.seq, problem.entry_id, problem.reason) == (4, "d5", "reordered")


async def test_reordered_far_apart() -> None:
    log = chained(30)
    log[2], log[20] = replace(log[20], seq=3), replace(log[2], seq=21)
    problem = await check(log)
    assert problem is not None and (problem.seq, problem.entry_id, problem.reason) == (3, "d21", "reordered")


async def test_seqs_out_of_order_from_the_store() -> None:
    log = chained(10)
    log[3], log[4] = log[4], log[3]
    problem = await check(log)
    assert problem is not None and (problem.seq, problem.reason) == (5, "removed")


async def test_an_entry_rewritten_with_a_recomputed_hash_breaks_the_next_link() -> None:
    log = chained(10)
    e = log[3]
    forged = {**e.payload, "effect": "deny"}
    log[3] = replace(e, payload=forged, hash=entry_hash(e.prev_hash, e.seq, e.ts, e.entry_id, forged))
    problem = await check(log)
    assert problem is not None and (problem.seq, problem.reason) == (5, "removed")


# ---- tampering with the real rows, then `moat audit verify` ------------------------------------
async def tamper(url: str, statements: list[tuple[str, tuple[Any, ...]]]) -> None:
    """Run SQL against the store's own tables, as someone with database access would."""
    if url.startswith("sqlite:"):
        db = sqlite3.connect(sqlite_path(url), isolation_level=None)
        for sql, args in statements:
            db.execute(sql.replace("$1", "?").replace("$2", "?"), args)
        db.close()
        return
    dsn, schema = split_schema(url)
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(f'SET search_path TO "{schema}"')
        for sql, args in statements:
            await conn.execute(sql, *args)
    finally:
        await conn.close()


def run_cli(url: str, *args: str) -> Result:
    runner = CliRunner()
    return runner.invoke(main, ["audit", "verify", *args],
                         env=cli_env(url))


async def verify_cli(url: str, *args: str) -> tuple[int, dict[str, Any]]:
    result = await asyncio.to_thread(run_cli, url, *args, "--json")
    return result.exit_code, orjson.loads(result.stdout)


async def ten_decisions(store: Store) -> list[str]:
    items = [make_item(i, run="v") for i in range(1, 11)]
    await store.append_records(items[:6])
    await store.append_records(items[6:])
    return [i.decision["decision_id"] for i in items]


async def test_an_intact_log_verifies(store: Store) -> None:
    await ten_decisions(store)
    await store.append_admin(AdminAction("alice", "keys.create", "key_1", {"account": "acct_1"}))
    code, out = await verify_cli(store.url)
    assert code == 0 and out["ok"]
    assert out["logs"]["decisions"]["entries"] == 10 and out["logs"]["admin"]["entries"] == 1
    text = await asyncio.to_thread(run_cli, store.url)
    assert text.exit_code == 0 and "decisions log: intact, 10 entries" in text.stdout


async def test_altered_row(store: Store) -> None:
    ids = await ten_decisions(store)
    await tamper(store.url, [("UPDATE decision_log SET payload = $1 WHERE seq = $2",
                              (orjson.dumps({"decision_id": ids[3], "effect": "deny"}).decode(), 4))])
    code, out = await verify_cli(store.url, "--log", "decisions")
    assert code == 1
    assert out["logs"]["decisions"]["problem"]["seq"] == 4
    assert out["logs"]["decisions"]["problem"]["entry_id"] == ids[3]
    assert out["logs"]["decisions"]["problem"]["reason"] == "altered"
    text = await asyncio.to_thread(run_cli, store.url)
    assert text.exit_code == 1
    assert f"decisions log: entry seq 4 ({ids[3]}) altered" in text.stderr


async def test_removed_row(store: Store) -> None:
    ids = await ten_decisions(store)
    await tamper(store.url, [("DELETE FROM decision_log WHERE seq = $1", (5,))])
    code, out = await verify_cli(store.url)
    problem = out["logs"]["decisions"]["problem"]
    assert code == 1 and (problem["seq"], problem["entry_id"], problem["reason"]) == (6, ids[5], "removed")


async def test_removed_and_renumbered_rows(store: Store) -> None:
    ids = await ten_decisions(store)
    renumber = [("UPDATE decision_log SET seq = $1 WHERE seq = $2", (s - 1, s)) for s in range(6, 11)]
    await tamper(store.url, [("DELETE FROM decision_log WHERE seq = $1", (5,)), *renumber])
    code, out = await verify_cli(store.url)
    problem = out["logs"]["decisions"]["problem"]
    assert code == 1 and (problem["seq"], problem["entry_id"], problem["reason"]) == (5, ids[5], "removed")


async def test_reordered_rows(store: Store) -> None:
    ids = await ten_decisions(store)
    await tamper(store.url, [
        ("UPDATE decision_log SET seq = $1 WHERE seq = $2", (-1, 4)),
        ("UPDATE decision_log SET seq = $1 WHERE seq = $2", (4, 5)),
        ("UPDATE decision_log SET seq = $1 WHERE seq = $2", (5, -1)),
    ])
    code, out = await verify_cli(store.url)
    problem = out["logs"]["decisions"]["problem"]
    assert code == 1 and (problem["seq"], problem["entry_id"], problem["reason"]) == (4, ids[4], "reordered")


async def test_admin_log_is_verified_on_its_own(store: Store) -> None:
    await ten_decisions(store)
    entries = [await store.append_admin(AdminAction("alice", f"orgs.add.{n}", f"org_{n}")) for n in range(3)]
    await tamper(store.url, [("UPDATE admin_log SET payload = $1 WHERE seq = $2",
                              (orjson.dumps({"actor": "mallory", "action": "orgs.add.1", "target": "org_1",
                                             "details": {}}).decode(), 2))])
    code, out = await verify_cli(store.url, "--log", "admin")
    assert code == 1 and out["logs"]["admin"]["problem"]["entry_id"] == entries[1].entry_id
    assert "decisions" not in out["logs"]
    code, _ = await verify_cli(store.url, "--log", "decisions")
    assert code == 0


@pytest.mark.parametrize("bad", ["not json", '"a string"'])
async def test_an_unreadable_row_is_a_problem_not_a_crash(sqlite_url: str, bad: str) -> None:
    from moat.store import open_store

    store = open_store(sqlite_url)
    await store.open()
    await ten_decisions(store)
    await store.close()
    await tamper(sqlite_url, [("UPDATE decision_log SET payload = $1 WHERE seq = $2", (bad, 3))])
    code, out = await verify_cli(sqlite_url, "--log", "decisions")
    problem = out["logs"]["decisions"]["problem"]
    assert code == 1 and problem["seq"] == 3 and problem["reason"] == "altered"
