"""Reading JSON Lines: valid objects through, blank lines skipped, every bad line reported once."""

from __future__ import annotations

from pathlib import Path

from moat.traffic import BadLine, read_jsonl


def test_read_jsonl_skips_blanks_and_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "requests.jsonl"
    path.write_bytes(b'{"ts": 1, "account_id": "a"}\n'
                     b"\n"
                     b"   \r\n"
                     b'{"ts": 2, "account_id": "a"\n'
                     b"[1, 2]\n"
                     b'{"ts": 3, "account_id": null}\n'
                     b'{"account_id": "b"}\n'
                     b'{"ts": 0, "account_id": "b", "turn": null}')  # no final newline; 0 is present
    bad: list[BadLine] = []
    got = list(read_jsonl(path, ("ts", "account_id"), bad.append))
    assert got == [{"ts": 1, "account_id": "a"}, {"ts": 0, "account_id": "b", "turn": None}]
    assert [(b.line, b.reason.split(":")[0]) for b in bad] == [
        (4, "invalid JSON"), (5, "not a JSON object"), (6, "missing required field(s)"),
        (7, "missing required field(s)")]
    assert bad[2].reason.endswith(": account_id") and bad[3].reason.endswith(": ts")
