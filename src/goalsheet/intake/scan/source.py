"""The pages of a scanned file as grey images: PNG, JPEG or TIFF (multi-page too) here, a
scanner's PDF in scan_pdf.py.

Bounded before anything is decoded: the page count and each page's size come from the
file's headers (Pillow reads PNG's IHDR, JPEG's SOF and every TIFF IFD without the pixels).
A file of more than MAX_PAGES pages is refused. A page of more than MAX_PIXELS, or whose
decoder would hold more than MAX_DECODE_BYTES (a TIFF stored as one strip, a progressive
JPEG's coefficients), is a RefusedPage, named, and the others are still read. Pages are then
decoded one at a time and scaled down to PAGE_SIDE, so memory holds one page, not the file.

In two steps, so that pages can be drawn in other processes (importing/scan_pool.py):
scan_refs() measures every page (here, before any is decoded), draw_page() decodes one.
The rules that hold whoever draws the pages are here too: after a page poppler could not
draw (Halt) no page is read (halted()), nor after the time limit for a whole PDF
(out_of_time()).
"""

from __future__ import annotations

import math
import os
import time
from pathlib import Path
from typing import Any

from goalsheet.intake.scan.source_page import (
    MAX_PAGES,
    PAGE_SIDE,
    Halt,
    Page,
    PageRef,
    RefusedPage,
    scan_error,
    too_many_pages,
    unreadable_page,
)
from goalsheet.intake.scan.source_pdf import SECONDS_PER_PDF, draw_pdf_page, pdf_refs, too_slow_file
from goalsheet.language import formats
from goalsheet.language.messages import _

__all__ = [
    "PAGE_SIDE",
    "Halt",
    "Page",
    "PageRef",
    "RefusedPage",
    "draw_page",
    "halted",
    "is_image",
    "out_of_time",
    "scan_refs",
]

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
MAX_FILE_BYTES = 500_000_000
MAX_PIXELS = 200_000_000  # a 200-megapixel photo is read; a larger page is refused unread
MAX_DECODE_BYTES = 300_000_000  # and what its decoder holds (a TIFF strip's buffer too)
IMAGE_FORMATS = ("PNG", "JPEG", "TIFF")  # Pillow's names for what a scanner writes


def is_image(file: Path) -> bool:
    return file.suffix.lower() in IMAGE_SUFFIXES


def scan_refs(file: Path, display: str) -> list[PageRef | RefusedPage]:
    """Each page of `file`, measured from its headers: a PageRef to draw, or a RefusedPage
    saying why it will not be. Raises GoalsheetError (GS405) when the file as a whole
    cannot be read (too large, too many pages, not an image or a PDF)."""
    try:
        size = file.stat().st_size
    except OSError as error:
        message = _("cannot read the file: {reason}").format(reason=error.strerror)
        raise scan_error(display, message) from None
    if size > MAX_FILE_BYTES:
        raise scan_error(display, _("the file is too large to be a scan ({size} bytes)").format(
            size=formats.count(size)))  # fmt: skip
    if not is_image(file):
        return pdf_refs(file, display)
    headers, single = _image_headers(file, display)
    refs: list[PageRef | RefusedPage] = []
    for number, header in enumerate(headers, start=1):
        if isinstance(header, RefusedPage):
            refs.append(header)
            continue
        width, height, needs = header
        if width * height > MAX_PIXELS:
            refs.append(RefusedPage(_too_many_pixels(width, height)))
        elif needs > MAX_DECODE_BYTES:
            refs.append(RefusedPage(_too_much_memory(width, height, needs)))
        else:
            refs.append(PageRef(file, number, "image" if single else "tiff"))
    return refs


def draw_page(ref: PageRef) -> Page | Halt:
    """The page in grey, no side longer than PAGE_SIDE; a RefusedPage if it cannot be
    decoded; Halt if poppler could not draw a PDF's page (no later page is read)."""
    if ref.kind == "pdf":
        return draw_pdf_page(ref)
    os.environ.setdefault("OPENCV_IO_MAX_IMAGE_PIXELS", str(MAX_PIXELS))
    page = _decoded(ref.file, ref.number, ref.kind == "image")
    return page if page is not None else RefusedPage(unreadable_page())


