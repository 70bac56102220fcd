"""The world of set "f": Haneul AI's addresses, clocks, clients, languages and directory.

Kept apart from the personas (personas.py) so that each persona reads like a description of people,
and the infrastructure they share (carrier NAT, a cloud region's shared NAT, a VPN exit, a campus,
a coworking floor, a platform's relay) is defined once, the way a gateway sees it.
Written without reading Moat's detectors (see README.md).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

T0 = 1794787200.0  # Monday 2026-11-16 00:00 UTC
DAY = 86400.0

# ---------------------------------------------------------------- addresses

Block = tuple[int, int]


def cidr(s: str) -> Block:
    """(first address as an int, size) of an IPv4 CIDR block."""
    net, bits = s.split("/")
    a, b, c, d = (int(x) for x in net.split("."))
    return (a << 24) | (b << 16) | (c << 8) | d, 1 << (32 - int(bits))


def ip4(n: int) -> str:
    return f"{n >> 24 & 255}.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"


def in_block(rng: np.random.Generator, blocks: list[Block]) -> str:
    base, size = blocks[int(rng.integers(len(blocks)))]
    return ip4(base + (int(rng.integers(1, size - 1)) if size > 4 else int(rng.integers(size))))


def blocks(*cidrs: str) -> list[Block]:
    return [cidr(c) for c in cidrs]


# carrier-grade NAT pools of mobile operators: thousands of subscribers behind each address
MOBILE = {
    "KR": blocks("223.38.0.0/17", "223.62.0.0/17", "39.7.0.0/17", "110.70.0.0/17", "106.101.0.0/17",
                 "211.234.128.0/17"),
    "JP": blocks("1.72.0.0/16", "1.75.0.0/16", "106.128.0.0/16", "106.133.0.0/16", "126.193.0.0/16",
                 "126.253.0.0/16"),
    "ID": blocks("114.124.128.0/17", "182.0.128.0/17", "114.4.0.0/17", "112.215.64.0/18",
                 "120.188.0.0/17"),
    "SG": blocks("111.65.32.0/19", "118.200.0.0/17", "220.255.0.0/17"),
    "AU": blocks("1.128.0.0/16", "1.136.0.0/16", "49.179.0.0/16", "120.17.0.0/16"),
    "VN": blocks("27.64.0.0/17", "171.224.0.0/17"),
    "PH": blocks("112.198.0.0/17", "175.176.0.0/17"),
    "TH": blocks("49.228.0.0/16", "49.230.0.0/16"),
    "MY": blocks("175.136.0.0/17", "1.32.0.0/17"),
    "TW": blocks("42.72.0.0/16", "39.9.0.0/16"),
}
# home broadband (dynamic IPv4, one household per address at a time)
HOME4 = {
    "KR": blocks("121.131.0.0/16", "175.193.0.0/16", "118.235.0.0/16", "58.120.0.0/16", "211.36.0.0/16"),
    "JP": blocks("153.156.0.0/16", "219.100.0.0/16", "60.108.0.0/16", "118.8.0.0/16", "114.150.0.0/16"),
    "ID": blocks("36.68.0.0/16", "180.252.0.0/16", "110.136.0.0/16", "125.160.0.0/16"),
    "SG": blocks("116.14.0.0/16", "116.87.0.0/16", "138.75.0.0/16"),
    "AU": blocks("101.191.0.0/16", "120.150.0.0/16", "124.168.0.0/16", "110.174.0.0/16"),
    "VN": blocks("113.160.0.0/16", "14.161.0.0/16"),
    "PH": blocks("49.145.0.0/16", "124.106.0.0/16"),
    "TH": blocks("171.96.0.0/16", "184.22.0.0/16"),
    "MY": blocks("175.139.0.0/16", "60.48.0.0/16"),
    "TW": blocks("1.160.0.0/16", "36.224.0.0/16"),
}
HOME6 = {"KR": "2001:2d8", "JP": "240b:11", "ID": "2001:448a", "SG": "2406:3003", "AU": "2001:8003",
         "VN": "2402:800", "PH": "2001:4455", "TH": "2405:9800", "MY": "2001:e68", "TW": "2001:b011"}

# shared infrastructure a rival also lists (entities.jsonl) — used by many unrelated customers
SEOUL_CLOUD_NAT = "43.200.12.0/24"     # the Seoul cloud region's shared NAT gateway pool
GANGNAM_COWORK = "211.45.160.0/27"     # a Gangnam coworking floor (goryeo-ai rents desks there)
SG_VPN_EXIT = "146.70.112.0/24"       # a commercial VPN's Singapore exits (merlion-labs staff use it)
UTOKYO_LAB = "133.11.200.0/26"        # a University of Tokyo lab NAT kitsune-research co-runs
OTHER_VPN = ["103.216.220.0/24", "185.213.82.0/24", "89.187.160.0/24", "156.146.56.0/24"]
COWORK = {"Gangnam": GANGNAM_COWORK, "Singapore": "203.116.40.0/27", "Jakarta": "103.28.52.0/27",
          "Sydney": "203.3.196.0/27", "Shibuya": "210.130.180.0/27"}
CAMPUS = {"KAIST": ("143.248.64.0/26", "KR"), "SNU": ("147.46.10.0/26", "KR"),
          "UTokyo": (UTOKYO_LAB, "JP"), "NUS": ("137.132.80.0/26", "SG"),
          "UI": ("152.118.24.0/26", "ID"), "UNSW": ("149.171.40.0/26", "AU"),
          "Waseda": ("133.9.40.0/26", "JP")}
CLOUD_OWN = blocks("3.34.0.0/16", "52.78.0.0/16", "13.212.0.0/16", "54.252.0.0/16", "35.243.64.0/18",
                   "34.64.0.0/16")
VPS = {"tokyo": "45.76.144.0/24", "singapore": "139.180.128.0/24", "seoul": "158.247.192.0/24"}
RIVAL_OFFICE = {"goryeo-ai": "121.78.120.0/27", "merlion-labs": "202.166.30.0/27",
                "kitsune-research": "210.150.88.0/27"}
PLATFORM_RELAY = {"hanbit-code": "34.64.110.0/27", "agentloom": "3.104.220.0/27",
                  "kaiwa-hub": "133.242.60.0/28"}
CORP_PROXY = {"daehan-securities": "211.192.40.16/28", "sakura-trading": "202.32.110.32/28",
              "nusantara-bank": "103.10.64.48/28"}

TZ = {"KR": 9, "JP": 9, "ID": 7, "SG": 8, "AU": 11, "VN": 7, "PH": 8, "TH": 7, "MY": 8, "TW": 8}

Addr = Callable[[float], str]


def _c(rng: np.random.Generator, xs: list[str]) -> str:
    return xs[int(rng.integers(len(xs)))]


def fixed(rng: np.random.Generator, cidr_s: str, n: int) -> Addr:
    """A few fixed egress addresses of a small block (a corporate proxy, an office, a VPS)."""
    ips = [in_block(rng, [cidr(cidr_s)]) for _ in range(n)]
    return lambda ts: ips[int(rng.integers(len(ips)))]


def pool(rng: np.random.Generator, bl: list[Block]) -> Addr:
    """Any address of a pool, new each session (carrier NAT, VPN exits, residential proxies)."""
    return lambda ts: in_block(rng, bl)


def home4(rng: np.random.Generator, country: str, days: int) -> Addr:
    """Dynamic home IPv4: the ISP hands out a new address every 1-30 days."""
    bl = HOME4[country]
    changes: list[tuple[float, str]] = []
    t = T0 - float(rng.uniform(0, 20)) * DAY
    while t < T0 + (days + 1) * DAY:
        t += float(rng.uniform(1, 30)) * DAY
        changes.append((t, in_block(rng, bl)))

    def at(ts: float) -> str:
        for until, ip in changes:
            if ts < until:
                return ip
        return changes[-1][1]
    return at


def home6(rng: np.random.Generator, country: str) -> Addr:
    """Home IPv6: a fixed /64, the interface id a privacy address rotated daily."""
    prefix = f"{HOME6[country]}:{int(rng.integers(0, 65536)):x}:{int(rng.integers(0, 65536)):x}"
    salt = int(rng.integers(1 << 30))

    def at(ts: float) -> str:
        h = hashlib.blake2b(f"{salt}:{int(ts // DAY)}".encode(), digest_size=8).hexdigest()
        return f"{prefix}:{h[0:4]}:{h[4:8]}:{h[8:12]}:{h[12:16]}"
    return at


def residential_proxy(rng: np.random.Generator, countries: list[str]) -> Addr:
    """A residential proxy network: a random household somewhere, each session."""
    bl = [b for c in countries for b in HOME4[c] + MOBILE[c]]
    return lambda ts: in_block(rng, bl)


def mixed(rng: np.random.Generator, parts: list[tuple[float, Addr]]) -> Addr:
    cum = np.cumsum([p for p, _ in parts])
    cum = (cum / cum[-1]).tolist()

    def at(ts: float) -> str:
        u = rng.random()
        return next(f for c, (_, f) in zip(cum, parts) if u <= c)(ts)
    return at


def personal_addr(rng: np.random.Generator, country: str, days: int) -> Addr:
    """How a person reaches the API: home (v4 or v6), phone carrier, sometimes a café's."""
    home = home6(rng, country) if rng.random() < 0.35 else home4(rng, country, days)
    phone = pool(rng, MOBILE[country])
    return mixed(rng, [(0.7, home), (0.25, phone), (0.05, pool(rng, HOME4[country]))])


