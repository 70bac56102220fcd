#!/usr/bin/env python3
"""Held-out labelled DATA-API traffic generator "c" for Moat (independent of the detectors and the simulator).

    python bench/heldout/c/generate.py OUT_DIR [--seed N] [--accounts 800] [--days 7]
                                       [--careful 0..1] [--mix PERSONA=WEIGHT ...]

A social network's data API (firehose streams, recent and full-archive search, user and tweet lookups)
seen through Moat's recorder: every request has kind "data" and the data fields of docs/data-apis.md.
Writes accounts.jsonl, requests.jsonl (sorted by ts), entities.jsonl (shared/spec/traffic-format.md)
and labels.jsonl (one line per account: account_id, persona, categories, network_id, org_id,
declared_use_mismatch). Standard library + numpy only; deterministic per seed. README.md next to this
file describes the personas, their proportions and the labelling decisions.

Written from the spec, docs/data-apis.md and how data APIs are used and abused in practice, without
reading Moat's detectors, identity linking, simulator or the other held-out sets' personas.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import string
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timezone
from functools import lru_cache
from urllib.parse import quote_plus

import numpy as np

DAY = 86400.0
HOUR = 3600.0
CATS = ("distillation", "scraping", "tier_abuse", "coordination", "competitor")
SNOWFLAKE_EPOCH_MS = 1288834974657          # ids carry their creation time, as the real firehose's do
ARCHIVE_START = datetime(2006, 3, 21, tzinfo=timezone.utc).timestamp()   # the network's first post
LEGACY_MAX_USER_ID = 1_500_000_000          # dense, sequential user ids of 2006-2013; snowflakes after

# The gateway configuration this traffic was recorded under (docs/data-apis.md): route prefix, the
# `resource` rule, the `item_resource` field. The longest matching prefix wins, as in the gateway.
ROUTES = [
    ("/2/tweets/search/stream/rules", None, None),
    ("/2/tweets/search/stream", None, "author_id"),
    ("/2/tweets/sample/stream", None, "author_id"),
    ("/2/tweets/search/recent", "query:query", "author_id"),
    ("/2/tweets/search/all", "query:query", "author_id"),
    ("/2/tweets/counts/recent", "query:query", None),
    ("/2/tweets/counts/all", "query:query", None),
    ("/2/tweets", "path:2", "author_id"),
    ("/2/users/by/username", "path:4", "id"),
    ("/2/users/search", "query:query", "id"),
    ("/2/users", "path:2", "id"),
]
ROUTES_BY_LEN = sorted(ROUTES, key=lambda r: -len(r[0]))

# --------------------------------------------------------------------------------------------
# vocabularies
# --------------------------------------------------------------------------------------------

FIRST = ("james mary robert patricia john jennifer michael linda david elizabeth william barbara richard susan joseph "
         "jessica thomas sarah chris karen daniel lisa matthew nancy anthony emily kevin donna brian michelle jason "
         "ryan laura justin aarav priya rohan ananya vikram sneha wei jing hao yuki haruto sakura minjun jiwoo lucas "
         "sofia mateo valentina gabriel camila lukas lena jonas mia felix hannah noah emma liam olivia chloe louis "
         "manon hugo ines tomasz zofia olumide chioma tunde amara fatima omar yusuf leila emre elif noa lars ingrid "
         "pablo lucia diego carmen thiago ana joao maria oliver freya dmitri irina").split()
LAST = ("smith johnson williams brown jones garcia miller davis rodriguez martinez lopez gonzalez wilson anderson "
        "thomas taylor moore jackson martin lee perez thompson white harris sanchez clark lewis walker young allen "
        "king wright scott torres nguyen hill green adams baker hall rivera campbell carter sharma patel gupta reddy "
        "iyer chen wang zhang liu yang tanaka suzuki sato kim park choi silva santos oliveira muller schmidt weber "
        "dubois moreau kowalski nowak okafor adeyemi yilmaz kaya cohen levi andersson nilsson fernandez costa novak").split()
COUNTRIES = {  # cc: (utc offset, residential /16 patterns, weight)
    "US": (-6, ["73.{}", "98.{}", "24.{}", "67.{}", "71.{}", "108.{}", "174.{}", "76.{}"], 34),
    "GB": (0, ["86.{}", "81.{}", "92.{}", "90.{}"], 8), "DE": (1, ["84.{}", "91.{}", "93.{}", "87.{}"], 7),
    "FR": (1, ["90.{}", "86.{}", "78.{}"], 4), "IN": (5.5, ["49.{}", "106.{}", "117.{}", "122.{}"], 9),
    "BR": (-3, ["177.{}", "179.{}", "189.{}"], 5), "CA": (-5, ["99.{}", "142.{}", "70.{}"], 4),
    "JP": (9, ["126.{}", "133.{}", "153.{}"], 6), "KR": (9, ["121.{}", "175.{}", "211.{}"], 2),
    "NL": (1, ["84.{}", "83.{}", "145.{}"], 3), "ES": (1, ["88.{}", "83.{}", "95.{}"], 3),
    "AU": (10, ["101.{}", "120.{}", "58.{}"], 3), "NG": (1, ["102.{}", "105.{}", "197.{}"], 2),
    "ID": (7, ["36.{}", "110.{}", "114.{}"], 3), "MX": (-6, ["187.{}", "189.{}", "201.{}"], 2),
    "TR": (3, ["78.{}", "88.{}", "176.{}"], 2), "SE": (1, ["83.{}", "81.{}"], 1),
}
V6_RES = ["2601:{:x}", "2a02:c7c", "2003:{:x}", "2409:40{:02x}", "2804:{:x}", "240b:{:x}"]
DC_BLOCKS = ["3.{}.{}", "18.{}.{}", "54.{}.{}", "34.{}.{}", "35.{}.{}", "20.{}.{}", "13.{}.{}", "52.{}.{}"]
BUSINESS_BLOCKS = ["12.{}.{}", "63.{}.{}", "64.{}.{}", "66.{}.{}", "80.{}.{}", "195.{}.{}", "212.{}.{}", "217.{}.{}", "38.{}.{}"]
DC_SMALL = ["65.108.{}.{}", "95.217.{}.{}", "164.90.{}.{}", "159.89.{}.{}", "45.77.{}.{}", "139.59.{}.{}", "5.161.{}.{}"]
EMAIL_PROVIDERS = [("gmail.com", 52), ("outlook.com", 10), ("yahoo.com", 6), ("icloud.com", 7), ("hotmail.com", 5),
                   ("proton.me", 5), ("gmx.de", 2), ("fastmail.com", 1), ("qq.com", 2), ("yandex.com", 1), ("live.com", 2)]

UA_SCRIPT = ["python-requests/2.31.0", "python-requests/2.32.3", "python-requests/2.28.2", "python-httpx/0.27.2",
             "python-httpx/0.28.1", "aiohttp/3.9.5", "curl/8.5.0", "curl/7.81.0", "axios/1.7.7", "axios/1.6.8",
             "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", "Go-http-client/2.0", "Go-http-client/1.1",
             "Java-http-client/17.0.9", "okhttp/4.12.0", "GuzzleHttp/7", "Ruby", "PostmanRuntime/7.39.0", "undici"]
UA_LIB = ["tweepy 4.14.0", "Tweepy/4.14.0 python-requests/2.31.0", "twitter-api-v2/1.17.2 (node)", "go-twitter/2.1.0",
          "twitter4j/4.1.2", "rtweet/2.0.0 httr2/1.0.1", "TwitterAPI 2.8.2"]
UA_ACADEMIC = ["twarc/2.14.0", "twarc/2.13.0", "academictwitteR/0.3.1 httr/1.4.7", "python-requests/2.31.0",
               "tweepy 4.14.0", "R (4.3.2 x86_64-pc-linux-gnu) httr/1.4.7"]
UA_BROWSER = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{c}.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{c}.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.{s} Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{c}.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:{f}.0) Gecko/20100101 Firefox/{f}.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_{s} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.{s} Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{c}.0.0.0 Mobile Safari/537.36",
]

BRANDS = ["Northbeam", "Acme Outdoor", "Lumora", "Vantix", "Pelican Air", "Brightwell Bank", "Kestrel Motors", "Oakline",
          "Fjordia", "Zephyr Mobile", "Tandem Foods", "Cobalt Games", "Mirela Beauty", "Quanta Telecom", "Harbor Coffee",
          "Solenne", "Riverstone Hotels", "Glimmer", "Nimbus Cloud", "Trailhead Gear", "Verity Health", "Orbit Pay",
          "Crestline Insurance", "Pinecrest Realty", "Voltaic EV", "Saffron Kitchen", "Arcadia Stream", "Polaris Labs"]
NEWS_TOPICS = ["election", "earthquake", "wildfire", "inflation", "strike", "hurricane", "outage", "protest", "world cup",
               "championship", "layoffs", "interest rates", "flood", "heatwave", "vaccine", "ceasefire", "budget", "verdict",
               "recall", "data breach", "launch", "merger", "tariffs", "transfer window", "box office", "grammys"]
RESEARCH_TOPICS = [  # (label, query core)
    ("vaccine hesitancy", '(vaccine OR vaccination OR vaxx OR "anti-vax" OR #vaccineswork)'),
    ("climate discourse", '("climate change" OR "global warming" OR #climatecrisis OR #ClimateAction)'),
    ("election misinformation", '("stolen election" OR "voter fraud" OR #StopTheSteal OR "rigged election")'),
    ("mental health", '("mental health" OR depression OR anxiety OR #mentalhealthawareness)'),
    ("immigration debate", '(immigration OR immigrants OR refugees OR asylum OR "border wall")'),
    ("covid lockdown sentiment", '(lockdown OR "stay at home" OR quarantine OR #COVID19)'),
    ("online harassment of journalists", '(journalist OR reporter) (harass OR threat OR doxx)'),
    ("crypto scams", '(airdrop OR "giveaway" OR "send eth" OR "double your") (crypto OR bitcoin OR eth)'),
    ("public health messaging", '(CDC OR WHO OR "public health") (guidance OR advisory OR masks)'),
    ("gender in STEM", '(#WomenInSTEM OR "women in tech" OR "gender gap") (science OR engineering)'),
    ("hate speech detection", '("hate speech" OR slur OR racist) -is:retweet'),
    ("natural disasters response", '(earthquake OR flood OR hurricane OR wildfire) (help OR rescue OR donate)'),
    ("polarisation in news sharing", '(url:"nytimes.com" OR url:"foxnews.com" OR url:"cnn.com" OR url:"breitbart.com")'),
    ("sports fandom", '(#PremierLeague OR #NBA OR #WorldCup) (fans OR fanbase)'),
    ("bot detection", '(follow4follow OR #f4f OR "follow back") -is:retweet'),
]
COMMON_WORDS = ["the", "a", "i", "to", "and", "is", "you", "of", "it", "in", "my", "that", "for", "on", "me", "this", "so",
                "just", "be", "with", "are", "was", "have", "not", "but", "at", "what", "we", "all", "like", "do", "no"]
DATA_USES = {
    "research": ["academic research on {t}", "PhD thesis on {t}", "university study of {t} (IRB approved)",
                 "non-commercial academic research on {t}"],
    "commercial": ["social listening dashboard for brand mentions", "customer support inbox for our brand's mentions",
                   "news desk alerts for breaking stories", "CRM enrichment of customers' public profiles",
                   "marketing analytics for our clients", "audience insights product for agencies"],
    "internal": ["internal monitoring of our company account", "uptime checks of our public status account",
                 "internal trend reports for the communications team"],
    "personal": ["a bot that posts a daily summary", "learning the API for a side project", "hobby project",
                 "personal timeline archive", "a discord bot that relays posts"],
    "archive": ["contracted backfill of {t} mentions 2010-2025 into our analytics warehouse (enterprise agreement {ea})"],
}

# --------------------------------------------------------------------------------------------
# the world: organizations, egress ranges
# --------------------------------------------------------------------------------------------

RIVALS = [  # restricted: AI labs harvesting training data are cut off by the data provider
    {"org_id": "corvid-ai", "name": "Corvid AI", "domains": ["corvid.ai", "corvid-ai.com"], "office": "64.124.183.0/26",
     "shared": ["52.44.118.0/24"], "sso": ["corvid-ai.okta.com"]},        # shared: a PaaS NAT pool (cloud_app lives there)
    {"org_id": "tessellate-labs", "name": "Tessellate Labs", "domains": ["tessellate.ai"], "office": "38.99.112.0/27",
     "shared": ["146.70.118.0/24"], "sso": ["tessellate.onelogin.com"]},    # shared: a commercial VPN exit range
    {"org_id": "ardent-research", "name": "Ardent Research", "domains": ["ardentresearch.com", "ardent.ml"],
     "office": "207.171.40.0/27", "shared": ["38.142.90.0/26"], "sso": ["login.ardentresearch.com"]},  # shared: coworking floor
]
PAAS_NAT = "52.44.118.{}"           # a platform-as-a-service's egress pool: many unrelated apps leave through it
VPN_EXIT = "146.70.118.{}"          # a consumer VPN provider's exit range
COWORK = "38.142.90.{}"             # a coworking floor; a startup team sits there beside Ardent's satellite desk
UNIVERSITIES = [
    ("univ-lakeshore", "Lakeshore University", "lakeshore.edu", "129.82.{}.{}", "US"),
    ("univ-hallam", "University of Hallam", "hallam.ac.uk", "143.52.{}.{}", "GB"),
    ("univ-tuebingen-east", "Technische Hochschule Ostfeld", "th-ostfeld.de", "134.2.{}.{}", "DE"),
    ("univ-keio-west", "Nishimura University", "nishimura-u.ac.jp", "133.11.{}.{}", "JP"),
    ("univ-sao-norte", "Universidade do Norte Paulista", "unp.edu.br", "143.107.{}.{}", "BR"),
]
VENDORS = [  # social-listening platforms relaying their tenants' keys from their own backends
    ("listenwell", "Listenwell", "listenwell.io", "ListenWell-Collector/4.8.1 (+https://listenwell.io/bot)"),
    ("pulsegauge", "PulseGauge", "pulsegauge.com", "PulseGauge/2.3 (Java-http-client/21)"),
]
COMPANY_WORDS = ["harbor", "summit", "ledger", "meridian", "quartz", "atlas", "beacon", "cinder", "delta", "ember", "fable",
                 "granite", "helix", "ionic", "juniper", "kite", "lattice", "mosaic", "nova", "onyx", "prism", "relay"]
COMPANY_SUFFIX = ["media", "analytics", "news", "labs", "data", "insights", "crm", "digital", "group", "io"]


_SAFE = frozenset(string.ascii_letters + string.digits + "_.-~")
_quote_cached = lru_cache(maxsize=200_000)(quote_plus)


def urlencode(params: dict) -> str:
    """The query string as Python's requests writes it (urllib's urlencode, spaces as '+'), faster for plain values."""
    out = []
    for k, v in params.items():
        v = str(v)
        out.append(f"{k}={v}" if _SAFE.issuperset(v) else f"{quote_plus(k)}={_quote_cached(v)}")
    return "&".join(out)


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _b36(x: int) -> str:
    out = []
    while x:
        x, d = divmod(x, 36)
        out.append("0123456789abcdefghijklmnopqrstuvwxyz"[d])
    return "".join(out) or "0"


def clip01(x: float) -> float:
    return min(1.0, max(0.0, x))


def lerp(a: float, b: float, c: float) -> float:
    return a + (b - a) * c


def route(path: str, params: dict | None) -> tuple[str, str | None, str | None]:
    """(endpoint, resource, item_resource) under the configuration in ROUTES."""
    for prefix, rule, item in ROUTES_BY_LEN:
        if path == prefix or path.startswith(prefix + "/") or path.startswith(prefix + "?"):
            if rule is None:
                return prefix, None, item
            kind, _, name = rule.partition(":")
            if kind == "query":
                v = (params or {}).get(name)
                return prefix, (str(v) if v is not None else None), item
            segs = path.strip("/").split("/")
            n = int(name)
            return prefix, (segs[n] if n < len(segs) else None), item
    return path, None, None


# Global activity of the network's posters (UTC hour): drives streams and "look up as they appear".
GLOBAL = np.array([6, 5, 4, 3.2, 2.8, 2.6, 2.8, 3.2, 3.8, 4.2, 4.6, 5.2, 6.2, 7.2, 8, 8.4, 8.6, 8.6, 8.4, 8.2, 8, 7.6, 7.2, 6.6])
GLOBAL = GLOBAL / GLOBAL.mean()
PROFILES = {
    "office": [.1, .05, .05, .05, .05, .1, .3, 1, 4, 8, 9, 9, 6, 8, 9, 9, 8, 5, 2, 1, .8, .6, .4, .2],
    "evening": [2, 1, .5, .2, .2, .3, 1, 2, 2, 2, 2, 3, 4, 3, 3, 3, 4, 5, 7, 9, 10, 9, 7, 4],
    "student": [4, 3, 1.5, .5, .2, .2, .3, 1, 2, 4, 5, 5, 5, 6, 6, 6, 5, 5, 6, 8, 9, 9, 8, 6],
    "flat": [1] * 24,
}
PROFILES = {k: np.array(v, float) / np.mean(v) for k, v in PROFILES.items()}


class Account:
    """One account and its key(s); where and with what it calls from."""

    __slots__ = ("id", "i", "country", "tz", "home", "office", "office_days", "ips", "uas", "keys", "use", "plan",
                 "vpn_p", "platform", "pool_ips")

    def __init__(self) -> None:
        self.office = None
        self.office_days = (0, 1, 2, 3, 4)
        self.ips: list[str] | None = None
        self.vpn_p = 0.0
        self.platform = None
        self.pool_ips: list[str] | None = None


class Gen:
    """The world and the request log; persona methods (Personas) add accounts and their traffic."""

    def __init__(self, seed: int, n_accounts: int, days: int, careful: float) -> None:
        self.r = random.Random(seed)
        self.np = np.random.default_rng(seed)
        self.N = n_accounts
        self.days = days
        self.c = float(careful)
        self.t0 = datetime(2026, 11, 9, tzinfo=timezone.utc).timestamp()     # a Monday
        self.t1 = self.t0 + days * DAY
        self.accounts: list[dict] = []
        self.labels: list[dict] = []
        self.entities: list[dict] = []
        self.rows: list[tuple] = []
        self.used: set[str] = set()
        self.net_n = 0
        self.proxy_pool = [self.res_ip(self.country()) for _ in range(3000)]   # residential-proxy provider exits
        self._population()
        self._orgs()

    # ---------------- ids, addresses, identities ----------------
    def hx(self, n: int) -> str:
        return format(self.r.getrandbits(4 * n), f"0{n}x")

    def uniq(self, prefix: str, n: int = 12) -> str:
        while True:
            s = prefix + self.hx(n)
            if s not in self.used:
                self.used.add(s)
                return s

    def card(self) -> str:
        return "pf_" + self.hx(24)

    def country(self) -> str:
        ccs = list(COUNTRIES)
        return self.r.choices(ccs, weights=[COUNTRIES[c][2] for c in ccs])[0]

    def res_ip(self, cc: str) -> str:
        r = self.r
        if r.random() < 0.06:
            p = r.choice(V6_RES)
            p = p.format(r.randrange(0, 256)) if "{" in p else p
            return p + ":" + ":".join(f"{r.randrange(0, 65536):x}" for _ in range(6))
        return r.choice(COUNTRIES[cc][1]).format(r.randrange(0, 256)) + f".{r.randrange(0, 256)}.{r.randrange(1, 255)}"

    def dc_ip(self, small: bool | None = None) -> str:
        r = self.r
        if small or (small is None and r.random() < 0.35):
            return r.choice(DC_SMALL).format(r.randrange(0, 256), r.randrange(1, 255))
        return r.choice(DC_BLOCKS).format(r.randrange(0, 256), r.randrange(0, 256)) + f".{r.randrange(1, 255)}"

    def email(self, domain: str | None = None, first: str | None = None, last: str | None = None) -> str:
        r = self.r
        first = first or r.choice(FIRST)
        last = last or r.choice(LAST)
        if domain is None:
            doms, w = zip(*EMAIL_PROVIDERS, strict=True)
            domain = r.choices(doms, weights=w)[0]
        local = r.choice([f"{first}.{last}", f"{first}{last}", f"{first[0]}{last}", f"{first}{r.randrange(1, 99)}",
                          f"{first}.{last}{r.randrange(70, 2006)}", f"{last}.{first}", f"{first}_{last[:3]}"])
        e = f"{local}@{domain}"
        while e in self.used:
            e = f"{local}{r.randrange(2, 999)}@{domain}"
        self.used.add(e)
        return e

    def browser_ua(self) -> str:
        r = self.r
        return r.choice(UA_BROWSER).format(c=r.randrange(126, 143), f=r.randrange(128, 146), s=r.randrange(0, 7))

    def ua(self, kind: str) -> str:
        r = self.r
        if kind == "browser":
            return self.browser_ua()
        if kind == "lib":
            return r.choice(UA_LIB)
        if kind == "academic":
            return r.choice(UA_ACADEMIC)
        return r.choice(UA_SCRIPT)

    def _population(self) -> None:
        """A population of posting users: ids (legacy sequential or snowflake), handles, popularity."""
        r, g = self.r, self.np
        n = 60000
        legacy = g.random(n) < 0.3
        # legacy ids skew late (the network grew); snowflake ids carry a signup time 2014..2026
        lid = (12 + LEGACY_MAX_USER_ID * g.random(n) ** 0.8).astype(np.int64)
        signup = g.uniform(datetime(2014, 1, 1).timestamp(), self.t0 - 30 * DAY, n)
        sid = ((signup * 1000 - SNOWFLAKE_EPOCH_MS).astype(np.int64) << 22) | g.integers(0, 1 << 22, n)
        ids = np.where(legacy, lid, sid).tolist()
        taken: set[int] = set()
        for i, x in enumerate(ids):
            while x in taken:
                x += 1
            taken.add(x)
            ids[i] = x
        self.pop_ids = [str(x) for x in ids]
        handles = []
        seen: set[str] = set()
        for _ in range(n):
            f, la = r.choice(FIRST), r.choice(LAST)
            h = r.choice([f + la, f + "_" + la, f[0] + la, f + str(r.randrange(1, 9999)), la + f[:3],
                          f + la + str(r.randrange(70, 100)), "the" + la, f + "." + la[:4]])[:15]
            while h in seen:
                h = h[:11] + str(r.randrange(0, 9999))
            seen.add(h)
            handles.append(h)
        self.pop_handles = handles
        w = 1.0 / np.arange(1, n + 1) ** 1.05
        self.pop_w = w / w.sum()
        # deleted or suspended since they posted (rarely the popular ones): lookups of them get 404 from anyone
        self.pop_gone = frozenset(i for i in range(1000, n) if r.random() < 0.03)
        self.pop_draws = g.choice(n, size=3_000_000, p=self.pop_w)   # consumed in order: authors as they post
        self.pop_ptr = 0

    def authors(self, k: int) -> list[int]:
        """Indices into the population of the next k posters in the live stream (popular ones post more)."""
        if k <= 0:
            return []
        if self.pop_ptr + k > len(self.pop_draws):
            self.pop_ptr = 0
        out = self.pop_draws[self.pop_ptr:self.pop_ptr + k].tolist()
        self.pop_ptr += k
        return out

    def author_ids(self, k: int) -> list[str]:
        """Distinct author ids of a k-item response, at most 100 kept (docs/data-apis.md)."""
        ids = self.pop_ids
        return [ids[i] for i in dict.fromkeys(self.authors(min(k, 130)))][:100]

    def snowflake(self, ts: float) -> int:
        return (int(ts * 1000 - SNOWFLAKE_EPOCH_MS) << 22) | self.r.getrandbits(22)

    def tweet_ids(self, k: int, before: float) -> list[str]:
        """k tweet ids, newest first, posted before a time (a timeline page)."""
        top = self.snowflake(before - self.r.uniform(0, 3 * DAY))
        gaps = self.np.integers(1 << 22, 1 << 38, k)
        return [str(x) for x in (top - np.cumsum(gaps)).tolist()]

    def token(self) -> str:
        return _b36(self.r.getrandbits(self.r.choice((80, 160, 224))))

    def _orgs(self) -> None:
        r = self.r
        self.rival_cards = {}
        for rv in RIVALS:
            cards = [self.card() for _ in range(3)]
            self.rival_cards[rv["org_id"]] = cards
            self.entities.append({"org_id": rv["org_id"], "name": rv["name"], "restricted": True, "domains": rv["domains"],
                                  "ip_ranges": [rv["office"]] + rv["shared"], "payment_fingerprints": cards,
                                  "sso_tenants": rv["sso"]})
        for org, name, dom, pat, _cc in UNIVERSITIES:
            self.entities.append({"org_id": org, "name": name, "restricted": False, "domains": [dom],
                                  "ip_ranges": [pat.replace(".{}.{}", ".0.0/16")], "payment_fingerprints": [],
                                  "sso_tenants": ["idp." + dom]})
        for org, name, dom, _ua in VENDORS:
            self.entities.append({"org_id": org, "name": name, "restricted": False, "domains": [dom], "ip_ranges": [],
                                  "payment_fingerprints": [], "sso_tenants": []})
        self.vendor_ips = {v[0]: [self.dc_ip(False) for _ in range(r.randrange(4, 9))] for v in VENDORS}
        self.companies: list[dict] = []

    def company(self, kind: str = "company", office: list[str] | None = None, sso_p: float = 0.5) -> dict:
        """An ordinary organization: its domain, office egress, card, maybe an SSO tenant (listed as an entity)."""
        r = self.r
        while True:
            w = r.choice(COMPANY_WORDS) + r.choice(["", "-"]) + r.choice(COMPANY_SUFFIX)
            org = w.replace("--", "-")
            if org not in self.used:
                self.used.add(org)
                break
        dom = org.replace("-", "") + r.choice([".com", ".io", ".co", ".net"])
        if office is None:   # a business line: a few static addresses in one /24
            base = r.choice(BUSINESS_BLOCKS).format(r.randrange(0, 256), r.randrange(0, 256))
            office = [f"{base}.{r.randrange(1, 60)}" for _ in range(r.randrange(1, 4))]
        c = {"org_id": org, "name": org.replace("-", " ").title(), "domain": dom, "office": office, "card": self.card(),
             "sso": ("okta-" + org + ".okta.com") if r.random() < sso_p else None}
        cidr = ".".join(office[0].split(".")[:3]) + ".0/24" if "." in office[0] else None
        self.entities.append({"org_id": org, "name": c["name"], "restricted": False, "domains": [dom],
                              "ip_ranges": [cidr] if cidr and kind != "startup-cowork" else [],
                              "payment_fingerprints": [c["card"]], "sso_tenants": [c["sso"]] if c["sso"] else []})
        self.companies.append(c)
        return c

    # ---------------- accounts ----------------
    def account(self, persona: str, *, plan: str, use: str, use_desc: str, cc: str | None = None, email: str | None = None,
                created: float | None = None, org_id: str | None = None, company: str | None = None, card: str | None = "own",
                signup_ip: str | None = None, sso: str | None = None, cats: tuple = (), network: str | None = None,
                label_org: str | None = None, ua_kind: str = "script", n_ua: int = 1, home: str | None = None,
                mismatch: bool = False, n_keys: int = 1) -> Account:
        r = self.r
        a = Account()
        a.id = self.uniq("acct_")
        a.i = len(self.accounts)
        a.country = cc or self.country()
        a.tz = COUNTRIES[a.country][0]
        a.plan = plan
        a.home = home or self.res_ip(a.country)
        a.uas = [self.ua(ua_kind) for _ in range(n_ua)]
        a.keys = ["key_" + self.hx(10) for _ in range(n_keys)]
        a.use = use
        if created is None:
            created = self.t0 - r.uniform(5, 1400) * DAY
        if card == "own":
            card = self.card() if plan != "free" else None
        self.accounts.append({
            "account_id": a.id, "created_at": round(created, 3), "email": email or self.email(), "plan": plan,
            "org_id": org_id, "declared_company": company, "payment_fingerprint": card,
            "signup_ip": signup_ip if signup_ip is not None else a.home, "sso_tenant": sso, "country": a.country,
            "declared_use": use, "declared_use_description": use_desc, "credential": "api_key", "verified": True,
            "status": "active"})
        self.labels.append({"account_id": a.id, "persona": persona, "categories": [c for c in CATS if c in cats],
                            "network_id": network, "org_id": label_org, "declared_use_mismatch": bool(mismatch)})
        return a

    def network_id(self) -> str:
        self.net_n += 1
        return f"hc-net-{self.net_n:02d}-{self.hx(6)}"

    # ---------------- requests ----------------
    def where(self, a: Account, ts: float) -> str:
        r = self.r
        if a.pool_ips:
            return r.choice(a.pool_ips)
        if a.office is not None:
            lt = ts + a.tz * HOUR
            dow = int(((lt - self.t0) // DAY) % 7)
            h = (lt % DAY) / HOUR
            if dow in a.office_days and 8.5 <= h < 18.5 and r.random() < 0.92:
                return r.choice(a.office)
        if a.vpn_p and r.random() < a.vpn_p:
            return VPN_EXIT.format(r.randrange(2, 250))
        if a.ips:
            return r.choice(a.ips)
        return a.home

    def emit(self, a: Account, ts: float, path: str, params: dict | None = None, *, items: int = 0, nbytes: int | None = None,
             status: int = 200, ip: str | None = None, ua: str | None = None, method: str = "GET", stream: bool = False,
             per_item: int = 900, resources: list[str] | None = None, key: str | None = None,
             platform: tuple | None = None, cut: str | None = None) -> None:
        """Record one data request as Moat's recorder writes it (docs/data-apis.md, 'What is recorded')."""
        if ts < self.t0 or ts >= self.t1:
            return
        r = self.r
        endpoint, resource, item_res = route(path, params)
        qs = urlencode(params) if params else None
        if status == 304:
            items, nbytes = 0, 0
        elif status >= 400:
            items = 0
            nbytes = nbytes if nbytes is not None else r.randrange(110, 260)
        if nbytes is None:
            nbytes = 60 + int(items * per_item * r.uniform(0.75, 1.3)) if items else r.randrange(40, 120)
        if resources is None and item_res and items and status == 200:
            if item_res == "author_id":
                resources = self.author_ids(items)
            elif path.endswith("/tweets"):          # a timeline under /2/users: its items' ids are tweet ids
                resources = self.tweet_ids(min(items, 100), ts)
            elif resource and resource.isdigit():
                resources = [resource]
        if platform is None:
            platform = a.platform
        ch, plat, euid, euorg = ("platform",) + tuple(platform) if platform else ("direct", None, None, None)
        self.rows.append((ts, a.i, key or (a.keys[0] if len(a.keys) == 1 else r.choice(a.keys)), ch, plat, euid, euorg,
                          ip or self.where(a, ts), ua or r.choice(a.uas), endpoint, method, path,
                          qs[:1024] if qs else None, resource, int(items), int(nbytes), resources, int(status),
                          bool(stream), a.use, cut))

    # ---------------- timing ----------------
    def poisson(self, per_day: float, profile: str | np.ndarray, tz: float = 0.0, t_from: float | None = None,
                t_to: float | None = None, weekend: float = 1.0, day_sd: float = 0.25) -> np.ndarray:
        """Arrival times with an hourly rate following a local-time profile (mean 1), weekends scaled."""
        g = self.np
        t_from = self.t0 if t_from is None else max(self.t0, t_from)
        t_to = self.t1 if t_to is None else min(self.t1, t_to)
        if t_to <= t_from or per_day <= 0:
            return np.empty(0)
        prof = PROFILES[profile] if isinstance(profile, str) else profile
        h0 = int((t_from - self.t0) // HOUR)
        h1 = int(np.ceil((t_to - self.t0) / HOUR))
        hours = np.arange(h0, h1)
        lt = (hours + tz) % 24
        ldow = (((hours + tz) // 24).astype(int)) % 7
        dayf = np.exp(g.normal(0, day_sd, self.days + 2))[np.clip((hours // 24).astype(int), 0, self.days + 1)]
        lam = per_day / 24.0 * prof[lt.astype(int) % 24] * np.where(ldow >= 5, weekend, 1.0) * dayf
        n = g.poisson(lam)
        ts = np.repeat(self.t0 + hours * HOUR, n) + g.random(int(n.sum())) * HOUR
        ts = ts[(ts >= t_from) & (ts < t_to)]
        ts.sort()
        return ts

    def periodic(self, interval: float, jitter: float = 0.0, t_from: float | None = None, t_to: float | None = None,
                 phase: float | None = None, outage_p: float = 0.0) -> np.ndarray:
        """A scheduler's ticks: fixed interval, small jitter, occasional gaps (deploys, outages)."""
        g = self.np
        t_from = self.t0 if t_from is None else max(self.t0, t_from)
        t_to = self.t1 if t_to is None else min(self.t1, t_to)
        if t_to <= t_from:
            return np.empty(0)
        ph = g.uniform(0, interval) if phase is None else phase
        base = np.arange(t_from + ph, t_to, interval)
        ts = base + (g.normal(0, jitter, len(base)) if jitter else 0)
        if outage_p:
            ts = ts[g.random(len(ts)) >= outage_p]
        return np.sort(ts)

    def sessions(self, a: Account, per_day: float, profile: str, weekend: float = 0.5) -> np.ndarray:
        return self.poisson(per_day, profile, a.tz, weekend=weekend, day_sd=0.6)


# --------------------------------------------------------------------------------------------
# personas
# --------------------------------------------------------------------------------------------

def brand_query(r: random.Random, brand: str) -> str:
    handle = brand.replace(" ", "")
    parts = [f'"{brand}"', f"@{handle}", f"#{handle}"]
    if r.random() < 0.5:
        parts.append(f'"{brand.split()[0].lower()} app"' if r.random() < 0.5 else f"{handle.lower()}.com")
    q = "(" + " OR ".join(parts) + ")"
    if r.random() < 0.6:
        q += " -is:retweet"
    if r.random() < 0.4:
        q += " lang:" + r.choice(["en", "en", "de", "es", "fr", "ja", "pt"])
    return q


def tweet_fields(r: random.Random) -> dict:
    return r.choice([{"tweet.fields": "created_at,author_id,public_metrics"},
                     {"tweet.fields": "created_at,author_id,lang,conversation_id", "expansions": "author_id"},
                     {"tweet.fields": "created_at,author_id,entities,public_metrics,geo", "expansions": "author_id,geo.place_id",
                      "user.fields": "username,verified,public_metrics"}, {}])


class Personas(Gen):
    """Benign and abusive personas; each method adds n accounts (or groups totalling about n)."""

    def cu(self) -> float:
        """One adversary's carefulness: the knob, varied per actor so no single level marks them."""
        return clip01(self.c + self.r.gauss(0, 0.12))

    # ---------------- shared activities ----------------
    def adhoc_search(self, a: Account, ts: float, q: str, pages: int, gap: float = 4.0, full: bool = False,
                     window: tuple[float, float] | None = None) -> float:
        """A human or script searching and paging with next_token."""
        r = self.r
        path = "/2/tweets/search/all" if full else "/2/tweets/search/recent"
        base = {"query": q, "max_results": r.choice((10, 25, 50, 100)) if not full else r.choice((100, 500))}
        if window:
            base["start_time"], base["end_time"] = iso(window[0]), iso(window[1])
        base.update(tweet_fields(r))
        tok = None
        for _ in range(pages):
            p = dict(base)
            if tok:
                p["next_token"] = tok
            n = base["max_results"] if r.random() < 0.85 else r.randrange(0, base["max_results"])
            self.emit(a, ts, path, p, items=n)
            if n < base["max_results"]:
                break
            tok = self.token()
            ts += r.expovariate(1 / gap) + 0.3
        return ts

    def lookup_user(self, a: Account, ts: float, idx: int | None = None, by_handle: bool = False, timeline: bool = False,
                    **kw) -> None:
        r = self.r
        idx = self.authors(1)[0] if idx is None else idx
        st = 404 if idx in self.pop_gone else 200
        if by_handle:
            handle = self.pop_handles[idx]
            if r.random() < 0.04:    # typed by hand: a typo
                handle, st = handle[:-1] + r.choice(string.ascii_lowercase), 404
            self.emit(a, ts, f"/2/users/by/username/{handle}", r.choice([None, {"user.fields": "public_metrics,created_at"}]),
                      items=1, per_item=420, resources=[self.pop_ids[idx]] if st == 200 else None, status=st, **kw)
        elif timeline:
            n = r.choice((10, 20, 50, 100))
            self.emit(a, ts, f"/2/users/{self.pop_ids[idx]}/tweets", {"max_results": n}, items=n if r.random() < 0.8 else r.randrange(0, n),
                      status=st, **kw)
        else:
            self.emit(a, ts, f"/2/users/{self.pop_ids[idx]}", r.choice([None, {"user.fields": "description,public_metrics,location"}]),
                      items=1, per_item=420, status=st, **kw)

    def cover(self, a: Account, ts: float) -> None:
        """One ordinary-looking request (careful adversaries interleave them with the harvest)."""
        r = self.r
        x = r.random()
        if x < 0.4:
            self.adhoc_search(a, ts, r.choice(NEWS_TOPICS) + r.choice(["", " lang:en", " -is:retweet"]), r.randrange(1, 3))
        elif x < 0.7:
            self.lookup_user(a, ts, by_handle=r.random() < 0.5)
        else:
            self.lookup_user(a, ts, timeline=True)

    def stream_sessions(self, a: Account, path: str, rate: float, t_from: float | None = None, t_to: float | None = None,
                        mean_conn_h: float = 8.0, per_item: int = 1900, deploy_hour: float | None = None) -> int:
        """A long-lived stream: connections lasting hours; on disconnect, reconnects with back-off.

        Reconnection follows the provider's published guidance: network errors back off linearly
        (250 ms steps), HTTP errors exponentially from 5 s, 429 (previous connection not yet released)
        from 60 s. Returns the items delivered."""
        r = self.r
        t = self.t0 - r.uniform(0, 6 * HOUR) if t_from is None else t_from
        t_to = self.t1 if t_to is None else t_to
        total = 0
        params = r.choice([None, {"tweet.fields": "created_at,author_id,lang"}, {"expansions": "author_id", "user.fields": "username"}])
        while t < t_to:
            dur = min(r.lognormvariate(np.log(mean_conn_h * HOUR) - 0.5, 1.0), t_to - t)
            if deploy_hour is not None:   # the consumer's own daily deploy restarts the client
                nxt = (t // DAY) * DAY + deploy_hour * HOUR
                nxt = nxt + DAY if nxt <= t else nxt
                dur = min(dur, nxt - t)
            mid = int(((t + dur / 2) % DAY) // HOUR)
            cut = None
            if r.random() < 0.03:     # a news spike takes it over its items-per-minute limit: Moat ends the stream
                cut, dur = "rate_limited", dur * r.uniform(0.1, 0.9)
            items = int(rate * dur * GLOBAL[mid] * r.uniform(0.85, 1.15))
            if t >= self.t0:
                if r.random() < 0.7 and "/search/" in path:
                    self.emit(a, t - r.uniform(0.3, 2), "/2/tweets/search/stream/rules", items=r.randrange(1, 25), per_item=120)
                self.emit(a, t, path, params, items=items, per_item=per_item, stream=True, cut=cut)
                total += items
            t += dur
            why = r.random()
            if cut:                  # told to slow down: wait for the next minute's budget
                t += r.uniform(60, 120)
            elif why < 0.6:            # network blip: linear back-off
                t += 0.25 * r.randrange(1, 4)
            elif why < 0.85:         # server-side disconnect / 503: exponential from 5 s
                wait = 5.0
                for _ in range(r.randrange(0, 3)):
                    self.emit(a, t, path, None, status=503, stream=True)
                    t += wait
                    wait *= 2
            else:                    # 429: the previous connection is not yet released
                wait = 60.0
                for _ in range(r.randrange(1, 4)):
                    self.emit(a, t, path, None, status=429, stream=True)
                    t += wait
                    wait *= 2
        return total

    # ---------------- benign ----------------
    def p_hobby_dev(self, n: int) -> None:
        """Low-volume developers on free/basic plans: tutorials, bots, one-off scripts, some behind a VPN."""
        r = self.r
        for _ in range(n):
            plan = r.choice(["free", "free", "free", "api"])
            a = self.account("hobby_dev", plan=plan, use="personal", use_desc=r.choice(DATA_USES["personal"]),
                             ua_kind=r.choice(["script", "lib", "lib"]), n_ua=r.randrange(1, 3))
            if r.random() < 0.15:
                a.vpn_p = r.uniform(0.3, 1.0)
            for s in self.sessions(a, r.uniform(0.1, 0.9), r.choice(["evening", "student"]), weekend=1.6):
                t = float(s)
                for _ in range(r.randrange(2, 25)):
                    x = r.random()
                    if x < 0.3:
                        t = self.adhoc_search(a, t, r.choice(NEWS_TOPICS + [b.lower() for b in BRANDS]), r.randrange(1, 3))
                    elif x < 0.6:
                        self.lookup_user(a, t, by_handle=r.random() < 0.6, timeline=r.random() < 0.3)
                    elif x < 0.7 and plan == "free":
                        self.emit(a, t, "/2/tweets/search/recent", {"query": r.choice(NEWS_TOPICS)}, status=429)
                    elif x < 0.75:
                        self.emit(a, t, "/2/tweets/sample/stream", None, status=403 if plan == "free" else 200,
                                  items=0 if plan == "free" else r.randrange(50, 3000), stream=True, per_item=1900)
                    else:
                        self.emit(a, t, f"/2/tweets/{self.snowflake(t - r.uniform(0, 30 * DAY))}", None, items=1)
                    t += r.expovariate(1 / 40) + 1

    def p_analyst(self, n: int) -> None:
        """Analysts at agencies and companies: business-hours ad-hoc searches, counts, a few profile pulls."""
        r = self.r
        for _ in range(n):
            co = self.company(sso_p=0.3) if r.random() < 0.5 else None
            a = self.account("analyst", plan="api", use="commercial", use_desc=r.choice(DATA_USES["commercial"] + DATA_USES["internal"]),
                             email=self.email(co["domain"]) if co and r.random() < 0.8 else None, org_id=co["org_id"] if co else None,
                             company=co["name"] if co and r.random() < 0.7 else None, card=co["card"] if co else "own",
                             sso=co["sso"] if co else None, label_org=co["org_id"] if co else None,
                             ua_kind=r.choice(["script", "lib", "browser"]), n_ua=r.randrange(1, 3))
            if co:
                a.office = co["office"]
            if r.random() < 0.08:
                a.vpn_p = r.uniform(0.2, 0.8)
            topics = r.sample(BRANDS, 3) + r.sample(NEWS_TOPICS, 3)
            for s in self.sessions(a, r.uniform(0.3, 1.6), "office", weekend=0.1):
                t = float(s)
                for _ in range(r.randrange(2, 14)):
                    x = r.random()
                    q = r.choice(topics)
                    q = brand_query(r, q) if q in BRANDS else q
                    if x < 0.55:
                        t = self.adhoc_search(a, t, q, r.randrange(1, 6), gap=3)
                    elif x < 0.75:
                        self.emit(a, t, "/2/tweets/counts/recent", {"query": q, "granularity": r.choice(["hour", "day"])},
                                  items=r.choice((7, 24, 168)), per_item=60)
                    else:
                        self.lookup_user(a, t, by_handle=True)
                    t += r.expovariate(1 / 90) + 5

    def p_listening_dashboard(self, n: int) -> None:
        """Social-listening dashboards polling saved queries every few minutes with since_id and ETags.

        Two vendors relay their tenants' keys from the vendor's backend (channel=platform, the tenant
        as end user): same addresses, same user agent, ticks aligned to the vendor's scheduler. A group
        that shares infrastructure and timing, not a network. The rest are in-house dashboards."""
        r = self.r
        for i in range(n):
            vendor = VENDORS[i % 2] if i < int(n * 0.65) else None
            brand = r.choice(BRANDS)
            co = self.company(sso_p=0.4)
            if vendor:
                a = self.account("listening_dashboard", plan=r.choice(["api", "enterprise"]), use="commercial",
                                 use_desc=f"{vendor[1]} social listening for {brand}", email=self.email(co["domain"]),
                                 org_id=co["org_id"], company=co["name"], card=co["card"], label_org=co["org_id"])
                a.uas = [vendor[3]]
                a.pool_ips = self.vendor_ips[vendor[0]]
                a.platform = (vendor[0], "tenant-" + self.hx(8), co["domain"])
                interval = r.choice((900.0, 1800.0, 1800.0, 3600.0))
                phase = 7.0 if vendor[0] == "listenwell" else 31.0     # the vendor's scheduler tick
                jitter = 2.0
                hours = None
            else:
                a = self.account("listening_dashboard", plan="api", use="commercial", use_desc=f"in-house social dashboard for {brand}",
                                 email=self.email(co["domain"]), org_id=co["org_id"], company=co["name"], card=co["card"],
                                 sso=co["sso"], label_org=co["org_id"], ua_kind=r.choice(["script", "lib"]))
                a.ips = [self.dc_ip()]
                interval = r.choice((600.0, 1200.0, 1800.0, 3600.0))
                phase = None
                jitter = r.uniform(0.5, 20)
                hours = "office" if r.random() < 0.4 else None
            queries = [brand_query(r, brand)] + [brand_query(r, b) for b in r.sample(BRANDS, r.randrange(0, 2))]
            queries += [f"{brand} {r.choice(['outage', 'refund', 'support', 'launch', 'review'])}" for _ in range(r.randrange(0, 2))]
            for qi, q in enumerate(queries):
                rate = r.lognormvariate(np.log(8), 1.2) / HOUR        # matching posts per second
                etag = r.random() < 0.7
                ticks = self.periodic(interval, jitter, phase=phase if phase is None else phase + r.choice((0, 60, 120)),
                                      outage_p=0.003)
                if hours:   # polls only while someone has the dashboard open
                    lt = ((ticks + a.tz * HOUR) % DAY) / HOUR
                    dow = (((ticks + a.tz * HOUR - self.t0) // DAY) % 7).astype(int)
                    ticks = ticks[(lt >= 8.5) & (lt < 19) & (dow < 5)]
                last = None
                fields = tweet_fields(r)
                for t in ticks.tolist():
                    k = self.np.poisson(rate * (interval if last is None else t - last) * GLOBAL[int((t % DAY) // HOUR)])
                    p = {"query": q, "max_results": 100, **fields}
                    p["since_id"] = str(self.snowflake((last or t - interval) - r.uniform(0, 30)))
                    if k == 0 and etag:
                        self.emit(a, t, "/2/tweets/search/recent", p, status=304)
                    else:
                        self.emit(a, t, "/2/tweets/search/recent", p, items=min(int(k), 100))
                    last = t
                for t in (self.periodic(HOUR, jitter, phase=None).tolist() if qi == 0 else []):
                    if hours is None or 8 <= ((t + a.tz * HOUR) % DAY) / HOUR < 19:
                        self.emit(a, t, "/2/tweets/counts/recent", {"query": q, "granularity": "hour"}, items=168, per_item=60)
            for s in self.poisson(r.uniform(2, 12), "office", a.tz, weekend=0.2).tolist():
                self.lookup_user(a, s, by_handle=r.random() < 0.5)

    def research_account(self, persona: str, topic: str, uni: tuple | None = None, card: str | None = "own",
                         lab_ips: list[str] | None = None) -> Account:
        r = self.r
        uni = uni or r.choice(UNIVERSITIES)
        org, _name, dom, pat, cc = uni
        on_uni = r.random() < 0.75 or lab_ips is not None
        a = self.account(persona, plan="api", use="research",
                         use_desc=r.choice(DATA_USES["research"]).format(t=topic), cc=cc,
                         email=self.email(dom) if on_uni else None, org_id=org if on_uni else None,
                         card=card, label_org=org, ua_kind="academic", n_ua=r.randrange(1, 3),
                         sso=("idp." + dom) if on_uni and r.random() < 0.3 else None)
        a.office = lab_ips or [pat.format(r.randrange(0, 256), r.randrange(1, 255)) for _ in range(r.randrange(1, 3))]
        return a

    def collect(self, a: Account, q: str, window: tuple[float, float], pages: int, start: float, rps: float = 1.0,
                max_results: int = 500) -> float:
        """A collection script paging through one full-archive query (the rate limit is 1 request/s)."""
        r = self.r
        t = start
        tok = None
        base = {"query": q, "start_time": iso(window[0]), "end_time": iso(window[1]), "max_results": max_results,
                **tweet_fields(r)}
        for i in range(pages):
            p = dict(base)
            if tok:
                p["next_token"] = tok
            last = i == pages - 1
            self.emit(a, t, "/2/tweets/search/all", p, items=max_results if not last else r.randrange(1, max_results))
            if r.random() < 0.004:   # the 15-minute window is exhausted: the script sleeps
                self.emit(a, t + 1.1, "/2/tweets/search/all", p, status=429)
                t += r.uniform(300, 900)
            tok = self.token()
            t += 1.0 / rps + r.expovariate(4)
        return t

    def p_academic_researcher(self, n: int) -> None:
        """Bounded samples: one or two topical queries over a fixed window, paged to the end, a few runs a week."""
        r = self.r
        for _ in range(n):
            label, core = r.choice(RESEARCH_TOPICS)
            a = self.research_account("academic_researcher", label)
            y = r.randrange(2012, 2025)
            start = datetime(y, r.randrange(1, 12), 1, tzinfo=timezone.utc).timestamp()
            window = (start, start + r.choice((7, 14, 30, 61, 92)) * DAY)
            q = core + r.choice([" lang:en", " -is:retweet lang:en", " has:geo", ""])
            left = r.randrange(30, 700)
            for s in self.sessions(a, r.uniform(0.2, 0.7), "office", weekend=0.3).tolist():
                pages = min(left, r.randrange(20, 300))
                if pages <= 0:
                    if r.random() < 0.3:    # next sub-question: a fresh, bounded query
                        q = core + r.choice([" lang:es", " has:links", " is:reply"])
                        left = r.randrange(20, 200)
                    continue
                self.collect(a, q, window, pages, s)
                left -= pages
            for s in self.sessions(a, 0.3, "office").tolist():
                self.emit(a, s, "/2/tweets/counts/all", {"query": q, "start_time": iso(window[0]), "end_time": iso(window[1]),
                                                         "granularity": "day"}, items=int((window[1] - window[0]) / DAY), per_item=60)

    def p_academic_heavy(self, n: int) -> None:
        """Heavy but on-topic: a large topical corpus (months of one debate), then the authors' profiles in batches."""
        r = self.r
        for _ in range(n):
            label, core = r.choice(RESEARCH_TOPICS)
            a = self.research_account("academic_heavy", label)
            a.pool_ips = [self.dc_ip()]     # the collection runs on a cloud VM
            y = r.randrange(2016, 2025)
            start = datetime(y, 1, 1, tzinfo=timezone.utc).timestamp()
            windows = [(start + m * 30 * DAY, start + (m + 1) * 30 * DAY) for m in range(r.randrange(3, 13))]
            t = self.t0 + r.uniform(0, 2 * DAY)
            for w in windows:
                if t >= self.t1:
                    break
                t = self.collect(a, core + " -is:retweet", w, r.randrange(60, 300), t, rps=r.uniform(0.6, 1.0))
                t += r.uniform(0.5, 10) * HOUR
                for _ in range(r.randrange(5, 40)):   # hydrate the authors of the sample, 100 per request
                    ids = ",".join(self.pop_ids[i] for i in self.authors(100))
                    self.emit(a, t, "/2/users", {"ids": ids, "user.fields": "created_at,description,public_metrics"},
                              items=r.randrange(90, 101), per_item=420)
                    t += r.uniform(1, 4)

    def p_academic_longitudinal(self, n: int) -> None:
        """Ten or more years of one topic, sampled: the same days of each month. Looks like a time sweep; is a design."""
        r = self.r
        for _ in range(n):
            label, core = r.choice(RESEARCH_TOPICS)
            a = self.research_account("academic_longitudinal", label)
            days = [r.randrange(1, 28) for _ in range(r.randrange(1, 4))]
            slots = [datetime(y, m, d, tzinfo=timezone.utc).timestamp()
                     for y in range(r.randrange(2008, 2016), 2026) for m in range(1, 13) for d in days]
            if r.random() < 0.3:
                r.shuffle(slots)
            sess = self.sessions(a, r.uniform(0.4, 1.0), "office", weekend=0.3).tolist()
            i = 0
            for s in sess:
                t = s
                for _ in range(r.randrange(20, 150)):
                    if i >= len(slots):
                        break
                    t = self.collect(a, core, (slots[i], slots[i] + DAY), r.randrange(1, 4), t)
                    i += 1

    def p_academic_panel(self, n: int) -> None:
        """A fixed panel (legislators, journalists, health agencies) whose timelines are refreshed weekly with since_id."""
        r = self.r
        for _ in range(n):
            label, _core = r.choice(RESEARCH_TOPICS)
            a = self.research_account("academic_panel", label)
            panel = sorted({int(x) for x in self.np.choice(len(self.pop_ids), size=r.randrange(300, 2500), p=self.pop_w)})
            r.shuffle(panel)
            weekday = r.randrange(0, 5)         # the weekly refresh, started by hand on a working morning
            runs = [self.t0 + (weekday + 7 * w) * DAY + (9 - a.tz + r.uniform(0, 3)) * HOUR for w in range(self.days // 7 + 1)]
            runs += self.sessions(a, 0.08, "office", weekend=0.0).tolist()   # and an occasional re-run after a crash
            for s in runs:
                t = s
                for idx in panel:
                    self.emit(a, t, f"/2/users/{self.pop_ids[idx]}/tweets",
                              {"max_results": 100, "since_id": str(self.snowflake(t - 7 * DAY)), "tweet.fields": "created_at,public_metrics"},
                              items=int(self.np.poisson(r.choice((2, 5, 14, 40)))), status=404 if idx in self.pop_gone else 200)
                    t += r.uniform(0.9, 2.5)

    def p_firehose_consumer(self, n: int) -> None:
        """One long stream per consumer (sample or filtered), reconnecting with back-off."""
        r = self.r
        for _ in range(n):
            co = self.company(sso_p=0.6)
            ent = r.random() < 0.5
            a = self.account("firehose_consumer", plan="enterprise" if ent else "api", use="commercial",
                             use_desc=r.choice(["real-time trend detection for our newsroom", "brand safety monitoring",
                                                "real-time market signals for our clients", "live event moderation dashboard"]),
                             email=self.email(co["domain"]), org_id=co["org_id"], company=co["name"], card=co["card"],
                             sso=co["sso"], label_org=co["org_id"], ua_kind=r.choice(["script", "lib"]))
            a.ips = [self.dc_ip() for _ in range(r.randrange(1, 3))]
            path = "/2/tweets/sample/stream" if ent and r.random() < 0.5 else "/2/tweets/search/stream"
            rate = r.uniform(20, 60) if path.endswith("sample/stream") else r.lognormvariate(np.log(0.5), 1.2)
            self.stream_sessions(a, path, rate, mean_conn_h=r.uniform(3, 24), deploy_hour=r.uniform(0, 24) if r.random() < 0.4 else None)
            for t in self.poisson(r.uniform(0.2, 2), "office", a.tz, weekend=0.1).tolist():   # rule edits
                self.emit(a, t, "/2/tweets/search/stream/rules", {"dry_run": "false"}, method="POST", items=1, per_item=150)

    def p_news_crm_app(self, n: int) -> None:
        """Apps that look users up as they appear in their live stream (many distinct ids, no order), with a local cache."""
        r = self.r
        for _ in range(n):
            co = self.company(sso_p=0.4)
            a = self.account("news_crm_app", plan="api", use="commercial",
                             use_desc=r.choice(["CRM enrichment of customers' public profiles", "news desk: author context for posts we cite",
                                                "customer support inbox for our brand's mentions"]),
                             email=self.email(co["domain"]), org_id=co["org_id"], company=co["name"], card=co["card"],
                             sso=co["sso"], label_org=co["org_id"], ua_kind=r.choice(["script", "lib"]))
            a.ips = [self.dc_ip() for _ in range(r.randrange(1, 4))]
            rate = r.lognormvariate(np.log(8), 0.7) / HOUR            # new posts matching its rules
            self.stream_sessions(a, "/2/tweets/search/stream", rate, mean_conn_h=r.uniform(4, 20))
            arrivals = self.poisson(rate * DAY, GLOBAL, 0.0, day_sd=0.15)
            ttl = r.choice((6, 12, 24, 72)) * HOUR
            cache: dict[int, float] = {}
            batch = r.random() < 0.3
            pending: list[int] = []
            for t, idx in zip(arrivals.tolist(), self.authors(len(arrivals)), strict=True):
                if idx in cache and t - cache[idx] < ttl:
                    continue
                cache[idx] = t
                if batch:
                    pending.append(idx)
                    if len(pending) >= r.randrange(5, 40):
                        self.emit(a, t + 0.5, "/2/users", {"ids": ",".join(self.pop_ids[i] for i in pending), "user.fields": "description,public_metrics"},
                                  items=sum(1 for i in pending if i not in self.pop_gone), per_item=420,
                                  resources=[self.pop_ids[i] for i in pending if i not in self.pop_gone])
                        pending = []
                else:
                    self.emit(a, t + r.uniform(0.2, 3), f"/2/users/{self.pop_ids[idx]}", {"user.fields": "description,public_metrics,verified"},
                              items=1, per_item=420, status=404 if idx in self.pop_gone else 200)
                if r.random() < 0.05:       # the post is embedded in a story: fetch it with its metrics
                    self.emit(a, t + r.uniform(30, 900), f"/2/tweets/{self.snowflake(t)}", {"tweet.fields": "public_metrics"}, items=1)

    def p_monitoring_tool(self, n: int) -> None:
        """The same request every few minutes: a status account, a health query, a follower counter."""
        r = self.r
        for _ in range(n):
            co = self.company(sso_p=0.3) if r.random() < 0.6 else None
            a = self.account("monitoring_tool", plan=r.choice(["api", "free", "api"]), use="internal",
                             use_desc=r.choice(DATA_USES["internal"]), email=self.email(co["domain"]) if co else None,
                             org_id=co["org_id"] if co else None, card=co["card"] if co else "own",
                             label_org=co["org_id"] if co else None,
                             ua_kind="script")
            if r.random() < 0.35:   # a synthetic-monitoring SaaS probing from many regions, one user agent
                a.pool_ips = [self.dc_ip(False) for _ in range(r.randrange(6, 17))]
                a.uas = [r.choice(["Datadog/Synthetics", "Checkly/1.0 (https://www.checklyhq.com)", "UptimeRobot/2.0"])]
            else:
                a.ips = [self.dc_ip()]
            brand = r.choice(BRANDS).replace(" ", "")
            kind = r.randrange(3)
            interval = r.choice((300.0, 600.0, 900.0, 1800.0, 3600.0))
            etag = r.random() < 0.5
            idx = self.authors(1)[0]
            for t in self.periodic(interval, r.uniform(0, 3), outage_p=0.002).tolist():
                if kind == 0:
                    self.emit(a, t, f"/2/users/by/username/{brand}Status", {"user.fields": "public_metrics"}, items=1, per_item=420,
                              resources=[self.pop_ids[idx]])
                elif kind == 1:
                    same = r.random() < 0.9
                    self.emit(a, t, "/2/tweets/search/recent", {"query": f"from:{brand}Status", "max_results": 10},
                              status=304 if etag and same else 200, items=0 if same else 1)
                else:
                    self.emit(a, t, "/2/tweets/counts/recent", {"query": f"@{brand} (down OR outage OR broken)", "granularity": "minute"},
                              items=60, per_item=60)

    def p_university_lab(self, n: int) -> None:
        """Students of one lab: the grant's card and org, the lab's NAT, one shared collection script, related topics."""
        r = self.r
        left = n
        while left > 0:
            k = min(left, r.randrange(3, 8))
            left -= k
            uni = r.choice(UNIVERSITIES)
            card = self.card()
            nat = [uni[3].format(r.randrange(0, 256), r.randrange(1, 255)) for _ in range(r.randrange(1, 3))]
            label, core = r.choice(RESEARCH_TOPICS)
            y = r.randrange(2014, 2025)
            start = datetime(y, 1, 1, tzinfo=timezone.utc).timestamp()
            for _ in range(k):
                a = self.research_account("university_lab", label, uni=uni, card=card, lab_ips=nat)
                a.uas = ["twarc/2.14.0"] + a.uas[:1]
                a.office_days = (0, 1, 2, 3, 4, 5)
                q = core + r.choice([" lang:en", " lang:es", " has:media", " is:reply", " -is:retweet"])
                w0 = start + r.randrange(0, 6) * 30 * DAY
                for s in self.sessions(a, r.uniform(0.2, 0.8), "student", weekend=0.6).tolist():
                    x = r.random()
                    if x < 0.6:
                        self.collect(a, q, (w0, w0 + 30 * DAY), r.randrange(10, 150), s)
                    elif x < 0.8:
                        self.adhoc_search(a, s, q, r.randrange(1, 4), full=True, window=(w0, w0 + 30 * DAY))
                    else:
                        for i in range(r.randrange(3, 20)):
                            self.lookup_user(a, s + i * r.uniform(2, 30), timeline=True)

    def p_startup_team(self, n: int) -> None:
        """Engineers of a startup behind one office line (one team sits on a coworking floor a rival also lists)."""
        r = self.r
        left = n
        cowork_used = False
        while left > 0:
            k = min(left, r.randrange(3, 7))
            left -= k
            cowork = not cowork_used
            cowork_used = True
            office = [COWORK.format(r.randrange(2, 62)) for _ in range(2)] if cowork else None
            co = self.company("startup-cowork" if cowork else "startup", office=office, sso_p=0.5)
            brands = r.sample(BRANDS, 3)
            staging = self.dc_ip()
            for j in range(k):
                a = self.account("startup_team", plan="team" if r.random() < 0.7 else "api", use="commercial",
                                 use_desc="audience analytics product (in development)", email=self.email(co["domain"]),
                                 org_id=co["org_id"], company=co["name"], card=co["card"], sso=co["sso"], label_org=co["org_id"],
                                 ua_kind=r.choice(["script", "lib"]), n_ua=2, cc="US" if not cowork else r.choice(["US", "GB"]))
                a.office = co["office"]
                for s in self.sessions(a, r.uniform(0.8, 2.5), "office", weekend=0.2).tolist():
                    t = s
                    fixed = [self.authors(1)[0] for _ in range(r.randrange(2, 6))]
                    for _ in range(r.randrange(3, 30)):   # dev loop: the same few fixtures fetched again and again
                        x = r.random()
                        if x < 0.45:
                            self.lookup_user(a, t, idx=r.choice(fixed), timeline=r.random() < 0.4)
                        elif x < 0.8:
                            t = self.adhoc_search(a, t, brand_query(r, r.choice(brands)), r.randrange(1, 3), gap=2)
                        else:
                            self.emit(a, t, "/2/tweets/counts/recent", {"query": brand_query(r, r.choice(brands))}, items=168, per_item=60)
                        t += r.expovariate(1 / 60) + 2
                if j == 0:   # the staging cron of the product
                    for t in self.periodic(1800.0, 5.0).tolist():
                        self.emit(a, t, "/2/tweets/search/recent", {"query": brand_query(r, brands[0]), "max_results": 100,
                                                                    "since_id": str(self.snowflake(t - 1800))},
                                  items=int(self.np.poisson(6)), ip=staging)

    def p_cloud_app(self, n: int) -> None:
        """Small unrelated apps on one PaaS: they all egress from its NAT pool (a range a rival also lists)."""
        r = self.r
        nat = [PAAS_NAT.format(r.randrange(2, 250)) for _ in range(12)]
        for i in range(n):
            on_paas = i < int(n * 0.7)
            a = self.account("cloud_app", plan=r.choice(["free", "api", "api"]), use=r.choice(["personal", "commercial"]),
                             use_desc=r.choice(DATA_USES["personal"] + ["post scheduler for small businesses", "RSS bridge for our readers",
                                                                        "mentions auto-responder"]),
                             ua_kind=r.choice(["script", "lib"]))
            a.ips = nat if on_paas else [self.dc_ip()]
            kind = r.randrange(4)
            interval = r.choice((300.0, 900.0, 900.0, 1800.0, 3600.0, 3600.0))
            targets = [self.authors(1)[0] for _ in range(r.randrange(1, 12))]
            handle = self.pop_handles[targets[0]]
            for t in self.periodic(interval, r.uniform(0, 20), outage_p=0.01).tolist():
                if kind == 0:      # RSS bridge: a few timelines with since_id
                    idx = r.choice(targets)
                    self.emit(a, t, f"/2/users/{self.pop_ids[idx]}/tweets", {"since_id": str(self.snowflake(t - interval)), "max_results": 5},
                              items=int(self.np.poisson(0.4)))
                elif kind == 1:    # auto-responder: mentions since the last poll
                    self.emit(a, t, "/2/tweets/search/recent", {"query": f"@{handle}", "since_id": str(self.snowflake(t - interval))},
                              items=int(self.np.poisson(0.8)))
                elif kind == 2:    # follower-count widget
                    self.emit(a, t, f"/2/users/by/username/{handle}", {"user.fields": "public_metrics"}, items=1, per_item=420,
                              resources=[self.pop_ids[targets[0]]])
                elif r.random() < 0.25:   # daily digest bot, mostly idle
                    self.adhoc_search(a, t, r.choice(NEWS_TOPICS) + " min_faves:500", 1)

    def p_archive_backfill(self, n: int) -> None:
        """A contracted archive backfill on an enterprise plan: day by day back through the years, declared as such."""
        r = self.r
        for _ in range(n):
            co = self.company(sso_p=1.0)
            brands = r.sample(BRANDS, r.randrange(3, 8))
            a = self.account("archive_backfill", plan="enterprise", use="archive",
                             use_desc=DATA_USES["archive"][0].format(t=", ".join(brands[:3]), ea=f"EA-{r.randrange(1000, 9999)}"),
                             email=self.email(co["domain"]), org_id=co["org_id"], company=co["name"], card=co["card"],
                             sso=co["sso"], label_org=co["org_id"], ua_kind="script")
            a.ips = [self.dc_ip(False) for _ in range(2)]
            q = "(" + " OR ".join(f'"{b}"' for b in brands) + ") -is:retweet"
            day = datetime(2025, 12, 31, tzinfo=timezone.utc).timestamp() - r.randrange(0, 400) * DAY
            t = self.t0 + r.uniform(0, 3 * DAY)
            rps = r.uniform(0.006, 0.015)         # the contract's agreed pace for the backfill
            while t < self.t1 and day > datetime(2010, 1, 1, tzinfo=timezone.utc).timestamp():
                hour = ((t % DAY) // HOUR)
                if 6 <= hour < 8 and r.random() < 0.05:   # the warehouse's maintenance window
                    t += 2 * HOUR
                    continue
                age = (self.t0 - day) / (365 * DAY)
                pages = max(1, int(self.np.poisson(max(0.3, 3.0 - age * 0.2))))
                t = self.collect(a, q, (day, day + DAY), pages, t, rps=rps)
                day -= DAY

    def p_embedded_app(self, n: int) -> None:
        """A consumer app that ships its key inside the app: one key, thousands of phones, one workload.

        Bad practice, not resale: the user agents are the app's own builds, the addresses its users'
        phones and home lines in its market, the requests the same few screens (a feed, a profile)."""
        r = self.r
        for _ in range(n):
            co = self.company(sso_p=0.2)
            cc = r.choice(["US", "GB", "DE", "IN", "BR", "JP", "ID"])
            app = r.choice(["NewsPal", "Trendly", "Flock", "Murmur", "Headliner", "Scoopr"]) + r.choice(["", " Lite", " Pro"])
            a = self.account("embedded_app", plan="api", use="commercial", use_desc=f"{app}: trending posts and profiles in our mobile app",
                             email=self.email(co["domain"]), org_id=co["org_id"], company=co["name"], card=co["card"],
                             label_org=co["org_id"], cc=cc)
            builds = [f"{app.replace(' ', '')}/{r.randrange(2, 6)}.{r.randrange(0, 20)}.{b} ({os_})"
                      for b in range(r.randrange(2, 5)) for os_ in ("iPhone; iOS 18.1", "Android 14", "iPhone; iOS 17.6", "Android 13")]
            users = [(self.res_ip(cc), r.choice(builds)) for _ in range(r.randrange(150, 700))]
            lang = {"US": "en", "GB": "en", "DE": "de", "IN": "en", "BR": "pt", "JP": "ja", "ID": "id"}[cc]
            feeds = [f"{app.split()[0].lower()} trending", r.choice(NEWS_TOPICS), r.choice(NEWS_TOPICS) + " lang:" + lang]
            for t in self.poisson(r.uniform(200, 700), PROFILES["evening"] * 0.6 + 0.4, COUNTRIES[cc][0], weekend=1.2).tolist():
                ip, ua = r.choice(users)
                if r.random() < 0.7:
                    self.emit(a, t, "/2/tweets/search/recent", {"query": r.choice(feeds), "max_results": 20, "tweet.fields": "created_at,public_metrics"},
                              items=20, ip=ip, ua=ua)
                else:
                    self.lookup_user(a, t, by_handle=r.random() < 0.5, ip=ip, ua=ua)

    def p_former_rival_employee(self, n: int) -> None:
        """Left a rival lab; the signup still names it. Now an analyst elsewhere. Benign."""
        r = self.r
        for _ in range(n):
            rv = r.choice(RIVALS)
            co = self.company(sso_p=0.3)
            a = self.account("former_rival_employee", plan="api", use="commercial", use_desc=r.choice(DATA_USES["commercial"]),
                             email=self.email(), org_id=co["org_id"], company=rv["name"], label_org=co["org_id"],
                             created=self.t0 - r.uniform(500, 1200) * DAY, ua_kind="lib")
            a.office = co["office"]
            for s in self.sessions(a, r.uniform(0.3, 1.2), "office", weekend=0.1).tolist():
                t = s
                for _ in range(r.randrange(2, 10)):
                    t = self.adhoc_search(a, t, brand_query(r, r.choice(BRANDS)), r.randrange(1, 4)) + r.uniform(5, 120)

    # ---------------- abusive ----------------
    def adv_created(self, cu: float) -> float:
        """Sign-up time of an adversary's account: days old when sloppy, aged (or bought) when careful."""
        r = self.r
        return self.t0 - (r.uniform(1, 30) if r.random() > cu else r.uniform(30, 900)) * DAY

    def harvester_net(self, a: Account, cu: float) -> None:
        """Where a harvester calls from: one datacenter address when sloppy, rotating residential exits when careful."""
        r = self.r
        if r.random() < cu:
            a.pool_ips = r.sample(self.proxy_pool, int(lerp(3, 200, cu)))
            a.uas = [self.browser_ua() if r.random() < cu else self.ua("script") for _ in range(int(lerp(1, 8, cu)))]
        else:
            a.ips = [self.dc_ip(True)]

    def harvest_times(self, a: Account, volume: int, cu: float, t_from: float | None = None, t_to: float | None = None) -> list[float]:
        """Request times: a fixed cadence 24/7 when sloppy; Poisson with human sessions and night slow-down when careful."""
        r = self.r
        t_from = self.t0 + r.uniform(0, DAY) * cu if t_from is None else t_from
        t_to = self.t1 if t_to is None else t_to
        span = t_to - t_from
        if span <= 0:
            return []
        volume = max(1, int(volume * span / (7 * DAY)))    # volumes are stated per week
        if r.random() > cu:
            return self.periodic(span / volume, jitter=lerp(0.0, span / volume * 0.3, cu), t_from=t_from, t_to=t_to).tolist()
        prof = PROFILES["student"] if r.random() < 0.5 else PROFILES["office"] * 0.6 + 0.4
        ts = self.poisson(volume / (span / DAY), prof, a.tz, t_from=t_from, t_to=t_to, weekend=r.uniform(0.5, 1.2), day_sd=0.35)
        return ts.tolist()

    def id_walk(self, style: str, cu: float, start: int | None = None, stride: int = 1) -> Iterator[int]:
        """A walk over legacy user ids: sequential, strided or shuffled within blocks; careful walks skip some ids."""
        r = self.r
        start = r.randrange(10_000, LEGACY_MAX_USER_ID - 60_000_000) if start is None else start
        skip = lerp(0.0, 0.3, cu) if r.random() < cu else 0.0
        x = start
        while True:
            if style == "shuffled":
                blk = r.choice((256, 1000, 4096))
                block = list(range(x, x + blk))
                r.shuffle(block)
                for b in block:
                    if not skip or r.random() >= skip:
                        yield b
                x += blk
            else:
                if not skip or r.random() >= skip:
                    yield x
                x += stride

    def sweep_id_requests(self, a: Account, walk: Iterator[int], times: list[float], cu: float, mode: str = "mixed") -> None:
        """Fetch each id of the walk (profile, timeline or 100-id batch); careful walks interleave ordinary requests."""
        r = self.r
        mode = r.choice(["profile", "profile", "timeline", "batch"]) if mode == "mixed" else mode
        if mode == "batch":     # 100 ids a request: fewer requests for the same coverage
            times = times[::4]
        cover_p = lerp(0.0, 0.25, cu) if r.random() < cu else 0.0
        for t in times:
            if cover_p and r.random() < cover_p:
                self.cover(a, t)
                continue
            if mode == "batch":
                chunk = [next(walk) for _ in range(100)]
                found = [str(c) for c in chunk if r.random() < 0.62]
                self.emit(a, t, "/2/users", {"ids": ",".join(map(str, chunk)), "user.fields": "created_at,description,location,public_metrics"},
                          items=len(found), per_item=420, resources=found)
                continue
            uid = next(walk)
            exists = r.random() < 0.62      # dense legacy ids: deleted and suspended accounts are gaps
            if mode == "profile":
                self.emit(a, t, f"/2/users/{uid}", {"user.fields": "created_at,description,location,public_metrics"} if r.random() > cu * 0.5 else None,
                          items=1 if exists else 0, status=200 if exists else 404, per_item=420)
            else:
                n = r.choice((100, 100, 50)) if exists else 0
                self.emit(a, t, f"/2/users/{uid}/tweets", {"max_results": 100, "tweet.fields": "created_at,public_metrics,entities"},
                          items=n if r.random() < 0.7 else n // 3, status=200 if exists else 404)

    def p_id_sweep(self, n: int) -> None:
        """Keyspace sweeps of user ids: sequential, strided or shuffled within blocks."""
        r = self.r
        styles = ["sequential", "strided", "shuffled"]
        for i in range(n):
            cu = self.cu()
            style = styles[i % 3]
            a = self.account(f"id_sweep_{style}", plan=r.choice(["api", "api", "free"]), use=r.choice(["commercial", "personal"]),
                             use_desc=r.choice(["people search for our recruiting app", "audience analytics", "side project",
                                                "lead generation"]), cats=("scraping",), created=self.adv_created(cu))
            self.harvester_net(a, cu)
            vol = int(lerp(2500, 450, cu) * r.uniform(0.7, 1.3))
            times = self.harvest_times(a, vol, cu)
            stride = r.choice((3, 7, 13, 101, 997)) if style == "strided" else 1
            walk = self.id_walk(style if style != "strided" else "sequential", cu, stride=stride)
            self.sweep_id_requests(a, walk, times, cu)

    def broad_query(self, cu: float) -> str:
        """A query that matches 'everything': sloppy ones repeat one; careful ones paraphrase each time."""
        r = self.r
        if r.random() > cu:
            return "lang:en -is:retweet"
        words = r.sample(COMMON_WORDS, r.randrange(2, 7))
        q = "(" + " OR ".join(words) + ")"
        if r.random() < 0.6:
            q += " " + r.choice(["lang:en", "-is:retweet", "lang:en -is:retweet", "-is:reply", "has:links", "lang:en -is:nullcast"])
        return q

    def time_sweep(self, a: Account, times: list[float], cu: float, back_from: float | None = None, stop: float = ARCHIVE_START,
                   fixed_q: str | None = None, step: int = 1) -> None:
        """Day by day back to the network's first day: every day window, a few pages each."""
        r = self.r
        day = (back_from or datetime(2026, 10, 31, tzinfo=timezone.utc).timestamp()) - (r.randrange(0, 200) if back_from is None else 0) * DAY
        q = fixed_q or self.broad_query(0.0)
        pages_per = max(1, int(lerp(6, 1.5, cu) * r.uniform(0.7, 1.3)))
        page = 0
        tok = None
        cover_p = lerp(0.0, 0.2, cu) if r.random() < cu else 0.0
        width = DAY
        for t in times:
            if day < stop:
                break
            if cover_p and r.random() < cover_p:
                self.cover(a, t)
                continue
            if page == 0:
                if fixed_q is None and r.random() < cu:
                    q = self.broad_query(cu)
                # jittered widths, except for a member of a split sweep, whose slices must stay complementary
                width = DAY if step > 1 or r.random() > cu else r.uniform(0.75, 1.25) * DAY
            p = {"query": q, "start_time": iso(day), "end_time": iso(day + width), "max_results": 500}
            if r.random() > cu * 0.6:
                p.update({"tweet.fields": "created_at,author_id,lang,public_metrics,entities", "expansions": "author_id"})
            if tok:
                p["next_token"] = tok
            early = day < datetime(2009, 1, 1, tzinfo=timezone.utc).timestamp()
            n = r.randrange(20, 500) if early else 500
            self.emit(a, t, "/2/tweets/search/all", p, items=n)
            page += 1
            tok = self.token()
            if page >= pages_per or early:
                page, tok = 0, None
                day -= width * step * (1 if r.random() > cu * 0.3 else r.choice((2, 3)))   # careful sweeps skip days

    def p_time_sweep(self, n: int) -> None:
        """Full-archive sweeps of search, day by day back to 2006, with a query that matches nearly everything."""
        r = self.r
        for _ in range(n):
            cu = self.cu()
            a = self.account("time_sweep", plan="api", use="commercial",
                             use_desc=r.choice(["trend analytics", "market research", "sentiment index for our clients"]), cats=("scraping",),
                             created=self.adv_created(cu))
            self.harvester_net(a, cu)
            vol = int(lerp(2500, 450, cu) * r.uniform(0.7, 1.3))
            self.time_sweep(a, self.harvest_times(a, vol, cu), cu)

    def p_handle_sweep(self, n: int) -> None:
        """Alphabet sweeps of handles (aaa, aab, ...) or of user search prefixes; careful ones shuffle and mix in names."""
        r = self.r
        letters = string.ascii_lowercase
        for _ in range(n):
            cu = self.cu()
            a = self.account("handle_sweep", plan=r.choice(["api", "free"]), use="personal", use_desc=r.choice(DATA_USES["personal"]),
                             cats=("scraping",), created=self.adv_created(cu))
            self.harvester_net(a, cu)
            vol = int(lerp(2200, 400, cu) * r.uniform(0.7, 1.3))
            times = self.harvest_times(a, vol, cu)
            search = r.random() < 0.4
            length = 3 if search else r.choice((3, 4))
            first = r.randrange(0, 26)
            cands: list[str] = []
            order = [letters[(first + i) % 26] for i in range(26)]
            for c0 in order:
                if len(cands) > vol + 100:
                    break
                block = [c0 + "".join(t) for t in itertools.product(letters + ("" if search else "_0123456789"), repeat=length - 1)]
                if r.random() < cu:
                    r.shuffle(block)
                if r.random() < cu * 0.5:   # names with digits instead of pure alphabet
                    block += [f"{f}{d}" for f in r.sample(FIRST, 5) for d in range(10)]
                    r.shuffle(block)
                cands.extend(block)
            cover_p = lerp(0.0, 0.2, cu) if r.random() < cu else 0.0
            for t, h in zip(times, cands, strict=False):
                if cover_p and r.random() < cover_p:
                    self.cover(a, t)
                elif search:     # the users whose names match the prefix: any users, not the popular ones
                    found = r.sample(range(len(self.pop_ids)), r.randrange(60, 101))
                    self.emit(a, t, "/2/users/search", {"query": h, "max_results": 100}, items=len(found), per_item=420,
                              resources=[self.pop_ids[i] for i in found])
                else:
                    taken = r.random() < (0.93 if len(h) == 3 else 0.55)
                    self.emit(a, t, f"/2/users/by/username/{h}", {"user.fields": "created_at,description,public_metrics"},
                              items=1 if taken else 0, status=200 if taken else 404, per_item=420)

    def p_redownloader(self, n: int) -> None:
        """Refetches the same old resources in full (no since_id, no ETag) far more often than they can change."""
        r = self.r
        for _ in range(n):
            cu = self.cu()
            a = self.account("redownloader", plan="api", use="commercial", use_desc=r.choice(DATA_USES["commercial"]), cats=("scraping",),
                             created=self.adv_created(cu))
            self.harvester_net(a, cu)
            kind = r.randrange(3)
            size = r.randrange(30, 120)
            targets: list[tuple[str, dict, int, list[str]]] = []   # path, params, items, the same resources every time
            if kind == 0:
                for i in self.authors(size):
                    end = self.t0 - r.uniform(200, 3000) * DAY
                    targets.append((f"/2/users/{self.pop_ids[i]}/tweets", {"max_results": 100, "end_time": iso(end)}, 100,
                                    self.tweet_ids(100, end)))
            elif kind == 1:
                for _ in range(size):
                    targets.append((f"/2/tweets/{self.snowflake(self.t0 - r.uniform(100, 3500) * DAY)}",
                                    {"tweet.fields": "created_at,public_metrics,entities"}, 1, self.author_ids(1)))
            else:
                for _ in range(size // 10 + 3):
                    d0 = self.t0 - r.uniform(100, 3000) * DAY
                    targets.append(("/2/tweets/search/all", {"query": r.choice(NEWS_TOPICS), "start_time": iso(d0), "end_time": iso(d0 + DAY),
                                                             "max_results": 500}, 500, self.author_ids(500)))
            cycle = lerp(3.0, 8.0, cu) * HOUR * r.uniform(0.7, 1.3)
            t = self.t0 + r.uniform(0, cycle)
            while t < self.t1:
                sub = targets if r.random() > cu else r.sample(targets, max(1, int(len(targets) * r.uniform(0.4, 0.9))))
                for path, p, n_items, res in sub:
                    self.emit(a, t, path, p, items=n_items, resources=res)
                    t += r.uniform(0.8, 2.5) if r.random() > cu else r.expovariate(1 / 8)
                t += cycle * (r.uniform(0.9, 1.1) if r.random() > cu else r.uniform(0.5, 1.8))

    def p_split_crawl(self, n: int, rival_sizes: int = 1) -> None:
        """One organization's crawl split across several accounts and keys: disjoint, complementary slices of one keyspace."""
        r = self.r
        left = n
        k_net = 0
        while left > 0:
            k = min(left, r.randrange(5, 11))
            if left - k < 3:
                k = left
            left -= k
            cu = self.cu()
            net = self.network_id()
            rival = RIVALS[k_net % len(RIVALS)] if k_net < rival_sizes else None
            k_net += 1
            co = None if rival else self.company(sso_p=0.2)
            shared_card = self.card() if r.random() > cu else None
            dc_block = self.dc_ip(True).rsplit(".", 1)[0]
            kind = r.choice(["ids", "ids", "time"])
            net_mode = r.choice(["profile", "profile", "timeline"])
            slicing = r.choice(["interleaved", "chunks"])
            start = r.randrange(10_000, LEGACY_MAX_USER_ID - 50_000_000)
            signup0 = self.t0 - r.uniform(20, 200) * DAY
            vol = int(lerp(1600, 300, cu) * r.uniform(0.8, 1.2))
            tied = set(r.sample(range(k), r.randrange(1, 3))) if rival else set()
            t_start = self.t0 + r.uniform(0, 6 * HOUR)
            for j in range(k):
                cats = ("scraping", "coordination") + (("competitor",) if rival else ())
                email = None
                card = shared_card or self.card()
                sso = None
                org_decl = None
                signup_ip = None
                if co and r.random() > cu:
                    email = self.email(co["domain"])
                if rival and j in tied:
                    tie = r.choice(["card", "sso", "email", "signup"]) if r.random() < cu else "email"
                    if tie == "card":
                        card = r.choice(self.rival_cards[rival["org_id"]])
                    elif tie == "sso":
                        sso = rival["sso"][0]
                    elif tie == "email":
                        email = self.email(r.choice(rival["domains"]))
                        org_decl = rival["org_id"] if r.random() > cu else None
                    else:
                        signup_ip = _ip_in(r, rival["office"])
                a = self.account("split_crawl_rival" if rival else "split_crawl", plan="api", use="commercial",
                                 use_desc=r.choice(DATA_USES["commercial"]), email=email, card=card, sso=sso, org_id=org_decl,
                                 signup_ip=signup_ip, created=signup0 + r.uniform(0, lerp(0.05, 60, cu)) * DAY, cats=cats, network=net,
                                 label_org=rival["org_id"] if rival else (co["org_id"] if co else None))
                if r.random() < cu:
                    a.pool_ips = r.sample(self.proxy_pool, int(lerp(3, 120, cu)))
                    a.uas = [self.browser_ua() if r.random() < cu else self.ua("script") for _ in range(int(lerp(1, 5, cu)))]
                else:
                    a.ips = [f"{dc_block}.{r.randrange(2, 250)}"]
                    a.uas = ["python-requests/2.31.0"]
                ts0 = t_start + r.uniform(0, lerp(60, 2 * DAY, cu))
                times = self.harvest_times(a, vol, cu, t_from=ts0)
                if kind == "ids":
                    if slicing == "interleaved":
                        walk = self.id_walk("sequential", cu, start=start + j, stride=k)
                    else:
                        walk = self.id_walk("shuffled" if r.random() < cu else "sequential", cu, start=start + j * vol * 110)
                    self.sweep_id_requests(a, walk, times, cu, mode=net_mode)
                else:
                    back = datetime(2026, 10, 31, tzinfo=timezone.utc).timestamp()
                    if slicing == "interleaved":
                        self.time_sweep(a, times, cu, back_from=back - j * DAY, fixed_q="lang:en -is:retweet", step=k)
                    else:
                        span = (back - ARCHIVE_START) / k
                        self.time_sweep(a, times, cu, back_from=back - j * span, stop=back - (j + 1) * span,
                                        fixed_q="lang:en -is:retweet")

    def p_multi_key_crawl(self, n: int) -> None:
        """One account, several keys, each key walking its own slice of one id range (per-key limits evaded)."""
        r = self.r
        for _ in range(n):
            cu = self.cu()
            k = r.randrange(3, 9)
            a = self.account("multi_key_crawl", plan="api", use="commercial", use_desc=r.choice(DATA_USES["commercial"]),
                             cats=("scraping",), created=self.adv_created(cu), n_keys=k)
            self.harvester_net(a, cu)
            vol = int(lerp(2200, 400, cu) * r.uniform(0.8, 1.2))
            start = r.randrange(10_000, LEGACY_MAX_USER_ID - 50_000_000)
            interleaved = r.random() < 0.5
            for j, key in enumerate(a.keys):
                walk = self.id_walk("sequential", cu, start=start + j, stride=k) if interleaved else \
                    self.id_walk("shuffled" if r.random() < cu else "sequential", cu, start=start + j * vol * 110)
                times = self.harvest_times(a, vol // k + 1, cu, t_from=self.t0 + r.uniform(0, lerp(60, DAY, cu)))
                for t in times:
                    uid = next(walk)
                    exists = r.random() < 0.62
                    self.emit(a, t, f"/2/users/{uid}", {"user.fields": "created_at,description,public_metrics"},
                              items=1 if exists else 0, status=200 if exists else 404, per_item=420, key=key)

    def p_reseller(self, n: int) -> None:
        """One key fanned out to dozens of paying customers, each with its own workload, addresses and client."""
        r = self.r
        made = 0
        net_done = False
        while made < n:
            cu = self.cu()
            k = 3 if not net_done and n - made >= 4 else 1
            net_done = True
            net = self.network_id() if k > 1 else None
            card = self.card()
            customers = []
            for _ in range(int(lerp(90, 30, cu) * r.uniform(0.7, 1.3))):
                cc = self.country()
                customers.append({"tz": COUNTRIES[cc][0], "ips": [self.res_ip(cc) if r.random() < 0.6 else self.dc_ip() for _ in range(r.randrange(1, 3))],
                                  "ua": self.browser_ua() if r.random() < 0.2 else self.ua(r.choice(["script", "lib"])),
                                  "topics": r.sample(NEWS_TOPICS + BRANDS, 3), "rate": r.lognormvariate(np.log(3), 1.0),
                                  "users": self.authors(r.randrange(3, 60))})
            relay = [r.choice(self.proxy_pool) for _ in range(r.randrange(3, 10))]
            relay_ua = [self.browser_ua()] if r.random() < 0.5 else [self.ua("script")]
            accts = []
            for _ in range(k):
                a = self.account("reseller_network" if net else "reseller", plan=r.choice(["api", "enterprise"]), use="internal",
                                 use_desc=r.choice(DATA_USES["internal"] + DATA_USES["commercial"]), cats=("tier_abuse",) + (("coordination",) if net else ()),
                                 network=net, card=card if net and r.random() > cu else "own", ua_kind="script")
                accts.append(a)
            made += k
            via_relay = r.random() < cu
            for c in customers:
                for t in self.poisson(c["rate"], PROFILES["office"] * 0.7 + 0.3, c["tz"], weekend=0.5).tolist():
                    a = r.choice(accts)
                    ip = r.choice(relay) if via_relay else r.choice(c["ips"])
                    ua = r.choice(relay_ua) if via_relay else c["ua"]
                    x = r.random()
                    if x < 0.5:
                        q = c["topics"][r.randrange(3)]
                        q = brand_query(r, q) if q in BRANDS else q
                        self.emit(a, t, "/2/tweets/search/recent", {"query": q, "max_results": 100}, items=r.randrange(20, 101), ip=ip, ua=ua)
                    elif x < 0.8:
                        idx = r.choice(c["users"])
                        self.emit(a, t, f"/2/users/{self.pop_ids[idx]}/tweets", {"max_results": 100}, items=r.randrange(10, 101),
                                  ip=ip, ua=ua)
                    else:
                        idx = r.choice(c["users"])
                        self.emit(a, t, f"/2/users/by/username/{self.pop_handles[idx]}", None, items=1, per_item=420,
                                  resources=[self.pop_ids[idx]], ip=ip, ua=ua)

    def p_declared_use_violator(self, n: int) -> None:
        """A research key doing a full-archive sweep (or a timeline sweep over millions of ids)."""
        r = self.r
        for _ in range(n):
            cu = self.cu()
            label, _ = r.choice(RESEARCH_TOPICS)
            uni = r.choice(UNIVERSITIES)
            on_uni = r.random() < 0.6
            a = self.account("declared_use_violator", plan="api", use="research",
                             use_desc=r.choice(DATA_USES["research"]).format(t=label), cc=uni[4],
                             email=self.email(uni[2]) if on_uni else None, org_id=uni[0] if on_uni else None,
                             ua_kind="academic", cats=("scraping",), mismatch=True, created=self.adv_created(cu))
            self.harvester_net(a, cu * 0.7)
            if r.random() < 0.3:
                a.office = [uni[3].format(r.randrange(0, 256), r.randrange(1, 255))]
            vol = int(lerp(2500, 600, cu) * r.uniform(0.7, 1.3))
            times = self.harvest_times(a, vol, cu)
            if r.random() < 0.6:
                self.time_sweep(a, times, cu)
            else:
                self.sweep_id_requests(a, self.id_walk("sequential", cu), times, cu, mode="timeline")

    def rival_ties(self, rv: dict, cu: float) -> dict:
        """At least one tie of payment, SSO, domain or office; careful ones use a personal email and fewer ties."""
        r = self.r
        ties = {"email": None, "card": None, "sso": None, "org": None, "signup": None, "company": None}
        strong = ["card", "sso", "email", "signup"]
        k = 1 if r.random() < cu else r.randrange(2, 4)
        chosen = r.sample(strong if r.random() > cu else ["card", "sso", "signup"], k)
        for t in chosen:
            if t == "card":
                ties["card"] = r.choice(self.rival_cards[rv["org_id"]])
            elif t == "sso":
                ties["sso"] = rv["sso"][0]
            elif t == "email":
                ties["email"] = self.email(r.choice(rv["domains"]))
                if r.random() > cu:
                    ties["org"] = rv["org_id"]
            else:
                ties["signup"] = _ip_in(r, rv["office"])
        if r.random() > cu:
            ties["company"] = rv["name"]
        return ties

    def rival_account(self, persona: str, rv: dict, cu: float, cats: tuple) -> Account:
        r = self.r
        ties = self.rival_ties(rv, cu)
        a = self.account(persona, plan=r.choice(["api", "api", "enterprise"]), use=r.choice(["research", "commercial", "internal"]),
                         use_desc=r.choice(["evaluating data quality for research", "internal analytics", "academic research on public discourse",
                                            "trend analytics"]),
                         email=ties["email"], card=ties["card"] or "own", sso=ties["sso"], org_id=ties["org"], company=ties["company"],
                         signup_ip=ties["signup"], cats=cats, label_org=rv["org_id"])
        if r.random() > cu:   # sloppy: calls from the office
            a.office = [_ip_in(r, rv["office"]) for _ in range(2)]
            a.office_days = (0, 1, 2, 3, 4)
        return a

    def p_rival_harvester(self, n: int) -> None:
        """Rival-lab staff harvesting training data: the sample stream, full-archive sweeps, timeline sweeps."""
        r = self.r
        for i in range(n):
            cu = self.cu()
            rv = RIVALS[i % len(RIVALS)]
            a = self.rival_account("rival_harvester", rv, cu, ("scraping", "competitor"))
            if a.office is None:
                self.harvester_net(a, cu)
                if rv["org_id"] == "corvid-ai" and r.random() < 0.5:   # runs on the PaaS whose pool Corvid lists
                    a.pool_ips = [PAAS_NAT.format(r.randrange(2, 250)) for _ in range(6)]
            else:                 # sloppy: the crawler runs on a machine in the office
                a.pool_ips = a.office
            vol = int(lerp(2200, 450, cu) * r.uniform(0.7, 1.3))
            times = self.harvest_times(a, vol, cu)
            x = r.random()
            if x < 0.35:
                self.time_sweep(a, times, cu)
            elif x < 0.65:
                self.sweep_id_requests(a, self.id_walk(r.choice(["sequential", "shuffled"]), cu), times, cu)
            else:
                self.stream_sessions(a, "/2/tweets/sample/stream", lerp(50, 20, cu), mean_conn_h=r.uniform(2, 12))
                self.time_sweep(a, times[: len(times) // 3], cu)

    def p_rival_staff(self, n: int) -> None:
        """Rival-lab staff on their own accounts at low volume (dataset checks, a few searches): affiliation only."""
        r = self.r
        for i in range(n):
            cu = self.cu()
            rv = RIVALS[(i + 1) % len(RIVALS)]
            a = self.rival_account("rival_staff", rv, cu, ("competitor",))
            a.uas = [self.ua("lib"), self.ua("script")]
            if rv["org_id"] == "tessellate-labs" and r.random() < cu:   # a privacy VPN, like many ordinary developers
                a.vpn_p = 0.7
            if rv["org_id"] == "ardent-research" and r.random() < cu:    # Ardent's satellite desk on the coworking floor
                a.office = [COWORK.format(r.randrange(2, 62)) for _ in range(2)]
            for s in self.sessions(a, r.uniform(0.3, 1.5), "office", weekend=0.2).tolist():
                t = s
                for _ in range(r.randrange(2, 20)):
                    if r.random() < 0.6:
                        t = self.adhoc_search(a, t, r.choice(RESEARCH_TOPICS)[1], r.randrange(1, 5), full=r.random() < 0.5)
                    else:
                        self.lookup_user(a, t, timeline=r.random() < 0.5)
                    t += r.expovariate(1 / 60) + 3


def _ip_in(r: random.Random, cidr: str) -> str:
    base, bits = cidr.split("/")
    a, b, c, d = (int(x) for x in base.split("."))
    size = 1 << (32 - int(bits))
    off = r.randrange(1, size - 1)
    v = (a << 24 | b << 16 | c << 8 | d) + off
    return f"{v >> 24 & 255}.{v >> 16 & 255}.{v >> 8 & 255}.{v & 255}"


DEFAULT_MIX = {  # accounts per persona, relative (scaled to --accounts)
    "hobby_dev": 240, "analyst": 120, "listening_dashboard": 40, "academic_researcher": 40, "academic_heavy": 8,
    "academic_longitudinal": 6, "academic_panel": 7, "firehose_consumer": 12, "news_crm_app": 22, "monitoring_tool": 22,
    "university_lab": 16, "startup_team": 13, "cloud_app": 40, "archive_backfill": 3, "embedded_app": 5, "former_rival_employee": 4,
    # abusive
    "id_sweep": 12, "time_sweep": 6, "handle_sweep": 6, "redownloader": 6, "split_crawl": 16, "multi_key_crawl": 3, "reseller": 9,
    "declared_use_violator": 6, "rival_harvester": 10, "rival_staff": 6,
}


def run(out_dir: str, seed: int, accounts: int, days: int, careful: float, mix: dict) -> None:
    t_start = time.time()
    g = Personas(seed, accounts, days, careful)
    w = {k: float(v) for k, v in mix.items() if v > 0}
    tot = sum(w.values())
    for k, v in w.items():
        c = max(1, int(round(v / tot * accounts)))
        getattr(g, "p_" + k)(c)
    order = sorted(range(len(g.rows)), key=lambda i: g.rows[i][0])
    os.makedirs(out_dir, exist_ok=True)
    ids = [a["account_id"] for a in g.accounts]
    rid = g.np.integers(0, 1 << 62, len(order))
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    with open(os.path.join(out_dir, "requests.jsonl"), "w", encoding="utf-8") as f:
        buf = []
        for n_, i in enumerate(order):
            (ts, ai, key, ch, plat, euid, euorg, ip, ua, ep, method, path, qs, res, items, nbytes, resources, status,
             stream, use, cut) = g.rows[i]
            buf.append(dumps({
                "ts": round(ts, 3), "request_id": f"req_{int(rid[n_]):016x}", "account_id": ids[ai], "key_id": key,
                "channel": ch, "platform": plat, "end_user_id": euid, "end_user_org": euorg, "client_ip": ip,
                "user_agent": ua, "endpoint": ep, "model": "", "conversation_id": None, "turn": 1, "system": None,
                "prompt": qs or "", "input_tokens": 0, "output_tokens": 0, "reasoning": False, "stream": stream,
                "status": status, "decision": "allow", "kind": "data", "method": method, "path": path, "query": qs,
                "resource": res, "items": items, "bytes": nbytes, "resources": resources, "key_use": use, "cut_reason": cut}))
            if len(buf) >= 20000:
                f.write("\n".join(buf) + "\n")
                buf = []
        if buf:
            f.write("\n".join(buf) + "\n")
    for name, rows in (("accounts.jsonl", g.accounts), ("entities.jsonl", g.entities), ("labels.jsonl", g.labels)):
        with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
            f.write("".join(dumps(x) + "\n" for x in rows))
    per_acc = Counter(g.rows[i][1] for i in range(len(g.rows)))
    pc = Counter(lab["persona"] for lab in g.labels)
    preq: Counter = Counter()
    for ai, c in per_acc.items():
        preq[g.labels[ai]["persona"]] += c
    abusive = sum(1 for lab in g.labels if lab["categories"])
    print(f"{len(g.accounts)} accounts ({abusive} abusive, {abusive / max(1, len(g.accounts)):.1%}), {len(order)} requests, "
          f"{len(g.entities)} entities, {time.time() - t_start:.1f}s", file=sys.stderr)
    print(f"{'persona':28s} {'accounts':>8s} {'requests':>9s}", file=sys.stderr)
    for p in sorted(pc):
        print(f"{p:28s} {pc[p]:8d} {preq[p]:9d}", file=sys.stderr)
    print("categories:", dict(Counter(c for lab in g.labels for c in lab["categories"])), file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--accounts", type=int, default=800)
    ap.add_argument("--days", type=int, default=7)
    ap.add_argument("--careful", type=float, default=0.5)
    ap.add_argument("--mix", nargs="*", default=[], metavar="PERSONA=WEIGHT")
    a = ap.parse_args(argv)
    mix = dict(DEFAULT_MIX)
    for item in a.mix:
        k, _, v = item.partition("=")
        if k not in DEFAULT_MIX:
            ap.error(f"unknown persona {k!r}; known: {', '.join(DEFAULT_MIX)}")
        try:
            mix[k] = float(v)
        except ValueError:
            ap.error(f"--mix {item!r}: the weight must be a number")
    if not 0 <= a.careful <= 1:
        ap.error("--careful must be within 0..1")
    if a.accounts < 100 or a.days < 1:
        ap.error("--accounts must be at least 100 and --days at least 1")
    run(a.out_dir, a.seed, a.accounts, a.days, a.careful, mix)


if __name__ == "__main__":
    main()
