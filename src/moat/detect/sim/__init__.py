"""The labelled traffic simulator behind `moat simulate` (issue 6 item 4)."""

from moat.detect.sim.params import SimParams
from moat.detect.sim.world import simulate

__all__ = ["SimParams", "simulate"]
