"""Shared building blocks of the personas: a person, and sessions of turns."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import Any

import text as T
from places import COUNTRIES, Addr, Country, Mix, Mobile, home_for, pick_country
from world import START, Acct, World


def poisson(rng: random.Random, lam: float) -> int:
    """Knuth for small means, normal approximation above."""
    if lam <= 0:
        return 0
    if lam > 50:
        return max(0, int(rng.gauss(lam, math.sqrt(lam)) + 0.5))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def everyday_addr(rng: random.Random, c: Country, work: Addr | None = None, p_phone: float = 0.25) -> Addr:
    return Mix(c.tz, home_for(c, rng), Mobile(c), work, p_phone)


def human(w: World, rng: random.Random, persona: str, *, cc: str | None = None, only: tuple[str, ...] | None = None,
          plan: str = "pro", ua_kinds: tuple[str, ...] = ("web",), addr: Addr | None = None, email: str | None = None,
          created: float | None = None, work: Addr | None = None, **kw: Any) -> Acct:
    c = COUNTRIES[cc] if cc else pick_country(rng, only)
    first, last = T.person(rng, c.code)
    a = addr or everyday_addr(rng, c, work)
    if created is None:
        created = START - rng.uniform(3, 700) * 86400
    acct = w.account(rng, persona=persona, country=c, addr=a, ua=T.ua(rng, *ua_kinds), plan=plan,
                     email=email or T.personal_email(rng, c.code, first, last), created_at=created, **kw)
    acct.extra.update(first=first, last=last, lang=rng.choice(c.langs))
    return acct


def sessions(w: World, a: Acct, rng: random.Random, *, n: int, profile: str, prompt: Callable[[random.Random], str],
             turns: tuple[int, int] = (1, 4), gap: tuple[float, float] = (25, 240), lo: float | None = None,
             hi: float | None = None, per_turn: Callable[[random.Random, int], dict[str, Any]] | None = None,
             **kw: Any) -> int:
    """n sessions of a few turns each; the address holds within a session, as a real client's does."""
    count = 0
    fixed_ip = kw.pop("ip", None)
    for t0 in w.times(rng, n, a.country.tz, profile, lo, hi):
        ip = fixed_ip or a.addr.at(t0, rng)
        conv = w.conv_id(rng)
        t = t0
        for turn in range(1, rng.randint(*turns) + 1):
            extra = dict(kw)
            if per_turn:
                extra.update(per_turn(rng, turn))
            w.req(a, t, rng, prompt=prompt(rng), ip=extra.pop("ip", ip), conv=conv, turn=turn, **extra)
            count += 1
            t += rng.uniform(*gap)
    return count
