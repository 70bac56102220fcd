"""Data detection, second slice: each benign look-alike beside its abusive twin (issue 15 item 4).

Unit tests build both by hand from how such clients behave, over several seeds; the simulated test
runs `moat simulate --data only --hard-data` personas (look-alikes and careful harvesters) and
reads per-persona flag rates as `moat evaluate` does.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from moat.detect import crawls, data, detectors
from moat.detect.data_features import crowd_of, stack
from moat.detect.engine import Engine
from moat.detect.networks import Verdict
from moat.detect.sim import SimParams
from moat.detect.sim.params import DATA_ABUSIVE, DATA_HARD_MIXTURE, DATA_MIXTURE
from moat.detect.state import AccountState
from tests.detect.helpers import T0
from tests.detect.test_data import _measure, build, data_request, sweep

DAY = 86400.0
SEEDS = (1, 7, 23)


def _iso(ts: float) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def archive(n: int, seed: int, *, width: float = DAY) -> list[dict[str, Any]]:
    """Window after window of the archive, going back in time (a time-range sweep)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        end = T0 - 3 * DAY - i * width
        q = rng.choice(("ai", "climate", "music"))
        out.append(data_request("a", T0 + i * 20, resource=q, path="/2/tweets/search/all", items=100,
                                query=f"query={q}&start_time={_iso(end - width)}&end_time={_iso(end)}"))
    return out


# ---- a sweep the provider sold is not abuse; a research key's full-archive sweep is ----------------

@pytest.mark.parametrize("seed", SEEDS)
def test_contracted_archive_backfill_is_left_alone_a_research_keys_archive_sweep_is_not(seed: int) -> None:
    reqs = archive(1500, seed)
    bought = build(reqs, plan="enterprise", declared_use="commercial",
                   declared_use_description="historical archive backfill for our analytics product")
    research = build(reqs, plan="enterprise", declared_use="research",
                     declared_use_description="academic research on public discourse")
    api = build(reqs, plan="api", declared_use="commercial",
                declared_use_description="historical archive backfill for our analytics product")
    sold, swept, unsold = data.harvest(bought), data.harvest(research), data.harvest(api)
    assert swept.value >= 0.8 and unsold.value >= 0.8, (swept, unsold)
    assert sold.value <= 0.3 * swept.value + 1e-9
    assert data.sold_archive(build(reqs, plan="enterprise", declared_use="commercial",
                                   declared_use_description="brand monitoring")) == ""
    assert "enterprise plan" in data.time_sweep(bought).evidence[0]


# ---- a fixed panel re-collected is not a re-download; whole pages again are --------------------------

def panel(seed: int, *, since: bool, items: tuple[int, int]) -> list[dict[str, Any]]:
    """A panel of users visited once a day: their profile and their timeline."""
    rng = random.Random(seed)
    ids = [str(rng.randint(1, 1_900_000_000)) for _ in range(rng.randint(400, 900))]
    out = []
    t = T0
    for day in range(5):
        t = T0 + day * DAY
        for uid in ids:
            out.append(data_request("a", t, resource=uid))
            q = f"max_results=100&since_id={day * 1000 + 1}" if since and day else "max_results=100"
            out.append(data_request("a", t + 1, resource=uid, path=f"/2/users/{uid}/tweets", query=q,
                                    items=rng.randint(*items) if day else 80))
            t += 3
    return out


@pytest.mark.parametrize("seed", SEEDS)
def test_a_panel_collected_since_the_last_visit_is_a_study_whole_timelines_again_are_harvesting(seed: int) -> None:
    study = data.harvest(build(panel(seed, since=True, items=(0, 8))))
    again = data.harvest(build(panel(seed, since=False, items=(60, 100))))
    assert again.value >= 0.6 and any("fetched again" in e for e in again.evidence), again
    assert study.value < 0.2, study
    s = build(panel(seed, since=True, items=(0, 8)))
    assert s.d_fresh > 0 and s.d_again_items <= 2 * s.d_again  # profiles again (one item), posts since


# ---- one app's stack over many phones is an app; many stacks or customers' servers are resale ---------

def _phone_app(seed: int, phones: int = 600) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    devices = [(f"{rng.choice((100, 107, 172))}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.7",
                f"NewsPulse/4.{rng.randint(0, 9)}.{rng.randint(0, 9)} ({rng.choice(('iPhone15,2', 'Pixel 8'))})")
               for _ in range(phones)]
    out = []
    for i in range(phones * 3):
        ip, ua = rng.choice(devices)
        out.append(data_request("a", T0 + 40 * i, resource=rng.choice(("ai", "nba", "music", str(i))),
                                path="/2/tweets/search/recent", ip=ip, ua=ua))
    return out


