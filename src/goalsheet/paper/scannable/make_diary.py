"""Make a scannable diary or weekly log PDF (`goalsheet diary --client ID --scannable`,
`goalsheet worksheet weekly-log --client ID --scannable`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from goalsheet.language.catalogues import html_lang
from goalsheet.language.messages import _, active_locale, using
from goalsheet.model.client import ClientSheet
from goalsheet.model.config import Config
from goalsheet.paper.scannable.diary import (
    NOTICED,
    WEEKLY_FORM,
    diary_plans,
    has_circles,
    specs_hash,
    tracker_specs,
)
from goalsheet.paper.scannable.layout import LAYOUT_VERSION, PAPER_MM, PagePlan
from goalsheet.paper.scannable.page import page_pdf, qr_svg
from goalsheet.paper.scannable.payload import Payload
from goalsheet.paper.scannable.week_grid import TooWide
from goalsheet.paper.scannable.week_sheet import grid_sheet, tracker_hint
from goalsheet.render.template import render_template

DIARY_TEMPLATE = "scan/diary.html.j2"


class NothingToScan(ValueError):
    """A client without a tracker a circle can hold, or a weekly log not on a Monday."""


def _firsts(plan: PagePlan) -> tuple[set[str], set[str]]:
    """The keys of the rows (and boxes) that begin a day, and of those that begin a
    tracker's rows (its label is written there; a number's other digits are named)."""
    parts = sorted([(r.y, r.key, r.day or "", r.label) for r in plan.rows]
                   + [(b.y, b.key, b.day, b.label) for b in plan.boxes])  # fmt: skip
    days: set[str] = set()
    first_day, first_tracker = set(), set()
    seen: set[tuple[str, str]] = set()
    for _y, key, day, label in parts:
        if day not in days:
            days.add(day)
            first_day.add(key)
        if (day, label) not in seen:
            seen.add((day, label))
            first_tracker.add(key)
    return first_day, first_tracker


def scannable_diary_html(
    project_root: Path | None,
    config: Config,
    sheet: ClientSheet,
    form: str,
    start: dt.date,
    days: int,
    paper: str,
) -> str:
    weekly = form == WEEKLY_FORM
    specs = tracker_specs(sheet.trackers, weekly)
    if not has_circles(specs):
        raise NothingToScan(
            _("{client} has no trackers a scannable diary can hold (ratings, counts, minutes "
              "or yes/no)").format(client=sheet.client.id)
        )  # fmt: skip
    if weekly and start.weekday() != 0:
        monday = start - dt.timedelta(days=start.weekday())
        raise NothingToScan(
            _("a weekly log's weeks start on a Monday, as in reports; {day} is not one: "
              "use --start {monday}").format(day=start, monday=monday)
        )  # fmt: skip
    with using(sheet.client.locale or config.locale):
        try:
            plans = diary_plans(specs, start, days, paper, weekly)
        except TooWide as error:
            raise NothingToScan(
                _("{tracker} has too many points for one row of circles: give it a shorter "
                  "scale (at most about 20 points) or use the printed diary").format(
                      tracker=str(error))
            ) from None  # fmt: skip
        sheets: list[dict[str, Any]] = []
        for number, plan in enumerate(plans, start=1):
            payload = Payload(form, LAYOUT_VERSION, paper, sheet.client.id, number, len(plans),
                              start.isoformat(), days, specs_hash(specs))  # fmt: skip
            page_sheet = {"plan": plan, "qr": qr_svg(payload.encode())}
            if weekly:
                first_day, first_tracker = _firsts(plan)
                page_sheet |= {"grid": False, "first_of_day": first_day,
                               "first_of_tracker": first_tracker}  # fmt: skip
            else:
                page_sheet |= grid_sheet(plan, {s.id: s.kind for s in specs})
            sheets.append(page_sheet)
        trackers = {t.id: t for t in sheet.trackers}
        labels = {s.id: _(trackers[s.id].label) for s in specs if s.id in trackers}
        labels[NOTICED] = _("What I noticed")
        titles = {"daily-diary": _("Daily diary"), "baseline-diary": _("Baseline diary"),
                  WEEKLY_FORM: _("Weekly log")}  # fmt: skip
        width, height = PAPER_MM[paper]
        context = {
            "sheets": sheets,
            "width": width,
            "height": height,
            "page": {
                "lang": html_lang(active_locale()),
                "title": titles[form],
                "weekly": weekly,
                "practice": _(config.practice.name),
                "mark": _("Confidential · {client}").format(client=sheet.client.id),
                "labels": labels,
                "hints": {s.id: tracker_hint(trackers[s.id]) for s in specs if s.id in trackers},
                "crisis_line": config.crisis_text(),
                "kinds": {s.id: s.kind for s in specs},
                "form_label": f"goalsheet {form} scan v{LAYOUT_VERSION} · {paper}",
            },
        }
        return render_template(project_root, DIARY_TEMPLATE, context)


def scannable_diary_pdf(
    project_root: Path | None,
    config: Config,
    sheet: ClientSheet,
    form: str,
    start: dt.date,
    days: int,
    paper: str,
) -> bytes:
    return page_pdf(
        project_root, scannable_diary_html(project_root, config, sheet, form, start, days, paper)
    )
