"""Where everything sits on a scannable page, in millimetres from the page's top left.

One pure function per form draws the plan; the template places each mark exactly there,
and the reader looks exactly there after it has found the four corner marks. The plan
depends only on what the page's QR code says (form, layout version, paper, the measure),
so a page printed months ago is read with the plan it was printed with.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LAYOUT_VERSION = 2  # what pages are printed with now
READABLE_LAYOUTS = (1, 2)  # what can be read: a page printed months ago still is

PAPER_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
MARGIN = 8.0  # from the paper's edge to a corner mark (printers cannot print the edge)
PX_PER_MM = 8.0  # a page is read after straightening it to this resolution
CORNER = 10.0  # the corner marks' side
QR_SIZE = 28.0
CIRCLE_RADIUS = 3.6
ROW_PITCH = 15.0  # between rows of circles
FIRST_ROW = 80.0  # the first row's centre, below the heading, the QR code and the prompt
CIRCLE_PITCH = 16.0  # between the circles of one row
FIRST_ROW_V2 = 76.0  # layout 2: the answer words sit above the first row's band
ROW_PITCH_V2 = 13.5  # layout 2: an item's words are centred on its row
DIFFICULTY_GAP = 18.0  # layout 2: from the last item to the closing question's row
DATE_GAP = 13.0  # layout 2: from the closing question's row to the first date row


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
class NoteBox:
    """A box for words: kept as a picture of what was written, never read."""

    key: str  # "2026-11-23:notes", or for a weekly log "2026-11-23:noticed"
    label: str  # the tracker's ID ("noticed" on a weekly log)
    day: str  # the day's (or the week's Monday's) date
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class PagePlan:
    paper: str
    width: float
    height: float
    corners: tuple[tuple[float, float], ...]  # each corner mark's top-left, clockwise from top left
    qr: tuple[float, float]  # the QR code's top-left
    rows: tuple[Row, ...] = field(default_factory=tuple)
    boxes: tuple[NoteBox, ...] = field(default_factory=tuple)

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


def rating_rows(
    paper: str, items: int, values: range, version: int = LAYOUT_VERSION, difficulty: int = 0
) -> PagePlan:
    """A questionnaire: one row per item, one numbered circle per answer, right-aligned
    so the item's words have the width of the page to the left; then, from layout 2, the
    closing question's row of `difficulty` circles (none when 0), and the date rows.
    Layout 2 starts higher and packs the items closer, to leave room for the answer words
    above the first row, the closing question, the crisis box and the credit line."""
    frame = page_frame(paper)
    first, pitch = (FIRST_ROW_V2, ROW_PITCH_V2) if version >= 2 else (FIRST_ROW, ROW_PITCH)
    rows = []
    for number in range(1, items + 1):
        y = first + pitch * (number - 1)
        rows.append(_answer_row(f"item{number}", number, y, values, frame.width))
    date_top = first + pitch * items + 2.0
    if version >= 2 and difficulty:
        y = first + pitch * (items - 1) + DIFFICULTY_GAP
        rows.append(_answer_row("difficulty", items + 1, y, range(difficulty), frame.width))
        date_top = y + DATE_GAP
    rows += date_rows(date_top, frame.width, len(rows) + 1)
    return PagePlan(frame.paper, frame.width, frame.height, frame.corners, frame.qr, tuple(rows))


def _answer_row(key: str, number: int, y: float, values: range, width: float) -> Row:
    """A row of answer circles, the last one against the right-hand corner marks."""
    last_x = width - MARGIN - CORNER - CIRCLE_RADIUS
    xs = [last_x - CIRCLE_PITCH * (len(values) - 1 - i) for i in range(len(values))]
    return Row(key, number, y, tuple(Circle(key, v, x, y) for v, x in zip(values, xs, strict=True)))


DATE_PARTS = (
    ("day", "tens", 4),
    ("day", "units", 10),
    ("month", "tens", 2),
    ("month", "units", 10),
)
# The date rows' own sizes (the diary's, when they were drawn), so that a change to the
# diaries never moves a questionnaire's circles.
DATE_PITCH = 8.6
DATE_RADIUS = 2.9
DATE_CIRCLE_PITCH = 7.6
DATE_MONTH_GAP = 1.5


def date_rows(top: float, width: float, number: int) -> list[Row]:
    """The day the questionnaire was filled, as circles: the day's tens and units, then
    the month's (the year is the latest one that puts the date on or before the import)."""
    right = width - MARGIN - CORNER - DATE_RADIUS
    rows = []
    for index, (what, part, count) in enumerate(DATE_PARTS):
        y = top + DATE_PITCH * index + (DATE_MONTH_GAP if what == "month" else 0.0)
        key = f"date:{what}:{part}"
        xs = [right - DATE_CIRCLE_PITCH * (count - 1 - i) for i in range(count)]
        circles = tuple(Circle(key, value, x, y, DATE_RADIUS) for value, x in enumerate(xs))
        rows.append(Row(key, number + index, y, circles, what, None, part))
    return rows


