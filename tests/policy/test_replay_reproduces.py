"""Replay reproduces (issue 13 item 2): traffic decided by a real `moat serve` (SQLite and
PostgreSQL), exported by `moat export` and replayed by `moat policy replay` with the bundle that
decided it, changes nothing; refusals from policy (a restricted domain, a subsidiary), from linking
(an account paid with the rival's card), from limits, and redactions from online scores included.
A lowered score threshold, in replay and in the console's dry run, changes exactly the requests
whose recorded score lies between the two thresholds."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from moat.console.bootstrap import with_users
from moat.console.dryrun import compare
from moat.detect.scores import RedisScores
from moat.policy.bundle import load_bundle
from moat.policy.engine import Engine
from moat.store import open_store
from tests.conftest import _service_url
from tests.console.helpers import USERS, ConsoleClient
from tests.gateway.conftest import (
    ADMIN_TOKEN,
    ALICE_KEY,
    BOB_KEY,
    CAROL_KEY,
    ERIN_KEY,
    FRANK_KEY,
    GINA_KEY,
    MALLORY_KEY,
    GatewayProcess,
    make_gateway,
    postgres_schema,
    wait_for_record,
)
from tests.gateway.conftest import fake_upstream as fake_upstream  # the session fixture, used by name
from tests.gateway.fake_upstream import FakeUpstream


def _moat(gw: GatewayProcess, *args: str) -> dict[str, Any]:
    env = {**os.environ, "MOAT_HOME": str(gw.home), "MOAT_DATABASE_URL": gw.store_url}
    done = subprocess.run([sys.executable, "-m", "moat", "--config", str(gw.home / "moat.toml"), *args],
                          env=env, cwd=gw.home, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, Any] = orjson.loads(done.stdout)
    return result


def _ask(client: httpx.Client, key: str, prompt: str = "hello", reasoning: bool = False) -> httpx.Response:
    body: dict[str, Any] = {"model": "moat-demo", "messages": [{"role": "user", "content": prompt}]}
    if reasoning:
        body["reasoning_effort"] = "high"
    return client.post("/v1/chat/completions", json=body, headers={"authorization": f"Bearer {key}"})


# Scores as a detector worker publishes them (moat.detect.scores), fixed so the test knows them:
# a cluster's score counts for its members, and only alice's reaches the bundle's 0.8.
SCORES: list[tuple[str, dict[str, Any]]] = [
    ("a:alice", {"scores": {"distillation": 0.93, "risk": 0.93}, "cluster_id": None, "requests": 200}),
    ("a:gina", {"scores": {"distillation": 0.2, "risk": 0.5}, "cluster_id": "net-test", "requests": 50}),
    ("c:net-test", {"scores": {"distillation": 0.55}, "size": 2}),
    ("a:frank", {"scores": {"distillation": 0.7, "risk": 0.7}, "cluster_id": None, "requests": 50}),
    ("a:erin", {"scores": {"distillation": 0.3, "risk": 0.3}, "cluster_id": None, "requests": 50}),
]


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def gateway(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
            fake_upstream: FakeUpstream) -> Iterator[GatewayProcess]:
    """A gateway reading detector scores from Redis (no worker writes them but this test)."""
    home = tmp_path_factory.mktemp("gw")
    redis_url, prefix = _service_url("REDIS"), f"moat-test:{uuid.uuid4().hex[:10]}:"

    async def publish() -> None:
        board = RedisScores(redis_url, prefix)
        await board.open()
        try:
            await board.write(SCORES)
        finally:
            await board.close()

    asyncio.run(publish())
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(postgres_schema()) if request.param == "postgres" else f"sqlite:///{home / 'moat.db'}"
        gw = make_gateway(home, url, fake_upstream.base)
        name, password = USERS["reviewer"]
        asyncio.run(with_users(url, lambda book: book.add(name, "reviewer", password, actor="test")))
        gw.env = {"MOAT_REDIS_URL": redis_url, "MOAT_REDIS_PREFIX": prefix}
        gw.start()
        stack.callback(gw.stop)
        yield gw


@pytest.fixture(scope="module")
def traffic(gateway: GatewayProcess, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The gateway's traffic, exported: refusals by policy, linking and limits, and scored accounts."""
    with httpx.Client(base_url=gateway.url, timeout=15) as client:
        deadline = time.monotonic() + 20  # until the replica's score cache holds alice's score
        while _ask(client, ALICE_KEY, reasoning=True).json()["choices"][0]["message"].get("reasoning_content"):
            assert time.monotonic() < deadline, "the published scores never reached the policy"
            time.sleep(0.1)
        statuses: dict[str, set[int]] = {}
        for name, key in (("alice", ALICE_KEY), ("gina", GINA_KEY), ("frank", FRANK_KEY), ("bob", BOB_KEY),
                          ("carol", CAROL_KEY), ("mallory", MALLORY_KEY), ("erin", ERIN_KEY),
                          ("nobody", "sk-test-nobody-0000000000")):
            for _ in range(5):
                last = _ask(client, key, reasoning=True)
                statuses.setdefault(name, set()).add(last.status_code)
    assert statuses["bob"] == statuses["carol"] == statuses["mallory"] == {403}
    assert statuses["erin"] == {200, 429} and statuses["nobody"] == {401}
    # A reviewer lifts carol's refusal by an exception: her next requests are allowed by it, and a
    # replay must lift them the same way (the exceptions she could use are recorded with them).
    granted = httpx.post(f"{gateway.url}/admin/exceptions", timeout=10, json={
        "subject": "account:carol", "lifts": "all", "purpose": "safety_evaluation", "note": "replay test",
        "until": "1d"}, headers={"authorization": f"Bearer {ADMIN_TOKEN}", "moat-actor": "ann"})
    assert granted.status_code < 300, granted.text
    with httpx.Client(base_url=gateway.url, timeout=15) as client:
        deadline = time.monotonic() + 10
        while (last := _ask(client, CAROL_KEY)).status_code != 200:
            assert time.monotonic() < deadline, last.text
            time.sleep(0.1)
        for _ in range(3):
            last = _ask(client, CAROL_KEY)
            assert last.status_code == 200, last.text
    asyncio.run(wait_for_record(gateway.store_url, last.headers["x-request-id"]))
    out = tmp_path_factory.mktemp("export") / "dataset"
    _moat(gateway, "export", str(out), "--json")
    yield out


