"""Benchmark identity: attribution check + resolve per request, and batch linking at 1M accounts.

    .venv/bin/python bench/bench_identity.py [--n 20000] [--accounts 1000000] [--redis URL] [--write]

Issue 5 targets: attribution check plus resolve <= 30 us per request (cached keys, in-memory
indexes, CIDR by prefix table); batch linking of 1,000,000 accounts with 5 signals each <= 60 s on
one core, peak memory <= 2 GB. Linking runs in a child process so its peak RSS is its own; the
synthetic population is generated lazily inside the timed loop (generation time is reported too).
Prints a Markdown section; --write puts it under "## Identity" in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from moat.identity.attribution import AttributionVerifier, PlatformRegistration, sign_attribution
from moat.identity.linking import Linker
from moat.identity.models import Account, Organization
from moat.identity.resolve import Resolver
from moat.platform.ed25519 import public_key_b64

ORGS = 10_000
SECRET = "bench-shared-secret-0123456789abcdef"


def organizations() -> list[Organization]:
    return [Organization(f"org{i}", name=f"Org {i}", domains=(f"org{i}.com",),
                         ip_ranges=(f"10.{i // 256}.{i % 256}.0/24", f"2001:db8:{i:x}::/48"),
                         payment_fingerprints=(f"pf_org{i}",), sso_tenants=(f"org{i}.okta.com",),
                         restricted=i < 20) for i in range(ORGS)]


def timed(run: Callable[[int], None], n: int, repeats: int = 5) -> float:
    """Best of `repeats` means, µs per op."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter_ns()
        run(n)
        best = min(best, (time.perf_counter_ns() - start) / n / 1000)
    return best


def quantiles(samples: list[int]) -> tuple[float, float]:
    """(median, p99) in µs."""
    q = statistics.quantiles(samples, n=100)
    return q[49] / 1000, q[98] / 1000


Row = tuple[str, float, float, float]


