"""The demo's data directory: fresh on every run, so every run tells the same story.

The demo drives the same scripted traffic each time. Kept from one run to the next, that traffic
piles up: the second run's detectors saw every developer ask the same questions twice, from new
keys, and called them a coordinated network (issue 13 item 6). So each run starts from an empty
directory; it is the demo's own, marked as such, and a directory the demo did not make (an
operator's `home`) is never emptied: the demo refuses it in one line instead.
"""

from __future__ import annotations

import shutil
from pathlib import Path

MARK = "MOAT-DEMO"  # present in a directory the demo made
# Written by every demo before the mark existed: such a directory is a demo's too.
_OLDER_DEMO = "demo-ide-secret"


class NotADemoHome(Exception):
    """The directory holds data the demo did not make."""


def fresh_home(home: Path) -> None:
    """Empty `home` when the demo made it (or it does not exist yet), then mark it as the demo's."""
    if home.exists():
        if not home.is_dir():
            raise NotADemoHome(f"{home} is not a directory")
        if any(home.iterdir()) and not ((home / MARK).exists() or (home / _OLDER_DEMO).exists()):
            raise NotADemoHome(f"{home} holds data the demo did not make; run the demo elsewhere, "
                               f"e.g. MOAT_HOME=.moat-demo moat demo")
        shutil.rmtree(home)
    home.mkdir(parents=True)
    (home / MARK).write_text("made by `moat demo`, which empties this directory at every run\n")
