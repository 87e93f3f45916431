"""A corpus of filled, spoiled scannable pages with the answer each row should read as.

Marks are drawn the ways people mark circles, each a named style: fills (solid, scribbled,
a little outside, mostly), rings (closed, open, oval, off-centre, round the digit, big
enough to touch the neighbours), a tick, a cross, a slash; in black pen, blue pen (drawn in
colour, turned grey as a scanner does) and pencil. And the ways that must be questioned:
a faint mark, a dot, two marks, a correction, a line through the row, ink between circles,
a ring round two circles. They are drawn on real pages goalsheet printed and poppler
rasterised, then each page is spoiled as a scanner or a phone would (rotation,
perspective, blur, noise, JPEG, tinted paper, shadow, uneven light: tests/scan_spoil.py).
Used by tests/test_scan_corpus.py and benchmarks/scan.py.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field

import cv2
import numpy as np

from goalsheet.paper.scannable.layout import Circle, PagePlan, Row
from helpers.scan_spoil import perspective, phone_photo, rotate, spoil

__all__ = ["fill_page", "perspective", "phone_photo", "rotate", "spoil"]  # and the drawers

UNCLEAR = "unclear"
Colour = tuple[int, int, int]  # BGR


@dataclass(frozen=True)
class Pen:
    colour: Colour
    width: float  # mm


Draw = Callable[[np.ndarray, Circle, float, random.Random, Pen], None]


def black(rng: random.Random) -> Pen:
    grey = rng.randint(10, 50)
    return Pen((grey, grey, grey), rng.uniform(0.35, 0.6))


def blue(rng: random.Random) -> Pen:
    """A blue ballpoint: lighter than black once the scanner makes it grey (~60-100)."""
    return Pen((rng.randint(150, 200), rng.randint(40, 90), rng.randint(10, 40)),
               rng.uniform(0.35, 0.6))  # fmt: skip


def pencil_pen(rng: random.Random) -> Pen:
    grey = rng.randint(100, 140)
    return Pen((grey, grey, grey), rng.uniform(0.3, 0.45))


def _at(circle: Circle, k: float) -> tuple[int, int, int]:
    return round(circle.x * k), round(circle.y * k), round(circle.r * k)


def _w(pen: Pen, k: float) -> int:
    return max(1, round(pen.width * k))


# --- fills ---------------------------------------------------------------------------------


def solid(image: np.ndarray, circle: Circle, k: float, rng: random.Random, pen: Pen) -> None:
    x, y, r = _at(circle, k)
    cv2.circle(image, (x, y), round(r * rng.uniform(0.8, 0.95)), pen.colour, -1)


def scribble(image: np.ndarray, circle: Circle, k: float, rng: random.Random, pen: Pen) -> None:
    x, y, r = _at(circle, k)
    for dy in range(-r, r + 1, max(1, r // 5)):
        cv2.line(image, (x - r, y + dy), (x + r, y + dy + rng.randint(-r // 3, r // 3)),
                 pen.colour, 2)  # fmt: skip
    cv2.circle(image, (x, y), round(r * 0.78), pen.colour, -1)


def outside(image: np.ndarray, circle: Circle, k: float, rng: random.Random, pen: Pen) -> None:
    """A fill a little off centre, spilling over the circle's edge."""
    x, y, r = _at(circle, k)
    dx, dy = rng.randint(-r // 3, r // 3), rng.randint(-r // 3, r // 3)
    cv2.circle(image, (x + dx, y + dy), round(r * 1.05), pen.colour, -1)


def mostly(image: np.ndarray, circle: Circle, k: float, rng: random.Random, pen: Pen) -> None:
    """Filled in a hurry: most of the circle, a sliver left white."""
    x, y, r = _at(circle, k)
    cv2.ellipse(image, (x, y), (round(r * 0.85), round(r * 0.85)), rng.randint(0, 359),
                0, 290, pen.colour, -1)  # fmt: skip


# --- rings ---------------------------------------------------------------------------------


def _ring(image: np.ndarray, centre: tuple[float, float], axes: tuple[float, float],
          tilt: float, gap: float, k: float, rng: random.Random, pen: Pen) -> None:  # fmt: skip
    """An ellipse drawn by hand: `gap` degrees of it left open where the pen started."""
    start = rng.uniform(0, 360)
    cv2.ellipse(image, (round(centre[0] * k), round(centre[1] * k)),
                (round(axes[0] * k), round(axes[1] * k)), tilt, start, start + 360 - gap,
                pen.colour, _w(pen, k), cv2.LINE_AA)  # fmt: skip


def ring(image: np.ndarray, circle: Circle, k: float, rng: random.Random, pen: Pen) -> None:
    size = circle.r * rng.uniform(1.25, 1.4)
    _ring(image, (circle.x, circle.y), (size, size), 0, 0, k, rng, pen)


def ring_open(image: np.ndarray, circle: Circle, k: float, rng: random.Random, pen: Pen) -> None:
    size = circle.r * rng.uniform(1.25, 1.4)
    _ring(image, (circle.x, circle.y), (size, size), 0, rng.uniform(30, 80), k, rng, pen)


def oval(image: np.ndarray, circle: Circle, k: float, rng: random.Random, pen: Pen) -> None:
    axes = (circle.r * rng.uniform(1.35, 1.5), circle.r * rng.uniform(1.15, 1.3))
    _ring(image, (circle.x, circle.y), axes, rng.uniform(-15, 15), rng.uniform(0, 40), k, rng, pen)


def off_centre(image: np.ndarray, circle: Circle, k: float, rng: random.Random, pen: Pen) -> None:
    turn = rng.uniform(0, 2 * math.pi)
    shift = circle.r * rng.uniform(0.1, 0.25)
    centre = (circle.x + shift * math.cos(turn), circle.y + shift * math.sin(turn))
    size = circle.r * rng.uniform(1.25, 1.4)  # a ring that enters a neighbour is questioned
    _ring(image, centre, (size, size), 0, rng.uniform(0, 40), k, rng, pen)


def ring_digit(image: np.ndarray, circle: Circle, k: float, rng: random.Random, pen: Pen) -> None:
    """A small ring round the printed digit, inside the circle, up to its outline. (A ring
    traced right along the printed outline can hide in it: see the guide.)"""
    size = circle.r * rng.uniform(0.55, 0.8)
    _ring(image, (circle.x, circle.y), (size, size), 0, rng.uniform(0, 40), k, rng, pen)


def ring_big(image: np.ndarray, circle: Circle, k: float, rng: random.Random, pen: Pen) -> None:
    """A ring as big as there is room for: on a tight diary row it touches its neighbours."""
    size = circle.r * rng.uniform(1.45, 1.55)
    _ring(image, (circle.x, circle.y), (size, size * 0.95), 0, rng.uniform(0, 30), k, rng, pen)


# --- strokes -------------------------------------------------------------------------------


def tick(image: np.ndarray, circle: Circle, k: float, rng: random.Random, pen: Pen) -> None:
    x, y, r = circle.x, circle.y, circle.r
    s = rng.uniform(0.6, 1.0)
    points = [(x - 0.6 * r * s, y), (x - 0.15 * r * s, y + 0.55 * r * s),
              (x + 0.8 * r * s, y - 0.8 * r * s)]  # fmt: skip
    pixels = np.array([[round(px * k), round(py * k)] for px, py in points], np.int32)
    cv2.polylines(image, [pixels], False, pen.colour, _w(pen, k), cv2.LINE_AA)


def cross(image: np.ndarray, circle: Circle, k: float, rng: random.Random, pen: Pen) -> None:
    x, y, r = circle.x, circle.y, circle.r * rng.uniform(0.6, 0.95)
    for sign in (1, -1):
        cv2.line(image, (round((x - r) * k), round((y - sign * r) * k)),
                 (round((x + r) * k), round((y + sign * r) * k)), pen.colour, _w(pen, k),
                 cv2.LINE_AA)  # fmt: skip


def slash(image: np.ndarray, circle: Circle, k: float, rng: random.Random, pen: Pen) -> None:
    """A line through the circle: a slash or a short stroke across it."""
    turn = math.radians(rng.choice([rng.uniform(30, 80), rng.uniform(100, 150)]))
    half = circle.r * rng.uniform(0.9, 1.25)
    dx, dy = half * math.cos(turn), half * math.sin(turn)
    cv2.line(image, (round((circle.x - dx) * k), round((circle.y - dy) * k)),
             (round((circle.x + dx) * k), round((circle.y + dy) * k)), pen.colour, _w(pen, k),
             cv2.LINE_AA)  # fmt: skip


# --- doubtful marks ------------------------------------------------------------------------


def faint(image: np.ndarray, circle: Circle, k: float, rng: random.Random, pen: Pen) -> None:
    x, y, r = _at(circle, k)
    grey = rng.randint(175, 195)
    cv2.circle(image, (x, y), round(r * 0.8), (grey, grey, grey), -1)


def dot(image: np.ndarray, circle: Circle, k: float, rng: random.Random, pen: Pen) -> None:
    x, y, r = _at(circle, k)
    cv2.circle(image, (x, y), max(2, round(r * rng.uniform(0.15, 0.35))), pen.colour, -1)


CLEAR: dict[str, Draw] = {
    "solid": solid, "scribble": scribble, "outside": outside, "mostly": mostly,
    "ring": ring, "open ring": ring_open, "oval": oval, "off-centre ring": off_centre,
    "ring round the digit": ring_digit, "big ring": ring_big,
    "tick": tick, "cross": cross, "slash": slash,
}  # fmt: skip
ONE_CIRCLE: dict[str, Draw] = {"faint": faint, "dot": dot}  # doubtful, on one circle


def _pair(row: Row, rng: random.Random) -> tuple[Circle, Circle]:
    first = rng.randrange(len(row.circles) - 1)
    return row.circles[first], row.circles[first + 1]


def two_fills(image: np.ndarray, row: Row, k: float, rng: random.Random, pen: Pen) -> None:
    one, other = rng.sample(row.circles, 2)
    solid(image, one, k, rng, pen)
    solid(image, other, k, rng, pen)


def fill_and_ring(image: np.ndarray, row: Row, k: float, rng: random.Random, pen: Pen) -> None:
    one, other = rng.sample(row.circles, 2)
    solid(image, one, k, rng, pen)
    ring(image, other, k, rng, pen)


def correction(image: np.ndarray, row: Row, k: float, rng: random.Random, pen: Pen) -> None:
    """Filled one, crossed it out, then filled or ringed another."""
    wrong, right = rng.sample(row.circles, 2)
    solid(image, wrong, k, rng, pen)
    cross(image, wrong, k, rng, black(rng))
    rng.choice([solid, ring, tick])(image, right, k, rng, pen)


def strike(image: np.ndarray, row: Row, k: float, rng: random.Random, pen: Pen) -> None:
    """A line through the whole row: struck out."""
    first, last = row.circles[0], row.circles[-1]
    drift = first.r * rng.uniform(-0.4, 0.4)
    cv2.line(image, (round((first.x - first.r) * k), round((first.y + drift) * k)),
             (round((last.x + last.r) * k), round((last.y - drift) * k)), pen.colour,
             _w(pen, k), cv2.LINE_AA)  # fmt: skip


def between(image: np.ndarray, row: Row, k: float, rng: random.Random, pen: Pen) -> None:
    """Ink between two circles: a short stroke or a blot, touching neither's inside."""
    one, other = _pair(row, rng)
    x, y = (one.x + other.x) / 2, one.y + one.r * rng.uniform(-0.5, 0.5)
    if rng.random() < 0.5:
        cv2.circle(image, (round(x * k), round(y * k)), round(0.5 * k), pen.colour, -1)
    else:
        cv2.line(image, (round(x * k), round((y - one.r) * k)),
                 (round(x * k), round((y + one.r) * k)), pen.colour, _w(pen, k))  # fmt: skip


def ring_two(image: np.ndarray, row: Row, k: float, rng: random.Random, pen: Pen) -> None:
    """One ring round two neighbouring circles."""
    one, other = _pair(row, rng)
    centre = ((one.x + other.x) / 2, one.y)
    axes = ((other.x - one.x) / 2 + one.r * 1.3, one.r * 1.3)
    _ring(image, centre, axes, 0, rng.uniform(0, 30), k, rng, pen)


ROW: dict[str, Callable[[np.ndarray, Row, float, random.Random, Pen], None]] = {
    "two fills": two_fills, "fill and ring": fill_and_ring, "correction": correction,
    "struck out": strike, "between circles": between, "ring round two": ring_two,
}  # fmt: skip
INKS = {"blue ink": blue, "pencil": pencil_pen}


@dataclass(frozen=True)
class Expected:
    row: str
    value: int | str | None  # the answer, None for an empty row, UNCLEAR for a doubtful one
    style: str = "blank"


def fill_page(
    blank: np.ndarray,
    plan: PagePlan,
    dpi: int,
    rng: random.Random,
    doubtful: float = 0.06,
    colour: bool = False,
) -> tuple[np.ndarray, list[Expected]]:
    """Fill every row of `plan`: mostly clear answers in one of the styles, some left
    empty, some doubtful. Drawn in colour; the page comes back in grey as a scanner turns
    it, or (`colour`) as a colour image (BGR)."""
    page = cv2.cvtColor(blank, cv2.COLOR_GRAY2BGR) if blank.ndim == 2 else blank.copy()
    k = dpi / 25.4
    expected = []
    for row in plan.rows:
        roll = rng.random()
        if roll < 0.08:
            expected.append(Expected(row.key, None))
            continue
        ink = rng.random()
        pen, ink_style = (black(rng), "")
        if ink < 0.08:
            pen, ink_style = blue(rng), "blue ink"
        elif ink < 0.14:
            pen, ink_style = pencil_pen(rng), "pencil"
        circle = rng.choice(row.circles)
        if roll < 0.08 + doubtful:
            name = rng.choice([*ONE_CIRCLE, *ROW] if len(row.circles) > 2 else [*ONE_CIRCLE])
            if name in ONE_CIRCLE:
                ONE_CIRCLE[name](page, circle, k, rng, pen)
            else:
                ROW[name](page, row, k, rng, pen)
            expected.append(Expected(row.key, UNCLEAR, name))
            continue
        name = rng.choice(list(CLEAR))
        CLEAR[name](page, circle, k, rng, pen)
        expected.append(Expected(row.key, circle.value, ink_style or name))
    return (page if colour else cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)), expected


