"""Abusive personas: distillation networks and lone distillers, scrapers, tier abuse, rivals.

How careful they are comes from `SimParams`: `carefulness` (0 sloppy .. 1 careful) scales the
newer adversaries' per-account volume, plan and user-agent diversity, schedule participation and
residential egress; the specific fields set jitter, paraphrase rate and depth (new sentence
structures, not only synonyms), proxy diversity, shared cards, staggered signups, explicit
elicitation, cover chatter, shuffled keyspaces and the number of affiliation signals.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from moat.detect.sim import text as tx
from moat.detect.sim.behaviour import DAY, Behaviour
from moat.detect.sim.personas import BROWSERS, FREEMAIL, SDKS, Member, World, _email, _human, label

MIN_NETWORK = 3  # accounts an operation needs to be labelled a network (fewer are each on their own)


class _DistillPrompts:
    """A distillation operation's prompt generator (a `PromptFn`), with repeated sampling."""

    def __init__(self, templates: list[str], systems: list[str], domains: list[str], w: World) -> None:
        self.templates, self.systems, self.domains, self.p = templates, systems, domains, w.params
        self.last: tuple[str | None, str, int, int] | None = None
        self.again = 0  # more samples of `last` to ask for

    def __call__(self, r: random.Random, i: int) -> tuple[str | None, str, int, int]:
        if self.last is not None and self.again > 0:
            self.again -= 1
            return self.last
        self.last = self._fresh(r)
        self.again = r.randint(1, 3) if r.random() < self.p.multi_sample else 0
        return self.last

    def _fresh(self, r: random.Random) -> tuple[str | None, str, int, int]:
        p = self.p
        if r.random() < p.cover_traffic:  # ordinary chatter as cover
            return None, tx.chatter(r), r.randint(0, 60), 150
        d = r.choice(self.domains)
        if r.random() < p.paraphrase_depth:  # recast in another sentence structure
            prompt = tx.restructure(r, r.choice(tx.SUBJECTS[d]), d.replace("_", " "))
        else:
            prompt = r.choice(self.templates).format(s=r.choice(tx.SUBJECTS[d]), d=d.replace("_", " "))
        prompt = tx.paraphrase(r, prompt, p.paraphrase_rate)
        if r.random() < 0.7 * (1 - p.carefulness):  # seed data from the generator keeps prompts unique
            prompt = f"{prompt} Focus on {tx.token(r, 2)} {tx.token(r, 3)}."
        system: str | None = r.choice(self.systems)
        if r.random() < p.carefulness * 0.6:  # careful operations vary or drop the shared system prompt
            system = r.choice((None, "You are a helpful assistant.", f"You are {r.choice(tx.SYLLABLES)}bot."))
        if r.random() < p.elicit_phrase_rate:
            if r.random() < 0.5:
                system = f"{system or ''} {r.choice(tx.ELICIT_PHRASES)}".strip()
            else:
                prompt = f"{prompt} {r.choice(tx.ELICIT_PHRASES)}"
        return system, prompt, r.randint(0, 60), r.randint(900, 2500)


def _operation(w: World, rng: random.Random) -> tuple[list[str], list[str], list[str]]:
    templates = tx.make_templates(rng, rng.randint(4, 12))
    systems = [f"You are {rng.choice(('an expert', 'a world-class', 'a meticulous'))} "
               f"{rng.choice(('tutor', 'assistant', 'scientist'))} ({tx.token(rng, 2)})."
               for _ in range(rng.randint(1, 3))]
    narrow = rng.random() < w.params.narrow_networks
    domains = rng.sample(tx.DOMAINS, rng.randint(2, 3) if narrow else rng.randint(15, len(tx.DOMAINS)))
    return templates, systems, domains


def _proxies(w: World, rng: random.Random) -> list[str]:
    """Proxy ranges an operation rents: datacenter /24s, or (careful) a commercial VPN's shared exits."""
    p = w.params
    return [w.shared_range(rng, "vpn") if w.shared and rng.random() < p.carefulness * 0.5
            else f"{rng.choice((185, 193, 45, 91))}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.0/24"
            for _ in range(max(1, p.proxy_ranges))]


