"""Data-API personas (issue 15): clients of a social network's API, benign and harvesting.

The API is the shape most data providers sell: user lookups by id (`/2/users/<id>`, resource: the
id), a user's timeline (`/2/users/<id>/tweets`), a recent search and a full-archive search
(`/2/tweets/search/recent|all?query=...&start_time=...&end_time=...`, resource: the query), and a
sampled firehose (`/2/tweets/sample/stream`, one long response). Records follow docs/data-apis.md
("What is recorded"): `kind: "data"`, method, path, query, resource, items, bytes, key_use.

Benign clients, each a hard negative for some signal:
- `data_dashboard`: polls the same few queries all day, cache-aware (since_id: only new items);
- `data_researcher`: a bounded random sample of users and one bounded period of the archive,
  declared as research;
- `firehose_consumer`: one stream, reconnecting now and then, a huge number of items;
- `news_app`: looks up users as they appear in the news (ids rising with time, sparse), some of
  them again (popular ones).
Harvesters (how careful they are follows `SimParams.carefulness`, `scraper_shuffle`, `cover_traffic`):
- `id_sweeper`: walks a range of user ids (shuffled within a window; careful ones skip, slow
  down and mix in cover lookups);
- `time_sweeper`: full-archive search walked window by window back in time;
- `split_crawl`: one organization's accounts each sweeping a disjoint slice of one id range;
- `redownloader`: re-fetches the whole timeline of a large watch list every few hours;
- `data_reseller`: one key used by many customers, from their own networks and agents;
- `rival_harvester`: a restricted organization's engineer sweeping the archive.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from moat.detect.sim.behaviour import DAY, Behaviour
from moat.detect.sim.personas import BROWSERS, Member, World, _email, label

RESEARCH = "academic research on public discourse"
TERMS = ("election", "climate", "vaccine", "football", "bitcoin", "ai", "earthquake", "music", "gaming",
         "inflation", "olympics", "nasa", "movies", "fashion", "recipes", "travel", "stocks", "privacy")
ID_SPACE = 2_000_000_000  # user ids of the simulated network
FRONTIER = 1_900_000_000  # the newest user id at the start; it rises by NEW_USERS a day
NEW_USERS = 400_000
SDK_AGENTS = ("python-requests/2.32", "tweepy/4.14", "node-fetch/3.3", "Go-http-client/2.0", "curl/8.4.0")

Records = Callable[[random.Random, float, int], Iterator[dict[str, Any]]]


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Client:
    """One account's identity on the wire and its request counter: builds records."""

    def __init__(self, aid: str, use: str, ips: list[str], agents: list[str]) -> None:
        self.aid, self.use, self.ips, self.agents = aid, use, ips, agents
        self.i = 0

    def record(self, rng: random.Random, ts: float, path: str, endpoint: str, *, query: str = "",
               resource: str | None = None, items: int = 1, stream: bool = False,
               ip: str | None = None, agent: str | None = None, key: int = 0) -> dict[str, Any]:
        i = self.i
        self.i += 1
        size = items * rng.randint(600, 1400) + 200
        return {
            "ts": round(ts, 3), "request_id": f"{self.aid}-d{i}", "account_id": self.aid,
            "key_id": f"{self.aid}-k{key}", "channel": "direct", "platform": None, "end_user_id": None,
            "end_user_org": None, "client_ip": ip or self.ips[0 if rng.random() < 0.9 else i % len(self.ips)],
            "user_agent": agent or self.agents[0], "endpoint": endpoint, "model": "", "conversation_id": None,
            "turn": None, "system": None, "prompt": query, "input_tokens": 0, "output_tokens": 0,
            "reasoning": False, "stream": stream, "status": 200, "decision": "allow",
            "kind": "data", "method": "GET", "path": path, "query": query or None, "resource": resource,
            "items": items, "bytes": size, "resources": None, "key_use": self.use or None,
        }


