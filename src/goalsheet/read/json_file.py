"""A JSON file from outside (a FHIR Bundle from a records system), read safely: the size
cap, UTF-8 and binary checks of read_text, then the parser within a nesting cap. Every
problem is a GoalsheetError naming the file, and for bad JSON the line and column."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from goalsheet.findings import Finding, GoalsheetError
from goalsheet.language import formats
from goalsheet.language.messages import _
from goalsheet.read.json_text import TooDeep, loads
from goalsheet.read.text import read_text

MAX_JSON_BYTES = 40_000_000
"""Far above one client's export (the demo's largest is about 110 kB; 5,000 questionnaires,
years of daily PHQ-9 and GAD-7, make 35 MB, read in about 2 s and 170 MB), below what would
tie up a laptop; a larger file is refused before it is parsed."""

MAX_JSON_DEPTH = 40
"""A FHIR Bundle nests about 10 levels; questionnaire groups add a few each."""


def read_json_file(file: Path, display: str, *, split_hint: str) -> Any:
    text = read_text(file, display, max_bytes=MAX_JSON_BYTES, kind="JSON", split_hint=split_hint)
    try:
        return loads(text, max_depth=MAX_JSON_DEPTH)
    except TooDeep:
        raise _error(
            display,
            1,
            1,
            _("the JSON nests more than {limit} levels deep").format(
                limit=formats.count(MAX_JSON_DEPTH)
            ),
            _("this is not a file goalsheet can read; ask for a plain export"),
        ) from None
    except json.JSONDecodeError as error:
        raise _error(
            display,
            error.lineno,
            error.colno,
            # the line and column in the words too: the import's summary shows only these
            _("this is not valid JSON: {problem}").format(
                problem=f"{error.msg} (line {error.lineno}, column {error.colno})"
            ),
            _("check the file is complete (not cut short) and is the JSON export itself"),
        ) from None
    except ValueError as error:  # e.g. a number too long to convert
        raise _error(
            display,
            1,
            1,
            _("this is not valid JSON: {problem}").format(problem=error),
            _("check the file is the JSON export itself"),
        ) from None


def _error(display: str, line: int, column: int, message: str, hint: str) -> GoalsheetError:
    return GoalsheetError([Finding(display, line, column, "GS409", message, hint)])