# ---------------------------------------------------------------- clocks

PROFILES: dict[str, tuple[list[float], list[float]]] = {
    # (weekday, weekend) weights by local hour
    "office": ([.1, .05, .02, .02, .02, .05, .2, .6, 1.6, 2.6, 2.8, 2.4, 1.3, 2.2, 2.8, 2.7, 2.4, 1.9, 1.2,
                .8, .7, .6, .4, .2], [.1] * 8 + [.3] * 12 + [.15] * 4),
    "consumer": ([.4, .2, .1, .05, .05, .1, .3, .8, 1, .9, .8, .9, 1.3, 1, .9, .9, 1, 1.2, 1.5, 1.9, 2.3, 2.5,
                  2.0, 1.1], [.6, .4, .2, .1, .05, .1, .2, .6, 1.1, 1.5, 1.8, 1.9, 2, 2, 2, 2, 2, 2, 2.1, 2.3, 2.5,
                              2.4, 1.8, 1.0]),
    "student": ([1.5, 1.2, .8, .3, .1, .05, .1, .3, .6, .9, 1, 1.1, .9, 1, 1.2, 1.4, 1.5, 1.3, 1.1, 1.4, 1.9,
                 2.2, 2.4, 2.1], [1.6, 1.3, .9, .4, .1, .05, .05, .1, .2, .4, .8, 1.1, 1.2, 1.3, 1.4, 1.4, 1.3, 1.2,
                                  1.2, 1.5, 2, 2.3, 2.4, 2.1]),
    "night": ([.3, 2, 3, 3, 2.5, 1, .2, .05, .05, .05, .05, .05, .05, .05, .05, .05, .05, .05, .05, .05, .05, .05,
               .05, .1], [.3, 2, 3, 3, 2.5, 1, .2] + [.05] * 17),
    "flat": ([1.0] * 24, [1.0] * 24),
    "dev": ([.3, .2, .1, .05, .05, .1, .2, .5, 1, 1.8, 2.2, 2.1, 1.4, 2, 2.2, 2.2, 2, 1.7, 1.2, 1.2, 1.5, 1.6,
             1.3, .7], [.4, .3, .2, .1, .05, .05, .1, .3, .6, .9, 1.1, 1.2, 1.2, 1.3, 1.3, 1.3, 1.2, 1.1, 1, 1.1,
                        1.2, 1.2, 1, .6]),
}
_hour_cache: dict[tuple[str, int, int], np.ndarray] = {}


