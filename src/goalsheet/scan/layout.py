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
    key: str  # "item3"
    number: int  # 3
    y: float  # the centre line of the row's circles
    circles: tuple[Circle, ...]


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
