"""Who uses Haneul AI, one function per persona: `persona(world, rng, n)` adds about n accounts.

Benign personas come first (most accounts, and the hard negatives: groups that share a card, a
venue, a proxy, a platform, a range a rival lists), then the abusive ones, each turned from blatant
to careful by `world.careful`. Written without reading Moat's detectors (see README.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import content as C
import numpy as np
from engine import World, app_client, pick
from world import (
    AGENTS,
    BROWSERS,
    CAMPUS,
    CLOUD_OWN,
    CORP_PROXY,
    COWORK,
    DAY,
    GANGNAM_COWORK,
    OTHER_VPN,
    PLATFORM_RELAY,
    RIVAL_COUNTRY,
    RIVAL_OFFICE,
    RIVALS,
    SCRIPTS,
    SDK,
    SEOUL_CLOUD_NAT,
    SG_VPN_EXIT,
    T0,
    TZ,
    VPS,
    blocks,
    cidr,
    fingerprint,
    fixed,
    hexid,
    home4,
    in_block,
    mixed,
    personal_addr,
    personal_email,
    pool,
    residential_proxy,
    session_start,
    work_email,
)

R = np.random.Generator
COUNTRIES = ["KR", "JP", "ID", "SG", "AU", "VN", "PH", "TH", "MY", "TW"]
COUNTRY_W = np.array([30, 22, 20, 8, 8, 3, 3, 2, 2, 2], float) / 100
GEN, MINI, REASON = "haneul-3", "haneul-3-mini", "haneul-3-reason"
PLATFORM_SYSTEM = {
    "hanbit-code": "You are Hanbit Code's assistant inside the editor. Follow the workspace rules. Prefer minimal diffs. "
                   "Tools: read_file, write_file, run_tests, search.",
    "agentloom": "Agentloom runtime v2. You are an autonomous agent. Use the provided tools; think before acting; "
                 "return a JSON action or FINAL.",
    "kaiwa-hub": "Kaiwa Hub — helpful multilingual assistant. Answer in the user's language.",
}
PLATFORM_UA = {"hanbit-code": ("HanbitCode-Relay/3.8.2", "/v1/messages"),
               "agentloom": ("Agentloom/2.1.0 (+https://agentloom.io)", "/v1/chat/completions"),
               "kaiwa-hub": ("KaiwaHub-Gateway/1.4", "/v1/chat/completions")}


def country(rng: R) -> str:
    return COUNTRIES[int(rng.choice(len(COUNTRIES), p=COUNTRY_W))]


def signup(rng: R, lo: float, hi: float) -> float:
    """Signup `lo`-`hi` days before the recording starts (negative: during it)."""
    return T0 - float(rng.uniform(lo, hi)) * DAY


def tz(c: str) -> int:
    return TZ[c]


def careful_of(w: World, rng: R) -> float:
    """One adversary's own carefulness around the run's knob."""
    return float(np.clip(w.careful + rng.normal(0, 0.12), 0, 1))


# ======================================================================== benign

def consumer_chat(w: World, rng: R, n: int) -> None:
    """App and web users chatting in their language; many barely use it, a few daily."""
    for _ in range(n):
        c = country(rng)
        lang = C.LANG_OF[c]
        plan = "free" if rng.random() < 0.62 else ("pro" if rng.random() < 0.85 else "max")
        ip = personal_addr(rng, c, w.days)
        a = w.account(rng, "consumer_chat", country=c, plan=plan, email=personal_email(rng, c),
                      created_at=signup(rng, -3, 700), payment=fingerprint(rng) if plan != "free" else None,
                      signup_ip=ip(T0 - 100 * DAY))
        browser = pick(rng, BROWSERS) if rng.random() < 0.35 else None
        sessions = int(rng.choice([0, 1, 2, 4, 8, 14, 24, 40], p=[.08, .12, .15, .18, .17, .15, .09, .06]))
        for _ in range(sessions):
            client = app_client(rng, c, browser if rng.random() < 0.8 else None)
            t = session_start(rng, "consumer", tz(c), w.days)
            turns = int(rng.integers(1, 7))
            w.session(rng, a, t, turns, lambda k: C.chat(rng, lang) if k == 1 or rng.random() < 0.3 else C.followup(rng, lang),
                      client=client, ip=ip, model=GEN if rng.random() < 0.8 else MINI, app=True, gap=(20, 300),
                      out=(60, 600), stream=True)


def student(w: World, rng: R, n: int) -> None:
    """Students on campus NAT and at home; maths step by step with reasoning; an exam crunch in the last days."""
    campuses = list(CAMPUS)
    for _ in range(n):
        camp = pick(rng, campuses)
        cblock, c = CAMPUS[camp]
        lang = C.LANG_OF[c]
        ip = mixed(rng, [(0.55, fixed(rng, cblock, 6)), (0.45, personal_addr(rng, c, w.days))])
        plan = "free" if rng.random() < 0.7 else "pro"
        a = w.account(rng, "student", country=c, plan=plan, email=personal_email(rng, c), created_at=signup(rng, 0, 400),
                      payment=fingerprint(rng) if plan == "pro" else None, signup_ip=ip(T0), group=camp)
        browser = pick(rng, BROWSERS[:5])
        for _ in range(int(rng.integers(5, 25))):
            crunch = rng.random() < 0.45
            t = session_start(rng, "student", tz(c), w.days, (w.days - 3, w.days) if crunch else None)
            maths = rng.random() < 0.55
            w.session(rng, a, t, int(rng.integers(2, 9)), lambda k: C.study(rng, lang, maths) if k == 1 or rng.random() < .5 else C.followup(rng, lang),
                      client=app_client(rng, c, browser if rng.random() < 0.6 else None), ip=ip,
                      model=REASON if maths else GEN, reasoning=maths, app=True, out=(200, 1800), stream=True)


def indie_dev(w: World, rng: R, n: int) -> None:
    """Developers with their own API keys from home, a hotspot, a café; SDKs and coding agents."""
    for _ in range(n):
        c = country(rng)
        lang = C.LANG_OF[c] if C.LANG_OF[c] in ("ko", "ja", "id") and rng.random() < 0.6 else "en"
        ip = personal_addr(rng, c, w.days)
        a = w.account(rng, "indie_dev", country=c, plan="api", email=personal_email(rng, c), created_at=signup(rng, -5, 600),
                      payment=fingerprint(rng), signup_ip=ip(T0 - 50 * DAY))
        clients = [pick(rng, SDK)] + ([pick(rng, AGENTS)] if rng.random() < 0.5 else [])
        vol = int(rng.choice([6, 15, 30, 60], p=[.3, .35, .25, .1]))
        for _ in range(vol):
            cl = pick(rng, clients)
            t = session_start(rng, "dev", tz(c), w.days)
            agentic = cl in AGENTS
            w.session(rng, a, t, int(rng.integers(3, 25 if agentic else 8)), lambda k: C.code(rng, lang), client=cl, ip=ip,
                      model=GEN if rng.random() < .75 else REASON, gap=(8, 90) if agentic else (30, 400),
                      out=(150, 2500), max_tokens=int(pick(rng, [4096, 8192, 16384])))


def _team_traffic(w: World, rng: R, a: dict[str, Any], c: str, ip: Any, sessions: int, lang: str,
                  clients: list[Any], profile: str = "office") -> None:
    for _ in range(sessions):
        cl = pick(rng, clients)
        t = session_start(rng, profile, tz(c), w.days)
        kind = rng.random()
        fn: Callable[[int], str] = (lambda k: C.code(rng, lang)) if kind < 0.5 else (lambda k: C.work(rng, lang))
        w.session(rng, a, t, int(rng.integers(1, 9)), fn, client=cl, ip=ip, model=GEN if rng.random() < .8 else MINI,
                  out=(100, 1500), app=cl[0] in BROWSERS)


def startup_team(w: World, rng: R, n: int) -> None:
    """Teams of 3-8 on one company card, signed up within two hours; some offices egress through
    the Seoul cloud NAT or the Gangnam coworking floor that goryeo-ai also lists."""
    made, ti = 0, 0
    while made < n:
        size = min(int(rng.integers(3, 9)), n - made)
        c = pick(rng, ["KR", "KR", "JP", "ID", "SG", "AU"])
        lang = C.LANG_OF[c] if rng.random() < .7 else "en"
        dom = f"{pick(rng, ['nova', 'blue', 'pine', 'mint', 'oto', 'lumi', 'kopi', 'hana', 'sora', 'bit'])}" \
              f"{pick(rng, ['labs', 'works', 'hq', 'tech', 'io', 'studio'])}{int(rng.integers(2, 99))}.{pick(rng, ['com', 'io', 'co', 'ai'])}"
        where = rng.random()
        if c == "KR" and where < 0.3:
            office, venue = fixed(rng, SEOUL_CLOUD_NAT, 3), "seoul-cloud-nat"
        elif c == "KR" and where < 0.55:
            office, venue = fixed(rng, GANGNAM_COWORK, 4), "gangnam-coworking"
        else:
            office, venue = fixed(rng, f"{in_block(rng, CLOUD_OWN)}/32" if rng.random() < .4 else in_block(rng, blocks('211.0.0.0/8')) + "/32", 1), "own-office"
        card, t0 = fingerprint(rng), signup(rng, 5, 300)
        for _ in range(size):
            ip = mixed(rng, [(0.75, office), (0.25, personal_addr(rng, c, w.days))])
            a = w.account(rng, "startup_team", country=c, plan=pick(rng, ["team", "api", "pro"]), email=work_email(rng, c, dom),
                          created_at=t0 + float(rng.uniform(0, 7200)), org_id=dom.split(".")[0], declared_company=dom.split(".")[0],
                          payment=card, signup_ip=office(t0), group=f"startup-{ti}:{venue}")
            _team_traffic(w, rng, a, c, ip, int(rng.integers(10, 45)), lang, [pick(rng, SDK), pick(rng, AGENTS), (pick(rng, BROWSERS), "/v1/messages")])
            made += 1
        ti += 1


def enterprise_staff(w: World, rng: R, n: int) -> None:
    """Three companies behind corporate proxies: a few egress addresses, one SSO tenant, one managed browser."""
    firms = [("daehan-securities", "daehansec.co.kr", "daehansec.okta.com", "KR"),
             ("sakura-trading", "sakura-trading.co.jp", "sakuratrading.onmicrosoft.com", "JP"),
             ("nusantara-bank", "banknusantara.co.id", "banknusantara.okta.com", "ID")]
    for i in range(n):
        org, dom, sso, c = firms[i % 3]
        proxy = fixed(rng, CORP_PROXY[org], 4)
        ent = w.entities[org]
        a = w.account(rng, "enterprise_staff", country=c, plan="enterprise", email=work_email(rng, c, dom), created_at=signup(rng, 20, 400),
                      org_id=org, declared_company=ent.name, payment=ent.payment_fingerprints[0], signup_ip=proxy(T0), sso=sso, group=org)
        browser = BROWSERS[3] if c != "KR" else BROWSERS[2]
        clients = [(browser, "/v1/messages")] * 4 + [pick(rng, SDK)]
        _team_traffic(w, rng, a, c, proxy, int(rng.integers(15, 50)), C.LANG_OF[c], clients)


def platform_byok(w: World, rng: R, n: int) -> None:
    """Developers using their own Haneul key inside hanbit-code or agentloom: the platform's relay
    addresses, system prompt and user agent; their own signed end-user id."""
    for _ in range(n):
        c = country(rng)
        plat = "hanbit-code" if rng.random() < 0.6 else "agentloom"
        relay = fixed(rng, PLATFORM_RELAY[plat], 20)
        email = personal_email(rng, c) if rng.random() < .6 else work_email(rng, c, f"{pick(rng, ['sejin', 'tokai', 'maju', 'kiwi'])}soft{int(rng.integers(1, 99))}.com")
        a = w.account(rng, "platform_byok", country=c, plan="api", email=email, created_at=signup(rng, 0, 300),
                      payment=fingerprint(rng), signup_ip=personal_addr(rng, c, w.days)(T0), group=plat)
        eu, euo = f"{plat[:2]}u_{hexid(rng, 8)}", email.split("@")[1]
        lang = C.LANG_OF[c] if C.LANG_OF[c] in ("ko", "ja", "id") else "en"
        for _ in range(int(rng.integers(8, 40))):
            t = session_start(rng, "dev", tz(c), w.days)
            w.session(rng, a, t, int(rng.integers(3, 20)), lambda k: C.code(rng, lang), client=PLATFORM_UA[plat], ip=relay,
                      model=GEN, system=PLATFORM_SYSTEM[plat], platform=plat, end_user=eu, end_user_org=euo,
                      gap=(6, 80), out=(150, 2000), cached=True, per_request_ip=True)


def platform_account(w: World, rng: R, n: int) -> None:
    """The platforms' own accounts relaying hundreds of end users each, a handful from rival domains
    (who do ordinary work: the platform is not the rival)."""
    for i in range(n):
        plat = ["hanbit-code", "agentloom", "kaiwa-hub"][i % 3]
        ent = w.entities[plat]
        relay = fixed(rng, PLATFORM_RELAY[plat], 20 if plat != "kaiwa-hub" else 10)
        a = w.account(rng, "platform_account", country={"hanbit-code": "KR", "agentloom": "AU", "kaiwa-hub": "JP"}[plat],
                      plan="enterprise", email=f"platform-ops@{ent.domains[0]}", created_at=signup(rng, 200, 500),
                      org_id=plat, declared_company=ent.name, payment=ent.payment_fingerprints[0], signup_ip=relay(T0), group=plat)
        users = []
        for _ in range(int(rng.integers(330, 520))):
            c = country(rng)
            dom = pick(rng, ["gmail.com", "naver.com", "yahoo.co.jp", "daehansec.co.kr", "tokopedia.com", "grab.com",
                             "canva.com", "line.me", "kakaocorp.com", "rakuten.co.jp", f"dev{int(rng.integers(1, 400))}.io"])
            users.append((c, f"{plat[:2]}u_{hexid(rng, 8)}", dom))
        for r in RIVALS:
            users.append((RIVAL_COUNTRY[r], f"{plat[:2]}u_{hexid(rng, 8)}", w.entities[r].domains[0]))
        for c, eu, dom in users:
            lang = C.LANG_OF[c] if C.LANG_OF[c] in ("ko", "ja", "id") else "en"
            for _ in range(int(rng.integers(1, 8))):
                t = session_start(rng, "dev" if plat != "kaiwa-hub" else "consumer", tz(c), w.days)
                fn: Callable[[int], str] = (lambda k: C.code(rng, lang)) if plat != "kaiwa-hub" else (lambda k: C.chat(rng, lang))
                w.session(rng, a, t, int(rng.integers(1, 9)), fn, client=PLATFORM_UA[plat], ip=relay, model=GEN,
                          system=PLATFORM_SYSTEM[plat], platform=plat, end_user=eu, end_user_org=dom, gap=(8, 120),
                          out=(100, 1500), cached=True, per_request_ip=True)


EVAL_SET = [f"Q{i:03d}. " + q for i, q in enumerate(
    [f"{a} {b}" for a in ["Explain", "Prove", "Compute", "Translate to Korean:", "Classify the sentiment of:"]
     for b in ["the halting problem", "that √2 is irrational", "17 × 23 − 4", "'the weather is lovely'", "'배송이 늦어요'",
               "Bayes' rule for a 1% base rate", "the time complexity of heapsort", "'電車が遅れています'"]], 1)]


def research_lab(w: World, rng: R, n: int) -> None:
    """Labs sharing one grant card and campus NAT; members run the lab's fixed evaluation script."""
    made, li = 0, 0
    while made < n:
        size = min(int(rng.integers(3, 6)), n - made)
        camp = pick(rng, ["KAIST", "SNU", "UTokyo", "NUS", "UNSW"])
        cblock, c = CAMPUS[camp]
        card = fingerprint(rng)
        suite = [f"[lab-eval v{li}] {q}" for q in EVAL_SET]
        for _ in range(size):
            ip = mixed(rng, [(0.8, fixed(rng, cblock, 6)), (0.2, personal_addr(rng, c, w.days))])
            uni = {"KAIST": "kaist.ac.kr", "SNU": "snu.ac.kr", "UTokyo": "g.ecc.u-tokyo.ac.jp", "NUS": "u.nus.edu", "UNSW": "ad.unsw.edu.au"}[camp]
            a = w.account(rng, "research_lab", country=c, plan="api", email=work_email(rng, c, uni), created_at=signup(rng, 30, 400),
                          org_id=None, declared_company=f"{camp} NLP lab", payment=card, signup_ip=ip(T0), group=f"lab-{li}:{camp}")
            cl = ("python-httpx/0.28.1", "/v1/messages")
            for _ in range(int(rng.integers(1, 4))):
                t = session_start(rng, "office", tz(c), w.days)
                model = pick(rng, [GEN, MINI, REASON])
                for q in suite:
                    w.emit(rng, a, t, q, client=cl, ip=ip(t), model=model, reasoning=model == REASON, out=(40, 900), stream=False)
                    t += float(rng.uniform(1.5, 6))
            _team_traffic(w, rng, a, c, ip, int(rng.integers(4, 15)), "en", [pick(rng, SDK)])
            made += 1
        li += 1


