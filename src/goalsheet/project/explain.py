"""Each kind of pydantic error in plain words: what is wrong and how to put it right.

A table maps an error's type to the function that explains it; the few kinds that share a
prefix (dates, text YAML read as something else, wrong types) are matched before and after it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from goalsheet.language.messages import N_, _
from goalsheet.project.fields import field_name, fields_at, is_key
from goalsheet.read.yaml_source import Loc, SourceMap

_DATE_TEXT = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")

Explained = tuple[str, str, str]
"""A finding's message, hint and code."""


@dataclass(frozen=True)
class Problem:
    """One pydantic error, with what its explanation needs."""

    detail: ErrorDetails
    model: type[BaseModel]
    name: str  # how a message names the place
    quoted: str  # the same as a message starts with it
    raw: str | None  # the plain YAML text of the value, if it was a plain scalar

    @property
    def kind(self) -> str:
        return self.detail["type"]

    @property
    def value(self) -> Any:
        return self.detail.get("input")

    @property
    def ctx(self) -> dict[str, Any]:
        return self.detail.get("ctx") or {}


def explain(
    detail: ErrorDetails, model: type[BaseModel], source: SourceMap, place: Loc
) -> Explained:
    """The message, hint and code of a finding for one pydantic error."""
    name, quoted = field_name(detail["loc"])
    problem = Problem(detail, model, name, quoted, source.raw_plain.get(place))
    kind = problem.kind
    if problem.raw is not None and kind.startswith("string"):
        return _read_as_other(problem)
    if kind.startswith(("date", "datetime")):
        return _not_a_date(problem)
    if kind in _BY_KIND:
        return _BY_KIND[kind](problem)
    if kind.endswith("_type") or kind.endswith("_parsing") or kind in ("model_type", "dict_type"):
        return _wrong_type(problem)
    return f"{quoted}: {detail['msg']}", "", "GS013"


def _missing(problem: Problem) -> Explained:
    return (
        _("'{name}' is required here").format(name=problem.name),
        _("add '{name}: ...' (see `goalsheet schema` for what it holds)").format(name=problem.name),
        "GS011",
    )


def _unknown_key(problem: Problem) -> Explained:
    allowed = sorted(fields_at(problem.model, problem.detail["loc"][:-1]))
    close = difflib.get_close_matches(str(problem.name), allowed, n=1, cutoff=0.6)
    hint = (
        _("did you mean '{name}'?").format(name=close[0])
        if close
        else _("allowed keys here: {keys}").format(keys=", ".join(allowed))
    )
    return _("unknown key '{name}'").format(name=problem.name), hint, "GS010"


def _not_allowed(problem: Problem) -> Explained:
    kind, ctx = problem.kind, problem.ctx
    expected = ctx.get("expected") or ctx.get("expected_tags") or ""
    options = re.findall(r"'([^']*)'", str(expected))
    shown = problem.value if kind != "union_tag_invalid" else ctx.get("tag")
    close = [_SYNONYMS[str(shown).lower()]] if str(shown).lower() in _SYNONYMS else []
    close = [c for c in close if c in options] or difflib.get_close_matches(
        str(shown), options, n=1, cutoff=0.5
    )
    hint = (
        _("did you mean '{name}'?").format(name=close[0])
        if close
        else _("use one of: {options}").format(options=", ".join(options))
    )
    message = _("'{value}' is not allowed for '{name}'").format(value=shown, name=problem.name)
    return message, hint, "GS013"


def _no_kind(problem: Problem) -> Explained:
    return (
        _("'{name}' is required here").format(
            name=problem.ctx.get("discriminator", "kind").strip(chr(39))
        ),
        # NOTE: 'kind: rating' is YAML; keep it in English.
        _("say what kind it is, e.g. 'kind: rating'"),
        "GS011",
    )


