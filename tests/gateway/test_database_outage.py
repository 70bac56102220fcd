"""A replica starts while its PostgreSQL is down: degraded, from its directory snapshot, and catches up.

Runs a PostgreSQL server of its own (tests/store/own_postgres.py) so it can stop and start it.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import orjson
import pytest

from moat.identity.models import Account, Organization
from moat.identity.snapshot import (
    FORMAT,
    DirectorySnapshot,
    SnapshotError,
    decode,
    encode,
    read,
    snapshot_path,
    write,
)
from moat.store import open_store
from tests.gateway.conftest import ADMIN_TOKEN, ALICE_KEY, FakeUpstream, free_port, make_gateway
from tests.store.own_postgres import OwnPostgres

DEADLINE = 60.0  # generous: polling stops as soon as the condition holds
FAST = {  # retry and snapshot quickly, so the test does not wait on production defaults
    "MOAT_DATABASE__SNAPSHOT_INTERVAL": "0.2", "MOAT_DATABASE__RETRY_MAX": "0.5",
    "MOAT_DATABASE__PROBE_INTERVAL": "0.3", "MOAT_DATABASE__CONNECT_TIMEOUT": "3",
}


def chat(url: str, key: str) -> httpx.Response:
    body = orjson.dumps({"model": "moat-demo", "messages": [{"role": "user", "content": "hi"}]})
    return httpx.post(url + "/v1/chat/completions", content=body, headers={"authorization": f"Bearer {key}"},
                      timeout=10)


def poll(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"never happened within {DEADLINE:.0f} s: {what}")


async def stored_ids(url: str) -> set[str]:
    store = open_store(url)
    await store.open()
    try:
        return {str(r["request_id"]) async for r in store.iter_requests()}
    finally:
        await store.close()


@pytest.fixture
def own_postgres() -> Iterator[OwnPostgres]:
    pg = OwnPostgres().init()
    pg.start()
    try:
        yield pg
    finally:
        pg.destroy()


def test_replica_starts_degraded_while_postgres_is_down_and_catches_up(
        tmp_path: Path, fake_upstream: FakeUpstream, own_postgres: OwnPostgres) -> None:
    pg = own_postgres
    gw = make_gateway(tmp_path / "replica", pg.url, fake_upstream.base)
    gw.env = dict(FAST)
    gw.start()
    try:
        made = httpx.post(gw.url + "/admin/keys", json={"account": "alice"},
                          headers={"authorization": f"Bearer {ADMIN_TOKEN}"}, timeout=10)
        assert made.status_code == 201, made.text
        secret = made.json()["key"]
        assert chat(gw.url, secret).status_code == 200
        assert httpx.get(gw.url + "/readyz", timeout=5).json()["status"] == "ready"
    finally:
        gw.stop()
    text = snapshot_path(gw.home).read_text()
    assert made.json()["key_id"] in text and "alice" in text
    assert secret not in text and ALICE_KEY not in text  # hashes only, never a secret

    pg.stop()
    gw.start()  # the database is down: it starts anyway, from the snapshot
    try:
        ready = httpx.get(gw.url + "/readyz", timeout=5)
        assert ready.status_code == 200
        body = ready.json()
        assert body["status"] == "degraded"
        assert body["checks"]["store"].startswith("down since")
        database = body["degraded"]["database"]
        assert database["serving"] == "directory snapshot" and database["since_unix"] <= time.time()
        assert 'moat_degraded{dependency="database"} 1.0' in httpx.get(gw.url + "/metrics", timeout=5).text

        served = []
        for key in (secret, ALICE_KEY, secret):  # the key made before the outage, and a seeded one
            response = chat(gw.url, key)
            assert response.status_code == 200, response.text
            served.append(response.headers["x-request-id"])
        unknown = chat(gw.url, "moat_sk_" + "x" * 40)  # not in the snapshot: cannot be checked now
        assert unknown.status_code == 503 and "directory_unavailable" in unknown.text

        pg.start()
        # Another path (the CLI, straight to the database) creates a key while this replica catches up.
        env = {**os.environ, "MOAT_DATABASE_URL": pg.url, "MOAT_HOME": str(tmp_path / "cli")}
        created = subprocess.run([sys.executable, "-m", "moat", "keys", "create", "--account", "alice", "--json"],
                                 env=env, capture_output=True, text=True, timeout=60, cwd=tmp_path)
        assert created.returncode == 0, created.stderr
        later = orjson.loads(created.stdout)["key"]

        poll(lambda: httpx.get(gw.url + "/readyz", timeout=5).json()["status"] == "ready", "ready again")
        poll(lambda: set(served) <= asyncio.run(stored_ids(pg.url)), "the outage's records in PostgreSQL")
        poll(lambda: chat(gw.url, later).status_code == 200, "the key created meanwhile works")
        assert chat(gw.url, secret).status_code == 200
        assert 'moat_degraded{dependency="database"} 0.0' in httpx.get(gw.url + "/metrics", timeout=5).text

        # The database goes away again while the replica runs: degraded from its cache, then back.
        pg.stop()
        poll(lambda: httpx.get(gw.url + "/readyz", timeout=5).json()["status"] == "degraded", "degraded again")
        database = httpx.get(gw.url + "/readyz", timeout=5).json()["degraded"]["database"]
        assert database["serving"] == "directory cache"
        again = []
        for key in (secret, later):  # both used since the reload, so in the cache
            response = chat(gw.url, key)
            assert response.status_code == 200, response.text
            again.append(response.headers["x-request-id"])
        pg.start()
        poll(lambda: httpx.get(gw.url + "/readyz", timeout=5).json()["status"] == "ready", "ready once more")
        poll(lambda: set(again) <= asyncio.run(stored_ids(pg.url)), "the second outage's records in PostgreSQL")
    finally:
        gw.stop()


def test_no_database_and_no_snapshot_exits_with_one_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    dead = f"postgresql://postgres@127.0.0.1:{free_port()}/postgres"
    env = {**os.environ, "MOAT_HOME": str(home), "MOAT_DATABASE_URL": dead, "MOAT_DATABASE__CONNECT_TIMEOUT": "2"}
    env.pop("MOAT_CONFIG", None)
    done = subprocess.run([sys.executable, "-m", "moat", "serve", "--port", str(free_port())], env=env,
                          capture_output=True, text=True, timeout=60, cwd=home)
    assert done.returncode == 3
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert "cannot start" in lines[0] and "database is unreachable" in lines[0]
    assert "no directory snapshot" in lines[0] and "Traceback" not in lines[0]

    # A snapshot older than database.snapshot_max_age is no better than none.
    write(snapshot_path(home), _snapshot(time.time() - 7200))
    env["MOAT_DATABASE__SNAPSHOT_MAX_AGE"] = "3600"
    done = subprocess.run([sys.executable, "-m", "moat", "serve", "--port", str(free_port())], env=env,
                          capture_output=True, text=True, timeout=60, cwd=home)
    assert done.returncode == 3
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert len(lines) == 1 and "snapshot_max_age" in lines[0], lines


# ---- the snapshot file -------------------------------------------------------------------------
def _snapshot(written_at: float) -> DirectorySnapshot:
    return DirectorySnapshot(written_at, 7, [Organization("acme", name="Acme", domains=("acme.example",))],
                             [Account("alice", email="alice@acme.example", org_id="acme")], [],
                             [("act_1", "org", "acme", {"limit": "tight"})])


def test_snapshot_round_trips_and_refuses_what_it_cannot_trust(tmp_path: Path) -> None:
    path = snapshot_path(tmp_path)
    now = time.time()
    write(path, _snapshot(now))
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # the temporary file was renamed over
    back = read(path, max_age=3600)
    assert back == _snapshot(now)

    old = _snapshot(now - 7200)
    write(path, old)
    with pytest.raises(SnapshotError, match="snapshot_max_age"):
        read(path, max_age=3600)
    assert read(path, max_age=0) == old  # 0: any age

    doc = orjson.loads(encode(old))
    for change, message in (({"version": 99}, "version 99"), ({"format": "other"}, f"not a {FORMAT}")):
        path.write_bytes(orjson.dumps({**doc, **change}))
        with pytest.raises(SnapshotError, match=message):
            read(path, max_age=0)
    path.write_bytes(b'{"format": "' + FORMAT.encode() + b'", "version": 1, "orgs": [')
    with pytest.raises(SnapshotError, match="not valid JSON"):
        read(path, max_age=0)
    with pytest.raises(SnapshotError, match="malformed"):
        decode(orjson.dumps({k: v for k, v in doc.items() if k != "accounts"}))
    with pytest.raises(SnapshotError, match="no directory snapshot"):
        read(tmp_path / "missing.json", max_age=0)
