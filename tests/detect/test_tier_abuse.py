"""Tier abuse: consumer plans run as pipelines or shared by a team; API plans never."""

from __future__ import annotations

import random

from moat.detect import tier_abuse
from moat.detect.state import network

from .helpers import T0, request, state


def pipeline() -> list[dict]:
    rng = random.Random(0)
    out, t = [], T0
    for i in range(2 * 1440):
        t += 60 * (1 + rng.uniform(-0.05, 0.05))
        out.append(request("a", t, f"Classify the sentiment of text {i}"))
    return out


def test_round_the_clock_machine_timing_on_a_consumer_plan_scores_high() -> None:
    s = tier_abuse.score(state(pipeline(), plan="pro"))
    assert s.value >= 0.8
    assert any("machine-regular" in e for e in s.evidence)


def test_the_same_pipeline_on_an_api_plan_is_not_tier_abuse() -> None:
    assert tier_abuse.score(state(pipeline(), plan="api")).value == 0.0


def test_an_account_shared_by_a_team_in_many_places_scores_high() -> None:
    rng = random.Random(1)
    reqs = []
    for person in range(12):
        t = T0 + rng.uniform(0, 86400)
        for k in range(30):
            t += rng.uniform(30, 900)
            reqs.append(request("a", t, f"question {person}-{k}", client_ip=f"{70 + person}.1.2.3",
                                user_agent=f"Browser/{person}"))
    reqs.sort(key=lambda r: r["ts"])
    s = tier_abuse.score(state(reqs, plan="max"))
    assert s.value >= 0.6
    assert any("network ranges" in e for e in s.evidence)


_ASKS = ("can you tighten this paragraph about", "what's a better word for", "rewrite my intro on",
         "is this argument convincing:", "give me three titles for", "fix the grammar in my note on",
         "how would you restructure the section about", "summarise these notes on", "why does my chart of")
_TOPICS = ("the budget", "our launch", "remote work", "my thesis", "the garden", "supply chains", "the museum",
           "climate policy", "my grandmother", "the quarterly plan", "jazz history", "the kitchen remodel")


def test_a_heavy_human_user_on_max_stays_clean() -> None:
    rng = random.Random(2)
    reqs = []
    for day in range(5):
        t = T0 + day * 86400 + 9 * 3600
        for k in range(150):
            t += rng.lognormvariate(4.0, 1.2)
            ip = "81.2.3.4" if day % 2 else "92.5.6.7"
            # a person's own words: what they ask varies (a batch job's does not; see below)
            ask = f"{rng.choice(_ASKS)} {rng.choice(_TOPICS)} {rng.choice(_TOPICS)}"
            reqs.append(request("a", t, ask, turn=1 + k % 4, client_ip=ip,
                                user_agent="Browser/1" if k % 5 else "App/2"))
    assert tier_abuse.score(state(reqs, plan="max")).value < 0.3


def test_a_queue_driven_pipeline_with_random_timing_that_never_sleeps_scores() -> None:
    rng = random.Random(5)
    reqs, t = [], T0
    while t < T0 + 3 * 86400:
        t += rng.expovariate(1 / 120)  # Poisson arrivals: no regularity, no concurrency
        reqs.append(request("a", t, f"Translate document {int(t)}"))
    s = tier_abuse.score(state(reqs, plan="max"))
    assert s.value >= 0.7
    assert any("distinct hours per active day" in e for e in s.evidence)


def household(devices: int, days: int = 5) -> list[dict]:
    """A family on one pro plan: phones and laptops on home Wi-Fi, carrier NATs and school or work
    networks, switching all day, asleep at night."""
    rng = random.Random(7)
    reqs = []
    for day in range(days):
        for device in range(devices):
            t = T0 + day * 86400 + 7 * 3600 + rng.uniform(0, 3600)
            for k in range(rng.randint(6, 12)):
                t += rng.uniform(60, 5400)
                if t > T0 + day * 86400 + 22 * 3600:
                    break
                net = rng.choice([f"{100 + device}.{rng.randint(0, 255)}.1.1", "81.2.3.4"])
                reqs.append(request("a", t, f"homework {day}-{device}-{k}", client_ip=net,
                                    user_agent=f"App/2.{device}"))
    reqs.sort(key=lambda r: r["ts"])
    return reqs


