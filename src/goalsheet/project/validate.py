"""Validate a YAML document into a typed record, turning pydantic's errors into findings.

Each finding points at the offending value (or key) in the file and says, in plain words,
what is wrong and how to put it right.
"""

from __future__ import annotations

import difflib
import itertools
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from goalsheet.findings import Finding, GoalsheetError
from goalsheet.language.messages import _
from goalsheet.project.explain import describe, explain
from goalsheet.project.fields import fields_at
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
                        what=describe(data)
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
        message, hint, code = explain(detail, model, source, place)
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
        allowed = sorted(fields_at(model, loc[:-1]))
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        if close:
            pairs.add((source.resolve(loc[:-1]), close[0]))
    return pairs
