"""The detector engine: per-account state in, findings out (shared/spec/traffic-format.md).

`add_account` and `add_request` are incremental and cheap; `findings()` scores every account
from the current state, whenever it is called. `moat detect` feeds a dataset through it once;
`moat detect --follow` (issue 6 item 3) will feed a stream and call `findings()` periodically.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from moat.detect import calibration, competitor, coordination, crawls, customers, detectors, networks, rotation
from moat.detect.calibration import Calibration
from moat.detect.data_features import crowd_of
from moat.detect.detectors import PER_ACCOUNT, Scores
from moat.detect.networks import Verdict
from moat.detect.scoring import Score
from moat.detect.state import AccountState
from moat.identity.linking import AccountLink, Linker
from moat.traffic import ErrorSink, read_accounts, read_entities, read_requests

CATEGORIES: tuple[str, ...] = ("distillation", "scraping", "tier_abuse", "coordination", "competitor")
_NONE = Score()


@dataclass(frozen=True, slots=True)
class Review:
    """An account's latest reviewer verdict: cleared (benign) or confirmed, and what it was about
    (detector categories; empty: about everything)."""

    cleared: bool
    about: frozenset[str] = frozenset()


Reviews = Mapping[str, Review]  # account -> its latest verdict


def combine(scores: dict[str, float]) -> float:
    """Overall risk: the strongest category, nudged up (never past 1) when others agree."""
    ordered = sorted(scores.values(), reverse=True)
    top = ordered[0] if ordered else 0.0
    second = ordered[1] if len(ordered) > 1 else 0.0
    return round(min(1.0, top + 0.25 * second * (1 - top)), 4)


@dataclass(slots=True)
class Cross:
    """What the cross-account pass found: links, groups and networks, and the calibration; and
    the per-account scores it read (of the states as they were then)."""

    links: Mapping[str, AccountLink] = field(default_factory=dict)
    verdict: Verdict = field(default_factory=Verdict)
    calibration: Calibration = field(default_factory=Calibration)
    own: Mapping[str, Scores] = field(default_factory=dict)
    crowd: Mapping[str, int] = field(default_factory=dict)  # accounts per data network (/24)
    shared: Mapping[str, float] = field(default_factory=dict)  # prompts colleagues also asked


def cross(states: Mapping[str, AccountState], links: Mapping[str, AccountLink],
          reviews: Reviews | None = None, benign_flag_rate: float = calibration.BENIGN_FLAG_RATE) -> Cross:
    """Linking results in, groups judged, scores calibrated against this population and the
    reviewers' verdicts (`reviews`).

    Safe to run on a snapshot of the states on another thread (the online scorer does).
    """
    crowd = crowd_of(states.values())
    shared = customers.colleague_shares(states)
    own = {aid: detectors.score(s, crowd, shared.get(aid, 0.0)) for aid, s in states.items()}
    verdict = networks.judge(coordination.groups(states, own), states, links, own=own)
    customers.affiliate(states, links, verdict)  # a firm several of whose accounts a rival is behind
    crawls.judge(states, links, verdict)  # one customer's accounts splitting one crawl (data APIs)
    rotation.judge(states, verdict)  # trial accounts drained one after another at the same places
    raw = {k: [own[aid][k].value for aid, s in states.items() if detectors.applies(k, s)] for k in PER_ACCOUNT}
    cal = calibration.fit(raw)
    if reviews:
        cleared: dict[str, list[float]] = {}
        confirmed: dict[str, list[float]] = {}
        for aid, review in reviews.items():
            if aid in own:
                into = cleared if review.cleared else confirmed
                for k, part in parts(aid, own[aid], verdict, links.get(aid), cal).items():
                    if not review.about or k in review.about:
                        into.setdefault(k, []).append(part.value)
        active = sum(1 for s in states.values() if s.n)
        cal = calibration.hold(cal, cleared, confirmed, active, benign_flag_rate, len(CATEGORIES))
    return Cross(links, verdict, cal, own, crowd, shared)


def parts(aid: str, raw: Scores, verdict: Verdict, link: AccountLink | None, cal: Calibration) -> dict[str, Score]:
    """One account's score per category before the reviewers' raised 0.5 points: its own
    per-account scores read against the population (or what its network does jointly, when
    stronger), its network's coordination score, and its affiliation."""
    inherited = verdict.inherited.get(aid, {})
    out: dict[str, Score] = {}
    for k in PER_ACCOUNT:
        own = Score(cal.apply(k, raw[k].value), raw[k].evidence)
        joint = inherited.get(k)
        out[k] = joint if joint is not None and joint.value > own.value else own
    out["coordination"] = verdict.coordination.get(aid, _NONE)
    comp = competitor.score(link)
    affiliation = verdict.affiliation.get(aid)
    if affiliation is not None and affiliation[1] > comp.value:
        comp = Score(affiliation[1], list(affiliation[2]))
    out["competitor"] = comp
    return out


