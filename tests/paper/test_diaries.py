"""Diaries on paper: the scannable week a page (layout 2's grid), the crisis text on every
page of every diary, and the printed diary's pages. Real PDFs from WeasyPrint, looked at
with poppler; scannable pages filled at 200 dpi and imported back."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re
from pathlib import Path

import cv2
import pytest

from goalsheet.intake.scan.read import read_page
from goalsheet.model.client import Tracker
from goalsheet.paper.scannable.diary import diary_plans, tracker_specs
from goalsheet.paper.scannable.layout import PagePlan, TrackerSpec
from goalsheet.paper.scannable.week_grid import LEFT, day_shape, grid_pages
from goalsheet.project import load_project
from helpers.pdftools import info, text
from helpers.scan_corpus import rotate
from helpers.scan_pages import cli, entries_added, fill_rows, phone, rasterised, spoil

START = dt.date(2026, 11, 30)  # after every demo client's last diary day
CRISIS = "24-hour crisis line"  # the end of the demo practice's crisis text


def scannable_clients(root: Path) -> dict[str, list[Tracker]]:
    project = load_project(root)
    return {
        folder.folder: folder.sheet.trackers
        for folder in project.clients
        if folder.sheet and any(s.kind != "text" for s in tracker_specs(folder.sheet.trackers))
    }


def check_geometry(plan: PagePlan) -> None:
    """Every circle has room: radius, spacing, inside the page, and nothing but circles
    of its own row on its line between its ends."""
    circles = [c for row in plan.rows for c in row.circles]
    assert all(c.r >= 2.5 for c in circles)
    for a, b in itertools.combinations(circles, 2):
        assert (a.x - b.x) ** 2 + (a.y - b.y) ** 2 >= 6.5**2 - 1e-6, (a, b)
    assert all(c.x - c.r > LEFT and c.x + c.r < plan.width - LEFT for c in circles)
    for row, other in itertools.combinations(plan.rows, 2):
        if other.y == row.y:  # side by side: clear of each other's band (1.5 radii)
            gap = min(abs(a.x - b.x) for a in row.circles for b in other.circles)
            assert gap >= 3.5 * row.circles[0].r + 1, (row.key, other.key)
    for row, box in itertools.product(plan.rows, plan.boxes):
        assert box.y > row.y + 6.0  # note boxes are below every row's band
    lines = sorted({row.y for row in plan.rows})
    assert all(b - a >= 7.0 - 1e-6 for a, b in itertools.pairwise(lines))
    days = [row.day or "" for row in plan.rows]
    assert days == sorted(days)  # a day's rows together, in date order


def test_a_week_fits_a_page_for_every_demo_client(demo: Path) -> None:
    clients = scannable_clients(demo)
    assert set(clients) >= {"C-0142", "C-0315", "C-0388", "C-0421", "C-0456", "Y-0207"}
    for client, trackers in clients.items():
        specs = tracker_specs(trackers)
        for paper in ("a4", "letter"):
            week = diary_plans(specs, START, 7, paper)
            fortnight = diary_plans(specs, START, 14, paper)
            assert (len(week), len(fortnight)) == (1, 2), (client, paper)
            for plan in fortnight:
                check_geometry(plan)
                assert len({row.day for row in plan.rows}) == 7
            rows = {r.key for r in week[0].rows} | {b.key for b in week[0].boxes}
            wanted = {f"{day}:{spec.id}" for spec in specs for day in _days(7)}
            assert {key.rsplit(":", 1)[0] if key.endswith(("tens", "units")) else key
                    for key in rows} == wanted  # fmt: skip


def _days(n: int) -> list[str]:
    return [(START + dt.timedelta(days=d)).isoformat() for d in range(n)]


def test_too_many_trackers_for_a_week_fall_back_to_fewer_days_a_page() -> None:
    specs = [TrackerSpec(f"n{n}", "count") for n in range(5)]
    specs += [TrackerSpec(f"r{n}", "rating", 1, 10) for n in range(4)]
    assert day_shape(specs, 175).lines == 9  # a line each: nine lines a day
    plans = grid_pages(specs, _days(14), "a4")
    assert len(plans) > 2
    per_page = [len({row.day for row in plan.rows}) for plan in plans]
    assert max(per_page) < 7 and sum(per_page) == 14
    for plan in plans:
        check_geometry(plan)
        assert max(c.y + c.r for row in plan.rows for c in row.circles) < plan.height - 22


def test_layout_1_keeps_three_days_a_page(demo: Path) -> None:
    specs = tracker_specs(scannable_clients(demo)["C-0142"])
    old = diary_plans(specs, START, 14, "a4", version=1)
    assert len(old) == 5 and old[0].rows[0].y == 62.0  # as printed before layout 2


@pytest.fixture(scope="module")
def week_pdfs(demo: Path) -> dict[str, Path]:
    """Each scannable demo client's diary for a week, as goalsheet prints it."""
    pdfs = {}
    for client in scannable_clients(demo):
        pdf = demo / f"week-{client}.pdf"
        made = cli(demo, "diary", "--client", client, "--scannable", "--start",
                   START.isoformat(), "--weeks", "1", "-o", pdf)  # fmt: skip
        assert made.exit_code == 0, made.output
        pdfs[client] = pdf
    return pdfs


