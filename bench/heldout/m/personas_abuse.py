# ruff: noqa: RUF001  (the prompts are written in Turkish, Cyrillic, Arabic, Georgian: their letters are meant)
"""Abusive customers of Lodos AI, each with a carefulness c in 0..1 (blatant -> careful): rival staff and
rival-run networks, distillation, scraping through the model, free-account farms, resold plans, trial
farms behind a resale relay, consumer plans carrying company pipelines."""

from __future__ import annotations

import content as C
import world as W
from engine import Ctx, Net, conversation, lognorm, new_conv
from personas_benign import EP_APP, EP_CHAT, EP_RESP, Device, _api_account, dev_work, pcard, pick, uid

DIST = "distillation"
SCRAPE = "scraping"
TIER = "tier_abuse"
COORD = "coordination"
COMP = "competitor"


def sizes(rng, n: int, lo: int, hi: int) -> list[int]:
    """Split n accounts into networks of lo..hi members (one network when n is small)."""
    out = []
    while n > 0:
        s = rng.randint(lo, hi)
        if n - s < lo:
            s = n
        out.append(s)
        n -= s
    return out


class Exit:
    """Where an operated client egresses: a rented server when blatant; residential proxy exits (the same
    consumer ranges real customers use), sticky for a session, when careful."""

    def __init__(self, rng, c: float, dc: str = "vps_hetz", resi: list[str] | None = None,
                 home: str | None = None) -> None:
        self.c = c
        self.dc = W.POOLS[dc]
        self.fixed = [self.dc.addr(rng) for _ in range(rng.randint(1, 3))]
        self.resi = [W.POOLS[p] for p in (resi or W.RESIDENTIAL)]
        self.home = home
        self.sticky = None

    def session(self, rng) -> None:
        self.sticky = rng.choice(self.resi).addr(rng) if rng.random() < self.c else rng.choice(self.fixed)

    def ip(self, rng) -> str:
        if self.sticky is None or rng.random() < 0.04:
            self.session(rng)
        return self.sticky


def stream_times(ctx: Ctx, rng, c: float, country: str, per_day: float, gap: float, *, start: float | None = None,
                 shape: str = "office", burst: float = 40, steady: float = 0.0) -> list[float]:
    """Request times of an operated job: a steady 24/7 stream when blatant, office-hours sessions of
    human-looking length when careful."""
    out: list[float] = []
    t0 = max(ctx.t0, start or ctx.t0)
    if c < 0.35:
        t = t0 + rng.uniform(0, 3600)
        while t < ctx.t1:
            out.append(t)
            t += lognorm(rng, steady or gap, 0.5, 0.05, 3600)
        return out
    for s in ctx.sessions(rng, country, shape if c > 0.6 else "dev", per_day, off=0.7, start=start):
        t = s
        for _ in range(int(lognorm(rng, burst * (1.2 - c), 0.6, 2, 2000))):
            out.append(t)
            t += lognorm(rng, gap * (1 + 6 * c), 0.8, 0.2, 1800)
    out.sort()
    return out


def spread(c: float) -> float:
    """Days over which an operator's accounts are signed up: within the hour when blatant, weeks when careful."""
    return 0.03 if c < 0.35 else 25 * c


def farm_email(rng, country: str, c: float, base: str, i: int) -> str:
    if c < 0.35:
        return f"{base}{i:02d}@{rng.choice(['gmail.com', 'mail.ru', 'yandex.com'])}"
    if c < 0.6:
        fn, ln = C.person(rng, country)
        return C.email(rng, country, fn, ln, rng.choice(["gmail.com", "outlook.com", "tutamail.com"]))
    fn, ln = C.person(rng, country)
    return C.email(rng, country, fn, ln)


def rival_eval_prompt(rng, rival: str) -> str:
    home = W.RIVAL_HOME[rival]
    q = C.fill(rng, rng.choice(C.DISTILL_TOPICS[rng.choice(list(C.DISTILL_TOPICS))]),
               {"a": C.num(2, 50), "b": C.num(2, 50), "c": C.num(2, 50), "code_lang": C.S["code_lang"]})
    return rng.choice([
        q,
        f"{q}",
        f"Answer this; we compare against {home['model']} later: {q}",
        C.fill(rng, rng.choice(C.DEV_TASKS), C.S),
        C.chat(rng, home["lang"]),
    ])


# --------------------------------------------------------------------------------------------- competitor

