"""Online scoring: the offline `Engine`'s per-account state, fed one record at a time, scored often.

Per-account detectors (distillation, scraping, tier abuse) read the incremental state and are
re-scored every `score_interval` for the accounts that saw traffic since (so a score is written
well within the 1 s of issue 6 item 3). Cross-account work (linking for competitor, coordination
clusters) costs time in the number of accounts, so it runs every `cross_interval`, stretched to
ten times its own duration when it is slow; in between, per-account scores use its last result.
Only payloads that changed are written.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable
from typing import Any

from moat.detect import coordination
from moat.detect.engine import CATEGORIES, Engine
from moat.detect.scores import Changes, Payload, ScoreBoard
from moat.detect.scoring import Score
from moat.identity.linking import AccountLink
from moat.store import Store

_NONE = Score()


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
                 cross_interval: float = 5.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.accounts = accounts
        self.board = board
        self.on_scores = on_scores
        self.score_interval = score_interval
        self.cross_interval = cross_interval
        self.clock = clock
        self.engine = Engine()
        self.records = 0
        self.written = 0
        self._dirty: set[str] = set()
        self._written: dict[str, Payload] = {}
        self._links: dict[str, AccountLink] = {}
        self._coord: dict[str, Score] = {}
        self._cluster_of: dict[str, str] = {}
        self._next_score = 0.0
        self._next_cross = 0.0
        self._next_directory = 0.0

    async def start(self) -> None:
        self.engine = Engine(await self.accounts.entities())
        await self.accounts.start()

    # ---- ingest --------------------------------------------------------------------------------
    async def ingest(self, records: Iterable[dict[str, Any]]) -> None:
        """Fold records into the state (accounts met for the first time are looked up first)."""
        engine = self.engine
        states = engine.states
        dirty = self._dirty
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
            add(record)
            dirty.add(aid)
            n += 1
        self.records += n

    def drop(self, keep: Callable[[str], bool]) -> None:
        """Forget the accounts `keep` refuses (a partition went to another worker)."""
        engine = self.engine
        gone = [aid for aid in engine.states if not keep(aid)]
        for aid in gone:
            del engine.states[aid]
            self._dirty.discard(aid)
            self._written.pop(aid, None)
        if gone:
            engine.order = [aid for aid in engine.order if aid in engine.states]

    # ---- scoring -------------------------------------------------------------------------------
    async def maybe_score(self, *, force: bool = False) -> int:
        """Score what is due; returns how many payloads were written."""
        now = self.clock()
        if now >= self._next_directory:
            self._next_directory = now + 2.0
            for account in await self.accounts.changed():
                if str(account["account_id"]) in self.engine.states:
                    self.engine.add_account(account)
                    self._dirty.add(str(account["account_id"]))
        if force or now >= self._next_cross:
            self._cross()
            now = self.clock()
        if not force and now < self._next_score:
            return 0
        self._next_score = now + self.score_interval
        return await self._score_dirty()

    def _cross(self) -> None:
        start = self.clock()
        engine = self.engine
        self._links = engine.linker.result().accounts
        coord, cluster_of = coordination.clusters(engine.states)
        # Everyone whose cross-account result changed needs rewriting, not only today's callers.
        for aid in set(self._coord) | set(coord):
            if self._coord.get(aid) != coord.get(aid) and aid in engine.states:
                self._dirty.add(aid)
        for aid, link in self._links.items():
            if link.org_id and aid in engine.states:
                self._dirty.add(aid)
        self._coord, self._cluster_of = coord, cluster_of
        took = self.clock() - start
        self._next_cross = self.clock() + max(self.cross_interval, 10 * took)

    async def _score_dirty(self) -> int:
        dirty, self._dirty = self._dirty, set()
        engine = self.engine
        changes: Changes = []
        clusters_touched: set[str] = set()
        for aid in dirty:
            state = engine.states.get(aid)
            if state is None:
                continue
            cid = self._cluster_of.get(aid)
            finding = engine.finding(aid, self._links.get(aid), self._coord.get(aid, _NONE), cid)
            scores = dict(finding["scores"])
            scores["risk"] = finding["risk"]
            payload: Payload = {"scores": scores, "cluster_id": cid, "requests": state.n}
            if self._written.get(aid) != payload:
                self._written[aid] = payload
                changes.append((f"a:{aid}", payload))
                if cid:
                    clusters_touched.add(cid)
        changes += self._cluster_payloads(clusters_touched)
        if changes:
            if self.on_scores is not None:
                self.on_scores(changes)
            if self.board is not None:
                await self.board.write(changes)
            self.written += len(changes)
        return len(changes)

    def _cluster_payloads(self, cids: set[str]) -> Changes:
        """A cluster's scores: per category, the highest of its members' (a network is as risky as
        its riskiest account; its volume is spread thin on purpose)."""
        if not cids:
            return []
        members: dict[str, list[str]] = {}
        for aid, cid in self._cluster_of.items():
            if cid in cids:
                members.setdefault(cid, []).append(aid)
        out: Changes = []
        for cid, aids in members.items():
            payloads = [self._written[a] for a in aids if a in self._written]
            scores = {k: max((p["scores"].get(k, 0.0) for p in payloads), default=0.0) for k in (*CATEGORIES, "risk")}
            out.append((f"c:{cid}", {"scores": scores, "size": len(aids)}))
        return out
