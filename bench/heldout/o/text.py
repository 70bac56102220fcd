"""Prompt text: five languages, width variants, task banks, keyspaces and paraphrase."""

# Full-width punctuation (：？（）、，) is how Japanese and Chinese are written, not a typo.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import random

LANGS = ("ja", "zh", "vi", "tl", "en")

# ---------------------------------------------------------------- width variants (日本語入力の癖)

_FULL_KATA = (
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロ"
    "ワヲンァィゥェォッャュョー。「」、・"
)
_HALF_KATA = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｯｬｭｮｰ｡｢｣､･"
_HANKAKU = {ord(f): h for f, h in zip(_FULL_KATA, _HALF_KATA, strict=True)}
for _f, _b in zip("ガギグゲゴザジズゼゾダヂヅデドバビブベボ", "カキクケコサシスセソタチツテトハヒフヘホ", strict=True):
    _HANKAKU[ord(_f)] = _HANKAKU[ord(_b)] + "ﾞ"
for _f, _b in zip("パピプペポ", "ハヒフヘホ", strict=True):
    _HANKAKU[ord(_f)] = _HANKAKU[ord(_b)] + "ﾟ"
_HANKAKU[ord("ヴ")] = "ｳﾞ"
_ZENKAKU = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}
_ZENKAKU[0x20] = 0x3000


def hankaku_kana(text: str) -> str:
    return text.translate(_HANKAKU)


def zenkaku_ascii(text: str) -> str:
    return text.translate(_ZENKAKU)


def stylize(text: str, style: str | None) -> str:
    """A user's typing habit: half-width katakana (old phones, some IMEs), full-width alphanumerics."""
    if style == "hankaku":
        return hankaku_kana(text)
    if style == "zenkaku":
        return zenkaku_ascii(text)
    return text


# ---------------------------------------------------------------- slot banks

PLANG = [
    "Python",
    "JavaScript",
    "TypeScript",
    "Go",
    "Rust",
    "Java",
    "C#",
    "Kotlin",
    "Swift",
    "PHP",
    "SQL",
    "Ruby",
    "Dart",
    "C++",
    "Bash",
    "VBA",
]
FRAMEWORK = [
    "Django",
    "FastAPI",
    "React",
    "Next.js",
    "Vue 3",
    "Spring Boot",
    "Laravel",
    "Flutter",
    "pandas",
    "PyTorch",
    "Unity",
    "Rails",
    "Express",
    "SwiftUI",
    "Jetpack Compose",
    "Terraform",
    "Kubernetes",
]
ERRORS = [
    "TypeError: 'NoneType' object is not subscriptable",
    "ModuleNotFoundError: No module named 'pandas'",
    "Access to fetch at 'http://localhost:8000/api' has been blocked by CORS policy",
    "segmentation fault (core dumped)",
    "java.lang.NullPointerException at com.example.App.main(App.java:42)",
    "UnicodeDecodeError: 'utf-8' codec can't decode byte 0x82 in position 0",
    "ERROR 1045 (28000): Access denied",
    "Hydration failed because the initial UI does not match what was rendered on the server",
    "panic: runtime error: index out of range [3] with length 3",
    "error[E0382]: borrow of moved value: `v`",
    "KeyError: 'date'",
    "RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB",
    "fatal: refusing to merge unrelated histories",
    "Cannot read properties of undefined (reading 'map')",
    "SSL: CERTIFICATE_VERIFY_FAILED",
    "ValueError: could not convert string to float: '1,200'",
]
TASK = {
    "en": [
        "parse a CSV file and group rows by date",
        "retry an HTTP request with exponential backoff",
        "read a large JSON file lazily",
        "validate a Japanese postal code",
        "paginate a SQL query",
        "upload a file to S3 with a presigned URL",
        "debounce a search input",
        "sort a list of dicts by two keys",
        "schedule a job every 5 minutes",
        "compute a 7-day moving average",
        "resize all images in a folder",
        "implement an LRU cache",
        "deduplicate customer records by fuzzy name match",
        "stream a file download",
        "write a unit test for a date parser",
        "add dark mode to my settings page",
    ],
    "ja": [
        "CSVを読み込んで日付ごとに集計",
        "HTTPリクエストを指数バックオフでリトライ",
        "郵便番号のバリデーション",
        "全角英数字を半角に変換",
        "Excelの複数シートを1つに結合",
        "ログファイルからERROR行だけ抽出",
        "画像を一括でリサイズ",
        "Slackに通知を送信",
        "PDFからテキストを抽出",
        "和暦を西暦に変換",
        "祝日を考慮して営業日を計算",
        "LINE Botの返信処理を実装",
        "フォームの入力チェック",
        "スプレッドシートの重複行を削除",
    ],
    "zh": [
        "讀取CSV並依日期分組統計",
        "爬取網頁表格存成Excel",
        "把簡體字轉成繁體字",
        "檢查統一發票是否中獎",
        "用正規表示式驗證身分證字號",
        "串接LINE通知",
        "批次重新命名資料夾內的檔案",
        "實作登入驗證與JWT",
        "計算兩個日期之間的工作天數",
        "把資料庫查詢結果匯出成PDF",
    ],
    "vi": [
        "đọc file Excel và tính tổng theo tháng",
        "gửi email tự động hàng ngày",
        "kết nối MySQL và truy vấn dữ liệu",
        "viết API đăng nhập bằng JWT",
        "xử lý chuỗi tiếng Việt có dấu",
        "tạo chatbot trả lời khách hàng",
        "phân trang dữ liệu",
        "đổi ngày âm lịch sang dương lịch",
        "tích hợp thanh toán VNPay",
        "xuất báo cáo ra PDF",
    ],
    "tl": [
        "mag-connect sa MySQL database",
        "gumawa ng login page",
        "i-compute yung payroll ng employees",
        "mag-send ng SMS notification",
        "mag-parse ng JSON galing sa API",
        "gumawa ng simple inventory system",
        "i-deploy yung app sa VPS",
        "mag-generate ng PDF na resibo",
        "i-validate yung form inputs",
    ],
}
CONCEPT = {
    "ja": [
        "ベイズ推定",
        "円安の影響",
        "新NISAの仕組み",
        "量子コンピュータ",
        "相対性理論",
        "ふるさと納税",
        "インボイス制度",
        "機械学習の過学習",
        "光合成",
        "消滅時効",
        "年末調整",
        "コンテナとイメージの違い",
        "日銀の利上げ",
        "半導体の微細化",
    ],
    "zh": [
        "通貨膨脹",
        "區塊鏈",
        "勞健保",
        "量子糾纏",
        "機器學習",
        "綜合所得稅申報",
        "ETF",
        "光合作用",
        "半導體製程",
        "央行升息",
    ],
    "vi": [
        "lạm phát",
        "trí tuệ nhân tạo",
        "thuế thu nhập cá nhân",
        "chứng khoán phái sinh",
        "biến đổi khí hậu",
        "blockchain",
        "quang hợp",
        "lãi suất kép",
    ],
    "tl": [
        "inflation",
        "compound interest",
        "machine learning",
        "photosynthesis",
        "SSS contributions",
        "Pag-IBIG loan",
        "blockchain",
        "climate change",
        "13th month pay computation",
    ],
    "en": [
        "Bayesian inference",
        "the yen carry trade",
        "quantum entanglement",
        "gradient descent",
        "photosynthesis",
        "compound interest",
        "zero-knowledge proofs",
        "CAP theorem",
        "the Monty Hall problem",
        "how vaccines train the immune system",
        "transformers in NLP",
    ],
}
CITY = {
    "ja": ["札幌", "仙台", "金沢", "京都", "大阪", "広島", "福岡", "那覇", "箱根", "軽井沢", "日光", "松本", "高松"],
    "zh": ["東京", "大阪", "京都", "北海道", "沖繩", "花蓮", "台南", "墾丁", "首爾", "峴港"],
    "vi": ["Đà Lạt", "Hội An", "Sa Pa", "Phú Quốc", "Huế", "Nha Trang", "Tokyo", "Osaka"],
    "tl": ["Baguio", "Siargao", "Palawan", "Cebu", "Bohol", "Tokyo", "Osaka", "Taipei"],
    "en": ["Tokyo", "Kyoto", "Taipei", "Hanoi", "Cebu", "Osaka", "Hokkaido"],
}
SEASONAL = {
    "ja": [
        "紅葉",
        "忘年会",
        "年賀状",
        "ブラックフライデー",
        "年末調整",
        "お歳暮",
        "冬のボーナス",
        "クリスマスケーキの予約",
    ],
    "zh": ["雙11", "尾牙", "年終獎金", "聖誕節交換禮物", "跨年", "黑色星期五"],
    "vi": ["Black Friday", "Tết sắp tới", "lương tháng 13", "Giáng sinh", "Ngày Nhà giáo 20/11"],
    "tl": ["Christmas party", "13th month pay", "Simbang Gabi", "Noche Buena", "Black Friday sale"],
    "en": ["Black Friday", "year-end review", "holiday party", "Q4 planning"],
}
PURPOSE = {
    "ja": [
        "お詫び",
        "日程調整",
        "お礼",
        "見積もり依頼",
        "納期遅延のご連絡",
        "忘年会のご案内",
        "退職のご挨拶",
        "請求書送付",
    ],
    "zh": ["道歉", "會議時間確認", "感謝", "報價請求", "延遲出貨通知", "尾牙邀請"],
    "vi": ["xin lỗi khách hàng", "xác nhận lịch họp", "cảm ơn đối tác", "yêu cầu báo giá", "thông báo giao hàng trễ"],
    "tl": ["pag-apologize sa client", "pag-follow up ng payment", "pag-resign", "leave request", "meeting invite"],
    "en": ["apologising for a delay", "following up on an invoice", "scheduling a meeting", "a polite refusal"],
}
FOOD = {
    "ja": ["鶏むね肉", "大根", "白菜", "豆腐", "さば缶", "きのこ", "豚バラ", "卵"],
    "zh": ["雞胸肉", "高麗菜", "豆腐", "地瓜", "鮭魚"],
    "vi": ["thịt heo", "cá hồi", "đậu phụ", "rau muống"],
    "tl": ["manok", "baboy", "tilapia", "kangkong"],
    "en": ["chicken thighs", "tofu", "leftover rice"],
}


