"""The caseload summary's small bar charts as accessible vector SVG, drawn by matplotlib.

Like the report charts (render/charts.py): black-and-white readable (fills and hatching
carry the meaning, and every bar is labelled with its number, never colour alone), a <title>
and <desc> for screen readers, the same bytes for the same figures (chart_frame.svg), and
the figures returned beside the chart as a table. matplotlib is imported only when a chart
is drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from goalsheet.language.formats import count
from goalsheet.language.messages import _
from goalsheet.render.chart_frame import svg

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

WIDTH_IN = 6.4
FONT = 7.5
# A series' fill and hatching: tell apart on a black-and-white page.
SERIES_STYLES = (("#333333", ""), ("#ffffff", "////"), ("#cccccc", ""), ("#ffffff", "xxx"))


@dataclass(frozen=True)
class BarChart:
    key: str  # unique within a document: keeps SVG ids apart
    title: str
    description: str
    svg: str
    headers: tuple[str, ...]  # the figures behind the chart, as a table
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ShareBar:
    """One row of a share chart: `count` clients of `of`, and the words printed beside it."""

    label: str
    count: int
    of: int
    text: str  # "3 of 4", or "60% (3 of 5)": the caller applies the small-number rule


def share_chart(key: str, title: str, bars: Sequence[ShareBar]) -> BarChart:
    """One horizontal bar per share: an outlined bar for all the clients it is of, filled as
    far as the share, its words at the right. A share of no clients draws no bar."""
    fig, ax = _figure(0.25 + 0.25 * max(1, len(bars)))
    for row, bar in enumerate(bars):
        if bar.of:
            ax.barh(row, 1.0, height=0.6, color="#ffffff", edgecolor="#000000", linewidth=0.7)
            ax.barh(row, bar.count / bar.of, height=0.6, color="#444444", linewidth=0)
        ax.text(1.02, row, bar.text, va="center", fontsize=FONT)
    ax.set_yticks(range(len(bars)), [bar.label for bar in bars])
    ax.set_ylim(len(bars) - 0.5, -0.5)  # the first bar on top
    ax.set_xlim(0, 1)
    for patch in ax.patches:  # the outline's right edge sits on the axis limit: keep it whole
        patch.set_clip_on(False)
    ax.set_xticks([])
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    description = "; ".join(f"{bar.label}: {bar.text}" for bar in bars)
    return BarChart(
        key,
        title,
        description + ".",
        svg(fig, key, title, description),
        ("", _("clients")),
        tuple((bar.label, bar.text) for bar in bars),
    )


def count_chart(
    key: str, title: str, groups: Sequence[str], series: Sequence[tuple[str, Sequence[int]]]
) -> BarChart:
    """Counts of clients by group (e.g. a quarter), one bar per series side by side, each
    series with its own fill or hatching and a legend, each bar with its count on top."""
    fig, ax = _figure(1.5)
    width = 0.8 / max(1, len(series))
    top = max((n for _name, counts in series for n in counts), default=0)
    for index, (name, counts) in enumerate(series):
        face, hatch = SERIES_STYLES[index % len(SERIES_STYLES)]
        offset = (index - (len(series) - 1) / 2) * width
        drawn = ax.bar(
            [g + offset for g in range(len(groups))],
            counts,
            width=width * 0.92,
            color=face,
            hatch=hatch,
            edgecolor="#000000",
            linewidth=0.7,
            label=name,
        )
        ax.bar_label(drawn, labels=[count(n) for n in counts], fontsize=FONT - 1, padding=1)
    ax.set_xticks(range(len(groups)), groups)
    ax.set_ylim(0, max(1, top) * 1.15)  # room for the counts above the bars
    # heavy: matplotlib loads only when a chart is drawn
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _position: count(value)))
    ax.set_ylabel(_("clients"), fontsize=FONT)
    ax.grid(axis="y", color="#bbbbbb", linewidth=0.4)
    ax.set_axisbelow(True)
    if series:
        ax.legend(
            loc="lower left",
            bbox_to_anchor=(0, 1.02),
            fontsize=FONT - 1,
            frameon=False,
            ncol=len(series),
        )
    lines = [
        "{group}: {counts}".format(
            group=group,
            counts=", ".join(f"{name} {count(counts[g])}" for name, counts in series),
        )
        for g, group in enumerate(groups)
    ]
    description = "; ".join(lines) or _("no clients yet")
    return BarChart(
        key,
        title,
        description + ".",
        svg(fig, key, title, description),
        ("", *(name for name, _counts in series)),
        tuple(
            (group, *(count(counts[g]) for _n, counts in series)) for g, group in enumerate(groups)
        ),
    )


def _figure(height: float) -> tuple[Figure, Axes]:
    # heavy: matplotlib loads only when a chart is drawn
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, height), layout="constrained")
    ax = fig.add_subplot()
    ax.tick_params(labelsize=FONT)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax
