"""Reading a JSON document field by field, so that one bad field costs only that field.

``msgspec.convert`` refuses a whole document for one wrong-typed value; a user who mistyped one
preference then lost every other one. Here each field is tried alone (nested structs field by
field too); the ones that fail take their default and are listed by their path.
"""

from __future__ import annotations

import re
from typing import TypeVar

import msgspec

S = TypeVar("S", bound=msgspec.Struct)
_WHERE = re.compile(r" - at `\$[^`]*`$")  # msgspec's " - at `$.chart.style`": we name the field ourselves


def salvage(raw: dict, kind: type[S], prefix: str = "") -> tuple[S, list[tuple[str, str]]]:
    """``raw`` as a ``kind`` (every field of which has a default), and the fields it could not
    use as ``(path, why)`` pairs, e.g. ``("chart.style", "Expected `str`, got `int`")``."""
    fields = {f.encode_name: f for f in msgspec.structs.fields(kind)}
    good: dict[str, object] = {}
    bad: list[tuple[str, str]] = []
    for key, value in raw.items():
        field = fields.get(key)
        if field is None:
            continue  # an unknown key: ignored, as a whole-document decode ignores it
        try:
            msgspec.convert({key: value}, kind)
        except msgspec.ValidationError as exc:
            if _is_struct(field.type) and isinstance(value, dict):
                part, inner = salvage(value, field.type, f"{prefix}{key}.")
                good[key] = msgspec.to_builtins(part)
                bad.extend(inner)
            else:
                bad.append((prefix + key, _WHERE.sub("", str(exc))))
        else:
            good[key] = value
    return msgspec.convert(good, kind), bad


def _is_struct(kind: object) -> bool:
    return isinstance(kind, type) and issubclass(kind, msgspec.Struct)
