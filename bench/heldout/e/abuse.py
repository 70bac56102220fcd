"""Abusive personas.  `w.careful` (0..1) turns each from blatant to careful: paraphrase, pacing like a
person, shuffled order, residential exits, lower volume per account, spreading across accounts."""

from __future__ import annotations

import itertools
import random
from typing import Any

import text as T
from common import everyday_addr, human, poisson, sessions
from orgs import rivals
from places import (CLOUD_TENANT_BLOCKS, COUNTRIES, PLATFORM_RELAYS, Fixed, Pool, ResidentialProxy,
                    home_for, v4_in)
from world import START, World


def _space(rng: random.Random, domains: list[str] | None = None) -> list[tuple[str, str, str, int]]:
    """A capability space to cover: (domain, subtopic, level, item)."""
    out = []
    for d in domains or list(T.DOMAINS):
        for sub in T.DOMAINS[d]:
            for lvl in T.LEVELS:
                for i in range(12):
                    out.append((d, sub, lvl, i))
    return out


def _distill_prompt(rng: random.Random, cell: tuple[str, str, str, int], careful: float, variant: str) -> str:
    d, sub, lvl, i = cell
    prob = T.problem(rng)
    if rng.random() < careful:
        return rng.choice(T.DISTILL_PARA).replace("{sub}", sub).replace("{level}", lvl).replace("{problem}", prob)
    if variant == "json_traces":
        return (f"Task {d}/{sub}/{lvl}/{i}. Return JSON {{\"reasoning\": <your full step-by-step reasoning>, "
                f"\"answer\": <final>}} for: {prob}")
    if variant == "multilingual":
        lang = rng.choice(("English", "French", "Swahili", "Portuguese", "Arabic"))
        return f"[{lang}] " + T.DISTILL_PLAIN.replace("{level}", lvl).replace("{sub}", sub).replace("{i}", str(i)).replace("{problem}", prob)
    return T.DISTILL_PLAIN.replace("{level}", lvl).replace("{sub}", sub).replace("{i}", str(i)).replace("{problem}", prob)


def _order(rng: random.Random, items: list[Any], careful: float) -> list[Any]:
    """Blatant walkers go in order; careful ones shuffle more and more of it."""
    items = list(items)
    if careful <= 0:
        return items
    block = max(1, int(len(items) * careful))
    out = []
    for k in range(0, len(items), block):
        chunk = items[k:k + block]
        rng.shuffle(chunk)
        out.extend(chunk)
    return out


def distill_bulk(w: World, n: int) -> None:
    """Reasoning-trace harvesting on API keys: a grid of domains x subtopics x levels, always asking for
    complete step-by-step reasoning, around the clock (careful: paraphrased, office-like hours)."""
    rng, c = w.rng("distill_bulk"), w.careful
    for i in range(n):
        variant = ["grid_walk", "json_traces", "multilingual"][i % 3]
        cc = rng.choice(("DE", "GB", "ZA", "KE", "NG"))
        addr = ResidentialProxy() if c > 0.7 else Fixed([v4_in(rng.choice(CLOUD_TENANT_BLOCKS), rng.randrange(60000))
                                                         for _ in range(2)])
        a = human(w, rng, "distill_bulk", cc=cc, plan="api", ua_kinds=("py_openai", "py_anthropic", "raw"), addr=addr,
                  payment=w.fp(rng), categories=["distillation"], variant=variant,
                  declared_company=rng.choice([None, "Edu content startup", "Research"]))
        space = _order(rng, _space(rng, rng.sample(list(T.DOMAINS), rng.randint(3, 6))), c)
        per_day = int(rng.randint(350, 700) * (1 - 0.6 * c))
        times = w.times(rng, per_day * w.days, a.country.tz, "mimic" if c > 0.5 else "flat")
        for k, t in enumerate(times):
            cell = space[k % len(space)]
            w.req(a, t, rng, prompt=_distill_prompt(rng, cell, c, variant), model="jua-2-think", reasoning=True,
                  out_tokens=rng.randrange(1200, 7000), max_tokens=16000, stream=False,
                  endpoint=T.endpoint_for(a.ua, rng))