@pytest.mark.slow
def test_a_filled_week_imports_every_value(demo: Path, week_pdfs: dict[str, Path]) -> None:
    """Every row of every day filled at 200 dpi, for each demo client: the import writes
    exactly those values (a number from its tens and units, yes as true)."""
    project = load_project(demo)
    for client, pdf in week_pdfs.items():
        assert info(pdf)["Pages"] == "1"
        trackers = project.sheet_of(client).trackers
        (plan,) = diary_plans(tracker_specs(trackers), START, 7, "a4")
        rng = random.Random(client)
        values = {row.key: rng.choice([c.value for c in row.circles]) for row in plan.rows}
        page = rasterised(pdf, 200)
        blank = read_page(page, lambda payload, plan=plan: plan)
        assert not [r.key for r in blank.rows if r.value is not None or r.unclear]
        image = demo / f"week-{client}.png"
        cv2.imwrite(str(image), fill_rows(page, plan, values, 200))
        before = set((demo / "goalsheets" / client / "entries").glob("*.yaml"))
        result = cli(demo, "import", image, "--as-of", "2026-12-06")
        assert result.exit_code == 0, (client, result.output)
        (added,) = entries_added(demo, client, before)
        assert added["diary"] == _expected(values, tracker_specs(trackers)), client


@pytest.mark.slow
def test_a_spoiled_photo_of_the_week_reads_the_same(week_pdfs: dict[str, Path]) -> None:
    """Blurred, noisy, JPEG'd and photographed at a slant: the light 9 pt digits (0 to 90)
    never make a blank circle look marked, and the marks read back."""
    (plan,) = diary_plans(tracker_specs(scannable_clients(week_pdfs["C-0142"].parent)["C-0142"]),
                          START, 7, "a4")  # fmt: skip
    page = rasterised(week_pdfs["C-0142"], 200)
    for spoiled in (spoil(page), spoil(phone(page))):
        blank = read_page(spoiled, lambda payload: plan)
        assert not [r.key for r in blank.rows if r.value is not None or r.unclear]
    rng = random.Random(3)
    values = {row.key: rng.choice([c.value for c in row.circles]) for row in plan.rows}
    filled = spoil(phone(rotate(fill_rows(page, plan, values, 200), 1.5)))
    assert {r.key: r.value for r in read_page(filled, lambda payload: plan).rows} == values


def _expected(values: dict[str, int], specs: list[TrackerSpec]) -> dict[dt.date, dict[str, object]]:
    kinds = {spec.id: spec.kind for spec in specs}
    days: dict[dt.date, dict[str, object]] = {}
    for key, value in values.items():
        day, tracker, *part = key.split(":")
        entry = days.setdefault(dt.date.fromisoformat(day), {})
        if kinds[tracker] == "yesno":
            entry[tracker] = value == 1
        else:
            place = {"tens": 10, "units": 1}[part[0]] if part else 1
            entry[tracker] = int(entry.get(tracker, 0)) + value * place  # type: ignore[call-overload]
    return days


@pytest.mark.slow
def test_the_scannable_fortnight_and_what_is_printed(
    demo: Path, week_pdfs: dict[str, Path]
) -> None:
    pdf = demo / "fortnight.pdf"
    made = cli(demo, "diary", "--client", "C-0142", "--scannable", "--start", START.isoformat(),
               "--weeks", "2", "-o", pdf)  # fmt: skip
    assert made.exit_code == 0, made.output
    assert info(pdf)["Pages"] == "2"
    for path, pages in [(pdf, 2), *((p, 1) for p in week_pdfs.values())]:
        for number in range(1, pages + 1):
            page = text(path, number)
            # C-0512's page is in Spanish: the practice's Spanish crisis text (112 and 024)
            assert CRISIS in page or ("112" in page and "024" in page), (path, number)
    first = text(pdf, 1)
    assert "1 very low · 10 great" in first  # the rating's anchors
    assert re.search(r"yes\s+no", first)  # the words beside the yes/no circles
    assert "90" in first and "Anything to note" in first  # tens 0-90; the notes area


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "pages"),
    [
        (["diary", "--client", "C-0142", "--weeks", "4"], 2),
        (["diary", "--client", "C-0142", "--weeks", "4", "--fillable"], 2),
        (["diary", "--client", "C-0142", "--baseline"], 2),
        (["worksheet", "weekly-log", "--client", "C-0142"], 1),
        (["diary", "--client", "C-0388", "--scannable", "--baseline"], 3),
        (["worksheet", "weekly-log", "--client", "C-0142", "--scannable", "--weeks", "4"], 2),
    ],
)
def test_every_diary_has_the_crisis_text_on_every_page(
    demo: Path, tmp_path: Path, args: list[str], pages: int
) -> None:
    pdf = tmp_path / "diary.pdf"
    made = cli(demo, *args, "--start", START.isoformat(), "-o", pdf)
    assert made.exit_code == 0, made.output
    meta = info(pdf)
    assert meta["Pages"] == str(pages)
    assert meta["Page size"].startswith("595.276 x 841.89")  # A4 portrait: no half-empty landscape
    for number in range(1, pages + 1):
        page = text(pdf, number)
        assert page.count("If you need help now.") == 1 and CRISIS in page, number


@pytest.mark.slow
def test_the_baseline_diary_opens_with_a_whole_line(demo: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "baseline.pdf"
    made = cli(demo, "diary", "--client", "C-0142", "--baseline", "-o", pdf)
    assert made.exit_code == 0, made.output
    lines = [line.strip() for line in text(pdf, 1).splitlines()]
    assert "For" not in lines  # the opening sentence no longer breaks after its first word
    assert any(line.startswith("For the next 3 weeks, just notice") for line in lines)
