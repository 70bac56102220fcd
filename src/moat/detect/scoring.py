"""Small helpers every detector uses to turn features into a score with evidence.

Scores are "noisy-AND"s of ramps: each feature is mapped to [0, 1] between a level that is
ordinary and a level that is not, and a required feature that is ordinary pulls the score down
by its weight. That keeps every single signal (templating, reasoning, volume) harmless alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def ramp(x: float, lo: float, hi: float) -> float:
    """0 at or below `lo`, 1 at or above `hi`, linear between (works for lo > hi too)."""
    if hi == lo:
        return 1.0 if x >= hi else 0.0
    return min(1.0, max(0.0, (x - lo) / (hi - lo)))


def noisy_and(*terms: tuple[float, float]) -> float:
    """Product of (1 - weight * (1 - value)) over (value, weight) pairs."""
    out = 1.0
    for value, weight in terms:
        out *= 1.0 - weight * (1.0 - value)
    return out


@dataclass(slots=True)
class Score:
    """A detector's answer for one account: a score in [0, 1] and why."""

    value: float = 0.0
    evidence: list[str] = field(default_factory=list)


def pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def num(n: float) -> str:
    return f"{n:,.0f}"