def distill_careful(w: World, n: int) -> None:
    """Harvesting dressed as a person: consumer Max plans, own home address, sessions of a few turns with
    follow-ups, paraphrased prompts, still walking one domain's whole capability space."""
    rng, c = w.rng("distill_careful"), max(0.5, w.careful)
    follow = ["Now solve it a different way and compare the two methods.", "Where could a student go wrong? Explain.",
              "Generalise the argument and prove it.", "Check your answer rigorously, step by step."]
    for i in range(n):
        variant = rng.choice(["paced_human", "follow_up_chains"])
        a = human(w, rng, "distill_careful", plan=rng.choice(("max", "pro", "max")), ua_kinds=("web", "agent_cli"),
                  payment=w.fp(rng), categories=["distillation"], variant=variant)
        dom = rng.choice(list(T.DOMAINS))
        space = _order(rng, _space(rng, [dom]), c)
        it = itertools.cycle(space)

        def prompt(r: random.Random, it: Any = it, variant: str = variant) -> str:
            return _distill_prompt(r, next(it), c, "grid_walk") if r.random() < 0.6 or variant == "paced_human" else r.choice(follow)
        sessions(w, a, rng, n=int(rng.randint(14, 26) * w.days * (1.2 - 0.5 * w.careful)), profile="mimic", prompt=prompt,
                 turns=(3, 9), gap=(40, 260), model="jua-2-think", reasoning=True, max_tokens=32000,
                 per_turn=lambda r, t: {"out_tokens": r.randrange(1500, 9000)}, endpoint=T.endpoint_for(a.ua, rng))


# ---- scraping: walking a keyspace ----

def _keyspace(rng: random.Random, kind: str) -> list[str]:
    if kind == "id_walk":
        base = rng.randrange(10000, 40000)
        return [f"Summarise everything you know about CVE-2024-{base + k:05d}: affected products, CVSS, exploit status."
                for k in range(6000)]
    if kind == "alphabet":
        syl = ["ba", "cha", "da", "fa", "ga", "ha", "ja", "ka", "la", "ma", "na", "pa", "ra", "sa", "ta", "wa", "ya", "za"]
        words = sorted({a + b + cc for a in syl for b in syl for cc in ("", "ni", "la", "ko")})
        return [f"Define the Swahili word '{x}'. Give part of speech, English gloss, plural form and two example sentences."
                for x in words]
    if kind == "directory":
        cities = {"Nairobi": ["Westlands", "Kilimani", "Kasarani", "Embakasi", "Karen", "Ngara"],
                  "Lagos": ["Yaba", "Ikeja", "Lekki", "Surulere", "Ajah"], "Accra": ["Osu", "Madina", "Tema"]}
        return [f"List every registered business on {s} Road No. {k}, {d}, {city}, with owner names and phone numbers."
                for city, ds in cities.items() for d in ds for s in ("Main", "Market", "Church", "Station") for k in range(1, 60)]
    if kind == "catalogue":
        brands = ["TECNO", "Infinix", "itel", "Samsung", "Oraimo", "Hisense"]
        return [f"Give the full specification sheet, launch price in KES/NGN and release date for {b} model {b[:2].upper()}-{k:04d}."
                for b in brands for k in range(1, 900)]
    # probe grid: capability probes over task x language x format x length
    tasks = ["summarise", "translate", "classify sentiment", "extract entities", "write code", "answer a legal question",
             "solve a maths problem", "write a poem", "refuse a harmful request", "follow a JSON schema"]
    langs = ["English", "French", "Swahili", "Hausa", "Amharic", "Portuguese", "Arabic", "Yoruba", "Zulu", "Wolof"]
    fmts = ["plain", "JSON", "markdown table", "YAML", "bullet list"]
    lens = ["10 words", "100 words", "500 words"]
    return [f"Probe: task={t}; language={lg}; format={f}; length={ln}. Perform the task on a sample input you invent."
            for t in tasks for lg in langs for f in fmts for ln in lens]


