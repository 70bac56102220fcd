"""Data-API look-alikes and careful harvesters (issue 15 item 4, second slice).

Written from how such clients behave on real data APIs, not from the detectors. Benign, each a
hard negative for one reading:
- `topic_researcher`: a research key looking up thousands of accounts that posted about a topic
  (ids wherever those accounts happen to be, older accounts more often), each once, and their
  timelines; large but bounded;
- `panel_researcher`: a longitudinal study: a fixed panel of accounts whose profile is snapshotted
  every day and whose new posts are collected with `since_id` (only what is new);
- `research_group`: several academics of one university (one email domain), each with their own
  study; they share a domain, not a harvest;
- `archive_backfill`: an enterprise customer that bought a historical backfill: a time-range sweep
  of the archive, declared as such on an enterprise plan;
- `mobile_app`: an app that ships its key: one app user agent (versions and devices vary) over
  many consumer networks, a few requests per phone, on human hours;
- `cloud_app`: a web app autoscaled in a cloud: egress from the cloud's NAT ranges (shared with
  many unrelated accounts), one or two client stacks;
- `monitoring_tool`: an uptime / brand monitor probing the same few endpoints from many regions.
Careful harvesters:
- `cached_redownloader`: re-downloads a watch list whole on a cache-like cadence (every day or
  so), with cover traffic;
- `sdk_reseller`: resells its key to customers who call with its own SDK (few user agents) from
  their servers;
- `reseller_network`: a few accounts of one reseller (paid separately), each fanned out;
- `residential_split_crawl`: a rival lab's crawl split over accounts on residential addresses,
  tied only by a payment card or by nothing but their disjoint slices.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import Any

from moat.detect.sim.behaviour import DAY
from moat.detect.sim.data import (
    FRONTIER,
    ID_SPACE,
    RESEARCH,
    SDK_AGENTS,
    TERMS,
    Client,
    _account,
    _behaviour,
    _server,
    _sweep,
    _sweep_rate,
    _times,
    iso,
)
from moat.detect.sim.personas import Member, World, _email, label

UNIVERSITIES = ("uni-example.edu", "research.example.ac.uk", "tu-example.de", "univ-example.fr")
PHONES = ("iPhone15,2; iOS 17.5", "iPhone14,5; iOS 17.4", "SM-S918B; Android 14", "Pixel 8; Android 14",
          "SM-A546B; Android 13", "iPhone13,2; iOS 16.7")
CARRIER_OCTETS = (100, 107, 172, 174, 166, 92, 176, 37, 5, 80)


def _cloud_nat(w: World) -> list[str]:
    """The cloud's NAT egress ranges in this world: every app hosted there leaves through them."""
    nat = w.shared.get("cloud_nat")
    if nat is None:
        r = random.Random(f"{w.params.seed}:cloud_nat")
        nat = w.shared["cloud_nat"] = [f"{r.choice(('34', '35', '52'))}.{r.randint(0, 255)}.{r.randint(0, 255)}.0/24"
                                       for _ in range(40)]
    return nat


def _skewed_id(r: random.Random) -> int:
    """An account that posts about something: anywhere in the id space, older ones more often."""
    return max(1, int(FRONTIER * r.random() ** 0.7))


def _app_call(c: Client, r: random.Random, t: float, ip: str, agent: str, *, search: float,
              items: tuple[int, int]) -> dict[str, Any]:
    """One call of an app's users: a search (share `search`) or a lookup of a popular user."""
    if r.random() < search:
        q = r.choice(TERMS)
        return c.record(r, t, "/2/tweets/search/recent", "/2/tweets/search", query=f"query={q}",
                        resource=q, items=r.randint(*items), ip=ip, agent=agent)
    uid = _skewed_id(r)
    return c.record(r, t, f"/2/users/{uid}", "/2/users", resource=str(uid), ip=ip, agent=agent)


def topic_researcher(w: World, rng: random.Random, domain: str | None = None) -> list[Member]:
    """Looks up the accounts that posted about a topic, and their timelines: many ids, each once."""
    acct = _account(w, rng, use="research", description=RESEARCH,
                    email=_email(rng, domain or rng.choice(UNIVERSITIES)))
    c = Client(acct["account_id"], "research", [w.home_ip(rng)], [rng.choice(SDK_AGENTS)])
    sample = rng.randint(3000, 30000)
    per_day = rng.uniform(1500, 6000) * w.params.volume
    hours = (7.0, 23.0) if rng.random() < 0.6 else (0.0, 24.0)  # a script left running overnight

    def records(r: random.Random, start: float, days: int) -> Iterator[dict[str, Any]]:
        left = sample
        for t in _times(r, start, days, per_day, hours=hours):
            if left <= 0:
                return
            left -= 1
            uid = _skewed_id(r)
            if r.random() < 0.5:
                yield c.record(r, t, f"/2/users/{uid}", "/2/users", resource=str(uid))
            else:
                yield c.record(r, t, f"/2/users/{uid}/tweets", "/2/users", resource=str(uid),
                               query="max_results=100", items=r.randint(5, 100))
    return [(acct, _behaviour(acct, records), label("topic_researcher"))]


