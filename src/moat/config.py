"""Settings: defaults, then `moat.toml` (or the file named by MOAT_CONFIG), then MOAT_* variables.

Environment variables name a setting by its path with `__` between levels, e.g.
`MOAT_DATABASE_URL`, `MOAT_SERVER__PORT`, `MOAT_RECORDING__PROMPTS=hash`. A variable's text is
read as the setting's type (a TOML scalar or array for numbers, booleans and lists; as typed for
strings). Settings are built once at start-up and passed explicitly; nothing reads them at import time.

Every setting is checked as it loads (issue 13 item 5): its annotation below gives its type and
allowed values (`Literal[...]`, and the `Annotated` aliases: Port, Positive, PositiveSeconds,
HttpUrl, Credential, ...), `_relations` what values must agree on, and unknown keys and `MOAT_*`
variables are typos. A new setting is a field with an annotation; moat.config_validate does the rest.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Annotated, Any, Literal

from moat.config_validate import (
    Builder,
    Check,
    FromEnv,
    NotEmpty,
    Range,
    Secret,
    SettingsError,
    Url,
    describe,
    ip_or_network,
)

PromptStorage = Literal["full", "truncate", "hash"]
LogLevel = Literal["debug", "info", "warning", "error", "critical"]
# The value types settings share (moat.config_validate checks them when settings load).
Port = Annotated[int, Range(1, 65535)]
Count = Annotated[int, Range(0)]  # 0 allowed (often: "no limit" or "off")
Positive = Annotated[int, Range(1)]
Seconds = Annotated[float, Range(0)]
PositiveSeconds = Annotated[float, Check(lambda v: v > 0, "more than 0 (seconds)")]
Days = Annotated[float, Range(0)]
Rate = Annotated[float, Check(lambda v: 0 < v < 0.5, "more than 0 and less than 0.5 (a share of accounts)")]
HttpUrl = Annotated[str, Url("http", "https")]
Credential = Annotated[str, Secret()]
ProxyAddress = Annotated[str, Check(ip_or_network, "an IP address, a CIDR block or \"*\"")]


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
    port: Port = 8080
    workers: Positive = 1
    # The request body, as sent and once decoded (Content-Encoding): over it 413. 32 MB is the Anthropic
    # API's own limit, which PDF and image requests reach (issue 12 item 4).
    max_body_bytes: Positive = 32 * 1024 * 1024
    # Trust X-Forwarded-For only from these proxies (uvicorn's convention); the safe default is none.
    trusted_proxies: list[ProxyAddress] = field(default_factory=list)
    graceful_timeout: Seconds = 30.0
    # HTTP limits (moat.gateway.server), like a production server's: over them 431/414/408, connection closed.
    max_header_count: Positive = 100
    max_header_bytes: Positive = 64 * 1024  # the request line and every header together
    max_request_line: Positive = 8 * 1024
    header_timeout: PositiveSeconds = 10.0  # seconds for a request's head to arrive (from connect, or its first byte)
    body_timeout: PositiveSeconds = 30.0  # seconds for the whole body once the head is in
    keepalive_timeout: PositiveSeconds = 5.0  # idle seconds allowed between requests on one connection
    max_connections: Count = 0  # per worker; beyond it requests get 503 (0: no limit)
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
    # Background Responses (moat.gateway.background): the first poll of a pending response, the
    # longest wait between polls (doubling from the first), how long one is followed (the upstream's
    # 10-minute background limit plus a margin) and how many failed polls in a row give it up.
    background_first_poll: PositiveSeconds = 1.0
    background_max_poll: PositiveSeconds = 15.0
    background_lifetime: PositiveSeconds = 720.0
    background_max_errors: Positive = 8
    background_max_pending: Positive = 10_000
    # With Redis: a pending response whose replica has not renewed its claim for this long (it died,
    # or stopped and gave it up) is taken over by another. Longer than background_max_poll.
    background_claim: PositiveSeconds = 60.0


@dataclass
class RecordingSettings:
    prompts: PromptStorage = "full"
    truncate_chars: Positive = 2000
    batch_size: Positive = 500
    flush_interval: PositiveSeconds = 0.2
    # 0: the write-ahead file survives kill -9 (page cache) but not a power cut; > 0: fsync that often.
    fsync_interval: Seconds = 0.0
    queue_size: Positive = 10_000  # records held in memory; beyond it they are read back from the WAL
    segment_bytes: Positive = 64 << 20
    max_field_chars: Positive = 1024  # user agent, names and other free text in a record; longer: cut, `truncated`
    dead_letter_max_bytes: Count = 64 << 20  # cap of wal/dead-letter.jsonl; beyond it records are counted, not kept
    retention_days: Count = 0  # recorded traffic kept this many whole UTC days, then expired hourly (0: forever)


@dataclass
class UpstreamSettings:
    name: Annotated[str, NotEmpty()] = ""
    kind: Literal["openai", "anthropic", "demo", "http"] = "openai"
    base_url: HttpUrl = ""  # required unless kind = "demo"
    api_key: Credential = ""
    api_key_env: str = ""
    # kind = "http" (docs/data-apis.md): the header that carries the upstream credential; "Bearer <token>"
    # for authorization, the bare token for any other name.
    auth_header: Annotated[str, NotEmpty()] = "authorization"
    # Three timeouts, none of which bounds a whole generation (issue 12 item 4): connecting, the wait
    # for the response's status line (a non-streamed answer arrives whole, so this is the longest
    # generation allowed), and the silence allowed between two pieces of a body once it started.
    connect_timeout: PositiveSeconds = 5.0
    first_byte_timeout: PositiveSeconds = 600.0
    idle_timeout: PositiveSeconds = 300.0
    # Deprecated: the single timeout of earlier versions; when set it replaces first_byte_timeout and
    # idle_timeout wherever they are left at their defaults.
    timeout: PositiveSeconds | None = None
    max_connections: Positive = 256
    retries: Count = 1

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


ItemFormat = Literal["", "ndjson", "sse", "none"]
ErrorShape = Literal["upstream", "problem"]


@dataclass
class RouteSettings:
    model: Annotated[str, NotEmpty()] = "*"
    upstream: Annotated[str, NotEmpty()] = "demo"  # an upstream's name, or "demo"
    # The model name sent upstream; empty keeps the client's.
    upstream_model: str = ""
    # A glob route's models, as `GET /v1/models` lists them; empty: ask the upstream's own /models.
    models: list[str] = field(default_factory=list)
    # A data route (docs/data-apis.md, issue 15) has a path prefix instead of a model, to a kind = "http"
    # upstream. Its methods (empty: every method), how its responses split into items ("": by their
    # content type), what request.resource is (query:<name> | path:<n> | header:<name>), the item field
    # counted as a resource, and the shape of Moat's own refusals on it.
    path: str = ""
    methods: list[str] = field(default_factory=list)
    items: ItemFormat = ""
    resource: str = ""
    item_resource: str = ""
    errors: ErrorShape = "upstream"


@dataclass
class WebhookSettings:
    """One endpoint of the provider's own systems that hears about enforcement (issue 7 item 4).

    `name` identifies it in `GET /admin/webhooks` and `moat webhooks list`; a settings-file entry
    without one is named by its URL. The admin API requires one (moat.enforce.registry)."""

    name: str = ""
    url: Annotated[str, Url("http", "https", optional=False)] = ""
    secret: Credential = ""  # HMAC-SHA256 key of the `Moat-Signature` header
    secret_env: str = ""
    events: list[str] = field(default_factory=lambda: ["*"])  # moat.enforce.models.EVENTS, or "*" for all
    max_attempts: Positive = 8
    timeout: PositiveSeconds = 5.0

    def signing_secret(self) -> str:
        if self.secret:
            return self.secret
        return os.environ.get(self.secret_env, "") if self.secret_env else ""


@dataclass(frozen=True)
class ConsoleSettings:
    secure_cookies: Literal["auto", "always", "never"] = "auto"
    public_origin: HttpUrl = ""
    idle_timeout: PositiveSeconds = 30 * 60.0  # seconds without a request before a session ends
    absolute_timeout: PositiveSeconds = 12 * 3600.0  # seconds after sign-in a session ends regardless
    signin_max_failures: Positive = 5  # per account and per client address ...
    signin_window: PositiveSeconds = 5 * 60.0  # ... within this many seconds, then 429
    signin_known_days: Days = 90.0  # a user's sign-in address stays "known" (passes the per-user limit) this long
    page_size: Positive = 50
    replay_limit: Positive = 20_000  # most recent recorded requests a policy dry run replays


@dataclass
class DetectSettings:
    """Online detection (issue 6 item 3): the record stream, its workers, and the scores' cache."""

    online: bool = True  # publish records and read scores; off: scores stay empty
    partitions: Positive = 8  # Redis streams; one worker owns a partition (its accounts) at a time
    stream_maxlen: Positive = 25_000  # per partition, trimmed approximately: the window a takeover replays
    buffer: Count = 50_000  # records held in memory while Redis is unreachable, then dropped and counted
    batch: Positive = 500
    score_interval: PositiveSeconds = 0.2  # seconds between re-scoring the accounts that saw traffic
    cross_interval: PositiveSeconds = 5.0  # seconds between cross-account passes (coordination, linking)
    poll_interval: PositiveSeconds = 0.25  # how often each replica pulls changed scores (lag budget: 1 s in all)
    lease_ttl: PositiveSeconds = 10.0  # a silent worker's partitions go to others after this long
    checkpoint_interval: PositiveSeconds = 30.0  # seconds between saves of a partition's account states
    # Share of active accounts that may be benign and at risk >= 0.5, held against the accounts
    # reviewers cleared (moat.detect.calibration); reviews older than the window no longer count.
    benign_flag_rate: Rate = 0.005
    review_window_days: PositiveSeconds = 30.0