def bench_hot_path(n: int, redis_url: str | None) -> list[Row]:
    """(label, mean µs best-of-5, median µs, p99 µs) per request."""
    orgs = organizations()
    resolver = Resolver(orgs)
    key = Ed25519PrivateKey.generate()
    platforms = [PlatformRegistration("ide", "acct_ide", public_key=public_key_b64(key)),
                 PlatformRegistration("agents", "acct_agents", hs256_secret=SECRET)]
    ide_account = Account("acct_ide", email="ops@ide.dev", verified=True)
    direct_account = Account("acct_direct", email="dev@gmail.com", payment_fingerprint="pf_x")
    rows: list[Row] = []

    def run_case(label: str, platform_id: str, signing_key: Any, account_id: str,
                 nonces: Any = None) -> None:
        tokens = [sign_attribution(platform_id, signing_key, sub=f"u{i}", email_domain=f"org{i % ORGS}.com",
                                   lifetime=240) for i in range(n * 6)]
        batches = iter([tokens[i * n:(i + 1) * n] for i in range(6)])
        verifier = AttributionVerifier(platforms, nonces=nonces)
        verify, resolve = verifier.verify, resolver.resolve

        def go(k: int) -> None:
            for tok in next(batches)[:k]:
                a = verify(tok, account_id=account_id)
                resolve(account=ide_account, attribution=a, client_ip="10.0.1.9")

        mean = timed(go, n)
        samples = []
        for tok in next(batches):
            t0 = time.perf_counter_ns()
            a = verify(tok, account_id=account_id)
            resolve(account=ide_account, attribution=a, client_ip="10.0.1.9")
            samples.append(time.perf_counter_ns() - t0)
        rows.append((label, mean, *quantiles(samples)))

    run_case("attribution (HS256, in-process nonces) + resolve", "agents", SECRET, "acct_agents")
    run_case("attribution (Ed25519, in-process nonces) + resolve", "ide", key, "acct_ide")
    if redis_url:
        from moat.identity.attribution_nonces import RedisNonceCache

        run_case("attribution (HS256, Redis nonces, 1 round trip) + resolve", "agents", SECRET, "acct_agents",
                 RedisNonceCache.from_url(redis_url, f"moat-bench:{os.getpid()}:"))

    ips = [f"10.{i % 39}.{i % 256}.{i % 200}" for i in range(n)]

    def direct(k: int) -> None:
        for ip in ips[:k]:
            resolver.resolve(account=direct_account, client_ip=ip)

    resolver_cold = Resolver(orgs)
    samples = []
    for ip in ips:  # a fresh resolver: every address is a first sighting (CIDR lookup, no cache)
        t0 = time.perf_counter_ns()
        resolver_cold.resolve(account=direct_account, client_ip=ip)
        samples.append(time.perf_counter_ns() - t0)
    rows.append(("resolve only (direct request; mean: warm address cache, median/p99: every address new)",
                 timed(direct, n), *quantiles(samples)))

    pub = key.public_key()
    msg, sig = b"x" * 200, key.sign(b"x" * 200)

    def ed_only(k: int) -> None:
        for _ in range(k):
            pub.verify(sig, msg)

    rows.append(("for reference: one Ed25519 signature verification (cryptography/OpenSSL)",
                 timed(ed_only, n // 4), 0.0, 0.0))
    return rows


def population(accounts: int, seed: int = 1) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(account, request) pairs: 5 signals per account (email domain, payment instrument, signup IP,
    SSO tenant, device), with realistic sharing: families and teams share cards, colleagues share
    SSO tenants and office NATs, a few browser fingerprints are common."""
    rnd = random.Random(seed)
    rand, randrange = rnd.random, rnd.randrange
    for i in range(accounts):
        org = randrange(ORGS * 3)  # a third of accounts work at a known organization
        known = org < ORGS
        email = f"u{i}@org{org}.com" if known and rand() < 0.4 else f"u{i}@gmail.com"
        pay = f"pf_{randrange(accounts // 4)}" if rand() < 0.1 else f"pf_u{i}"
        if known and rand() < 0.2:
            signup_ip = f"10.{org // 256}.{org % 256}.{randrange(1, 250)}"
        else:
            signup_ip = f"{randrange(11, 223)}.{randrange(256)}.{randrange(256)}.{randrange(1, 255)}"
        sso = f"org{org}.okta.com" if known and rand() < 0.15 else None
        device = f"dev_{randrange(accounts // 2)}" if rand() < 0.2 else f"dev_u{i}"
        yield ({"account_id": f"acct_{i:07d}", "email": email, "payment_fingerprint": pay,
                "signup_ip": signup_ip, "sso_tenant": sso},
               {"ts": 0.0, "account_id": f"acct_{i:07d}", "client_ip": signup_ip, "device": device})


def link_child(accounts: int) -> dict[str, Any]:
    """Runs in its own process: generate + link, report times and peak RSS."""
    entities = [{"org_id": o.org_id, "name": o.name, "restricted": o.restricted, "domains": list(o.domains),
                 "ip_ranges": list(o.ip_ranges), "payment_fingerprints": list(o.payment_fingerprints),
                 "sso_tenants": list(o.sso_tenants)} for o in organizations()]
    start = time.perf_counter()
    for _ in population(min(accounts, 100_000)):
        pass
    gen = (time.perf_counter() - start) * accounts / min(accounts, 100_000)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cpu = time.process_time()
    start = time.perf_counter()
    linker = Linker(entities)
    add_account, add_request = linker.add_account, linker.add_request
    for account, request in population(accounts):
        add_account(account)
        add_request(request)
    ingest = time.perf_counter() - start
    start = time.perf_counter()
    result = linker.result()
    finish = time.perf_counter() - start
    cpu = time.process_time() - cpu
    linked = sum(1 for _ in result.linked())
    return {"accounts": accounts, "ingest_s": ingest, "result_s": finish, "total_s": ingest + finish,
            "cpu_s": cpu, "load": os.getloadavg()[0],
            "generate_s": gen, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "rss_before_mb": rss_before / 1024, "linked": linked, "clusters": len(result.clusters)}


def bench_linking(accounts: int) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--link-child", str(accounts)], check=True,
                         capture_output=True, text=True)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def markdown(hot: list[Row], link: dict[str, Any], n: int) -> str:
    lines = [
        "## Identity",
        "",
        f"`bench/bench_identity.py`, {time.strftime('%Y-%m-%d')}, Python {platform.python_version()}, "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} vCPUs shared with other work "
        f"(load average {os.getloadavg()[0]:.1f}). Hot path: {n:,} fresh tokens per run (each is "
        f"single-use), mean = best of 5 runs, median/p99 from one timed run; {ORGS:,} organizations "
        "(20,000 CIDR ranges).",
        "",
        "| per request | mean µs | median µs | p99 µs |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [f"| {label} | {mean:.1f} | {med:.1f} | {q:.1f} |" if q else f"| {label} | {mean:.1f} | | |"
              for label, mean, med, q in hot]
    lines += [
        "",
        "Goal: attribution check + resolve <= 30 µs. Met with HS256 tokens and in-process nonces. With "
        "Ed25519 tokens the one signature verification (OpenSSL through `cryptography`; the reference row) "
        "is over the budget by itself on this vCPU; what Moat adds around it is the same as in the HS256 "
        "row. Tokens are single-use (nonce), so a verified signature cannot be cached. The Redis row is "
        "one network round trip per token (a blocking client here; the gateway awaits it, so it costs "
        "latency, not CPU).",
    ]
    lines += [
        "",
        f"Batch linking, {link['accounts']:,} accounts x 5 signals (email domain, payment instrument, "
        "signup IP, SSO tenant, device) + one request each, generated lazily in the timed loop:",
        "",
        "| step | result |",
        "| --- | ---: |",
        f"| ingest (add_account + add_request) | {link['ingest_s']:.1f} s |",
        f"| result() (every account's link, every cluster) | {link['result_s']:.1f} s |",
        f"| total, wall clock | {link['total_s']:.1f} s (of which generating the input "
        f"~{link['generate_s']:.1f} s) |",
        f"| total, CPU time of the process | {link['cpu_s']:.1f} s (load average {link['load']:.1f}) |",
        f"| peak RSS of the process | {link['peak_rss_mb']:.0f} MB |",
        f"| accounts linked to an organization / clusters | {link['linked']:,} / {link['clusters']:,} |",
        "",
    ]
    return "\n".join(lines)


def write_section(section: str) -> None:
    path = Path(__file__).with_name("RESULTS.md")
    text = path.read_text() if path.exists() else "# Benchmark results\n\n"
    pattern = re.compile(r"^## Identity\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--accounts", type=int, default=1_000_000)
    parser.add_argument("--redis", default=os.environ.get("MOAT_TEST_REDIS_URL"))
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--link-child", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.link_child:
        print(json.dumps(link_child(args.link_child)))
        return
    hot = bench_hot_path(args.n, args.redis)
    link = bench_linking(args.accounts)
    section = markdown(hot, link, args.n)
    print(section)
    if args.write:
        write_section(section)


if __name__ == "__main__":
    main()
