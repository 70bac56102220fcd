"""Measure findings against labels (issue 6 items 4 and 5): AUC, recall at 1% FPR, ARI, linking.

Conventions, stated because the numbers depend on them:
- per category, positives are accounts labelled with it and negatives are benign accounts (no
  category at all); an abusive account of another kind is neither;
- "recall at 1% benign flagged" uses the threshold that flags at most 1% of benign accounts
  (strictly above the benign score at that quantile), so ties never sneak benign accounts in;
- the adjusted Rand index is over all accounts, an account outside any true network (or any
  cluster) being its own singleton;
- "flagged@0.5" is the share of a category's positives scoring >= 0.5 in it, the operating point a
  provider acts on (recall at 1% benign flagged picks its own threshold; this one does not), and
  "benign@0.5" the share of benign accounts scoring >= 0.5 in that category;
- linking accuracy is the share of rival-affiliated accounts (label `competitor`) whose
  `linked_org` is their true organization; benign accounts linked to a restricted one are counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from math import comb
from pathlib import Path
from typing import Any

import numpy as np

from moat.detect.engine import CATEGORIES
from moat.traffic import read_entities, read_jsonl

GOALS = {"auc": 0.97, "recall": 0.90, "benign_risk": 0.01, "ari": 0.8, "linking": 0.90}


def roc_auc(pos: Iterable[float], neg: Iterable[float]) -> float:
    """Mann-Whitney AUC with average ranks for ties: P(score(pos) > score(neg)) + 0.5 P(tie)."""
    p, n = np.asarray(list(pos), float), np.asarray(list(neg), float)
    if not len(p) or not len(n):
        return float("nan")
    x = np.concatenate([p, n])
    order = np.argsort(x, kind="mergesort")
    _, inv, counts = np.unique(x[order], return_inverse=True, return_counts=True)
    avg = np.cumsum(counts) - (counts - 1) / 2.0
    ranks = np.empty(len(x))
    ranks[order] = avg[inv]
    return float((ranks[: len(p)].sum() - len(p) * (len(p) + 1) / 2) / (len(p) * len(n)))


def recall_at_fpr(pos: Iterable[float], neg: Iterable[float], fpr: float = 0.01) -> tuple[float, float]:
    """Recall at the strictest threshold flagging at most `fpr` of negatives; and that threshold."""
    p, n = np.asarray(list(pos), float), np.sort(np.asarray(list(neg), float))[::-1]
    if not len(p):
        return float("nan"), float("nan")
    k = int(np.floor(fpr * len(n)))
    threshold = float(n[k]) if k < len(n) else -np.inf
    return float(np.mean(p > threshold)), threshold


def adjusted_rand(truth: list[Any], pred: list[Any]) -> float:
    """Adjusted Rand index of two labelings of the same items (None = own singleton)."""
    t = [x if x is not None else ("_t", i) for i, x in enumerate(truth)]
    q = [x if x is not None else ("_p", i) for i, x in enumerate(pred)]
    cells: dict[tuple[Any, Any], int] = {}
    rows: dict[Any, int] = {}
    cols: dict[Any, int] = {}
    for a, b in zip(t, q, strict=True):
        cells[(a, b)] = cells.get((a, b), 0) + 1
        rows[a] = rows.get(a, 0) + 1
        cols[b] = cols.get(b, 0) + 1
    index = sum(comb(v, 2) for v in cells.values())
    sa, sb = sum(comb(v, 2) for v in rows.values()), sum(comb(v, 2) for v in cols.values())
    total = comb(len(t), 2)
    if total == 0:
        return 1.0
    expected = sa * sb / total
    maximum = (sa + sb) / 2
    return 1.0 if maximum == expected else float((index - expected) / (maximum - expected))


def evaluate(labels: Mapping[str, dict[str, Any]], findings: Mapping[str, dict[str, Any]],
             restricted: set[str]) -> dict[str, Any]:
    """Every metric of item 4, with pass/fail against the goals of item 5."""
    ids = sorted(labels)
    missing = [a for a in ids if a not in findings]
    blank = {"risk": 0.0, "scores": {}, "cluster_id": None, "linked_org": None}
    f = {a: findings.get(a, blank) for a in ids}
    benign = [a for a in ids if not labels[a].get("categories")]
    per: dict[str, Any] = {}
    for cat in CATEGORIES:
        pos = [f[a]["scores"].get(cat, 0.0) for a in ids if cat in labels[a].get("categories", [])]
        neg = [f[a]["scores"].get(cat, 0.0) for a in benign]
        recall, thr = recall_at_fpr(pos, neg)
        per[cat] = {"positives": len(pos), "auc": roc_auc(pos, neg), "recall_at_1pct": recall,
                    "threshold": thr,
                    # the operating point a provider acts on: scores >= 0.5
                    "flagged_at_half": float(np.mean([v >= 0.5 for v in pos])) if pos else float("nan"),
                    "benign_at_half": float(np.mean([v >= 0.5 for v in neg])) if neg else float("nan")}
    benign_risk = float(np.mean([f[a]["risk"] >= 0.5 for a in benign])) if benign else 0.0
    ari = adjusted_rand([labels[a].get("network_id") for a in ids], [f[a].get("cluster_id") for a in ids])
    rivals: list[str] = [a for a in ids if "competitor" in labels[a].get("categories", [])]
    right = sum(1 for a in rivals if f[a].get("linked_org") == labels[a].get("org_id"))
    wrong = sorted(a for a in ids if "competitor" not in labels[a].get("categories", [])
                   and f[a].get("linked_org") in restricted)
    accuracy = right / len(rivals) if rivals else float("nan")
    linking = {"rival_accounts": len(rivals), "linked_right": right, "accuracy": accuracy,
               "benign_linked_restricted": len(wrong), "examples": wrong[:5]}
    goals = {
        "auc": all(not (v["auc"] < GOALS["auc"]) for v in per.values()),
        "recall": all(not (v["recall_at_1pct"] < GOALS["recall"]) for v in per.values()),
        "benign_risk": benign_risk <= GOALS["benign_risk"],
        "ari": ari >= GOALS["ari"],
        "linking": not (accuracy < GOALS["linking"]) and not wrong,
    }
    return {"accounts": len(ids), "benign": len(benign), "missing_findings": len(missing),
            "categories": per, "benign_risk_rate": benign_risk, "ari": ari, "linking": linking,
            "personas": by_persona(labels, f), "goals": goals}


def by_persona(labels: Mapping[str, dict[str, Any]], findings: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    """Per kind of account: how many, and the share flagged (risk >= 0.5), clustered and linked.

    A regression on one group (hackathon cohorts, platform users) shows here even when the
    overall benign rate hides it.
    """
    out: dict[str, dict[str, Any]] = {}
    for aid, label in labels.items():
        persona = str(label.get("persona") or ("benign" if not label.get("categories") else "abusive"))
        row = out.setdefault(persona, {"accounts": 0, "abusive": bool(label.get("categories")),
                                       "flagged": 0, "clustered": 0, "linked": 0})
        f = findings[aid]
        row["accounts"] += 1
        row["flagged"] += f["risk"] >= 0.5
        row["clustered"] += f.get("cluster_id") is not None
        row["linked"] += f.get("linked_org") is not None
    for row in out.values():
        n = row["accounts"]
        row["flag_rate"] = row["flagged"] / n
    return dict(sorted(out.items(), key=lambda kv: (kv[1]["abusive"], kv[0])))


def load(dataset: Path, findings_path: Path) -> tuple[dict[str, Any], dict[str, Any], set[str]]:
    labels = {r["account_id"]: r for r in read_jsonl(Path(dataset) / "labels.jsonl", ("account_id",))}
    findings = {r["account_id"]: r for r in read_jsonl(Path(findings_path), ("account_id",))}
    restricted = {e["org_id"] for e in read_entities(Path(dataset)) if e.get("restricted")}
    return labels, findings, restricted


def report(result: dict[str, Any]) -> str:
    """The human-readable table."""
    lines = [f"{result['accounts']} accounts, {result['benign']} benign", "",
             f"{'category':<14}{'positives':>10}{'ROC AUC':>10}{'recall@1%FPR':>14}"
             f"{'flagged@0.5':>13}{'benign@0.5':>12}"]
    for cat, v in result["categories"].items():
        lines.append(f"{cat:<14}{v['positives']:>10}{v['auc']:>10.3f}{v['recall_at_1pct']:>14.3f}"
                     f"{100 * v.get('flagged_at_half', float('nan')):>12.1f}%"
                     f"{100 * v.get('benign_at_half', float('nan')):>11.2f}%")
    link = result["linking"]
    lines += ["", f"benign accounts with risk >= 0.5: {100 * result['benign_risk_rate']:.2f}%",
              f"coordination adjusted Rand index: {result['ari']:.3f}",
              f"linking: {link['linked_right']}/{link['rival_accounts']} rival-affiliated accounts linked "
              f"to the right organization ({100 * link['accuracy']:.1f}%); "
              f"{link['benign_linked_restricted']} benign accounts linked to a restricted one",
              "", f"{'persona':<22}{'accounts':>9}{'flagged':>9}{'clustered':>10}{'linked':>8}",
              *(f"{k:<22}{v['accounts']:>9}{100 * v['flag_rate']:>8.1f}%{v['clustered']:>10}{v['linked']:>8}"
                + ("  (abusive)" if v["abusive"] else "") for k, v in result.get("personas", {}).items()),
              "", "goals: " + ", ".join(f"{k} {'ok' if v else 'MISSED'}" for k, v in result["goals"].items())]
    return "\n".join(lines)
