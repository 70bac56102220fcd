"""Legitimate customers of Hoshi: the majority, with many groups that share things innocently."""

# Full-width punctuation (：？（）、，) is how Japanese and Chinese are written, not a typo.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import random

import text as tx
from behaviour import (
    ANTHROPIC,
    MODELS,
    OPENAI,
    UA_APP,
    UA_BROWSER,
    UA_CLI,
    UA_SCRIPT,
    UA_SDK,
    Account,
    Cloud,
    Device,
    Fixed,
    Home,
    Mobile,
    Traffic,
    home_and_phone,
    langs_for,
    local_ts,
    poisson,
    session_starts,
    think_gap,
    typing_style,
    usage,
)
from world import CLOUD, DAY, HOME, START, TZ, World, addr_in, fingerprint, person, personal_email, work_email

COUNTRIES = [("JP", 50), ("TW", 20), ("VN", 15), ("PH", 15)]


def _country(rng: random.Random, mix: list[tuple[str, int]] = COUNTRIES) -> str:
    names, weights = zip(*mix, strict=True)
    return rng.choices(names, weights)[0]


def _signup_ip(rng: random.Random, devices: list[Device]) -> str:
    place = devices[0].place
    return place.first if isinstance(place, Home) else place.ip(rng, 0)


def consumers(w: World, t: Traffic) -> None:
    """People chatting on phones and laptops: short sessions, CGNAT addresses shared with strangers."""
    for i in range(w.n(200)):
        rng = w.rng("consumer", i)
        country = _country(rng)
        given, family = person(rng, country)
        devs = home_and_phone(rng, w.pools, country, rng.uniform(0.3, 0.95))
        plan = rng.choices(["free", "pro", "max"], [70, 26, 4])[0]
        dormant = rng.random() < 0.1
        a = t.new_account(
            rng,
            persona="consumer_dormant" if dormant else "consumer",
            country=country,
            plan=plan,
            created_at=w.past(rng, 2, 700),
            email=personal_email(rng, country, given, family),
            payment_fingerprint=fingerprint(rng) if plan != "free" else None,
            signup_ip=_signup_ip(rng, devs),
            group=None,
            notes="signed up, no use this week" if dormant else "individual chat user",
        )
        if dormant:
            continue
        usage(
            t,
            a,
            rng,
            devs,
            days=w.days,
            profile="consumer",
            per_day=rng.lognormvariate(0.0, 0.8),
            langs=langs_for(rng, country),
            kinds=["life", "work", "study", "creative", "life"],
            turns=2.8,
            weekend=1.3,
            style=typing_style(rng, country),
            endpoint=ANTHROPIC,
        )


def families(w: World, t: Traffic) -> None:
    """Households: one subscription on several devices, or several accounts paid with one card."""
    for f in range(w.n(8)):
        rng = w.rng("family", f)
        country = _country(rng, [("JP", 60), ("TW", 20), ("PH", 20)])
        home = Home(rng, country)
        _, family = person(rng, country)
        card = fingerprint(rng)
        if f % 2 == 0:
            devs = [
                Device(home, rng.choice(UA_BROWSER)),
                Device(home, "HoshiApp/4.12.0 (iPad; iPadOS 18.1)"),
                Device(Mobile(rng, w.pools, country), rng.choice(UA_APP)),
                Device(Mobile(rng, w.pools, country), rng.choice(UA_APP), weight=0.5),
            ]
            g, _ = person(rng, country)
            a = t.new_account(
                rng,
                persona="family_shared_account",
                country=country,
                plan=rng.choice(["pro", "max"]),
                created_at=w.past(rng, 30, 600),
                email=personal_email(rng, country, g, family),
                payment_fingerprint=card,
                signup_ip=home.first,
                group=f"family-{f}",
                notes="one subscription used by a parent, a teenager and a tablet at home",
            )
            usage(
                t,
                a,
                rng,
                devs,
                days=w.days,
                profile="consumer",
                per_day=rng.uniform(2, 4),
                langs=langs_for(rng, country),
                kinds=["life", "study", "work", "creative"],
                turns=2.5,
                weekend=1.5,
                endpoint=ANTHROPIC,
            )
            continue
        for m in range(rng.choice([2, 2, 3])):
            g, _ = person(rng, country)
            devs = [Device(home, rng.choice(UA_BROWSER)), Device(Mobile(rng, w.pools, country), rng.choice(UA_APP))]
            a = t.new_account(
                rng,
                persona="family_card",
                country=country,
                plan="pro",
                created_at=w.past(rng, 10, 500),
                email=personal_email(rng, country, g, family),
                payment_fingerprint=card,
                signup_ip=home.first,
                group=f"family-{f}",
                notes=f"household member {m + 1}: own account, the family card, the home line",
            )
            usage(
                t,
                a,
                rng,
                devs,
                days=w.days,
                profile="consumer",
                per_day=rng.uniform(0.5, 2),
                langs=langs_for(rng, country),
                kinds=["life", "study", "work"],
                turns=2.5,
                weekend=1.4,
                endpoint=ANTHROPIC,
            )


def _side_project(t: Traffic, a: Account, rng: random.Random, place: Cloud | Home, days: int) -> None:
    """A developer's own little automation: a daily digest bot, a Discord helper, a receipt parser."""
    kind = rng.randrange(3)
    system = [
        "Summarise each article in 3 bullet points in Japanese.",
        "You are a friendly Discord bot for a small gaming community. Answer briefly.",
        "Extract merchant, date, total and tax from the receipt text as JSON.",
    ][kind]
    hour = rng.uniform(5, 8)
    for d in range(days):
        n = [rng.randint(8, 25), poisson(rng, 12), rng.randint(0, 6)][kind]
        t0 = local_ts(d, hour, TZ[a.country]) if kind != 1 else local_ts(d, rng.uniform(18, 23), TZ[a.country])
        for _ in range(n):
            p = [
                "記事: " + rng.choice(tx.ENGLISH_SENTENCES + tx._JP_SENTS) * rng.randint(2, 5),
                tx.benign_prompt(rng, rng.choice(["en", "ja"]), "life"),
                f"領収書\n{rng.choice(['セブン-イレブン', 'ローソン', 'ファミリーマート', '松屋'])}\n"
                f"2026/11/{rng.randint(1, 30)}\n"
                f"合計 ¥{rng.randint(120, 4800)}",
            ][kind]
            t.send(
                a,
                t0,
                p,
                ip=place.ip(rng, d),
                ua=rng.choice(UA_SCRIPT[:2]),
                system=system,
                model=MODELS["mini"],
                stream=False,
                out=rng.randint(60, 300),
            )
            t0 += rng.uniform(1, 4) if kind != 1 else think_gap(rng, 200)


