"""N replicas with a limit of L admit L in total, not N x L (issue 4, item 7).

Two OS processes, each with its own RedisLimiter on the real Redis and server time, hammer the
same limits at the same moment. Every limit's window (an hour) is far longer than the test, so
exactly L may pass.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPLICA = Path(__file__).with_name("replica.py")


@pytest.mark.redis
def test_two_replicas_admit_the_limit_once_not_twice(redis_url: str, redis_prefix: str) -> None:
    start_at = time.time() + 1.5  # both interpreters are up and connected by then
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(Path.cwd()), os.environ.get("PYTHONPATH")]))}
    procs = [subprocess.Popen([sys.executable, str(REPLICA), redis_url, redis_prefix, str(start_at)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for _ in range(2)]
    reports = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        reports.append(json.loads(out))
    assert all(r["degraded"] == 0 for r in reports)
    total = {name: sum(r["admitted"][name] for r in reports) for name in reports[0]["admitted"]}
    assert total == {"requests": 150, "tokens": 120, "concurrency": 5}
    # The premise: both replicas really competed (each got part of the request limit).
    assert all(r["admitted"]["requests"] > 0 for r in reports)