@dataclass
class DatabaseSettings:
    """The database's timeouts and fail mode (README, Configuration: the dependencies table).

    Down at start: the replica starts degraded from its directory snapshot (`<home>/directory-snapshot.json`)
    when there is one younger than `snapshot_max_age`, else it exits with one line. Down later: the
    replica serves from its directory cache and the snapshot, records into the write-ahead log, and
    says so in /readyz (200, "degraded"); it retries with back-off and catches up when it returns.
    """

    connect_timeout: PositiveSeconds = 5.0  # seconds for the first connection (and migration) at start
    probe_timeout: PositiveSeconds = 1.0  # seconds for the readiness ping; slower counts as down
    probe_interval: PositiveSeconds = 2.0  # seconds between health pings while it is up
    retry_max: PositiveSeconds = 10.0  # back-off cap (seconds) between reconnection attempts while it is down
    snapshot: bool = True  # keep the directory snapshot and start from it when the database is down
    snapshot_interval: PositiveSeconds = 60.0  # seconds between rewrites of the snapshot (only when it changed)
    snapshot_max_age: Seconds = 86400.0  # an older snapshot is refused at start (0: any age)


@dataclass
class AttributionSettings:
    """The attribution nonce (replay) cache in Redis: its timeout and what happens while it is away."""

    redis_timeout: PositiveSeconds = 0.25  # seconds one claim may take, connecting included
    # fail_open: claim in this replica's own cache (a replay is still caught on the same replica);
    # fail_closed: refuse signed-attribution requests with 503 `attribution_replay_check_unavailable`.
    fail_mode: Literal["fail_open", "fail_closed"] = "fail_open"


