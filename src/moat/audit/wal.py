"""Write-ahead files for recorded traffic: what makes `Recorder.record()` crash-safe.

One *group* per writer (each recorder in each process), all in the data directory's `wal/` folder:

    <pid>-<token>.lock          held with an exclusive flock while the writer (or a recoverer) lives
    <pid>-<token>.000001.wal    segments: one orjson line per record, appended with one os.write
    <pid>-<token>.ckpt          two checksummed slots (segment, offset): everything before the
                                newest valid one is committed to the store

A record is safe once `os.write` returned: the bytes are in the kernel's page cache, which survives
the process being killed (kill -9), though not a power cut; `fsync_interval` bounds that window.
The kernel drops a dead process's flock, so a group whose lock is free belongs to nobody and any
process may take it over and replay it from its checkpoint. Files are created under a dot-name,
locked, then renamed, so nobody ever sees an unlocked group that is still alive.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import struct
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

LOCK_SUFFIX = ".lock"
SEGMENT_SUFFIX = ".wal"
CHECKPOINT_SUFFIX = ".ckpt"
# A dot-file older than this is debris from a crash between create and rename.
_STALE_TMP_SECONDS = 3600.0
_READ_CHUNK = 1 << 20
# A checkpoint slot: sequence number, segment, offset, then the CRC-32 of those 24 bytes.
_SLOT_HEAD = struct.Struct("<QQQ")
_SLOT = struct.Struct("<QQQI4x")  # 32 bytes
_SLOT_BODY = _SLOT_HEAD.size


@dataclass(frozen=True, slots=True, order=True)
class Position:
    """A place in a group's log: byte `offset` in segment number `segment`."""

    segment: int
    offset: int


def _lock_nb(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


class WalGroup:
    """One writer's files. Whoever holds the instance holds the group's lock."""

    def __init__(self, directory: Path, name: str, lock_fd: int) -> None:
        self.directory = directory
        self.name = name
        self._lock_fd: int | None = lock_fd
        self._checkpoint_fd: int | None = None
        self._checkpoint_seq = 0

    # ---- acquiring ---------------------------------------------------------------------------
    @classmethod
    def create(cls, directory: Path) -> WalGroup:
        """A new group for this process: its lock file exists only once it is locked."""
        directory.mkdir(parents=True, exist_ok=True)
        name = f"{os.getpid()}-{secrets.token_hex(4)}"
        group = cls._claim(directory, name)
        if group is None:  # 32 random bits collided with a live group: astronomically unlikely
            return cls.create(directory)
        return group

    @classmethod
    def take_over(cls, directory: Path, name: str) -> WalGroup | None:
        """The group `name` if its writer is gone (lock free), else None."""
        path = directory / f"{name}{LOCK_SUFFIX}"
        try:
            fd = os.open(path, os.O_RDWR)
        except FileNotFoundError:
            # Segments without a lock file (a recoverer died mid-cleanup, or files were copied in):
            # claim them with a fresh lock, atomically, so only one process wins.
            return cls._claim(directory, name)
        if not _lock_nb(fd):
            os.close(fd)
            return None
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if not same:  # finished and removed by another recoverer between our open and flock
            os.close(fd)
            return None
        return cls(directory, name, fd)

    @classmethod
    def _claim(cls, directory: Path, name: str) -> WalGroup | None:
        tmp = directory / f".{name}.{secrets.token_hex(4)}.tmp"
        fd = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            os.link(tmp, directory / f"{name}{LOCK_SUFFIX}")
        except FileExistsError:
            os.close(fd)
            return None
        finally:
            os.unlink(tmp)
        return cls(directory, name, fd)

    @staticmethod
    def orphan_candidates(directory: Path, exclude: set[str]) -> list[str]:
        """Names of groups on disk other than `exclude`; sweeps stale temporary files on the way."""
        names: set[str] = set()
        try:
            entries = list(os.scandir(directory))
        except FileNotFoundError:
            return []
        now = time.time()
        for entry in entries:
            if entry.name.startswith("."):
                if entry.name.endswith(".tmp"):
                    try:
                        if now - entry.stat().st_mtime > _STALE_TMP_SECONDS:
                            os.unlink(entry.path)
                    except FileNotFoundError:
                        pass
                continue
            if entry.name.endswith((LOCK_SUFFIX, SEGMENT_SUFFIX, CHECKPOINT_SUFFIX)):
                names.add(entry.name.split(".", 1)[0])
        return sorted(names - exclude)

    # ---- files -------------------------------------------------------------------------------
    def segment_path(self, number: int) -> Path:
        return self.directory / f"{self.name}.{number:06d}{SEGMENT_SUFFIX}"

    @property
    def checkpoint_path(self) -> Path:
        return self.directory / f"{self.name}{CHECKPOINT_SUFFIX}"

    def segments(self) -> list[int]:
        """Segment numbers on disk, oldest first."""
        prefix = f"{self.name}."
        found = []
        for entry in os.scandir(self.directory):
            if entry.name.startswith(prefix) and entry.name.endswith(SEGMENT_SUFFIX):
                middle = entry.name[len(prefix):-len(SEGMENT_SUFFIX)]
                if middle.isdigit():
                    found.append(int(middle))
        return sorted(found)

    def read_checkpoint(self) -> Position | None:
        """The newest valid slot (see `write_checkpoint`), or the text line older versions wrote."""
        newest = self._newest_slot()
        return None if newest is None else newest[1]

    def _newest_slot(self) -> tuple[int, Position] | None:
        try:
            data = self.checkpoint_path.read_bytes()
        except FileNotFoundError:
            return None
        if len(data) == 2 * _SLOT.size:
            best: tuple[int, Position] | None = None
            for start in (0, _SLOT.size):
                seq, segment, offset, crc = _SLOT.unpack_from(data, start)
                if seq and crc == zlib.crc32(data[start:start + _SLOT_BODY]) and (best is None or seq > best[0]):
                    best = (seq, Position(segment, offset))
            if best is not None:
                return best
        try:  # "segment offset\n", as versions before the two slots wrote it
            segment_text, offset_text = data.decode().split()
            return 0, Position(int(segment_text), int(offset_text))
        except (UnicodeDecodeError, ValueError):
            return None  # nothing valid: replay from the first segment (replay is idempotent)

    def write_checkpoint(self, position: Position) -> None:
        """One `pwrite` into the older of two checksummed slots, so a reader finds the new
        checkpoint or the previous one, never a torn one, whatever instant a crash hits.

        The file stays open for the group's life: a checkpoint after every committed batch is one
        system call, where a create-write-rename took four and a directory update each time.
        """
        if self._checkpoint_fd is None:
            newest = self._newest_slot()
            self._checkpoint_fd = os.open(self.checkpoint_path, os.O_RDWR | os.O_CREAT, 0o600)
            if os.fstat(self._checkpoint_fd).st_size != 2 * _SLOT.size:
                # New, or a legacy text line: two empty slots, then the legacy position in one.
                os.ftruncate(self._checkpoint_fd, 0)
                os.pwrite(self._checkpoint_fd, bytes(2 * _SLOT.size), 0)
                if newest is not None:
                    self._write_slot(newest[1])
            else:
                self._checkpoint_seq = 0 if newest is None else newest[0]  # continue past the owner's
        self._write_slot(position)

    def _write_slot(self, position: Position) -> None:
        assert self._checkpoint_fd is not None
        seq = self._checkpoint_seq = self._checkpoint_seq + 1
        body = _SLOT_HEAD.pack(seq, position.segment, position.offset)
        os.pwrite(self._checkpoint_fd, _SLOT.pack(seq, position.segment, position.offset, zlib.crc32(body)),
                  (seq % 2) * _SLOT.size)

    def remove_segments_before(self, number: int) -> None:
        for n in self.segments():
            if n < number:
                _unlink(self.segment_path(n))

    def remove_all(self) -> None:
        """Delete every file of the group, the lock last (still held, so nobody takes over)."""
        for n in self.segments():
            _unlink(self.segment_path(n))
        self._close_checkpoint()
        _unlink(self.checkpoint_path)
        _unlink(self.directory / f"{self.name}{LOCK_SUFFIX}")

    def release(self) -> None:
        self._close_checkpoint()
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None


    def _close_checkpoint(self) -> None:
        if self._checkpoint_fd is not None:
            os.close(self._checkpoint_fd)
            self._checkpoint_fd = None


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


class WalWriter:
    """Appends lines to a group's newest segment and starts a new one past `segment_bytes`.

    Not thread-safe: the recorder calls it from the event loop thread only.
    """

    def __init__(self, group: WalGroup, *, segment_bytes: int, keep_unsynced: bool = False) -> None:
        self.group = group
        self.segment_bytes = segment_bytes
        self.keep_unsynced = keep_unsynced
        # Sizes of finished segments, so a checkpoint at a segment's end can move to the next one.
        self.sealed: dict[int, int] = {}
        # With fsync on, finished segments stay open until the fsync task has flushed them.
        self.unsynced: list[int] = []
        self.new_files = False
        self._segment = 0
        self._offset = 0
        self._fd = -1
        self._open(1)

    @property
    def position(self) -> Position:
        """Where the next record starts."""
        return Position(self._segment, self._offset)

    @property
    def fd(self) -> int:
        return self._fd

    def _open(self, number: int) -> None:
        path = self.group.segment_path(number)
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        self._segment, self._offset = number, 0
        self.new_files = True

    def append(self, line: bytes) -> Position:
        """Write one record with one system call; returns where it ends. Raises OSError on failure."""
        try:
            written = os.write(self._fd, line)
            while written < len(line):  # only on a full disk or a signal: finish or fail below
                written += os.write(self._fd, line[written:])
        except OSError:
            # Cut a torn line off so the next record does not merge into it; if even that fails,
            # start a fresh segment and leave the torn tail for replay to skip.
            try:
                os.ftruncate(self._fd, self._offset)
            except OSError:
                self._rotate()
            raise
        self._offset += written
        end = Position(self._segment, self._offset)
        if self._offset >= self.segment_bytes:
            self._rotate()
        return end

    def _rotate(self) -> None:
        self.sealed[self._segment] = self._offset
        if self.keep_unsynced:
            self.unsynced.append(self._fd)
        else:
            os.close(self._fd)
        self._open(self._segment + 1)

    def normalize(self, position: Position) -> Position:
        """A position at the very end of a finished segment is the start of the next one."""
        size = self.sealed.get(position.segment)
        if size is not None and position.offset >= size:
            return Position(position.segment + 1, 0)
        return position

    def forget_before(self, number: int) -> None:
        for n in [n for n in self.sealed if n < number]:
            del self.sealed[n]

    def segment_end(self, number: int) -> int:
        """Bytes written to a segment of ours so far."""
        if number == self._segment:
            return self._offset
        return self.sealed[number]

    def close(self) -> None:
        for fd in self.unsynced:
            os.close(fd)
        self.unsynced.clear()
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def fsync_dir(directory: Path) -> None:
    """Make new file names durable (only needed for power-loss durability)."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_lines(path: Path, offset: int, *, end: int | None = None, max_lines: int = 500
               ) -> list[tuple[bytes, int]]:
    """Complete lines from `offset`, each with the offset just past it, at most `max_lines`.

    Stops at `end` (bytes known written) or at the end of the file; a final line without its
    newline is a write that never returned (the process died in it), so it is not a record.
    """
    out: list[tuple[bytes, int]] = []
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        limit = end if end is not None else os.fstat(fd).st_size
        pending = b""
        pos = offset  # file offset of pending's first byte
        while len(out) < max_lines and pos + len(pending) < limit:
            chunk = os.pread(fd, min(_READ_CHUNK, limit - pos - len(pending)), pos + len(pending))
            if not chunk:
                break
            pending += chunk
            start = 0
            while len(out) < max_lines:
                nl = pending.find(b"\n", start)
                if nl < 0:
                    break
                out.append((pending[start:nl], pos + nl + 1))
                start = nl + 1
            pos += start
            pending = pending[start:]
    finally:
        os.close(fd)
    return out
