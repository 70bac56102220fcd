"""The world of labelled set "d": Quetzal AI, a US/LatAm model API, its networks, clocks and clients.

Written from the shared traffic format and from how people and services really reach a model API,
without reading Moat's detectors (see README.md). This module holds the *places* and *habits*
every persona draws from: address blocks (mobile CGNAT, IPv6 privacy addresses, corporate egress,
cloud NAT, VPN exits, university NAT, coworking floors, residential proxies), time zones with their
daily and weekly rhythms, user agents of real SDKs, IDEs and agents, and the request writer.
Personas (personas.py) decide *who* does *what*; this module only knows how it looks on the wire.
"""

from __future__ import annotations

import ipaddress
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

# Monday 2 November 2026, 00:00 UTC: the recording starts on a week boundary so weekends fall on
# days 5-6 of the first week.
START = 1793577600

# Time zones as fixed UTC offsets for November-December (no DST changes inside the window).
ZONES: dict[str, tuple[float, str]] = {
    "los_angeles": (-8, "US"), "denver": (-7, "US"), "chicago": (-6, "US"), "new_york": (-5, "US"),
    "mexico_city": (-6, "MX"), "monterrey": (-6, "MX"), "guadalajara": (-6, "MX"),
    "bogota": (-5, "CO"), "lima": (-5, "PE"), "santiago": (-3, "CL"), "buenos_aires": (-3, "AR"),
    "sao_paulo": (-3, "BR"), "madrid": (1, "ES"), "london": (0, "GB"), "singapore": (8, "SG"),
    "bangalore": (5.5, "IN"), "manila": (8, "PH"), "toronto": (-5, "CA"),
}

# Relative request intensity per local hour, 0..23.
DIURNAL: dict[str, list[float]] = {
    "office": [.02, .01, .01, .01, .01, .02, .05, .2, .6, 1, 1, 1, .6, .7, 1, 1, .9, .6, .3, .2, .2, .15, .1, .05],
    "evening": [.3, .15, .05, .03, .03, .05, .15, .3, .35, .3, .3, .35, .5, .45, .3, .3, .35, .45, .6, .8, 1, 1, .9, .6],
    "student": [.7, .5, .3, .1, .03, .02, .03, .08, .2, .35, .45, .5, .45, .5, .6, .6, .55, .5, .55, .7, .85, 1, 1, .9],
    "late_dev": [.4, .3, .15, .05, .02, .02, .05, .1, .3, .6, .8, .9, .7, .8, .9, .9, .8, .6, .5, .6, .7, .8, .7, .6],
    "flat": [1.0] * 24,
    "night_batch": [.6, 1, 1, 1, .9, .5, .2, .1, .1, .1, .1, .1, .1, .1, .1, .1, .1, .1, .1, .1, .1, .1, .2, .4],
}
WEEKEND = {"office": .12, "evening": 1.3, "student": .9, "late_dev": .6, "flat": 1.0, "night_batch": 1.0}


def _cum(weights: list[float]) -> list[float]:
    out, s = [], 0.0
    for w in weights:
        s += w
        out.append(s)
    return out


DIURNAL_CUM = {k: _cum(v) for k, v in DIURNAL.items()}


class Block:
    """A CIDR block to draw addresses from (IPv4 or IPv6)."""

    def __init__(self, cidr: str) -> None:
        net = ipaddress.ip_network(cidr, strict=False)
        self.cidr = str(net)
        self.v6 = net.version == 6
        self.base = int(net.network_address)
        self.size = net.num_addresses

    def pick(self, rng: random.Random) -> str:
        if self.v6:
            return str(ipaddress.IPv6Address(self.base + rng.getrandbits(min(64, self.size.bit_length() - 1))))
        if self.size <= 2:
            return str(ipaddress.IPv4Address(self.base))
        return str(ipaddress.IPv4Address(self.base + 1 + rng.randrange(self.size - 2)))

    def sub(self, prefix: int, rng: random.Random) -> Block:
        """A random sub-block of the given prefix length (a household's /56, an office's /29)."""
        net = ipaddress.ip_network(self.cidr)
        bits = (128 if self.v6 else 32) - prefix
        span = max(1, self.size >> bits)
        start = self.base + (rng.randrange(span) << bits)
        addr = ipaddress.IPv6Address(start) if self.v6 else ipaddress.IPv4Address(start)
        del net
        return Block(f"{addr}/{prefix}")