class Engine:
    """Keeps an `AccountState` per account and a `Linker`; one writer, not thread-safe.

    Records are idempotent by request id: the same traffic ingested twice is counted once. A batch
    run remembers every id; a long-running worker passes `remember_ids` to bound the memory, and
    then recognises a repeat among the last `remember_ids` to 2 x `remember_ids` records (two
    generations of ids), which covers a stream's redeliveries.
    """

    def __init__(self, entities: Iterable[dict[str, Any]] = (), *, remember_ids: int | None = None,
                 reviews: Reviews | None = None,
                 benign_flag_rate: float = calibration.BENIGN_FLAG_RATE) -> None:
        self.linker = Linker(list(entities))
        self.reviews: Reviews = reviews or {}  # reviewers' verdicts: the benign flag rate is held against them
        self.benign_flag_rate = benign_flag_rate
        self.states: dict[str, AccountState] = {}
        self.order: list[str] = []  # accounts.jsonl order: findings keep it
        self._seen: set[int] = set()
        self._older: set[int] = set()
        self._remember = remember_ids
        self.duplicates = 0

    def add_account(self, account: dict[str, Any]) -> None:
        aid = str(account["account_id"])
        state = self.states.get(aid)
        if state is None:
            self.states[aid] = AccountState(account)
            self.order.append(aid)
        else:
            if state.account is None:
                self.order.append(aid)
            state.account = account
        self.linker.add_account(account)

    def add_request(self, request: dict[str, Any]) -> None:
        rid = request.get("request_id")
        if rid is not None:
            h = hash(rid)
            older = self._older
            if older and h in older:
                self.duplicates += 1
                return
            # One probe of a set of a million ids (a cache miss each): add, and a size that did
            # not grow is a repeat.
            seen = self._seen
            size = len(seen)
            seen.add(h)
            if len(seen) == size:
                self.duplicates += 1
                return
            if self._remember is not None and size + 1 >= self._remember:
                self._older, self._seen = seen, set()
        aid = request["account_id"]
        if aid.__class__ is not str:  # ids are strings in the spec; tolerate numbers
            aid = str(aid)
        state = self.states.get(aid)
        if state is None:  # traffic for an account we have no record of: still scored
            state = self.states[aid] = AccountState(None)
        state.add(request)
        self.linker.add_request(request)

    def cross(self) -> Cross:
        return cross(self.states, self.linker.result().accounts, self.reviews, self.benign_flag_rate)

    def findings(self) -> Iterator[dict[str, Any]]:
        """One finding per known account (accounts.jsonl first, then accounts seen only in traffic).

        Cross-account work (linking, groups, calibration) runs once per call; per-account scores
        read the current state, so this can run after every batch in online mode.
        """
        result = self.cross()
        seen = set(self.order)
        extra = sorted(k for k in self.states if k not in seen)
        for aid in [*self.order, *extra]:
            yield self.finding(aid, result, result.own.get(aid))  # no traffic since: scored once

    def finding(self, aid: str, result: Cross, scored: Scores | None = None) -> dict[str, Any]:
        """One account's finding in the spec's shape, from its state and the cross-account results.

        `scored`: its per-account scores when already computed from the current state.
        """
        verdict, cal = result.verdict, result.calibration
        link = result.links.get(aid)
        raw = scored if scored is not None else detectors.score(self.states[aid], result.crowd,
                                                                 result.shared.get(aid, 0.0))
        found = parts(aid, raw, verdict, link, cal)
        scores = {k: float(found[k].value) for k in CATEGORIES}
        for k in cal.raised:
            before = scores[k]
            scores[k] = cal.lift(k, before)
            if before >= 0.5:
                found[k] = Score(scores[k], [*found[k].evidence, str(cal.evidence(k))])
        out: dict[str, Any] = {
            "account_id": aid,
            "risk": combine(scores),
            "scores": scores,
            "cluster_id": verdict.cluster_of.get(aid),
            # the linker's own link, or the network's for a member tied to one of its insiders
            "linked_org": link.org_id if link is not None and link.org_id else verdict.linked.get(aid),
            "evidence": [e for k in CATEGORIES for e in found[k].evidence],
        }
        group = verdict.group_of.get(aid)
        if group is not None:  # the spec's findings carry no group field: reviewers read it here
            out["evidence"].append(f"member of group {group}: accounts that share attributes and act "
                                   "together without abuse (no risk from the group)")
        return out


def score_dataset(dataset: Path, on_error: ErrorSink | None = None,
                  progress: Callable[[int], None] | None = None, *, reviews: Reviews | None = None,
                  benign_flag_rate: float = calibration.BENIGN_FLAG_RATE) -> tuple[Engine, int]:
    """Feed a whole dataset through a new engine, streaming its requests; (engine, request count).

    `progress(n)` is told every 16,384 requests (and once at the end with the remainder).
    """
    report: ErrorSink = on_error or (lambda bad: None)
    engine = Engine(read_entities(dataset, report), reviews=reviews, benign_flag_rate=benign_flag_rate)
    for account in read_accounts(dataset, report):
        engine.add_account(account)
    add = engine.add_request
    n = 0
    # The state holds no reference cycles, and a million short-lived dicts would otherwise
    # trigger the cyclic collector thousands of times (about a fifth of the run).
    gc.disable()
    try:
        for n, request in enumerate(read_requests(dataset, report), 1):
            add(request)
            if progress is not None and not n & 0x3FFF:
                progress(0x4000)
    finally:
        gc.enable()
    if progress is not None:
        progress(n & 0x3FFF)
    return engine, n
