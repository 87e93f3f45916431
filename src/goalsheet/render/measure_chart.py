"""A questionnaire's totals over time: the chart a report shows for each measure.

Drawn on the measure's whole range over its severity bands, with the cut-off and the
reliable-change lines named where they are drawn, reliable improvement and deterioration
marked, and the dates a critical item (PHQ-9 item 9) was raised.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from goalsheet.language.formats import number
from goalsheet.language.messages import _, ngettext
from goalsheet.render.chart_frame import (
    LABEL_SIZE,
    WIDTH_IN,
    Chart,
    Table,
    date_axis,
    day,
    figure,
    integer_ticks,
    labelled_line,
    legend_above,
    svg,
    width_of,
    x_of,
)

if TYPE_CHECKING:
    import datetime as dt

    from matplotlib.axes import Axes

BAND_GREYS = ("#ffffff", "#f0f0f0", "#e0e0e0", "#d0d0d0", "#c0c0c0", "#b0b0b0")
NEAR = 0.08  # of the scale: lines closer than this have their names on opposite sides
NARROW_IN, BAND_WRAP = 4.5, 10  # below this width band names wrap at this many letters
MINUS = "\u2212"  # a minus sign, not a hyphen, in "reliable improvement (-6)"


@dataclass(frozen=True)
class MeasurePoint:
    date: dt.date
    total: int | None


@dataclass(frozen=True)
class BandShade:
    low: int
    high: int
    label: str


@dataclass(frozen=True)
class CriticalMark:
    """A date a critical item was raised on this measure (PHQ-9 item 9 above 0).

    `label` names it in the legend ("item 9 answered above 0"); `answered` is False for a
    blank or unclear answer (a reason to ask); `cell` is what the chart's table says of it.
    """

    date: dt.date
    label: str
    answered: bool
    cell: str


def measure_chart(
    key: str,
    name: str,
    points: Sequence[MeasurePoint],
    bands: Sequence[BandShade],
    scale: tuple[int, int],
    cutoff: float | None,
    reliable_change: float | None,
    higher_is_worse: bool = True,
    critical: Sequence[CriticalMark] = (),
    width_in: float = WIDTH_IN,
) -> Chart:
    """Totals over time over shaded severity bands, on the measure's whole range, with the
    cut-off and reliable-change lines labelled, reliable improvement and deterioration marked
    (a filled and an open triangle pointing the way the score moved) and the dates a critical
    item was raised. `width_in` is the drawn width: a narrower chart keeps its text size."""
    scored = [p for p in points if p.total is not None]
    fig, ax = figure(width_in)
    low, high = scale
    _shade_bands(ax, bands, scale)
    lines = [
        ngettext(
            "{n} scored administration of {name}",
            "{n} scored administrations of {name}",
            len(scored),
        ).format(n=len(scored), name=name)
    ]
    if cutoff is not None:
        near = _near_a_change_line(cutoff, scored, scale, reliable_change)
        text = _("cut-off {cutoff}").format(cutoff=number(cutoff))
        labelled_line(ax, cutoff, (0, (6, 3)), text, "right", below=near)
        lines.append(_("the clinical cut-off is {cutoff}").format(cutoff=number(cutoff)))
    if scored:
        ax.plot(
            x_of(p.date for p in scored),
            [float(p.total or 0) for p in scored],
            marker="o",
            markersize=3.5 if len(scored) > 30 else 4.5,
            color="#000000",
            linewidth=1.3,
            zorder=3,
            clip_on=False,
            label=name,
        )
    if scored and reliable_change is not None:
        lines.extend(_reliable_change(ax, scored, scale, reliable_change, higher_is_worse))
    lines.extend(_critical_marks(ax, critical))
    ax.set_ylim(low, high)
    ax.yaxis.set_major_locator(integer_ticks())
    ax.set_ylabel(_("total ({low} to {high})").format(low=low, high=high), fontsize=7.5)
    legend_above(ax)
    date_axis(ax, [p.date for p in points] + [c.date for c in critical])
    if scored:
        lines.append(
            _("first {total} on {date}").format(total=scored[0].total, date=day(scored[0].date))
        )
    if len(scored) > 1:
        lines.append(
            _("latest {total} on {date}").format(total=scored[-1].total, date=day(scored[-1].date))
        )
    title = _("{name} totals over time").format(name=name)
    description = "; ".join(lines)
    return Chart(
        key,
        title,
        description + ".",
        svg(fig, key, title, description),
        _table(name, points, critical),
    )


def _near_a_change_line(
    cutoff: float,
    scored: Sequence[MeasurePoint],
    scale: tuple[int, int],
    change: float | None,
) -> bool:
    """Whether a reliable-change line is drawn just above or at the cut-off, where their
    names would meet (on a narrow chart): the cut-off's name then goes under its line."""
    if not scored or change is None:
        return False
    first = scored[0].total or 0
    room = NEAR * (scale[1] - scale[0])
    return any(0 <= level - cutoff <= room for level in (first - change, first + change))


