"""Settings: defaults, then `moat.toml` (or the file named by MOAT_CONFIG), then MOAT_* variables.

Environment variables name a setting by its path with `__` between levels, e.g.
`MOAT_DATABASE_URL`, `MOAT_SERVER__PORT`, `MOAT_RECORDING__PROMPTS=hash`. Values are parsed as
TOML scalars when they can be (so `8080` is an int and `true` a bool), else taken as strings.
Settings are built once at start-up and passed explicitly; nothing reads them at import time.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, Literal

PromptStorage = Literal["full", "truncate", "hash"]


@dataclass
class CorsSettings:
    """Browser clients (moat.gateway.cors). Off by default: an API key in a browser page is readable
    by whoever loads the page, so a provider opts in, origin by origin."""

    allow_origins: list[str] = field(default_factory=list)  # exact origins, or "*"; empty: CORS off
    allow_methods: list[str] = field(default_factory=lambda: ["GET", "POST", "OPTIONS"])
    allow_headers: list[str] = field(default_factory=lambda: ["*"])  # "*": whatever the preflight asks for
    expose_headers: list[str] = field(default_factory=lambda: ["*"])  # "*": every response header
    allow_credentials: bool = False  # cookies and HTTP auth; with it, "*" is answered by the origin itself
    max_age: int = 600  # seconds a browser may cache a preflight answer


@dataclass
class ServerSettings:
    host: str = "127.0.0.1"
    port: int = 8080
    workers: int = 1
    # The request body, as sent and once decoded (Content-Encoding): over it 413. 32 MB is the Anthropic
    # API's own limit, which PDF and image requests reach (issue 12 item 4).
    max_body_bytes: int = 32 * 1024 * 1024
    # Trust X-Forwarded-For only from these proxies (uvicorn's convention); the safe default is none.
    trusted_proxies: list[str] = field(default_factory=list)
    graceful_timeout: float = 30.0
    # HTTP limits (moat.gateway.server), like a production server's: over them 431/414/408, connection closed.
    max_header_count: int = 100
    max_header_bytes: int = 64 * 1024  # the request line and every header together
    max_request_line: int = 8 * 1024
    header_timeout: float = 10.0  # seconds for a request's head to arrive (from connect, or its first byte)
    body_timeout: float = 30.0  # seconds for the whole body once the head is in
    keepalive_timeout: float = 5.0  # idle seconds allowed between requests on one connection
    max_connections: int = 0  # per worker; beyond it requests get 503 (0: no limit)
    cors: CorsSettings = field(default_factory=CorsSettings)


@dataclass
class RelaySettings:
    """What passes between client and upstream besides the body (moat.gateway.forwarding).

    Request headers and the query string pass by rule: everything except hop-by-hop headers, the ones
    Moat sets itself (Host, Content-Length, Content-Type, Content-Encoding, Accept-Encoding), the
    client's credentials (Authorization, x-api-key, Cookie, Moat-Attribution, any Moat-*) and the
    names listed here. Response headers pass likewise, except hop-by-hop ones, the ones Moat sets
    itself and the provider-internal names listed here."""

    drop_request_headers: list[str] = field(default_factory=list)
    # Upstream response headers that describe the upstream's origin, not Moat's: a cookie, an
    # alternative service or an HSTS policy for another host must not land on Moat's.
    drop_response_headers: list[str] = field(
        default_factory=lambda: ["set-cookie", "alt-svc", "strict-transport-security"])


@dataclass
class RecordingSettings:
    prompts: PromptStorage = "full"
    truncate_chars: int = 2000
    batch_size: int = 500
    flush_interval: float = 0.2
    # 0: the write-ahead file survives kill -9 (page cache) but not a power cut; > 0: fsync that often.
    fsync_interval: float = 0.0
    queue_size: int = 10_000  # records held in memory; beyond it they are read back from the WAL
    segment_bytes: int = 64 << 20
    max_field_chars: int = 1024  # user agent, names and other free text in a record; longer: cut, `truncated`
    dead_letter_max_bytes: int = 64 << 20  # cap of wal/dead-letter.jsonl; beyond it records are counted, not kept


@dataclass
class UpstreamSettings:
    name: str = ""
    kind: Literal["openai", "anthropic", "demo"] = "openai"
    base_url: str = ""
    api_key: str = ""
    api_key_env: str = ""
    # Three timeouts, none of which bounds a whole generation (issue 12 item 4): connecting, the wait
    # for the response's status line (a non-streamed answer arrives whole, so this is the longest
    # generation allowed), and the silence allowed between two pieces of a body once it started.
    connect_timeout: float = 5.0
    first_byte_timeout: float = 600.0
    idle_timeout: float = 300.0
    # Deprecated: the single timeout of earlier versions; when set it replaces first_byte_timeout and
    # idle_timeout wherever they are left at their defaults.
    timeout: float | None = None
    max_connections: int = 256
    retries: int = 1

    def __post_init__(self) -> None:
        if self.timeout is not None:
            defaults = {f.name: f.default for f in fields(self)}
            for name in ("first_byte_timeout", "idle_timeout"):
                if getattr(self, name) == defaults[name]:
                    setattr(self, name, self.timeout)
        for name in ("connect_timeout", "first_byte_timeout", "idle_timeout"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1e6:
                raise ValueError(f"upstream '{self.name}': {name} must be a number of seconds above 0, "
                                 f"got {value!r}")

    def credential(self) -> str:
        if self.api_key:
            return self.api_key
        return os.environ.get(self.api_key_env, "") if self.api_key_env else ""


@dataclass
class RouteSettings:
    model: str = "*"
    upstream: str = "demo"
    # The model name sent upstream; empty keeps the client's.
    upstream_model: str = ""
    # A glob route's models, as `GET /v1/models` lists them; empty: ask the upstream's own /models.
    models: list[str] = field(default_factory=list)


@dataclass
class WebhookSettings:
    """One endpoint of the provider's own systems that hears about enforcement (issue 7 item 4)."""

    url: str = ""
    secret: str = ""  # HMAC-SHA256 key of the `Moat-Signature` header
    secret_env: str = ""
    events: list[str] = field(default_factory=lambda: ["*"])  # event types, or "*" for all
    max_attempts: int = 8
    timeout: float = 5.0

    def signing_secret(self) -> str:
        if self.secret:
            return self.secret
        return os.environ.get(self.secret_env, "") if self.secret_env else ""


