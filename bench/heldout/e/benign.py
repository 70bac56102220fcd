"""Benign personas, hard negatives first: every one of them shares something with an abuser or a rival."""

from __future__ import annotations

import random

import text as T
from common import human, poisson, sessions
from places import (CLOUD_NAT_SHARED, CLOUD_TENANT_BLOCKS, COUNTRIES, COWORKING, PLATFORM_RELAYS, UNIVERSITY,
                    Fixed, Mix, Mobile, Pool, Vpn, v4_in)
from world import START, World


def _d(w: World, per10: float) -> float:
    """A count given for ten days, scaled to the recording's length."""
    return per10 * w.days / 10


def consumer_chat(w: World, n: int) -> None:
    """People using the Jua app on phones and laptops, in a dozen languages, mostly evenings."""
    rng = w.rng("consumer_chat")
    for i in range(n):
        variant = rng.choice(["mobile_only", "home_ipv6", "multi_device"])
        plan = rng.choices(["free", "pro", "max"], [60, 35, 5])[0]
        a = human(w, rng, "consumer_chat", plan=plan, ua_kinds=("android", "android", "ios", "web"), variant=variant)
        if variant == "mobile_only":
            a.addr = Mobile(a.country)
        lang = a.extra["lang"]
        sessions(w, a, rng, n=poisson(rng, _d(w, rng.choice((3, 6, 10, 18)))), profile="consumer",
                 prompt=lambda r, lang=lang: T.chat_prompt(r, lang if r.random() < 0.8 else "en"),
                 system=T.APP_SYSTEM.format(date="2026-11"), model="jua-2-flash" if plan == "free" else "jua-2-pro",
                 turns=(1, 6), gap=(20, 200), endpoint="/v1/messages")


def student(w: World, n: int) -> None:
    """Students on campus NAT and phones: homework, step-by-step maths, late nights, an exam crunch."""
    rng = w.rng("student")
    unis = {"uon": "KE", "wits": "ZA", "ulisboa": "PT", "unilag": "NG", "ur": "RW"}
    for i in range(n):
        uni = rng.choice(list(unis))
        c = COUNTRIES[unis[uni]]
        addr = Mix(c.tz, Pool(UNIVERSITY[uni], 62), Mobile(c), None, 0.35)
        a = human(w, rng, "student", cc=c.code, plan=rng.choice(("free", "free", "pro")),
                  ua_kinds=("web", "android"), addr=addr, variant=uni)
        lang = a.extra["lang"]

        def p(r: random.Random, lang: str = lang) -> str:
            x = r.random()
            if x < 0.35:
                return "Can you explain step by step how to solve this? " + T.problem(r)
            if x < 0.6:
                return T.dev_prompt(r)
            return T.chat_prompt(r, lang)
        crunch = START + 86400 * (w.days - 3)
        sessions(w, a, rng, n=poisson(rng, _d(w, 8)), profile="student", prompt=p, turns=(1, 5),
                 model=rng.choice(("jua-2-flash", "jua-2-think")), reasoning=rng.random() < 0.4)
        sessions(w, a, rng, n=poisson(rng, 4), profile="student", prompt=p, turns=(2, 8), lo=crunch,
                 model="jua-2-think", reasoning=True)


def developer(w: World, n: int) -> None:
    """Developers on the API through the official SDKs, from home, office or phone hotspot."""
    rng = w.rng("developer")
    for i in range(n):
        kinds = rng.choice([("py_anthropic",), ("py_openai",), ("js",), ("raw",), ("langchain",)])
        a = human(w, rng, "developer", plan=rng.choice(("api", "api", "pro")), ua_kinds=kinds, variant=kinds[0])
        sessions(w, a, rng, n=poisson(rng, _d(w, rng.choice((6, 12, 25)))), profile="dev", prompt=T.dev_prompt,
                 turns=(1, 5), gap=(15, 180), endpoint=T.endpoint_for(a.ua, rng), model=rng.choice(T.MODELS))


def coding_agent_power(w: World, n: int) -> None:
    """Power users of coding agents: long sessions, 30k-190k cached tokens of context, 32k-64k max_tokens."""
    rng = w.rng("coding_agent_power")
    for i in range(n):
        plan = rng.choice(("max", "max", "api", "pro"))
        a = human(w, rng, "coding_agent_power", plan=plan, ua_kinds=("agent_cli",), variant=plan)
        repo = rng.choice(["mpesa-gateway", "farm-ledger", "clinic-app", "payroll", "sacco-core", "ussd-menu"])
        system = T.AGENT_SYSTEM.format(repo=repo)
        ctx = [rng.randrange(30_000, 120_000)]

        def per_turn(r: random.Random, turn: int, ctx: list[int] = ctx) -> dict:
            ctx[0] = 18_000 + turn * r.randrange(900, 3000) if turn == 1 else min(190_000, ctx[0] + r.randrange(500, 6000))
            return {"cache_read": ctx[0], "cache_write": r.randrange(200, 4000), "in_extra": r.randrange(50, 2500),
                    "out_tokens": int(r.lognormvariate(6.5, 1.0)), "max_tokens": r.choice((32_000, 64_000)),
                    "reasoning": r.random() < 0.3}
        days_active = max(1, int(w.days * rng.uniform(0.4, 0.9)))
        sessions(w, a, rng, n=days_active * rng.randint(1, 3), profile="dev", prompt=T.agent_turn,
                 turns=(15, 110), gap=(4, 70), system=system, per_turn=per_turn, endpoint=T.endpoint_for(a.ua, rng),
                 model=rng.choice(("jua-2-pro", "jua-2-think")), stream=True)


def startup_team(w: World, n: int) -> None:
    """Small teams on the team plan: one company card, a shared office (some on the shared cloud NAT or a
    coworking floor a rival also lists), colleagues who signed up the same afternoon."""
    rng = w.rng("startup_team")
    names = ["pesaflow", "shambaai", "kodi-labs", "mizigo", "afyalink", "lumen-data", "sokoni", "tatu-robotics",
             "baridi", "zuri-health", "jenga-dev", "kazi-hq"]
    made, g = 0, 0
    while made < n:
        name = names[g % len(names)] + ("" if g < len(names) else f"-{g}")
        size = min(n - made, rng.randint(3, 8))
        cc = rng.choice(("KE", "NG", "ZA", "PT", "RW"))
        office_kind = rng.choice(["coworking", "cloud_nat", "office"])
        if office_kind == "coworking":
            office = Pool(rng.choice(list(COWORKING.values())), 60)
        elif office_kind == "cloud_nat":
            office = Pool(CLOUD_NAT_SHARED)  # dev boxes in the cloud, behind the region's shared NAT
        else:
            office = Fixed([v4_in(rng.choice(COUNTRIES[cc].home_v4), rng.randrange(60000)) for _ in range(2)])
        card, created = w.fp(rng), START - rng.uniform(20, 300) * 86400
        domain = f"{name}.io"
        for j in range(size):
            first, last = T.person(rng, cc)
            a = human(w, rng, "startup_team", cc=cc, plan="team", ua_kinds=("py_anthropic", "agent_cli", "web", "js"),
                      work=office, email=T.work_email(first, last, domain, g), created=created + rng.uniform(0, 7200),
                      org_id=f"org-{name}", declared_company=name, payment=card, variant=office_kind, group=name)
            sessions(w, a, rng, n=poisson(rng, _d(w, 14)), profile="dev", prompt=T.dev_prompt, turns=(1, 6),
                     endpoint=T.endpoint_for(a.ua, rng), model=rng.choice(T.MODELS))
        made += size
        g += 1