def hackathon_cohort(w: World, rng: R, n: int) -> None:
    """Cohorts signing up within hours at one venue with a starter kit, building for 36 hours."""
    venues = [("Gangnam", GANGNAM_COWORK, "KR", "Build-with-Haneul Seoul"), ("UI", CAMPUS["UI"][0], "ID", "HackJakarta"),
              ("Shibuya", COWORK["Shibuya"], "JP", "Tokyo AI Jam")]
    made, hi = 0, 0
    while made < n:
        vname, block, c, event = venues[hi % 3]
        size = min(int(rng.integers(12, 20)), n - made)
        start = T0 + float(rng.uniform(1, w.days - 3)) * DAY
        venue = fixed(rng, block, 3)
        kit = f"You are the assistant in the {event} starter kit. Answer concisely. Use the tools in tools.json when needed."
        lang = C.LANG_OF[c]
        for _ in range(size):
            a = w.account(rng, "hackathon_cohort", country=c, plan=pick(rng, ["free", "api"]), email=personal_email(rng, c),
                          created_at=start + float(rng.uniform(0, 4 * 3600)), payment=None, signup_ip=venue(start), group=f"hackathon-{event}")
            cl = pick(rng, [SDK[0], SDK[2], SDK[4]])
            t = start + float(rng.uniform(1, 6)) * 3600
            while t < start + 36 * 3600:
                t = w.session(rng, a, t, int(rng.integers(2, 10)), lambda k: C.code(rng, lang if rng.random() < .4 else "en"),
                              client=cl, ip=venue, model=GEN, system=kit, gap=(10, 120), out=(100, 1200)) + float(rng.exponential(5400))
            made += 1
        hi += 1