def _times(rng: random.Random, start: float, days: int, per_day: float, *, hours: tuple[float, float] = (0, 24),
           until: float | None = None) -> list[float]:
    """Request times at `per_day` (Poisson), inside `hours` of each day (UTC), sorted."""
    out: list[float] = []
    lo, hi = hours
    rate = per_day / ((hi - lo) * 3600)
    for day in range(days):
        t = start + day * DAY + lo * 3600
        end = start + day * DAY + hi * 3600
        while True:
            t += rng.expovariate(rate)
            if t >= end or (until is not None and t >= until):
                break
            out.append(t)
    return out


def _account(w: World, rng: random.Random, *, use: str, description: str = "", plan: str = "api",
             email: str | None = None, **extra: Any) -> dict[str, Any]:
    acct = w.account(rng, plan=plan, email=email or _email(rng), **extra)
    acct["created_at"] = round(w.params.start - rng.uniform(5, 400) * DAY, 3)
    if use:
        acct["declared_use"] = use
        acct["declared_use_description"] = description or None
    return acct


def _behaviour(acct: dict[str, Any], records: Records) -> Behaviour:
    def no_prompt(_r: random.Random, _i: int) -> tuple[str | None, str, int, int]:
        return None, "", 0, 0

    return Behaviour(acct["account_id"], 0.0, no_prompt, records=records)


def _server(w: World, rng: random.Random) -> list[str]:
    """A few addresses of one server range (a company's hosts)."""
    base = w.home_ip(rng).rsplit(".", 1)[0]
    return [f"{base}.{rng.randint(2, 250)}" for _ in range(rng.randint(1, 3))]


# ---- benign ----------------------------------------------------------------------------------------


def data_dashboard(w: World, rng: random.Random) -> list[Member]:
    """A brand-monitoring dashboard: a few queries polled all day, asking only for what is new."""
    acct = _account(w, rng, use=rng.choice(("commercial", "internal")),
                    description="social listening dashboard for our marketing team")
    c = Client(acct["account_id"], acct["declared_use"], _server(w, rng), [rng.choice(SDK_AGENTS)])
    queries = rng.sample(TERMS, rng.randint(2, 8))
    per_day = min(1200.0, len(queries) * 86400 / rng.uniform(120, 900)) * w.params.volume

    def records(r: random.Random, start: float, days: int) -> Iterator[dict[str, Any]]:
        since = {q: 0 for q in queries}
        for t in _times(r, start, days, per_day):
            q = r.choice(queries)
            since[q] += r.randint(1, 500)
            query = f"query={q}&since_id={since[q]}"
            if r.random() < 0.3:  # "the last hour" panels: a rolling window, asked for right away
                query += f"&start_time={iso(t - 3600)}&end_time={iso(t - 10)}"
            yield c.record(r, t, "/2/tweets/search/recent", "/2/tweets/search", query=query, resource=q,
                           items=min(100, int(r.expovariate(1 / 6))))
    return [(acct, _behaviour(acct, records), label("data_dashboard"))]


def data_researcher(w: World, rng: random.Random) -> list[Member]:
    """A bounded study: a random sample of users, and one period of the archive for a few queries."""
    acct = _account(w, rng, use="research", description=RESEARCH,
                    email=_email(rng, rng.choice(("uni-example.edu", "research.example.ac.uk"))))
    c = Client(acct["account_id"], "research", [w.home_ip(rng)], [rng.choice(SDK_AGENTS)])
    sample = rng.randint(500, 5000)
    queries = rng.sample(TERMS, rng.randint(1, 3))
    period = rng.randint(7, 30)  # days of the archive studied
    period_end = w.params.start - rng.uniform(30, 400) * DAY

    def records(r: random.Random, start: float, days: int) -> Iterator[dict[str, Any]]:
        windows = [(q, period_end - (k + 1) * DAY) for q in queries for k in range(period)]
        todo = sample + len(windows) * 3
        times = _times(r, start, days, todo / max(1, days - 1) * 1.5, hours=(8, 20))[:todo]
        for t in times:
            if windows and r.random() < len(windows) * 3 / todo:
                q, ws = windows[0]
                yield c.record(r, t, "/2/tweets/search/all", "/2/tweets/search",
                               query=f"query={q}&start_time={iso(ws)}&end_time={iso(ws + DAY)}&max_results=100",
                               resource=q, items=100)
                if r.random() < 0.34:
                    windows.pop(0)
            else:
                uid = r.randint(1, ID_SPACE)
                yield c.record(r, t, f"/2/users/{uid}", "/2/users", resource=str(uid))
    return [(acct, _behaviour(acct, records), label("data_researcher"))]


