"""The demo's steps: seed the cast, start the gateway and console, drive traffic through them,
run detection on what was recorded, open cases, and say where to look."""

from __future__ import annotations

import asyncio
import secrets
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import httpx
import orjson
from tqdm import tqdm

from moat.audit.commands import export_dataset
from moat.config import PlatformSettings, Settings
from moat.demo import data_setup
from moat.demo.cast import ACTOR, DATA_RIVAL, DISTILLERS, IDE_ACCOUNT, IDE_PLATFORM, seed
from moat.demo.data_story import data_summary
from moat.demo.data_traffic import DataOutcomes, drive_data
from moat.demo.serving import Serving
from moat.demo.traffic import Call, network_returns, script
from moat.enforce.models import Case
from moat.gateway.app import Gateway
from moat.policy.bundle import Bundle
from moat.policy.engine import Engine
from moat.policy.replay import ReplayReport, replay
from moat.store import open_store

CASE_THRESHOLD = 0.5


def _say(text: str = "") -> None:
    print(text, flush=True)


async def _drive(client: httpx.AsyncClient, calls: list[Call], progress: bool) -> dict[str, Counter[str]]:
    outcomes: dict[str, Counter[str]] = defaultdict(Counter)
    for call in calls:  # roles in the script's order, not in the order their first answers arrive
        outcomes.setdefault(call.member.role, Counter())
    gate = asyncio.Semaphore(16)
    bar = tqdm(total=len(calls), desc="traffic", unit=" req", disable=not progress, file=sys.stderr)

    async def send(call: Call) -> None:
        headers = {"authorization": f"Bearer {call.member.key}", **call.headers}
        async with gate:
            response = await client.post(call.path, json=call.body, headers=headers)
            await response.aread()
        outcome = "allowed"
        if response.status_code < 400 and call.body.get("reasoning_effort"):
            message = response.json()["choices"][0]["message"]
            outcome = "allowed with reasoning" if message.get("reasoning_content") else "allowed, reasoning redacted"
        if response.status_code >= 400:
            error = response.json().get("error", {})
            outcome = f"{response.status_code} {error.get('code') or error.get('type')}"
        outcomes[call.member.role][outcome] += 1
        bar.update()

    await asyncio.gather(*(send(c) for c in calls))
    bar.close()
    return outcomes


async def _scored(runtime: Any, accounts: list[str], timeout: float = 60.0) -> None:
    """Wait (bounded) until the online detectors have scored everything recorded so far, a whole
    cross-account pass included, so that the network meets its own scores when it comes back
    (OnlineDetection.settled). Were the detectors elsewhere (Redis workers), wait until these
    accounts are scored and their scores stop changing for a second."""
    if await runtime.online.settled(timeout):
        return
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    version, still = -1, 0.0
    while loop.time() < deadline and still < 1.0:
        await asyncio.sleep(0.1)
        current = runtime.online.cache.version
        scored = all(runtime.online.cache.scores_for(a) for a in accounts)
        still = still + 0.1 if scored and current == version else 0.0
        version = current


def _replay(dataset: Path, bundle: Bundle) -> ReplayReport:
    """The recorded traffic re-decided by the bundle that decided it: 0 changed, since each decision
    recorded the inputs it read (moat.policy.inputs), the scores of the moment included."""
    return replay(dataset, Engine(bundle))


def _detect(dataset: Path, out: Path) -> list[dict[str, Any]]:
    from moat.detect.engine import score_dataset

    engine, _ = score_dataset(dataset)
    findings = list(engine.findings())
    out.write_bytes(b"".join(orjson.dumps(f) + b"\n" for f in findings))
    return findings


