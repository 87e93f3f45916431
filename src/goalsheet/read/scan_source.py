"""The pages of a scanned file as grey images: a PDF from a scanner (rasterised by poppler's
pdftoppm), PNG, JPEG or TIFF (multi-page too).

Bounded before anything is decoded: the page count and each page's size come from the
file's headers (Pillow reads PNG's IHDR, JPEG's SOF and every TIFF IFD without the pixels;
poppler's pdfinfo gives a PDF's page sizes). A file of more than MAX_PAGES pages is refused;
a page too large is a RefusedPage, named, and the others are still read. Pages are then
decoded one at a time and scaled down to PAGE_SIDE, so memory holds one page, not the file.
poppler runs with caps on its memory, CPU time and output size.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from goalsheet.findings import Finding, GoalsheetError
from goalsheet.language.messages import _

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
MAX_PAGES = 300
MAX_FILE_BYTES = 500_000_000
MAX_PIXELS = 200_000_000  # a 200-megapixel photo is read; a larger page is refused unread
MAX_DECODE_BYTES = 300_000_000  # and what its decoder holds (a TIFF strip's buffer too)
PAGE_SIDE = 6000  # pixels: a page is read at this size at most (scan/read.py)
DPI = 200
# The largest PDF page rasterised: twice A3 (A2, 42 x 59.4 cm), in square points.
MAX_PAGE_AREA_PT = 2 * (297 / 25.4 * 72) * (420 / 25.4 * 72)
SECONDS_PER_PAGE = 20  # wall clock and CPU, for each poppler run
POPPLER_MEMORY_BYTES = 512_000_000  # poppler streams a scan's images: ~25 MB is typical
IMAGE_FORMATS = ("PNG", "JPEG", "TIFF")  # Pillow's names for what a scanner writes


@dataclass(frozen=True)
class RefusedPage:
    """A page that was not decoded, and why (for a person): too large, or unreadable."""

    why: str


Page = Any | RefusedPage  # a grey image (numpy array), or why there is none


def is_image(file: Path) -> bool:
    return file.suffix.lower() in IMAGE_SUFFIXES


def scanned_pages(file: Path, display: str) -> Iterator[tuple[int, Page]]:
    """(page number, grey image or RefusedPage) for each page of `file`. Raises
    GoalsheetError (GS405) when the file as a whole cannot be read."""
    try:
        size = file.stat().st_size
    except OSError as error:
        message = _("cannot read the file: {reason}").format(reason=error.strerror)
        raise _error(display, message) from None
    if size > MAX_FILE_BYTES:
        raise _error(display, _("the file is too large to be a scan ({size} bytes)").format(
            size=f"{size:,}"))  # fmt: skip
    if is_image(file):
        yield from _images(file, display)
    else:
        yield from _pdf_pages(file, display)


# --- images ------------------------------------------------------------------------------


def _images(file: Path, display: str) -> Iterator[tuple[int, Page]]:
    os.environ.setdefault("OPENCV_IO_MAX_IMAGE_PIXELS", str(MAX_PIXELS))
    headers, single = _image_headers(file, display)
    for number, header in enumerate(headers, start=1):
        if isinstance(header, RefusedPage):
            yield number, header
            continue
        width, height, needs = header
        if width * height > MAX_PIXELS:
            yield number, RefusedPage(_too_many_pixels(width, height))
            continue
        if needs > MAX_DECODE_BYTES:
            yield number, RefusedPage(_too_much_memory(width, height, needs))
            continue
        page = _decoded(file, number, single)
        yield number, page if page is not None else RefusedPage(_unreadable_page())
        del page  # before the next page is decoded


def _decoded(file: Path, number: int, single: bool) -> Any:
    """Page `number` of `file` in grey, scaled down to PAGE_SIDE (None if it cannot be
    decoded). The full-size page lives only inside this call."""
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
    from PIL import Image, JpegImagePlugin, PngImagePlugin, TiffImagePlugin  # noqa: F401

    try:
        with file.open("rb") as stream:
            image = _header(stream, display)
            if image.format != "TIFF":
                width, height = image.size
                return [(width, height, width * height)], True  # decoded row by row
            headers: list[Header | RefusedPage] = [_tiff_page(image)]
            while len(headers) <= MAX_PAGES:
                try:
                    image.seek(len(headers))
                    headers.append(_tiff_page(image))
                except EOFError:
                    break
                except (SyntaxError, ValueError, KeyError, TypeError, OSError):
                    headers.append(RefusedPage(_unreadable_page()))
                    break
    except OSError as error:
        message = _("cannot read the file: {reason}").format(reason=error.strerror)
        raise _error(display, message) from None
    if len(headers) > MAX_PAGES:
        raise _too_many(display, f"{len(headers)}+")  # counted no further
    return headers, False


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
        return RefusedPage(_unreadable_page())
    return width, height, width * height + block * per_pixel


def _header(stream: Any, display: str) -> Any:
    """The image as Pillow opens it: headers read, no pixel decoded. Pillow's registry is
    used rather than Image.open, whose decompression-bomb check would refuse a large page
    before its size could be named."""
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
    raise _error(
        display,
        _("the image cannot be read (a damaged file, or not a PNG, JPEG or TIFF image)"),
        _("scan again at 150 to 300 dpi, as PNG, JPEG, TIFF or PDF"),
    )


def _shrunk(page: Any) -> Any:
    """The page no larger than the reader reads it, so only one full-size page is ever
    held (the next is decoded after this one is dropped)."""
    import cv2

    side = max(page.shape[:2])
    if side <= PAGE_SIDE:
        return page
    scale = PAGE_SIDE / side
    return cv2.resize(page, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


# --- PDFs --------------------------------------------------------------------------------


def _pdf_pages(file: Path, display: str) -> Iterator[tuple[int, Page]]:
    import cv2

    pdftoppm = _poppler("pdftoppm", display)
    sizes = _page_sizes(file, display)
    with tempfile.TemporaryDirectory(prefix="goalsheet-scan-") as folder:
        for number, size in enumerate(sizes, start=1):
            dpi = _dpi(size)
            if isinstance(dpi, RefusedPage):
                yield number, dpi
                continue
            out = Path(folder) / f"p{number}"
            # The crop box is what a viewer shows and what pdfinfo measured; -W/-H cut the
            # output, so whatever the page claims, no more than PAGE_SIDE pixels a side.
            command = [pdftoppm, "-cropbox", "-r", f"{dpi:.2f}", "-x", "0", "-y", "0",
                       "-W", str(PAGE_SIDE), "-H", str(PAGE_SIDE), "-gray", "-png",
                       "-f", str(number), "-l", str(number), "-singlefile",
                       str(file), str(out)]  # fmt: skip
            problem = _run_poppler(command)
            image = out.with_suffix(".png")
            if problem is None and image.is_file():
                page = cv2.imread(str(image), cv2.IMREAD_GRAYSCALE)
                image.unlink()
                yield number, page if page is not None else RefusedPage(_unreadable_page())
                continue
            if not problem and number == 1:
                raise _error(display, _("this PDF cannot be read (damaged or not a PDF)"))
            # Too slow, too large or damaged: the pages after it are likely the same.
            yield number, RefusedPage(problem or _unreadable_page())
            return


def _page_sizes(file: Path, display: str) -> list[tuple[float, float] | None]:
    """Each page's (width, height) in points, as poppler's pdfinfo reads them before any
    page is drawn (None for a page whose size it did not print)."""
    pdfinfo = _poppler("pdfinfo", display)
    command = [pdfinfo, "-f", "1", "-l", str(MAX_PAGES + 1), str(file)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=SECONDS_PER_PAGE,
                              preexec_fn=_limits, check=False)  # fmt: skip
    except subprocess.TimeoutExpired:
        raise _error(display, _("this PDF cannot be read (damaged or not a PDF)")) from None
    pages = None
    sizes: dict[int, tuple[float, float]] = {}
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        name, _sep, value = line.partition(":")
        words = name.split()
        if words == ["Pages"] and value.strip().isdigit():
            pages = int(value.strip())
        elif len(words) == 3 and words[0] == "Page" and words[2] == "size":
            size = value.split()  # "612 x 792 pts (letter)"
            try:
                sizes[int(words[1])] = (float(size[0]), float(size[2]))
            except (ValueError, IndexError):
                continue
    if pages is None or pages < 1:
        raise _error(display, _("this PDF cannot be read (damaged or not a PDF)"))
    if pages > MAX_PAGES:
        raise _too_many(display, str(pages))
    return [sizes.get(number) for number in range(1, pages + 1)]


def _dpi(size: tuple[float, float] | None) -> float | RefusedPage:
    """The resolution to draw a page at: DPI, less for a page whose longer side would pass
    PAGE_SIDE; a page larger than twice A3 is refused, its size named."""
    if size is None:
        return DPI  # the crop to PAGE_SIDE still bounds it
    width, height = size
    if width * height > MAX_PAGE_AREA_PT:
        inches = (width / 72, height / 72)
        return RefusedPage(
            # NOTE: a scanned PDF's page size, e.g. "200 x 200 inches (508 x 508 cm)".
            _("the page is {width} x {height} inches ({width_cm} x {height_cm} cm), larger "
              "than any paper goalsheet prints on (twice A3 at most); scan the paper again at "
              "150 to 300 dpi").format(
                width=f"{inches[0]:,.1f}", height=f"{inches[1]:,.1f}",
                width_cm=f"{inches[0] * 2.54:,.0f}", height_cm=f"{inches[1] * 2.54:,.0f}")
        )  # fmt: skip
    longer = max(width, height, 1.0)
    return min(float(DPI), math.floor(PAGE_SIDE * 72 / longer * 100) / 100)


def _run_poppler(command: list[str]) -> str | None:
    """Run one poppler program within its limits: None when it ended well, else why not."""
    try:
        done = subprocess.run(command, capture_output=True, timeout=SECONDS_PER_PAGE,
                              preexec_fn=_limits, check=False)  # fmt: skip
    except subprocess.TimeoutExpired:
        return _too_slow()
    if done.returncode == 0:
        return None
    if done.returncode in (-9, -24):  # SIGKILL, SIGXCPU: the CPU limit
        return _too_slow()
    if done.returncode < 0 or b"memory" in done.stderr.lower() or b"alloc" in done.stderr:
        return _(
            "the page needs more than {mb} MB of memory to read (the PDF may be damaged or "
            "built to overload); the pages after it were not read"
        ).format(mb=POPPLER_MEMORY_BYTES // 1_000_000)
    return ""  # an ordinary failure: the caller says what


def _limits() -> None:
    """Run in the poppler child before it starts: caps on its memory and CPU time."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (POPPLER_MEMORY_BYTES, POPPLER_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (SECONDS_PER_PAGE, SECONDS_PER_PAGE + 1))


