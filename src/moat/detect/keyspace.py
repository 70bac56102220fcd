"""Keyspace walks: one prompt frame with a short slot that walks a space of keys.

Extraction covers a keyspace the account has not covered before: numbers (ids, years), an
alphabet ("words beginning with b"), a directory or catalogue (every country, every element,
every function of a library), or a grid of capability probes (language x task). Whatever the
keys are, the shape is the same and can be read from the account's own sampled prompts:

- a *frame*: the words most of its prompts share (here: words in at least FRAME_SHARE of them);
- a *slot*: the few words that differ, in one or two places (two places: a grid);
- the slot values are new each time (an evaluation harness re-runs a fixed set: its values
  repeat) and short (a templated business job carries a whole document in its slot);
- and they walk: in order (numeric or alphabetical rank follows arrival), densely over a numeric
  range, or across every cell of a grid.

No list of known catalogues: the account's own prompts say what its frame and slot are.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from itertools import chain, pairwise
from typing import TYPE_CHECKING, Any

import numpy as np
import regex

from moat.detect.scoring import ramp

if TYPE_CHECKING:
    from moat.detect.state import AccountState

FRAME_SHARES = (0.3, 0.15)  # a frame in one template, or spread over a few paraphrases
FRAMES = 3
MIN_FAMILY = 12
MIN_REPEATS = 3  # a frame asked this often is a template (`templated_share`)
ALWAYS = 0.9  # a slot's word or segment the same in this share of a family's prompts never changes
# A word is a run of letters (with their marks: Hangul, Devanagari, Arabic, accented Latin) and
# decimal digits, joined by an apostrophe, a dot or a hyphen ("sv2-045", "don't"). Scripts written
# without spaces between words (Chinese, Japanese, Thai, ...) have no runs to read: each of their
# characters is a token, so a frame and its slot show there too ("翻译成英文 <...>").
_UNSPACED = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
_LETTER = rf"(?:(?![{_UNSPACED}])[\p{{L}}\p{{Nd}}]\p{{M}}*)"
_TOKEN = regex.compile(rf"[{_UNSPACED}]\p{{M}}*|{_LETTER}+(?:['.-]{_LETTER}+)*")
_TOKEN_ASCII = re.compile(r"[a-z0-9]+(?:['.-][a-z0-9]+)*")  # the same on lower-case ASCII, at re's speed
# A nonce: a seed, a timestamp, a request id (a fraction of three digits or more, or six digits
# or more). Short numbers (a page, a street number) are part of a key.
_NONCE = re.compile(r"[0-9]*\.[0-9]{3,}$|[0-9]{6,}$")
# A code written in groups of digits ("CN 9708 10 00", "PLZ 10 115") is one key, not several
# numbers (a generated problem's parameters are words apart: "273 items at 97 each").
_GROUPED = re.compile(r"(?<=\d) (?=\d)")


@dataclass(frozen=True, slots=True)
class Walk:
    """The dominant prompt family of one account, and how its slot moves."""

    share: float  # share of the sampled prompts in this family
    size: int  # sampled prompts in it
    distinct: float  # distinct slot values / size (1.0: every key new)
    slot_words: float  # median words in the slot
    order: float  # |rank correlation| of slot order with arrival order
    coverage: float  # numbers: requests / the range they span; grids: cells covered; words: keys / 40
    kind: str  # numbers | words | grid
    example: str  # one prompt of the family, with its slot shown as <...>
    keys: frozenset[str] = frozenset()  # the slot values sampled (accounts splitting a keyspace share none)
    parameters: bool = False  # several numbers per slot (a generated problem's parameters, a date)

    @property
    def walking(self) -> float:
        """How much the slot moves like a systematic walk (0..1)."""
        if self.kind == "grid":
            return ramp(self.coverage, 0.4, 0.8)
        moves = ramp(self.order, 0.5, 0.85)
        if self.kind == "numbers":
            moves = max(moves, ramp(self.coverage, 0.3, 0.8))
        else:  # many distinct keys, in no order we know: a walk all the same, but less certain
            moves = max(moves, 0.7 * ramp(self.coverage, 0.5, 1.0))
        return moves

    @property
    def extracting(self) -> float:
        """`walking`, read as extraction: several numbers in one slot are a generated problem's
        parameters ("a shop sells 273 items at 97 each"), drawn anew each time, so every key is
        new and none is walked; only their order can still show a walk (dates asked day by day)."""
        return ramp(self.order, 0.5, 0.85) if self.parameters else self.walking


def _rank_correlation(keys: Sequence[Any]) -> float:
    """|Spearman correlation| between arrival order and the keys' own order, on dense ranks: a
    key asked again keeps its rank (a repeat is not a step of a walk). `scraping`'s counter walk
    ranks its numbers in arrival order instead, and keeps the sign."""
    if len(keys) < 8:
        return 0.0
    order = {k: i for i, k in enumerate(sorted(set(keys)))}
    r = np.asarray([order[k] for k in keys], dtype=np.float64)
    if r.std() == 0:
        return 0.0
    return abs(float(np.corrcoef(np.arange(len(r), dtype=np.float64), r)[0, 1]))


def walk_of(s: AccountState) -> Walk | None:
    """`analyse` of the account's samples, computed once per state of the account (scraping and
    coordination both read it in one pass)."""
    memo = s._walk
    if memo is not None and memo[0] == s.n:
        return memo[1]
    walk = analyse(s.samples, s.n)
    s._walk = (s.n, walk)
    return walk


def analyse(samples: list[str], requests: int) -> Walk | None:
    """The account's dominant frame-and-slot family, or None when it has none.

    `samples` are a subsample of the account's `requests` prompts, in arrival order.
    """
    n = len(samples)
    if n < MIN_FAMILY:
        return None
    toks, df = _tokens(samples)
    found = [w for share in FRAME_SHARES if (w := _family(toks, df, share * n, requests)) is not None]
    # Equally good readings: the one whose slot is shortest knows the frame best (a paraphrase's
    # own words, under the higher floor, are read as part of the slot).
    return max(found, key=lambda w: (w.walking * w.share, w.share, -w.slot_words), default=None)


def templated_share(samples: list[str]) -> float:
    """The share of the sampled prompts that follow a frame used by at least MIN_REPEATS of them,
    whatever the frame: how much of the traffic is templated work at all, over several jobs and
    their paraphrases (`analyse` reads the one dominant family)."""
    n = len(samples)
    if n < MIN_FAMILY:
        return 0.0
    toks, df = _tokens(samples)
    best = 0.0
    for share in FRAME_SHARES:
        frame = _frame_words(df, share * n)
        frames = Counter(key for ts in toks if 2 <= len(key := tuple(t for t in ts if t in frame)) < len(ts))
        best = max(best, sum(c for c in frames.values() if c >= MIN_REPEATS) / n)
    return best


def _tokens(samples: list[str]) -> tuple[list[list[str]], Counter[str]]:
    """Each sampled prompt's words (a code in digit groups as one), and in how many prompts each
    word occurs (counted in C)."""
    toks = [(_TOKEN_ASCII if s.isascii() else _TOKEN).findall(_GROUPED.sub("", s)) for s in samples]
    return toks, Counter(chain.from_iterable(map(set, toks)))


def _frame_words(df: Counter[str], floor: float) -> set[str]:
    """The words in at least `floor` of the prompts (numbers never: they are what a slot holds)."""
    return {t for t, c in df.items() if c >= floor and not t.isdigit()}


BREAK = 20  # a gap this many times the typical one between sampled keys ends a stretch of the keyspace


def _coverage(keys: list[int], sent: float) -> float:
    """The share of the numbered keyspace the family's requests could fill: `sent` over the keys
    the sampled values span, stretch by stretch.

    A walk covers the stretches it walks densely, at its own step (every sixth code when six
    accounts share one range); a network member walking four cities' postal codes spans four
    short stretches, not the distance between the cities. Values drawn at random from a range
    (a generated problem's parameters) leave no gaps longer than chance makes them, so they span
    the whole range.
    """
    values = sorted(set(keys))
    if len(values) < 2:
        return 0.0
    gaps = np.diff(np.asarray(values, dtype=np.int64))
    cut = BREAK * float(np.median(gaps))
    span, start = 0, 0
    for end in [*(i + 1 for i, g in enumerate(gaps) if g > cut), len(values)]:
        span += stretch(values[start:end])[0]
        start = end
    return min(1.0, sent / span) if span > 1 else 0.0


def stretch(values: list[int]) -> tuple[int, int]:
    """(keys spanned, step) of sorted distinct values walked at their own step (the gcd of their
    gaps): 2, 8, 14 span three keys at step 6."""
    step = reduce(math.gcd, (b - a for a, b in pairwise(values)), 0) or 1
    return (values[-1] - values[0]) // step + 1, step


def _constant_numbers(members: list[list[list[str]]]) -> set[str]:
    """Numbers in the slots of nearly every member of a family: the frame's own ("at least 10")."""
    counts = Counter(t for m in members for t in {t for seg in m for t in seg if t.isdigit()})
    return {t for t, c in counts.items() if c >= ALWAYS * len(members)}


def _counter_segment(members: list[list[list[str]]]) -> int | None:
    """The slot segment that is a bare key (one word: a year, a code) while the rest of the slot
    never changes ("events of <1792>? list at least <10>"; "ICD-10 code <A01.1>: name, chapter, 3
    synonyms"), or None. A record counting up beside details of its own
    ("claim 2026/431555: <theft>"; "article TR-74-29357 <office chair>") is the caller's files,
    and a counter among other changing numbers is a problem's parameters: neither is read here."""
    width = Counter(len(m) for m in members).most_common(1)[0][0]
    rows = [m for m in members if len(m) == width]
    moving = [j for j in range(width)
              if Counter(" ".join(m[j]) for m in rows).most_common(1)[0][1] < ALWAYS * len(rows)]
    if len(moving) != 1:
        return None
    j = moving[0]
    bare = sum(1 for m in rows if len(m[j]) == 1)
    return j if bare >= ALWAYS * len(rows) else None


def _family(toks: list[list[str]], df: Counter[str], floor: float, requests: int) -> Walk | None:
    n = len(toks)
    frame = _frame_words(df, floor)
    if len(frame) < 2:
        return None
    families: dict[tuple[str, ...], list[list[list[str]]]] = {}
    for ts in toks:
        key: list[str] = []
        segments: list[list[str]] = []
        run: list[str] = []
        for t in ts:
            if t in frame:
                key.append(t)
                if run:
                    segments.append(run)
                    run = []
            else:
                run.append(t)
        if run:
            segments.append(run)
        if len(key) >= 2 and segments:
            families.setdefault(tuple(key), []).append(segments)
    if not families:
        return None
    # The same keyspace is often asked through a few paraphrased frames: take the largest ones.
    ranked = sorted(families.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:FRAMES]
    frame_key = ranked[0][0]
    members = [m for _, ms in ranked if len(ms) >= 3 for m in ms]
    size = len(members)
    if size < MIN_FAMILY:
        return None
    values = [" ".join(" ".join(seg) for seg in m) for m in members]
    distinct = len(set(values)) / size
    slot_words = float(np.median([sum(len(seg) for seg in m) for m in members]))
    example = " ".join(frame_key[:3]) + " <" + values[-1][:40] + "> " + " ".join(frame_key[3:6])
    two = [m for m in members if len(m) == 2]
    if len(two) >= 0.8 * size:
        a = {m[0][-1] for m in two}
        b = {m[1][0] for m in two}
        cells = {(m[0][-1], m[1][0]) for m in two}
        if len(a) >= 3 and len(b) >= 3:
            return Walk(size / n, size, distinct, slot_words, 0.0, len(cells) / (len(a) * len(b)), "grid",
                        example, frozenset(values))
    # A number the frame always carries ("list at least 10") is the frame's, not the slot's: the
    # key is then the bare counter beside it, if that is all that changes (`_counter_segment`).
    constant = _constant_numbers(members)
    keys = [m[-1][-1] for m in members]
    if Counter(keys).most_common(1)[0][0] in constant and (j := _counter_segment(members)) is not None:
        keys = [m[j][-1] if len(m) > j else m[-1][-1] for m in members]
    # Several numbers in one slot: a generated problem's parameters, or a date (`Walk.extracting`).
    parameters = bool(np.median([sum(t.isdigit() and t not in constant for seg in m for t in seg)
                                 for m in members]) >= 2)
    numeric = [int(k) for k in keys if k.isdigit() and len(k) < 13]
    if len(numeric) >= 0.8 * size:
        sent = requests * size / n  # requests of this family, estimated from the sample
        coverage = _coverage(numeric, sent)
        return Walk(size / n, size, distinct, slot_words, _rank_correlation(numeric), coverage, "numbers",
                    example, frozenset(values), parameters)
    # A catalogue walked in its own order (elements by atomic number) is not alphabetical: the
    # keys being many, new and short is the walk; order, where it shows, confirms it. How many
    # keys: the family's requests, estimated from the sample, times the share of them that were
    # new in the sample (a sample of thirty from a walk of three hundred cannot show forty keys;
    # a harness re-running a fixed set shows repeats, and its whole-prompt repeats gate it).
    # A nonce beside the words (a seed, a timestamp) makes every key new without naming anything
    # new: the keys are the rest.
    named = [" ".join(t for t in v.split() if not _NONCE.match(t)) for v in values]
    distinct = len(set(named)) / size
    sent = requests * size / n
    catalogue = min(1.0, sent * distinct / 40)  # the sample's own distinct keys, when it is all there is
    return Walk(size / n, size, distinct, slot_words, _rank_correlation(named), catalogue, "words", example,
                frozenset(named), parameters)
