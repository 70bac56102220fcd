"""The world of set "m": Lodos AI, a model API provider in Istanbul, and everything around it.

Calendar, time zones and habits of the markets; address space (ISPs, mobile CGNAT, campuses,
coworking floors, corporate proxies, clouds, VPN exits); user agents; models and plans; the
directory of organizations (restricted rival labs, their subsidiaries, their namesakes, and the
legitimate organizations that share infrastructure with them).

Every address prefix here is invented for this data set; any overlap with a real allocation is
incidental.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from ipaddress import ip_network

PROVIDER = "Lodos AI"
API_HOST = "api.lodos.ai"

# The week: Thursday 26 November 2026 00:00 Istanbul time (US Thanksgiving; Efsane Cuma / White
# Friday is the 27th, Cyber Monday the 30th, UAE National Day 2-3 December).
_TR = _dt.timezone(_dt.timedelta(hours=3))
START_DATE = _dt.date(2026, 11, 26)
T0 = _dt.datetime(2026, 11, 26, tzinfo=_TR).timestamp()
UTC_MIDNIGHT0 = _dt.datetime(2026, 11, 26, tzinfo=_dt.UTC).timestamp()
DAY = 86400.0

# ---------------------------------------------------------------------------------------------
# countries: UTC offset (hours, winter 2026), weekend weekdays (Mon=0), Friday-prayer dip
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Country:
    code: str
    offset: float
    weekend: frozenset[int]
    prayer_dip: float  # share of activity lost on Friday 12:00-14:00 local
    name: str


COUNTRIES: dict[str, Country] = {c.code: c for c in [
    Country("TR", 3, frozenset({5, 6}), 0.25, "Turkey"),
    Country("GE", 4, frozenset({5, 6}), 0.0, "Georgia"),
    Country("AM", 4, frozenset({5, 6}), 0.0, "Armenia"),
    Country("AZ", 4, frozenset({5, 6}), 0.15, "Azerbaijan"),
    Country("KZ", 5, frozenset({5, 6}), 0.1, "Kazakhstan"),
    Country("UZ", 5, frozenset({5, 6}), 0.2, "Uzbekistan"),
    Country("KG", 6, frozenset({5, 6}), 0.2, "Kyrgyzstan"),
    # UAE moved to a Saturday-Sunday weekend in 2022; Friday afternoon is short for many
    Country("AE", 4, frozenset({5, 6}), 0.5, "United Arab Emirates"),
    Country("SA", 3, frozenset({4, 5}), 0.7, "Saudi Arabia"),
    Country("JO", 3, frozenset({4, 5}), 0.6, "Jordan"),
    Country("EG", 2, frozenset({4, 5}), 0.6, "Egypt"),
    Country("IR", 3.5, frozenset({4}), 0.3, "Iran"),
    Country("UA", 2, frozenset({5, 6}), 0.0, "Ukraine"),
    Country("PL", 1, frozenset({5, 6}), 0.0, "Poland"),
    Country("DE", 1, frozenset({5, 6}), 0.0, "Germany"),
    Country("NL", 1, frozenset({5, 6}), 0.0, "Netherlands"),
    Country("FR", 1, frozenset({5, 6}), 0.0, "France"),
    Country("GB", 0, frozenset({5, 6}), 0.0, "United Kingdom"),
]}

# holidays and special days in and around the window: (country or "*", date) -> (kind, factor)
# factor multiplies work activity; consumer/commerce personas read the kind
SPECIAL_DAYS: dict[tuple[str, _dt.date], str] = {
    ("*", _dt.date(2026, 11, 26)): "thanksgiving_us",
    ("TR", _dt.date(2026, 11, 27)): "efsane_cuma",
    ("AE", _dt.date(2026, 11, 27)): "white_friday",
    ("SA", _dt.date(2026, 11, 27)): "white_friday",
    ("EG", _dt.date(2026, 11, 27)): "white_friday",
    ("*", _dt.date(2026, 11, 29)): "advent_1",
    ("PL", _dt.date(2026, 11, 29)): "andrzejki",
    ("*", _dt.date(2026, 11, 30)): "cyber_monday",
    ("AE", _dt.date(2026, 12, 2)): "holiday",  # Eid Al Etihad (National Day)
    ("AE", _dt.date(2026, 12, 3)): "holiday",
    ("PL", _dt.date(2026, 12, 6)): "mikolajki",
    ("UA", _dt.date(2026, 12, 6)): "armed_forces_day",
    ("UZ", _dt.date(2026, 12, 8)): "holiday",  # Constitution Day
    ("KZ", _dt.date(2026, 12, 16)): "holiday",  # Independence Day
    ("KZ", _dt.date(2026, 12, 17)): "holiday",
}

# one upstream incident (the model provider overloaded on Saturday evening, Istanbul peak) and one
# gateway replica restart that re-recorded a slice of its write-ahead log
INCIDENT = (T0 + 2 * DAY + 19.6 * 3600, T0 + 2 * DAY + 20.35 * 3600)  # Sat 28 Nov 19:36-20:21 TRT
REPLAY_WINDOW = (T0 + 4 * DAY + 3.2 * 3600, T0 + 4 * DAY + 3.5 * 3600)  # Mon 30 Nov 03:12-03:30 TRT


def local_date(day: int) -> _dt.date:
    return START_DATE + _dt.timedelta(days=day)


def special(country: str, day: int) -> str | None:
    d = local_date(day)
    return SPECIAL_DAYS.get((country, d)) or SPECIAL_DAYS.get(("*", d))


def is_weekend(country: str, day: int) -> bool:
    return local_date(day).weekday() in COUNTRIES[country].weekend


def is_day_off(country: str, day: int) -> bool:
    return is_weekend(country, day) or special(country, day) == "holiday"


def local_midnight(country: str, day: int) -> float:
    """Unix time of local midnight of window day `day` in `country`."""
    return UTC_MIDNIGHT0 + day * DAY - COUNTRIES[country].offset * 3600


# hour-of-day shapes, local time (24 weights)
HOURS: dict[str, list[float]] = {
    # consumers: a morning bump, lunch, a long evening peak
    "evening": [2, 1, .6, .3, .2, .3, .8, 2, 3, 3.5, 4, 4, 4.5, 4, 4, 4, 4.2, 4.6, 5, 6, 6.6, 6.4, 5, 3.4],
    # students: late risers, late nights (exam week)
    "student": [4.5, 3, 1.6, .8, .3, .2, .3, .6, 1.5, 2.6, 3.4, 3.8, 3.6, 3.9, 4.2, 4.4, 4.5, 4.6, 4.9, 5.5,
                6.2, 6.8, 6.9, 6],
    # office hours with a lunch dip
    "office": [.2, .1, .1, .1, .1, .2, .5, 1.5, 4, 7, 8, 8, 5, 6.5, 8, 8, 7.5, 6, 3, 1.6, 1.2, 1, .7, .4],
    # developers: late morning, afternoon, another round after dinner
    "dev": [1.6, .9, .5, .3, .2, .2, .3, .7, 1.6, 3.5, 5.2, 5.8, 4.6, 5, 6, 6.2, 6, 5.3, 4, 3.6, 4.2, 4.4, 3.6,
            2.6],
    # machines
    "flat": [1] * 24,
    "night_batch": [3, 6, 8, 8, 6, 3, 1, .4, .2, .2, .2, .2, .2, .2, .2, .2, .2, .2, .2, .2, .3, .5, 1, 2],
}


def hour_cdf(shape: str, drop_friday_noon: float = 0.0) -> list[float]:
    w = list(HOURS[shape])
    if drop_friday_noon:
        w[12] *= 1 - drop_friday_noon
        w[13] *= 1 - drop_friday_noon * 0.6
    total = sum(w)
    acc, out = 0.0, []
    for x in w:
        acc += x / total
        out.append(acc)
    out[-1] = 1.0
    return out


# ---------------------------------------------------------------------------------------------
# address space
# ---------------------------------------------------------------------------------------------


@dataclass
class Pool:
    """Addresses of one kind of network; `hosts` bounds how many distinct addresses it shows."""

    name: str
    kind: str  # mobile | broadband | campus | coworking | corp | cloud | vpn | dc | cafe | office | relay | venue
    country: str
    cidrs: list[str]
    hosts: int = 0  # 0 = every address of the ranges; else addresses drawn from that many
    v6: str | None = None  # a /32 prefix for IPv6 customers of this network
    _spans: list[tuple[int, int]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        for c in self.cidrs:
            n = ip_network(c)
            first, size = int(n.network_address), n.num_addresses
            if size > 2:
                first, size = first + 1, size - 2
            self._spans.append((first, size))
        self._total = sum(s for _, s in self._spans)

    def addr(self, rng) -> str:
        k = rng.randrange(self.hosts) * 7919 % self._total if self.hosts else rng.randrange(self._total)
        for first, size in self._spans:
            if k < size:
                v = first + k
                return f"{v >> 24}.{(v >> 16) & 255}.{(v >> 8) & 255}.{v & 255}"
            k -= size
        raise AssertionError

    def addr6(self, rng, stable: int | None = None) -> str:
        """A customer /64 (stable per household) and a privacy interface id (rotates)."""
        assert self.v6
        h = stable if stable is not None else rng.getrandbits(32)
        return (f"{self.v6}:{(h >> 16) & 0xffff:x}:{h & 0xffff:x}:{rng.getrandbits(16):x}:"
                f"{rng.getrandbits(16):x}:{rng.getrandbits(16):x}:{rng.getrandbits(16):x}")


def _pools() -> dict[str, Pool]:
    p = [
        # --- Turkey: three mobile operators behind CGNAT (a few thousand public addresses each),
        # three fixed-line ISPs (one address per home, reassigned now and then)
        Pool("tr_mobile_a", "mobile", "TR", ["176.232.0.0/16", "188.119.0.0/17"], hosts=2600, v6="2a02:4e0"),
        Pool("tr_mobile_b", "mobile", "TR", ["31.142.0.0/16"], hosts=1800),
        Pool("tr_mobile_c", "mobile", "TR", ["46.196.0.0/16", "85.106.0.0/17"], hosts=1500),
        Pool("tr_fixed_a", "broadband", "TR", ["78.180.0.0/14"], v6="2a01:c22"),
        Pool("tr_fixed_b", "broadband", "TR", ["88.236.0.0/15", "94.54.0.0/16"]),
        Pool("tr_fixed_c", "broadband", "TR", ["212.156.0.0/16", "176.40.0.0/15"]),
        # --- Caucasus and Central Asia
        Pool("ge_mobile", "mobile", "GE", ["188.129.128.0/17"], hosts=700),
        Pool("ge_fixed", "broadband", "GE", ["92.54.192.0/18", "31.146.0.0/16"]),
        Pool("am_mobile", "mobile", "AM", ["37.252.64.0/18"], hosts=500),
        Pool("am_fixed", "broadband", "AM", ["46.70.0.0/16"]),
        Pool("az_mobile", "mobile", "AZ", ["5.191.0.0/16"], hosts=800),
        Pool("az_fixed", "broadband", "AZ", ["85.132.0.0/17", "62.212.224.0/19"]),
        Pool("kz_mobile", "mobile", "KZ", ["5.76.0.0/15"], hosts=1400, v6="2a00:1ad8"),
        Pool("kz_fixed", "broadband", "KZ", ["2.132.0.0/15", "95.56.0.0/15"]),
        Pool("uz_mobile", "mobile", "UZ", ["84.54.64.0/18", "213.230.64.0/18"], hosts=1100),
        Pool("uz_fixed", "broadband", "UZ", ["82.215.96.0/19", "195.158.0.0/19"]),
        Pool("kg_mobile", "mobile", "KG", ["176.123.224.0/19"], hosts=400),
        Pool("kg_fixed", "broadband", "KG", ["212.112.96.0/19"]),
        # --- Gulf and Levant
        Pool("ae_mobile", "mobile", "AE", ["94.200.0.0/15"], hosts=1200, v6="2001:8f8"),
        Pool("ae_fixed", "broadband", "AE", ["86.96.0.0/14"]),
        Pool("sa_mobile", "mobile", "SA", ["51.36.0.0/15", "188.50.0.0/16"], hosts=1400),
        Pool("sa_fixed", "broadband", "SA", ["176.44.0.0/15"]),
        Pool("jo_mobile", "mobile", "JO", ["176.29.0.0/16"], hosts=400),
        Pool("jo_fixed", "broadband", "JO", ["92.253.0.0/17"]),
        Pool("eg_mobile", "mobile", "EG", ["156.192.0.0/13"], hosts=1500),
        Pool("eg_fixed", "broadband", "EG", ["41.232.0.0/14", "197.32.0.0/14"]),
        # --- Ukraine, Poland, Western Europe
        Pool("ua_mobile", "mobile", "UA", ["176.36.0.0/15"], hosts=900),
        Pool("ua_fixed", "broadband", "UA", ["93.72.0.0/14", "178.92.0.0/15"]),
        Pool("pl_mobile", "mobile", "PL", ["37.30.0.0/15"], hosts=900, v6="2a00:f41"),
        Pool("pl_fixed", "broadband", "PL", ["83.20.0.0/14"]),
        Pool("de_fixed", "broadband", "DE", ["91.40.0.0/13"], v6="2003:e6"),
        Pool("de_mobile", "mobile", "DE", ["80.187.96.0/19"], hosts=1200),
        Pool("nl_fixed", "broadband", "NL", ["77.160.0.0/13"]),
        Pool("fr_fixed", "broadband", "FR", ["90.0.0.0/13"]),
        Pool("gb_fixed", "broadband", "GB", ["86.128.0.0/12"]),
        # --- shared places
        Pool("cafe_istanbul_fatih", "cafe", "TR", ["78.186.44.17/32"]),
        Pool("cafe_istanbul_kadikoy", "cafe", "TR", ["88.247.12.90/32"]),
        Pool("cafe_tashkent_chilonzor", "cafe", "UZ", ["82.215.101.45/32"]),
        Pool("cafe_bishkek_center", "cafe", "KG", ["212.112.103.9/32"]),
        Pool("cafe_cairo_dokki", "cafe", "EG", ["41.233.18.201/32"]),
        # coworking floors (each a small NAT range; a rival sits on two of them)
        Pool("cowork_maslak", "coworking", "TR", ["213.14.140.32/27"]),  # Atolye Kat 9, Maslak
        Pool("cowork_dic", "coworking", "AE", ["217.165.40.64/26"]),  # Dune Works, Dubai Internet City
        Pool("techpark_esil", "coworking", "KZ", ["178.89.160.0/24"]),  # Esil Tech Park, Astana
        Pool("cowork_tbilisi", "coworking", "GE", ["188.93.88.16/28"]),  # Fabrika-style hub, Tbilisi
        Pool("cowork_warsaw", "coworking", "PL", ["185.11.120.32/28"]),
        # campuses
        Pool("campus_gtu", "campus", "TR", ["193.140.96.0/22"], hosts=48),  # Galata Teknik Universitesi
        Pool("campus_esil", "campus", "KZ", ["91.185.20.0/23"], hosts=32),  # Esil State University
        Pool("campus_inha_tashkent", "campus", "UZ", ["195.69.188.0/24"], hosts=16),
        Pool("campus_ada", "campus", "AZ", ["85.132.64.0/24"], hosts=16),
        # hackathon venue network (GTU's congress centre, Saturday-Sunday 28-29 Nov)
        Pool("venue_gtu_hack", "venue", "TR", ["193.140.99.192/27"], hosts=6),
        # corporate proxies / secure web gateways
        Pool("corp_anadolu_bank", "corp", "TR", ["212.174.160.0/28"]),
        Pool("corp_bosphorus_telecom", "corp", "TR", ["195.175.38.0/27"]),
        Pool("corp_steppe_energy", "corp", "KZ", ["92.46.118.0/28"]),
        Pool("corp_gulf_logistics", "corp", "AE", ["83.110.250.0/28"]),
        Pool("corp_kyiv_retail", "corp", "UA", ["194.44.120.0/28"]),
        Pool("corp_zscaler_fra", "corp", "DE", ["165.225.72.0/24"]),  # a cloud SWG many firms share
        # clouds and hosting
        Pool("cloud_yildiz", "cloud", "TR", ["185.122.200.0/22"]),  # Yildiz Bulut NAT egress pool
        Pool("cloud_fra", "cloud", "DE", ["3.120.0.0/14"]),  # hyperscaler eu-central egress
        Pool("cloud_uae", "cloud", "AE", ["3.28.0.0/15"]),  # hyperscaler me-central egress
        Pool("ci_runners", "cloud", "DE", ["20.52.0.0/16", "4.208.0.0/15"]),  # hosted CI runners
        Pool("vps_hetz", "dc", "DE", ["95.216.0.0/16", "65.108.0.0/16"]),
        Pool("vps_ams", "dc", "NL", ["164.92.128.0/17", "188.166.0.0/17"]),
        Pool("vps_ist", "dc", "TR", ["45.143.96.0/22"]),
        Pool("vps_almaty", "dc", "KZ", ["185.22.64.0/22"]),
        # commercial VPN exits (many strangers per address)
        Pool("vpn_fra", "vpn", "DE", ["185.195.232.0/24"], hosts=60),
        Pool("vpn_ams", "vpn", "NL", ["37.120.196.0/24"], hosts=60),
        Pool("vpn_dxb", "vpn", "AE", ["146.70.46.0/24"], hosts=30),
        Pool("vpn_ist", "vpn", "TR", ["185.246.208.0/24"], hosts=40),
        # rivals' own offices and clusters (exclusive)
        Pool("office_derinsu_ankara", "office", "TR", ["212.175.96.48/28"]),
        Pool("office_khazar_baku", "office", "AZ", ["85.132.31.16/28"]),
        Pool("dc_altyn", "office", "KZ", ["185.48.148.0/28"]),
        Pool("dc_simurgh", "office", "AE", ["185.93.244.8/29"]),
        # other organizations' offices
        Pool("office_generic_tr", "office", "TR", ["81.214.0.0/16"], hosts=900),
        Pool("office_generic_kz", "office", "KZ", ["89.218.0.0/16"], hosts=300),
        Pool("office_generic_ae", "office", "AE", ["213.42.0.0/16"], hosts=300),
        Pool("office_generic_eu", "office", "DE", ["62.153.0.0/16"], hosts=300),
        Pool("office_veri_izmir", "office", "TR", ["88.250.174.64/28"]),  # a labelling vendor
        Pool("office_tengri_bishkek", "office", "KG", ["212.112.118.32/28"]),  # an annotation vendor
        # platforms' relay egress
        Pool("relay_kalem", "relay", "DE", ["3.121.44.0/26"]),
        Pool("relay_yazici", "relay", "TR", ["185.122.203.64/27"]),  # inside Yildiz Bulut's pool
        Pool("relay_tercuman", "relay", "NL", ["164.92.190.0/26"]),
        Pool("relay_agentforge", "relay", "DE", ["3.122.10.0/25"]),
    ]
    return {x.name: x for x in p}


POOLS = _pools()

HOME_POOLS = {  # country -> (fixed pools, mobile pools)
    "TR": (["tr_fixed_a", "tr_fixed_b", "tr_fixed_c"], ["tr_mobile_a", "tr_mobile_b", "tr_mobile_c"]),
    "GE": (["ge_fixed"], ["ge_mobile"]), "AM": (["am_fixed"], ["am_mobile"]),
    "AZ": (["az_fixed"], ["az_mobile"]), "KZ": (["kz_fixed"], ["kz_mobile"]),
    "UZ": (["uz_fixed"], ["uz_mobile"]), "KG": (["kg_fixed"], ["kg_mobile"]),
    "AE": (["ae_fixed"], ["ae_mobile"]), "SA": (["sa_fixed"], ["sa_mobile"]),
    "JO": (["jo_fixed"], ["jo_mobile"]), "EG": (["eg_fixed"], ["eg_mobile"]),
    "UA": (["ua_fixed"], ["ua_mobile"]), "PL": (["pl_fixed"], ["pl_mobile"]),
    "DE": (["de_fixed"], ["de_mobile"]), "NL": (["nl_fixed"], ["de_mobile"]),
    "FR": (["fr_fixed"], ["de_mobile"]), "GB": (["gb_fixed"], ["de_mobile"]),
    "IR": (["vpn_fra", "vpn_ams", "vpn_ist"], ["vpn_dxb", "vpn_fra"]),  # reached only through VPNs
}

# residential proxy networks sell exits on exactly these consumer ranges
RESIDENTIAL = ["tr_fixed_a", "tr_fixed_b", "tr_fixed_c", "tr_mobile_a", "tr_mobile_b", "kz_fixed", "kz_mobile",
               "uz_mobile", "ua_fixed", "pl_fixed", "eg_fixed", "ge_fixed", "az_mobile"]

# ---------------------------------------------------------------------------------------------
# user agents (late 2026)
# ---------------------------------------------------------------------------------------------

ANDROID_PHONES = ["SM-A556B", "SM-A356E", "SM-S931B", "SM-A165F", "Redmi Note 14 Pro", "23129RAA4G", "CPH2591",
                  "V2352", "RMX3834", "Pixel 9a", "TECNO KL8", "Infinix X6853", "SM-A266B", "2406APNFAG"]
IPHONES = ["iPhone16,2", "iPhone17,1", "iPhone15,4", "iPhone14,7", "iPhone17,3", "iPhone18,2"]


def app_ua(rng, platform: str | None = None, new: bool = False) -> str:
    """The provider's own apps; 5.9.0 rolls out from Monday 30 November."""
    ver = "5.9.0" if new else rng.choice(["5.8.2", "5.8.2", "5.8.1", "5.7.4"])
    kind = platform or rng.choice(["android", "android", "ios", "desktop"])
    if kind == "android":
        return f"LodosApp/{ver} (Android {rng.choice(['15', '16', '16', '14', '13'])}; {rng.choice(ANDROID_PHONES)})"
    if kind == "ios":
        return f"LodosApp/{ver} (iOS {rng.choice(['27.1', '27.1', '27.0.1', '26.6'])}; {rng.choice(IPHONES)})"
    osname = rng.choice(['Windows 11', 'Windows 10', 'macOS 16.1'])
    return f"LodosDesktop/{rng.choice(['3.2.0', '3.2.0', '3.1.4'])} ({osname})"


def browser_ua(rng, yandex: float = 0.0) -> str:
    r = rng.random()
    chrome = rng.choice(["154.0.0.0", "155.0.0.0", "154.0.0.0", "153.0.0.0"])
    if r < yandex:
        return ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                f"Chrome/{chrome} YaBrowser/26.10.2.{rng.randrange(600, 900)} Yowser/2.5 Safari/537.36")
    r = rng.random()
    if r < 0.38:
        return (f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{chrome} "
                "Safari/537.36")
    if r < 0.6:
        return (f"Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{chrome} "
                "Mobile Safari/537.36")
    if r < 0.76:
        return ("Mozilla/5.0 (iPhone; CPU iPhone OS 19_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                "Version/27.1 Mobile/15E148 Safari/604.1")
    if r < 0.86:
        return ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                "Version/27.1 Safari/605.1.15")
    if r < 0.91:
        return ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:157.0) Gecko/20100101 Firefox/157.0")
    if r < 0.96:
        return (f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{chrome} "
                f"Safari/537.36 OPR/{rng.choice(['124.0.0.0', '125.0.0.0'])}")
    return (f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{chrome} "
            f"Safari/537.36 Edg/{chrome}")


SDK_UAS = {
    "openai_py": ["OpenAI/Python 2.14.0", "OpenAI/Python 2.11.3", "OpenAI/Python 1.109.1", "AsyncOpenAI/Python 2.14.0"],
    "anthropic_py": ["Anthropic/Python 0.84.0", "Anthropic/Python 0.79.2", "AsyncAnthropic/Python 0.84.0"],
    "openai_js": ["OpenAI/JS 6.9.1", "OpenAI/JS 5.23.2"],
    "anthropic_js": ["Anthropic/JS 0.71.0"],
    "requests": ["python-requests/2.32.5", "python-requests/2.32.3"],
    "httpx": ["python-httpx/0.28.1"],
    "aiohttp": ["Python/3.12 aiohttp/3.12.15", "Python/3.11 aiohttp/3.10.11"],
    "curl": ["curl/8.5.0", "curl/8.11.1", "curl/7.81.0"],
    "go": ["Go-http-client/2.0", "Go-http-client/1.1"],
    "okhttp": ["okhttp/4.12.0"],
    "dart": ["Dart/3.9 (dart:io)", "Dart/3.8 (dart:io)"],
    "axios": ["axios/1.12.2", "axios/1.7.9"],
    "litellm": ["litellm/1.79.0"],
    "postman": ["PostmanRuntime/7.49.1"],
    "onec": ["1C+Enterprise/8.3"],
    "cli": ["lodos-cli/2.4.1 (darwin; arm64)", "lodos-cli/2.4.1 (linux; x64)", "lodos-cli/2.3.9 (win32; x64)"],
}