@dataclass
class PlatformSettings:
    """A platform that relays its end users' requests and signs attribution tokens (Moat-Attribution).

    Exactly one of `public_key` (Ed25519, PEM or raw 32 bytes in base64) and `hs256_secret`.
    `account_id` is the Moat account whose API key the platform uses; `audience` empty: Moat's default.
    """

    platform_id: Annotated[str, NotEmpty()] = ""
    account_id: Annotated[str, NotEmpty()] = ""
    public_key: str = ""
    hs256_secret: Credential = ""
    audience: str = ""
    name: str = ""
    active: bool = True


@dataclass
class Settings:
    home: Annotated[str, NotEmpty()] = ".moat"
    database_url: Annotated[str, Secret(), Url("sqlite", "postgresql", "postgres")] = ""  # empty: sqlite in home
    # empty: in-process limits, nonce cache and queues
    redis_url: Annotated[str, Secret(), Url("redis", "rediss", "unix")] = ""
    redis_prefix: str = "moat:"  # every Redis key starts with it (tests isolate by prefix)
    admin_token: Credential = ""
    log_level: LogLevel = "info"
    policy_dir: str = ""  # empty: the default bundle shipped with Moat
    # User-agent prefixes of the provider's own apps: consumer subscriptions are for those only.
    first_party_clients: list[str] = field(default_factory=list)
    # Platforms that relay their end users' requests and sign attribution tokens (Moat-Attribution):
    platforms: list[PlatformSettings] = field(default_factory=list)
    # A feed exported with `moat feed export`, served as is by every replica; empty: sign it here.
    feed_file: str = ""
    # max_tokens assumed for a request that sets none, when reserving output-token quota.
    default_max_tokens: Positive = 4096
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
        """Configured model routes; with none, every model goes to the demo model."""
        return [r for r in self.routes if not r.path] or [RouteSettings(model="*", upstream="demo")]

    def data_routes(self) -> list[RouteSettings]:
        """Configured data routes (a `path` prefix to a kind = "http" upstream, docs/data-apis.md)."""
        return [r for r in self.routes if r.path]


