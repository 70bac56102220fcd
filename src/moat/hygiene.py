"""Input hygiene for the console and the admin API: text that is not text is refused up front.

Refused everywhere (400, in the surface's own error shape, naming the field):
- bytes that are not UTF-8 (raw or percent-encoded), and lone surrogates (JSON `"\\ud800"`);
- NUL and the other control characters (Unicode category Cc) except tab, line feed and carriage
  return in free text (notes, reasons, titles, policy text, passwords);
- in names (ids, user names, subjects, kinds, roles, …: every field that is not free text), any
  control character at all, tab and line breaks included.

    check_text("note", value, name=False)       # raises BadRequest
    parse_form_strict(body, free_text={"note"}) # the console's forms
    check_json(obj, free_text={"note"})         # the admin API's bodies, walked to the leaves
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qs, unquote

from moat.errors import BadRequest

_TEXT_CONTROLS_OK = frozenset("\t\n\r")


def problem(value: str, *, name: bool) -> str | None:
    """What is wrong with `value` as text (a short phrase), or None when it is fine."""
    for ch in value:
        if ch.isprintable() or ch == " ":
            continue
        if ch == "\x00":
            return "a NUL character"
        cat = unicodedata.category(ch)
        if cat == "Cs":
            return "an unpaired surrogate (invalid text)"
        if cat == "Cc" and (name or ch not in _TEXT_CONTROLS_OK):
            return f"a control character (U+{ord(ch):04X})"
    return None


def check_text(field: str, value: str, *, name: bool) -> str:
    found = problem(value, name=name)
    if found is not None:
        raise BadRequest(f"'{_shown(field)}' contains {found}; send plain UTF-8 text", code="invalid_text")
    return value


def _shown(field: str) -> str:
    """A field's name as it may be echoed in an error (itself checked: never echo garbage)."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in field)
    return clean[:60]


def decode_utf8(raw: bytes, what: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest(f"{what} is not valid UTF-8", code="invalid_text") from None


def parse_query_strict(raw: bytes, what: str = "the query string") -> dict[str, list[str]]:
    """`a=1&b=2` (form or query) → {name: [values]}, refusing invalid UTF-8 raw or percent-encoded."""
    text = decode_utf8(raw, what)
    try:
        return parse_qs(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise BadRequest(f"{what} is not valid UTF-8 once decoded", code="invalid_text") from None


def check_fields(fields: dict[str, list[str]], *, free_text: Iterable[str] = (), all_text: bool = False) -> None:
    """Every name and value of a parsed form or query; names-rules except for `free_text` fields
    (or for all of them with `all_text`)."""
    loose = set(free_text)
    for key, values in fields.items():
        check_text("field name", key, name=True)
        for value in values:
            check_text(key, value, name=not (all_text or key in loose))


def parse_form_strict(body: bytes, *, free_text: Iterable[str]) -> dict[str, list[str]]:
    fields = parse_query_strict(body, "the form")
    check_fields(fields, free_text=free_text)
    return fields


def check_path(raw_path: bytes | None, path: str) -> None:
    """The request path, percent-decoded strictly: no invalid UTF-8, no control characters."""
    if raw_path is not None:
        try:
            decoded = unquote(raw_path.decode("ascii"), encoding="utf-8", errors="strict")
        except UnicodeDecodeError:
            raise BadRequest("the path is not valid UTF-8 once decoded", code="invalid_text") from None
    else:
        decoded = path
    check_text("path", decoded, name=True)


def check_json(value: Any, *, free_text: Iterable[str] = (), field: str = "body") -> None:
    """Every key and string of a parsed JSON body. Top-level fields named in `free_text` (and every
    string nested below the top level) may hold tab and line breaks; the others are names."""
    loose = set(free_text)

    def walk(item: Any, where: str, name: bool) -> None:
        if isinstance(item, str):
            check_text(where, item, name=name)
        elif isinstance(item, dict):
            for key, inner in item.items():
                check_text(f"{where} key", str(key), name=True)
                walk(inner, f"{where}.{key}", False)
        elif isinstance(item, list):
            for i, inner in enumerate(item):
                walk(inner, f"{where}[{i}]", name)

    if isinstance(value, dict):
        for key, inner in value.items():
            check_text("field name", str(key), name=True)
            if isinstance(inner, (str, list)):
                walk(inner, str(key), key not in loose)
            else:
                walk(inner, str(key), False)
    else:
        walk(value, field, False)
