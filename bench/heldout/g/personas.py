"""One function per persona. Each takes (engine, its own random stream, number of accounts) and
writes accounts, labels and requests. Benign personas first (many look suspicious), then abuse."""

from __future__ import annotations

import random
import zlib

import content as C
from engine import Engine, careful_traits, client_sdk
from world import (CAMPUS, CITY_COUNTRY, CLOUD_SHARED_NAT, COMPANIES, COUNTRIES, COWORK, DAY, LANG_OF_COUNTRY,
                   MODELS, NAMESAKES, PHONES, PLATFORMS, RIVALS, START, UNIVERSITIES, VPN_EXITS, VPS, Addr,
                   app_ua, browser_ua, fp, freemail, hexid, person, personal_email, pick_in, resi_proxy_ip,
                   session_starts, work_email)

M, L, T = MODELS["main"], MODELS["lite"], MODELS["think"]
CONSUMER_COUNTRIES = {"IN": 22, "DE": 14, "FR": 11, "TR": 11, "PL": 9, "AE": 8, "SA": 7, "EG": 6, "GB": 6, "MA": 2, "JO": 2, "NL": 2}
DEV_COUNTRIES = {"IN": 24, "DE": 16, "PL": 12, "FR": 10, "TR": 10, "AE": 6, "GB": 6, "NL": 4, "EG": 4, "SA": 3}


def wchoice(rng: random.Random, table: dict) -> str:
    return rng.choices(list(table), list(table.values()))[0]


def before(rng: random.Random, lo: float, hi: float) -> float:
    return START - rng.uniform(lo, hi) * DAY


def lang_for(rng: random.Random, country: str) -> str:
    langs = COUNTRIES[country][1]
    return langs[0] if rng.random() < 0.75 else rng.choice(langs + ["en"])


def card(rng: random.Random) -> str:
    return "pm_" + hexid(rng, 16)


def country_of_city(city: str) -> str:
    return CITY_COUNTRY[city]


# =============================================================================== benign
def consumer_chat(E: Engine, rng: random.Random, n: int) -> None:
    for _ in range(n):
        c = wchoice(rng, CONSUMER_COUNTRIES)
        lang = lang_for(rng, c)
        ad = Addr(rng, c)
        plan = rng.choices(["free", "pro", "max"], [55, 37, 8])[0]
        a = E.account(rng, "consumer_chat", country=c, email=personal_email(rng, lang, c), plan=plan,
                      created_at=before(rng, 1, 700), payment=None if plan == "free" else card(rng),
                      signup_ip=ad.mobile_ip() if rng.random() < 0.6 else ad.home_ip(START - DAY), verified=rng.random() < 0.9)
        if rng.random() < 0.1:
            continue  # signed up, never came back this week
        phone = rng.choice(PHONES)
        web = browser_ua(rng)
        per_day = rng.choice([0.2, 0.4, 0.7, 1.2, 2.0]) * (1.5 if plan != "free" else 1)
        for t0 in session_starts(rng, c, "evening", per_day, E.days, weekend_factor=1.3):
            mobile = rng.random() < 0.55
            ua = app_ua(rng, phone) if mobile else web
            ipf = (lambda t, ad=ad: ad.mobile_ip()) if mobile else ad.home_ip
            turns = [(None, C.chat_prompt(rng, lang))] + [(None, C.chat_follow(rng, lang)) for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 5]))]
            think = plan != "free" and rng.random() < 0.1
            E.conversation(rng, a, t0, turns, ip=ipf, client=(ua, "/v1/messages"), model=T if think else M,
                           reasoning=think, first_party=True, gap=(15, 200), out=(120, 800))


def indie_dev(E: Engine, rng: random.Random, n: int) -> None:
    for _ in range(n):
        c = wchoice(rng, DEV_COUNTRIES)
        lang = lang_for(rng, c)
        ad = Addr(rng, c)
        cli = rng.choice(["openai-py", "anthropic-py", "anthropic-js", "openai-js", "vercel-ai", "langchain", "aider", "claude-cli",
                          "cline", "opencode", "litellm", "curl", "llamaindex"])
        plan = "pro" if cli == "claude-cli" and rng.random() < 0.5 else "api"
        a = E.account(rng, "indie_dev", country=c, email=personal_email(rng, lang, c), plan=plan, created_at=before(rng, 3, 600),
                      payment=card(rng), signup_ip=ad.home_ip(START - DAY), declared_company=rng.choice([None, None, "freelance", "self-employed"]))
        per_day = rng.uniform(0.8, 3.5)
        cafe = rng.random() < 0.3
        for t0 in session_starts(rng, c, "dev", per_day, E.days, weekend_factor=0.7):
            ipf = ad.home_ip if not (cafe and rng.random() < 0.3) else (lambda t, ad=ad: ad.mobile_ip())
            turns = [(None, C.dev_prompt(rng))] + [(None, rng.choice(C.DEV_FOLLOW)) for _ in range(rng.randint(0, 8))]
            E.conversation(rng, a, t0, turns, ip=ipf, client=client_sdk(cli), model=rng.choice([M, M, L]), gap=(20, 400), out=(200, 1500),
                           cache=cli in ("claude-cli", "cline", "aider"), first_party=plan == "pro")


def student(E: Engine, rng: random.Random, n: int) -> None:
    unis = list(UNIVERSITIES)
    for _ in range(n):
        u = rng.choice(unis)
        name, city, dom = UNIVERSITIES[u]
        c = country_of_city(city)
        lang = lang_for(rng, c)
        ad = Addr(rng, c)
        email = work_email(rng, lang, dom) if rng.random() < 0.5 else personal_email(rng, lang, c)
        plan = rng.choices(["free", "pro"], [70, 30])[0]
        a = E.account(rng, "student", country=c, email=email, plan=plan, created_at=before(rng, 2, 400),
                      payment=None if plan == "free" else card(rng), signup_ip=pick_in(rng, CAMPUS[u]), group=u)
        web = browser_ua(rng)
        phone = rng.choice(PHONES)
        exam = {E.days - 2: 2.5, E.days - 1: 3.0}
        for t0 in session_starts(rng, c, "student", rng.uniform(0.4, 2.0), E.days, weekend_factor=0.8, day_mult=exam):
            on_campus = rng.random() < 0.55
            ipf = (lambda t, u=u: pick_in(rng, CAMPUS[u])) if on_campus else ad.home_ip
            mobile = rng.random() < 0.3
            think = rng.random() < 0.4
            turns = [(None, rng.choice(C.STUDENT) if rng.random() < 0.7 else C.chat_prompt(rng, lang))]
            turns += [(None, rng.choice(["I don't get step 2", "can you check my answer: 42?", "why?", "give me a similar exercise",
                                         "nie rozumiem kroku 3", "warum ist das so?", "samajh nahi aaya, dobara explain karo"])) for _ in range(rng.randint(0, 4))]
            E.conversation(rng, a, t0, turns, ip=ipf, client=(app_ua(rng, phone) if mobile else web, "/v1/messages"),
                           model=T if think else M, reasoning=think, first_party=True, out=(300, 2500) if think else (200, 900))


def enterprise_staff(E: Engine, rng: random.Random, n: int) -> None:
    orgs = ["rheinland-versicherung", "banque-lumiere", "gulfline-freight", "kaveri-systems"]
    sizes = split(rng, n, len(orgs))
    for org, k in zip(orgs, sizes):
        name, city, dom, proxy, sso = COMPANIES[org]
        c = country_of_city(city)
        managed_ua = browser_ua(rng)
        egress = [pick_in(rng, proxy) for _ in range(4)]
        card_ = fp(org + "-card")
        for _ in range(k):
            lang = lang_for(rng, c)
            a = E.account(rng, "enterprise_staff", country=c, email=work_email(rng, lang, dom), plan="enterprise", org_id=org,
                          declared_company=name, payment=card_, signup_ip=rng.choice(egress), sso=sso, created_at=before(rng, 20, 500), group=org)
            for t0 in session_starts(rng, c, "office", rng.uniform(1.5, 4.5), E.days, weekend_factor=0.05):
                r = rng.random()
                if r < 0.35:
                    kind = rng.choice(["contract", "ticket", "invoice"])
                    sys_, pr = C.doc_request(rng, kind, rng.randint(1, 99999), c, lang, "user", rng.choice(["plain", "fenced", "quoted"]))
                    turns = [(sys_, pr)] + [(None, rng.choice(["shorter please", "now in English", "list the risks as a table"])) for _ in range(rng.randint(0, 2))]
                elif r < 0.55:
                    turns = [(None, C.dev_prompt(rng))]
                else:
                    turns = [(None, C.chat_prompt(rng, lang))] + [(None, C.chat_follow(rng, lang)) for _ in range(rng.randint(0, 3))]
                E.conversation(rng, a, t0, turns, ip=rng.choice(egress), client=(managed_ua, "/v1/messages"), model=M, first_party=True, out=(200, 1200))


