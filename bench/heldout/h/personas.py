"""One function per persona: `persona(ctx, rng, n)` makes about n accounts and their week of traffic."""
from __future__ import annotations

import random

import content as T
import world as W
from engine import Account, Ctx

APP_EP = "/v1/messages"


# ------------------------------------------------------------------------------------ helpers
def who(rng: random.Random, country: str | None = None, city: str | None = None):
    city = city or W.pick_city(rng, country)
    country = W.CITIES[city][0]
    lang = W.pick_lang(rng, city)
    first, last = W.person(rng, lang)
    return city, country, lang, first, last


def sdk(rng: random.Random) -> tuple[str, str]:
    return rng.choice(W.SDK_UAS)


def consumer_client(rng: random.Random, a: Account) -> tuple[str, str, bool]:
    """(ua, endpoint, mobile) for the provider's own app or web."""
    if rng.random() < 0.55:
        return W.app_ua(rng, a.country), APP_EP, True
    return rng.choice(W.BROWSERS), APP_EP, False


def convo(ctx: Ctx, rng: random.Random, a: Account, ts: float, prompts: list[str], *, ua: str, ep: str, ip_fn,
          model: str = "tamarack-3", system: str | None = None, out: int = 350, reasoning: bool = False,
          gap: tuple[float, float] = (30, 240), key: bool = True, cache: bool = False, stream=None, **kw) -> float:
    conv = ctx.conv_id(rng)
    hist = 0
    for i, p in enumerate(prompts):
        r = ctx.req(rng, a, ts, p, ua=ua, endpoint=ep, ip=ip_fn(ts), model=model, system=system, conv=conv, turn=i + 1,
                    out=out, reasoning=reasoning, hist=hist, key=key, cache=cache, stream=stream, **kw)
        if r:
            hist += T_len(p) + r["output_tokens"]
        ts += rng.uniform(*gap) + (r.get("output_tokens", 0) / 60 if r else 0)
    return ts


def T_len(s: str) -> int:
    return max(1, int(len(s) / 3.8))


