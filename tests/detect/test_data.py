"""Detection for data APIs (issue 15 items 4 and 5): harvesting, resale, split crawls, declared use.

Unit tests build traffic by hand, one signal at a time, with the benign look-alike beside it; the
simulated tests vary seeds, carefulness and mixes (`moat simulate --data`), and measure as
`moat evaluate` does: rank-based, so they hold whatever the calibration does to absolute scores.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner

from moat.cli import main
from moat.detect import checkpoint, data, detectors
from moat.detect.data_features import number_of, parse_time, window
from moat.detect.engine import Engine, score_dataset
from moat.detect.evaluate import evaluate, load
from moat.detect.sim import SimParams, simulate
from moat.detect.sim.params import CAREFUL, DATA_ABUSIVE, DATA_MIXTURE, DEFAULT_MIXTURE
from moat.detect.state import AccountState
from tests.detect.helpers import T0, request

DAY = 86400.0


def data_request(aid: str, ts: float, *, resource: str | None = None, query: str = "", path: str = "",
                 items: int = 1, ip: str = "52.1.2.3", ua: str = "python-requests/2.32", key: str = "k0",
                 use: str | None = None) -> dict[str, Any]:
    return request(aid, ts, query, kind="data", method="GET", path=path or f"/2/users/{resource}",
                   query=query or None, resource=resource, items=items, bytes=items * 900, key_id=key,
                   client_ip=ip, user_agent=ua, key_use=use, model="", input_tokens=0, output_tokens=0,
                   turn=None, endpoint="/2/users")


def build(reqs: Iterator[dict[str, Any]] | list[dict[str, Any]], **account: Any) -> AccountState:
    s = AccountState({"account_id": "a", "plan": "api", **account})
    for r in reqs:
        s.add(r)
    return s


def sweep(n: int, *, first: int = 5_000_000, cover: float = 0.0, shuffle: int = 1, seed: int = 0,
          per_s: float = 0.5) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    ids = list(range(first, first + n))
    for s in range(0, n, shuffle):
        block = ids[s:s + shuffle]
        rng.shuffle(block)
        ids[s:s + shuffle] = block
    out = []
    for i, uid in enumerate(ids):
        if rng.random() < cover:
            uid = rng.randint(1, 2_000_000_000)
        out.append(data_request("a", T0 + i / per_s, resource=str(uid)))
    return out


# ---- the features -------------------------------------------------------------------------------

def test_time_windows_and_numbers_are_read_from_queries_and_resources() -> None:
    assert parse_time("2024-03-01T00:00:00Z") == 1709251200.0
    assert parse_time("1709251200") == parse_time("1709251200000") == 1709251200.0
    assert parse_time("election") is None and parse_time("12") is None
    assert window("query=ai&start_time=2024-03-01T00:00:00Z&end_time=2024-03-02T00:00:00Z") == (
        1709251200.0, 1709337600.0)
    assert window("since=2024-03-02&until=2024-03-01") is None  # ends before it starts
    assert window("query=ai&since_id=123") is None
    assert window("since=2024-03-01T00%3A00%3A00%2B00%3A00&until=1709337600") == (1709251200.0, 1709337600.0)
    assert number_of("12345") == 12345 and number_of("user:77") == 77
    assert number_of("alice") is None and number_of("9" * 30) is None


def test_model_records_never_touch_the_data_features() -> None:
    s = build(request("a", T0 + i, f"What is {i} squared?") for i in range(50))
    assert s.d_n == 0 and s.d_res is None and not s.d_fanout
    assert detectors.score(s)["scraping"].value == detectors.PER_ACCOUNT["scraping"].score(s).value


def test_a_data_query_is_not_read_as_a_prompt() -> None:
    # A dashboard's since_id counts up: as prompt text it would be a textbook counter walk.
    s = build(data_request("a", T0 + 60 * i, resource="ai", query=f"query=ai&since_id={1000 + i}",
                           path="/2/tweets/search/recent", items=3) for i in range(400))
    assert s.n == 400 and s.n_sampled == 0 and not s.samples
    assert detectors.score(s)["scraping"].value < 0.1


# ---- harvesting ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("cover", "shuffle"), [(0.0, 1), (0.3, 24), (0.45, 200)])
def test_an_id_sweep_is_found_even_under_cover_and_shuffling(cover: float, shuffle: int) -> None:
    s = build(sweep(6000, cover=cover, shuffle=shuffle))
    found = data.harvest(s)
    assert found.value >= 0.7, found
    assert any("distinct users by number" in e and "ids 5,00" in e for e in found.evidence), found


def test_ids_in_the_path_count_when_the_route_names_no_resource() -> None:
    reqs = [dict(r, resource=None, path=f"/2/users/{r['resource']}/followers") for r in sweep(6000, shuffle=24)]
    found = data.harvest(build(reqs))
    assert found.value >= 0.7 and any("distinct users by number" in e for e in found.evidence), found


def test_handles_walked_in_alphabetical_order_are_a_sweep_lookups_as_they_come_are_not() -> None:
    rng = random.Random(4)
    names = sorted({"".join(rng.choice("abcdefghijklmnopqrstuvwxyz_") for _ in range(rng.randint(4, 12)))
                    for _ in range(7000)})[:6000]
    walk = [data_request("a", T0 + 2 * i, resource=h, path=f"/2/users/by/username/{h}") for i, h in enumerate(names)]
    found = data.harvest(build(walk))
    assert found.value >= 0.7 and any("alphabetical order" in e for e in found.evidence), found
    rng.shuffle(names)
    lookups = [data_request("a", T0 + 2 * i, resource=h, path=f"/2/users/by/username/{h}")
               for i, h in enumerate(names)]
    assert data.harvest(build(lookups)).value < 0.1


def test_sparse_rising_ids_are_a_news_app_not_a_sweep() -> None:
    """Looking users up as they appear meets ids in rising order, but sparsely."""
    rng = random.Random(1)
    reqs = []
    for i in range(6000):
        frontier = 1_900_000_000 + i * 200
        uid = int(frontier - rng.expovariate(1 / 2_000_000)) if rng.random() < 0.6 else rng.randint(1, frontier)
        reqs.append(data_request("a", T0 + 40 * i, resource=str(uid)))
    assert data.harvest(build(reqs)).value < 0.15


def test_a_random_research_sample_is_not_a_sweep() -> None:
    rng = random.Random(2)
    s = build(data_request("a", T0 + 5 * i, resource=str(rng.randint(1, 2_000_000_000))) for i in range(8000))
    assert data.harvest(s).value < 0.1


def archive(n: int, *, lag_days: float, width: float = DAY, start: float = T0) -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        ts = start + 30 * i
        end = ts - lag_days * DAY - (i // 2) * width  # two pages per window, walking back
        q = f"query=ai&start_time={_iso(end - width)}&end_time={_iso(end)}&max_results=100"
        out.append(data_request("a", ts, resource="ai", query=q, path="/2/tweets/search/all", items=100))
    return out


def _iso(ts: float) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_time_range_sweep_of_the_archive_is_harvesting_a_rolling_window_is_not() -> None:
    swept = data.harvest(build(archive(1200, lag_days=3)))
    assert swept.value >= 0.8 and any("covering 1.6 years" in e for e in swept.evidence), swept
    rolling = build(data_request("a", T0 + 300 * i, resource="ai", path="/2/tweets/search/recent",
                                 query=f"query=ai&start_time={_iso(T0 + 300 * i - 3600)}&end_time={_iso(T0 + 300 * i)}")
                    for i in range(1200))
    assert data.harvest(rolling).value < 0.05
    bounded = build(archive(60, lag_days=200))  # one month of the archive: a study, not the archive
    assert data.harvest(bounded).value < 0.2


def test_re_downloading_a_watch_list_is_harvesting_a_cached_dashboard_is_not() -> None:
    watch = [str(1_000_000 + 7919 * k) for k in range(800)]
    reqs = [data_request("a", T0 + 6 * i, resource=watch[i % len(watch)], items=90,
                         path=f"/2/users/{watch[i % len(watch)]}/tweets") for i in range(4000)]
    found = data.harvest(build(reqs))
    assert found.value >= 0.7 and any("fetched again" in e for e in found.evidence), found
    queries = ["ai", "nasa", "climate", "music", "stocks"]
    dash = build(data_request("a", T0 + 20 * i, resource=queries[i % 5], items=i % 4,
                              query=f"query={queries[i % 5]}&since_id={i}", path="/2/tweets/search/recent")
                 for i in range(4000))
    assert data.harvest(dash).value < 0.05


# ---- resale -------------------------------------------------------------------------------------

def test_one_key_fanned_out_is_resale_one_server_is_not_and_declared_resale_weighs_little() -> None:
    rng = random.Random(3)
    customers = [(f"{rng.randint(20, 220)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.9", f"client/{k}")
                 for k in range(60)]
    fan = [data_request("a", T0 + 30 * i, resource=str(i), ip=customers[i % 60][0], ua=customers[i % 60][1])
           for i in range(1500)]
    found = detectors.score(build(fan))["tier_abuse"]
    assert found.value >= 0.8 and any("60 networks (/24) and 60 user agents" in e for e in found.evidence)
    server = [data_request("a", T0 + 30 * i, resource=str(i), ip=f"52.1.2.{i % 4}") for i in range(1500)]
    assert detectors.score(build(server))["tier_abuse"].value < 0.05
    declared = detectors.score(build(fan, declared_use="resale"))["tier_abuse"]
    assert declared.value <= 0.3 * found.value + 1e-9
    assert "the key's declared use is resale" in declared.evidence


# ---- declared against observed --------------------------------------------------------------------

def test_evidence_compares_declared_with_observed_use() -> None:
    s = build(sweep(6000), declared_use="research",
              declared_use_description="academic research on public discourse")
    evidence = data.harvest(s).evidence
    assert "declared: academic research on public discourse; observed: keyspace sweep of 6k users in " \
           "3 hours" in evidence
    # From the records' key_use when the account record says nothing.
    s = build(dict(r, key_use="research") for r in sweep(6000))
    assert any(e.startswith("declared: research; observed: keyspace sweep") for e in data.harvest(s).evidence)
    assert not any(e.startswith("declared:") for e in data.harvest(build(sweep(6000))).evidence)


# ---- state plumbing -------------------------------------------------------------------------------

def test_checkpoints_carry_the_data_features() -> None:
    s = build([*sweep(3000), *archive(200, lag_days=5)], declared_use="research")
    back = checkpoint.decode(checkpoint.compress(checkpoint.encode({"a": s})))["a"]
    for name in ("d_n", "d_num_new", "d_arch_n", "d_arch_days", "d_refetched", "d_nums"):
        assert getattr(back, name) == getattr(s, name), name
    assert back.distinct_resources() == s.distinct_resources()
    assert detectors.score(back)["scraping"].value == detectors.score(s)["scraping"].value


def test_split_crawl_of_one_organization_is_one_network() -> None:
    """Four accounts of one company, each sweeping every fourth id of one range: each alone is a
    modest sweep; together, disjoint and complementary, one crawl."""
    engine = Engine()
    for j in range(4):
        engine.add_account({"account_id": f"c{j}", "plan": "api", "org_id": "acme", "email": f"e{j}@acme.example"})
        for i in range(900):
            uid = 7_000_000 + 4 * i + j
            engine.add_request(data_request(f"c{j}", T0 + 20 * i + j, resource=str(uid)) | {"request_id": f"c{j}-{i}"})
    # and a colleague with a dashboard: same company, not part of the crawl
    engine.add_account({"account_id": "dash", "plan": "api", "org_id": "acme"})
    for i in range(900):
        engine.add_request(data_request("dash", T0 + 60 * i, resource="acme", query=f"query=acme&since_id={i}",
                                        path="/2/tweets/search/recent") | {"request_id": f"d-{i}"})
    found = {f["account_id"]: f for f in engine.findings()}
    clusters = {found[f"c{j}"]["cluster_id"] for j in range(4)}
    assert len(clusters) == 1 and None not in clusters
    assert found["dash"]["cluster_id"] is None and found["dash"]["risk"] < 0.1
    for j in range(4):
        assert found[f"c{j}"]["scores"]["coordination"] >= 0.5
        assert found[f"c{j}"]["scores"]["scraping"] >= 0.5
        assert any("split one crawl: disjoint slices" in e for e in found[f"c{j}"]["evidence"])


def test_independent_clients_of_one_company_asking_the_same_ids_are_not_a_split() -> None:
    engine = Engine()
    for j in range(3):
        engine.add_account({"account_id": f"c{j}", "plan": "api", "org_id": "acme"})
        for i in range(900):
            engine.add_request(data_request(f"c{j}", T0 + 20 * i, resource=str(7_000_000 + i))
                               | {"request_id": f"c{j}-{i}"})
    found = list(engine.findings())
    assert all(f["cluster_id"] is None and f["scores"]["coordination"] == 0.0 for f in found)


# ---- on the simulator, seeds, carefulness and mixes varied ----------------------------------------

def _measure(tmp_path: Path, params: SimParams) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    out = tmp_path / "ds"
    simulate(params, out)
    engine, _ = score_dataset(out)
    with (out / "findings.jsonl").open("wb") as f:
        for finding in engine.findings():
            f.write(orjson.dumps(finding) + b"\n")
    result = evaluate(*load(out, out / "findings.jsonl"))
    labels = {x["account_id"]: x for x in map(orjson.loads, (out / "labels.jsonl").read_bytes().splitlines())}
    by_persona: dict[str, list[dict[str, Any]]] = {}
    for raw in (out / "findings.jsonl").read_bytes().splitlines():
        finding = orjson.loads(raw)
        by_persona.setdefault(labels[finding["account_id"]]["persona"], []).append(finding)
    return result, by_persona


@pytest.mark.parametrize(("seed", "careful", "auc"), [(3, False, 0.97), (8, True, 0.9)])
def test_data_personas_on_the_simulator(tmp_path: Path, seed: int, careful: bool, auc: float) -> None:
    p = SimParams(accounts=150, days=3, seed=seed, volume=0.3, mixture=dict(DATA_MIXTURE))
    result, by_persona = _measure(tmp_path, p.with_(**CAREFUL) if careful else p)
    cats = result["categories"]
    assert cats["scraping"]["auc"] >= auc, cats
    assert cats["tier_abuse"]["auc"] >= auc and cats["competitor"]["auc"] >= auc, cats
    assert result["benign_risk_rate"] <= 0.02
    benign = [f for name, fs in by_persona.items() if name not in DATA_ABUSIVE for f in fs]
    assert all(f["cluster_id"] is None for f in benign)
    crawl = by_persona["split_crawl"]
    assert sum(f["cluster_id"] is not None for f in crawl) >= 0.5 * len(crawl)
    if not careful:
        assert cats["scraping"]["recall_at_1pct"] >= 0.85 and result["ari"] >= 0.8, result


def test_data_and_model_clients_mixed(tmp_path: Path) -> None:
    """Data clients beside the model personas: each side's detection holds, nobody benign is flagged
    for the other side's reasons."""
    mixture = {**DEFAULT_MIXTURE, **DATA_MIXTURE}
    result, by_persona = _measure(tmp_path, SimParams(accounts=300, days=2, seed=21, mixture=mixture))
    cats = result["categories"]
    assert cats["distillation"]["auc"] >= 0.95 and cats["coordination"]["auc"] >= 0.9, cats
    assert cats["scraping"]["auc"] >= 0.9 and result["benign_risk_rate"] <= 0.02, cats
    for name in ("data_dashboard", "data_researcher", "news_app", "firehose_consumer"):
        assert all(f["risk"] < 0.5 for f in by_persona.get(name, [])), name
    assert max(f["scores"]["scraping"] for f in by_persona["id_sweeper"]) >= 0.5


