"""Text features of a prompt: reasoning elicitation, topic domains, skeleton, counter, shingles.

Only sampled requests get these (see `state.AccountState`): they cost microseconds each, and an
account's share of elicitation or its topic breadth is well estimated from a few hundred samples.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache

from moat.detect.topics import KEYWORDS

# Phrasings that ask a model to spell out its reasoning. Generic forms, not one prompt's wording.
# Phrases match anywhere (a typo glues a letter on: "it dow nstep by step"); the one single word is
# not matched inside another ("rationale" is not the one in a pasted "OperationalError").
ELICIT = re.compile(
    r"(?:step[- ]by[- ]step|show (?:all )?(?:of )?(?:your|the) (?:work|reasoning|thinking|steps)"
    r"|chain[- ]of[- ]thought|think (?:carefully|step|through|it through|out loud|aloud|hard)"
    r"|reason (?:through|carefully|step|it out)|explain (?:your|the) reasoning|walk (?:me )?through"
    r"|(?:full|complete|detailed|entire) (?:reasoning|derivation|thought process)|let'?s think"
    r"|before (?:giving|answering|the final)|show (?:your|the) derivation|justify (?:your|the|each) (?:answer|step)"
    r"|(?:reasoning|thinking|thought) (?:process|steps|trace)|stepwise|(?<![a-z])rationale)"
)
# Every ELICIT alternative contains one of these: a plain substring test skips the regex for
# the ordinary prompt (the regex costs ~10 us, the test well under 1 us).
_ELICIT_HINTS = ("step", "show", "thought", "think", "reason", "walk", "deriv", "before", "let", "justif",
                 "rationale")
# A bounded justification ("give a one-sentence rationale", "a one-paragraph rationale, then the
# label", "briefly justify the label") asks for a few lines, not a reasoning trace: a labelling
# job's instruction, not a harvester's.
# The bound qualifies the phrase itself ("a one-sentence rationale", "briefly explain your
# reasoning"), not a sentence nearby ("Quick question: think step by step").
_BRIEF_BEFORE = re.compile(r"(?:(?:one|1|single|two|2)[- ](?:sentence|line|word|paragraph)"
                           r"|brief(?:ly)?|short|concise(?:ly)?)\s+$")
_BRIEF_AFTER = re.compile(r"^\W*(?:in (?:one|a single|1|a few|two|2|a short) (?:sentence|line|word|paragraph)s?"
                          r"|briefly|concisely)")
_DIGITS = re.compile(r"\d+")
_DIGIT_CHARS = "0123456789"
_PUNCT = str.maketrans({c: " " for c in ".,;:!?()[]{}\"'`/\\<>=*|"})
_KEYWORDS = KEYWORDS.keys()

# A prompt that asks the model to make something up ("Give a hard graduate problem in cardiology and
# solve it", "Write a new word problem about trains"): sent again, it asks for another one.
_GENERATE = re.compile(
    r"^\W*(?:please\s+)?(?:give|generate|create|write|invent|compose|come up with|make up|produce|pose|draft)"
    r"\s+(?:me\s+|us\s+)?(?:\S+\s+){0,5}?(?:problems?|questions?|exercises?|puzzles?|examples?|stor(?:y|ies)"
    r"|scenarios?|quiz(?:zes)?|riddles?|dialogues?|essays?|poems?|tasks?|case stud(?:y|ies)|test cases?)\b")

# A prompt that asks the model to make up a problem and solve it, for a worked example, or for a
# training record's fields ("reasoning_steps"): synthetic training data (`poses_own_problem`).
# The same ask in the languages a global API sees most: (make) ... (a problem) ... (solve it), in
# the order each language puts them (verb last in Turkish, Japanese and Korean). The languages in
# Latin script share one pattern of their words pooled (one pass instead of seven: a prompt that
# passes the gates below is searched in ~4 us, not ~40); the others are searched only in a
# prompt that is not plain ASCII.
_LATIN_VERBS = (r"give|generate|create|write|invent|compose|come up with|make up|produce|pose|draft|set"
                r"|escribe|crea|genera|inventa|plantea|redacta|propón|escreva|crie|gere|invente|elabore|formule"
                r"|proponha|[ée]cris|r[ée]dige|cr[ée]e|g[ée]n[èe]re|propose|schreib\w*|erstelle|generiere|erfinde"
                r"|formuliere|stelle|scrivi|formula|proponi|ułóż|napisz|stwórz|wygeneruj|wymyśl|zaproponuj")
_LATIN_NOUNS = (r"problems?|questions?|exercises?|puzzles?|examples?|tasks?|problemas?|preguntas?|ejercicios?"
                r"|quest[aã]o|quest[oõ]es|pergunta|exerc[ií]cio|probl[èe]me|exercice|aufgabe|frage|übung"
                r"|problemi|domand[ae]|esercizi[oi]|zadani|pytani")
_LATIN_SOLVE = (r"solv|solution|answer|reason|work(?:ed)? through|derive|prove|resu[eé]lv|soluci[oó]n|respuesta"
                r"|razona|resolv|solu[cç][aã]o|resposta|r[ée]sou|r[ée]ponse|lös|loes|antwort|beantwort|risolv"
                r"|soluzion|rispost|rozwiąż|rozwiązani|odpowied")
_POSES_LATIN = re.compile(
    rf"\b(?:{_LATIN_VERBS})\b.{{0,80}}?\b(?:{_LATIN_NOUNS}).{{0,120}}?\b(?:{_LATIN_SOLVE})"
    r"|\bworked examples?\b|\"reasoning(?:_steps)?\"\s*:|\breasoning_steps\b", re.S)
_POSES_OTHER = re.compile("|".join((
    r"(?:напиши|составь|придумай|сгенерируй|создай|сформулируй).{0,80}?(?:задач|вопрос|упражнени).{0,120}?(?:реши"
    r"|решени|ответ)",
    r"(?:اكتب|أنشئ|ضع|صمم|ولد|ولّد).{0,80}?(?:مسألة|مسالة|سؤال|تمرين|مشكلة).{0,120}?(?:حل|أجب|الإجابة)",
    r"(?:soru|problem|al\u0131\u015ft\u0131rma).{0,80}?(?:yaz|olu\u015ftur|üret|haz\u0131rla).{0,120}?"
    r"(?:çöz|cevap|yan\u0131t)",  # dotless i escaped
    r"(?:出|编|写|生成|设计|构造).{0,20}?(?:题|问题).{0,60}?(?:解|答案)",
    r"(?:問題|質問).{0,40}?(?:作|生成|出題|考え).{0,60}?(?:解|答え)",
    r"(?:문제|질문).{0,40}?(?:만들|작성|생성|출제).{0,60}?(?:풀|해답|답)",
)), re.S)

# Cheap gates before the search: every pattern needs one of these nouns and one of these stems of
# "solve" / "answer", so a prompt without both is not searched.
_POSES_NOUNS = ("problem", "question", "exercis", "puzzle", "example", "task", "pregunta", "ejercicio", "quest",
                "pergunta", "exerc", "probl", "aufgabe", "frage", "übung", "domand", "esercizi", "zadani", "pytani",
                "задач", "вопрос", "упражн", "مسألة", "مسالة", "سؤال", "تمرين", "مشكلة", "soru",
                "al\u0131\u015ft\u0131rma", "题", "問題", "質問", "문제", "질문", "reasoning")
_POSES_STEMS = ("solv", "solution", "answer", "reason", "work", "deriv", "prove", "resu", "soluci", "respuesta",
                "razona", "resolv", "solu", "resposta", "résou", "resou", "réponse", "reponse", "lös", "los",
                "antwort", "risolv", "soluzion", "rispost", "rozwiąż", "rozwiązani", "odpowied", "реш", "ответ",
                "حل", "أجب", "الإجابة", "çöz", "cevap", "yan\u0131t", "解", "答案", "答え", "풀", "답")

# Text of the caller's own (`hands_own_text`): quoted, or set off as a document below the instruction.
_QUOTED = re.compile(r'["\u201c`]([^"\u201d`]+)["\u201d`]|(?:^|(?<=[\s:(]))\'([^\']+)\'(?=[\s.,;:!?)]|$)')
_FIELD = re.compile(r"^\w[\w .'/-]{0,30}[:\uff1a]\s*\S")  # a form's line: "Supplier: Sendy Ltd", "Text: ..."
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")  # kana and CJK: no spaces between words
OWN_WORDS = 3  # a quote or a document this long is text, not a key
OWN_CHARS = 4096
# A system prompt that sets a task over each message ("Classify the customer message into ...",
# "Summarise the article in 3 bullet points"): the messages are the caller's documents. The object
# must be a text someone supplies; "extract the requested data" is no such thing.
_TASK = re.compile(
    r"(?:^|[.!?:;]\s+)(?:please\s+)?(?:classify|categori[sz]e|label|tag|annotate|extract\b[^.\n]{0,40}?\bfrom"
    r"|summari[sz]e|translate|transcribe|normali[sz]e|redact|rewrite|paraphrase|proofread|correct|moderate"
    r"|anonymi[sz]e|reformat|score|rate|grade)\b[^.\n]{0,60}?"
    r"\b(?:the|this|these|each|every|following|given|provided|incoming)\s+(?:[\w'-]+\s+){0,2}?"
    r"(?:messages?|texts?|articles?|documents?|e-?mails?|reviews?|tickets?|passages?|transcripts?|posts?"
    r"|comments?|invoices?|receipts?|utterances?|conversations?|sentences?|paragraphs?|notes?|reports?"
    r"|claims?|inputs?|strings?|chats?|calls?|letters?|contracts?|cvs?|resumes?)\b")


def elicits_reasoning(text: str | None) -> bool:
    """Whether `text` asks for the model's reasoning spelled out (not a one-line justification)."""
    if not text:
        return False
    low = text.lower()
    if not any(h in low for h in _ELICIT_HINTS):
        return False
    for m in ELICIT.finditer(low):
        bounded = (_BRIEF_BEFORE.search(low, max(0, m.start() - 30), m.start())
                   or _BRIEF_AFTER.search(low[m.end():m.end() + 30]))
        if not bounded:
            return True
    return False


