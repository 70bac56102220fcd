"""How accounts behave over time: human sessions and conversations, automated streams, scheduled
runs of a fixed set. Personas compose these with their own prompts."""

from __future__ import annotations

import math
import random
from collections.abc import Callable

import text as T
from world import DAY, MOBILE, MODELS, POOLS, RESIDENTIAL, Account, World, browser_ua, ip, sdk_ua


def lognorm(rng: random.Random, mean: float, sigma: float = 0.6) -> float:
    if mean <= 0:
        return 0.0
    return rng.lognormvariate(math.log(mean) - sigma * sigma / 2, sigma)


def count(rng: random.Random, mean: float, sigma: float = 0.6) -> int:
    x = lognorm(rng, mean, sigma)
    return int(x) + (1 if rng.random() < x - int(x) else 0)


# ---- addresses -------------------------------------------------------------------------------

def fixed(w: World, pool: str, k: int = 1) -> list[str]:
    return [ip(w.rng, pool) for _ in range(k)]


def ipf(choices: list[tuple[float, object]]) -> Callable[[random.Random], str]:
    """A per-request address chooser: (weight, list of fixed addresses | pool name | chooser)."""
    items = [c for _, c in choices]
    weights = [wt for wt, _ in choices]
    if len(items) == 1:
        only = items[0]
        if isinstance(only, list):
            return lambda rng: rng.choice(only)
        if callable(only):
            return only
        return lambda rng: POOLS[only].pick(rng)

    def f(rng: random.Random) -> str:
        x = rng.choices(items, weights)[0]
        if isinstance(x, list):
            return rng.choice(x)
        if callable(x):
            return x(rng)
        return POOLS[x].pick(rng)
    return f


def home_and_mobile(w: World, country: str, mobile_share: float = 0.25) -> tuple[Callable, str]:
    rng = w.rng
    home = fixed(w, rng.choice(RESIDENTIAL[country]), rng.choice([1, 1, 1, 2, 3]))
    mob = rng.choice(MOBILE[country])
    return ipf([(1 - mobile_share, home), (mobile_share, mob)]), home[0]


def residential_proxy(rng: random.Random, countries: list[str]) -> str:
    """A rotating residential proxy: a fresh home address in one of the countries."""
    c = rng.choice(countries)
    return POOLS[rng.choice(RESIDENTIAL[c])].pick(rng)


# ---- clocks ----------------------------------------------------------------------------------

def active_day_weights(w: World, profile: str, share: float) -> list[float]:
    """The days an account is active: each day with probability `share` (at least one)."""
    rng = w.rng
    base = w.clock.day_weights(profile)
    on = [b if rng.random() < share else 0.0 for b in base]
    if sum(on) == 0:
        on[rng.randrange(len(on))] = 1.0
    return on


# ---- model choice ----------------------------------------------------------------------------

def pick_model(rng: random.Random, reasoning: bool, prefs: tuple[float, float, float] = (0.55, 0.35, 0.10)) -> str:
    if reasoning:
        return MODELS["reason"] if rng.random() < 0.75 else MODELS["reason_mini"]
    r = rng.random()
    if r < prefs[0]:
        return MODELS["pro"]
    if r < prefs[0] + prefs[1]:
        return MODELS["flash"]
    return MODELS["mini"]


# ---- human use -------------------------------------------------------------------------------

def make_prompt(rng: random.Random, kind: str, lang: str) -> tuple[str, bool, int]:
    """(prompt, reasoning?, output tokens) for an ordinary request of a kind."""
    if kind == "chat":
        return T.chat_prompt(rng, lang), rng.random() < 0.04, int(lognorm(rng, 380, 0.7))
    if kind == "code":
        return T.code_prompt(rng, lang), rng.random() < 0.12, int(lognorm(rng, 650, 0.7))
    if kind == "homework":
        r = rng.random() < 0.35
        return T.homework(rng, lang), r, int(lognorm(rng, 1400 if r else 450, 0.6))
    if kind == "embed":
        return T.embed_text(rng), False, 0
    raise KeyError(kind)


