"""Turning raw settings (a TOML table, `MOAT_*` variables) into the typed settings, or into errors.

A typo in a setting used to start the gateway and then break every request (issue 13 item 5), so
every value is checked here, once, when settings load: its type from the dataclass annotation in
`moat.config`, its allowed values from `Literal[...]` or from markers in `Annotated[...]`:

    port: Annotated[int, Range(1, 65535)] = 8080
    base_url: Annotated[str, Url("http", "https")] = ""
    admin_token: Annotated[str, Secret()] = ""          # never echoed in an error

A new setting needs only its annotation; plain `int`, `float`, `bool`, `str`, `list[...]`,
`dict[str, ...]`, nested dataclasses and lists of them are understood. Every error is collected
(not just the first) and reads as one line naming the key, the value and what is allowed, and where
the value came from (the file or the variable), so `moat config check` can list them all.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import ipaddress
import types
import typing
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin, get_type_hints
from urllib.parse import urlsplit


class SettingsError(ValueError):
    """Raised by `moat.config.load_settings` with every problem found, one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class FromEnv:
    """A value as a `MOAT_*` variable gave it: kept raw, so a `str` setting gets the text as typed
    (`MOAT_ADMIN_TOKEN=0123` stays "0123") and other types parse it as a TOML scalar."""

    name: str
    raw: str
    parsed: Any
    exact: bool = True  # False for an item of a list the variable gave: `raw` is then the whole list


# ---- markers for Annotated[...] ------------------------------------------------------------------

@dataclass(frozen=True)
class Range:
    """A number from `low` to `high` inclusive (None: unbounded)."""

    low: float | None = None
    high: float | None = None

    def problem(self, value: Any) -> str | None:
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            return self.describe()
        return None

    def describe(self) -> str:
        if self.high is None:
            return f"at least {_number(self.low)}"
        if self.low is None:
            return f"at most {_number(self.high)}"
        return f"from {_number(self.low)} to {_number(self.high)}"


@dataclass(frozen=True)
class Url:
    """A URL with one of these schemes and a host (for `file`-like schemes: a path), or empty when
    `optional` (the setting is then unused or has a default)."""

    schemes: tuple[str, ...]
    optional: bool = True

    def __init__(self, *schemes: str, optional: bool = True) -> None:
        object.__setattr__(self, "schemes", schemes)
        object.__setattr__(self, "optional", optional)

    def problem(self, value: str) -> str | None:
        if not value and self.optional:
            return None
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018 (raises on a port that is not a number)
        except ValueError:
            return self.describe()
        if parts.scheme not in self.schemes or not (parts.hostname or parts.path.strip("/")):
            return self.describe()
        return None

    def describe(self) -> str:
        kinds = " or ".join(f"{s}://" for s in self.schemes)
        article = "an" if kinds.startswith("http") else "a"
        return f"{article} {kinds} URL" + (" (or empty)" if self.optional else "")


@dataclass(frozen=True)
class NotEmpty:
    def problem(self, value: Any) -> str | None:
        return None if value else self.describe()

    def describe(self) -> str:
        return "a non-empty value"


@dataclass(frozen=True)
class Secret:
    """The value is a credential: errors name the key but never print the value."""


@dataclass(frozen=True)
class Check:
    """Any other rule: `test(value)` is true when the value is allowed; `allowed` says what is."""

    test: typing.Callable[[Any], bool]
    allowed: str

    def problem(self, value: Any) -> str | None:
        try:
            return None if self.test(value) else self.allowed
        except ValueError:
            return self.allowed


def ip_or_network(value: str) -> bool:
    """An address or CIDR block (uvicorn's `forwarded_allow_ips` also takes "*")."""
    if value == "*":
        return True
    ipaddress.ip_network(value, strict=False)
    return True


# ---- building ------------------------------------------------------------------------------------

