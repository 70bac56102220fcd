"""Dalbit AI's world: the clock, where callers sit, how they reach the gateway, what they run, the directory.

Everything here is fixed per seed: address pools and places are drawn from `random.Random(f"{seed}:world")`.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import random

# Monday 2026-11-09 00:00 KST. The week before Korea's college entrance exam (Thu 19 Nov), with
# Pepero Day / Singles' Day (11.11) on Wednesday and Shichi-Go-San (15 Nov) on Sunday.
START = int(dt.datetime(2026, 11, 8, 15, 0, tzinfo=dt.UTC).timestamp())
DAY = 86400
KST = 9

TZ = {"KR": 9, "JP": 9, "TW": 8, "HK": 8, "SG": 8, "MY": 8, "PH": 8, "CN": 8, "VN": 7, "TH": 7, "ID": 7,
      "US": -8}

LANGS = {
    "KR": [("ko", 93), ("en", 7)],
    "JP": [("ja", 95), ("en", 5)],
    "TW": [("zh-TW", 90), ("en", 10)],
    "HK": [("zh-TW", 60), ("en", 40)],
    "SG": [("en", 70), ("zh-CN", 30)],
    "MY": [("en", 55), ("zh-CN", 30), ("id", 15)],
    "PH": [("en", 100)],
    "CN": [("zh-CN", 100)],
    "VN": [("vi", 90), ("en", 10)],
    "TH": [("th", 90), ("en", 10)],
    "ID": [("id", 92), ("en", 8)],
    "US": [("en", 74), ("ko", 16), ("ja", 5), ("zh-TW", 5)],
}


def wpick(rng: random.Random, pairs):
    """Weighted choice from [(value, weight), ...]."""
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for v, w in pairs:
        x -= w
        if x < 0:
            return v
    return pairs[-1][0]


def lang_of(rng: random.Random, country: str) -> str:
    return wpick(rng, LANGS.get(country, [("en", 1)]))


def day_start(tz: int, d: int) -> float:
    """UTC timestamp of local midnight of recording day d (day 0 = Monday 9 Nov, local)."""
    return START + d * DAY - (tz - KST) * 3600


def weekday(d: int) -> int:
    return d % 7  # 0 = Monday


def in_window(ts: float, days: int) -> bool:
    return START <= ts < START + days * DAY


# hour-of-day weights (local time)
PROFILES = {
    "consumer": [3, 2, 1, .6, .4, .4, .8, 2, 3.5, 3, 3, 3.5, 4.5, 4, 3.5, 3.5, 3.5, 4, 4.5, 5, 6, 6.5, 6, 4.5],
    "office": [.1, 0, 0, 0, 0, 0, .1, .5, 2.5, 5, 6, 5.5, 1.5, 4.5, 6, 6, 5.5, 5, 3, 1.5, 1.2, 1, .5, .2],
    "dev": [2, 1.2, .6, .3, .1, .1, .2, .5, 1.5, 3.5, 5, 5, 2.5, 4.5, 5.5, 5.5, 5, 4.5, 3, 2.5, 3, 3.5, 3.5, 3],
    "student": [5, 4, 2.5, 1.2, .5, .2, .2, .5, 1, 1.5, 2, 2.5, 2.5, 3, 3, 3, 3.5, 3.5, 3, 3.5, 4.5, 5.5, 6.5, 6],
    "night": [5, 6, 6, 5.5, 4, 2, .5, .1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, .2, 1, 3],
    "flat": [1] * 24,
    "evening": [1.5, .8, .3, .1, .1, .1, .2, .4, .8, 1.5, 2, 2.5, 3, 2.5, 2.5, 2.5, 3, 3.5, 4.5, 6.5, 8, 7, 5, 3],
    "pcbang": [5, 4.5, 3.5, 2.5, 1.5, .8, .3, .2, .2, .3, .6, 1, 1.5, 2, 3, 4, 5, 5.5, 6, 6.5, 7, 7, 6.5, 6],
    "shop": [.5, .2, .1, 0, 0, 0, .3, 1, 3, 5, 6, 6, 5, 5.5, 6, 6, 5.5, 5, 4.5, 4, 3.5, 3, 2, 1],
}


def hour_at(rng: random.Random, profile: str) -> float:
    w = PROFILES[profile]
    h = wpick(rng, list(enumerate(w)))
    return h + rng.random()


def at(rng: random.Random, tz: int, d: int, profile: str) -> float:
    return day_start(tz, d) + hour_at(rng, profile) * 3600


def lognorm(rng: random.Random, median: float, sigma: float) -> float:
    return median * (2.718281828 ** rng.gauss(0, sigma))


# ------------------------------------------------------------------ addresses

_NETS: dict[str, tuple[int, int]] = {}


def _v4(rng: random.Random, cidr: str) -> str:
    got = _NETS.get(cidr)
    if got is None:
        net = ipaddress.ip_network(cidr)
        got = _NETS[cidr] = (int(net.network_address), net.num_addresses)
    base, size = got
    x = base + (rng.randrange(size) if size <= 4 else 1 + rng.randrange(size - 2))
    return f"{x >> 24}.{(x >> 16) & 255}.{(x >> 8) & 255}.{x & 255}"


def _v6_64(rng: random.Random, cidr: str) -> int:
    net = ipaddress.ip_network(cidr)
    bits = 64 - net.prefixlen
    return int(net.network_address) + (rng.getrandbits(bits) << 64)


def _v6(prefix64: int, iid: int) -> str:
    return str(ipaddress.IPv6Address(prefix64 + (iid & 0xFFFFFFFFFFFFFFFF)))


# carrier: country, IPv4 prefixes (CGNAT public side), IPv6 prefix or None, share of sessions on IPv6
CARRIERS = {
    "SKT": ("KR", ["223.38.0.0/16", "223.62.0.0/16"], "2001:2d8::/32", .35),
    "KT": ("KR", ["39.7.0.0/16", "110.70.0.0/16"], "2001:e60::/32", .3),
    "LGU+": ("KR", ["106.101.0.0/16", "117.111.0.0/16"], "2001:4430::/32", .25),
    "KR-MVNO": ("KR", ["106.102.0.0/16"], None, 0),
    "docomo": ("JP", ["1.66.0.0/16", "49.98.0.0/16"], "2001:268:9000::/36", .5),
    "au": ("JP", ["106.128.0.0/16", "111.239.0.0/16"], "2001:268:c000::/36", .45),
    "SoftBank": ("JP", ["126.193.0.0/16", "126.254.0.0/16"], "240b:10::/32", .4),
    "Rakuten": ("JP", ["133.106.0.0/16"], "2400:2410::/32", .5),
    "Chunghwa": ("TW", ["39.9.0.0/16", "42.72.0.0/16"], None, 0),
    "FarEasTone": ("TW", ["27.242.0.0/16"], None, 0),
    "CSL": ("HK", ["223.16.0.0/16"], None, 0),
    "Singtel": ("SG", ["111.65.0.0/16"], None, 0),
    "Maxis": ("MY", ["49.124.0.0/16"], None, 0),
    "Globe": ("PH", ["112.198.0.0/16", "124.106.0.0/16"], None, 0),
    "Smart": ("PH", ["110.54.0.0/16"], None, 0),
    "Viettel": ("VN", ["27.64.0.0/16", "171.224.0.0/16"], "2402:800::/32", .4),
    "Vinaphone": ("VN", ["113.185.0.0/16"], None, 0),
    "AIS": ("TH", ["49.228.0.0/16", "49.230.0.0/16"], "2001:fb1::/32", .3),
    "TrueMove": ("TH", ["171.96.0.0/16"], None, 0),
    "Telkomsel": ("ID", ["114.124.0.0/16", "114.125.0.0/16"], None, 0),
    "XL": ("ID", ["112.215.0.0/16"], None, 0),
    "T-Mobile": ("US", ["172.56.0.0/16", "172.58.0.0/16"], "2607:fb90::/32", .8),
    "Verizon": ("US", ["174.192.0.0/16", "174.205.0.0/16"], "2600:1010::/32", .6),
}

# home broadband: country -> [(isp, v4 prefixes, v6 prefix or None, share of homes with IPv6 on)]
HOME_ISPS = {
    "KR": [("KT", ["121.130.0.0/16", "175.194.0.0/16"], "2001:e60:8000::/33", .15),
           ("SK Broadband", ["1.225.0.0/16", "58.140.0.0/16"], None, 0),
           ("LG U+", ["211.36.0.0/16", "125.129.0.0/16"], "2001:4430:8000::/33", .1)],
    "JP": [("NTT OCN", ["153.156.0.0/16", "180.12.0.0/16"], "2400:4050::/32", .6),
           ("SoftBank Hikari", ["126.72.0.0/16", "219.100.0.0/16"], "240b:11::/32", .55),
           ("au Hikari", ["106.72.0.0/16"], "2400:4150::/32", .6)],
    "TW": [("HiNet", ["114.34.0.0/16", "36.231.0.0/16"], "2001:b011::/32", .2)],
    "HK": [("HKBN", ["14.0.128.0/17"], None, 0)],
    "SG": [("Singtel Fibre", ["116.86.0.0/16"], None, 0), ("StarHub", ["101.127.0.0/16"], None, 0)],
    "MY": [("TM Unifi", ["175.142.0.0/16", "115.132.0.0/16"], None, 0)],
    "PH": [("PLDT", ["112.203.0.0/16", "49.145.0.0/16"], None, 0), ("Converge", ["136.158.0.0/16"], None, 0)],
    "CN": [("China Telecom", ["183.14.0.0/16"], None, 0)],
    "VN": [("VNPT", ["14.162.0.0/16", "113.161.0.0/16"], None, 0),
           ("FPT", ["42.113.0.0/16", "118.69.0.0/16"], "2405:4802::/32", .5)],
    "TH": [("3BB", ["171.100.0.0/16", "110.78.0.0/16"], None, 0),
           ("True Online", ["183.88.0.0/16"], "2403:6200::/32", .4)],
    "ID": [("IndiHome", ["36.72.0.0/16", "180.252.0.0/16"], None, 0), ("Biznet", ["182.253.0.0/16"], None, 0)],
    "US": [("Comcast", ["73.158.0.0/16", "98.207.0.0/16"], "2601:646::/32", .7),
           ("AT&T Fiber", ["99.40.0.0/16"], "2600:1700::/28", .6),
           ("Spectrum", ["76.167.0.0/16"], "2603:8000::/28", .6)],
}

# shared places: name -> (cidr, kind, country)
PLACES = {
    # coworking floors
    "cowork:pangyo": ("211.249.40.16/28", "coworking", "KR"),
    "cowork:gangnam": ("121.166.77.32/28", "coworking", "KR"),
    "cowork:shibuya": ("202.232.86.48/28", "coworking", "JP"),
    "cowork:singapore": ("103.252.114.0/28", "coworking", "SG"),
    "cowork:hcmc": ("103.97.125.64/28", "coworking", "VN"),
    "cowork:bangkok": ("58.137.160.80/28", "coworking", "TH"),
    "cowork:jakarta": ("103.121.18.96/28", "coworking", "ID"),
    "cowork:sf": ("64.62.210.112/28", "coworking", "US"),
    # net cafes: one static line each (a few addresses)
    "pcbang:sillim": ("59.10.114.200/30", "pcbang", "KR"),
    "pcbang:bupyeong": ("222.108.42.8/30", "pcbang", "KR"),
    "netcafe:ikebukuro": ("219.117.200.44/30", "netcafe", "JP"),
    "quannet:hcmc": ("113.161.88.20/30", "netcafe", "VN"),
    # serverless / cloud shared egress (many unrelated tenants)
    "cloudpool:seoul": ("3.38.90.0/24", "cloud_pool", "KR"),
    "cloudpool:tokyo": ("35.72.28.0/24", "cloud_pool", "JP"),
    # commercial VPN exits
    "vpn:tokyo": ("89.187.161.0/24", "vpn", "JP"),
    "vpn:seoul": ("146.70.87.0/24", "vpn", "KR"),
    "vpn:singapore": ("103.107.198.0/24", "vpn", "SG"),
    "vpn:hongkong": ("84.17.57.0/24", "vpn", "HK"),
    "vpn:losangeles": ("185.236.200.0/24", "vpn", "US"),
    # CI runners
    "ci:github": ("20.55.0.0/16", "ci", "US"),
    "ci:github2": ("4.148.0.0/16", "ci", "US"),
    "ci:gitlab": ("34.74.0.0/16", "ci", "US"),
    # platform relays
    "relay:codeum": ("43.201.18.32/27", "platform", "KR"),
    "relay:agentmaru": ("34.85.64.0/26", "platform", "JP"),
    "relay:nurimaru": ("110.165.20.64/26", "platform", "KR"),
}

VPS = {
    "aws-seoul": "43.200.0.0/16", "aws-tokyo": "54.250.0.0/16", "gcp-seoul": "34.64.0.0/16",
    "vultr-tokyo": "45.76.192.0/18", "vultr-seoul": "141.164.32.0/19", "linode-tokyo": "139.162.64.0/19",
    "do-singapore": "128.199.128.0/17", "hetzner": "65.21.0.0/16", "ovh-singapore": "51.79.128.0/17",
    "tencent-hk": "43.128.0.0/16", "alibaba-hk": "47.242.0.0/16", "alibaba-sg": "8.219.0.0/16",
    "sakura": "153.127.0.0/16", "conoha": "160.251.0.0/16", "cafe24": "183.111.0.0/16",
    "oracle-chuncheon": "158.180.64.0/18", "contabo-sg": "194.233.64.0/18",
}

CAMPUS = {  # univ: (NAT /26s, country, domain, sso or None)
    "snu": (["147.46.240.0/26", "147.46.241.64/26"], "KR", "snu.ac.kr", "snu.ac.kr"),
    "kaist": (["143.248.230.0/26"], "KR", "kaist.ac.kr", "kaist.ac.kr"),
    "yonsei": (["165.132.5.0/26", "165.132.90.128/26"], "KR", "yonsei.ac.kr", None),
    "utokyo": (["133.11.120.0/26"], "JP", "g.ecc.u-tokyo.ac.jp", "u-tokyo.ac.jp"),
    "waseda": (["133.9.4.0/26"], "JP", "akane.waseda.jp", None),
    "ntu-tw": (["140.112.30.0/26"], "TW", "ntu.edu.tw", None),
    "nus": (["137.132.216.0/26"], "SG", "u.nus.edu", "nus.edu.sg"),
    "chula": (["161.200.190.0/26"], "TH", "student.chula.ac.th", "chula.ac.th"),
    "hcmut": (["103.104.117.0/26"], "VN", "hcmut.edu.vn", None),
    "itb": (["167.205.22.0/26"], "ID", "students.itb.ac.id", None),
    "uw": (["128.95.158.0/26"], "US", "uw.edu", "uw.edu"),
}


class Home:
    """A household line: a dynamic IPv4 (leased for some days) and maybe a stable IPv6 /64."""

    def __init__(self, rng: random.Random, country: str):
        isp, v4s, v6, v6share = wpick(rng, [(x, 1) for x in HOME_ISPS.get(country, HOME_ISPS["US"])])
        self.isp, self.country = isp, country
        self.v4s = v4s
        self.lease = rng.choice([1, 3, 7, 14, 30, 60, 90, 90])
        self.offset = rng.randrange(self.lease)
        self.seed = rng.getrandbits(32)
        self.v6 = _v6_64(rng, v6) if v6 and rng.random() < v6share else None

    def v4(self, d: int) -> str:
        epoch = (d + self.offset) // self.lease
        r = random.Random(f"home:{self.seed}:{epoch}")
        return _v4(r, r.choice(self.v4s))

    def addr(self, d: int, rng: random.Random) -> str:
        if self.v6 is not None and rng.random() < .8:
            r = random.Random(f"iid:{self.seed}:{d}")  # privacy address, new each day
            return _v6(self.v6, r.getrandbits(64))
        return self.v4(d)


class Net:
    """Shared address pools, places and companies' own ranges."""

    def __init__(self, seed: int):
        rng = random.Random(f"{seed}:world")
        self.cgnat = {c: [_v4(rng, rng.choice(v4s)) for _ in range(220)] for c, (_, v4s, _, _) in CARRIERS.items()}
        self.rng = rng
        self.offices: dict[str, str] = {}

    def mobile(self, rng: random.Random, carrier: str) -> str:
        _, _, v6, share = CARRIERS[carrier]
        if v6 and rng.random() < share:
            return _v6(_v6_64(rng, v6), rng.getrandbits(64))
        return rng.choice(self.cgnat[carrier])

    @staticmethod
    def carrier_for(rng: random.Random, country: str) -> str:
        opts = [c for c, v in CARRIERS.items() if v[0] == country] or ["T-Mobile"]
        return rng.choice(opts)

    @staticmethod
    def place(rng: random.Random, name: str) -> str:
        return _v4(rng, PLACES[name][0])

    @staticmethod
    def vps(rng: random.Random, provider: str) -> str:
        return _v4(rng, VPS[provider])

    @staticmethod
    def cidr(rng: random.Random, cidr: str) -> str:
        return _v4(rng, cidr)

    @staticmethod
    def campus(rng: random.Random, univ: str) -> str:
        return _v4(rng, rng.choice(CAMPUS[univ][0]))

    def residential(self, rng: random.Random, countries=("KR", "JP", "TW", "VN", "TH", "ID", "PH", "US")) -> str:
        """A rotating residential proxy exit: some household's or phone's address, fresh each time."""
        c = rng.choice(countries)
        if rng.random() < .35:
            return rng.choice(self.cgnat[self.carrier_for(rng, c)])
        _, v4s, _, _ = rng.choice(HOME_ISPS[c])
        return _v4(rng, rng.choice(v4s))