def eval_harness(w: World, rng: R, n: int) -> None:
    """Nightly CI and model comparisons re-running the same fixed benchmark in the same order."""
    for i in range(n):
        c = pick(rng, ["KR", "JP", "SG", "AU"])
        dom = pick(rng, ["linebench.io", "kakao-eval.kr", "evalsuite.dev", "bench.sg", "qalab.com.au", "mlops-tokyo.jp"])
        host = in_block(rng, CLOUD_OWN)
        a = w.account(rng, "eval_harness", country=c, plan="api", email=f"ci@{dom}", created_at=signup(rng, 30, 300),
                      org_id=dom.split(".")[0], declared_company=dom, payment=fingerprint(rng), signup_ip=host, group="eval-harness")
        size = int(rng.integers(120, 300))
        bench_rng = np.random.default_rng(1000 + i)
        questions = [f"[{dom} suite item {k}] " + C.study(bench_rng, pick(bench_rng, ["en", "ko", "ja"]), bench_rng.random() < .5) for k in range(size)]
        models = [GEN] + ([pick(rng, [MINI, REASON])] if rng.random() < .5 else [])
        for d in range(w.days):
            if rng.random() < 0.15:
                continue
            t = T0 + d * DAY + (2 - tz(c)) % 24 * 3600 + float(rng.uniform(0, 1800))
            for m in models:
                for q in questions:
                    w.emit(rng, a, t, q, client=("python-httpx/0.28.1", "/v1/chat/completions"), ip=host, model=m,
                           reasoning=m == REASON, out=(20, 500), stream=False, max_tokens=1024)
                    t += float(rng.uniform(0.3, 1.5))


def labelling_vendor(w: World, rng: R, n: int) -> None:
    """Annotators of one Jakarta vendor: SSO, office proxy, the same guidelines prompt all day."""
    ent = w.entities["pelangi-label"]
    office = fixed(rng, ent.ip_ranges[0], 3)
    guide = "Pelangi annotation guidelines v7: rate the response 1-5 for helpfulness and harmlessness, cite the rule."
    for _ in range(n):
        a = w.account(rng, "labelling_vendor", country="ID", plan="team", email=work_email(rng, "ID", "pelangidata.id"),
                      created_at=signup(rng, 10, 200), org_id="pelangi-label", declared_company=ent.name,
                      payment=ent.payment_fingerprints[0], signup_ip=office(T0), sso="pelangidata.okta.com", group="pelangi")
        for d in range(w.days):
            if (d + 1) % 7 in (6, 0) or rng.random() < .1:  # weekends off (T0 is a Monday)
                continue
            t = T0 + d * DAY + (8.5 - 7) * 3600 + float(rng.uniform(0, 3600))
            for _ in range(int(rng.integers(20, 45))):
                w.emit(rng, a, t, f"{guide}\nItem: {C.chat(rng, pick(rng, ['id', 'en']))}", client=(BROWSERS[0], "/v1/messages"),
                       ip=office(t), model=MINI, system=guide, out=(30, 200), app=True)
                t += float(rng.uniform(60, 700))


def former_rival_employee(w: World, rng: R, n: int) -> None:
    """Signed up from a rival's office years ago; half still declare it; personal cards now, home use."""
    for i in range(n):
        r = RIVALS[i % 3]
        c = RIVAL_COUNTRY[r]
        office = fixed(rng, RIVAL_OFFICE[r], 6)
        ip = personal_addr(rng, c, w.days)
        a = w.account(rng, "former_rival_employee", country=c, plan=pick(rng, ["pro", "api"]), email=personal_email(rng, c),
                      created_at=signup(rng, 500, 1100), declared_company=w.entities[r].name if rng.random() < .5 else None,
                      payment=fingerprint(rng), signup_ip=office(T0), group=f"former-{r}")
        _team_traffic(w, rng, a, c, ip, int(rng.integers(5, 20)), C.LANG_OF[c], [pick(rng, SDK), (pick(rng, BROWSERS), "/v1/messages")], "consumer")