@dataclass(frozen=True)
class ConsoleSettings:
    secure_cookies: Literal["auto", "always", "never"] = "auto"
    public_origin: str = ""
    idle_timeout: float = 30 * 60.0  # seconds without a request before a session ends
    absolute_timeout: float = 12 * 3600.0  # seconds after sign-in a session ends regardless
    signin_max_failures: int = 5  # per account and per client address ...
    signin_window: float = 5 * 60.0  # ... within this many seconds, then 429
    signin_known_days: float = 90.0  # a user's sign-in address stays "known" (passes the per-user limit) this long
    page_size: int = 50
    replay_limit: int = 20_000  # most recent recorded requests a policy dry run replays


@dataclass
class DetectSettings:
    """Online detection (issue 6 item 3): the record stream, its workers, and the scores' cache."""

    online: bool = True  # publish records and read scores; off: scores stay empty
    partitions: int = 8  # Redis streams; one worker owns a partition (its accounts) at a time
    stream_maxlen: int = 25_000  # per partition, trimmed approximately: the window a takeover replays
    buffer: int = 50_000  # records held in memory while Redis is unreachable, then dropped and counted
    batch: int = 500
    score_interval: float = 0.2  # seconds between re-scoring the accounts that saw traffic
    cross_interval: float = 5.0  # seconds between cross-account passes (coordination, linking)
    poll_interval: float = 0.25  # how often each replica pulls changed scores (lag budget: 1 s in all)
    lease_ttl: float = 10.0  # a silent worker's partitions go to others after this long
    checkpoint_interval: float = 30.0  # seconds between saves of a partition's account states


@dataclass
class DatabaseSettings:
    """The database's timeouts and fail mode (README, Configuration: the dependencies table).

    Down at start: the replica starts degraded from its directory snapshot (`<home>/directory-snapshot.json`)
    when there is one younger than `snapshot_max_age`, else it exits with one line. Down later: the
    replica serves from its directory cache and the snapshot, records into the write-ahead log, and
    says so in /readyz (200, "degraded"); it retries with back-off and catches up when it returns.
    """

    connect_timeout: float = 5.0  # seconds for the first connection (and migration) at start
    probe_timeout: float = 1.0  # seconds for the readiness ping; slower counts as down
    probe_interval: float = 2.0  # seconds between health pings while it is up
    retry_max: float = 10.0  # back-off cap (seconds) between reconnection attempts while it is down
    snapshot: bool = True  # keep the directory snapshot and start from it when the database is down
    snapshot_interval: float = 60.0  # seconds between rewrites of the snapshot (only when it changed)
    snapshot_max_age: float = 86400.0  # an older snapshot is refused at start (0: any age)


@dataclass
class AttributionSettings:
    """The attribution nonce (replay) cache in Redis: its timeout and what happens while it is away."""

    redis_timeout: float = 0.25  # seconds one claim may take, connecting included
    # fail_open: claim in this replica's own cache (a replay is still caught on the same replica);
    # fail_closed: refuse signed-attribution requests with 503 `attribution_replay_check_unavailable`.
    fail_mode: Literal["fail_open", "fail_closed"] = "fail_open"