BLUNT_JA = ["明日は無理です", "資料まだですか", "その件は聞いてません"]


def _num(rng: random.Random) -> int:
    return rng.choice([2, 3, 3, 4, 5, 5, 7, 10])


def code_snippet(rng: random.Random) -> str:
    name = rng.choice(["calc_total", "load_users", "parse_row", "fetch_items", "handler", "main", "update_stock"])
    var = rng.choice(["items", "rows", "data", "records", "orders", "users"])
    body = rng.choice(
        [
            f"def {name}({var}):\n    total = 0\n    for x in {var}:\n        total += x['price'] * x['qty']\n"
            f"    return total\n",
            f"async function {name}(id) {{\n  const res = await fetch(`/api/{var}/${{id}}`);\n"
            "  const json = res.json();\n"
            f"  return json.{var}.map(r => r.name);\n}}\n",
            "SELECT u.id, COUNT(o.id)\nFROM users u LEFT JOIN orders o ON o.user_id = u.id\n"
            "WHERE o.created_at > '2026-11-01'\nGROUP BY u.id;\n",
            f"func {name}({var} []string) map[string]int {{\n\tm := map[string]int{{}}\n\tfor _, s := range {var} {{\n"
            f"\t\tm[s]++\n\t}}\n\treturn m\n}}\n",
        ]
    )
    return body


# ---------------------------------------------------------------- benign prompts by kind and language