# ------------------------------------------------------------------ user agents

PHONES = {
    "KR": ["SM-S928N", "SM-S921N", "SM-S911N", "SM-F731N", "SM-A356N", "SM-S901N", "SM-F946N"],
    "JP": ["SH-54D", "SO-52D", "Pixel 8", "A302ZT", "SC-51E", "Pixel 7a"],
    "TW": ["ASUS_AI2302", "SM-S9210", "Pixel 8", "2311DRK48G"],
    "HK": ["SM-S9280", "2311DRK48G", "Pixel 8"],
    "VN": ["CPH2565", "SM-A155F", "V2249", "23129RAA4G", "RMX3710"],
    "TH": ["CPH2565", "V2250", "SM-A155F", "23129RAA4G", "RMX3710"],
    "ID": ["SM-A155F", "23129RAA4G", "RMX3710", "V2254", "CPH2591", "X6833B"],
    "PH": ["SM-A155F", "CPH2591", "RMX3710", "X6833B", "TECNO KJ5"],
    "SG": ["SM-S921B", "Pixel 8"], "MY": ["SM-A155F", "CPH2565", "V2250"], "US": ["Pixel 8", "SM-S921U", "Pixel 9"],
    "CN": ["2311DRK48G", "V2250"],
}
IPHONES = ["iPhone15,2", "iPhone15,3", "iPhone16,1", "iPhone16,2", "iPhone14,5", "iPhone14,7", "iPhone17,1",
           "iPhone13,2", "iPhone14,2"]
