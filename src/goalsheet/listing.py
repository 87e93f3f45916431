"""Rows for `goalsheet list`: plain data the CLI prints as a table or JSON."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from goalsheet.check.registry import Rule
from goalsheet.check.risk_rules import FOLLOW_UP_EXAMPLE
from goalsheet.compute.corrections import effective
from goalsheet.compute.reviews import review_status
from goalsheet.compute.risk import critical_answers
from goalsheet.language.messages import _, pgettext
from goalsheet.model.measures import BUILTIN_MEASURES
from goalsheet.paper.catalogue import load_catalogue
from goalsheet.project import Project


def _text(text: str | None) -> str | None:
    """Text marked for the catalogue, translated (never `_("")`, which is the catalogue's
    header)."""
    return _(text) if text else text


def client_rows(project: Project, today: dt.date) -> list[dict[str, Any]]:
    """One row per client that loaded: goals, last entry, review due."""
    rows = []
    for folder in project.clients:
        sheet = folder.sheet
        if sheet is None:
            continue
        dates = [
            day
            for doc in folder.entries
            for day in [
                *doc.entries.diary,
                *doc.entries.weeks,  # a weekly log's week, by its Monday
                *(r.date for r in doc.entries.ratings),
                *(m.date for m in doc.entries.measures),
                *(r.date for r in doc.entries.reviews),
            ]
        ]
        reviews = [r.date for doc in folder.entries for r in doc.entries.reviews]
        cadence = sheet.review_every or project.config.review_every
        status = review_status(sheet.client.started, reviews, cadence, today)
        entries = effective([doc.entries for doc in folder.entries])
        critical = [c for c in critical_answers(entries, project.measures, today) if c.open]
        rows.append(
            {
                "id": sheet.client.id,
                "therapist": sheet.client.therapist,
                "goals": [
                    {"id": goal.id, "title": goal.title, "status": goal.status}
                    for goal in sheet.goals
                ],
                "active_goals": sum(goal.status == "active" for goal in sheet.goals),
                "prefers_no_goals": sheet.client.prefers_no_goals,
                "last_entry": max(dates).isoformat() if dates else None,
                "review": {
                    "last": status.last.isoformat() if status.last else None,
                    "next_due": status.next_due.isoformat(),
                    "overdue": status.overdue,
                },
                # critical answers (PHQ-9 item 9) with no follow-up recorded: the RISK mark
                "open_critical": len(critical),
                "critical": [c.json() for c in critical],
            }
        )
    return rows


def follow_up_line() -> str:
    """Below the client list when a client is marked: how to clear the mark."""
    # NOTE: below `goalsheet list clients`; {mark} is the RISK mark; {how} says how to
    # record a follow-up (the YAML to add).
    return _("{mark}: a critical answer has no follow-up recorded; {how}").format(
        mark=risk_mark(), how=_(FOLLOW_UP_EXAMPLE).format(date="YYYY-MM-DD", measure="PHQ-9")
    )


def risk_mark() -> str:
    # NOTE: the mark beside a client with an open critical answer in `goalsheet list
    # clients`: short, in capitals.
    return _("RISK")


def worksheet_rows(project_root: Path) -> list[dict[str, Any]]:
    """The worksheet catalogue: id, title, purpose, audience and which versions exist."""
    return [
        {
            "id": w.id,
            "title": _text(w.title),  # the catalogue's titles and purposes are messages too
            "purpose": _text(w.purpose),
            "audience": w.audience,
            "kind": w.kind,
            "version": w.version,
            "personalised": w.personalised,
            "fillable": w.fillable,
            # a pen, a scan, `goalsheet import`: questionnaires, diaries and the weekly log
            "scannable": w.kind in ("measure", "diary") or w.id == "weekly-log",
        }
        for w in load_catalogue(project_root).values()
    ]


def measure_rows(project: Project) -> list[dict[str, Any]]:
    return [
        {
            "id": m.id,
            "title": _text(m.title),
            "items": m.items,
            "item_range": [m.item_min, m.item_max],
            "cutoff": m.cutoff,
            "reliable_change": m.reliable_change,
            "bands": [{"min": b.min, "max": b.max, "label": b.label} for b in m.bands],
            "built_in": m.id in BUILTIN_MEASURES,
        }
        for m in project.measures.values()
    ]


def rule_rows(rules: list[Rule], enabled: set[str]) -> list[dict[str, Any]]:
    return [
        {
            "code": r.code,
            "name": r.name,
            "severity": r.severity.value,
            "summary": _text(r.summary),
            "enabled": r.code in enabled,
        }
        for r in rules
    ]


def rules_markdown(rules: list[Rule]) -> str:
    """The lint rule table for docs/lint-rules.md."""
    lines = [
        "# " + _("Lint rules"),
        "",
        _("Generated by `goalsheet list rules --format markdown`; do not edit by hand."),
        # NOTE: setting is a line of YAML to write in goalsheet.yaml.
        _("Switch a rule off in goalsheet.yaml with `{setting}`.").format(
            setting="lint: {disable: [CODE or name]}"
        ),
        # NOTE: *goals* is the word that marks such rules in the table's last column.
        _("Rules marked *goals* are skipped for a client who prefers not to set explicit goals."),
        # NOTE: *always on* is the word that marks such rules in the table's last column.
        _("Rules marked *always on* (risk answers) cannot be switched off."),
        "",
        # NOTE: the header of the lint rule table in Markdown; keep the "|" between columns.
        _("| code | name | severity | what it finds | |"),
        "|---|---|---|---|---|",
    ]
    for r in rules:
        scope = pgettext("lint rule table", "goals") if r.about_goals else ""
        if r.always_on:
            scope = pgettext("lint rule table", "always on")
        summary = _text(r.summary)
        lines.append(f"| {r.code} | {r.name} | {r.severity.value} | {summary} | {scope} |")
    return "\n".join(lines) + "\n"
