"""Abuse of Hoshi, as it is done: harvesting, scraping, tier abuse, networks and hidden competitors.

Each actor draws its own carefulness around --careful: careless actors use one datacenter address,
fixed templates, round-the-clock cadence and one card; careful ones paraphrase, follow a human day,
rotate residential addresses, spread the load thin, and tie themselves to their principal weakly.
"""

# Full-width punctuation (：？（）、，) is how Japanese and Chinese are written, not a typo.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import math
import random

import text as tx
from behaviour import (
    ANTHROPIC,
    MODELS,
    OPENAI,
    UA_APP,
    UA_BROWSER,
    UA_SCRIPT,
    UA_SDK,
    Account,
    Cloud,
    Device,
    Fixed,
    Home,
    Mobile,
    Place,
    Rotating,
    Traffic,
    browser_or_app,
    langs_for,
    local_ts,
    pick_hour,
    poisson,
    think_gap,
    usage,
)
from world import CLOUD, DAY, DISPOSABLE, START, TZ, World, addr_in, fingerprint, person, personal_email, work_email

REGION = ["JP", "TW", "VN", "PH"]


def paced(
    rng: random.Random,
    country: str,
    per_day: float,
    days: int,
    care: float,
    first_day: int = 0,
    last_day: int | None = None,
    profile: str = "dev",
) -> list[float]:
    """When an automated harvester sends: a metronome when careless, a human-looking day when careful."""
    end_day = days if last_day is None else min(days, last_day + 1)
    out: list[float] = []
    if rng.random() > care:
        gap = DAY / max(per_day, 0.1)
        t = START + first_day * DAY + rng.uniform(0, gap)
        while t < START + end_day * DAY:
            out.append(t)
            t += gap * rng.uniform(0.85, 1.15)
        return out
    tz = TZ.get(country, 8)
    burst_mean = 6 + 20 * (1 - care)
    for d in range(first_day, end_day):
        todo = poisson(rng, per_day * rng.uniform(0.6, 1.3))
        while todo > 0:
            n = min(todo, 1 + poisson(rng, burst_mean))
            t = local_ts(d, pick_hour(rng, profile), tz)
            for _ in range(n):
                out.append(t)
                t += rng.lognormvariate(math.log(15 + 70 * care), 0.8)
            todo -= n
    return sorted(out)


def _label(
    a: Account,
    cats: list[str],
    care: float,
    notes: str,
    *,
    group: str | None = None,
    network: str | None = None,
    org: str | None = None,
) -> None:
    a.categories = cats
    a.careful = care
    a.notes = notes
    a.group = group or network
    a.network_id = network
    a.label_org = org


def _egress(rng: random.Random, care: float, countries: list[str]) -> Place:
    """Careless: a VPS; middling: a VPN or a cloud; careful: residential proxies."""
    x = rng.random()
    if x > care:
        return Cloud(rng, CLOUD[rng.choice(["hk-vps", "aws-tokyo", "sg-vps", "gcp-taiwan"])], rng.randint(1, 3))
    if x > care * 0.5:
        return Home(rng, rng.choice(countries))
    return Rotating(countries)


def _ua(rng: random.Random, care: float) -> str:
    return rng.choice(UA_SCRIPT) if rng.random() > care else rng.choice(UA_SDK + UA_BROWSER[:2])


def _throwaway_email(rng: random.Random, care: float, country: str, stem: str, k: int) -> str:
    if rng.random() > care:
        return rng.choice(
            [f"{stem}{k:03d}@{rng.choice(DISPOSABLE)}", f"{stem}+{k}@gmail.com", f"{stem}.{k}@{rng.choice(DISPOSABLE)}"]
        )
    g, f = person(rng, country)
    return personal_email(rng, country, g, f)


# ---------------------------------------------------------------- distillation


