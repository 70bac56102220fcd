"""Online scoring: the offline `Engine`'s per-account state, fed one record at a time, scored often.

Per-account detectors (distillation, scraping, tier abuse) read the incremental state and are
re-scored every `score_interval` for the accounts that saw traffic since, so a changed score is
written well within the 1 s of issue 6 item 3. A payload is written when a score or the cluster
changes, and otherwise at most every `HEARTBEAT` seconds (its request count moves on).

Cross-account work (coordination clusters) costs time in the number of accounts and pairs, so it
runs every `cross_interval` (stretched to ten times its own duration when slow) on a background
thread, over snapshots of the states it reads: ingestion and per-account scoring go on meanwhile
(in the gateway, requests too). Snapshots are copied only for accounts that changed since the last
pass. Linking (competitor) runs on the event loop at the start of a pass: it is cheap next to it.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import dataclasses
import logging
import threading
import time
from array import array
from collections.abc import Callable, Iterable
from typing import Any

from moat.detect import coordination
from moat.detect.calibration import BENIGN_FLAG_RATE
from moat.detect.engine import CATEGORIES, Cross, Engine, cross
from moat.detect.reviews import ReviewSource
from moat.detect.scores import Changes, Payload, ScoreBoard
from moat.detect.state import SLOTS, AccountState
from moat.identity.linking import AccountLink
from moat.store import Store

log = logging.getLogger("moat.detect.online")
HEARTBEAT = 2.0  # seconds: a payload whose scores did not change is rewritten at most this often
_CONTAINERS = (set, dict, list, bytearray, array)  # array: shingles, the recent-prompt ring
YIELD_EVERY = 200  # accounts scored or copied between yields to the event loop
REMEMBER_IDS = 1 << 17  # request ids per generation kept to drop redelivered records (two generations)


def snapshot(state: AccountState) -> AccountState:
    """A copy of `state` that later `add()`s do not touch (containers copied one level deep)."""
    out = copy.copy(state)
    for name in SLOTS:
        value = getattr(state, name)
        if isinstance(value, _CONTAINERS):
            setattr(out, name, copy.copy(value))
    return out


def _in_thread(fn: Callable[[], Any]) -> asyncio.Future[Any]:
    """Run `fn` on a daemon thread (a slow pass never holds up the process's exit)."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[Any] = loop.create_future()

    def target() -> None:
        try:
            result, exc = fn(), None
        except BaseException as error:  # handed to the awaiting side
            result, exc = None, error
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: nobody awaits it any more
            loop.call_soon_threadsafe(_settle, future, result, exc)

    threading.Thread(target=target, name="moat-detect-cross", daemon=True).start()
    return future


def _settle(future: asyncio.Future[Any], result: Any, exc: BaseException | None) -> None:
    if future.done():
        return
    if exc is not None:
        future.set_exception(exc)
    else:
        future.set_result(result)


class AccountSource:
    """Account records (the directory) for the detectors, fetched once per account and cached."""

    def __init__(self, store: Store | None) -> None:
        self.store = store
        self._known: dict[str, dict[str, Any] | None] = {}
        self._seq = 0

    async def entities(self) -> list[Any]:
        return list(await self.store.list_orgs()) if self.store is not None else []

    async def start(self) -> None:
        if self.store is not None:
            self._seq = await self.store.last_change()

    async def get(self, account_id: str) -> dict[str, Any] | None:
        if account_id in self._known:
            return self._known[account_id]
        account = await self.store.get_account(account_id) if self.store is not None else None
        record = dataclasses.asdict(account) if account is not None else None
        self._known[account_id] = record
        return record

    async def changed(self) -> list[dict[str, Any]]:
        """Accounts changed in the directory since the last call (only those asked for before)."""
        if self.store is None:
            return []
        changes = await self.store.changes_since(self._seq)
        out = []
        for change in changes:
            self._seq = max(self._seq, change.seq)
            if change.kind == "account" and change.id in self._known:
                self._known.pop(change.id)
                record = await self.get(change.id)
                if record is not None:
                    out.append(record)
        return out


class OnlineScorer:
    """One worker's per-account states and score writes. One writer; not thread-safe."""

    def __init__(self, accounts: AccountSource, board: ScoreBoard | None, *,
                 on_scores: Callable[[Changes], None] | None = None, score_interval: float = 0.2,
                 cross_interval: float = 5.0, clock: Callable[[], float] = time.monotonic,
                 reviews: ReviewSource | None = None, benign_flag_rate: float = BENIGN_FLAG_RATE) -> None:
        self.accounts = accounts
        self.reviews = reviews  # reviewers' verdicts: the benign flag rate is held against them
        self.benign_flag_rate = benign_flag_rate
        self.board = board
        self.on_scores = on_scores
        self.score_interval = score_interval
        self.cross_interval = cross_interval
        self.clock = clock
        self.engine = Engine(remember_ids=REMEMBER_IDS)
        self.records = 0
        self.written = 0
        self.bad = 0
        self._dirty: set[str] = set()
        self._touched: set[str] = set()  # changed since the last cross-account snapshot
        self._snapshots: dict[str, AccountState] = {}
        self._cross_task: asyncio.Future[Any] | None = None
        self._written: dict[str, Payload] = {}
        self._written_at: dict[str, float] = {}
        self._heartbeat: dict[str, float] = {}  # account -> when its request count is rewritten
        self._links: dict[str, AccountLink] = {}
        self._cross = Cross()
        self._next_score = 0.0
        self._next_cross = 0.0
        self._next_directory = 0.0

    async def start(self) -> None:
        self.engine = Engine(await self.accounts.entities(), remember_ids=REMEMBER_IDS)
        await self.accounts.start()

    # ---- ingest --------------------------------------------------------------------------------
    async def ingest(self, records: Iterable[dict[str, Any]]) -> None:
        """Fold records into the state (accounts met for the first time are looked up first)."""
        engine = self.engine
        states = engine.states
        dirty = self._dirty
        touched = self._touched
        add = engine.add_request
        n = 0
        for record in records:
            aid = record.get("account_id")
            if aid is None:  # refused before authentication: no account to score
                continue
            aid = str(aid)
            if aid not in states:
                account = await self.accounts.get(aid)
                if account is not None:
                    engine.add_account(account)
            try:
                add(record)
            except (KeyError, TypeError, ValueError) as exc:
                # A malformed record must not stop the worker (it would meet it again on restart).
                self.bad += 1
                if self.bad <= 10:
                    log.warning("skipping a malformed record (%s: %s)", type(exc).__name__, exc)
                continue
            dirty.add(aid)
            touched.add(aid)
            n += 1
        self.records += n

    def restore(self, states: dict[str, AccountState]) -> None:
        """Adopt checkpointed states (a partition taken over); they are scored on the next pass."""
        engine = self.engine
        for aid, state in states.items():
            if aid not in engine.states and state.account is not None:
                engine.order.append(aid)
            engine.states[aid] = state
            if state.account is not None:
                engine.linker.add_account(state.account)
            self._dirty.add(aid)
            self._touched.add(aid)

    def drop(self, keep: Callable[[str], bool]) -> None:
        """Forget the accounts `keep` refuses (a partition went to another worker)."""
        engine = self.engine
        gone = [aid for aid in engine.states if not keep(aid)]
        for aid in gone:
            del engine.states[aid]
            self._dirty.discard(aid)
            self._touched.discard(aid)
            self._snapshots.pop(aid, None)
            self._written.pop(aid, None)
            self._written_at.pop(aid, None)
            self._heartbeat.pop(aid, None)
        if gone:
            engine.order = [aid for aid in engine.order if aid in engine.states]

    # ---- scoring -------------------------------------------------------------------------------
    async def maybe_score(self, *, force: bool = False) -> int:
        """Score what is due; returns how many payloads were written.

        `force` waits for a whole cross-account pass and writes every changed payload now.
        """
        now = self.clock()
        if now >= self._next_directory:
            self._next_directory = now + 2.0
            for account in await self.accounts.changed():
                if str(account["account_id"]) in self.engine.states:
                    self.engine.add_account(account)
                    self._dirty.add(str(account["account_id"]))
        task = self._cross_task
        if task is not None and (task.done() or force):
            await self._finish_cross(task)
        if self._cross_task is None and (force or now >= self._next_cross):
            await self._start_cross()
            if force and self._cross_task is not None:
                await self._finish_cross(self._cross_task)
        if not force and now < self._next_score:
            return 0
        self._next_score = now + self.score_interval
        return await self._score_dirty(force)

    async def _start_cross(self) -> None:
        engine = self.engine
        self._links = engine.linker.result().accounts
        for aid in self._links:
            if aid in engine.states and self._links[aid].org_id:
                self._dirty.add(aid)
        snaps = self._snapshots
        touched, self._touched = self._touched, set()
        for i, aid in enumerate(touched):
            state = engine.states.get(aid)
            if state is not None and state.n >= coordination.MIN_REQUESTS:
                snaps[aid] = snapshot(state)
            if not i % YIELD_EVERY:
                await asyncio.sleep(0)  # in the gateway, let requests run (nothing else folds meanwhile)
        view = dict(snaps)
        links = self._links
        reviews = await self.reviews.refresh() if self.reviews is not None else None
        rate = self.benign_flag_rate
        started = self.clock()
        self._cross_task = _in_thread(lambda: (cross(view, links, reviews, rate), self.clock() - started))

    async def _finish_cross(self, task: asyncio.Future[Any]) -> None:
        self._cross_task = None
        try:
            result, took = await task
        except Exception:
            log.exception("cross-account pass failed; keeping the previous clusters")
            self._next_cross = self.clock() + self.cross_interval
            return
        old, new = self._cross, result
        states = self.engine.states
        if old.calibration != new.calibration:
            self._dirty.update(states)  # every score is read against the population anew
        else:
            for before, after in ((old.verdict.coordination, new.verdict.coordination),
                                  (old.verdict.inherited, new.verdict.inherited),
                                  (old.verdict.affiliation, new.verdict.affiliation),
                                  (old.verdict.cluster_of, new.verdict.cluster_of)):
                for aid in set(before) | set(after):
                    if before.get(aid) != after.get(aid) and aid in states:
                        self._dirty.add(aid)
        self._cross = new
        self._next_cross = self.clock() + max(self.cross_interval, 10 * took)

    def _current(self) -> Cross:
        """The last cross-account results, with the links of the pass now starting or done."""
        cur = self._cross
        if cur.links is not self._links:
            cur = self._cross = dataclasses.replace(cur, links=self._links)
        return cur

    async def _score_dirty(self, force: bool = False) -> int:
        now = self.clock()
        heartbeat = self._heartbeat
        due = [aid for aid, at in heartbeat.items() if force or at <= now]
        for aid in due:
            del heartbeat[aid]
        dirty, self._dirty = self._dirty, set()
        dirty.update(due)
        engine = self.engine
        changes: Changes = []
        clusters_touched: set[str] = set()
        for i, aid in enumerate(dirty):
            if not i % YIELD_EVERY:
                await asyncio.sleep(0)
            state = engine.states.get(aid)
            if state is None:
                continue
            finding = engine.finding(aid, self._current())
            cid = finding["cluster_id"]
            scores = dict(finding["scores"])
            scores["risk"] = finding["risk"]
            payload: Payload = {"scores": scores, "cluster_id": cid, "requests": state.n}
            old = self._written.get(aid)
            if old == payload:
                continue
            if (not force and old is not None and old["scores"] == scores and old["cluster_id"] == cid
                    and now - self._written_at.get(aid, 0.0) < HEARTBEAT):
                # Only the request count moved: rewrite it with the next heartbeat, not now.
                heartbeat.setdefault(aid, self._written_at[aid] + HEARTBEAT)
                continue
            self._written[aid] = payload
            self._written_at[aid] = now
            heartbeat.pop(aid, None)
            changes.append((f"a:{aid}", payload))
            if cid:
                clusters_touched.add(cid)
        changes += self._cluster_payloads(clusters_touched)
        if changes:
            if self.on_scores is not None:
                self.on_scores(changes)
            if self.board is not None:
                try:
                    await self.board.write(changes)
                except Exception:
                    for subject, _ in changes:  # not written: write them again next time
                        kind, _, aid = subject.partition(":")
                        if kind == "a" and self._written.pop(aid, None) is not None:
                            self._dirty.add(aid)
                    raise
            self.written += len(changes)
        return len(changes)

    def _cluster_payloads(self, cids: set[str]) -> Changes:
        """A cluster's scores: per category, the highest of its members' (a network is as risky as
        its riskiest account; its volume is spread thin on purpose)."""
        if not cids:
            return []
        members: dict[str, list[str]] = {}
        for aid, cid in self._cross.verdict.cluster_of.items():
            if cid in cids:
                members.setdefault(cid, []).append(aid)
        out: Changes = []
        for cid, aids in members.items():
            payloads = [self._written[a] for a in aids if a in self._written]
            scores = {k: max((p["scores"].get(k, 0.0) for p in payloads), default=0.0) for k in (*CATEGORIES, "risk")}
            out.append((f"c:{cid}", {"scores": scores, "size": len(aids)}))
        return out
