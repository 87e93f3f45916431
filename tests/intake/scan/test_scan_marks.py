"""A ring drawn round an answer is read as that answer, end to end: a PHQ-9 with item 9
ringed records item 9 and says CRITICAL first; a ring round two circles is never taken for
either and the import says first that item 9 must be asked; a ringed tens digit is not
dropped from a diary number (32 is not read as 2)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import cv2
import numpy as np
import pytest

from goalsheet.intake.scan.read import read_page
from goalsheet.paper.scannable.layout import Circle
from helpers.scan_corpus import Pen, ring, ring_two
from helpers.scan_pages import (
    PHQ9,
    cli,
    diary_page,
    diary_plan,
    entries_added,
    fill,
    fill_rows,
    plan_of,
    printed,
)

pytestmark = pytest.mark.slow  # every test here takes more than ~2 s

DPI = 200
PEN = Pen((30, 30, 30), 0.5)


def _ringed_phq(root: Path, around: list[Circle]) -> np.ndarray:
    """Items 1-8 filled, item 9 left to the ring(s) drawn round `around`."""
    plan = plan_of(root, "PHQ-9")
    page = fill(printed(root, "phq-9", "C-0142", DPI), plan, [*PHQ9[:8], None], DPI)
    rng = random.Random(9)
    if len(around) == 1:
        ring(page, around[0], DPI / 25.4, rng, PEN)
    else:
        row = plan.rows[8]
        ring_two(page, row.__class__(row.key, row.number, row.y, tuple(around)), DPI / 25.4,
                 rng, PEN)  # fmt: skip
    return page


def test_item_9_ringed_is_recorded_and_said_first(demo: Path, tmp_path: Path) -> None:
    item9 = plan_of(demo, "PHQ-9").rows[8]
    image = tmp_path / "phq-ring.png"
    cv2.imwrite(str(image), _ringed_phq(demo, [item9.circles[1]]))
    before = set((demo / "goalsheets" / "C-0142" / "entries").glob("*.yaml"))
    result = cli(demo, "import", image, "--date", "2026-11-18")
    assert result.exit_code == 0, result.output
    first = result.output.strip().splitlines()[0]
    assert first.startswith("CRITICAL C-0142: PHQ-9 item 9: 1"), result.output
    (added,) = entries_added(demo, "C-0142", before)
    assert added["measures"][0]["answers"] == [*PHQ9[:8], 1]  # type: ignore[index]


def test_a_ring_round_two_circles_is_asked_about_first(demo: Path, tmp_path: Path) -> None:
    item9 = plan_of(demo, "PHQ-9").rows[8]
    page = _ringed_phq(demo, list(item9.circles[1:3]))
    reading = read_page(page, lambda payload: plan_of(demo, "PHQ-9"))
    row = reading.rows[8]
    assert row.value is None and row.unclear is not None
    image = tmp_path / "phq-two.png"
    cv2.imwrite(str(image), page)
    before = set((demo / "goalsheets" / "C-0142" / "entries").glob("*.yaml"))
    result = cli(demo, "import", image, "--date", "2026-11-17")
    assert result.exit_code != 0, result.output
    first = result.output.strip().splitlines()[0]
    assert first.startswith("CRITICAL C-0142: PHQ-9 item 9"), result.output
    assert "ask" in first.lower() or "unclear" in first.lower(), result.output
    assert entries_added(demo, "C-0142", before) == []
    review = demo / "private" / "review" / "phq-two-review.html"
    assert review.is_file() and "item 9" in review.read_text(encoding="utf-8")


def test_a_ringed_tens_digit_is_not_dropped(demo: Path, tmp_path: Path) -> None:
    start = "2026-11-30"
    plan = diary_plan(demo, "C-0142", start)
    rows = {row.key: row for row in plan.rows}
    page = fill_rows(diary_page(demo, "C-0142", start, DPI), plan,
                     {f"{start}:outings:units": 2}, DPI)  # fmt: skip
    rng = random.Random(32)
    k = DPI / 25.4
    ring(page, rows[f"{start}:outings:tens"].circles[3], k, rng, PEN)  # 32: tens ringed
    ring(page, rows["2026-12-01:outings:tens"].circles[1], k, rng, PEN)  # 1_: no units
    image = tmp_path / "diary-ring.png"
    cv2.imwrite(str(image), page)
    result = cli(demo, "import", image, "--as-of", "2026-12-02", "--dry-run")
    assert "2026-12-01" in result.output and "not the units" in result.output, result.output
    before = set((demo / "goalsheets" / "C-0142" / "entries").glob("*.yaml"))
    written = cli(demo, "import", image, "--as-of", "2026-12-02", "--skip-invalid")
    assert written.exit_code == 0, written.output
    (added,) = entries_added(demo, "C-0142", before)
    assert added["diary"] == {dt.date.fromisoformat(start): {"outings": 32}}