def out_of_time(ref: PageRef, started: float) -> Halt | None:
    """Halt if `ref` is a PDF's page and reading the PDF began more than SECONDS_PER_PDF
    seconds before (time.monotonic() at `started`)."""
    if ref.kind == "pdf" and time.monotonic() - started > SECONDS_PER_PDF:
        return Halt(too_slow_file())
    return None


def halted(halt: Halt, number: int, display: str) -> RefusedPage:
    """Page `number`, which poppler could not draw, as the page left out; raises GS405 when
    it is the first and poppler said nothing: the file is not a PDF it can read."""
    if not halt.why and number == 1:
        raise scan_error(display, _("this PDF cannot be read (damaged or not a PDF)"))
    return RefusedPage(halt.why or unreadable_page())


# --- images ------------------------------------------------------------------------------


def _decoded(file: Path, number: int, single: bool) -> Any:
    """Page `number` of `file` in grey, scaled down to PAGE_SIDE (None if it cannot be
    decoded). The full-size page lives only inside this call."""
    # heavy: OpenCV loads only when a scan is read
    import cv2

    try:
        if single:
            page = cv2.imread(str(file), cv2.IMREAD_GRAYSCALE)
        else:
            ok, pages = cv2.imreadmulti(str(file), number - 1, 1, flags=cv2.IMREAD_GRAYSCALE)
            page = pages[0] if ok and pages else None
    except cv2.error:
        return None
    return _shrunk(page) if page is not None else None


Header = tuple[int, int, int]  # a page's width and height, and the bytes decoding it takes


def _image_headers(file: Path, display: str) -> tuple[list[Header | RefusedPage], bool]:
    """Each page's header, and whether the file is of a one-page format. A TIFF's pages are
    counted up to MAX_PAGES + 1 only; a page whose header cannot be read ends the count
    (what follows it cannot be found)."""
    # heavy: Pillow loads only when an image is read
    from PIL import Image, JpegImagePlugin, PngImagePlugin, TiffImagePlugin  # noqa: F401

    try:
        with file.open("rb") as stream:
            image = _header(stream, display)
            if image.format != "TIFF":
                width, height = image.size
                needs = width * height  # decoded row by row into the page
                if image.format in ("JPEG", "MPO"):
                    needs += _jpeg_coefficients(image, stream)
                return [(width, height, needs)], True
            headers: list[Header | RefusedPage] = [_tiff_page(image)]
            while len(headers) <= MAX_PAGES:
                try:
                    image.seek(len(headers))
                    headers.append(_tiff_page(image))
                except EOFError:
                    break
                except (SyntaxError, ValueError, KeyError, TypeError, OSError):
                    headers.append(RefusedPage(unreadable_page()))
                    break
    except OSError as error:
        message = _("cannot read the file: {reason}").format(reason=error.strerror)
        raise scan_error(display, message) from None
    if len(headers) > MAX_PAGES:
        raise too_many_pages(display, f"{len(headers)}+")  # counted no further
    return headers, False


def _jpeg_coefficients(image: Any, stream: Any) -> int:
    """The bytes libjpeg holds for a JPEG that is not one interleaved scan (progressive, or
    its components in separate scans): every block's coefficients, 2 bytes each, for every
    component at its sampling (6 bytes a pixel for full-colour 4:4:4). Else nothing."""
    sampling = [(int(h), int(v)) for _id, h, v, _q in getattr(image, "layer", None) or []]
    sampling = sampling or [(1, 1)]
    if not image.info.get("progressive") and _first_scan_components(stream) >= len(sampling):
        return 0
    most_h = max(h for h, _v in sampling) or 1
    most_v = max(v for _h, v in sampling) or 1
    share = sum(h * v for h, v in sampling) / (most_h * most_v)
    width, height = image.size
    return math.ceil(int(width) * int(height) * 2 * share)


