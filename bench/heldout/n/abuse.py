"""Abusive personas. `w.careful` in [0, 1] makes them more careful as it rises: paraphrase instead of
templates, jittered instead of synchronised timing, residential instead of datacenter addresses,
lower per-account volume, cover traffic, fewer direct ties to their organization."""

from __future__ import annotations

import random

import behave as B
import text as T
from world import (COUNTRY_MIX, DAY, HOUR, LANGS_BY_COUNTRY, MOBILE, MODELS, PERSONAL_DOMAINS, POOLS, RESIDENTIAL,
                   START, Account, World, browser_ua, ip, sdk_ua)

DISPOSABLE = ["sharklasers.com", "guerrillamailblock.com", "yopmail.com", "10minutemail.net", "tempmail.id",
              "mailnesia.com", "emailnax.com"]
VPS = ["do_sg", "vultr_sg", "tencent_sg", "idcloudhost", "ali_other", "aws_sg"]


def chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


def careful_email(w: World, country: str, i: int, stem: str, low_domain: str | None = None) -> str:
    """Patterned when careless (stem + number at one domain), a plausible person when careful."""
    rng = w.rng
    if chance(rng, w.careful):
        return w.personal_email(country, domain=rng.choice(PERSONAL_DOMAINS.get(country, PERSONAL_DOMAINS["ID"])))
    dom = low_domain or rng.choice(["gmail.com", rng.choice(DISPOSABLE)])
    e = f"{stem}{i:02d}@{dom}" if rng.random() < 0.6 else f"{stem}+{i}@{dom}"
    if e in w._emails:
        e = f"{stem}{i:02d}{w.hexid(3)}@{dom}"
    w._emails.add(e)
    return e


def abusive(w: World, persona: str, cats: list[str], *, country: str, email: str, plan: str, created: float,
            payment: str | None, signup_ip: str | None, langs: list[str] | None = None, network_id: str | None = None,
            true_org: str | None = None, org_id: str | None = None, declared: str | None = None, sso: str | None = None,
            notes: str | None = None, n_keys: int = 1) -> Account:
    return w.account(persona, country=country, email=email, plan=plan, created_at=created, payment=payment,
                     signup_ip=signup_ip, langs=langs, categories=cats, network_id=network_id, true_org=true_org,
                     org_id=org_id, declared_company=declared, sso=sso, notes=notes, n_keys=n_keys)


def addr_fn(w: World, country: str, careful: float):
    """Datacenter when careless, a home line when middling, a rotating residential proxy when careful."""
    rng = w.rng
    r = rng.random()
    if r > careful:
        return B.ipf([(1.0, B.fixed(w, rng.choice(VPS), rng.randint(1, 2)))])
    if r > careful * 0.45:
        return B.home_and_mobile(w, country, 0.2)[0]
    countries = [country] + rng.sample(["ID", "VN", "PH", "TH", "MY", "IN"], 2)
    return lambda r2, cs=countries: B.residential_proxy(r2, cs)


def cover(rng: random.Random, a: Account) -> dict:
    """An ordinary-looking request mixed in by careful adversaries."""
    kind = rng.choice(["chat", "chat", "code"])
    p, reasoning, out = B.make_prompt(rng, kind, rng.choice(a.langs))
    return {"prompt": p, "reasoning": reasoning, "out_tokens": out, "model": B.pick_model(rng, reasoning)}


# ---------------------------------------------------------------------------------------------
# distillation by single accounts
# ---------------------------------------------------------------------------------------------

def _frame(rng: random.Random, lang: str, careful: float, fixed: bool) -> str:
    frames = T.REASON_FRAMES.get(lang, T.REASON_FRAMES["en"])
    return frames[0] if fixed else rng.choice(frames)


def distill_harvesters(w: World, n: int) -> None:
    """Harvest reasoning traces on parametric problems, in one or several languages, sometimes the
    same problem rendered in several languages in a row (a parallel corpus)."""
    rng, c = w.rng, w.careful
    for i in range(n):
        country = rng.choice(["CN", "VN", "ID", "SG", "KR", "IN", "TH", "MY", "ID", "CN"])
        langs = [LANGS_BY_COUNTRY[country][0]] + (rng.sample(["en", "id", "vi", "th", "zh", "ms", "tl", "ko"], rng.randint(1, 3))
                                                  if chance(rng, 0.4 + 0.5 * c) else [])
        a = abusive(w, "distill_reasoning_harvester", ["distillation"], country=country,
                    email=w.personal_email(country), plan=rng.choice(["api", "api", "max"]), created=w.created_before(3, 200),
                    payment=w.payment(), signup_ip=ip(rng, rng.choice(RESIDENTIAL[country])), langs=list(dict.fromkeys(langs)))
        a.ipfn = addr_fn(w, country, c)
        a.ua = sdk_ua(rng) if not chance(rng, c * 0.5) else browser_ua(rng)
        fixed = not chance(rng, c)
        queue: list[dict] = []

        def gen(r, j, a=a, fixed=fixed, q=queue):
            if q:
                return q.pop()
            if chance(r, 0.35 * c):
                return cover(r, a)
            kind = r.choice(T.PROBLEM_KINDS)
            params = T.new_problem_params(r, kind)
            reasoning = not chance(r, 0.45 * c)
            langs_now = [r.choice(a.langs)]
            if len(a.langs) > 1 and chance(r, 0.3):
                langs_now = r.sample(a.langs, min(len(a.langs), r.randint(2, 3)))
            out = []
            for lang in langs_now:
                p = T.problem(r, lang, kind, params, variant=0 if fixed else None)
                fr = _frame(r, lang, c, fixed)
                out.append({"prompt": (p + "\n\n" + fr).strip(), "reasoning": reasoning,
                            "model": MODELS["reason"] if reasoning else MODELS["pro"],
                            "out_tokens": int(B.lognorm(r, 2400 if reasoning else 700, 0.5)), "stream": False})
            q.extend(reversed(out[1:]))
            return out[0]
        profile = "flat" if not chance(rng, c) else rng.choice(["business", "office", "evening"])
        B.stream(w, a, B.count(rng, 260 * w.days * (1 - 0.6 * c), 0.4), gen, profile=profile,
                 burst=25 if c < 0.5 else 4)


