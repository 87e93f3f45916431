"""Validate a YAML document into a typed record, turning pydantic's errors into findings.

Each finding points at the offending value (or key) in the file and says, in plain words,
what is wrong and how to put it right.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
import types
import typing
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from goalsheet.findings import Finding, GoalsheetError
from goalsheet.language.messages import N_, _
from goalsheet.read.yaml_source import (
    MAX_FINDINGS,
    Loc,
    Position,
    SourceMap,
    YamlDocument,
    collector_paused,
    too_many,
)

M = TypeVar("M", bound=BaseModel)

_DATE_TEXT = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


def validate(model: type[M], document: YamlDocument) -> M:
    """The document as `model`, or GoalsheetError with one finding per problem."""
    data = {} if document.data is None else document.data
    if not isinstance(data, dict):
        raise GoalsheetError(
            [
                Finding(
                    document.source.path,
                    1,
                    1,
                    "GS012",
                    _("expected a mapping of keys at the top of the file, got {what}").format(
                        what=_describe(data)
                    ),
                    # NOTE: 'client:' is YAML; keep it in English.
                    _("start the file with keys such as 'client:'"),
                )
            ]
        )
    with collector_paused():  # a hopeless file's errors are many objects, none in a cycle
        try:
            return model.model_validate(data)
        except ValidationError as error:
            raise GoalsheetError(findings_from(error, model, document.source)) from None


def findings_from(
    error: ValidationError, model: type[BaseModel], source: SourceMap
) -> list[Finding]:
    """One finding per place, from a pydantic ValidationError: at most MAX_FINDINGS of
    them, then one that says how many more there are (explaining 150,000 problems in a
    file that is not a goalsheet file at all would take minutes, for nobody to read)."""
    findings: dict[Loc, Finding] = {}
    details = error.errors(include_url=False)
    misspelt = _misspelt_required(details, model, source)
    more: set[Loc] = set()
    first_more = Position(1, 1)
    for detail in details:
        loc = tuple(detail["loc"])
        place = source.resolve(loc)
        if detail["type"] == "missing" and (place, loc[-1]) in misspelt:
            continue  # "unknown key 'tittle', did you mean 'title'?" already says it
        is_key = detail["type"] == "extra_forbidden" or (loc and loc[-1] == "[key]")
        key = (*place, "[key]") if is_key else place
        if key in findings:
            continue  # one message per place: a union reports once per member
        if len(findings) >= MAX_FINDINGS:
            if not more:  # errors come in the file's order: this one is the first not listed
                where = (source.key_position(place) if is_key else None) or source.locate(loc)
                first_more = Position(where.line, where.column)
            more.add(key)
            continue
        where = (source.key_position(place) if is_key else None) or source.locate(loc)
        message, hint, code = _explain(detail, model, source, place)
        findings[key] = Finding(source.path, where.line, where.column, code, message, hint)
    listed = sorted(findings.values())
    return [*listed, too_many(source.path, len(more), first_more)] if more else listed


def _misspelt_required(
    details: list[ErrorDetails], model: type[BaseModel], source: SourceMap
) -> set[tuple[Loc, Any]]:
    """(parent, field) pairs where a required field is missing but an unknown key is close.
    Looks at the first unknown keys only: enough for a typo, cheap for a hopeless file."""
    pairs = set()
    unknown = (tuple(d["loc"]) for d in details if d["type"] == "extra_forbidden")
    for loc in itertools.islice(unknown, 4 * MAX_FINDINGS):
        allowed = sorted(_fields_at(model, loc[:-1]))
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        if close:
            pairs.add((source.resolve(loc[:-1]), close[0]))
    return pairs


def _parts(loc: Sequence[Any]) -> list[Any]:
    return [part for part in loc if not (isinstance(part, str) and part.startswith("function-"))]


def _is_key(loc: Sequence[Any]) -> bool:
    """Whether the problem is with a mapping's key (a diary day) rather than a value."""
    parts = _parts(loc)
    return bool(parts) and parts[-1] == "[key]"


def _field_name(loc: Sequence[Any]) -> tuple[str, str]:
    """How to name the place in a message: the key, a diary day, or "item N of 'key'";
    and the same as a message starts with it (quoted unless it is an item or a date)."""
    parts = _parts(loc)
    if _is_key(loc):
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