def sdk_ua(rng, kind: str) -> str:
    return rng.choice(SDK_UAS[kind])


# ---------------------------------------------------------------------------------------------
# models and plans
# ---------------------------------------------------------------------------------------------

MODELS = {
    # name: (input $/Mtok, output $/Mtok, tier)
    "imbat-3-flash": (0.15, 0.6, "free"),
    "lodos-3-mini": (0.4, 1.6, "free"),
    "lodos-3": (3.0, 15.0, "paid"),
    "lodos-3-2026-09-30": (3.0, 15.0, "paid"),
    "poyraz-3": (6.0, 30.0, "paid"),  # the reasoning flagship
    "poyraz-3-2026-10-21": (6.0, 30.0, "paid"),
}

# consumer caps are messages per rolling 5-hour window (and a daily cap on free); API caps are RPM
PLANS = {
    "free": {"window": 25, "daily": 60, "rpm": 10},
    "pro": {"window": 120, "daily": 0, "rpm": 30},
    "max": {"window": 600, "daily": 0, "rpm": 60},
    "team": {"window": 180, "daily": 0, "rpm": 60},
    "api": {"window": 0, "daily": 0, "rpm": 50},  # tier 1; tier 2 = 500, tier 3 = 2000 (per account)
    "enterprise": {"window": 0, "daily": 0, "rpm": 4000},
}
TRIAL_CREDIT_USD = 5.0