# Address space, by kind. The numbers look like real allocations of these kinds of network; none
# of them is meant to point at a real organisation.
HOME_V4 = {  # residential broadband per country: (ISP pools)
    "US": ["73.15.0.0/16", "98.207.0.0/16", "24.6.0.0/16", "76.102.0.0/16", "108.28.0.0/16"],
    "MX": ["187.188.0.0/16", "189.146.0.0/16", "201.141.0.0/16", "177.248.0.0/16"],
    "CO": ["181.51.0.0/16", "190.25.0.0/16"], "PE": ["190.235.0.0/16", "179.6.0.0/16"],
    "CL": ["190.160.0.0/16", "181.43.0.0/16", "200.104.0.0/16"], "AR": ["181.46.0.0/16", "190.18.0.0/16"],
    "BR": ["177.37.0.0/16", "189.6.0.0/16", "191.183.0.0/16"], "ES": ["83.44.0.0/16", "88.12.0.0/16"],
    "GB": ["86.140.0.0/16", "81.98.0.0/16"], "SG": ["116.86.0.0/16", "118.200.0.0/16"],
    "IN": ["49.36.0.0/16", "106.51.0.0/16"], "PH": ["112.198.0.0/16", "136.158.0.0/16"],
    "CA": ["174.112.0.0/16", "99.228.0.0/16"],
}
HOME_V6 = {  # ISPs that hand out IPv6; households get a /56 and privacy addresses rotate daily
    "US": ["2601:600::/24", "2600:1700::/28"], "MX": ["2806:2f0::/32", "2806:102e::/32"],
    "BR": ["2804:14c::/32", "2804:7f0::/32"], "CL": ["2800:150::/32"], "GB": ["2a00:23c6::/32"],
    "IN": ["2409:4060::/32"], "CO": ["2800:484::/32"], "AR": ["2802:8000::/28"],
}
MOBILE_CGNAT = {  # a few public addresses shared by thousands of phones per carrier
    "US": ["172.56.0.0/20", "172.58.64.0/20", "174.207.0.0/20"], "MX": ["189.203.96.0/20", "200.68.128.0/20"],
    "CO": ["191.95.0.0/20"], "BR": ["177.79.0.0/20", "179.240.0.0/20"], "CL": ["191.125.0.0/20"],
    "AR": ["186.143.128.0/20"], "PE": ["38.25.0.0/20"], "SG": ["111.65.32.0/20"], "IN": ["106.193.0.0/20"],
    "PH": ["49.144.0.0/20"], "ES": ["37.133.0.0/20"], "GB": ["82.132.208.0/20"], "CA": ["70.50.0.0/20"],
}
CLOUD = {  # cloud NAT egress ranges, shared by every tenant in the region
    "gcp-us-west1": "34.127.64.0/20", "gcp-us-central1": "34.172.0.0/20", "aws-us-east-1": "44.192.0.0/20",
    "aws-us-west-2": "44.230.0.0/20", "aws-sa-east-1": "18.228.0.0/20", "azure-eastus": "20.121.0.0/20",
    "aws-ap-southeast-1": "13.250.0.0/20", "hetzner": "5.161.0.0/20", "ovh": "51.75.0.0/20",
}
VPN_EXITS = {"mullvad-like-sjc": "185.213.154.0/24", "proton-like-mia": "146.70.199.0/24",
             "nord-like-sin": "185.159.157.0/24", "pia-like-mex": "149.102.242.0/24"}
RESIDENTIAL_PROXY_POOLS = [c for blocks in HOME_V4.values() for c in blocks]


def pick_country_home(country: str) -> str:
    return country if country in HOME_V4 else "US"


UA_SDK = [
    "Anthropic/Python 0.39.0", "Anthropic/Python 0.40.0", "Anthropic/Python 0.42.0", "Anthropic/JS 0.32.1",
    "Anthropic/JS 0.33.1", "OpenAI/Python 1.54.4", "OpenAI/Python 1.55.3", "OpenAI/Python 1.57.0",
    "OpenAI/JS 4.73.0", "OpenAI/JS 4.76.1", "AsyncOpenAI/Python 1.55.3", "AsyncAnthropic/Python 0.40.0",
]
UA_MISC = ["python-requests/2.32.3", "python-httpx/0.27.2", "curl/8.5.0", "curl/7.81.0", "Go-http-client/2.0",
           "axios/1.7.7", "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", "Python/3.11 aiohttp/3.10.10",
           "Java-http-client/17.0.12", "okhttp/4.12.0"]
