# ruff: noqa: RUF001, E501
# (text banks in Hangul, Kana and Han: ruff counts those characters double width)
"""What people write to Dalbit: everyday chat in seven languages, code, documents, problems, keyspaces.

Prompts are built from templates with slots; the slot lists are long enough that two benign users
rarely write the same sentence, while a script re-using one template shows as one.
"""

from __future__ import annotations

import functools
import random
import re

# ------------------------------------------------------------------ tokens


_CJK = re.compile("[\uac00-\ud7a3\u3040-\u30ff\u4e00-\u9fff\u3130-\u318f]")
_THAI = re.compile("[\u0e00-\u0e7f]")


@functools.lru_cache(maxsize=65536)
def tok(text: str | None) -> int:
    """Rough tokenizer: Hangul/Kana/Han about 1.3 characters a token, Thai 2.5, everything else 4."""
    if not text:
        return 0
    cjk = len(_CJK.findall(text))
    thai = len(_THAI.findall(text))
    other = len(text) - cjk - thai
    return max(1, int(cjk / 1.3 + thai / 2.5 + other / 4))


def fill(rng: random.Random, template: str, slots: dict) -> str:
    out = template
    for _ in range(3):
        if "{" not in out:
            break
        for k, v in slots.items():
            key = "{" + k + "}"
            while key in out:
                out = out.replace(key, str(rng.choice(v)) if isinstance(v, list) else str(v), 1)
    return out


# ------------------------------------------------------------------ everyday chat

SLOTS = {
    "ko": {
        "food": ["김치찌개", "된장찌개", "제육볶음", "닭갈비", "잡채", "떡볶이", "부대찌개", "수육", "미역국", "카레",
                 "알리오올리오", "감바스", "연어덮밥", "소고기무국", "계란말이", "호박전", "순두부찌개", "닭볶음탕"],
        "ing": ["돼지고기 앞다리살이랑 김치", "두부, 애호박, 양파", "닭다리살 500g", "냉동 새우랑 마늘", "계란 6개랑 대파",
                "소고기 국거리 300g", "스팸 한 캔이랑 소시지", "어묵이랑 떡"],
        "city": ["제주", "부산", "강릉", "경주", "여수", "전주", "오사카", "후쿠오카", "도쿄", "다낭", "나트랑", "방콕",
                 "타이베이", "세부", "발리", "삿포로", "교토", "하노이"],
        "with": ["부모님", "여자친구", "남자친구", "친구 셋", "초등학생 아이 둘", "혼자", "회사 동기들"],
        "style": ["맛집", "카페", "자연", "쇼핑", "온천", "사진 스팟", "가성비"],
        "reason": ["병원 진료", "이사", "아이 학교 행사", "몸살", "가족 행사", "예비군 훈련"],
        "when": ["다음 주 금요일", "이번 주 목요일", "19일", "내일", "다음 주 월요일 오전"],
        "topic": ["금리 인상이 전세에 미치는 영향", "양자컴퓨터", "블록체인", "인플레이션", "mRNA 백신", "광합성",
                  "상대성이론", "ETF랑 펀드 차이", "연말정산 소득공제", "ISA 계좌", "청약 가점", "전기차 배터리",
                  "미국 대선 선거인단", "반도체 HBM", "탄소배출권"],
        "symptom": ["목이 칼칼하고 미열", "허리가 뻐근한", "눈 밑 떨림", "속쓰림", "두통이 오후마다", "손목 통증",
                    "잠을 자도 피곤한"],
        "pa": ["갤럭시 S24", "아이폰 16", "LG 그램", "맥북 에어 M3", "다이슨 에어랩", "로보락 S8", "에어팟 프로",
               "갤럭시 탭 S9", "아이패드 에어", "닌텐도 스위치"],
        "use": ["대학생 과제용", "영상 편집", "부모님 선물", "출퇴근용", "게임", "재택근무"],
        "issue": ["연락 문제", "기념일을 까먹어서", "말투 때문에", "친구 문제로", "데이트 비용"],
        "recipient": ["여자친구", "남자친구", "회사 팀원들", "조카", "반 친구들", "엄마", "짝사랑하는 선배"],
        "excel": ["두 시트에서 같은 이름 찾기", "날짜별 합계 구하기", "중복 제거", "조건부 서식으로 색칠",
                  "VLOOKUP이 #N/A 뜨는 문제", "피벗 테이블 만들기"],
        "company": ["삼성전자", "네이버", "카카오", "현대자동차", "쿠팡", "CJ제일제당", "LG에너지솔루션", "토스"],
        "job": ["마케팅", "백엔드 개발", "영업관리", "인사", "데이터 분석", "품질관리"],
        "game": ["메이플스토리", "로스트아크", "리그 오브 레전드", "발로란트", "배틀그라운드", "젤다 왕눈", "팰월드"],
        "n": ["2", "3", "4"], "kcal": ["1500", "1800", "1200", "2000"], "h": ["158", "163", "171", "178", "182"],
        "pet": ["강아지", "고양이", "햄스터", "앵무새"],
    },
    "ja": {
        "food": ["肉じゃが", "親子丼", "カレー", "豚の生姜焼き", "ぶり大根", "鍋", "ハンバーグ", "グラタン", "筑前煮",
                 "おでん", "餃子", "鮭のムニエル", "ロールキャベツ", "麻婆豆腐"],
        "ing": ["豚こま200gと玉ねぎ", "鶏もも肉と卵", "大根と厚揚げ", "キャベツ半玉", "冷凍のシーフードミックス",
                "じゃがいもと人参"],
        "city": ["京都", "金沢", "箱根", "沖縄", "札幌", "福岡", "ソウル", "釜山", "台北", "バンコク", "ハワイ",
                 "別府", "伊勢", "仙台"],
        "with": ["家族4人", "彼女", "両親", "友達2人", "ひとり", "子ども連れ"],
        "reason": ["通院", "子どもの行事", "引っ越し", "体調不良", "法事"],
        "when": ["来週の金曜日", "今週木曜日", "19日", "明日"],
        "topic": ["円安の影響", "NISAとiDeCoの違い", "生成AI", "インフレ", "量子コンピュータ", "半導体の仕組み",
                  "ふるさと納税", "年金の仕組み", "相対性理論", "光合成", "新紙幣", "インボイス制度"],
        "symptom": ["喉の痛みと微熱", "肩こりと頭痛", "胃もたれ", "めまい", "眠れない", "腰痛"],
        "pa": ["iPhone 16", "Pixel 9", "MacBook Air", "Switch", "ルンバ", "ダイソンのドライヤー", "Kindle",
               "iPad", "AQUOS", "Xperia"],
        "use": ["在宅勤務", "子どもの勉強用", "旅行", "動画編集", "通勤"],
        "tax": ["保険料控除申告書", "基礎控除申告書", "扶養控除等申告書", "住宅ローン控除"],
        "excel": ["重複を削除", "VLOOKUPでエラーが出る", "日付ごとに集計", "条件付き書式", "ピボットテーブル"],
        "company": ["トヨタ", "ソニー", "楽天", "リクルート", "任天堂", "三菱商事", "NTTデータ"],
        "job": ["営業", "エンジニア", "企画", "人事", "経理"],
        "n": ["2", "3", "4"], "recipient": ["上司", "友達", "推し", "妻", "夫", "祖母"],
    },
    "zh-TW": {
        "food": ["滷肉飯", "三杯雞", "麻油雞", "番茄炒蛋", "牛肉麵", "蔥油餅", "咖哩", "蒸魚"],
        "ing": ["豬五花和雞蛋", "雞腿肉", "番茄和蛋", "高麗菜", "豆腐和絞肉"],
        "city": ["台南", "花蓮", "墾丁", "東京", "首爾", "大阪", "曼谷", "峇里島", "沖繩", "京都"],
        "with": ["家人", "女朋友", "同事", "爸媽", "小孩"],
        "reason": ["看醫生", "搬家", "家裡有事", "身體不舒服"],
        "topic": ["升息", "ETF", "AI晶片", "通膨", "量子電腦", "勞保年金", "綜所稅", "光合作用"],
        "pa": ["iPhone 16", "Pixel 9", "MacBook Air", "ASUS Zenbook", "Switch", "Dyson吸塵器", "iPad"],
        "use": ["上班", "剪片", "打電動", "送爸媽", "讀書"],
        "n": ["3", "4", "5"],
    },
    "zh-CN": {
        "food": ["红烧肉", "宫保鸡丁", "番茄炒蛋", "麻婆豆腐", "酸菜鱼", "可乐鸡翅", "叻沙", "海南鸡饭"],
        "ing": ["五花肉和鸡蛋", "鸡翅", "豆腐和肉末", "鱼片", "土豆和青椒"],
        "city": ["新加坡", "槟城", "东京", "首尔", "曼谷", "巴厘岛", "清迈", "大阪"],
        "with": ["家人", "女朋友", "同事", "父母", "孩子"],
        "reason": ["看病", "搬家", "家里有事", "身体不舒服"],
        "topic": ["降息", "CPF", "AI芯片", "通胀", "量子计算", "公积金", "光合作用", "区块链"],
        "pa": ["iPhone 16", "华为 Mate", "MacBook Air", "小米14", "Switch", "戴森吹风机", "iPad"],
        "use": ["上班", "剪视频", "打游戏", "送父母", "学习"],
        "n": ["3", "4", "5"],
    },
    "vi": {
        "food": ["phở bò", "bún chả", "cá kho tộ", "canh chua", "gà kho gừng", "thịt kho trứng", "bánh xèo",
                 "bún bò Huế", "cơm tấm"],
        "ing": ["thịt ba chỉ và trứng", "cá basa", "đùi gà", "tôm và rau muống", "đậu hũ"],
        "city": ["Đà Lạt", "Phú Quốc", "Đà Nẵng", "Hội An", "Sa Pa", "Nha Trang", "Seoul", "Tokyo", "Bangkok",
                 "Singapore", "Hạ Long"],
        "with": ["gia đình", "người yêu", "bạn bè", "bố mẹ", "một mình"],
        "reason": ["đi khám bệnh", "chuyển nhà", "việc gia đình", "bị ốm"],
        "topic": ["lạm phát", "lãi suất ngân hàng", "chứng khoán", "AI", "thuế thu nhập cá nhân", "bảo hiểm xã hội",
                  "quang hợp", "blockchain", "giá vàng"],
        "pa": ["iPhone 16", "Samsung S24", "Xiaomi 14", "MacBook Air", "Dell XPS", "iPad", "Oppo Reno"],
        "use": ["đi làm", "học online", "chơi game", "tặng bố mẹ", "chụp ảnh"],
        "product": ["son môi", "kem chống nắng", "áo khoác", "giày sneaker", "nồi chiên không dầu", "tai nghe"],
        "n": ["3", "4", "5"],
    },
    "th": {
        "food": ["ต้มยำกุ้ง", "ผัดกะเพรา", "แกงเขียวหวาน", "ส้มตำ", "ข้าวมันไก่", "ผัดไทย", "ต้มข่าไก่", "หมูกระเทียม"],
        "ing": ["หมูสับกับไข่", "ไก่", "กุ้ง", "เต้าหู้", "ผักบุ้ง"],
        "city": ["เชียงใหม่", "ภูเก็ต", "กระบี่", "หัวหิน", "โตเกียว", "โซล", "โอซาก้า", "ไต้หวัน", "น่าน"],
        "with": ["ครอบครัว", "แฟน", "เพื่อน", "พ่อแม่"],
        "reason": ["ไปหาหมอ", "ย้ายบ้าน", "ธุระที่บ้าน", "ไม่สบาย"],
        "topic": ["เงินเฟ้อ", "กองทุน SSF", "คริปโต", "AI", "ภาษีเงินได้", "ดอกเบี้ย", "การสังเคราะห์แสง"],
        "pa": ["iPhone 16", "Samsung S24", "iPad", "MacBook Air", "OPPO Reno", "vivo V30"],
        "use": ["ทำงาน", "เรียน", "เล่นเกม", "ให้พ่อแม่"],
        "n": ["3", "4", "5"],
    },
    "id": {
        "food": ["nasi goreng", "rendang", "soto ayam", "ayam geprek", "sayur asem", "mie goreng", "opor ayam",
                 "sambal matah", "pecel lele"],
        "ing": ["ayam dan telur", "daging sapi 500g", "tahu tempe", "udang", "kangkung"],
        "city": ["Bali", "Yogyakarta", "Labuan Bajo", "Bandung", "Malang", "Lombok", "Seoul", "Tokyo", "Bangkok",
                 "Singapura"],
        "with": ["keluarga", "pacar", "teman-teman", "orang tua"],
        "reason": ["ke dokter", "pindahan", "urusan keluarga", "sakit"],
        "topic": ["inflasi", "reksa dana", "saham", "AI", "pajak penghasilan", "BPJS", "fotosintesis", "kripto"],
        "pa": ["iPhone 16", "Samsung A55", "Xiaomi 14", "Infinix GT", "MacBook Air", "Asus ROG"],
        "use": ["kerja", "kuliah", "main game", "hadiah orang tua", "konten TikTok"],
        "product": ["skincare", "hijab", "sepatu", "kopi susu literan", "keripik pedas", "tas"],
        "n": ["3", "4", "5"],
    },
    "en": {
        "food": ["chicken adobo", "kimchi fried rice", "beef stew", "pad thai", "laksa", "banana bread",
                 "teriyaki salmon", "chili", "mac and cheese", "bibimbap", "sinigang"],
        "ing": ["chicken thighs and rice", "ground beef and beans", "eggs and leftover rice", "salmon", "tofu"],
        "city": ["Seoul", "Tokyo", "Kyoto", "Taipei", "Bangkok", "Bali", "Singapore", "Osaka", "Jeju", "Hanoi",
                 "Portland", "Yosemite"],
        "with": ["my parents", "my partner", "two kids", "college friends", "nobody, solo trip"],
        "reason": ["a doctor's appointment", "moving apartments", "a family event", "feeling sick"],
        "when": ["next Friday", "this Thursday", "the 19th", "tomorrow"],
        "topic": ["interest rates", "ETFs", "how HBM memory works", "inflation", "quantum computing", "Roth IRA",
                  "photosynthesis", "the electoral college", "mortgage points", "RSUs"],
        "symptom": ["a sore throat", "lower back pain", "headaches every afternoon", "trouble sleeping"],
        "pa": ["iPhone 16", "Pixel 9", "MacBook Air", "ThinkPad X1", "Switch", "Dyson V15", "iPad"],
        "use": ["work", "school", "gaming", "my parents", "video editing"],
        "n": ["3", "4", "5", "7"],
        "recipient": ["my boss", "my landlord", "a coworker", "my sister", "my kid's teacher"],
    },
}

CHAT = {
    "ko": [
        ("{food} 레시피 알려줘. 집에 {ing} 있어", "explain"),
        ("{city} {n}박 여행 코스 짜줘. {with}랑 가고 {style} 위주로", "list"),
        ("팀장님한테 {reason} 때문에 {when} 연차 쓴다고 카톡 보낼 건데 정중하게 써줘", "short"),
        ("{topic}에 대해 쉽게 설명해줘", "explain"),
        ("{topic} 뭔지 모르겠어 ㅠㅠ 중학생도 알아듣게 설명 좀", "explain"),
        ("요즘 {symptom} 증상이 있는데 병원 가봐야 할까요?", "explain"),
        ("{pa}랑 {pa} 중에 뭐가 나아? {use}", "explain"),
        ("여자친구랑 {issue} 싸웠는데 어떻게 사과하지", "short"),
        ("자소서 {company} {job} 지원동기 700자로 써줘. 인턴 경험 한 번 있음", "long"),
        ("빼빼로데이 선물 뭐가 좋을까? {recipient}한테 줄 거야", "list"),
        ("수능 보는 {recipient}한테 보낼 응원 메시지 써줘", "short"),
        ("김장 {n}0포기 하려면 양념 비율 어떻게 돼?", "explain"),
        ("엑셀에서 {excel} 어떻게 해요", "explain"),
        ("{game} 초보인데 뭐부터 하면 돼?", "explain"),
        ("다이어트 식단 일주일치 짜줘 하루 {kcal}kcal 정도", "long"),
        ("키 {h}cm인데 요즘 날씨에 출근룩 추천", "list"),
        ("{pet} 이름 추천해줘 귀여운 걸로 10개", "list"),
        ("전세 계약 전에 꼭 확인해야 하는 거 정리해줘", "list"),
        ("넷플릭스 볼 거 추천 좀 요즘 재밌는 드라마", "list"),
        ("이 문장 영어로 자연스럽게 바꿔줘: 회의 일정이 변경되어 다시 안내드립니다", "short"),
        ("연말정산 {topic} 관련해서 미리 챙길 거 있어?", "explain"),
    ],
    "ja": [
        ("{food}の作り方を教えて。{ing}があります", "explain"),
        ("{city}に{n}泊で行きます。{with}です。おすすめのプランを考えて", "list"),
        ("上司に{reason}で{when}お休みをいただきたいとメールしたい。丁寧な文面をお願いします", "short"),
        ("{topic}について、わかりやすく説明してください", "explain"),
        ("最近{symptom}が続いてるんだけど病院行ったほうがいい？", "explain"),
        ("{pa}と{pa}、{use}ならどっちがいい？", "explain"),
        ("年末調整の{tax}の書き方がよくわかりません", "explain"),
        ("七五三のお祝いをいただいたので、お返しに何を贈ればいいか教えて", "list"),
        ("Excelで{excel}にはどうすればいい？", "explain"),
        ("エントリーシートの志望動機、{company}の{job}職で400字でお願い", "long"),
        ("{recipient}の誕生日に送るLINEのメッセージ考えて", "short"),
        ("1週間分の夕飯の献立を考えて。予算は1万円くらい", "long"),
        ("次の文を自然な英語にしてください：来週の打ち合わせの日程を再調整させてください", "short"),
        ("ふるさと納税でおすすめの返礼品ある？", "list"),
    ],
    "zh-TW": [
        ("請教我做{food}，我有{ing}", "explain"),
        ("{city}{n}天行程怎麼排？跟{with}去", "list"),
        ("幫我寫請假訊息給主管，原因是{reason}", "short"),
        ("用簡單的話解釋{topic}", "explain"),
        ("雙11要買{pa}還是{pa}？主要是{use}", "explain"),
        ("把這句翻成英文：下週的會議時間需要調整", "short"),
        ("年底報稅有什麼要先準備的嗎", "list"),
    ],
    "zh-CN": [
        ("教我做{food}，家里有{ing}", "explain"),
        ("去{city}玩{n}天，跟{with}，帮我安排行程", "list"),
        ("帮我写一条请假消息给老板，原因是{reason}", "short"),
        ("通俗解释一下{topic}", "explain"),
        ("双十一买{pa}还是{pa}好？主要{use}", "explain"),
        ("翻译成英文：下周的会议需要改时间", "short"),
    ],
    "vi": [
        ("Chỉ mình cách nấu {food} với, nhà có {ing}", "explain"),
        ("Lên lịch trình đi {city} {n} ngày cùng {with} giúp mình", "list"),
        ("Viết tin nhắn xin nghỉ phép gửi sếp vì {reason}", "short"),
        ("Giải thích {topic} dễ hiểu giúp mình", "explain"),
        ("Nên mua {pa} hay {pa} để {use}?", "explain"),
        ("Viết caption bán {product} trên Facebook, ngắn gọn, có emoji", "short"),
        ("Ngày Nhà giáo 20/11 nên tặng cô chủ nhiệm gì nhỉ?", "list"),
        ("Dịch sang tiếng Anh: Cuộc họp tuần sau sẽ dời sang thứ Năm", "short"),
    ],
    "th": [
        ("สอนทำ{food}หน่อย มี{ing}", "explain"),
        ("ช่วยวางแผนเที่ยว{city} {n} วันกับ{with}", "list"),
        ("ช่วยเขียนข้อความลางานถึงหัวหน้า เพราะ{reason}", "short"),
        ("อธิบาย{topic}แบบเข้าใจง่ายๆ", "explain"),
        ("ซื้อ{pa}หรือ{pa}ดี เอาไว้{use}", "explain"),
        ("ลอยกระทงปีนี้ไปที่ไหนดีในกรุงเทพ", "list"),
        ("แปลเป็นภาษาอังกฤษ: ประชุมสัปดาห์หน้าเลื่อนเป็นวันพฤหัส", "short"),
    ],
    "id": [
        ("Resep {food} dong, di rumah ada {ing}", "explain"),
        ("Buatin itinerary {city} {n} hari bareng {with}", "list"),
        ("Tolong buatkan pesan izin ke atasan karena {reason}", "short"),
        ("Jelasin {topic} pakai bahasa sederhana", "explain"),
        ("Mending beli {pa} atau {pa} buat {use}?", "explain"),
        ("Buatin caption jualan {product} buat Shopee, pakai emoji", "short"),
        ("Terjemahkan ke bahasa Inggris: Rapat minggu depan diundur ke hari Kamis", "short"),
    ],
    "en": [
        ("Give me a recipe for {food}, I have {ing}", "explain"),
        ("Plan a {n}-day trip to {city} with {with}", "list"),
        ("Write a polite message to {recipient} asking for {when} off because of {reason}", "short"),
        ("Explain {topic} like I'm 12", "explain"),
        ("Is it worth getting the {pa} or the {pa} for {use}?", "explain"),
        ("I've had {symptom} for a week. Should I see a doctor?", "explain"),
        ("Thanksgiving side dish ideas that aren't too heavy?", "list"),
        ("help me reply to {recipient}, they asked if I can cover a shift this weekend and I can't", "short"),
        ("what are some good names for a small bakery in {city}", "list"),
        ("summarize the pros and cons of {topic}", "explain"),
    ],
}

