"""A client's request on a stored response (read, delete, list its input, cancel, resume its
stream) as an access decision: who asked, whether Moat let them, under which id.

Reading back a response is access to model output, so it is decided like a model call, if more
simply: the key must authenticate and the caller must own the response (moat.gateway.
response_owners). The answer names the decision in `moat-decision-id` and the request in
`moat-request-id`, as a model call's does, and the decision goes to the hash-chained decision log
(`allow`, or `deny` with the refusal's reason), so a reviewer sees who read, deleted or cancelled
what. It is not a traffic record: nothing is generated or metered (the response was recorded, and
metered, by the call that made it), and a client polling a background response every 100 ms must
not look like a hundred model calls to the detectors.

Cheap by construction: one small dict through the recorder's write-ahead file (one `os.write`, as
every model call's record), chained into the store off the request path, before the answer leaves
(the audit rule of moat.audit.recorder); when the write-ahead file cannot be written the request
fails closed, as a model call does. And not once per poll: the decision log is never expired, and a
client polling a ten-minute background response every 100 ms would write 6,000 entries that all
say the same thing. So a decision covers `COVERS` seconds of the same request by the same key
(the same response, route, method, stream or not, outcome and redaction), in this process: those
requests are authenticated and checked for ownership each time, as ever, and name the decision that
covers them in `moat-decision-id`; the entry says how long it covers (`covers_seconds`). A
different outcome (the response forgotten, the key's account restricted) is a new decision, logged.
Requests without a key that authenticated are logged each time, as a model call's refusal is.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import orjson

from moat.errors import MoatError, RecordingUnavailable
from moat.gateway.errors import error_body
from moat.gateway.http import JSON_HEADERS, Headers, Send, send_response, unique_headers
from moat.gateway.response_owners import ResponseNotFound
from moat.identity.directory import AccountRefused
from moat.ids import new_id
from moat.store.base import RecordBatchItem

if TYPE_CHECKING:
    from moat.audit.recorder import Recorder
    from moat.identity.models import Account, ApiKey, Organization

log = logging.getLogger("moat.gateway")

POLICY_REVISION = "gateway"  # decided by the gateway's own rule, not by the policy bundle
OWNER_RULE = "gateway.stored_response_owner"
COVERS = 60.0  # seconds one logged decision covers the same request by the same key
CAPACITY = 50_000  # decisions remembered for that (~250 bytes each); beyond, the oldest are forgotten


def decision_id_for(request_id: str) -> str:
    """The decision's id, paired with the request's as the policy engine pairs a model call's."""
    return "dec_" + request_id.partition("_")[2] if "_" in request_id else new_id("dec")


