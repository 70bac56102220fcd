"""The open-streams journal: a data stream killed with its process still gets its record.

The recorder writes a request's record when it ends (moat.audit.recorder), before its response
completes; a firehose response may never complete. So while a data stream is open this journal
holds its record so far: one `open` line with the whole record when the stream starts, then a
`progress` line with the counts (items, bytes, resources) written *before* each piece is sent to
the client, and a `done` line once the real record is in the recorder's write-ahead log. Like the
write-ahead log, a line is one `os.write` to the page cache (a few µs, no await): it survives
kill -9, and a power cut up to the recorder's fsync policy.

At start, a process recovers the journals whose writer died (their lock is free): every stream
opened and not done gets its record with the last counts written, `recovered: true`, through the
recorder, then the file is removed. A record recovered twice (two replicas racing) is stored once:
the store is idempotent by request id.

One file per process (`<home>/streams/<pid>-<hex>.jsonl`, locked while its writer lives); it is
rewritten with only the open streams when it passes `ROTATE_BYTES`.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from moat.store.base import RecordBatchItem

log = logging.getLogger("moat.gateway")

ROTATE_BYTES = 16 << 20


class StreamJournal:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._fd = -1
        self._path: Path | None = None
        self._size = 0
        self._open: dict[str, list[Any]] = {}  # request id -> [traffic, decision, progress]

    def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self._path, self._fd = self._new_file()

    def _new_file(self) -> tuple[Path, int]:
        path = self.directory / f"{os.getpid()}-{secrets.token_hex(4)}.jsonl"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        return path, fd

    def stop(self) -> None:
        """A clean stop: every stream ended and was recorded, so the journal has nothing to say."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
            if not self._open and self._path is not None:
                with contextlib.suppress(FileNotFoundError):
                    self._path.unlink()

    def _write(self, obj: dict[str, Any]) -> None:
        if self._fd < 0:
            return
        line = orjson.dumps(obj, option=orjson.OPT_APPEND_NEWLINE)
        os.write(self._fd, line)
        self._size += len(line)
        if self._size > ROTATE_BYTES:
            self._rotate()

    def opened(self, item: RecordBatchItem) -> None:
        rid = item.traffic["request_id"]
        self._open[rid] = [item.traffic, item.decision, None]
        self._write({"open": rid, "traffic": item.traffic, "decision": item.decision})

    def progress(self, request_id: str, counts: dict[str, Any]) -> None:
        state = self._open.get(request_id)
        if state is None:
            return
        state[2] = counts
        self._write({"progress": request_id, **counts})

    def done(self, request_id: str) -> None:
        if self._open.pop(request_id, None) is not None:
            self._write({"done": request_id})

    def _rotate(self) -> None:
        """A new file with only the open streams, then the old one goes."""
        old_path, old_fd = self._path, self._fd
        self._path, self._fd = self._new_file()
        self._size = 0
        for rid, (traffic, decision, counts) in list(self._open.items()):
            self._write({"open": rid, "traffic": traffic, "decision": decision})
            if counts is not None:
                self._write({"progress": rid, **counts})
        os.close(old_fd)
        if old_path is not None:
            with contextlib.suppress(FileNotFoundError):
                old_path.unlink()

    def recover(self, record: Callable[[RecordBatchItem], None]) -> int:
        """Record the streams of dead writers' journals that never ended; returns how many."""
        recovered = 0
        for path in sorted(self.directory.glob("*.jsonl")):
            if path == self._path:
                continue
            try:
                fd = os.open(path, os.O_RDONLY)
            except FileNotFoundError:
                continue
            try:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # its writer lives
                for item in _unfinished(path):
                    record(item)
                    recovered += 1
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
            finally:
                os.close(fd)
        if recovered:
            log.warning("recovered the records of %d data stream(s) open when their gateway died", recovered)
        return recovered


def _unfinished(path: Path) -> list[RecordBatchItem]:
    streams: dict[str, list[Any]] = {}
    with path.open("rb") as f:
        for raw in f:
            try:
                line = orjson.loads(raw)
            except orjson.JSONDecodeError:
                continue  # a line cut by the crash: the one before it holds
            if "open" in line:
                streams[line["open"]] = [line["traffic"], line["decision"], None]
            elif "progress" in line and line["progress"] in streams:
                streams[line["progress"]][2] = line
            elif "done" in line:
                streams.pop(line["done"], None)
    out = []
    for traffic, decision, counts in streams.values():
        if counts is not None:
            for name in ("items", "bytes", "resources"):
                if name in counts:
                    traffic[name] = counts[name]
        traffic["recovered"] = True
        out.append(RecordBatchItem(traffic=traffic, decision=decision))
    return out
