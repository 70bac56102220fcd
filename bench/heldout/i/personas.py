"""One function per persona. Each draws from its own random stream and returns nothing; accounts and
requests go to the recorder. Benign personas first, then the abusive ones."""

from __future__ import annotations

import random

import content as C
from engine import Recorder, Acct
from world import (DAY, T0, PLATFORMS, Client, Directory, Home, World, agent_client, app_client, hexid, hour,
                   in_range, lang_of, local_ts, pick_country, res_v4, script_client, sdk_client, weekend,
                   web_client, fp, CARRIERS, COUNTRY_TZ, HEADLESS, BROWSERS)


class Ctx:
    def __init__(self, rec: Recorder, world: World, directory: Directory, careful: float, days: int):
        self.rec, self.world, self.dir, self.careful, self.days = rec, world, directory, careful, days


def care(rng: random.Random, knob: float) -> float:
    return min(1.0, max(0.0, rng.gauss(knob, 0.15)))


def before(rng: random.Random, lo_days: float, hi_days: float) -> float:
    return T0 - rng.uniform(lo_days, hi_days) * DAY


def mobile(ctx: Ctx, rng: random.Random, a: Acct) -> str:
    return ctx.world.mobile_ip(rng, rng.choice(CARRIERS.get(a.country, ["vivo"])))


def person(ctx: Ctx, rng: random.Random, persona: str, plan: str, *, country: str | None = None, email: str | None = None,
           card: str | None = "own", created: float | None = None, **kw) -> Acct:
    country = country or pick_country(rng)
    home = Home(rng, country, ctx.days)
    first, last = C.person(rng)
    if email is None:
        email = C.personal_email(rng, country, first, last)
    if card == "own":
        card = fp(rng) if plan != "free" else None
    kw.setdefault("signup_ip", home.ip(0))
    return ctx.rec.account(rng, persona, country=country, plan=plan, email=email, card=card, home=home,
                           created=created if created is not None else before(rng, 2, 900), lang=lang_of(country, rng), **kw)


def work_email(rng: random.Random, domain: str) -> str:
    f, l = C.person(rng)
    return f"{C.slug(f)}.{C.slug(l)}@{domain}"


def days_active(ctx: Ctx, rng: random.Random, p_week: float, p_weekend: float) -> list[int]:
    return [d for d in range(ctx.days) if rng.random() < (p_weekend if weekend(d) else p_week)]


# =================================================================== benign

def consumer_chat(ctx: Ctx, rng: random.Random, n: int) -> None:
    for _ in range(n):
        plan = rng.choices(["free", "pro", "max"], [60, 32, 8])[0]
        a = person(ctx, rng, "consumer_chat", plan)
        clients = [app_client(rng)] + ([web_client(rng)] if rng.random() < 0.5 else [])
        intensity = rng.lognormvariate(0, 0.7)
        for d in days_active(ctx, rng, 0.55, 0.6):
            for _ in range(min(8, max(1, int(rng.expovariate(1 / (2.2 * intensity)))))):
                cl = rng.choice(clients)
                ip = mobile(ctx, rng, a) if cl.ua.startswith("TucanoApp") and rng.random() < 0.6 else a.home.ip(d)
                lang = a.lang
                turns = [C.chat_prompt(rng, lang)] + [C.follow_up(rng, lang) for _ in range(rng.choices([0, 1, 2, 3, 5], [40, 25, 15, 12, 8])[0])]
                think = plan != "free" and rng.random() < 0.05
                ctx.rec.conversation(rng, a, local_ts(d, hour(rng, "consumer"), a.tz), turns, client=cl, ip=ip,
                                     model="think" if think else rng.choice(["main", "main", "mini"]), reasoning=think)


def student(ctx: Ctx, rng: random.Random, n: int) -> None:
    campuses = ["usp", "unicamp", "uba", "uchile", "uniandes", "pucrio"]
    ccountry = {"usp": "BR", "unicamp": "BR", "pucrio": "BR", "uba": "AR", "uchile": "CL", "uniandes": "CO"}
    dom = {"usp": "usp.br", "unicamp": "dac.unicamp.br", "pucrio": "aluno.puc-rio.br", "uba": "uba.ar", "uchile": "ug.uchile.cl", "uniandes": "uniandes.edu.co"}
    for _ in range(n):
        campus = rng.choice(campuses) if rng.random() < 0.7 else None
        country = ccountry[campus] if campus else pick_country(rng)
        email = work_email(rng, dom[campus]) if campus and rng.random() < 0.4 else None
        a = person(ctx, rng, "student", rng.choices(["free", "pro"], [75, 25])[0], country=country, email=email)
        cl = rng.choice([app_client(rng), web_client(rng)])
        for d in days_active(ctx, rng, 0.5, 0.4) + ([ctx.days - 1, ctx.days - 2] if rng.random() < 0.4 else []):
            crunch = d >= ctx.days - 2
            for _ in range(rng.randrange(1, 4 if not crunch else 6)):
                h = hour(rng, "student")
                ip = in_range(rng, campus) if campus and 9 <= h < 18 and not weekend(d) and rng.random() < 0.7 else (
                    mobile(ctx, rng, a) if rng.random() < 0.3 else a.home.ip(d))
                lang = a.lang
                if rng.random() < 0.3:  # a problem set pasted one exercise at a time
                    dom_ = rng.choice(["math", "physics", "chemistry", "economics"])
                    turns = [C.harvest_prompt(rng, dom_, rng.choice(C.DOMAINS[dom_]), "undergraduate", "careful", lang)
                             for _ in range(rng.randrange(2, 9))]
                    ctx.rec.conversation(rng, a, local_ts(d, h, a.tz), turns, client=cl, ip=ip,
                                         model="think" if a.rec["plan"] == "pro" else "main",
                                         reasoning=a.rec["plan"] == "pro", out_mu=6.6, think=(60, 400))
                else:
                    turns = [C.student_prompt(rng, lang)] + [C.follow_up(rng, lang) for _ in range(rng.randrange(0, 4))]
                    ctx.rec.conversation(rng, a, local_ts(d, h, a.tz), turns, client=cl, ip=ip)


COMPANY_DOMAINS = ["lojasfenix.com.br", "agrotech.com.br", "fintuba.com", "saludplus.cl", "rutas.com.co", "pagoya.com.ar",
                   "vinosdelsur.cl", "clinicaprime.com.br", "datapampa.com.ar", "logisur.com.pe", "mercantil.uy",
                   "edtechbr.com", "viajalo.com", "constructiva.com.co", "kuyay.pe", "seguralo.com"]


