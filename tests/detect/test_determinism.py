"""The same traffic gives the same findings in every process, whatever its string hashing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from moat.cli import main


def _detect(dataset: Path, out: Path, hash_seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    subprocess.run([sys.executable, "-m", "moat", "detect", str(dataset), "--out", str(out), "--no-progress"],
                   env=env, check=True, capture_output=True, timeout=300)
    return out.read_bytes()


def test_findings_do_not_depend_on_the_process_hash_seed(tmp_path: Path) -> None:
    ds = tmp_path / "ds"
    r = CliRunner().invoke(main, ["simulate", str(ds), "--accounts", "500", "--days", "3", "--volume", "0.3",
                                  "--seed", "31"])
    assert r.exit_code == 0, r.output
    first = _detect(ds, tmp_path / "a.jsonl", "1")
    assert b'"cluster_id":"net-' in first  # groups were formed (and large ones split into communities)
    for seed in ("2", "3"):
        assert _detect(ds, tmp_path / f"{seed}.jsonl", seed) == first
