"""What people write to Haneul AI: chat, code, study, work, and the adversaries' harvests and walks.

Benign text is drawn from many phrasings with concrete details (numbers, places, names) so two
strangers rarely type the same words; adversarial text comes from a template (blatant) or from a
paraphrase of it (careful). Written without reading Moat's detectors (see README.md).
"""

from __future__ import annotations

import numpy as np

R = np.random.Generator


def _c(rng: R, xs: list[str] | tuple[str, ...] | dict[str, object]) -> str:
    """One of xs, uniformly (rng.choice converts the list to an array every call: slow)."""
    seq = list(xs) if isinstance(xs, dict) else xs
    return str(seq[int(rng.integers(len(seq)))])

CHAT = {
    "ko": ["{t}에 대해 쉽게 설명해 줄래?", "{t} 관련해서 추천 좀 해줘. 예산은 {n}만원 정도야", "요즘 {t} 때문에 고민인데 어떻게 하면 좋을까?",
           "{t} 계획 짜줘, {n}일 일정으로", "이 문장 자연스럽게 고쳐줘: {x}", "{t} 장단점 표로 정리해줘", "{t} 처음 시작하는데 뭐부터 해야 돼?",
           "친구 생일 선물로 {t} 괜찮을까?", "{x} 이거 영어로 어떻게 말해?", "{t} 관련 블로그 글 초안 써줘 ({n}자 정도)"],
    "ja": ["{t}について分かりやすく教えてください", "{t}のおすすめを教えて。予算は{n}千円くらいです", "{t}で悩んでいます。どうすればいいですか？",
           "{t}の{n}日間のプランを立ててください", "次の文を自然な日本語に直してください：{x}", "{t}のメリットとデメリットを表にして",
           "{t}を始めたいのですが、何から手をつければいいですか", "{x} を英語で言うと？", "{t}についてのブログ記事の下書きをお願いします"],
    "id": ["Tolong jelaskan tentang {t} dengan sederhana", "Rekomendasi {t} yang bagus apa ya? budget {n} ribu",
           "Aku lagi bingung soal {t}, gimana ya?", "Buatkan rencana {t} untuk {n} hari", "Tolong perbaiki kalimat ini: {x}",
           "Buatkan caption Instagram untuk {t}", "Apa kelebihan dan kekurangan {t}?", "Terjemahkan ke bahasa Inggris: {x}"],
    "en": ["Can you explain {t} in simple terms?", "Any recommendations for {t}? Budget is about ${n}0",
           "I'm stuck deciding on {t}, what would you do?", "Plan a {n}-day {t} for me", "Rewrite this to sound more natural: {x}",
           "Pros and cons of {t}, in a table please", "How do I get started with {t}?", "Draft a short post about {t}",
           "what's a good way to think about {t}", "Summarise this for me: {x}"],
    "vi": ["Giải thích giúp mình về {t} nhé", "Gợi ý {t} với ngân sách {n} triệu", "Sửa câu này cho tự nhiên: {x}"],
    "th": ["ช่วยอธิบายเรื่อง{t}แบบง่ายๆ หน่อย", "แนะนำ{t}หน่อย งบ {n} พันบาท", "ช่วยแก้ประโยคนี้ให้เป็นธรรมชาติ: {x}"],
    "tl": ["Pwede mo bang ipaliwanag ang {t}?", "Ano ang magandang {t}? budget ko {n}k", "Paki-ayos itong sentence: {x}"],
    "zh": ["請用簡單的方式解釋{t}", "推薦一下{t}，預算大概{n}千", "幫我潤飾這句話：{x}"],
    "ms": ["Boleh terangkan tentang {t}?", "Cadangan {t} yang bagus? bajet RM{n}00", "Tolong betulkan ayat ini: {x}"],
}
TOPICS = {
    "ko": ["제주도 여행", "김치찌개 레시피", "전세 계약", "토익 공부", "이직 준비", "반려견 훈련", "연말정산", "다이어트 식단", "부산 맛집",
           "자취방 인테리어", "주식 ETF 투자", "운전면허 필기", "결혼식 축사", "캠핑 장비", "아이 영어 교육", "헬스 루틴", "중고차 구매", "명절 선물"],
    "ja": ["京都旅行", "カレーのレシピ", "転職活動", "TOEIC対策", "犬のしつけ", "確定申告", "新NISA", "一人暮らしの部屋作り", "北海道のスキー場",
           "結婚式のスピーチ", "英会話の勉強", "筋トレメニュー", "お弁当のおかず", "年末の大掃除", "子どものプログラミング教育"],
    "id": ["liburan ke Bali", "resep rendang", "cari kerja di Jakarta", "belajar IELTS", "usaha kuliner kecil", "KPR rumah pertama",
           "skincare untuk kulit berminyak", "mudik lebaran", "investasi reksa dana", "diet sehat", "kursus coding", "jualan di Shopee"],
    "en": ["a trip to Tasmania", "meal prep for the week", "negotiating a pay rise", "learning Korean", "buying a used car",
           "a budget for a new flat in Singapore", "training for a half marathon", "starting a podcast", "a wedding toast",
           "super contributions", "houseplants that survive low light", "a birthday party for a 6 year old", "remote job interviews"],
    "vi": ["du lịch Đà Nẵng", "học tiếng Hàn", "mua xe máy"], "th": ["เที่ยวเชียงใหม่", "ทำอาหารคลีน", "ลงทุนกองทุน"],
    "tl": ["trip sa Palawan", "negosyo online", "IELTS review"], "zh": ["日本自由行", "買房貸款", "學韓文"],
    "ms": ["percutian ke Langkawi", "resipi nasi lemak", "simpanan KWSP"],
}
SNIPPETS = {
    "ko": ["내일 회의 시간 좀 바꿔도 될까요", "이번 주말에 같이 밥 먹을래", "보고서 마감이 금요일이라 좀 바빠요", "택배가 아직 안 왔어요"],
    "ja": ["明日の会議の時間を変更してもいいですか", "週末一緒にご飯でもどう", "報告書の締め切りが金曜日です", "荷物がまだ届いていません"],
    "id": ["besok rapatnya bisa diundur nggak", "weekend ini makan bareng yuk", "laporannya deadline hari Jumat", "paketnya belum sampai"],
    "en": ["can we move tomorrow's meeting", "the parcel still hasn't arrived", "our report is due Friday",
           "thanks for the quick turnaround on this"],
}
LANG_OF = {"KR": "ko", "JP": "ja", "ID": "id", "SG": "en", "AU": "en", "VN": "vi", "PH": "tl", "TH": "th",
           "MY": "ms", "TW": "zh"}


