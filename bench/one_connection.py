"""Added latency at one connection: Moat's p50 over direct's, source trees A/B in one run (issue 12).

    .venv/bin/python bench/one_connection.py [NAME=SRC_DIR ...] [--rounds 8] [--block 300] [--stream]
    e.g. .venv/bin/python bench/one_connection.py base=bench/out/base/src new=src

The shared harness's "1 connection" row (wrk -c1 against nginx) needs a quiet machine and ~5 minutes;
this measures the same thing, in a minute, without nginx or wrk, so a change to the request path can
be judged against the tree before it:

- a fake upstream (this file, `--upstream PORT`: raw uvloop protocol, fixed answers, the shared
  harness's ~620-byte chat.completion and 20-chunk SSE body), pinned to LOAD_CPU;
- one `moat serve` per source tree (default bundle, the api plan's limits raised a thousandfold,
  SQLite + write-ahead log: bench/harness-target.sh's set-up), each pinned to GATEWAY_CPU;
- one keep-alive client (blocking socket, this process, pinned to LOAD_CPU) posting the harness's
  ~1 KB chat request back to back, in blocks of `--block` requests per target, the targets' order
  rotated every round, so the drift of a shared machine hits every target alike.

Reported per target: p50/p90/p99 over all rounds, the median over rounds of (its p50 minus direct's p50)
("added p50"), and Moat's CPU per request (the process's utime+stime from /proc over its blocks).
Everything written goes under bench/out/oneconn-<time>/.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("VENV", "/work/main/.venv"))
GATEWAY_CPU = int(os.environ.get("GATEWAY_CPU", "0"))
LOAD_CPU = int(os.environ.get("LOAD_CPU", "1"))
KEY = "sk-bench-1234"

NONSTREAM_BODY = (
    b'{"id":"chatcmpl-9xq3ZbK2fA7mN1pR4sT6uV8wY0zC","object":"chat.completion","created":1732550400,'
    b'"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant","content":'
    b'"The capital of France is Paris, home to the Eiffel Tower and the Louvre.","refusal":null},'
    b'"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":212,"completion_tokens":18,'
    b'"total_tokens":230,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},'
    b'"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,'
    b'"rejected_prediction_tokens":0}},"system_fingerprint":"fp_0ba0d124f1"}')
_WORDS = ["", "The", " capital", " of", " France", " is", " Paris", " ,", " known", " for", " the", " Eiffel",
          " Tower", " and", " the", " Louvre", " museum", "."]


def _sse_body() -> bytes:
    head = '{"id":"chatcmpl-9xq3ZbK2fA7mN1pR4sT6uV8wY0zC","object":"chat.completion.chunk","created":1732550400,' \
           '"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_0ba0d124f1","choices":'
    events = []
    for i, word in enumerate(_WORDS):
        delta = '{"role":"assistant","content":"","refusal":null}' if i == 0 else '{"content":"' + word + '"}'
        events.append(head + '[{"index":0,"delta":' + delta + ',"logprobs":null,"finish_reason":null}],"usage":null}')
    events.append(head + '[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}')
    events.append(head + '[],"usage":{"prompt_tokens":212,"completion_tokens":17,"total_tokens":229}}')
    events.append("[DONE]")
    return "".join(f"data: {e}\n\n" for e in events).encode()


def request_bytes(host: str, model: str, stream: bool) -> bytes:
    """The shared harness's request (../shared/bench/post.lua), as wrk sends it."""
    body = (
        '{"model":"MODEL","messages":['
        '{"role":"system","content":"You are a concise, factual assistant for a travel company. Answer in plain '
        'English, cite well-known facts only, keep answers under three sentences, and never invent prices, opening '
        'hours or phone numbers. If you are unsure, say so and suggest where the user can check."},'
        '{"role":"user","content":"Hi! I am planning a long weekend in Europe with my partner next spring."},'
        '{"role":"assistant","content":"That sounds lovely. Which countries or cities are you considering, and what '
        'do you enjoy most: museums, food, nature or nightlife?"},'
        '{"role":"user","content":"We are thinking about France, mostly museums and food. Before anything else: '
        'what is the capital of France, and what are two landmarks there that we should not miss on a first '
        'visit?"}],"temperature":0.2,"top_p":1,"max_tokens":256,"n":1,STREAM'
        '"user":"bench-user-0001","metadata":{"request_source":"wrk-bench","trace":"0000000000000001"}}'
    ).replace("MODEL", model, 1).replace(
        "STREAM", '"stream":true,"stream_options":{"include_usage":true},' if stream else '"stream":false,', 1
    ).encode()
    accept = b"text/event-stream" if stream else b"application/json"
    return (b"POST /v1/chat/completions HTTP/1.1\r\nHost: " + host.encode() + b"\r\nContent-Type: application/json\r\n"
            b"Authorization: Bearer " + KEY.encode() + b"\r\nAccept: " + accept +
            b"\r\nContent-Length: %d\r\n\r\n" % len(body) + body)


