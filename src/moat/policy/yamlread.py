"""YAML reading that remembers where things are, so every policy error names its file and line.

PyYAML's composer knows each node's position; the safe constructor throws it away. `Located`
is a dict that keeps, for each key, the line of its value and the value's scalar style (a `|` or `>`
block starts on the next line, which matters when a CEL error points inside a multi-line `when`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


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


class _Loader(yaml.SafeLoader):
    pass


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


def load_yaml(path: Path, text: str | None = None) -> Any:
    """Parse one YAML file; a syntax error becomes a BundleError with the line it is on."""
    if text is None:
        text = path.read_text(encoding="utf-8")
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        reason = f"YAML: {exc.problem or exc.context or exc}"
        raise BundleError([PolicyError(str(path), line, reason)]) from exc
    except yaml.YAMLError as exc:
        raise BundleError([PolicyError(str(path), 0, f"YAML: {exc}")]) from exc
