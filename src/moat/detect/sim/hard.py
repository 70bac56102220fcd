"""Hard negatives: legitimate use that shares a surface feature with abuse.

Each persona here is benign (no categories, no network) yet carries one or more signals a naive
detector would take for abuse: shared infrastructure that a rival also lists, a platform's relay
addresses and system prompt, a sign-up burst with one prompt scaffold, a shared card and shared
step-by-step prompts, a numbered question set walked in order, a historical or passing tie to a
rival, several people on one plan, activity at night, a keyspace of product strings.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from moat.detect.sim import text as tx
from moat.detect.sim.behaviour import DAY, Behaviour
from moat.detect.sim.personas import BROWSERS, FREEMAIL, SDKS, Member, World, _email, _human, label

MOBILE_CARRIERS = ("172.56", "100.64", "174.205", "31.94")


def _weekend_day(w: World, rng: random.Random) -> int:
    """First Saturday in the window when the window holds a whole weekend, else a random day."""
    p = w.params
    weekday0 = int((p.start // DAY + 3) % 7)  # 1970-01-01 was a Thursday; Monday = 0
    sat = (5 - weekday0) % 7
    return sat if sat + 1 < p.days else rng.randrange(max(1, p.days - 1))


def shared_egress(w: World, rng: random.Random) -> list[Member]:
    """An ordinary person whose traffic leaves through shared infrastructure.

    A commercial VPN's exit range (a new exit every few requests), a cloud provider's NAT (dev
    boxes, notebooks, CI), a coworking building's floor, or an employer's cloud secure web gateway
    on a laptop at home (the vendor's proxies serve many companies). The busiest range of each kind is also
    in a rival's `ip_ranges` (the rival egresses there too), so dozens of unrelated accounts call
    from a range a restricted entity lists. Some signed up from it. Benign.
    """
    kind = rng.choices(("vpn", "cloud", "coworking", "swg"), (0.35, 0.25, 0.25, 0.15))[0]
    cidr = w.shared_range(rng, kind)
    if kind == "cloud":
        m = _human(w, rng, "shared_egress", plan=rng.choice(("api", "api", "pro", "team")),
                   domains=[*rng.sample(tx.CODE_DOMAINS, 2), rng.choice(tx.DOMAINS)], rate=rng.uniform(10, 80))
        m[1].uas = [rng.choice(SDKS)]
        nat = [w.ip_in(cidr, rng) for _ in range(rng.randint(1, 4))]
        home = m[1].ips[0]
        m[1].ip_picker = lambda r, t: r.choice(nat) if r.random() < 0.8 else home
    elif kind == "swg":
        org = rng.choice(w.orgs)
        m = _human(w, rng, "shared_egress", plan=rng.choice(("team", "enterprise", "api")),
                   domains=[*rng.sample(tx.DOMAINS, 2), "business"], rate=rng.uniform(5, 50),
                   email=_email(rng, org["domains"][0]), org=org["org_id"])
        m[1].ip_picker = lambda r, t: w.ip_in(cidr, r)
    elif kind == "vpn":
        m = _human(w, rng, "shared_egress", plan=rng.choice(("free", "pro", "pro", "api")),
                   domains=rng.sample(tx.DOMAINS, rng.randint(2, 5)), rate=rng.uniform(3, 40))
        home = m[1].ips[0]
        always = rng.random() < 0.6  # always-on VPN, or only on public Wi-Fi
        m[1].ip_picker = lambda r, t: w.ip_in(cidr, r) if always or r.random() < 0.4 else home
    else:
        m = _human(w, rng, "shared_egress", plan=rng.choice(("pro", "api", "team", "free")),
                   domains=[rng.choice(tx.CODE_DOMAINS), "business", rng.choice(tx.DOMAINS)],
                   rate=rng.uniform(5, 50))
        desk = w.ip_in(cidr, random.Random(cidr))  # the floor's NAT: one address for everyone
        m[1].ips = [desk, desk, *m[1].ips]
    if rng.random() < 0.4:
        m[0]["signup_ip"] = w.ip_in(cidr, rng)
    return [m]


def ide_user(w: World, rng: random.Random) -> list[Member]:
    """A developer in an IDE platform that relays every request (bring-your-own-key).

    Requests arrive with channel="platform", the platform's name, its end-user id and the user's
    organization domain (or a freemail domain), from the platform's two to four relay addresses,
    with the relay's user agent and the platform's own long system prompt: hundreds of unrelated
    users share addresses, agent and system text. Benign.
    """
    name = rng.choices(list(w.platforms), (0.7, 0.3))[0]
    relays, system = w.platforms[name]
    org = rng.choice(w.orgs) if rng.random() < 0.4 else None
    domain = org["domains"][0] if org else rng.choice(FREEMAIL)
    acct = w.account(rng, plan=rng.choice(("api", "api", "pro", "team")),
                     email=_email(rng, domain if org and rng.random() < 0.7 else None))
    vocab = tx.vocabulary(rng)
    domains = [*rng.sample(tx.CODE_DOMAINS, 2), rng.choice(tx.DOMAINS)]
    ext = rng.choice((".py", ".ts", ".go", ".rs", ".sql"))

    def fn(r: random.Random, i: int) -> tuple[str | None, str, int, int]:
        _, prompt = tx.casual_prompt(r, domains, vocab)
        if r.random() < 0.4:
            prompt = f"@{r.choice(vocab)}{ext} {prompt}"
        return system, prompt, r.randint(500, 6000), 400  # open files ride along as context

    b = Behaviour(acct["account_id"], rng.uniform(20, 150) * w.params.volume, fn, timing="human",
                  tz=rng.choice((-8.0, -5.0, 0.0, 1.0, 5.5, 8.0)), session_len=10.0, gap_s=30.0,
                  continue_p=0.7, reasoning_p=0.1, ips=list(relays),
                  uas=[f"{name}-relay/3.{rng.randint(0, 4)}"], channel="platform", platform=name,
                  end_users=[(f"{name[:2]}_u_{rng.getrandbits(32):08x}", domain)])
    b.ip_picker = lambda r, t: r.choice(relays)
    return [(acct, b, label("ide_user", org=org["org_id"] if org else None))]


def hackathon(w: World, rng: random.Random) -> list[Member]:
    """A hackathon cohort: 15-60 people who sign up within hours of each other at the venue.

    The venue is often a coworking floor (shared, also listed by a rival) or a conference centre;
    everyone pastes the event's starter-kit system prompt and prompt scaffold, and hacks in
    synchronized bursts over a weekend (kick-off, evening, late night, demo prep); free and pro
    plans and the sponsor's API trial credit, mostly no card; most go quiet afterwards. A sign-up
    burst of look-alike accounts: benign.
    """
    p = w.params
    day = _weekend_day(w, rng)
    tz = rng.choice((-8.0, -5.0, 0.0, 1.0, 8.0))
    day0 = p.start + day * DAY - tz * 3600
    venue = w.shared_range(rng, "coworking") if rng.random() < 0.5 else \
        f"{rng.choice((81, 62, 77, 141))}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.0/24"
    wifi = [w.ip_in(venue, rng) for _ in range(rng.randint(1, 3))]
    event = f"{rng.choice(('Build', 'Hack', 'Ship', 'Agents'))}{rng.choice(('Fest', 'Night', 'Weekend', 'Jam'))} " \
            f"{rng.choice(('Berlin', 'SF', 'London', 'Bangalore', 'Toronto', 'Paris'))}"
    kit = (f"You are the assistant of the {event} starter kit (v0.{rng.randint(1, 9)}). Help the team build "
           "a working prototype fast. Reply in Markdown; put code in one fenced block; keep it short.")
    stacks = ("Next.js + FastAPI", "Streamlit", "Flask + SQLite", "React Native", "Python notebook")
    windows = [(10.0, 3.0), (14.0, 4.0), (20.0, 3.5), (24.5, 1.5), (33.0, 3.0), (37.0, 2.0)]
    schedule = [(day0 + h * 3600, hours * 3600) for h, hours in windows]
    event_end = day0 + 40 * 3600
    kickoff = day0 + 10 * 3600
    lo, hi = p.hackathon_size
    out = []
    for _ in range(rng.randint(lo, hi)):
        vocab = tx.vocabulary(rng)
        domains = [*rng.sample(tx.CODE_DOMAINS, 2), rng.choice(("business", "machine_learning", "environment"))]
        stack = rng.choice(stacks)

        def fn(r: random.Random, i: int, vocab: list[str] = vocab, domains: list[str] = domains,
               stack: str = stack) -> tuple[str | None, str, int, int]:
            _, ask = tx.casual_prompt(r, domains, vocab)
            return kit, f"### Project\n{vocab[0]} ({stack})\n### Task\n{ask}", r.randint(100, 2000), 500

        email = _email(rng, rng.choice((None, None, "uni-example.edu", f"{tx.token(rng, 2)}.dev")))
        # the event's sponsor hands out API trial credit: those accounts have no card either
        plan = rng.choices(("free", "pro", "api"), (0.6, 0.2, 0.2))[0]
        trial = {"payment_fingerprint": None} if plan == "api" else {}
        acct = w.account(rng, plan=plan, email=email, signup_ip=rng.choice(wifi),
                         created_at=round(kickoff + rng.uniform(-6, 2) * 3600, 3), **trial)
        home = w.home_ip(rng)
        b = Behaviour(acct["account_id"], rng.uniform(20, 120) * p.volume, fn, timing="sync", schedule=schedule,
                      sync_jitter=1800.0, sync_p=0.7, continue_p=0.5, reasoning_p=0.05,
                      uas=[rng.choice(("hackkit/0.3 python-httpx/0.27", "hackkit/0.3 node-fetch/3.3",
                                       rng.choice(BROWSERS)))])
        b.ip_picker = lambda r, t, home=home: r.choice(wifi) if t < event_end else home
        out.append((acct, b, label("hackathon")))
    return out


def research_lab(w: World, rng: random.Random) -> list[Member]:
    """A university lab: 3-8 accounts (PI, students, postdocs) paid by one grant card.

    University emails, signups from the campus range, a shared evaluation script (same system
    prompt, user agent and problem set, walked in passes by several accounts) and lots of heavy
    step-by-step reasoning prompts with the reasoning flag on: shared card, shared prompts and a
    shared address, like a distillation network. Benign.
    """
    p = w.params
    card = w.payment(rng)
    campus = f"128.{rng.randint(0, 255)}.{rng.randint(0, 255)}.0/24"
    uni = f"{tx.token(rng, 2)}.edu"
    domains = rng.sample(("mathematics", "physics", "chemistry", "statistics", "machine_learning", "biology"), 2)
    qs = tx.question_bank(rng, rng.randint(100, 300), tuple(domains))
    system = (f"You are a careful expert in {domains[0].replace('_', ' ')}. Think step by step and show all "
              "of your reasoning, then give the final answer after 'ANSWER:'.")
    script_ua = f"{tx.token(rng, 2)}-eval/0.{rng.randint(1, 9)} python-requests/2.32"
    first = w.signup(rng)
    out = []
    for k in range(rng.randint(3, 8)):
        extra = {"payment_fingerprint": card, "signup_ip": w.ip_in(campus, rng),
                 "created_at": round(first + rng.uniform(0, 60) * DAY, 3)}
        if k % 2 == 0:  # runs the lab's evaluation script
            acct = w.account(rng, plan="api", email=_email(rng, uni), **extra)

            def fn(r: random.Random, i: int) -> tuple[str | None, str, int, int]:
                return system, qs[i % len(qs)], 0, 900

            schedule = [(p.start + rng.randrange(p.days) * DAY + rng.uniform(8, 23) * 3600,
                         len(qs) * rng.uniform(3, 8)) for _ in range(rng.randint(1, 4))]
            b = Behaviour(acct["account_id"], float(len(qs)), fn, timing="runs", schedule=schedule,
                          continue_p=0.0, reasoning_p=0.9, models=("model-large", "model-mid"),
                          ips=[w.ip_in(campus, rng)], uas=[script_ua])
            out.append((acct, b, label("research_lab")))
        else:  # works interactively, asking for derivations step by step
            m = _human(w, rng, "research_lab", plan=rng.choice(("pro", "api")), domains=domains,
                       rate=rng.uniform(10, 60), email=_email(rng, uni), extra=extra, reasoning_text=0.6,
                       studied=0.4, session_len=6.0)
            m[1].reasoning_p = 0.6
            m[1].ips = [w.ip_in(campus, rng), *m[1].ips]
            out.append(m)
    return out


def eval_harness(w: World, rng: random.Random) -> list[Member]:
    """A team's regression evaluation walking a fixed, numbered question set.

    "Question 17 of 500: ..." in order, re-run nightly or after each deploy against several models,
    from CI runners in a cloud range, often asking for step-by-step reasoning: walks a counter like a
    scraper and elicits reasoning like a distiller. Benign.
    """
    p = w.params
    n = rng.randint(100, 500)
    qs = tx.question_bank(rng, n)
    fmt = rng.choice(("Question {k} of {n}: {q}", "[{k}/{n}] {q}", "Item {k:04d}. {q}", "Q{k}/{n} - {q}"))
    cot = rng.random() < 0.6
    suffix = " Think step by step, then give the final answer on its own line." if cot else " Answer only."
    org = rng.choice(w.orgs) if rng.random() < 0.6 else None
    acct = w.account(rng, plan="api", email=_email(rng, org["domains"][0] if org else None),
                     org_id=org["org_id"] if org else None)

    def fn(r: random.Random, i: int) -> tuple[str | None, str, int, int]:
        k = i % n
        return None, fmt.format(k=k + 1, n=n, q=qs[k]) + suffix, 0, 500 if cot else 8

    nightly = rng.uniform(0, 6)
    schedule = [(p.start + d * DAY + nightly * 3600 + rng.uniform(0, 900), n * rng.uniform(1, 3))
                for d in range(p.days) if rng.random() < 0.6]
    runners = [w.ip_in(w.shared_range(rng, "cloud"), rng) for _ in range(rng.randint(1, 3))]
    b = Behaviour(acct["account_id"], float(n), fn, timing="runs", schedule=schedule, continue_p=0.0,
                  reasoning_p=0.5 if cot else 0.0, models=("model-large", "model-mid", "model-small"),
                  ips=runners, uas=[f"eval-runner/1.{rng.randint(0, 9)} python-httpx/0.27"])
    b.ip_picker = lambda r, t: r.choice(runners)
    return [(acct, b, label("eval_harness", org=org["org_id"] if org else None))]


def former_rival(w: World, rng: random.Random) -> list[Member]:
    """A former employee of a rival, long gone: personal mailbox and card.

    The account was signed up once from the rival's office range a year or more ago; today the
    person works elsewhere, from home, asking ML and code questions. The only tie is historical and
    weak: benign, not affiliated.
    """
    rival = rng.choice(w.rivals)
    extra = {"signup_ip": w.rival_office_ip(rival, rng),
             "created_at": round(w.params.start - rng.uniform(300, 900) * DAY, 3)}
    if rng.random() < 0.3:
        extra["declared_company"] = rng.choice(("freelance", "self-employed", rng.choice(w.orgs)["name"]))
    m = _human(w, rng, "former_rival", plan=rng.choice(("pro", "api", "max")),
               domains=["machine_learning", "python", rng.choice(tx.DOMAINS)], rate=rng.uniform(5, 60), extra=extra)
    return [m]


def rival_visitor(w: World, rng: random.Random) -> list[Member]:
    """Someone who visits a rival's office one afternoon (an interview, a partner meeting, a talk).

    A handful of requests over the rival's guest Wi-Fi, from a range only the rival uses; otherwise
    an ordinary user at home. Benign.
    """
    p = w.params
    rival = rng.choice(w.rivals)
    m = _human(w, rng, "rival_visitor", plan=rng.choice(("free", "pro", "api")),
               domains=rng.sample(tx.DOMAINS, 3), rate=rng.uniform(5, 40),
               extra={"created_at": round(p.start - rng.uniform(5, 400) * DAY, 3)})
    b = m[1]
    visit = p.start + rng.randrange(p.days) * DAY + (13 - b.tz) * 3600 + rng.uniform(0, 2) * 3600
    while visit < p.start:  # an afternoon, local time, inside the window
        visit += DAY
    while visit > p.start + p.days * DAY - 4 * 3600 and visit - DAY >= p.start:
        visit -= DAY
    end = visit + rng.uniform(1.5, 3.5) * 3600
    b.extra_times = sorted(rng.uniform(visit, end) for _ in range(rng.randint(3, 12)))
    guest = w.rival_office_ip(rival, rng)
    home = list(b.ips)
    b.ip_picker = lambda r, t: guest if visit <= t <= end else (home[0] if r.random() < 0.8 else r.choice(home))
    return [m]


def family_plan(w: World, rng: random.Random) -> list[Member]:
    """A household sharing one pro or max plan: 2-5 people on their own devices.

    One time zone, mostly the home address and sometimes a phone carrier; homework, recipes, taxes,
    travel. Several people and user agents on one account, like tier sharing, but small and local:
    benign.
    """
    people = rng.randint(2, 5)
    domains = [*rng.sample(tx.SCHOOL_DOMAINS, 2), "cooking", "finance", rng.choice(tx.DOMAINS)]
    acct, b, lab = _human(w, rng, "family_plan", plan=rng.choice(("pro", "pro", "max")), domains=domains,
                          rate=people * rng.uniform(4, 20), active_days=0.85)
    b.members, b.member_tz = people, False
    b.uas = rng.sample(BROWSERS, min(people, len(BROWSERS))) + [BROWSERS[3]] * max(0, people - len(BROWSERS))
    home = b.ips[0]
    carrier = rng.choice(MOBILE_CARRIERS)
    b.ip_picker = lambda r, t: home if r.random() < 0.8 else f"{carrier}.{r.randint(0, 255)}.{r.randint(1, 254)}"
    return [(acct, b, lab)]


def night_shift(w: World, rng: random.Random) -> list[Member]:
    """A night-shift worker (nurse, security guard, on-call operator): ordinary use peaking at 1-4 am local: benign."""
    m = _human(w, rng, "night_shift", plan=rng.choice(("free", "pro", "api")),
               domains=rng.sample(tx.DOMAINS, rng.randint(2, 4)), rate=rng.uniform(5, 50), active_days=0.6)
    m[1].peak_hour = rng.uniform(0.5, 4.5)
    return [m]


def localization(w: World, rng: random.Random) -> list[Member]:
    """A company's localization pipeline on an api plan walking its own product strings.

    On release days its build servers send every UI string (key by key) to 5-15 locales: a
    locale x string grid in order, templated, with the company's system prompt. A keyspace walk like
    a scraper's, over its own text: benign.
    """
    p = w.params
    org = rng.choice(w.orgs)
    product = [f"{tx.token(rng, 2)} {rng.choice(tx.COMMON)} {tx.token(rng, 3)}" for _ in range(rng.randint(20, 80))]
    strings = [*rng.sample(tx.UI_STRINGS, rng.randint(8, len(tx.UI_STRINGS))), *product]
    keys = [f"{rng.choice(('app', 'settings', 'billing', 'editor', 'auth'))}.{tx.token(rng, 2)}_{k}" for k in
            range(len(strings))]
    locales = rng.sample(tx.LOCALES, rng.randint(5, 12))
    grid = [(loc, keys[k], strings[k]) for loc in locales for k in range(len(strings))]
    system = (f"You are the localization engine of {org['name']}. Translate UI strings faithfully; keep "
              "placeholders such as {count} unchanged; return only the translation.")

    def fn(r: random.Random, i: int) -> tuple[str | None, str, int, int]:
        loc, key, text = grid[i % len(grid)]
        return system, f'Translate to {loc}. Key `{key}`: "{text}"', 0, 30

    acct = w.account(rng, plan="api", email=_email(rng, org["domains"][0]), org_id=org["org_id"])
    b = Behaviour(acct["account_id"], min(float(len(grid)), 900.0) * p.volume, fn, timing="batch",
                  active_days=0.4, batch_hour=rng.uniform(0, 23), gap_s=rng.uniform(0.5, 3), continue_p=0.0,
                  reasoning_p=0.0, ips=[w.ip_in(org["ip_ranges"][0], rng)], uas=["l10n-sync/2.1 python-httpx/0.27"])
    return [(acct, b, label("localization", org=org["org_id"]))]


HARD: dict[str, Callable[[World, random.Random], list[Member]]] = {
    "shared_egress": shared_egress, "ide_user": ide_user, "hackathon": hackathon, "research_lab": research_lab,
    "eval_harness": eval_harness, "former_rival": former_rival, "rival_visitor": rival_visitor,
    "family_plan": family_plan, "night_shift": night_shift, "localization": localization,
}
