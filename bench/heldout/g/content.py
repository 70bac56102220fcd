"""What people write to Kestrel: chat in seven languages, developers' questions, documents for
pipelines, translation jobs, labelling tasks, benchmark sets; and the adversaries' topic grids,
keyspaces and farm jobs, with their paraphrases and wrappings."""

from __future__ import annotations

import json
import random

from world import CITY_COUNTRY, person

# --------------------------------------------------------------------------------------------
# Consumer chat, by language. Slots in {braces} are filled from FILL.
FILL = {
    "city": ["Berlin", "Kraków", "Lyon", "İzmir", "Dubai", "Jaipur", "Lisbon", "Amman", "Porto", "Gdańsk", "Kochi", "Marrakech"],
    "dish": ["biryani", "pierogi", "käsespätzle", "menemen", "shakshuka", "quiche lorraine", "dal makhani", "mansaf", "bigos", "ratatouille"],
    "topic": ["inflation", "black holes", "the Ottoman Empire", "photosynthesis", "the GDPR", "compound interest", "the French Revolution", "vaccines", "monsoon", "quantum computing"],
    "n": ["3", "5", "7", "10", "2"],
    "gift": ["my mother", "a colleague who is retiring", "my 8-year-old nephew", "my wife", "a friend who loves hiking"],
    "budget": ["50 euros", "2000 rupees", "300 lira", "200 dirhams", "100 złoty"],
}

CHAT = {
    "en": [
        "Can you help me write a polite email to my landlord about the broken heating? It's been a week.",
        "what's a good {n}-day itinerary for {city} in December",
        "Explain {topic} like I'm 15",
        "I have chicken, rice, yoghurt and some spinach. What can I cook tonight?",
        "Gift ideas for {gift}, budget around {budget}?",
        "Rewrite this so it sounds more confident: 'I think maybe I could possibly lead the project if nobody else wants to.'",
        "How do I politely decline a wedding invitation from a coworker?",
        "is it safe to take ibuprofen and paracetamol together",
        "Summarise the main arguments for and against a four-day work week",
        "Help me prepare for a job interview for a junior data analyst role. Ask me questions one at a time.",
        "my sourdough is really dense, what am I doing wrong",
        "Write a short birthday poem for my dad, he loves cricket and bad jokes",
        "What's the difference between a Roth IRA and a regular pension? I live in the UK though",
        "Translate 'see you next week, bring the documents' into German and Polish",
        "how many calories in a plate of {dish} roughly",
    ],
    "de": [
        "Kannst du mir helfen, eine Kündigung für mein Fitnessstudio zu formulieren? Vertrag läuft noch bis März.",
        "Was kann ich heute Abend mit Kartoffeln, Lauch und Speck kochen?",
        "Erklär mir bitte {topic} in einfachen Worten",
        "Wie schreibe ich eine Reklamation an die Deutsche Bahn wegen 3 Stunden Verspätung?",
        "Ich muss bis Freitag eine Präsentation über Nachhaltigkeit in der Logistik halten. Gib mir eine Gliederung mit {n} Folien.",
        "Was ist der Unterschied zwischen einer GmbH und einer UG?",
        "Formulier das freundlicher: 'Ich habe Ihnen schon dreimal geschrieben und nie eine Antwort bekommen.'",
        "Geschenkideen für {gift}, maximal {budget}",
        "Wie funktioniert die Steuererklärung für Homeoffice-Pauschale 2025?",
        "Mein Sohn (10) fragt warum der Himmel blau ist – wie erkläre ich das kindgerecht?",
        "Plane mir ein Wochenende in {city}, wir reisen mit Kinderwagen",
        "Kannst du diesen Satz auf Englisch übersetzen: 'Die Lieferung verzögert sich leider um zwei Wochen.'",
    ],
    "fr": [
        "Peux-tu m'aider à rédiger une lettre de motivation pour un stage en marketing digital ?",
        "Qu'est-ce que je peux cuisiner avec des poireaux, des œufs et du fromage ?",
        "Explique-moi {topic} simplement, s'il te plaît",
        "Comment contester une amende de stationnement à Paris ?",
        "Idées de cadeaux pour {gift}, budget {budget}",
        "Reformule ce message pour qu'il soit plus professionnel : 'je pourrai pas venir demain dsl'",
        "Quelle est la différence entre un CDD et un CDI ?",
        "Fais-moi un programme de révision pour le bac de philo sur {n} semaines",
        "Quels sont les symptômes d'une carence en fer ?",
        "Organise un week-end à {city} pour deux personnes, pas trop cher",
        "Corrige les fautes : 'Je vous remercie pour votre retour et je reviens vers vous des que possible.'",
    ],
    "pl": [
        "Pomóż mi napisać reklamację do sklepu internetowego – pralka przyszła uszkodzona.",
        "Co mogę ugotować z ziemniaków, kapusty i kiełbasy?",
        "Wyjaśnij mi {topic} prostymi słowami",
        "Jak rozliczyć PIT, jeśli pracowałem na umowie zlecenie i o pracę w tym samym roku?",
        "Pomysły na prezent dla {gift}, budżet {budget}",
        "Napisz życzenia świąteczne dla zespołu w pracy, coś nieformalnego",
        "Czym się różni spółka z o.o. od jednoosobowej działalności?",
        "Zaplanuj mi {n} dni w {city}, lubię muzea i dobre jedzenie",
        "Popraw ten tekst: 'W nawiązaniu do naszej rozmowy przesyłam w załączeniu oferte.'",
        "Jak przygotować się do rozmowy kwalifikacyjnej na stanowisko księgowej?",
    ],
    "tr": [
        "Ev sahibime kiranın artışı hakkında kibar bir mesaj yazmama yardım eder misin?",
        "Evde patates, yumurta ve biber var, akşam ne pişirebilirim?",
        "{topic} konusunu basitçe anlatır mısın",
        "KPSS'ye {n} ay kaldı, nasıl bir çalışma planı yapmalıyım?",
        "{gift} için hediye önerisi, bütçem {budget}",
        "Bu cümleyi daha resmi yaz: 'yarın gelemiycem kusura bakmayın'",
        "Limited şirket ile şahıs şirketi arasındaki fark nedir?",
        "{city} için {n} günlük gezi planı hazırla",
        "İngilizce mülakat için kendimi nasıl tanıtabilirim? Örnek bir metin yaz",
        "Çocuğum geceleri öksürüyor, ne zaman doktora gitmeliyim?",
    ],
    "ar": [
        "ساعدني في كتابة رسالة رسمية لمديري أطلب فيها إجازة لمدة أسبوع",
        "ما الفرق بين التأمين الصحي الأساسي والشامل في الإمارات؟",
        "اشرح لي {topic} بطريقة بسيطة",
        "أعطني وصفة سهلة للكبسة بالدجاج",
        "اقترح هدايا لـ {gift} بميزانية {budget}",
        "كيف أستعد لمقابلة عمل في شركة بترول؟",
        "أعد صياغة هذه الجملة بشكل أكثر لباقة: 'لم ترسلوا الفاتورة حتى الآن'",
        "خطط لي رحلة {n} أيام إلى {city}",
        "ما هي أفضل طريقة لتعلم اللغة الإنجليزية في المنزل؟",
        "ترجم إلى الإنجليزية: نعتذر عن التأخير في الشحن وسنرسل الطلب غداً",
    ],
    "hi": [
        "mujhe apne boss ko leave ke liye ek formal email likhna hai, help karo",
        "ghar pe aloo, pyaaz aur paneer hai, dinner mein kya banau?",
        "{topic} ko simple Hindi mein samjhao",
        "मेरे बेटे के लिए दसवीं की गणित की तैयारी का प्लान बनाओ, {n} महीने बचे हैं",
        "{gift} ke liye gift ideas batao, budget {budget}",
        "UPSC prelims ke liye current affairs kaise padhein?",
        "इस मैसेज को प्रोफेशनल बनाओ: 'sir kal nahi aa paunga tabiyat theek nahi hai'",
        "{city} mein {n} din ka trip plan karo, family ke saath",
        "GST registration ke liye kaunse documents chahiye?",
        "Home loan vs rent — Pune mein 2BHK ke liye kya better hai?",
        "मुझे अंग्रेज़ी में self introduction लिखकर दो interview के लिए",
    ],
}
CHAT_FOLLOW = {
    "en": ["thanks! can you make it shorter?", "and what if it doesn't work?", "ok, give me another option", "can you put that in a table", "perfect. one more thing —"],
    "de": ["danke! kannst du es kürzer machen?", "Und auf Englisch bitte", "noch eine Alternative?", "kannst du das als Tabelle?"],
    "fr": ["merci ! tu peux faire plus court ?", "et en anglais ?", "une autre option ?", "tu peux mettre ça dans un tableau ?"],
    "pl": ["dzięki! a krócej?", "a po angielsku?", "daj inną opcję", "możesz to ująć w tabeli?"],
    "tr": ["teşekkürler, daha kısa yapabilir misin?", "İngilizcesini de yazar mısın", "başka bir seçenek?"],
    "ar": ["شكراً، هل يمكن اختصارها؟", "وبالإنجليزية من فضلك", "أعطني خياراً آخر"],
    "hi": ["thanks! thoda short kar do", "English mein bhi likh do", "koi aur option?", "table mein de do"],
}


def fill(rng: random.Random, s: str) -> str:
    for k, v in FILL.items():
        if "{" + k + "}" in s:
            s = s.replace("{" + k + "}", rng.choice(v))
    return s


def chat_prompt(rng: random.Random, lang: str) -> str:
    return fill(rng, rng.choice(CHAT.get(lang, CHAT["en"])))


def chat_follow(rng: random.Random, lang: str) -> str:
    return rng.choice(CHAT_FOLLOW.get(lang, CHAT_FOLLOW["en"]))


# --------------------------------------------------------------------------------------------
# Developers
DEV_TOPICS = [
    "Why does my FastAPI endpoint return 422 when I send JSON from fetch()? Here is the model:\n```python\nclass Order(BaseModel):\n    id: int\n    items: list[str]\n    note: str | None\n```",
    "Write a Postgres query that returns, for each customer, their last 3 orders by created_at.",
    "How do I debounce a search input in React 19 without an extra library?",
    "Explain the difference between asyncio.gather and TaskGroup, with an example of error handling.",
    "My Docker image is 2.1 GB for a small Django app. How do I slim it down? Dockerfile:\n```dockerfile\nFROM python:3.12\nCOPY . /app\nRUN pip install -r /app/requirements.txt\nCMD gunicorn app.wsgi\n```",
    "Write a bash script that rotates logs older than 7 days into a tar.gz per day.",
    "kubectl says CrashLoopBackOff and the logs are empty. What should I check first?",
    "Convert this jQuery snippet to vanilla JS:\n```js\n$('.tab').on('click', function(){ $(this).addClass('active').siblings().removeClass('active'); });\n```",
    "How do I parse a SEPA XML (pain.001) file in Python and extract the IBANs and amounts?",
    "Generate a TypeScript type for this JSON: {\"id\": 12, \"tags\": [\"a\"], \"owner\": {\"name\": \"x\", \"email\": null}}",
    "What's the idiomatic way to handle errors in Go when wrapping them across layers?",
    "Write unit tests with pytest for a function that validates Indian GSTIN numbers.",
    "Why is my pandas groupby so slow on 40M rows? I'm using apply with a lambda.",
    "Razorpay webhook signature verification in Node — my HMAC never matches. Code:\n```js\nconst sig = crypto.createHmac('sha256', secret).update(JSON.stringify(req.body)).digest('hex')\n```",
    "Help me design a schema for multi-tenant invoices with soft deletes in Postgres.",
    "Bu Python hatası ne anlama geliyor: `RecursionError: maximum recursion depth exceeded in comparison`?",
    "Jak w Springu Boot ustawić różne profile dla testów i produkcji?",
    "Wie kann ich in Kotlin Coroutines einen Timeout für einen HTTP-Call setzen?",
    "Comment configurer un reverse proxy nginx pour un websocket ?",
    "Flutter mein Arabic RTL layout theek se nahi aa raha, kya karna hoga?",
    "كيف أضيف دعم اللغة العربية (RTL) في تطبيق Next.js؟",
    "Refactor this function to be testable:\n```python\ndef sync():\n    rows = requests.get(URL).json()\n    db = psycopg.connect(DSN)\n    for r in rows:\n        db.execute('insert into t values (%s, %s)', (r['id'], r['v']))\n```",
]
DEV_FOLLOW = ["that didn't work, now I get: TypeError: Cannot read properties of undefined (reading 'map')",
              "ok and how would I test that?", "can you explain line 4?", "what about performance for 10k rows?",
              "rewrite it using async", "nice. now add logging", "ich bekomme jetzt einen anderen Fehler: ModuleNotFoundError",
              "and for Windows?", "make it idiomatic please"]
AGENT_SYSTEM = [
    "You are an autonomous coding agent working in the repository at /workspace. Use the tools to read and edit files and run tests. Make minimal, correct changes.",
    "You are Claude Code, an interactive CLI tool that helps users with software engineering tasks.",
    "You are a senior engineer. You have shell access via the `bash` tool. Work step by step and verify changes by running the test suite.",
]
AGENT_STEPS = ["Tool result (bash): \n```\n$ pytest -q\n..F..\nFAILED tests/test_api.py::test_create_order - AssertionError: 422 != 201\n1 failed, 4 passed in 1.82s\n```",
               "Tool result (read_file src/orders/service.py):\n```python\nfrom decimal import Decimal\n\ndef total(items):\n    return sum(Decimal(i['price']) * i['qty'] for i in items)\n```",
               "Tool result (bash): \n```\n$ npm run build\nsrc/components/Cart.tsx:41:7 - error TS2322: Type 'string | undefined' is not assignable to type 'string'.\n```",
               "Tool result (grep -rn 'TODO' src | head):\nsrc/billing/invoice.py:88: # TODO handle reverse charge VAT\nsrc/api/routes.py:12: # TODO rate limit",
               "Tool result (bash): ok, all 213 tests passed.",
               "Tool result (git diff --stat): 3 files changed, 41 insertions(+), 12 deletions(-)",
               "Continue.", "Now run the linter and fix what it reports."]


def dev_prompt(rng: random.Random) -> str:
    return rng.choice(DEV_TOPICS)


# --------------------------------------------------------------------------------------------
# Documents for pipelines
SELLERS = ["Müller Metallbau GmbH", "Boulangerie Durand SARL", "Kowalski Transport Sp. z o.o.", "Yıldız Tekstil San. Tic. Ltd. Şti.",
           "Al Noor Trading LLC", "Shree Ganesh Traders", "Brightline Office Supplies Ltd", "Nordwind Logistik AG", "Atelier Moreau",
           "Anadolu Gıda A.Ş.", "Gulf Star Electromechanical", "Patel Pharma Distributors", "Wiśniewski i Syn", "Rhein-Main Elektro"]
ITEMS = [("Office chairs ergonomic", 189.0), ("A4 paper 80g (box)", 24.5), ("Consulting hours", 120.0), ("Pallet transport Frankfurt–Poznań", 640.0),
         ("Cotton fabric roll 50m", 310.0), ("Server maintenance (monthly)", 450.0), ("Basmati rice 25kg", 2150.0), ("LED panel 60x60", 38.9),
         ("Paracetamol 500mg x1000", 1420.0), ("Translation DE>EN per page", 32.0), ("Forklift rental / day", 95.0), ("Catering for 20 pax", 780.0)]
CURR = {"DE": "EUR", "FR": "EUR", "PL": "PLN", "TR": "TRY", "AE": "AED", "IN": "INR", "SA": "SAR", "GB": "GBP"}


def invoice_doc(rng: random.Random, seq: int, country: str) -> dict:
    n = rng.randint(1, 5)
    lines = [(rng.choice(ITEMS), rng.randint(1, 40)) for _ in range(n)]
    cur = CURR.get(country, "EUR")
    year = 2026
    prefix = {"DE": "RE", "FR": "FA", "PL": "FV", "TR": "FTR", "AE": "INV", "IN": "GST/INV", "SA": "INV"}.get(country, "INV")
    return {"number": f"{prefix}-{year}-{seq:06d}", "seller": rng.choice(SELLERS), "date": f"2026-11-{rng.randint(1, 22):02d}",
            "currency": cur, "lines": [{"desc": d, "qty": q, "unit": p} for (d, p), q in lines],
            "vat": {"DE": 19, "FR": 20, "PL": 23, "TR": 20, "AE": 5, "IN": 18, "SA": 15}.get(country, 20)}


def render_invoice(rng: random.Random, inv: dict, form: str) -> str:
    if form == "json":
        return json.dumps(inv, ensure_ascii=False)
    body = [f"{inv['seller']}", f"Invoice no. {inv['number']}    Date: {inv['date']}", ""]
    for ln in inv["lines"]:
        body.append(f"{ln['desc']:<36} {ln['qty']:>4} x {ln['unit']:>9.2f} {inv['currency']}")
    net = sum(ln["qty"] * ln["unit"] for ln in inv["lines"])
    body += ["", f"Net: {net:.2f} {inv['currency']}  VAT {inv['vat']}%: {net * inv['vat'] / 100:.2f}  Total: {net * (1 + inv['vat'] / 100):.2f}"]
    text = "\n".join(body)
    if form == "fenced":
        return "```\n" + text + "\n```"
    if form == "quoted":
        return '"""\n' + text + '\n"""'
    if form == "fields":
        return f"supplier_name: {inv['seller']}\ninvoice_number: {inv['number']}\ninvoice_date: {inv['date']}\nraw_ocr_text: {text}"
    return text


TICKET_SUBJ = ["Order not delivered", "Refund not received", "App crashes on login", "Wrong size shipped", "Charged twice",
               "Cannot reset password", "Zamówienie nie dotarło", "Paket beschädigt angekommen", "Sipariş iptali", "لم يصل الطلب",
               "Remboursement en attente", "OTP nahi aa raha"]
TICKET_BODY = ["Hi, I ordered on the 14th and tracking has not moved since. Order {o}. Please help.",
               "I returned the item two weeks ago and still no refund. Order {o}. This is the third time I write.",
               "Since the last update the app closes as soon as I enter my password. Samsung A54, Android 14.",
               "Dzień dobry, zamówienie {o} miało być wczoraj, kurier nic nie wie.",
               "Guten Tag, das Paket {o} kam mit eingedrückter Ecke an, das Gerät geht nicht an.",
               "Merhaba, {o} numaralı siparişimi iptal etmek istiyorum, hâlâ kargoya verilmedi.",
               "السلام عليكم، طلبي رقم {o} لم يصل حتى الآن رغم أن الحالة تقول تم التوصيل",
               "Bonjour, j'ai été débité deux fois pour la commande {o}.",
               "Hello team, OTP nahi aa raha login ke time, Jio number hai. Order {o} pending hai."]


def ticket_doc(rng: random.Random, seq: int) -> str:
    o = f"#{rng.randint(100000, 999999)}"
    return f"Ticket {seq}\nSubject: {rng.choice(TICKET_SUBJ)}\nChannel: {rng.choice(['email', 'chat', 'whatsapp', 'app'])}\n\n{rng.choice(TICKET_BODY).format(o=o)}"


CLAUSES = ["The Supplier shall indemnify the Customer against all losses arising from any breach of clause 9 (Data Protection), without limitation of liability.",
           "Either party may terminate this Agreement with three (3) months' written notice to the end of a calendar quarter.",
           "Der Auftragnehmer haftet nur für Vorsatz und grobe Fahrlässigkeit; die Haftung für leichte Fahrlässigkeit ist ausgeschlossen.",
           "Le prestataire s'engage à respecter une clause de non-concurrence d'une durée de vingt-quatre (24) mois sur l'ensemble du territoire de l'Union européenne.",
           "Wykonawca zapłaci karę umowną w wysokości 0,5% wynagrodzenia za każdy dzień zwłoki.",
           "This Agreement shall be governed by the laws of the Dubai International Financial Centre and disputes referred to the DIFC Courts.",
           "Kira bedeli her yıl TÜFE oranında artırılır; kiracı depozitoyu tahliye sırasında geri alır.",
           "All intellectual property created by the Consultant in the course of the Services shall vest in the Company upon creation."]


def contract_doc(rng: random.Random, seq: int) -> str:
    cl = rng.sample(CLAUSES, rng.randint(3, 6))
    parties = rng.sample(SELLERS, 2)
    head = f"MASTER SERVICES AGREEMENT (ref. C-{seq:05d})\nbetween {parties[0]} and {parties[1]}\n\n"
    return head + "\n".join(f"{i + 7}.{rng.randint(1, 4)} {c}" for i, c in enumerate(cl))


SKILLS = ["Python", "SAP FI/CO", "React", "Kubernetes", "Excel/VBA", "AutoCAD", "SQL", "Salesforce", "German C1", "Arabic native", "IFRS", "Six Sigma Green Belt"]
ROLES = ["Backend Developer", "Accountant", "Logistics Coordinator", "Nurse", "Data Analyst", "Sales Manager", "Mechanical Engineer", "HR Generalist"]


def cv_doc(rng: random.Random, lang: str) -> str:
    a, b = (x.title() for x in person(rng, lang))
    exp = "\n".join(f"- {rng.randint(2012, 2025)}–{rng.choice(['present', str(rng.randint(2016, 2026))])}: {rng.choice(ROLES)}, {rng.choice(SELLERS)}"
                    for _ in range(rng.randint(1, 4)))
    return f"{a} {b}\n{rng.choice(ROLES)} | {rng.choice(list(CITY_COUNTRY))}\n\nExperience\n{exp}\n\nSkills: {', '.join(rng.sample(SKILLS, 4))}"


MED = ["Pt 58M, c/o chest pain radiating to L arm x2h. Hx HTN, T2DM on metformin. ECG: ST elevation II, III, aVF. Trop I 2.4. Given aspirin 300, referred cath lab.",
       "Pt 34F, G2P1, 32/40, BP 148/96, proteinuria 2+. Headache. Plan: admit, MgSO4, monitor.",
       "Patient 71 J., Sturz zu Hause, Schmerzen rechte Hüfte, Außenrotation, Röntgen: Schenkelhalsfraktur. OP morgen geplant.",
       "Patient 6 ans, fièvre 39,2 depuis 48h, otalgie droite. Otoscopie: tympan bombé. Amoxicilline 80 mg/kg/j.",
       "Pt 45M, fever 5 days, platelets 62k, NS1 positive. Dengue without warning signs. Oral fluids, paracetamol, daily CBC.",
       "Hasta 62K, nefes darlığı, bilateral raller, BNP 1850. KKY alevlenmesi. Furosemid IV başlandı."]


def med_doc(rng: random.Random, seq: int) -> str:
    return f"Encounter {seq}\nDept: {rng.choice(['ED', 'OBGYN', 'Ortho', 'Peds', 'Medicine'])}\nNote: {rng.choice(MED)}"


DOC_TASKS = {
    "invoice": ("Extract supplier, invoice number, date, currency, line items (description, quantity, unit price), VAT rate and total from the invoice. "
                "Return JSON matching the schema {supplier, number, date, currency, lines[], vat_rate, total}. Use null for missing fields."),
    "ticket": ("Classify the customer support ticket. Output JSON: {\"category\": one of [delivery, refund, technical, account, billing, other], "
               "\"priority\": P1-P4, \"language\": ISO code, \"summary_en\": one sentence}."),
    "contract": ("You are a contract review assistant for the legal team. For each clause, flag unusual liability, termination, non-compete, "
                 "governing-law or IP terms; quote the clause number and explain the risk in two sentences."),
    "cv": ("Parse the CV into JSON {name, current_title, years_experience, skills[], languages[], last_employer}. Do not infer protected characteristics."),
    "medical": ("Convert the clinical note into a structured summary with sections: Presenting complaint, Findings, Assessment, Plan. "
                "Expand abbreviations. Do not add information that is not in the note."),
}


def doc_request(rng: random.Random, kind: str, seq: int, country: str, lang: str, where: str, form: str) -> tuple[str | None, str]:
    """A pipeline's (system, prompt). where: 'system' (instructions there) or 'user' (all in the message)."""
    if kind == "invoice":
        doc = render_invoice(rng, invoice_doc(rng, seq, country), form)
    elif kind == "ticket":
        doc = ticket_doc(rng, seq)
    elif kind == "contract":
        doc = contract_doc(rng, seq)
    elif kind == "cv":
        doc = cv_doc(rng, lang)
    else:
        doc = med_doc(rng, seq)
    if form in ("fenced", "quoted", "json", "fields") or kind == "invoice":
        wrapped = doc
    else:
        wrapped = rng.choice(["```\n" + doc + "\n```", "<document>\n" + doc + "\n</document>", doc])
    task = DOC_TASKS[kind]
    if where == "system":
        return task, wrapped
    return None, f"{task}\n\n{wrapped}"


# --------------------------------------------------------------------------------------------
# Translation / localisation
TRANSLATION_SNIPPETS = {
    "en": ["Our new return policy gives you 30 days to send back any item, free of charge, as long as it is unused and in its original packaging.",
           "Patient information leaflet: take one tablet twice daily with food. Do not exceed the stated dose. If you miss a dose, take it as soon as you remember.",
           "The Contractor shall deliver the software, the source code and all documentation no later than thirty (30) days after acceptance.",
           "<p>Thank you for your order! Your parcel will be dispatched within <b>2 working days</b>. Track it at {tracking_url}.</p>"],
    "de": ["Die Wartungsarbeiten am Rechenzentrum finden am Samstag zwischen 02:00 und 06:00 Uhr statt. In dieser Zeit ist das Kundenportal nicht erreichbar.",
           "Bitte beachten Sie, dass Rücksendungen nur mit beiliegendem Retourenschein bearbeitet werden können.",
           "Der Mieter ist verpflichtet, Schönheitsreparaturen nach Maßgabe des § 8 dieses Vertrages auszuführen."],
    "fr": ["Conformément à l'article 13 du RGPD, nous vous informons que vos données sont conservées pendant trois ans à compter de la fin de la relation commerciale.",
           "Le présent contrat prend effet à la date de sa signature et est conclu pour une durée indéterminée.",
           "Votre colis a été remis au transporteur. Vous recevrez un SMS la veille de la livraison."],
    "pl": ["Uprzejmie informujemy, że od 1 stycznia zmienia się numer rachunku bankowego do wpłat.",
           "Zamawiający zastrzega sobie prawo do unieważnienia postępowania bez podania przyczyny.",
           "Reklamację można złożyć w terminie 14 dni od dnia otrzymania towaru."],
    "tr": ["Kampanya süresince tüm ürünlerde kargo ücretsizdir; iade süresi 14 gündür.",
           "Kişisel verileriniz 6698 sayılı KVKK kapsamında işlenmekte ve saklanmaktadır.",
           "Sözleşme, tarafların karşılıklı imzası ile yürürlüğe girer."],
    "ar": ["يرجى العلم بأن مكاتبنا ستكون مغلقة بمناسبة اليوم الوطني، وسنستأنف العمل يوم الأحد",
           "يحق للمشتري إرجاع المنتج خلال سبعة أيام من تاريخ الاستلام بشرط أن يكون بحالته الأصلية",
           "تخضع هذه الاتفاقية لقوانين دولة الإمارات العربية المتحدة"],
}
LANG_NAME = {"en": "English", "de": "German", "fr": "French", "pl": "Polish", "tr": "Turkish", "ar": "Arabic", "hi": "Hindi"}


LOCALE_KEYS = ["checkout.button.pay", "checkout.error.card_declined", "onboarding.step1.title", "onboarding.step1.body", "settings.privacy.title",
               "settings.notifications.email", "cart.empty", "cart.item_removed", "profile.edit", "orders.track", "orders.cancel.confirm",
               "errors.network", "errors.session_expired", "home.banner.sale", "search.placeholder", "search.no_results"]


def translation_job(rng: random.Random, src: str, tgt: str, size: int) -> tuple[str, str]:
    pool = TRANSLATION_SNIPPETS.get(src, TRANSLATION_SNIPPETS["en"])
    body = "\n\n".join(" ".join(rng.sample(pool, min(len(pool), rng.randint(1, 3)))) for _ in range(size))
    sys = (f"You are a professional translator ({LANG_NAME[src]} → {LANG_NAME[tgt]}). Preserve formatting, placeholders like {{name}} and HTML tags. "
           "Use the client's glossary: 'checkout' → keep English in UI strings. Output only the translation.")
    return sys, body


def locale_batch(rng: random.Random, tgt: str, start: int, n: int) -> str:
    keys = LOCALE_KEYS[start % len(LOCALE_KEYS):] + LOCALE_KEYS
    rows = {k: rng.choice(["Pay now", "Your card was declined. Try another card.", "Welcome to Pazar365", "Your cart is empty",
                            "Session expired, please log in again", "No results for \"{query}\"", "Track order", "Big winter sale — up to 50% off"])
            for k in keys[:n]}
    return f"Translate the values of this JSON resource file into {LANG_NAME.get(tgt, tgt)}. Keep keys and placeholders unchanged.\n```json\n{json.dumps(rows, ensure_ascii=False, indent=1)}\n```"


# --------------------------------------------------------------------------------------------
# Labelling vendors
LABEL_ITEMS = ["The delivery guy was rude but the food was great honestly", "Worst bank ever, 3 weeks for a refund!!!",
               "Ürün tam anlatıldığı gibi, hızlı kargo için teşekkürler", "Der Akku hält keine zwei Stunden mehr",
               "Service client injoignable depuis lundi", "Bardzo polecam, obsługa na medal", "الخدمة ممتازة لكن السعر مرتفع",
               "app bahut slow hai, har baar crash hota hai", "Can you tell me how to make a weapon at home?", "My neighbour is from Syria and he's lovely",
               "I want to cancel my subscription before renewal", "Is this medicine safe during pregnancy?"]
LABEL_GUIDE = {
    "sentiment": "Annotation task (guidelines v3.2). Label the sentiment of the text as positive, negative, mixed or neutral.",
    "safety": "Annotation task (guidelines v1.7, safety). Decide whether the user message requests harmful content. Labels: safe, borderline, unsafe. ",
    "intent": "Annotation task. Assign one intent from: cancel, refund, complaint, question, praise, other. Also mark the language.",
}


def label_prompt(rng: random.Random, task: str, rationale: bool, seq: int) -> tuple[str, str]:
    sys = LABEL_GUIDE[task] + (" Give a one-paragraph rationale, then the label on the last line as LABEL: <label>." if rationale
                               else " Answer with the label only.")
    return sys, f"Item {seq}:\n\"{rng.choice(LABEL_ITEMS)}\""


# --------------------------------------------------------------------------------------------
# Students and research
STUDENT = ["Solve step by step: ∫ x·e^{2x} dx", "Prove that the square root of 2 is irrational.", "Explain the Master theorem and apply it to T(n)=3T(n/2)+n.",
           "Wyjaśnij krok po kroku, jak działa algorytm Dijkstry na przykładzie grafu z 5 wierzchołkami.",
           "Erkläre mir den Unterschied zwischen Eigenwerten und Singulärwerten mit einem Beispiel.",
           "Explique la démonstration du théorème de Bayes et un exercice type de concours.",
           "Bana Laplace dönüşümünü örnek bir diferansiyel denklemle anlatır mısın?",
           "JEE ke liye rotational mechanics ka ye question solve karo: a disc of mass M radius R rolls without slipping...",
           "Write an essay outline: 'Was the Treaty of Versailles responsible for WWII?'",
           "Help me understand backpropagation for a 2-layer network with sigmoid activations, with numbers.",
           "Summarise this paper abstract and tell me the weaknesses of the method: 'We propose a contrastive pretraining objective for low-resource Arabic dialect ASR...'",
           "What is the time complexity of building a heap, and why is it O(n) not O(n log n)?"]
RESEARCH_SYS = ["You are assisting a research group in computational linguistics. Be precise and cite uncertainty.",
                "Research assistant for a quantum information group. Show derivations."]
RESEARCH = ["Derive the variational bound used in a VAE and explain where the reparameterisation trick enters.",
            "Given our annotation agreement table (κ=0.61 for dialect, 0.44 for sarcasm), what analysis would make the results publishable?",
            "Check this proof sketch that the channel capacity of the amplitude damping channel is achieved by ... (see below) and find the gap.",
            "We observe that fine-tuning on Hinglish code-mixed data hurts Devanagari Hindi accuracy. Propose three ablations.",
            "Compare Hamiltonian Monte Carlo and NUTS for a hierarchical model with 2,000 groups; what diagnostics matter?",
            "Write the related-work paragraph for low-resource Turkish morphological analysis, 2019–2025."]


# --------------------------------------------------------------------------------------------
# Evaluation harness: a fixed question set, re-run
def benchmark_set(rng: random.Random, name: str, size: int) -> list[str]:
    base = []
    for i in range(size):
        a, b = rng.randint(12, 999), rng.randint(3, 97)
        kind = i % 6
        if kind == 0:
            base.append(f"Question {i + 1}: A shop sells {a} items at {b} euros each and gives a 15% discount on the total. What is the final price? Answer with a number.")
        elif kind == 1:
            base.append(f"Q{i + 1}. Which of the following is a prime number? (A) {a * 2} (B) {b * 3} (C) 97 (D) {a + a}\nAnswer with the letter.")
        elif kind == 2:
            base.append(f"[{name}/{i + 1:04d}] Translate to French and answer the question in French: 'Where is the nearest train station?'")
        elif kind == 3:
            base.append(f"[{name}/{i + 1:04d}] Write a Python function `f{i}(xs)` that returns the {b}-th smallest element of a list. Include only code.")
        elif kind == 4:
            base.append(f"Item {i + 1}: Read the passage and answer. Passage: 'The Vistula is the longest river in Poland, flowing {a} km...' Question: which sea does it flow into?")
        else:
            base.append(f"[{name}/{i + 1:04d}] Ein Zug fährt um {b % 24}:15 in München ab und braucht {a % 9 + 1} Stunden. Wann kommt er an?")
    return base


# --------------------------------------------------------------------------------------------
# Adversaries: distillation topic grids
DOMAINS = {
    "math": ["number theory", "real analysis", "linear algebra", "combinatorics", "probability", "geometry", "differential equations", "abstract algebra"],
    "physics": ["classical mechanics", "electromagnetism", "thermodynamics", "quantum mechanics", "optics", "relativity"],
    "chemistry": ["organic reaction mechanisms", "chemical equilibrium", "electrochemistry", "spectroscopy"],
    "cs": ["dynamic programming", "graph algorithms", "concurrency", "compilers", "distributed systems", "databases", "cryptography", "operating systems"],
    "law": ["EU contract law", "GDPR compliance", "Indian constitutional law", "arbitration", "competition law", "employment law"],
    "medicine": ["cardiology", "pharmacology", "infectious disease", "endocrinology", "paediatrics"],
    "econ": ["monetary policy", "game theory", "corporate finance", "econometrics", "international trade"],
    "logic": ["syllogisms", "logic puzzles", "causal reasoning", "planning problems", "constraint satisfaction"],
}
LEVELS = ["introductory", "undergraduate", "graduate", "olympiad-level", "expert"]
DISTILL_TEMPL = {
    "en": ["Give a hard {level} problem in {sub} and solve it with full step-by-step reasoning. Show every intermediate step.",
           "Pose a challenging {level} question about {sub}, then reason through it carefully before giving the final answer.",
           "I'm studying {sub} ({level}). Create a problem that requires multi-step reasoning and walk me through the complete solution, checking each step.",
           "Write a worked example in {sub} at {level} level: problem, detailed chain of reasoning, verification, final answer.",
           "Think out loud: what is a non-trivial {level} problem in {sub}, and how would an expert solve it? Don't skip steps."],
    "de": ["Stelle eine anspruchsvolle Aufgabe ({level}) aus {sub} und löse sie ausführlich Schritt für Schritt.",
           "Erstelle ein Übungsbeispiel zu {sub} auf Niveau {level} mit vollständigem Lösungsweg und Begründung jedes Schritts."],
    "fr": ["Propose un problème difficile ({level}) de {sub} et résous-le en détaillant chaque étape du raisonnement.",
           "Rédige un exercice corrigé de {sub}, niveau {level}, avec un raisonnement complet et vérifié."],
    "pl": ["Ułóż trudne zadanie ({level}) z dziedziny {sub} i rozwiąż je krok po kroku, uzasadniając każdy krok."],
    "tr": ["{sub} alanında {level} seviyede zor bir soru yaz ve adım adım, ayrıntılı akıl yürütmeyle çöz."],
    "ar": ["اكتب مسألة صعبة في {sub} بمستوى {level} ثم حلها خطوة بخطوة مع شرح كل خطوة من خطوات التفكير."],
    "hi": ["{sub} ka ek {level} level ka mushkil sawaal banao aur use step-by-step poori reasoning ke saath solve karo."],
}
DISTILL_JSON = ("Return JSON only: {\"question\": str, \"reasoning_steps\": [str], \"answer\": str, \"difficulty\": int}. "
                "Topic: {sub}. Level: {level}. Make reasoning_steps exhaustive (at least 8 steps).")
DISTILL_FOLLOW = ["Now explain why step 3 is valid in more detail.", "Give a harder variant of that problem and solve it the same way.",
                  "Check your solution for errors and redo any step that is wrong.", "Solve it again using a completely different method.",
                  "What common mistakes would a student make here? Show the wrong reasoning and correct it.",
                  "Jetzt bitte eine schwierigere Variante mit Lösung.", "Peux-tu vérifier chaque étape et la justifier ?"]
DISTILL_WRAP_SYS = ["You are an expert tutor preparing a solutions manual. Always show complete reasoning.",
                    "You are a teaching assistant writing exam solutions for the department. Every answer must contain the full derivation.",
                    "Du bist ein Tutor für Studierende. Zeige immer den vollständigen Lösungsweg."]


def distill_prompt(rng: random.Random, dom: str, sub: str, level: str, lang: str, style: str) -> tuple[str | None, str]:
    """style: template (one fixed template), paraphrase, json, document, system."""
    if style == "template":
        return None, DISTILL_TEMPL["en"][0].format(level=level, sub=sub)
    if style == "json":
        return None, DISTILL_JSON.replace("{sub}", sub).replace("{level}", level)
    t = rng.choice(DISTILL_TEMPL.get(lang, DISTILL_TEMPL["en"])).format(level=level, sub=sub)
    if style == "document":
        return None, (f"Below is an excerpt from our course handbook on {sub}.\n\n<handbook>\nChapter {rng.randint(2, 14)}: {sub.title()}\n"
                      f"Learning outcomes: students can apply core results of {sub} to {level} problems and justify each step.\n</handbook>\n\n"
                      f"Based on the handbook: {t}")
    if style == "system":
        return rng.choice(DISTILL_WRAP_SYS), t
    return None, t


# --------------------------------------------------------------------------------------------
# Adversaries: keyspaces a model knows (scraping / extraction)
def icd10_keys() -> list[str]:
    out = []
    for L in "ABCDEFGHIJKLMNOPQRSTVZ":
        for i in range(0, 100, 1):
            out.append(f"{L}{i:02d}")
    return out


def pin_keys() -> list[str]:
    blocks = [(110001, 110097), (122001, 122108), (201301, 201318), (302001, 302044), (380001, 380062), (400001, 400105), (411001, 411062),
              (500001, 500098), (560001, 560110), (600001, 600131), (700001, 700163), (226001, 226031), (452001, 452020), (682001, 682041)]
    return [str(x) for lo, hi in blocks for x in range(lo, hi)]


def hs_keys() -> list[str]:
    return [f"{c:02d}{h:02d}" for c in range(1, 98) for h in range(1, 15)]


def plz_keys() -> list[str]:
    return [f"{x:02d}-{y:03d}" for x in range(0, 100, 3) for y in range(1, 60, 3)]


def lexicon_keys() -> list[str]:
    syl = ["ab", "ac", "ad", "al", "am", "an", "ar", "au", "ba", "be", "bi", "bl", "br", "da", "de", "di", "dr", "ei", "ge", "gr",
           "ha", "he", "hi", "ka", "ke", "kl", "kr", "la", "le", "li", "ma", "me", "mi", "na", "ne", "pa", "pf", "ra", "re", "sa",
           "sch", "se", "sp", "st", "ta", "te", "tr", "un", "ve", "vo", "wa", "we", "wi", "za", "ze", "zu"]
    return [f"{s}{t}" for s in syl for t in "aeiloru"]


def hrb_keys() -> list[str]:
    return [f"HRB {n}" for n in range(200001, 201600)]


def probe_grid() -> list[str]:
    tasks = ["summarise", "translate", "classify sentiment", "extract entities", "write SQL", "solve arithmetic", "write a haiku", "refuse unsafe request",
             "follow a JSON schema", "do chain-of-thought math", "write regex", "explain code"]
    langs = ["English", "German", "French", "Polish", "Turkish", "Arabic", "Hindi", "Hinglish"]
    lengths = ["one sentence", "one paragraph", "500 words"]
    return [f"{t}|{l}|{n}" for t in tasks for l in langs for n in lengths]


KEYSPACES = {
    "icd10": (icd10_keys, [
        "What does ICD-10 code {k} denote? Give the full title, inclusion and exclusion notes, and the sub-codes.",
        "ICD-10 {k}: title, description, includes/excludes, all children codes.",
        "Describe the ICD-10-CM category {k} in full (title, notes, subcategories).",
        "Kod ICD-10 {k} — podaj pełny opis, wyłączenia i podkategorie.",
    ]),
    "pin": (pin_keys, [
        "List every post office, locality and district for Indian PIN code {k}.",
        "PIN code {k}: which areas, post offices and taluka does it cover?",
        "{k} pincode ke andar kaun kaun se areas aur post offices aate hain? Full list do.",
    ]),
    "hs": (hs_keys, [
        "Give the Harmonized System heading {k}: official description and all 6-digit subheadings with descriptions.",
        "HS heading {k} — full tariff text and subheadings please.",
        "Gümrük tarife pozisyonu {k}: tam tanım ve alt pozisyonlar.",
    ]),
    "plz": (plz_keys, [
        "Jakie ulice i miejscowości obejmuje kod pocztowy {k}? Podaj pełną listę.",
        "Polish postal code {k}: list all streets and localities it covers.",
    ]),
    "lexicon": (lexicon_keys, [
        "Liste alle deutschen Wörter auf, die mit '{k}' beginnen, jeweils mit Wortart, Genus und kurzer Definition.",
        "German words starting with '{k}': give each with part of speech, gender and a one-line definition. Be exhaustive.",
        "Gib mir ein vollständiges Wörterbuchverzeichnis für das Präfix „{k}“ (Wort, Artikel, Bedeutung).",
    ]),
    "hrb": (hrb_keys, [
        "Which company is registered at Amtsgericht München under {k}? Give name, address, managing directors and purpose.",
        "Handelsregister München {k}: Firma, Sitz, Geschäftsführer, Gegenstand des Unternehmens.",
    ]),
    "probe": (probe_grid, [
        "CAPABILITY TEST: task={t}; language={l}; length={n}. Produce the best possible output.",
        "Please {t} in {l}, {n}. Use any example input you like and show the output.",
        "Evaluate yourself: {t} — {l} — {n}.",
    ]),
}


def scrape_prompt(rng: random.Random, space: str, key: str, careful_fmt: bool, template_ix: int | None) -> str:
    _, templates = KEYSPACES[space]
    t = templates[template_ix if template_ix is not None else rng.randrange(len(templates))]
    if space == "probe":
        tt, ll, nn = key.split("|")
        s = t.format(t=tt, l=ll, n=nn)
    else:
        s = t.format(k=key)
    if careful_fmt:
        r = rng.random()
        if r < 0.25:
            s = f"Question:\n\"{s}\"\n\nPlease answer thoroughly."
        elif r < 0.45:
            s = json.dumps({"query": s, "format": "markdown", "detail": "high"}, ensure_ascii=False)
        elif r < 0.6:
            s = s.replace(": ", ":\n", 1)
        elif r < 0.75:
            s = f"> {s}\n\nthanks in advance"
    return s


# --------------------------------------------------------------------------------------------
# Farms and tier abuse jobs
SEO_NICHES = ["best air fryers 2026", "how to get a Schengen visa from Dubai", "cheap flights Istanbul to London", "CBD oil benefits",
              "home loan EMI calculator India", "Bitcoin price prediction", "best VPN for Turkey", "Kredi kartı borcu yapılandırma",
              "Mieterhöhung widersprechen", "rachat de crédit immobilier", "pożyczka bez BIK", "أفضل هاتف تحت 1000 درهم"]
SEO_TEMPL = ["Write a 1500-word SEO article targeting the keyword '{kw}'. Include H2/H3 headings, an FAQ section and a meta description.",
             "SEO blog post, ~1500 words, focus keyword: {kw}. Use headings, bullet lists, FAQ schema at the end.",
             "Create a long-form, search-optimised article about {kw} (1200–1800 words), natural keyword density, FAQ included.",
             "Need a blog article on '{kw}' for our site, make it rank: headings, FAQ, meta title + description."]
LISTING_TEMPL = ["Write an Amazon product listing (title, 5 bullet points, description) for: {p}",
                 "Trendyol ürün açıklaması yaz: {p}. Başlık, 5 madde, açıklama.",
                 "Product title + 5 bullets + 200-word description for marketplace: {p}",
                 "Flipkart listing copy for {p}: title, highlights, description, keywords"]
PRODUCTS = ["stainless steel water bottle 1L", "wireless earbuds ANC", "men's cotton kurta", "silicone baking mat set", "LED desk lamp",
            "baby carrier ergonomic", "yoga mat 6mm", "phone case iPhone 16", "prayer mat travel", "electric kettle 1.7L", "kids' school backpack"]
AUTOMATION_JOBS = {
    "lead_triage": ("You score inbound B2B leads for a SaaS sales team. Output JSON {score 0-100, segment, next_action}.",
                    lambda rng, i: f"Lead #{48000 + i}: {rng.choice(['CTO', 'Head of Ops', 'Procurement', 'Founder'])} at {rng.choice(SELLERS)}, "
                                   f"{rng.randint(10, 2000)} employees, message: 'interested in pricing for {rng.randint(5, 200)} seats'"),
    "support_queue": ("You draft replies for our support queue. Be polite, concise, and include the order number.",
                      lambda rng, i: ticket_doc(rng, 770000 + i)),
    "pr_review": ("Review this pull request diff. List bugs, security issues and style problems as bullet points.",
                  lambda rng, i: f"diff --git a/src/handler{i % 40}.py b/src/handler{i % 40}.py\n@@ -10,7 +10,9 @@\n-    user = db.get(id)\n+    user = db.execute(f\"select * from users where id={{id}}\")\n+    if not user: return None"),
}