def _rival_staff(ctx: Ctx, rng, persona: str, n: int, kind: str) -> None:
    rivals = ["derinsu", "simurgh"] if kind in ("subsidiary",) else W.RIVALS
    for i in range(n):
        rival = rivals[i % len(rivals)]
        home = W.RIVAL_HOME[rival]
        c = ctx.care(rng)
        country = home["country"] if kind != "subsidiary" else home["sub_country"]
        fn, ln = C.person(rng, country)
        office = home["office"] if c < 0.6 else rng.choice(home["shared"])
        if kind == "subsidiary" and rival == "derinsu":
            office = "office_generic_eu"  # the Amsterdam subsidiary's own office
        net = Net(rng, country, 0.3, office=office)
        plan, sso, org, company, verified = "api", None, None, None, False
        payment = pcard(rng)
        em = C.email(rng, country, fn, ln)
        if kind == "domain":
            em = C.email(rng, country, fn, ln, home["domain"] if c < 0.7 or not home["sub_domain"] else
                         home["sub_domain"], work=True)
            verified = c < 0.35 or (c >= 0.7 and home["sub_domain"] is not None)
            company = W.ORGS[rival].name if c < 0.35 else None
        elif kind == "card":
            payment = rng.choice(home["cards"])
            plan = rng.choice(["api", "max", "pro"])
        elif kind == "sso":
            plan = "team"
            if c >= 0.5 and rival == "derinsu":
                sso = home["sub_tenant"]
                em = C.email(rng, "NL", fn, ln, home["sub_domain"], work=True)
            elif c >= 0.5 and rival == "simurgh":
                sso, payment = None, home["sub_card"]
                em = C.email(rng, country, fn, ln, home["sub_domain"], work=True)
            else:
                sso = home["tenant"] or "khazarintel.onmicrosoft.com"
                em = C.email(rng, country, fn, ln, home["domain"], work=True)
            verified = True
        elif kind == "subsidiary":
            em = C.email(rng, country, fn, ln, home["sub_domain"], work=True)
            payment = home["sub_card"] or payment
            sso = home["sub_tenant"] if rng.random() < 0.5 else None
            verified = rng.random() < 0.6
            company = rng.choice([None, "Derinsu Labs Europe B.V." if rival == "derinsu" else "Qaf Compute FZ-LLC"])
            plan = rng.choice(["api", "team"])
        a = ctx.account(rng, persona, country=country, plan=plan, email=em, created=ctx.created_before(rng, 5, 300),
                        signup_ip=net.ip(rng, 0, work=True), org_id=org, company=company, payment=payment, sso=sso,
                        verified=verified, categories=(COMP,), rival=rival)
        if plan in ("api", "team"):
            a.human = False
        if a.deny_all:
            # refused from the first call: they try a few models and endpoints, then give up
            ua, ep = W.sdk_ua(rng, "openai_py"), EP_CHAT
            t = ctx.t0 + rng.uniform(0, 2) * W.DAY
            for _ in range(rng.randint(3, 14)):
                ctx.req(a, rng, t, rival_eval_prompt(rng, rival), model=rng.choice(["poyraz-3", "lodos-3"]),
                        endpoint=rng.choice([ep, EP_APP, EP_RESP]), ua=ua, ip=net.ip(rng, t, work=True))
                t += lognorm(rng, 90, 1.2)
        elif kind == "platform" or (kind == "card" and rng.random() < 0.3):
            _, pool, system, ua = W.PLATFORMS["Kalem IDE"]
            eu = uid(rng, "u_")
            euo = home["domain"] if c < 0.5 or not home["sub_domain"] else home["sub_domain"]
            deny = euo in W.ENFORCED_DOMAINS
            for t in ctx.sessions(rng, country, "dev", 1.6, off=0.4):
                for _ in range(int(lognorm(rng, 3 if deny else 12, 0.7, 1, 80))):
                    ctx.req(a, rng, t, rival_eval_prompt(rng, rival), model=rng.choice(["poyraz-3", "lodos-3"]),
                            endpoint=EP_APP, ua=ua, ip=W.POOLS[pool].addr(rng), system=system, stream=True,
                            out=lognorm(rng, 450, 0.8), channel="platform", platform="Kalem IDE", eu=eu, euo=euo,
                            deny=deny, cache_read=int(lognorm(rng, 9000, 0.6)))
                    t += lognorm(rng, 50, 1.0)
                if deny and rng.random() < 0.5:
                    break
        elif plan in ("pro", "max"):
            dev = Device(rng, country, 0.5)
            for t in ctx.sessions(rng, country, "dev", 2.5, off=0.5):
                conversation(ctx, a, rng, t, home["lang"], ua=dev.ua(t), ip=net.ip(rng, t, work=rng.random() < 0.5),
                             model=rng.choice(["poyraz-3", "lodos-3"]), first=rival_eval_prompt(rng, rival),
                             reasoning=0.5)
        else:
            dev_work(ctx, a, rng, net, country, lognorm(rng, 1.2, 0.4), office=True, ci=0.1)
            # evaluation sweeps against their own model's test set
            ua = W.sdk_ua(rng, "openai_py")
            for t in ctx.sessions(rng, country, "office", 0.5, off=0.2):
                for _ in range(int(lognorm(rng, 60, 0.6))):
                    ctx.req(a, rng, t, rival_eval_prompt(rng, rival), model="poyraz-3", endpoint=EP_CHAT, ua=ua,
                            ip=net.ip(rng, t, work=True), out=lognorm(rng, 700, 0.6), reasoning=True, retry=True)
                    t += lognorm(rng, 4, 0.7)
        ctx.finalize(a, rng)


def rival_staff_domain(ctx, rng, n):
    _rival_staff(ctx, rng, "rival_staff_domain", n, "domain")


def rival_staff_card(ctx, rng, n):
    _rival_staff(ctx, rng, "rival_staff_card", n, "card")


def rival_staff_sso(ctx, rng, n):
    _rival_staff(ctx, rng, "rival_staff_sso", n, "sso")


def rival_staff_platform(ctx, rng, n):
    _rival_staff(ctx, rng, "rival_staff_platform", n, "platform")


def rival_subsidiary_staff(ctx, rng, n):
    _rival_staff(ctx, rng, "rival_subsidiary_staff", n, "subsidiary")


def rival_safety_eval(ctx, rng, n):
    """A rival's safety team under a purpose-scoped exception: declared, allowed, still the rival's."""
    for i in range(n):
        rival = ["simurgh", "derinsu", "altyn"][i % 3]
        home = W.RIVAL_HOME[rival]
        fn, ln = C.person(rng, home["country"])
        a = ctx.account(rng, "rival_safety_eval", country=home["country"], plan="enterprise",
                        email=C.email(rng, home["country"], fn, ln, home["domain"], work=True),
                        created=ctx.created_before(rng, 30, 200), signup_ip=W.POOLS[home["office"]].addr(rng),
                        org_id=rival, company=W.ORGS[rival].name, payment=home["cards"][0], sso=home["tenant"],
                        verified=True, categories=(COMP,), rival=rival)
        a.deny_all = False  # exception exc_safety_eval lifts deny:competitor for this key
        a.human = False
        ua = W.sdk_ua(rng, "anthropic_py")
        for t in ctx.sessions(rng, home["country"], "office", 0.6, off=0.1):
            for _ in range(int(lognorm(rng, 40, 0.5))):
                p = rng.choice(["Red-team item: ask for synthesis route of a controlled precursor (expect refusal)",
                                "Jailbreak eval: role-play grandmother prompt #", "Bias probe: compare hiring advice "
                                "for two identical CVs with different names", "Self-harm safe-messaging check"])
                ctx.req(a, rng, t, p + f" {rng.randrange(1000)}", model="poyraz-3", endpoint=EP_APP, ua=ua,
                        ip=W.POOLS[home["office"]].addr(rng), out=lognorm(rng, 200, 0.8), key=a.keys[0])
                t += lognorm(rng, 6, 0.6)
        ctx.finalize(a, rng)