IOS = ["18.1", "18.0.1", "18.1", "17.6.1", "18.2", "17.7"]
ANDROID = ["14", "14", "15", "13", "14"]
CHROME = ["130.0.6723.117", "130.0.6723.92", "131.0.6778.70", "129.0.6668.100", "130.0.6723.70"]
APP_VER = ["3.14.0", "3.14.0", "3.14.1", "3.13.2", "3.12.0"]


def ua_app(rng: random.Random, country: str, ios: bool) -> str:
    v = rng.choice(APP_VER)
    if ios:
        return f"Dalbit/{v} (ios; {rng.choice(IPHONES)}; iOS {rng.choice(IOS)}) CFNetwork/1568.200.51 Darwin/24.1.0"
    phone = rng.choice(PHONES.get(country, PHONES["US"]))
    return f"Dalbit/{v} (android; {phone}; Android {rng.choice(ANDROID)}) okhttp/4.12.0"


WIN = "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"
MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)"


def ua_browser(rng: random.Random, country: str, kind: str | None = None) -> str:
    kind = kind or wpick(rng, [("chrome-win", 34), ("chrome-mac", 18), ("safari-mac", 10), ("edge", 8),
                               ("whale", 10 if country == "KR" else 0), ("firefox", 4), ("safari-ios", 8),
                               ("samsung", 6 if country in ("KR", "VN", "ID", "TH", "PH") else 1)])
    c = rng.choice(CHROME)
    if kind == "chrome-win":
        return f"{WIN} AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{c} Safari/537.36"
    if kind == "chrome-mac":
        return f"{MAC} AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{c} Safari/537.36"
    if kind == "safari-mac":
        return ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                f"Version/{rng.choice(['18.1', '18.0.1', '17.6'])} Safari/605.1.15")
    if kind == "edge":
        return (f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{c} "
                f"Safari/537.36 Edg/{c.rsplit('.', 2)[0]}.0.0")
    if kind == "whale":
        return (f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{c} "
                f"Whale/{rng.choice(['4.29.282.14', '4.28.278.12'])} Safari/537.36")
    if kind == "firefox":
        v = rng.choice(["132.0", "131.0", "128.0"])
        return f"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:{v}) Gecko/20100101 Firefox/{v}"
    if kind == "safari-ios":
        i = rng.choice(IOS)
        return (f"Mozilla/5.0 (iPhone; CPU iPhone OS {i.replace('.', '_')} like Mac OS X) AppleWebKit/605.1.15 "
                f"(KHTML, like Gecko) Version/{i.split('.')[0]}.0 Mobile/15E148 Safari/604.1")
    if kind == "chrome-android":
        ph = rng.choice(PHONES.get(country, PHONES["US"]))
        return (f"Mozilla/5.0 (Linux; Android {rng.choice(ANDROID)}; {ph}) AppleWebKit/537.36 (KHTML, like Gecko) "
                f"Chrome/{c} Mobile Safari/537.36")
    if kind == "samsung":
        ph = rng.choice(PHONES.get(country, PHONES["US"]))
        return (f"Mozilla/5.0 (Linux; Android {rng.choice(ANDROID)}; {ph}) AppleWebKit/537.36 (KHTML, like Gecko) "
                f"SamsungBrowser/{rng.choice(['27.0', '26.0'])} Chrome/125.0.0.0 Mobile Safari/537.36")
    return ua_browser(rng, country, "chrome-win")


