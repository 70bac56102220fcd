"""Where online scores live, and the replica-local cache the hot path reads them from.

Issue 6 item 3: detector workers write each account's scores (and each cluster's) to a place every
gateway replica reads; replicas keep them in memory (`ScoreCache`) and refresh by polling what
changed, so a request never waits on it.

- `RedisScores`: a hash per account (`<prefix>detect:score:<account>`) and per cluster
  (`<prefix>detect:cluster:<id>`), plus a change index (a sorted set scored by a version counter).
  One Lua script bumps the version and writes a batch, so versions become visible in order and a
  reader polling `version > n` never skips a write.
- `TableScores`: one `detect_scores` table in the store (SQLite or PostgreSQL), rows versioned the
  same way; writes are serialised by their transaction's lock (see `moat.store.database`).

A payload is `{"scores": {name: float}, "cluster_id": str | None, "requests": int}` for an account
and `{"scores": {...}, "size": int}` for a cluster. Subjects are `a:<account>` and `c:<cluster>`.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Protocol

import orjson

from moat.store import Store
from moat.store.database import Migration, Stmt
from moat.tasks import cancel, poll

log = logging.getLogger("moat.detect.scores")

Payload = dict[str, Any]
Changes = list[tuple[str, Payload]]
POLL_LIMIT = 5000


class ScoreBoard(Protocol):
    async def open(self) -> None: ...
    async def close(self) -> None: ...

    async def write(self, items: Changes) -> None:
        """Write (subject, payload) pairs; later versions than anything written before."""

    async def changes(self, after: int) -> tuple[int, Changes]:
        """Payloads written after version `after` (at most POLL_LIMIT), and the last version seen."""


# ---- Redis --------------------------------------------------------------------------------------

_WRITE = """
local v = redis.call('INCR', KEYS[1])
local a = 1
for i = 3, #KEYS do
  local n = tonumber(ARGV[a]); a = a + 1
  local args = {}
  for j = 1, n do args[j] = ARGV[a]; a = a + 1 end
  redis.call('DEL', KEYS[i])
  redis.call('HSET', KEYS[i], unpack(args))
  redis.call('ZADD', KEYS[2], v, ARGV[a]); a = a + 1
end
return v
"""
_NUMERIC = ("requests", "size")


def _hash_fields(payload: Payload) -> list[str]:
    out: list[str] = []
    for name, value in payload["scores"].items():
        out += [name, repr(float(value))]
    if "cluster_id" in payload:
        out += ["cluster_id", payload["cluster_id"] or ""]
    for name in _NUMERIC:
        if name in payload:
            out += [name, str(int(payload[name]))]
    return out


def _from_hash(raw: dict[bytes, bytes]) -> Payload:
    payload: Payload = {"scores": {}}
    for k, v in raw.items():
        key = k.decode()
        if key == "cluster_id":
            payload["cluster_id"] = v.decode() or None
        elif key in _NUMERIC:
            payload[key] = int(v)
        else:
            payload["scores"][key] = float(v)
    return payload


class RedisScores:
    """Scores in Redis hashes, shared by every replica and worker."""

    def __init__(self, url: str, prefix: str = "moat:") -> None:
        self.url = url
        self.prefix = prefix
        self._redis: Any = None
        self._script: Any = None

    def key(self, subject: str) -> str:
        kind, _, name = subject.partition(":")
        return f"{self.prefix}detect:{'score' if kind == 'a' else 'cluster'}:{name}"

    async def open(self) -> None:
        import redis.asyncio as aioredis

        self._redis = aioredis.from_url(self.url, socket_timeout=2.0, socket_connect_timeout=1.0)
        self._script = self._redis.register_script(_WRITE)

    async def close(self) -> None:
        if self._redis is not None:
            await self._redis.aclose()

    async def write(self, items: Changes) -> None:
        for start in range(0, len(items), 500):
            chunk = items[start:start + 500]
            keys = [f"{self.prefix}detect:version", f"{self.prefix}detect:changes"]
            args: list[str] = []
            for subject, payload in chunk:
                keys.append(self.key(subject))
                fields = _hash_fields(payload)
                args += [str(len(fields)), *fields, subject]
            await self._script(keys=keys, args=args)

    async def changes(self, after: int) -> tuple[int, Changes]:
        rows = await self._redis.zrangebyscore(f"{self.prefix}detect:changes", f"({after}", "+inf",
                                               start=0, num=POLL_LIMIT, withscores=True)
        if not rows:
            return after, []
        pipe = self._redis.pipeline(transaction=False)
        subjects = [m.decode() for m, _ in rows]
        for subject in subjects:
            pipe.hgetall(self.key(subject))
        hashes = await pipe.execute()
        return int(rows[-1][1]), [(s, _from_hash(h)) for s, h in zip(subjects, hashes, strict=True) if h]


# ---- the store ----------------------------------------------------------------------------------

# Releases before `moat_migrations` made the table on every open (IF NOT EXISTS): its presence is v1.
_LEGACY = ("detect_scores", "SELECT 1")
_MIGRATIONS: tuple[Migration, ...] = ((1, """
CREATE TABLE IF NOT EXISTS detect_scores (subject TEXT PRIMARY KEY, payload TEXT NOT NULL, version BIGINT NOT NULL);
CREATE INDEX IF NOT EXISTS detect_scores_version ON detect_scores (version)
"""),)
_UPSERT = ("INSERT INTO detect_scores (subject, payload, version) VALUES "
           "(?, ?, (SELECT COALESCE(MAX(version), 0) + 1 FROM detect_scores)) "
           "ON CONFLICT (subject) DO UPDATE SET payload = excluded.payload, version = excluded.version")


class TableScores:
    """Scores in the store's `detect_scores` table (the embedded default, or no Redis)."""

    def __init__(self, store: Store) -> None:
        self.db = store.db

    async def open(self) -> None:
        await self.db.migrate("scores", _MIGRATIONS, legacy=_LEGACY)

    async def close(self) -> None:
        pass  # the store's connection: the store closes it

    async def write(self, items: Changes) -> None:
        stmts = [Stmt(_UPSERT, (subject, orjson.dumps(payload).decode())) for subject, payload in items]
        for start in range(0, len(stmts), 1000):
            await self.db.transaction(stmts[start:start + 1000], lock="detect_scores")

    async def changes(self, after: int) -> tuple[int, Changes]:
        rows = await self.db.fetch("SELECT subject, payload, version FROM detect_scores WHERE version > ? "
                                   f"ORDER BY version LIMIT {POLL_LIMIT}", after)
        if not rows:
            return after, []
        return int(rows[-1][2]), [(str(s), orjson.loads(p)) for s, p, _ in rows]


