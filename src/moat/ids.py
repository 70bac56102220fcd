"""Ids for everything Moat creates: `new_id("case")` → `case_<time><random>`; and the one name of a
group of accounts, `cluster_id(members)`.

One format for every id, because several are read in id order as keyset cursors (a case's timeline,
the console's lists): the creation time in nanoseconds (16 hex digits: two events of one case are
often written within the same millisecond), then 64 random bits, so ids made at the same instant by
any number of replicas still differ.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable


def new_id(prefix: str) -> str:
    """A unique id that sorts by creation time to the nanosecond."""
    return f"{prefix}_{time.time_ns():016x}{os.urandom(8).hex()}"


def cluster_id(members: Iterable[str]) -> str:
    """The name of a group of accounts wherever it is formed: linking's clusters, the batch
    detector's networks, the online scorer's, and so the console's pages and the cases on them.

    Issue 13 item 3: one network was shown under two ids (`net-…` from detection, `cl_…` from
    linking), so its cases never met. One rule now: `net-` and a hash of the smallest member's
    account id. It depends on no one's order, and a group that gains or loses members other than
    that one keeps its name, so a growing network stays one case.
    """
    return "net-" + hashlib.sha1(min(members).encode()).hexdigest()[:10]