@dataclass
class StyleTally:
    marks: int = 0
    right: int = 0  # the value meant (clear), or unclear (doubtful)
    review: int = 0  # a clear mark sent to review: safe, but a person must look
    silent: int = 0  # a value recorded that was not meant, or a mark recorded as blank


@dataclass
class Tally:
    pages: int = 0
    unreadable: int = 0  # pages that could not be read at all
    unread: int = 0  # marks on those pages (counted as not read correctly)
    seconds: float = 0.0
    styles: dict[str, StyleTally] = field(default_factory=dict)

    @property
    def marks(self) -> int:
        return sum(s.marks for name, s in self.styles.items() if name != "blank")

    @property
    def silent(self) -> int:
        return sum(s.silent for s in self.styles.values())

    @property
    def share_right(self) -> float:
        right = sum(s.right for name, s in self.styles.items() if name != "blank")
        total = self.marks + self.unread
        return right / total if total else 0.0

    def lost(self, expected: list[Expected]) -> None:
        """A page that could not be read: its marks count against the share read."""
        self.unreadable += 1
        self.unread += sum(item.value is not None for item in expected)

    def add(self, expected: list[Expected], got: dict[str, tuple[int | None, bool]]) -> None:
        for item in expected:
            value, unclear = got[item.row]
            tally = self.styles.setdefault(item.style, StyleTally())
            tally.marks += 1
            if item.value is None:  # an empty row: blank or unclear is fine, a value is not
                tally.right += value is None and not unclear
                tally.silent += value is not None
            elif item.value == UNCLEAR:
                tally.right += unclear
                tally.silent += not unclear
            elif unclear:
                tally.review += 1
            elif value == item.value:
                tally.right += 1
            else:
                tally.silent += 1

    def table(self) -> str:
        """The tally by style, as a Markdown table."""
        lines = ["| style | marks | read right | clear marks sent to review | silent errors |",
                 "|---|---:|---:|---:|---:|"]  # fmt: skip
        for name in sorted(self.styles, key=_style_order):
            s = self.styles[name]
            share = f"{s.right / s.marks:.2%}" if s.marks else "-"
            review = "-" if name in ROW or name in ONE_CIRCLE or name == "blank" else s.review
            lines.append(f"| {name} | {s.marks} | {share} | {review} | {s.silent} |")
        return "\n".join(lines)


def _style_order(name: str) -> tuple[int, int]:
    groups = [list(CLEAR), list(INKS), list(ONE_CIRCLE) + list(ROW), ["blank"]]
    for rank, group in enumerate(groups):
        if name in group:
            return rank, group.index(name)
    return len(groups), 0
