"""The record stage: every request becomes a traffic record and a decision-log entry, crash-safe.

Hot path: `record()` serialises the record with orjson and appends it to this recorder's
write-ahead file with one `os.write` (a few µs, no await, no database). The gateway calls it before
it completes the response, so once a client has its response the record is in the kernel's page
cache and survives the process being killed (kill -9). Surviving a power cut needs the bytes on
the platter: `fsync_interval` > 0 fsyncs the write-ahead file that often, off the hot path, which
bounds what a power cut can lose to that window.

Off the hot path a task drains records in batches (`batch_size`, at least every `flush_interval`)
into `Store.append_records` and checkpoints the write-ahead file after each committed batch.
Back-pressure never blocks a request and never drops a record: the in-memory queue is bounded,
and past the bound a record lives only in the write-ahead file and is read back from there. A
store that fails is retried with exponential back-off (log line, `stats.errors`) until it answers;
everything in the write-ahead file is then written. A record the store rejects for what it is
(ValueError, TypeError, KeyError: deterministic, so retrying cannot help) is isolated by
bisecting its batch and kept in `wal/dead-letter.jsonl`, never silently dropped. That file is
capped (`recording.dead_letter_max_bytes`): past the cap a record is counted
(`stats.dead_letter_dropped`, in /metrics) and logged, not kept, so a stream of bad records cannot
fill the disk; a line over `_DEAD_LETTER_LINE_MAX` keeps the record's ids and a cut copy of its text.

Recovery: at start and every `rescan_interval`, groups of write-ahead files whose lock is free
(their writer died; see `moat.audit.wal`) are replayed from their checkpoint. `append_records` is
idempotent by request id and decision id, so replaying a batch that was committed just before a
crash duplicates nothing (at-least-once delivery, exactly-once storage).

Beside the drain task runs the traffic upkeep (`moat.audit.retention`): partitions made ahead and
`recording.retention_days` applied, hourly, never on the request path.

Call `record()` from the event loop thread that ran `start()`; each worker process starts its own.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from moat.audit.retention import TrafficUpkeep
from moat.audit.wal import Position, WalGroup, WalWriter, fsync_dir, read_lines
from moat.config import Settings
from moat.store.base import RecordBatchItem, Store
from moat.tasks import Backoff, poll

log = logging.getLogger(__name__)

DEAD_LETTER_FILE = "dead-letter.jsonl"
_DEAD_LETTER_LINE_MAX = 256 << 10
_DEAD_LETTER_TEXT_MAX = 4096  # chars kept of each string of an oversized dead-letter record
_DUMP_OPTS = orjson.OPT_APPEND_NEWLINE
# Errors that say "this record is bad", not "the store is down": retrying cannot fix them.
_DATA_ERRORS: tuple[type[BaseException], ...] = (
    ValueError, TypeError, KeyError, sqlite3.IntegrityError, sqlite3.DataError)
# The same for PostgreSQL, by name, so the recorder does not import asyncpg for SQLite users.
_PG_DATA_ERRORS = frozenset({"DataError", "IntegrityConstraintViolationError"})


def is_data_error(exc: BaseException) -> bool:
    """Would the same batch fail the same way again, whatever the database's health?"""
    if isinstance(exc, _DATA_ERRORS):
        return True
    return any(c.__module__.startswith("asyncpg") and c.__name__ in _PG_DATA_ERRORS
               for c in type(exc).__mro__)


@dataclass(slots=True)
class RecorderStats:
    """Counters for Prometheus; read them, never write them."""

    queued: int = 0  # recorded by this process, not yet committed to the store
    written: int = 0  # committed to the store (own records and replayed ones)
    wal_bytes: int = 0  # bytes in this recorder's write-ahead segments on disk
    errors: int = 0  # failed store writes, unreadable write-ahead lines, failed checkpoints
    spilled: int = 0  # records past the memory bound, read back from the write-ahead file
    recovered: int = 0  # records replayed from write-ahead files of writers that died
    dead_lettered: int = 0  # records the store refused as invalid, kept in dead-letter.jsonl
    dead_letter_bytes: int = 0  # size of dead-letter.jsonl
    dead_letter_dropped: int = 0  # dead letters past the file's cap: counted and logged, not kept
    store_ok: bool = True  # the last store write succeeded
    expired_days: int = 0  # whole days of traffic dropped by retention (moat.audit.retention)
    expired_rows: int = 0  # traffic records deleted one by one by retention (SQLite, PostgreSQL's default partition)
    upkeep_errors: int = 0  # failed upkeep passes (partitions ahead, retention)


