"""Legitimate customers of Quetzal AI, hard negatives included. None of them carries a category.

Groups (teams, labs, cohorts, households, vendors) get a `group_id` in labels.jsonl for the
reader's benefit, never a `network_id`: sharing a card, a venue or a script is not abuse.
"""

from __future__ import annotations

from collections.abc import Callable

import places as P
import text as T
from common import (
    CONSUMER_ZONES,
    DEV_ZONES,
    converse,
    lang,
    person,
    personal_email,
    picker,
    signed_up,
    work_email,
    zone_of,
)
from orgs import COWORKING_CDMX, COWORKING_LIMA, COWORKING_SP, Org
from world import (
    START,
    UA_BROWSER,
    UA_CODE_AGENT,
    UA_DESKTOP_APP,
    UA_MISC,
    UA_MOBILE,
    UA_SDK,
    ZONES,
    World,
    fill_factory,
)


def _fill(world: World) -> Callable[[str], str]:
    return fill_factory(world.rng, T.BANKS)


def consumer(world: World, orgs: dict[str, Org], n: int) -> None:
    """Individuals on the apps: free, pro and max plans, evenings and lunch breaks, phones and homes."""
    rng, fill = world.rng, _fill(world)
    for _ in range(n):
        zone = zone_of(world, CONSUMER_ZONES)
        plan = rng.choices(["free", "pro", "max"], [62, 30, 8])[0]
        first, last = person(world)
        new = rng.random() < 0.06
        created = START + rng.uniform(0, world.days - 1) * 86400 if new else signed_up(world, 1, 700)
        addr = P.consumer(world, zone)
        a = world.add_account("consumer", variant=plan, zone=zone, plan=plan, email=personal_email(world, first, last),
                              created_at=created, payment=world.fingerprint() if plan != "free" else None,
                              signup_ip=addr(created), n_keys=0)
        uas = P.mixed_ua(rng, [UA_MOBILE, UA_BROWSER, UA_DESKTOP_APP], rng.choice([1, 2, 2, 3]))
        bank = T.CONSUMER[lang(zone)] if rng.random() < 0.85 else T.CONSUMER["en"]
        per_day = {"free": 0.8, "pro": 1.8, "max": 3.0}[plan] * rng.lognormvariate(0, 0.6)
        active = range(int((created - START) // 86400) + 1 if new else 0, world.days)
        if rng.random() < 0.25:  # people drop in and out: some use it only a few days
            s = rng.randrange(world.days)
            active = range(s, min(world.days, s + rng.randint(1, 4)))
        model = "quetzal-3.5-haiku" if plan == "free" else None
        for t0 in world.session_times(zone, per_day, "evening", active):
            turns = 1 + int(rng.expovariate(1 / 2.5))
            converse(world, a, t0, turns, lambda i: fill(rng.choice(bank)), addr, rng.choice(uas), gap=(4.3, 0.9),
                     model=model, key_id=False, stream=True, reasoning_p=0.0 if plan == "free" else 0.08)


def household(world: World, orgs: dict[str, Org], n: int) -> None:
    """Families: one plan shared by two to four people at home, or sibling accounts on one card."""
    rng, fill = world.rng, _fill(world)
    made = 0
    while made < n:
        zone = zone_of(world, CONSUMER_ZONES)
        country = ZONES[zone][1]
        home = P.household(world, country)
        gid = world.hexid("grp_", 32)
        last = rng.choice(T.LAST)
        card = world.fingerprint()
        shared = rng.random() < 0.5
        members = [(rng.choice(T.FIRST), last) for _ in range(rng.randint(2, 4))]
        accounts = []
        if shared or n - made < 2:
            plan = rng.choice(["pro", "pro", "max"])
            accounts.append(world.add_account("household", variant="shared_plan", group_id=gid, zone=zone, plan=plan,
                                              email=personal_email(world, *members[0]), created_at=signed_up(world, 20, 500),
                                              payment=card, signup_ip=home(START), n_keys=0))
        else:
            for m in members[: min(3, n - made)]:
                accounts.append(world.add_account("household", variant="family_accounts", group_id=gid, zone=zone,
                                                  plan=rng.choice(["pro", "free"]) if accounts else "pro",
                                                  email=personal_email(world, *m), created_at=signed_up(world, 5, 400),
                                                  payment=card, signup_ip=home(START), n_keys=0))
        made += len(accounts)
        for idx, m in enumerate(members):
            a = accounts[idx % len(accounts)]
            phone = P.mobile(world, country)
            ua_pool = [rng.choice(UA_MOBILE), rng.choice(UA_BROWSER)]
            student = rng.random() < 0.4

            def addr(ts: float, phone=phone) -> str:
                return phone(ts) if rng.random() < 0.3 else home(ts)
            bank = T.STUDENT if student else T.CONSUMER[lang(zone)]
            for t0 in world.session_times(zone, rng.uniform(0.6, 2.0), "student" if student else "evening"):
                converse(world, a, t0, 1 + int(rng.expovariate(1 / 3)), picker(world, fill, bank), addr,
                         rng.choice(ua_pool), gap=(4.2, 0.8), key_id=False, stream=True)


def student(world: World, orgs: dict[str, Org], n: int) -> None:
    """Students behind university NAT and on phones: homework at night, exam crunch late in the window."""
    rng, fill = world.rng, _fill(world)
    unis = [("lima", orgs["u-pacifico"]), ("bogota", orgs["u-andes"]), ("mexico_city", None)]
    for _ in range(n):
        zone, org = rng.choice(unis)
        nat = P.pool(org.offices[0] if org else "132.248.10.0/24", world, 6)
        first, last = person(world)
        domain = org.domains[0] if org and rng.random() < 0.5 else ("alumno.unam.mx" if not org and rng.random() < 0.4 else None)
        phone, home = P.mobile(world, ZONES[zone][1]), P.household(world, ZONES[zone][1])

        def addr(ts: float, nat=nat, phone=phone, home=home) -> str:
            hour = ((ts + ZONES[zone][0] * 3600) % 86400) / 3600
            r = rng.random()
            if 8 <= hour < 18 and r < 0.55:
                return nat(ts)
            return phone(ts) if r < 0.75 else home(ts)
        plan = rng.choices(["free", "pro"], [80, 20])[0]
        a = world.add_account("student", variant=plan, zone=zone, plan=plan,
                              email=personal_email(world, first, last, domain), created_at=signed_up(world, 10, 600),
                              payment=world.fingerprint() if plan == "pro" else None, signup_ip=nat(0), n_keys=0)
        ua = rng.choice(UA_MOBILE + UA_BROWSER)
        crunch = set(range(max(0, world.days - 4), world.days))
        for day in range(world.days):
            rate = rng.uniform(0.4, 1.6) * (2.5 if day in crunch else 1)
            for t0 in world.session_times(zone, rate, "student", range(day, day + 1)):
                converse(world, a, t0, 1 + int(rng.expovariate(1 / 3.5)), lambda i: fill(rng.choice(T.STUDENT)), addr,
                         ua, gap=(4.0, 0.8), key_id=False, reasoning_p=0.15)


def _app_traffic(world: World, a, region: str, per_day: float, sdk: str, system: str, bank: list[str],
                 rhythm: str = "evening") -> None:
    """A customer's production app: end users' questions relayed from the customer's cloud servers."""
    rng, fill = world.rng, _fill(world)
    srv = P.cloud(world, region, rng.randint(1, 4))
    endpoint = "/v1/chat/completions" if "OpenAI" in sdk else "/v1/messages"
    tutoring = "tutoring" in system  # an edtech app: its students ask for worked solutions, step by step
    if tutoring:
        bank, rhythm = T.STUDENT, "student"
    for t0 in world.session_times(a.zone, per_day * (1.5 if tutoring else 1), rhythm):
        converse(world, a, t0, 1 + int(rng.expovariate(1 / 2)), lambda i: fill(rng.choice(bank)), srv, sdk,
                 gap=(3.5, 0.7), system=system, endpoint=endpoint, stream=True, max_tokens=4096 if tutoring else 1024,
                 reasoning_p=0.6 if tutoring else 0.0)


APP_SYSTEMS = ["You are Lupita, the friendly shopping assistant of {company}. Only answer questions about orders.",
               "You are a support agent for {company}. Be concise. If unsure, offer a human handoff.",
               "You help real-estate agents write listing descriptions. Output Spanish and English.",
               "You are a tutoring assistant for high-school {subject}. Never give final answers directly."]


def developer(world: World, orgs: dict[str, Org], n: int) -> None:
    """API customers: a developer trying things from a laptop, often with a small app in the cloud."""
    rng, fill = world.rng, _fill(world)
    regions = ["gcp-us-west1", "aws-us-east-1", "aws-us-west-2", "gcp-us-central1", "aws-sa-east-1", "azure-eastus",
               "hetzner", "ovh"]
    for _ in range(n):
        zone = zone_of(world, DEV_ZONES)
        first, last = person(world)
        home = P.household(world, ZONES[zone][1])
        addr = P.worker(world, zone, None, home, P.mobile(world, ZONES[zone][1]))
        a = world.add_account("developer", variant="api", zone=zone, plan="api",
                              email=personal_email(world, first, last), created_at=signed_up(world, 3, 500),
                              payment=world.fingerprint(), signup_ip=home(START), n_keys=rng.randint(1, 3))
        sdk = rng.choice(UA_SDK)
        uas = [sdk, rng.choice(UA_SDK + UA_MISC)]
        for t0 in world.session_times(zone, rng.uniform(0.8, 3.0), "late_dev"):
            converse(world, a, t0, 1 + int(rng.expovariate(1 / 3)), lambda i: fill(rng.choice(T.DEV)), addr,
                     rng.choice(uas), gap=(3.8, 0.9), endpoint=rng.choice(["/v1/messages", "/v1/chat/completions"]),
                     reasoning_p=0.1)
        if rng.random() < 0.55:
            _app_traffic(world, a, rng.choice(regions), rng.lognormvariate(1.6, 0.8), sdk,
                         fill(rng.choice(APP_SYSTEMS)), T.CONSUMER[lang(zone)])


STARTUPS = ["tacoloop.io", "pagofacil.mx", "rutaverde.co", "finbit.com.br", "medibot.cl", "legalito.pe",
            "cargoya.com", "aulaviva.mx", "shelfwise.ai", "brisa.app", "kodama.dev", "nubeconta.com"]


def startup_team(world: World, orgs: dict[str, Org], n: int) -> None:
    """Small companies on the team plan: one card, one domain, one office (often a coworking floor)."""
    rng, fill = world.rng, _fill(world)
    made, k = 0, 0
    while made < n:
        domain = STARTUPS[k % len(STARTUPS)] if k < len(STARTUPS) else f"startup{k}.io"
        k += 1
        zone = rng.choice(["mexico_city", "lima", "sao_paulo", "bogota", "los_angeles", "santiago"])
        cowork = {"lima": COWORKING_LIMA, "mexico_city": COWORKING_CDMX, "sao_paulo": COWORKING_SP}.get(zone)
        office = P.pool(cowork, world) if cowork and rng.random() < 0.7 else P.pool(
            P.block(rng.choice(list(P.HOME_V4[ZONES[zone][1]]))).sub(29, rng).cidr, world, 2)
        size = min(n - made, rng.randint(3, 8))
        card, gid, org_decl = world.fingerprint(), world.hexid("grp_", 32), world.hexid("org_", 32)
        founded = signed_up(world, 30, 400)
        region = rng.choice(["aws-us-east-1", "gcp-us-west1", "aws-sa-east-1", "gcp-us-central1"])
        for i in range(size):
            first, last = person(world)
            home = P.household(world, ZONES[zone][1])
            addr = P.worker(world, zone, office, home, P.mobile(world, ZONES[zone][1]))
            a = world.add_account("startup_team", variant="coworking" if cowork else "office", group_id=gid, zone=zone,
                                  plan="team", email=work_email(first, last, domain, k), created_at=founded + i * rng.uniform(0, 40) * 86400,
                                  declared_org=org_decl, declared_company=domain.split(".")[0].title(), payment=card,
                                  signup_ip=office(0), n_keys=rng.randint(1, 2))
            uas = [rng.choice(UA_SDK), rng.choice(UA_CODE_AGENT), rng.choice(UA_BROWSER)]
            for t0 in world.session_times(zone, rng.uniform(1.0, 3.5), "office"):
                converse(world, a, t0, 1 + int(rng.expovariate(1 / 4)), lambda i: fill(rng.choice(T.DEV)), addr,
                         rng.choice(uas), gap=(3.6, 0.9), endpoint="/v1/messages", reasoning_p=0.1)
            if i == 0:
                _app_traffic(world, a, region, rng.lognormvariate(2.2, 0.6), rng.choice(UA_SDK),
                             fill(rng.choice(APP_SYSTEMS)), T.CONSUMER[lang(zone)])
        made += size


def enterprise_staff(world: World, orgs: dict[str, Org], n: int) -> None:
    """A bank and a retailer: SSO, one invoice, everything through the corporate egress proxy."""
    rng, fill = world.rng, _fill(world)
    firms = [(orgs["banco-austral"], "BancoAustral-AIGateway/2.3 (+OpenAI/Python 1.51.0)"),
             (orgs["carrizal"], "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36")]
    sizes = [int(n * 0.6), n - int(n * 0.6)]
    for (org, ua), size in zip(firms, sizes, strict=True):
        egress = P.pool(org.offices[0], world)
        for i in range(size):
            first, last = person(world)
            a = world.add_account("enterprise_staff", variant=org.org_id, group_id=org.org_id, zone=org.zone,
                                  plan="enterprise", email=work_email(first, last, org.domains[0], 0),
                                  created_at=signed_up(world, 20, 200), declared_org=org.org_id, declared_company=org.name,
                                  payment=org.cards[0], signup_ip=egress(0), sso=org.sso[0])
            ep = "/v1/chat/completions" if "OpenAI" in ua else "/v1/messages"
            for t0 in world.session_times(org.zone, rng.uniform(0.8, 2.5), "office"):
                converse(world, a, t0, 1 + int(rng.expovariate(1 / 3)), lambda i: fill(rng.choice(T.ENTERPRISE_TASKS)),
                         egress, ua, gap=(4.0, 0.8), endpoint=ep, system="Internal assistant. Do not reveal customer PII.")


def hackathon(world: World, orgs: dict[str, Org], n: int) -> None:
    """Hackathon cohorts: signups within hours at one venue, one starter kit, a weekend of bursts."""
    rng = world.rng
    events = [("QuetzalHack CDMX", "mexico_city", "189.240.77.0/29"), ("Build Night São Paulo", "sao_paulo", "177.54.150.8/29"),
              ("Andes AI Weekend", "bogota", "190.146.2.0/29")]
    made, k = 0, 0
    while made < n:
        name, zone, venue_cidr = events[k % len(events)]
        k += 1
        size = min(n - made, rng.randint(15, 25))
        venue = P.pool(venue_cidr, world)
        sat = 5 if world.days > 6 else max(0, world.days - 2)  # a Saturday, when the window has one
        day = 12 if k % 2 == 0 and world.days > 13 else sat
        kickoff = world.local_day_start(day, zone) + 9 * 3600
        system = T.HACKATHON_SYS.format(event=name)
        gid = world.hexid("grp_", 32)
        fill = fill_factory(rng, T.BANKS)
        ua = rng.choice(["Anthropic/JS 0.33.1", "OpenAI/JS 4.76.1"])
        for _ in range(size):
            first, last = person(world)
            home, phone = P.household(world, ZONES[zone][1]), P.mobile(world, ZONES[zone][1])
            signup = kickoff + rng.uniform(0, 3) * 3600
            a = world.add_account("hackathon", variant=name, group_id=gid, zone=zone,
                                  plan=rng.choice(["free", "api", "api"]), email=personal_email(world, first, last),
                                  created_at=signup, payment=None, signup_ip=venue(signup), credential="api_key")
            t = signup + rng.uniform(600, 5400)
            end = kickoff + 33 * 3600
            while t < end:  # bursts while building, pauses while coding and sleeping
                t = converse(world, a, t, rng.randint(1, 6), lambda i: fill(rng.choice(T.HACKATHON)),
                             venue if rng.random() < 0.8 else phone, ua, gap=(3.0, 0.8), system=system,
                             endpoint="/v1/messages" if "Anthropic" in ua else "/v1/chat/completions")
                t += rng.lognormvariate(7.3, 0.9)
                hour = ((t + ZONES[zone][0] * 3600) % 86400) / 3600
                if 1 <= hour < 8:
                    t += (8 - hour) * 3600
            if rng.random() < 0.3:  # a few keep building afterwards, from home
                for t0 in world.session_times(zone, 0.8, "late_dev", range(day + 2, world.days)):
                    converse(world, a, t0, rng.randint(1, 4), lambda i: fill(rng.choice(T.DEV)), home, ua, gap=(3.5, 0.8))
        made += size


def benchmark_items(world: World, subject_seed: int, count: int, public: bool) -> list[str]:
    """A fixed multiple-choice question set; the public one is identical for every customer that runs it."""
    import random as _r
    r = _r.Random(1234 if public else subject_seed)
    out = []
    for i in range(count):
        subj = r.choice(T.BENCH_SUBJECTS)
        a, b = r.randint(2, 99), r.randint(2, 99)
        out.append(f"The following is a multiple choice question about {subj.replace('_', ' ')}.\n\n"
                   f"Q{i + 1}. Which statement is correct about case {a}-{b}?\nA) {a + b}\nB) {a * b}\nC) {abs(a - b)}\n"
                   f"D) none of the above\nAnswer:")
    return out


def _eval_runs(world: World, a, items: list[str], addr, ua: str, runs_per_day: float, hour: float,
               models: list[str], concurrency_gap: float = 0.4) -> None:
    """Re-run the same fixed set: nightly CI and ad-hoc runs on new checkpoints."""
    rng = world.rng
    system = "Answer with the letter of the correct option only."
    for day in range(world.days):
        runs = int(world.np.poisson(runs_per_day))
        for r in range(runs):
            t = world.local_day_start(day, a.zone) + (hour + (r * rng.uniform(3, 8))) % 24 * 3600 + rng.uniform(0, 900)
            model = rng.choice(models)
            for q in items:
                world.emit(a, t, ip=addr(t), ua=ua, prompt=q, endpoint="/v1/chat/completions", model=model, system=system,
                           conversation_id=None, turn=1, output_tokens=rng.randint(1, 3), max_tokens=5, stream=False)
                t += rng.expovariate(1 / concurrency_gap)


def eval_harness(world: World, orgs: dict[str, Org], n: int) -> None:
    """Evaluation harnesses: the same fixed question set (often a public benchmark) re-run at volume."""
    rng = world.rng
    for _ in range(n):
        zone = zone_of(world, DEV_ZONES)
        public = rng.random() < 0.6
        items = benchmark_items(world, rng.getrandbits(32), rng.randint(120, 260), public)
        region = rng.choice(["aws-us-east-1", "gcp-us-west1", "gcp-us-central1", "aws-us-west-2"])
        first, last = person(world)
        a = world.add_account("eval_harness", variant="public_benchmark" if public else "private_set", zone=zone,
                              plan="api", email=personal_email(world, first, last, rng.choice([None, "evalops.io", "qa-metrics.com"])),
                              created_at=signed_up(world, 10, 300), payment=world.fingerprint(), signup_ip=None, n_keys=2)
        _eval_runs(world, a, items, P.cloud(world, region, 2), rng.choice(["python-httpx/0.27.2", "OpenAI/Python 1.55.3"]),
                   rng.uniform(0.6, 1.6), rng.uniform(0, 24), ["qz-sonnet-3.5", "qz-haiku-3.5", "qz-r1"])


def research_lab(world: World, orgs: dict[str, Org], n: int) -> None:
    """University labs: one grant card, .edu addresses, one shared evaluation script run by each student."""
    rng, fill = world.rng, _fill(world)
    labs = [orgs["u-pacifico"], orgs["u-andes"]]
    made, k = 0, 0
    while made < n:
        org = labs[k % 2]
        k += 1
        size = min(n - made, rng.randint(8, 14))
        card, gid = world.fingerprint(), world.hexid("grp_", 32)
        nat = P.pool(org.offices[0], world, 4)
        server = P.fixed([P.block(org.offices[0]).pick(rng)], world)
        items = benchmark_items(world, 0, 150, True)[:100] + benchmark_items(world, rng.getrandbits(32), 80, False)
        for _ in range(size):
            first, last = person(world)
            home = P.household(world, ZONES[org.zone][1])
            a = world.add_account("research_lab", variant=org.org_id, group_id=gid, zone=org.zone, plan="api",
                                  email=work_email(first, last, org.domains[0], rng.randrange(3)),
                                  created_at=signed_up(world, 5, 300), declared_company=org.name, payment=card,
                                  signup_ip=nat(0))
            _eval_runs(world, a, items, server, "python-httpx/0.27.2", rng.uniform(0.15, 0.5), rng.uniform(0, 24),
                       ["qz-sonnet-3.5", "qz-r1"], 0.8)
            addr = P.worker(world, org.zone, nat, home)
            uas = [rng.choice(UA_SDK), rng.choice(UA_BROWSER)]
            for t0 in world.session_times(org.zone, rng.uniform(0.5, 2), "late_dev"):
                converse(world, a, t0, 1 + int(rng.expovariate(1 / 3)), lambda i: fill(rng.choice(T.STUDENT + T.DEV)),
                         addr, rng.choice(uas), gap=(3.8, 0.8), reasoning_p=0.4)
        made += size


def batch_etl(world: World, orgs: dict[str, Org], n: int) -> None:
    """Batch extraction customers: templated prompts over their own documents, all night, from the cloud."""
    rng, fill = world.rng, _fill(world)
    for _ in range(n):
        zone = zone_of(world, DEV_ZONES)
        company = rng.choice(["logistica-norte.mx", "segurosbrisa.com", "clinicared.co", "contaplus.com.br", "freightly.com"])
        first, last = person(world)
        region = rng.choice(["aws-us-east-1", "aws-sa-east-1", "azure-eastus", "gcp-us-central1"])
        a = world.add_account("batch_etl", variant="night" if rng.random() < 0.5 else "continuous", zone=zone, plan="api",
                              email=work_email(first, last, company), created_at=signed_up(world, 30, 400),
                              declared_company=company.split(".")[0], payment=world.fingerprint(), n_keys=2)
        srv = P.cloud(world, region, 2)
        ua = rng.choice(["Python/3.11 aiohttp/3.10.10", "AsyncOpenAI/Python 1.55.3", "Java-http-client/17.0.12"])
        tpl = rng.sample(T.ETL_TEMPLATES, 2)
        per_day = rng.uniform(100, 250)
        rhythm = "night_batch" if a.label["variant"] == "night" else "flat"
        for t in world.session_times(zone, per_day, rhythm):
            world.emit(a, t, ip=srv(t), ua=ua, prompt=fill(rng.choice(tpl)) + f"\n[{rng.getrandbits(40):x}]",
                       endpoint="/v1/chat/completions", model="qz-haiku-3.5", input_tokens=rng.randint(600, 3000),
                       output_tokens=rng.randint(60, 400), stream=False, max_tokens=800)


def labelling_vendor(world: World, orgs: dict[str, Org], n: int) -> None:
    """Annotation vendors: a floor of annotators, one card, one office, one labelling template each."""
    rng, fill = world.rng, _fill(world)
    vendors = [("datalabel-ph.com", "manila", "112.199.40.0/29"), ("etiquetas.co", "bogota", "190.24.150.16/29")]
    sizes = [n // 2, n - n // 2]
    for (domain, zone, cidr), size in zip(vendors, sizes, strict=True):
        office, card, gid = P.pool(cidr, world), world.fingerprint(), world.hexid("grp_", 32)
        for _ in range(size):
            first, last = person(world)
            a = world.add_account("labelling_vendor", variant=domain, group_id=gid, zone=zone, plan="team",
                                  email=work_email(first, last, domain, 1), created_at=signed_up(world, 10, 200),
                                  declared_company=domain.split(".")[0], payment=card, signup_ip=office(0))
            ua = rng.choice(["LabelForge/4.2.1 (+OpenAI/Python 1.54.4)", rng.choice(UA_BROWSER)])
            for t0 in world.session_times(zone, rng.uniform(4, 7), "office"):
                t = t0
                for _k in range(rng.randint(5, 20)):
                    world.emit(a, t, ip=office(t), ua=ua, prompt=f"{fill(rng.choice(T.LABEL_TASKS))}\nitem {rng.getrandbits(40):010x}: {fill(rng.choice(T.DETAIL_TEXT))}",
                               endpoint="/v1/chat/completions",
                               model="qz-haiku-3.5", output_tokens=rng.randint(5, 60), stream=False)
                    t += rng.lognormvariate(3.3, 0.5)


def coding_agent_power(world: World, orgs: dict[str, Org], n: int) -> None:
    """Power users of coding agents: long cached contexts, huge max_tokens, tool loops for hours."""
    rng, fill = world.rng, _fill(world)
    for _ in range(n):
        zone = zone_of(world, DEV_ZONES)
        first, last = person(world)
        plan = rng.choice(["max", "max", "pro", "api"])
        home = P.household(world, ZONES[zone][1])
        office = P.pool(rng.choice([COWORKING_CDMX, COWORKING_SP, "64.125.18.0/28", "157.131.8.0/28"]), world, 2) \
            if rng.random() < 0.5 else None
        addr = P.worker(world, zone, office, home)
        a = world.add_account("coding_agent_power", variant=plan, zone=zone, plan=plan,
                              email=personal_email(world, first, last), created_at=signed_up(world, 10, 300),
                              payment=world.fingerprint(), signup_ip=home(START))
        ua = rng.choice(UA_CODE_AGENT)
        system = "You are Quetzal Code, an interactive CLI tool that helps users with software engineering tasks."
        for t0 in world.session_times(zone, rng.uniform(1.0, 2.5), "late_dev"):
            t, conv, ctx = t0, world.hexid("conv_", 64), rng.randint(12000, 30000)
            turns = rng.randint(8, 60)
            for i in range(turns):
                p = fill(rng.choice(T.CODE_AGENT_USER if i == 0 or rng.random() < 0.1 else T.CODE_AGENT_TOOL))
                p += f"\n{rng.randint(1, 900)}:{rng.randint(1, 80)} {fill(rng.choice(T.DETAIL_TEXT))}"
                fresh = rng.randint(200, 4000)
                o = int(rng.lognormvariate(6.3, 0.9))
                world.emit(a, t, ip=addr(t0), ua=ua, prompt=p, system=system, conversation_id=conv, turn=i + 1,
                           input_tokens=fresh, cache_read=ctx, cache_write=fresh if rng.random() < 0.7 else 0,
                           output_tokens=o, max_tokens=rng.choice([32000, 64000, 64000]), stream=True,
                           model=rng.choice(["quetzal-3.5-sonnet", "quetzal-3-opus"]), reasoning=rng.random() < 0.3,
                           key_id=plan == "api")
                ctx = min(190000, ctx + fresh + o)
                t += rng.lognormvariate(2.3, 0.9) + o / 80


def translator(world: World, orgs: dict[str, Org], n: int) -> None:
    """Translators: long documents sent in numbered parts, in order, during working days."""
    rng, fill = world.rng, _fill(world)
    for _ in range(n):
        zone = rng.choice(["mexico_city", "buenos_aires", "madrid", "sao_paulo", "bogota", "toronto"])
        first, last = person(world)
        home = P.household(world, ZONES[zone][1])
        a = world.add_account("translator", variant="freelance", zone=zone, plan=rng.choice(["pro", "pro", "api"]),
                              email=personal_email(world, first, last), created_at=signed_up(world, 30, 600),
                              payment=world.fingerprint(), signup_ip=home(START))
        ua = rng.choice(UA_BROWSER + UA_DESKTOP_APP)
        for t0 in world.session_times(zone, rng.uniform(0.4, 1.0), "office"):
            parts, doc = rng.randint(5, 40), fill("{doc} for {company}")
            t = t0
            conv = world.hexid("conv_", 64)
            for k in range(parts):
                world.emit(a, t, ip=home(t), ua=ua, system=T.TRANSLATE_SYS, conversation_id=conv, turn=k + 1,
                           prompt=f"Translate to {'English' if lang(zone) != 'en' else 'Spanish'}, part {k + 1} of {parts} of the {doc}:\n\n"
                                  + fill("{snippet_es} {snippet} {snippet_es}"),
                           input_tokens=rng.randint(1500, 4500), output_tokens=rng.randint(1500, 4500), key_id=a.record["plan"] == "api")
                t += rng.lognormvariate(5.0, 0.6)


PLATFORMS = {
    "tessellate": ("Tessellate-Relay/3.2.0", "You are Tessellate, an AI pair programmer inside the Tessellate IDE. "
                   "You have access to the user's open files. Prefer minimal diffs.", "tsl_u_"),
    "forge": ("forge-runtime/0.9.4 (+https://forge.run)", "You are an autonomous agent running on Forge. "
              "Use the provided tools. Think before acting. Stop when the goal is achieved.", "frg_"),
}
END_USER_ORGS = ["gmail.com", "gmail.com", "outlook.com", "tacoloop.io", "rutaverde.co", "finbit.com.br", "carrizal.com",
                 "bancoaustral.com.mx", "shelfwise.ai", "mercadoexpress.com", "globant-like.com", "nubank-like.com.br"]


EMPLOYER_ZONES = {"tacoloop.io": "mexico_city", "rutaverde.co": "bogota", "finbit.com.br": "sao_paulo",
                  "carrizal.com": "monterrey", "bancoaustral.com.mx": "mexico_city", "shelfwise.ai": "los_angeles",
                  "mercadoexpress.com": "buenos_aires", "nubank-like.com.br": "sao_paulo"}


def platform_session(world: World, a, platform: str, relay, eu_id: str, eu_org: str | None, bank: list[str],
                     t0: float) -> None:
    rng, fill = world.rng, _fill(world)
    ua, system, _ = PLATFORMS[platform]
    converse(world, a, t0, rng.randint(2, 15), lambda i: fill(rng.choice(bank)), relay, ua, gap=(2.6, 0.9),
             system=system, stay_ip=False, platform=platform, end_user_id=eu_id, end_user_org=eu_org,
             stream=True, max_tokens=8192, cache_read=rng.randint(0, 20000))


def platform_user(world: World, orgs: dict[str, Org], n: int) -> None:
    """Users of an IDE and an agent runtime who bring their own key: relayed, attributed, same system prompt."""
    rng = world.rng
    for _ in range(n):
        platform = rng.choice(["tessellate", "tessellate", "forge"])
        relay = P.pool(orgs[platform].offices[0], world)
        eu_org = rng.choice(END_USER_ORGS)
        zone = EMPLOYER_ZONES.get(eu_org) or zone_of(world, DEV_ZONES)
        first, last = person(world)
        email = work_email(first, last, eu_org) if "gmail" not in eu_org and "outlook" not in eu_org \
            else personal_email(world, first, last, eu_org)
        a = world.add_account("platform_user", variant=platform, zone=zone, plan="api", email=email,
                              created_at=signed_up(world, 2, 300), payment=world.fingerprint(), signup_ip=None)
        eu_id = PLATFORMS[platform][2] + f"{rng.getrandbits(40):010x}"
        for t0 in world.session_times(zone, rng.uniform(1.0, 3.0), "late_dev"):
            platform_session(world, a, platform, relay, eu_id, eu_org, T.CODE_AGENT_USER + T.DEV, t0)


def reseller_platform(world: World, orgs: dict[str, Org], n: int) -> None:
    """PromptBazaar, an authorised reseller: one API account relays many attributed end users."""
    rng, fill = world.rng, _fill(world)
    org = orgs["promptbazaar"]
    relay = P.pool(org.offices[0], world)
    for i in range(n):
        a = world.add_account("reseller_platform", variant="promptbazaar", zone=org.zone, plan="enterprise",
                              email=f"api{i + 1}@promptbazaar.com", created_at=signed_up(world, 100, 400),
                              declared_org="promptbazaar", declared_company=org.name, payment=world.fingerprint(),
                              signup_ip=relay(0), n_keys=3)
        users = [(f"pb_{rng.getrandbits(32):08x}", rng.choice(END_USER_ORGS + ["hotmail.com", "yahoo.com.mx"]),
                  rng.choice(list(T.CONSUMER))) for _ in range(rng.randint(150, 300))]
        for t0 in world.session_times(org.zone, rng.uniform(120, 200), "evening"):
            uid, uorg, lg = rng.choice(users)
            converse(world, a, t0, 1 + int(rng.expovariate(1 / 2)), picker(world, fill, T.CONSUMER[lg]),
                     relay, "promptbazaar-gw/5.1", gap=(3.8, 0.8), stay_ip=False, platform="promptbazaar",
                     end_user_id=uid, end_user_org=uorg, system="PromptBazaar persona: friendly general assistant.")


def shared_egress_neighbour(world: World, orgs: dict[str, Org], n: int) -> None:
    """Unrelated customers who egress from ranges a rival lists: its cloud region, its VPN, its coworking floor."""
    rng, fill = world.rng, _fill(world)
    kinds = ["cloud_gcp_usw1", "cloud_aws_apse1", "vpn_sin", "coworking_lima"]
    for i in range(n):
        kind = kinds[i % len(kinds)]
        first, last = person(world)
        if kind.startswith("cloud"):
            zone = "los_angeles" if "usw1" in kind else "singapore"
            srv = P.cloud(world, "gcp-us-west1" if "usw1" in kind else "aws-ap-southeast-1", rng.randint(1, 3))
            a = world.add_account("shared_egress_neighbour", variant=kind, zone=zone, plan="api",
                                  email=personal_email(world, first, last, rng.choice([None, "kitebase.io", "lumen.sg"])),
                                  created_at=signed_up(world, 5, 400), payment=world.fingerprint(), signup_ip=None)
            sdk = rng.choice(UA_SDK)
            _app_traffic(world, a, "gcp-us-west1" if "usw1" in kind else "aws-ap-southeast-1", rng.uniform(3, 12), sdk,
                         fill(rng.choice(APP_SYSTEMS)), T.CONSUMER["en"], "flat")
            for t0 in world.session_times(zone, rng.uniform(0.5, 1.5), "late_dev"):
                converse(world, a, t0, rng.randint(1, 4), lambda i: fill(rng.choice(T.DEV)), srv, sdk, gap=(3.6, 0.8))
        elif kind == "vpn_sin":
            zone = rng.choice(["singapore", "los_angeles", "madrid", "mexico_city"])
            exit_ = P.vpn(world, "nord-like-sin")
            home = P.consumer(world, zone)
            plan = rng.choice(["pro", "free", "api"])
            a = world.add_account("shared_egress_neighbour", variant=kind, zone=zone, plan=plan,
                                  email=personal_email(world, first, last, rng.choice([None, "proton.me"])),
                                  created_at=signed_up(world, 5, 400), payment=world.fingerprint() if plan != "free" else None,
                                  signup_ip=exit_(0), n_keys=1 if plan == "api" else 0)
            ua = rng.choice(UA_BROWSER + UA_SDK)
            for t0 in world.session_times(zone, rng.uniform(1, 3), "evening"):
                addr = exit_ if rng.random() < 0.8 else home
                converse(world, a, t0, rng.randint(1, 5), lambda i: fill(rng.choice(T.CONSUMER["en"] + T.DEV)), addr, ua,
                         gap=(4, 0.8), key_id=plan == "api")
        else:
            zone = "lima"
            floor = P.pool(COWORKING_LIMA, world)
            home = P.household(world, "PE")
            addr = P.worker(world, zone, floor, home)
            a = world.add_account("shared_egress_neighbour", variant=kind, zone=zone, plan=rng.choice(["api", "pro"]),
                                  email=personal_email(world, first, last), created_at=signed_up(world, 5, 400),
                                  payment=world.fingerprint(), signup_ip=floor(0))
            ua = rng.choice(UA_SDK + UA_CODE_AGENT)
            for t0 in world.session_times(zone, rng.uniform(1, 3), "office"):
                converse(world, a, t0, rng.randint(1, 6), lambda i: fill(rng.choice(T.DEV)), addr, ua, gap=(3.7, 0.8))


def _ordinary_dev(world: World, a, zone: str, addr, ua: str, rate: float, days: range | None = None) -> None:
    rng, fill = world.rng, _fill(world)
    for t0 in world.session_times(zone, rate, "office", days):
        converse(world, a, t0, 1 + int(rng.expovariate(1 / 3)), lambda i: fill(rng.choice(T.DEV + T.ENTERPRISE_TASKS)),
                 addr, ua, gap=(3.8, 0.8))


def former_rival_employee(world: World, orgs: dict[str, Org], n: int) -> None:
    """People who once worked at a rival: signed up from its office with its name as company, left since."""
    rng = world.rng
    for i in range(n):
        rival = orgs["condor-labs" if i % 3 else "nimbus-foundry"]
        zone = rival.zone if rng.random() < 0.7 else "los_angeles"
        first, last = person(world)
        office = P.block(rival.offices[0])
        home = P.household(world, ZONES[zone][1])
        new_job = P.pool(P.block(rng.choice(P.HOME_V4[ZONES[zone][1]])).sub(29, rng).cidr, world, 2)
        a = world.add_account("former_rival_employee", variant=rival.org_id, zone=zone, plan=rng.choice(["pro", "api"]),
                              email=personal_email(world, first, last), created_at=signed_up(world, 200, 700),
                              declared_company=rival.name if rng.random() < 0.6 else f"ex-{rival.name}",
                              payment=world.fingerprint(), signup_ip=office.pick(rng))
        _ordinary_dev(world, a, zone, P.worker(world, zone, new_job, home), rng.choice(UA_SDK + UA_BROWSER),
                      rng.uniform(0.8, 2.0))


def rival_office_visitor(world: World, orgs: dict[str, Org], n: int) -> None:
    """Visitors: an interview or a vendor meeting at a rival's office, an afternoon on its guest Wi-Fi."""
    rng, fill = world.rng, _fill(world)
    for i in range(n):
        rival = orgs["condor-labs" if i % 2 else "nimbus-foundry"]
        zone = rival.zone
        first, last = person(world)
        home = P.household(world, ZONES[zone][1])
        a = world.add_account("rival_office_visitor", variant=rival.org_id, zone=zone, plan=rng.choice(["pro", "api", "free"]),
                              email=personal_email(world, first, last), created_at=signed_up(world, 10, 500),
                              payment=world.fingerprint(), signup_ip=home(START))
        ua = rng.choice(UA_SDK + UA_BROWSER + UA_MOBILE)
        _ordinary_dev(world, a, zone, home, ua, rng.uniform(0.8, 2.0))
        guest = P.pool(rng.choice(rival.offices), world, 1)
        day = rng.choice([d for d in range(world.days) if not world.is_weekend(d)])
        t = world.local_day_start(day, zone) + rng.uniform(13, 15) * 3600
        end = t + rng.uniform(2, 4) * 3600
        while t < end:
            t = converse(world, a, t, rng.randint(1, 4), lambda i: fill(rng.choice(T.DEV + T.CONSUMER["en"])), guest, ua,
                         gap=(3.5, 0.7)) + rng.uniform(300, 1800)


def namesake(world: World, orgs: dict[str, Org], n: int) -> None:
    """Look-alikes: a rival's name in someone else's domain or company, or a rival engineer's surname."""
    rng = world.rng
    lookalikes = [("condor-logistica.com.mx", "Cóndor Logística", "mexico_city"), ("condortravel.pe", "Condor Travel", "lima"),
                  ("nimbus.cl", "Nimbus Consultores", "santiago"), ("nimbuscloud.com.br", "Nimbus Cloud Hosting", "sao_paulo"),
                  ("condorseguros.co", "Cóndor Seguros", "bogota")]
    for i in range(n):
        if i % 2 == 0:
            domain, company, zone = lookalikes[(i // 2) % len(lookalikes)]
            first, last = person(world)
            email, variant = work_email(first, last, domain, i), "lookalike_domain"
        else:
            zone = rng.choice(["santiago", "singapore", "los_angeles"])
            first, last = rng.choice(T.FIRST), rng.choice(["Okafor", "Tan", "Silva", "Lim"])
            email, company, variant = personal_email(world, first, last), None, "shared_surname"
        home = P.household(world, ZONES[zone][1])
        a = world.add_account("namesake", variant=variant, zone=zone, plan=rng.choice(["api", "pro", "team"]), email=email,
                              created_at=signed_up(world, 10, 500), declared_company=company, payment=world.fingerprint(),
                              signup_ip=home(START))
        _ordinary_dev(world, a, zone, home, rng.choice(UA_SDK + UA_BROWSER), rng.uniform(0.8, 2.0))



