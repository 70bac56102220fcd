"""Who the simulated accounts are: benign personas (hard negatives among them) and abusive ones.

Each builder returns (account record, behaviour, label) triples; a network or a team returns many.
The `World` holds what personas share: known organizations, rivals, proxy ranges, the clock.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from moat.detect.sim import text as tx
from moat.detect.sim.behaviour import DAY, Behaviour, PromptFn
from moat.detect.sim.params import SimParams

Member = tuple[dict[str, Any], Behaviour, dict[str, Any]]
BROWSERS = ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Chrome/126.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/125.0",
            "Mozilla/5.0 (X11; Linux x86_64) Firefox/127.0", "Mozilla/5.0 (iPhone) Safari/17.5")
SDKS = ("anthropic-python/0.34", "openai-python/1.40", "openai-node/4.52", "python-httpx/0.27",
        "curl/8.4.0", "langchain/0.2")
FREEMAIL = ("gmail.com", "outlook.com", "yahoo.com", "proton.me", "icloud.com")
HOME_OCTETS = (24, 31, 45, 50, 67, 71, 73, 76, 81, 86, 90, 92, 98, 109, 151, 176, 188, 212)


@dataclass
class World:
    params: SimParams
    rng: random.Random
    orgs: list[dict[str, Any]] = field(default_factory=list)  # known, not restricted
    rivals: list[dict[str, Any]] = field(default_factory=list)
    # shared infrastructure: kind (cloud, vpn, coworking, swg) -> /24 ranges many unrelated people use
    shared: dict[str, list[str]] = field(default_factory=dict)
    exclusive: dict[str, list[str]] = field(default_factory=dict)  # rival org_id -> ranges only it uses
    platforms: dict[str, tuple[list[str], str]] = field(default_factory=dict)  # name -> (relay ips, system)
    counter: int = 0

    def home_ip(self, rng: random.Random) -> str:
        return f"{rng.choice(HOME_OCTETS)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"

    def ip_in(self, cidr: str, rng: random.Random) -> str:
        return cidr.rsplit(".", 1)[0] + f".{rng.randint(2, 250)}"

    def shared_range(self, rng: random.Random, kind: str | None = None) -> str:
        """A shared range; the first of each kind (the one rivals also list) is the busiest."""
        ranges = self.shared[kind or rng.choice(("cloud", "vpn", "coworking", "swg"))]
        return ranges[0] if rng.random() < 0.6 else rng.choice(ranges)

    def rival_office_ip(self, rival: dict[str, Any], rng: random.Random) -> str:
        """An address in a range only this rival uses (not its shared egress)."""
        return self.ip_in(rng.choice(self.exclusive[rival["org_id"]]), rng)

    def payment(self, rng: random.Random) -> str:
        return f"pf_{rng.getrandbits(48):012x}"

    def signup(self, rng: random.Random) -> float:
        """Most accounts predate the window; some sign up during it."""
        p = self.params
        if rng.random() < 0.8:
            return p.start - rng.uniform(1, 400) * DAY
        return p.start + rng.uniform(0, p.days) * DAY

    def account(self, rng: random.Random, *, plan: str, email: str, **extra: Any) -> dict[str, Any]:
        rec = {"account_id": f"acct_{rng.getrandbits(40):010x}", "created_at": round(self.signup(rng), 3),
               "email": email,
               "plan": plan, "org_id": None, "declared_company": None,
               "payment_fingerprint": self.payment(rng), "signup_ip": self.home_ip(rng),
               "sso_tenant": None, "country": rng.choice(("US", "GB", "DE", "FR", "IN", "BR", "JP", "CA"))}
        if plan == "free" and rng.random() < 0.85:  # most free accounts never add a card
            rec["payment_fingerprint"] = None
        rec.update(extra)
        return rec


def label(persona: str, categories: tuple[str, ...] = (), network: str | None = None,
          org: str | None = None) -> dict[str, Any]:
    return {"persona": persona, "categories": list(categories), "network_id": network, "org_id": org}


def casual(domains: list[str], vocab: list[str], reasoning_text: float = 0.0,
           out_mean: int = 350, system: str | None = None, studied: float = 0.0) -> PromptFn:
    """A person's prompts; `studied` of them are well-formed study questions (as distillers' are)."""
    def fn(rng: random.Random, i: int) -> tuple[str | None, str, int, int]:
        if studied and rng.random() < studied:
            d = rng.choice(domains)
            return system, tx.restructure(rng, rng.choice(tx.SUBJECTS[d]), d.replace("_", " ")), \
                rng.randint(0, 200), out_mean * 2
        _, prompt = tx.casual_prompt(rng, domains, vocab)
        if reasoning_text and rng.random() < reasoning_text:
            prompt += " Can you explain it step by step?"
        return system, prompt, rng.randint(0, 400), out_mean
    return fn


def _email(rng: random.Random, domain: str | None = None) -> str:
    return f"{tx.token(rng, 3)}{rng.randint(1, 999)}@{domain or rng.choice(FREEMAIL)}"


def _human(w: World, rng: random.Random, persona: str, *, plan: str, domains: list[str],
           rate: float, email: str | None = None, org: str | None = None,
           extra: dict[str, Any] | None = None, cats: tuple[str, ...] = (),
           reasoning_text: float = 0.0, studied: float = 0.0, **bkw: Any) -> Member:
    p = w.params
    acct = w.account(rng, plan=plan, **{"email": email or _email(rng), **(extra or {})})
    vocab = tx.vocabulary(rng)
    b = Behaviour(acct["account_id"], rate * p.volume, casual(domains, vocab, reasoning_text, studied=studied),
                  tz=rng.choice((-8.0, -5.0, 0.0, 1.0, 5.5, 8.0)), reasoning_p=0.05 + p.noise,
                  ips=[w.home_ip(rng) for _ in range(rng.randint(1, 3))],
                  uas=[rng.choice(BROWSERS + SDKS) for _ in range(rng.randint(1, 2))], **bkw)
    if rng.random() < p.noise:  # odd-hours people and travellers exist
        b.tz += 12
        b.ips.append(w.home_ip(rng))
    if w.shared and rng.random() < p.shared_egress_share:  # a VPN, a cloud dev box, a coworking desk
        b.ips.append(w.ip_in(w.shared_range(rng, rng.choice(("vpn", "cloud", "coworking"))), rng))
    return acct, b, label(persona, cats, org=org)


def developer(w: World, rng: random.Random) -> list[Member]:
    domains = [*rng.sample(tx.CODE_DOMAINS, rng.randint(1, 3)), rng.choice(tx.DOMAINS)]
    plan = rng.choice(("api", "api", "pro", "free", "team"))
    return [_human(w, rng, "developer", plan=plan, domains=domains, rate=rng.uniform(5, 60))]


def student(w: World, rng: random.Random) -> list[Member]:
    domains = rng.sample(tx.SCHOOL_DOMAINS, rng.randint(2, 5))
    return [_human(w, rng, "student", plan="free", domains=domains, rate=rng.uniform(2, 25),
                   email=_email(rng, rng.choice(("gmail.com", "uni-example.edu", "student.example.ac.uk"))),
                   reasoning_text=0.3, studied=0.35, active_days=0.5)]


def gmail_user(w: World, rng: random.Random) -> list[Member]:
    domains = rng.sample(tx.DOMAINS, rng.randint(1, 4))
    return [_human(w, rng, "gmail_user", plan=rng.choice(("free", "pro", "api")), domains=domains,
                   rate=rng.uniform(2, 40), email=_email(rng, "gmail.com"), studied=0.15)]


def corporate_nat(w: World, rng: random.Random) -> list[Member]:
    """Employees of one known organization behind one egress, some with its SSO: benign.

    Most companies NAT everyone through one address of their own range; some send all staff traffic
    through a cloud secure web gateway, whose few addresses serve many unrelated companies (and a
    rival). Sizes are skewed: mostly a handful, sometimes dozens behind one address.
    """
    p = w.params
    org = rng.choice(w.orgs)
    if w.shared and rng.random() < 0.3:
        swg = w.shared_range(rng, "swg")
        nat = [w.ip_in(swg, rng) for _ in range(rng.randint(1, 3))]
    else:
        nat = [w.ip_in(org["ip_ranges"][0], random.Random(org["org_id"]))]  # the same address for all
    lo, hi = p.corporate_size
    out = []
    for _ in range(lo + int((hi - lo) * rng.random() ** 2)):
        sso = org["sso_tenants"][0] if rng.random() < 0.5 else None
        extra = {"org_id": org["org_id"] if rng.random() < 0.5 else None, "sso_tenant": sso,
                 "signup_ip": rng.choice(nat)}
        m = _human(w, rng, "corporate_nat", plan=rng.choice(("team", "enterprise", "api")),
                   domains=rng.sample(tx.DOMAINS, 3), rate=rng.uniform(5, 50), org=org["org_id"],
                   email=_email(rng, org["domains"][0]), extra=extra)
        m[1].ips = list(nat)
        out.append(m)
    return out


def startup_team(w: World, rng: random.Random) -> list[Member]:
    """A small team on one card, one office, signing up the same day: benign."""
    card, office = w.payment(rng), w.home_ip(rng)
    day = w.signup(rng)
    domain = f"{tx.token(rng, 3)}.io"
    out = []
    for _ in range(rng.randint(3, 6)):
        extra = {"payment_fingerprint": card, "signup_ip": office,
                 "created_at": round(day + rng.uniform(0, 3 * 3600), 3)}
        m = _human(w, rng, "startup_team", plan=rng.choice(("pro", "team", "api")),
                   domains=[*rng.sample(tx.CODE_DOMAINS, 2), "business"], rate=rng.uniform(10, 70),
                   email=_email(rng, domain), extra=extra)
        m[1].ips = [office, w.home_ip(rng)]
        out.append(m)
    return out


def power_user(w: World, rng: random.Random) -> list[Member]:
    m = _human(w, rng, "power_user", plan="max", domains=rng.sample(tx.DOMAINS, 5),
               rate=rng.uniform(80, 200), active_days=0.9, session_len=8.0, studied=0.15)
    return [m]


def platform_user(w: World, rng: random.Random) -> list[Member]:
    """A spreadsheet/notebook add-in user: calls go from the user's own browser with the add-in's
    signed attribution (channel platform), so addresses are the user's own: benign."""
    org = rng.choice(w.orgs) if rng.random() < 0.5 else None
    m = _human(w, rng, "platform_user", plan="api", domains=rng.sample(tx.CODE_DOMAINS, 2),
               rate=rng.uniform(20, 120), channel="platform", platform="sheetsmith",  # calls often
               end_user_org=org["domains"][0] if org else "gmail.com",
               org=org["org_id"] if org else None)
    return [m]


