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
every model call's record), chained into the store off the request path. Written once per request,
before its answer leaves (the audit rule of moat.audit.recorder); when the write-ahead file cannot
be written the request fails closed, as a model call does.
"""

from __future__ import annotations

import logging
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

    def entry(self, status: int, now: float) -> dict[str, object]:
        """The decision-log entry: a model call's keys (moat.gateway.record.decision_entry), and what
        was asked of which response."""
        return {
            "decision_id": self.decision_id, "ts": now, "request_id": self.request_id,
            "account_id": self.account_id, "key_id": self.key_id, "org_id": self.org_id, "entity_org": None,
            "platform": None, "end_user_org": None, "endpoint": self.endpoint, "model": None,
            "effect": self.effect, "reason_code": self.reason_code, "rules": list(self.rules), "explanation": [],
            "shadow": [], "policy_revision": POLICY_REVISION, "status": status, "redacted": self.redacted,
            "method": self.method, "response_id": self.response_id,
        }

    def log(self, recorder: Recorder, status: int, now: float) -> None:
        """Write the decision (once) before the answer leaves; RecordingUnavailable when it cannot."""
        if self.logged:
            return
        self.logged = True
        try:
            recorder.record(RecordBatchItem(traffic={}, decision=self.entry(status, now)))
        except OSError as exc:
            log.error("cannot write the write-ahead log: %s", exc, extra={"request_id": self.request_id})
            raise RecordingUnavailable("The gateway cannot record requests right now; try again shortly") from exc


async def refuse(recorder: Recorder, access: StoredAccess, error: MoatError, send: Send, now: float) -> None:
    """Answer `error` in OpenAI's shape, with Moat's ids in its headers; its decision logged first.
    The body is the error's alone (no decision id in it): a response that is not the caller's gets
    exactly OpenAI's own 404, indistinguishable from one that does not exist."""
    if isinstance(error, AccountRefused):  # a genuine key whose account may not call: log whose
        access.caller(*error.authenticated)
    access.refuse(error)
    try:
        access.log(recorder, error.status, now)
    except RecordingUnavailable as failed:
        error = failed
    headers = [*JSON_HEADERS, *access.headers(), *((k.lower().encode(), v.encode()) for k, v in error.headers.items())]
    await send_response(send, error.status, orjson.dumps(error_body("openai", error, access.request_id)),
                        unique_headers(headers))