def rival_office_visitor(w: World, rng: R, n: int) -> None:
    """Ordinary customers who spent one afternoon in a rival's office (an interview, a meetup)."""
    for i in range(n):
        r = RIVALS[i % 3]
        c = RIVAL_COUNTRY[r]
        ip = personal_addr(rng, c, w.days)
        a = w.account(rng, "rival_office_visitor", country=c, plan=pick(rng, ["pro", "api", "free"]), email=personal_email(rng, c),
                      created_at=signup(rng, 30, 500), payment=fingerprint(rng), signup_ip=ip(T0), group=f"visitor-{r}")
        cl = pick(rng, SDK)
        _team_traffic(w, rng, a, c, ip, int(rng.integers(5, 18)), C.LANG_OF[c], [cl], "dev")
        day = int(rng.integers(0, w.days - 1))
        t = T0 + day * DAY + (14 - tz(c)) * 3600
        visit = fixed(rng, RIVAL_OFFICE[r], 2)
        for _ in range(int(rng.integers(1, 4))):
            t = w.session(rng, a, t, int(rng.integers(1, 5)), lambda k: C.code(rng, "en"), client=cl, ip=visit, model=GEN) + 1200


def vpn_user(w: World, rng: R, n: int) -> None:
    """Privacy-minded users on commercial VPN exits, among them the /24 merlion-labs lists."""
    for _ in range(n):
        c = country(rng)
        exit_ = SG_VPN_EXIT if rng.random() < .5 else pick(rng, OTHER_VPN)
        ip = mixed(rng, [(0.8, pool(rng, [cidr(exit_)])), (0.2, personal_addr(rng, c, w.days))])
        plan = pick(rng, ["free", "pro", "api", "pro"])
        a = w.account(rng, "vpn_user", country=c, plan=plan, email=personal_email(rng, c), created_at=signup(rng, 0, 500),
                      payment=fingerprint(rng) if plan != "free" else None, signup_ip=ip(T0), group=f"vpn:{exit_}")
        lang = C.LANG_OF[c]
        cl = (pick(rng, BROWSERS), "/v1/messages") if plan != "api" else pick(rng, SDK)
        for _ in range(int(rng.integers(2, 14))):
            t = session_start(rng, "consumer", tz(c), w.days)
            w.session(rng, a, t, int(rng.integers(1, 7)), lambda k: C.chat(rng, lang) if rng.random() < .6 else C.code(rng, "en"),
                      client=cl, ip=ip, model=GEN, app=plan != "api")


def shared_cloud_tenant(w: World, rng: R, n: int) -> None:
    """Small companies whose servers egress through the Seoul cloud region's shared NAT (goryeo-ai lists it)."""
    for _ in range(n):
        dom = f"{pick(rng, ['dal', 'bom', 'saem', 'gil', 'nuri', 'haru', 'byeol'])}{pick(rng, ['soft', 'data', 'mall', 'care'])}.co.kr"
        nat = fixed(rng, SEOUL_CLOUD_NAT, 4)
        a = w.account(rng, "shared_cloud_tenant", country="KR", plan="api", email=work_email(rng, "KR", dom),
                      created_at=signup(rng, 10, 500), org_id=dom.split(".")[0], declared_company=dom.split(".")[0],
                      payment=fingerprint(rng), signup_ip=personal_addr(rng, "KR", w.days)(T0), group="seoul-cloud-nat")
        cl = pick(rng, SDK + [SCRIPTS[0]])
        job = rng.random()
        for _ in range(int(rng.integers(10, 50))):
            t = session_start(rng, "office" if job < .6 else "flat", 9, w.days)
            w.session(rng, a, t, int(rng.integers(1, 5)), lambda k: C.work(rng, "ko") if job < .6 else C.chat(rng, "ko"),
                      client=cl, ip=nat, model=pick(rng, [GEN, MINI]), gap=(2, 30), per_request_ip=True)


def coworking_member(w: World, rng: R, n: int) -> None:
    """Freelancers on coworking floors, one of which (Gangnam) goryeo-ai also rents and lists."""
    floors = ["Gangnam", "Gangnam", "Singapore", "Jakarta", "Sydney", "Shibuya"]
    fc = {"Gangnam": "KR", "Singapore": "SG", "Jakarta": "ID", "Sydney": "AU", "Shibuya": "JP"}
    for _ in range(n):
        f = pick(rng, floors)
        c = fc[f]
        ip = mixed(rng, [(0.6, fixed(rng, COWORK[f], 4)), (0.4, personal_addr(rng, c, w.days))])
        a = w.account(rng, "coworking_member", country=c, plan=pick(rng, ["pro", "api"]), email=personal_email(rng, c),
                      created_at=signup(rng, 0, 400), payment=fingerprint(rng), signup_ip=ip(T0), group=f"cowork-{f}")
        _team_traffic(w, rng, a, c, ip, int(rng.integers(5, 25)), C.LANG_OF[c] if rng.random() < .6 else "en",
                      [pick(rng, SDK), (pick(rng, BROWSERS), "/v1/messages")])


def agency(w: World, rng: R, n: int) -> None:
    """Creative agencies writing copy for many clients' brands in several languages, on one agency card."""
    made, gi = 0, 0
    while made < n:
        size = min(int(rng.integers(2, 6)), n - made)
        c = pick(rng, ["ID", "SG", "KR", "AU"])
        dom = f"{pick(rng, ['kreatif', 'studio', 'brandhaus', 'pixel', 'loud'])}{pick(rng, ['agency', 'co', 'media'])}.{pick(rng, ['id', 'sg', 'kr', 'com.au'])}"
        office, card = fixed(rng, in_block(rng, blocks('103.0.0.0/8')) + "/32", 1), fingerprint(rng)
        for _ in range(size):
            ip = mixed(rng, [(0.7, office), (0.3, personal_addr(rng, c, w.days))])
            a = w.account(rng, "agency", country=c, plan=pick(rng, ["team", "pro"]), email=work_email(rng, c, dom),
                          created_at=signup(rng, 20, 400), org_id=dom.split(".")[0], declared_company=dom, payment=card,
                          signup_ip=office(T0), group=f"agency-{gi}")
            for _ in range(int(rng.integers(10, 35))):
                t = session_start(rng, "office", tz(c), w.days)
                w.session(rng, a, t, int(rng.integers(2, 10)), lambda k: C.farm_prompt(rng, pick(rng, ["seo", "listings"]), True)
                          if rng.random() < .4 else C.work(rng, pick(rng, ["en", "id", "ko"])),
                          client=(pick(rng, BROWSERS), "/v1/messages"), ip=ip, model=GEN, out=(300, 1500), app=True)
            made += 1
        gi += 1


def translator(w: World, rng: R, n: int) -> None:
    """Freelance translators: long documents in and out, Korean/Japanese/English/Indonesian."""
    for _ in range(n):
        c = pick(rng, ["KR", "JP", "ID", "SG"])
        ip = personal_addr(rng, c, w.days)
        a = w.account(rng, "translator", country=c, plan=pick(rng, ["pro", "max", "api"]), email=personal_email(rng, c),
                      created_at=signup(rng, 20, 600), payment=fingerprint(rng), signup_ip=ip(T0))
        pair = pick(rng, ["ko→ja", "ja→ko", "ko→en", "en→id", "ja→en", "en→ko"])
        cl = (pick(rng, BROWSERS), "/v1/messages") if a["plan"] != "api" else pick(rng, SDK)
        for _ in range(int(rng.integers(6, 25))):
            t = session_start(rng, "office", tz(c), w.days)
            doc = " ".join(C.work(rng, pick(rng, ["ko", "ja", "en"])) for _ in range(int(rng.integers(20, 90))))
            w.session(rng, a, t, int(rng.integers(1, 4)), lambda k: f"Translate ({pair}), keep the formatting:\n{doc}" if k == 1 else C.followup(rng, "en"),
                      client=cl, ip=ip, model=GEN, out=(1500, 9000), app=a["plan"] != "api", gap=(120, 900))


