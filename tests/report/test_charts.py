"""Report charts: SVG that parses, labelled for screen readers, gaps kept, ids kept apart;
drawn on each scale's own range, with raters, reliable change and critical answers told
apart in a legend, labelled lines and dates in the reader's language."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from goalsheet.compute.figures import Administration, GoalProgress, Progress
from goalsheet.compute.risk import CriticalAnswer, Kind
from goalsheet.language.messages import using
from goalsheet.model.entries import Rating
from goalsheet.model.measures import GAD7, PHQ9
from goalsheet.render.charts import (
    BandShade,
    MeasurePoint,
    level_chart,
    measure_chart,
    rating_chart,
)
from goalsheet.report.chart_set import goal_charts, measure_charts, small_measure_charts
from helpers.progress import critical_answer, made_progress
from helpers.project import REPO
from helpers.svgtools import axes_box, legend, size_in, texts, ticks

SVG = "{http://www.w3.org/2000/svg}"
D = dt.date(2026, 9, 7)


def weeks(*levels: float | None) -> list[tuple[dt.date, float | None]]:
    return [(D + dt.timedelta(weeks=i), level) for i, level in enumerate(levels)]


def test_svg_has_title_and_description_first() -> None:
    chart = level_chart("t0", "Outings", "week", weeks(1, 2, 3), "outings per week")
    root = ET.fromstring(chart.svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "t0-title t0-desc"
    first, second = list(root)[:2]
    assert (first.tag, first.get("id"), first.text) == (f"{SVG}title", "t0-title", "Outings")
    assert second.tag == f"{SVG}desc" and "first 1, latest 3" in (second.text or "")
    assert root.get("width") is None  # scales with the page
    assert "<metadata" not in chart.svg  # no creator, no date: the same data, the same SVG


def test_empty_weeks_are_gaps_not_zeros() -> None:
    chart = level_chart("t1", "Outings", "week", weeks(2, None, None, 4), "outings per week")
    assert chart.table.rows == (
        ("2026-09-07", "2"),
        ("2026-09-14", "—"),
        ("2026-09-21", "—"),
        ("2026-09-28", "4"),
    )
    assert "2 weeks with nothing recorded, shown as gaps" in chart.description
    # The data line (stroke-width 1.3) moves (M) to each side of the gap and draws no
    # line (L) across it.
    line = re.findall(r'<path d="(M[^"]*)"[^>]*stroke-width: 1.3', chart.svg)
    assert len(line) == 1
    assert line[0].count("M") == 2 and "L" not in line[0]


def test_ids_are_unique_to_each_chart() -> None:
    a = level_chart("a", "A", "week", weeks(1, 2), "x")
    b = level_chart("b", "B", "week", weeks(1, 2), "x")
    ids_a = set(re.findall(r'\bid="([^"]+)"', a.svg))
    ids_b = set(re.findall(r'\bid="([^"]+)"', b.svg))
    assert ids_a and ids_b and not ids_a & ids_b
    assert all(i.startswith("a-") for i in ids_a)
    for ref in re.findall(r'(?:href="#|url\(#)([^")]+)', a.svg):
        assert ref in ids_a


def test_measure_chart_marks_reliable_change_and_bands() -> None:
    points = [MeasurePoint(D, 16), MeasurePoint(D + dt.timedelta(weeks=4), 12)]
    points.append(MeasurePoint(D + dt.timedelta(weeks=8), 9))
    bands = [BandShade(0, 9, "low"), BandShade(10, 27, "high")]
    chart = measure_chart("m0", "PHQ-9", points, bands, (0, 27), 10, 6)
    assert "a change of 6 or more from the first score (16) is reliable" in chart.description
    assert legend(chart.svg) == ["PHQ-9", "reliable improvement"]  # 9 is 7 below 16
    assert "reliable improvement on 2026-11-02 (filled triangles)" in chart.description
    assert "high" in texts(chart.svg)
    assert chart.table.rows[-1] == ("2026-11-02", "9")


def test_raters_differ_by_marker_not_only_colour() -> None:
    series = {"client": [(D, 3.0)], "parent": [(D, 2.0)], "therapist": [(D, 4.0)]}
    chart = rating_chart("g0", "School", series)
    assert chart.table.headers == ("date", "client", "parent", "therapist")
    assert chart.table.rows == (("2026-09-07", "3", "2", "4"),)
    # three marker shapes are drawn as three different symbol definitions
    markers = re.findall(r'<path id="g0-m[0-9a-f]+" d="([^"]+)"', chart.svg)
    assert len(set(markers)) >= 3


def test_commands_without_charts_do_not_load_matplotlib() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from goalsheet.cli import main\n"
        f"r = CliRunner().invoke(main, ['report', 'C-0142', '--format', 'json', "
        f"'--project', {str(REPO)!r}])\n"
        "assert r.exit_code == 0, r.output\n"
        "print('matplotlib' in sys.modules, 'weasyprint' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_one_week_is_singular() -> None:
    chart = level_chart("t0", "Outings", "week", weeks(2), "outings per week")
    assert chart.description.startswith("1 week with data;")
    assert "week(s)" not in chart.description


def test_rating_tracker_is_drawn_on_its_own_scale() -> None:
    # A 1-10 mood whose weekly levels are all 5 to 7 is still drawn from 1 to 10.
    chart = level_chart("t0", "Mood", "week", weeks(5, 6.5, 7, 5.5), "mood", scale=(1, 10))
    _left, top, _right, bottom = axes_box(chart.svg)
    y = ticks(chart.svg, "y")
    assert abs(y["1"] - bottom) < 0.01 and abs(y["10"] - top) < 0.01
    assert list(y) == [str(n) for n in range(1, 11)]


def test_count_tracker_starts_at_zero_and_shows_its_target() -> None:
    chart = level_chart("t0", "Outings", "week", weeks(1, 2, 3), "outings", True, target=5)
    _left, top, _right, bottom = axes_box(chart.svg)
    y = ticks(chart.svg, "y")
    assert abs(y["0"] - bottom) < 0.01
    highest = max(y, key=float)
    assert float(highest) >= 5 and y[highest] >= top - 0.01  # the target is inside the chart
    assert "target 5" in texts(chart.svg)


def test_gbo_is_drawn_0_to_10_whatever_the_ratings() -> None:
    chart = rating_chart("g0", "School", {"client": [(D, 4.0), (D + dt.timedelta(weeks=3), 5.0)]})
    _left, top, _right, bottom = axes_box(chart.svg)
    y = ticks(chart.svg, "y")
    assert abs(y["0"] - bottom) < 0.01 and abs(y["10"] - top) < 0.01


def _line_dashes(svg: str) -> list[str]:
    """The dash pattern of each data line (stroke-width 1.3), "" for a solid one."""
    styles = re.findall(r'<path d="M[^"]*"[^>]*style="([^"]*stroke-width: 1.3[^"]*)"', svg)
    return [(re.findall(r"stroke-dasharray: ([^;]+)", s) or [""])[0] for s in styles]


def test_two_raters_have_a_legend_and_different_lines() -> None:
    later = D + dt.timedelta(weeks=4)
    series = {"client": [(D, 2.0), (later, 6.0)], "therapist": [(D, 3.0), (later, 5.0)]}
    chart = rating_chart("g0", "School", series, roles=["client", "therapist"])
    assert legend(chart.svg) == ["client", "therapist"]
    dashes = _line_dashes(chart.svg)  # the two lines, then the legend's samples of them
    assert len(dashes) == 4 and dashes[0] != dashes[1] and dashes[:2] == dashes[2:]


def test_goal_charts_draw_raters_in_a_fixed_order_and_style() -> None:
    def rating(rater: str, gbo: int) -> Rating:
        return Rating(date=D, goal="g", rater=rater, gbo=gbo)

    goals = [
        GoalProgress("a", "A", ratings=(rating("therapist", 4), rating("client", 3))),
        GoalProgress("b", "B", ratings=(rating("therapist", 4),)),
        GoalProgress("c", "C", ratings=(rating("client", 4),)),
    ]
    charts = goal_charts(goals)
    assert legend(charts["a"].svg) == ["client", "therapist"]
    marker = re.compile(r'<path id="[a-z0-9]+-m[0-9a-f]+" d="([^"]+)"')
    # A therapist alone keeps the therapist's marker, not the first style in the list.
    assert set(marker.findall(charts["b"].svg)) < set(marker.findall(charts["a"].svg))
    assert marker.findall(charts["b"].svg) != marker.findall(charts["c"].svg)


def _change_points(higher_is_worse: bool) -> list[MeasurePoint]:
    # From 10: 4 later is 6 below and 17 is 7 above.
    totals = (10, 4, 17)
    return [MeasurePoint(D + dt.timedelta(weeks=4 * i), t) for i, t in enumerate(totals)]


def test_improvement_and_deterioration_have_their_own_markers_and_legend() -> None:
    worse_up = measure_chart("m0", "PHQ-9", _change_points(True), [], (0, 27), 10, 6)
    assert legend(worse_up.svg) == ["PHQ-9", "reliable improvement", "reliable deterioration"]
    assert "(filled triangles)" in worse_up.description
    assert "(open triangles)" in worse_up.description
    better_up = measure_chart("m0", "WB", _change_points(False), [], (0, 27), None, 6, False)
    # On a scale where higher is better, 4 is the deterioration and 17 the improvement.
    assert "reliable improvement on 2026-11-02" in better_up.description
    assert "reliable deterioration on 2026-10-05" in better_up.description

    def symbols(svg: str) -> list[str]:
        return re.findall(r'<path id="m0-m[0-9a-f]+" d="([^"]+)"', svg)

    # The triangles point the way the score moved: the same two shapes, fills swapped.
    assert set(symbols(worse_up.svg)) == set(symbols(better_up.svg))
    fills = re.compile(r'xlink:href="#(m0-m[0-9a-f]+)"[^>]*style="fill: (#[0-9a-f]+)')
    assert dict(fills.findall(worse_up.svg)) != dict(fills.findall(better_up.svg))


def test_cutoff_and_reliable_change_lines_are_labelled_on_the_chart() -> None:
    chart = measure_chart("m0", "PHQ-9", _change_points(True), [], (0, 27), 10, 6)
    drawn = texts(chart.svg)
    assert "cut-off 10" in drawn
    assert "reliable improvement (\u22126)" in drawn  # 10 - 6, with a minus sign
    assert "reliable deterioration (+6)" in drawn


def test_date_ticks_are_words_in_the_reports_language() -> None:
    months = [MeasurePoint(dt.date(2026, 3, 2) + dt.timedelta(weeks=4 * i), 9) for i in range(9)]
    few = [MeasurePoint(D + dt.timedelta(weeks=i), 9) for i in range(4)]
    with using("en_GB"):
        assert list(ticks(measure_chart("m0", "X", months, [], (0, 27), None, None).svg, "x")) == [
            "Apr 2026", "May", "Jun", "Jul", "Aug", "Sept", "Oct"
        ]  # fmt: skip
        weekly = ticks(measure_chart("m1", "X", few, [], (0, 27), None, None).svg, "x")
        assert list(weekly) == ["7 Sept", "14 Sept", "21 Sept", "28 Sept"]
    with using("es_ES"):
        spanish = ticks(measure_chart("m0", "X", months, [], (0, 27), None, None).svg, "x")
        assert next(iter(spanish)) == "abr 2026" and "sept" in spanish
        assert list(ticks(measure_chart("m1", "X", few, [], (0, 27), None, None).svg, "x")) == [
            "7 sept", "14 sept", "21 sept", "28 sept"
        ]  # fmt: skip
    labels = ticks(measure_chart("m0", "X", months, [], (0, 27), None, None).svg, "x")
    assert not any(re.search(r"\d{4}-", label) for label in labels)  # no "2026-Nov" offsets


def _figures(critical: list[CriticalAnswer]) -> Progress:
    totals = [("PHQ-9", "2026-08-24", 16), ("PHQ-9", "2026-09-07", 14), ("GAD-7", "2026-08-24", 13)]
    totals.append(("PHQ-9", "2026-11-16", 7))
    return made_progress(
        measures=tuple(Administration(m, dt.date.fromisoformat(d), t, None) for m, d, t in totals),
        critical=tuple(critical),
    )


def _critical(date: str, kind: Kind, follow_up: str | None) -> CriticalAnswer:
    """PHQ-9 item 9 on `date`, followed up on `follow_up` by Sam Lee if given."""
    followed = None if follow_up is None else dt.date.fromisoformat(follow_up)
    return critical_answer(dt.date.fromisoformat(date), kind, followed)


def test_critical_answers_are_marked_on_their_measures_chart() -> None:
    followed = "2026-08-25"
    figures = _figures(
        [_critical("2026-08-24", "answered", followed), _critical("2026-09-07", "answered", None)]
    )
    charts = measure_charts(figures, {"PHQ-9": PHQ9, "GAD-7": GAD7})
    phq = charts["PHQ-9"]
    assert "item 9 answered above 0" in legend(phq.svg)
    assert legend(phq.svg).count("item 9 answered above 0") == 1  # one entry for two dates
    assert phq.table.headers == ("date", "total", "critical item")
    assert phq.table.rows[0] == (
        "2026-08-24",
        "16",
        "item 9: 1 (Several days), followed up on 2026-08-25 by Sam Lee",
    )
    assert phq.table.rows[1][2] == "item 9: 1 (Several days), not followed up yet"
    assert "on 2026-09-07, item 9: 1 (Several days), not followed up yet" in phq.description
    # Two dotted vertical lines, one per date, from the bottom of the axes to its top.
    left, top, _right, bottom = axes_box(phq.svg)
    verticals = re.findall(r'<path d="M ([\d.]+) ([\d.]+) \nL \1 ([\d.]+) \n"', phq.svg)
    spans = {x for x, y0, y1 in verticals if {float(y0), float(y1)} == {top, bottom}}
    assert len({x for x in spans if float(x) > left}) == 2  # not counting the axis line
    gad = charts["GAD-7"]
    assert "item 9" not in " ".join(legend(gad.svg)) and len(gad.table.headers) == 2


def test_a_blank_critical_item_is_marked_as_a_reason_to_ask() -> None:
    figures = _figures([_critical("2026-09-07", "unanswered", None)])
    chart = measure_charts(figures, {"PHQ-9": PHQ9, "GAD-7": GAD7})["PHQ-9"]
    assert "item 9 blank or unclear: ask" in legend(chart.svg)
    assert chart.table.rows[1][2] == "item 9: not answered, not followed up yet"


def test_a_small_trend_chart_per_measure() -> None:
    figures = _figures([_critical("2026-09-07", "answered", None)])
    small = small_measure_charts(figures, {"PHQ-9": PHQ9, "GAD-7": GAD7})
    assert list(small) == ["PHQ-9", "GAD-7"]
    phq = small["PHQ-9"]
    width, height = size_in(phq.svg)
    assert abs(width - 2.2) < 0.01 and abs(height - 0.8) < 0.01
    _left, top, _right, bottom = axes_box(phq.svg)
    y = ticks(phq.svg, "y")
    assert list(y) == ["0", "27"] and abs(y["0"] - bottom) < 0.01 and abs(y["27"] - top) < 0.01
    assert list(ticks(phq.svg, "x")) == ["24 Aug", "16 Nov"]  # first and latest
    assert {"16", "7"} <= set(texts(phq.svg))  # their totals, written by the points
    assert "stroke-dasharray" in phq.svg  # the cut-off line
    assert "cut-off 10" in phq.description and "latest 7 on 2026-11-16" in phq.description
    assert legend(phq.svg) == []
    root = ET.fromstring(phq.svg)
    assert root.get("aria-labelledby") == "s0-title s0-desc"
    big = measure_charts(figures, {"PHQ-9": PHQ9, "GAD-7": GAD7})["PHQ-9"]
    ids = set(re.findall(r'\bid="([^"]+)"', phq.svg))
    assert not ids & set(re.findall(r'\bid="([^"]+)"', big.svg))  # both can sit on one page
    narrow = small_measure_charts(figures, {"PHQ-9": PHQ9, "GAD-7": GAD7}, width_in=1.6)
    assert abs(size_in(narrow["PHQ-9"].svg)[0] - 1.6) < 0.01  # drawn at its printed width
    assert list(ticks(narrow["PHQ-9"].svg, "x")) == ["24 Aug", "16 Nov"]


@pytest.mark.slow
def test_the_same_figures_give_the_same_bytes() -> None:
    figures = _figures([_critical("2026-09-07", "answered", None)])
    measures = {"PHQ-9": PHQ9, "GAD-7": GAD7}
    assert measure_charts(figures, measures) == measure_charts(figures, measures)
    assert small_measure_charts(figures, measures) == small_measure_charts(figures, measures)


def test_a_narrow_measure_chart_keeps_its_text_readable() -> None:
    weekly = [MeasurePoint(D + dt.timedelta(weeks=i), 16 - i) for i in range(13)]
    wide = measure_chart("m0", "PHQ-9", weekly, [], (0, 27), 10, 6)
    narrow = measure_chart("m1", "PHQ-9", weekly, [], (0, 27), 10, 6, width_in=3.2)
    assert round(size_in(narrow.svg)[0], 2) == 3.2
    assert len(ticks(narrow.svg, "x")) <= 4 < len(ticks(wide.svg, "x"))  # dates do not collide
    font = re.compile(r"font-size: ([\d.]+)px")
    assert sorted(set(font.findall(narrow.svg))) == sorted(set(font.findall(wide.svg)))
