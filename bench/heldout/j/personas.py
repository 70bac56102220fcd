"""Benign personas of set J (one function each). Abusive ones are in adversaries.py.

Every function takes the World and the number of accounts to make, draws from its own
random.Random(f"{seed}:{persona}") and appends accounts, labels and request records.
"""

from __future__ import annotations

import random

import content as C
import world as W
from engine import MODELS, Acct, Client, World, tok

DAY = W.DAY
LITE, FLAG, THINK, CODER = MODELS["lite"], MODELS["flagship"], MODELS["think"], MODELS["coder"]

# ---------------------------------------------------------------- clients and places


def app(r: random.Random) -> Client:
    return Client(W.app_ua(r), "/v1/messages", "app")


def web(r: random.Random, mobile: bool | None = None) -> Client:
    return Client(W.browser_ua(r, mobile), "/v1/messages", "web")


def sdk(r: random.Random, fam: str, human: bool = True, caching: bool = False) -> Client:
    ua, ep = W.sdk(r, fam)
    return Client(ua, ep, "sdk", human, caching)


def script(r: random.Random, fam: str) -> Client:
    ua, ep = W.sdk(r, fam)
    return Client(ua, ep, "script", False)


def local_day(ts: float, tz: float) -> int:
    return int((ts - W.local_midnight(0, tz)) // DAY)


def is_workday(p: W.Person, ts: float) -> bool:
    return W.day_kind(p.country, local_day(ts, p.tz)) == "weekday"


def phone_ip(p: W.Person, ts: float, r: random.Random, out_share: float = 0.45) -> str:
    h = W.local_hour(ts, p.tz)
    if 8 <= h < 21.5 and r.random() < out_share:
        return p.mobile.ip(ts)
    return p.home.ip(ts, 1)


def laptop_ip(p: W.Person, ts: float, office=None, hours=(9.5, 19.5)) -> str:
    """office: a Block, a Pool or a callable(ts) used on workdays in office hours."""
    if office is not None and is_workday(p, ts) and hours[0] <= W.local_hour(ts, p.tz) < hours[1]:
        if callable(office):
            return office(ts)
        return office.host(W.mix(p.salt, int(ts // 3600))) if isinstance(office, W.Block) else office.pick(W.mix(p.salt, int(ts // 900)))
    return p.home.ip(ts, 2)


def past(r: random.Random, lo_days: float, hi_days: float) -> float:
    return W.START - r.uniform(lo_days, hi_days) * DAY


def lang_of(r: random.Random, p: W.Person, en: float = 0.5) -> str:
    if r.random() < en or len(p.langs) == 1:
        return "en"
    return r.choice(p.langs[1:])


def consumer_prompt(r: random.Random, lang: str) -> str:
    if lang == "en":
        return C.pick(r, C.CONSUMER_EN)(r)
    if lang == "hinglish":
        return C.pick(r, C.CONSUMER_HINGLISH)(r)
    bank = C.CONSUMER_NATIVE.get(lang)
    if not bank:
        return C.pick(r, C.CONSUMER_EN)(r)
    return C.pick(r, bank)(r)


def followup(r: random.Random, lang: str) -> str:
    if r.random() < 0.15:
        return C.SIMPLIFY.get(lang, C.SIMPLIFY["en"])
    return C.pick(r, C.FOLLOWUPS["hinglish" if lang in ("hinglish", "hi", "mr") else "en"])


def chat(w: World, a: Acct, r: random.Random, t: float, client: Client, ipf, model: str, opener: str, follow,
         turns: int, out: float = 380, system: str | None = None, gap=(30.0, 200.0), **kw) -> float:
    """One conversation: the opener, then follow-ups after reading and typing."""
    conv = w.hexid(r, "conv_", 64)
    for i in range(turns):
        prompt = opener if i == 0 else follow(r)
        w.emit(a, r, t, prompt, client=client, ip=ipf(t), model=model, system=system, conv=conv, turn=i + 1, out=out, **kw)
        t += r.uniform(*gap) + out / 12.0
    return t


def signup(r: random.Random, p: W.Person, lo: float = 20, hi: float = 900) -> tuple[float, str]:
    t = past(r, lo, hi)
    return t, (phone_ip(p, t, r) if r.random() < 0.6 else p.home.ip(t, 2))


def free_model(r: random.Random, plan: str) -> str:
    if plan == "free":
        return LITE if r.random() < 0.8 else FLAG
    return THINK if r.random() < 0.1 else FLAG


# ---------------------------------------------------------------- consumers

def consumer_chat(w: World, n: int) -> None:
    r = w.rng("consumer_chat")
    for _ in range(n):
        p = W.Person(r, w.places, older=r.random() < 0.25)
        plan = W.wchoice(r, [("free", 0.66), ("pro", 0.29), ("max", 0.05)])
        created, sip = signup(r, p)
        if r.random() < 0.04:       # signed up this week
            created = W.START + r.uniform(0, w.days - 1) * DAY
            sip = phone_ip(p, created, r)
        suspend = W.START + r.uniform(1, w.days - 1) * DAY if plan != "free" and r.random() < 0.025 else None
        a = w.account(r, "consumer_chat", created_at=created, email=p.personal_email(r), plan=plan, country=p.country,
                      signup_ip=sip, payment=w.fp(r) if plan != "free" else None, verified=r.random() < 0.93, suspend_at=suspend)
        clients = [app(r)] if r.random() < 0.8 else []
        if not clients or r.random() < 0.35:
            clients.append(web(r))
        rate = W.lognorm(r, {"free": 0.55, "pro": 1.2, "max": 2.6}[plan], 0.7)
        for t in W.sessions(r, w.days, rate, "consumer", p.country):
            if t < created:
                continue
            c = r.choice(clients)
            lang = lang_of(r, p)
            ipf = (lambda ts, p=p: phone_ip(p, ts, r)) if c.kind == "app" else (lambda ts, p=p: p.home.ip(ts, 2))
            turns = min(12, 1 + int(W.lognorm(r, 1.6, 0.8)))
            chat(w, a, r, t, c, ipf, free_model(r, plan), consumer_prompt(r, lang), lambda rr, l=lang: followup(rr, l), turns,
                 out=W.lognorm(r, 380, 0.5))


def household_shared(w: World, n: int) -> None:
    """One Pro plan used by a family: parents' phones, a child's homework, a grandparent's Hindi questions."""
    r = w.rng("household_shared")
    for _ in range(n):
        p = W.Person(r, w.places, country="IN", older=True)
        created, sip = signup(r, p, 60, 700)
        a = w.account(r, "household_shared", created_at=created, email=p.personal_email(r), plan="pro", country="IN",
                      signup_ip=sip, payment=w.fp(r))
        members = r.randrange(2, 5)
        for m in range(members):
            c = app(r) if m < 2 or r.random() < 0.5 else web(r)
            mobile = W.Mobile(r, w.places, "IN")
            prof = "student" if m >= 2 else "consumer"
            for t in W.sessions(r, w.days, W.lognorm(r, 0.9, 0.5), prof, "IN"):
                ipf = (lambda ts, mb=mobile, dev=m: mb.ip(ts) if r.random() < 0.3 else p.home.ip(ts, 10 + dev))
                if m >= 2 and r.random() < 0.6:
                    d, s, q = C.problem(r, r.choice(["maths", "physics", "chemistry"]))
                    opener = C.student_wrap(r, r.choice(["en", "hinglish"]), q)
                else:
                    opener = consumer_prompt(r, r.choice(p.langs + ["en"]))
                chat(w, a, r, t, c, ipf, FLAG, opener, lambda rr: followup(rr, "hinglish"), 1 + int(W.lognorm(r, 1.2, 0.7)))


def vpn_user(w: World, n: int) -> None:
    """Privacy-minded people and people at work who keep a commercial VPN on; half on the Singapore exit."""
    r = w.rng("vpn_user")
    pl = w.places
    for i in range(n):
        p = W.Person(r, pl, country=W.wchoice(r, [("IN", 0.8), ("AE", 0.1), ("BD", 0.1)]))
        exit_ = pl.vpn_sg if i % 2 == 0 else r.choice([pl.vpn_bom, pl.vpn_dxb, pl.vpn_ams])
        plan = W.wchoice(r, [("free", 0.5), ("pro", 0.45), ("api", 0.05)])
        created = past(r, 10, 600)
        a = w.account(r, "vpn_user", created_at=created, email=p.personal_email(r), plan=plan, country=p.country,
                      signup_ip=exit_.rand(r) if r.random() < 0.7 else p.home.ip(created, 2),
                      payment=w.fp(r) if plan != "free" else None)
        c = web(r) if r.random() < 0.6 else app(r)
        salt = r.getrandbits(40)
        for t in W.sessions(r, w.days, W.lognorm(r, 0.9, 0.6), "consumer", p.country):
            ipf = (lambda ts, s=salt, p=p: exit_.host(W.mix(s, int(ts // 1200))) if r.random() < 0.9 else p.home.ip(ts, 2))
            lang = lang_of(r, p, 0.7)
            chat(w, a, r, t, c, ipf, free_model(r, plan), consumer_prompt(r, lang), lambda rr, l=lang: followup(rr, l),
                 1 + int(W.lognorm(r, 1.4, 0.7)))


# ---------------------------------------------------------------- students

COLLEGES = [("pes", "pesu.pes.edu", "pes1ug{y}cs{n:03d}"), ("rvce", "rvce.edu.in", "{first}.{dept}{y}"),
            ("msrit", "msrit.edu", "1ms{y}cs{n:03d}"), ("anna", "gmail.com", None)]


def student(w: World, n: int) -> None:
    r = w.rng("student")
    pl = w.places
    for _ in range(n):
        kind = W.wchoice(r, [("jee", 0.34), ("neet", 0.12), ("engg", 0.4), ("mba", 0.14)])
        p = W.Person(r, pl, country="IN")
        p.year = r.randrange(2004, 2010)
        campus = None
        email = p.personal_email(r)
        if kind == "engg":
            key, dom, fmt = r.choice(COLLEGES)
            campus = pl.campus[key]
            if fmt and r.random() < 0.45:
                email = fmt.format(y=r.choice([22, 23, 24]), n=r.randrange(1, 180), first=p.first.lower(),
                                   dept=r.choice(["cs", "is", "ec"])) + "@" + dom
        plan = "pro" if r.random() < 0.28 else "free"
        created, sip = signup(r, p, 5, 500)
        a = w.account(r, "student", created_at=created, email=email, plan=plan, country="IN", signup_ip=sip,
                      payment=w.fp(r) if plan == "pro" else None)
        c = app(r) if r.random() < 0.7 else web(r)
        exam_day = r.randrange(0, w.days) if kind == "jee" and r.random() < 0.5 else None
        rate = W.lognorm(r, 1.3, 0.5)
        for t in W.sessions(r, w.days, rate, "student", "IN"):
            d = local_day(t, p.tz)
            if exam_day is not None and d == exam_day:
                continue
            crunch = exam_day is not None and d == exam_day - 1
            if campus is not None and r.random() < 0.5:
                ipf = (lambda ts, cb=campus: cb.host(W.mix(p.salt, int(ts // 1800))))
            else:
                ipf = (lambda ts, p=p: phone_ip(p, ts, r, 0.3))
            lang = r.choice(["en", "en", "hinglish"] + (["tanglish"] if p.region == "tamil" else []))
            if kind in ("jee", "neet") or (kind == "engg" and r.random() < 0.2):
                doms = ["physics", "chemistry", "maths"] if kind == "jee" else ["physics", "chemistry"]
                k = r.randrange(3, 16 if crunch else 9)
                t0 = t
                model = THINK if plan == "pro" and r.random() < 0.4 else (FLAG if plan == "pro" else LITE)
                for _ in range(k):
                    dd, s, q = C.problem(r, r.choice(doms))
                    t0 = chat(w, a, r, t0, c, ipf, model, C.student_wrap(r, lang, q), lambda rr: C.pick(rr, C.STUDENT_FOLLOW),
                              1 + (r.random() < 0.35) + (r.random() < 0.1), out=700, reasoning=model == THINK, think=2500)
                    t0 += r.uniform(60, 600)
            elif kind == "engg":
                chat(w, a, r, t, c, ipf, free_model(r, plan), C.pick(r, C.ENGG)(r), lambda rr: followup(rr, lang),
                     1 + int(W.lognorm(r, 1.3, 0.7)), out=900)
            else:
                opener = C.ENGG[-1](r) if r.random() < 0.5 else consumer_prompt(r, "en")
                chat(w, a, r, t, c, ipf, free_model(r, plan), opener, lambda rr: followup(rr, "en"), 1 + int(W.lognorm(r, 1.5, 0.6)), out=800)


def college_lab(w: World, n: int) -> None:
    """Two first-year Python lab batches: one lab NAT address, one lab image (the same browser build on
    every machine), roll-number e-mails in sequence, signups within the practical slot, the lab manual
    walked in order. Afterwards some keep using it from the hostel or home."""
    r = w.rng("college_lab")
    pl = w.places
    batches = [("msrit", "msrit.edu", "1ms24cs{n:03d}", 2, 10.0), ("rvce", "rvce.edu.in", "1rv24is{n:03d}", 3, 14.0)]
    per = [n // 2, n - n // 2]
    for (college, dom, fmt, day, hour), k in zip(batches, per):
        lab_ip = pl.lab_nat[college]
        lab_ua = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                  f"Chrome/{r.choice([118, 120])}.0.0.0 Safari/537.36")
        slot = W.local_midnight(day, W.IST) + hour * 3600
        first_roll = r.randrange(1, 120)
        for j in range(k):
            p = W.Person(r, pl, country="IN", region="kannada" if r.random() < 0.6 else None)
            new = r.random() < 0.65
            created = slot + r.uniform(5, 40) * 60 if new else past(r, 30, 200)
            a = w.account(r, "college_lab", created_at=created, email=fmt.format(n=first_roll + j) + "@" + dom, plan="free",
                          country="IN", signup_ip=lab_ip if new else phone_ip(p, created, r))
            c = Client(lab_ua, "/v1/messages", "web")
            t = max(created, slot) + r.uniform(2, 20) * 60
            ex = 0
            while t < slot + 2.6 * 3600 and ex < len(C.LAB_MANUAL):
                q = C.LAB_MANUAL[ex]
                t = chat(w, a, r, t, c, lambda ts: lab_ip, LITE, q if r.random() < 0.7 else q.replace("Write a Python program to", "python code to"),
                         lambda rr: rr.choice(["it shows IndentationError", "explain line by line", "without using built in functions",
                                               "sir said use while loop", "add comments", "output is wrong for 0"]),
                         1 + (r.random() < 0.5), out=450, gap=(60, 300))
                t += r.uniform(4, 15) * 60
                ex += 1 if r.random() < 0.8 else 2
            # homework from the hostel / home later in the week
            c2 = app(r)
            for t in W.sessions(r, w.days, 0.5, "student", "IN"):
                if t > slot + 3 * 3600:
                    chat(w, a, r, t, c2, lambda ts, p=p: phone_ip(p, ts, r, 0.4), LITE, C.pick(r, C.ENGG)(r) if r.random() < 0.6 else consumer_prompt(r, "hinglish"),
                         lambda rr: followup(rr, "hinglish"), 1 + int(W.lognorm(r, 1.0, 0.7)), out=600)


# ---------------------------------------------------------------- developers and agents

STARTUP_DOMAINS = ["paisaflow.in", "kiranakart.io", "medibuddyx.com", "trukr.in", "learnwise.ai", "hisaab.app", "cropsense.in",
                   "fleetyard.io", "dukaan-ai.com", "rentloop.in", "swasthya.ai", "legalbox.in", "ziplabs.dev", "vaani.tech"]
PRODUCT_SYSTEMS = ["You are the assistant inside {d}. Be concise. If unsure, say so.",
                   "You classify user messages for {d} into intents and extract entities as JSON.",
                   "You are a friendly onboarding guide for {d}. Answer in the user's language (English, Hindi or Hinglish).",
                   "Summarise the document the user uploads for {d}. Output markdown with headings."]


def developer_api(w: World, n: int) -> None:
    r = w.rng("developer_api")
    pl = w.places
    floors = list(pl.cowork.values())
    for _ in range(n):
        p = W.Person(r, pl, country=W.wchoice(r, [("IN", 0.88), ("SG", 0.04), ("AE", 0.04), ("LK", 0.04)]))
        dom = r.choice(STARTUP_DOMAINS) if r.random() < 0.4 else None
        email = p.work_email(r, dom) if dom else p.personal_email(r)
        office = r.choice(floors) if r.random() < 0.3 else None
        created = past(r, 3, 700)
        a = w.account(r, "developer_api", created_at=created, email=email, plan="api", country=p.country,
                      signup_ip=laptop_ip(p, created, office), payment=w.fp(r), nkeys=r.randrange(1, 4),
                      declared=dom.split(".")[0].title() if dom and r.random() < 0.5 else None)
        fam = r.choice(["myna-python", "myna-python", "myna-node", "openai-python", "openai-js", "langchain", "litellm", "dart", "java"])
        c = sdk(r, fam)
        tester = Client(W.SDK_UAS[r.choice(["postman", "curl", "curl"])](r), c.endpoint, "sdk")
        sysp = C.pick(r, PRODUCT_SYSTEMS).format(d=(dom or "my app").split(".")[0])
        ipf = (lambda ts, p=p, o=office: laptop_ip(p, ts, o))
        for t in W.sessions(r, w.days, W.lognorm(r, 1.4, 0.5), "developer", p.country):
            k = r.random()
            if k < 0.2:
                for i in range(r.randrange(1, 6)):
                    w.emit(a, r, t + i * r.uniform(5, 90), C.pick(r, C.DEV_PINGS), client=tester, ip=ipf(t), model=r.choice([LITE, FLAG]),
                           out=12, max_tokens=r.choice([16, 50, 100, 1024]))
            elif k < 0.55:
                # the product under development, exercised by its own test inputs
                burst = r.randrange(8, 70)
                inputs = [consumer_prompt(r, r.choice(["en", "hinglish"])) for _ in range(r.randrange(3, 12))]
                tt = t
                for i in range(burst):
                    w.emit(a, r, tt, inputs[i % len(inputs)], client=c, ip=ipf(tt), model=r.choice([LITE, FLAG]), system=sysp,
                           out=250, stream=False)
                    tt += r.uniform(0.3, 20)
            else:
                chat(w, a, r, t, c, ipf, FLAG if r.random() < 0.8 else THINK, C.pick(r, C.DEV_Q)(r), lambda rr: followup(rr, "en"),
                     1 + int(W.lognorm(r, 1.2, 0.7)), out=700)


def agent_session(w: World, a: Acct, r: random.Random, t: float, c: Client, ipf, model: str, tool: str, reasoning_share: float,
                  max_ctx: int = 190000) -> float:
    """A coding-agent session: a long cached context that grows with every tool round trip."""
    conv = w.hexid(r, "conv_", 64)
    system = C.AGENT_SYSTEM.format(tool=tool, cwd=f"/home/dev/{C.pick(r, ['payments-api', 'kirana-app', 'ledger', 'ops-dashboard', 'mobile'])}",
                                   plat=C.pick(r, ["linux", "darwin"]), instr="Use pnpm. Run make test. Never commit .env")
    ctx = r.randrange(8000, 26000)
    turns = r.randrange(10, 80)
    task = C.pick(r, C.AGENT_TASKS).format(mod=C.pick(r, C.MODULES))
    for i in range(turns):
        if i == 0:
            prompt, extra = task, 0
        else:
            prompt, extra = C.agent_tool_result(r)
        fresh = tok(prompt) + extra
        write = fresh if c.endpoint == "/v1/messages" else 0
        reasoning = r.random() < reasoning_share
        if ctx + fresh > max_ctx:
            # prompt is too long: a 400, then the agent compacts its context and carries on
            w.emit(a, r, t, prompt, client=c, ip=ipf(t), model=model, system=system, conv=conv, turn=i + 1, fresh=fresh,
                   cache_read=0, cache_write=0, out=1, status=400)
            ctx = r.randrange(15000, 40000)
            t += r.uniform(5, 30)
            continue
        w.emit(a, r, t, prompt, client=c, ip=ipf(t), model=model, system=system, conv=conv, turn=i + 1, fresh=max(1, fresh - write),
               cache_read=ctx, cache_write=write, out=W.lognorm(r, 420, 0.9), reasoning=reasoning, think=3000,
               max_tokens=r.choice([32000, 64000]), stream=True)
        ctx += fresh + r.randrange(80, 1800)
        t += r.uniform(3, 45) + (r.uniform(30, 400) if r.random() < 0.12 else 0)
    return t


def coding_agent_user(w: World, n: int) -> None:
    r = w.rng("coding_agent_user")
    pl = w.places
    for _ in range(n):
        p = W.Person(r, pl, country=W.wchoice(r, [("IN", 0.85), ("SG", 0.08), ("AE", 0.07)]))
        consumer = r.random() < 0.5
        plan = (r.choice(["max", "max", "pro"])) if consumer else "api"
        office = r.choice(list(pl.cowork.values())) if r.random() < 0.25 else None
        created = past(r, 10, 500)
        a = w.account(r, "coding_agent_user", created_at=created, email=p.personal_email(r) if r.random() < 0.6 else p.work_email(r, r.choice(STARTUP_DOMAINS)),
                      plan=plan, country=p.country, signup_ip=laptop_ip(p, created, office), payment=w.fp(r), nkeys=2)
        if consumer:
            c = Client(W.SDK_UAS["myna-cli"](r), "/v1/messages", "agent", True, True)
            tool = "myna-cli"
        else:
            fam = r.choice(["cline", "aider", "opencode", "roo", "continue", "myna-cli"])
            ua, ep = W.sdk(r, fam)
            c = Client(ua, ep, "agent", True, fam in ("cline", "roo", "myna-cli"))
            tool = fam
        model = CODER if r.random() < 0.6 else FLAG
        ipf = (lambda ts, p=p, o=office: laptop_ip(p, ts, o))
        for t in W.sessions(r, w.days, W.lognorm(r, 1.8, 0.4), "developer", p.country):
            t = agent_session(w, a, r, t, c, ipf, model, tool, 0.15)
            if c.endpoint == "/v1/responses" and r.random() < 0.3:
                w.emit(a, r, t + 30, "Research: compare three approaches for idempotent UPI callbacks and write a design doc.",
                       client=c, ip=ipf(t), model=THINK, out=3500, reasoning=True, think=9000, background=True, max_tokens=64000)


# ---------------------------------------------------------------- companies

def enterprise_batch(w: World, n: int) -> None:
    """Nightly jobs over sequential ids: a bank's loan files, a shipping agency's bills of lading (on the
    PaaS whose egress a rival lists), a dealership chain's service tickets in office hours."""
    r = w.rng("enterprise_batch")
    pl = w.places
    jobs = [("kaveri-bank", C.loan_doc, "batch_night", lambda ts: pl.offices["kaveri-bank"].host(int(ts // 600)), 260, "kaveribank.co.in"),
            ("straits-shipping", C.bl_doc, "batch_night", lambda ts: pl.deployd.pick(int(ts // 60)), 200, "straitsshipping.com"),
            ("sahyadri-motors", C.claim_doc, "office", lambda ts: pl.offices["sahyadri-motors"].host(int(ts // 900)), 60, "sahyadrimotors.in")]
    for i in range(n):
        org, doc, prof, ipf, per_run, dom = jobs[i % len(jobs)]
        e = w.ent[org]
        created = past(r, 60, 500)
        a = w.account(r, "enterprise_batch", created_at=created, email=f"{r.choice(['svc-genai', 'ai-batch', 'automation', 'ops-bot'])}{i // 3 or ''}@{dom}",
                      plan="enterprise", country="IN", signup_ip=ipf(created), payment=e["payment_fingerprints"][0], org_id=org,
                      declared=e["name"].split(" (")[0], sso=e["sso_tenants"][0] if e["sso_tenants"] else None, nkeys=2)
        c = script(r, r.choice(["myna-python", "openai-python", "java"]))
        seq = r.randrange(10000, 900000)
        for d in range(w.days):
            kind = W.day_kind("IN", d)
            if prof == "office" and kind != "weekday":
                continue
            if prof == "office":
                t = W.local_midnight(d, W.IST) + 10 * 3600 + r.uniform(0, 1800)
                end = W.local_midnight(d, W.IST) + 18.5 * 3600
            else:
                t = W.local_midnight(d, W.IST) + r.uniform(0.9, 1.3) * 3600
                end = t + 4 * 3600
            todo = int(per_run * (0.4 if kind in ("sun", "holiday") else 1.0) * r.uniform(0.7, 1.3))
            for _ in range(todo):
                if t > end:
                    break
                w.emit(a, r, t, doc(r, seq), client=c, ip=ipf(t), model=r.choice([LITE, FLAG]), out=220, out_sigma=0.25, stream=False,
                       system="You extract structured data. Output valid JSON only.", max_tokens=1024)
                seq += 1
                t += r.uniform(2, 50) if prof != "office" else r.uniform(60, 420)


def labelling_vendor(w: World, n: int) -> None:
    r = w.rng("labelling_vendor")
    pl = w.places
    e = w.ent["tagwise"]
    card = e["payment_fingerprints"][0]
    for _ in range(n):
        p = W.Person(r, pl, country="IN", region="kannada" if r.random() < 0.7 else None)
        created = past(r, 20, 300)
        a = w.account(r, "labelling_vendor", created_at=created, email=p.work_email(r, "tagwise.in"), plan="team", country="IN",
                      signup_ip=pl.offices["tagwise"].rand(r), payment=card, org_id="tagwise", declared="Tagwise Data Services",
                      sso="tagwise.in")
        c = web(r, False)
        for d in range(w.days):
            if W.day_kind("IN", d) != "weekday" or r.random() < 0.08:
                continue
            for start in (9.7, 11.6, 14.3, 16.4):
                if r.random() < 0.15:
                    continue      # a meeting, a QA review, a long tea break
                t = W.local_midnight(d, W.IST) + (start + r.uniform(0, 0.5)) * 3600
                for _ in range(r.randrange(15, 50)):
                    msg = C.pick(r, C.LABEL_MSG)
                    if r.random() < 0.5:
                        msg = msg + " " + C.pick(r, ["pls help", "urgent", "today itself", "branch: " + C.pick(r, ["Jayanagar", "Mysuru Road", "Hebbal"])])
                    w.emit(a, r, t, f"Message: \"{msg}\"", client=c, ip=pl.offices["tagwise"].host(W.mix(p.salt, d)), model=LITE,
                           system=C.LABEL_GUIDE, out=9, out_sigma=0.3, max_tokens=50)
                    t += r.uniform(15, 70)


def translator(w: World, n: int) -> None:
    r = w.rng("translator")
    pl = w.places
    n_vendor = max(1, n // 4)
    e = w.ent["bhashantar"]
    for i in range(n):
        if i < n_vendor:
            p = W.Person(r, pl, country="IN")
            created = past(r, 30, 400)
            a = w.account(r, "translator", created_at=created, email=f"l10n-pipeline{i + 1}@bhashantar.com", plan="api", country="IN",
                          signup_ip=pl.offices["bhashantar"].rand(r), payment=e["payment_fingerprints"][0], org_id="bhashantar",
                          declared="Bhashantar Localisation", nkeys=1)
            c = script(r, "myna-python")
            langs = C.INDIC10[: r.randrange(6, 11)]
            keys = [C.resource_key(k) for k in range(len(C.APP_SCREENS) * len(C.APP_ELEMS))]
            days = sorted(r.sample(range(w.days), min(3, w.days)))
            ki = 0
            for d in days:
                if W.day_kind("IN", d) != "weekday" and r.random() < 0.6:
                    continue
                t = W.local_midnight(d, W.IST) + r.uniform(10.5, 16) * 3600
                for _ in range(r.randrange(30, 70)):
                    key = keys[ki % len(keys)]
                    for lang in langs:
                        w.emit(a, r, t, f"Translate the UI string for key `{key}` into {lang}. Keep placeholders. Max length 40 chars.\n\"{C.resource_text(r, key)}\"",
                               client=c, ip=pl.offices["bhashantar"].host(int(t // 3600)), model=FLAG, out=25, out_sigma=0.3, stream=False,
                               system="You are a professional localiser for a fintech app. Glossary: UPI, KYC, wallet stay in English.")
                        t += r.uniform(0.8, 4)
                    ki += 1
        else:
            p = W.Person(r, pl)
            plan = r.choice(["pro", "pro", "api"])
            created, sip = signup(r, p, 30, 700)
            a = w.account(r, "translator", created_at=created, email=p.personal_email(r), plan=plan, country=p.country, signup_ip=sip,
                          payment=w.fp(r))
            c = web(r, False) if plan == "pro" else sdk(r, "openai-python")
            tgt = C.LANG_NAME.get(r.choice(p.langs[1:] or ["hi"]), "Hindi")
            for t in W.sessions(r, w.days, W.lognorm(r, 1.5, 0.5), "developer", p.country):
                for _ in range(r.randrange(2, 12)):
                    text = C.pick(r, C.WIRE).format(d=r.randrange(20, 31), day="Monday", x=C.pick(r, C.WIRE_X), n=r.randrange(10, 9000),
                                                    move=r.choice(["rose", "fell"])) if r.random() < 0.5 else C.indic_sentence(r)
                    w.emit(a, r, t, r.choice([f"Translate to {tgt}, natural tone:\n{text}", f"Subtitle line, keep it under 42 chars, {tgt}: {text}",
                                              f"Check my {tgt} translation of: {text}"]), client=c, ip=p.home.ip(t, 2), model=FLAG, out=120)
                    t += r.uniform(40, 400)


def research_lab(w: World, n: int) -> None:
    """Four groups; one grant card each; campus NAT. IISc and IIIT-H run their fixed evaluation set (same
    order each time); IIT-M and BITS ask derivations with follow-ups."""
    r = w.rng("research_lab")
    pl = w.places
    groups = [("iisc", "iisc.ac.in", True), ("iitm", "smail.iitm.ac.in", False), ("iiith", "research.iiit.ac.in", True), ("bits", "pilani.bits-pilani.ac.in", False)]
    sizes = [n // 4 + (1 if i < n % 4 else 0) for i in range(4)]
    for (g, dom, evals), k in zip(groups, sizes):
        card = w.fp(r)
        evalset = C.eval_question_set(f"{w.seed}:{g}:evalset", r.randrange(90, 140))
        campus = pl.campus[g]
        first = past(r, 40, 300)
        for j in range(k):
            p = W.Person(r, pl, country="IN")
            created = first + r.uniform(0, 60) * DAY if j else first
            a = w.account(r, "research_lab", created_at=min(created, W.START - DAY), email=p.work_email(r, dom) if r.random() < 0.75 else p.personal_email(r),
                          plan="api" if r.random() < 0.8 else "pro", country="IN", signup_ip=campus.rand(r), payment=card,
                          declared=w.ent[g]["name"] + " " + r.choice(["NLP lab", "ML group", "Vision and Language lab"]), nkeys=1)
            c = sdk(r, r.choice(["myna-python", "openai-python", "litellm"]))
            ipf = (lambda ts, p=p, cb=campus: laptop_ip(p, ts, cb, (9, 23)))
            runs = r.randrange(1, 4) if evals and j < 3 else 0
            for _ in range(runs):
                t = W.ts_in_day(r, r.randrange(0, w.days), W.IST, "developer")
                model = r.choice([FLAG, THINK, LITE])
                for q in evalset:
                    w.emit(a, r, t, q, client=c, ip=ipf(t), model=model, out=300, reasoning=model == THINK, think=2500, stream=False,
                           max_tokens=8192 if model == THINK else 1024, system="Answer the question. End with 'Final answer:'.")
                    t += r.uniform(1.5, 9)
            bg = Client(W.SDK_UAS["openai-python"](r), "/v1/responses", "sdk")
            for t in W.sessions(r, w.days, W.lognorm(r, 1.0, 0.5), "developer", "IN"):
                if r.random() < 0.2:
                    w.emit(a, r, t - r.uniform(60, 600), "Survey the literature on tokenizer fertility for Dravidian languages and draft a related-work section with citations.",
                           client=bg, ip=ipf(t), model=THINK, reasoning=True, think=12000, out=4000, background=True, max_tokens=64000)
                chat(w, a, r, t, c, ipf, THINK if r.random() < 0.6 else FLAG, C.pick(r, C.DERIVATIONS).replace("{x}", "lr=5e-6, beta=0.1, 8xA100"),
                     lambda rr: rr.choice(["check step 3", "formalise that in Lean", "what if the prior is uniform", "cite the paper for this",
                                           "redo it with the corrected bound", "ok now write the appendix paragraph"]),
                     1 + int(W.lognorm(r, 2.0, 0.6)), out=1200, reasoning=True, think=6000)


# (event, venue, local day, hour the doors open, region most participants come from)
HACKATHONS = [("hackblr", "pes", 5, 9.0, "kannada"), ("buildfest", "awfis-gurugram", 4, 18.0, "north")]


def hackathon_cohort(w: World, n: int) -> None:
    """Two weekend hackathons: HackBLR at PES University (campus), BuildFest at a Gurugram coworking floor.
    Signups within a couple of hours, one starter-kit prompt, thirty hours of hacking, a few return."""
    r = w.rng("hackathon_cohort")
    pl = w.places
    per = [n // 2, n - n // 2]
    for (ev, place, day, hour, region), k in zip(HACKATHONS, per):
        venue = pl.campus[place] if ev == "hackblr" else pl.cowork[place]
        sysp, starters = C.HACK_STARTER[ev]
        t_open = W.local_midnight(day, W.IST) + hour * 3600
        fam = r.choice(["myna-node", "openai-js"])
        for j in range(k):
            p = W.Person(r, pl, country="IN", region=region if r.random() < 0.5 else None)
            p.year = r.randrange(1998, 2006)
            new = r.random() < 0.8
            created = t_open + r.uniform(0, 2.5) * 3600 if new else past(r, 30, 400)
            a = w.account(r, "hackathon_cohort", created_at=created, email=p.personal_email(r), plan="api", country="IN",
                          signup_ip=venue.rand(r) if new else p.home.ip(created, 2), payment=None if new else w.fp(r), nkeys=1)
            c = sdk(r, fam)
            salt = r.getrandbits(30)
            t = max(created, t_open) + r.uniform(0.3, 2) * 3600
            end = t_open + 30 * 3600
            while t < end:
                h = W.local_hour(t, W.IST)
                if 3 <= h < 8 and r.random() < 0.7:
                    t += r.uniform(2, 4) * 3600
                    continue
                for _ in range(r.randrange(2, 16)):
                    msg = C.pick(r, starters).replace("{x}", C.pick(r, C.SMS) if r.random() < 0.5 else C.indic_sentence(r))
                    w.emit(a, r, t, msg, client=c, ip=venue.host(W.mix(salt, int(t // 3600))), model=r.choice([LITE, LITE, FLAG]), system=sysp,
                           out=180, stream=r.random() < 0.5)
                    t += r.uniform(2, 90)
                t += r.uniform(0.2, 1.5) * 3600
            if r.random() < 0.3:
                for t in W.sessions(r, w.days, 0.8, "developer", "IN"):
                    if t > end:
                        chat(w, a, r, t, c, lambda ts, p=p: p.home.ip(ts, 2), FLAG, C.pick(r, C.DEV_Q)(r), lambda rr: followup(rr, "en"), 2, out=500)


def startup_team(w: World, n: int) -> None:
    r = w.rng("startup_team")
    pl = w.places
    floors = ["bhive-hsr", "wework-egl", "91sb-koramangala", "innov8-bkc", "bhive-hsr"]
    made = 0
    ti = 0
    while made < n:
        size = min(n - made, r.randrange(3, 7))
        dom = STARTUP_DOMAINS[(ti + w.seed) % len(STARTUP_DOMAINS)]
        floor = pl.cowork[floors[ti % len(floors)]]
        card = w.fp(r)
        t0 = past(r, 5, 200)
        sysp = C.pick(r, PRODUCT_SYSTEMS).format(d=dom.split(".")[0])
        for j in range(size):
            p = W.Person(r, pl, country="IN")
            created = t0 + r.uniform(0, 2) * 3600
            a = w.account(r, "startup_team", created_at=created, email=p.work_email(r, dom), plan=r.choice(["api", "team"]), country="IN",
                          signup_ip=floor.rand(r), payment=card, declared=dom.split(".")[0].title(), nkeys=1)
            c = sdk(r, r.choice(["myna-python", "openai-js", "myna-node"])) if a.rec["plan"] == "api" else web(r, False)
            ipf = (lambda ts, p=p, f=floor: laptop_ip(p, ts, f, (10, 21)))
            for t in W.sessions(r, w.days, W.lognorm(r, 2.0, 0.4), "developer", "IN"):
                if r.random() < 0.5:
                    tt = t
                    for _ in range(r.randrange(3, 20)):
                        w.emit(a, r, tt, consumer_prompt(r, r.choice(["en", "hinglish"])), client=c, ip=ipf(tt), model=FLAG, system=sysp, out=220)
                        tt += r.uniform(5, 120)
                else:
                    chat(w, a, r, t, c, ipf, FLAG, C.pick(r, C.DEV_Q)(r), lambda rr: followup(rr, "en"), 1 + int(W.lognorm(r, 1.3, 0.6)), out=600)
            made += 1
        ti += 1


# ---------------------------------------------------------------- platforms

PLATFORM_UA = {"devdeck": "DevDeck/2.8.{v} (relay; +https://devdeck.dev)", "sutradhar": "Sutradhar-Relay/1.4.{v}",
               "padhai": "Padhai-Doubts/5.2.{v} (relay)"}


def relay_client(r: random.Random, plat: str) -> Client:
    return Client(PLATFORM_UA[plat].format(v=r.randrange(0, 6)), "/v1/messages", "relay", True, True, plat)


def platform_byok(w: World, n: int) -> None:
    """Own key relayed through DevDeck or Sutradhar: the platform's addresses, UA and system prompt,
    the account owner's own attested end-user id and organization."""
    r = w.rng("platform_byok")
    pl = w.places
    for i in range(n):
        plat = "devdeck" if i % 5 < 3 else "sutradhar"
        p = W.Person(r, pl)
        dom = r.choice(STARTUP_DOMAINS + [None, None])
        email = p.work_email(r, dom) if dom else p.personal_email(r)
        created = past(r, 5, 400)
        a = w.account(r, "platform_byok", created_at=created, email=email, plan="api", country=p.country,
                      signup_ip=p.home.ip(created, 2), payment=w.fp(r), nkeys=1)
        c = relay_client(r, plat)
        eu = f"{plat[:2]}u_{r.getrandbits(40):010x}"
        euorg = email.split("@")[1]
        pool = pl.relays[plat]
        for t in W.sessions(r, w.days, W.lognorm(r, 1.6, 0.5), "developer", p.country):
            if plat == "devdeck":
                t = agent_session(w, a, r, t, c, lambda ts: pool.pick(int(ts * 7)), r.choice([CODER, FLAG]), "DevDeck Assist", 0.05, 120000) \
                    if r.random() < 0.35 else t
                for _ in range(r.randrange(1, 6)):
                    w.emit(a, r, t, C.pick(r, C.DEV_Q)(r), client=c, ip=pool.pick(int(t * 7)), model=CODER, system=C.PLATFORM_SYSTEM[plat],
                           out=500, eu=eu, euorg=euorg)
                    t += r.uniform(30, 600)
            else:
                for _ in range(r.randrange(2, 14)):
                    job = C.pick(r, C.SUTRADHAR_JOBS).replace("{x}", C.pick(r, C.LABEL_MSG))
                    w.emit(a, r, t, job, client=c, ip=pool.pick(int(t * 7)), model=r.choice([LITE, FLAG]), system=C.PLATFORM_SYSTEM[plat],
                           out=300, eu=eu, euorg=euorg)
                    t += r.uniform(5, 900)


def platform_account(w: World, n: int) -> None:
    """The platforms' own accounts relaying their end users (signed attribution). A few DevDeck users
    work at rival labs; that is DevDeck's customer, not DevDeck."""
    r = w.rng("platform_account")
    pl = w.places
    plats = ["devdeck", "sutradhar", "padhai"]
    for i in range(n):
        plat = plats[i % 3]
        e = w.ent[plat]
        created = past(r, 200, 600)
        a = w.account(r, "platform_account", created_at=created, email=f"platform-ops@{e['domains'][0]}", plan="enterprise", country="IN",
                      signup_ip=pl.relays[plat].rand(r), payment=e["payment_fingerprints"][0], org_id=plat, declared=e["name"].split(" (")[0],
                      nkeys=3)
        c = relay_client(r, plat)
        pool = pl.relays[plat]
        n_users = {"devdeck": 320, "sutradhar": 260, "padhai": 700}[plat]
        for u in range(n_users):
            eu = f"{plat[:2]}u_{r.getrandbits(40):010x}"
            if plat == "padhai":
                euorg = r.choice(["dpsbangalore.edu.in", "kvsangathan.nic.in", "narayanagroup.com", "chaitanya.edu.in", None, None, None])
            else:
                k = r.random()
                if plat == "devdeck" and k < 0.025:
                    euorg = r.choice(["nilgirilabs.ai", "sahyadri.ai", "straits.ai"])
                elif k < 0.5:
                    euorg = r.choice(STARTUP_DOMAINS + ["tridentinfotech.com", "kaveribank.co.in", "infosys.com", "zoho.com", "freshworks.com"])
                else:
                    euorg = "gmail.com"
            rate = W.lognorm(r, 0.6 if plat != "padhai" else 0.35, 0.8)
            for t in W.sessions(r, w.days, rate, "student" if plat == "padhai" else "developer", "IN"):
                for _ in range(1 + int(W.lognorm(r, 1.5, 0.8))):
                    if plat == "padhai":
                        d, s, q = C.problem(r, r.choice(["physics", "chemistry", "maths"]))
                        w.emit(a, r, t, C.student_wrap(r, r.choice(["en", "hinglish", "hinglish"]), q), client=c, ip=pool.pick(int(t * 13)),
                               model=THINK if r.random() < 0.3 else FLAG, reasoning=r.random() < 0.3, think=2000, system=C.PLATFORM_SYSTEM[plat],
                               out=650, eu=eu, euorg=euorg)
                    elif plat == "devdeck":
                        w.emit(a, r, t, C.pick(r, C.DEV_Q)(r), client=c, ip=pool.pick(int(t * 13)), model=CODER, system=C.PLATFORM_SYSTEM[plat],
                               out=500, eu=eu, euorg=euorg, extra_in=r.randrange(500, 9000))
                    else:
                        job = C.pick(r, C.SUTRADHAR_JOBS).replace("{x}", C.pick(r, C.LABEL_MSG + C.SUPPORT_Q).replace("{o}", f"AYN{r.randrange(10 ** 6, 10 ** 7)}").replace("{p}", "34"))
                        w.emit(a, r, t, job, client=c, ip=pool.pick(int(t * 13)), model=r.choice([LITE, FLAG]), system=C.PLATFORM_SYSTEM[plat],
                               out=280, eu=eu, euorg=euorg)
                    t += r.uniform(20, 500)


# ---------------------------------------------------------------- accounts that share something with a rival

def former_rival_employee(w: World, n: int) -> None:
    """Signed up two to four years ago at a rival's office, many with the work e-mail they had then;
    they left; now a personal card, home and mobile, everyday use. Some now work at Trident Infotech,
    behind the Zscaler node a rival lists."""
    r = w.rng("former_rival_employee")
    pl = w.places
    rivals = ["nilgiri-labs", "sahyadri-ai", "straits-ai"]
    for i in range(n):
        org = rivals[i % 3]
        e = w.ent[org]
        p = W.Person(r, pl, country="SG" if org == "straits-ai" and r.random() < 0.5 else "IN")
        created = past(r, 700, 1400)
        email = p.work_email(r, e["domains"][0]) if r.random() < 0.7 else p.personal_email(r)
        a = w.account(r, "former_rival_employee", created_at=created, email=email, plan=r.choice(["pro", "pro", "free", "api"]), country=p.country,
                      signup_ip=pl.offices[org].rand(r), payment=w.fp(r),
                      declared=e["name"].split(" (")[0] if r.random() < 0.5 else None)
        if a.rec["plan"] == "free":
            a.rec["payment_fingerprint"] = None
        now_trident = org == "nilgiri-labs" and r.random() < 0.6
        c = web(r) if r.random() < 0.5 else app(r)
        for t in W.sessions(r, w.days, W.lognorm(r, 0.9, 0.5), "consumer", p.country):
            ipf = (lambda ts, p=p: laptop_ip(p, ts, pl.zscaler_chn)) if now_trident else (lambda ts, p=p: phone_ip(p, ts, r))
            opener = C.pick(r, C.DEV_Q)(r) if r.random() < 0.4 else consumer_prompt(r, lang_of(r, p))
            chat(w, a, r, t, c, ipf, FLAG, opener, lambda rr: followup(rr, "en"), 1 + int(W.lognorm(r, 1.3, 0.6)))


def rival_office_visitor(w: World, n: int) -> None:
    """One afternoon on a rival's office network (an interview, a meetup, a vendor demo)."""
    r = w.rng("rival_office_visitor")
    pl = w.places
    rivals = ["nilgiri-labs", "sahyadri-ai", "straits-ai"]
    for i in range(n):
        org = rivals[i % 3]
        p = W.Person(r, pl, country="SG" if org == "straits-ai" else "IN")
        created, sip = signup(r, p, 30, 600)
        plan = r.choice(["free", "pro"])
        a = w.account(r, "rival_office_visitor", created_at=created, email=p.personal_email(r), plan=plan, country=p.country,
                      signup_ip=sip, payment=w.fp(r) if plan == "pro" else None)
        c = app(r)
        visit = W.local_midnight(r.choice([0, 2, 3, 4]), p.tz) + r.uniform(13.5, 16) * 3600
        for t in sorted(W.sessions(r, w.days, W.lognorm(r, 0.8, 0.4), "consumer", p.country) + [visit]):
            if abs(t - visit) < 1:
                ipf = (lambda ts, o=pl.offices[org]: o.host(W.mix(p.salt, 1)))
                opener = r.choice(["Common system design interview questions for an ML platform engineer?",
                                   "Summarise the key points of this talk: evaluation of Indic LLMs, tokenizer fertility, data curation",
                                   "best places to eat near " + {"nilgiri-labs": "Taramani", "sahyadri-ai": "Baner", "straits-ai": "Tanjong Pagar"}[org]])
            else:
                ipf = (lambda ts, p=p: phone_ip(p, ts, r))
                opener = consumer_prompt(r, lang_of(r, p))
            chat(w, a, r, t, c, ipf, free_model(r, plan), opener, lambda rr: followup(rr, "en"), 1 + int(W.lognorm(r, 1.2, 0.6)))


def namesake_staff(w: World, n: int) -> None:
    """Nilgiri Tea Estates, Sahyadri Motors and Straits Shipping: same names as rivals, nothing else."""
    r = w.rng("namesake_staff")
    pl = w.places
    orgs = ["nilgiri-tea", "sahyadri-motors", "straits-shipping"]
    for i in range(n):
        org = orgs[i % 3]
        e = w.ent[org]
        p = W.Person(r, pl, country="IN", region={"nilgiri-tea": "tamil", "sahyadri-motors": "marathi", "straits-shipping": "tamil"}[org])
        created = past(r, 20, 500)
        a = w.account(r, "namesake_staff", created_at=created, email=p.work_email(r, e["domains"][0]), plan="team", country="IN",
                      signup_ip=pl.offices[org].rand(r), payment=e["payment_fingerprints"][0], org_id=org, declared=e["name"].split(" (")[0],
                      sso=e["sso_tenants"][0] if e["sso_tenants"] else None)
        c = web(r, False)
        topics = {"nilgiri-tea": ["Draft an export quotation for 2 tonnes of Nilgiri CTC tea to {x}", "Summarise this auction report: Coonoor sale no. {n}, average price Rs {p}/kg",
                                  "Write a product story for our single-estate green tea"],
                  "sahyadri-motors": ["Draft a WhatsApp offer for the {x} Sankranti exchange scheme", "Make a service reminder template in Marathi",
                                      "Explain the new RTO rules on HSRP plates for customers"],
                  "straits-shipping": ["Draft a reply to the consignee about demurrage at {x}", "Explain the difference between FOB and CIF for our new client",
                                       "Summarise the new ICEGATE advisory for exporters"]}[org]
        for t in W.sessions(r, w.days, W.lognorm(r, 1.5, 0.4), "office", "IN"):
            opener = C.pick(r, topics).format(x=C.pick(r, ["Dubai", "Colombo", "Hamburg", "Kolhapur", "Jebel Ali"]), n=r.randrange(1, 52), p=r.randrange(150, 400))
            chat(w, a, r, t, c, lambda ts, o=pl.offices[org]: o.host(W.mix(p.salt, int(ts // 3600))), FLAG, opener,
                 lambda rr: followup(rr, "en"), 1 + int(W.lognorm(r, 1.3, 0.6)), out=450)


def corporate_proxy(w: World, n: int) -> None:
    """Kaveri Bank staff behind the bank's proxy; Trident Infotech engineers behind Zscaler (the Chennai
    node is one a rival lists), on the company's Azure tenant and card."""
    r = w.rng("corporate_proxy")
    pl = w.places
    n_bank = max(1, int(n * 0.4))
    bank_edge = (f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{r.choice([128, 130])}.0.0.0 "
                 f"Safari/537.36 Edg/{r.choice([128, 130])}.0.{r.randrange(2700, 2900)}.{r.randrange(40, 99)}")   # the bank's pinned Edge
    for i in range(n):
        bank = i < n_bank
        org = "kaveri-bank" if bank else "trident-infotech"
        e = w.ent[org]
        p = W.Person(r, pl, country="IN", region="kannada" if bank and r.random() < 0.6 else ("tamil" if r.random() < 0.4 else None))
        if bank:
            office = pl.offices["kaveri-bank"]
        else:
            office = r.choice([pl.zscaler_chn, pl.zscaler_chn, pl.zscaler_bom, pl.zscaler_blr])
        created = past(r, 20, 400)
        a = w.account(r, "corporate_proxy", created_at=created, email=p.work_email(r, e["domains"][0]), plan="team", country="IN",
                      signup_ip=laptop_ip(p, W.START + 3600 * 11, office), payment=e["payment_fingerprints"][0], org_id=org,
                      declared=e["name"].split(" (")[0], sso=e["sso_tenants"][0])
        c = Client(bank_edge, "/v1/messages", "web") if bank else web(r, False)
        for t in W.sessions(r, w.days, W.lognorm(r, 2.0, 0.4), "office", "IN"):
            if bank:
                opener = r.choice([C.pick(r, C.CONSUMER_EN)(r), "Draft a circular to branches about the new KYC re-verification drive",
                                   "Explain RBI's new digital lending guidelines in 10 points", f"Excel formula to compute EMI overdue days for {r.randrange(100, 900)} loan rows"])
            else:
                opener = C.pick(r, C.DEV_Q)(r) if r.random() < 0.7 else "Write a status update mail to the client for sprint " + str(r.randrange(10, 60))
            chat(w, a, r, t, c, lambda ts, p=p, o=office: laptop_ip(p, ts, o), FLAG, opener, lambda rr: followup(rr, "en"),
                 1 + int(W.lognorm(r, 1.5, 0.6)), out=500)


def cloud_tenant(w: World, n: int) -> None:
    """Small SaaS products' in-app assistants on the Deployd PaaS, whose shared egress a rival lists."""
    r = w.rng("cloud_tenant")
    pl = w.places
    apps = ["FitMitra (fitness coaching)", "PeopleDesk HRMS", "GharDekho real-estate CRM", "RasoiBot recipes", "KhataPlus bookkeeping",
            "ClinicQ appointment desk", "TripSaathi travel planner", "ShaadiPlanner", "PetPal vet triage", "SchoolDiary parent app",
            "LoanLens DSA tool", "AgriMitra advisory", "StyleBox fashion stylist", "TutorLink tutor marketplace"]
    for i in range(n):
        app_name = apps[i % len(apps)]
        p = W.Person(r, pl, country="IN")
        dom = app_name.split(" ")[0].lower() + r.choice([".in", ".app", ".co"])
        created = past(r, 30, 500)
        a = w.account(r, "cloud_tenant", created_at=created, email=p.work_email(r, dom), plan="api", country="IN",
                      signup_ip=p.home.ip(created, 2), payment=w.fp(r), declared=app_name.split(" (")[0], nkeys=2)
        c = script(r, r.choice(["myna-node", "openai-js", "myna-python", "go", "axios"]))
        sysp = f"You are the assistant inside {app_name}. Use the user's data in <context>. Be brief and friendly; answer in the user's language."
        rate = W.lognorm(r, 70, 0.6)
        for t in W.sessions(r, w.days, rate, "shop", "IN"):
            for k in range(1 + int(W.lognorm(r, 1.0, 0.7))):
                w.emit(a, r, t, consumer_prompt(r, r.choice(["en", "en", "hinglish", "hi"])), client=c, ip=pl.deployd.pick(int(t * 3)),
                       model=r.choice([LITE, LITE, FLAG]), system=sysp, out=220, extra_in=r.randrange(100, 1500), stream=r.random() < 0.7)
                t += r.uniform(15, 120)


def eval_harness(w: World, n: int) -> None:
    """CI evaluation: the same question suite, same order, nightly on every model and on pull requests.
    One suite's key was rotated mid-week and the old one kept failing in a forgotten job."""
    r = w.rng("eval_harness")
    pl = w.places
    for i in range(n):
        parakh = i < 2
        org = "parakh" if parakh else None
        p = W.Person(r, pl, country="IN")
        dom = "parakh.dev" if parakh else r.choice(STARTUP_DOMAINS)
        created = past(r, 60, 400)
        a = w.account(r, "eval_harness", created_at=created, email=f"ci-evals{i + 1}@{dom}", plan="api", country="IN",
                      signup_ip=pl.offices["parakh"].rand(r) if parakh else p.home.ip(created, 2),
                      payment=w.ent["parakh"]["payment_fingerprints"][0] if parakh else w.fp(r), org_id=org,
                      declared="Parakh Evals" if parakh else dom.split(".")[0].title(), nkeys=2, rpm=1000)
        runner = pl.ci["github" if r.random() < 0.6 else "gitlab"]
        c = script(r, r.choice(["myna-python", "openai-python", "httpx"]))
        suite = C.eval_question_set(f"{w.seed}:suite:{i}", r.randrange(110, 230))
        models = [LITE, FLAG, THINK] + ([CODER] if parakh else [])
        revoked_from = W.START + r.uniform(2, 5) * DAY if i == n - 1 else None
        for d in range(w.days):
            runs = [(W.local_midnight(d, W.IST) + r.uniform(1, 2.5) * 3600, models)]
            for _ in range(W.poisson(r, 2.5 if W.day_kind("IN", d) == "weekday" else 0.4)):
                runs.append((W.ts_in_day(r, d, W.IST, "developer"), [r.choice(models)]))
            for t, ms in runs:
                job_ip = runner.rand(r)
                for m in ms:
                    for q in suite:
                        st = dec = None
                        key = a.keys[0]
                        if revoked_from and t > revoked_from and len(ms) == 1:
                            st, dec, key = 401, "deny:invalid_key", "key_" + "0" * 12
                        w.emit(a, r, t, q, client=c, ip=job_ip, model=m, out=180, reasoning=m == THINK, think=1500, stream=False,
                               max_tokens=4096 if m == THINK else 512, status=st, decision=dec, key=key)
                        t += r.uniform(0.15, 1.2)


def support_bot(w: World, n: int) -> None:
    r = w.rng("support_bot")
    pl = w.places
    brands = [("ayurvedaa", "ayurvedaa.in", pl.vps["e2e"]), ("gadgetghar", "gadgetghar.com", pl.vps["aws_bom"]), ("chaiwala", "chaipointexpress.in", pl.vps["do_blr"])]
    for i in range(n):
        b, dom, vps = brands[i % 3]
        created = past(r, 60, 500)
        server = [vps.rand(r) for _ in range(2)]
        a = w.account(r, "support_bot", created_at=created, email=f"tech@{dom}", plan="api", country="IN", signup_ip=W.Person(r, pl).home.ip(created, 2),
                      payment=w.fp(r), declared=b.title(), nkeys=1)
        c = script(r, r.choice(["myna-node", "myna-python", "okhttp"]))
        sysp = C.SUPPORT_SYSTEM[b]
        for t in W.sessions(r, w.days, W.lognorm(r, 130, 0.4), "shop", "IN"):
            conv = w.hexid(r, "conv_", 64)
            for k in range(1 + int(W.lognorm(r, 1.5, 0.6))):
                q = C.pick(r, C.SUPPORT_Q).replace("{o}", f"{'AYN' if b == 'ayurvedaa' else 'GG'}{r.randrange(10 ** 6, 10 ** 7)}").replace("{p}", f"{r.randrange(1, 99):02d}")
                w.emit(a, r, t, q, client=c, ip=server[k % 2], model=LITE, system=sysp, conv=conv, turn=k + 1, out=90, stream=False, max_tokens=512,
                       extra_in=r.randrange(200, 700))
                t += r.uniform(20, 300)


def catalogue_pipeline(w: World, n: int) -> None:
    r = w.rng("catalogue_pipeline")
    pl = w.places
    e = w.ent["bazaarkart"]
    cats = ["HOM", "FAS", "ELE", "BTY"]
    for i in range(n):
        cat = cats[i % 4]
        created = past(r, 30, 300)
        a = w.account(r, "catalogue_pipeline", created_at=created, email=f"catalog-{cat.lower()}@bazaarkart.in", plan="enterprise", country="IN",
                      signup_ip=pl.bazaarkart_dc.rand(r), payment=e["payment_fingerprints"][0], org_id="bazaarkart", declared="BazaarKart", nkeys=1)
        c = script(r, r.choice(["myna-python", "go", "java"]))
        sku = r.randrange(1000, 400000)
        for d in range(w.days):
            t = W.local_midnight(d, W.IST) + r.uniform(0.5, 2.5) * 3600
            for _ in range(int(r.uniform(180, 420))):
                w.emit(a, r, t, C.catalogue_item(r, sku, cat), client=c, ip=pl.bazaarkart_dc.pick(int(t // 300)), model=FLAG, out=420, out_sigma=0.2,
                       stream=False, system="You write marketplace listings. Follow BazaarKart style guide v3. No medical claims.", max_tokens=1200)
                sku += 1
                t += r.uniform(3, 25)


# ---------------------------------------------------------------- hard negatives of this world

def quiz_bank_teacher(w: World, n: int) -> None:
    """Coaching-institute teachers and YouTube educators building question banks chapter by chapter:
    a syllabus walked in order, long outputs, the reasoning model for worked solutions."""
    r = w.rng("quiz_bank_teacher")
    pl = w.places
    e = w.ent["vidyarthi-academy"]
    for i in range(n):
        academy = i % 2 == 0
        p = W.Person(r, pl, country="IN", older=True)
        created = past(r, 30, 500)
        subj, cls = C.pick(r, list(C.NCERT))
        if academy:
            a = w.account(r, "quiz_bank_teacher", created_at=created, email=p.work_email(r, "vidyarthiacademy.in"), plan="team", country="IN",
                          signup_ip=pl.offices["vidyarthi-academy"].rand(r), payment=e["payment_fingerprints"][0], org_id="vidyarthi-academy",
                          declared="Vidyarthi Academy")
        else:
            a = w.account(r, "quiz_bank_teacher", created_at=created, email=p.personal_email(r), plan=r.choice(["pro", "max"]), country="IN",
                          signup_ip=p.home.ip(created, 2), payment=w.fp(r), declared=r.choice([None, f"{p.first} Sir Classes", f"{subj} with {p.first}"]))
        c = web(r, False)
        chapters = C.NCERT[(subj, cls)]
        ch = r.randrange(0, len(chapters))
        exam = r.choice(["JEE Main", "NEET", "CBSE board", "KCET"])
        for t in W.sessions(r, w.days, W.lognorm(r, 1.3, 0.4), "office" if academy else "evening_only", "IN"):
            ipf = (lambda ts, p=p: laptop_ip(p, ts, pl.offices["vidyarthi-academy"] if academy else None))
            for _ in range(r.randrange(2, 7)):
                model = THINK if r.random() < 0.35 else FLAG
                chat(w, a, r, t, c, ipf, model, C.quiz_request(r, subj, cls, ch % len(chapters) + 1, chapters[ch % len(chapters)], exam),
                     lambda rr: rr.choice(["make Q4 and Q9 harder", "give Hindi version", "replace the graph based question", "add 5 more assertion-reason",
                                           "check answer of Q12", "format as table for printing"]),
                     1 + (r.random() < 0.5), out=2600, reasoning=model == THINK, think=4000, gap=(120, 600))
                t += r.uniform(300, 1500)
                if r.random() < 0.6:
                    ch += 1


def bpo_agents(w: World, n: int) -> None:
    """A BPO floor on US hours: one proxy, one SSO tenant, one macro-library system prompt per client,
    everybody drafting short replies in parallel through the night."""
    r = w.rng("bpo_agents")
    pl = w.places
    e = w.ent["bluewave-bpo"]
    office = pl.offices["bluewave-bpo"]
    image = [W.browser_ua(r, False), W.browser_ua(r, False)]     # the floor's managed desktop images
    for i in range(n):
        p = W.Person(r, pl, country="IN", region=r.choice(["punjabi", "north", "north"]))
        p.year = r.randrange(1996, 2004)
        client_name = C.BPO_CLIENTS[i % 3]
        created = past(r, 5, 300)
        a = w.account(r, "bpo_agents", created_at=created, email=p.work_email(r, "bluewavecs.in"), plan="team", country="IN",
                      signup_ip=office.rand(r), payment=e["payment_fingerprints"][0], org_id="bluewave-bpo", declared="BlueWave Customer Services",
                      sso="bluewavecs.okta.com")
        c = Client(image[0] if r.random() < 0.8 else image[1], "/v1/messages", "web")
        sysp = C.BPO_SYSTEM.format(client=client_name)
        off = set(r.sample(range(w.days), min(2, w.days - 1)))
        for d in range(w.days):
            if d in off or W.day_kind("IN", d) == "sun":
                continue
            t = W.local_midnight(d, W.IST) + (19.5 + r.uniform(0, 0.5)) * 3600
            end = t + 9 * 3600
            while t < end:
                if r.random() < 0.04:
                    t += 3600   # break
                w.emit(a, r, t, f"Customer {r.choice(['', 'Mr. ', 'Ms. '])}{r.choice(['Johnson', 'Garcia', 'Smith', 'Nguyen', 'Patel', 'Brown', 'Miller'])} "
                       f"{C.pick(r, C.BPO_ISSUES)}. {r.choice(['Draft the reply.', 'Make it shorter.', 'Customer is angry, de-escalate.', 'Add the next steps.'])}",
                       client=c, ip=office.host(W.mix(p.salt, int(t // 3600))), model=LITE, system=sysp, out=170)
                t += r.uniform(240, 900)


def news_desk(w: World, n: int) -> None:
    """A Marathi-Hindi daily's desk: wire copy rewritten as briefs, headlines in two languages, heavier on
    Republic Day and the evening edition."""
    r = w.rng("news_desk")
    pl = w.places
    e = w.ent["dainik-samvad"]
    for i in range(n):
        p = W.Person(r, pl, country="IN", region="marathi")
        created = past(r, 20, 200)
        a = w.account(r, "news_desk", created_at=created, email=p.work_email(r, "dainiksamvad.com"), plan="team", country="IN",
                      signup_ip=pl.offices["dainik-samvad"].rand(r), payment=e["payment_fingerprints"][0], org_id="dainik-samvad",
                      declared="Dainik Samvad")
        c = web(r, False)
        for t in W.sessions(r, w.days, W.lognorm(r, 3.0, 0.3), "newsroom", "IN"):
            for _ in range(r.randrange(2, 9)):
                wire = C.pick(r, C.WIRE).format(d=25 + local_day(t, W.IST), day=r.choice(["Monday", "Tuesday", "Wednesday"]), x=C.pick(r, C.WIRE_X),
                                                n=r.randrange(10, 9000), move=r.choice(["rose", "fell"]))
                ask = r.choice(["Rewrite as a 120-word Marathi news brief with a headline:", "Hindi headline options (5) and a 2-line summary:",
                                "Translate to Marathi for the evening edition, keep numbers as is:", "Fact points only, Marathi bullets:"])
                w.emit(a, r, t, f"{ask}\n{wire} {r.choice(['Officials said the move would benefit lakhs of families.', 'The opposition criticised the decision.', ''])}",
                       client=c, ip=laptop_ip(p, t, pl.offices["dainik-samvad"], (8, 23.5)), model=FLAG, out=380)
                t += r.uniform(120, 900)
