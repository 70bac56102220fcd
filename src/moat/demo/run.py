"""`moat demo` from start to stop: the port, a fresh home, the story, and a clean end.

Every run tells the same story (issue 13 item 6): the demo takes its port first (a busy port is one
line), empties its own data directory (moat.demo.home), runs on the embedded default whatever the
settings say about a database or Redis (their data would outlive the run), and stops on Ctrl-C or
SIGTERM at any step with exit 0 and no traceback: the signal sets an event, the story is cancelled,
and the server is shut down here, whichever way the story ended.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal

from moat.config import Settings
from moat.demo.home import NotADemoHome, fresh_home
from moat.demo.serving import PortUnavailable, Serving, take_port
from moat.demo.story import tell


def _say(text: str = "") -> None:
    print(text, flush=True)


async def run_demo(settings: Settings, *, exit_after: bool, progress: bool = True) -> int:
    """Tell the story; then keep serving until Ctrl-C (or stop at once with `exit_after`)."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    host, port = settings.server.host, settings.server.port
    try:
        sock = take_port(host, port)
        fresh_home(settings.home_path)
    except (PortUnavailable, NotADemoHome) as exc:
        _say(f"moat demo: {exc}")
        return 1
    if settings.database_url or settings.redis_url:
        _say("moat demo: runs on the embedded default (SQLite in its own home, in-process limits); "
             "database_url and redis_url are not used")
        settings.database_url = settings.redis_url = ""
    _say(f"moat demo: data in {settings.home_path} (the demo's own, emptied at every run)")
    serving = Serving(sock)
    story = asyncio.create_task(tell(settings, serving, f"http://{host}:{port}", progress))
    stopped = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait({story, stopped}, return_when=asyncio.FIRST_COMPLETED)
        if story.done():
            story.result()  # a failure of the story itself is a bug: let it show
            if not exit_after and not stop.is_set():
                _say("\nThe gateway and console keep running; press Ctrl-C to stop.")
                await stopped
    finally:
        story.cancel()
        stopped.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await story
        await serving.stop()
    if stop.is_set():
        _say("\nmoat demo: stopped")
    return 0
