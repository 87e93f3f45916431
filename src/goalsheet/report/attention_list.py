"""The internal attention list: who needs contact and why, from a loaded project.

Client IDs only, for the practice's own eyes: written to private/ (never the site), marked
"Internal: not for sharing" on every page. As JSON, text, HTML or PDF; `goalsheet attention`
prints it and `goalsheet build` writes private/attention.html and .pdf.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from goalsheet.compute.caseload_attention import (
    ClientState,
    Contact,
    caseload_attention,
    last_entry,
)
from goalsheet.compute.corrections import effective
from goalsheet.language.catalogues import html_lang
from goalsheet.language.messages import N_, _, active_locale, using
from goalsheet.paper.names import PAPER_CSS
from goalsheet.project import Project
from goalsheet.render.environment import template_dirs
from goalsheet.render.pdf import html_to_pdf
from goalsheet.render.template import render_template
from goalsheet.report.figures import client_progress
from goalsheet.report.names import ATTENTION_FILE, Medium
from goalsheet.resources import builtin_dir

__all__ = [
    "ATTENTION_FILE",
    "AttentionList",
    "attention_figures",
    "attention_list_json",
    "attention_report",
    "attention_text",
]

# Said under the list (and in the template) when a critical answer is on it.
_CLEARS = N_(
    "A critical answer leaves this list once its follow-up is recorded in the client's "
    "entries (follow_ups: date, answer_date, measure, by, note); it stays in the client's "
    "report."
)

TEMPLATE = "report/attention.html.j2"


@dataclass(frozen=True)
class AttentionList:
    """Who needs contact as of a date, and why: a row per client and reason."""

    as_of: dt.date
    weeks: int  # no data for this many weeks is a reason
    clients: int  # clients looked at
    contacts: tuple[Contact, ...]


def attention_figures(project: Project, today: dt.date, weeks: int | None = None) -> AttentionList:
    """The list as of `today`, most urgent first."""
    weeks = weeks or project.config.lint.no_data_weeks
    states = [
        ClientState(
            folder.sheet.client.id,
            client_progress(project, folder, today),
            folder.sheet.client.started,
            last_entry(effective([doc.entries for doc in folder.entries]), today),
        )
        for folder in project.clients
        if folder.sheet is not None
    ]
    contacts = caseload_attention(states, today, weeks)
    return AttentionList(today, weeks, len(states), tuple(contacts))


def attention_list_json(figures: AttentionList) -> dict[str, Any]:
    """The list as plain data (the JSON output): as_of, weeks, clients looked at, rows."""
    return {
        "internal": True,
        "as_of": figures.as_of.isoformat(),
        "weeks": figures.weeks,
        "clients": figures.clients,
        "clients_listed": len({c.client for c in figures.contacts}),
        "contacts": [c.json() for c in figures.contacts],
    }


def attention_text(figures: AttentionList) -> list[str]:
    """The list as lines of text: a header, then one line per client and reason."""
    lines = [
        # NOTE: the first line of the attention list: it names clients (by ID) at risk.
        _("Internal: not for sharing. Who needs contact, as of {date}").format(
            date=figures.as_of.isoformat()
        ),
    ]
    contacts = figures.contacts
    if not contacts:
        lines.append(_("No one needs contact for these reasons."))
        return lines
    for contact in contacts:
        mark = "!" if contact.urgent else " "
        reason = _reason(contact.reason)
        lines.append(f"{mark} {contact.client:<10} {reason:<24} {contact.message}")
    if any(c.reason == "critical" for c in contacts):
        lines.append(_(_CLEARS))
    return lines


def attention_report(
    project: Project, medium: Medium, today: dt.date, weeks: int | None = None
) -> bytes:
    """The list as HTML or PDF bytes, in the practice's language."""
    with using(project.config.locale):
        figures = attention_figures(project, today, weeks)
        config = project.config
        context = {
            "page": {
                "title": _("Attention list"),
                "lang": html_lang(active_locale()),
                "paper_css": PAPER_CSS[config.paper],
                "medium": medium,
                "audience": "clinician",
                "as_of": today,
                "practice": {
                    "name": config.practice.name,
                    "contact": config.practice.contact,
                    "crisis_line": config.crisis_text(),
                    "colours": config.practice.colours.model_dump(),
                },
                "mark": _("Internal: not for sharing"),
            },
            "attention": {
                **attention_list_json(figures),
                "contacts": [
                    {**c.json(), "reason_text": _reason(c.reason)} for c in figures.contacts
                ],
            },
        }
        html = render_template(project.root, TEMPLATE, context)
    if medium == "html":
        return html.encode()

    return html_to_pdf(
        html,
        base_url=builtin_dir("templates"),
        roots=[*template_dirs(project.root), project.root],
    )


def _reason(reason: str) -> str:
    texts = {
        # NOTE: reasons in the attention list's "why" column.
        "critical": _("critical answer"),
        "deterioration": _("reliable deterioration"),
        "review_overdue": _("review overdue"),
        "no_recent_data": _("no recent data"),
    }
    return texts.get(reason, reason)
