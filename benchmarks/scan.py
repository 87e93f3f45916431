"""Reading scans: pages per second, and how many marks are read correctly on pages filled
and spoiled the ways paper is (tests/scan_corpus.py), over a fresh random corpus each run
unless --seed is given.

Run: .venv/bin/python benchmarks/scan.py [--marks 4000] [--seed N]   (or `make bench`)
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cv2

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from demo_copy import copy_demo  # noqa: E402

from goalsheet.project import load_project  # noqa: E402
from goalsheet.scan.diary import diary_plans, tracker_specs  # noqa: E402
from goalsheet.scan.locate import Unreadable  # noqa: E402
from goalsheet.scan.page import measure_plan  # noqa: E402
from goalsheet.scan.read import read_page  # noqa: E402
from scan_corpus import Tally, fill_page, spoil  # noqa: E402


def rasterised(pdf: Path, dpi: int, out: Path) -> object:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", "-f", "1",
                    "-l", "1", str(pdf), str(out)], check=True)  # fmt: skip
    return cv2.imread(f"{out}.png", cv2.IMREAD_GRAYSCALE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--marks", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(10**9)
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        root = copy_demo(Path(folder) / "p")
        goalsheet = str(Path(sys.executable).parent / "goalsheet")
        made = [
            (["worksheet", "phq-9", "--client", "C-0142", "--scannable"], "phq"),
            (["worksheet", "gad-7", "--client", "C-0388", "--scannable"], "gad"),
            (["diary", "--client", "C-0142", "--scannable", "--start", "2026-11-30"], "diary"),
            (
                [
                    "worksheet",
                    "weekly-log",
                    "--client",
                    "C-0142",
                    "--scannable",
                    "--start",
                    "2026-11-30",
                    "--weeks",
                    "2",
                ],
                "weekly",
            ),
        ]
        for words, name in made:
            subprocess.run([goalsheet, *words, "-o", f"{name}.pdf"], cwd=root, check=True,
                           capture_output=True)  # fmt: skip
        project = load_project(root)
        sheet = project.sheet_of("C-0142")
        import datetime as dt

        plans = {
            "phq": measure_plan(project.measures["PHQ-9"], "a4"),
            "gad": measure_plan(project.measures["GAD-7"], "a4"),
            "diary": diary_plans(tracker_specs(sheet.trackers), dt.date(2026, 11, 30), 7, "a4")[0],
            "weekly": diary_plans(
                tracker_specs(sheet.trackers, weekly=True), dt.date(2026, 11, 30), 14, "a4", True
            )[0],
        }
        sources = [(rasterised(root / f"{name}.pdf", dpi, root / f"{name}-{dpi}"), plans[name],
                    dpi) for name in plans for dpi in (150, 200, 300)]  # fmt: skip
        tally = Tally()
        reading = 0.0
        while tally.marks + tally.unread < args.marks:
            blank, plan, dpi = rng.choice(sources)
            page, expected = fill_page(blank, plan, dpi, rng)  # type: ignore[arg-type]
            spoiled = spoil(page, rng)
            tally.pages += 1
            began = time.perf_counter()
            try:
                read = read_page(spoiled, lambda payload, plan=plan: plan)
            except Unreadable:
                tally.lost(expected)
                continue
            finally:
                reading += time.perf_counter() - began
            tally.add(expected, {r.key: (r.value, r.unclear is not None) for r in read.rows})
    print(f"scan benchmark (seed {seed}): {tally.pages} pages, {tally.marks + tally.unread} marks")
    print(f"  read correctly: {tally.share_right:.2%} (target 99.5%)")
    print(f"  clear marks read as another value: {tally.misread} (target 0)")
    print(f"  doubtful marks not reported unclear: {tally.doubtful_missed} (target 0)")
    print(f"  clear marks sent to review: {tally.clear_unclear}")
    print(f"  pages that could not be read: {tally.unreadable}")
    print(f"  reading speed: {tally.pages / reading:.1f} pages per second (one core)")


if __name__ == "__main__":
    main()
