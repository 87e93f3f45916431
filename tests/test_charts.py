"""Report charts: SVG that parses, labelled for screen readers, gaps kept, ids kept apart."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

from conftest import REPO
from goalsheet.render.charts import (
    BandShade,
    MeasurePoint,
    level_chart,
    measure_chart,
    rating_chart,
)

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
    assert "2 week(s) with nothing recorded, shown as gaps" in chart.description
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
    assert "reliable change from the first score" in chart.svg  # the legend of the markers
    assert "reliable improvement" in chart.svg and "high" in chart.svg
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
