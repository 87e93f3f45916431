"""A measure's trend at a glance: the small chart beside a score on a report's first page.

About 2.2 by 0.8 inches: the measure's whole range on the y-axis (only its ends labelled),
the cut-off as a dashed line, the totals as a line, the first and latest totals written by
their points and their dates under the axis. No legend: the page's text says the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from goalsheet.language.formats import number, short_day_month, short_month_year
from goalsheet.language.messages import _
from goalsheet.render.chart_frame import Chart, Table, date_axis, day, figure, svg, x_of
from goalsheet.render.measure_chart import MeasurePoint

if TYPE_CHECKING:
    from matplotlib.axes import Axes

SMALL_WIDTH_IN, SMALL_HEIGHT_IN = 2.2, 0.8
SMALL_LABEL = 5.5
LABEL_ROOM = 0.13  # of the time span, each side: room for the first and latest totals
LONG_SPAN_DAYS = 200  # beyond this the two date ticks say month and year, not day and month


def small_measure_chart(
    key: str,
    name: str,
    points: Sequence[MeasurePoint],
    scale: tuple[int, int],
    cutoff: float | None,
    width_in: float = SMALL_WIDTH_IN,
) -> Chart:
    """The totals over time on the measure's range, first and latest labelled; `width_in`
    is the width it is printed at, so its text keeps its size."""
    scored = [p for p in points if p.total is not None]
    fig, ax = figure(width_in, SMALL_HEIGHT_IN, SMALL_LABEL)
    ax.grid(False)
    ax.tick_params(length=2, pad=1)
    low, high = scale
    ax.set_ylim(low, high)
    ax.set_yticks([low, high])
    lines = [_("{name} from {low} to {high}").format(name=name, low=low, high=high)]
    if cutoff is not None:
        ax.axhline(cutoff, color="#000000", linestyle=(0, (4, 2)), linewidth=0.6, zorder=1)
        lines.append(_("cut-off {cutoff}").format(cutoff=number(cutoff)))
    if scored:
        ax.plot(
            x_of(p.date for p in scored),
            [float(p.total or 0) for p in scored],
            marker="o",
            markersize=2.2,
            color="#000000",
            linewidth=1,
            zorder=3,
            clip_on=False,
        )
        _value_label(ax, scored[0], "left")
        if len(scored) > 1:
            _value_label(ax, scored[-1], "right")
        lines.append(
            _("first {total} on {date}").format(total=scored[0].total, date=day(scored[0].date))
        )
        if len(scored) > 1:
            lines.append(
                _("latest {total} on {date}").format(
                    total=scored[-1].total, date=day(scored[-1].date)
                )
            )
        date_axis(ax, [p.date for p in scored], _end_ticks(scored))
        _room_for_labels(ax, scored)
    else:
        lines.append(_("no scored administrations yet"))
        ax.set_xticks([])
    title = _("{name}: trend").format(name=name)
    description = "; ".join(lines)
    table = Table(
        _("{name}: totals").format(name=name),
        (_("date"), _("total")),
        tuple((day(p.date), _("not scored") if p.total is None else str(p.total)) for p in points),
    )
    return Chart(key, title, description + ".", svg(fig, key, title, description), table)


def _value_label(ax: Axes, point: MeasurePoint, side: str) -> None:
    """The total written beside its point, outside the line: left of the first, right of
    the latest, so it crosses neither the line nor the cut-off."""
    ax.annotate(
        str(point.total),
        (x_of([point.date])[0], float(point.total or 0)),
        xytext=(-3 if side == "left" else 3, 0),
        textcoords="offset points",
        ha="right" if side == "left" else "left",
        va="center",
        fontsize=SMALL_LABEL + 0.5,
        fontweight="bold",
    )


def _room_for_labels(ax: Axes, scored: Sequence[MeasurePoint]) -> None:
    """Widen the x range so the totals written beside the first and latest points sit
    inside the chart, clear of the y-axis."""
    first, latest = scored[0].date, scored[-1].date
    pad = dt.timedelta(days=max(4, round((latest - first).days * LABEL_ROOM)))
    ax.set_xlim(*x_of([first - pad, latest + pad]))


def _end_ticks(scored: Sequence[MeasurePoint]) -> list[tuple[dt.date, str]]:
    """Date ticks at the first and latest totals only."""
    first, latest = scored[0].date, scored[-1].date
    words = short_month_year if (latest - first).days > LONG_SPAN_DAYS else short_day_month
    return [(first, words(first))] + ([(latest, words(latest))] if latest != first else [])
