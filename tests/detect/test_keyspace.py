"""Keyspace walks over any keys: numbers, alphabets, catalogues, grids; harnesses and documents not."""

from __future__ import annotations

import random
import string

from moat.detect import keyspace

COUNTRIES = ["albania", "andorra", "armenia", "austria", "belarus", "belgium", "bosnia", "bulgaria",
             "croatia", "cyprus", "czechia", "denmark", "estonia", "finland", "france", "georgia", "germany",
             "greece", "hungary", "iceland", "ireland", "italy", "kosovo", "latvia", "lithuania",
             "luxembourg", "malta", "moldova", "monaco", "montenegro", "netherlands", "norway", "poland",
             "portugal", "romania", "russia", "serbia", "slovakia", "slovenia", "spain", "sweden",
             "switzerland", "turkey", "ukraine"]


def test_alphabet_walk_in_order() -> None:
    samples = [f"List twenty English words that begin with the letters {a}{b}." for a in "abc"
               for b in string.ascii_lowercase]
    walk = keyspace.analyse(samples, len(samples))
    assert walk is not None and walk.kind == "words" and walk.distinct == 1.0
    assert walk.order > 0.95 and walk.walking == 1.0 and walk.slot_words <= 2


def test_catalogue_walk_locally_shuffled_with_chatter() -> None:
    rnd = random.Random(1)
    walked = COUNTRIES[:]
    for i in range(0, len(walked), 6):  # shuffled inside windows of six
        window = walked[i:i + 6]
        rnd.shuffle(window)
        walked[i:i + 6] = window
    samples = []
    for c in walked:
        samples.append(f"Give me the full profile of {c}: capital, population, languages and currency.")
        if rnd.random() < 0.2:
            samples.append("thanks, that was helpful")
    walk = keyspace.analyse(samples, len(samples))
    assert walk is not None and walk.order > 0.85 and walk.walking > 0.9


def test_a_thin_sample_of_a_long_walk_is_read_by_the_requests_it_stands_for() -> None:
    """Online and in `moat detect` an account keeps a sample of its prompts: thirty from a walk of
    three hundred show thirty keys, all new. That is a walk over some three hundred keys, not
    thirty; the same sample standing for thirty requests is a small family of questions."""
    rnd = random.Random(3)
    sample = [f"Give me the full profile of {c}: capital, population, languages and currency."
              for c in rnd.sample(COUNTRIES, 30)]
    long_walk = keyspace.analyse(sample, 300)
    short = keyspace.analyse(sample, len(sample))
    assert long_walk is not None and short is not None
    assert long_walk.coverage == 1.0 and long_walk.walking >= 0.7
    assert short.coverage < 0.8 and short.walking < long_walk.walking


def test_grid_of_probes() -> None:
    tasks = ("haiku", "limerick", "summary", "joke", "riddle")
    langs = ("spanish", "german", "french", "polish", "greek", "turkish")
    samples = [f"Write a {t} about the sea in {lang} please" for t in tasks for lang in langs]
    walk = keyspace.analyse(samples, len(samples))
    assert walk is not None and walk.kind == "grid" and walk.coverage == 1.0 and walk.walking == 1.0


def test_a_harness_rerunning_a_fixed_set_repeats_its_keys() -> None:
    qs = [f"Question {k} of 200: which of the following is a prime number {k * 7 % 97} or {k * 11 % 89}?"
          for k in range(60)]
    samples = qs * 3
    walk = keyspace.analyse(samples, len(samples))
    assert walk is None or walk.distinct < 0.5


