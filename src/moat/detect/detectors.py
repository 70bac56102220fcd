"""The per-account detectors by category, and which accounts each one scores.

Each module reads one `AccountState` and answers a `Score`; the engine, the network verdicts and
the calibration all go through this table, so a detector is added in one place. Data-API traffic
(issue 15) is read by `moat.detect.data` into the same categories: harvesting is `scraping`,
resale is `tier_abuse`; an account's score in a category is the stronger of the two readings.
"""

from __future__ import annotations

from collections.abc import Mapping

from moat.detect import data, distillation, scraping, tier_abuse
from moat.detect.scoring import Score
from moat.detect.state import AccountState

PER_ACCOUNT = {"distillation": distillation, "scraping": scraping, "tier_abuse": tier_abuse}
Scores = dict[str, Score]
# category -> its reading of data-API traffic
DATA = {"scraping": data.harvest, "tier_abuse": data.resale}


def score(state: AccountState, crowd: Mapping[str, int] | None = None, shared: float = 0.0) -> Scores:
    """Every per-account detector's score of one account (`crowd`: how many accounts use each
    network, for resale; `moat.detect.data_features.crowd_of`; `shared`: the share of its prompts
    its colleagues also asked, for distillation; `moat.detect.customers.colleague_shares`)."""
    out = {k: distillation.score(state, shared) if k == "distillation" else d.score(state)
           for k, d in PER_ACCOUNT.items()}
    if state.asks() >= data.MIN_REQUESTS:
        for k, read in DATA.items():
            found = data.resale(state, crowd) if k == "tier_abuse" else read(state)
            if found.value > out[k].value:
                out[k] = found
    return out


def applies(category: str, state: AccountState) -> bool:
    """Whether a detector scores this account at all: enough traffic (and for tier abuse, a
    consumer plan, or data traffic to resell). Calibration reads only these accounts' scores."""
    if state.asks() >= data.MIN_REQUESTS and category in DATA:
        return True
    if state.n < PER_ACCOUNT[category].MIN_REQUESTS:
        return False
    return category != "tier_abuse" or tier_abuse.applies(state)
