"""The pages of a scanner's PDF as grey images, rasterised by poppler's pdftoppm a page at a
time, within limits: each page's size is read first (pdfinfo) and a page larger than twice
A3 is refused, named; the rest are drawn at a resolution that keeps them within PAGE_SIDE
pixels, cropped to that whatever the page claims, and poppler runs under caps on its memory
and CPU time and a time limit, for each page (here) and for the file (the caller's loop).

A page is drawn as PGM to poppler's standard output: no PNG to compress and decompress (a
scanner's noisy 300 dpi page took pdftoppm 7 s as PNG, 0.1 s as PGM) and no file."""

from __future__ import annotations

import math
import shutil
import subprocess
from pathlib import Path
from typing import Any

from goalsheet.intake.scan.source_page import (
    MAX_PAGES,
    PAGE_SIDE,
    Halt,
    PageRef,
    RefusedPage,
    scan_error,
    too_many_pages,
    unreadable_page,
)
from goalsheet.language import formats
from goalsheet.language.messages import _
from goalsheet.orphans import die_with_parent_after_exec

DPI = 200  # the reader straightens a page to 8 pixels a mm (203 dpi): more is not used
# The largest PDF page rasterised: twice A3 (A2, 42 x 59.4 cm), in square points.
MAX_PAGE_AREA_PT = 2 * (297 / 25.4 * 72) * (420 / 25.4 * 72)
SECONDS_PER_PAGE = 20  # wall clock and CPU, for each poppler run
SECONDS_PER_PDF = 600  # reading a whole PDF; a scanner's page takes a fraction of a second
POPPLER_MEMORY_BYTES = 512_000_000  # poppler streams a scan's images: ~25 MB is typical


def pdf_refs(file: Path, display: str) -> list[PageRef | RefusedPage]:
    """Each page of the PDF `file`, measured by pdfinfo: a PageRef to draw, or a
    RefusedPage for a page too large to. Raises GoalsheetError (GS405) for a file that
    is not a PDF poppler can read, or has too many pages."""
    _poppler("pdftoppm", display)  # said now, before any page: not once a page
    refs: list[PageRef | RefusedPage] = []
    for number, size in enumerate(_page_sizes(file, display), start=1):
        dpi = _dpi(size)
        refs.append(dpi if isinstance(dpi, RefusedPage) else PageRef(file, number, "pdf", dpi))
    return refs


def draw_pdf_page(ref: PageRef) -> Any | RefusedPage | Halt:
    """The page drawn in grey by pdftoppm within its limits; a RefusedPage if what it drew
    cannot be decoded; Halt if it could not draw it (why: empty for an ordinary failure,
    such as a damaged file)."""
    # heavy: OpenCV and NumPy load only when a scan is read
    import cv2
    import numpy as np

    pdftoppm = shutil.which("pdftoppm") or "pdftoppm"
    # The crop box is what a viewer shows and what pdfinfo measured; -W/-H cut the
    # output, so whatever the page claims, no more than PAGE_SIDE pixels a side.
    command = [pdftoppm, "-cropbox", "-r", f"{ref.dpi:.2f}", "-x", "0", "-y", "0",
               "-W", str(PAGE_SIDE), "-H", str(PAGE_SIDE), "-gray",
               "-f", str(ref.number), "-l", str(ref.number), "-singlefile",
               str(ref.file)]  # fmt: skip
    done = _run_poppler(command)
    if isinstance(done, Halt):
        return done
    if not done:  # it ended well but drew nothing: an ordinary failure
        return Halt("")
    page = cv2.imdecode(np.frombuffer(done, np.uint8), cv2.IMREAD_GRAYSCALE)
    return page if page is not None else RefusedPage(unreadable_page())