def benign_prompt(rng: random.Random, lang: str, kind: str) -> str:
    c = rng.choice
    if lang == "ja":
        if kind == "code":
            return c(
                [
                    f"{c(PLANG)}で{c(TASK['ja'])}するコードを書いてください。",
                    f"このエラーの原因がわかりません。\n{c(ERRORS)}\n{c(FRAMEWORK)}を使っています。",
                    f"{c(FRAMEWORK)}で{c(TASK['ja'])}したいのですが、どう書くのがベストプラクティスですか？",
                    f"以下のコードをリファクタリングして、テストも書いてほしい\n```\n{code_snippet(rng)}```",
                    f"{c(PLANG)}と{c(PLANG)}、{c(TASK['ja'])}ならどっちが向いてる？",
                    f"このコードレビューして。気になる点を箇条書きで\n{code_snippet(rng)}",
                ]
            )
        if kind == "work":
            return c(
                [
                    f"取引先への{c(PURPOSE['ja'])}のメールを敬語で書いてく"
                    f"ださい。相手は{c(['部長', '課長', '担当者様'])}です。",
                    f"{c(SEASONAL['ja'])}について社内向けの案内文を作って。{_num(rng)}行くらいで",
                    f"次の会議メモを要約して、決定事項とTODOに分けてください。\n"
                    f"・{c(['新商品', '予算', '採用', 'システム移行'])}の件"
                    f"、{c(['来月', '年明け', '12月中旬'])}までに方針決定\n"
                    f"・{c(['山田', '佐藤', '鈴木'])}さんが見積もり取得\n・次回は{c(['水曜', '金曜'])}",
                    f"{c(['企画書', '提案書', '報告書', '稟議書'])}の構"
                    f"成案を考えてください。テーマは{c(CONCEPT['ja'])}です",
                    f"この文章をもっと丁寧な表現に直して：「{c(BLUNT_JA)}」",
                ]
            )
        if kind == "life":
            return c(
                [
                    f"{c(CITY['ja'])}で{c(['週末', '12月', '年末年始'])}におすすめの観光スポットを教えて",
                    f"{c(FOOD['ja'])}を使った簡単な晩ごはんのレシピある？{c(['', '15分以内で', '子ども向けに'])}",
                    f"{c(SEASONAL['ja'])}の準備、何から始めればいい？",
                    f"子どもの算数の宿題で「{rng.randint(12, 99)}×{rng.randint(3, 9)}」の筆算をどう教えればいいですか",
                    f"{c(['犬', '猫', 'インコ'])}が最近{c(['食欲がない', '夜鳴きする', '元気がない'])}。"
                    "考えられる原因は？",
                    f"{c(CONCEPT['ja'])}ってなに？わかりやすく",
                ]
            )
        if kind == "study":
            return c(
                [
                    f"{c(['基本情報技術者試験', 'TOEIC', '日商簿記2級', '英検準1級', '共通テスト'])}の"
                    "勉強計画を立ててください。"
                    f"残り{rng.randint(1, 6)}ヶ月です",
                    f"{c(CONCEPT['ja'])}について、大学1年生にもわかるように説明して",
                    f"レポートのテーマ「{c(CONCEPT['ja'])}と社会」で、序論の書き出しの例をください",
                    f"この英文を自然な日本語に訳して：{c(ENGLISH_SENTENCES)}",
                ]
            )
        return c(
            [
                f"「{c(['冬の朝', '終電', '紅葉', '猫'])}」をテーマに短い詩を書いて",
                f"{c(['ブログ', 'note', 'インスタ'])}の投稿文を考えて。内容は{c(SEASONAL['ja'])}",
            ]
        )
    if lang == "zh":
        if kind == "code":
            return c(
                [
                    f"請用{c(PLANG)}寫一個{c(TASK['zh'])}的程式",
                    f"這段程式碼為什麼會出錯？\n{c(ERRORS)}",
                    f"{c(FRAMEWORK)}要怎麼{c(TASK['zh'])}？請給範例",
                    f"幫我review這段code\n{code_snippet(rng)}",
                ]
            )
        if kind == "work":
            return c(
                [
                    f"幫我寫一封給客戶的{c(PURPOSE['zh'])}信，語氣正式一點",
                    f"請把這段會議紀錄整理成重點：{c(SEASONAL['zh'])}活動預算與分工",
                    f"幫我把這段文字翻成日文：「{c(ZH_SENTENCES)}」",
                    f"{c(SEASONAL['zh'])}的企劃書大綱可以怎麼寫？",
                ]
            )
        if kind == "life":
            return c(
                [
                    f"我想去{c(CITY['zh'])}玩{rng.randint(3, 7)}天，請幫我規劃行程",
                    f"用{c(FOOD['zh'])}可以做什麼簡單的料理？",
                    f"請解釋{c(CONCEPT['zh'])}是什麼，最好舉例說明",
                    f"{c(SEASONAL['zh'])}送什麼禮物比較好？預算{rng.randint(3, 20)}00元",
                ]
            )
        return c(
            [
                f"請用淺顯的方式解釋{c(CONCEPT['zh'])}",
                f"幫我出{_num(rng)}題{c(['國中數學', '英文文法', '歷史'])}練習題",
                f"這句英文是什麼意思：{c(ENGLISH_SENTENCES)}",
            ]
        )
    if lang == "vi":
        if kind == "code":
            return c(
                [
                    f"Viết giúp mình đoạn code {c(PLANG)} để {c(TASK['vi'])}",
                    f"Mình bị lỗi này khi chạy {c(FRAMEWORK)}: {c(ERRORS)}, sửa thế nào ạ?",
                    f"Review giúp em đoạn code này với\n{code_snippet(rng)}",
                ]
            )
        if kind == "work":
            return c(
                [
                    f"Soạn giúp mình email {c(PURPOSE['vi'])}, giọng văn lịch sự",
                    f"Tóm tắt giúp mình nội dung cuộc họp về {c(SEASONAL['vi'])} thành các ý chính",
                    f"Dịch đoạn này sang tiếng Anh: {c(VI_SENTENCES)}",
                ]
            )
        return c(
            [
                f"Giải thích {c(CONCEPT['vi'])} một cách dễ hiểu",
                f"Gợi ý lịch trình du lịch {c(CITY['vi'])} {rng.randint(2, 5)} ngày",
                f"Nấu món gì ngon với {c(FOOD['vi'])}?",
                f"Chuẩn bị gì cho {c(SEASONAL['vi'])} ạ?",
            ]
        )
    if lang == "tl":
        if kind == "code":
            return c(
                [
                    f"Pa-help naman, paano {c(TASK['tl'])} sa {c(PLANG)}?",
                    f"May error ako sa code ko: {c(ERRORS)}. Ano kaya problema?",
                    f"Pwede mo bang i-check tong code ko, hindi gumagana\n{code_snippet(rng)}",
                ]
            )
        if kind == "work":
            return c(
                [
                    f"Gawan mo ako ng email para sa {c(PURPOSE['tl'])}, formal pero friendly",
                    f"Pwede mo bang i-summarize ito para sa report ko: {c(SEASONAL['tl'])} planning ng team",
                    f"Paki-translate sa English: {c(TL_SENTENCES)}",
                ]
            )
        return c(
            [
                f"Ano ang ibig sabihin ng {c(CONCEPT['tl'])}? Explain mo in simple terms",
                f"Ano magandang gawin sa {c(CITY['tl'])} for {rng.randint(2, 5)} days?",
                f"Ano pwedeng lutuin sa {c(FOOD['tl'])}? Yung madali lang",
                f"Tips para sa {c(SEASONAL['tl'])}?",
            ]
        )
    # en
    if kind == "code":
        return c(
            [
                f"How do I {c(TASK['en'])} in {c(PLANG)}?",
                f"Fix this error: {c(ERRORS)}",
                f"What's the idiomatic way to {c(TASK['en'])} with {c(FRAMEWORK)}?",
                f"Refactor this and explain the changes:\n{code_snippet(rng)}",
            ]
        )
    if kind == "work":
        return c(
            [
                f"Write an email {c(PURPOSE['en'])}. Keep it short.",
                f"Draft an agenda for our {c(SEASONAL['en'])}",
                f"Rewrite this to sound more professional: {c(ENGLISH_SENTENCES)}",
            ]
        )
    return c(
        [
            f"Explain {c(CONCEPT['en'])} like I'm a beginner",
            f"Plan a {rng.randint(3, 6)}-day trip to {c(CITY['en'])}",
            f"What can I cook with {c(FOOD['en'])}?",
        ]
    )