def distill_coverage(w: World, n: int) -> None:
    """Systematic capability coverage: a domain x task-type x difficulty grid, one question each."""
    rng, c = w.rng, w.careful
    cells = [(d, s, k) for d in T.DOMAINS for s in T.SKILLS for k in T.DIFFICULTY]
    for i in range(n):
        country = rng.choice(["CN", "SG", "ID", "VN", "KR", "IN"])
        a = abusive(w, "distill_capability_coverage", ["distillation"], country=country, email=w.personal_email(country),
                    plan=rng.choice(["api", "max"]), created=w.created_before(3, 150), payment=w.payment(),
                    signup_ip=ip(rng, rng.choice(RESIDENTIAL[country])), langs=["en"])
        a.ipfn = addr_fn(w, country, c)
        a.ua = sdk_ua(rng)
        order = list(cells)
        start = rng.randrange(len(order))
        order = order[start:] + order[:start]
        if chance(rng, c):
            rng.shuffle(order)
        natural_p = c

        def gen(r, j, o=order, a=a):
            if chance(r, 0.3 * c):
                return cover(r, a)
            d, s, k = o[j % len(o)]
            return {"prompt": T.coverage_prompt(r, d, s, k, natural=chance(r, natural_p)), "reasoning": True,
                    "model": MODELS["reason"], "out_tokens": int(B.lognorm(r, 2200, 0.5)), "stream": False}
        B.stream(w, a, B.count(rng, 190 * w.days * (1 - 0.5 * c), 0.3), gen,
                 profile="flat" if c < 0.5 else "office", burst=20 if c < 0.5 else 3)


def _bank(rng: random.Random, size: int) -> list[tuple[str, dict]]:
    out = []
    for _ in range(size):
        k = rng.choice(T.PROBLEM_KINDS)
        out.append((k, T.new_problem_params(rng, k)))
    return out


def distill_paraphrase(w: World, n: int) -> None:
    """A question bank asked again and again under paraphrase and in several languages."""
    rng, c = w.rng, w.careful
    for i in range(n):
        country = rng.choice(["VN", "TH", "ID", "PH", "CN", "MY"])
        langs = list(dict.fromkeys([LANGS_BY_COUNTRY[country][0], "en"] + rng.sample(["id", "vi", "th", "zh", "tl", "ms", "ko"], 3)))
        a = abusive(w, "distill_paraphrase_bank", ["distillation"], country=country, email=w.personal_email(country),
                    plan=rng.choice(["api", "pro", "max"]), created=w.created_before(3, 200), payment=w.payment(),
                    signup_ip=ip(rng, rng.choice(RESIDENTIAL[country])), langs=langs)
        a.ipfn = addr_fn(w, country, c)
        a.ua = sdk_ua(rng) if chance(rng, 1 - c * 0.6) else browser_ua(rng)
        bank = _bank(rng, rng.randint(80, 160))
        seq = [(k, p, lang, v) for (k, p) in bank for lang in langs for v in range(2)]
        if chance(rng, c):
            rng.shuffle(seq)

        def gen(r, j, s=seq, a=a):
            if chance(r, 0.3 * c):
                return cover(r, a)
            k, p, lang, v = s[j % len(s)]
            prompt = T.problem(r, lang, k, p, variant=v if not chance(r, c) else None)
            fr = _frame(r, lang, c, fixed=not chance(r, c))
            return {"prompt": (prompt + "\n\n" + fr).strip(), "reasoning": True, "model": MODELS["reason"],
                    "out_tokens": int(B.lognorm(r, 2000, 0.5)), "stream": False}
        B.stream(w, a, B.count(rng, 200 * w.days * (1 - 0.5 * c), 0.3), gen,
                 profile="flat" if c < 0.5 else "evening", burst=15 if c < 0.5 else 3)


# ---------------------------------------------------------------------------------------------
# coordinated networks
# ---------------------------------------------------------------------------------------------

CODE_TASKS = ["reverse a linked list in place", "detect a cycle in a directed graph", "find the longest palindromic substring",
              "implement an LRU cache", "merge k sorted lists", "compute edit distance", "serialise a binary tree",
              "find the median of two sorted arrays", "implement a trie with prefix search", "solve N-queens for n={n}",
              "count islands in a grid", "schedule tasks with cooldown {n}", "implement rate limiting with a token bucket",
              "parse arithmetic expressions with precedence", "find strongly connected components", "topological sort with cycle report",
              "implement Dijkstra with a binary heap", "knapsack with capacity {n}", "longest increasing subsequence in O(n log n)",
              "word break with a dictionary"]


def _net_task(rng: random.Random, theme: str, lang: str, careful: float, fixed: bool, shared: dict | None = None) -> dict:
    """One solver task for a network's theme; `shared` carries the same underlying question across
    members (self-consistency sampling)."""
    if theme == "math":
        kind = shared["kind"] if shared else rng.choice(T.PROBLEM_KINDS)
        params = shared["params"] if shared else T.new_problem_params(rng, kind)
        p = T.problem(rng, lang, kind, params, variant=0 if fixed else None)
        return {"prompt": (p + "\n\n" + _frame(rng, lang, careful, fixed)).strip(), "reasoning": True,
                "model": MODELS["reason"], "out_tokens": int(B.lognorm(rng, 2300, 0.5)), "stream": False}
    if theme == "code":
        task = (shared["task"] if shared else rng.choice(CODE_TASKS)).replace("{n}", str(rng.randint(4, 12)))
        lang_c = rng.choice(["Python", "C++", "Java", "Go", "Rust"]) if not fixed else "Python"
        if fixed:
            p = f"Solve: {task}. Language: {lang_c}. First reason step by step about the algorithm, then give the code and its complexity."
        else:
            p = rng.choice([f"How would you {task} in {lang_c}? Talk me through your thinking before writing code.",
                            f"Interview prep: {task}. Explain the idea, edge cases, then code it in {lang_c}.",
                            f"Bisa bantu {task} pakai {lang_c}? Jelaskan cara berpikirnya dulu.",
                            f"Mình cần {task} bằng {lang_c}, giải thích từng bước giúp mình."])
        return {"prompt": p, "reasoning": True, "model": MODELS["reason"], "out_tokens": int(B.lognorm(rng, 2600, 0.5)),
                "stream": False}
    if theme == "coverage":
        d, s, k = shared["cell"] if shared else (rng.choice(T.DOMAINS), rng.choice(T.SKILLS), rng.choice(T.DIFFICULTY))
        p = T.coverage_prompt(rng, d, s, k, natural=not fixed)
        if lang == "zh" and not fixed:
            p = f"我在复习{d}。请出一道{k}难度的题目（{s}），并给出完整的推理过程。"
        elif lang == "vi" and not fixed:
            p = f"Mình đang ôn {d}. Cho mình một bài mức {k} ({s}) và lời giải chi tiết từng bước nhé."
        return {"prompt": p, "reasoning": True, "model": MODELS["reason"], "out_tokens": int(B.lognorm(rng, 2200, 0.5)),
                "stream": False}
    raise KeyError(theme)


