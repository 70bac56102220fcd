"""A case's evidence grouped per signal, for the case page (issue 13 item 3).

A network's case holds one finding, one link and a few flags per member, and their lines differ
only in counts and names ("as network net-… (8 accounts): 100% of 1,240 requests…"): listed one by
one they ran to 5,000 px of near-duplicates. Grouped, each signal is one row — what it says, how
many items and accounts carry it, a few examples — with the full list behind a toggle.

A signal is an item's kind and its text with numbers blanked: a finding's or link's evidence
lines, a flag's reason code, a merge's source case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from moat.enforce.models import Evidence

EXAMPLES = 3
MAX_ITEMS = 2000  # evidence items read for one page view (a case holds far fewer in practice)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(slots=True)
class Signal:
    kind: str
    text: str  # the first item's wording
    accounts: list[str] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)  # {"account_id", "ts", "text"}

    @property
    def examples(self) -> list[dict[str, Any]]:
        return self.items[:EXAMPLES]


def _lines(ev: Evidence) -> list[str]:
    """What an evidence item says, one line per statement in it."""
    data = ev.data or {}
    if ev.kind in ("finding", "link"):
        lines = [str(t) for t in data.get("evidence") or ()]
        if ev.kind == "link" and data.get("linked_org"):
            lines.append(f"linked to {data['linked_org']}")
        return lines or [f"{ev.kind} (no evidence lines)"]
    if ev.kind == "flag":
        return [f"flagged by the policy: {data.get('reason_code') or 'policy'}"
                + (f" ({', '.join(data['rules'])})" if data.get("rules") else "")]
    if data.get("merged_from") is not None and ev.kind not in ("finding", "link", "flag"):
        return [f"{ev.kind} from case {data['merged_from']}"]
    text = data.get("text") or data.get("note") or data.get("reason") or ""
    return [f"{ev.kind}: {text}" if text else ev.kind]


def group(evidence: list[Evidence]) -> list[Signal]:
    """Signals, the most widespread first (by accounts, then items), then by kind and text."""
    signals: dict[tuple[str, str], Signal] = {}
    for ev in evidence:
        for line in _lines(ev):
            key = (ev.kind, _NUMBER.sub("#", line))
            signal = signals.get(key)
            if signal is None:
                signal = signals[key] = Signal(ev.kind, line)
            if ev.account_id and ev.account_id not in signal.accounts:
                signal.accounts.append(ev.account_id)
            signal.items.append({"account_id": ev.account_id, "ts": ev.ts, "text": line})
    return sorted(signals.values(), key=lambda s: (-len(s.accounts), -len(s.items), s.kind, s.text))


async def case_signals(cx: Any, case_id: str) -> tuple[list[Signal], int, bool]:
    """The case's evidence grouped; the number of items read; whether more were left unread."""
    items: list[Evidence] = []
    cursor: str | None = None
    while len(items) < MAX_ITEMS:
        page = await cx.es.list_evidence(case_id, limit=500, cursor=cursor)
        items += page.data
        cursor = page.next_cursor
        if not cursor:
            break
    return group(items[:MAX_ITEMS]), min(len(items), MAX_ITEMS), cursor is not None or len(items) > MAX_ITEMS