def doc_pipeline(E: Engine, rng: random.Random, n: int) -> None:
    owners = [("rheinland-versicherung", "invoice"), ("medinote-health", "medical"), ("talentpool-hr", "cv"), ("ticketdesk", "ticket"),
              ("banque-lumiere", "contract"), ("kaveri-systems", "invoice"), ("gulfline-freight", "invoice"), ("ticketdesk", "ticket"),
              (None, "invoice"), (None, "ticket"), (None, "cv"), (None, "medical"), (None, "contract")]
    for i in range(n):
        org, kind = owners[i % len(owners)]
        if org:
            name, city, dom, proxy, sso = COMPANIES[org]
        else:
            city = rng.choice(["Warsaw", "Istanbul", "Pune", "Lyon", "Riyadh"])
            name, dom = f"{rng.choice(C.SELLERS)}", f"ops{rng.randint(1, 99)}-{city.lower()}.com"
        c = country_of_city(city)
        lang = LANG_OF_COUNTRY[c]
        where = rng.choice(["system", "user"])
        form = rng.choice(["plain", "fenced", "quoted", "json", "fields"])
        cli = rng.choice(["openai-py", "anthropic-py", "requests", "java", "dotnet", "n8n", "httpx", "go"])
        vps = rng.choice(list(VPS.values()))
        egress = [pick_in(rng, CLOUD_SHARED_NAT if rng.random() < 0.3 else vps) for _ in range(rng.choice([1, 2, 3]))]
        a = E.account(rng, "doc_pipeline", country=c, email=f"{rng.choice(['it', 'ops', 'dev', 'automation', 'platform'])}@{dom}", plan="api",
                      org_id=org, declared_company=name, payment=fp(org + "-card") if org else card(rng), signup_ip=egress[0],
                      created_at=before(rng, 30, 600), variant=f"{kind}/{where}/{form}", keys=rng.choice([1, 2]))
        nightly = rng.random() < 0.5
        seq = rng.randint(1000, 90000)
        per_day = rng.randint(80, 600)
        model = rng.choice([L, L, M])
        for d in range(E.days):
            if d % 7 in COUNTRIES[c][2] and rng.random() < 0.7:
                continue
            k = max(5, int(rng.gauss(per_day, per_day * 0.25)))
            if nightly:
                t = START + d * DAY + (rng.uniform(0.5, 3.0) - COUNTRIES[c][0]) * 3600
                steps = [rng.uniform(0.4, 3) for _ in range(k)]
            else:
                t = START + d * DAY + (8 - COUNTRIES[c][0]) * 3600
                steps = [rng.expovariate(k / (10 * 3600)) for _ in range(k)]
            for st in steps:
                t += st
                sys_, pr = C.doc_request(rng, kind, seq, c, lang, where, form)
                seq += 1
                E.emit(rng, a, t, prompt=pr, system=sys_, ip=rng.choice(egress), ua=client_sdk(cli)[0], endpoint=client_sdk(cli)[1],
                       model=model, out=rng.randint(120, 600), stream=False, max_tokens=rng.choice([1024, 2048, 4096]))


def labelling_vendor(E: Engine, rng: random.Random, n: int) -> None:
    vendors = [("annotix", True, "sentiment"), ("labelhaus-india", False, "safety")]
    for (org, rationale, task), k in zip(vendors, split(rng, n, 2)):
        name, city, dom, proxy, sso = COMPANIES[org]
        c = country_of_city(city)
        egress = [pick_in(rng, proxy) for _ in range(3)]
        tool_ua = client_sdk("requests")[0] if org == "annotix" else client_sdk("axios")[0]
        for j in range(k):
            lang = LANG_OF_COUNTRY[c]
            t2 = task if rng.random() < 0.7 else "intent"
            rat = rationale and rng.random() < 0.8
            a = E.account(rng, "labelling_vendor", country=c, email=work_email(rng, lang, dom), plan="team", org_id=org, declared_company=name,
                          payment=fp(org + "-card"), signup_ip=egress[0], sso=sso, created_at=before(rng, 10, 200), group=org,
                          variant="rationale" if rat else "label_only")
            seq = rng.randint(1, 50000)
            for t0 in session_starts(rng, c, "office", 2.0, E.days, weekend_factor=0.0):
                t = t0
                for _ in range(rng.randint(15, 60)):
                    sys_, pr = C.label_prompt(rng, t2, rat, seq)
                    seq += 1
                    E.emit(rng, a, t, prompt=pr, system=sys_, ip=rng.choice(egress), ua=tool_ua, endpoint="/v1/chat/completions",
                           model=T if rat and rng.random() < 0.5 else L, reasoning=rat and rng.random() < 0.5, reasoning_share=0.6,
                           out=rng.randint(150, 700) if rat else rng.randint(2, 8), stream=False)
                    t += rng.uniform(8, 60)


def translator(E: Engine, rng: random.Random, n: int) -> None:
    pairs = [("de", "en"), ("en", "de"), ("fr", "ar"), ("en", "tr"), ("pl", "de"), ("en", "hi"), ("ar", "en"), ("en", "fr")]
    for j in range(n):
        agency = j % 3 == 0
        if agency:
            name, city, dom, proxy, sso = COMPANIES["lingua-bridge"]
            c = "DE"
            email = work_email(rng, "de", dom)
            org = "lingua-bridge"
        else:
            c = rng.choice(["FR", "PL", "TR", "IN", "AE", "DE", "EG"])
            email = personal_email(rng, LANG_OF_COUNTRY[c], c)
            org, name = None, "freelance translator"
        ad = Addr(rng, c)
        src, tgt = rng.choice(pairs)
        cli = rng.choice(["openai-py", "anthropic-py", "litellm", "requests"])
        a = E.account(rng, "translator", country=c, email=email, plan="api", org_id=org, declared_company=name,
                      payment=fp("lingua-bridge-card") if agency else card(rng), signup_ip=ad.home_ip(START - DAY), created_at=before(rng, 5, 400),
                      variant="localisation" if agency else "documents")
        for t0 in session_starts(rng, c, "office", rng.uniform(1, 4), E.days, weekend_factor=0.2):
            t = t0
            for b in range(rng.randint(1, 12)):
                if agency and rng.random() < 0.6:
                    pr, sys_ = C.locale_batch(rng, tgt, b * 8, rng.randint(6, 16)), None
                else:
                    sys_, pr = C.translation_job(rng, src, tgt, rng.randint(3, 30))
                ip = pick_in(rng, COMPANIES["lingua-bridge"][3]) if agency else ad.home_ip(t)
                rec = E.emit(rng, a, t, prompt=pr, system=sys_, ip=ip, ua=client_sdk(cli)[0], endpoint=client_sdk(cli)[1], model=M,
                             out=int(len(pr) / 3.2) + 20, stream=False, max_tokens=8192)
                t += rng.uniform(15, 120) + (rec["output_tokens"] / 60 if rec else 0)


def eval_harness(E: Engine, rng: random.Random, n: int) -> None:
    for j in range(n):
        owner = rng.choice(["benchmark-co", None, None])
        if owner:
            name, city, dom = COMPANIES[owner][0], COMPANIES[owner][1], COMPANIES[owner][2]
        else:
            city = rng.choice(["Berlin", "Paris", "Bengaluru", "Istanbul", "Dubai"])
            name, dom = f"{rng.choice(['Tessera', 'Qubitly', 'Nimbus', 'Yapı', 'Sahara'])} AI", f"{rng.choice(['tessera', 'qubitly', 'nimbusml', 'yapiai', 'saharaai'])}.io"
        c = country_of_city(city)
        ci_range = rng.choice(["20.57.0.0/16", "4.175.0.0/16", "172.200.0.0/16"])  # hosted CI runners
        suite = C.benchmark_set(random.Random(j * 31 + 5), rng.choice(["regress", "mmlu-lite", "inhouse-qa", "tr-bench", "hi-eval"]), rng.randint(150, 400))
        cli = rng.choice(["httpx", "openai-py", "anthropic-py", "aiohttp"])
        a = E.account(rng, "eval_harness", country=c, email=f"ci@{dom}", plan="api", org_id=owner, declared_company=name,
                      payment=fp(owner + "-card") if owner else card(rng), signup_ip=pick_in(rng, ci_range), created_at=before(rng, 30, 300),
                      keys=2)
        runs = []
        for d in range(E.days):
            runs.append(START + d * DAY + (2 - COUNTRIES[c][0]) * 3600 + rng.uniform(0, 600))  # nightly
            runs += [t for t in session_starts(rng, c, "dev", 0.6, E.days, day_from=d, day_to=d + 1, weekend_factor=0.1)]
        for t in sorted(runs):
            model = rng.choice([M, L, T])
            ip = pick_in(rng, ci_range)
            for q in suite:
                rec = E.emit(rng, a, t, prompt=q, system="You are being evaluated. Answer concisely.", ip=ip, ua=client_sdk(cli)[0],
                             endpoint=client_sdk(cli)[1], model=model, out=rng.randint(5, 400), reasoning=model == T, reasoning_share=0.7,
                             stream=False, max_tokens=1024)
                t += rng.uniform(0.2, 1.5)


