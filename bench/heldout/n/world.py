"""The Nusantara AI world: address space, identities, clocks, and the record writer.

Everything draws from one `random.Random` owned by `World`, so a seed fixes the whole data set.
"""

from __future__ import annotations

import ipaddress
import math
import random
from datetime import datetime, timedelta, timezone

import text as T

DAY = 86400.0
HOUR = 3600.0
# Monday 5 May 2025, 00:00 in Jakarta (UTC+7)
START = datetime(2025, 5, 5, 0, 0, tzinfo=timezone(timedelta(hours=7))).timestamp()

TZ = {"ID": 7, "TH": 7, "VN": 7, "SG": 8, "MY": 8, "PH": 8, "CN": 8, "AU": 10, "IN": 5.5, "KR": 9}

# --------------------------------------------------------------------------------------------
# address space
# --------------------------------------------------------------------------------------------


class Pool:
    """An address range. `limit` restricts it to that many addresses in use (a CGNAT pool, a NAT
    gateway set, an office's static block), chosen once from the range."""

    def __init__(self, name: str, cidrs: list[str], kind: str, country: str | None, limit: int | None = None):
        self.name, self.kind, self.country = name, kind, country
        self.cidrs = cidrs
        self.nets = [ipaddress.ip_network(c) for c in cidrs]
        self.v6 = self.nets[0].version == 6
        self._fixed: list[str] | None = None
        self.limit = limit

    def _any(self, rng: random.Random) -> str:
        net = rng.choice(self.nets)
        if net.version == 6:  # a random /64 (a household) and interface id inside the prefix
            return str(ipaddress.IPv6Address(int(net.network_address) | rng.getrandbits(128 - net.prefixlen)))
        size = net.num_addresses
        if size <= 4:
            return str(net.network_address + rng.randrange(size))
        return str(net.network_address + rng.randrange(1, size - 1))

    def pick(self, rng: random.Random) -> str:
        if self.limit:
            if self._fixed is None:
                r = random.Random(f"pool:{self.name}")
                self._fixed = sorted({self._any(r) for _ in range(self.limit * 2)})[: self.limit]
            return rng.choice(self._fixed)
        return self._any(rng)


def _p(name, cidrs, kind, country, limit=None):
    return name, Pool(name, cidrs if isinstance(cidrs, list) else [cidrs], kind, country, limit)


