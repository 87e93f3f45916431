"""`--accept p1:item5=2`: what a person decided about an unclear row, after looking at it
on the review page. An accepted row is read as that value (or as left empty, "none")."""

from __future__ import annotations

import dataclasses

from goalsheet.intake.scan.read import PageReading, RowReading
from goalsheet.language.messages import _

NONE_WORDS = ("none", "blank", "empty")


class BadAccept(ValueError):
    """An --accept that is not KEY=VALUE."""


def parse_accepted(given: tuple[str, ...]) -> dict[str, str]:
    accepted = {}
    for text in given:
        key, sep, value = text.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise BadAccept(
                _("--accept takes KEY=VALUE as the review page shows it, e.g. "
                  "p1:item5=2 or p1:item5=none; not '{text}'").format(text=text)
            )  # fmt: skip
        accepted[key.strip()] = value.strip().lower()
    return accepted


def row_key(page: int, row: RowReading) -> str:
    return f"p{page}:{row.key}"


def apply_accepted(reading: PageReading, page: int, accepted: dict[str, str]) -> list[str]:
    """Read each accepted row as the person decided; the keys used. A value the row cannot
    take leaves it unclear, with the reason."""
    used = []
    for index, row in enumerate(reading.rows):
        decision = accepted.get(row_key(page, row))
        if decision is None:
            continue
        used.append(row_key(page, row))
        values = {str(mark.circle.value) for mark in row.marks}
        if decision in NONE_WORDS:
            reading.rows[index] = dataclasses.replace(row, value=None, unclear=None)
        elif decision in values:
            reading.rows[index] = dataclasses.replace(row, value=int(decision), unclear=None)
        else:
            why = _("--accept gave '{value}', which this row cannot hold ({values})").format(
                value=decision, values=", ".join(sorted(values, key=int)) + ", none"
            )
            reading.rows[index] = dataclasses.replace(row, value=None, unclear=why)
    return used
