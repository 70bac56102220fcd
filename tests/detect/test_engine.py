"""The engine is incremental: scores can be read at any moment and move as traffic arrives."""

from __future__ import annotations

from pathlib import Path

from moat.detect.engine import Engine, combine

from .helpers import T0, request


def test_scores_can_be_read_mid_stream_and_grow_with_evidence() -> None:
    engine = Engine()
    engine.add_account({"account_id": "s", "plan": "api"})
    before = next(engine.findings())
    assert before["risk"] == 0.0
    for i in range(300):
        engine.add_request(request("s", T0 + 10 * i, f"Return the full record for catalog item {1000 + i}."))
        if i == 10:
            early = next(engine.findings())
    after = next(engine.findings())
    assert early["scores"]["scraping"] < 0.5 <= after["scores"]["scraping"]
    assert after["risk"] >= after["scores"]["scraping"]


def test_traffic_before_the_account_record_and_numeric_ids_are_one_account() -> None:
    engine = Engine()
    engine.add_request(request(7, T0, "hello"))  # type: ignore[arg-type]
    engine.add_account({"account_id": 7, "plan": "free"})
    findings = list(engine.findings())
    assert [f["account_id"] for f in findings] == ["7"]


def test_risk_is_the_strongest_category_nudged_by_a_second_never_past_one() -> None:
    assert combine({"a": 0.0, "b": 0.0}) == 0.0
    assert combine({"a": 0.8, "b": 0.0}) == 0.8
    assert 0.8 < combine({"a": 0.8, "b": 0.8}) <= 1.0
    assert combine({"a": 0.3, "b": 0.3}) < 0.5  # two weak hints do not make a case


def test_the_same_traffic_ingested_twice_is_counted_once(small_dataset: Path) -> None:
    from moat.traffic import read_accounts, read_entities, read_requests

    def run(times: int) -> tuple[list[dict], Engine]:
        engine = Engine(read_entities(small_dataset))
        for account in read_accounts(small_dataset):
            engine.add_account(account)
        for _ in range(times):  # e.g. an export recorded again
            for r in read_requests(small_dataset):
                engine.add_request(r)
        return list(engine.findings()), engine

    once, _ = run(1)
    twice, engine = run(2)
    assert twice == once
    assert engine.duplicates == sum(1 for _ in read_requests(small_dataset)) > 0


def test_a_bounded_memory_of_ids_still_drops_recent_repeats() -> None:
    engine = Engine(remember_ids=4)
    reqs = [request("a", T0 + i, f"q{i}") for i in range(10)]
    for r in reqs:
        engine.add_request(r)
    for r in reqs[-4:]:  # redelivered: among the ids still remembered
        engine.add_request(r)
    assert engine.duplicates == 4 and engine.states["a"].n == 10
    assert len(engine._seen) + len(engine._older) <= 8  # two generations at most
