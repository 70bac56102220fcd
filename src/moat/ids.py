"""Ids for everything Moat creates: `new_id("case")` → `case_<time><random>`.

One format for every id, because several are read in id order as keyset cursors (a case's timeline,
the console's lists): the creation time in nanoseconds (16 hex digits: two events of one case are
often written within the same millisecond), then 64 random bits, so ids made at the same instant by
any number of replicas still differ.
"""

from __future__ import annotations

import os
import time


def new_id(prefix: str) -> str:
    """A unique id that sorts by creation time to the nanosecond."""
    return f"{prefix}_{time.time_ns():016x}{os.urandom(8).hex()}"