@dataclass(slots=True)
class StoredAccess:
    """One request on a stored response, and the access decision it got."""

    request_id: str
    method: str
    endpoint: str  # the route, e.g. "/v1/responses/{id}/cancel" (the id itself is in `response_id`)
    ts: float
    decision_id: str = ""
    response_id: str | None = None
    key_id: str | None = None
    account_id: str | None = None
    org_id: str | None = None
    effect: str = "deny"
    reason_code: str = "unauthenticated"
    rules: list[str] = field(default_factory=list)
    redacted: bool = False
    stream: bool = False  # a background response's stream, resumed
    logged: bool = False

    def __post_init__(self) -> None:
        if not self.decision_id:
            self.decision_id = decision_id_for(self.request_id)

    def caller(self, key: ApiKey | None, account: Account | None, org: Organization | None) -> None:
        """The key authenticated: whose it is."""
        self.key_id = key.key_id if key is not None else None
        self.account_id = account.account_id if account is not None else None
        self.org_id = org.org_id if org is not None else None

    def allow(self, *, redacted: bool) -> None:
        """The caller owns the response."""
        self.effect, self.reason_code, self.rules, self.redacted = "allow", "allowed", [OWNER_RULE], redacted

    def refuse(self, error: MoatError) -> None:
        """Refused (bad key, not the caller's response, not a route): the error's code is the reason."""
        if self.effect == "allow":  # allowed, then failed upstream: the decision stands
            return
        code = error.code or ("response_not_found" if isinstance(error, ResponseNotFound) else error.type)
        self.effect, self.reason_code, self.rules = "deny", code, [f"gateway.{code}"]

    def headers(self) -> Headers:
        """Moat's own headers for the answer: its request and decision ids."""
        return [(b"moat-request-id", self.request_id.encode()), (b"moat-decision-id", self.decision_id.encode())]

    def entry(self, status: int, now: float, covers: float = 0.0) -> dict[str, object]:
        """The decision-log entry: a model call's keys (moat.gateway.record.decision_entry), what was
        asked of which response, and for how many seconds the decision `covers` the same request."""
        return {
            "decision_id": self.decision_id, "ts": now, "request_id": self.request_id,
            "account_id": self.account_id, "key_id": self.key_id, "org_id": self.org_id, "entity_org": None,
            "platform": None, "end_user_org": None, "endpoint": self.endpoint, "model": None,
            "effect": self.effect, "reason_code": self.reason_code, "rules": list(self.rules), "explanation": [],
            "shadow": [], "policy_revision": POLICY_REVISION, "status": status, "redacted": self.redacted,
            "method": self.method, "response_id": self.response_id, "stream": self.stream,
            "covers_seconds": covers,
        }

    def sameness(self) -> tuple[object, ...] | None:
        """What another request must share to be covered by this one's decision (None: logged alone)."""
        if self.key_id is None:
            return None
        return (self.key_id, self.response_id, self.endpoint, self.method, self.stream, self.effect,
                self.reason_code, self.redacted)


class AccessDecisions:
    """Logs the access decisions of one process, each covering `COVERS` seconds of the same request."""

    def __init__(self, recorder: Recorder, covers: float = COVERS, capacity: int = CAPACITY) -> None:
        self._recorder = recorder
        self._covers = covers
        self._capacity = capacity
        self._recent: OrderedDict[tuple[object, ...], tuple[str, float]] = OrderedDict()
        self.logged = 0  # entries written
        self.covered = 0  # requests named by an earlier entry

    def log(self, access: StoredAccess, status: int, now: float) -> None:
        """Write `access`'s decision before its answer leaves, or name the one that covers it (so
        call it before `access.headers()`); RecordingUnavailable when the write-ahead file cannot be
        written. Once per request."""
        if access.logged:
            return
        access.logged = True
        key = access.sameness()
        mono = time.monotonic()
        if key is not None:
            earlier = self._recent.get(key)
            if earlier is not None and earlier[1] > mono:
                access.decision_id = earlier[0]
                self.covered += 1
                return
        try:
            entry = access.entry(status, now, self._covers if key is not None else 0.0)
            self._recorder.record(RecordBatchItem(traffic={}, decision=entry))
        except OSError as exc:
            log.error("cannot write the write-ahead log: %s", exc, extra={"request_id": access.request_id})
            raise RecordingUnavailable("The gateway cannot record requests right now; try again shortly") from exc
        self.logged += 1
        if key is not None:
            self._recent[key] = (access.decision_id, mono + self._covers)
            self._recent.move_to_end(key)
            if len(self._recent) > self._capacity:
                self._recent.popitem(last=False)


async def refuse(decisions: AccessDecisions, access: StoredAccess, error: MoatError, send: Send, now: float) -> None:
    """Answer `error` in OpenAI's shape, with Moat's ids in its headers; its decision logged first.
    The body is the error's alone (no decision id in it): a response that is not the caller's gets
    exactly OpenAI's own 404, indistinguishable from one that does not exist."""
    if isinstance(error, AccountRefused):  # a genuine key whose account may not call: log whose
        access.caller(*error.authenticated)
    access.refuse(error)
    try:
        decisions.log(access, error.status, now)
    except RecordingUnavailable as failed:
        error = failed
    headers = [*JSON_HEADERS, *access.headers(), *((k.lower().encode(), v.encode()) for k, v in error.headers.items())]
    await send_response(send, error.status, orjson.dumps(error_body("openai", error, access.request_id)),
                        unique_headers(headers))
