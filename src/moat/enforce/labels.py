"""Reviewers' outcomes as labels, and the ledger of flags they judge.

A *label* is a reviewer's verdict on a subject that something flagged:

- a case closed with an outcome: `confirmed` (the abuse is real) or `cleared` (a false positive);
- a decided appeal: accepted means the refusal was wrong, a `cleared` label on the account;
  rejected means it stood, a `confirmed` one.

Each label names the subject, the accounts it reached at the time (a cluster's members, an
organization's accounts), what it was about (detector categories and reason codes, read from the
case's evidence: finding scores at or above `CATEGORY_FLOOR`, the reason codes of flags and refused
decisions), the reviewer, the time and the case or appeal. Its id is `case:<id>` or `appeal:<id>`:
resolving a case again replaces its label, reopening it withdraws it.

The *flag ledger* (`enforce_flags`) keeps one row per account, UTC day and category on which a
detector flagged the account: a finding imported at or above the case threshold
(`moat.enforce.findings`), or a policy `flag` decision (`moat.enforce.runtime`). Online scores become
flags through the policy's flag rules, so both paths land here. `moat.detect.reviewed` turns labels
and the ledger into per-detector precision and the benign flag rate over time.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from moat.enforce.models import Appeal, Case, Subject
from moat.enforce.services import EnforceContext
from moat.enforce.storage import dumps, loads
from moat.errors import BadRequest
from moat.store.database import Row, Stmt

# The detector categories of moat.detect.engine.CATEGORIES (kept here so enforcement does not import
# the detectors; tests/enforce/test_labels.py checks they agree).
CATEGORIES: tuple[str, ...] = ("distillation", "scraping", "tier_abuse", "coordination", "competitor")
OTHER = "other"  # a flag or label whose category cannot be told
OUTCOMES: tuple[str, ...] = ("confirmed", "cleared")
CATEGORY_FLOOR = 0.5  # a finding's category score at which the case counts as being about it
DAY = 86400.0
_EVIDENCE_PAGES = 20  # evidence pages (of 500) read to tell what a case is about
_ACCOUNTS_LIMIT = 10_000  # accounts recorded per label

# Words in reason codes and rule ids that name a detector category.
_WORDS: tuple[tuple[str, str], ...] = (
    ("distill", "distillation"), ("scrap", "scraping"), ("tier", "tier_abuse"), ("consumer_plan", "tier_abuse"),
    ("plan_automation", "tier_abuse"), ("coordinat", "coordination"), ("network", "coordination"),
    ("competit", "competitor"), ("rival", "competitor"))
_COLS = ("label_id, source, source_id, case_id, subject_kind, subject_id, outcome, categories, reason_codes, "
         "reviewer, decided_at, flagged_at, note")


@dataclass(slots=True)
class Label:
    label_id: str
    source: str  # case | appeal
    source_id: str
    case_id: str | None
    subject_kind: str
    subject_id: str
    outcome: str  # confirmed | cleared
    categories: list[str]
    reason_codes: list[str]
    reviewer: str
    decided_at: float
    flagged_at: float | None = None  # when the case opened / the refused decision was made
    note: str = ""
    accounts: list[str] = field(default_factory=list)

    @property
    def subject(self) -> str:
        return f"{self.subject_kind}:{self.subject_id}"

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "subject": self.subject}


def categories_of_code(code: str | None) -> list[str]:
    """The detector categories a reason code or rule id names (`distillation_risk` → distillation)."""
    text = (code or "").lower()
    return sorted({category for word, category in _WORDS if word in text})


def categories_of_scores(scores: Mapping[str, Any] | None, floor: float = CATEGORY_FLOOR) -> list[str]:
    """Categories whose score reaches `floor`; else the single highest-scoring one (when above 0)."""
    values: dict[str, float] = {}
    for name, value in (scores or {}).items():
        if name in CATEGORIES and isinstance(value, (int, float)) and not isinstance(value, bool):
            values[name] = float(value)
    hits = sorted(c for c, v in values.items() if v >= floor)
    if hits or not values:
        return hits
    top = max(values.items(), key=lambda kv: (kv[1], kv[0]))
    return [top[0]] if top[1] > 0 else []


def _check_outcome(outcome: str) -> str:
    if outcome not in OUTCOMES:
        raise BadRequest(f"unknown outcome {outcome!r}: expected one of {', '.join(OUTCOMES)}")
    return outcome


async def what_case_is_about(cx: EnforceContext, case_id: str) -> tuple[list[str], list[str]]:
    """(categories, reason codes) from a case's evidence: findings' scores, flags' and refused
    decisions' reason codes and rule ids."""
    categories: set[str] = set()
    codes: set[str] = set()
    cursor: str | None = None
    for _ in range(_EVIDENCE_PAGES):
        page = await cx.es.list_evidence(case_id, limit=500, cursor=cursor)
        for item in page.data:
            data = item.data if isinstance(item.data, dict) else {}
            if item.kind == "finding":
                categories.update(categories_of_scores(data.get("scores")))
            elif item.kind in ("flag", "decision"):
                code = data.get("reason_code")
                if isinstance(code, str) and code:
                    codes.add(code)
                    categories.update(categories_of_code(code))
                for rule in data.get("rules") or ():
                    categories.update(categories_of_code(str(rule)))
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    return sorted(categories), sorted(codes)


