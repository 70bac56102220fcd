"""`moat demo` tells the whole story through the real gateway, the same story on every run (issue 13
item 6), stops cleanly on Ctrl-C and says in one line when its port is busy."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.gateway.conftest import free_port


def demo_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOAT_")}
    env["MOAT_HOME"] = str(home)
    return env


def run_demo(cwd: Path, home: Path, port: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "moat", "demo", "--exit", "--no-progress", "--port", str(port)],
        cwd=cwd, env=demo_env(home), capture_output=True, text=True, timeout=300)


def story(out: str) -> list[str]:
    """The printed story without what differs by design: case ids, the new password, and how many of
    the network's requests came in before the online score crossed the threshold (timing)."""
    lines = []
    for line in out.splitlines():
        line = re.sub(r"case_[0-9a-f]+", "case_ID", line)
        line = re.sub(r"password \S+\)", "password PASSWORD)", line)
        if line.strip().startswith("distillation network ") and "after scoring" not in line:
            # ... nor, then, which of its two outcomes came more often (their order in the line)
            role, _, outcomes = re.sub(r"\d+", "N", line).partition("   ")
            line = role + "   " + ", ".join(sorted(re.split(r", (?=N )", outcomes.strip())))
        # The rival engineers' streams: how many items flowed before the cut, and the ids, are timing.
        if "demo-vantage-eng-" in line or line.strip().startswith(("final item ", "record ")):
            line = re.sub(r"(req|dec)_[0-9a-f]+", r"\1_ID", line)
            line = re.sub(r"\d+", "N", line)
        # A network member's first evidence: its own reasoning share or the network's, whichever
        # scored higher, which turns on how many of its requests came in before the redaction
        # (timing, as above). Its account, risk and category are the story.
        if line.strip().startswith("demo-net-") and " risk " in line:
            line = line[:line.index(" risk ") + 25].rstrip()  # " risk 1.00  coordination "
        if line.strip().startswith("refused "):  # the research key's refusal names its decision
            line = re.sub(r"dec_[0-9a-f]+", "dec_ID", line)
        lines.append(line)
    return lines


def records(home: Path) -> dict[str, dict[str, Any]]:
    rows = (orjson.loads(line) for line in (home / "demo-dataset" / "requests.jsonl").read_bytes().splitlines())
    return {r["request_id"]: r for r in rows}


def check_data_story(out: str, home: Path) -> None:
    """Issue 15 item 6: the data API's three stories, with the values this run produced."""
    recorded = records(home)
    streams = re.findall(r"(demo-vantage-eng-\d): (\d+) items, then cut mid-stream ([\d.]+) s after the demo "
                         r"restricted its organization\n +final item +(\{.*\})\n +record +(req_[0-9a-f]+): "
                         r"status 200, items (\d+), bytes (\d+), cut_reason competitive_use_restricted", out)
    assert [s[0] for s in streams] == ["demo-vantage-eng-1", "demo-vantage-eng-2"], out
    for account, items, seconds, final, request_id, record_items, record_bytes in streams:
        assert int(items) > 0 and float(seconds) < 1.5  # cut within the contract's second (and some)
        error = orjson.loads(final)
        assert error["moat"]["reason"] == error["errors"][0]["title"] == "competitive_use_restricted"
        record = recorded[request_id]  # the record the gateway wrote, as `moat export` reads it back
        assert record["account_id"] == account and record["kind"] == "data"
        assert record["cut_reason"] == "competitive_use_restricted"
        assert record["items"] == int(record_items) == int(items) and record["bytes"] == int(record_bytes) > 0
    assert re.search(r"a research key \(declared: research\) +12 search allowed, "
                     r"2 firehose 403 declared_use_mismatch\n +refused +declared_use_mismatch: This key was issued "
                     r"for research, .* decision dec_[0-9a-f]+\.\n", out)
    research = [r for r in recorded.values() if r["account_id"] == "demo-researcher"]
    assert {r["key_use"] for r in research} == {"research"}
    assert sorted(r["status"] for r in research if r["path"] == "/2/tweets/search/stream") == [403, 403]
    assert re.search(r"a crawler split across keys +120 archive search allowed\n", out)
    crawl = [f for f in findings(home) if f["account"].startswith("demo-crawl-")]
    clusters = {f["cluster"] for f in crawl}
    assert len(crawl) == 3 and len(clusters) == 1 and None not in clusters, crawl  # one harvest
    cluster = clusters.pop()
    assert f"found as one harvest: network {cluster} of 3 accounts (demo-crawl-1, demo-crawl-2, demo-crawl-3)" in out
    assert re.search(rf"evidence +network {cluster} of 3 accounts; .* split one crawl: disjoint slices .* "
                     r"time-range sweep of 360 days of archive", out)
    case = re.search(r"case +(case_[0-9a-f]+) \(the console", out)
    assert case is not None and f"  {case.group(1)}  cluster {cluster}  risk" in out  # its case, in the list
    with sqlite3.connect(home / "moat.db") as db:  # the evidence the console's case page shows
        evidence = {a: orjson.loads(d) for a, d in db.execute(
            "SELECT account_id, data FROM enforce_evidence WHERE case_id = ?", (case.group(1),))}
    assert sorted(evidence) == ["demo-crawl-1", "demo-crawl-2", "demo-crawl-3"]
    assert all(any("split one crawl" in e for e in f["evidence"]) for f in evidence.values())


