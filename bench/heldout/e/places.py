"""Where Jua's callers are: countries, time zones, languages and the address behaviour of each kind of network.

Jua AI is a fictional model API run from Nairobi with an EU region in Lisbon. Its callers sit in
East, West, North and Southern Africa and in Western Europe; every country below has its own UTC
offset (November: no daylight saving in any of them except none needed) and its own ISPs. The
address kinds mirror what a gateway really sees:

- mobile carriers put thousands of subscribers behind a small CGNAT egress pool, so unrelated people
  share an address within minutes of each other;
- home fibre hands out an IPv6 /64 per household whose interface id rotates daily (privacy addresses),
  or a dynamic IPv4 that changes every few days;
- companies egress through a few fixed addresses; clouds through NAT gateways shared by many tenants;
- commercial VPNs and residential proxy networks rotate exits; universities and coworking floors NAT
  everyone behind one small range.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass


def _cidr(c: str) -> tuple[int, int]:
    net, bits = c.split("/")
    a, b, cc, d = (int(x) for x in net.split("."))
    return (a << 24) | (b << 16) | (cc << 8) | d, 1 << (32 - int(bits))


def _fmt(x: int) -> str:
    return f"{(x >> 24) & 255}.{(x >> 16) & 255}.{(x >> 8) & 255}.{x & 255}"


def v4_in(cidr: str, k: int) -> str:
    """The k-th host of a CIDR block (wrapping), skipping network and broadcast where possible."""
    base, size = _cidr(cidr)
    if size <= 2:
        return _fmt(base + k % size)
    return _fmt(base + 1 + k % (size - 2))


def stable(*parts: object) -> int:
    """A 64-bit number from the parts, the same on every run (never Python's salted hash)."""
    return int.from_bytes(hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=8).digest(), "big")


@dataclass(frozen=True)
class Country:
    code: str
    tz: float                  # UTC offset in hours during the recorded fortnight
    langs: tuple[str, ...]
    mobile: tuple[str, ...]    # CGNAT egress /24s of the big carriers
    home_v4: tuple[str, ...]   # dynamic residential IPv4 ranges
    home_v6: str | None        # an ISP's IPv6 /32 (households get a /64 under it)
    weight: float              # share of Jua's consumer base


COUNTRIES: dict[str, Country] = {c.code: c for c in [
    Country("KE", 3, ("en", "sw"), ("105.160.12.0/24", "105.161.200.0/24", "41.90.64.0/24"),
            ("197.237.0.0/16", "41.80.0.0/14"), "2c0f:fe38", 0.22),
    Country("NG", 1, ("en", "yo", "ha", "pcm"), ("102.89.32.0/24", "102.89.33.0/24", "105.112.96.0/24"),
            ("129.205.0.0/16", "197.210.0.0/16"), None, 0.16),
    Country("ZA", 2, ("en", "af", "zu"), ("41.13.80.0/24", "41.113.4.0/24"),
            ("102.65.0.0/16", "105.233.0.0/16"), "2c0f:f4c0", 0.12),
    Country("EG", 2, ("ar", "en"), ("41.44.128.0/24", "156.197.20.0/24"), ("197.34.0.0/16",), None, 0.06),
    Country("MA", 1, ("fr", "ar"), ("105.128.40.0/24", "160.176.9.0/24"), ("41.250.0.0/16",), None, 0.05),
    Country("SN", 0, ("fr", "wo"), ("41.82.140.0/24",), ("154.124.0.0/16",), None, 0.03),
    Country("ET", 3, ("am", "en"), ("196.188.120.0/24",), ("196.189.0.0/16",), None, 0.03),
    Country("RW", 2, ("rw", "en", "fr"), ("41.186.30.0/24",), ("197.157.0.0/16",), None, 0.03),
    Country("GH", 0, ("en",), ("154.160.8.0/24", "41.66.200.0/24"), ("102.176.0.0/16",), None, 0.04),
    Country("PT", 0, ("pt", "en"), ("85.240.7.0/24",), ("85.243.0.0/16", "188.80.0.0/16"), "2001:818", 0.08),
    Country("FR", 1, ("fr", "en"), ("92.184.100.0/24", "80.215.8.0/24"), ("90.0.0.0/10",), "2a01:cb00", 0.08),
    Country("DE", 1, ("de", "en"), ("46.114.12.0/24",), ("79.192.0.0/10",), "2003:e5", 0.06),
    Country("GB", 0, ("en",), ("82.132.216.0/24",), ("86.128.0.0/11",), "2a00:23c5", 0.04),
]}

TZ_NAMES = {"KE": "Africa/Nairobi", "NG": "Africa/Lagos", "ZA": "Africa/Johannesburg", "EG": "Africa/Cairo",
            "MA": "Africa/Casablanca", "SN": "Africa/Dakar", "ET": "Africa/Addis_Ababa", "RW": "Africa/Kigali",
            "GH": "Africa/Accra", "PT": "Europe/Lisbon", "FR": "Europe/Paris", "DE": "Europe/Berlin",
            "GB": "Europe/London"}

