"""AUC, recall at a benign-flag budget and ARI, implemented with numpy, against known values."""

from __future__ import annotations

import math

import pytest

from moat.detect.evaluate import adjusted_rand, evaluate, recall_at_fpr, roc_auc


def test_roc_auc_counts_pairs_and_half_counts_ties() -> None:
    assert roc_auc([0.8, 0.4], [0.5, 0.1]) == pytest.approx(0.75)
    assert roc_auc([1, 2], [0]) == 1.0
    assert roc_auc([0.3, 0.3], [0.3]) == 0.5
    assert math.isnan(roc_auc([], [1.0]))


def test_recall_at_one_percent_never_flags_more_benign_than_allowed() -> None:
    neg = [i / 100 for i in range(100)]
    recall, threshold = recall_at_fpr([0.995, 0.5], neg)
    assert threshold == 0.98 and recall == 0.5
    # all benign tied at 0: anything above 0 is flagged, nothing at 0
    assert recall_at_fpr([0.0, 0.2], [0.0] * 50)[0] == 0.5


def test_adjusted_rand_index_known_values() -> None:
    assert adjusted_rand([0, 0, 1, 1], [1, 1, 0, 0]) == 1.0
    assert adjusted_rand([0, 0, 1, 1], [0, 0, 1, 2]) == pytest.approx(0.5714285714)  # sklearn's doc example
    assert adjusted_rand(["a", "a", None, None], ["x", "x", None, None]) == 1.0  # None = singletons
    assert adjusted_rand([0, 0, 0, 0], [0, 1, 2, 3]) == 0.0


def test_evaluate_reports_linking_mistakes() -> None:
    labels = {"r": {"categories": ["competitor"], "org_id": "rival", "network_id": None},
              "b": {"categories": [], "org_id": None, "network_id": None}}
    blank = {"distillation": 0.0, "scraping": 0.0, "tier_abuse": 0.0, "coordination": 0.0, "competitor": 0.0}
    findings = {"r": {"risk": 0.9, "scores": {**blank, "competitor": 0.9}, "cluster_id": None, "linked_org": "rival"},
                "b": {"risk": 0.9, "scores": blank, "cluster_id": None, "linked_org": "rival"}}
    out = evaluate(labels, findings, {"rival"})
    assert out["linking"]["accuracy"] == 1.0
    assert out["linking"]["benign_linked_restricted"] == 1
    assert out["benign_risk_rate"] == 1.0
    assert not out["goals"]["linking"] and not out["goals"]["benign_risk"]
