"""Scannable pages as the scan tests make and spoil them: printed by goalsheet, rasterised by
poppler, filled with pens and pencils, photographed, and the entries an import added."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import yaml
from click.testing import Result

from goalsheet.intake.scan.read import read_page
from goalsheet.paper.scannable.diary import diary_plans, tracker_specs
from goalsheet.paper.scannable.layout import PagePlan, Row
from goalsheet.paper.scannable.page import measure_plan
from goalsheet.project import load_project
from helpers.cli import invoke

ENV = {"GOALSHEET_LOCALE": "en_GB"}
PHQ9 = [2, 1, 2, 1, 1, 0, 1, 0, 0]
GAD7 = [1, 2, 0, 1, 3, 0, 1]
WEEKLY_CLIENT = "C-0142"  # mood (1-10), outings (count), relax (minutes), exercise (yes/no), note


def cli(root: Path, *args: str | Path) -> Result:
    return invoke(*args, "--project", root, env=ENV, catch=True)


def printed(root: Path, form: str, client: str | None, dpi: int, paper: str = "a4") -> np.ndarray:
    """The scannable page as goalsheet prints it, rasterised at `dpi` in grey."""
    pdf = root / f"{form}-{client}-{paper}.pdf"
    if not pdf.is_file():
        args = ["worksheet", form, "--scannable", "--paper", paper, "-o", pdf]
        result = cli(root, *args, *(["--client", client] if client else []))
        assert result.exit_code == 0, result.output
    return rasterised(pdf, dpi)


def rasterised(pdf: Path, dpi: int, page: int = 1) -> np.ndarray:
    """Page `page` of `pdf` as poppler rasterises it at `dpi`, in grey."""
    out = pdf.with_name(f"{pdf.stem}-{dpi}-{page}")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", "-f", str(page),
                    "-l", str(page), pdf, out], check=True)  # fmt: skip
    image = cv2.imread(f"{out}.png", cv2.IMREAD_GRAYSCALE)
    assert image is not None
    return image


def plan_of(root: Path, measure: str, paper: str = "a4") -> PagePlan:
    return measure_plan(load_project(root).measures[measure], paper)


Fill = Callable[[np.ndarray, tuple[int, int], int], None]


def solid(image: np.ndarray, centre: tuple[int, int], radius: int) -> None:
    cv2.circle(image, centre, round(radius * 0.9), 25, -1)


def scribble(image: np.ndarray, centre: tuple[int, int], radius: int) -> None:
    """A quick fill with a biro: strokes back and forth, a little outside the circle."""
    x, y = centre
    for dy in range(-radius, radius + 1, max(1, radius // 5)):
        cv2.line(image, (x - radius, y + dy), (x + radius, y + dy + radius // 4), 40, 2)
    cv2.circle(image, (x + radius // 5, y), round(radius * 0.75), 40, -1)


def pencil(image: np.ndarray, centre: tuple[int, int], radius: int) -> None:
    cv2.circle(image, centre, round(radius * 0.85), 110, -1)


def fill(image: np.ndarray, plan: PagePlan, answers: list[int | None], dpi: int,
         how: Fill = solid) -> np.ndarray:  # fmt: skip
    marked = image.copy()
    k = dpi / 25.4
    for row, answer in zip(items(plan), answers, strict=True):
        for circle in row.circles:
            if circle.value == answer:
                how(marked, (round(circle.x * k), round(circle.y * k)), round(circle.r * k))
    return marked


def items(plan: PagePlan) -> list[Row]:
    """A questionnaire's item rows (not its date circles)."""
    return [row for row in plan.rows if row.key.startswith("item")]


def phone(image: np.ndarray) -> np.ndarray:
    """A phone photo: the page seen at a slant on a grey table, a little larger."""
    h, w = image.shape
    source = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    target = np.float32([[0.06 * w, 0.04 * h], [0.95 * w, 0.0], [w * 1.02, h * 1.03],
                         [0.02 * w, 0.97 * h]]) + np.float32([60, 60])  # fmt: skip
    matrix = cv2.getPerspectiveTransform(source, target)
    return cv2.warpPerspective(image, matrix, (w + 160, h + 160), borderValue=120)


def spoil(image: np.ndarray) -> np.ndarray:
    """Blur, noise, a yellowish grey background, a shadow at one edge, JPEG at quality 40."""
    rng = np.random.default_rng(7)
    page = cv2.GaussianBlur(image, (5, 5), 1.2).astype(np.float32)
    page = page * 0.82 + 20  # grey-yellow paper: white becomes ~229
    _h, w = page.shape
    shadow = np.linspace(0.6, 1.0, w // 5, dtype=np.float32)
    page[:, : w // 5] *= shadow
    page += rng.normal(0, 6, page.shape)
    spoiled = np.clip(page, 0, 255).astype(np.uint8)
    ok, jpeg = cv2.imencode(".jpg", spoiled, [cv2.IMWRITE_JPEG_QUALITY, 40])
    assert ok
    return cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE)


def answers_read(image: np.ndarray, plan: PagePlan) -> list[int | None]:
    reading = read_page(image, lambda payload: plan)
    unclear = [(row.number, row.unclear) for row in reading.rows if row.unclear]
    assert not unclear, unclear
    return [row.value for row in reading.rows if row.key.startswith("item")]


def entries_added(root: Path, client: str, before: set[Path]) -> list[dict[str, object]]:
    files = set((root / "goalsheets" / client / "entries").glob("*.yaml")) - before
    return [yaml.safe_load(f.read_text(encoding="utf-8")) for f in sorted(files)]


def diary_page(root: Path, client: str, start: str, dpi: int, page: int = 1) -> np.ndarray:
    pdf = root / f"diary-{client}-{start}.pdf"
    if not pdf.is_file():
        args = ["diary", "--client", client, "--scannable", "--start", start, "-o", pdf]
        result = cli(root, *args)
        assert result.exit_code == 0, result.output
    return rasterised(pdf, dpi, page)


def diary_plan(root: Path, client: str, start: str, page: int = 1) -> PagePlan:
    sheet = load_project(root).sheet_of(client)
    plans = diary_plans(tracker_specs(sheet.trackers), dt.date.fromisoformat(start), 7, "a4")
    return plans[page - 1]


def fill_rows(image: np.ndarray, plan: PagePlan, values: dict[str, int], dpi: int,
              how: Fill = scribble) -> np.ndarray:  # fmt: skip
    marked = image.copy()
    k = dpi / 25.4
    for row in plan.rows:
        if row.key in values:
            (circle,) = [c for c in row.circles if c.value == values[row.key]]
            how(marked, (round(circle.x * k), round(circle.y * k)), round(circle.r * k))
    return marked


def weekly_page(root: Path, start: str, dpi: int, paper: str = "a4") -> np.ndarray:
    pdf = root / f"weekly-{start}-{paper}.pdf"
    if not pdf.is_file():
        args = ["worksheet", "weekly-log", "--client", WEEKLY_CLIENT, "--scannable", "--start", start,
                "--weeks", "2", "--paper", paper, "-o", pdf]  # fmt: skip
        result = cli(root, *args)
        assert result.exit_code == 0, result.output
    return rasterised(pdf, dpi)


def weekly_plan(root: Path, start: str, paper: str = "a4") -> PagePlan:
    sheet = load_project(root).sheet_of(WEEKLY_CLIENT)
    specs = tracker_specs(sheet.trackers, weekly=True)
    return diary_plans(specs, dt.date.fromisoformat(start), 14, paper, weekly=True)[0]
