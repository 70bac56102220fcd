"""Hot reload and dry runs under bad input: one compile worker, nothing left running, the last
good bundle kept, every refusal reported once, and a later good edit applied."""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from moat.console.dryrun import edited_bundle
from moat.policy import BundleError, PolicyStore
from moat.policy.worker import CompileWorker, WorkerBusy
from tests.policy.conftest import make_ctx

A = "rules:\n  - {id: gate, effect: deny, reason: version_a}\n"
B = "rules:\n  - {id: gate, effect: deny, reason: version_b}\n"
RULE = "rules:\n  - id: r\n    effect: deny\n    when: '{}'\n"
PATHOLOGICAL = {
    "index chain": RULE.format("[1]" + "[0]" * 100 + " == 1"),
    "parentheses": RULE.format("(" * 100 + "true" + ")" * 100),
    "&& terms": RULE.format(" && ".join(["scores.risk > 0.5"] * 1000)),
    "deep YAML": "rules:\n" + "".join("  " * i + "- \n" for i in range(1, 300)),
}


def write(path: Path, content: str | bytes) -> None:
    """Write and move the mtime forward, so the change is seen even within one mtime tick."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    os.utime(path, ns=(before + 10_000_000, before + 10_000_000))


@pytest.fixture
def worker() -> Iterator[CompileWorker]:
    w = CompileWorker()
    yield w
    w.shutdown()


async def until(condition: Callable[[], bool], what: str, *, tries: int = 1000) -> None:
    """Poll (up to ~20 s: a busy CI machine compiles slowly); no assertion reads the clock."""
    for _ in range(tries):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"never happened: {what}")


async def test_hot_reload_refuses_bad_files_once_and_applies_the_next_good_edit(
        tmp_path: Path, worker: CompileWorker, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="moat.policy")
    (tmp_path / "b").mkdir()
    policy, other = tmp_path / "b" / "policy.yaml", tmp_path / "b" / "other.yaml"
    policy.write_text(A)
    reported: list[BundleError] = []
    store = PolicyStore(tmp_path / "b", interval=0.02, on_error=reported.append, worker=worker)
    good = store.engine
    store.start()
    try:
        for n, (name, text) in enumerate([*PATHOLOGICAL.items(), ("not UTF-8", b"rules:\n  - id: caf\xe9\n")], 1):
            write(other, text)
            await until(lambda: store.failures == n, f"{name} refused")  # noqa: B023 (awaited here)
            assert store.engine is good and store.decide(make_ctx()).reason_code == "version_a"
            assert store.last_error is not None
            [err] = store.last_error.errors
            assert Path(err.file).name == "other.yaml" and err.line > 0 and err.reason
        assert len(reported) == len(PATHOLOGICAL) + 1  # each a new refusal, each reported once
        # the same bad file touched again (not fixed): refused again, reported no more
        write(other, b"rules:\n  - id: caf\xe9\n")
        await until(lambda: store.failures == len(PATHOLOGICAL) + 2, "the touched file refused again")
        assert len(reported) == len(PATHOLOGICAL) + 1
        # the next good edit is applied
        other.unlink()
        write(policy, B)
        await until(lambda: store.decide(make_ctx()).reason_code == "version_b", "the good edit applied")
        assert store.last_error is None and store.reloads == 1
    finally:
        await store.stop()
    assert worker.threads == 1 and worker.pending == 0  # every load ran on the one worker thread
    assert worker.submitted == store.failures + store.reloads
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR and "reload failed" in r.getMessage()]
    refusals = [r for r in caplog.records if r.levelno == logging.ERROR and "refused" in r.getMessage()]
    assert len(refusals) == len(reported)  # one log line per report, no tracebacks
    assert all(r.exc_info is None for r in refusals)


def test_a_failure_nobody_foresaw_is_a_refusal_not_a_retry_loop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    import moat.policy.store as store_module

    (tmp_path / "b").mkdir()
    policy = tmp_path / "b" / "policy.yaml"
    policy.write_text(A)
    store = PolicyStore(tmp_path / "b")

    def broken(directory: Path) -> object:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(store_module, "Engine", broken)
    write(policy, B)
    assert store.reload() is False and store.failures == 1
    assert store.last_error is not None and "nested too deeply" in str(store.last_error)
    assert store.reload() is False and store.failures == 1  # not retried until the files change


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_dry_run_of_a_pathological_file_is_refused_without_leaving_a_thread(
        name: str, tmp_path: Path, worker: CompileWorker) -> None:
    source = tmp_path / "b"
    source.mkdir()
    (source / "policy.yaml").write_text(A)
    edited_bundle(source, "policy.yaml", B, worker=worker)  # the worker's thread exists from here on
    threads = threading.active_count()
    for _ in range(3):
        with pytest.raises(BundleError) as info:
            edited_bundle(source, "policy.yaml", PATHOLOGICAL[name], worker=worker)
        [err] = info.value.errors
        assert err.line > 0 and ("nested too deeply" in err.reason or "cost ceiling" in err.reason)
    assert threading.active_count() == threads
    assert worker.threads == 1 and worker.pending == 0 and worker.submitted == 4


def test_dry_run_too_large_or_not_utf8(tmp_path: Path, worker: CompileWorker) -> None:
    source = tmp_path / "b"
    source.mkdir()
    (source / "policy.yaml").write_text(A)
    with pytest.raises(BundleError, match="MAX_FILE_BYTES"):
        edited_bundle(source, "policy.yaml", A + "#" + "x" * 300_000, worker=worker)
    with pytest.raises(BundleError, match="not UTF-8"):
        edited_bundle(source, "policy.yaml", A + "# \udce9\n", worker=worker)  # a lone surrogate from a form
    assert worker.submitted == 1  # the oversized text never reached the worker


def test_a_busy_worker_refuses_more_work_at_once(tmp_path: Path) -> None:
    worker = CompileWorker(max_queued=1)
    release = threading.Event()
    try:
        job = worker.submit(release.wait, 30)
        with pytest.raises(WorkerBusy):
            worker.submit(print)
        source = tmp_path / "b"
        source.mkdir()
        (source / "policy.yaml").write_text(A)
        with pytest.raises(BundleError, match="busy"):
            edited_bundle(source, "policy.yaml", B, worker=worker)
        release.set()
        assert job.result(30) is True
        assert edited_bundle(source, "policy.yaml", B, worker=worker).rules
    finally:
        release.set()
        worker.shutdown()


async def test_a_slow_load_is_waited_for_not_started_again(tmp_path: Path, worker: CompileWorker,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import moat.policy.store as store_module

    (tmp_path / "b").mkdir()
    policy = tmp_path / "b" / "policy.yaml"
    policy.write_text(A)
    store = PolicyStore(tmp_path / "b", worker=worker)
    release = threading.Event()
    real = store_module._build

    def slow(directory: Path) -> object:
        release.wait(30)
        return real(directory)

    monkeypatch.setattr(store_module, "_build", slow)
    monkeypatch.setattr(store_module, "WAIT_SECONDS", 0.01)
    write(policy, B)
    for _ in range(3):  # polls while the load runs: nothing swapped, nothing started again
        assert await store.reload_async() is False
    assert worker.submitted == 1 and store.failures == 0
    assert store.decide(make_ctx()).reason_code == "version_a"
    release.set()
    await until(lambda: worker.pending == 0, "the load finished")
    assert await store.reload_async() is True  # its result is used, not computed again
    assert worker.submitted == 1 and store.decide(make_ctx()).reason_code == "version_b"