def research_lab(E: Engine, rng: random.Random, n: int) -> None:
    labs = ["tum", "iisc", "sorbonne", "bogazici", "uw-warsaw", "iitb"]
    for u, k in zip(labs, split(rng, n, len(labs))):
        name, city, dom = UNIVERSITIES[u]
        c = country_of_city(city)
        grant = card(rng)
        suite = C.benchmark_set(random.Random(zlib.crc32(u.encode())), f"{u}-lab-eval", 120)
        script_ua = client_sdk(rng.choice(["openai-py", "anthropic-py"]))
        for _ in range(k):
            lang = lang_for(rng, c)
            ad = Addr(rng, c)
            a = E.account(rng, "research_lab", country=c, email=work_email(rng, lang, dom), plan="api", org_id="uni-" + u,
                          declared_company=name, payment=grant, signup_ip=pick_in(rng, CAMPUS[u]), created_at=before(rng, 20, 400), group=f"lab-{u}")
            for t0 in session_starts(rng, c, "dev", rng.uniform(0.5, 2), E.days, weekend_factor=0.5):
                ipf = (lambda t, u=u: pick_in(rng, CAMPUS[u])) if rng.random() < 0.7 else ad.home_ip
                if rng.random() < 0.15:  # the lab's shared evaluation script
                    t = t0
                    for q in suite:
                        E.emit(rng, a, t, prompt=q, system=None, ip=ipf(t), ua=script_ua[0], endpoint=script_ua[1], model=T, reasoning=True,
                               reasoning_share=0.7, out=rng.randint(200, 2500), stream=False)
                        t += rng.uniform(2, 10)
                else:
                    turns = [(rng.choice(C.RESEARCH_SYS), rng.choice(C.RESEARCH))] + [(None, rng.choice(C.DISTILL_FOLLOW[:4])) for _ in range(rng.randint(0, 5))]
                    E.conversation(rng, a, t0, turns, ip=ipf, client=script_ua, model=T, reasoning=True, out=(1000, 6000), gap=(60, 900))


def hackathon_cohort(E: Engine, rng: random.Random, n: int) -> None:
    venues = [("warsaw-mennica", "PL", 3), ("iitb", "IN", 5), ("dubai-astrolabs", "AE", 4)]
    sizes = split(rng, n, len(venues))
    for (venue, c, day), k in zip(venues, sizes):
        net = COWORK.get(venue) or CAMPUS.get(venue)
        start = START + day * DAY + (9 - COUNTRIES[c][0]) * 3600
        kit = rng.choice(["You are the assistant for 'CityPulse', a hackathon project that helps residents report potholes. Reply in JSON.",
                          "Starter kit: you are an AI agent that plans trips with public transport. Use the tools provided.",
                          "HackDay starter: you answer questions about the event schedule and help teams brainstorm."])
        cli = rng.choice(["openai-js", "vercel-ai", "openai-py"])
        for _ in range(k):
            lang = lang_for(rng, c)
            ad = Addr(rng, c)
            a = E.account(rng, "hackathon_cohort", country=c, email=personal_email(rng, lang, c), plan=rng.choice(["free", "api", "api"]),
                          created_at=start + rng.uniform(-3, 4) * 3600, payment=None, signup_ip=pick_in(rng, net), group=f"hack-{venue}", verified=rng.random() < 0.8)
            own_cli = client_sdk(cli if rng.random() < 0.8 else "curl")
            t = a["created_at"] + rng.uniform(600, 3600)
            while t < start + 36 * 3600:
                if t - start < 30 * 3600 or rng.random() < 0.3:
                    ip = pick_in(rng, net) if rng.random() < 0.85 else ad.mobile_ip()
                    turns = [(kit, rng.choice(["test", "Reported: pothole on ul. Marszałkowska near no. 12", "plan a trip from Andheri to Powai by 9am",
                                               C.dev_prompt(rng), "give me 5 names for our app", "return the schedule as JSON"]))]
                    turns += [(kit, rng.choice(C.DEV_FOLLOW)) for _ in range(rng.randint(0, 3))]
                    t = E.conversation(rng, a, t, turns, ip=ip, client=own_cli, model=rng.choice([M, L]), gap=(5, 90), out=(50, 800))
                t += rng.expovariate(1 / 900) + (rng.uniform(3, 6) * 3600 if rng.random() < 0.05 else 0)
            # a few come back after the event
            for t0 in session_starts(rng, c, "dev", 0.3, E.days, day_from=day + 2):
                E.conversation(rng, a, t0, [(None, C.dev_prompt(rng))], ip=ad.home_ip, client=own_cli, model=M)


def startup_team(E: Engine, rng: random.Random, n: int) -> None:
    i = 0
    while i < n:
        k = min(n - i, rng.randint(3, 7))
        city = rng.choice(["Berlin", "Bengaluru", "Dubai", "Istanbul", "Warsaw", "Paris", "Pune"])
        c = country_of_city(city)
        floor = {"Bengaluru": "bengaluru-91spr", "Dubai": "dubai-astrolabs", "Istanbul": "istanbul-kolektif", "Berlin": "berlin-factory",
                 "Warsaw": "warsaw-mennica", "Paris": "paris-station-f"}.get(city)
        at_floor = floor is not None and rng.random() < 0.6
        dom = f"{rng.choice(['kiwi', 'orbit', 'lumen', 'tiyatro', 'chai', 'nabz', 'piksel', 'ferro', 'kolay', 'vayu'])}{rng.choice(['labs', 'hq', 'app', 'ai', 'tech'])}.{rng.choice(['com', 'io', 'ai', 'in', 'de'])}"
        team_card = card(rng)
        t_sign = before(rng, 1, 200)
        cli = rng.choice(["openai-py", "anthropic-py", "vercel-ai", "langchain", "claude-cli"])
        for _ in range(k):
            lang = lang_for(rng, c)
            ad = Addr(rng, c)
            a = E.account(rng, "startup_team", country=c, email=work_email(rng, lang, dom), plan="team", declared_company=dom.split(".")[0].title(),
                          payment=team_card, signup_ip=pick_in(rng, COWORK[floor]) if at_floor else ad.home_ip(START - DAY),
                          created_at=t_sign + rng.uniform(0, 7200), group=f"team-{dom}")
            for t0 in session_starts(rng, c, "dev", rng.uniform(1.0, 3.5), E.days, weekend_factor=0.4):
                ipf = (lambda t, f=floor: pick_in(rng, COWORK[f])) if at_floor and rng.random() < 0.7 else ad.home_ip
                turns = [(None, C.dev_prompt(rng) if rng.random() < 0.7 else C.chat_prompt(rng, lang))] + [(None, rng.choice(C.DEV_FOLLOW)) for _ in range(rng.randint(0, 6))]
                E.conversation(rng, a, t0, turns, ip=ipf, client=client_sdk(cli), model=M, out=(200, 1400), cache=cli == "claude-cli")
        i += k


def coding_power_user(E: Engine, rng: random.Random, n: int) -> None:
    for _ in range(n):
        c = wchoice(rng, DEV_COUNTRIES)
        lang = lang_for(rng, c)
        ad = Addr(rng, c)
        cli = rng.choice(["claude-cli", "codex", "cline", "roo", "opencode", "aider"])
        plan = rng.choice(["max", "max", "api"])
        a = E.account(rng, "coding_power_user", country=c, email=personal_email(rng, lang, c), plan=plan, payment=card(rng),
                      signup_ip=ad.home_ip(START - DAY), created_at=before(rng, 30, 500), variant=cli)
        sysp = rng.choice(C.AGENT_SYSTEM)
        for t0 in session_starts(rng, c, "dev", rng.uniform(0.8, 2.2), E.days, weekend_factor=0.6):
            turns = [(sysp, C.dev_prompt(rng))] + [(sysp, rng.choice(C.AGENT_STEPS)) for _ in range(rng.randint(12, 80))]
            think = rng.random() < 0.3
            E.conversation(rng, a, t0, turns, ip=ad.home_ip, client=client_sdk(cli), model=T if think else M, reasoning=think,
                           gap=(1, 25), out=(80, 1800), cache=True, first_party=plan == "max", max_tokens=rng.choice([32000, 64000]), stream=True, speed=120)


def platform_byok(E: Engine, rng: random.Random, n: int) -> None:
    for _ in range(n):
        pname = rng.choice(["forge-ide", "forge-ide", "agentwerk"])
        p = PLATFORMS[pname]
        c = wchoice(rng, DEV_COUNTRIES)
        lang = lang_for(rng, c)
        ad = Addr(rng, c)
        comp = rng.random() < 0.4
        dom = rng.choice([v[2] for v in COMPANIES.values()]) if comp else None
        email = work_email(rng, lang, dom) if comp else personal_email(rng, lang, c)
        a = E.account(rng, "platform_byok", country=c, email=email, plan="api", payment=card(rng), signup_ip=ad.home_ip(START - DAY),
                      created_at=before(rng, 5, 300), group=pname)
        eu = f"{pname[:3]}_u_{hexid(rng, 8)}"
        euo = dom or email.split("@")[1]
        for t0 in session_starts(rng, c, "dev", rng.uniform(0.6, 2.5), E.days, weekend_factor=0.5):
            turns = [(p["system"], C.dev_prompt(rng))] + [(p["system"], rng.choice(C.DEV_FOLLOW + C.AGENT_STEPS)) for _ in range(rng.randint(0, 10))]
            E.conversation(rng, a, t0, turns, ip=lambda t: pick_in(rng, p["relay"]), client=(p["ua"], p["endpoint"]), model=M, platform=pname,
                           end_user_id=eu, end_user_org=euo, cache=True, gap=(5, 120), out=(100, 1500))