def enterprise_staff(w: World, n: int) -> None:
    """Staff of enterprise customers behind the corporate proxy: a few egress IPs, one SSO tenant, one UA."""
    from orgs import CUSTOMERS
    rng = w.rng("enterprise_staff")
    firms = [c for c in CUSTOMERS if c[0] in ("savanna-bank", "teleafrica", "lusitano-seguros")]
    for i in range(n):
        org, name, domains, sso, egress, cc = firms[i % len(firms)]
        proxy = Fixed([v4_in(egress, k) for k in range(1, 5)])
        first, last = T.person(rng, cc)
        a = human(w, rng, "enterprise_staff", cc=cc, plan="enterprise", addr=proxy, ua_kinds=("web",),
                  email=T.work_email(first, last, domains[0]), org_id=org, declared_company=name, sso=sso,
                  variant=org, group=org, created=START - rng.uniform(30, 200) * 86400)
        a.ua = T.UA["web"][0]  # the managed browser image
        lang = {"KE": "en", "NG": "en", "PT": "pt"}[cc]
        sessions(w, a, rng, n=poisson(rng, _d(w, 16)), profile="office",
                 prompt=lambda r, lang=lang: T.chat_prompt(r, lang) if r.random() < 0.5 else T.etl_doc(r, "news", r.randrange(10**6)),
                 turns=(1, 5), system=f"You are {name}'s internal assistant. Follow the acceptable-use policy.",
                 model="jua-2-pro")


def hackathon_cohort(w: World, n: int) -> None:
    """Hackathon participants: signups within hours at one venue, a starter-kit prompt, two intense days."""
    rng = w.rng("hackathon_cohort")
    events = [("jua-hack-nairobi", "KE", UNIVERSITY["uon"], 2), ("kigali-ai-jam", "RW", COWORKING["nairobi-hub"], 5),
              ("lisbon-build-night", "PT", COWORKING["lisbon-loft"], 6)]
    made, e = 0, 0
    while made < n:
        ev, cc, venue, day = events[e % len(events)]
        day = min(day, max(0, w.days - 2))
        size = min(n - made, rng.randint(14, 22))
        t0 = START + day * 86400 + (9 - COUNTRIES[cc].tz) * 3600
        starter = (f"You are the {ev} starter-kit assistant. The team is building an MVP in 36 hours. "
                   "Suggest code that runs with the Jua Python SDK.")
        c = COUNTRIES[cc]
        for j in range(size):
            a = human(w, rng, "hackathon_cohort", cc=cc, plan=rng.choice(("free", "free", "pro")),
                      ua_kinds=("py_anthropic", "py_openai", "web"), created=t0 + rng.uniform(-3600, 3 * 3600),
                      signup_ip=v4_in(venue, rng.randrange(60)), variant=ev, group=ev)
            venue_addr = Pool(venue, 60)
            k = poisson(rng, 10)
            for t in w.times(rng, k, c.tz, "flat", t0, t0 + 36 * 3600):
                conv, ip = w.conv_id(rng), venue_addr.at(t, rng)
                for turn in range(1, rng.randint(2, 9)):
                    w.req(a, t + turn * rng.uniform(20, 150), rng, prompt=T.dev_prompt(rng), system=starter, ip=ip,
                          conv=conv, turn=turn, endpoint=T.endpoint_for(a.ua, rng), model="jua-2-flash")
            sessions(w, a, rng, n=poisson(rng, 2), profile="dev", prompt=T.dev_prompt, lo=t0 + 2 * 86400)
        made += size
        e += 1