def _shade_bands(ax: Axes, bands: Sequence[BandShade], scale: tuple[int, int]) -> None:
    """Severity bands as greys, darker as the band is higher, named right of the chart
    (on two lines when the chart is narrow)."""
    low, high = scale
    narrow = width_of(ax) < NARROW_IN
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
            textwrap.fill(band.label, BAND_WRAP) if narrow else band.label,
            transform=ax.get_yaxis_transform(),
            fontsize=LABEL_SIZE,
            va="center",
        )


def _reliable_change(
    ax: Axes,
    scored: Sequence[MeasurePoint],
    scale: tuple[int, int],
    change: float,
    higher_is_worse: bool,
) -> list[str]:
    """The reliable-change lines from the first score, and the later scores past them."""
    first = scored[0].total or 0
    better = -1 if higher_is_worse else 1  # the way an improving score moves
    amount = number(change)
    for sign, words in (
        (better, _("reliable improvement ({change})")),
        (-better, _("reliable deterioration ({change})")),
    ):
        level = first + sign * change
        if scale[0] <= level <= scale[1]:
            text = words.format(change=(MINUS if sign < 0 else "+") + amount)
            labelled_line(ax, level, ":", text, "left")
    improved = [p for p in scored[1:] if better * ((p.total or 0) - first) >= change]
    worse = [p for p in scored[1:] if -better * ((p.total or 0) - first) >= change]
    down, up = "v", "^"
    for marked, marker, fill, label in (
        (improved, down if higher_is_worse else up, "#000000", _("reliable improvement")),
        (worse, up if higher_is_worse else down, "#ffffff", _("reliable deterioration")),
    ):
        if marked:
            ax.plot(
                x_of(p.date for p in marked),
                [float(p.total or 0) for p in marked],
                linestyle="none",
                marker=marker,
                markersize=8,
                markerfacecolor=fill,
                markeredgecolor="#000000",
                markeredgewidth=1.1,
                zorder=4,
                clip_on=False,
                label=label,
            )
    lines = [
        _("a change of {change} or more from the first score ({first}) is reliable").format(
            change=amount, first=first
        )
    ]
    if improved:
        lines.append(
            _("reliable improvement on {dates} (filled triangles)").format(
                dates=", ".join(day(p.date) for p in improved)
            )
        )
    if worse:
        lines.append(
            _("reliable deterioration on {dates} (open triangles)").format(
                dates=", ".join(day(p.date) for p in worse)
            )
        )
    return lines


def _critical_marks(ax: Axes, critical: Sequence[CriticalMark]) -> list[str]:
    """A dotted vertical line at each date a critical item was raised, with a cross (or a
    question mark, for a blank or unclear answer) above the chart; one legend entry each."""
    labelled: set[str] = set()
    for mark in critical:
        (x,) = x_of([mark.date])
        ax.axvline(x, color="#000000", linestyle=(0, (1, 1.5)), linewidth=0.9, zorder=2)
        ax.plot(
            [x],
            [1.0],
            transform=ax.get_xaxis_transform(),
            linestyle="none",
            marker="X" if mark.answered else "$?$",
            markersize=7,
            color="#000000",
            clip_on=False,
            zorder=6,
            label="_nolegend_" if mark.label in labelled else mark.label,
        )
        labelled.add(mark.label)
    return [
        # NOTE: a chart's description; cell is e.g. "item 9: 1 (Several days), not followed up yet".
        _("on {date}, {cell}").format(date=day(mark.date), cell=mark.cell)
        for mark in critical
    ]


def _table(name: str, points: Sequence[MeasurePoint], critical: Sequence[CriticalMark]) -> Table:
    """Each administration's total, by date; a column for critical items when one was raised
    (a critical answer on a day with no scored total gets a row of its own)."""
    caption = _("{name}: totals").format(name=name)
    rows = [(p.date, _("not scored") if p.total is None else str(p.total)) for p in points]
    if not critical:
        return Table(caption, (_("date"), _("total")), tuple((day(d), t) for d, t in rows))
    cells: dict[dt.date, list[str]] = {}
    for mark in critical:
        cells.setdefault(mark.date, []).append(mark.cell)
    rows.extend((d, "—") for d in cells if d not in {p.date for p in points})
    rows.sort(key=lambda row: row[0])
    said: set[dt.date] = set()  # a day's critical items are said once, on its first row
    table = []
    for d, total in rows:
        table.append((day(d), total, "" if d in said else "; ".join(cells.get(d, []))))
        said.add(d)
    return Table(caption, (_("date"), _("total"), _("critical item")), tuple(table))