def ua_inapp(rng: random.Random, country: str, app: str) -> str:
    """In-app browsers of messengers (KakaoTalk, LINE, Zalo) and social apps."""
    ios = rng.random() < (.45 if country in ("KR", "JP", "US") else .2)
    if ios:
        i = rng.choice(IOS)
        base = (f"Mozilla/5.0 (iPhone; CPU iPhone OS {i.replace('.', '_')} like Mac OS X) AppleWebKit/605.1.15 "
                "(KHTML, like Gecko) Mobile/15E148")
        tail = {"kakaotalk": f" KAKAOTALK {rng.choice(['10.9.5', '10.9.2', '10.8.7'])}",
                "line": f" Safari Line/{rng.choice(['14.18.0', '14.17.1'])}",
                "zalo": " Zalo iOS", "x": " Twitter for iPhone/10.67",
                "instagram": " Instagram 355.0.0.23.64 (iPhone15,2; iOS 18_1; ko_KR)"}[app]
        return base + tail
    ph = rng.choice(PHONES.get(country, PHONES["US"]))
    base = (f"Mozilla/5.0 (Linux; Android {rng.choice(ANDROID)}; {ph} Build/UP1A.231005.007; wv) AppleWebKit/537.36 "
            f"(KHTML, like Gecko) Version/4.0 Chrome/{rng.choice(CHROME)} Mobile Safari/537.36")
    tail = {"kakaotalk": f";KAKAOTALK {rng.choice(['2410950', '2410920', '2410870'])}",
            "line": f" Line/{rng.choice(['14.18.0', '14.17.1'])}/IAB",
            "zalo": " Zalo android/24101501 ZaloTheme/light", "x": " TwitterAndroid",
            "instagram": " Instagram 355.0.0.23.64 Android"}[app]
    return base + tail