def _egress(w: World, proxies: list[str], residential: float) -> Callable[[random.Random, float], str]:
    """Rotating egress: a fresh residential address with probability `residential`, else a proxy."""
    def pick(r: random.Random, t: float) -> str:
        if r.random() < residential:
            return w.home_ip(r)
        return w.ip_in(r.choice(proxies), r)
    return pick


def _signups(w: World, rng: random.Random) -> float:
    """When an operation starts signing up accounts (they follow over `signup_spread_days`)."""
    p = w.params
    if rng.random() < 0.7:
        return p.start - p.signup_spread_days * DAY - rng.uniform(0, 30) * DAY
    return p.start + rng.uniform(0, p.days * 0.7) * DAY


def _signed_up(w: World, rng: random.Random, burst: float, least: float) -> float:
    """One account's signup after its operation's `burst`, over `signup_spread_days` (at least
    `least` days). An operation that starts inside the window signs its accounts up over the days
    left (most of them): it opens accounts to use them, not for after the recording ends."""
    p = w.params
    spread = max(least, p.signup_spread_days) * DAY
    if burst >= p.start:
        spread = min(spread, max(least * DAY, 0.8 * (p.start + p.days * DAY - burst)))
    return round(burst + rng.uniform(0, spread), 3)


def _rival_tie(w: World, rng: random.Random, rival: dict[str, Any], kinds: tuple[str, ...]) -> dict[str, Any]:
    """Exclusive evidence tying an account to a rival: its card, SSO tenant, verified domain or office range."""
    extra: dict[str, Any] = {}
    for kind in rng.sample(kinds, min(len(kinds), max(1, w.params.rival_links))):
        if kind == "payment":
            extra["payment_fingerprint"] = rng.choice(rival["payment_fingerprints"])
        elif kind == "sso":
            extra["sso_tenant"] = rival["sso_tenants"][0]
        elif kind == "email":
            extra["email"] = _email(rng, rival["domains"][0])
        elif kind == "signup_ip":
            extra["signup_ip"] = w.rival_office_ip(rival, rng)
    return extra


def distill_network(w: World, rng: random.Random) -> list[Member]:
    """Tens of accounts acting as one operation harvesting the model's answers.

    Shared templates (recast in new sentence structures at `paraphrase_depth`), a shared schedule
    of work windows (each account joins some, jittered), a few shared cards, rented proxies and
    rotating residential addresses, signups staggered over `signup_spread_days`. Careful networks
    keep per-account volume low, mix plans and user agents, vary the system prompt, pace some
    accounts on their own instead of the shared schedule and mix in ordinary chatter. Some
    networks are run by a rival: one or two members carry exclusive evidence (its card or SSO).
    """
    p = w.params
    care = p.carefulness
    net = f"net_{rng.getrandbits(32):08x}"
    templates, systems, domains = _operation(w, rng)
    proxies = _proxies(w, rng)
    cards = [w.payment(rng) for _ in range(rng.randint(1, 3))]
    burst = _signups(w, rng)
    schedule = []
    for day in range(p.days):
        for _ in range(rng.randint(3, 8)):
            schedule.append((p.start + day * DAY + rng.uniform(0, 23) * 3600, rng.uniform(1200, 5400)))
    rate = rng.uniform(80, 300) * (1 - 0.75 * care)
    plan = rng.choice(("api", "api", "pro"))
    net_ua = rng.choice(SDKS)
    picker = _egress(w, proxies, p.residential_share)
    size = rng.randint(*p.network_size)
    rival = rng.choice(w.rivals) if w.rivals and rng.random() < p.rival_in_network else None
    insiders = set(rng.sample(range(size), rng.randint(1, 2))) if rival else set()
    out = []
    for k in range(size):
        shared = rng.random() < p.shared_payment
        acct = w.account(rng, plan=rng.choice(("free", "pro", "api", "max")) if rng.random() < care else plan,
                         email=_email(rng),
                         created_at=_signed_up(w, rng, burst, 0.25),
                         payment_fingerprint=rng.choice(cards) if shared else w.payment(rng),
                         signup_ip=picker(rng, 0.0))
        cats: tuple[str, ...] = ("distillation", "coordination")
        org = None
        if rival is not None:
            # The rival's insiders carry its card or SSO tenant; the network they run is the
            # rival's (issue 11 item 4: a network inherits its tied members' affiliation).
            if k in insiders:
                acct.update(_rival_tie(w, rng, rival, ("payment", "sso")))
            cats, org = (*cats, "competitor"), str(rival["org_id"])
        ua = rng.choice(SDKS + BROWSERS) if rng.random() < care else net_ua
        under_limits = 0.3 if acct["plan"] == "free" else 1.0  # free accounts stay under the daily quota
        b = Behaviour(acct["account_id"], rate * under_limits * rng.uniform(0.6, 1.4) * p.volume,
                      _DistillPrompts(templates, systems, domains, w), timing="sync",
                      schedule=schedule, sync_jitter=p.jitter_s, sync_p=0.85 - 0.45 * care, continue_p=0.02,
                      reasoning_p=p.reasoning_flag_rate, ip_picker=picker, uas=[ua])
        if rng.random() < care * 0.5:  # paced on its own like a person, not on the shared schedule
            b.timing, b.tz, b.session_len, b.gap_s = "human", rng.choice((-8.0, -5.0, 0.0, 1.0, 8.0)), 6.0, 40.0
            b.active_days = 0.8
        out.append((acct, b, label("distill_network", cats, network=net, org=org)))
    return out


