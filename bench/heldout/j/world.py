"""The world of set J: Myna AI, a Bengaluru model API serving South Asia.

Clock and calendar, time zones, hour-of-day profiles, the address space as a gateway in India sees
it (mobile IPv6, carrier CGNAT, fibre homes, neighbourhood cable NAT, Zscaler egress, cloud NAT,
VPN exits, campus NKN blocks, coworking floors, VPS, CI runners, platform relays, residential and
4G-dongle proxies), people (names, e-mails, devices) and the provider's directory of organizations.
"""

from __future__ import annotations

import ipaddress
import math
import random

# Monday 2027-01-25 00:00 IST. The week holds Republic Day (Tuesday 26 January, a national holiday)
# and falls inside JEE Main session 1.
START = 1800815400
DAY = 86400.0
IST = 5.5

TZ = {"IN": 5.5, "LK": 5.5, "NP": 5.75, "BD": 6.0, "AE": 4.0, "SG": 8.0, "US": -5.0, "GB": 0.0}

MASK = (1 << 64) - 1


def mix(*xs: int) -> int:
    """splitmix64 over a few integers: a stateless, stable hash (addresses that depend on time)."""
    z = 0x9E3779B97F4A7C15
    for x in xs:
        z = (z + (x & MASK) + 0x9E3779B97F4A7C15) & MASK
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        z ^= z >> 31
    return z


def poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))
    k, p, t = 0, 1.0, math.exp(-lam)
    while True:
        p *= rng.random()
        if p <= t:
            return k
        k += 1


def lognorm(rng: random.Random, median: float, sigma: float = 0.5) -> float:
    return median * math.exp(rng.gauss(0.0, sigma))


# ---------------------------------------------------------------- calendar

def day_kind(country: str, d: int) -> str:
    """weekday | sat | sun | holiday for local day d (0 = Monday 25 January)."""
    if country == "IN" and d == 1:
        return "holiday"          # Republic Day
    wd = d % 7
    return "sat" if wd == 5 else "sun" if wd == 6 else "weekday"


def local_midnight(d: int, tz: float) -> float:
    return START + d * DAY + (IST - tz) * 3600.0


def _p(*pairs: tuple[int, float]) -> list[float]:
    w = [0.0] * 24
    for h, v in pairs:
        w[h] = v
    return w


PROFILES: dict[str, list[float]] = {
    # Indian consumers: a late-morning bump, a lull after lunch, a long evening that runs past midnight
    "consumer": [3, 1.5, .8, .4, .3, .4, 1, 2, 3.5, 4, 4, 4, 4.5, 4, 3.5, 3.5, 4, 4.5, 5, 6, 7.5, 8.5, 8, 6],
    # students: afternoons after coaching / college and very late nights
    "student": [7, 5, 3, 1.2, .4, .3, .5, 1, 2, 2.5, 2.5, 3, 3, 3.5, 4, 5, 5.5, 5, 4.5, 5, 6, 7.5, 8.5, 8.5],
    # Indian IT office: starts ~10, lunch 13-14, runs to 19-20, a tail of calls with US teams
    "office": [.2, .1, 0, 0, 0, 0, .1, .3, 1, 3, 7, 8, 8, 4.5, 6.5, 8, 8, 7, 5.5, 3.5, 2, 1.5, 1, .5],
    # developers: late start, long day, late night
    "developer": [3, 2, .8, .3, .1, .1, .1, .3, .8, 2, 4, 6, 6, 4, 5.5, 6.5, 6.5, 6, 5, 4, 4, 4.5, 4.5, 4],
    # the BPO floor works US Eastern hours: 19:30 to 04:30 IST
    "night_shift": [8, 8, 7, 6, 3, .5, .1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, .2, .8, 4, 7, 8, 8, 8],
    "batch_night": [4, 8, 9, 9, 7, 3, .5, .1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, .5, 1.5],
    "flat": [1.0] * 24,
    # shops and D2C brands: 10:00 to 22:00
    "shop": [.6, .3, .2, .1, .1, .1, .3, 1, 2.5, 4, 5.5, 6, 6, 6, 5.5, 5.5, 6, 6, 6.5, 7, 7, 6, 4, 2],
    # newsroom: morning desk and a heavier evening desk for tomorrow's edition
    "newsroom": [1, .5, .2, .1, .1, .3, 1, 2.5, 4, 5, 5, 4.5, 4, 3.5, 4, 4.5, 5.5, 6.5, 7, 7, 6.5, 5, 3, 2],
    # a college timetable
    "college": [0, 0, 0, 0, 0, 0, 0, .3, 2, 6, 8, 8, 6, 3, 7, 7, 5, 1, 0, 0, 0, 0, 0, 0],
    # Singapore / Gulf office hours are handled by time zone; US hours for US-based callers
    "evening_only": [2, 1, .3, 0, 0, 0, 0, .5, 1, 1, 1, 1, 1, 1, 1, 1, 1.5, 2, 3.5, 6, 8, 8, 6, 3],
}