def _sdk_resale(seed: int, customers: int = 30) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    servers = [f"{rng.randint(20, 220)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.9" for _ in range(customers)]
    weights = [rng.paretovariate(1.5) for _ in servers]
    out = []
    for i in range(3000):
        ip = rng.choices(servers, weights)[0]
        out.append(data_request("a", T0 + 60 * i, resource=str(rng.randint(1, 10**9)), ip=ip,
                                ua="socialdata-sdk/2.1"))
    return out


def test_user_agent_stacks() -> None:
    assert stack("NewsPulse/4.2.1 (iPhone15,2; iOS 17.5) CFNetwork/1490") == "newspulse"
    assert stack("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Chrome/126.0") == "chrome"
    assert stack("python-requests/2.32") == "python-requests"


@pytest.mark.parametrize("seed", SEEDS)
def test_one_apps_stack_on_many_phones_is_an_app_customers_servers_on_one_sdk_are_resale(seed: int) -> None:
    app = detectors.score(build(_phone_app(seed)))["tier_abuse"]
    resold = detectors.score(build(_sdk_resale(seed)))["tier_abuse"]
    assert app.value < 0.1, app
    assert resold.value >= 0.7 and any("carrying a server's load" in e for e in resold.evidence), resold


@pytest.mark.parametrize("seed", SEEDS)
def test_shared_cloud_egress_weighs_by_its_base_rate(seed: int) -> None:
    """A cloud app egressing from NAT ranges many unrelated accounts use is not fanned out; the same
    spread over networks of its own is."""
    rng = random.Random(seed)
    nat = [f"35.{rng.randint(0, 255)}.{rng.randint(0, 255)}" for _ in range(20)]
    agents = ["node-fetch/3.3", "python-requests/2.32", "Go-http-client/2.0"]

    def app(aid: str, n: int = 1500) -> list[dict[str, Any]]:
        return [dict(data_request("a", T0 + 50 * i, resource=str(rng.randint(1, 10**9)),
                                  ip=f"{rng.choice(nat)}.{rng.randint(2, 250)}", ua=rng.choice(agents)),
                     account_id=aid, request_id=f"{aid}-{i}") for i in range(n)]

    engine = Engine()
    for k in range(12):
        engine.add_account({"account_id": f"c{k}", "plan": "api"})
        for r in app(f"c{k}"):
            engine.add_request(r)
    alone = build(app("a"))
    crowd = crowd_of(engine.states.values())
    shared = data.resale(engine.states["c0"], crowd)
    assert shared.value < 0.1, shared
    assert data.resale(alone).value >= 0.5  # the same traffic, its networks its own


def test_a_monitor_probing_a_few_resources_from_many_regions_is_not_resale() -> None:
    rng = random.Random(5)
    probes = [(f"{rng.randint(20, 220)}.{rng.randint(0, 255)}.1.5", f"{n}/1.0")
              for n in ("uptime-probe", "checkly", "pingdom-agent") for _ in range(8)]
    monitor = [data_request("a", T0 + 30 * i, resource=("ai", "nasa", "12")[i % 3], ip=probes[i % 24][0],
                            ua=probes[i % 24][1]) for i in range(3000)]
    many = [data_request("a", T0 + 30 * i, resource=str(i), ip=probes[i % 24][0], ua=probes[i % 24][1])
            for i in range(3000)]
    assert detectors.score(build(monitor))["tier_abuse"].value < 0.1
    assert detectors.score(build(many))["tier_abuse"].value >= 0.5


# ---- a research group is a group; untied accounts walking adjacent slices are one crawl --------------

def _state(aid: str, reqs: list[dict[str, Any]], **account: Any) -> AccountState:
    s = AccountState({"account_id": aid, "plan": "api", **account})
    for r in reqs:
        s.add(dict(r, account_id=aid))
    return s