class Recorder:
    """Write-ahead recording of traffic and decisions; see the module docstring for the contract."""

    def __init__(self, store: Store, wal_dir: Path | str, *, batch_size: int = 500,
                 flush_interval: float = 0.2, queue_size: int = 10_000, queue_bytes: int = 32 << 20,
                 segment_bytes: int = 64 << 20, fsync_interval: float = 0.0,
                 rescan_interval: float = 30.0, max_backoff: float = 5.0,
                 dead_letter_max_bytes: int = 64 << 20, retention_days: int = 0) -> None:
        self.store = store
        self.wal_dir = Path(wal_dir)
        self.stats = RecorderStats()
        self._batch_size = max(1, batch_size)
        self._flush_interval = flush_interval
        self._queue_size = queue_size
        self._queue_bytes = queue_bytes
        self._segment_bytes = segment_bytes
        self._fsync_interval = fsync_interval
        self._rescan_interval = rescan_interval
        self._backoff = Backoff(0.05, max_backoff)
        self._dead_letter_max = dead_letter_max_bytes
        self.upkeep = TrafficUpkeep(store, self.stats, retention_days=retention_days)
        self._group: WalGroup | None = None
        self._writer: WalWriter | None = None
        # (end position, item, line bytes) of records also held in memory, oldest first.
        self._memory: deque[tuple[Position, RecordBatchItem, int]] = deque()
        self._memory_bytes = 0
        # Where the first record that is only in the write-ahead file starts (None: all in memory).
        self._spill: Position | None = None
        self._committed = Position(1, 0)
        self._task: asyncio.Task[None] | None = None
        self._fsync_task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._stop_event = asyncio.Event()
        self._progress = asyncio.Event()
        self._first_scan_done = asyncio.Event()
        self._deadline: float | None = None

    @classmethod
    def from_settings(cls, store: Store, settings: Settings, **overrides: Any) -> Recorder:
        """The recorder for a data directory: write-ahead files in `<home>/wal/`."""
        rec = settings.recording
        options: dict[str, Any] = {
            "batch_size": rec.batch_size,
            "flush_interval": rec.flush_interval,
            # Optional settings, read when config.py defines them.
            "fsync_interval": float(getattr(rec, "fsync_interval", 0.0)),
        }
        for name in ("queue_size", "segment_bytes", "dead_letter_max_bytes", "retention_days"):
            if hasattr(rec, name):
                options[name] = int(getattr(rec, name))
        options.update(overrides)
        return cls(store, settings.home_path / "wal", **options)

    # ---- hot path ----------------------------------------------------------------------------
    def record(self, item: RecordBatchItem) -> None:
        """Make `item` durable against a crash of this process; returns in microseconds.

        The recorder owns `item` afterwards (do not mutate it). Raises OSError when the
        write-ahead file cannot be written (disk full): the record is then NOT safe, and the caller
        should fail the request rather than answer it unrecorded.
        """
        writer = self._writer
        if writer is None:
            raise RuntimeError("recorder is not running: await start() first")
        line = orjson.dumps({"traffic": item.traffic, "decision": item.decision}, option=_DUMP_OPTS)
        size = len(line)
        in_memory = (self._spill is None and len(self._memory) < self._queue_size
                     and self._memory_bytes < self._queue_bytes)
        start = writer.position if not in_memory and self._spill is None else None
        end = writer.append(line)
        stats = self.stats
        stats.queued += 1
        stats.wal_bytes += size
        if in_memory:
            self._memory.append((end, item, size))
            self._memory_bytes += size
        else:
            if start is not None:
                self._spill = start
            stats.spilled += 1
        if stats.queued >= self._batch_size:
            self._wake.set()

    # ---- lifecycle ---------------------------------------------------------------------------
    async def start(self) -> None:
        """Open this process's write-ahead file and start draining (and recovering) in the background.

        Returns at once: a store that is down at start-up delays writes, never start-up.
        """
        if self._task is not None:
            return
        # Fresh signals, so a recorder can be started again after stop().
        self._wake, self._stop_event = asyncio.Event(), asyncio.Event()
        self._progress, self._first_scan_done = asyncio.Event(), asyncio.Event()
        self._deadline = None
        self._memory.clear()
        self._memory_bytes = 0
        self._spill = None
        self.stats.queued = 0
        self._group = WalGroup.create(self.wal_dir)
        try:
            self.stats.dead_letter_bytes = (self.wal_dir / DEAD_LETTER_FILE).stat().st_size
        except FileNotFoundError:
            self.stats.dead_letter_bytes = 0
        self._writer = WalWriter(self._group, segment_bytes=self._segment_bytes,
                                 keep_unsynced=self._fsync_interval > 0)
        self._committed = self._writer.position
        self._task = asyncio.create_task(self._drain(), name="moat-recorder")
        if self._fsync_interval > 0:
            self._fsync_task = asyncio.create_task(self._fsync_loop(), name="moat-recorder-fsync")
        self.upkeep.start()

    async def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything recorded so far, and every orphan found at start, is in the store."""
        writer = self._writer
        if writer is None:
            return True
        target = writer.normalize(writer.position)
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        self._wake.set()
        while self._committed < target or not self._first_scan_done.is_set():
            if self._task is None or self._task.done():
                return False
            self._progress.clear()
            remaining = None if deadline is None else deadline - loop.time()
            if remaining is not None and remaining <= 0:
                return False
            try:
                await asyncio.wait_for(self._progress.wait(), remaining)
            except TimeoutError:
                return False
        return True

    async def stop(self, timeout: float = 30.0) -> bool:
        """Write everything out, then close; True when nothing was left behind.

        Whatever the store did not take within `timeout` stays in the write-ahead file, and the
        next start (of any worker on this data directory) writes it.
        """
        task, writer, group = self._task, self._writer, self._group
        if task is None or writer is None or group is None:
            return True
        await self.upkeep.stop()
        loop = asyncio.get_running_loop()
        self._deadline = loop.time() + timeout
        self._stop_event.set()
        self._wake.set()
        done, _ = await asyncio.wait({task}, timeout=timeout + 1.0)
        if not done:  # stuck inside a store call past the deadline
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        if self._fsync_task is not None:
            self._fsync_task.cancel()
            await asyncio.gather(self._fsync_task, return_exceptions=True)
            self._fsync_task = None
            await self._fsync_now()
        clean = self._committed >= writer.normalize(writer.position)
        writer.close()
        self._writer = None
        self._task = None
        if clean:
            group.remove_all()
            self.stats.wal_bytes = 0
        else:
            log.warning("recorder stopped with %d record(s) not yet in the store; they are safe in %s "
                        "and will be written on the next start", self.stats.queued, self.wal_dir)
        group.release()
        self._group = None
        return clean

    # ---- the drain task ----------------------------------------------------------------------
    async def _drain(self) -> None:
        loop = asyncio.get_running_loop()
        next_scan = 0.0
        failures = 0
        while True:
            try:
                if loop.time() >= next_scan:
                    if not await self._recover_orphans():
                        return
                    self._first_scan_done.set()
                    self._progress.set()
                    next_scan = loop.time() + self._rescan_interval
                progressed = await self._drain_batch()
                failures = 0
            except asyncio.CancelledError:
                raise
            except Exception:
                # A bug or a local disk error (checkpoint, read): records stay in the write-ahead
                # file; keep the task alive and try again rather than stop recording.
                failures += 1
                self.stats.errors += 1
                log.exception("recorder drain step failed; retrying")
                await self._sleep(self._backoff.delay(failures + 1))
                if self._give_up():
                    return
                continue
            if progressed is None:
                return  # gave up at the stop deadline
            if progressed and (self._wake.is_set() or self._stop_event.is_set() or self._spill is not None
                               or len(self._memory) >= self._batch_size):
                continue
            # Otherwise wait for a full batch or the flush interval: a commit (and a checkpoint)
            # per handful of records would cost more than the requests themselves under load.
            if self._stop_event.is_set():
                return
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), self._flush_interval)
            except TimeoutError:
                pass

    async def _drain_batch(self) -> bool | None:
        """Commit one batch of our own records: True if one went, False if none waited, None: gave up."""
        writer = self._writer
        assert writer is not None
        if self._memory:
            memory = self._memory
            taken = [memory.popleft() for _ in range(min(len(memory), self._batch_size))]
            self._memory_bytes -= sum(t[2] for t in taken)
            try:
                committed = await self._commit([t[1] for t in taken])
            except BaseException:
                # Not committed (e.g. the dead-letter file could not be written): put them back.
                memory.extendleft(reversed(taken))
                self._memory_bytes += sum(t[2] for t in taken)
                raise
            if not committed:
                return None
            self._advance(taken[-1][0], len(taken))
            return True
        while self._spill is not None:
            pos = self._spill
            if pos >= writer.position:
                self._spill = None
                return False
            assert self._group is not None
            path = self._group.segment_path(pos.segment)
            lines = read_lines(path, pos.offset, end=writer.segment_end(pos.segment),
                               max_lines=self._batch_size)
            if not lines:  # the end of a finished segment
                self._spill = Position(pos.segment + 1, 0)
                continue
            items = self._parse(lines, path)
            if items and not await self._commit(items):
                return None
            self._advance(Position(pos.segment, lines[-1][1]), len(lines))
            return True
        return False

    def _advance(self, end: Position, count: int) -> None:
        """After a committed batch: checkpoint, drop finished segments, wake flush() waiters."""
        writer, group = self._writer, self._group
        assert writer is not None and group is not None
        end = writer.normalize(end)
        self._committed = end
        self.stats.queued -= count
        self.stats.written += count
        if self._spill is not None:
            self._spill = None if end >= writer.position else max(self._spill, end)
        self._progress.set()
        group.write_checkpoint(end)
        finished = [n for n in writer.sealed if n < end.segment]
        if finished:
            group.remove_segments_before(end.segment)
            self.stats.wal_bytes -= sum(writer.sealed[n] for n in finished)
            writer.forget_before(end.segment)

    async def _commit(self, items: list[RecordBatchItem]) -> bool:
        """Write a batch, retrying with back-off while the store fails; False only at the stop deadline."""
        failures = 0
        while True:
            try:
                await self.store.append_records(items)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if is_data_error(exc):
                    return await self._isolate(items, exc)
                failures += 1
                self.stats.errors += 1
                if failures == 1 or failures % 50 == 0:
                    log.warning("store write failed (%d record(s) kept in the write-ahead file, attempt %d):"
                                " %s: %s", self.stats.queued, failures, type(exc).__name__, exc)
                self.stats.store_ok = False
                if self._give_up():
                    return False
                await self._sleep(self._backoff.delay(failures))
                continue
            if not self.stats.store_ok:
                log.warning("store writes resumed after %d failed attempt(s)", failures)
            self.stats.store_ok = True
            return True

    async def _isolate(self, items: list[RecordBatchItem], exc: Exception) -> bool:
        """Bisect a batch the store refused as invalid until the bad record is alone; keep it aside."""
        if len(items) == 1:
            self._dead_letter(items[0], exc)
            return True
        mid = len(items) // 2
        return await self._commit(items[:mid]) and await self._commit(items[mid:])

    def _dead_letter(self, item: RecordBatchItem, exc: BaseException) -> None:
        self.stats.errors += 1
        entry: dict[str, Any] = {"ts": time.time(), "error": f"{type(exc).__name__}: {exc}",
                                 "traffic": item.traffic, "decision": item.decision}
        line = orjson.dumps(entry, option=_DUMP_OPTS | orjson.OPT_NON_STR_KEYS, default=repr)
        if len(line) > _DEAD_LETTER_LINE_MAX:
            entry = {**_cut_strings(entry), "dead_letter_cut": len(line)}
            line = orjson.dumps(entry, option=_DUMP_OPTS | orjson.OPT_NON_STR_KEYS, default=repr)
        if self._append_dead_letter(line):
            self.stats.dead_lettered += 1
            log.error("store refused a record as invalid, kept in %s: %s: %s",
                      self.wal_dir / DEAD_LETTER_FILE, type(exc).__name__, exc)

    def _append_dead_letter(self, line: bytes) -> bool:
        """Append to the dead-letter file unless that would pass its cap (then count and log)."""
        path = self.wal_dir / DEAD_LETTER_FILE
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            size = 0
        if self._dead_letter_max > 0 and size + len(line) > self._dead_letter_max:
            self.stats.dead_letter_dropped += 1
            if self.stats.dead_letter_dropped == 1 or self.stats.dead_letter_dropped % 1000 == 0:
                log.error("%s is full (%d bytes, cap %d): %d invalid record(s) counted but not kept",
                          path, size, self._dead_letter_max, self.stats.dead_letter_dropped)
            return False
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)
        self.stats.dead_letter_bytes = size + len(line)
        return True

    def _parse(self, lines: list[tuple[bytes, int]], path: Path) -> list[RecordBatchItem]:
        items = []
        for raw, end in lines:
            try:
                obj = orjson.loads(raw)
                items.append(RecordBatchItem(traffic=obj["traffic"], decision=obj["decision"]))
            except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
                self.stats.errors += 1
                log.error("unreadable write-ahead line %s@%d kept in %s: %s", path.name, end - len(raw) - 1,
                          DEAD_LETTER_FILE, exc)
                self._append_dead_letter(orjson.dumps(
                    {"ts": time.time(), "error": f"unreadable: {exc}", "file": path.name,
                     "raw": raw.decode("utf-8", "replace")}, option=_DUMP_OPTS))
        return items

    def _give_up(self) -> bool:
        if self._deadline is None:
            return False
        return asyncio.get_running_loop().time() >= self._deadline

    async def _sleep(self, seconds: float) -> None:
        """Back-off that a stop() cuts short, bounded by the stop deadline."""
        if self._deadline is not None:
            seconds = min(seconds, max(0.0, self._deadline - asyncio.get_running_loop().time()))
        try:
            await asyncio.wait_for(self._stop_event.wait(), seconds)
        except TimeoutError:
            pass
        if self._stop_event.is_set() and self._deadline is not None:
            # Stopping: keep retrying, but not faster than every 50 ms.
            await asyncio.sleep(min(0.05, max(0.0, self._deadline - asyncio.get_running_loop().time())))

    # ---- recovery ----------------------------------------------------------------------------
    async def _recover_orphans(self) -> bool:
        """Replay every group whose writer is gone; False when the stop deadline cut it short."""
        own = self._group.name if self._group else ""
        for name in WalGroup.orphan_candidates(self.wal_dir, {own}):
            group = WalGroup.take_over(self.wal_dir, name)
            if group is None:
                continue  # alive, or another process is replaying it
            try:
                if not await self._replay(group):
                    return False
            finally:
                group.release()
        return True

    async def _replay(self, group: WalGroup) -> bool:
        segments = group.segments()
        checkpoint = group.read_checkpoint() or Position(segments[0] if segments else 0, 0)
        replayed = 0
        for number in segments:
            if number < checkpoint.segment:
                group.remove_segments_before(checkpoint.segment)
                continue
            offset = checkpoint.offset if number == checkpoint.segment else 0
            path = group.segment_path(number)
            while lines := read_lines(path, offset, max_lines=self._batch_size):
                items = self._parse(lines, path)
                if items and not await self._commit(items):
                    return False
                offset = lines[-1][1]
                group.write_checkpoint(Position(number, offset))
                replayed += len(items)
                self.stats.recovered += len(items)
                self.stats.written += len(items)
            group.write_checkpoint(Position(number + 1, 0))
            group.remove_segments_before(number + 1)
        group.remove_all()
        if replayed:
            log.warning("recovered %d record(s) from the write-ahead files of a writer that died (%s)",
                        replayed, group.name)
        return True

    # ---- optional fsync ----------------------------------------------------------------------
    async def _fsync_loop(self) -> None:
        await poll(self._fsync_now, self._fsync_interval, log, "fsync of the write-ahead file", self._count_error,
                   wait_first=True, errors=(OSError,))

    def _count_error(self, exc: BaseException) -> None:
        self.stats.errors += 1

    async def _fsync_now(self) -> None:
        writer = self._writer
        if writer is None:
            return
        fds = [os.dup(writer.fd), *writer.unsynced]
        writer.unsynced = []
        new_files, writer.new_files = writer.new_files, False
        await asyncio.to_thread(_fsync_all, fds, self.wal_dir if new_files else None)


def _cut_strings(value: Any) -> Any:
    """A copy of `value` with every string cut to _DEAD_LETTER_TEXT_MAX chars (ids survive whole)."""
    if isinstance(value, str):
        return value[:_DEAD_LETTER_TEXT_MAX]
    if isinstance(value, dict):
        return {k: _cut_strings(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_cut_strings(v) for v in value[:1000]]
    return value


def _fsync_all(fds: list[int], directory: Path | None) -> None:
    try:
        for fd in fds:
            os.fsync(fd)
    finally:
        for fd in fds:
            os.close(fd)
    if directory is not None:
        fsync_dir(directory)
