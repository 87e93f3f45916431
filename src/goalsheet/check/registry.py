"""The lint registry: each rule has a stable code, a name, a one-line summary and a severity.

Rules are small functions over one client's data that yield hits; the registry turns hits
into findings with file positions. Any rule can be switched off in goalsheet.yaml
(`lint: {disable: [GS104]}`) by code or name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from goalsheet.findings import Finding, Severity
from goalsheet.model.client import ClientSheet, Goal
from goalsheet.model.config import Config
from goalsheet.model.entries import EntryFile
from goalsheet.model.measures import MeasureDefinition
from goalsheet.read.yaml_source import Loc, SourceMap


class EntriesAt(Protocol):
    """One entries file as read: its path, its records, and where each value sits."""

    @property
    def path(self) -> str: ...

    @property
    def entries(self) -> EntryFile: ...

    @property
    def source(self) -> SourceMap: ...


@dataclass(frozen=True)
class ClientContext:
    """Everything a rule may look at for one client: model objects and the source maps
    that place findings, never the project. Rules do no I/O and read no clock."""

    entries: Sequence[EntriesAt]
    sheet: ClientSheet
    source: SourceMap
    config: Config
    measures: dict[str, MeasureDefinition]
    today: dt.date

    def active_goals(self) -> Iterator[tuple[int, Goal]]:
        for index, goal in enumerate(self.sheet.goals):
            if goal.status == "active":
                yield index, goal


@dataclass(frozen=True)
class Hit:
    """A rule's finding before it has a position: which file, which value."""

    source: SourceMap
    loc: Loc
    message: str
    hint: str = ""


RuleCheck = Callable[[ClientContext], Iterator[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str  # English, marked with N_(): translate it with _() where it is shown
    severity: Severity
    about_goals: bool  # skipped for a client who prefers not to set explicit goals
    check: RuleCheck
    sheet_optional: bool = False  # runs on entries even when the client's sheet failed to load
    always_on: bool = False  # a risk rule: cannot be switched off, never cut by the cap


RULES: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    summary: str,
    *,
    severity: Severity = Severity.WARNING,
    about_goals: bool,
    sheet_optional: bool = False,
    always_on: bool = False,
) -> Callable[[RuleCheck], RuleCheck]:
    """Register a lint rule under a stable code."""

    def register(check: RuleCheck) -> RuleCheck:
        if code in RULES:  # pragma: no cover - a programming error
            raise ValueError(f"lint rule {code} registered twice")
        RULES[code] = Rule(
            code, name, summary, severity, about_goals, check, sheet_optional, always_on
        )
        return check

    return register


def run_rules(context: ClientContext, enabled: set[str], *, sheet_loaded: bool) -> list[Finding]:
    """Every enabled rule over one client, as positioned findings.

    When the client's sheet failed to load, `context.sheet` is an empty stand-in and only
    the rules that need nothing from it run, so entries are still checked in the same run.
    """
    findings = []
    for code in sorted(enabled):
        active = RULES[code]
        if not sheet_loaded and not active.sheet_optional:
            continue
        if active.about_goals and context.sheet.client.prefers_no_goals:
            continue
        for hit in active.check(context):
            findings.append(
                hit.source.finding(
                    hit.loc, active.code, hit.message, hit.hint, active.severity, active.name
                )
            )
    return findings
