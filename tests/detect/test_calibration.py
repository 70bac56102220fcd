"""The configured benign flag rate, held against reviewers' verdicts (issue 11 items 2 and 7).

The calibration's arithmetic on known numbers; then the whole loop on a simulated population:
reviewers clear accounts the detectors flag, and the same traffic scored again (by `moat detect`
with a labels file, and by the online scorer reading the labels from a real store) keeps cleared
accounts within the configured share, says so in the evidence, and stops where confirmed abuse
stands at the same scores.
"""

from __future__ import annotations

import math
from dataclasses import fields
from pathlib import Path
from typing import Any

import orjson
import pytest

from moat.detect import calibration
from moat.detect.calibration import Calibration, hold, raised_point
from moat.detect.engine import CATEGORIES, Review, score_dataset
from moat.detect.online_scorer import AccountSource, OnlineScorer
from moat.detect.reviews import ReviewSource, fold, read_file
from moat.detect.scores import Changes, ScoreCache
from moat.enforce import cases
from moat.enforce.models import Subject
from moat.enforce.services import EnforceContext
from moat.identity.models import Account
from moat.store import open_store
from moat.traffic import read_accounts, read_requests


def test_no_raise_while_the_cleared_accounts_fit_the_budget() -> None:
    assert raised_point([0.9, 0.2, 0.4], [], budget=1) is None
    assert raised_point([], [0.9], budget=0) is None


def test_the_raise_leaves_the_cleared_accounts_beyond_the_budget_below_half() -> None:
    found = raised_point([0.9, 0.8, 0.7, 0.6, 0.1], [], budget=2)
    assert found is not None
    t, held = found
    assert held and 0.7 < t < 0.71  # 0.9 and 0.8 may stay flagged, 0.7 and 0.6 may not
    cal = Calibration({}, {"distillation": t})
    assert cal.evidence("distillation") is not None and cal.evidence("scraping") is None
    assert cal.lift("distillation", 0.9) >= 0.5 and cal.lift("distillation", 0.8) >= 0.5
    assert cal.lift("distillation", 0.7) < 0.5 and cal.lift("distillation", 0.6) < 0.5
    assert cal.lift("scraping", 0.6) == 0.6  # other categories untouched
    values = [cal.lift("distillation", x / 100) for x in range(101)]
    assert values == sorted(values) and values[0] == 0.0 and values[-1] == 1.0  # monotone, onto [0, 1]


def test_the_raise_stops_where_confirmed_abuse_would_be_lost() -> None:
    confirmed = [0.95, 0.9, 0.85, 0.8, 0.75, 0.72, 0.7, 0.68, 0.66, 0.64]
    found = raised_point([0.99, 0.97], confirmed, budget=0)
    assert found is not None
    t, held = found
    # at most MAX_LOST (10%) of the ten confirmed, flagged accounts may fall below: one of them
    assert not held and sum(c < t for c in confirmed) == math.floor(calibration.MAX_LOST * len(confirmed)) == 1
    held_cal = hold(Calibration(), {"scraping": [0.99, 0.97]}, {"scraping": confirmed}, active=100)
    assert held_cal.short == {"scraping"} and "does not hold" in str(held_cal.evidence("scraping"))
    assert raised_point([0.6], [0.5, 0.5, 0.5], budget=0) is None  # cannot rise without losing them


def test_hold_shares_the_budget_across_categories() -> None:
    base = Calibration({"distillation": 0.1})
    cleared = {"distillation": [0.9, 0.8, 0.7], "competitor": [0.95]}
    held = hold(base, cleared, {}, active=1000, benign_flag_rate=0.005, categories=5)  # one account each
    assert held.ordinary == base.ordinary
    assert set(held.raised) == {"distillation"}  # competitor's one cleared account fits its share
    assert held.lift("distillation", 0.9) >= 0.5 > held.lift("distillation", 0.8)
    assert "reviewers cleared 3 accounts" in str(held.evidence("distillation"))


def test_labels_fold_to_each_accounts_latest_verdict(tmp_path: Path) -> None:
    assert fold([("a", "cleared", ["distillation"]), ("a", "confirmed", []), ("b", "confirmed", ["scraping"]),
                 ("b", "cleared", [])]) == {"a": Review(False, frozenset()), "b": Review(True, frozenset())}
    path = tmp_path / "labels.jsonl"
    lines: list[dict[str, Any]] = [
        {"outcome": "cleared", "categories": ["tier_abuse"], "accounts": ["x", "y"], "decided_at": 20},
        {"outcome": "confirmed", "categories": [], "subject_kind": "account", "subject_id": "x", "decided_at": 10},
        {"account_id": "z", "outcome": "cleared", "categories": ["competitor"]},
        {"account_id": "q", "outcome": "withdrawn"},
    ]
    path.write_bytes(b"".join(orjson.dumps(x) + b"\n" for x in lines))
    tier, competitor = Review(True, frozenset({"tier_abuse"})), Review(True, frozenset({"competitor"}))
    assert read_file(path) == {"x": tier, "y": tier, "z": competitor}


def _flagged(findings: dict[str, dict[str, Any]], category: str) -> list[str]:
    return sorted((a for a, f in findings.items() if f["scores"][category] >= 0.5),
                  key=lambda a: -findings[a]["scores"][category])