# MOAT_* variables that are not settings: the file to read, the test suite's and benchmarks' own, and
# what Kubernetes injects for a Service named "moat" (MOAT_SERVICE_HOST, MOAT_PORT_8080_TCP, ...),
# which must not stop a replica as an unknown setting.
NOT_SETTINGS = ("MOAT_CONFIG", "MOAT_TEST_", "MOAT_BENCH_", "MOAT_REQUIRE_SERVICES", "MOAT_BIN",
                "MOAT_SERVICE_", "MOAT_PORT")


def load_settings(path: str | Path | None = None, env: dict[str, str] | None = None,
                  overrides: dict[str, Any] | None = None) -> Settings:
    """Build settings from defaults, a TOML file, `MOAT_*` variables and explicit overrides.

    Raises SettingsError with every problem (one line each: the key, the value, what is allowed)
    and FileNotFoundError when a named file is missing; a bad setting never reaches a request.
    """
    env = dict(os.environ) if env is None else env
    data: dict[str, Any] = {}
    file = Path(path) if path else Path(env.get("MOAT_CONFIG", "moat.toml"))
    if file.is_file():
        try:
            with file.open("rb") as f:
                data = tomllib.load(f)
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError([f"{file}: not valid TOML: {exc}"]) from exc
    elif path:
        raise FileNotFoundError(f"config file not found: {file}")
    builder = Builder(origin=str(file))
    for name, raw in sorted(env.items()):
        if name.startswith("MOAT_") and not name.startswith(NOT_SETTINGS):
            _set_path(data, name[5:].lower().split("__"), FromEnv(name, raw, _parse_scalar(raw)), builder)
    for dotted, value in (overrides or {}).items():
        _set_path(data, dotted.split("."), FromEnv("command line", str(value), value), builder)
    settings: Settings = builder.build(Settings, data)
    if not builder.problems:  # relations are only meaningful between well-typed values
        builder.problems += _relations(settings, builder.origin)
    if builder.problems:
        raise SettingsError(builder.problems)
    return settings


