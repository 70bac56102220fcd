"""The recorded-traffic format (shared/spec/traffic-format.md): one reader, one writer.

The gateway exports it, the simulator writes it, `moat detect` and `moat policy replay` read it.
Records read are plain dicts (fastest to parse with orjson); the gateway builds each one typed
(`TrafficRecord`) and writes its dict form. Unknown fields are ignored by consumers and
missing optional fields read as None. A line that is not valid JSON or lacks a required field is
reported with its file and line number through `on_error`, and reading goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import orjson

ACCOUNTS_FILE = "accounts.jsonl"
REQUESTS_FILE = "requests.jsonl"
ENTITIES_FILE = "entities.jsonl"

ACCOUNT_FIELDS: tuple[str, ...] = (
    "account_id", "created_at", "email", "plan", "org_id", "declared_company",
    "payment_fingerprint", "signup_ip", "sso_tenant", "country",
)
REQUEST_FIELDS: tuple[str, ...] = (
    "ts", "request_id", "account_id", "key_id", "channel", "platform", "end_user_id",
    "end_user_org", "client_ip", "user_agent", "endpoint", "model", "conversation_id", "turn",
    "system", "prompt", "input_tokens", "output_tokens", "reasoning", "stream", "status", "decision",
)
# Optional request fields beyond the spec (docs/traffic-format-extensions.md): the usage kinds the
# gateway meters apart (issue 12 item 3). Written when known, null or absent when not; readers never
# require them.
USAGE_FIELDS: tuple[str, ...] = ("cache_read_tokens", "cache_write_tokens", "reasoning_tokens")
# Optional request fields of data APIs (docs/data-apis.md, issue 15): stored in their own columns
# (store migration v7), absent from a model call's record. `resources` (a list), `cut_decision_id` and
# `recovered` ride in `extra`; the dataset writer keeps all of them (DATA_EXTENSIONS).
DATA_FIELDS: tuple[str, ...] = ("kind", "method", "path", "query", "resource", "items", "bytes", "key_use",
                                "cut_reason")
DATA_EXTENSIONS: tuple[str, ...] = (*DATA_FIELDS, "resources", "cut_decision_id", "recovered")
# Optional fields beyond the spec (docs/traffic-format-extensions.md): written when a record has
# them, so an export keeps what a decision read and a replay can decide again from it (issue 13).
ACCOUNT_EXTENSIONS: tuple[str, ...] = ("credential", "verified", "status")
REQUEST_EXTENSIONS: tuple[str, ...] = (
    "decision_id", "reason_code", "policy_revision", "org_id", "entity_org", "entity_confidence",
    "attribution_trust", "plan", "credential", "verified", "account_status", "entity_restricted",
    "entity_evidence", "restricted", "domain_org", "scores", "cluster_id", "first_party", "max_tokens",
    "input_tokens_estimate", "exceptions", "background_status",
)
# An account's declared use, from its keys (docs/data-apis.md): optional in accounts.jsonl.
DATA_ACCOUNT_FIELDS: tuple[str, ...] = ("declared_use", "declared_use_description")
ENTITY_FIELDS: tuple[str, ...] = (
    "org_id", "name", "restricted", "domains", "ip_ranges", "payment_fingerprints", "sso_tenants",
)
REQUIRED = {
    ACCOUNTS_FILE: ("account_id",),
    REQUESTS_FILE: ("ts", "account_id"),
    ENTITIES_FILE: ("org_id",),
}


@dataclass(slots=True)
class TrafficRecord:
    """One request as the gateway records it: the spec's fields and Moat's extensions, typed.

    Built by the record stage (moat.gateway.record), it becomes the dict form once, `as_dict()`,
    where it leaves the gateway: the write-ahead log line, the store's row and the detectors all
    read that one dict. Fields that only some records have (the decision's outcome beyond allow or
    refuse, the data fields, `truncated`) are written only when they apply, so a model call's
    record is the same line as before it was typed. `extras` holds what varies with the policy
    bundle (the decide stage's inputs, moat.policy.inputs), written flat after the typed fields.
    """

    # the spec's request fields (shared/spec/traffic-format.md)
    ts: float
    request_id: str
    account_id: str | None
    key_id: str | None
    channel: str
    platform: str | None
    end_user_id: str | None
    end_user_org: str | None
    client_ip: str | None
    user_agent: str | None
    endpoint: str
    model: str
    conversation_id: str | None
    turn: int
    system: str | None
    prompt: str | None
    input_tokens: int
    output_tokens: int
    # docs/traffic-format-extensions.md: usage kinds (issue 12 item 3)
    cache_read_tokens: int
    cache_write_tokens: int
    reasoning_tokens: int
    reasoning: bool
    stream: bool
    status: int
    decision: str | None
    # extensions: who decided what, and how long it took
    decision_id: str | None
    reason_code: str | None
    policy_revision: str | None
    org_id: str | None
    entity_org: str | None
    entity_confidence: float
    attribution_trust: str
    upstream: str | None
    latency_ms: float
    upstream_ms: float
    usage_reported: bool
    redacted: bool
    # the decision's outcome (issue 13 item 4), each written only when it applied
    effect: str | None = None
    redact_reasoning: bool = False
    max_tokens_cap: int | None = None
    allowed_models: list[str] | None = None
    flagged: bool = False
    warnings: list[str] | None = None
    shadow: list[str] | None = None
    # what the decide stage read (moat.policy.inputs.INPUT_FIELDS): varies with the bundle
    extras: Mapping[str, Any] | None = None
    # client text cut at recording.max_field_chars: {field: original length}
    truncated: dict[str, int] | None = None
    # data routes (docs/data-apis.md), written when kind is "data"
    kind: str | None = None
    method: str | None = None
    path: str | None = None
    query: str | None = None
    resource: str | None = None
    items: int = 0
    bytes: int = 0
    resources: list[str] | None = None
    key_use: str | None = None
    cut_reason: str | None = None
    cut_decision_id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The traffic-format dict: one literal for the fields every record has, then what applies."""
        out: dict[str, Any] = {
            "ts": self.ts, "request_id": self.request_id, "account_id": self.account_id, "key_id": self.key_id,
            "channel": self.channel, "platform": self.platform, "end_user_id": self.end_user_id,
            "end_user_org": self.end_user_org, "client_ip": self.client_ip, "user_agent": self.user_agent,
            "endpoint": self.endpoint, "model": self.model, "conversation_id": self.conversation_id,
            "turn": self.turn, "system": self.system, "prompt": self.prompt, "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens, "cache_read_tokens": self.cache_read_tokens,
            "cache_write_tokens": self.cache_write_tokens, "reasoning_tokens": self.reasoning_tokens,
            "reasoning": self.reasoning, "stream": self.stream, "status": self.status, "decision": self.decision,
            "decision_id": self.decision_id, "reason_code": self.reason_code,
            "policy_revision": self.policy_revision, "org_id": self.org_id, "entity_org": self.entity_org,
            "entity_confidence": self.entity_confidence, "attribution_trust": self.attribution_trust,
            "upstream": self.upstream, "latency_ms": self.latency_ms, "upstream_ms": self.upstream_ms,
            "usage_reported": self.usage_reported, "redacted": self.redacted,
        }
        if self.effect is not None:  # the decision's outcome
            out.update(self.outcome())
        if self.extras:
            out.update(self.extras)
        if self.truncated:
            out["truncated"] = self.truncated
        if self.kind == "data":
            out.update(kind="data", method=self.method, path=self.path, query=self.query, resource=self.resource,
                       items=self.items, bytes=self.bytes, resources=self.resources, key_use=self.key_use,
                       cut_reason=self.cut_reason)
            if self.cut_decision_id is not None:
                out["cut_decision_id"] = self.cut_decision_id
        return out

    def outcome(self) -> dict[str, Any]:
        """What the decision did besides allow or refuse, for the traffic record and the decision log
        alike (issue 13 item 4: the console labels each request by these, moat.console.outcome)."""
        if self.effect is None:
            return {}
        out: dict[str, Any] = {"effect": self.effect}
        if self.redact_reasoning:
            out["redact_reasoning"] = True
        if self.max_tokens_cap is not None:
            out["max_tokens_cap"] = self.max_tokens_cap
        if self.allowed_models is not None:
            out["allowed_models"] = self.allowed_models
        if self.flagged:
            out["flagged"] = True
        if self.warnings:
            out["warnings"] = self.warnings
        if self.shadow:
            out["shadow"] = self.shadow
        return out


@dataclass(frozen=True, slots=True)
class BadLine:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


ErrorSink = Callable[[BadLine], None]


def _ignore(_: BadLine) -> None:
    pass


def read_jsonl(path: Path, required: tuple[str, ...], on_error: ErrorSink = _ignore) -> Iterator[dict[str, Any]]:
    """Yield each valid object of a JSON Lines file; report bad lines and go on.

    The hot loop of `moat detect` (a million lines): blank lines are told apart only when the
    parser refuses a line, and the missing-field list is built only when some field is missing.
    """
    loads = orjson.loads
    decode_error = orjson.JSONDecodeError
    with path.open("rb", buffering=1 << 20) as f:  # a large buffer: a third of the cost of reading lines
        for lineno, raw in enumerate(f, 1):
            try:
                obj = loads(raw)
            except decode_error as exc:
                if raw.strip():  # a blank line is no error
                    on_error(BadLine(str(path), lineno, f"invalid JSON: {exc}"))
                continue
            if not isinstance(obj, dict):
                on_error(BadLine(str(path), lineno, "not a JSON object"))
                continue
            if None in map(obj.get, required):
                missing = [k for k in required if obj.get(k) is None]
                on_error(BadLine(str(path), lineno, f"missing required field(s): {', '.join(missing)}"))
                continue
            yield obj


def read_accounts(dataset: Path, on_error: ErrorSink = _ignore) -> Iterator[dict[str, Any]]:
    return read_jsonl(Path(dataset) / ACCOUNTS_FILE, REQUIRED[ACCOUNTS_FILE], on_error)


def read_requests(dataset: Path, on_error: ErrorSink = _ignore) -> Iterator[dict[str, Any]]:
    return read_jsonl(Path(dataset) / REQUESTS_FILE, REQUIRED[REQUESTS_FILE], on_error)


def read_entities(dataset: Path, on_error: ErrorSink = _ignore) -> Iterator[dict[str, Any]]:
    """Entities are optional: a dataset without entities.jsonl has none."""
    path = Path(dataset) / ENTITIES_FILE
    if not path.exists():
        return iter(())
    return read_jsonl(path, REQUIRED[ENTITIES_FILE], on_error)


def project(record: dict[str, Any], names: tuple[str, ...], extensions: tuple[str, ...] = ()) -> dict[str, Any]:
    """The record restricted to the spec's fields, in the spec's order, missing ones as None; then
    those of `extensions` it has."""
    out = {k: record.get(k) for k in names}
    for k in extensions:
        if k in record:
            out[k] = record[k]
    return out


class DatasetWriter:
    """Writes a dataset directory; use as a context manager."""

    def __init__(self, directory: Path, *, entities: bool = False) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self._files: dict[str, IO[bytes]] = {
            ACCOUNTS_FILE: (self.directory / ACCOUNTS_FILE).open("wb"),
            REQUESTS_FILE: (self.directory / REQUESTS_FILE).open("wb"),
        }
        if entities:
            self._files[ENTITIES_FILE] = (self.directory / ENTITIES_FILE).open("wb")

    def _write(self, name: str, obj: dict[str, Any], names: tuple[str, ...], extensions: tuple[str, ...] = ()) -> None:
        self._files[name].write(orjson.dumps(project(obj, names, extensions)) + b"\n")

    def account(self, obj: dict[str, Any]) -> None:
        self._write(ACCOUNTS_FILE, obj, ACCOUNT_FIELDS, (*ACCOUNT_EXTENSIONS, *DATA_ACCOUNT_FIELDS))

    def request(self, obj: dict[str, Any]) -> None:
        self._write(REQUESTS_FILE, obj, REQUEST_FIELDS, (*USAGE_FIELDS, *REQUEST_EXTENSIONS, *DATA_EXTENSIONS))

    def entity(self, obj: dict[str, Any]) -> None:
        if ENTITIES_FILE not in self._files:
            self._files[ENTITIES_FILE] = (self.directory / ENTITIES_FILE).open("wb")
        self._write(ENTITIES_FILE, obj, ENTITY_FIELDS)

    def close(self) -> None:
        for f in self._files.values():
            f.close()

    def __enter__(self) -> DatasetWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
