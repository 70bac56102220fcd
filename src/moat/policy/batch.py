"""Many rules in one CEL program: the per-call cost of `Program.execute` (~0.3 µs) dominates
simple conditions, so rules that run on every request are evaluated together.

A batch of up to 62 rules compiles to `((c0) ? 1 : 0) + ((c1) ? 2 : 0) + ...` (summed as a
balanced tree, so the expression stays shallow); bit i of the result says rule i matched. A
condition that errors (or is not a bool) makes the whole batch error; the engine then evaluates
that batch's rules one by one, so the outcome is the same as rule-by-rule evaluation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import cel

if TYPE_CHECKING:
    from moat.policy.bundle import CompiledRule

WIDTH = 62  # bits that stay positive in CEL's int64


@dataclass(frozen=True, slots=True)
class Batch:
    program: cel.Program
    rules: tuple[CompiledRule, ...]  # bit i of the program's result <-> rules[i]


def _sum(terms: list[str]) -> str:
    if len(terms) == 1:
        return terms[0]
    mid = len(terms) // 2
    return f"({_sum(terms[:mid])} + {_sum(terms[mid:])})"


def build_batches(rules: list[CompiledRule], width: int = WIDTH) -> list[Batch]:
    """Batches over rules that all have a program, in the given order."""
    batches: list[Batch] = []
    for start in range(0, len(rules), width):
        chunk = tuple(rules[start:start + width])
        terms = [f"(({cr.program.source}) ? {1 << i} : 0)" for i, cr in enumerate(chunk) if cr.program]
        batches.append(Batch(cel.compile(_sum(terms)), chunk))
    return batches
