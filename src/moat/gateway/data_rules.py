"""What a data route extracts from a request and from its items (docs/data-apis.md, issue 15 item 3).

`request.resource` is one value the route's `resource` rule names: a query-string parameter
(`query:<name>`), a segment of the request path (`path:<n>`, 0-based: in /2/users/123/tweets,
`path:2` is "123") or a request header (`header:<name>`). An item's resource is a dotted path into
the JSON item (`item_resource = "data.author_id"`). Both feed the distinct-resources counters and
the recorded `resource` / `resources` fields. Rules are checked when settings load
(`resource_rule_problem`) and compiled once per route, so a request pays a split and a lookup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qsl

# (path, query, the request's raw header pairs) -> resource. The raw pairs, not the gateway's parsed
# headers: those hold only the few it reads itself, and a rule may name any header.
ResourceOf = Callable[[str, bytes, Iterable[tuple[bytes, bytes]]], str]
_KINDS = ("query", "path", "header")


def resource_rule_problem(rule: str) -> str | None:
    """Why `rule` is not a resource rule, or None when it is one."""
    kind, sep, arg = rule.partition(":")
    if not sep or kind not in _KINDS or not arg:
        return "query:<name>, path:<n> or header:<name>"
    if kind == "path" and not arg.isdigit():
        return "path:<n> with n a segment number from 0"
    return None


def resource_rule(rule: str) -> ResourceOf:
    """The extractor for a checked rule; "" (no rule) extracts "" from every request."""
    if not rule:
        return lambda path, query, headers: ""
    kind, _, arg = rule.partition(":")
    if kind == "query":
        def from_query(path: str, query: bytes, headers: Iterable[tuple[bytes, bytes]]) -> str:
            if not query:
                return ""
            for name, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
                if name == arg:
                    return value
            return ""
        return from_query
    if kind == "path":
        index = int(arg)

        def from_path(path: str, query: bytes, headers: Iterable[tuple[bytes, bytes]]) -> str:
            segments = path.strip("/").split("/")
            return segments[index] if index < len(segments) else ""
        return from_path
    name = arg.lower().encode("latin-1")

    def from_header(path: str, query: bytes, headers: Iterable[tuple[bytes, bytes]]) -> str:
        return next((value.decode("latin-1") for key, value in headers if key == name), "")
    return from_header


def item_field(dotted: str) -> Callable[[Any], str | None]:
    """A reader of one field of a parsed JSON item by its dotted path; None when absent. Numbers
    count as their text (a user id may be sent as 123 or "123": one resource)."""
    parts = dotted.split(".")

    def read(item: Any) -> str | None:
        for part in parts:
            if not isinstance(item, dict):
                return None
            item = item.get(part)
        if item is None or isinstance(item, (dict, list)):
            return None
        if isinstance(item, bool):
            return "true" if item else "false"
        return item if isinstance(item, str) else str(item)

    return read
