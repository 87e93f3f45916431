"""Scan import speed: pages per second for a 20-page 300 dpi scanner PDF and for 20 phone
photos (12-megapixel JPEGs), each the whole `goalsheet import FILE... --dry-run` command
(a subprocess, the median of a few runs), read with the default pool of workers and with one
worker (GOALSHEET_SCAN_WORKERS=1), and their ratio measured in the same run. The two runs'
outputs must be the same, and every page must be read. Then where one page's time goes, in
this process on one core: rasterising, finding the QR code and the corner marks, the warp
and the marks.

The PDFs are made the way a scanner makes one: filled pages (PHQ-9, GAD-7, a diary and a
weekly log in turn) at 300 dpi, each stored as one greyscale JPEG image (Pillow's multi-page
PDF at resolution=300), once turned a little on the glass with the sensor's grain and once
straight. The photos are the same pages in perspective on a table, 4,000 x 3,000 pixels,
colour JPEG.

Run: .venv/bin/python benchmarks/scan_speed.py [--runs 3] [--pages 20]   (or `make bench`)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from demo_copy import copy_demo  # noqa: E402

from goalsheet.intake.scan.pool import scan_workers  # noqa: E402
from goalsheet.paper.scannable.diary import diary_plans, tracker_specs  # noqa: E402
from goalsheet.paper.scannable.layout import PagePlan  # noqa: E402
from goalsheet.paper.scannable.page import measure_plan  # noqa: E402
from goalsheet.project import load_project  # noqa: E402
from helpers.scan_corpus import fill_page, rotate  # noqa: E402

DPI = 300
PHOTO = (4000, 3000)  # a 12-megapixel phone camera, portrait
DATES = ("--date", "2026-11-30", "--as-of", "2026-12-31")
UNREAD = ("no goalsheet code", "corner mark is missing", "page is blank", "cannot be read (",
          "took more than")  # fmt: skip
GOALSHEET = str(Path(sys.executable).parent / "goalsheet")
Blank = tuple[np.ndarray, PagePlan]


def blank_pages(root: Path, dpi: int) -> list[Blank]:
    """A PHQ-9, a GAD-7, a diary's first page and a weekly log's, printed by goalsheet for
    the demo clients and rasterised by poppler at `dpi`, with their plans."""
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
        subprocess.run([GOALSHEET, *words, "-o", str(pdf)], cwd=root, check=True,
                       capture_output=True)  # fmt: skip
        out = root / f"{name}-{dpi}"
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", "-f", "1",
                        "-l", "1", str(pdf), str(out)], check=True)  # fmt: skip
        pages.append((cv2.imread(f"{out}.png", cv2.IMREAD_GRAYSCALE), plans[name]))
    return pages


def filled(pages: list[Blank], count: int, dpi: int, seed: int) -> list[np.ndarray]:
    """`count` filled pages, the blank ones in turn, every mark a clear one."""
    rng = random.Random(seed)
    return [fill_page(*pages[n % len(pages)], dpi, rng, doubtful=0.0)[0] for n in range(count)]


def scanner_pdf(
    pages: list[np.ndarray], target: Path, dpi: int, seed: int = 1, grain: bool = True
) -> None:
    """The pages as a scanner's PDF, one greyscale JPEG image a page at `dpi`: with `grain`,
    each turned a little on the glass and with the sensor's noise (which made poppler's
    PNG slow), else straight as printed and filled."""
    from PIL import Image

    rng = np.random.default_rng(seed)
    images = []
    for page in pages:
        if grain:
            turned = rotate(page, float(rng.uniform(-1.5, 1.5)))
            noisy = turned.astype(np.int16) + rng.integers(-4, 5, turned.shape, dtype=np.int16)
            page = np.clip(noisy, 0, 255).astype(np.uint8)
        images.append(Image.fromarray(page))
    images[0].save(target, save_all=True, append_images=images[1:], resolution=dpi, quality=85)


def phone_photos(pages: list[np.ndarray], folder: Path, seed: int = 2) -> list[Path]:
    """Each page photographed on a wooden table: in perspective, filling most of a
    4,000 x 3,000 colour JPEG."""
    rng = np.random.default_rng(seed)
    height, width = PHOTO
    photos = []
    for number, page in enumerate(pages, start=1):
        h, w = page.shape
        scale = 0.88 * min(height / h, width / w)
        cx, cy = width / 2, height / 2
        corners = np.float32([[-w, -h], [w, -h], [w, h], [-w, h]]) * scale / 2
        jitter = rng.uniform(-0.03, 0.03, (4, 2)).astype(np.float32) * [width, height]
        target = corners + np.float32([cx, cy]) + jitter
        source = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
        matrix = cv2.getPerspectiveTransform(source, target.astype(np.float32))
        grey = cv2.warpPerspective(page, matrix, (width, height), borderValue=120)
        colour = cv2.merge([grey * 0.86, grey * 0.92, grey * 0.97]).astype(np.uint8)
        path = folder / f"photo-{number:02d}.jpg"
        cv2.imwrite(str(path), colour, [cv2.IMWRITE_JPEG_QUALITY, 90])
        photos.append(path)
    return photos


def timed_import(root: Path, files: list[Path], workers: int | None) -> tuple[float, str]:
    """Seconds of one dry-run import of `files`, and what it said."""
    env = dict(os.environ, GOALSHEET_LOCALE="en_GB")
    if workers is not None:
        env["GOALSHEET_SCAN_WORKERS"] = str(workers)
    began = time.perf_counter()
    done = subprocess.run([GOALSHEET, "import", *map(str, files), "--dry-run", *DATES,
                           "--project", str(root)],
                          capture_output=True, text=True, env=env, check=False)  # fmt: skip
    return time.perf_counter() - began, done.stdout + done.stderr


def compare(name: str, root: Path, files: list[Path], pages: int, runs: int) -> None:
    """Print pages per second with the default pool and with one worker (runs taken in
    turn, so both meet the same load on a shared machine), the median and the best of
    each, and their ratio; the two must say the same and name no page that was not read."""
    times: dict[int | None, list[float]] = {None: [], 1: []}
    said: dict[int | None, str] = {}
    for _run in range(runs):
        for workers in times:
            seconds, said[workers] = timed_import(root, files, workers)
            times[workers].append(seconds)
    if said[1] != said[None]:
        sys.exit(f"{name}: one worker and the pool said different things:\n{said[1]}\n"
                 f"---\n{said[None]}")  # fmt: skip
    if any(words in said[None] for words in UNREAD):
        sys.exit(f"{name}: a page was not read:\n{said[None]}")
    pool, one = statistics.median(times[None]), statistics.median(times[1])
    print(f"{name}: {pages / pool:.2f} pages/s with the default workers ({scan_workers()}), "
          f"{pages / one:.2f} with 1: x{one / pool:.2f} (medians; best: "
          f"{pages / min(times[None]):.2f} and {pages / min(times[1]):.2f})")  # fmt: skip


def cpu() -> float:
    """Seconds of CPU used by this process and the children it waited for (pdftoppm)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def stages(root: Path, pdf: Path, photos: list[Path]) -> None:
    """Where one page's time goes, on one core in this process: CPU milliseconds a page for
    drawing or decoding it, finding the QR code, the corner marks, the warp, and the rest
    of read_page (the marks, the paper's level)."""
    from goalsheet.intake.scan.source import scan_refs
    from goalsheet.project import load_project

    cv2.setNumThreads(1)
    project = load_project(root)
    for name, files in (("scanner PDF", [pdf]), ("phone photos", photos)):
        spent: dict[str, float] = {}
        refs = [ref for file in files for ref in scan_refs(file, file.name)]
        for ref in refs:
            page_stages(project, ref, spent)
        each = {stage: 1000 * seconds / len(refs) for stage, seconds in spent.items()}
        each["marks and the rest"] = each.pop("read_page") - sum(
            each[stage] for stage in ("QR code", "corners", "warp")
        )
        parts = ", ".join(f"{stage} {ms:.0f}" for stage, ms in each.items())
        print(f"{name}, CPU ms a page on one core: {parts}; all {sum(each.values()):.0f}")


