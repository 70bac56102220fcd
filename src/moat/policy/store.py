"""Hot reload: the bundle in force, replaced atomically when its directory changes.

Each replica polls its policy directory (file names, sizes and mtimes, about once a second; cheap
and works on every filesystem and in containers where inotify does not reach a mounted volume).
A changed bundle is loaded and compiled off the event loop, then swapped in with one attribute
assignment, so a request decides entirely under the old engine or entirely under the new one. A
bundle that fails to load is refused: `last_error` says file, line and reason, and the last good
bundle stays in force. The first load has no fallback and raises.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from pathlib import Path

from moat.context import Decision, RequestContext
from moat.policy.bundle import DEFAULT_DIR, load_bundle
from moat.policy.engine import Engine
from moat.policy.variables import DirectoryView
from moat.policy.yamlread import BundleError
from moat.tasks import cancel

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
    """Load, compile and index a bundle: everything but the swap, so it can run in a thread."""
    return Engine(load_bundle(directory))


class PolicyStore:
    """Holds the current `Engine`; `decide` always uses the bundle in force at the call."""

    def __init__(self, directory: str | Path | None = None, *, interval: float = 1.0,
                 on_change: Callable[[Engine], None] | None = None,
                 on_error: Callable[[BundleError], None] | None = None) -> None:
        self.directory = Path(directory) if directory else DEFAULT_DIR
        self.interval = interval
        self.on_change = on_change
        self.on_error = on_error
        self.last_error: BundleError | None = None
        self.reloads = 0  # successful swaps after the first load (a metric)
        self.failures = 0  # refused bundles (a metric)
        self._signature = directory_signature(self.directory)
        self.engine = _build(self.directory)  # no fallback yet: raises BundleError
        self._task: asyncio.Task[None] | None = None

    @property
    def revision(self) -> str:
        return self.engine.revision

    def decide(self, ctx: RequestContext, directory: DirectoryView | None = None) -> Decision:
        return self.engine.decide(ctx, directory)

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
        """`reload` with the load and compile in a worker thread, the swap on the event loop."""
        signature = directory_signature(self.directory)
        if signature == self._signature:
            return False
        try:
            return self._swap(signature, await asyncio.to_thread(_build, self.directory))
        except BundleError as exc:
            return self._refuse(signature, exc)

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
        self.last_error = exc
        log.error("policy bundle %s refused; keeping revision %s:\n%s", self.directory,
                  self.engine.revision, exc)
        if self.on_error:
            self.on_error(exc)
        return False

    async def watch(self) -> None:
        """Poll forever (run as a task; cancel to stop). Never raises for a bad bundle."""
        while True:
            await asyncio.sleep(self.interval)
            try:
                await self.reload_async()
            except Exception:
                log.exception("policy reload failed")

    def start(self) -> None:
        """Start watching on the running event loop."""
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self.watch(), name="moat-policy-watch")

    async def stop(self) -> None:
        await cancel(self._task)
        self._task = None
