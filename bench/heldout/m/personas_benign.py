# ruff: noqa: RUF001  (the prompts are written in Turkish, Cyrillic, Arabic, Georgian: their letters are meant)
"""Legitimate customers of Lodos AI, hard negatives included: people on shared addresses, groups that
share cards, venues and scripts, platforms relaying their users, harnesses and pipelines that walk
their own ids, people with a weak tie to a rival. Every account here is labelled benign."""

from __future__ import annotations

import content as C
import world as W
from engine import Account, Ctx, Net, conversation, lognorm

EP_APP = "/v1/messages"
EP_CHAT = "/v1/chat/completions"
EP_RESP = "/v1/responses"


def pick(rng, weighted):
    return rng.choices([a for a, _ in weighted], [w for _, w in weighted])[0]


def pcard(rng) -> str:
    return f"pf_{rng.getrandbits(64):016x}"


def uid(rng, prefix: str = "") -> str:
    return f"{prefix}{rng.getrandbits(40):010x}"


class Device:
    """A phone, desktop app or browser; the app updates to 5.9.0 some time after Monday's release."""

    def __init__(self, rng, country: str, app: float = 0.6) -> None:
        yandex = 0.35 if country in ("KZ", "UZ", "KG", "AM") else 0.02
        if rng.random() < app:
            kind = rng.choice(["android", "android", "android", "ios", "desktop"] if country not in ("AE", "SA")
                              else ["ios", "ios", "android", "desktop"])
            self.old = W.app_ua(rng, kind)
            self.new = W.app_ua(rng, kind, new=True) if kind != "desktop" else self.old
            self.at = W.T0 + 4 * W.DAY + lognorm(rng, 1.5, 1.0, 0.05, 30) * W.DAY
        else:
            self.old = self.new = W.browser_ua(rng, yandex)
            self.at = 0.0

    def ua(self, t: float) -> str:
        return self.new if self.at and t >= self.at else self.old


def consumer_model(rng, plan: str) -> tuple[str, bool]:
    """(model, reasoning) as the app's model picker leaves them."""
    if plan == "free":
        return ("lodos-3-mini", False) if rng.random() < 0.85 else ("imbat-3-flash", False)
    r = rng.random()
    if plan == "max":
        return ("poyraz-3", True) if r < 0.55 else ("lodos-3", rng.random() < 0.2)
    return ("poyraz-3", True) if r < 0.25 else ("lodos-3", rng.random() < 0.08)


