"""The benign flag rate held against reviewers, measured on a labelled set (issue 11 item 2).

Split-half, so that the measure is not the reviews themselves: reviewers judge every account that
`moat detect` flags (risk >= 0.5) in half A of the accounts, by the set's labels (benign: cleared,
abusive: confirmed; about the categories at >= 0.5); the same traffic is scored again with those
verdicts; half B, which nobody reviewed, shows whether the raised thresholds carry over:

    python bench/review_loop.py DATASET [DATASET ...] [--rate 0.005]
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path
from typing import Any

from moat.detect.engine import Review, score_dataset
from moat.traffic import read_jsonl


def _half(account: str) -> int:
    return int(hashlib.md5(account.encode()).hexdigest(), 16) % 2


def _measure(labels: dict[str, Any], findings: dict[str, Any], side: int) -> str:
    benign = [a for a in labels if _half(a) == side and not labels[a].get("categories")]
    abusive = [a for a in labels if _half(a) == side and labels[a].get("categories")]
    b = sum(findings[a]["risk"] >= 0.5 for a in benign) / max(1, len(benign))
    r = sum(findings[a]["risk"] >= 0.5 for a in abusive) / max(1, len(abusive))
    return f"benign {100 * b:.2f}%, abusive flagged {100 * r:.1f}%"


def run(dataset: Path, rate: float) -> str:
    labels = {r["account_id"]: r for r in read_jsonl(dataset / "labels.jsonl", ("account_id",))}
    engine, _ = score_dataset(dataset)
    before = {f["account_id"]: f for f in engine.findings()}
    reviews: dict[str, Review] = {}
    for a, f in before.items():
        if _half(a) == 0 and f["risk"] >= 0.5 and a in labels:
            about = frozenset(k for k, v in f["scores"].items() if v >= 0.5)
            reviews[a] = Review(not labels[a].get("categories"), about)
    engine, _ = score_dataset(dataset, reviews=reviews, benign_flag_rate=rate)
    after = {f["account_id"]: f for f in engine.findings()}
    raised = {k: round(v, 3) for k, v in engine.cross().calibration.raised.items()}
    cleared = sum(r.cleared for r in reviews.values())
    return (f"{dataset.name}: {len(reviews)} reviewed ({cleared} cleared); raised {raised}\n"
            f"  half B (unreviewed) before: {_measure(labels, before, 1)}; after: {_measure(labels, after, 1)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datasets", nargs="+", type=Path)
    parser.add_argument("--rate", type=float, default=0.005)
    args = parser.parse_args()
    for d in args.datasets:
        print(run(d, args.rate), flush=True)


if __name__ == "__main__":
    main()