def hour_weights(profile: str, tz: int, days: int) -> np.ndarray:
    key = (profile, tz, days)
    if key not in _hour_cache:
        wd, we = PROFILES[profile]
        w = np.empty(days * 24)
        for h in range(days * 24):
            local = h + tz
            dow = (local // 24) % 7
            w[h] = (we if dow >= 5 else wd)[local % 24]
        _hour_cache[key] = np.cumsum(w / w.sum())
    return _hour_cache[key]


def session_start(rng: np.random.Generator, profile: str, tz: int, days: int,
                  window: tuple[float, float] | None = None) -> float:
    """A session's start time, following the hour-of-week profile in the caller's time zone.

    `window` (days from T0) limits it to a stretch (an exam crunch, a hackathon, a visit)."""
    cum = hour_weights(profile, tz, days)
    lo, hi = (0, len(cum)) if not window else (int(window[0] * 24), max(int(window[0] * 24) + 1, int(window[1] * 24)))
    a, b = (cum[lo - 1] if lo else 0.0), cum[min(hi, len(cum)) - 1]
    h = min(int(np.searchsorted(cum, a + rng.random() * (b - a), side="right")), len(cum) - 1)
    return T0 + h * 3600.0 + float(rng.uniform(0, 3600))


# ---------------------------------------------------------------- clients

SDK = [("anthropic-python/0.42.0", "/v1/messages"), ("Anthropic/JS 0.33.1", "/v1/messages"),
       ("OpenAI/Python 1.57.4", "/v1/chat/completions"), ("AsyncOpenAI/Python 1.57.4", "/v1/chat/completions"),
       ("OpenAI/JS 4.77.0", "/v1/chat/completions"), ("OpenAI/Python 1.57.4", "/v1/responses"),
       ("langchain-openai/0.2.14", "/v1/chat/completions"), ("llama-index-llms-openai/0.3.12", "/v1/chat/completions"),
       ("litellm/1.55.10", "/v1/chat/completions"), ("Vercel-AI-SDK/4.0.18", "/v1/chat/completions")]
AGENTS = [("claude-cli/1.0.31 (external, cli)", "/v1/messages"), ("aider/0.69.1", "/v1/chat/completions"),
          ("codex_cli_rs/0.1.2504", "/v1/responses"), ("opencode/0.3.58", "/v1/messages"),
          ("Cline/3.1.4", "/v1/messages"), ("Roo-Code/3.3.2", "/v1/messages")]
SCRIPTS = [("python-requests/2.32.3", "/v1/chat/completions"), ("python-httpx/0.28.1", "/v1/messages"),
           ("curl/8.5.0", "/v1/chat/completions"), ("Go-http-client/2.0", "/v1/chat/completions"),
           ("okhttp/4.12.0", "/v1/chat/completions"), ("axios/1.7.9", "/v1/chat/completions"),
           ("aiohttp/3.11.10", "/v1/messages")]
BROWSERS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Whale/3.28.266.14 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
]
PHONES = {"KR": ["SM-S928N", "SM-S921N", "SM-F956N", "SM-A356N", "iPhone16,2", "iPhone15,3", "iPhone17,1"],
          "JP": ["iPhone16,2", "iPhone15,4", "iPhone17,3", "SO-51E", "SH-51E", "Pixel 8", "A402SO"],
          "ID": ["SM-A556E", "Redmi Note 13", "CPH2591", "V2303", "Infinix X6833B", "iPhone14,7"],
          "SG": ["iPhone16,2", "iPhone15,3", "SM-S928B", "Pixel 8 Pro"],
          "AU": ["iPhone16,2", "iPhone15,2", "SM-S921B", "Pixel 9"],
          "VN": ["SM-A556E", "CPH2581", "iPhone14,7"], "PH": ["Redmi Note 13", "V2303", "iPhone13,2"],
          "TH": ["CPH2591", "SM-A356E", "iPhone15,3"], "MY": ["SM-A556E", "iPhone15,3"], "TW": ["iPhone16,1", "ASUS_AI2401"]}