def too_slow_file() -> str:
    """Why the pages of a PDF after the time limit for the whole file were not read."""
    # NOTE: a scanned PDF whose pages, read one by one, took longer than this in all.
    return _(
        "reading stopped here: the PDF's pages took more than {minutes} minutes to read; "
        "split it into smaller files"
    ).format(minutes=SECONDS_PER_PDF // 60)


def _page_sizes(file: Path, display: str) -> list[tuple[float, float] | None]:
    """Each page's (width, height) in points, as poppler's pdfinfo reads them before any
    page is drawn (None for a page whose size it did not print)."""
    pdfinfo = _poppler("pdfinfo", display)
    command = [pdfinfo, "-f", "1", "-l", str(MAX_PAGES + 1), str(file)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=SECONDS_PER_PAGE,
                              preexec_fn=_limits, check=False)  # fmt: skip
    except subprocess.TimeoutExpired:
        raise scan_error(display, _("this PDF cannot be read (damaged or not a PDF)")) from None
    except (OSError, subprocess.SubprocessError) as error:  # the system could not start it
        raise scan_error(display, _cannot_start("pdfinfo", error)) from None
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
        raise scan_error(display, _("this PDF cannot be read (damaged or not a PDF)"))
    if pages > MAX_PAGES:
        raise too_many_pages(display, str(pages))
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
                width=formats.count(inches[0], 1), height=formats.count(inches[1], 1),
                width_cm=formats.count(inches[0] * 2.54), height_cm=formats.count(inches[1] * 2.54))
        )  # fmt: skip
    longer = max(width, height, 1.0)
    return min(float(DPI), math.floor(PAGE_SIDE * 72 / longer * 100) / 100)


def _run_poppler(command: list[str]) -> bytes | Halt:
    """Run one poppler program within its limits: what it wrote, or Halt saying why not."""
    try:
        done = subprocess.run(command, capture_output=True, timeout=SECONDS_PER_PAGE,
                              preexec_fn=_limits, check=False)  # fmt: skip
    except subprocess.TimeoutExpired:
        return Halt(_too_slow())
    except (OSError, subprocess.SubprocessError) as error:  # the system could not start it
        return Halt(_cannot_start(Path(command[0]).name, error))
    if done.returncode == 0:
        return done.stdout
    if done.returncode in (-9, -24):  # SIGKILL, SIGXCPU: the CPU limit
        return Halt(_too_slow())
    if done.returncode < 0 or b"memory" in done.stderr.lower() or b"alloc" in done.stderr:
        # NOTE: mb: the memory limit poppler's pdftoppm runs under, in megabytes.
        return Halt(_(
            "the page needs more than {mb} MB of memory to read (the PDF may be damaged or "
            "built to overload); the pages after it were not read"
        ).format(mb=POPPLER_MEMORY_BYTES // 1_000_000))  # fmt: skip
    return Halt("")  # an ordinary failure: the caller says what


def _cannot_start(tool: str, error: Exception) -> str:
    # NOTE: tool: poppler's program (pdfinfo, pdftoppm); reason: the system's words.
    return _(
        "poppler's {tool} could not be started ({reason}); try again, and if it keeps "
        "failing, check the machine's free memory"
    ).format(tool=tool, reason=getattr(error, "strerror", None) or error)


def _limits() -> None:
    """Run in the poppler child before it starts: caps on its memory and CPU time."""
    # Unix only (Windows has no resource module): run in the poppler child alone
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (POPPLER_MEMORY_BYTES, POPPLER_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (SECONDS_PER_PAGE, SECONDS_PER_PAGE + 1))
    die_with_parent_after_exec()  # and it ends with goalsheet, however goalsheet ends


def _poppler(tool: str, display: str) -> str:
    """The path of one of poppler's programs, or a message saying how to install it."""
    found = shutil.which(tool)
    if found is None:
        raise scan_error(
            display,
            _("reading a scanned PDF needs poppler's {tool}, which is not installed").format(
                tool=tool
            ),
            _("install it (Debian, Ubuntu: sudo apt-get install poppler-utils), or scan to PNG"),
        )
    return found


def _too_slow() -> str:
    return _(
        "the page took more than {seconds} seconds to read (the PDF may be damaged or built "
        "to overload); the pages after it were not read"
    ).format(seconds=SECONDS_PER_PAGE)
