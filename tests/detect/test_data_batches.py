"""Batched lookups count every resource they ask for (issue 15 leftover 3, docs/data-apis.md
"Detection for data"): a harvester that hides its sweep in `/2/users?ids=1,2,...,100` is found like
the same sweep one id at a time; a client batching the same few ids, a search returning many
authors and a firehose pushing them are not sweeps.

Hand-made records in the recorded-traffic format (docs/traffic-format-extensions.md: `resource`,
`resources`, `stream`), read by the same `AccountState` the engine and the online scorer use."""

from __future__ import annotations

import random
from typing import Any

import pytest

from moat.detect import checkpoint, data, detectors
from moat.detect.data_features import asked
from moat.detect.engine import Engine
from tests.detect.helpers import T0
from tests.detect.test_data import build, data_request, sweep

BATCH = 100


def lookups(ids: list[int], *, form: str, account: str = "a", start: float = T0, every: float = 200.0,
            batch: int = BATCH) -> list[dict[str, Any]]:
    """`ids` looked up `batch` at a time: the ids in the record's `resources` (what the lookup
    returned; the route names no single resource) or in a comma-list `resource` (a `query:ids` rule)."""
    out = []
    for n, i in enumerate(range(0, len(ids), batch)):
        part = [str(x) for x in ids[i:i + batch]]
        query = "ids=" + ",".join(part)
        r = data_request(account, start + every * n, query=query, path="/2/users", items=len(part))
        r |= {"request_id": f"{account}-{n}"}
        if form == "resources":
            r |= {"resource": None, "resources": part}
        else:
            r |= {"resource": ",".join(part), "resources": part}
        out.append(r)
    return out


def test_which_resources_a_request_asked_for() -> None:
    assert asked("1,2,3", None, False) == ["1", "2", "3"]
    assert asked(None, ["7", "8"], False) == ["7", "8"]
    assert asked(None, ["7", "8"], True) is None  # a stream's items are pushed, not asked for
    assert asked("ai", ["7", "8"], False) is None  # a search asked for its query, not its authors
    assert asked("ai, ml", None, False) is None  # one query holding a comma
    assert asked("123", None, False) is None and asked(None, [], False) is None and asked(None, None, False) is None


@pytest.mark.parametrize("form", ["resources", "comma-list"])
@pytest.mark.parametrize(("cover", "shuffle"), [(0.0, 1), (0.3, 24)])
def test_a_sweep_in_batched_lookups_is_found_like_the_same_sweep_one_id_at_a_time(
        form: str, cover: float, shuffle: int) -> None:
    one_by_one = [int(r["resource"]) for r in sweep(6000, cover=cover, shuffle=shuffle)]
    single = data.harvest(build(sweep(6000, cover=cover, shuffle=shuffle)))
    state = build(lookups(one_by_one, form=form))
    batched = data.harvest(state)
    assert state.d_n == 60 and state.asks() == 6000 and state.d_num_new >= 5900
    assert single.value >= 0.7 and batched.value >= 0.7, (single, batched)
    assert abs(batched.value - single.value) < 0.1, (single.value, batched.value)
    assert any("distinct users by number" in e and "ids 5,00" in e for e in batched.evidence), batched
    assert any("6k resources asked in 60 requests" in e for e in batched.evidence), batched
    assert detectors.score(state)["scraping"].value == batched.value


def test_before_batches_were_counted_the_sweep_was_invisible() -> None:
    """The same records with only the request's own `resource` read (the path and query as one
    resource per request): 60 distinct things, no ids. What the detectors used to see."""
    ids = list(range(5_000_000, 5_006_000))
    hidden = [dict(r, resources=None) for r in lookups(ids, form="resources")]
    assert data.harvest(build(hidden)).value < 0.05


@pytest.mark.parametrize("form", ["resources", "comma-list"])
def test_a_client_batching_the_same_few_ids_is_not_a_sweep(form: str) -> None:
    """A team dashboard looks up its 25 accounts in one batch every 5 minutes for three days."""
    team = sorted(random.Random(5).sample(range(1_000_000, 900_000_000), 25))
    reqs: list[dict[str, Any]] = []
    for n in range(3 * 288):
        reqs += lookups(team, form=form, start=T0 + 300 * n, batch=25, account="a")
    for n, r in enumerate(reqs):
        r["request_id"] = f"a-{n}"
    state = build(reqs)
    assert state.asks() == 25 * len(reqs) and state.d_num_new == 25
    found = detectors.score(state)
    assert found["scraping"].value < 0.1, found["scraping"]
    # ...nor is a neighbour's app batching 25 consecutive ids (its own users, signed up together).
    block = list(range(4_000_000, 4_000_025))
    assert data.harvest(build(lookups(block * 200, form=form, batch=25))).value < 0.1


def test_a_search_and_a_firehose_returning_many_authors_are_not_sweeps() -> None:
    rng = random.Random(6)
    queries = ["ai", "nasa", "climate", "music", "stocks"]
    search = [data_request("a", T0 + 20 * i, resource=queries[i % 5], query=f"query={queries[i % 5]}",
                           path="/2/tweets/search/recent", items=100)
              | {"resources": [str(rng.randint(1, 1_000_000)) for _ in range(100)]} for i in range(2000)]
    state = build(search)
    assert state.d_batched == 0 and data.harvest(state).value < 0.05
    stream = [data_request("a", T0 + 60 * i, resource=None, query="", path="/2/tweets/search/stream", items=500)
              | {"stream": True, "resources": [str(5_000_000 + 100 * i + k) for k in range(100)]}
              for i in range(300)]  # consecutive author ids: still what the firehose pushed
    state = build(stream)
    assert state.d_batched == 0 and data.harvest(state).value < 0.05


def test_checkpoints_carry_the_batches() -> None:
    ids = list(range(5_000_000, 5_006_000))
    s = build(lookups(ids, form="resources"))
    back = checkpoint.decode(checkpoint.compress(checkpoint.encode({"a": s})))["a"]
    assert back.d_batched == s.d_batched == 5940 and back.asks() == 6000
    assert detectors.score(back)["scraping"].value == detectors.score(s)["scraping"].value


def test_a_split_crawl_in_batched_lookups_is_one_network() -> None:
    """Four accounts of one company, each looking up every fourth id of one range 30 at a time."""
    engine = Engine()
    for j in range(4):
        engine.add_account({"account_id": f"c{j}", "plan": "api", "org_id": "acme", "email": f"e{j}@acme.example"})
        mine = [7_000_000 + 4 * i + j for i in range(900)]
        for r in lookups(mine, form="resources", account=f"c{j}", start=T0 + j, every=600, batch=30):
            engine.add_request(r)
    found = {f["account_id"]: f for f in engine.findings()}
    clusters = {found[f"c{j}"]["cluster_id"] for j in range(4)}
    assert len(clusters) == 1 and None not in clusters
    for j in range(4):
        assert found[f"c{j}"]["scores"]["scraping"] >= 0.5
        assert any("split one crawl: disjoint slices" in e for e in found[f"c{j}"]["evidence"])
