"""Scannable questionnaires: printed by WeasyPrint, rasterised by poppler, filled and spoiled
the way paper is (pens, phones, scanners), read back with OpenCV and imported.

The fills are drawn onto the real rendered page at the positions the page's plan gives,
then the image is degraded; nothing of the reader is mocked.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest

from goalsheet.intake.scan.locate import Unreadable
from goalsheet.intake.scan.read import read_page
from helpers.scan_corpus import rotate
from helpers.scan_pages import (
    GAD7,
    PHQ9,
    answers_read,
    cli,
    diary_page,
    diary_plan,
    entries_added,
    fill,
    fill_rows,
    items,
    pencil,
    phone,
    plan_of,
    printed,
    scribble,
    solid,
    spoil,
)


@pytest.mark.slow
@pytest.mark.parametrize("dpi", [150, 200, 300])
def test_clean_scans_at_every_resolution(demo: Path, dpi: int) -> None:
    plan = plan_of(demo, "PHQ-9")
    page = fill(printed(demo, "phq-9", "C-0142", dpi), plan, PHQ9, dpi)
    assert answers_read(page, plan) == PHQ9


@pytest.mark.slow
@pytest.mark.parametrize(
    "spoiling",
    [
        lambda p: rotate(p, 5),
        lambda p: rotate(p, -5),
        lambda p: rotate(p, 180),
        lambda p: rotate(p, 177),
        phone,
        spoil,
        lambda p: spoil(phone(rotate(p, 3))),
    ],
    ids=["+5", "-5", "upside-down", "upside-down-tilted", "phone", "spoiled", "all"],
)
def test_degraded_pages_read_the_same(demo: Path, spoiling: Callable[..., np.ndarray]) -> None:
    plan = plan_of(demo, "GAD-7")
    page = fill(printed(demo, "gad-7", "C-0388", 200), plan, GAD7, 200, scribble)
    assert answers_read(spoiling(page), plan) == GAD7


@pytest.mark.slow
def test_letter_paper_and_pencil(demo: Path) -> None:
    plan = plan_of(demo, "PHQ-9", "letter")
    page = fill(printed(demo, "phq-9", "C-0142", 200, "letter"), plan, PHQ9, 200, pencil)
    assert answers_read(page, plan) == PHQ9


def test_unanswered_rows_are_none_and_doubtful_rows_unclear(demo: Path) -> None:
    plan = plan_of(demo, "PHQ-9")
    dpi = 200
    answers: list[int | None] = [*PHQ9[:8], None]
    page = fill(printed(demo, "phq-9", "C-0142", dpi), plan, answers, dpi)
    k = dpi / 25.4
    second = plan.rows[0].circles[3]  # a second mark in row 1
    solid(page, (round(second.x * k), round(second.y * k)), round(second.r * k))
    faint = plan.rows[1].circles[0]  # a light grey mark beside row 2's answer
    cv2.circle(page, (round(faint.x * k), round(faint.y * k)), round(faint.r * k * 0.8), 185, -1)
    part = plan.rows[2].circles[3]  # a small dot beside row 3's answer
    cv2.circle(page, (round(part.x * k), round(part.y * k)), round(part.r * k * 0.35), 30, -1)
    reading = read_page(page, lambda payload: plan)
    rows = {row.number: row for row in reading.rows}
    assert rows[1].value is None and rows[1].unclear == "2 circles are filled"
    assert rows[2].value is None and rows[2].unclear == "a mark is faint or only partly filled"
    assert rows[9].value is None and rows[9].unclear is None  # left blank: unanswered
    assert rows[3].value is None and rows[3].unclear == "a mark is faint or only partly filled"
    assert [rows[n].value for n in range(4, 9)] == PHQ9[3:8]


def test_pages_that_cannot_be_read_say_why(demo: Path) -> None:
    plan = plan_of(demo, "PHQ-9")
    page = printed(demo, "phq-9", "C-0142", 150)
    with pytest.raises(Unreadable, match="blank"):
        read_page(np.full_like(page, 250), lambda payload: plan)
    with pytest.raises(Unreadable, match="no goalsheet code"):
        read_page(cv2.GaussianBlur(page, (41, 41), 12), lambda payload: plan)
    with pytest.raises(Unreadable, match="corner mark is missing"):
        cropped = page.copy()
        cropped[-round(page.shape[0] * 0.09) :, :] = 255  # the bottom of the page cut off
        read_page(cropped, lambda payload: plan)
    import segno

    other = demo / "other.png"
    segno.make("https://example.org/not-goalsheet").save(str(other), scale=12, border=4)
    with pytest.raises(Unreadable, match="not printed by goalsheet"):
        read_page(cv2.imread(str(other), cv2.IMREAD_GRAYSCALE), lambda payload: plan)


@pytest.mark.slow
def test_import_a_multi_page_tiff_from_two_clients_twice(demo: Path, tmp_path: Path) -> None:
    phq = fill(printed(demo, "phq-9", "C-0142", 200), plan_of(demo, "PHQ-9"), PHQ9, 200)
    gad = fill(printed(demo, "gad-7", "C-0388", 200), plan_of(demo, "GAD-7"), GAD7, 200)
    tiff = tmp_path / "scans.tiff"
    assert cv2.imwritemulti(str(tiff), [rotate(gad, 180), phq])
    entries = {c: set((demo / "goalsheets" / c / "entries").glob("*.yaml"))
               for c in ("C-0142", "C-0388")}  # fmt: skip
    first = cli(demo, "import", tiff, "--date", "2026-11-19")
    assert first.exit_code == 0, first.output
    (phq_file,) = entries_added(demo, "C-0142", entries["C-0142"])
    (gad_file,) = entries_added(demo, "C-0388", entries["C-0388"])
    assert phq_file["measures"] == [{"date": __import__("datetime").date(2026, 11, 19),
                                     "measure": "PHQ-9", "answers": PHQ9}]  # fmt: skip
    assert gad_file["measures"][0]["answers"] == GAD7  # type: ignore[index]
    again = cli(demo, "import", tiff, "--date", "2026-11-19")
    assert again.exit_code == 0 and "nothing new to import" in again.output
    assert len(entries_added(demo, "C-0142", entries["C-0142"])) == 1
    assert cli(demo, "check", "--as-of", "2026-11-20").exit_code == 0


@pytest.mark.slow
def test_a_scanned_pdf_with_an_unreadable_page(demo: Path, tmp_path: Path) -> None:
    from PIL import Image

    good = fill(printed(demo, "gad-7", "C-0142", 150), plan_of(demo, "GAD-7"), GAD7, 150)
    blank = np.full_like(good, 245)
    pdf = tmp_path / "scanner.pdf"
    Image.fromarray(good).save(pdf, save_all=True, append_images=[Image.fromarray(blank)],
                               resolution=150)  # fmt: skip
    before = set((demo / "goalsheets" / "C-0142" / "entries").glob("*.yaml"))
    blocked = cli(demo, "import", pdf, "--date", "2026-11-18")
    assert blocked.exit_code == 1, blocked.output
    assert "scanner.pdf, page 2" in blocked.output and "blank" in blocked.output
    assert entries_added(demo, "C-0142", before) == []
    skipped = cli(demo, "import", pdf, "--date", "2026-11-18", "--skip-invalid")
    assert skipped.exit_code == 0, skipped.output
    (added,) = entries_added(demo, "C-0142", before)
    assert added["measures"][0]["answers"] == GAD7  # type: ignore[index]


def test_an_unclear_row_holds_the_questionnaire_back(demo: Path, tmp_path: Path) -> None:
    plan = plan_of(demo, "GAD-7")
    page = fill(printed(demo, "gad-7", "C-0388", 200), plan, GAD7, 200)
    k = 200 / 25.4
    extra = plan.rows[4].circles[0]
    solid(page, (round(extra.x * k), round(extra.y * k)), round(extra.r * k))
    image = tmp_path / "two-marks.png"
    cv2.imwrite(str(image), page)
    before = set((demo / "goalsheets" / "C-0388" / "entries").glob("*.yaml"))
    result = cli(demo, "import", image, "--date", "2026-11-17")
    assert result.exit_code == 1
    assert "item 5" in result.output and "2 circles are filled" in result.output
    assert entries_added(demo, "C-0388", before) == []


def test_the_qr_code_carries_ids_only(demo: Path) -> None:
    page = printed(demo, "phq-9", "C-0142", 200)
    text, _points, _code = cv2.QRCodeDetector().detectAndDecode(page)
    assert text.startswith("GS1:") and '"c":"C-0142"' in text
    assert "Alex" not in text


@pytest.mark.slow
def test_a_hundred_megapixel_photo_is_read_in_bounded_memory(demo: Path) -> None:
    plan = plan_of(demo, "PHQ-9")
    page = fill(printed(demo, "phq-9", "C-0142", 300), plan, PHQ9, 300)
    huge = cv2.resize(page, None, fx=3.5, fy=3.5, interpolation=cv2.INTER_LINEAR)
    assert huge.shape[0] * huge.shape[1] > 100_000_000
    assert answers_read(huge, plan) == PHQ9


@pytest.mark.slow
def test_many_marks_are_read_correctly(demo: Path) -> None:
    """A small corpus on every run: random answers, each page spoiled a different way."""
    rng = random.Random(42)
    plan = plan_of(demo, "PHQ-9")
    blank = printed(demo, "phq-9", "C-0142", 200)
    spoilers = [lambda p: p, spoil, phone, lambda p: rotate(p, rng.uniform(-5, 5)),
                lambda p: rotate(p, 180)]  # fmt: skip
    marks = wrong = 0
    for number in range(10):
        answers: list[int | None] = [rng.choice([0, 1, 2, 3]) for _ in items(plan)]
        how = [solid, scribble, pencil][number % 3]
        page = spoilers[number % len(spoilers)](fill(blank, plan, answers, 200, how))
        got = [row.value for row in read_page(page, lambda payload: plan).rows][: len(answers)]
        marks += len(answers)
        wrong += sum(a != g for a, g in zip(answers, got, strict=True))
    print(f"\nscan: {marks} marks read, {wrong} wrong")
    assert wrong == 0


@pytest.mark.slow
def test_a_photographed_diary_imports_as_diary_days(demo: Path, tmp_path: Path) -> None:
    import datetime as dt

    start = "2026-11-30"  # after the demo's last entries
    plan = diary_plan(demo, "C-0142", start)
    values = {
        f"{start}:mood": 4, "2026-12-01:mood": 6, f"{start}:outings:units": 2,
        "2026-12-01:outings:tens": 1, "2026-12-01:outings:units": 3,
        f"{start}:relax:tens": 0, f"{start}:relax:units": 5, "2026-12-01:exercise": 1,
        "2026-12-02:exercise": 0, "2026-12-02:mood": 7,
    }  # fmt: skip
    page = phone(rotate(fill_rows(diary_page(demo, "C-0142", start, 200), plan, values, 200), 2))
    image = tmp_path / "diary.jpg"
    cv2.imwrite(str(image), page, [cv2.IMWRITE_JPEG_QUALITY, 50])
    before = set((demo / "goalsheets" / "C-0142" / "entries").glob("*.yaml"))
    early = cli(demo, "import", image, "--as-of", "2026-12-01")  # before the last day filled
    assert early.exit_code == 1 and "2026-12-02 has not happened yet" in early.output
    result = cli(demo, "import", image, "--as-of", "2026-12-02")
    assert result.exit_code == 0, result.output
    (added,) = entries_added(demo, "C-0142", before)
    day = dt.date.fromisoformat
    assert added["diary"] == {
        day(start): {"mood": 4, "outings": 2, "relax": 5},
        day("2026-12-01"): {"mood": 6, "outings": 13, "exercise": True},
        day("2026-12-02"): {"exercise": False, "mood": 7},
    }
    again = cli(demo, "import", image, "--as-of", "2026-12-02")
    assert again.exit_code == 0 and "nothing new to import" in again.output


@pytest.mark.slow
def test_unclear_marks_get_a_review_page_and_accept_decides(demo: Path, tmp_path: Path) -> None:
    plan = plan_of(demo, "PHQ-9")
    answers: list[int | None] = list(PHQ9)
    page = fill(printed(demo, "phq-9", "C-0421", 200), plan, answers, 200)
    k = 200 / 25.4
    extra = plan.rows[3].circles[3]  # item 4: a second mark
    solid(page, (round(extra.x * k), round(extra.y * k)), round(extra.r * k))
    image = tmp_path / "phq-C-0421.png"
    cv2.imwrite(str(image), page)
    before = set((demo / "goalsheets" / "C-0421" / "entries").glob("*.yaml"))
    first = cli(demo, "import", image, "--date", "2026-11-16")
    assert first.exit_code == 1
    review = demo / "private" / "review" / "phq-C-0421-review.html"
    assert f"look at it in {review}" in first.output.replace("\n", " ")
    text = review.read_text(encoding="utf-8")
    assert 'data-key="p1:item4"' in text and "data:image/png;base64," in text
    assert "2 circles are filled" in text
    # the command to add choices to repeats this run's options; no value is suggested
    assert f"goalsheet import {image} --date 2026-11-16 --project {demo}</code>" in text
    assert "p1:item4=0" not in text
    assert oct(review.stat().st_mode & 0o777) == "0o600"
    wrong = cli(demo, "import", image, "--date", "2026-11-16", "--accept", "p1:item4=7")
    assert wrong.exit_code == 1 and "cannot hold" in wrong.output
    bad = cli(demo, "import", image, "--accept", "item4")
    assert bad.exit_code == 2 and "KEY=VALUE" in bad.output
    accepted = cli(demo, "import", image, "--date", "2026-11-16", "--accept", "p1:item4=3")
    assert accepted.exit_code == 0, accepted.output
    (added,) = entries_added(demo, "C-0421", before)
    assert added["measures"][0]["answers"] == [*PHQ9[:3], 3, *PHQ9[4:]]  # type: ignore[index]


@pytest.mark.slow
def test_a_page_for_a_client_who_is_not_here(demo: Path, tmp_path: Path) -> None:
    import segno

    from goalsheet.paper.scannable.layout import LAYOUT_VERSION
    from goalsheet.paper.scannable.payload import Payload

    page = fill(printed(demo, "phq-9", "C-0142", 200), plan_of(demo, "PHQ-9"), PHQ9, 200)
    plan = plan_of(demo, "PHQ-9")
    stranger = Payload("phq-9", LAYOUT_VERSION, "a4", "C-9999", 1, 1).encode()
    code = segno.make(stranger, error="m", micro=False)
    k = 200 / 25.4
    size = round(28 * k)
    modules = code.symbol_size(border=0)[0]
    matrix = np.array([[0 if cell else 255 for cell in row] for row in code.matrix], np.uint8)
    drawn = cv2.resize(matrix, (size, size), interpolation=cv2.INTER_NEAREST)
    assert modules == matrix.shape[0]
    x, y = round(plan.qr[0] * k), round(plan.qr[1] * k)
    page[y : y + size, x : x + size] = drawn  # the same page, printed for someone else
    image = tmp_path / "stranger.png"
    cv2.imwrite(str(image), page)
    result = cli(demo, "import", image, "--date", "2026-11-15")
    assert result.exit_code == 1
    assert "stranger.png, page 1" in result.output and "C-9999" in result.output


@pytest.mark.slow
def test_a_long_scanned_pdf_is_read_page_by_page(demo: Path, tmp_path: Path) -> None:
    """12 pages in one scanner PDF, each for the same questionnaire: each page is read and
    named; identical pages add one questionnaire once."""
    from PIL import Image

    good = fill(printed(demo, "gad-7", "C-0421", 100), plan_of(demo, "GAD-7"), GAD7, 100)
    pages = [Image.fromarray(good) for _ in range(12)]
    pdf = tmp_path / "long.pdf"
    pages[0].save(pdf, save_all=True, append_images=pages[1:], resolution=100)
    before = set((demo / "goalsheets" / "C-0421" / "entries").glob("*.yaml"))
    result = cli(demo, "import", pdf, "--date", "2026-11-14", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would add 1 value" in result.output  # singular: not "1 values"
    assert "would add 1 values" not in result.output
    assert entries_added(demo, "C-0421", before) == []


@pytest.mark.slow
def test_a_scanner_pdf_larger_than_any_form_is_read_as_a_scan(demo: Path, tmp_path: Path) -> None:
    """Over 20 MB (the limit for a filled form) a PDF is still a scan: its good page is read
    and the pages of noise around it are named."""
    from PIL import Image

    rng = np.random.default_rng(3)
    good = fill(printed(demo, "gad-7", "C-0421", 150), plan_of(demo, "GAD-7"), GAD7, 150)
    noise = [Image.fromarray(rng.integers(0, 255, (2600, 2600), dtype=np.uint8))
             for _ in range(3)]  # fmt: skip
    pdf = tmp_path / "big.pdf"
    noise[0].save(pdf, save_all=True, append_images=[*noise[1:], Image.fromarray(good)],
                  resolution=150, quality=95)  # fmt: skip
    assert pdf.stat().st_size > 20_000_000
    result = cli(demo, "import", pdf, "--date", "2026-11-14", "--dry-run", "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert "would add 1 value" in result.output  # singular: not "1 values"
    assert "would add 1 values" not in result.output
    assert all(f"big.pdf, page {n}" in result.output for n in (1, 2, 3)), result.output


def test_a_pdf_of_too_many_pages_is_refused_before_any_is_read(demo: Path, tmp_path: Path) -> None:
    from PIL import Image

    page = Image.new("L", (60, 80), 255)
    pdf = tmp_path / "many.pdf"
    page.save(pdf, save_all=True, append_images=[page] * 300)
    result = cli(demo, "import", pdf, "--date", "2026-11-14")
    assert result.exit_code == 1
    assert "more than 300 pages (301)" in result.output and "split it" in result.output