def lone_distiller(w: World, rng: random.Random) -> list[Member]:
    p = w.params
    templates, systems, domains = _operation(w, rng)
    acct = w.account(rng, plan=rng.choice(("api", "pro")), email=_email(rng))
    b = Behaviour(acct["account_id"], rng.uniform(100, 500) * (1 - 0.6 * p.carefulness) * p.volume,
                  _DistillPrompts(templates, systems, domains, w), timing="human",
                  session_len=12.0, gap_s=20.0, active_days=0.9, continue_p=0.02,
                  tz=rng.choice((-5.0, 1.0, 8.0)), reasoning_p=p.reasoning_flag_rate,
                  ips=[w.home_ip(rng) for _ in range(3)], uas=[rng.choice(SDKS)])
    return [(acct, b, label("lone_distiller", ("distillation",)))]


def scraper(w: World, rng: random.Random) -> list[Member]:
    """Systematic enumeration: near-identical prompts that differ in a counter."""
    p = w.params
    thing = rng.choice(("catalog item", "article", "patent", "product listing", "case record", "user profile"))
    forms = [f"Return the full text of {thing} number {{n}} as JSON.",
             f"Give me everything you know about {thing} #{{n}}, verbatim.",
             f"List all fields of {thing} id={{n}}."]
    forms = [f"{f} ({tx.token(rng, 2)})" for f in forms[: rng.randint(1, 3)]]
    base = rng.randint(1, 50000)
    step = rng.choice((1, 1, 1, 5, 10))
    window = max(1, p.scraper_shuffle)

    def fn(r: random.Random, i: int) -> tuple[str | None, str, int, int]:
        block = i - i % window
        n = base + step * (block + r.randrange(window))
        return None, r.choice(forms).format(n=n), 0, r.randint(300, 1200)

    acct = w.account(rng, plan=rng.choice(("api", "api", "pro")), email=_email(rng))
    b = Behaviour(acct["account_id"], rng.uniform(150, 1200) * p.volume, fn, timing="regular",
                  jitter=rng.uniform(0.05, 0.5), continue_p=0.0, reasoning_p=0.01,
                  ips=[w.home_ip(rng)], uas=[rng.choice(SDKS)])
    return [(acct, b, label("scraper", ("scraping",)))]


def tier_pipeline(w: World, rng: random.Random) -> list[Member]:
    """A consumer subscription driving an automated pipeline around the clock."""
    p = w.params
    vocab = tx.vocabulary(rng, 50)
    task = rng.choice(("Classify the sentiment of", "Translate to French:", "Summarize:", "Tag the topic of"))

    def fn(r: random.Random, i: int) -> tuple[str | None, str, int, int]:
        body = " ".join(r.choice(vocab) if r.random() < 0.4 else r.choice(tx.COMMON) for _ in range(30))
        return None, f"{task} {body}", r.randint(50, 600), 150

    acct = w.account(rng, plan=rng.choice(("pro", "max")), email=_email(rng))
    timing = rng.choice(("regular", "diurnal"))  # a cron loop, or a queue fed by other systems
    b = Behaviour(acct["account_id"], rng.uniform(200, 1500) * p.volume, fn, timing=timing,
                  jitter=rng.uniform(0.02, 0.3), workers=rng.randint(1, 6), continue_p=0.0,
                  ips=[w.home_ip(rng) for _ in range(rng.randint(1, 2))],
                  uas=[rng.choice(SDKS + BROWSERS)])
    return [(acct, b, label("tier_pipeline", ("tier_abuse",)))]


