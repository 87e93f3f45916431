"""Make examples/scans/C-0388-phq-9-photo.jpg: the demo client C-0388's scannable PHQ-9,
filled with a pen (made-up answers) and photographed badly: tilted, at a slant on a table,
blurred, in poor light, saved as a JPEG. `make demo` imports it (a dry run) to show that a
phone photo of a paper questionnaire reads back.

Run: .venv/bin/python scripts/scan_example.py
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
from pathlib import Path

import cv2

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from goalsheet.project import load_project  # noqa: E402
from goalsheet.scan.page import measure_plan  # noqa: E402
from scan_corpus import perspective, rotate, scribble, solid  # noqa: E402

ANSWERS = [1, 1, 0, 2, 1, 0, 1, 0, 0]
TARGET = REPO / "examples" / "scans" / "C-0388-phq-9-photo.jpg"


def main() -> None:
    rng = random.Random(388)
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "phq.pdf"
        goalsheet = str(Path(sys.executable).parent / "goalsheet")
        subprocess.run([goalsheet, "worksheet", "phq-9", "--client", "C-0388", "--scannable",
                        "-o", str(pdf)], cwd=REPO, check=True, capture_output=True)  # fmt: skip
        subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", str(pdf),
                        str(Path(folder) / "page")], check=True)  # fmt: skip
        page = cv2.imread(str(Path(folder) / "page.png"), cv2.IMREAD_GRAYSCALE)
    plan = measure_plan(load_project(REPO).measures["PHQ-9"], "a4")
    k = 200 / 25.4
    for row, answer in zip(plan.rows, ANSWERS, strict=True):
        (circle,) = [c for c in row.circles if c.value == answer]
        (scribble if row.number % 2 else solid)(page, circle, k, rng)
    photo = perspective(rotate(page, 4), rng)
    photo = cv2.GaussianBlur(photo, (5, 5), 1.0)
    photo = cv2.convertScaleAbs(photo, alpha=0.8, beta=15)  # dim light
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(TARGET), photo, [cv2.IMWRITE_JPEG_QUALITY, 45])
    print(f"Wrote {TARGET.relative_to(REPO)}")


if __name__ == "__main__":
    main()