def developer_api(ctx: Ctx, rng: random.Random, n: int) -> None:
    cowork = ["cowork_providencia", "cowork_poblado", "cowork_faria_lima", "cowork_palermo", "cowork_miraflores"]
    cw_country = {"cowork_providencia": "CL", "cowork_poblado": "CO", "cowork_faria_lima": "BR", "cowork_palermo": "AR", "cowork_miraflores": "PE"}
    for _ in range(n):
        place = rng.choice(cowork) if rng.random() < 0.3 else None
        country = cw_country[place] if place else pick_country(rng)
        dom = rng.choice(COMPANY_DOMAINS) if rng.random() < 0.55 else None
        a = person(ctx, rng, "developer_api", "api", country=country, email=work_email(rng, dom) if dom else None,
                   declared=dom.split(".")[0].title() if dom and rng.random() < 0.6 else None, nkeys=rng.randrange(1, 4))
        cls = [sdk_client(rng)] + ([script_client(rng, "curl/8.5.0")] if rng.random() < 0.3 else [])
        sysp = rng.choice([None, None, "You are a helpful assistant.", f"You answer questions about {dom or 'our product'} orders. Be brief."])
        for d in days_active(ctx, rng, 0.7, 0.15):
            for _ in range(rng.randrange(1, 6)):
                h = hour(rng, "dev")
                ip = in_range(rng, place) if place and 9 <= h < 19 and not weekend(d) else a.home.ip(d)
                if rng.random() < 0.5:  # testing their integration: short bursts of similar calls
                    ts = local_ts(d, h, a.tz)
                    for _ in range(rng.randrange(3, 25)):
                        ctx.rec.req(rng, a, ts, C.chat_prompt(rng, a.lang) if rng.random() < 0.5 else C.support_q(rng, "pt" if a.lang == "pt" else "es"),
                                    client=cls[0], ip=ip, system=sysp, model=rng.choice(["main", "mini"]), out=int(rng.lognormvariate(5, 0.6)))
                        ts += rng.uniform(2, 90)
                else:
                    turns = [C.code_prompt(rng)] + [C.follow_up(rng, "en") for _ in range(rng.randrange(0, 3))]
                    ctx.rec.conversation(rng, a, local_ts(d, h, a.tz), turns, client=rng.choice(cls), ip=ip)


def coding_power_user(ctx: Ctx, rng: random.Random, n: int) -> None:
    for _ in range(n):
        plan = rng.choice(["max", "max", "api", "api", "pro"])
        a = person(ctx, rng, "coding_power_user", plan)
        cl = agent_client(rng, "tucano-code/1.4.2 (cli)" if plan != "api" else None)
        cl = Client(cl.ua, cl.endpoint, plan == "api")
        if plan != "api":
            a.keys = []
        for d in days_active(ctx, rng, 0.85, 0.4):
            for _ in range(rng.randrange(1, 5)):
                ts = local_ts(d, hour(rng, "dev"), a.tz)
                conv = f"conv_{hexid(rng, 14)}"
                ctx0 = rng.randrange(8000, 60000)
                think = rng.random() < 0.3
                task = rng.choice(C.AGENT_TASKS)
                for t in range(rng.randrange(10, 70)):
                    ctx0 += rng.randrange(300, 4000)
                    r = ctx.rec.req(rng, a, ts, task if t == 0 else C.agent_step(rng), client=cl, ip=a.home.ip(d),
                                    system="You are Tucano Code, an agentic coding assistant. Tools: read_file, edit_file, bash, grep.",
                                    model="think" if think else "main", reasoning=think, history=min(ctx0, 190000), conv=conv,
                                    turn=t + 1, cache=True, max_tokens=rng.choice([32000, 64000]), out=int(rng.lognormvariate(5.8, 0.8)), stream=True)
                    ts += 2 + r["output_tokens"] / 70 + rng.expovariate(1 / 12)


def enterprise_batch(ctx: Ctx, rng: random.Random, n: int) -> None:
    owners = [("banco-andino", "bancoandino.com", "bancoandino.okta.com", "contracts"),
              ("banco-andino", "bancoandino.com", "bancoandino.okta.com", "tickets"),
              ("pampa-seguros", "pampaseguros.com.ar", "pampaseguros.okta.com", "claims")]
    for i in range(n):
        org, dom, sso, job = owners[i % len(owners)]
        a = ctx.rec.account(rng, "enterprise_batch", country="AR" if org == "pampa-seguros" else "BR", plan="enterprise",
                            email=f"svc-llm-{job}{i}@{dom}", created=before(rng, 60, 500), org_id=org,
                            declared=ctx.dir.get(org)["name"], card=ctx.dir.cards[org][0], sso=sso,
                            signup_ip=in_range(rng, "bancoandino_proxy" if org == "banco-andino" else "pampaseguros_office"),
                            lang="pt", nkeys=2)
        egress = "aws_sa_nat" if rng.random() < 0.5 else "magalu_cloud"
        cl = sdk_client(rng)
        base = rng.randrange(10000, 90000)
        for d in range(ctx.days):
            if weekend(d) and rng.random() < 0.7:
                continue
            ts = local_ts(d, rng.uniform(0.5, 2.5), a.tz)
            for k in range(rng.randrange(120, 420)):
                sysp, p = C.batch_prompt(rng, job, base + k)
                ctx.rec.req(rng, a, ts, p, client=cl, ip=in_range(rng, egress), system=sysp, model="mini" if job == "tickets" else "main",
                            out=int(rng.lognormvariate(3 if job == "tickets" else 5.5, 0.4)), stream=False)
                ts += rng.uniform(1.5, 9)
            base += 500


def labelling_vendor(ctx: Ctx, rng: random.Random, n: int) -> None:
    card = ctx.dir.cards["rotulabem"][0]
    for _ in range(n):
        a = ctx.rec.account(rng, "labelling_vendor", country="BR", plan="team", email=work_email(rng, "rotulabem.com.br"),
                            created=before(rng, 20, 300), org_id="rotulabem", declared="RotulaBem", card=card,
                            sso="rotulabem.okta.com", signup_ip=in_range(rng, "rotulabem_office"), lang="pt", nkeys=1)
        cl = web_client(rng) if rng.random() < 0.5 else sdk_client(rng)
        cl = Client(cl.ua, cl.endpoint, True)
        for d in days_active(ctx, rng, 0.9, 0.05):
            ts = local_ts(d, rng.uniform(8.5, 15), -3)
            for _ in range(rng.randrange(30, 120)):
                ctx.rec.req(rng, a, ts, rng.choice(C.LABEL_ITEMS) + f" [item {rng.randrange(10**6)}]", client=cl,
                            ip=in_range(rng, "rotulabem_office"), system=C.LABEL_SYS, model=rng.choice(["main", "think"]),
                            out=rng.randrange(8, 60), stream=False)
                ts += rng.uniform(15, 120)


def translator(ctx: Ctx, rng: random.Random, n: int) -> None:
    for i in range(n):
        vendor = i < 3
        if vendor:
            a = ctx.rec.account(rng, "translator", country="AR", plan="api", email=work_email(rng, "traduzca.com"),
                                created=before(rng, 30, 400), org_id="traduzca", declared="Traduzca", card=ctx.dir.cards["traduzca"][0],
                                signup_ip=res_v4(rng, "AR"), lang="es", home=Home(rng, "AR", ctx.days))
        else:
            a = person(ctx, rng, "translator", rng.choice(["pro", "api"]))
        cl = sdk_client(rng) if a.rec["plan"] == "api" else web_client(rng)
        for d in days_active(ctx, rng, 0.8, 0.3):
            ts = local_ts(d, hour(rng, "office"), a.tz)
            if vendor:  # localisation job: walks the app's resource keys in batches, into several languages
                for tgt in rng.sample(["pt-BR", "es-419", "en-US", "it-IT", "fr-FR"], 3):
                    for k in C.RESOURCE_KEYS * rng.randrange(3, 8):
                        ctx.rec.req(rng, a, ts, f"Translate the UI string '{k}' into {tgt}. Context: mobile banking app. Return only the string.",
                                    client=cl, ip=a.home.ip(d), model="mini", out=rng.randrange(5, 40), stream=False)
                        ts += rng.uniform(0.5, 4)
            else:
                for _ in range(rng.randrange(2, 15)):
                    ctx.rec.req(rng, a, ts, rng.choice(C.TRANSLATE)[2] + " " + rng.choice(C.DOCS), client=cl, ip=a.home.ip(d),
                                out=int(rng.lognormvariate(5.5, 0.5)))
                    ts += rng.uniform(60, 900)


