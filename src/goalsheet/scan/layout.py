"""Where everything sits on a scannable page, in millimetres from the page's top left.

One pure function per form draws the plan; the template places each mark exactly there,
and the reader looks exactly there after it has found the four corner marks. The plan
depends only on what the page's QR code says (form, layout version, paper, the measure),
so a page printed months ago is read with the plan it was printed with.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LAYOUT_VERSION = 1

PAPER_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
MARGIN = 8.0  # from the paper's edge to a corner mark (printers cannot print the edge)
CORNER = 10.0  # the corner marks' side
QR_SIZE = 28.0
CIRCLE_RADIUS = 3.6
ROW_PITCH = 15.0  # between rows of circles
FIRST_ROW = 80.0  # the first row's centre, below the heading, the QR code and the prompt
CIRCLE_PITCH = 16.0  # between the circles of one row


@dataclass(frozen=True)
class Circle:
    """One answer circle: where its centre is, and what filling it means."""

    key: str  # the row it belongs to, e.g. "item3"
    value: int
    x: float
    y: float
    r: float = CIRCLE_RADIUS


@dataclass(frozen=True)
class Row:
    key: str  # "item3", or for a diary "2026-11-23:mood" (":tens", ":units" for digits)
    number: int  # 3: the row's place on the page, from 1
    y: float  # the centre line of the row's circles
    circles: tuple[Circle, ...]
    label: str = ""  # what the row records, for a diary: the tracker's ID
    day: str | None = None  # a diary row's date (YYYY-MM-DD)
    part: str = ""  # "" for a whole answer, "tens" or "units" for a digit of a number


@dataclass(frozen=True)
class PagePlan:
    paper: str
    width: float
    height: float
    corners: tuple[tuple[float, float], ...]  # each corner mark's top-left, clockwise from top left
    qr: tuple[float, float]  # the QR code's top-left
    rows: tuple[Row, ...] = field(default_factory=tuple)

    @property
    def corner_centres(self) -> tuple[tuple[float, float], ...]:
        half = CORNER / 2
        return tuple((x + half, y + half) for x, y in self.corners)


def page_frame(paper: str) -> PagePlan:
    """The parts every scannable page has: its size, four corner marks and the QR code."""
    width, height = PAPER_MM[paper]
    left, top = MARGIN, MARGIN
    right, bottom = width - MARGIN - CORNER, height - MARGIN - CORNER
    corners = ((left, top), (right, top), (right, bottom), (left, bottom))
    qr = (right - 3.0 - QR_SIZE, top)
    return PagePlan(paper, width, height, corners, qr)


def rating_rows(paper: str, items: int, values: range) -> PagePlan:
    """A questionnaire: one row per item, one numbered circle per answer, right-aligned
    so the item's words have the width of the page to the left."""
    frame = page_frame(paper)
    last_x = frame.width - MARGIN - CORNER - CIRCLE_RADIUS
    xs = [last_x - CIRCLE_PITCH * (len(values) - 1 - i) for i in range(len(values))]
    rows = []
    for number in range(1, items + 1):
        y = FIRST_ROW + ROW_PITCH * (number - 1)
        key = f"item{number}"
        circles = tuple(Circle(key, value, x, y) for value, x in zip(values, xs, strict=True))
        rows.append(Row(key, number, y, circles))
    return PagePlan(frame.paper, frame.width, frame.height, frame.corners, frame.qr, tuple(rows))


# --- diaries: one row per day and tracker, a number as two rows of digits ----------------

DIARY_FIRST_ROW = 62.0
DIARY_PITCH = 8.6
DIARY_RADIUS = 2.9
DIARY_CIRCLE_PITCH = 7.6
DIARY_LAST_Y = 270.0  # no row below this (the bottom corner marks and the footer)


@dataclass(frozen=True)
class TrackerSpec:
    """What a diary row needs to know of a tracker: its ID, kind and scale."""

    id: str
    kind: str  # "rating", "count", "duration" or "yesno"
    low: int = 0
    high: int = 0

    def rows(self) -> list[tuple[str, list[int]]]:
        """(part, values) for each row a day needs for this tracker."""
        if self.kind == "rating":
            return [("", list(range(self.low, self.high + 1)))]
        if self.kind == "yesno":
            return [("", [1, 0])]  # yes, no
        return [("tens", list(range(10))), ("units", list(range(10)))]


def diary_pages(specs: list[TrackerSpec], days: list[str], paper: str) -> list[PagePlan]:
    """The pages of a scannable diary: every day's rows in date order, as many pages as
    they need (a day's rows are never split over two pages)."""
    frame = page_frame(paper)
    right = frame.width - MARGIN - CORNER - DIARY_RADIUS
    per_day = [(day, spec, part, values) for day in days for spec in specs
               for part, values in spec.rows()]  # fmt: skip
    pages: list[list[Row]] = [[]]
    y = DIARY_FIRST_ROW
    current_day = None
    for day, spec, part, values in per_day:
        day_rows = sum(len(s.rows()) for s in specs)
        if day != current_day:
            current_day = day
            if y + DIARY_PITCH * (day_rows - 1) > DIARY_LAST_Y and pages[-1]:
                pages.append([])
                y = DIARY_FIRST_ROW
            y += 1.5 if pages[-1] else 0.0  # a little space between days
        key = f"{day}:{spec.id}" + (f":{part}" if part else "")
        xs = [right - DIARY_CIRCLE_PITCH * (len(values) - 1 - i) for i in range(len(values))]
        circles = tuple(
            Circle(key, value, x, y, DIARY_RADIUS) for value, x in zip(values, xs, strict=True)
        )
        pages[-1].append(Row(key, len(pages[-1]) + 1, y, circles, spec.id, day, part))
        y += DIARY_PITCH
    return [
        PagePlan(frame.paper, frame.width, frame.height, frame.corners, frame.qr, tuple(rows))
        for rows in pages
    ]
