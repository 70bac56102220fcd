"""The CEL variables, derived from `moat.context_fields`: a getter per flat path, or a JSON value.

The hot path calls one getter per flat variable that its candidate rules read (nothing else is
computed); a leaf's getter is the one its declaration holds, an object's is the dict of its
fields'. `from_values` serves `moat policy test` / `explain`, where a context is written as nested
JSON in the schema's shape and missing fields are zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from moat.context_fields import OBJECTS, DirectoryView, Getter, field_at
from moat.policy import schema

__all__ = ["LEAF_GETTERS", "DirectoryView", "Getter", "field_type", "from_values", "getter_for"]

# Every declared getter by flat path (what `moat policy schema` lists that the gateway fills).
LEAF_GETTERS: dict[str, Getter] = {path: f.get for path, f in schema.leaf_paths() if f.get is not None}


def _object_getter(path: str, type_name: str) -> Getter:
    """A getter for a whole object (`account`, `scores.cluster`): a dict of its fields' getters."""
    parts = [(name, getter_for(f"{path}.{name}")) for name in OBJECTS[type_name]]
    return lambda c, d: {name: g(c, d) for name, g in parts}


def field_type(path: str) -> str:
    """The schema type of a flat path such as `scores.cluster.risk`."""
    return field_at(path).type


def getter_for(path: str) -> Getter:
    """The getter of any flat path the analysis can produce."""
    declared = field_at(path)
    if declared.get is not None:
        return declared.get
    if declared.type in OBJECTS:
        return _object_getter(path, declared.type)
    raise KeyError(f"no getter for context path {path!r}")


def _to_time(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, (int, float)):
        return dt.datetime.fromtimestamp(value, dt.UTC)
    return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def from_values(values: Mapping[str, Any], path: str) -> Any:
    """A flat path's value from a nested JSON context; absent fields are their type's zero."""
    type_name = field_type(path)
    node: Any = values
    for part in path.split("."):
        node = node.get(part) if isinstance(node, Mapping) else None
        if node is None:
            break
    if node is None:
        if path == "time.now":
            return dt.datetime.fromtimestamp(0, dt.UTC)
        return schema.zero(type_name)
    if type_name == "timestamp":
        return _to_time(node)
    if type_name == "double":
        return float(node)
    if type_name in OBJECTS:
        return {name: from_values(values, f"{path}.{name}") for name in OBJECTS[type_name]}
    return node