FOLLOW = {
    "ko": ["좀 더 짧게", "더 자세히 설명해줘", "다른 버전으로 하나 더", "반말 말고 존댓말로", "표로 정리해줘", "ㄱㅅ",
           "근데 이건 왜 그래?", "예시도 들어줘", "3줄 요약", "아 그럼 예산 50만원이면?", "좀 더 자연스럽게"],
    "ja": ["もう少し短く", "もっと詳しく", "別のパターンも", "箇条書きで", "ありがとう！じゃあ予算3万円なら？",
           "敬語にして", "例もください", "表にまとめて"],
    "zh-TW": ["再短一點", "可以更詳細嗎", "換個說法", "用條列", "謝謝！那預算一萬呢？"],
    "zh-CN": ["再短一点", "详细一点", "换个说法", "列个表", "谢谢，那预算五千呢？"],
    "vi": ["Ngắn hơn chút", "Giải thích kỹ hơn", "Viết kiểu khác", "Cảm ơn nha, còn ngân sách 5 triệu thì sao?",
           "Cho ví dụ"],
    "th": ["สั้นกว่านี้หน่อย", "อธิบายละเอียดกว่านี้", "ขอแบบอื่น", "ขอบคุณ ถ้างบ 5000 ล่ะ", "ทำเป็นตาราง"],
    "id": ["Lebih singkat dong", "Jelasin lebih detail", "Versi lain", "Makasih, kalau budget 2 juta?", "Kasih contoh"],
    "en": ["shorter please", "can you go into more detail", "another version?", "thanks! what if the budget is $500?",
           "make it more casual", "put it in a table", "why?", "give me an example"],
}

OUT_KIND = {"short": (120, .5), "explain": (520, .5), "list": (650, .45), "long": (900, .4)}


def chat_prompt(rng: random.Random, lang: str) -> tuple[str, str]:
    lang_t = lang if lang in CHAT else "en"
    t, kind = rng.choice(CHAT[lang_t])
    p = fill(rng, t, SLOTS[lang_t])
    if rng.random() < .12:
        p = p + rng.choice([" ", "\n"]) + rng.choice(["", "!", "?", "ㅎㅎ" if lang == "ko" else "",
                            "pls" if lang == "en" else ""])
    return p.strip(), kind


def follow_up(rng: random.Random, lang: str) -> str:
    return rng.choice(FOLLOW.get(lang, FOLLOW["en"]))


# pasted text for summary requests (news-like, emails, contracts)
PASTE = {
    "ko": ["[공지] {x}팀 회의 일정 변경 안내\n안녕하세요. 이번 주 정기 회의가 목요일 오후 3시로 변경되었습니다. 안건은 4분기 예산 "
           "집행 현황, 신규 프로젝트 인력 배치, 연말 워크숍 장소 선정입니다. 참석이 어려우신 분은 사전에 회신 부탁드립니다.",
           "임대차계약서 제{x}조(보증금의 반환) 임대인은 계약 종료 시 임차인에게 보증금을 반환하여야 하며, 임차인이 "
           "부담할 연체 차임 및 관리비를 공제할 수 있다. 다만 원상복구 비용에 대하여는 양 당사자가 협의하여 정한다."],
    "ja": ["【お知らせ】{x}月分の経費精算の締め切りは25日です。領収書の原本を総務部までご提出ください。なお、交通費の"
           "精算はシステムからの申請のみ受け付けます。期限を過ぎた申請は翌月処理となります。"],
    "en": ["Hi team, quick update on the Q4 roadmap: we're pushing the billing migration to sprint {x} because of the "
           "compliance review. Support tooling stays on track. Please flag blockers in the channel by Friday."],
}


def paste(rng: random.Random, lang: str) -> str:
    t = rng.choice(PASTE.get(lang, PASTE["en"]))
    return t.replace("{x}", str(rng.randint(2, 12)))


# ------------------------------------------------------------------ developers

DEV_ERR = ["TypeError: Cannot read properties of undefined (reading 'map')",
           "ModuleNotFoundError: No module named 'jwt'",
           "ECONNRESET", "java.lang.NullPointerException at OrderService.java:142",
           "CORS policy: No 'Access-Control-Allow-"
           "Origin' header", "sqlalchemy.exc.IntegrityError: duplicate key value violates unique constraint",
           "panic: runtime error: invalid memory address or nil pointer dereference", "Hydration failed because the "
           "initial UI does not match", "django.db.utils.OperationalError: database is locked",
           "Error: listen EADDRINUSE: address already in use :::3000",
           "RecursionError: maximum recursion depth exceeded",
           "Kotlin: Unresolved reference: viewModelScope", "CUDA out of memory. Tried to allocate 2.00 GiB"]
DEV_FW = ["Next.js 15", "FastAPI", "Spring Boot 3", "Django", "NestJS", "Flutter", "React Native", "Express", "Go gin",
          "Kotlin Android", "SwiftUI", "Vue 3", "Rails 7", "Laravel", "PyTorch"]
DEV_TASK = ["parses a Korean resident address into 시/도, 시/군/구 and 도로명", "retries a request with exponential backoff",
            "converts a CSV of orders into monthly totals",
            "validates a Japanese postal code and returns the prefecture",
            "paginates a REST endpoint with cursor tokens", "deduplicates users by normalized phone number",
            "streams a large file upload to S3", "formats Korean won with commas", "debounces a search input",
            "computes business days between two dates skipping Korean public holidays", "rate-limits per API key",
            "reads a Shift_JIS CSV", "sends a LINE notify message", "hashes passwords with argon2"]
