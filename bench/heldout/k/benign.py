"""Benign personas: everyday users, developers, organisations, and the groups and walks that look like abuse
but are not."""

from __future__ import annotations

import random

import content as C
from engine import ANTHROPIC, CHAT, RESPONSES, Account, Engine, lognorm, lognormf, poisson
from people import Person, app_session, cache_mode, consumer_account, past, pick_country, sdk
from world import DAY, START, UA, card, day_kind, h, local_parts, pick_hour, school_off, work_email

DEV_MIX = [("ES", 16), ("FR", 20), ("DE", 20), ("IT", 8), ("PL", 8), ("NL", 5), ("PT", 3), ("SE", 3),
           ("BE", 2), ("AT", 2), ("RO", 2), ("CZ", 1), ("MA", 4), ("TN", 3), ("EG", 3), ("DZ", 1)]
COWORK_COUNTRY = {"cowork-stationf": "FR", "cowork-wework-castellana": "ES", "cowork-factory-berlin": "DE",
                  "cowork-talent-garden-mil": "IT", "cowork-technopark-casa": "MA", "cowork-impact-hub-lisboa": "PT"}
TLD = {"ES": "es", "FR": "fr", "DE": "de", "IT": "it", "PL": "pl", "NL": "nl", "PT": "pt", "SE": "se", "BE": "be",
       "AT": "at", "MA": "ma", "TN": "tn", "EG": "com.eg", "DZ": "dz", "RO": "ro", "CZ": "cz"}
_SYL = ["nova", "lum", "kor", "bit", "vel", "tri", "sol", "mar", "zen", "dat", "flo", "qua", "rix", "ter", "opt",
        "lin", "ark", "vio", "pix", "nex", "ora", "tec", "mio", "sab"]


def company_domain(rng: random.Random, country: str) -> str:
    name = rng.choice(_SYL) + rng.choice(_SYL) + rng.choice(["", "", "labs", "hq", "app", "soft", "data"])
    return f"{name}.{rng.choice([TLD.get(country, 'eu'), 'io', 'com', 'ai', 'eu'])}"


PRODUCTS = [
    ("You extract fields from supplier invoices and return strict JSON: supplier, vat_id, date, net, vat, total, "
     "currency. Never guess missing values.", "invoice", "en"),
    ("Tu es l'assistant de réservation de Gîtes du Vercors. Réponds en français, propose des dates libres.",
     "consumer", "fr"),
    ("Eres un asistente para autónomos: IVA, IRPF, facturación. Cita la normativa cuando aplique.", "consumer", "es"),
    ("Du bist ein Assistent für Handwerksbetriebe: Angebote, Rechnungen, Kundenkommunikation.", "work", "de"),
    ("You summarise customer calls for a CRM: reason, outcome, next action, sentiment (-1..1).", "call", "en"),
    ("Sei un assistente per ricette: proponi piatti con gli ingredienti dell'utente.", "consumer", "it"),
    ("You classify support emails into billing, delivery, technical, cancellation, other and draft a reply.",
     "call", "en"),
    ("Jesteś asystentem sklepu rowerowego. Doradzaj w wyborze roweru i części.", "consumer", "pl"),
]


def product_input(rng: random.Random, kind: str, lang: str) -> str:
    if kind == "invoice":
        seller = rng.choice(["Suministros Levante SL", "Papeterie Durand", "Müller Elektro GmbH"])
        return (f"FACTURA N.º {rng.randint(1000, 9999)}/{rng.choice(['A', 'B'])} — {seller}\nBase imponible "
                f"{rng.randint(100, 9000)},{rng.randint(10, 99)} € IVA 21% ... [OCR text, {rng.randint(1, 3)} pages]")
    if kind == "call":
        return C.callcentre_prompt(rng) if rng.random() < .5 else C.work_prompt(rng, "en")
    if kind == "work":
        return C.work_prompt(rng, lang)
    return C.consumer_prompt(rng, lang)


def _api(eng: Engine, a: Account, rng: random.Random, ts: float, prompt: str, out: int, **kw) -> float:
    return eng.emit(a, ts, prompt, out, rng=rng, **kw)


# ============================================================================================ consumers

def consumer(eng: Engine, rng: random.Random, n: int) -> None:
    w = eng.world
    for _ in range(n):
        p = Person(eng, rng)
        plan = rng.choices(["free", "pro", "max"], [60, 31, 9])[0]
        new = rng.random() < .04
        created = START + rng.uniform(0, eng.days - .5) * DAY if new else past(rng, 2, 720)
        if rng.random() < .12:
            p.office = w.egress[rng.choice(["zscaler-par", "zscaler-fra", "zscaler-mil", "zscaler-mad",
                                            "netskope-fra"])]
            p.office_share = .6
        a = consumer_account(eng, rng, "consumer", p, plan, created=created)
        if not new and rng.random() > {"free": .55, "pro": .85, "max": .95}[plan]:
            continue
        rate = max(.15, lognormf(rng, {"free": .8, "pro": 1.5, "max": 2.8}[plan], .7))
        for ts in eng.sessions(rng, p.country, "consumer", rate):
            if ts < created:
                continue
            deep = (plan != "free" and rng.random() < .1) or rng.random() < .02
            extra = rng.choice([0] * 8 + [1600, 4200])
            if rng.random() < .15 and plan != "free":
                app_session(eng, a, rng, p, ts, prompts=[C.work_prompt(rng, p.lang if p.lang in C.WORK else "en")],
                            client="web", extra=extra)
            else:
                app_session(eng, a, rng, p, ts, deep=deep, extra=extra)


STUDENT_MIX = [("ES", 16), ("FR", 18), ("DE", 14), ("IT", 12), ("PL", 7), ("SE", 3), ("BE", 3), ("PT", 4),
               ("NL", 3), ("MA", 8), ("TN", 4), ("DZ", 4), ("EG", 6)]
UNI = {"ES": ("upm", "alumnos.upm.es"), "FR": ("sorbonne", "etu.sorbonne-universite.fr"),
       "DE": ("tum", "mytum.de"), "IT": ("polimi", "mail.polimi.it"), "PL": ("uw", "student.uw.edu.pl"),
       "SE": ("kth", "kth.se"), "MA": ("um5", "um5.ac.ma"), "EG": ("cairo-u", "std.cu.edu.eg"),
       "BE": ("ulb", "ulb.be"), "PT": ("ul-lisboa", "edu.ulisboa.pt")}
EXERCISE = {"fr": "Exercice", "es": "Ejercicio", "de": "Aufgabe", "it": "Esercizio", "pl": "Zadanie",
            "en": "Exercise", "ar": "تمرين", "pt": "Exercício", "nl": "Opgave", "sv": "Uppgift",
            "darija": "Exercice"}


def student(eng: Engine, rng: random.Random, n: int) -> None:
    w = eng.world
    for _ in range(n):
        country = pick_country(rng, STUDENT_MIX)
        uni = UNI.get(country)
        campus = w.egress[f"campus-{uni[0]}"] if uni else None
        p = Person(eng, rng, country, office=campus, office_share=.55)
        plan = "pro" if rng.random() < .25 else "free"
        email = None
        if uni and rng.random() < .5:
            email = work_email(rng, p.first, p.last, uni[1])
        a = consumer_account(eng, rng, "student", p, plan, created=past(rng, 3, 900), email=email)
        rate = max(.2, lognormf(rng, 1.3, .6))
        for ts in eng.sessions(rng, country, "student", rate):
            holiday = school_off(country, ts)
            if holiday and rng.random() < .5:
                continue
            lang = p.msg_lang(rng)
            ip = (lambda t, p=p: p.home.ip(t, p.dev + "web")) if holiday else None
            k = rng.random()
            if k < .35:
                label = EXERCISE.get(lang, "Exercise")
                start = rng.randint(1, 4)
                prompts = [f"{label} {start + j} : {C.local_problem(rng, lang)}" for j in range(rng.randint(2, 7))]
                app_session(eng, a, rng, p, ts, prompts=prompts, deep=plan == "pro" and rng.random() < .5,
                            out_median=650, lang=lang, ip=ip, think=(60, 600))
            elif k < .7:
                n_t = rng.randint(1, 5)
                prompts = [C.student_prompt(rng, lang)] + [C.followup(rng, lang) for _ in range(n_t - 1)]
                app_session(eng, a, rng, p, ts, prompts=prompts, lang=lang, out_median=700, ip=ip)
            elif k < .8:
                prompts = [C.code_prompt(rng, lang) for _ in range(rng.randint(1, 4))]
                app_session(eng, a, rng, p, ts, prompts=prompts, lang=lang, client="web", ip=ip)
            else:
                app_session(eng, a, rng, p, ts, lang=lang, ip=ip)