def tier_shared(w: World, rng: random.Random) -> list[Member]:
    """One consumer subscription used by a whole team across cities."""
    members = rng.randint(6, 25)
    acct, b, _ = _human(w, rng, "tier_shared", plan=rng.choice(("max", "pro")),
                        domains=rng.sample(tx.DOMAINS, 6), rate=members * rng.uniform(10, 30),
                        active_days=0.9)
    b.members = members
    b.ips = [w.home_ip(rng) for _ in range(members)]
    b.uas = [f"{rng.choice(BROWSERS)} ({tx.token(rng, 2)})" for _ in range(members)]
    return [(acct, b, label("tier_shared", ("tier_abuse",)))]


def rival_personal(w: World, rng: random.Random, platform: bool = False) -> list[Member]:
    """A rival's employee on a personal account, tied to the rival by exclusive evidence.

    The evidence varies in strength and number (`rival_links`): the rival's company card, its SSO
    tenant, a verified mailbox on its domain, a signup from a range only it uses (and then work
    from there too). Through an IDE platform the tie is the platform's attested end_user_org (the
    rival's domain), with the platform's relays, agent and system prompt hiding everything else.
    """
    rival = rng.choice(w.rivals)
    kinds = ("payment", "signup_ip", "sso", "email")
    extra = {} if platform and rng.random() < 0.7 else _rival_tie(w, rng, rival, kinds)
    m = _human(w, rng, "rival_platform" if platform else "rival_personal",
               plan=rng.choice(("pro", "api", "free")), rate=rng.uniform(20, 120) if platform else rng.uniform(5, 60),
               domains=["machine_learning", "python", rng.choice(tx.DOMAINS)], extra=extra,
               cats=("competitor",), org=rival["org_id"])
    b = m[1]
    if platform:
        name = rng.choice(list(w.platforms))
        relays, system = w.platforms[name]
        inner = b.prompt

        def fn(r: random.Random, i: int) -> tuple[str | None, str, int, int]:
            _, prompt, extra_in, out = inner(r, i)
            return system, prompt, extra_in + r.randint(500, 6000), out

        b.prompt, b.channel, b.platform, b.uas = fn, "platform", name, [f"{name}-relay/3.{rng.randint(0, 4)}"]
        b.end_users = [(f"{name[:2]}_u_{rng.getrandbits(32):08x}", rival["domains"][0])]
        b.ip_picker = lambda r, t: r.choice(relays)
    elif "signup_ip" in extra:  # signed up at the office, works from there too
        b.ips = [w.rival_office_ip(rival, rng), *b.ips]
    return [m]


def rival_platform(w: World, rng: random.Random) -> list[Member]:
    return rival_personal(w, rng, platform=True)