def network(w: World, netid: str, size: int, theme: str, langs: list[str], countries: list[str], *,
            persona: str = "distill_network", cats: tuple[str, ...] = ("distillation", "coordination"),
            rival: dict | None = None, anchor_cards: dict | None = None, roles: bool = True) -> list[Account]:
    """A distillation network: a dispatcher hands tasks to member accounts in bursts; roles may be
    split (generators write questions, solvers harvest reasoning, graders check answers)."""
    rng, c = w.rng, w.careful
    members: list[Account] = []
    t_sign = START - rng.uniform(4, 20) * DAY
    shared_cards = [w.payment() for _ in range(rng.randint(1, 2))]
    shared_vps = B.fixed(w, rng.choice(VPS), rng.randint(2, 3))
    shared_ua = rng.choice(["python-requests/2.31.0", "OpenAI/Python 1.40.6", "httpx/0.27.0"])
    stem = rng.choice(["data.ops", "riset.ai", "qa.team", "labeler", "nlp.work", "studi.mat", "evalbot"])
    cats_l = list(cats) + (["competitor"] if rival else [])
    for i in range(size):
        country = rng.choice(countries)
        role = "solver"
        if roles:
            role = "generator" if i % 7 == 1 else "grader" if i % 7 == 4 else "solver"
        created = t_sign + rng.uniform(0, 2 * HOUR) if not chance(rng, c) else START - rng.uniform(3, 120) * DAY
        card = rng.choice(shared_cards) if not chance(rng, c) else w.payment()
        a = abusive(w, persona + ("_rival" if rival else ""), cats_l, country=country,
                    email=careful_email(w, country, i + 1, stem), plan=rng.choice(["api", "api", "pro"]), created=created,
                    payment=card, signup_ip=shared_vps[0] if not chance(rng, c) else ip(rng, rng.choice(RESIDENTIAL[country])),
                    langs=langs, network_id=netid, true_org=rival["org_id"] if rival else None, notes=f"role={role}")
        a.state["role"] = role
        if not chance(rng, c):
            a.ipfn = B.ipf([(1.0, shared_vps)])
        else:
            a.ipfn = addr_fn(w, country, max(c, 0.6))
        a.ua = shared_ua if not chance(rng, c) else B.ua_for(rng, 0.4)
        members.append(a)
    ties: list[str] = []
    if rival:
        ties = _tie_network(w, members, rival, anchor_cards)
        for a in members:
            a.label["notes"] = (a.label.get("notes") or "") + "; network tied to " + rival["org_id"] + " via " + ", ".join(ties)
    # the dispatcher: bursts through the week
    period = (1.0 + 3.0 * c) * HOUR
    jitter = 20 + c * 5400
    per_acct = 240 * (1 - 0.72 * c) * w.days / 7
    total = int(per_acct * size)
    t = START + rng.uniform(0, period)
    emitted = 0
    fixed_tpl = not chance(rng, c)
    while t < w.clock.end and emitted < total:
        # careful networks sleep at night like people; careless ones run around the clock
        local_h = ((t - START) / HOUR + 7 + (w.rng.choice([0, 1]) if c > 0.5 else 0)) % 24
        if c > 0.3 and 1 <= local_h < 7:
            t += period
            continue
        active = [a for a in members if chance(rng, 1 - 0.5 * c)] or [rng.choice(members)]
        n_tasks = max(1, int(len(active) * rng.uniform(2, 5) * (1 - 0.5 * c)))
        for j in range(n_tasks):
            a = active[j % len(active)]
            role = a.state["role"]
            lang = rng.choice(langs)
            ts = t + abs(rng.gauss(0, jitter)) + j * rng.uniform(0.5, 3)
            if role == "generator":
                dom = rng.choice(T.DOMAINS)
                kw = {"prompt": (f"Generate 20 new, diverse {dom} problems at {rng.choice(T.DIFFICULTY)} level that require multi-step "
                                 f"reasoning. Output a JSON list of objects with fields question, topic, difficulty. No solutions.")
                      if fixed_tpl else rng.choice([
                          f"Could you write me a set of about 15 challenging {dom} exercises for a study group? Just the questions, as JSON.",
                          f"Tolong buatkan 15 soal {dom} yang sulit dan beragam, format JSON, tanpa jawaban.",
                          f"Cho mình khoảng 15 bài tập {dom} khó, đa dạng, định dạng JSON, chưa cần lời giải."]),
                      "reasoning": False, "model": MODELS["pro"], "out_tokens": int(B.lognorm(rng, 1800, 0.4)), "stream": False}
            elif role == "grader":
                sol = f"Step 1: set up the equations. Step 2: substitute. Step 3: simplify. Final answer: {rng.randint(2, 999)}"
                q = T.problem(rng, "en")
                kw = {"prompt": (f"Verify this solution. Reply CORRECT or INCORRECT, then the corrected final answer.\n\nQuestion: {q}\n\nSolution: {sol}")
                      if fixed_tpl else rng.choice([f"My friend solved this: {q}\nTheir working: {sol}\nIs that right? If not, what's the answer?",
                                                     f"Cek jawaban ini benar atau salah ya: {q}\nJawaban: {sol}"]),
                      "reasoning": True, "model": MODELS["reason_mini"], "out_tokens": int(B.lognorm(rng, 700, 0.5)), "stream": False}
            else:
                shared = None
                if chance(rng, 0.35):  # self-consistency: the same question to 2-3 members
                    if theme == "math":
                        k = rng.choice(T.PROBLEM_KINDS)
                        shared = {"kind": k, "params": T.new_problem_params(rng, k)}
                    elif theme == "code":
                        shared = {"task": rng.choice(CODE_TASKS)}
                    else:
                        shared = {"cell": (rng.choice(T.DOMAINS), rng.choice(T.SKILLS), rng.choice(T.DIFFICULTY))}
                    others = [m for m in active if m.state["role"] == "solver" and m is not a]
                    for m in rng.sample(others, min(len(others), rng.randint(1, 2))):
                        kw2 = _net_task(rng, theme, rng.choice(langs) if not fixed_tpl else langs[0], c, fixed_tpl, shared)
                        p2 = kw2.pop("prompt")
                        w.emit(m, ts + abs(rng.gauss(0, jitter)), p2, **kw2)
                        emitted += 1
                kw = _net_task(rng, theme, lang if not fixed_tpl else langs[0], c, fixed_tpl, shared)
            if chance(rng, 0.25 * c):
                kw = cover(rng, a)
            p = kw.pop("prompt")
            w.emit(a, ts, p, **kw)
            emitted += 1
        t += period * rng.uniform(0.6, 1.4)
    return members


def _tie_network(w: World, members: list[Account], rival: dict, anchor_cards: dict | None) -> list[str]:
    """Leave the evidence that ties a network to its restricted organization: at least one strong
    tie on one member (its corporate card, or a card shared with a known employee), a weak one on
    another (a signup from its office), and, when careless, more."""
    rng, c = w.rng, w.careful
    ties = []
    m0 = members[0]
    if anchor_cards and anchor_cards.get(rival["org_id"]) and chance(rng, 0.5):
        m0.rec["payment_fingerprint"] = anchor_cards[rival["org_id"]]
        ties.append(f"{m0.id}: card shared with a known employee's account")
    else:
        m0.rec["payment_fingerprint"] = rival["cards"][0]
        ties.append(f"{m0.id}: the organization's corporate card")
    if len(members) > 1:
        m1 = members[1]
        m1.rec["signup_ip"] = ip(rng, rival["office"])
        ties.append(f"{m1.id}: signed up from the organization's office block")
    if len(members) > 2 and chance(rng, 1 - c):
        m2 = members[2]
        f, l = w.person(rival["country"])
        m2.rec["email"] = w.work_email(rival["domains"][-1], rival["country"], f, l)
        ties.append(f"{m2.id}: email at the organization's domain")
    if len(members) > 3 and chance(rng, 0.6):
        m3 = members[3]
        m3.state["office_requests"] = True
        office_ip = ip(rng, rival["office"])
        for k in range(rng.randint(2, 6)):
            t = START + rng.uniform(0, w.days) * DAY
            p, r_, o = B.make_prompt(rng, "chat", rng.choice(m3.langs))
            w.emit(m3, t, p, ip=office_ip, out_tokens=o)
        ties.append(f"{m3.id}: a few requests from the office block")
    return ties


