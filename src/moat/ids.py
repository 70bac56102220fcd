"""Ids for everything Moat creates: `new_id("case")` → `case_<time><random>`; and the one name of a
group of accounts, `cluster_id(members)`.

One format for every id, because several are read in id order as keyset cursors (a case's timeline,
the console's lists): the creation time in nanoseconds (16 hex digits: two events of one case are
often written within the same millisecond), then 64 bits that tell apart ids made at the same
instant: 32 random bits drawn once per process (again in a forked child) and a 32-bit counter, so
ids of one process never collide and those of two replicas only if both their random halves and
their clocks agree. Two ids are made per request: a system call for fresh randomness each time
cost ~2% of the gateway's CPU, the counter costs nothing (ids are names, never secrets).
"""

from __future__ import annotations

import hashlib
import itertools
import os
import time
from collections.abc import Iterable


def _process_bits() -> str:
    return os.urandom(4).hex()


_process = _process_bits()
_counter = itertools.count(int.from_bytes(os.urandom(4), "big"))  # next() is atomic under the GIL


def _after_fork() -> None:
    global _process
    _process = _process_bits()


os.register_at_fork(after_in_child=_after_fork)


def new_id(prefix: str) -> str:
    """A unique id that sorts by creation time to the nanosecond."""
    return f"{prefix}_{time.time_ns():016x}{_process}{next(_counter) & 0xFFFFFFFF:08x}"


def cluster_id(members: Iterable[str]) -> str:
    """The name of a group of accounts wherever it is formed: linking's clusters, the batch
    detector's networks, the online scorer's, and so the console's pages and the cases on them.

    Issue 13 item 3: one network was shown under two ids (`net-…` from detection, `cl_…` from
    linking), so its cases never met. One rule now: `net-` and a hash of the smallest member's
    account id. It depends on no one's order, and a group that gains or loses members other than
    that one keeps its name, so a growing network stays one case.
    """
    return "net-" + hashlib.sha1(min(members).encode()).hexdigest()[:10]
