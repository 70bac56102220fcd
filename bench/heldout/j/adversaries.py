"""Abusive personas of set J, each from blatant to careful.

Every adversary (or network) draws its own carefulness c around --careful (Gaussian, sigma 0.15,
clipped to 0..1); each careful trait is taken with probability c, and volume shrinks as c grows.
"""

from __future__ import annotations

import random

import content as C
import world as W
from engine import Acct, Client, World
from personas import (DAY, FLAG, HACKATHONS, LITE, THINK, app, chat, consumer_prompt, followup, lang_of, laptop_ip, local_day, past, phone_ip, relay_client, script, sdk, web)

RIVALS = ["nilgiri-labs", "sahyadri-ai", "straits-ai"]
RIVAL_CITY = {"nilgiri-labs": ("IN", "tamil"), "sahyadri-ai": ("IN", "marathi"), "straits-ai": ("SG", None)}


def _person(r: random.Random, w: World, org: str | None = None) -> W.Person:
    if org is None:
        return W.Person(r, w.places, country="IN")
    country, region = RIVAL_CITY[org]
    if country == "SG" and r.random() < 0.35:
        return W.Person(r, w.places, country="IN")        # Straits has engineers in India too
    return W.Person(r, w.places, country=country, region=region if r.random() < 0.6 else None)


def harvest_prompt(r: random.Random, c: float, fixed: int, dom: str, sub: str, langs: list[str]) -> str:
    """A harvesting request: the adversary's fixed template (blatant) or a paraphrase (careful)."""
    d, s, p = C.problem(r, dom, sub)
    lvl = C.pick(r, C.LEVELS)
    if r.random() >= c:
        if fixed == 0:
            return C.HARVEST_BLATANT[0].format(p=p)
        if fixed == 1:
            return C.HARVEST_JSON.format(p=p, lvl=lvl)
        if fixed == 2:
            return C.HARVEST_SELF[r.randrange(2)].format(lvl=lvl, sub=sub.replace("_", " "), dom=dom)
        return C.HARVEST_BLATANT[1].format(p=p)
    lang = r.choice(langs)
    body = C.pick(r, C.HARVEST_PARA.get(lang, C.HARVEST_PARA["en"])).format(p=p)
    return C.pick(r, C.HARVEST_WRAP).format(q=body)


def indic_prompt(r: random.Random, c: float, fixed: int, lang: str) -> str:
    """Harvesting Indic capability: parallel text and reasoning in the target language."""
    if r.random() >= c:
        if fixed % 2 == 0:
            return f"Translate into {lang}. Output only the translation.\n{C.indic_sentence(r)}"
        return f"Answer in {lang} with step-by-step reasoning, then the final answer.\n{C.problem(r)[2]}"
    return C.pick(r, [f"How would a native speaker say this in {lang}? '{C.indic_sentence(r)}'",
                      f"{lang} me natural tareeke se likho: {C.indic_sentence(r)}",
                      f"Explain this to my {lang}-speaking parents in {lang}: {C.problem(r)[2]}",
                      f"I'm learning {lang}. Translate and explain the grammar: {C.indic_sentence(r)}",
                      f"Write a short dialogue in {lang} where a shopkeeper and a customer discuss: {C.pick(r, C.WIRE_X)}"])


def _grid(domains: list[str]) -> list[tuple[str, str]]:
    return [(d, s) for d in domains for s in C.PROBLEMS[d]]


# ---------------------------------------------------------------- rival staff

TIES = ["card", "sso", "domain", "platform", "contractor"]


