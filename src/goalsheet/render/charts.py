"""Report charts as accessible vector SVG, drawn by matplotlib.

Every chart reads in black and white (markers and line styles carry the meaning, never
colour alone), has dates on its axis, shows gaps as gaps, and carries a <title> and <desc>
for screen readers. The figures behind each chart are returned with it as a table, which the
report prints beside it. matplotlib is imported here only, when a chart is drawn.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Any

from goalsheet.language.catalogues import language_of
from goalsheet.language.formats import month_year, number, numeric_date, short_day_month
from goalsheet.language.messages import _, active_locale

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

WIDTH_IN, HEIGHT_IN = 6.4, 2.5
# Rater styles: marker, line style and grey, so three raters differ on a black-and-white page.
RATER_STYLES = (("o", "-", "#000000"), ("s", "--", "#444444"), ("^", ":", "#222222"))
BAND_GREYS = ("#ffffff", "#f0f0f0", "#e0e0e0", "#d0d0d0", "#c0c0c0", "#b0b0b0")


@dataclass(frozen=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def chunks(self, size: int) -> list[tuple[tuple[str, ...], ...]]:
        """The rows in blocks of `size`, for printing long tables side by side."""
        return [self.rows[i : i + size] for i in range(0, len(self.rows), size)] or [()]


@dataclass(frozen=True)
class Chart:
    key: str  # unique within a report: used to keep SVG ids apart
    title: str
    description: str
    svg: str
    table: Table
    notes: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class MeasurePoint:
    date: dt.date
    total: int | None


@dataclass(frozen=True)
class BandShade:
    low: int
    high: int
    label: str


def measure_chart(
    key: str,
    name: str,
    points: Sequence[MeasurePoint],
    bands: Sequence[BandShade],
    scale: tuple[int, int],
    cutoff: float | None,
    reliable_change: float | None,
) -> Chart:
    """Totals over time over shaded severity bands, with the reliable-change lines."""
    scored = [p for p in points if p.total is not None]
    fig, ax = _figure()
    low, high = scale
    for index, band in enumerate(sorted(bands, key=lambda b: b.low)):
        ax.axhspan(
            band.low - 0.5 if band.low > low else low,
            band.high + 0.5 if band.high < high else high,
            color=BAND_GREYS[min(index, len(BAND_GREYS) - 1)],
            zorder=0,
            linewidth=0,
        )
        ax.text(
            1.01,
            (band.low + band.high) / 2,
            band.label,
            transform=ax.get_yaxis_transform(),
            fontsize=6.5,
            va="center",
        )
    lines = [_("{n} scored administration(s) of {name}").format(n=len(scored), name=name)]
    if cutoff is not None:
        ax.axhline(cutoff, color="#000000", linestyle=(0, (6, 3)), linewidth=0.8)
        lines.append(_("the clinical cut-off is {cutoff}").format(cutoff=number(cutoff)))
    marked: list[MeasurePoint] = []
    if scored and reliable_change is not None:
        first = scored[0].total or 0
        for level, word in (
            (first - reliable_change, _(" reliable improvement")),
            (first + reliable_change, _(" reliable deterioration")),
        ):
            if low <= level <= high:
                ax.axhline(level, color="#000000", linestyle=":", linewidth=0.9)
                ax.text(
                    0.005,
                    level,
                    word,
                    transform=ax.get_yaxis_transform(),
                    fontsize=6.5,
                    va="bottom",
                )
        marked = [p for p in scored[1:] if abs((p.total or 0) - first) >= reliable_change]
        lines.append(
            _("a change of {change} or more from the first score ({first}) is reliable").format(
                change=number(reliable_change), first=first
            )
        )
    if scored:
        ax.plot(
            _x(p.date for p in scored),
            [float(p.total or 0) for p in scored],
            marker="o",
            markersize=3.5 if len(scored) > 30 else 5,
            color="#000000",
            linewidth=1.3,
            zorder=3,
            label=name,
        )
    if marked:
        ax.plot(
            _x(p.date for p in marked),
            [float(p.total or 0) for p in marked],
            linestyle="none",
            marker="D",
            markersize=6,
            markerfacecolor="white",
            markeredgecolor="#000000",
            zorder=4,
            label=_("reliable change from the first score"),
        )
        ax.legend(loc="upper right", fontsize=6.5, frameon=True)
    ax.set_ylim(low, high)
    ax.yaxis.set_major_locator(_whole_numbers())
    ax.set_ylabel(_("total"), fontsize=7.5)
    _date_axis(ax, [p.date for p in scored])
    if scored:
        lines.append(
            _("first {total} on {date}").format(total=scored[0].total, date=_day(scored[0].date))
        )
        lines.append(
            _("latest {total} on {date}").format(total=scored[-1].total, date=_day(scored[-1].date))
        )
    title = _("{name} totals over time").format(name=name)
    table = Table(
        _("{name}: totals").format(name=name),
        (_("date"), _("total")),
        tuple((_day(p.date), _("not scored") if p.total is None else str(p.total)) for p in points),
    )
    return Chart(key, title, "; ".join(lines) + ".", _svg(fig, key, title, "; ".join(lines)), table)


def rating_chart(
    key: str,
    title: str,
    series: Mapping[str, Sequence[tuple[dt.date, float]]],
    scale: tuple[float, float] = (0, 10),
    ylabel: str | None = None,
) -> Chart:
    """Ratings over time, one line per rater (GBO: 0-10), each with its own marker and dash."""
    fig, ax = _figure()
    lines = []
    ylabel = ylabel or _("rating")
    for index, (rater, points) in enumerate(series.items()):
        marker, style, colour = RATER_STYLES[index % len(RATER_STYLES)]
        ordered = sorted(points)
        ax.plot(
            _x(d for d, _ in ordered),
            [v for _, v in ordered],
            marker=marker,
            linestyle=style,
            color=colour,
            markerfacecolor="white" if index == 1 else colour,
            linewidth=1.3,
            markersize=3 if len(ordered) > 30 else 5,
            label=rater,
        )
        if ordered:
            lines.append(
                _("{rater}: {n} rating(s), first {first}, latest {latest}").format(
                    rater=rater,
                    n=len(ordered),
                    first=number(ordered[0][1]),
                    latest=number(ordered[-1][1]),
                )
            )
    ax.set_ylim(scale[0] - 0.3, scale[1] + 0.3)
    ax.set_yticks(range(int(scale[0]), int(scale[1]) + 1, 2 if scale[1] - scale[0] > 6 else 1))
    ax.set_ylabel(ylabel, fontsize=7.5)
    if series:
        ax.legend(loc="lower right", fontsize=6.5, frameon=True, ncol=len(series))
    _date_axis(ax, [d for points in series.values() for d, _ in points])
    dates = sorted({d for points in series.values() for d, _ in points})
    raters = list(series)
    rows = tuple((_day(d), *(_value_on(series[r], d) for r in raters)) for d in dates)
    description = "; ".join(lines) or _("no ratings yet")
    return Chart(
        key,
        title,
        description + ".",
        _svg(fig, key, title, description),
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
) -> Chart:
    """A tracker's weekly or monthly levels; empty periods are gaps, never zeros.

    `baseline` is the first and last day of the baseline period, shaded; `logged` are the
    periods whose level comes (in part, for a month) from the weekly log: open circles.
    """
    fig, ax = _figure()
    dates = [d for d, _ in points]
    values = [math.nan if v is None else v for _, v in points]
    size = 3 if len(points) > 30 else 4.5
    ax.plot(
        _x(dates),
        values,
        marker="o",
        markersize=size,
        color="#000000",
        linewidth=1.3,
        label=ylabel,
    )
    from_log = [(d, v) for d, v in points if d in logged and v is not None]
    if from_log:  # open circles over the line's filled ones: readable in black and white
        ax.plot(
            _x([d for d, _v in from_log]),
            [v for _d, v in from_log],
            linestyle="none",
            marker="o",
            markersize=size + 1,
            markerfacecolor="#ffffff",
            markeredgecolor="#000000",
            zorder=3,
        )
    lines = _level_lines(period, points, len(from_log))
    if baseline is not None and dates and baseline[1] >= dates[0]:
        start = max(baseline[0], dates[0])
        ax.axvspan(*_x([start, baseline[1]]), color="#e6e6e6", zorder=0, linewidth=0)
        ax.text(
            _x([start])[0],
            1.0,
            _(" baseline"),
            transform=ax.get_xaxis_transform(),
            fontsize=6.5,
            va="top",
        )
    if target is not None:
        ax.axhline(target, color="#000000", linestyle=(0, (6, 3)), linewidth=0.9)
        ax.text(
            1.0,
            target,
            _("target {target} ").format(target=number(target)),
            transform=ax.get_yaxis_transform(),
            fontsize=6.5,
            ha="right",
            va="bottom",
        )
        lines.append(_("the target is {target}").format(target=number(target)))
    known = [v for _, v in points if v is not None]
    if known:
        top = max([*known, target or 0])
        ax.set_ylim(0 if min(known) >= 0 else min(known), top * 1.15 if top > 0 else 1)
        lines.append(
            _("first {first}, latest {latest}").format(
                first=number(known[0]), latest=number(known[-1])
            )
        )
    ax.set_ylabel(ylabel, fontsize=7.5)
    if whole_numbers:
        ax.yaxis.set_major_locator(_whole_numbers())
    _date_axis(ax, dates)
    description = "; ".join(lines)
    rows = tuple((_day(d), _level_cell(v, d in logged, period)) for d, v in points)
    return Chart(
        key,
        title,
        description + ".",
        _svg(fig, key, title, description),
        Table(title, (_("month") if period == "month" else _("week"), ylabel), rows),
    )


def _level_lines(
    period: str, points: Sequence[tuple[dt.date, float | None]], from_log: int
) -> list[str]:
    """How many periods have data, come from the weekly log, or are gaps: for the chart's
    description."""
    with_data = sum(v is not None for _d, v in points)
    gaps = sum(v is None for _d, v in points)
    if period == "month":
        lines = [_("{n} month(s) with data").format(n=with_data)]
        if from_log:
            lines.append(
                _("{n} month(s) with weeks from the weekly log, shown as open circles").format(
                    n=from_log
                )
            )
        if gaps:
            lines.append(_("{n} month(s) with nothing recorded, shown as gaps").format(n=gaps))
        return lines
    lines = [_("{n} week(s) with data").format(n=with_data)]
    if from_log:
        lines.append(_("{n} week(s) from the weekly log, shown as open circles").format(n=from_log))
    if gaps:
        lines.append(_("{n} week(s) with nothing recorded, shown as gaps").format(n=gaps))
    return lines


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


def _value_on(points: Sequence[tuple[dt.date, float]], day: dt.date) -> str:
    values = [number(v) for d, v in points if d == day]
    return ", ".join(values) if values else "—"


def _figure() -> tuple[Figure, Axes]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), layout="constrained")
    ax = fig.add_subplot()
    ax.tick_params(labelsize=7)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="y", color="#bbbbbb", linewidth=0.4)
    return fig, ax


def _whole_numbers() -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)


def _date_axis(ax: Axes, dates: Sequence[dt.date]) -> None:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    locator = AutoDateLocator(minticks=3, maxticks=8)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    if language_of(active_locale()) == "en":
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    else:  # matplotlib's month names are English: the locale's come from Babel
        from matplotlib.ticker import FuncFormatter

        ax.xaxis.set_major_formatter(FuncFormatter(_tick_label(dates)))
    ax.xaxis.get_offset_text().set_fontsize(7)
    if len(set(dates)) == 1:
        only = dates[0]
        ax.set_xlim(*_x([only - dt.timedelta(days=7), only + dt.timedelta(days=7)]))


def _tick_label(dates: Sequence[dt.date]) -> Any:
    """Tick labels in the active locale: "28 sept" over a few months, "sept 2026" over more."""
    from matplotlib.dates import num2date

    span = (max(dates) - min(dates)).days if dates else 0

    def label(value: float, position: int | None = None) -> str:
        day = num2date(value).date()  # type: ignore[no-untyped-call]
        return month_year(day) if span > 200 else short_day_month(day)

    return label


def _day(day: dt.date) -> str:
    """A date in a chart's table: ISO in English (as before), the locale's short form else."""
    return day.isoformat() if language_of(active_locale()) == "en" else numeric_date(day)


def _x(dates: Iterable[dt.date]) -> list[float]:
    """Dates as matplotlib's axis numbers (days since 1970)."""
    from matplotlib.dates import date2num

    return [float(date2num(d)) for d in dates]  # type: ignore[no-untyped-call]


_ID = re.compile(r'\bid="([^"]+)"')


def _svg(fig: Figure, key: str, title: str, description: str) -> str:
    """The figure as inline SVG: ids made unique to this chart, and a title and description."""
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": key, "svg.fonttype": "none"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, count=1, flags=re.DOTALL)
    for name in set(_ID.findall(text)):
        text = (
            text.replace(f'id="{name}"', f'id="{key}-{name}"')
            .replace(f'href="#{name}"', f'href="#{key}-{name}"')
            .replace(f"url(#{name})", f"url(#{key}-{name})")
        )
    label = (
        f'<svg role="img" aria-labelledby="{key}-title {key}-desc" '
        f'class="chart" preserveAspectRatio="xMidYMid meet"'
    )
    text = re.sub(r"<svg\b", label, text, count=1)
    text = re.sub(r'\swidth="[^"]+"\sheight="[^"]+"', "", text, count=1)
    return _insert_title(text, key, title, description)


def _insert_title(text: str, key: str, title: str, description: str) -> str:
    end = text.index(">", text.index("<svg")) + 1
    return (
        text[:end]
        + f'<title id="{key}-title">{escape(title)}</title>'
        + f'<desc id="{key}-desc">{escape(description)}</desc>'
        + text[end:]
    )
