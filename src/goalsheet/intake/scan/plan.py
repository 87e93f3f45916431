"""The plan a scanned page was printed with, from what its QR code says: the questionnaire's
rating rows, or the diary's page as printed for the client's trackers then. A page whose
plan cannot be known is Unreadable, with the reason for a person."""

from __future__ import annotations

import datetime as dt

from goalsheet.intake.scan.locate import Unreadable
from goalsheet.language.messages import _
from goalsheet.model.measures import MeasureDefinition
from goalsheet.paper.scannable.diary import (
    DIARY_FORMS,
    WEEKLY_FORM,
    diary_plans,
    specs_hash,
    tracker_specs,
)
from goalsheet.paper.scannable.layout import READABLE_LAYOUTS, PagePlan
from goalsheet.paper.scannable.page import measure_plan
from goalsheet.paper.scannable.payload import Payload
from goalsheet.project import Project


def plan_for(project: Project, payload: Payload) -> PagePlan:
    """The page's plan, in the layout version its code names."""
    if payload.layout not in READABLE_LAYOUTS:
        raise Unreadable(
            _("the page was printed by another version of goalsheet (layout {layout}); "
              "print a fresh copy").format(layout=payload.layout)
        )  # fmt: skip
    if payload.form in (*DIARY_FORMS, WEEKLY_FORM):
        return _diary_plan(project, payload)
    return measure_plan(measure_of(project, payload), payload.paper, payload.layout)


def measure_of(project: Project, payload: Payload) -> MeasureDefinition:
    """The questionnaire the page is a copy of."""
    for measure in project.measures.values():
        if measure.id.lower() == payload.form:
            return measure
    raise Unreadable(
        _("the page is a '{form}', which this project cannot read").format(form=payload.form)
    )


def _diary_plan(project: Project, payload: Payload) -> PagePlan:
    """The page of the diary as it was printed, if the client's trackers are still the
    ones it was printed with."""
    folder = project.client(payload.client or "")
    if folder is None or folder.sheet is None:
        raise Unreadable(
            _("the diary is for client {client}, who cannot be found here").format(
                client=payload.client)
        )  # fmt: skip
    weekly = payload.form == WEEKLY_FORM
    specs = tracker_specs(folder.sheet.trackers, weekly)
    if specs_hash(specs) != payload.trackers or not payload.start or not payload.days:
        raise Unreadable(
            _("the client's trackers have changed since this diary was printed, so its rows "
              "cannot be matched; print a fresh diary (the old one's values can be typed in)")
        )  # fmt: skip
    start = dt.date.fromisoformat(payload.start)
    plans = diary_plans(specs, start, payload.days, payload.paper, weekly, payload.layout)
    if payload.page > len(plans):
        raise Unreadable(_("the page number on the code does not fit the diary"))
    return plans[payload.page - 1]