async def tell(settings: Settings, serving: Serving, base: str, progress: bool) -> None:
    """Steps 1 to 7 and the summary, on an empty home (moat.demo.home)."""
    home = settings.home_path
    secret = secrets.token_urlsafe(32)  # the IDE's attribution secret: new every run, like the home
    settings.platforms = [PlatformSettings(platform_id=IDE_PLATFORM, account_id=IDE_ACCOUNT, hs256_secret=secret)]

    _say("1/7  seeding the directory: organizations, developers, a rival's engineers, an IDE, a network, "
         "the data API's callers")
    store = open_store(settings.store_url)
    await store.open()
    try:
        cast = await seed(store)
    finally:
        await store.close()

    _say(f"2/7  starting the gateway and the console on {base}, and the demo data API behind it")
    data_setup.configure(settings, await serving.start_data_api())
    gateway = Gateway(settings)
    await serving.start(settings, gateway)
    runtime = gateway.runtime

    async def restrict_data_rival() -> None:  # what `moat orgs add vantage-ai --restricted` does
        from moat.identity import admin

        await admin.add_org(runtime.store, actor=ACTOR, org_id=DATA_RIVAL, restricted=True)

    calls = list(script(cast, secret))
    _say(f"3/7  driving {len(calls)} requests through the gateway with the default policy, and the data "
         "API's firehose, searches and an archive crawl")
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        outcomes = await _drive(client, calls, progress)
        # After the model traffic, not beside it: the network's requests keep the pace they had.
        data = await drive_data(client, cast, restrict_data_rival)

    network = [cast[a].account_id for a in DISTILLERS]
    _say("4/7  the detectors score the traffic as it is recorded; the network comes back")
    await _scored(runtime, network)
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        second = await _drive(client, list(network_returns(cast)), progress)
    for role, counts in second.items():
        outcomes[f"{role}, after scoring"] = counts

    _say("5/7  exporting the recorded traffic, replaying it with its bundle, running batch detection")
    await runtime.recorder.flush(timeout=30)
    dataset = home / "demo-dataset"
    await export_dataset(runtime.store, dataset, progress=False)
    findings = await asyncio.to_thread(_detect, dataset, home / "demo-findings.jsonl")
    replayed = await asyncio.to_thread(_replay, dataset, runtime.policy.engine.bundle)

    _say("6/7  opening cases for what detection found")
    from moat.enforce.findings import import_findings
    from moat.enforce.services import EnforceContext

    cx = await EnforceContext.open(runtime.store, settings.webhooks)
    await import_findings(cx, actor=ACTOR, path=home / "demo-findings.jsonl", threshold=CASE_THRESHOLD)
    # One case per subject (issue 13 item 3): the network's, which the gateway's flags may have
    # opened already and detection's findings joined, and the rival organization's.
    cases = sorted((await cx.es.list_cases(status="open", limit=100)).data,
                   key=lambda c: (c.subject_kind, c.subject_id))

    from moat.console.bootstrap import ensure_admin, new_password, with_users

    user, password = await ensure_admin(settings.store_url)
    if password is None:  # an admin from before (never in a fresh home): a new password, so it can be shown
        password = new_password()
        await with_users(settings.store_url, lambda book: book.set_password(user, password, actor=ACTOR))
    _say("7/7  done\n")
    _summary(base, outcomes, data, dataset, replayed, findings, cases, user, password)


def _summary(base: str, outcomes: dict[str, Counter[str]], data: DataOutcomes, dataset: Path,
             replayed: ReplayReport, findings: list[dict[str, Any]], cases: list[Case], user: str,
             password: str) -> None:
    _say("What happened to each kind of caller:")
    for role, counts in outcomes.items():
        # In a fixed order (by name), not by count: how many of the network's requests keep their
        # reasoning depends on timing, and the story must read the same on every run.
        parts = ", ".join(f"{n} {what}" for what, n in sorted(counts.items()))
        _say(f"  {role:<38} {parts}")
    data_summary(data, dataset, findings, cases)
    _say(f"\nReplay: {replayed.requests} recorded requests re-decided by the bundle that decided them "
         f"(moat policy replay), {replayed.changed} changed")
    flagged = sorted((f for f in findings if f["risk"] >= CASE_THRESHOLD), key=lambda f: -f["risk"])
    _say(f"\nDetection scored {len(findings)} accounts; {len(flagged)} at risk >= {CASE_THRESHOLD}:")
    for finding in flagged[:8]:
        top = min(finding["scores"], key=lambda name: (-finding["scores"][name], name))  # ties: by name
        evidence = finding["evidence"][0] if finding["evidence"] else ""
        _say(f"  {finding['account_id']:<18} risk {finding['risk']:.2f}  {top:<13} {evidence[:70]}")
    _say(f"\nCases open: {len(cases)} (one per network, organization or account)")
    for case in cases:
        _say(f"  {case.case_id}  {case.subject_kind} {case.subject_id}  risk {case.risk or 0:.2f}")
    _say("\nWhere to look:")
    _say(f"  console     {base}/console/   (sign in as {user}, password {password})")
    _say(f"  gateway     {base}/v1/chat/completions  and  {base}/v1/messages")
    _say(f"  data API    {base}{data_setup.FIREHOSE}  ·  {base}{data_setup.SEARCH}/recent?query=  ·  "
         f"{base}{data_setup.USERS}/ID")
    _say(f"  metrics     {base}/metrics")
    _say(f"  feed        {base}/feed/restricted")
    _say("  audit       moat audit verify   ·   moat export DIR   ·   moat detect DIR")
