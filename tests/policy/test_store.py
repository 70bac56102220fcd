"""Hot reload: a changed bundle is swapped in whole; a bad one is refused and the last good stays."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from moat.policy import BundleError, PolicyStore
from tests.policy.conftest import make_ctx

A = "rules:\n  - {id: gate, effect: deny, reason: version_a}\n"
B = "rules:\n  - {id: gate, effect: deny, reason: version_b}\n"
BAD = "rules:\n  - {id: gate, effect: deny, reason: version_c}\n  - {id: typo, effect: deny, when: acount.id}\n"


def write(path: Path, text: str) -> None:
    """Write and move the mtime forward, so the change is seen even within one mtime tick."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text)
    os.utime(path, ns=(before + 10_000_000, before + 10_000_000))


@pytest.fixture
def policy_file(tmp_path: Path) -> Path:
    path = tmp_path / "bundle" / "policy.yaml"
    path.parent.mkdir()
    path.write_text(A)
    return path


def test_reload_swaps_a_changed_bundle(policy_file: Path) -> None:
    store = PolicyStore(policy_file.parent)
    first = store.engine
    assert store.decide(make_ctx()).reason_code == "version_a"
    assert store.reload() is False  # nothing changed
    write(policy_file, B)
    assert store.reload() is True
    assert store.engine is not first and store.revision != first.revision
    d = store.decide(make_ctx())
    assert (d.reason_code, d.policy_revision) == ("version_b", store.revision)
    assert store.reloads == 1


def test_bad_bundle_is_refused_and_last_good_kept(policy_file: Path) -> None:
    errors: list[BundleError] = []
    store = PolicyStore(policy_file.parent, on_error=errors.append)
    good = store.engine
    write(policy_file, BAD)
    assert store.reload() is False
    assert store.engine is good
    assert store.decide(make_ctx()).reason_code == "version_a"
    assert store.last_error is not None and errors == [store.last_error]
    [err] = store.last_error.errors
    assert (Path(err.file).name, err.line) == ("policy.yaml", 3)
    assert "unknown variable 'acount'" in err.reason
    assert store.failures == 1
    assert store.reload() is False and store.failures == 1  # the same broken files are not retried
    write(policy_file, B)
    assert store.reload() is True and store.last_error is None
    assert store.decide(make_ctx()).reason_code == "version_b"


def test_first_load_has_no_fallback(policy_file: Path) -> None:
    policy_file.write_text(BAD)
    with pytest.raises(BundleError):
        PolicyStore(policy_file.parent)


def test_default_bundle_when_no_directory() -> None:
    store = PolicyStore("")
    assert store.directory.name == "default" and store.engine.bundle.rules


async def test_watch_swaps_under_load_without_mixing_bundles(policy_file: Path) -> None:
    store = PolicyStore(policy_file.parent, interval=0.02)
    revisions = {store.revision: "version_a"}
    store.start()
    seen: list[tuple[str, str]] = []
    stop = asyncio.Event()

    async def traffic() -> None:
        while not stop.is_set():
            for _ in range(50):
                d = store.decide(make_ctx())
                seen.append((d.policy_revision, d.reason_code))
            await asyncio.sleep(0)

    task = asyncio.create_task(traffic())
    try:
        for text, reason in ((B, "version_b"), (BAD, None), (A, "version_a"), (B, "version_b")):
            write(policy_file, text)
            old = store.revision
            for _ in range(1000):  # up to 20 s: a busy CI machine compiles slowly
                await asyncio.sleep(0.02)
                if reason is None and store.last_error is not None:
                    break
                if reason is not None and store.revision != old:
                    break
            if reason is None:
                assert store.last_error is not None and store.revision == old
            else:
                assert store.decide(make_ctx()).reason_code == reason
                revisions[store.revision] = reason
    finally:
        stop.set()
        await task
        await store.stop()
    assert len(seen) > 100
    assert all(revisions.get(rev) == reason for rev, reason in seen)
    assert {reason for _, reason in seen} == {"version_a", "version_b"}