@dataclass
class Settings:
    home: str = ".moat"
    database_url: str = ""  # empty: sqlite under home
    redis_url: str = ""  # empty: in-process limits, nonce cache and queues
    redis_prefix: str = "moat:"  # every Redis key starts with it (tests isolate by prefix)
    admin_token: str = ""
    log_level: str = "info"
    policy_dir: str = ""  # empty: the default bundle shipped with Moat
    # User-agent prefixes of the provider's own apps: consumer subscriptions are for those only.
    first_party_clients: list[str] = field(default_factory=list)
    # Platforms that relay their end users' requests and sign attribution tokens (Moat-Attribution):
    # records of platform_id, account_id, public_key (Ed25519, PEM or base64) or hs256_secret, audience.
    platforms: list[dict[str, Any]] = field(default_factory=list)
    # A feed exported with `moat feed export`, served as is by every replica; empty: sign it here.
    feed_file: str = ""
    # max_tokens assumed for a request that sets none, when reserving output-token quota.
    default_max_tokens: int = 4096
    server: ServerSettings = field(default_factory=ServerSettings)
    recording: RecordingSettings = field(default_factory=RecordingSettings)
    console: ConsoleSettings = field(default_factory=ConsoleSettings)
    upstreams: list[UpstreamSettings] = field(default_factory=list)
    routes: list[RouteSettings] = field(default_factory=list)
    webhooks: list[WebhookSettings] = field(default_factory=list)
    detect: DetectSettings = field(default_factory=DetectSettings)
    attribution: AttributionSettings = field(default_factory=AttributionSettings)
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    relay: RelaySettings = field(default_factory=RelaySettings)

    @property
    def home_path(self) -> Path:
        return Path(self.home)

    @property
    def store_url(self) -> str:
        return self.database_url or f"sqlite:///{self.home_path / 'moat.db'}"

    def upstream_table(self) -> list[UpstreamSettings]:
        """Configured upstreams plus the always-present built-in demo model."""
        names = {u.name for u in self.upstreams}
        table = list(self.upstreams)
        if "demo" not in names:
            table.append(UpstreamSettings(name="demo", kind="demo"))
        return table

    def route_table(self) -> list[RouteSettings]:
        """Configured routes; with none, every model goes to the demo model."""
        return self.routes or [RouteSettings(model="*", upstream="demo")]


def load_settings(path: str | Path | None = None, env: dict[str, str] | None = None,
                  overrides: dict[str, Any] | None = None) -> Settings:
    """Build settings from defaults, a TOML file, `MOAT_*` variables and explicit overrides."""
    env = dict(os.environ) if env is None else env
    data: dict[str, Any] = {}
    file = Path(path) if path else Path(env.get("MOAT_CONFIG", "moat.toml"))
    if file.is_file():
        with file.open("rb") as f:
            data = tomllib.load(f)
    elif path:
        raise FileNotFoundError(f"config file not found: {file}")
    known = {f.name for f in fields(Settings)}
    for name, raw in env.items():
        keys = name[5:].lower().split("__")
        # Other MOAT_* variables (MOAT_CONFIG, MOAT_TEST_*, MOAT_REQUIRE_SERVICES, ...) are not settings.
        if not name.startswith("MOAT_") or keys[0] not in known:
            continue
        _set_path(data, keys, _parse_scalar(raw))
    for dotted, value in (overrides or {}).items():
        _set_path(data, dotted.split("."), value)
    return _build(Settings, data)


def _parse_scalar(raw: str) -> Any:
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return raw


def _set_path(data: dict[str, Any], keys: list[str], value: Any) -> None:
    for key in keys[:-1]:
        data = data.setdefault(key, {})
    data[keys[-1]] = value


def _build(cls: type, data: dict[str, Any]) -> Any:
    known = {f.name: f for f in fields(cls)}
    unknown = set(data) - set(known)
    if unknown:
        raise ValueError(f"unknown setting(s) in {cls.__name__}: {', '.join(sorted(unknown))}")
    kwargs: dict[str, Any] = {}
    for name, value in data.items():
        factory = known[name].default_factory
        default = factory() if factory is not MISSING else None
        if is_dataclass(default) and isinstance(value, dict):
            kwargs[name] = _build(type(default), value)
        elif name == "upstreams":
            kwargs[name] = [_build(UpstreamSettings, v) for v in value]
        elif name == "routes":
            kwargs[name] = [_build(RouteSettings, v) for v in value]
        elif name == "webhooks":
            kwargs[name] = [_build(WebhookSettings, v) for v in value]
        else:
            kwargs[name] = value
    return cls(**kwargs)
