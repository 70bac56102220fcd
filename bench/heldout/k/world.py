"""Set K's world: Alcor AI, a Madrid model API selling across the EU and to North Africa.

The clock and time zones (with the end of European summer time inside the default week), holidays,
hour-of-day profiles, the address space as a gateway sees it, client user agents, people's names and
e-mail habits, and the provider's directory of organizations. Everything here is built from one
stream, ``random.Random(f"{seed}:world")``, so the shared infrastructure is the same whatever the
personas draw.
"""

from __future__ import annotations

import calendar
import hashlib
import ipaddress
import random
from datetime import UTC, datetime

# Thursday 22 October 2026, 00:00 UTC. European summer time ends on Sunday the 25th at 01:00 UTC;
# Egypt's ends on Thursday the 29th at 21:00 UTC (inside the window with --days 8 or more).
START = datetime(2026, 10, 22, tzinfo=UTC).timestamp()
DAY = 86400.0


def h(*parts: object) -> str:
    """A stable hex digest of the parts (never Python's salted hash)."""
    return hashlib.blake2b(":".join(map(str, parts)).encode(), digest_size=10).hexdigest()


# --------------------------------------------------------------------------------------------
# time zones and calendars

def _last_weekday(year: int, month: int, weekday: int) -> int:
    last = calendar.monthrange(year, month)[1]
    for day in range(last, last - 7, -1):
        if calendar.weekday(year, month, day) == weekday:
            return day
    raise ValueError


def _utc(year: int, month: int, day: int, hour: float = 0.0) -> float:
    return datetime(year, month, day, tzinfo=UTC).timestamp() + hour * 3600


def _eu_summer(year: int) -> tuple[float, float]:
    return (_utc(year, 3, _last_weekday(year, 3, 6), 1), _utc(year, 10, _last_weekday(year, 10, 6), 1))


def _egypt_summer(year: int) -> tuple[float, float]:
    # last Friday of April 00:00 local (22:00 UTC the day before) to last Thursday of October 24:00 EEST
    start = _utc(year, 4, _last_weekday(year, 4, 4), -2)
    end = _utc(year, 10, _last_weekday(year, 10, 3), 21)
    return start, end


# standard offset (hours) and summer rule; Morocco stays at +1 outside Ramadan (which is in spring)
ZONES: dict[str, tuple[float, str]] = {
    "ES": (1, "eu"), "FR": (1, "eu"), "DE": (1, "eu"), "IT": (1, "eu"), "PL": (1, "eu"), "NL": (1, "eu"),
    "BE": (1, "eu"), "AT": (1, "eu"), "SE": (1, "eu"), "CZ": (1, "eu"), "DK": (1, "eu"), "LU": (1, "eu"),
    "PT": (0, "eu"), "IE": (0, "eu"), "FI": (2, "eu"), "GR": (2, "eu"), "RO": (2, "eu"), "BG": (2, "eu"),
    "MA": (1, "none"), "DZ": (1, "none"), "TN": (1, "none"), "EG": (2, "egypt"),
}
_SUMMER = {"eu": {}, "egypt": {}}


def utc_offset(country: str, ts: float) -> float:
    std, rule = ZONES.get(country, (1, "eu"))
    if rule == "none":
        return std * 3600
    year = datetime.fromtimestamp(ts, UTC).year
    table = _SUMMER[rule]
    if year not in table:
        table[year] = _eu_summer(year) if rule == "eu" else _egypt_summer(year)
    a, b = table[year]
    return (std + (1 if a <= ts < b else 0)) * 3600


def local_ts(country: str, day: int, hour: float) -> float:
    """UTC time of local `hour` on the window's day `day` (local calendar day)."""
    guess = START + day * DAY + hour * 3600 - ZONES.get(country, (1, "eu"))[0] * 3600
    return START + day * DAY + hour * 3600 - utc_offset(country, guess)


