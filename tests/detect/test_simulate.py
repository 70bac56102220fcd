"""The simulator: deterministic by seed, the spec's format, labels for every account, parameters obeyed."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import orjson
import pytest

from moat.detect.sim import SimParams, simulate
from moat.detect.sim.params import ABUSIVE, DEFAULT_MIXTURE
from moat.traffic import ACCOUNT_FIELDS, ENTITY_FIELDS, REQUEST_FIELDS

FILES = ("accounts.jsonl", "requests.jsonl", "entities.jsonl", "labels.jsonl")


def digest(path: Path) -> dict[str, str]:
    return {f: hashlib.sha256((path / f).read_bytes()).hexdigest() for f in FILES}


def rows(path: Path) -> list[dict]:
    return [orjson.loads(x) for x in path.read_bytes().splitlines()]


def test_same_seed_same_bytes_other_seed_other_world(tmp_path: Path) -> None:
    p = SimParams(accounts=120, days=2, seed=5, volume=0.1)
    simulate(p, tmp_path / "a")
    simulate(p, tmp_path / "b")
    simulate(p.with_(seed=6), tmp_path / "c")
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert digest(tmp_path / "a")["requests.jsonl"] != digest(tmp_path / "c")["requests.jsonl"]


def test_output_is_the_spec_format_time_ordered_and_fully_labelled(small_dataset: Path) -> None:
    accounts = rows(small_dataset / "accounts.jsonl")
    requests = rows(small_dataset / "requests.jsonl")
    labels = {r["account_id"]: r for r in rows(small_dataset / "labels.jsonl")}
    assert all(list(a) == list(ACCOUNT_FIELDS) for a in accounts)
    assert all(list(r) == list(REQUEST_FIELDS) for r in requests)
    assert all(list(e) == list(ENTITY_FIELDS) for e in rows(small_dataset / "entities.jsonl"))
    assert [r["ts"] for r in requests] == sorted(r["ts"] for r in requests)
    assert set(labels) == {a["account_id"] for a in accounts}
    assert {r["account_id"] for r in requests} <= set(labels)
    cats = {c for lab in labels.values() for c in lab["categories"]}
    assert cats == {"distillation", "coordination", "scraping", "tier_abuse", "competitor"}
    networks = Counter(lab["network_id"] for lab in labels.values() if lab["network_id"])
    assert networks and min(networks.values()) >= 3


def test_mixture_and_volume_parameters_are_obeyed(tmp_path: Path) -> None:
    benign_only = {k: v for k, v in DEFAULT_MIXTURE.items() if k not in ABUSIVE}
    counts = simulate(SimParams(accounts=100, days=1, seed=1, volume=0.05, mixture=benign_only), tmp_path / "b")
    labels = rows(tmp_path / "b" / "labels.jsonl")
    assert all(not lab["categories"] for lab in labels)
    people = {"developer": 1.0, "student": 1.0}
    few = simulate(SimParams(accounts=100, days=2, seed=1, volume=0.2, mixture=people), tmp_path / "f")
    more = simulate(SimParams(accounts=100, days=2, seed=1, volume=0.8, mixture=people), tmp_path / "m")
    assert counts["requests"] > 0 and more["requests"] > 2 * few["requests"]


def test_unknown_persona_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown persona"):
        simulate(SimParams(accounts=10, mixture={"nobody": 1.0}), tmp_path / "x")