UA_BROWSER = [
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
]
UA_MOBILE = [
    "Quetzal/2.14.0 (iPhone; iOS 18.1.1; Scale/3.00)", "Quetzal/2.14.1 (iPhone; iOS 18.2; Scale/3.00)",
    "Quetzal/2.13.4 (iPad; iOS 17.7; Scale/2.00)", "Quetzal/2.14.0 (Android 14; SM-A546E)",
    "Quetzal/2.14.0 (Android 15; Pixel 8)", "Quetzal/2.12.9 (Android 13; moto g84 5G)",
    "Quetzal/2.14.1 (Android 14; Redmi Note 13)",
]
UA_DESKTOP_APP = ["QuetzalDesktop/1.3.2 (macOS 15.1; arm64)", "QuetzalDesktop/1.3.2 (Windows 11; x64)",
                  "QuetzalDesktop/1.2.8 (macOS 14.6; x64)"]
UA_CODE_AGENT = ["quetzal-code/0.9.12 (external, cli)", "quetzal-code/0.9.14 (external, cli)",
                 "quetzal-code/0.9.14 (external, vscode)", "aider/0.67.0 Anthropic/Python 0.40.0",
                 "continue/0.8.57 (vscode) OpenAI/JS 4.73.0", "cline/3.0.4 Anthropic/JS 0.32.1"]

MODELS_MSG = ["quetzal-3.5-sonnet", "quetzal-3.5-sonnet", "quetzal-3.5-sonnet", "quetzal-3.5-haiku",
              "quetzal-3-opus", "quetzal-r1"]
MODELS_OAI = ["qz-sonnet-3.5", "qz-sonnet-3.5", "qz-haiku-3.5", "qz-r1", "qz-opus-3"]


def fill_factory(rng: random.Random, banks: dict[str, list[str]]) -> Callable[[str], str]:
    """A template filler: `{name}` becomes a random entry of banks[name] (nested once)."""
    pat = re.compile(r"\{(\w+)\}")

    def one(m: re.Match[str]) -> str:
        bank = banks.get(m.group(1))
        return rng.choice(bank) if bank else m.group(0)

    def fill(template: str) -> str:
        return pat.sub(one, pat.sub(one, template))

    return fill


@dataclass
class Account:
    """One account: what accounts.jsonl says about it and the habits its requests follow."""

    account_id: str
    record: dict[str, Any]
    label: dict[str, Any]
    zone: str = "new_york"
    keys: list[str] = field(default_factory=list)