FOLLOWUP = {
    "ja": [
        "ありがとう！もう少し短くできますか？",
        "それを表にまとめて",
        "もっとカジュアルな感じで",
        "具体例をもう一つください",
        "英語版もお願いします",
        "エラーが変わりました。\n{error}",
        "なるほど、じゃあ{concept}の場合は？",
        "もう少し詳しく",
        "箇条書きにして",
        "ありがとうございます、助かりました",
        "さっきのコード、{lang}で書き直して",
    ],
    "zh": [
        "謝謝！可以再精簡一點嗎？",
        "可以整理成表格嗎",
        "再給我一個例子",
        "還是有錯：{error}",
        "改成比較口語的說法",
        "用{lang}重寫",
    ],
    "vi": [
        "Cảm ơn! Ngắn gọn hơn được không?",
        "Cho mình thêm ví dụ",
        "Vẫn lỗi: {error}",
        "Viết lại bằng {lang} giúp mình",
    ],
    "tl": [
        "Salamat! Pwede mas maikli?",
        "May error pa rin: {error}",
        "Pwede sa Tagalog naman?",
        "Bigyan mo ako ng example",
        "Gawin mong bullet points",
    ],
    "en": [
        "Thanks! Can you make it shorter?",
        "Still failing: {error}",
        "Can you add comments?",
        "Give me another example",
        "Now do it in {lang}",
    ],
}


def followup(rng: random.Random, lang: str) -> str:
    t = rng.choice(FOLLOWUP[lang])
    return t.format(
        error=rng.choice(ERRORS), concept=rng.choice(CONCEPT.get(lang, CONCEPT["en"])), lang=rng.choice(PLANG)
    )


ENGLISH_SENTENCES = [
    "We regret to inform you that the shipment has been delayed due to unforeseen circumstances.",
    "Please find attached the revised quotation for your review.",
    "The meeting has been moved to Thursday at 3 pm.",
    "Our quarterly revenue grew 12% year over year, driven by strong demand in Southeast Asia.",
    "Kindly confirm receipt of this email at your earliest convenience.",
    "The device must be charged for at least two hours before first use.",
    "I think we should circle back on this after the holidays.",
]
ZH_SENTENCES = [
    "本公司將於十二月起調整運費計算方式，敬請見諒。",
    "感謝您長期以來的支持與愛護。",
    "產品保固期間為一年，人為損壞不在保固範圍內。",
    "請於本月底前完成年度健康檢查。",
    "會議改至下週三下午兩點舉行。",
]
VI_SENTENCES = [
    "Công ty chúng tôi xin thông báo lịch nghỉ Tết Nguyên đán.",
    "Sản phẩm được bảo hành 12 tháng kể từ ngày mua.",
    "Vui lòng thanh toán trước ngày 30 hàng tháng.",
    "Đơn hàng của quý khách đang được vận chuyển.",
]
TL_SENTENCES = [
    "Pasensya na po at late ang delivery dahil sa bagyo.",
    "Ang meeting ay ililipat sa Biyernes ng hapon.",
    "Salamat po sa inyong patuloy na pagtangkilik.",
]

# ---------------------------------------------------------------- platform and product system prompts

KODAMA_SYSTEM = (
    "You are Kodama, an AI pair programmer inside the Kodama IDE. Answer concisely, prefer minimal diffs, "
    "follow the project's conventions, and never invent APIs. The user's workspace context follows."
)
AGENTFORGE_SYSTEM = (
    "You are an autonomous agent running on AgentForge. You can call tools: web.search, python.exec, "
    "files.read, files.write. Think about which tool to use, then act. Report results in Markdown."
)
HACKATHON_SYSTEM = (
    "You are a helpful assistant for Hoshi Hack Tokyo 2026 participants. Use the Hoshi API starter kit "
    "(hoshi-starter v0.3). Keep answers short and include code when helpful."
)
CLI_SYSTEM = "You are hoshi-code, an agentic coding assistant running in the user's terminal."


def workspace_context(rng: random.Random) -> str:
    path = rng.choice(
        [
            "src/app/page.tsx",
            "api/handlers.py",
            "internal/store/db.go",
            "lib/main.dart",
            "src/components/Cart.vue",
            "app/models/user.rb",
            "main.rs",
            "tests/test_api.py",
        ]
    )
    return f"File: {path}\n```\n{code_snippet(rng)}```\n"


# ---------------------------------------------------------------- enterprise workloads


