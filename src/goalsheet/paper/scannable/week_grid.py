"""A scannable diary's days as a grid (layout 2 on): a week on one page.

Each day is a block of lines. A line holds one or more trackers side by side, each as a
label cell and its circles; a number's tens and units sit side by side on one line. The
day's name is in a cell at the left of its first line. Words (text trackers) go to a notes
area under the days. Every tracker has the same place on every day, so the eye finds it.

What the mark reader relies on: every row's circles share one centre line; nothing but the
row's own circles is printed within `clear(r)` of its end circles' centres along that line,
nor within half the line pitch above or below it (labels sit left of the circles, never
between lines); rows side by side on one line are at least `DIGIT_GAP` apart, centre to
centre, at their nearest circles.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from goalsheet.paper.scannable.layout import (
    MARGIN,
    Circle,
    NoteBox,
    PagePlan,
    Row,
    TrackerSpec,
    page_frame,
)

GRID_RADIUS = 2.6  # a circle's radius (at least 2.5 mm)
GRID_PITCH = 6.5  # between the centres of a row's circles
YESNO_PITCH = 8.5  # between a yes/no row's two circles
WORD = 6.5  # room for "yes" left of a yes/no row and "no" right of it, at 9 pt
DIGIT_GAP = 10.5  # from the tens' last circle to the units' first, centre to centre
LEFT = MARGIN + 3.0  # the grid's left edge (beside the corner marks' column)
DAY_CELL = 13.0  # the day's name, left of its first line
LABEL_CELL = 32.0  # a tracker's name (and its anchors or unit) left of its circles
TRAIL = 1.0  # between a tracker's last mark and the next tracker's label cell
LINE_PITCHES = (8.5, 8.0, 7.5, 7.25, 7.0)  # between lines: the roomiest that fits is used
DAY_GAP = 2.5  # between days, added to the line pitch
GRID_TOP = 51.0  # the first line's top, under the heading, the QR code and the instructions
BOTTOM_ROOM = 22.0  # kept free at the foot of the page: the crisis box, the corner marks
NOTES_GAP = 4.0  # between the last line's band and the notes area's heading
NOTE_HEAD = 4.5  # the notes area's heading line
NOTE_ROW = 10.5  # between the rows of note boxes
NOTE_BOX = 8.5  # a note box's height
NOTE_DAY = 15.0  # the day's name, left of its note box
NOTE_COLUMNS = 3
NOTE_SPACING = 3.0  # between note boxes side by side
WEEK = 7


def clear(radius: float) -> float:
    """Paper kept free of other ink beyond a row's end circles' centres, along the line
    (the reader's band reaches 1.5 radii; the rest is for a page straightened a little
    off)."""
    return 2.0 * radius


class TooWide(ValueError):
    """A tracker whose circles cannot fit on one line of the page."""


@dataclass(frozen=True)
class Group:
    """One row of a tracker on a day: its part ("", "tens", "units") and its values."""

    spec: TrackerSpec
    part: str
    values: tuple[int, ...]
    first: bool  # the tracker's first row: its label cell sits left of it

    radius = GRID_RADIUS

    @property
    def pitch(self) -> float:
        return YESNO_PITCH if self.spec.kind == "yesno" else GRID_PITCH

    @property
    def lead(self) -> float:
        """From the label cell's right edge to the first circle's centre ("yes" between)."""
        return lead(self.spec.kind)

    @property
    def span(self) -> float:
        return self.pitch * (len(self.values) - 1)


@dataclass(frozen=True)
class Placed:
    """A group on a day's line: which line, and its first circle's centre x."""

    group: Group
    line: int
    x: float


@dataclass(frozen=True)
class DayShape:
    """Where every row of one day sits, the same for every day of the diary."""

    placed: tuple[Placed, ...]
    lines: int


def _segment_width(groups: list[Group]) -> float:
    """A tracker's label cell, its rows side by side, and the paper kept clear after."""
    first, last = groups[0], groups[-1]
    inner = sum(g.span for g in groups) + DIGIT_GAP * (len(groups) - 1)
    return LABEL_CELL + first.lead + inner + last.lead + TRAIL


def day_shape(specs: list[TrackerSpec], width: float) -> DayShape:
    """Pack the trackers' rows into lines of `width` mm (after the day cell): each tracker
    goes on the first line with room for it, in the trackers' order."""
    used: list[float] = []
    placed: list[Placed] = []
    for spec in specs:
        parts = spec.rows()
        if not parts:
            continue
        groups = [
            Group(spec, part, tuple(values), n == 0) for n, (part, values) in enumerate(parts)
        ]
        need = _segment_width(groups)
        if need > width:
            raise TooWide(spec.id)
        line = next((n for n, w in enumerate(used) if w + need <= width), len(used))
        if line == len(used):
            used.append(0.0)
        x = LEFT + DAY_CELL + used[line] + LABEL_CELL + groups[0].lead
        for group in groups:
            placed.append(Placed(group, line, x))
            x += group.span + DIGIT_GAP
        used[line] += need
    return DayShape(tuple(placed), len(used))


