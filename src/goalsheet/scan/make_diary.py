"""Make a scannable diary PDF (`goalsheet diary --client ID --scannable`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from goalsheet.language.catalogues import html_lang
from goalsheet.language.messages import _, active_locale, using
from goalsheet.model.client import ClientSheet
from goalsheet.model.config import Config
from goalsheet.render.template import render_template
from goalsheet.scan.diary import diary_plans, specs_hash, tracker_specs
from goalsheet.scan.layout import LAYOUT_VERSION, PAPER_MM
from goalsheet.scan.page import page_pdf, qr_svg
from goalsheet.scan.payload import Payload

DIARY_TEMPLATE = "scan/diary.html.j2"


class NothingToScan(ValueError):
    """A client without a tracker a circle can hold."""


def scannable_diary_html(
    project_root: Path | None,
    config: Config,
    sheet: ClientSheet,
    form: str,
    start: dt.date,
    days: int,
    paper: str,
) -> str:
    specs = tracker_specs(sheet.trackers)
    if not specs:
        raise NothingToScan(
            _("{client} has no trackers a scannable diary can hold (ratings, counts, minutes "
              "or yes/no)").format(client=sheet.client.id)
        )  # fmt: skip
    with using(sheet.client.locale or config.locale):
        plans = diary_plans(specs, start, days, paper)
        sheets: list[dict[str, Any]] = []
        for number, plan in enumerate(plans, start=1):
            payload = Payload(form, LAYOUT_VERSION, paper, sheet.client.id, number, len(plans),
                              start.isoformat(), days, specs_hash(specs))  # fmt: skip
            seen: set[str] = set()
            first = {}
            for row in plan.rows:
                first[row.key] = row.day not in seen
                seen.add(row.day or "")
            sheets.append({"plan": plan, "qr": qr_svg(payload.encode()), "first_of_day": first})
        trackers = {t.id: t for t in sheet.trackers}
        width, height = PAPER_MM[paper]
        context = {
            "sheets": sheets,
            "width": width,
            "height": height,
            "page": {
                "lang": html_lang(active_locale()),
                "title": _("Daily diary") if form == "daily-diary" else _("Baseline diary"),
                "practice": _(config.practice.name),
                "mark": _("Confidential · {client}").format(client=sheet.client.id),
                "labels": {s.id: _(trackers[s.id].label) for s in specs},
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