def topics(text: str) -> set[str]:
    """Domains whose keywords occur in the text."""
    words = set(text.lower().translate(_PUNCT).split())
    return {KEYWORDS[w] for w in _KEYWORDS & words}


def skeleton(text: str) -> tuple[str, list[int]]:
    """The prompt with every number replaced by '#', and the numbers (enumeration shows here)."""
    low = text.lower()[:240]
    if not any(d in low for d in _DIGIT_CHARS):
        return low, []
    nums = [int(m) for m in _DIGITS.findall(low) if len(m) < 13]
    return _DIGITS.sub("#", low), nums


def shingles(skel: str) -> list[int]:
    """Stable 32-bit hashes of word 3-grams (stable across processes, unlike hash())."""
    words = skel.split()
    if len(words) < 3:
        return [zlib.crc32(skel.encode())] if skel else []
    crc = zlib.crc32
    return [crc(f"{words[i]} {words[i + 1]} {words[i + 2]}".encode()) for i in range(len(words) - 2)]


def words(text: str) -> int:
    """Words in `text`; in scripts written without spaces, two characters count as one."""
    return len(text.split()) + len(_UNSPACED.findall(text)) // 2


def hands_own_text(prompt: str) -> bool:
    """Whether a prompt hands the model text of the caller's own to work on (see
    `moat.detect.scraping`): a quoted span of three words or more, or a document set off below the
    instruction (after a line ending in a colon, or several lines, or `Field: value` lines). A
    question wrapped onto a second line is neither. Read before the sample's truncation, on the
    first OWN_CHARS characters (where a document handed over begins; an agent's 200 KB context is
    not read whole on every sampled request)."""
    return bool(own_parts(prompt[:OWN_CHARS]))


