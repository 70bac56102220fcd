"""Reviewers' outcomes as labels, and `moat evaluate --reviewed`, on SQLite and on PostgreSQL.

A small known scenario, driven through the real CLI (cases closed with an outcome, appeals decided)
and the gateway's flag hook; the labels and every number of the report are asserted exactly.

    findings (threshold 0.8): a1 0.95 distillation (cluster c1), a2 0.7 (c1), a3 0.85 competitor
    flags today: a1 distillation, a3 competitor (findings), a2 distillation (a policy flag)
    flag three days ago: a4 competitor
    verdicts: cluster c1 confirmed; a3 cleared (after being confirmed, reopened, ...);
              a4's appeal of a competitive-use refusal accepted; a1's appeal of a distillation refusal rejected
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import pytest

from moat.config import Settings
from moat.detect.engine import CATEGORIES as ENGINE_CATEGORIES
from moat.detect.reviewed import reviewed_report, wilson
from moat.enforce import appeals, cases, labels
from moat.enforce.runtime import Enforcement
from moat.enforce.services import EnforceContext
from moat.store import open_store
from tests.enforce.conftest import FINDINGS, cli, seed
from tests.enforce.test_appeals import record_decision

DAY = 86400.0


def test_categories_agree_with_the_detectors() -> None:
    assert labels.CATEGORIES == ENGINE_CATEGORIES
    assert labels.categories_of_code("distillation_risk") == ["distillation"]
    assert labels.categories_of_code("competitive_use_restricted") == ["competitor"]
    assert labels.categories_of_code("consumer_plan_automation") == ["tier_abuse"]
    assert labels.categories_of_code("rate_limited") == []
    assert labels.categories_of_scores({"distillation": 0.7, "scraping": 0.2}) == ["distillation"]
    assert labels.categories_of_scores({"distillation": 0.3, "scraping": 0.4}) == ["scraping"]  # the strongest
    assert labels.categories_of_scores({"distillation": 0.0}) == []


def test_wilson_interval() -> None:
    assert wilson(0, 0) is None
    low, high = wilson(2, 2)  # type: ignore[misc]
    z2 = 1.959963984540054 ** 2
    assert low == pytest.approx(2 / (2 + z2)) and high == 1.0  # all successes: n / (n + z²)
    low, high = wilson(1, 2)  # type: ignore[misc]
    assert low == pytest.approx(1 - high) and high == pytest.approx(0.9055, abs=1e-4)


async def _setup(url: str, now: float) -> None:
    store = open_store(url)
    await store.open()
    try:
        await seed(store)
        await record_decision(store, "dec_a4", "a4", "competitive_use_restricted")
        await record_decision(store, "dec_a1", "a1", "distillation_risk")
        cx = await EnforceContext.open(store)
        await appeals.create_appeal(cx, account_id="a4", decision_id="dec_a4", message="not a rival")
        await appeals.create_appeal(cx, account_id="a1", decision_id="dec_a1", message="I am a student")
        await labels.note_flags(cx, [labels.Flag("a4", ["competitor"], "finding", now - 3 * DAY, 0.9)])
        enforcement = Enforcement(store, Settings())
        await enforcement.start()
        enforcement.note_flag("a2", decision_id="dec_f", reason_code="distillation_risk",
                              rules=["distillation-open-case"])
        await enforcement.stop()
    finally:
        await store.close()


async def _read(url: str, work: Any) -> Any:
    store = open_store(url)
    await store.open()
    try:
        return await work(await EnforceContext.open(store))
    finally:
        await store.close()


def test_labels_and_reviewed_report(store_url: str, tmp_path: Path) -> None:
    now = time.time()
    asyncio.run(_setup(store_url, now))
    moat = cli(tmp_path, store_url)

    findings = tmp_path / "findings.jsonl"
    findings.write_text("".join(json.dumps(f) + "\n" for f in FINDINGS))
    assert len(moat("cases", "import-findings", str(findings), "--threshold", "0.8", "--json")["opened"]) == 2
    open_cases = {c["subject"]: c["case_id"] for c in moat("cases", "list", "--status", "open", "--json")["data"]}
    cluster, rival = open_cases["cluster:c1"], open_cases["org:par"]  # a3 is linked to par: its case

    moat("cases", "close", cluster, "--outcome", "confirmed", "--text", "a harvesting pair", "--json")
    moat("cases", "close", rival, "--outcome", "confirmed", "--json")
    moat("cases", "close", rival, "--outcome", "cleared", "--text", "a consultant, not the rival", "--json")
    moat("cases", "close", rival, "--outcome", "cleared", "--json")  # again: the same label
    moat("cases", "close", rival, "--outcome", "maybe", code=2)
    appeal_of = {a["account_id"]: a["appeal_id"] for a in moat("appeals", "list", "--json")["data"]}
    moat("appeals", "decide", appeal_of["a4"], "--accept", "--note", "a university lab", "--json")
    moat("appeals", "decide", appeal_of["a1"], "--reject", "--note", "the traffic is harvesting", "--json")

    async def labelled(cx: EnforceContext) -> list[labels.Label]:
        found = await labels.list_labels(cx)
        return [await labels.get_label(cx, x.label_id) for x in found]  # type: ignore[misc]

    got = {x.label_id: x for x in asyncio.run(_read(store_url, labelled))}
    assert set(got) == {f"case:{cluster}", f"case:{rival}", f"appeal:{appeal_of['a4']}", f"appeal:{appeal_of['a1']}"}
    c1 = got[f"case:{cluster}"]
    assert (c1.subject, c1.outcome, c1.categories, c1.accounts, c1.source) == (
        "cluster:c1", "confirmed", ["distillation"], ["a1", "a2"], "case")
    a3 = got[f"case:{rival}"]
    assert (a3.subject, a3.outcome, a3.categories, a3.note) == (
        "org:par", "cleared", ["competitor"], "")  # the last resolution wins
    assert "a3" in a3.accounts
    a4 = got[f"appeal:{appeal_of['a4']}"]
    assert (a4.subject, a4.outcome, a4.categories, a4.reason_codes, a4.accounts, a4.note) == (
        "account:a4", "cleared", ["competitor"], ["competitive_use_restricted"], ["a4"], "a university lab")
    a1 = got[f"appeal:{appeal_of['a1']}"]
    assert (a1.outcome, a1.categories, a1.reason_codes) == ("confirmed", ["distillation"], ["distillation_risk"])
    assert all(x.reviewer.startswith("cli:") for x in got.values())

    # the appeal's own case closed with the same verdict: still one review of it
    a4_case = moat("appeals", "show", appeal_of["a4"], "--json")["case_id"]
    moat("cases", "close", a4_case, "--outcome", "cleared", "--json")
    # reopening withdraws the label; closing again records it
    moat("cases", "reopen", rival, "--json")
    assert asyncio.run(_read(store_url, lambda cx: labels.get_label(cx, f"case:{rival}"))) is None
    moat("cases", "close", rival, "--outcome", "cleared", "--json")

    result = moat("evaluate", "--reviewed", "--days", "5", "--json")
    p = result["precision"]
    assert {k: (v["reviewed"], v["confirmed"], v["cleared"]) for k, v in p.items() if v["reviewed"]} == {
        "distillation": (2, 2, 0), "competitor": (2, 0, 2), "all": (4, 2, 2)}
    assert p["distillation"]["precision"] == 1.0 and p["competitor"]["precision"] == 0.0
    assert p["all"]["precision"] == 0.5 and p["scraping"]["precision"] is None
    assert p["distillation"]["interval"][0] == pytest.approx(2 / (2 + 1.959963984540054 ** 2))
    series = result["series"]
    assert [s["date"] for s in series] == [time.strftime("%Y-%m-%d", time.gmtime(now - d * DAY))
                                           for d in (4, 3, 2, 1, 0)]
    rows = [(s["active"], s["flagged"], s["confirmed"], s["cleared"], s["unreviewed"]) for s in series]
    # today: active a1 and a4 (requests) plus a2 and a3 (flagged); a1 and a2 confirmed (the cluster), a3 cleared
    assert rows == [(0, 0, 0, 0, 0), (1, 1, 0, 1, 0), (0, 0, 0, 0, 0), (0, 0, 0, 0, 0), (4, 3, 2, 1, 0)]
    assert series[-1]["flag_rate"] == 0.75 and series[-1]["benign_flag_rate"] == 0.25
    assert series[1]["benign_flag_rate"] == 1.0 and series[0]["flag_rate"] is None
    assert series[-1]["categories"] == {"distillation": {"flagged": 2, "cleared": 0},
                                        "competitor": {"flagged": 1, "cleared": 1}}
    assert result["totals"] == {"flagged": 4, "cleared": 2, "confirmed": 2, "unreviewed": 0, "active": 5}
    assert sorted(x["subject"] for x in result["recent_cleared"]) == ["account:a4", "org:par"]

    text = moat("evaluate", "--reviewed", "--days", "5")
    assert "distillation" in text and "100.0%" in text and "25.0%" in text
    weekly = moat("evaluate", "--reviewed", "--days", "14", "--bucket", "week", "--json")
    assert sum(s["flagged"] for s in weekly["series"]) == 4 and sum(s["cleared"] for s in weekly["series"]) == 2
    assert "DATASET and FINDINGS are required" in moat("evaluate", code=2)


def test_a_verdict_before_the_flag_does_not_judge_it(store_url: str) -> None:
    """An account cleared, then flagged again the next day: the new flag is unreviewed."""
    now = time.time()

    async def go(cx: EnforceContext) -> dict[str, Any]:
        await seed(cx.store)
        case, _ = await cases.open_case(cx, actor="rev", subject="account:a4")
        await cases.set_status(cx, actor="rev", case_id=case.case_id, status="closed", outcome="cleared")
        await cx.es.db.execute("UPDATE enforce_labels SET decided_at = ?", now - 2 * DAY)
        await labels.note_flags(cx, [labels.Flag("a4", ["scraping"], "policy", now - 3 * DAY),
                                     labels.Flag("a4", ["scraping"], "policy", now - 1 * DAY),
                                     labels.Flag("a4", ["scraping", "tier_abuse"], "policy", now - 1 * DAY)])
        return await reviewed_report(cx, days=4, now=now)

    result = asyncio.run(_read(store_url, go))
    rows = [(s["flagged"], s["cleared"], s["unreviewed"]) for s in result["series"]]
    assert rows == [(1, 1, 0), (0, 0, 0), (1, 0, 1), (0, 0, 0)]
    assert result["series"][2]["categories"] == {"scraping": {"flagged": 1, "cleared": 0},
                                                 "tier_abuse": {"flagged": 1, "cleared": 0}}
    # a case opened by hand, without evidence, is about no known detector: it counts under "other"
    assert (result["precision"]["other"]["reviewed"], result["precision"]["other"]["cleared"]) == (1, 1)
    assert result["precision"]["all"]["precision"] == 0.0
