"""Hot reload: the bundle in force, replaced atomically when its directory changes.

Each replica polls its policy directory (file names, sizes and mtimes, about once a second; cheap
and works on every filesystem and in containers where inotify does not reach a mounted volume).
A changed bundle is loaded and compiled off the event loop, on the process's one compile worker
(moat.policy.worker; bounded by moat.policy.bounds), then swapped in with one attribute
assignment, so a request decides entirely under the old engine or entirely under the new one. A
bundle that fails to load is refused: `last_error` says file, line and reason, and the last good
bundle stays in force. Anything that goes wrong in a load is such a refusal (never an exception
that would make the watcher retry the same files every second). A refusal is reported (logged,
`on_error`, hence the admin log) once: the same errors again, e.g. after the bad file is touched
without being fixed, are only counted in `failures`. The first load has no fallback and raises.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from moat.context import Decision, RequestContext
from moat.policy.bounds import WAIT_SECONDS
from moat.policy.bundle import DEFAULT_DIR, load_bundle
from moat.policy.combine import Lift
from moat.policy.engine import Engine
from moat.policy.variables import DirectoryView
from moat.policy.worker import COMPILER, CompileWorker, WorkerBusy
from moat.policy.yamlread import BundleError, PolicyError
from moat.tasks import cancel, poll

log = logging.getLogger("moat.policy")
Signature = tuple[tuple[str, int, int], ...]


def directory_signature(directory: Path) -> Signature:
    """What changes when any YAML file in the directory is added, removed or edited."""
    out: list[tuple[str, int, int]] = []
    for p in sorted(directory.rglob("*")):
        if p.suffix in (".yaml", ".yml"):
            with contextlib.suppress(FileNotFoundError):
                st = p.stat()
                out.append((str(p), st.st_mtime_ns, st.st_size))
    return tuple(out)


def _build(directory: Path) -> Engine:
    """Load, compile and index a bundle: everything but the swap, so it can run in a thread.
    Raises BundleError and nothing else."""
    try:
        return Engine(load_bundle(directory))
    except BundleError:
        raise
    except RecursionError:
        raise BundleError([PolicyError(str(directory), 0, "nested too deeply to compile")]) from None
    except Exception as exc:  # a bug, but a refusal all the same: the last good bundle stays
        raise BundleError([PolicyError(str(directory), 0, f"cannot be loaded ({type(exc).__name__}: {exc})")]) \
            from exc


class PolicyStore:
    """Holds the current `Engine`; `decide` always uses the bundle in force at the call."""

    def __init__(self, directory: str | Path | None = None, *, interval: float = 1.0,
                 on_change: Callable[[Engine], None] | None = None,
                 on_error: Callable[[BundleError], None] | None = None,
                 worker: CompileWorker = COMPILER) -> None:
        self.directory = Path(directory) if directory else DEFAULT_DIR
        self.interval = interval
        self.on_change = on_change
        self.on_error = on_error
        self.last_error: BundleError | None = None
        self.reloads = 0  # successful swaps after the first load (a metric)
        self.failures = 0  # refused bundles (a metric)
        self.worker = worker
        self._job: tuple[Signature, Future[Engine]] | None = None  # this store's load on the worker
        self._signature = directory_signature(self.directory)
        self.engine = _build(self.directory)  # no fallback yet: raises BundleError
        self._task: asyncio.Task[None] | None = None

    @property
    def revision(self) -> str:
        return self.engine.revision

    def decide(self, ctx: RequestContext, directory: DirectoryView | None = None,
               lift: Lift | None = None) -> Decision:
        return self.engine.decide(ctx, directory, lift)

    def changed(self) -> bool:
        return directory_signature(self.directory) != self._signature

    def reload(self, *, force: bool = False) -> bool:
        """Load the directory again if it changed; True when a new bundle was swapped in."""
        signature = directory_signature(self.directory)
        if signature == self._signature and not force:
            return False
        try:
            return self._swap(signature, _build(self.directory))
        except BundleError as exc:
            return self._refuse(signature, exc)

    async def reload_async(self) -> bool:
        """`reload` with the load and compile on the compile worker, the swap on the event loop.

        At most one load of this store is on the worker at a time. When the worker is busy, or the
        load takes longer than WAIT_SECONDS to come back (a starved machine), the change is looked
        at again on the next poll; a load still running is waited for, never started twice."""
        signature = directory_signature(self.directory)
        if signature == self._signature:
            return False
        job = self._job
        if job is None or job[0] != signature:
            if job is not None and not job[1].done():
                return False  # the worker is still on an earlier change
            try:
                job = self._job = (signature, self.worker.submit(_build, self.directory))
            except WorkerBusy as exc:
                log.warning("policy bundle %s: compile deferred (%s)", self.directory, exc)
                return False
        try:
            engine = await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(job[1])), WAIT_SECONDS)
        except TimeoutError:
            log.warning("policy bundle %s: compile still running after %s s", self.directory, WAIT_SECONDS)
            return False
        except BundleError as exc:
            self._job = None
            return self._refuse(signature, exc)
        self._job = None
        return self._swap(signature, engine)

    def _swap(self, signature: Signature, engine: Engine) -> bool:
        self._signature = signature
        self.last_error = None
        if engine.revision == self.engine.revision:
            return False
        self.engine = engine  # the atomic swap: one reference assignment
        self.reloads += 1
        log.info("policy bundle %s now in force (revision %s)", self.directory, engine.revision)
        if self.on_change:
            self.on_change(self.engine)
        return True

    def _refuse(self, signature: Signature, exc: BundleError) -> bool:
        self._signature = signature  # do not retry the same broken files every second
        self.failures += 1
        repeated = self.last_error is not None and self.last_error.errors == exc.errors
        self.last_error = exc
        if repeated:  # reported already (the files were touched, not fixed)
            log.debug("policy bundle %s refused again for the same errors", self.directory)
            return False
        log.error("policy bundle %s refused; keeping revision %s:\n%s", self.directory,
                  self.engine.revision, exc)
        if self.on_error:
            self.on_error(exc)
        return False

    async def watch(self) -> None:
        """Poll forever (run as a task; cancel to stop). Never raises for a bad bundle; anything else
        (not a bundle problem: those are refusals) is said once until a reload works again."""
        await poll(self.reload_async, self.interval, log, f"policy bundle {self.directory}: reload", wait_first=True)

    def start(self) -> None:
        """Start watching on the running event loop."""
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self.watch(), name="moat-policy-watch")

    async def stop(self) -> None:
        await cancel(self._task)
        self._task = None