def own_parts(prompt: str) -> list[str]:
    """The text a prompt hands over (`hands_own_text`): its quoted spans of three words or more,
    else the document below its first line; [] when there is none."""
    quoted = [a or b for a, b in _QUOTED.findall(prompt) if words(a or b) >= OWN_WORDS]
    if quoted:
        return quoted
    if "=" in prompt and (fields := field_record(prompt)):
        return fields
    if "\n" not in prompt:
        return inline_record(prompt)
    lines = [line.strip() for line in prompt.split("\n") if line.strip()]
    if len(lines) < 2 or words(" ".join(lines[1:])) < OWN_WORDS:
        return []
    if lines[0].endswith((":", "\uff1a")) or len(lines) >= 3 or any(_FIELD.match(line) for line in lines[1:]):
        return ["\n".join(lines[1:])]
    return []


RECORD_FIELDS = 3  # comma-separated fields after a record's colon
RECORD_NUMBERS = 2  # of which this many carry a figure (a quantity, a price, a weight)
_RECORD_NUMBER = re.compile(r"\d")


_PAIR = re.compile(r"(?<![\w=])[A-Za-z_][\w.-]*=([^\s=,;]+)")


def field_record(prompt: str) -> list[str]:
    """A record written as `key=value` pairs on a line of its own or the instruction's ("NPC=ryu
    quest_id=Q01001 state=failed player_lv=65"; a log line, a game or device state): at least
    RECORD_FIELDS pairs, RECORD_NUMBERS of them with a figure. A lookup's parameters ("id=123
    format=json") are fewer and carry no figures of the record's own."""
    for line in prompt.split("\n"):
        values = _PAIR.findall(line)
        if len(values) >= RECORD_FIELDS and sum(1 for v in values if _RECORD_NUMBER.search(v)) >= RECORD_NUMBERS:
            return [line.strip()]
    return []


