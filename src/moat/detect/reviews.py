"""Reviewers' verdicts as the detectors read them: which accounts were cleared or confirmed, of what.

The calibration (`moat.detect.calibration`) holds the configured benign flag rate against the
accounts reviewers cleared: a case closed as `cleared`, an accepted appeal. An account's latest
verdict counts (a later confirmation withdraws an earlier clearance), and a clearance names the
categories it was about (`moat.enforce.labels`); one about no known category clears the account of
every per-account category.

Two sources: a JSONL file for `moat detect --reviewed FILE` (lines as the admin API's
`GET /admin/labels` returns them, with `accounts` or `subject_kind: account`, or simply
`{"account_id", "outcome", "categories"}`), and the store for the online scorer (`ReviewSource`,
refreshed every `REFRESH` seconds, off the request path).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from moat.config import DetectSettings
from moat.detect.engine import Review, Reviews
from moat.enforce.labels import DAY, OUTCOMES, account_verdicts
from moat.enforce.services import EnforceContext
from moat.traffic import read_jsonl

if TYPE_CHECKING:
    from moat.store import Store

log = logging.getLogger("moat.detect")
REFRESH = 60.0  # seconds between reads of the reviewers' labels by an online scorer


def fold(verdicts: Iterable[tuple[str, str, Iterable[str]]]) -> Reviews:
    """(account, outcome, categories), oldest first -> each reviewed account's latest verdict."""
    latest: dict[str, Review] = {}
    for account, outcome, categories in verdicts:
        if outcome in OUTCOMES:
            latest[account] = Review(outcome == "cleared", frozenset(categories))
    return latest


def _accounts_of(line: dict[str, Any]) -> list[str]:
    if line.get("account_id") is not None:
        return [str(line["account_id"])]
    accounts = [str(a) for a in line.get("accounts") or ()]
    if not accounts and line.get("subject_kind") == "account" and line.get("subject_id") is not None:
        accounts = [str(line["subject_id"])]
    return accounts


def read_file(path: Path) -> Reviews:
    """The reviewed accounts of a labels JSONL file (in `decided_at` order when the lines have it)."""
    lines = list(read_jsonl(path, ("outcome",)))
    lines.sort(key=lambda line: float(line.get("decided_at") or 0.0))
    return fold((a, str(line["outcome"]), line.get("categories") or ())
                for line in lines for a in _accounts_of(line))


class ReviewSource:
    """The accounts reviewed in the last `window_days`, read from the store's labels."""

    def __init__(self, store: Store | None, window_days: float = DetectSettings.review_window_days) -> None:
        self.store = store
        self.window = window_days * DAY
        self.reviews: Reviews = {}
        self._cx: EnforceContext | None = None
        self._next = 0.0

    async def refresh(self, now: float | None = None) -> Reviews:
        """Re-read the labels when `REFRESH` has passed; a failed read keeps the last ones."""
        clock = time.monotonic() if now is None else now
        if self.store is None or clock < self._next:
            return self.reviews
        self._next = clock + REFRESH
        try:
            if self._cx is None:
                self._cx = await EnforceContext.open(self.store)
            self.reviews = fold(await account_verdicts(self._cx, time.time() - self.window))
        except Exception:
            log.exception("could not read reviewers' labels; keeping the last %d reviewed accounts",
                          len(self.reviews))
        return self.reviews