def firehose_consumer(w: World, rng: random.Random) -> list[Member]:
    """A licensed firehose: one long stream, reconnecting every few hours, a lot of items."""
    acct = _account(w, rng, use="commercial", description="real-time trend analytics product",
                    plan="enterprise")
    c = Client(acct["account_id"], "commercial", _server(w, rng), ["firehose-client/1.8"])
    per_s = rng.uniform(20, 200)

    def records(r: random.Random, start: float, days: int) -> Iterator[dict[str, Any]]:
        t = start + r.uniform(0, 3600)
        while t < start + days * DAY:
            length = r.uniform(1, 8) * 3600
            end = min(t + length, start + days * DAY)
            rec = c.record(r, end, "/2/tweets/sample/stream", "/2/tweets/sample/stream",
                           items=int((end - t) * per_s), stream=True)
            yield rec
            t = end + r.uniform(5, 120)
    return [(acct, _behaviour(acct, records), label("firehose_consumer"))]


def news_app(w: World, rng: random.Random) -> list[Member]:
    """A news app that looks up the users its stories mention, as they appear; popular ones again."""
    acct = _account(w, rng, use="commercial", description="news app showing profiles of people in the news")
    agent = f"newsapp-backend/{rng.randint(1, 9)}.{rng.randint(0, 9)}"
    c = Client(acct["account_id"], "commercial", _server(w, rng), [agent])
    per_day = rng.uniform(100, 1500) * w.params.volume
    popular = [rng.randint(1, FRONTIER) for _ in range(rng.randint(20, 200))]

    def records(r: random.Random, start: float, days: int) -> Iterator[dict[str, Any]]:
        for t in _times(r, start, days, per_day):
            if r.random() < 0.25:
                uid = r.choice(popular)
            else:  # someone recently joined, or anyone: the news decides
                frontier = FRONTIER + (t - w.params.start) / DAY * NEW_USERS
                uid = int(frontier - r.expovariate(1 / 2_000_000)) if r.random() < 0.5 else r.randint(1, FRONTIER)
            yield c.record(r, t, f"/2/users/{uid}", "/2/users", resource=str(uid))
    return [(acct, _behaviour(acct, records), label("news_app"))]


# ---- harvesters --------------------------------------------------------------------------------------


def _cover(w: World, rng: random.Random) -> bool:
    return rng.random() < w.params.cover_traffic


def _declared(rng: random.Random) -> tuple[str, str]:
    return rng.choice((("research", RESEARCH), ("research", "studying misinformation"),
                       ("commercial", "brand monitoring"), ("", "")))


def _sweep(w: World, rng: random.Random, c: Client, ids: Callable[[int], int], count: int,
           per_day: float, hours: tuple[float, float] = (0, 24)) -> Records:
    """Records of a sweep over `ids(k)` for k in 0..count, shuffled within a window, with cover."""
    p = w.params
    skip = 0.4 * p.carefulness  # careful sweepers leave gaps

    def records(r: random.Random, start: float, days: int) -> Iterator[dict[str, Any]]:
        order = list(range(count))
        win = max(1, p.scraper_shuffle)
        for s in range(0, count, win):
            block = order[s:s + win]
            r.shuffle(block)
            order[s:s + win] = block
        it = iter(order)
        for t in _times(r, start, days, per_day, hours=hours):
            if _cover(w, r):
                uid = r.randint(1, ID_SPACE)
            else:
                k = next(it, None)
                while k is not None and r.random() < skip:
                    k = next(it, None)
                if k is None:
                    return
                uid = ids(k)
            yield c.record(r, t, f"/2/users/{uid}", "/2/users", resource=str(uid))
    return records