# --- diaries and weekly logs: rows grouped by day (or week), a number as rows of digits ----

DIARY_FIRST_ROW = 62.0
DIARY_PITCH = 8.6
DIARY_RADIUS = 2.9
DIARY_CIRCLE_PITCH = 7.6
DIARY_LAST_Y = 270.0  # no row below this (the bottom corner marks and the footer)
DIARY_FOOT = 27.0  # layout 2 on: no row centre this near the page's foot (the crisis box)
NOTE_HEIGHT = 11.0  # a note box's height
NOTE_LEFT = 62.0  # a note box's left edge (the label is written to its left)
GROUP_GAP = 1.5  # between days (or weeks)
DIGITS = {"count": ("tens", "units"), "duration": ("tens", "units")}
WEEK_DIGITS = {"count": ("tens", "units"), "duration": ("hundreds", "tens", "units")}
PLACE = {"hundreds": 100, "tens": 10, "units": 1}


@dataclass(frozen=True)
class TrackerSpec:
    """What a diary row needs to know of a tracker: its ID, kind and scale."""

    id: str
    kind: str  # "rating", "count", "duration", "yesno" or "text" (a note box)
    low: int = 0
    high: int = 0

    def rows(self, weekly: bool = False) -> list[tuple[str, list[int]]]:
        """(part, values) for each row a day (or a week) needs for this tracker: none for
        words, which get a note box. A week's yes/no is how many days of 7 it was a yes."""
        if self.kind == "text":
            return []
        if self.kind == "rating":
            return [("", list(range(self.low, self.high + 1)))]
        if self.kind == "yesno":
            return [("", list(range(8)))] if weekly else [("", [1, 0])]
        return [(part, list(range(10))) for part in (WEEK_DIGITS if weekly else DIGITS)[self.kind]]

    def height(self, weekly: bool = False) -> float:
        return NOTE_HEIGHT if self.kind == "text" else DIARY_PITCH * len(self.rows(weekly))


def diary_pages(
    specs: list[TrackerSpec],
    days: list[str],
    paper: str,
    weekly: bool = False,
    version: int = LAYOUT_VERSION,
) -> list[PagePlan]:
    """The pages of a diary with its rows stacked, one under the other (every diary of
    layout 1, and weekly logs, whose `days` are the weeks' Mondays): every day's rows in
    date order, as many pages as they need (a day's rows are never split over two pages).
    Layout 2's daily diaries are a grid: scan/week_grid.py."""
    frame = page_frame(paper)
    last_y = DIARY_LAST_Y if version < 2 else min(DIARY_LAST_Y, frame.height - DIARY_FOOT)
    right = frame.width - MARGIN - CORNER - DIARY_RADIUS
    day_height = sum(spec.height(weekly) for spec in specs)
    pages: list[tuple[list[Row], list[NoteBox]]] = [([], [])]
    y = DIARY_FIRST_ROW
    for day in days:
        rows, boxes = pages[-1]
        if y + day_height - DIARY_PITCH > last_y and (rows or boxes):
            pages.append(([], []))
            rows, boxes = pages[-1]
            y = DIARY_FIRST_ROW
        y += GROUP_GAP if rows or boxes else 0.0
        for spec in specs:
            key = f"{day}:{spec.id}"
            if spec.kind == "text":
                top = y - DIARY_PITCH / 2 + 0.6
                boxes.append(NoteBox(key, spec.id, day, NOTE_LEFT, top, right + DIARY_RADIUS
                                     - NOTE_LEFT, NOTE_HEIGHT - 1.2))  # fmt: skip
                y += NOTE_HEIGHT
                continue
            for part, values in spec.rows(weekly):
                row_key = key + (f":{part}" if part else "")
                xs = [right - DIARY_CIRCLE_PITCH * (len(values) - 1 - i)
                      for i in range(len(values))]  # fmt: skip
                circles = tuple(
                    Circle(row_key, value, x, y, DIARY_RADIUS)
                    for value, x in zip(values, xs, strict=True)
                )
                rows.append(Row(row_key, len(rows) + 1, y, circles, spec.id, day, part))
                y += DIARY_PITCH
    return [
        PagePlan(
            frame.paper,
            frame.width,
            frame.height,
            frame.corners,
            frame.qr,
            tuple(rows),
            tuple(boxes),
        )
        for rows, boxes in pages
    ]
