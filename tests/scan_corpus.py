"""A corpus of filled, spoiled scannable pages with the answer each row should read as.

Marks are drawn the ways people fill circles (solid, scribbled, a little outside, pencil,
partly filled) and the ways they don't (a tick, a cross, a faint dot, two circles in a row),
on real pages goalsheet printed and poppler rasterised, then each page is spoiled as a
scanner or a phone would (rotation, perspective, blur, noise, JPEG, tinted paper, shadow).
Used by tests/test_scan_corpus.py and benchmarks/scan.py.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from goalsheet.scan.layout import Circle, PagePlan

UNCLEAR = "unclear"
Draw = Callable[[np.ndarray, Circle, float, random.Random], None]


def _at(circle: Circle, k: float) -> tuple[int, int, int]:
    return round(circle.x * k), round(circle.y * k), round(circle.r * k)


def solid(image: np.ndarray, circle: Circle, k: float, rng: random.Random) -> None:
    x, y, r = _at(circle, k)
    cv2.circle(image, (x, y), round(r * rng.uniform(0.8, 0.95)), rng.randint(10, 50), -1)


def scribble(image: np.ndarray, circle: Circle, k: float, rng: random.Random) -> None:
    x, y, r = _at(circle, k)
    ink = rng.randint(20, 60)
    for dy in range(-r, r + 1, max(1, r // 5)):
        cv2.line(image, (x - r, y + dy), (x + r, y + dy + rng.randint(-r // 3, r // 3)), ink, 2)
    cv2.circle(image, (x, y), round(r * 0.78), ink, -1)


def outside(image: np.ndarray, circle: Circle, k: float, rng: random.Random) -> None:
    """A fill a little off centre, spilling over the circle's edge."""
    x, y, r = _at(circle, k)
    dx, dy = rng.randint(-r // 3, r // 3), rng.randint(-r // 3, r // 3)
    cv2.circle(image, (x + dx, y + dy), round(r * 1.05), rng.randint(15, 50), -1)


def pencil(image: np.ndarray, circle: Circle, k: float, rng: random.Random) -> None:
    x, y, r = _at(circle, k)
    cv2.circle(image, (x, y), round(r * 0.85), rng.randint(85, 115), -1)


def mostly(image: np.ndarray, circle: Circle, k: float, rng: random.Random) -> None:
    """Filled in a hurry: most of the circle, a sliver left white."""
    x, y, r = _at(circle, k)
    cv2.ellipse(image, (x, y), (round(r * 0.85), round(r * 0.85)), rng.randint(0, 359),
                0, 290, rng.randint(15, 45), -1)  # fmt: skip


def _pen(k: float) -> int:
    return max(2, round(0.4 * k))  # a ballpoint's line, about 0.4 mm


def tick(image: np.ndarray, circle: Circle, k: float, rng: random.Random) -> None:
    x, y, r = _at(circle, k)
    cv2.line(image, (x - r // 2, y), (x - r // 6, y + r // 2), 30, _pen(k))
    cv2.line(image, (x - r // 6, y + r // 2), (x + r // 2, y - r // 2), 30, _pen(k))


def cross(image: np.ndarray, circle: Circle, k: float, rng: random.Random) -> None:
    x, y, r = _at(circle, k)
    cv2.line(image, (x - r, y - r), (x + r, y + r), 30, _pen(k))
    cv2.line(image, (x - r, y + r), (x + r, y - r), 30, _pen(k))


def faint(image: np.ndarray, circle: Circle, k: float, rng: random.Random) -> None:
    x, y, r = _at(circle, k)
    cv2.circle(image, (x, y), round(r * 0.8), rng.randint(175, 195), -1)


CLEAR: list[Draw] = [solid, scribble, outside, pencil, mostly]
DOUBTFUL: list[Draw] = [tick, cross, faint]


@dataclass(frozen=True)
class Expected:
    row: str
    value: int | str | None  # the answer, None for an empty row, UNCLEAR for a doubtful one


def fill_page(
    blank: np.ndarray, plan: PagePlan, dpi: int, rng: random.Random, doubtful: float = 0.06
) -> tuple[np.ndarray, list[Expected]]:
    """Fill every row of `plan`: mostly clear answers, some left empty, some doubtful (a
    tick, a cross, a faint mark, or two circles filled)."""
    page = blank.copy()
    k = dpi / 25.4
    expected = []
    for row in plan.rows:
        roll = rng.random()
        if roll < 0.08:
            expected.append(Expected(row.key, None))
            continue
        circle = rng.choice(row.circles)
        if roll < 0.08 + doubtful:
            if rng.random() < 0.25:
                other = rng.choice([c for c in row.circles if c is not circle])
                solid(page, circle, k, rng)
                solid(page, other, k, rng)
            else:
                rng.choice(DOUBTFUL)(page, circle, k, rng)
            expected.append(Expected(row.key, UNCLEAR))
            continue
        rng.choice(CLEAR)(page, circle, k, rng)
        expected.append(Expected(row.key, circle.value))
    return page, expected


def rotate(image: np.ndarray, degrees: float) -> np.ndarray:
    """The page turned on a scanner's glass: the glass is larger than the page, so nothing
    of the page is cut off."""
    pad = round(0.06 * max(image.shape))
    image = cv2.copyMakeBorder(image, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=235)
    h, w = image.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(image, matrix, (w, h), borderValue=235)


def perspective(image: np.ndarray, rng: random.Random) -> np.ndarray:
    h, w = image.shape
    d = [rng.uniform(0, 0.05) for _ in range(8)]
    source = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    target = np.float32([[d[0] * w, d[1] * h], [w - d[2] * w, d[3] * h],
                         [w - d[4] * w, h - d[5] * h], [d[6] * w, h - d[7] * h]])  # fmt: skip
    matrix = cv2.getPerspectiveTransform(source, target + 40)
    background = rng.randint(90, 160)  # a table
    return cv2.warpPerspective(image, matrix, (w + 80, h + 80), borderValue=background)


def spoil(image: np.ndarray, rng: random.Random) -> np.ndarray:
    """One of the ways a page reaches goalsheet, or several at once."""
    page = image
    if rng.random() < 0.5:
        page = rotate(page, rng.uniform(-5, 5))
    if rng.random() < 0.15:
        page = rotate(page, 180 + rng.uniform(-3, 3))
    if rng.random() < 0.4:
        page = perspective(page, rng)
    work = page.astype(np.float32)
    if rng.random() < 0.5:
        size = rng.choice([3, 5])
        work = cv2.GaussianBlur(work, (size, size), rng.uniform(0.6, 1.4))
    if rng.random() < 0.5:  # grey or yellowish paper
        work = work * rng.uniform(0.78, 0.9) + rng.uniform(10, 25)
    if rng.random() < 0.4:  # a shadow across one edge
        w = work.shape[1]
        band = w // rng.randint(4, 7)
        work[:, :band] *= np.linspace(rng.uniform(0.55, 0.8), 1.0, band, dtype=np.float32)
    if rng.random() < 0.6:
        work += np.random.default_rng(rng.randint(0, 10**6)).normal(0, rng.uniform(2, 7),
                                                                   work.shape)  # fmt: skip
    page = np.clip(work, 0, 255).astype(np.uint8)
    if rng.random() < 0.6:
        quality = rng.choice([40, 55, 70, 85])
        ok, jpeg = cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, quality])
        assert ok
        page = cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE)
    return page


@dataclass
class Tally:
    pages: int = 0
    marks: int = 0  # rows with a mark on them (clear or doubtful)
    right: int = 0  # read as expected: the value, or unclear for a doubtful mark
    misread: int = 0  # a clear mark read as another value, or an empty row read as one
    doubtful_missed: int = 0  # a doubtful mark read as a value
    clear_unclear: int = 0  # a clear mark reported unclear (safe, but a person must look)
    unreadable: int = 0  # pages that could not be read at all
    unread: int = 0  # marks on those pages (counted as not read correctly)
    seconds: float = 0.0

    @property
    def share_right(self) -> float:
        total = self.marks + self.unread
        return self.right / total if total else 0.0

    def lost(self, expected: list[Expected]) -> None:
        """A page that could not be read: its marks count against the share read."""
        self.unreadable += 1
        self.unread += sum(item.value is not None for item in expected)

    def add(self, expected: list[Expected], got: dict[str, tuple[int | None, bool]]) -> None:
        for item in expected:
            value, unclear = got[item.row]
            if item.value is None:
                if value is not None:
                    self.misread += 1
                continue
            self.marks += 1
            if item.value == UNCLEAR:
                if unclear:
                    self.right += 1
                else:
                    self.doubtful_missed += 1
            elif unclear:
                self.clear_unclear += 1
            elif value == item.value:
                self.right += 1
            else:
                self.misread += 1