def _relations(settings: Settings, origin: str) -> list[str]:
    """What no single value's type can say: names that must refer to each other, one-of pairs."""
    problems: list[str] = []
    names = [u.name for u in settings.upstreams]
    for i, upstream in enumerate(settings.upstreams):
        if upstream.kind != "demo" and not upstream.base_url:
            problems.append(f"{origin}: upstreams[{i}].base_url is required for kind = \"{upstream.kind}\": "
                            "must be an http:// or https:// URL")
        if names.count(upstream.name) > 1 and names.index(upstream.name) != i:
            problems.append(describe(f"upstreams[{i}].name", upstream.name, "unique among upstreams", origin=origin))
    known = {*names, "demo"}
    kinds = {u.name: u.kind for u in settings.upstreams}
    for i, route in enumerate(settings.routes):
        if route.upstream not in known:
            problems.append(describe(f"routes[{i}].upstream", route.upstream,
                                     "the name of an upstream: " + ", ".join(sorted(known)), origin=origin))
        elif (kinds.get(route.upstream) == "http") != bool(route.path):
            problems.append(describe(f"routes[{i}].upstream", route.upstream,
                                     "a kind = \"http\" upstream for a route with a path, and a model upstream "
                                     "for a route with a model", origin=origin))
        if route.path:
            problems += data_route_problems(route, f"routes[{i}]", origin)
    for i, hook in enumerate(settings.webhooks):
        problems += webhook_problems(hook, f"webhooks[{i}]", origin)
    ids = [p.platform_id for p in settings.platforms]
    for i, platform in enumerate(settings.platforms):
        problems += platform_problems(platform, f"platforms[{i}]", origin)
        if ids.count(platform.platform_id) > 1 and ids.index(platform.platform_id) != i:
            problems.append(describe(f"platforms[{i}].platform_id", platform.platform_id,
                                     "unique among platforms", origin=origin))
    if settings.policy_dir and not Path(settings.policy_dir).is_dir():
        problems.append(describe("policy_dir", settings.policy_dir, "a directory of policy files (or empty)",
                                 origin=origin))
    return problems


def data_route_problems(route: RouteSettings, where: str, origin: str) -> list[str]:
    """What a data route's types cannot say (docs/data-apis.md): a path, methods, a resource rule."""
    from moat.gateway.data_rules import resource_rule_problem

    problems: list[str] = []
    if not route.path.startswith("/"):
        problems.append(describe(f"{where}.path", route.path, "a path starting with /", origin=origin))
    for method in route.methods:
        if not method.isalpha() or method != method.upper():
            problems.append(describe(f"{where}.methods", method, "an HTTP method in capitals, e.g. GET",
                                     origin=origin))
    if route.resource and (problem := resource_rule_problem(route.resource)):
        problems.append(describe(f"{where}.resource", route.resource, problem, origin=origin))
    return problems


def webhook_problems(hook: WebhookSettings, where: str, origin: str) -> list[str]:
    """What a webhook's types cannot say: its events must be known ones. Shared by the settings
    file and the admin API's registry (moat.enforce.registry), so both refuse alike."""
    from moat.enforce.models import EVENTS

    return [describe(_key(where, "events"), event, "\"*\" or one of " + ", ".join(EVENTS), origin=origin)
            for event in hook.events if event != "*" and event not in EVENTS]


def platform_problems(platform: PlatformSettings, where: str, origin: str) -> list[str]:
    """What a platform's types cannot say: exactly one key, and a public key that loads. Shared by
    the settings file and the admin API's registry (moat.enforce.registry)."""
    if bool(platform.public_key) == bool(platform.hs256_secret):
        return [f"{origin}: {where or 'a platform'} needs exactly one of public_key (Ed25519) and hs256_secret"]
    if platform.public_key:
        from moat.identity.attribution import load_public_key

        try:
            load_public_key(platform.public_key)
        except (ValueError, TypeError):
            return [describe(_key(where, "public_key"), platform.public_key,
                             "an Ed25519 public key, PEM or 32 bytes in base64", origin=origin)]
    return []


def _key(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def _parse_scalar(raw: str) -> Any:
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return raw


def _set_path(data: dict[str, Any], keys: list[str], value: Any, builder: Builder) -> None:
    for i, key in enumerate(keys[:-1]):
        inner = data.setdefault(key, {})
        if not isinstance(inner, dict):  # e.g. MOAT_UPSTREAMS__0__URL: lists are set whole, in the file
            where = value.name if isinstance(value, FromEnv) else ".".join(keys)
            builder.problems.append(f"{where}: {'.'.join(keys[:i + 1])} is not a table of settings; "
                                    "set it in the settings file")
            return
        data = inner
    data[keys[-1]] = value