def developers(w: World, t: Traffic) -> None:
    """Individual developers: the API from scripts and a browser, sometimes a side project in the cloud."""
    for i in range(w.n(155)):
        rng = w.rng("dev", i)
        country = _country(rng, [("JP", 45), ("TW", 20), ("VN", 20), ("PH", 15)])
        given, family = person(rng, country)
        home = Home(rng, country)
        sdk = rng.choice(UA_SDK)
        devs = [
            Device(home, sdk, rng.choice([OPENAI, ANTHROPIC]), 2),
            Device(home, rng.choice(UA_BROWSER), weight=1),
            Device(Mobile(rng, w.pools, country), rng.choice(UA_APP), weight=0.3),
        ]
        plan = rng.choices(["api", "pro", "max", "free"], [60, 25, 10, 5])[0]
        a = t.new_account(
            rng,
            persona="indie_developer",
            country=country,
            plan=plan,
            created_at=w.past(rng, 5, 900),
            email=personal_email(rng, country, given, family),
            payment_fingerprint=fingerprint(rng) if plan != "free" else None,
            signup_ip=home.first,
            declared_company=rng.choice([None, None, "freelance", "個人事業主", "self-employed"]),
            n_keys=rng.randint(1, 3),
            notes="individual developer",
        )
        usage(
            t,
            a,
            rng,
            devs,
            days=w.days,
            profile="dev",
            per_day=rng.lognormvariate(0.9, 0.8),
            langs=langs_for(rng, country),
            kinds=["code", "code", "code", "work", "study"],
            turns=3.5,
            weekend=0.8,
            style=typing_style(rng, country),
            reasoning=0.15,
            context=rng.choice([0, 400, 1500]),
        )
        if rng.random() < 0.3:
            place = (
                Cloud(rng, CLOUD[rng.choice(["aws-tokyo", "gcp-tokyo", "gcp-taiwan"])], 1)
                if rng.random() < 0.6
                else home
            )
            _side_project(t, a, rng, place, w.days)


def students(w: World, t: Traffic) -> None:
    unis = {"JP": "kanto-u", "TW": "ntcu", "VN": "hcm-tech"}
    for i in range(w.n(55)):
        rng = w.rng("student", i)
        country = _country(rng, [("JP", 40), ("TW", 25), ("VN", 20), ("PH", 15)])
        given, family = person(rng, country)
        devs = home_and_phone(rng, w.pools, country, 0.5)
        if country in unis and rng.random() < 0.7:
            devs.append(Device(Fixed(w.orgs[unis[country]].office), rng.choice(UA_BROWSER), weight=0.8))
        a = t.new_account(
            rng,
            persona="student",
            country=country,
            plan=rng.choices(["free", "pro"], [85, 15])[0],
            created_at=w.past(rng, 3, 500),
            email=personal_email(rng, country, given, family),
            signup_ip=_signup_ip(rng, devs),
            notes="student using it for study and assignments",
        )
        usage(
            t,
            a,
            rng,
            devs,
            days=w.days,
            profile="student",
            per_day=rng.lognormvariate(0.0, 0.7),
            langs=langs_for(rng, country),
            kinds=["study", "study", "code", "life"],
            turns=3,
            weekend=1.1,
            style=typing_style(rng, country),
        )


ASSIGN = {
    "kanto-u": (
        "ja",
        "【情報科学演習II 課題3】二分探索木（BST）をPythonで実装せよ。insert, delete, search, inorderを実装し、"
        "ランダムな1000個のキーで動作確認すること。提出期限：11/26（木）23:59",
        [
            "この課題のdeleteがうまくいきません。子が2つあるときどうすればいい？",
            "inorderを再帰なしで書く方法は？",
            "テストケースの作り方を教えて",
            "計算量をレポートにどう書けばいい？",
            "このエラーの意味：RecursionError: maximum recursion depth exceeded",
            "平衡木にしないと最悪O(n)になるのはなぜ？",
            "レポートの考察をもう少し深く書きたい",
        ],
    ),
    "ntcu": (
        "zh",
        "【資料結構 作業四】請實作 heap sort 與 priority queue（最小堆積），需包含 insert、extract_min、heapify，"
        "並比較與 quick sort 的執行時間。繳交期限：11/27（五）23:59",
        [
            "heapify 的時間複雜度為什麼是 O(n)？",
            "我的 extract_min 結果順序不對",
            "要怎麼量測執行時間比較公平？",
            "可以幫我看這段程式嗎\n" + tx.code_snippet(random.Random(7)),
            "報告的圖表要怎麼畫？",
            "為什麼 heap sort 不是穩定排序？",
        ],
    ),
}


