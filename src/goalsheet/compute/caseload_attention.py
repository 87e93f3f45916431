"""Who in the caseload needs contact, and why: the internal attention list.

Pure: each client's `Progress` (`compute.progress`), start date and last entry in; one
row per client and reason out, most urgent first: critical answers not yet followed up
(oldest first: they have waited longest), reliable deterioration, reviews overdue, and no
data for `weeks` weeks. Client IDs only: no names, no goal titles (they can name people).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypedDict

from goalsheet.compute.figures import AttentionItem, Progress
from goalsheet.language.messages import ngettext
from goalsheet.model.entries import EntryFile

NO_DATA_WEEKS = 3  # weeks with no diary day, rating or questionnaire (lint.no_data_weeks)

# The reasons, most urgent first; the list is sorted by this, then date, then client.
REASONS = ("critical", "deterioration", "review_overdue", "no_recent_data")
URGENT = {"critical", "deterioration"}


@dataclass(frozen=True)
class ClientState:
    """What the attention list reads of one client."""

    client: str
    figures: Progress  # as of the list's date
    started: dt.date
    last_entry: dt.date | None  # the latest date anything was recorded for, up to the list's


class ContactJson(TypedDict):
    """A `Contact` in the attention list's JSON."""

    client: str
    reason: str
    urgent: bool
    date: str | None
    message: str


@dataclass(frozen=True)
class Contact:
    """One reason to contact one client."""

    client: str
    reason: str  # one of REASONS
    date: str | None  # ISO: the critical answer's, the review's due date, the last entry's
    message: str

    @property
    def urgent(self) -> bool:
        return self.reason in URGENT

    def json(self) -> ContactJson:
        return {
            "client": self.client,
            "reason": self.reason,
            "urgent": self.urgent,
            "date": self.date,
            "message": self.message,
        }


def last_entry(entries: Iterable[EntryFile], today: dt.date) -> dt.date | None:
    """The latest day, up to `today`, of a diary day, weekly log, rating, questionnaire or
    session review."""
    days = [
        day
        for e in entries
        for day in [
            *e.diary,
            *e.weeks,
            *(r.date for r in e.ratings),
            *(m.date for m in e.measures),
            *(r.date for r in e.reviews),
        ]
        if day <= today
    ]
    return max(days, default=None)


def caseload_attention(
    clients: Iterable[ClientState], today: dt.date, weeks: int = NO_DATA_WEEKS
) -> list[Contact]:
    """Every reason to contact every client, most urgent first."""
    rows: list[Contact] = []
    for state in clients:
        rows.extend(_reasons(state, today, weeks))
    return sorted(rows, key=lambda r: (REASONS.index(r.reason), r.date or "", r.client))


def _reasons(state: ClientState, today: dt.date, weeks: int) -> list[Contact]:
    # The clinician report's own list, without goal titles.
    rows = [
        Contact(state.client, item.kind, _date(item, state.figures), item.message)
        for item in state.figures.attention
        if item.kind in ("critical", "deterioration", "review_overdue")
    ]
    quiet = _quiet(state, today, weeks)
    return rows if quiet is None else [*rows, quiet]


def _date(item: AttentionItem, figures: Progress) -> str | None:
    """The row's date: the critical answer's, the latest questionnaire's, the review's due."""
    if item.kind == "critical":
        return item.date.isoformat() if item.date else None
    if item.kind == "deterioration":
        return next(
            (c.latest.date.isoformat() for c in figures.changes if c.measure == item.measure),
            None,
        )
    return figures.review.next_due.isoformat()


def _quiet(state: ClientState, today: dt.date, weeks: int) -> Contact | None:
    """A row when nothing has been recorded for `weeks` weeks or more."""
    client = state.client
    since = state.last_entry or state.started
    quiet = (today - since).days // 7
    if quiet >= weeks:
        if state.last_entry is None:
            # NOTE: in the attention list: a client with no data at all since they started.
            message = ngettext(
                "nothing recorded since the start on {date} ({n} week ago)",
                "nothing recorded since the start on {date} ({n} weeks ago)",
                quiet,
            )
        else:
            # NOTE: in the attention list: a client whose last diary day, rating or
            # questionnaire is {n} weeks old.
            message = ngettext(
                "no data for {n} week: the last entry is of {date}",
                "no data for {n} weeks: the last entry is of {date}",
                quiet,
            )
        date = since.isoformat()
        return Contact(client, "no_recent_data", date, message.format(n=quiet, date=date))
    return None