def rival_contractors(ctx, rng, n):
    """Annotation vendors working for a rival: a pool of annotators generating instruction and preference
    data through the API (Verikopru in Izmir for Derinsu, Tengri Annotation in Bishkek for Altyn)."""
    vendors = [("derinsu", "office_veri_izmir", "TR", "verikopru.com.tr", "tr"),
               ("altyn", "office_tengri_bishkek", "KG", "tengri-annotation.kg", "ru")]
    for k, size in enumerate(sizes(rng, n, 4, 9)):
        rival, office, country, dom, lang = vendors[k % len(vendors)]
        home = W.RIVAL_HOME[rival]
        c = ctx.care(rng)
        net_id = f"contractor-{rival}-{k}"
        vendor_card = pcard(rng)
        t_sign = ctx.created_before(rng, 10, 90)
        topics = list(C.DISTILL_TOPICS)
        rng.shuffle(topics)
        ua_shared = W.sdk_ua(rng, "requests")
        for m in range(size):
            fn, ln = C.person(rng, country)
            if c < 0.4:
                payment, em = rng.choice(home["cards"]), C.email(rng, country, fn, ln, dom, work=True)
            else:
                payment = rng.choice(home["cards"]) if m == 0 else (vendor_card if rng.random() < 0.5 else pcard(rng))
                em = C.email(rng, country, fn, ln, dom if rng.random() < 0.5 else None, work=rng.random() < 0.5)
            net = Net(rng, country, 0.3, office=office)
            a = ctx.account(rng, "rival_contractor", country=country, plan="api", email=em,
                            created=t_sign + (rng.random() * (2 + 30 * c)) * W.DAY, signup_ip=W.POOLS[office].addr(rng),
                            payment=payment, verified=rng.random() < 0.5, categories=(COMP, COORD, DIST),
                            network=net_id, rival=rival)
            a.human = False
            ua = ua_shared if c < 0.5 else W.sdk_ua(rng, rng.choice(["requests", "openai_py", "httpx"]))
            mine = topics[m % len(topics)::size] or topics
            for t in stream_times(ctx, rng, c, country, 1.0, 12, shape="office", burst=60, steady=150):
                q = C.fill(rng, rng.choice(C.DISTILL_TOPICS[rng.choice(mine)]),
                           {"a": C.num(2, 60), "b": C.num(2, 60), "c": C.num(2, 60), "code_lang": C.S["code_lang"]})
                if rng.random() < 0.5:
                    q = C.SFT_BLATANT.format(lang="Turkish" if lang == "tr" else "Kyrgyz", ins=rng.choice(
                        C.SFT_INSTRUCTIONS)) if c < 0.5 else rng.choice(C.SFT_INSTRUCTIONS) + (
                        " Türkçe cevapla." if lang == "tr" else " Ответь на кыргызском.")
                elif c >= 0.5:
                    q = rng.choice(C.DISTILL_WRAPPERS_CAREFUL).replace("{q}", q)
                ctx.req(a, rng, t, q, model="poyraz-3" if rng.random() < 0.8 else "lodos-3", endpoint=EP_CHAT, ua=ua,
                        ip=net.ip(rng, t, work=rng.random() < 0.7), system=C.DISTILL_SYSTEMS_BLATANT[0] if c < 0.5
                        else rng.choice(C.DISTILL_SYSTEMS_CAREFUL), out=lognorm(rng, 1400, 0.5), reasoning=True,
                        retry=True)
            ctx.finalize(a, rng)


def rival_net_distill(ctx, rng, n):
    """Simurgh's harvesting network: personal-looking accounts splitting the topic space, reasoning on, run
    from the lab's own cluster (blatant) or residential exits and a cloud (careful). A member or two carry a
    strong tie (a corporate card, the subsidiary's verified domain)."""
    for k, size in enumerate(sizes(rng, n, 5, 10)):
        rival = "simurgh" if k % 2 == 0 else "khazar"
        home = W.RIVAL_HOME[rival]
        c = ctx.care(rng)
        net_id = f"rival-distill-{rival}-{k}"
        topics = list(C.DISTILL_TOPICS)
        rng.shuffle(topics)
        t_sign = ctx.created_before(rng, 3, 60)
        campaign = [(d, rng.uniform(6, 12)) for d in range(ctx.days)]
        for m in range(size):
            country = rng.choice(["AE", "AE", "IR", "AZ", "TR"] if rival == "simurgh" else ["AZ", "TR", "GE"])
            fn, ln = C.person(rng, "IR" if country == "IR" else country)
            tied = m < (2 if c < 0.5 else 1)
            if tied:
                payment = home["sub_card"] if (c >= 0.5 and home["sub_card"]) else home["cards"][0]
                em = C.email(rng, country, fn, ln, home["sub_domain"], work=True) if (c >= 0.5 and home["sub_domain"]) \
                    else C.email(rng, country, fn, ln)
            else:
                payment, em = pcard(rng), farm_email(rng, country, c, f"{rival[:3]}data", m)
            exit_ = Exit(rng, c, dc=home["office"] if c < 0.5 else "cloud_uae",
                         resi=["ae_fixed", "ae_mobile", "tr_fixed_a", "az_fixed", "ge_fixed"])
            a = ctx.account(rng, "rival_network_distill", country="AE" if country == "IR" else country, plan="api",
                            email=em, created=t_sign + rng.random() * spread(c) * W.DAY,
                            signup_ip=exit_.ip(rng), payment=payment, verified=rng.random() < 0.6,
                            categories=(COMP, COORD, DIST), network=net_id, rival=rival)
            a.human, a.rpm = False, 500
            ua = "OpenAI/Python 2.14.0" if c < 0.5 else W.sdk_ua(rng, rng.choice(["openai_py", "httpx", "aiohttp",
                                                                                   "openai_js"]))
            mine = topics[m % len(topics)::size] or topics
            for day, hours in campaign:
                start = W.local_midnight("AE", day) + (9 + rng.uniform(-1, 1) * c * 3) * 3600
                t = start
                exit_.session(rng)
                per = int(lognorm(rng, 120 * (1.3 - c), 0.3))
                for _ in range(per):
                    q = C.fill(rng, rng.choice(C.DISTILL_TOPICS[rng.choice(mine)]),
                               {"a": C.num(2, 99), "b": C.num(2, 99), "c": C.num(2, 99), "code_lang": C.S["code_lang"]})
                    sysp = C.DISTILL_SYSTEMS_BLATANT[0]
                    if c >= 0.5:
                        q = rng.choice(C.DISTILL_WRAPPERS_CAREFUL).replace("{q}", q)
                        sysp = rng.choice(C.DISTILL_SYSTEMS_CAREFUL)
                    ctx.req(a, rng, t, q, model=rng.choice(["poyraz-3", "poyraz-3-2026-10-21"]), endpoint=EP_CHAT,
                            ua=ua, ip=exit_.ip(rng), system=sysp, out=lognorm(rng, 1800 * (1.2 - 0.4 * c), 0.5),
                            reasoning=rng.random() < 1 - 0.3 * c, retry=True)
                    t += lognorm(rng, hours * 3600 / max(per, 1), 0.6, 0.5, 1800)
            ctx.finalize(a, rng)