POOLS: dict[str, Pool] = dict([
    # residential broadband
    _p("res_id_indihome", ["36.68.0.0/14", "180.244.0.0/15", "125.160.0.0/14"], "residential", "ID"),
    _p("res_id_biznet", ["114.79.0.0/18", "112.78.128.0/18"], "residential", "ID"),
    _p("res_id_firstmedia", ["110.136.0.0/15"], "residential", "ID"),
    _p("res_id_myrepublic", ["103.119.140.0/22", "202.158.32.0/19"], "residential", "ID"),
    _p("res_sg_singtel", ["116.86.0.0/15", "119.74.0.0/16"], "residential", "SG"),
    _p("res_sg_starhub", ["220.255.0.0/17", "27.125.128.0/17"], "residential", "SG"),
    _p("res_sg_v6", ["2406:3003::/32"], "residential", "SG"),
    _p("res_my_unifi", ["175.136.0.0/14", "115.132.0.0/14"], "residential", "MY"),
    _p("res_my_maxis", ["60.50.0.0/16"], "residential", "MY"),
    _p("res_ph_pldt", ["112.206.0.0/15", "49.145.0.0/16"], "residential", "PH"),
    _p("res_ph_converge", ["136.158.0.0/16", "180.190.0.0/16"], "residential", "PH"),
    _p("res_vn_vnpt", ["113.160.0.0/13", "14.160.0.0/13"], "residential", "VN"),
    _p("res_vn_fpt", ["42.112.0.0/14", "118.69.0.0/16"], "residential", "VN"),
    _p("res_vn_viettel", ["171.224.0.0/13"], "residential", "VN"),
    _p("res_th_true", ["171.96.0.0/13", "124.120.0.0/14"], "residential", "TH"),
    _p("res_th_3bb", ["110.164.0.0/14", "180.180.0.0/15"], "residential", "TH"),
    _p("res_au_telstra", ["120.144.0.0/13", "1.144.0.0/13"], "residential", "AU"),
    _p("res_au_tpg", ["124.168.0.0/13"], "residential", "AU"),
    _p("res_in_jio", ["49.36.0.0/14", "157.32.0.0/14"], "residential", "IN"),
    _p("res_in_airtel", ["122.161.0.0/16", "223.178.0.0/15"], "residential", "IN"),
    _p("res_cn_telecom", ["115.192.0.0/12"], "residential", "CN"),
    _p("res_cn_unicom", ["123.112.0.0/13"], "residential", "CN"),
    _p("res_kr_kt", ["175.192.0.0/11"], "residential", "KR"),
    _p("res_kr_sk", ["211.234.0.0/16", "58.120.0.0/13"], "residential", "KR"),
    # mobile carriers behind carrier-grade NAT: few addresses, many subscribers
    _p("mob_id_telkomsel", ["114.124.128.0/18", "182.2.0.0/17"], "mobile", "ID", 90),
    _p("mob_id_indosat", ["114.5.0.0/18"], "mobile", "ID", 50),
    _p("mob_id_xl", ["112.215.64.0/18"], "mobile", "ID", 50),
    _p("mob_id_v6", ["2001:448a::/32"], "mobile", "ID"),
    _p("mob_ph_globe", ["112.198.64.0/18"], "mobile", "PH", 40),
    _p("mob_ph_smart", ["110.54.128.0/18"], "mobile", "PH", 40),
    _p("mob_vn_viettel", ["27.72.0.0/16"], "mobile", "VN", 40),
    _p("mob_th_ais", ["49.230.0.0/16"], "mobile", "TH", 40),
    _p("mob_my_maxis", ["175.142.0.0/16"], "mobile", "MY", 30),
    _p("mob_sg_singtel", ["111.65.0.0/17"], "mobile", "SG", 30),
    _p("mob_in_jio", ["152.58.0.0/15"], "mobile", "IN", 30),
    _p("mob_au_telstra", ["1.128.0.0/13"], "mobile", "AU", 30),
    _p("mob_kr_skt", ["223.38.0.0/16"], "mobile", "KR", 20),
    _p("mob_cn_mobile", ["223.104.0.0/14"], "mobile", "CN", 20),
    # universities
    _p("uni_ui", ["152.118.0.0/16"], "university", "ID", 40),
    _p("uni_itb", ["167.205.0.0/16"], "university", "ID", 40),
    _p("uni_itb_dorm", ["167.205.64.0/24"], "university", "ID", 6),
    _p("uni_nus", ["137.132.0.0/16"], "university", "SG", 40),
    _p("uni_chula", ["161.200.0.0/16"], "university", "TH", 30),
    _p("uni_vnuhcm", ["14.241.224.0/20"], "university", "VN", 30),
    _p("uni_upd", ["202.92.128.0/19"], "university", "PH", 30),
    _p("uni_um", ["103.18.0.0/22"], "university", "MY", 20),
    # clouds (NAT gateways, VMs)
    _p("aws_sg_nat", ["13.229.88.0/22"], "cloud", "SG", 120),   # listed by Halcyon Labs as "its" egress
    _p("aws_sg", ["54.254.0.0/16", "18.140.0.0/15", "52.77.0.0/16"], "cloud", "SG"),
    _p("aws_jkt", ["108.136.0.0/15", "16.78.0.0/15"], "cloud", "ID"),
    _p("gcp_jkt", ["34.101.0.0/16", "34.128.64.0/18"], "cloud", "ID"),
    _p("gcp_sg", ["34.87.0.0/17", "35.198.192.0/18"], "cloud", "SG"),
    _p("azure_sea", ["20.195.0.0/16", "52.163.0.0/16"], "cloud", "SG"),
    _p("ali_sg", ["47.74.128.0/20"], "cloud", "SG", 80),        # listed by Zhongshu as "its" egress
    _p("ali_other", ["47.88.0.0/15", "8.219.0.0/16"], "cloud", "SG"),
    _p("tencent_sg", ["43.156.0.0/16", "43.134.0.0/16"], "cloud", "SG"),
    _p("do_sg", ["128.199.0.0/16", "159.89.192.0/18", "167.71.192.0/18"], "cloud", "SG"),
    _p("vultr_sg", ["45.32.96.0/20", "139.180.128.0/18"], "cloud", "SG"),
    _p("idcloudhost", ["103.150.190.0/23", "103.175.216.0/22"], "cloud", "ID"),
    # coworking floors (one NAT for every tenant)
    _p("cowork_sg_hive", ["118.201.90.0/26"], "coworking", "SG", 6),   # listed by Halcyon Labs
    _p("cowork_jkt_cohive", ["103.28.52.0/26"], "coworking", "ID", 6),  # listed by Garuda Cognitive
    _p("cowork_mnl_impact", ["124.106.240.0/27"], "coworking", "PH", 4),
    _p("cowork_hn_toong", ["113.190.232.0/27"], "coworking", "VN", 4),
    # corporate egress
    _p("zscaler_sg", ["165.225.112.0/23", "165.225.116.0/23"], "proxy", "SG", 40),
    _p("corp_arunika", ["202.152.10.0/28"], "corporate", "ID", 8),
    _p("corp_majutel", ["210.186.40.0/28"], "corporate", "MY", 6),
    _p("corp_sinar", ["122.54.18.0/28"], "corporate", "PH", 6),
    # commercial VPN exits
    _p("vpn_sg_m247", ["89.187.162.0/24"], "vpn", "SG", 30),   # listed by Hanbit Reasoning
    _p("vpn_jp_m247", ["146.70.107.0/24"], "vpn", "JP", 20),
    _p("vpn_hk", ["103.108.229.0/24"], "vpn", "HK", 20),
    # platform relays
    _p("relay_kodekilat", ["13.229.90.0/27"], "relay", "SG", 12),  # inside the AWS range Halcyon lists
    _p("relay_sembang", ["34.87.100.0/28"], "relay", "SG", 8),
    _p("relay_rakit", ["20.195.60.0/28"], "relay", "SG", 8),
    # event venues
    _p("venue_gowork_senayan", ["103.56.148.0/28"], "venue", "ID", 3),
    # restricted labs' own offices (exclusive)
    _p("office_halcyon", ["203.117.54.16/28"], "office", "SG", 6),
    _p("office_zhongshu", ["221.218.130.32/28"], "office", "CN", 6),
    _p("office_garuda", ["103.147.8.0/28"], "office", "ID", 6),
    _p("office_garudadata", ["103.147.8.64/28"], "office", "ID", 4),
    _p("office_hanbit", ["211.45.60.0/28"], "office", "KR", 6),
    # ordinary companies' offices
    _p("office_generic_id", ["103.20.88.0/22", "103.94.168.0/22", "202.51.96.0/20"], "office", "ID"),
    _p("office_generic_sg", ["203.126.0.0/16", "202.166.0.0/17"], "office", "SG"),
    _p("office_generic_vn", ["203.162.0.0/16"], "office", "VN"),
    _p("office_generic_th", ["203.150.0.0/16"], "office", "TH"),
    _p("office_generic_ph", ["203.177.0.0/16"], "office", "PH"),
    _p("office_generic_my", ["203.106.0.0/16"], "office", "MY"),
])