def _upsert(label: Label) -> list[Stmt]:
    values = (label.label_id, label.source, label.source_id, label.case_id, label.subject_kind, label.subject_id,
              label.outcome, dumps(label.categories), dumps(label.reason_codes), label.reviewer, label.decided_at,
              label.flagged_at, label.note)
    updates = ", ".join(f"{c} = excluded.{c}" for c in ("outcome", "categories", "reason_codes", "reviewer",
                                                          "decided_at", "flagged_at", "note", "case_id"))
    stmts = [Stmt(f"INSERT INTO enforce_labels ({_COLS}) VALUES ({', '.join('?' * len(values))}) "
                  f"ON CONFLICT (label_id) DO UPDATE SET {updates}", values),
             Stmt("DELETE FROM enforce_label_accounts WHERE label_id = ?", (label.label_id,))]
    stmts += [Stmt("INSERT INTO enforce_label_accounts (label_id, account_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                   (label.label_id, a)) for a in label.accounts]
    return stmts


async def _save(cx: EnforceContext, label: Label) -> Label:
    await cx.es.transaction(_upsert(label))
    await cx.log(label.reviewer, "labels.record", label.label_id,
                 {"subject": label.subject, "outcome": label.outcome, "categories": label.categories})
    return label


async def label_case(cx: EnforceContext, *, case: Case, outcome: str, reviewer: str, note: str = "") -> Label:
    """Record (or replace) the label of a case resolved with `outcome`."""
    from moat.enforce.cases import subject_accounts

    _check_outcome(outcome)
    subject = Subject(case.subject_kind, case.subject_id)
    categories, codes = await what_case_is_about(cx, case.case_id)
    accounts = await subject_accounts(cx, subject, _ACCOUNTS_LIMIT)
    label = Label(f"case:{case.case_id}", "case", case.case_id, case.case_id, subject.kind, subject.id, outcome,
                  categories, codes, reviewer, time.time(), case.opened_at, note,
                  sorted(set(accounts[:_ACCOUNTS_LIMIT])))
    return await _save(cx, label)


async def withdraw_case_label(cx: EnforceContext, *, case_id: str, actor: str) -> bool:
    """A reopened case is under review again: its label no longer counts."""
    label_id = f"case:{case_id}"
    counts = await cx.es.transaction([
        Stmt("DELETE FROM enforce_labels WHERE label_id = ?", (label_id,), stop_if_none=True),
        Stmt("DELETE FROM enforce_label_accounts WHERE label_id = ?", (label_id,))])
    if counts[0]:
        await cx.log(actor, "labels.withdraw", label_id, {"case_id": case_id})
    return bool(counts[0])


async def label_appeal(cx: EnforceContext, *, appeal: Appeal, reviewer: str) -> Label:
    """The label of a decided appeal: accepted → cleared, rejected → confirmed. What it was about:
    the refusal's reason code, the appeal's case, and the cases behind the actions that held the
    account (the ones undone, or, when rejected, the ones still active)."""
    if appeal.status not in ("accepted", "rejected"):
        raise BadRequest(f"appeal {appeal.appeal_id} is not decided ({appeal.status})")
    outcome = "cleared" if appeal.status == "accepted" else "confirmed"
    codes = {appeal.reason_code} if appeal.reason_code else set()
    categories = set(categories_of_code(appeal.reason_code))
    case_ids = {appeal.case_id} if appeal.case_id else set()
    if appeal.status == "accepted":
        for action_id in appeal.undone:
            action = await cx.es.get_action(action_id)
            if action is not None and action.case_id:
                case_ids.add(action.case_id)
    else:
        case_ids.update(a.case_id for a in await cx.es.active_actions_on(appeal.account_id) if a.case_id)
    for case_id in sorted(case_ids):
        found, found_codes = await what_case_is_about(cx, case_id)
        categories.update(found)
        codes.update(found_codes)
    decision = await cx.es.decision(appeal.decision_id)
    flagged_at = decision.get("ts") if decision else None
    label = Label(f"appeal:{appeal.appeal_id}", "appeal", appeal.appeal_id, appeal.case_id, "account",
                  appeal.account_id, outcome, sorted(categories), sorted(codes), reviewer,
                  appeal.decided_at or time.time(), float(flagged_at) if flagged_at else appeal.created_at,
                  appeal.note or "", [appeal.account_id])
    return await _save(cx, label)


def _label(row: Row) -> Label:
    return Label(row[0], row[1], row[2], row[3], row[4], row[5], row[6], loads(row[7]) or [], loads(row[8]) or [],
                 row[9], float(row[10]), float(row[11]) if row[11] is not None else None, row[12] or "")


async def get_label(cx: EnforceContext, label_id: str) -> Label | None:
    rows = await cx.es.db.fetch(f"SELECT {_COLS} FROM enforce_labels WHERE label_id = ?", label_id)
    if not rows:
        return None
    label = _label(rows[0])
    label.accounts = [r[0] for r in await cx.es.db.fetch(
        "SELECT account_id FROM enforce_label_accounts WHERE label_id = ? ORDER BY account_id", label_id)]
    return label


async def list_labels(cx: EnforceContext, *, outcome: str | None = None, since: float | None = None,
                      limit: int = 100_000) -> list[Label]:
    """Labels decided at or after `since`, newest first (without their accounts)."""
    where: list[str] = ["decided_at >= ?"]
    args: list[Any] = [float(since or 0.0)]
    if outcome is not None:
        where.append("outcome = ?")
        args.append(_check_outcome(outcome))
    rows = await cx.es.db.fetch(f"SELECT {_COLS} FROM enforce_labels WHERE {' AND '.join(where)} "
                                f"ORDER BY decided_at DESC, label_id DESC LIMIT {int(limit)}", *args)
    return [_label(r) for r in rows]


# ---- the flag ledger ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Flag:
    account_id: str
    categories: Sequence[str]
    source: str  # finding | policy
    ts: float
    risk: float | None = None


async def note_flags(cx: EnforceContext, flags: Iterable[Flag]) -> int:
    """Add flags to the ledger (one row per account, day and category; repeats are ignored)."""
    stmts = [Stmt("INSERT INTO enforce_flags (day, account_id, category, source, ts, risk) VALUES (?, ?, ?, ?, ?, ?) "
                  "ON CONFLICT DO NOTHING", (int(f.ts // DAY), f.account_id, category, f.source, f.ts, f.risk))
             for f in flags for category in (sorted(set(f.categories)) or [OTHER])]
    for start in range(0, len(stmts), 1000):
        await cx.es.transaction(stmts[start:start + 1000])
    return len(stmts)


def finding_flag(finding: Mapping[str, Any], threshold: float, ts: float) -> Flag:
    """A finding at or above the case threshold, as a flag: the categories at the threshold (or, when
    the combined risk got there without one, the strongest)."""
    scores = finding.get("scores") or {}
    categories = categories_of_scores(scores, threshold) or categories_of_scores(scores)
    return Flag(str(finding["account_id"]), categories, "finding", ts, float(finding.get("risk") or 0.0))


def policy_flag(account_id: str, reason_code: str | None, rules: Iterable[str], ts: float) -> Flag:
    categories = set(categories_of_code(reason_code))
    for rule in rules:
        categories.update(categories_of_code(rule))
    return Flag(account_id, sorted(categories), "policy", ts)


async def flag_counts(cx: EnforceContext, first_day: int, last_day: int, size: int, offset: int
                      ) -> tuple[list[Row], list[Row], list[Row]]:
    """Counts per bucket of `size` days (bucket = (day + offset) // size) from `first_day` to
    `last_day`, for the benign flag rate (`moat.detect.reviewed`):

    - (bucket, active accounts): accounts that made a recorded request or were flagged in it;
    - (bucket, verdict, accounts): flagged accounts, each once at its first flag day in the bucket,
      by the latest label reaching it decided on or after that day (None: unreviewed);
    - (bucket, category, verdict, accounts): the same per detector category.
    """
    b = f"(({{d}} + {int(offset)}) / {int(size)})"  # integer division in both dialects (integer operands)
    traffic, traffic_args = cx.store.account_days_query(first_day * DAY, (last_day + 1) * DAY)
    active = await cx.es.db.fetch(
        f"SELECT {b.format(d='u.d')} AS bk, COUNT(DISTINCT u.account_id) FROM ("
        f"{traffic} UNION SELECT day AS d, account_id FROM enforce_flags WHERE day >= ? AND day <= ?) u GROUP BY bk",
        *traffic_args, first_day, last_day)
    verdict = ("(SELECT l.outcome FROM enforce_label_accounts la JOIN enforce_labels l ON l.label_id = la.label_id "
               "WHERE la.account_id = f.account_id AND l.decided_at >= f.day * 86400.0 "
               "ORDER BY l.decided_at DESC, l.label_id DESC LIMIT 1)")
    flagged = await cx.es.db.fetch(
        f"SELECT f.bk, {verdict} AS outcome, COUNT(*) FROM ("
        f"SELECT {b.format(d='day')} AS bk, account_id, MIN(day) AS day FROM enforce_flags "
        "WHERE day >= ? AND day <= ? GROUP BY bk, account_id) f GROUP BY f.bk, outcome",
        first_day, last_day)
    by_category = await cx.es.db.fetch(
        f"SELECT f.bk, f.category, {verdict} AS outcome, COUNT(*) FROM ("
        f"SELECT {b.format(d='day')} AS bk, account_id, category, MIN(day) AS day FROM enforce_flags "
        "WHERE day >= ? AND day <= ? GROUP BY bk, account_id, category) f GROUP BY f.bk, f.category, outcome",
        first_day, last_day)
    return active, flagged, by_category


async def account_verdicts(cx: EnforceContext, since: float) -> list[tuple[str, str, list[str]]]:
    """(account, outcome, categories) of every label reaching an account decided at or after
    `since`, oldest first: a later verdict on the same account overrides an earlier one. What the
    detectors hold their benign flag rate against (`moat.detect.reviews`)."""
    rows = await cx.es.db.fetch(
        "SELECT la.account_id, l.outcome, l.categories FROM enforce_label_accounts la "
        "JOIN enforce_labels l ON l.label_id = la.label_id WHERE l.decided_at >= ? "
        "ORDER BY l.decided_at, l.label_id", float(since))
    return [(str(r[0]), str(r[1]), list(loads(r[2]) or [])) for r in rows]