DEV_LANG = ["Python", "TypeScript", "Go", "Kotlin", "Java", "Rust", "Swift", "C#", "PHP"]
CODE_SNIPPETS = [
    "def get_user(db, uid):\n    row = db.execute('select * from users where id = %s' % uid).fetchone()\n"
    "    return User(**row)\n",
    "const res = await fetch(`/api/orders?page=${page}`)\nconst data = res.json()\nsetOrders(data.items.map(o => o.id))\n",
    "func (s *Server) handle(w http.ResponseWriter, r *http.Request) {\n\tvar req Req\n\tjson.NewDecoder(r.Body)."
    "Decode(&req)\n\tgo s.process(req)\n\tw.WriteHeader(200)\n}\n",
    "@Transactional\npublic Order place(OrderRequest r) {\n  Order o = repo.save(new Order(r));\n  kafka.send(\"orders\", o);"
    "\n  return o;\n}\n",
    "useEffect(() => {\n  const id = setInterval(poll, 1000)\n}, [])\n",
    "SELECT u.id, count(o.id) FROM users u LEFT JOIN orders o ON o.user_id = u.id WHERE o.created_at > now() - "
    "interval '30 day' GROUP BY u.id HAVING count(o.id) > 3;",
]


def dev_prompt(rng: random.Random, lang: str) -> tuple[str, str]:
    err, fw, task, pl = rng.choice(DEV_ERR), rng.choice(DEV_FW), rng.choice(DEV_TASK), rng.choice(DEV_LANG)
    code = rng.choice(CODE_SNIPPETS)
    k = rng.randrange(8)
    if lang == "ko":
        opts = [f"{fw}에서 `{err}` 에러가 나는데 원인이 뭘까요?\n```\n{code}```",
                f"{pl}로 {task} 함수 짜주세요", f"이 코드 리뷰해줘. 문제 있는 부분 알려줘\n```\n{code}```",
                f"{fw} 프로젝트 폴더 구조 어떻게 잡는 게 좋아요?", f"이 쿼리 느린데 인덱스 어떻게 걸어야 해?\n{code}",
                f"{pl} 테스트 코드 작성해줘: {task}", f"`{err}` 해결 방법", f"{fw} 배포할 때 환경변수 관리 어떻게 하세요?"]
    elif lang == "ja":
        opts = [f"{fw}で`{err}`が出ます。原因は？\n```\n{code}```", f"{pl}で{task}関数を書いてください",
                f"このコードをレビューしてください\n```\n{code}```", f"{fw}のディレクトリ構成のベストプラクティスは？",
                f"このSQLを高速化したい\n{code}", f"{pl}でテストを書いて：{task}", f"`{err}`の対処法",
                f"{fw}でのログ設計について相談です"]
    else:
        opts = [f"Getting `{err}` in {fw}, what's going on?\n```\n{code}```", f"Write a {pl} function that {task}",
                f"Review this, anything wrong?\n```\n{code}```", f"How should I structure a {fw} project for a team of 5?",
                f"This query is slow, which index helps?\n{code}", f"Write unit tests in {pl} for a function that {task}",
                f"how to fix `{err}`", f"What's the idiomatic way in {pl} to handle config per environment?"]
    return opts[k], rng.choice(["code", "code", "explain"])


TEST_PROMPTS = ["ping", "test", "Say hello.", "Reply with OK", "hello", "안녕", "テスト", "Return {\"ok\": true}",
                "What model are you?", "1+1=", "Respond with the word 'pong'", "say hi in korean"]

# ------------------------------------------------------------------ coding agents

AGENT_TASKS = [
    "Add cursor pagination to GET /v1/orders and update the tests", "Fix the flaky test in tests/test_settlement.py",
    "Refactor the payment webhook handler into smaller functions", "Migrate the user table to add a locale column",
    "Implement KakaoPay as a payment provider following the TossPayments adapter", "Upgrade to Next.js 15 and fix "
    "build errors", "Write a CLI that exports daily metrics to CSV",
    "The Android build fails after bumping AGP, fix it",
    "Add i18n (ko, ja, en) to the onboarding screens", "Find why the cron job sends duplicate emails",
    "Port the Python scoring module to Go", "Add OpenTelemetry tracing to the gRPC server",
    "ログイン画面のバリデーションを追加して", "결제 취소 API에 부분 취소 기능 추가해줘", "リファクタリング: services/配下の重複を整理",
    "알림톡 발송 모듈에 재시도 로직 넣어줘",
]
FILES = ["src/api/orders.py", "src/services/payment.ts", "internal/server/handler.go", "app/models/user.rb",
         "tests/test_settlement.py", "src/components/Onboarding.tsx", "android/app/build.gradle.kts",
         "cmd/exporter/main.go", "pkg/score/score.go", "src/lib/kakaopay.ts", "migrations/0042_user_locale.sql"]


def agent_tool_result(rng: random.Random) -> str:
    f = rng.choice(FILES)
    k = rng.randrange(5)
    if k == 0:
        body = "\n".join(f"{i:>4}  " + rng.choice(CODE_SNIPPETS).split("\n")[0] for i in range(1, rng.randint(20, 60)))
        return f'<tool_result name="read_file" path="{f}">\n{body}\n</tool_result>'
    if k == 1:
        n = rng.randint(20, 400)
        fails = rng.randint(0, 3)
        return (f"<tool_result name=\"bash\">$ pytest -q\n{'.' * min(n, 80)}{'F' * fails}\n"
                f"{n} passed, {fails} failed in {rng.uniform(2, 90):.2f}s\n</tool_result>")
    if k == 2:
        return f'<tool_result name="grep">\n{f}:{rng.randint(1, 400)}:    def settle(self, order_id):\n</tool_result>'
    if k == 3:
        return f'<tool_result name="edit_file" path="{f}">Applied 1 edit (+{rng.randint(1, 40)} -{rng.randint(0, 20)})</tool_result>'
    return rng.choice(["continue", "looks good, go on", "no, keep the old interface", "run the tests again", "ㄱㄱ",
                       "それでお願い", "also update the README"])


AGENT_SYSTEM = {
    "dalbit-code": "You are Dalbit Code, an interactive CLI tool that helps users with software engineering tasks. "
                   "Use the tools available to you... [tools: read_file, edit_file, bash, grep, glob, todo_write]",
    "codex": "You are Codex, based on GPT-5. You are running as a coding agent in the Codex CLI on a user's computer...",
    "cline": "You are Cline, a highly skilled software engineer with extensive knowledge in many programming languages...",
    "roo": "You are Roo, a highly skilled software engineer with extensive knowledge in many programming languages...",
    "aider": "Act as an expert software developer. Always use best practices when coding. Respect and use existing "
             "conventions, libraries, etc that are already present in the code base.",
    "opencode": "You are opencode, an interactive CLI tool that helps users with software engineering tasks.",
}

# ------------------------------------------------------------------ problems (study, labs, hagwon, harvest)

DOMAINS = {
    "math": ["algebra", "calculus", "probability", "number theory", "geometry", "combinatorics", "sequences",
             "linear algebra"],
    "physics": ["kinematics", "dynamics", "circuits", "thermodynamics", "optics", "waves", "electromagnetism"],
    "chemistry": ["stoichiometry", "acid-base", "gas laws", "equilibrium", "thermochemistry", "organic reactions"],
    "cs": ["dynamic programming", "graphs", "greedy algorithms", "complexity", "data structures", "string algorithms"],
    "economics": ["elasticity", "game theory", "macroeconomics", "market structures", "finance"],
    "law": ["contract law", "lease disputes", "tort", "labor law", "corporate law"],
    "medicine": ["cardiology", "endocrinology", "infectious disease", "pharmacology", "pediatrics"],
    "logic": ["knights and knaves", "scheduling puzzles", "seating arrangements", "truth tables"],
}
LEVELS = ["middle school", "high school", "olympiad", "undergraduate", "graduate", "professional exam"]