def chat(rng: R, lang: str) -> str:
    t = _c(rng, (TOPICS[lang]))
    x = _c(rng, (SNIPPETS.get(lang, SNIPPETS["en"])))
    return _c(rng, (CHAT[lang])).format(t=t, n=int(rng.integers(2, 30)), x=x)


FOLLOWUPS = {"ko": ["좀 더 자세히", "다른 방법은?", "그럼 {n}번은 왜 그래?", "고마워! 하나만 더", "짧게 요약해줘"],
             "ja": ["もう少し詳しく", "他の方法は？", "{n}番目はなぜ？", "ありがとう、もう一つだけ", "短くまとめて"],
             "id": ["lebih detail dong", "cara lain?", "kenapa nomor {n}?", "makasih! satu lagi", "ringkas aja"],
             "en": ["can you go deeper on that", "any other way?", "why number {n}?", "thanks! one more thing",
                    "shorter please", "ok and what if I can't do that"]}


def followup(rng: R, lang: str) -> str:
    return _c(rng, (FOLLOWUPS.get(lang, FOLLOWUPS["en"]))).format(n=int(rng.integers(1, 6)))


# ---------------------------------------------------------------- code

LANGS_CODE = ["Python", "TypeScript", "Go", "Kotlin", "Rust", "Java", "SQL", "Swift", "C#", "Dart"]
CODE_TASKS = ["parse a CSV of {w} and group by date", "retry an HTTP call with exponential backoff",
              "debounce a search box in React", "paginate a Postgres query by cursor", "validate a Korean resident number format",
              "convert KST timestamps to UTC", "upload a file to S3 with a presigned URL", "write a unit test for {w}",
              "stream a response with server-sent events", "rate-limit a FastAPI endpoint", "read a LINE webhook payload",
              "dedupe {w} records by fuzzy name", "render a Flutter list with lazy loading", "set up a GitHub Actions cache"]
