"""recording.prompts: full, truncate or hash, applied before the record reaches the disk."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from moat.audit.prompts import apply_prompt_policy
from moat.audit.recorder import Recorder
from moat.config import RecordingSettings, load_settings
from moat.store.base import Store
from tests.audit.records import make_item


def traffic(prompt: str | None = "Explain the tides to me, slowly.", system: str | None = "You are terse.") -> dict:
    return {"request_id": "req_1", "prompt": prompt, "system": system, "model": "demo"}


def test_full_keeps_the_text() -> None:
    assert apply_prompt_policy(traffic(), RecordingSettings(prompts="full")) == traffic()


def test_truncate_keeps_the_first_characters() -> None:
    out = apply_prompt_policy(traffic(), RecordingSettings(prompts="truncate", truncate_chars=7))
    assert out["prompt"] == "Explain" and out["system"] == "You are"
    assert out["model"] == "demo"


def test_truncate_leaves_short_text_alone() -> None:
    out = apply_prompt_policy(traffic(prompt="hi"), RecordingSettings(prompts="truncate", truncate_chars=7))
    assert out["prompt"] == "hi"


def test_hash_keeps_only_the_sha256() -> None:
    out = apply_prompt_policy(traffic(prompt="héllo ✓", system=None),
                              load_settings(env={}, overrides={"recording.prompts": "hash"}))
    assert out["prompt"] == hashlib.sha256("héllo ✓".encode()).hexdigest()
    assert out["system"] is None  # absent stays absent


def test_settings_from_the_environment() -> None:
    settings = load_settings(env={"MOAT_RECORDING__PROMPTS": "truncate", "MOAT_RECORDING__TRUNCATE_CHARS": "3"})
    assert apply_prompt_policy(traffic(), settings)["prompt"] == "Exp"


def test_an_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match=r"unknown recording\.prompts"):
        apply_prompt_policy(traffic(), RecordingSettings(prompts="redact"))  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", ["full", "truncate", "hash"])
async def test_what_reaches_the_wal_and_the_store(mode: str, store: Store, wal_dir: Path) -> None:
    secret = "my confidential prompt " * 10
    settings = RecordingSettings(prompts=mode, truncate_chars=20)  # type: ignore[arg-type]
    item = make_item(1, prompt=secret)
    apply_prompt_policy(item.traffic, settings)
    recorder = Recorder(store, wal_dir)
    await recorder.start()
    recorder.record(item)
    wal_bytes = b"".join(p.read_bytes() for p in wal_dir.glob("*.wal"))
    assert await recorder.stop()
    rows = [r async for r in store.iter_requests()]
    expected = {"full": secret, "truncate": secret[:20],
                "hash": hashlib.sha256(secret.encode()).hexdigest()}[mode]
    assert len(rows) == 1 and rows[0]["prompt"] == expected
    assert (secret.encode() in wal_bytes) is (mode == "full")
