"""The write-ahead files themselves: appending, rotation, reading back, locks and checkpoints."""

from __future__ import annotations

import os
from pathlib import Path

from moat.audit.wal import Position, WalGroup, WalWriter, read_lines


def test_append_returns_end_positions_and_lines_read_back(tmp_path: Path) -> None:
    group = WalGroup.create(tmp_path)
    writer = WalWriter(group, segment_bytes=1 << 20)
    ends = [writer.append(b'{"n":%d}\n' % i) for i in range(5)]
    assert ends[0] == Position(1, 8)
    assert writer.position == ends[-1]
    lines = read_lines(group.segment_path(1), 0)
    assert [raw for raw, _ in lines] == [b'{"n":%d}' % i for i in range(5)]
    assert [end for _, end in lines] == [e.offset for e in ends]
    # From the middle, bounded by count.
    assert read_lines(group.segment_path(1), ends[1].offset, max_lines=2) == lines[2:4]
    writer.close()
    group.release()


def test_a_torn_last_line_is_not_a_record(tmp_path: Path) -> None:
    path = tmp_path / "seg.wal"
    path.write_bytes(b'{"a":1}\n{"b":2}\n{"c":')
    assert [raw for raw, _ in read_lines(path, 0)] == [b'{"a":1}', b'{"b":2}']


def test_long_lines_span_read_chunks(tmp_path: Path) -> None:
    path = tmp_path / "seg.wal"
    big = b"x" * (3 << 20)
    path.write_bytes(b"a\n" + big + b"\nb\n")
    assert [raw for raw, _ in read_lines(path, 0)] == [b"a", big, b"b"]


def test_segments_rotate_by_size(tmp_path: Path) -> None:
    group = WalGroup.create(tmp_path)
    writer = WalWriter(group, segment_bytes=100)
    for _ in range(10):
        writer.append(b"y" * 39 + b"\n")  # 40 bytes: three per segment
    assert group.segments() == [1, 2, 3, 4]
    assert writer.sealed == {1: 120, 2: 120, 3: 120}
    assert writer.normalize(Position(2, 120)) == Position(3, 0)
    assert writer.normalize(Position(4, 40)) == Position(4, 40)
    group.remove_segments_before(3)
    assert group.segments() == [3, 4]
    writer.close()
    group.release()


def test_a_live_group_cannot_be_taken_over_a_released_one_can(tmp_path: Path) -> None:
    group = WalGroup.create(tmp_path)
    assert WalGroup.orphan_candidates(tmp_path, set()) == [group.name]
    assert WalGroup.orphan_candidates(tmp_path, {group.name}) == []
    assert WalGroup.take_over(tmp_path, group.name) is None  # flock conflicts even within a process
    group.release()  # what the kernel does when the writer dies
    again = WalGroup.take_over(tmp_path, group.name)
    assert again is not None
    assert WalGroup.take_over(tmp_path, group.name) is None
    again.remove_all()
    again.release()
    assert os.listdir(tmp_path) == []


def test_segments_without_a_lock_file_are_claimed_once(tmp_path: Path) -> None:
    (tmp_path / "123-abcd.000001.wal").write_bytes(b"{}\n")
    assert WalGroup.orphan_candidates(tmp_path, set()) == ["123-abcd"]
    first = WalGroup.take_over(tmp_path, "123-abcd")
    assert first is not None
    assert WalGroup.take_over(tmp_path, "123-abcd") is None
    assert first.segments() == [1]
    first.release()


def test_checkpoint_round_trip_and_no_temporary_files_left(tmp_path: Path) -> None:
    group = WalGroup.create(tmp_path)
    assert group.read_checkpoint() is None
    group.write_checkpoint(Position(3, 4096))
    group.write_checkpoint(Position(4, 17))
    assert group.read_checkpoint() == Position(4, 17)
    assert sorted(os.listdir(tmp_path)) == sorted([f"{group.name}.lock", f"{group.name}.ckpt"])
    group.release()


def test_a_torn_checkpoint_slot_falls_back_to_the_previous_checkpoint(tmp_path: Path) -> None:
    group = WalGroup.create(tmp_path)
    group.write_checkpoint(Position(2, 100))
    group.write_checkpoint(Position(2, 250))
    raw = bytearray(group.checkpoint_path.read_bytes())
    assert len(raw) == 64
    # The newest slot torn by a crash mid-write: its checksum no longer matches.
    newest = 0 if raw[0:8] > raw[32:40] else 32
    raw[newest + 16] ^= 0xFF
    group.checkpoint_path.write_bytes(bytes(raw))
    assert group.read_checkpoint() == Position(2, 100)
    # Both slots torn: no checkpoint, so a recoverer replays from the first segment (idempotent).
    group.checkpoint_path.write_bytes(b"\x01" * 64)
    assert group.read_checkpoint() is None
    group.release()


def test_a_checkpoint_written_by_an_older_version_is_read_and_carried_forward(tmp_path: Path) -> None:
    (tmp_path / "123-abcd.lock").write_bytes(b"")
    (tmp_path / "123-abcd.ckpt").write_text("3 4096\n")
    group = WalGroup.take_over(tmp_path, "123-abcd")
    assert group is not None
    assert group.read_checkpoint() == Position(3, 4096)
    group.write_checkpoint(Position(3, 5000))
    assert group.read_checkpoint() == Position(3, 5000)
    group.release()


def test_whoever_takes_a_group_over_continues_its_checkpoint_sequence(tmp_path: Path) -> None:
    group = WalGroup.create(tmp_path)
    for offset in range(10, 80, 10):  # seven writes: the sequence is well past the first slots
        group.write_checkpoint(Position(1, offset))
    name = group.name
    group.release()
    heir = WalGroup.take_over(tmp_path, name)
    assert heir is not None and heir.read_checkpoint() == Position(1, 70)
    heir.write_checkpoint(Position(1, 90))
    assert heir.read_checkpoint() == Position(1, 90)  # not the owner's older, higher-numbered slot
    heir.write_checkpoint(Position(2, 0))
    assert heir.read_checkpoint() == Position(2, 0)
    heir.release()