def day_of(ctx: Ctx, ts: float) -> int:
    return int((ts - ctx.start) // W.DAY)


def home_or_phone(ctx: Ctx, rng: random.Random, a: Account, p_phone: float = 0.3):
    def f(ts: float) -> str:
        if rng.random() < p_phone:
            return W.carrier_ip(rng, a.country)
        return a.home.ip(rng, day_of(ctx, ts))
    return f


def fixed(ip: str):
    return lambda ts: ip


def pool(rng: random.Random, cidr: str, k: int | None = None):
    ips = [W.rand_ip(rng, cidr) for _ in range(k)] if k else None
    return (lambda ts: rng.choice(ips)) if ips else (lambda ts: W.rand_ip(rng, cidr))


def model_pick(rng: random.Random, reasoning_share: float = 0.1) -> tuple[str, bool]:
    if rng.random() < reasoning_share:
        return "tamarack-3-reason", True
    return rng.choice(["tamarack-3", "tamarack-3", "tamarack-3-mini"]), False


def personal_account(ctx: Ctx, rng: random.Random, persona: str, plan: str, *, country=None, city=None,
                     created=None, signup_ip=None, **kw) -> Account:
    city, country, lang, first, last = who(rng, country, city)
    home = W.Home(rng, country)
    return ctx.account(rng, persona, email=W.personal_email(rng, first, last, country), plan=plan, country=country,
                       city=city, lang=lang, created_at=created or ctx.signup_time(rng), home=home,
                       signup_ip=signup_ip or (home.v4[0] if rng.random() < .6 else W.carrier_ip(rng, country)),
                       payment=kw.pop("payment", W.fp(rng) if plan != "free" else None), **kw)


# ==================================================================================== BENIGN
def consumer_chat(ctx: Ctx, rng: random.Random, n: int) -> None:
    for _ in range(n):
        plan = rng.choices(["free", "pro", "max"], [55, 38, 7])[0]
        a = personal_account(ctx, rng, "consumer_chat", plan, keys=0)
        for ts in ctx.session_starts(rng, a, "evening", rng.choice([0, .2, .5, 1, 1.5, 3])):
            ua, ep, mobile = consumer_client(rng, a)
            lang = a.lang if rng.random() < .85 else "en"
            ps = [T.consumer(rng, lang)] + [T.followup(rng, lang) for _ in range(rng.choice([0, 0, 1, 1, 2, 4]))]
            convo(ctx, rng, a, ts, ps, ua=ua, ep=ep, key=False, ip_fn=home_or_phone(ctx, rng, a, .9 if mobile else .05),
                  model=rng.choice(["tamarack-3", "tamarack-3-mini"]) if plan != "free" else "tamarack-3-mini", out=380, stream=True)


def family_plan(ctx: Ctx, rng: random.Random, n: int) -> None:
    for _ in range(n):
        a = personal_account(ctx, rng, "family_plan", rng.choice(["pro", "max"]), keys=0)
        members = [(W.app_ua(rng, a.country), rng.choice([a.lang, "en"])) for _ in range(rng.randint(2, 4))] + [(rng.choice(W.BROWSERS), a.lang)]
        for ts in ctx.session_starts(rng, a, "evening", rng.uniform(2, 5)):
            ua, lang = rng.choice(members)
            mobile = "Tamarack/" in ua
            ps = [T.consumer(rng, lang)] + [T.followup(rng, lang) for _ in range(rng.choice([0, 1, 2]))]
            convo(ctx, rng, a, ts, ps, ua=ua, ep=APP_EP, key=False, ip_fn=home_or_phone(ctx, rng, a, .35 if mobile else 0), out=400)


def power_user(ctx: Ctx, rng: random.Random, n: int) -> None:
    for _ in range(n):
        a = personal_account(ctx, rng, "power_user", "max", keys=0)
        ua = rng.choice(W.BROWSERS)
        style = rng.choice(["writer", "analyst", "lawyer", "grad"])
        for ts in ctx.session_starts(rng, a, rng.choice(["evening", "dev", "office"]), rng.uniform(2, 6)):
            if style == "grad":
                first = rng.choice(T.RESEARCH)
            elif style == "analyst":
                first = T.enterprise_prompt(rng)
            elif style == "lawyer":
                first = rng.choice(T.ENTERPRISE[:3]).format(n=rng.randint(100, 999)) + " Also cite the relevant statute."
            else:
                first = rng.choice(["Here's chapter {n} of my novel, give me line edits and tell me where the pacing drags:\n\n",
                                    "Continue the scene: Maren opens the door of the lighthouse and finds the radio still warm. ({n})",
                                    "Brainstorm 20 titles for a cozy mystery set in a Vermont bakery ({n})"]).format(n=rng.randint(2, 30)) + \
                    " ".join(rng.choice(["The snow kept falling.", "She did not answer.", "Eli counted the steps twice.", "Nobody had come in weeks."]) for _ in range(rng.randint(5, 60)))
            ps = [first] + [T.followup(rng, "en") for _ in range(rng.randint(1, 12))]
            m, r = model_pick(rng, .35 if style == "grad" else .1)
            convo(ctx, rng, a, ts, ps, ua=ua, ep=APP_EP, key=False, ip_fn=home_or_phone(ctx, rng, a, .1), model=m, reasoning=r,
                  out=700, gap=(40, 400), cache=True)


def indie_dev(ctx: Ctx, rng: random.Random, n: int) -> None:
    for _ in range(n):
        a = personal_account(ctx, rng, "indie_dev", rng.choice(["api", "api", "pro"]), keys=rng.choice([1, 2]))
        ua, ep = rng.choice(W.SDK_UAS + W.AGENT_UAS[:3] + W.RAW_UAS[:2])
        for ts in ctx.session_starts(rng, a, "dev", rng.uniform(.3, 2.5)):
            ps = [T.dev_question(rng)] + [rng.choice(["that didn't work, same error", "ok now it compiles but the test fails",
                                                      "can you show the full file", "what about the edge case where the list is empty",
                                                      "thanks, how would I write a test for that"]) for _ in range(rng.choice([0, 1, 2, 3, 5]))]
            m, r = model_pick(rng, .15)
            convo(ctx, rng, a, ts, ps, ua=ua, ep=ep, ip_fn=home_or_phone(ctx, rng, a, .12), model=m, reasoning=r, out=600)


def coding_agent(ctx: Ctx, rng: random.Random, n: int) -> None:
    for _ in range(n):
        a = personal_account(ctx, rng, "coding_agent", rng.choice(["max", "api", "api"]), keys=rng.choice([1, 2]))
        ua, ep = rng.choice(W.AGENT_UAS)
        sysp = f"You are an interactive CLI coding agent. Working directory: /Users/{W.strip(a.rec['email'].split('@')[0])[:10]}/src/{rng.choice(['api', 'web', 'monorepo', 'infra'])}. Use the tools to read, edit and run code. " * 4
        for ts in ctx.session_starts(rng, a, "dev", rng.uniform(.8, 3)):
            turns = rng.randint(8, 70)
            ps = [T.agent_task(rng)] + [T.agent_step(rng) for _ in range(turns)]
            m, r = ("tamarack-3-reason", True) if rng.random() < .25 else ("tamarack-3", False)
            convo(ctx, rng, a, ts, ps, ua=ua, ep=ep, system=sysp, ip_fn=home_or_phone(ctx, rng, a, .05), model=m, reasoning=r,
                  out=420, gap=(2, 25), cache=True, stream=True, max_tokens=rng.choice([32000, 64000]))


def student(ctx: Ctx, rng: random.Random, n: int) -> None:
    unis = list(W.CAMPUSES)
    course_plans = {}
    for _ in range(n):
        uni = rng.choice(unis)
        city, cidr, dom = W.CAMPUSES[uni]
        on_course = rng.random() < .3  # a course's shared team plan paid by the department
        if on_course and uni not in course_plans:
            course_plans[uni] = (W.company_card(ctx.seed, "course/" + uni), f"{uni}-course-{rng.randint(100, 499)}")
        c, country, lang, first, last = who(rng, city=city)
        home = W.Home(rng, country)
        email = W.work_email(first, last, dom, rng.randrange(3)) if (on_course or rng.random() < .5) else W.personal_email(rng, first, last, country)
        a = ctx.account(rng, "student", email=email, plan="team" if on_course else rng.choice(["free", "free", "pro"]), country=country,
                        city=city, lang=lang, created_at=ctx.signup_time(rng, 400, 2), home=home,
                        signup_ip=W.rand_ip(rng, cidr), org_id=course_plans[uni][1] if on_course else None,
                        payment=course_plans[uni][0] if on_course else (W.fp(rng) if rng.random() < .4 else None),
                        group=uni, keys=1 if on_course else 0)
        browser = rng.choice(W.BROWSERS)
        for ts in ctx.session_starts(rng, a, "student", rng.uniform(.4, 2.2)):
            d = day_of(ctx, ts)
            if d >= 5 and rng.random() < .5:
                ts += rng.uniform(0, 3600)
            where = rng.random()
            ipf = (lambda t, c=cidr: W.rand_ip(rng, c)) if where < .5 else home_or_phone(ctx, rng, a, .4)
            dom_ = rng.choice(["math", "physics", "cs", "chemistry", "economics", "cs"])
            if rng.random() < .6:
                first_p = T.harvest_prompt(rng, dom_, rng.choice(T.DOMAINS[dom_]), rng.choice(T.LEVELS[:3]), lang, True, False)
            else:
                first_p = rng.choice(["explain {t} like I'm 5", "I have a midterm on {t} tomorrow, what should I review",
                                      "can you make me a study guide for {t}", "résume-moi {t} en 10 points",
                                      "¿me explicas {t} con un ejemplo?"]).format(t=rng.choice(T.DOMAINS[dom_]))
            ps = [first_p] + [T.harvest_follow(rng, lang) if rng.random() < .4 else T.followup(rng, lang) for _ in range(rng.choice([0, 1, 2, 3]))]
            m, r = model_pick(rng, .45)
            convo(ctx, rng, a, ts, ps, ua=browser if rng.random() < .7 else W.app_ua(rng, country), ep=APP_EP,
                  key=on_course and rng.random() < .2, ip_fn=ipf, model=m, reasoning=r, out=650)


def academic_lab(ctx: Ctx, rng: random.Random, n: int) -> None:
    labs = ["mcgill", "mit", "utoronto", "unam", "uwaterloo", "ubc"]
    per = max(2, n // len(labs))
    made = 0
    for li, uni in enumerate(labs):
        if made >= n:
            break
        city, cidr, dom = W.CAMPUSES[uni]
        card = W.fp(rng)  # the grant card
        evalset = T.benchmark(f"lab-eval/{uni}/{ctx.seed}", 120)
        pi_city = city
        k = min(per + (1 if li < n % len(labs) else 0), n - made)
        for j in range(k):
            made += 1
            c, country, lang, first, last = who(rng, city=pi_city)
            home = W.Home(rng, country)
            a = ctx.account(rng, "academic_lab", email=W.work_email(first, last, dom, j), plan="api", country=country, city=city,
                            lang=lang, created_at=ctx.signup_time(rng, 500, 3), home=home, signup_ip=W.rand_ip(rng, cidr),
                            declared_company=f"{uni} reasoning lab" if j == 0 else None, payment=card, group=f"lab/{uni}", keys=1)
            ua, ep = rng.choice(W.SDK_UAS[:6])
            campus = lambda t, c=cidr: W.rand_ip(rng, c)
            for ts in ctx.session_starts(rng, a, "dev", rng.uniform(.4, 1.5)):
                ps = [rng.choice(T.RESEARCH)] + [T.harvest_follow(rng, "en") for _ in range(rng.randint(0, 4))]
                convo(ctx, rng, a, ts, ps, ua=rng.choice(W.BROWSERS), ep=APP_EP, ip_fn=campus if rng.random() < .7 else home_or_phone(ctx, rng, a, .2),
                      model="tamarack-3-reason", reasoning=True, out=1400, gap=(60, 600))
            # the lab's shared evaluation script, run by members with repeated seeds
            for _ in range(rng.choice([0, 1, 1, 2])):
                ts = ctx.local_ts(a.tz, rng.randrange(ctx.days), rng.uniform(10, 22))
                model = rng.choice(W.MODELS)
                for seed_rep in range(rng.choice([1, 3])):
                    for q in evalset:
                        ctx.req(rng, a, ts, q, ua="python-httpx/0.27.2", endpoint="/v1/messages", ip=campus(ts), model=model,
                                reasoning=model.endswith("reason"), out=250, stream=False, system="Answer the question. Think carefully.")
                        ts += rng.uniform(1, 5)


def bootcamp_cohort(ctx: Ctx, rng: random.Random, n: int) -> None:
    venues = [("hackathon-sf", "wework-sf", "en"), ("bootcamp-cdmx", "wework-cdmx", "es"), ("hackathon-uoft", "utoronto", "en")]
    per = max(3, n // 3)
    made = 0
    for vi, (name, venue, vlang) in enumerate(venues):
        cidr = W.shared_cidr(venue)
        city = W.COWORKING[venue][0] if venue in W.COWORKING else W.CAMPUSES[venue][0]
        d0 = rng.randrange(0, 3) if vi != 1 else 4  # the CDMX bootcamp's demo weekend
        signup = ctx.local_ts(W.CITIES[city][1], d0, 9) - rng.uniform(0, 2) * 3600
        kit = {"en": "You are a helpful assistant for a hackathon starter kit. Keep answers short and return JSON when asked.",
               "es": "Eres un asistente para el kit de inicio del bootcamp. Responde en español, breve y con ejemplos de código."}[vlang]
        k = min(per + (1 if vi < n % 3 else 0), n - made)
        for _ in range(k):
            made += 1
            c, country, lang, first, last = who(rng, city=city)
            home = W.Home(rng, country)
            a = ctx.account(rng, "bootcamp_cohort", email=W.personal_email(rng, first, last, country), plan="api", country=country,
                            city=city, lang=lang, created_at=signup + rng.uniform(0, 4 * 3600), home=home,
                            signup_ip=W.rand_ip(rng, cidr), payment=W.fp(rng) if rng.random() < .7 else None, group=name, keys=1)
            ua, ep = rng.choice(W.SDK_UAS[:3] + W.SDK_UAS[8:10])
            venue_ip = lambda t, c=cidr: W.rand_ip(rng, c)
            t = signup + rng.uniform(1, 5) * 3600
            end = signup + 36 * 3600
            while t < end:
                if rng.random() < .75:
                    p = rng.choice(["Extract {x} from this text and return JSON: ", "Generate 5 test {x} for our demo: ",
                                    "Classify this {x}: ", "Resume en una frase este {x}: "]).format(
                        x=rng.choice(["recipes", "receipts", "event listings", "bug reports", "tweets", "reseñas"])) + T.consumer(rng, lang)
                else:
                    p = T.dev_question(rng)
                ctx.req(rng, a, t, p, ua=ua, endpoint=ep, ip=venue_ip(t), system=kit, model=rng.choice(["tamarack-3", "tamarack-3-mini"]), out=250)
                t += rng.expovariate(1 / 300) + (rng.uniform(4, 7) * 3600 if rng.random() < .02 else 0)
            if rng.random() < .3:  # comes back later from home
                for ts in ctx.session_starts(rng, a, "evening", .4, days=[d for d in range(d0 + 2, ctx.days)]):
                    convo(ctx, rng, a, ts, [T.dev_question(rng)], ua=ua, ep=ep, ip_fn=home_or_phone(ctx, rng, a, .1))


def startup_team(ctx: Ctx, rng: random.Random, n: int) -> None:
    floors = ["notman-mtl", "wework-tor", "capital-factory-atx", "wework-sf", "wework-nyc", "impacthub-gdl", None, None]
    made = 0
    ti = 0
    while made < n:
        ti += 1
        size = min(rng.randint(3, 6), n - made)
        floor = rng.choice(floors)
        city = W.COWORKING[floor][0] if floor else W.pick_city(rng)
        dom = rng.choice(["getpallet", "tryquill", "useharbor", "loopwise", "nubeapp", "fernhq", "brisk", "kitepay"]) + str(ti) + rng.choice([".io", ".ai", ".co", ".dev"])
        card = W.fp(rng)
        t0 = ctx.signup_time(rng, 200, 5)
        product = rng.choice(["support inbox summarizer", "a recipe app", "invoice OCR", "sales email drafts", "a tutoring app for kids"])
        sysp = f"You are the assistant inside {dom.split('.')[0].rstrip('0123456789').title()}, {product}. Be concise."
        for j in range(size):
            made += 1
            c, country, lang, first, last = who(rng, city=city)
            home = W.Home(rng, country)
            a = ctx.account(rng, "startup_team", email=W.work_email(first, last, dom, 2 if j == 0 else rng.randrange(3)), plan="team",
                            country=country, city=city, lang=lang, created_at=t0 + rng.uniform(0, 2) * 3600, home=home,
                            signup_ip=W.rand_ip(rng, W.COWORKING[floor][1]) if floor else home.v4[0], payment=card,
                            org_id=dom.split(".")[0], declared_company=dom.split(".")[0].title(), group=f"team/{dom}", keys=rng.choice([1, 2]))
            ua, ep = rng.choice(W.SDK_UAS)
            office = (lambda t, c=W.COWORKING[floor][1]: W.rand_ip(rng, c)) if floor else home_or_phone(ctx, rng, a, .1)
            for ts in ctx.session_starts(rng, a, "dev", rng.uniform(1, 4)):
                if rng.random() < .5:
                    ps = [T.dev_question(rng)] + [T.followup(rng, "en") for _ in range(rng.choice([0, 1, 2]))]
                    convo(ctx, rng, a, ts, ps, ua=ua, ep=ep, ip_fn=office if rng.random() < .7 else home_or_phone(ctx, rng, a, .1))
                else:
                    for k in range(rng.randint(3, 25)):  # testing the product's prompt
                        ctx.req(rng, a, ts, T.consumer(rng, rng.choice([lang, "en"])), ua=ua, endpoint=ep, ip=office(ts), system=sysp,
                                model="tamarack-3-mini", out=200)
                        ts += rng.uniform(5, 90)


def enterprise_sase(ctx: Ctx, rng: random.Random, n: int) -> None:
    cos = ["brightwater-ins", "maple-ledger", "cascadia-health", "norte-logistica", "pacifica-retail", "groupe-boreal", "lonestar-energy"]
    made = 0
    for ci, oid in enumerate(cos):
        name, city, dom, sase, sso = W.COMPANIES[oid]
        card = W.company_card(ctx.seed, oid)
        cidr = W.SASE[sase]
        k = min(n // len(cos) + (1 if ci < n % len(cos) else 0), n - made)
        browser = rng.choice(W.BROWSERS[:3])
        for j in range(k):
            made += 1
            c, country, lang, first, last = who(rng, city=city)
            a = ctx.account(rng, "enterprise_sase", email=W.work_email(first, last, dom, ci), plan="enterprise", country=country,
                            city=city, lang=lang, created_at=ctx.signup_time(rng, 300, 3), home=W.Home(rng, country),
                            signup_ip=W.rand_ip(rng, cidr), org_id=oid, declared_company=name, payment=card, sso=sso,
                            group=f"company/{oid}", keys=0)
            for ts in ctx.session_starts(rng, a, "office", rng.uniform(.6, 2.5)):
                ps = [T.enterprise_prompt(rng)] + [T.followup(rng, lang) for _ in range(rng.choice([0, 1, 2]))]
                convo(ctx, rng, a, ts, ps, ua=browser, ep=APP_EP, key=False, ip_fn=lambda t, c=cidr: W.rand_ip(rng, c), out=500)


def support_bot(ctx: Ctx, rng: random.Random, n: int) -> None:
    shops = [(lang, s) for lang, lst in T.SHOPS.items() for s in lst]
    for i in range(n):
        lang, (shop, goods) = shops[i % len(shops)]
        city = {"en": rng.choice(["Seattle", "Chicago", "Denver"]), "es": rng.choice(["Ciudad de México", "Monterrey"]), "fr": "Québec"}[lang]
        c, country, _l, first, last = who(rng, city=city)
        dom = W.strip(shop.split()[0]) + rng.choice([".com", ".shop", ".mx" if lang == "es" else ".ca"])
        server = W.rand_ip(rng, W.CLOUD[rng.choice(["aws-use1", "aws-usw2", "azure-cac"])])
        a = ctx.account(rng, "support_bot", email=W.work_email(first, last, dom, 1), plan="api", country=country, city=city, lang=lang,
                        created_at=ctx.signup_time(rng, 400, 20), signup_ip=W.carrier_ip(rng, country), org_id=dom.split(".")[0],
                        declared_company=shop, payment=W.fp(rng), group=f"shop/{shop}", keys=1)
        sysp = f"You are the customer support assistant for {shop} ({goods}). Answer in the customer's language, be friendly, never promise refunds; escalate to a human when asked. Order lookup tool: get_order(id)."
        ua, ep = rng.choice(W.SDK_UAS[:5] + W.RAW_UAS[:1])
        for ts in ctx.session_starts(rng, a, "business_app", rng.uniform(40, 110)):
            ps = [T.support_msg(rng, lang, goods) for _ in range(rng.randint(1, 5))]
            convo(ctx, rng, a, ts, ps, ua=ua, ep=ep, ip_fn=fixed(server), system=sysp, model="tamarack-3-mini", out=140, gap=(15, 90), cache=True)


def doc_etl(ctx: Ctx, rng: random.Random, n: int) -> None:
    kinds = list(T.DOC_SYSTEMS)
    for i in range(n):
        kind = kinds[i % len(kinds)]
        country = {"cfdi": "MX", "facture_qc": "CA", "bol": "MX"}.get(kind, rng.choice(["US", "US", "CA"]))
        c, country, lang, first, last = who(rng, country=country)
        dom = rng.choice(["ledgerline", "claimstack", "docuflow", "papyr", "hirewell", "medscribe", "cargodocs", "facturito"]) + str(i) + ".com"
        where = rng.random()
        if where < .35:
            ipf = pool(rng, W.CLOUD["gcp-mtl-serverless"])  # shared serverless egress pool
        else:
            ipf = fixed(W.rand_ip(rng, W.CLOUD[rng.choice(["aws-use1", "aws-cac1", "azure-cac", "gcp-usc1"])]))
        a = ctx.account(rng, "doc_etl", email=W.work_email(first, last, dom, 1), plan="api", country=country, city=c, lang=lang,
                        created_at=ctx.signup_time(rng, 500, 10), signup_ip=W.rand_ip(rng, W.HOME_ISPS[country][0][1]),
                        org_id=dom.split(".")[0], declared_company=dom.split(".")[0].title(), payment=W.fp(rng), group=f"etl/{kind}", keys=rng.choice([1, 2]))
        ua, ep = rng.choice(W.SDK_UAS[:6] + W.RAW_UAS[:3])
        style = rng.randrange(5)
        sys_in_msg = rng.random() < .3
        seq = rng.randint(1000, 90000)
        mode = rng.choice(["nightly", "business_app"])
        per = rng.uniform(1, 3) if mode == "nightly" else rng.uniform(8, 25)
        for ts in ctx.session_starts(rng, a, mode, per):
            for _ in range(rng.randint(20, 90) if mode == "nightly" else rng.randint(3, 12)):
                seq += 1
                doc = T.wrap_document(rng, T.document(rng, kind, seq), style)
                p = (T.DOC_SYSTEMS[kind] + "\n\n" + doc) if sys_in_msg else doc
                ctx.req(rng, a, ts, p, ua=ua, endpoint=ep, ip=ipf(ts), system=None if sys_in_msg else T.DOC_SYSTEMS[kind],
                        model=rng.choice(["tamarack-3-mini", "tamarack-3"]), out=180, stream=False, max_tokens=1024)
                ts += rng.uniform(0.5, 6)


def labelling_vendor(ctx: Ctx, rng: random.Random, n: int) -> None:
    vendors = [("tallgrass-label", "toxicity"), ("etiqueta-datos", "sentiment_rationale")]
    for i in range(n):
        oid, task = vendors[i % 2]
        name, city, dom, _s, sso = W.COMPANIES[oid]
        c, country, lang, first, last = who(rng, city=city)
        office = W.rand_ip(rng, {"tallgrass-label": "70.114.200.0/28", "etiqueta-datos": "187.217.80.32/28"}[oid])
        a = ctx.account(rng, "labelling_vendor", email=W.work_email(first, last, dom, 0), plan="team", country=country, city=city, lang=lang,
                        created_at=ctx.signup_time(rng, 300, 5), signup_ip=office, org_id=oid, declared_company=name,
                        payment=W.company_card(ctx.seed, oid), sso=sso, group=f"vendor/{oid}", keys=1)
        ua, ep = "python-httpx/0.27.2", "/v1/messages"
        reasoning = task == "sentiment_rationale" and rng.random() < .5
        seq = rng.randint(1, 50000)
        for ts in ctx.session_starts(rng, a, "office", rng.uniform(1.5, 3.5)):
            for _ in range(rng.randint(15, 60)):
                seq += 1
                ctx.req(rng, a, ts, T.label_item(rng, task, seq), ua=ua, endpoint=ep, ip=office, system=T.LABEL_SYSTEMS[task],
                        model="tamarack-3-reason" if reasoning else "tamarack-3-mini", reasoning=reasoning,
                        out=120 if task == "sentiment_rationale" else 4, stream=False, cache=True)
                ts += rng.uniform(8, 60)


def eval_harness(ctx: Ctx, rng: random.Random, n: int) -> None:
    for i in range(n):
        c, country, lang, first, last = who(rng, country=rng.choice(["US", "US", "CA"]))
        dom = "benchwright.dev" if i < 3 else rng.choice(["quillstack", "parsely", "agentops", "tinyllm"]) + str(i) + ".ai"
        a = ctx.account(rng, "eval_harness", email=W.work_email(first, last, dom, 1), plan="api", country=country, city=c, lang=lang,
                        created_at=ctx.signup_time(rng, 400, 10), signup_ip=W.Home(rng, country).v4[0], org_id=dom.split(".")[0],
                        declared_company=dom.split(".")[0].title(), payment=W.company_card(ctx.seed, "benchwright") if i < 3 else W.fp(rng),
                        group=f"eval/{dom}", keys=2)
        suite = T.benchmark(f"suite/{dom}/{ctx.seed}", rng.randint(80, 250))
        smoke = suite[:40]
        ci = W.CI[rng.choice(list(W.CI))]
        ua = rng.choice(["python-httpx/0.27.2", "OpenAI/Python 1.57.0", "litellm/1.53.1"])
        ep = "/v1/chat/completions" if "OpenAI" in ua or "litellm" in ua else "/v1/messages"
        models = rng.sample(W.MODELS, rng.randint(2, 3))
        seeds = 3 if rng.random() < .4 else 1  # repeated sampling seeds for variance estimates
        runs = []
        for d in range(ctx.days):
            runs.append((ctx.local_ts(a.tz, d, 2 + rng.random()), suite, models, seeds))  # nightly, full suite
            for _ in range(W_poisson(rng, 1.2 if d % 7 < 5 else .1)):  # on pull requests: smoke subset, one model
                runs.append((ctx.local_ts(a.tz, d, rng.uniform(10, 18)), smoke, models[:1], 1))
        for ts, qs, ms, sd in runs:
            for m in ms:
                for s in range(sd):
                    for q in qs:
                        ctx.req(rng, a, ts, q, ua=ua, endpoint=ep, ip=W.rand_ip(rng, ci), model=m, reasoning=m.endswith("reason"),
                                out=180, stream=False, system="You are being evaluated. Answer precisely.", max_tokens=2048)
                        ts += rng.uniform(0.05, 0.6)


def W_poisson(rng, lam):
    from engine import poisson
    return poisson(rng, lam)


def seo_agency(ctx: Ctx, rng: random.Random, n: int) -> None:
    for i in range(n):
        if i < 3:
            name, city, dom, _s, _sso = W.COMPANIES["rankforge"]
            c, country, lang, first, last = who(rng, city=city)
            email, org, company = W.work_email(first, last, dom, 0), "rankforge", name
        else:
            c, country, lang, first, last = who(rng)
            email, org, company = W.personal_email(rng, first, last, country), None, rng.choice([None, "freelance copywriter"])
        home = W.Home(rng, country)
        a = ctx.account(rng, "seo_agency", email=email, plan="api", country=country, city=c, lang=lang, created_at=ctx.signup_time(rng, 400, 10),
                        signup_ip=home.v4[0], org_id=org, declared_company=company, payment=W.company_card(ctx.seed, "rankforge") if org else W.fp(rng),
                        home=home, group="seo", keys=1)
        ua, ep = rng.choice(W.SDK_UAS[:5] + [("n8n/1.70.2", "/v1/chat/completions")])
        ipf = fixed(W.rand_ip(rng, W.CLOUD["aws-use1"])) if "n8n" in ua else home_or_phone(ctx, rng, a, .05)
        for ts in ctx.session_starts(rng, a, "office", rng.uniform(3, 8)):
            for _ in range(rng.randint(5, 40)):
                ctx.req(rng, a, ts, T.seo_prompt(rng), ua=ua, endpoint=ep, ip=ipf(ts), model="tamarack-3", out=1500, max_tokens=4096)
                ts += rng.uniform(20, 200)


def journalist_probe(ctx: Ctx, rng: random.Random, n: int) -> None:
    for _ in range(n):
        a = personal_account(ctx, rng, "journalist_probe", rng.choice(["pro", "api", "max"]), declared_company=rng.choice(
            [None, "The Markup", "Le Devoir", "Animal Político", "freelance journalist", "AI policy researcher"]))
        ua = rng.choice(W.BROWSERS)
        for ts in ctx.session_starts(rng, a, "office", rng.uniform(.4, 1.5), active_prob=.6):
            qs = rng.sample(T.JOURNALIST, rng.randint(3, 10))
            for q in qs:
                m = rng.choice(W.MODELS)
                ctx.req(rng, a, ts, q, ua=ua, endpoint=APP_EP if a.plan != "api" else "/v1/messages", ip=a.home.ip(rng, day_of(ctx, ts)),
                        model=m, reasoning=m.endswith("reason"), out=500, key=a.plan == "api", conv=ctx.conv_id(rng))
                ts += rng.uniform(30, 300)


def platform_account(ctx: Ctx, rng: random.Random, n: int) -> None:
    rival_domains = [d for r in W.RIVALS.values() for d in r["domains"][:1]]
    for i, pid in enumerate(list(W.PLATFORMS)[:n]):
        name, city, dom, ua, ep = W.PLATFORMS[pid]
        c, country, lang, first, last = who(rng, city=city)
        a = ctx.account(rng, "platform_account", email=f"platform-ops@{dom}", plan="enterprise", country=country, city=city, lang="en",
                        created_at=ctx.signup_time(rng, 700, 100), signup_ip=W.rand_ip(rng, W.PLATFORM_RELAYS[pid]), org_id=pid,
                        declared_company=name, payment=W.fp(rng), group=f"platform/{pid}", keys=3)
        relay = W.PLATFORM_RELAYS[pid]
        users = []
        for u in range(rng.randint(250, 400)):
            if u < len(rival_domains):
                org = rival_domains[u]
            else:
                org = rng.choice(["gmail.com", "outlook.com", "shopify.com", "mapleledger.ca", "brightwatermutual.com", "utoronto.ca",
                                  "nortelogistica.mx", "hotmail.com", "acme-robotics.com", "startup" + str(rng.randint(1, 120)) + ".io"])
            users.append((f"{pid[:2]}u_{rng.getrandbits(40):010x}", org, rng.choice(["en", "en", "es", "fr"]), rng.choice([-5, -6, -8])))
        sysp = W.PLATFORM_SYSTEM[pid]
        for uid, org, ulang, utz in users:
            for ts in ctx.session_starts(rng, a, "dev", rng.uniform(.2, 1.2)):
                ts += (a.tz - utz) * 3600
                if pid == "codeloom":
                    ps = [T.agent_task(rng)] + [T.agent_step(rng) for _ in range(rng.randint(2, 12))]
                    kw = dict(out=350, gap=(3, 30), cache=True)
                elif pid == "flowstack":
                    ps = [T.consumer(rng, ulang) if rng.random() < .5 else T.support_msg(rng, rng.choice(["en", "es"]), "order")] + \
                         [T.followup(rng, ulang) for _ in range(rng.randint(0, 3))]
                    kw = dict(out=250)
                else:
                    ps = [rng.choice([T.dev_question(rng), T.consumer(rng, ulang), T.seo_prompt(rng)])]
                    kw = dict(out=500)
                convo(ctx, rng, a, ts, ps, ua=ua, ep=ep, ip_fn=lambda t, c=relay: W.rand_ip(rng, c), system=sysp, channel="platform",
                      platform=pid, end_user_id=uid, end_user_org=org, model=rng.choice(["tamarack-3", "tamarack-3-mini"]), **kw)


def platform_byok(ctx: Ctx, rng: random.Random, n: int) -> None:
    for _ in range(n):
        pid = rng.choice(["codeloom", "codeloom", "flowstack"])
        name, city, dom, ua, ep = W.PLATFORMS[pid]
        a = personal_account(ctx, rng, "platform_byok", "api", keys=1)
        relay = W.PLATFORM_RELAYS[pid]
        uid = f"{pid[:2]}u_{rng.getrandbits(40):010x}"
        org = a.rec["email"].split("@")[1]
        for ts in ctx.session_starts(rng, a, "dev", rng.uniform(.5, 2)):
            if pid == "codeloom":
                ps = [T.agent_task(rng)] + [T.agent_step(rng) for _ in range(rng.randint(3, 20))]
            else:
                ps = [T.consumer(rng, a.lang)] + [T.followup(rng, a.lang) for _ in range(rng.randint(0, 3))]
            convo(ctx, rng, a, ts, ps, ua=ua, ep=ep, ip_fn=lambda t, c=relay: W.rand_ip(rng, c), system=W.PLATFORM_SYSTEM[pid],
                  channel="platform", platform=pid, end_user_id=uid, end_user_org=org, cache=True, gap=(3, 40))


def former_rival_employee(ctx: Ctx, rng: random.Random, n: int) -> None:
    rivals = list(W.RIVALS)
    for i in range(n):
        rid = rivals[i % 3]
        r = W.RIVALS[rid]
        a = personal_account(ctx, rng, "former_rival_employee", rng.choice(["pro", "api", "max"]), city=r["city"] if rng.random() < .7 else None,
                             created=ctx.signup_time(rng, 1100, 500), signup_ip=W.rand_ip(rng, W.RIVAL_OFFICES[rid]),
                             declared_company=r["name"] if rng.random() < .5 else None, group=f"former/{rid}")
        ua = rng.choice(W.BROWSERS)
        for ts in ctx.session_starts(rng, a, "evening", rng.uniform(.3, 1.5)):
            p = T.dev_question(rng) if rng.random() < .5 else T.consumer(rng, a.lang)
            convo(ctx, rng, a, ts, [p] + [T.followup(rng, a.lang) for _ in range(rng.randint(0, 2))], ua=ua, ep=APP_EP,
                  key=a.plan == "api", ip_fn=home_or_phone(ctx, rng, a, .2))


def namesake_staff(ctx: Ctx, rng: random.Random, n: int) -> None:
    ns = list(W.NAMESAKES)
    for i in range(n):
        oid = ns[i % len(ns)]
        name, city, dom = W.NAMESAKES[oid]
        c, country, lang, first, last = who(rng, city=city)
        home = W.Home(rng, country)
        office = W.rand_ip(rng, W.HOME_ISPS[country][1][1])
        a = ctx.account(rng, "namesake_staff", email=W.work_email(first, last, dom, i), plan=rng.choice(["team", "pro", "api"]), country=country,
                        city=city, lang=lang, created_at=ctx.signup_time(rng, 300, 5), signup_ip=office, org_id=oid, declared_company=name,
                        payment=W.company_card(ctx.seed, oid), home=home, group=f"namesake/{oid}")
        ua = rng.choice(W.BROWSERS)
        for ts in ctx.session_starts(rng, a, "office", rng.uniform(.3, 1.2)):
            convo(ctx, rng, a, ts, [T.enterprise_prompt(rng)] + [T.followup(rng, lang) for _ in range(rng.randint(0, 2))], ua=ua,
                  ep=APP_EP, key=a.plan == "api", ip_fn=fixed(office))


def vpn_user(ctx: Ctx, rng: random.Random, n: int) -> None:
    for _ in range(n):
        vpn = rng.choice(["proton-mex", "proton-mex", "mullvad-tor", "nord-nyc", "proton-lax", "express-mia"])
        country = {"proton-mex": "MX", "mullvad-tor": "CA"}.get(vpn, "US")
        a = personal_account(ctx, rng, "vpn_user", rng.choice(["free", "pro", "api"]), country=country,
                             signup_ip=W.rand_ip(rng, W.VPN[vpn]))
        ua = rng.choice(W.BROWSERS)
        for ts in ctx.session_starts(rng, a, "evening", rng.uniform(.3, 1.5)):
            ps = [T.consumer(rng, a.lang) if rng.random() < .6 else T.dev_question(rng)] + [T.followup(rng, a.lang) for _ in range(rng.randint(0, 2))]
            ipf = (lambda t, v=vpn: W.rand_ip(rng, W.VPN[v])) if rng.random() < .8 else home_or_phone(ctx, rng, a, .3)
            convo(ctx, rng, a, ts, ps, ua=ua, ep=APP_EP, key=a.plan == "api", ip_fn=ipf)


def cloud_tenant(ctx: Ctx, rng: random.Random, n: int) -> None:
    for i in range(n):
        c, country, lang, first, last = who(rng, country=rng.choice(["CA", "CA", "US"]))
        dom = rng.choice(["northbeam", "polar", "rivet", "tundra", "blueline", "oakridge", "sable"]) + str(i) + rng.choice([".ca", ".io", ".app"])
        shared = rng.random() < .7
        a = ctx.account(rng, "cloud_tenant", email=W.work_email(first, last, dom, 1), plan="api", country=country, city=c, lang=lang,
                        created_at=ctx.signup_time(rng, 500, 10), signup_ip=W.Home(rng, country).v4[0], org_id=dom.split(".")[0],
                        declared_company=dom.split(".")[0].title(), payment=W.fp(rng), group="cloud", keys=1)
        ipf = pool(rng, W.CLOUD["gcp-mtl-serverless"]) if shared else fixed(W.rand_ip(rng, W.CLOUD["aws-cac1"]))
        ua, ep = rng.choice(W.SDK_UAS + W.RAW_UAS[:2])
        sysp = rng.choice(["Summarize the user's note in one sentence.", "Draft a reply to the customer email below in the same language.",
                           "Categorize the expense: travel, meals, software, office, other.", None])
        for ts in ctx.session_starts(rng, a, "business_app", rng.uniform(5, 20)):
            for _ in range(rng.randint(1, 6)):
                p = T.consumer(rng, rng.choice([lang, "en"])) if sysp else T.dev_question(rng)
                ctx.req(rng, a, ts, p, ua=ua, endpoint=ep, ip=ipf(ts), system=sysp, model="tamarack-3-mini", out=150)
                ts += rng.uniform(1, 120)


def coworking_member(ctx: Ctx, rng: random.Random, n: int) -> None:
    floors = list(W.COWORKING)
    for _ in range(n):
        floor = rng.choice(floors)
        city, cidr = W.COWORKING[floor]
        a = personal_account(ctx, rng, "coworking_member", rng.choice(["pro", "api", "max", "free"]), city=city,
                             signup_ip=W.rand_ip(rng, cidr) if rng.random() < .5 else None)
        ua = rng.choice(W.BROWSERS)
        for ts in ctx.session_starts(rng, a, "office", rng.uniform(.5, 2)):
            ps = [rng.choice([T.dev_question(rng), T.enterprise_prompt(rng), T.seo_prompt(rng), T.consumer(rng, a.lang)])] + \
                 [T.followup(rng, a.lang) for _ in range(rng.randint(0, 3))]
            ipf = (lambda t, c=cidr: W.rand_ip(rng, c)) if day_of(ctx, ts) % 7 < 5 and rng.random() < .8 else home_or_phone(ctx, rng, a, .2)
            convo(ctx, rng, a, ts, ps, ua=ua, ep=APP_EP, key=a.plan == "api", ip_fn=ipf)


def rival_office_visitor(ctx: Ctx, rng: random.Random, n: int) -> None:
    rivals = list(W.RIVALS)
    for i in range(n):
        rid = rivals[i % 3]
        a = personal_account(ctx, rng, "rival_office_visitor", rng.choice(["pro", "api", "free"]), city=W.RIVALS[rid]["city"], group=f"visitor/{rid}")
        ua = W.app_ua(rng, a.country)
        visit_day = rng.randrange(ctx.days - 2)
        for ts in ctx.session_starts(rng, a, "evening", rng.uniform(.5, 1.5)):
            convo(ctx, rng, a, ts, [T.consumer(rng, a.lang)], ua=ua, ep=APP_EP, key=False, ip_fn=home_or_phone(ctx, rng, a, .5))
        ts = ctx.local_ts(a.tz, visit_day, rng.uniform(13, 16))
        for _ in range(rng.randint(2, 5)):
            convo(ctx, rng, a, ts, [rng.choice(["tips for a technical interview tomorrow, ML engineer role",
                                                "what questions should I ask the interviewer about team culture",
                                                T.dev_question(rng)])], ua=ua, ep=APP_EP, key=False,
                  ip_fn=lambda t: W.rand_ip(rng, W.RIVAL_OFFICES[rid]))
            ts += rng.uniform(300, 2400)


# ==================================================================================== ABUSIVE
def _harvest_session(ctx, rng, a, ts, grid, care, lang_pool, ua, ep, ipf, key=True, system=None, **kw):
    """One harvesting session: 1..k problems, careful ones with follow-ups and paraphrase."""
    k = rng.randint(1, 5) if rng.random() < care else rng.randint(15, 60)
    for _ in range(k):
        dom, topic, level = grid.pop() if grid else (rng.choice(list(T.DOMAINS)),) * 1 + (None, None)
        if topic is None:
            topic, level = rng.choice(T.DOMAINS[dom]), rng.choice(T.LEVELS)
        lang = rng.choice(lang_pool) if rng.random() < care else "en"
        first = T.harvest_prompt(rng, dom, topic, level, lang, rng.random() < care, rng.random() < (1 - care) * .3)
        sysp = system or (rng.choice(T.TUTOR_SYSTEMS) if rng.random() < care * .4 else None)
        ps = [first] + ([T.harvest_follow(rng, lang) for _ in range(rng.randint(1, 3))] if rng.random() < care else [])
        ts = convo(ctx, rng, a, ts, ps, ua=ua, ep=ep, ip_fn=ipf, model="tamarack-3-reason", reasoning=True, out=1300,
                   key=key, system=sysp, gap=(40, 400) if rng.random() < care else (1, 6), **kw)
        ts += rng.uniform(60, 900) if rng.random() < care else rng.uniform(0.5, 4)
    return ts


def make_grid(rng, domains):
    g = [(d, t, lv) for d in domains for t in T.DOMAINS[d] for lv in T.LEVELS]
    rng.shuffle(g)
    return g * 6


def distill_bulk(ctx: Ctx, rng: random.Random, n: int) -> None:
    for _ in range(n):
        care = ctx.carefulness(rng)
        a = personal_account(ctx, rng, "distill_bulk", "api", categories=["distillation"], careful=care, keys=rng.choice([1, 3]))
        grid = make_grid(rng, list(T.DOMAINS))
        server = W.rand_ip(rng, W.VPS[rng.choice(list(W.VPS))])
        ua, ep = (rng.choice(W.SDK_UAS[:6]) if rng.random() < care else rng.choice(W.RAW_UAS[:3]))
        ipf = home_or_phone(ctx, rng, a, .1) if rng.random() < care else fixed(server)
        for ts in ctx.session_starts(rng, a, "dev" if rng.random() < care else "flat", rng.uniform(1.5, 3.5)):
            _harvest_session(ctx, rng, a, ts, grid, care * .5, ["en", "es", "fr"], ua, ep, ipf)


def distill_careful(ctx: Ctx, rng: random.Random, n: int) -> None:
    for _ in range(n):
        care = max(ctx.carefulness(rng), .5)
        plan = rng.choice(["pro", "max", "api"])
        a = personal_account(ctx, rng, "distill_careful", plan, categories=["distillation"], careful=care)
        doms = rng.sample(list(T.DOMAINS), 2)
        grid = make_grid(rng, doms)
        langs = sorted({a.lang, "en", rng.choice(["es", "fr"])})
        ua, ep = (rng.choice(W.BROWSERS), APP_EP) if plan != "api" else rng.choice(W.SDK_UAS[:6])
        for ts in ctx.session_starts(rng, a, rng.choice(["evening", "dev"]), rng.uniform(1, 2.5)):
            _harvest_session(ctx, rng, a, ts, grid, max(care, .85), langs, ua, ep, home_or_phone(ctx, rng, a, .15), key=plan == "api")


def _network_accounts(ctx, rng, persona, n, categories, net_id, care, *, country=None, rival=None, card_for=None, domain=None,
                      signup_cidr=None, plan="api", t0=None, variant=None):
    shared_card = W.fp(rng)
    t0 = t0 or ctx.signup_time(rng, 60, 3)
    accts = []
    for j in range(n):
        city, cntry, lang, first, last = who(rng, country=country)
        home = W.Home(rng, cntry)
        if rng.random() < care:
            email = W.personal_email(rng, first, last, cntry)
            created = t0 + rng.uniform(0, 14) * W.DAY * (1 if rng.random() < care else .1)
        else:
            email = f"{(domain or 'mailbox')}{j + 1:02d}@{rng.choice(['proton.me', 'gmail.com', 'tutanota.com'])}"
            created = t0 + rng.uniform(0, 3) * 3600
        if card_for and j < 2:
            payment = card_for
        elif plan == "free":
            payment = None
        else:
            payment = W.fp(rng) if rng.random() < care else shared_card
        sip = (home.v4[0] if rng.random() < .6 else W.carrier_ip(rng, cntry)) if rng.random() < care else W.rand_ip(rng, signup_cidr)
        a = ctx.account(rng, persona, email=email, plan=plan, country=cntry, city=city, lang=lang, created_at=min(created, ctx.start - 3600),
                        signup_ip=sip, payment=payment, home=home, categories=categories, network_id=net_id, rival=rival,
                        careful=care, variant=variant, keys=1 if plan not in ("free", "pro", "max") else 0)
        accts.append(a)
    return accts


def _net_schedule(ctx, rng, care, per_day, base_tz):
    """A network's shared schedule: batch starts (UTC) used by all members, jittered later."""
    slots = []
    for d in range(ctx.days):
        for _ in range(max(1, int(per_day))):
            slots.append(ctx.local_ts(base_tz, d, rng.uniform(9, 23) if rng.random() < care else rng.choice([1, 2, 3, 13])))
    return sorted(slots)


def distill_network(ctx: Ctx, rng: random.Random, n: int) -> None:
    spaces = [["math", "physics", "chemistry", "cs"], ["law", "economics", "medicine", "logic"]]
    nets = max(1, min(2, n // 6))
    for k in range(nets):
        size = n // nets + (1 if k < n % nets else 0)
        care = ctx.carefulness(rng)
        net = f"net-h-distill-{k + 1}"
        vps = W.VPS[rng.choice(list(W.VPS))]
        accts = _network_accounts(ctx, rng, "distill_network", size, ["coordination", "distillation"], net, care,
                                  country=rng.choice(["US", "MX", "CA", None]), domain=rng.choice(["dataset", "qa.worker", "acct"]), signup_cidr=vps)
        grid = make_grid(rng, spaces[k % 2])
        ua, ep = rng.choice(W.SDK_UAS[:6]) if rng.random() < care else rng.choice(W.RAW_UAS[:2])
        tmpl_sys = None if rng.random() < care else "You are a meticulous expert. Always reason step by step in detail before answering."
        for ts0 in _net_schedule(ctx, rng, care, 3, -6):
            for i, a in enumerate(accts):
                if rng.random() < care * .45:
                    continue  # thinned
                ts = ts0 + (rng.uniform(-3, 3) * 3600 * care + rng.uniform(0, 30) if rng.random() < care else i * 2 + rng.uniform(0, 1))
                ipf = (lambda t, a=a: W.residential_proxy_ip(rng, a.country)) if rng.random() < care else (lambda t: W.rand_ip(rng, vps))
                sub = [grid.pop() for _ in range(min(len(grid), rng.randint(2, 6) if rng.random() < care else 12))]
                _harvest_session(ctx, rng, a, ts, sub, care, ["en", "es", "fr"], ua, ep, ipf, system=tmpl_sys)


def platform_distiller(ctx: Ctx, rng: random.Random, n: int) -> None:
    for _ in range(n):
        care = ctx.carefulness(rng)
        pid = "flowstack"
        name, city, dom, ua, ep = W.PLATFORMS[pid]
        a = personal_account(ctx, rng, "platform_distiller", "api", categories=["distillation"], careful=care, keys=1)
        relay = W.PLATFORM_RELAYS[pid]
        grid = make_grid(rng, rng.sample(list(T.DOMAINS), 3))
        uid = f"{pid[:2]}u_{rng.getrandbits(40):010x}"
        for ts in ctx.session_starts(rng, a, "dev" if rng.random() < care else "flat", rng.uniform(1, 3)):
            _harvest_session(ctx, rng, a, ts, grid, care * .6, ["en", "es"], ua, ep, lambda t: W.rand_ip(rng, relay),
                             system=W.PLATFORM_SYSTEM[pid] + " Workflow: explain every step of the solution in full.",
                             channel="platform", platform=pid, end_user_id=uid, end_user_org=a.rec["email"].split("@")[1])


def _walk(ctx, rng, a, keys, space, care, ua, ep, ipf, key=True, per_day=2.0, profile="flat"):
    shuffle = rng.random() < care
    if shuffle:
        blocks = [keys[i:i + 25] for i in range(0, len(keys), 25)]
        rng.shuffle(blocks)
        keys = [k for b in blocks for k in b]
    para, fmt = rng.random() < care, rng.random() < care
    paced = rng.random() < care
    it = iter(keys)
    done = False
    for ts in ctx.session_starts(rng, a, "office" if paced else profile, per_day):
        for _ in range(rng.randint(15, 50) if paced else rng.randint(60, 200)):
            k = next(it, None)
            if k is None:
                done = True
                break
            p = T.probe_prompt(rng, k, para) if space == "probe" else T.scrape_prompt(rng, space, k, para, fmt)
            ctx.req(rng, a, ts, p, ua=ua, endpoint=ep, ip=ipf(ts), key=key, model=rng.choice(["tamarack-3", "tamarack-3-mini"]),
                    out=450, stream=False if not paced else None)
            ts += rng.uniform(20, 120) if paced else rng.uniform(0.8, 4)
        if done:
            break


def scraper(ctx: Ctx, rng: random.Random, n: int) -> None:
    spaces = list(T.KEYSPACES) + ["probe"]
    for i in range(n):
        care = ctx.carefulness(rng)
        space = spaces[i % len(spaces)]
        country = {"inegi": "MX", "fsa": "CA"}.get(space)
        a = personal_account(ctx, rng, "scraper", "api", country=country, categories=["scraping"], careful=care, variant=space, keys=1)
        keys = ks(rng, space)
        ua, ep = rng.choice(W.SDK_UAS[:6]) if rng.random() < care else rng.choice(W.RAW_UAS[:4])
        ipf = home_or_phone(ctx, rng, a, .1) if rng.random() < care else fixed(W.rand_ip(rng, W.VPS[rng.choice(list(W.VPS))]))
        _walk(ctx, rng, a, keys, space, care, ua, ep, ipf, per_day=rng.uniform(2, 5) if care > .5 else 5)


def ks(rng, space):
    if space == "probe":
        return T.ks_probe(rng)
    return T.KEYSPACES[space][0](rng)




def scrape_network(ctx: Ctx, rng: random.Random, n: int) -> None:
    spaces = ["fsa", "inegi"]
    nets = max(1, min(2, n // 3))
    for k in range(nets):
        size = n // nets + (1 if k < n % nets else 0)
        care = ctx.carefulness(rng)
        space = spaces[k % 2]
        net = f"net-h-scrape-{k + 1}"
        vps = W.VPS[rng.choice(list(W.VPS))]
        accts = _network_accounts(ctx, rng, "scrape_network", size, ["coordination", "scraping"], net, care,
                                  country="CA" if space == "fsa" else "MX", domain="scr", signup_cidr=vps, variant=space)
        keys = T.KEYSPACES[space][0](rng)
        ua, ep = rng.choice(W.SDK_UAS[:4]) if rng.random() < care else ("python-requests/2.32.3", "/v1/chat/completions")
        for i, a in enumerate(accts):
            share = keys[i::size]  # stride split
            ipf = (lambda t, a=a: W.residential_proxy_ip(rng, a.country)) if rng.random() < care else (lambda t: W.rand_ip(rng, vps))
            _walk(ctx, rng, a, share, space, care, ua, ep, ipf, per_day=3)


def free_farm(ctx: Ctx, rng: random.Random, n: int) -> None:
    jobs = [("amazon_listing", "MX"), ("seo_spin", "US")]
    nets = max(1, min(2, n // 6))
    for k in range(nets):
        size = n // nets + (1 if k < n % nets else 0)
        care = ctx.carefulness(rng)
        job, country = jobs[k % 2]
        net = f"net-h-farm-{k + 1}"
        vps = W.VPS[rng.choice(list(W.VPS))]
        accts = _network_accounts(ctx, rng, "free_farm", size, ["coordination", "tier_abuse"], net, care, country=country,
                                  domain="listings" if k % 2 == 0 else "writer", signup_cidr=vps, plan="free")
        ua = rng.choice(W.BROWSERS) if rng.random() < care else "python-requests/2.32.3"
        para = rng.random() < care
        for a in accts:
            for d in range(ctx.days):
                if rng.random() < care * .3:
                    continue  # a day off
                ts = ctx.local_ts(a.tz, d, rng.uniform(9, 20) if rng.random() < care else 1 + rng.random() * .2)
                ipf = W.residential_proxy_ip(rng, a.country) if rng.random() < care else W.rand_ip(rng, vps)
                for _ in range(rng.randint(40, 60)):
                    ctx.req(rng, a, ts, T.farm_prompt(rng, job, para), ua=ua, endpoint=APP_EP, ip=ipf, key=False,
                            model="tamarack-3-mini", out=900, conv=ctx.conv_id(rng))
                    ts += rng.uniform(40, 200) if rng.random() < care else rng.uniform(3, 10)


def consumer_automation(ctx: Ctx, rng: random.Random, n: int) -> None:
    jobs = ["lead_scoring", "ticket_queue", "pr_review", "call_summaries"]
    for i in range(n):
        care = ctx.carefulness(rng)
        job = jobs[i % len(jobs)]
        a = personal_account(ctx, rng, "consumer_automation", rng.choice(["pro", "max", "max"]), categories=["tier_abuse"], careful=care,
                             variant=job, keys=0)
        careful = rng.random() < care
        ua = rng.choice(W.BROWSERS) if careful else rng.choice(["python-requests/2.32.3", W.HEADLESS])
        ipf = home_or_phone(ctx, rng, a, 0) if careful else fixed(W.rand_ip(rng, W.CLOUD[rng.choice(["aws-use1", "gcp-usc1"])]))
        seq = rng.randint(1, 9000)
        for ts in ctx.session_starts(rng, a, "office" if careful else "flat", rng.uniform(6, 14) if careful else 30):
            for _ in range(rng.randint(3, 12)):
                seq += 1
                sysp, p = T.automation_prompt(rng, job, seq)
                ctx.req(rng, a, ts, (sysp + "\n\n" + p) if sysp else p, ua=ua, endpoint=APP_EP, ip=ipf(ts), key=False,
                        model="tamarack-3", out=220, conv=ctx.conv_id(rng))
                ts += rng.uniform(8, 60) if careful else rng.uniform(1, 5)


def resold_plan(ctx: Ctx, rng: random.Random, n: int) -> None:
    for _ in range(n):
        care = ctx.carefulness(rng)
        a = personal_account(ctx, rng, "resold_plan", "max", categories=["tier_abuse"], careful=care, keys=0)
        careful = rng.random() < care
        k = rng.randint(4, 8) if careful else rng.randint(10, 25)
        users = []
        for _ in range(k):
            c = a.country if careful else rng.choice(["US", "CA", "MX"])
            city = W.pick_city(rng, c)
            users.append((W.Home(rng, c), W.app_ua(rng, c) if rng.random() < .6 else rng.choice(W.BROWSERS), W.pick_lang(rng, city), W.CITIES[city][1], c))
        for home, ua, lang, tz, c in users:
            for d in range(ctx.days):
                for _ in range(W_poisson(rng, rng.uniform(.5, 2.5))):
                    ts = ctx.local_ts(tz, d, rng.choices(range(24), [1 if h < 7 else 3 for h in range(24)])[0] + rng.random())
                    ps = [T.consumer(rng, lang) if rng.random() < .6 else T.dev_question(rng)] + [T.followup(rng, lang) for _ in range(rng.randint(0, 3))]
                    convo(ctx, rng, a, ts, ps, ua=ua, ep=APP_EP, key=False,
                          ip_fn=lambda t, h=home, c=c: h.ip(rng, day_of(ctx, t)) if rng.random() < .6 else W.carrier_ip(rng, c),
                          model="tamarack-3", out=500)


def reseller_network(ctx: Ctx, rng: random.Random, n: int) -> None:
    care = ctx.carefulness(rng)
    relay = W.VPS["do-nyc3"] if rng.random() < .5 else W.VPS["vultr-dfw"]
    relay_ips = [W.rand_ip(rng, relay) for _ in range(3)]
    accts = _network_accounts(ctx, rng, "reseller_network", n, ["coordination", "tier_abuse"], "net-h-reseller", care,
                              domain="ventas.ia", signup_cidr=relay, plan="max")
    ua = "axios/1.7.7" if rng.random() > care else rng.choice(W.BROWSERS)
    for a in accts:
        seats = [(rng.choice(["en", "es", "es", "fr"]), rng.choice([-5, -6, -8])) for _ in range(rng.randint(15, 40))]
        for lang, tz in seats:
            for d in range(ctx.days):
                for _ in range(W_poisson(rng, rng.uniform(.5, 2))):
                    ts = ctx.local_ts(tz, d, rng.uniform(8, 24))
                    ps = [rng.choice([T.consumer(rng, lang), T.dev_question(rng), T.seo_prompt(rng)])] + [T.followup(rng, lang) for _ in range(rng.randint(0, 2))]
                    convo(ctx, rng, a, ts, ps, ua=ua, ep=APP_EP, key=False, ip_fn=lambda t: rng.choice(relay_ips), out=500)


def competitor(ctx: Ctx, rng: random.Random, n: int) -> None:
    variants = ["card", "sso", "domain", "ide", "office", "contractor"]
    rivals = list(W.RIVALS)
    for i in range(n):
        rid = rivals[i % 3]
        r = W.RIVALS[rid]
        variant = variants[(i // 3) % len(variants)]
        care = ctx.carefulness(rng)
        harvester = variant == "contractor" or rng.random() < .45
        cats = ["competitor"] + (["distillation"] if harvester else [])
        city = r["city"]
        card = rng.choice(ctx.rival_cards[rid])
        kw = dict(categories=cats, rival=rid, careful=care, variant=variant)
        if variant == "card":
            a = personal_account(ctx, rng, "competitor", rng.choice(["pro", "max", "api"]), city=city, payment=card, **kw)
        elif variant == "office":
            a = personal_account(ctx, rng, "competitor", rng.choice(["pro", "api"]), city=city, **kw)
        elif variant == "contractor":
            a = personal_account(ctx, rng, "competitor", "api", country=rng.choice(["MX", "US", "CA"]), payment=card, **kw)
        else:
            c, country, lang, first, last = who(rng, city=city)
            home = W.Home(rng, country)
            dom = r["domains"][0] if variant != "domain" or rng.random() < .6 else r["domains"][1]
            a = ctx.account(rng, "competitor", email=W.work_email(first, last, dom, i), plan="team" if variant == "sso" else "api",
                            country=country, city=city, lang=lang, created_at=ctx.signup_time(rng, 300, 3), home=home,
                            signup_ip=W.rand_ip(rng, W.RIVAL_OFFICES[rid]) if variant == "sso" else home.v4[0],
                            sso=r["sso"][0] if variant == "sso" else None, declared_company=r["name"] if variant == "sso" else None,
                            org_id=None, payment=card if variant == "sso" else W.fp(rng), keys=1, **kw)
            if variant == "ide":
                a.rec["email"] = W.personal_email(rng, first, last, country)
        office = lambda t: W.rand_ip(rng, W.RIVAL_OFFICES[rid])
        if variant == "office":
            ipf = office
        elif variant == "sso":
            sase = W.shared_cidr(r["shared"][0]) if r["shared"][0] in W.SASE else W.RIVAL_OFFICES[rid]
            ipf = lambda t, s=sase: W.rand_ip(rng, s) if rng.random() < .5 else office(t)
        else:
            ipf = home_or_phone(ctx, rng, a, .15)
        ide = variant == "ide"
        if ide:
            ua, ep = W.PLATFORMS["codeloom"][3], W.PLATFORMS["codeloom"][4]
            ipf = lambda t: W.rand_ip(rng, W.PLATFORM_RELAYS["codeloom"])
            pkw = dict(channel="platform", platform="codeloom", end_user_id=f"cou_{rng.getrandbits(40):010x}", end_user_org=r["domains"][0],
                       system=W.PLATFORM_SYSTEM["codeloom"])
        else:
            ua, ep = rng.choice(W.SDK_UAS[:6]) if a.plan in ("api", "team") else (rng.choice(W.BROWSERS), APP_EP)
            pkw = {}
        key = a.plan not in ("pro", "max")
        grid = make_grid(rng, rng.sample(["math", "cs", "logic", "physics", "law", "medicine"], 3))
        for ts in ctx.session_starts(rng, a, "dev", rng.uniform(1, 3)):
            if harvester and rng.random() < .7:
                _harvest_session(ctx, rng, a, ts, grid, care, [a.lang, "en", "es", "fr"], ua, ep, ipf, key=key,
                                 **({k: v for k, v in pkw.items() if k != "system"}), **({"system": pkw["system"]} if ide else {}))
            elif ide:
                ps = [T.agent_task(rng)] + [T.agent_step(rng) for _ in range(rng.randint(3, 20))]
                convo(ctx, rng, a, ts, ps, ua=ua, ep=ep, ip_fn=ipf, cache=True, gap=(3, 30), **pkw)
            else:
                p = rng.choice([T.dev_question(rng), rng.choice(T.RESEARCH),
                                rng.choice(["Compare your tool-use behaviour with other assistants: list which tools you'd call for {x}",
                                            "What's your context window and how do you handle {x}?",
                                            "Draft an internal memo on evaluation methodology for {x}"]).format(x=rng.choice(["web search", "long documents", "code execution", "multilingual QA"]))])
                m, rr = model_pick(rng, .4)
                convo(ctx, rng, a, ts, [p] + [T.followup(rng, "en") for _ in range(rng.randint(0, 3))], ua=ua, ep=ep, ip_fn=ipf, key=key,
                      model=m, reasoning=rr)


def competitor_front(ctx: Ctx, rng: random.Random, n: int) -> None:
    """Cumbre Analítica, a Guadalajara consultancy harvesting reasoning for quetzal-ia."""
    care = ctx.carefulness(rng)
    rid = "quetzal-ia"
    card = ctx.rival_cards[rid][0]
    vps = W.VPS["vultr-dfw"]
    accts = _network_accounts(ctx, rng, "competitor_front", n, ["competitor", "coordination", "distillation"], "net-h-front-quetzal",
                              care, country="MX", rival=rid, card_for=card, domain="cumbre", signup_cidr=vps)
    for a in accts:
        a.rec["declared_company"] = "Cumbre Analítica S.C." if rng.random() > care else None
    grid = make_grid(rng, ["math", "cs", "logic", "physics"])
    ua, ep = rng.choice(W.SDK_UAS[:6]) if rng.random() < care else ("python-requests/2.32.3", "/v1/chat/completions")
    for ts0 in _net_schedule(ctx, rng, care, 2, -6):
        for i, a in enumerate(accts):
            if rng.random() < care * .4:
                continue
            ts = ts0 + (rng.uniform(0, 4) * 3600 * care if rng.random() < care else i * 3)
            ipf = (lambda t, a=a: W.residential_proxy_ip(rng, "MX")) if rng.random() < care else (lambda t: W.rand_ip(rng, vps))
            sub = [grid.pop() for _ in range(rng.randint(3, 10))]
            _harvest_session(ctx, rng, a, ts, sub, care, ["es", "en"], ua, ep, ipf)


def rival_network(ctx: Ctx, rng: random.Random, n: int) -> None:
    """A network run by laurentide-ai extracting code-API knowledge and probing capabilities, split by stride."""
    care = ctx.carefulness(rng)
    rid = "laurentide-ai"
    ovh = W.VPS["ovh-bhs"]
    accts = _network_accounts(ctx, rng, "rival_network", n, ["competitor", "coordination", "scraping"], "net-h-laurentide",
                              care, country="CA", rival=rid, card_for=ctx.rival_cards[rid][1], domain="ltd.eval", signup_cidr=ovh)
    for a in accts[2:4]:  # two more signed up from the office
        a.rec["signup_ip"] = W.rand_ip(rng, W.RIVAL_OFFICES[rid])
    keys = T.ks_pyapi() + T.ks_probe(rng)
    ua, ep = rng.choice(W.SDK_UAS[:6]) if rng.random() < care else ("python-httpx/0.27.2", "/v1/messages")
    for i, a in enumerate(accts):
        share = keys[i::len(accts)]
        ipf = (lambda t, a=a: W.residential_proxy_ip(rng, "CA")) if rng.random() < care else (lambda t: W.rand_ip(rng, ovh))
        half = len(share)
        _walk(ctx, rng, a, [k for k in share[:half] if "|" not in k], "pyapi", care, ua, ep, ipf, per_day=2)
        _walk(ctx, rng, a, [k for k in share if "|" in k], "probe", care, ua, ep, ipf, per_day=1)


REGISTRY = {  # name: (function, default accounts at --accounts 1000)
    "consumer_chat": (consumer_chat, 210), "family_plan": (family_plan, 14), "power_user": (power_user, 18),
    "indie_dev": (indie_dev, 55), "coding_agent": (coding_agent, 26), "student": (student, 55),
    "academic_lab": (academic_lab, 24), "bootcamp_cohort": (bootcamp_cohort, 45), "startup_team": (startup_team, 32),
    "enterprise_sase": (enterprise_sase, 70), "support_bot": (support_bot, 6), "doc_etl": (doc_etl, 12),
    "labelling_vendor": (labelling_vendor, 20), "eval_harness": (eval_harness, 8), "seo_agency": (seo_agency, 7),
    "journalist_probe": (journalist_probe, 8), "platform_account": (platform_account, 3), "platform_byok": (platform_byok, 40),
    "former_rival_employee": (former_rival_employee, 10), "namesake_staff": (namesake_staff, 12), "vpn_user": (vpn_user, 20),
    "cloud_tenant": (cloud_tenant, 18), "coworking_member": (coworking_member, 24), "rival_office_visitor": (rival_office_visitor, 6),
    # abusive
    "competitor": (competitor, 30), "competitor_front": (competitor_front, 8), "rival_network": (rival_network, 9),
    "distill_bulk": (distill_bulk, 6), "distill_careful": (distill_careful, 12), "distill_network": (distill_network, 20),
    "platform_distiller": (platform_distiller, 6), "scraper": (scraper, 10), "scrape_network": (scrape_network, 8),
    "free_farm": (free_farm, 32), "consumer_automation": (consumer_automation, 10), "resold_plan": (resold_plan, 8),
    "reseller_network": (reseller_network, 6),
}