RESIDENTIAL = {
    "ID": ["res_id_indihome", "res_id_indihome", "res_id_biznet", "res_id_firstmedia", "res_id_myrepublic"],
    "SG": ["res_sg_singtel", "res_sg_starhub", "res_sg_v6"], "MY": ["res_my_unifi", "res_my_unifi", "res_my_maxis"],
    "PH": ["res_ph_pldt", "res_ph_converge"], "VN": ["res_vn_vnpt", "res_vn_fpt", "res_vn_viettel"],
    "TH": ["res_th_true", "res_th_3bb"], "AU": ["res_au_telstra", "res_au_tpg"], "IN": ["res_in_jio", "res_in_airtel"],
    "CN": ["res_cn_telecom", "res_cn_unicom"], "KR": ["res_kr_kt", "res_kr_sk"],
}
MOBILE = {"ID": ["mob_id_telkomsel", "mob_id_telkomsel", "mob_id_indosat", "mob_id_xl", "mob_id_v6"],
          "PH": ["mob_ph_globe", "mob_ph_smart"], "VN": ["mob_vn_viettel"], "TH": ["mob_th_ais"],
          "MY": ["mob_my_maxis"], "SG": ["mob_sg_singtel"], "IN": ["mob_in_jio"], "AU": ["mob_au_telstra"],
          "KR": ["mob_kr_skt"], "CN": ["mob_cn_mobile"]}
OFFICE = {"ID": "office_generic_id", "SG": "office_generic_sg", "VN": "office_generic_vn", "TH": "office_generic_th",
          "PH": "office_generic_ph", "MY": "office_generic_my"}


