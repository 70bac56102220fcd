"""The documented context a policy condition sees, derived from `moat.context_fields`.

Conditions are checked against it at load, so `acount.plan` or `account.plna` is a load error with
file and line, never a request that silently fails to match. `moat policy schema` prints `render()`;
the fields themselves, their types, meanings and getters are declared once in `moat.context_fields`.
"""

from __future__ import annotations

from moat.context_fields import OBJECTS, ROOT, SCORE_NAMES, Field

__all__ = ["OBJECTS", "ROOT", "SCALARS", "SCORE_NAMES", "Field", "element_type", "fields_of", "leaf_paths",
           "render", "zero"]

SCALARS = frozenset({"string", "int", "double", "bool", "timestamp"})


def element_type(type_name: str) -> str | None:
    """`T` for `list<T>` and `map<string, T>` (the value type), else None."""
    if type_name.startswith("list<"):
        return type_name[5:-1]
    if type_name.startswith("map<"):
        return type_name[4:-1].split(",", 1)[1].strip()
    return None


def fields_of(type_name: str) -> dict[str, Field] | None:
    """The fields of an object type; None for scalars, lists and maps."""
    return OBJECTS.get(type_name)


def zero(type_name: str) -> object:
    """The value a field has when the gateway does not know it."""
    if type_name in OBJECTS:
        return {name: zero(f.type) for name, f in OBJECTS[type_name].items()}
    return {"string": "", "int": 0, "double": 0.0, "bool": False}.get(
        type_name, {} if type_name.startswith("map<") else [] if type_name.startswith("list<") else None)


def leaf_paths(type_name: str = ROOT, prefix: str = "") -> list[tuple[str, Field]]:
    """Every documented path (`account.plan`, `scores.cluster.risk`, ...) with its field, in order."""
    out: list[tuple[str, Field]] = []
    for name, f in OBJECTS[type_name].items():
        path = f"{prefix}{name}"
        out.append((path, f))
        if f.type in OBJECTS:
            out.extend(leaf_paths(f.type, path + "."))
        elem = element_type(f.type)
        if elem in OBJECTS:
            out.extend(leaf_paths(elem, path + "[]."))
    return out


def render() -> str:
    """The schema as text for `moat policy schema`."""
    rows = [(path, f.type, f.doc) for path, f in leaf_paths()]
    w1 = max(len(r[0]) for r in rows)
    w2 = max(len(r[1]) for r in rows)
    lines = ["Policy context (every field always present; unknown values are zero / empty)", ""]
    lines += [f"{p:<{w1}}  {t:<{w2}}  {d}" for p, t, d in rows]
    return "\n".join(lines)