def _first_scan_components(stream: Any) -> int:
    """How many components the JPEG's first scan (SOS) holds: its segments are walked by
    their lengths, no further than 10,000 markers (0 if it cannot be found)."""
    stream.seek(2)  # after SOI
    for _marker in range(10_000):
        head = stream.read(2)
        if len(head) < 2 or head[0] != 0xFF:
            return 0
        if head[1] == 0xFF:  # a fill byte
            stream.seek(-1, 1)
            continue
        if head[1] == 0x01 or 0xD0 <= head[1] <= 0xD7:  # markers without a length
            continue
        length = int.from_bytes(stream.read(2), "big")
        if head[1] == 0xDA:
            count: bytes = stream.read(1)
            return count[0] if count else 0
        stream.seek(length - 2, 1)
    return 0


def _tiff_page(image: Any) -> Header | RefusedPage:
    """A TIFF page's size and what OpenCV's decoder holds for it: the grey page, and the
    buffer it decodes one strip (or tile) into, at 4 bytes a pixel (RGBA, as for 1-bit
    pages) or the samples' own size if larger. A page stored as one strip needs it all."""
    tags = image.tag_v2
    width, height = image.size
    try:
        if 322 in tags and 323 in tags:  # TileWidth, TileLength
            block = int(tags[322]) * int(tags[323])
        else:  # RowsPerStrip: by default the whole page is one strip
            block = width * min(int(tags.get(278, height)), height)
        bits = tags.get(258, 1)
        bits = max(int(b) for b in bits) if isinstance(bits, tuple) else int(bits)
        per_pixel = max(4, int(tags.get(277, 1)) * -(-bits // 8))
    except (TypeError, ValueError):
        return RefusedPage(unreadable_page())
    return width, height, width * height + block * per_pixel


def _header(stream: Any, display: str) -> Any:
    """The image as Pillow opens it: headers read, no pixel decoded. Pillow's registry is
    used rather than Image.open, whose decompression-bomb check would refuse a large page
    before its size could be named."""
    # heavy: Pillow loads only when an image is read
    from PIL import Image

    prefix = stream.read(16)
    for name in IMAGE_FORMATS:
        factory, accept = Image.OPEN[name]
        if accept is None or accept(prefix):
            stream.seek(0)
            try:
                return factory(stream, stream.name)
            except (SyntaxError, ValueError, KeyError, TypeError, IndexError, EOFError):
                break
            except OSError as error:  # Pillow's own "broken data" has no errno: not I/O
                if error.errno is not None:
                    raise
                break
    raise scan_error(
        display,
        _("the image cannot be read (a damaged file, or not a PNG, JPEG or TIFF image)"),
        _("scan again at 150 to 300 dpi, as PNG, JPEG, TIFF or PDF"),
    )


def _shrunk(page: Any) -> Any:
    """The page no larger than the reader reads it, so only one full-size page is ever
    held (the next is decoded after this one is dropped)."""
    # heavy: OpenCV loads only when a scan is read
    import cv2

    side = max(page.shape[:2])
    if side <= PAGE_SIDE:
        return page
    scale = PAGE_SIDE / side
    return cv2.resize(page, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


# --- messages ----------------------------------------------------------------------------


def _too_many_pixels(width: int, height: int) -> str:
    # NOTE: an image's size, e.g. "30,000 x 30,000 pixels (900 megapixels)".
    return _(
        "the page is {width} x {height} pixels ({megapixels} megapixels), more than the "
        "{most} megapixels goalsheet reads; scan it again at 150 to 300 dpi"
    ).format(
        width=formats.count(width),
        height=formats.count(height),
        megapixels=formats.count(width * height / 1_000_000),
        most=MAX_PIXELS // 1_000_000,
    )


def _too_much_memory(width: int, height: int, needs: int) -> str:
    # NOTE: mb: the megabytes decoding the page would take; most: goalsheet's limit in MB.
    return _(
        "the page is {width} x {height} pixels, stored in a way that takes {mb} MB to decode, "
        "more than the {most} MB goalsheet allows; scan it again at 150 to 300 dpi"
    ).format(
        width=formats.count(width),
        height=formats.count(height),
        mb=formats.count(needs // 1_000_000),
        most=MAX_DECODE_BYTES // 1_000_000,
    )
