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
                       answer as it passes), Expect (curl sends `100-continue` with large bodies;
                       the server already answered it, and the upstream's interim 100 would be
                       taken for its answer)
    credentials        Authorization, x-api-key, Cookie, Moat-Attribution and every Moat-* header:
                       the client's credentials are for Moat; the upstream gets its own
    configured         `relay.drop_request_headers`

response (upstream → client)
    hop-by-hop         as above
    set by Moat        Content-Length (Moat frames the body it sends), Date and Server (the HTTP
                       server adds its own), Access-Control-* (moat.gateway.cors answers for Moat's
                       origin), Moat-* (Moat's ids and warnings), RateLimit-* (Moat's limits)
    provider-internal  `relay.drop_response_headers` (by default Set-Cookie, Alt-Svc and
                       Strict-Transport-Security: they speak for the upstream's host, not Moat's)

The query string passes unchanged (Claude Code calls `/v1/messages?beta=true`).

Each response header appears once: Moat's own headers (its ids, its limits) are names the
upstream's never pass under; Moat's defaults (`x-request-id`, `request-id`, the content type) only
fill a gap the upstream left. The rules are built once at start-up, and each header name's verdict
is remembered: filtering costs one dict lookup per header on the hot path.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from moat.config import RelaySettings

Headers = list[tuple[bytes, bytes]]

HOP_BY_HOP = frozenset({b"connection", b"keep-alive", b"proxy-connection", b"proxy-authenticate",
                        b"proxy-authorization", b"te", b"trailer", b"transfer-encoding", b"upgrade"})
REQUEST_SET_BY_MOAT = frozenset({b"host", b"content-length", b"content-type", b"content-encoding",
                                 b"accept-encoding", b"expect"})
CLIENT_CREDENTIALS = frozenset({b"authorization", b"x-api-key", b"cookie", b"moat-attribution"})
# RateLimit-* (the IETF draft's names) are Moat's: they describe the limits Moat enforces for this
# client, not the upstream's own (which OpenAI and Anthropic send as x-ratelimit-* / anthropic-ratelimit-*).
RESPONSE_SET_BY_MOAT = frozenset({b"content-length", b"date", b"server", b"ratelimit-limit", b"ratelimit-remaining",
                                  b"ratelimit-reset"})
_MOAT_PREFIX = b"moat-"
_CORS_PREFIX = b"access-control-"
_PROXY_PREFIX = b"proxy-"  # Proxy-Authorization, Proxy-Connection and any other Proxy-* header


def _names(names: Iterable[str]) -> frozenset[bytes]:
    return frozenset(name.strip().lower().encode("latin-1") for name in names if name.strip())


_MAX_NAMES = 4096  # header names (and Connection values) remembered per direction; beyond, judged each time


class _Rule:
    """One direction's filter. Header names repeat from request to request, so each name's verdict
    is remembered in a plain dict: the hot path is one dict lookup per header inside a list
    comprehension (a `startswith` per header cost five times as much)."""

    __slots__ = ("_drop", "_named", "_prefixes", "_verdicts")

    def __init__(self, drop: frozenset[bytes], prefixes: tuple[bytes, ...]) -> None:
        self._drop = drop
        self._prefixes = prefixes
        self._verdicts: dict[bytes, bool] = dict.fromkeys(drop, False)
        self._named: dict[bytes, frozenset[bytes]] = {}

    def keep(self, name: bytes) -> bool:
        verdict = self._verdicts.get(name)
        if verdict is None:
            verdict = not name.startswith(self._prefixes)
            if len(self._verdicts) < _MAX_NAMES:
                self._verdicts[name] = verdict
        return verdict

    def filter(self, headers: Sequence[tuple[bytes, bytes]]) -> Headers:
        verdicts = self._verdicts
        try:
            out = [header for header in headers if verdicts[header[0]]]
        except KeyError:  # a name not seen yet
            keep = self.keep
            out = [header for header in headers if keep(header[0])]
        connection = [value for name, value in headers if name == b"connection"]
        if connection:
            named = self._named_by(connection)
            if named:
                out = [header for header in out if header[0] not in named]
        return out

    def _named_by(self, values: list[bytes]) -> frozenset[bytes]:
        """The headers a Connection header names (RFC 9110 §7.6.1) that would otherwise pass:
        usually none ("keep-alive", "close")."""
        key = b",".join(values)
        named = self._named.get(key)
        if named is None:
            tokens = (token.strip().lower() for value in values for token in value.split(b","))
            named = frozenset(t for t in tokens if t and t not in self._drop)
            if len(self._named) < _MAX_NAMES:
                self._named[key] = named
        return named


class Forwarding:
    """The two filters, built once from `relay` settings."""

    __slots__ = ("_request", "_response")

    def __init__(self, settings: RelaySettings) -> None:
        self._request = _Rule(HOP_BY_HOP | REQUEST_SET_BY_MOAT | CLIENT_CREDENTIALS
                              | _names(settings.drop_request_headers), (_MOAT_PREFIX, _PROXY_PREFIX))
        self._response = _Rule(HOP_BY_HOP | RESPONSE_SET_BY_MOAT | _names(settings.drop_response_headers),
                               (_MOAT_PREFIX, _CORS_PREFIX, _PROXY_PREFIX))

    def request_headers(self, headers: Sequence[tuple[bytes, bytes]]) -> Headers:
        """The client's headers (ASGI: lower-case names) to send upstream, in their order."""
        return self._request.filter(headers)

    def response_headers(self, upstream: Sequence[tuple[bytes, bytes]], own: Headers,
                         defaults: Sequence[tuple[bytes, bytes]] = ()) -> Headers:
        """The headers for the client: the upstream's that pass, each of `defaults` the upstream did not
        send, then Moat's `own` (moat-* and RateLimit-*, names no upstream header passes under)."""
        out = self._response.filter(upstream)
        if defaults:
            present = {name for name, _ in out}
            out += [header for header in defaults if header[0] not in present]
        out += own
        return out