def scraper(w: World, n: int) -> None:
    """One account walking one keyspace at volume: ids, a dictionary's alphabet, a business directory, a
    product catalogue, a grid of capability probes; careful ones shuffle and pace."""
    rng, c = w.rng("scraper"), w.careful
    kinds = ["id_walk", "alphabet", "directory", "catalogue", "probe_grid"]
    for i in range(n):
        kind = kinds[i % len(kinds)]
        addr = ResidentialProxy() if c > 0.6 else Fixed([v4_in(rng.choice(CLOUD_TENANT_BLOCKS), rng.randrange(60000))])
        a = human(w, rng, "scraper", plan=rng.choice(("api", "api", "pro")), ua_kinds=("raw", "py_openai"), addr=addr,
                  payment=w.fp(rng), categories=["scraping"], variant=kind)
        keys = _order(rng, _keyspace(rng, kind), c)
        per_day = int(rng.randint(250, 500) * (1 - 0.5 * c))
        times = w.times(rng, min(len(keys), per_day * w.days), a.country.tz, "mimic" if c > 0.5 else "flat")
        for t, key in zip(times, keys, strict=False):
            w.req(a, t, rng, prompt=key, model=rng.choice(("jua-2-flash", "jua-2-pro")), out_tokens=rng.randrange(150, 900),
                  stream=False, endpoint=T.endpoint_for(a.ua, rng), max_tokens=1024)


def scrape_network(w: World, n: int) -> None:
    """One keyspace split across several accounts (stride partition), shuffled, residential exits."""
    rng, c = w.rng("scrape_network"), w.careful
    made, g = 0, 0
    while made < n:
        size = min(n - made, rng.randint(5, 8))
        kind = ["catalogue", "directory", "probe_grid"][g % 3]
        net = f"net-e-scrape-{g}"
        keys = _order(rng, _keyspace(rng, kind), max(c, 0.3))
        for j in range(size):
            a = human(w, rng, "scrape_network", plan=rng.choice(("free", "pro", "api")), ua_kinds=("raw", "py_openai", "web"),
                      addr=ResidentialProxy(), categories=["scraping", "coordination"], network_id=net, variant=kind,
                      created=START - rng.uniform(1, 20) * 86400, group=net)
            mine = keys[j::size]
            per_day = int(rng.randint(60, 140) * (1 - 0.4 * c))
            times = w.times(rng, min(len(mine), per_day * w.days), a.country.tz, "mimic")
            for t, key in zip(times, mine, strict=False):
                w.req(a, t + rng.uniform(-300, 300) * c, rng, prompt=key, model="jua-2-flash",
                      out_tokens=rng.randrange(150, 900), stream=False, endpoint=T.endpoint_for(a.ua, rng))
        made += size
        g += 1


# ---- tier abuse ----

def consumer_automation(w: World, n: int) -> None:
    """Pro/Max subscriptions carrying a company's automated workload: templated prompts from a server,
    round the clock (careful: business hours, the owner's home address, a browser-like UA)."""
    rng, c = w.rng("consumer_automation"), w.careful
    for i in range(n):
        variant = ["pipeline", "headless_agent_ci", "support_queue"][i % 3]
        careful_here = rng.random() < c
        addr = (everyday_addr(rng, COUNTRIES[rng.choice(("KE", "NG", "ZA"))]) if careful_here
                else Fixed([v4_in(rng.choice(CLOUD_TENANT_BLOCKS), rng.randrange(60000))]))
        kinds = ("agent_cli",) if variant == "headless_agent_ci" else (("web",) if careful_here else ("raw", "py_anthropic"))
        a = human(w, rng, "consumer_automation", plan=rng.choice(("pro", "max", "max")), ua_kinds=kinds, addr=addr,
                  payment=w.fp(rng), categories=["tier_abuse"], variant=variant)
        per_day = int(rng.randint(200, 500) * (1 - 0.4 * c))
        wl = {"pipeline": "leads", "support_queue": "tickets", "headless_agent_ci": None}[variant]
        counter = rng.randrange(1000, 9000)
        for t in w.times(rng, per_day * w.days, a.country.tz, "office" if careful_here else "flat"):
            counter += 1
            if wl is None:
                p = f"Review pull request #{counter} of repo acme-fintech/core. Diff follows:\n+ {T.dev_prompt(rng)}"
                extra: dict[str, Any] = {"cache_read": rng.randrange(5000, 40000), "max_tokens": 32000}
            else:
                p = T.WORKLOADS[wl].replace("{doc}", T.etl_doc(rng, "support", counter))
                extra = {}
            w.req(a, t, rng, prompt=p, model="jua-2-pro", endpoint="/v1/messages", **extra)