def local_parts(country: str, ts: float) -> tuple[int, int, float]:
    """(local day index in the window, weekday Mon=0, local hour)."""
    loc = ts + utc_offset(country, ts)
    days = int((loc - START) // DAY)
    weekday = (int(loc // DAY) + 3) % 7
    return days, weekday, (loc % DAY) / 3600


FRI_SAT_WEEKEND = {"EG", "DZ"}
# public holidays inside (or near) the window, as (month, day)
HOLIDAYS = {"AT": {(10, 26)}, "CZ": {(10, 28)}, "GR": {(10, 28)}, "IE": {(10, 26)}}
# French Toussaint school holidays (Oct 17 - Nov 1 2026): French pupils and students off
SCHOOL_OFF = {"FR": (_utc(2026, 10, 17), _utc(2026, 11, 2))}


def day_kind(country: str, day: int) -> str:
    """'work', 'weekend' or 'holiday' for the local day."""
    ts = START + day * DAY + 12 * 3600
    weekday = (int(ts // DAY) + 3) % 7
    date = datetime.fromtimestamp(ts, UTC)
    if (date.month, date.day) in HOLIDAYS.get(country, ()):
        return "holiday"
    weekend = (4, 5) if country in FRI_SAT_WEEKEND else (5, 6)
    return "weekend" if weekday in weekend else "work"


def school_off(country: str, ts: float) -> bool:
    span = SCHOOL_OFF.get(country)
    return bool(span and span[0] <= ts < span[1])


# hour-of-day weights in local time
PROFILES: dict[str, list[float]] = {
    "consumer": [2, 1.2, .6, .3, .2, .3, .8, 2, 3, 3.5, 4, 4.5, 5.5, 5.5, 4.5, 4, 4, 4.5, 5.5, 6.5, 7.5, 7.5, 6, 4],
    "student": [5, 4, 2.5, 1, .4, .2, .3, 1, 2.5, 4, 5, 5, 4.5, 4.5, 5, 5.5, 6, 6, 5.5, 6, 7, 7.5, 7.5, 6.5],
    "office": [0, 0, 0, 0, 0, 0, .2, 1.5, 5, 8, 8.5, 8, 4.5, 4, 7, 7.5, 7, 5.5, 2.5, 1, .6, .4, .2, 0],
    # Spanish split day: late lunch, work into the evening
    "office_es": [0, 0, 0, 0, 0, 0, 0, .5, 3, 7, 8, 8, 7.5, 6, 2.5, 2.5, 5, 6, 6, 4, 2, .8, .3, 0],
    # Spanish public administration: 8-15
    "office_public": [0, 0, 0, 0, 0, 0, 0, 2, 7, 9, 9, 8, 8, 7, 4, .5, .3, .2, 0, 0, 0, 0, 0, 0],
    "office_ma": [0, 0, 0, 0, 0, 0, 0, .5, 2, 7, 8, 8, 6, 1.5, 2, 6, 7, 7, 5, 1.5, .3, 0, 0, 0],
    "developer": [1, .6, .3, .1, .1, .1, .3, 1, 3, 6, 7.5, 7.5, 5, 5.5, 7.5, 7.5, 7, 6, 4.5, 3.5, 3.5, 3.5, 2.5, 1.8],
    "night_batch": [3, 9, 10, 9, 6, 2, .5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, .3, 1],
    "diurnal": [1, .5, .3, .2, .2, .4, 1.2, 3, 5, 6.5, 7, 7, 6.5, 6, 6, 6, 6, 6.5, 6.5, 6, 5.5, 4.5, 3, 1.8],
    "flat": [1.0] * 24,
}
WEEKEND_FACTOR = {"consumer": 1.25, "student": .85, "office": .04, "office_es": .04, "office_public": .0,
                  "office_ma": .08, "developer": .35, "night_batch": 1.0, "diurnal": .9, "flat": 1.0}


def pick_hour(rng: random.Random, profile: str) -> float:
    w = PROFILES[profile]
    hour = rng.choices(range(24), weights=w)[0]
    return hour + rng.random()


# --------------------------------------------------------------------------------------------
# addresses

def _v4_int(text: str) -> int:
    return int(ipaddress.IPv4Address(text))


def v4(base: str, prefix: int, rng: random.Random, skip: int = 1) -> str:
    size = 1 << (32 - prefix)
    n = _v4_int(base) + skip + rng.randrange(max(1, size - 2 * skip))
    return f"{n >> 24 & 255}.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"


class Range:
    """A CIDR block; `pick` draws a host inside it."""

    def __init__(self, cidr: str):
        base, p = cidr.split("/")
        self.cidr, self.base, self.prefix = cidr, base, int(p)

    def pick(self, rng: random.Random) -> str:
        return v4(self.base, self.prefix, rng)


# home ISPs: country -> [(name, weight, [v4 cidrs], v6 prefix or None, v6 prefix length, lease days)]
HOME_ISPS: dict[str, list[tuple[str, float, list[str], str | None, int, tuple[int, int]]]] = {
    "ES": [("Movistar", 4, ["83.32.0.0/11", "88.0.0.0/11"], None, 0, (20, 120)),
           ("Orange ES", 2, ["90.160.0.0/12"], None, 0, (5, 60)),
           ("Digi ES", 2, ["79.116.0.0/14"], "2a0c:5a80::", 32, (3, 30)),
           ("Vodafone ES", 1.5, ["62.42.0.0/16", "81.172.0.0/15"], None, 0, (10, 90))],
    "FR": [("Orange", 4, ["90.0.0.0/10", "86.192.0.0/11"], "2a01:cb00::", 24, (7, 40)),
           ("Free", 3, ["82.64.0.0/14", "88.160.0.0/11"], "2a01:e0a::", 32, (300, 900)),
           ("SFR", 2, ["109.208.0.0/13"], "2a02:8424::", 32, (10, 60)),
           ("Bouygues", 2, ["176.128.0.0/10"], "2001:861::", 32, (10, 90))],
    "DE": [("Telekom", 4, ["79.192.0.0/10", "87.128.0.0/10", "91.0.0.0/10"], "2003::", 19, (1, 14)),
           ("Vodafone Kabel", 3, ["95.88.0.0/14"], "2a02:8108::", 32, (30, 200)),
           ("O2 DSL", 1.5, ["77.0.0.0/14"], "2a02:3100::", 32, (1, 7)),
           ("1&1", 1.5, ["92.72.0.0/13"], "2a02:908::", 32, (1, 10))],
    "IT": [("TIM", 4, ["79.20.0.0/14", "87.2.0.0/15"], None, 0, (1, 20)),
           ("Fastweb", 2, ["93.32.0.0/14"], "2a01:e11::", 32, (60, 400)),
           ("Iliad IT", 1.5, ["151.36.0.0/14"], "2a0d:5600::", 32, (30, 300)),
           ("WindTre", 1.5, ["151.18.0.0/15"], None, 0, (3, 30))],
    "PL": [("Orange Polska", 3, ["83.0.0.0/11"], None, 0, (1, 7)),
           ("UPC Play", 2, ["89.64.0.0/12"], "2a02:a311::", 32, (20, 200)),
           ("Netia", 1, ["178.42.0.0/15"], None, 0, (5, 60))],
    "NL": [("KPN", 3, ["84.80.0.0/13"], "2a02:a440::", 29, (60, 600)),
           ("Ziggo", 3, ["84.24.0.0/13"], "2001:1c00::", 23, (30, 300))],
    "BE": [("Proximus", 3, ["81.240.0.0/12"], "2a02:a03f::", 32, (3, 40)),
           ("Telenet", 2, ["84.192.0.0/11"], "2a02:1810::", 28, (30, 300))],
    "PT": [("MEO", 3, ["85.240.0.0/13"], "2001:8a0::", 25, (5, 60)),
           ("NOS", 2, ["89.152.0.0/14"], None, 0, (10, 90))],
    "SE": [("Telia", 3, ["78.64.0.0/12"], "2001:2002::", 32, (60, 600)),
           ("Bahnhof", 1, ["83.248.0.0/14"], "2a00:801::", 32, (200, 900))],
    "AT": [("A1", 3, ["62.46.0.0/15", "80.108.0.0/14"], "2001:871::", 32, (1, 30))],
    "CZ": [("O2 CZ", 3, ["94.112.0.0/13"], None, 0, (5, 60))],
    "GR": [("Cosmote", 3, ["79.103.0.0/16", "94.64.0.0/14"], None, 0, (1, 14))],
    "RO": [("Digi RO", 3, ["86.120.0.0/13", "89.136.0.0/14"], "2a02:2f00::", 24, (20, 200))],
    "IE": [("Eir", 2, ["86.40.0.0/14"], None, 0, (10, 90)), ("Virgin IE", 2, ["89.100.0.0/14"], None, 0, (30, 300))],
    "FI": [("Elisa", 3, ["88.112.0.0/12"], "2001:14ba::", 32, (30, 300))],
    "DK": [("TDC", 3, ["87.48.0.0/12"], "2a02:aa1::", 32, (30, 300))],
    "LU": [("POST", 3, ["85.93.192.0/18"], None, 0, (30, 300))],
    "MA": [("Maroc Telecom", 5, ["105.128.0.0/11", "41.248.0.0/14"], None, 0, (1, 5)),
           ("Orange Maroc", 2, ["196.64.0.0/14"], None, 0, (1, 7)),
           ("inwi", 2, ["105.66.0.0/15", "41.140.0.0/15"], None, 0, (1, 3))],
    "DZ": [("Algérie Télécom", 6, ["41.96.0.0/12", "105.96.0.0/13"], None, 0, (1, 2))],
    "TN": [("Tunisie Telecom", 3, ["197.0.0.0/13", "41.224.0.0/14"], None, 0, (1, 3)),
           ("Topnet", 2, ["41.228.0.0/14"], None, 0, (1, 5))],
    "EG": [("TE Data", 5, ["41.32.0.0/12", "156.192.0.0/13"], None, 0, (1, 4)),
           ("Vodafone EG DSL", 2, ["41.40.0.0/14"], None, 0, (1, 4))],
    "BG": [("Vivacom", 3, ["78.83.0.0/16", "95.42.0.0/15"], None, 0, (1, 30))],
}

# mobile carriers: country -> [(name, weight, cgnat cidr, v6 prefix or None)]
MOBILE: dict[str, list[tuple[str, float, str, str | None]]] = {
    "ES": [("Movistar móvil", 3, "88.28.0.0/18", None), ("Vodafone ES móvil", 2, "37.223.0.0/18", None),
           ("Orange ES móvil", 2, "90.167.0.0/18", None), ("Digi móvil", 2, "79.117.128.0/18", "2a0c:5a81::")],
    "FR": [("Orange FR mobile", 3, "92.184.96.0/19", "2a01:cb10::"), ("SFR mobile", 2, "37.166.0.0/17", None),
           ("Bouygues mobile", 2, "176.187.0.0/18", "2001:861:3::"), ("Free Mobile", 2, "37.160.0.0/17",
                                                                      "2a04:cec0::")],
    "DE": [("Telekom mobil", 3, "80.187.64.0/18", "2a01:598::"), ("Vodafone DE mobil", 2, "109.40.0.0/17",
                                                                      "2a00:20::"),
           ("O2 DE mobil", 2, "89.204.128.0/17", None)],
    "IT": [("TIM mobile", 3, "5.168.0.0/17", None), ("WindTre mobile", 2, "151.19.0.0/17", None),
           ("Iliad mobile", 2, "151.46.0.0/17", "2a0d:5601::")],
    "PL": [("Play", 3, "37.248.0.0/17", None), ("Orange PL mobile", 2, "31.0.0.0/17", None),
           ("Plus", 2, "37.30.0.0/17", None)],
    "NL": [("KPN mobiel", 3, "77.61.0.0/17", "2a02:a46::"), ("Odido", 2, "31.151.0.0/17", None)],
    "BE": [("Proximus mobile", 3, "37.62.0.0/17", None)],
    "PT": [("MEO móvel", 3, "148.69.0.0/17", None), ("Vodafone PT", 2, "85.247.0.0/17", None)],
    "SE": [("Telia mobil", 3, "2.69.0.0/17", "2001:2043::"), ("Tele2", 2, "90.128.0.0/17", None)],
    "AT": [("Magenta AT", 3, "77.116.0.0/17", None)], "CZ": [("T-Mobile CZ", 3, "46.135.0.0/17", None)],
    "GR": [("Cosmote mobile", 3, "2.84.0.0/17", None)], "RO": [("Orange RO", 3, "37.251.128.0/17", None)],
    "IE": [("Three IE", 3, "37.228.192.0/18", None)], "FI": [("DNA", 3, "176.93.0.0/17", None)],
    "DK": [("TDC mobil", 3, "5.186.0.0/17", None)], "LU": [("POST mobile", 3, "85.93.240.0/20", None)],
    "MA": [("IAM mobile", 4, "196.112.0.0/17", None), ("inwi mobile", 3, "105.67.0.0/17", None),
           ("Orange Maroc mobile", 3, "41.250.0.0/17", None)],
    "DZ": [("Mobilis", 3, "105.100.0.0/17", None), ("Djezzy", 3, "41.201.0.0/17", None),
           ("Ooredoo DZ", 2, "41.107.0.0/17", None)],
    "TN": [("Ooredoo TN", 3, "197.240.0.0/17", None), ("Orange TN", 2, "196.230.0.0/17", None),
           ("Tunisie Telecom mobile", 2, "197.29.0.0/17", None)],
    "EG": [("Vodafone EG", 4, "41.233.0.0/17", None), ("Orange EG", 3, "197.133.0.0/17", None),
           ("Etisalat EG", 2, "41.130.0.0/17", None), ("WE mobile", 2, "197.37.0.0/17", None)],
    "BG": [("A1 BG", 3, "151.251.0.0/17", None)],
}


class Egress:
    """A shared or private egress: a fixed list of public addresses behind which callers appear."""

    def __init__(self, name: str, kind: str, cidr: str, addresses: list[str]):
        self.name, self.kind, self.cidr, self.addresses = name, kind, cidr, addresses

    def pick(self, rng: random.Random) -> str:
        return rng.choice(self.addresses)

    def sticky(self, key: str) -> str:
        """The address a NAT maps one source to (stable per key)."""
        return self.addresses[int(h(self.name, key), 16) % len(self.addresses)]


class Home:
    """A household's line: a dynamic IPv4 with leases, and (when the line has it) an IPv6 /56."""

    def __init__(self, rng: random.Random, country: str, isp_index: int | None = None):
        isps = HOME_ISPS.get(country) or HOME_ISPS["FR"]
        isp = isps[isp_index] if isp_index is not None else rng.choices(isps, weights=[i[1] for i in isps])[0]
        self.country, self.isp = country, isp[0]
        ranges = isp[2]
        lo, hi = isp[5]
        self.leases: list[tuple[float, str]] = []
        t = START - rng.uniform(0, lo) * DAY
        while t < START + 40 * DAY:
            cidr = Range(rng.choice(ranges))
            self.leases.append((t, cidr.pick(rng)))
            t += rng.uniform(lo, hi) * DAY
        self.v6: int | None = None
        if isp[3] and rng.random() < 0.85:
            bits = isp[4]
            net = int(ipaddress.IPv6Address(isp[3]))
            self.v6 = net | (rng.getrandbits(56 - bits) << 72)
            self.lan = rng.getrandbits(8) if rng.random() < .3 else 0
        self.key = h(country, self.isp, rng.random())

    def ip(self, ts: float, device: str = "", v6_share: float = 0.88) -> str:
        day = int((ts - START) // DAY)
        pref = int(h(self.key, device, "stack"), 16) % 1000 / 1000
        if self.v6 is not None and pref < v6_share:
            iid = int(h(self.key, device, day), 16) & ((1 << 64) - 1)
            return ipaddress.IPv6Address(self.v6 | (self.lan << 64) | iid).compressed
        addr = self.leases[0][1]
        for t, a in self.leases:
            if t <= ts:
                addr = a
            else:
                break
        return addr


class Mobile:
    """A phone on a carrier: CGNAT public addresses shared by the carrier's users (IPv4), or a /64 per
    attach when the carrier gives IPv6."""

    def __init__(self, world: World, rng: random.Random, country: str):
        carriers = MOBILE.get(country) or MOBILE["FR"]
        c = rng.choices(carriers, weights=[x[1] for x in carriers])[0]
        self.name = c[0]
        self.pool = world.cgnat[c[0]]
        self.v6 = c[3] if rng.random() < 0.8 else None
        self.key = h(c[0], rng.random())

    def ip(self, ts: float, rng: random.Random) -> str:
        if self.v6:
            block = int(h(self.key, int(ts // 5400)), 16)
            net = int(ipaddress.IPv6Address(self.v6)) | ((block & ((1 << 32) - 1)) << 64)
            return ipaddress.IPv6Address(net | rng.getrandbits(64)).compressed
        return rng.choice(self.pool)


# --------------------------------------------------------------------------------------------
# clients

CHROME = "148.0.0.0"
UA = {
    "win_chrome": f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                  f"Chrome/{CHROME} Safari/537.36",
    "win_edge": f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                f"Chrome/{CHROME} Safari/537.36 Edg/148.0.3470.51",
    "mac_chrome": f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
                  f"Chrome/{CHROME} Safari/537.36",
    "mac_safari": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                  "Version/26.1 Safari/605.1.15",
    "win_firefox": "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:150.0) Gecko/20100101 Firefox/150.0",
    "linux_firefox": "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:150.0) Gecko/20100101 Firefox/150.0",
    "linux_chrome": f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                    f"Chrome/{CHROME} Safari/537.36",
    "android_chrome": f"Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
                      f"Chrome/{CHROME} Mobile Safari/537.36",
    "iphone_safari": "Mozilla/5.0 (iPhone; CPU iPhone OS 26_0_1 like Mac OS X) AppleWebKit/605.1.15 "
                     "(KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1",
    "headless": f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                f"HeadlessChrome/{CHROME} Safari/537.36",
    "anthropic_py": "Anthropic/Python 0.71.0", "anthropic_py_old": "Anthropic/Python 0.49.0",
    "anthropic_js": "Anthropic/JS 0.68.0", "openai_py": "OpenAI/Python 2.6.1", "openai_py_old": "OpenAI/Python 1.58.1",
    "openai_js": "OpenAI/JS 6.7.0", "litellm": "litellm/1.79.0", "requests": "python-requests/2.32.5",
    "httpx": "python-httpx/0.28.1", "aiohttp": "Python/3.12 aiohttp/3.13.1", "curl": "curl/8.5.0",
    "curl_mac": "curl/8.7.1", "go": "Go-http-client/2.0", "java": "Java-http-client/21.0.8",
    "node_fetch": "node", "axios": "axios/1.13.1", "okhttp": "okhttp/4.12.0", "guzzle": "GuzzleHttp/7",
    "postman": "PostmanRuntime/7.49.1", "insomnia": "insomnia/11.6.1", "dotnet": "OpenAI/2.5.0 (.NET 8.0.21; Linux)",
    "n8n": "n8n", "make": "Make/production", "alcor_cli": "alcor-cli/1.9.2 (external, cli)",
    "alcor_cli_old": "alcor-cli/1.7.0 (external, cli)",
    "cline": "Cline/3.34.1", "roo": "RooCode/3.29.0", "opencode": "opencode/1.0.14",
    "codex": "codex_cli_rs/0.50.0 (Ubuntu 24.4.0; x86_64) xterm-256color", "zed": "Zed/0.210.4",
    "aider": "litellm/1.78.2", "continue": "Continue/1.3.7",
}
PHONES_IOS = ["iPhone15,3", "iPhone16,1", "iPhone14,7", "iPhone17,3", "iPhone13,2", "iPhone17,1"]
PHONES_ANDROID = ["SM-A556B", "SM-A356B", "SM-S921B", "SM-A155F", "2312DRAA5G", "23129RAA4G", "Pixel 8",
                  "Pixel 9", "CPH2591", "moto g84 5G", "SM-A057F", "RMX3834", "V2327", "SM-S931B"]


def app_ua(rng: random.Random, ios: bool | None = None) -> str:
    if ios if ios is not None else rng.random() < .42:
        ver = rng.choice(["26.0.1", "26.0", "18.7.1", "26.1"])
        return f"AlcorChat/4.12.{rng.randint(0, 2)} (iOS {ver}; {rng.choice(PHONES_IOS)})"
    return f"AlcorChat/4.12.{rng.randint(0, 2)} (Android {rng.choice(['14', '15', '16', '13'])}; " \
           f"{rng.choice(PHONES_ANDROID)})"


def browser_ua(rng: random.Random, os_hint: str | None = None) -> str:
    keys = ["win_chrome"] * 5 + ["win_edge"] * 2 + ["mac_chrome"] * 2 + ["mac_safari"] * 2 + ["win_firefox",
                                                                                            "linux_firefox",
                                                                                            "linux_chrome"]
    if os_hint == "mobile":
        keys = ["android_chrome", "android_chrome", "iphone_safari"]
    return UA[rng.choice(keys)]


# --------------------------------------------------------------------------------------------
# people

def _w(text: str, sep: str = " ") -> list[str]:
    return text.split(sep)


NAMES: dict[str, tuple[list[str], list[str]]] = {
    "es": (_w("Lucía Pablo Marta Javier Carmen Álvaro Laura Sergio Elena Daniel Paula Adrián Irene Hugo Nerea Raúl "
           "Ainhoa Jorge Rocío Iker Nuria Gonzalo Alba Marcos"),
           _w("García Fernández López Martínez Sánchez Pérez Gómez Ruiz Díaz Moreno Muñoz Álvarez Romero Navarro "
           "Torres Gil Serrano Blanco Castro Ortega Rubio Molina Delgado Vidal Iglesias Etxeberria")),
    "fr": (_w("Camille Léa Hugo Lucas Manon Chloé Louis Inès Théo Emma Nathan Sarah Julien Mathilde Antoine Clément "
           "Pauline Maxime Élodie Romain Juliette Quentin Margaux Bastien"),
           _w("Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel "
           "Fontaine Chevalier Roux Girard Bonnet Lambert Faure Rousseau Blanc Guérin Muller")),
    "de": (_w("Lukas Anna Leon Lea Jonas Marie Felix Laura Paul Sophie Maximilian Hannah Tobias Julia Jan Katharina "
           "Florian Lena Niklas Johanna Moritz Sarah Stefan Miriam"),
           _w("Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter Klein Wolf "
           "Neumann Schwarz Zimmermann Braun Krüger Hartmann Lange Werner Krause Vogel")),
    "it": (_w("Giulia Marco Francesca Alessandro Chiara Luca Sara Matteo Martina Andrea Elisa Davide Federica Simone "
           "Valentina Lorenzo Alessia Riccardo Silvia Tommaso"),
           _w("Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti De Luca Costa "
           "Giordano Mancini Rizzo Lombardi Moretti Barbieri Fontana")),
    "pl": (_w("Anna Piotr Katarzyna Tomasz Magdalena Paweł Agnieszka Michał Joanna Krzysztof Aleksandra Jakub Monika "
           "Marcin Zofia Kamil Natalia Bartosz Karolina Łukasz"),
           _w("Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski "
           "Kozłowski Jankowski Mazur Krawczyk Piotrowski Grabowski Pawłowski")),
    "nl": (_w("Daan Emma Sem Julia Lucas Sophie Milan Tess Lars Anouk Bram Fleur Thijs Sanne"),
           _w("de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Visser|Smit|Meijer|Mulder|Bos|Peters", "|")),
    "pt": (_w("João Maria Tiago Ana Rui Inês Pedro Beatriz Miguel Catarina Diogo Mariana"),
           _w("Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Sousa Gomes Lopes Marques")),
    "sv": (_w("Erik Anna Lars Maja Oskar Elsa Karl Ebba Johan Linnea Axel Klara"),
           _w("Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Lindqvist Berg")),
    "ma": (_w("Youssef Fatima-Zahra Mohamed Salma Amine Khadija Hamza Imane Omar Sara Mehdi Hajar Ayoub Meryem Anas "
           "Soukaina Reda Ghita Othmane Zineb"),
           _w("El Amrani|Benali|Alaoui|Bennani|El Idrissi|Tazi|Chraibi|Berrada|Ouazzani|El Fassi|Lahlou|Benjelloun|"
           "Kettani|Naciri|Zniber|Bouzidi|Sebti|Filali", "|")),
    "dz": (_w("Yacine Amina Karim Lina Sofiane Nour Rachid Meriem Walid Yasmine Riad Selma"),
           _w("Benaissa Boudiaf Haddad Belkacem Saadi Mansouri Cherif Khelifi Bouzid Rahmani Hamidi Zerrouki")),
    "tn": (_w("Aymen Sarra Mehdi Ines Skander Rania Hamdi Oumaima Bilel Nour Wassim Emna"),
           _w("Ben Salah|Trabelsi|Gharbi|Jebali|Ben Ali|Mejri|Hammami|Bouazizi|Chaabane|Ayari|Jlassi", "|")),
    "eg": (_w("Ahmed Mariam Mohamed Nour Omar Salma Youssef Habiba Mostafa Aya Karim Farida Hassan Malak"),
           _w("Hassan|Mahmoud|Ibrahim|Abdelrahman|El Sayed|Fathy|Mostafa|Ali|Gamal|Soliman|Farouk|Naguib", "|")),
    "ro": (_w("Andrei Ioana Mihai Elena Alexandru Maria Cristian Andreea Vlad Raluca"),
           _w("Popescu Ionescu Popa Dumitru Stan Stoica Gheorghe Matei Ciobanu Rusu")),
    "gr": (_w("Giorgos Maria Nikos Eleni Dimitris Katerina Kostas Sofia"),
           _w("Papadopoulos Papadakis Georgiou Nikolaou Oikonomou Vlachos Angelopoulos")),
    "cz": (_w("Jan Tereza Petr Lucie Tomáš Kateřina Martin Eva"), _w("Novák Svoboda Novotný Dvořák Černý Procházka")),
    "fi": (_w("Mikko Aino Juha Emilia Antti Sanna Ville Laura"), _w("Korhonen Virtanen Mäkinen Nieminen Hämäläinen")),
    "bg": (_w("Georgi Maria Ivan Elena Dimitar Desislava"), _w("Ivanov Georgiev Dimitrov Petrova Nikolova")),
    "en": (_w("Sean Aoife Conor Niamh Ciara Darragh Cian Saoirse Oisín Róisín"),
           _w("Murphy|Kelly|O'Brien|Walsh|Byrne|Ryan|O'Connor|Doyle|McCarthy|Gallagher", "|")),
}
NAME_SET = {"ES": "es", "FR": "fr", "BE": "fr", "LU": "fr", "DE": "de", "AT": "de", "IT": "it", "PL": "pl",
            "NL": "nl", "PT": "pt", "SE": "sv", "DK": "sv", "MA": "ma", "DZ": "dz", "TN": "tn", "EG": "eg",
            "RO": "ro", "GR": "gr", "CZ": "cz", "FI": "fi", "BG": "bg", "IE": "en"}

MAIL: dict[str, list[tuple[str, float]]] = {
    "ES": [("gmail.com", 6), ("hotmail.com", 2), ("hotmail.es", 1.5), ("yahoo.es", .7), ("outlook.es", 1),
           ("icloud.com", .8), ("telefonica.net", .3), ("protonmail.com", .2)],
    "FR": [("gmail.com", 5), ("hotmail.fr", 1.5), ("orange.fr", 1.5), ("free.fr", .8), ("yahoo.fr", .8),
           ("laposte.net", .6), ("outlook.fr", .8), ("icloud.com", .8), ("sfr.fr", .4), ("proton.me", .3)],
    "DE": [("gmail.com", 3), ("gmx.de", 2.5), ("web.de", 2.5), ("t-online.de", 1.2), ("outlook.de", .8),
           ("posteo.de", .5), ("icloud.com", .6), ("mailbox.org", .3), ("proton.me", .3)],
    "IT": [("gmail.com", 6), ("libero.it", 1.5), ("hotmail.it", 1.2), ("yahoo.it", .8), ("virgilio.it", .5),
           ("icloud.com", .6), ("outlook.it", .6)],
    "PL": [("gmail.com", 4), ("wp.pl", 2), ("o2.pl", 1.5), ("onet.pl", 1.5), ("interia.pl", 1.2)],
    "NL": [("gmail.com", 5), ("hotmail.com", 2), ("outlook.com", 1.5), ("ziggo.nl", .6), ("kpnmail.nl", .5)],
    "BE": [("gmail.com", 5), ("hotmail.com", 1.5), ("skynet.be", .6), ("telenet.be", .8), ("outlook.be", .5)],
    "PT": [("gmail.com", 6), ("hotmail.com", 2), ("sapo.pt", 1), ("outlook.pt", .8)],
    "SE": [("gmail.com", 5), ("hotmail.com", 1.5), ("outlook.com", 1), ("telia.com", .6), ("icloud.com", 1)],
    "AT": [("gmail.com", 4), ("gmx.at", 2), ("aon.at", .8), ("chello.at", .5)],
    "MA": [("gmail.com", 8), ("hotmail.fr", 2), ("yahoo.fr", 1.5), ("menara.ma", .5), ("outlook.fr", .6)],
    "DZ": [("gmail.com", 8), ("hotmail.fr", 2), ("yahoo.fr", 2), ("outlook.fr", .5)],
    "TN": [("gmail.com", 8), ("yahoo.fr", 2), ("hotmail.fr", 1.5), ("topnet.tn", .3)],
    "EG": [("gmail.com", 9), ("yahoo.com", 2), ("hotmail.com", 1.5), ("outlook.com", 1)],
}
_TRANS = {ord(a): b for a, b in zip("áàâäãåéèêëíìîïóòôöõúùûüñçłśźżąęńćőűšěřčďťňůýžæøß'-",
                                    "aaaaaaeeeeiiiiooooouuuunclszzaencousercdtnuyzaos..", strict=True)}


def ascii(s: str) -> str:
    return s.lower().translate(_TRANS).replace(" ", "")


def person(rng: random.Random, country: str) -> tuple[str, str]:
    first, last = NAMES[NAME_SET.get(country, "en")]
    return rng.choice(first), rng.choice(last)


def email_local(rng: random.Random, first: str, last: str) -> str:
    f, la = ascii(first).replace(".", ""), ascii(last).replace(".", "")
    style = rng.random()
    if style < .3:
        return f"{f}.{la}"
    if style < .5:
        return f"{f}{la}{rng.randint(1, 99)}"
    if style < .62:
        return f"{f[0]}{la}"
    if style < .72:
        return f"{f}.{la}{rng.randint(1970, 2007)}"
    if style < .82:
        return f"{f}_{la[:4]}{rng.randint(1, 999)}"
    if style < .9:
        return f"{la}.{f}"
    return f"{f}{rng.randint(10, 9999)}"


def personal_email(rng: random.Random, country: str, first: str | None = None, last: str | None = None) -> str:
    if first is None or last is None:
        first, last = person(rng, country)
    doms = MAIL.get(country, [("gmail.com", 6), ("outlook.com", 2), ("yahoo.com", 1)])
    return f"{email_local(rng, first, last)}@{rng.choices([d for d, _ in doms], weights=[w for _, w in doms])[0]}"


def work_email(rng: random.Random, first: str, last: str, domain: str) -> str:
    f, la = ascii(first).replace(".", ""), ascii(last).replace(".", "")
    return rng.choice([f"{f}.{la}", f"{f}.{la}", f"{f[0]}{la}", f"{f}"])[:30] + "@" + domain


def card(*parts: object) -> str:
    return "pm_" + h("card", *parts)[:16]


# --------------------------------------------------------------------------------------------
# the world object: shared egresses and the directory

class World:
    def __init__(self, seed: int):
        rng = random.Random(f"{seed}:world")
        self.seed = seed
        self.rng = rng
        self.cgnat: dict[str, list[str]] = {}
        for carriers in MOBILE.values():
            for name, _, cidr, _ in carriers:
                r = Range(cidr)
                self.cgnat[name] = [r.pick(rng) for _ in range(rng.randint(180, 420))]
        eg: dict[str, Egress] = {}

        def egress(name: str, kind: str, cidr: str, n: int) -> Egress:
            r = Range(cidr)
            addrs = sorted({r.pick(rng) for _ in range(n)})
            eg[name] = Egress(name, kind, cidr, addrs)
            return eg[name]

        # secure web gateways: thousands of companies' staff behind each node
        egress("zscaler-par", "swg", "165.225.76.0/23", 160)
        egress("zscaler-fra", "swg", "165.225.72.0/22", 220)
        egress("zscaler-mil", "swg", "147.161.184.0/22", 120)
        egress("zscaler-mad", "swg", "147.161.166.0/23", 90)
        egress("netskope-fra", "swg", "163.116.162.0/24", 60)
        # serverless / shared cloud egress (Vercel-style functions on AWS Frankfurt; Cloud Run Paris)
        egress("aws-fra-shared", "cloud", "3.121.0.0/16", 900)
        egress("gcp-par-shared", "cloud", "34.155.0.0/16", 600)
        # commercial VPN exits
        egress("proton-se", "vpn", "185.159.156.0/24", 40)
        egress("proton-fr", "vpn", "185.159.157.0/24", 30)
        egress("mullvad-se", "vpn", "193.138.218.0/24", 30)
        egress("mullvad-de", "vpn", "185.65.134.0/24", 30)
        egress("nord-es", "vpn", "37.120.148.0/24", 30)
        egress("nord-nl", "vpn", "213.232.87.0/24", 30)
        # campus NATs (eduroam and wired)
        for name, cidr in [("sorbonne", "134.157.252.0/26"), ("tum", "129.187.254.0/26"),
                           ("upm", "138.100.254.0/26"), ("ucm", "147.96.1.0/26"), ("polimi", "131.175.12.0/26"),
                           ("kth", "130.237.220.0/26"), ("uw", "193.0.96.0/26"), ("um5", "196.200.160.0/26"),
                           ("cairo-u", "195.43.8.0/26"), ("ulb", "164.15.1.0/26"), ("ul-lisboa", "193.136.128.0/26")]:
            egress(f"campus-{name}", "campus", cidr, rng.randint(8, 24))
        # coworking floors
        for name, cidr in [("stationf", "195.154.150.0/26"), ("wework-castellana", "185.113.201.16/28"),
                           ("factory-berlin", "217.110.46.32/28"), ("talent-garden-mil", "93.62.154.80/28"),
                           ("technopark-casa", "196.206.241.0/27"), ("impact-hub-lisboa", "94.46.12.208/28")]:
            egress(f"cowork-{name}", "coworking", cidr, rng.randint(3, 10))
        # CI runners
        egress("gha", "ci", "4.175.0.0/16", 2000)
        egress("gha-2", "ci", "172.183.0.0/16", 2000)
        egress("gitlab-saas", "ci", "34.74.0.0/15", 1500)
        # residential proxy exits are drawn from home ISP ranges (see residential())
        self.egress = eg
        self.vps = {
            "hetzner-fsn": Range("49.12.0.0/16"), "hetzner-hel": Range("95.217.0.0/16"),
            "hetzner-nbg": Range("116.203.0.0/16"), "ovh-rbx": Range("51.68.0.0/16"),
            "ovh-gra": Range("54.37.0.0/16"), "scaleway-par": Range("51.15.0.0/16"),
            "contabo": Range("5.189.128.0/17"), "ionos": Range("217.160.0.0/16"),
            "do-fra": Range("164.92.128.0/17"), "oci-fra": Range("130.61.0.0/16"),
            "aws-par": Range("15.188.0.0/16"), "aws-fra": Range("18.184.0.0/15"),
            "azure-weu": Range("20.50.0.0/16"), "gcp-mad": Range("34.175.0.0/16"),
        }
        self.incidents = self._incidents(rng)
        self.crash = START + rng.uniform(2.2, 4.6) * DAY
        self._directory(rng)

    def _incidents(self, rng: random.Random) -> list[tuple[float, float, float]]:
        """Upstream overload windows: (start, end, error share)."""
        out = []
        for _ in range(3):
            s = START + rng.uniform(0.3, 6.5) * DAY
            out.append((s, s + rng.uniform(900, 3600), rng.uniform(.08, .3)))
        return out

    def vps_ip(self, rng: random.Random, provider: str | None = None) -> str:
        return self.vps[provider or rng.choice(list(self.vps))].pick(rng)

    def residential(self, rng: random.Random, country: str) -> str:
        isps = HOME_ISPS.get(country) or HOME_ISPS["FR"]
        isp = rng.choices(isps, weights=[i[1] for i in isps])[0]
        return Range(rng.choice(isp[2])).pick(rng)

    def office(self, name: str, cidr: str, n: int, kind: str = "office") -> Egress:
        r = Range(cidr)
        e = Egress(name, kind, cidr, sorted({r.pick(self.rng) for _ in range(n)}))
        self.egress[name] = e
        return e

    def _directory(self, rng: random.Random) -> None:
        ents: list[dict] = []
        o = self.office
        self.rivals: dict[str, dict] = {}
        # ---- restricted rivals
        o("brume-office", "185.44.112.0/28", 3)
        o("brume-maroc-office", "41.214.190.0/28", 2)
        o("kestrel-office", "193.25.100.64/27", 4)
        o("tessera-office", "91.213.160.48/29", 2)
        o("nordlys-office", "194.17.46.128/27", 3)
        brume = {"org_id": "brume-ai", "name": "Brume AI SAS", "restricted": True,
                 "domains": ["brume.ai", "brume-ai.fr", "brume-maroc.ma"],
                 "ip_ranges": ["185.44.112.0/28", "41.214.190.0/28", self.egress["cowork-stationf"].cidr,
                               self.egress["zscaler-par"].cidr],
                 "payment_fingerprints": [card("brume", i) for i in range(3)],
                 "sso_tenants": ["brume.okta-emea.com", "brumemaroc.onmicrosoft.com"],
                 "subsidiaries": ["Brume Maroc SARL (Casablanca)"]}
        kestrel = {"org_id": "kestrel-intelligence", "name": "Kestrel Intelligence GmbH", "restricted": True,
                   "domains": ["kestrel-intelligence.de", "kestrel.ai", "tessera-annotate.de"],
                   "ip_ranges": ["193.25.100.64/27", "91.213.160.48/29", self.egress["aws-fra-shared"].cidr],
                   "payment_fingerprints": [card("kestrel", i) for i in range(3)],
                   "sso_tenants": ["kestrelintelligence.onmicrosoft.com", "tessera-annotate.okta-emea.com"],
                   "subsidiaries": ["Tessera Annotate GmbH (Leipzig, acquired 2026)"]}
        nordlys = {"org_id": "nordlys-labs", "name": "Nordlys Labs AB", "restricted": True,
                   "domains": ["nordlys.ai", "nordlyslabs.se"],
                   "ip_ranges": ["194.17.46.128/27", self.egress["proton-se"].cidr, self.egress["campus-kth"].cidr],
                   "payment_fingerprints": [card("nordlys", i) for i in range(2)],
                   "sso_tenants": ["nordlys.ai"]}
        for e in (brume, kestrel, nordlys):
            self.rivals[e["org_id"]] = e
            ents.append(e)
        # per rival: (office egress, subsidiary egress, sso tenant, subsidiary sso, main domain, sub domain,
        # corporate card, contractor card, country, sub country)
        self.rival_info = {
            "brume-ai": dict(office="brume-office", sub_office="brume-maroc-office", sso="brume.okta-emea.com",
                             sub_sso="brumemaroc.onmicrosoft.com", domain="brume.ai", alt_domain="brume-ai.fr",
                             sub_domain="brume-maroc.ma", cards=brume["payment_fingerprints"], country="FR",
                             sub_country="MA", name="Brume", lang="fr"),
            "kestrel-intelligence": dict(office="kestrel-office", sub_office="tessera-office",
                                         sso="kestrelintelligence.onmicrosoft.com",
                                         sub_sso="tessera-annotate.okta-emea.com", domain="kestrel-intelligence.de",
                                         alt_domain="kestrel.ai", sub_domain="tessera-annotate.de",
                                         cards=kestrel["payment_fingerprints"], country="DE", sub_country="DE",
                                         name="Kestrel", lang="de"),
            "nordlys-labs": dict(office="nordlys-office", sub_office="nordlys-office", sso="nordlys.ai",
                                 sub_sso="nordlys.ai", domain="nordlys.ai", alt_domain="nordlyslabs.se",
                                 sub_domain="nordlyslabs.se", cards=nordlys["payment_fingerprints"], country="SE",
                                 sub_country="SE", name="Nordlys", lang="en"),
        }
        # ---- everyone else the provider knows
        o("brume-cosm-office", "88.191.78.96/29", 2)
        o("kestrel-log-office", "62.159.84.0/28", 3)
        o("nordlys-energi-office", "81.226.170.64/29", 2)
        o("aseguradora-dc", "213.0.89.0/28", 2)
        o("nakhla-office", "196.217.40.8/29", 2)
        o("traducta-office", "213.151.103.64/28", 2)
        o("tessel-relay", "3.64.12.0/26", 6, "platform")
        o("agora-relay", "34.163.28.0/26", 8, "platform")
        o("mindlane-relay", "51.178.64.0/27", 4, "platform")
        o("stadtwerke-proxy", "194.25.230.32/29", 2)
        o("atlas-office", "196.206.112.0/28", 3)
        o("justa-office", "80.13.112.80/29", 2)
        o("aurora-dc", "212.170.43.0/29", 1)
        o("red-sara", "195.57.72.0/26", 6)
        o("musee-textiles", "193.48.224.16/29", 1)
        o("verrier-dc", "185.161.44.0/28", 2)
        others = [
            ("brume-cosmetiques", "Brume Cosmétiques SAS", ["brume-cosmetiques.fr"], ["88.191.78.96/29"], 1,
             ["brumecosmetiques.onmicrosoft.com"]),
            ("kestrel-logistik", "Kestrel Logistik GmbH & Co. KG", ["kestrel-logistik.de"], ["62.159.84.0/28"], 2,
             ["kestrellogistik.onmicrosoft.com"]),
            ("nordlys-energi", "Nordlys Energi AB", ["nordlysenergi.se"], ["81.226.170.64/29"], 1,
             ["nordlysenergi.se"]),
            ("banca-tirrena", "Banca Tirrena S.p.A.", ["bancatirrena.it"], [], 1, ["bancatirrena.okta.com"]),
            ("maison-verrier", "Maison Verrier SA", ["maisonverrier.fr"], ["185.161.44.0/28"], 1,
             ["maisonverrier.onmicrosoft.com"]),
            ("aseguradora-cantabrica", "Aseguradora Cantábrica", ["cantabrica-seguros.es"], ["213.0.89.0/28"], 1,
             ["cantabricaseguros.onmicrosoft.com"]),
            ("nakhla-data", "Nakhla Data SARL", ["nakhladata.ma"], ["196.217.40.8/29"], 1,
             ["nakhladata.onmicrosoft.com"]),
            ("traducta", "Traducta Localización SL", ["traducta.es"], ["213.151.103.64/28"], 1, []),
            ("tessel", "Tessel GmbH (IDE platform)", ["tessel.dev"], ["3.64.12.0/26"], 1, []),
            ("agora-agents", "Agora Agents SAS (agent platform)", ["agora-agents.com"], ["34.163.28.0/26"], 1, []),
            ("mindlane", "Mindlane Learning SL (tutoring platform)", ["mindlane.es"], ["51.178.64.0/27"], 1, []),
            ("stadtwerke-rheinland", "Stadtwerke Rheinland AG", ["stadtwerke-rheinland.de"], ["194.25.230.32/29"],
             1, ["stadtwerkerheinland.onmicrosoft.com"]),
            ("atlas-contact", "Atlas Contact Center SA", ["atlascontact.ma"], ["196.206.112.0/28"], 1,
             ["atlascontact.onmicrosoft.com"]),
            ("editions-justa", "Éditions Justa", ["editions-justa.fr"], ["80.13.112.80/29"], 1, []),
            ("farmacias-aurora", "Farmacias Aurora SL", ["farmaciasaurora.es"], ["212.170.43.0/29"], 1, []),
            ("otc-traduccion", "Oficina de Traducción Oficial (Administración General del Estado)",
             ["traduccion.gob.es"], ["195.57.72.0/26"], 0, ["traduccion.gob.es"]),
            ("promptmetric", "Promptmetric BV (evaluation)", ["promptmetric.nl"], [], 1, []),
            ("musee-textiles", "Musée des Arts Textiles de Lyon", ["musee-textiles-lyon.fr"], ["193.48.224.16/29"],
             0, []),
        ]
        for org_id, name, doms, ranges, ncards, sso in others:
            ents.append({"org_id": org_id, "name": name, "restricted": False, "domains": doms, "ip_ranges": ranges,
                         "payment_fingerprints": [card(org_id, i) for i in range(ncards)], "sso_tenants": sso})
        for uni, name, dom, campus, sso in [
                ("sorbonne-universite", "Sorbonne Université", "sorbonne-universite.fr", "sorbonne",
                 "sorbonne-universite.fr"),
                ("tum", "Technische Universität München", "tum.de", "tum", "login.tum.de"),
                ("upm", "Universidad Politécnica de Madrid", "upm.es", "upm", "upm.es"),
                ("polimi", "Politecnico di Milano", "polimi.it", "polimi", "polimi.it"),
                ("kth", "KTH Royal Institute of Technology", "kth.se", "kth", "kth.se"),
                ("uw", "Uniwersytet Warszawski", "uw.edu.pl", "uw", None),
                ("um5", "Université Mohammed V de Rabat", "um5.ac.ma", "um5", None)]:
            ents.append({"org_id": uni, "name": name, "restricted": False, "domains": [dom],
                         "ip_ranges": [self.egress[f"campus-{campus}"].cidr], "payment_fingerprints": [],
                         "sso_tenants": [sso] if sso else []})
        self.entities = ents
