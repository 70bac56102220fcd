"""Verify a hash-chained log (decision log or admin log) and name the first entry that is wrong.

Entry n is intact when its hash recomputes from its own fields (`moat.audit.chain.entry_hash`), its
`prev_hash` is entry n-1's hash (GENESIS for entry 1) and its `seq` is n. The first entry that
breaks one of these is reported with the most likely cause:

    removed     a gap in seq; or an intact entry whose predecessor is missing (the rest renumbered)
    reordered   an entry chained after one that now comes later, or seqs out of order
    altered     its fields no longer produce its hash (payload, time, id or hash edited)

What a keyless chain cannot catch: someone who rewrites an entry *and* recomputes every hash after
it. Against that, keep the head hash this command prints somewhere the database's writers cannot
change, and compare.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass

from moat.audit.chain import GENESIS, entry_hash
from moat.store.base import LogEntry

# How far ahead to look, after a broken entry, for the entry it was chained after, and how far
# around its seq to search for the seq its hash was computed with. Only read on failure.
LOOKAHEAD = 256


@dataclass(frozen=True, slots=True)
class Problem:
    """The first bad entry: where it is and why it is bad."""

    seq: int
    entry_id: str
    reason: str  # "altered" | "removed" | "reordered"
    detail: str

    def __str__(self) -> str:
        return f"entry seq {self.seq} ({self.entry_id}) {self.reason}: {self.detail}"


@dataclass(frozen=True, slots=True)
class VerifyResult:
    log: str
    entries: int  # entries found intact (all of them when ok)
    head_seq: int  # last intact entry
    head_hash: str
    problem: Problem | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def _self_hash(e: LogEntry, seq: int) -> str:
    return entry_hash(e.prev_hash, seq, e.ts, e.entry_id, e.payload)


def _intact(prev: LogEntry | None, e: LogEntry) -> bool:
    expected_seq = prev.seq + 1 if prev else 1
    expected_prev = prev.hash if prev else GENESIS
    return (e.seq == expected_seq and e.prev_hash == expected_prev
            and isinstance(e.payload, dict) and _self_hash(e, e.seq) == e.hash)


def diagnose(prev: LogEntry | None, e: LogEntry, ahead: list[LogEntry]) -> Problem:
    """Why `e` does not follow `prev` intactly; `ahead` are the entries after `e` (for context)."""
    expected_seq = prev.seq + 1 if prev else 1

    def problem(reason: str, detail: str) -> Problem:
        return Problem(e.seq, e.entry_id, reason, detail)

    if e.seq > expected_seq:
        missing = (f"seq {expected_seq}" if e.seq == expected_seq + 1
                   else f"seqs {expected_seq}..{e.seq - 1}")
        return problem("removed", f"{missing} missing before it")
    if e.seq < expected_seq:
        return problem("reordered", f"seq {e.seq} comes after seq {expected_seq - 1}")
    if not isinstance(e.payload, dict):
        return problem("altered", "its payload is not a JSON object")
    later = next((x for x in ahead if x.hash == e.prev_hash), None)
    if later is not None:
        return problem("reordered", f"it was chained after seq {later.seq} ({later.entry_id}), "
                                    "which now comes after it")
    self_ok = _self_hash(e, e.seq) == e.hash
    if self_ok:  # intact itself, but it does not follow the entry before it
        return problem("removed", f"it was chained after an entry that is not seq {expected_seq - 1} "
                                  f"({'the start' if prev is None else prev.entry_id}): the entry "
                                  "before it was removed, or rewritten with a recomputed hash")
    chained_at = next((s for s in _nearby(e.seq) if _self_hash(e, s) == e.hash), None)
    if chained_at is None:
        return problem("altered", "its contents do not match its hash")
    if chained_at > e.seq:
        return problem("removed", f"it was chained as seq {chained_at}: {chained_at - e.seq} entry(ies) "
                                  "before it were removed and the rest renumbered")
    return problem("altered", f"it was chained as seq {chained_at}: entries were inserted before it")


def _nearby(seq: int) -> list[int]:
    return [s for d in range(1, LOOKAHEAD + 1) for s in (seq + d, seq - d) if s >= 1]


async def verify_log(entries: AsyncIterable[LogEntry], *, log: str = "decisions") -> VerifyResult:
    """Walk a log oldest first; stop at the first bad entry."""
    prev: LogEntry | None = None
    count = 0
    iterator: AsyncIterator[LogEntry] = aiter(entries)
    while True:
        try:
            e = await anext(iterator)
        except StopAsyncIteration:
            break
        except (ValueError, TypeError, KeyError) as exc:  # a row the store cannot even decode
            seq = prev.seq + 1 if prev else 1
            return _result(log, count, prev, Problem(seq, "?", "altered",
                                                     f"the entry after seq {seq - 1} is unreadable: {exc}"))
        if _intact(prev, e):
            prev = e
            count += 1
            continue
        ahead: list[LogEntry] = []
        try:
            while len(ahead) < LOOKAHEAD:
                ahead.append(await anext(iterator))
        except (StopAsyncIteration, ValueError, TypeError, KeyError):
            pass
        return _result(log, count, prev, diagnose(prev, e, ahead))
    return _result(log, count, prev, None)


def _result(log: str, count: int, head: LogEntry | None, problem: Problem | None) -> VerifyResult:
    return VerifyResult(log=log, entries=count, head_seq=head.seq if head else 0,
                        head_hash=head.hash if head else GENESIS, problem=problem)