def test_a_family_sharing_its_plan_is_not_tier_abuse_but_a_rotating_proxy_is() -> None:
    family = state(household(devices=4), plan="pro")
    assert family.n_switch / family.n > 0.15 and len(family.prefixes) > 8  # it does move around
    assert tier_abuse.score(family).value < 0.25
    # One client, a new address on nearly every request, all day, at volume: a proxy pool.
    rng = random.Random(3)
    rotated = [request("a", T0 + 240 * i, f"write product copy {i}",
                       client_ip=f"{rng.randint(20, 220)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.9")
               for i in range(300)]
    assert tier_abuse.score(state(rotated, plan="free")).value >= 0.5


def _office_batch(account: str, items: int, seed: int) -> list[dict]:
    """A batch job paced like a person: office hours on weekdays, irregular gaps, a browser's user
    agent, one address; every prompt one template with a product in its slot."""
    rng = random.Random(seed)
    nouns = ["mug", "lamp", "backpack", "grinder", "yoga mat", "desk", "kettle", "speaker", "watch band"]
    adjectives = ["red", "compact", "vintage", "premium", "wooden", "smart", "foldable"]
    out, day, t = [], 0, T0 + 9 * 3600
    for _ in range(items):
        t += rng.uniform(60, 600)
        if t > T0 + day * 86400 + 18 * 3600:
            day += 1
            t = T0 + day * 86400 + 9 * 3600 + rng.uniform(0, 1800)
        product = f"{rng.choice(adjectives)} {rng.choice(nouns)}"
        out.append(request(account, t, f"Write an SEO product description (120 words, Spanish) for: {product}, "
                           f"SKU {rng.randrange(10_000, 999_999)}", user_agent="Mozilla/5.0 Firefox/133.0"))
    return out


def test_a_batch_workload_paced_like_a_person_on_a_consumer_plan_scores() -> None:
    s = tier_abuse.score(state(_office_batch("a", 1200, 7), plan="max"))
    assert s.value >= 0.5
    assert any("batch workload" in e for e in s.evidence)
    assert tier_abuse.score(state(_office_batch("a", 1200, 7), plan="api")).value == 0.0  # what API plans are for


def test_a_few_dozen_templated_prompts_are_not_a_batch() -> None:
    assert tier_abuse.score(state(_office_batch("a", 60, 8), plan="pro")).value < 0.25


def test_a_cohort_on_one_starter_kit_read_as_one_group_is_not_a_batch() -> None:
    from moat.detect.state import AccountState

    members = [state(_office_batch(f"m{i}", 60, 100 + i), plan="free") for i in range(30)]
    group = AccountState.merged(members, "free")
    assert group.n == 1800
    assert tier_abuse.score(group).value < 0.25


def capped_week(template: bool, throttled: bool) -> list[dict]:
    """Seven days of 40 requests in an afternoon each on a free plan; past the cap of 35, the
    plan refuses (429) when `throttled`. One template with a slot, or a person's varied chat."""
    rng = random.Random(11)
    topics = ["my cv", "a birthday poem", "python lists", "a trip to Rome", "tax forms", "a cover letter",
              "sourdough", "chess openings", "a wedding speech", "excel formulas", "a cat's diet"]
    out = []
    for day in range(7):
        t = T0 + day * 86400 + 14 * 3600
        for i in range(40):
            t += rng.uniform(30, 240)
            k = day * 40 + i
            text = (f"Rewrite product description #{k} for the shop catalogue in a friendly tone" if template else
                    f"can you help me with {rng.choice(topics)}? ({rng.choice(['quick', 'again', 'pls', 'hm'])} {k})")
            out.append(request("a", t, text, status=429 if throttled and i >= 35 else 200))
    return out


def test_a_free_account_at_its_cap_every_day_with_one_template_is_a_workload() -> None:
    """Below a thousand requests a template is not yet a batch, unless the account asks for as much
    as its free plan allows day after day (a farm's member). A person chatting into the cap, or
    the same template never refused, stays below; an API plan is never tier abuse."""
    assert tier_abuse.score(state(capped_week(True, True), plan="free")).value >= 0.5
    assert tier_abuse.score(state(capped_week(True, False), plan="free")).value < 0.3
    assert tier_abuse.score(state(capped_week(False, True), plan="free")).value < 0.3
    assert tier_abuse.score(state(capped_week(True, True), plan="api")).value == 0.0


