"""The template context of a client's report: the clinician's or the client's.

Figures come from `compute.progress` (the same numbers as `report --format json`); this
module only arranges them, with their charts, for a template. Charts are vector SVG, marked
safe here because matplotlib drew them and our own code added only escaped text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from goalsheet.compute.trends import SUMMED
from goalsheet.language.catalogues import html_lang
from goalsheet.language.messages import _, active_locale
from goalsheet.model.client import ClientSheet
from goalsheet.model.config import Config
from goalsheet.model.measures import MeasureDefinition
from goalsheet.paper.context import client_info, singular
from goalsheet.paper.names import PAPER_CSS
from goalsheet.render.charts import Chart
from goalsheet.report.chart_set import (
    goal_charts,
    level_words,
    measure_charts,
    small_measure_charts,
    tracker_charts,
)
from goalsheet.report.clinician_summary import (
    GBO_RELIABLE,
    goal_rows,
    in_the_way,
    measure_summary,
    risk,
)
from goalsheet.report.names import Audience, Medium
from goalsheet.report.plain import (
    plain_dates,
    plain_diary,
    plain_goals,
    plain_measures,
    small_wins,
)

TABLE_ROWS = 16  # long data tables print as blocks of this many rows, side by side


@dataclass(frozen=True)
class ReportRequest:
    audience: Audience
    medium: Medium
    today: dt.date
    detail: bool = False  # the clinician report's appendix (always in HTML)


def report_context(
    request: ReportRequest,
    figures: dict[str, Any],
    sheet: ClientSheet,
    config: Config,
    measures: dict[str, MeasureDefinition],
) -> dict[str, Any]:
    """Everything the report template for `request.audience` reads."""
    client = client_info(sheet, config)
    goal_word = client["goal_word"] or config.goal_word
    goal_word = _(goal_word)  # the default "goals" in the reader's language
    context: dict[str, Any] = {
        "page": page_frame(request, config, client["id"]),
        "client": {**client, "started": sheet.client.started, "raters": sheet.client.raters},
        "figures": figures,
        "goal_word": goal_word,
        "goal_word_one": singular(goal_word),
        "review": figures["review"],
    }
    if request.audience == "client":
        goals = plain_goals(figures, sheet, request.today)
        plain = plain_measures(figures, measures)
        charts = goal_charts(figures, raters={"client": _("your rating")})
        context.update(
            goals=[{**g, "chart": _chart(charts.get(g["id"]))} for g in goals],
            measures=plain,
            wins=small_wins(goals, plain),
            diary=plain_diary(figures, sheet),
            dates=plain_dates(figures, sheet),
            has_data=bool(
                figures["measures"]
                or any(g["ratings"] for g in figures["goals"])
                or any(t["weeks"] for t in figures["trends"])
            ),
            no_goals=sheet.client.prefers_no_goals and not sheet.goals,
        )
        context["page"]["title"] = (
            _("How things have been going")
            if context["no_goals"]
            else _("Your progress with your {goal_word}").format(goal_word=goal_word)
        )
        return context
    appendix = request.detail or request.medium == "html"
    context.update(_clinician(figures, sheet, measures, appendix))
    context["page"]["detail"] = appendix
    context["page"]["title"] = _("Progress report · {client}").format(client=client["id"])
    return context


def page_frame(request: ReportRequest, config: Config, client_id: str | None) -> dict[str, Any]:
    """What every report's page shows around its figures: language, paper, practice, mark."""
    return {
        "title": "",
        "lang": html_lang(active_locale()),
        "paper_css": PAPER_CSS[config.paper],
        "medium": request.medium,
        "audience": request.audience,
        "as_of": request.today,
        "practice": {
            "name": config.practice.name,
            "contact": config.practice.contact,
            "crisis_line": _(config.practice.crisis_line),
            "colours": config.practice.colours.model_dump(),
        },
        "mark": _("Confidential · {client}").format(client=client_id)
        if client_id
        else _("Confidential"),
    }


def _clinician(
    figures: dict[str, Any],
    sheet: ClientSheet,
    measures: dict[str, MeasureDefinition],
    appendix: bool,
) -> dict[str, Any]:
    by_measure = measure_charts(figures, measures)
    small = small_measure_charts(figures, measures)
    # Goal and diary charts are only in the appendix: not drawn for a report without one.
    by_goal = goal_charts(figures) if appendix else {}
    by_tracker = tracker_charts(figures, sheet) if appendix else {}
    trends = {t["tracker"]: t for t in figures["trends"]}
    goal_figures = {g["id"]: g for g in figures["goals"]}
    linked: set[str] = set()
    goals = []
    for goal in sheet.goals:
        own_trackers = [
            t
            for t in sheet.trackers
            if goal.id in t.goals or (goal.measure and goal.measure.tracker == t.id)
        ]
        linked |= {t.id for t in own_trackers}
        goals.append(
            {
                **goal.model_dump(mode="json"),
                "figures": goal_figures[goal.id],
                "chart": _chart(by_goal.get(goal.id)),
                "trackers": [
                    _tracker(t, trends.get(t.id), by_tracker.get(t.id)) for t in own_trackers
                ],
            }
        )
    latest: dict[str, dict[str, Any]] = {}
    for administration in figures["measures"]:
        latest[administration["measure"]] = administration
    changes = {c["measure"]: c for c in figures["changes"]}
    return {
        "risk": risk(figures["critical"]),
        "also": [a for a in figures["attention"] if a["kind"] != "critical"],
        "goal_rows": goal_rows(figures),
        "gbo_reliable": GBO_RELIABLE,
        "in_the_way": in_the_way(figures),
        "attention": figures["attention"],
        "notes": figures["notes"],
        "outcome": figures["outcome"],
        "gas_t_score": figures["gas_t_score"],
        "measures": [
            {
                "id": measure_id,
                "title": _(measures[measure_id].title),
                "latest": {**latest[measure_id], "band": _band(latest[measure_id]["band"])},
                "change": changes.get(measure_id),
                "cutoff": measures[measure_id].cutoff,
                "chart": _chart(chart),
                "small": _chart(small.get(measure_id)),  # its trend on page 1
                **measure_summary(figures, measures[measure_id]),
            }
            for measure_id, chart in by_measure.items()
        ],
        "goals": goals,
        "agreement": [
            {"goal": g["id"], "title": g["title"], **g["figures"]["agreement"]}
            for g in goals
            if g["figures"]["agreement"]
        ],
        "other_trackers": [
            _tracker(t, trends.get(t.id), by_tracker.get(t.id))
            for t in sheet.trackers
            if t.id not in linked and t.id in by_tracker
        ],
        "reviews": list(reversed(figures["reviews"])),
    }


def _band(label: str | None) -> str | None:
    return _(label) if label else label


def _tracker(tracker: Any, trend: dict[str, Any] | None, chart: Chart | None) -> dict[str, Any]:
    return {
        "id": tracker.id,
        "label": _(tracker.label),
        "kind": tracker.kind,
        "per_week": tracker.kind in SUMMED,
        "trend": trend,
        "words": level_words(tracker, trend["chart"]["period"] if trend else "week"),
        "chart": _chart(chart),
    }


def _chart(chart: Chart | None) -> dict[str, Any] | None:
    if chart is None:
        return None
    return {
        "key": chart.key,
        "title": chart.title,
        "description": chart.description,
        "svg": Markup(chart.svg),
        "headers": chart.table.headers,
        "rows": chart.table.rows,
        "blocks": chart.table.chunks(TABLE_ROWS),
    }