CODE_WORDS = ["orders", "invoices", "sensor readings", "user events", "payments", "chat logs", "reservations", "menu items"]
ERRORS = ["TypeError: Cannot read properties of undefined (reading 'map')", "panic: runtime error: index out of range [3]",
          "sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection refused",
          "error[E0502]: cannot borrow `self.items` as mutable", "java.lang.NullPointerException at OrderService.kt:{n}",
          "ModuleNotFoundError: No module named 'pydantic_settings'", "Hydration failed because the initial UI does not match",
          "FAILED tests/test_api.py::test_create_user - AssertionError: 422 != 201"]
CODE_FRAME = {"en": ["Write a {l} function to {task}.", "How do I {task} in {l}?", "Fix this: {err}", "Why does this fail?\n{err}",
                     "Refactor this {l} so it's testable:\n{snip}", "Review this diff:\n{snip}"],
              "ko": ["{l}로 {task} 하는 함수 짜줘", "이 에러 왜 나요? {err}", "{l} 코드 리뷰 부탁해요\n{snip}", "{task} 하려면 어떻게 해야 해?"],
              "ja": ["{l}で{task}する関数を書いて", "このエラーの原因は？ {err}", "この{l}コードをレビューしてください\n{snip}"],
              "id": ["Bikin fungsi {l} untuk {task}", "Kenapa error ini muncul? {err}", "Tolong review kode {l} ini\n{snip}"]}


def snippet(rng: R) -> str:
    v = _c(rng, (["items", "rows", "resp", "cfg", "user", "order", "buf", "ctx"]))
    f = _c(rng, (["load", "sync", "handle", "build", "fetch", "apply"]))
    return f"def {f}_{v}({v}):\n    for i, x in enumerate({v}):\n        if x.get('id') == {int(rng.integers(1, 999))}:\n            return x\n    return None"


def code(rng: R, lang: str) -> str:
    frames = CODE_FRAME.get(lang, CODE_FRAME["en"])
    task = _c(rng, (CODE_TASKS)).format(w=_c(rng, (CODE_WORDS)))
    return _c(rng, (frames)).format(l=_c(rng, (LANGS_CODE)), task=task,
                                          err=_c(rng, (ERRORS)).format(n=int(rng.integers(10, 400))),
                                          snip=snippet(rng))


# ---------------------------------------------------------------- study (students, edtech)

MATH = {"ko": ["다음 방정식을 풀이 과정과 함께 풀어줘: {a}x^2 + {b}x - {c} = 0", "∫ x^{a} e^x dx 를 부분적분으로 단계별로 풀어줘",
               "확률 문제: 주사위 {a}개를 던져 합이 {c}일 확률은? 풀이 과정 포함", "수열 a_n = {a}n + {b} 의 첫 {c}항의 합을 구하는 과정 설명해줘"],
        "ja": ["次の方程式を途中式つきで解いてください：{a}x^2 + {b}x - {c} = 0", "∫x^{a}e^x dx を部分積分で解いて",
               "サイコロを{a}個振って合計が{c}になる確率を求めて（解説つき）"],
        "en": ["Solve step by step: {a}x^2 + {b}x - {c} = 0", "Integrate x^{a} e^x dx by parts, show working",
               "Probability that {a} dice sum to {c}? explain", "Prove that the sum of the first {c} odd numbers is a square"],
        "id": ["Selesaikan langkah demi langkah: {a}x^2 + {b}x - {c} = 0", "Peluang jumlah {a} dadu sama dengan {c}? jelaskan"]}
ESSAY = {"ko": ["{t} 주제로 레포트 개요 잡아줘", "이 논문 초록 요약해줘: {t}"], "ja": ["{t}についてのレポートの構成を考えて"],
         "en": ["outline an essay on {t}", "explain {t} like I'm revising for an exam"],
         "id": ["buatkan kerangka makalah tentang {t}"]}
STUDY_TOPICS = ["the Joseon dynasty's land reform", "photosynthesis", "supply and demand elasticity", "the Meiji restoration",
                "TCP congestion control", "Keynesian multipliers", "CRISPR", "the Treaty of Westphalia", "Bayes' theorem"]


def study(rng: R, lang: str, maths: bool) -> str:
    if maths:
        m = MATH.get(lang, MATH["en"])
        return _c(rng, (m)).format(a=int(rng.integers(2, 9)), b=int(rng.integers(1, 20)), c=int(rng.integers(3, 40)))
    e = ESSAY.get(lang, ESSAY["en"])
    return _c(rng, (e)).format(t=_c(rng, (STUDY_TOPICS)))


# ---------------------------------------------------------------- work

WORK = {"ko": ["고객 문의 답변 초안: {x}", "이 회의록 요약해서 액션아이템 뽑아줘: {x}", "다음 분기 마케팅 계획 초안 써줘 ({n}개 채널)",
               "이 계약서 조항 리스크 검토해줘: 제{n}조 손해배상", "엑셀 수식 알려줘: {n}개 시트에서 VLOOKUP"],
        "ja": ["お客様への返信文を作成してください：{x}", "この議事録を要約してアクションを抽出して：{x}", "契約書第{n}条のリスクを確認して",
               "来期の営業計画のたたき台を作って"],
        "id": ["Buatkan balasan email ke nasabah: {x}", "Ringkas notulen rapat ini: {x}", "Analisa risiko pasal {n} kontrak ini",
               "Buat draft laporan bulanan divisi"],
        "en": ["Draft a reply to this customer: {x}", "Summarise these meeting notes into action items: {x}",
               "Review clause {n} of this contract for risk", "Write a one-page brief for the Q{n} campaign",
               "Turn this into a slide outline: {x}"]}


def work(rng: R, lang: str) -> str:
    x = _c(rng, (SNIPPETS.get(lang, SNIPPETS["en"])))
    return _c(rng, (WORK.get(lang, WORK["en"]))).format(x=x, n=int(rng.integers(1, 12)))


# ---------------------------------------------------------------- adversaries: capability spaces

DOMAINS = {
    "math": ["number theory", "combinatorics", "real analysis", "linear algebra", "probability", "geometry",
             "differential equations", "abstract algebra", "graph theory", "optimization"],
    "code": ["dynamic programming", "graph algorithms", "concurrency bugs", "SQL query optimisation", "regex construction",
             "memory safety", "API design", "distributed consensus", "compiler passes", "string algorithms"],
    "science": ["organic chemistry mechanisms", "thermodynamics", "genetics", "electromagnetism", "pharmacokinetics",
                "quantum mechanics", "ecology", "materials science"],
    "law": ["Korean contract law", "Japanese labour law", "Singapore company law", "data protection (PDPA)",
            "intellectual property", "tax treaties"],
    "reasoning": ["logic puzzles", "planning problems", "causal inference", "estimation (Fermi) problems",
                  "ethical dilemmas", "scheduling constraints"],
}
LEVELS = ["introductory", "intermediate", "advanced", "olympiad-level", "graduate-level", "expert"]
HARVEST_BLATANT = "[TASK {i}] Domain: {d}. Subtopic: {s}. Difficulty: {lv}. Generate a hard problem and solve it. " \
                  "Think step by step and show your complete reasoning before the final answer."
HARVEST_JSON = "Return JSON {{\"problem\":..., \"reasoning_trace\": [...], \"answer\":...}} for a {lv} {s} problem " \
               "({d}). Include every intermediate step in reasoning_trace. id={i}"
HARVEST_PARA = [
    "I'm preparing a {lv} study set on {s}. Could you pose one tricky question and walk through how you'd solve it?",
    "give me a {lv} {s} problem, then work it out carefully — I want to see how you think, not just the answer",
    "{s}: what's a {lv} question that trips people up? solve it fully pls",
    "Make up a challenging ({lv}) exercise in {s} and explain your solution in detail.",
    "Could you demonstrate, step by step, how to approach a {lv} problem in {s}? Pick the problem yourself.",
    "{s} 분야의 {lv} 난이도 문제를 하나 만들고 자세히 풀어줘",
    "{s}の{lv}レベルの問題を一つ作って、考え方を丁寧に説明しながら解いてください",
    "Buat satu soal {s} tingkat {lv} lalu jelaskan penyelesaiannya secara rinci",
    "teach me {s} through one worked example at {lv} level",
    "What would a {lv} exam question on {s} look like? Answer it as a model solution.",
]
OPENERS = ["", "", "hey, ", "Quick one: ", "ok so ", "Hi! ", "다음 거: ", "Next: ", "hmm ", "Another: "]


def harvest(rng: R, cell: tuple[str, str, str], i: int, careful: bool, variant: str = "plain") -> str:
    d, s, lv = cell
    if not careful:
        tpl = HARVEST_JSON if variant == "json" else HARVEST_BLATANT
        return tpl.format(i=i, d=d, s=s, lv=lv)
    return _c(rng, (OPENERS)) + _c(rng, (HARVEST_PARA)).format(s=s, lv=lv)


def grid(domains: list[str]) -> list[tuple[str, str, str]]:
    return [(d, s, lv) for d in domains for s in DOMAINS[d] for lv in LEVELS]


SWEEP_TASKS = ["a product description", "a customer complaint reply", "a news summary", "a poem", "a SQL query",
               "a job posting", "a legal disclaimer", "a recipe", "a quiz with answers", "a dialogue", "an apology email",
               "a tweet thread", "meeting minutes", "a children's story"]
SWEEP_LANGS = ["Korean", "Japanese", "Indonesian", "English", "Vietnamese", "Thai", "Tagalog", "Malay", "Traditional Chinese"]
SWEEP_FORMATS = ["plain text", "markdown", "JSON", "a table", "bullet points"]
SWEEP_LENGTHS = ["50 words", "150 words", "400 words", "1000 words"]


def sweep_cells() -> list[tuple[str, str, str, str]]:
    return [(t, lg, f, ln) for t in SWEEP_TASKS for lg in SWEEP_LANGS for f in SWEEP_FORMATS for ln in SWEEP_LENGTHS]


def sweep(rng: R, cell: tuple[str, str, str, str], careful: bool) -> str:
    t, lg, f, ln = cell
    if not careful:
        return f"Write {t} in {lg}. Format: {f}. Length: {ln}."
    forms = [f"Can you write {t} in {lg}? Keep it around {ln}, as {f}.",
             f"need {t} ({lg}), ~{ln}, {f} please",
             f"{lg} please: {t}. Roughly {ln}. Output as {f}.",
             f"I run a small shop — could you draft {t} in {lg}, {f}, about {ln}?"]
    return _c(rng, (OPENERS)) + _c(rng, (forms))


# ---------------------------------------------------------------- adversaries: keyspaces to walk

HANGUL_INITIAL = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"


def hangul_syllables(n: int) -> list[str]:
    """Syllables in dictionary order (가, 각, 갂, ...), the order a dictionary walk visits."""
    return [chr(0xAC00 + i) for i in range(n)]


KANA = list("あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん")
SEOUL_ROADS = ["Teheran-ro", "Gangnam-daero", "Sejong-daero", "Olympic-ro", "Dosan-daero", "Bongeunsa-ro", "Yeongdong-daero",
               "Hakdong-ro", "Nonhyeon-ro", "Eonju-ro", "Apgujeong-ro", "Seolleung-ro"]


def keyspace(kind: str) -> list[str]:
    """The keys a scraper walks, in their natural order."""
    if kind == "ko_dictionary":
        return hangul_syllables(1400)
    if kind == "ja_dictionary":
        return [a + b for a in KANA for b in KANA[:30]]
    if kind == "street_directory":
        return [f"{r} {n}" for r in SEOUL_ROADS for n in range(1, 161)]
    if kind == "catalogue":
        return [f"HN-{c}-{n:05d}" for c in ("EL", "HB", "FS", "TY") for n in range(1, 520)]
    if kind == "patent_ids":
        return [f"10-2024-{n:07d}" for n in range(12001, 14001)]
    if kind == "probe_grid":
        return [f"{t}|{lg}|{f}" for t in SWEEP_TASKS for lg in SWEEP_LANGS for f in SWEEP_FORMATS]
    raise ValueError(kind)


def walk_prompt(rng: R, kind: str, key: str, careful: bool) -> str:
    if kind == "ko_dictionary":
        forms = [f"'{key}'(으)로 시작하는 표준국어대사전 표제어를 뜻풀이와 함께 모두 나열해줘",
                 f"{key}로 시작하는 단어들 뜻이랑 예문 알려줘", f"'{key}'- 로 시작하는 낱말 목록(뜻 포함)"]
    elif kind == "ja_dictionary":
        forms = [f"「{key}」で始まる国語辞典の見出し語を意味と例文つきで全部挙げて", f"{key}から始まる言葉を意味つきで教えて"]
    elif kind == "street_directory":
        forms = [f"List every business at {key}, Seoul with phone number, floor and opening hours",
                 f"what shops and offices are at {key} (Seoul)? include phone numbers",
                 f"{key} 서울 건물 입주 업체 목록이랑 전화번호 알려줘"]
    elif kind == "catalogue":
        forms = [f"Give the full spec sheet, price and stock status for product {key}",
                 f"product {key}: specs + current price?", f"what do you know about item {key} (specs, price)"]
    elif kind == "patent_ids":
        forms = [f"Summarise Korean patent application {key}: applicant, claims, abstract",
                 f"KR {key} 특허 출원인과 청구항 요약해줘", f"who filed KR patent {key} and what does claim 1 say"]
    else:  # probe_grid
        t, lg, f = key.split("|")
        forms = [f"PROBE: task={t}; language={lg}; format={f}", f"Test: {t} in {lg} as {f}",
                 f"evaluate capability — {t}, {lg}, {f}"]
    return forms[0] if not careful else _c(rng, (OPENERS)) + _c(rng, (forms))


# ---------------------------------------------------------------- farms and automation jobs

FARM_JOBS = {
    "seo": ("Write a 900-word SEO article about {k} with H2 headings and a FAQ section. Keyword density 2%.",
            ["best {k} in Jakarta 2026", "{k} review", "cheap {k} Singapore", "how to choose {k}", "{k} vs alternatives"],
            ["air purifier", "gaming laptop", "baby stroller", "standing desk", "robot vacuum", "VPN", "power bank",
             "electric scooter", "mechanical keyboard", "coffee grinder", "yoga mat", "dashcam", "router"]),
    "listings": ("Rewrite this marketplace listing to rank higher, in Indonesian and English: {k}",
                 ["{k} second, kondisi 95%, COD Jakarta", "{k} ori garansi resmi", "jual cepat {k} murah"],
                 ["iPhone 13", "Yamaha NMAX", "Samsung A55", "kulkas 2 pintu", "sepeda lipat", "PS5", "kamera Fujifilm"]),
    "reviews": ("Write 5 different 5-star customer reviews for {k}, each in a different voice, in Korean.",
                ["{k} 맛집", "{k} 네일샵", "{k} 치과", "{k} 필라테스"],
                ["강남역", "홍대", "성수동", "판교", "해운대", "분당"]),
}


def farm_prompt(rng: R, job: str, careful: bool) -> str:
    tpl, keys, words = FARM_JOBS[job]
    k = _c(rng, (keys)).format(k=_c(rng, (words)))
    if not careful:
        return tpl.format(k=k)
    alt = {"seo": [f"blog post (~900 words) on '{k}', use subheadings + FAQ, SEO friendly",
                   f"Tolong tulis artikel SEO tentang {k}, 900 kata, ada FAQ", f"need a long-form article: {k}. H2s, FAQ at end"],
           "listings": [f"improve this listing pls: {k}", f"buat deskripsi produk yang menarik: {k}", f"listing copy for {k}, ID+EN"],
           "reviews": [f"{k} 후기 5개 써줘 말투 다르게", f"{k} 리뷰 여러 개 자연스럽게", f"five reviews for {k} in Korean, varied"]}[job]
    return _c(rng, (OPENERS)) + _c(rng, (alt))


AUTOMATION = {
    "leads": ("Classify this inbound lead and draft a first-touch email. Company: {c}. Message: {m}",
              ["Looking for pricing for 200 seats", "Need integration with SAP", "Can you do a demo Thursday?"]),
    "support": ("You are a support agent for ShopNara. Ticket #{i}: {m}. Reply politely and tag the category.",
                ["배송이 3일째 안 와요", "refund not received", "pesanan salah warna", "クーポンが使えません"]),
    "ci_review": ("Review the following pull request diff and list bugs, style issues and a verdict (approve/request changes). PR #{i}\n{m}",
                  ["diff --git a/api/orders.py b/api/orders.py\n+    if qty < 0: raise ValueError", "diff --git a/web/cart.ts\n-  total += p\n+  total += p * q"]),
}


def automation_prompt(rng: R, job: str, i: int) -> str:
    tpl, ms = AUTOMATION[job]
    return tpl.format(c=f"Company-{int(rng.integers(1000, 9999))}", m=_c(rng, (ms)), i=i)


def est_tokens(text: str) -> int:
    """~4 characters a token for Latin script, ~1.5 for CJK and Thai (as tokenizers behave)."""
    wide = (len(text.encode()) - len(text)) // 2  # 3-byte UTF-8 characters: CJK, Hangul, Thai
    return max(3, int((len(text) - wide) / 4 + wide / 1.5))