DAY_FACTORS: dict[str, dict[str, float]] = {
    "consumer": {"weekday": 1.0, "sat": 1.15, "sun": 1.25, "holiday": 1.3},
    "student": {"weekday": 1.0, "sat": 1.0, "sun": 1.1, "holiday": 1.1},
    "office": {"weekday": 1.0, "sat": 0.18, "sun": 0.08, "holiday": 0.1},
    "developer": {"weekday": 1.0, "sat": 0.45, "sun": 0.35, "holiday": 0.5},
    "night_shift": {"weekday": 1.0, "sat": 0.35, "sun": 0.0, "holiday": 1.0},   # US clients work on 26 Jan
    "batch_night": {"weekday": 1.0, "sat": 1.0, "sun": 1.0, "holiday": 1.0},
    "flat": {"weekday": 1.0, "sat": 1.0, "sun": 1.0, "holiday": 1.0},
    "shop": {"weekday": 1.0, "sat": 1.2, "sun": 1.3, "holiday": 1.4},
    "newsroom": {"weekday": 1.0, "sat": 0.9, "sun": 0.8, "holiday": 1.4},
    "college": {"weekday": 1.0, "sat": 0.5, "sun": 0.0, "holiday": 0.0},
    "evening_only": {"weekday": 1.0, "sat": 1.2, "sun": 1.2, "holiday": 1.2},
}

_CUM: dict[str, list[float]] = {}
for _k, _w in PROFILES.items():
    _acc, _c = 0.0, []
    for _x in _w:
        _acc += _x
        _c.append(_acc)
    _CUM[_k] = _c


def pick_hour(rng: random.Random, profile: str) -> int:
    c = _CUM[profile]
    x = rng.random() * c[-1]
    for h, v in enumerate(c):
        if x < v:
            return h
    return 23


def ts_in_day(rng: random.Random, d: int, tz: float, profile: str) -> float:
    return local_midnight(d, tz) + (pick_hour(rng, profile) + rng.random()) * 3600.0


def sessions(rng: random.Random, days: int, per_day: float, profile: str, country: str = "IN",
             tz: float | None = None, day_factor: dict[str, float] | None = None,
             active_days: set[int] | None = None) -> list[float]:
    """Start times of sittings over the recording: Poisson per local day, hours from the profile."""
    tz = TZ.get(country, IST) if tz is None else tz
    factors = day_factor or DAY_FACTORS.get(profile, DAY_FACTORS["flat"])
    out = []
    for d in range(days):
        if active_days is not None and d not in active_days:
            continue
        lam = per_day * factors[day_kind(country, d)]
        for _ in range(poisson(rng, lam)):
            out.append(ts_in_day(rng, d, tz, profile))
    out = [t for t in out if START <= t < START + days * DAY]
    out.sort()
    return out


def local_hour(ts: float, tz: float) -> float:
    return ((ts - START) / 3600.0 + tz - IST) % 24


# ---------------------------------------------------------------- addresses

class Block:
    """A CIDR (or several) with a cheap deterministic host pick."""

    def __init__(self, *cidrs: str):
        self.nets = [ipaddress.ip_network(c) for c in cidrs]
        self.cidrs = list(cidrs)

    def host(self, h: int) -> str:
        net = self.nets[h % len(self.nets)]
        n = net.num_addresses
        off = 1 + (h >> 8) % max(1, n - 2) if n > 4 else (h >> 8) % n
        return str(net.network_address + off)

    def rand(self, rng: random.Random) -> str:
        return self.host(rng.getrandbits(62))


class Pool:
    """A fixed set of public addresses shared by everyone behind it (CGNAT, proxy, cloud NAT)."""

    def __init__(self, rng: random.Random, size: int, *cidrs: str):
        b = Block(*cidrs)
        self.block = b
        self.addrs = sorted({b.rand(rng) for _ in range(size)})
        self.cidrs = b.cidrs

    def pick(self, h: int) -> str:
        return self.addrs[h % len(self.addrs)]

    def rand(self, rng: random.Random) -> str:
        return rng.choice(self.addrs)


# Home broadband per country: (isp, weight, v4 blocks, v6 /48-ish prefix template or None, lease days)
HOME_ISPS: dict[str, list[tuple[str, float, tuple[str, ...], str | None, tuple[float, float]]]] = {
    "IN": [
        ("jiofiber", 0.34, ("49.36.0.0/16", "49.37.0.0/16"), "2405:201", (0, 0)),         # v4 is CGNAT
        ("airtel_xstream", 0.26, ("122.171.0.0/16", "122.172.0.0/16", "122.167.0.0/16"), "2401:4900", (1, 8)),
        ("act", 0.16, ("49.207.0.0/16", "106.51.0.0/16", "183.82.0.0/16"), None, (2, 15)),
        ("bsnl_ftth", 0.08, ("117.192.0.0/13", "117.200.0.0/13"), None, (0.8, 1.2)),
        ("local_cable", 0.16, (), None, (0, 0)),                                           # neighbourhood NAT
    ],
    "LK": [("slt", 1.0, ("112.134.0.0/16", "175.157.0.0/16"), None, (1, 5))],
    "NP": [("worldlink", 1.0, ("27.34.0.0/17", "110.44.112.0/20"), None, (1, 6))],
    "BD": [("link3", 0.5, ("103.4.144.0/22", "202.84.32.0/20"), None, (2, 10)),
           ("bdcom", 0.5, ("27.147.128.0/17",), None, (2, 10))],
    "AE": [("etisalat", 1.0, ("94.200.0.0/16", "86.99.0.0/16"), "2001:8f8", (3, 20))],
    "SG": [("singtel", 0.6, ("116.14.0.0/16", "116.15.0.0/16"), "2406:3003", (5, 30)),
           ("starhub", 0.4, ("101.127.0.0/16",), None, (5, 30))],
    "US": [("comcast", 1.0, ("73.0.0.0/10",), "2601:4c0", (10, 40))],
    "GB": [("bt", 1.0, ("86.128.0.0/12",), "2a00:23c5", (10, 40))],
}