def pro_power_user(w: World, rng: R, n: int) -> None:
    """Heavy, honest Max/API users: coding agents with long cached sessions, reasoning at times."""
    for _ in range(n):
        c = country(rng)
        ip = personal_addr(rng, c, w.days)
        a = w.account(rng, "pro_power_user", country=c, plan=pick(rng, ["max", "max", "api"]), email=personal_email(rng, c),
                      created_at=signup(rng, 30, 500), payment=fingerprint(rng), signup_ip=ip(T0))
        cl = pick(rng, AGENTS)
        lang = C.LANG_OF[c] if C.LANG_OF[c] in ("ko", "ja", "id") and rng.random() < .5 else "en"
        for _ in range(int(rng.integers(10, 30))):
            t = session_start(rng, "dev", tz(c), w.days)
            think = rng.random() < .3
            w.session(rng, a, t, int(rng.integers(15, 90)), lambda k: C.code(rng, lang), client=cl, ip=ip,
                      model=REASON if think else GEN, reasoning=think, gap=(4, 60), out=(200, 3000), cached=True,
                      max_tokens=int(pick(rng, [32000, 64000])))


def name_lookalike(w: World, rng: R, n: int) -> None:
    """Staff of Goryeo Logistics and Merlion Properties: names and domains that look like the rivals'."""
    for i in range(n):
        org = ["goryeo-logistics", "merlion-properties"][i % 2]
        ent = w.entities[org]
        c = "KR" if org == "goryeo-logistics" else "SG"
        office = fixed(rng, ent.ip_ranges[0], 3) if ent.ip_ranges else personal_addr(rng, c, w.days)
        a = w.account(rng, "name_lookalike", country=c, plan=pick(rng, ["team", "pro"]), email=work_email(rng, c, ent.domains[0]),
                      created_at=signup(rng, 20, 300), org_id=org, declared_company=ent.name,
                      payment=ent.payment_fingerprints[0] if ent.payment_fingerprints else fingerprint(rng), signup_ip=office(T0), group=org)
        _team_traffic(w, rng, a, c, office, int(rng.integers(5, 20)), C.LANG_OF[c], [(pick(rng, BROWSERS), "/v1/messages")])


def household_shared(w: World, rng: R, n: int) -> None:
    """One Pro plan shared by 2-3 people of one home: several devices, one address."""
    for _ in range(n):
        c = country(rng)
        home = home4(rng, c, w.days)
        a = w.account(rng, "household_shared", country=c, plan="pro", email=personal_email(rng, c), created_at=signup(rng, 30, 600),
                      payment=fingerprint(rng), signup_ip=home(T0))
        members = [(app_client(rng, c), C.LANG_OF[c]) for _ in range(int(rng.integers(2, 4)))]
        for _ in range(int(rng.integers(8, 30))):
            cl, lang = pick(rng, members)
            t = session_start(rng, "consumer", tz(c), w.days)
            w.session(rng, a, t, int(rng.integers(1, 6)), lambda k: C.chat(rng, lang if rng.random() < .8 else "en"),
                      client=cl, ip=home, model=GEN, app=True)


def batch_etl(w: World, rng: R, n: int) -> None:
    """Nightly document jobs (invoices, claims, tickets) with sequential ids inside the documents."""
    jobs = [("Extract vendor, date, total and VAT as JSON from invoice INV-{i:07d}:\n{x}", "invoices"),
            ("Classify insurance claim CLM-2026-{i:06d} and extract the policy number:\n{x}", "claims"),
            ("Summarise support ticket #{i} and tag the product area:\n{x}", "tickets"),
            ("請求書 No.{i:06d} から取引先名・日付・金額をJSONで抽出：\n{x}", "invoices-jp")]
    for _ in range(n):
        c = pick(rng, ["KR", "JP", "SG", "AU", "ID"])
        tpl, kind = pick(rng, jobs)
        host = in_block(rng, CLOUD_OWN)
        a = w.account(rng, "batch_etl", country=c, plan="api", email=f"data-eng@{pick(rng, ['koreanair', 'shopnara', 'mizuho-ops', 'grabpay', 'ausure'])}-{hexid(rng, 3)}.com",
                      created_at=signup(rng, 30, 600), payment=fingerprint(rng), signup_ip=host, group=f"etl-{kind}")
        nxt = int(rng.integers(10000, 900000))
        for d in range(w.days):
            t = T0 + d * DAY + ((1 - tz(c)) % 24) * 3600 + float(rng.uniform(0, 1200))
            for _ in range(int(rng.integers(60, 220))):
                doc = C.work(rng, C.LANG_OF[c] if C.LANG_OF[c] in C.WORK else "en")
                w.emit(rng, a, t, tpl.format(i=nxt, x=doc), client=("python-requests/2.32.3", "/v1/chat/completions"), ip=host,
                       model=MINI, out=(40, 300), stream=False)
                nxt += 1
                t += float(rng.uniform(2, 12))


def edtech_app(w: World, rng: R, n: int) -> None:
    """A tutoring backend: pupils' step-by-step maths with reasoning, many sessions a day, one server."""
    for i in range(n):
        c = ["KR", "ID", "JP", "KR"][i % 4]
        host = in_block(rng, CLOUD_OWN)
        tutor = f"You are {['Suhak Buddy', 'Guru Pintar', 'Manabi Sensei', 'Math-Dragon'][i % 4]}, a patient maths tutor for pupils aged 10-16. Never give the answer before the pupil tries."
        a = w.account(rng, "edtech_app", country=c, plan="api", email=f"backend@{['suhakbuddy.kr', 'gurupintar.id', 'manabi.jp', 'mathdragon.kr'][i % 4]}",
                      created_at=signup(rng, 60, 500), payment=fingerprint(rng), signup_ip=host, group="edtech")
        for _ in range(int(rng.integers(250, 500))):
            t = session_start(rng, "student", tz(c), w.days)
            w.session(rng, a, t, int(rng.integers(2, 8)), lambda k: C.study(rng, C.LANG_OF[c], True) if k == 1 else C.followup(rng, C.LANG_OF[c]),
                      client=("OpenAI/Python 1.57.4", "/v1/chat/completions"), ip=host, model=REASON, reasoning=True,
                      system=tutor, out=(150, 900), gap=(30, 180))


def support_bot(w: World, rng: R, n: int) -> None:
    """Businesses' customer-support chatbots on the API: many end-customer conversations, one server."""
    shops = ["shopnara.kr", "kopikita.id", "yamato-mart.jp", "harbourtix.sg", "bondistay.com.au", "baemin-partner.kr",
             "tokobaju.id", "ramen-go.jp"]
    for i in range(n):
        dom = shops[i % len(shops)]
        c = {"kr": "KR", "id": "ID", "jp": "JP", "sg": "SG", "au": "AU"}[dom.split(".")[-1]]
        host = fixed(rng, in_block(rng, CLOUD_OWN) + "/32", 1)
        a = w.account(rng, "support_bot", country=c, plan="api", email=f"dev@{dom}", created_at=signup(rng, 60, 600),
                      org_id=dom.split(".")[0], declared_company=dom, payment=fingerprint(rng), signup_ip=host(T0), group="support-bot")
        system = f"You are the customer support assistant for {dom}. Be brief and polite. Escalate refunds over 100,000 KRW."
        lang = C.LANG_OF[c]
        for _ in range(int(rng.integers(280, 560))):
            t = session_start(rng, "consumer", tz(c), w.days)
            w.session(rng, a, t, int(rng.integers(1, 6)), lambda k: C.chat(rng, lang) if k == 1 else C.followup(rng, lang),
                      client=pick(rng, [SDK[2], SDK[4]]), ip=host, model=MINI, system=system, out=(40, 300), gap=(15, 90))


# ======================================================================== abusive