def human(w: World, a: Account, n: int, *, profile: str = "evening", mix: dict[str, float] | None = None,
          day_weights: list[float] | None = None, system: str | Callable[[random.Random], str] | None = None,
          conv_p: float = 0.6, mean_session: float = 4.0, prompt_fn: Callable | None = None,
          emit_kw: dict | Callable[[random.Random], dict] | None = None, reasoning_boost: float = 0.0,
          gap_median: float = 75.0, model_prefs=(0.55, 0.35, 0.10)) -> int:
    """About `n` requests in sessions on active days; returns how many were emitted."""
    rng, clock = w.rng, w.clock
    mix = mix or {"chat": 1.0}
    kinds, weights = list(mix), list(mix.values())
    dw = day_weights or clock.day_weights(profile)
    done = 0
    while done < n:
        t = clock.sample(rng, a.tz, profile, dw)
        k = min(n - done, 1 + int(rng.expovariate(1 / max(0.01, mean_session - 1))))
        kind = rng.choices(kinds, weights)[0]
        lang = rng.choice(a.langs)
        conv = w.conv() if (kind != "embed" and rng.random() < conv_p) else None
        history = 0
        for i in range(k):
            if prompt_fn is not None:
                prompt, reasoning, out = prompt_fn(rng, a, i, conv)
            elif conv and i > 0:
                prompt, reasoning, out = T.followup(rng, lang), False, int(lognorm(rng, 300, 0.6))
            else:
                if not conv:
                    kind = rng.choices(kinds, weights)[0]
                prompt, reasoning, out = make_prompt(rng, kind, lang)
            if reasoning_boost and not reasoning and rng.random() < reasoning_boost:
                reasoning, out = True, out + int(lognorm(rng, 900, 0.6))
            sysmsg = system(rng) if callable(system) else system
            kw = emit_kw(rng) if callable(emit_kw) else (emit_kw or {})
            endpoint = "/v1/embeddings" if kind == "embed" else None
            model = MODELS["embed"] if kind == "embed" else pick_model(rng, reasoning, model_prefs)
            r = w.emit(a, t, prompt, system=sysmsg, conv=conv, turn=(i + 1) if conv else 1,
                       reasoning=reasoning, out_tokens=out, history=history, model=model, endpoint=endpoint,
                       stream=(rng.random() < 0.7) if a.ua and a.ua.startswith("Mozilla") else None, **kw)
            if r is not None:
                done += 1
                if conv:
                    history += r["input_tokens"] + r["output_tokens"]
            else:
                done += 1  # outside the window or before signup: the session simply didn't happen
            t += lognorm(rng, gap_median, 0.9) + out / 60.0  # reading time grows with answer length
    return done


# ---- automated streams ------------------------------------------------------------------------

def stream(w: World, a: Account, n: int, gen: Callable[[random.Random, int], dict], *, profile: str = "flat",
           day_weights: list[float] | None = None, burst: float = 1.0) -> int:
    """`n` automated requests over the window; `gen(rng, i)` gives emit keyword arguments
    (must include 'prompt'). `burst` > 1 groups requests into back-to-back batches."""
    rng, clock = w.rng, w.clock
    dw = day_weights or clock.day_weights(profile)
    done = 0
    i = 0
    while done < n:
        t = clock.sample(rng, a.tz, profile, dw)
        k = min(n - done, max(1, int(lognorm(rng, burst, 0.5)))) if burst > 1 else 1
        for _ in range(k):
            kw = gen(rng, i)
            i += 1
            prompt = kw.pop("prompt")
            w.emit(a, t, prompt, **kw)
            done += 1
            t += rng.uniform(0.3, 4.0)
    return done


def run_set(w: World, a: Account, t0: float, items: list[str], *, gap=(0.8, 3.0), concurrency: int = 1,
            per_item: Callable | None = None, **kw) -> float:
    """Run a fixed list of prompts in order starting at t0 (an evaluation harness); returns end time."""
    rng = w.rng
    t = t0
    for j, p in enumerate(items):
        extra = per_item(rng, j) if per_item else {}
        w.emit(a, t, p, **kw, **extra)
        if (j + 1) % concurrency == 0:
            t += rng.uniform(*gap)
        else:
            t += rng.uniform(0.01, 0.2)
    return t


def ua_for(rng: random.Random, browser_share: float) -> str:
    return browser_ua(rng) if rng.random() < browser_share else sdk_ua(rng)


def app_ua(rng: random.Random) -> str:
    v = f"{rng.randint(2, 4)}.{rng.randint(0, 9)}.{rng.randint(0, 20)}"
    return rng.choice([f"NusantaraAI-Android/{v} (okhttp/4.12.0)", f"NusantaraAI-iOS/{v} CFNetwork/1490.0.4 Darwin/23.2.0"])


DAYLEN = DAY