SUPPORT = {
    "sakura-denryoku": (
        "ja",
        "あなたは「さくら電力」のカスタマーサポートAIです。料金プラン、引っ越し手続き、請求、停電情報について丁寧に回答し、"
        "本人確認が必要な手続きはマイページへ案内してください。",
        [
            "{m}月分の電気代が先月より{n}円も高いのですが、理由を教えてください",
            "引っ越しするので{d}日で解約したい",
            "契約番号{no}の名義変更はどうすればいいですか",
            "スマートメーターの検針値の見方がわかりません",
            "オール電化プランに変更すると安くなりますか？",
            "口座振替からクレジットカード払いに変えたい",
            "{area}で停電していますか？",
            "マイページのパスワードを忘れました",
            "請求書を紙で送ってほしい",
        ],
    ),
    "islaconnect": (
        "tl",
        "You are IslaConnect's virtual assistant. Help customers with prepaid load, postpaid bills, "
        "fiber installation and outages. Reply in the customer's language (English, Filipino or Taglish).",
        [
            "Bakit po wala akong signal dito sa {area}?",
            "Paano mag-register ng promo? GoSakto {n} po",
            "Na-double charge po ako sa bill ko this month",
            "Kailan po ma-iinstall yung fiber namin? Account {no}",
            "How do I transfer load to another number?",
            "Hindi gumagana yung data ko kahit may load pa",
            "Magkano po yung plan {n} with unli data?",
            "Ilang araw bago ma-reconnect after payment?",
        ],
    ),
    "shopbeo": (
        "vi",
        "Bạn là trợ lý chăm sóc khách hàng của ShopBeo. Trả lời ngắn gọn, lịch sự, hỗ trợ đơn hàng, đổi trả, "
        "vận chuyển và khuyến mãi.",
        [
            "Đơn hàng {no} của mình bao giờ giao ạ?",
            "Mình muốn đổi size áo, làm thế nào?",
            "Mã giảm giá Black Friday {n}% không áp dụng được",
            "Shop có giao hàng ra {area} không?",
            "Sao mình bị trừ tiền 2 lần?",
            "Hàng bị lỗi thì đổi trả trong bao lâu?",
            "Có trả góp qua thẻ tín dụng không ạ?",
        ],
    ),
}
AREAS = {
    "ja": ["世田谷区", "横浜市港北区", "さいたま市", "千葉市", "八王子市"],
    "tl": ["Quezon City", "Cavite", "Davao", "Cebu City"],
    "vi": ["Đà Nẵng", "Cần Thơ", "Hải Phòng", "Bình Dương"],
}


def support_question(rng: random.Random, company: str) -> str:
    lang, _, qs = SUPPORT[company]
    return rng.choice(qs).format(
        m=rng.randint(9, 11),
        n=rng.randint(2, 60) * 10,
        d=rng.randint(1, 28),
        no=rng.randint(10_000_000, 99_999_999),
        area=rng.choice(AREAS[lang]),
    )


SUPPORT_FOLLOW = {
    "ja": [
        "はい、お願いします",
        "契約番号は{no}です",
        "わかりました、ありがとうございます",
        "オペレーターと話したいです",
    ],
    "tl": ["Ok po salamat", "Account number ko po {no}", "Hindi pa rin po gumagana", "Pwede po ba makausap agent?"],
    "vi": ["Dạ vâng", "Mã đơn là {no}", "Cảm ơn shop", "Cho mình gặp nhân viên"],
}

_JP_SENTS = [
    "本製品をご使用になる前に、必ず取扱説明書をお読みください。",
    "電源コードが傷んでいる場合は使用を中止してください。",
    "甲は乙に対し、本契約に基づく業務を委託する。",
    "本規約は予告なく変更される場合があります。",
    "お手入れの際は中性洗剤をご使用ください。",
    "当社は個人情報を適切に管理し、第三者に提供いたしません。",
    "付属の充電器以外は使用しないでください。",
    "本件に関する紛争は東京地方裁判所を第一審の専属的合意管轄裁判所とする。",
    "初回ログイン時にパスワードの変更が必要です。",
]
_ZH_SENTS = [
    "本產品符合國家安全標準，請安心使用。",
    "甲方應於每月五日前支付服務費用。",
    "如有任何疑問，請洽客服專線。",
    "使用前請確認電壓是否符合規格。",
    "本合約自雙方簽署日起生效。",
]
_EN_SENTS = [
    "The Licensee shall not sublicense the Software without prior written consent.",
    "Press and hold the power button for five seconds to reset the device.",
    "Shipping fees are non-refundable except where required by law.",
    "All invoices are payable within thirty (30) days of receipt.",
]


def translation_job(rng: random.Random, src: str, tgt: str, n_segments: int) -> tuple[str, list[str]]:
    """A document cut into segments, as a CAT tool sends it: (system prompt, segments)."""
    bank = {"ja": _JP_SENTS, "zh": _ZH_SENTS, "en": _EN_SENTS}[src]
    names = {"ja": "Japanese", "zh": "Traditional Chinese", "en": "English", "vi": "Vietnamese"}
    system = (
        f"You are a professional translator. Translate the {names[src]} text into {names[tgt]}. Preserve tags "
        f"like <b> and {{1}}, numbers and line breaks. Use the client glossary when a term matches. Output only the "
        f"translation."
    )
    segs = []
    for _ in range(n_segments):
        k = rng.randint(1, 3)
        segs.append(
            "".join(rng.choice(bank) for _ in range(k)) if src != "en" else " ".join(rng.choice(bank) for _ in range(k))
        )
    return system, segs


_REVIEWS = [
    "配送が早くて助かりました。",
    "サイズが思ったより小さかった",
    "二度と買わない。",
    "値段の割に品質が良い",
    "Giao hàng nhanh, đóng gói cẩn thận",
    "Sản phẩm không giống hình",
    "Sulit! Ganda ng quality",
    "Di ko nagustuhan, sira pagdating",
    "Great value, would buy again",
    "The app crashes every time I open it",
    "客服態度很好",
    "等了兩個禮拜才到貨",
]


def annotation_item(rng: random.Random, task: str) -> tuple[str, str]:
    if task == "sentiment":
        return (
            "You are an annotation assistant. Label the sentiment of the review as positive, negative or neutral "
            "and give a confidence from 0 to 1. Output JSON only.",
            f"Review #{rng.randint(100000, 999999)}: {rng.choice(_REVIEWS)}",
        )
    if task == "ner":
        return (
            "Extract PERSON, ORG, LOCATION and DATE entities from the text. Output JSON with character offsets.",
            f"Doc {rng.randint(1000, 9999)}: {rng.choice(_JP_SENTS + _ZH_SENTS + _EN_SENTS)}",
        )
    return (
        "You are assisting a human content moderator. Classify the post under the client policy categories "
        "(spam, harassment, scam, ok). Explain briefly.",
        f"Post {rng.randint(10**6, 10**7)}: {rng.choice(_REVIEWS)} {rng.choice(['http://bit.ly/x', '', '', 'DM me'])}",
    )


# ---------------------------------------------------------------- fixed evaluation sets (re-run, not walked)