def _explain(
    detail: ErrorDetails, model: type[BaseModel], source: SourceMap, place: Loc
) -> tuple[str, str, str]:
    kind = detail["type"]
    loc = detail["loc"]
    value = detail.get("input")
    ctx = detail.get("ctx") or {}
    name, quoted = _field_name(loc)
    raw = source.raw_plain.get(place)

    if kind == "missing":
        return (
            _("'{name}' is required here").format(name=name),
            _("add '{name}: ...' (see `goalsheet schema` for what it holds)").format(name=name),
            "GS011",
        )
    if kind == "extra_forbidden":
        allowed = sorted(_fields_at(model, loc[:-1]))
        close = difflib.get_close_matches(str(name), allowed, n=1, cutoff=0.6)
        hint = (
            _("did you mean '{name}'?").format(name=close[0])
            if close
            else _("allowed keys here: {keys}").format(keys=", ".join(allowed))
        )
        return _("unknown key '{name}'").format(name=name), hint, "GS010"
    if kind in ("literal_error", "enum", "union_tag_invalid"):
        expected = ctx.get("expected") or ctx.get("expected_tags") or ""
        options = re.findall(r"'([^']*)'", str(expected))
        shown = value if kind != "union_tag_invalid" else ctx.get("tag")
        close = [_SYNONYMS[str(shown).lower()]] if str(shown).lower() in _SYNONYMS else []
        close = [c for c in close if c in options] or difflib.get_close_matches(
            str(shown), options, n=1, cutoff=0.5
        )
        hint = (
            _("did you mean '{name}'?").format(name=close[0])
            if close
            else _("use one of: {options}").format(options=", ".join(options))
        )
        message = _("'{value}' is not allowed for '{name}'").format(value=shown, name=name)
        return message, hint, "GS013"
    if kind == "union_tag_not_found":
        return (
            _("'{name}' is required here").format(
                name=ctx.get("discriminator", "kind").strip(chr(39))
            ),
            # NOTE: 'kind: rating' is YAML; keep it in English.
            _("say what kind it is, e.g. 'kind: rating'"),
            "GS011",
        )
    if raw is not None and kind.startswith("string"):
        return (
            _("'{name}' should be text, but YAML read {raw} as {what}").format(
                name=name, raw=raw, what=_describe(value)
            ),
            _(
                "put it in quotes: '{raw}' (YAML 1.1 turns unquoted yes/no/on/off and "
                "numbers with leading zeros into other things)"
            ).format(raw=raw),
            "GS012",
        )
    if kind.startswith(("date", "datetime")):
        if _is_key(loc) or (isinstance(value, str) and not _DATE_TEXT.match(value.strip())):
            return (
                _("'{value}' is not a date").format(value=value),
                _("write dates as YYYY-MM-DD, e.g. 2026-09-08"),
                "GS014",
            )
        if isinstance(value, str) and _DATE_TEXT.match(value.strip()):
            return (
                _("'{value}' is not a real date").format(value=value),
                _("check the day and month; dates are written YYYY-MM-DD"),
                "GS014",
            )
        return (
            _("'{name}' should be a date, got {what}").format(name=name, what=_describe(value)),
            _("write dates as YYYY-MM-DD, e.g. 2026-09-08"),
            "GS014",
        )
    if kind in _OUT_OF_RANGE:
        limit = next(iter(ctx.values()), "?")
        return (
            _(_OUT_OF_RANGE[kind]).format(name=name, value=value, limit=limit),
            _("check the value against its scale"),
            "GS013",
        )
    if kind == "string_pattern_mismatch":
        return (
            _("'{value}' is not a valid {name}").format(value=value, name=name),
            _pattern_hint(str(ctx.get("pattern", ""))),
            "GS013",
        )
    if kind in ("too_short", "too_long", "string_too_short", "string_too_long"):
        if kind == "string_too_short":
            return (
                _("'{name}' is empty").format(name=name),
                _("write something for '{name}', or remove the key").format(name=name),
                "GS013",
            )
        # pydantic's own wording of the length rule (in English) follows the colon.
        message = _("'{name}' has the wrong length: {problem}").format(
            name=name, problem=detail["msg"].lower()
        )
        return message, "", "GS013"
    if kind == "value_error":
        # The model's own validators raise ValueError with a message already translated.
        message = str(ctx.get("error", detail["msg"]))
        return message.removeprefix("Value error, "), "", "GS013"
    if kind.endswith("_type") or kind.endswith("_parsing") or kind in ("model_type", "dict_type"):
        short = kind.split("_")[0]
        expected = _(_EXPECTED[short]) if short in _EXPECTED else short
        hint = _(_TYPE_HINTS.get(short, _SCHEMA_HINT))
        if raw is not None and short == "string":
            hint = _("YAML read {raw} as {what}; put it in quotes if it is text").format(
                raw=raw, what=_describe(value)
            )
        message = _("{name} should be {expected}, got {what}").format(
            name=quoted, expected=expected, what=_describe(value)
        )
        return message, hint, "GS012"
    return f"{quoted}: {detail['msg']}", "", "GS013"


