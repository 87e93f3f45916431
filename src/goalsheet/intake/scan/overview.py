"""What was read on a scanned page, at a glance: the straightened page, downscaled, with a
ring around each circle read as an answer and a box around each unclear row, so a reviewer
can catch a misread without going through the rows one by one.

Reading a page keeps only the small picture and where to draw (cheap); the picture is
coloured, drawn on and made a PNG only when a review page is written.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from goalsheet.intake.scanned import Outline, PageOverview
from goalsheet.paper.scannable.layout import PX_PER_MM

if TYPE_CHECKING:  # reading a page loads OpenCV: an import of a CSV file must not
    from goalsheet.intake.scan.read import PageReading

# The picture is the straightened page at half its resolution (4 px/mm, 840 px across A4):
# marks and printed words stay legible, and halving is OpenCV's fast path (well under 1 ms).
HALF = 0.5
GREYS = 16  # the picture's shades of grey: enough to read, few enough to stay small
READ, UNCLEAR = GREYS, GREYS + 1  # palette places of the two colours
READ_HEX, UNCLEAR_HEX = "#0057b8", "#c2185b"  # a blue ring: read; a magenta box: unclear
PALETTE = [*(v for i in range(GREYS) for v in (i * 255 // (GREYS - 1),) * 3),
           0x00, 0x57, 0xB8, 0xC2, 0x18, 0x5B]  # fmt: skip


def page_overview(file: str, number: int, reading: PageReading) -> PageOverview:
    """The page as read: a small copy of the straightened page and the shapes to draw."""
    # heavy: OpenCV loads only when a scan is read
    import cv2

    picture = cv2.resize(reading.warped, None, fx=HALF, fy=HALF, interpolation=cv2.INTER_AREA)
    outlines: list[Outline] = []
    read = unclear = 0
    for row in reading.rows:
        if row.unclear:
            unclear += 1
            outlines.append(_row_box(row.marks))
        elif row.value is not None:
            read += 1
            for mark in row.marks:
                if mark.circle.value == row.value:
                    circle = mark.circle
                    outlines.append(Outline("read", circle.x, circle.y, circle.r))
    scale = PX_PER_MM * picture.shape[1] / reading.warped.shape[1]
    # Kept compressed (about a tenth of its size, a few ms): a 200-page scan holds every
    # page's picture until the review page is written.
    ok, png = cv2.imencode(".png", picture, [cv2.IMWRITE_PNG_COMPRESSION, 1])
    return PageOverview(file, number, png.tobytes() if ok else b"", picture.shape[1], scale,
                        tuple(outlines), read, unclear)  # fmt: skip


def _row_box(marks: tuple[Any, ...]) -> Outline:
    """A box around the circles of a row, a little outside them."""
    left = min(m.circle.x - m.circle.r for m in marks) - 1.5
    right = max(m.circle.x + m.circle.r for m in marks) + 1.5
    top = min(m.circle.y - m.circle.r for m in marks) - 1.5
    bottom = max(m.circle.y + m.circle.r for m in marks) + 1.5
    return Outline("unclear", left, top, right - left, bottom - top)


def overview_png(overview: PageOverview) -> bytes:
    """The page's picture with its outlines drawn (rings for answers, boxes for unclear
    rows), as a small PNG: 16 greys and the two colours, the paper brought to white."""
    # heavy: OpenCV, NumPy and Pillow load only when a scan is read
    import cv2
    import numpy as np
    from PIL import Image

    picture = cv2.imdecode(np.frombuffer(overview.picture, np.uint8), cv2.IMREAD_GRAYSCALE)
    if picture is None:  # made by cv2.imencode above: cannot happen but for a bug
        raise ValueError("the page's picture cannot be decoded")
    paper = max(float(np.percentile(picture, 90)), 1.0)
    # Each pixel's place among 16 greys, the paper's grey and anything lighter as white.
    index = np.minimum(picture.astype(np.float32) * (GREYS / paper), GREYS - 1).astype(np.uint8)
    scale = overview.scale
    for shape in overview.outlines:
        if shape.kind == "read":
            centre = (round(shape.x * scale), round(shape.y * scale))
            cv2.circle(index, centre, round(shape.w * scale) + 6, READ, 3)
        else:
            corner = (round(shape.x * scale), round(shape.y * scale))
            far = (round((shape.x + shape.w) * scale), round((shape.y + shape.h) * scale))
            cv2.rectangle(index, corner, far, UNCLEAR, 4)
    image = Image.fromarray(index, mode="P")
    image.putpalette(PALETTE)
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=6)  # 4% larger than optimize, 6x faster
    return out.getvalue()
