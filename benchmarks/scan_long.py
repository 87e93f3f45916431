"""A long scanner PDF: does reading stay linear in time and flat in memory? Imports (a dry
run) a 20-page and a 200-page PDF of filled pages (PHQ-9, GAD-7, a diary and a weekly log
in turn, at 200 dpi) and prints seconds per page and peak memory for each, and their
ratios (200 pages against 20: about 1.0 for both when each page is read on its own).

Run: .venv/bin/python benchmarks/scan_long.py [--pages 200]   (or `make bench`)
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from demo_copy import copy_demo  # noqa: E402

from goalsheet.project import load_project  # noqa: E402
from goalsheet.scan.diary import diary_plans, tracker_specs  # noqa: E402
from goalsheet.scan.page import measure_plan  # noqa: E402
from scan_corpus import fill_page  # noqa: E402

DPI = 200
MEASURE = ("# the peak memory of the command and its children (pdftoppm), in kB\n"
           "import resource, subprocess, sys\n"
           "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")  # fmt: skip


def blank_pages(root: Path) -> list[tuple[np.ndarray, object]]:
    goalsheet = str(Path(sys.executable).parent / "goalsheet")
    made = {
        "phq": ["worksheet", "phq-9", "--client", "C-0142", "--scannable"],
        "gad": ["worksheet", "gad-7", "--client", "C-0388", "--scannable"],
        "diary": ["diary", "--client", "C-0142", "--scannable", "--start", "2026-11-30"],
        "weekly": ["worksheet", "weekly-log", "--client", "C-0142", "--scannable",
                   "--start", "2026-11-30", "--weeks", "2"],
    }  # fmt: skip
    project = load_project(root)
    trackers = project.sheet_of("C-0142").trackers
    monday = dt.date(2026, 11, 30)
    plans = {
        "phq": measure_plan(project.measures["PHQ-9"], "a4"),
        "gad": measure_plan(project.measures["GAD-7"], "a4"),
        "diary": diary_plans(tracker_specs(trackers), monday, 7, "a4")[0],
        "weekly": diary_plans(tracker_specs(trackers, True), monday, 14, "a4", True)[0],
    }
    pages = []
    for name, words in made.items():
        pdf = root / f"{name}.pdf"
        subprocess.run([goalsheet, *words, "-o", str(pdf)], cwd=root, check=True,
                       capture_output=True)  # fmt: skip
        subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", "-f", "1",
                        "-l", "1", str(pdf), str(root / name)], check=True)  # fmt: skip
        pages.append((cv2.imread(str(root / f"{name}.png"), cv2.IMREAD_GRAYSCALE), plans[name]))
    return pages


def scanner_pdf(pages: list[tuple[np.ndarray, object]], count: int, target: Path) -> None:
    from PIL import Image

    rng = random.Random(count)
    images = []
    for number in range(count):
        blank, plan = pages[number % len(pages)]
        filled, _expected = fill_page(blank, plan, DPI, rng, doubtful=0.0)  # type: ignore[arg-type]
        images.append(Image.fromarray(filled))
    images[0].save(target, save_all=True, append_images=images[1:], resolution=DPI)


def run(root: Path, pdf: Path) -> tuple[float, int]:
    goalsheet = str(Path(sys.executable).parent / "goalsheet")
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURE, goalsheet, "import", str(pdf),
                           "--dry-run", "--date", "2026-11-30", "--as-of", "2026-12-31",
                           "--project", str(root)],
                          check=True, capture_output=True, text=True)  # fmt: skip
    return time.perf_counter() - began, int(done.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = copy_demo(Path(folder) / "p")
        pages = blank_pages(root)
        short, long = args.pages // 10, args.pages
        figures = {}
        for count in (short, long):
            pdf = root / f"scans-{count}.pdf"
            scanner_pdf(pages, count, pdf)
            seconds, peak = run(root, pdf)
            figures[count] = (seconds / count, peak)
            size = pdf.stat().st_size / 1e6
            print(f"{count:4d} pages ({size:.0f} MB): {seconds:6.1f} s, {seconds / count:.2f} s "
                  f"per page, peak memory {peak / 1024:.0f} MB")  # fmt: skip
    (short_rate, short_peak), (long_rate, long_peak) = figures[short], figures[long]
    print(
        f"{long} pages against {short}: time per page x{long_rate / short_rate:.2f}, "
        f"peak memory x{long_peak / short_peak:.2f} (1.0 = linear time, flat memory)"
    )


if __name__ == "__main__":
    main()