def platform_account(E: Engine, rng: random.Random, n: int) -> None:
    for pname in list(PLATFORMS)[:max(1, n)]:
        p = PLATFORMS[pname]
        c = country_of_city(p["city"])
        a = E.account(rng, "platform_account", country=c, email=f"platform-ops@{p['domain']}", plan="enterprise", org_id=pname, declared_company=p["name"],
                      payment=fp(pname + "-card"), signup_ip=pick_in(rng, p["relay"]), created_at=before(rng, 200, 700), keys=4, group=pname)
        users = []
        for i in range(rng.randint(250, 420)):
            uc = wchoice(rng, DEV_COUNTRIES if pname != "souqai" else {"AE": 5, "SA": 4, "EG": 3, "IN": 3, "JO": 1})
            ulang = lang_for(rng, uc)
            if i < 3:  # one end user from each rival, doing ordinary work through the platform
                rv = list(RIVALS)[i]
                org = RIVALS[rv]["domains"][0]
            else:
                org = rng.choice([None, None, rng.choice([v[2] for v in COMPANIES.values()]), freemail(rng, uc)])
            users.append((f"{pname[:3]}_u_{hexid(rng, 8)}", org, uc, ulang, rng.uniform(0.1, 1.2)))
        for eu, org, uc, ulang, rate in users:
            for t0 in session_starts(rng, uc, "dev" if pname != "souqai" else "evening", rate, E.days, weekend_factor=0.5):
                if pname == "souqai":
                    turns = [(p["system"], C.chat_prompt(rng, ulang))] + [(p["system"], C.chat_follow(rng, ulang)) for _ in range(rng.randint(0, 3))]
                else:
                    turns = [(p["system"], C.dev_prompt(rng))] + [(p["system"], rng.choice(C.DEV_FOLLOW + C.AGENT_STEPS)) for _ in range(rng.randint(0, 8))]
                E.conversation(rng, a, t0, turns, ip=lambda t: pick_in(rng, p["relay"]), client=(p["ua"], p["endpoint"]), model=M, platform=pname,
                               end_user_id=eu, end_user_org=org, cache=pname != "souqai", gap=(5, 150), out=(100, 1200))


def former_rival_employee(E: Engine, rng: random.Random, n: int) -> None:
    rivals = list(RIVALS)
    for j in range(n):
        rv = RIVALS[rivals[j % 3]]
        c = country_of_city(rv["city"])
        lang = lang_for(rng, c)
        ad = Addr(rng, c)
        a = E.account(rng, "former_rival_employee", country=c, email=personal_email(rng, lang, c), plan=rng.choice(["pro", "api"]),
                      declared_company=rv["name"] if rng.random() < 0.5 else rng.choice([None, "Kaveri Systems", "freelance"]),
                      payment=card(rng), signup_ip=pick_in(rng, rv["office"]), created_at=before(rng, 500, 900), group=rivals[j % 3])
        cli = rng.choice(["openai-py", "anthropic-py", "claude-cli"])
        for t0 in session_starts(rng, c, "dev", rng.uniform(0.3, 1.5), E.days):
            turns = [(None, C.dev_prompt(rng) if rng.random() < 0.6 else C.chat_prompt(rng, lang))] + [(None, rng.choice(C.DEV_FOLLOW)) for _ in range(rng.randint(0, 4))]
            E.conversation(rng, a, t0, turns, ip=ad.home_ip, client=client_sdk(cli), model=M, first_party=a["plan"] == "pro")


def namesake_staff(E: Engine, rng: random.Random, n: int) -> None:
    names = list(NAMESAKES)
    for j in range(n):
        org = names[j % 3]
        name, city, dom = NAMESAKES[org]
        c = country_of_city(city)
        lang = lang_for(rng, c)
        ad = Addr(rng, c)
        a = E.account(rng, "namesake_staff", country=c, email=work_email(rng, lang, dom), plan=rng.choice(["team", "pro", "api"]), org_id=org,
                      declared_company=name, payment=fp(org + "-card"), signup_ip=ad.home_ip(START - DAY), created_at=before(rng, 10, 300), group=org)
        for t0 in session_starts(rng, c, "office", rng.uniform(0.5, 2), E.days, weekend_factor=0.1):
            turns = [(None, C.chat_prompt(rng, lang) if rng.random() < 0.6 else C.doc_request(rng, "invoice", rng.randint(1, 9999), c, lang, "user", "plain")[1])]
            turns += [(None, C.chat_follow(rng, lang)) for _ in range(rng.randint(0, 2))]
            E.conversation(rng, a, t0, turns, ip=ad.home_ip, client=(browser_ua(rng), "/v1/messages"), model=M, first_party=True)


def vpn_user(E: Engine, rng: random.Random, n: int) -> None:
    for j in range(n):
        exit_ = "ProtonIST" if j % 2 == 0 else rng.choice(list(VPN_EXITS))
        c = "TR" if exit_ == "ProtonIST" and rng.random() < 0.6 else wchoice(rng, CONSUMER_COUNTRIES)
        lang = lang_for(rng, c)
        plan = rng.choice(["free", "pro", "api"])
        a = E.account(rng, "vpn_user", country=c, email=personal_email(rng, lang, c), plan=plan, payment=None if plan == "free" else card(rng),
                      signup_ip=pick_in(rng, VPN_EXITS[exit_]), created_at=before(rng, 2, 400), group=exit_)
        ad = Addr(rng, c)
        for t0 in session_starts(rng, c, "evening", rng.uniform(0.3, 1.5), E.days):
            on_vpn = rng.random() < 0.8
            ipf = (lambda t, e=exit_: pick_in(rng, VPN_EXITS[e])) if on_vpn else ad.home_ip
            dev = plan == "api"
            turns = [(None, C.dev_prompt(rng) if dev else C.chat_prompt(rng, lang))] + [(None, C.chat_follow(rng, lang)) for _ in range(rng.randint(0, 3))]
            E.conversation(rng, a, t0, turns, ip=ipf, client=client_sdk("openai-py") if dev else (browser_ua(rng), "/v1/messages"), model=M,
                           first_party=not dev)


def cloud_tenant(E: Engine, rng: random.Random, n: int) -> None:
    for _ in range(n):
        c = rng.choice(["DE", "DE", "PL", "FR", "AT", "NL"])
        dom = f"{rng.choice(['mediflow', 'baustein', 'fakturo', 'ruchomo', 'ticketino', 'reisefix', 'karta', 'horaire'])}{rng.randint(1, 99)}.{rng.choice(['de', 'pl', 'fr', 'eu', 'com'])}"
        cli = client_sdk(rng.choice(["openai-py", "java", "go", "dotnet", "langchain"]))
        a = E.account(rng, "cloud_tenant", country=c, email=f"dev@{dom}", plan="api", declared_company=dom.split(".")[0].title() + " GmbH",
                      payment=card(rng), signup_ip=pick_in(rng, CLOUD_SHARED_NAT), created_at=before(rng, 20, 500))
        sysp = rng.choice(["You summarise customer emails for a small ERP product. Reply with 3 bullet points.",
                           "Du hilfst Nutzern unserer Buchhaltungssoftware bei Fragen zu Belegen und Umsatzsteuer.",
                           "You generate short appointment reminders in the patient's language.",
                           "Tu aides les utilisateurs de notre application de réservation à reformuler leurs messages."])
        for t0 in session_starts(rng, c, "business", rng.uniform(3, 15), E.days, weekend_factor=0.3):
            t = t0
            for _ in range(rng.randint(1, 6)):
                lang = LANG_OF_COUNTRY[c]
                E.emit(rng, a, t, prompt=C.chat_prompt(rng, lang) if rng.random() < 0.5 else C.ticket_doc(rng, rng.randint(1, 99999)), system=sysp,
                       ip=pick_in(rng, CLOUD_SHARED_NAT), ua=cli[0], endpoint=cli[1], model=L, out=rng.randint(60, 400), stream=False)
                t += rng.uniform(5, 600)


