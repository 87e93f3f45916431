"""The worksheet library's thumbnails: a small picture of each blank worksheet's first page,
so a person can see what they would print before they download it.

Each thumbnail is a job of its own (plan), made from the PDF its worksheet's job writes
(make): the runner runs it after that job, and its key is that job's key, so it is made
again exactly when the PDF is. Rendered with PDFium (pypdfium2), in grey, as a PNG of a
few kilobytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from goalsheet.language.messages import _
from goalsheet.paper.plan import SheetJob
from goalsheet.render.pdf import RenderError

WIDTH = 240  # CSS pixels, as the library's cards draw it
SUFFIX = ".png"
OVERSAMPLE = 2  # rendered at twice the size, then scaled down: finer lines than PDFium's own
GREYS = 16  # a palette of 16 greys: worksheets are lines and text, and the file stays small
PAPER_POINTS = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}  # portrait, in points
# How a thumbnail is drawn, for its key: a change here draws every thumbnail again.
LOOK = f"{WIDTH}px {OVERSAMPLE}x {GREYS} greys {SUFFIX} 2"


@dataclass(frozen=True)
class ThumbnailJob:
    """The first page of the blank worksheet `sheet` makes, as a picture beside it
    (site/worksheets/goal-ladder.png)."""

    sheet: SheetJob
    output: str

    private = False

    @property
    def worksheet(self) -> str:
        return self.sheet.worksheet

    @property
    def source(self) -> str:
        """The PDF it is drawn from, relative to the project."""
        return self.sheet.output

    @property
    def label(self) -> str:
        # NOTE: {worksheet} is a worksheet's ID, e.g. "goal-ladder".
        return _("{worksheet} thumbnail").format(worksheet=self.sheet.worksheet)


def thumbnail_name(worksheet: str) -> str:
    """The thumbnail's file name, in the site's worksheets folder beside the PDFs."""
    return worksheet + SUFFIX


def plan(jobs: list[SheetJob]) -> list[ThumbnailJob]:
    """A thumbnail for each blank print version among `jobs` (never a client's sheet)."""
    return [
        ThumbnailJob(job, str(PurePosixPath(job.output).parent / thumbnail_name(job.worksheet)))
        for job in jobs
        if job.client is None and not job.fillable
    ]


def size(paper: str) -> tuple[int, int]:
    """Every thumbnail's width and height in pixels: a portrait sheet of the project's paper
    (a landscape page is drawn within it), so the library can give each picture its size
    before the picture is made."""
    width, height = PAPER_POINTS.get(paper, PAPER_POINTS["a4"])
    return WIDTH, round(WIDTH * height / width)


def make(job: ThumbnailJob, root: Path) -> bytes:
    """The PNG of the first page of the job's PDF, the size `size` gives."""
    # Imported here: only a build that makes thumbnails loads PDFium and Pillow.
    import pypdfium2
    from PIL import Image

    try:
        document = pypdfium2.PdfDocument(root / job.source)
    except pypdfium2.PdfiumError as error:
        # NOTE: {file} is a PDF's path; {error} PDFium's reason, in English.
        message = _("{file} could not be read to draw its thumbnail: {error}")
        raise RenderError(message.format(file=job.source, error=error)) from error
    box = size(job.sheet.paper)
    try:
        page = document[0]
        width, height = page.get_size()
        scale = min(box[0] / width, box[1] / height)
        bitmap = page.render(scale=scale * OVERSAMPLE, grayscale=True)
        drawn = bitmap.to_pil().convert("L")
    finally:
        document.close()
    fitted = (min(box[0], round(width * scale)), min(box[1], round(height * scale)))
    drawn = drawn.resize(fitted, Image.Resampling.LANCZOS)
    picture = Image.new("L", box, 255)  # white paper around a landscape page
    picture.paste(drawn, ((box[0] - fitted[0]) // 2, (box[1] - fitted[1]) // 2))
    # Each grey to the nearest of GREYS even steps, stored as a 4-bit palette: a fixed
    # table, so it is fast (Pillow's quantize and optimize took 0.1-0.5 s a picture on a
    # busy machine) and the same page always gives the same file.
    levels = Image.frombytes("P", box, picture.point(_STEP).tobytes())
    levels.putpalette(_PALETTE)
    out = io.BytesIO()
    levels.save(out, "PNG", bits=4)
    return out.getvalue()


_STEP = [round(value * (GREYS - 1) / 255) for value in range(256)]
_PALETTE = [round(level * 255 / (GREYS - 1)) for level in range(GREYS) for _ in range(3)]