def research_lab(ctx: Ctx, rng: random.Random, n: int) -> None:
    labs = [("usp", "BR", "usp.br", True), ("uba", "AR", "uba.ar", True), ("uchile", "CL", "dcc.uchile.cl", False),
            ("uniandes", "CO", "uniandes.edu.co", False)]
    per = max(2, n // len(labs))
    for org, country, dom, shared in labs:
        grant = fp(rng)
        evalset = [(dm, C.problem(rng, dm, "en")) for dm in rng.choices(list(C.DOMAINS)[:5], k=rng.randrange(80, 140))]
        for _ in range(per):
            a = ctx.rec.account(rng, "research_lab", country=country, plan="api", email=work_email(rng, dom),
                                created=before(rng, 10, 400), org_id=org if rng.random() < 0.6 else None,
                                declared=ctx.dir.get(org)["name"], card=grant, signup_ip=in_range(rng, org if org != "puc-rio" else "pucrio"),
                                lang=lang_of(country, rng), home=Home(rng, country, ctx.days), nkeys=rng.randrange(1, 3))
            cl = sdk_client(rng)
            for d in days_active(ctx, rng, 0.7, 0.25):
                ip = in_range(rng, org) if not weekend(d) else a.home.ip(d)
                ts = local_ts(d, hour(rng, "dev"), a.tz)
                if shared and rng.random() < 0.35:  # the lab's shared evaluation script, same order every run
                    sysp = "Answer the question. Put the final answer after 'ANSWER:'."
                    for dm, q in evalset:
                        ctx.rec.req(rng, a, ts, q, client=cl, ip=ip, system=sysp, model="think", reasoning=True,
                                    out=int(rng.lognormvariate(7.3, 0.6)), stream=False, max_tokens=32000)
                        ts += rng.uniform(4, 30)
                else:  # own research questions, derivations with follow-ups
                    for _ in range(rng.randrange(1, 5)):
                        dm = rng.choice(list(C.DOMAINS)[:5])
                        turns = [C.problem(rng, dm, rng.choice(["en", a.lang]))] + [rng.choice(C.HARVEST_FOLLOW["en"] + [
                            "Check step 3, I think the sign is wrong.", "Can you formalize this in Lean?", "Give a counterexample if the claim fails."])
                            for _ in range(rng.randrange(0, 5))]
                        ts = ctx.rec.conversation(rng, a, ts, turns, client=cl, ip=ip, model="think", reasoning=True, out_mu=7.2,
                                                  think=(120, 1500), max_tokens=32000)


def hackathon_cohort(ctx: Ctx, rng: random.Random, n: int) -> None:
    events = [("cowork_faria_lima", "BR", "Você é o assistente do kit inicial do Hack Tucano SP. Ajude o time a construir o MVP."),
              ("uba", "AR", "Sos el asistente del starter kit de HackUBA 2026. Ayudá al equipo con su prototipo.")]
    per = n // len(events)
    for place, country, kit in events:
        day0 = 4  # Friday evening to Sunday
        start = local_ts(day0, 18, COUNTRY_TZ[country])
        for _ in range(per):
            a = person(ctx, rng, "hackathon_cohort", "api", country=country, created=start + rng.uniform(-3600, 4 * 3600),
                       signup_ip=in_range(rng, place))
            cl = sdk_client(rng) if rng.random() < 0.7 else script_client(rng)
            t, end = a.rec["created_at"] + 600, start + 36 * 3600
            while t < end:
                if 3 <= ((t - T0) / 3600 + a.tz) % 24 < 8 and rng.random() < 0.8:
                    t += 3600
                    continue
                prompt = rng.choice([C.code_prompt(rng), C.chat_prompt(rng, a.lang), C.pipeline_prompt(rng, rng.choice(["reviews", "listings"]))])
                ctx.rec.req(rng, a, t, prompt, client=cl, ip=in_range(rng, place), system=kit, model=rng.choice(["main", "mini"]))
                t += rng.expovariate(1 / 420)
            if rng.random() < 0.3:  # some come back after the weekend
                for d in range(day0 + 3, ctx.days):
                    if rng.random() < 0.5:
                        ctx.rec.req(rng, a, local_ts(d, hour(rng, "dev"), a.tz), C.code_prompt(rng), client=cl, ip=a.home.ip(d))


def startup_team(ctx: Ctx, rng: random.Random, n: int) -> None:
    places = ["cowork_providencia", "cowork_poblado", "cowork_faria_lima", "cowork_miraflores", None]
    cc = {"cowork_providencia": "CL", "cowork_poblado": "CO", "cowork_faria_lima": "BR", "cowork_miraflores": "PE"}
    made = 0
    while made < n:
        place = places[(made // 5) % len(places)]
        country = cc.get(place) or pick_country(rng)
        dom = f"{rng.choice(['nuvem', 'kuntur', 'tribu', 'pixel', 'roca', 'cacto', 'yerba', 'orbita'])}{rng.choice(['hq', 'labs', 'app', 'tech', 'ai'])}.{rng.choice(['com', 'io', 'com.br', 'cl', 'co'])}"
        card, t0 = fp(rng), before(rng, 5, 200)
        for _ in range(min(n - made, rng.randrange(3, 7))):
            a = person(ctx, rng, "startup_team", "api", country=country, email=work_email(rng, dom), card=card,
                       created=t0 + rng.uniform(0, 7200), declared=dom.split(".")[0].title())
            made += 1
            cl = sdk_client(rng)
            for d in days_active(ctx, rng, 0.85, 0.3):
                ip = in_range(rng, place) if place and not weekend(d) else a.home.ip(d)
                for _ in range(rng.randrange(2, 8)):
                    turns = [C.code_prompt(rng)] + [C.follow_up(rng, "en") for _ in range(rng.randrange(0, 3))]
                    ctx.rec.conversation(rng, a, local_ts(d, hour(rng, "dev"), a.tz), turns, client=cl, ip=ip)


def platform_byok(ctx: Ctx, rng: random.Random, n: int) -> None:
    for _ in range(n):
        pname = rng.choice(list(PLATFORMS))
        p = PLATFORMS[pname]
        dom = rng.choice(COMPANY_DOMAINS) if rng.random() < 0.5 else None
        a = person(ctx, rng, "platform_byok", "api", email=work_email(rng, dom) if dom else None)
        cl = Client(p["ua"], p["endpoint"], True)
        eu = f"{pname}-u-{hexid(rng, 8)}"
        for d in days_active(ctx, rng, 0.8, 0.3):
            for _ in range(rng.randrange(1, 5)):
                turns = [C.code_prompt(rng) if pname == "codara" else C.chat_prompt(rng, a.lang)] + [C.agent_step(rng) for _ in range(rng.randrange(0, 8))]
                ctx.rec.conversation(rng, a, local_ts(d, hour(rng, "dev"), a.tz), turns, client=cl, ip=in_range(rng, p["relay"]),
                                     system=p["system"], platform=pname, end_user=eu, end_user_org=dom or a.rec["email"].split("@")[1],
                                     think=(5, 60), cache=True)


def platform_account(ctx: Ctx, rng: random.Random, n: int) -> None:
    rivals = [d for e in ctx.dir.restricted() for d in e["domains"][:1]]
    for i in range(n):
        pname = list(PLATFORMS)[i % len(PLATFORMS)]
        p = PLATFORMS[pname]
        a = ctx.rec.account(rng, "platform_account", country="BR", plan="enterprise", email=f"platform-ops@{pname}.{'dev' if pname == 'codara' else 'app'}",
                            created=before(rng, 200, 600), org_id=pname, declared=ctx.dir.get(pname)["name"],
                            card=ctx.dir.cards[pname][0], signup_ip=in_range(rng, p["relay"]), lang="en", nkeys=3)
        cl = Client(p["ua"], p["endpoint"], True)
        users = []
        for _ in range(rng.randrange(250, 400)):
            r_ = rng.random()
            org = rng.choice(rivals) if r_ < 0.02 else rng.choice(COMPANY_DOMAINS + ["gmail.com", "hotmail.com", "usp.br", "uba.ar"])
            users.append((f"{pname}-u-{hexid(rng, 8)}", org, rng.choice([-3, -3, -3, -5])))
        for d in range(ctx.days):
            for uid, org, tz in rng.sample(users, int(len(users) * (0.25 if weekend(d) else 0.6))):
                for _ in range(rng.randrange(1, 3)):
                    turns = [C.code_prompt(rng) if pname == "codara" else C.chat_prompt(rng, rng.choice(["pt", "es"]))] + \
                            [C.agent_step(rng) for _ in range(rng.randrange(0, 6))]
                    ctx.rec.conversation(rng, a, local_ts(d, hour(rng, "dev"), tz), turns, client=cl, ip=in_range(rng, p["relay"]),
                                         system=p["system"], platform=pname, end_user=uid, end_user_org=org, think=(5, 60), cache=True)


def former_rival_employee(ctx: Ctx, rng: random.Random, n: int) -> None:
    rivals = ctx.dir.restricted()
    offices = {"condor-labs": ("condor_office", "CL"), "pampa-ia": ("pampa_office", "AR"), "jaguar-research": ("jaguar_office", "CO")}
    for i in range(n):
        e = rivals[i % len(rivals)]
        office, country = offices[e["org_id"]]
        a = person(ctx, rng, "former_rival_employee", rng.choice(["pro", "free", "api"]), country=country,
                   email=work_email(rng, e["domains"][0]) if rng.random() < 0.7 else None,
                   created=before(rng, 700, 1400), signup_ip=in_range(rng, office),
                   declared=e["name"] if rng.random() < 0.5 else None, verified=rng.random() < 0.5)
        cl = sdk_client(rng) if a.rec["plan"] == "api" else web_client(rng)
        for d in days_active(ctx, rng, 0.6, 0.6):
            turns = [rng.choice([C.chat_prompt(rng, a.lang), C.code_prompt(rng)])] + [C.follow_up(rng, a.lang) for _ in range(rng.randrange(0, 3))]
            ctx.rec.conversation(rng, a, local_ts(d, hour(rng, "consumer"), a.tz), turns, client=cl, ip=a.home.ip(d))


def rival_office_visitor(ctx: Ctx, rng: random.Random, n: int) -> None:
    offices = [("condor_office", "CL"), ("pampa_office", "AR"), ("jaguar_office", "CO")]
    for i in range(n):
        office, country = offices[i % 3]
        a = person(ctx, rng, "rival_office_visitor", rng.choice(["free", "pro"]), country=country)
        cl = app_client(rng)
        visit = rng.randrange(0, 5)
        for d in days_active(ctx, rng, 0.5, 0.5) + [visit]:
            if d == visit:
                ts = local_ts(d, rng.uniform(14, 17), a.tz)
                for _ in range(rng.randrange(1, 5)):
                    ts = ctx.rec.conversation(rng, a, ts, [C.chat_prompt(rng, a.lang)], client=cl, ip=in_range(rng, office)) + rng.uniform(300, 2400)
            else:
                ctx.rec.conversation(rng, a, local_ts(d, hour(rng, "consumer"), a.tz), [C.chat_prompt(rng, a.lang)], client=cl,
                                     ip=mobile(ctx, rng, a) if rng.random() < 0.5 else a.home.ip(d))


def namesake_staff(ctx: Ctx, rng: random.Random, n: int) -> None:
    orgs = [("condor-transportes", "condortransportes.com.br", "BR", "condortransp_office", "condortransportes.onmicrosoft.com"),
            ("pampa-seguros", "pampaseguros.com.ar", "AR", "pampaseguros_office", "pampaseguros.okta.com"),
            ("jaguar-motos", "jaguarmotos.com.co", "CO", "jaguarmotos_office", None)]
    for i in range(n):
        org, dom, country, office, sso = orgs[i % 3]
        a = person(ctx, rng, "namesake_staff", "team", country=country, email=work_email(rng, dom), org_id=org,
                   declared=ctx.dir.get(org)["name"], card=ctx.dir.cards[org][0], sso=sso, signup_ip=in_range(rng, office), nkeys=1)
        cl = web_client(rng)
        cl = Client(cl.ua, cl.endpoint, True)
        for d in days_active(ctx, rng, 0.8, 0.05):
            for _ in range(rng.randrange(1, 4)):
                ctx.rec.conversation(rng, a, local_ts(d, hour(rng, "office"), a.tz), [C.chat_prompt(rng, a.lang)] + [C.follow_up(rng, a.lang)],
                                     client=cl, ip=in_range(rng, office))


def vpn_user(ctx: Ctx, rng: random.Random, n: int) -> None:
    for i in range(n):
        vpn = "vpn_ba" if i % 2 == 0 else rng.choice(["vpn_gru", "vpn_scl", "vpn_bog"])
        a = person(ctx, rng, "vpn_user", rng.choice(["free", "pro", "api"]), country="AR" if vpn == "vpn_ba" else None)
        a.rec["signup_ip"] = in_range(rng, vpn) if rng.random() < 0.6 else a.rec["signup_ip"]
        cl = sdk_client(rng) if a.rec["plan"] == "api" else web_client(rng)
        for d in days_active(ctx, rng, 0.5, 0.4):
            turns = [rng.choice([C.chat_prompt(rng, a.lang), C.code_prompt(rng)])] + [C.follow_up(rng, a.lang) for _ in range(rng.randrange(0, 3))]
            ctx.rec.conversation(rng, a, local_ts(d, hour(rng, "consumer"), a.tz), turns, client=cl, ip=in_range(rng, vpn))


def corporate_proxy(ctx: Ctx, rng: random.Random, n: int) -> None:
    card = ctx.dir.cards["banco-andino"][1]
    for _ in range(n):
        a = person(ctx, rng, "corporate_proxy", "enterprise", country="BR", email=work_email(rng, "bancoandino.com"),
                   org_id="banco-andino", declared="Banco Andino", card=card, sso="bancoandino.okta.com",
                   signup_ip=in_range(rng, "bancoandino_proxy"), created=before(rng, 30, 90), nkeys=1)
        cl = Client(rng.choice(BROWSERS[:2]), "/v1/messages", True)
        for d in days_active(ctx, rng, 0.85, 0.0):
            for _ in range(rng.randrange(1, 6)):
                turns = [rng.choice([C.chat_prompt(rng, "pt"), C.batch_prompt(rng, "contracts", rng.randrange(999))[1]])] + \
                        [C.follow_up(rng, "pt") for _ in range(rng.randrange(0, 3))]
                ctx.rec.conversation(rng, a, local_ts(d, hour(rng, "office"), a.tz), turns, client=cl, ip=in_range(rng, "bancoandino_proxy"))


def cloud_tenant(ctx: Ctx, rng: random.Random, n: int) -> None:
    for _ in range(n):
        dom = rng.choice(COMPANY_DOMAINS)
        a = person(ctx, rng, "cloud_tenant", "api", country="BR", email=f"dev@{dom}" if rng.random() < 0.5 else work_email(rng, dom),
                   declared=dom.split(".")[0].title(), signup_ip=None, nkeys=2)
        a.rec["signup_ip"] = a.home.ip(0)
        cl = script_client(rng, rng.choice(["python-httpx/0.28.1", "axios/1.7.9", "Go-http-client/2.0"])) if rng.random() < 0.5 else sdk_client(rng)
        sysp = f"You are the assistant inside {dom.split('.')[0].title()}'s app. Answer customers in Portuguese."
        for d in range(ctx.days):
            ts = local_ts(d, 7, a.tz)
            for _ in range(int(rng.randrange(40, 400) * (0.4 if weekend(d) else 1))):
                ts2 = local_ts(d, hour(rng, "business"), a.tz)
                ctx.rec.req(rng, a, ts2, C.support_q(rng, "pt"), client=cl, ip=in_range(rng, "aws_sa_nat"), system=sysp,
                            model="mini", out=int(rng.lognormvariate(4.5, 0.5)))


def household_shared(ctx: Ctx, rng: random.Random, n: int) -> None:
    for _ in range(n):
        a = person(ctx, rng, "household_shared", "pro")
        members = [app_client(rng) for _ in range(rng.randrange(2, 4))] + [web_client(rng)]
        for d in days_active(ctx, rng, 0.8, 0.9):
            for cl in members:
                if rng.random() < 0.5:
                    ip = a.home.ip(d) if rng.random() < 0.6 else mobile(ctx, rng, a)
                    ctx.rec.conversation(rng, a, local_ts(d, hour(rng, "consumer"), a.tz),
                                         [rng.choice([C.chat_prompt(rng, a.lang), C.student_prompt(rng, a.lang)])] + [C.follow_up(rng, a.lang)],
                                         client=cl, ip=ip)


def eval_harness(ctx: Ctx, rng: random.Random, n: int) -> None:
    for i in range(n):
        dom = "medidor.dev" if i < 2 else rng.choice(COMPANY_DOMAINS)
        a = ctx.rec.account(rng, "eval_harness", country="BR", plan="api", email=f"ci@{dom}", created=before(rng, 30, 300),
                            org_id="medidor" if i < 2 else None, declared=dom.split(".")[0].title(),
                            card=ctx.dir.cards["medidor"][0] if i < 2 else fp(rng), signup_ip=in_range(rng, "medidor_office" if i < 2 else "ci_runners"),
                            lang="pt", nkeys=2)
        suite = [(dm, C.problem(rng, dm, rng.choice(["en", "pt", "es"]))) for dm in rng.choices(list(C.DOMAINS), k=rng.randrange(80, 200))]
        suite += [(None, C.code_prompt(rng)) for _ in range(30)]
        cl = script_client(rng, rng.choice(["python-httpx/0.28.1", "OpenAI/Python 1.82.0"]))
        for d in range(ctx.days):
            runs = [local_ts(d, rng.uniform(1, 3), -3)] + [local_ts(d, hour(rng, "dev"), -3) for _ in range(0 if weekend(d) else rng.randrange(0, 3))]
            for ts in runs:
                for model in (["main", "mini", "think"] if ts == runs[0] else ["main"]):
                    for dm, q in suite:
                        ctx.rec.req(rng, a, ts, q, client=cl, ip=in_range(rng, "ci_runners"), system="Answer with the final answer only.",
                                    model=model, reasoning=model == "think", out=int(rng.lognormvariate(6.5 if model == "think" else 4, 0.5)),
                                    stream=False, max_tokens=16000)
                        ts += rng.uniform(0.3, 3)


def support_bot(ctx: Ctx, rng: random.Random, n: int) -> None:
    shops = [("Lojas Fênix", "pt", "BR"), ("Pagoya Market", "es", "AR"), ("Vinos del Sur", "es", "CL"), ("Clínica Prime", "pt", "BR"), ("Kuyay Moda", "es", "PE")]
    for i in range(n):
        shop, lang, country = shops[i % len(shops)]
        dom = C.slug(shop) + (".com.br" if country == "BR" else ".com")
        a = ctx.rec.account(rng, "support_bot", country=country, plan="api", email=f"tech@{dom}", created=before(rng, 30, 400),
                            declared=shop, card=fp(rng), signup_ip=res_v4(rng, country), lang=lang, nkeys=1)
        server = in_range(rng, rng.choice(["magalu_cloud", "oracle_vinhedo", "digitalocean"]))
        cl = sdk_client(rng)
        sysp = C.SUPPORT_SYS[lang].format(shop=shop)
        for d in range(ctx.days):
            for _ in range(int(rng.randrange(150, 350) * (0.6 if weekend(d) else 1))):
                turns = [C.support_q(rng, lang) for _ in range(rng.randrange(1, 5))]
                ctx.rec.conversation(rng, a, local_ts(d, hour(rng, "business"), a.tz), turns, client=cl, ip=server, system=sysp,
                                     model="mini", out_mu=4.2, think=(10, 90))


def catalogue_pipeline(ctx: Ctx, rng: random.Random, n: int) -> None:
    for i in range(n):
        a = person(ctx, rng, "catalogue_pipeline", "api", country=rng.choice(["BR", "AR", "CL"]), declared=rng.choice(["Casa Bonita", "TecnoSur", "Deportes Andes", "Mimo Kids"]))
        cl = script_client(rng)
        sku = rng.randrange(100000, 900000)
        for d in range(ctx.days):
            ts = local_ts(d, rng.uniform(0, 2), a.tz)
            for _ in range(rng.randrange(150, 400)):
                sku += 1
                ctx.rec.req(rng, a, ts, f"Gere título, descrição (120 palavras) e 5 bullets para o produto SKU MA-{sku:07d}: {rng.choice(C.PRODS)}, cor {rng.choice(['preto', 'azul', 'bege', 'rosa'])}.",
                            client=cl, ip=in_range(rng, "mercadoaustral_dc"), system="Você escreve fichas de produto para o Mercado Austral.", model="mini",
                            out=int(rng.lognormvariate(5.3, 0.3)), stream=False)
                ts += rng.uniform(1, 6)


# =================================================================== abusive

HARVEST_DOMAINS = list(C.DOMAINS)


def harvest_session(ctx: Ctx, rng: random.Random, a: Acct, ts: float, c: float, grid: list, *, client: Client, ip_fn,
                    langs: list[str], count: int, platform: dict | None = None, system: str | None = None) -> float:
    """Harvest `count` items of a topic grid. Careful (probability c per trait): paraphrase, wrappers, follow-ups, pacing."""
    paraphrase, followups, wrap = rng.random() < c, rng.random() < c, rng.random() < c
    kw = {}
    if platform:
        kw = dict(platform=platform["name"], end_user=platform["eu"], end_user_org=platform["org"], system=platform["system"])
    elif system or (wrap and rng.random() < 0.5):
        kw["system"] = system or rng.choice(C.TUTOR_SYS)
    for _ in range(count):
        dm, sub, lvl = rng.choice(grid)
        lang = rng.choice(langs)
        style = (rng.choice(["careful", "careful", "handbook", "selfpose"]) if wrap else "careful") if paraphrase else rng.choice(["blatant", "json", "selfpose"])
        turns = [C.harvest_prompt(rng, dm, sub, lvl, style, lang)]
        if followups and rng.random() < 0.6:
            turns += [rng.choice(C.HARVEST_FOLLOW[lang]) for _ in range(rng.randrange(1, 4))]
        ts = ctx.rec.conversation(rng, a, ts, turns, client=client, ip=ip_fn(), model="think", reasoning=True, out_mu=7.4,
                                  think=(40, 400) if paraphrase else (0.5, 4), max_tokens=32000, **kw)
        ts += rng.expovariate(1 / (300 if c > 0.5 else 6))
    return ts


def topic_grid(domains: list[str]) -> list[tuple[str, str, str]]:
    return [(d, s, l) for d in domains for s in C.DOMAINS[d] for l in C.LEVELS]


def competitor(ctx: Ctx, rng: random.Random, n: int) -> None:
    rivals = ctx.dir.restricted()
    offices = {"condor-labs": ("condor_office", "CL"), "pampa-ia": ("pampa_office", "AR"), "jaguar-research": ("jaguar_office", "CO")}
    ties = ["card", "sso", "domain", "ide", "contractor", "card", "domain"]
    for i in range(n):
        e = rivals[i % len(rivals)]
        org = e["org_id"]
        office, country = offices[org]
        tie = ties[(i // len(rivals)) % len(ties)]
        c = care(rng, ctx.careful)
        harvester = tie == "contractor" or rng.random() < 0.4
        cats = ("competitor", "distillation") if harvester else ("competitor",)
        card = rng.choice(e["payment_fingerprints"]) if tie in ("card", "contractor") else "own"
        plan = {"card": rng.choice(["pro", "max", "api"]), "sso": "team", "domain": rng.choice(["pro", "api"]), "ide": "api",
                "contractor": rng.choice(["api", "max"])}[tie]
        ccountry = rng.choice(["BR", "PE", "BO", "PY"]) if tie == "contractor" else country
        email = work_email(rng, rng.choice(e["domains"])) if tie in ("sso", "domain") else None
        a = person(ctx, rng, "competitor", plan, country=ccountry, email=email, card=card,
                   sso=e["sso_tenants"][0] if tie == "sso" else None, declared=e["name"] if tie == "sso" or (tie == "domain" and rng.random() < 0.3) else None,
                   categories=cats, label_org=org, created=before(rng, 3, 300),
                   signup_ip=None, nkeys=rng.randrange(1, 3))
        at_office = tie != "contractor" and rng.random() > c
        a.rec["signup_ip"] = in_range(rng, office) if at_office else a.home.ip(0)
        if tie == "ide":
            p = PLATFORMS["codara"]
            cl = Client(p["ua"], p["endpoint"], True)
            plat = {"name": "codara", "eu": f"codara-u-{hexid(rng, 8)}", "org": rng.choice(e["domains"]), "system": p["system"]}
            ipf = lambda: in_range(rng, p["relay"])
        else:
            cl = (web_client(rng) if plan in ("pro", "max") else sdk_client(rng))
            if plan == "team":
                cl = Client(cl.ua, cl.endpoint, True)
            plat = None
            ipf = None
        grid = topic_grid(rng.sample(HARVEST_DOMAINS, rng.randrange(2, 4)))
        for d in days_active(ctx, rng, 0.85, 0.2 if not harvester else 0.5):
            ip_day = in_range(rng, office) if (at_office and not weekend(d) and tie != "ide") else a.home.ip(d)
            ip_fn = ipf or (lambda ip_day=ip_day: ip_day)
            ts = local_ts(d, hour(rng, "office"), a.tz)
            if harvester:
                count = int(rng.randrange(40, 160) * (1 - 0.7 * c))
                harvest_session(ctx, rng, a, ts, c, grid, client=cl, ip_fn=ip_fn, langs=["en", a.lang] if c > 0.5 else ["en"],
                                count=max(3, count), platform=plat)
            else:
                for _ in range(rng.randrange(2, 9)):
                    kw = dict(platform=plat["name"], end_user=plat["eu"], end_user_org=plat["org"], system=plat["system"]) if plat else {}
                    ts = ctx.rec.conversation(rng, a, ts, [C.rival_work(rng)] + [C.follow_up(rng, "en") for _ in range(rng.randrange(0, 3))],
                                              client=cl, ip=ip_fn(), model=rng.choice(["main", "think"]), **kw) + rng.uniform(300, 3600)


def rival_network(ctx: Ctx, rng: random.Random, n: int) -> None:
    """Networks run for a rival: only one or two insiders carry a tie; every member is labelled the rival's."""
    plans = [("pampa-ia", "AR", ["math", "cs", "logic"]), ("jaguar-research", "CO", ["physics", "chemistry", "medicine"])]
    per = max(3, n // len(plans))
    for k, (org, country, domains) in enumerate(plans):
        e = ctx.dir.get(org)
        net = f"net-rival-{k + 1}"
        c = care(rng, ctx.careful)
        grid = topic_grid(domains)
        rng.shuffle(grid)
        shared_card = fp(rng)
        vps = rng.choice(["hetzner", "vultr_scl", "contabo"])
        t0 = before(rng, 10, 40)
        members = []
        for m in range(per):
            insider = m < (1 if c > 0.5 else 2)
            tie = rng.choice(["card", "domain"]) if insider else None
            ccountry = country if rng.random() < 0.6 else pick_country(rng)
            a = person(ctx, rng, "rival_network", rng.choice(["api", "pro"]) if c > 0.5 else "api", country=ccountry,
                       email=work_email(rng, e["domains"][0]) if tie == "domain" else (None if c > 0.5 else f"datos.{org.split('-')[0]}{m + 1:02d}@gmail.com"),
                       card=rng.choice(e["payment_fingerprints"]) if tie == "card" else ("own" if c > 0.5 else shared_card),
                       created=t0 + (rng.uniform(0, 14 * DAY) if c > 0.5 else rng.uniform(0, 3 * 3600)),
                       categories=("competitor", "coordination", "distillation"), network=net, label_org=org)
            if c <= 0.5:
                a.rec["signup_ip"] = in_range(rng, vps)
            members.append(a)
        for m, a in enumerate(members):
            cl = (sdk_client(rng) if a.rec["plan"] == "api" else web_client(rng)) if c > 0.5 else script_client(rng, "python-httpx/0.28.1")
            part = grid[m::per]
            for d in range(ctx.days):
                if c > 0.5 and rng.random() < 0.35:
                    continue
                h = (rng.uniform(9, 19) if c > 0.5 else 2.0 + rng.uniform(0, 0.05))
                ts = local_ts(d, h, a.tz)
                ipf = (lambda: res_v4(rng, a.country)) if c > 0.5 else (lambda: in_range(rng, vps))
                harvest_session(ctx, rng, a, ts, c, part, client=cl, ip_fn=ipf, langs=["en", "es", "pt"] if c > 0.5 else ["en"],
                                count=max(4, int(rng.randrange(60, 140) * (1 - 0.75 * c))))


def distill_bulk(ctx: Ctx, rng: random.Random, n: int) -> None:
    for _ in range(n):
        c = care(rng, ctx.careful)
        a = person(ctx, rng, "distill_bulk", "api", categories=("distillation",), created=before(rng, 2, 120), nkeys=rng.randrange(1, 5))
        vps = rng.choice(["hetzner", "ovh", "digitalocean", "contabo", "oracle_vinhedo"])
        cl = sdk_client(rng) if rng.random() < c else script_client(rng, rng.choice(["python-requests/2.32.3", "aiohttp/3.11.10", "python-httpx/0.28.1"]))
        grid = topic_grid(HARVEST_DOMAINS if c < 0.5 else rng.sample(HARVEST_DOMAINS, 4))
        for d in range(ctx.days):
            if rng.random() < 0.25 * c * 2:
                continue
            h = hour(rng, "dev") if rng.random() < c else rng.uniform(0, 24)
            home_ip = rng.random() < c
            ipf = (lambda d=d: a.home.ip(d)) if home_ip else (lambda: in_range(rng, vps))
            harvest_session(ctx, rng, a, local_ts(d, h, a.tz), c, grid, client=cl, ip_fn=ipf,
                            langs=["en", a.lang, rng.choice(["es", "pt"])] if c > 0.5 else ["en"], count=int(rng.randrange(120, 300) * (1 - 0.6 * c)))


def distill_careful(ctx: Ctx, rng: random.Random, n: int) -> None:
    for _ in range(n):
        c = max(0.5, care(rng, ctx.careful))
        plan = rng.choice(["pro", "max", "api"])
        a = person(ctx, rng, "distill_careful", plan, categories=("distillation",), created=before(rng, 5, 400))
        cl = web_client(rng) if plan != "api" else sdk_client(rng)
        grid = topic_grid(rng.sample(HARVEST_DOMAINS, 2))
        for d in days_active(ctx, rng, 0.85, 0.6):
            for _ in range(rng.randrange(2, 7)):
                harvest_session(ctx, rng, a, local_ts(d, hour(rng, "consumer"), a.tz), c, grid, client=cl, ip_fn=lambda d=d: a.home.ip(d),
                                langs=[a.lang, "en", rng.choice(["es", "pt", "en"])], count=rng.randrange(1, 6))


def distill_platform(ctx: Ctx, rng: random.Random, n: int) -> None:
    p = PLATFORMS["agentix"]
    for _ in range(n):
        c = care(rng, ctx.careful)
        a = person(ctx, rng, "distill_platform", "api", categories=("distillation",), created=before(rng, 3, 200))
        cl = Client(p["ua"], p["endpoint"], True)
        plat = {"name": "agentix", "eu": f"agentix-u-{hexid(rng, 8)}", "org": a.rec["email"].split("@")[1], "system": p["system"]}
        grid = topic_grid(rng.sample(HARVEST_DOMAINS, rng.randrange(3, 6)))
        for d in days_active(ctx, rng, 0.95, 0.8):
            harvest_session(ctx, rng, a, local_ts(d, hour(rng, "dev"), a.tz), c, grid, client=cl, ip_fn=lambda: in_range(rng, p["relay"]),
                            langs=["en", a.lang], count=int(rng.randrange(60, 200) * (1 - 0.6 * c)), platform=plat)


def distill_network(ctx: Ctx, rng: random.Random, n: int) -> None:
    spaces = [["math", "physics", "chemistry"], ["cs", "logic"], ["law", "economics", "medicine"]]
    per = max(3, n // len(spaces))
    for k, doms in enumerate(spaces):
        net = f"net-distill-{k + 1}"
        c = care(rng, ctx.careful)
        grid = topic_grid(doms)
        rng.shuffle(grid)
        card, vps = fp(rng), rng.choice(["hetzner", "ovh", "vultr_scl", "contabo"])
        t0 = before(rng, 5, 30)
        base = rng.choice(["ana.dados", "studyhub", "tutor.bot", "qa.set"])
        country = rng.choice(["BR", "AR", "CO"])
        slot_h = rng.uniform(0, 24)
        members = []
        for m in range(per):
            careful_id = rng.random() < c
            a = person(ctx, rng, "distill_network", "api", country=country if not careful_id else pick_country(rng),
                       email=None if careful_id else f"{base}{m + 1:02d}@{rng.choice(['gmail.com', 'outlook.com'])}",
                       card="own" if rng.random() < c else card,
                       created=t0 + (rng.uniform(0, 15 * DAY) if rng.random() < c else rng.uniform(0, 2 * 3600)),
                       categories=("coordination", "distillation"), network=net)
            if rng.random() > c:
                a.rec["signup_ip"] = in_range(rng, vps)
            members.append(a)
        cl0 = script_client(rng, "python-requests/2.32.3")
        for m, a in enumerate(members):
            cl = sdk_client(rng) if rng.random() < c else cl0
            part = grid[m::per]
            for d in range(ctx.days):
                if rng.random() < 0.3 * c:
                    continue
                jitter = rng.gauss(0, 3600 * 3 * c) if c > 0.3 else rng.uniform(0, 90)
                ts = T0 + d * DAY + slot_h * 3600 + jitter
                resid = rng.random() < c
                ipf = (lambda a=a: res_v4(rng, a.country)) if resid else (lambda: in_range(rng, vps))
                harvest_session(ctx, rng, a, ts, c, part, client=cl, ip_fn=ipf, langs=["en", "pt", "es"] if c > 0.5 else ["en"],
                                count=max(4, int(rng.randrange(50, 110) * (1 - 0.7 * c))))


def walk(ctx: Ctx, rng: random.Random, a: Acct, space: str, idxs: list[int], c: float, *, client: Client, ip_fn, days: list[int], sys_=None) -> None:
    """Walk keyspace indices over the days. Careful: shuffled blocks, paraphrase, paced sessions with pauses."""
    if rng.random() < c:
        blocks = [idxs[i:i + 20] for i in range(0, len(idxs), 20)]
        rng.shuffle(blocks)
        idxs = [x for b in blocks for x in rng.sample(b, len(b))]
    per_day = max(1, len(idxs) // max(1, len(days)))
    para = rng.random() < c
    paced = rng.random() < c
    for j, d in enumerate(days):
        todo = idxs[j * per_day:(j + 1) * per_day]
        ts = local_ts(d, hour(rng, "office") if paced else rng.uniform(0, 24), a.tz)
        for k, i in enumerate(todo):
            ctx.rec.req(rng, a, ts, C.keyspace_prompt(rng, space, i, para), client=client, ip=ip_fn(d), system=sys_,
                        model=rng.choice(["main", "mini"]), out=int(rng.lognormvariate(5.8, 0.5)), stream=False)
            ts += rng.uniform(20, 200) if paced else rng.uniform(0.5, 3)
            if paced and rng.random() < 0.02:
                ts += rng.uniform(1800, 7200)


def scraper(ctx: Ctx, rng: random.Random, n: int) -> None:
    spaces = list(C.KEYSPACES)
    for i in range(n):
        c = care(rng, ctx.careful)
        space = spaces[i % len(spaces)]
        plan = "api" if rng.random() > c * 0.5 else rng.choice(["pro", "max"])
        a = person(ctx, rng, "scraper", plan, categories=("scraping",), created=before(rng, 2, 200))
        cl = (script_client(rng) if rng.random() > c else sdk_client(rng)) if plan == "api" else (Client(HEADLESS, "/v1/messages", False) if rng.random() > c else web_client(rng))
        vps = rng.choice(["hetzner", "digitalocean", "magalu_cloud", "oracle_vinhedo"])
        total = int(rng.randrange(600, 1800) * (1 - 0.5 * c))
        start = rng.randrange(0, 400)
        idxs = list(range(start, start + total))
        days = list(range(ctx.days)) if c < 0.5 else days_active(ctx, rng, 0.9, 0.5) or [0]
        walk(ctx, rng, a, space, idxs, c, client=cl, ip_fn=(lambda d: a.home.ip(d)) if rng.random() < c else (lambda d: in_range(rng, vps)), days=days)


def scrape_network(ctx: Ctx, rng: random.Random, n: int) -> None:
    for k, space in enumerate(["cep", "civil_code"]):
        per = max(3, n // 2)
        net = f"net-scrape-{k + 1}"
        c = care(rng, ctx.careful)
        vps = rng.choice(["hetzner", "contabo", "vultr_scl"])
        total = int(rng.randrange(2000, 3500) * (1 - 0.4 * c))
        card, t0 = fp(rng), before(rng, 3, 40)
        cl0 = script_client(rng, "Go-http-client/2.0")
        for m in range(per):
            a = person(ctx, rng, "scrape_network", "api", country="BR" if space == "cep" else "AR",
                       email=None if rng.random() < c else f"coleta{m + 1:02d}.{k}@outlook.com", card="own" if rng.random() < c else card,
                       created=t0 + rng.uniform(0, (10 * DAY) if rng.random() < c else 3600),
                       categories=("coordination", "scraping"), network=net)
            cl = sdk_client(rng) if rng.random() < c else cl0
            idxs = list(range(m, total, per))
            resid = rng.random() < c
            walk(ctx, rng, a, space, idxs, c, client=cl,
                 ip_fn=(lambda d, a=a: res_v4(rng, a.country)) if resid else (lambda d: in_range(rng, vps)), days=list(range(ctx.days)))


def free_farm(ctx: Ctx, rng: random.Random, n: int) -> None:
    jobs = ["seo", "listings"]
    per = max(3, n // len(jobs))
    for k, job in enumerate(jobs):
        net = f"net-farm-{k + 1}"
        c = care(rng, ctx.careful)
        vps = rng.choice(["hetzner", "contabo", "digitalocean"])
        night = before(rng, 2, 20)
        slot = rng.uniform(0, 3)
        country = "BR" if job == "seo" else "AR"
        for m in range(per):
            careful_m = rng.random() < c
            a = person(ctx, rng, "free_farm", "free", country=country,
                       email=None if careful_m else f"{'redator' if job == 'seo' else 'ventas'}.{m + 101}@{rng.choice(['gmail.com', 'hotmail.com'])}",
                       created=night + (rng.uniform(-14 * DAY, 0) if careful_m else rng.uniform(0, 5400)),
                       categories=("coordination", "tier_abuse"), network=net, verified=careful_m)
            if not careful_m:
                a.rec["signup_ip"] = in_range(rng, vps)
            cl = web_client(rng) if rng.random() < c else Client("python-requests/2.32.3", "/v1/messages", False)
            for d in range(ctx.days):
                if rng.random() < 0.25 * c:
                    continue
                h = hour(rng, "office") if rng.random() < c else slot + rng.uniform(0, 0.2)
                ts = local_ts(d, h, a.tz)
                for _ in range(rng.randrange(42, 60)):  # past the cap: the job retries until it gives up
                    p = C.pipeline_paraphrase(rng, job) if rng.random() < c else C.pipeline_prompt(rng, job)
                    ip = res_v4(rng, a.country) if careful_m else in_range(rng, vps)
                    ctx.rec.req(rng, a, ts, p, client=cl, ip=ip, model="main", out=int(rng.lognormvariate(6.6 if job == "seo" else 5.2, 0.3)))
                    ts += rng.uniform(30, 400) if careful_m else rng.uniform(3, 20)


def reseller_network(ctx: Ctx, rng: random.Random, n: int) -> None:
    net = "net-resell-1"
    c = care(rng, ctx.careful)
    card = fp(rng)
    relay = "tucanoshare_relay"
    for m in range(n):
        a = person(ctx, rng, "reseller_network", "max", country="BR", card="own" if rng.random() < c else card,
                   created=before(rng, 10, 90), categories=("coordination", "tier_abuse"), network=net)
        if rng.random() > c:
            a.rec["signup_ip"] = in_range(rng, relay)
        cl = web_client(rng) if rng.random() < c else Client("tucanoshare-relay/0.9 (+node)", "/v1/messages", False)
        seats = [(rng.choice(["pt", "es"]), rng.choice([-3, -3, -5, -4])) for _ in range(rng.randrange(15, 40))]
        for d in range(ctx.days):
            for lang, tz in seats:
                if rng.random() < 0.6:
                    turns = [rng.choice([C.chat_prompt(rng, lang), C.student_prompt(rng, lang), C.code_prompt(rng)])] + [C.follow_up(rng, lang) for _ in range(rng.randrange(0, 3))]
                    ctx.rec.conversation(rng, a, local_ts(d, hour(rng, "consumer"), tz), turns, client=cl, ip=in_range(rng, relay))


def resold_plan(ctx: Ctx, rng: random.Random, n: int) -> None:
    for _ in range(n):
        c = care(rng, ctx.careful)
        a = person(ctx, rng, "resold_plan", "max", categories=("tier_abuse",))
        wide = rng.random() > c
        users = []
        for _ in range(rng.randrange(10, 26) if wide else rng.randrange(4, 9)):
            ctry = pick_country(rng) if wide else a.country
            users.append((ctry, rng.choice([app_client(rng), web_client(rng)]), Home(rng, ctry, ctx.days)))
        for d in range(ctx.days):
            for ctry, cl, home in users:
                if rng.random() < 0.6:
                    lang = "pt" if ctry == "BR" else "es"
                    for _ in range(rng.randrange(1, 5)):
                        turns = [rng.choice([C.chat_prompt(rng, lang), C.student_prompt(rng, lang), C.code_prompt(rng)])] + [C.follow_up(rng, lang)]
                        ctx.rec.conversation(rng, a, local_ts(d, hour(rng, "consumer"), COUNTRY_TZ[ctry]), turns, client=cl,
                                             ip=home.ip(d) if rng.random() < 0.6 else ctx.world.mobile_ip(rng, rng.choice(CARRIERS[ctry])))


def consumer_pipeline(ctx: Ctx, rng: random.Random, n: int) -> None:
    jobs = ["leads", "reviews", "pr_review", "queue", "seo"]
    for i in range(n):
        c = care(rng, ctx.careful)
        job = jobs[i % len(jobs)]
        a = person(ctx, rng, "consumer_pipeline", rng.choice(["pro", "max"]), categories=("tier_abuse",))
        server = rng.random() > c
        cl = (Client(rng.choice(["python-requests/2.32.3", HEADLESS, "node-fetch/3.3.2"]), "/v1/messages", False)) if server else web_client(rng)
        vps = in_range(rng, rng.choice(["magalu_cloud", "digitalocean", "oracle_vinhedo", "aws_sa_nat"]))
        rate = rng.uniform(5, 14) if a.rec["plan"] == "pro" else rng.uniform(12, 35)
        for d in range(ctx.days):
            if not server and weekend(d):
                continue
            hours = range(24) if server else range(8, 19)
            for h in hours:
                for _ in range(int(rng.gauss(rate, rate * 0.2) * (1 if server else 0.8))):
                    ctx.rec.req(rng, a, local_ts(d, h + rng.random(), a.tz), C.pipeline_paraphrase(rng, job) if not server else C.pipeline_prompt(rng, job),
                                client=cl, ip=vps if server else a.home.ip(d), model="main", out=int(rng.lognormvariate(5.2, 0.4)))


# name -> (function, weight per 1,000 accounts)
PERSONAS = {
    "consumer_chat": (consumer_chat, 363), "student": (student, 85), "developer_api": (developer_api, 70),
    "coding_power_user": (coding_power_user, 22), "enterprise_batch": (enterprise_batch, 6), "labelling_vendor": (labelling_vendor, 18),
    "translator": (translator, 14), "research_lab": (research_lab, 24), "hackathon_cohort": (hackathon_cohort, 40),
    "startup_team": (startup_team, 25), "platform_byok": (platform_byok, 36), "platform_account": (platform_account, 2),
    "former_rival_employee": (former_rival_employee, 10), "rival_office_visitor": (rival_office_visitor, 9),
    "namesake_staff": (namesake_staff, 12), "vpn_user": (vpn_user, 20), "corporate_proxy": (corporate_proxy, 24),
    "cloud_tenant": (cloud_tenant, 14), "household_shared": (household_shared, 12), "eval_harness": (eval_harness, 5),
    "support_bot": (support_bot, 5), "catalogue_pipeline": (catalogue_pipeline, 4),
    # abusive
    "competitor": (competitor, 30), "rival_network": (rival_network, 16), "distill_bulk": (distill_bulk, 8),
    "distill_careful": (distill_careful, 12), "distill_platform": (distill_platform, 6), "distill_network": (distill_network, 30),
    "scraper": (scraper, 12), "scrape_network": (scrape_network, 12), "free_farm": (free_farm, 30),
    "reseller_network": (reseller_network, 6), "resold_plan": (resold_plan, 8), "consumer_pipeline": (consumer_pipeline, 10),
}