def household_shared(eng: Engine, rng: random.Random, n: int) -> None:
    """One Pro plan used by two or three people of a household: their phones, a shared laptop, one line."""
    for _ in range(n):
        p = Person(eng, rng)
        a = consumer_account(eng, rng, "household_shared", p, "pro")
        members = [p]
        for _k in range(rng.randint(1, 2)):
            q = Person(eng, rng, p.country, lang=p.lang)
            q.home = p.home
            members.append(q)
        kid = rng.random() < .6
        for m_i, m in enumerate(members):
            rate = max(.2, lognormf(rng, .8, .5))
            prof = "student" if kid and m_i == len(members) - 1 else "consumer"
            for ts in eng.sessions(rng, m.country, prof, rate):
                if prof == "student" and rng.random() < .6:
                    prompts = [f"{EXERCISE.get(m.lang, 'Exercise')} {j + 1}: {C.local_problem(rng, m.lang)}"
                               for j in range(rng.randint(1, 4))]
                    app_session(eng, a, rng, m, ts, prompts=prompts, lang=m.lang, out_median=500)
                else:
                    app_session(eng, a, rng, m, ts)


# ============================================================================================ developers

def developer(eng: Engine, rng: random.Random, n: int) -> None:
    w = eng.world
    for i in range(n):
        if rng.random() < .3:
            cw = rng.choice(list(COWORK_COUNTRY))
            country, office = COWORK_COUNTRY[cw], w.egress[cw]
        else:
            country = pick_country(rng, DEV_MIX)
            office = w.office(f"devco-{eng.seed}-{i}", w.residential(rng, country) + "/29", 1) \
                if rng.random() < .45 else None
        p = Person(eng, rng, country, office=office, office_share=.8)
        dom = company_domain(rng, country) if rng.random() < .5 else None
        email = work_email(rng, p.first, p.last, dom) if dom else p.email(rng)
        created = past(rng, 5, 900)
        a = eng.account(rng, "developer", email=email, plan="api", country=country, created_at=created,
                        signup_ip=p.signup_ip(rng, created), payment=card(dom) if dom else p.card(),
                        org_id="org-" + h("dev", eng.seed, i)[:12], declared_company=dom.split(".")[0].title()
                        if dom else None, keys=rng.randint(1, 3), rpm=rng.choice([50, 1000, 1000, 4000]))
        system, kind, plang = rng.choice(PRODUCTS)
        ua, ep = sdk(rng)
        model = rng.choice(["alcor-3-flash", "alcor-3", "alcor-3"])
        for ts in eng.sessions(rng, country, "developer", max(.3, lognormf(rng, 1.4, .6))):
            k = rng.random()
            t = ts
            if k < .3:     # a test burst while wiring things up
                prompt = rng.choice(C.DEV_TESTS)
                tool = rng.choice([UA["curl"], UA["postman"], ua, ua, UA["insomnia"]])
                for _ in range(rng.randint(2, 20)):
                    d = _api(eng, a, rng, t, prompt, lognorm(rng, 30, .8, 1, 400), model=rng.choice([model,
                             "alcor-3-flash"]), endpoint=ep if tool == ua else CHAT, ua=tool,
                             ip=p.ip(rng, t), max_tokens=rng.choice([None, 100, 256, 1024]))
                    t += d + rng.uniform(2, 45)
            elif k < .65:  # their product against staging
                for _ in range(rng.randint(3, 30)):
                    inp = product_input(rng, kind, plang)
                    d = _api(eng, a, rng, t, inp, lognorm(rng, 280, .7, 10, 3000), model=model, endpoint=ep, ua=ua,
                             ip=p.ip(rng, t), system=system, sys_tok=C.tokens(system) + rng.choice([0, 0, 1400]),
                             lang=plang, max_tokens=rng.choice([1024, 2048, 4096]), stream=rng.random() < .4,
                             cache=cache_mode(ep), session=None)
                    t += d + rng.uniform(1, 120)
            else:          # code questions from their editor, with their own key
                tool = rng.choice(["continue", "zed", "cline"])
                tua, tep = UA[tool], {"continue": CHAT, "zed": ANTHROPIC, "cline": ANTHROPIC}[tool]
                prompts = [C.code_prompt(rng, p.lang) for _ in range(rng.randint(1, 6))]
                eng.chat(a, rng, t, prompts, [lognorm(rng, 600, .7, 30, 6000) for _ in prompts], model="alcor-3",
                         endpoint=tep, ua=tua, ip=lambda x, p=p: p.ip(rng, x), lang="code", stream=True,
                         max_tokens=8192, system="You are a coding assistant in the user's editor.", sys_tok=1500,
                         cache=cache_mode(tep, True), think=(30, 400))


def coding_agent(eng: Engine, rng: random.Random, n: int) -> None:
    """Power users of coding agents: long sessions, tool results as prompts, huge cached contexts."""
    for _ in range(n):
        p = Person(eng, rng, pick_country(rng, DEV_MIX))
        cli = rng.random() < .5
        created = past(rng, 10, 500)
        if cli:
            plan = "max" if rng.random() < .75 else "pro"
            a = consumer_account(eng, rng, "coding_agent", p, plan, created=created)
            ua, ep, key = UA[rng.choice(["alcor_cli", "alcor_cli", "alcor_cli_old"])], ANTHROPIC, None
        else:
            a = eng.account(rng, "coding_agent", email=p.email(rng), plan="api", country=p.country,
                            created_at=created, signup_ip=p.signup_ip(rng, created), payment=p.card(),
                            keys=rng.randint(1, 2), rpm=4000)
            tool = rng.choice(["cline", "roo", "opencode", "codex", "zed", "aider"])
            ua, ep, key = UA[tool], {"codex": RESPONSES, "aider": CHAT}.get(tool, ANTHROPIC), ""
        for ts in eng.sessions(rng, p.country, "developer", max(.4, lognormf(rng, 1.5, .5)), weekend=.35):
            reasoning = rng.random() < .35
            model = "alcor-3-deep" if ep == RESPONSES and reasoning else "alcor-3"
            conv = eng.conv(rng)
            sys_tok = rng.randint(9000, 18000)
            sess = "s" + f"{rng.getrandbits(40):x}"
            t = ts
            task = rng.choice(C.AGENT_TASKS)
            for k in range(rng.randint(6, 60)):
                if k == 0:
                    prompt, ptok = task, None
                else:
                    prompt = C.tool_result(rng)
                    ptok = lognorm(rng, 1100, 1.0, 30, 30000) if prompt.startswith("<tool_result") else None
                if sys_tok + conv.hist > 185000:
                    conv = eng.conv(rng)
                    prompt, ptok = "[conversation compacted] Summary of the work so far: ...", rng.randint(2000, 6000)
                d = eng.emit(a, t, prompt, lognorm(rng, 380, .9, 15, 7000), model=model, endpoint=ep, ua=ua,
                             ip=p.ip(rng, t), system=C.CLI_SYSTEM if cli else "You are a coding agent. [tools]",
                             sys_tok=sys_tok, conv=conv, ptok=ptok, reasoning=reasoning,
                             rtok=lognorm(rng, 700, .9, 30, 20000) if reasoning else 0, stream=True,
                             max_tokens=rng.choice([32000, 64000]), key=key, session=sess,
                             cache=cache_mode(ep, True), lang="code", rng=rng)
                human_turn = not prompt.startswith("<tool_result")
                t += d + (rng.uniform(20, 400) if human_turn else rng.uniform(.5, 6))


# ============================================================================================ organisations

def enterprise_batch(eng: Engine, rng: random.Random, n: int) -> None:
    """Nightly jobs over sequential ids: claims (Bilbao insurer), KYC files (Genoa bank), shipment exceptions
    (Hamburg logistics firm, the rival's namesake, on the shared cloud egress a rival lists)."""
    w = eng.world
    ents = {e["org_id"]: e for e in w.entities}
    jobs = [("aseguradora-cantabrica", "ES", C.claim_summary, "SIN-2026-", 41200, "aseguradora-dc", "java", CHAT),
            ("banca-tirrena", "IT", C.kyc_summary, "KYC-2026-", 18800, None, "dotnet", CHAT),
            ("kestrel-logistik", "DE", C.shipment_exception, "KL", 504113200, "aws-fra-shared", "anthropic_py",
             ANTHROPIC)]
    for i in range(n):
        org, country, fn, prefix, start_id, egress, uak, ep = jobs[i % len(jobs)]
        e = ents[org]
        created = past(rng, 60, 500)
        fixed_ip = w.vps_ip(rng, "azure-weu") if egress is None else None
        a = eng.account(rng, "enterprise_batch", email=f"svc-ai-{i // 3 + 1}@{e['domains'][0]}", plan="enterprise",
                        country=country, created_at=created, signup_ip=w.residential(rng, country),
                        org_id=org, declared_company=e["name"], payment=e["payment_fingerprints"][0]
                        if e["payment_fingerprints"] else None, sso=e["sso_tenants"][0], keys=2, rpm=4000,
                        human=False, credential="api_key")
        system = (f"You are the {e['name']} back-office assistant. Follow the classification manual below exactly."
                  f" [manual, {rng.randint(2200, 3800)} tokens]")
        sys_tok = rng.randint(2200, 3800)
        cur = start_id + i * 100000
        for day in range(eng.days):
            kind = day_kind(country, day)
            if org == "banca-tirrena" and kind != "work":
                continue
            t = eng.at(country, day, rng.uniform(1, 2.2))
            for _ in range(lognorm(rng, 230 if kind == "work" else 120, .3, 20, 900)):
                cid = f"{prefix}{cur:06d}" if prefix != "KL" else f"KL{cur:09d}"
                cur += 1
                ip = w.egress[egress].pick(rng) if egress == "aws-fra-shared" else \
                    (w.egress[egress].addresses[0] if egress else fixed_ip)
                d = _api(eng, a, rng, t, fn(rng, cid), lognorm(rng, 260, .4, 30, 900), model="alcor-3", endpoint=ep,
                         ua=UA[uak], ip=ip, system=system, sys_tok=sys_tok, extra=lognorm(rng, 2500, .6, 200, 30000)
                         if org != "kestrel-logistik" else 0, max_tokens=1024, cache=cache_mode(ep, True), lang="es")
                t += d / 4 + rng.uniform(0, .5)
            if org == "kestrel-logistik" and kind == "work":
                for hour in range(7, 19):
                    t = eng.at(country, day, hour + rng.random() * .2)
                    for _ in range(rng.randint(3, 18)):
                        cid = f"KL{cur:09d}"
                        cur += 1
                        d = _api(eng, a, rng, t, fn(rng, cid), lognorm(rng, 200, .4, 30, 900), model="alcor-3-flash",
                                 endpoint=ep, ua=UA[uak], ip=w.egress["aws-fra-shared"].pick(rng), system=system,
                                 sys_tok=sys_tok, max_tokens=1024, cache="explicit", lang="de")
                        t += d + rng.uniform(.1, 3)


