"""What reading a scan adds to an import's outcome: the rows it could not read for sure (to
review), the pictures of handwritten notes (to keep), and each page as read (to look over).

Plain records, kept apart from the reading (intake/scan/) so that the outcome of any import
can hold them and the scan reader builds on the outcome, not the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass

NOTES_DIR = "scans"  # goalsheets/<ID>/scans/: the pictures of a client's handwritten notes


@dataclass(frozen=True)
class NoteCrop:
    """A note box's picture: handwriting is kept as it was written, beside the client's data,
    never read by a machine."""

    name: str  # the file name it is kept under, e.g. "2026-11-23-note.png"
    label: str  # what the box is for, for people: "Anything to note on 2026-11-23"
    page: str  # the scanned page it is on, for messages
    png: bytes


@dataclass(frozen=True)
class ReviewItem:
    """One unclear row of a scanned page, as the review page shows it and `--accept` names it."""

    file: str  # the scanned file, as given
    page: int
    key: str  # what --accept names: "p1:item5", "p2:2026-12-01:mood"
    label: str  # what the row records, in words
    why: str  # why it is unclear
    choices: tuple[str, ...]  # the values the row can take ("none" = left unanswered)
    crop: bytes  # the row as read (PNG)
    words: tuple[str, ...] = ()  # what each choice means ("Several days"), or "" each
    critical: str = ""  # a critical item's concern ("thoughts of self-harm..."): ask today


@dataclass(frozen=True)
class Outline:
    """A shape to draw, in millimetres on the page: a ring around a circle read as the
    answer, or a box around an unclear row's circles."""

    kind: str  # "read" or "unclear"
    x: float  # a ring's centre, or a box's left
    y: float  # a ring's centre, or a box's top
    w: float  # a ring's radius, or a box's width
    h: float = 0.0  # a box's height


@dataclass(frozen=True)
class PageOverview:
    """A scanned page as read, at a glance: the picture and the shapes to draw on it."""

    file: str  # the scanned file, as given
    page: int
    picture: bytes  # the straightened page, grey, at half its resolution, as a quick PNG
    width: int  # the picture's width in pixels
    scale: float  # the picture's pixels a millimetre
    outlines: tuple[Outline, ...]
    read: int  # rows read as an answer
    unclear: int  # rows to choose
