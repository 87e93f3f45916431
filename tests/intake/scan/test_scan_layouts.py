"""A page printed months ago is read with the plan it was printed with: the layout version
in its QR code chooses the plan. tests/data/scan-v1/ holds a PHQ-9 and a three-page diary
printed with layout 1 (before the issue-19 forms); they import as they always did."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import cv2
import pytest

from goalsheet.paper.scannable.diary import diary_plans, tracker_specs
from goalsheet.paper.scannable.layout import LAYOUT_VERSION, READABLE_LAYOUTS
from goalsheet.paper.scannable.page import measure_plan
from goalsheet.project import load_project
from helpers.project import REPO
from helpers.scan_pages import cli, entries_added, fill, fill_rows, rasterised

V1 = REPO / "tests" / "data" / "scan-v1"
PHQ9 = [1, 0, 2, 3, 1, 0, 2, 1, 1]


def test_the_current_layout_is_readable() -> None:
    assert LAYOUT_VERSION in READABLE_LAYOUTS and 1 in READABLE_LAYOUTS


@pytest.mark.slow
def test_a_layout_1_phq9_still_imports(demo: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "phq-v1.pdf"
    shutil.copy(V1 / "phq-9-C-0142-a4.pdf", pdf)
    plan = measure_plan(load_project(demo).measures["PHQ-9"], "a4", version=1)
    page = fill(rasterised(pdf, 200), plan, PHQ9, 200)
    image = tmp_path / "phq-v1.png"
    cv2.imwrite(str(image), page)
    before = set((demo / "goalsheets" / "C-0142" / "entries").glob("*.yaml"))
    result = cli(demo, "import", image, "--date", "2026-11-18")
    assert result.exit_code == 0, result.output
    assert "scan v1" in result.output
    (added,) = entries_added(demo, "C-0142", before)
    assert added["measures"][0]["answers"] == PHQ9  # type: ignore[index]


@pytest.mark.slow
@pytest.mark.parametrize("number", [1, 3])
def test_a_layout_1_diary_page_still_imports(
    demo: Path,
    tmp_path: Path,
    number: int,
) -> None:
    pdf = tmp_path / "diary-v1.pdf"
    shutil.copy(V1 / "diary-C-0142-2026-11-30.pdf", pdf)
    trackers = load_project(demo).sheet_of("C-0142").trackers
    plans = diary_plans(tracker_specs(trackers), dt.date(2026, 11, 30), 7, "a4", version=1)
    assert len(plans) == 3  # as printed: three days a page
    plan = plans[number - 1]
    moods = [row for row in plan.rows if row.label == "mood"]
    values = {row.key: 3 + index for index, row in enumerate(moods)}
    page = fill_rows(rasterised(pdf, 200, number), plan, values, 200)
    image = tmp_path / f"diary-v1-{number}.png"
    cv2.imwrite(str(image), page)
    before = set((demo / "goalsheets" / "C-0142" / "entries").glob("*.yaml"))
    result = cli(demo, "import", image, "--as-of", "2026-12-06")
    assert result.exit_code == 0, result.output
    (added,) = entries_added(demo, "C-0142", before)
    got = {day.isoformat(): values["mood"] for day, values in added["diary"].items()}  # type: ignore[attr-defined]
    assert got == {row.day: values[row.key] for row in moods}