def _farm_worker(account: str, seed: int, days: int) -> list[dict]:
    """One free account of a farm: a few dozen requests a day for `days` days, each one product of a
    shop's catalogue through one of the farm's paraphrased instructions (or a stray question)."""
    rng = random.Random(seed)
    frames = ("Write an Amazon product listing title for: {p}", "Amazon listing title, please, for {p}",
              "Give me a catchy marketplace title for {p}", "what's the capital of {c}?")
    out = []
    for day in range(days):
        t = T0 + day * 86400 + rng.uniform(0, 6) * 3600
        for _ in range(30):
            t += rng.uniform(60, 900)
            frame = rng.choice(frames)
            out.append(request(account, t, frame.format(p=f"{rng.choice(['steel', 'bamboo', 'oak'])} item "
                                                           f"{rng.randrange(1000, 9999)}", c="France")))
    return out


def test_a_farm_of_free_accounts_working_one_job_all_week_is_read_as_a_batch() -> None:
    """Thirty free accounts, each under the plan's limits, carry one catalogue job all week in
    their operator's paraphrases: read as one, a batch workload. The same accounts for two days
    each are a cohort's event, even when the cohort's days span the week; paid seats on max sharing
    one tool are a team, not a free farm."""
    from moat.detect.state import AccountState

    week = [state(_farm_worker(f"f{i}", 200 + i, 5), plan="free") for i in range(30)]
    farm = tier_abuse.score(AccountState.merged(week, "free"))
    assert farm.value >= 0.5 and any("batch workload" in e for e in farm.evidence)
    event = [state(_farm_worker(f"f{i}", 200 + i, 2), plan="free") for i in range(30)]
    assert tier_abuse.score(AccountState.merged(event, "free")).value < 0.25
    # a cohort whose members come a day or two each, some early and some late: the group spans
    # the week, its members do not
    staggered = [state([dict(r, ts=r["ts"] + 86400 * (i % 4)) for r in _farm_worker(f"f{i}", 200 + i, 2)],
                       plan="free") for i in range(30)]
    merged = AccountState.merged(staggered, "free")
    assert len(merged.days) >= 5 and tier_abuse.score(merged).value < 0.25
    seats = [state(_farm_worker(f"f{i}", 200 + i, 5), plan="max") for i in range(30)]
    assert tier_abuse.score(AccountState.merged(seats, "max")).value < 0.25


def _farm_of_three_jobs(account: str, seed: int, capped: bool) -> list[dict]:
    """One free account of a farm running three jobs at once (marketplace listings, exam answers,
    SEO posts), each in a few wordings, 30 requests a day for a week; past the plan's cap of 25 the
    plan refuses (429) when `capped`."""
    rng = random.Random(seed)
    jobs = (("Meesho product description for {x} - catchy title, 6 bullet points, keywords",
             "quick: meesho product description for {x}, catchy title and keywords", "Write 3 Flipkart titles for {x}"),
            ("UPSC mains answer, 250 words, GS2: '{y}'. Intro-body-conclusion.",
             "bhai UPSC mains answer 250 words on '{y}', intro body conclusion"),
            ("Write a 1200 word SEO blog on '{z}' with H2 headings and FAQ",
             "pls write an SEO blog on '{z}', 1200 words, H2 headings, FAQ"))
    items = ("mobile back cover", "yoga mat", "steel bottle", "jewellery set", "kurti", "phone stand")
    topics = ("urban flooding", "cooperative federalism", "rural wages", "coastal erosion", "judicial review")
    blogs = ("credit cards for students", "home loan eligibility", "gold loan rates", "term insurance")
    out = []
    for day in range(7):
        t = T0 + day * 86400 + rng.uniform(8, 12) * 3600
        for i in range(30):
            t += rng.uniform(200, 1200)
            frame = rng.choice(rng.choice(jobs))
            text = frame.format(x=rng.choice(items), y=rng.choice(topics), z=rng.choice(blogs))
            out.append(request(account, t, text, status=429 if capped and i >= 25 else 200))
    return out


def test_a_capped_farm_running_several_jobs_is_read_as_a_batch() -> None:
    """Fifteen free accounts, each refused at the plan's cap most days, run three templated jobs
    between them: no single template dominates, but all of it is templated work at the plan's
    ceiling. The same accounts never refused, or a group of people chatting into the cap, are not
    read this way."""
    from moat.detect.state import AccountState

    farm = AccountState.merged([state(_farm_of_three_jobs(f"f{i}", 300 + i, True), plan="free")
                                for i in range(15)], "free")
    read = tier_abuse.score(farm)
    assert read.value >= 0.5 and any("at the plan's cap" in e for e in read.evidence), read
    uncapped = AccountState.merged([state(_farm_of_three_jobs(f"f{i}", 300 + i, False), plan="free")
                                    for i in range(15)], "free")
    assert tier_abuse.score(uncapped).value < 0.3
    rng = random.Random(5)
    words = [f"w{i}" for i in range(2000)]
    chatters = AccountState.merged([state([dict(r, prompt=" ".join(rng.choices(words, k=12)), account_id=f"p{i}")
                                           for r in _farm_of_three_jobs(f"p{i}", 400 + i, True)], plan="free")
                                    for i in range(15)], "free")
    assert tier_abuse.score(chatters).value < 0.3


