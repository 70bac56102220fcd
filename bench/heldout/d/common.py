"""Helpers every persona shares: people, emails, signup times, conversations."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

from places import Addr
from text import BANKS, FIRST, LAST, PERSONAL_DOMAINS
from world import START, ZONES, Account, World, fill_factory

LANG = {"MX": "es", "CO": "es", "PE": "es", "CL": "es", "AR": "es", "ES": "es", "BR": "pt"}

CONSUMER_ZONES = {"mexico_city": 22, "new_york": 9, "los_angeles": 9, "chicago": 5, "sao_paulo": 10, "bogota": 7,
                  "buenos_aires": 5, "santiago": 5, "lima": 4, "monterrey": 4, "guadalajara": 4, "madrid": 4,
                  "toronto": 3, "denver": 2, "london": 2}
DEV_ZONES = {"los_angeles": 14, "new_york": 10, "chicago": 5, "denver": 4, "mexico_city": 14, "sao_paulo": 10,
             "bogota": 7, "buenos_aires": 7, "santiago": 5, "lima": 3, "monterrey": 4, "madrid": 4, "london": 4,
             "toronto": 4, "bangalore": 3}


def ascii_lower(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()


def person(world: World) -> tuple[str, str]:
    return world.rng.choice(FIRST), world.rng.choice(LAST)


def personal_email(world: World, first: str, last: str, domain: str | None = None) -> str:
    rng = world.rng
    f, la = ascii_lower(first), ascii_lower(last).replace(" ", "")
    local = rng.choice([f"{f}.{la}", f"{f}{la}{rng.randrange(10, 99)}", f"{f[0]}{la}", f"{la}.{f}",
                        f"{f}_{la}{rng.randrange(1, 9999)}", f"{f}{rng.randrange(1970, 2008)}", f"{f}.{la}.{rng.randrange(1, 99)}"])
    return f"{local}@{domain or rng.choice(PERSONAL_DOMAINS)}"


def work_email(first: str, last: str, domain: str, style: int = 0) -> str:
    f, la = ascii_lower(first), ascii_lower(last).replace(" ", "")
    return [f"{f}.{la}@{domain}", f"{f[0]}{la}@{domain}", f"{f}@{domain}"][style % 3]


def zone_of(world: World, weights: dict[str, int]) -> str:
    return world.rng.choices(list(weights), weights=list(weights.values()))[0]


def lang(zone: str) -> str:
    return LANG.get(ZONES[zone][1], "en")


def signed_up(world: World, lo_days: float, hi_days: float) -> float:
    """A signup time between hi_days and lo_days before the recording starts (negative: inside it)."""
    return START - world.rng.uniform(lo_days, hi_days) * 86400


DETAILS = ["it's for {n} people", "my budget is about {num}", "I have {n} hours", "keep it under {num} words",
           "this is for my {rel}", "we're in {city}", "use a friendly tone", "the deadline is {day}",
           "es para el {day}", "somos {n} personas", "tengo {num} pesos", "para mi {rel_es}", "version {n}.{n}",
           "context: ticket {num}", "see line {num}", "ignore the previous draft", "short answer please",
           "in bullet points", "no jargon", "como si tuviera {n} años", "for a {n}-minute talk"]
_DETAIL_BANKS = {"num": [str(x) for x in (15, 20, 30, 50, 75, 80, 100, 120, 150, 200, 250, 300, 400, 500, 800, 1000, 1500, 2000)],
                 "day": ["Monday", "Friday", "tomorrow", "next week", "viernes", "sábado", "the 15th", "end of month"]}


_detail_fill: dict[int, Callable[[str], str]] = {}


def personalize(world: World, text: str) -> str:
    """Most people add a detail of their own; an unadorned template stays common but not dominant."""
    rng = world.rng
    if rng.random() < 0.3:
        return text
    fill = _detail_fill.get(id(world))
    if fill is None:
        fill = _detail_fill[id(world)] = fill_factory(rng, {**BANKS, **_DETAIL_BANKS})
    details = "; ".join(fill(rng.choice(DETAILS)) for _ in range(rng.randint(1, 2)))
    return f"{text} ({details})" if rng.random() < 0.6 else f"{details}. {text}"


def picker(world: World, fill: Callable[[str], str], bank: list[str]) -> Callable[[int], str]:
    """A prompt source for `converse`: a random template of `bank`, filled, for every turn."""
    return lambda i: fill(world.rng.choice(bank))


def converse(world: World, acct: Account, t0: float, turns: int, prompt: Callable[[int], str], addr: Addr,
             ua: str | None, *, gap: tuple[float, float] = (4.0, 0.8), system: str | None = None,
             endpoint: str = "/v1/messages", model: str | None = None, reasoning_p: float = 0.0,
             out: tuple[float, float] = (5.8, 0.8), context: bool = True, stay_ip: bool = True,
             vary: bool = True, **kw: Any) -> float:
    """One conversation: turns sharing a conversation id, the context growing with each turn.

    The gap between turns is lognormal (median e^gap[0] seconds); `context` makes each turn resend
    the whole conversation so far, as chat clients do.
    """
    rng = world.rng
    conv = world.hexid("conv_", 64)
    t, ctx = t0, 0
    model = model or None
    ip = addr(t0)
    for i in range(turns):
        text = personalize(world, prompt(i)) if vary else prompt(i)
        fresh = len(text) // 4 + int(rng.expovariate(1 / 30)) + 5
        o = max(1, int(rng.lognormvariate(*out)))
        reason = rng.random() < reasoning_p
        world.emit(acct, t, ip=ip if stay_ip else addr(t), ua=ua, prompt=text, endpoint=endpoint, model=model,
                   system=system, conversation_id=conv, turn=i + 1, input_tokens=fresh + (ctx if context else 0),
                   output_tokens=o, reasoning=reason, **kw)
        ctx += fresh + o
        t += rng.lognormvariate(*gap) + o / 60.0  # reading time grows with the answer
    return t
