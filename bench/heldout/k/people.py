"""People and their devices: where a request comes from (home line, phone, office, campus, VPN), with which
client, and the app sessions everyone has."""

from __future__ import annotations

import random
from collections.abc import Callable

from content import APP_SYSTEM, consumer_prompt, followup, lang_for
from engine import ANTHROPIC, CHAT, RESPONSES, Account, Engine, lognorm
from world import (
    DAY,
    START,
    UA,
    Egress,
    Home,
    Mobile,
    app_ua,
    browser_ua,
    card,
    day_kind,
    h,
    local_parts,
    person,
    personal_email,
)

COUNTRY_MIX = [("ES", 17), ("FR", 18), ("DE", 15), ("IT", 10), ("PL", 6), ("NL", 4), ("BE", 3), ("PT", 3),
               ("SE", 2), ("AT", 2), ("IE", 1), ("GR", 1), ("RO", 1.5), ("CZ", 1), ("FI", .5), ("DK", .5),
               ("LU", .3), ("MA", 6), ("DZ", 3), ("TN", 2), ("EG", 4)]
APP_DATE = "2026-10-{d}"


def app_system(ts: float) -> str:
    """The first-party app's system prompt carries the date (UTC day of the request)."""
    day = int((ts - START) // DAY) + 22
    return APP_SYSTEM.format(date=APP_DATE.format(d=min(day, 31)) if day <= 31 else f"2026-11-{day - 31:02d}")


def pick_country(rng: random.Random, mix: list[tuple[str, float]] | None = None) -> str:
    mix = mix or COUNTRY_MIX
    return rng.choices([c for c, _ in mix], weights=[w for _, w in mix])[0]


def past(rng: random.Random, lo_days: float, hi_days: float) -> float:
    return START - rng.uniform(lo_days, hi_days) * DAY


class Person:
    """One human: a home line, a phone on a carrier, maybe an office or campus, a laptop browser."""

    def __init__(self, eng: Engine, rng: random.Random, country: str | None = None, *, office: Egress | None = None,
                 lang: str | None = None, office_share: float = .85):
        self.eng = eng
        self.country = country or pick_country(rng)
        self.first, self.last = person(rng, self.country)
        self.home = Home(rng, self.country)
        self.mobile = Mobile(eng.world, rng, self.country)
        self.office = office
        self.office_share = office_share
        self.app = app_ua(rng)
        self.browser = browser_ua(rng)
        self.lang = lang or lang_for(rng, self.country)
        self.dev = "d" + h(rng.random())[:8]
        self.vpn: Egress | None = None
        self.vpn_share = 0.0

    def email(self, rng: random.Random) -> str:
        return personal_email(rng, self.country, self.first, self.last)

    def card(self) -> str:
        return card("person", self.dev)

    def workday(self, ts: float) -> tuple[bool, float]:
        day, _, hour = local_parts(self.country, ts)
        return day_kind(self.country, day) == "work", hour

    def ip(self, rng: random.Random, ts: float, client: str = "web") -> str | None:
        if self.vpn and rng.random() < self.vpn_share:
            # a VPN connection holds one exit for the session: derive from the half hour
            return self.vpn.addresses[int(h(self.dev, int(ts // 1800)), 16) % len(self.vpn.addresses)]
        work, hour = self.workday(ts)
        if self.office and work and 8.5 <= hour < 18.5 and rng.random() < self.office_share:
            return self.office.sticky(self.dev) if self.office.kind != "swg" else self.office.pick(rng)
        if client == "app":
            at_home = hour >= 19.5 or hour < 7.5 or not work
            if rng.random() < (.75 if at_home else .25):
                return self.home.ip(ts, self.dev + "phone")
            return self.mobile.ip(ts, rng)
        return self.home.ip(ts, self.dev + client)

    def signup_ip(self, rng: random.Random, ts: float) -> str | None:
        return self.ip(rng, ts, rng.choice(["app", "web"]))

    def msg_lang(self, rng: random.Random) -> str:
        return self.lang if rng.random() < .9 else lang_for(rng, self.country)


def consumer_account(eng: Engine, rng: random.Random, persona: str, p: Person, plan: str, *,
                     created: float | None = None, email: str | None = None, **kw) -> Account:
    created = created if created is not None else past(rng, 2, 700)
    pay = kw.pop("payment", None)
    if pay is None and plan != "free":
        pay = p.card()
    return eng.account(rng, persona, email=email or p.email(rng), plan=plan, country=p.country,
                       created_at=created, signup_ip=p.signup_ip(rng, created), payment=pay,
                       verified=kw.pop("verified", rng.random() < .97), **kw)


def app_session(eng: Engine, a: Account, rng: random.Random, p: Person, ts: float, *,
                prompts: list[str] | None = None, turns: int | None = None, client: str | None = None,
                model: str | None = None, deep: bool = False, lang: str | None = None,
                make_follow: Callable[[random.Random, str], str] | None = None, out_median: float = 420,
                extra: int = 0, ua: str | None = None, ip: Callable[[float], str | None] | None = None,
                think: tuple[float, float] = (15, 220)) -> float:
    """A conversation in Alcor's own app or web app (no API key)."""
    lang = lang or p.msg_lang(rng)
    if prompts is None:
        n = turns or min(12, 1 + int(rng.expovariate(.55)))
        fol = make_follow or followup
        prompts = [consumer_prompt(rng, lang)] + [fol(rng, lang) for _ in range(n - 1)]
    client = client or ("app" if rng.random() < .6 else "web")
    if model is None:
        model = "alcor-3-flash" if a.plan == "free" and rng.random() < .7 else "alcor-3"
    if deep:
        model = "alcor-3-deep"
    outs = [lognorm(rng, out_median, .7, 15, 6000) for _ in prompts]
    sess = "s" + f"{rng.getrandbits(40):x}"
    uastr = ua or (p.app if client == "app" else p.browser)
    system = app_system(ts)
    addr = ip or (lambda t: p.ip(rng, t, client))
    conv = eng.conv(rng)
    for i, (pr, o) in enumerate(zip(prompts, outs, strict=False)):
        d = eng.emit(a, ts, pr, o, model=model, endpoint=ANTHROPIC, ua=uastr, ip=addr(ts), lang=lang,
                     system=system, sys_tok=2800, conv=conv, extra=extra if i == 0 else 0, reasoning=deep,
                     rtok=lognorm(rng, 1600, .8, 100, 24000) if deep else 0, stream=True,
                     max_tokens=32000 if deep else 8192, key=None, session=sess, cache="app", rng=rng)
        ts += d + rng.uniform(*think)
    return ts


SDK_ENDPOINT = {"anthropic_py": ANTHROPIC, "anthropic_py_old": ANTHROPIC, "anthropic_js": ANTHROPIC,
                "openai_py": CHAT, "openai_py_old": CHAT, "openai_js": CHAT, "litellm": CHAT, "dotnet": CHAT,
                "codex": RESPONSES, "cline": ANTHROPIC, "roo": ANTHROPIC, "opencode": ANTHROPIC, "zed": ANTHROPIC,
                "aider": CHAT, "continue": CHAT, "requests": CHAT, "httpx": CHAT, "aiohttp": CHAT, "curl": CHAT,
                "curl_mac": CHAT, "go": CHAT, "java": CHAT, "node_fetch": CHAT, "axios": CHAT, "okhttp": CHAT,
                "guzzle": CHAT, "postman": CHAT, "insomnia": CHAT, "n8n": CHAT, "make": CHAT,
                "alcor_cli": ANTHROPIC, "alcor_cli_old": ANTHROPIC}


def sdk(rng: random.Random, choices: list[str] | None = None) -> tuple[str, str]:
    """(user agent, endpoint) of a client library; OpenAI-style clients sometimes use the Responses API."""
    k = rng.choice(choices or ["anthropic_py", "anthropic_py", "openai_py", "openai_py", "anthropic_js",
                               "openai_js", "litellm", "httpx"])
    ep = SDK_ENDPOINT[k]
    if ep == CHAT and k.startswith("openai") and rng.random() < .3:
        ep = RESPONSES
    return UA[k], ep


def cache_mode(endpoint: str, explicit: bool = False) -> str:
    if endpoint == ANTHROPIC:
        return "explicit" if explicit else "none"
    return "auto"


