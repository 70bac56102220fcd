"""Text banks for the Nusantara AI world: ordinary chat, code, homework, and the raw material the
abusive personas draw on (parametric problems with paraphrases in several languages, keyspaces that
scrapers walk, capability taxonomies). Standard library only.

Thai and Chinese are written without spaces between words, as people write them.
"""

from __future__ import annotations

import random

LANG_NAMES = {"id": "Indonesian", "ms": "Malay", "vi": "Vietnamese", "th": "Thai", "tl": "Tagalog",
              "en": "English", "zh": "Chinese", "ko": "Korean"}

# --------------------------------------------------------------------------------------------
# ordinary chat
# --------------------------------------------------------------------------------------------

CHAT = {
    "id": {
        "t": [
            "Tolong jelaskan {topic} dengan bahasa yang sederhana, untuk orang awam.",
            "Apa bedanya {topic} dengan {topic2}? Aku masih bingung.",
            "Buatkan draf email ke atasan saya untuk minta cuti {n} hari minggu depan, nadanya sopan tapi tidak kaku.",
            "Bisa bantu ringkas artikel ini jadi 5 poin? {snippet}",
            "Kasih ide konten Instagram untuk usaha {biz} saya di {place}, sekitar {n} ide saja.",
            "Saya mau belajar {topic}. Mulai dari mana ya? Kasih rencana belajar {n} minggu.",
            "Tolong perbaiki tata bahasa paragraf ini: {snippet}",
            "Resep {food} yang gampang untuk {n} orang, bahan-bahannya ada di warung.",
            "Gimana cara menjelaskan {topic} ke anak SD kelas {n}?",
            "Buat caption singkat untuk promo {biz} diskon {pct}% akhir pekan ini.",
            "Aku lagi nyusun skripsi tentang {topic}. Kira-kira rumusan masalah yang bagus apa ya?",
            "Tolong terjemahkan ke bahasa Inggris yang natural: {snippet}",
            "Apa saja yang perlu disiapkan untuk perjalanan ke {place} selama {n} hari?",
            "Bantu bikin surat lamaran kerja untuk posisi {job} di perusahaan startup.",
            "Jelaskan kelebihan dan kekurangan {topic} untuk UMKM.",
            "Saya punya tabungan Rp{money}, sebaiknya ditaruh di mana? Jawab secara umum saja.",
            "Kenapa {topic} penting? Jawab singkat aja.",
            "Buatkan pantun lucu tentang {food} buat acara kantor.",
            "Tolong buatkan agenda rapat {n} menit untuk membahas {topic}.",
            "Apa arti peribahasa \"{proverb}\" dan contoh penggunaannya?",
        ],
        "f": ["Oke, bisa dibuat lebih singkat?", "Makasih! Kalau versi bahasa Inggrisnya gimana?",
              "Bisa kasih contoh lain?", "Hmm kurang pas, coba nadanya lebih santai.",
              "Lanjut dong poin nomor 3 dijelaskan lagi.", "Sip, tambahkan referensi ya.",
              "Kalau untuk pemula gimana?", "Bisa dibuat dalam bentuk tabel?"],
        "topic": ["inflasi", "suku bunga BI", "pajak penghasilan pribadi", "BPJS Kesehatan", "machine learning",
                  "blockchain", "energi terbarukan", "pemilu", "manajemen waktu", "investasi reksa dana",
                  "perubahan iklim", "ekonomi digital", "kredit usaha rakyat", "kesehatan mental",
                  "desain UI", "pemasaran digital", "akuntansi dasar", "hukum waris", "gizi seimbang",
                  "sejarah Majapahit", "fotosintesis", "cloud computing", "keamanan siber", "public speaking",
                  "negosiasi gaji", "bahasa pemrograman Python", "statistik deskriptif", "koperasi"],
        "biz": ["kopi susu", "laundry kiloan", "katering", "toko baju muslim", "bengkel motor", "warung bakso",
                "jasa desain", "toko kue", "thrift shop", "les privat"],
        "food": ["nasi goreng", "rendang", "soto ayam", "sayur asem", "martabak manis", "pempek", "gado-gado",
                 "ayam geprek", "opor ayam", "klepon"],
        "place": ["Bandung", "Yogyakarta", "Bali", "Lombok", "Medan", "Makassar", "Surabaya", "Malang",
                  "Labuan Bajo", "Semarang", "Balikpapan", "Padang"],
        "job": ["data analyst", "product manager", "frontend developer", "staf admin", "content writer",
                "customer service"],
        "proverb": ["Air beriak tanda tak dalam", "Bagai air di daun talas", "Sedikit demi sedikit lama-lama menjadi bukit",
                    "Tong kosong nyaring bunyinya", "Ada udang di balik batu"],
    },
    "ms": {
        "t": [
            "Boleh terangkan {topic} secara ringkas?", "Apa beza {topic} dan {topic2}?",
            "Tolong tulis e-mel kepada pensyarah saya untuk minta lanjutan tarikh hantar tugasan {n} hari.",
            "Bagi idea nama untuk kedai {biz} saya di {place}.",
            "Macam mana nak mula belajar {topic}? Beri pelan {n} minggu.",
            "Tolong betulkan tatabahasa ayat ini: {snippet}",
            "Resipi {food} yang mudah untuk {n} orang.",
            "Apa yang perlu saya bawa untuk percutian ke {place} selama {n} hari?",
            "Tulis kapsyen promosi untuk {biz}, diskaun {pct}% hujung minggu ini.",
            "Terjemahkan ke bahasa Inggeris: {snippet}",
            "Apakah kelebihan dan kekurangan {topic} untuk perniagaan kecil?",
            "Saya ada simpanan RM{money}, apa pilihan pelaburan yang selamat secara umum?",
        ],
        "f": ["Boleh pendekkan sikit?", "Terima kasih! Boleh beri contoh lain?", "Buat dalam bentuk jadual.",
              "Nada lebih santai sikit boleh?"],
        "topic": ["KWSP", "cukai pendapatan", "ASB", "inflasi", "kecerdasan buatan", "perubahan iklim",
                  "pemasaran digital", "keselamatan siber", "e-dagang", "pengurusan masa", "sejarah Melaka",
                  "tenaga solar", "kesihatan mental", "Python"],
        "biz": ["nasi lemak", "kedai runcit", "kek lapis", "dobi", "bengkel kereta", "butik tudung"],
        "food": ["nasi lemak", "rendang ayam", "laksa", "roti jala", "kuih seri muka", "char kuey teow"],
        "place": ["Langkawi", "Pulau Pinang", "Melaka", "Kota Kinabalu", "Cameron Highlands", "Ipoh", "Kuching"],
    },
    "vi": {
        "t": [
            "Giải thích giúp mình {topic} một cách dễ hiểu được không?",
            "{topic} khác gì so với {topic2}?",
            "Viết giúp mình email xin nghỉ phép {n} ngày gửi sếp, giọng lịch sự.",
            "Gợi ý {n} ý tưởng nội dung TikTok cho quán {biz} ở {place}.",
            "Mình muốn học {topic}, nên bắt đầu từ đâu? Lập kế hoạch {n} tuần.",
            "Sửa lỗi chính tả và ngữ pháp đoạn này giúp mình: {snippet}",
            "Công thức nấu {food} đơn giản cho {n} người.",
            "Đi {place} {n} ngày thì nên chuẩn bị những gì?",
            "Dịch sang tiếng Anh tự nhiên: {snippet}",
            "Ưu và nhược điểm của {topic} đối với doanh nghiệp nhỏ là gì?",
            "Mình có {money} triệu đồng tiết kiệm, nên đầu tư thế nào cho an toàn? Trả lời chung chung thôi.",
            "Viết caption quảng cáo cho {biz}, giảm giá {pct}% cuối tuần.",
        ],
        "f": ["Ngắn gọn hơn được không?", "Cảm ơn! Cho thêm ví dụ nhé.", "Trình bày dạng bảng giúp mình.",
              "Viết lại giọng thân thiện hơn."],
        "topic": ["lạm phát", "thuế thu nhập cá nhân", "bảo hiểm xã hội", "trí tuệ nhân tạo", "chứng khoán",
                  "biến đổi khí hậu", "marketing số", "an ninh mạng", "quản lý thời gian", "lịch sử nhà Trần",
                  "năng lượng mặt trời", "lập trình Python", "kinh tế vĩ mô", "sức khỏe tinh thần"],
        "biz": ["cà phê muối", "bánh mì", "phở", "trà sữa", "tiệm may", "spa"],
        "food": ["phở bò", "bún chả", "cá kho tộ", "canh chua", "gỏi cuốn", "bánh xèo"],
        "place": ["Đà Nẵng", "Hội An", "Đà Lạt", "Phú Quốc", "Sa Pa", "Hạ Long", "Nha Trang", "Huế"],
    },
    "th": {
        "t": [
            "ช่วยอธิบายเรื่อง{topic}ให้เข้าใจง่ายหน่อยครับ",
            "{topic}กับ{topic2}ต่างกันอย่างไรคะ",
            "ช่วยเขียนอีเมลขอลาพักร้อน{n}วันถึงหัวหน้าให้หน่อย สุภาพแต่ไม่เป็นทางการเกินไป",
            "ขอไอเดียคอนเทนต์สำหรับร้าน{biz}ที่{place}สัก{n}ข้อ",
            "อยากเริ่มเรียน{topic} ควรเริ่มจากตรงไหนดี ขอแผน{n}สัปดาห์",
            "ช่วยตรวจคำผิดในย่อหน้านี้ให้หน่อย {snippet}",
            "สูตร{food}ง่ายๆสำหรับ{n}คน",
            "ไปเที่ยว{place}{n}วันต้องเตรียมอะไรบ้าง",
            "แปลเป็นภาษาอังกฤษให้เป็นธรรมชาติ {snippet}",
            "ข้อดีข้อเสียของ{topic}สำหรับธุรกิจขนาดเล็กมีอะไรบ้าง",
            "มีเงินเก็บ{money}บาท ควรลงทุนอะไรดีแบบความเสี่ยงต่ำ",
        ],
        "f": ["ขอสั้นกว่านี้หน่อยครับ", "ขอบคุณค่ะ ขอตัวอย่างเพิ่มได้ไหม", "ทำเป็นตารางได้ไหม", "ขอภาษาที่เป็นกันเองกว่านี้"],
        "topic": ["เงินเฟ้อ", "ภาษีเงินได้บุคคลธรรมดา", "ประกันสังคม", "ปัญญาประดิษฐ์", "หุ้น", "การเปลี่ยนแปลงสภาพภูมิอากาศ",
                  "การตลาดออนไลน์", "ความปลอดภัยไซเบอร์", "การบริหารเวลา", "ประวัติศาสตร์อยุธยา", "พลังงานแสงอาทิตย์",
                  "การเขียนโปรแกรมไพธอน", "สุขภาพจิต"],
        "biz": ["กาแฟ", "ชานมไข่มุก", "ข้าวมันไก่", "ร้านตัดผม", "ร้านเสื้อผ้ามือสอง"],
        "food": ["ต้มยำกุ้ง", "ผัดกะเพรา", "แกงเขียวหวาน", "ส้มตำ", "ข้าวซอย", "ผัดไทย"],
        "place": ["เชียงใหม่", "ภูเก็ต", "กระบี่", "หัวหิน", "เชียงราย", "เกาะสมุย", "น่าน"],
    },
    "tl": {
        "t": [
            "Pwede mo bang ipaliwanag ang {topic} sa simpleng paraan?",
            "Ano ang pagkakaiba ng {topic} at {topic2}?",
            "Gawan mo ako ng email sa boss ko para mag-leave ng {n} araw, polite pero hindi masyadong formal.",
            "Bigyan mo ako ng {n} content ideas para sa {biz} business ko sa {place}.",
            "Gusto kong matuto ng {topic}. Saan ako magsisimula? Gawa ka ng {n}-week plan.",
            "Paki-check ang grammar nito: {snippet}",
            "Recipe ng {food} para sa {n} tao, yung madali lang.",
            "Ano ang dapat dalhin sa {n}-day trip sa {place}?",
            "I-translate mo sa English: {snippet}",
            "Ano ang pros and cons ng {topic} para sa maliit na negosyo?",
        ],
        "f": ["Pwede mas maikli?", "Salamat! May iba pang example?", "Gawin mong table please.", "Mas casual na tono naman."],
        "topic": ["inflation", "SSS contributions", "Pag-IBIG", "artificial intelligence", "climate change",
                  "digital marketing", "cybersecurity", "time management", "kasaysayan ng Maynila", "solar energy",
                  "Python programming", "mental health"],
        "biz": ["milk tea", "sari-sari store", "ukay-ukay", "lugawan", "bakery", "carwash"],
        "food": ["adobo", "sinigang", "kare-kare", "pancit canton", "lechon kawali", "halo-halo"],
        "place": ["Baguio", "Siargao", "Palawan", "Cebu", "Bohol", "Ilocos", "Davao"],
    },
    "en": {
        "t": [
            "Can you explain {topic} in plain English for a non-specialist?",
            "What's the difference between {topic} and {topic2}?",
            "Draft a polite email to my manager asking for {n} days of leave next week.",
            "Summarise this in 5 bullet points: {snippet}",
            "Give me {n} content ideas for my {biz} business in {place}.",
            "I want to learn {topic}. Where should I start? Give me a {n}-week plan.",
            "Proofread this paragraph and keep my tone: {snippet}",
            "Easy recipe for {food} for {n} people?",
            "What should I pack for {n} days in {place}?",
            "Write a cover letter for a {job} role at a fintech startup.",
            "What are the pros and cons of {topic} for small businesses?",
            "Help me prepare for a job interview for a {job} position. What questions should I expect?",
            "Rewrite this to sound more professional: {snippet}",
            "Explain {topic} like I'm five.",
            "Make a {n}-minute meeting agenda to discuss {topic}.",
            "Is it worth learning {topic} in 2025? Be honest.",
        ],
        "f": ["Shorter please.", "Thanks! Can you give another example?", "Can you put that in a table?",
              "Make it a bit more casual.", "Expand on the third point.", "What sources could I cite for this?"],
        "topic": ["inflation", "interest rates", "index funds", "machine learning", "transformers", "Kubernetes",
                  "climate change", "digital marketing", "zero trust security", "time blocking", "GDPR",
                  "superannuation", "the Marshall Plan", "photosynthesis", "microservices", "supply chain finance",
                  "ESG reporting", "Rust ownership", "vector databases", "product-market fit"],
        "biz": ["coffee", "bakery", "laundry", "bike repair", "tutoring", "florist", "catering"],
        "food": ["laksa", "chicken rice", "beef rendang", "pad thai", "banh mi", "sushi bake", "lasagne"],
        "place": ["Singapore", "Bali", "Melbourne", "Hanoi", "Chiang Mai", "Kuala Lumpur", "Seoul", "Goa", "Sydney"],
        "job": ["data engineer", "product manager", "UX researcher", "backend developer", "financial analyst"],
    },
    "zh": {
        "t": [
            "请用通俗的语言解释一下{topic}。", "{topic}和{topic2}有什么区别？",
            "帮我写一封请假{n}天的邮件给经理，语气礼貌一点。", "给我的{biz}店想{n}个社交媒体文案。",
            "我想学习{topic}，应该从哪里开始？请给一个{n}周的学习计划。", "帮我润色这段话：{snippet}",
            "去{place}玩{n}天需要准备什么？", "把这段翻译成英文：{snippet}", "{topic}对中小企业有哪些利弊？",
        ],
        "f": ["再简短一点。", "谢谢！能再举个例子吗？", "用表格整理一下。", "语气再轻松一点。"],
        "topic": ["通货膨胀", "人工智能", "跨境电商", "区块链", "新能源汽车", "时间管理", "个人所得税", "云计算",
                  "网络安全", "机器学习", "东南亚市场"],
        "biz": ["奶茶", "咖啡", "火锅", "服装", "跨境电商"],
        "place": ["新加坡", "巴厘岛", "曼谷", "吉隆坡", "岘港", "清迈"],
    },
    "ko": {
        "t": [
            "{topic}에 대해 쉽게 설명해 주세요.", "{topic}와 {topic2}의 차이가 뭔가요?",
            "팀장님께 {n}일 휴가를 요청하는 이메일을 정중하게 써 주세요.",
            "{biz} 가게를 위한 인스타그램 콘텐츠 아이디어 {n}개만 주세요.",
            "{topic}을 공부하고 싶은데 어디서부터 시작하면 좋을까요? {n}주 계획을 짜 주세요.",
            "이 문장 자연스럽게 고쳐 주세요: {snippet}", "{place}로 {n}일 여행 가는데 뭘 준비해야 하나요?",
            "영어로 번역해 주세요: {snippet}",
        ],
        "f": ["좀 더 짧게 해 주세요.", "감사합니다! 다른 예시도 있나요?", "표로 정리해 주세요."],
        "topic": ["인플레이션", "인공지능", "주식 투자", "기후 변화", "디지털 마케팅", "시간 관리", "클라우드", "머신러닝"],
        "biz": ["카페", "베이커리", "꽃집", "네일숍"],
        "place": ["다낭", "방콕", "발리", "싱가포르", "제주도"],
    },
}

