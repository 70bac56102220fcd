"""The per-account detectors by category, and which accounts each one scores.

Each module reads one `AccountState` and answers a `Score`; the engine, the network verdicts and
the calibration all go through this table, so a detector is added in one place.
"""

from __future__ import annotations

from moat.detect import distillation, scraping, tier_abuse
from moat.detect.scoring import Score
from moat.detect.state import AccountState

PER_ACCOUNT = {"distillation": distillation, "scraping": scraping, "tier_abuse": tier_abuse}
Scores = dict[str, Score]


def score(state: AccountState) -> Scores:
    """Every per-account detector's score of one account."""
    return {k: d.score(state) for k, d in PER_ACCOUNT.items()}


def applies(category: str, state: AccountState) -> bool:
    """Whether a detector scores this account at all: enough traffic (and for tier abuse, a
    consumer plan). Calibration reads only these accounts' scores."""
    if state.n < PER_ACCOUNT[category].MIN_REQUESTS:
        return False
    return category != "tier_abuse" or tier_abuse.applies(state)
