"""How callers behave: accounts, places and devices, daily rhythms, conversations, quotas, records."""

# Full-width punctuation (：？（）、，) is how Japanese and Chinese are written, not a typo.
# ruff: noqa: RUF003

from __future__ import annotations

import math
import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate

from world import DAY, HOME, HOME6, JP_HOLIDAYS, MOBILE, MOBILE6, START, TZ, Pools, addr_in, hexid, v6_host, v6_prefix

MODELS = {"big": "hoshi-3", "flash": "hoshi-3-flash", "mini": "hoshi-3-mini", "think": "hoshi-3-think"}
OPENAI = "/v1/chat/completions"
ANTHROPIC = "/v1/messages"

# local-hour weights
PROFILE = {
    "consumer": [3, 2, 1, 0.5, 0.3, 0.3, 0.8, 2, 3, 3, 3, 3, 5, 4, 3, 3, 3, 4, 5, 6, 8, 9, 8, 5],
    "office": [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 2, 6, 9, 10, 9, 5, 8, 10, 10, 9, 7, 4, 2, 1.5, 1, 0.6, 0.3],
    "student": [6, 4, 2, 1, 0.3, 0.2, 0.3, 1, 2, 4, 5, 5, 5, 6, 6, 5, 5, 5, 6, 7, 8, 9, 9, 8],
    "dev": [3, 2, 1, 0.5, 0.2, 0.2, 0.5, 1, 3, 6, 8, 8, 5, 7, 8, 8, 7, 6, 5, 6, 7, 7, 6, 4],
    "flat": [1] * 24,
    "support": [1.5, 0.8, 0.5, 0.3, 0.3, 0.5, 1.5, 4, 6, 8, 9, 9, 8, 8, 8, 8, 7, 7, 7, 7, 6, 5, 4, 2.5],
}
_CUM = {k: list(accumulate(v)) for k, v in PROFILE.items()}


@dataclass
class Account:
    account_id: str
    created_at: float
    email: str
    plan: str
    country: str
    org_id: str | None = None
    declared_company: str | None = None
    payment_fingerprint: str | None = None
    signup_ip: str | None = None
    sso_tenant: str | None = None
    # labels
    persona: str = ""
    categories: list[str] = field(default_factory=list)
    label_org: str | None = None
    network_id: str | None = None
    group: str | None = None
    notes: str = ""
    careful: float | None = None
    # behaviour
    keys: list[str] = field(default_factory=list)
    credit: int | None = None  # trial credit, in requests, for api trial accounts

    def account_row(self) -> dict[str, object]:
        return {
            "account_id": self.account_id,
            "created_at": round(self.created_at, 3),
            "email": self.email,
            "plan": self.plan,
            "org_id": self.org_id,
            "declared_company": self.declared_company,
            "payment_fingerprint": self.payment_fingerprint,
            "signup_ip": self.signup_ip,
            "sso_tenant": self.sso_tenant,
            "country": self.country,
        }

    def label_row(self) -> dict[str, object]:
        return {
            "account_id": self.account_id,
            "persona": self.persona,
            "categories": self.categories,
            "org_id": self.label_org,
            "network_id": self.network_id,
            "group": self.group,
            "notes": self.notes,
            "careful": None if self.careful is None else round(self.careful, 2),
        }


# ---------------------------------------------------------------- places: where a request comes from


class Place:
    def ip(self, rng: random.Random, day: int) -> str:
        raise NotImplementedError


class Fixed(Place):
    """An office, a campus NAT, a café, a relay: a handful of addresses shared by whoever is there."""

    def __init__(self, addrs: list[str]) -> None:
        self.addrs = addrs

    def ip(self, rng: random.Random, day: int) -> str:
        return rng.choice(self.addrs)


class Home(Place):
    """A fixed line: one IPv4 that changes now and then, often dual-stack IPv6 with privacy addresses."""

    def __init__(self, rng: random.Random, country: str, v6: float | None = None) -> None:
        isp, cidrs = rng.choice(HOME[country])
        self.isp = isp
        self.cidrs = cidrs
        self.by_day = [addr_in(rng, rng.choice(cidrs))]
        for _ in range(7):
            self.by_day.append(self.by_day[-1] if rng.random() > 0.08 else addr_in(rng, rng.choice(cidrs)))
        share = (0.45 if country == "JP" else 0.25) if v6 is None else v6
        self.v6 = v6_prefix(rng, rng.choice(HOME6[country])) if rng.random() < share else None

    def ip(self, rng: random.Random, day: int) -> str:
        if self.v6 and rng.random() < 0.6:
            return v6_host(random.Random(hash_day(self.v6, day)), self.v6)
        return self.by_day[max(0, min(day, 7))]

    @property
    def first(self) -> str:
        return self.by_day[0]


