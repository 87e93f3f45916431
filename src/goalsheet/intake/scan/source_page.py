"""What reading a scanned file gives, page by page, whatever the file's kind (images in
scan_source.py, a scanner's PDF in scan_pdf.py): first each page measured from the file's
headers (a PageRef, or a RefusedPage saying why it will not be decoded), then each PageRef
drawn on its own, in any process (a grey image, a RefusedPage, or Halt after which no page
of the file is read); and the errors for a file that cannot be read at all (GS405)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from goalsheet.findings import Finding, GoalsheetError
from goalsheet.language.messages import _

MAX_PAGES = 300
PAGE_SIDE = 6000  # pixels: a page is read at this size at most (scan/read.py)


@dataclass(frozen=True)
class RefusedPage:
    """A page that was not decoded, and why (for a person): too large, or unreadable."""

    why: str


@dataclass(frozen=True)
class Halt:
    """A page poppler could not draw (too slow, too much memory, damaged): it and the pages
    after it are left, as they are likely the same. `why` is empty for an ordinary failure."""

    why: str


@dataclass(frozen=True)
class PageRef:
    """One page of a scanned file, measured from its headers and not yet decoded."""

    file: Path
    number: int  # from 1
    kind: Literal["image", "tiff", "pdf"]  # a one-page image, a TIFF's page, a PDF's page
    dpi: float = 0.0  # what a PDF's page is drawn at


Page = Any | RefusedPage  # a grey image (numpy array), or why there is none


def unreadable_page() -> str:
    """Why a page that could not be decoded was left out (for a person)."""
    return _(
        "the page cannot be read (a damaged or unusual image); scan it again at 150 to 300 "
        "dpi, as PNG, JPEG, TIFF or PDF"
    )


def too_many_pages(display: str, pages: str) -> GoalsheetError:
    """The file refused for its page count (`pages`: the count, as shown)."""
    return scan_error(
        display,
        _("the file has more than {most} pages ({pages})").format(most=MAX_PAGES, pages=pages),
        _("split it into smaller files"),
    )


def scan_error(display: str, message: str, hint: str = "") -> GoalsheetError:
    """The scanned file as a whole cannot be read (GS405)."""
    return GoalsheetError([Finding(display, 1, 1, "GS405", message, hint)])
