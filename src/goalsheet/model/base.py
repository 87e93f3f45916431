"""Shared building blocks of the typed records: strictness, IDs, cadences."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from goalsheet.language.cadence import CADENCE_PATTERN

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"


class Record(BaseModel):
    """A validated, immutable record read from YAML. Unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


Slug = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]
"""An identifier: letters, digits, '-', '_' and '.', starting with a letter or digit."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
"""Free text in someone's own words: never empty."""

Cadence = Annotated[str, StringConstraints(pattern=CADENCE_PATTERN)]
"""How often something recurs, e.g. "6 weeks", "30 days", "3 months"."""


Locale = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(_[A-Z]{2})?$")]
"""A locale: a language, optionally with its region, e.g. es, en_GB, es_ES."""
