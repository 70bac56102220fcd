"""Abusive accounts of set "d": distillers, scrapers, tier abusers, operated networks, hidden rivals.

Every persona takes the world's `careful` level (0 = careless, 1 = as careful as a competent
operator can afford) and jitters it per account or network. Careful means what it costs a real
operator little to do: paraphrase the instruction, shuffle the keyspace, pace like a person, keep
office hours, rotate residential proxies, spread work over more accounts with less volume each,
use realistic names and separate cards. What they cannot avoid is the work itself: covering a
capability space or a keyspace, asking for reasoning, the volume the job needs.
"""

from __future__ import annotations

import random

import places as P
import text as T
from common import CONSUMER_ZONES, DEV_ZONES, converse, person, personal_email, picker, signed_up, work_email, zone_of
from orgs import Org
from world import START, UA_BROWSER, UA_MISC, UA_MOBILE, UA_SDK, ZONES, Account, World, fill_factory


def _care(world: World, spread: float = 0.15) -> float:
    return min(1.0, max(0.0, world.careful + world.rng.gauss(0, spread)))


# ------------------------------------------------------------------------------------------------
# distillation


def problem(rng: random.Random, domain: str, sub: str) -> str:
    a, b, c = rng.randint(2, 97), rng.randint(2, 97), rng.randint(2, 20)
    forms = [f"[{domain}] {sub}: given the values {a}, {b} and {c}, determine the quantity asked for and justify it.",
             f"{sub.capitalize()} — a case with parameters a={a}, b={b}, n={c}. Find the result.",
             f"Problem ({domain.replace('_', ' ')}, {sub}): suppose x = {a} and y = {b}; what follows for n = {c}?",
             f"Consider a {sub} question where the inputs are {a} and {b} (limit {c}). Solve it."]
    return rng.choice(forms)


def distill_space(rng: random.Random) -> list[tuple[str, str]]:
    """The capability space a harvester covers: every (domain, subtopic), several times over."""
    cells = [(d, s) for d, subs in T.DISTILL_DOMAINS.items() for s in subs]
    return cells


def _distill_prompt(rng: random.Random, cell: tuple[str, str], care: float) -> tuple[str, str | None]:
    """The request text and system prompt: fixed instruction when careless, paraphrased when careful."""
    d, s = cell
    if rng.random() < care:
        instr = rng.choice(T.DISTILL_PARAPHRASES)
        return (f"{instr}\n\n{problem(rng, d, s)}" if rng.random() < 0.6 else f"{problem(rng, d, s)}\n{instr}"), None
    return f"{T.DISTILL_INSTR_BULK}\n\n{problem(rng, d, s)}", "You are a helpful assistant. Always reason step by step."


