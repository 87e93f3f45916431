"""Scannable weekly logs and handwritten notes: a week's numbers read into `weeks:`, the
words in a note box kept as a picture beside the client's data (never read, never
published). Real pages from WeasyPrint, rasterised by poppler, filled and photographed."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest
from click.testing import Result

from goalsheet.paper.scannable.diary import diary_plans, tracker_specs
from goalsheet.paper.scannable.layout import PagePlan
from goalsheet.project import load_project
from helpers.scan_corpus import rotate
from helpers.scan_pages import WEEKLY_CLIENT as CLIENT
from helpers.scan_pages import (
    cli,
    diary_page,
    diary_plan,
    entries_added,
    fill_rows,
    phone,
    rasterised,
    spoil,
    weekly_page,
    weekly_plan,
)


def write_words(image: np.ndarray, plan: PagePlan, key: str, words: str, dpi: int) -> np.ndarray:
    """Handwriting (of a sort) in the note box `key`."""
    marked = image.copy()
    k = dpi / 25.4
    (box,) = [b for b in plan.boxes if b.key == key]
    origin = (round((box.x + 3) * k), round((box.y + box.h * 0.65) * k))
    cv2.putText(marked, words, origin, cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, dpi / 160, 30, 2)
    return marked


def imported(root: Path, image: Path, *args: str) -> Result:
    return cli(root, "import", image, *args)


@pytest.mark.slow
def test_a_weekly_log_photo_imports_as_weeks(demo: Path, tmp_path: Path) -> None:
    start = "2026-11-09"  # two weeks that are over by the demo's as-of date
    plan = weekly_plan(demo, start)
    values = {
        f"{start}:mood": 6, f"{start}:outings:tens": 0, f"{start}:outings:units": 4,
        f"{start}:relax:hundreds": 1, f"{start}:relax:tens": 4, f"{start}:relax:units": 5,
        f"{start}:exercise": 5,
        "2026-11-16:mood": 7, "2026-11-16:relax:units": 0, "2026-11-16:exercise": 7,
    }  # fmt: skip
    page = phone(rotate(spoil(fill_rows(weekly_page(demo, start, 200), plan, values, 200)), -3))
    image = tmp_path / "weekly.jpg"
    cv2.imwrite(str(image), page, [cv2.IMWRITE_JPEG_QUALITY, 45])
    before = set((demo / "goalsheets" / CLIENT / "entries").glob("*.yaml"))
    result = imported(demo, image, "--as-of", "2026-11-20")
    assert result.exit_code == 0, result.output
    assert "2 weeks of relax" in result.output and "1 week of outings" in result.output
    (added,) = entries_added(demo, CLIENT, before)
    day = dt.date.fromisoformat
    assert added["weeks"] == {
        day(start): {"mood": 6, "outings": 4, "relax": 145, "exercise": 5},
        day("2026-11-16"): {"mood": 7, "relax": 0, "exercise": 7},
    }
    assert "diary" not in added
    (new_file,) = set((demo / "goalsheets" / CLIENT / "entries").glob("*.yaml")) - before
    check = cli(demo, "check", "--as-of", "2026-11-20")
    assert new_file.name not in check.output, check.output
    assert "\n0 errors" in "\n" + check.output, check.output
    again = imported(demo, image, "--as-of", "2026-11-20")
    assert again.exit_code == 0 and "nothing new to import" in again.output
    assert len(entries_added(demo, CLIENT, before)) == 1


@pytest.mark.slow
def test_a_week_not_begun_and_a_missing_units_digit_are_named(demo: Path, tmp_path: Path) -> None:
    start = "2026-11-23"
    plan = weekly_plan(demo, start)
    values = {f"{start}:relax:hundreds": 2, "2026-11-30:mood": 5}
    page = fill_rows(weekly_page(demo, start, 150), plan, values, 150)
    image = tmp_path / "weekly-early.png"
    cv2.imwrite(str(image), page)
    before = set((demo / "goalsheets" / CLIENT / "entries").glob("*.yaml"))
    result = imported(demo, image, "--as-of", "2026-11-25")
    assert result.exit_code == 1
    assert "a digit is filled but not the units" in result.output
    assert "the week of 2026-11-30 has not begun yet" in result.output
    assert set((demo / "goalsheets" / CLIENT / "entries").glob("*.yaml")) == before


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["letter"])
def test_a_weekly_log_on_letter_paper(demo: Path, tmp_path: Path, paper: str) -> None:
    from goalsheet.intake.scan.read import read_page

    start = "2026-11-02"
    plan = weekly_plan(demo, start, paper)
    values = {f"{start}:mood": 3, f"{start}:outings:tens": 1, f"{start}:outings:units": 2}
    page = fill_rows(weekly_page(demo, start, 300, paper), plan, values, 300)
    reading = read_page(page, lambda payload: plan)
    read = {row.key: row.value for row in reading.rows if row.value is not None}
    assert read == values


def test_a_weekly_log_must_start_on_a_monday(demo: Path) -> None:
    result = cli(demo, "worksheet", "weekly-log", "--client", CLIENT, "--scannable",
                 "--start", "2026-11-26", "-o", demo / "x.pdf")  # fmt: skip
    assert result.exit_code == 2
    assert "use --start 2026-11-23" in result.output
    assert not (demo / "x.pdf").exists()
    blank = cli(demo, "worksheet", "weekly-log", "--scannable", "-o", demo / "y.pdf")
    assert blank.exit_code == 2 and "--client" in blank.output


@pytest.mark.slow
def test_a_handwritten_note_is_kept_as_a_picture(demo: Path, tmp_path: Path) -> None:
    start = "2026-10-26"
    plan = diary_plan(demo, CLIENT, start)
    note_key = f"{start}:note"
    assert any(box.key == note_key for box in plan.boxes)
    page = diary_page(demo, CLIENT, start, 200)  # the days are in the demo already: words only
    page = write_words(page, plan, note_key, "went to the park with Sam", 200)
    image = tmp_path / "diary-note.jpg"
    cv2.imwrite(str(image), phone(spoil(page)), [cv2.IMWRITE_JPEG_QUALITY, 50])
    scans = demo / "goalsheets" / CLIENT / "scans"

    dry = imported(demo, image, "--as-of", "2026-11-20", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "would keep 1 handwritten note as a picture in " in dry.output
    assert not scans.exists()
    review = demo / "private" / "review" / "diary-note-review.html"
    assert review.is_file() and "Anything to note on 2026-10-26" in review.read_text()

    result = imported(demo, image, "--as-of", "2026-11-20")
    assert result.exit_code == 0, result.output
    kept = sorted(p.name for p in scans.iterdir())
    assert kept == [f"{start}-note.png"]  # only the box with words; the blank ones are not kept
    picture = cv2.imread(str(scans / kept[0]), cv2.IMREAD_GRAYSCALE)
    assert picture is not None and float((picture < 128).mean()) > 0.01  # the words are in it
    assert oct((scans / kept[0]).stat().st_mode & 0o777) == "0o600"

    again = imported(demo, image, "--as-of", "2026-11-20")
    assert again.exit_code == 0 and "already kept, nothing to add: 1" in again.output
    assert sorted(p.name for p in scans.iterdir()) == kept

    build = cli(demo, "build", "--no-pdf", "--as-of", "2026-11-20")
    assert build.exit_code == 0, build.output
    site = demo / "site"
    assert not [p for p in site.rglob("*") if p.name.startswith(start)]
    check = cli(demo, "check", "--as-of", "2026-11-20")
    assert "scans" not in check.output and "\n0 errors" in "\n" + check.output, check.output


@pytest.mark.slow
def test_a_baseline_diary_page_in_the_middle_imports(demo: Path, tmp_path: Path) -> None:
    """The baseline diary (three weeks) of a client with a rating and a note: its second
    page, photographed, adds that page's days and keeps its note."""
    client, start = "C-0421", "2026-10-19"  # after the demo's last entries for C-0421
    pdf = tmp_path / "baseline.pdf"
    made = cli(demo, "diary", "--client", client, "--baseline", "--scannable", "--start", start,
               "-o", pdf)  # fmt: skip
    assert made.exit_code == 0, made.output
    sheet = load_project(demo).sheet_of(client)
    plans = diary_plans(tracker_specs(sheet.trackers), dt.date.fromisoformat(start), 21, "a4")
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    assert f"Pages:           {len(plans)}" in info and len(plans) > 1
    page = rasterised(pdf, 200, page=2)
    plan = plans[1]
    days = sorted({row.day for row in plan.rows if row.day})
    values = {f"{day}:mood": 3 + n % 7 for n, day in enumerate(days)}
    page = write_words(fill_rows(page, plan, values, 200), plan, plan.boxes[0].key, "tired", 200)
    image = tmp_path / "baseline-page-2.jpg"
    cv2.imwrite(str(image), phone(page), [cv2.IMWRITE_JPEG_QUALITY, 60])
    before = set((demo / "goalsheets" / client / "entries").glob("*.yaml"))
    result = cli(demo, "import", image, "--as-of", "2026-11-20")
    assert result.exit_code == 0, result.output
    assert "baseline-diary scan v2" in result.output
    (added,) = entries_added(demo, client, before)
    assert added["diary"] == {
        dt.date.fromisoformat(d): {"mood": 3 + n % 7} for n, d in enumerate(days)
    }
    kept = [p.name for p in (demo / "goalsheets" / client / "scans").iterdir()]
    assert kept == [f"{plan.boxes[0].day}-note.png"]
