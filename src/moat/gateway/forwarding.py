"""Which headers pass between client and upstream: by rule, not by a list of a few (issue 12 item 2).

SDKs and agents send headers the upstream reads (`User-Agent`, `OpenAI-Organization`/`-Project`,
`x-stainless-*`, `anthropic-beta`, Claude Code's `x-app` and session ids), and upstreams answer with
headers their clients read (request ids, rate limits, processing time). A gateway that forwards only
what it knows breaks the next header nobody listed, so everything passes except:

request (client → upstream)
    hop-by-hop         Connection and every header it names, Keep-Alive, Proxy-*, TE, Trailer,
                       Transfer-Encoding, Upgrade (RFC 9110 §7.6.1): they describe one connection
    set by Moat        Host, Content-Length, Content-Type, Content-Encoding (Moat sends the JSON body
                       it read, decoded, maybe rewritten), Accept-Encoding (identity, to meter the
                       answer as it passes)
    credentials        Authorization, x-api-key, Cookie, Moat-Attribution and every Moat-* header:
                       the client's credentials are for Moat; the upstream gets its own
    configured         `relay.drop_request_headers`

response (upstream → client)
    hop-by-hop         as above
    set by Moat        Content-Length (Moat frames the body it sends), Date and Server (the HTTP
                       server adds its own), Access-Control-* (moat.gateway.cors answers for Moat's
                       origin), Moat-* (Moat's ids and warnings)
    provider-internal  `relay.drop_response_headers` (by default Set-Cookie, Alt-Svc and
                       Strict-Transport-Security: they speak for the upstream's host, not Moat's)

The query string passes unchanged (Claude Code calls `/v1/messages?beta=true`).

Each response header appears once per source: Moat's own headers (its ids, its limits) replace an
upstream header of the same name; Moat's defaults (`x-request-id`, `request-id`, the content type)
only fill a gap the upstream left. The sets are frozensets built once at start-up: filtering costs a
set lookup per header on the hot path.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from moat.config import RelaySettings

Headers = list[tuple[bytes, bytes]]

HOP_BY_HOP = frozenset({b"connection", b"keep-alive", b"proxy-connection", b"proxy-authenticate",
                        b"proxy-authorization", b"te", b"trailer", b"transfer-encoding", b"upgrade"})
REQUEST_SET_BY_MOAT = frozenset({b"host", b"content-length", b"content-type", b"content-encoding",
                                 b"accept-encoding"})
CLIENT_CREDENTIALS = frozenset({b"authorization", b"x-api-key", b"cookie", b"moat-attribution"})
RESPONSE_SET_BY_MOAT = frozenset({b"content-length", b"date", b"server"})
_MOAT_PREFIX = b"moat-"
_CORS_PREFIX = b"access-control-"


def _names(names: Iterable[str]) -> frozenset[bytes]:
    return frozenset(name.strip().lower().encode("latin-1") for name in names if name.strip())


class Forwarding:
    """The two filters, built once from `relay` settings."""

    __slots__ = ("_request_drop", "_response_drop")

    def __init__(self, settings: RelaySettings) -> None:
        self._request_drop = HOP_BY_HOP | REQUEST_SET_BY_MOAT | CLIENT_CREDENTIALS | _names(
            settings.drop_request_headers)
        self._response_drop = HOP_BY_HOP | RESPONSE_SET_BY_MOAT | _names(settings.drop_response_headers)

    def request_headers(self, headers: Iterable[tuple[bytes, bytes]]) -> Headers:
        """The client's headers (ASGI: lower-case names) to send upstream, in their order."""
        drop = self._request_drop
        out: Headers = []
        connection: list[bytes] = []
        for name, value in headers:
            if name in drop:
                if name == b"connection":
                    connection.append(value)
            elif not name.startswith(_MOAT_PREFIX):
                out.append((name, value))
        return _without_named(out, connection) if connection else out

    def response_headers(self, upstream: Iterable[tuple[bytes, bytes]], own: Headers,
                         defaults: Sequence[tuple[bytes, bytes]] = ()) -> Headers:
        """The headers for the client: the upstream's that pass, then Moat's `own` (which replace an
        upstream header of the same name), then each of `defaults` the result still lacks."""
        drop = self._response_drop
        own_names = {name for name, _ in own}
        out: Headers = []
        connection: list[bytes] = []
        for name, value in upstream:
            if name in drop:
                if name == b"connection":
                    connection.append(value)
            elif name not in own_names and not name.startswith((_MOAT_PREFIX, _CORS_PREFIX)):
                out.append((name, value))
        if connection:
            out = _without_named(out, connection)
        if defaults:
            present = {name for name, _ in out}
            out += [(name, value) for name, value in defaults if name not in present and name not in own_names]
        out += own
        return out


def _without_named(headers: Headers, connection: list[bytes]) -> Headers:
    """Drop the headers a Connection header names (RFC 9110 §7.6.1): they were for that hop only."""
    named = {token.strip().lower() for value in connection for token in value.split(b",")}
    return [(name, value) for name, value in headers if name not in named]