def coworking_member(E: Engine, rng: random.Random, n: int) -> None:
    floors = list(COWORK)
    for j in range(n):
        floor = floors[j % len(floors)]
        c = {"warsaw-mennica": "PL", "berlin-factory": "DE", "paris-station-f": "FR", "dubai-astrolabs": "AE", "bengaluru-91spr": "IN",
             "istanbul-kolektif": "TR"}[floor]
        lang = lang_for(rng, c)
        ad = Addr(rng, c)
        cli = rng.choice(["openai-py", "anthropic-py", "claude-cli", "vercel-ai"])
        a = E.account(rng, "coworking_member", country=c, email=personal_email(rng, lang, c), plan=rng.choice(["api", "pro"]), payment=card(rng),
                      signup_ip=pick_in(rng, COWORK[floor]), created_at=before(rng, 5, 400), declared_company=rng.choice([None, "freelance", "consulting"]),
                      group=floor)
        for t0 in session_starts(rng, c, "office", rng.uniform(1.0, 3.0), E.days, weekend_factor=0.3):
            ipf = (lambda t, f=floor: pick_in(rng, COWORK[f])) if rng.random() < 0.7 else ad.home_ip
            turns = [(None, C.dev_prompt(rng) if rng.random() < 0.6 else C.chat_prompt(rng, lang))] + [(None, rng.choice(C.DEV_FOLLOW)) for _ in range(rng.randint(0, 5))]
            E.conversation(rng, a, t0, turns, ip=ipf, client=client_sdk(cli), model=M, first_party=a["plan"] == "pro")


def household_shared(E: Engine, rng: random.Random, n: int) -> None:
    for _ in range(n):
        c = wchoice(rng, CONSUMER_COUNTRIES)
        lang = lang_for(rng, c)
        ad = Addr(rng, c)
        a = E.account(rng, "household_shared", country=c, email=personal_email(rng, lang, c), plan="pro", payment=card(rng),
                      signup_ip=ad.home_ip(START - DAY), created_at=before(rng, 30, 600))
        members = [(rng.choice(PHONES), lang_for(rng, c), rng.choice(["evening", "student", "office"])) for _ in range(rng.randint(2, 3))]
        for phone, ml, prof in members:
            for t0 in session_starts(rng, c, prof, rng.uniform(0.4, 1.5), E.days, weekend_factor=1.2):
                home = rng.random() < 0.7
                turns = [(None, C.chat_prompt(rng, ml) if prof != "student" else rng.choice(C.STUDENT))] + [(None, C.chat_follow(rng, ml)) for _ in range(rng.randint(0, 3))]
                E.conversation(rng, a, t0, turns, ip=ad.home_ip if home else (lambda t: ad.mobile_ip()), client=(app_ua(rng, phone), "/v1/messages"),
                               model=M, first_party=True)


def support_bot(E: Engine, rng: random.Random, n: int) -> None:
    shops = [("pazar365", "TR", "tr", "Pazar365 müşteri asistanısın. Sipariş, iade ve kargo sorularına kibarca yanıt ver."),
             (None, "AE", "ar", "You are the customer assistant of Desert Bloom Perfumes (Dubai). Answer in Arabic or English. Never promise refunds; escalate."),
             (None, "IN", "hi", "You are Chhaya, the support assistant for a D2C ethnic-wear brand. Reply in the customer's language (Hindi, Hinglish or English)."),
             (None, "DE", "de", "Du bist der Kundenservice-Assistent eines Online-Fahrradhändlers. Sei freundlich und präzise."),
             (None, "PL", "pl", "Jesteś asystentem obsługi klienta sklepu z elektroniką. Odpowiadaj krótko i uprzejmie.")]
    for j in range(n):
        org, c, lang, sysp = shops[j % len(shops)]
        dom = COMPANIES[org][2] if org else f"shop{rng.randint(10, 99)}.{c.lower()}"
        server = pick_in(rng, rng.choice(list(VPS.values())))
        cli = client_sdk(rng.choice(["openai-js", "axios", "openai-py", "go"]))
        a = E.account(rng, "support_bot", country=c, email=f"tech@{dom}", plan="api", org_id=org, declared_company=dom.split(".")[0].title(),
                      payment=fp(org + "-card") if org else card(rng), signup_ip=server, created_at=before(rng, 30, 500))
        for t0 in session_starts(rng, c, "evening", rng.uniform(40, 150), E.days, weekend_factor=1.3):
            turns = [(sysp, C.ticket_doc(rng, rng.randint(1, 10**6)).split("\n\n", 1)[1] if rng.random() < 0.6 else C.chat_prompt(rng, lang))]
            turns += [(sysp, C.chat_follow(rng, lang)) for _ in range(rng.randint(0, 4))]
            E.conversation(rng, a, t0, turns, ip=server, client=cli, model=L, gap=(10, 90), out=(60, 300), cache=True)


def catalogue_pipeline(E: Engine, rng: random.Random, n: int) -> None:
    for j in range(n):
        org = "pazar365" if j == 0 else None
        c = "TR" if org else rng.choice(["IN", "PL", "AE", "DE"])
        dom = COMPANIES[org][2] if org else f"{rng.choice(['kartstore', 'bazaarly', 'sklepik', 'haushalt24'])}.{c.lower()}"
        server = pick_in(rng, rng.choice(list(VPS.values())))
        cli = client_sdk(rng.choice(["openai-py", "requests"]))
        a = E.account(rng, "catalogue_pipeline", country=c, email=f"catalog@{dom}", plan="api", org_id=org, declared_company=dom.split(".")[0].title(),
                      payment=fp(org + "-card") if org else card(rng), signup_ip=server, created_at=before(rng, 30, 400))
        sku = rng.randint(10000, 50000)
        prefix = rng.choice(["PZ", "KS", "BZ", "HH"])
        for d in range(E.days):
            t = START + d * DAY + (1 - COUNTRIES[c][0]) * 3600
            for _ in range(rng.randint(300, 900)):
                prod = rng.choice(C.PRODUCTS)
                pr = (f"Write a product description in {C.LANG_NAME.get(LANG_OF_COUNTRY[c], 'English')} for our catalogue.\nSKU: {prefix}-{sku:07d}\nName: {prod}\n"
                      f"Attributes: colour={rng.choice(['black', 'white', 'navy', 'sand'])}; material={rng.choice(['steel', 'cotton', 'ABS', 'silicone'])}; "
                      f"price={rng.randint(99, 2999)}\nOutput: title (max 80 chars), 5 bullets, 120-word description.")
                sku += 1
                E.emit(rng, a, t, prompt=pr, system=None, ip=server, ua=cli[0], endpoint=cli[1], model=L, out=rng.randint(200, 450), stream=False)
                t += rng.uniform(1, 6)


def rival_office_visitor(E: Engine, rng: random.Random, n: int) -> None:
    rivals = list(RIVALS)
    for j in range(n):
        rv = RIVALS[rivals[j % 3]]
        c = country_of_city(rv["city"])
        lang = lang_for(rng, c)
        ad = Addr(rng, c)
        a = E.account(rng, "rival_office_visitor", country=c, email=personal_email(rng, lang, c), plan=rng.choice(["pro", "api", "free"]),
                      payment=card(rng), signup_ip=ad.home_ip(START - DAY), created_at=before(rng, 10, 400), group=rivals[j % 3])
        visit_day = rng.randrange(E.days)
        for t0 in session_starts(rng, c, "evening", rng.uniform(0.5, 1.5), E.days):
            E.conversation(rng, a, t0, [(None, C.chat_prompt(rng, lang))], ip=ad.home_ip, client=(browser_ua(rng), "/v1/messages"), model=M, first_party=True)
        t = START + visit_day * DAY + (rng.uniform(13, 16) - COUNTRIES[c][0]) * 3600
        for _ in range(rng.randint(2, 6)):
            t = E.conversation(rng, a, t, [(None, C.chat_prompt(rng, lang))], ip=pick_in(rng, rv["office"]), client=(app_ua(rng), "/v1/messages"),
                               model=M, first_party=True) + rng.uniform(300, 1800)


# =============================================================================== abuse
def all_cells(domains: list[str] | None = None) -> list[tuple[str, str, str]]:
    return [(d, s, lv) for d, subs in C.DOMAINS.items() if domains is None or d in domains for s in subs for lv in C.LEVELS]


def network_schedule(rng: random.Random, base: list[float], trait) -> list[float]:
    """Members of an operated network run off one orchestrator: in lockstep (seconds apart) when blatant,
    jittered by minutes to hours and thinned when careful."""
    if trait():
        return sorted(t + rng.gauss(0, 1800) for t in base if rng.random() < 0.7)
    return [t + rng.uniform(0, 20) for t in base]


def harvest(E: Engine, rng: random.Random, a: dict, *, c: str, cells: list, trait, starts: list[float], ip, client: tuple[str, str],
            langs: list[str], per_session: tuple[int, int], first_party: bool = False, platform: str | None = None,
            eu: str | None = None, euo: str | None = None, system_override: str | None = None, fixed_style: str | None = None) -> None:
    """Reasoning harvest over a topic grid. Careful: paraphrase, several languages, follow-ups, wrappers, shuffled walk."""
    paraphrase, follow, wrap, shuffle = trait(), trait(), trait(), trait()
    order = list(cells)
    if shuffle:
        rng.shuffle(order)
    i = 0
    for t0 in starts:
        t = t0
        for _ in range(rng.randint(*per_session)):
            dom, sub, lvl = order[i % len(order)]
            i += 1
            style = fixed_style or ("template" if not paraphrase else rng.choice(["paraphrase", "paraphrase", "json"] + (["document", "system"] if wrap else [])))
            lang = rng.choice(langs) if paraphrase else "en"
            sys_, pr = C.distill_prompt(rng, dom, sub, lvl, lang, style)
            if system_override:
                sys_ = system_override
            turns = [(sys_, pr)]
            if follow:
                turns += [(sys_, rng.choice(C.DISTILL_FOLLOW)) for _ in range(rng.choice([0, 1, 1, 2, 3]))]
            t = E.conversation(rng, a, t, turns, ip=ip, client=client, model=T, reasoning=True, out=(1200, 7000), rshare=(0.6, 0.85),
                               gap=(20, 180) if follow else (0.5, 4), first_party=first_party, platform=platform, end_user_id=eu,
                               end_user_org=euo, stream=rng.random() < 0.5, max_tokens=rng.choice([16000, 32000, None]), speed=150)
            t += rng.uniform(30, 400) if follow else rng.uniform(0.3, 3)