@pytest.mark.parametrize("seed", SEEDS)
def test_academics_of_one_university_are_a_group_an_untied_split_crawl_is_a_network(seed: int) -> None:
    rng = random.Random(seed)
    group = {}
    for k in range(4):  # each samples users around a topic: anywhere in the id space, once each
        reqs = [data_request("a", T0 + 10 * i, resource=str(int(1.9e9 * rng.random() ** 0.7)))
                for i in range(3000)]
        group[f"g{k}"] = _state(f"g{k}", reqs, email=f"r{k}@cs.uni-example.edu", declared_use="research")
    verdict = Verdict()
    crawls.judge(group, {}, verdict)
    assert not verdict.cluster_of

    first = rng.randint(1, 10**9)
    n = 4
    crawl = {}
    for j in range(n):  # every n-th id, residential addresses, personal emails, nothing shared
        reqs = sweep(2500, first=first, cover=0.2, seed=seed + j)
        reqs = [dict(r, resource=str(int(r["resource"]) * n + j - (n - 1) * first)) for r in reqs]
        crawl[f"r{j}"] = _state(f"r{j}", reqs, email=f"user{j}{seed}@gmail.com")
    verdict = Verdict()
    crawls.judge({**group, **crawl}, {}, verdict)
    assert set(verdict.cluster_of) == set(crawl), verdict.cluster_of
    assert any("nothing openly in common" in e for e in verdict.coordination["r0"].evidence)


def test_two_lone_sweepers_far_apart_are_not_one_crawl() -> None:
    a = _state("a", sweep(3000, first=100_000_000, seed=1))
    b = _state("b", sweep(3000, first=900_000_000, seed=2))
    verdict = Verdict()
    crawls.judge({"a": a, "b": b}, {}, verdict)
    assert not verdict.cluster_of


# ---- on the simulator: look-alikes left alone, careful twins caught ---------------------------------

@pytest.mark.parametrize(("seed", "careful"), [(4, 0.5), (11, 0.9)])
def test_second_slice_personas_on_the_simulator(tmp_path: Path, seed: int, careful: float) -> None:
    p = SimParams(accounts=200, days=4, seed=seed, volume=0.5, carefulness=careful,
                  mixture={**DATA_MIXTURE, **DATA_HARD_MIXTURE})
    result, by_persona = _measure(tmp_path, p)
    for name in DATA_HARD_MIXTURE:
        if name in DATA_ABUSIVE:
            continue
        flagged = sum(f["risk"] >= 0.5 for f in by_persona.get(name, []))
        assert flagged == 0, (name, [f["evidence"] for f in by_persona[name] if f["risk"] >= 0.5][:1])
    assert result["benign_risk_rate"] <= 0.01
    for name in ("cached_redownloader", "sdk_reseller"):
        fs = by_persona.get(name, [])
        assert fs and sum(f["risk"] >= 0.5 for f in fs) >= 0.5 * len(fs), name
    cats = result["categories"]
    assert cats["scraping"]["auc"] >= 0.95 and cats["tier_abuse"]["auc"] >= 0.85, cats


def test_a_checkpoint_from_before_fanout_counts_still_folds_in() -> None:
    """Online workers restore states written by the previous version (fan-out as a set)."""
    from moat.detect import checkpoint

    s = build(_sdk_resale(1)[:200])
    s.d_fanout = set(s.d_fanout)  # what an older checkpoint decodes to
    restored = checkpoint.decode(checkpoint.compress(checkpoint.encode({"a": s})))["a"]
    assert isinstance(restored.d_fanout, set)
    assert restored.fanout().nets == s.fanout().nets > 1
    for r in _sdk_resale(1)[200:400]:
        restored.add(r)
    assert isinstance(restored.d_fanout, dict) and restored.fanout().nets >= s.fanout().nets


def test_a_data_api_bot_on_a_free_tier_is_not_consumer_tier_abuse() -> None:
    """A data API's free tier is a developer tier: a bot polling it round the clock is what it is
    for. The same round-the-clock pipeline on a consumer model plan is tier abuse."""
    from moat.detect import tier_abuse
    from moat.detect.state import AccountState

    def pipeline(kind: str) -> AccountState:
        state = AccountState({"account_id": "acct-bot", "plan": "free"})
        for i in range(24 * 7 * 4):  # every 15 minutes for a week, one client, one address
            record = {"ts": 1_700_000_000.0 + i * 900, "account_id": "acct-bot", "client_ip": "203.0.113.7",
                      "user_agent": "bot/1.0", "endpoint": "/v1/chat/completions", "prompt": f"status {i}",
                      "input_tokens": 20, "output_tokens": 20, "status": 200}
            if kind == "data":
                record.update(kind="data", method="GET", path="/2/tweets/search/recent", endpoint="/2/tweets",
                              query=f"query=brand&since_id={i}", resource="brand", items=3, bytes=3000,
                              model="")
            state.add(record)
        return state

    assert tier_abuse.score(pipeline("model")).value >= 0.5
    assert tier_abuse.score(pipeline("data")).value < 0.25
