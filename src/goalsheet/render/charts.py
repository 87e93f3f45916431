"""Report charts as accessible vector SVG, drawn by matplotlib.

Every chart reads in black and white (markers and line styles carry the meaning, never
colour alone), is drawn on its scale's own range, has dates on its axis in the reader's
language, shows gaps as gaps, labels its lines where they are drawn, and carries a <title>
and <desc> for screen readers. The figures behind each chart are returned with it as a
table, which the report prints beside it. matplotlib is imported only when a chart is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING

from goalsheet.language.formats import number
from goalsheet.language.messages import _, ngettext
from goalsheet.render.chart_frame import (
    LABEL_SIZE,
    Chart,
    Table,
    date_axis,
    day,
    figure,
    integer_ticks,
    labelled_line,
    legend_above,
    nice_top,
    svg,
    x_of,
)
from goalsheet.render.measure_chart import BandShade, CriticalMark, MeasurePoint, measure_chart

if TYPE_CHECKING:
    import datetime as dt

    from matplotlib.axes import Axes


__all__ = [
    "BandShade",
    "Chart",
    "CriticalMark",
    "MeasurePoint",
    "Table",
    "level_chart",
    "measure_chart",
    "rating_chart",
]

# Rater styles: marker, line style, grey and marker fill, so raters differ on a black-and-white
# page. The usual raters keep theirs on every chart; others take the spare ones in turn.
# Triangles are left to the measure charts, where they mean reliable change.
RATER_STYLES: dict[str, tuple[str, object, str, str]] = {
    "client": ("o", "-", "#000000", "#000000"),
    "parent": ("s", "--", "#444444", "#ffffff"),
    "therapist": ("D", ":", "#222222", "#222222"),
}
SPARE_STYLES: tuple[tuple[str, object, str, str], ...] = (
    ("P", "-.", "#333333", "#333333"),
    ("h", (0, (5, 1, 1, 1)), "#000000", "#ffffff"),
)


def rating_chart(
    key: str,
    title: str,
    series: Mapping[str, Sequence[tuple[dt.date, float]]],
    scale: tuple[float, float] = (0, 10),
    ylabel: str | None = None,
    roles: Sequence[str] = (),
) -> Chart:
    """Ratings over time on the scale's whole range (GBO: 0-10), one line per rater, each
    with its own marker and dash and a legend. `roles` gives each series' rater ID (client,
    parent, therapist) in order, so a rater is drawn the same way on every chart."""
    fig, ax = figure()
    lines = []
    spare = iter(SPARE_STYLES * (len(series) + 1))
    for index, (rater, points) in enumerate(series.items()):
        role = roles[index] if index < len(roles) else rater
        marker, style, colour, fill = RATER_STYLES.get(role) or next(spare)
        ordered = sorted(points)
        ax.plot(
            x_of(d for d, _v in ordered),
            [v for _d, v in ordered],
            marker=marker,
            linestyle=style,
            color=colour,
            markerfacecolor=fill,
            markeredgecolor=colour,
            linewidth=1.3,
            markersize=3 if len(ordered) > 30 else 5,
            clip_on=False,
            label=rater,
        )
        if ordered:
            lines.append(
                ngettext(
                    "{rater}: {n} rating, first {first}, latest {latest}",
                    "{rater}: {n} ratings, first {first}, latest {latest}",
                    len(ordered),
                ).format(
                    rater=rater,
                    n=len(ordered),
                    first=number(ordered[0][1]),
                    latest=number(ordered[-1][1]),
                )
            )
    ax.set_ylim(*scale)
    ax.set_yticks(range(int(scale[0]), int(scale[1]) + 1, 2 if scale[1] - scale[0] > 6 else 1))
    ax.set_ylabel(ylabel or _("rating"), fontsize=7.5)
    legend_above(ax)
    date_axis(ax, [d for points in series.values() for d, _v in points])
    dates = sorted({d for points in series.values() for d, _v in points})
    raters = list(series)
    rows = tuple((day(d), *(_value_on(series[r], d) for r in raters)) for d in dates)
    description = "; ".join(lines) or _("no ratings yet")
    return Chart(
        key,
        title,
        description + ".",
        svg(fig, key, title, description),
        Table(title, (_("date"), *raters), rows),
    )


def level_chart(
    key: str,
    title: str,
    period: str,
    points: Sequence[tuple[dt.date, float | None]],
    ylabel: str,
    whole_numbers: bool = False,
    target: float | None = None,
    baseline: tuple[dt.date, dt.date] | None = None,
    logged: Collection[dt.date] = (),
    scale: tuple[float, float] | None = None,
) -> Chart:
    """A tracker's weekly or monthly levels; empty periods are gaps, never zeros.

    `scale` is the rating's own range (a 1-10 mood is drawn 1 to 10); without one the axis
    starts at 0 and ends at a round number above the highest level and the target.
    `baseline` is the first and last day of the baseline period, shaded; `logged` are the
    periods whose level comes (in part, for a month) from the weekly log: open circles.
    """
    fig, ax = figure()
    dates = [d for d, _v in points]
    logged_count = _plot_levels(ax, points, logged)
    lines = _level_lines(period, points, logged_count)
    if baseline is not None and dates and baseline[1] >= dates[0]:
        _shade_baseline(ax, max(baseline[0], dates[0]), baseline[1])
    if target is not None:
        labelled_line(
            ax, target, (0, (6, 3)), _("target {target}").format(target=number(target)), "right"
        )
        lines.append(_("the target is {target}").format(target=number(target)))
    known = [v for _d, v in points if v is not None]
    if scale is not None:
        ax.set_ylim(*scale)
    elif known:
        top = max([*known, target or 0])
        ax.set_ylim(min(0, *known), nice_top(top * 1.1, whole_numbers))
    if known:
        lines.append(
            _("first {first}, latest {latest}").format(
                first=number(known[0]), latest=number(known[-1])
            )
        )
    ax.set_ylabel(ylabel, fontsize=7.5)
    if whole_numbers or scale is not None:
        ax.yaxis.set_major_locator(integer_ticks())
    legend_above(ax)
    date_axis(ax, dates)
    description = "; ".join(lines)
    rows = tuple((day(d), _level_cell(v, d in logged, period)) for d, v in points)
    return Chart(
        key,
        title,
        description + ".",
        svg(fig, key, title, description),
        Table(title, (_("month") if period == "month" else _("week"), ylabel), rows),
    )


def _plot_levels(
    ax: Axes, points: Sequence[tuple[dt.date, float | None]], logged: Collection[dt.date]
) -> int:
    """The levels as a line of filled dots, the weekly log's as open circles over them;
    how many levels come from the weekly log."""
    size = 3 if len(points) > 30 else 4.5
    ax.plot(
        x_of([d for d, _v in points]),
        [math.nan if v is None else v for _d, v in points],
        marker="o",
        markersize=size,
        color="#000000",
        linewidth=1.3,
        clip_on=False,
    )
    from_log = [(d, v) for d, v in points if d in logged and v is not None]
    if from_log:  # open circles over the line's filled ones: readable in black and white
        ax.plot(
            x_of([d for d, _v in from_log]),
            [v for _d, v in from_log],
            linestyle="none",
            marker="o",
            markersize=size + 1,
            markerfacecolor="#ffffff",
            markeredgecolor="#000000",
            zorder=3,
            clip_on=False,
            label=_("from the weekly log"),
        )
    return len(from_log)


def _shade_baseline(ax: Axes, start: dt.date, end: dt.date) -> None:
    """The baseline period shaded grey and named at its top left."""
    ax.axvspan(*x_of([start, end]), color="#e6e6e6", zorder=0, linewidth=0)
    ax.text(
        x_of([start])[0],
        1.0,
        _(" baseline"),
        transform=ax.get_xaxis_transform(),
        fontsize=LABEL_SIZE,
        va="top",
    )


def _level_lines(
    period: str, points: Sequence[tuple[dt.date, float | None]], from_log: int
) -> list[str]:
    """How many periods have data, come from the weekly log, or are gaps: for the chart's
    description."""
    with_data = sum(v is not None for _d, v in points)
    gaps = sum(v is None for _d, v in points)
    if period == "month":
        counted = [
            (ngettext("{n} month with data", "{n} months with data", with_data), with_data),
            (
                ngettext(
                    "{n} month with weeks from the weekly log, shown as an open circle",
                    "{n} months with weeks from the weekly log, shown as open circles",
                    from_log,
                ),
                from_log,
            ),
            (
                ngettext(
                    "{n} month with nothing recorded, shown as a gap",
                    "{n} months with nothing recorded, shown as gaps",
                    gaps,
                ),
                gaps,
            ),
        ]
    else:
        counted = [
            (ngettext("{n} week with data", "{n} weeks with data", with_data), with_data),
            (
                ngettext(
                    "{n} week from the weekly log, shown as an open circle",
                    "{n} weeks from the weekly log, shown as open circles",
                    from_log,
                ),
                from_log,
            ),
            (
                ngettext(
                    "{n} week with nothing recorded, shown as a gap",
                    "{n} weeks with nothing recorded, shown as gaps",
                    gaps,
                ),
                gaps,
            ),
        ]
    # The first line is said even for none; the others only when there are some.
    return [text.format(n=n) for i, (text, n) in enumerate(counted) if n or i == 0]


def _level_cell(value: float | None, logged: bool, period: str) -> str:
    """A level in a chart's table: a dash for a gap, and where it came from the weekly log."""
    if value is None:
        return "—"
    if not logged:
        return number(value)
    if period == "month":
        # NOTE: a month's level in a chart's table, when some of its weeks are weekly-log ones.
        return _("{value} (with the weekly log)").format(value=number(value))
    # NOTE: a week's level in a chart's table, when it is the one number of the weekly log.
    return _("{value} (weekly log)").format(value=number(value))


def _value_on(points: Sequence[tuple[dt.date, float]], on: dt.date) -> str:
    values = [number(v) for d, v in points if d == on]
    return ", ".join(values) if values else "—"
