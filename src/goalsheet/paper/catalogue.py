"""The worksheet library: what each worksheet is, for whom, and which template draws it."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Literal

from pydantic import Field

from goalsheet.findings import Finding, GoalsheetError
from goalsheet.language.messages import _
from goalsheet.model.base import Record, Slug, Text
from goalsheet.project.validate import validate
from goalsheet.read.folders import probe
from goalsheet.read.yaml_source import read_yaml
from goalsheet.resources import builtin_dir

CATALOGUE = "worksheets/catalogue.yaml"


class Worksheet(Record):
    """One catalogue entry."""

    id: Slug
    title: Text
    purpose: Text
    audience: list[Literal["clients", "parents", "therapists"]]
    template: str
    kind: Literal["worksheet", "diary", "measure"] = "worksheet"
    version: int = Field(default=1, ge=1, description="raise when fields change meaning")
    personalised: bool = Field(default=True, description="has a personalised version")
    fillable: bool = Field(default=True, description="has a fillable PDF version")
    per_client: bool = Field(
        default=False, description="the build makes a personalised copy for every client"
    )
    weeks: int = Field(default=1, ge=1, le=52, description="a diary's default length")
    measure: str | None = None


class _Catalogue(Record):
    worksheets: list[Worksheet]


def load_catalogue(project_root: Path | None) -> dict[str, Worksheet]:
    """Built-in worksheets, with the practice's own catalogue entries added or replacing."""
    builtin = builtin_dir("templates") / CATALOGUE
    files = [(builtin, _("goalsheet's built-in {file}").format(file=CATALOGUE))]
    if project_root is not None:
        own = project_root / "templates" / CATALOGUE
        unreadable: list[Finding] = []
        if not probe(own, project_root, unreadable):  # its folder cannot be searched
            raise GoalsheetError(unreadable)
        if own.is_file() and own.resolve() != builtin.resolve():
            files.append((own, f"templates/{CATALOGUE}"))
    entries: dict[str, Worksheet] = {}
    for file, shown in files:
        for entry in validate(_Catalogue, read_yaml(file, shown)).worksheets:
            entries[entry.id] = entry
    return entries


class UnknownWorksheet(Exception):
    """A worksheet name that is not in the catalogue: the message lists the valid ones."""

    def __init__(self, name: str, known: list[str]) -> None:
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
        guess = _(" Did you mean '{name}'?").format(name=close[0]) if close else ""
        super().__init__(
            _("There is no worksheet called '{name}'.{guess}\nWorksheets: {known}").format(
                name=name, guess=guess, known=", ".join(known)
            )
        )


def find_worksheet(catalogue: dict[str, Worksheet], name: str) -> Worksheet:
    if name not in catalogue:
        raise UnknownWorksheet(name, sorted(catalogue))
    return catalogue[name]
