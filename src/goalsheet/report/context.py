"""The template context of a client's report: the clinician's or the client's.

Figures come from `compute.progress` (the same numbers as `report --format json`); this
module only arranges them, with their charts, for a template: `report_context` builds the
dict a report template gets (its figures in the report JSON's shapes). Charts are vector
SVG, marked safe here because matplotlib drew them and our own code added only escaped text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from goalsheet.compute.figures import Progress, TrackerTrend
from goalsheet.compute.trends import SUMMED
from goalsheet.language.catalogues import html_lang
from goalsheet.language.messages import _, active_locale
from goalsheet.model.client import ClientSheet, Tracker
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
from goalsheet.report.report_json import (
    administration_json,
    attention_json,
    change_json,
    goal_json,
    outcome_json,
    report_json,
    review_json,
    session_json,
    trend_json,
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
    figures: Progress,
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
        "figures": report_json(figures),
        "goal_word": goal_word,
        "goal_word_one": singular(goal_word),
        "review": review_json(figures.review),
    }
    if request.audience == "client":
        context.update(_client(figures, sheet, measures, request.today))
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


def _client(
    figures: Progress, sheet: ClientSheet, measures: dict[str, MeasureDefinition], today: dt.date
) -> dict[str, Any]:
    """The client report's part: goals and questionnaires in plain words."""
    goals = plain_goals(figures, sheet, today)
    plain = plain_measures(figures, measures)
    charts = goal_charts(figures.goals, raters={"client": _("your rating")})
    return {
        "goals": [{**g, "chart": _chart(charts.get(g["id"]))} for g in goals],
        "measures": plain,
        "wins": small_wins(goals, plain),
        "diary": plain_diary(figures, sheet),
        "dates": plain_dates(figures, sheet),
        "has_data": bool(
            figures.measures
            or any(g.ratings for g in figures.goals)
            or any(t.weeks for t in figures.trends)
        ),
        "no_goals": sheet.client.prefers_no_goals and not sheet.goals,
    }


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
            "crisis_line": config.crisis_text(),
            "colours": config.practice.colours.model_dump(),
        },
        "mark": _("Confidential · {client}").format(client=client_id)
        if client_id
        else _("Confidential"),
    }


def _clinician(
    figures: Progress,
    sheet: ClientSheet,
    measures: dict[str, MeasureDefinition],
    appendix: bool,
) -> dict[str, Any]:
    by_measure = measure_charts(figures, measures)
    small = small_measure_charts(figures, measures)
    # Goal and diary charts are only in the appendix: not drawn for a report without one.
    by_goal = goal_charts(figures.goals) if appendix else {}
    by_tracker = tracker_charts(figures, sheet) if appendix else {}
    trends = {t.tracker: t for t in figures.trends}
    goals, linked = _goals(figures, sheet, trends, by_goal, by_tracker)
    return {
        "risk": [c.json() for c in risk(figures.critical)],
        "also": [attention_json(a) for a in figures.attention if a.kind != "critical"],
        "goal_rows": goal_rows(figures),
        "gbo_reliable": GBO_RELIABLE,
        "in_the_way": in_the_way(figures),
        "attention": [attention_json(a) for a in figures.attention],
        "notes": [note.json() for note in figures.notes],
        "outcome": outcome_json(figures.outcome),
        "gas_t_score": figures.gas_t_score,
        "measures": _measures(figures, measures, by_measure, small),
        "goals": goals,
        "agreement": [
            {
                "goal": g.id,
                "title": g.title,
                "latest": g.agreement.latest,
                "spread": g.agreement.spread,
            }
            for g in figures.goals
            if g.agreement
        ],
        "other_trackers": [
            _tracker(t, trends.get(t.id), by_tracker.get(t.id))
            for t in sheet.trackers
            if t.id not in linked and t.id in by_tracker
        ],
        "reviews": [session_json(r) for r in reversed(figures.reviews)],
    }


def _goals(
    figures: Progress,
    sheet: ClientSheet,
    trends: dict[str, TrackerTrend],
    by_goal: dict[str, Chart],
    by_tracker: dict[str, Chart],
) -> tuple[list[dict[str, Any]], set[str]]:
    """Each goal in full, with its figures, chart and trackers; and the trackers linked."""
    goal_figures = {g.id: g for g in figures.goals}
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
                "figures": goal_json(goal_figures[goal.id]),
                "chart": _chart(by_goal.get(goal.id)),
                "trackers": [
                    _tracker(t, trends.get(t.id), by_tracker.get(t.id)) for t in own_trackers
                ],
            }
        )
    return goals, linked


def _measures(
    figures: Progress,
    measures: dict[str, MeasureDefinition],
    by_measure: dict[str, Chart],
    small: dict[str, Chart],
) -> list[dict[str, Any]]:
    """A row per measure answered: latest, change, its charts and the item table."""
    latest = {a.measure: a for a in figures.measures}
    changes = {c.measure: c for c in figures.changes}
    rows = []
    for measure_id, chart in by_measure.items():
        change = changes.get(measure_id)
        rows.append(
            {
                "id": measure_id,
                "title": _(measures[measure_id].title),
                "latest": {
                    **administration_json(latest[measure_id]),
                    "band": _band(latest[measure_id].band),
                },
                "change": change_json(change) if change else None,
                "cutoff": measures[measure_id].cutoff,
                "chart": _chart(chart),
                "small": _chart(small.get(measure_id)),  # its trend on page 1
                **measure_summary(figures, measures[measure_id]),
            }
        )
    return rows


def _band(label: str | None) -> str | None:
    return _(label) if label else label


def _tracker(tracker: Tracker, trend: TrackerTrend | None, chart: Chart | None) -> dict[str, Any]:
    return {
        "id": tracker.id,
        "label": _(tracker.label),
        "kind": tracker.kind,
        "per_week": tracker.kind in SUMMED,
        "trend": trend_json(trend) if trend else None,
        "words": level_words(tracker, trend.period if trend else "week"),
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