# ---------------------------------------------------------------------------------------------
# scraping and extraction
# ---------------------------------------------------------------------------------------------

DIR_FACETS = {
    "kecamatan": ["rumah sakit", "apotek", "sekolah dasar", "notaris", "bengkel motor", "klinik gigi"],
    "kabupaten": ["SMA/SMK", "rumah sakit", "pejabat daerah", "kantor desa", "koperasi"],
    "idx": ["ownership structure", "board of directors", "FY2023 financials", "subsidiaries", "major contracts"],
    "drugs": ["dosing", "interactions", "contraindications"],
}
PAGED = {"id_prefix": ["", " (lanjutkan, halaman 2)", " (halaman 3)"], "th_consonants": ["", " ต่อหน้า2"],
         "vi_syllables": ["", " (tiếp, trang 2)", " (trang 3)"]}
SCRAPE_KINDS = {
    "scrape_alphabet": ["id_prefix", "th_consonants", "vi_syllables"],
    "scrape_number_range": ["kuhp", "postcodes", "nib", "hs_codes"],
    "scrape_directory": ["kecamatan", "kabupaten", "vn_provinces", "th_provinces", "ph_municipalities", "idx"],
    "scrape_catalogue": ["phones", "drugs"],
}


def _keys(space: str) -> list[tuple[str, str]]:
    """The (key, facet) pairs of a keyspace in natural order."""
    ks = T.keyspace(space)
    if space in DIR_FACETS:
        return [(k, f) for k in ks for f in DIR_FACETS[space]]
    if space in PAGED:
        return [(k, p) for k in ks for p in PAGED[space]]
    return [(k, "") for k in ks]


def _scrape_prompt(rng: random.Random, space: str, key: tuple[str, str], natural: bool) -> str:
    forms = T.SCRAPE_FORMS[space]["natural" if natural else "blunt"]
    k, f = key
    out = rng.choice(forms).format(k=k, f=f)
    if space in PAGED and f:
        out += f
    return out


def scrapers(w: World, persona: str, n: int) -> None:
    rng, c = w.rng, w.careful
    for i in range(n):
        space = SCRAPE_KINDS[persona][i % len(SCRAPE_KINDS[persona])]
        country = {"th_consonants": "TH", "th_provinces": "TH", "vi_syllables": "VN", "vn_provinces": "VN",
                   "ph_municipalities": "PH"}.get(space, rng.choice(["ID", "ID", "SG", "MY", "CN", "IN"]))
        a = abusive(w, persona, ["scraping"], country=country, email=w.personal_email(country),
                    plan=rng.choice(["api", "api", "pro", "max"]), created=w.created_before(2, 120), payment=w.payment(),
                    signup_ip=ip(rng, rng.choice(RESIDENTIAL[country])), langs=LANGS_BY_COUNTRY[country],
                    notes=f"keyspace={space}")
        a.ipfn = addr_fn(w, country, c)
        a.ua = sdk_ua(rng) if chance(rng, 1 - 0.6 * c) else browser_ua(rng)
        keys = _keys(space)
        off = rng.randrange(len(keys))
        keys = keys[off:] + keys[:off]
        if chance(rng, c):  # shuffle in blocks so coverage is not an obvious sequence
            blocks = [keys[j:j + 7] for j in range(0, len(keys), 7)]
            rng.shuffle(blocks)
            keys = [k for b in blocks for k in b]
        natural_p = c

        def gen(r, j, ks=keys, a=a, sp=space):
            if chance(r, 0.35 * c):
                return cover(r, a)
            key = ks[j % len(ks)]
            return {"prompt": _scrape_prompt(r, sp, key, chance(r, natural_p)), "model": MODELS["pro"] if r.random() < 0.7 else MODELS["flash"],
                    "out_tokens": int(B.lognorm(r, 1100, 0.5)), "stream": False}
        want = B.count(rng, 230 * w.days * (1 - 0.55 * c), 0.3)
        B.stream(w, a, min(want, int(len(keys) * 1.1) + 20), gen, profile="flat" if c < 0.5 else rng.choice(["office", "evening"]),
                 burst=40 if c < 0.5 else 4)