def labelling_vendor(eng: Engine, rng: random.Random, n: int) -> None:
    """Nakhla Data annotators (Casablanca): API keys from the annotation tool, one guidelines prompt, one office
    egress, shifts, short outputs, all onboarded on the same day."""
    w = eng.world
    e = next(x for x in w.entities if x["org_id"] == "nakhla-data")
    onboard = past(rng, 80, 120)
    office = w.egress["nakhla-office"]
    system = ("Annotation guidelines v7 (client project ARGAN-RLHF). Answer only with the label requested. "
              "[guidelines, 2.1k tokens]")
    for _ in range(n):
        p = Person(eng, rng, "MA", office=office, office_share=1)
        created = onboard + rng.uniform(0, 5 * 3600)
        a = eng.account(rng, "labelling_vendor", email=work_email(rng, p.first, p.last, "nakhladata.ma"), plan="api",
                        country="MA", created_at=created, signup_ip=office.addresses[0], org_id="nakhla-data",
                        declared_company="Nakhla Data", payment=e["payment_fingerprints"][0], sso=e["sso_tenants"][0],
                        rpm=50)
        shift = rng.choice([(8, 16), (8, 16), (14, 22)])
        for day in range(eng.days):
            if day_kind("MA", day) != "work" or rng.random() < .12:
                continue
            t = eng.at("MA", day, shift[0] + rng.uniform(0, .7))
            end = eng.at("MA", day, shift[1])
            while t < end:
                for _ in range(rng.randint(8, 30)):
                    d = _api(eng, a, rng, t, C.label_item(rng), lognorm(rng, 6, 1.0, 1, 120), model="alcor-3-flash",
                             endpoint=CHAT, ua=UA["requests"], ip=office.addresses[0], system=system, sys_tok=2100,
                             max_tokens=64, cache="auto", lang="fr")
                    t += d + rng.uniform(15, 110)
                    if t >= end:
                        break
                t += rng.uniform(1200, 4800)   # break, meeting, review, lunch


def localisation(eng: Engine, rng: random.Random, n: int) -> None:
    """Traducta's TMS walking an app's resource keys into six languages; and freelance translators."""
    w = eng.world
    e = next(x for x in w.entities if x["org_id"] == "traducta")
    office = w.egress["traducta-office"]
    for i in range(n):
        if i < 2:
            created = past(rng, 200, 400)
            a = eng.account(rng, "localisation", email=f"tms-{i + 1}@traducta.es", plan="api", country="ES",
                            created_at=created, signup_ip=office.addresses[0], org_id="traducta",
                            declared_company="Traducta", payment=e["payment_fingerprints"][0], keys=2, rpm=1000,
                            human=False)
            keys = C.resource_keys(rng, rng.randint(500, 700))
            client = rng.choice(["Banco Sur app", "Ticketing app Entradas+", "Fitness app Pulso"])
            day = rng.randint(0, max(0, eng.days - 3))
            t = eng.at("ES", day, rng.uniform(9, 11))
            for k, src in keys:
                if eng.at("ES", day, 19) < t:
                    day += 1
                    while day < eng.days and day_kind("ES", day) != "work":
                        day += 1
                    t = eng.at("ES", day, rng.uniform(9, 10))
                prompt = (f"Project: {client}. Translate the UI string `{k}` (max 48 chars, keep placeholders) "
                          f"into fr-FR, de-DE, it-IT, pl-PL, pt-PT, ar-MA. Return JSON.\nSource (en): \"{src}\"")
                d = _api(eng, a, rng, t, prompt, lognorm(rng, 140, .3, 40, 400), model="alcor-3", endpoint=CHAT,
                         ua=UA["node_fetch"], ip=office.addresses[0], system="You are a software localisation "
                         "engine. Follow the glossary. [glossary 1.6k tokens]", sys_tok=1800, max_tokens=600,
                         cache="auto")
                t += d + rng.uniform(.2, 2)
        else:
            p = Person(eng, rng, pick_country(rng, [("ES", 3), ("FR", 3), ("DE", 2), ("IT", 2), ("PL", 2), ("MA", 1)]))
            a = consumer_account(eng, rng, "localisation", p, "pro")
            for ts in eng.sessions(rng, p.country, "office", 1.5):
                doc = C.consumer_prompt(rng, rng.choice(["fr", "es", "de", "it", "en"]))
                prompts = [f"Traduce al {rng.choice(['inglés', 'francés', 'alemán'])}, registro formal: {doc}" * 2]
                prompts += [C.followup(rng, p.lang) for _ in range(rng.randint(0, 3))]
                app_session(eng, a, rng, p, ts, prompts=prompts, client="web", out_median=500)