def ip(rng: random.Random, pool: str) -> str:
    return POOLS[pool].pick(rng)


# --------------------------------------------------------------------------------------------
# people
# --------------------------------------------------------------------------------------------

NAMES = {
    "ID": (["budi", "siti", "agus", "dewi", "rizky", "putri", "andi", "rina", "fajar", "nur", "yusuf", "ayu", "bayu",
            "indah", "dimas", "wulan", "hendra", "lestari", "arief", "mega", "eko", "ratna", "teguh", "intan", "reza"],
           ["santoso", "wijaya", "hidayat", "saputra", "pratama", "lestari", "kusuma", "nugroho", "siregar", "simanjuntak",
            "harahap", "gunawan", "setiawan", "purnomo", "rahman", "wibowo", "halim", "tanoto", "sembiring", "manurung"]),
    "MY": (["ahmad", "nurul", "farah", "hafiz", "aisyah", "wei ling", "kumar", "priya", "amir", "siti", "jason", "mei"],
           ["abdullah", "ismail", "tan", "lim", "rahman", "krishnan", "yusof", "wong", "ng", "hassan", "chong"]),
    "SG": (["wei jie", "hui min", "jun hao", "xin yi", "darren", "rachel", "arjun", "nur", "bryan", "sharon", "marcus"],
           ["tan", "lim", "lee", "ng", "ong", "goh", "chua", "koh", "teo", "rajan", "yeo", "ho"]),
    "PH": (["juan", "maria", "jose", "ana", "mark", "kristine", "paolo", "joy", "carlo", "bea", "miguel", "angelica"],
           ["dela cruz", "santos", "reyes", "garcia", "mendoza", "bautista", "aquino", "ramos", "villanueva", "castillo"]),
    "VN": (["an", "binh", "chi", "dung", "giang", "hanh", "hieu", "lan", "linh", "minh", "phuong", "quan", "thao", "tuan"],
           ["nguyen", "tran", "le", "pham", "hoang", "vu", "vo", "dang", "bui", "do", "ngo"]),
    "TH": (["somchai", "suda", "anan", "ploy", "niran", "kanya", "thanakorn", "pim", "wichai", "nattaya", "krit"],
           ["srisuk", "chaiyaporn", "wongsa", "thongdee", "suksawat", "rattanakul", "boonmee", "saetang", "jaidee"]),
    "AU": (["jack", "olivia", "liam", "charlotte", "noah", "amelia", "ethan", "mia", "lucas", "grace"],
           ["smith", "jones", "williams", "brown", "wilson", "taylor", "nguyen", "martin", "anderson", "white"]),
    "IN": (["arjun", "priya", "rahul", "ananya", "vikram", "sneha", "aditya", "kavya", "rohan", "neha"],
           ["sharma", "iyer", "reddy", "patel", "nair", "gupta", "menon", "rao", "singh", "kulkarni"]),
    "CN": (["wei", "na", "jing", "lei", "yan", "hao", "min", "jie", "xin", "yu", "tao", "fang"],
           ["wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun"]),
    "KR": (["minjun", "seoyeon", "jiho", "hayoon", "doyun", "jiwoo", "siwoo", "sua", "hyunwoo", "yuna"],
           ["kim", "lee", "park", "choi", "jung", "kang", "cho", "yoon", "jang", "lim"]),
}
PERSONAL_DOMAINS = {
    "ID": ["gmail.com"] * 8 + ["yahoo.co.id", "yahoo.com", "outlook.com", "icloud.com"],
    "MY": ["gmail.com"] * 6 + ["yahoo.com", "hotmail.com", "outlook.com"],
    "SG": ["gmail.com"] * 6 + ["hotmail.com", "outlook.com", "icloud.com", "yahoo.com.sg"],
    "PH": ["gmail.com"] * 7 + ["yahoo.com", "outlook.com"],
    "VN": ["gmail.com"] * 8 + ["yahoo.com.vn", "outlook.com"],
    "TH": ["gmail.com"] * 6 + ["hotmail.com", "outlook.co.th", "yahoo.com"],
    "AU": ["gmail.com"] * 5 + ["outlook.com", "bigpond.com", "icloud.com", "hotmail.com"],
    "IN": ["gmail.com"] * 7 + ["rediffmail.com", "outlook.com", "yahoo.co.in"],
    "CN": ["qq.com", "qq.com", "163.com", "126.com", "gmail.com", "outlook.com", "foxmail.com"],
    "KR": ["naver.com", "naver.com", "gmail.com", "daum.net", "kakao.com"],
}
LANGS_BY_COUNTRY = {"ID": ["id"] * 7 + ["en"] * 3, "MY": ["ms"] * 5 + ["en"] * 4 + ["zh"], "SG": ["en"] * 8 + ["zh"] * 2,
                    "PH": ["en"] * 5 + ["tl"] * 5, "VN": ["vi"] * 8 + ["en"] * 2, "TH": ["th"] * 8 + ["en"] * 2,
                    "AU": ["en"], "IN": ["en"], "CN": ["zh"] * 8 + ["en"] * 2, "KR": ["ko"] * 8 + ["en"] * 2}
