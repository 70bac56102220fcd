"""Scores calibrated against the provider's own population and its reviewers (issue 11 item 2).

**The population.** Each detector's raw score is built from absolute notions of abnormal (a ramp
from ordinary to not). Populations differ: in one, most accounts ask for reasoning; in another,
most run batch jobs. A raw score means the same thing from one population to the next only once it
is read against that population's ordinary level: the ORDINARY quantile of raw scores among the
accounts the detector applies to (robust while fewer than 1 - ORDINARY of them abuse). Scores are
shifted and rescaled from that level:

    shifted = max(0, raw - ordinary) / (1 - ordinary)

so that an account scores only by how far it stands above its own population's ordinary
behaviour. Where the ordinary level is 0, as in a healthy population, scores are unchanged.

**The reviewers.** How many *benign* accounts stand in a population's upper tail cannot be read
from the scores alone: a research lab asking for reasoning on new questions all day scores like a
harvester, and whether a population holds ten such labs or none is not in its score distribution
(measured on five labelled sets: the population's own quantiles do not track the benign tail, which
ranges from 0.03 to 0.9 at the 99.5th percentile). What does tell is the reviewers' verdicts: an
account whose case was closed as *cleared* (or whose appeal was accepted) is benign by the
provider's own judgement. The configured benign flag rate (`[detect] benign_flag_rate`, default
0.5% of active accounts at risk >= 0.5) is held against them: when more cleared accounts than the
category's share of that budget still score >= 0.5 in a category (every category: coordination and
competitor too, and a network's joint scores), the category's 0.5 point rises to just above the
highest cleared score beyond the budget:

    lifted = 0.5 * score / t                    below the raised point t
           = 0.5 + 0.5 * (score - t) / (1 - t)  above it

Only raised, never lowered, and each category gets an even share of the budget (at least one
account), so that together they stay within it. A raise stops where it would leave more than
MAX_LOST of the category's confirmed accounts (flagged now) below 0.5: when cleared and confirmed
accounts stand at the same scores, the threshold cannot tell them apart, and the evidence says so
(the detector, not its threshold, must learn the difference). A reviewer who clears an account does
not make it look less like abuse to the detector; it tells where, in this provider's traffic,
innocent accounts reach.

Both maps are monotone: rankings (and so AUC and recall at a fixed benign flag rate) are unchanged;
what moves is which accounts cross 0.5.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from moat.config import DetectSettings

ORDINARY = 0.75
MIN_POPULATION = 20  # fewer scored accounts than this: no calibration (nothing to read against)
BENIGN_FLAG_RATE = DetectSettings.benign_flag_rate  # share of active accounts benign yet at risk >= 0.5
MAX_RAISED = 0.99  # a 0.5 point above this would mean "never flag": keep a way to cross it
_ABOVE = 1e-4  # the raised point sits just above the cleared score it must leave below 0.5
MAX_LOST = 0.1  # share of a category's flagged confirmed accounts a raise may leave below 0.5


@dataclass(frozen=True, slots=True)
class Calibration:
    ordinary: Mapping[str, float] = field(default_factory=dict)  # category -> ordinary raw level
    raised: Mapping[str, float] = field(default_factory=dict)  # category -> score now read as 0.5
    cleared: Mapping[str, int] = field(default_factory=dict)  # category -> cleared accounts read
    short: frozenset[str] = frozenset()  # categories whose raise stopped before the budget held

    def shift(self, category: str, raw: float) -> float:
        m = self.ordinary.get(category, 0.0)
        if m <= 0.0:
            return raw
        return max(0.0, raw - m) / (1.0 - m) if m < 1.0 else 0.0

    def apply(self, category: str, raw: float) -> float:
        """A per-account detector's raw score read against the population."""
        return round(self.shift(category, raw), 4)

    def lift(self, category: str, value: float) -> float:
        """A category's score read against the reviewers' raised 0.5 point (when there is one)."""
        t = self.raised.get(category)
        if t is None:
            return value
        return round(0.5 * value / t if value < t else 0.5 + 0.5 * (value - t) / (1.0 - t), 4)

    def describe(self) -> dict[str, float]:
        return {k: round(v, 4) for k, v in self.ordinary.items()}

    def evidence(self, category: str) -> str | None:
        """Why a category's flags start higher than 0.5 here (None when they do not)."""
        t = self.raised.get(category)
        if t is None:
            return None
        text = (f"{category} flags start at {t:.2f} here, not 0.5: reviewers cleared "
                f"{self.cleared.get(category, 0)} accounts that scored above the benign flag budget")
        if category in self.short:
            text += ("; the budget does not hold: confirmed abuse stands at the same scores as cleared "
                     "accounts, so a higher threshold would miss it")
        return text


def raised_point(cleared: Iterable[float], confirmed: Iterable[float], budget: int) -> tuple[float, bool] | None:
    """The score to read as 0.5 so that at most `budget` of the `cleared` scores reach it, but
    never so high that more than MAX_LOST of the `confirmed` scores now flagged fall below it; and
    whether the budget held (None: no raise)."""
    above = sorted((s for s in cleared if s >= 0.5), reverse=True)
    if len(above) <= budget:
        return None
    wanted = above[budget] + _ABOVE
    t = min(MAX_RAISED, wanted)
    kept = sorted((s for s in confirmed if s >= 0.5), reverse=True)
    if kept:
        # the lowest confirmed score that must stay flagged: a raise may pass the others only
        t = min(t, kept[len(kept) - 1 - math.floor(MAX_LOST * len(kept))])
    return (t, t >= wanted) if t > 0.5 else None


def fit(raw: Mapping[str, Iterable[float]]) -> Calibration:
    """Per category, the ordinary level of the raw scores of the accounts it applies to."""
    ordinary: dict[str, float] = {}
    for category, values in raw.items():
        v = np.asarray(list(values), dtype=np.float64)
        if len(v) >= MIN_POPULATION:
            ordinary[category] = float(np.quantile(v, ORDINARY))
    return Calibration(ordinary)


def hold(cal: Calibration, cleared: Mapping[str, Iterable[float]], confirmed: Mapping[str, Iterable[float]],
         active: int, benign_flag_rate: float = BENIGN_FLAG_RATE, categories: int = 5) -> Calibration:
    """`cal` with the raised 0.5 points that keep the `cleared` accounts' scores (per category,
    as read against the population) within `benign_flag_rate` of the `active` accounts, the budget
    shared evenly by the `categories` (rounded up: at least one account each), as far as the
    `confirmed` accounts' scores allow."""
    budget = math.ceil(benign_flag_rate * active / max(1, categories))
    raised: dict[str, float] = {}
    counts: dict[str, int] = {}
    short: set[str] = set()
    for category, values in cleared.items():
        scores = list(values)
        counts[category] = len(scores)
        found = raised_point(scores, confirmed.get(category, ()), budget)
        if found is not None:
            raised[category], held = found
            if not held:
                short.add(category)
    return Calibration(cal.ordinary, raised, counts, frozenset(short))