def distillers(w: World, t: Traffic) -> None:
    """Single accounts harvesting reasoning traces directly, from low-and-slow to firehose."""
    for i in range(w.n(5)):
        rng = w.rng("distiller", i)
        care = w.care(rng)
        country = rng.choice(["TW", "HK", "SG", "VN", "JP"])
        home_c = country if country in REGION else "TW"
        g, f = person(rng, home_c)
        place = _egress(rng, care, [home_c])
        a = t.new_account(
            rng,
            persona="distiller_direct",
            country=country,
            plan="api",
            created_at=w.past(rng, 3, 120),
            email=personal_email(rng, home_c, g, f)
            if rng.random() < 0.7
            else f"{g}@{rng.choice(['nova-ml.io', 'deepquill.ai', 'sgdata.co'])}",
            payment_fingerprint=fingerprint(rng),
            signup_ip=place.ip(rng, 0),
            declared_company=rng.choice([None, "AI research", "education startup"]),
            n_keys=rng.randint(1, 4),
        )
        _label(
            a,
            ["distillation"],
            care,
            "harvests reasoning traces for training data; "
            + ("firehose" if care < 0.4 else "paced like a person, paraphrased, mixed with cover"),
        )
        per_day = 700 * (1 - care) + 150
        langs = ["en", "en", "ja", "zh", "vi"] if care > 0.5 else ["en"]
        system = rng.choice(tx.DISTILL_SYSTEMS)
        ua = _ua(rng, care)
        for ts in paced(rng, country, per_day, w.days, care):
            d = int((ts - START) // DAY)
            if rng.random() < 0.25 * care:  # cover traffic
                t.send(
                    a,
                    ts,
                    tx.benign_prompt(rng, rng.choice(langs), rng.choice(["code", "work"])),
                    ip=place.ip(rng, d),
                    ua=ua,
                    model=MODELS["flash"],
                )
                continue
            lang = rng.choice(langs)
            think = rng.random() < 0.95 - 0.35 * care
            t.send(
                a,
                ts,
                tx.distill_prompt(rng, lang, care),
                ip=place.ip(rng, d),
                ua=ua,
                system=(system if rng.random() > care else rng.choice([None, *tx.DISTILL_SYSTEMS])),
                model=MODELS["think"] if think else MODELS["big"],
                reasoning=think,
                stream=False,
                out=int(rng.lognormvariate(math.log(1200), 0.5)),
                key=rng.choice(a.keys),
            )


def platform_distillers(w: World, t: Traffic) -> None:
    """Harvesting through an agent platform with their own keys: the relay hides their address."""
    for i in range(w.n(5)):
        rng = w.rng("pdistiller", i)
        care = w.care(rng)
        country = rng.choice(REGION)
        g, f = person(rng, country)
        plat = "agentforge" if i % 2 == 0 else "kodama"
        home = Home(rng, country)
        a = t.new_account(
            rng,
            persona="distiller_via_platform",
            country=country,
            plan="api",
            created_at=w.past(rng, 2, 60),
            email=personal_email(rng, country, g, f),
            payment_fingerprint=fingerprint(rng),
            signup_ip=home.first,
        )
        _label(a, ["distillation"], care, f"harvests reasoning traces through {plat} with a BYO key")
        relay = Fixed(w.pools.relays[plat])
        eu = f"{'af' if plat == 'agentforge' else 'kdm'}_u_{rng.getrandbits(40):010x}"
        org = None if rng.random() < 0.6 else a.email.split("@")[1]
        system = tx.AGENTFORGE_SYSTEM if plat == "agentforge" else tx.KODAMA_SYSTEM
        ua = "AgentForge/1.4.0 (+https://agentforge.ai)" if plat == "agentforge" else "KodamaIDE-Relay/3.2.1"
        langs = ["en", "ja", "zh"] if care > 0.4 else ["en"]
        for ts in paced(rng, country, 500 * (1 - care) + 120, w.days, care):
            d = int((ts - START) // DAY)
            think = rng.random() < 0.9 - 0.3 * care
            t.send(
                a,
                ts,
                tx.distill_prompt(rng, rng.choice(langs), care),
                ip=relay.ip(rng, d),
                ua=ua,
                system=system,
                model=MODELS["think"] if think else MODELS["big"],
                reasoning=think,
                channel="platform",
                platform=plat,
                end_user_id=eu,
                end_user_org=org,
                endpoint=ANTHROPIC,
                out=int(rng.lognormvariate(math.log(1100), 0.5)),
            )


def _network_accounts(
    w: World,
    t: Traffic,
    rng: random.Random,
    *,
    name: str,
    persona: str,
    size: int,
    care: float,
    plan: str,
    cats: list[str],
    stem: str,
    countries: list[str],
    notes: str,
    org: str | None = None,
    signup_day: float = -20,
    cards: int | None = None,
) -> list[tuple[Account, Place, str]]:
    """Accounts one operator controls: signups bunched or spread, cards shared or distinct, egress."""
    members = []
    n_cards = cards if cards is not None else max(1, round(size * care * 0.8))
    pool_cards = [fingerprint(rng) for _ in range(n_cards)]
    shared_place = _egress(rng, care, countries)
    spread = 0.05 + 25 * care  # days over which the accounts were created
    for k in range(size):
        country = rng.choice(countries)
        place = shared_place if rng.random() > care else _egress(rng, care, countries)
        created = (
            START + signup_day * DAY - rng.uniform(0, spread) * DAY
            if signup_day < 0
            else START + signup_day * DAY + rng.uniform(0, min(spread, 2)) * DAY
        )
        card = None if plan == "free" else rng.choice(pool_cards) if rng.random() > care * 0.5 else fingerprint(rng)
        a = t.new_account(
            rng,
            persona=persona,
            country=country,
            plan=plan,
            created_at=created,
            email=_throwaway_email(rng, care, country, stem, k),
            payment_fingerprint=card,
            signup_ip=place.ip(rng, 0),
        )
        _label(a, cats, care, notes, network=name, org=org)
        members.append((a, place, _ua(rng, care) if k == 0 or rng.random() < care else members[0][2]))
    return members


def distill_network(w: World, t: Traffic) -> None:
    """A harvesting job split across many accounts: each low and slow, together one dataset."""
    rng = w.rng("net-distill")
    care = w.care(rng)
    members = _network_accounts(
        w,
        t,
        rng,
        name="net-distill-a",
        persona="distill_network",
        size=w.n(24),
        care=care,
        plan="api",
        cats=["distillation", "coordination"],
        stem="dtrain",
        countries=REGION,
        notes="one operator's harvest split across accounts; paraphrased templates, jitter",
    )
    systems = [tx.paraphrase(rng, tx.DISTILL_SYSTEMS[0], care) for _ in members]
    per_day = 40 + 120 * (1 - care)
    sync = rng.random() > care  # careless: one cron fires every account at once
    ticks = paced(rng, "TW", per_day, w.days, 0.0) if sync else []
    for idx, (a, place, ua) in enumerate(members):
        mrng = w.rng("net-distill", idx)
        times = [tk + mrng.uniform(0, 20) for tk in ticks] if sync else paced(mrng, a.country, per_day, w.days, care)
        for ts in times:
            d = int((ts - START) // DAY)
            lang = mrng.choice(["en", "ja", "zh", "vi", "tl"] if care > 0.5 else ["en", "zh"])
            think = mrng.random() < 0.9 - 0.3 * care
            prompt = tx.paraphrase(mrng, tx.distill_prompt(mrng, lang, care), care)
            t.send(
                a,
                ts,
                prompt,
                ip=place.ip(mrng, d),
                ua=ua,
                system=systems[idx] if mrng.random() > 0.3 * care else None,
                model=MODELS["think"] if think else MODELS["big"],
                reasoning=think,
                stream=False,
                out=int(mrng.lognormvariate(math.log(1000), 0.5)),
            )


# ---------------------------------------------------------------- scraping


def _walk(rng: random.Random, keys: list[tuple[str, ...]], care: float, take: int) -> list[tuple[str, ...]]:
    """A keyspace walk: in order when careless; shuffled within blocks, start mid-space, when careful."""
    start = rng.randrange(len(keys)) if rng.random() < care else 0
    seq = (keys[start:] + keys[:start])[:take]
    if rng.random() < care:
        block = rng.randint(20, 120)
        out = []
        for i in range(0, len(seq), block):
            part = seq[i : i + block]
            rng.shuffle(part)
            out += part
        return out
    return seq


def scrapers(w: World, t: Traffic) -> None:
    """One account walking a keyspace: barcodes, dictionary prefixes, statute articles, stock codes."""
    kinds = ["jan", "kana", "law", "stock", "prefecture3", "probe"]
    for i in range(w.n(6)):
        rng = w.rng("scraper", i)
        care = w.care(rng)
        kind = kinds[i % len(kinds)]
        country = rng.choice(["JP", "JP", "TW", "VN"])
        g, f = person(rng, country)
        place = _egress(rng, care, [country])
        a = t.new_account(
            rng,
            persona=f"scraper_{kind}",
            country=country,
            plan=rng.choice(["api", "api", "max"]),
            created_at=w.past(rng, 1, 90),
            email=personal_email(rng, country, g, f),
            payment_fingerprint=fingerprint(rng),
            signup_ip=place.ip(rng, 0),
            n_keys=rng.randint(1, 3),
        )
        _label(a, ["scraping"], care, f"walks a {kind} keyspace to build a dataset from the model's answers")
        keys = tx.keyspace(kind, rng)
        per_day = 900 * (1 - care) + 120
        times = paced(rng, country, per_day, w.days, care)
        walk = _walk(rng, keys, care, len(times))
        ua = _ua(rng, care)
        fixed = rng.randrange(5)
        for ts, key in zip(times, walk, strict=False):
            d = int((ts - START) // DAY)
            if rng.random() < 0.15 * care:
                t.send(
                    a, ts, tx.benign_prompt(rng, "ja" if country == "JP" else "en", "work"), ip=place.ip(rng, d), ua=ua
                )
                continue
            t.send(
                a,
                ts,
                tx.scrape_prompt(rng, kind, key, care, fixed),
                ip=place.ip(rng, d),
                ua=ua,
                model=MODELS["flash"] if rng.random() < 0.7 else MODELS["big"],
                stream=False,
                out=int(rng.lognormvariate(math.log(500), 0.4)),
                key=rng.choice(a.keys),
            )


def scrape_network(w: World, t: Traffic) -> None:
    """A keyspace (prefecture x topic x language) divided among accounts: thin slices, low volume each."""
    rng = w.rng("net-scrape")
    care = w.care(rng)
    members = _network_accounts(
        w,
        t,
        rng,
        name="net-scrape-a",
        persona="scrape_network",
        size=w.n(14),
        care=care,
        plan="api",
        cats=["scraping", "coordination"],
        stem="regiondb",
        countries=["JP"],
        notes="a keyspace split among accounts; paraphrased, jittered, residential exits",
    )
    keys = tx.keyspace("prefecture3", rng)
    if rng.random() < care:
        rng.shuffle(keys)
        shares = [keys[k :: len(members)] for k in range(len(members))]
    else:
        size = math.ceil(len(keys) / len(members))
        shares = [keys[k * size : (k + 1) * size] for k in range(len(members))]
    fixed = rng.randrange(4)
    for idx, (a, place, ua) in enumerate(members):
        mrng = w.rng("net-scrape", idx)
        share = shares[idx]
        times = paced(mrng, "JP", len(share) / w.days * mrng.uniform(0.8, 1.0), w.days, care)
        for ts, key in zip(times, share, strict=False):
            d = int((ts - START) // DAY)
            t.send(
                a,
                ts,
                tx.paraphrase(mrng, tx.scrape_prompt(mrng, "prefecture3", key, care, fixed), care),
                ip=place.ip(mrng, d),
                ua=ua,
                model=MODELS["flash"],
                stream=False,
                out=int(mrng.lognormvariate(math.log(600), 0.4)),
            )


# ---------------------------------------------------------------- tier abuse

FARM_WORK = {
    "seo": (
        "ja",
        [
            "「{kw}」で検索上位を狙うSEO記事を3000字で書いて。見出しはH2/H3で",
            "{kw}のおすすめ10選、比較表つきの記事を作成",
            "{kw}について、初心者向けのまとめ記事を書いてください",
        ],
    ),
    "homework": ("vi", ["Giải bài tập: {kw}", "Viết bài văn nghị luận về {kw}, 800 chữ", "Trả lời câu hỏi: {kw}"]),
    "listing": (
        "zh",
        ["幫我寫蝦皮商品文案：{kw}，要有emoji和hashtag", "為{kw}寫10個吸睛標題", "{kw}的商品描述，300字"],
    ),
}
FARM_KW = {
    "seo": [
        "格安SIM",
        "脱毛サロン",
        "転職エージェント",
        "ふるさと納税",
        "クレジットカード",
        "プロテイン",
        "英会話アプリ",
    ],
    "homework": ["phương trình bậc hai", "Truyện Kiều", "biến đổi khí hậu", "hình học không gian", "tiếng Anh lớp 9"],
    "listing": ["保溫瓶", "藍牙耳機", "寵物飼料", "手機殼", "防曬乳", "行動電源"],
}


def free_farms(w: World, t: Traffic) -> None:
    """Free-plan farms: throwaway signups, each account driven to its quota, then the next one."""
    for name, size, work, first_day in (
        ("net-farm-a", 30, "seo", 1),
        ("net-farm-b", 16, "listing", -10),
        ("net-farm-c", 8, "homework", 2),
    ):
        rng = w.rng(name)
        care = w.care(rng)
        countries = {"seo": ["JP"], "listing": ["TW"], "homework": ["VN"]}[work]
        members = _network_accounts(
            w,
            t,
            rng,
            name=name,
            persona="free_farm",
            size=w.n(size),
            care=care,
            plan="free",
            cats=["tier_abuse", "coordination"],
            stem=rng.choice(["mk", "seo", "acc", "tw"]),
            countries=countries,
            signup_day=first_day,
            notes=f"free-plan farm producing {work} content; accounts rotated at their quota",
        )
        _, templates = FARM_WORK[work]
        members.sort(key=lambda m: m[0].created_at)
        jobs_per_day = {"seo": 1500, "listing": 900, "homework": 600}[work]
        # the operator's job queue runs through the accounts in turn; careful farms interleave them
        t0 = START + max(0, first_day) * DAY + DAY * 0.4
        order = list(range(len(members)))
        d_end = START + w.days * DAY
        k = 0
        while t0 < d_end:
            idx = order[k % len(order)] if rng.random() > care else rng.choice(order)
            a, place, ua = members[idx]
            t0 = max(t0, a.created_at + 300)
            burst = rng.randint(25, 45) if rng.random() > care else rng.randint(4, 15)
            ip = place.ip(rng, int((t0 - START) // DAY))
            began = t0
            for _ in range(burst):
                kw = rng.choice(FARM_KW[work])
                prompt = tx.paraphrase(rng, rng.choice(templates).format(kw=kw), care)
                t.send(
                    a,
                    t0,
                    prompt,
                    ip=ip if rng.random() > care * 0.5 else place.ip(rng, 0),
                    ua=ua,
                    endpoint=ANTHROPIC,
                    model=MODELS["flash"],
                    out=int(rng.lognormvariate(math.log(1500), 0.4)),
                )
                t0 += rng.uniform(8, 40) if care < 0.5 else think_gap(rng, 50)
            t0 += max(30.0, rng.expovariate(jobs_per_day / (DAY * burst)) - (t0 - began))
            k += 1


def trial_rotation(w: World, t: Traffic) -> None:
    """One person, one workload, a fresh trial account each time the credit runs out."""
    for j in range(2):
        rng = w.rng("trial", j)
        care = w.care(rng)
        country = rng.choice(["JP", "PH"])
        g, f = person(rng, country)
        home = Home(rng, country)
        vpn = Fixed(w.pools.vpn)
        card = fingerprint(rng)
        name = f"net-trial-{'ab'[j]}"
        credit = rng.randint(150, 320)
        ua = rng.choice(UA_SDK)
        system = rng.choice(
            [
                "You write YouTube video scripts in a lively tone.",
                "You are a blog writing assistant.",
                "Write LINE sticker ideas with captions.",
            ]
        )
        lang = "ja" if country == "JP" else "tl"
        t0 = START + rng.uniform(0, 0.5) * DAY
        k = 0
        stop = START + w.days * DAY
        while t0 < stop and k < w.n(4) + 2:
            local = (
                f"{g}{f}" if k == 0 else "".join(ch + ("." if rng.random() < 0.4 else "") for ch in g + f).strip(".")
            )
            email = f"{local}@gmail.com" if rng.random() > care else personal_email(rng, country, *person(rng, country))
            place = home if rng.random() > care else vpn
            a = t.new_account(
                rng,
                persona="trial_rotation",
                country=country,
                plan="api",
                created_at=t0 - rng.uniform(60, 900),
                email=email,
                payment_fingerprint=card if rng.random() > care else fingerprint(rng),
                signup_ip=place.ip(rng, 0),
            )
            a.credit = credit
            _label(
                a,
                ["tier_abuse", "coordination"],
                care,
                "trial-credit rotation: a new signup when the credit ends",
                network=name,
            )
            used = 0
            while used < credit + rng.randint(0, 5) and t0 < stop:
                d = int((t0 - START) // DAY)
                t.send(
                    a,
                    t0,
                    tx.benign_prompt(rng, lang, rng.choice(["work", "life"])),
                    ip=place.ip(rng, d),
                    ua=ua,
                    system=system,
                    model=MODELS["big"],
                    out=int(rng.lognormvariate(math.log(900), 0.4)),
                )
                used += 1
                local_h = ((t0 - START) / 3600 + TZ[country]) % 24
                if not 9 <= local_h < 24:
                    t0 += rng.uniform(7, 10) * 3600  # asleep
                elif rng.random() < 0.03:
                    t0 += rng.uniform(1, 4) * 3600  # away
                else:
                    t0 += think_gap(rng, 40)
            t0 += rng.uniform(600, 6 * 3600) * (1 + 3 * care)
            k += 1


def resold_subscriptions(w: World, t: Traffic) -> None:
    """A Max subscription sold by the seat to strangers across the region (Shopee/Carousell 'shared account')."""
    for i in range(w.n(4)):
        rng = w.rng("resold", i)
        care = w.care(rng)
        owner_c = rng.choice(["TW", "VN", "PH"])
        g, f = person(rng, owner_c)
        owner_home = Home(rng, owner_c)
        a = t.new_account(
            rng,
            persona="resold_subscription",
            country=owner_c,
            plan="max",
            created_at=w.past(rng, 20, 120),
            email=personal_email(rng, owner_c, g, f),
            payment_fingerprint=fingerprint(rng),
            signup_ip=owner_home.first,
        )
        buyers = rng.randint(12, 30)
        _label(a, ["tier_abuse"], care, f"one consumer subscription resold to {buyers} strangers")
        for b in range(buyers):
            brng = w.rng("resold", i, b)
            c = rng.choice(REGION)
            devs = [
                Device(Home(brng, c), brng.choice(UA_BROWSER)),
                Device(Mobile(brng, w.pools, c), brng.choice(UA_APP)),
            ]
            usage(
                t,
                a,
                brng,
                devs,
                days=w.days,
                profile="consumer",
                per_day=brng.lognormvariate(0.3, 0.6),
                langs=langs_for(brng, c),
                kinds=["study", "work", "code", "life"],
                turns=3,
                endpoint=ANTHROPIC,
            )


def consumer_pipelines(w: World, t: Traffic) -> None:
    """A consumer plan carrying an enterprise-scale automated workload."""
    jobs = [
        ("Classify the customer email into billing/tech/sales/other. Reply with the label only.", "en"),
        ("次のニュース記事を3行で要約してください。", "ja"),
        ("請將以下評論分類為正面/負面並摘要。", "zh"),
        ("Tóm tắt văn bản sau trong 2 câu.", "vi"),
    ]
    for i in range(w.n(4)):
        rng = w.rng("pipeline", i)
        care = w.care(rng)
        system, lang = jobs[i % len(jobs)]
        country = {"en": "PH", "ja": "JP", "zh": "TW", "vi": "VN"}[lang]
        g, f = person(rng, country)
        place = Cloud(rng, CLOUD["aws-tokyo"], 1) if rng.random() > care else Home(rng, country)
        plan = rng.choice(["pro", "max"])
        a = t.new_account(
            rng,
            persona="consumer_plan_pipeline",
            country=country,
            plan=plan,
            created_at=w.past(rng, 10, 200),
            email=personal_email(rng, country, g, f),
            payment_fingerprint=fingerprint(rng),
            signup_ip=place.ip(rng, 0) if isinstance(place, Cloud) else place.first,
        )
        _label(a, ["tier_abuse"], care, "consumer plan driving a company's batch pipeline")
        ua = rng.choice(UA_SCRIPT) if rng.random() > care else browser_or_app(rng)
        per_day = (500 if plan == "max" else 300) * (1 - 0.4 * care)
        for ts in paced(rng, country, per_day, w.days, care, profile="office"):
            d = int((ts - START) // DAY)
            body = rng.choice(tx.ENGLISH_SENTENCES + tx._JP_SENTS + tx._ZH_SENTS + tx.VI_SENTENCES) * rng.randint(1, 4)
            t.send(
                a,
                ts,
                f"{system}\n\n{body}" if care > 0.5 else body,
                system=None if care > 0.5 else system,
                ip=place.ip(rng, d),
                ua=ua,
                endpoint=ANTHROPIC,
                model=MODELS["flash"],
                stream=care > 0.5,
                out=rng.randint(5, 200),
            )


def reseller_network(w: World, t: Traffic) -> None:
    """A grey-market API relay pooling consumer accounts and selling access to many downstream apps."""
    rng = w.rng("net-resell")
    care = w.care(rng)
    members = _network_accounts(
        w,
        t,
        rng,
        name="net-resell-a",
        persona="reseller_pool",
        size=w.n(8),
        care=care,
        plan=rng.choice(["max", "pro"]),
        cats=["tier_abuse", "coordination"],
        stem="pool",
        countries=["TW", "VN", "JP"],
        notes="consumer accounts pooled behind an API relay and resold to downstream apps",
    )
    downstream = [
        "You are a helpful assistant.",
        "你是一個專業的翻譯助手。",
        "You are NovelAI-lite, write fiction on request.",
        None,
        "Bạn là trợ lý học tập.",
        "あなたはLINEのチャットボットです。",
        "你是小红书文案助手，输出要有emoji。",
    ]
    ua_pool = [m[2] for m in members]
    per_hour = 45 * (1 + (1 - care))
    stop = START + w.days * DAY
    ts = START + rng.uniform(0, 60)
    from behaviour import PROFILE

    while ts < stop:
        hour = int(((ts - START) / 3600 + 8) % 24)
        rate = per_hour * PROFILE["consumer"][hour] / 4.0
        ts += rng.expovariate(rate / 3600)
        # the relay picks the least-used account (round robin) or a random one
        idx = int(ts) % len(members) if rng.random() > care else rng.randrange(len(members))
        a, place, _ = members[idx]
        lang = rng.choice(["zh", "zh", "vi", "ja", "en"])
        prompt = tx.benign_prompt(rng, lang, rng.choice(["code", "work", "life", "study"]))
        if rng.random() < 0.15:
            prompt = (
                rng.choice(["请写一篇关于人工智能发展的文章", "帮我润色这段简历", "写一个python爬虫"]) + " " + prompt
            )
        t.send(
            a,
            ts,
            prompt,
            ip=place.ip(rng, int((ts - START) // DAY)),
            ua=ua_pool[idx] if care < 0.5 else browser_or_app(rng),
            system=rng.choice(downstream),
            endpoint=ANTHROPIC,
            model=MODELS["big"],
            out=rng.randint(100, 1500),
        )


# ---------------------------------------------------------------- hidden competitors

COMP_WORK = ["code", "code", "work", "study"]


def _competitor(
    w: World,
    t: Traffic,
    rng: random.Random,
    org_id: str,
    persona: str,
    tie: str,
    care: float,
    devices_home: Home,
    country: str,
    notes: str,
    **kw: object,
) -> Account:
    """An account that really belongs to a restricted lab, tied to it by `tie`."""
    org = w.orgs[org_id]
    g, f = person(rng, country)
    email = work_email(rng, g, f, rng.choice(org.domains)) if tie == "domain" else personal_email(rng, country, g, f)
    card = rng.choice(org.cards) if tie == "card" else fingerprint(rng)
    signup = rng.choice(org.office) if tie == "weak" or (tie == "domain" and rng.random() < 0.6) else devices_home.first
    a = t.new_account(
        rng,
        persona=persona,
        country=country,
        plan=kw.pop("plan", "api"),  # type: ignore[arg-type]
        created_at=w.past(rng, 5, 400),
        email=email,
        payment_fingerprint=card,
        signup_ip=signup,
        sso_tenant=org.sso[0] if tie == "sso" else None,
        declared_company=org.name if tie == "domain" and rng.random() > care else None,
        **kw,
    )
    strength = {
        "domain": "verified domain",
        "card": "the lab's payment card",
        "sso": "the lab's SSO tenant",
        "attest": "platform-attested end-user org",
        "weak": "only an exclusive office address (weak)",
        "network": "membership of a tied network",
    }[tie]
    _label(a, ["competitor"], care, f"{notes}; tie: {strength}", org=org_id, group=org_id)
    return a


def _competitor_use(
    t: Traffic,
    a: Account,
    rng: random.Random,
    devs: list[Device],
    days: int,
    lang: str,
    benchmark: list[str] | None = None,
) -> None:
    """Ordinary work by a rival's engineer, plus, for some, benchmarking Hoshi against their own model."""
    usage(
        t,
        a,
        rng,
        devs,
        days=days,
        profile="office",
        per_day=rng.lognormvariate(0.7, 0.5),
        langs=[lang, "en"],
        kinds=COMP_WORK,
        turns=3,
        weekend=0.3,
        reasoning=0.3,
    )
    if benchmark:
        for d in rng.sample(range(days), k=min(days, rng.randint(1, 3))):
            ts = local_ts(d, rng.uniform(10, 20), TZ[a.country])
            for q in benchmark:
                t.send(
                    a,
                    ts,
                    q,
                    ip=devs[0].place.ip(rng, d),
                    ua="python-httpx/0.27.2",
                    model=MODELS["think"],
                    reasoning=True,
                    stream=False,
                )
                ts += rng.uniform(1, 4)


def _pick_tie(rng: random.Random, care: float, options: list[tuple[str, float, float]]) -> str:
    """Choose how an account is tied: (tie, weight when careless, weight when careful)."""
    names = [o[0] for o in options]
    weights = [o[1] * (1 - care) + o[2] * care for o in options]
    return rng.choices(names, weights)[0]


def competitors(w: World, t: Traffic) -> None:
    orgs = w.orgs
    # ---- Kirin Intelligence (Taipei): staff, a platform seat, and a shell company's harvesting network
    kirin = orgs["kirin-ai"]
    kbench = tx.fixed_question_set(w.rng("kirin-bench"), 120, ("zh", "en", "ja"))
    office = Fixed(kirin.office)
    aws = Cloud(w.rng("kirin-aws"), ["52.192.0.0/15"], 3)  # inside the range kirin-ai lists, with everyone else
    for i in range(w.n(8)):
        rng = w.rng("kirin-staff", i)
        care = w.care(rng)
        home = Home(rng, "TW")
        tie = "domain" if i < 3 else _pick_tie(rng, care, [("card", 0.7, 0.4), ("sso", 0.3, 0.2), ("weak", 0.0, 0.4)])
        a = _competitor(
            w,
            t,
            rng,
            "kirin-ai",
            "rival_staff",
            tie,
            care,
            home,
            "TW",
            "kirin-ai engineer on " + ("a work address" if tie == "domain" else "a personal account"),
        )
        devs = [
            Device(office if rng.random() > care else home, rng.choice(UA_SDK), weight=2),
            Device(home, rng.choice(UA_BROWSER)),
            Device(aws, "python-httpx/0.27.2", weight=0.5),
        ]
        _competitor_use(t, a, rng, devs, w.days, "zh", kbench if rng.random() < 0.5 else None)
        if i == 3:  # on a Tokyo trip: one afternoon on the coworking floor
            cw = Fixed(w.pools.coworking)
            t.chat(
                a,
                rng,
                local_ts(2, 14.5, 9),
                [tx.benign_prompt(rng, "zh", "code") for _ in range(4)],
                Device(cw, devs[1].ua),
            )
    for i in range(w.n(3)):
        rng = w.rng("kirin-plat", i)
        care = w.care(rng)
        home = Home(rng, "TW")
        a = _competitor(
            w,
            t,
            rng,
            "kirin-ai",
            "rival_via_platform",
            "attest",
            care,
            home,
            "TW",
            "kirin-ai engineer using Kodama with a personal key; Kodama attests the work domain",
        )
        relay = Fixed(w.pools.relays["kodama"])
        eu = f"kdm_u_{rng.getrandbits(40):010x}"
        for day, ts in [(int((x - START) // DAY), x) for x in paced(rng, "TW", 25, w.days, 1.0, profile="office")]:
            t.send(
                a,
                ts,
                tx.workspace_context(rng) + tx.benign_prompt(rng, "zh", "code"),
                ip=relay.ip(rng, day),
                ua="KodamaIDE-Relay/3.2.1",
                system=tx.KODAMA_SYSTEM,
                model=MODELS["big"],
                channel="platform",
                platform="kodama",
                end_user_id=eu,
                end_user_org=("kirin-ai.com" if rng.random() > 0.3 * care else None),
                endpoint=ANTHROPIC,
                context=rng.randint(800, 5000),
            )
    # the shell company: its own domain and card, a harvesting network; a few members slip
    rng = w.rng("aurora")
    care = w.care(rng)
    aurora = orgs["aurora-datatech"]
    members = _network_accounts(
        w,
        t,
        rng,
        name="net-aurora",
        persona="rival_shell_network",
        size=w.n(10),
        care=care,
        plan="team",
        cats=["competitor", "coordination", "distillation"],
        stem="atlas",
        countries=["TW"],
        org="kirin-ai",
        cards=2,
        notes="front company harvesting reasoning traces for kirin-ai",
    )
    slips = max(1, round(3 * (1 - care)))
    for k, (a, _place, _) in enumerate(members):
        a.org_id = "aurora-datatech" if rng.random() > care else None
        g, f = person(rng, "TW")
        if a.org_id:
            a.email = work_email(rng, g, f, aurora.domains[0])
            a.declared_company = aurora.name
            a.payment_fingerprint = aurora.cards[0]
        if k < slips:
            if k == 0 and care < 0.6:
                a.sso_tenant = kirin.sso[0]
                a.notes += "; tie: signed in through kirin-ai's SSO tenant"
            else:
                a.payment_fingerprint = kirin.cards[1]
                a.notes += "; tie: paid with kirin-ai's card"
        else:
            a.notes += "; tie: membership of a tied network only"
    per_day = 60 + 160 * (1 - care)
    for idx, (a, place, ua) in enumerate(members):
        mrng = w.rng("aurora-m", idx)
        pl = aws if mrng.random() > care else place
        for ts in paced(mrng, "TW", per_day, w.days, care, profile="office"):
            d = int((ts - START) // DAY)
            think = mrng.random() < 0.85 - 0.25 * care
            t.send(
                a,
                ts,
                tx.paraphrase(mrng, tx.distill_prompt(mrng, mrng.choice(["zh", "en", "ja"]), care), care),
                ip=pl.ip(mrng, d),
                ua=ua,
                model=MODELS["think"] if think else MODELS["big"],
                reasoning=think,
                stream=False,
                out=int(mrng.lognormvariate(math.log(1000), 0.5)),
            )

    # ---- Tsubame Labs (Tokyo): staff on its SSO, a contractor team, two loosely tied personal accounts
    tsu = orgs["tsubame-labs"]
    toffice = Fixed(tsu.office)
    floor = Fixed(w.pools.coworking)
    for i in range(w.n(4)):
        rng = w.rng("tsubame-staff", i)
        care = w.care(rng)
        home = Home(rng, "JP")
        tie = _pick_tie(rng, care, [("sso", 0.6, 0.5), ("domain", 0.4, 0.1), ("card", 0.0, 0.4)])
        a = _competitor(
            w,
            t,
            rng,
            "tsubame-labs",
            "rival_staff",
            tie,
            care,
            home,
            "JP",
            "tsubame-labs researcher; works from the office and the coworking floor",
            plan=rng.choice(["api", "max"]),
        )
        devs = [
            Device(toffice, rng.choice(UA_SDK), weight=1.5),
            Device(floor, rng.choice(UA_BROWSER), weight=1.5),
            Device(home, rng.choice(UA_BROWSER), weight=0.7),
        ]
        _competitor_use(
            t,
            a,
            rng,
            devs,
            w.days,
            "ja",
            tx.fixed_question_set(w.rng("tsu-bench"), 80, ("ja", "en")) if i % 2 == 0 else None,
        )
    rng = w.rng("hikari")
    care = w.care(rng)
    hikari = orgs["hikari-data"]
    hoffice = Fixed([addr_in(rng, "153.142.0.0/16")])
    relay = Fixed(w.pools.relays["agentforge"])
    for k in range(w.n(4)):
        mrng = w.rng("hikari", k)
        g, f = person(mrng, "JP")
        a = t.new_account(
            mrng,
            persona="rival_contractor",
            country="JP",
            plan="api",
            created_at=w.past(mrng, 15, 60),
            email=work_email(mrng, g, f, hikari.domains[0]),
            payment_fingerprint=hikari.cards[0],
            signup_ip=hoffice.ip(mrng, 0),
            declared_company=hikari.name,
            org_id="hikari-data",
        )
        _label(
            a,
            ["competitor", "distillation", "coordination"],
            care,
            "contractor producing training data for tsubame-labs; the platform workspace is tsubame's, so "
            "some requests carry tsubame-labs.jp as the attested end-user org",
            network="net-hikari",
            org="tsubame-labs",
        )
        eu = f"af_u_{mrng.getrandbits(40):010x}"
        for ts in paced(mrng, "JP", 90 + 120 * (1 - care), w.days, care, profile="office"):
            d = int((ts - START) // DAY)
            think = mrng.random() < 0.8
            via = mrng.random() < 0.75
            attested = via and mrng.random() > care * 0.8
            t.send(
                a,
                ts,
                tx.distill_prompt(mrng, mrng.choice(["ja", "ja", "en"]), care),
                ip=(relay if via else hoffice).ip(mrng, d),
                ua="AgentForge/1.4.0 (+https://agentforge.ai)" if via else "hoshi-python/1.8.2",
                system=tx.AGENTFORGE_SYSTEM if via else None,
                model=MODELS["think"] if think else MODELS["big"],
                reasoning=think,
                channel="platform" if via else "direct",
                platform="agentforge" if via else None,
                end_user_id=eu if via else None,
                end_user_org=("tsubame-labs.jp" if attested else hikari.domains[0]) if via else None,
                endpoint=ANTHROPIC if via else OPENAI,
                out=int(mrng.lognormvariate(math.log(900), 0.5)),
            )
    for i in range(w.n(2)):
        rng = w.rng("tsubame-weak", i)
        care = w.care(rng)
        home = Home(rng, "JP")
        a = _competitor(
            w,
            t,
            rng,
            "tsubame-labs",
            "rival_staff_weak_tie",
            "weak",
            care,
            home,
            "JP",
            "tsubame-labs engineer on a personal account and card",
        )
        devs = [Device(home, rng.choice(UA_BROWSER), weight=2), Device(toffice, rng.choice(UA_SDK), weight=0.5)]
        _competitor_use(t, a, rng, devs, w.days, "ja")

    # ---- Song Hong AI (Hanoi): staff, card-paid personal accounts that harvest, a probe-grid scraper
    sh = orgs["songhong-ai"]
    soffice = Fixed(sh.office)
    vpn = Fixed(w.pools.vpn)
    for i in range(w.n(7)):
        rng = w.rng("songhong-staff", i)
        care = w.care(rng)
        home = Home(rng, "VN")
        tie = "domain" if i < 3 else _pick_tie(rng, care, [("card", 0.9, 0.6), ("weak", 0.1, 0.4)])
        a = _competitor(
            w,
            t,
            rng,
            "songhong-ai",
            "rival_staff",
            tie,
            care,
            home,
            "VN",
            "songhong-ai engineer",
            plan=rng.choice(["api", "pro"]),
        )
        devs = [
            Device(soffice, rng.choice(UA_SDK), weight=1.5),
            Device(vpn, rng.choice(UA_BROWSER), weight=1.0),
            Device(home, rng.choice(UA_BROWSER), weight=0.7),
        ]
        _competitor_use(t, a, rng, devs, w.days, "vi")
        if i >= 5:  # two of them collect reasoning traces for their own model
            a.categories = ["competitor", "distillation"]
            a.notes += "; harvests reasoning traces"
            for ts in paced(rng, "VN", 150 + 150 * (1 - care), w.days, care, profile="office"):
                d = int((ts - START) // DAY)
                t.send(
                    a,
                    ts,
                    tx.distill_prompt(rng, rng.choice(["vi", "en"]), care),
                    ip=(vpn if rng.random() < care else soffice).ip(rng, d),
                    ua=devs[0].ua,
                    model=MODELS["think"],
                    reasoning=True,
                    stream=False,
                    out=int(rng.lognormvariate(math.log(1000), 0.5)),
                )
    rng = w.rng("songhong-probe")
    care = w.care(rng)
    home = Home(rng, "VN")
    a = _competitor(
        w,
        t,
        rng,
        "songhong-ai",
        "rival_probe_grid",
        "card" if care < 0.7 else "weak",
        care,
        home,
        "VN",
        "songhong-ai capability-probe grid across languages",
    )
    a.categories = ["competitor", "scraping"]
    keys = tx.keyspace("probe", rng)
    times = paced(rng, "VN", 600 * (1 - care) + 150, w.days, care, profile="office")
    place = vpn if rng.random() < care else Cloud(rng, CLOUD["sg-vps"], 1)
    fixed = rng.randrange(3)
    for ts, key in zip(times, _walk(rng, keys, care, len(times)), strict=False):
        t.send(
            a,
            ts,
            tx.scrape_prompt(rng, "probe", key, care, fixed),
            ip=place.ip(rng, int((ts - START) // DAY)),
            ua=_ua(rng, care),
            model=rng.choice([MODELS["big"], MODELS["flash"], MODELS["think"]]),
            stream=False,
        )
    for i in range(w.n(2)):
        rng = w.rng("songhong-plat", i)
        care = w.care(rng)
        home = Home(rng, "VN")
        a = _competitor(
            w,
            t,
            rng,
            "songhong-ai",
            "rival_via_platform",
            "attest",
            care,
            home,
            "VN",
            "songhong-ai engineer using AgentForge; the platform attests songhong.ai",
        )
        eu = f"af_u_{rng.getrandbits(40):010x}"
        for ts in paced(rng, "VN", 30, w.days, 1.0, profile="office"):
            d = int((ts - START) // DAY)
            t.send(
                a,
                ts,
                tx.benign_prompt(rng, rng.choice(["vi", "en"]), "code"),
                ip=relay.ip(rng, d),
                ua="AgentForge/1.4.0 (+https://agentforge.ai)",
                system=tx.AGENTFORGE_SYSTEM,
                model=MODELS["big"],
                channel="platform",
                platform="agentforge",
                end_user_id=eu,
                end_user_org="songhong.ai" if rng.random() > 0.2 else None,
                endpoint=ANTHROPIC,
            )


ALL = (
    distillers,
    platform_distillers,
    distill_network,
    scrapers,
    scrape_network,
    free_farms,
    trial_rotation,
    resold_subscriptions,
    consumer_pipelines,
    reseller_network,
    competitors,
)