# Mobile carriers: (carrier, weight, share of requests over IPv6, v6 prefix root, CGNAT blocks)
MOBILE: dict[str, list[tuple[str, float, float, str | None, tuple[str, ...]]]] = {
    "IN": [("jio", 0.48, 0.88, "2409:40", ("49.32.0.0/14", "157.32.0.0/14")),
           ("airtel", 0.34, 0.62, "2401:4900:", ("106.192.0.0/13", "223.176.0.0/13")),
           ("vi", 0.15, 0.25, "2402:3a80:", ("42.104.0.0/14", "106.66.0.0/16")),
           ("bsnl", 0.03, 0.0, None, ("117.96.0.0/13",))],
    "LK": [("dialog", 1.0, 0.3, "2402:4000:", ("112.134.128.0/17", "175.157.128.0/17"))],
    "NP": [("ncell", 0.6, 0.0, None, ("27.34.128.0/17",)), ("ntc", 0.4, 0.2, "2400:1a00:", ("110.44.0.0/20",))],
    "BD": [("grameenphone", 0.7, 0.4, "2400:c600:", ("37.111.192.0/18",)), ("robi", 0.3, 0.1, None, ("103.230.104.0/22",))],
    "AE": [("du", 1.0, 0.5, "2a00:f28:", ("94.204.0.0/15",))],
    "SG": [("singtel_mobile", 1.0, 0.4, "2406:3003:", ("118.200.0.0/16",))],
    "US": [("tmobile", 1.0, 0.9, "2607:fb90:", ("172.56.0.0/16",))],
    "GB": [("ee", 1.0, 0.7, "2a01:4c8:", ("31.94.0.0/16",))],
}


class Places:
    """Every shared place in the world; built once per dataset from the seed."""

    def __init__(self, seed: int):
        r = random.Random(f"{seed}:places")
        # carrier CGNAT pools: a few hundred public addresses each, shared by every subscriber
        self.cgnat = {name: Pool(r, 420, *blocks) for c in MOBILE.values() for name, _, _, _, blocks in c}
        self.jiofiber_v4 = Pool(r, 300, "49.36.0.0/16", "49.37.0.0/16")
        # neighbourhood cable operators: each NATs a few hundred homes behind a /27
        self.cable = [Pool(r, 12, f"103.{r.randrange(16, 250)}.{r.randrange(0, 255)}.{32 * r.randrange(8)}/27")
                      for _ in range(40)]
        # corporate cloud proxy (Zscaler) egress nodes used by many unrelated enterprises
        self.zscaler_chn = Pool(r, 40, "165.225.122.0/24")
        self.zscaler_bom = Pool(r, 40, "165.225.104.0/24")
        self.zscaler_blr = Pool(r, 40, "165.225.106.0/24")
        # a PaaS's shared outbound NAT in AWS Mumbai: every tenant's app egresses from these
        self.deployd = Pool(r, 6, "13.235.114.0/26", "3.110.42.128/27")
        # commercial VPN exits (after 2022 most "India" exits moved to Singapore / virtual locations)
        self.vpn_sg = Block("89.187.162.0/24")
        self.vpn_bom = Block("103.108.117.0/24")
        self.vpn_dxb = Block("146.70.103.0/24")
        self.vpn_ams = Block("185.107.56.0/24")
        # offices (business fibre) and coworking floors
        self.offices = {
            "nilgiri-labs": Block("115.111.190.0/28"), "sahyadri-ai": Block("182.72.230.16/28"),
            "straits-ai": Block("203.116.45.0/28"), "nilgiri-tea": Block("117.239.48.96/28"),
            "sahyadri-motors": Block("59.95.12.128/28"), "straits-shipping": Block("115.249.66.32/28"),
            "kaveri-bank": Block("203.199.138.16/28"), "bluewave-bpo": Block("59.162.181.48/28"),
            "tagwise": Block("122.166.187.0/28"), "bhashantar": Block("49.249.19.64/28"),
            "dainik-samvad": Block("117.239.195.0/28"), "vidyarthi-academy": Block("182.73.105.80/28"),
            "parakh": Block("14.195.40.16/28"),
        }
        self.cowork = {
            "bhive-hsr": Block("49.249.44.32/28"), "wework-egl": Block("14.194.82.96/28"),
            "91sb-koramangala": Block("106.51.73.192/28"), "awfis-gurugram": Block("182.74.21.48/28"),
            "innov8-bkc": Block("115.112.64.16/28"), "wework-chennai": Block("14.143.98.0/28"),
        }
        # campuses egress through the National Knowledge Network
        self.campus = {
            "iisc": Block("14.139.128.0/26"), "iitm": Block("14.139.160.0/26"), "iitb": Block("14.139.97.0/26"),
            "iiith": Block("14.139.82.0/26"), "bits": Block("14.139.243.0/26"), "pes": Block("14.139.155.128/26"),
            "msrit": Block("14.139.158.64/26"), "anna": Block("14.139.183.0/26"), "rvce": Block("14.139.157.0/26"),
        }
        # a college's computer lab: one public address for the whole lab
        self.lab_nat = {"msrit": "14.139.158.70", "rvce": "14.139.157.21"}
        self.relays = {"devdeck": Pool(r, 10, "34.93.112.0/27"), "sutradhar": Pool(r, 8, "13.126.88.0/27"),
                       "padhai": Pool(r, 12, "65.0.93.0/27")}
        self.ci = {"github": Block("20.55.0.0/16", "20.102.0.0/16", "4.148.0.0/16", "52.225.0.0/16", "172.182.0.0/16"),
                   "gitlab": Block("34.74.0.0/16", "35.237.0.0/16", "34.148.0.0/16")}
        self.vps = {
            "do_blr": Block("139.59.0.0/17", "143.110.176.0/20", "64.227.128.0/18"),
            "linode_bom": Block("172.105.32.0/19", "194.195.112.0/20"),
            "hetzner": Block("65.108.0.0/16", "95.216.0.0/16", "135.181.0.0/16"),
            "ovh_sg": Block("51.79.128.0/17", "139.99.0.0/17"),
            "e2e": Block("164.52.192.0/18"),
            "vultr_blr": Block("139.84.128.0/18"),
            "aws_bom": Block("13.232.0.0/14", "3.6.0.0/15", "65.0.0.0/16", "43.204.0.0/15"),
            "oracle_hyd": Block("140.238.224.0/19"),
            "azure_cin": Block("20.193.128.0/17"),
            "gcp_bom": Block("34.93.0.0/16", "35.200.128.0/17"),
            "contabo_sg": Block("194.233.64.0/18"),
        }
        # marketplace data centre (E2E cloud, a dedicated /26)
        self.bazaarkart_dc = Pool(r, 10, "164.52.203.0/26")
        # residential proxy exit space (Indian home ISPs)
        self.residential = Block("49.207.0.0/16", "106.51.0.0/16", "122.171.0.0/16", "122.172.0.0/16",
                                 "183.82.0.0/16", "117.192.0.0/13", "171.76.0.0/14", "223.186.0.0/15")