def page_stages(project: Any, ref: Any, spent: dict[str, float]) -> None:
    """Add the CPU seconds of each stage of reading `ref` to `spent`."""
    from goalsheet.intake.scan.locate import find_qr, grey, page_transform
    from goalsheet.intake.scan.plan import plan_for
    from goalsheet.intake.scan.read import PX_PER_MM, read_page
    from goalsheet.intake.scan.source import draw_page

    def clock(stage: str, began: float) -> float:
        now = cpu()
        spent[stage] = spent.get(stage, 0.0) + now - began
        return now

    began = cpu()
    image = draw_page(ref)
    began = clock("draw", began)
    page = grey(image)
    payload, points = find_qr(page)
    began = clock("QR code", began)
    plan = plan_for(project, payload)
    to_image = page_transform(page, plan, points)
    began = clock("corners", began)
    size = (round(plan.width * PX_PER_MM), round(plan.height * PX_PER_MM))
    scale = np.diag([PX_PER_MM, PX_PER_MM, 1.0])
    cv2.warpPerspective(page, scale @ np.linalg.inv(to_image), size, flags=cv2.INTER_AREA,
                        borderValue=255)  # fmt: skip
    began = clock("warp", began)
    read_page(image, lambda _payload: plan)
    clock("read_page", began)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--no-stages", action="store_true", help="skip the per-stage timing")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; {args.pages} pages; {args.runs} runs each; load average "
          f"{os.getloadavg()[0]:.1f} before")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        root = copy_demo(Path(folder) / "p")
        pages = filled(blank_pages(root, DPI), args.pages, DPI, seed=args.pages)
        pdf, clean = root / "scanner.pdf", root / "clean.pdf"
        scanner_pdf(pages, pdf, DPI)
        scanner_pdf(pages, clean, DPI, grain=False)
        shots = root / "photos"
        shots.mkdir()
        photos = phone_photos(pages, shots)
        print(f"scanner PDFs: {pdf.stat().st_size / 1e6:.1f} MB (turned, grain) and "
              f"{clean.stat().st_size / 1e6:.1f} MB (straight) at {DPI} dpi; photos: "
              f"{sum(p.stat().st_size for p in photos) / 1e6:.0f} MB")  # fmt: skip
        compare("scanner PDF, 300 dpi, turned, grain", root, [pdf], args.pages, args.runs)
        compare("scanner PDF, 300 dpi, straight", root, [clean], args.pages, args.runs)
        compare("phone photos, 12 MP", root, photos, args.pages, args.runs)
        print(f"load average {os.getloadavg()[0]:.1f} after (others' work slows the runs)")
        if not args.no_stages:
            stages(root, pdf, photos)


if __name__ == "__main__":
    main()
