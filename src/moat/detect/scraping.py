"""Scraping and extraction: systematic enumeration of what the model (or API) knows.

The signature that generalises: near-identical prompts that differ only in a counter, and the
counter walking its range (rising or falling with time, or covering most of the range it spans).
Templated enterprise jobs do not look like that: their prompts carry a different document each
time, so their skeletons do not repeat even when a ticket number counts up. Volume and
machine-regular timing support it.

Extraction asks about things the model knows, by name; a transformation workload hands the model
text of its own, to classify, extract from, label or translate. It comes in three forms: quoted
("Translate to de-DE. Key `editor.save_3`: "Save changes""; "Label the sentiment: "Refund took 3
weeks"") or set off as a document below the instruction ("Extract vendor, date and total from
invoice INV-0098020:\n<the invoice>"; "Item 788-05049\nLabel the sentiment ...\nText: <the
review>"; a form of `Field: value` lines), on the instruction's own line as a record's fields
after its id ("B/L STSH-MAA-697259: Shipper Sri Murugan Exports, ..., gross 32142 kg"), or as
every message under a system prompt that sets a task over it ("Classify the customer message
into ..."). On six labelled sets written by others, scrapers did
any of these in at most 8% of their sampled prompts; localisation, translation, labelling, evaluation
and batch pipelines in 50-100%. A walk over one's own records (an invoice or ticket number
counting up beside each document) is not extraction. A wrapped request is not a document either:
a careful scraper quotes its own question ("Question:\n"<the request>"", a JSON body) on some
prompts and sends it bare on others, and text handed over that is one of the account's own plain
prompts does not count as its own text (`_wrapped_share`).
"""

from __future__ import annotations

import math
import re
import time
from collections import Counter

import numpy as np

from moat.detect import keyspace, text
from moat.detect.scoring import Score, noisy_and, num, pct, ramp
from moat.detect.state import AccountState

MIN_REQUESTS = 20
MIN_KEYS = 8  # distinct values a counter must take before its movement says anything
WRAPPED = 0.6  # word overlap (Jaccard) at which a handed-over text is one of the account's plain prompts
_WORD = re.compile(r"\w+")


def _words_of(text_: str) -> frozenset[str]:
    """The words of a text without its keys (tokens with digits) and punctuation."""
    return frozenset(w for w in _WORD.findall(text_.lower()) if not any(c.isdigit() for c in w))


def _wrapped_share(samples: list[str]) -> float:
    """Share of the sampled prompts handing over text that is not a document of the account's own:
    - one of its own plain requests: a careful scraper wraps its questions in quotes, a
      "Question:" block or JSON on some of its prompts and sends them bare on others;
    - or, on the instruction's own line, the same fields again and again: fixed instructions
      after a key ("ICD-10 code A01.1: name, chapter, 3 synonyms"), where a job's records differ
      every time (a document set off below may repeat: customers send the same short message).
    A transformation job's documents never stand alone as prompts. (Read on the
    kept samples; a job whose documents begin past their cut reads as no wrapping, and keeps its
    reading from the whole prompts.)"""
    plain: list[frozenset[str]] = []
    handed: list[list[str]] = []
    records: Counter[str] = Counter()  # inline records (fields after a key's colon), as sent
    for p in samples:
        parts = text.own_parts(p)
        if parts:
            handed.append(parts)
            if "\n" not in p and parts == text.inline_record(p):
                records[parts[0]] += 1
        else:
            plain.append(_words_of(p))
    if not handed:
        return 0.0
    bare = {w for w in plain if len(w) >= 3}
    seen: dict[str, bool] = {}
    matched = 0
    for parts in handed:
        for x in parts:
            hit = seen.get(x)
            if hit is None:
                words = _words_of(x)
                hit = seen[x] = records[x] >= 2 or (
                    len(words) >= 3 and any(len(words & b) >= WRAPPED * len(words | b) for b in bare))
            if hit:
                matched += 1
                break
    return matched / len(handed)