LOCALE = {"KR": "ko_KR", "JP": "ja_JP", "ID": "id_ID", "SG": "en_SG", "AU": "en_AU", "VN": "vi_VN", "PH": "en_PH",
          "TH": "th_TH", "MY": "ms_MY", "TW": "zh_TW"}


def app_ua(rng: np.random.Generator, country: str) -> str:
    """Haneul's own phone app on the phones people there own (first-party client)."""
    dev = PHONES[country][int(rng.integers(len(PHONES[country])))]
    ver = _c(rng, ["4.3.0", "4.3.1", "4.2.7", "4.4.0"])
    if dev.startswith("iPhone"):
        return f"Haneul/{ver} ({dev}; iOS {_c(rng, ['18.1', '18.1.1', '17.6.1', '18.2'])}; {LOCALE[country]})"
    return f"Haneul/{ver} (Android {_c(rng, ['14', '15', '13'])}; {dev}; {LOCALE[country]})"


# ---------------------------------------------------------------- people and payment

GIVEN = {"KR": ["minjun", "seoyeon", "jiho", "haeun", "doyoon", "jiwoo", "yejun", "sua", "hyunwoo", "eunji",
                "taeyang", "dahye", "jaewon", "soyoung", "sungmin", "yuna", "kyungho", "hana", "junseo", "mirae"],
         "JP": ["haruto", "yui", "sota", "hina", "ren", "mei", "yuto", "sakura", "takumi", "aoi", "kenta", "misaki",
                "daiki", "nanami", "shota", "riko", "kazuki", "ayaka"],
         "ID": ["budi", "siti", "agus", "dewi", "rizky", "putri", "andi", "ayu", "fajar", "indah", "dimas", "ratna",
                "yoga", "nurul", "bayu", "wulan"],
         "SG": ["weiming", "jiahui", "ryan", "priya", "darren", "shermaine", "arjun", "xinyi", "marcus", "nurul"],
         "AU": ["jack", "olivia", "liam", "charlotte", "noah", "mia", "james", "ava", "thomas", "chloe"],
         "VN": ["minh", "linh", "huy", "trang", "nam", "thao"], "PH": ["juan", "maria", "mark", "angel", "paolo"],
         "TH": ["somchai", "nattaya", "krit", "ploy"], "MY": ["aiman", "nurul", "wei", "hafiz"],
         "TW": ["yuting", "chengwei", "yichen", "hsinyi"]}
