"""A row's band on the straightened page: the strip a person's mark for that row can be in,
and, for each of its pixels, where it lies with respect to the row's printed circles.

The band runs from a little left of the first circle to a little right of the last, and up
and down half-way to the nearest rows (or note boxes), never further than two radii: all
of it comes from the page's plan. Inside it, each pixel belongs to its nearest circle and
is in one of three zones: the circle's inside (where a fill is), its printed outline
(with room for the page being straightened a little off), or outside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from goalsheet.intake.scan.ink import PX_PER_MM
from goalsheet.paper.scannable.layout import PagePlan, Row

SIDE = 1.5  # radii beyond the first and last circles' centres
REACH = 2.0  # radii above and below the row, at most
INSIDE = 0.72  # radii: the inside of a circle, clear of its outline
OUTLINE_OUT = 0.45  # mm outside the circle's edge
BINS = 24  # directions round a circle's centre
BOX_MARGIN = 0.8  # mm kept clear of a note box's printed border
MARGIN = 1.5  # mm of the page around the band looked at too (where a piece of ink goes)


@dataclass(frozen=True)
class Band:
    """Where one row's band is on the page (pixels) and its zones. The window looked at
    is the band and MARGIN around it; `inner` is the band within the window."""

    x0: int  # the window's top left on the page
    y0: int
    inner: tuple[int, int, int, int]  # the band in the window: y0, y1, x0, x1
    centres: tuple[tuple[float, float], ...]  # each circle's centre in the band (pixels)
    radius: float  # pixels
    geometry: Geometry


@dataclass(frozen=True)
class Geometry:
    """Per pixel of a band: its nearest circle, and which zone of it the pixel is in."""

    inside: np.ndarray  # uint8, 255 within INSIDE radii of its circle
    outside: np.ndarray  # uint8, 255 in the band outside every circle and note box
    boxes: tuple[tuple[int, int, int, int], ...]  # each circle's inside: y0, y1, x0, x1
    inside_area: np.ndarray  # pixels inside each circle
    outline_at: np.ndarray  # the flat index of every pixel where an outline may be
    outline_bin: np.ndarray  # its circle * BINS + its direction from the centre


def row_band(plan: PagePlan, row: Row) -> Band:
    """The band of `row` on a page of `plan`."""
    first, last = row.circles[0], row.circles[-1]
    r = first.r
    above, below = _gaps(plan, row)
    margin = round(MARGIN * PX_PER_MM)
    bx0 = int((first.x - SIDE * r) * PX_PER_MM)
    bx1 = int((last.x + SIDE * r) * PX_PER_MM) + 1
    by0 = int((row.y - min(above, REACH * r)) * PX_PER_MM)
    by1 = int((row.y + min(below, REACH * r)) * PX_PER_MM) + 1
    x0, y0 = max(0, bx0 - margin), max(0, by0 - margin)
    x1, y1 = bx1 + margin, by1 + margin
    # A quarter of a pixel is as close as the geometry needs: rows alike share it.
    centres = tuple(
        (round((c.x * PX_PER_MM - x0) * 4) / 4, round((c.y * PX_PER_MM - y0) * 4) / 4)
        for c in row.circles
    )
    boxes = tuple(
        (
            round((b.x - BOX_MARGIN) * PX_PER_MM) - x0,
            round((b.y - BOX_MARGIN) * PX_PER_MM) - y0,
            round((b.x + b.w + BOX_MARGIN) * PX_PER_MM) - x0,
            round((b.y + b.h + BOX_MARGIN) * PX_PER_MM) - y0,
        )
        for b in plan.boxes
        if b.y - BOX_MARGIN < y1 / PX_PER_MM and b.y + b.h + BOX_MARGIN > y0 / PX_PER_MM
    )
    geometry = _geometry(centres, r * PX_PER_MM, x1 - x0, y1 - y0, boxes)
    inner = (by0 - y0, by1 - y0, bx0 - x0, bx1 - x0)
    return Band(x0, y0, inner, centres, r * PX_PER_MM, geometry)


def _gaps(plan: PagePlan, row: Row) -> tuple[float, float]:
    """Half the distance to the nearest row above and below whose circles overlap this
    row's across the page (the other one's when there is none on a side)."""
    left = row.circles[0].x - SIDE * row.circles[0].r
    right = row.circles[-1].x + SIDE * row.circles[0].r
    above, below = [], []
    for other in plan.rows:
        if other is row or other.circles[-1].x < left or other.circles[0].x > right:
            continue
        if other.y < row.y:
            above.append((row.y - other.y) / 2)
        elif other.y > row.y:
            below.append((other.y - row.y) / 2)
    up = min(above, default=0.0)
    down = min(below, default=0.0)
    up, down = up or down, down or up
    fallback = REACH * row.circles[0].r
    return up or fallback, down or fallback


@lru_cache(maxsize=64)
def _geometry(
    centres: tuple[tuple[float, float], ...],
    radius: float,
    width: int,
    height: int,
    boxes: tuple[tuple[int, int, int, int], ...],
) -> Geometry:
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    distance = np.full((height, width), np.inf, np.float32)
    nearest = np.zeros((height, width), np.int32)
    direction = np.zeros((height, width), np.int32)
    for index, (cx, cy) in enumerate(centres):
        d = np.hypot(xx - cx, yy - cy)
        closer = d < distance
        distance[closer] = d[closer]
        nearest[closer] = index
        angle = np.arctan2(yy - cy, xx - cx)
        turn = ((angle + np.pi) / (2 * np.pi) * BINS).astype(np.int32) % BINS
        direction[closer] = turn[closer]
    inner = INSIDE * radius
    outline_out = radius + OUTLINE_OUT * PX_PER_MM
    inside = distance < inner
    outline = (distance >= inner) & (distance <= outline_out)
    outside = distance > outline_out
    for bx0, by0, bx1, by1 in boxes:  # a note box's border is printed: not a mark
        outside[max(0, by0) : max(0, by1), max(0, bx0) : max(0, bx1)] = False
    reach = int(inner) + 1
    inner_boxes = tuple(
        (max(0, int(cy) - reach), int(cy) + reach + 1, max(0, int(cx) - reach), int(cx) + reach + 1)
        for cx, cy in centres
    )
    at = np.flatnonzero(outline)
    return Geometry(
        inside.astype(np.uint8) * 255,
        outside.astype(np.uint8) * 255,
        inner_boxes,
        np.bincount(nearest[inside], minlength=len(centres)).astype(np.float64),
        at,
        (nearest.ravel()[at] * BINS + direction.ravel()[at]).astype(np.int64),
    )
