"""Scraping and extraction: systematic enumeration of what the model (or API) knows.

The signature that generalises: near-identical prompts that differ only in a counter, and the
counter walking a dense range (sequential identifiers). Templated enterprise jobs do not look like
that: their prompts carry a different document each time, so their skeletons do not repeat even
when a ticket number counts up. Volume and machine-regular timing support it.
"""

from __future__ import annotations

import itertools
import math

from moat.detect.scoring import Score, noisy_and, num, pct, ramp
from moat.detect.state import AccountState

MIN_REQUESTS = 20


def _sequential(numbers: list[int]) -> tuple[float, int]:
    """Share of gaps between sorted distinct counters that are small (a dense walk), and the step."""
    xs = sorted(set(numbers))
    if len(xs) < 8:
        return 0.0, 0
    diffs = [b - a for a, b in itertools.pairwise(xs)]
    step = min(diffs)
    small = sum(1 for d in diffs if d <= 32 * step)
    return small / len(diffs), step


def score(s: AccountState) -> Score:
    if s.n < MIN_REQUESTS or not s.n_sampled:
        return Score()
    counted = sorted(((c, k) for k, c in s.skeletons.items() if k in s.numbers), reverse=True)[:5]
    counter_share = sum(c for c, _ in counted) / s.n_sampled
    nums: list[int] = []
    for _, k in counted:
        nums.extend(s.numbers[k])
    seq, step = _sequential(nums)
    cv = s.gap_cv()
    value = noisy_and(
        (ramp(counter_share, 0.4, 0.8), 0.95),
        (ramp(seq, 0.4, 0.8), 0.9),
        (ramp(math.log10(s.n), math.log10(40), math.log10(400)), 0.8),
        (ramp(cv, 1.2, 0.4) if math.isfinite(cv) else 0.0, 0.3),
    )
    out = Score(round(value, 4))
    if value >= 0.25:
        out.evidence.append(f"{pct(counter_share)} of sampled prompts follow {len(counted)} template(s) "
                            f"that differ only in a number")
        out.evidence.append(f"the numbers walk a dense range (step {step}, {pct(seq)} of gaps small) "
                            f"over {num(s.n)} requests")
        if math.isfinite(cv) and cv < 0.6:
            out.evidence.append(f"machine-regular timing (gap variation {cv:.2f})")
    return out
