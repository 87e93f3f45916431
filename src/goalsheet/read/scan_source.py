"""The pages of a scanned file as grey images: a PDF from a scanner (rasterised by poppler's
pdftoppm), PNG, JPEG or TIFF (multi-page too). Bounded: at most MAX_PAGES pages, each
scaled down to a sensible size, and pdftoppm stopped after a time limit."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from goalsheet.findings import Finding, GoalsheetError
from goalsheet.language.messages import _

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
MAX_PAGES = 300
MAX_FILE_BYTES = 500_000_000
DPI = 200
SECONDS_PER_PAGE = 20


def is_image(file: Path) -> bool:
    return file.suffix.lower() in IMAGE_SUFFIXES


def scanned_pages(file: Path, display: str) -> Iterator[tuple[int, Any]]:
    """(page number, grey image) for each page of `file`."""
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


MAX_PIXELS = 200_000_000  # a 200-megapixel photo is read; a larger "image" is refused


def _images(file: Path, display: str) -> Iterator[tuple[int, Any]]:
    os.environ.setdefault("OPENCV_IO_MAX_IMAGE_PIXELS", str(MAX_PIXELS))
    import cv2

    ok, pages = cv2.imreadmulti(str(file), flags=cv2.IMREAD_GRAYSCALE)
    if not ok or not pages:
        single = cv2.imread(str(file), cv2.IMREAD_GRAYSCALE)
        if single is None:
            raise _error(
                display,
                _("the image cannot be read (a damaged or unusual file, or larger than {most} "
                  "megapixels)").format(most=MAX_PIXELS // 1_000_000),
                _("scan again at 150 to 300 dpi, as PNG, JPEG, TIFF or PDF"),
            )  # fmt: skip
        pages = [single]
    if len(pages) > MAX_PAGES:
        raise _too_many(display, len(pages))
    yield from enumerate(pages, start=1)


def _pdf_pages(file: Path, display: str) -> Iterator[tuple[int, Any]]:
    import cv2

    pdftoppm = _poppler("pdftoppm", display)
    pages = _page_count(file, display)
    if pages > MAX_PAGES:
        raise _too_many(display, pages)
    with tempfile.TemporaryDirectory(prefix="goalsheet-scan-") as folder:
        for number in range(1, pages + 1):
            out = Path(folder) / f"p{number}"
            try:
                done = subprocess.run(
                    [pdftoppm, "-r", str(DPI), "-gray", "-png", "-f", str(number), "-l",
                     str(number), "-singlefile", str(file), str(out)],
                    capture_output=True, timeout=SECONDS_PER_PAGE,
                )  # fmt: skip
            except subprocess.TimeoutExpired:
                message = _("page {n} took too long to read").format(n=number)
                raise _error(display, message) from None
            image = out.with_suffix(".png")
            if done.returncode != 0 or not image.is_file():
                if number == 1:
                    raise _error(display, _("this PDF cannot be read (damaged or not a PDF)"))
                return  # the file said it had more pages than it has
            page = cv2.imread(str(image), cv2.IMREAD_GRAYSCALE)
            image.unlink()
            yield number, page


def _page_count(file: Path, display: str) -> int:
    """How many pages the PDF says it has (poppler's pdfinfo), before any is rasterised."""
    pdfinfo = _poppler("pdfinfo", display)
    try:
        done = subprocess.run([pdfinfo, str(file)], capture_output=True, timeout=SECONDS_PER_PAGE)
    except subprocess.TimeoutExpired:
        raise _error(display, _("this PDF cannot be read (damaged or not a PDF)")) from None
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        name, _sep, value = line.partition(":")
        if name.strip() == "Pages" and value.strip().isdigit():
            return int(value.strip())
    raise _error(display, _("this PDF cannot be read (damaged or not a PDF)"))


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


def _too_many(display: str, pages: int) -> GoalsheetError:
    return _error(
        display,
        _("the file has more than {most} pages ({pages})").format(most=MAX_PAGES, pages=pages),
        _("split it into smaller files"),
    )


def _error(display: str, message: str, hint: str = "") -> GoalsheetError:
    return GoalsheetError([Finding(display, 1, 1, "GS405", message, hint)])
