"""What importing one file came to: where it is going, what it adds, what it leaves out."""

from __future__ import annotations

from dataclasses import dataclass, field

from goalsheet.findings import Finding
from goalsheet.intake.items import Held, Item, Skipped
from goalsheet.intake.merge import Merged
from goalsheet.intake.scanned import NoteCrop, PageOverview, ReviewItem


@dataclass(frozen=True)
class EntriesText:
    """One new entries file: where it goes (relative to the project) and its bytes."""

    target: str
    data: bytes


@dataclass
class Outcome:
    path: str  # the file imported, as given
    client: str | None = None
    form: str = ""  # "daily-diary v1", "goalsheet CSV", ...
    items: list[Item] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)  # questionnaires not imported, as read
    notes: list[str] = field(default_factory=list)
    merged: Merged | None = None
    target: str | None = None  # the new entries file, relative to the project (the first)
    files: list[EntriesText] = field(default_factory=list)  # more than one if too large
    errors: list[Finding] = field(default_factory=list)  # the file cannot be imported at all
    review: list[ReviewItem] = field(default_factory=list)  # a scan's unclear marks, to check
    crops: list[NoteCrop] = field(default_factory=list)  # a scan's handwritten notes, to keep
    crops_dir: str | None = None  # where they are kept, relative to the project
    crops_kept: int = 0  # notes already kept from an earlier import of the same page
    overviews: list[PageOverview] = field(default_factory=list)  # a scan's pages as read
    # critical answers (PHQ-9 item 9) the file holds that could not be given to this
    # client (someone else's, no subject, a file refused for whose it is): said first
    unplaced: list[str] = field(default_factory=list)

    @property
    def invalid(self) -> list[Skipped]:
        return [s for s in self.skipped if s.invalid]

    def blocked(self, skip_invalid: bool) -> bool:
        """Whether this file stops the whole run: a file that cannot be imported at all
        does unless --skip-invalid leaves it out (the run still fails: see ImportRun)."""
        if self.errors:
            return not skip_invalid
        if self.merged is not None and self.merged.conflicts:
            return True
        return bool(self.invalid) and not skip_invalid

    @property
    def adds(self) -> list[Item]:
        return self.merged.new if self.merged is not None else []