def research_lab(eng: Engine, rng: random.Random, n: int) -> None:
    """Three university groups, one grant card each, campus NAT, a fixed evaluation set run by a few members."""
    w = eng.world
    labs = [("sorbonne-universite", "sorbonne", "FR", "sorbonne-universite.fr", "ERC-2024-StG"),
            ("tum", "tum", "DE", "tum.de", "DFG-SPP-2422"), ("upm", "upm", "ES", "upm.es", "PID2025-MCIN")]
    sizes = [n // 3 + (1 if k < n % 3 else 0) for k in range(3)]
    for (org, campus, country, dom, grant), size in zip(labs, sizes, strict=True):
        lrng = random.Random(f"{eng.seed}:research_lab:{org}:evalset")
        evalset = [f"[{org[:3].upper()}-MLR-{j:03d}] " + C.problem(lrng, lrng.choice(["math", "logic", "physics",
                                                                                     "cs"]), None, 3)
                   + " Answer with the final result only." for j in range(lrng.randint(120, 180))]
        office = w.egress[f"campus-{campus}"]
        gcard = card(org, grant)
        members = []
        for _ in range(size):
            p = Person(eng, rng, country, office=office, office_share=.8)
            created = past(rng, 30, 400)
            a = eng.account(rng, "research_lab", email=work_email(rng, p.first, p.last, dom), plan="api",
                            country=country, created_at=created, signup_ip=office.pick(rng), org_id=f"org-{org}-nlp",
                            declared_company=grant + " " + org, payment=gcard, rpm=1000)
            members.append((a, p))
        runners = rng.sample(members, min(len(members), rng.randint(1, 3)))
        for a, p in runners:
            for _ in range(rng.randint(1, 3)):
                day = rng.randrange(eng.days)
                t = eng.at(country, day, rng.uniform(9, 20))
                models = rng.sample(["alcor-3", "alcor-3-deep", "alcor-3-flash"], rng.randint(1, 2))
                for model in models:
                    deep = model == "alcor-3-deep"
                    for q in evalset:
                        d = _api(eng, a, rng, t, q, lognorm(rng, 40, .8, 1, 600), model=model, endpoint=CHAT,
                                 ua=UA["openai_py"], ip=office.sticky(p.dev), reasoning=deep,
                                 rtok=lognorm(rng, 2500, .8, 100, 30000) if deep else 0, max_tokens=32000 if deep
                                 else 512, cache="auto")
                        t += d + rng.uniform(.05, .5)
        for a, p in members:
            for ts in eng.sessions(rng, country, "developer", .9):
                dom_ = rng.choice(["math", "cs", "physics", "logic"])
                prompts = [C.problem(rng, dom_, None, 3) + " I'm interested in the proof idea, not only the result."]
                prompts += [rng.choice(["check step 3 again", "can this be formalised in Lean?", "what's the "
                                        "tightest bound you can show?", "give a counterexample if false",
                                        "write the LaTeX for it"]) for _ in range(rng.randint(0, 4))]
                eng.chat(a, rng, ts, prompts, [lognorm(rng, 900, .6, 50, 8000) for _ in prompts],
                         model="alcor-3-deep", endpoint=ANTHROPIC, ua=UA["anthropic_py"],
                         ip=lambda t, p=p: p.ip(rng, t), reasoning=True, rtok=lognorm(rng, 4000, .7, 200, 30000),
                         max_tokens=32000, stream=True, think=(60, 900))


def hackathon(eng: Engine, rng: random.Random, n: int) -> None:
    """Two cohorts: a weekend climate hackathon at Station F (a floor a rival lists; the night of the clock
    change) and a 24-hour student hackathon on the Politecnico's eduroam."""
    w = eng.world
    half = n // 2
    events = [
        dict(name="Climate Hack Paris 2026", country="FR", egress="cowork-stationf", day=2, start=8.5, hours=31,
             ua=UA["anthropic_js"], ep=ANTHROPIC, system="You are ClimateCoach, an assistant that helps households "
             "cut their carbon footprint. Be concrete and cite ADEME figures when relevant.", size=half,
             mails=["gmail.com", "hec.edu", "polytechnique.edu", "epita.fr", "essec.edu", "outlook.fr"],
             lang="fr"),
        dict(name="HackPoli 2026", country="IT", egress="campus-polimi", day=0, start=17.5, hours=25,
             ua=UA["openai_py"], ep=CHAT, system="Sei un assistente che aiuta gli studenti a trovare aule libere e "
             "orari dei corsi al Politecnico.", size=n - half, mails=["mail.polimi.it"] * 4 + ["gmail.com"],
             lang="it"),
    ]
    for ev in events:
        if ev["day"] >= eng.days:
            ev["day"] = 0
        egress = w.egress[ev["egress"]]
        t0 = eng.at(ev["country"], ev["day"], ev["start"])
        teams = [list(range(k, min(k + rng.randint(3, 5), ev["size"]))) for k in range(0, ev["size"], 4)]
        members = []
        for _ in range(ev["size"]):
            p = Person(eng, rng, ev["country"], office=egress, office_share=1)
            created = t0 - rng.uniform(0, 3) * 3600
            a = eng.account(rng, "hackathon", email=work_email(rng, p.first, p.last, rng.choice(ev["mails"])),
                            plan="api", country=ev["country"], created_at=created, signup_ip=egress.pick(rng),
                            declared_company=ev["name"], payment=None, rpm=50)
            members.append((a, p))
        for team in teams:
            twist = rng.choice(["", " Answer in under 100 words.", " Always return JSON.", " Tutoie l'utilisateur.",
                                " Use emojis sparingly."])
            for idx in team:
                if idx >= len(members):
                    continue
                a, p = members[idx]
                t = t0 + rng.uniform(1800, 7200)
                end = t0 + ev["hours"] * 3600
                while t < end:
                    # bursts of testing, then coding, then sleep a few hours during the night
                    for _ in range(rng.randint(2, 14)):
                        prompt = C.consumer_prompt(rng, ev["lang"]) if rng.random() < .7 else rng.choice(C.DEV_TESTS)
                        d = _api(eng, a, rng, t, prompt, lognorm(rng, 300, .7, 5, 3000), model=rng.choice(
                                 ["alcor-3-flash", "alcor-3"]), endpoint=ev["ep"], ua=ev["ua"], ip=egress.pick(rng),
                                 system=ev["system"] + twist, lang=ev["lang"], stream=rng.random() < .5,
                                 max_tokens=1024)
                        t += d + rng.uniform(3, 90)
                    t += rng.uniform(900, 3600)
                    _, _, hour = local_parts(ev["country"], t)
                    if 2 <= hour < 6 and rng.random() < .6:
                        t += rng.uniform(3, 5) * 3600
        for a, p in members:       # some come back during the week, from home
            if rng.random() < .3:
                for ts in eng.sessions(rng, ev["country"], "developer", .5):
                    if ts > t0 + ev["hours"] * 3600:
                        _api(eng, a, rng, ts, C.consumer_prompt(rng, ev["lang"]), lognorm(rng, 300), model="alcor-3",
                             endpoint=ev["ep"], ua=ev["ua"], ip=p.home.ip(ts, p.dev), system=ev["system"],
                             lang=ev["lang"])


def startup_team(eng: Engine, rng: random.Random, n: int) -> None:
    w = eng.world
    left = n
    k = 0
    while left > 0:
        size = min(left, rng.randint(3, 7))
        left -= size
        k += 1
        place = rng.choice(["cowork-stationf", "cowork-wework-castellana", "cowork-factory-berlin",
                            "cowork-technopark-casa", "cowork-impact-hub-lisboa", None, None])
        country = COWORK_COUNTRY[place] if place else pick_country(rng, DEV_MIX)
        office = w.egress[place] if place else None
        dom = company_domain(rng, country)
        founded = past(rng, 20, 500)
        system, kind, plang = rng.choice(PRODUCTS)
        ua, ep = sdk(rng)
        plan = rng.choice(["api", "team"])
        for j in range(size):
            p = Person(eng, rng, country, office=office, office_share=.75)
            created = founded + (rng.uniform(0, 7200) if j < 3 else rng.uniform(1, 200) * DAY)
            created = min(created, START - 3600)
            a = eng.account(rng, "startup_team", email=work_email(rng, p.first, p.last, dom), plan=plan,
                            country=country, created_at=created, signup_ip=p.signup_ip(rng, created),
                            org_id="org-" + dom.split(".")[0], declared_company=dom.split(".")[0].title(),
                            payment=card(dom), rpm=1000)
            for ts in eng.sessions(rng, country, "developer", max(.3, lognormf(rng, 1.0, .5))):
                if plan == "team":
                    app_session(eng, a, rng, p, ts, prompts=[C.code_prompt(rng, p.lang) if rng.random() < .5
                                                             else C.work_prompt(rng, "en")], client="web")
                    continue
                t = ts
                for _ in range(rng.randint(1, 12)):
                    d = _api(eng, a, rng, t, product_input(rng, kind, plang), lognorm(rng, 300, .7, 10, 3000),
                             model="alcor-3", endpoint=ep, ua=ua, ip=p.ip(rng, t), system=system, lang=plang,
                             sys_tok=C.tokens(system), cache=cache_mode(ep))
                    t += d + rng.uniform(3, 200)


# ============================================================================================ platforms

PLATFORMS = {
    "tessel": dict(egress="tessel-relay", ua="Tessel-Relay/2.4 (+https://tessel.dev)", system=C.TESSEL_SYSTEM,
                   sys_tok=6500, ep=ANTHROPIC, prefix="tsl_u_"),
    "agora": dict(egress="agora-relay", ua="agora-runtime/0.9.3", system=C.AGORA_SYSTEM, sys_tok=4200,
                  ep=RESPONSES, prefix="agr_"),
    "mindlane": dict(egress="mindlane-relay", ua="Mindlane/3.1 (server)", system=C.MINDLANE_SYSTEM, sys_tok=900,
                     ep=CHAT, prefix="ml-"),
}


def platform_request(eng: Engine, a: Account, rng: random.Random, plat: str, ts: float, user: str, org: str | None,
                     *, conv=None, prompt: str | None = None, lang: str = "en", reasoning: bool = False,
                     out: int | None = None, ws: str = "", key: str | None = "") -> float:
    pl = PLATFORMS[plat]
    egress = eng.world.egress[pl["egress"]]
    if prompt is None:
        if plat == "tessel":
            if conv is None or conv.turn == 0:
                prompt = rng.choice(C.AGENT_TASKS) if rng.random() < .6 else C.code_prompt(rng, lang)
            else:
                prompt = C.tool_result(rng)
        elif plat == "agora":
            prompt = rng.choice(["Research the top 5 competitors of {x} and make a table", "Book-keeping: reconcile "
                                 "these 40 bank lines with the invoices folder", "Monitor these 12 supplier pages "
                                 "for price changes", "Draft the weekly newsletter from these links",
                                 "Plan a 3-day offsite in {x} for 12 people"]).replace("{x}", rng.choice(
                                     ["Lisbon", "our bakery", "Valencia", "a Berlin SaaS"]))
        else:
            prompt = C.local_problem(rng, lang) if rng.random() < .7 else C.student_prompt(rng, lang)
    out = out if out is not None else lognorm(rng, 450, .8, 10, 8000)
    return eng.emit(a, ts, prompt, out, model="alcor-3-deep" if reasoning else "alcor-3", endpoint=pl["ep"],
                    ua=pl["ua"], ip=egress.pick(rng), system=pl["system"].format(ws=ws), sys_tok=pl["sys_tok"],
                    conv=conv, reasoning=reasoning, rtok=lognorm(rng, 1500, .8, 50, 20000) if reasoning else 0,
                    stream=True, max_tokens=16000 if reasoning else 8192, key=key, channel="platform",
                    platform=plat, eu=user, eu_org=org, cache=cache_mode(pl["ep"], True), lang=lang, rng=rng)


def platform_byok(eng: Engine, rng: random.Random, n: int) -> None:
    """Users of Tessel (IDE) and Agora (agents) who bring their own Alcor key: the platform relays their calls
    with its addresses, user agent and system prompt, and attests the user and their organization."""
    for i in range(n):
        plat = "tessel" if i % 5 < 3 else "agora"
        p = Person(eng, rng, pick_country(rng, DEV_MIX))
        dom = company_domain(rng, p.country) if rng.random() < .6 else None
        email = work_email(rng, p.first, p.last, dom) if dom else p.email(rng)
        created = past(rng, 5, 400)
        a = eng.account(rng, "platform_byok", email=email, plan="api", country=p.country, created_at=created,
                        signup_ip=p.signup_ip(rng, created), payment=card(dom) if dom else p.card(), rpm=1000)
        user = PLATFORMS[plat]["prefix"] + h(plat, a.id)[:10]
        org = dom or email.split("@")[1]
        ws = rng.choice(["~/src/" + (dom or "side-project").split(".")[0], "/workspace/app"])
        for ts in eng.sessions(rng, p.country, "developer", max(.3, lognormf(rng, 1.1, .5))):
            conv = eng.conv(rng)
            t = ts
            for _ in range(rng.randint(2, 25) if plat == "tessel" else rng.randint(1, 8)):
                t += platform_request(eng, a, rng, plat, t, user, org, conv=conv, ws=ws) + rng.uniform(2, 120)


def platform_account(eng: Engine, rng: random.Random, n: int) -> None:
    """The platforms' own accounts, relaying hundreds of signed end users each (a few of them from a rival's
    domain; the platform account is not the rival)."""
    w = eng.world
    rival_domains = [d for r in w.rivals.values() for d in r["domains"][:2]]
    names = ["tessel", "agora", "mindlane"]
    for i in range(n):
        plat = names[i % 3]
        e = next(x for x in w.entities if x["org_id"] == {"agora": "agora-agents"}.get(plat, plat))
        country = {"tessel": "DE", "agora": "FR", "mindlane": "ES"}[plat]
        created = past(rng, 200, 600)
        a = eng.account(rng, "platform_account", email=f"platform-ops@{e['domains'][0]}", plan="enterprise",
                        country=country, created_at=created, signup_ip=w.egress[PLATFORMS[plat]["egress"]].pick(rng),
                        org_id=e["org_id"], declared_company=e["name"], payment=e["payment_fingerprints"][0],
                        keys=3, rpm=20000, human=False, credential="api_key")
        n_users = {"tessel": 260, "agora": 140, "mindlane": 300}[plat]
        for u in range(n_users):
            country_u = pick_country(rng, STUDENT_MIX if plat == "mindlane" else DEV_MIX)
            if plat == "mindlane":
                org = rng.choice(["mindlane.es", f"ies-{rng.randint(1, 90)}.educa.madrid.org", "gmail.com"])
                country_u = rng.choice(["ES"] * 6 + ["MA", "FR", "PT"])
            elif rng.random() < .03:
                org = rng.choice(rival_domains)
            else:
                org = rng.choice([company_domain(rng, country_u), "gmail.com", "outlook.com", "proton.me"])
            user = PLATFORMS[plat]["prefix"] + h(plat, "user", u, eng.seed)[:10]
            lang = C.lang_for(rng, country_u)
            prof = "student" if plat == "mindlane" else "developer"
            for ts in eng.sessions(rng, country_u, prof, max(.05, lognormf(rng, .3, .8))):
                conv = eng.conv(rng)
                t = ts
                for _ in range(rng.randint(1, 10 if plat != "agora" else 6)):
                    t += platform_request(eng, a, rng, plat, t, user, org, conv=conv, lang=lang,
                                          reasoning=plat == "mindlane" and rng.random() < .3,
                                          ws=user if plat == "agora" else rng.choice(["2º Bach.", "4º ESO",
                                                                                      "1º Bach."])) \
                        + rng.uniform(5, 150)


# ============================================================================================ rival-adjacent

def _rival_ids(w):
    return list(w.rival_info.items())


def former_rival_employee(eng: Engine, rng: random.Random, n: int) -> None:
    """Made their account years ago from a rival's office with their work e-mail; left; now personal card,
    home addresses, everyday use."""
    w = eng.world
    for i in range(n):
        _org, info = _rival_ids(w)[i % 3]
        p = Person(eng, rng, info["country"])
        created = past(rng, 400, 1300)
        email = work_email(rng, p.first, p.last, info["domain"]) if rng.random() < .7 else p.email(rng)
        declared = info["name"] if rng.random() < .5 else rng.choice([None, "freelance", "Doctolib", "Zalando",
                                                                        "Spotify", "Criteo"])
        a = eng.account(rng, "former_rival_employee", email=email, plan=rng.choice(["pro", "free", "pro"]),
                        country=p.country, created_at=created, signup_ip=w.egress[info["office"]].pick(rng),
                        declared_company=declared, payment=p.card())
        if a.plan == "free":
            a.payment = None
        for ts in eng.sessions(rng, p.country, "consumer", .7):
            app_session(eng, a, rng, p, ts, prompts=[C.work_prompt(rng, "en") if rng.random() < .3
                                                     else C.consumer_prompt(rng, p.lang)])


def rival_office_visitor(eng: Engine, rng: random.Random, n: int) -> None:
    """One afternoon at a rival's office (a meetup, an interview, a client meeting), otherwise ordinary."""
    w = eng.world
    for i in range(n):
        _org, info = _rival_ids(w)[i % 3]
        p = Person(eng, rng, info["country"])
        office = w.egress[info["office"]]
        day = rng.randrange(eng.days)
        while day_kind(p.country, day) != "work":
            day = (day + 1) % eng.days
        visit = eng.at(p.country, day, rng.uniform(13, 16))
        signed_there = rng.random() < .3
        created = visit - rng.uniform(0, 1800) if signed_there else past(rng, 10, 700)
        plan = rng.choice(["free", "pro", "api"])
        if plan == "api":
            a = eng.account(rng, "rival_office_visitor", email=p.email(rng), plan="api", country=p.country,
                            created_at=created, signup_ip=office.pick(rng) if signed_there else
                            p.signup_ip(rng, created), payment=p.card())
            ua, ep = sdk(rng)
            t = visit
            for _ in range(rng.randint(2, 12)):
                t += _api(eng, a, rng, t, rng.choice([*C.DEV_TESTS, C.code_prompt(rng, "en")]), lognorm(rng, 200),
                          model="alcor-3", endpoint=ep, ua=ua, ip=office.pick(rng)) + rng.uniform(10, 400)
        else:
            a = consumer_account(eng, rng, "rival_office_visitor", p, plan, created=created)
            if signed_there:
                a.signup_ip = office.pick(rng)
            for _ in range(rng.randint(1, 3)):
                app_session(eng, a, rng, p, visit + rng.uniform(0, 3 * 3600), client="app",
                            ip=lambda t, o=office: o.pick(rng))
        for ts in eng.sessions(rng, p.country, "consumer", .6):
            if plan != "api":
                app_session(eng, a, rng, p, ts)


def namesake_staff(eng: Engine, rng: random.Random, n: int) -> None:
    w = eng.world
    names = [("brume-cosmetiques", "FR", "brume-cosm-office", "Brume Cosmétiques", "fr"),
             ("kestrel-logistik", "DE", "kestrel-log-office", "Kestrel Logistik", "de"),
             ("nordlys-energi", "SE", "nordlys-energi-office", "Nordlys Energi", "en")]
    for i in range(n):
        org, country, off, disp, lang = names[i % 3]
        e = next(x for x in w.entities if x["org_id"] == org)
        p = Person(eng, rng, country, office=w.egress[off], lang=lang)
        created = past(rng, 30, 400)
        a = eng.account(rng, "namesake_staff", email=work_email(rng, p.first, p.last, e["domains"][0]), plan="team",
                        country=country, created_at=created, signup_ip=w.egress[off].pick(rng), org_id=org,
                        declared_company=disp, payment=e["payment_fingerprints"][0], sso=e["sso_tenants"][0])
        for ts in eng.sessions(rng, country, "office", max(.3, lognormf(rng, 1.2, .5))):
            app_session(eng, a, rng, p, ts, prompts=[C.work_prompt(rng, lang if lang in C.WORK else "en")]
                        + [C.followup(rng, lang) for _ in range(rng.randint(0, 3))], client="web")


def vpn_user(eng: Engine, rng: random.Random, n: int) -> None:
    """Commercial VPN users; half of them on the Stockholm exit a rival lists as its own."""
    w = eng.world
    for i in range(n):
        exit_ = "proton-se" if i % 2 == 0 else rng.choice(["mullvad-se", "mullvad-de", "nord-es", "nord-nl",
                                                            "proton-fr"])
        p = Person(eng, rng, pick_country(rng, [("SE", 3), ("DE", 3), ("FR", 2), ("NL", 2), ("ES", 2), ("EG", 2),
                                                 ("PL", 1), ("IT", 1)]))
        p.vpn, p.vpn_share = w.egress[exit_], rng.uniform(.6, 1)
        plan = rng.choice(["free", "pro", "pro", "api"])
        created = past(rng, 10, 700)
        if plan == "api":
            a = eng.account(rng, "vpn_user", email=p.email(rng), plan="api", country=p.country, created_at=created,
                            signup_ip=p.vpn.pick(rng), payment=p.card())
            ua, ep = sdk(rng)
            for ts in eng.sessions(rng, p.country, "developer", .8):
                t = ts
                for _ in range(rng.randint(1, 8)):
                    t += _api(eng, a, rng, t, C.code_prompt(rng, p.lang), lognorm(rng, 500), model="alcor-3",
                              endpoint=ep, ua=ua, ip=p.ip(rng, t)) + rng.uniform(20, 300)
        else:
            a = consumer_account(eng, rng, "vpn_user", p, plan, created=created)
            a.signup_ip = p.vpn.pick(rng)
            for ts in eng.sessions(rng, p.country, "consumer", .9):
                app_session(eng, a, rng, p, ts, client="web" if rng.random() < .7 else "app")


def corporate_proxy(eng: Engine, rng: random.Random, n: int) -> None:
    """Employees of a Genoa bank and a French retailer, on enterprise seats, behind Zscaler nodes (the Paris
    node is one a rival lists)."""
    w = eng.world
    firms = [("banca-tirrena", "IT", "zscaler-mil", "it"), ("maison-verrier", "FR", "zscaler-par", "fr")]
    for i in range(n):
        org, country, node, lang = firms[i % 2]
        e = next(x for x in w.entities if x["org_id"] == org)
        p = Person(eng, rng, country, office=w.egress[node], office_share=.95, lang=lang)
        created = past(rng, 20, 300)
        a = eng.account(rng, "corporate_proxy", email=work_email(rng, p.first, p.last, e["domains"][0]),
                        plan="enterprise", country=country, created_at=created, signup_ip=w.egress[node].pick(rng),
                        org_id=org, declared_company=e["name"], payment=e["payment_fingerprints"][0],
                        sso=e["sso_tenants"][0], credential="consumer_subscription")
        for ts in eng.sessions(rng, country, "office", max(.4, lognormf(rng, 1.5, .5))):
            app_session(eng, a, rng, p, ts, prompts=[C.work_prompt(rng, lang)] + [C.followup(rng, lang) for _ in
                                                                                  range(rng.randint(0, 3))],
                        client="web", ua=UA["win_edge"])


SAAS = [("recettio.fr", "fr", "Tu es le chef virtuel de Recettio. Propose des recettes à partir du frigo."),
        ("hrpilot.de", "de", "Du hilfst HR-Teams, Stellenanzeigen und Feedback zu formulieren."),
        ("viajalo.es", "es", "Eres el asistente de viajes de Viajalo. Recomienda itinerarios."),
        ("contabot.it", "it", "Aiuti i piccoli commercianti con la contabilità e le fatture elettroniche."),
        ("flashnotes.io", "en", "You turn meeting transcripts into notes, decisions and action items."),
        ("mieszkanie.ai", "pl", "Pomagasz pisać ogłoszenia o wynajmie mieszkań."),
        ("legalo.fr", "fr", "Tu aides les TPE à comprendre leurs contrats. Tu n'es pas avocat."),
        ("tutorlab.eu", "en", "You are a study helper for secondary-school pupils. Explain, don't just answer."),
        ("chatimmo.ma", "fr", "Assistant immobilier pour Casablanca et Rabat.")]


def cloud_tenant(eng: Engine, rng: random.Random, n: int) -> None:
    """Small SaaS companies' in-app assistants on serverless functions: a new shared cloud address per
    invocation (AWS Frankfurt, listed by a rival; or Google Cloud Paris)."""
    w = eng.world
    for i in range(n):
        dom, lang, system = SAAS[i % len(SAAS)]
        country = {"fr": "FR", "de": "DE", "es": "ES", "it": "IT", "en": "IE", "pl": "PL"}.get(lang, "FR")
        if dom.endswith(".ma"):
            country = "MA"
        pool = w.egress["aws-fra-shared" if i % 7 < 5 else "gcp-par-shared"]
        created = past(rng, 60, 600)
        a = eng.account(rng, "cloud_tenant", email=f"dev@{dom}" if i < len(SAAS) else f"ops{i}@{dom}", plan="api",
                        country=country, created_at=created, signup_ip=w.residential(rng, country),
                        org_id="org-" + dom.split(".")[0], declared_company=dom.split(".")[0].title(),
                        payment=card(dom, i), keys=2, rpm=4000, human=False)
        ua, ep = sdk(rng, ["openai_js", "anthropic_js", "openai_js", "node_fetch"])
        volume = lognorm(rng, 50, .5, 10, 300)
        for day in range(eng.days):
            for _ in range(poisson(rng, volume * (1 if day_kind(country, day) == "work" else .7))):
                ts = eng.at(country, day, pick_hour(rng, "diurnal"))
                user = "u_" + h(dom, rng.randint(1, 4000))[:12]
                conv = eng.conv(rng)
                t = ts
                for _ in range(1 + int(rng.expovariate(.9))):
                    t += eng.emit(a, t, C.consumer_prompt(rng, lang), lognorm(rng, 350, .6, 10, 3000),
                                  model=rng.choice(["alcor-3-flash", "alcor-3"]), endpoint=ep, ua=ua,
                                  ip=pool.pick(rng), system=system, sys_tok=C.tokens(system) + 600, conv=conv,
                                  lang=lang, stream=True, max_tokens=2048, eu=user, cache=cache_mode(ep),
                                  rng=rng) + rng.uniform(10, 120)


def eval_harness(eng: Engine, rng: random.Random, n: int) -> None:
    """CI evaluation runs: the same question suite, in the same order, nightly and on pull requests."""
    w = eng.world
    for i in range(n):
        org_dom = "promptmetric.nl" if i < 2 else company_domain(rng, pick_country(rng, DEV_MIX))
        country = "NL" if i < 2 else "FR"
        srng = random.Random(f"{eng.seed}:eval_harness:suite:{i}")
        suite = []
        for j in range(srng.randint(150, 300)):
            d = srng.choice(list(C.DOMAINS))
            q = C.problem(srng, d, None, 2) if d in ("math", "physics", "logic", "cs") else \
                C.consumer_prompt(srng, srng.choice(["en", "fr", "de", "es"]))
            suite.append(f"[case {j:04d}] {q}")
        created = past(rng, 60, 400)
        a = eng.account(rng, "eval_harness", email=f"ci@{org_dom}", plan="api", country=country, created_at=created,
                        signup_ip=w.residential(rng, country), org_id="org-" + org_dom.split(".")[0],
                        declared_company=org_dom.split(".")[0].title(), payment=card(org_dom), keys=2, rpm=1000,
                        human=False)
        ua, ep = sdk(rng, ["openai_py", "anthropic_py", "httpx"])
        runner = w.egress[rng.choice(["gha", "gha-2", "gitlab-saas"])]
        models = ["alcor-3", "alcor-3-flash"] + (["alcor-3-deep"] if rng.random() < .4 else []) + \
            (["alcor-2.5"] if rng.random() < .5 else [])
        matrix_day = rng.randrange(eng.days)
        smoke = suite[: rng.randint(25, 40)]
        runs = [(START + d * DAY + rng.uniform(1.5, 2.5) * 3600, models if d == matrix_day else models[:1], suite)
                for d in range(eng.days)]
        for ts in eng.sessions(rng, country, "developer", 1.5, weekend=.1):
            runs.append((ts, [models[0]], smoke))
        for t0, ms, cases in runs:
            ip = runner.pick(rng)
            for m in ms:
                t = t0
                deep = m == "alcor-3-deep"
                for q in cases:
                    d = _api(eng, a, rng, t, q, lognorm(rng, 120, .8, 1, 2000), model=m, endpoint=ep, ua=ua, ip=ip,
                             system="Answer concisely.", reasoning=deep,
                             rtok=lognorm(rng, 1500, .8, 50, 16000) if deep else 0,
                             max_tokens=16000 if deep else 1024)
                    t += d / 8 + rng.uniform(0, .2)


def support_bot(eng: Engine, rng: random.Random, n: int) -> None:
    w = eng.world
    shops = list(C.SUPPORT_SHOPS.items())
    for i in range(n):
        name, (lang, system, lines) = shops[i % len(shops)]
        country = {"es": "ES", "fr": "FR", "pl": "PL", "it": "IT"}[lang]
        if name == "souk":
            country = "MA"
        dom = f"{name}-{h(name)[:4]}.{ {'ES': 'es', 'FR': 'fr', 'PL': 'pl', 'IT': 'it', 'MA': 'ma'}[country]}"
        created = past(rng, 60, 500)
        server = w.vps_ip(rng, rng.choice(["ovh-rbx", "hetzner-fsn", "aws-par", "ionos", "gcp-mad"]))
        a = eng.account(rng, "support_bot", email=f"tech@{dom}", plan="api", country=country, created_at=created,
                        signup_ip=w.residential(rng, country), org_id="org-" + name, declared_company=name.title(),
                        payment=card(dom), rpm=1000, human=False)
        ua, ep = sdk(rng, ["openai_py", "anthropic_py", "openai_js", "guzzle"])
        per_day = lognorm(rng, 100, .4, 20, 500)
        for day in range(eng.days):
            for _ in range(poisson(rng, per_day * (1 if day_kind(country, day) == "work" else .75))):
                ts = eng.at(country, day, pick_hour(rng, "diurnal"))
                conv = eng.conv(rng)
                cust = "cust_" + h(name, rng.randint(1, 50000))[:10]
                t = ts
                for _ in range(1 + int(rng.expovariate(.7))):
                    msg = rng.choice(lines).replace("{o}", str(rng.randint(100000, 999999)))
                    t += eng.emit(a, t, msg, lognorm(rng, 120, .5, 10, 800), model="alcor-3-flash", endpoint=ep,
                                  ua=ua, ip=server, system=system, sys_tok=C.tokens(system) + 1200, conv=conv,
                                  lang=lang, eu=cust, max_tokens=600, cache=cache_mode(ep, True),
                                  rng=rng) + rng.uniform(15, 180)


def catalogue_pipeline(eng: Engine, rng: random.Random, n: int) -> None:
    w = eng.world
    for _ in range(n):
        country, lang = rng.choice([("ES", "es"), ("FR", "fr"), ("DE", "de"), ("ES", "es")])
        prefix = rng.choice(["MB", "CO", "ZX", "TR", "LU"]) + "-" + str(rng.randint(10, 99))
        dom = company_domain(rng, country)
        created = past(rng, 60, 400)
        a = eng.account(rng, "catalogue_pipeline", email=f"ecommerce@{dom}", plan="api", country=country,
                        created_at=created, signup_ip=w.residential(rng, country), org_id="org-" + dom.split(".")[0],
                        declared_company=dom.split(".")[0].title(), payment=card(dom), rpm=1000, human=False)
        server = w.vps_ip(rng, rng.choice(["ovh-gra", "hetzner-nbg", "aws-par", "scaleway-par"]))
        ua, ep = sdk(rng, ["requests", "openai_py", "httpx"])
        cur = rng.randint(1000, 80000)
        for day in range(eng.days):
            t = eng.at(country, day, rng.uniform(0, 3))
            for _ in range(lognorm(rng, 160, .4, 10, 800)):
                sku = f"{prefix}-{cur:05d}"
                cur += rng.choice([1, 1, 1, 1, 2])
                t += _api(eng, a, rng, t, C.catalogue_item(rng, sku, lang), lognorm(rng, 380, .3, 80, 900),
                          model="alcor-3-flash", endpoint=ep, ua=ua, ip=server, lang=lang, max_tokens=1200,
                          system="Copywriter for an online shop. Follow the brand voice guide.", sys_tok=900) \
                    + rng.uniform(.2, 2)


# ============================================================================================ own hard negatives

def translation_office(eng: Engine, rng: random.Random, n: int) -> None:
    """A state translation office: staff split a new law among themselves and translate it article by
    article into Catalan, Galician, Basque and Valencian, each walking their own chapters in order."""
    w = eng.world
    e = next(x for x in w.entities if x["org_id"] == "otc-traduccion")
    net = w.egress["red-sara"]
    law = "Ley 9/2026, de 14 de octubre, de servicios digitales de las administraciones públicas"
    per = 14
    for i in range(n):
        p = Person(eng, rng, "ES", office=net, office_share=1, lang="es")
        target = ["catalán", "gallego", "euskera", "valenciano"][i % 4]
        created = past(rng, 100, 300)
        a = eng.account(rng, "translation_office", email=work_email(rng, p.first, p.last, "traduccion.gob.es"),
                        plan="enterprise", country="ES", created_at=created, signup_ip=net.pick(rng),
                        org_id="otc-traduccion", declared_company=e["name"], payment=None, sso=e["sso_tenants"][0],
                        credential="consumer_subscription")
        art = 1 + (i // 4) * per * 4
        for day in range(eng.days):
            if day_kind("ES", day) != "work":
                continue
            t = eng.at("ES", day, rng.uniform(8, 9.5))
            end = eng.at("ES", day, 14.8)
            while t < end:
                prompts = [f"Traduce al {target} manteniendo la terminología del glosario oficial:\n"
                           + C.law_article_es(rng, law, art)]
                prompts += ["revisa la concordancia del apartado 2" for _ in range(rng.random() < .25)]
                art += 1
                t = app_session(eng, a, rng, p, t, prompts=prompts, client="web", lang="es", out_median=700,
                                ua=UA["win_edge"], think=(200, 600)) + rng.uniform(120, 900)


def legal_editor(eng: Engine, rng: random.Random, n: int) -> None:
    """A legal publisher's editors updating an annotated consumer code after a reform, by hand, one article
    after another."""
    w = eng.world
    office = w.egress["justa-office"]
    books = ["L.111", "L.112", "L.121", "L.122", "L.211", "L.212", "L.221", "L.224", "L.312", "L.313"]
    for i in range(n):
        p = Person(eng, rng, "FR", office=office, office_share=.8, lang="fr")
        a = consumer_account(eng, rng, "legal_editor", p, "pro",
                             email=work_email(rng, p.first, p.last, "editions-justa.fr"),
                             payment=card("editions-justa", 0), declared_company="Éditions Justa")
        book = books[i % len(books)]
        k = 1
        for ts in eng.sessions(rng, "FR", "office", 3.5, weekend=0):
            prompts = []
            for _ in range(rng.randint(1, 4)):
                num = f"{book}-{k}"
                k += 1
                prompts.append("Voici la nouvelle rédaction issue de la réforme. Résume les changements, liste les "
                               "renvois et propose une note sous article :\n" + C.code_conso_article(rng, num))
            app_session(eng, a, rng, p, ts, prompts=prompts, client="web", lang="fr", out_median=600,
                        think=(300, 1500))


def pharmacy_leaflets(eng: Engine, rng: random.Random, n: int) -> None:
    w = eng.world
    for i in range(n):
        it = i % 2 == 1
        country = "IT" if it else "ES"
        dom = "farmacieriunite.it" if it else "farmaciasaurora.es"
        created = past(rng, 60, 300)
        a = eng.account(rng, "pharmacy_leaflets", email=f"ecommerce@{dom}", plan="api", country=country,
                        created_at=created, signup_ip=w.residential(rng, country),
                        org_id="org-farmacieriunite" if it else "farmacias-aurora",
                        declared_company=dom.split(".")[0], payment=card(dom) if it else card("farmacias-aurora", 0),
                        rpm=500, human=False)
        ip = w.egress["aurora-dc"].addresses[0] if not it else w.vps_ip(rng, "ovh-gra")
        codes = sorted({rng.randint(600000, 999999) for _ in range(3000)})
        k = 0
        for day in range(eng.days):
            t = eng.at(country, day, rng.uniform(22, 23.5))
            for _ in range(lognorm(rng, 300, .3, 50, 700)):
                code = f"{codes[k % len(codes)]}.{codes[k % len(codes)] % 7}" if not it else \
                    f"0{codes[k % len(codes)] * 37 % 100000000:08d}"
                k += 1
                t += _api(eng, a, rng, t, C.leaflet(rng, code, it), lognorm(rng, 260, .3, 60, 700), model="alcor-3",
                          endpoint=CHAT, ua=UA["httpx"], ip=ip, extra=lognorm(rng, 5000, .4, 1500, 20000),
                          max_tokens=800, lang="es") + rng.uniform(.5, 3)


def exam_committee(eng: Engine, rng: random.Random, n: int) -> None:
    """Teaching staff preparing mid-term exams: variants of problems with full worked solutions, on the
    reasoning model, from campus."""
    w = eng.world
    for i in range(n):
        pol = i % 2 == 0
        country, campus, dom = ("IT", "polimi", "polimi.it") if pol else ("FR", "sorbonne", "sorbonne-universite.fr")
        p = Person(eng, rng, country, office=w.egress[f"campus-{campus}"], office_share=.85)
        course = rng.choice(["math", "physics", "chemistry", "cs", "economics"])
        created = past(rng, 30, 500)
        a = eng.account(rng, "exam_committee", email=work_email(rng, p.first, p.last, dom), plan="team",
                        country=country, created_at=created, signup_ip=w.egress[f"campus-{campus}"].pick(rng),
                        org_id=("polimi" if pol else "sorbonne-universite"), declared_company=dom,
                        payment=card(dom, "teaching"))
        for ts in eng.sessions(rng, country, "office", 2.5, weekend=.15):
            sub = rng.choice(C.DOMAINS[course])
            prompts = [C.exam_request(rng, course, sub) for _ in range(rng.randint(1, 3))]
            prompts += [rng.choice(["rendi la variante 3 più difficile", "la soluzione del punto b è sbagliata, "
                                    "ricontrolla", "aggiungi la griglia di valutazione", "traduis en anglais"])
                        for _ in range(rng.randint(0, 2))]
            app_session(eng, a, rng, p, ts, prompts=prompts, client="web", deep=True, out_median=1400,
                        think=(120, 900))


def dlp_proxy_staff(eng: Engine, rng: random.Random, n: int) -> None:
    """A utility whose data-protection gateway replaces every client's user agent with its own, redacts
    personal data into placeholders and adds its own system prompt; one egress address for all staff."""
    w = eng.world
    e = next(x for x in w.entities if x["org_id"] == "stadtwerke-rheinland")
    gw = w.egress["stadtwerke-proxy"]
    ua = "Mozilla/5.0 (compatible; SWR-SecureGateway/3.2; +https://stadtwerke-rheinland.de/ki)"
    system = "Antworte sachlich auf Deutsch. Personenbezogene Daten wurden durch Platzhalter ersetzt; erfinde " \
             "keine. [Unternehmensrichtlinie KI-Nutzung, 1.1k Tokens]"
    for _ in range(n):
        p = Person(eng, rng, "DE", lang="de")
        created = past(rng, 30, 250)
        a = eng.account(rng, "dlp_proxy_staff", email=work_email(rng, p.first, p.last, e["domains"][0]),
                        plan="enterprise", country="DE", created_at=created, signup_ip=gw.addresses[0],
                        org_id=e["org_id"], declared_company=e["name"], payment=e["payment_fingerprints"][0],
                        sso=e["sso_tenants"][0], credential="api_key", rpm=200)
        for ts in eng.sessions(rng, "DE", "office", max(.5, lognormf(rng, 2.5, .5)), weekend=0):
            prompts = [rng.choice(C.DLP_WORK)] + [rng.choice(["kürzer", "förmlicher bitte", "als Tabelle",
                                                              "noch einmal ohne Fachbegriffe"])
                                                  for _ in range(rng.randint(0, 2))]
            eng.chat(a, rng, ts, prompts, [lognorm(rng, 400, .6, 20, 3000) for _ in prompts], model="alcor-3",
                     endpoint=CHAT, ua=ua, ip=gw.addresses[0], system=system, sys_tok=1150, lang="de",
                     stream=True, cache="auto", think=(40, 400))


def callcentre_bpo(eng: Engine, rng: random.Random, n: int) -> None:
    """A Rabat contact centre answering French customers for French utilities: team seats onboarded together,
    one office address, one Chrome build, two shifts, Monday to Saturday."""
    w = eng.world
    e = next(x for x in w.entities if x["org_id"] == "atlas-contact")
    office = w.egress["atlas-office"]
    onboard = past(rng, 60, 110)
    ua = UA["win_chrome"]
    for _ in range(n):
        p = Person(eng, rng, "MA", office=office, office_share=1, lang="fr")
        created = onboard + rng.uniform(0, 36 * 3600)
        a = eng.account(rng, "callcentre_bpo", email=work_email(rng, p.first, p.last, "atlascontact.ma"),
                        plan="team", country="MA", created_at=created, signup_ip=office.addresses[0],
                        org_id="atlas-contact", declared_company="Atlas Contact Center",
                        payment=e["payment_fingerprints"][0], sso=e["sso_tenants"][0])
        shift = rng.choice([(8, 16), (13, 21)])
        for day in range(eng.days):
            if (3 + day) % 7 == 6 or rng.random() < .15:   # Sundays (the window opens on a Thursday) and days off
                continue
            t = eng.at("MA", day, shift[0] + rng.uniform(0, .3))
            end = eng.at("MA", day, shift[1])
            while t < end:
                t = app_session(eng, a, rng, p, t, prompts=[C.callcentre_prompt(rng)], client="web", lang="fr",
                                out_median=120, ua=ua, ip=lambda x: office.addresses[0]) + rng.uniform(240, 900)


def language_school(eng: Engine, rng: random.Random, n: int) -> None:
    """Language teachers preparing worksheets: each walks the levels and grammar points of their own classes
    (a grid, re-visited every week)."""
    for i in range(n):
        country, lang = [("ES", "es"), ("MA", "fr"), ("PL", "es"), ("ES", "es"), ("MA", "es")][i % 5]
        p = Person(eng, rng, country)
        a = consumer_account(eng, rng, "language_school", p, "pro",
                             email=work_email(rng, p.first, p.last, "escuelababel.com") if rng.random() < .6 else None,
                             declared_company="Escuela Babel")
        levels = rng.sample(C.CEFR_LEVELS, rng.randint(2, 4))
        topics = C.CEFR_TOPICS[lang if lang in C.CEFR_TOPICS else "es"]
        cells = [(lv, tp) for lv in levels for tp in topics]
        k = rng.randrange(len(cells))
        for ts in eng.sessions(rng, country, "office", 1.6, weekend=.5):
            prompts = []
            for _ in range(rng.randint(1, 3)):
                lv, tp = cells[k % len(cells)]
                k += 1
                prompts.append(C.cefr_prompt(rng, lang, lv, tp))
            prompts += [C.followup(rng, lang) for _ in range(rng.randint(0, 2))]
            app_session(eng, a, rng, p, ts, prompts=prompts, client="web", lang=lang, out_median=900)


def museum_alt_text(eng: Engine, rng: random.Random, n: int) -> None:
    w = eng.world
    ip = w.egress["musee-textiles"].addresses[0]
    for i in range(n):
        created = past(rng, 30, 200)
        a = eng.account(rng, "museum_alt_text", email=("numerisation" if i == 0 else f"conservation{i}")
                        + "@musee-textiles-lyon.fr", plan="api", country="FR", created_at=created, signup_ip=ip,
                        org_id="musee-textiles", declared_company="Musée des Arts Textiles de Lyon",
                        payment=None, rpm=200, human=i != 0)
        year, num = rng.choice([(29, 400), (35, 1), (52, 120)])
        for day in range(eng.days):
            if day_kind("FR", day) != "work":
                continue
            t = eng.at("FR", day, rng.uniform(9.5, 10.5))
            count = lognorm(rng, 200, .3, 20, 500) if i == 0 else rng.randint(5, 30)
            for _ in range(count):
                inv = f"MT {year}.{num}" + (f".{rng.randint(1, 4)}" if rng.random() < .2 else "")
                num += 1
                t += _api(eng, a, rng, t, C.museum_record(rng, inv), lognorm(rng, 220, .3, 60, 600), model="alcor-3",
                          endpoint=ANTHROPIC, ua=UA["anthropic_py"] if i == 0 else UA["mac_safari"], ip=ip,
                          extra=rng.choice([0, 1600]), lang="fr", max_tokens=1024) \
                    + (rng.uniform(2, 8) if i == 0 else rng.uniform(60, 600))


def gestoria(eng: Engine, rng: random.Random, n: int) -> None:
    """A Valencia tax adviser's month-end: invoices of each client extracted one after another (PDFs)."""
    w = eng.world
    office = w.office(f"gestoria-{eng.seed}", "80.28.144.0/29", 1)
    for _ in range(n):
        p = Person(eng, rng, "ES", office=office, office_share=1, lang="es")
        created = past(rng, 90, 700)
        a = eng.account(rng, "gestoria", email=work_email(rng, p.first, p.last, "gestoriaribera.es"), plan="api",
                        country="ES", created_at=created, signup_ip=office.addresses[0], org_id="org-gestoriaribera",
                        declared_company="Gestoría Ribera", payment=card("gestoriaribera.es"), rpm=100)
        for day in range(eng.days):
            if day_kind("ES", day) != "work":
                continue
            month_end = START + day * DAY >= START + 4 * DAY
            t = eng.at("ES", day, rng.uniform(9, 10))
            for _ in range(rng.randint(3, 8) if month_end else rng.randint(0, 3)):
                client = rng.choice(["Bar Las Palmeras", "Talleres Senent", "Clínica Dental Turia", "Fusteria Vidal",
                                     "Autoescuela Ruzafa"])
                seq = rng.randint(100, 900)
                for _ in range(rng.randint(4, 30)):
                    num = f"{client.split()[0][:3].upper()}-2026/{seq:04d}"
                    seq += 1
                    pages = rng.choice([1, 1, 2, 3])
                    t += _api(eng, a, rng, t, C.invoice_extract(rng, num), lognorm(rng, 160, .3, 40, 600),
                              model="alcor-3", endpoint=CHAT, ua=UA["guzzle"], ip=office.addresses[0],
                              extra=3000 * pages, lang="es", max_tokens=800) + rng.uniform(8, 60)
                t += rng.uniform(600, 3600)


BENIGN = [
    ("consumer", 334, consumer), ("student", 80, student), ("developer", 62, developer),
    ("coding_agent", 22, coding_agent), ("enterprise_batch", 6, enterprise_batch),
    ("labelling_vendor", 16, labelling_vendor), ("localisation", 10, localisation),
    ("research_lab", 22, research_lab), ("hackathon", 36, hackathon), ("startup_team", 24, startup_team),
    ("platform_byok", 30, platform_byok), ("platform_account", 3, platform_account),
    ("former_rival_employee", 10, former_rival_employee), ("rival_office_visitor", 8, rival_office_visitor),
    ("namesake_staff", 12, namesake_staff), ("vpn_user", 20, vpn_user), ("corporate_proxy", 24, corporate_proxy),
    ("cloud_tenant", 14, cloud_tenant), ("household_shared", 12, household_shared),
    ("eval_harness", 6, eval_harness), ("support_bot", 6, support_bot), ("catalogue_pipeline", 5, catalogue_pipeline),
    ("translation_office", 8, translation_office), ("legal_editor", 7, legal_editor),
    ("pharmacy_leaflets", 2, pharmacy_leaflets), ("exam_committee", 6, exam_committee),
    ("dlp_proxy_staff", 18, dlp_proxy_staff), ("callcentre_bpo", 20, callcentre_bpo),
    ("language_school", 10, language_school), ("museum_alt_text", 2, museum_alt_text), ("gestoria", 4, gestoria),
]

