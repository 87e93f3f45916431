"""Deciding what a person meant on one row: every piece of ink in the row's band is either
the printed form, a mark on exactly one circle, or unexplained.

A circle is marked when it is filled, ringed (ink around it on most sides, closed or not),
or struck by a tick, a cross or a line through it. A row is an answer only when exactly one
circle is marked and nothing else in the band is left unexplained; it is blank only when
its band has no ink but the printed form. Everything else is unclear, with the reason in
words a person reads on the review page. Never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from goalsheet.intake.scan.band import BINS, INSIDE, MARGIN, OUTLINE_OUT, Band
from goalsheet.intake.scan.ink import PX_PER_MM, Ink
from goalsheet.intake.scan.mark import Mark
from goalsheet.language.messages import _
from goalsheet.paper.scannable.layout import Circle

FILLED = 0.42  # share of a circle's inside that is dark: at least this is a fill
BLANK = 0.035  # at most this share dark is blank (a thin tick or cross is more)
TINTED = 0.35  # a blank circle has at most this share of faintly marked pixels (its digit)
SPECK = 0.3  # mm²: ink smaller than this is dust or noise, not a mark
RING = 0.65  # share of the directions round a circle that a ring around it covers
RING_FROM = 0.45  # radii: a ring is looked for from here (clear of the digit) ...
RING_TO = 2.6  # ... to here (past a neighbour's outline on a tight row)
STROKE_IN = 0.04  # share of a circle's inside a tick, cross or line through it darkens
STROKE_LONG = 0.9  # radii: a stroke is at least this long (a dot is not a stroke)
STROKE_THIN = 0.6  # a stroke's area over its length squared is at most this (a dot's 0.8)
STROKE_TO = 2.2  # radii: a mark over one circle reaches no further from its centre
EDGE = 1.0  # mm: ink from beyond the band reaching no deeper into it is the next row's
TRACE = 1.25  # an outline's stretch this much darker than usual may have a ring along it
TRACED = 0.3  # a circle whose outline is darker this much of the way round has ink on it
EXTRA = 1.6  # an outline's stretch with this many times its usual ink has a mark on it


@dataclass(frozen=True)
class Verdict:
    marks: tuple[Mark, ...]
    value: int | None  # the answer, when exactly one circle is marked and nothing else
    unclear: str | None  # why the row cannot be read, for the review page


def judge_row(circles: tuple[Circle, ...], band: Band, ink: Ink) -> Verdict:
    """What the row in `band` says, from the page's `ink`."""
    g = band.geometry
    h, w = g.inside.shape
    rows, cols = slice(band.y0, band.y0 + h), slice(band.x0, band.x0 + w)
    dark, light, tint = ink.marked[rows, cols], ink.light[rows, cols], ink.tint[rows, cols]
    if dark.shape != (h, w):  # a band off the page (a plan larger than the page)
        return Verdict(tuple(Mark(c, 0.0, "unclear") for c in circles), None,
                       _("the row is cut off the page"))  # fmt: skip
    dark_in = cv2.bitwise_and(dark, g.inside)
    tint_in = cv2.bitwise_and(tint, g.inside)
    fill = _shares(dark_in, g.boxes, g.inside_area)
    tinted = _shares(tint_in, g.boxes, g.inside_area)
    extra = cv2.bitwise_or(dark_in, cv2.bitwise_and(light, g.outside))
    marked_outline, traced = _marked_outline(dark, light, band)
    faint = (fill > BLANK) | (tinted > TINTED)
    top, bottom, left, right = band.inner
    in_band = extra[top:bottom, left:right]
    faint |= traced.mean(axis=1) >= TRACED
    if not cv2.countNonZero(in_band) and not marked_outline.size and not faint.any():
        blank = tuple(Mark(c, float(f), "blank") for c, f in zip(circles, fill, strict=True))
        return Verdict(blank, None, None)
    if marked_outline.size:
        lookup = np.zeros(len(circles) * BINS, bool)
        lookup[marked_outline] = True
        on_outline = g.outline_at[lookup[g.outline_bin]]
        flat = extra.reshape(-1)  # made by OpenCV just above: contiguous, so a view
        flat[on_outline] |= np.ascontiguousarray(dark).reshape(-1)[on_outline]
    return _judge(circles, band, extra, fill, tinted, traced)


def _shares(mask: np.ndarray, boxes: tuple[tuple[int, int, int, int], ...],
            area: np.ndarray) -> np.ndarray:  # fmt: skip
    """The share of each circle's inside that `mask` covers."""
    counts = np.array([cv2.countNonZero(mask[y0:y1, x0:x1]) for y0, y1, x0, x1 in boxes])
    shares: np.ndarray = counts / np.maximum(area, 1.0)
    return shares