def problem(rng: random.Random, domain: str, sub: str | None = None, lang: str = "en") -> str:
    """A concrete problem with fresh numbers."""
    r = rng.randint
    sub = sub or rng.choice(DOMAINS[domain])
    if domain == "math":
        a, b, c = r(2, 9), r(-20, 20), r(-30, 30)
        en = {
            "algebra": f"Find all real x such that {a}x^2 + ({b})x + ({c}) = 0.",
            "calculus": f"Evaluate the integral of x^{r(2, 5)} * e^({a}x) dx from 0 to {r(1, 3)}.",
            "probability": f"A bag has {r(3, 9)} red and {r(3, 9)} blue balls. {r(2, 4)} are drawn without replacement. "
                           "What is the probability that at least two are red?",
            "number theory": f"Find the remainder when {r(2, 19)}^{r(100, 2026)} is divided by {r(7, 97)}.",
            "geometry": f"Triangle ABC has AB = {r(5, 15)}, BC = {r(5, 15)}, angle B = {r(30, 120)} degrees. Find AC and "
                        "the area.",
            "combinatorics": f"How many ways can {r(5, 10)} people sit around a round table if {r(2, 3)} particular "
                             "people must not sit next to each other?",
            "sequences": f"a_1 = {r(1, 5)}, a_(n+1) = {a}a_n + {r(1, 9)}. Find a closed form for a_n and a_{r(10, 30)}.",
            "linear algebra": f"Find the eigenvalues and eigenvectors of [[{a}, {r(-5, 5)}], [{r(-5, 5)}, {r(1, 9)}]].",
        }[sub]
        if lang == "ko" and sub in ("algebra", "probability", "sequences", "calculus"):
            return {
                "algebra": f"이차방정식 {a}x² + ({b})x + ({c}) = 0 의 두 실근의 합과 곱을 구하고, 실근을 구하시오.",
                "probability": f"주머니에 빨간 공 {r(3, 9)}개, 파란 공 {r(3, 9)}개가 있다. 임의로 {r(2, 4)}개를 동시에 "
                               "꺼낼 때 빨간 공이 2개 이상일 확률을 구하시오.",
                "sequences": f"수열 {{a_n}}이 a₁ = {r(1, 5)}, a_(n+1) = {a}a_n + {r(1, 9)} 를 만족시킬 때, "
                             f"a_{r(8, 15)}의 값을 구하시오.",
                "calculus": f"함수 f(x) = x³ - {a}x² + {r(1, 20)}x 에 대하여 곡선 y=f(x) 위의 점 (1, f(1))에서의 접선과 "
                            "x축, y축으로 둘러싸인 부분의 넓이를 구하시오.",
            }[sub]
        if lang == "ja" and sub in ("algebra", "probability", "calculus"):
            return {
                "algebra": f"2次方程式 {a}x² + ({b})x + ({c}) = 0 を解け。",
                "probability": f"袋の中に赤玉{r(3, 9)}個、白玉{r(3, 9)}個が入っている。同時に{r(2, 4)}個取り出すとき、"
                               "赤玉が2個以上である確率を求めよ。",
                "calculus": f"曲線 y = x³ - {a}x と直線 y = {r(1, 5)}x で囲まれた部分の面積を求めよ。",
            }[sub]
        if lang in ("zh-CN", "zh-TW") and sub == "algebra":
            return f"解方程 {a}x² + ({b})x + ({c}) = 0，并讨论其判别式。"
        return en
    if domain == "physics":
        return {
            "kinematics": f"A ball is thrown at {r(10, 40)} m/s at {r(15, 75)} degrees above the horizontal from a "
                          f"{r(0, 30)} m cliff. Find the range and the maximum height.",
            "dynamics": f"A {r(2, 20)} kg block on a {r(10, 45)} degree incline with friction coefficient 0.{r(1, 6)} is "
                        f"pulled by a {r(20, 200)} N force parallel to the incline. Find its acceleration.",
            "circuits": f"Resistors of {r(2, 50)}, {r(2, 50)} and {r(2, 50)} ohms: the first two in parallel, in series with "
                        f"the third, across {r(3, 24)} V. Find the current through each.",
            "thermodynamics": f"{r(1, 5)} mol of an ideal gas expands isothermally at {r(250, 500)} K from {r(1, 10)} L to "
                              f"{r(11, 40)} L. Find the work done and the heat absorbed.",
            "optics": f"An object is {r(5, 60)} cm in front of a converging lens of focal length {r(5, 30)} cm. Find the "
                      "image distance and magnification.",
            "waves": f"A string of length {r(1, 3)} m and linear density {r(1, 9)} g/m is under {r(20, 200)} N tension. "
                     "Find the first three harmonics.",
            "electromagnetism": f"A {r(10, 500)}-turn coil of area {r(10, 200)} cm² rotates at {r(10, 60)} Hz in a "
                                f"0.{r(1, 9)} T field. Find the peak emf.",
        }[sub]
    if domain == "chemistry":
        return {
            "stoichiometry": f"How many grams of CO2 are produced when {r(5, 100)} g of C3H8 burns completely?",
            "acid-base": f"Find the pH of a 0.{r(1, 9)}{r(0, 9)} M acetic acid solution (Ka = 1.8e-5).",
            "gas laws": f"A gas at {r(1, 5)} atm and {r(250, 400)} K occupies {r(2, 30)} L. Find its volume at "
                        f"{r(1, 5)} atm and {r(250, 400)} K.",
            "equilibrium": f"For N2 + 3H2 <-> 2NH3 with Kc = {r(1, 9)}.{r(0, 9)}e-{r(1, 5)}, starting from {r(1, 4)} M N2 "
                           f"and {r(1, 6)} M H2, find the equilibrium concentrations.",
            "thermochemistry": f"Using bond enthalpies, estimate ΔH for the combustion of {r(1, 4)} mol of methane.",
            "organic reactions": "Predict the major product and mechanism when 2-methyl-2-butanol is heated with "
                                 f"concentrated H2SO4 at {r(140, 180)} °C.",
        }[sub]
    if domain == "cs":
        return {
            "dynamic programming": f"Given an array of {r(5, 10) * 10 ** 4} integers, find the maximum sum of a "
                                   f"subsequence with no {r(2, 4)} consecutive elements chosen. Give an O(n) algorithm.",
            "graphs": f"A weighted directed graph has {r(10, 100)} nodes. Find the shortest path visiting exactly "
                      f"{r(2, 5)} checkpoints. Describe the algorithm and its complexity.",
            "greedy algorithms": f"{r(5, 50)} intervals are given; select the maximum number of non-overlapping intervals "
                                 "with total weight at least W. Is greedy optimal? Prove or give a counterexample.",
            "complexity": f"Prove that deciding whether a graph has a vertex cover of size {r(3, 9)} or less is in P, while "
                          "the general problem is NP-complete.",
            "data structures": f"Design a structure supporting insert, delete and median in O(log n) for {r(10, 99)} "
                               "million operations.",
            "string algorithms": f"Count distinct palindromic substrings of a string of length {r(10, 200)} thousand.",
        }[sub]
    if domain == "economics":
        return {
            "elasticity": f"Demand is Q = {r(100, 900)} - {r(2, 9)}P and supply Q = {r(10, 90)} + {r(1, 5)}P. Find the "
                          "equilibrium, the elasticity there, and the deadweight loss of a 10% tax.",
            "game theory": f"Two firms choose prices; payoffs (H,H)=({r(3, 9)},{r(3, 9)}), (H,L)=(1,{r(5, 12)}), "
                           f"(L,H)=({r(5, 12)},1), (L,L)=({r(2, 4)},{r(2, 4)}). Find all Nash equilibria.",
            "macroeconomics": f"MPC is 0.{r(5, 9)}; government spending rises by {r(1, 50)} trillion won. Find the "
                              "multiplier effect with a 10% income tax.",
            "market structures": f"A monopolist faces P = {r(50, 200)} - Q with MC = {r(5, 40)}. Find price, quantity and "
                                 "the welfare loss.",
            "finance": f"A bond pays a {r(2, 8)}% coupon annually for {r(3, 10)} years; market yield {r(2, 9)}%. Find the "
                       "price and the Macaulay duration.",
        }[sub]
    if domain == "law":
        return {
            "contract law": f"A supplier delivers {r(10, 90)}% of an order late; the contract has a liquidated damages "
                            "clause of 0.1% a day. Is the clause enforceable and what can the buyer claim?",
            "lease disputes": f"A tenant paid a {r(1, 9)}00 million won jeonse deposit; the landlord's house is auctioned. "
                              "Under the Housing Lease Protection Act, what priority does the tenant have?",
            "tort": f"A delivery rider hits a pedestrian while working for a platform. Who is liable and for what share? "
                    f"The pedestrian was {r(10, 40)}% at fault.",
            "labor law": f"An employee worked {r(50, 68)} hours a week for {r(3, 12)} months. Compute the overtime owed "
                         "and discuss the 52-hour rule.",
            "corporate law": f"A director approved a related-party loan of {r(1, 90)} billion won without board approval. "
                             "What are the director's liabilities?",
        }[sub]
    if domain == "medicine":
        return {
            "cardiology": f"A {r(40, 85)}-year-old with chest pain for {r(1, 6)} hours, ST elevation in II, III, aVF, BP "
                          f"{r(80, 150)}/{r(50, 95)}. Next steps and differential?",
            "endocrinology": f"A {r(20, 70)}-year-old: fasting glucose {r(110, 300)} mg/dL, HbA1c {r(6, 12)}.{r(0, 9)}%, "
                             f"BMI {r(19, 38)}. Diagnosis and first-line management?",
            "infectious disease": f"A {r(1, 80)}-year-old returning from a trip with fever {r(38, 40)}.{r(0, 9)} °C for "
                                  f"{r(2, 9)} days and thrombocytopenia. Differential and workup?",
            "pharmacology": f"Patient on warfarin (INR {r(2, 4)}.{r(0, 9)}) is started on clarithromycin. What interaction "
                            "and what to monitor?",
            "pediatrics": f"A {r(1, 24)}-month-old with a fever of {r(38, 40)} °C for {r(5, 8)} days, red lips and rash. "
                          "Diagnosis and treatment?",
        }[sub]
    if domain == "logic":
        names = rng.sample(["Ara", "Bomi", "Chan", "Daeho", "Eun", "Fumi", "Gun", "Hana", "Iori", "Jun"], 4)
        return {
            "knights and knaves": f"{names[0]} says '{names[1]} is a knave'. {names[1]} says '{names[0]} and "
                                  f"{names[2]} are the same type'. {names[2]} says 'I am a knight'. Who is what?",
            "scheduling puzzles": f"{', '.join(names)} must each present on a different day Mon-Thu; {names[0]} is not "
                                  f"Monday; {names[1]} is right after {names[2]}. Find all schedules.",
            "seating arrangements": f"{r(5, 8)} people sit in a row; {names[0]} sits next to {names[3]} but not at an end. "
                                    "How many arrangements?",
            "truth tables": f"Is ((p → q) ∧ (q → r)) → (p → r) a tautology? Also check with {r(3, 4)} variables.",
        }[sub]
    return f"Explain {sub} in {domain}."


