"""Moat's one error tree.

    MoatError                      base; carries an HTTP status and a machine type
    ├── BadRequest                 400 invalid_request_error   malformed JSON, wrong types, NUL, duplicate headers
    │   ├── RequestExceedsPlan     400 request_exceeds_plan    the request alone outgrows a quota: no wait helps
    │   ├── RequestTimeout         408                         headers or body not sent in time (slow client)
    │   ├── UriTooLong             414                         request line over the server's limit
    │   └── HeadersTooLarge        431                         too many / too large request headers
    ├── AuthenticationFailed       401 authentication_error    unknown, revoked, expired key; bad attribution
    ├── PermissionDenied           403 permission_error        a policy refused; carries reason code + decision id
    ├── NotFound                   404 not_found_error         unknown model or route
    ├── Conflict                   409 invalid_request_error   admin API: a name taken, or the settings file's
    ├── RequestTooLarge            413 request_too_large       body over the configured limit
    ├── RateLimited                429 rate_limit_error        carries retry_after seconds
    ├── ClientClosedRequest        499                         the client left mid-request (recorded, never sent)
    ├── RecordingUnavailable       503 overloaded_error        the write-ahead log cannot be written
    ├── DependencyUnavailable      503 overloaded_error        a fail-closed dependency is away (e.g. replay cache)
    ├── TooManyConnections         503 overloaded_error        server.max_connections reached
    └── UpstreamError              502 api_error               upstream refused our credentials, reset or sent garbage
        ├── UpstreamRefused        4xx (the upstream's)        upstream refused the request, without a body to pass on
        ├── UpstreamFailed         500 api_error               upstream failed (its own 500, or a failure mid-stream)
        ├── UpstreamUnavailable    503 overloaded_error        upstream down / connection refused
        │   └── UpstreamOverloaded 529 overloaded_error        upstream overloaded (Anthropic's 529)
        └── UpstreamTimeout        504 timeout_error           upstream too slow

`moat.gateway.errors` is the single place that turns these into the OpenAI and Anthropic error
bodies; nothing else formats an error response. `moat.gateway.upstream_errors` is the single place
that turns an upstream's error status into one of the Upstream* errors, keeping its status (issue 12
item 5: a client's SDK raises the same exception class through Moat as without it).
"""

from __future__ import annotations


class MoatError(Exception):
    status: int = 500
    type: str = "api_error"
    code: str | None = None
    param: str | None = None  # the request field at fault, when one is (OpenAI's `param`)

    def __init__(self, message: str, *, code: str | None = None, decision_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.decision_id = decision_id
        self.headers: dict[str, str] = {}


class BadRequest(MoatError):
    """The request body or headers cannot be understood."""

    status = 400
    type = "invalid_request_error"


class RequestExceedsPlan(BadRequest):
    """The request by itself costs more than a token quota can ever hold (issue 12 item 6).

    Not a 429: no Retry-After, since waiting never makes it fit; 400 like a provider's own "prompt
    is too long", which SDKs do not retry. The message names the quota and both numbers."""

    code = "request_exceeds_plan"


class AuthenticationFailed(MoatError):
    """No key, an unknown, revoked or expired key, or invalid platform attribution."""

    status = 401
    type = "authentication_error"


class PermissionDenied(MoatError):
    """A decision refused the request; `code` is the policy's reason code."""

    status = 403
    type = "permission_error"


class NotFound(MoatError):
    """Unknown model, or a path the gateway does not serve."""

    status = 404
    type = "not_found_error"


class Conflict(MoatError):
    """An admin write that clashes with what exists: a platform or webhook name already registered,
    or one the settings file defines (which wins)."""

    status = 409
    type = "invalid_request_error"


class RequestTooLarge(MoatError):
    """The body is larger than `max_body_bytes`."""

    status = 413
    type = "request_too_large"


class RateLimited(MoatError):
    """A limit refused the request; `retry_after` is in seconds."""

    status = 429
    type = "rate_limit_error"

    def __init__(self, message: str, *, retry_after: float, code: str | None = None,
                 decision_id: str | None = None) -> None:
        super().__init__(message, code=code, decision_id=decision_id)
        self.retry_after = retry_after


class RecordingUnavailable(MoatError):
    """No response may leave without its record, so a gateway that cannot record refuses (fail closed)."""

    status = 503
    type = "overloaded_error"
    code = "recording_unavailable"


class UpstreamError(MoatError):
    """The upstream model failed in a way the client cannot fix."""

    status = 502
    type = "api_error"


class UpstreamUnavailable(UpstreamError):
    """The upstream refused the connection or is marked down."""

    status = 503
    type = "overloaded_error"


class UpstreamOverloaded(UpstreamUnavailable):
    """The upstream said it is overloaded (Anthropic's 529), so the client's SDK backs off and retries."""

    status = 529
    type = "overloaded_error"


class UpstreamFailed(UpstreamError):
    """The upstream failed on its side (its own 500, or an error event in the middle of a stream)."""

    status = 500
    type = "api_error"


# The type an upstream refusal of each client-side status keeps (the API's own words).
_REFUSAL_TYPES = {400: "invalid_request_error", 401: "authentication_error", 403: "permission_error",
                  404: "not_found_error", 413: "request_too_large", 429: "rate_limit_error"}


class UpstreamRefused(UpstreamError):
    """The upstream refused the request with a 4xx but sent no error body in the API's shape: the
    client still gets that status (and the type it means), so it knows the fault is its own."""

    def __init__(self, message: str, *, status: int, code: str | None = None) -> None:
        super().__init__(message, code=code)
        self.status = status
        self.type = _REFUSAL_TYPES.get(status, "invalid_request_error")


class UpstreamTimeout(UpstreamError):
    """The upstream did not answer within its timeout."""

    status = 504
    type = "timeout_error"


class RequestTimeout(BadRequest):
    """The client did not send its request (headers or body) within the server's read timeout."""

    status = 408
    code = "request_timeout"


class HeadersTooLarge(BadRequest):
    """Too many request headers, or too many bytes of them (or of the request line)."""

    status = 431
    code = "request_header_fields_too_large"


class ClientClosedRequest(MoatError):
    """The client went away before its request was complete (nginx's 499); nobody reads the answer."""

    status = 499
    type = "invalid_request_error"
    code = "client_closed_request"


class DependencyUnavailable(MoatError):
    """A dependency whose fail mode is `fail_closed` cannot answer (e.g. the replay cache's Redis)."""

    status = 503
    type = "overloaded_error"


class UriTooLong(BadRequest):
    """The request line is longer than the server accepts."""

    status = 414
    code = "uri_too_long"


class TooManyConnections(MoatError):
    """`server.max_connections` reached (uvicorn's `limit_concurrency`, answered by the app instead)."""

    status = 503
    type = "overloaded_error"
    code = "too_many_connections"
