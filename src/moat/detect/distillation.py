"""Distillation / synthetic-data harvesting: asking for reasoning on many new questions, at volume.

No single feature is enough (issue 6 item 2): enterprise batch jobs are templated and single-turn,
benchmarks elicit chain-of-thought, chat apps span every topic. Required together: volume,
reasoning elicitation (the flag or the phrasing), novelty (a harvester never asks the same prompt
twice; a benchmark re-runs a fixed question set, and a research group's members run one set between
them) and a harvesting shape (broad topic coverage, short prompts with long answers, or problems the
model is asked to make up and solve); single-turn traffic and templated system prompts support it.
Single-turn is support, not a requirement, for one account: a careful harvester wraps its
questions in follow-ups ("go deeper", "now the edge cases") so that its traffic looks like chat,
and still asks for reasoning on new questions at a harvester's pace. A group read as one keeps it as
a requirement: a class of students or a team asking step by step in conversations is many people
talking, and its summed volume would otherwise read as one harvester's.

"At volume" is read two ways: requests in all (a few hundred is already a lot for one account of
a careful network, whose members inherit what the network does jointly) and requests per active
day. A research group asking its own questions with reasoning on runs tens a day; a harvester
runs hundreds, every day it works. The pace is a rate, so it means the same over a week of
recorded traffic as over a year of an online scorer's.
"""

from __future__ import annotations

import math

from moat.detect.scoring import Score, noisy_and, num, pct, ramp
from moat.detect.state import AccountState

MIN_REQUESTS = 20
PACE_LOW, PACE_HIGH, PACE_WEIGHT = 10.0, 150.0, 0.7  # requests per active day: ordinary .. harvest
SINGLE_ACCOUNT = 0.35  # how much one account's conversations speak against harvesting
SINGLE_GROUP = 0.7  # and a group's read as one (moat.detect.networks): its members are people talking


def score(s: AccountState, shared: float = 0.0) -> Score:
    """`shared`: the share of the account's prompts that colleagues (accounts of the same open
    customer) also asked: an evaluation set run between them, not new questions."""
    if s.n < MIN_REQUESTS:
        return Score()
    elicit = s.elicit_share()
    breadth = s.breadth()
    novelty = (1 - s.repeat_share()) * (1 - shared)
    single = s.single_turn_share()
    ratio = s.output_ratio()
    # Networks spread their volume thin on purpose: per account, a few hundred requests is a lot.
    volume = ramp(math.log10(s.n), math.log10(20), math.log10(150))
    daily = s.n / s.active_days
    pace = ramp(math.log10(daily), math.log10(PACE_LOW), math.log10(PACE_HIGH))
    posed = s.posed_share()
    # Asking for training records by their fields is the harvest named: it stands for asking for
    # reasoning, and for new questions (a dataset samples one instruction several times over).
    record = ramp(s.record_share(), 0.3, 0.7)
    shape = max(ramp(breadth, 5, 12), ramp(ratio, 3, 8), ramp(posed, 0.3, 0.7))
    value = noisy_and(
        (volume, 0.8),
        (pace, PACE_WEIGHT),
        (max(ramp(elicit, 0.3, 0.7), record), 0.9),
        (max(ramp(novelty, 0.6, 0.9), record), 0.9),
        (shape, 0.9),
        (ramp(single, 0.7, 0.95), SINGLE_GROUP if s.is_group else SINGLE_ACCOUNT),
    )
    out = Score(round(value, 4))
    if value >= 0.25:
        out.evidence.append(f"{pct(elicit)} of {num(s.n)} requests ask for step-by-step reasoning "
                            f"(reasoning flag or phrasing), {num(daily)} per active day")
        out.evidence.append(f"prompts span {breadth} unrelated domains; "
                            f"{pct(novelty)} of prompts are new; output/input token ratio {ratio:.1f}")
        if posed >= 0.3:
            out.evidence.append(f"{pct(posed)} of sampled openers ask for a problem the model makes up "
                                "and solves with its reasoning (synthetic training data)")
        if record > 0:
            out.evidence.append(f"{pct(s.record_share())} of sampled openers ask for training records by "
                                "their fields (instruction and output, chosen and rejected)")
        if shared >= 0.1:
            out.evidence.append(f"{pct(shared)} of its prompts its colleagues (the same customer) also asked")
        if s.n_followup == 0:
            out.evidence.append("no multi-turn conversations")
        else:
            out.evidence.append(f"{pct(single)} single-turn requests")
        top = max(s.skeletons.values(), default=0)
        if s.systems and len(s.systems) <= 3:
            out.evidence.append(f"{len(s.systems)} templated system prompt(s)")
        elif top and s.n_sampled and top / s.n_sampled > 0.2:
            out.evidence.append(f"one prompt template in {pct(top / s.n_sampled)} of sampled requests")
    return out