# harvest wrappers: blatant templates a script fills
HARVEST_BLATANT = [
    "Solve the following problem. Think step by step and show every intermediate step before the final answer.\n\n"
    "Problem: {p}",
    "Return a JSON object with keys \"problem\", \"reasoning_steps\" (a list of at least 8 detailed steps), "
    "\"final_answer\" and \"difficulty\".\nProblem: {p}",
    "Generate one challenging {level} problem on {sub} ({domain}), then solve it with complete step-by-step "
    "reasoning.\nFormat:\n### Problem\n### Solution\n### Answer",
    "Here is a problem and its answer. Write out the full chain of reasoning that leads to the answer.\n"
    "Problem: {p}\nAnswer: (withheld)",
    "You are an expert {domain} tutor. Provide a rigorous, exhaustive, step-by-step solution.\n{p}",
]

# careful wrappers in several languages, phrased like a person
HARVEST_CAREFUL = {
    "en": ["Can you walk me through this one? I keep getting a different answer than the key.\n{p}",
           "I'm preparing a worksheet for my students. Solve this carefully and explain each step so a {level} "
           "student can follow: {p}", "{p}\nPlease reason it out before answering.",
           "quick q for my study group - {p} how would you approach it?",
           "Write a short {level} problem about {sub} and a worked solution, like in a textbook."],
    "ko": ["이 문제 풀이 과정 자세히 알려주세요. 답지랑 답이 달라서요\n{p}", "고3 학생들 수업 자료 만드는 중인데 이 문제 단계별 "
           "풀이 부탁드려요: {p}", "{p}\n풀이를 논리적으로 단계별로 보여줘", "{sub} 관련해서 {level} 수준 예제 문제 하나 만들고 해설까지 써줘"],
    "ja": ["この問題の解き方を順を追って教えてください。解答と答えが合いません。\n{p}",
           "塾の教材を作っています。生徒がわかるように途中式も含めて解説してください：{p}", "{p}\n考え方から説明して",
           "{sub}の{level}レベルの例題を1問作って、解説もつけて"],
    "zh-CN": ["这道题能一步一步讲一下吗？我算的和答案不一样。\n{p}", "我在准备课件，请详细写出解题过程：{p}",
              "{p}\n请先分析思路再给答案", "出一道{sub}相关的{level}难度例题，并写出完整解析"],
    "zh-TW": ["這題可以一步一步講解嗎？\n{p}", "我在準備補習班講義，請寫出完整解題過程：{p}"],
    "vi": ["Giải giúp mình bài này từng bước với, mình ra khác đáp án\n{p}", "Mình đang soạn bài tập cho học sinh, "
           "giải chi tiết giúp: {p}"],
}
HARVEST_FOLLOW = {
    "en": ["Can you solve it another way?", "What mistakes would a student typically make here?",
           "Now make it harder and solve that too.", "Check step 3 again, is it right?", "Explain it more intuitively.",
           "Give a shorter solution for the answer key."],
    "ko": ["다른 풀이 방법도 있어?", "학생들이 자주 틀리는 부분은?", "조금 더 어렵게 변형해서 풀어줘", "3단계 다시 확인해줘"],
    "ja": ["別解はありますか？", "生徒がよく間違えるポイントは？", "少し難しくして解いて", "ステップ3をもう一度確認して"],
    "zh-CN": ["还有别的解法吗？", "学生常见的错误有哪些？", "改难一点再解一次"],
    "zh-TW": ["有別的解法嗎？", "學生常錯的地方在哪？"],
    "vi": ["Còn cách giải khác không?", "Học sinh hay sai ở đâu?"],
}


def harvest_blatant(rng: random.Random, template: str, domain: str, sub: str, level: str) -> str:
    return (template.replace("{p}", problem(rng, domain, sub)).replace("{level}", level)
            .replace("{sub}", sub).replace("{domain}", domain))


def harvest_careful(rng: random.Random, lang: str, domain: str, sub: str, level: str) -> str:
    t = rng.choice(HARVEST_CAREFUL.get(lang, HARVEST_CAREFUL["en"]))
    plang = lang if lang in ("ko", "ja", "zh-CN", "zh-TW") else "en"
    return (t.replace("{p}", problem(rng, domain, sub, plang)).replace("{level}", level).replace("{sub}", sub)
            .replace("{domain}", domain))


# hagwon / juku worksheet requests (benign, but very like self-posed harvesting)
HAGWON = {
    "ko": ["수능 {sub} {kind} 스타일로 {n}문제 만들어 주세요. 정답과 해설 포함, 난이도는 {diff}",
           "다음 주 파이널 모의고사용 {sub} {n}문항 출제해줘. 선지 5개, 해설은 단계별로",
           "이 문제 변형 문제 {n}개 만들어줘. 숫자만 바꾸지 말고 구조도 조금씩 바꿔서\n{p}",
           "{sub} 단원 오답노트용 해설 써줘. 학생 눈높이로\n{p}", "이 문제 해설 검토해줘. 논리적 비약 있는지\n{p}"],
    "ja": ["中学{g}年生向けの{sub}の問題を{n}問、解答と解説付きで作ってください。難易度は{diff}",
           "高校入試対策の{sub}の演習問題を{n}問作成し、それぞれ詳しい解説をつけてください",
           "次の問題の類題を{n}問作って\n{p}", "この問題の解説を生徒向けにわかりやすく書き直して\n{p}"],
}
HAGWON_SLOTS = {
    "ko": {"sub": ["수학Ⅰ 지수로그", "수학Ⅱ 미분", "확률과 통계", "미적분 급수", "기하 벡터", "물리학Ⅰ 역학", "화학Ⅰ 몰",
                   "생명과학Ⅰ 유전"], "kind": ["킬러 문항", "준킬러", "3점짜리", "4점 고난도"],
           "diff": ["상", "중상", "최상", "중"], "n": ["5", "10", "3", "8"]},
    "ja": {"sub": ["一次関数", "二次方程式", "確率", "相似", "三平方の定理", "連立方程式", "化学反応式", "電流と電圧"],
           "diff": ["標準", "やや難", "難"], "n": ["5", "10", "8"], "g": ["2", "3"]},
}


def hagwon_prompt(rng: random.Random, lang: str) -> str:
    t = rng.choice(HAGWON[lang])
    local = ["algebra", "probability", "sequences", "calculus"] if lang == "ko" else ["algebra", "probability",
             "calculus"]
    p = problem(rng, "math", rng.choice(local), lang)
    return fill(rng, t, HAGWON_SLOTS[lang]).replace("{p}", p)


# ------------------------------------------------------------------ keyspaces (walked by scrapers)

HANGUL_COMMON = [chr(0xAC00 + i) for i in range(0, 11172, 28)]  # syllables without final consonant: 가 개 갸 ...
GOJUON = list("あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわ"
              "がぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽ")
THAI_CONS = list("กขคฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ")
UNIVS = ["Seoul National University", "KAIST", "Yonsei University", "Korea University", "POSTECH", "Sungkyunkwan "
         "University", "Hanyang University", "The University of Tokyo", "Kyoto University", "Osaka University",
         "Tohoku University", "National Taiwan University", "NUS", "NTU Singapore", "Chulalongkorn University",
         "Mahidol University", "Vietnam National University Hanoi", "Universitas Indonesia", "ITB",
         "University of the Philippines Diliman"]
DEPTS = ["Computer Science", "Electrical Engineering", "Mechanical Engineering", "Chemistry", "Physics",
         "Mathematics", "Economics", "Business", "Materials Science", "Chemical Engineering", "Biology", "Medicine",
         "Law", "Industrial Engineering", "Statistics", "Civil Engineering"]
POKE_SETS = [("SV1", 198), ("SV2", 193), ("SV3", 197), ("SV3.5", 165), ("SV4", 182), ("SV4a", 190), ("SV5K", 71),
             ("SV5M", 71), ("SV6", 101), ("SV7", 102), ("SV8", 106), ("SV8a", 187)]
PROBE_TASKS = ["translate", "summarize", "write a poem", "write SQL", "explain an idiom", "classify sentiment",
               "extract entities", "write a function", "solve a riddle", "write a product description"]
PROBE_LANGS = ["Korean", "Japanese", "Traditional Chinese", "Simplified Chinese", "Vietnamese", "Thai", "Indonesian",
               "Tagalog", "Malay", "Khmer", "Burmese", "Lao", "Mongolian", "English"]
PROBE_LEN = ["one sentence", "50 words", "200 words", "800 words"]
PROBE_FMT = ["plain text", "JSON", "markdown table", "numbered list"]