def research_lab(w: World, n: int) -> None:
    """University labs: one grant card for everyone, campus NAT, a shared evaluation script run by
    several members over the same fixed question set, plus ordinary use."""
    rng = w.rng("research_lab")
    labs = [("uon-nlp", "KE", "uon", "University of Nairobi NLP Lab"),
            ("ulisboa-hlt", "PT", "ulisboa", "ULisboa Human Language Tech"),
            ("wits-mind", "ZA", "wits", "Wits MIND Institute")]
    made, g = 0, 0
    while made < n:
        lab, cc, uni, decl = labs[g % len(labs)]
        size = min(n - made, rng.randint(4, 8))
        card = w.fp(rng)
        suite = [T.eval_question(random.Random(hash_seed(lab, q)), q, lab) for q in range(rng.randint(120, 220))]
        c = COUNTRIES[cc]
        for j in range(size):
            a = human(w, rng, "research_lab", cc=cc, plan="api", ua_kinds=("py_openai", "py_anthropic"),
                      work=Pool(UNIVERSITY[uni], 62), declared_company=decl, payment=card, variant=lab, group=lab)
            for t in w.times(rng, poisson(rng, _d(w, 2.5)), c.tz, "office"):
                ip = Pool(UNIVERSITY[uni], 62).at(t, rng)
                model = rng.choice(("jua-2-pro", "jua-2-flash", "jua-2-think"))
                for q in suite:
                    t += rng.uniform(0.8, 3.0)
                    w.req(a, t, rng, prompt=q, system=T.LAB_SYSTEM, ip=ip, model=model, out_tokens=rng.randrange(5, 60),
                          reasoning=model == "jua-2-think", endpoint="/v1/chat/completions", stream=False, max_tokens=256)
            sessions(w, a, rng, n=poisson(rng, _d(w, 8)), profile="dev", prompt=T.dev_prompt, turns=(1, 4))
        made += size
        g += 1


def hash_seed(*parts: object) -> int:
    from places import stable
    return stable(*parts)


