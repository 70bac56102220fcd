"""Run a client scenario directly against the fake upstream and again through Moat, and compare.

What must hold (issue 12, item 7):
  (a) the upstream request: same method, path and query (`?beta=true` included); the client's own
      headers arrive with their values (user-agent, x-stainless-*, OpenAI-Organization/Project,
      anthropic-version, anthropic-beta, x-app); the client's credential does not, the upstream's
      does; the body bytes are the client's, except for the documented addition of `stream_options`;
  (b) the client-visible result is equal (parsed objects, streamed events, raw stream bytes);
  (c) the upstream's response headers reach the client unchanged, each Moat header exactly once;
  (d) errors raise the same SDK exception class with the same status.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.conformance.conftest import (
    DIRECT_KEY,
    UPSTREAM_ANTHROPIC_SECRET,
    UPSTREAM_OPENAI_SECRET,
    Gateway,
)
from tests.conformance.fake_upstream import FakeUpstream, Recorded

# Headers that are the connection's, not the client's (RFC 9110 §7.6.1), or that a relay recomputes.
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
              "host", "content-length"}
CREDENTIALS = {"authorization", "x-api-key", "api-key"}
CLIENT_HEADER_NAMES = ("user-agent", "openai-organization", "openai-project", "anthropic-version", "anthropic-beta",
                       "x-app", "anthropic-dangerous-direct-browser-access")
MOAT_HEADERS = ("x-request-id", "request-id", "moat-decision-id")
# Documented additions Moat may make to a request body (usage reporting on OpenAI streams).
DOCUMENTED_ADDITIONS = ("stream_options",)


@dataclass
class Side:
    result: Any = None
    error: BaseException | None = None
    records: list[Recorded] = field(default_factory=list)
    headers: httpx.Headers | None = None

    @property
    def record(self) -> Recorded:
        assert self.records, "the upstream received no request"
        return self.records[-1]


def run_both(fake: FakeUpstream, moat: Gateway, key: str, client_for: Callable[[str, str], Any],
             scenario: Callable[[Any], Any], *, dialect: str = "openai") -> tuple[Side, Side]:
    """`client_for(base_url, api_key)` builds the client; `scenario(client)` returns what it saw."""
    sides = []
    for base, api_key in ((fake.base if dialect == "openai" else fake.url, DIRECT_KEY),
                          (f"{moat.url}/v1" if dialect == "openai" else moat.url, key)):
        mark = fake.mark()
        side = Side()
        try:
            side.result = scenario(client_for(base, api_key))
        except Exception as exc:
            side.error = exc
        side.records = fake.since(mark)
        sides.append(side)
    return sides[0], sides[1]


def client_headers(rec: Recorded) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, value in rec.headers:
        if name in CLIENT_HEADER_NAMES or name.startswith("x-stainless-") or name.startswith("x-conformance-"):
            out.setdefault(name, []).append(value)
    return out


def request_problems(direct: Recorded, via: Recorded, moat_key: str, *, dialect: str) -> list[str]:
    """(a): what differs between the upstream request the client made directly and the one Moat made."""
    problems = []
    if via.method != direct.method:
        problems.append(f"upstream method {via.method} != direct {direct.method}")
    if via.path != direct.path:
        problems.append(f"upstream path {via.path!r} != direct {direct.path!r}")
    if via.query != direct.query:
        problems.append(f"upstream query {via.query!r} != direct {direct.query!r}")
    expected = client_headers(direct)
    got = client_headers(via)
    lost = {k: v for k, v in expected.items() if got.get(k) != v}
    if lost:
        problems.append(f"client headers lost or changed on the way upstream: {sorted(lost)} (arrived: {got})")
    # The client's credential never reaches the upstream; the configured upstream credential does.
    for name, value in via.headers:
        if moat_key in value:
            problems.append(f"the client's Moat key leaked upstream in {name}")
    if moat_key.encode() in via.decoded_body:
        problems.append("the client's Moat key leaked upstream in the body")
    secret = UPSTREAM_OPENAI_SECRET if dialect == "openai" else UPSTREAM_ANTHROPIC_SECRET
    credentials = " ".join(v for k, v in via.headers if k in CREDENTIALS)
    if secret not in credentials:
        problems.append(f"upstream credential missing: {credentials!r}")
    if direct.body or via.body:
        problems += body_problems(direct, via)
    return problems


def body_problems(direct: Recorded, via: Recorded) -> list[str]:
    sent = direct.json()
    relayed = via.json()
    added = [k for k in DOCUMENTED_ADDITIONS if k in relayed and k not in sent]
    for name in added:
        relayed.pop(name)
    if relayed != sent:
        changed = sorted(k for k in set(sent) | set(relayed) if sent.get(k) != relayed.get(k))
        return [f"request body changed on the way upstream in {changed}: "
                f"{ {k: relayed.get(k) for k in changed} } instead of { {k: sent.get(k) for k in changed} }"]
    if not added and via.decoded_body != direct.decoded_body:
        return ["request body bytes changed on the way upstream (same JSON, different bytes)"]
    return []


def header_problems(direct: httpx.Headers, via: httpx.Headers, names: list[str]) -> list[str]:
    """(c): upstream response headers reach the client unchanged; Moat's own headers come once."""
    problems = []
    for name in [*names, "content-type", "retry-after"]:
        if via.get_list(name) != direct.get_list(name):
            problems.append(f"response header {name}: {via.get_list(name)} through Moat, "
                            f"{direct.get_list(name)} direct")
    for name in MOAT_HEADERS:
        if len(via.get_list(name)) != 1:
            problems.append(f"{name} appears {len(via.get_list(name))} times: {via.get_list(name)}")
    return problems


def differ(label: str, direct: Any, via: Any) -> list[str]:
    """(b): a client-visible value through Moat that is not what the client saw directly."""
    if direct == via:
        return []
    text_d, text_v = repr(direct), repr(via)
    at = next((i for i, (a, b) in enumerate(zip(text_d, text_v, strict=False)) if a != b),
              min(len(text_d), len(text_v)))
    return [f"{label} differs from direct at char {at}: direct …{text_d[max(0, at - 60):at + 100]}… "
            f"through Moat …{text_v[max(0, at - 60):at + 100]}…"]


def check(problems: list[str]) -> None:
    assert not problems, "\n".join(["Moat is not a faithful relay here:", *problems])


def dump(obj: Any) -> Any:
    """A parsed SDK object as plain data (pydantic models, lists of them, dicts)."""
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if isinstance(obj, list):
        return [dump(x) for x in obj]
    if isinstance(obj, dict):
        return {k: dump(v) for k, v in obj.items()}
    return obj


def sse_events(raw: bytes) -> list[dict[str, Any]]:
    events = []
    for block in raw.decode().split("\n\n"):
        event: dict[str, Any] = {}
        for line in block.splitlines():
            if line.startswith("event:"):
                event["event"] = line[6:].strip()
            elif line.startswith("data:"):
                data = line[5:].strip()
                event["data"] = data if data == "[DONE]" else json.loads(data)
        if event:
            events.append(event)
    return events