def free_farm(w: World, n: int) -> None:
    """Farms of free accounts, each used up to the free cap, all doing one job (SEO articles, listings).
    Blatant: created in one night from one VPS range with numbered emails. Careful: staggered signups,
    varied email styles, residential exits, paraphrased jobs."""
    rng, c = w.rng("free_farm"), w.careful
    made, g = 0, 0
    while made < n:
        size = min(n - made, rng.randint(14, 24))
        net = f"net-e-farm-{g}"
        job = ["seo", "listings"][g % 2]
        vps = "45.147.228.0/24" if g % 2 == 0 else "89.44.9.0/24"
        base_first, base_last = T.person(rng, "NG")
        t_create = START - 86400 * rng.uniform(0.5, 2)
        for j in range(size):
            if rng.random() < c:
                addr: Any = ResidentialProxy()
                cc = rng.choice(("NG", "GH", "KE"))
                first, last = T.person(rng, cc)
                email = T.personal_email(rng, cc, first, last)
                created = t_create - rng.uniform(0, 10) * 86400
                agent = T.ua(rng, "web", "raw")
            else:
                addr = Pool(vps)
                cc = "NG"
                email = f"{T.ascii_fold(base_first)}{T.ascii_fold(base_last)}{j + 100}@{rng.choice(['gmail.com', 'mail.tm', 'tempmail.dev'])}"
                created = t_create + j * rng.uniform(60, 240)
                agent = "python-requests/2.32.3"
            a = human(w, rng, "free_farm", cc=cc, plan="free", addr=addr, email=email, created=created,
                      categories=["tier_abuse", "coordination"], network_id=net, variant=job, group=net)
            a.ua = agent
            cap = 40
            for d in range(w.days):
                if rng.random() < 0.15 * c:
                    continue
                day0 = START + d * 86400
                k = cap + rng.randint(0, 12) if rng.random() > c else rng.randint(25, cap)
                for m, t in enumerate(w.times(rng, k, a.country.tz, "mimic" if c > 0.5 else "flat", day0, day0 + 86400)):
                    kw = rng.choice(T.SEO_KW)
                    p = T.WORKLOADS["seo"].replace("{kw}", kw) if job == "seo" else \
                        T.WORKLOADS["listings"].replace("{doc}", f"{rng.randint(1, 5)}BR apartment in {rng.choice(T.FILL['place'])}")
                    if rng.random() < c:
                        p = rng.choice(["Please ", "Hi! ", "I need you to ", "Could you "]) + p[0].lower() + p[1:]
                    w.req(a, t, rng, prompt=p, model="jua-2-flash", status=429 if m >= cap else 200,
                          out_tokens=rng.randrange(900, 2200), endpoint="/v1/messages")
        made += size
        g += 1