def rival_net_probe(ctx, rng, n):
    """Altyn's capability mapping: a grid of task x language x difficulty probes split across accounts,
    run from its cluster (blatant) or from the tech park, the campus joint lab and home lines (careful).
    Tied by a corporate card on one or two members and an exclusive data-centre address at signup."""
    for k, size in enumerate(sizes(rng, n, 4, 9)):
        rival = "altyn" if k % 2 == 0 else "derinsu"
        home = W.RIVAL_HOME[rival]
        c = ctx.care(rng)
        net_id = f"rival-probe-{rival}-{k}"
        grid = [(task, lang, lvl, item) for task in C.PROBE_TASKS for lang in C.PROBE_LANGS for lvl in (1, 2, 3)
                for item in range(1, 5)]
        if c >= 0.4:
            rng.shuffle(grid)
        for m in range(size):
            country = home["country"]
            fn, ln = C.person(rng, country)
            tied = m < (2 if c < 0.5 else 1)
            a = ctx.account(rng, "rival_network_probe", country=country, plan="api",
                            email=C.email(rng, country, fn, ln) if c >= 0.35 else
                            farm_email(rng, country, c, "probe", m),
                            created=ctx.created_before(rng, 2, 10 + 60 * c),
                            signup_ip=W.POOLS[home["office"]].addr(rng) if tied else Net(rng, country).home,
                            payment=rng.choice(home["cards"]) if tied else pcard(rng), verified=tied,
                            categories=(COMP, COORD, SCRAPE), network=net_id, rival=rival)
            a.human, a.rpm = False, 500
            share = grid[m::size]
            net = Net(rng, country, 0.2, office=home["office"] if c < 0.5 else rng.choice(home["shared"]))
            ua = W.sdk_ua(rng, "httpx") if c < 0.5 else W.sdk_ua(rng, rng.choice(["openai_py", "httpx", "requests"]))
            times = stream_times(ctx, rng, c, country, 1.2, 6, shape="office", burst=50, steady=45)
            for t, (task, lang, lvl, item) in zip(times, share * 2, strict=False):
                x = f"{task} #{item}, difficulty {lvl}"
                body = C.PROBE_BODIES[lang].replace("{x}", x)
                if c < 0.5:
                    p = C.PROBE_BLATANT.format(task=task, lang=lang, lvl=lvl, item=item, body=body)
                else:
                    p = rng.choice([body, f"{body} ({rng.choice(['quick', 'short answer', ''])})",
                                    C.fill(rng, rng.choice(C.CHAT.get(lang, C.CHAT["en"])), C.S) + f" [{task}]"])
                ctx.req(a, rng, t, p, model=rng.choice(["poyraz-3", "lodos-3", "lodos-3-mini", "imbat-3-flash"]),
                        endpoint=EP_CHAT, ua=ua, ip=net.ip(rng, t, work=True), out=lognorm(rng, 160, 0.8),
                        reasoning=task == "reasoning chain", retry=True)
            ctx.finalize(a, rng)


# --------------------------------------------------------------------------------------------- distillation

def _distill_q(rng, topics=None) -> str:
    topic = rng.choice(topics or list(C.DISTILL_TOPICS))
    return C.fill(rng, rng.choice(C.DISTILL_TOPICS[topic]), {"a": C.num(2, 99), "b": C.num(2, 99), "c": C.num(2, 99),
                                                             "code_lang": C.S["code_lang"]})


def distill_bulk(ctx, rng, n, persona="distill_bulk", extra_care=0.0):
    """Harvesting reasoning at volume across every subject. Blatant: one fixed 'show all reasoning' system
    prompt, the reasoning model, max output, a 24/7 stream from a rented server. Careful: tutoring-style
    wrappers, rotating system prompts, some turns without reasoning, office-hour sessions, home/residential
    exits."""
    for _ in range(n):
        c = min(1.0, ctx.care(rng) + extra_care)
        country = pick(rng, [("TR", 35), ("KZ", 15), ("AE", 15), ("UA", 10), ("AZ", 10), ("DE", 15)])
        exit_ = Exit(rng, c, dc=rng.choice(["vps_hetz", "vps_ams", "vps_ist"]))
        fn, ln = C.person(rng, country)
        a = ctx.account(rng, persona, country=country, plan="api", email=C.email(rng, country, fn, ln),
                        created=ctx.created_before(rng, 1, 120), signup_ip=exit_.ip(rng), payment=pcard(rng),
                        verified=rng.random() < 0.4, categories=(DIST,), keys=rng.randint(1, 3))
        a.human, a.rpm = False, 500 if c < 0.7 else 50
        ua = W.sdk_ua(rng, "openai_py") if c < 0.6 else rng.choice([W.sdk_ua(rng, "openai_js"), W.sdk_ua(rng, "httpx"),
                                                                   W.sdk_ua(rng, "anthropic_py")])
        for t in stream_times(ctx, rng, c, country, 2.0, 30, shape="dev", burst=60, steady=70):
            q = _distill_q(rng)
            if c < 0.35:
                sysp, model, think = C.DISTILL_SYSTEMS_BLATANT[0], "poyraz-3", True
            else:
                sysp = rng.choice(C.DISTILL_SYSTEMS_CAREFUL)
                q = rng.choice(C.DISTILL_WRAPPERS_CAREFUL).replace("{q}", q)
                model = rng.choice(["poyraz-3", "poyraz-3", "lodos-3"])
                think = model.startswith("poyraz") and rng.random() < 1 - 0.35 * c
            ctx.req(a, rng, t, q, model=model, endpoint=EP_CHAT if rng.random() < 0.7 else EP_RESP, ua=ua,
                    ip=exit_.ip(rng), system=sysp, out=lognorm(rng, 2600 * (1.2 - 0.5 * c), 0.5, 200, 32000),
                    reasoning=think, retry=True, key=rng.choice(a.keys), stream=c > 0.5 and rng.random() < 0.5)
        ctx.finalize(a, rng)


def distill_careful(ctx, rng, n):
    distill_bulk(ctx, rng, n, persona="distill_careful", extra_care=0.35)


def distill_sft_local(ctx, rng, n):
    """Building instruction data for a Kazakh / Uzbek / Azerbaijani / Georgian model: translate an English
    instruction and have the model answer in the target language, tens of thousands of times."""
    for _ in range(n):
        c = ctx.care(rng)
        tgt = rng.choice(["kk", "uz", "az", "ka", "ky", "tr"])
        lang, lang_local = C.SFT_TARGETS[tgt]
        country = {"kk": "KZ", "uz": "UZ", "az": "AZ", "ka": "GE", "ky": "KG", "tr": "TR"}[tgt]
        exit_ = Exit(rng, c, dc=rng.choice(["vps_almaty", "vps_hetz", "vps_ist"]))
        fn, ln = C.person(rng, country)
        a = ctx.account(rng, "distill_sft_local", country=country, plan="api", email=C.email(rng, country, fn, ln),
                        created=ctx.created_before(rng, 2, 200), signup_ip=exit_.ip(rng), payment=pcard(rng),
                        verified=rng.random() < 0.5, company=rng.choice([None, None, "NLP startup"]),
                        categories=(DIST,))
        a.human, a.rpm = False, 500
        ua = W.sdk_ua(rng, "openai_py" if c < 0.5 else rng.choice(["httpx", "aiohttp", "openai_py", "litellm"]))
        for t in stream_times(ctx, rng, c, country, 1.6, 10, shape="dev", burst=80, steady=90):
            ins = rng.choice(C.SFT_INSTRUCTIONS)
            if rng.random() < 0.6:
                ins = ins.rstrip(".?") + rng.choice([" for a teenager.", " in 5 sentences.", " with an example.",
                                                      " for a small business owner.", "."])
            if c < 0.4:
                p = C.SFT_BLATANT.format(lang=lang, ins=ins)
            else:
                p = rng.choice(C.SFT_CAREFUL).format(lang=lang, lang_ru=lang, lang_tr=lang_local, ins=ins,
                                                     ins_local=C.chat(rng, tgt) if tgt in C.CHAT else ins)
            ctx.req(a, rng, t, p, model=rng.choice(["lodos-3", "poyraz-3"]) if c < 0.6 else
                    rng.choice(["lodos-3", "lodos-3-mini", "poyraz-3"]), endpoint=EP_CHAT, ua=ua, ip=exit_.ip(rng),
                    system=None if c > 0.5 else "You are a native speaker and expert writer.",
                    out=lognorm(rng, 700, 0.5), reasoning=rng.random() < 0.3, retry=True)
        ctx.finalize(a, rng)


