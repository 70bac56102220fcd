"""How an account's address changes over time: homes, phones, offices, clouds, VPNs, proxies.

Each function returns an `Addr`, a callable from a request time to the client IP the gateway sees.
The point is realism of *sharing*: a phone's CGNAT address is shared with strangers, an IPv6
privacy address is never reused, an office or a university NAT is shared by everyone inside it, a
cloud NAT or a VPN exit by unrelated tenants, a residential proxy hands out a new household per
request.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from world import CLOUD, HOME_V4, HOME_V6, MOBILE_CGNAT, RESIDENTIAL_PROXY_POOLS, VPN_EXITS, ZONES, Block, World

Addr = Callable[[float], str]

_BLOCKS: dict[str, Block] = {}


def block(cidr: str) -> Block:
    b = _BLOCKS.get(cidr)
    if b is None:
        b = _BLOCKS[cidr] = Block(cidr)
    return b


def household(world: World, country: str) -> Addr:
    """A home line: a stable IPv4 (re-leased now and then) or an IPv6 /64 with daily privacy addresses."""
    rng = world.rng
    c = country if country in HOME_V4 else "US"
    if c in HOME_V6 and rng.random() < 0.45:
        prefix = block(rng.choice(HOME_V6[c])).sub(64, rng)
        daily: dict[int, str] = {}

        def v6(ts: float) -> str:
            day = int(ts // 86400)
            if day not in daily:
                daily[day] = prefix.pick(rng)
            return daily[day]
        return v6
    addrs = [block(rng.choice(HOME_V4[c])).pick(rng) for _ in range(2)]
    switch = world.end() - rng.random() * world.days * 86400 * 3  # most never re-lease in the window

    def v4(ts: float) -> str:
        return addrs[1] if ts > switch else addrs[0]
    return v4


def mobile(world: World, country: str) -> Addr:
    """A phone behind carrier-grade NAT: a different shared public address almost every session."""
    rng = world.rng
    blocks = [block(c) for c in MOBILE_CGNAT.get(country, MOBILE_CGNAT["US"])]
    cur: list[object] = [None, 0.0]

    def f(ts: float) -> str:
        if cur[0] is None or ts - float(cur[1]) > 600:  # type: ignore[arg-type]
            cur[0] = rng.choice(blocks).pick(rng)
        cur[1] = ts
        return str(cur[0])
    return f


def fixed(ips: list[str], world: World) -> Addr:
    rng = world.rng
    return (lambda ts: ips[0]) if len(ips) == 1 else (lambda ts: rng.choice(ips))


def pool(cidr: str, world: World, n: int | None = None) -> Addr:
    """Addresses of a shared block: a cloud NAT, a VPN exit, a university NAT, a coworking floor."""
    rng, b = world.rng, block(cidr)
    if n:
        ips = [b.pick(rng) for _ in range(n)]
        return lambda ts: rng.choice(ips)
    return lambda ts: b.pick(rng)


def cloud(world: World, region: str, n: int = 3) -> Addr:
    return pool(CLOUD[region], world, n)


def vpn(world: World, name: str) -> Addr:
    return pool(VPN_EXITS[name], world)


def residential_proxy(world: World, sticky_s: float = 0.0) -> Addr:
    """A rotating residential proxy: a random household anywhere, per request or per sticky window."""
    rng = world.rng
    blocks = [block(c) for c in RESIDENTIAL_PROXY_POOLS]
    cur: list[object] = [None, -1e18]

    def f(ts: float) -> str:
        if cur[0] is None or ts - float(cur[1]) > sticky_s:  # type: ignore[arg-type]
            cur[0], cur[1] = rng.choice(blocks).pick(rng), ts
        return str(cur[0])
    return f


def worker(world: World, zone: str, office: Addr | None, home: Addr, phone: Addr | None = None) -> Addr:
    """Office on weekdays in working hours (when there is one), home otherwise, the phone now and then."""
    rng, off = world.rng, ZONES[zone][0]

    def f(ts: float) -> str:
        local = ts + off * 3600
        hour, wd = (local % 86400) / 3600, int((local - 1793577600) // 86400) % 7
        if phone is not None and rng.random() < 0.08:
            return phone(ts)
        if office is not None and wd < 5 and 8.5 <= hour < 18.5 and rng.random() < 0.85:
            return office(ts)
        return home(ts)
    return f


def consumer(world: World, zone: str) -> Addr:
    """Home broadband in the evening, the phone during the day and on the go."""
    rng = world.rng
    off, country = ZONES[zone]
    home, phone = household(world, country), mobile(world, country)
    mobile_share = rng.uniform(0.1, 0.7)

    def f(ts: float) -> str:
        hour = ((ts + off * 3600) % 86400) / 3600
        p = mobile_share * (1.4 if 8 <= hour < 19 else 0.6)
        return phone(ts) if rng.random() < p else home(ts)
    return f


def mixed_ua(rng: random.Random, pools: list[list[str]], k: int = 2) -> list[str]:
    """A person's few devices: one or two user agents drawn from the given families."""
    return [rng.choice(rng.choice(pools)) for _ in range(k)]
