"""The findings contract of shared/spec/traffic-format.md, through the real `moat detect`."""

from __future__ import annotations

from pathlib import Path

import orjson
from click.testing import CliRunner

from moat.cli import main
from moat.traffic import DatasetWriter

from .helpers import T0, request

KEYS = {"account_id", "risk", "scores", "cluster_id", "linked_org", "evidence"}
SCORE_KEYS = {"distillation", "scraping", "tier_abuse", "coordination", "competitor"}


def _detect(dataset: Path, tmp_path: Path) -> tuple[list[dict], str]:
    out = tmp_path / "findings.jsonl"
    result = CliRunner().invoke(main, ["detect", str(dataset), "--out", str(out), "--no-progress"])
    assert result.exit_code == 0, result.output
    return [orjson.loads(line) for line in out.read_bytes().splitlines()], result.stderr


def _check(finding: dict) -> None:
    assert set(finding) == KEYS
    assert set(finding["scores"]) == SCORE_KEYS
    for v in [finding["risk"], *finding["scores"].values()]:
        assert isinstance(v, float) and 0.0 <= v <= 1.0
    assert finding["cluster_id"] is None or isinstance(finding["cluster_id"], str)
    assert finding["linked_org"] is None or isinstance(finding["linked_org"], str)
    assert all(isinstance(e, str) for e in finding["evidence"])


def test_every_account_gets_exactly_one_line_with_the_spec_keys(small_dataset: Path, tmp_path: Path) -> None:
    findings, _ = _detect(small_dataset, tmp_path)
    accounts = [orjson.loads(x)["account_id"] for x in (small_dataset / "accounts.jsonl").read_bytes().splitlines()]
    assert [f["account_id"] for f in findings] == accounts  # accounts.jsonl order, none missing
    for f in findings:
        _check(f)
    assert any(f["risk"] >= 0.5 and f["evidence"] for f in findings)  # something was found, with reasons


def test_bad_lines_are_reported_with_file_and_line_and_reading_goes_on(tmp_path: Path) -> None:
    ds = tmp_path / "ds"
    with DatasetWriter(ds) as w:
        w.account({"account_id": "quiet"})  # no traffic at all: still gets a line
        w.account({"account_id": "busy", "plan": "pro"})
        for i in range(40):
            w.request(request("busy", T0 + 60 * i, f"question {i}"))
    with (ds / "requests.jsonl").open("ab") as f:
        f.write(b"{not json\n")
        f.write(orjson.dumps({"ts": T0 + 9999}) + b"\n")  # no account_id
        f.write(orjson.dumps(request("busy", T0 + 10_000, "after the bad lines")) + b"\n")
        f.write(orjson.dumps(request("stranger", T0 + 10_001, "no account record")) + b"\n")
    with (ds / "accounts.jsonl").open("ab") as f:
        f.write(b"[1, 2]\n")
    findings, stderr = _detect(ds, tmp_path)
    assert f"{ds / 'requests.jsonl'}:41: invalid JSON" in stderr
    assert f"{ds / 'requests.jsonl'}:42: missing required field(s): account_id" in stderr
    assert f"{ds / 'accounts.jsonl'}:3: not a JSON object" in stderr
    assert "3 bad lines" in stderr
    assert "from 42 requests" in stderr  # the lines after the bad ones were read
    ids = [f["account_id"] for f in findings]
    assert ids == ["quiet", "busy", "stranger"]
    for f in findings:
        _check(f)
    assert findings[0]["risk"] == 0.0 and findings[0]["evidence"] == []


def test_detect_writes_to_stdout_without_out(small_dataset: Path) -> None:
    result = CliRunner().invoke(main, ["detect", str(small_dataset), "--no-progress"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len((small_dataset / "accounts.jsonl").read_bytes().splitlines())
    _check(orjson.loads(lines[0]))


def test_a_dataset_without_requests_is_a_clear_usage_error(tmp_path: Path) -> None:
    (tmp_path / "accounts.jsonl").write_bytes(b'{"account_id": "a"}\n')
    result = CliRunner().invoke(main, ["detect", str(tmp_path), "--no-progress"])
    assert result.exit_code == 2
    assert "requests.jsonl not found" in result.output


def test_the_optional_usage_fields_count_the_whole_prompt_and_may_be_absent() -> None:
    from .helpers import state

    # A coding agent: 200 fresh tokens, 18,000 read from the cache, 500 out: not a short-prompt harvester.
    cached = state([request("a", T0 + i, f"step {i}", input_tokens=200, cache_read_tokens=18_000,
                            cache_write_tokens=300, output_tokens=500) for i in range(5)])
    assert cached.output_ratio() == 500 / 18_500
    legacy = state([request("a", T0 + i, f"step {i}", input_tokens=18_500, output_tokens=500) for i in range(5)])
    assert legacy.output_ratio() == cached.output_ratio()


def test_dataset_writer_writes_the_usage_fields_only_when_known(tmp_path: Path) -> None:
    with DatasetWriter(tmp_path) as writer:
        writer.request(request("a", T0, "old"))
        writer.request(request("a", T0 + 1, "new", cache_read_tokens=7, cache_write_tokens=0, reasoning_tokens=3))
    old, new = (orjson.loads(line) for line in (tmp_path / "requests.jsonl").read_bytes().splitlines())
    assert "cache_read_tokens" not in old
    assert (new["cache_read_tokens"], new["cache_write_tokens"], new["reasoning_tokens"]) == (7, 0, 3)