def test_a_cache_busting_seed_does_not_make_a_fixed_set_new() -> None:
    """A harness that adds a random seed to each of its few questions asks nothing new: the seed is a
    nonce, the keys are the questions. A street number beside a street is part of the key."""
    rnd = random.Random(7)
    subjects = ["eigenvalues", "tort law", "plate tectonics", "jazz harmony", "kant ethics"]
    seeded = [f"Explain {rnd.choice(subjects)} {rnd.random():.6f} from first principles." for _ in range(40)]
    walk = keyspace.analyse(seeded, 400)
    assert walk is not None and walk.kind == "words" and walk.distinct <= 0.2  # five keys, not forty
    streets = [f"List every registered business on {rnd.choice(['Main', 'Station', 'Church'])} Road No. "
               f"{rnd.randint(1, 60)}, Nairobi." for _ in range(40)]
    assert (keyspace.analyse(streets, 400) or walk).distinct >= 0.7


def test_documents_in_a_template_are_not_keys() -> None:
    rnd = random.Random(2)
    words = [f"w{i}" for i in range(400)]
    samples = [f"Extract the fields from this invoice: {' '.join(rnd.choices(words, k=25))}" for _ in range(40)]
    walk = keyspace.analyse(samples, len(samples))
    assert walk is None or (walk.slot_words >= 20 and walk.order < 0.5)


def test_ordinary_chat_has_no_family() -> None:
    rnd = random.Random(3)
    vocab = [f"v{i}" for i in range(300)]
    samples = [" ".join(rnd.choices(vocab, k=12)) for _ in range(50)]
    assert keyspace.analyse(samples, len(samples)) is None


def test_a_prefix_walk_through_three_paraphrased_frames_reads_the_prefix_as_the_key() -> None:
    """A careful dictionary scraper asks for two-letter prefixes through three phrasings, among
    chatter. Read with the frame that knows all three phrasings, the slot is the prefix, not a
    paraphrase's own words (which would read as a document)."""
    rnd = random.Random(5)
    frames = ("Give me every common English word starting with '{p}' and its part of speech.",
              "words beginning with {p} — as many as you can, with meanings",
              'List 50 English words that begin with "{p}", each with a one-line definition.')
    samples = []
    for a in "klm":
        for b in string.ascii_lowercase:
            samples.append(rnd.choice(frames).format(p=a + b).lower())
            if rnd.random() < 0.15:
                samples.append("what should i ask at a parent-teacher conference?")
    walk = keyspace.analyse(samples[:40], 450)
    assert walk is not None and walk.slot_words <= 2 and walk.distinct == 1.0 and walk.extracting >= 0.7


def test_numbers_drawn_for_a_generated_problem_are_parameters_not_keys() -> None:
    """A lab's generated word problems carry several fresh numbers each: every slot is new, nothing
    is walked. One number per prompt walked in order is still a walk."""
    rnd = random.Random(9)
    problems = [f"Question q{rnd.randint(1, 99)}: a shop sells {rnd.randint(100, 999)} items at {rnd.randint(2, 99)} "
                f"each; after {rnd.randint(2, 30)} days how many remain?" for _ in range(40)]
    walk = keyspace.analyse(problems, 400)
    assert walk is not None and walk.parameters and walk.walking == 1.0 and walk.extracting < 0.3
    codes = [f"PIN code {700001 + 6 * k}: which areas, post offices and taluka does it cover?" for k in range(40)]
    walk = keyspace.analyse(codes, len(codes))
    assert walk is not None and not walk.parameters and walk.extracting == 1.0


def test_a_walk_over_several_stretches_of_a_numbered_space_covers_them() -> None:
    """One member of a network sharing a walk over postal codes takes every sixth code, city by
    city: four short stretches densely covered, not the distance between the cities. Codes drawn
    at random from the same span cover a sliver of it."""
    rnd = random.Random(4)
    cities = (110001, 226001, 400001, 700001)
    codes = [c + 6 * k + 2 for c in cities for k in range(10)]
    rnd.shuffle(codes)  # the sample of a walk whose order shows nothing
    frame = "List every post office, locality and district for Indian PIN code {k}."
    walk = keyspace.analyse([frame.format(k=k) for k in codes], 40)
    assert walk is not None and walk.kind == "numbers" and walk.coverage == 1.0 and walk.walking == 1.0
    drawn = [rnd.randint(110001, 700160) for _ in range(40)]
    walk = keyspace.analyse([frame.format(k=k) for k in drawn], 40)
    assert walk is not None and walk.coverage < 0.05 and walk.walking < 0.3