def test_simulate_data_presets_write_the_data_fields(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["simulate", str(tmp_path / "only"), "--accounts", "40", "--days", "1",
                                  "--volume", "0.05", "--data", "only"])
    assert result.exit_code == 0, result.output
    personas = {orjson.loads(x)["persona"] for x in (tmp_path / "only" / "labels.jsonl").read_bytes().splitlines()}
    assert personas <= set(DATA_MIXTURE) and len(personas) >= 5
    first = orjson.loads((tmp_path / "only" / "requests.jsonl").read_bytes().splitlines()[0])
    assert first["kind"] == "data" and first["model"] == "" and {"path", "resource", "items", "bytes"} <= set(first)
    accounts = [orjson.loads(x) for x in (tmp_path / "only" / "accounts.jsonl").read_bytes().splitlines()]
    assert any(a.get("declared_use") == "research" for a in accounts)
    result = runner.invoke(main, ["simulate", str(tmp_path / "one"), "--accounts", "20", "--days", "1",
                                  "--volume", "0.05", "--mix", "developer=0", "--mix", "id_sweeper=5"])
    assert result.exit_code == 0, result.output
    bad = runner.invoke(main, ["simulate", str(tmp_path / "x"), "--data", "everything"])
    assert bad.exit_code == 2 and "everything" in bad.output