COUNTRY_MIX = ["ID"] * 34 + ["SG"] * 12 + ["MY"] * 10 + ["PH"] * 11 + ["VN"] * 10 + ["TH"] * 9 + ["AU"] * 5 + \
              ["IN"] * 5 + ["CN"] * 2 + ["KR"] * 2

SDK_UA = ["OpenAI/Python 1.35.10", "OpenAI/Python 1.40.6", "OpenAI/Python 1.51.2", "OpenAI/Python 1.58.1",
          "AsyncOpenAI/Python 1.42.0", "OpenAI/NodeJS/4.52.7", "OpenAI/NodeJS/4.67.1", "anthropic-python/0.34.2",
          "anthropic-python/0.39.0", "anthropic-typescript/0.32.1", "python-requests/2.31.0", "python-requests/2.32.3",
          "httpx/0.27.0", "aiohttp/3.9.5", "axios/1.7.2", "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)",
          "Go-http-client/2.0", "curl/8.5.0", "okhttp/4.12.0", "Dart/3.4 (dart:io)", "langchain-openai/0.1.22",
          "litellm/1.44.1", "PostmanRuntime/7.39.0"]


def browser_ua(rng: random.Random) -> str:
    v = rng.randint(118, 131)
    return rng.choice([
        f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36",
        f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36",
        f"Mozilla/5.0 (Linux; Android 14; SM-A{rng.randint(14, 55)}5F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Mobile Safari/537.36",
        f"Mozilla/5.0 (iPhone; CPU iPhone OS 17_{rng.randint(0, 6)} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.{rng.randint(0, 6)} Mobile/15E148 Safari/604.1",
        f"Mozilla/5.0 (X11; Linux x86_64; rv:{v}.0) Gecko/20100101 Firefox/{v}.0",
        f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36 Edg/{v}.0.0.0",
        f"Mozilla/5.0 (Linux; Android 13; Redmi Note {rng.randint(10, 13)}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Mobile Safari/537.36",
    ])


def sdk_ua(rng: random.Random) -> str:
    return rng.choice(SDK_UA)


MODELS = {"pro": "nusa-2-pro", "flash": "nusa-2-flash", "mini": "nusa-2-mini", "reason": "nusa-r1",
          "reason_mini": "nusa-r1-mini", "embed": "nusa-embed-1"}

# --------------------------------------------------------------------------------------------
# clocks
# --------------------------------------------------------------------------------------------

PROFILES = {
    #          0   1   2   3   4   5   6   7   8   9  10  11  12  13  14  15  16  17  18  19  20  21  22  23
    "office": [1, 0.5, 0.3, 0.2, 0.2, 0.3, 1, 3, 7, 10, 10, 9, 6, 8, 10, 10, 9, 7, 4, 3, 3, 3, 2, 1.5],
    "evening": [4, 2, 1, 0.5, 0.3, 0.5, 1.5, 3, 3, 3, 3, 4, 6, 5, 4, 4, 4, 5, 6, 8, 10, 10, 9, 7],
    "student": [7, 6, 4, 2, 1, 0.5, 0.5, 1, 2, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 6, 8, 9, 10, 9],
    "flat": [1] * 24,
    "business": [2, 1.5, 1, 1, 1, 1.5, 3, 5, 7, 8, 8, 8, 7, 7, 8, 8, 8, 7, 6, 6, 6, 5, 4, 3],
}
WEEKEND = {"office": 0.15, "evening": 1.3, "student": 1.0, "flat": 1.0, "business": 0.6}