def test_a_code_written_in_groups_of_digits_is_one_key() -> None:
    """The EU's Combined Nomenclature writes its codes in groups ("9708 10 00"): one key each,
    walked in order, not three numbers drawn for a problem."""
    codes = [f"EU Combined Nomenclature {c:04d} {s:02d} 00: description, duty rate, classification notes."
             for c in range(9701, 9711) for s in (10, 20, 30, 90)]
    walk = keyspace.analyse(codes, len(codes))
    assert walk is not None and walk.kind == "numbers" and not walk.parameters
    assert walk.order > 0.95 and walk.extracting == 1.0


def test_a_walk_over_the_hangul_syllabary_is_read_in_hangul() -> None:
    """Words are read in every script: a walk over Korean syllables ("words beginning with 각")
    has its frame in Hangul and its keys are the syllables, in order."""
    syllables = [chr(0xAC00 + 28 * i + j) for i in range(4) for j in range(0, 28, 3)]
    samples = [f"{s}(으)로 시작하는 단어를 뜻과 함께 20개 알려줘" for s in syllables]
    walk = keyspace.analyse(samples, len(samples))
    assert walk is not None and walk.kind == "words" and walk.distinct == 1.0
    assert walk.order > 0.95 and walk.walking == 1.0 and walk.slot_words == 1


def test_a_script_written_without_spaces_is_read_character_by_character() -> None:
    """Chinese and Japanese put no spaces between words: each character is a token, so a frame
    and its one-character slot show (a walk over the characters of a dictionary)."""
    chars = [chr(c) for c in range(0x4E00, 0x4E00 + 40)]
    samples = [f"请解释汉字「{c}」的读音、部首和常见词语" for c in chars]
    walk = keyspace.analyse(samples, len(samples))
    assert walk is not None and walk.kind == "words" and walk.distinct == 1.0 and walk.order > 0.95
    assert keyspace.templated_share(samples) == 1.0


def test_a_korean_job_template_is_a_template_and_korean_chat_is_not() -> None:
    rnd = random.Random(5)
    goods = ["다이어트 보조제", "제주 감귤 5kg", "홍대 파스타 맛집", "분당 필라테스 체험", "무선 이어폰", "캠핑 의자"]
    keywords = ["맛집추천", "내돈내산", "가성비", "솔직후기"]
    job = [f"네이버 블로그 체험단 후기 작성. 상품: {rnd.choice(goods)}. 분량 1500자. 키워드 '{rnd.choice(keywords)}' "
           "5회 자연스럽게 반복. 말투: 20대 여성 일상 블로그" for _ in range(40)]
    assert keyspace.templated_share(job) >= 0.9
    chat = ["김장할 때 배추 10포기에 소금은 얼마나 넣어야 해?", "빼빼로데이 선물로 뭐가 좋을까",
            "수능 응원 메시지 써줘",
            "오늘 저녁 메뉴 추천해줘", "전세 계약할 때 확인할 것들 정리해줘", "엑셀에서 vlookup 쓰는 법 알려줘",
            "부산 2박3일 여행 코스 짜줘", "강아지가 초콜릿을 먹었는데 괜찮을까?", "영어 이메일 좀 다듬어줘",
            "회사 면접에서 자기소개 어떻게 해?", "감기 걸렸을 때 먹으면 좋은 음식", "파이썬 리스트 정렬하는 방법",
            "주말에 볼만한 영화 추천", "연말정산 서류 뭐 준비해야 돼?"]
    assert keyspace.analyse(chat, len(chat)) is None and keyspace.templated_share(chat) == 0.0