def _read_as_other(problem: Problem) -> Explained:
    return (
        _("'{name}' should be text, but YAML read {raw} as {what}").format(
            name=problem.name, raw=problem.raw, what=describe(problem.value)
        ),
        _(
            "put it in quotes: '{raw}' (YAML 1.1 turns unquoted yes/no/on/off and "
            "numbers with leading zeros into other things)"
        ).format(raw=problem.raw),
        "GS012",
    )


def _not_a_date(problem: Problem) -> Explained:
    value = problem.value
    if is_key(problem.detail["loc"]) or (
        isinstance(value, str) and not _DATE_TEXT.match(value.strip())
    ):
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
        _("'{name}' should be a date, got {what}").format(name=problem.name, what=describe(value)),
        _("write dates as YYYY-MM-DD, e.g. 2026-09-08"),
        "GS014",
    )


def _out_of_range(problem: Problem) -> Explained:
    limit = next(iter(problem.ctx.values()), "?")
    return (
        _(_OUT_OF_RANGE[problem.kind]).format(name=problem.name, value=problem.value, limit=limit),
        _("check the value against its scale"),
        "GS013",
    )


def _no_match(problem: Problem) -> Explained:
    return (
        _("'{value}' is not a valid {name}").format(value=problem.value, name=problem.name),
        _pattern_hint(str(problem.ctx.get("pattern", ""))),
        "GS013",
    )


def _empty(problem: Problem) -> Explained:
    return (
        _("'{name}' is empty").format(name=problem.name),
        _("write something for '{name}', or remove the key").format(name=problem.name),
        "GS013",
    )


def _wrong_length(problem: Problem) -> Explained:
    # pydantic's own wording of the length rule (in English) follows the colon.
    message = _("'{name}' has the wrong length: {problem}").format(
        name=problem.name, problem=problem.detail["msg"].lower()
    )
    return message, "", "GS013"


def _model_says(problem: Problem) -> Explained:
    # The model's own validators raise ValueError with a message already translated.
    message = str(problem.ctx.get("error", problem.detail["msg"]))
    return message.removeprefix("Value error, "), "", "GS013"


def _wrong_type(problem: Problem) -> Explained:
    short = problem.kind.split("_")[0]
    expected = _(_EXPECTED[short]) if short in _EXPECTED else short
    hint = _(_TYPE_HINTS.get(short, _SCHEMA_HINT))
    if problem.raw is not None and short == "string":
        hint = _("YAML read {raw} as {what}; put it in quotes if it is text").format(
            raw=problem.raw, what=describe(problem.value)
        )
    message = _("{name} should be {expected}, got {what}").format(
        name=problem.quoted, expected=expected, what=describe(problem.value)
    )
    return message, hint, "GS012"


_OUT_OF_RANGE = {
    # NOTE: {name} is a key, {value} what was written, {limit} the smallest or largest allowed.
    "greater_than_equal": N_("'{name}' is {value}, outside its range: it must be at least {limit}"),
    "less_than_equal": N_("'{name}' is {value}, outside its range: it must be at most {limit}"),
    "greater_than": N_("'{name}' is {value}, outside its range: it must be more than {limit}"),
    "less_than": N_("'{name}' is {value}, outside its range: it must be less than {limit}"),
}

# Each pydantic error type and what explains it.
_BY_KIND: dict[str, Callable[[Problem], Explained]] = {
    "missing": _missing,
    "extra_forbidden": _unknown_key,
    "literal_error": _not_allowed,
    "enum": _not_allowed,
    "union_tag_invalid": _not_allowed,
    "union_tag_not_found": _no_kind,
    **{kind: _out_of_range for kind in _OUT_OF_RANGE},
    "string_pattern_mismatch": _no_match,
    "string_too_short": _empty,
    "too_short": _wrong_length,
    "too_long": _wrong_length,
    "string_too_long": _wrong_length,
    "value_error": _model_says,
}


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


def describe(value: Any) -> str:
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