FAMILY = {"KR": ["kim", "lee", "park", "choi", "jung", "kang", "cho", "yoon", "jang", "lim", "han", "oh", "seo", "shin"],
          "JP": ["sato", "suzuki", "takahashi", "tanaka", "watanabe", "ito", "yamamoto", "nakamura", "kobayashi", "kato"],
          "ID": ["santoso", "wijaya", "saputra", "hidayat", "kusuma", "pratama", "nugroho", "siregar", "halim"],
          "SG": ["tan", "lim", "ng", "wong", "goh", "lee", "chua", "nair", "koh"],
          "AU": ["smith", "jones", "williams", "brown", "wilson", "taylor", "nguyen", "martin"],
          "VN": ["nguyen", "tran", "le", "pham"], "PH": ["santos", "reyes", "cruz", "bautista"],
          "TH": ["srisuk", "wongsa", "chaiyaporn"], "MY": ["abdullah", "tan", "rahman"], "TW": ["chen", "lin", "huang"]}
MAIL = {"KR": ["naver.com", "gmail.com", "daum.net", "kakao.com", "hanmail.net"],
        "JP": ["gmail.com", "yahoo.co.jp", "icloud.com", "docomo.ne.jp", "outlook.jp"],
        "ID": ["gmail.com", "yahoo.co.id", "gmail.com", "outlook.com"],
        "SG": ["gmail.com", "hotmail.com", "singnet.com.sg", "icloud.com"],
        "AU": ["gmail.com", "outlook.com", "bigpond.com", "icloud.com"],
        "VN": ["gmail.com"], "PH": ["gmail.com", "yahoo.com"], "TH": ["gmail.com", "hotmail.com"],
        "MY": ["gmail.com", "yahoo.com"], "TW": ["gmail.com", "yahoo.com.tw"]}


def person(rng: np.random.Generator, country: str) -> tuple[str, str]:
    """(given, family) romanised the way people there write their e-mail."""
    return _c(rng, GIVEN[country]), _c(rng, FAMILY[country])


def personal_email(rng: np.random.Generator, country: str) -> str:
    g, f = person(rng, country)
    style = int(rng.integers(5))
    local = [f"{g}.{f}", f"{g}{f}{int(rng.integers(1, 99))}", f"{f}{g[0]}{int(rng.integers(70, 2006))}",
             f"{g}_{int(rng.integers(100, 9999))}", f"{g[0]}{f}{int(rng.integers(1, 999))}"][style]
    return f"{local}@{_c(rng, MAIL[country])}"