@pytest.mark.parametrize("clear", ["strongest", "weakest"])
def test_cleared_accounts_are_held_within_the_rate_on_a_population(small_dataset: Path, clear: str) -> None:
    engine, _ = score_dataset(small_dataset)
    before = {f["account_id"]: f for f in engine.findings()}
    active = sum(1 for s in engine.states.values() if s.n)
    # Reviewers clear one half of every category's flagged accounts (whatever the simulator meant
    # them to be) and confirm the other: the strongest half (the rate cannot be held without losing
    # confirmed abuse: the point stops short) or the weakest, as false positives usually are.
    reviews: dict[str, Review] = {}
    cleared: dict[str, list[str]] = {}
    for k in CATEGORIES:
        flagged = [a for a in _flagged(before, k) if a not in reviews]
        half = len(flagged) // 2
        cleared[k], confirmed = ((flagged[:half], flagged[half:]) if clear == "strongest"
                                 else (flagged[len(flagged) - half:], flagged[:len(flagged) - half]))
        for a in cleared[k]:
            reviews[a] = Review(True, frozenset({k}))
        for a in confirmed:
            reviews.setdefault(a, Review(False, frozenset({k})))
    assert sum(len(v) for v in cleared.values()) >= 6  # enough flags to judge in this population
    rate = 0.005
    engine, _ = score_dataset(small_dataset, reviews=reviews, benign_flag_rate=rate)
    after = {f["account_id"]: f for f in engine.findings()}
    budget = math.ceil(rate * active / len(CATEGORIES))
    lifted = engine.cross().calibration.raised
    assert lifted  # something had to give
    for k in CATEGORIES:
        still = [a for a in cleared[k] if after[a]["scores"][k] >= 0.5]
        confirmed = [a for a, r in reviews.items() if not r.cleared and k in r.about]
        kept = [a for a in confirmed if after[a]["scores"][k] >= 0.5]
        if k in lifted:
            # within the budget, or stopped where confirmed abuse would be lost
            lost = len(confirmed) - len(kept)
            if k in engine.cross().calibration.short:
                assert lost <= math.floor(calibration.MAX_LOST * len(confirmed))
            else:
                assert len(still) <= budget
            assert all(any("flags start at" in e for e in after[a]["evidence"]) for a in still)
        # rankings do not move: the calibrated scores keep every pair's order
        order = sorted(before, key=lambda a: (before[a]["scores"][k], a))
        assert [after[a]["scores"][k] for a in order] == sorted(after[a]["scores"][k] for a in order)
    if clear == "weakest":  # fewer accounts flagged; the strongest half may all stay where they were
        assert sum(f["risk"] >= 0.5 for f in after.values()) < sum(f["risk"] >= 0.5 for f in before.values())


async def test_the_online_scorer_reads_the_reviewers_labels_from_sqlite(small_dataset: Path, tmp_path: Path) -> None:
    await _online_reads_labels(small_dataset, f"sqlite:///{tmp_path / 'moat.db'}")


async def test_the_online_scorer_reads_the_reviewers_labels_from_postgres(small_dataset: Path,
                                                                         postgres_url: str) -> None:
    await _online_reads_labels(small_dataset, postgres_url)


async def _online_reads_labels(small_dataset: Path, url: str) -> None:
    """Cases closed as cleared in a real store reach the online scorer, whose scores then equal
    `moat detect`'s with the same verdicts."""
    accounts = list(read_accounts(small_dataset))
    requests = list(read_requests(small_dataset))
    engine, _ = score_dataset(small_dataset)
    before = {f["account_id"]: f for f in engine.findings()}
    clear = _flagged(before, "distillation")[-4:]  # the (up to) four weakest distillation flags, cleared
    assert len(clear) >= 2  # more cleared than the budget (one account here) holds

    store = open_store(url)
    await store.open()
    try:
        names = {f.name for f in fields(Account)}
        for a in accounts:
            await store.upsert_account(Account(**{k: v for k, v in a.items() if k in names and v is not None}))
        cx = await EnforceContext.open(store)
        for a in clear:
            case, _ = await cases.open_case(cx, actor="rev", subject=Subject("account", a), title="distillation",
                                            evidence=[("finding", a, {"scores": before[a]["scores"]})])
            await cases.set_status(cx, actor="rev", case_id=case.case_id, status="closed", outcome="cleared")
        written: Changes = []
        scorer = OnlineScorer(AccountSource(store), None, on_scores=written.extend,
                              reviews=ReviewSource(store), benign_flag_rate=0.005)
        await scorer.start()
        for start in range(0, len(requests), 1000):
            await scorer.ingest(requests[start:start + 1000])
            await scorer.maybe_score()
        await scorer.maybe_score(force=True)
    finally:
        await store.close()
    reviews = {a: Review(True, frozenset({"distillation"})) for a in clear}
    offline, _ = score_dataset(small_dataset, reviews=reviews)
    expected = {f["account_id"]: f for f in offline.findings()}
    assert "distillation" in offline.cross().calibration.raised
    cache = ScoreCache(None)
    cache.apply(written)
    for aid in scorer.engine.states:
        got = cache.detail(aid)
        assert got is not None and got["scores"]["distillation"] == expected[aid]["scores"]["distillation"], aid
    # budget: one account, beyond those at the very top, which no raise passes (MAX_RAISED)
    top = sum(before[a]["scores"]["distillation"] >= calibration.MAX_RAISED for a in clear)
    assert sum(expected[a]["scores"]["distillation"] >= 0.5 for a in clear) <= max(1, top)