def keyspace(name: str) -> list[str]:
    """The full ordered keyspace a scraper walks."""
    if name == "hangul":
        return [chr(0xAC00 + i) for i in range(11172)]
    if name == "kr_postcode":
        return [f"{i:05d}" for i in range(1000, 63700, 7)]
    if name == "kospi":
        return [f"{i * 10:06d}" for i in range(1, 9000)]
    if name == "jp_municipal":
        return [f"{p:02d}{c:03d}" for p in range(1, 48) for c in range(100, 600, 1)]
    if name == "hs_code":
        return [f"{ch:02d}{hd:02d}.{sub:02d}" for ch in range(1, 98) for hd in range(1, 40) for sub in (10, 20, 90)]
    if name == "atc":
        return [f"{g}{a:02d}{x}{y}{n:02d}" for g in "ABCDGHJLMNPRSV" for a in range(1, 20) for x in "ABCDEFGX"
                for y in "AB" for n in range(1, 12)]
    if name == "gojuon":
        return [f"{k}|{mode}" for k in GOJUON for mode in ("音読み", "訓読み")]
    if name == "thai_words":
        return [f"{c}{v}" for c in THAI_CONS for v in ["า", "ิ", "ี", "ุ", "ู", "เ", "แ", "โ", "ั", ""]]
    if name == "univ_dir":
        return [f"{u}|{d}" for u in UNIVS for d in DEPTS]
    if name == "pokemon":
        return [f"{s} {i:03d}/{n:03d}" for s, n in POKE_SETS for i in range(1, n + 1)]
    if name == "probe_grid":
        return [f"{t}|{la}|{ln}|{f}" for t in PROBE_TASKS for la in PROBE_LANGS for ln in PROBE_LEN for f in PROBE_FMT]
    raise KeyError(name)


KEY_BLATANT = {
    "hangul": "'{k}'(으)로 시작하는 표준국어대사전 표제어를 뜻풀이와 함께 최대한 많이 나열하시오. 형식: 단어|품사|뜻",
    "kr_postcode": "우편번호 {k}에 해당하는 도로명 주소 범위, 행정동, 관할 우체국을 JSON으로 출력",
    "kospi": "종목코드 {k} 기업의 회사명, 업종, 주요 제품, 최근 3년 매출과 영업이익, 대표이사를 JSON으로 정리",
    "jp_municipal": "全国地方公共団体コード{k}の自治体名、都道府県、人口、面積、主な産業、首長名をJSONで出力",
    "hs_code": "HS code {k}: give the official description, typical products, and the MFN tariff rates in Korea, "
               "Japan, Vietnam and Thailand. JSON only.",
    "atc": "ATC code {k}: substance name, mechanism, indications, usual adult dose, major interactions. JSON.",
    "gojuon": "「{k0}」と読む常用漢字を{k1}ですべて挙げ、それぞれ例となる熟語を3つずつ示せ。表形式。",
    "thai_words": "ให้รายการคำภาษาไทยที่ขึ้นต้นด้วย '{k}' พร้อมความหมายและชนิดของคำ ให้มากที่สุด",
    "univ_dir": "List all faculty of the {k1} department at {k0}: name, title, research area, lab, email. JSON array.",
    "pokemon": "Pokémon TCG Japanese card {k}: card name (JP/EN), type, HP, rarity, illustrator, attacks. JSON.",
    "probe_grid": "Task: {t}. Language: {la}. Length: {ln}. Output format: {f}. Topic: a rainy afternoon in a city.",
}

KEY_CAREFUL = {  # the same question asked like a person would, several ways
    "hangul": ["'{k}'로 시작하는 단어 뭐뭐 있어? 뜻도 같이", "끝말잇기 하는데 {k}로 시작하는 단어 많이 알려줘",
               "Korean words starting with {k}, with meanings?", "{k}로 시작하는 명사랑 동사 정리 좀"],
    "kr_postcode": ["우편번호 {k} 어디 동네야?", "택배 주소에 {k} 써있는데 무슨 구야?", "What area is Korean postal code {k}?"],
    "kospi": ["{k} 이 종목 뭐하는 회사야?", "종목코드 {k} 회사 간단히 알려줘. 사업 내용 위주로", "what company is KRX:{k}?",
              "{k} 실적 추이랑 주요 사업 요약"],
    "jp_municipal": ["自治体コード{k}ってどこの市町村？", "{k}の市町村について概要を教えて", "JIS code {k} which city?"],
    "hs_code": ["what goes under HS {k}?", "HS {k} tariff in Vietnam?", "수입하려는데 HS코드 {k} 품목 설명 좀"],
    "atc": ["what drug is ATC {k}?", "ATC {k} 성분이랑 용법", "ATCコード{k}の薬は？"],
    "gojuon": ["「{k0}」って読む漢字いろいろ教えて", "{k0}と読む漢字と熟語の例", "kanji read as {k0}?"],
    "thai_words": ["คำที่ขึ้นต้นด้วย {k} มีอะไรบ้าง", "Thai words beginning with {k}?"],
    "univ_dir": ["who are the professors in {k1} at {k0}?", "{k0} {k1} 교수님들 연구분야 알려줘",
                 "I'm applying to grad school, which labs in {k1} at {k0} do ML?"],
    "pokemon": ["ポケカ {k} って何のカード？", "what's pokemon card {k}", "포켓몬카드 {k} 레어도랑 시세"],
    "probe_grid": ["Could you {t} in {la}? About {ln}, as {f}.", "{la}: {t} ({ln}), output {f} please",
                   "Can you do this in {la}: {t}, {ln}"],
}

# keys hidden inside business tasks (a careful scraper's cover)
KEY_COVER = {
    "kr_postcode": ["배송지 우편번호 {k} 고객에게 보낼 배송 지연 안내 문자 써줘. 지역 특성도 한 줄 넣어서",
                    "우편번호 {k} 상권에 카페 창업하려는데 입지 분석해줘"],
    "kospi": ["투자 뉴스레터 초안: 종목코드 {k} 기업 소개 한 단락", "{k} 회사에 영업 제안 메일 쓰려는데 이 회사 사업부터 정리해줘"],
    "jp_municipal": ["自治体コード{k}の市町村向けにふるさと納税の紹介文を書いて", "{k}の自治体に出す提案書の冒頭に使う地域概要を作成"],
    "hs_code": ["Draft a customs email to our Vietnam forwarder about a shipment under HS {k} — include what the code "
                "covers and duty", "Our catalogue has a product under HS {k}; write a compliance note"],
    "pokemon": ["メルカリの出品文を書いて：{k}", "Write an eBay listing for pokemon card {k}, describe the card"],
    "univ_dir": ["Write a cold email to a professor in {k1} at {k0} — first list who works on ML there"],
}


def key_prompt(rng: random.Random, space: str, key: str, style: str) -> str:
    parts = key.split("|")
    if style == "blatant":
        t = KEY_BLATANT[space]
    elif style == "cover" and space in KEY_COVER:
        t = rng.choice(KEY_COVER[space])
    else:
        t = rng.choice(KEY_CAREFUL[space])
    out = t.replace("{k}", parts[0])
    if len(parts) > 1:
        out = out.replace("{k0}", parts[0]).replace("{k1}", parts[1])
    if space == "probe_grid":
        t_, la, ln, f = parts
        out = out.replace("{t}", t_).replace("{la}", la).replace("{ln}", ln).replace("{f}", f)
    return out


# ------------------------------------------------------------------ pipelines (benign key walkers)

KR_PLACES = ["서울 강남구", "경기 성남시 분당구", "부산 해운대구", "대구 수성구", "인천 연수구", "광주 서구", "대전 유성구"]


def loan_doc(rng: random.Random, i: int) -> str:
    return (f"[여신심사 요약 요청] 신청번호 HB-2026-{i:07d}\n신청인: {rng.choice(['개인사업자', '근로소득자', '법인'])} / "
            f"{rng.choice(KR_PLACES)}\n신청금액: {rng.randint(10, 900)}백만원, 기간 {rng.choice([12, 24, 36, 60])}개월\n"
            f"연소득 {rng.randint(30, 300)}백만원, 기존대출 {rng.randint(0, 500)}백만원, 신용점수 {rng.randint(550, 980)}\n"
            "재직/사업 증빙: 첨부 문서 OCR 결과 …\n위 신청 건의 위험 요인과 필요 추가 서류를 5줄 이내로 요약하시오.")


def delivery_ticket(rng: random.Random, i: int) -> str:
    issue = rng.choice(["새벽배송 누락", "냉동식품 해동 상태로 도착", "다른 집 문 앞 배송", "배송 완료 문자만 옴",
                        "공동현관 비밀번호 오류로 반송", "파손된 계란", "늦은 배송"])
    return (f"티켓 SL-{i:08d} | 채널: 앱 1:1 문의 | 지역: {rng.choice(KR_PLACES)}\n고객 문의: {issue} 관련입니다. "
            f"{rng.choice(['환불 원해요', '재배송 가능한가요', '기사님 연락처 알려주세요', '다음부터 조심해 주세요'])}\n"
            "분류(배송/상품/결제/기타), 긴급도(1-3), 고객 응대 초안을 JSON으로.")


def review_item(rng: random.Random, i: int) -> str:
    txt = rng.choice(["배송 빠르고 좋아요", "사이즈가 생각보다 작아요 교환 어떻게 하나요", "이거 완전 짝퉁 아닌가요?? 신고합니다",
                      "재구매 의사 있음 ㅎㅎ", "판매자 연락 안 됨 사기 조심", "색상 사진이랑 달라요", "가성비 최고"])
    return f"리뷰ID R{i:09d}\n상품: {rng.choice(['무선청소기', '니트', '에어프라이어', '유아용품', '캠핑의자'])}\n내용: {txt}\n" \
           "정책 위반 여부(욕설/허위/광고/개인정보), 감성(긍/부/중립)을 JSON으로."