def resold_plan(w: World, n: int) -> None:
    """A Max subscription resold to many people: different countries, devices and languages, at once."""
    rng, c = w.rng("resold_plan"), w.careful
    for i in range(n):
        a = human(w, rng, "resold_plan", plan="max", ua_kinds=("web",), payment=w.fp(rng), categories=["tier_abuse"],
                  variant="many_places" if c < 0.5 else "one_country")
        k = max(4, int(rng.randint(10, 25) * (1 - 0.6 * c)))
        home = a.country.code
        for u in range(k):
            cc = home if (c >= 0.5 or u == 0) else rng.choice(list(COUNTRIES))
            cty = COUNTRIES[cc]
            addr = everyday_addr(rng, cty)
            agent = T.ua(rng, "web", "android", "ios")
            lang = rng.choice(cty.langs)
            for t in w.times(rng, poisson(rng, 6 * w.days / 10), cty.tz, "consumer"):
                ip, conv = addr.at(t, rng), w.conv_id(rng)
                for turn in range(1, rng.randint(2, 7)):
                    w.req(a, t + turn * rng.uniform(30, 200), rng, prompt=T.chat_prompt(rng, lang), ip=ip, ua=agent,
                          conv=conv, turn=turn, model="jua-2-pro", system=T.APP_SYSTEM.format(date="2026-11"))


def reseller_network(w: World, n: int) -> None:
    """A reseller operating several Max accounts behind its own relay, selling seats: one card (blatant)
    or several prepaid cards (careful), customers everywhere."""
    rng, c = w.rng("reseller_network"), w.careful
    net = "net-e-resell-0"
    relay = Pool("160.119.84.0/26", 40)
    card = w.fp(rng)
    for i in range(n):
        a = human(w, rng, "reseller_network", plan="max", ua_kinds=("web",), addr=relay,
                  payment=card if rng.random() > c else w.fp(rng), categories=["tier_abuse", "coordination"],
                  network_id=net, group=net, created=START - rng.uniform(5, 60) * 86400)
        a.ua = T.UA["web"][0] if rng.random() > c else T.ua(rng, "web")
        for u in range(rng.randint(8, 15)):
            cty = COUNTRIES[rng.choice(list(COUNTRIES))]
            lang = rng.choice(cty.langs)
            for t in w.times(rng, poisson(rng, 5 * w.days / 10), cty.tz, "consumer"):
                conv = w.conv_id(rng)
                for turn in range(1, rng.randint(2, 6)):
                    w.req(a, t + turn * rng.uniform(30, 200), rng, prompt=T.chat_prompt(rng, lang), conv=conv, turn=turn,
                          model="jua-2-pro")


# ---- coordinated distillation networks ----

def coord_network(w: World, n: int) -> None:
    """Operated networks dividing a capability space: each member takes some subtopics, low volume,
    paraphrased templates, jittered timing, rotating residential exits, signups spread over days."""
    rng, c = w.rng("coord_network"), w.careful
    made, g = 0, 0
    while made < n:
        size = min(n - made, rng.randint(9, 14))
        net = f"net-e-coord-{g}"
        doms = rng.sample(list(T.DOMAINS), 3)
        space = _space(rng, doms)
        rng.shuffle(space)
        t0 = START - rng.uniform(2, 25) * 86400
        shared_prefix = rng.choice(["Solve carefully, with full reasoning: ", "Step-by-step please: ",
                                    "Show every reasoning step. "])
        for j in range(size):
            addr = ResidentialProxy() if rng.random() < 0.5 + 0.5 * c else home_for(COUNTRIES["NG"], rng)
            a = human(w, rng, "coord_network", plan=rng.choice(("free", "pro", "pro", "api")),
                      ua_kinds=("web", "py_openai", "raw"), addr=addr, created=t0 + rng.uniform(0, 5 + 10 * c) * 86400,
                      categories=["distillation", "coordination"], network_id=net, variant=f"{len(doms)}-domains",
                      group=net)
            mine = space[j::size]
            per_day = max(8, int(rng.randint(20, 45) * (1 - 0.5 * c)))
            for k, t in enumerate(w.times(rng, per_day * w.days, a.country.tz, "mimic" if c > 0.3 else "flat")):
                cell = mine[k % len(mine)]
                p = _distill_prompt(rng, cell, max(c, 0.3), "grid_walk")
                if rng.random() > c:
                    p = shared_prefix + p
                w.req(a, t + rng.gauss(0, 600 * c), rng, prompt=p, model="jua-2-think", reasoning=True,
                      out_tokens=rng.randrange(1200, 6000), max_tokens=16000, endpoint=T.endpoint_for(a.ua, rng))
        made += size
        g += 1