def _poppler(tool: str, display: str) -> str:
    """The path of one of poppler's programs, or a message saying how to install it."""
    found = shutil.which(tool)
    if found is None:
        raise _error(
            display,
            _("reading a scanned PDF needs poppler's {tool}, which is not installed").format(
                tool=tool
            ),
            _("install it (Debian, Ubuntu: sudo apt-get install poppler-utils), or scan to PNG"),
        )
    return found


# --- messages ----------------------------------------------------------------------------


def _too_many_pixels(width: int, height: int) -> str:
    # NOTE: an image's size, e.g. "30,000 x 30,000 pixels (900 megapixels)".
    return _(
        "the page is {width} x {height} pixels ({megapixels} megapixels), more than the "
        "{most} megapixels goalsheet reads; scan it again at 150 to 300 dpi"
    ).format(
        width=f"{width:,}",
        height=f"{height:,}",
        megapixels=f"{width * height / 1_000_000:,.0f}",
        most=MAX_PIXELS // 1_000_000,
    )


def _too_much_memory(width: int, height: int, needs: int) -> str:
    return _(
        "the page is {width} x {height} pixels stored in one piece, which takes {mb} MB to "
        "decode, more than the {most} MB goalsheet allows; scan it again at 150 to 300 dpi"
    ).format(
        width=f"{width:,}",
        height=f"{height:,}",
        mb=f"{needs // 1_000_000:,}",
        most=MAX_DECODE_BYTES // 1_000_000,
    )


def _unreadable_page() -> str:
    return _(
        "the page cannot be read (a damaged or unusual image); scan it again at 150 to 300 "
        "dpi, as PNG, JPEG, TIFF or PDF"
    )


def _too_slow() -> str:
    return _(
        "the page took more than {seconds} seconds to read (the PDF may be damaged or built "
        "to overload); the pages after it were not read"
    ).format(seconds=SECONDS_PER_PAGE)


def _too_many(display: str, pages: str) -> GoalsheetError:
    return _error(
        display,
        _("the file has more than {most} pages ({pages})").format(most=MAX_PAGES, pages=pages),
        _("split it into smaller files"),
    )


def _error(display: str, message: str, hint: str = "") -> GoalsheetError:
    return GoalsheetError([Finding(display, 1, 1, "GS405", message, hint)])