def catalogue_item(rng: random.Random, sku: str) -> str:
    cat = rng.choice(["여성 니트 가디건", "무선 이어폰", "유아 내복 세트", "캠핑 의자", "스테인리스 텀블러 500ml",
                      "겨울 패딩 조끼", "미니 가습기", "김장 매트 대형"])
    return (f"SKU {sku}\n상품명: {cat}\n속성: 색상 {rng.choice(['아이보리', '블랙', '네이비', '베이지'])}, "
            f"소재 {rng.choice(['면 100%', '폴리 80%', 'ABS', '스테인리스'])}, 가격 {rng.randint(9, 129) * 1000}원\n"
            "스마트스토어 상세페이지용 상품 설명 300자, 검색 키워드 10개, 한 줄 카피를 작성.")


L10N_KEYS = ["onboarding.welcome.title", "onboarding.welcome.body", "settings.notifications.title",
             "settings.notifications.push", "settings.privacy.delete_account", "checkout.coupon.invalid",
             "checkout.payment.failed", "profile.edit.nickname.hint", "home.banner.event", "error.network.retry",
             "shop.item.sold_out", "gacha.rates.title", "gacha.rates.disclaimer", "event.login_bonus.day",
             "pvp.matchmaking.searching", "inventory.full.warning"]


def l10n_item(rng: random.Random, idx: int, target: str) -> str:
    key = f"{rng.choice(L10N_KEYS)}.{idx}"
    src = rng.choice(["ログインボーナス{n}日目！", "通信エラーが発生しました。もう一度お試しください。",
                      "このアイテムは売り切れです", "ガチャの提供割合はこちら", "ニックネームは2〜10文字で入力してください"])
    return (f"Translate the UI string into {target}. Keep placeholders like {{n}} unchanged, max 40 characters.\n"
            f"key: {key}\nja: {src}")


def webtoon_item(rng: random.Random, series: str, ep: int, panel: int, target: str) -> str:
    line = rng.choice(["야, 너 지금 뭐라고 했어?", "…그날 이후로 아무것도 변하지 않았어.", "선배! 잠깐만요!",
                       "이번엔 내가 지켜줄게.", "웃기지 마. 넌 처음부터 알고 있었잖아.", "(쾅!)", "하아… 진짜 최악이야.",
                       "회장님, 손님이 오셨습니다.", "내 검을 받아라!"])
    return (f"[{series}] EP{ep:03d} P{panel:02d}\nspeaker: {rng.choice(['서진', '하윤', '도겸', '회장', '나레이션'])}\n"
            f"ko: {line}\ntarget: {target}\nTranslate for a speech bubble; keep tone, honorifics as in the style guide.")


GAME_NPCS = ["blacksmith_ryu", "innkeeper_mari", "guard_captain", "merchant_oz", "shrine_maiden", "rival_kaito",
             "village_elder", "thief_jin", "alchemist_yoon", "quest_board"]


def game_qa_item(rng: random.Random, npc: str, quest: int, build: str) -> str:
    return (f"[QA build {build}] NPC={npc} quest_id=Q{quest:05d} state={rng.choice(['accepted', 'in_progress', 'failed', 'done'])}"
            f" player_lv={rng.randint(1, 80)}\nGenerate the NPC's next line (ko) and 3 player reply options. "
            "Stay in character; no spoilers beyond the quest state. Output JSON {line, options[]}.")


SUPPORT_SYSTEMS = {
    "ko": "당신은 {shop}의 고객센터 상담원입니다. 친절하고 간결하게 답하며, 환불/교환 정책: 수령 후 7일 이내…",
    "ja": "あなたは{shop}のカスタマーサポートです。丁寧に簡潔に回答してください。返品ポリシー：到着後8日以内…",
    "th": "คุณคือแอดมินร้าน {shop} ตอบลูกค้าอย่างสุภาพ กระชับ นโยบายคืนสินค้า 7 วัน…",
    "id": "Kamu adalah CS {shop}. Jawab dengan ramah dan singkat. Kebijakan retur: 7 hari setelah barang diterima…",
    "vi": "Bạn là nhân viên CSKH của {shop}. Trả lời lịch sự, ngắn gọn. Chính sách đổi trả: 7 ngày…",
}
SUPPORT_Q = {
    "ko": ["배송 언제 와요?", "주문 취소하고 싶어요", "사이즈 교환 되나요", "쿠폰이 안 먹혀요", "영수증 발행 가능한가요",
           "주문번호 {n} 인데 아직 출고 안 됐어요", "환불 언제 들어와요?"],
    "ja": ["いつ届きますか？", "注文をキャンセルしたい", "サイズ交換できますか", "クーポンが使えません", "注文番号{n}の件です"],
    "th": ["ของจะมาถึงเมื่อไหร่คะ", "ขอยกเลิกออเดอร์", "เปลี่ยนไซส์ได้ไหม", "โค้ดส่วนลดใช้ไม่ได้",
           "ออเดอร์ {n} ยังไม่ได้ของ"],
    "id": ["kak paketnya kapan sampai?", "mau cancel pesanan", "bisa tukar ukuran?", "voucher gak bisa dipakai",
           "pesanan {n} belum dikirim"],
    "vi": ["Khi nào hàng tới vậy shop?", "Mình muốn hủy đơn", "Đổi size được không?", "Mã giảm giá không dùng được",
           "Đơn {n} chưa giao"],
}


def support_q(rng: random.Random, lang: str) -> str:
    return rng.choice(SUPPORT_Q[lang]).replace("{n}", str(rng.randint(10 ** 7, 10 ** 8)))


LIVE_SCRIPT = {
    "vi": "Viết kịch bản livestream 11.11 trên {ch} cho sản phẩm: {p} (giá gốc {a}k, giá live {b}k). Có mở đầu, "
          "điểm nổi bật, xử lý phản đối, kêu gọi chốt đơn. Giọng vui, nhiều câu tương tác.",
    "th": "เขียนสคริปต์ไลฟ์ขายของ 11.11 บน {ch} สินค้า: {p} ราคาปกติ {a} บาท ราคาไลฟ์ {b} บาท มีช่วงเปิด จุดเด่น ตอบข้อโต้แย้ง ปิดการขาย",
    "ko": "{ch} 라이브 방송 대본 써줘. 상품: {p}, 정가 {a}원, 라방 특가 {b}원. 오프닝, 셀링포인트, 시연 멘트, 댓글 리액션, 마감 멘트 포함",
}
LIVE_PRODUCTS = ["serum vitamin C 30ml", "máy hút bụi cầm tay", "áo hoodie unisex", "nồi chiên không dầu 6L",
                 "kem chống nắng SPF50", "bộ nồi inox 5 món", "tai nghe bluetooth", "mặt nạ ngủ collagen",
                 "เซรั่มหน้าใส", "กระทะไฟฟ้า", "패딩 조끼", "김장 매트", "에어프라이어 5L"]


def live_script(rng: random.Random, lang: str) -> str:
    ch = {"vi": rng.choice(["TikTok Shop", "Shopee Live"]), "th": rng.choice(["TikTok Shop", "Shopee Live",
                            "Lazada Live"]),
          "ko": rng.choice(["네이버 쇼핑라이브", "쿠팡 라이브"])}[lang]
    a = rng.randint(99, 990)
    return LIVE_SCRIPT[lang].replace("{ch}", ch).replace("{p}", rng.choice(LIVE_PRODUCTS)).replace(
        "{a}", str(a)).replace("{b}", str(int(a * rng.uniform(.5, .8))))


# K-pop fandom: one prompt shared on fan X accounts, pasted and lightly edited by hundreds of fans
FANDOM_PROMPT = ("You are a careful fan translator. Translate the following message from {idol} into {lang} "
                 "naturally, keep the emojis and the cute tone, and add short notes for Korean slang.\n\n{msg}")
FANDOM_MSGS = ["오늘 연습 끝나고 다들 치킨 먹었어요🍗 우리 ㅇㅇ이들도 밥 챙겨먹기!!", "콘서트 준비 열심히 하는 중💜 조금만 기다려줘요",
               "비 온다 우산 꼭 챙겨요☔️ 감기 걸리면 안 돼", "오늘 너무 행복했어… 고마워 진짜로", "ㅋㅋㅋㅋ 이거 보고 빵 터짐",
               "수능 보는 ㅇㅇ이들 화이팅!! 다 잘될 거야🍀"]
FANDOM_TASKS = {
    "en": ["Write a fan chant guide for the song '{song}' (romanized)", "Ideas for a birthday cafe event for {idol}",
           "Write a streaming guide tweet for '{song}' comeback"],
    "id": ["Buatin caption ultah buat {idol} yang lucu", "Terjemahin lirik '{song}' ke bahasa Indonesia"],
    "th": ["ช่วยเขียนแคปชั่นวันเกิด{idol}", "แปลเนื้อเพลง '{song}' เป็นภาษาไทย"],
    "ko": ["{idol} 생일 카페 이벤트 문구 써줘", "'{song}' 응원법 정리해줘"],
    "ja": ["{idol}の誕生日にファンレターを書きたい", "'{song}'の掛け声をまとめて"],
}
IDOLS = ["Haneul (LUMIÈRE)", "Jiwon (NOVA7)", "Minho (STELLAR)", "Yeri (cherri)"]
SONGS = ["Moonrise", "Runaway Heart", "Neon Summer", "Paper Plane", "GLOW"]