_OUT_OF_RANGE = {
    # NOTE: {name} is a key, {value} what was written, {limit} the smallest or largest allowed.
    "greater_than_equal": N_("'{name}' is {value}, outside its range: it must be at least {limit}"),
    "less_than_equal": N_("'{name}' is {value}, outside its range: it must be at most {limit}"),
    "greater_than": N_("'{name}' is {value}, outside its range: it must be more than {limit}"),
    "less_than": N_("'{name}' is {value}, outside its range: it must be less than {limit}"),
}


def _quoted(name: str) -> str:
    return name if name.startswith(("item ", "20")) else f"'{name}'"


_SCHEMA_HINT = N_("see `goalsheet schema` for the expected shape")

_TYPE_HINTS = {
    # NOTE: the YAML in this hint ([a, b] and '- item') stays as it is.
    "list": N_("write a list: [a, b] on one line, or one '- item' per line"),
    # NOTE: the YAML in this hint ({key: value} and 'key: value') stays as it is.
    "dict": N_("write keys and values: {key: value} on one line, or one 'key: value' per line"),
    "model": N_("write keys and values: {key: value} on one line, or one 'key: value' per line"),
    # NOTE: yes and no are the words YAML reads as true and false; keep them in English.
    "bool": N_("write yes or no"),
    "int": N_("write a whole number, e.g. 3"),
    "float": N_("write a number, e.g. 2.5"),
    "string": N_("write text; put it in quotes if it contains ': ' or starts with a symbol"),
}


# Words people write for a goal's status, and the status they mean.
_SYNONYMS = {
    "done": "achieved",
    "complete": "achieved",
    "completed": "achieved",
    "finished": "achieved",
    "met": "achieved",
    "reached": "achieved",
    "stopped": "dropped",
    "abandoned": "dropped",
    "closed": "dropped",
    "on hold": "paused",
    "hold": "paused",
    "open": "active",
    "current": "active",
    "ongoing": "active",
    "changed": "revised",
    "up": "increase",
    "more": "increase",
    "down": "decrease",
    "less": "decrease",
    "same": "maintain",
}

# What a value should be, as in "'started' should be a date, got the number 3".
_EXPECTED = {
    "string": N_("text"),
    "int": N_("a whole number"),
    "float": N_("a number"),
    # NOTE: as in "'youth' should be yes or no"; yes and no are YAML words.
    "bool": N_("yes or no"),
    "list": N_("a list"),
    "dict": N_("a mapping of keys"),
    "model": N_("a mapping of keys"),
    "date": N_("a date"),
}


def _pattern_hint(pattern: str) -> str:
    if "day|days" in pattern:
        # NOTE: the units stay in English: goalsheet.yaml reads "6 weeks", "30 days", "3 months".
        return _('write a number and a unit, e.g. "6 weeks", "30 days" or "3 months"')
    if pattern.startswith("^#"):
        return _('write a colour as #rrggbb, e.g. "#1f5f7a" (in quotes)')
    if "https?" in pattern:
        return _("write the full address, starting with https://")
    if "[A-Za-z0-9][A-Za-z0-9_.-]" in pattern:
        return _("IDs use letters, digits, '-', '_' or '.', and start with a letter or digit")
    if pattern.startswith("^[a-z]{2,3}"):
        return _("write a language, with its region if you like: es, en_GB, en_US, es_ES")
    return _("it must match {pattern}").format(pattern=pattern)


def _describe(value: Any) -> str:
    """What YAML read, as in "got the number 3" (a phrase that goes into a message)."""
    if value is None:
        return _("nothing (empty)")
    if isinstance(value, bool):
        # NOTE: what YAML read an unquoted yes/no/on/off as: "YAML read on as yes".
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return _("the number {number}").format(number=value)
    if isinstance(value, dt.date):
        return _("the date {date}").format(date=value.isoformat())
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def _fields_at(model: type[BaseModel], loc: Sequence[Any]) -> set[str]:
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