# ---- hidden competitors ----

def _rival_work(rng: random.Random, rname: str, harvest: bool) -> Any:
    """What a rival's engineers send: evaluation of Jua against their own model, probing of Jua's
    strengths (African languages, code), and for some, harvesting reasoning on a target domain."""
    def p(r: random.Random) -> str:
        x = r.random()
        if harvest and x < 0.6:
            return T.DISTILL_PLAIN.replace("{level}", r.choice(T.LEVELS)).replace("{sub}", r.choice(T.DOMAINS["code"])) \
                .replace("{i}", str(r.randrange(5000))).replace("{problem}", T.problem(r))
        if x < 0.8:
            return r.choice([f"Translate into {lg} and explain any idioms: {s}"
                             for lg in ("Swahili", "Hausa", "Amharic", "Zulu") for s in FILL_SENT]
                            + [T.eval_question(r, r.randrange(2000), "internal-bench")])
        return T.dev_prompt(r)
    return p


FILL_SENT = ["The board approved the merger subject to regulatory review.", "Please reset my password.",
             "Rainfall this season was below average across the region."]


def competitor(w: World, n: int) -> None:
    """A restricted rival's people, tied by different evidence:
    card      personal e-mail, paid with the rival's corporate card (strong)
    sso       team plan on the rival's SSO tenant, alias e-mail domain (strong)
    ide       bring-your-own-key through the IDE platform, end_user_org attested as the rival's domain (strong)
    weak      personal account, own card; only daily sessions from the rival's office range (weak)"""
    rng, c = w.rng("competitor"), w.careful
    rv = rivals(w.rng("rivals"))
    plan_of = {"card": ("pro", "max", "api"), "sso": ("team",), "ide": ("api", "pro"), "weak": ("pro", "api", "max")}
    variants = ["card", "sso", "ide", "weak"]
    order = ["kestrel-ai", "nimbus-labs", "sable-intelligence"]
    sso_groups: dict[str, float] = {}
    for i in range(n):
        var = variants[i % 4]
        r = rv[order[(i // 4) % 3]]
        cty = COUNTRIES[r["_country"]]
        office = Pool(r["_office"], 30)
        harvest = rng.random() < 0.5
        cats = ["competitor"] + (["distillation"] if harvest and var in ("card", "ide") else [])
        kw: dict[str, Any] = {"categories": cats, "org_label": r["org_id"], "variant": var}
        first, last = T.person(rng, cty.code)
        if var == "card":
            a = human(w, rng, "competitor", cc=cty.code, plan=rng.choice(plan_of[var]), ua_kinds=("py_anthropic", "web"),
                      payment=rng.choice(r["payment_fingerprints"]), **kw)
        elif var == "sso":
            created = sso_groups.setdefault(r["org_id"], START - rng.uniform(30, 90) * 86400)
            alias = {"kestrel-ai": "kstrl-research.com", "nimbus-labs": "nmbs-lab.eu", "sable-intelligence": "sable-rd.com"}
            a = human(w, rng, "competitor", cc=cty.code, plan="team", ua_kinds=("py_anthropic", "agent_cli"),
                      email=T.work_email(first, last, alias[r["org_id"]]), sso=r["sso_tenants"][0],
                      addr=everyday_addr(rng, cty, office, 0.1), created=created + rng.uniform(0, 3600), **kw)
        elif var == "ide":
            a = human(w, rng, "competitor", cc=cty.code, plan=rng.choice(plan_of[var]), ua_kinds=("raw",),
                      payment=w.fp(rng), **kw)
            a.ua = "ForgeIDE-Relay/2.14.0"
        else:
            a = human(w, rng, "competitor", cc=cty.code, plan=rng.choice(plan_of[var]), ua_kinds=("web", "py_openai"),
                      payment=w.fp(rng), addr=everyday_addr(rng, cty, office, 0.1), **kw)
        work = _rival_work(rng, r["org_id"], harvest)
        vol = _vol(rng, harvest, c)
        if var == "ide":
            relay = Pool(PLATFORM_RELAYS["forge-ide"], 30)
            sessions(w, a, rng, n=vol, profile="office", prompt=work, turns=(2, 10), gap=(10, 120),
                     system=T.PLATFORM_SYSTEM["forge-ide"], channel="platform", platform="forge-ide",
                     end_user_id=f"fou_{rng.getrandbits(32):08x}", end_user_org=r["domains"][0],
                     per_turn=lambda r_, t, relay=relay, h=harvest: {"ip": relay.at(0, r_), **_out(r_, h)},
                     reasoning=harvest, model="jua-2-think")
        else:
            sessions(w, a, rng, n=vol, profile="office", prompt=work, turns=(2, 10), gap=(10, 150),
                     per_turn=lambda r_, t, h=harvest: _out(r_, h), reasoning=harvest,
                     model=rng.choice(("jua-2-think", "jua-2-pro")), endpoint=T.endpoint_for(a.ua, rng))


def _out(rng: random.Random, harvest: bool) -> dict[str, Any]:
    """Harvesting turns ask for long reasoning; evaluation turns are short."""
    if harvest:
        return {"out_tokens": rng.randrange(1200, 6000), "max_tokens": 16000}
    return {"out_tokens": int(rng.lognormvariate(5.0, 0.9))}


def _vol(rng: random.Random, harvest: bool, c: float) -> int:
    return max(4, int(rng.randint(18, 40) * (1.8 if harvest else 1.0) * (1 - 0.4 * c)))


def competitor_contractors(w: World, n: int) -> None:
    """A contracting firm harvesting code reasoning for a rival, as an operated network: the firm's
    own domain and card, one or two members paid with the rival's card, the space divided among them."""
    rng, c = w.rng("competitor_contractors"), w.careful
    r = rivals(w.rng("rivals"))["kestrel-ai"]
    net = "net-e-contract-kestrel"
    firm_card = w.fp(rng)
    cty = COUNTRIES["KE"]
    office = Pool("41.139.168.0/28", 14)
    space = _space(rng, ["code", "math"])
    rng.shuffle(space)
    strong = {0, 3}
    for j in range(n):
        first, last = T.person(rng, "KE")
        a = human(w, rng, "competitor_contractor", cc="KE", plan="api", ua_kinds=("py_anthropic", "py_openai"),
                  email=T.work_email(first, last, "bluefin-devs.co.ke"), declared_company="Bluefin Dev Contractors",
                  payment=rng.choice(r["payment_fingerprints"]) if j in strong else firm_card,
                  addr=everyday_addr(rng, cty, office, 0.1), categories=["competitor", "coordination", "distillation"],
                  org_label=r["org_id"], network_id=net, group=net, variant="rival_card" if j in strong else "firm_card")
        mine = space[j::n]
        per_day = int(rng.randint(60, 120) * (1 - 0.4 * c))
        for k, t in enumerate(w.times(rng, per_day * w.days, cty.tz, "office")):
            w.req(a, t, rng, prompt=_distill_prompt(rng, mine[k % len(mine)], c, "grid_walk"), model="jua-2-think",
                  reasoning=True, out_tokens=rng.randrange(1500, 6000), max_tokens=16000, endpoint=T.endpoint_for(a.ua, rng))


ABUSE = {
    "distill_bulk": (distill_bulk, 6), "distill_careful": (distill_careful, 8), "scraper": (scraper, 10),
    "scrape_network": (scrape_network, 7), "consumer_automation": (consumer_automation, 10), "free_farm": (free_farm, 36),
    "resold_plan": (resold_plan, 6), "reseller_network": (reseller_network, 5), "coord_network": (coord_network, 34),
    "competitor": (competitor, 28), "competitor_contractor": (competitor_contractors, 8),
}