def fixed_question_set(rng: random.Random, n: int, lang_mix: tuple[str, ...]) -> list[str]:
    """A benchmark an evaluator owns: the same n questions, asked again on every run."""
    out = []
    for i in range(n):
        lang = lang_mix[i % len(lang_mix)]
        kind = rng.randrange(4)
        if kind == 0:
            out.append(math_problem(rng, lang))
        elif kind == 1:
            out.append(multiple_choice(rng, lang))
        elif kind == 2:
            out.append(benign_prompt(rng, lang, rng.choice(["code", "work", "study"])))
        else:
            out.append(rng.choice(WHY[lang if lang in WHY else "en"]))
    return out


MC_SUBJECTS = {
    "ja": ["日本史", "地理", "民法", "薬学", "会計", "情報"],
    "zh": ["歷史", "地理", "法律", "醫學"],
    "vi": ["Lịch sử", "Địa lý", "Luật"],
    "tl": ["History", "Science"],
    "en": ["physics", "law", "medicine"],
}


def multiple_choice(rng: random.Random, lang: str) -> str:
    subj = rng.choice(MC_SUBJECTS[lang])
    opts = [rng.randint(1, 400) for _ in range(4)]
    if lang == "ja":
        return (
            f"次の{subj}の問題に答えよ。問{rng.randint(1, 60)}：正しいものを選べ。A){opts[0]} "
            f"B){opts[1]} C){opts[2]} D){opts[3]}　答えは記号のみ。"
        )
    if lang == "zh":
        return f"以下為{subj}選擇題，請選出正確答案：(A){opts[0]} (B){opts[1]} (C){opts[2]} (D){opts[3]}。只回答選項。"
    if lang == "vi":
        return (
            f"Câu hỏi trắc nghiệm {subj}: chọn đáp án đúng A){opts[0]} "
            f"B){opts[1]} C){opts[2]} D){opts[3]}. Chỉ trả lời chữ cái."
        )
    return (
        f"[{subj}] Choose the correct answer: A) {opts[0]} B) {opts[1]} "
        f"C) {opts[2]} D) {opts[3]}. Answer with the letter only."
    )


# ---------------------------------------------------------------- reasoning-heavy tasks (what distillers want)


def math_problem(rng: random.Random, lang: str) -> str:
    a, b, c, d = rng.randint(3, 48), rng.randint(2, 30), rng.randint(120, 990), rng.randint(2, 9)
    k = rng.randrange(4)
    if lang == "ja":
        return [
            f"りんごを{a}個とみかんを{b}個買ったら合計{c * 10}円でした。みか"
            f"ん1個はりんご1個より{d * 10}円安いとき、りんご1個の値段を求めよ。",
            f"{a}人のクラスで、数学が好きな人は{b}人、英語が好きな人は{min(a, b + d)}人"
            f"、どちらも好きな人は{d}人です。どちらも好きでない人は何人？",
            f"時速{a + 20}kmで{b}分走り、その後時速{a + 40}kmで走ったら合計{c // 10}km進んだ。全体の所要時間は？",
            f"1から{c}までの整数のうち、{d}で割り切れるが{d + 1}では割り切れない数はいくつあるか。",
        ][k]
    if lang == "zh":
        return [
            f"一個長方形的周長是{c // 5 * 2}公分，長比寬多{d}公分，求面積。",
            f"小明有{a}元，買了{d}本筆記本後剩下{max(1, a - d * 3)}元，每本多少錢？",
            f"從1到{c}的整數中，有幾個是{d}的倍數但不是{d + 2}的倍數？",
            f"甲乙兩人相距{c}公尺，相向而行，甲每分鐘走{a + 40}公尺，乙每分鐘走{b + 50}公尺，幾分鐘後相遇？",
        ][k]
    if lang == "vi":
        return [
            f"Một cửa hàng bán {a} cái áo và {b} cái quần được {c * 10} ngh"
            f"ìn đồng. Giá quần hơn áo {d * 10} nghìn. Tính giá mỗi cái áo.",
            f"Có bao nhiêu số nguyên từ 1 đến {c} chia hết cho {d} nhưng không chia hết cho {d + 1}?",
            f"Một bể nước có {a + 2} vòi, mỗi vòi chảy {b} lít mỗi phút. Bể chứa {c * 10} lít. Bao lâu thì đầy?",
            f"Tìm giá trị lớn nhất của biểu thức {d}x - x^2 + {a} với x là số thực.",
        ][k]
    if lang == "tl":
        return [
            f"Si Juan ay may {a} na mangga at binigyan niya si Maria ng"
            f" {min(a - 1, d)}. Kung bibili pa siya ng {b}, ilan lahat?",
            f"Ang isang jeep ay tumatakbo ng {a + 20} km/h. Gaano katagal bago makarating sa {c // 10} km?",
            f"Ilang numero mula 1 hanggang {c} ang divisible by {d} pero hindi by {d + 1}?",
            f"May {a} estudyante, {b} ang may cellphone. Ilang porsyento ang wala?",
        ][k]
    return [
        f"A train leaves at {d}:{a % 60:02d} travelling {a + 40} k"
        f"m/h; a second leaves {b} minutes later at {a + 70} km/h. "
        f"When does the second catch up?",
        f"How many integers from 1 to {c} are divisible by {d} but not by {d + 1}?",
        f"Find all real x such that x^2 - {a}x + {b * d} = 0 and explain whether the roots are rational.",
        f"A bag has {a} red and {b} blue balls. Two are drawn wit"
        "hout replacement. What is the probability both are red?",
    ][k]