def hash_day(text: str, day: int) -> int:
    return sum((i + 1) * ord(ch) for i, ch in enumerate(text)) * 31 + day


class Mobile(Place):
    """A phone on a carrier: CGNAT addresses shared by thousands, or a per-device IPv6 prefix."""

    def __init__(self, rng: random.Random, pools: Pools, country: str) -> None:
        name, cidrs = rng.choice(MOBILE[country])
        self.pool = pools.cgnat[(country, name)]
        self.v6 = v6_prefix(rng, rng.choice(MOBILE6[country])) if rng.random() < 0.3 else None
        self.cidrs = cidrs

    def ip(self, rng: random.Random, day: int) -> str:
        if self.v6 and rng.random() < 0.7:
            return v6_host(rng, self.v6)
        return rng.choice(self.pool)


class Rotating(Place):
    """Residential proxies: each request or session exits from some stranger's home line."""

    def __init__(self, countries: list[str]) -> None:
        self.countries = countries

    def ip(self, rng: random.Random, day: int) -> str:
        country = rng.choice(self.countries)
        _, cidrs = rng.choice(HOME[country])
        return addr_in(rng, rng.choice(cidrs))


class Cloud(Place):
    """A customer's own egress addresses (NAT gateways, elastic IPs) inside a cloud's big ranges."""

    def __init__(self, rng: random.Random, cidrs: list[str], n: int) -> None:
        self.addrs = [addr_in(rng, rng.choice(cidrs)) for _ in range(n)]

    def ip(self, rng: random.Random, day: int) -> str:
        return rng.choice(self.addrs)


@dataclass
class Device:
    place: Place
    ua: str
    endpoint: str = OPENAI
    weight: float = 1.0


UA_BROWSER = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKi"
    "t/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKi"
    "t/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
]
UA_APP = [
    "HoshiApp/4.12.0 (iPhone; iOS 18.1.1)",
    "HoshiApp/4.12.0 (iPhone; iOS 17.6)",
    "HoshiApp/4.11.2 (Android 15; Pixel 8)",
    "HoshiApp/4.12.0 (Android 14; SO-51D)",
    "HoshiApp/4.12.1 (Android 14; SM-S921B)",
    "HoshiApp/4.10.0 (Android 13; A302ZT)",
    "HoshiApp/4.12.0 (iPad; iPadOS 18.1)",
]
UA_SDK = [
    "hoshi-python/1.8.2",
    "hoshi-python/1.7.0",
    "OpenAI/Python 1.54.4",
    "OpenAI/Python 1.55.0",
    "OpenAI/JS 4.73.0",
    "anthropic-python/0.40.0",
    "hoshi-node/1.3.1",
    "langchain-openai/0.2.9",
    "LiteLLM/1.52.0",
]
UA_SCRIPT = [
    "python-requests/2.32.3",
    "python-httpx/0.27.2",
    "curl/8.5.0",
    "Go-http-client/2.0",
    "aiohttp/3.10.10",
    "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)",
]
UA_CLI = ["hoshi-code/0.9.3 (darwin; arm64)", "hoshi-code/0.9.3 (linux; x64)", "hoshi-code/0.9.1 (win32; x64)"]


def browser_or_app(rng: random.Random) -> str:
    return rng.choice(UA_APP) if rng.random() < 0.55 else rng.choice(UA_BROWSER)


def home_and_phone(rng: random.Random, pools: Pools, country: str, phone_share: float = 0.5) -> list[Device]:
    devs = [Device(Home(rng, country), rng.choice(UA_BROWSER), weight=1 - phone_share)]
    if phone_share > 0:
        devs.append(Device(Mobile(rng, pools, country), rng.choice(UA_APP), weight=phone_share))
    return devs


# ---------------------------------------------------------------- time


def local_ts(day: int, hour: float, tz: int) -> float:
    return START + day * DAY + (9 - tz) * 3600 + hour * 3600


def pick_hour(rng: random.Random, profile: str) -> float:
    cum = _CUM[profile]
    h = next(i for i, c in enumerate(cum) if c >= rng.random() * cum[-1])
    return h + rng.random()


def poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def day_factor(day: int, country: str, weekend: float, holiday: float | None = None) -> float:
    wd = day % 7  # day 0 is a Monday
    f = weekend if wd >= 5 else 1.0
    if country == "JP" and day in JP_HOLIDAYS:
        f = weekend if holiday is None else holiday
    return f