@dataclass
class Builder:
    """Builds one dataclass tree from raw data, collecting problems instead of stopping at the first.
    `origin` names where values without their own source came from (the settings file)."""

    origin: str
    problems: list[str] = dataclasses.field(default_factory=list)

    def build(self, cls: type, data: Any, path: str = "") -> Any:
        value = self.coerce(cls, data, path)
        return value if value is not _BAD else cls()

    def coerce(self, tp: Any, value: Any, path: str, hint: str = "", secret: bool = False) -> Any:
        """`value` as type `tp`, or _BAD after recording why; `hint` adds the allowed range to a
        type error ("an integer from 1 to 65535")."""
        env = value if isinstance(value, FromEnv) else None
        origin, args = get_origin(tp), get_args(tp)
        if origin is Annotated:
            base, markers = args[0], args[1:]
            hint = " and ".join(m.describe() for m in markers if hasattr(m, "describe"))
            result = self.coerce(base, value, path, hint, _is_secret(markers))
            if result is _BAD:
                return _BAD
            for marker in markers:
                problem = marker.problem(result) if hasattr(marker, "problem") else None
                if problem:
                    kind = {int: "an integer ", float: "a number "}.get(base, "")
                    return self.bad(path, value, kind + problem, secret=_is_secret(markers))
            return result
        if tp is Any:
            return value.parsed if env else value
        if origin is Literal:
            given = env.raw if env else value
            if given in args:
                return given
            return self.bad(path, value, "one of " + ", ".join(_show(a) for a in args))
        if origin in (Union, types.UnionType):
            if (env.parsed if env else value) is None and type(None) in args:
                return None
            real = [a for a in args if a is not type(None)]
            return self.coerce(real[0], value, path) if len(real) == 1 else (env.parsed if env else value)
        if dataclasses.is_dataclass(tp) and isinstance(tp, type):
            return self.table(tp, env.parsed if env else value, path, env)
        if origin is list:
            items = env.parsed if env else value
            if not isinstance(items, list):
                return self.bad(path, value, "a list" + (' (a TOML array: ["a", "b"])' if env else ""))
            if env:
                items = [FromEnv(env.name, env.raw, item, exact=False) for item in items]
            out = [self.coerce(args[0] if args else Any, item, f"{path}[{i}]") for i, item in enumerate(items)]
            return _BAD if any(o is _BAD for o in out) else out
        if origin is dict:
            table = env.parsed if env else value
            if not isinstance(table, dict):
                return self.bad(path, value, "a table")
            item_type = args[1] if len(args) == 2 else Any
            pairs = {k: self.coerce(item_type, v, f"{path}.{k}") for k, v in table.items()}
            return _BAD if any(v is _BAD for v in pairs.values()) else pairs
        return self.scalar(tp, value, path, f" {hint}" if hint else "", secret)

    def scalar(self, tp: Any, value: Any, path: str, hint: str, secret: bool) -> Any:
        env = value if isinstance(value, FromEnv) else None
        given = env.parsed if env else value
        if tp is str:
            if env and env.exact:
                return env.raw
            return given if isinstance(given, str) else self.bad(path, value, "a string" + hint, secret=secret)
        if tp is bool:
            return given if isinstance(given, bool) else self.bad(path, value, "true or false")
        if tp is int:
            if isinstance(given, int) and not isinstance(given, bool):
                return given
            return self.bad(path, value, "an integer" + hint)
        if tp is float:
            if isinstance(given, int | float) and not isinstance(given, bool):
                return float(given)
            return self.bad(path, value, "a number" + hint)
        return given  # a type this module does not know: taken as given

    def table(self, cls: type, data: Any, path: str, env: FromEnv | None) -> Any:
        if not isinstance(data, dict):
            return self.bad(path, env or data, "a table of settings")
        hints = _hints(cls)
        known = {f.name for f in dataclasses.fields(cls) if f.init}
        kwargs: dict[str, Any] = {}
        for key, raw in data.items():
            where = f"{path}.{key}" if path else key
            if key not in known:
                self.unknown(where, raw, [f"{path}.{k}" if path else k for k in sorted(known)])
                continue
            value = self.coerce(hints[key], raw, where)
            if value is not _BAD:
                kwargs[key] = value
        return cls(**kwargs)

    def unknown(self, where: str, raw: Any, choices: list[str]) -> None:
        """A key no setting has (a typo): named with the closest real key. A variable such as
        MOAT_SERVR__PORT arrives as a table {"port": ...} under "servr": report the variable."""
        close = difflib.get_close_matches(where, choices, n=1, cutoff=0.6)
        for rest, env in _leaves(raw):
            full = where + rest
            hint = f"; did you mean {close[0] + rest}?" if close else ""
            self.problems.append(f"{env.name}: unknown setting {full}{hint}")
            return
        hint = f"; did you mean {close[0]}?" if close else ""
        self.problems.append(f"{self.origin}: unknown setting {where}{hint}")

    def bad(self, path: str, value: Any, allowed: str, *, secret: bool = False) -> Any:
        self.problems.append(describe(path, value, allowed, origin=self.origin, secret=secret))
        return _BAD


def describe(path: str, value: Any, allowed: str, *, origin: str, secret: bool = False) -> str:
    """One line: where the value came from, the key, the value (unless secret), what is allowed."""
    env = next((e for _, e in _leaves(value)), None)
    if env and env.name.startswith("MOAT_"):
        shown = "(hidden)" if secret else env.raw[:80]
        return f"{env.name}={shown}: {path} must be {allowed}"
    shown = "(hidden)" if secret else _show(env.parsed if env else value)
    return f"{env.name if env else origin}: {path} = {shown}: must be {allowed}"


def _leaves(value: Any, prefix: str = "") -> typing.Iterator[tuple[str, FromEnv]]:
    """The values a variable or the command line set inside `value`, with their key paths."""
    if isinstance(value, FromEnv):
        yield prefix, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _leaves(inner, f"{prefix}.{key}")


_BAD: Any = object()


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    """A settings class's annotations, evaluated once (they are strings under `from __future__`)."""
    return get_type_hints(cls, include_extras=True)


def _is_secret(markers: tuple[Any, ...]) -> bool:
    return any(isinstance(m, Secret) for m in markers)


def _show(value: Any) -> str:
    if isinstance(value, FromEnv):
        return value.raw
    if isinstance(value, str):
        text = value if len(value) <= 80 else value[:77] + "..."
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{...}"
    if isinstance(value, list):
        return "[...]"
    return str(value)


def _number(value: float | None) -> str:
    return str(int(value)) if value is not None and float(value).is_integer() else str(value)