def _harvest_sessions(w: World, rng: R, a: dict[str, Any], cells: list[Any], careful: float, c: str, ip: Any, cl: Any,
                      *, variant: str = "plain", sweep: bool = False, platform: dict[str, Any] | None = None,
                      per_day: tuple[int, int] = (60, 160)) -> None:
    """Walk a capability space for reasoning traces: blatant = in order, templated, flat and fast;
    careful = shuffled, paraphrased, multi-turn follow-ups, office-hours pacing, lower volume."""
    is_careful = rng.random() < careful
    order = list(range(len(cells)))
    if is_careful:
        rng.shuffle(order)
    budget = int(rng.integers(*per_day) * w.days * (1 - 0.6 * careful))
    if is_careful:
        budget //= 3  # sessions of several turns each, fewer of them
    i, t = 0, T0 + float(rng.uniform(0, DAY))
    extra = platform or {}
    model = REASON if not sweep else GEN
    while i < budget:  # each cell is asked again and again: many problems per cell
        cell = cells[order[i % len(order)]]
        if is_careful:
            t = max(t, session_start(rng, "dev", tz(c), w.days)) if rng.random() < .5 else t + float(rng.exponential(2400))
            turns = int(rng.integers(1, 5))

            def prompt(k: int, cell: Any = cell) -> str:
                return (C.sweep(rng, cell, True) if sweep else C.harvest(rng, cell, i, True)) if k == 1 else C.followup(rng, "en")
            t = w.session(rng, a, t, turns, prompt, client=cl, ip=ip, model=model, reasoning=not sweep,
                          out=(800, 4000), gap=(40, 400), **extra)
            i += 1
        else:
            p = C.sweep(rng, cell, False) if sweep else C.harvest(rng, cell, i, False, variant)
            w.emit(rng, a, t, p, client=cl, ip=ip(t) if callable(ip) else ip, model=model, reasoning=not sweep,
                   out=(800, 4000), stream=False, max_tokens=16000, **extra)
            t += float(rng.uniform(3, 20))
            i += 1
        if t > w.end:
            t = T0 + float(rng.uniform(0, w.days)) * DAY


def _adversary_addr(w: World, rng: R, careful: float, c: str, vps: str) -> Any:
    """Blatant: one VPS. Careful: a residential proxy network, or a home address."""
    if rng.random() < careful:
        return residential_proxy(rng, [c, pick(rng, ["KR", "JP", "ID", "SG"])]) if rng.random() < .6 else personal_addr(rng, c, w.days)
    return fixed(rng, vps, 2)