class Clock:
    def __init__(self, start: float, days: int):
        self.start, self.days, self.end = start, days, start + days * DAY
        self._cum: dict[str, list[float]] = {}
        for name, w in PROFILES.items():
            tot, acc = sum(w), 0.0
            cum = []
            for x in w:
                acc += x / tot
                cum.append(acc)
            self._cum[name] = cum

    def weekday(self, day: int) -> int:
        return (day) % 7  # START is a Monday

    def day_weights(self, profile: str, day_ok=None) -> list[float]:
        out = []
        for d in range(self.days):
            w = WEEKEND[profile] if self.weekday(d) >= 5 else 1.0
            if day_ok is not None and not day_ok(d):
                w = 0.0
            out.append(w)
        return out

    def at(self, rng: random.Random, tz: float, profile: str, day: int) -> float:
        """A time on local `day` (0-based in the window) following the hourly profile."""
        cum = self._cum[profile]
        u = rng.random()
        h = 0
        while h < 23 and cum[h] < u:
            h += 1
        local = day * DAY + h * HOUR + rng.random() * HOUR
        return self.start + local - (tz - 7) * HOUR  # START is local midnight at UTC+7

    def sample(self, rng: random.Random, tz: float, profile: str, day_weights: list[float] | None = None) -> float:
        dw = day_weights or self.day_weights(profile)
        day = rng.choices(range(self.days), weights=dw)[0] if sum(dw) > 0 else rng.randrange(self.days)
        return self.at(rng, tz, profile, day)

    def clamp(self, ts: float) -> float | None:
        if ts < self.start or ts >= self.end:
            return None
        return ts


# --------------------------------------------------------------------------------------------
# accounts and records
# --------------------------------------------------------------------------------------------


class Account:
    __slots__ = ("id", "rec", "tz", "langs", "keys", "ua", "endpoint", "ipfn", "label", "state")

    def __init__(self, aid: str, rec: dict, tz: float, langs: list[str]):
        self.id, self.rec, self.tz, self.langs = aid, rec, tz, langs
        self.keys: list[str] = []
        self.ua: str | None = None
        self.endpoint = "/v1/chat/completions"
        self.ipfn = None
        self.label: dict = {}
        self.state: dict = {}


