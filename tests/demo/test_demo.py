"""`moat demo` tells the whole story on a fresh data directory, through the real gateway."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.gateway.conftest import free_port


def test_demo_runs_end_to_end(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOAT_")}
    env["MOAT_HOME"] = str(tmp_path / "home")
    result = subprocess.run(
        [sys.executable, "-m", "moat", "demo", "--exit", "--no-progress", "--port", str(free_port())],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    out = result.stdout
    assert result.returncode == 0, result.stderr[-3000:]
    assert "rival engineers on personal accounts   10 403 competitive_use_restricted" in out
    assert "403 consumer_plan_automation" in out
    assert "a coding IDE relaying its users" in out and "6 403 competitive_use_restricted" in out
    assert "benign developers" in out and "benign developers                      90 allowed" in out
    after = next(line for line in out.splitlines() if "distillation network, after scoring" in line)
    assert "reasoning redacted" in after and "with reasoning" not in after  # scores reached the policy
    network = [line for line in out.splitlines() if line.strip().startswith("demo-net-")]
    assert len(network) >= 6  # detection finds the distillation network
    assert "Cases opened: ['case_" in out
    assert "/console/" in out and "password" in out
    # the data directory holds what the story produced
    assert (tmp_path / "home" / "demo-findings.jsonl").is_file()
    assert (tmp_path / "home" / "demo-dataset" / "requests.jsonl").stat().st_size > 0