def university_classes(w: World, t: Traffic) -> None:
    """A class doing the same assignment on campus NAT: one signup afternoon, one deadline, one task text."""
    for uni, size, country, start_hour, deadline_day in (("kanto-u", 42, "JP", 13.0, 3), ("ntcu", 28, "TW", 10.0, 4)):
        lang, task, follow = ASSIGN[uni]
        campus = Fixed(w.orgs[uni].office)
        crng = w.rng("class", uni)
        first_lecture = local_ts(-50, start_hour, TZ[country])
        lab_day = 2 if uni == "kanto-u" else 3  # weekly lab session, everyone in the same room
        for s in range(w.n(size)):
            rng = w.rng("class", uni, s)
            given, family = person(rng, country)
            sid = f"{'s26' if uni == 'kanto-u' else 'b113'}{crng.randint(1000, 9999)}"
            email = (
                f"{sid}@{w.orgs[uni].domains[0]}"
                if rng.random() < 0.75
                else personal_email(rng, country, given, family)
            )
            devs = [Device(campus, rng.choice(UA_BROWSER), weight=1), *home_and_phone(rng, w.pools, country, 0.3)]
            a = t.new_account(
                rng,
                persona="university_class",
                country=country,
                plan="free",
                created_at=first_lecture
                + rng.uniform(0.2, 2.5) * 3600
                + (rng.random() < 0.15) * rng.uniform(1, 10) * DAY,
                email=email,
                signup_ip=campus.ip(rng, 0),
                group=f"class-{uni}",
                notes=f"{uni} class: shared campus NAT, same assignment, deadline day {deadline_day}",
            )
            # the lab session: 90 minutes, everyone at once, from the same few addresses
            t0 = local_ts(lab_day, start_hour + rng.uniform(0, 1.0), TZ[country])
            t.chat(
                a,
                rng,
                t0,
                [task, *rng.sample(follow, rng.randint(1, 3))],
                Device(campus, devs[0].ua),
                model=MODELS["flash"],
            )
            # homework, heavier as the deadline nears
            for d in range(w.days):
                lam = {deadline_day - 2: 0.4, deadline_day - 1: 0.9, deadline_day: 1.6}.get(d, 0.15)
                for _ in range(poisson(rng, lam)):
                    hour = rng.choice([14, 16, 19, 21, 22, 23]) + rng.random()
                    dev = rng.choices(devs, [d_.weight for d_ in devs])[0]
                    prompts = [rng.choice([task, rng.choice(follow)])] + [
                        rng.choice([*follow, tx.followup(rng, lang)]) for _ in range(poisson(rng, 1.5))
                    ]
                    t.chat(a, rng, local_ts(d, hour, TZ[country]), prompts, dev, model=MODELS["flash"])
            if rng.random() < 0.5:  # their own life goes on too
                usage(
                    t,
                    a,
                    rng,
                    devs[1:],
                    days=w.days,
                    profile="student",
                    per_day=0.4,
                    langs=[lang],
                    kinds=["life", "study"],
                    turns=2,
                )