async def test_online_scoring_matches_batch_on_data_traffic(tmp_path: Path) -> None:
    """Issue 11 item 2 for data clients: the online scorer (batches as they arrive, snapshots of the
    states scored on another thread) gives the verdicts `moat detect` gives."""
    from dataclasses import fields

    from moat.detect.online_scorer import AccountSource, OnlineScorer
    from moat.detect.scores import Changes, ScoreCache
    from moat.identity.models import Account
    from moat.store import open_store
    from moat.traffic import read_accounts, read_requests

    out = tmp_path / "ds"
    simulate(SimParams(accounts=80, days=2, seed=5, volume=0.2, mixture=dict(DATA_MIXTURE)), out)
    accounts, requests = list(read_accounts(out)), list(read_requests(out))
    offline = Engine()
    for a in accounts:
        offline.add_account(a)
    for r in requests:
        offline.add_request(r)
    expected = {f["account_id"]: f for f in offline.findings()}
    store = open_store(f"sqlite:///{tmp_path / 'moat.db'}")
    await store.open()
    names = {f.name for f in fields(Account)}
    for a in accounts:
        await store.upsert_account(Account(**{k: v for k, v in a.items() if k in names and v is not None}))
    written: Changes = []
    scorer = OnlineScorer(AccountSource(store), None, on_scores=written.extend)
    await scorer.start()
    for start in range(0, len(requests), 5000):
        await scorer.ingest(requests[start:start + 5000])
        await scorer.maybe_score()
    await scorer.maybe_score(force=True)
    await store.close()
    cache = ScoreCache(None)
    cache.apply(written)
    flagged = 0
    for aid, finding in expected.items():
        got = cache.detail(aid)
        assert got is not None, aid
        for name in ("scraping", "tier_abuse", "coordination"):
            assert got["scores"][name] == finding["scores"][name], (aid, name)
        assert got["cluster_id"] == finding["cluster_id"]
        flagged += finding["scores"]["scraping"] >= 0.5
    assert flagged >= 5 and any(f["cluster_id"] for f in expected.values())