def inline_record(prompt: str) -> list[str]:
    """A record handed over on the instruction's own line: its id, a colon, then its fields
    ("B/L STSH-MAA-697259: Shipper Sri Murugan Exports, Consignee Lim Trading, POL Chennai,
    5 x 40HC, gross 32142 kg"; "SKU BK-325774: 20000 mAh power bank 22.5W, Pack of 2, MRP Rs
    1768. Output: ..."). The figures are the record's own data: a question after a key's colon
    ("PIN code 560001: which areas and post offices?", "the profile of France: capital,
    population and currency") asks for fields and carries none."""
    head, sep, rest = prompt.partition(":")
    if not sep or not any(c.isdigit() for c in head):
        return []
    record = rest.split(". ")[0].strip()
    if record.endswith("?"):
        return []
    fields = [f for f in record.split(",") if f.strip()]
    if len(fields) < RECORD_FIELDS or words(record) < OWN_WORDS:
        return []
    if sum(1 for f in fields if _RECORD_NUMBER.search(f)) < RECORD_NUMBERS:
        return []
    return [record]


def assigns_transformation(system: str) -> bool:
    """Whether a system prompt sets a task over each message the caller sends (classify, label,
    summarise, translate... the message, the article, the text): its messages are documents of the
    caller's own, not questions about what the model knows."""
    return _TASK.search(system[:400].lower()) is not None


# A request that names a training record's fields: an instruction-tuning record ("output JSON with
# keys instruction, input, output"; `"instruction": ..., "response": ...`), a preference pair
# (chosen / rejected), a prompt / completion pair. A person asks for an answer; a dataset asks for
# the record the answer goes into. The field names must be named as fields (keys, columns, JSON),
# not merely used ("read the instruction below and output the total").
_RECORD = re.compile(
    r"(?:keys?|fields?|columns?|jsonl?|schema|format)\b[^.\n]{0,40}?\binstruction\b[^.\n]{0,40}?"
    r"\b(?:output|response|completion|answer)\b"
    r"|\"instruction\"\s*:.{0,400}?\"(?:output|response|completion)\"\s*:"
    r"|(?:keys?|fields?|columns?|jsonl?)\b[^.\n]{0,40}?\bchosen\b[^.\n]{0,30}?\brejected\b"
    r"|\"chosen\"\s*:.{0,400}?\"rejected\"\s*:"
    r"|(?:keys?|fields?|columns?|jsonl?)\b[^.\n]{0,40}?\bprompt\b[^.\n]{0,30}?\bcompletion\b", re.S)


def asks_for_record(text: str | None) -> bool:
    """Whether a prompt (or system prompt) asks for a training record by its fields."""
    return _record(text[:800]) if text else False


@lru_cache(maxsize=4096)  # a harvester's system prompt and template repeat
def _record(head: str) -> bool:
    low = head.lower()
    if "instruction" not in low and "chosen" not in low and "completion" not in low:
        return False
    return _RECORD.search(low) is not None


def poses_own_problem(prompt: str) -> bool:
    """Whether a prompt asks the model to make up a problem and solve it ("Give a hard graduate
    problem in number theory and solve it step by step"), for a worked example, or for a training
    record's fields: the question and its reasoning both come from the model, which is how
    synthetic reasoning data is made. A person brings a problem of their own."""
    return _poses(prompt[:400])


@lru_cache(maxsize=8192)  # harvesters re-send the same few asks; a head is at most 400 characters
def _poses(head: str) -> bool:
    low = head.lower()
    if not any(n in low for n in _POSES_NOUNS) or not any(w in low for w in _POSES_STEMS):
        return False
    if _POSES_LATIN.search(low) is not None:
        return True
    return not low.isascii() and _POSES_OTHER.search(low) is not None


def asks_to_generate(prompt: str) -> bool:
    """Whether a prompt asks the model to make up a problem, question, story... of its own: sent
    again, it asks for another one (sampling), not the same answer (a benchmark's re-run)."""
    return _GENERATE.search(prompt[:200].lower()) is not None
