"""Reading one scanned or photographed page: locate it (scan/locate.py: QR code, corner
marks, the map from plan to image), straighten it, find its ink (scan/ink.py) and judge
each row's band (scan/band.py, scan/marks.py).

A row is an answer only when exactly one of its circles is marked (filled, ringed, ticked,
crossed or struck through) and no other ink in its band is left unexplained; it is blank
only when its band has no ink but the printed form. Two marks, a faint mark, a correction,
ink between circles: unclear, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from goalsheet.intake.scan.locate import Unreadable, find_qr, grey, page_transform
from goalsheet.intake.scan.mark import Mark as Mark
from goalsheet.language.messages import _
from goalsheet.paper.scannable.layout import CORNER, PX_PER_MM, NoteBox, PagePlan, Row
from goalsheet.paper.scannable.payload import Payload

if TYPE_CHECKING:
    import numpy as np

    from goalsheet.intake.scan.ink import Ink

WRITTEN = 0.004  # share of a note box's inside that is ink: at least this is writing
BOX_INSET = 1.3  # mm kept clear of a note box's printed border


@dataclass(frozen=True)
class RowReading:
    key: str
    number: int
    marks: tuple[Mark, ...]
    value: int | None  # the answer, when exactly one circle is marked and nothing else
    unclear: str | None  # why the row cannot be read, for the review page
    box: tuple[int, int, int, int]  # the row on the warped page (x, y, w, h), for its crop
    label: str = ""  # a diary row's tracker
    day: str | None = None  # a diary row's date
    part: str = ""  # "tens" or "units" for a digit of a number


@dataclass(frozen=True)
class NoteReading:
    """A note box with something written in it: a picture of the words, never read."""

    box: NoteBox
    png: bytes
    ink: float  # share of the box that is ink


@dataclass
class PageReading:
    payload: Payload
    plan: PagePlan
    rows: list[RowReading] = field(default_factory=list)
    notes: list[NoteReading] = field(default_factory=list)
    warped: Any = None  # the page as read (grey, PX_PER_MM), for crops on the review page


def read_page(image: Any, plan_for: Any) -> PageReading:
    """Read one page. `plan_for(payload)` gives the plan the page was printed with."""
    # heavy: OpenCV and NumPy load only when a scan is read
    import cv2
    import numpy as np

    page = grey(image)
    # OpenCV's statistics: numpy's std() would hold a float64 copy of the page (8 bytes a
    # pixel: 290 MB for a 6000-pixel square).
    if float(cv2.meanStdDev(page)[1][0][0]) < 8:
        raise Unreadable(_("the page is blank, or too dark or too faint to read"))
    payload, qr_points = find_qr(page)
    plan: PagePlan = plan_for(payload)
    to_image = page_transform(page, plan, qr_points)
    size = (round(plan.width * PX_PER_MM), round(plan.height * PX_PER_MM))
    scale = np.array([[PX_PER_MM, 0, 0], [0, PX_PER_MM, 0], [0, 0, 1]], dtype=np.float64)
    warped = cv2.warpPerspective(
        page, scale @ np.linalg.inv(to_image), size, flags=cv2.INTER_AREA,
        borderValue=255,
    )  # fmt: skip
    paper = _paper_level(warped, plan)
    reading = PageReading(payload, plan, warped=warped)
    from goalsheet.intake.scan.ink import ink_masks  # with OpenCV, loaded only to read a page

    ink = ink_masks(warped, paper)
    reading.rows = [_row(row, plan, ink) for row in plan.rows]
    reading.notes = [note for box in plan.boxes if (note := _note(warped, box, paper))]
    return reading


def _note(warped: np.ndarray, box: NoteBox, levels: tuple[float, float]) -> NoteReading | None:
    """The box as a picture if something is written in it (else None)."""
    # heavy: OpenCV and NumPy load only when a scan is read
    import cv2
    import numpy as np

    ink, paper = levels
    x0, y0 = round((box.x + BOX_INSET) * PX_PER_MM), round((box.y + BOX_INSET) * PX_PER_MM)
    x1 = round((box.x + box.w - BOX_INSET) * PX_PER_MM)
    y1 = round((box.y + box.h - BOX_INSET) * PX_PER_MM)
    inside = warped[y0:y1, x0:x1]
    if not inside.size:
        return None
    local_paper = float(np.percentile(inside, 90))
    local_ink = ink * local_paper / paper if paper > 0 else ink
    share = float((inside < (local_ink + local_paper) / 2).mean())
    if share < WRITTEN:
        return None
    margin = round(BOX_INSET * PX_PER_MM)
    crop = warped[max(0, y0 - margin) : y1 + margin, max(0, x0 - margin) : x1 + margin]
    ok, png = cv2.imencode(".png", crop)
    return NoteReading(box, png.tobytes(), share) if ok else None


def _paper_level(warped: np.ndarray, plan: PagePlan) -> tuple[float, float]:
    """How white the paper and how black the ink are on this page (a grey or yellowish
    background, a shadow): from the corner marks (ink) and the margin beside them (paper)."""
    # heavy: NumPy loads only when a scan is read
    import numpy as np

    inks, papers = [], []
    for x, y in plan.corners:
        x0, y0 = round(x * PX_PER_MM), round(y * PX_PER_MM)
        s = round(CORNER * PX_PER_MM)
        inks.append(np.median(warped[y0 + s // 4 : y0 + 3 * s // 4, x0 + s // 4 : x0 + 3 * s // 4]))
        gap = round(2 * PX_PER_MM)
        beside = warped[y0 : y0 + s, x0 + s + gap : x0 + s + 2 * gap]
        papers.append(np.median(beside))
    return float(np.median(inks)), float(np.median(papers))


def _row(row: Row, plan: PagePlan, ink: Ink) -> RowReading:
    # heavy: these load OpenCV, only when a page is read
    from goalsheet.intake.scan.band import row_band
    from goalsheet.intake.scan.marks import judge_row

    verdict = judge_row(row.circles, row_band(plan, row), ink)
    first, last = row.circles[0], row.circles[-1]
    x = round((first.x - first.r - 4) * PX_PER_MM)
    y = round((first.y - first.r - 3) * PX_PER_MM)
    w = round((last.x - first.x + 2 * first.r + 8) * PX_PER_MM)
    h = round((2 * first.r + 6) * PX_PER_MM)
    return RowReading(row.key, row.number, verdict.marks, verdict.value, verdict.unclear,
                      (x, y, w, h), row.label, row.day, row.part)  # fmt: skip