def keyspace_scraper(w: World, rng: random.Random) -> list[Member]:
    """A scraper walking keyspaces: numbers, an alphabet, a catalogue, a grid of capability probes.

    Two to four keyspaces (every number from 1800, words beginning with each letter, every country,
    every chemical element, every stdlib function, language x task grids) walked in order but
    shuffled within `scraper_shuffle`; careful scrapers phrase each key several ways, paraphrase,
    pace like a person and mix in ordinary chatter (`cover_traffic`): scraping.
    """
    p = w.params
    care = p.carefulness
    keys: list[str] = []
    forms: list[str] = []
    for kind in rng.sample(tx.KEYSPACES, rng.randint(2, 4)):
        ks, phrasings = tx.keyspace(rng, kind)
        keys += [f"{kind}\t{x}" for x in ks]
        forms_k = phrasings if rng.random() < care else phrasings[:1]
        forms += [f"{kind}\t{x}" for x in forms_k]
    window = max(1, p.scraper_shuffle)
    order = []
    for lo in range(0, len(keys), window):
        block = keys[lo:lo + window]
        rng.shuffle(block)
        order += block
    by_kind: dict[str, list[str]] = {}
    for f in forms:
        kind, text = f.split("\t", 1)
        by_kind.setdefault(kind, []).append(text)

    def fn(r: random.Random, i: int) -> tuple[str | None, str, int, int]:
        if r.random() < p.cover_traffic:
            return None, tx.chatter(r), 0, 150
        kind, key = order[i % len(order)].split("\t", 1)
        prompt = r.choice(by_kind[kind]).format(k=key)
        return None, tx.paraphrase(r, prompt, p.paraphrase_rate * care), 0, r.randint(300, 1200)

    acct = w.account(rng, plan=rng.choice(("api", "api", "pro", "free")), email=_email(rng))
    rate = rng.uniform(60, 300) * (1 - 0.5 * care) * p.volume
    if rng.random() < care:  # paced like a person, rotating addresses
        b = Behaviour(acct["account_id"], rate, fn, timing="human", session_len=25.0, gap_s=15.0, active_days=0.9,
                      continue_p=0.05, reasoning_p=0.02, tz=rng.choice((-5.0, 1.0, 8.0)),
                      ips=[w.home_ip(rng) for _ in range(rng.randint(2, 6))], uas=[rng.choice(BROWSERS + SDKS)])
    else:
        b = Behaviour(acct["account_id"], rate, fn, timing="regular", jitter=rng.uniform(0.05, 0.5),
                      continue_p=0.0, reasoning_p=0.01, ips=[w.home_ip(rng)], uas=[rng.choice(SDKS)])
    return [(acct, b, label("keyspace_scraper", ("scraping",)))]


FARM_TASKS = ("Summarize this customer review in one sentence:", "Write an SEO product description for:",
              "Classify the intent of this support message:", "Write a unit test for the function:",
              "Rewrite this paragraph in different words:", "Extract the company names from:")


def free_farm(w: World, rng: random.Random) -> list[Member]:
    """A free-plan farm: dozens of free accounts, each under the free tier's limits, on one workload.

    Throwaway mailboxes, no cards; a job scheduler splits one corpus across the accounts and wakes
    them in shared batches. Sloppy farms sign up in one burst with numbered mailboxes from one
    proxy and one client; careful ones stagger signups over weeks, rotate residential addresses,
    drive the web app with browser agents and phrase the task several ways: tier_abuse +
    coordination.
    """
    p = w.params
    care = p.carefulness
    net = f"farm_{rng.getrandbits(32):08x}"
    task = rng.choice(FARM_TASKS)
    forms = [task] if rng.random() > care else [task, *rng.sample(FARM_TASKS, 2)]
    vocab = tx.vocabulary(rng, 80)
    proxies = _proxies(w, rng)
    picker = _egress(w, proxies, max(p.residential_share, 0.8 * care))
    schedule = []
    for day in range(p.days):
        for _ in range(rng.randint(4, 12)):
            schedule.append((p.start + day * DAY + rng.uniform(0, 23.5) * 3600, rng.uniform(600, 2400)))
    burst = _signups(w, rng)
    stem, mail = tx.token(rng, 3), rng.choice(FREEMAIL)
    farm_ua = rng.choice(SDKS)

    def fn(r: random.Random, i: int) -> tuple[str | None, str, int, int]:
        body = " ".join(r.choice(vocab) if r.random() < 0.5 else r.choice(tx.COMMON) for _ in range(r.randint(15, 40)))
        return None, tx.paraphrase(r, f"{r.choice(forms)} {body}", p.paraphrase_rate * care), r.randint(0, 200), 200

    out = []
    for k in range(rng.randint(*p.farm_size)):
        email = _email(rng) if rng.random() < care else f"{stem}{k + rng.randint(1, 9)}@{mail}"
        acct = w.account(rng, plan="free", email=email, payment_fingerprint=None, signup_ip=picker(rng, 0.0),
                         created_at=_signed_up(w, rng, burst, 0.1))
        b = Behaviour(acct["account_id"], rng.uniform(15, 40) * p.volume, fn, timing="sync", schedule=schedule,
                      sync_jitter=p.jitter_s, sync_p=0.9 - 0.4 * care, continue_p=0.0, reasoning_p=0.0,
                      ip_picker=picker, uas=[rng.choice(BROWSERS) if rng.random() < care else farm_ua])
        out.append((acct, b, label("free_farm", ("tier_abuse", "coordination"), network=net)))
    return out


