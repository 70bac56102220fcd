"""Online scoring agrees with `moat detect` on the same traffic; the score cache merges clusters."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from moat.detect.engine import Engine
from moat.detect.online_scorer import AccountSource, OnlineScorer
from moat.detect.scores import Changes, ScoreCache
from moat.identity.models import Account
from moat.store import open_store
from moat.traffic import read_accounts, read_requests

PER_ACCOUNT = ("distillation", "scraping", "tier_abuse", "coordination")


async def test_online_matches_offline(small_dataset: Path, tmp_path: Path) -> None:
    accounts = list(read_accounts(small_dataset))
    requests = list(read_requests(small_dataset))
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
    for start in range(0, len(requests), 1000):  # batches, scored as they arrive
        await scorer.ingest(requests[start:start + 1000])
        await scorer.maybe_score()
    await scorer.maybe_score(force=True)
    await store.close()

    cache = ScoreCache(None)
    cache.apply(written)
    scored = [aid for aid, f in expected.items() if aid in scorer.engine.states]
    assert len(scored) > 200
    for aid in scored:
        got = cache.detail(aid)
        assert got is not None, aid
        for name in PER_ACCOUNT:
            assert got["scores"][name] == expected[aid]["scores"][name], (aid, name)
        assert got["cluster_id"] == expected[aid]["cluster_id"]
        assert got["requests"] == scorer.engine.states[aid].n
    clustered = [aid for aid in scored if expected[aid]["cluster_id"]]
    assert clustered  # the dataset has networks, and they were found online too
    assert all(cache.scores_for(aid)["cluster.coordination"] > 0 for aid in clustered)


def test_cache_merges_cluster_scores() -> None:
    cache = ScoreCache(None)
    cache.apply([("a:x", {"scores": {"distillation": 0.3, "risk": 0.3}, "cluster_id": "net-1", "requests": 5}),
                 ("c:net-1", {"scores": {"distillation": 0.9, "risk": 0.9}, "size": 3})])
    assert cache.scores_for("x") == {"distillation": 0.3, "risk": 0.3,
                                     "cluster.distillation": 0.9, "cluster.risk": 0.9}
    assert cache.cluster_of("x") == "net-1"
    cache.apply([("c:net-1", {"scores": {"distillation": 0.5, "risk": 0.5}, "size": 3})])
    assert cache.scores_for("x")["cluster.distillation"] == 0.5
    cache.apply([("a:x", {"scores": {"distillation": 0.2, "risk": 0.2}, "cluster_id": None, "requests": 6})])
    assert cache.scores_for("x") == {"distillation": 0.2, "risk": 0.2}  # left the network
    cache.scores_for("x")["distillation"] = 1.0  # a copy: the hot path cannot corrupt the cache
    assert cache.scores_for("x")["distillation"] == 0.2