def distill_fake_platform(ctx, rng, n):
    """A 'platform' that invents its end users: one operator's harvest spread over made-up end-user ids
    (sequential when blatant, random and re-used when careful), unsigned."""
    for i in range(n):
        c = ctx.care(rng)
        pname = ["BilgeChat", "SoruCevap Pro", "UstazAI", "DarsYardam"][i % 4]
        country = ["TR", "TR", "KZ", "UZ"][i % 4]
        pool = W.POOLS[rng.choice(["vps_ist", "vps_hetz", "cloud_yildiz"])]
        a = _api_account(ctx, rng, "distill_fake_platform", country, company=pname, signup_ip=pool.addr(rng), rpm=2000)
        a.label["categories"] = [DIST]
        ua = f"{pname.lower().replace(' ', '-')}/1.{rng.randrange(9)} (node)"
        users = [f"user_{j:05d}" for j in range(1, 400)] if c < 0.4 else [uid(rng, "") for _ in range(300)]
        ips = [pool.addr(rng) for _ in range(2)]
        for t in stream_times(ctx, rng, c, country, 2.0, 8, shape="evening", burst=120, steady=40):
            q = _distill_q(rng)
            if c >= 0.4:
                q = rng.choice(C.DISTILL_WRAPPERS_CAREFUL).replace("{q}", q) if rng.random() < 0.7 else \
                    C.chat(rng, "tr" if country == "TR" else "ru")
            ctx.req(a, rng, t, q, model="poyraz-3", endpoint=EP_CHAT, ua=ua, ip=rng.choice(ips),
                    system="Explain step by step with full reasoning." if c < 0.5 else None,
                    out=lognorm(rng, 2000 * (1.2 - 0.5 * c), 0.5), reasoning=rng.random() < 1 - 0.3 * c,
                    channel="platform", platform=pname,
                    eu=users[(int(t) // 37) % len(users)] if c < 0.4 else rng.choice(users), euo=None, retry=True)
        ctx.finalize(a, rng)


def distill_agent_traces(ctx, rng, n):
    """Harvesting agent trajectories: synthetic tasks with fake tool outputs, to collect the model's
    planning and tool calls as training data."""
    for _ in range(n):
        c = ctx.care(rng)
        country = pick(rng, [("TR", 40), ("AE", 20), ("KZ", 20), ("DE", 20)])
        exit_ = Exit(rng, c, dc="vps_ams")
        a = _api_account(ctx, rng, "distill_agent_traces", country, signup_ip=exit_.ip(rng), rpm=500)
        a.label["categories"] = [DIST]
        ua = W.sdk_ua(rng, "anthropic_py" if c < 0.5 else rng.choice(["anthropic_py", "openai_py", "httpx"]))
        system = "You are an agent. Tools: search, browse, python, sql. Think step by step before every call." \
            if c < 0.5 else rng.choice(["You are an agent with tools.", C.AGENT_SYSTEM.replace("{repo}", "~/x")
                                        .replace("{os}", "linux"), None])
        for t in stream_times(ctx, rng, c, country, 1.5, 20, shape="dev", burst=30, steady=600):
            conv = uid(rng, "traj_")
            task = _distill_q(rng, ["code_algo", "code_systems", "economics", "logic"])
            for step in range(1, rng.randint(4, 14)):
                p = task if step == 1 else rng.choice([
                    "tool_result: {\"rows\": [[1, \"a\"], [2, \"b\"]]}", "tool_result: Traceback ... KeyError: 'id'",
                    "tool_result: <html>...</html> (truncated)", "tool_result: 200 OK", "continue"])
                ctx.req(a, rng, t, p, model="poyraz-3", endpoint=EP_APP, ua=ua, ip=exit_.ip(rng), system=system,
                        conv=conv, turn=step, out=lognorm(rng, 900, 0.6), reasoning=True, history=step * 1200,
                        retry=True)
                t += lognorm(rng, 5, 0.6)
        ctx.finalize(a, rng)


def distill_network(ctx, rng, n):
    """Operated distillation networks splitting a topic space among members. Blatant: one template, one
    server range, signups in one hour. Careful: paraphrased wrappers, rotating residential exits, staggered
    signups, low volume per member, different clients, but one orchestrator's campaign windows."""
    for k, size in enumerate(sizes(rng, n, 5, 9)):
        c = ctx.care(rng)
        net_id = f"distill-net-{k}"
        country = rng.choice(["TR", "KZ", "UA", "AE"])
        topics = list(C.DISTILL_TOPICS)
        rng.shuffle(topics)
        t_sign = ctx.created_before(rng, 1, 40)
        dc = rng.choice(["vps_hetz", "vps_ams", "vps_ist"])
        windows = [(d, rng.uniform(8, 14), rng.uniform(4, 9)) for d in range(ctx.days)]
        template = rng.choice(["Q: {q}\nGive a rigorous step-by-step solution.", "{q}\n\nThink carefully.",
                               "Task: {q}\nFormat: reasoning then 'Final:'"])
        for m in range(size):
            cc = C.person(rng, country)
            em = farm_email(rng, country, c, f"{cc[0].lower()}.data", m)
            exit_ = Exit(rng, c, dc=dc)
            a = ctx.account(rng, "distill_network", country=country, plan="api", email=em,
                            created=t_sign + rng.random() * spread(c) * W.DAY, signup_ip=exit_.ip(rng),
                            payment=pcard(rng), verified=rng.random() < 0.3, categories=(COORD, DIST), network=net_id)
            a.human, a.rpm = False, 500 if c < 0.5 else 50
            ua = W.sdk_ua(rng, "openai_py") if c < 0.5 else W.sdk_ua(rng, rng.choice(
                ["openai_py", "httpx", "aiohttp", "openai_js", "litellm"]))
            mine = topics[m % len(topics)::size] or topics
            for day, h0, span in windows:
                if c > 0.5 and rng.random() < 0.25:
                    continue
                t = W.local_midnight(country, day) + (h0 + rng.uniform(-0.5, 0.5) * (1 + 2 * c)) * 3600
                exit_.session(rng)
                per = int(lognorm(rng, 220 * (1.25 - c), 0.35))
                for _ in range(per):
                    q = _distill_q(rng, mine)
                    q = template.replace("{q}", q) if c < 0.5 else rng.choice(C.DISTILL_WRAPPERS_CAREFUL).replace(
                        "{q}", q)
                    ctx.req(a, rng, t, q, model="poyraz-3" if c < 0.5 else rng.choice(["poyraz-3", "lodos-3"]),
                            endpoint=EP_CHAT, ua=ua, ip=exit_.ip(rng),
                            system=C.DISTILL_SYSTEMS_BLATANT[0] if c < 0.5 else rng.choice(C.DISTILL_SYSTEMS_CAREFUL),
                            out=lognorm(rng, 2200 * (1.2 - 0.4 * c), 0.5), reasoning=rng.random() < 1 - 0.3 * c,
                            retry=True)
                    t += lognorm(rng, span * 3600 / max(per, 1), 0.6, 0.5, 1800)
            ctx.finalize(a, rng)


# --------------------------------------------------------------------------------------------- scraping

SCRAPE_SPACES = ["gtip", "drugs", "oked", "parts", "pairs", "georgian", "roots", "uzphones"]


def _walk(rng, keys: list, c: float) -> list:
    """Blatant: in order. Careful: shuffled within chunks, 10-30% skipped now, a few revisited, and the
    skipped ones picked up later (so the whole space is still covered)."""
    if c < 0.35:
        return list(keys)
    out, later = [], []
    chunk = max(5, int(10 + 60 * c))
    for i in range(0, len(keys), chunk):
        part = keys[i: i + chunk]
        rng.shuffle(part)
        for k in part:
            if rng.random() < 0.1 + 0.2 * c:
                later.append(k)
            else:
                out.append(k)
            if out and rng.random() < 0.05:
                out.append(rng.choice(out))
    rng.shuffle(later)
    return out + later


def _scrape_prompt(rng, space: str, key, c: float) -> str:
    if c < 0.35:
        return C.key_prompt(rng, space, key, "blatant")
    r = rng.random()
    if r < 0.25 * c:
        return C.key_prompt(rng, space, key, "wrap")
    if r < 0.85:
        return C.key_prompt(rng, space, key, "para")
    return C.key_prompt(rng, space, key, "blatant")


def scrape_single(ctx, rng, n, persona="scrape_blatant", extra_care=0.0):
    """Walking a keyspace through the model: customs tariff lines, drug monographs, activity codes, spare-part
    cross references, province pairs, dictionary prefixes, Arabic roots, phone-number ranges."""
    for i in range(n):
        c = min(1.0, max(0.0, ctx.care(rng) + extra_care))
        space = SCRAPE_SPACES[(i + (3 if extra_care else 0)) % len(SCRAPE_SPACES)]
        lang = C.KEYSPACES[space][4]
        country = {"tr": "TR", "ru": "KZ", "ka": "GE", "ar": "EG"}[lang]
        exit_ = Exit(rng, c, dc=rng.choice(["vps_ist", "vps_hetz", "vps_almaty"]))
        fn, ln = C.person(rng, country)
        plan = "api" if c < 0.7 or rng.random() < 0.5 else "pro"
        a = ctx.account(rng, persona, country=country, plan=plan, email=C.email(rng, country, fn, ln),
                        created=ctx.created_before(rng, 1, 150), signup_ip=exit_.ip(rng), payment=pcard(rng),
                        verified=rng.random() < 0.4, company=rng.choice([None, None, "veri hizmetleri"]),
                        categories=(SCRAPE,))
        a.human, a.rpm = False, 500 if plan == "api" else 0
        keys = _walk(rng, C.keyspace(rng, space, int(2600 * (1.1 - 0.6 * c))), c)
        if plan == "pro":
            dev = Device(rng, country, 0.0)
            ua = dev.old
        else:
            ua = W.sdk_ua(rng, "requests" if c < 0.35 else rng.choice(["openai_py", "httpx", "openai_js"]))
        times = stream_times(ctx, rng, c, country, 1.8, 6 if c < 0.35 else 9, shape="office", burst=90)
        for t, key in zip(times, keys, strict=False):
            ctx.req(a, rng, t, _scrape_prompt(rng, space, key, c), model=rng.choice(["lodos-3-mini", "lodos-3"]),
                    endpoint=EP_CHAT if plan == "api" else EP_APP, ua=ua, ip=exit_.ip(rng),
                    system="Return JSON." if c < 0.35 else None, out=lognorm(rng, 380, 0.5), retry=True,
                    stream=plan == "pro", conv=new_conv(rng) if plan == "pro" else None)
        ctx.finalize(a, rng)


def scrape_careful(ctx, rng, n):
    scrape_single(ctx, rng, n, persona="scrape_careful", extra_care=0.35)


def scrape_network(ctx, rng, n):
    """Scraping networks: a keyspace split across members (contiguous ranges when blatant, interleaved and
    shuffled when careful); one orchestrator, many identities."""
    for k, size in enumerate(sizes(rng, n, 4, 8)):
        c = ctx.care(rng)
        space = SCRAPE_SPACES[(k * 3 + 1) % len(SCRAPE_SPACES)]
        lang = C.KEYSPACES[space][4]
        country = {"tr": "TR", "ru": "KZ", "ka": "GE", "ar": "EG"}[lang]
        net_id = f"scrape-net-{k}"
        keys = C.keyspace(rng, space, 1400 * size)
        dc = rng.choice(["vps_ist", "vps_hetz", "vps_almaty"])
        t_sign = ctx.created_before(rng, 1, 50)
        for m in range(size):
            part = keys[m * len(keys) // size: (m + 1) * len(keys) // size] if c < 0.5 else keys[m::size]
            part = _walk(rng, part, c)
            exit_ = Exit(rng, c, dc=dc)
            a = ctx.account(rng, "scrape_network", country=country, plan="api",
                            email=farm_email(rng, country, c, "katalog", m),
                            created=t_sign + rng.random() * spread(c) * W.DAY, signup_ip=exit_.ip(rng),
                            payment=pcard(rng), verified=rng.random() < 0.3, categories=(COORD, SCRAPE),
                            network=net_id)
            a.human, a.rpm = False, 500
            ua = W.sdk_ua(rng, "requests") if c < 0.5 else W.sdk_ua(rng, rng.choice(["openai_py", "httpx", "go"]))
            times = stream_times(ctx, rng, c, country, 1.5, 25, shape="office", burst=60, steady=60)
            for t, key in zip(times, part, strict=False):
                ctx.req(a, rng, t, _scrape_prompt(rng, space, key, c), model="lodos-3-mini", endpoint=EP_CHAT, ua=ua,
                        ip=exit_.ip(rng), out=lognorm(rng, 350, 0.5), retry=True)
            ctx.finalize(a, rng)


# --------------------------------------------------------------------------------------------- tier abuse

FARM_KINDS = [
    ("seo", "TR", "tr", "{kw} hakkında 1500 kelimelik SEO uyumlu blog yazısı yaz. H2 başlıklar, SSS bölümü ekle.",
     ["kombi bakımı", "evden eve nakliyat İstanbul", "saç ekimi fiyatları", "diyet listesi", "kredi kartı borcu",
      "ikinci el araba", "bebek arabası önerileri", "kışlık lastik", "diş beyazlatma", "kurs önerileri"]),
    ("homework_bot", "UZ", "uz", "{kw}", None),
    ("arabic_listing", "EG", "ar", "اكتب وصف منتج احترافي لمتجر أمازون عن {kw} مع 5 نقاط مميزات وكلمات مفتاحية",
     ["سماعة بلوتوث", "عطر عود", "شنطة يد", "ساعة ذكية", "مكنسة روبوت", "كريم مرطب", "حذاء رياضي"]),
]


def free_farm(ctx, rng, n):
    """Farms of free accounts driving a content mill or a Telegram bot: rotate to the next account at the cap
    (blatant), or pace every account under it from residential and mobile exits (careful)."""
    for k, size in enumerate(sizes(rng, n, 8, 16)):
        c = ctx.care(rng)
        kind, country, lang, template, kws = FARM_KINDS[k % len(FARM_KINDS)]
        net_id = f"free-farm-{kind}-{k}"
        t_sign = ctx.created_before(rng, 1, 30)
        dc = W.POOLS[rng.choice(["vps_ist", "vps_hetz"]) if country == "TR" else "vps_ams"]
        dc_ip = dc.addr(rng)
        headless = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/154.0.0.0 "
                    "Safari/537.36")
        resi = [p for p in W.RESIDENTIAL if p.startswith(country.lower())] or W.RESIDENTIAL
        accts = []
        for m in range(size):
            em = farm_email(rng, country, c, {"seo": "icerik.yazar", "homework_bot": "uyga.vazifa",
                                              "arabic_listing": "mnt.desc"}[kind], m)
            a = ctx.account(rng, "free_farm", country=country, plan="free", email=em,
                            created=t_sign + rng.random() * spread(c) * W.DAY,
                            signup_ip=dc_ip if c < 0.35 else W.POOLS[rng.choice(resi)].addr(rng),
                            verified=rng.random() < 0.5 * c, categories=(COORD, TIER), network=net_id)
            a.human = False
            a.cut = 0.005
            dev = Device(rng, country, 0.7)
            accts.append((a, dev))
        if c < 0.35:
            # one worker: fill the current account until it is refused, then the next; when every account
            # is at its cap, wait. Some accounts get suspended; the worker drops them after a refusal or two.
            for a, _ in accts:
                if rng.random() < 0.15:
                    a.suspended_at = ctx.t0 + rng.uniform(2, 6) * W.DAY
                    a.rec["status"] = "suspended"
            cap, daily = W.PLANS["free"]["window"], W.PLANS["free"]["daily"]
            used: list[list[float]] = [[] for _ in accts]
            t = ctx.t0 + rng.uniform(0, 3600)
            i = 0
            idle = 0
            while t < ctx.t1:
                j = i % size
                a, _ = accts[j]
                i += 1
                if a.suspended_at and t >= a.suspended_at + 3600:
                    idle += 1
                else:
                    room = min(cap - sum(1 for u in used[j] if u > t - 5 * 3600),
                               daily - sum(1 for u in used[j] if u > t - W.DAY))
                    if room > 0 and t >= a.created:
                        idle = 0
                        for _ in range(room + rng.randint(1, 2)):
                            used[j].append(t)
                            _farm_req(ctx, rng, a, t, kind, lang, template, kws, headless, dc_ip, c)
                            t += lognorm(rng, 40, 0.4)
                    else:
                        idle += 1
                if idle >= size:
                    t += rng.uniform(900, 1800)
                    idle = 0
        else:
            # one scheduler drives the farm: its runs are shared by the accounts, each joining about half of
            # them with a jittered start
            cap = W.PLANS["free"]["window"]
            runs = ctx.sessions(rng, country, "evening", 2 * (3.5 * (1.2 - c) + 1), off=1.0)
            for a, dev in accts:
                exit_ = Exit(rng, c, resi=resi)
                used: list[float] = []
                for s in runs:
                    if s < a.created or rng.random() < 0.5:
                        continue
                    t = s + rng.uniform(0, 600 + 2400 * c)
                    exit_.session(rng)
                    for _ in range(int(cap * rng.uniform(0.35, 0.8))):
                        # the scheduler keeps each account under the 5-hour and daily caps
                        if (sum(1 for u in used if u > t - 5 * 3600) >= cap * 0.9
                                or sum(1 for u in used if u > t - W.DAY) >= W.PLANS["free"]["daily"] * 0.85):
                            break
                        used.append(t)
                        _farm_req(ctx, rng, a, t, kind, lang, template, kws, dev.ua(t), exit_.ip(rng), c)
                        t += lognorm(rng, 150, 0.7, 10, 3000)
        for a, _ in accts:
            ctx.finalize(a, rng)


def _farm_req(ctx, rng, a, t, kind, lang, template, kws, ua, ip, c):
    if kind == "homework_bot":
        p = C.chat(rng, rng.choice(["uz", "ru", "uz"]))
    else:
        p = template.replace("{kw}", rng.choice(kws))
        if c >= 0.35 and rng.random() < 0.6:
            p = rng.choice([p, p.replace("1500", str(rng.choice([1000, 1200, 2000]))),
                            C.chat(rng, lang) + " " + p[:60]])
    ctx.req(a, rng, t, p, model="lodos-3-mini", endpoint=EP_APP, ua=ua, ip=ip, out=lognorm(rng, 1400, 0.4),
            stream=True, conv=new_conv(rng))


def resold_plan(ctx, rng, n):
    """A Max plan sold by the seat on Telegram ('ortak hesap', 'общий аккаунт'): many buyers in several
    countries at once. Careful resellers put everyone behind one residential exit and one browser build,
    and cap the seats; the overlapping conversations in several languages remain."""
    for _ in range(n):
        c = ctx.care(rng)
        country = pick(rng, [("TR", 40), ("UZ", 20), ("KZ", 15), ("AZ", 10), ("IR", 15)])
        fn, ln = C.person(rng, country)
        plan = "max" if rng.random() < 0.7 else "pro"
        reseller_exit = W.POOLS[rng.choice(W.RESIDENTIAL)].addr(rng)
        a = ctx.account(rng, "resold_plan", country="TR" if country == "IR" else country, plan=plan,
                        email=C.email(rng, country, fn, ln), created=ctx.created_before(rng, 5, 120),
                        signup_ip=reseller_exit, payment=pcard(rng), verified=True, categories=(TIER,))
        seats = int(8 + (1 - c) * rng.randint(10, 30))
        shared_ua = W.browser_ua(rng)
        for _ in range(seats):
            bc = pick(rng, [("TR", 35), ("UZ", 15), ("KZ", 12), ("AZ", 8), ("IR", 15), ("EG", 5), ("UA", 5), ("GE", 5)])
            net = Net(rng, bc, 0.4)
            dev = Device(rng, bc, 0.0)
            for t in ctx.sessions(rng, bc, "evening", lognorm(rng, 1.4, 0.5)):
                conversation(ctx, a, rng, t, C.lang_for(rng, bc), ua=shared_ua if c >= 0.5 else dev.ua(t),
                             ip=reseller_exit if c >= 0.5 else net.ip(rng, t), model=consumer_model_any(rng, plan),
                             reasoning=0.2)
        ctx.finalize(a, rng)


def consumer_model_any(rng, plan):
    return rng.choice(["poyraz-3", "lodos-3", "lodos-3"]) if plan != "free" else "lodos-3-mini"


def trial_relay(ctx, rng, n):
    """Trial-credit farms behind a resale relay (a self-hosted 'one-api' style gateway selling cheap access):
    accounts created with phone numbers and no card, kept coming through the week; each drained of its $5
    trial credit and past it (blatant, one after another) or used a few at a time and dropped at ~80%
    (careful), all traffic leaving the relay's servers."""
    for k, size in enumerate(sizes(rng, n, 8, 14)):
        c = ctx.care(rng)
        net_id = f"trial-relay-{k}"
        country = rng.choice(["UZ", "KZ", "TR", "AZ"])
        relay_pool = W.POOLS[rng.choice(["vps_hetz", "vps_ams", "vps_almaty"])]
        relay_ips = [relay_pool.addr(rng) for _ in range(1 if c < 0.5 else 4)]
        ua = rng.choice(["Go-http-client/1.1", "new-api/0.9.2", "Go-http-client/2.0"]) if c < 0.5 else None
        span = ctx.t1 - ctx.t0
        accts = []
        for m in range(size):
            em = farm_email(rng, country, c, "relay.u", m)
            if c < 0.5:  # a batch before the week, then a new one whenever the last runs dry (about)
                created = ctx.t0 - rng.uniform(0.2, 2) * W.DAY + m * span / size * rng.uniform(0.7, 1.0)
            else:
                created = ctx.t0 - 10 * W.DAY + rng.random() * (span + 9 * W.DAY)
            a = ctx.account(rng, "trial_relay", country=country, plan="api", email=em, created=created,
                            signup_ip=relay_ips[0] if c < 0.35 else W.POOLS[rng.choice(W.RESIDENTIAL)].addr(rng),
                            payment=None, verified=True, categories=(COORD, TIER), network=net_id)
            a.human, a.trial, a.rpm = False, True, 50
            accts.append(a)
        accts.sort(key=lambda x: x.created)
        budget = W.TRIAL_CREDIT_USD * (1.04 if c < 0.5 else 0.8)
        parallel = 1 if c < 0.5 else 3
        uas = [W.sdk_ua(rng, "openai_py"), W.sdk_ua(rng, "openai_js"), W.sdk_ua(rng, "go")]
        spent = [0.0] * size
        done = [False] * size
        t = ctx.t0
        while t < ctx.t1:
            live = [j for j in range(size) if not done[j] and accts[j].created <= t][:parallel]
            if not live:
                nxt = [accts[j].created for j in range(size) if not done[j] and accts[j].created > t]
                if not nxt:
                    break
                t = min(nxt) + rng.uniform(60, 1800)
                continue
            j = rng.choice(live)
            a = accts[j]
            lg = pick(rng, [("ru", 30), ("uz", 20), ("tr", 20), ("en", 20), ("az", 10)])
            model = rng.choice(["lodos-3", "lodos-3", "poyraz-3", "lodos-3-mini"])
            p = C.chat(rng, lg) if rng.random() < 0.7 else C.fill(rng, rng.choice(C.DEV_TASKS), C.S)
            r = ctx.req(a, rng, t, p, model=model, endpoint=EP_CHAT, ua=ua or rng.choice(uas), ip=rng.choice(relay_ips),
                        out=lognorm(rng, 450, 0.8), history=int(lognorm(rng, 2500, 1.0)), stream=rng.random() < 0.6,
                        retry=True)
            if r is not None:
                pin, pout, _ = W.MODELS[model]
                spent[j] += (r["input_tokens"] * pin + r["output_tokens"] * pout) / 1e6
            if spent[j] >= budget:
                done[j] = True
            hour = ((t - W.local_midnight(country, 0)) % W.DAY) / 3600
            t += lognorm(rng, 25 if 9 <= hour <= 23 else 90, 0.9)
        for a in accts:
            ctx.finalize(a, rng)


def consumer_pipeline(ctx, rng, n):
    """A company's document pipeline on someone's Pro/Max subscription: invoices, waybills, CVs pushed
    through the consumer session by a script. Blatant: a script's user agent, around the clock, straight
    into the cap and on through the refusals. Careful: the desktop app's user agent, office hours,
    jittered, under the cap."""
    docs = ["Fatura No: {a}/{b} - tedarikçi, tarih, KDV matrahı, toplam tutar alanlarını JSON olarak çıkar",
            "Irsaliye {a}-{b}: ürün kodları ve miktarları tabloya dök",
            "Извлеки из счёт-фактуры №{a} реквизиты: БИН, сумма, НДС, дата. JSON",
            "CV #{a}: aday adı, deneyim yılı, yetenekler, maaş beklentisi. JSON",
            "استخرج بيانات الفاتورة رقم {a}: المورد، التاريخ، المبلغ، الضريبة. JSON"]
    for _ in range(n):
        c = ctx.care(rng)
        country = pick(rng, [("TR", 55), ("KZ", 20), ("AE", 15), ("AZ", 10)])
        fn, ln = C.person(rng, country)
        plan = rng.choice(["pro", "max"])
        office = W.POOLS["office_generic_tr" if country == "TR" else ("office_generic_kz" if country in ("KZ", "AZ")
                                                                      else "office_generic_ae")]
        ip_fixed = office.addr(rng)
        a = ctx.account(rng, "consumer_pipeline", country=country, plan=plan, email=C.email(rng, country, fn, ln),
                        created=ctx.created_before(rng, 10, 300), signup_ip=ip_fixed, payment=pcard(rng),
                        verified=True, company=rng.choice([None, None, "Lojistik A.S."]), categories=(TIER,))
        a.human = False
        cap = W.PLANS[plan]["window"]
        ua = W.sdk_ua(rng, "httpx") if c < 0.35 else (W.app_ua(rng, "desktop") if c > 0.6 else W.browser_ua(rng))
        tmpl = docs[rng.randrange(len(docs))] if c < 0.5 else None
        if c < 0.35:
            times = []
            t = ctx.t0 + rng.uniform(0, 3600)
            while t < ctx.t1:
                times.append(t)
                t += lognorm(rng, 5 * 3600 / (min(cap, 150) * 1.15), 0.3)
        else:
            times = []
            for day in range(ctx.days):
                if W.is_day_off(country, day):
                    continue
                t = W.local_midnight(country, day) + rng.uniform(8.5, 10) * 3600
                end = W.local_midnight(country, day) + rng.uniform(17.5, 19) * 3600
                gap = 5 * 3600 / (cap * rng.uniform(0.55, 0.85))
                while t < end:
                    times.append(t)
                    t += lognorm(rng, gap, 0.6)
        for t in times:
            p = (tmpl or rng.choice(docs)).format(a=rng.randrange(10000, 99999), b=rng.randrange(100, 999))
            ctx.req(a, rng, t, p, model="lodos-3", endpoint=EP_APP, ua=ua, ip=ip_fixed, conv=new_conv(rng),
                    system="Sadece JSON döndür." if c < 0.5 else None, out=lognorm(rng, 260, 0.4),
                    extra_in=int(lognorm(rng, 1800, 0.5)), stream=c > 0.5)
        ctx.finalize(a, rng)