def session_starts(
    rng: random.Random,
    country: str,
    profile: str,
    per_day: float,
    days: int,
    weekend: float = 1.0,
    first_day: int = 0,
    last_day: int | None = None,
) -> list[tuple[int, float]]:
    tz = TZ[country]
    out = []
    for d in range(first_day, days if last_day is None else min(days, last_day + 1)):
        for _ in range(poisson(rng, per_day * day_factor(d, country, weekend))):
            out.append((d, local_ts(d, pick_hour(rng, profile), tz)))
    return out


def think_gap(rng: random.Random, mean: float = 70.0) -> float:
    return min(1800.0, rng.lognormvariate(math.log(mean), 0.8))


# ---------------------------------------------------------------- the record sink


def tokens(text: str | None) -> int:
    if not text:
        return 0
    n = len(text)
    wide = (len(text.encode()) - n) / 2  # roughly the count of CJK (3-byte) characters
    return max(1, int(wide * 1.05 + (n - wide) / 3.8))


class Traffic:
    """Accounts and their requests, built by the personas and written by generate.py."""

    def __init__(self, seed: int, pools: Pools, window_end: float) -> None:
        from world import rng_for

        self.seed = seed
        self.pools = pools
        self.end = window_end
        self.rng = rng_for(seed, "traffic")
        self.ids = rng_for(seed, "ids")
        self.accounts: list[Account] = []
        self.rows: list[dict[str, object]] = []
        self.seen_ids: set[str] = set()

    def new_account(
        self,
        rng: random.Random,
        *,
        persona: str,
        country: str,
        plan: str,
        created_at: float,
        email: str,
        n_keys: int = 1,
        **kw: object,
    ) -> Account:
        a = Account(
            account_id="acct_" + hexid(self.ids, 14),
            created_at=created_at,
            email=email,
            plan=plan,
            country=country,
            persona=persona,
            **kw,
        )  # type: ignore[arg-type]
        a.keys = ["key_" + hexid(self.ids, 10) for _ in range(n_keys)]
        self.accounts.append(a)
        return a

    def conv_id(self) -> str:
        return "conv_" + hexid(self.ids, 16)

    def send(
        self,
        a: Account,
        ts: float,
        prompt: str,
        *,
        ip: str | None,
        ua: str | None,
        endpoint: str = OPENAI,
        model: str = "hoshi-3-flash",
        system: str | None = None,
        conv: str | None = None,
        turn: int = 1,
        reasoning: bool = False,
        stream: bool | None = None,
        out: int | None = None,
        context: int = 0,
        channel: str = "direct",
        platform: str | None = None,
        end_user_id: str | None = None,
        end_user_org: str | None = None,
        key: str | None = None,
    ) -> None:
        if ts < START or ts >= self.end or ts < a.created_at:
            return
        r = self.rng
        prompt = prompt[:2000]
        if system is not None:
            system = system[:1000]
        tin = tokens(prompt) + tokens(system) + context + (turn - 1) * r.randint(150, 700)
        if out is None:
            out = int(r.lognormvariate(math.log(350), 0.7))
        if reasoning:
            out += int(r.lognormvariate(math.log(1800), 0.6))
        rid = "req_" + hexid(self.ids, 20)
        self.rows.append(
            {
                "ts": round(ts, 3),
                "request_id": rid,
                "account_id": a.account_id,
                "key_id": key or a.keys[0],
                "channel": channel,
                "platform": platform,
                "end_user_id": end_user_id,
                "end_user_org": end_user_org,
                "client_ip": ip,
                "user_agent": ua,
                "endpoint": endpoint,
                "model": model,
                "conversation_id": conv,
                "turn": turn,
                "system": system,
                "prompt": prompt,
                "input_tokens": tin,
                "output_tokens": max(1, out),
                "reasoning": reasoning,
                "stream": (r.random() < 0.7) if stream is None else stream,
                "status": 200,
                "decision": "allow",
            }
        )

    def chat(self, a: Account, rng: random.Random, t0: float, prompts: list[str], dev: Device, **kw: object) -> float:
        """One conversation: turns separated by reading and typing time. Returns the end time."""
        conv = self.conv_id()
        kw = {"endpoint": dev.endpoint, **kw}
        t = t0
        day = int((t0 - START) // DAY)
        ip = dev.place.ip(rng, day)
        for i, p in enumerate(prompts):
            if i and rng.random() < 0.1:
                ip = dev.place.ip(rng, day)  # a phone moving between cells, a v6 privacy address rotating
            self.send(a, t, p, ip=ip, ua=dev.ua, conv=conv, turn=i + 1, **kw)  # type: ignore[arg-type]
            t += think_gap(rng)
        return t


# ---------------------------------------------------------------- quotas, credits and upstream errors

QUOTA_5H = {"free": 40, "pro": 225, "max": 1100}
RPM = {"api": 300, "team": 600}


def apply_limits(rows: list[dict[str, object]], accounts: list[Account], seed: int) -> None:
    """What the gateway did with each request: plan quotas, trial credit, per-minute limits, upstream errors."""
    from world import rng_for

    r = rng_for(seed, "limits")
    by_id = {a.account_id: a for a in accounts}
    recent: dict[str, deque[float]] = {}
    minute: dict[str, deque[float]] = {}
    used: dict[str, int] = {}
    for row in rows:  # rows are in time order
        a = by_id[str(row["account_id"])]
        ts = float(row["ts"])  # type: ignore[arg-type]
        aid = a.account_id
        if a.plan in QUOTA_5H:
            q = recent.setdefault(aid, deque())
            while q and q[0] < ts - 5 * 3600:
                q.popleft()
            if len(q) >= QUOTA_5H[a.plan]:
                row.update(status=429, decision="throttle:plan_quota", output_tokens=0)
                continue
            q.append(ts)
        elif a.plan in RPM:
            m = minute.setdefault(aid, deque())
            while m and m[0] < ts - 60:
                m.popleft()
            if len(m) >= RPM[a.plan]:
                row.update(status=429, decision="throttle:rate_limit", output_tokens=0)
                continue
            m.append(ts)
        if a.credit is not None:
            used[aid] = used.get(aid, 0) + 1
            if used[aid] > a.credit:
                row.update(status=402, decision="deny:insufficient_credit", output_tokens=0)
                continue
        x = r.random()
        if x < 0.004:
            row.update(status=529, output_tokens=0)  # upstream overloaded
        elif x < 0.006:
            row.update(status=500, output_tokens=0)
        elif x < 0.009:
            row.update(status=400, decision="allow", output_tokens=0)  # bad request (context too long, bad JSON)


# ---------------------------------------------------------------- a person using the API over the week

LANGS_BY_COUNTRY = {
    "JP": [("ja", 85), ("en", 15)],
    "TW": [("zh", 80), ("en", 12), ("ja", 8)],
    "VN": [("vi", 80), ("en", 20)],
    "PH": [("tl", 55), ("en", 45)],
}


def langs_for(rng: random.Random, country: str) -> list[str]:
    """A person's languages, most-used first (a TW engineer may write some English, a few Japanese)."""
    langs, weights = zip(*LANGS_BY_COUNTRY[country], strict=True)
    main = rng.choices(langs, weights)[0]
    other = rng.choices(langs, weights)[0]
    return [main] * 4 + [other]


def typing_style(rng: random.Random, country: str) -> str | None:
    if country != "JP":
        return None
    x = rng.random()
    return "hankaku" if x < 0.06 else "zenkaku" if x < 0.14 else None


def usage(
    t: Traffic,
    a: Account,
    rng: random.Random,
    devices: list[Device],
    *,
    days: int,
    profile: str,
    per_day: float,
    langs: list[str],
    kinds: list[str],
    turns: float = 2.5,
    weekend: float = 1.0,
    style: str | None = None,
    models: tuple[tuple[str, float], ...] = (("flash", 6), ("big", 3), ("mini", 1)),
    reasoning: float = 0.05,
    system: str | None = None,
    first_day: int = 0,
    last_day: int | None = None,
    context: int = 0,
    prompt_fn: Callable[[random.Random, str, str], str] | None = None,
    **send_kw: object,
) -> None:
    from text import benign_prompt, followup, stylize

    make = prompt_fn or benign_prompt
    names, weights = zip(*models, strict=True)
    dweights = [d.weight for d in devices]
    for _day, ts in session_starts(rng, a.country, profile, per_day, days, weekend, first_day, last_day):
        dev = rng.choices(devices, dweights)[0]
        for _ in range(1 + poisson(rng, 0.4)):
            lang = rng.choice(langs)
            k = 1 + poisson(rng, max(0.0, turns - 1))
            st = style if lang == "ja" else None
            prompts = [stylize(make(rng, lang, rng.choice(kinds)), st)]
            prompts += [stylize(followup(rng, lang), st) for _ in range(k - 1)]
            model = MODELS[rng.choices(names, weights)[0]]
            think = rng.random() < reasoning
            ts = t.chat(
                a,
                rng,
                ts,
                prompts,
                dev,
                model="hoshi-3-think" if think and rng.random() < 0.5 else model,
                reasoning=think,
                system=system,
                context=context,
                **send_kw,
            ) + think_gap(rng, 120)