# A record's identifier stamped with a year: "SIN-2026-341200", "INV/2026/0042", "KYC-2026-418800".
_DATED_ID = re.compile(r"\b[a-z]{2,}[-/_ ]?(20\d\d)[-/_]\d{3,}\b")


def _dated_share(samples: list[str], now: float) -> float:
    """Share of the sampled prompts naming a record whose identifier is stamped with the year the
    traffic was recorded (a claim, a case file, an invoice of this year's series). No model was
    trained on this year's records: asking about them walks the caller's own files, there is
    nothing of the model's to extract. A walk over last year's vulnerability ids still extracts."""
    if not samples or now <= 0:
        return 0.0
    year = str(time.gmtime(now).tm_year)
    return sum(1 for p in samples if year in _DATED_ID.findall(p)) / len(samples)


def _rank_correlation(xs: list[int]) -> float:
    """Spearman correlation between arrival order and the counter (1: a walk up, -1: down).

    Equal values share a rank: a number that never changes ("priority P1-P4" on every ticket)
    has no order, where ranking its copies by arrival would read as a perfect walk."""
    if len(xs) < 8:
        return 0.0
    r = np.unique(np.asarray(xs, dtype=np.int64), return_inverse=True)[1].astype(np.float64)
    if r.std() == 0:
        return 0.0
    return float(np.corrcoef(np.arange(len(xs), dtype=np.float64), r)[0, 1])


def _walk(lists: list[list[int]], requests: float) -> tuple[float, int, float, float]:
    """How much the counters look like a systematic walk: in arrival order, or covering a range.

    Both are independent of how densely requests were sampled: the order shows in any subsample,
    and coverage compares the requests sent with the size of the range they span.
    """
    long = [xs for xs in lists if len(xs) >= 8]
    values = sorted({x for xs in long for x in xs})
    if len(values) < MIN_KEYS:  # a few numbers asked again and again walk nothing
        return 0.0, 0, 0.0, 0.0
    rho = sum(abs(_rank_correlation(xs)) * len(xs) for xs in long) / sum(len(xs) for xs in long)
    span, step = keyspace.stretch(values)
    coverage = min(1.0, requests / span) * _unrepeated(long, step)
    return max(ramp(rho, 0.5, 0.9), ramp(coverage, 0.3, 0.8)), step, rho, coverage


def _unrepeated(lists: list[list[int]], step: int) -> float:
    """How far the sampled counters are from drawn at random: 1 for a walk, 0 for random draws.

    Covering a range can also mean drawing from it: a synthetic benchmark's random parameters, or
    a harness re-running its numbered items pass after pass, send as many requests as the range
    holds and span it all. A walk asks each value once, so its sample repeats none; draws repeat
    values as often as chance gives (n - R(1 - (1 - 1/R)^n) of n draws from R values), and passes
    more. Only read when chance would give a few repeats (a small sample of a large range tells
    nothing); repeats right after one another are several samples of one prompt, not a re-run.
    """
    repeats = expected = 0.0
    for xs in lists:
        lo, hi = min(xs), max(xs)
        r = (hi - lo) / step + 1
        n = len(xs)
        expected += n - r * (1.0 - (1.0 - 1.0 / r) ** n)
        seen: set[int] = set()
        for i, x in enumerate(xs):
            if x in seen and not (i and xs[i - 1] == x):
                repeats += 1
            seen.add(x)
    if expected < 2.0:
        return 1.0
    return ramp(repeats / expected, 0.6, 0.2)


def _counter(s: AccountState, skeleton: str) -> list[int]:
    """The number of a skeleton's prompts that counts: the last one, unless it never changes and
    the first does ("events of 1792? list at least 10"). Where both change, the prompt carries a
    record (a ticket's id and its details) or a problem's parameters: the last one is read, and
    neither walks a keyspace of the model's."""
    last = s.numbers[skeleton]
    first = s.leading.get(skeleton)
    if first is None or len(first) != len(last) or len(set(last)) > 1:
        return last
    return first