SNIPPETS = {
    "id": ["Kemarin rapat dengan klien berjalan lancar tapi mereka minta revisi timeline karena anggaran belum cair.",
           "Harga cabai di pasar naik lagi minggu ini, pedagang bilang karena cuaca buruk di daerah penghasil.",
           "Kami mengundang Bapak/Ibu untuk hadir dalam acara syukuran kantor pada hari Jumat pukul 16.00 WIB.",
           "Program magang ini terbuka untuk mahasiswa semester akhir dari semua jurusan.",
           "Pengiriman pesanan akan mengalami keterlambatan karena libur nasional."],
    "en": ["Our Q3 revenue grew 12% year on year, driven mostly by new enterprise contracts in Vietnam and Thailand.",
           "The meeting has been moved to Thursday because half the team is travelling to the Jakarta office.",
           "Residents near the river have been advised to prepare for possible flooding this weekend.",
           "We are looking for volunteers to help run the community library on Saturday mornings.",
           "The new onboarding flow reduced drop-off at the KYC step, but support tickets went up."],
}
for _l in ("ms", "vi", "th", "tl", "zh", "ko"):
    SNIPPETS[_l] = SNIPPETS["en"]
SNIPPETS["vi"] = SNIPPETS["vi"] + ["Hôm qua cuộc họp với khách hàng khá suôn sẻ nhưng họ muốn lùi tiến độ sang tháng sau."]
SNIPPETS["th"] = SNIPPETS["th"] + ["เมื่อวานประชุมกับลูกค้าราบรื่นดีแต่เขาขอเลื่อนกำหนดส่งงานออกไปอีกสองสัปดาห์"]


def chat_prompt(rng: random.Random, lang: str) -> str:
    bank = CHAT[lang]
    t = rng.choice(bank["t"])
    topics = bank["topic"]
    vals = {
        "topic": rng.choice(topics), "topic2": rng.choice(topics), "n": rng.randint(2, 10),
        "pct": rng.choice([10, 15, 20, 25, 30, 40, 50]), "money": rng.choice([5, 10, 20, 25, 50, 100, 150]) * (
            1_000_000 if lang == "id" else 1_000 if lang in ("ms", "th") else 1),
        "snippet": rng.choice(SNIPPETS[lang]),
    }
    for key in ("biz", "food", "place", "job", "proverb"):
        if key in bank:
            vals[key] = rng.choice(bank[key])
        else:
            vals[key] = rng.choice(CHAT["en"].get(key, ["it"]))
    if lang == "id" and isinstance(vals["money"], int):
        vals["money"] = f"{vals['money']:,}".replace(",", ".")
    out = t.format(**vals)
    r = rng.random()
    if r < 0.15:  # people add context
        out = rng.choice(CONTEXT.get(lang, CONTEXT["en"])) + " " + out
    return out


CONTEXT = {
    "id": ["Halo!", "Permisi,", "Mau tanya,", "Maaf ganggu,", "Pagi kak,", "Btw,"],
    "en": ["Hi!", "Quick question:", "Hey,", "Hope you can help:", "Okay so"],
    "vi": ["Chào bạn,", "Cho mình hỏi,", "Nhờ bạn giúp:"],
    "th": ["สวัสดีครับ", "รบกวนหน่อยค่ะ", "ขอถามหน่อย"],
    "tl": ["Hi po,", "Tanong lang,", "Uy,"],
    "ms": ["Hai,", "Nak tanya,", "Maaf mengganggu,"],
    "zh": ["你好，", "请问，"],
    "ko": ["안녕하세요,", "질문이 있는데요,"],
}


def followup(rng: random.Random, lang: str) -> str:
    return rng.choice(CHAT[lang]["f"])


# --------------------------------------------------------------------------------------------
# code
# --------------------------------------------------------------------------------------------

_IDENT = ["user", "order", "invoice", "payload", "items", "cart", "tx", "record", "row", "resp", "config",
          "customer", "product", "ticket", "msg", "batch", "entry", "node", "token", "session"]
_FUNCS = ["parse_invoice", "get_user", "calc_total", "fetch_orders", "normalize_phone", "to_rupiah",
          "sync_inventory", "send_otp", "validate_nik", "merge_carts", "retry_request", "load_config",
          "build_report", "dedupe_rows", "paginate", "hash_password", "upload_file", "schedule_job"]

CODE_Q = {
    "en": ["Why does this throw {err}? {code}", "How can I make this faster? {code}",
           "Refactor this to be more idiomatic: {code}", "Write unit tests for this function: {code}",
           "Explain what this code does line by line: {code}", "Convert this to {lang2}: {code}",
           "Add type hints and docstrings: {code}", "Is there a race condition here? {code}",
           "Review this PR snippet and point out bugs: {code}"],
    "id": ["Kenapa kode ini error {err}? {code}", "Tolong refactor biar lebih rapi: {code}",
           "Bikinin unit test buat fungsi ini dong: {code}", "Jelasin kode ini maksudnya apa: {code}",
           "Gimana caranya ubah ini ke {lang2}? {code}", "Ini lambat banget kalau datanya 1 juta baris, solusinya? {code}"],
    "vi": ["Tại sao đoạn code này bị lỗi {err}? {code}", "Viết unit test cho hàm này giúp mình: {code}",
           "Refactor đoạn này cho gọn hơn: {code}", "Chuyển đoạn này sang {lang2} được không? {code}"],
    "th": ["ทำไมโค้ดนี้ถึงเกิด {err} ครับ {code}", "ช่วยเขียน unit test ให้ฟังก์ชันนี้หน่อย {code}"],
    "zh": ["这段代码为什么报错 {err}？{code}", "帮我重构一下这段代码：{code}"],
    "ko": ["이 코드에서 {err} 에러가 나는 이유가 뭘까요? {code}", "이 함수 테스트 코드 작성해 주세요: {code}"],
    "tl": ["Bakit nag-e-error ng {err} ito? {code}", "Paki-refactor naman ito: {code}"],
    "ms": ["Kenapa kod ini keluar ralat {err}? {code}", "Tolong tulis unit test untuk fungsi ini: {code}"],
}
_ERRS = ["KeyError: 'id'", "TypeError: 'NoneType' object is not subscriptable", "IndexError: list index out of range",
         "UnboundLocalError", "RecursionError", "TypeError: Cannot read properties of undefined (reading 'map')",
         "panic: runtime error: invalid memory address", "NullPointerException", "SQLSTATE[23000] duplicate entry",
         "ValueError: invalid literal for int()", "deadlock detected", "CORS policy: No 'Access-Control-Allow-Origin'"]


def code_snippet(rng: random.Random) -> str:
    f, a, b = rng.choice(_FUNCS), rng.choice(_IDENT), rng.choice(_IDENT)
    n = rng.randint(2, 500)
    kind = rng.randrange(6)
    if kind == 0:
        return (f"\n```python\ndef {f}({a}s):\n    out = {{}}\n    for {a} in {a}s:\n        key = {a}['{b}_id']\n"
                f"        out[key] = out.get(key, 0) + {a}.get('amount', 0) * {n}\n    return sorted(out.items(), key=lambda kv: kv[1])[:{n % 20 + 1}]\n```")
    if kind == 1:
        return (f"\n```js\nasync function {f.replace('_', '')}({a}Id) {{\n  const res = await fetch(`/api/{b}s/${{{a}Id}}`);\n"
                f"  const data = await res.json();\n  return data.{b}s.map(x => x.total * {n});\n}}\n```")
    if kind == 2:
        return (f"\n```sql\nSELECT c.id, c.name, SUM(o.amount) AS total\nFROM customers c\nLEFT JOIN orders o ON o.customer_id = c.id\n"
                f"WHERE o.created_at >= NOW() - INTERVAL '{n % 90 + 1} days'\nGROUP BY c.id\nHAVING SUM(o.amount) > {n * 1000}\nORDER BY total DESC;\n```")
    if kind == 3:
        return (f"\n```go\nfunc {f.title().replace('_', '')}(ctx context.Context, ids []string) (map[string]int, error) {{\n"
                f"\tout := map[string]int{{}}\n\tvar wg sync.WaitGroup\n\tfor _, id := range ids {{\n\t\twg.Add(1)\n"
                f"\t\tgo func() {{ defer wg.Done(); out[id] += {n} }}()\n\t}}\n\twg.Wait()\n\treturn out, nil\n}}\n```")
    if kind == 4:
        return (f"\n```kotlin\nfun {f.replace('_', '')}({a}: List<{b.title()}>): Int {{\n    return {a}.filter {{ it.qty > {n % 10} }}.sumOf {{ it.price * it.qty }}\n}}\n```")
    return (f"\n```php\n$stmt = $pdo->prepare(\"INSERT INTO {b}s (id, {a}, created_at) VALUES (?, ?, NOW())\");\n"
            f"foreach (${a}s as $i => ${a}) {{\n    $stmt->execute([$i + {n}, ${a}]);\n}}\n```")


def code_prompt(rng: random.Random, lang: str) -> str:
    qs = CODE_Q.get(lang, CODE_Q["en"])
    return rng.choice(qs).format(err=rng.choice(_ERRS), code=code_snippet(rng),
                                 lang2=rng.choice(["TypeScript", "Go", "Rust", "Kotlin", "Python", "Java"]))


# --------------------------------------------------------------------------------------------
# parametric problems with paraphrases in several languages (homework and distillation alike)
# --------------------------------------------------------------------------------------------

def _params(rng: random.Random, kind: str) -> dict:
    if kind == "interest":
        return {"P": rng.choice([1, 2, 5, 10, 25, 50]) * 1000, "r": rng.choice([3, 4, 5, 6, 7, 8, 9]), "t": rng.randint(2, 12)}
    if kind == "trains":
        d = rng.randrange(200, 900, 10)
        return {"d": d, "v1": rng.randrange(40, 110, 5), "v2": rng.randrange(40, 110, 5), "h": rng.randint(5, 11)}
    if kind == "quadratic":
        p, q = rng.randint(-9, 9), rng.randint(-9, 9)
        return {"b": -(p + q), "c": p * q}
    if kind == "balls":
        return {"r": rng.randint(2, 9), "b": rng.randint(2, 9), "k": rng.randint(2, 3)}
    if kind == "letters":
        return {"w": rng.choice(["BANANA", "MISSISSIPPI", "SURABAYA", "MATAHARI", "PAPAYA", "KALIMANTAN",
                                 "MANILA", "NGUYEN", "BANGKOK", "SINGAPURA", "COCONUT", "ANANAS"])}
    if kind == "roundtrip":
        return {"v1": rng.randrange(30, 90, 5), "v2": rng.randrange(30, 90, 5)}
    if kind == "work":
        return {"x": rng.randint(3, 15), "y": rng.randint(3, 15)}
    if kind == "discount":
        return {"p": rng.randrange(100, 2000, 50), "d": rng.choice([10, 15, 20, 25, 30]), "tx": rng.choice([7, 8, 10, 11, 12])}
    if kind == "rectangle":
        return {"k": rng.randint(2, 5), "per": rng.randrange(24, 200, 6)}
    if kind == "ages":
        return {"k": rng.randint(3, 5), "y": rng.randint(4, 15), "m": 2}
    if kind == "knights":
        return {"n": rng.randint(3, 6)}
    if kind == "primes":
        return {"a": rng.randrange(10, 400), "b": rng.randrange(500, 3000)}
    raise KeyError(kind)


PROBLEM_KINDS = ["interest", "trains", "quadratic", "balls", "letters", "roundtrip", "work", "discount",
                 "rectangle", "ages", "knights", "primes"]

PROBLEMS: dict[str, dict[str, list[str]]] = {
    "interest": {
        "en": ["If I deposit ${P} at {r}% annual interest compounded yearly, how much will I have after {t} years?",
               "An account starts with {P} dollars and earns {r} percent per year, compounded annually. What is the balance after {t} years?",
               "How much does an investment of {P} grow to in {t} years at a yearly compound rate of {r}%?"],
        "id": ["Jika saya menabung Rp{P}.000 dengan bunga {r}% per tahun yang dimajemukkan tahunan, berapa saldo setelah {t} tahun?",
               "Modal Rp{P}.000 diinvestasikan dengan bunga majemuk {r}% per tahun. Berapa nilainya setelah {t} tahun?"],
        "vi": ["Gửi tiết kiệm {P} nghìn đồng với lãi suất kép {r}% mỗi năm thì sau {t} năm được bao nhiêu?",
               "Một khoản đầu tư {P} nghìn đồng, lãi {r}%/năm, ghép lãi hằng năm. Sau {t} năm số tiền là bao nhiêu?"],
        "th": ["ฝากเงิน{P}บาทดอกเบี้ยทบต้น{r}%ต่อปีเมื่อครบ{t}ปีจะได้เงินเท่าไร",
               "ลงทุน{P}บาทผลตอบแทนทบต้นปีละ{r}%ผ่านไป{t}ปีจะมีเงินรวมเท่าไหร่"],
        "zh": ["本金{P}元，年利率{r}%，按年复利，{t}年后本息合计多少？", "把{P}元存入银行，年复利{r}%，存{t}年后一共能取出多少钱？"],
        "ms": ["Jika RM{P} disimpan dengan faedah kompaun {r}% setahun, berapakah jumlahnya selepas {t} tahun?"],
        "tl": ["Kung magdeposito ako ng {P} piso sa {r}% na compound interest kada taon, magkano ito pagkalipas ng {t} taon?"],
        "ko": ["{P}만원을 연 {r}% 복리로 {t}년 동안 예금하면 원리금은 얼마인가요?"],
    },
    "trains": {
        "en": ["Two trains are {d} km apart and travel towards each other at {v1} km/h and {v2} km/h, both leaving at {h}:00. When do they meet?",
               "A train departs at {h}:00 at {v1} km/h; another leaves a city {d} km away at the same time heading toward it at {v2} km/h. At what time and where do they meet?",
               "Cities A and B are {d} km apart. Train 1 ({v1} km/h) leaves A and train 2 ({v2} km/h) leaves B at {h}:00. Find the meeting time."],
        "id": ["Dua kereta berjarak {d} km dan saling mendekat dengan kecepatan {v1} km/jam dan {v2} km/jam, berangkat pukul {h}.00. Kapan mereka bertemu?",
               "Kereta dari Jakarta berangkat pukul {h}.00 dengan kecepatan {v1} km/jam, kereta dari kota lain yang berjarak {d} km berangkat bersamaan dengan {v2} km/jam. Pukul berapa mereka berpapasan?"],
        "vi": ["Hai tàu cách nhau {d} km, đi ngược chiều với vận tốc {v1} km/h và {v2} km/h, cùng xuất phát lúc {h} giờ. Hỏi mấy giờ hai tàu gặp nhau?",
               "Tàu thứ nhất chạy {v1} km/h, tàu thứ hai chạy {v2} km/h, hai ga cách nhau {d} km, khởi hành lúc {h}h. Khi nào chúng gặp nhau?"],
        "th": ["รถไฟสองขบวนอยู่ห่างกัน{d}กิโลเมตรวิ่งเข้าหากันด้วยความเร็ว{v1}และ{v2}กิโลเมตรต่อชั่วโมงออกเดินทางเวลา{h}นาฬิกาจะพบกันกี่โมง",
               "สถานีสองแห่งห่างกัน{d}กมรถไฟออกพร้อมกันเวลา{h}โมงความเร็ว{v1}กับ{v2}กมต่อชมจะสวนกันเมื่อไร"],
        "zh": ["两列火车相距{d}千米，分别以每小时{v1}千米和{v2}千米相向而行，{h}点同时出发，几点相遇？",
               "甲乙两地相距{d}千米，快车每小时{v1}千米，慢车每小时{v2}千米，{h}点同时相对开出，何时相遇？"],
        "ms": ["Dua kereta api berjarak {d} km bergerak bertentangan pada {v1} km/j dan {v2} km/j dari jam {h}.00. Bilakah mereka bertemu?"],
        "tl": ["Dalawang tren na {d} km ang layo ay magkasalubong sa bilis na {v1} km/h at {v2} km/h, umalis ng {h}:00. Anong oras sila magkikita?"],
        "ko": ["{d}km 떨어진 두 열차가 시속 {v1}km, {v2}km로 마주 보고 {h}시에 출발하면 언제 만나나요?"],
    },
    "quadratic": {
        "en": ["Solve x^2 + ({b})x + ({c}) = 0.", "Find all real roots of the equation x² {b:+d}x {c:+d} = 0.",
               "For which values of x does x^2 + {b}x + {c} equal zero?"],
        "id": ["Tentukan akar-akar persamaan x^2 + ({b})x + ({c}) = 0.", "Cari nilai x yang memenuhi x² {b:+d}x {c:+d} = 0."],
        "vi": ["Giải phương trình x^2 + ({b})x + ({c}) = 0.", "Tìm nghiệm của phương trình bậc hai x² {b:+d}x {c:+d} = 0."],
        "th": ["จงแก้สมการx^2+({b})x+({c})=0", "หาค่าxที่ทำให้x²{b:+d}x{c:+d}=0"],
        "zh": ["解方程 x^2 + ({b})x + ({c}) = 0。", "求一元二次方程 x² {b:+d}x {c:+d} = 0 的所有实数根。"],
        "ms": ["Selesaikan persamaan x^2 + ({b})x + ({c}) = 0."], "tl": ["Lutasin ang x^2 + ({b})x + ({c}) = 0."],
        "ko": ["이차방정식 x^2 + ({b})x + ({c}) = 0 을 푸세요."],
    },
    "balls": {
        "en": ["A bag has {r} red and {b} blue balls. If {k} balls are drawn without replacement, what is the probability they are all red?",
               "From an urn containing {r} red and {b} blue marbles you pick {k} at random without putting any back. Probability that every one is red?"],
        "id": ["Dalam kantong ada {r} bola merah dan {b} bola biru. Diambil {k} bola tanpa pengembalian. Berapa peluang semuanya merah?",
               "Sebuah kotak berisi {r} kelereng merah dan {b} biru. Jika diambil {k} sekaligus, peluang semuanya merah berapa?"],
        "vi": ["Một túi có {r} bi đỏ và {b} bi xanh. Lấy ngẫu nhiên {k} bi không hoàn lại. Xác suất lấy được toàn bi đỏ là bao nhiêu?",
               "Hộp có {r} quả cầu đỏ, {b} quả cầu xanh; rút {k} quả. Tính xác suất cả {k} quả đều đỏ."],
        "th": ["ในถุงมีลูกบอลสีแดง{r}ลูกสีน้ำเงิน{b}ลูกหยิบ{k}ลูกโดยไม่ใส่คืนความน่าจะเป็นที่ได้สีแดงทั้งหมดเท่าไร",
               "กล่องมีลูกแก้วแดง{r}ลูกน้ำเงิน{b}ลูกสุ่มหยิบ{k}ลูกโอกาสที่จะเป็นสีแดงทุกลูกคือเท่าไหร่"],
        "zh": ["袋中有{r}个红球和{b}个蓝球，不放回地取{k}个，全是红球的概率是多少？", "盒子里{r}红{b}蓝，随机摸{k}个球，求全部为红球的概率。"],
        "ms": ["Sebuah beg ada {r} bola merah dan {b} bola biru. {k} bola dikeluarkan tanpa pemulangan. Apakah kebarangkalian semuanya merah?"],
        "tl": ["May {r} pulang bola at {b} asul sa isang bag. Kung kukuha ng {k} nang walang pagbabalik, ano ang probability na lahat ay pula?"],
        "ko": ["주머니에 빨간 공 {r}개, 파란 공 {b}개가 있습니다. 비복원으로 {k}개를 뽑을 때 모두 빨간 공일 확률은?"],
    },
    "letters": {
        "en": ["How many distinct arrangements of the letters of {w} are there?", "In how many different ways can the letters in the word {w} be ordered?"],
        "id": ["Ada berapa susunan berbeda dari huruf-huruf pada kata {w}?", "Banyaknya permutasi huruf dari kata {w} adalah?"],
        "vi": ["Có bao nhiêu cách sắp xếp các chữ cái của từ {w}?", "Số hoán vị khác nhau của các chữ cái trong {w} là bao nhiêu?"],
        "th": ["จัดเรียงตัวอักษรของคำว่า{w}ได้กี่แบบที่แตกต่างกัน", "คำว่า{w}นำตัวอักษรมาเรียงสับเปลี่ยนได้กี่วิธี"],
        "zh": ["单词{w}的字母有多少种不同的排列方式？", "把{w}中的字母重新排列，共有多少种不同排法？"],
        "ms": ["Berapakah cara untuk menyusun huruf dalam perkataan {w}?"], "tl": ["Ilang paraan ang pag-aayos ng mga letra ng {w}?"],
        "ko": ["{w}의 글자를 배열하는 서로 다른 방법은 몇 가지인가요?"],
    },
    "roundtrip": {
        "en": ["I drive to a town at {v1} km/h and return along the same road at {v2} km/h. What is my average speed for the whole trip?",
               "A cyclist goes out at {v1} km/h and comes back at {v2} km/h over the same distance. Average speed?"],
        "id": ["Saya berkendara ke suatu kota dengan kecepatan {v1} km/jam dan pulang lewat jalan yang sama {v2} km/jam. Berapa kecepatan rata-ratanya?",
               "Pergi {v1} km/jam, pulang {v2} km/jam dengan jarak sama. Kecepatan rata-rata perjalanan pulang-pergi?"],
        "vi": ["Đi từ A đến B với vận tốc {v1} km/h và quay về với {v2} km/h. Vận tốc trung bình cả đi lẫn về là bao nhiêu?",
               "Một người đi xe máy lượt đi {v1} km/h, lượt về {v2} km/h trên cùng quãng đường. Tính vận tốc trung bình."],
        "th": ["ขับรถไปด้วยความเร็ว{v1}กมต่อชมและกลับทางเดิม{v2}กมต่อชมความเร็วเฉลี่ยทั้งไปและกลับเท่าไร",
               "ไป{v1}กลับ{v2}กิโลเมตรต่อชั่วโมงระยะทางเท่ากันความเร็วเฉลี่ยคือเท่าใด"],
        "zh": ["去时速度每小时{v1}千米，返回时每小时{v2}千米，全程平均速度是多少？", "往返同一段路，去程{v1}千米/时，回程{v2}千米/时，求平均速度。"],
        "ms": ["Pergi pada {v1} km/j dan balik pada {v2} km/j. Berapakah laju purata keseluruhan?"],
        "tl": ["Pumunta ako sa bilis na {v1} km/h at bumalik ng {v2} km/h. Ano ang average speed?"],
        "ko": ["갈 때 시속 {v1}km, 올 때 시속 {v2}km로 같은 길을 왕복하면 평균 속력은?"],
    },
    "work": {
        "en": ["A can finish a job in {x} days and B in {y} days. How long if they work together?",
               "Worker A alone needs {x} days, worker B alone {y} days. Working side by side, how many days do they need?"],
        "id": ["A dapat menyelesaikan pekerjaan dalam {x} hari dan B dalam {y} hari. Jika bekerja bersama, berapa hari?",
               "Tukang A butuh {x} hari, tukang B butuh {y} hari. Kalau dikerjakan berdua, selesai berapa hari?"],
        "vi": ["A làm xong công việc trong {x} ngày, B trong {y} ngày. Hai người cùng làm thì mất bao lâu?",
               "Một mình A mất {x} ngày, một mình B mất {y} ngày. Cả hai cùng làm hết bao nhiêu ngày?"],
        "th": ["ก.ทำงานเสร็จใน{x}วันข.ทำเสร็จใน{y}วันถ้าทำด้วยกันจะเสร็จในกี่วัน", "คนแรกทำคนเดียว{x}วันคนที่สอง{y}วันช่วยกันทำกี่วันเสร็จ"],
        "zh": ["甲单独完成一项工作需要{x}天，乙需要{y}天，两人合作需要几天？", "一项工程甲做{x}天完成，乙做{y}天完成，合做几天完成？"],
        "ms": ["A boleh siapkan kerja dalam {x} hari dan B dalam {y} hari. Berapa hari jika bekerja bersama?"],
        "tl": ["Kayang tapusin ni A ang trabaho sa {x} araw at ni B sa {y} araw. Ilang araw kung magkasama?"],
        "ko": ["A는 {x}일, B는 {y}일 걸리는 일을 함께 하면 며칠 걸리나요?"],
    },
    "discount": {
        "en": ["A jacket costs ${p}. It is discounted {d}% and then {tx}% sales tax is added. What is the final price?",
               "After a {d}% discount and {tx}% tax, what does a {p}-dollar item cost?"],
        "id": ["Harga sepatu Rp{p}.000, diskon {d}% lalu kena PPN {tx}%. Berapa harga akhirnya?",
               "Barang seharga Rp{p}.000 mendapat potongan {d}% dan dikenai pajak {tx}%. Total yang dibayar?"],
        "vi": ["Một chiếc áo giá {p} nghìn đồng, giảm {d}% rồi cộng thuế VAT {tx}%. Giá cuối cùng là bao nhiêu?",
               "Sản phẩm {p} nghìn đồng được giảm {d}%, sau đó tính thuế {tx}%. Phải trả bao nhiêu?"],
        "th": ["เสื้อราคา{p}บาทลด{d}%แล้วบวกภาษี{tx}%ราคาสุดท้ายเท่าไร", "สินค้า{p}บาทลดราคา{d}%และเสียVAT{tx}%ต้องจ่ายเท่าไหร่"],
        "zh": ["一件外套{p}元，打{d}%折扣后再加{tx}%的税，最终价格是多少？", "商品原价{p}元，先降价{d}%，再征收{tx}%税，实际付多少？"],
        "ms": ["Harga baju RM{p}, diskaun {d}% kemudian cukai {tx}%. Berapa harga akhir?"],
        "tl": ["Ang presyo ng sapatos ay {p} piso, may {d}% discount at {tx}% tax. Magkano ang babayaran?"],
        "ko": ["{p}만원짜리 물건을 {d}% 할인한 뒤 세금 {tx}%를 더하면 얼마인가요?"],
    },
    "rectangle": {
        "en": ["A rectangle's length is {k} times its width and its perimeter is {per} cm. Find its area.",
               "The perimeter of a rectangle is {per} cm and the length is {k} times the width. What is the area?"],
        "id": ["Panjang persegi panjang {k} kali lebarnya dan kelilingnya {per} cm. Berapa luasnya?",
               "Keliling sebuah persegi panjang {per} cm, panjangnya {k} kali lebar. Hitung luasnya."],
        "vi": ["Hình chữ nhật có chiều dài gấp {k} lần chiều rộng, chu vi {per} cm. Tính diện tích.",
               "Chu vi hình chữ nhật là {per} cm, dài gấp {k} lần rộng. Diện tích bằng bao nhiêu?"],
        "th": ["สี่เหลี่ยมผืนผ้ามีความยาวเป็น{k}เท่าของความกว้างและมีเส้นรอบรูป{per}ซมจงหาพื้นที่",
               "เส้นรอบรูปสี่เหลี่ยมผืนผ้า{per}เซนติเมตรยาวเป็น{k}เท่าของกว้างพื้นที่เท่าไร"],
        "zh": ["长方形的长是宽的{k}倍，周长{per}厘米，求面积。", "一个长方形周长{per}厘米，长是宽的{k}倍，面积是多少？"],
        "ms": ["Panjang segi empat tepat ialah {k} kali lebarnya dan perimeter {per} cm. Cari luasnya."],
        "tl": ["Ang haba ng rectangle ay {k} beses ng lapad at ang perimeter ay {per} cm. Ano ang area?"],
        "ko": ["직사각형의 가로가 세로의 {k}배이고 둘레가 {per}cm일 때 넓이는?"],
    },
    "ages": {
        "en": ["A father is {k} times as old as his son. In {y} years he will be {m} times as old. How old are they now?",
               "Today a mother's age is {k} times her daughter's; {y} years from now it will be {m} times. Find both ages."],
        "id": ["Umur ayah {k} kali umur anaknya. {y} tahun lagi umur ayah {m} kali umur anak. Berapa umur mereka sekarang?",
               "Sekarang usia ibu {k} kali usia putrinya, dan {y} tahun lagi menjadi {m} kali. Tentukan usia keduanya."],
        "vi": ["Tuổi bố gấp {k} lần tuổi con. Sau {y} năm nữa tuổi bố gấp {m} lần tuổi con. Tính tuổi hiện nay của mỗi người.",
               "Hiện nay tuổi mẹ gấp {k} lần tuổi con, {y} năm sau gấp {m} lần. Hỏi mỗi người bao nhiêu tuổi?"],
        "th": ["อายุพ่อเป็น{k}เท่าของอายุลูกอีก{y}ปีอายุพ่อจะเป็น{m}เท่าของลูกปัจจุบันทั้งสองอายุเท่าไร",
               "ตอนนี้แม่อายุเป็น{k}เท่าของลูกสาวอีก{y}ปีจะเป็น{m}เท่าหาอายุของทั้งสองคน"],
        "zh": ["父亲的年龄是儿子的{k}倍，{y}年后是儿子的{m}倍，父子现在各多少岁？", "妈妈今年的年龄是女儿的{k}倍，{y}年后是{m}倍，求两人现在的年龄。"],
        "ms": ["Umur bapa {k} kali umur anaknya. {y} tahun lagi, umur bapa {m} kali umur anak. Berapakah umur mereka sekarang?"],
        "tl": ["Ang edad ng ama ay {k} beses ng anak. Pagkalipas ng {y} taon, {m} beses na lang. Ilang taon sila ngayon?"],
        "ko": ["아버지 나이는 아들의 {k}배이고 {y}년 후에는 {m}배가 됩니다. 지금 각각 몇 살인가요?"],
    },
    "knights": {
        "en": ["On an island, knights always tell the truth and knaves always lie. {n} islanders each say 'exactly one of us is a knight'. How many knights are there?",
               "{n} people stand in a circle; each is either a truth-teller or a liar. Each one says 'the person on my left is a liar'. What configurations are possible?"],
        "id": ["Di sebuah pulau, ksatria selalu jujur dan penipu selalu berbohong. {n} penduduk masing-masing berkata 'tepat satu dari kami ksatria'. Ada berapa ksatria?",
               "{n} orang berdiri melingkar, tiap orang jujur atau pembohong. Semua berkata 'orang di kiri saya pembohong'. Susunan apa saja yang mungkin?"],
        "vi": ["Trên một hòn đảo, hiệp sĩ luôn nói thật còn kẻ lừa đảo luôn nói dối. {n} người dân mỗi người nói 'đúng một người trong chúng tôi là hiệp sĩ'. Có bao nhiêu hiệp sĩ?",
               "{n} người đứng thành vòng tròn, mỗi người nói 'người bên trái tôi nói dối'. Những cách sắp xếp nào có thể xảy ra?"],
        "th": ["บนเกาะแห่งหนึ่งอัศวินพูดความจริงเสมอคนเจ้าเล่ห์โกหกเสมอชาวเกาะ{n}คนต่างพูดว่ามีอัศวินเพียงคนเดียวในพวกเรามีอัศวินกี่คน",
               "คน{n}คนยืนเป็นวงกลมแต่ละคนพูดว่าคนทางซ้ายของฉันโกหกเป็นไปได้กี่แบบ"],
        "zh": ["岛上骑士总说真话，无赖总说假话。{n}个岛民都说“我们中恰好有一个骑士”。共有几个骑士？", "{n}个人围成一圈，每人都说“我左边的人在说谎”。可能的情况有哪些？"],
        "ms": ["Di sebuah pulau, kesatria sentiasa jujur dan penipu sentiasa berbohong. {n} penduduk berkata 'tepat seorang daripada kami kesatria'. Berapa kesatria?"],
        "tl": ["Sa isang isla, laging totoo ang knights at laging sinungaling ang knaves. {n} tao ang nagsabing 'eksaktong isa sa amin ay knight'. Ilan ang knights?"],
        "ko": ["기사는 항상 진실을, 악당은 항상 거짓을 말합니다. {n}명이 모두 '우리 중 정확히 한 명만 기사다'라고 말하면 기사는 몇 명인가요?"],
    },
    "primes": {
        "en": ["How many primes are there between {a} and {b}? Explain a method you could do by hand.",
               "Count the prime numbers in the interval [{a}, {b}] and describe an efficient approach."],
        "id": ["Ada berapa bilangan prima antara {a} dan {b}? Jelaskan caranya.", "Hitung banyak bilangan prima di selang [{a}, {b}] dan jelaskan metodenya."],
        "vi": ["Có bao nhiêu số nguyên tố nằm giữa {a} và {b}? Nêu cách làm.", "Đếm số nguyên tố trong đoạn [{a}, {b}] và trình bày phương pháp."],
        "th": ["มีจำนวนเฉพาะระหว่าง{a}ถึง{b}กี่จำนวนอธิบายวิธีคิด", "นับจำนวนเฉพาะในช่วง[{a},{b}]พร้อมอธิบายวิธีที่มีประสิทธิภาพ"],
        "zh": ["{a}到{b}之间有多少个质数？请说明方法。", "统计区间[{a}, {b}]内的素数个数，并说明高效的做法。"],
        "ms": ["Berapa nombor perdana antara {a} dan {b}? Terangkan kaedahnya."],
        "tl": ["Ilang prime numbers ang nasa pagitan ng {a} at {b}? Ipaliwanag ang paraan."],
        "ko": ["{a}와 {b} 사이에 소수는 몇 개인가요? 방법도 설명해 주세요."],
    },
}

REASON_FRAMES = {
    "en": ["Think step by step and show your full reasoning before the final answer.",
           "Explain every intermediate step, then give the final answer in \\boxed{{}}.",
           "Reason carefully. Write out your chain of thought, verify it, then answer.",
           "Show all work.", "Walk me through the solution in detail.", ""],
    "id": ["Jelaskan langkah demi langkah sebelum jawaban akhir.", "Tunjukkan seluruh proses penalaran lalu beri jawaban akhir.",
           "Tolong dengan cara lengkapnya ya.", ""],
    "vi": ["Hãy giải thích từng bước rồi đưa ra đáp án cuối cùng.", "Trình bày lời giải chi tiết.", ""],
    "th": ["อธิบายทีละขั้นตอนก่อนให้คำตอบสุดท้าย", "แสดงวิธีทำอย่างละเอียด", ""],
    "zh": ["请一步一步推理，并给出最终答案。", "请写出详细的解题过程。", ""],
    "ms": ["Terangkan langkah demi langkah.", ""], "tl": ["Ipaliwanag nang hakbang-hakbang.", ""],
    "ko": ["단계별로 풀이 과정을 자세히 보여 주세요.", ""],
}


def problem(rng: random.Random, lang: str, kind: str | None = None, params: dict | None = None,
            variant: int | None = None) -> str:
    kind = kind or rng.choice(PROBLEM_KINDS)
    params = params or _params(rng, kind)
    forms = PROBLEMS[kind].get(lang) or PROBLEMS[kind]["en"]
    form = forms[variant % len(forms)] if variant is not None else rng.choice(forms)
    return form.format(**params)


def new_problem_params(rng: random.Random, kind: str) -> dict:
    return _params(rng, kind)


HOMEWORK_WRAP = {
    "id": ["bantu kerjain soal ini dong kak: {p} makasih", "{p} aku dapet jawaban beda sama kunci, tolong cek", "Soal PR: {p}"],
    "vi": ["Giúp em bài này với ạ: {p}", "{p} em làm ra khác đáp án, mọi người xem giúp"],
    "th": ["ช่วยทำการบ้านข้อนี้หน่อยค่ะ {p}", "{p} ทำแล้วได้คำตอบไม่ตรงเฉลย"],
    "tl": ["Pa-help po sa assignment: {p}", "{p} di ko gets yung sagot"],
    "en": ["Homework help please: {p}", "{p} I keep getting a different answer from the textbook.", "Can you check my approach? {p}"],
    "ms": ["Tolong bantu soalan ini: {p}"], "zh": ["作业题：{p} 谢谢！"], "ko": ["숙제 좀 도와주세요: {p}"],
}


def homework(rng: random.Random, lang: str) -> str:
    return rng.choice(HOMEWORK_WRAP.get(lang, HOMEWORK_WRAP["en"])).format(p=problem(rng, lang))


# --------------------------------------------------------------------------------------------
# capability taxonomy (distillation coverage, probe grids)
# --------------------------------------------------------------------------------------------

DOMAINS = ["algebra", "geometry", "combinatorics", "probability", "number theory", "calculus", "statistics",
           "classical mechanics", "thermodynamics", "organic chemistry", "genetics", "macroeconomics",
           "financial accounting", "contract law", "Indonesian tax law", "clinical diagnosis", "pharmacology",
           "graph algorithms", "dynamic programming", "SQL query design", "distributed systems", "concurrency",
           "web security", "Indonesian-English translation", "summarisation", "Malay poetry (pantun)",
           "persuasive essays", "ethical dilemmas", "Southeast Asian history", "physical geography",
           "Vietnamese literature", "Thai grammar", "formal logic", "data visualisation", "regex construction"]
SKILLS = ["explain the concept", "solve a worked problem", "multiple choice with justification",
          "find the error in a solution", "compare two approaches", "construct a counterexample",
          "write a proof", "critique an argument"]
DIFFICULTY = ["introductory", "intermediate", "advanced", "competition-level"]

SEED_QUESTIONS = [
    "Why does the harmonic series diverge?", "What is the time complexity of Dijkstra with a binary heap?",
    "How does a Raft leader get elected?", "What is the difference between Bayesian and frequentist confidence?",
    "Why is the sky blue?", "How do vaccines train the immune system?", "What causes a currency to depreciate?",
    "Explain the CAP theorem with an example.", "What is a Nash equilibrium?", "How does TCP congestion control work?",
    "Why did the Srivijaya empire decline?", "What is an eigenvector, intuitively?", "How does gradient descent converge?",
    "What is the Monty Hall problem and why is switching better?", "What is the role of the ribosome?",
    "How do central banks control inflation?", "Explain SQL injection and how to prevent it.",
    "What is the difference between a process and a thread?", "Why do ice cubes float?",
    "How does public-key cryptography work?",
]


def coverage_prompt(rng: random.Random, domain: str, skill: str, diff: str, natural: bool) -> str:
    if not natural:
        return (f"Topic: {domain}\nTask type: {skill}\nDifficulty: {diff}\n\nWrite one original question of this type, "
                f"then answer it with complete step-by-step reasoning. Format:\nQUESTION: ...\nREASONING: ...\nANSWER: ...")
    return rng.choice([
        f"I'm revising {domain}. Could you make up one {diff} question where I have to {skill}, and then walk through the full solution?",
        f"Give me a {diff} exercise on {domain} ({skill}) and show how an expert would think it through.",
        f"For my study group: a {diff} {domain} problem, task: {skill}. Include the worked reasoning, not just the answer.",
        f"Can you quiz me on {domain}? Something {diff}. Then explain the answer step by step.",
    ])


# --------------------------------------------------------------------------------------------
# keyspaces that scrapers walk
# --------------------------------------------------------------------------------------------

KECAMATAN_JKT = ["Gambir", "Sawah Besar", "Kemayoran", "Senen", "Cempaka Putih", "Menteng", "Tanah Abang", "Johar Baru",
                 "Penjaringan", "Tanjung Priok", "Koja", "Cilincing", "Pademangan", "Kelapa Gading", "Cengkareng",
                 "Grogol Petamburan", "Taman Sari", "Tambora", "Kebon Jeruk", "Kalideres", "Palmerah", "Kembangan",
                 "Tebet", "Setiabudi", "Mampang Prapatan", "Pasar Minggu", "Kebayoran Lama", "Cilandak",
                 "Kebayoran Baru", "Pancoran", "Jagakarsa", "Pesanggrahan", "Matraman", "Pulo Gadung", "Jatinegara",
                 "Kramat Jati", "Pasar Rebo", "Cakung", "Duren Sawit", "Makasar", "Ciracas", "Cipayung"]
KABUPATEN = ["Kabupaten Bogor", "Kabupaten Bandung", "Kabupaten Bekasi", "Kabupaten Tangerang", "Kabupaten Sleman",
             "Kabupaten Bantul", "Kabupaten Malang", "Kabupaten Sidoarjo", "Kabupaten Gresik", "Kabupaten Jember",
             "Kabupaten Banyuwangi", "Kabupaten Badung", "Kabupaten Gianyar", "Kabupaten Deli Serdang", "Kabupaten Karo",
             "Kabupaten Kutai Kartanegara", "Kabupaten Gowa", "Kabupaten Maros", "Kabupaten Lombok Barat",
             "Kabupaten Manggarai Barat", "Kabupaten Cirebon", "Kabupaten Garut", "Kabupaten Tasikmalaya",
             "Kabupaten Sukabumi", "Kabupaten Karawang", "Kabupaten Purwakarta", "Kabupaten Subang",
             "Kabupaten Indramayu", "Kabupaten Brebes", "Kabupaten Tegal", "Kabupaten Pekalongan", "Kabupaten Kendal",
             "Kabupaten Demak", "Kabupaten Kudus", "Kabupaten Jepara", "Kabupaten Pati", "Kabupaten Klaten",
             "Kabupaten Boyolali", "Kabupaten Magelang", "Kabupaten Wonosobo", "Kabupaten Banyumas", "Kabupaten Cilacap",
             "Kota Surabaya", "Kota Bandung", "Kota Medan", "Kota Makassar", "Kota Semarang", "Kota Palembang",
             "Kota Depok", "Kota Tangerang Selatan", "Kota Batam", "Kota Pekanbaru", "Kota Padang", "Kota Malang",
             "Kota Denpasar", "Kota Balikpapan", "Kota Samarinda", "Kota Pontianak", "Kota Manado", "Kota Jambi",
             "Kota Kupang", "Kota Ambon", "Kota Jayapura", "Kota Mataram", "Kota Bengkulu", "Kota Kendari"]
VN_PROVINCES = ["An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định",
                "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk", "Đắk Nông", "Điện Biên",
                "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh", "Hải Dương", "Hậu Giang",
                "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn",
                "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Quảng Bình",
                "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình",
                "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long",
                "Vĩnh Phúc", "Yên Bái", "Phú Yên", "Cần Thơ", "Đà Nẵng", "Hải Phòng", "Hà Nội", "TP Hồ Chí Minh"]
TH_PROVINCES = ["กระบี่", "กาญจนบุรี", "กาฬสินธุ์", "กำแพงเพชร", "ขอนแก่น", "จันทบุรี", "ฉะเชิงเทรา", "ชลบุรี", "ชัยนาท",
                "ชัยภูมิ", "ชุมพร", "เชียงราย", "เชียงใหม่", "ตรัง", "ตราด", "ตาก", "นครนายก", "นครปฐม", "นครพนม",
                "นครราชสีมา", "นครศรีธรรมราช", "นครสวรรค์", "นนทบุรี", "นราธิวาส", "น่าน", "บึงกาฬ", "บุรีรัมย์",
                "ปทุมธานี", "ประจวบคีรีขันธ์", "ปราจีนบุรี", "ปัตตานี", "พระนครศรีอยุธยา", "พะเยา", "พังงา", "พัทลุง",
                "พิจิตร", "พิษณุโลก", "เพชรบุรี", "เพชรบูรณ์", "แพร่", "ภูเก็ต", "มหาสารคาม", "มุกดาหาร", "แม่ฮ่องสอน",
                "ยโสธร", "ยะลา", "ร้อยเอ็ด", "ระนอง", "ระยอง", "ราชบุรี", "ลพบุรี", "ลำปาง", "ลำพูน", "เลย", "ศรีสะเกษ",
                "สกลนคร", "สงขลา", "สตูล", "สมุทรปราการ", "สมุทรสงคราม", "สมุทรสาคร", "สระแก้ว", "สระบุรี", "สิงห์บุรี",
                "สุโขทัย", "สุพรรณบุรี", "สุราษฎร์ธานี", "สุรินทร์", "หนองคาย", "หนองบัวลำภู", "อ่างทอง", "อำนาจเจริญ",
                "อุดรธานี", "อุตรดิตถ์", "อุทัยธานี", "อุบลราชธานี"]
IDX_TICKERS = ["AALI", "ABBA", "ACES", "ADHI", "ADRO", "AKRA", "AMRT", "ANTM", "ARTO", "ASII", "AUTO", "BBCA", "BBNI",
               "BBRI", "BBTN", "BFIN", "BMRI", "BRIS", "BRPT", "BSDE", "BUKA", "CPIN", "CTRA", "DOID", "ELSA", "EMTK",
               "ERAA", "ESSA", "EXCL", "GGRM", "GOTO", "HMSP", "HRUM", "ICBP", "INCO", "INDF", "INDY", "INKP", "INTP",
               "ISAT", "ITMG", "JPFA", "JSMR", "KLBF", "LPKR", "LPPF", "MAPI", "MDKA", "MEDC", "MIKA", "MNCN", "MTEL",
               "MYOR", "PGAS", "PGEO", "PTBA", "PTPP", "PWON", "SCMA", "SIDO", "SMGR", "SMRA", "SRTG", "TBIG", "TINS",
               "TKIM", "TLKM", "TOWR", "TPIA", "UNTR", "UNVR", "WIKA", "WSKT", "ZINC"]
DRUGS = ["acarbose", "acyclovir", "albendazole", "allopurinol", "amlodipine", "amoxicillin", "atorvastatin",
         "azithromycin", "betahistine", "bisoprolol", "captopril", "carbamazepine", "cefadroxil", "cefixime",
         "cetirizine", "chloramphenicol", "ciprofloxacin", "clindamycin", "clopidogrel", "dexamethasone",
         "diazepam", "diclofenac", "digoxin", "domperidone", "doxycycline", "enalapril", "erythromycin",
         "famotidine", "fluconazole", "furosemide", "gabapentin", "glibenclamide", "glimepiride", "haloperidol",
         "hydrochlorothiazide", "ibuprofen", "isoniazid", "ketoconazole", "lansoprazole", "levofloxacin",
         "loperamide", "loratadine", "losartan", "mefenamic acid", "meloxicam", "metformin", "methylprednisolone",
         "metoclopramide", "metronidazole", "nifedipine", "omeprazole", "ondansetron", "paracetamol",
         "phenytoin", "prednisone", "propranolol", "ranitidine", "rifampicin", "salbutamol", "simvastatin",
         "spironolactone", "tramadol", "valsartan", "warfarin"]
PHONE_SERIES = [("Samsung Galaxy A", 5, 75), ("Samsung Galaxy M", 10, 55), ("Xiaomi Redmi Note ", 8, 14),
                ("OPPO A", 15, 99), ("vivo Y", 11, 100), ("realme C", 11, 67), ("Infinix Hot ", 10, 50)]
ID_PREFIX = [a + b for a in "bcdgjklmnprst" for b in "aiueo"]
TH_CONSONANTS = list("กขคฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ")
VI_SYLLABLES = ["anh", "bạch", "cường", "dũng", "đức", "giang", "hải", "hùng", "khánh", "lâm", "linh", "minh", "nam",
                "ngọc", "phong", "phúc", "quang", "sơn", "thành", "thảo", "trung", "tuấn", "vân", "việt", "xuân", "yến"]
PH_MUNICIPALITIES = ["Alaminos", "Angeles", "Antipolo", "Bacolod", "Baguio", "Balanga", "Batangas City", "Bayawan",
                     "Biñan", "Butuan", "Cabanatuan", "Cadiz", "Cagayan de Oro", "Calamba", "Calapan", "Calbayog",
                     "Caloocan", "Candon", "Carcar", "Cauayan", "Cavite City", "Cebu City", "Cotabato City",
                     "Dagupan", "Danao", "Dapitan", "Davao City", "Digos", "Dipolog", "Dumaguete", "General Santos",
                     "Gingoog", "Iligan", "Iloilo City", "Iriga", "Isabela", "Kabankalan", "Koronadal", "La Carlota",
                     "Laoag", "Lapu-Lapu", "Legazpi", "Ligao", "Lipa", "Lucena", "Maasin", "Makati", "Malabon",
                     "Malolos", "Mandaluyong", "Mandaue", "Manila", "Marikina", "Masbate City", "Muntinlupa",
                     "Naga", "Navotas", "Olongapo", "Ormoc", "Oroquieta", "Ozamiz", "Pagadian", "Palayan", "Pasay",
                     "Pasig", "Passi", "Puerto Princesa", "Quezon City", "Roxas", "Sagay", "San Carlos", "San Fernando",
                     "San Jose del Monte", "San Pablo", "Santa Rosa", "Santiago", "Silay", "Sorsogon City",
                     "Surigao City", "Tabaco", "Tacloban", "Tacurong", "Tagaytay", "Tagbilaran", "Taguig", "Tanauan",
                     "Tandag", "Tangub", "Tarlac City", "Tayabas", "Toledo", "Trece Martires", "Tuguegarao", "Urdaneta",
                     "Valencia", "Valenzuela", "Victorias", "Vigan", "Zamboanga City"]


def keyspace(name: str) -> list[str]:
    """The ordered keys a scraper walks; the order is the natural one (alphabetical or numeric)."""
    if name == "kecamatan":
        return sorted(KECAMATAN_JKT)
    if name == "kabupaten":
        return sorted(KABUPATEN)
    if name == "vn_provinces":
        return sorted(VN_PROVINCES)
    if name == "th_provinces":
        return list(TH_PROVINCES)
    if name == "ph_municipalities":
        return list(PH_MUNICIPALITIES)
    if name == "idx":
        return list(IDX_TICKERS)
    if name == "drugs":
        return list(DRUGS)
    if name == "id_prefix":
        return list(ID_PREFIX)
    if name == "th_consonants":
        return list(TH_CONSONANTS)
    if name == "vi_syllables":
        return sorted(VI_SYLLABLES)
    if name == "phones":
        return [f"{s}{i}" for s, lo, hi in PHONE_SERIES for i in range(lo, hi + 1)]
    if name == "hs_codes":
        return [f"{ch:02d}{h:02d}.{s:02d}" for ch in range(1, 98) for h in (1, 2, 3, 4, 6, 10) for s in (10, 90)]
    if name == "kuhp":
        return [str(i) for i in range(1, 570)]
    if name == "postcodes":
        return [str(p) for p in range(10110, 14471, 10)]
    if name == "nib":
        return [str(9120001000000 + i * 37) for i in range(3000)]
    raise KeyError(name)


SCRAPE_FORMS: dict[str, dict[str, list[str]]] = {
    # blunt forms (low care) first, then natural-sounding forms
    "kecamatan": {
        "blunt": ["List every {f} in Kecamatan {k}, Jakarta with full address, phone number and opening hours. Output JSON array.",
                  "Daftar semua {f} di Kecamatan {k}, Jakarta: nama, alamat, telepon, jam buka. Format JSON."],
        "natural": ["I'm writing a neighbourhood guide for {k} in Jakarta. Which {f} are there? Addresses and phone numbers would help.",
                    "Lagi bikin artikel tentang {k}, Jakarta. Bisa sebutkan {f} yang ada di sana beserta alamatnya?",
                    "Ibu saya baru pindah ke {k}. Ada {f} apa saja di dekat sana, sekalian kontaknya?"],
    },
    "kabupaten": {
        "blunt": ["{k}: daftar lengkap {f} (nama, alamat, kontak, nama pimpinan). Output JSON.",
                  "For {k}, Indonesia: list every {f} with address, head's name and phone. JSON only."],
        "natural": ["Saya sedang riset untuk {k}. Bisa bantu data {f} di sana, sertakan alamat dan kontak kalau ada?",
                    "Could you give me an overview of the {f} in {k}, with addresses and who runs them?"],
    },
    "vn_provinces": {
        "blunt": ["Tỉnh {k}: liệt kê toàn bộ bệnh viện, địa chỉ, số điện thoại. Trả về JSON.",
                  "List all industrial parks in {k} province, Vietnam, with operator, area (ha) and contact. JSON."],
        "natural": ["Mình đang viết blog du lịch về {k}, có những bệnh viện và phòng khám nào lớn, địa chỉ ở đâu?",
                    "We may open a factory in {k}. Which industrial parks are there and who runs them?"],
    },
    "th_provinces": {
        "blunt": ["จังหวัด{k}: รายชื่อโรงพยาบาลทั้งหมดพร้อมที่อยู่และเบอร์โทรตอบเป็นJSON"],
        "natural": ["กำลังจะย้ายไปอยู่จังหวัด{k}มีโรงพยาบาลและคลินิกที่ไหนบ้างขอที่อยู่ด้วยค่ะ"],
    },
    "ph_municipalities": {
        "blunt": ["List every barangay of {k} with its barangay captain and population. Output as JSON."],
        "natural": ["Doing a school project on {k}. What barangays does it have and roughly how many people live there?"],
    },
    "idx": {
        "blunt": ["Ticker {k} (IDX): {f}. Return JSON with every field you know, including figures and names.",
                  "Emiten {k}: {f}. Format JSON, selengkap mungkin."],
        "natural": ["Thinking about investing in {k} on the IDX. Could you tell me about its {f}?",
                    "Bisa ceritakan {f} emiten {k}? Lagi pertimbangkan beli sahamnya."],
    },
    "drugs": {
        "blunt": ["Drug: {k}. Return JSON covering {f}, with Indonesian brand names and price range (IDR)."],
        "natural": ["My doctor mentioned {k}. What should I know about its {f}?",
                    "Obat {k} itu gimana {f}-nya? Merek dagangnya di Indonesia apa saja?"],
    },
    "phones": {
        "blunt": ["{k}: full spec sheet (chipset, RAM/ROM variants, battery mAh, display, camera, launch price IDR, launch date). JSON."],
        "natural": ["Thinking of buying a {k} for my dad. What are the specs and how much was it at launch?",
                    "{k} itu spesifikasinya gimana dan harganya waktu rilis berapa?"],
    },
    "hs_codes": {
        "blunt": ["HS code {k}: official description (English and Bahasa Indonesia), BTKI 2022 import duty, VAT, and lartas requirements. JSON."],
        "natural": ["We're importing something classified under HS {k}. What is it exactly and what duties apply in Indonesia?"],
    },
    "kuhp": {
        "blunt": ["Tuliskan bunyi lengkap Pasal {k} KUHP (UU 1/2023) beserta penjelasannya, kata per kata."],
        "natural": ["Untuk tugas kuliah, bisa jelaskan isi Pasal {k} KUHP baru dan penjelasannya?"],
    },
    "postcodes": {
        "blunt": ["Kode pos {k}: kelurahan, kecamatan, kota, dan daftar nama jalan utama. JSON."],
        "natural": ["Alamat kantor baru saya kode posnya {k}, itu daerah mana ya dan jalan besar apa saja di sekitarnya?"],
    },
    "nib": {
        "blunt": ["NIB {k}: nama perusahaan, alamat, KBLI, pemilik/penanggung jawab, status. JSON."],
        "natural": ["Supplier kami kasih NIB {k}, bisa bantu cek itu perusahaan apa dan siapa pemiliknya?"],
    },
    "id_prefix": {
        "blunt": ["List every Indonesian word (KBBI) that starts with \"{k}\", with part of speech and a one-line definition. JSON array, as many as possible."],
        "natural": ["Lagi main tebak kata, kata-kata bahasa Indonesia apa saja yang diawali \"{k}\"? Sertakan artinya ya."],
    },
    "th_consonants": {
        "blunt": ["รายการคำศัพท์ภาษาไทยทั้งหมดที่ขึ้นต้นด้วยตัว{k}พร้อมความหมายภาษาอังกฤษตอบเป็นJSON"],
        "natural": ["ลูกกำลังหัดอ่านช่วยยกตัวอย่างคำที่ขึ้นต้นด้วย{k}พร้อมความหมายหน่อยค่ะ"],
    },
    "vi_syllables": {
        "blunt": ["Liệt kê tất cả các từ ghép tiếng Việt bắt đầu bằng \"{k}\" kèm nghĩa tiếng Anh. JSON."],
        "natural": ["Mình đang đặt tên cho con, những từ ghép đẹp bắt đầu bằng \"{k}\" là gì và nghĩa thế nào?"],
    },
}

PROBE_TASKS = ["translate", "summarise", "extract entities", "classify sentiment", "write SQL", "solve arithmetic",
               "answer trivia", "rewrite formally", "detect toxicity", "generate code", "follow a format", "refuse unsafe"]
PROBE_LENGTHS = ["one sentence", "one paragraph", "three paragraphs"]


def probe_prompt(rng: random.Random, task: str, lang: str, length: str, idx: int, blunt: bool) -> str:
    ln = LANG_NAMES[lang]
    if blunt:
        return f"[probe {idx:05d}] task={task} lang={ln} length={length}\nPerform the task on a freshly invented input, then output the result only."
    return rng.choice([
        f"Can you {task} this for me in {ln}? Keep it to {length}. Make up a realistic example input first.",
        f"Quick test of your {ln}: please {task} something typical, about {length}.",
        f"Show me how you'd {task} in {ln}; {length} is fine.",
    ])


# --------------------------------------------------------------------------------------------
# businesses: localisation, support, labelling, catalogue, pipelines
# --------------------------------------------------------------------------------------------

UI_STRINGS = ["Your order #{n} has been shipped and will arrive in {d} days.", "Tap here to verify your phone number.",
              "Hi {{name}}, your payment of %s was successful.", "Add to cart", "Checkout", "Free shipping on orders over {0}",
              "Your session has expired. Please log in again.", "Invite friends and get {n}% off your next ride",
              "Battery low. Connect your charger.", "You have {n} unread messages", "Are you sure you want to delete this?",
              "Upload failed: file exceeds {d} MB", "Rate your driver", "Promo code applied", "Password must contain at least 8 characters",
              "Your booking at {{hotel}} is confirmed for %s.", "Scan the QR code to pay", "Track your parcel",
              "Delivery partner is on the way", "Enable notifications to get flash sale alerts", "Top up your wallet",
              "This voucher expires on {0}", "Select your preferred language", "Terms and Conditions", "Sign in with Google",
              "We could not process your card. Try another payment method.", "Your subscription renews on %s.",
              "Swipe left to see more offers", "Cash on delivery available", "Reorder your last purchase"]
GLOSSARIES = ["Glossary: 'wallet' = 'dompet digital'; 'voucher' stays 'voucher'.", "Glossary: keep brand names in English.",
              "Use informal 'kamu', not 'Anda'.", "Use polite particles (ครับ/ค่ะ) sparingly.", "Keep under 40 characters where possible."]


def ui_string(rng: random.Random) -> str:
    return rng.choice(UI_STRINGS).replace("{n}", str(rng.randint(2, 99999))).replace("{d}", str(rng.randint(1, 30)))


def localisation_prompt(rng: random.Random, target: str, batch: int) -> str:
    strings = "\n".join(f"{i + 1}. {ui_string(rng)}" for i in range(batch))
    return (f"Translate the following app UI strings from English into {LANG_NAMES[target]}. Keep placeholders such as "
            f"{{0}}, %s and {{{{name}}}} exactly as they are. {rng.choice(GLOSSARIES)} Return one line per string, same numbering.\n\n{strings}")


SUPPORT_COMPANIES = {
    "ecommerce": ("You are Sari, the customer-care assistant of Belanja.id. Be friendly, answer in the customer's language, "
                  "never promise refunds above Rp500.000 without escalation, and collect the order number first.",
                  ["Pesanan saya nomor INV/{n} belum sampai sudah 5 hari, kurirnya JNE.", "Barang yang datang beda warna, mau retur gimana?",
                   "Kenapa voucher gratis ongkir saya nggak bisa dipakai?", "Saya sudah bayar via QRIS tapi status masih menunggu pembayaran.",
                   "Mau ganti alamat pengiriman pesanan {n}", "Refund saya kapan masuk? Sudah 7 hari kerja.",
                   "Apakah bisa COD ke Sleman?", "Akun saya kena limit, kenapa ya?"]),
    "telco": ("You are the virtual assistant for MajuTel Malaysia. Help with prepaid/postpaid plans, roaming and billing. "
              "Do not reveal other customers' data. Escalate porting issues to a human.",
              ["Kenapa bil saya bulan ini RM{n}?", "How do I activate roaming for Thailand?", "Data saya habis cepat sangat, boleh semak?",
               "Nak tukar plan postpaid ke prepaid", "My eSIM is not activating on iPhone 15", "Signal teruk di Shah Alam sejak semalam"]),
    "airline": ("You are the booking assistant of Langit Air. Help with bookings, baggage and refunds according to fare rules. "
                "Always confirm the booking code (PNR).",
                ["PNR {code}: can I change my flight to tomorrow?", "Berapa biaya bagasi tambahan 10 kg ke Denpasar?",
                 "My flight QZ{n} was cancelled, what are my options?", "Bisa refund tiket promo?", "Can I bring a power bank on board?",
                 "Saya salah ketik nama di tiket, bisa diganti?"]),
    "bank": ("You are the digital assistant of Bank Arunika. Never ask for PIN, OTP or full card numbers. Answer questions about "
             "products, fees and branch hours; direct suspected fraud to 1500-888.",
             ["Biaya admin bulanan tabungan berapa?", "Kartu debit saya tertelan ATM di {place}", "Cara buka rekening online?",
              "Limit transfer harian mobile banking berapa?", "Ada transaksi yang tidak saya kenal Rp{n}", "Kurs USD hari ini?"]),
    "logistics": ("Kamu adalah asisten pelacakan paket KirimCepat. Jawab singkat, minta nomor resi, dan jangan mengarang status.",
                  ["Resi KC{n} statusnya stuck di gudang Cikarang", "Paket saya dikembalikan ke pengirim, kenapa?", "Bisa pickup hari Minggu?",
                   "Ongkir Jakarta ke Medan 3 kg berapa?", "Kurir bilang alamat tidak ditemukan padahal benar"]),
    "edtech": ("Bạn là trợ lý học tập của HocNhanh. Trả lời bằng tiếng Việt, ngắn gọn, thân thiện, không làm bài hộ học sinh.",
               ["Em không xem được video bài {n}", "Khóa IELTS có hoàn tiền không ạ?", "Làm sao đổi mật khẩu?",
                "Bài kiểm tra bị lỗi không nộp được", "Cho em hỏi lịch học livestream tuần này"]),
}


def support_message(rng: random.Random, company: str) -> str:
    msgs = SUPPORT_COMPANIES[company][1]
    m = rng.choice(msgs)
    return m.replace("{n}", str(rng.randint(1000, 99999999))).replace("{code}", "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(6))).replace("{place}", rng.choice(["Bekasi", "Depok", "Bogor", "Tangerang"]))


REVIEWS = ["Barangnya bagus, pengiriman cepat, penjual ramah.", "Kualitas jelek, jahitan lepas setelah dipakai sekali.",
           "Sesuai deskripsi, tapi packing kurang rapi.", "Hàng giao nhanh, chất lượng ổn so với giá.",
           "Shop phản hồi chậm, giao sai màu.", "สินค้าดีมากส่งไวแพ็คมาอย่างดี", "ของไม่ตรงปกผิดหวังมาก",
           "Okay naman yung product pero late ang delivery.", "Sobrang ganda, will order again!", "Great value, would buy again.",
           "Stopped working after two days. Seller ignored my messages.", "Lumayan lah untuk harga segini.",
           "Produk original, segel masih utuh.", "Warna pudar setelah dicuci.", "Ukuran kekecilan, tolong cek size chart."]
LABEL_TASKS = [
    "Classify the sentiment of this product review as POSITIVE, NEGATIVE or NEUTRAL. Answer with one word.\n\nReview: {r}",
    "Does the following text contain hate speech, harassment, or neither? Label: HATE / HARASSMENT / NONE.\n\nText: {r}",
    "Extract the product aspects mentioned (quality, delivery, price, seller, packaging) and their polarity as JSON.\n\nReview: {r}",
    "Tentukan bahasa teks berikut (id, ms, vi, th, tl, en) dan apakah teks tersebut spam (ya/tidak).\n\nTeks: {r}",
    "Annotator QA: a human labelled this review {lab}. Is that label correct? Answer AGREE or DISAGREE and one reason.\n\nReview: {r}",
]


def label_prompt(rng: random.Random, task_idx: int) -> str:
    r = rng.choice(REVIEWS)
    if rng.random() < 0.5:  # real review data is messy
        r = r + " " + rng.choice(["", "Mantap!", "5 bintang.", "haizz", "555", "lol", "👍", "🙏"])
    return LABEL_TASKS[task_idx].format(r=r.strip(), lab=rng.choice(["POSITIVE", "NEGATIVE", "NEUTRAL"]))


PRODUCT_TYPES = ["kemeja batik pria", "sepatu lari", "rice cooker 1.8L", "blender", "tas ransel laptop", "hijab voal",
                 "kaos polos cotton combed 30s", "panci presto", "kipas angin berdiri", "setrika uap", "jam tangan digital",
                 "mainan edukasi kayu", "sambal botol", "kopi bubuk robusta", "madu hutan", "serum wajah niacinamide"]


def catalogue_prompt(rng: random.Random, sku: int) -> str:
    p = rng.choice(PRODUCT_TYPES)
    attrs = f"SKU: BLJ-{sku:06d}\nNama: {p.title()} {rng.choice(['Premium', 'Original', 'Murah', 'Best Seller', 'New'])}\n" \
            f"Bahan/Spesifikasi: {rng.choice(['katun', 'polyester', 'stainless', 'plastik BPA free', 'kayu pinus', '250 ml', '1 kg'])}\n" \
            f"Warna: {rng.choice(['hitam', 'navy', 'merah marun', 'putih', 'hijau army', 'cream'])}\nHarga: Rp{rng.randrange(25, 900) * 1000:,}".replace(",", ".")
    return (f"Tulis deskripsi produk untuk marketplace (maks 120 kata), gaya santai, sertakan 5 bullet keunggulan dan 8 hashtag. "
            f"Jangan mengarang klaim kesehatan.\n\n{attrs}")


NEWS_TOPICS = ["harga beras", "banjir Jakarta", "kurs rupiah", "IHSG", "pilkada", "timnas sepak bola", "harga BBM",
               "ekspor nikel", "gempa", "kereta cepat", "UMKM digital", "pariwisata Bali", "subsidi listrik"]


def pipeline_doc(rng: random.Random, kind: str) -> str:
    if kind == "news":
        t = rng.choice(NEWS_TOPICS)
        body = " ".join(rng.choice([
            f"Pemerintah menyatakan bahwa {t} akan terus dipantau dalam beberapa pekan ke depan.",
            f"Menurut data terbaru, terjadi perubahan sekitar {rng.randint(1, 30)} persen dibanding bulan lalu.",
            "Sejumlah analis menilai kebijakan ini berdampak langsung pada daya beli masyarakat.",
            f"Warga di {rng.choice(['Bekasi', 'Depok', 'Medan', 'Makassar', 'Surabaya'])} mengaku merasakan dampaknya.",
            "Pihak terkait belum memberikan keterangan resmi hingga berita ini diturunkan.",
            "Para pelaku usaha berharap ada kepastian regulasi.",
        ]) for _ in range(rng.randint(6, 14)))
        return f"Ringkas berita berikut dalam 3 kalimat dan beri 5 tag topik (JSON: summary, tags).\n\nJudul: Perkembangan {t}\n\n{body}"
    if kind == "invoice":
        lines = "\n".join(f"{rng.choice(['Kertas A4', 'Toner', 'Jasa servis AC', 'Sewa server', 'Konsumsi rapat', 'Tinta printer'])}  "
                          f"{rng.randint(1, 40)} x {rng.randrange(10, 900) * 1000}" for _ in range(rng.randint(2, 8)))
        return (f"Extract vendor, invoice_number, date, line_items, subtotal, ppn, total from this OCR text as JSON.\n\n"
                f"PT {rng.choice(['Sinar', 'Maju', 'Karya', 'Mitra', 'Abadi'])} {rng.choice(['Jaya', 'Sentosa', 'Makmur', 'Utama'])}\n"
                f"INVOICE No. INV-{rng.randint(2024000, 2025999)}\nTanggal: {rng.randint(1, 28)}/{rng.randint(1, 12)}/2025\n{lines}\nPPN 11%")
    if kind == "cv":
        return (f"Parse this CV into JSON (name, education, skills, years_experience, last_title).\n\n"
                f"{rng.choice(['Andi', 'Rina', 'Bayu', 'Nur', 'Fajar', 'Mega'])} {rng.choice(['Saputra', 'Wijaya', 'Hidayat', 'Lestari', 'Pratama'])}\n"
                f"S1 {rng.choice(['Teknik Informatika', 'Akuntansi', 'Manajemen', 'Statistika'])}, {rng.choice(['UI', 'ITB', 'UGM', 'Binus', 'Unpad', 'ITS'])} {rng.randint(2008, 2022)}\n"
                f"Pengalaman: {rng.randint(1, 12)} tahun sebagai {rng.choice(['staf keuangan', 'software engineer', 'sales', 'analis data'])}\n"
                f"Keahlian: {', '.join(rng.sample(['Excel', 'SQL', 'Python', 'SAP', 'Negosiasi', 'Power BI', 'Java', 'Figma'], 3))}")
    if kind == "ticket":
        return (f"Categorise this IT helpdesk ticket (hardware/software/network/access/other), priority P1-P4, and draft a first reply.\n\n"
                f"{rng.choice(['Laptop tidak bisa connect VPN sejak update', 'Printer lantai 3 macet lagi', 'Minta akses ke folder finance', 'Email tidak sinkron di HP', 'Aplikasi SAP error saat posting jurnal'])}")
    raise KeyError(kind)


VI_NEWS = ["Giá xăng trong nước tiếp tục điều chỉnh tăng từ chiều nay theo quyết định của liên bộ.",
           "Nhiều tuyến đường ở TP Hồ Chí Minh ngập sâu sau cơn mưa lớn kéo dài hơn hai giờ.",
           "Ngân hàng Nhà nước cho biết sẽ tiếp tục giữ ổn định tỷ giá trong các tháng tới.",
           "Xuất khẩu cà phê của Việt Nam đạt mức cao nhất trong nhiều năm nhờ giá thế giới tăng.",
           "Các chuyên gia nhận định thị trường bất động sản đang có dấu hiệu phục hồi chậm.",
           "Sở Giáo dục công bố lịch thi tuyển sinh lớp 10 năm học mới.",
           "Người dân phản ánh tình trạng kẹt xe kéo dài tại cửa ngõ phía đông thành phố.",
           "Doanh nghiệp nhỏ và vừa kỳ vọng vào gói hỗ trợ lãi suất mới của Chính phủ."]


def vi_news(rng: random.Random) -> str:
    return " ".join(rng.choice(VI_NEWS) for _ in range(rng.randint(5, 10)))


def embed_text(rng: random.Random) -> str:
    return rng.choice([pipeline_doc(rng, "news")[:600], rng.choice(REVIEWS), support_message(rng, "ecommerce"),
                       chat_prompt(rng, rng.choice(["id", "en", "vi"]))])


# --------------------------------------------------------------------------------------------
# tokens
# --------------------------------------------------------------------------------------------

def est_tokens(text: str | None) -> int:
    if not text:
        return 0
    n = len(text)
    other = (len(text.encode("utf-8")) - n) // 2  # Thai, CJK, Hangul: 3 bytes a character; diacritics: 2
    return max(1, int((n - other) / 3.8 + other / 1.4))
