"""Make the demo's two filled, badly photographed scannable pages (made-up answers):

- examples/scans/C-0388-phq-9-photo.jpg: C-0388's PHQ-9, filled and dated 19 November,
  tilted, at a slant on a table, blurred, in poor light;
- examples/scans/C-0142-diary-photo.jpg: the first page of C-0142's diary for the week of
  16 November, with a line written in a note box, on a grey table with a shadow.

`make demo` imports both (a dry run) to show that a phone photo of paper reads back.

Run: .venv/bin/python scripts/scan_example.py
"""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import cv2
import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from goalsheet.paper.scannable.diary import diary_plans, tracker_specs  # noqa: E402
from goalsheet.paper.scannable.layout import PagePlan  # noqa: E402
from goalsheet.paper.scannable.page import measure_plan  # noqa: E402
from goalsheet.project import load_project  # noqa: E402
from helpers.scan_corpus import perspective, rotate, scribble, solid  # noqa: E402

ANSWERS = [1, 1, 0, 2, 1, 0, 1, 0, 0]
PHQ_DATE = {"date:day:tens": 1, "date:day:units": 9, "date:month:tens": 1, "date:month:units": 1}
PHQ_TARGET = REPO / "examples" / "scans" / "C-0388-phq-9-photo.jpg"
DIARY_START = "2026-11-16"
DIARY = {"2026-11-16:mood": 5, "2026-11-16:outings:tens": 0, "2026-11-16:outings:units": 1,
         "2026-11-16:relax:tens": 1, "2026-11-16:relax:units": 5, "2026-11-16:exercise": 1,
         "2026-11-17:mood": 6, "2026-11-17:exercise": 0, "2026-11-18:mood": 7,
         "2026-11-18:outings:tens": 0, "2026-11-18:outings:units": 2}  # fmt: skip
NOTE = ("2026-11-17:note", "Coffee with Jo after work. Nervous at first, then fine.")
DIARY_TARGET = REPO / "examples" / "scans" / "C-0142-diary-photo.jpg"
DPI = 200


def printed(folder: Path, *args: str) -> np.ndarray:
    """The first page of a scannable PDF goalsheet makes, rasterised in grey."""
    pdf = folder / "page.pdf"
    goalsheet = str(Path(sys.executable).parent / "goalsheet")
    subprocess.run([goalsheet, *args, "-o", str(pdf)], cwd=REPO, check=True,
                   capture_output=True)  # fmt: skip
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", "-f", "1",
                    "-l", "1", str(pdf), str(folder / "page")], check=True)  # fmt: skip
    page = cv2.imread(str(folder / "page.png"), cv2.IMREAD_GRAYSCALE)
    assert page is not None
    return page


def fill(page: np.ndarray, plan: PagePlan, values: dict[str, int], rng: random.Random) -> None:
    k = DPI / 25.4
    for number, row in enumerate(plan.rows):
        if row.key in values:
            (circle,) = [c for c in row.circles if c.value == values[row.key]]
            (scribble if number % 2 else solid)(page, circle, k, rng)


def phq(rng: random.Random) -> None:
    with tempfile.TemporaryDirectory() as folder:
        page = printed(Path(folder), "worksheet", "phq-9", "--client", "C-0388", "--scannable")
    plan = measure_plan(load_project(REPO).measures["PHQ-9"], "a4")
    fill(page, plan, {f"item{n}": a for n, a in enumerate(ANSWERS, start=1)} | PHQ_DATE, rng)
    photo = perspective(rotate(page, 4), rng)
    photo = cv2.GaussianBlur(photo, (5, 5), 1.0)
    photo = cv2.convertScaleAbs(photo, alpha=0.8, beta=15)  # dim light
    save(photo, PHQ_TARGET)


def diary(rng: random.Random) -> None:
    with tempfile.TemporaryDirectory() as folder:
        page = printed(Path(folder), "diary", "--client", "C-0142", "--scannable",
                       "--start", DIARY_START)  # fmt: skip
    sheet = load_project(REPO).sheet_of("C-0142")
    start = dt.date.fromisoformat(DIARY_START)
    plan = diary_plans(tracker_specs(sheet.trackers), start, 7, "a4")[0]
    fill(page, plan, DIARY, rng)
    (box,) = [b for b in plan.boxes if b.key == NOTE[0]]
    k = DPI / 25.4
    origin = (round((box.x + 3) * k), round((box.y + box.h * 0.65) * k))
    cv2.putText(page, NOTE[1], origin, cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, 1.1, 35, 2)
    photo = perspective(rotate(page, -3), rng).astype(np.float32)
    width = photo.shape[1]
    photo[:, : width // 4] *= np.linspace(0.65, 1.0, width // 4, dtype=np.float32)  # a shadow
    save(np.clip(photo * 0.85 + 12, 0, 255).astype(np.uint8), DIARY_TARGET)


def save(photo: np.ndarray, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(target), photo, [cv2.IMWRITE_JPEG_QUALITY, 45])
    print(f"Wrote {target.relative_to(REPO)}")


def main() -> None:
    rng = random.Random(388)
    phq(rng)
    diary(rng)


if __name__ == "__main__":
    main()
