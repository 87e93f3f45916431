"""What a scanned import leaves to a person: the review page (the scans' unclear marks,
their pages as read, their handwritten notes) and where it goes in the private folder. The
command writes it and says how many marks and notes are on it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from goalsheet.intake.outcome import Outcome
from goalsheet.intake.scan.review import review_html, review_path
from goalsheet.project import Project


@dataclass(frozen=True)
class ReviewPage:
    """The page to write: where, what, and what is on it to look at."""

    path: Path
    html: bytes
    unclear: int  # marks that could not be read for sure
    notes: int  # handwritten notes to read


def needs_review(outcomes: Sequence[Outcome]) -> bool:
    """Whether any file read left marks to check or notes to read."""
    return any(outcome.review or outcome.crops for outcome in outcomes)


def review_page(
    project: Project, outcomes: Sequence[Outcome], files: Sequence[Path], again: list[str]
) -> ReviewPage:
    """The review page of every file read; `again` is the import to run after the review
    (review_command.import_again). Its folder is made owner-only first."""
    items = [item for outcome in outcomes for item in outcome.review]
    crops = [crop for outcome in outcomes for crop in outcome.crops]
    pages = [page for outcome in outcomes for page in outcome.overviews]
    private = project.root / project.config.output.private
    target = review_path(private, [str(f) for f in files])
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    html = review_html(project.root, items, crops, pages, again).encode()
    return ReviewPage(target, html, len(items), len(crops))