def _marked_outline(
    dark: np.ndarray, light: np.ndarray, band: Band
) -> tuple[np.ndarray, np.ndarray]:
    """The stretches of outline (circle * BINS + direction) with much more ink than the
    printed outline has elsewhere on the row: a mark drawn over or across it; and, per
    circle and direction, whether its outline is darker than usual (a ring drawn along
    it, over it or just inside it, is all round)."""
    g = band.geometry
    marked = np.zeros(0, np.int64)
    traced = np.zeros((len(band.centres), BINS), bool)
    # A pen's ring along the outline shows in the ink; a pencil's, in the light lines.
    for mask, flag in ((dark, True), (light, False)):
        values = np.ascontiguousarray(mask).reshape(-1)[g.outline_at]
        counts = np.bincount(g.outline_bin, weights=values / 255.0,
                             minlength=len(band.centres) * BINS)  # fmt: skip
        # The printed outline's usual ink: a low quartile, as one circle of a yes/no row
        # may be the ringed half of all there is.
        usual = float(np.percentile(counts, 25))
        if flag:
            # A stroke 0.4 mm wide across the outline's zone adds about half a square
            # millimetre; a ring along it, a third of a square millimetre a stretch.
            marked = np.flatnonzero(counts > EXTRA * usual + 0.1 * PX_PER_MM * PX_PER_MM)
        traced |= (counts > TRACE * usual + 0.03 * PX_PER_MM * PX_PER_MM).reshape(-1, BINS)
    return marked, traced


def _judge(circles: tuple[Circle, ...], band: Band, extra: np.ndarray, fill: np.ndarray,
           tinted: np.ndarray, traced: np.ndarray) -> Verdict:  # fmt: skip
    """The full look at a row with ink on it: its pieces of ink, whom each belongs to."""
    # Only the part of the window with ink in it is looked at (a mark is a tenth of a row).
    top, bottom, left, right = band.inner
    bx, by, bw, bh = cv2.boundingRect(extra[top:bottom, left:right])
    margin = round(MARGIN * PX_PER_MM)
    bx, by = max(0, bx + left - margin), max(0, by + top - margin)
    bw, bh = bw + 2 * margin, bh + 2 * margin
    inked = extra[by : by + bh, bx : bx + bw]
    _count, labels, stats, _centres = cv2.connectedComponentsWithStats(inked, connectivity=8)
    speck = SPECK * PX_PER_MM * PX_PER_MM
    keep = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] >= speck)
    keep = keep[keep > 0]
    n = len(circles)
    r = band.radius
    ys, xs = np.nonzero(labels)
    which = labels[ys, xs]
    kept = np.isin(which, keep)
    ys, xs, which = ys[kept] + by, xs[kept] + bx, which[kept]
    cx = np.array([c[0] for c in band.centres], np.float32)
    cy = np.array([c[1] for c in band.centres], np.float32)
    dx = xs[:, None].astype(np.float32) - cx[None, :]
    dy = ys[:, None].astype(np.float32) - cy[None, :]
    rho = np.hypot(dx, dy) / r  # a row per pixel, a column per circle
    turn = ((np.arctan2(dy, dx) + np.pi) / (2 * np.pi) * BINS).astype(np.int32) % BINS
    over = rho < INSIDE  # a pixel over a circle's inside
    near_outline = 1.0 + OUTLINE_OUT * PX_PER_MM / r
    pieces = [_Piece(int(k), which == k) for k in keep]
    pieces = [p for p in pieces if _in_band(p, ys, xs, band.inner)]
    for piece in pieces:
        piece.measure(rho, over, near_outline, stats[piece.label])
    ringed = _rings(pieces, rho, turn, traced)
    traced_share = traced.mean(axis=1)
    states, styles = [], []
    for i in range(n):
        mine = [p for p in pieces if p.over == {i} or (not p.over and p.reach[i] <= 1.6)]
        if fill[i] >= FILLED:
            state, style = "filled", "fill"
        elif ringed[i]:
            state, style = "filled", "ring"
        elif _stroke(mine, ys, xs, fill[i], r, i):
            state, style = "filled", "stroke"
        elif (fill[i] > BLANK or tinted[i] > TINTED or traced_share[i] >= TRACED
              or any(p.ring is None for p in mine)):  # fmt: skip
            state, style = "unclear", ""
        else:
            state, style = "blank", ""
        states.append(state)
        styles.append(style)
    marks = tuple(
        Mark(c, float(f), s, st) for c, f, s, st in zip(circles, fill, states, styles, strict=True)
    )
    loose = [p for p in pieces if not p.explained(states)]
    return _verdict(marks, loose)


def _in_band(piece: _Piece, ys: np.ndarray, xs: np.ndarray,
             inner: tuple[int, int, int, int]) -> bool:  # fmt: skip
    """Whether the piece is this row's business: in its band, and not just the edge of a
    mark on the next row reaching over the half-way line (that row reads it)."""
    top, bottom, left, right = inner
    y, x = ys[piece.member], xs[piece.member]
    depth = np.minimum(np.minimum(y - top, bottom - 1 - y), np.minimum(x - left, right - 1 - x))
    inside = depth >= 0
    if not inside.any():
        return False
    return bool(inside.all() or depth[inside].max() > EDGE * PX_PER_MM)