def enterprise_batch(w: World, rng: random.Random) -> list[Member]:
    """Nightly templated extraction over documents: templated, single-turn, high volume, benign."""
    org = rng.choice(w.orgs)
    acct = w.account(rng, plan=rng.choice(("api", "enterprise")), email=_email(rng, org["domains"][0]),
                     org_id=org["org_id"], sso_tenant=org["sso_tenants"][0])
    system = f"You are the document extraction service of {org['name']}. Return JSON only."
    kind = rng.choice(("support ticket", "invoice", "insurance claim", "contract"))
    vocab = tx.vocabulary(rng, 60)
    first = rng.randint(1000, 90000)
    uses_reasoning = rng.random() < 0.3  # some classify with thinking on: still not distillation

    def fn(r: random.Random, i: int) -> tuple[str | None, str, int, int]:
        body = " ".join(r.choice(vocab) if r.random() < 0.5 else r.choice(tx.COMMON) for _ in range(40))
        return system, f"Extract the fields from {kind} #{first + i}: {body}", r.randint(300, 2000), 120

    b = Behaviour(acct["account_id"], rng.uniform(150, 700) * w.params.volume, fn, timing="batch",
                  active_days=0.95, batch_hour=rng.uniform(0, 5), gap_s=rng.uniform(2, 8), continue_p=0.0,
                  reasoning_p=0.9 if uses_reasoning else 0.0, endpoint="/v1/chat/completions",
                  ips=[w.ip_in(org["ip_ranges"][0], rng)], uas=["python-httpx/0.27"])
    return [(acct, b, label("enterprise_batch", org=org["org_id"]))]