def competitor(E: Engine, rng: random.Random, n: int) -> None:
    variants = ["card", "sso", "domain", "ide", "office", "contractor"]
    rivals = list(RIVALS)
    for j in range(n):
        rid = rivals[j % 3]
        rv = RIVALS[rid]
        v = variants[(j // 3) % len(variants)]
        c = country_of_city(rv["city"])
        lang = lang_for(rng, c)
        ad = Addr(rng, c)
        careful, trait = careful_traits(rng, E.careful)
        harvests = rng.random() < 0.5
        cats = ("competitor", "distillation") if harvests else ("competitor",)
        email = personal_email(rng, lang, c)
        kw: dict = {}
        if v == "card":
            kw = dict(plan="api", payment=rng.choice(rv["cards"]))
        elif v == "sso":
            email = work_email(rng, lang, rng.choice(rv["domains"]))
            kw = dict(plan="team", payment=rng.choice(rv["cards"]), sso=rv["sso"][0], org_id=rid, declared_company=rv["name"])
        elif v == "domain":
            email = work_email(rng, lang, rv["domains"][0])
            kw = dict(plan="api", payment=card(rng), declared_company=rv["name"] if rng.random() < 0.5 else None)
        elif v == "ide":
            kw = dict(plan="api", payment=card(rng))
        elif v == "office":
            kw = dict(plan=rng.choice(["pro", "api"]), payment=card(rng))
        else:  # contractor paid by the rival: elsewhere, personal e-mail, the rival's card
            c = rng.choice(["EG", "TR", "IN", "PL"])
            ad = Addr(rng, c)
            lang = lang_for(rng, c)
            email = personal_email(rng, lang, c)
            kw = dict(plan="api", payment=rng.choice(rv["cards"]), declared_company=rng.choice([None, "freelance data consultant"]))
            harvests = True
            cats = ("competitor", "distillation")
        office = lambda t, rv=rv: pick_in(rng, rv["office"])
        at_office = v in ("sso", "domain", "office") or (v == "card" and rng.random() < 0.5)
        signup_ip = pick_in(rng, rv["office"]) if at_office else ad.home_ip(START - DAY)
        a = E.account(rng, "competitor", country=c, email=email, created_at=before(rng, 3, 200), signup_ip=signup_ip,
                      categories=cats, label_org=rid, variant=v + ("+harvest" if harvests else ""), careful=careful, **kw)
        ipf = (lambda t: office(t) if rng.random() < 0.8 else ad.home_ip(t)) if at_office else ad.home_ip
        if v == "ide":
            p = PLATFORMS["forge-ide"]
            eu, euo = f"for_u_{hexid(rng, 8)}", rv["domains"][0]
            client, ipf, plat, sysov = (p["ua"], p["endpoint"]), (lambda t: pick_in(rng, p["relay"])), "forge-ide", p["system"]
        else:
            eu = euo = plat = sysov = None
            client = client_sdk(rng.choice(["openai-py", "anthropic-py", "httpx"])) if not (trait() and v == "office") else (browser_ua(rng), "/v1/messages")
        fpty = kw.get("plan") == "pro"
        if harvests:
            cells = all_cells(rng.sample(list(C.DOMAINS), 3))
            starts = session_starts(rng, c, "office" if trait() else "flat", rng.uniform(2, 5) if trait() else rng.uniform(5, 10), E.days,
                                    weekend_factor=0.2 if trait() else 1.0)
            harvest(E, rng, a, c=c, cells=cells, trait=trait, starts=starts, ip=ipf, client=client, langs=[lang, "en", "en"],
                    per_session=(2, 6) if trait() else (6, 25), platform=plat, eu=eu, euo=euo, system_override=sysov, first_party=fpty)
        else:  # competitive use of ordinary kinds: coding, benchmarking their own ideas, product work
            for t0 in session_starts(rng, c, "office", rng.uniform(1, 3), E.days, weekend_factor=0.1):
                turns = [(sysov, C.dev_prompt(rng) if rng.random() < 0.6 else rng.choice(C.RESEARCH))] + [(sysov, rng.choice(C.DEV_FOLLOW)) for _ in range(rng.randint(0, 6))]
                E.conversation(rng, a, t0, turns, ip=ipf, client=client, model=rng.choice([M, T]), platform=plat, end_user_id=eu, end_user_org=euo,
                               first_party=fpty, out=(200, 2000))


def competitor_front(E: Engine, rng: random.Random, n: int) -> None:
    """A front consultancy harvesting for deccan-intelligence, members dividing the space."""
    rid = "deccan-intelligence"
    rv = RIVALS[rid]
    net = "net-front-" + hexid(rng, 6)
    dom = "northgate-analytics.com"
    cells = all_cells(["math", "cs", "logic", "physics"])
    rng.shuffle(cells)
    careful, trait = careful_traits(rng, E.careful)
    vps = VPS["linode-mum"]
    t_sign = before(rng, 5, 40)
    base = session_starts(rng, "IN", "office" if trait() else "flat", rng.uniform(4, 8), E.days, weekend_factor=0.3 if trait() else 1)
    for j in range(n):
        c = "IN" if rng.random() < 0.8 else "AE"
        lang = lang_for(rng, c)
        ad = Addr(rng, c)
        paid_by_rival = j < 2
        resi = trait()
        a = E.account(rng, "competitor_front", country=c, email=work_email(rng, lang, dom) if not trait() else personal_email(rng, lang, c),
                      plan="api", declared_company="Northgate Analytics LLP", payment=rng.choice(rv["cards"]) if paid_by_rival else card(rng),
                      signup_ip=resi_proxy_ip(rng, c) if resi else pick_in(rng, vps),
                      created_at=t_sign + (rng.uniform(0, 10) * DAY if trait() else rng.uniform(0, 3) * 3600),
                      categories=("competitor", "coordination", "distillation"), network_id=net, label_org=rid, variant="front",
                      careful=careful)
        mine = cells[j::n]
        ipf = (lambda t, c=c: resi_proxy_ip(rng, c)) if resi else (lambda t: pick_in(rng, vps))
        starts = network_schedule(rng, base, trait)
        harvest(E, rng, a, c=c, cells=mine, trait=trait, starts=starts, ip=ipf,
                client=client_sdk(rng.choice(["openai-py", "httpx", "litellm"])), langs=["en", "hi", lang], per_session=(3, 15))


def distill_bulk(E: Engine, rng: random.Random, n: int) -> None:
    for j in range(n):
        c = rng.choice(["DE", "TR", "IN", "AE", "PL", "EG", "NL"])
        lang = lang_for(rng, c)
        careful, trait = careful_traits(rng, E.careful)
        vps = rng.choice(list(VPS.values()))
        resi = trait()
        variant = "json-trace" if (rng.random() < 0.35 and not trait()) else "mixed"
        a = E.account(rng, "distill_bulk", country=c, email=personal_email(rng, lang, c), plan="api", payment=card(rng),
                      signup_ip=resi_proxy_ip(rng, c) if resi else pick_in(rng, vps), created_at=before(rng, 2, 60),
                      declared_company=rng.choice([None, "AI research", "EdTech startup"]), categories=("distillation",), careful=careful,
                      variant=variant)
        ipf = (lambda t, c=c: resi_proxy_ip(rng, c)) if resi else (lambda t, v=vps: pick_in(rng, v))
        starts = session_starts(rng, c, "dev" if trait() else "flat", rng.uniform(5, 12), E.days, weekend_factor=1.0)
        harvest(E, rng, a, c=c, cells=all_cells(), trait=trait, starts=starts, ip=ipf, client=client_sdk(rng.choice(["openai-py", "aiohttp", "requests", "httpx"])),
                langs=["en", lang, "de", "fr"], per_session=(6, 25), fixed_style="json" if variant == "json-trace" else None)


def distill_careful(E: Engine, rng: random.Random, n: int) -> None:
    for _ in range(n):
        c = wchoice(rng, DEV_COUNTRIES)
        lang = lang_for(rng, c)
        ad = Addr(rng, c)
        careful, trait = careful_traits(rng, max(E.careful, 0.6))
        plan = rng.choice(["max", "pro", "api"])
        a = E.account(rng, "distill_careful", country=c, email=personal_email(rng, lang, c), plan=plan, payment=card(rng),
                      signup_ip=ad.home_ip(START - DAY), created_at=before(rng, 10, 200), categories=("distillation",), careful=careful)
        dom = rng.choice(list(C.DOMAINS))
        cells = all_cells([dom, rng.choice(list(C.DOMAINS))])
        client = (browser_ua(rng), "/v1/messages") if plan != "api" else client_sdk(rng.choice(["openai-py", "anthropic-py"]))
        starts = session_starts(rng, c, "dev", rng.uniform(3, 8), E.days, weekend_factor=0.8)
        harvest(E, rng, a, c=c, cells=cells, trait=lambda: rng.random() < max(careful, 0.5), starts=starts, ip=ad.home_ip, client=client,
                langs=[lang, "en", rng.choice(["de", "fr", "pl", "tr", "ar", "hi"])], per_session=(1, 5), first_party=plan != "api")


def coord_distill(E: Engine, rng: random.Random, n: int) -> None:
    plans = [["math", "physics", "chemistry"], ["cs", "logic"], ["law", "econ", "medicine"]]
    for g, k in enumerate(split(rng, n, 3)):
        if k == 0:
            continue
        net = "net-distill-" + hexid(rng, 6)
        careful, trait = careful_traits(rng, E.careful)
        cells = all_cells(plans[g])
        rng.shuffle(cells)
        c0 = rng.choice(["TR", "IN", "EG", "PL", "AE"])
        shared_card = card(rng)
        vps = rng.choice(list(VPS.values()))
        t_sign = before(rng, 3, 30)
        ua_shared = client_sdk(rng.choice(["requests", "aiohttp", "httpx"]))
        base = session_starts(rng, c0, "dev" if trait() else "flat", rng.uniform(3, 7), E.days, weekend_factor=0.6 if trait() else 1.0)
        handle = rng.choice(["datamine", "gpt.worker", "acc.pool", "nova.train"])
        for j in range(k):
            c = c0 if not trait() else rng.choice(["TR", "IN", "EG", "PL", "AE", "DE", "SA"])
            lang = lang_for(rng, c)
            numbered = not trait()
            email = f"{handle}{j + 1:02d}@{freemail(rng, c)}" if numbered else personal_email(rng, lang, c)
            resi = trait()
            own_card = trait()
            a = E.account(rng, "coord_distill", country=c, email=email, plan="api", payment=card(rng) if own_card else shared_card,
                          signup_ip=resi_proxy_ip(rng, c) if resi else pick_in(rng, vps),
                          created_at=t_sign + (rng.uniform(0, 12) * DAY if trait() else rng.uniform(0, 2) * 3600),
                          categories=("coordination", "distillation"), network_id=net, careful=careful, variant="+".join(plans[g]))
            ipf = (lambda t, c=c: resi_proxy_ip(rng, c)) if resi else (lambda t, v=vps: pick_in(rng, v))
            cli = ua_shared if not trait() else client_sdk(rng.choice(["openai-py", "anthropic-py", "litellm", "langchain"]))
            starts = network_schedule(rng, base, trait)
            # jitter: members run the same schedule offset by minutes (blatant) or independently (careful)
            harvest(E, rng, a, c=c, cells=cells[j::k], trait=trait, starts=starts, ip=ipf, client=cli,
                    langs=["en", lang, rng.choice(["de", "fr", "tr", "ar", "hi", "pl"])], per_session=(3, 14))


def platform_distiller(E: Engine, rng: random.Random, n: int) -> None:
    p = PLATFORMS["agentwerk"]
    for _ in range(n):
        c = wchoice(rng, DEV_COUNTRIES)
        lang = lang_for(rng, c)
        ad = Addr(rng, c)
        careful, trait = careful_traits(rng, E.careful)
        a = E.account(rng, "platform_distiller", country=c, email=personal_email(rng, lang, c), plan="api", payment=card(rng),
                      signup_ip=ad.home_ip(START - DAY), created_at=before(rng, 5, 90), categories=("distillation",), careful=careful)
        eu = f"age_u_{hexid(rng, 8)}"
        starts = session_starts(rng, c, "dev" if trait() else "flat", rng.uniform(4, 10), E.days)
        harvest(E, rng, a, c=c, cells=all_cells(rng.sample(list(C.DOMAINS), 4)), trait=trait, starts=starts, ip=lambda t: pick_in(rng, p["relay"]),
                client=(p["ua"], p["endpoint"]), langs=[lang, "en"], per_session=(5, 25), platform="agentwerk", eu=eu,
                euo=a["email"].split("@")[1], system_override=p["system"])


def _scrape_account(E: Engine, rng: random.Random, a: dict, c: str, keys: list[str], space: str, trait, ipf, client, rate: float,
                    starts: list[float] | None = None) -> None:
    shuffle, para, fmt, paced = trait(), trait(), trait(), trait()
    order = list(keys)
    if shuffle:
        blocks = [order[i:i + 20] for i in range(0, len(order), 20)]
        rng.shuffle(blocks)
        order = [k for b in blocks for k in rng.sample(b, len(b))]
    tix = None if para else 0
    if starts is None:
        starts = session_starts(rng, c, "dev" if paced else "flat", rate, E.days, weekend_factor=0.5 if paced else 1.0)
    i = 0
    for t0 in starts:
        t = t0
        for _ in range(rng.randint(5, 25) if paced else rng.randint(30, 90)):
            if i >= len(order):
                return
            pr = C.scrape_prompt(rng, space, order[i], fmt, tix)
            i += 1
            E.emit(rng, a, t, prompt=pr, ip=ipf(t), ua=client[0], endpoint=client[1], model=rng.choice([M, L]) if para else M,
                   out=rng.randint(250, 1400), stream=rng.random() < 0.3, max_tokens=rng.choice([2048, 4096]), first_party=a["credential"] != "api_key")
            t += rng.uniform(15, 120) if paced else rng.uniform(0.5, 4)


def scraper(E: Engine, rng: random.Random, n: int) -> None:
    spaces = list(C.KEYSPACES)
    for j in range(n):
        space = spaces[j % len(spaces)]
        c = {"icd10": "DE", "pin": "IN", "hs": "TR", "plz": "PL", "lexicon": "DE", "hrb": "DE", "probe": "AE"}[space]
        if rng.random() < 0.3:
            c = rng.choice(["IN", "TR", "EG", "AE", "PL"])
        lang = lang_for(rng, c)
        careful, trait = careful_traits(rng, E.careful)
        vps = rng.choice(list(VPS.values()))
        resi = trait()
        a = E.account(rng, "scraper", country=c, email=personal_email(rng, lang, c), plan="api", payment=card(rng),
                      signup_ip=resi_proxy_ip(rng, c) if resi else pick_in(rng, vps), created_at=before(rng, 1, 60), categories=("scraping",),
                      careful=careful, variant=space)
        ipf = (lambda t, c=c: resi_proxy_ip(rng, c)) if resi else (lambda t, v=vps: pick_in(rng, v))
        cli = client_sdk(rng.choice(["openai-py", "anthropic-py"])) if trait() else client_sdk(rng.choice(["requests", "curl", "go"]))
        keys = C.KEYSPACES[space][0]()
        _scrape_account(E, rng, a, c, keys, space, trait, ipf, cli, rate=rng.uniform(4, 10))


def scrape_network(E: Engine, rng: random.Random, n: int) -> None:
    for g, (space, k) in enumerate(zip(["pin", "hrb"], split(rng, n, 2))):
        if k == 0:
            continue
        net = "net-scrape-" + hexid(rng, 6)
        careful, trait = careful_traits(rng, E.careful)
        keys = C.KEYSPACES[space][0]()
        c0 = "IN" if space == "pin" else "DE"
        vps = rng.choice(list(VPS.values()))
        shared_card = card(rng)
        t_sign = before(rng, 2, 20)
        cli0 = client_sdk(rng.choice(["requests", "go", "aiohttp"]))
        base = session_starts(rng, c0, "dev" if trait() else "flat", rng.uniform(3, 7), E.days, weekend_factor=0.5 if trait() else 1.0)
        for j in range(k):
            c = c0 if not trait() else rng.choice(["IN", "DE", "PL", "TR", "AE"])
            lang = lang_for(rng, c)
            resi = trait()
            a = E.account(rng, "scrape_network", country=c, email=personal_email(rng, lang, c) if trait() else f"scr{g}{j:02d}@{freemail(rng, c)}",
                          plan="api", payment=card(rng) if trait() else shared_card, signup_ip=resi_proxy_ip(rng, c) if resi else pick_in(rng, vps),
                          created_at=t_sign + (rng.uniform(0, 8) * DAY if trait() else rng.uniform(0, 3600)),
                          categories=("coordination", "scraping"), network_id=net, careful=careful, variant=space)
            ipf = (lambda t, c=c: resi_proxy_ip(rng, c)) if resi else (lambda t, v=vps: pick_in(rng, v))
            cli = cli0 if not trait() else client_sdk(rng.choice(["openai-py", "anthropic-py", "httpx"]))
            _scrape_account(E, rng, a, c, keys[j::k], space, trait, ipf, cli, rate=0, starts=network_schedule(rng, base, trait))


def free_farm(E: Engine, rng: random.Random, n: int) -> None:
    jobs = [("seo", C.SEO_TEMPL, C.SEO_NICHES), ("listing", C.LISTING_TEMPL, C.PRODUCTS)]
    for g, k in enumerate(split(rng, n, 2)):
        if k == 0:
            continue
        job, templ, items = jobs[g]
        net = "net-farm-" + hexid(rng, 6)
        careful, trait = careful_traits(rng, E.careful)
        c0 = rng.choice(["IN", "TR", "EG", "PK" if False else "SA"])
        vps = rng.choice(list(VPS.values()))
        t_sign = before(rng, 1, 20)
        for j in range(k):
            c = c0 if not trait() else rng.choice(["IN", "TR", "EG", "SA", "AE", "PL"])
            lang = lang_for(rng, c)
            resi = trait()
            numbered = not trait()
            a = E.account(rng, "free_farm", country=c, email=f"{job}.writer{j + 1:03d}@{freemail(rng, c)}" if numbered else personal_email(rng, lang, c),
                          plan="free", payment=None, signup_ip=resi_proxy_ip(rng, c) if resi else pick_in(rng, vps),
                          created_at=t_sign + (rng.uniform(0, 14) * DAY if trait() else rng.uniform(0, 5) * 3600), verified=rng.random() < 0.6,
                          categories=("coordination", "tier_abuse"), network_id=net, careful=careful, variant=job)
            ipf = (lambda t, c=c: resi_proxy_ip(rng, c)) if resi else (lambda t, v=vps: pick_in(rng, v))
            ua = browser_ua(rng) if trait() else client_sdk("requests")[0]
            para = trait()
            off = COUNTRIES[c][0]
            for d in range(E.days):
                if trait() and rng.random() < 0.25:
                    continue  # a day off
                t = START + d * DAY + (rng.uniform(9, 14) if para else 1.0 + j * 0.01) * 3600 - off * 3600
                for _ in range(rng.randint(28, 45)):
                    tp = rng.choice(templ) if para else templ[0]
                    pr = tp.format(kw=rng.choice(items), p=rng.choice(items))
                    E.emit(rng, a, t, prompt=pr, ip=ipf(t), ua=ua, endpoint="/v1/messages", model=M, out=rng.randint(900, 2600),
                           first_party=True, stream=True)
                    t += rng.uniform(40, 300) if para else rng.uniform(3, 10)


def reseller_network(E: Engine, rng: random.Random, n: int) -> None:
    net = "net-resell-" + hexid(rng, 6)
    careful, trait = careful_traits(rng, E.careful)
    relay = VPS["oracle-jed"] if not trait() else rng.choice(list(VPS.values()))
    shared = card(rng)
    relay_ips = [pick_in(rng, relay) for _ in range(3)]
    for j in range(n):
        c = rng.choice(["AE", "SA"])
        lang = lang_for(rng, c)
        a = E.account(rng, "reseller_network", country=c, email=personal_email(rng, lang, c), plan="max", payment=card(rng) if trait() else shared,
                      signup_ip=relay_ips[0] if not trait() else resi_proxy_ip(rng, c), created_at=before(rng, 5, 60),
                      categories=("coordination", "tier_abuse"), network_id=net, careful=careful)
        seats = [(wchoice(rng, {"SA": 4, "EG": 3, "AE": 3, "IN": 3, "JO": 1, "MA": 1}), rng.uniform(0.5, 2.5)) for _ in range(rng.randint(15, 40))]
        ua = "python-httpx/0.27.2" if not trait() else browser_ua(rng)
        for sc, rate in seats:
            sl = lang_for(rng, sc)
            for t0 in session_starts(rng, sc, "evening", rate, E.days, weekend_factor=1.2):
                turns = [(None, C.chat_prompt(rng, sl) if rng.random() < 0.7 else C.dev_prompt(rng))] + [(None, C.chat_follow(rng, sl)) for _ in range(rng.randint(0, 3))]
                E.conversation(rng, a, t0, turns, ip=rng.choice(relay_ips), client=(ua, "/v1/messages"), model=M, first_party=True)


def resold_plan(E: Engine, rng: random.Random, n: int) -> None:
    for _ in range(n):
        careful, trait = careful_traits(rng, E.careful)
        c = rng.choice(["IN", "EG", "TR", "SA", "PL"])
        lang = lang_for(rng, c)
        a = E.account(rng, "resold_plan", country=c, email=personal_email(rng, lang, c), plan="max", payment=card(rng),
                      signup_ip=Addr(rng, c).home_ip(START - DAY), created_at=before(rng, 10, 120), categories=("tier_abuse",), careful=careful)
        k = rng.randint(4, 8) if trait() else rng.randint(10, 25)
        users = []
        for _ in range(k):
            uc = c if trait() else wchoice(rng, CONSUMER_COUNTRIES)
            users.append((uc, Addr(rng, uc), rng.choice(PHONES), lang_for(rng, uc), rng.choice(["evening", "student", "office"])))
        for uc, ad, phone, ul, prof in users:
            for t0 in session_starts(rng, uc, prof, rng.uniform(0.8, 2.5), E.days, weekend_factor=1.0):
                mob = rng.random() < 0.5
                turns = [(None, C.chat_prompt(rng, ul) if rng.random() < 0.6 else rng.choice(C.STUDENT + C.DEV_TOPICS))] + [(None, C.chat_follow(rng, ul)) for _ in range(rng.randint(0, 4))]
                E.conversation(rng, a, t0, turns, ip=(lambda t, ad=ad: ad.mobile_ip()) if mob else ad.home_ip,
                               client=(app_ua(rng, phone) if mob else browser_ua(rng), "/v1/messages"), model=M, first_party=True)


def consumer_automation(E: Engine, rng: random.Random, n: int) -> None:
    jobs = list(C.AUTOMATION_JOBS)
    for j in range(n):
        careful, trait = careful_traits(rng, E.careful)
        c = rng.choice(["DE", "PL", "IN", "TR", "FR", "AE"])
        lang = lang_for(rng, c)
        ad = Addr(rng, c)
        job = jobs[j % len(jobs)]
        sysp, gen = C.AUTOMATION_JOBS[job]
        home = trait()
        a = E.account(rng, "consumer_automation", country=c, email=personal_email(rng, lang, c), plan=rng.choice(["pro", "max"]), payment=card(rng),
                      signup_ip=ad.home_ip(START - DAY), created_at=before(rng, 10, 300), categories=("tier_abuse",), careful=careful, variant=job)
        server = pick_in(rng, rng.choice(list(VPS.values())))
        ua = browser_ua(rng) if trait() else rng.choice([client_sdk("requests")[0], "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36"])
        starts = session_starts(rng, c, "office" if home else "flat", rng.uniform(12, 30) if home else 40, E.days, weekend_factor=0.1 if home else 1.0)
        i = 0
        for t0 in starts:
            t = t0
            for _ in range(rng.randint(3, 12)):
                E.emit(rng, a, t, prompt=gen(rng, i), system=sysp, ip=ad.home_ip(t) if home else server, ua=ua, endpoint="/v1/messages",
                       model=M, out=rng.randint(100, 700), first_party=True, stream=True)
                i += 1
                t += rng.uniform(20, 200) if home else rng.uniform(2, 15)


# =============================================================================== registry
def split(rng: random.Random, n: int, k: int) -> list[int]:
    base = [n // k] * k
    for i in range(n - sum(base)):
        base[i % k] += 1
    return base


PERSONAS = {
    # benign
    "consumer_chat": (consumer_chat, 210), "indie_dev": (indie_dev, 70), "student": (student, 65), "enterprise_staff": (enterprise_staff, 60),
    "doc_pipeline": (doc_pipeline, 13), "labelling_vendor": (labelling_vendor, 20), "translator": (translator, 16), "eval_harness": (eval_harness, 6),
    "research_lab": (research_lab, 18), "hackathon_cohort": (hackathon_cohort, 42), "startup_team": (startup_team, 36),
    "coding_power_user": (coding_power_user, 24), "platform_byok": (platform_byok, 40), "platform_account": (platform_account, 3),
    "former_rival_employee": (former_rival_employee, 9), "namesake_staff": (namesake_staff, 12), "vpn_user": (vpn_user, 20),
    "cloud_tenant": (cloud_tenant, 20), "coworking_member": (coworking_member, 24), "household_shared": (household_shared, 12),
    "support_bot": (support_bot, 5), "catalogue_pipeline": (catalogue_pipeline, 4), "rival_office_visitor": (rival_office_visitor, 6),
    # abuse
    "competitor": (competitor, 30), "competitor_front": (competitor_front, 7), "distill_bulk": (distill_bulk, 6),
    "distill_careful": (distill_careful, 10), "coord_distill": (coord_distill, 30), "platform_distiller": (platform_distiller, 5),
    "scraper": (scraper, 10), "scrape_network": (scrape_network, 10), "free_farm": (free_farm, 32), "reseller_network": (reseller_network, 5),
    "resold_plan": (resold_plan, 6), "consumer_automation": (consumer_automation, 10),
}
FIXED = {"platform_account"}