def _records(dataset: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in (dataset / "requests.jsonl").read_bytes().splitlines()]


def test_replay_with_the_deciding_bundle_changes_nothing(gateway: GatewayProcess, traffic: Path) -> None:
    records = _records(traffic)
    decisions = {r["decision"] for r in records}
    assert {"allow", "deny:competitive_use_restricted", "throttle_refused:rate_limited"} <= decisions
    assert any(r.get("entity_org") == "rival" and r["account_id"] == "mallory" for r in records)  # linking
    assert any((r.get("scores") or {}).get("distillation", 0) >= 0.8 for r in records)  # scores recorded
    assert any(r.get("cluster_id") == "net-test" and r["scores"].get("cluster.distillation") for r in records)
    assert all("scores" in r and "restricted" in r for r in records if r.get("policy_revision") != "gateway")
    lifted = [r for r in records if r["account_id"] == "carol" and r["decision"] == "allow"]
    assert len(lifted) >= 4 and all(r.get("exceptions") for r in lifted)  # allowed by the exception

    report = _moat(gateway, "policy", "replay", str(traffic), "--policy", str(gateway.home / "policies"),
                   "--json", "--no-progress")
    assert report["changed"] == 0, report
    assert report["requests"] >= 35 and report["without_recorded_inputs"] == 0
    assert list(report["recorded_revisions"]) == [load_bundle(gateway.home / "policies").revision]


def _lowered(gw: GatewayProcess, tmp: Path, threshold: float) -> Path:
    bundle = tmp / "lowered"
    shutil.copytree(gw.home / "policies", bundle)
    path = bundle / "distillation.yaml"
    path.write_text(path.read_text().replace(">= 0.8", f">= {threshold}"))
    return bundle


def _between(records: list[dict[str, Any]], low: float, high: float) -> int:
    """Requests the policy admitted whose recorded distillation score (the account's or its
    cluster's, the bundle's condition) lies in [low, high): the ones a lowered threshold redacts."""
    n = 0
    for r in records:
        if r.get("policy_revision") == "gateway" or str(r["decision"]).startswith("deny:"):
            continue
        scores = r.get("scores") or {}
        score = max(scores.get("distillation", 0.0), scores.get("cluster.distillation", 0.0))
        n += low <= score < high
    return n


def test_a_lowered_threshold_changes_the_requests_whose_recorded_score_lies_between(
        gateway: GatewayProcess, traffic: Path, tmp_path: Path) -> None:
    records = _records(traffic)
    threshold = 0.4  # below gina's cluster (0.55) and frank (0.7), above erin (0.3)
    expected = _between(records, threshold, 0.8)
    assert expected == 10  # gina's and frank's five requests each; erin's and bob's stay as they were

    lowered = _lowered(gateway, tmp_path, threshold)
    report = _moat(gateway, "policy", "replay", str(traffic), "--policy", str(lowered),
                   "--against", str(gateway.home / "policies"), "--json", "--no-progress")
    assert report["changed"] == expected, report
    assert set(report["by_rule"]) == {"distillation-redact-reasoning", "distillation-open-case"}

    async def dry_run() -> int:  # the console's dry run: the store's recent records, the recorded scores
        store = open_store(gateway.store_url)
        await store.open()
        try:
            recent = await store.recent_requests(10_000)
            accounts = {a.account_id: a for a in await store.list_accounts(limit=1000)}
            orgs = await store.list_orgs()
        finally:
            await store.close()
        old, new = Engine(load_bundle(gateway.home / "policies")), Engine(load_bundle(lowered))
        assert compare(recent, old, old, accounts, orgs, frozenset()).changed == 0
        return compare(recent, old, new, accounts, orgs, frozenset()).changed

    assert asyncio.run(dry_run()) == expected


def test_the_consoles_dry_run_of_a_lowered_threshold_shows_its_effect(gateway: GatewayProcess, traffic: Path) -> None:
    """The reviewer's report: the console's dry run said "no recorded request would be decided
    differently" after lowering the distillation threshold. It decides from the recorded scores now."""
    text = (gateway.home / "policies" / "distillation.yaml").read_text().replace(">= 0.8", ">= 0.4")
    reviewer = ConsoleClient(gateway.url).signin_as("reviewer")
    try:
        page = reviewer.post("/console/policies/dry-run", {"file": "distillation.yaml", "text": text})
    finally:
        reviewer.close()
    assert page.status_code == 200, page.text[-2000:]
    changed = re.search(r'Decisions changed</div><div class="stat-value[^"]*">([\d,]+)<', page.text)
    assert changed is not None and int(changed.group(1).replace(",", "")) == _between(_records(traffic), 0.4, 0.8)
    assert "Decided from the scores, links and account state each request recorded" in page.text
