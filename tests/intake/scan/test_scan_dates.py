"""A scannable questionnaire carries its own date as circles (day and month), so a stack of
questionnaires filled on different days is imported in one go, each on its day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import cv2
import numpy as np
import pytest

from helpers.scan_corpus import rotate
from helpers.scan_pages import PHQ9, cli, entries_added, fill, fill_rows, plan_of, printed, spoil

pytestmark = pytest.mark.slow  # every test here takes more than ~2 s

CLIENT = "C-0142"


def dated(day: int, month: int) -> dict[str, int]:
    return {"date:day:tens": day // 10, "date:day:units": day % 10,
            "date:month:tens": month // 10, "date:month:units": month % 10}  # fmt: skip


def questionnaire(root: Path, date: dict[str, int], answers: list[int | None]) -> np.ndarray:
    plan = plan_of(root, "PHQ-9")
    page = fill(printed(root, "phq-9", CLIENT, 200), plan, answers, 200)
    return fill_rows(page, plan, date, 200)


def test_a_stack_of_questionnaires_each_on_its_own_day(demo: Path, tmp_path: Path) -> None:
    later = [1, 1, 1, 0, 1, 0, 0, 0, 0]
    pages = [questionnaire(demo, dated(3, 11), PHQ9),
             rotate(spoil(questionnaire(demo, dated(18, 11), later)), 180)]  # fmt: skip
    tiff = tmp_path / "stack.tiff"
    assert cv2.imwritemulti(str(tiff), pages)
    before = set((demo / "goalsheets" / CLIENT / "entries").glob("*.yaml"))
    result = cli(demo, "import", tiff, "--as-of", "2026-11-20")
    assert result.exit_code == 0, result.output
    (added,) = entries_added(demo, CLIENT, before)
    assert added["measures"] == [
        {"date": dt.date(2026, 11, 3), "measure": "PHQ-9", "answers": PHQ9},
        {"date": dt.date(2026, 11, 18), "measure": "PHQ-9", "answers": later},
    ]


def test_a_date_later_in_the_year_than_today_is_last_years(demo: Path, tmp_path: Path) -> None:
    image = tmp_path / "december.png"
    cv2.imwrite(str(image), questionnaire(demo, dated(28, 12), PHQ9))
    result = cli(demo, "import", image, "--as-of", "2026-11-20", "--dry-run", "--format", "json")
    assert result.exit_code == 0, result.output
    assert "PHQ-9 on 2025-12-28" in result.output


def test_dates_that_cannot_be_are_named_and_nothing_is_written(demo: Path, tmp_path: Path) -> None:
    before = set((demo / "goalsheets" / CLIENT / "entries").glob("*.yaml"))
    cases = {
        "february.png": (dated(31, 2), "day 31 of month 2 is not a date"),
        "no-month.png": ({"date:day:tens": 1, "date:day:units": 2}, "the date is not complete"),
        "undated.png": ({}, "fill its date circles, or import with --date"),
    }
    for name, (date, message) in cases.items():
        image = tmp_path / name
        cv2.imwrite(str(image), questionnaire(demo, date, PHQ9))
        result = cli(demo, "import", image, "--as-of", "2026-11-20")
        assert result.exit_code == 1, (name, result.output)
        assert message in result.output, (name, result.output)
    assert set((demo / "goalsheets" / CLIENT / "entries").glob("*.yaml")) == before
    undated = cli(demo, "import", tmp_path / "undated.png", "--date", "2026-11-12",
                  "--as-of", "2026-11-20", "--dry-run", "--format", "json")  # fmt: skip
    assert undated.exit_code == 0 and "PHQ-9 on 2026-11-12" in undated.output, undated.output
