"""Scores calibrated against the provider's own population (issue 11 item 2).

Each detector's raw score is built from absolute notions of abnormal (a ramp from ordinary to
not). Populations differ: in one, most accounts ask for reasoning; in another, most run batch
jobs. A raw score means the same thing from one population to the next only once it is read
against that population's ordinary level: the ORDINARY quantile of raw scores among the accounts
the detector applies to (robust while fewer than 1 - ORDINARY of them abuse). Scores are shifted
and rescaled from that level:

    calibrated = max(0, raw - ordinary) / (1 - ordinary)

so that an account scores only by how far it stands above its own population's ordinary
behaviour. The map is monotone: rankings (and so AUC and recall at a fixed benign flag rate) are
unchanged; what moves is which accounts cross 0.5. Where the ordinary level is 0, as in a healthy
population, scores are unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

ORDINARY = 0.75
MIN_POPULATION = 20  # fewer scored accounts than this: no calibration (nothing to read against)


@dataclass(frozen=True, slots=True)
class Calibration:
    ordinary: Mapping[str, float] = field(default_factory=dict)  # category -> ordinary raw level

    def apply(self, category: str, raw: float) -> float:
        m = self.ordinary.get(category, 0.0)
        if m <= 0.0:
            return raw
        return round(max(0.0, raw - m) / (1.0 - m), 4) if m < 1.0 else 0.0

    def describe(self) -> dict[str, float]:
        return {k: round(v, 4) for k, v in self.ordinary.items()}


def fit(raw: Mapping[str, Iterable[float]]) -> Calibration:
    """Per category, the ordinary level of the raw scores of the accounts it applies to."""
    ordinary: dict[str, float] = {}
    for category, values in raw.items():
        v = np.asarray(list(values), dtype=np.float64)
        if len(v) >= MIN_POPULATION:
            ordinary[category] = float(np.quantile(v, ORDINARY))
    return Calibration(ordinary)