def findings(home: Path) -> list[dict[str, Any]]:
    rows = [orjson.loads(line) for line in (home / "demo-findings.jsonl").read_bytes().splitlines()]
    return sorted(({"account": f["account_id"], "risk": round(f["risk"], 2), "cluster": f["cluster_id"]}
                   for f in rows), key=lambda f: f["account"])


def network_ids(cwd: Path, home: Path) -> dict[str, set[str]]:
    """The ids the demo's network got (issue 13 item 3: one id for one network): from batch
    detection (the findings), from the online scorer (the scores it published in the demo's store),
    and from linking, which the console's account page runs (`moat link` over the exported dataset)."""
    net = [f["cluster"] for f in findings(home) if f["account"].startswith("demo-net-")]
    with sqlite3.connect(home / "moat.db") as db:
        online = [orjson.loads(p)["cluster_id"] for (p,) in
                  db.execute("SELECT payload FROM detect_scores WHERE subject LIKE 'a:demo-net-%'")]
    linked = subprocess.run([sys.executable, "-m", "moat", "link", str(home / "demo-dataset"), "--json"],
                            cwd=cwd, env=demo_env(home), capture_output=True, text=True, timeout=120)
    clusters = orjson.loads(linked.stdout)["clusters"]
    by_linking = [c["cluster_id"] for c in clusters if any(a.startswith("demo-net-") for a in c["account_ids"])]
    assert len(net) == len(online) == 8 and len(by_linking) == 1
    return {"detection": set(net), "online scores": set(online), "linking (the console's cluster)": set(by_linking)}


def test_demo_tells_the_same_story_twice_on_one_home(tmp_path: Path) -> None:
    home, port = tmp_path / "home", free_port()
    first = run_demo(tmp_path, home, port)
    assert first.returncode == 0, first.stderr[-3000:]
    out = first.stdout
    assert "rival engineers on personal accounts   10 403 competitive_use_restricted" in out
    assert "403 consumer_plan_automation" in out
    assert "a coding IDE relaying its users" in out and "6 403 competitive_use_restricted" in out
    assert "benign developers                      90 allowed" in out
    after = next(line for line in out.splitlines() if "distillation network, after scoring" in line)
    assert "reasoning redacted" in after and "with reasoning" not in after  # scores reached the policy
    network = [line for line in out.splitlines() if line.strip().startswith("demo-net-")]
    assert len(network) >= 6  # detection finds the distillation network
    assert re.search(r"Replay: [1-9]\d* recorded requests re-decided by the bundle that decided them "
                     r"\(moat policy replay\), 0 changed", out)  # issue 13 item 2
    # The model story's two cases, and the data story's: the split crawl's network, and the rival lab
    # restricted mid-stream (competitor detection reads its engineers' accounts as its own).
    assert re.search(r"Cases open: 4 \(one per network, organization or account\)\n"
                     r"  case_[0-9a-f]+  cluster net-\w+ .*\n  case_[0-9a-f]+  cluster net-\w+ .*\n"
                     r"  case_[0-9a-f]+  org rival-labs .*\n  case_[0-9a-f]+  org vantage-ai ", out)
    check_data_story(out, home)
    assert re.search(r"/console/ +\(sign in as admin, password \S{12,}\)", out)
    assert (home / "demo-dataset" / "requests.jsonl").stat().st_size > 0
    found = findings(home)
    ids = network_ids(tmp_path, home)
    assert len(set.union(*ids.values())) == 1, ids  # one network, one id everywhere

    second = run_demo(tmp_path, home, port)
    assert second.returncode == 0, second.stderr[-3000:]
    assert story(second.stdout) == story(out)
    assert findings(home) == found  # benign developers and the IDE stay benign; the same network
    passwords = [re.search(r"password (\S+)\)", r.stdout).group(1) for r in (first, second)]  # type: ignore[union-attr]
    assert passwords[0] != passwords[1]  # a new console password, printed on each run


