"""Shared fixtures for detector tests: one small simulated dataset per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from moat.detect.sim import SimParams, simulate


@pytest.fixture(scope="session")
def small_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sim") / "ds"
    simulate(SimParams(accounts=300, days=2, seed=11, volume=0.1), out)
    return out