def panel_researcher(w: World, rng: random.Random, domain: str | None = None) -> list[Member]:
    """A fixed panel re-collected every day: profile snapshots, and new posts since the last visit."""
    acct = _account(w, rng, use="research", description="longitudinal study of a panel of accounts",
                    email=_email(rng, domain or rng.choice(UNIVERSITIES)))
    c = Client(acct["account_id"], "research", [w.home_ip(rng)], [rng.choice(SDK_AGENTS)])
    panel = [_skewed_id(rng) for _ in range(rng.randint(300, 3000))]
    hour = rng.uniform(0, 20)

    def records(r: random.Random, start: float, days: int) -> Iterator[dict[str, Any]]:
        last: dict[int, int] = {}
        for day in range(days):
            t = start + day * DAY + hour * 3600 + r.uniform(0, 1800)
            for uid in panel:
                t += r.expovariate(1 / 1.5)
                yield c.record(r, t, f"/2/users/{uid}", "/2/users", resource=str(uid))
                since = last.get(uid)
                new = r.randint(0, 8) if since else r.randint(20, 100)
                query = "max_results=100" + (f"&since_id={since}" if since else "")
                last[uid] = (since or r.getrandbits(40)) + new + 1
                t += r.expovariate(1 / 1.5)
                yield c.record(r, t, f"/2/users/{uid}/tweets", "/2/users", resource=str(uid),
                               query=query, items=new)
    return [(acct, _behaviour(acct, records), label("panel_researcher"))]


def research_group(w: World, rng: random.Random) -> list[Member]:
    """Academics of one university, each with their own study (topic samples, panels)."""
    domain = f"{rng.choice(('cs', 'socsci', 'media', 'polisci'))}.{rng.choice(UNIVERSITIES)}"
    out: list[Member] = []
    for _ in range(rng.randint(3, 6)):
        build = topic_researcher if rng.random() < 0.6 else panel_researcher
        for acct, b, _ in build(w, rng, domain):
            out.append((acct, b, label("research_group")))
    return out