SDK = {
    "dalbit-py": ["dalbit-python/1.6.2", "dalbit-python/1.5.0", "dalbit-python/1.6.0"],
    "dalbit-js": ["dalbit-node/1.4.1", "dalbit-node/1.3.3"],
    "anthropic-py": ["Anthropic/Python 0.72.0", "Anthropic/Python 0.69.0", "Anthropic/Python 0.71.1"],
    "anthropic-js": ["Anthropic/JS 0.68.0", "Anthropic/JS 0.65.0"],
    "openai-py": ["OpenAI/Python 2.8.1", "OpenAI/Python 1.109.1", "OpenAI/Python 2.6.0"],
    "openai-js": ["OpenAI/JS 6.9.0", "OpenAI/JS 5.23.2"],
    "langchain": ["langchain-openai/0.3.35 OpenAI/Python 1.109.1",
                  "langchain-anthropic/0.3.22 Anthropic/Python 0.69.0"],
    "litellm": ["litellm/1.79.3", "litellm/1.77.7"],
    "llamaindex": ["llama-index-llms-openai/0.5.6 OpenAI/Python 1.109.1"],
    "vercel-ai": ["ai-sdk/5.0.93 OpenAI/JS 5.23.2"],
    "dify": ["Dify/1.9.2"],
    "n8n": ["n8n/1.119.1 OpenAI/JS 5.23.2"],
    "spring-ai": ["spring-ai/1.0.3 Java-http-client/21.0.5"],
    "requests": ["python-requests/2.32.3", "python-requests/2.31.0"],
    "httpx": ["python-httpx/0.28.1", "python-httpx/0.27.2"],
    "aiohttp": ["Python/3.11 aiohttp/3.12.15", "Python/3.12 aiohttp/3.10.11"],
    "curl": ["curl/8.5.0", "curl/7.81.0", "curl/8.7.1"],
    "axios": ["axios/1.7.9", "axios/1.13.1"],
    "go": ["Go-http-client/2.0", "Go-http-client/1.1"],
    "java": ["Java-http-client/21.0.5", "Apache-HttpClient/5.3.1 (Java/17.0.12)"],
    "okhttp": ["okhttp/4.12.0"],
    "node-fetch": ["node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", "node"],
    "headless": ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/130.0.6723.58 "
                 "Safari/537.36"],
    "playwright": ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                   "Chrome/130.0.6723.31 Safari/537.36"],
    "dalbit-code": ["dalbit-code/2.4.1 (external, cli)", "dalbit-code/2.4.0 (external, cli)",
                    "dalbit-code/2.3.8 (external, vscode)"],
    "codex": ["codex_cli_rs/0.58.0 (Mac OS 15.1.0; arm64) ghostty/1.2.3", "codex_cli_rs/0.57.0 (Ubuntu 24.4.0; x86_64) "
              "vscode/1.105.1"],
    "cline": ["Cline/3.36.0", "Cline/3.35.1"], "roo": ["RooCode/3.30.3"], "aider": ["aider/0.86.1"],
    "opencode": ["opencode/0.15.31 ai-sdk/provider-utils/3.0.12 runtime/bun/1.3.1"],
    "cursor-like": ["Codeum/1.9.2 (darwin; arm64)", "Codeum/1.9.2 (win32; x64)"],
}