def work_email(rng: np.random.Generator, country: str, domain: str) -> str:
    g, f = person(rng, country)
    return f"{g}.{f}@{domain}" if rng.random() < 0.6 else f"{g[0]}{f}@{domain}"


def fingerprint(rng: np.random.Generator) -> str:
    return "pf_" + "".join(f"{int(x):02x}" for x in rng.integers(0, 256, 12))


def hexid(rng: np.random.Generator, n: int = 10) -> str:
    return "".join(f"{int(x):02x}" for x in rng.integers(0, 256, (n + 1) // 2))[:n]


# ---------------------------------------------------------------- directory

@dataclass
class Entity:
    org_id: str
    name: str
    restricted: bool
    domains: list[str] = field(default_factory=list)
    ip_ranges: list[str] = field(default_factory=list)
    payment_fingerprints: list[str] = field(default_factory=list)
    sso_tenants: list[str] = field(default_factory=list)

    def row(self) -> dict[str, Any]:
        return dict(self.__dict__)


def directory(rng: np.random.Generator) -> dict[str, Entity]:
    """The organizations Haneul knows: three restricted rivals (with the shared ranges their own
    security teams list), ordinary customers, the platforms and two look-alikes."""
    e = [
        Entity("goryeo-ai", "Goryeo AI", True, ["goryeo.ai", "goryeo-research.com"],
               [RIVAL_OFFICE["goryeo-ai"], SEOUL_CLOUD_NAT, GANGNAM_COWORK],
               [fingerprint(rng), fingerprint(rng)], ["goryeo.okta.com"]),
        Entity("merlion-labs", "Merlion Labs", True, ["merlionlabs.sg", "merlion.ai"],
               [RIVAL_OFFICE["merlion-labs"], SG_VPN_EXIT], [fingerprint(rng)], ["merlionlabs.onmicrosoft.com"]),
        Entity("kitsune-research", "Kitsune Research K.K.", True, ["kitsune-research.jp"],
               [RIVAL_OFFICE["kitsune-research"], UTOKYO_LAB], [fingerprint(rng), fingerprint(rng)],
               ["kitsune-research.okta.com"]),
        Entity("daehan-securities", "Daehan Securities", False, ["daehansec.co.kr"],
               [CORP_PROXY["daehan-securities"]], [fingerprint(rng)], ["daehansec.okta.com"]),
        Entity("sakura-trading", "Sakura Trading Co.", False, ["sakura-trading.co.jp"],
               [CORP_PROXY["sakura-trading"]], [fingerprint(rng)], ["sakuratrading.onmicrosoft.com"]),
        Entity("nusantara-bank", "Bank Nusantara", False, ["banknusantara.co.id"],
               [CORP_PROXY["nusantara-bank"]], [fingerprint(rng)], ["banknusantara.okta.com"]),
        Entity("pelangi-label", "Pelangi Data Labelling", False, ["pelangidata.id"], ["103.28.60.0/28"],
               [fingerprint(rng)], ["pelangidata.okta.com"]),
        Entity("hanbit-code", "Hanbit Code (IDE platform)", False, ["hanbitcode.dev"], [PLATFORM_RELAY["hanbit-code"]],
               [fingerprint(rng)], []),
        Entity("agentloom", "Agentloom (agent runtime)", False, ["agentloom.io"], [PLATFORM_RELAY["agentloom"]],
               [fingerprint(rng)], []),
        Entity("kaiwa-hub", "Kaiwa Hub (authorised reseller)", False, ["kaiwahub.jp"], [PLATFORM_RELAY["kaiwa-hub"]],
               [fingerprint(rng)], []),
        Entity("goryeo-logistics", "Goryeo Logistics", False, ["goryeo-logis.co.kr"], ["175.125.90.0/28"],
               [fingerprint(rng)], []),
        Entity("merlion-properties", "Merlion Properties Pte Ltd", False, ["merlionprop.com.sg"], [], [], []),
    ]
    return {x.org_id: x for x in e}


RIVALS = ["goryeo-ai", "merlion-labs", "kitsune-research"]
RIVAL_COUNTRY = {"goryeo-ai": "KR", "merlion-labs": "SG", "kitsune-research": "JP"}