def archive_backfill(w: World, rng: random.Random) -> list[Member]:
    """A contracted historical backfill: the archive swept window by window, as the contract says."""
    acct = _account(w, rng, use="commercial", plan="enterprise",
                    description=rng.choice(("historical archive backfill for our analytics product (contract)",
                                            "backfill of historical data for brand analytics",
                                            "licensed full-archive history for our research platform")))
    c = Client(acct["account_id"], "commercial", _server(w, rng), [rng.choice(SDK_AGENTS)])
    queries = rng.sample(TERMS, rng.randint(2, 10))
    per_day = rng.uniform(1000, 5000) * w.params.volume
    width = DAY if rng.random() < 0.6 else DAY / 24

    def records(r: random.Random, start: float, days: int) -> Iterator[dict[str, Any]]:
        for k, t in enumerate(_times(r, start, days, per_day)):
            q = queries[k % len(queries)]
            end = start - 3 * DAY - (k // len(queries)) * width
            yield c.record(r, t, "/2/tweets/search/all", "/2/tweets/search", resource=q, items=r.randint(60, 100),
                           query=f"query={q}&start_time={iso(end - width)}&end_time={iso(end)}&max_results=100")
    return [(acct, _behaviour(acct, records), label("archive_backfill"))]


def mobile_app(w: World, rng: random.Random) -> list[Member]:
    """An app that ships its key: the app's agent on many phones over consumer networks."""
    name = rng.choice(("NewsPulse", "TrendyFeed", "Chirpy", "LocalBuzz", "FanZone"))
    acct = _account(w, rng, use="commercial", description=f"{name} mobile app: shows trending posts to users")
    versions = [f"{rng.randint(2, 6)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}" for _ in range(rng.randint(2, 5))]
    phones = [(f"{rng.choice(CARRIER_OCTETS)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
               f"{name}/{rng.choice(versions)} ({rng.choice(PHONES)}) CFNetwork/1490")
              for _ in range(rng.randint(200, 1500))]
    c = Client(acct["account_id"], "commercial", [phones[0][0]], [phones[0][1]])
    per_day = len(phones) * rng.uniform(1, 4) * w.params.volume

    def records(r: random.Random, start: float, days: int) -> Iterator[dict[str, Any]]:
        for t in _times(r, start, days, per_day, hours=(6, 24)):
            ip, agent = r.choice(phones)
            if r.random() < 0.3:  # phones roam: another cell, another address
                ip = f"{ip.rsplit('.', 2)[0]}.{r.randint(0, 255)}.{r.randint(1, 254)}"
            yield _app_call(c, r, t, ip, agent, search=0.7, items=(10, 50))
    return [(acct, _behaviour(acct, records), label("mobile_app"))]


def cloud_app(w: World, rng: random.Random) -> list[Member]:
    """A web app autoscaled in a cloud: egress from the cloud's shared NAT ranges."""
    acct = _account(w, rng, use="commercial", description="social analytics web app")
    nat = _cloud_nat(w)
    pool = [w.ip_in(w.shared_range(rng, "cloud"), rng) for _ in range(rng.randint(1, 4))]
    pool += [w.ip_in(rng.choice(nat), rng) for _ in range(rng.randint(3, 25))]
    agents = rng.sample(SDK_AGENTS, rng.randint(1, 3))
    c = Client(acct["account_id"], "commercial", pool, agents)
    per_day = rng.uniform(300, 3000) * w.params.volume

    def records(r: random.Random, start: float, days: int) -> Iterator[dict[str, Any]]:
        for t in _times(r, start, days, per_day):
            ip, agent = r.choice(pool), r.choice(agents)
            yield _app_call(c, r, t, ip, agent, search=0.6, items=(0, 100))
    return [(acct, _behaviour(acct, records), label("cloud_app"))]


def monitoring_tool(w: World, rng: random.Random) -> list[Member]:
    """Probes the same few endpoints all day from many regions (uptime checks, brand alerts)."""
    acct = _account(w, rng, use="internal", description="API uptime and latency monitoring")
    probes = [(w.home_ip(rng), f"{rng.choice(('uptime-probe', 'checkly', 'pingdom-agent'))}/{rng.randint(1, 4)}.0")
              for _ in range(rng.randint(5, 30))]
    targets = [("/2/tweets/search/recent", "query=" + t) for t in rng.sample(TERMS, rng.randint(1, 3))]
    targets += [(f"/2/users/{u}", "") for u in (rng.randint(1, 1000) for _ in range(rng.randint(1, 3)))]
    every = rng.uniform(60, 600)

    def records(r: random.Random, start: float, days: int) -> Iterator[dict[str, Any]]:
        c = Client(acct["account_id"], "internal", [probes[0][0]], [probes[0][1]])
        for t in _times(r, start, days, len(probes) * len(targets) * DAY / every * w.params.volume / 4):
            path, query = r.choice(targets)
            ip, agent = r.choice(probes)
            res = query.partition("=")[2] or path.rsplit("/", 1)[1]
            yield c.record(r, t, path, path.rsplit("/", 1)[0] if not query else "/2/tweets/search",
                           query=query, resource=res, items=r.randint(0, 10), ip=ip, agent=agent)
    return [(acct, _behaviour(acct, records), label("monitoring_tool"))]


# ---- careful harvesters ------------------------------------------------------------------------------


def cached_redownloader(w: World, rng: random.Random) -> list[Member]:
    """Re-downloads a watch list whole every day or so (a cache-like cadence), among cover lookups."""
    use = rng.choice(("research", "commercial", ""))
    acct = _account(w, rng, use=use, description=RESEARCH if use == "research" else "brand monitoring")
    c = Client(acct["account_id"], use, _server(w, rng), [rng.choice(SDK_AGENTS)])
    watch = [_skewed_id(rng) for _ in range(rng.randint(300, 2500))]
    every = rng.uniform(0.7, 2.0) * DAY

    def records(r: random.Random, start: float, days: int) -> Iterator[dict[str, Any]]:
        t = start + r.uniform(0, every)
        end = start + days * DAY
        while t < end:
            visit = t
            for uid in watch:
                if r.random() < 0.3:  # cover: a lookup like anyone's
                    other = _skewed_id(r)
                    yield c.record(r, visit, f"/2/users/{other}", "/2/users", resource=str(other))
                    visit += r.expovariate(1 / 3.0)
                if visit >= end:
                    return
                yield c.record(r, visit, f"/2/users/{uid}/tweets", "/2/users", resource=str(uid),
                               query="max_results=100", items=r.randint(60, 100))
                visit += r.expovariate(1 / 3.0)
            t += every * r.uniform(0.8, 1.2)
    return [(acct, _behaviour(acct, records), label("cached_redownloader", ("scraping",)))]


def _resold(w: World, rng: random.Random, acct: dict[str, Any], customers: list[tuple[str, str]],
            per_day: float) -> Callable[[random.Random, float, int], Iterator[dict[str, Any]]]:
    c = Client(acct["account_id"], acct.get("declared_use") or "", [customers[0][0]], [customers[0][1]])
    weights = [rng.paretovariate(1.2) for _ in customers]  # some customers far busier than others

    def records(r: random.Random, start: float, days: int) -> Iterator[dict[str, Any]]:
        for t in _times(r, start, days, per_day):
            ip, agent = r.choices(customers, weights)[0]
            if r.random() < 0.5:
                q = r.choice(TERMS) + (f" {r.choice(TERMS)}" if r.random() < 0.5 else "")
                yield c.record(r, t, "/2/tweets/search/recent", "/2/tweets/search", query=f"query={q}",
                               resource=q, items=r.randint(0, 100), ip=ip, agent=agent)
            else:
                uid = _skewed_id(r)
                yield c.record(r, t, f"/2/users/{uid}", "/2/users", resource=str(uid), ip=ip, agent=agent)
    return records


def _customers(w: World, rng: random.Random, agents: list[str], n: int) -> list[tuple[str, str]]:
    """End customers' servers: each its own network (cloud or office), calling with one of `agents`."""
    out = []
    for _ in range(n):
        cloud = f"{rng.choice(('34', '35', '52', '13', '18'))}.{rng.randint(0, 255)}.{rng.randint(0, 255)}"
        base = _server(w, rng)[0] if rng.random() < 0.6 else f"{cloud}.{rng.randint(2, 250)}"
        out.append((base, rng.choice(agents)))
    return out


def sdk_reseller(w: World, rng: random.Random) -> list[Member]:
    """Resells its key; customers call with the reseller's SDK (one or two agents) from their servers."""
    acct = _account(w, rng, use="commercial", description="analytics for our clients")
    sdk = f"socialdata-sdk/{rng.randint(1, 3)}.{rng.randint(0, 9)}"
    agents = [sdk] + ([f"{sdk} python"] if rng.random() < 0.5 else [])
    customers = _customers(w, rng, agents, rng.randint(10, 80))
    records = _resold(w, rng, acct, customers, rng.uniform(300, 2000) * w.params.volume)
    return [(acct, _behaviour(acct, records), label("sdk_reseller", ("tier_abuse",)))]


def reseller_network(w: World, rng: random.Random) -> list[Member]:
    """A reseller running a few paid accounts (separate cards), each key sold to its own customers."""
    net = f"resell_{rng.getrandbits(32):08x}"
    agents = [f"dataproxy/{rng.randint(1, 5)}.{rng.randint(0, 9)}", rng.choice(SDK_AGENTS)]
    out: list[Member] = []
    for _ in range(rng.randint(3, 5)):
        acct = _account(w, rng, use="commercial", description="social media analytics")
        customers = _customers(w, rng, agents, rng.randint(6, 25))
        records = _resold(w, rng, acct, customers, rng.uniform(100, 600) * w.params.volume)
        out.append((acct, _behaviour(acct, records), label("reseller_network", ("tier_abuse", "coordination"),
                                                           network=net)))
    return out


def residential_split_crawl(w: World, rng: random.Random) -> list[Member]:
    """A rival lab's crawl split over accounts on residential addresses (personal emails); some pay
    with one card, the rest are tied by nothing but their slices."""
    n = rng.randint(3, 6)
    net = f"rcrawl_{rng.getrandbits(32):08x}"
    first = rng.randint(1, ID_SPACE // 2)
    per_account = _sweep_rate(w, rng) / n * rng.uniform(1.0, 2.0)
    slice_len = int(per_account * w.params.days * 1.2)
    interleaved = rng.random() < 0.5
    card = w.payment(rng)
    out: list[Member] = []
    for j in range(n):
        extra = {"payment_fingerprint": card} if rng.random() < 0.5 else {}
        acct = _account(w, rng, use="research", description=RESEARCH, **extra)
        ips = [w.home_ip(rng) for _ in range(rng.randint(1, 4))]
        c = Client(acct["account_id"], "research", ips, [rng.choice(SDK_AGENTS)])

        def ids(k: int, j: int = j) -> int:
            return first + (k * n + j if interleaved else j * slice_len + k)

        records = _sweep(w, rng, c, ids, slice_len, per_account)
        out.append((acct, _behaviour(acct, records),
                    label("residential_split_crawl", ("scraping", "coordination"), network=net)))
    return out


DATA_HARD: dict[str, Callable[[World, random.Random], list[Member]]] = {
    "topic_researcher": topic_researcher, "panel_researcher": panel_researcher, "research_group": research_group,
    "archive_backfill": archive_backfill, "mobile_app": mobile_app, "cloud_app": cloud_app,
    "monitoring_tool": monitoring_tool,
}
DATA_CAREFUL: dict[str, Callable[[World, random.Random], list[Member]]] = {
    "cached_redownloader": cached_redownloader, "sdk_reseller": sdk_reseller, "reseller_network": reseller_network,
    "residential_split_crawl": residential_split_crawl,
}