SDK_ENDPOINT = {
    "dalbit-py": "/v1/messages", "dalbit-js": "/v1/messages", "anthropic-py": "/v1/messages",
    "anthropic-js": "/v1/messages", "langchain": "/v1/chat/completions", "openai-py": "/v1/chat/completions",
    "openai-js": "/v1/chat/completions", "litellm": "/v1/chat/completions", "llamaindex": "/v1/chat/completions",
    "vercel-ai": "/v1/chat/completions", "dify": "/v1/chat/completions", "n8n": "/v1/chat/completions",
    "spring-ai": "/v1/chat/completions", "requests": "/v1/chat/completions", "httpx": "/v1/messages",
    "aiohttp": "/v1/chat/completions", "curl": "/v1/messages", "axios": "/v1/chat/completions",
    "go": "/v1/chat/completions", "java": "/v1/chat/completions", "okhttp": "/v1/chat/completions",
    "node-fetch": "/v1/chat/completions", "headless": "/v1/messages", "playwright": "/v1/messages",
    "dalbit-code": "/v1/messages", "codex": "/v1/responses", "cline": "/v1/messages", "roo": "/v1/messages",
    "aider": "/v1/chat/completions", "opencode": "/v1/messages", "cursor-like": "/v1/chat/completions",
}


def ua(rng: random.Random, sdk: str) -> str:
    return rng.choice(SDK[sdk])


MODELS = {"main": "dalbit-4", "lite": "dalbit-4-lite", "think": "dalbit-4-think", "old": "dalbit-3.5"}

# ------------------------------------------------------------------ people

PERSONAL_DOMAINS = {
    "KR": [("naver.com", 45), ("gmail.com", 35), ("daum.net", 8), ("kakao.com", 6), ("hanmail.net", 6)],
    "JP": [("gmail.com", 50), ("yahoo.co.jp", 20), ("icloud.com", 14), ("docomo.ne.jp", 6), ("outlook.jp", 10)],
    "TW": [("gmail.com", 75), ("yahoo.com.tw", 20), ("hotmail.com", 5)],
    "HK": [("gmail.com", 75), ("yahoo.com.hk", 15), ("hotmail.com", 10)],
    "SG": [("gmail.com", 80), ("hotmail.com", 10), ("icloud.com", 10)],
    "MY": [("gmail.com", 85), ("yahoo.com", 15)],
    "PH": [("gmail.com", 85), ("yahoo.com", 15)],
    "CN": [("qq.com", 50), ("163.com", 30), ("gmail.com", 20)],
    "VN": [("gmail.com", 90), ("yahoo.com.vn", 10)],
    "TH": [("gmail.com", 85), ("hotmail.com", 15)],
    "ID": [("gmail.com", 90), ("yahoo.co.id", 10)],
    "US": [("gmail.com", 60), ("icloud.com", 20), ("outlook.com", 10), ("yahoo.com", 10)],
}

