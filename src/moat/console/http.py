"""Request and response for the console's pages: parsed once, handed to the page handlers.

Whose headers are trusted: the client address is uvicorn's (`scope["client"]`, which honours
X-Forwarded-For only from `server.trusted_proxies`); Origin and Referer are compared with the Host
the request names, or with `console.public_origin` when set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlsplit

from moat.console.sessions import Session
from moat.gateway.http import Headers, Scope
from moat.hygiene import check_fields, check_path, parse_form_strict, parse_query_strict

MAX_FIELD = 200  # characters kept of a search field; longer input is cut, never an error
MAX_FORM_BYTES = 1 << 20
# Form fields that are free text (may hold tab and line breaks; NUL and other controls are refused
# in every field) and redirect targets (`local_path` replaces a bad one with a safe default);
# every other field is a name, where any control character is refused (moat.hygiene).
FREE_TEXT = frozenset({"note", "reason", "text", "title", "password", "evidence", "next", "back"})

SECURITY_HEADERS: Headers = [
    (b"content-security-policy", b"default-src 'none'; style-src 'self'; img-src 'self' data:; "
                                 b"script-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                                 b"base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
]


@dataclass(slots=True)
class Request:
    scope: Scope
    method: str
    path: str  # below /console, e.g. "/accounts/alice"
    query: dict[str, list[str]]
    headers: dict[str, str]
    cookies: dict[str, str]
    form: dict[str, list[str]] = field(default_factory=dict)
    session: Session | None = None

    @classmethod
    def from_scope(cls, scope: Scope) -> Request:
        headers: dict[str, str] = {}
        for k, v in scope["headers"]:
            headers.setdefault(k.decode("latin-1"), v.decode("latin-1"))
        cookies: dict[str, str] = {}
        raw = headers.get("cookie")
        if raw:
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(raw)
            except Exception:  # a malformed cookie header is treated as no cookies
                jar = SimpleCookie()
            cookies = {k: m.value for k, m in jar.items()}
        path = scope["path"][len("/console"):] or "/"
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        return cls(scope, scope["method"], path, query, headers, cookies)

    def q(self, name: str, default: str = "") -> str:
        values = self.query.get(name)
        return values[0][:MAX_FIELD].strip() if values else default

    def qint(self, name: str, default: int = 0) -> int:
        try:
            return int(self.q(name) or default)
        except ValueError:
            return default

    def f(self, name: str, default: str = "", limit: int = 10_000) -> str:
        values = self.form.get(name)
        return values[0][:limit] if values else default

    def fall(self, name: str) -> list[str]:
        return [v[:MAX_FIELD] for v in self.form.get(name, [])]

    @property
    def client_ip(self) -> str:
        client = self.scope.get("client")
        return str(client[0]) if client else "unknown"

    @property
    def https(self) -> bool:
        return self.scope.get("scheme") == "https"

    def origin_ok(self, public_origin: str) -> bool:
        """A state-changing request must say it comes from our own origin (Origin, else Referer)."""
        host = self.headers.get("host", "")
        allowed = {f"{'https' if self.https else 'http'}://{host}"} if host else set()
        if public_origin:
            allowed.add(public_origin.rstrip("/"))
        origin = self.headers.get("origin")
        if origin is None:
            referer = self.headers.get("referer")
            if not referer:
                return False
            parts = urlsplit(referer)
            origin = f"{parts.scheme}://{parts.netloc}"
        return origin in allowed


def local_path(target: str, fallback: str) -> str:
    """`target` when it is a path inside the console (printable ASCII, not protocol-relative), else
    `fallback`: redirects never leave the site and never carry a header-splitting character."""
    ok = (target.startswith("/console/") and not target.startswith("//") and "\\" not in target
          and target.isascii() and all(" " < ch < "\x7f" for ch in target))
    return target if ok else fallback


def parse_form(body: bytes) -> dict[str, list[str]]:
    """The form's fields; BadRequest (400) for invalid UTF-8, NUL or control characters."""
    return parse_form_strict(body, free_text=FREE_TEXT)


def check_request_text(req: Request) -> None:
    """The path and query string hold only valid text (BadRequest otherwise); re-parses the query
    strictly (`from_scope` is lenient so that even a refused request can be answered)."""
    check_path(req.scope.get("raw_path"), req.scope["path"])
    req.query = parse_query_strict(req.scope.get("query_string", b""))
    check_fields(req.query, all_text=True)


@dataclass(slots=True)
class Response:
    status: int
    body: bytes
    headers: Headers = field(default_factory=list)

    @classmethod
    def redirect(cls, location: str, status: int = 303) -> Response:
        return cls(status, b"", [(b"location", location.encode())])

    def set_cookie(self, name: str, value: str, *, secure: bool, max_age: int | None = None) -> None:
        parts = [f"{name}={value}", "Path=/console", "HttpOnly", "SameSite=Lax"]
        if secure:
            parts.append("Secure")
        if max_age is not None:
            parts.append(f"Max-Age={max_age}")
        self.headers.append((b"set-cookie", "; ".join(parts).encode()))


def final_headers(headers: Headers, request_id: bytes) -> Headers:
    """The headers as sent: each name once (the first wins; Set-Cookie once per cookie, the last
    wins) plus the request id under both names the gateway uses."""
    out: Headers = []
    seen: set[bytes] = {b"x-request-id", b"request-id", b"content-length"}
    cookies: dict[bytes, int] = {}
    for name, value in headers:
        name = name.lower()
        if name == b"set-cookie":
            cookie = value.split(b"=", 1)[0]
            if cookie in cookies:
                out[cookies[cookie]] = (name, value)
            else:
                cookies[cookie] = len(out)
                out.append((name, value))
        elif name not in seen:
            seen.add(name)
            out.append((name, value))
    return [*out, (b"x-request-id", request_id), (b"request-id", request_id)]


def html_headers() -> Headers:
    return [(b"content-type", b"text/html; charset=utf-8"), *SECURITY_HEADERS]


def as_text(value: Any) -> str:
    return "" if value is None else str(value)