class _Piece:
    """One connected piece of ink in the band (not the printed form)."""

    def __init__(self, label: int, member: np.ndarray) -> None:
        self.label = label
        self.member = member
        self.over: set[int] = set()  # the circles whose inside it lies over
        self.reach = np.zeros(0)  # per circle: its furthest pixel, in radii from the centre
        self.closest = np.zeros(0)  # per circle: its nearest pixel, in radii
        self.ring: int | None = None  # the circle it rings (or helps ring)
        self.area = 0
        self.length = 0.0

    def measure(self, rho: np.ndarray, over: np.ndarray, near_outline: float,
                stat: np.ndarray) -> None:  # fmt: skip
        mine = rho[self.member]
        self.reach = mine.max(axis=0)
        self.closest = mine.min(axis=0)
        self.over = set(np.flatnonzero(over[self.member].any(axis=0)).tolist())
        self.area = int(stat[cv2.CC_STAT_AREA])
        self.length = float(max(stat[cv2.CC_STAT_WIDTH], stat[cv2.CC_STAT_HEIGHT]))
        self.near_outline = near_outline

    def explained(self, states: list[str]) -> bool:
        """Whether this piece belongs to exactly one circle that is marked (or itself
        unclear: the row is held back for that circle then)."""
        if self.ring is not None:
            return True
        if len(self.over) == 1:
            (i,) = self.over
            return states[i] != "blank" and self.only_near(i)
        if not self.over:  # beside a circle: a fill spilling over, a stroke's end
            near = [i for i, d in enumerate(self.reach) if d <= 1.6]
            return len(near) == 1 and states[near[0]] != "blank" and self.only_near(near[0])
        return False

    def only_near(self, i: int) -> bool:
        """Whether the piece stays near circle `i` and out of every other one."""
        others = np.delete(self.closest, i)
        return bool(self.reach[i] <= STROKE_TO and (others >= 1.0).all())


def _rings(pieces: list[_Piece], rho: np.ndarray, turn: np.ndarray,
           traced: np.ndarray) -> list[bool]:  # fmt: skip
    """Which circles have a ring around them: the pieces of ink that stay near one circle
    and out of every other one's inside cover most directions round it."""
    n = len(traced)
    ringed = [False] * n
    for i in range(n):
        parts = [
            p for p in pieces
            if p.reach[i] <= RING_TO and not (p.over - {i})
        ]  # fmt: skip
        if not parts and traced[i].sum() < RING * BINS:
            continue
        member = np.zeros(rho.shape[0], bool)
        for p in parts:
            member |= p.member
        around = member & (rho[:, i] >= RING_FROM) & (rho[:, i] <= RING_TO)
        directions = traced[i].copy()
        directions[turn[around, i]] = True
        covered = directions.mean()
        if covered >= RING:
            ringed[i] = True
            for p in parts:
                p.ring = i
    return ringed


def _stroke(mine: list[_Piece], ys: np.ndarray, xs: np.ndarray, fill: float, r: float,
            i: int) -> bool:  # fmt: skip
    """A tick, a cross or a line through circle `i`: thin ink across its inside (with the
    pieces of it beside the circle), long enough not to be a dot, near no other circle."""
    if fill < STROKE_IN or not mine or not all(p.only_near(i) for p in mine):
        return False
    member = np.zeros(ys.shape, bool)
    for p in mine:
        member |= p.member
    y, x = ys[member], xs[member]
    length = float(max(y.max() - y.min(), x.max() - x.min())) + 1.0
    area = sum(p.area for p in mine)
    return length >= STROKE_LONG * r and area <= STROKE_THIN * length * length


def _verdict(marks: tuple[Mark, ...], loose: list[_Piece]) -> Verdict:
    marked = [m for m in marks if m.state == "filled"]
    unsure = [m for m in marks if m.state == "unclear"]
    if len(marked) > 1:
        if all(m.style == "fill" for m in marked):
            why = _("{n} circles are filled").format(n=len(marked))
        else:
            why = _("{n} circles are marked").format(n=len(marked))
        return Verdict(marks, None, why)
    if loose:
        return Verdict(marks, None, _loose_reason(loose))
    if unsure:
        return Verdict(marks, None, _("a mark is faint or only partly filled"))
    if len(marked) == 1:
        return Verdict(marks, marked[0].circle.value, None)
    return Verdict(marks, None, None)


def _loose_reason(loose: list[_Piece]) -> str:
    """Why ink that belongs to no single circle holds the row back, in plain words."""
    widest = max(len(p.over) for p in loose)
    if widest >= 3:
        return _("a line is drawn through the row")
    if widest == 2:
        return _("a mark crosses two circles")
    if any(p.over for p in loose):
        return _("a mark reaches beyond its circle")
    return _("there is a mark beside the circles, or writing on the row")