def _harvest(world: World, a: Account, cells: list[tuple[str, str]], care: float, per_day: float, addr: P.Addr,
             uas: list[str], endpoint: str, days: range | None = None, sync: list[float] | None = None) -> None:
    """Ask for reasoning traces over `cells`: a flat stream when careless, human-paced sessions when careful.

    `sync` is an operator's shared schedule (batch start times); each member starts its batch with a
    jitter that grows with care.
    """
    rng = world.rng
    order = list(cells) * 400
    if care > 0.3:
        rng.shuffle(order)
    pos = 0
    if sync is not None:
        starts = [t + rng.gauss(0, 60 + care * 2400) for t in sync]
        batch = max(1, int(per_day / max(1, len(sync) / world.days)))
    else:
        rhythm = "flat" if care < 0.35 else "office" if care > 0.7 else "late_dev"
        sess = 1 if care < 0.35 else rng.randint(4, 12)
        starts = world.session_times(a.zone, per_day / sess, rhythm, days, weekend=1.0 if care < 0.35 else 0.5)
        batch = sess
    for t0 in starts:
        t = t0
        conv = world.hexid("conv_", 64)
        turn, ctx = 1, 0
        for _ in range(max(1, int(batch * rng.uniform(0.6, 1.4)))):
            cell = order[pos % len(order)]
            pos += 1
            followup = care > 0.5 and turn > 1 and rng.random() < 0.25
            prompt, system = (rng.choice(T.DISTILL_FOLLOWUPS), None) if followup else _distill_prompt(rng, cell, care)
            if not followup and (turn == 1 or rng.random() < 0.7):
                conv, turn, ctx = world.hexid("conv_", 64), 1, 0
            fresh = len(prompt) // 4 + 12
            out, thinking = int(rng.lognormvariate(6.4, 0.5)), int(rng.lognormvariate(7.4, 0.5))
            world.emit(a, t, ip=addr(t), ua=rng.choice(uas), prompt=prompt, system=system, endpoint=endpoint,
                       model=rng.choice(["quetzal-r1", "quetzal-3-opus"] if "messages" in endpoint else ["qz-r1", "qz-opus-3"]),
                       conversation_id=conv, turn=turn, reasoning=rng.random() < 0.95 - 0.25 * care,
                       reasoning_tokens=thinking, output_tokens=out, input_tokens=fresh + ctx,
                       max_tokens=rng.choice([16000, 32000]), stream=care > 0.5)
            ctx += fresh + out  # reasoning is not resent in later turns
            turn += 1
            t += rng.expovariate(1 / 2.0) if care < 0.35 else rng.lognormvariate(4.2, 0.7)