# Shared infrastructure.  Several of these ranges are listed by a restricted rival in entities.jsonl
# (it really does egress there), while hundreds of unrelated customers egress there too.
CLOUD_NAT_SHARED = "13.245.160.0/24"      # a cloud region's NAT gateway pool (Cape Town)
CLOUD_NAT_EU = "3.124.50.0/24"            # a cloud NAT pool in Frankfurt
CLOUD_TENANT_BLOCKS = ("13.244.0.0/16", "102.133.128.0/17", "35.246.0.0/16", "34.90.0.0/16")
VPN_EXITS = ("185.213.154.0/24", "185.213.155.0/24", "146.70.117.0/24", "193.32.249.0/24")
COWORKING = {"nairobi-hub": "197.248.116.0/26", "lagos-yard": "102.88.4.64/27", "lisbon-loft": "188.82.50.128/26"}
UNIVERSITY = {"uon": "197.136.40.0/26", "wits": "146.141.8.0/26", "ulisboa": "193.136.128.0/26",
              "unilag": "196.45.48.0/26", "ur": "41.222.244.0/27"}
PLATFORM_RELAYS = {"forge-ide": "34.141.20.0/27", "relaykit": "3.121.66.0/27", "souk-market": "102.133.200.0/28"}
RESIDENTIAL_PROXY_POOLS = ("24.", "73.", "98.", "187.", "177.", "112.", "171.", "49.", "182.", "110.", "36.",
                           "125.", "39.", "1.")


def residential_proxy(rng: random.Random) -> str:
    """An exit of a residential proxy network: a random household somewhere (Americas, Asia)."""
    return f"{rng.choice(RESIDENTIAL_PROXY_POOLS)}{rng.randrange(1, 255)}.{rng.randrange(0, 256)}.{rng.randrange(1, 255)}"


class Addr:
    """How one caller's address moves: `at(ts, rng)` gives the address of a session starting at ts."""

    def at(self, ts: float, rng: random.Random) -> str:  # pragma: no cover - interface
        raise NotImplementedError


class Mobile(Addr):
    def __init__(self, country: Country):
        self.pools = country.mobile

    def at(self, ts: float, rng: random.Random) -> str:
        # CGNAT: each session lands on one of a few hundred shared egress addresses.
        return v4_in(rng.choice(self.pools), rng.randrange(254))


class HomeV6(Addr):
    def __init__(self, country: Country, rng: random.Random):
        isp = country.home_v6 or "2c0f:fe38"
        self.prefix = f"{isp}:{rng.randrange(0x100, 0xffff):x}:{rng.randrange(0x100, 0xffff):x}"
        self.key = rng.getrandbits(32)

    def at(self, ts: float, rng: random.Random) -> str:
        day = int(ts // 86400)
        h = stable(self.key, day)  # privacy address: a new interface id every day
        return (f"{self.prefix}:{(h >> 48) & 0xffff:x}:{(h >> 32) & 0xffff:x}:"
                f"{(h >> 16) & 0xffff:x}:{h & 0xffff:x}")


class HomeV4(Addr):
    def __init__(self, country: Country, rng: random.Random):
        self.block = rng.choice(country.home_v4)
        self.key = rng.getrandbits(32)
        self.period = rng.choice((1, 2, 3, 7, 30)) * 86400

    def at(self, ts: float, rng: random.Random) -> str:
        return v4_in(self.block, stable(self.key, int(ts // self.period)) % 60000)


class Fixed(Addr):
    def __init__(self, ips: list[str]):
        self.ips = ips

    def at(self, ts: float, rng: random.Random) -> str:
        return rng.choice(self.ips)


class Pool(Addr):
    """Anything behind one NAT range (university, coworking, cloud NAT, platform relay)."""

    def __init__(self, cidr: str, spread: int = 254):
        self.cidr, self.spread = cidr, spread

    def at(self, ts: float, rng: random.Random) -> str:
        return v4_in(self.cidr, rng.randrange(self.spread))


class Vpn(Addr):
    def at(self, ts: float, rng: random.Random) -> str:
        return v4_in(rng.choice(VPN_EXITS), rng.randrange(254))


class ResidentialProxy(Addr):
    def at(self, ts: float, rng: random.Random) -> str:
        return residential_proxy(rng)


class Mix(Addr):
    """A person with several places: phone, home, office; picked by local hour and weekday."""

    def __init__(self, tz: float, home: Addr, phone: Addr, work: Addr | None = None, p_phone: float = 0.25):
        self.tz, self.home, self.phone, self.work, self.p_phone = tz, home, phone, work, p_phone

    def at(self, ts: float, rng: random.Random) -> str:
        local = ts + self.tz * 3600
        hour = (local % 86400) / 3600
        weekday = int(local // 86400 + 3) % 7  # 1970-01-01 was a Thursday; 0 = Monday
        if rng.random() < self.p_phone:
            return self.phone.at(ts, rng)
        if self.work is not None and weekday < 5 and 8.5 <= hour < 18:
            return self.work.at(ts, rng)
        return self.home.at(ts, rng)


def home_for(country: Country, rng: random.Random) -> Addr:
    if country.home_v6 and rng.random() < 0.55:
        return HomeV6(country, rng)
    return HomeV4(country, rng)


def pick_country(rng: random.Random, only: tuple[str, ...] | None = None) -> Country:
    codes = list(only) if only else list(COUNTRIES)
    return COUNTRIES[rng.choices(codes, weights=[COUNTRIES[c].weight for c in codes])[0]]