def eval_harness(w: World, n: int) -> None:
    """Evaluation harnesses re-running one fixed question set, at volume and in the same order."""
    rng = w.rng("eval_harness")
    for i in range(n):
        variant = rng.choice(["nightly_ci", "model_comparison", "multilingual_suite"])
        c = COUNTRIES[rng.choice(("KE", "ZA", "DE", "FR", "NG"))]
        tenant_ip = v4_in(rng.choice(CLOUD_TENANT_BLOCKS), rng.randrange(60000))
        a = human(w, rng, "eval_harness", cc=c.code, plan="api", ua_kinds=("py_openai", "raw"), addr=Fixed([tenant_ip]),
                  declared_company=rng.choice(["QA team", "Evals", None]), payment=w.fp(rng), variant=variant)
        size = rng.randint(150, 350)
        suite = [T.eval_question(random.Random(hash_seed(a.account_id, q)), q, f"suite-{i}") for q in range(size)]
        if variant == "multilingual_suite":
            suite = [f"({lang}) {q}" for q in suite[: size // 3] for lang in ("en", "fr", "sw")]
        runs = {"nightly_ci": w.days, "model_comparison": rng.randint(3, 6), "multilingual_suite": rng.randint(2, 4)}[variant]
        starts = ([START + d * 86400 + (2 - c.tz) % 24 * 3600 + rng.uniform(0, 600) for d in range(w.days)]
                  if variant == "nightly_ci" else w.times(rng, runs, c.tz, "office"))
        for t in starts:
            model = rng.choice(T.MODELS)
            for q in suite:
                t += rng.expovariate(4.0)
                w.req(a, t, rng, prompt=q, system=T.EVAL_SYSTEM, model=model, out_tokens=rng.randrange(1, 8), stream=False,
                      endpoint="/v1/chat/completions", max_tokens=16, reasoning=model == "jua-2-think",
                      reasoning_tokens=rng.randrange(50, 800) if model == "jua-2-think" else 0)


def batch_etl(w: World, n: int) -> None:
    """Back-office batch jobs over customer documents: nightly windows, templated prompts, sequential ids
    inside the documents (that is the data, not a keyspace walk of the model)."""
    rng = w.rng("batch_etl")
    kinds = ["invoice", "kyc", "support", "news"]
    for i in range(n):
        kind = kinds[i % len(kinds)]
        c = COUNTRIES[rng.choice(("KE", "NG", "ZA", "PT"))]
        ips = [v4_in(rng.choice(CLOUD_TENANT_BLOCKS), rng.randrange(60000)) for _ in range(2)]
        a = human(w, rng, "batch_etl", cc=c.code, plan="api", ua_kinds=("py_openai", "raw", "py_anthropic"),
                  addr=Fixed(ips), payment=w.fp(rng), declared_company=rng.choice(["Sendy", "Pezesha", "Copia", "Lipa"]),
                  variant=kind)
        per_night = rng.randint(150, 700)
        counter = rng.randrange(10**5, 10**6)
        profile = "flat" if kind == "support" else "batch"
        for t in w.times(rng, int(per_night * w.days), c.tz, profile):
            counter += 1
            w.req(a, t, rng, prompt=T.etl_doc(rng, kind, counter), system=T.ETL_SYSTEM[kind], model="jua-2-flash",
                  out_tokens=rng.randrange(20, 220), stream=False, endpoint=T.endpoint_for(a.ua, rng), max_tokens=512)


def labelling_vendor(w: World, n: int) -> None:
    """An annotation vendor's staff: one SSO tenant, one office, the same guidelines all day."""
    from orgs import CUSTOMERS
    rng = w.rng("labelling_vendor")
    org, name, domains, sso, egress, cc = next(c for c in CUSTOMERS if c[0] == "maji-annotate")
    office = Fixed([v4_in(egress, k) for k in range(1, 4)])
    guide = ("Annotation guidelines v7 (client: agritech sentiment). Label each message POSITIVE, NEGATIVE or NEUTRAL, "
             "then give a one-line English gloss. Sheng and code-switching are expected.")
    msgs = ["mvua imenyesha sana leo, mahindi yatakua poa", "bei ya mbolea imepanda tena, hii ni wizi",
            "hii app inanisaidia kuuza maziwa", "agent hakuja leo", "nimepata mkopo haraka asante"]
    for i in range(n):
        first, last = T.person(rng, cc)
        a = human(w, rng, "labelling_vendor", cc=cc, plan="team", ua_kinds=("web",), work=office,
                  email=T.work_email(first, last, domains[0], 1), org_id=org, declared_company=name, sso=sso, group=org)
        sessions(w, a, rng, n=poisson(rng, _d(w, 12)), profile="office",
                 prompt=lambda r: f"Message {r.randrange(10**6)}: {r.choice(msgs)}", turns=(3, 12), gap=(10, 60),
                 system=guide, model="jua-2-flash", out_tokens=None)


def household_shared(w: World, n: int) -> None:
    """A family sharing one Pro plan at home: two or three people, phones and a laptop, one home prefix."""
    rng = w.rng("household_shared")
    for i in range(n):
        a = human(w, rng, "household_shared", plan="pro", ua_kinds=("web",))
        members = rng.randint(2, 3)
        for m in range(members):
            ua_m = T.ua(rng, "android", "ios", "web")
            lang = rng.choice(a.country.langs)
            sessions(w, a, rng, n=poisson(rng, _d(w, 7)), profile=rng.choice(("consumer", "student")),
                     prompt=lambda r, lang=lang: T.chat_prompt(r, lang), turns=(1, 5), ua=ua_m,
                     system=T.APP_SYSTEM.format(date="2026-11"))


def platform_accounts(w: World, n: int) -> None:
    """The platforms' own accounts, relaying thousands of their end users (a few of whom work at a rival:
    the platform is not the rival)."""
    rng = w.rng("platform_accounts")
    specs = [("forge-ide", "enterprise", "ForgeIDE-Relay/2.14.0", 900), ("relaykit", "api", "RelayKit/1.9 (agent-runtime)", 600),
             ("souk-market", "api", "SoukMarket-Gateway/0.8", 450)]
    for i in range(min(n, len(specs))):
        plat, plan, agent, per_day = specs[i]
        relay = Pool(PLATFORM_RELAYS[plat], 30)
        a = human(w, rng, "platform_account", cc="DE" if plat != "souk-market" else "KE", plan=plan, ua_kinds=("raw",),
                  addr=relay, email=f"platform-ops@{plat}.dev", org_id=f"org-{plat}", declared_company=plat,
                  payment=w.fp(rng), variant=plat)
        a.ua = agent
        users = []
        for u in range(rng.randint(250, 400)):
            org = rng.choices(["gmail.com", "outlook.com", "savannabank.co.ke", "teleafrica.com", "pesaflow.io",
                               "kestrel.ai", "nimbuslabs.fr"], [50, 15, 6, 6, 5, 1, 1])[0]
            users.append((f"{plat[:2]}u_{rng.getrandbits(32):08x}", org))
        for t in w.times(rng, int(per_day * w.days), 1, "dev"):
            uid, org = rng.choice(users)
            w.req(a, t, rng, prompt=T.dev_prompt(rng) if plat != "souk-market" else T.chat_prompt(rng, "en"),
                  system=T.PLATFORM_SYSTEM[plat], channel="platform", platform=plat, end_user_id=uid,
                  end_user_org=org, endpoint="/v1/messages" if plat != "souk-market" else "/v1/chat/completions",
                  cache_read=rng.randrange(0, 20000) if plat == "forge-ide" else 0)


def platform_byok(w: World, n: int) -> None:
    """Users who bring their own Jua key to the IDE or the agent runtime: their requests arrive from the
    platform's relay addresses with the platform's system prompt and a signed end-user claim."""
    rng = w.rng("platform_byok")
    for i in range(n):
        plat = rng.choice(("forge-ide", "forge-ide", "relaykit"))
        relay = Pool(PLATFORM_RELAYS[plat], 30)
        a = human(w, rng, "platform_byok", plan=rng.choice(("api", "pro", "max")), ua_kinds=("raw",), variant=plat)
        uid = f"{plat[:2]}u_{rng.getrandbits(32):08x}"
        org = a.row["email"].split("@")[1]
        a.ua = {"forge-ide": "ForgeIDE-Relay/2.14.0", "relaykit": "RelayKit/1.9 (agent-runtime)"}[plat]
        sessions(w, a, rng, n=poisson(rng, _d(w, 12)), profile="dev", prompt=T.dev_prompt if plat == "forge-ide" else T.agent_turn,
                 turns=(2, 14), gap=(5, 90), system=T.PLATFORM_SYSTEM[plat], channel="platform", platform=plat,
                 end_user_id=uid, end_user_org=org, ip=None,
                 per_turn=lambda r, turn, relay=relay: {"ip": relay.at(0, r)})
        # and sometimes directly, from their own machine
        sessions(w, a, rng, n=poisson(rng, 2), profile="dev", prompt=T.dev_prompt, ua=T.ua(rng, "py_anthropic"))


def translator(w: World, n: int) -> None:
    """Freelance and agency translators: long documents in, long documents out, office hours."""
    rng = w.rng("translator")
    pairs = [("fr", "en"), ("pt", "en"), ("sw", "en"), ("en", "fr"), ("ar", "fr"), ("en", "am")]
    for i in range(n):
        src, dst = rng.choice(pairs)
        a = human(w, rng, "translator", plan=rng.choice(("pro", "max", "api")), ua_kinds=("web", "py_anthropic"),
                  variant=f"{src}-{dst}")

        def per_turn(r: random.Random, turn: int) -> dict:
            k = r.randrange(1500, 9000)
            return {"in_extra": k, "out_tokens": int(k * r.uniform(0.9, 1.3)), "max_tokens": 16000}
        sessions(w, a, rng, n=poisson(rng, _d(w, 14)), profile="office",
                 prompt=lambda r, src=src, dst=dst: f"Translate from {src} to {dst}, keep the legal terms: "
                 + T.etl_doc(r, "news", r.randrange(10**5)), turns=(1, 4), gap=(120, 900), per_turn=per_turn)


def edtech_app(w: World, n: int) -> None:
    """An edtech backend serving pupils step-by-step maths explanations with reasoning on, at volume:
    the same shape as a harvester's requests, but many real pupils' varied questions, at study hours."""
    rng = w.rng("edtech_app")
    for i in range(n):
        c = COUNTRIES[rng.choice(("KE", "NG", "ZA", "GH"))]
        a = human(w, rng, "edtech_app", cc=c.code, plan="api", ua_kinds=("js", "py_openai"),
                  addr=Fixed([v4_in(rng.choice(CLOUD_TENANT_BLOCKS), rng.randrange(60000)) for _ in range(3)]),
                  payment=w.fp(rng), declared_company=rng.choice(["Mwalimu Learn", "Eneza", "SomaNow", "Kytabu"]),
                  variant=c.code)
        system = ("You are Mwalimu, a patient maths and science tutor for secondary-school pupils. Explain step by "
                  "step, check the pupil's working, never just give the answer.")
        sessions(w, a, rng, n=int(rng.randint(60, 140) * w.days), profile="student",
                 prompt=lambda r: r.choice(["I got x=4 but the book says 6, where am I wrong? ", "help me with ",
                                            "explain this homework: ", ""]) + T.problem(r),
                 turns=(1, 4), gap=(30, 200), system=system, model="jua-2-think", reasoning=True,
                 endpoint="/v1/chat/completions")


def shared_cloud_tenant(w: World, n: int) -> None:
    """Small companies whose servers egress through the cloud region's shared NAT pool, which a restricted
    rival also lists as its own range."""
    rng = w.rng("shared_cloud_tenant")
    for i in range(n):
        a = human(w, rng, "shared_cloud_tenant", only=("ZA", "KE", "NG"), plan="api", ua_kinds=("py_anthropic", "py_openai", "raw"),
                  addr=Pool(CLOUD_NAT_SHARED), payment=w.fp(rng), variant=rng.choice(["chatbot", "summariser", "coding"]))
        sessions(w, a, rng, n=poisson(rng, _d(w, 30)), profile=rng.choice(("dev", "flat")),
                 prompt=lambda r: T.dev_prompt(r) if r.random() < 0.5 else T.chat_prompt(r, "en"), turns=(1, 4),
                 endpoint=T.endpoint_for(a.ua, rng))


def vpn_user(w: World, n: int) -> None:
    """Privacy-minded customers on a commercial VPN whose exits include a range a rival lists."""
    rng = w.rng("vpn_user")
    for i in range(n):
        a = human(w, rng, "vpn_user", only=("FR", "DE", "PT", "GB", "MA"), plan=rng.choice(("pro", "api", "free")),
                  ua_kinds=("web", "py_openai"), addr=Vpn())
        sessions(w, a, rng, n=poisson(rng, _d(w, 9)), profile=rng.choice(("consumer", "dev")),
                 prompt=lambda r, a=a: T.chat_prompt(r, a.extra["lang"]) if r.random() < 0.6 else T.dev_prompt(r),
                 turns=(1, 5))


def coworking_member(w: World, n: int) -> None:
    """Freelancers on coworking floors (one of which a rival rents desks on and lists)."""
    rng = w.rng("coworking_member")
    spaces = {"nairobi-hub": "KE", "lagos-yard": "NG", "lisbon-loft": "PT"}
    for i in range(n):
        space = rng.choice(["nairobi-hub", "nairobi-hub", "lagos-yard", "lisbon-loft"])
        a = human(w, rng, "coworking_member", cc=spaces[space], plan=rng.choice(("pro", "api", "max")),
                  ua_kinds=("web", "py_anthropic", "agent_cli"), work=Pool(COWORKING[space], 60), variant=space)
        sessions(w, a, rng, n=poisson(rng, _d(w, 11)), profile="dev", prompt=T.dev_prompt, turns=(1, 6))


def former_rival_employee(w: World, n: int) -> None:
    """People who once worked at a rival: they signed up from its office, and some never updated the
    company field.  They work elsewhere now and pay themselves."""
    from orgs import rivals
    rng = w.rng("former_rival_employee")
    rv = rivals(w.rng("rivals"))
    for i in range(n):
        r = rv[list(rv)[i % len(rv)]]
        a = human(w, rng, "former_rival_employee", cc=r["_country"], plan=rng.choice(("pro", "api")),
                  ua_kinds=("web", "py_anthropic"), created=START - rng.uniform(400, 900) * 86400,
                  signup_ip=v4_in(r["_office"], rng.randrange(30)), payment=w.fp(rng),
                  declared_company=r["name"] if rng.random() < 0.5 else None, variant=r["org_id"])
        sessions(w, a, rng, n=poisson(rng, _d(w, 10)), profile="dev", prompt=T.dev_prompt, turns=(1, 4))


def rival_office_visitor(w: World, n: int) -> None:
    """Ordinary users who spent one afternoon at a rival's office (an interview, a meetup) and used Jua there."""
    from orgs import rivals
    rng = w.rng("rival_office_visitor")
    rv = rivals(w.rng("rivals"))
    for i in range(n):
        r = rv[list(rv)[i % len(rv)]]
        c = COUNTRIES[r["_country"]]
        a = human(w, rng, "rival_office_visitor", cc=c.code, plan=rng.choice(("pro", "api", "free")),
                  ua_kinds=("web", "py_openai"), variant=r["org_id"])
        sessions(w, a, rng, n=poisson(rng, _d(w, 9)), profile="dev", prompt=T.dev_prompt, turns=(1, 4))
        day = START + rng.randrange(w.days) * 86400 + (13 - c.tz) * 3600
        sessions(w, a, rng, n=rng.randint(1, 3), profile="flat", prompt=T.dev_prompt, lo=day, hi=day + 3 * 3600,
                 ip=v4_in(r["_office"], rng.randrange(30)), turns=(1, 3))


def name_lookalike(w: World, n: int) -> None:
    """Staff of unrelated companies whose names and domains resemble the rivals' (Kestrel Logistics,
    Nimbus Immobilier), sharing surnames with rival engineers."""
    from orgs import CUSTOMERS
    rng = w.rng("name_lookalike")
    firms = [c for c in CUSTOMERS if c[0] in ("kestrel-logistics", "nimbus-immobilier")]
    for i in range(n):
        org, name, domains, sso, egress, cc = firms[i % 2]
        first, last = T.person(rng, cc)
        a = human(w, rng, "name_lookalike", cc=cc, plan="team", ua_kinds=("web",), work=Fixed([v4_in(egress, 2)]),
                  email=T.work_email(first, last, domains[0]), org_id=org, declared_company=name, variant=org, group=org)
        sessions(w, a, rng, n=poisson(rng, _d(w, 9)), profile="office",
                 prompt=lambda r, a=a: T.chat_prompt(r, a.extra["lang"]) if r.random() < 0.7 else T.etl_doc(r, "invoice", r.randrange(10**6)),
                 turns=(1, 4))


BENIGN = {
    "consumer_chat": (consumer_chat, 210), "student": (student, 70), "developer": (developer, 110),
    "coding_agent_power": (coding_agent_power, 40), "startup_team": (startup_team, 50),
    "enterprise_staff": (enterprise_staff, 70), "hackathon_cohort": (hackathon_cohort, 36),
    "research_lab": (research_lab, 16), "eval_harness": (eval_harness, 6), "batch_etl": (batch_etl, 8),
    "labelling_vendor": (labelling_vendor, 20), "household_shared": (household_shared, 20),
    "platform_account": (platform_accounts, 3), "platform_byok": (platform_byok, 60), "translator": (translator, 20),
    "edtech_app": (edtech_app, 4), "shared_cloud_tenant": (shared_cloud_tenant, 25), "vpn_user": (vpn_user, 25),
    "coworking_member": (coworking_member, 25), "former_rival_employee": (former_rival_employee, 6),
    "rival_office_visitor": (rival_office_visitor, 6), "name_lookalike": (name_lookalike, 12),
}