def test_templated_share_counts_every_repeated_frame() -> None:
    from moat.detect import keyspace

    rng = random.Random(2)
    jobs = ["write a listing title for {w} in hindi", "upsc answer in 250 words on {w}", "seo blog with faq on {w}"]
    samples = [rng.choice(jobs).format(w=rng.choice(["a", "b", "c", "d"]) + str(i)) for i in range(60)]
    assert keyspace.templated_share(samples) >= 0.9
    chat = [" ".join(rng.choices([f"w{i}" for i in range(400)], k=10)) for _ in range(60)]
    assert keyspace.templated_share(chat) == 0.0


def _seat(account: str, seed: int, first_hour: int, hours: int, days: int = 5) -> list[dict]:
    """One paid seat used `hours` hours a day from `first_hour` (UTC), a request every few minutes."""
    rng = random.Random(seed)
    out = []
    for day in range(days):
        t = T0 + day * 86400 + first_hour * 3600
        while t < T0 + day * 86400 + (first_hour + hours) * 3600:
            t += rng.uniform(120, 600)
            out.append(request(account, t, f"refactor module {rng.randrange(10**6)} and explain the change"))
    return out


def test_paid_seats_read_as_one_are_many_people_unless_each_seat_is_shared() -> None:
    """Twelve max seats of a team spread over time zones, each a few hours a day: between them the
    clock is covered, but that is twelve people, not a workload. Six max seats each in use sixteen
    hours a day (passed from buyer to buyer) are read jointly."""
    from moat.detect.state import AccountState

    team = AccountState.merged([state(_seat(f"t{i}", 500 + i, (2 * i) % 24, 3), plan="max") for i in range(12)], "max")
    assert team.member_hours < tier_abuse.SHARED_SEAT_HOURS and tier_abuse.score(team).value == 0.0
    resold = AccountState.merged([state(_seat(f"r{i}", 600 + i, (4 * i) % 8, 16), plan="max") for i in range(6)],
                                 "max")
    assert resold.member_hours >= tier_abuse.SHARED_SEAT_HOURS and tier_abuse.score(resold).value >= 0.5


def test_a_phone_moving_between_its_carriers_nat_pools_all_day_is_one_person() -> None:
    """A heavy user on one phone: home Wi-Fi and the carrier's NAT, whose pools sit in a few /16s
    and change every few requests; it switches network within minutes on most requests but
    among a handful of networks. A proxy pool switches among dozens."""
    rng = random.Random(11)
    pools = ["114.10", "114.79", "182.1", "36.68"]  # the carrier's NAT pools and the home line
    reqs = []
    for day in range(6):
        t = T0 + day * 86400 + 7 * 3600
        for k in range(260):
            t += rng.lognormvariate(4.2, 0.8)
            ip = f"{rng.choice(pools)}.{rng.randint(0, 1)}.{rng.randint(1, 5)}"
            reqs.append(request("a", t, f"{rng.choice(_ASKS)} {rng.choice(_TOPICS)} ({day}-{k})",
                                client_ip=ip, user_agent="App/3"))
    phone = state(reqs, plan="max")
    assert phone.n_switch / phone.n > 0.5 and len(phone.ips) < 0.3 * min(phone.n, 256)
    assert tier_abuse.score(phone).value < 0.3
    # The same client behind a pool of many networks: a new place within minutes, everywhere.
    for r in reqs:
        r["client_ip"] = f"{rng.randint(20, 220)}.{rng.randint(0, 255)}.{rng.randint(1, 3)}.9"
        r["request_id"] += "-pool"
    assert tier_abuse.score(state(reqs, plan="max")).value >= 0.5


def test_an_address_and_its_prefix_are_in_one_network_for_both_ip_versions() -> None:
    """Switching network and counting networks read one width: a /16, or an IPv6 address's
    first nine characters (the prefixes an account keeps are /24s or 19 characters)."""
    for ip in ("81.2.3.4", "2406:3003:66eb:cddd:b4d7:5aae:252f:848f"):
        s = state([request("a", T0, "hello", client_ip=ip)])
        (prefix,) = s.prefixes
        assert network(prefix) == network(ip) == s.last_p16