CODE_SPECS = [
    "returns the longest palindromic substring",
    "merges k sorted linked lists",
    "serialises a binary tree to a string and back",
    "finds the minimum window substring containing all characters of another string",
    "implements a trie with prefix counts",
    "computes edit distance with the operations recovered",
    "detects a cycle in a directed graph and returns it",
    "schedules tasks with cooldown to minimise idle time",
    "parses arithmetic expressions with precedence",
    "implements Dijkstra with a binary heap",
    "solves the N-Queens problem and counts solutions",
    "implements a rate limiter with a sliding window",
    "finds the median of two sorted arrays in O(log n)",
    "validates a Sudoku board",
    "implements consistent hashing with virtual nodes",
    "computes the skyline of buildings",
]
WHY = {
    "en": [
        "Why is the sky blue but sunsets red?",
        "Why does ice float on water?",
        "Why can't anything travel faster than light?",
        "Why does adding salt raise the boiling point of water?",
        "Why do we have leap years?",
        "Why is the square root of 2 irrational? Prove it.",
        "Why do interest rate hikes strengthen a currency?",
    ],
    "ja": [
        "なぜ空は青いのか、夕焼けは赤いのか",
        "なぜ氷は水に浮くのか",
        "なぜ円周率は無理数なのか証明して",
        "なぜ金利が上がると円高になりやすいのか",
        "なぜ地震は日本に多いのか",
        "なぜ2の平方根は無理数か証明せよ",
    ],
    "zh": [
        "為什麼天空是藍色的？",
        "為什麼冰會浮在水面上？",
        "為什麼質數有無限多個？請證明。",
        "為什麼升息會讓貨幣升值？",
    ],
    "vi": [
        "Tại sao bầu trời có màu xanh?",
        "Tại sao băng nổi trên mặt nước?",
        "Chứng minh rằng có vô số số nguyên tố.",
    ],
    "tl": ["Bakit asul ang langit?", "Bakit lumulutang ang yelo?", "Bakit may leap year?"],
}
PROOFS = [
    "there are infinitely many primes of the form 4k+3",
    "every tree with n nodes has n-1 edges",
    "the harmonic series diverges",
    "sqrt(3) is irrational",
    "a graph is bipartite iff it has no odd cycle",
    "the sum of the first n odd numbers is n^2",
    "every continuous function on [a,b] is bounded",
]
SYNTH_TOPICS = [
    "high-school physics",
    "organic chemistry",
    "Japanese contract law",
    "Python debugging",
    "SQL optimisation",
    "Taiwanese tax filing",
    "clinical pharmacology",
    "Vietnamese grammar",
    "probability puzzles",
    "macroeconomics",
    "distributed systems",
    "number theory",
    "medical triage",
    "customer service in Tagalog",
    "keigo (Japanese honorifics)",
]

STEP = {
    "en": [
        "Think step by step and show all of your reasoning before the final answer.",
        "Explain your full reasoning.",
        "Walk through your thought process in detail, then give the answer.",
        "Reason carefully; show every intermediate step.",
        "Before answering, write out your complete chain of thought.",
    ],
    "ja": [
        "ステップバイステップで考え、途中式もすべて示してください。",
        "考え方の過程を詳しく書いてから答えてください。",
        "推論の過程を省略せずに説明して。",
    ],
    "zh": ["請逐步推理，並寫出每一個步驟。", "請詳細說明你的思考過程再作答。"],
    "vi": ["Hãy suy luận từng bước và trình bày đầy đủ.", "Giải thích chi tiết quá trình suy nghĩ trước khi trả lời."],
    "tl": ["Ipakita ang bawat step ng solution.", "Explain mo step by step bago ang sagot."],
}
DISTILL_SYSTEMS = [
    "You are an expert problem solver. Think step by step inside <think></think> tags, then give the final answer.",
    "You are a meticulous teacher. Always show complete reasoning.",
    "Respond with detailed reasoning followed by 'Final answer:'.",
    "あなたは優秀なアシスタントです。必ず思考過程を詳しく示してから回答してください。",
]


def reasoning_task(rng: random.Random, lang: str) -> str:
    k = rng.randrange(6)
    if k <= 1:
        return math_problem(rng, lang)
    if k == 2:
        spec = rng.choice(CODE_SPECS)
        return {
            "ja": f"次の関数を実装してください：{spec}。計算量も説明。",
            "zh": f"請實作一個函式：{spec}，並分析時間複雜度。",
            "vi": f"Viết hàm {spec}, phân tích độ phức tạp.",
            "tl": f"Gumawa ng function na {spec}. I-explain ang complexity.",
        }.get(
            lang,
            f"Write a {rng.choice(['Python', 'C++', 'Java', 'Rust'])} function that {spec}. Analyse its complexity.",
        )
    if k == 3:
        return rng.choice(WHY[lang])
    if k == 4:
        return f"Prove that {rng.choice(PROOFS)}." if lang == "en" else rng.choice(WHY[lang])
    return (
        f"Generate {rng.choice([10, 20, 25, 50])} diverse, difficu"
        f"lt question-answer pairs about {rng.choice(SYNTH_TOPICS)}"
        f" in {rng.choice(['English', 'Japanese', 'Traditional Chinese', 'Vietnamese'])}. Each answer must include a "
        f"detailed step-by-step solution. Output JSONL with fields question, reasoning, answer."
    )


def distill_prompt(rng: random.Random, lang: str, careful: float) -> str:
    """A harvesting request: a hard task plus a demand for the reasoning, less formulaic as care rises."""
    task = reasoning_task(rng, lang)
    if rng.random() < careful * 0.6:
        # careful harvesters drop the tell-tale instruction and rely on the reasoning flag, or bury it
        return task if rng.random() < 0.5 else f"{rng.choice(OPENERS.get(lang, OPENERS['en']))}{task}"
    step = rng.choice(STEP[lang]) if rng.random() < 0.4 + 0.6 * careful else STEP[lang][0]
    return f"{task}\n{step}" if rng.random() < 0.7 else f"{step}\n\n{task}"


OPENERS = {
    "en": ["Quick question: ", "Hey, ", "For my homework: ", "I'm stuck on this. ", ""],
    "ja": ["すみません、", "質問です。", "宿題でわからないのですが、", ""],
    "zh": ["請問", "想問一下，", ""],
    "vi": ["Cho mình hỏi: ", "Em hỏi chút: ", ""],
    "tl": ["Tanong lang po: ", "Pa-help: ", ""],
}

# ---------------------------------------------------------------- keyspaces (what scrapers walk)

PREFECTURES = [
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
]
PREF_TOPICS = [
    "観光名所",
    "郷土料理",
    "方言",
    "歴史",
    "祭り",
    "特産品",
    "気候",
    "主要産業",
    "交通アクセス",
    "人口動態",
    "温泉",
    "伝統工芸",
    "名門高校",
    "医療体制",
    "選挙区と地方議員",
    "企業誘致",
]
GOJUON = list("あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわ")


def ean13(body12: str) -> str:
    s = sum(int(ch) * (3 if i % 2 else 1) for i, ch in enumerate(body12))
    return body12 + str((10 - s % 10) % 10)