def hackathon(w: World, t: Traffic) -> None:
    """Hoshi Hack Tokyo: Saturday morning signups at one venue, a starter kit, promo credit, 30 hours of hacking."""
    venue = Fixed(w.pools.venue)
    teams = max(1, w.n(38) // 4)
    members = 0
    for team in range(teams):
        trng = w.rng("hack-team", team)
        idea = trng.choice(
            [
                "防災アプリ",
                "観光AIガイド",
                "介護記録の要約",
                "a Tagalog tutor bot",
                "地方の求人マッチング",
                "receipt splitter",
                "手話翻訳",
                "農業の病害診断",
                "a carbon footprint tracker",
                "子育て相談bot",
            ]
        )
        system = f"{tx.HACKATHON_SYSTEM} Team project: {idea}."
        for m in range(trng.choice([3, 4, 4, 5])):
            members += 1
            rng = w.rng("hacker", team, m)
            country = _country(rng, [("JP", 80), ("TW", 10), ("PH", 5), ("VN", 5)])
            given, family = person(rng, country)
            home = Home(rng, country)
            lang = "ja" if country == "JP" else "en"
            early = rng.random() < 0.2
            created = local_ts(5, 9.5, 9) + rng.uniform(0, 1.6) * 3600 - (DAY * rng.uniform(1, 6) if early else 0)
            a = t.new_account(
                rng,
                persona="hackathon_participant",
                country=country,
                plan="api",
                created_at=created,
                email=personal_email(rng, country, given, family),
                signup_ip=venue.ip(rng, 5),
                payment_fingerprint=fingerprint(rng) if rng.random() < 0.3 else None,
                group=f"hackathon-team-{team}",
                notes=f"Hoshi Hack Tokyo 2026, team project: {idea}",
            )
            a.credit = 5000
            ua = trng.choice(["hoshi-python/1.8.2", "hoshi-node/1.3.1"])
            t0 = max(created, local_ts(5, 10.5, 9)) + rng.uniform(0, 1800)
            end = local_ts(6, 17.5, 9)
            while t0 < end:
                local_h = ((t0 - START) / 3600 + 9) % 24
                if 2 <= local_h < 7 and rng.random() < 0.7:
                    t0 += rng.uniform(2, 5) * 3600  # sleep, or not
                    continue
                p = rng.choice(
                    [
                        tx.benign_prompt(rng, lang, "code"),
                        f"{idea}のUIの文言を考えて",
                        f"Test input for {idea}: " + tx.benign_prompt(rng, lang, "life"),
                        "デモ用のサンプルデータを10件作って",
                        tx.followup(rng, lang),
                    ]
                )
                t.send(
                    a,
                    t0,
                    p,
                    ip=venue.ip(rng, 5),
                    ua=ua,
                    system=system,
                    model=MODELS["flash"],
                    conv=None,
                    stream=rng.random() < 0.5,
                )
                t0 += rng.expovariate(1 / 320)
            if rng.random() < 0.4:
                usage(
                    t,
                    a,
                    rng,
                    [Device(home, ua)],
                    days=w.days,
                    profile="dev",
                    per_day=1.0,
                    langs=[lang],
                    kinds=["code"],
                    first_day=6,
                    system=system,
                )
    assert members > 0


def research_labs(w: World, t: Traffic) -> None:
    """University labs: a grant card, one evaluation script re-run on a fixed benchmark, and everyday use."""
    for lab, uni, country, size in (
        ("nlp-lab", "kanto-u", "JP", 7),
        ("ml-lab", "ntcu", "TW", 6),
        ("ai-lab", "hcm-tech", "VN", 5),
    ):
        lrng = w.rng("lab", lab)
        card = fingerprint(lrng)
        campus = Fixed(w.orgs[uni].office)
        server = Fixed([addr_in(lrng, w.orgs[uni].ip_ranges[0])])  # the lab's GPU box
        lang = {"JP": "ja", "TW": "zh", "VN": "vi"}[country]
        bench = tx.fixed_question_set(w.rng("bench", lab), 180, (lang, "en", lang))
        sys_eval = f"{lab} eval harness v2.{lrng.randint(0, 9)}: answer the question. Output only the final answer."
        accounts = []
        for m in range(w.n(size)):
            rng = w.rng("lab", lab, m)
            given, family = person(rng, country)
            a = t.new_account(
                rng,
                persona="research_lab",
                country=country,
                plan="api",
                created_at=w.past(rng, 20, 400),
                email=work_email(rng, given, family, w.orgs[uni].domains[0]),
                payment_fingerprint=card,
                signup_ip=campus.ip(rng, 0),
                declared_company=w.orgs[uni].name,
                group=f"{uni}-{lab}",
                notes="research lab: shared grant card, shared evaluation script on a fixed benchmark",
            )
            accounts.append(a)
            devs = [
                Device(campus, rng.choice(UA_SDK), weight=2),
                Device(campus, rng.choice(UA_BROWSER)),
                *home_and_phone(rng, w.pools, country, 0.3),
            ]
            usage(
                t,
                a,
                rng,
                devs,
                days=w.days,
                profile="student",
                per_day=rng.uniform(1, 3),
                langs=[lang, "en"],
                kinds=["code", "study", "work"],
                turns=3,
                reasoning=0.2,
            )
        # evaluation runs: a member launches the script; it walks the same list, again
        runs = lrng.randint(5, 9)
        for r in range(runs):
            rng = w.rng("labrun", lab, r)
            who = rng.choice(accounts)
            d = rng.randrange(w.days)
            t0 = local_ts(d, rng.uniform(10, 23), TZ[country])
            think = rng.random() < 0.4
            model = MODELS["think"] if think else rng.choice([MODELS["big"], MODELS["flash"]])
            for q in bench:
                t.send(
                    who,
                    t0,
                    q,
                    ip=server.ip(rng, d),
                    ua="python-httpx/0.27.2",
                    system=sys_eval,
                    model=model,
                    reasoning=think,
                    stream=False,
                    out=rng.randint(5, 120),
                )
                t0 += rng.uniform(0.8, 3.0)


ENTERPRISES = (
    ("marunaka", 30, "swg"),
    ("tsubame-unyu", 22, "office"),
    ("formosa-precision", 14, "both"),
    ("mekongpay", 10, "office"),
)


def enterprises(w: World, t: Traffic) -> None:
    """Employees of enterprise tenants: one SSO tenant, one proxy, office hours."""
    for oid, size, egress in ENTERPRISES:
        org = w.orgs[oid]
        places = []
        if egress in ("swg", "both"):
            places.append(Fixed(w.rng("swg-nodes", oid).sample(w.pools.swg, 5)))
        if egress in ("office", "both"):
            places.append(Fixed(org.office))
        lang = {"JP": "ja", "TW": "zh", "VN": "vi"}[org.country]
        for m in range(w.n(size)):
            rng = w.rng("emp", oid, m)
            given, family = person(rng, org.country)
            devs = [
                Device(rng.choice(places), rng.choice(UA_BROWSER), ANTHROPIC, 3),
                Device(places[0], "HoshiApp/4.12.0 (iPhone; iOS 18.1.1)", ANTHROPIC, 0.5),
            ]
            if rng.random() < 0.3:
                devs.append(Device(places[-1], rng.choice(UA_SDK), OPENAI, 1))
            a = t.new_account(
                rng,
                persona="enterprise_employee",
                country=org.country,
                plan="enterprise",
                created_at=w.past(rng, 15, 300),
                email=work_email(rng, given, family, org.domains[0]),
                org_id=oid,
                sso_tenant=org.sso[0],
                signup_ip=devs[0].place.ip(rng, 0),
                declared_company=org.name,
                label_org=oid,
                group=oid,
                notes=f"{org.name}: SSO tenant and corporate egress shared by all employees",
            )
            usage(
                t,
                a,
                rng,
                devs,
                days=w.days,
                profile="office",
                per_day=rng.lognormvariate(1.0, 0.6),
                langs=[lang, lang, "en"],
                kinds=["work", "work", "code", "study"],
                turns=3,
                weekend=0.08,
                style=typing_style(rng, org.country),
            )


def platform_users(w: World, t: Traffic) -> None:
    """Developers who bring their own Hoshi key to a coding IDE or an agent framework (relayed)."""
    companies = [
        None,
        None,
        None,
        None,
        "mochilabs.jp",
        "kaizen-soft.jp",
        "rakuraku-sys.co.jp",
        "hanoi-soft.vn",
        "tpe-fintech.tw",
        "cebu-outsource.ph",
        "formosa-precision.com.tw",
        "marunaka-shoji.co.jp",
    ]
    for i in range(w.n(85)):
        rng = w.rng("puser", i)
        plat = "kodama" if i % 7 < 5 else "agentforge"
        country = _country(rng)
        given, family = person(rng, country)
        home = Home(rng, country)
        domain = rng.choice(companies)
        email = work_email(rng, given, family, domain) if domain else personal_email(rng, country, given, family)
        a = t.new_account(
            rng,
            persona=f"platform_user_{plat}",
            country=country,
            plan="api",
            created_at=w.past(rng, 3, 400),
            email=email,
            payment_fingerprint=fingerprint(rng),
            signup_ip=home.first,
            notes=f"brings own key to {plat}; relayed from the platform's addresses",
        )
        relay = Fixed(w.pools.relays[plat])
        eu = f"{'kdm' if plat == 'kodama' else 'af'}_u_{rng.getrandbits(40):010x}"
        org = email.split("@")[1] if rng.random() < 0.85 else None
        lang = langs_for(rng, country)
        ua = "KodamaIDE-Relay/3.2.1" if plat == "kodama" else "AgentForge/1.4.0 (+https://agentforge.ai)"
        system = tx.KODAMA_SYSTEM if plat == "kodama" else tx.AGENTFORGE_SYSTEM
        per_day = rng.lognormvariate(0.9, 0.7)
        for day, ts in session_starts(rng, country, "dev", per_day, w.days, 0.6):
            conv = t.conv_id()
            n = 1 + poisson(rng, 4 if plat == "kodama" else 8)
            for k in range(n):
                p = (
                    tx.workspace_context(rng) + tx.benign_prompt(rng, rng.choice(lang), "code")
                    if plat == "kodama"
                    else tx.benign_prompt(rng, rng.choice(lang), rng.choice(["code", "work"]))
                    if k == 0
                    else "Tool result (python.exec): "
                    + rng.choice(["OK", "Traceback ... " + rng.choice(tx.ERRORS), "[3 rows]"])
                )
                t.send(
                    a,
                    ts,
                    p,
                    ip=relay.ip(rng, day),
                    ua=ua,
                    system=system,
                    model=MODELS["big"],
                    conv=conv,
                    turn=k + 1,
                    channel="platform",
                    platform=plat,
                    end_user_id=eu,
                    end_user_org=org,
                    endpoint=ANTHROPIC,
                    context=rng.randint(800, 6000),
                )
                ts += think_gap(rng, 45 if plat == "kodama" else 8)
        if rng.random() < 0.3:  # some also call the API directly from home
            usage(
                t,
                a,
                rng,
                [Device(home, rng.choice(UA_SDK))],
                days=w.days,
                profile="dev",
                per_day=0.5,
                langs=lang,
                kinds=["code"],
            )


def platform_pools(w: World, t: Traffic) -> None:
    """The platforms' own keys: free-tier end users relayed under one account, some from rival labs' domains."""
    for plat, n_users, per_user in (("kodama", 320, 2.2), ("agentforge", 160, 3.0)):
        rng = w.rng("pool", plat)
        org = w.orgs[plat]
        a = t.new_account(
            rng,
            persona="platform_pooled",
            country="JP",
            plan="enterprise",
            created_at=w.past(rng, 200, 500),
            email=f"api-admin@{org.domains[0]}",
            org_id=plat,
            payment_fingerprint=org.cards[0],
            signup_ip=org.office[0],
            declared_company=org.name,
            n_keys=3,
            group=plat,
            notes=f"{org.name}'s own key for its free tier: many end users, including a few from "
            f"restricted labs' domains (attested per request, not the platform's affiliation)",
        )
        relay = Fixed(org.office)
        users = []
        for _ in range(n_users):
            country = _country(rng)
            dom = rng.choices(
                [
                    "gmail.com",
                    "yahoo.co.jp",
                    "outlook.com",
                    "icloud.com",
                    "kirin-ai.com",
                    "tsubame-labs.jp",
                    "example-startup.jp",
                    "nttdata-like.co.jp",
                    None,
                ],
                [40, 12, 8, 6, 0.7, 0.7, 8, 6, 10],
            )[0]
            users.append((f"{plat[:3]}_free_{rng.getrandbits(36):09x}", dom, country, rng.lognormvariate(0, 0.9)))
        system = tx.KODAMA_SYSTEM if plat == "kodama" else tx.AGENTFORGE_SYSTEM
        for uid, dom, country, act in users:
            for day, ts in session_starts(rng, country, "dev", per_user * act / 7 * 3, w.days, 0.7):
                conv = t.conv_id()
                for k in range(1 + poisson(rng, 2)):
                    lang = langs_for(rng, country)[0]
                    t.send(
                        a,
                        ts,
                        tx.benign_prompt(rng, lang, "code"),
                        ip=relay.ip(rng, day),
                        ua=f"{org.name.replace(' ', '')}-Relay/3.2.1",
                        system=system,
                        model=MODELS["flash"],
                        conv=conv,
                        turn=k + 1,
                        channel="platform",
                        platform=plat,
                        end_user_id=uid,
                        end_user_org=dom,
                        key=a.keys[k % 3],
                        context=rng.randint(300, 3000),
                    )
                    ts += think_gap(rng, 40)


def translation_agencies(w: World, t: Traffic) -> None:
    """Batch translation from a CAT tool: documents cut into numbered segments, sent back to back."""
    for oid, pairs in (
        ("kotoba-honyaku", [("ja", "en"), ("en", "ja"), ("zh", "ja")]),
        ("lingua-asia", [("zh", "en"), ("en", "zh"), ("ja", "zh")]),
    ):
        org = w.orgs[oid]
        worker = Cloud(w.rng("tm-cloud", oid), CLOUD["aws-tokyo"], 2)
        for m in range(w.n(3)):
            rng = w.rng("trans", oid, m)
            given, family = person(rng, org.country)
            a = t.new_account(
                rng,
                persona="translation_agency",
                country=org.country,
                plan="api",
                created_at=w.past(rng, 60, 800),
                email=work_email(rng, given, family, org.domains[0]),
                payment_fingerprint=org.cards[0],
                signup_ip=org.office[0],
                declared_company=org.name,
                group=oid,
                n_keys=2,
                notes="translation agency: heavy batch translation of client documents",
            )
            place = Fixed(org.office) if m else worker
            for d in range(w.days):
                if d % 7 >= 5 and rng.random() < 0.7:
                    continue
                for _ in range(poisson(rng, 3.0)):
                    src, tgt = rng.choice(pairs)
                    system, segs = tx.translation_job(rng, src, tgt, rng.randint(40, 260))
                    ts = local_ts(d, rng.uniform(9, 19), TZ[org.country])
                    job = rng.getrandbits(24)
                    for k, seg in enumerate(segs):
                        t.send(
                            a,
                            ts,
                            f"[job {job:06x} seg {k + 1}/{len(segs)}]\n{seg}",
                            ip=place.ip(rng, d),
                            ua="TransFlow-CAT/5.2 (hoshi-mt-connector)",
                            system=system,
                            model=MODELS["big"],
                            stream=False,
                            out=int(len(seg) * 0.9) + 20,
                            key=a.keys[k % 2],
                        )
                        ts += rng.uniform(0.6, 2.5)


def support_bots(w: World, t: Traffic) -> None:
    """Customer-support assistants: huge legitimate volume from a cloud, one product system prompt."""
    for oid, convs_per_day, cloud in (
        ("sakura-denryoku", 520, "aws-tokyo"),
        ("islaconnect", 480, "aws-tokyo"),
        ("shopbeo", 380, "gcp-taiwan"),
    ):
        org = w.orgs[oid]
        lang, system, _ = tx.SUPPORT[oid]
        egress = Cloud(w.rng("bot-cloud", oid), CLOUD[cloud], 3)
        for env in ["prod", "staging"] if oid != "shopbeo" else ["prod"]:
            rng = w.rng("bot", oid, env)
            a = t.new_account(
                rng,
                persona="support_bot",
                country=org.country,
                plan="api",
                created_at=w.past(rng, 90, 700),
                email=f"ai-platform+{env}@{org.domains[0]}",
                payment_fingerprint=org.cards[0],
                signup_ip=egress.addrs[0],
                declared_company=org.name,
                group=oid,
                n_keys=2,
                notes=f"customer-support assistant ({env})",
            )
            if env == "staging":  # a regression suite on deploys: the same test questions each time
                suite = [tx.support_question(w.rng("suite", oid, k), oid) for k in range(60)]
                for d in range(w.days):
                    for _ in range(rng.choice([0, 1, 1, 2])):
                        ts = local_ts(d, rng.uniform(10, 19), TZ[org.country])
                        for q in suite:
                            t.send(
                                a,
                                ts,
                                q,
                                ip=egress.ip(rng, d),
                                ua="pytest/8.3 hoshi-python/1.8.2",
                                system=system,
                                model=MODELS["flash"],
                                stream=False,
                                key=a.keys[1],
                            )
                            ts += rng.uniform(0.5, 2)
                continue
            for d in range(w.days):
                for _ in range(poisson(rng, convs_per_day * (1.15 if d % 7 >= 5 else 1.0))):
                    ts = local_ts(d, 0, TZ[org.country]) + 3600 * _support_hour(rng)
                    conv = t.conv_id()
                    turns = [tx.support_question(rng, oid)] + [
                        rng.choice(tx.SUPPORT_FOLLOW[lang]).format(no=rng.randint(10**7, 10**8 - 1))
                        for _ in range(poisson(rng, 1.4))
                    ]
                    for k, p in enumerate(turns):
                        t.send(
                            a,
                            ts,
                            p,
                            ip=egress.ip(rng, d),
                            ua="hoshi-python/1.8.2",
                            system=system,
                            model=MODELS["flash"],
                            conv=conv,
                            turn=k + 1,
                            out=rng.randint(60, 400),
                        )
                        ts += think_gap(rng, 35)


def _support_hour(rng: random.Random) -> float:
    from behaviour import pick_hour

    return pick_hour(rng, "support")


def labelling_vendor(w: World, t: Traffic) -> None:
    """A BPO annotation team in Manila: model-assisted labelling for its clients, two shifts."""
    org = w.orgs["manila-annotate"]
    office = Fixed(org.office)
    for m in range(w.n(8)):
        rng = w.rng("annot", m)
        given, family = person(rng, "PH")
        a = t.new_account(
            rng,
            persona="labelling_vendor",
            country="PH",
            plan="team",
            created_at=w.past(rng, 30, 365),
            email=work_email(rng, given, family, org.domains[0]),
            org_id=org.org_id,
            sso_tenant=org.sso[0],
            payment_fingerprint=org.cards[0],
            signup_ip=org.office[0],
            declared_company=org.name,
            label_org=org.org_id,
            group=org.org_id,
            notes="data-labelling vendor: legitimate model-assisted annotation for clients",
        )
        task = rng.choice(["sentiment", "ner", "moderation"])
        shift = 8 if m % 2 == 0 else 20  # day shift / night shift (US clients)
        for d in range(w.days):
            if d % 7 == 6 or (d % 7 == 5 and rng.random() < 0.5):
                continue
            ts = local_ts(d, shift + rng.uniform(0, 0.5), 8)
            end = ts + 8.5 * 3600
            while ts < end:
                system, item = tx.annotation_item(rng, task)
                t.send(
                    a,
                    ts,
                    item,
                    ip=office.ip(rng, d),
                    ua="LabelDesk/2.8 (hoshi-assist)",
                    system=system,
                    model=MODELS["mini"],
                    stream=False,
                    out=rng.randint(30, 150),
                )
                ts += rng.lognormvariate(3.7, 0.6)  # the annotator reads the suggestion and decides
                if rng.random() < 0.01:
                    ts += 3600  # lunch


def eval_startups(w: World, t: Traffic) -> None:
    """LLM evaluation companies: nightly grids over a fixed, re-used question set."""
    for oid, n_q, cloud, configs in (("benchwise", 300, "aws-tokyo", 4), ("evalkit", 240, "gcp-taiwan", 3)):
        org = w.orgs[oid]
        erng = w.rng("evalset", oid)
        qset = tx.fixed_question_set(erng, n_q, ("ja", "en", "zh", "vi", "tl"))
        egress = Cloud(erng, CLOUD[cloud], 2)
        accts = []
        for m in range(w.n(3)):
            rng = w.rng("evalco", oid, m)
            given, family = person(rng, org.country)
            a = t.new_account(
                rng,
                persona="eval_startup",
                country=org.country,
                plan="api",
                created_at=w.past(rng, 60, 500),
                email=work_email(rng, given, family, org.domains[0]),
                payment_fingerprint=org.cards[0],
                signup_ip=egress.addrs[0],
                declared_company=org.name,
                group=oid,
                n_keys=2,
                notes="LLM-evaluation startup: the same question set, re-run per model and setting",
            )
            accts.append(a)
            usage(
                t,
                a,
                rng,
                home_and_phone(rng, w.pools, org.country, 0.2),
                days=w.days,
                profile="office",
                per_day=1.5,
                langs=["en", "ja" if org.country == "JP" else "zh"],
                kinds=["code", "work"],
                turns=3,
                weekend=0.3,
            )
        runner = accts[0]
        for d in range(w.days):
            rng = w.rng("evalrun", oid, d)
            for c in range(configs if rng.random() < 0.85 else 0):
                think = c % 2 == 1
                ts = local_ts(d, 1 + c * 0.8 + rng.uniform(0, 0.2), TZ[org.country])
                for q in qset:
                    t.send(
                        runner,
                        ts,
                        q,
                        ip=egress.ip(rng, d),
                        ua="hoshi-evalkit/0.7 python-httpx/0.27.2",
                        system=None if c < 2 else "Answer concisely.",
                        model=MODELS["think"] if think else MODELS["big"],
                        reasoning=think,
                        stream=False,
                        out=rng.randint(10, 400),
                        key=runner.keys[c % 2],
                    )
                    ts += rng.uniform(0.15, 0.9)
            if rng.random() < 0.4:  # an engineer re-runs a slice by hand after a change
                who = rng.choice(accts)
                ts = local_ts(d, rng.uniform(11, 18), TZ[org.country])
                for q in qset[: rng.randint(30, 120)]:
                    t.send(who, ts, q, ip=egress.ip(rng, d), ua="hoshi-python/1.8.2", model=MODELS["big"], stream=False)
                    ts += rng.uniform(0.5, 2)


GOODS_JA = ["猫用爪とぎ", "北欧風マグカップ", "今治タオル", "抹茶ラテ", "帆布トートバッグ"]
GOODS_VI = ["áo thun cotton", "túi vải", "cà phê rang xay"]
TOOL_RESULTS = ["exit code 0", "file written", "12 tests passed, 1 failed"]


def merchants(w: World, t: Traffic) -> None:
    """Online shops writing copy for their own catalogue: sequential SKUs, but the facts come from them."""
    for m in range(w.n(3)):
        rng = w.rng("merchant", m)
        country = "JP" if m != 2 else "VN"
        given, family = person(rng, country)
        home = Home(rng, country)
        org = w.orgs["nekoshop"] if m == 0 else None
        a = t.new_account(
            rng,
            persona="ec_merchant",
            country=country,
            plan="api",
            created_at=w.past(rng, 20, 300),
            email=work_email(rng, given, family, org.domains[0])
            if org
            else personal_email(rng, country, given, family),
            payment_fingerprint=fingerprint(rng),
            signup_ip=home.first,
            declared_company=org.name if org else None,
            notes="writes product copy for its own SKUs",
        )
        prefix = rng.choice(["NK", "MS", "SHP"])
        start = rng.randint(100, 900)
        items = rng.randint(400, 1400)
        for k in range(items):
            d = min(w.days - 1, k * w.days // items)
            ts = local_ts(d, rng.uniform(9, 22), TZ[country])
            sku = f"{prefix}-{start + k:05d}"
            p = (
                (
                    "以下の商品情報から、EC用の商品説明文（200字）とキャッ"
                    f"チコピーを作成してください。\n商品番号: {sku}\n"
                    f"商品名: {rng.choice(GOODS_JA)}"
                    f" {rng.choice(['S', 'M', 'L', 'ナチュラル', 'グレー'])}\n素材"
                    f": {rng.choice(['綿100%', '陶器', '段ボール', 'ポリエステル'])}\n"
                    f"価格: {rng.randint(5, 80) * 100}円"
                )
                if country == "JP"
                else (
                    f"Viết mô tả sản phẩm (150 từ) cho mã {sku}: {rng.choice(GOODS_VI)},"
                    " "
                    f"giá {rng.randint(50, 900)}.000đ, màu {rng.choice(['đen', 'trắng', 'be'])}"
                )
            )
            t.send(
                a,
                ts,
                p,
                ip=home.ip(rng, d),
                ua=rng.choice(["python-requests/2.32.3", "GoogleAppsScript"]),
                model=MODELS["flash"],
                stream=False,
                out=rng.randint(200, 450),
            )


def former_rival_staff(w: World, t: Traffic) -> None:
    """People who once worked at a restricted lab: old signup there, personal accounts, other jobs now."""
    rivals = ["kirin-ai", "tsubame-labs", "songhong-ai"]
    for i in range(w.n(6)):
        rng = w.rng("former", i)
        rival = w.orgs[rivals[i % 3]]
        country = rival.country
        given, family = person(rng, country)
        stale = rng.random() < 0.4
        a = t.new_account(
            rng,
            persona="former_rival_employee",
            country=country,
            plan=rng.choice(["pro", "api"]),
            created_at=w.past(rng, 400, 800),
            email=personal_email(rng, country, given, family),
            payment_fingerprint=fingerprint(rng),
            signup_ip=rng.choice(rival.office),
            declared_company=rival.name if stale else rng.choice([None, "freelance"]),
            notes=f"left {rival.org_id} over a year ago; signed up from its office back then"
            + ("; declared company never updated" if stale else ""),
        )
        usage(
            t,
            a,
            rng,
            home_and_phone(rng, w.pools, country, 0.3),
            days=w.days,
            profile="dev",
            per_day=rng.lognormvariate(0.5, 0.6),
            langs=langs_for(rng, country),
            kinds=["code", "work", "life"],
            turns=3,
        )


def coworking(w: World, t: Traffic) -> None:
    """Freelancers and small startups on the coworking floor that a rival lab also rents desks on."""
    floor = Fixed(w.pools.coworking)
    for i in range(w.n(18)):
        rng = w.rng("cowork", i)
        given, family = person(rng, "JP")
        home = Home(rng, "JP")
        plan = rng.choice(["api", "pro", "max", "free"])
        a = t.new_account(
            rng,
            persona="coworking_member",
            country="JP",
            plan=plan,
            created_at=w.past(rng, 10, 500),
            email=personal_email(rng, "JP", given, family),
            payment_fingerprint=fingerprint(rng) if plan != "free" else None,
            signup_ip=floor.ip(rng, 0) if rng.random() < 0.5 else home.first,
            notes="works from Shibuya Hive coworking on weekdays",
        )
        usage(
            t,
            a,
            rng,
            [Device(floor, rng.choice(UA_BROWSER + UA_SDK), weight=2), Device(home, rng.choice(UA_BROWSER))],
            days=w.days,
            profile="office",
            per_day=rng.lognormvariate(0.8, 0.6),
            langs=["ja", "ja", "en"],
            kinds=["code", "work", "work"],
            turns=3,
            weekend=0.3,
        )


def vpn_users(w: World, t: Traffic) -> None:
    """Privacy-minded people behind a commercial VPN whose exits are shared with thousands."""
    vpn = Fixed(w.pools.vpn)
    for i in range(w.n(18)):
        rng = w.rng("vpn", i)
        country = _country(rng, [("JP", 40), ("TW", 20), ("VN", 30), ("PH", 10)])
        given, family = person(rng, country)
        devs = [Device(vpn, rng.choice(UA_BROWSER), weight=3), *home_and_phone(rng, w.pools, country, 0.5)]
        plan = rng.choice(["free", "pro", "api"])
        a = t.new_account(
            rng,
            persona="vpn_user",
            country=country,
            plan=plan,
            created_at=w.past(rng, 10, 600),
            email=personal_email(rng, country, given, family),
            payment_fingerprint=fingerprint(rng) if plan != "free" else None,
            signup_ip=vpn.ip(rng, 0),
            notes="uses a commercial VPN most of the time",
        )
        usage(
            t,
            a,
            rng,
            devs,
            days=w.days,
            profile="consumer",
            per_day=rng.lognormvariate(0.3, 0.7),
            langs=langs_for(rng, country),
            kinds=["life", "work", "code"],
            turns=2.5,
        )


def cafe_users(w: World, t: Traffic) -> None:
    """Manga kissa / internet café booths: strangers on the same few addresses, one after another."""
    cafe = Fixed(w.pools.kissa)
    for i in range(w.n(14)):
        rng = w.rng("kissa", i)
        given, family = person(rng, "JP")
        a = t.new_account(
            rng,
            persona="internet_cafe_user",
            country="JP",
            plan="free",
            created_at=w.past(rng, 1, 300),
            email=personal_email(rng, "JP", given, family),
            signup_ip=cafe.ip(rng, 0),
            notes="uses a manga kissa booth PC; sometimes lives there",
        )
        usage(
            t,
            a,
            rng,
            [
                Device(cafe, rng.choice(UA_BROWSER[:2]), weight=3),
                Device(Mobile(rng, w.pools, "JP"), rng.choice(UA_APP)),
            ],
            days=w.days,
            profile="student",
            per_day=rng.uniform(0.3, 1.5),
            langs=["ja"],
            kinds=["life", "work", "study"],
            turns=2.5,
            style=typing_style(rng, "JP"),
        )


def startup_teams(w: World, t: Traffic) -> None:
    """Small companies: one card, one office line, one domain, and their product's backend."""
    for oid in ("mochi-labs", "saigon-stack", "bayanihan-dev"):
        org = w.orgs[oid]
        srng = w.rng("startup", oid)
        office = Fixed([addr_in(srng, srng.choice(HOME[org.country])[1][0]) for _ in range(2)])
        backend = Cloud(srng, CLOUD[srng.choice(["aws-tokyo", "gcp-tokyo", "sg-vps"])], 2)
        lang = {"JP": "ja", "VN": "vi", "PH": "tl"}[org.country]
        product_system = f"You are the in-app assistant of {org.name}'s product. Be concise and friendly."
        for m in range(w.n(4)):
            rng = w.rng("startup", oid, m)
            given, family = person(rng, org.country)
            a = t.new_account(
                rng,
                persona="startup_team",
                country=org.country,
                plan="team",
                created_at=w.past(rng, 5, 400),
                email=work_email(rng, given, family, org.domains[0]),
                org_id=oid,
                payment_fingerprint=org.cards[0],
                signup_ip=office.ip(rng, 0),
                declared_company=org.name,
                label_org=oid,
                group=oid,
                notes="startup team member: shared company card, office line, domain",
            )
            usage(
                t,
                a,
                rng,
                [
                    Device(office, rng.choice(UA_SDK), weight=2),
                    Device(office, rng.choice(UA_BROWSER)),
                    *home_and_phone(rng, w.pools, org.country, 0.3),
                ],
                days=w.days,
                profile="dev",
                per_day=rng.lognormvariate(0.8, 0.5),
                langs=[lang, "en"],
                kinds=["code", "code", "work"],
                turns=3.5,
                reasoning=0.1,
            )
            if m == 0:  # the product's backend, under the CTO's account
                usage(
                    t,
                    a,
                    rng,
                    [Device(backend, "hoshi-node/1.3.1")],
                    days=w.days,
                    profile="consumer",
                    per_day=30,
                    langs=[lang, "en"],
                    kinds=["life", "work"],
                    turns=1.5,
                    system=product_system,
                    models=(("mini", 1),),
                )


def power_users(w: World, t: Traffic) -> None:
    """Heavy consumer-plan users running the official coding CLI: long agentic loops, big contexts."""
    for i in range(w.n(20)):
        rng = w.rng("power", i)
        country = _country(rng, [("JP", 60), ("TW", 20), ("VN", 10), ("PH", 10)])
        given, family = person(rng, country)
        home = Home(rng, country)
        plan = rng.choice(["max", "max", "pro"])
        a = t.new_account(
            rng,
            persona="agentic_power_user",
            country=country,
            plan=plan,
            created_at=w.past(rng, 20, 400),
            email=personal_email(rng, country, given, family),
            payment_fingerprint=fingerprint(rng),
            signup_ip=home.first,
            notes="official CLI agent on a consumer plan, as the plan intends",
        )
        ua = rng.choice(UA_CLI)
        lang = langs_for(rng, country)
        for day, ts in session_starts(rng, country, "dev", rng.uniform(1.0, 2.5), w.days, 0.7):
            conv = t.conv_id()
            for k in range(rng.randint(8, 70)):
                p = (
                    tx.benign_prompt(rng, rng.choice(lang), "code")
                    if k == 0 or rng.random() < 0.1
                    else "<tool_result>"
                    + rng.choice([*TOOL_RESULTS, "exit code 1: " + rng.choice(tx.ERRORS)])
                    + "</tool_result>"
                )
                t.send(
                    a,
                    ts,
                    p,
                    ip=home.ip(rng, day),
                    ua=ua,
                    endpoint=ANTHROPIC,
                    system=tx.CLI_SYSTEM,
                    model=MODELS["big"],
                    conv=conv,
                    turn=k + 1,
                    reasoning=rng.random() < 0.35,
                    context=rng.randint(8000, 60000),
                )
                ts += rng.lognormvariate(2.3, 0.9)


ALL = (
    consumers,
    families,
    developers,
    students,
    university_classes,
    hackathon,
    research_labs,
    enterprises,
    platform_users,
    platform_pools,
    translation_agencies,
    support_bots,
    labelling_vendor,
    eval_startups,
    merchants,
    former_rival_staff,
    coworking,
    vpn_users,
    cafe_users,
    startup_teams,
    power_users,
)
