"""The demo's traffic: what each member of the cast sends, as real HTTP requests to the gateway."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from moat.demo.cast import DEVELOPERS, DISTILLERS, IDE_ACCOUNT, IDE_PLATFORM, PIPELINE, RIVAL_ENGINEERS, Member
from moat.identity.attribution import sign_attribution

DEV_QUESTIONS = [
    "Why does my React effect run twice in development?", "How do I paginate a SQL query efficiently?",
    "What's the difference between a process and a thread?", "Review this function for off-by-one errors.",
    "How should I structure retries for an HTTP client?", "Explain Python's GIL in two sentences.",
    "Write a unit test for a date parser.", "How do I profile a slow Go service?",
]
FOLLOW_UPS = ["Can you show an example?", "What about edge cases?", "Thanks, and how would I test it?"]
# What a harvesting network asks: a little of everything, each question new, reasoning always on.
HARVEST_QUESTIONS = [
    "Prove by induction that the sum of the first {n} odd numbers is a perfect square.",
    "Find the eigenvalues of a 2x2 matrix with entries {n}, 1, 1, {n}.",
    "Explain the entropy change when {n} grams of ice melt, using thermodynamics.",
    "Compute the momentum of a particle of mass {n} kg at a velocity of 3 m/s.",
    "Balance the oxidation reaction of {n} molecules of iron with oxygen and name the catalyst.",
    "Describe how enzyme {n} affects protein folding in the cell.",
    "A patient with hypertension and diabetes needs treatment option {n}: discuss the diagnosis.",
    "Is clause {n} of this contract a breach? Discuss liability and remedies.",
    "Value a bond with a {n}% coupon and explain the pricing of its interest.",
    "How does inflation of {n}% change monetary policy and unemployment?",
    "Why did the empire fall in the {n}th century? Discuss the war and the treaty.",
    "Analyse symbolism in sonnet {n} of Shakespeare and its narrative.",
    "Compare Kant's ethics with utilitarian morality in dilemma {n}.",
    "Write a Python asyncio decorator that retries {n} times, with pandas output.",
    "Write a SQL query with a join and an index for table {n} in postgres.",
    "Explain cognitive bias {n} and its effect on memory and behavior.",
]
HARVEST_SYSTEM = ("You are an expert tutor. Think step by step, show all intermediate reasoning in full, "
                  "then give the final answer on its own line.")


@dataclass
class Call:
    member: Member
    path: str
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


def _openai(member: Member, messages: list[dict[str, str]], **extra: Any) -> Call:
    return Call(member, "/v1/chat/completions", {"model": "moat-demo", "messages": messages, **extra})


def _anthropic(member: Member, messages: list[dict[str, str]], **extra: Any) -> Call:
    return Call(member, "/v1/messages", {"model": "moat-demo", "max_tokens": 512, "messages": messages, **extra})


def network_returns(cast: dict[str, Member], rounds: int = 5, seed: int = 11) -> Iterator[Call]:
    """The distillation network's next requests, after the detectors have scored it."""
    rng = random.Random(seed)
    for n in range(rounds):
        for account_id in DISTILLERS:
            prompt = rng.choice(HARVEST_QUESTIONS).format(n=1000 + n * len(DISTILLERS) + DISTILLERS.index(account_id))
            messages = [{"role": "system", "content": HARVEST_SYSTEM}, {"role": "user", "content": prompt}]
            yield _openai(cast[account_id], messages, reasoning_effort="high", max_tokens=4000)


def script(cast: dict[str, Member], ide_secret: str, seed: int = 7) -> Iterator[Call]:
    """Every call of the demo, interleaved the way traffic arrives."""
    rng = random.Random(seed)
    calls: list[Call] = []
    for account_id in DEVELOPERS:
        member = cast[account_id]
        for _ in range(5):  # conversations of about three turns
            history = [{"role": "user", "content": rng.choice(DEV_QUESTIONS)}]
            for turn in range(rng.randint(1, 3)):
                make = _anthropic if rng.random() < 0.4 else _openai
                calls.append(make(member, list(history), stream=rng.random() < 0.5))
                history += [{"role": "assistant", "content": "(answer)"},
                            {"role": "user", "content": FOLLOW_UPS[turn % len(FOLLOW_UPS)]}]
    for account_id in RIVAL_ENGINEERS:
        for _ in range(5):
            calls.append(_openai(cast[account_id], [{"role": "user", "content": rng.choice(DEV_QUESTIONS)}]))
    ide = cast[IDE_ACCOUNT]
    for i in range(24):
        org = "rival-labs.example" if i % 4 == 0 else "acme.example"
        token = sign_attribution(IDE_PLATFORM, ide_secret, sub=f"ide-user-{i % 6}", org=org, email_domain=org)
        call = _openai(ide, [{"role": "user", "content": rng.choice(DEV_QUESTIONS)}])
        call.headers["Moat-Attribution"] = token
        calls.append(call)
    for n in range(150):
        for account_id in DISTILLERS:
            prompt = rng.choice(HARVEST_QUESTIONS).format(n=n * len(DISTILLERS) + DISTILLERS.index(account_id))
            messages = [{"role": "system", "content": HARVEST_SYSTEM}, {"role": "user", "content": prompt}]
            calls.append(_openai(cast[account_id], messages, reasoning_effort="high", max_tokens=4000))
    for n in range(30):
        call = _openai(cast[PIPELINE], [{"role": "user", "content": f"Summarise ticket #{1000 + n}."}])
        call.headers["User-Agent"] = "python-httpx/0.27 pipeline-runner"
        calls.append(call)
    rng.shuffle(calls)
    yield from calls