def ukraine_power(t: float, group: int) -> bool:
    """Scheduled outages: one 4-hour block in three is off for a queue group (phones still work)."""
    h = int(((t - W.local_midnight("UA", 0)) % W.DAY) // 3600)
    return ((h + 4 * group) // 4) % 3 != 0


def people(ctx: Ctx, rng, persona: str, n: int, countries, plans, shape: str, per_day: float, *,
           mobile: float = 0.5, app: float = 0.6, nodia: float = 0.4, out: float = 380, specials=None,
           off: float = 0.8, lang: str | None = None, first=None, net_country: str | None = None,
           declared_country=None, office: str | None = None, fixed: str | None = None, mob: str | None = None,
           email_domain=None, company=None, created=None, turns=None, reasoning_boost: float = 0.0,
           v6: float = 0.15, sticky_first: float = 0.0) -> list[Account]:
    accts = []
    for _ in range(n):
        country = pick(rng, countries)
        plan = pick(rng, plans)
        fn, ln = C.person(rng, country)
        net = Net(rng, net_country or country, mobile, office, v6=v6, fixed=fixed, mob=mob)
        dom = email_domain(rng) if callable(email_domain) else email_domain
        em = C.email(rng, country, fn, ln, dom, work=dom is not None)
        home_country = declared_country(rng) if callable(declared_country) else (declared_country or country)
        a = ctx.account(rng, persona, country=home_country, plan=plan, email=em,
                        created=created(rng) if created else ctx.created_before(rng), signup_ip=net.ip(rng, 0),
                        payment=pcard(rng) if plan != "free" else None, verified=rng.random() < 0.55,
                        company=company(rng) if callable(company) else company)
        a.cut = 0.03 if mobile > 0.5 else 0.012
        devices = [Device(rng, country, app)] + ([Device(rng, country, app)] if rng.random() < 0.35 else [])
        lang0 = lang or C.lang_for(rng, country)
        nd = rng.random() < nodia
        act = lognorm(rng, per_day, 0.7, 0.02, 40)
        group = rng.randrange(3)
        clock_country = net_country if net_country in W.COUNTRIES else country
        for t in ctx.sessions(rng, clock_country, shape, act, off=off, specials=specials, start=a.created):
            if country == "UA" and not ukraine_power(t, group) and rng.random() < 0.7:
                continue
            dev = rng.choice(devices)
            lg = lang0 if rng.random() < 0.85 else C.lang_for(rng, country)
            model, think = consumer_model(rng, plan)
            f = first(rng) if first and rng.random() < (sticky_first or 0.5) else None
            conversation(ctx, a, rng, t, lg, ua=dev.ua(t), ip=net.ip(rng, t, work=office is not None and
                                                                 rng.random() < 0.6),
                         model=model, first=f, reasoning=1.0 if think else reasoning_boost, out_median=out,
                         no_diacritics=nd, turns=turns(rng) if turns else None)
        ctx.finalize(a, rng)
        accts.append(a)
    return accts


# --------------------------------------------------------------------------------------------- consumers

def tr_students(ctx, rng, n):
    # university midterms (vize) and KPSS prep: late nights, phones on mobile CGNAT, no Turkish letters
    people(ctx, rng, "tr_student", n, [("TR", 1)], [("free", 80), ("pro", 20)], "student", 1.3, mobile=0.75,
           app=0.7, nodia=0.6, lang="tr", off=0.9, out=420)


def tr_adults(ctx, rng, n):
    people(ctx, rng, "tr_adult", n, [("TR", 1)], [("free", 45), ("pro", 50), ("max", 5)], "evening", 1.4,
           mobile=0.45, app=0.55, nodia=0.35, specials={"efsane_cuma": 1.3})


def cis_users(ctx, rng, n):
    people(ctx, rng, "cis_user", n, [("KZ", 45), ("UZ", 38), ("KG", 17)], [("free", 60), ("pro", 38), ("max", 2)],
           "evening", 1.3, mobile=0.55, app=0.5, nodia=0.1, specials={"holiday": 0.7})


def caucasus_users(ctx, rng, n):
    # includes Russian-speaking relocants in Tbilisi and Yerevan, and Azerbaijanis on the mobile range a rival
    # once listed
    people(ctx, rng, "caucasus_user", n, [("GE", 38), ("AM", 27), ("AZ", 35)], [("free", 55), ("pro", 43),
                                                                                   ("max", 2)],
           "evening", 1.3, mobile=0.55, app=0.6, nodia=0.5)


def gulf_levant_users(ctx, rng, n):
    people(ctx, rng, "gulf_levant_user", n, [("AE", 34), ("SA", 28), ("JO", 10), ("EG", 28)],
           [("free", 48), ("pro", 47), ("max", 5)], "evening", 1.4, mobile=0.6, app=0.65, nodia=0.0,
           specials={"white_friday": 1.3, "holiday": 1.2})


def iran_vpn_users(ctx, rng, n):
    # they live by Tehran's clock and reach the service only through commercial VPN exits (one of which a
    # rival lists); the account says where they could sign up from
    people(ctx, rng, "iran_vpn_user", n, [("IR", 1)], [("free", 45), ("pro", 55)], "evening", 1.3,
           mobile=0.3, app=0.3, nodia=0.0, declared_country=lambda r: r.choice(["TR", "AM", "AE", "GE", "DE"]))


def ua_pl_users(ctx, rng, n):
    people(ctx, rng, "ua_pl_user", n, [("UA", 60), ("PL", 40)], [("free", 45), ("pro", 55)], "evening", 1.3,
           mobile=0.5, app=0.5, nodia=0.0, specials={"mikolajki": 0.9, "andrzejki": 0.8})


def western_users(ctx, rng, n):
    people(ctx, rng, "western_user", n, [("DE", 45), ("NL", 20), ("FR", 15), ("GB", 20)],
           [("free", 35), ("pro", 60), ("max", 5)], "evening", 1.2, mobile=0.35, app=0.5, nodia=0.2,
           specials={"thanksgiving_us": 0.9, "cyber_monday": 1.1})


def cafe_users(ctx, rng, n):
    # internet cafes: one public address, old Windows boxes, strangers signing up for free accounts
    cafes = [("cafe_istanbul_fatih", "TR"), ("cafe_istanbul_kadikoy", "TR"), ("cafe_tashkent_chilonzor", "UZ"),
             ("cafe_bishkek_center", "KG"), ("cafe_cairo_dokki", "EG")]
    for i in range(n):
        pool, country = cafes[i % len(cafes)]
        people(ctx, rng, "cafe_user", 1, [(country, 1)], [("free", 90), ("pro", 10)], "evening", 0.9,
               mobile=0.25, app=0.0, nodia=0.7, fixed=pool, v6=0.0)


def family_plans(ctx, rng, n):
    """A pro plan shared by a household: parents and children, several devices, one home line."""
    for _ in range(n):
        country = pick(rng, [("TR", 50), ("KZ", 15), ("AZ", 10), ("AE", 10), ("DE", 15)])
        fn, ln = C.person(rng, country)
        net = Net(rng, country, 0.4)
        a = ctx.account(rng, "family_plan", country=country, plan=pick(rng, [("pro", 80), ("max", 20)]),
                        email=C.email(rng, country, fn, ln), created=ctx.created_before(rng), signup_ip=net.home,
                        payment=pcard(rng), verified=True)
        members = [(Device(rng, country, 0.8), C.lang_for(rng, country), shape)
                   for shape in ["evening", "office", "student", "student"][: rng.randint(2, 4)]]
        for dev, lang, shape in members:
            for t in ctx.sessions(rng, country, shape, lognorm(rng, 1.2, 0.5), off=1.1):
                model, think = consumer_model(rng, a.plan)
                conversation(ctx, a, rng, t, lang, ua=dev.ua(t), ip=net.ip(rng, t), model=model,
                             reasoning=1.0 if think else 0.0)
        ctx.finalize(a, rng)


def viral_pasters(ctx, rng, n):
    # strangers pasting the same trending prompt this week
    people(ctx, rng, "viral_paster", n, [("TR", 55), ("AZ", 10), ("KZ", 10), ("EG", 10), ("AE", 5), ("UA", 10)],
           [("free", 85), ("pro", 15)], "evening", 0.7, mobile=0.8, app=0.85, nodia=0.5,
           first=lambda r: r.choice(C.VIRAL) + (r.choice(["", " lütfen", " 😂", ""])), sticky_first=0.45)


def power_users(ctx, rng, n):
    people(ctx, rng, "power_user_max", n, [("TR", 40), ("AE", 20), ("KZ", 10), ("DE", 15), ("GE", 5), ("PL", 10)],
           [("max", 1)], "dev", 5.0, mobile=0.2, app=0.7, nodia=0.1, out=900, reasoning_boost=0.4,
           turns=lambda r: int(lognorm(r, 5, 0.7, 1, 40)))


def olympiad_coaches(ctx, rng, n):
    """Math olympiad coaches: many hard problems, reasoning on, every topic: not a harvester."""
    for _ in range(n):
        country = pick(rng, [("TR", 50), ("KZ", 25), ("AZ", 10), ("UA", 15)])
        fn, ln = C.person(rng, country)
        net = Net(rng, country, 0.2)
        a = ctx.account(rng, "olympiad_coach", country=country, plan=pick(rng, [("max", 60), ("pro", 40)]),
                        email=C.email(rng, country, fn, ln), created=ctx.created_before(rng), signup_ip=net.home,
                        payment=pcard(rng), verified=True)
        dev = Device(rng, country, 0.3)
        for t in ctx.sessions(rng, country, "evening", 2.2, off=1.4):
            q = C.fill(rng, rng.choice(C.OLYMPIAD), {"a": C.num(2, 9), "b": C.num(3, 40), "c": C.num(50, 2000)})
            conversation(ctx, a, rng, t, C.lang_for(rng, country), ua=dev.ua(t), ip=net.ip(rng, t), model="poyraz-3",
                         first=q, reasoning=1.0, out_median=1800, turns=rng.randint(1, 5), gap_median=240)
        ctx.finalize(a, rng)


def teachers(ctx, rng, n):
    """Teachers preparing worksheets: they walk the curriculum's learning-outcome codes in order."""
    for _ in range(n):
        country = pick(rng, [("TR", 70), ("KZ", 15), ("AZ", 15)])
        fn, ln = C.person(rng, country)
        net = Net(rng, country, 0.3)
        a = ctx.account(rng, "teacher", country=country, plan=pick(rng, [("pro", 70), ("free", 30)]),
                        email=C.email(rng, country, fn, ln), created=ctx.created_before(rng), signup_ip=net.home,
                        payment=pcard(rng), verified=True)
        dev = Device(rng, country, 0.2)
        grade = rng.choice([5, 6, 7, 8])
        items = [c for c in C.CURRICULUM if c[1] == grade]
        pos = rng.randrange(len(items))
        for t in ctx.sessions(rng, country, "evening", 1.1, off=1.8):
            for _ in range(rng.randint(2, 6)):
                code, g = items[pos % len(items)]
                pos += 1 if rng.random() < 0.85 else rng.choice([0, 2])
                topic = rng.choice(C.CURRICULUM_TOPICS)
                p = rng.choice([
                    f"{g}. sınıf {code} kazanımı ({topic}) için 10 soruluk çalışma kağıdı hazırla, cevap anahtarı ekle",
                    f"{code} kazanımına uygun 5 yeni nesil soru yaz, {g}. sınıf, zorluk orta",
                    f"{g}. sinif {topic} konusu icin {code} kazanimina gore test hazirla",
                ])
                if country == "AZ":
                    p = (f"{g}-ci sinif riyaziyyat, {code} standartı: {topic} mövzusunda 10 tapşırıq və cavablar "
                         "hazırla")
                elif country == "KZ":
                    p = rng.choice([f"{g} класс, {code}: составь 10 задач по теме «{topic}» с ответами",
                                    f"{g}-сынып математика, {code}: 10 есеп құрастыр, жауаптарымен"])
                conversation(ctx, a, rng, t, "tr", ua=dev.ua(t), ip=net.ip(rng, t), model="lodos-3" if
                             a.plan != "free" else "lodos-3-mini", first=p, turns=rng.randint(1, 3),
                             out_median=1100, gap_median=90)
                t += lognorm(rng, 240, 0.6)
        ctx.finalize(a, rng)


def small_business(ctx, rng, n):
    """Shop owners before Efsane Cuma / White Friday: product texts, campaign posts, customer replies."""
    people(ctx, rng, "small_business", n, [("TR", 60), ("AE", 12), ("SA", 8), ("EG", 8), ("KZ", 6), ("UZ", 6)],
           [("free", 35), ("pro", 65)], "office", 1.6, mobile=0.5, app=0.5, nodia=0.4,
           specials={"efsane_cuma": 2.6, "white_friday": 2.4, "cyber_monday": 1.7, "thanksgiving_us": 1.8},
           first=lambda r: C.fill(r, r.choice([*C.CHAT["tr"][3:5], C.CHAT["tr"][18]]), C.S), sticky_first=0.5)


def dormant(ctx, rng, n):
    """Signed up, tried it once or never came back this week; a few accounts suspended over payments."""
    for _ in range(n):
        country = pick(rng, [(c, w) for c, w in [("TR", 40), ("KZ", 8), ("UZ", 8), ("AZ", 5), ("GE", 4),
                                                   ("AE", 8), ("SA", 6), ("EG", 8), ("UA", 5), ("PL", 4),
                                                   ("DE", 4)]])
        plan = pick(rng, [("free", 80), ("pro", 15), ("api", 5)])
        fn, ln = C.person(rng, country)
        net = Net(rng, country, 0.6)
        a = ctx.account(rng, "dormant", country=country, plan=plan, email=C.email(rng, country, fn, ln),
                        created=ctx.created_before(rng, 0, 900), signup_ip=net.home,
                        payment=pcard(rng) if plan != "free" else None, verified=rng.random() < 0.3)
        if plan == "pro" and rng.random() < 0.12:
            a.rec["status"] = "suspended"
            a.suspended_at = ctx.t0 - W.DAY
        dev = Device(rng, country, 0.6)
        k = rng.choice([0, 0, 1, 1, 1, 2, 3])
        for _ in range(k):
            t = ctx.t0 + rng.random() * (ctx.t1 - ctx.t0)
            conversation(ctx, a, rng, t, C.lang_for(rng, country), ua=dev.ua(t), ip=net.ip(rng, t),
                         model="lodos-3-mini", turns=rng.randint(1, 3))
        ctx.finalize(a, rng)


# --------------------------------------------------------------------------------------------- shared places

def cowork_members(ctx, rng, n):
    """Freelancers on coworking floors where a rival also has desks (Maslak, Dubai Internet City, Esil)."""
    floors = [("cowork_maslak", "TR"), ("cowork_dic", "AE"), ("techpark_esil", "KZ"), ("cowork_tbilisi", "GE"),
              ("cowork_warsaw", "PL")]
    for i in range(n):
        pool, country = floors[i % len(floors)] if i < 10 else rng.choice(floors[:3])
        people(ctx, rng, "cowork_member", 1, [(country, 1)], [("pro", 60), ("api", 25), ("max", 15)], "office",
               2.6, mobile=0.15, app=0.4, nodia=0.2, office=pool)


def campus_users(ctx, rng, n):
    """Students and staff behind campus NAT: Esil State University (where a rival runs a joint lab), GTU."""
    for i in range(n):
        pool, country, dom = [("campus_esil", "KZ", "esu.edu.kz"), ("campus_gtu", "TR", "ogr.gtu.edu.tr"),
                              ("campus_inha_tashkent", "UZ", "tiu.uz"), ("campus_ada", "AZ", None)][i % 4]
        people(ctx, rng, "campus_user", 1, [(country, 1)], [("free", 70), ("pro", 30)], "student", 1.6,
               mobile=0.35, app=0.5, nodia=0.5, office=pool, email_domain=dom if rng.random() < 0.6 else None)


def vpn_users(ctx, rng, n):
    """People who keep a commercial VPN on: privacy habits, blocked sites at work, travelling."""
    for _ in range(n):
        country = pick(rng, [("TR", 45), ("KZ", 10), ("AE", 15), ("UA", 10), ("AZ", 10), ("DE", 10)])
        pool = pick(rng, [("vpn_fra", 45), ("vpn_ams", 25), ("vpn_ist", 15), ("vpn_dxb", 15)])
        people(ctx, rng, "vpn_user", 1, [(country, 1)], [("free", 40), ("pro", 55), ("api", 5)], "evening", 1.5,
               mobile=0.15, app=0.4, nodia=0.3, fixed=pool, v6=0.0)


# --------------------------------------------------------------------------------------------- developers

def _api_account(ctx, rng, persona, country, *, plan="api", email=None, company=None, org=None, payment=None,
                 sso=None, created=None, signup_ip=None, verified=None, rpm=0, keys=1):
    fn, ln = C.person(rng, country)
    a = ctx.account(rng, persona, country=country, plan=plan, email=email or C.email(rng, country, fn, ln),
                    created=created if created is not None else ctx.created_before(rng),
                    signup_ip=signup_ip, org_id=org, company=company, payment=payment or pcard(rng), sso=sso,
                    verified=rng.random() < 0.6 if verified is None else verified, keys=keys)
    a.rpm = rpm
    a.human = False
    return a


def _sdk(rng) -> tuple[str, str]:
    kind = pick(rng, [("openai_py", 38), ("anthropic_py", 16), ("openai_js", 14), ("requests", 6), ("httpx", 5),
                      ("litellm", 5), ("go", 4), ("dart", 4), ("axios", 4), ("curl", 2), ("anthropic_js", 2)])
    ep = EP_APP if kind.startswith("anthropic") else (EP_RESP if kind == "openai_py" and rng.random() < 0.3
                                                      else EP_CHAT)
    return W.sdk_ua(rng, kind), ep


def dev_work(ctx, a: Account, rng, net: Net, country: str, per_day: float, *, office=False, app_system=None,
             ci: float = 0.3, platform=None):
    """A developer's week: building a feature (bursts of calls from code and from a playground), running
    integration tests locally and in CI, a few chats about code."""
    ua, ep = _sdk(rng)
    model = rng.choice(["lodos-3", "lodos-3-mini", "imbat-3-flash", "lodos-3-2026-09-30", "poyraz-3"])
    system = app_system or rng.choice([None, "You are a helpful assistant.", "Reply in JSON.",
                                       "Sen bir müşteri destek asistanısın. Kısa yanıt ver.",
                                       "Ты помощник интернет-магазина. Отвечай кратко."])
    ci_ua = W.sdk_ua(rng, "openai_py")
    for t in ctx.sessions(rng, country, "dev", per_day, off=0.5):
        ip = net.ip(rng, t, work=office)
        burst = int(lognorm(rng, 9, 0.9, 1, 160))
        for i in range(burst):
            if rng.random() < 0.35:
                p = rng.choice(C.INTEGRATION_TESTS)
                o = lognorm(rng, 12, 0.6, 1, 80)
            else:
                p = C.fill(rng, rng.choice(C.DEV_TASKS + C.CHAT["en"]), C.S)
                o = lognorm(rng, 320, 0.8)
            r = ctx.req(a, rng, t, p, model=model, endpoint=ep, ua=ua if rng.random() < 0.9 else
                        W.sdk_ua(rng, "postman"), ip=ip, system=system, out=o, stream=rng.random() < 0.4,
                        reasoning=model.startswith("poyraz"), retry=True, extra_in=int(lognorm(rng, 80, 1.2)))
            if r is not None and rng.random() < 0.01:
                r["model"] = rng.choice(["lodos3", "gpt-4o", "lodos-3-turbo"])  # typo: upstream 404
            t += lognorm(rng, 20, 1.1, 0.3, 900) if i % 7 else lognorm(rng, 300, 0.8)
        if rng.random() < ci:  # CI run after a push: the same test prompts, from hosted runners
            tc = t + rng.uniform(60, 900)
            cip = W.POOLS["ci_runners"].addr(rng)
            for p in C.INTEGRATION_TESTS:
                ctx.req(a, rng, tc, p, model=model, endpoint=ep, ua=ci_ua, ip=cip, out=lognorm(rng, 8, 0.5, 1, 40),
                        key=a.keys[-1], retry=True)
                tc += rng.uniform(0.3, 2.5)


def indie_devs(ctx, rng, n):
    for _ in range(n):
        country = pick(rng, [("TR", 40), ("KZ", 10), ("UZ", 8), ("AZ", 6), ("GE", 6), ("AM", 6), ("AE", 6), ("EG", 6),
                             ("UA", 6), ("PL", 6)])
        net = Net(rng, country, 0.2)
        a = _api_account(ctx, rng, "indie_dev", country, signup_ip=net.home, keys=rng.choice([1, 2, 2, 3]))
        dev_work(ctx, a, rng, net, country, lognorm(rng, 0.9, 0.5))
        ctx.finalize(a, rng)


def agentic_coders(ctx, rng, n):
    """Coding agents in a terminal: huge repository context served from the prompt cache, tool loops."""
    for _ in range(n):
        country = pick(rng, [("TR", 40), ("DE", 12), ("KZ", 10), ("UA", 10), ("PL", 10), ("AE", 8), ("GE", 10)])
        net = Net(rng, country, 0.1)
        plan = pick(rng, [("max", 45), ("api", 55)])
        fn, ln = C.person(rng, country)
        a = ctx.account(rng, "agentic_coder", country=country, plan=plan, email=C.email(rng, country, fn, ln),
                        created=ctx.created_before(rng), signup_ip=net.home, payment=pcard(rng), verified=True,
                        credential="api_key" if plan == "api" else "consumer_subscription")
        if plan == "api":
            a.rpm = 500
        ua = W.sdk_ua(rng, "cli")
        system = C.fill(rng, C.AGENT_SYSTEM, {"repo": C.REPOS, "os": ["darwin", "linux", "win32"]})
        for t in ctx.sessions(rng, country, "dev", lognorm(rng, 1.4, 0.4), off=0.6):
            ctx_size = int(lognorm(rng, 42000, 0.5, 8000, 190000))
            conv = uid(rng, "sess_")
            ip = net.ip(rng, t)
            steps = int(lognorm(rng, 22, 0.7, 3, 180))
            for turn in range(1, steps + 1):
                p = C.fill(rng, rng.choice(C.AGENT_TURNS), {"path": C.PATHS})
                grow = int(lognorm(rng, 1500, 1.0, 50, 30000))
                r = ctx.req(a, rng, t, p, model=rng.choice(["poyraz-3", "lodos-3", "lodos-3"]), endpoint=EP_APP,
                            ua=ua, ip=ip, system=system, conv=conv, turn=turn, out=lognorm(rng, 600, 0.9, 20, 16000),
                            reasoning=rng.random() < 0.5, stream=True, cache_read=ctx_size,
                            cache_write=grow if turn > 1 else ctx_size // 8, extra_in=int(lognorm(rng, 60, 0.8)))
                ctx_size = min(240000, ctx_size + grow)
                t += lognorm(rng, 14, 0.9, 1, 600)
                if r is None and t > ctx.t1:
                    break
        ctx.finalize(a, rng)


def startup_teams(ctx, rng, n):
    """Small companies: 3-8 people on the company card, one domain, an office (often a coworking floor),
    the product's own system prompt in everyone's test calls."""
    made = 0
    idx = 0
    sites = [("cowork_maslak", "TR"), ("office_generic_tr", "TR"), ("cowork_dic", "AE"), ("techpark_esil", "KZ"),
             ("cowork_tbilisi", "GE"), ("cowork_warsaw", "PL"), ("office_generic_kz", "KZ"), ("cloud_yildiz", "TR")]
    names = ["kargoni", "tahsilat", "menulab", "yolcu", "qazsoft", "ipakyol", "batumibooking", "fakturka",
             "derinsu-analytics", "simurgh-travel-tech", "altyn-dala-agro", "ekinci", "pazarcik", "dostavka24"]
    while made < n:
        size = min(n - made, rng.randint(3, 8))
        site, country = sites[idx % len(sites)]
        name = names[idx % len(names)]
        idx += 1
        domain = f"{name}.{ {'TR': 'com.tr', 'AE': 'ae', 'KZ': 'kz', 'GE': 'ge', 'PL': 'pl'}[country]}"
        company_card = pcard(rng)
        app_system = rng.choice([f"You are the assistant of {name}. Answer customers politely in their language.",
                                 f"{name} asistanı: siparişler, kargo ve iadeler hakkında yardımcı ol.",
                                 f"Extract order fields for {name} as JSON: id, items, address, phone."])
        first_signup = ctx.created_before(rng, 20, 300)
        for _ in range(size):
            fn, ln = C.person(rng, country)
            net = Net(rng, country, 0.2, office=site)
            a = _api_account(ctx, rng, "startup_team", country, plan=rng.choice(["api", "team", "api"]),
                             email=C.email(rng, country, fn, ln, domain, work=True), company=name,
                             payment=company_card, created=first_signup + rng.random() * 40 * W.DAY,
                             signup_ip=W.POOLS[site].addr(rng), verified=True)
            dev_work(ctx, a, rng, net, country, lognorm(rng, 1.0, 0.4), office=True, app_system=app_system, ci=0.2)
            ctx.finalize(a, rng)
            made += 1


def hackathon(ctx, rng, n):
    """A weekend hackathon at GTU (28-29 Nov): dozens sign up within hours on the venue Wi-Fi with trial
    credits, paste the organisers' starter kit, hammer the API for 30 hours, then mostly stop."""
    d0 = W.local_midnight("TR", 2)
    teams = ["deprem-radar", "tarlam", "erisilebilir", "efatura-bot", "burs-bul", "kuzey", "yapay-muhtar"]
    for i in range(n):
        team = teams[i % len(teams)]
        signup = d0 + rng.uniform(8.5, 11.5) * 3600 if rng.random() < 0.8 else ctx.created_before(rng, 5, 200)
        country = "TR" if rng.random() < 0.85 else rng.choice(["AZ", "KZ", "DE"])
        fn, ln = C.person(rng, country)
        dom = "ogr.gtu.edu.tr" if rng.random() < 0.45 else None
        venue = W.POOLS["venue_gtu_hack"]
        a = _api_account(ctx, rng, "hackathon_participant", country, signup_ip=venue.addr(rng),
                         email=C.email(rng, country, fn, ln, dom, work=dom is not None), created=signup,
                         payment=None if rng.random() < 0.8 else pcard(rng), verified=dom is not None)
        a.trial = a.rec["payment_fingerprint"] is None
        ua, ep = _sdk(rng)
        system = C.HACKATHON_STARTER.format(team=team)
        task = C.HACKATHON_TASKS[teams.index(team) % len(C.HACKATHON_TASKS)]
        net = Net(rng, country, 0.5)
        t = max(signup, d0 + 10 * 3600) + rng.uniform(0, 3600)
        end = d0 + 24 * 3600 + rng.uniform(14, 17) * 3600
        while t < end:
            at_venue = t < d0 + 22 * 3600 or (d0 + 32 * 3600 < t)
            p = task.replace("{q}", rng.choice(C.HACKATHON_Q))
            ctx.req(a, rng, t, p, model=rng.choice(["lodos-3-mini", "lodos-3", "imbat-3-flash"]), endpoint=ep, ua=ua,
                    ip=venue.addr(rng) if at_venue else net.ip(rng, t), system=system, out=lognorm(rng, 180, 0.7),
                    retry=True)
            t += lognorm(rng, 160, 1.3, 1, 7200)
            if d0 + 26 * 3600 < t < d0 + 32 * 3600 and rng.random() < 0.7:
                t = d0 + 32 * 3600 + rng.uniform(0, 3600)  # a few hours of sleep
        for t in ctx.sessions(rng, country, "dev", 0.25, start=end):  # a few keep going after the weekend
            ctx.req(a, rng, t, rng.choice(C.HACKATHON_Q), model="lodos-3-mini", endpoint=ep, ua=ua,
                    ip=net.ip(rng, t), system=system, out=150)
        ctx.finalize(a, rng)


def research_labs(ctx, rng, n):
    """University labs: one grant card, campus NAT, a shared evaluation script every student runs on the same
    benchmark (with reasoning), plus their own chats."""
    made, idx = 0, 0
    labs = [("campus_gtu", "TR", "gtu.edu.tr", "GTU NLP Lab"), ("campus_esil", "KZ", "esu.edu.kz", "ESU KazNLP"),
            ("campus_inha_tashkent", "UZ", "tiu.uz", "TIU AI Lab"), ("campus_ada", "AZ", "ada.edu.az", "ADA HCI"),
            ("office_generic_eu", "DE", "uni-heidelberg.de", "Turkic NLP group")]
    while made < n:
        size = min(n - made, rng.randint(4, 8))
        pool, country, dom, lab = labs[idx % len(labs)]
        idx += 1
        grant = pcard(rng)
        bench = [f"[{lab} eval {i:04d}] " + C.fill(rng, rng.choice(C.OLYMPIAD + C.EVAL_ITEMS_TR),
                                                   {"a": C.num(2, 9), "b": C.num(3, 40), "c": C.num(50, 2000)})
                 for i in range(rng.randint(120, 260))]
        sys_eval = "Answer the question. Put the final answer after '####'."
        for _ in range(size):
            fn, ln = C.person(rng, country)
            net = Net(rng, country, 0.4, office=pool)
            a = _api_account(ctx, rng, "research_lab", country, email=C.email(rng, country, fn, ln, dom, work=True),
                             company=lab, payment=grant, signup_ip=W.POOLS[pool].addr(rng), verified=True)
            ua = W.sdk_ua(rng, rng.choice(["openai_py", "httpx", "litellm"]))
            for t in ctx.sessions(rng, country, "dev", 0.35, off=0.7):
                model = rng.choice(["poyraz-3", "lodos-3", "lodos-3-mini"])
                sub = bench if rng.random() < 0.6 else bench[: rng.randint(20, 60)]
                ip = net.ip(rng, t, work=True)
                for item in sub:
                    ctx.req(a, rng, t, item, model=model, endpoint=EP_CHAT, ua=ua, ip=ip, system=sys_eval,
                            out=lognorm(rng, 500, 0.6), reasoning=model == "poyraz-3", retry=True)
                    t += lognorm(rng, 3, 0.6, 0.3, 60)
            for t in ctx.sessions(rng, country, "student", 0.7):
                conversation(ctx, a, rng, t, C.lang_for(rng, country), ua=W.browser_ua(rng), ip=net.ip(rng, t),
                             model="lodos-3", endpoint=EP_CHAT)
            ctx.finalize(a, rng)
            made += 1


def eval_harnesses(ctx, rng, n):
    """Nightly evaluation of a fixed question set against several models (a benchmark maintainer, a
    procurement team comparing providers): the same items every night, numbered, in order."""
    for i in range(n):
        country = ["TR", "KZ", "AE", "PL", "DE", "TR"][i % 6]
        a = _api_account(ctx, rng, "eval_harness", country, company=rng.choice(["TR-Bench", "KazEval", "ArabicQA-lb",
                                                                                 "procurement", None]),
                         signup_ip=W.POOLS["cloud_fra"].addr(rng), rpm=500)
        items = [f"Q{j:04d}. " + C.fill(rng, rng.choice(C.EVAL_ITEMS_TR + C.OLYMPIAD + C.SFT_INSTRUCTIONS),
                                        {"a": C.num(2, 9), "b": C.num(3, 40), "c": C.num(50, 2000)})
                 for j in range(rng.randint(150, 320))]
        ua = W.sdk_ua(rng, rng.choice(["openai_py", "httpx"]))
        ip_pool = W.POOLS[rng.choice(["cloud_fra", "ci_runners", "cloud_yildiz"])]
        models = rng.sample(["poyraz-3", "lodos-3", "lodos-3-mini", "imbat-3-flash"], rng.randint(1, 2))
        hour = rng.uniform(1, 4)
        for day in range(ctx.days):
            if rng.random() < 0.15:
                continue  # the nightly job failed to start
            t = W.local_midnight(country, day) + hour * 3600 + rng.uniform(0, 300)
            ip = ip_pool.addr(rng)
            for m in models:
                for q in items:
                    ctx.req(a, rng, t, q, model=m, endpoint=EP_CHAT, ua=ua, ip=ip, system="Answer with the letter "
                            "or the number only." if rng.random() < 0.5 else None, out=lognorm(rng, 40, 1.0, 1, 900),
                            reasoning=m == "poyraz-3", think=lognorm(rng, 700, 0.6), retry=True)
                    t += lognorm(rng, 0.9, 0.5, 0.05, 20)
        ctx.finalize(a, rng)


def batch_own_ids(ctx, rng, n):
    """Pipelines over the customer's own records, in id order: catalogue texts for a marketplace seller's
    SKUs before Efsane Cuma, claim summaries for an insurer, support tickets for a telecom. The record is in
    the prompt; the model adds language, not knowledge."""
    kinds = ["sku", "claim", "ticket", "kaspi"]
    for i in range(n):
        kind = kinds[i % len(kinds)]
        country = {"sku": "TR", "claim": "TR", "ticket": "AZ", "kaspi": "KZ"}[kind]
        pool = W.POOLS[rng.choice(["cloud_yildiz", "office_generic_tr", "vps_ist"] if country == "TR"
                                  else ["office_generic_kz", "vps_almaty", "cloud_fra"])]
        a = _api_account(ctx, rng, "batch_own_ids", country, company=rng.choice(["Moda Pazar", "Sigorta Plus",
                                                                                  "BakuNet", "TechnoDom seller"]),
                         signup_ip=pool.addr(rng), rpm=2000)
        ua = W.sdk_ua(rng, rng.choice(["openai_py", "go", "requests", "onec"]))
        start = rng.randrange(10000, 900000)
        nid = 0
        spec = {"sku": 2.6, "claim": 1.0, "ticket": 1.0, "kaspi": 1.2}[kind]
        for day in range(ctx.days):
            sp = W.special(country, day)
            if W.is_day_off(country, day) and rng.random() < 0.6:
                continue
            t = W.local_midnight(country, day) + rng.uniform(9, 20) * 3600
            ip = pool.addr(rng)
            count = int(lognorm(rng, 300, 0.5) * (spec if sp in ("efsane_cuma", "cyber_monday") else 1))
            for _ in range(count):
                nid += 1
                rid = start + nid
                if kind == "sku":
                    attrs = ", ".join(C.fill(rng, x, {"c": ["siyah", "bej", "lacivert"], "s": ["S", "M", "L", "XL"],
                                                      "p": C.num(40, 100), "n": C.num(1, 9),
                                                      "b": ["Modana", "Evim", "Kuzey"]})
                                      for x in rng.sample(C.CATALOG_ATTRS, 4))
                    p = (f"Ürün TY-{rid}: {rng.choice(C.S['urun_tr'])}; {attrs}. Trendyol için 80-120 kelimelik "
                         "açıklama ve 5 madde özellik yaz.")
                elif kind == "claim":
                    p = (f"Hasar dosyası 2026/{rid}: {rng.choice(['arka tampon', 'ön cam', 'su baskını', 'hırsızlık'])}"
                         " olayı, ekspertiz notu ve sigortalı beyanı ektedir. 3 cümlelik özet ve eksik evrak listesi "
                         "çıkar.")
                elif kind == "ticket":
                    p = (f"Müraciət #{rid}: internet sürəti aşağıdır, modem {rng.randint(1, 9)} dəfə söndürülüb. "
                         "Müştəriyə cavab layihəsi yaz, kateqoriya təyin et.")
                else:
                    p = (f"Товар {rid}: {rng.choice(['Смартфон', 'Пылесос', 'Чайник', 'Шуруповерт'])}, характеристики "
                         "во вложении. Сделай описание для карточки Kaspi на русском и казахском.")
                ctx.req(a, rng, t, p, model=rng.choice(["lodos-3-mini", "imbat-3-flash"]), endpoint=EP_CHAT, ua=ua,
                        ip=ip, system="Return JSON only.", out=lognorm(rng, 220, 0.4),
                        extra_in=int(lognorm(rng, 450, 0.5)), retry=True)
                t += lognorm(rng, 1.6, 0.6, 0.05, 60)
        ctx.finalize(a, rng)


def localizers(ctx, rng, n):
    """Translators and localisation teams walking string tables key by key into the region's languages."""
    for _ in range(n):
        country = pick(rng, [("TR", 50), ("UA", 15), ("GE", 10), ("AZ", 10), ("PL", 15)])
        net = Net(rng, country, 0.1)
        a = _api_account(ctx, rng, "localizer", country, company=rng.choice([None, "LinguaBridge", "Cevirmen.io"]),
                         signup_ip=net.home)
        ua = W.sdk_ua(rng, rng.choice(["openai_py", "requests", "openai_js"]))
        system = "You are a professional translator. Keep placeholders unchanged. Output only the translation."
        targets = rng.sample(C.LOCALE_TARGETS, rng.randint(2, 5))
        for t in ctx.sessions(rng, country, "office", 0.9, off=0.3):
            ip = net.ip(rng, t)
            app = rng.choice(["android", "web", "ios", "admin"])
            for tgt in targets:
                for key, src in zip(C.LOCALE_KEYS, C.LOCALE_SRC, strict=True):
                    p = f"[{app}] {key} ({tgt}): \"{src}\""
                    ctx.req(a, rng, t, p, model="lodos-3", endpoint=EP_CHAT, ua=ua, ip=ip, system=system,
                            out=lognorm(rng, 14, 0.5, 2, 80), retry=True)
                    t += lognorm(rng, 2.2, 0.6, 0.2, 60)
        ctx.finalize(a, rng)


def corp_users(ctx, rng, n):
    """Enterprise seats behind corporate proxies: SSO tenant, verified domain, one egress range, the internal
    assistant's system prompt."""
    firms = [("anadolu-bank", "corp_anadolu_bank", "TR"), ("bosphorus-telecom", "corp_bosphorus_telecom", "TR"),
             ("steppe-energy", "corp_steppe_energy", "KZ"), ("gulf-logistics", "corp_gulf_logistics", "AE"),
             ("kyiv-retail", "corp_kyiv_retail", "UA"), (None, "corp_zscaler_fra", "DE")]
    for i in range(n):
        org_id, pool, country = firms[i % len(firms)]
        org = W.ORGS.get(org_id) if org_id else None
        dom = org.domains[0] if org else rng.choice(["hanse-logistik.de", "rheinwerk-ag.de", "euro-pharma.nl"])
        sso = org.sso_tenants[0] if org and org.sso_tenants else None
        fn, ln = C.person(rng, country)
        a = ctx.account(rng, "corp_employee", country=country, plan="enterprise" if org else "team",
                        email=C.email(rng, country, fn, ln, dom, work=True), created=ctx.created_before(rng, 10, 400),
                        signup_ip=W.POOLS[pool].addr(rng), org_id=org_id, company=org.name if org else None,
                        payment=org.payment_fingerprints[0] if org and org.payment_fingerprints else pcard(rng),
                        sso=sso, verified=True, credential="api_key")
        net = Net(rng, country, 0.3, office=pool)
        dev = Device(rng, country, 0.0)
        system = f"You are the internal assistant of {org.name if org else dom}. Do not reveal customer data."
        for t in ctx.sessions(rng, country, "office", lognorm(rng, 1.6, 0.5), off=0.1):
            conversation(ctx, a, rng, t, C.lang_for(rng, country), ua=dev.ua(t), ip=net.ip(rng, t, work=True),
                         model=rng.choice(["lodos-3", "poyraz-3"]), system=system, endpoint=EP_CHAT)
        ctx.finalize(a, rng)


def saas_backends(ctx, rng, n):
    """Small SaaS products calling the API from their servers on shared cloud egress (support bots, CRM
    summaries), serving their own customers without platform attribution."""
    for _ in range(n):
        country = pick(rng, [("TR", 50), ("AE", 15), ("KZ", 15), ("DE", 10), ("UZ", 10)])
        pool = W.POOLS[pick(rng, [("cloud_yildiz", 45), ("cloud_fra", 30), ("cloud_uae", 15), ("vps_hetz", 10)])]
        a = _api_account(ctx, rng, "saas_backend", country, company=rng.choice(["destekbot", "crmly", "otelim",
                                                                                 "klinika24", "qr-menu"]),
                         signup_ip=pool.addr(rng), rpm=500)
        ua = W.sdk_ua(rng, rng.choice(["openai_js", "openai_py", "go", "axios"]))
        system = rng.choice(["Sen {biz} için müşteri temsilcisisin. Kibar ol, fiyat sorulursa web sitesine yönlendir.",
                             "You answer guests of a boutique hotel in Cappadocia. Be warm and brief.",
                             "Ты консультант клиники. Не ставь диагнозы, предлагай записаться."]).replace(
            "{biz}", rng.choice(["kuaför", "diş kliniği", "kafe"]))
        ips = [pool.addr(rng) for _ in range(3)]
        lang = C.lang_for(rng, country)
        for t in ctx.sessions(rng, country, "evening", lognorm(rng, 14, 0.6), off=1.2):
            turns = rng.randint(1, 6)
            conv = uid(rng, "thr_")
            for turn in range(1, turns + 1):
                ctx.req(a, rng, t, C.chat(rng, lang), model="lodos-3-mini", endpoint=EP_CHAT, ua=ua,
                        ip=rng.choice(ips), system=system, conv=conv, turn=turn, out=lognorm(rng, 120, 0.6),
                        history=turn * 150, retry=True)
                t += lognorm(rng, 40, 0.8)
        ctx.finalize(a, rng)


def platforms(ctx, rng, n):
    """Platforms that relay their end users with signed attribution: an IDE, an SME writing app, a
    localisation SaaS, an agent host. Their relays sit inside clouds that rivals list; some of their end users
    work at rivals (the gateway refuses those requests; the platform is not the rival)."""
    names = list(W.PLATFORMS)
    for i in range(n):
        pname = names[i % len(names)]
        org_id, pool_name, system, ua = W.PLATFORMS[pname]
        org = W.ORGS[org_id]
        pool = W.POOLS[pool_name]
        country = "TR" if org_id in ("yazici", "kalem") else "NL"
        a = ctx.account(rng, "platform", country=country, plan="enterprise", email=f"platform-ops@{org.domains[0]}",
                        created=ctx.created_before(rng, 100, 600), signup_ip=pool.addr(rng), org_id=org_id,
                        company=org.name,
                        payment=org.payment_fingerprints[0] if org.payment_fingerprints else pcard(rng),
                        verified=True, credential="api_key", keys=3)
        a.human = False
        users = []
        for _ in range(rng.randint(150, 240)):
            uc = pick(rng, [("TR", 50), ("KZ", 8), ("UZ", 6), ("AZ", 6), ("AE", 8), ("UA", 6), ("PL", 6), ("DE", 10)])
            dom = rng.choice([None, None, None, "bosphorustel.com.tr", "kargoni.com.tr", "anadoluyatirim.com.tr",
                              "qazsoft.kz", "gmail.com"])
            users.append((uid(rng, "u_"), dom, uc, lognorm(rng, 0.6, 1.0, 0.02, 8)))
        for rival in ("derinsu", "altyn", "simurgh"):
            users.append((uid(rng, "u_"), W.RIVAL_HOME[rival]["domain"], W.RIVAL_HOME[rival]["country"], 0.8))
        for eu, dom, uc, act in users:
            deny = dom in W.ENFORCED_DOMAINS
            for t in ctx.sessions(rng, uc, "dev" if org_id == "kalem" else "office", act, off=0.5):
                if org_id == "kalem":
                    for _ in range(int(lognorm(rng, 6, 0.8, 1, 80))):
                        p = C.fill(rng, rng.choice(C.DEV_TASKS), C.S)
                        ctx.req(a, rng, t, p, model=rng.choice(["lodos-3", "poyraz-3"]), endpoint=EP_APP, ua=ua,
                                ip=pool.addr(rng), system=system, out=lognorm(rng, 420, 0.8), stream=True,
                                channel="platform", platform=pname, eu=eu, euo=dom, deny=deny,
                                cache_read=int(lognorm(rng, 9000, 0.7)), cache_write=int(lognorm(rng, 400, 1.0)))
                        t += lognorm(rng, 40, 1.0)
                elif org_id == "tercuman":
                    for key, src in zip(C.LOCALE_KEYS[: rng.randint(5, 26)], C.LOCALE_SRC, strict=False):
                        ctx.req(a, rng, t, f"{key}: {src} -> {rng.choice(C.LOCALE_TARGETS)}", model="lodos-3-mini",
                                endpoint=EP_CHAT, ua=ua, ip=pool.addr(rng), system=system, out=12, channel="platform",
                                platform=pname, eu=eu, euo=dom, deny=deny)
                        t += rng.uniform(0.2, 2)
                elif org_id == "agentforge":
                    conv = uid(rng, "run_")
                    for step in range(1, int(lognorm(rng, 9, 0.6, 2, 60)) + 1):
                        p = rng.choice(["tool_result: {\"status\": \"ok\", \"rows\": 14}", "Find the cheapest flight "
                                        "IST-TBS next Friday", "tool_result: HTTP 404", "Summarise the search results",
                                        "Draft the email to the supplier"])
                        ctx.req(a, rng, t, p, model=rng.choice(["lodos-3", "poyraz-3"]), endpoint=EP_RESP, ua=ua,
                                ip=pool.addr(rng), system=system, conv=conv, turn=step, out=lognorm(rng, 250, 0.8),
                                channel="platform", platform=pname, eu=eu, euo=dom, deny=deny, reasoning=True,
                                cache_read=step * 900)
                        t += lognorm(rng, 6, 0.8)
                else:
                    conversation(ctx, a, rng, t, C.lang_for(rng, uc), ua=ua, ip=pool.addr(rng), model="lodos-3-mini",
                                 endpoint=EP_CHAT, system=system, channel="platform", platform=pname, eu=eu, euo=dom,
                                 deny=deny, stream=False)
        ctx.finalize(a, rng)


def byok_users(ctx, rng, n):
    """Personal API keys used inside the Kalem IDE (bring your own key): the IDE relays and attests who the
    user is; their employers are ordinary companies."""
    for _ in range(n):
        country = pick(rng, [("TR", 60), ("KZ", 10), ("AZ", 10), ("DE", 10), ("UA", 10)])
        net = Net(rng, country, 0.2)
        a = _api_account(ctx, rng, "byok_user", country, signup_ip=net.home)
        _, pool, system, ua = W.PLATFORMS["Kalem IDE"]
        eu = uid(rng, "u_")
        euo = rng.choice(["gmail.com", "kargoni.com.tr", "bosphorustel.com.tr", "qazsoft.kz", "derinsu.com",
                          "altynsys.kz", "freelance"])
        for t in ctx.sessions(rng, country, "dev", 1.4, off=0.5):
            for _ in range(int(lognorm(rng, 10, 0.8, 1, 100))):
                ctx.req(a, rng, t, C.fill(rng, rng.choice(C.DEV_TASKS), C.S), model=rng.choice(["lodos-3", "poyraz-3"]),
                        endpoint=EP_APP, ua=ua, ip=W.POOLS[pool].addr(rng), system=system, stream=True,
                        out=lognorm(rng, 400, 0.8), channel="platform", platform="Kalem IDE", eu=eu, euo=euo,
                        cache_read=int(lognorm(rng, 8000, 0.7)))
                t += lognorm(rng, 45, 1.0)
        ctx.finalize(a, rng)


# --------------------------------------------------------------------------------------------- weak ties

def former_rival_staff(ctx, rng, n):
    """Left a rival a year or more ago: signed up on the old office network, declared the old employer in
    free text; now works elsewhere."""
    for i in range(n):
        rival = W.RIVALS[i % len(W.RIVALS)]
        home = W.RIVAL_HOME[rival]
        country = home["country"]
        fn, ln = C.person(rng, country)
        net = Net(rng, country, 0.3, office=rng.choice(["office_generic_tr", "corp_bosphorus_telecom"])
                  if country == "TR" else None)
        a = ctx.account(rng, "former_rival_employee", country=country, plan=rng.choice(["pro", "max", "api"]),
                        email=C.email(rng, country, fn, ln), created=ctx.created_before(rng, 400, 900),
                        signup_ip=W.POOLS[home["office"]].addr(rng), company=rng.choice(
                            [f"ex-{W.ORGS[rival].name.split()[0]}", None, "freelance"]),
                        payment=pcard(rng), verified=True)
        dev = Device(rng, country, 0.4)
        for t in ctx.sessions(rng, country, "dev", 2.0, off=0.8):
            conversation(ctx, a, rng, t, home["lang"] if home["lang"] != "en" else "en", ua=dev.ua(t),
                         ip=net.ip(rng, t, work=True), model=rng.choice(["lodos-3", "poyraz-3"]),
                         first=C.fill(rng, rng.choice(C.DEV_TASKS), C.S) if rng.random() < 0.5 else None)
        ctx.finalize(a, rng)


def rival_visitors(ctx, rng, n):
    """Consultants, candidates, auditors: one afternoon in a rival's office on its guest Wi-Fi, otherwise at
    home or at their own firm."""
    for i in range(n):
        rival = W.RIVALS[i % len(W.RIVALS)]
        home = W.RIVAL_HOME[rival]
        country = home["country"]
        fn, ln = C.person(rng, country)
        net = Net(rng, country, 0.4)
        a = ctx.account(rng, "rival_office_visitor", country=country, plan=rng.choice(["pro", "free", "api"]),
                        email=C.email(rng, country, fn, ln), created=ctx.created_before(rng), signup_ip=net.home,
                        payment=pcard(rng), verified=rng.random() < 0.5)
        dev = Device(rng, country, 0.6)
        visit_day = rng.randrange(min(ctx.days, 5))
        v0 = W.local_midnight(country, visit_day) + rng.uniform(13, 15) * 3600
        office = W.POOLS[home["office"]]
        for t in ctx.sessions(rng, country, "evening", 1.6) + [v0 + k * rng.uniform(600, 2400) for k in range(4)]:
            at = v0 <= t < v0 + 3 * 3600
            conversation(ctx, a, rng, t, C.lang_for(rng, country), ua=dev.ua(t), ip=office.addr(rng) if at
                         else net.ip(rng, t), model="lodos-3" if a.plan != "free" else "lodos-3-mini")
        ctx.finalize(a, rng)


def namesake_staff(ctx, rng, n):
    """Staff of organizations whose names look like a rival's: a dive centre, a travel agency, an elevator
    engineering firm, a caviar trader, a fish farm."""
    names = [("derinsu-dalis", "TR"), ("simurgh-travel", "TR"), ("altyn-eng", "KZ"), ("khazar-caviar", "AZ"),
             ("derinsu-su-urunleri", "TR"), ("altyn-dala", "KZ"), ("simorgh-carpets", "GB")]
    for i in range(n):
        org_id, country = names[i % len(names)]
        org = W.ORGS[org_id]
        fn, ln = C.person(rng, country)
        net = Net(rng, country, 0.4, office="office_generic_kz" if country == "KZ" else (
            "office_generic_tr" if country == "TR" else None))
        plan = rng.choice(["pro", "team", "api"])
        a = ctx.account(rng, "namesake_staff", country=country, plan=plan,
                        email=C.email(rng, country, fn, ln, org.domains[0], work=True),
                        created=ctx.created_before(rng), signup_ip=net.home, company=org.name,
                        org_id=org_id if org.listed and rng.random() < 0.5 else None, payment=pcard(rng),
                        verified=True)
        dev = Device(rng, country, 0.3)
        for t in ctx.sessions(rng, country, "office", 1.5, off=0.3):
            conversation(ctx, a, rng, t, C.lang_for(rng, country), ua=dev.ua(t), ip=net.ip(rng, t, work=True),
                         model="lodos-3", endpoint=EP_CHAT if plan == "api" else EP_APP)
        ctx.finalize(a, rng)