def competitor(w: World, rng: R, n: int) -> None:
    """Rival staff using Haneul to build against it, tied to their employer by: a corporate card
    (personal e-mail), the rival's SSO tenant, a verified rival domain, an attested end-user org
    through hanbit-code, or only weakly (office-hours sessions from the rival's exclusive office)."""
    variants = ["card", "sso", "domain", "ide", "weak"]
    for i in range(n):
        r = RIVALS[i % 3]
        v = variants[(i // 3) % 5]
        ent = w.entities[r]
        c = RIVAL_COUNTRY[r]
        cf = careful_of(w, rng)
        office = fixed(rng, RIVAL_OFFICE[r], 8)
        home = personal_addr(rng, c, w.days)
        harvest = i % 2 == 0
        cats = ("competitor", "distillation") if harvest else ("competitor",)
        email, plan, sso, card = personal_email(rng, c), "api", None, fingerprint(rng)
        if v == "card":
            card = pick(rng, ent.payment_fingerprints)
        elif v == "sso":
            email, plan, sso = work_email(rng, c, ent.domains[-1]), "team", ent.sso_tenants[0]
        elif v == "domain":
            email = work_email(rng, c, ent.domains[-1])
        ip = mixed(rng, [(0.5, office), (0.5, home)]) if v in ("sso", "domain") else home
        if v == "weak":
            ip = office
        a = w.account(rng, "competitor", country=c, plan=plan, email=email, created_at=signup(rng, 5, 200),
                      declared_company=None, payment=card, signup_ip=home(T0), sso=sso, categories=cats, rival=r,
                      variant=v + ("+harvest" if harvest else ""), careful=cf)
        plat = None
        cl = pick(rng, SDK[:6])
        if v == "ide":
            plat = {"platform": "hanbit-code", "end_user": f"hau_{hexid(rng, 8)}", "end_user_org": ent.domains[0],
                    "system": PLATFORM_SYSTEM["hanbit-code"], "per_request_ip": True}
            cl, ip = PLATFORM_UA["hanbit-code"], fixed(rng, PLATFORM_RELAY["hanbit-code"], 20)
        if harvest:
            cells = C.grid(["code", "math"] if i % 4 == 0 else ["code", "reasoning"])
            if plat:
                plat = dict(plat)
                plat.pop("per_request_ip")
            _harvest_sessions(w, rng, a, cells, cf, c, ip, cl, platform=plat, per_day=(25, 70))
        # ordinary competitive evaluation work: benchmarks of Haneul against their own model, in office hours
        for _ in range(int(rng.integers(8, 25))):
            t = session_start(rng, "office", tz(c), w.days)
            kw: dict[str, Any] = dict(plat) if plat else {}
            w.session(rng, a, t, int(rng.integers(1, 8)), lambda k: C.code(rng, C.LANG_OF[c] if rng.random() < .5 else "en"),
                      client=cl, ip=ip, model=pick(rng, [GEN, REASON]), **kw)


def competitor_shell(w: World, rng: R, n: int) -> None:
    """A shell consultancy harvesting code and maths reasoning for merlion-labs: its own domain and
    card, the space divided among members; two members paid with Merlion's card."""
    r = "merlion-labs"
    ent = w.entities[r]
    dom, card = "bluepine-analytics.sg", fingerprint(rng)
    net = "net-f-shell-merlion"
    cells = C.grid(["code", "math", "science"])
    order = list(range(len(cells)))
    rng.shuffle(order)
    t0 = signup(rng, 3, 40)
    for j in range(n):
        cf = careful_of(w, rng)
        c = "SG"
        pay = ent.payment_fingerprints[0] if j < 2 else (card if rng.random() > cf else fingerprint(rng))
        ip = _adversary_addr(w, rng, cf, c, VPS["singapore"])
        a = w.account(rng, "competitor_shell", country=c, plan="team", email=work_email(rng, c, dom),
                      created_at=t0 + float(rng.uniform(0, 1 + 20 * cf)) * DAY, org_id="bluepine", declared_company="Bluepine Analytics",
                      payment=pay, signup_ip=ip(t0), categories=("competitor", "coordination", "distillation"), network_id=net,
                      rival=r, variant="shell+card" if j < 2 else "shell", careful=cf)
        mine = [cells[k] for k in order[j::n]]
        _harvest_sessions(w, rng, a, mine, cf, c, ip, pick(rng, SDK[:6]), per_day=(30, 80))


def coord_distill(w: World, rng: R, n: int) -> None:
    """Networks of 9-14 operated accounts dividing a capability space for reasoning traces."""
    spaces = [["math", "science"], ["code", "reasoning"], ["law", "reasoning", "science"]]
    made, k = 0, 0
    while made < n:
        size = min(int(rng.integers(9, 15)), n - made)
        net = f"net-f-distill-{k}"
        cells = C.grid(spaces[k % 3])
        order = list(range(len(cells)))
        rng.shuffle(order)
        c0 = pick(rng, ["KR", "JP", "ID", "SG"])
        shared_card = fingerprint(rng)
        vps = pick(rng, list(VPS.values()))
        cl0 = pick(rng, SDK[:6])
        t0 = signup(rng, 2, 30)
        for j in range(size):
            cf = careful_of(w, rng)
            c = c0 if rng.random() > cf else country(rng)
            email = f"{pick(rng, ['ai', 'data', 'gen', 'set'])}worker{k}{j:02d}@gmail.com" if rng.random() > cf else personal_email(rng, c)
            ip = _adversary_addr(w, rng, cf, c, vps)
            a = w.account(rng, "coord_distill", country=c, plan=pick(rng, ["api", "pro", "max"]), email=email,
                          created_at=t0 + float(rng.uniform(0, 0.1 + 12 * cf)) * DAY, payment=shared_card if rng.random() > cf else fingerprint(rng),
                          signup_ip=ip(t0), categories=("coordination", "distillation"), network_id=net, variant=f"space-{k}", careful=cf)
            mine = [cells[q] for q in order[j::size]]
            cl = cl0 if rng.random() > cf else pick(rng, SDK)
            _harvest_sessions(w, rng, a, mine, cf, c, ip, cl, variant="json" if k == 1 else "plain", per_day=(20, 60))
            made += 1
        k += 1


def capability_sweep(w: World, rng: R, n: int) -> None:
    """Single accounts generating synthetic training data over task × language × format × length."""
    cells = C.sweep_cells()
    for _ in range(n):
        cf = careful_of(w, rng)
        c = pick(rng, ["KR", "ID", "SG", "JP"])
        ip = _adversary_addr(w, rng, cf, c, pick(rng, list(VPS.values())))
        a = w.account(rng, "capability_sweep", country=c, plan=pick(rng, ["api", "max"]), email=personal_email(rng, c),
                      created_at=signup(rng, 1, 60), payment=fingerprint(rng), signup_ip=ip(T0), categories=("distillation",),
                      variant="sweep", careful=cf)
        _harvest_sessions(w, rng, a, cells, cf, c, ip, pick(rng, SDK + SCRIPTS), sweep=True, per_day=(80, 200))


def distill_bulk(w: World, rng: R, n: int) -> None:
    """Reasoning harvest on API keys over a domain × subtopic × level grid (plain, JSON trace)."""
    for j in range(n):
        cf = careful_of(w, rng)
        c = pick(rng, ["KR", "JP", "SG", "ID", "AU"])
        ip = _adversary_addr(w, rng, cf, c, pick(rng, list(VPS.values())))
        a = w.account(rng, "distill_bulk", country=c, plan="api", email=personal_email(rng, c), created_at=signup(rng, 1, 90),
                      payment=fingerprint(rng), signup_ip=ip(T0), categories=("distillation",),
                      variant="json" if j % 2 else "plain", careful=cf)
        cells = C.grid(list(C.DOMAINS)[j % 5: j % 5 + 2] or ["math"])
        _harvest_sessions(w, rng, a, cells, cf, c, ip, pick(rng, SDK[:6] + SCRIPTS), variant="json" if j % 2 else "plain",
                          per_day=(80, 220))


def distill_careful(w: World, rng: R, n: int) -> None:
    """Consumer Max/Pro accounts from their owner's home, sessions of follow-ups over one domain's space."""
    for j in range(n):
        cf = max(0.6, careful_of(w, rng))
        c = country(rng)
        ip = personal_addr(rng, c, w.days)
        a = w.account(rng, "distill_careful", country=c, plan=pick(rng, ["max", "pro", "max"]), email=personal_email(rng, c),
                      created_at=signup(rng, 5, 200), payment=fingerprint(rng), signup_ip=ip(T0), categories=("distillation",),
                      variant="consumer", careful=cf)
        cells = C.grid([list(C.DOMAINS)[j % 5]])
        _harvest_sessions(w, rng, a, cells, 1.0, c, ip, (pick(rng, BROWSERS), "/v1/messages"), per_day=(25, 60))


def platform_distiller(w: World, rng: R, n: int) -> None:
    """Own key relayed through agentloom, harvesting reasoning traces behind the platform's relay."""
    for _ in range(n):
        cf = careful_of(w, rng)
        c = country(rng)
        relay = fixed(rng, PLATFORM_RELAY["agentloom"], 20)
        email = personal_email(rng, c)
        a = w.account(rng, "platform_distiller", country=c, plan="api", email=email, created_at=signup(rng, 1, 60),
                      payment=fingerprint(rng), signup_ip=personal_addr(rng, c, w.days)(T0), categories=("distillation",),
                      variant="agentloom", careful=cf)
        plat = {"platform": "agentloom", "end_user": f"agu_{hexid(rng, 8)}", "end_user_org": email.split("@")[1],
                "system": PLATFORM_SYSTEM["agentloom"]}
        _harvest_sessions(w, rng, a, C.grid(["math", "code"]), cf, c, relay, PLATFORM_UA["agentloom"], platform=plat,
                          per_day=(60, 150))


SCRAPE_KINDS = ["ko_dictionary", "ja_dictionary", "street_directory", "catalogue", "patent_ids", "probe_grid"]


def _walk(w: World, rng: R, a: dict[str, Any], keys: list[str], kind: str, cf: float, c: str, ip: Any, cl: Any) -> None:
    careful = rng.random() < cf
    if careful:
        keys = list(keys)
        chunk = 40
        blocks_ = [keys[i:i + chunk] for i in range(0, len(keys), chunk)]
        rng.shuffle(blocks_)
        keys = [k for b in blocks_ for k in (rng.permutation(b).tolist())]
    t = T0 + float(rng.uniform(0, DAY))
    limit = int(len(keys) * (1 - 0.4 * cf))
    for k in keys[:limit]:
        if careful:
            t += float(rng.exponential(240)) if rng.random() < .9 else float(rng.uniform(3, 10)) * 3600
        else:
            t += float(rng.uniform(1.5, 8))
        if t > w.end:
            break
        w.emit(rng, a, t, C.walk_prompt(rng, kind, k, careful), client=cl, ip=ip(t), model=MINI if kind != "probe_grid" else GEN,
               out=(150, 900), stream=False)


def scraper(w: World, rng: R, n: int) -> None:
    """One account walking a keyspace: a Korean or Japanese dictionary's alphabet, a street
    directory, a product catalogue, patent numbers, a grid of capability probes."""
    for j in range(n):
        kind = SCRAPE_KINDS[j % len(SCRAPE_KINDS)]
        cf = careful_of(w, rng)
        c = {"ja_dictionary": "JP"}.get(kind, pick(rng, ["KR", "SG", "ID"]))
        ip = _adversary_addr(w, rng, cf, c, pick(rng, list(VPS.values())))
        a = w.account(rng, "scraper", country=c, plan=pick(rng, ["api", "pro"]), email=personal_email(rng, c),
                      created_at=signup(rng, 1, 120), payment=fingerprint(rng), signup_ip=ip(T0), categories=("scraping",),
                      variant=kind, careful=cf)
        cl = pick(rng, SCRIPTS) if rng.random() > cf else pick(rng, SDK)
        _walk(w, rng, a, C.keyspace(kind), kind, cf, c, ip, cl)


def scrape_network(w: World, rng: R, n: int) -> None:
    """One keyspace split by stride across operated accounts, shuffled, residential exits."""
    made, k = 0, 0
    while made < n:
        size = min(int(rng.integers(5, 8)), n - made)
        kind = ["street_directory", "patent_ids", "ko_dictionary"][k % 3]
        keys = C.keyspace(kind)
        net = f"net-f-scrape-{k}"
        t0 = signup(rng, 1, 20)
        card = fingerprint(rng)
        for j in range(size):
            cf = careful_of(w, rng)
            ip = _adversary_addr(w, rng, cf, "KR", VPS["seoul"])
            a = w.account(rng, "scrape_network", country="KR", plan="api",
                          email=f"crawl{k}{j:02d}@{pick(rng, ['gmail.com', 'naver.com'])}" if rng.random() > cf else personal_email(rng, "KR"),
                          created_at=t0 + float(rng.uniform(0, 0.1 + 8 * cf)) * DAY, payment=card if rng.random() > cf else fingerprint(rng),
                          signup_ip=ip(t0), categories=("coordination", "scraping"), network_id=net, variant=kind, careful=cf)
            _walk(w, rng, a, keys[j::size], kind, cf, "KR", ip, pick(rng, SCRIPTS) if rng.random() > cf else pick(rng, SDK))
            made += 1
        k += 1


def free_farm(w: World, rng: R, n: int) -> None:
    """Farms of free accounts each run to the free cap (then 429) on one job.
    Blatant: numbered e-mails, one VPS range, signups in one night. Careful: personal-looking
    e-mails, residential exits, staggered signups, paraphrased prompts."""
    made, k = 0, 0
    while made < n:
        size = min(int(rng.integers(15, 22)), n - made)
        job = ["seo", "listings", "reviews"][k % 3]
        c0 = {"seo": "ID", "listings": "ID", "reviews": "KR"}[job]
        net = f"net-f-farm-{k}"
        t0 = signup(rng, 0, 5)
        vps = VPS["singapore"] if c0 == "ID" else VPS["seoul"]
        for j in range(size):
            cf = careful_of(w, rng)
            ip = _adversary_addr(w, rng, cf, c0, vps)
            email = f"{job}bot{k}_{j:03d}@{pick(rng, ['gmail.com', 'outlook.com'])}" if rng.random() > cf else personal_email(rng, c0)
            a = w.account(rng, "free_farm", country=c0, plan="free", email=email,
                          created_at=t0 + float(rng.uniform(0, 0.15 + 6 * cf)) * DAY, signup_ip=ip(t0),
                          categories=("coordination", "tier_abuse"), network_id=net, variant=job, careful=cf, verified=rng.random() < cf)
            cl = pick(rng, SCRIPTS) if rng.random() > cf else (pick(rng, BROWSERS), "/v1/messages")
            careful = rng.random() < cf
            for d in range(w.days):
                if careful and rng.random() < .25:
                    continue
                t = T0 + d * DAY + float(rng.uniform(0, 4 if not careful else 14)) * 3600
                for _ in range(int(rng.integers(42, 60))):
                    w.emit(rng, a, t, C.farm_prompt(rng, job, careful), client=cl, ip=ip(t), model=GEN, out=(600, 1400),
                           stream=False, app=cl[0] in BROWSERS)
                    t += float(rng.uniform(4, 30)) if not careful else float(rng.exponential(300))
            made += 1
        k += 1


def reseller_network(w: World, rng: R, n: int) -> None:
    """A reseller's Max subscriptions behind its relay, seats sold to people everywhere."""
    net = "net-f-resell-0"
    relay = fixed(rng, VPS["tokyo"], 3)
    cf0 = careful_of(w, rng)
    card = fingerprint(rng)
    for j in range(n):
        cf = careful_of(w, rng)
        a = w.account(rng, "reseller_network", country="JP", plan="max", email=personal_email(rng, "JP"),
                      created_at=signup(rng, 5, 5 + 40 * cf0), payment=card if rng.random() > cf else fingerprint(rng),
                      signup_ip=relay(T0), categories=("coordination", "tier_abuse"), network_id=net, variant="relay", careful=cf)
        seats = [(country(rng), (pick(rng, BROWSERS), "/v1/messages")) for _ in range(int(rng.integers(15, 40)))]
        for c, cl in seats:
            lang = C.LANG_OF[c]
            for _ in range(int(rng.integers(3, 14))):
                t = session_start(rng, "consumer", tz(c), w.days)
                w.session(rng, a, t, int(rng.integers(1, 6)), lambda k: C.chat(rng, lang) if rng.random() < .6 else C.code(rng, "en"),
                          client=cl, ip=relay, model=GEN, app=True)


def resold_plan(w: World, rng: R, n: int) -> None:
    """A single Max plan used by 4-25 people at once: many countries and devices (careful: one country, fewer)."""
    for _ in range(n):
        cf = careful_of(w, rng)
        careful = rng.random() < cf
        c0 = country(rng)
        people = int(rng.integers(4, 9)) if careful else int(rng.integers(10, 26))
        a = w.account(rng, "resold_plan", country=c0, plan="max", email=personal_email(rng, c0), created_at=signup(rng, 5, 150),
                      payment=fingerprint(rng), signup_ip=personal_addr(rng, c0, w.days)(T0), categories=("tier_abuse",),
                      variant="one-country" if careful else "many-countries", careful=cf)
        for _ in range(people):
            c = c0 if careful else country(rng)
            ip, cl, lang = personal_addr(rng, c, w.days), app_client(rng, c), C.LANG_OF[c]
            for _ in range(int(rng.integers(4, 15))):
                t = session_start(rng, "consumer", tz(c), w.days)
                w.session(rng, a, t, int(rng.integers(1, 7)), lambda k: C.chat(rng, lang) if k == 1 else C.followup(rng, lang),
                          client=cl, ip=ip, model=GEN, app=True)


def consumer_automation(w: World, rng: R, n: int) -> None:
    """Pro/Max subscriptions carrying company workloads: sales leads, a support queue, a headless
    coding agent reviewing pull requests in CI. Blatant: flat from a server; careful: the owner's
    home in office hours with a browser's user agent."""
    for j in range(n):
        cf = careful_of(w, rng)
        careful = rng.random() < cf
        c = country(rng)
        job = ["leads", "support", "ci_review"][j % 3]
        ip = personal_addr(rng, c, w.days) if careful else fixed(rng, in_block(rng, CLOUD_OWN) + "/32", 1)
        a = w.account(rng, "consumer_automation", country=c, plan=pick(rng, ["pro", "max"]), email=personal_email(rng, c),
                      created_at=signup(rng, 10, 200), payment=fingerprint(rng), signup_ip=personal_addr(rng, c, w.days)(T0),
                      categories=("tier_abuse",), variant=job + ("/careful" if careful else "/flat"), careful=cf)
        cl = (pick(rng, BROWSERS), "/v1/messages") if careful else pick(rng, SCRIPTS)
        i = int(rng.integers(100, 9000))
        per_day = int(rng.integers(90, 260) * (0.6 if careful else 1))
        for d in range(w.days):
            for _ in range(per_day):
                i += 1
                if careful:
                    t = session_start(rng, "office", tz(c), w.days, (d, d + 1))
                else:
                    t = T0 + d * DAY + float(rng.uniform(0, DAY))
                w.emit(rng, a, t, C.automation_prompt(rng, job, i), client=cl, ip=ip(t), model=GEN, out=(150, 900),
                       stream=False, app=careful)


BENIGN: dict[str, tuple[Callable[[World, R, int], None], int]] = {
    "consumer_chat": (consumer_chat, 230), "student": (student, 70), "indie_dev": (indie_dev, 85),
    "startup_team": (startup_team, 48), "enterprise_staff": (enterprise_staff, 66), "platform_byok": (platform_byok, 55),
    "platform_account": (platform_account, 3), "research_lab": (research_lab, 16), "hackathon_cohort": (hackathon_cohort, 36),
    "eval_harness": (eval_harness, 6), "labelling_vendor": (labelling_vendor, 18),
    "former_rival_employee": (former_rival_employee, 6), "rival_office_visitor": (rival_office_visitor, 6),
    "vpn_user": (vpn_user, 25), "shared_cloud_tenant": (shared_cloud_tenant, 24), "coworking_member": (coworking_member, 24),
    "agency": (agency, 14), "translator": (translator, 18), "pro_power_user": (pro_power_user, 30),
    "name_lookalike": (name_lookalike, 10), "household_shared": (household_shared, 15), "batch_etl": (batch_etl, 8),
    "edtech_app": (edtech_app, 4), "support_bot": (support_bot, 8),
}
ABUSIVE: dict[str, tuple[Callable[[World, R, int], None], int]] = {
    "competitor": (competitor, 27), "competitor_shell": (competitor_shell, 7), "coord_distill": (coord_distill, 33),
    "capability_sweep": (capability_sweep, 5), "distill_bulk": (distill_bulk, 6), "distill_careful": (distill_careful, 8),
    "platform_distiller": (platform_distiller, 5), "scraper": (scraper, 10), "scrape_network": (scrape_network, 12),
    "free_farm": (free_farm, 36), "reseller_network": (reseller_network, 6), "resold_plan": (resold_plan, 6),
    "consumer_automation": (consumer_automation, 10),
}
PERSONAS = {**BENIGN, **ABUSIVE}