class Home:
    """One household's line: a v4 that changes with its lease (or sits behind CGNAT/cable NAT) and,
    on some ISPs, a stable IPv6 /64 whose interface ids rotate daily (privacy extensions)."""

    def __init__(self, rng: random.Random, places: Places, country: str = "IN"):
        isps = HOME_ISPS.get(country, HOME_ISPS["IN"])
        x, acc = rng.random() * sum(i[1] for i in isps), 0.0
        for isp in isps:
            acc += isp[1]
            if x < acc:
                break
        self.isp, _, blocks, v6root, lease = isp
        self.country = country
        self.salt = rng.getrandbits(62)
        self.places = places
        self.block = Block(*blocks) if blocks else None
        self.cable = rng.choice(places.cable) if self.isp == "local_cable" else None
        self.lease = rng.uniform(*lease) * DAY if lease[1] else 0.0
        self.phase = rng.random() * max(self.lease, 1.0)
        self.v6 = f"{v6root}:{mix(self.salt, 1) & 0xffff:x}" if v6root else None
        self.v6_share = {"jiofiber": 0.85, "airtel_xstream": 0.55}.get(self.isp, 0.5 if self.v6 else 0.0)

    def ip(self, ts: float, device: int = 0, v6ok: bool = True) -> str:
        day = int((ts - START) // DAY) + 100
        h = mix(self.salt, day, device)
        if self.v6 and v6ok and (h % 1000) < self.v6_share * 1000:
            return v6_iface(self.v6, mix(self.salt, 7), mix(self.salt, device, day))
        if self.isp == "jiofiber":
            return self.places.jiofiber_v4.pick(mix(self.salt, int(ts // 3600)))
        if self.cable is not None:
            return self.cable.pick(mix(self.salt, int(ts // 1800)))
        idx = int((ts + self.phase) // self.lease) if self.lease else 0
        return self.block.host(mix(self.salt, idx, 3))


def v6_iface(prefix48: str, subnet: int, iid: int) -> str:
    return (f"{prefix48}:{subnet & 0xffff:x}:{(iid >> 48) & 0xffff:x}:{(iid >> 32) & 0xffff:x}:"
            f"{(iid >> 16) & 0xffff:x}:{iid & 0xffff:x}")


class Mobile:
    """A phone on a carrier: each attach (a few hours) brings a new IPv6 /64 or a CGNAT address."""

    def __init__(self, rng: random.Random, places: Places, country: str = "IN", carrier: str | None = None):
        cs = MOBILE.get(country, MOBILE["IN"])
        if carrier:
            c = next(c for c in cs if c[0] == carrier)
        else:
            x, acc = rng.random() * sum(c[1] for c in cs), 0.0
            for c in cs:
                acc += c[1]
                if x < acc:
                    break
        self.carrier, _, self.v6_share, self.v6root, _ = c
        self.pool = places.cgnat[self.carrier]
        self.salt = rng.getrandbits(62)
        self.attach = rng.uniform(1.5, 8) * 3600

    def ip(self, ts: float) -> str:
        idx = int(ts // self.attach)
        h = mix(self.salt, idx)
        if self.v6root and (h % 1000) < self.v6_share * 1000:
            if self.v6root == "2409:40":   # Jio: 2409:40xx:yyyy:zzzz::/64
                return v6_iface(f"2409:40{(h >> 10) & 0xff:02x}:{(h >> 20) & 0xffff:x}", h >> 40, mix(h, 5))
            return v6_iface(f"{self.v6root}{(h >> 10) & 0xffff:x}", h >> 44, mix(h, 5))
        return self.pool.pick(mix(h, 11))


class Sticky:
    """Residential / mobile proxy product: a fresh exit for each sticky session of n minutes."""

    def __init__(self, rng: random.Random, src, minutes: float):
        self.src = src
        self.salt = rng.getrandbits(62)
        self.len = max(1.0, minutes * 60.0)

    def ip(self, ts: float) -> str:
        h = mix(self.salt, int(ts // self.len))
        return self.src.host(h) if isinstance(self.src, Block) else self.src.pick(h)


# ---------------------------------------------------------------- people

NAMES: dict[str, tuple[list[str], list[str], list[str]]] = {
    # region: (first names, surnames, languages besides English)
    "north": ("Rahul Amit Priya Neha Ankit Pooja Rohit Saurabh Shivani Vikas Aakash Nikita Deepak Anjali Manish "
              "Sakshi Abhishek Kavya Harsh Ritu Ayush Tanya Gaurav Shruti Varun Megha Nitin Aditi Mohit Komal".split(),
              "Sharma Verma Gupta Singh Yadav Mishra Agarwal Tiwari Chauhan Pandey Srivastava Jain Saxena Kumar "
              "Dubey Rawat Bansal Malhotra Arora Chaudhary".split(), ["hinglish", "hi"]),
    "tamil": ("Karthik Priyanka Vignesh Divya Arun Lakshmi Prakash Keerthana Suresh Gayathri Balaji Nandhini "
              "Senthil Revathi Hari Swetha Dinesh Janani Muthu Sangeetha".split(),
              "Subramanian Ramasamy Krishnan Natarajan Murugan Sundaram Venkatesan Raman Selvaraj Kannan "
              "Rajendran Shanmugam".split(), ["ta", "tanglish"]),
    "kannada": ("Manjunath Shreya Praveen Ananya Kiran Rakshitha Darshan Bhavana Naveen Sahana Chethan Pooja "
                "Yashas Spoorthi Girish Meghana".split(),
                "Gowda Hegde Shetty Rao Bhat Kulkarni Naik Murthy Prasad Acharya".split(), ["kn"]),
    "telugu": ("Srinivas Harika Venkatesh Swathi Raviteja Mounika Saikiran Sravani Mahesh Lavanya Pavan Bhargavi".split(),
               "Reddy Naidu Chowdary Rao Varma Goud Yadav Raju".split(), ["te"]),
    "bengali": ("Arijit Sayani Sourav Riya Debjit Moumita Anirban Payel Subhajit Tanushree Soumya Ishita".split(),
                "Banerjee Chatterjee Mukherjee Das Ghosh Bose Sen Dutta Saha Roy".split(), ["bn"]),
    "marathi": ("Aditya Sneha Omkar Pranali Tejas Rutuja Siddhesh Aishwarya Prathamesh Sayali Vaibhav Gauri".split(),
                "Kulkarni Deshpande Patil Joshi Jadhav Pawar Shinde Gokhale Bhosale Kale".split(), ["mr", "hinglish"]),
    "malayalam": ("Arjun Anjali Vishnu Athira Akhil Aswathy Jithin Sreelakshmi Nikhil Devika Rahul Anupama".split(),
                  "Nair Menon Pillai Varghese Thomas Kurian Panicker Joseph".split(), ["ml"]),
    "gujarati": ("Hardik Krupa Dhruv Khushi Parth Riddhi Jay Hetal".split(),
                 "Patel Shah Mehta Desai Trivedi Parikh".split(), ["hinglish", "hi"]),
    "punjabi": ("Harpreet Gurpreet Simran Jaspreet Manpreet Navjot Karan Amrit".split(),
                "Singh Kaur Gill Sandhu Dhillon Grewal Sidhu".split(), ["hinglish"]),
    "lk": ("Dilshan Nimali Kasun Sachini Tharindu Ishara Chamod Hiruni".split(),
           "Perera Fernando Silva Jayasuriya Wickramasinghe Bandara".split(), []),
    "np": ("Sujan Anisha Bibek Srijana Prabin Sabina Roshan Asmita".split(),
           "Shrestha Adhikari Thapa Gurung Karki Maharjan Poudel".split(), ["ne"]),
    "bd": ("Tanvir Nusrat Rakib Farzana Sabbir Tasnim Mahmud Sadia".split(),
           "Hossain Rahman Islam Ahmed Chowdhury Akter Khan".split(), ["bn"]),
    "sg": ("Wei Ling,Jun Hao,Hui Min,Kai Wen,Priya,Arun,Xin Yi,Marcus".split(","),
           "Tan Lim Ng Lee Goh Chua Teo Rajan".split(), []),
}
REGION_WEIGHTS_IN = [("north", 0.32), ("tamil", 0.13), ("kannada", 0.11), ("telugu", 0.11), ("bengali", 0.08),
                     ("marathi", 0.1), ("malayalam", 0.06), ("gujarati", 0.05), ("punjabi", 0.04)]
COUNTRY_WEIGHTS = [("IN", 0.86), ("BD", 0.035), ("LK", 0.025), ("NP", 0.025), ("AE", 0.035), ("SG", 0.02)]
COUNTRY_REGION = {"LK": "lk", "NP": "np", "BD": "bd", "SG": "sg", "AE": "malayalam"}
CITIES = {"north": ["Delhi", "Noida", "Gurugram", "Lucknow", "Jaipur", "Indore", "Patna"],
          "tamil": ["Chennai", "Coimbatore", "Madurai"], "kannada": ["Bengaluru", "Mysuru", "Hubballi"],
          "telugu": ["Hyderabad", "Vijayawada", "Visakhapatnam"], "bengali": ["Kolkata", "Durgapur"],
          "marathi": ["Pune", "Mumbai", "Nagpur"], "malayalam": ["Kochi", "Thiruvananthapuram", "Kozhikode"],
          "gujarati": ["Ahmedabad", "Surat", "Vadodara"], "punjabi": ["Chandigarh", "Ludhiana", "Amritsar"],
          "lk": ["Colombo"], "np": ["Kathmandu"], "bd": ["Dhaka"], "sg": ["Singapore"]}

MAIL_PERSONAL = [("gmail.com", 0.82), ("yahoo.co.in", 0.04), ("yahoo.com", 0.02), ("outlook.com", 0.04),
                 ("hotmail.com", 0.02), ("rediffmail.com", 0.015), ("icloud.com", 0.025), ("proton.me", 0.01)]


def wchoice(rng: random.Random, pairs):
    x, acc = rng.random() * sum(w for _, w in pairs), 0.0
    for v, w in pairs:
        acc += w
        if x < acc:
            return v
    return pairs[-1][0]


class Person:
    def __init__(self, rng: random.Random, places: Places, country: str | None = None, region: str | None = None,
                 older: bool = False):
        self.country = country or wchoice(rng, COUNTRY_WEIGHTS)
        self.region = region or COUNTRY_REGION.get(self.country) or wchoice(rng, REGION_WEIGHTS_IN)
        firsts, lasts, langs = NAMES[self.region]
        self.first = rng.choice(firsts)
        self.last = rng.choice(lasts)
        self.langs = ["en"] + langs
        self.city = rng.choice(CITIES[self.region])
        self.tz = TZ.get(self.country, IST)
        self.home = Home(rng, places, self.country)
        self.mobile = Mobile(rng, places, self.country)
        self.year = rng.randrange(1968, 1990) if older else rng.randrange(1985, 2008)
        self.salt = rng.getrandbits(40)

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    def handle(self, rng: random.Random) -> str:
        f, l = self.first.lower().replace(" ", ""), self.last.lower()
        yy = self.year % 100
        forms = [f"{f}.{l}", f"{f}{l}", f"{f}.{l}{yy:02d}", f"{f}{l}{self.year}", f"{f}_{l}", f"{f}{l[0]}{yy:02d}",
                 f"{f[0]}{l}{rng.randrange(1, 999)}", f"{f}.{l}{rng.randrange(1, 99)}", f"{l}.{f}", f"{f}{rng.randrange(100, 9999)}",
                 f"{f}.{l}2k{yy % 10}" if self.year >= 2000 else f"{f}{l}{yy:02d}"]
        return rng.choice(forms)

    def personal_email(self, rng: random.Random) -> str:
        return f"{self.handle(rng)}@{wchoice(rng, MAIL_PERSONAL)}"

    def work_email(self, rng: random.Random, domain: str) -> str:
        f, l = self.first.lower().replace(" ", ""), self.last.lower()
        return f"{rng.choice([f'{f}.{l}', f'{f}', f'{f}{l[0]}', f'{f[0]}{l}', f'{f}.{l[0]}'])}@{domain}"


# ---------------------------------------------------------------- clients (user agents)

ANDROID_MODELS = ["SM-M346B", "SM-A155F", "SM-A356E", "SM-S911B", "RMX3771", "RMX3890", "23076RN4BI", "2312DRAABI",
                  "V2254", "V2318", "CPH2581", "CPH2621", "M2102J20SI", "Pixel 7a", "Pixel 8", "moto g54 5G",
                  "I2219", "A063", "SM-F731B", "23129RN51X"]
IPHONES = ["iPhone14,5", "iPhone14,7", "iPhone15,4", "iPhone16,2", "iPhone13,2", "iPhone12,1"]


def app_ua(rng: random.Random) -> str:
    if rng.random() < 0.84:
        return (f"Myna/3.{rng.choice([6, 7, 7, 8, 8, 8])}.{rng.randrange(0, 4)} "
                f"(Android {rng.choice([12, 13, 14, 14, 15, 15])}; {rng.choice(ANDROID_MODELS)})")
    return f"Myna/3.{rng.choice([7, 8, 8])}.{rng.randrange(0, 3)} (iPhone; iOS {rng.choice(['17.6.1', '18.1.1', '18.2', '18.2.1'])}; {rng.choice(IPHONES)})"


def browser_ua(rng: random.Random, mobile: bool | None = None) -> str:
    v = rng.choice([130, 131, 131, 132, 132, 132])
    if mobile is None:
        mobile = rng.random() < 0.35
    if mobile:
        return (f"Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
                f"Chrome/{v}.0.0.0 Mobile Safari/537.36")
    k = rng.random()
    if k < 0.62:
        return (f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                f"Chrome/{v}.0.0.0 Safari/537.36")
    if k < 0.72:
        return (f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                f"Chrome/{v}.0.0.0 Safari/537.36 Edg/{v}.0.{rng.randrange(2000, 2999)}.{rng.randrange(40, 99)}")
    if k < 0.88:
        return (f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
                f"Chrome/{v}.0.0.0 Safari/537.36")
    if k < 0.95:
        return ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                f"Version/18.{rng.randrange(1, 3)} Safari/605.1.15")
    return "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:134.0) Gecko/20100101 Firefox/134.0"


SDK_UAS = {
    "myna-python": lambda r: f"myna-python/1.{r.choice([7, 8, 9, 9])}.{r.randrange(0, 4)} (Python 3.{r.choice([10, 11, 11, 12, 12, 13])}; {r.choice(['Linux', 'Linux', 'Darwin', 'Windows'])})",
    "myna-node": lambda r: f"myna-node/1.{r.choice([5, 6, 7])}.{r.randrange(0, 5)} (node v{r.choice(['18.20.4', '20.11.1', '20.18.0', '22.12.0'])}; {r.choice(['linux', 'darwin', 'win32'])})",
    "openai-python": lambda r: f"OpenAI/Python 1.{r.choice([54, 57, 58, 59, 59, 60])}.{r.randrange(0, 8)}",
    "openai-js": lambda r: f"OpenAI/JS 4.{r.choice([73, 76, 77, 78, 79])}.{r.randrange(0, 4)}",
    "litellm": lambda r: f"litellm/1.{r.choice([55, 57, 59])}.{r.randrange(0, 12)}",
    "langchain": lambda r: f"OpenAI/Python 1.{r.choice([55, 57, 59])}.{r.randrange(0, 6)} langchain-openai/0.{r.choice([2, 3])}.{r.randrange(0, 9)}",
    "requests": lambda r: f"python-requests/2.{r.choice([28, 31, 32, 32])}.{r.randrange(0, 4)}",
    "httpx": lambda r: f"python-httpx/0.{r.choice([27, 28])}.{r.randrange(0, 3)}",
    "aiohttp": lambda r: f"Python/3.{r.choice([10, 11, 12])} aiohttp/3.{r.choice([9, 10, 11])}.{r.randrange(0, 12)}",
    "curl": lambda r: f"curl/{r.choice(['7.81.0', '8.5.0', '8.7.1', '8.11.1'])}",
    "axios": lambda r: f"axios/1.{r.choice([6, 7])}.{r.randrange(0, 9)}",
    "node-fetch": lambda r: "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)",
    "go": lambda r: r.choice(["Go-http-client/1.1", "Go-http-client/2.0"]),
    "okhttp": lambda r: f"okhttp/4.{r.choice([9, 11, 12])}.0",
    "java": lambda r: f"Java-http-client/{r.choice(['17.0.9', '21.0.2', '11.0.21'])}",
    "dart": lambda r: f"Dart/3.{r.choice([4, 5, 6])} (dart:io)",
    "postman": lambda r: f"PostmanRuntime/7.{r.choice([39, 42, 43])}.{r.randrange(0, 3)}",
    "n8n": lambda r: "n8n",
    "headless": lambda r: f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/{r.choice([120, 126, 131])}.0.0.0 Safari/537.36",
    "myna-cli": lambda r: f"myna-cli/0.{r.choice([13, 14, 14, 15])}.{r.randrange(0, 9)} (external, cli)",
    "cline": lambda r: f"Cline/3.{r.choice([1, 2, 2])}.{r.randrange(0, 12)}",
    "aider": lambda r: f"litellm/1.{r.choice([57, 59])}.{r.randrange(0, 9)} aider/0.{r.choice([71, 72])}.{r.randrange(0, 3)}",
    "opencode": lambda r: f"opencode/0.1.{r.randrange(120, 190)}",
    "roo": lambda r: f"RooCode/3.{r.choice([2, 3])}.{r.randrange(0, 9)}",
    "continue": lambda r: f"Continue/0.{r.choice([8, 9])}.{r.randrange(40, 70)}",
}

# which endpoint a client family speaks
ENDPOINT_OF = {"myna-python": "/v1/messages", "myna-node": "/v1/messages", "myna-cli": "/v1/messages",
               "cline": "/v1/messages", "roo": "/v1/messages", "openai-python": "/v1/chat/completions",
               "openai-js": "/v1/chat/completions", "litellm": "/v1/chat/completions",
               "langchain": "/v1/chat/completions", "aider": "/v1/chat/completions", "opencode": "/v1/responses",
               "continue": "/v1/chat/completions", "n8n": "/v1/chat/completions", "dart": "/v1/chat/completions"}


def sdk(rng: random.Random, family: str) -> tuple[str, str]:
    ua = SDK_UAS[family](rng)
    ep = ENDPOINT_OF.get(family) or rng.choice(["/v1/chat/completions", "/v1/chat/completions", "/v1/messages"])
    if family in ("openai-python", "openai-js") and rng.random() < 0.2:
        ep = "/v1/responses"
    return ua, ep


# ---------------------------------------------------------------- the directory

def directory(places: Places, rng: random.Random) -> list[dict]:
    def fp() -> str:
        return f"pf_{rng.getrandbits(64):016x}"

    ents = [
        {"org_id": "nilgiri-labs", "name": "Nilgiri Labs Pvt Ltd (Chennai)", "restricted": True,
         "domains": ["nilgirilabs.ai", "nilgiri.ai"],
         # their Taramani office, and the Zscaler Chennai node their laptops egress through
         "ip_ranges": places.offices["nilgiri-labs"].cidrs + places.zscaler_chn.cidrs,
         "payment_fingerprints": [fp(), fp(), fp()],
         "sso_tenants": ["nilgirilabs.okta.com", "nilgirilabs.onmicrosoft.com"]},
        {"org_id": "sahyadri-ai", "name": "Sahyadri AI (Pune)", "restricted": True,
         "domains": ["sahyadri.ai", "sahyadrilabs.in"],
         # Baner office, the HSR coworking floor where their Bengaluru people sit, and a VPN exit
         "ip_ranges": places.offices["sahyadri-ai"].cidrs + places.cowork["bhive-hsr"].cidrs + places.vpn_sg.cidrs,
         "payment_fingerprints": [fp(), fp()],
         "sso_tenants": ["sahyadri-ai.onmicrosoft.com"]},
        {"org_id": "straits-ai", "name": "Straits AI Pte Ltd (Singapore)", "restricted": True,
         "domains": ["straits.ai", "straitsai.sg"],
         # Singapore office and the PaaS egress their Mumbai services share with every other tenant
         "ip_ranges": places.offices["straits-ai"].cidrs + places.deployd.cidrs,
         "payment_fingerprints": [fp(), fp()],
         "sso_tenants": ["straits.ai"]},
        {"org_id": "nilgiri-tea", "name": "Nilgiri Tea Estates Ltd (Coonoor)", "restricted": False,
         "domains": ["nilgiritea.co.in"], "ip_ranges": places.offices["nilgiri-tea"].cidrs,
         "payment_fingerprints": [fp()], "sso_tenants": ["nilgiritea.onmicrosoft.com"]},
        {"org_id": "sahyadri-motors", "name": "Sahyadri Motors (Kolhapur, two-wheeler dealerships)", "restricted": False,
         "domains": ["sahyadrimotors.in"], "ip_ranges": places.offices["sahyadri-motors"].cidrs,
         "payment_fingerprints": [fp()], "sso_tenants": []},
        {"org_id": "straits-shipping", "name": "Straits Shipping Agencies (Chennai / Singapore)", "restricted": False,
         "domains": ["straitsshipping.com"], "ip_ranges": places.offices["straits-shipping"].cidrs,
         "payment_fingerprints": [fp()], "sso_tenants": ["straitsshipping.com"]},
        {"org_id": "kaveri-bank", "name": "Kaveri Co-operative Bank", "restricted": False,
         "domains": ["kaveribank.co.in"], "ip_ranges": places.offices["kaveri-bank"].cidrs,
         "payment_fingerprints": [fp()], "sso_tenants": ["kaveribank.onmicrosoft.com"]},
        {"org_id": "trident-infotech", "name": "Trident Infotech (IT services)", "restricted": False,
         "domains": ["tridentinfotech.com"], "ip_ranges": places.zscaler_bom.cidrs + places.zscaler_blr.cidrs,
         "payment_fingerprints": [fp()], "sso_tenants": ["tridentinfotech.onmicrosoft.com"]},
        {"org_id": "bluewave-bpo", "name": "BlueWave Customer Services (BPO, Mohali)", "restricted": False,
         "domains": ["bluewavecs.in"], "ip_ranges": places.offices["bluewave-bpo"].cidrs,
         "payment_fingerprints": [fp()], "sso_tenants": ["bluewavecs.okta.com"]},
        {"org_id": "tagwise", "name": "Tagwise Data Services (Mysuru)", "restricted": False,
         "domains": ["tagwise.in"], "ip_ranges": places.offices["tagwise"].cidrs,
         "payment_fingerprints": [fp()], "sso_tenants": ["tagwise.in"]},
        {"org_id": "bhashantar", "name": "Bhashantar Localisation", "restricted": False,
         "domains": ["bhashantar.com"], "ip_ranges": places.offices["bhashantar"].cidrs,
         "payment_fingerprints": [fp()], "sso_tenants": []},
        {"org_id": "parakh", "name": "Parakh Evals", "restricted": False, "domains": ["parakh.dev"],
         "ip_ranges": places.offices["parakh"].cidrs, "payment_fingerprints": [fp()], "sso_tenants": ["parakh.dev"]},
        {"org_id": "bazaarkart", "name": "BazaarKart marketplace", "restricted": False, "domains": ["bazaarkart.in"],
         "ip_ranges": places.bazaarkart_dc.cidrs, "payment_fingerprints": [fp()], "sso_tenants": []},
        {"org_id": "vidyarthi-academy", "name": "Vidyarthi Academy (JEE/NEET coaching)", "restricted": False,
         "domains": ["vidyarthiacademy.in"], "ip_ranges": places.offices["vidyarthi-academy"].cidrs,
         "payment_fingerprints": [fp()], "sso_tenants": []},
        {"org_id": "dainik-samvad", "name": "Dainik Samvad (Marathi and Hindi daily)", "restricted": False,
         "domains": ["dainiksamvad.com"], "ip_ranges": places.offices["dainik-samvad"].cidrs,
         "payment_fingerprints": [fp()], "sso_tenants": []},
        {"org_id": "devdeck", "name": "DevDeck (IDE)", "restricted": False, "domains": ["devdeck.dev"],
         "ip_ranges": places.relays["devdeck"].cidrs, "payment_fingerprints": [fp()], "sso_tenants": []},
        {"org_id": "sutradhar", "name": "Sutradhar (no-code agents)", "restricted": False, "domains": ["sutradhar.app"],
         "ip_ranges": places.relays["sutradhar"].cidrs, "payment_fingerprints": [fp()], "sso_tenants": []},
        {"org_id": "padhai", "name": "Padhai (doubt-solving app)", "restricted": False, "domains": ["padhai.app"],
         "ip_ranges": places.relays["padhai"].cidrs, "payment_fingerprints": [fp()], "sso_tenants": []},
    ]
    unis = {"iisc": ("Indian Institute of Science", ["iisc.ac.in"], "iisc.ac.in"),
            "iitm": ("IIT Madras", ["iitm.ac.in", "smail.iitm.ac.in"], "iitm.ac.in"),
            "iitb": ("IIT Bombay", ["iitb.ac.in"], "iitb.ac.in"),
            "iiith": ("IIIT Hyderabad", ["iiit.ac.in", "students.iiit.ac.in", "research.iiit.ac.in"], None),
            "bits": ("BITS Pilani", ["pilani.bits-pilani.ac.in"], "bits-pilani.ac.in"),
            "pes": ("PES University", ["pes.edu", "pesu.pes.edu"], None),
            "msrit": ("M S Ramaiah Institute of Technology", ["msrit.edu"], None),
            "rvce": ("R V College of Engineering", ["rvce.edu.in"], None)}
    for k, (name, doms, sso) in unis.items():
        ents.append({"org_id": k, "name": name, "restricted": False, "domains": doms,
                     "ip_ranges": places.campus[k].cidrs, "payment_fingerprints": [fp()],
                     "sso_tenants": [sso] if sso else []})
    return ents
