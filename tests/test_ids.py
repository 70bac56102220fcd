"""Ids: unique within a process and across forked workers, ordered by creation time."""

from __future__ import annotations

import os

from moat.ids import new_id


def test_ids_are_unique_and_sort_by_creation_time() -> None:
    ids = [new_id("req") for _ in range(50_000)]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("req_") and len(i) == 4 + 32 for i in ids)
    times = [int(i[4:20], 16) for i in ids]
    assert times == sorted(times)


def test_a_forked_worker_draws_its_own_process_bits() -> None:
    read, write = os.pipe()
    parent = new_id("req")
    pid = os.fork()
    if pid == 0:  # the child: report an id, then leave without running the test session's teardown
        os.write(write, new_id("req").encode())
        os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    child = os.read(read, 100).decode()
    os.close(read)
    # Same counter value after the fork, so only the process bits can tell the two apart.
    assert parent[20:28] != child[20:28]
    assert child != new_id("req")
