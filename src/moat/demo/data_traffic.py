"""The demo's data traffic (issue 15 item 6): real HTTP requests to the gateway's data routes.

Three callers of the demo data API, each telling one part of the story:
- a rival lab's engineers hold the firehose open; once items flow, the demo restricts their
  organization (an operator's `moat orgs add vantage-ai --restricted`) and the gateway ends their
  streams mid-flow with a final error item;
- a researcher's key, declared for research, searches recent posts and is refused the firehose by
  the demo's policy (moat/demo/policy/data.yaml);
- one customer's crawler splits an archive sweep over three keys, each taking its own slice of a
  year of the archive, which batch detection reads together as one harvest.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
import orjson

from moat.demo.cast import CRAWLERS, DATA_RIVAL_ENGINEERS, RESEARCHER, Member
from moat.demo.data_setup import FIREHOSE, SEARCH

DAY = 86400.0
READ_BEFORE_RESTRICTING = 100  # items each rival engineer receives before the restriction lands
CUT_WAIT = 10.0  # seconds the demo waits for the gateway to end a stream (the contract: within 1 s)
WINDOWS = 40  # archive windows each crawler key asks for
WINDOW_DAYS = 3


@dataclass
class Stream:
    """One rival engineer's firehose, as the client saw it."""

    account_id: str
    request_id: str = ""
    items: int = 0
    final: dict[str, Any] | None = None  # the gateway's final error item, when it ended the stream
    cut_after: float | None = None  # seconds from the restriction to the final item


@dataclass
class DataOutcomes:
    streams: list[Stream] = field(default_factory=list)
    by_role: dict[str, Counter[str]] = field(default_factory=dict)
    refusal: dict[str, Any] | None = None  # the research key's first refusal, as the client got it


def _outcome(response: httpx.Response, what: str) -> str:
    if response.status_code < 400:
        return f"{what} allowed"
    body = response.json()
    reason = (body.get("moat") or {}).get("reason") or (body.get("errors") or [{}])[0].get("title")
    return f"{what} {response.status_code} {reason}"


async def _hold(client: httpx.AsyncClient, member: Member, stream: Stream, flowing: asyncio.Event,
                restricted: asyncio.Event, restricted_at: list[float]) -> None:
    headers = {"authorization": f"Bearer {member.key}"}
    async with client.stream("GET", FIREHOSE, headers=headers, timeout=httpx.Timeout(30, read=CUT_WAIT)) as response:
        stream.request_id = response.headers.get("moat-request-id", "")
        async for line in response.aiter_lines():
            if not line.strip():
                continue  # keep-alive
            item = orjson.loads(line)
            if "errors" in item:
                stream.final = item
                if restricted.is_set():
                    stream.cut_after = time.monotonic() - restricted_at[0]
                break
            stream.items += 1
            if stream.items >= READ_BEFORE_RESTRICTING:
                flowing.set()


async def rival_streams(client: httpx.AsyncClient, cast: dict[str, Member],
                        restrict: Callable[[], Awaitable[None]]) -> list[Stream]:
    """The rival engineers' streams, cut when `restrict` (the organization's restriction) lands."""
    streams = [Stream(a) for a in DATA_RIVAL_ENGINEERS]
    flowing = [asyncio.Event() for _ in streams]
    restricted, restricted_at = asyncio.Event(), [0.0]
    holding = [asyncio.create_task(_hold(client, cast[s.account_id], s, f, restricted, restricted_at))
               for s, f in zip(streams, flowing, strict=True)]
    waiting = asyncio.gather(*(f.wait() for f in flowing))
    try:
        await asyncio.wait_for(waiting, CUT_WAIT)
        restricted_at[0] = time.monotonic()
        await restrict()
        restricted.set()
        await asyncio.wait_for(asyncio.gather(*holding), CUT_WAIT)
    finally:
        for task in holding:
            task.cancel()
        await asyncio.gather(*holding, return_exceptions=True)
    return streams


async def research(client: httpx.AsyncClient, member: Member) -> tuple[Counter[str], dict[str, Any] | None]:
    """Searches of the last days (what the key was issued for), then two tries at the firehose;
    returns what each was answered, and the first refusal's body."""
    counts: Counter[str] = Counter()
    refusal: dict[str, Any] | None = None
    headers = {"authorization": f"Bearer {member.key}"}
    now = time.time()
    for i, topic in enumerate(("election", "misinformation", "vaccine", "climate") * 3):
        end = now - 3600 * (1 + i)
        params = {"query": topic, "start_time": _iso(end - 6 * 3600), "end_time": _iso(end), "max_results": "50"}
        counts[_outcome(await client.get(f"{SEARCH}/recent", params=params, headers=headers), "search")] += 1
    for _ in range(2):
        async with client.stream("GET", FIREHOSE, headers=headers) as response:
            await response.aread()
        counts[_outcome(response, "firehose")] += 1
        if response.status_code >= 400 and refusal is None:
            refusal = response.json()
    return counts, refusal


async def split_crawl(client: httpx.AsyncClient, cast: dict[str, Member]) -> Counter[str]:
    """Three keys of one customer, each sweeping its own contiguous slice of a year of the archive."""
    counts: Counter[str] = Counter()
    # Windows end at midnights; counted from one 12 to 36 hours ago, so how far back the sweep
    # reaches (what detection's evidence says, in whole days) reads the same at any hour of a run.
    today = (time.time() - DAY / 2) // DAY * DAY
    gate = asyncio.Semaphore(6)

    async def window(member: Member, slot: int) -> None:
        end = today - (WINDOW_DAYS + slot * WINDOW_DAYS) * DAY
        params = {"query": "lang:en", "start_time": _iso(end - WINDOW_DAYS * DAY), "end_time": _iso(end),
                  "max_results": "100"}
        async with gate:
            response = await client.get(f"{SEARCH}/all", params=params,
                                        headers={"authorization": f"Bearer {member.key}"})
        counts[_outcome(response, "archive search")] += 1

    await asyncio.gather(*(window(cast[a], j * WINDOWS + k) for j, a in enumerate(CRAWLERS) for k in range(WINDOWS)))
    return counts


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


async def drive_data(client: httpx.AsyncClient, cast: dict[str, Member],
                     restrict: Callable[[], Awaitable[None]]) -> DataOutcomes:
    """The three data stories at once (they share nothing but the gateway)."""
    streams, (researched, refusal), crawled = await asyncio.gather(
        rival_streams(client, cast, restrict), research(client, cast[RESEARCHER]), split_crawl(client, cast))
    out = DataOutcomes(streams, refusal=refusal)
    out.by_role[cast[RESEARCHER].role] = researched
    out.by_role[cast[CRAWLERS[0]].role] = crawled
    return out