def _sweep_rate(w: World, rng: random.Random) -> float:
    care = w.params.carefulness
    return rng.uniform(1500, 5000) * (1 - 0.8 * care) * w.params.volume


def id_sweeper(w: World, rng: random.Random) -> list[Member]:
    use, description = _declared(rng)
    acct = _account(w, rng, use=use, description=description)
    c = Client(acct["account_id"], use, _server(w, rng), [rng.choice(SDK_AGENTS)])
    first = rng.randint(1, ID_SPACE // 2)
    per_day = _sweep_rate(w, rng)
    count = int(per_day * w.params.days * 1.2)
    records = _sweep(w, rng, c, lambda k: first + k, count, per_day)
    return [(acct, _behaviour(acct, records), label("id_sweeper", ("scraping",)))]


def split_crawl(w: World, rng: random.Random) -> list[Member]:
    """One organization's accounts (one per team member's key) sweeping disjoint slices of one range."""
    org = rng.choice(w.orgs)
    n = rng.randint(3, 6)
    net = f"crawl_{rng.getrandbits(32):08x}"
    first = rng.randint(1, ID_SPACE // 2)
    per_account = _sweep_rate(w, rng) / n * rng.uniform(1.0, 2.0)
    slice_len = int(per_account * w.params.days * 1.2)
    interleaved = rng.random() < 0.5  # every n-th id, or contiguous slices
    use, description = _declared(rng)
    out: list[Member] = []
    for j in range(n):
        extra = {"org_id": org["org_id"]} if rng.random() < 0.5 else {"sso_tenant": org["sso_tenants"][0]}
        acct = _account(w, rng, use=use, description=description, email=_email(rng, org["domains"][0]), **extra)
        c = Client(acct["account_id"], use, _server(w, rng), [rng.choice(SDK_AGENTS)])

        def ids(k: int, j: int = j) -> int:
            return first + (k * n + j if interleaved else j * slice_len + k)

        records = _sweep(w, rng, c, ids, slice_len, per_account)
        out.append((acct, _behaviour(acct, records),
                    label("split_crawl", ("scraping", "coordination"), network=net, org=org["org_id"])))
    return out


def _archive_sweep(w: World, rng: random.Random, c: Client) -> Records:
    p = w.params
    care = p.carefulness
    queries = rng.sample(TERMS, rng.randint(1, 4))
    width = DAY if rng.random() < 0.7 else DAY / 4
    per_day = rng.uniform(800, 3000) * (1 - 0.75 * care) * p.volume
    pages = rng.randint(1, 4)

    def records(r: random.Random, start: float, days: int) -> Iterator[dict[str, Any]]:
        k = 0
        page = 0
        block: list[int] = []
        for t in _times(r, start, days, per_day):
            if _cover(w, r):  # recent searches like anyone's
                q = r.choice(TERMS)
                yield c.record(r, t, "/2/tweets/search/recent", "/2/tweets/search", query=f"query={q}",
                               resource=q, items=r.randint(0, 100))
                continue
            if not block:
                block = list(range(k, k + max(1, p.scraper_shuffle)))
                r.shuffle(block)
                k += len(block)
            w_end = start - DAY - block[-1] * width
            q = queries[block[-1] % len(queries)]
            query = f"query={q}&start_time={iso(w_end - width)}&end_time={iso(w_end)}&max_results=100"
            if page:
                query += f"&next_token={r.getrandbits(40):010x}"
            page += 1
            if page >= pages:
                page = 0
                block.pop()
            yield c.record(r, t, "/2/tweets/search/all", "/2/tweets/search", query=query, resource=q, items=100)
    return records


def time_sweeper(w: World, rng: random.Random) -> list[Member]:
    use, description = _declared(rng)
    acct = _account(w, rng, use=use, description=description)
    c = Client(acct["account_id"], use, _server(w, rng), [rng.choice(SDK_AGENTS)])
    return [(acct, _behaviour(acct, _archive_sweep(w, rng, c)), label("time_sweeper", ("scraping",)))]


def rival_harvester(w: World, rng: random.Random) -> list[Member]:
    """A restricted organization's engineer, on a work address, sweeping the archive for training data."""
    rival = rng.choice(w.rivals)
    acct = _account(w, rng, use="research", description="studying language on social media",
                    email=_email(rng, rival["domains"][0]))
    c = Client(acct["account_id"], "research", [w.rival_office_ip(rival, rng)], [rng.choice(SDK_AGENTS)])
    return [(acct, _behaviour(acct, _archive_sweep(w, rng, c)),
             label("rival_harvester", ("scraping", "competitor"), org=rival["org_id"]))]


def redownloader(w: World, rng: random.Random) -> list[Member]:
    """Re-fetches every timeline of a large watch list every few hours, whole, never cached."""
    p = w.params
    use, description = _declared(rng)
    acct = _account(w, rng, use=use, description=description)
    c = Client(acct["account_id"], use, _server(w, rng), [rng.choice(SDK_AGENTS)])
    watch = [rng.randint(1, FRONTIER) for _ in range(rng.randint(300, 2000))]
    every = rng.uniform(2, 6) * 3600 * (1 + 3 * p.carefulness)  # careful ones come back less often
    budget = 3000 * p.volume  # requests a day at most

    def records(r: random.Random, start: float, days: int) -> Iterator[dict[str, Any]]:
        t = start + r.uniform(0, every)
        gap = max(every / len(watch), DAY / budget)
        while t < start + days * DAY:
            for uid in watch:
                if t >= start + days * DAY:
                    return
                if not _cover(w, r):
                    yield c.record(r, t, f"/2/users/{uid}/tweets", "/2/users", resource=str(uid),
                                   query="max_results=100", items=r.randint(80, 100))
                t += r.expovariate(1 / gap)
            t += every * r.uniform(0.2, 0.6)
    return [(acct, _behaviour(acct, records), label("redownloader", ("scraping",)))]


def data_reseller(w: World, rng: random.Random) -> list[Member]:
    """One key resold: its customers call with it from their own networks and tools."""
    p = w.params
    acct = _account(w, rng, use="commercial", description="analytics for our clients")
    customers = [(w.home_ip(rng), rng.choice((*BROWSERS, *SDK_AGENTS)) + f" ({rng.getrandbits(16):04x})")
                 for _ in range(rng.randint(15, 120))]
    proxies = [w.home_ip(rng) for _ in range(rng.randint(2, 4))]
    c = Client(acct["account_id"], "commercial", proxies, [rng.choice(SDK_AGENTS)])
    per_day = rng.uniform(200, 1500) * p.volume
    via_proxy = 0.8 * p.carefulness  # careful resellers front most calls through a few proxies

    def records(r: random.Random, start: float, days: int) -> Iterator[dict[str, Any]]:
        for t in _times(r, start, days, per_day):
            ip, agent = r.choice(customers)
            if r.random() < via_proxy:
                ip = r.choice(proxies)
            if r.random() < 0.5:
                q = r.choice(TERMS)
                yield c.record(r, t, "/2/tweets/search/recent", "/2/tweets/search", query=f"query={q}",
                               resource=q, items=r.randint(0, 100), ip=ip, agent=agent)
            else:
                uid = r.randint(1, FRONTIER)
                yield c.record(r, t, f"/2/users/{uid}", "/2/users", resource=str(uid), ip=ip, agent=agent)
    return [(acct, _behaviour(acct, records), label("data_reseller", ("tier_abuse",)))]


DATA_BENIGN: dict[str, Callable[[World, random.Random], list[Member]]] = {
    "data_dashboard": data_dashboard, "data_researcher": data_researcher,
    "firehose_consumer": firehose_consumer, "news_app": news_app,
}
DATA_ABUSE: dict[str, Callable[[World, random.Random], list[Member]]] = {
    "id_sweeper": id_sweeper, "time_sweeper": time_sweeper, "split_crawl": split_crawl,
    "redownloader": redownloader, "data_reseller": data_reseller, "rival_harvester": rival_harvester,
}