def reseller(w: World, rng: random.Random) -> list[Member]:
    """A reseller: a few pro/max subscriptions resold as cheap access to dozens of customers.

    Each account carries many customers at once: many addresses in many countries, many user
    agents, concurrent sessions around the clock; some resellers front them through a relay in a
    cloud range (shared with ordinary cloud users). Three or more accounts make a network (a few
    shared cards, one storefront): tier_abuse (+ coordination).
    """
    p = w.params
    care = p.carefulness
    n = rng.randint(*p.reseller_accounts)
    net = f"resell_{rng.getrandbits(32):08x}" if n >= MIN_NETWORK else None
    cards = [w.payment(rng) for _ in range(rng.randint(1, 2))]
    relay = [w.ip_in(w.shared_range(rng, "cloud"), rng) for _ in range(2)] if rng.random() < 0.3 else None
    burst = _signups(w, rng)
    out = []
    for _ in range(n):
        customers = rng.randint(15, 60)
        signup = _signed_up(w, rng, burst, 0.1)
        card = w.payment(rng) if rng.random() < care else rng.choice(cards)
        acct, b, _ = _human(w, rng, "reseller", plan=rng.choice(("max", "max", "pro")),
                            domains=rng.sample(tx.DOMAINS, 8), rate=customers * rng.uniform(3, 10), active_days=0.95,
                            extra={"payment_fingerprint": card, "created_at": round(signup, 3)})
        b.members = customers
        b.ips = list(relay) if relay else [w.home_ip(rng) for _ in range(customers)]
        b.uas = [f"{rng.choice(BROWSERS)} ({tx.token(rng, 2)})" for _ in range(customers)]
        cats = ("tier_abuse", "coordination") if net else ("tier_abuse",)
        out.append((acct, b, label("reseller", cats, network=net)))
    return out


def credit_relay(w: World, rng: random.Random) -> list[Member]:
    """A resale relay on trial credit: API accounts without a card, each drained and dropped.

    The relay resells access to its own customers (all kinds of chat and code, many languages);
    the provider's trial credit pays for it. Each account is used until its credit is nearly gone,
    then dropped for the next. Sloppy relays open each account on their server when the previous
    one runs dry, relay through one address with their own client, and drain the credit to the
    end; careful ones age accounts bought elsewhere (residential signups, months old), keep two or
    three in use at a time, rotate a few relay addresses, pass their customers' own SDK user
    agents through, and stop each at 80-95% of its credit: tier_abuse + coordination.
    """
    p = w.params
    care = p.carefulness
    net = f"relay_{rng.getrandbits(32):08x}"
    base = f"{rng.choice((65, 95, 88, 135))}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.0/24"
    addrs = [w.ip_in(base, rng) for _ in range(1 if rng.random() > care else rng.randint(3, 5))]
    clients = [rng.choice(SDKS)] if rng.random() > care else rng.sample(SDKS, min(3, len(SDKS)))
    credit = rng.randint(150, 300)  # requests one account's credit pays for
    parallel = 1 if rng.random() > care else rng.randint(2, 3)
    vocab = tx.vocabulary(rng, 120)

    def fn(r: random.Random, i: int) -> tuple[str | None, str, int, int]:
        _, ask = tx.casual_prompt(r, r.sample(tx.DOMAINS, 2), vocab)
        return None, ask, r.randint(200, 1500), 400

    out = []
    t = p.start + rng.uniform(0, 1.0) * DAY
    for k in range(rng.randint(*p.relay_accounts)):
        life = rng.uniform(2, 10) * 3600
        start = t + (k % parallel) * rng.uniform(0.2, 0.8) * life
        if start + life > p.start + p.days * DAY:
            break
        aged = rng.random() < care
        acct = w.account(rng, plan="api", email=_email(rng), payment_fingerprint=None,
                         signup_ip=w.home_ip(rng) if aged else rng.choice(addrs),
                         created_at=round(start - (rng.uniform(30, 200) * DAY if aged else rng.uniform(60, 900)), 3))
        used = credit * (rng.uniform(0.8, 0.95) if rng.random() < care else rng.uniform(0.98, 1.02))
        b = Behaviour(acct["account_id"], used, fn, timing="runs", schedule=[(start, life)], continue_p=0.0,
                      reasoning_p=0.05, uas=clients, ip_picker=lambda r, ts: r.choice(addrs))
        out.append((acct, b, label("credit_relay", ("tier_abuse", "coordination"), network=net)))
        if k % parallel == parallel - 1:
            t += life * rng.uniform(0.9, 1.6)
    return out


PROJECT_ASKS = ("Continue chapter {c} of '{t}' from the last scene, about 1500 words.",
                "Rewrite the dialogue in chapter {c} of '{t}' so it sounds more natural.",
                "Summarise chapters 1-{c} of '{t}' so I keep the characters consistent.",
                "Give me three ways chapter {c} of '{t}' could end.",
                "Tighten the pacing of the opening of chapter {c} of '{t}'.")


def subscription_cycler(w: World, rng: random.Random) -> list[Member]:
    """One person on a consumer plan's trials, one subscription after another on one project.

    A writer (or a student, an app builder) opens a `pro` or `max` subscription, works on the same
    novel for its trial, a day or so, drops it and opens the next. Each account is one person's
    ordinary use; only the succession shows: the lives follow one another, the work handed on.
    Sloppy cyclers reuse the card, the signup address and the browser; careful ones pay with a new
    card, sign up on the phone and switch browsers, but still write from home: tier_abuse +
    coordination.
    """
    p = w.params
    care = p.carefulness
    net = f"cycle_{rng.getrandbits(32):08x}"
    home = w.home_ip(rng)
    card = w.payment(rng)
    device = rng.choice(BROWSERS)
    title = " ".join(tx.token(rng, 2).capitalize() for _ in range(3))
    tz = rng.choice((-5.0, 0.0, 1.0, 7.0, 8.0))
    chapter = rng.randint(2, 9)
    out = []
    t = p.start + rng.uniform(0, 0.5) * DAY
    end = p.start + p.days * DAY
    longest = (end - t) / (1.15 * MIN_NETWORK)  # a short window still holds three lives
    for _ in range(rng.randint(*p.cycler_accounts)):
        life = min(rng.uniform(0.8, 1.6) * DAY, longest)
        if t + life > end:
            break
        acct = w.account(rng, plan=rng.choice(("pro", "pro", "max")), email=_email(rng, "gmail.com"),
                         payment_fingerprint=w.payment(rng) if rng.random() < care else card,
                         signup_ip=w.home_ip(rng) if rng.random() < care else home,
                         created_at=round(t - rng.uniform(300, 3600), 3))
        # writing sessions through the life, awake hours only
        sessions = [(day + (hour - tz) * 3600, rng.uniform(1.0, 3.0) * 3600)
                    for day in (t - t % DAY + k * DAY for k in range(3)) for hour in (9.5, 14.0, 20.5)
                    if t <= day + (hour - tz) * 3600 < t + life and rng.random() < 0.8]
        first = chapter

        def fn(r: random.Random, i: int, first: int = first) -> tuple[str | None, str, int, int]:
            return None, r.choice(PROJECT_ASKS).format(c=first + i // 25, t=title), r.randint(200, 2000), 1800

        b = Behaviour(acct["account_id"], rng.uniform(8, 18) * p.volume, fn, timing="runs", schedule=sessions,
                      continue_p=0.3, reasoning_p=0.05, tz=tz, ips=[home, home, home, w.home_ip(rng)],
                      uas=[rng.choice(BROWSERS) if rng.random() < care else device])
        out.append((acct, b, label("subscription_cycler", ("tier_abuse", "coordination"), network=net)))
        chapter += 2
        t += life * rng.uniform(1.0, 1.15)
    if len(out) < MIN_NETWORK:  # a window too short for a rotation: a subscription or two, no network
        return [(acct, b, label("subscription_cycler", ("tier_abuse",))) for acct, b, _ in out]
    return out


ABUSE: dict[str, Callable[[World, random.Random], list[Member]]] = {
    "distill_network": distill_network, "lone_distiller": lone_distiller, "scraper": scraper,
    "keyspace_scraper": keyspace_scraper, "tier_pipeline": tier_pipeline, "tier_shared": tier_shared,
    "free_farm": free_farm, "reseller": reseller, "credit_relay": credit_relay,
    "subscription_cycler": subscription_cycler,
    "rival_personal": rival_personal, "rival_platform": rival_platform,
}