class World:
    def __init__(self, seed: int, careful: float, n_accounts: int, days: int):
        self.seed, self.careful, self.n_accounts, self.days = seed, careful, n_accounts, days
        self.rng = random.Random(f"nusantara:{seed}")
        self.clock = Clock(START, days)
        self.accounts: list[Account] = []
        self.requests: list[dict] = []
        self.entities: list[dict] = []
        self._used_ids: set[str] = set()
        self._emails: set[str] = set()

    # ---- ids
    def hexid(self, n: int) -> str:
        return f"{self.rng.getrandbits(4 * n):0{n}x}"

    def uid(self, prefix: str, n: int = 12) -> str:
        while True:
            x = prefix + self.hexid(n)
            if x not in self._used_ids:
                self._used_ids.add(x)
                return x

    def payment(self) -> str:
        return "pm_" + self.hexid(16)

    # ---- people
    def person(self, country: str) -> tuple[str, str]:
        first, last = NAMES.get(country, NAMES["ID"])
        return self.rng.choice(first), self.rng.choice(last)

    def personal_email(self, country: str, first: str | None = None, last: str | None = None, domain: str | None = None) -> str:
        rng = self.rng
        if first is None:
            first, last = self.person(country)
        f, la = first.replace(" ", ""), (last or "").replace(" ", "")
        domain = domain or rng.choice(PERSONAL_DOMAINS.get(country, PERSONAL_DOMAINS["ID"]))
        for _ in range(50):
            style = rng.randrange(6)
            local = [f"{f}.{la}", f"{f}{la}{rng.randint(1, 99)}", f"{f}_{la}", f"{f[0]}{la}{rng.randint(70, 2005)}",
                     f"{f}{rng.randint(100, 9999)}", f"{la}.{f}{rng.randint(1, 9)}"][style]
            if domain in ("qq.com",):
                local = str(rng.randint(10_000_000, 3_999_999_999))
            e = f"{local}@{domain}"
            if e not in self._emails:
                self._emails.add(e)
                return e
        e = f"{f}{self.hexid(4)}@{domain}"
        self._emails.add(e)
        return e

    def work_email(self, domain: str, country: str, first: str | None = None, last: str | None = None) -> str:
        if first is None:
            first, last = self.person(country)
        f, la = first.replace(" ", ""), (last or "x").replace(" ", "")
        for cand in (f"{f}.{la}@{domain}", f"{f}@{domain}", f"{f[0]}{la}@{domain}", f"{f}.{la}{self.rng.randint(2, 9)}@{domain}"):
            if cand not in self._emails:
                self._emails.add(cand)
                return cand
        e = f"{f}.{self.hexid(3)}@{domain}"
        self._emails.add(e)
        return e

    # ---- accounts
    def account(self, persona: str, *, country: str, email: str, plan: str, created_at: float,
                org_id: str | None = None, declared_company: str | None = None, payment: str | None = None,
                signup_ip: str | None = None, sso: str | None = None, langs: list[str] | None = None,
                categories: list[str] | None = None, true_org: str | None = None, network_id: str | None = None,
                group: str | None = None, notes: str | None = None, n_keys: int = 1) -> Account:
        aid = self.uid("acct_", 10)
        rec = {"account_id": aid, "created_at": round(created_at, 3), "email": email, "plan": plan, "org_id": org_id,
               "declared_company": declared_company, "payment_fingerprint": payment, "signup_ip": signup_ip,
               "sso_tenant": sso, "country": country}
        a = Account(aid, rec, TZ.get(country, 7), langs or list(LANGS_BY_COUNTRY.get(country, ["en"])))
        a.keys = [self.uid("key_", 10) for _ in range(n_keys)]
        cats = sorted(set(categories or []))
        a.label = {"account_id": aid, "persona": persona, "categories": cats,
                   "org_id": true_org, "network_id": network_id, "group": group, "notes": notes,
                   "careful": round(self.careful, 3) if cats else None}
        self.accounts.append(a)
        return a

    def created_before(self, lo_days: float = 3, hi_days: float = 700) -> float:
        # log-uniform age: many recent signups, a long tail of old accounts
        age = math.exp(self.rng.uniform(math.log(lo_days), math.log(hi_days)))
        return START - age * DAY - self.rng.random() * DAY

    # ---- records
    def emit(self, a: Account, ts: float, prompt: str, *, system: str | None = None, ip: str | None = None,
             ua: str | None = None, model: str | None = None, endpoint: str | None = None, conv: str | None = None,
             turn: int = 1, reasoning: bool = False, stream: bool | None = None, out_tokens: int | None = None,
             history: int = 0, status: int = 200, decision: str | None = "allow", channel: str = "direct",
             platform: str | None = None, end_user_id: str | None = None, end_user_org: str | None = None,
             key: str | None = None) -> dict | None:
        ts = self.clock.clamp(ts)
        if ts is None:
            return None
        if ts < a.rec["created_at"]:
            return None
        rng = self.rng
        if endpoint is None:
            endpoint = a.endpoint
        if model is None:
            model = MODELS["reason"] if reasoning else MODELS["pro"]
        if prompt and len(prompt) > 6000:
            prompt = prompt[:6000]
        if system and len(system) > 2000:
            system = system[:2000]
        inp = T.est_tokens(prompt) + T.est_tokens(system) + history + rng.randint(3, 12)
        if out_tokens is None:
            out_tokens = int(rng.lognormvariate(5.6, 0.7))
        if endpoint == "/v1/embeddings":
            out_tokens, reasoning, stream = 0, False, False
        if status >= 400:
            out_tokens = 0
        if stream is None:
            stream = rng.random() < 0.5
        r = {"ts": round(ts, 3), "request_id": "req_" + self.hexid(20), "account_id": a.id,
             "key_id": key or (a.keys[0] if len(a.keys) == 1 else rng.choice(a.keys)),
             "channel": channel, "platform": platform, "end_user_id": end_user_id, "end_user_org": end_user_org,
             "client_ip": ip if ip is not None else (a.ipfn(rng) if a.ipfn else None),
             "user_agent": ua if ua is not None else a.ua, "endpoint": endpoint, "model": model,
             "conversation_id": conv, "turn": turn, "system": system, "prompt": prompt,
             "input_tokens": inp, "output_tokens": out_tokens, "reasoning": reasoning, "stream": stream,
             "status": status, "decision": decision}
        self.requests.append(r)
        return r

    def conv(self) -> str:
        return "conv_" + self.hexid(16)
