"""What every report chart shares: the figure, its date axis, and its SVG.

Date ticks are chosen here, not by matplotlib's locators, so they fall on Mondays or on the
first of a month and are labelled in the active locale ("7 Sept", "Sept 2026", "sept"). The
SVG is made reproducible (no date, a fixed hash salt) and accessible (<title>, <desc>).
matplotlib is imported inside the functions, when a chart is drawn.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Any

from goalsheet.language.catalogues import language_of
from goalsheet.language.formats import numeric_date, short_day_month, short_month, short_month_year
from goalsheet.language.messages import active_locale

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

WIDTH_IN, HEIGHT_IN = 6.4, 2.5
TICKS_PER_INCH = 1.25  # 8 date ticks across a full-width chart, 4 across a half-width one
WEEKLY_SPAN_DAYS = 91  # up to thirteen weeks the ticks are Mondays; beyond, months
MONTH_STEPS = (1, 2, 3, 6, 12)
LABEL_SIZE = 6.5
# What a legend entry needs across a chart: its marker and gaps, and each letter (6.5 pt).
LEGEND_ENTRY_IN, LEGEND_CHAR_IN = 0.55, 0.052


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


def figure(
    width: float = WIDTH_IN, height: float = HEIGHT_IN, size: float = 7
) -> tuple[Figure, Axes]:
    """A figure with one axes, no top or right spine, light horizontal grid lines."""
    # heavy: matplotlib loads only when a chart is drawn
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.add_subplot()
    ax.tick_params(labelsize=size)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="y", color="#bbbbbb", linewidth=0.4)
    return fig, ax


def integer_ticks() -> Any:
    """A y-axis locator that puts ticks on whole numbers only."""
    # heavy: matplotlib loads only when a chart is drawn
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)


def nice_top(value: float, whole: bool) -> float:
    """A round number at or above `value` for the top of a 0-based axis (12 -> 12, 13 -> 14)."""
    # heavy: matplotlib loads only when a chart is drawn
    from matplotlib.ticker import MaxNLocator

    if value <= 0:
        return 1.0
    ticks = MaxNLocator(nbins=5, integer=whole).tick_values(0, value)
    return float(min(t for t in ticks if t >= value))


def date_ticks(dates: Sequence[dt.date], most: int = 8) -> list[tuple[dt.date, str]]:
    """Tick dates and their labels: Mondays over a few weeks, firsts of months beyond.

    Month ticks carry the year on the first tick and on January ("Sept 2026", "Oct", ...).
    """
    if not dates:
        return []
    low, high = min(dates), max(dates)
    span = (high - low).days
    if span <= WEEKLY_SPAN_DAYS:
        monday = low + dt.timedelta(days=-low.weekday() % 7)
        mondays = [monday + dt.timedelta(weeks=i) for i in range((high - monday).days // 7 + 1)]
        step = max(1, math.ceil(len(mondays) / most))
        shown = mondays[::step] or [low]
        return [(d, short_day_month(d)) for d in shown]
    months = _months(low, high)
    step = next((s for s in MONTH_STEPS if len(months) / s <= most), MONTH_STEPS[-1])
    shown = [m for m in months if (m.month - 1) % step == 0] or months[:1]
    return [
        (m, short_month_year(m) if i == 0 or m.month == 1 else short_month(m))
        for i, m in enumerate(shown)
    ]


def _months(low: dt.date, high: dt.date) -> list[dt.date]:
    """The firsts of months from `low` (included if it is one) to `high`."""
    month = low if low.day == 1 else (low.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    result = []
    while month <= high:
        result.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return result


def date_axis(
    ax: Axes, dates: Sequence[dt.date], ticks: Sequence[tuple[dt.date, str]] | None = None
) -> None:
    """Set the x range a little wider than the dates, and put the given (or chosen) ticks."""
    if not dates:
        return
    low, high = min(dates), max(dates)
    pad = (
        dt.timedelta(days=max(3, round((high - low).days * 0.04)))
        if high > low
        else dt.timedelta(days=7)
    )
    ax.set_xlim(*x_of([low - pad, high + pad]))
    most = max(2, int(width_of(ax) * TICKS_PER_INCH))
    chosen = date_ticks(dates, most) if ticks is None else ticks
    ax.set_xticks(x_of(d for d, _label in chosen), [label for _d, label in chosen])


def labelled_line(
    ax: Axes, level: float, style: object, text: str, side: str, below: bool = False
) -> None:
    """A horizontal line with its name written on it, at the left or right end (under it
    when another line's name is just above)."""
    ax.axhline(level, color="#000000", linestyle=style, linewidth=0.8, zorder=2)
    ax.text(
        0.995 if side == "right" else 0.005,
        level,
        text,
        transform=ax.get_yaxis_transform(),
        fontsize=LABEL_SIZE,
        ha=side,
        va="top" if below else "bottom",
        zorder=5,
        bbox={"facecolor": "#ffffff", "edgecolor": "none", "pad": 0.6, "alpha": 0.85},
    )


def legend_above(ax: Axes) -> None:
    """The legend above the chart, when something in it is labelled: in one row when it
    fits across the chart, else one entry a row."""
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        needed = sum(LEGEND_ENTRY_IN + len(label) * LEGEND_CHAR_IN for label in labels)
        ax.legend(
            handles,
            labels,
            loc="lower left",
            bbox_to_anchor=(0, 1.01),
            ncol=len(handles) if needed <= width_of(ax) else 1,
            fontsize=LABEL_SIZE,
            frameon=False,
            borderaxespad=0.2,
            handlelength=2.6,
        )


def width_of(ax: Axes) -> float:
    """The chart's width in inches."""
    figure = ax.get_figure(root=True)
    return float(figure.get_figwidth()) if figure is not None else WIDTH_IN


def day(value: dt.date) -> str:
    """A date in a chart's table: ISO in English (as before), the locale's short form else."""
    return value.isoformat() if language_of(active_locale()) == "en" else numeric_date(value)


def x_of(dates: Iterable[dt.date]) -> list[float]:
    """Dates as matplotlib's axis numbers (days since 1970)."""
    # heavy: matplotlib loads only when a chart is drawn
    from matplotlib.dates import date2num

    return [float(date2num(d)) for d in dates]  # type: ignore[no-untyped-call]


_ID = re.compile(r'\bid="([^"]+)"')


def svg(fig: Figure, key: str, title: str, description: str) -> str:
    """The figure as inline SVG: ids made unique to this chart, and a title and description.

    The hash salt is the chart's key, so the same chart gives the same bytes in every build.
    """
    # heavy: matplotlib loads only when a chart is drawn
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