NAMES = {
    "KR": (["kim", "lee", "park", "choi", "jung", "kang", "cho", "yoon", "jang", "lim", "han", "oh", "seo", "shin",
            "kwon", "hwang", "ahn", "song", "jeon", "hong", "moon", "yang", "bae", "baek", "nam"],
           ["minjun", "seoyeon", "jiwoo", "hyunwoo", "sujin", "jihoon", "yuna", "doyoon", "eunji", "taeyang",
            "hayoon", "seojun", "jiho", "minseo", "yejin", "dongha", "soyoung", "jaewon", "hyejin", "sungmin",
            "junho", "dahye", "gyuri", "woojin", "nayeon"]),
    "JP": (["tanaka", "sato", "suzuki", "takahashi", "watanabe", "ito", "yamamoto", "nakamura", "kobayashi", "kato",
            "yoshida", "yamada", "sasaki", "matsumoto", "inoue", "kimura", "hayashi", "shimizu", "mori", "ikeda"],
           ["haruto", "yui", "sota", "hina", "ren", "aoi", "yuto", "mei", "kaito", "sakura", "daiki", "riko",
            "takumi", "yuka", "kenta", "ayaka", "shota", "misaki", "ryo", "nanami"]),
    "TW": (["chen", "lin", "huang", "chang", "lee", "wang", "wu", "liu", "tsai", "yang"],
           ["yiting", "chiahao", "weiting", "yuchen", "shuhui", "pinyu", "chihwei", "yuhsuan", "kuanting", "hsinyi"]),
    "HK": (["chan", "wong", "cheung", "lau", "leung", "lee", "ho", "ng"],
           ["ka-ming", "wing", "hoi-yan", "chun-kit", "mei", "tsz-ching", "kelvin", "karen", "jason", "cherry"]),
    "SG": (["tan", "lim", "lee", "ng", "ong", "wong", "goh", "chua", "kumar", "rahman"],
           ["wei-ling", "jun-jie", "sarah", "ryan", "hui-min", "marcus", "priya", "nurul", "daniel", "xin-yi"]),
    "MY": (["tan", "lim", "abdullah", "rahman", "wong", "lee", "ismail", "raj"],
           ["aisyah", "jun-wei", "farah", "hafiz", "mei-ling", "arjun", "nur", "kok-leong"]),
    "PH": (["santos", "reyes", "cruz", "bautista", "garcia", "mendoza", "delacruz", "ramos", "villanueva", "aquino"],
           ["juan", "maria", "mark", "kristine", "john paul", "angelica", "carlo", "jasmine", "paolo", "bea"]),
    "CN": (["wang", "li", "zhang", "liu", "chen", "yang", "zhao", "huang", "zhou", "wu"],
           ["hao", "jing", "yu", "xin", "lei", "ting", "jie", "yan", "bo", "ning"]),
    "VN": (["nguyen", "tran", "le", "pham", "hoang", "vu", "phan", "dang", "bui", "do", "ho", "ngo"],
           ["anh", "minh", "linh", "huong", "tuan", "trang", "duc", "thao", "nam", "hoa", "quang", "mai"]),
    "TH": (["saetang", "srisuk", "wongsa", "chaiyaporn", "kittisak", "boonmee", "thongdee", "rattanakul"],
           ["somchai", "pim", "nattapong", "ploy", "kittipong", "fah", "thanawat", "mint", "arthit", "noon"]),
    "ID": (["santoso", "wijaya", "saputra", "lestari", "pratama", "hidayat", "kusuma", "siregar", "nasution",
            "putri"], ["budi", "dewi", "agus", "sari", "rizky", "ayu", "andi", "fitri", "dimas", "intan", "yoga",
                       "nur"]),
    "US": (["kim", "lee", "park", "nguyen", "smith", "johnson", "garcia", "chen", "tanaka", "patel", "brown",
            "martinez"],
           ["james", "sarah", "david", "emily", "daniel", "grace", "kevin", "jessica", "michael", "hannah", "chris",
            "esther"]),
}

# "dudwls", "rlaalswns": Korean names typed on a QWERTY keyboard without switching to Hangul input
KR_KEYBOARD = ["rlaalswns", "dlwldms", "qkrtjdus", "chlwlgns", "dudwls", "tjdus", "dkssud", "wjdgus", "alsdud",
               "ghkdwls", "dbswls", "rkdgns", "dusdk", "thdud", "wlsdn"]


def person(rng: random.Random, country: str) -> tuple[str, str]:
    sur, given = NAMES.get(country, NAMES["US"])
    return rng.choice(given), rng.choice(sur)