# ---- the replica-local cache --------------------------------------------------------------------

_EMPTY: dict[str, float] = {}


class ScoreCache:
    """Every scored account's scores in memory; `scores_for` is a dict lookup (the hot path).

    Account scores come merged with their cluster's as `cluster.<name>` (the policy context's
    `scores.cluster.*`, moat.policy.variables). A background task polls `board` for changes.
    """

    def __init__(self, board: ScoreBoard | None, interval: float = 0.5) -> None:
        self.board = board
        self.interval = interval
        self.version = 0
        self.polls = 0
        self.errors = 0
        self._accounts: dict[str, Payload] = {}
        self._clusters: dict[str, dict[str, float]] = {}
        self._members: dict[str, set[str]] = {}
        self._merged: dict[str, dict[str, float]] = {}
        self._task: asyncio.Task[None] | None = None

    # ---- hot path ------------------------------------------------------------------------------
    def scores_for(self, account_id: str) -> dict[str, float]:
        """A copy of the account's scores (empty when it has none yet)."""
        return dict(self._merged.get(account_id, _EMPTY))

    def cluster_of(self, account_id: str) -> str | None:
        payload = self._accounts.get(account_id)
        return payload.get("cluster_id") if payload else None

    def detail(self, account_id: str) -> Payload | None:
        """The account's whole payload (scores, cluster id, requests counted)."""
        return self._accounts.get(account_id)

    def __len__(self) -> int:
        return len(self._accounts)

    # ---- updates -------------------------------------------------------------------------------
    def apply(self, items: Changes) -> None:
        """Take payloads in (from the poll, or straight from an in-process follower)."""
        for subject, payload in items:
            kind, _, name = subject.partition(":")
            if kind == "a":
                old = self._accounts.get(name)
                old_cid = old.get("cluster_id") if old else None
                cid = payload.get("cluster_id")
                if old_cid and old_cid != cid:
                    self._members.get(old_cid, set()).discard(name)
                if cid:
                    self._members.setdefault(cid, set()).add(name)
                self._accounts[name] = payload
                self._merge(name)
            elif kind == "c":
                self._clusters[name] = {f"cluster.{k}": float(v) for k, v in payload["scores"].items()}
                for member in self._members.get(name, ()):
                    self._merge(member)

    def _merge(self, account_id: str) -> None:
        payload = self._accounts[account_id]
        merged = {k: float(v) for k, v in payload["scores"].items()}
        cid = payload.get("cluster_id")
        if cid and cid in self._clusters:
            merged.update(self._clusters[cid])
        self._merged[account_id] = merged

    async def refresh(self) -> int:
        """Pull every change since the last poll; returns how many payloads arrived."""
        if self.board is None:
            return 0
        total = 0
        while True:
            version, items = await self.board.changes(self.version)
            self.version = version
            self.apply(items)
            total += len(items)
            if len(items) < POLL_LIMIT:
                return total

    async def start(self) -> None:
        if self.board is not None and self._task is None:
            self._task = asyncio.create_task(self._poll(), name="moat-score-cache")

    async def stop(self) -> None:
        await cancel(self._task)
        self._task = None

    async def _poll(self) -> None:
        await poll(self._refresh_counted, self.interval, log, "detector scores", self._count_error)

    async def _refresh_counted(self) -> None:
        await self.refresh()
        self.polls += 1

    def _count_error(self, _: BaseException) -> None:
        self.errors += 1