def _notes_height(texts: int, days: int) -> float:
    if not texts:
        return 0.0
    rows = math.ceil(days / min(NOTE_COLUMNS, days))
    return NOTES_GAP + texts * (NOTE_HEAD + rows * NOTE_ROW)


def _fit(shape: DayShape, texts: int, room: float) -> tuple[int, float]:
    """How many days a page (a week, or fewer if it cannot fit) and the line pitch."""
    for days in range(WEEK, 0, -1):
        for pitch in LINE_PITCHES:
            height = days * shape.lines * pitch + (days - 1) * DAY_GAP
            if height + _notes_height(texts, days) <= room:
                return days, pitch
    return 1, LINE_PITCHES[-1]  # a single day always gets its page, however tight


def grid_pages(specs: list[TrackerSpec], days: list[str], paper: str) -> list[PagePlan]:
    """The pages of a scannable daily diary: a week a page when it fits."""
    frame = page_frame(paper)
    right = frame.width - LEFT
    shape = day_shape(specs, right - LEFT - DAY_CELL)
    texts = [spec for spec in specs if spec.kind == "text"]
    per_page, pitch = _fit(shape, len(texts), frame.height - BOTTOM_ROOM - GRID_TOP)
    plans = []
    for start in range(0, len(days), per_page):
        chunk = days[start : start + per_page]
        rows = _rows(shape, chunk, pitch)
        top = GRID_TOP + len(chunk) * (shape.lines * pitch + DAY_GAP) - DAY_GAP + NOTES_GAP
        boxes = _notes(texts, chunk, top, right)
        plans.append(PagePlan(frame.paper, frame.width, frame.height, frame.corners, frame.qr,
                              tuple(rows), tuple(boxes)))  # fmt: skip
    return plans


def _rows(shape: DayShape, days: list[str], pitch: float) -> list[Row]:
    rows: list[Row] = []
    for index, day in enumerate(days):
        top = GRID_TOP + index * (shape.lines * pitch + DAY_GAP)
        for placed in sorted(shape.placed, key=lambda p: (p.line, p.x)):
            group = placed.group
            y = round(top + (placed.line + 0.5) * pitch, 3)
            key = f"{day}:{group.spec.id}" + (f":{group.part}" if group.part else "")
            circles = tuple(
                Circle(key, value, round(placed.x + group.pitch * n, 3), y, group.radius)
                for n, value in enumerate(group.values)
            )
            rows.append(Row(key, len(rows) + 1, y, circles, group.spec.id, day, group.part))
    return rows


def _notes(texts: list[TrackerSpec], days: list[str], top: float, right: float) -> list[NoteBox]:
    """A box a day for each text tracker, in columns under the days' lines."""
    boxes: list[NoteBox] = []
    if not texts:
        return boxes
    columns = min(NOTE_COLUMNS, len(days))
    cell = (right - LEFT - NOTE_SPACING * (columns - 1)) / columns
    y = top
    for spec in texts:
        y += NOTE_HEAD
        for n, day in enumerate(days):
            x = LEFT + (n % columns) * (cell + NOTE_SPACING) + NOTE_DAY
            box_top = y + (n // columns) * NOTE_ROW
            width = round(cell - NOTE_DAY, 3)
            key = f"{day}:{spec.id}"
            boxes.append(
                NoteBox(key, spec.id, day, round(x, 3), round(box_top, 3), width, NOTE_BOX)
            )
        y += math.ceil(len(days) / columns) * NOTE_ROW
    return boxes


def lead(kind: str) -> float:
    """From a label cell's right edge to its tracker's first circle's centre."""
    return clear(GRID_RADIUS) + (WORD if kind == "yesno" else 0.0)


def label_cells(plan: PagePlan, kinds: dict[str, str]) -> list[tuple[Row, float]]:
    """Each tracker's first row on each day, with the left edge of its label cell."""
    return [
        (row, row.circles[0].x - lead(kinds[row.label]) - LABEL_CELL)
        for row in plan.rows
        if row.part in ("", "tens", "hundreds")
    ]


def day_firsts(plan: PagePlan) -> list[Row]:
    """Each day's first row: the day's name is written left of its line."""
    seen: set[str] = set()
    firsts = []
    for row in plan.rows:
        if row.day and row.day not in seen:
            seen.add(row.day)
            firsts.append(row)
    return firsts