PROBE_TASKS = [
    "translation",
    "summarisation",
    "arithmetic",
    "code generation",
    "logical deduction",
    "refusal boundary",
    "long-context recall",
    "function calling",
    "JSON mode",
    "honorific rewriting",
    "dialect",
    "poetry",
    "legal reasoning",
    "medical advice",
    "tokenizer edge cases",
    "instruction hierarchy",
]
PROBE_LANGS = ["ja", "zh-TW", "vi", "tl", "en", "ko", "th", "id"]


def keyspace(kind: str, rng: random.Random) -> list[tuple[str, ...]]:
    """The keys a scraper means to cover, in their natural order."""
    if kind == "prefecture":
        return [(p, t) for p in PREFECTURES for t in PREF_TOPICS]
    if kind == "prefecture3":
        return [(p, t, lang) for p in PREFECTURES for t in PREF_TOPICS for lang in ("ja", "en", "zh")]
    if kind == "kana":
        return [(a + b,) for a in GOJUON for b in GOJUON]
    if kind == "jan":
        base = rng.randint(4_901_000_000, 4_987_999_000) * 10**2
        return [(ean13(str(base + i)[:12]),) for i in range(0, 4000)]
    if kind == "law":
        return [("民法", str(n)) for n in range(1, 1051)] + [("会社法", str(n)) for n in range(1, 980)]
    if kind == "stock":
        codes = sorted(rng.sample(range(1301, 9998), 2400))
        return [(str(c),) for c in codes]
    if kind == "probe":
        return [
            (t, lang, str(lv), str(v))
            for t in PROBE_TASKS
            for lang in PROBE_LANGS
            for lv in range(1, 6)
            for v in range(1, 3)
        ]
    raise ValueError(kind)


SCRAPE_TEMPLATES: dict[str, list[str]] = {
    "prefecture": [
        "{0}の{1}について、網羅的に詳しく説明してください。出典になりそうな情報も含めて。",
        "{0}：{1}をJSON形式（name, summary, details[]）でまとめて",
        "{1}（{0}）について知っていることを全部教えて",
        "{0}の{1}ってどんな感じ？できるだけ具体的に",
        "地域情報データベース用に、{0}の{1}を500字で記述せよ。",
    ],
    "prefecture3": [
        "Describe {1} of {0} in detail. Language: {2}.",
        "[{2}] {0} / {1}: write a complete encyclopedic entry.",
        "{0}の{1}について、{2}で詳しく書いてください。",
        "In {2}, list everything notable about {0}'s {1}.",
    ],
    "kana": [
        "「{0}」から始まる日本語の単語をできるだけ多く、読み・品詞・意味・例文つきでJSONで列挙してください。",
        "{0}で始まる言葉を辞書形式で30個。意味と用例も",
        "国語辞典みたいに「{0}〜」の見出し語を並べて説明して",
        "「{0}」で始まる語彙一覧（読み／意味／例文）を作成",
        "{0}から始まる単語を教えて。意味も一緒に",
    ],
    "jan": [
        "JANコード{0}の商品名・メーカー・内容量・参考価格をJSONで返して。不明な項目はnull。",
        "{0} この商品は何ですか？メーカーと容量、価格も",
        "バーコード{0}の商品情報を調べて表にして",
        "Product lookup EAN {0}: name, brand, size, price (JSON)",
    ],
    "law": [
        "{0}第{1}条の条文と趣旨、重要判例を解説してください。",
        "{0}{1}条について、要件・効果・判例を整理して",
        "{0}の第{1}条ってどういう意味？判例もあれば",
        "条文解説：{0} 第{1}条（趣旨／要件／効果／判例）",
    ],
    "stock": [
        "証券コード{0}の企業について、事業内容・主要株主・競合・直近の業績をまとめて。",
        "{0}の会社概要を教えて（事業、株主、業績）",
        "銘柄コード{0}：企業プロフィールをJSONで",
        "Company profile for TSE code {0}: business, shareholders, peers, results.",
    ],
    "probe": [
        "[probe {0}/{1}/L{2}/v{3}] Evaluate yourself on {0} in {1} at difficulty {2}.",
        "Task: {0}. Language: {1}. Level {2}. Variant {3}. Respond as you normally would.",
        "{0} test ({1}), difficulty {2}/5, item {3}",
    ],
}
# what a probe actually asks in each language: the scraper fills the grid with real tasks
PROBE_BODY = {
    "ja": "次の文を{task}してください：「{s}」",
    "zh-TW": "請對下列句子進行{task}：「{s}」",
    "vi": 'Hãy {task}: "{s}"',
    "tl": 'Gawin ang {task} dito: "{s}"',
    "en": 'Perform {task} on: "{s}"',
    "ko": '다음 문장에 대해 {task}: "{s}"',
    "th": 'โปรดทำ {task}: "{s}"',
    "id": 'Lakukan {task} pada: "{s}"',
}


def scrape_prompt(rng: random.Random, kind: str, key: tuple[str, ...], careful: float, fixed: int) -> str:
    templates = SCRAPE_TEMPLATES[kind]
    t = templates[fixed % len(templates)] if rng.random() > careful else rng.choice(templates)
    text = t.format(*key)
    if kind == "probe":
        s = rng.choice(_JP_SENTS + _EN_SENTS + _ZH_SENTS)
        body = PROBE_BODY[key[1]].format(task=key[0], s=s)
        text = body if rng.random() < careful else f"{text}\n{body}"
    if rng.random() < careful * 0.4:
        text = rng.choice(["", "お願いします。", "急ぎです。", "Thanks!", "ありがとう"]) + text
    return text


# ---------------------------------------------------------------- paraphrase for templated networks


def paraphrase(rng: random.Random, text: str, careful: float) -> str:
    """Cheap surface paraphrase: politeness wrappers, punctuation, spacing, and an occasional typo."""
    if rng.random() > careful:
        return text
    out = text
    if rng.random() < 0.5:
        out = rng.choice(["Please ", "Could you ", "Hi! ", "Hello, ", "", "お願い：", "質問："]) + out
    if rng.random() < 0.4:
        out = out.rstrip("。.!?") + rng.choice(["", ".", "。", "!", " thanks", " :)", "？"])
    if rng.random() < 0.3:
        out = out.replace("、", ",").replace("，", ",")
    if rng.random() < 0.2 and len(out) > 12:
        i = rng.randrange(len(out) - 1)
        out = out[:i] + out[i + 1] + out[i] + out[i + 2 :]
    return out
