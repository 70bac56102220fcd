"""simulate -> detect -> evaluate through the real commands, on a simulator worth beating.

Seeds and simulator parameters vary (careful and sloppy adversaries, a harder mixture with more
hard negatives), so the detectors are not checked against one draw of one simulator. Since issue
11 the simulator carries hard negatives and careful adversaries, and at this test's small scale
(700 accounts, 3 days, 15% volume) the detectors do not yet reach the issue's goals on it: the
goals are reported, not asserted, in bench/RESULTS.md. What is asserted here: the invariants that
must hold everywhere (no benign account linked to a restricted organization, at most 2% of benign
accounts at risk >= 0.5), and floors at today's measured quality per case, so that a regression
fails.
"""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from moat.cli import main

CASES = {
    "default-seed-21": ["--seed", "21"],
    "careful-seed-22": ["--seed", "22", "--careful", "careful"],
    "sloppy-seed-23": ["--seed", "23", "--careful", "sloppy"],
    "very-careful-seed-24": ["--seed", "24", "--param", "jitter_s=1800", "--param", "paraphrase_rate=0.8",
                             "--param", "proxy_ranges=20", "--param", "residential_share=0.8",
                             "--param", "shared_payment=0.1", "--param", "elicit_phrase_rate=0.3",
                             "--param", "reasoning_flag_rate=0.4", "--param", "narrow_networks=0.8",
                             "--param", "multi_sample=0.6"],
    "hard-negatives-seed-25": ["--seed", "25", "--mix", "benchmark=0.08", "--mix", "enterprise_batch=0.08",
                               "--mix", "support_bot=0.06", "--mix", "consumer_app=0.05", "--mix", "power_user=0.08",
                               "--mix", "startup_team=0.1", "--mix", "corporate_nat=0.1", "--param", "noise=0.2"],
}


# Per case: ROC AUC floor per category (today's measurement less 0.05) and adjusted Rand floor.
# Re-measured when the simulator gave each persona its own random stream (so that adding a persona,
# here the credit relay, leaves the others' accounts and traffic as they were): every draw moved
# once. At this scale one late-signing network decides a case: the very careful case's
# distillation AUC spans 0.59-0.78 over seeds 24, 124 and 224, before and after the change alike.
FLOORS = {
    "default-seed-21": ({"distillation": 0.91, "scraping": 0.78, "tier_abuse": 0.54,
                         "coordination": 0.67, "competitor": 0.89}, 0.28),
    "careful-seed-22": ({"distillation": 0.55, "scraping": 0.65, "tier_abuse": 0.57,
                         "coordination": 0.46, "competitor": 0.88}, 0.0),
    "sloppy-seed-23": ({"distillation": 0.92, "scraping": 0.9, "tier_abuse": 0.56,
                         "coordination": 0.72, "competitor": 0.95}, 0.66),
    "very-careful-seed-24": ({"distillation": 0.54, "scraping": 0.71, "tier_abuse": 0.6,
                         "coordination": 0.48, "competitor": 0.94}, 0.0),
    "hard-negatives-seed-25": ({"distillation": 0.77, "scraping": 0.77, "tier_abuse": 0.56,
                         "coordination": 0.58, "competitor": 0.9}, 0.17),
}


@pytest.mark.parametrize(("name", "args"), CASES.items(), ids=CASES.keys())
def test_quality_holds(tmp_path: Path, name: str, args: list[str]) -> None:
    runner = CliRunner()
    ds, out = tmp_path / "ds", tmp_path / "findings.jsonl"
    r = runner.invoke(main, ["simulate", str(ds), "--accounts", "700", "--days", "3", "--volume", "0.15", *args])
    assert r.exit_code == 0, r.output
    r = runner.invoke(main, ["detect", str(ds), "--out", str(out), "--no-progress"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(main, ["evaluate", str(ds), str(out), "--json"])
    assert r.exit_code == 0, r.output
    result = orjson.loads(r.stdout)
    auc_floor, ari_floor = FLOORS[name]
    for cat, v in result["categories"].items():
        assert v["positives"] > 0, cat
        assert v["auc"] >= auc_floor[cat], (cat, v)
    assert result["benign_risk_rate"] <= 0.02
    assert result["ari"] >= ari_floor
    assert result["linking"]["benign_linked_restricted"] == 0
    personas = result["personas"]  # hard negatives are measured one by one
    assert {"hackathon", "research_lab", "eval_harness", "ide_user"} <= set(personas), sorted(personas)
    assert all(0.0 <= row["flag_rate"] <= 1.0 for row in personas.values())
    text = runner.invoke(main, ["evaluate", str(ds), str(out)])
    assert "ROC AUC" in text.stdout and "adjusted Rand index" in text.stdout