def local_part(rng: random.Random, country: str) -> str:
    g, s = person(rng, country)
    g = g.replace(" ", "").replace("-", "")
    y = rng.choice([str(rng.randint(80, 99)), str(rng.randint(0, 9)).zfill(2), str(rng.randint(1985, 2008)),
                    f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}", ""])
    if country == "KR" and rng.random() < .18:
        return rng.choice(KR_KEYBOARD) + rng.choice(["", str(rng.randint(1, 999)), y])
    pattern = rng.randrange(7)
    if pattern == 0:
        return f"{g}.{s}"
    if pattern == 1:
        return f"{s}{g}{y}"
    if pattern == 2:
        return f"{g[0]}{s}{y}"
    if pattern == 3:
        return f"{g}_{s[:3]}{y}"
    if pattern == 4:
        return f"{s}.{g}{rng.randint(1, 99)}"
    if pattern == 5:
        return f"{g}{y}"
    return f"{g}{s}"


def personal_email(rng: random.Random, country: str) -> str:
    return f"{local_part(rng, country)}@{wpick(rng, PERSONAL_DOMAINS.get(country, PERSONAL_DOMAINS['US']))}"


def work_email(rng: random.Random, country: str, domain: str) -> str:
    g, s = person(rng, country)
    g = g.replace(" ", "").replace("-", "")
    form = rng.randrange(3)
    lp = f"{g}.{s}" if form == 0 else f"{g[0]}{s}" if form == 1 else f"{s}.{g}"
    if rng.random() < .1:
        lp += str(rng.randint(1, 9))
    return f"{lp}@{domain}"


def card(rng: random.Random) -> str:
    return "pf_" + "".join(rng.choice("0123456789abcdef") for _ in range(16))


# ------------------------------------------------------------------ the directory

def directory(seed: int) -> tuple[list[dict], dict[str, dict]]:
    """entities.jsonl, and the same with extra facts the personas need (offices, cards, sso)."""
    rng = random.Random(f"{seed}:directory")
    orgs: dict[str, dict] = {}

    def org(org_id, name, restricted, domains, office, cards, sso, country, listed_extra=(), **more):
        c = [card(rng) for _ in range(cards)]
        orgs[org_id] = {"org_id": org_id, "name": name, "restricted": restricted, "domains": list(domains),
                        "office": office, "cards": c, "sso": sso, "country": country,
                        "ip_ranges": ([office] if office else []) + [PLACES[p][0] for p in listed_extra],
                        **more}

    # restricted rivals. Each also lists shared places its own staff happened to egress from.
    org("saebyeok-ai", "Saebyeok AI (새벽AI)", True, ["saebyeok.ai", "sbai.co.kr"], "218.145.66.64/27", 3,
        "saebyeok-ai.okta.com", "KR", ("cowork:pangyo", "cloudpool:seoul"))
    org("kaminari-labs", "Kaminari Labs 株式会社", True, ["kaminari-labs.jp", "kaminari.ai"], "210.138.24.96/27", 3,
        "kaminarilabs.onmicrosoft.com", "JP", ("vpn:tokyo", "cowork:shibuya"))
    # Yunque: Singapore-registered, engineering in Shenzhen; owns an annotation subsidiary in Hanoi whose
    # domain and card the directory lists under the parent.
    org("yunque-tech", "Yunque Technology Pte. Ltd. (云雀科技)", True,
        ["yunque.ai", "yunque-tech.sg", "yunquedata.vn"], "103.6.150.32/27", 4, "yunque.feishu.cn", "SG",
        ("cowork:singapore",), subsidiary_office="14.160.32.176/28")
    # namesakes of the rivals
    org("saebyeok-logis", "새벽로지스 (Saebyeok Logistics)", False, ["saebyeoklogis.co.kr"], "211.60.155.0/28", 2,
        "saebyeoklogis.onmicrosoft.com", "KR")
    org("kaminari-foods", "雷フーズ株式会社 (Kaminari Foods)", False, ["kaminari-foods.co.jp"], "61.206.118.32/28", 1,
        None, "JP")
    org("yunque-tea", "雲雀茶行 (Yunque Tea House)", False, ["yunquetea.com.tw"], "61.216.40.16/29", 1, None, "TW")
    # customers and vendors
    org("hanul-bank", "Hanul Bank (하늘은행)", False, ["hanulbank.co.kr"], "203.235.70.0/28", 2,
        "hanulbank.onmicrosoft.com", "KR")
    org("mirae-commerce", "Mirae Commerce (미래커머스)", False, ["miraecommerce.kr"], "211.115.204.0/27", 2,
        "miraecommerce.okta.com", "KR", dc="183.111.160.0/25")
    org("labelhive", "LabelHive Data Services", False, ["labelhive.ph", "labelhive.vn"], "203.177.42.128/28", 2,
        "labelhive.okta.com", "PH", office2="118.69.170.48/28")
    org("lokali", "Lokali K.K. (localisation)", False, ["lokali.co.jp"], "153.142.30.64/28", 1, None, "JP")
    org("gauge-eval", "Gauge Evaluations", False, ["gauge.dev"], "103.252.114.0/28", 1, None, "SG")
    org("inkbloom", "Inkbloom Studio (잉크블룸)", False, ["inkbloom.kr"], "121.134.56.16/28", 1,
        "inkbloom.kr", "KR")
    org("pixelforge", "Pixelforge Games (픽셀포지)", False, ["pixelforge.co.kr"], "211.249.62.0/26", 1,
        "pixelforge.okta.com", "KR")
    org("daechi-ace", "대치 에이스 수학학원 (Daechi Ace Academy)", False, ["daechiace.com"], "59.5.12.40/29", 1,
        None, "KR")
    org("meisei-juku", "明星ゼミナール (Meisei Seminar)", False, ["meisei-zemi.jp"], "60.43.88.8/29", 1, None, "JP")
    org("saigon-live", "Saigon Live Commerce", False, ["saigonlive.vn"], "113.161.66.32/29", 1, None, "VN")
    org("codeum", "Codeum (IDE)", False, ["codeum.dev"], None, 1, None, "KR", platform="codeum")
    org("agentmaru", "AgentMaru (agent platform)", False, ["agentmaru.jp"], None, 1, None, "JP", platform="agentmaru")
    org("nurimaru", "Nurimaru (consumer AI app)", False, ["nurimaru.ai"], None, 1, None, "KR", platform="nurimaru")
    for u, (nats, country, dom, sso) in CAMPUS.items():
        orgs[u] = {"org_id": u, "name": u.upper(), "restricted": False, "domains": [dom], "office": None,
                   "cards": [card(rng)], "sso": sso, "country": country, "ip_ranges": list(nats)}
    for o in orgs.values():
        if o.get("platform"):
            o["ip_ranges"] = [PLACES[f"relay:{o['platform']}"][0]]
    ents = []
    for o in orgs.values():
        ents.append({"org_id": o["org_id"], "name": o["name"], "restricted": o["restricted"],
                     "domains": o["domains"], "ip_ranges": o["ip_ranges"],
                     "payment_fingerprints": o["cards"], "sso_tenants": [o["sso"]] if o["sso"] else []})
    return ents, orgs
