"""Reading scans: pages per second, the time the mark reader takes on a page, and how many
marks are read correctly in each marking style on pages filled and spoiled the ways paper
is (tests/scan_corpus.py: 150, 200 and 300 dpi scans and phone photos), as Markdown tables
by style and by source, over a fresh random corpus each run unless --seed is given.

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

from goalsheet.intake.scan.band import row_band  # noqa: E402
from goalsheet.intake.scan.ink import ink_masks  # noqa: E402
from goalsheet.intake.scan.locate import Unreadable  # noqa: E402
from goalsheet.intake.scan.marks import judge_row  # noqa: E402
from goalsheet.intake.scan.read import read_page  # noqa: E402
from goalsheet.paper.scannable.diary import diary_plans, tracker_specs  # noqa: E402
from goalsheet.paper.scannable.page import measure_plan  # noqa: E402
from goalsheet.project import load_project  # noqa: E402
from helpers.scan_corpus import Tally, fill_page, spoil  # noqa: E402


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
        tallies: dict[str, Tally] = {}
        whole = Tally()
        reading = 0.0
        while whole.marks + whole.unread < args.marks:
            blank, plan, dpi = rng.choice(sources)
            page, expected = fill_page(blank, plan, dpi, rng, doubtful=0.12, colour=True)  # type: ignore[arg-type]
            spoiled, phone = spoil(page, rng)
            source = tallies.setdefault("phone photo" if phone else f"{dpi} dpi scan", Tally())
            began = time.perf_counter()
            for tally in (whole, source):
                tally.pages += 1
            try:
                read = read_page(spoiled, lambda payload, plan=plan: plan)
            except Unreadable:
                whole.lost(expected)
                source.lost(expected)
                continue
            finally:
                reading += time.perf_counter() - began
            got = {r.key: (r.value, r.unclear is not None) for r in read.rows}
            whole.add(expected, got)
            source.add(expected, got)
        marks_ms = _mark_reading(sources)
    print(f"scan benchmark (seed {seed}): {whole.pages} pages, {whole.marks + whole.unread} marks")
    print(f"  read correctly: {whole.share_right:.2%} (target 99.5%)")
    print(f"  silent errors: {whole.silent} (target 0)")
    print(f"  pages that could not be read: {whole.unreadable}")
    print(f"  reading speed: {whole.pages / reading:.1f} pages per second (one core)")
    print(f"  the mark reader alone (ink, bands, rows) on a 200 dpi diary page: {marks_ms}")
    print("\nBy style:\n")
    print(whole.table())
    print("\nBy source:\n")
    print("| source | pages | marks | read right | silent errors |")
    print("|---|---:|---:|---:|---:|")
    for name in sorted(tallies):
        t = tallies[name]
        print(f"| {name} | {t.pages} | {t.marks + t.unread} | {t.share_right:.2%} | {t.silent} |")


def _mark_reading(sources: list[tuple[object, object, int]]) -> str:
    """Median milliseconds the mark reader takes on the filled diary page at 200 dpi (the
    page's ink, then every row's band judged), after the page is straightened."""
    import statistics

    from goalsheet.intake.scan.read import _paper_level

    blank, plan, dpi = max(
        (s for s in sources if s[2] == 200),
        key=lambda s: len(s[1].rows),  # type: ignore[attr-defined]
    )
    page, _expected = fill_page(blank, plan, dpi, random.Random(1), doubtful=0.12)  # type: ignore[arg-type]
    warped = read_page(page, lambda payload: plan).warped
    times = []
    for _ in range(15):
        began = time.perf_counter()
        ink = ink_masks(warped, _paper_level(warped, plan))  # type: ignore[arg-type]
        for row in plan.rows:  # type: ignore[attr-defined]
            judge_row(row.circles, row_band(plan, row), ink)  # type: ignore[arg-type]
        times.append(time.perf_counter() - began)
    rows = len(plan.rows)  # type: ignore[attr-defined]
    return f"{statistics.median(times) * 1000:.0f} ms for {rows} rows"


if __name__ == "__main__":
    main()
