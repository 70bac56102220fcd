"""Abusive personas: distillation networks and lone distillers, scrapers, tier abuse, rivals.

How careful they are comes from `SimParams` (jitter, paraphrase rate, proxy diversity, shared
cards, explicit elicitation, shuffled counters, number of affiliation signals).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from moat.detect.sim import text as tx
from moat.detect.sim.behaviour import DAY, Behaviour
from moat.detect.sim.personas import BROWSERS, SDKS, Member, World, _email, _human, label


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
        d = r.choice(self.domains)
        prompt = r.choice(self.templates).format(s=r.choice(tx.SUBJECTS[d]), d=d.replace("_", " "))
        prompt = tx.paraphrase(r, prompt, p.paraphrase_rate)
        if r.random() < 0.7:  # seed data from the operation's generator keeps prompts unique
            prompt = f"{prompt} Focus on {tx.token(r, 2)} {tx.token(r, 3)}."
        system = r.choice(self.systems)
        if r.random() < p.elicit_phrase_rate:
            if r.random() < 0.5:
                system = f"{system} {r.choice(tx.ELICIT_PHRASES)}"
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


def distill_network(w: World, rng: random.Random) -> list[Member]:
    """Tens of accounts acting as one: shared templates, schedule, cards, proxies, signup burst."""
    p = w.params
    net = f"net_{rng.getrandbits(32):08x}"
    templates, systems, domains = _operation(w, rng)
    proxies = [f"185.{rng.randint(0, 255)}.{rng.randint(0, 255)}.0/24" for _ in range(max(1, p.proxy_ranges))]
    cards = [w.payment(rng) for _ in range(rng.randint(1, 3))]
    burst = p.start - rng.uniform(0, 30) * DAY if rng.random() < 0.7 else p.start + rng.uniform(0, p.days) * DAY
    schedule = []
    for day in range(p.days):
        for _ in range(rng.randint(3, 8)):
            schedule.append((p.start + day * DAY + rng.uniform(0, 23) * 3600, rng.uniform(1200, 5400)))
    rate = rng.uniform(80, 300)
    plan = rng.choice(("api", "api", "pro"))
    out = []

    def picker(r: random.Random) -> str:
        if r.random() < p.residential_share:
            return w.home_ip(r)
        return w.ip_in(r.choice(proxies), r)

    for _ in range(rng.randint(*p.network_size)):
        shared = rng.random() < p.shared_payment
        acct = w.account(rng, plan=plan, email=_email(rng),
                         created_at=round(burst + rng.uniform(0, 6 * 3600), 3),
                         payment_fingerprint=rng.choice(cards) if shared else w.payment(rng),
                         signup_ip=picker(rng))
        b = Behaviour(acct["account_id"], rate * rng.uniform(0.7, 1.3) * p.volume,
                      _DistillPrompts(templates, systems, domains, w), timing="sync",
                      schedule=schedule, sync_jitter=p.jitter_s, continue_p=0.02,
                      reasoning_p=p.reasoning_flag_rate, ip_picker=picker, uas=[rng.choice(SDKS)])
        out.append((acct, b, label("distill_network", ("distillation", "coordination"), network=net)))
    return out


def lone_distiller(w: World, rng: random.Random) -> list[Member]:
    p = w.params
    templates, systems, domains = _operation(w, rng)
    acct = w.account(rng, plan=rng.choice(("api", "pro")), email=_email(rng))
    b = Behaviour(acct["account_id"], rng.uniform(100, 500) * p.volume,
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
    b = Behaviour(acct["account_id"], rng.uniform(300, 2500) * p.volume, fn, timing="regular",
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
    """A rival's employee on a personal account, tied to the rival by one or more signals."""
    p = w.params
    rival = rng.choice(w.rivals)
    extra: dict[str, object] = {}
    signals = rng.sample(("payment", "signup_ip", "sso"), min(3, max(1, p.rival_links)))
    if not platform:
        if "payment" in signals:
            extra["payment_fingerprint"] = rng.choice(rival["payment_fingerprints"])
        if "signup_ip" in signals:
            extra["signup_ip"] = w.ip_in(rng.choice(rival["ip_ranges"]), rng)
        if "sso" in signals:
            extra["sso_tenant"] = rival["sso_tenants"][0]
    channel, via, end_user_org = ("platform", "codeforge-ide", rival["domains"][0]) if platform \
        else ("direct", None, None)
    m = _human(w, rng, "rival_platform" if platform else "rival_personal",
               plan=rng.choice(("pro", "api", "free")), rate=rng.uniform(20, 120) if platform else rng.uniform(5, 60),
               domains=["machine_learning", "python", rng.choice(tx.DOMAINS)], extra=extra,
               cats=("competitor",), org=rival["org_id"], channel=channel, platform=via,
               end_user_org=end_user_org)
    if not platform and "signup_ip" in signals:  # signed up at the office, works from there too
        m[1].ips = [w.ip_in(rival["ip_ranges"][0], rng), *m[1].ips]
    return [m]


def rival_platform(w: World, rng: random.Random) -> list[Member]:
    return rival_personal(w, rng, platform=True)


ABUSE: dict[str, Callable[[World, random.Random], list[Member]]] = {
    "distill_network": distill_network, "lone_distiller": lone_distiller, "scraper": scraper,
    "tier_pipeline": tier_pipeline, "tier_shared": tier_shared, "rival_personal": rival_personal,
    "rival_platform": rival_platform,
}