def benchmark(w: World, rng: random.Random) -> list[Member]:
    """Chain-of-thought over a fixed question set, several runs and models: benign."""
    qs = []
    for k in range(rng.randint(150, 600)):
        d = rng.choice(tx.DOMAINS)
        qs.append(f"Question {k}: Which statement about {rng.choice(tx.SUBJECTS[d])} is correct? "
                  f"(A) {tx.token(rng)} (B) {tx.token(rng)} (C) {tx.token(rng)} (D) {tx.token(rng)}")
    cot = rng.random() < 0.8
    suffix = " Let's think step by step." if cot else " Answer with the letter only."
    acct = w.account(rng, plan="api", email=_email(rng, rng.choice(("uni-example.edu", "gmail.com"))))

    def fn(r: random.Random, i: int) -> tuple[str | None, str, int, int]:
        return None, qs[i % len(qs)] + suffix, 0, 600 if cot else 5

    p = w.params
    schedule = []  # two to six passes over the question set (models, seeds, prompt variants)
    for _ in range(rng.randint(2, 6)):
        day = rng.randrange(p.days)
        schedule.append((p.start + day * DAY + rng.uniform(8, 20) * 3600, len(qs) * rng.uniform(2, 6)))
    b = Behaviour(acct["account_id"], len(qs) * 1.0, fn, timing="runs", schedule=schedule,
                  reasoning_p=0.7 if cot else 0.0, continue_p=0.0, models=("model-large", "model-small", "model-mid"),
                  ips=[w.home_ip(rng)], uas=["lm-eval-harness/0.4"])
    return [(acct, b, label("benchmark"))]


