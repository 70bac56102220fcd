"""YAML reading that remembers where things are, so every policy error names its file and line.

PyYAML's composer knows each node's position; the safe constructor throws it away. `Located`
is a dict that keeps, for each key, the line of its value and the value's scalar style (a `|` or `>`
block starts on the next line, which matters when a CEL error points inside a multi-line `when`).

A file is read within the bounds of moat.policy.bounds, and every way it can be malformed becomes a
`BundleError` naming the file and line, never another exception: over MAX_FILE_BYTES (checked
before reading), not UTF-8 (the line of the first bad byte), nested deeper than MAX_YAML_DEPTH, more
than MAX_YAML_NODES nodes, anchors or aliases (refused outright: they are how a small file becomes
a "billion laughs"), values the constructor cannot build (a 5,000-digit integer). Those structure
checks run over the parser's event stream before anything is composed, so composing and
constructing (both recursive) only ever see a bounded document. libyaml parses when PyYAML has it
(about six times faster than the pure-Python parser).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from moat.policy.bounds import MAX_FILE_BYTES, MAX_YAML_DEPTH, MAX_YAML_NODES


@dataclass(frozen=True, slots=True)
class PolicyError:
    """One problem in a policy bundle, located in its file."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}" if self.line else f"{self.file}: {self.reason}"


class BundleError(Exception):
    """A bundle that cannot be loaded; `errors` lists every problem found, in file order."""

    def __init__(self, errors: list[PolicyError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


class Located(dict[str, Any]):
    """A mapping from YAML with `line` (1-based, of the mapping) and per-key value positions."""

    line: int = 0
    value_lines: dict[str, int]
    block_keys: set[str]  # keys whose value is a `|` / `>` block scalar

    def line_of(self, key: str) -> int:
        return self.value_lines.get(key, self.line)


_Base: Any = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


class _Loader(_Base):
    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """A value the constructor cannot build (ValueError, ...) is a YAML error at its node."""
        try:
            return super().construct_object(node, deep=deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(None, None, f"cannot read this value: {str(exc).split(';')[0]}",
                                                    node.start_mark) from None


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Located:
    loader.flatten_mapping(node)
    out = Located()
    out.line = node.start_mark.line + 1
    out.value_lines = {}
    out.block_keys = set()
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise yaml.constructor.ConstructorError(
                None, None, f"mapping keys must be strings, not {key!r}", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.value_lines[key] = value_node.start_mark.line + 1
        if isinstance(value_node, yaml.ScalarNode) and value_node.style in ("|", ">"):
            out.block_keys.add(key)
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _refuse(path: Path, line: int, reason: str) -> BundleError:
    return BundleError([PolicyError(str(path), line, reason)])


def decode(path: Path, data: bytes) -> str:
    """The file's text; BundleError with the line of the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _refuse(path, line, f"not UTF-8 text: byte 0x{data[exc.start]:02x} at column {col} "
                                  f"({exc.reason}); policy files are UTF-8") from None


def read_bytes(path: Path) -> bytes:
    """The file's bytes; BundleError when it is over MAX_FILE_BYTES (checked before reading) or
    cannot be read."""
    try:
        size = path.stat().st_size
        if size <= MAX_FILE_BYTES:
            with path.open("rb") as f:
                data = f.read(MAX_FILE_BYTES + 1)  # it may have grown since the stat
            size = len(data)
    except OSError as exc:
        raise _refuse(path, 0, f"cannot read the file: {exc.strerror or exc}") from None
    if size > MAX_FILE_BYTES:
        raise _refuse(path, 0, f"file too large: {size} bytes, more than {MAX_FILE_BYTES} (MAX_FILE_BYTES)")
    return data


def _structure(path: Path, text: str) -> None:
    """Check depth, node count and anchors over the event stream, before anything is composed."""
    events = _Base(text)
    depth = nodes = 0
    try:
        while events.check_event():
            event = events.get_event()
            line = event.start_mark.line + 1 if event.start_mark else 0
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise _refuse(path, line, "YAML anchors and aliases (&name, *name) are not allowed in policy files")
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                nodes += 1
                if depth > MAX_YAML_DEPTH:
                    raise _refuse(path, line, f"YAML nested too deeply: more than {MAX_YAML_DEPTH} levels "
                                              "(MAX_YAML_DEPTH)")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.ScalarEvent):
                nodes += 1
            if nodes > MAX_YAML_NODES:
                raise _refuse(path, line, f"YAML too large: more than {MAX_YAML_NODES} nodes (MAX_YAML_NODES)")
    finally:
        events.dispose()


def load_yaml(path: Path, text: str | None = None) -> Any:
    """Parse one YAML file; anything wrong with it becomes a BundleError with the line it is on."""
    if text is None:
        text = decode(path, read_bytes(path))
    try:
        _structure(path, text)
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        reason = f"YAML: {exc.problem or exc.context or exc}"
        raise _refuse(path, line, reason) from exc
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (NUL, most controls)
        line = text.count("\n", 0, exc.position) + 1
        raise _refuse(path, line, f"YAML: {exc.reason} (character {exc.character!r})") from exc
    except yaml.YAMLError as exc:
        raise _refuse(path, 0, f"YAML: {exc}") from exc
    except RecursionError:
        raise _refuse(path, 0, "YAML nested too deeply to read") from None