def competitor(w: World, n: int) -> None:
    """Rival staff and contractors, evenly over the three rivals, by kind of tie. About 40% harvest
    (Indic parallel text and reasoning), the others do competitive research: evaluation sets of their
    own, tokenizer probes across scripts, latency pings with max_tokens 1, prompt extraction."""
    r = w.rng("competitor")
    pl = w.places
    for i in range(n):
        org = RIVALS[i % 3]
        tie = TIES[(i // 3) % len(TIES)]
        e = w.ent[org]
        c = w.carefulness(r)
        harvest = r.random() < 0.4 or tie == "contractor" and r.random() < 0.6
        p = _person(r, w, org)
        office = pl.offices[org] if org != "nilgiri-labs" or r.random() < 0.5 else pl.zscaler_chn
        if org == "straits-ai" and p.country == "IN":
            office = None         # Straits' engineers in India work from home; the office is in Singapore
        card = e["payment_fingerprints"][r.randrange(len(e["payment_fingerprints"]))]
        at_office = office is not None and r.random() >= c
        created = past(r, 3, 250)
        sip = laptop_ip(p, W.START + 11.5 * 3600, office) if at_office else p.home.ip(created, 2)
        kw: dict = dict(org_id=None, declared=None, sso=None)
        euorg = None
        plat = None
        if tie == "card":
            plan, email, pay = r.choice(["pro", "max", "api"]), p.personal_email(r), card
        elif tie == "sso":
            plan, email, pay = "team", p.work_email(r, e["domains"][0]), card
            kw["sso"] = e["sso_tenants"][0]
            if r.random() >= c:
                kw["org_id"], kw["declared"] = org, e["name"].split(" (")[0]
        elif tie == "domain":
            plan, email = "api", p.work_email(r, r.choice(e["domains"]))
            pay = card if r.random() >= c else w.fp(r)
            kw["declared"] = e["name"].split(" (")[0] if r.random() >= c else None
        elif tie == "platform":
            plan, email, pay = "api", p.personal_email(r), w.fp(r)
            euorg, plat = e["domains"][0], "devdeck"
        else:  # contractor
            if org == "nilgiri-labs":
                # an IT-services engineer staffed on Nilgiri's project, a guest in Nilgiri's Azure tenant
                plan, email, pay = "team", p.work_email(r, "tridentinfotech.com"), card
                kw["sso"] = "nilgirilabs.onmicrosoft.com"
                office = r.choice([pl.zscaler_bom, pl.zscaler_blr])
                sip = laptop_ip(p, W.START + 11.5 * 3600, office)
            else:
                # a freelancer in another city, billed to the rival's card
                p = W.Person(r, pl, country="IN")
                plan, email, pay = r.choice(["api", "pro"]), p.personal_email(r), card
                office = None
                kw["declared"] = "Freelance" if r.random() < 0.5 else None
                sip = p.home.ip(created, 2)
        cats = ("competitor", "distillation") if harvest else ("competitor",)
        a = w.account(r, "competitor", created_at=created, email=email, plan=plan, country=p.country, signup_ip=sip, payment=pay,
                      categories=cats, label_org=org, nkeys=2, **kw)
        if plat:
            client = relay_client(r, plat)
            eu = f"deu_{r.getrandbits(40):010x}"
            ipf = (lambda ts: pl.relays["devdeck"].pick(int(ts * 7)))
        else:
            eu = None
            if plan in ("pro", "max", "team"):
                client = web(r, False)
            else:
                client = script(r, r.choice(["httpx", "requests", "aiohttp"])) if r.random() >= c else sdk(r, r.choice(["myna-python", "openai-python"]))
            ipf = (lambda ts, p=p, o=office, ao=at_office: laptop_ip(p, ts, o if ao or (o is not None and r.random() < 0.3) else None))
        system = C.PLATFORM_SYSTEM["devdeck"] if plat else None
        vol = 1.0 - 0.65 * c
        fixed = r.randrange(4)
        langs = ["en", "hinglish", "hi", "ta"] if org != "straits-ai" else ["en", "hi", "ta", "bn"]
        targets = r.sample(C.INDIC10, r.randrange(3, 8))
        grid = _grid(r.sample(C.DOMAINS, 3))
        prof = "office" if at_office else "developer"

        def send(t: float, prompt: str, **kw2) -> None:
            w.emit(a, r, t, prompt, client=client, ip=ipf(t), model=kw2.pop("model", FLAG), system=system, eu=eu, euorg=euorg, **kw2)

        for t in W.sessions(r, w.days, (3.0 if harvest else 1.8) * vol + 0.4, prof, p.country):
            if harvest:
                k = int(W.lognorm(r, 45 * vol + 5, 0.5))
                for _ in range(k):
                    if r.random() < 0.5:
                        send(t, indic_prompt(r, c, fixed, r.choice(targets)), out=260, model=FLAG)
                    else:
                        d, s = r.choice(grid)
                        send(t, harvest_prompt(r, c, fixed, d, s, langs), out=900, model=THINK, reasoning=True, think=3500)
                    t += r.uniform(2, 12) if r.random() >= c else r.uniform(40, 400)
            else:
                k = r.random()
                if k < 0.3:
                    # their own benchmark, same order each time, across models
                    qs = C.eval_question_set(f"{w.seed}:rival-bench:{org}", 60)
                    for q in qs[: r.randrange(20, 61)]:
                        send(t, q, model=r.choice([FLAG, THINK, LITE]), out=200, stream=False)
                        t += r.uniform(1, 6)
                elif k < 0.45:
                    # tokenizer probe: the same paragraph in many scripts, output capped at one token
                    reps = r.choice([1, 10, 50])
                    langs_probe = list(C.SCRIPT_SAMPLES)
                    for lang in langs_probe[: r.randrange(6, len(langs_probe) + 1)]:
                        send(t, " ".join([C.SCRIPT_SAMPLES[lang]] * reps), out=1, max_tokens=1, stream=False, model=LITE)
                        t += r.uniform(0.5, 3)
                elif k < 0.6:
                    # latency and throughput pings
                    for _ in range(r.randrange(10, 60)):
                        send(t, r.choice(["Count from 1 to 200.", "Write 500 words about anything.", "hi"]), out=r.choice([1, 700, 900]),
                             max_tokens=r.choice([1, 1024]), stream=True, model=r.choice([LITE, FLAG, THINK]))
                        t += r.uniform(2, 20)
                else:
                    for _ in range(r.randrange(2, 10)):
                        send(t, C.pick(r, C.RIVAL_RESEARCH)(r), out=500, model=r.choice([FLAG, THINK]))
                        t += r.uniform(30, 600)


def rival_network(w: World, n: int) -> None:
    """Networks run for a rival that divide an Indic reasoning grid. Only the insider(s) carry a tie
    (two when blatant, one when careful); every member is labelled the rival's. A careful network also
    hides a few signups inside a public hackathon's signup window and venue."""
    r = w.rng("rival_network")
    pl = w.places
    size = 8 if n >= 16 else max(3, n // 2)
    nets = max(1, n // size)
    orgs = ["sahyadri-ai", "straits-ai", "nilgiri-labs"]
    made = 0
    for k in range(nets):
        org = orgs[k % 3]
        e = w.ent[org]
        net = f"net-rival-{k + 1}"
        c = w.carefulness(r)
        m = size if k < nets - 1 else n - made
        insiders = 2 if c < 0.5 else 1
        shared_card = w.fp(r)
        vps = r.choice([pl.vps["e2e"], pl.vps["ovh_sg"], pl.vps["hetzner"]])
        vps_addrs = [vps.rand(r) for _ in range(3)]
        t_signup = past(r, 2, 30)
        grid = _grid(["maths", "physics", "logic", "economics"])
        r.shuffle(grid)
        slot = r.uniform(1.0, 3.0)    # the nightly run, local hour
        ev, place, hday, hhour, _ = HACKATHONS[0]
        hack_venue, hack_open = pl.campus[place], W.local_midnight(hday, W.IST) + hhour * 3600
        hack_sys, hack_starters = C.HACK_STARTER[ev]
        fixed = r.randrange(4)
        for j in range(m):
            p = _person(r, w, None)
            insider = j < insiders
            careful_email = r.random() < c
            careful_card = r.random() < c
            careful_net = r.random() < c
            careful_time = r.random() < c
            camouflage = c > 0.6 and j in (insiders, insiders + 1) and r.random() < c
            if insider:
                if j == 0:
                    email, pay = p.personal_email(r), e["payment_fingerprints"][0]
                else:
                    email, pay = p.work_email(r, e["domains"][-1]), (w.fp(r) if careful_card else shared_card)
            else:
                email = p.personal_email(r) if careful_email else f"{r.choice(['datawork', 'annot', 'qa.team'])}{k + 1}.{j:02d}@gmail.com"
                pay = w.fp(r) if careful_card else shared_card
            created = (t_signup - r.uniform(0, 14) * DAY) if careful_time else (t_signup + r.uniform(0, 3) * 3600)
            if camouflage:
                created = hack_open + r.uniform(0.2, 2.5) * 3600
            resid = W.Sticky(r, pl.residential, r.uniform(5, 30))
            if camouflage:
                sip = hack_venue.rand(r)
            else:
                sip = resid.ip(created) if careful_net else vps_addrs[j % 3]
            plan = r.choice(["pro", "api", "api"]) if careful_time else "api"
            a = w.account(r, "rival_network", created_at=created, email=email, plan=plan, country="IN", signup_ip=sip, payment=pay,
                          categories=("competitor", "coordination", "distillation"), network=net, label_org=org, nkeys=1)
            if plan == "pro":
                client = web(r, False)
            elif careful_net:
                client = sdk(r, r.choice(["myna-python", "openai-python", "myna-node"]))
            else:
                client = script(r, "httpx")
            ipf = (lambda ts, cn=careful_net, rs=resid, jj=j: rs.ip(ts) if cn else vps_addrs[jj % 3])
            mine = grid[j::m] or grid[:1]
            langs = ["en", "hi", "hinglish"] if careful_time else ["en"]
            vol = 1.0 - 0.7 * c
            t_first = max(created, W.START)
            if camouflage:
                # first a starter-kit request from the venue, like everyone else that morning
                w.emit(a, r, created + r.uniform(600, 3600), C.pick(r, hack_starters).replace("{x}", C.pick(r, C.SMS)),
                       client=sdk(r, "myna-node"), ip=hack_venue.rand(r), model=LITE, system=hack_sys, out=150)
                t_first = created + 6 * 3600
            if careful_time:
                starts = [t for t in W.sessions(r, w.days, 2.2, "office", "IN") if t > t_first]
            else:
                starts = [W.local_midnight(d, W.IST) + slot * 3600 + r.uniform(0, 90) for d in range(w.days)]
                starts = [t for t in starts if t > t_first]
            for t in starts:
                if careful_time and r.random() < 0.25:
                    continue
                k2 = int(W.lognorm(r, (110 if not careful_time else 18) * vol + 6, 0.3))
                for _ in range(k2):
                    d, s = r.choice(mine)
                    if r.random() < 0.3:
                        prompt = indic_prompt(r, c if careful_time else 0.0, fixed, r.choice(["Hindi", "Marathi", "Tamil", "Bengali"]))
                    else:
                        prompt = harvest_prompt(r, c if careful_time else 0.0, fixed, d, s, langs)
                    w.emit(a, r, t, prompt, client=client, ip=ipf(t), model=THINK, reasoning=True, think=3500, out=800)
                    t += r.uniform(3, 15) if not careful_time else r.uniform(40, 500)
            made += 1


# ---------------------------------------------------------------- distillation

def distill_bulk(w: World, n: int) -> None:
    r = w.rng("distill_bulk")
    pl = w.places
    for i in range(n):
        c = w.carefulness(r)
        p = _person(r, w)
        careful_net, careful_ua, careful_time = r.random() < c, r.random() < c, r.random() < c
        vps = pl.vps[r.choice(["do_blr", "hetzner", "ovh_sg", "vultr_blr", "linode_bom", "contabo_sg"])]
        server = vps.rand(r)
        created = past(r, 1, 40) if not careful_time else past(r, 30, 300)
        a = w.account(r, "distill_bulk", created_at=created, email=p.personal_email(r), plan="api", country=p.country,
                      signup_ip=p.home.ip(created, 2) if careful_net else server, payment=w.fp(r), categories=("distillation",), nkeys=r.randrange(1, 4))
        client = sdk(r, "myna-python", human=False) if careful_ua else script(r, r.choice(["httpx", "aiohttp", "requests"]))
        doms = C.DOMAINS if c < 0.5 else r.sample(C.DOMAINS, r.randrange(3, 5))
        grid = _grid(doms)
        fixed = r.randrange(4)
        langs = ["en", "hinglish", "hi", "ta", "bn", "kn"]
        ipf = (lambda ts, p=p: p.home.ip(ts, 2)) if careful_net else (lambda ts: server)
        vol = 1.0 - 0.7 * c
        if careful_time:
            starts = W.sessions(r, w.days, 3.0, "developer", p.country)
        else:
            starts = [W.START + h * 3600 + r.uniform(0, 600) for h in range(0, w.days * 24, r.choice([1, 2, 3]))]
        for t in starts:
            k = int(W.lognorm(r, 60 * vol + 8, 0.4)) if careful_time else int(W.lognorm(r, 45 * vol + 5, 0.3))
            for _ in range(k):
                d, s = r.choice(grid)
                w.emit(a, r, t, harvest_prompt(r, c, fixed, d, s, langs), client=client, ip=ipf(t), model=THINK, reasoning=True,
                       think=4000, out=900, stream=r.random() < 0.3, max_tokens=r.choice([16000, 32000]))
                t += r.uniform(0.3, 4) if not careful_time else r.uniform(10, 120)


def distill_careful(w: World, n: int) -> None:
    """Aged accounts that keep living a normal life: ordinary chat for the first days, then short
    sittings of a few questions with follow-ups, inside a tutor or handbook wrapper, in the owner's
    language and English, still mixed with everyday requests (cover traffic)."""
    r = w.rng("distill_careful")
    for i in range(n):
        c = max(0.5, w.carefulness(r))
        p = _person(r, w)
        plan = r.choice(["pro", "max", "api"])
        created = past(r, 90, 700)
        a = w.account(r, "distill_careful", created_at=created, email=p.personal_email(r), plan=plan, country=p.country,
                      signup_ip=phone_ip(p, created, r), payment=w.fp(r), categories=("distillation",), nkeys=1)
        client = web(r, False) if plan != "api" else sdk(r, r.choice(["myna-python", "openai-python"]))
        grid = _grid(r.sample(C.DOMAINS, 2))
        langs = ["en"] + p.langs[1:2]
        warm = r.randrange(1, 4)
        ipf = (lambda ts, p=p: p.home.ip(ts, 2))
        for t in W.sessions(r, w.days, r.uniform(2, 6), "developer", p.country):
            day = local_day(t, p.tz)
            if day < warm or r.random() < 0.3:
                lang = lang_of(r, p)
                chat(w, a, r, t, client, ipf, FLAG, consumer_prompt(r, lang), lambda rr, l=lang: followup(rr, l), 1 + int(W.lognorm(r, 1.3, 0.6)))
                continue
            for _ in range(r.randrange(1, 6)):
                d, s = r.choice(grid)
                t = chat(w, a, r, t, client, ipf, THINK, harvest_prompt(r, c, 0, d, s, langs), lambda rr: C.pick(rr, C.HARVEST_FOLLOW),
                         1 + r.randrange(0, 3), out=900, reasoning=True, think=3500, gap=(60, 400))
                t += r.uniform(60, 900)


def distill_platform(w: World, n: int) -> None:
    """Harvest through Sutradhar: the platform's addresses, UA and system prompt carry it; the
    account's own key, the owner as the attested end user."""
    r = w.rng("distill_platform")
    pl = w.places
    for i in range(n):
        c = w.carefulness(r)
        p = _person(r, w)
        created = past(r, 5, 200)
        a = w.account(r, "distill_platform", created_at=created, email=p.personal_email(r), plan="api", country=p.country,
                      signup_ip=p.home.ip(created, 2), payment=w.fp(r), categories=("distillation",), nkeys=1)
        client = relay_client(r, "sutradhar")
        pool = pl.relays["sutradhar"]
        eu = f"suu_{r.getrandbits(40):010x}"
        grid = _grid(r.sample(C.DOMAINS, 4 if c > 0.5 else 7))
        fixed = r.randrange(4)
        vol = 1.0 - 0.65 * c
        workflow = r.random() >= c
        starts = W.sessions(r, w.days, 2.5 if c > 0.5 else 6, "developer" if c > 0.5 else "flat", p.country)
        for t in starts:
            for _ in range(int(W.lognorm(r, 30 * vol + 4, 0.4))):
                d, s = r.choice(grid)
                prompt = harvest_prompt(r, c, fixed, d, s, ["en", "hinglish"])
                if workflow:
                    prompt = f"[workflow: dataset_builder / step 2 of 3] {prompt}"
                w.emit(a, r, t, prompt, client=client, ip=pool.pick(int(t * 7)), model=THINK, reasoning=True, think=3500, out=900,
                       system=C.PLATFORM_SYSTEM["sutradhar"], eu=eu, euorg="gmail.com")
                t += r.uniform(2, 20) if c < 0.5 else r.uniform(30, 300)


def distill_network(w: World, n: int) -> None:
    """Three networks of ten dividing a capability space: STEM subtopics; Indic languages; and a split
    pipeline where two 'teachers' write question banks and eight 'students' get them solved with
    reasoning, each looking like an ordinary teacher or student on its own."""
    r = w.rng("distill_network")
    pl = w.places
    size = 10 if n >= 30 else max(3, n // 3)
    nets = max(1, n // size)
    made = 0
    for k in range(nets):
        kind = ["stem", "indic", "split"][k % 3]
        net = f"net-distill-{k + 1}"
        c = w.carefulness(r)
        m = size if k < nets - 1 else n - made
        card = w.fp(r)
        vps = pl.vps[r.choice(["hetzner", "do_blr", "contabo_sg", "e2e"])]
        addrs = [vps.rand(r) for _ in range(2)]
        t0 = past(r, 3, 40)
        slot = r.uniform(0, 24)
        tmpl = r.randrange(4)
        grid = _grid(["maths", "physics", "chemistry"]) if kind != "indic" else []
        r.shuffle(grid)
        langs_all = C.INDIC10[:]
        r.shuffle(langs_all)
        for j in range(m):
            p = _person(r, w)
            ce, cc, cn, ct, cp = (r.random() < c for _ in range(5))
            writer = kind == "split" and j < 2
            email = p.personal_email(r) if ce else f"{['grid', 'bhasha', 'prep'][k % 3]}.worker{j + 1:02d}@{r.choice(['gmail.com', 'outlook.com']) if ce else 'gmail.com'}"
            resid = W.Sticky(r, pl.residential, r.uniform(3, 20)) if r.random() < 0.5 else None
            created = (t0 - r.uniform(0, 20) * DAY) if ct else (t0 + r.uniform(0, 2) * 3600)
            plan = "pro" if writer or (ct and r.random() < 0.4) else "api"
            sip = (resid.ip(created) if resid else p.home.ip(created, 2)) if cn else addrs[j % 2]
            a = w.account(r, "distill_network", created_at=created, email=email, plan=plan, country=p.country, signup_ip=sip,
                          payment=w.fp(r) if cc else card, categories=("coordination", "distillation"), network=net, nkeys=1)
            if plan == "pro":
                client = web(r, False)
            else:
                client = sdk(r, r.choice(["myna-python", "openai-python", "litellm"]), human=False) if cn else script(r, "aiohttp")
            ipf = (lambda ts, cn=cn, rs=resid, p=p, jj=j: (rs.ip(ts) if rs else p.home.ip(ts, 2)) if cn else addrs[jj % 2])
            vol = 1.0 - 0.7 * c
            if ct:
                starts = W.sessions(r, w.days, 2.0, r.choice(["developer", "evening_only", "student"]), p.country)
                starts = [t for t in starts if r.random() > 0.2]
            else:
                starts = [W.START + d * DAY + slot * 3600 + r.uniform(0, 90) for d in range(w.days)]
            mine = grid[j::m] if grid else []
            my_langs = langs_all[j % len(langs_all): j % len(langs_all) + 1 + (j % 2)]
            for t in starts:
                if t < created:
                    continue
                per = int(W.lognorm(r, (90 if not ct else 16) * vol + 5, 0.3))
                if writer:
                    for _ in range(max(1, per // 8)):
                        d, s = r.choice(grid)
                        subj = {"maths": "Mathematics", "physics": "Physics", "chemistry": "Chemistry"}[d]
                        prompt = (f"Create 25 original {C.pick(r, C.LEVELS)} problems on {s.replace('_', ' ')} ({subj}). Number them. No solutions."
                                  if not cp else C.quiz_request(r, subj, 12, r.randrange(1, 12), s.replace("_", " "), r.choice(["JEE Advanced", "JEE Main"])))
                        chat(w, a, r, t, client, ipf, FLAG, prompt, lambda rr: rr.choice(["25 more, harder", "different subtopic mix", "no repeats please"]),
                             1 + r.randrange(0, 3), out=2600, gap=(60, 300))
                        t += r.uniform(300, 1800)
                    continue
                for _ in range(per):
                    if kind == "indic":
                        prompt = indic_prompt(r, c if cp else 0.0, tmpl, r.choice(my_langs))
                        model, reasoning, out = FLAG, False, 300
                    else:
                        d, s = r.choice(mine or grid)
                        if kind == "split":
                            # a problem from the writers' bank, asked like homework
                            q = C.problem(r, d, s)[2]
                            prompt = C.student_wrap(r, r.choice(["en", "hinglish"]), q) if cp else f"Solve with full reasoning:\n{q}"
                        else:
                            prompt = harvest_prompt(r, c if cp else 0.0, tmpl, d, s, ["en", "hi", "hinglish"])
                        model, reasoning, out = THINK, True, 900
                    w.emit(a, r, t, prompt, client=client, ip=ipf(t), model=model, reasoning=reasoning, think=3500, out=out)
                    t += r.uniform(2, 12) if not ct else r.uniform(30, 420)
            made += 1


# ---------------------------------------------------------------- scraping

SCRAPE_KS = ["kural", "gita", "bns", "pin", "hsn", "station", "drug", "probe"]
DRUG_ASPECTS = ["uses", "dosage", "side effects", "interactions", "Indian brands and prices"]


def _walk(r: random.Random, keys: list[str], c: float, start: int | None = None) -> list[str]:
    """Blatant: contiguous from a start. Careful: shuffled within 20-item blocks, some blocks skipped
    and revisited later."""
    s = r.randrange(len(keys)) if start is None else start
    seq = keys[s:] + keys[:s]
    if r.random() >= c:
        return seq
    blocks = [seq[i:i + 20] for i in range(0, len(seq), 20)]
    for b in blocks:
        r.shuffle(b)
    if len(blocks) > 4:
        later = [blocks.pop(r.randrange(len(blocks))) for _ in range(len(blocks) // 6)]
        blocks += later
    return [k for b in blocks for k in b]


def _keys(ks: str) -> list[str]:
    keys = C.keyspace(ks)
    if ks == "drug":
        keys = [f"{d}|{a}" for d in keys for a in DRUG_ASPECTS]
    return keys


def _kprompt(r: random.Random, ks: str, key: str, form: int) -> str:
    if ks == "drug":
        d, asp = key.split("|")
        base = C.key_prompt(r, ks, d, form)
        return base if form else f"{d}: {asp}. Be complete and cite standard references."
    return C.key_prompt(r, ks, key, form)


def scraper(w: World, n: int) -> None:
    """One account walking a keyspace the model knows: Thirukkural couplets, Gita verses, BNS sections,
    Karnataka PIN codes, HSN headings, railway station codes (an alphabet), drug monographs, a
    capability probe grid (task x 22 languages x length)."""
    r = w.rng("scraper")
    pl = w.places
    for i in range(n):
        ks = SCRAPE_KS[i % len(SCRAPE_KS)]
        c = w.carefulness(r)
        p = _person(r, w)
        cn, cu, ct, cf = (r.random() < c for _ in range(4))
        plan = r.choice(["pro", "api"]) if ct else "api"
        server = pl.vps[r.choice(["do_blr", "hetzner", "linode_bom", "aws_bom", "oracle_hyd"])].rand(r)
        created = past(r, 1, 20) if not ct else past(r, 20, 400)
        a = w.account(r, "scraper", created_at=created, email=p.personal_email(r), plan=plan, country=p.country,
                      signup_ip=p.home.ip(created, 2) if cn else server, payment=w.fp(r), categories=("scraping",), nkeys=1)
        if plan == "pro":
            client = web(r, False) if cu else Client(W.SDK_UAS["headless"](r), "/v1/messages", "script", False)
        else:
            client = sdk(r, r.choice(["myna-python", "openai-python", "myna-node"]), human=False) if cu else script(r, r.choice(["requests", "go", "curl", "httpx"]))
        seq = _walk(r, _keys(ks), c)
        model = r.choice([FLAG, LITE]) if not ct else FLAG
        ipf = (lambda ts, p=p: p.home.ip(ts, 2)) if cn else (lambda ts: server)
        vol = 1.0 - 0.65 * c
        if ct:
            starts = [t for t in W.sessions(r, w.days, 3.0, "office", p.country) if r.random() > 0.15]
        else:
            starts = [W.START + d * DAY + r.uniform(0, 20) * 3600 for d in range(w.days)]
        idx = 0
        out = 500 if ks in ("kural", "gita", "bns", "drug") else 160 if ks in ("pin", "hsn", "station") else 400
        for t in starts:
            k = int(W.lognorm(r, (300 * vol + 20) if not ct else (45 * vol + 10), 0.3))
            for _ in range(k):
                if idx >= len(seq):
                    break
                form = r.randrange(5) if cf else 0
                w.emit(a, r, t, _kprompt(r, ks, seq[idx], form), client=client, ip=ipf(t), model=model,
                       out=out, stream=False if not cu else None, max_tokens=1024)
                idx += 1
                t += r.uniform(0.4, 3) if not ct else r.uniform(15, 160)


def scrape_network(w: World, n: int) -> None:
    """Two networks of six splitting one keyspace: PIN codes by stride, station codes by first letter."""
    r = w.rng("scrape_network")
    pl = w.places
    size = 6 if n >= 12 else max(3, n // 2)
    nets = max(1, n // size)
    made = 0
    for k in range(nets):
        ks = ["pin", "station"][k % 2]
        net = f"net-scrape-{k + 1}"
        c = w.carefulness(r)
        m = size if k < nets - 1 else n - made
        keys = _keys(ks)
        card = w.fp(r)
        vps = pl.vps[r.choice(["hetzner", "do_blr", "ovh_sg"])]
        addrs = [vps.rand(r) for _ in range(2)]
        t0 = past(r, 1, 15)
        for j in range(m):
            p = _person(r, w)
            ce, cc, cn, ct, cf = (r.random() < c for _ in range(5))
            if ks == "pin":
                mine = keys[j::m]
            else:
                letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[j::m]
                mine = [x for x in keys if x[0] in letters]
            email = p.personal_email(r) if ce else f"pindata{k + 1}{j + 1:02d}@gmail.com"
            created = (t0 - r.uniform(0, 12) * DAY) if ct else t0 + r.uniform(0, 1.5) * 3600
            resid = W.Sticky(r, pl.residential, r.uniform(2, 15))
            a = w.account(r, "scrape_network", created_at=created, email=email, plan="api", country="IN",
                          signup_ip=resid.ip(created) if cn else addrs[j % 2], payment=w.fp(r) if cc else card,
                          categories=("coordination", "scraping"), network=net, nkeys=1)
            client = sdk(r, r.choice(["myna-python", "openai-python", "openai-js"]), human=False) if cn else script(r, "go")
            seq = _walk(r, mine, c, 0)
            ipf = (lambda ts, cn=cn, rs=resid, jj=j: rs.ip(ts) if cn else addrs[jj % 2])
            vol = 1.0 - 0.65 * c
            starts = [t for t in W.sessions(r, w.days, 2.5, "office", "IN") if r.random() > 0.2] if ct else \
                [W.START + d * DAY + 2.5 * 3600 + r.uniform(0, 120) for d in range(w.days)]
            idx = 0
            for t in starts:
                if t < created:
                    continue
                for _ in range(int(W.lognorm(r, (160 * vol + 10) if not ct else (35 * vol + 8), 0.3))):
                    if idx >= len(seq):
                        break
                    w.emit(a, r, t, _kprompt(r, ks, seq[idx], r.randrange(5) if cf else 0), client=client, ip=ipf(t), model=LITE,
                           out=150, stream=False, max_tokens=512)
                    idx += 1
                    t += r.uniform(0.5, 4) if not ct else r.uniform(20, 200)
            made += 1


# ---------------------------------------------------------------- tier abuse

def free_farm(w: World, n: int) -> None:
    """Two farms of free accounts driving the consumer web app: Hindi YouTube Shorts scripts and
    marketplace listings / UPSC answers. Blatant farms run past the daily cap; careful ones stay
    under it, on 4G-dongle or residential exits, with a real browser's UA."""
    r = w.rng("free_farm")
    pl = w.places
    size = 15 if n >= 30 else max(3, n // 2)
    nets = max(1, n // size)
    made = 0
    for k in range(nets):
        job = ["shorts", "listings"][k % 2]
        net = f"net-farm-{k + 1}"
        c = w.carefulness(r)
        m = size if k < nets - 1 else n - made
        vps = pl.vps[r.choice(["do_blr", "e2e", "vultr_blr"])]
        addrs = [vps.rand(r) for _ in range(2)]
        dongles = W.Sticky(r, pl.cgnat["jio"], r.uniform(4, 15))   # 4G dongles toggled into a new CGNAT address
        t0 = past(r, 2, 25)
        hour = r.uniform(20, 23.5)
        base = r.choice(["rkshorts", "viralhindi", "meeshoseller", "upscnotes", "dailycontent"])
        ua_fixed = W.SDK_UAS["headless"](r)
        jobs = C.FARM_JOBS[job] + (C.FARM_JOBS["answers"] if job == "listings" else [])
        for j in range(m):
            p = _person(r, w)
            ce, cn, ct, cu, cp = (r.random() < c for _ in range(5))
            email = p.personal_email(r) if ce else f"{base}{j + 1:02d}@gmail.com"
            created = (t0 - r.uniform(0, 14) * DAY) if ct else t0 + r.uniform(0, 3) * 3600
            resid = dongles if r.random() < 0.5 else W.Sticky(r, pl.residential, r.uniform(3, 20))
            # the legacy rule (one phone number on many accounts) caught a couple of blatant ones mid-week
            caught = W.START + r.uniform(2, 5) * DAY if c < 0.3 and j < 2 else None
            a = w.account(r, "free_farm", created_at=created, email=email, plan="free", country="IN",
                          signup_ip=resid.ip(created) if cn else addrs[j % 2], verified=cn or r.random() < 0.5,
                          categories=("coordination", "tier_abuse"), network=net, suspend_at=caught)
            client = Client(W.browser_ua(r, False) if cu else ua_fixed, "/v1/messages", "script", False)
            ipf = (lambda ts, cn=cn, rs=resid, jj=j: rs.ip(ts) if cn else addrs[jj % 2])
            my_hour = hour + (r.uniform(-6, 4) if ct else r.uniform(0, 0.2))
            for d in range(w.days):
                if ct and r.random() < 0.2:
                    continue
                t = W.local_midnight(d, W.IST) + my_hour * 3600
                if t < created:
                    continue
                todo = r.randrange(18, 29) if cp else r.randrange(34, 45)
                for _ in range(todo):
                    prompt = C.pick(r, jobs)(r)
                    if cp and r.random() < 0.5:
                        prompt = r.choice(["pls ", "bhai ", "", "quick: "]) + prompt.lower()
                    w.emit(a, r, t, prompt, client=client, ip=ipf(t), model=r.choice([LITE, FLAG]), out=650)
                    t += r.uniform(8, 40) if not ct else r.uniform(60, 400)
            made += 1


def reseller_network(w: World, n: int) -> None:
    """An unauthorised reseller's Max subscriptions, sold as seats on Telegram. A relay (blatant) or a
    browser extension carrying the session cookie (careful) puts each seat on whichever account has
    room, so the same seats turn up on several accounts."""
    r = w.rng("reseller_network")
    pl = w.places
    c = w.carefulness(r)
    net = "net-resell-1"
    relay = pl.vps["hetzner"].rand(r)
    relay_ua = W.SDK_UAS["axios"](r)
    card = w.fp(r)
    accts: list[Acct] = []
    for j in range(n):
        p = _person(r, w)
        cc, cn = r.random() < c, r.random() < c
        created = past(r, 10, 120)
        accts.append(w.account(r, "reseller_network", created_at=created, email=p.personal_email(r) if r.random() < c else f"maxseats.pool{j + 1}@gmail.com",
                               plan="max", country="IN", signup_ip=p.home.ip(created, 2) if cn else relay, payment=w.fp(r) if cc else card,
                               categories=("coordination", "tier_abuse"), network=net))
    n_seats = int(25 * n * (1 - 0.4 * c))
    for s in range(n_seats):
        country = W.wchoice(r, [("IN", 0.6), ("BD", 0.15), ("NP", 0.1), ("LK", 0.08), ("AE", 0.07)])
        p = W.Person(r, pl, country=country)
        ua = W.browser_ua(r)
        for t in W.sessions(r, w.days, W.lognorm(r, 1.3, 0.6), "consumer", country):
            a = r.choice(accts)
            client = Client(ua, "/v1/messages", "web") if r.random() < c else Client(relay_ua, "/v1/messages", "relay", True)
            ipf = (lambda ts, p=p, cl=client: relay if cl.kind == "relay" else phone_ip(p, ts, r))
            lang = lang_of(r, p)
            opener = consumer_prompt(r, lang) if r.random() < 0.6 else (C.pick(r, C.ENGG)(r) if r.random() < 0.5 else C.pick(r, C.DEV_Q)(r))
            chat(w, a, r, t, client, ipf, FLAG if r.random() < 0.7 else THINK, opener, lambda rr, l=lang: followup(rr, l),
                 1 + int(W.lognorm(r, 1.6, 0.6)), out=600)


def resold_plan(w: World, n: int) -> None:
    """One Max plan used by many people on their own devices: 10-25 across countries (blatant), or
    4-8 in one city (careful)."""
    r = w.rng("resold_plan")
    pl = w.places
    for i in range(n):
        c = w.carefulness(r)
        p = _person(r, w)
        created = past(r, 10, 300)
        a = w.account(r, "resold_plan", created_at=created, email=p.personal_email(r), plan="max", country="IN",
                      signup_ip=p.home.ip(created, 2), payment=w.fp(r), categories=("tier_abuse",))
        k = r.randrange(4, 9) if r.random() < c else r.randrange(10, 26)
        local = k < 9
        for s in range(k):
            country = "IN" if local else W.wchoice(r, [("IN", 0.55), ("BD", 0.15), ("NP", 0.12), ("LK", 0.08), ("AE", 0.1)])
            u = W.Person(r, pl, country=country, region=p.region if local and r.random() < 0.7 else None)
            client = app(r) if r.random() < 0.55 else web(r)
            for t in W.sessions(r, w.days, W.lognorm(r, 1.5, 0.5), r.choice(["consumer", "student", "developer"]), country):
                lang = lang_of(r, u)
                opener = consumer_prompt(r, lang) if r.random() < 0.6 else C.student_wrap(r, "en", C.problem(r)[2]) if r.random() < 0.5 else C.pick(r, C.DEV_Q)(r)
                chat(w, a, r, t, client, lambda ts, u=u, cl=client: phone_ip(u, ts, r) if cl.kind == "app" else u.home.ip(ts, 2),
                     FLAG if r.random() < 0.7 else THINK, opener, lambda rr, l=lang: followup(rr, l), 1 + int(W.lognorm(r, 1.5, 0.6)), out=550)


def consumer_pipeline(w: World, n: int) -> None:
    """Pro/Max subscriptions carrying a company's workload: from a server round the clock with a
    script (blatant) or from the owner's laptop in office hours, paced under the cap (careful)."""
    r = w.rng("consumer_pipeline")
    pl = w.places
    jobs = list(C.PIPELINE_JOBS)
    for i in range(n):
        c = w.carefulness(r)
        p = _person(r, w)
        job = jobs[i % len(jobs)]
        cn, ct, cu = r.random() < c, r.random() < c, r.random() < c
        plan = r.choice(["pro", "max", "max"])
        server = pl.vps[r.choice(["aws_bom", "do_blr", "azure_cin", "gcp_bom"])].rand(r)
        dom = r.choice(["gmail.com", "gmail.com", "outlook.com"])
        created = past(r, 20, 300)
        a = w.account(r, "consumer_pipeline", created_at=created, email=p.personal_email(r) if dom == "gmail.com" else p.work_email(r, dom),
                      plan=plan, country="IN", signup_ip=p.home.ip(created, 2), payment=w.fp(r), categories=("tier_abuse",),
                      declared=r.choice([None, None, "Self employed"]))
        client = Client(W.browser_ua(r, False), "/v1/messages", "web", False) if cu else \
            Client(W.SDK_UAS[r.choice(["requests", "headless", "node-fetch"])](r), "/v1/messages", "script", False)
        ipf = (lambda ts, p=p: laptop_ip(p, ts)) if cn else (lambda ts: server)
        gen = C.PIPELINE_JOBS[job]
        cap = {"pro": 60, "max": 300}[plan]
        if ct:
            for d in range(w.days):
                if W.day_kind("IN", d) != "weekday":
                    continue
                t = W.local_midnight(d, W.IST) + r.uniform(9.5, 10.5) * 3600
                end = W.local_midnight(d, W.IST) + r.uniform(18, 20) * 3600
                while t < end:
                    for _ in range(int(cap * r.uniform(0.5, 0.85) * (0.3 if plan == "max" else 1))):
                        w.emit(a, r, t, gen(r), client=client, ip=ipf(t), model=FLAG, out=350)
                        t += r.uniform(20, 150)
                        if t >= end:
                            break
                    t += r.uniform(0.5, 1.5) * 3600
        else:
            t = W.START + r.uniform(0, 3600)
            per_hour = r.uniform(6, 16)           # past a Pro window's 12 an hour; well inside Max's
            while t < w.end:
                w.emit(a, r, t, gen(r), client=client, ip=ipf(t), model=FLAG, out=350)
                t += r.expovariate(per_hour / 3600.0)