class World:
    """Random sources, ids, the account directory and the request sink, shared by all personas."""

    def __init__(self, seed: int, days: int, careful: float) -> None:
        self.rng = random.Random(seed)
        self.np = np.random.default_rng(seed)
        self.days = days
        self.careful = careful
        self.accounts: list[Account] = []
        self.requests: list[dict[str, Any]] = []
        self.entities: list[dict[str, Any]] = []
        self._ids: set[str] = set()

    # ids -------------------------------------------------------------------------------------
    def hexid(self, prefix: str, bits: int = 64) -> str:
        while True:
            v = f"{prefix}{self.rng.getrandbits(bits):0{bits // 4}x}"
            if v not in self._ids:
                self._ids.add(v)
                return v

    def fingerprint(self) -> str:
        return self.hexid("pf_", 96)

    # time ------------------------------------------------------------------------------------
    def local_day_start(self, day: int, zone: str) -> float:
        """UTC timestamp of local midnight of recording day `day` in `zone`."""
        return START + day * 86400 - ZONES[zone][0] * 3600

    def is_weekend(self, day: int) -> bool:
        return day % 7 in (5, 6)

    def session_times(self, zone: str, per_day: float, rhythm: str, days: range | None = None,
                      weekend: float | None = None) -> list[float]:
        """Start times of sessions: Poisson per day, hour by the rhythm, minute uniform."""
        out: list[float] = []
        cum = DIURNAL_CUM[rhythm]
        wk = WEEKEND[rhythm] if weekend is None else weekend
        for day in days if days is not None else range(self.days):
            lam = per_day * (wk if self.is_weekend(day) else 1.0) * self.rng.lognormvariate(0, 0.35)
            n = int(self.np.poisson(lam))
            base = self.local_day_start(day, zone)
            for _ in range(n):
                hour = _bisect(cum, self.rng.random() * cum[-1])
                out.append(base + hour * 3600 + self.rng.random() * 3600)
        out.sort()
        return out

    def end(self) -> float:
        return START + self.days * 86400

    # directory -------------------------------------------------------------------------------
    def add_account(self, persona: str, *, categories: tuple[str, ...] = (), network_id: str | None = None,
                    org_id: str | None = None, variant: str | None = None, group_id: str | None = None,
                    zone: str, plan: str, email: str, created_at: float, declared_org: str | None = None,
                    declared_company: str | None = None, payment: str | None = None,
                    signup_ip: str | None = None, sso: str | None = None, credential: str | None = None,
                    verified: bool = True, n_keys: int = 1) -> Account:
        aid = self.hexid("acct_", 48)
        country = ZONES[zone][1]
        cred = credential or ("consumer_subscription" if plan in ("free", "pro", "max") else "api_key")
        record = {"account_id": aid, "created_at": round(created_at, 3), "email": email, "plan": plan,
                  "org_id": declared_org, "declared_company": declared_company, "payment_fingerprint": payment,
                  "signup_ip": signup_ip, "sso_tenant": sso, "country": country, "credential": cred,
                  "verified": verified, "status": "active"}
        label = {"account_id": aid, "persona": persona, "categories": list(categories),
                 "network_id": network_id, "org_id": org_id, "variant": variant, "group_id": group_id}
        acct = Account(aid, record, label, zone, [self.hexid("key_", 48) for _ in range(n_keys)])
        self.accounts.append(acct)
        return acct

    # requests --------------------------------------------------------------------------------
    def emit(self, acct: Account, ts: float, *, ip: str | None, ua: str | None, prompt: str,
             endpoint: str = "/v1/messages", model: str | None = None, system: str | None = None,
             conversation_id: str | None = None, turn: int = 1, input_tokens: int | None = None,
             output_tokens: int | None = None, reasoning: bool = False, reasoning_tokens: int = 0,
             stream: bool | None = None, cache_read: int = 0, cache_write: int = 0, max_tokens: int | None = None,
             platform: str | None = None, end_user_id: str | None = None, end_user_org: str | None = None,
             status: int = 200, key_id: str | bool | None = True, decision: str = "allow") -> None:
        rng = self.rng
        if ts >= self.end() or ts < START:
            return
        if model is None:
            model = rng.choice(MODELS_OAI if "chat/completions" in endpoint or "responses" in endpoint else MODELS_MSG)
        if input_tokens is None:
            input_tokens = max(8, len(prompt) // 4 + (len(system) // 4 if system else 0) + int(rng.expovariate(1 / 40)))
        if output_tokens is None:
            output_tokens = max(1, int(rng.lognormvariate(5.8, 0.8)))
        if reasoning and not reasoning_tokens:
            reasoning_tokens = int(rng.lognormvariate(6.9, 0.7))
        output_tokens += reasoning_tokens
        if status == 200 and rng.random() < 0.004:  # upstream overloaded: a real provider's 529s
            status = 529
        if status != 200:
            output_tokens = reasoning_tokens = 0
        if key_id is True:
            kid: str | None = acct.keys[0] if len(acct.keys) == 1 else rng.choice(acct.keys)
        else:
            kid = key_id if isinstance(key_id, str) else None
        self.requests.append({
            "ts": round(ts, 3), "request_id": self.hexid("req_", 80), "account_id": acct.account_id,
            "key_id": kid, "channel": "platform" if platform else "direct", "platform": platform,
            "end_user_id": end_user_id, "end_user_org": end_user_org, "client_ip": ip, "user_agent": ua,
            "endpoint": endpoint, "model": model, "conversation_id": conversation_id, "turn": turn,
            "system": system[:600] if system else None, "prompt": prompt[:1200],
            "input_tokens": int(input_tokens), "output_tokens": int(output_tokens),
            "cache_read_tokens": int(cache_read), "cache_write_tokens": int(cache_write),
            "reasoning_tokens": int(reasoning_tokens), "reasoning": reasoning,
            "stream": bool(rng.random() < 0.6) if stream is None else stream, "max_tokens": max_tokens,
            "status": status, "decision": decision,
        })


def _bisect(cum: list[float], x: float) -> int:
    lo, hi = 0, len(cum) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if cum[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo
