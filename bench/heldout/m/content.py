# ruff: noqa: RUF001  (the prompts are written in Turkish, Cyrillic, Arabic, Georgian: their letters are meant)
"""What people type: names, emails, prompts in the region's languages, system prompts, task banks,
keyspaces.

Prompts are written as people write them: Turkish without its letters on a phone keyboard, Russian
with English tech words, Kazakh and Uzbek in both scripts, Georgian and Armenian in Latin
transliteration, Egyptian Arabic and Arabizi, Persian in Finglish. Slot fillers make most prompts
unique; a few (viral prompts, starter kits, test pings) are meant to repeat.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# names and emails
# ---------------------------------------------------------------------------------------------

NAMES = {
    "TR": (["Ahmet", "Mehmet", "Mustafa", "Emre", "Burak", "Elif", "Zeynep", "Ayse", "Fatma", "Merve", "Can",
            "Deniz", "Ece", "Kaan", "Yusuf", "Esra", "Busra", "Hakan", "Selin", "Onur", "Gizem", "Oguz", "Irem",
            "Baris", "Tugba", "Serkan", "Cem", "Ebru", "Furkan", "Sevgi", "Umut", "Damla", "Emirhan", "Kubra"],
           ["Yilmaz", "Kaya", "Demir", "Sahin", "Celik", "Yildiz", "Aydin", "Ozturk", "Arslan", "Dogan", "Kilic",
            "Aslan", "Cetin", "Kara", "Koc", "Kurt", "Ozdemir", "Polat", "Erdem", "Tekin", "Aksoy", "Gunes",
            "Bulut", "Korkmaz", "Ozkan", "Sari", "Unal", "Karaca", "Yavuz", "Tas"]),
    "KZ": (["Aidana", "Nurlan", "Yerlan", "Aigerim", "Dias", "Madina", "Arman", "Dana", "Zhanar", "Timur",
            "Asel", "Daniyar", "Aruzhan", "Olzhas", "Saule", "Alibek", "Kamila", "Sergey", "Olga", "Dmitriy"],
           ["Nurlanov", "Akhmetova", "Seitkali", "Zhaksylykov", "Omarova", "Bekov", "Tulegenova", "Ivanov",
            "Kim", "Abdrakhmanov", "Sadykova", "Zhumabekov", "Petrova", "Ermekov"]),
    "UZ": (["Jasur", "Dilnoza", "Sardor", "Nodira", "Bekzod", "Malika", "Aziz", "Shahnoza", "Otabek", "Madina",
            "Javohir", "Gulnora", "Sherzod", "Kamola", "Ulugbek", "Zarina"],
           ["Karimov", "Rakhimova", "Tursunov", "Yusupova", "Abdullayev", "Nazarova", "Ergashev", "Saidova",
            "Mirzayev", "Xolmatov", "Qodirova"]),
    "KG": (["Aibek", "Nurzhan", "Aizada", "Bakyt", "Cholpon", "Erlan", "Meerim", "Tilek", "Altynai"],
           ["Asanov", "Toktogulova", "Sydykov", "Mamatov", "Abdyldaeva", "Osmonov"]),
    "AZ": (["Elvin", "Aysel", "Rashad", "Leyla", "Farid", "Gunel", "Orkhan", "Nigar", "Tural", "Sevinj", "Kamran",
            "Aynur", "Murad", "Lala"],
           ["Aliyev", "Mammadova", "Huseynov", "Hasanova", "Guliyev", "Ismayilova", "Abbasov", "Jafarova"]),
    "GE": (["Giorgi", "Nino", "Luka", "Mariam", "Davit", "Ana", "Levan", "Tamar", "Irakli", "Salome", "Nika",
            "Ketevan"],
           ["Beridze", "Kapanadze", "Gelashvili", "Maisuradze", "Lomidze", "Tsiklauri", "Chkheidze", "Japaridze"]),
    "AM": (["Aram", "Ani", "Hayk", "Lilit", "Tigran", "Mariam", "Narek", "Anush", "Gor", "Sona", "Artyom",
            "Ksenia"],
           ["Petrosyan", "Sargsyan", "Hakobyan", "Grigoryan", "Harutyunyan", "Mkrtchyan", "Avetisyan", "Volkov"]),
    "AE": (["Ahmed", "Fatima", "Omar", "Mariam", "Rahul", "Priya", "Khalid", "Aisha", "Yousef", "Sara", "Arjun",
            "Layla", "James", "Hamdan"],
           ["Al Mansoori", "Al Hashimi", "Nair", "Sharma", "Khan", "Al Suwaidi", "Haddad", "Menon", "Smith",
            "Al Falasi"]),
    "SA": (["Abdullah", "Nora", "Faisal", "Reem", "Saud", "Lama", "Turki", "Hessa", "Majed", "Abeer"],
           ["Al Qahtani", "Al Ghamdi", "Al Otaibi", "Al Harbi", "Al Zahrani", "Al Shehri", "Al Dosari"]),
    "JO": (["Laith", "Rania", "Zaid", "Dana", "Hamza", "Lina", "Tareq", "Yara"],
           ["Haddad", "Khoury", "Nasser", "Obeidat", "Masri", "Zoubi"]),
    "EG": (["Mohamed", "Mahmoud", "Nour", "Yasmin", "Karim", "Hana", "Amr", "Salma", "Mostafa", "Menna",
            "Youssef", "Aya"],
           ["Hassan", "Ibrahim", "Abdelrahman", "Farouk", "Mansour", "ElSayed", "Gamal", "Fawzy", "Soliman"]),
    "IR": (["Ali", "Sara", "Reza", "Maryam", "Amir", "Niloofar", "Mehdi", "Parisa", "Hossein", "Shirin", "Arash",
            "Negar", "Kaveh", "Ladan"],
           ["Hosseini", "Rezaei", "Mohammadi", "Ahmadi", "Karimi", "Moradi", "Jafari", "Sadeghi", "Tehrani"]),
    "UA": (["Oleksandr", "Olena", "Andrii", "Iryna", "Dmytro", "Kateryna", "Maksym", "Yulia", "Bohdan", "Oksana",
            "Taras", "Sofiia"],
           ["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boiko", "Koval",
            "Moroz"]),
    "PL": (["Piotr", "Anna", "Krzysztof", "Katarzyna", "Tomasz", "Magdalena", "Michal", "Agnieszka", "Jakub",
            "Zofia"],
           ["Nowak", "Kowalski", "Wisniewska", "Wojcik", "Kaminski", "Lewandowska", "Zielinski", "Szymanska"]),
    "DE": (["Lukas", "Anna", "Jonas", "Lea", "Deniz", "Elif", "Felix", "Marie", "Murat", "Sophie"],
           ["Mueller", "Schmidt", "Schneider", "Yilmaz", "Fischer", "Weber", "Kaya", "Becker", "Wagner"]),
    "NL": (["Daan", "Sanne", "Bram", "Emma", "Yusuf", "Noor"], ["de Vries", "Jansen", "Bakker", "Visser", "Demir"]),
    "FR": (["Lucas", "Chloe", "Hugo", "Ines", "Karim", "Lea"], ["Martin", "Bernard", "Dubois", "Benali", "Petit"]),
    "GB": (["Oliver", "Amelia", "Harry", "Isla", "Arjun", "Sophie"], ["Smith", "Jones", "Taylor", "Patel", "Brown"]),
}
NAMES["IR"] = NAMES["IR"]


def person(rng, country: str) -> tuple[str, str]:
    first, last = NAMES.get(country, NAMES["TR"])
    return rng.choice(first), rng.choice(last)


def email(rng, country: str, first: str, last: str, domain: str | None = None, work: bool = False) -> str:
    f = first.lower().replace(" ", "")
    la = last.lower().replace(" ", "").replace("'", "")
    if domain is None:
        from world import EMAIL_PERSONAL
        domain = rng.choice(EMAIL_PERSONAL.get(country, EMAIL_PERSONAL["TR"]))
    if work:
        style = rng.random()
        local = f"{f}.{la}" if style < 0.6 else (f"{f[0]}{la}" if style < 0.85 else f)
        return f"{local}@{domain}"
    style = rng.random()
    if style < 0.3:
        local = f"{f}.{la}"
    elif style < 0.5:
        local = f"{f}{la}{rng.randrange(70, 100) if rng.random() < .5 else rng.randrange(1, 35)}"
    elif style < 0.65:
        local = f"{f}_{la}{rng.randrange(1990, 2008)}"
    elif style < 0.8:
        local = f"{f[0]}{la}{rng.randrange(10, 999)}"
    elif style < 0.9:
        local = f"{f}{rng.randrange(100, 9999)}"
    else:
        local = f"{la}.{f}"
    return f"{local}@{domain}"


# ---------------------------------------------------------------------------------------------
# slots and template filling
# ---------------------------------------------------------------------------------------------


class _Fill(dict):
    def __init__(self, rng, slots):
        super().__init__()
        self.rng, self.slots = rng, slots

    def __missing__(self, key):
        v = self.slots[key]
        return v(self.rng) if callable(v) else self.rng.choice(v)


def fill(rng, template: str, slots: dict) -> str:
    return template.format_map(_Fill(rng, slots)) if "{" in template else template


def num(a: int, b: int):
    return lambda rng: str(rng.randint(a, b))


_TR_ASCII = str.maketrans("çğıöşüÇĞİÖŞÜâ", "cgiosuCGIOSUa")
_AZ_ASCII = str.maketrans("əğıöşüçƏĞİÖŞÜÇ", "egiosucEGIOSUC")


def ascii_tr(s: str) -> str:
    return s.translate(_TR_ASCII)


def ascii_az(s: str) -> str:
    return s.translate(_AZ_ASCII)


S = {
    "city_tr": ["İstanbul", "Ankara", "İzmir", "Bursa", "Antalya", "Konya", "Gaziantep", "Kayseri", "Eskişehir",
                "Trabzon", "Samsun", "Diyarbakır", "Mersin", "Adana", "Denizli", "Sakarya", "Kocaeli", "Van"],
    "ders": ["matematik", "fizik", "kimya", "biyoloji", "tarih", "edebiyat", "coğrafya", "İngilizce",
             "istatistik", "mikroiktisat", "muhasebe", "termodinamik", "veri yapıları", "lineer cebir",
             "anayasa hukuku", "farmakoloji", "anatomi"],
    "konu_tr": ["türev", "integral", "limit", "olasılık", "permütasyon", "Osmanlı duraklama dönemi",
                "Tanzimat edebiyatı", "hücre bölünmesi", "asit baz tepkimeleri", "Newton yasaları",
                "elektrik devreleri", "fotosentez", "Kurtuluş Savaşı", "paragraf soruları", "fonksiyonlar",
                "trigonometri", "logaritma", "mol kavramı"],
    "urun_tr": ["kadın triko hırka", "çelik termos 750 ml", "bebek battaniyesi", "erkek deri cüzdan",
                "kablosuz kulaklık", "organik zeytinyağı 1 lt", "el yapımı sabun seti", "airfryer 5.5 lt",
                "çocuk kışlık mont", "seramik kahve fincanı takımı", "yoga matı", "gümüş kolye",
                "Antep fıstığı 500 gr", "kışlık bot", "robot süpürge", "oyuncu koltuğu"],
    "pazaryeri": ["Trendyol", "Hepsiburada", "n11", "Amazon.com.tr", "Çiçeksepeti", "Etsy", "Instagram"],
    "is_tr": ["ev sahibime kira artışı hakkında", "işverenime istifa", "bankaya kredi kartı aidatı iadesi için",
              "belediyeye kaldırım şikayeti", "okul müdürüne izin", "kargo firmasına hasarlı ürün",
              "site yönetimine aidat itirazı", "tüketici hakem heyetine", "SGK'ya hizmet dökümü düzeltmesi için",
              "müşteriye gecikme özrü", "İK'ya yıllık izin talebi"],
    "excel_tr": ["DÜŞEYARA", "ETOPLA", "EĞER", "ÇOKETOPLA", "İNDİS KAÇINCI", "ÇAPRAZARA", "EĞERHATA",
                 "METİNBİRLEŞTİR"],
    "yemek_tr": ["mercimek çorbası", "karnıyarık", "mantı", "tavuk sote", "fırında makarna", "içli köfte",
                 "sütlaç", "menemen", "zeytinyağlı fasulye", "revani"],
    "code_lang": ["Python", "JavaScript", "TypeScript", "Go", "C#", "Java", "PHP", "Kotlin", "Dart", "SQL", "Rust",
                  "C++", "Bash"],
    "framework": ["Django", "FastAPI", "Laravel", "React", "Next.js", "Flutter", "Spring Boot", ".NET 9", "Vue",
                  "NestJS", "aiogram", "Bitrix", "1C", "Express", "Kotlin Multiplatform"],
    "bug": ["CORS hatası", "500 Internal Server Error", "null reference", "memory leak", "deadlock",
            "timezone kayması", "N+1 query", "infinite re-render", "UnicodeDecodeError", "segmentation fault",
            "race condition", "migration conflict"],
    "city_ru": ["Алматы", "Астана", "Ташкент", "Бишкек", "Шымкент", "Караганда", "Самарканд", "Баку", "Тбилиси",
                "Ереван", "Стамбул", "Анталья", "Москва"],
    "ru_task": ["письмо клиенту о задержке поставки", "пост для инстаграма про открытие кофейни",
                "резюме на позицию junior аналитика", "жалобу в банк", "объявление о сдаче квартиры",
                "ответ на отзыв в 2ГИС", "коммерческое предложение на поставку стройматериалов",
                "поздравление коллеге с днём рождения", "заявление на отпуск", "описание товара для Kaspi",
                "сопроводительное письмо", "текст для рассылки в телеграм-канал"],
    "ru_explain": ["как работает ипотека в Казахстане", "разницу между ИП и ТОО", "что такое НДС простыми словами",
                   "как посчитать КПН", "почему небо голубое", "как работает блокчейн", "что такое инфляция",
                   "как переехать в Грузию по работе", "как получить ВНЖ в Турции", "что такое Docker",
                   "как устроен Kubernetes", "что такое ЕНТ и как к нему готовиться"],
    "kk_task": ["түйіндеме", "өтініш", "құттықтау хат", "эссе", "баяндама", "түсініктеме хат"],
    "kk_topic": ["Абай Құнанбаев", "Қазақ хандығы", "экология", "жасанды интеллект", "Алаш қозғалысы",
                 "Наурыз мейрамы", "математика", "физика"],
    "uz_task": ["rezyume", "ariza", "biznes reja", "tabrik matni", "post", "maqola", "e'lon"],
    "uz_topic": ["Amir Temur", "IT Park rezidentlari", "Uzum Market", "soliq", "ingliz tili IELTS", "DTM testlari",
                 "Samarqand turizmi", "kichik biznes"],
    "az_task": ["CV", "ərizə", "məktub", "inşa", "təqdimat", "post"],
    "az_topic": ["Qarabağ", "Nizami Gəncəvi", "neft sənayesi", "rəqəmsal marketinq", "DİM imtahanı",
                 "ASAN xidmət", "Bakı metrosu"],
    "ka_topic": ["ვეფხისტყაოსანი", "საქართველოს ისტორია", "ღვინის დაყენება", "ტურიზმი ბათუმში",
                 "ეროვნული გამოცდები", "ფოტოსინთეზი"],
    "ar_task": ["إيميل للمدير عن إجازة", "بوست انستغرام لمطعم", "وصف منتج لمتجر نون", "سيرة ذاتية",
                "رسالة شكوى لشركة الاتصالات", "إعلان عن شقة للإيجار في دبي", "رد على عميل غاضب",
                "خطة تسويق لمحل عطور"],
    "ar_topic": ["الذكاء الاصطناعي", "التغير المناخي", "رؤية السعودية 2030", "الاقتصاد المصري", "تاريخ الأندلس",
                 "الطاقة الشمسية", "الأمن السيبراني", "التجارة الإلكترونية"],
    "fa_task": ["یه ایمیل رسمی", "یه متن تبریک تولد", "یه پست اینستاگرام", "نامه انگیزشی", "رزومه", "یه شعر کوتاه"],
    "fa_topic": ["اقامت ترکیه", "ویزای کاری آلمان", "حافظ", "کنکور", "ارز دیجیتال", "مهاجرت به کانادا"],
    "uk_task": ["пост для збору на дрон", "лист до ЦНАПу", "резюме", "опис товару для Prom.ua",
                "оголошення на OLX", "привітання з Днем ЗСУ", "пояснювальну записку"],
    "uk_topic": ["графік відключень світла", "ФОП 3 група", "Дія", "НМТ з математики", "грант єРобота",
                 "податки для ФОП"],
    "pl_task": ["maila do klienta", "post na LinkedIn", "reklamację do sklepu", "CV", "życzenia na Mikołajki",
                "ogłoszenie na OLX", "pismo do ZUS"],
    "pl_topic": ["KSeF", "JDG i ryczałt", "ulga na IKZE", "matura z matematyki", "Andrzejki", "kredyt 2%"],
    "en_task": ["a cover letter", "a LinkedIn post", "a polite follow-up email", "a product description",
                "meeting notes into action items", "a birthday message", "an apology to a customer",
                "a short bio", "a project update for my manager"],
    "en_topic": ["transformers", "compound interest", "the French revolution", "Kubernetes networking",
                 "black holes", "GDPR", "intermittent fasting", "the Ottoman empire", "supply and demand",
                 "vector databases", "photosynthesis", "CRISPR"],
    "de_task": ["eine E-Mail an meinen Vermieter", "ein Anschreiben", "eine Beschwerde an die Telekom",
                "einen Antrag bei der Ausländerbehörde"],
}


# ---------------------------------------------------------------------------------------------
# everyday prompts per language
# ---------------------------------------------------------------------------------------------

CHAT: dict[str, list[str]] = {
    "tr": [
        "bana {is_tr} bir dilekçe yazar mısın, resmi olsun",
        "{ders} dersinde {konu_tr} konusunu basitçe anlatır mısın? yarın vize var",
        "{konu_tr} ile ilgili 10 tane çıkmış soru tarzında soru yaz, cevapları en sonda olsun",
        "{pazaryeri} için {urun_tr} ürün açıklaması yaz, SEO uyumlu olsun, madde madde özellikler ekle",
        "Efsane Cuma için {urun_tr} kampanyası instagram postu yaz %{indirim} indirim",
        "excelde {excel_tr} formülü nasıl kullanılır örnekle anlat",
        "{yemek_tr} tarifi ver, 4 kişilik",
        "{city_tr}'da hafta sonu gezilecek yerler nereler",
        "şu maili daha profesyonel yap: {paste_tr}",
        "bu cümleyi ingilizceye çevir: {cumle_tr}",
        "{code_lang} ile {framework} projesinde {bug} alıyorum ne yapmalıyım",
        "kira artış oranı kasım 2026 için ne kadar, TÜFE ortalaması nasıl hesaplanır",
        "e-Arşiv fatura ile e-Fatura arasındaki fark ne",
        "KDV dahil fiyattan KDV hariç fiyat nasıl hesaplanır, %20 için formül",
        "sevgilime yıl dönümü için romantik bir mesaj yaz ama çok klişe olmasın",
        "CV'mi gözden geçir, yazılım mühendisi başvurusu için: {paste_tr}",
        "KPSS {ders} için 2 haftalık çalışma programı hazırla",
        "çocuğum 8 yaşında, kesirleri nasıl anlatabilirim",
        "instagram bio önerileri {urun_tr} satan butik için",
        "şu kodda hata nerede {paste_code}",
        "mahalle muhtarlığına yazılacak bir şikayet metni, sokak lambaları yanmıyor",
        "tez için literatür taraması nasıl yapılır, {ders} alanında",
        "araba almak istiyorum 1.2 milyon bütçe, hangi modellere bakmalıyım",
        "kış için kombi ayarı kaç derece olmalı, fatura az gelsin",
    ],
    "en": [
        "Write {en_task} for me. Keep it under 200 words.",
        "Explain {en_topic} like I'm 15",
        "Can you summarise this? {paste_en}",
        "what's the difference between {framework} and {framework}",
        "Give me a 3-day itinerary for {city_tr}",
        "fix the grammar: {paste_en}",
        "I'm getting {bug} in my {framework} app. {paste_code}",
        "Help me prepare for a job interview as a {role}",
        "Draft a reply to this email, polite but firm: {paste_en}",
        "How do I calculate {calc} in Excel?",
        "Suggest 10 names for a {business}",
        "Is it better to learn {code_lang} or {code_lang} in 2027?",
    ],
    "ru": [
        "напиши {ru_task}",
        "объясни {ru_explain}",
        "помоги исправить ошибку в {code_lang}: {paste_code}",
        "переведи на английский: {cumle_ru}",
        "сделай короче и понятнее: {paste_ru}",
        "как в экселе сделать ВПР из другого листа",
        "составь план подготовки к ЕНТ по математике на месяц",
        "придумай 10 идей для поста в телеграм-канал про {ru_niche}",
        "как настроить {framework} с docker compose, пример нужен",
        "какие документы нужны для ВНЖ в {country_ru}",
        "в 1С как сделать запрос к регистру накоплений остатки с отбором по складу",
        "посчитай сколько я заплачу налогов как ИП на упрощёнке с оборотом {amount} тенге",
        "напиши рецепт плова на 6 человек",
        "проверь текст на ошибки: {paste_ru}",
        "как задеплоить {framework} на vps, пошагово плиз",
    ],
    "kk": [
        "маған {kk_task} жазып берші",
        "{kk_topic} туралы эссе жаз, 300 сөз",
        "Maǵan {kk_topic} týraly qysqasha aıtyp bershi",
        "қазақшаға аударшы: {cumle_ru}",
        "{kk_topic} бойынша 10 тест сұрағын құрастыр",
        "сәлем, мынаны қазақ тіліне аударып берші пожалуйста: {paste_en}",
        "ЕНТ-ге дайындалу үшін {kk_topic} тақырыбын түсіндірші",
    ],
    "uz": [
        "menga {uz_task} yozib ber, {uz_topic} haqida",
        "{uz_topic} haqida qisqacha ma'lumot ber",
        "salom, ingliz tiliga tarjima qilib ber: {cumle_uz}",
        "IELTS writing task 2 uchun essay tekshirib ber: {paste_en}",
        "Uzum Marketga {urun_uz} uchun tavsif yoz",
        "менга {uz_task} ёзиб бер",
        "{code_lang} da xato chiqyapti, yordam ber: {paste_code}",
        "DTM testiga tayyorlanish uchun reja tuzib ber",
    ],
    "az": [
        "mənə {az_task} yaz, {az_topic} haqqında",
        "{az_topic} haqqında qısa məlumat ver",
        "mene {az_task} yaz zehmet olmasa",
        "bunu ingilis dilinə tərcümə et: {cumle_az}",
        "DİM imtahanı üçün riyaziyyatdan 10 test sualı hazırla",
        "instagram üçün {urun_tr} postu yaz",
    ],
    "ka": [
        "დამიწერე ესე თემაზე: {ka_topic}",
        "მითხარი მოკლედ {ka_topic}-ის შესახებ",
        "gamarjoba, damiwere motivaciis werili universitetistvis",
        "targmne inglisurad: {cumle_ka}",
        "ra aris {en_topic}? martivad amixsene",
        "დამეხმარე CV-ის დაწერაში, ვარ {role_ka}",
    ],
    "hy": [
        "barev, grir indz motivacion namak hamalsarani hamar",
        "ինձ համար գրիր շնորհավորանք ծննդյան օրվա կապակցությամբ",
        "targmani angleren: {cumle_hy}",
        "ինչ է {en_topic}-ը, բացատրիր պարզ",
    ],
    "ar": [
        "اكتب {ar_task}",
        "اشرح لي {ar_topic} بطريقة بسيطة",
        "عايز اكتب {ar_task} بس بالمصري",
        "ابي {ar_task} بأسلوب احترافي",
        "ترجم للإنجليزي: {cumle_ar}",
        "3ayez a3mel CV le sherka {business_en}, momken tsa3edny?",
        "ممكن تلخص لي هذا النص: {paste_ar}",
        "عندي مشكلة في الكود {paste_code}",
        "اقترح اسماء لمشروع {business_ar}",
        "كيف احسب ضريبة القيمة المضافة 5% في الإمارات",
        "اكتب عرض White Friday لمتجر {business_ar} خصم {indirim}%",
        "عطني خطة مذاكرة للتوجيهي مادة الرياضيات",
    ],
    "fa": [
        "{fa_task} برام بنویس",
        "درباره {fa_topic} توضیح بده",
        "salam, ye {fa_task_latin} baraye {fa_topic_latin} benevis lotfan",
        "این متن رو به انگلیسی ترجمه کن: {cumle_fa}",
        "فال حافظ بگیر برام",
        "برای وقت سفارت آلمان چه مدارکی لازمه",
        "ye email baraye ostad benevis ke deadline ro tamdid kone",
        "کدم ارور میده: {paste_code}",
    ],
    "uk": [
        "напиши {uk_task}",
        "поясни {uk_topic} простими словами",
        "переклади англійською: {cumle_uk}",
        "як оформити {uk_topic}",
        "допоможи з кодом на {code_lang}: {paste_code}",
        "скласти план на тиждень з урахуванням графіку відключень, світло є з 8 до 12 і з 16 до 20",
        "напиши пост щоб закрити збір, лишилось {amount_uah} грн",
    ],
    "pl": [
        "napisz {pl_task}",
        "wyjaśnij mi {pl_topic} prostymi słowami",
        "przetłumacz na angielski: {cumle_pl}",
        "jak wystawić fakturę w KSeF jako JDG",
        "pomóż mi z kodem w {code_lang}: {paste_code}",
        "popraw błędy: {paste_pl}",
    ],
    "de": [
        "Schreib mir {de_task}",
        "Erklär mir {en_topic} einfach",
        "Übersetze ins Türkische: {paste_en}",
    ],
}

S.update({
    "indirim": ["20", "30", "40", "50", "60", "70"],
    "paste_tr": ["Merhaba, siparişiniz kargoya verilmiştir fakat yoğunluk sebebiyle teslimat 3-5 iş günü "
                 "gecikebilir. Anlayışınız için teşekkür ederiz.",
                 "Sayın yetkili, 12.11.2026 tarihinde aldığım ürün arızalı çıktı ve iade talebim hala sonuçlanmadı.",
                 "Bilgisayar Mühendisliği mezunu, 2 yıl Java ve Spring deneyimi, İngilizce B2, takım çalışmasına "
                 "yatkın...",
                 "ekteki dosyada ay sonu kapanış raporu var, toplam ciro geçen aya göre %12 düştü"],
    "paste_en": ["Hi team, following up on the Q4 roadmap: we are behind on the billing migration and need a "
                 "decision on the vendor by Friday.",
                 "The results indicate a statistically significant difference between the two groups (p < 0.05), "
                 "however the sample size was limited.",
                 "Dear Sir/Madam, I am writing to complain about the late delivery of my order #48213...",
                 "Our startup helps small restaurants in Baku manage deliveries across Wolt and Bolt Food."],
    "paste_ru": ["Добрый день! Сообщаем, что в связи с переездом склада отгрузки будут приостановлены до 3 декабря.",
                 "Я работаю в сфере логистики более 5 лет, умею работать с 1С и Excel, ищу удалённую работу...",
                 "уважаемые жильцы, просим не оставлять мусор возле подъезда"],
    "paste_ar": ["تعلن الشركة عن بدء التسجيل في برنامج التدريب الصيفي للخريجين الجدد اعتبارا من الأسبوع القادم.",
                 "نحن متجر إلكتروني متخصص في بيع العطور الشرقية ونشحن لجميع مدن المملكة خلال 3 أيام."],
    "paste_pl": ["Dzień dobry, w załączeniu przesyłam fakture za listopad, prosze o potwierdzenie.",
                 "Szanowni Państwo, zwracam się z prośbą o przesunięcie terminu płatności."],
    "paste_code": ["Traceback (most recent call last):\n  File \"app.py\", line 42, in <module>\n    "
                   "resp = client.get(url)\nrequests.exceptions.SSLError: HTTPSConnectionPool(host='api.kaspi.kz', "
                   "port=443): Max retries exceeded",
                   "TypeError: Cannot read properties of undefined (reading 'map')\n    at ProductList (ProductList."
                   "jsx:18:23)",
                   "SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.created_at > "
                   "'2026-11-01' GROUP BY c.name",
                   "func main() {\n\tch := make(chan int)\n\tch <- 1\n\tfmt.Println(<-ch)\n}\n// fatal error: all "
                   "goroutines are asleep - deadlock!",
                   "E/flutter (12345): [ERROR:flutter/runtime/dart_vm_initializer.cc(41)] Unhandled Exception: "
                   "type 'Null' is not a subtype of type 'String'",
                   "Запрос = Новый Запрос;\nЗапрос.Текст = \"ВЫБРАТЬ Остатки.Номенклатура ИЗ "
                   "РегистрНакопления.ТоварыНаСкладах.Остатки КАК Остатки\";",
                   "php artisan migrate\n  SQLSTATE[42S01]: Base table or view already exists: 1050 Table 'users' "
                   "already exists"],
    "cumle_tr": ["Toplantı yarın saat 10'a ertelendi.", "Siparişiniz yarın teslim edilecektir.",
                 "Bu konuda size yardımcı olmaktan memnuniyet duyarız.", "Fiyatlarımıza KDV dahildir."],
    "cumle_ru": ["Мы рады сообщить о запуске нового продукта.", "Спасибо за ваше терпение.",
                 "Доставка по городу бесплатная."],
    "cumle_uz": ["Buyurtmangiz qabul qilindi.", "Ertaga ofisda uchrashamiz.", "Narxlar QQS bilan ko'rsatilgan."],
    "cumle_az": ["Sifarişiniz sabah çatdırılacaq.", "Görüş saat 3-ə keçirildi."],
    "cumle_ka": ["shexvedra xval 11 saatzea", "gmadlobt tqveni shekvetisatvis"],
    "cumle_hy": ["handipumy texapoxvel e vaghvan", "shnorhakalutyun dzer patverzi hamar"],
    "cumle_ar": ["نشكركم على ثقتكم بنا", "سيتم توصيل الطلب خلال يومين", "الاجتماع تأجل إلى الأحد"],
    "cumle_fa": ["جلسه به فردا موکول شد", "ممنون از صبر و حوصله شما", "سفارش شما ارسال شد"],
    "cumle_uk": ["Дякуємо за вашу підтримку", "Замовлення буде відправлене завтра"],
    "cumle_pl": ["Spotkanie zostało przełożone na czwartek", "Dziękujemy za zamówienie"],
    "role": ["data analyst", "backend developer", "product manager", "QA engineer", "UX designer", "DevOps engineer"],
    "role_ka": ["ფრონტენდ დეველოპერი", "ბუღალტერი", "მარკეტინგის მენეჯერი"],
    "calc": ["a weighted average", "year-over-year growth", "a running total", "working days between two dates"],
    "business": ["coffee shop in Tbilisi", "dental clinic", "Telegram store", "bakery", "logistics startup",
                 "perfume brand", "language school", "car rental in Batumi"],
    "business_en": ["marketing", "software", "logistics", "pharma"],
    "business_ar": ["عطور", "ملابس أطفال", "مطعم شاورما", "مكتب عقارات", "متجر إلكترونيات"],
    "ru_niche": ["криптовалюту", "недвижимость в Алматы", "релокацию", "маркетплейсы", "фитнес", "ремонт квартир"],
    "country_ru": ["Турции", "Грузии", "Казахстане", "Армении", "ОАЭ", "Сербии"],
    "amount": ["12 млн", "45 млн", "80 млн", "150 млн"],
    "amount_uah": ["18 000", "42 500", "7 300", "120 000"],
    "urun_uz": ["ayollar paltosi", "smartfon g'ilofi", "bolalar o'yinchog'i", "choynak"],
    "fa_task_latin": ["email", "matn-e tabrik", "post-e instagram", "resume"],
    "fa_topic_latin": ["ikamet-e torkie", "apply baraye Almaan", "kar dar Dubai", "kelas-e zaban"],
})


def chat(rng, lang: str, no_diacritics: bool = False) -> str:
    t = fill(rng, rng.choice(CHAT[lang]), S)
    if no_diacritics:
        if lang == "tr":
            t = ascii_tr(t)
        elif lang == "az":
            t = ascii_az(t)
    return t


# language mix per country of the person (weights)
LANGS = {
    "TR": [("tr", 88), ("en", 6), ("ar", 3), ("ru", 3)],
    "KZ": [("ru", 62), ("kk", 28), ("en", 10)],
    "UZ": [("uz", 62), ("ru", 32), ("en", 6)],
    "KG": [("ru", 88), ("en", 12)],
    "AZ": [("az", 74), ("ru", 16), ("en", 10)],
    "GE": [("ka", 68), ("ru", 14), ("en", 18)],
    "AM": [("hy", 36), ("ru", 48), ("en", 16)],
    "AE": [("en", 52), ("ar", 36), ("ru", 8), ("fa", 4)],
    "SA": [("ar", 78), ("en", 22)],
    "JO": [("ar", 76), ("en", 24)],
    "EG": [("ar", 84), ("en", 16)],
    "IR": [("fa", 84), ("en", 16)],
    "UA": [("uk", 72), ("ru", 14), ("en", 14)],
    "PL": [("pl", 86), ("en", 14)],
    "DE": [("en", 42), ("de", 30), ("tr", 20), ("fa", 8)],
    "NL": [("en", 80), ("tr", 20)],
    "FR": [("en", 70), ("ar", 30)],
    "GB": [("en", 100)],
}


def lang_for(rng, country: str) -> str:
    opts = LANGS[country]
    return rng.choices([a for a, _ in opts], [w for _, w in opts])[0]


FOLLOWUPS = {
    "tr": ["daha kısa yap", "biraz daha resmi olsun", "devam et", "tamam teşekkürler, bir de örnek verir misin",
           "bunu tablo halinde yaz", "yanlış anladın, şunu demek istedim", "ingilizce versiyonu da olsun",
           "emoji ekle", "güzel olmuş ama 2. paragrafı değiştir"],
    "en": ["make it shorter", "more formal please", "continue", "can you give an example?", "put it in a table",
           "no, I meant the other one", "thanks! now translate it to Turkish"],
    "ru": ["короче", "сделай официальнее", "продолжи", "а можно пример?", "оформи таблицей", "не то, переделай",
           "спасибо, а на английском?"],
    "kk": ["қысқарақ", "жалғастыр", "рахмет, мысал келтірші", "орысшасын да жаз"],
    "uz": ["qisqaroq qil", "davom et", "rahmat, misol keltir", "ruscha variantini ham yoz"],
    "az": ["daha qısa", "davam et", "sağ ol, nümunə ver", "rus dilində də yaz"],
    "ka": ["უფრო მოკლედ", "გააგრძელე", "madloba, kidev erti variant", "ინგლისურადაც დაწერე"],
    "hy": ["aveli karch", "sharunakir", "shnorhakalutyun, mi orinak el"],
    "ar": ["اختصر", "كمل", "شكرا، ممكن مثال؟", "خليها رسمية اكثر", "اكتبها بالانجليزي كمان"],
    "fa": ["کوتاه‌ترش کن", "ادامه بده", "مرسی، یه مثال هم بزن", "رسمی‌ترش کن"],
    "uk": ["коротше", "продовж", "дякую, а приклад?", "зроби офіційніше"],
    "pl": ["krócej", "kontynuuj", "dzięki, a przykład?", "bardziej formalnie"],
    "de": ["kürzer bitte", "weiter", "danke, ein Beispiel?"],
}

# ---------------------------------------------------------------------------------------------
# viral prompts strangers paste (the week's trends) and starter kits
# ---------------------------------------------------------------------------------------------

VIRAL = [
    "Bana hakkımda bildiğin her şeyi kullanarak 2027'de nasıl biri olacağımı anlat, acımasız ol.",
    "Bana hakkimda bildigin her seyi kullanarak 2027'de nasil biri olacagimi anlat, acimasiz ol.",
    "Act as my brutally honest mentor. Based on our past chats, tell me the one thing holding me back.",
    "Efsane Cuma'da gerçekten indirim var mı yoksa fiyatları önce artırıp sonra mı düşürüyorlar? Nasıl anlarım?",
    "Сделай разбор моей личности по знаку зодиака и году рождения, только честно",
    "اكتب لي رسالة اعتذار لصديقي بأسلوب شعري مثل نزار قباني",
    "Roast my LinkedIn headline: ",
    "Write a Spotify Wrapped style summary of my year based on what you know about me",
]

HACKATHON_STARTER = ("Sen {team} ekibinin asistanısın. Kullanıcının sorusunu kısa ve net yanıtla. Yanıtını "
                     "JSON olarak ver: {{\"answer\": ..., \"sources\": [...]}}")
HACKATHON_TASKS = [
    "İstanbul'da deprem toplanma alanlarını bulan bir bot için kullanıcı sorusu: {q}",
    "Tarım kooperatifi için hasat tahmini açıklaması üret: {q}",
    "Engelli bireyler için erişilebilir rota önerisi: {q}",
    "KOBİ'ler için e-fatura asistanı: {q}",
    "Öğrenciler için burs eşleştirme: {q}",
]
HACKATHON_Q = ["Kadıköy'de en yakın toplanma alanı nerede?", "buğday verimi bu yıl neden düştü",
               "Taksim'den Beşiktaş'a tekerlekli sandalye ile nasıl giderim", "e-fatura kesmem zorunlu mu",
               "mühendislik öğrencisiyim hangi burslara başvurabilirim", "test", "merhaba", "hello world",
               "Üsküdar'da afet konteyner kent var mı", "fındık üreticisi için kredi desteği var mı"]

# ---------------------------------------------------------------------------------------------
# developer, agentic and batch workloads
# ---------------------------------------------------------------------------------------------

DEV_TASKS = [
    "refactor this {code_lang} function to be async and add retries with exponential backoff",
    "write unit tests for the {framework} service below",
    "why does this query take 8 seconds on postgres 16? {paste_code}",
    "generate a Dockerfile for a {framework} app with multi-stage build",
    "bu {framework} endpoint'e POST atınca {bug} dönüyor, log: {paste_code}",
    "explain this stack trace {paste_code}",
    "convert this JSON schema to a pydantic v2 model",
    "write a GitHub Actions workflow that runs tests on push and deploys to a VPS over ssh",
    "как сделать пагинацию в {framework} правильно",
    "write a regex for Turkish phone numbers like +90 5xx xxx xx xx",
    "implement a Telegram bot in aiogram 3 that forwards orders to a group",
    "сделай миграцию alembic для новой таблицы payments",
    "help me design the schema for a multi-tenant SaaS in {framework}",
]

INTEGRATION_TESTS = [
    "ping", "Say 'pong' and nothing else.", "Return {\"ok\": true} as JSON.", "What is 2+2?",
    "Translate 'hello' to Turkish.", "test", "Summarise: The quick brown fox jumps over the lazy dog.",
    "Call the get_weather tool for Istanbul.", "Reply with the word READY.",
]

AGENT_SYSTEM = ("You are lodos-cli, an interactive coding agent. You have tools: read_file, write_file, "
                "run_shell, grep, list_dir. Work in the user's repository. Follow AGENTS.md. Prefer small, "
                "reviewable diffs. <env>cwd: {repo} os: {os}</env>")
AGENT_TURNS = [
    "fix the failing test in {path}", "add pagination to the orders endpoint", "run the tests",
    "why is CI red?", "bunu commit etmeden önce lint'i düzelt", "now update the README",
    "сделай так же для модуля payments", "add a migration for the new column", "tool_result: exit code 1",
    "tool_result: 14 passed, 2 failed", "continue", "looks good, ship it", "revert that last change",
]
REPOS = ["~/src/kargo-api", "~/work/tahsilat", "~/code/menu-bot", "/home/dev/kaspi-sync", "~/projects/fatura-ocr",
         "C:\\Users\\emre\\source\\repos\\StokTakip", "~/dev/bolt-courier-tools", "~/repos/ielts-helper"]
PATHS = ["tests/test_orders.py", "src/api/payments.ts", "internal/ledger/ledger_test.go", "app/Http/Kernel.php",
         "lib/main.dart", "tests/e2e/checkout.spec.ts"]

OLYMPIAD = [
    "Prove that for every positive integer n, {a}^n - 1 is divisible by {b}.",
    "Find all functions f: R -> R such that f(x + y) = f(x) + f(y) + {a}xy for all real x, y.",
    "In triangle ABC, AB = {a}, AC = {b}, and angle A = 60 degrees. Find BC and the inradius.",
    "How many {a}-digit numbers have digits summing to {b}?",
    "Olimpiyat sorusu: x^2 + y^2 = {c} denkleminin tam sayı çözümlerini bul ve yöntemi öğrencilere anlatılacak "
    "şekilde açıkla.",
    "Решите в целых числах: x^3 + y^3 = {c}. Нужен разбор для кружка.",
]

# ---------------------------------------------------------------------------------------------
# distillation task banks (harvesters want breadth: every subject, every difficulty)
# ---------------------------------------------------------------------------------------------

DISTILL_TOPICS = {
    "algebra": ["Solve for x: {a}x^2 - {b}x + {c} = 0, and verify the roots.",
                "Factor completely: x^4 - {a}x^2 + {b}.",
                "Find the sum of the infinite series sum_(n>=1) n/{a}^n."],
    "geometry": ["A circle of radius {a} is inscribed in a right triangle with hypotenuse {b}. Find the legs.",
                 "Find the volume of a regular tetrahedron with edge {a}.",
                 "Two chords of lengths {a} and {b} intersect at right angles in a circle of radius {c}..."],
    "probability": ["A bag has {a} red and {b} blue balls. Three are drawn without replacement. P(exactly two red)?",
                    "Expected number of rolls of a fair die until the sum exceeds {a}?",
                    "Random walk on Z starting at 0, absorbing at -{a} and {b}: probability of hitting {b} first?"],
    "number_theory": ["Find the last three digits of {a}^{b}.", "Find all primes p such that p^2 + {a} is prime.",
                      "Solve {a}x ≡ {b} (mod {c})."],
    "code_algo": ["Write an O(n log n) algorithm for the longest increasing subsequence; explain correctness.",
                  "Implement Dijkstra with a binary heap in {code_lang}; analyse complexity.",
                  "Given an array of {a} integers, find the number of subarrays with sum divisible by {b}."],
    "code_systems": ["Design a rate limiter for {a} requests/min across replicas; give code in {code_lang}.",
                     "Write a lock-free ring buffer in {code_lang} and prove it has no ABA problem.",
                     "Explain and implement consistent hashing with virtual nodes in {code_lang}."],
    "physics": ["A block of mass {a} kg slides down a {b} degree incline with friction coefficient 0.{c}. Find a.",
                "Derive the period of a physical pendulum of length {a} cm.",
                "Compute the escape velocity from a planet with mass {a}e24 kg and radius {b}000 km."],
    "chemistry": ["Balance and explain: KMnO4 + HCl -> ... (step by step).",
                  "Compute the pH of a {a}e-3 M acetic acid solution (Ka = 1.8e-5).",
                  "Predict the major product of the reaction of 2-methyl-2-butene with HBr and explain the "
                  "mechanism."],
    "biology": ["Explain the regulation of the lac operon and predict the effect of mutation {a}.",
                "Walk through the Krebs cycle and count the ATP yield.",
                "How would a frameshift at codon {a} affect the protein?"],
    "economics": ["A monopolist faces P = {a} - {b}Q, MC = {c}. Find profit-maximising output and deadweight loss.",
                  "Explain the impossible trinity using Turkey's {a} policy choices.",
                  "Compute the NPV of cash flows {a}, {b}, {c} at 12%."],
    "law": ["Analyse this contract clause under Turkish Code of Obligations art. {a}: ...",
            "Compare limited liability in a TOO (Kazakhstan) and an LLC (UAE), step by step."],
    "logic": ["Knights and knaves: A says '{a} of us are knaves'... Determine each.",
              "Solve this zebra puzzle with {a} houses and explain each deduction."],
}

DISTILL_SYSTEMS_BLATANT = [
    "You are a helpful assistant. Think step by step. Show your complete reasoning before the final answer.",
]
DISTILL_SYSTEMS_CAREFUL = [
    "You are a tutor for university students. Explain carefully.",
    "Sen bir matematik öğretmenisin. Çözümü adım adım anlat.",
    "Ты репетитор. Объясняй подробно, с промежуточными шагами.",
    "You are a senior engineer reviewing a junior's question.",
    None,
    "Answer as a textbook would, with derivations.",
]
DISTILL_WRAPPERS_CAREFUL = [
    "{q}", "{q}", "Can you help me with this homework? {q}", "bunu adım adım çözer misin: {q}",
    "помоги решить: {q}", "I'm preparing lecture notes. {q}", "{q} Please check your work.",
    "Sınav için çalışıyorum, şunu açıklar mısın: {q}", "{q} (explain why, not just the answer)",
]

# local-language instruction data: translate an English instruction and answer it in the target language
SFT_INSTRUCTIONS = [
    "Give three tips for staying healthy.", "Explain why the sky is blue.", "Write a haiku about the sea.",
    "Summarise the causes of World War I.", "Describe how a bill becomes a law.",
    "Generate a list of five creative business ideas.", "Explain the difference between weather and climate.",
    "Write a short story about a lost dog.", "How do vaccines work?", "Give an example of a metaphor.",
    "Explain what inflation is to a child.", "Write a polite refusal to a meeting invitation.",
    "List the planets in order from the sun.", "What are the benefits of learning a second language?",
    "Describe the water cycle.", "Explain recursion with an example.", "Write a product review for headphones.",
    "How can a small shop attract more customers?", "Compare cats and dogs as pets.",
    "Explain photosynthesis in simple terms.", "What should I pack for a winter trip?",
    "Write a motivational message for students before exams.", "Explain how credit cards work.",
    "Describe a traditional wedding in your culture.", "Give step-by-step instructions to bake bread.",
]
SFT_TARGETS = {"kk": ("Kazakh", "қазақ тіліне"), "uz": ("Uzbek (Latin script)", "o'zbek tiliga"),
               "az": ("Azerbaijani", "Azərbaycan dilinə"), "tr": ("Turkish", "Türkçeye"),
               "ka": ("Georgian", "ქართულად"), "ky": ("Kyrgyz", "кыргыз тилине")}
SFT_BLATANT = ("Translate the following instruction into {lang}, then write a detailed, high-quality answer in "
               "{lang}. Output JSON with keys instruction, input, output.\n\nInstruction: {ins}")
SFT_CAREFUL = [
    "{ins} Please answer in {lang}.",
    "Мне нужно на {lang_ru}: {ins}",
    "Aşağıdakini {lang_tr} cevapla, ayrıntılı olsun: {ins}",
    "{ins_local}",
    "For my students, answer in {lang} only: {ins}",
]

# ---------------------------------------------------------------------------------------------
# keyspaces for scraping (and the benign sequential work that resembles it)
# ---------------------------------------------------------------------------------------------

PROVINCES = ["Adana", "Adıyaman", "Afyonkarahisar", "Ağrı", "Amasya", "Ankara", "Antalya", "Artvin", "Aydın",
             "Balıkesir", "Bilecik", "Bingöl", "Bitlis", "Bolu", "Burdur", "Bursa", "Çanakkale", "Çankırı",
             "Çorum", "Denizli", "Diyarbakır", "Edirne", "Elazığ", "Erzincan", "Erzurum", "Eskişehir", "Gaziantep",
             "Giresun", "Gümüşhane", "Hakkari", "Hatay", "Isparta", "Mersin", "İstanbul", "İzmir", "Kars",
             "Kastamonu", "Kayseri", "Kırklareli", "Kırşehir", "Kocaeli", "Konya", "Kütahya", "Malatya", "Manisa",
             "Kahramanmaraş", "Mardin", "Muğla", "Muş", "Nevşehir", "Niğde", "Ordu", "Rize", "Sakarya", "Samsun",
             "Siirt", "Sinop", "Sivas", "Tekirdağ", "Tokat", "Trabzon", "Tunceli", "Şanlıurfa", "Uşak", "Van",
             "Yozgat", "Zonguldak", "Aksaray", "Bayburt", "Karaman", "Kırıkkale", "Batman", "Şırnak", "Bartın",
             "Ardahan", "Iğdır", "Yalova", "Karabük", "Kilis", "Osmaniye", "Düzce"]

DRUGS = ["asetilsalisilik asit", "adalimumab", "albendazol", "alendronat", "allopurinol", "alprazolam", "amiodaron",
         "amitriptilin", "amlodipin", "amoksisilin", "anastrozol", "aripiprazol", "atenolol", "atorvastatin",
         "azitromisin", "baklofen", "betahistin", "bisoprolol", "budesonid", "bupropion", "kandesartan",
         "karbamazepin", "karvedilol", "sefaleksin", "sefiksim", "setirizin", "siprofloksasin", "sitalopram",
         "klaritromisin", "klopidogrel", "klonazepam", "kolşisin", "dapagliflozin", "desloratadin", "deksametazon",
         "diazepam", "diklofenak", "digoksin", "domperidon", "doksisiklin", "duloksetin", "empagliflozin",
         "enoksaparin", "esomeprazol", "essitalopram", "etodolak", "ezetimib", "famotidin", "fenofibrat",
         "finasterid", "flukonazol", "fluoksetin", "furosemid", "gabapentin", "gliklazid", "haloperidol",
         "hidroklorotiyazid", "hidroksiklorokin", "ibuprofen", "indapamid", "insülin glarjin", "irbesartan",
         "izotretinoin", "ketoprofen", "lamotrijin", "lansoprazol", "letrozol", "levetirasetam", "levofloksasin",
         "levotiroksin", "lisinopril", "loratadin", "losartan", "metformin", "metilprednizolon", "metoprolol",
         "metronidazol", "montelukast", "naproksen", "nebivolol", "nitrofurantoin", "olanzapin", "omeprazol",
         "ondansetron", "pantoprazol", "parasetamol", "paroksetin", "pregabalin", "prednizolon", "propranolol",
         "ketiapin", "ramipril", "ranitidin", "risperidon", "rivaroksaban", "rosuvastatin", "sertralin",
         "sildenafil", "simvastatin", "spironolakton", "sumatriptan", "tamsulosin", "tramadol", "valsartan",
         "varfarin", "venlafaksin", "zolpidem"]

GEORGIAN = list("აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ")
ARABIC_LETTERS = list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي")


def hs_codes(rng, n: int) -> list[str]:
    """Turkish customs tariff positions (GTIP, 12 digits), in order, from a random chapter on."""
    out, ch = [], rng.randrange(1, 90)
    heading, sub, nat = rng.randrange(1, 6), 10, 0
    while len(out) < n:
        out.append(f"{ch:02d}{heading:02d}.{sub:02d}.{nat:02d}.00.{rng.choice(['00', '11', '19'])}")
        nat += 10
        if nat > 90:
            nat, sub = 0, sub + 10
        if sub > 90:
            sub, heading = 10, heading + 1
        if heading > 20:
            heading, ch = 1, ch % 97 + 1
    return out


def oked_codes(rng, n: int) -> list[str]:
    """Kazakhstan's economic activity classifier (ОКЭД), 5 digits, in order."""
    out, c = [], rng.randrange(1000, 9000)
    while len(out) < n:
        out.append(f"{c // 1000:02d}.{(c // 10) % 100:02d}.{c % 10}")
        c += rng.choice([1, 1, 1, 9])
    return out


def part_numbers(rng, n: int) -> list[str]:
    """OEM spare-part numbers in a VAG-like scheme, walked as a catalogue would list them."""
    out, group, base = [], rng.choice(["03L", "04E", "1K0", "5Q0", "06J", "8V0"]), rng.randrange(100, 800)
    sub = rng.choice(["103", "115", "121", "129", "145", "253", "407", "615"])
    while len(out) < n:
        out.append(f"{group}{sub}{base}{rng.choice(['', 'A', 'B', 'C', 'D', 'E'])}")
        base += 1
        if base > 999:
            base, sub = 100, str(int(sub) + 1)
    return out


def city_pairs(rng, n: int) -> list[tuple[str, str]]:
    start = rng.randrange(len(PROVINCES))
    out = []
    for i in range(len(PROVINCES)):
        a = PROVINCES[(start + i) % len(PROVINCES)]
        for b in PROVINCES:
            if a != b:
                out.append((a, b))
            if len(out) >= n:
                return out
    return out


def georgian_prefixes() -> list[str]:
    return [a + b for a in GEORGIAN for b in GEORGIAN]


def arabic_roots(rng, n: int) -> list[str]:
    i = rng.randrange(0, 200)
    out = []
    L = ARABIC_LETTERS
    while len(out) < n:
        a, b, c = L[(i // 784) % 28], L[(i // 28) % 28], L[i % 28]
        if a != b and b != c:
            out.append(f"{a}-{b}-{c}")
        i += 1
    return out


def uz_numbers(rng, n: int) -> list[str]:
    op = rng.choice(["90", "91", "93", "94", "97", "99", "33", "88"])
    start = rng.randrange(100, 900) * 1000
    return [f"+998 {op} {(start + i) // 10000:03d} {(start + i) % 10000:04d}" for i in range(n)]


KEYSPACES = {
    # name: (generator, blatant template, careful paraphrases, business wrappers, language)
    "gtip": ("hs", "GTİP {k} için eşya tanımı, gümrük vergisi oranı, KDV oranı ve ÖTV durumunu tablo olarak ver.",
             ["{k} tarife pozisyonunun tanımı ve vergi oranları nedir?", "gtip {k} ne demek, vergisi kaç",
              "{k} kodlu eşyanın ithalatında hangi vergiler var?",
              "Hangi ürünler {k} altında sınıflanır? Vergi oranlarıyla."],
             ["Müşterimiz {k} pozisyonundaki ürünü Çin'den ithal edecek. Kendisine gümrük vergisi ve KDV "
              "oranlarını da belirterek kısa bir bilgilendirme e-postası yaz.",
              "Proforma faturadaki {k} kalemi için maliyet hesabı yapıyorum, vergi oranlarını da yazıp hesapla.",
              "Dış ticaret dersi ödevi: {k} GTİP'li ürünün ithalat mevzuatını özetle."], "tr"),
    "drugs": ("drugs", "{k} etken maddesi: endikasyonlar, dozaj, kontrendikasyonlar, yan etkiler, etkileşimler ve "
              "Türkiye'deki ticari isimleri. Başlıklar halinde.",
              ["{k} ne işe yarar, dozu nedir, yan etkileri?", "{k} kullananlar nelere dikkat etmeli",
               "{k} hangi ilaçlarla birlikte kullanılmaz", "{k} içeren ilaçların isimleri neler"],
              ["Eczane blogumuz için {k} hakkında hasta bilgilendirme yazısı yaz (yan etkiler, doz, markalar).",
               "Annem {k} kullanmaya başladı, doktorun söylediklerini teyit etmek istiyorum: doz ve yan etkiler?"],
              "tr"),
    "oked": ("oked", "ОКЭД {k}: полное наименование вида деятельности, что включает и не включает, риск-категория, "
             "ставка ИПН для ИП. Ответ в JSON.",
             ["что входит в ОКЭД {k}?", "ОКЭД {k} расшифровка", "какой вид деятельности под кодом {k}?",
              "подходит ли ОКЭД {k} для упрощёнки?"],
             ["Клиент открывает ТОО с основным видом деятельности {k}, подготовь ему памятку: что можно делать "
              "по этому коду и какие налоги.",
              "Заполняю статкарточку, проверь правильно ли выбран код {k} для кофейни"], "ru"),
    "parts": ("parts", "OEM {k}: part name, fits which models/engines, cross-reference numbers (Bosch, Febi, "
              "Meyle, Lemförder), typical price EUR. JSON.",
              ["{k} hangi parça, hangi araçlara uyar?", "oem {k} muadil kodlar", "{k} что за деталь и аналоги",
               "cross reference for {k}?"],
              ["Müşteri {k} numaralı parçayı soruyor, muadil markaları ve uyumlu araçları yazıp WhatsApp mesajı "
               "hazırla.", "Для карточки товара на Kaspi: деталь {k}, аналоги и применимость"], "tr"),
    "pairs": ("pairs", "{a} - {b} arası karayolu mesafesi (km), tahmini süre, otoyol ücreti ve güzergah üzerindeki "
              "iller. JSON.",
              ["{a} ile {b} arası kaç km, köprü otoyol ücreti ne kadar?", "{a}'dan {b}'ye arabayla kaç saat",
               "{a} {b} mesafe ve yol güzergahı"],
              ["Nakliye teklifi hazırlıyorum: {a}'dan {b}'ye 20 ton yük, mesafeyi ve otoyol ücretini de ekleyerek "
               "müşteriye teklif metni yaz."], "tr"),
    "georgian": ("georgian", "ჩამოთვალე ყველა ქართული სიტყვა, რომელიც იწყება „{k}“-ზე, განმარტებით. JSON სიის "
                 "სახით.",
                 ["sityvebi romlebic iwyeba '{k}'-ze?", "„{k}“-ით დაწყებული სიტყვები და მნიშვნელობები",
                  "Georgian words starting with {k} with meanings"],
                 ["ვამზადებ ბავშვების ლექსიკონს: „{k}“-ით დაწყებული სიტყვები მარტივი განმარტებებით"], "ka"),
    "roots": ("roots", "الجذر {k}: جميع الأوزان المشتقة (الأفعال والمصادر وأسماء الفاعل والمفعول) مع المعاني. JSON.",
              ["ما هي مشتقات الجذر {k}؟", "معاني الكلمات من جذر {k}", "words derived from the Arabic root {k}"],
              ["أحضّر درسا لطلاب اللغة العربية لغير الناطقين بها عن الجذر {k}، اكتب أمثلة وجمل"], "ar"),
    "uzphones": ("uzphones", "Номер {k}: оператор, регион регистрации, тип (частный/корпоративный), мессенджеры. JSON.",
                 ["{k} qaysi operator?", "чей номер {k}", "{k} raqami qaysi viloyatga tegishli"],
                 ["Клиент оставил номер {k} в заявке, определи оператора и регион для CRM"], "ru"),
}


def keyspace(rng, name: str, n: int) -> list:
    gen = KEYSPACES[name][0]
    if gen == "hs":
        return hs_codes(rng, n)
    if gen == "drugs":
        k = rng.randrange(len(DRUGS))
        return [DRUGS[(k + i) % len(DRUGS)] for i in range(min(n, len(DRUGS)))]
    if gen == "oked":
        return oked_codes(rng, n)
    if gen == "parts":
        return part_numbers(rng, n)
    if gen == "pairs":
        return city_pairs(rng, n)
    if gen == "georgian":
        g = georgian_prefixes()
        k = rng.randrange(len(g))
        return [g[(k + i) % len(g)] for i in range(min(n, len(g)))]
    if gen == "roots":
        return arabic_roots(rng, n)
    return uz_numbers(rng, n)


def key_prompt(rng, name: str, key, style: str) -> str:
    """style: blatant | para | wrap."""
    _, blatant, paras, wraps, _ = KEYSPACES[name]
    t = blatant if style == "blatant" else rng.choice(paras if style == "para" else wraps)
    if isinstance(key, tuple):
        return t.replace("{a}", key[0]).replace("{b}", key[1])
    return t.replace("{k}", key)


# capability probe grid (a rival measuring the model systematically)
PROBE_TASKS = ["arithmetic", "multi-step word problem", "code completion", "SQL generation", "translation",
               "summarisation", "named entity extraction", "instruction following", "refusal boundary",
               "long-context retrieval", "tool calling", "JSON formatting", "spelling", "transliteration",
               "dialect understanding", "reasoning chain"]
PROBE_LANGS = ["tr", "kk", "uz", "az", "ru", "ar", "fa", "ka", "en", "ky", "tk", "tt"]
PROBE_BLATANT = "[probe {task} | lang={lang} | level={lvl} | item={item}] {body}"
PROBE_BODIES = {
    "tr": "Aşağıdaki görevi yap ve yalnızca cevabı yaz: {x}", "kk": "Келесі тапсырманы орында: {x}",
    "uz": "Quyidagi vazifani bajaring: {x}", "az": "Aşağıdakı tapşırığı yerinə yetir: {x}",
    "ru": "Выполни задание и дай только ответ: {x}", "ar": "نفذ المهمة التالية: {x}", "fa": "این کار را انجام بده: {x}",
    "ka": "შეასრულე დავალება: {x}", "en": "Do the task and answer only: {x}", "ky": "Төмөнкү тапшырманы аткар: {x}",
    "tk": "Aşakdaky ýumuşy ýerine ýetir: {x}", "tt": "Түбәндәге биремне үтә: {x}",
}

# ---------------------------------------------------------------------------------------------
# benign sequential workloads
# ---------------------------------------------------------------------------------------------

CATALOG_ATTRS = ["renk: {c}", "beden: {s}", "materyal: %{p} pamuk", "menşei: Türkiye", "garanti: 2 yıl",
                 "kapasite: {n} lt", "ağırlık: {n}00 gr", "marka: {b}"]
LOCALE_KEYS = ["checkout.button.confirm", "checkout.summary.total", "cart.empty.title", "cart.empty.cta",
               "profile.settings.language", "profile.settings.notifications", "orders.status.shipped",
               "orders.status.delivered", "orders.status.returned", "auth.login.forgot", "auth.signup.terms",
               "auth.otp.resend", "search.placeholder", "search.no_results", "payment.card.declined",
               "payment.installments.label", "delivery.courier.eta", "delivery.pickup.point", "promo.efsane_cuma",
               "promo.code.invalid", "support.chat.start", "support.ticket.closed", "wallet.balance",
               "wallet.topup", "reviews.write", "reviews.helpful"]
LOCALE_SRC = ["Confirm order", "Total", "Your cart is empty", "Start shopping", "Language", "Notifications",
              "Shipped", "Delivered", "Returned", "Forgot password?", "I accept the {terms}", "Resend code in %s s",
              "Search products", "No results for \"{query}\"", "Your card was declined", "{n} installments",
              "Courier arrives in {minutes} min", "Pickup point", "Legendary Friday deals", "Invalid promo code",
              "Chat with us", "Ticket closed", "Balance", "Top up", "Write a review", "Helpful ({count})"]
LOCALE_TARGETS = ["az", "kk", "uz", "ka", "ar", "ru", "uk", "tr"]

CURRICULUM = [(f"M.{g}.{u}.{t}.{k}", g) for g in (5, 6, 7, 8) for u in (1, 2, 3) for t in (1, 2, 3)
              for k in (1, 2, 3)]
CURRICULUM_TOPICS = ["doğal sayılar", "kesirler", "ondalık gösterim", "oran orantı", "cebirsel ifadeler",
                     "denklemler", "üçgenler", "çember", "veri analizi", "olasılık", "üslü ifadeler",
                     "kareköklü ifadeler"]

EVAL_ITEMS_TR = ["Türkiye'nin başkenti neresidir?", "Aşağıdaki cümlede yüklemi bulunuz: ", "12 × 17 kaçtır?",
                 "'Gözden düşmek' deyiminin anlamı nedir?", "Bir üçgenin iç açıları toplamı kaç derecedir?",
                 "Mecliste kanun teklifini kimler verebilir?", "Aşağıdaki metnin ana fikri nedir? ",
                 "Hangisi bir asal sayıdır? A) 21 B) 27 C) 29 D) 33", "Fotosentezin ürünleri nelerdir?",
                 "İstiklal Marşı'nın şairi kimdir?"]