# ------------------------------------------------------------------------------------------ upstream
class _Upstream(asyncio.Protocol):
    """Answers every request at once with the fixed body its path asks for (pipelining not needed)."""

    def __init__(self) -> None:
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buffer[:end]
            match = re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", head)
            length = int(match.group(1)) if match else 0
            if len(self.buffer) < end + 4 + length:
                return
            self.buffer = self.buffer[end + 4 + length:]
            assert self.transport is not None
            self.transport.write(ANSWERS[b"/stream/" in head.split(b"\r\n", 1)[0]])


def _answer(content_type: bytes, body: bytes) -> bytes:
    return (b"HTTP/1.1 200 OK\r\nServer: fake\r\nContent-Type: " + content_type +
            b"\r\nContent-Length: %d\r\nConnection: keep-alive\r\n\r\n" % len(body) + body)


ANSWERS = {False: _answer(b"application/json", NONSTREAM_BODY), True: _answer(b"text/event-stream", _sse_body())}


def serve_upstream(port: int) -> None:
    import uvloop

    async def main() -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(_Upstream, "127.0.0.1", port, backlog=128)
        async with server:
            await server.serve_forever()

    uvloop.run(main())


# ------------------------------------------------------------------------------------------ client
class Client:
    """One keep-alive connection; `call()` sends the request and reads the whole answer."""

    def __init__(self, port: int, request: bytes) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.request = request

    def call(self) -> bytes:
        sock = self.sock
        sock.sendall(self.request)
        data = sock.recv(65536)
        while True:
            end = data.find(b"\r\n\r\n")
            if end >= 0:
                break
            data += sock.recv(65536)
        head = data[:end].lower()
        match = re.search(rb"\r\ncontent-length:\s*(\d+)", head)
        body = data[end + 4:]
        if match:
            want = int(match.group(1))
            while len(body) < want:
                body += sock.recv(65536)
        elif b"transfer-encoding: chunked" in head:
            while not body.endswith(b"0\r\n\r\n"):
                body += sock.recv(65536)
        if not head.startswith(b"http/1.1 200"):
            raise RuntimeError(f"answer not 200: {data[:300]!r}")
        return body


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_port(port: int, proc: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"process {proc.args!r} exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"port {port} not open after {timeout} s")


def moat_home(out: Path, name: str, up_port: int, src: Path) -> dict[str, str]:
    """bench/harness-target.sh's set-up, under bench/out: default bundle, raised api-plan limits."""
    home = out / name
    policies = home / "policies"
    policies.mkdir(parents=True)
    for source in (src / "moat/policy/default").glob("*.yaml"):
        if not source.name.endswith("_test.yaml"):
            shutil.copy(source, policies)
    plans = policies / "plans.yaml"
    text = plans.read_text()
    start = text.index("name: plan_api")
    stop = text.index("concurrency", start)
    stop = text.index("\n", stop)
    section = re.sub(r"(requests_per_minute|tokens_per_minute|concurrency): (\d+)", r"\1: \g<2>000",
                     text[start:stop])
    plans.write_text(text[:start] + section + text[stop:])
    config = home / "moat.toml"
    config.write_text(f'log_level = "warning"\npolicy_dir = "{policies}"\n\n'
                      f'[[upstreams]]\nname = "bench"\nkind = "openai"\nbase_url = "http://127.0.0.1:{up_port}/v1"\n\n'
                      f'[[upstreams]]\nname = "bench-stream"\nkind = "openai"\n'
                      f'base_url = "http://127.0.0.1:{up_port}/stream/v1"\n\n'
                      '[[routes]]\nmodel = "fake"\nupstream = "bench"\n\n'
                      '[[routes]]\nmodel = "fake-stream"\nupstream = "bench-stream"\n')
    env = {**os.environ, "MOAT_HOME": str(home), "MOAT_CONFIG": str(config), "PYTHONPATH": str(src),
           "TMPDIR": str(home)}
    moat = str(VENV / "bin/moat")
    for command in (["accounts", "add", "bench", "--email", "bench@bench.example", "--plan", "api"],
                    ["keys", "import", "--account", "bench", "--secret", KEY]):
        done = subprocess.run([moat, *command], env=env, capture_output=True)
        if done.returncode:
            raise RuntimeError(f"moat {' '.join(command)}: {done.stderr.decode()[-2000:]}")
    return env


# The stats are written when `moat serve` returns (uvicorn caught the SIGTERM) or by the SIGTERM itself.
_PROFILED = """import cProfile, signal, sys
from moat.cli import main
profiler, path = cProfile.Profile(), sys.argv[1]
def dump(*_):
    profiler.disable()
    profiler.dump_stats(path)
    sys.exit(0)
signal.signal(signal.SIGTERM, dump)
sys.argv = ["moat", *sys.argv[2:]]
profiler.enable()
try:
    main()
finally:
    dump()
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("trees", nargs="*", help="NAME=SRC_DIR (default: this tree's src as 'moat')")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--block", type=int, default=300, help="requests per target per round")
    parser.add_argument("--stream", action="store_true", help="the 20-chunk streamed answer (model fake-stream)")
    parser.add_argument("--profile", action="store_true",
                        help="run each moat under cProfile; stats to bench/out/oneconn-*/NAME.prof")
    parser.add_argument("--upstream", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.upstream:
        os.sched_setaffinity(0, {LOAD_CPU})
        serve_upstream(args.upstream)
        return
    trees = [(spec.split("=", 1)[0], Path(spec.split("=", 1)[1]).resolve()) for spec in args.trees] or \
        [("moat", ROOT / "src")]
    out = ROOT / "bench/out" / time.strftime("oneconn-%Y%m%dT%H%M%S")
    out.mkdir(parents=True)
    procs: list[subprocess.Popen[bytes]] = []
    clients: dict[str, Client] = {}
    try:
        up_port = free_port()
        upstream = subprocess.Popen([sys.executable, __file__, "--upstream", str(up_port)],
                                    start_new_session=True, stdout=subprocess.DEVNULL)
        procs.append(upstream)
        wait_port(up_port, upstream)
        targets: dict[str, tuple[int, int | None]] = {"direct": (up_port, None)}
        for name, src in trees:
            env = moat_home(out, name, up_port, src)
            port = free_port()
            log = (out / f"{name}.log").open("wb")
            command = [str(VENV / "bin/moat"), "serve", "--port", str(port)]
            if args.profile:
                command = [str(VENV / "bin/python"), "-c", _PROFILED, str(out / f"{name}.prof"), *command[1:]]
            proc = subprocess.Popen(["taskset", "-c", str(GATEWAY_CPU), *command], env=env, stdout=log,
                                    stderr=subprocess.STDOUT, start_new_session=True)
            procs.append(proc)
            wait_port(port, proc)
            targets[name] = (port, proc.pid)
        os.sched_setaffinity(0, {LOAD_CPU})
        model = "fake-stream" if args.stream else "fake"
        for name, (port, _) in targets.items():
            request = request_bytes("127.0.0.1", "gpt-4o-mini" if name == "direct" else model, args.stream)
            if name == "direct" and args.stream:
                request = request.replace(b"POST /v1/", b"POST /stream/v1/", 1)
            clients[name] = Client(port, request)
            for _ in range(args.block):  # warm-up: connections, caches, the limiter's buckets
                body = clients[name].call()
            marker = b"data: [DONE]" if args.stream else b'"usage"'
            if marker not in body:
                raise RuntimeError(f"{name}: unexpected answer {body[:300]!r}")
        names = list(targets)
        samples: dict[str, list[float]] = {name: [] for name in names}
        p50s: dict[str, list[float]] = {name: [] for name in names}
        cpu: dict[str, float] = dict.fromkeys(names, 0.0)
        clock = time.perf_counter_ns
        for round_ in range(args.rounds):
            order = names[round_ % len(names):] + names[:round_ % len(names)]
            for name in order:
                client, pid = clients[name], targets[name][1]
                block: list[float] = []
                cpu0 = cpu_seconds(pid) if pid else 0.0
                for _ in range(args.block):
                    t0 = clock()
                    client.call()
                    block.append((clock() - t0) / 1e6)
                if pid:
                    cpu[name] += cpu_seconds(pid) - cpu0
                samples[name] += block
                p50s[name].append(statistics.median(block))
        total = args.rounds * args.block
        for name, (_, pid) in targets.items():
            if pid and os.environ.get("THREADS"):
                for task in sorted(Path(f"/proc/{pid}/task").iterdir()):
                    fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
                    print(name, (task / "comm").read_text().strip(), int(fields[11]) + int(fields[12]), "ticks")
        print(f"# one connection, {'stream' if args.stream else 'non-stream'}, {args.rounds} rounds x "
              f"{args.block} requests per target, load {os.getloadavg()[0]:.2f}; output in {out}")
        print(f"{'target':<10} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'added p50':>10} "
              f"{'[min..max] over rounds':>24} {'CPU ms/req':>10}")
        for name in names:
            added = [p - d for p, d in zip(p50s[name], p50s["direct"], strict=True)]
            cpu_ms = f"{cpu[name] / total * 1e3:.3f}" if targets[name][1] else "-"
            print(f"{name:<10} {percentile(samples[name], 0.5):8.3f} {percentile(samples[name], 0.9):8.3f} "
                  f"{percentile(samples[name], 0.99):8.3f} {statistics.median(added):+10.3f} "
                  f"{f'[{min(added):+.3f}..{max(added):+.3f}]':>24} {cpu_ms:>10}")
    finally:
        for client in clients.values():
            client.sock.close()
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


if __name__ == "__main__":
    main()