def support_bot(w: World, rng: random.Random, app: bool = False) -> list[Member]:
    """A company's round-the-clock support assistant (or a general chat app): benign."""
    org = rng.choice(w.orgs)
    acct = w.account(rng, plan=rng.choice(("api", "enterprise")), email=_email(rng, org["domains"][0]),
                     org_id=org["org_id"])
    vocab = tx.vocabulary(rng, 40)
    if app:
        system = "You are a helpful assistant."
        prompt_fn = casual(list(tx.DOMAINS), vocab, reasoning_text=0.03, system=system)
    else:
        prompt_fn = casual(["business"], vocab, system=f"You are the support agent of {org['name']}.")
    b = Behaviour(acct["account_id"], rng.uniform(150, 900) * w.params.volume, prompt_fn,
                  timing="diurnal", continue_p=0.6, reasoning_p=0.03, tz=rng.uniform(-8, 9),
                  ips=[w.ip_in(org["ip_ranges"][0], rng)], uas=["python-httpx/0.27"])
    return [(acct, b, label("consumer_app" if app else "support_bot", org=org["org_id"]))]


def consumer_app(w: World, rng: random.Random) -> list[Member]:
    return support_bot(w, rng, app=True)


BENIGN: dict[str, Callable[[World, random.Random], list[Member]]] = {
    "developer": developer, "student": student, "gmail_user": gmail_user,
    "corporate_nat": corporate_nat, "startup_team": startup_team, "power_user": power_user,
    "platform_user": platform_user, "enterprise_batch": enterprise_batch, "benchmark": benchmark,
    "support_bot": support_bot, "consumer_app": consumer_app,
}