def _number_walk(s: AccountState) -> tuple[float, list[str]]:
    """Near-identical prompts that differ only in a counter, walking its range."""
    counted = sorted(((c, k) for k, c in s.skeletons.items() if k in s.numbers), reverse=True)[:5]
    counter_share = sum(c for c, _ in counted) / s.n_sampled
    walk, step, rho, coverage = _walk([_counter(s, k) for _, k in counted], s.n * counter_share)
    value = noisy_and(
        (ramp(counter_share, 0.4, 0.8), 0.95),
        (walk, 0.9),
        (ramp(math.log10(s.n), math.log10(40), math.log10(400)), 0.8),
    )
    return value, [f"{pct(counter_share)} of sampled prompts follow {len(counted)} template(s) "
                   f"that differ only in a number",
                   f"the number walks its range systematically (step {step}; order/number "
                   f"correlation {rho:.2f}; ~{pct(coverage)} of the range requested) over {num(s.n)} requests"]


def _keyspace_walk(s: AccountState) -> tuple[float, list[str]]:
    """One frame with a short slot whose keys are new each time and walk a space (any keys)."""
    walk = keyspace.walk_of(s)
    if walk is None:
        return 0.0, []
    value = noisy_and(
        (ramp(walk.share, 0.3, 0.7), 0.95),
        (walk.extracting, 0.9),
        (ramp(walk.distinct, 0.7, 0.95), 0.9),  # a harness re-running a fixed set repeats its keys
        (ramp(walk.slot_words, 8, 3), 0.8),  # keys, not documents
        (ramp(math.log10(s.n), math.log10(20), math.log10(150)), 0.8),
        (1.0 - ramp(s.repeat_share(), 0.1, 0.4), 0.9),
    )
    what = {"numbers": "a number", "words": "a word or name", "grid": "two slots"}[walk.kind]
    how = (f"covering {pct(walk.coverage)} of the cells of its grid" if walk.kind == "grid" else
           f"in order (rank correlation {walk.order:.2f})" +
           (f", ~{pct(walk.coverage)} of its range requested" if walk.kind == "numbers" else ""))
    return value, [f"{pct(walk.share)} of sampled prompts share one frame and differ in {what} "
                   f"(e.g. \"{walk.example}\"); {pct(walk.distinct)} of keys are new",
                   f"the keys walk a keyspace {how} over {num(s.n)} requests"]


def score(s: AccountState) -> Score:
    if s.n < MIN_REQUESTS or not s.n_sampled:
        return Score()
    number, number_ev = _number_walk(s)
    words, words_ev = _keyspace_walk(s)
    value, evidence = (number, number_ev) if number >= words else (words, words_ev)
    cv = s.gap_cv()
    value *= 1.0 - 0.3 * (1.0 - (ramp(cv, 1.2, 0.4) if math.isfinite(cv) else 0.0))
    own = s.own_text_share() if value > 0.0 else 0.0
    wrapped = _wrapped_share(s.samples) if own >= 0.3 else 0.0
    own *= 1.0 - wrapped
    value *= 1.0 - 0.9 * ramp(own, 0.3, 0.7)  # its own text, transformed: see the module's docstring
    dated = _dated_share(s.samples, s.last_ts) if value > 0.0 else 0.0
    value *= 1.0 - 0.9 * ramp(dated, 0.3, 0.7)
    out = Score(round(value, 4))
    if value >= 0.25:
        out.evidence.extend(evidence)
        if math.isfinite(cv) and cv < 0.6:
            out.evidence.append(f"machine-regular timing (gap variation {cv:.2f})")
        if wrapped >= 0.3:
            out.evidence.append(f"{pct(wrapped)} of the text it hands over, quoted or as a document, is one of its "
                                "own requests wrapped, not text to transform")
        if dated >= 0.3:
            out.evidence.append(f"{pct(dated)} of sampled prompts name a record stamped with this year "
                                "(weighs against extraction)")
        if own >= 0.3:
            out.evidence.append(f"{pct(own)} of sampled prompts hand the model text of their own, quoted or "
                                "as a document (weighs against extraction)")
    return out