def distiller(world: World, orgs: dict[str, Org], n: int) -> None:
    """Single harvesters of reasoning traces: bulk from a cloud box, or careful and human-paced."""
    rng = world.rng
    space = distill_space(rng)
    for _ in range(n):
        care = _care(world, 0.3)
        zone = zone_of(world, DEV_ZONES)
        first, last = person(world)
        if care < 0.35:
            addr = P.cloud(world, rng.choice(["hetzner", "ovh", "aws-us-east-1", "gcp-us-central1"]), 2)
            uas = [rng.choice(UA_SDK)]
            per_day = rng.uniform(300, 600)
        else:
            home = P.household(world, ZONES[zone][1])
            addr = P.residential_proxy(world, 1800) if care > 0.75 else home
            uas = [rng.choice(UA_SDK), rng.choice(UA_BROWSER)]
            per_day = rng.uniform(100, 250) * (1.4 - care)
        cells = rng.sample(space, rng.randint(len(space) // 2, len(space)))
        variant = "bulk" if care < 0.35 else "careful"
        a = world.add_account("distiller", categories=("distillation",), variant=variant, zone=zone, plan="api",
                              email=personal_email(world, first, last), created_at=signed_up(world, 3, 120),
                              payment=world.fingerprint(), signup_ip=addr(START), n_keys=rng.randint(1, 4))
        a.label["careful"] = round(care, 2)
        _harvest(world, a, cells, care, per_day, addr, uas, rng.choice(["/v1/messages", "/v1/chat/completions"]))


# ------------------------------------------------------------------------------------------------
# scraping


def keyspace(rng: random.Random, kind: str) -> tuple[list[str], list[str]]:
    """A keyspace in its natural order, and paraphrases of the request wrapped around each key."""
    if kind == "icd_codes":
        start = rng.randrange(20)
        keys = [f"{L}{n:02d}.{d}" for L in T.ICD_LETTERS[start:] + T.ICD_LETTERS[:start] for n in range(100) for d in range(10)]
        wraps = ["Give the official ICD-10 description, inclusion and exclusion terms for code {k}.",
                 "What does ICD-10 {k} cover? Include excludes1/excludes2 notes.", "icd10 {k} - full entry please",
                 "Para el código CIE-10 {k}, dame la descripción oficial y notas de exclusión."]
    elif kind == "cve_ids":
        base = rng.randrange(1000, 40000)
        keys = [f"CVE-2025-{base + i:05d}" for i in range(30000)]
        wraps = ["Describe {k}: affected products and versions, CVSS vector, and a working proof of concept.",
                 "What is known about {k}? Versions affected and exploitation details.", "{k} details + PoC",
                 "Summarize the advisory for {k} including fixed versions."]
    elif kind == "alphabet":
        letters = "abcdefghijklmnopqrstuvwxyz"
        target = rng.choice(["Spanish words", "Portuguese words", "medications sold in Mexico", "companies listed on the BMV",
                             "Brazilian municipalities"])
        keys = [f"{x}{y}{z}" for x in letters for y in letters for z in letters]
        wraps = [f"List every {target} that start with '{{k}}', one per line, with a one-line definition.",
                 f"All {target} beginning with \"{{k}}\"? Complete list please.",
                 f"Enumerate {target} whose name starts with {{k}} (be exhaustive).",
                 f"{target}: prefix {{k}} — give all of them"]
    elif kind == "directory":
        keys = [f"{d}|{u}|{p}" for p in range(1, 9) for u in T.UNIVERSITIES for d in T.DEPARTMENTS] + \
               [f"{c}|{col}|{p}" for p in range(1, 9) for col in T.COLONIAS for c in T.CATALOGUE_CATS]
        wraps = ["List the people in {k0} at {k1} (page {k2}): name, title, email and phone.",
                 "Directory lookup: {k0} / {k1}, results page {k2}. Names and contact details.",
                 "Who are all the {k0} at {k1}? Continue from result page {k2}.",
                 "Necesito el listado de {k0} en {k1}, página {k2}, con teléfono y dirección."]
    else:  # probe_grid
        keys = [f"{lg}|{tk}|{ln}|{fmt}" for lg in T.PROBE_LANGS for tk in T.PROBE_TASKS for ln in T.PROBE_LENGTHS
                for fmt in ("plain", "json", "markdown")]
        wraps = ["In {k0}, {k1}. Length: {k2}. Output format: {k3}.",
                 "Task ({k0}): {k1}; answer in about {k2}, formatted as {k3}.",
                 "[probe] lang={k0} task={k1} len={k2} fmt={k3}",
                 "Please {k1} — write it in {k0}, {k2}, {k3} format."]
    return keys, wraps


def _render(wrap: str, key: str) -> str:
    parts = key.split("|")
    out = wrap.replace("{k}", key)
    for i, p in enumerate(parts):
        out = out.replace(f"{{k{i}}}", p)
    return out


def _walk(world: World, a: Account, keys: list[str], wraps: list[str], care: float, per_day: float, addr: P.Addr,
          uas: list[str], endpoint: str, sync: list[float] | None = None) -> None:
    """Walk `keys` once each: in order and flat-out when careless, shuffled and in sessions when careful."""
    rng = world.rng
    if sync is not None:
        starts = [t + rng.gauss(0, 60 + care * 1800) for t in sync]
        batch = max(1, int(per_day * world.days / max(1, len(sync))))
    elif care < 0.35:
        starts, batch = world.session_times(a.zone, per_day / 50, "flat"), 50
    else:
        batch = rng.randint(8, 25)
        starts = world.session_times(a.zone, per_day / batch, "office" if care > 0.6 else "late_dev", weekend=0.4)
    pos = 0
    for t0 in sorted(starts):
        t = t0
        for _ in range(max(1, int(batch * rng.uniform(0.7, 1.3)))):
            if pos >= len(keys):
                return
            key = keys[pos]
            pos += 1
            wrap = rng.choice(wraps) if rng.random() < care else wraps[0]
            world.emit(a, t, ip=addr(t), ua=rng.choice(uas), prompt=_render(wrap, key), endpoint=endpoint,
                       model=rng.choice(["quetzal-3.5-sonnet", "quetzal-3.5-haiku"] if "messages" in endpoint else
                                        ["qz-sonnet-3.5", "qz-haiku-3.5"]),
                       output_tokens=int(rng.lognormvariate(6.5, 0.5)), max_tokens=4096, stream=False, turn=1)
            t += rng.expovariate(1 / 1.5) if care < 0.35 else rng.lognormvariate(3.6, 0.8)


SCRAPE_KINDS = ["icd_codes", "cve_ids", "alphabet", "directory", "probe_grid"]


def scraper(world: World, orgs: dict[str, Org], n: int) -> None:
    """Single accounts walking a keyspace: ids, an alphabet, a directory, a grid of capability probes."""
    rng = world.rng
    for i in range(n):
        kind = SCRAPE_KINDS[i % len(SCRAPE_KINDS)]
        care = _care(world, 0.3)
        keys, wraps = keyspace(rng, kind)
        if care > 0.35:
            keys = keys[:]
            start = rng.randrange(len(keys))
            keys = keys[start:] + keys[:start]
            if care > 0.5:
                rng.shuffle(keys)
        zone = zone_of(world, DEV_ZONES)
        first, last = person(world)
        if care < 0.35:
            addr, uas, per_day = P.cloud(world, rng.choice(["hetzner", "ovh", "aws-us-east-1"]), 3), [rng.choice(UA_MISC)], rng.uniform(200, 450)
        else:
            addr = P.residential_proxy(world, 600) if care > 0.7 else P.household(world, ZONES[zone][1])
            uas, per_day = [rng.choice(UA_SDK), rng.choice(UA_BROWSER)], rng.uniform(100, 200)
        if kind == "probe_grid":
            per_day = min(per_day, len(keys) / world.days * 1.2)
        a = world.add_account("scraper", categories=("scraping",), variant=kind, zone=zone, plan="api",
                              email=personal_email(world, first, last), created_at=signed_up(world, 1, 90),
                              payment=world.fingerprint(), signup_ip=addr(START))
        a.label["careful"] = round(care, 2)
        _walk(world, a, keys, wraps, care, per_day, addr, uas, rng.choice(["/v1/messages", "/v1/chat/completions"]))


def scraper_network(world: World, orgs: dict[str, Org], n: int) -> None:
    """One keyspace split across several accounts of one operator, shuffled, each walking its shard."""
    rng = world.rng
    made, k = 0, 0
    while made < n:
        size = min(n - made, rng.randint(3, 6))
        kind = ["directory", "alphabet", "icd_codes", "probe_grid"][k % 4]
        k += 1
        care = _care(world, 0.1)
        keys, wraps = keyspace(rng, kind)
        keys = keys[: int(len(keys) * 0.6)]
        rng.shuffle(keys)
        nid = world.hexid("net-d-", 32)
        sync = world.session_times("new_york", 3, "flat")
        # careful operators keep each member's volume low and add members instead
        per_day = min(len(keys) / world.days / size * rng.uniform(0.5, 0.9), 60 + 200 * (1 - care))
        shared_card = world.fingerprint() if care < 0.4 else None
        region = rng.choice(["hetzner", "ovh"])
        signup0 = signed_up(world, 5, 40)
        for m in range(size):
            first, last = person(world)
            zone = zone_of(world, DEV_ZONES)
            if care < 0.4:
                addr, uas = P.cloud(world, region, 2), ["python-httpx/0.27.2"]
                created = signup0 + m * rng.uniform(60, 900)
            else:
                addr, uas = P.residential_proxy(world, 300), [rng.choice(UA_SDK + UA_BROWSER)]
                created = signup0 - rng.uniform(0, 60) * 86400
            a = world.add_account("scraper_network", categories=("scraping", "coordination"), network_id=nid,
                                  variant=kind, zone=zone, plan="api", email=personal_email(world, first, last),
                                  created_at=created, payment=shared_card or world.fingerprint(), signup_ip=addr(created))
            a.label["careful"] = round(care, 2)
            shard = keys[m::size]
            _walk(world, a, shard, wraps, care, per_day, addr, uas, "/v1/messages", sync=sync)
        made += size


# ------------------------------------------------------------------------------------------------
# tier abuse

WORKLOADS = [
    ("Write an SEO product description (120 words, Spanish) for: {adj} {product}, SKU {n}{n}{n}{n}{n}",
     "You write product copy for an e-commerce catalogue."),
    ("Classify this support ticket into billing, shipping, returns, account, other and draft a reply: \"{ticket}\"",
     "Customer support triage bot. Output JSON: {category, reply}."),
    ("Extract vendor, date, total and currency as JSON from this {doc}: {company} folio {n}{n}{n}{n}{n}",
     "Document extraction service. JSON only."),
    ("Summarize this call transcript for the CRM in 3 bullets: agent and customer discuss {concept_es}",
     "Call-center summarizer."),
]


def _workload_stream(world: World, a: Account, workload: tuple[str, str], per_day: float, rhythm: str, addr: P.Addr,
                     uas: list[str], cap: int | None = None, days: range | None = None, session: int = 20) -> None:
    """An automated business workload pushed through a consumer credential, capped by the plan if any."""
    rng = world.rng
    fill = fill_factory(rng, T.BANKS)
    tpl, system = workload
    count: dict[int, int] = {}
    for t0 in world.session_times(a.zone, per_day / session, rhythm, days, weekend=1.0 if rhythm == "flat" else 0.5):
        t = t0
        for _ in range(max(1, int(session * rng.uniform(0.6, 1.4)))):
            day = int((t - START) // 86400)
            count[day] = count.get(day, 0) + 1
            over = cap is not None and count[day] > cap
            world.emit(a, t, ip=addr(t), ua=rng.choice(uas), prompt=f"{fill(tpl)}\n[record {rng.getrandbits(36):09x}] {fill(rng.choice(T.DETAIL_TEXT))}", system=system,
                       endpoint="/v1/messages",
                       model="quetzal-3.5-haiku" if a.record["plan"] == "free" else "quetzal-3.5-sonnet", key_id=False,
                       output_tokens=rng.randint(80, 450), stream=False, status=429 if over else 200,
                       decision="throttle:plan_limit" if over else "allow")
            if over and rng.random() < 0.5:
                break
            t += rng.lognormvariate(1.5, 0.6) if rhythm == "flat" else rng.lognormvariate(3.0, 0.6)


def tier_pipeline(world: World, orgs: dict[str, Org], n: int) -> None:
    """A consumer subscription (pro/max) wired into a company's backend: enterprise volume, no humans."""
    rng = world.rng
    for _ in range(n):
        care = _care(world, 0.25)
        zone = zone_of(world, CONSUMER_ZONES)
        first, last = person(world)
        plan = rng.choice(["pro", "max", "max"])
        if care < 0.4:
            addr, uas, rhythm, per_day = P.cloud(world, rng.choice(["aws-us-east-1", "gcp-us-central1", "aws-sa-east-1"]), 1), \
                [rng.choice(["python-httpx/0.27.2", "python-requests/2.32.3", "axios/1.7.7"])], "flat", rng.uniform(200, 450)
        else:
            addr = P.household(world, ZONES[zone][1]) if care < 0.8 else P.pool(
                P.block(rng.choice(P.HOME_V4[ZONES[zone][1]])).sub(29, rng).cidr, world, 2)
            uas, rhythm, per_day = [rng.choice(UA_BROWSER)], "office", rng.uniform(100, 220)
        a = world.add_account("tier_pipeline", categories=("tier_abuse",), variant=plan, zone=zone, plan=plan,
                              email=personal_email(world, first, last), created_at=signed_up(world, 5, 200),
                              payment=world.fingerprint(), signup_ip=addr(START), n_keys=0)
        a.label["careful"] = round(care, 2)
        _workload_stream(world, a, rng.choice(WORKLOADS), per_day, rhythm, addr, uas)


def free_farm(world: World, orgs: dict[str, Org], n: int) -> None:
    """Farms of free accounts splitting one workload, each run up to the free plan's daily cap."""
    rng = world.rng
    made = 0
    while made < n:
        size = min(n - made, rng.randint(10, 18))
        care = _care(world, 0.1)
        nid = world.hexid("net-d-", 32)
        workload = rng.choice(WORKLOADS)
        handle = rng.choice(["tiendamx", "shopbot", "ventas", "catalogo", "promo"])
        signup0 = signed_up(world, 1, 30)
        dc = P.cloud(world, rng.choice(["hetzner", "ovh"]), 4)
        for m in range(size):
            first, last = person(world)
            zone = "mexico_city" if care < 0.6 else zone_of(world, CONSUMER_ZONES)
            if care < 0.4:
                email = f"{handle}.{rng.randrange(100, 999)}{m}@{rng.choice(['gmail.com', 'outlook.com'])}"
                created, addr, uas = signup0 + m * rng.uniform(30, 400), dc, ["python-httpx/0.27.2"]
            else:
                email = personal_email(world, first, last)
                created = signup0 - rng.uniform(0, 45) * 86400
                addr = P.residential_proxy(world, 900) if care > 0.6 else P.mobile(world, "MX")
                uas = [rng.choice(UA_BROWSER + UA_MOBILE)]
            a = world.add_account("free_farm", categories=("tier_abuse", "coordination"), network_id=nid, variant="careful" if care >= 0.4 else "batch_signup",
                                  zone=zone, plan="free", email=email, created_at=created, signup_ip=addr(created), n_keys=0)
            a.label["careful"] = round(care, 2)
            cap = 45
            _workload_stream(world, a, workload, cap * rng.uniform(0.9, 1.3), "flat" if care < 0.5 else "late_dev", addr, uas,
                             cap=cap, session=rng.randint(8, 15))
        made += size


def _shared_consumer(world: World, a: Account, users: int, care: float) -> None:
    """Many people in many places on one consumer account, each with their own devices and hours."""
    rng = world.rng
    fill = fill_factory(rng, T.BANKS)
    for _ in range(users):
        zone = zone_of(world, CONSUMER_ZONES) if rng.random() < 0.7 else rng.choice(["bangalore", "manila", "london", "madrid"])
        addr = P.consumer(world, zone)
        ua = rng.choice(UA_BROWSER + UA_MOBILE)
        bank = T.CONSUMER.get({"sao_paulo": "pt"}.get(zone, "es" if ZONES[zone][1] in ("MX", "CO", "PE", "CL", "AR", "ES") else "en"),
                              T.CONSUMER["en"]) + T.DEV + T.STUDENT
        for t0 in world.session_times(zone, rng.uniform(0.5, 2.5), rng.choice(["evening", "late_dev", "student"])):
            converse(world, a, t0, 1 + int(rng.expovariate(1 / 4)), picker(world, fill, bank), addr, ua,
                     gap=(3.9, 0.8), key_id=False, stream=True)


def shared_plan(world: World, orgs: dict[str, Org], n: int) -> None:
    """A max plan resold by the seat on a marketplace: a dozen strangers in several countries on one login."""
    rng = world.rng
    for _ in range(n):
        care = _care(world, 0.2)
        zone = zone_of(world, CONSUMER_ZONES)
        first, last = person(world)
        a = world.add_account("shared_plan", categories=("tier_abuse",), variant="resold_seat", zone=zone, plan="max",
                              email=personal_email(world, first, last), created_at=signed_up(world, 5, 200),
                              payment=world.fingerprint(), signup_ip=P.household(world, ZONES[zone][1])(START), n_keys=0)
        a.label["careful"] = round(care, 2)
        _shared_consumer(world, a, int(rng.randint(8, 25) * (1.2 - 0.5 * care)), care)


def reseller_network(world: World, orgs: dict[str, Org], n: int) -> None:
    """A reseller's stock of max plans, each sold to many people; bought in a batch by one operator."""
    rng = world.rng
    made = 0
    while made < n:
        size = min(n - made, rng.randint(4, 8))
        care = _care(world, 0.1)
        nid = world.hexid("net-d-", 32)
        card = world.fingerprint()
        zone0 = zone_of(world, CONSUMER_ZONES)
        signup0 = signed_up(world, 10, 60)
        op_home = P.household(world, ZONES[zone0][1])
        for m in range(size):
            first, last = person(world)
            created = signup0 + (m * rng.uniform(60, 3600) if care < 0.5 else rng.uniform(-30, 0) * 86400)
            a = world.add_account("reseller_network", categories=("tier_abuse", "coordination"), network_id=nid,
                                  variant="max_seats", zone=zone0, plan="max", email=personal_email(world, first, last),
                                  created_at=created, payment=card if care < 0.5 or m % 3 == 0 else world.fingerprint(),
                                  signup_ip=op_home(created) if care < 0.7 else P.residential_proxy(world)(created), n_keys=0)
            a.label["careful"] = round(care, 2)
            _shared_consumer(world, a, rng.randint(6, 14), care)
        made += size


# ------------------------------------------------------------------------------------------------
# operated networks (distillation split across accounts)


def coord_network(world: World, orgs: dict[str, Org], n: int) -> None:
    """Networks harvesting one capability space jointly, each member taking a slice, from loud to careful."""
    rng = world.rng
    space = distill_space(rng)
    made, k = 0, 0
    while made < n:
        size = min(n - made, rng.randint(9, 14))
        care = [max(0.0, world.careful - 0.5), world.careful, max(world.careful, 0.9)][k % 3]
        k += 1
        nid = world.hexid("net-d-", 32)
        cells = space[:]
        rng.shuffle(cells)
        sync = world.session_times("chicago", rng.uniform(3, 6), "office" if care > 0.5 else "flat")
        per_day = rng.uniform(120, 250) / (1 + 3 * care)
        region = rng.choice(["hetzner", "ovh", "aws-us-east-1"])
        card = world.fingerprint()
        template_ua = rng.choice(UA_SDK)
        signup0 = signed_up(world, 2, 20)
        for m in range(size):
            first, last = person(world)
            zone = zone_of(world, DEV_ZONES)
            if care < 0.35:
                addr, uas = P.cloud(world, region, 2), [template_ua]
                created, email = signup0 + m * rng.uniform(30, 600), f"{first.lower()[:3]}{last.lower()[:3]}{rng.randrange(1000)}@gmail.com"
                pay = card
            else:
                addr = P.residential_proxy(world, 0 if care > 0.8 else 1200)
                uas = [rng.choice(UA_SDK + UA_BROWSER)]
                created, email = signup0 - rng.uniform(0, 90 * care) * 86400, personal_email(world, first, last)
                pay = world.fingerprint()
            a = world.add_account("coord_network", categories=("distillation", "coordination"), network_id=nid,
                                  variant="loud" if care < 0.35 else "careful", zone=zone, plan="api", email=email,
                                  created_at=created, payment=pay, signup_ip=addr(created), n_keys=1)
            a.label["careful"] = round(care, 2)
            slice_ = cells[m::size] or cells[:1]
            _harvest(world, a, slice_, care, per_day, addr, uas,
                     "/v1/chat/completions" if m % 2 and care > 0.5 else "/v1/messages", sync=sync)
        made += size


# ------------------------------------------------------------------------------------------------
# hidden competitors


COMPETITOR_VARIANTS = ["card", "sso", "domain", "ide", "contractor_card", "contractor_weak", "weak", "weak", "ide", "card"]


def competitor(world: World, orgs: dict[str, Org], n: int) -> None:
    """A restricted rival's people on accounts that do not say so; tied by strong evidence or only weak."""
    rng = world.rng
    fill = fill_factory(rng, T.BANKS)
    for i in range(n):
        rival = orgs["condor-labs" if rng.random() < 0.6 else "nimbus-foundry"]
        variant = COMPETITOR_VARIANTS[i % len(COMPETITOR_VARIANTS)]
        zone = rival.zone if rng.random() < 0.8 else ("los_angeles" if rival.org_id == "condor-labs" else "london")
        first, last = person(world)
        if variant == "weak" and rng.random() < 0.5:
            last = rng.choice(["Okafor", "Tan", "Silva", "Lim"])  # the namesakes share these surnames
        country = ZONES[zone][1]
        home = P.household(world, country)
        office = P.pool(rival.offices[0], world, 3)
        email, pay, sso, plan, declared = personal_email(world, first, last), world.fingerprint(), None, "api", None
        addr = P.worker(world, zone, None, home, P.mobile(world, country))
        via_ide = False
        if variant == "card":
            pay = rng.choice(rival.cards)
        elif variant == "sso":
            email, sso, plan = work_email(first, last, rival.domains[0]), rival.sso[0], "team"
            addr = P.worker(world, zone, office, home)
        elif variant == "domain":
            email = work_email(first, last, rival.domains[-1], i)
        elif variant == "ide":
            via_ide = True
        elif variant.startswith("contractor"):
            email, declared = work_email(first, last, "andesdev.co", i), "Andes Dev Partners"
            zone = "bogota"
            home = P.household(world, "CO")
            addr = P.worker(world, zone, P.pool(orgs["andes-dev"].offices[0], world), home)
            if variant == "contractor_card":
                pay = rng.choice(rival.cards)
            else:  # on site at the client now and then: the only trace of whom the work is for
                base, onsite = addr, P.pool(rival.offices[0], world, 3)

                def addr(ts: float, base=base, onsite=onsite) -> str:
                    return onsite(ts) if rng.random() < 0.1 else base(ts)
        else:  # weak: personal everything, now and then from the rival's own office or its listed ranges
            listed = P.pool(rng.choice(rival.shared_ranges), world)

            def addr(ts: float, home=home, office=office, listed=listed) -> str:
                r = rng.random()
                return office(ts) if r < 0.06 else listed(ts) if r < 0.15 else home(ts)
        a = world.add_account("competitor", categories=("competitor",), org_id=rival.org_id, variant=variant, zone=zone,
                              plan=plan, email=email, created_at=signed_up(world, 5, 300), declared_company=declared,
                              payment=pay, signup_ip=addr(START), sso=sso)
        ua = rng.choice(UA_SDK)
        bank = T.RIVAL_EVAL + T.DEV
        eu_org = rival.domains[0]
        for t0 in world.session_times(zone, rng.uniform(1.0, 3.0), "office"):
            if via_ide and rng.random() < 0.8:
                from benign import platform_session
                relay = P.pool(orgs["tessellate"].offices[0], world)
                platform_session(world, a, "tessellate", relay, f"tsl_u_{a.account_id[-10:]}", eu_org, bank, t0)
            else:
                converse(world, a, t0, 1 + int(rng.expovariate(1 / 3)), lambda i: fill(rng.choice(bank)), addr, ua,
                         gap=(3.6, 0.8), reasoning_p=0.4, endpoint=rng.choice(["/v1/messages", "/v1/chat/completions"]))


def competitor_network(world: World, orgs: dict[str, Org], n: int) -> None:
    """A rival's own harvesting network: careful members, one of them paid with the rival's card."""
    rng = world.rng
    rival = orgs["nimbus-foundry"]
    space = distill_space(rng)
    made = 0
    while made < n:
        size = min(n - made, rng.randint(6, 10))
        care = max(0.5, world.careful)
        nid = world.hexid("net-d-", 32)
        cells = space[:]
        rng.shuffle(cells)
        sync = world.session_times(rival.zone, 4, "office")
        for m in range(size):
            first, last = person(world)
            zone = rng.choice(["singapore", "singapore", "bangalore", "london"])
            pay = rival.cards[0] if m == 0 else world.fingerprint()
            addr = P.residential_proxy(world, 1800) if m else P.pool(rival.shared_ranges[0], world)
            a = world.add_account("competitor_network", categories=("competitor", "coordination", "distillation"),
                                  network_id=nid, org_id=rival.org_id, variant="card_member" if m == 0 else "member",
                                  zone=zone, plan="api", email=personal_email(world, first, last),
                                  created_at=signed_up(world, 5, 90), payment=pay, signup_ip=addr(START))
            a.label["careful"] = round(care, 2)
            _harvest(world, a, cells[m::size], care, rng.uniform(60, 140), addr, [rng.choice(UA_SDK + UA_BROWSER)],
                     "/v1/messages", sync=sync)
        made += size
