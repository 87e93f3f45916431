"""Where a pydantic error points: how a message names the place (a key, a diary day, "item 2
of 'anchors'"), and which keys the model allows there (for "did you mean")."""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from goalsheet.language.messages import _


def _parts(loc: Sequence[Any]) -> list[Any]:
    return [part for part in loc if not (isinstance(part, str) and part.startswith("function-"))]


def is_key(loc: Sequence[Any]) -> bool:
    """Whether the problem is with a mapping's key (a diary day) rather than a value."""
    parts = _parts(loc)
    return bool(parts) and parts[-1] == "[key]"


def field_name(loc: Sequence[Any]) -> tuple[str, str]:
    """How to name the place in a message: the key, a diary day, or "item N of 'key'";
    and the same as a message starts with it (quoted unless it is an item or a date)."""
    parts = _parts(loc)
    if is_key(loc):
        # NOTE: names a mapping key in messages, e.g. "'key' should be a date".
        name = _("key")
        return name, f"'{name}'"
    for position, part in enumerate(reversed(parts)):
        if isinstance(part, str) and part.startswith("datetime.date("):
            name = _repr_date(part)
            return name, _quoted(name)
        if isinstance(part, str) and not _is_tag(part):
            index = parts[len(parts) - position] if position else None
            if isinstance(index, int):
                # NOTE: names one item of a YAML list, e.g. "item 2 of 'anchors'".
                item = _("item {number} of '{key}'").format(number=index + 1, key=part)
                return item, item
            return part, _quoted(part)
    # NOTE: names a value in messages, e.g. "'value' should be a number".
    name = _("value")
    return name, f"'{name}'"


def _repr_date(text: str) -> str:
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    return dt.date(*numbers[:3]).isoformat() if len(numbers) >= 3 else text


def _is_tag(part: str) -> bool:
    # Union members appear in locations by their tag ("rating") or type name ("str").
    return part in _TAGS


_TAGS = {
    "rating",
    "count",
    "duration",
    "yesno",
    "time",
    "text",
    "abc",
    "str",
    "int",
    "float",
    "bool",
    "list[AbcRecord]",
    "AbcRecord",
}


def _quoted(name: str) -> str:
    return name if name.startswith(("item ", "20")) else f"'{name}'"


def fields_at(model: type[BaseModel], loc: Sequence[Any]) -> set[str]:
    """Key names allowed at `loc` inside `model`: used for "did you mean".

    Walks the model's annotations along the path; parts that name no field (list indexes,
    union members) are stepped over.
    """
    candidates: list[Any] = [model]
    for part in loc:
        following: list[Any] = []
        for candidate in candidates:
            following.extend(_step(candidate, part))
        if following:
            candidates = following
    names: set[str] = set()
    for candidate in candidates:
        for member in _members(candidate):
            if isinstance(member, type) and issubclass(member, BaseModel):
                for field_name, info in member.model_fields.items():
                    names.add(info.alias or field_name)
    return names


def _members(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _members(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for arg in typing.get_args(annotation) for m in _members(arg)]
    return [annotation]


def _step(annotation: Any, part: Any) -> list[Any]:
    result: list[Any] = []
    for member in _members(annotation):
        origin = typing.get_origin(member)
        if isinstance(member, type) and issubclass(member, BaseModel):
            fields = member.model_fields
            if isinstance(part, str) and part in fields:
                result.append(fields[part].annotation)
            elif isinstance(part, str) and part in _tags(member):
                result.append(member)
        elif origin is list and isinstance(part, int):
            result.append(typing.get_args(member)[0])
        elif origin is dict:
            result.append(typing.get_args(member)[1])
    return result


def _tags(model: type[BaseModel]) -> set[str]:
    kind = model.model_fields.get("kind")
    if kind is None:
        return set()
    return {str(arg) for arg in typing.get_args(kind.annotation)}