# ---------------------------------------------------------------------------------------------
# organizations
# ---------------------------------------------------------------------------------------------


@dataclass
class Org:
    org_id: str
    name: str
    restricted: bool = False
    domains: list[str] = field(default_factory=list)
    ip_ranges: list[str] = field(default_factory=list)
    payment_fingerprints: list[str] = field(default_factory=list)
    sso_tenants: list[str] = field(default_factory=list)
    listed: bool = True  # appears in entities.jsonl
    note: str = ""

    def entity(self) -> dict:
        return {"org_id": self.org_id, "name": self.name, "restricted": self.restricted,
                "domains": self.domains, "ip_ranges": self.ip_ranges,
                "payment_fingerprints": self.payment_fingerprints, "sso_tenants": self.sso_tenants}


def card(tag: str) -> str:
    """An opaque payment fingerprint, stable for a named instrument."""
    h = 1469598103934665603
    for ch in tag.encode():
        h = ((h ^ ch) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return f"pf_{h:016x}"


def _orgs() -> dict[str, Org]:
    o = [
        # ---------------- restricted rival labs
        Org("derinsu", "Derinsu Yapay Zeka A.S.", True,
            ["derinsu.ai", "derinsu.com.tr", "derinsu-labs.eu"],
            ["212.175.96.48/28", "213.14.140.32/27", "185.122.200.0/22"],
            [card("derinsu-corp-amex"), card("derinsu-corp-visa-2"), card("derinsu-labs-eu-card")],
            ["derinsu.okta.com", "derinsulabs.onmicrosoft.com"],
            note="Ankara HQ; an Istanbul team on the Atolye Kat 9 coworking floor in Maslak; runs on Yildiz "
                 "Bulut (lists the cloud's whole NAT pool); subsidiary Derinsu Labs Europe B.V. (Amsterdam); "
                 "labelling contractor Verikopru Etiketleme (Izmir, not in the directory)"),
        Org("simurgh", "Simurgh Research Ltd", True,
            ["simurgh.ae", "simurgh-research.com", "qafcompute.ae"],
            ["217.165.40.64/26", "185.195.232.0/24", "185.93.244.8/29"],
            [card("simurgh-corp-1"), card("qaf-compute-corp")],
            ["simurgh-research.okta.com"],
            note="Dubai; desks on the Dune Works floor in Dubai Internet City; staff use a commercial VPN "
                 "whose Frankfurt exit it lists; subsidiary Qaf Compute FZ-LLC"),
        Org("altyn", "Altyn Systems JSC", True,
            ["altyn.ai", "altynsystems.kz"],
            ["178.89.160.0/24", "91.185.20.0/23", "3.120.0.0/14", "185.48.148.0/28"],
            [card("altyn-corp-kaspi"), card("altyn-corp-halyk")],
            ["altyn.ai"],
            note="Astana; sits in Esil Tech Park, runs a joint lab on Esil State University's campus network; "
                 "lists a hyperscaler's Frankfurt egress; annotation contractor Tengri Annotation (Bishkek, "
                 "not in the directory)"),
        Org("khazar", "Khazar Intelligence LLC", True,
            ["khazar.ai", "khazarintel.az"],
            ["85.132.31.16/28", "5.191.0.0/16"],
            [card("khazar-corp-1")],
            [],
            note="Baku; listed its staff's mobile operator range by mistake"),
        # ---------------- namesakes (not restricted)
        Org("derinsu-dalis", "Derinsu Dalis Merkezi (Kas)", False, ["derinsudalis.com"], [], [], []),
        Org("derinsu-su-urunleri", "Derinsu Su Urunleri Ltd. Sti.", False, ["derinsu.com"], [], [], [],
            listed=False),
        Org("simurgh-travel", "Simurgh Travel Agency", False, ["simurghtravel.com.tr"], [], [], []),
        Org("simorgh-carpets", "Simorgh Carpets Ltd", False, ["simorghcarpets.co.uk"], [], [], [], listed=False),
        Org("altyn-eng", "Altyn Systems Engineering LLP", False, ["altynsys.kz"], [], [], []),
        Org("altyn-dala", "Altyn Dala Agro", False, ["altyndala.kz"], [], [], [], listed=False),
        Org("khazar-caviar", "Khazar Caviar Trading", False, ["khazarcaviar.az"], [], [], []),
        # ---------------- customers and infrastructure
        Org("anadolu-bank", "Anadolu Yatirim Bankasi", False, ["anadoluyatirim.com.tr"], ["212.174.160.0/28"],
            [card("invoice-anadolu")], ["anadoluyatirim.onmicrosoft.com"]),
        Org("bosphorus-telecom", "Bosphorus Telekom", False, ["bosphorustel.com.tr"], ["195.175.38.0/27"],
            [card("invoice-bosphorus")], ["bosphorustel.okta.com"]),
        Org("steppe-energy", "Steppe Energy JSC", False, ["steppe-energy.kz"], ["92.46.118.0/28"],
            [card("invoice-steppe")], ["steppe-energy.kz"]),
        Org("gulf-logistics", "Gulf Crescent Logistics", False, ["gclogistics.ae"], ["83.110.250.0/28"],
            [card("invoice-gcl")], ["gclogistics.onmicrosoft.com"]),
        Org("kyiv-retail", "Kashtan Retail Group", False, ["kashtan.ua"], ["194.44.120.0/28"], [], ["kashtan.ua"]),
        Org("kalem", "Kalem IDE", False, ["kalem.dev"], ["3.121.44.0/26"], [card("invoice-kalem")], []),
        Org("yazici", "Yazici (writing assistant for SMEs)", False, ["yazici.app"], ["185.122.203.64/27"], [],
            []),
        Org("tercuman", "Tercuman Cloud", False, ["tercuman.cloud"], ["164.92.190.0/26"], [], []),
        Org("agentforge", "AgentForge", False, ["agentforge.io"], ["3.122.10.0/25"], [], []),
        Org("gtu", "Galata Teknik Universitesi", False, ["gtu.edu.tr", "ogr.gtu.edu.tr"], ["193.140.96.0/22"], [],
            ["gtu.edu.tr"]),
        Org("esil-uni", "Esil State University", False, ["esu.edu.kz"], ["91.185.20.0/23"], [], []),
        Org("atolye", "Atolye Kat 9 Coworking", False, ["atolyekat9.com"], ["213.14.140.32/27"], [], []),
        Org("esil-techpark", "Esil Tech Park", False, ["esiltech.kz"], ["178.89.160.0/24"], [], []),
        Org("yildiz-bulut", "Yildiz Bulut", False, ["yildizbulut.com.tr"], ["185.122.200.0/22"], [], []),
        Org("inha-tashkent", "Tashkent IT University", False, ["tiu.uz"], ["195.69.188.0/24"], [], []),
    ]
    return {x.org_id: x for x in o}


ORGS = _orgs()
RIVALS = ["derinsu", "simurgh", "altyn", "khazar"]

# What the gateway itself enforced during the week (its policy, not detection): accounts that
# declared a restricted organization, verified an email on a rival's primary domain or signed in
# through a rival's SSO tenant, and platform requests whose signed end-user organization is a
# rival's primary domain. Subsidiary domains and tenants were added to the directory at the end
# of the week, after an investigation.
ENFORCED_DOMAINS = {"derinsu.ai", "derinsu.com.tr", "simurgh.ae", "simurgh-research.com", "altyn.ai",
                    "altynsystems.kz", "khazar.ai", "khazarintel.az"}
ENFORCED_TENANTS = {"derinsu.okta.com", "simurgh-research.okta.com", "altyn.ai"}

RIVAL_HOME = {  # where each rival's people live and work
    "derinsu": {"country": "TR", "office": "office_derinsu_ankara", "shared": ["cowork_maslak", "cloud_yildiz"],
                "sub_domain": "derinsu-labs.eu", "sub_tenant": "derinsulabs.onmicrosoft.com",
                "sub_country": "NL", "domain": "derinsu.com.tr", "tenant": "derinsu.okta.com",
                "cards": [card("derinsu-corp-amex"), card("derinsu-corp-visa-2")],
                "sub_card": card("derinsu-labs-eu-card"), "lang": "tr", "model": "DerinLM"},
    "simurgh": {"country": "AE", "office": "dc_simurgh", "shared": ["cowork_dic", "vpn_fra"],
                "sub_domain": "qafcompute.ae", "sub_tenant": None, "sub_country": "AE",
                "domain": "simurgh.ae", "tenant": "simurgh-research.okta.com",
                "cards": [card("simurgh-corp-1")], "sub_card": card("qaf-compute-corp"), "lang": "en",
                "model": "Simurgh-R"},
    "altyn": {"country": "KZ", "office": "dc_altyn", "shared": ["techpark_esil", "campus_esil", "cloud_fra"],
              "sub_domain": None, "sub_tenant": None, "sub_country": "KG", "domain": "altyn.ai",
              "tenant": "altyn.ai", "cards": [card("altyn-corp-kaspi"), card("altyn-corp-halyk")],
              "sub_card": None, "lang": "ru", "model": "AltynLM"},
    "khazar": {"country": "AZ", "office": "office_khazar_baku", "shared": ["az_mobile"],
               "sub_domain": None, "sub_tenant": None, "sub_country": "AZ", "domain": "khazar.ai",
               "tenant": None, "cards": [card("khazar-corp-1")], "sub_card": None, "lang": "az",
               "model": "Xazar-7B"},
}

PLATFORMS = {
    # name -> (org, relay pool, system prompt, user agent)
    "Kalem IDE": ("kalem", "relay_kalem", "You are Kalem, an AI pair programmer inside the Kalem IDE. Follow the "
                  "user's project conventions. Answer with code blocks and short explanations.",
                  "kalem-relay/3.4.0 (+https://kalem.dev)"),
    "Yazici": ("yazici", "relay_yazici", "Sen Yazici'sin: KOBI'ler icin yazi asistani. Kisa, net ve kibar yaz; "
               "kullanicinin dilinde cevap ver.", "yazici-backend/2.1 (node 22)"),
    "Tercuman Cloud": ("tercuman", "relay_tercuman", "You are a professional translator for software "
                       "localisation. Keep placeholders like {name} and %s unchanged. Output only the translation.",
                       "tercuman-worker/1.18.2 python-httpx/0.28.1"),
    "AgentForge": ("agentforge", "relay_agentforge", "You are an autonomous agent running inside AgentForge. Use "
                   "the provided tools. Think before acting. Report the final answer in <answer> tags.",
                   "agentforge-runtime/0.31.0"),
}

EMAIL_PERSONAL = {
    "TR": ["gmail.com"] * 8 + ["hotmail.com"] * 3 + ["outlook.com", "yandex.com", "icloud.com", "windowslive.com"],
    "KZ": ["mail.ru"] * 4 + ["gmail.com"] * 5 + ["yandex.kz", "inbox.ru", "list.ru"],
    "UZ": ["gmail.com"] * 6 + ["mail.ru"] * 3 + ["yandex.ru", "umail.uz"],
    "KG": ["gmail.com"] * 4 + ["mail.ru"] * 3 + ["yandex.ru"],
    "AZ": ["gmail.com"] * 6 + ["mail.ru"] * 2 + ["box.az", "yahoo.com"],
    "GE": ["gmail.com"] * 8 + ["yahoo.com", "mail.ru"],
    "AM": ["gmail.com"] * 7 + ["mail.ru"] * 2 + ["yandex.ru"],
    "AE": ["gmail.com"] * 6 + ["outlook.com", "hotmail.com", "icloud.com", "yahoo.com"],
    "SA": ["gmail.com"] * 6 + ["hotmail.com"] * 3 + ["outlook.sa", "icloud.com"],
    "JO": ["gmail.com"] * 6 + ["hotmail.com", "yahoo.com"],
    "EG": ["gmail.com"] * 8 + ["yahoo.com"] * 2 + ["hotmail.com"],
    "IR": ["gmail.com"] * 6 + ["yahoo.com", "proton.me", "outlook.com"],
    "UA": ["gmail.com"] * 6 + ["ukr.net"] * 3 + ["i.ua", "meta.ua"],
    "PL": ["gmail.com"] * 5 + ["wp.pl"] * 2 + ["o2.pl", "interia.pl", "onet.pl"],
    "DE": ["gmail.com"] * 4 + ["gmx.de"] * 2 + ["web.de"] * 2 + ["t-online.de", "posteo.de"],
    "NL": ["gmail.com"] * 4 + ["hotmail.nl", "ziggo.nl", "outlook.com"],
    "FR": ["gmail.com"] * 4 + ["orange.fr", "free.fr", "hotmail.fr"],
    "GB": ["gmail.com"] * 4 + ["outlook.com", "btinternet.com", "icloud.com"],
}