def test_demo_never_empties_a_home_it_did_not_make(tmp_path: Path) -> None:
    home = tmp_path / "operator-home"
    home.mkdir()
    (home / "moat.db").write_text("an operator's database")
    result = run_demo(tmp_path, home, free_port())
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"moat demo: {home} holds data the demo did not make; run the demo elsewhere, "
        "e.g. MOAT_HOME=.moat-demo moat demo"]
    assert (home / "moat.db").read_text() == "an operator's database"


def test_ctrl_c_stops_the_demo_cleanly(tmp_path: Path) -> None:
    for after in ("press Ctrl-C to stop", "3/7  driving"):  # once it serves, and in the middle of the story
        proc = subprocess.Popen([sys.executable, "-m", "moat", "demo", "--no-progress", "--port", str(free_port())],
                                cwd=tmp_path, env=demo_env(tmp_path / "home"), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        for line in proc.stdout:
            if after in line:
                break
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert "Traceback" not in err and "Aborted!" not in err + out
        assert out.rstrip().endswith("moat demo: stopped")


def test_a_busy_port_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = time.monotonic()
        result = run_demo(tmp_path, tmp_path / "home", port)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"moat demo: port {port} on 127.0.0.1 is busy (another moat demo or server?); "
        f"choose another: moat demo --port {port + 1} (make demo PORT={port + 1})"]
    assert result.stderr == ""
    assert time.monotonic() - started < 30  # before seeding anything


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_ctrl_c_in_make_demo_is_quiet(tmp_path: Path) -> None:
    """The terminal's Ctrl-C reaches make and the demo alike: no `make: *** ... Error`, no traceback."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "moat").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m moat "$@"\n')
    (venv / "bin" / "moat").chmod(0o755)
    (venv / ".installed").touch()  # `make setup` is not under test here
    makefile = Path(__file__).resolve().parents[2] / "Makefile"
    proc = subprocess.Popen(["make", "-f", str(makefile), "-o", str(venv / ".installed"), "demo", f"VENV={venv}",
                             f"PORT={free_port()}"], cwd=tmp_path, env=demo_env(tmp_path / ".moat"),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if "press Ctrl-C to stop" in line:
            break
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the whole foreground process group
    out, _ = proc.communicate(timeout=60)
    assert out.rstrip().endswith("moat demo: stopped"), out
    assert "make: ***" not in out and "Traceback" not in out and "Aborted!" not in out


def test_ctrl_c_with_a_firehose_open_stops_within_seconds(tmp_path: Path) -> None:
    """A firehose never ends by itself: the demo's stop ends it and records it (gateway_stopping)."""
    import httpx

    home, port = tmp_path / "home", free_port()
    proc = subprocess.Popen([sys.executable, "-m", "moat", "demo", "--no-progress", "--port", str(port)],
                            cwd=tmp_path, env=demo_env(home), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            if "press Ctrl-C to stop" in line:
                break
        moat = [sys.executable, "-m", "moat"]
        for args in (["accounts", "add", "zed", "--email", "zed@example.org", "--plan", "api"],
                     ["keys", "create", "--account", "zed"]):
            done = subprocess.run([*moat, *args], cwd=tmp_path, env=demo_env(home), capture_output=True, text=True,
                                  timeout=60)
            assert done.returncode == 0, done.stderr
        key = done.stdout.splitlines()[0]
        items, deadline = 0, time.monotonic() + 10
        while not items and time.monotonic() < deadline:  # the gateway sees a new key within a second
            with httpx.stream("GET", f"http://127.0.0.1:{port}/2/tweets/search/stream", timeout=30,
                              headers={"authorization": f"Bearer {key}"}) as response:
                if response.status_code != 200:
                    time.sleep(0.3)
                    continue
                lines = response.iter_lines()
                items = sum(1 for _, line in zip(range(50), lines, strict=False) if line.strip())
                stopping = time.monotonic()
                proc.send_signal(signal.SIGINT)
                with contextlib.suppress(httpx.RemoteProtocolError):  # cut at the grace's end
                    for _ in lines:  # the gateway ends the stream while the demo stops
                        pass
        assert items == 50
        out, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err
        assert time.monotonic() - stopping < 15
        assert out.rstrip().endswith("moat demo: stopped")
        exported = subprocess.run([*moat, "export", str(tmp_path / "out")], cwd=tmp_path, env=demo_env(home),
                                  capture_output=True, text=True, timeout=60)
        assert exported.returncode == 0, exported.stderr
        rows = (orjson.loads(line) for line in (tmp_path / "out" / "requests.jsonl").read_bytes().splitlines())
        stream = [r for r in rows if r["account_id"] == "zed" and r["status"] == 200]
        assert len(stream) == 1 and stream[0]["cut_reason"] == "gateway_stopping" and stream[0]["items"] >= 50
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