def probe_grid(w: World, n: int) -> None:
    """A grid of capability probes: task x language x length, cell by cell."""
    rng, c = w.rng, w.careful
    for i in range(n):
        country = rng.choice(["CN", "SG", "KR", "IN", "ID"])
        a = abusive(w, "scrape_probe_grid", ["scraping"], country=country, email=w.personal_email(country),
                    plan="api", created=w.created_before(2, 90), payment=w.payment(),
                    signup_ip=ip(rng, rng.choice(RESIDENTIAL[country])), langs=["en"])
        a.ipfn = addr_fn(w, country, c)
        a.ua = sdk_ua(rng)
        grid = [(t, l, ln) for t in T.PROBE_TASKS for l in T.LANG_NAMES for ln in T.PROBE_LENGTHS]
        if chance(rng, c):
            rng.shuffle(grid)
        reps = 1 if c > 0.5 else 2

        def gen(r, j, g=grid, a=a):
            if chance(r, 0.3 * c):
                return cover(r, a)
            t, l, ln = g[(j // reps) % len(g)]
            return {"prompt": T.probe_prompt(r, t, l, ln, j, blunt=not chance(r, c)), "model": r.choice(list(MODELS.values())[:5]),
                    "out_tokens": int(B.lognorm(r, 300, 0.6)), "stream": False}
        B.stream(w, a, B.count(rng, len(grid) * reps * (1 - 0.4 * c), 0.2), gen, profile="flat" if c < 0.5 else "office",
                 burst=30 if c < 0.5 else 4)


def hidden_scrapers(w: World, n: int) -> None:
    """Extraction hidden inside ordinary-looking tasks: every request is a plausible question, but
    together they cover a directory; plenty of genuine chat in between."""
    rng, c = w.rng, w.careful
    spaces = ["kecamatan", "idx", "drugs", "kabupaten", "phones", "vn_provinces"]
    for i in range(n):
        space = spaces[i % len(spaces)]
        country = "VN" if space == "vn_provinces" else "ID"
        a = abusive(w, "scrape_hidden", ["scraping"], country=country, email=w.personal_email(country),
                    plan=rng.choice(["pro", "api"]), created=w.created_before(10, 300), payment=w.payment(),
                    signup_ip=ip(rng, rng.choice(RESIDENTIAL[country])), langs=LANGS_BY_COUNTRY[country],
                    notes=f"keyspace={space}")
        a.ipfn = B.home_and_mobile(w, country, 0.3)[0] if chance(rng, 0.5 + 0.5 * c) else addr_fn(w, country, c)
        a.ua = browser_ua(rng)
        keys = _keys(space)
        rng.shuffle(keys)

        def pf(r, acct, k, conv, ks=keys, sp=space):
            if r.random() < 0.25 + 0.25 * c:
                p, reasoning, out = B.make_prompt(r, "chat", r.choice(acct.langs))
                return p, reasoning, out
            j = acct.state.get("j", 0)
            acct.state["j"] = j + 1
            return _scrape_prompt(r, sp, ks[j % len(ks)], True), False, int(B.lognorm(r, 900, 0.5))
        B.human(w, a, min(int(len(keys) * 1.3), B.count(rng, 110 * w.days * (1 - 0.4 * c), 0.3)),
                profile="office", mix={"chat": 1.0}, prompt_fn=pf, conv_p=0.0, mean_session=6, gap_median=40)


def scrape_network(w: World, netid: str, size: int, space: str, countries: list[str]) -> list[Account]:
    """Several accounts splitting one keyspace between them on a shared schedule."""
    rng, c = w.rng, w.careful
    keys = _keys(space)
    members: list[Account] = []
    t_sign = START - rng.uniform(3, 15) * DAY
    card = w.payment()
    vps = B.fixed(w, rng.choice(VPS), 2)
    ua = rng.choice(["python-requests/2.31.0", "aiohttp/3.9.5", "Go-http-client/2.0"])
    stem = rng.choice(["crawl", "datafeed", "riset.pasar", "marketdata"])
    for i in range(size):
        country = rng.choice(countries)
        a = abusive(w, "scrape_network", ["scraping", "coordination"], country=country,
                    email=careful_email(w, country, i + 1, stem), plan=rng.choice(["api", "pro"]),
                    created=t_sign + rng.uniform(0, 3 * HOUR) if not chance(rng, c) else START - rng.uniform(2, 90) * DAY,
                    payment=card if not chance(rng, c) else w.payment(),
                    signup_ip=vps[0] if not chance(rng, c) else ip(rng, rng.choice(RESIDENTIAL[country])),
                    langs=LANGS_BY_COUNTRY[country], network_id=netid, notes=f"keyspace={space}")
        a.ipfn = B.ipf([(1.0, vps)]) if not chance(rng, c) else addr_fn(w, country, max(c, 0.6))
        a.ua = ua if not chance(rng, c) else B.ua_for(rng, 0.5)
        members.append(a)
    # partition: contiguous slices when careless, a random deal when careful
    if chance(rng, c):
        assign = {k: rng.randrange(size) for k in keys}
    else:
        assign = {k: min(size - 1, j * size // len(keys)) for j, k in enumerate(keys)}
    queues = [[k for k in keys if assign[k] == m] for m in range(size)]
    period = (0.5 + 3 * c) * HOUR
    jitter = 10 + c * 3600
    t = START + rng.uniform(0, period)
    per_burst = max(1, int(8 * (1 - 0.6 * c)))
    while t < w.clock.end and any(queues):
        for m, a in enumerate(members):
            if not queues[m] or not chance(rng, 1 - 0.4 * c):
                continue
            ts = t + abs(rng.gauss(0, jitter))
            for _ in range(min(per_burst, len(queues[m]))):
                if chance(rng, 0.3 * c):
                    kw = cover(rng, a)
                else:
                    key = queues[m].pop(0)
                    kw = {"prompt": _scrape_prompt(rng, space, key, chance(rng, c)), "model": MODELS["pro"],
                          "out_tokens": int(B.lognorm(rng, 1000, 0.5)), "stream": False}
                p = kw.pop("prompt")
                w.emit(a, ts, p, **kw)
                ts += rng.uniform(1, 6) + c * rng.uniform(0, 120)
        t += period * rng.uniform(0.7, 1.3)
    return members


# ---------------------------------------------------------------------------------------------
# tier abuse
# ---------------------------------------------------------------------------------------------

FREE_DAILY_QUOTA = 40
SEO_KEYS = ["jasa sedot wc", "harga semen", "sewa mobil", "kursus bahasa inggris", "servis ac", "jual rumah", "katering nasi box",
            "tukang las", "les privat matematika", "rental kamera", "toko bangunan", "jasa pindahan", "laundry sepatu", "bengkel las"]
CITIES = ["Jakarta Selatan", "Bekasi", "Depok", "Tangerang", "Bogor", "Bandung", "Surabaya", "Semarang", "Medan", "Makassar",
          "Malang", "Yogyakarta", "Palembang", "Denpasar", "Batam", "Pekanbaru", "Balikpapan", "Pontianak", "Manado", "Solo"]


def _seo(rng: random.Random, careful: float) -> str:
    kw = f"{rng.choice(SEO_KEYS)} {rng.choice(CITIES)}"
    if chance(rng, careful):
        return rng.choice([f"Bantu saya menulis artikel blog tentang {kw}, sekitar 800 kata, yang enak dibaca.",
                           f"Saya punya usaha {kw}. Tolong buatkan tulisan untuk website, lengkap dengan beberapa subjudul dan FAQ.",
                           f"Write a friendly 700-word article in Indonesian about {kw} with a FAQ at the end."])
    return f"Tulis artikel SEO 800 kata tentang \"{kw}\" dengan H2 dan H3, kepadatan kata kunci 2%, dan 5 FAQ di akhir."


def free_farm(w: World, netid: str, size: int, workload: str) -> list[Account]:
    """Free accounts run as one pipeline: each pushed to (careless: past) the daily free quota."""
    rng, c = w.rng, w.careful
    cats = ["tier_abuse", "coordination"] + (["distillation"] if workload == "reason" else [])
    t_sign = START - rng.uniform(1, 10) * DAY
    vps = B.fixed(w, rng.choice(["idcloudhost", "do_sg", "vultr_sg"]), 2)
    ua = rng.choice(["python-requests/2.31.0", "axios/1.7.2"])
    stem = rng.choice(["seo.kerja", "konten", "artikel.id", "writer", "mathbot"])
    members = []
    for i in range(size):
        country = rng.choice(["ID", "ID", "VN", "PH"]) if c > 0.5 else "ID"
        created = t_sign + rng.uniform(0, 4 * HOUR) if not chance(rng, c) else START - rng.uniform(1, 60) * DAY
        a = abusive(w, "free_farm" + ("_distill" if workload == "reason" else ""), cats, country=country,
                    email=careful_email(w, country, i + 1, stem), plan="free", created=created, payment=None,
                    signup_ip=vps[0] if not chance(rng, c) else ip(rng, rng.choice(RESIDENTIAL[country] + MOBILE[country])),
                    langs=["id"], network_id=netid)
        a.ipfn = B.ipf([(1.0, vps)]) if not chance(rng, c) else addr_fn(w, country, max(0.7, c))
        a.ua = ua if not chance(rng, c) else browser_ua(rng)
        members.append(a)
    daily = FREE_DAILY_QUOTA * (1.5 - 0.75 * c)
    for a in members:
        active = [d for d in range(w.days) if chance(rng, 1 - 0.35 * c)] or [0]
        for d in active:
            k = max(1, int(rng.gauss(daily, daily * 0.1)))
            # careless farms start every account together; careful ones stagger and jitter
            t = START + d * DAY + (rng.uniform(0, 0.3) if c < 0.5 else rng.uniform(0, 10)) * HOUR + rng.uniform(0, 600) + 2 * HOUR
            used = 0
            for _ in range(k):
                if workload == "reason":
                    kk = rng.choice(T.PROBLEM_KINDS)
                    lang = rng.choice(["id", "en", "vi"])
                    p = (T.problem(rng, lang, kk, variant=0 if c < 0.5 else None) + "\n\n" + _frame(rng, lang, c, c < 0.5)).strip()
                    kw = {"reasoning": True, "model": MODELS["reason_mini"], "out_tokens": int(B.lognorm(rng, 1600, 0.5))}
                else:
                    p = _seo(rng, c)
                    kw = {"model": MODELS["flash"], "out_tokens": int(B.lognorm(rng, 1200, 0.3))}
                used += 1
                if used > FREE_DAILY_QUOTA:
                    w.emit(a, t, p, status=429, decision="deny:quota_exceeded", **kw)
                else:
                    w.emit(a, t, p, stream=False, **kw)
                t += rng.uniform(20, 90) if c < 0.5 else rng.uniform(120, 1500)
    return members


def shared_consumer_plans(w: World, n: int) -> None:
    """A consumer plan sold on as shared seats ("patungan akun"): many people, devices and places on
    one account, round the clock."""
    rng, c = w.rng, w.careful
    for i in range(n):
        country = rng.choice(["ID", "ID", "VN", "PH", "MY"])
        a = abusive(w, "shared_consumer_plan", ["tier_abuse"], country=country, email=w.personal_email(country),
                    plan=rng.choice(["pro", "max", "max"]), created=w.created_before(5, 200), payment=w.payment(),
                    signup_ip=ip(rng, rng.choice(RESIDENTIAL[country])), langs=LANGS_BY_COUNTRY[country])
        seats = rng.randint(8, 14) if c > 0.5 else rng.randint(15, 35)
        proxy = B.fixed(w, rng.choice(RESIDENTIAL[country]), 1)
        devices = []
        for s in range(seats):
            sc = country if rng.random() < 0.8 else rng.choice(COUNTRY_MIX)
            if chance(rng, c * 0.6):  # careful resellers front the seats through one address
                devices.append((browser_ua(rng), B.ipf([(1.0, proxy)]), LANGS_BY_COUNTRY[sc]))
            else:
                devices.append((browser_ua(rng), B.home_and_mobile(w, sc, 0.4)[0], LANGS_BY_COUNTRY[sc]))
        weights = [rng.paretovariate(1.5) for _ in devices]
        a.ua = devices[0][0]

        def pf(r, acct, k, conv, ds=devices, ws=weights):
            return None
        total = B.count(rng, seats * 11 * w.days * (1 - 0.3 * c), 0.3)
        done = 0
        while done < total:
            ua_s, ipfn_s, langs_s = rng.choices(devices, weights)[0]
            t = w.clock.sample(rng, a.tz, rng.choice(["evening", "office", "student"]))
            conv = w.conv()
            hist = 0
            for turn in range(1, 1 + rng.randint(1, 6)):
                if turn == 1:
                    p, reasoning, out = B.make_prompt(rng, rng.choice(["chat", "chat", "code", "homework"]), rng.choice(langs_s))
                else:
                    p, reasoning, out = T.followup(rng, rng.choice(langs_s)), False, int(B.lognorm(rng, 300))
                r = w.emit(a, t, p, ip=ipfn_s(rng), ua=ua_s, conv=conv, turn=turn, reasoning=reasoning, out_tokens=out,
                           history=hist, model=B.pick_model(rng, reasoning), stream=True)
                if r:
                    hist += r["input_tokens"] + r["output_tokens"]
                done += 1
                t += B.lognorm(rng, 60, 0.8)


def consumer_pipelines(w: World, n: int) -> None:
    """An enterprise's automated workload on a consumer plan."""
    rng, c = w.rng, w.careful
    kinds = ["invoice", "cv", "news", "ticket"]
    for i in range(n):
        country = rng.choice(["ID", "ID", "MY", "SG", "PH"])
        kind = kinds[i % len(kinds)]
        a = abusive(w, "consumer_plan_pipeline", ["tier_abuse"], country=country, email=w.personal_email(country),
                    plan=rng.choice(["pro", "max"]), created=w.created_before(5, 300), payment=w.payment(),
                    signup_ip=ip(rng, rng.choice(RESIDENTIAL[country])), langs=LANGS_BY_COUNTRY[country],
                    declared=None if chance(rng, 0.5 + 0.5 * c) else rng.choice(["PT Mitra Logistik", "Accounting dept", "HR Team"]))
        if chance(rng, c):
            a.ipfn = B.home_and_mobile(w, country, 0.05)[0]
            a.ua = browser_ua(rng)
        else:
            a.ipfn = B.ipf([(1.0, B.fixed(w, rng.choice(["aws_jkt", "gcp_jkt", "idcloudhost", "office_generic_id"]), 1))])
            a.ua = rng.choice(["python-requests/2.31.0", "OpenAI/Python 1.40.6", "Apache-HttpClient/4.5.14 (Java/17.0.9)"])

        def gen(r, j, k=kind):
            return {"prompt": T.pipeline_doc(r, k), "model": MODELS["pro"], "out_tokens": int(B.lognorm(r, 220)), "stream": False}
        B.stream(w, a, B.count(rng, 320 * w.days * (1 - 0.5 * c), 0.3), gen,
                 profile="flat" if c < 0.5 else "business", burst=20 if c < 0.5 else 4)


NOVEL = ["Senja di Pelabuhan Sunda Kelapa", "Hujan Terakhir di Braga", "Anak-Anak Sungai Musi", "Rahasia Kebun Teh Malabar"]


def trial_cycling(w: World, netid: str, size: int) -> list[Account]:
    """One person running through trial accounts one after another on the same ongoing project."""
    rng, c = w.rng, w.careful
    country = rng.choice(["ID", "PH", "VN"])
    home = B.fixed(w, rng.choice(RESIDENTIAL[country]), 1)
    first, last = w.person(country)
    card = w.payment()
    device = browser_ua(rng)
    project = rng.choice(["novel", "app"])
    title = rng.choice(NOVEL)
    chapter = rng.randint(3, 12)
    members = []
    span = w.days * DAY / size
    for i in range(size):
        t0 = START + i * span + rng.uniform(0, 0.2) * span
        email = (f"{first.replace(' ', '')}.{last.replace(' ', '')}{i + 1}@gmail.com" if not chance(rng, c)
                 else w.personal_email(country, *w.person(country)))
        if email in w._emails and not chance(rng, c):
            email = f"{first.replace(' ', '')}{i + 1}{w.hexid(2)}@gmail.com"
        w._emails.add(email)
        a = abusive(w, "trial_cycling", ["tier_abuse", "coordination"], country=country, email=email, plan="pro",
                    created=t0 - rng.uniform(60, 900), payment=card if not chance(rng, c) else w.payment(),
                    signup_ip=home[0] if not chance(rng, c) else ip(rng, rng.choice(MOBILE[country])),
                    langs=LANGS_BY_COUNTRY[country], network_id=netid, notes=f"trial {i + 1} of {size}")
        a.ipfn = B.ipf([(0.8, home), (0.2, rng.choice(MOBILE[country]))])
        a.ua = device if not chance(rng, c) else browser_ua(rng)
        members.append(a)
        t, end = t0, t0 + span
        while t < end:
            if project == "novel":
                chapter += 1 if rng.random() < 0.15 else 0
                p = rng.choice([f"Lanjutkan bab {chapter} novel \"{title}\" dari adegan terakhir, 1500 kata, gaya sastra.",
                                f"Revisi dialog di bab {chapter} \"{title}\" supaya lebih emosional.",
                                f"Buat ringkasan bab 1-{chapter} \"{title}\" untuk menjaga konsistensi tokoh."])
                out = int(B.lognorm(rng, 2200, 0.4))
            else:
                p = T.code_prompt(rng, "en") + f"\n(This is for my Flutter app 'KasirKu', module #{chapter})"
                out = int(B.lognorm(rng, 900, 0.5))
            w.emit(a, t, p, out_tokens=out, model=MODELS["pro"], stream=True)
            local_h = ((t - START) / HOUR + 7) % 24
            t += B.lognorm(rng, 300, 0.9) if 8 <= local_h < 24 else 6 * HOUR
    return members


def reseller_network(w: World, netid: str, size: int) -> list[Account]:
    """Consumer accounts pooled behind a reseller's relay (one-api style), load-balanced request by
    request across the pool, selling access on to many downstream customers."""
    rng, c = w.rng, w.careful
    relay = B.fixed(w, rng.choice(["tencent_sg", "ali_other"]), 1 if c < 0.5 else 3)
    members = []
    for i in range(size):
        country = rng.choice(["CN", "CN", "SG", "MY", "VN"])
        a = abusive(w, "reseller_network", ["tier_abuse", "coordination"], country=country,
                    email=careful_email(w, country, i + 1, "api.pool", "outlook.com"), plan=rng.choice(["max", "pro"]),
                    created=START - rng.uniform(5, 90) * DAY, payment=w.payment(),
                    signup_ip=ip(rng, rng.choice(RESIDENTIAL[country])), langs=["zh", "en"], network_id=netid)
        a.ipfn = B.ipf([(1.0, relay if not chance(rng, c) else B.fixed(w, rng.choice(VPS), 1))])
        a.ua = "Go-http-client/1.1"
        members.append(a)
    downstream = ["你是一个有用的助手。", "You are a helpful assistant.", "你是一名专业的翻译，请把用户的内容翻译成英文。",
                  "你是小红书文案写手。", "You are an AI writing assistant for Shopee sellers.", None, None,
                  "你是一个代码助手，用中文回答。", "Bạn là trợ lý AI hữu ích."]
    total = int(size * 330 * w.days * (1 - 0.5 * c))
    for _ in range(total):
        a = rng.choice(members)
        t = w.clock.sample(rng, 8, "evening" if c > 0.5 else "business")
        lang = rng.choice(["zh", "zh", "zh", "en", "vi"])
        kind = rng.choice(["chat", "chat", "code"])
        p, reasoning, out = B.make_prompt(rng, kind, lang)
        ua = "Go-http-client/1.1" if not chance(rng, c) else sdk_ua(rng)
        w.emit(a, t, p, system=rng.choice(downstream), ua=ua, reasoning=reasoning, out_tokens=out,
               model=B.pick_model(rng, reasoning, (0.8, 0.15, 0.05)))
    return members


# ---------------------------------------------------------------------------------------------
# employees of restricted rival labs
# ---------------------------------------------------------------------------------------------

def _tie_weights(c: float) -> dict[str, float]:
    return {"work_email": 3 * (1 - c) + 0.3, "sso": 1.5 * (1 - c) + 0.3, "corp_card": 1.5,
            "platform": 1 + 2 * c, "shared_card": 0.5 + 1.5 * c, "office_declared": 0.4 + c}


def rival_staff(w: World, reg: dict, plan: dict[str, int], anchors: dict) -> list[tuple[str, str]]:
    """Employees of restricted labs, tied to their lab by evidence of different kinds and strengths.
    Their traffic is mostly innocuous; a rival's employee is `competitor` whatever the traffic.
    `anchors` receives, per lab, a card carried by an openly affiliated work account (networks may
    share it). Returns (org, domain) pairs of staff who also use a platform's pooled tier."""
    rng, c = w.rng, w.careful
    from benign import RAKIT_AGENTS, RAKIT_PRE, kodekilat_system
    pool_users: list[tuple[str, str]] = []
    persona_of = {"work_email": "rival_work_account", "sso": "rival_sso", "corp_card": "rival_corp_card",
                  "platform": "rival_via_platform", "shared_card": "rival_shared_card",
                  "office_declared": "rival_office_declared"}

    def traffic(a: Account, r: dict, kind: str, distill: bool, country: str, light: bool = False) -> None:
        home = B.fixed(w, rng.choice(RESIDENTIAL[country]), 1)
        office_share = (0.6 if kind in ("work_email", "sso", "office_declared") else 0.25) * (1 - 0.6 * c)
        if kind == "office_declared":
            office_share = max(office_share, 0.25)
        choices = [(office_share, r["office"]), (0.4, home), (0.15, rng.choice(MOBILE.get(country, ["mob_sg_singtel"])))]
        if r["shared"]:
            choices.append((0.3 + 0.3 * c, rng.choice(r["shared"])))
        if c > 0.4 and chance(rng, c):
            choices.append((0.4 * c, rng.choice(["vpn_sg_m247", "vpn_hk", "vpn_jp_m247"])))
        a.ipfn = B.ipf([x for x in choices if x[0] > 0])
        a.ua = B.ua_for(rng, 0.4)
        if distill:
            def gen(r_, i_, a=a):
                kind_ = r_.choice(T.PROBLEM_KINDS)
                lang = r_.choice(a.langs)
                return {"prompt": (T.problem(r_, lang, kind_) + "\n\n" + _frame(r_, lang, c, False)).strip(), "reasoning": True,
                        "model": MODELS["reason"], "out_tokens": int(B.lognorm(r_, 2300, 0.5)), "stream": False}
            B.stream(w, a, B.count(rng, 160 * w.days * (1 - 0.5 * c), 0.3), gen, profile="office", burst=6)
        else:
            B.human(w, a, B.count(rng, (4 if light else 12) * w.days), profile="office",
                    mix={"code": 0.5, "chat": 0.4, "homework": 0.1}, day_weights=B.active_day_weights(w, "office", 0.8))

    for oid, count in plan.items():
        r = reg["rivals"][oid]
        country = r["country"]
        tw = _tie_weights(c)
        kinds = ["work_email"] + [rng.choices(list(tw), list(tw.values()))[0] for _ in range(count - 1)]
        for j, kind in enumerate(kinds):
            f, l = w.person(country)
            persona = persona_of[kind]
            cats = ["competitor"]
            distill = j == 1 and oid in ("halcyon-labs", "zhongshu-ai") and kind != "platform"
            if distill:
                cats.append("distillation")
                persona = "rival_distiller"
            notes = f"tie={kind}"
            if kind == "platform":
                plat = rng.choice(["kodekilat", "kodekilat", "rakit"])
                p = reg["platforms"][plat]
                if plat == "kodekilat":
                    a = w.account(persona, country=country, email=f"kk-{w.hexid(8)}@seats.kodekilat.dev", plan="api",
                                  created_at=w.created_before(3, 200), org_id="kodekilat", declared_company="KodeKilat seat",
                                  payment=p["card"], signup_ip=ip(rng, p["relay"]), langs=r["langs"], categories=cats,
                                  true_org=oid, notes=notes + " via kodekilat: end_user_org attested by the platform")
                    system, mix = kodekilat_system, {"code": 0.85, "chat": 0.15}
                else:
                    a = w.account(persona, country=country, email=w.personal_email(country, f, l), plan="api",
                                  created_at=w.created_before(3, 200), payment=w.payment(),
                                  signup_ip=ip(rng, rng.choice(RESIDENTIAL[country])), langs=r["langs"], categories=cats,
                                  true_org=oid, notes=notes + " via rakit: end_user_org attested by the platform")
                    system, mix = RAKIT_PRE + rng.choice(RAKIT_AGENTS), {"chat": 0.6, "code": 0.4}
                a.ipfn = B.ipf([(1.0, p["relay"])])
                a.ua = p["ua"]
                kw = {"channel": "platform", "platform": plat,
                      "end_user_id": ("kk_u_" if plat == "kodekilat" else "rk_") + w.hexid(8),
                      "end_user_org": rng.choice(r["domains"])}
                B.human(w, a, B.count(rng, 20 * w.days), profile="office", mix=mix, system=system, emit_kw=kw,
                        day_weights=B.active_day_weights(w, "office", 0.8))
                continue
            email, plan_, card, sso, declared, org_id = (w.personal_email(country, f, l), rng.choice(["pro", "api", "max"]),
                                                          w.payment(), None, None, None)
            office_signup = False
            if kind == "work_email":
                email = w.work_email(rng.choice(r["domains"]), country, f, l)
                plan_ = rng.choice(["team", "api", "enterprise"])
                org_id = oid if chance(rng, 0.7) else None
                card = w.payment() if j == 0 else (rng.choice(r["cards"]) if chance(rng, 0.6) else w.payment())
                sso = r["sso"][0] if chance(rng, 0.6) else None
                declared = r["name"] if chance(rng, 0.7) else None
                office_signup = chance(rng, 0.6)
            elif kind == "sso":
                plan_, sso = "team", r["sso"][0]
                declared = rng.choice([None, "Research", "AI team"])
                if chance(rng, 0.5):
                    email = w.work_email(r["domains"][0], country, f, l)
                office_signup = chance(rng, 0.5)
            elif kind == "corp_card":
                card = rng.choice(r["cards"])
            elif kind == "shared_card":
                # the same person's work account carries the same (unlisted) card
                card = w.payment()
                comp = w.account("rival_work_account", country=country, email=w.work_email(r["domains"][0], country, f, l),
                                 plan="team", created_at=w.created_before(30, 600), org_id=None, declared_company=None,
                                 payment=card, sso=r["sso"][0] if chance(rng, 0.5) else None,
                                 signup_ip=ip(rng, r["office"]), langs=r["langs"], categories=["competitor"], true_org=oid,
                                 notes="tie=work_email; the work account of a rival_shared_card employee")
                traffic(comp, r, "work_email", False, country, light=True)
                notes += "; personal account, card also on the same person's work account"
            elif kind == "office_declared":
                declared = rng.choice(r["short"])
                office_signup = chance(rng, 0.5)
            if chance(rng, 0.3):
                pool_users.append((oid, rng.choice(r["domains"])))
            a = w.account(persona, country=country, email=email, plan=plan_, created_at=w.created_before(5, 500),
                          org_id=org_id, declared_company=declared, payment=card, sso=sso,
                          signup_ip=ip(rng, r["office"]) if office_signup else ip(rng, rng.choice(RESIDENTIAL[country])),
                          langs=r["langs"], categories=cats, true_org=oid, notes=notes)
            if j == 0:
                anchors[oid] = card
            traffic(a, r, kind, distill, country)
    return pool_users


def rival_safety_team(w: World, reg: dict, n: int) -> None:
    """A restricted lab's safety team running a fixed red-team set: evaluation traffic, still a
    rival's accounts (competitor), whatever an exception may later allow."""
    rng = w.rng
    r = reg["rivals"]["hanbit-reasoning"]
    from benign import _eval_items
    items = [p for p, _ in _eval_items(rng, "safety", 150)]
    for i in range(n):
        f, l = w.person("KR")
        a = w.account("rival_safety_eval", country="KR", email=w.work_email(r["domains"][0], "KR", f, l), plan="enterprise",
                      created_at=w.created_before(30, 300), org_id="hanbit-reasoning", declared_company=r["name"],
                      payment=r["cards"][1], signup_ip=ip(rng, r["office"]), sso=r["sso"][0], langs=["ko", "en"],
                      categories=["competitor"], true_org="hanbit-reasoning", notes="safety evaluation team")
        a.ipfn = B.ipf([(0.6, r["office"]), (0.4, "vpn_sg_m247")])
        a.ua = "inspect_ai/0.3.40 httpx/0.27.0"
        for d in range(w.days):
            if w.clock.weekday(d) < 5 and chance(rng, 0.7):
                t0 = START + d * DAY + rng.uniform(10, 16) * HOUR - 2 * HOUR
                B.run_set(w, a, t0, items, gap=(0.5, 2.0), concurrency=4, model=MODELS["pro"], stream=False,
                          per_item=lambda r_, j: {"out_tokens": int(B.lognorm(r_, 150, 0.5))})
        B.human(w, a, B.count(rng, 5 * w.days), profile="office", mix={"chat": 0.5, "code": 0.5})
